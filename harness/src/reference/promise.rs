//! ECMA-262 §27.2 (Promise Objects) and the Await of §27.7, written as the
//! spec writes them: capabilities, resolving functions with their shared
//! `[[AlreadyResolved]]`, PerformPromiseThen, the two job kinds, and the
//! built-ins. Mutants deviate from the spec at exactly one named step each.

use super::coverage::Step;
use super::heap::*;
use super::interp::*;
use super::{Abort, Mutant};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

impl<'p> Interp<'p> {
    // -- creation ----------------------------------------------------------

    fn new_promise_object(&mut self, proto: ObjId) -> ObjId {
        self.promise_serial += 1;
        let slots = PromiseSlots {
            serial: self.promise_serial,
            state: PromiseState::Pending,
            result: Value::Undefined,
            fulfill_reactions: Vec::new(),
            reject_reactions: Vec::new(),
            is_handled: false,
        };
        self.alloc(Some(proto), Kind::Promise(slots))
    }

    /// CreateResolvingFunctions(promise).
    pub fn resolving_functions(&mut self, promise: ObjId) -> (Value, Value) {
        let already_resolved = self.new_flag();
        let resolve = self.builtin(Builtin::Resolve { promise, already_resolved });
        let reject = self.builtin(Builtin::Reject { promise, already_resolved });
        (resolve, reject)
    }

    /// NewPromiseCapability(%Promise%): the constructor's steps without the
    /// (unobservable) executor round trip.
    pub fn new_native_capability(&mut self) -> Capability {
        let proto = self.intrinsics.promise_proto;
        let p = self.new_promise_object(proto);
        let (resolve, reject) = self.resolving_functions(p);
        Capability { promise: Value::Obj(p), resolve, reject }
    }

    /// NewPromiseCapability(C).
    pub fn new_promise_capability(&mut self, c: &Value) -> JsResult<Capability> {
        if *c == Value::Obj(self.intrinsics.promise_ctor) {
            return Ok(self.new_native_capability());
        }
        if !self.is_constructor(c) {
            self.mark(Step::CapabilityNotConstructor);
            return self.throw_type_error();
        }
        self.mark(Step::CapabilityConstruct);
        let slots = Rc::new(RefCell::new((Value::Undefined, Value::Undefined)));
        let executor = self.builtin(Builtin::CapabilityExecutor { slots: slots.clone() });
        let promise = self.construct(c, &[executor])?;
        let (resolve, reject) = slots.borrow().clone();
        if !self.is_callable(&resolve) || !self.is_callable(&reject) {
            self.mark(Step::CapabilityNotCallable);
            return self.throw_type_error();
        }
        Ok(Capability { promise, resolve, reject })
    }

    /// The Promise constructor (`new Promise(executor)`, also reached through
    /// a subclass's implicit `super(...args)`).
    pub fn promise_constructor(&mut self, executor: &Value, new_target: &Value) -> JsResult<Value> {
        if !self.is_callable(executor) {
            self.mark(Step::ConstructorNotCallable);
            return self.throw_type_error();
        }
        let proto = match self.get(new_target, "prototype")? {
            Value::Obj(o) => o,
            _ => self.intrinsics.promise_proto,
        };
        let p = self.new_promise_object(proto);
        let (resolve, reject) = self.resolving_functions(p);
        match self.call(executor, &Value::Undefined, &[resolve, reject.clone()]) {
            Ok(_) => {}
            Err(Abrupt::Throw(e)) => {
                self.mark(Step::ConstructorExecutorThrows);
                self.call(&reject, &Value::Undefined, &[e])?;
            }
            Err(abort) => return Err(abort),
        }
        Ok(Value::Obj(p))
    }

    // -- settling --------------------------------------------------------------

    /// The steps of a Promise Resolve Function after the `[[AlreadyResolved]]` check.
    fn resolve_promise(&mut self, promise: ObjId, resolution: Value) -> JsResult<()> {
        if resolution == Value::Obj(promise) {
            self.mark(Step::ResolveSelf);
            let e = self.new_error("TypeError");
            self.reject_promise(promise, e);
            return Ok(());
        }
        if resolution.as_obj().is_none() {
            self.mark(Step::ResolveNonObject);
            self.fulfill_promise(promise, resolution);
            return Ok(());
        }
        let then = match self.get(&resolution, "then") {
            Ok(t) => t,
            Err(Abrupt::Throw(e)) => {
                self.mark(Step::ResolveThenThrows);
                self.reject_promise(promise, e);
                return Ok(());
            }
            Err(abort) => return Err(abort),
        };
        if !self.is_callable(&then) {
            self.mark(Step::ResolveThenNotCallable);
            self.fulfill_promise(promise, resolution);
            return Ok(());
        }
        self.mark(Step::ResolveThenable);
        self.reach(Mutant::NoThenableJob);
        if self.mutant == Mutant::NoThenableJob {
            // The pre-ES2015 shortcut: call `then` now instead of in a job.
            return self.resolve_thenable_job(promise, resolution, then);
        }
        self.enqueue(JobKind::ResolveThenable { promise, thenable: resolution, then });
        Ok(())
    }

