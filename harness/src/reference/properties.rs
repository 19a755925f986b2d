//! Property references (ECMA-262 §6.2.5): computed member reads, PutValue
//! and OrdinarySet (§10.1.9), arrays' own `length` and index properties
//! (ArraySetLength, §10.4.2.4), and the assignment and update expressions
//! on properties (§13.15.2, §13.4), each in the spec's order:
//!
//! - `o[k]` evaluates `o`, then `k`; GetValue then does ToObject(o) (a
//!   TypeError on `undefined`/`null`) *before* ToPropertyKey(k) (since
//!   ES2024, ecma262 PR #3307: the reference keeps the key's value and
//!   converts it when the reference is used);
//! - `o[k] = v` evaluates `o`, `k`, `v`, and only then PutValue does
//!   ToObject(o) and ToPropertyKey(k) and `[[Set]]`;
//! - `o[k] op= v` and `o[k]++` do GetValue first (ToObject, ToPropertyKey
//!   once, `[[Get]]`), then the right side (or ToNumeric), then PutValue with
//!   the key already converted.
//!
//! Scripts are sloppy: a `[[Set]]` that fails (a non-writable property, an
//! accessor without a setter, a primitive receiver) is ignored.

use super::heap::*;
use super::interp::*;
use super::names;
use super::Abort;
use generators::model::ITERATOR_KEY;
use generators::model::*;
use std::rc::Rc;

/// A property key in the making: a name from the program, or a computed
/// value not yet through ToPropertyKey.
pub enum RefKey<'p> {
    Name(&'p str),
    Value(Value),
}

/// CanonicalNumericIndexString restricted to array indices: `"0"`, `"7"`,
/// `"42"` (no sign, no leading zero), below 2^32 - 1.
pub fn array_index(key: &str) -> Option<usize> {
    let b = key.as_bytes();
    if b.is_empty() || b.len() > 10 || !b.iter().all(u8::is_ascii_digit) || (b[0] == b'0' && b.len() > 1) {
        return None;
    }
    let n: u64 = key.parse().ok()?;
    (n < u32::MAX as u64).then_some(n as usize)
}

impl<'p> Interp<'p> {
    /// An array's own `length` or element at `key`, if `o` is an array that has it.
    pub fn array_own(&self, o: ObjId, key: &str) -> Option<Value> {
        let Kind::Array(items) = &self.heap[o].kind else { return None };
        if key == "length" {
            return Some(Value::Num(items.len() as f64));
        }
        let first = *key.as_bytes().first()?;
        if !first.is_ascii_digit() {
            return None;
        }
        items.get(array_index(key)?).cloned()
    }

    /// A string's own element at the array index `key` (a one-code-unit
    /// string), or `undefined` past its end.
    pub fn string_index(&mut self, s: &str, key: &str) -> JsResult<Value> {
        let i = array_index(key).expect("called with array indices");
        let Some(unit) = s.encode_utf16().nth(i) else {
            return Ok(Value::Undefined);
        };
        match char::from_u32(unit as u32) {
            Some(c) => Ok(self.new_str(c.encode_utf8(&mut [0; 4]))),
            None => {
                Err(Abort::Unsupported("an element of a string that is half a surrogate pair".into()).into())
            }
        }
    }

    /// GetValue's steps on a computed reference `base[key]` before `[[Get]]`:
    /// ToObject(base) (only its TypeError is observable), then ToPropertyKey(key).
    pub fn reference_key(&mut self, base: &Value, key: &Value) -> JsResult<Rc<str>> {
        if matches!(base, Value::Undefined | Value::Null) {
            return self.throw_type_error();
        }
        self.to_property_key(key)
    }

    /// ToPropertyKey (§7.1.19): ToPrimitive(string), then ToString (the
    /// model has no symbol values). A computed key spelled like the model's
    /// names of the well-known symbols is not modelled.
    #[allow(clippy::wrong_self_convention)] // the spec's abstract operation, on the interpreter
    pub fn to_property_key(&mut self, key: &Value) -> JsResult<Rc<str>> {
        let s: Rc<str> = match key {
            Value::Str(s) => s.clone(),
            Value::Num(n) if *n >= 0.0 && *n < 1e9 && n.fract() == 0.0 => {
                let s = (*n as u64).to_string();
                self.charge(s.len() + 16);
                Rc::from(s)
            }
            v => {
                let p = self.to_primitive(v, Hint::String)?;
                let s = self.to_string(&p)?;
                self.charge(s.len() + 16);
                Rc::from(s)
            }
        };
        if s.starts_with("@@") {
            return Err(
                Abort::Unsupported(format!("the property key '{s}' (the model's name of a symbol)")).into()
            );
        }
        Ok(s)
    }

