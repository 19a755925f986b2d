//! `this`, classes and `super` (ECMA-262 §9.1.1.3, §10.2, §15.7, §13.3.7),
//! and Function.prototype.call / apply (§20.2.3).
//!
//! The spec's Function Environment Record fields live as bindings of the
//! function's environment under names no program can write: `this` (its
//! `[[ThisValue]]`; `None` is ~uninitialized~, a derived constructor before
//! `super()`), `%func` (`[[FunctionObject]]`, constructors only) and
//! `%newtarget`. A class's methods close over an environment binding
//! `%home` (their `[[HomeObject]]`), whose parent is the class scope, which
//! binds `%strict`: code under it is strict. Arrow functions bind none of
//! them, so they see their context's, as the spec's arrows do.
//!
//! Private names (§6.2.12) are bindings too: a class body that declares
//! `#x` binds `#x`, in an environment between the class scope and its
//! methods' homes, to a fresh object no program can reach, whose identity
//! is the Private Name (a PrivateEnvironment Record; no identifier can
//! spell `#x`). The private elements themselves (§7.3.26-31) live apart
//! from properties, in [`PrivateElements`], so no property operation sees them.

use super::heap::*;
use super::interp::*;
use super::machine::*;
use super::Abort;
use generators::model::*;
use std::collections::HashMap;
use std::rc::Rc;

/// A PrivateElement's kind and value (§6.2.10).
#[derive(Clone)]
pub enum PrivateElement {
    Field(Value),
    Method(Value),
    /// Getter and setter, either `undefined`.
    Accessor(Value, Value),
}

/// Private elements by object: its `[[PrivateElements]]` (Private Name,
/// element), and a class's `[[PrivateMethods]]` for its instances.
#[derive(Default)]
pub struct PrivateElements {
    of_object: HashMap<ObjId, Vec<(ObjId, PrivateElement)>>,
    methods_of_class: HashMap<ObjId, Vec<(ObjId, PrivateElement)>>,
}

/// The names of the Function Environment Record fields (see the module doc).
pub const THIS: &str = "this";
const FUNC: &str = "%func";
const NEW_TARGET: &str = "%newtarget";
const HOME: &str = "%home";
const STRICT: &str = "%strict";

impl<'p> Interp<'p> {
    /// The value a binding in `env` (or an enclosing one) holds: `None` if
    /// no environment binds `name`, `Some(None)` if it is uninitialized.
    fn find_binding(&self, name: &str, env: EnvId) -> Option<(EnvId, Option<Value>)> {
        let mut cur = Some(env);
        while let Some(e) = cur {
            if let Some((_, v)) = self.envs[e].vars.iter().find(|(n, _)| *n == name) {
                return Some((e, v.clone()));
            }
            cur = self.envs[e].parent;
        }
        None
    }

    /// Whether code whose environment is `env` is strict (inside a class).
    pub(super) fn is_strict(&self, env: EnvId) -> bool {
        self.find_binding(STRICT, env).is_some()
    }

    /// ResolveThisBinding (§9.4.4). Sloppy functions see the global object
    /// for an undefined or null `this` and a wrapper object for a primitive
    /// (OrdinaryCallBindThis), and the script's `this` is the global object:
    /// the reference has neither, so those end the run as unsupported.
    pub fn this_value(&mut self, env: EnvId) -> JsResult<Value> {
        match self.find_binding(THIS, env) {
            None => {
                Err(Abort::Unsupported("`this` at the top level of a script (the global object)".into())
                    .into())
            }
            Some((_, None)) => {
                let e = self.new_error("ReferenceError");
                throw(e)
            }
            Some((_, Some(v))) if v.as_obj().is_some() => Ok(v),
            Some((at, Some(v))) => {
                if self.is_strict(at) {
                    Ok(v)
                } else {
                    let what = match v {
                        Value::Undefined | Value::Null => "undefined or null (the global object)",
                        _ => "a primitive (a wrapper object)",
                    };
                    Err(Abort::Unsupported(format!("`this` of a sloppy-mode function called with {what}"))
                        .into())
                }
            }
        }
    }