    fn settle(&mut self, promise: ObjId, state: PromiseState, value: Value) {
        let Kind::Promise(slots) = &mut self.heap[promise].kind else {
            unreachable!("settling a non-promise")
        };
        debug_assert_eq!(slots.state, PromiseState::Pending);
        let fulfill = std::mem::take(&mut slots.fulfill_reactions);
        let reject = std::mem::take(&mut slots.reject_reactions);
        slots.state = state;
        slots.result = value.clone();
        // TriggerPromiseReactions: in registration order.
        let reactions = if state == PromiseState::Fulfilled { fulfill } else { reject };
        for reaction in reactions {
            self.mark(Step::TriggerReaction);
            self.enqueue(JobKind::Reaction { reaction, argument: value.clone() });
        }
    }

    pub fn fulfill_promise(&mut self, promise: ObjId, value: Value) {
        self.settle(promise, PromiseState::Fulfilled, value)
    }

    pub fn reject_promise(&mut self, promise: ObjId, reason: Value) {
        self.settle(promise, PromiseState::Rejected, reason)
    }

    // -- jobs ------------------------------------------------------------------

    /// NewPromiseResolveThenableJob's body.
    pub fn resolve_thenable_job(&mut self, promise: ObjId, thenable: Value, then: Value) -> JsResult<()> {
        self.mark(Step::ThenableJobCallThen);
        let (resolve, reject) = self.resolving_functions(promise);
        match self.call(&then, &thenable, &[resolve, reject.clone()]) {
            Err(Abrupt::Throw(e)) => {
                self.mark(Step::ThenableJobThenThrows);
                self.call(&reject, &Value::Undefined, &[e])?;
                Ok(())
            }
            Err(abort) => Err(abort),
            Ok(_) => Ok(()),
        }
    }

    /// NewPromiseReactionJob's body.
    pub fn reaction_job(&mut self, reaction: Reaction, argument: Value) -> JsResult<()> {
        let result = match &reaction.handler {
            None => match reaction.kind {
                ReactionType::Fulfill => {
                    self.mark(Step::ReactionPassFulfill);
                    Ok(argument)
                }
                ReactionType::Reject => {
                    self.mark(Step::ReactionPassReject);
                    Err(Abrupt::Throw(argument))
                }
            },
            Some(h) => {
                self.mark(Step::ReactionCallHandler);
                self.call(h, &Value::Undefined, &[argument])
            }
        };
        let Some(cap) = reaction.capability else {
            // Await's reactions have no capability and their handlers never throw.
            self.mark(Step::ReactionNoCapability);
            return result.map(|_| ());
        };
        match result {
            Ok(v) => {
                self.mark(Step::ReactionResolveDerived);
                self.call(&cap.resolve, &Value::Undefined, &[v])?
            }
            Err(Abrupt::Throw(e)) => {
                self.mark(Step::ReactionRejectDerived);
                self.call(&cap.reject, &Value::Undefined, &[e])?
            }
            Err(abort) => return Err(abort),
        };
        Ok(())
    }

    /// PerformPromiseThen(promise, onFulfilled, onRejected, resultCapability).
    pub fn perform_then(
        &mut self,
        promise: ObjId,
        on_fulfilled: Value,
        on_rejected: Value,
        cap: Option<Capability>,
    ) {
        let on_fulfilled = self.is_callable(&on_fulfilled).then_some(on_fulfilled);
        let on_rejected = self.is_callable(&on_rejected).then_some(on_rejected);
        self.charge(2 * std::mem::size_of::<Reaction>());
        let Kind::Promise(slots) = &mut self.heap[promise].kind else {
            unreachable!("then on a non-promise")
        };
        let source = slots.serial;
        let fulfill =
            Reaction { source, capability: cap.clone(), kind: ReactionType::Fulfill, handler: on_fulfilled };
        let reject = Reaction { source, capability: cap, kind: ReactionType::Reject, handler: on_rejected };
        let (state, result) = (slots.state, slots.result.clone());
        slots.is_handled = true;
        match state {
            PromiseState::Pending => {
                slots.fulfill_reactions.push(fulfill);
                slots.reject_reactions.push(reject);
                self.mark(Step::ThenPending);
            }
            PromiseState::Fulfilled => {
                self.mark(Step::ThenFulfilled);
                self.enqueue(JobKind::Reaction { reaction: fulfill, argument: result })
            }
            PromiseState::Rejected => {
                self.mark(Step::ThenRejected);
                self.enqueue(JobKind::Reaction { reaction: reject, argument: result })
            }
        }
    }

    // -- abstract operations -------------------------------------------------------

    /// PromiseResolve(C, x).
    pub fn promise_resolve(&mut self, c: &Value, x: Value) -> JsResult<Value> {
        if self.is_promise(&x) {
            let x_constructor = self.get(&x, "constructor")?;
            if x_constructor.same(c) {
                self.mark(Step::PromiseResolveSameConstructor);
                return Ok(x);
            }
        }
        self.mark(Step::PromiseResolveNewCapability);
        let cap = self.new_promise_capability(c)?;
        self.call(&cap.resolve, &Value::Undefined, &[x])?;
        Ok(cap.promise)
    }

