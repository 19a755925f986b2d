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

use super::heap::*;
use super::interp::*;
use super::machine::*;
use super::Abort;
use generators::model::*;
use std::rc::Rc;

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

    /// ClassDefinitionEvaluation (§15.7.14) without private names and
    /// static blocks (the front end refuses them).
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
        let proto = self.alloc(proto_parent, Kind::Ordinary);
        let proto_home = self.push_env(Env { parent: Some(class_env), vars: Vec::with_capacity(1) });
        self.initialize(HOME, proto_home, Value::Obj(proto));
        let f = self.alloc(
            Some(ctor_parent),
            Kind::Class(ClassObj { class, home: proto_home, derived: class.extends.is_some() }),
        );
        let static_home = self.push_env(Env { parent: Some(class_env), vars: Vec::with_capacity(1) });
        self.initialize(HOME, static_home, Value::Obj(f));
        // ClassDefinitionEvaluation: MakeConstructor(F, false, proto) gives
        // a `prototype` that is neither writable, enumerable nor configurable;
        // `constructor` and the methods are non-enumerable (DefineMethodProperty).
        self.define_slot(f, Key::Lit("prototype"), Slot::DataWith(Value::Obj(proto), Attrs::FROZEN));
        self.define_hidden(proto, "constructor", Value::Obj(f));
        for m in &class.members {
            let (is_static, key, slot) = match m {
                ClassMember::Constructor(_) | ClassMember::Field { .. } => continue,
                ClassMember::Method { is_static, key, func } => {
                    let home = if *is_static { static_home } else { proto_home };
                    (
                        *is_static,
                        key,
                        Slot::DataWith(self.method_closure(func, home, Some(key)), Attrs::BUILTIN),
                    )
                }
                ClassMember::Getter { is_static, key, body } => {
                    let home = if *is_static { static_home } else { proto_home };
                    let getter = self.getter_closure(body, home);
                    let attrs = Attrs { enumerable: false, ..Attrs::ALL };
                    (*is_static, key, Slot::Accessor(Rc::new((getter, Value::Undefined)), attrs))
                }
            };
            let target = if is_static { f } else { proto };
            self.define_slot(target, Key::Lit(key), slot);
        }
        if let Some(name) = &class.name {
            self.initialize(name, class_env, Value::Obj(f));
        }
        // The static fields, in order, once the class binding is initialized.
        for m in &class.members {
            if let ClassMember::Field { is_static: true, key, value } = m {
                self.define_field(static_home, &Value::Obj(f), key, value.as_ref())?;
            }
        }
        Ok(Value::Obj(f))
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
        self.define(o, key, v);
        Ok(())
    }

    /// InitializeInstanceElements(o, constructor) (§7.3.34): the class's
    /// instance fields, in order (the model has no private methods).
    fn initialize_instance_elements(&mut self, class: ObjId, o: &Value) -> JsResult<()> {
        let Kind::Class(ClassObj { class: def, home, .. }) = self.heap[class].kind else {
            unreachable!("a class constructor")
        };
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