    /// `super.key` (§13.3.7.1): the this value first, then the home
    /// object's prototype; the function to call and its receiver.
    pub fn super_member(&mut self, key: &'p str, env: EnvId) -> JsResult<(Value, Value)> {
        let this = self.this_value(env)?;
        let Some((_, Some(Value::Obj(home)))) = self.find_binding(HOME, env) else {
            unreachable!("validated: super.x only in class elements");
        };
        match self.heap[home].proto {
            Some(base) => Ok((self.get_from(base, key, &this)?, this)),
            // ToObject(null) in GetValue.
            None => self.throw_type_error(),
        }
    }

    /// `super(args)` (§13.3.7.1 SuperCall).
    pub fn super_call(&mut self, args: &'p [Expr], env: EnvId) -> JsResult<Value> {
        let Some((fenv, Some(Value::Obj(f)))) = self.find_binding(FUNC, env) else {
            unreachable!("validated: super() only in derived constructors");
        };
        let new_target = match self.find_binding(NEW_TARGET, env) {
            Some((_, Some(v))) => v,
            _ => unreachable!("constructors bind their new.target"),
        };
        // GetSuperConstructor, before the arguments are evaluated.
        let func = self.heap[f].proto.map_or(Value::Null, Value::Obj);
        let list = self.eval_args(args, env)?;
        self.check_constructor(&func, "super() of")?;
        let result = self.construct_with(&func, &list, &new_target)?;
        // BindThisValue: a second super() throws, after constructing.
        let slot = self.envs[fenv].vars.iter().position(|(n, _)| *n == THIS).expect("constructors bind this");
        if self.envs[fenv].vars[slot].1.is_some() {
            let e = self.new_error("ReferenceError");
            return throw(e);
        }
        self.envs[fenv].vars[slot].1 = Some(result.clone());
        self.initialize_instance_elements(f, &result)?;
        Ok(result)
    }

    /// IsConstructor for a superclass or a super constructor: the model's
    /// user functions do not say whether they are methods (which are not
    /// constructors), so extending one is unsupported; `what` names the use.
    fn check_constructor(&mut self, v: &Value, what: &str) -> JsResult<()> {
        match v.as_obj().map(|o| &self.heap[o].kind) {
            Some(Kind::Builtin(Builtin::StringFunction)) => {
                Err(Abort::Unsupported(format!("{what} String")).into())
            }
            _ if self.is_constructor(v) => Ok(()),
            _ => self.throw_type_error(),
        }
    }