    /// SpeciesConstructor(O, %Promise%).
    fn species_constructor(&mut self, o: &Value) -> JsResult<Value> {
        let default = Value::Obj(self.intrinsics.promise_ctor);
        let c = self.get(o, "constructor")?;
        match c {
            Value::Undefined => return Ok(default),
            Value::Obj(_) => {}
            _ => return self.throw_type_error(),
        }
        let s = self.get(&c, "@@species")?;
        if matches!(s, Value::Undefined | Value::Null) {
            return Ok(default);
        }
        if self.is_constructor(&s) {
            return Ok(s);
        }
        self.throw_type_error()
    }

    /// Await(value), up to the suspension: the frame is resumed by one of the
    /// two reactions registered here.
    pub fn await_value(&mut self, frame: FrameId, value: Value) -> JsResult<()> {
        self.mark(Step::Await);
        let promise_ctor = Value::Obj(self.intrinsics.promise_ctor);
        if self.is_promise(&value) {
            self.reach(Mutant::Await3Tick);
        }
        let promise = if self.mutant == Mutant::Await3Tick {
            // Pre-2019 Await: always a fresh promise resolved with the value,
            // so a native promise costs a resolve-thenable job and a reaction.
            let cap = self.new_native_capability();
            self.call(&cap.resolve, &Value::Undefined, &[value])?;
            cap.promise
        } else {
            self.promise_resolve(&promise_ctor, value)?
        };
        let on_fulfilled = self.builtin(Builtin::AsyncResume { frame, throws: false });
        let on_rejected = self.builtin(Builtin::AsyncResume { frame, throws: true });
        let p = promise.as_obj().expect("PromiseResolve returns a promise");
        self.perform_then(p, on_fulfilled, on_rejected, None);
        Ok(())
    }

    // -- built-in functions -------------------------------------------------------