    /// The key of a property reference, converted (ToObject(base) first, as GetValue/PutValue do).
    fn resolve_key(&mut self, base: &Value, key: RefKey<'p>) -> JsResult<Key<'p>> {
        match key {
            RefKey::Name(n) => {
                if matches!(base, Value::Undefined | Value::Null) {
                    return self.throw_type_error();
                }
                Ok(Key::Lit(n))
            }
            RefKey::Value(v) => Ok(Key::Own(self.reference_key(base, &v)?)),
        }
    }

    /// `object.name op= value` / `object[key] op= value`.
    pub fn eval_set_member(
        &mut self,
        object: &'p Expr,
        key: &'p MemberKey,
        op: AssignOp,
        value: &'p Expr,
        env: EnvId,
    ) -> JsResult<Value> {
        let base = self.eval(object, env)?;
        if let Some(private) = key.private() {
            let v = match op {
                AssignOp::Plain => self.eval(value, env)?,
                _ => {
                    let old = self.private_get(&base, private, env)?;
                    let r = self.eval(value, env)?;
                    self.compound(op, old, r)?
                }
            };
            self.private_set(&base, private, v.clone(), env)?;
            return Ok(v);
        }
        let key = self.eval_member_key(key, env)?;
        if op == AssignOp::Plain {
            let v = self.eval(value, env)?;
            let key = self.resolve_key(&base, key)?;
            self.put_value(&base, key, v.clone())?;
            return Ok(v);
        }
        let key = self.resolve_key(&base, key)?;
        let old = self.get(&base, &key)?;
        let r = self.eval(value, env)?;
        let v = self.compound(op, old, r)?;
        self.put_value(&base, key, v.clone())?;
        Ok(v)
    }

    /// `++object.name`, `object[key]--`, ...: GetValue, ToNumeric, PutValue.
    pub fn eval_update_member(
        &mut self,
        object: &'p Expr,
        key: &'p MemberKey,
        op: UpdateOp,
        prefix: bool,
        env: EnvId,
    ) -> JsResult<Value> {
        let base = self.eval(object, env)?;
        let step = |old: f64| if op == UpdateOp::Inc { old + 1.0 } else { old - 1.0 };
        if let Some(private) = key.private() {
            let old = self.private_get(&base, private, env)?;
            let old = self.to_number(&old)?;
            self.private_set(&base, private, Value::Num(step(old)), env)?;
            return Ok(Value::Num(if prefix { step(old) } else { old }));
        }
        let key = self.eval_member_key(key, env)?;
        let key = self.resolve_key(&base, key)?;
        let old = self.get(&base, &key)?;
        let old = self.to_number(&old)?;
        self.put_value(&base, key, Value::Num(step(old)))?;
        Ok(Value::Num(if prefix { step(old) } else { old }))
    }

    fn eval_member_key(&mut self, key: &'p MemberKey, env: EnvId) -> JsResult<RefKey<'p>> {
        Ok(match key {
            MemberKey::Name(n) => RefKey::Name(n),
            MemberKey::Computed(k) => RefKey::Value(self.eval(k, env)?),
        })
    }

    /// PutValue on a property reference whose key is converted, sloppy:
    /// `base.[[Set]](key, v, base)`, its failure ignored.
    pub fn put_value(&mut self, base: &Value, key: Key<'p>, v: Value) -> JsResult<()> {
        match base {
            Value::Undefined | Value::Null => self.throw_type_error(),
            Value::Obj(o) => self.ordinary_set(*o, key, v).map(|_| ()),
            // ToObject(base).[[Set]](key, v, base): a wrapper's own `length`
            // and indices are read-only, and a property found on the
            // prototype chain fails as the receiver is not an object,
            // unless it is an accessor (of the built-ins', unmodelled).
            _ => {
                let proto = match base {
                    Value::Str(_) => &names::STRING_PROTOTYPE,
                    Value::Num(_) => &names::NUMBER_PROTOTYPE,
                    _ => &names::BOOLEAN_PROTOTYPE,
                };
                if let Value::Str(_) = base {
                    if &*key == "length" || array_index(&key).is_some() {
                        return Ok(());
                    }
                }
                match [proto, &names::OBJECT_PROTOTYPE].into_iter().find(|t| t.has(&key)) {
                    Some(t) => {
                        Err(Abort::Unsupported(format!("assignment to {} on a primitive", t.member(&key)))
                            .into())
                    }
                    None => Ok(()),
                }
            }
        }
    }

    /// OrdinarySet(O, P, V, O) (§10.1.9.1-2) with the receiver `o` itself,
    /// arrays' exotic `length` and indices included. Returns whether it succeeded.
    pub fn ordinary_set(&mut self, o: ObjId, key: Key<'p>, v: Value) -> JsResult<bool> {
        self.refuse_mapped_arguments(o)?;
        let mut cur = Some(o);
        while let Some(c) = cur {
            if let Kind::Array(items) = &self.heap[c].kind {
                let len = items.len();
                if &*key == "length" {
                    if c != o {
                        return Err(
                            Abort::Unsupported("assignment to an inherited array `length`".into()).into()
                        );
                    }
                    return self.array_set_length(o, v);
                }
                if let Some(i) = array_index(&key).filter(|i| *i < len) {
                    if c != o {
                        return Err(
                            Abort::Unsupported("assignment to an inherited array element".into()).into()
                        );
                    }
                    let Kind::Array(items) = &mut self.heap[o].kind else { unreachable!() };
                    items[i] = v;
                    return Ok(true);
                }
            }
            let found = self.heap[c].props.iter().position(|(k, _)| **k == *key);
            if let Some(at) = found {
                match &self.heap[c].props[at].1 {
                    Slot::Accessor(fns, _) => {
                        let setter = fns.1.clone();
                        if setter == Value::Undefined {
                            return Ok(false);
                        }
                        self.call(&setter, &Value::Obj(o), &[v])?;
                        return Ok(true);
                    }
                    slot if !slot.attrs().writable => return Ok(false),
                    _ if c == o => {
                        // Receiver.[[DefineOwnProperty]](P, { [[Value]]: V }): the attributes stay.
                        match &mut self.heap[o].props[at].1 {
                            Slot::Data(old) | Slot::DataWith(old, _) => *old = v,
                            Slot::Accessor(..) => unreachable!("handled above"),
                        }
                        return Ok(true);
                    }
                    // Found on the prototype chain: a new own property of the receiver.
                    _ => break,
                }
            }
            if let Some(what) = self.unmodelled(c, &key) {
                return Err(Abort::Unsupported(format!("assignment to {what}")).into());
            }
            cur = self.heap[c].proto;
        }
        self.create_data_property(o, key, v)
    }

    /// CreateDataProperty(O, P, V) for a key `o` does not have as its own.
    fn create_data_property(&mut self, o: ObjId, key: Key<'p>, v: Value) -> JsResult<bool> {
        if let Kind::Array(items) = &self.heap[o].kind {
            if let Some(i) = array_index(&key) {
                if i != items.len() {
                    return Err(
                        Abort::Unsupported("an array element past the array's end (a hole)".into()).into()
                    );
                }
                self.charge(std::mem::size_of::<Value>());
                let Kind::Array(items) = &mut self.heap[o].kind else { unreachable!() };
                items.push(v);
                return Ok(true);
            }
        }
        self.define_slot(o, key, Slot::Data(v));
        Ok(true)
    }

    /// ArraySetLength (§10.4.2.4) for `[[Set]]` of `length`: ToUint32 and
    /// ToNumber of the value (each calls its `valueOf`), a RangeError when
    /// they differ, then truncation. Growing would make holes.
    fn array_set_length(&mut self, o: ObjId, v: Value) -> JsResult<bool> {
        let uint32 = {
            let n = self.to_number(&v)?;
            if n.is_finite() {
                (n.trunc().rem_euclid(4294967296.0)) as u64
            } else {
                0
            }
        };
        let number = self.to_number(&v)?;
        if uint32 as f64 != number {
            let e = self.new_error("RangeError");
            return throw(e);
        }
        let Kind::Array(items) = &mut self.heap[o].kind else { unreachable!("called on arrays") };
        let new_len = uint32 as usize;
        if new_len > items.len() {
            return Err(Abort::Unsupported("growing an array through `length` (holes)".into()).into());
        }
        items.truncate(new_len);
        Ok(true)
    }
}

impl<'p> Interp<'p> {
    /// Whether iterating the array `o` runs the built-in array iterator
    /// (what Promise.all & co. and AggregateError take as read): no own
    /// `[Symbol.iterator]`, and Array.prototype's and %ArrayIteratorPrototype%'s
    /// methods as the realm made them.
    pub fn iterates_natively(&self, o: ObjId) -> bool {
        let builtin_at = |obj: ObjId, key: &str, want: fn(&Builtin) -> bool| match self.heap[obj]
            .props
            .iter()
            .find(|(k, _)| &**k == key)
        {
            Some((_, Slot::Data(Value::Obj(f)) | Slot::DataWith(Value::Obj(f), _))) => {
                matches!(&self.heap[*f].kind, Kind::Builtin(b) if want(b))
            }
            _ => false,
        };
        let i = &self.intrinsics;
        self.heap[o].proto == Some(i.array_proto)
            && !self.heap[o].props.iter().any(|(k, _)| &**k == ITERATOR_KEY)
            && builtin_at(i.array_proto, ITERATOR_KEY, |b| matches!(b, Builtin::ArrayValues))
            && builtin_at(i.array_iterator_proto, "next", |b| matches!(b, Builtin::ArrayIteratorNext))
    }

    /// An array a built-in iterates as a list, or unsupported when a program changed how it iterates.
    pub fn native_array(&self, o: ObjId, what: &str) -> JsResult<()> {
        if self.iterates_natively(o) {
            Ok(())
        } else {
            Err(Abort::Unsupported(format!("{what} over an array whose iteration the program replaced"))
                .into())
        }
    }
}