    /// ClassDefinitionEvaluation (§15.7.14) without static blocks (the
    /// front end refuses them).
    pub fn eval_class(&mut self, class: &'p Class, env: EnvId) -> JsResult<Value> {
        let class_env = self.push_env(Env { parent: Some(env), vars: Vec::with_capacity(2) });
        self.initialize(STRICT, class_env, Value::Undefined);
        if let Some(name) = &class.name {
            // An immutable binding in its TDZ until the class exists.
            self.declare_uninitialized(name, class_env);
            self.const_bindings.insert((class_env, name));
        }
        let i = self.intrinsics;
        let (proto_parent, ctor_parent) = match &class.extends {
            None => (Some(i.object_proto), i.function_proto),
            Some(e) => {
                let superclass = self.eval(e, class_env)?;
                if superclass == Value::Null {
                    (None, i.function_proto)
                } else {
                    self.check_constructor(&superclass, "a class extending")?;
                    let proto_parent = match self.get(&superclass, "prototype")? {
                        Value::Obj(o) => Some(o),
                        Value::Null => None,
                        _ => return self.throw_type_error(),
                    };
                    (proto_parent, superclass.as_obj().expect("a constructor"))
                }
            }
        };
        // The class's PrivateEnvironment: the heritage above did not see it.
        let private_env = self.private_environment(class, class_env);
        let proto = self.alloc(proto_parent, Kind::Ordinary);
        let proto_home = self.push_env(Env { parent: Some(private_env), vars: Vec::with_capacity(1) });
        self.initialize(HOME, proto_home, Value::Obj(proto));
        let f = self.alloc(
            Some(ctor_parent),
            Kind::Class(ClassObj { class, home: proto_home, derived: class.extends.is_some() }),
        );
        let static_home = self.push_env(Env { parent: Some(private_env), vars: Vec::with_capacity(1) });
        self.initialize(HOME, static_home, Value::Obj(f));
        // ClassDefinitionEvaluation: MakeConstructor(F, false, proto) gives
        // a `prototype` that is neither writable, enumerable nor configurable;
        // `constructor` and the methods are non-enumerable (DefineMethodProperty).
        self.define_slot(f, Key::Lit("prototype"), Slot::DataWith(Value::Obj(proto), Attrs::FROZEN));
        self.define_hidden(proto, "constructor", Value::Obj(f));
        // ClassElementEvaluation of the methods, in order; private ones are
        // kept for PrivateMethodOrAccessorAdd (an instance's at its
        // construction, the class's own below).
        let (mut instance_private, mut static_private) = (Vec::new(), Vec::new());
        for m in &class.members {
            let Some(key) = m.key() else { continue };
            let is_static = m.is_static();
            let (target, home) = if is_static { (f, static_home) } else { (proto, proto_home) };
            let element = match m {
                ClassMember::Constructor(_) | ClassMember::Field { .. } => continue,
                ClassMember::Method { func, .. } => {
                    PrivateElement::Method(self.method_closure(func, home, Some(key)))
                }
                ClassMember::Getter { body, .. } => {
                    PrivateElement::Accessor(self.getter_closure(body, home), Value::Undefined)
                }
                ClassMember::Setter { param, body, .. } => {
                    PrivateElement::Accessor(Value::Undefined, self.setter_closure(param, body, home))
                }
            };
            if is_private(key) {
                let name = self.private_name(key, home);
                let list = if is_static { &mut static_private } else { &mut instance_private };
                add_private_method(list, name, element);
                continue;
            }
            let slot = match element {
                PrivateElement::Method(closure) => Slot::DataWith(closure, Attrs::BUILTIN),
                // A getter or setter on an existing accessor keeps its other half.
                PrivateElement::Accessor(get, set) => {
                    let (old_get, old_set) =
                        self.own_accessor(target, key).unwrap_or((Value::Undefined, Value::Undefined));
                    let get = if get == Value::Undefined { old_get } else { get };
                    let set = if set == Value::Undefined { old_set } else { set };
                    Slot::Accessor(Rc::new((get, set)), Attrs { enumerable: false, ..Attrs::ALL })
                }
                PrivateElement::Field(_) => unreachable!("fields are skipped above"),
            };
            self.define_slot(target, Key::Lit(key), slot);
        }
        if let Some(name) = &class.name {
            self.initialize(name, class_env, Value::Obj(f));
        }
        if !instance_private.is_empty() {
            self.private.methods_of_class.insert(f, instance_private);
        }
        for (name, element) in static_private {
            self.private_element_add(f, name, element)?;
        }
        // The static fields, in order, once the class binding is initialized.
        for m in &class.members {
            if let ClassMember::Field { is_static: true, key, value } = m {
                self.define_field(static_home, &Value::Obj(f), key, value.as_ref())?;
            }
        }
        Ok(Value::Obj(f))
    }