    pub fn call_builtin(&mut self, b: &Builtin, this: &Value, args: &[Value]) -> JsResult<Value> {
        let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::Undefined);
        match b {
            Builtin::Log => {
                let label = self.to_string(&arg(0))?;
                self.record(label)?;
                Ok(Value::Undefined)
            }
            Builtin::ConsoleLog => {
                let mut label = String::new();
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        label.push(' ');
                    }
                    label.push_str(&self.to_string(a)?);
                }
                self.record(label)?;
                Ok(Value::Undefined)
            }
            Builtin::SetTimeout => self.set_timeout(arg(0), &arg(1), args.get(2..).unwrap_or(&[]).to_vec()),
            Builtin::ClearTimeout => {
                self.clear_timeout(&arg(0))?;
                Ok(Value::Undefined)
            }
            Builtin::QueueMicrotask => {
                let cb = arg(0);
                if !self.is_callable(&cb) {
                    return self.throw_type_error();
                }
                self.mark(Step::HostQueueMicrotask);
                self.enqueue(JobKind::Host { callback: cb });
                Ok(Value::Undefined)
            }
            Builtin::PromiseConstructor => self.throw_type_error(),
            Builtin::ErrorConstructor(index) => self.construct_error(*index, args),
            // String(value) (§22.1.1.1) with NewTarget undefined: the model has no symbols.
            Builtin::StringFunction => match args.first() {
                None => Ok(Value::str("")),
                Some(v) => {
                    let s = self.to_string(v)?;
                    Ok(self.new_str(&s))
                }
            },
            // Error.prototype.toString (§20.5.3.4).
            Builtin::ErrorToString => {
                if this.as_obj().is_none() {
                    return self.throw_type_error();
                }
                let name = match self.get(this, "name")? {
                    Value::Undefined => "Error".to_string(),
                    n => self.to_string(&n)?,
                };
                let message = match self.get(this, "message")? {
                    Value::Undefined => String::new(),
                    m => self.to_string(&m)?,
                };
                let s = match (name.is_empty(), message.is_empty()) {
                    (true, _) => message,
                    (_, true) => name,
                    _ => format!("{name}: {message}"),
                };
                Ok(self.new_str(&s))
            }
            Builtin::PromiseResolveStatic => {
                if this.as_obj().is_none() {
                    return self.throw_type_error();
                }
                self.promise_resolve(this, arg(0))
            }
            Builtin::PromiseRejectStatic => {
                let cap = self.new_promise_capability(this)?;
                self.call(&cap.reject, &Value::Undefined, &[arg(0)])?;
                Ok(cap.promise)
            }
            Builtin::PromiseAll => self.combinator(this, arg(0), Combinator::All),
            Builtin::PromiseAllSettled => self.combinator(this, arg(0), Combinator::AllSettled),
            Builtin::PromiseRace => self.combinator(this, arg(0), Combinator::Race),
            Builtin::PromiseAny => self.combinator(this, arg(0), Combinator::Any),
            // Promise.withResolvers (§27.2.4.8).
            Builtin::PromiseWithResolvers => {
                let cap = self.new_promise_capability(this)?;
                let proto = Some(self.intrinsics.object_proto);
                let o = self.alloc(proto, Kind::Ordinary);
                self.define(o, "promise", cap.promise);
                self.define(o, "resolve", cap.resolve);
                self.define(o, "reject", cap.reject);
                Ok(Value::Obj(o))
            }
            // Promise.try (§27.2.4.8, ES2025): the callback runs now; its
            // result or exception settles the new promise.
            Builtin::PromiseTry => {
                if this.as_obj().is_none() {
                    return self.throw_type_error();
                }
                let cap = self.new_promise_capability(this)?;
                let rest = args.get(1..).unwrap_or(&[]).to_vec();
                match self.call(&arg(0), &Value::Undefined, &rest) {
                    Ok(v) => {
                        self.mark(Step::PromiseTryNormal);
                        self.call(&cap.resolve, &Value::Undefined, &[v])?
                    }
                    Err(Abrupt::Throw(e)) => {
                        self.mark(Step::PromiseTryThrows);
                        self.call(&cap.reject, &Value::Undefined, &[e])?
                    }
                    Err(abort) => return Err(abort),
                };
                Ok(cap.promise)
            }
            Builtin::PromiseThen => {
                let Some(p) = this.as_obj().filter(|_| self.is_promise(this)) else {
                    return self.throw_type_error();
                };
                let c = self.species_constructor(this)?;
                let cap = self.new_promise_capability(&c)?;
                let promise = cap.promise.clone();
                self.perform_then(p, arg(0), arg(1), Some(cap));
                Ok(promise)
            }
            Builtin::PromiseCatch => self.invoke(this, "then", &[Value::Undefined, arg(0)]),
            Builtin::PromiseFinally => {
                if this.as_obj().is_none() {
                    return self.throw_type_error();
                }
                let c = self.species_constructor(this)?;
                let on_finally = arg(0);
                let (then_finally, catch_finally) = if self.is_callable(&on_finally) {
                    (
                        self.builtin(Builtin::ThenFinally {
                            on_finally: on_finally.clone(),
                            constructor: c.clone(),
                        }),
                        self.builtin(Builtin::CatchFinally { on_finally, constructor: c }),
                    )
                } else {
                    self.mark(Step::FinallyNotCallable);
                    (on_finally.clone(), on_finally)
                };
                self.invoke(this, "then", &[then_finally, catch_finally])
            }
            Builtin::SpeciesGetter => Ok(this.clone()),
            Builtin::ArrayJoin => {
                let o = self.array_this(this, b)?;
                let len = self.array_len(o);
                let sep = match arg(0) {
                    Value::Undefined => ",".to_string(),
                    s => self.to_string(&s)?,
                };
                let s = self.array_join(o, len, &sep)?;
                Ok(Value::Str(s.into()))
            }
            // Get(array, "join"): an array's `join` is always the intrinsic one.
            Builtin::ArrayToString => {
                self.array_this(this, b)?;
                let join = self.get(this, "join")?;
                if !self.is_callable(&join) {
                    return Err(Abort::Unsupported("Array.prototype.toString without a join".into()).into());
                }
                self.call(&join, this, &[])
            }
            Builtin::ObjectToString => {
                let Some(o) = this.as_obj() else {
                    return match this {
                        Value::Undefined => Ok(Value::str("[object Undefined]")),
                        Value::Null => Ok(Value::str("[object Null]")),
                        _ => {
                            Err(Abort::Unsupported("Object.prototype.toString on a primitive".into()).into())
                        }
                    };
                };
                let builtin_tag = match self.heap[o].kind {
                    Kind::Array(_) => "Array",
                    Kind::Arguments { .. } => "Arguments",
                    Kind::Error(_) | Kind::ErrorObject => "Error",
                    _ if self.is_callable(this) => "Function",
                    _ => "Object",
                };
                let tag = match self.get(this, "@@toStringTag")? {
                    Value::Str(t) => t.to_string(),
                    _ => builtin_tag.to_string(),
                };
                Ok(self.new_str(&format!("[object {tag}]")))
            }
            Builtin::ObjectHasOwnProperty => self.has_own_property(this, &arg(0)),
            Builtin::ObjectValueOf => match this {
                Value::Obj(_) => Ok(this.clone()),
                Value::Undefined | Value::Null => self.throw_type_error(),
                _ => Err(Abort::Unsupported("Object.prototype.valueOf on a primitive".into()).into()),
            },
            Builtin::ArrayPush => {
                let o = self.array_this(this, b)?;
                self.charge(std::mem::size_of_val(args));
                let Kind::Array(items) = &mut self.heap[o].kind else {
                    unreachable!("array_this gives arrays")
                };
                items.extend_from_slice(args);
                Ok(Value::Num(items.len() as f64))
            }
            Builtin::ArrayFilter => {
                let o = self.array_this(this, b)?;
                let len = self.array_len(o);
                let f = arg(0);
                if !self.is_callable(&f) {
                    return self.throw_type_error();
                }
                let mut out = Vec::new();
                for i in 0..len {
                    let Some(item) = self.array_element_at(o, i) else { continue };
                    let keep = self.call(&f, &arg(1), &[item.clone(), Value::Num(i as f64), this.clone()])?;
                    if self.to_boolean(&keep) {
                        out.push(item);
                    }
                }
                Ok(self.new_array(out))
            }
            // The length is read first, then the arguments converted (their
            // `valueOf` may change the array), then the elements read.
            Builtin::ArraySlice => {
                let o = self.array_this(this, b)?;
                let len = self.array_len(o);
                let start = self.relative_index(&arg(0), len)?;
                let end = if arg(1) == Value::Undefined { len } else { self.relative_index(&arg(1), len)? };
                let mut out = Vec::with_capacity(end.saturating_sub(start));
                for k in start..end {
                    match self.array_element_at(o, k) {
                        Some(v) => out.push(v),
                        None => {
                            return Err(Abort::Unsupported(
                                "Array.prototype.slice over an array that shrank (holes)".into(),
                            )
                            .into())
                        }
                    }
                }
                Ok(self.new_array(out))
            }
            Builtin::ArrayConcat => {
                self.array_this(this, b)?;
                let mut out = Vec::new();
                for e in std::iter::once(this.clone()).chain(args.iter().cloned()) {
                    // IsConcatSpreadable: @@isConcatSpreadable first, then IsArray.
                    if e.as_obj().is_some() && self.get(&e, "@@isConcatSpreadable")? != Value::Undefined {
                        return Err(Abort::Unsupported("Symbol.isConcatSpreadable".into()).into());
                    }
                    // Charge only what this argument adds (not the running total).
                    let before = out.len();
                    match e.as_obj().map(|o| &self.heap[o].kind) {
                        Some(Kind::Array(items)) => out.extend(items.iter().cloned()),
                        _ => out.push(e),
                    }
                    self.charge((out.len() - before) * std::mem::size_of::<Value>());
                }
                Ok(self.new_array(out))
            }
            Builtin::ArrayIncludes | Builtin::ArrayIndexOf => {
                let o = self.array_this(this, b)?;
                let len = self.array_len(o);
                let includes = matches!(b, Builtin::ArrayIncludes);
                let not_found = if includes { Value::Bool(false) } else { Value::Num(-1.0) };
                if len == 0 {
                    return Ok(not_found);
                }
                let from = self.relative_index(&arg(1), len)?;
                let target = arg(0);
                // Read after fromIndex's conversion: includes Gets each index
                // (`undefined` past a shrunk end), indexOf skips absent ones.
                for k in from..len {
                    let item = match self.array_element_at(o, k) {
                        Some(v) => v,
                        None if includes => Value::Undefined,
                        None => continue,
                    };
                    let item = &item;
                    let same =
                        if includes { same_value_zero(item, &target) } else { strictly_equal(item, &target) };
                    if same {
                        return Ok(if includes { Value::Bool(true) } else { Value::Num(k as f64) });
                    }
                }
                Ok(not_found)
            }
            Builtin::MathMax | Builtin::MathMin => {
                // Every argument is coerced before any is compared.
                let mut numbers = Vec::with_capacity(args.len());
                for a in args {
                    numbers.push(self.to_number(a)?);
                }
                let max = matches!(b, Builtin::MathMax);
                let mut best = if max { f64::NEG_INFINITY } else { f64::INFINITY };
                for n in numbers {
                    if n.is_nan() || best.is_nan() {
                        best = f64::NAN;
                    } else if (max && (n > best || (n == 0.0 && best == 0.0 && n.is_sign_positive())))
                        || (!max && (n < best || (n == 0.0 && best == 0.0 && n.is_sign_negative())))
                    {
                        best = n;
                    }
                }
                Ok(Value::Num(best))
            }
            // forEach / map (§23.1.3.15, .21): the length is read once; each
            // index still present is read when it is visited, and the callback
            // gets thisArg.
            Builtin::ArrayForEach | Builtin::ArrayMap => {
                let o = self.array_this(this, b)?;
                let len = self.array_len(o);
                let f = arg(0);
                if !self.is_callable(&f) {
                    return self.throw_type_error();
                }
                let this_arg = arg(1);
                let mut out = Vec::new();
                for i in 0..len {
                    let Some(item) = self.array_element_at(o, i) else {
                        // A hole: map's result keeps it, which the model's dense arrays cannot.
                        if matches!(b, Builtin::ArrayMap) {
                            return Err(Abort::Unsupported(
                                "Array.prototype.map over an array that shrank".into(),
                            )
                            .into());
                        }
                        continue;
                    };
                    let v = self.call(&f, &this_arg, &[item, Value::Num(i as f64), this.clone()])?;
                    if matches!(b, Builtin::ArrayMap) {
                        self.charge(std::mem::size_of::<Value>());
                        out.push(v);
                    }
                }
                Ok(if matches!(b, Builtin::ArrayMap) { self.new_array(out) } else { Value::Undefined })
            }
            Builtin::Resolve { promise, already_resolved } => {
                if !self.test_and_set(*already_resolved) {
                    self.resolve_promise(*promise, arg(0))?;
                } else {
                    self.mark(Step::ResolveAlreadyResolved);
                }
                Ok(Value::Undefined)
            }
            Builtin::Reject { promise, already_resolved } => {
                if !self.test_and_set(*already_resolved) {
                    self.mark(Step::Reject);
                    self.reject_promise(*promise, arg(0));
                } else {
                    self.mark(Step::RejectAlreadyResolved);
                }
                Ok(Value::Undefined)
            }
            Builtin::CapabilityExecutor { slots } => {
                let mut s = slots.borrow_mut();
                if s.0 != Value::Undefined || s.1 != Value::Undefined {
                    drop(s);
                    self.mark(Step::CapabilityExecutorTwice);
                    return self.throw_type_error();
                }
                *s = (arg(0), arg(1));
                Ok(Value::Undefined)
            }
            Builtin::ThenFinally { on_finally, constructor } => {
                let result = self.call(on_finally, &Value::Undefined, &[])?;
                if result.as_obj().is_none() {
                    self.reach(Mutant::FinallyNoPromiseResolve);
                }
                if self.mutant == Mutant::FinallyNoPromiseResolve && result.as_obj().is_none() {
                    // The shortcut some engines took: a plain result skips
                    // PromiseResolve + then, saving two jobs.
                    return Ok(arg(0));
                }
                self.mark(Step::ThenFinally);
                let p = self.promise_resolve(constructor, result)?;
                let value_thunk = self.builtin(Builtin::ReturnValue(arg(0)));
                self.invoke(&p, "then", &[value_thunk])
            }
            Builtin::CatchFinally { on_finally, constructor } => {
                let result = self.call(on_finally, &Value::Undefined, &[])?;
                if result.as_obj().is_none() {
                    self.reach(Mutant::FinallyNoPromiseResolve);
                }
                if self.mutant == Mutant::FinallyNoPromiseResolve && result.as_obj().is_none() {
                    return throw(arg(0));
                }
                self.mark(Step::CatchFinally);
                let p = self.promise_resolve(constructor, result)?;
                let thrower = self.builtin(Builtin::ThrowReason(arg(0)));
                self.invoke(&p, "then", &[thrower])
            }
            Builtin::ReturnValue(v) => Ok(v.clone()),
            Builtin::ThrowReason(r) => throw(r.clone()),
            Builtin::Element { kind, index, state, already_called } => {
                if self.test_and_set(*already_called) {
                    self.mark(Step::CombinatorElementCalledTwice);
                    return Ok(Value::Undefined);
                }
                let x = arg(0);
                let stored = match kind {
                    ElementKind::AllResolve | ElementKind::AnyReject => x,
                    ElementKind::AllSettledFulfill => self.settled_record("fulfilled", "value", x),
                    ElementKind::AllSettledReject => self.settled_record("rejected", "reason", x),
                };
                state.values.borrow_mut()[*index] = stored;
                state.remaining.set(state.remaining.get() - 1);
                if state.remaining.get() == 0 {
                    self.mark(Step::CombinatorElementLast);
                    self.finish_combinator(state, *kind == ElementKind::AnyReject)?;
                }
                Ok(Value::Undefined)
            }
            Builtin::GeneratorMethod(m) => self.generator_method(this, *m, arg(0)),
            Builtin::AsyncGeneratorMethod(m) => self.async_generator_method(this, *m, arg(0)),
            Builtin::AsyncFromSyncMethod(m) => self.async_from_sync_method(this, *m, args),
            Builtin::ReturnThis => Ok(this.clone()),
            Builtin::FunctionCall => self.function_call_apply(false, this, args),
            Builtin::FunctionApply => self.function_call_apply(true, this, args),
            Builtin::ArrayValues => {
                let Some(array) = this
                    .as_obj()
                    .filter(|o| matches!(self.heap[*o].kind, Kind::Array(_) | Kind::Arguments { .. }))
                else {
                    // Generic over array-likes in the spec; only arrays and arguments here.
                    return match this {
                        Value::Obj(_) => {
                            Err(Abort::Unsupported("Array.prototype.values of an array-like".into()).into())
                        }
                        _ => self.throw_type_error(),
                    };
                };
                let proto = Some(self.intrinsics.array_iterator_proto);
                Ok(Value::Obj(self.alloc(proto, Kind::ArrayIterator { array, index: 0 })))
            }
            Builtin::ArrayIteratorNext => self.array_iterator_next(this),
            Builtin::AsyncFromSyncUnwrap { done } => Ok(self.iter_result(arg(0), *done)),
            Builtin::AsyncFromSyncClose { iterator } => {
                // PR #2600 is observable only when the iterator has a `return`.
                self.mark(Step::AsyncFromSyncCloseRejected);
                self.closing_on_rejection = true;
                // IteratorClose with a throw completion rethrows it.
                self.iterator_close(iterator, Err(arg(0)))?;
                unreachable!("closing with a throw completion rethrows it")
            }
            Builtin::AwaitReturnSettled { generator, rejected } => {
                self.await_return_settled(*generator, *rejected, arg(0))?;
                Ok(Value::Undefined)
            }
            Builtin::ObjectConstructor => Err(Abort::Unsupported("calling `Object`".into()).into()),
            Builtin::ObjectMethod(m) => self.object_method(*m, args),
            Builtin::ArrayMethod(m) => self.array_method(*m, b, this, args),
            Builtin::StringMethod(m) => self.string_method(*m, this, args),
            Builtin::JsonStringify => self.json_stringify(args),
            Builtin::FunctionHasInstance => Ok(Value::Bool(self.ordinary_has_instance(this, &arg(0))?)),
            Builtin::AsyncResume { frame, throws } => {
                let input = if *throws { Completion::Throw(arg(0)) } else { Completion::Normal(arg(0)) };
                self.resume(*frame, input)?;
                Ok(Value::Undefined)
            }
        }
    }

    pub fn array_len(&self, o: ObjId) -> usize {
        match &self.heap[o].kind {
            Kind::Array(items) => items.len(),
            _ => unreachable!("called on arrays"),
        }
    }

    /// Get(O, k) for an index the method checked with HasProperty: `None`
    /// once the array no longer has it.
    pub(super) fn array_element_at(&self, o: ObjId, k: usize) -> Option<Value> {
        match &self.heap[o].kind {
            Kind::Array(items) => items.get(k).cloned(),
            _ => unreachable!("called on arrays"),
        }
    }

    /// A relative index argument (ToIntegerOrInfinity, so `undefined` is 0;
    /// negative counts from the end), clamped to `0..=len`.
    fn relative_index(&mut self, v: &Value, len: usize) -> JsResult<usize> {
        let n = self.to_number(v)?;
        let n = if n.is_nan() { 0.0 } else { n.trunc() };
        let len = len as f64;
        Ok(if n < 0.0 { (len + n).max(0.0) } else { n.min(len) } as usize)
    }

    /// The array a built-in Array.prototype method was called on: ToObject
    /// throws on undefined and null; array-likes and primitives (reachable
    /// by storing the method on another object) are not modelled.
    pub(super) fn array_this(&mut self, this: &Value, b: &Builtin) -> JsResult<ObjId> {
        match this {
            Value::Obj(o) if matches!(self.heap[*o].kind, Kind::Array(_)) => {
                // ArraySpeciesCreate reads the array's `constructor`: only
                // %Array% (inherited from an Array.prototype the program has
                // not given one) is modelled.
                if matches!(
                    b,
                    Builtin::ArrayMap | Builtin::ArrayFilter | Builtin::ArraySlice | Builtin::ArrayConcat
                ) && (self.heap[*o].proto != Some(self.intrinsics.array_proto)
                    || self.heap[*o].props.iter().any(|(k, _)| &**k == "constructor")
                    || self.heap[self.intrinsics.array_proto]
                        .props
                        .iter()
                        .any(|(k, _)| &**k == "constructor"))
                {
                    return Err(Abort::Unsupported(
                        "ArraySpeciesCreate on an array whose `constructor` a program may have changed"
                            .into(),
                    )
                    .into());
                }
                Ok(*o)
            }
            Value::Undefined | Value::Null => self.throw_type_error(),
            _ => {
                let name = match b {
                    Builtin::ArrayForEach => "forEach",
                    Builtin::ArrayMap => "map",
                    Builtin::ArrayJoin => "join",
                    Builtin::ArrayFilter => "filter",
                    Builtin::ArrayPush => "push",
                    Builtin::ArraySlice => "slice",
                    Builtin::ArrayConcat => "concat",
                    Builtin::ArrayIncludes => "includes",
                    Builtin::ArrayIndexOf => "indexOf",
                    Builtin::ArrayMethod(m) => m.name(),
                    _ => "toString",
                };
                Err(Abort::Unsupported(format!("Array.prototype.{name} on something other than an array"))
                    .into())
            }
        }
    }

    fn settled_record(&mut self, status: &str, key: &'static str, v: Value) -> Value {
        let proto = Some(self.intrinsics.object_proto);
        let o = self.alloc(proto, Kind::Ordinary);
        let status = self.new_str(status);
        self.define(o, "status", status);
        self.define(o, key, v);
        Value::Obj(o)
    }

    /// Resolves all/allSettled with the values array, or rejects any with an AggregateError.
    fn finish_combinator(&mut self, state: &CombinatorState, is_any: bool) -> JsResult<()> {
        let values = state.values.borrow().clone();
        let array = self.new_array(values);
        if is_any {
            let error = self.new_error("AggregateError");
            if let Value::Obj(e) = error {
                self.define_hidden(e, "errors", array);
            }
            self.call(&state.capability.reject, &Value::Undefined, &[error])?;
        } else {
            self.call(&state.capability.resolve, &Value::Undefined, &[array])?;
        }
        Ok(())
    }

    /// Promise.all / allSettled / race / any (§27.2.4.1-5) over an array.
    fn combinator(&mut self, c: &Value, iterable: Value, which: Combinator) -> JsResult<Value> {
        let cap = self.new_promise_capability(c)?;
        match self.combinator_body(c, iterable, which, &cap) {
            Ok(()) => {}
            // IfAbruptRejectPromise (array iterators have no `return` to close).
            Err(Abrupt::Throw(e)) => {
                self.mark(Step::CombinatorAbrupt);
                self.call(&cap.reject, &Value::Undefined, &[e])?;
            }
            Err(abort) => return Err(abort),
        }
        Ok(cap.promise)
    }

    fn combinator_body(
        &mut self,
        c: &Value,
        iterable: Value,
        which: Combinator,
        cap: &Capability,
    ) -> JsResult<()> {
        // GetPromiseResolve(C), before iterating.
        let promise_resolve = self.get(c, "resolve")?;
        if !self.is_callable(&promise_resolve) {
            self.mark(Step::GetPromiseResolveNotCallable);
            return self.throw_type_error();
        }
        let array = match iterable.as_obj() {
            Some(o) if matches!(self.heap[o].kind, Kind::Array(_)) => o,
            _ => {
                // GetIterator(iterable, sync): without an @@iterator, a
                // TypeError; other iterables are not modelled here.
                if self.get_method(&iterable, generators::model::ITERATOR_KEY)? == Value::Undefined {
                    return self.throw_type_error();
                }
                return Err(Abort::Unsupported(format!(
                    "Promise.{} over an iterable that is not an array",
                    which.name()
                ))
                .into());
            }
        };
        self.native_array(array, &format!("Promise.{}", which.name()))?;
        let state = Rc::new(CombinatorState {
            values: RefCell::new(Vec::with_capacity(self.array_len(array))),
            remaining: Cell::new(1),
            capability: cap.clone(),
        });
        // The array's iterator reads the length and the element at each
        // step: code run by a step (a `then` getter, a patched `then`) may
        // have changed the array.
        for index in 0.. {
            let Some(value) = self.array_element_at(array, index) else { break };
            self.charge(std::mem::size_of::<Value>());
            state.values.borrow_mut().push(Value::Undefined);
            let next = self.call(&promise_resolve, c, &[value])?;
            let element = |it: &mut Self, kind| {
                let already_called = it.new_flag();
                it.builtin(Builtin::Element { kind, index, state: state.clone(), already_called })
            };
            let handlers = match which {
                Combinator::All => vec![element(self, ElementKind::AllResolve), cap.reject.clone()],
                Combinator::AllSettled => {
                    // One [[AlreadyCalled]] shared by both element functions.
                    let already_called = self.new_flag();
                    vec![
                        self.builtin(Builtin::Element {
                            kind: ElementKind::AllSettledFulfill,
                            index,
                            state: state.clone(),
                            already_called,
                        }),
                        self.builtin(Builtin::Element {
                            kind: ElementKind::AllSettledReject,
                            index,
                            state: state.clone(),
                            already_called,
                        }),
                    ]
                }
                Combinator::Race => vec![cap.resolve.clone(), cap.reject.clone()],
                Combinator::Any => vec![cap.resolve.clone(), element(self, ElementKind::AnyReject)],
            };
            if which != Combinator::Race {
                state.remaining.set(state.remaining.get() + 1);
            }
            self.mark(match which {
                Combinator::All => Step::CombinatorThenAll,
                Combinator::AllSettled => Step::CombinatorThenAllSettled,
                Combinator::Race => Step::CombinatorThenRace,
                Combinator::Any => Step::CombinatorThenAny,
            });
            self.invoke(&next, "then", &handlers)?;
        }
        if which != Combinator::Race {
            state.remaining.set(state.remaining.get() - 1);
            if state.remaining.get() == 0 {
                self.mark(Step::CombinatorDoneAtEnd);
                self.finish_combinator(&state, which == Combinator::Any)?;
            }
        }
        Ok(())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Combinator {
    All,
    AllSettled,
    Race,
    Any,
}

impl Combinator {
    fn name(self) -> &'static str {
        match self {
            Combinator::All => "all",
            Combinator::AllSettled => "allSettled",
            Combinator::Race => "race",
            Combinator::Any => "any",
        }
    }
}

/// IsStrictlyEqual (§7.2.15) on the model's values.
fn strictly_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Num(x), Value::Num(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Obj(x), Value::Obj(y)) => x == y,
        (Value::Undefined, Value::Undefined) | (Value::Null, Value::Null) => true,
        _ => false,
    }
}

/// SameValueZero (§7.2.10): strict equality, except that NaN equals NaN.
fn same_value_zero(a: &Value, b: &Value) -> bool {
    matches!((a, b), (Value::Num(x), Value::Num(y)) if x.is_nan() && y.is_nan()) || strictly_equal(a, b)
}
