//! The global `Object` (ECMA-262 §20.1.2): `keys`, `getPrototypeOf`,
//! `setPrototypeOf`, `create` (one argument) and `defineProperty` with
//! ToPropertyDescriptor's order of reads and ValidateAndApplyPropertyDescriptor.
//! Everything else on `Object`, calling it and `new Object` are unsupported.

use super::heap::*;
use super::interp::*;
use super::properties::array_index;
use super::Abort;
use std::rc::Rc;

/// Which static method of `Object`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjectMethod {
    Keys,
    GetPrototypeOf,
    SetPrototypeOf,
    Create,
    DefineProperty,
    Entries,
    Values,
    Assign,
}

/// A Property Descriptor's fields, each absent or present.
#[derive(Default)]
struct Desc {
    value: Option<Value>,
    writable: Option<bool>,
    get: Option<Value>,
    set: Option<Value>,
    enumerable: Option<bool>,
    configurable: Option<bool>,
}

impl Desc {
    fn is_accessor(&self) -> bool {
        self.get.is_some() || self.set.is_some()
    }
    fn is_data(&self) -> bool {
        self.value.is_some() || self.writable.is_some()
    }
}

fn unsupported<T>(what: &str) -> JsResult<T> {
    Err(Abort::Unsupported(what.to_string()).into())
}