    /// NewPrivateEnvironment (§9.2.1.1) with a new Private Name for each
    /// private name the class body declares (a getter and setter share one);
    /// `class_env` itself when it declares none.
    fn private_environment(&mut self, class: &'p Class, class_env: EnvId) -> EnvId {
        let mut names: Vec<(&'p str, Option<Value>)> = Vec::new();
        for key in class.members.iter().filter_map(ClassMember::key) {
            if is_private(key) && !names.iter().any(|(n, _)| *n == key) {
                let name = self.alloc(None, Kind::Ordinary);
                names.push((key, Some(Value::Obj(name))));
            }
        }
        if names.is_empty() {
            return class_env;
        }
        self.push_env(Env { parent: Some(class_env), vars: names })
    }

    /// ResolvePrivateIdentifier (§9.2.1.2): the Private Name `#x` denotes in `env`.
    fn private_name(&self, key: &str, env: EnvId) -> ObjId {
        match self.find_binding(key, env) {
            Some((_, Some(Value::Obj(name)))) => name,
            _ => unreachable!("validated: every private name is declared by an enclosing class"),
        }
    }

    /// PrivateElementFind (§7.3.27): `o`'s element named `name`.
    fn private_element(&self, o: ObjId, name: ObjId) -> Option<&PrivateElement> {
        let list = self.private.of_object.get(&o)?;
        list.iter().find(|(n, _)| *n == name).map(|(_, e)| e)
    }

    /// PrivateFieldAdd / PrivateMethodOrAccessorAdd (§7.3.28-29): a
    /// TypeError if `o` already has the element (a constructor that
    /// returned an object which went through the class before).
    fn private_element_add(&mut self, o: ObjId, name: ObjId, element: PrivateElement) -> JsResult<()> {
        if self.private_element(o, name).is_some() {
            return self.throw_type_error();
        }
        self.charge(PROP_BYTES);
        self.private.of_object.entry(o).or_default().push((name, element));
        Ok(())
    }

    /// The object a private reference's GetValue and PutValue act on:
    /// ToObject(base), and a wrapper of a primitive has no private elements.
    fn private_base(&mut self, base: &Value, name: ObjId) -> JsResult<(ObjId, PrivateElement)> {
        let found = base.as_obj().and_then(|o| Some((o, self.private_element(o, name)?.clone())));
        match found {
            Some(found) => Ok(found),
            None => self.throw_type_error(),
        }
    }

    /// GetValue of `base.property` in `env`: a property, or a private element.
    pub fn get_member(&mut self, base: &Value, property: &'p str, env: EnvId) -> JsResult<Value> {
        if is_private(property) {
            self.private_get(base, property, env)
        } else {
            self.get(base, property)
        }
    }

    /// PrivateGet(o, `#x`) (§7.3.30) for `base.#x` in `env`.
    pub fn private_get(&mut self, base: &Value, key: &str, env: EnvId) -> JsResult<Value> {
        let name = self.private_name(key, env);
        match self.private_base(base, name)? {
            (_, PrivateElement::Field(v) | PrivateElement::Method(v)) => Ok(v),
            (_, PrivateElement::Accessor(Value::Undefined, _)) => self.throw_type_error(),
            (o, PrivateElement::Accessor(get, _)) => self.call(&get, &Value::Obj(o), &[]),
        }
    }

    /// PrivateSet(o, `#x`, v) (§7.3.31) for `base.#x = v` in `env`.
    pub fn private_set(&mut self, base: &Value, key: &str, v: Value, env: EnvId) -> JsResult<()> {
        let name = self.private_name(key, env);
        match self.private_base(base, name)? {
            (o, PrivateElement::Field(_)) => {
                let list = self.private.of_object.get_mut(&o).expect("found above");
                let slot = list.iter_mut().find(|(n, _)| *n == name).expect("found above");
                slot.1 = PrivateElement::Field(v);
                Ok(())
            }
            (_, PrivateElement::Method(_) | PrivateElement::Accessor(_, Value::Undefined)) => {
                self.throw_type_error()
            }
            (o, PrivateElement::Accessor(_, set)) => self.call(&set, &Value::Obj(o), &[v]).map(|_| ()),
        }
    }

    /// DefineField (§7.3.33): the initializer is called as a method of
    /// `receiver`, then CreateDataPropertyOrThrow.
    fn define_field(
        &mut self,
        home: EnvId,
        receiver: &Value,
        key: &'p str,
        value: Option<&'p Expr>,
    ) -> JsResult<()> {
        let v = match value {
            Some(e) => {
                let env = self.push_env(Env { parent: Some(home), vars: Vec::with_capacity(1) });
                self.initialize(THIS, env, receiver.clone());
                self.calls += 1;
                self.eval(e, env)?
            }
            None => Value::Undefined,
        };
        let o = receiver.as_obj().expect("fields are defined on objects");
        if is_private(key) {
            let name = self.private_name(key, home);
            return self.private_element_add(o, name, PrivateElement::Field(v));
        }
        self.define(o, key, v);
        Ok(())
    }

    /// InitializeInstanceElements(o, constructor) (§7.3.34): the class's
    /// private methods and accessors, then its instance fields, in order.
    fn initialize_instance_elements(&mut self, class: ObjId, o: &Value) -> JsResult<()> {
        let Kind::Class(ClassObj { class: def, home, .. }) = self.heap[class].kind else {
            unreachable!("a class constructor")
        };
        if let Some(methods) = self.private.methods_of_class.get(&class) {
            let target = o.as_obj().expect("instances are objects");
            for (name, element) in methods.clone() {
                self.private_element_add(target, name, element)?;
            }
        }
        for m in &def.members {
            if let ClassMember::Field { is_static: false, key, value } = m {
                self.define_field(home, o, key, value.as_ref())?;
            }
        }
        Ok(())
    }

    /// A class constructor's `[[Construct]]` (§10.2.2, and the default
    /// constructors of §15.7.14 step 14.a).
    pub fn construct_class(&mut self, f: ObjId, args: &[Value], new_target: &Value) -> JsResult<Value> {
        let Kind::Class(ClassObj { class, home, derived }) = self.heap[f].kind else {
            unreachable!("a class constructor")
        };
        let body = class.members.iter().find_map(|m| match m {
            ClassMember::Constructor(func) => Some(func),
            _ => None,
        });
        let this = if derived {
            None
        } else {
            // OrdinaryCreateFromConstructor(newTarget, "%Object.prototype%").
            let proto = match self.get(new_target, "prototype")? {
                Value::Obj(o) => o,
                _ => self.intrinsics.object_proto,
            };
            Some(Value::Obj(self.alloc(Some(proto), Kind::Ordinary)))
        };
        let Some(func) = body else {
            return match this {
                Some(this) => {
                    self.initialize_instance_elements(f, &this)?;
                    Ok(this)
                }
                None => {
                    // The default derived constructor: Construct(F.[[GetPrototypeOf]](), args, NewTarget).
                    let parent = self.heap[f].proto.map_or(Value::Null, Value::Obj);
                    self.check_constructor(&parent, "super() of")?;
                    let result = self.construct_with(&parent, args, new_target)?;
                    self.initialize_instance_elements(f, &result)?;
                    Ok(result)
                }
            };
        };
        let env = self.bind_params(func, home, args);
        self.bind_arguments(super::arguments::ArgumentsOwner::Func(func), env, args)?;
        self.bind_value(THIS, env, this.clone());
        self.initialize(FUNC, env, Value::Obj(f));
        self.initialize(NEW_TARGET, env, new_target.clone());
        if let Some(this) = &this {
            self.initialize_instance_elements(f, this)?;
        }
        // OrdinaryCallEvaluateBody, after a base class's fields: the parameters, then the body.
        let env = if func.has_simple_params() { env } else { self.bind_param_patterns(func, env, args)? };
        let Body::Block(stmts) = &func.body else {
            unreachable!("validated: constructors have a block body")
        };
        self.hoist_body(stmts, env);
        self.calls += 1;
        let result = self.run_sync(Frame::new(Ctl::Block { stmts, idx: 0, env }, Owner::Sync))?;
        if result.as_obj().is_some() {
            return Ok(result);
        }
        if let Some(this) = this {
            return Ok(this);
        }
        if result != Value::Undefined {
            return self.throw_type_error();
        }
        // GetThisBinding: a derived constructor that never called super() throws.
        match self.find_binding(THIS, env) {
            Some((_, Some(v))) => Ok(v),
            _ => {
                let e = self.new_error("ReferenceError");
                throw(e)
            }
        }
    }

    /// Whether `o` is a function declaration or expression (not a method,
    /// arrow, getter, async function or generator): a constructor, with a
    /// `prototype` made when it is first looked at (MakeConstructor makes it
    /// at once; nothing can observe the difference).
    pub fn is_ordinary_function(&self, o: ObjId) -> bool {
        matches!(&self.heap[o].kind, Kind::Closure(Closure { code: Code::Func(f), method: false, .. })
            if f.kind == FuncKind::Function && !f.is_async && !f.generator)
    }

    /// The `prototype` of the ordinary function `f`, made on first use:
    /// an ordinary object whose `constructor` is `f`.
    pub fn function_prototype(&mut self, f: ObjId) -> Value {
        if let Some((_, Slot::Data(v))) = self.heap[f].props.iter().find(|(k, _)| &**k == "prototype") {
            return v.clone();
        }
        let proto = self.alloc(Some(self.intrinsics.object_proto), Kind::Ordinary);
        // MakeConstructor: `prototype` writable, not enumerable or configurable.
        self.define_hidden(proto, "constructor", Value::Obj(f));
        let attrs = Attrs { configurable: false, ..Attrs::BUILTIN };
        self.define_slot(f, Key::Lit("prototype"), Slot::DataWith(Value::Obj(proto), attrs));
        Value::Obj(proto)
    }

    /// An ordinary function's `[[Construct]]` (§10.2.2, base kind):
    /// OrdinaryCreateFromConstructor(newTarget, "%Object.prototype%"), the
    /// body with that object as `this`, an object it returns instead.
    pub fn construct_function(&mut self, f: ObjId, args: &[Value], new_target: &Value) -> JsResult<Value> {
        let proto = match self.get(new_target, "prototype")? {
            Value::Obj(o) => o,
            _ => self.intrinsics.object_proto,
        };
        let this = Value::Obj(self.alloc(Some(proto), Kind::Ordinary));
        let Kind::Closure(c) = &self.heap[f].kind else { unreachable!("an ordinary function") };
        let c = c.clone();
        let result = self.call_closure(&c, &this, args)?;
        Ok(if result.as_obj().is_some() { result } else { this })
    }

    /// Function.prototype.call / apply (§20.2.3.3, §20.2.3.1).
    pub fn function_call_apply(&mut self, apply: bool, this: &Value, args: &[Value]) -> JsResult<Value> {
        let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::Undefined);
        if !self.is_callable(this) {
            return self.throw_type_error();
        }
        if !apply {
            return self.call(this, &arg(0), args.get(1..).unwrap_or(&[]));
        }
        let list = match arg(1) {
            Value::Undefined | Value::Null => Vec::new(),
            Value::Obj(o) => match &self.heap[o].kind {
                Kind::Array(items) => items.clone(),
                _ => self.list_from_array_like(o)?,
            },
            // CreateListFromArrayLike of a non-object.
            _ => return self.throw_type_error(),
        };
        self.call(this, &arg(0), &list)
    }
}

/// Adds a private method or accessor to a class's list: a getter and a
/// setter of one name are one element (§15.7.14 ClassDefinitionEvaluation
/// step 29.b, "combine" the halves).
fn add_private_method(list: &mut Vec<(ObjId, PrivateElement)>, name: ObjId, element: PrivateElement) {
    match (list.iter_mut().find(|(n, _)| *n == name), element) {
        (Some((_, PrivateElement::Accessor(get, set))), PrivateElement::Accessor(g, s)) => {
            if g != Value::Undefined {
                *get = g;
            }
            if s != Value::Undefined {
                *set = s;
            }
        }
        (_, element) => list.push((name, element)),
    }
}