impl<'p> Interp<'p> {
    pub fn object_method(&mut self, m: ObjectMethod, args: &[Value]) -> JsResult<Value> {
        let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::Undefined);
        match m {
            ObjectMethod::Keys => {
                let o = self.object_argument(&arg(0), "Object.keys")?;
                let keys = self.enumerable_own_keys(o)?;
                let items = keys.into_iter().map(Value::Str).collect();
                Ok(self.new_array(items))
            }
            // EnumerableOwnProperties(O, value / key+value): each key still
            // enumerable at its turn, then a Get.
            ObjectMethod::Entries | ObjectMethod::Values => {
                let what = if m == ObjectMethod::Entries { "Object.entries" } else { "Object.values" };
                let source = arg(0);
                let o = self.object_argument(&source, what)?;
                let mut items = Vec::new();
                // Every own string key, each checked when its turn comes (a getter may change the rest).
                for key in self.own_property_keys(o, what, false)? {
                    if key.starts_with("@@") || !self.own_enumerable(o, &key) {
                        continue;
                    }
                    let v = self.get(&source, &key)?;
                    items.push(match m {
                        ObjectMethod::Entries => self.new_array(vec![Value::Str(key), v]),
                        _ => v,
                    });
                }
                Ok(self.new_array(items))
            }
            ObjectMethod::Assign => {
                let target = arg(0);
                let to = self.object_argument(&target, "Object.assign")?;
                for source in args.iter().skip(1) {
                    let Value::Obj(from) = source else {
                        if let Value::Str(s) = source {
                            if !s.is_empty() {
                                return unsupported("Object.assign from a string");
                            }
                        }
                        continue;
                    };
                    for key in self.own_property_keys(*from, "Object.assign", false)? {
                        if !self.own_enumerable(*from, &key) {
                            continue;
                        }
                        let v = self.get(source, &key)?;
                        // Set(to, key, v, true): setters run, a failed write throws.
                        let key = Key::Own(key);
                        if !self.ordinary_set(to, key, v)? {
                            return self.throw_type_error();
                        }
                    }
                }
                Ok(Value::Obj(to))
            }
            ObjectMethod::GetPrototypeOf => {
                let o = self.object_argument(&arg(0), "Object.getPrototypeOf")?;
                Ok(self.heap[o].proto.map_or(Value::Null, Value::Obj))
            }
            ObjectMethod::SetPrototypeOf => {
                let (o, proto) = (arg(0), arg(1));
                if matches!(o, Value::Undefined | Value::Null) {
                    return self.throw_type_error();
                }
                let proto = match proto {
                    Value::Obj(p) => Some(p),
                    Value::Null => None,
                    _ => return self.throw_type_error(),
                };
                let Some(obj) = o.as_obj() else { return Ok(o) };
                if !self.set_prototype(obj, proto) {
                    return self.throw_type_error();
                }
                Ok(o)
            }
            ObjectMethod::Create => {
                let proto = match arg(0) {
                    Value::Obj(p) => Some(p),
                    Value::Null => None,
                    _ => return self.throw_type_error(),
                };
                if arg(1) != Value::Undefined {
                    return unsupported("Object.create with property descriptors");
                }
                Ok(Value::Obj(self.alloc(proto, Kind::Ordinary)))
            }
            ObjectMethod::DefineProperty => {
                let target = arg(0);
                let Some(o) = target.as_obj() else { return self.throw_type_error() };
                let key = self.to_property_key(&arg(1))?;
                let desc = self.to_property_descriptor(&arg(2))?;
                if !self.define_own_property(o, key, desc)? {
                    return self.throw_type_error();
                }
                Ok(target)
            }
        }
    }

    /// ToObject for the methods that take an object: primitives other
    /// than `undefined`/`null` (wrappers) are not modelled.
    fn object_argument(&mut self, v: &Value, what: &str) -> JsResult<ObjId> {
        match v {
            Value::Obj(o) => Ok(*o),
            Value::Undefined | Value::Null => self.throw_type_error(),
            _ => unsupported(&format!("{what} of a primitive")),
        }
    }

    /// OrdinarySetPrototypeOf (§10.1.2.1), Object.prototype's immutable prototype (§10.4.7) included.
    fn set_prototype(&mut self, o: ObjId, proto: Option<ObjId>) -> bool {
        if self.heap[o].proto == proto {
            return true;
        }
        if o == self.intrinsics.object_proto {
            return false;
        }
        let mut p = proto;
        while let Some(q) = p {
            if q == o {
                return false;
            }
            p = self.heap[q].proto;
        }
        self.heap[o].proto = proto;
        true
    }

    /// EnumerableOwnProperties(O, key): OrdinaryOwnPropertyKeys' order
    /// (array indices ascending, then strings in creation order; symbols
    /// skipped), enumerable ones only.
    fn enumerable_own_keys(&mut self, o: ObjId) -> JsResult<Vec<Rc<str>>> {
        self.own_property_keys(o, "Object.keys", true)
    }

    /// CopyDataProperties(target, source, excluded) (§7.3.25), into a new
    /// ordinary object, for an object pattern's rest: every own key (symbols
    /// last), and for each one not excluded that is still an enumerable own
    /// property when its turn comes, a Get (getters run).
    pub fn copy_data_properties(&mut self, source: &Value, excluded: &[&str]) -> JsResult<Value> {
        let target = self.alloc(Some(self.intrinsics.object_proto), Kind::Ordinary);
        let o = match source {
            Value::Obj(o) => *o,
            Value::Str(_) => return unsupported("a rest property of a string (its index properties)"),
            // ToObject of a number or boolean: a wrapper without own properties.
            _ => return Ok(Value::Obj(target)),
        };
        for key in self.own_property_keys(o, "a rest property", false)? {
            if excluded.contains(&&*key) || !self.own_enumerable(o, &key) {
                continue;
            }
            let v = self.get(source, &key)?;
            self.define_slot(target, Key::Own(key), Slot::Data(v));
        }
        Ok(Value::Obj(target))
    }

    /// EnumerableOwnProperties(O, key) for JSON.stringify: every enumerable
    /// own string key, decided before any property is read.
    pub fn json_keys(&mut self, o: ObjId) -> JsResult<Vec<Rc<str>>> {
        self.own_property_keys(o, "JSON.stringify", true)
    }

    /// Whether `key` is an own enumerable property of `o` now.
    fn own_enumerable(&self, o: ObjId, key: &str) -> bool {
        if let Kind::Array(items) = &self.heap[o].kind {
            if array_index(key).is_some_and(|i| i < items.len()) {
                return true;
            }
        }
        self.heap[o].props.iter().find(|(k, _)| **k == *key).is_some_and(|(_, s)| s.attrs().enumerable)
    }

    /// OrdinaryOwnPropertyKeys of `o` (for `what`): array indices ascending,
    /// then string keys in creation order; all keys, symbols last, or only
    /// the enumerable string keys (EnumerableOwnProperties).
    fn own_property_keys(&mut self, o: ObjId, what: &str, enumerable_only: bool) -> JsResult<Vec<Rc<str>>> {
        match self.heap[o].kind {
            Kind::Ordinary
            | Kind::Array(_)
            | Kind::Arguments { .. }
            | Kind::Promise(_)
            | Kind::Closure(_)
            | Kind::Generator(_) => {}
            _ => return unsupported(&format!("{what} of a built-in object of this kind")),
        }
        if self.heap.is_intrinsic(o) {
            return unsupported(&format!("{what} of a built-in object"));
        }
        let mut indices: Vec<(usize, Rc<str>)> = Vec::new();
        let (mut names, mut symbols): (Vec<Rc<str>>, Vec<Rc<str>>) = (Vec::new(), Vec::new());
        if let Kind::Array(items) = &self.heap[o].kind {
            for i in 0..items.len() {
                indices.push((i, Rc::from(i.to_string())));
            }
        }
        for (k, slot) in &self.heap[o].props {
            if enumerable_only && (k.starts_with("@@") || !slot.attrs().enumerable) {
                continue;
            }
            match array_index(k) {
                Some(i) => indices.push((i, Rc::from(&**k))),
                None if k.starts_with("@@") => symbols.push(Rc::from(&**k)),
                None => names.push(Rc::from(&**k)),
            }
        }
        indices.sort_by_key(|(i, _)| *i);
        self.charge((indices.len() + names.len() + symbols.len()) * 32);
        Ok(indices.into_iter().map(|(_, k)| k).chain(names).chain(symbols).collect())
    }

    /// Object.prototype.hasOwnProperty(V) (§20.1.3.2): ToPropertyKey(V), then
    /// ToObject(this value), then whether it has that own property.
    pub fn has_own_property(&mut self, this: &Value, key: &Value) -> JsResult<Value> {
        let key = self.to_property_key(key)?;
        let o = match this {
            Value::Obj(o) => *o,
            Value::Undefined | Value::Null => return self.throw_type_error(),
            // A Number or Boolean wrapper has no own properties.
            Value::Num(_) | Value::Bool(_) => return Ok(Value::Bool(false)),
            _ => return unsupported("hasOwnProperty on a string"),
        };
        let own = self.heap[o].props.iter().any(|(k, _)| **k == *key)
            || self.array_own(o, &key).is_some()
            || (&*key == "prototype" && self.is_ordinary_function(o));
        if !own {
            if let Some(what) = self.unmodelled(o, &key) {
                return unsupported(&format!("hasOwnProperty of {what}"));
            }
        }
        Ok(Value::Bool(own))
    }

    /// ToPropertyDescriptor (§6.2.6.5): HasProperty then Get of enumerable,
    /// configurable, value, writable, get, set, in that order.
    #[allow(clippy::wrong_self_convention)] // the spec's abstract operation, on the interpreter
    fn to_property_descriptor(&mut self, v: &Value) -> JsResult<Desc> {
        if v.as_obj().is_none() {
            return self.throw_type_error();
        }
        let mut d = Desc::default();
        for field in ["enumerable", "configurable", "value", "writable", "get", "set"] {
            if !self.has_property(v, field)? {
                continue;
            }
            let x = self.get(v, field)?;
            match field {
                "enumerable" => d.enumerable = Some(self.to_boolean(&x)),
                "configurable" => d.configurable = Some(self.to_boolean(&x)),
                "value" => d.value = Some(x),
                "writable" => d.writable = Some(self.to_boolean(&x)),
                _ => {
                    if x != Value::Undefined && !self.is_callable(&x) {
                        return self.throw_type_error();
                    }
                    if field == "get" {
                        d.get = Some(x)
                    } else {
                        d.set = Some(x)
                    }
                }
            }
        }
        if d.is_accessor() && d.is_data() {
            return self.throw_type_error();
        }
        Ok(d)
    }

    /// OrdinaryDefineOwnProperty / ValidateAndApplyPropertyDescriptor (§10.1.6.3).
    fn define_own_property(&mut self, o: ObjId, key: Rc<str>, d: Desc) -> JsResult<bool> {
        self.refuse_mapped_arguments(o)?;
        if matches!(self.heap[o].kind, Kind::Array(_)) && (&*key == "length" || array_index(&key).is_some()) {
            return unsupported("Object.defineProperty of an array's length or element");
        }
        let at = self.heap[o].props.iter().position(|(k, _)| **k == *key);
        let Some(at) = at else {
            if let Some(what) = self.unmodelled(o, &key) {
                return unsupported(&format!("Object.defineProperty of {what}"));
            }
            let attrs = Attrs {
                writable: d.writable.unwrap_or(false),
                enumerable: d.enumerable.unwrap_or(false),
                configurable: d.configurable.unwrap_or(false),
            };
            let slot = if d.is_accessor() {
                let fns = (d.get.unwrap_or(Value::Undefined), d.set.unwrap_or(Value::Undefined));
                Slot::Accessor(Rc::new(fns), attrs)
            } else {
                Slot::DataWith(d.value.unwrap_or(Value::Undefined), attrs)
            };
            self.define_slot(o, Key::Own(key), slot);
            return Ok(true);
        };
        let current = self.heap[o].props[at].1.clone();
        let cur = current.attrs();
        let (cur_accessor, cur_value, cur_fns) = match &current {
            Slot::Data(v) | Slot::DataWith(v, _) => (false, v.clone(), (Value::Undefined, Value::Undefined)),
            Slot::Accessor(f, _) => (true, Value::Undefined, (**f).clone()),
        };
        if !cur.configurable {
            if d.configurable == Some(true) {
                return Ok(false);
            }
            if d.enumerable.is_some_and(|e| e != cur.enumerable) {
                return Ok(false);
            }
            let generic = !d.is_accessor() && !d.is_data();
            if !generic && d.is_accessor() != cur_accessor {
                return Ok(false);
            }
            if cur_accessor {
                if d.get.as_ref().is_some_and(|g| !g.same(&cur_fns.0))
                    || d.set.as_ref().is_some_and(|s| !s.same(&cur_fns.1))
                {
                    return Ok(false);
                }
            } else if !cur.writable {
                if d.writable == Some(true) {
                    return Ok(false);
                }
                if d.value.as_ref().is_some_and(|v| !v.same(&cur_value)) {
                    return Ok(false);
                }
            }
        }
        let enumerable = d.enumerable.unwrap_or(cur.enumerable);
        let configurable = d.configurable.unwrap_or(cur.configurable);
        let slot = if d.is_accessor() {
            let (g, s) = if cur_accessor { cur_fns } else { (Value::Undefined, Value::Undefined) };
            let fns = (d.get.unwrap_or(g), d.set.unwrap_or(s));
            Slot::Accessor(Rc::new(fns), Attrs { writable: false, enumerable, configurable })
        } else if d.is_data() || !cur_accessor {
            let (v, w) = if cur_accessor { (Value::Undefined, false) } else { (cur_value, cur.writable) };
            let attrs = Attrs { writable: d.writable.unwrap_or(w), enumerable, configurable };
            Slot::DataWith(d.value.unwrap_or(v), attrs)
        } else {
            Slot::Accessor(Rc::new(cur_fns), Attrs { writable: false, enumerable, configurable })
        };
        self.heap[o].props[at].1 = slot;
        Ok(true)
    }
}
