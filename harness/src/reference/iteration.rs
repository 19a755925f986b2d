//! Generators and async iteration as ECMA-262 writes them: §27.5
//! (Generator objects), §27.6 (AsyncGenerator objects: the request queue,
//! AsyncGeneratorEnqueue/Resume/Yield/UnwrapYieldResumption/AwaitReturn/
//! CompleteStep/DrainQueue), §27.1.6 (%AsyncFromSyncIteratorPrototype% and
//! AsyncFromSyncIteratorContinuation, including the 2023 closeOnRejection
//! rule), §7.4 (GetIterator, IteratorClose) and `yield*` in async generators.

use super::coverage::Step;
use super::heap::*;
use super::interp::*;
use super::machine::*;
use generators::model::{ASYNC_ITERATOR_KEY, ITERATOR_KEY};

impl<'p> Interp<'p> {
    // -- iterator protocol ---------------------------------------------------

    /// GetMethod(V, P).
    pub fn get_method(&mut self, v: &Value, key: &str) -> JsResult<Value> {
        let f = self.get(v, key)?;
        match f {
            Value::Undefined | Value::Null => Ok(Value::Undefined),
            f if self.is_callable(&f) => Ok(f),
            _ => self.throw_type_error(),
        }
    }

    pub fn to_boolean(&self, v: &Value) -> bool {
        match v {
            Value::Undefined | Value::Null => false,
            Value::Bool(b) => *b,
            Value::Num(n) => *n != 0.0 && !n.is_nan(),
            Value::Str(s) => !s.is_empty(),
            Value::Obj(_) => true,
        }
    }

    /// CreateIterResultObject(value, done).
    pub fn iter_result(&mut self, value: Value, done: bool) -> Value {
        let proto = Some(self.intrinsics.object_proto);
        let o = self.alloc(proto, Kind::Ordinary);
        self.define(o, "value", value);
        self.define(o, "done", Value::Bool(done));
        Value::Obj(o)
    }

    /// For a result object: `None` when done, else its value (IteratorComplete,
    /// IteratorValue); a non-object result is a TypeError.
    pub fn iterator_step(&mut self, result: &Value) -> JsResult<Option<Value>> {
        if result.as_obj().is_none() {
            return self.throw_type_error();
        }
        let done = self.get(result, "done")?;
        if self.to_boolean(&done) {
            return Ok(None);
        }
        self.get(result, "value").map(Some)
    }

    /// CreateListFromArrayLike (§7.3.18) of a non-array object: LengthOfArrayLike,
    /// then Get of each index in turn (getters run).
    pub fn list_from_array_like(&mut self, o: ObjId) -> JsResult<Vec<Value>> {
        let len = self.get(&Value::Obj(o), "length")?;
        let len = to_length(self.to_number(&len)?);
        let mut out = Vec::new();
        let mut i = 0usize;
        while (i as f64) < len {
            self.charge(std::mem::size_of::<Value>());
            self.check_limits()?;
            out.push(self.get(&Value::Obj(o), &i.to_string())?);
            i += 1;
        }
        Ok(out)
    }

    /// `...iterable` in an array literal or an argument list (ArrayAccumulation,
    /// ArgumentListEvaluation): GetIterator(iterable, sync), then
    /// IteratorStepValue until done, each value appended to `out`. A spread
    /// never closes its iterator: a throw from a step propagates as it is.
    pub fn spread_into(
        &mut self,
        iterable: &Value,
        out: &mut smallvec::SmallVec<[Value; 4]>,
    ) -> JsResult<()> {
        let (iterator, next) = self.get_iterator(iterable, false)?;
        while let Some(v) = self.iterator_step_value(&iterator, &next)? {
            self.charge(std::mem::size_of::<Value>());
            out.push(v);
        }
        Ok(())
    }

    /// IteratorStepValue(iteratorRecord): `next()`, then `done` and `value`
    /// of its result; `None` when done.
    pub fn iterator_step_value(&mut self, iterator: &Value, next: &Value) -> JsResult<Option<Value>> {
        match self.iterator_next(iterator, next)? {
            Stepped::Array(value) => Ok(value),
            Stepped::Result(result) => self.iterator_step(&result),
        }
    }

    /// IteratorStep(iteratorRecord) whose value is not wanted: `next()` and
    /// the result's `done`, never its `value`; true when done.
    pub fn iterator_step_done(&mut self, iterator: &Value, next: &Value) -> JsResult<bool> {
        match self.iterator_next(iterator, next)? {
            Stepped::Array(value) => Ok(value.is_none()),
            Stepped::Result(result) => {
                if result.as_obj().is_none() {
                    return self.throw_type_error();
                }
                let done = self.get(&result, "done")?;
                Ok(self.to_boolean(&done))
            }
        }
    }

    /// IteratorNext(iteratorRecord): the call of `next()`. The built-in
    /// array iterator's step is taken without its result object, which no
    /// program can see.
    fn iterator_next(&mut self, iterator: &Value, next: &Value) -> JsResult<Stepped> {
        if let (Value::Obj(it), Value::Obj(f)) = (iterator, next) {
            if matches!(self.heap[*f].kind, Kind::Builtin(Builtin::ArrayIteratorNext))
                && matches!(self.heap[*it].kind, Kind::ArrayIterator { .. })
            {
                return Ok(Stepped::Array(self.array_iterator_advance(*it)?));
            }
        }
        if !self.is_callable(next) {
            return self.throw_type_error();
        }
        Ok(Stepped::Result(self.call(next, iterator, &[])?))
    }

    /// GetIterator(obj, kind): the iterator and its `next` method. An async
    /// request on a sync iterable goes through CreateAsyncFromSyncIterator.
    pub fn get_iterator(&mut self, obj: &Value, is_async: bool) -> JsResult<(Value, Value)> {
        if is_async {
            let method = self.get_method(obj, ASYNC_ITERATOR_KEY)?;
            if method == Value::Undefined {
                self.mark(Step::CreateAsyncFromSync);
                let (sync_iterator, sync_next) = self.get_iterator(obj, false)?;
                let proto = Some(self.intrinsics.async_from_sync_proto);
                let wrapper =
                    Value::Obj(self.alloc(
                        proto,
                        Kind::AsyncFromSyncIterator { iterator: sync_iterator, next: sync_next },
                    ));
                let next = self.get(&wrapper, "next")?;
                return Ok((wrapper, next));
            }
            return self.iterator_from_method(obj, &method);
        }
        let method = self.get_method(obj, ITERATOR_KEY)?;
        if method == Value::Undefined {
            return self.throw_type_error();
        }
        self.iterator_from_method(obj, &method)
    }

    fn iterator_from_method(&mut self, obj: &Value, method: &Value) -> JsResult<(Value, Value)> {
        let iterator = self.call(method, obj, &[])?;
        if iterator.as_obj().is_none() {
            return self.throw_type_error();
        }
        let next = self.get(&iterator, "next")?;
        Ok((iterator, next))
    }

    /// IteratorClose(iteratorRecord, completion), with a normal completion
    /// as `Ok(())` and a throw completion as `Err(value)`.
    pub fn iterator_close(&mut self, iterator: &Value, completion: Result<(), Value>) -> JsResult<()> {
        let noting = std::mem::take(&mut self.closing_on_rejection);
        let inner = match self.get_method(iterator, "return") {
            Ok(Value::Undefined) => {
                self.mark(Step::IteratorCloseNoReturn);
                return completion.map_err(Abrupt::Throw);
            }
            Ok(ret) => {
                self.mark(Step::IteratorCloseCallReturn);
                self.recent_spec_sites += noting as u32;
                self.call(&ret, iterator, &[])
            }
            Err(e) => Err(e),
        };
        if let Err(e) = completion {
            return throw(e);
        }
        match inner {
            Err(e) => Err(e),
            Ok(v) if v.as_obj().is_none() => self.throw_type_error(),
            Ok(_) => Ok(()),
        }
    }

    // -- generator objects ------------------------------------------------------

    pub fn new_generator(&mut self, is_async: bool, frame: FrameId) -> ObjId {
        let proto =
            if is_async { self.intrinsics.async_generator_proto } else { self.intrinsics.generator_proto };
        let slots = GeneratorSlots {
            is_async,
            state: GeneratorState::SuspendedStart,
            frame,
            queue: Default::default(),
        };
        self.alloc(Some(proto), Kind::Generator(slots))
    }

    fn generator_slots(&mut self, g: ObjId) -> &mut GeneratorSlots {
        match &mut self.heap[g].kind {
            Kind::Generator(s) => s,
            _ => unreachable!("not a generator"),
        }
    }

    fn as_generator(&self, v: &Value, is_async: bool) -> Option<ObjId> {
        let o = v.as_obj()?;
        matches!(&self.heap[o].kind, Kind::Generator(s) if s.is_async == is_async).then_some(o)
    }

    /// %GeneratorPrototype%.next/return/throw: GeneratorResume and GeneratorResumeAbrupt.
    pub fn generator_method(&mut self, this: &Value, method: IterMethod, arg: Value) -> JsResult<Value> {
        let Some(g) = self.as_generator(this, false) else { return self.throw_type_error() };
        let slots = self.generator_slots(g);
        let (state, id) = (slots.state, slots.frame);
        let completion = match method {
            IterMethod::Next => Completion::Normal(arg),
            IterMethod::Return => Completion::Return(arg),
            IterMethod::Throw => Completion::Throw(arg),
        };
        let input = match (state, completion) {
            (GeneratorState::Executing, _) => {
                self.mark(Step::GeneratorExecuting);
                return self.throw_type_error();
            }
            (GeneratorState::SuspendedStart, Completion::Normal(_)) => {
                self.mark(Step::GeneratorResumeStart);
                None
            }
            (GeneratorState::SuspendedStart | GeneratorState::Completed, c) => {
                self.mark(Step::GeneratorAbruptWhileDone);
                self.generator_slots(g).state = GeneratorState::Completed;
                return match c {
                    Completion::Return(v) => Ok(self.iter_result(v, true)),
                    Completion::Throw(e) => throw(e),
                    _ => Ok(self.iter_result(Value::Undefined, true)),
                };
            }
            (_, c) => {
                self.mark(Step::GeneratorResumeYield);
                Some(c)
            }
        };
        self.generator_slots(g).state = GeneratorState::Executing;
        let mut frame = self.frames[id].take().expect("a suspended generator has its frame");
        let exit = self.run_machine(&mut frame, input);
        let exit = match exit {
            Ok(exit) => exit,
            Err(e) => {
                self.generator_slots(g).state = GeneratorState::Completed;
                return Err(e);
            }
        };
        match exit {
            MachineExit::Yield(v) => {
                self.mark(Step::GeneratorYield);
                self.generator_slots(g).state = GeneratorState::SuspendedYield;
                self.frames[id] = Some(frame);
                Ok(self.iter_result(v, false))
            }
            MachineExit::Done(c) => {
                self.mark(Step::GeneratorDone);
                self.generator_slots(g).state = GeneratorState::Completed;
                match c {
                    Completion::Throw(e) => throw(e),
                    Completion::Return(v) => Ok(self.iter_result(v, true)),
                    _ => Ok(self.iter_result(Value::Undefined, true)),
                }
            }
            MachineExit::Await(_) => {
                Err(Abrupt::Abort(super::Abort::Unsupported("await in a sync generator".into())))
            }
        }
    }

    // -- async generators ---------------------------------------------------------

    /// AsyncGenerator.prototype.next/return/throw.
    pub fn async_generator_method(
        &mut self,
        this: &Value,
        method: IterMethod,
        arg: Value,
    ) -> JsResult<Value> {
        let cap = self.new_native_capability();
        let promise = cap.promise.clone();
        // AsyncGeneratorValidate; IfAbruptRejectPromise.
        let Some(g) = self.as_generator(this, true) else {
            self.mark(Step::AsyncGeneratorInvalid);
            let e = self.new_error("TypeError");
            self.call(&cap.reject, &Value::Undefined, &[e])?;
            return Ok(promise);
        };
        let mut state = self.generator_slots(g).state;
        let completion = match method {
            IterMethod::Next => {
                if state == GeneratorState::Completed {
                    self.mark(Step::AsyncGeneratorNextCompleted);
                    let r = self.iter_result(Value::Undefined, true);
                    self.call(&cap.resolve, &Value::Undefined, &[r])?;
                    return Ok(promise);
                }
                Completion::Normal(arg)
            }
            IterMethod::Return => Completion::Return(arg),
            IterMethod::Throw => {
                if state == GeneratorState::SuspendedStart {
                    self.generator_slots(g).state = GeneratorState::Completed;
                    state = GeneratorState::Completed;
                }
                if state == GeneratorState::Completed {
                    self.mark(Step::AsyncGeneratorThrowCompleted);
                    self.call(&cap.reject, &Value::Undefined, &[arg])?;
                    return Ok(promise);
                }
                Completion::Throw(arg)
            }
        };
        // AsyncGeneratorEnqueue.
        self.charge(std::mem::size_of::<GeneratorRequest>());
        self.generator_slots(g)
            .queue
            .push_back(GeneratorRequest { completion: completion.clone(), capability: cap });
        match (method, state) {
            (IterMethod::Return, GeneratorState::SuspendedStart | GeneratorState::Completed) => {
                self.mark(Step::AsyncGeneratorReturnStart);
                self.generator_slots(g).state = GeneratorState::DrainingQueue;
                self.async_generator_await_return(g)?;
            }
            (IterMethod::Next, GeneratorState::SuspendedStart) => self.async_generator_resume(g, None)?,
            (_, GeneratorState::SuspendedYield) => self.async_generator_resume(g, Some(completion))?,
            // Executing or draining-queue: the request waits in the queue.
            _ => self.mark(Step::AsyncGeneratorEnqueueWaits),
        }
        Ok(promise)
    }

    /// AsyncGeneratorResume.
    fn async_generator_resume(&mut self, g: ObjId, input: Option<Completion>) -> JsResult<()> {
        self.mark(Step::AsyncGeneratorResume);
        let slots = self.generator_slots(g);
        slots.state = GeneratorState::Executing;
        let id = slots.frame;
        let frame = self.frames[id].take().expect("a suspended generator has its frame");
        self.drive_async_generator(g, id, frame, input)
    }

    /// Runs an async generator's frame until it awaits, yields with no
    /// request waiting, or completes.
    pub fn drive_async_generator(
        &mut self,
        g: ObjId,
        id: FrameId,
        mut frame: Frame<'p>,
        mut input: Option<Completion>,
    ) -> JsResult<()> {
        loop {
            match self.run_machine(&mut frame, input.take())? {
                MachineExit::Await(v) => match self.suspend_at_await(id, &mut frame, v)? {
                    None => return Ok(()),
                    Some(thrown) => input = Some(thrown),
                },
                // AsyncGeneratorYield.
                MachineExit::Yield(v) => {
                    self.async_generator_complete_step(g, Completion::Normal(v), false)?;
                    match self.generator_slots(g).queue.front() {
                        // A request is already waiting: go on without suspending.
                        Some(next) => {
                            input = Some(next.completion.clone());
                            self.mark(Step::AsyncGeneratorYieldQueued);
                        }
                        None => {
                            self.mark(Step::AsyncGeneratorYieldSuspend);
                            self.generator_slots(g).state = GeneratorState::SuspendedYield;
                            self.frames[id] = Some(frame);
                            return Ok(());
                        }
                    }
                }
                // The rest of AsyncGeneratorStart.
                MachineExit::Done(c) => {
                    self.mark(Step::AsyncGeneratorStartDone);
                    self.generator_slots(g).state = GeneratorState::DrainingQueue;
                    let result = match c {
                        Completion::Throw(e) => Completion::Throw(e),
                        Completion::Return(v) => Completion::Normal(v),
                        _ => Completion::Normal(Value::Undefined),
                    };
                    self.async_generator_complete_step(g, result, true)?;
                    return self.async_generator_drain_queue(g);
                }
            }
        }
    }

    /// AsyncGeneratorCompleteStep.
    fn async_generator_complete_step(
        &mut self,
        g: ObjId,
        completion: Completion,
        done: bool,
    ) -> JsResult<()> {
        let request = self.generator_slots(g).queue.pop_front().expect("a step completes a queued request");
        self.mark(match completion {
            Completion::Throw(_) => Step::AsyncGeneratorCompleteThrow,
            _ => Step::AsyncGeneratorCompleteNormal,
        });
        match completion {
            Completion::Throw(e) => self.call(&request.capability.reject, &Value::Undefined, &[e])?,
            Completion::Normal(v) => {
                let r = self.iter_result(v, done);
                self.call(&request.capability.resolve, &Value::Undefined, &[r])?
            }
            _ => unreachable!("steps complete normally or with a throw"),
        };
        Ok(())
    }

    /// AsyncGeneratorDrainQueue.
    fn async_generator_drain_queue(&mut self, g: ObjId) -> JsResult<()> {
        loop {
            let Some(next) = self.generator_slots(g).queue.front() else {
                self.mark(Step::AsyncGeneratorDrainEmpty);
                self.generator_slots(g).state = GeneratorState::Completed;
                return Ok(());
            };
            let request = next.completion.clone();
            self.mark(match request {
                Completion::Return(_) => Step::AsyncGeneratorDrainReturn,
                _ => Step::AsyncGeneratorDrainComplete,
            });
            match request {
                Completion::Return(_) => return self.async_generator_await_return(g),
                Completion::Normal(_) => {
                    self.async_generator_complete_step(g, Completion::Normal(Value::Undefined), true)?
                }
                c => self.async_generator_complete_step(g, c, true)?,
            }
        }
    }

    /// AsyncGeneratorAwaitReturn.
    fn async_generator_await_return(&mut self, g: ObjId) -> JsResult<()> {
        let Some(GeneratorRequest { completion: Completion::Return(v), .. }) =
            self.generator_slots(g).queue.front()
        else {
            unreachable!("awaiting a return request")
        };
        let v = v.clone();
        self.mark(Step::AsyncGeneratorAwaitReturn);
        let promise_ctor = Value::Obj(self.intrinsics.promise_ctor);
        let promise = match self.promise_resolve(&promise_ctor, v) {
            Ok(p) => p,
            Err(Abrupt::Throw(e)) => {
                self.mark(Step::AsyncGeneratorAwaitReturnThrows);
                self.async_generator_complete_step(g, Completion::Throw(e), true)?;
                return self.async_generator_drain_queue(g);
            }
            Err(abort) => return Err(abort),
        };
        let on_fulfilled = self.builtin(Builtin::AwaitReturnSettled { generator: g, rejected: false });
        let on_rejected = self.builtin(Builtin::AwaitReturnSettled { generator: g, rejected: true });
        let p = promise.as_obj().expect("PromiseResolve returns a promise");
        self.perform_then(p, on_fulfilled, on_rejected, None);
        Ok(())
    }

    /// The fulfilled/rejected closures of AsyncGeneratorAwaitReturn.
    pub fn await_return_settled(&mut self, g: ObjId, rejected: bool, v: Value) -> JsResult<()> {
        self.mark(Step::AsyncGeneratorAwaitReturnSettled);
        let result = if rejected { Completion::Throw(v) } else { Completion::Normal(v) };
        self.async_generator_complete_step(g, result, true)?;
        self.async_generator_drain_queue(g)
    }

    // -- arrays and async-from-sync iterators ----------------------------------------

    /// %ArrayIteratorPrototype%.next.
    pub fn array_iterator_next(&mut self, this: &Value) -> JsResult<Value> {
        let Some(o) = this.as_obj() else { return self.throw_type_error() };
        if !matches!(self.heap[o].kind, Kind::ArrayIterator { .. }) {
            return self.throw_type_error();
        }
        Ok(match self.array_iterator_advance(o)? {
            Some(v) => self.iter_result(v, false),
            None => self.iter_result(Value::Undefined, true),
        })
    }

    /// The array iterator `o`'s next item, or `None` once it is done.
    fn array_iterator_advance(&mut self, o: ObjId) -> JsResult<Option<Value>> {
        let Kind::ArrayIterator { array, index } = self.heap[o].kind else { unreachable!() };
        let (array, i) = (array, index);
        let item = match &self.heap[array].kind {
            Kind::Array(items) => items.get(i).cloned(),
            _ if i == usize::MAX => None,
            // An arguments object: LengthOfArrayLike, then Get of the index, each step.
            _ => {
                let len = self.get(&Value::Obj(array), "length")?;
                let len = self.to_number(&len)?;
                if (i as f64) < to_length(len) {
                    Some(self.get(&Value::Obj(array), &i.to_string())?)
                } else {
                    None
                }
            }
        };
        let Kind::ArrayIterator { index, .. } = &mut self.heap[o].kind else { unreachable!() };
        *index = if item.is_some() { *index + 1 } else { usize::MAX };
        Ok(item)
    }

    /// %AsyncFromSyncIteratorPrototype%.next/return/throw.
    pub fn async_from_sync_method(
        &mut self,
        this: &Value,
        method: IterMethod,
        args: &[Value],
    ) -> JsResult<Value> {
        let cap = self.new_native_capability();
        let promise = cap.promise.clone();
        let (iterator, next) = match this.as_obj().map(|o| &self.heap[o].kind) {
            Some(Kind::AsyncFromSyncIterator { iterator, next }) => (iterator.clone(), next.clone()),
            _ => return self.throw_type_error(),
        };
        let arg = args.first().cloned().unwrap_or(Value::Undefined);
        let result: JsResult<Option<(Value, bool)>> = (|| match method {
            IterMethod::Next => {
                self.mark(Step::AsyncFromSyncNext);
                let r = self.call(&next, &iterator, args)?;
                if r.as_obj().is_none() {
                    self.mark(Step::AsyncFromSyncResultNotObject);
                    return self.throw_type_error();
                }
                Ok(Some((r, true)))
            }
            IterMethod::Return => {
                let ret = self.get_method(&iterator, "return")?;
                if ret == Value::Undefined {
                    self.mark(Step::AsyncFromSyncReturnMissing);
                    let r = self.iter_result(arg.clone(), true);
                    self.call(&cap.resolve, &Value::Undefined, &[r])?;
                    return Ok(None);
                }
                self.mark(Step::AsyncFromSyncReturn);
                let r = self.call(&ret, &iterator, args)?;
                if r.as_obj().is_none() {
                    self.mark(Step::AsyncFromSyncResultNotObject);
                    return self.throw_type_error();
                }
                Ok(Some((r, false)))
            }
            IterMethod::Throw => {
                let th = self.get_method(&iterator, "throw")?;
                if th == Value::Undefined {
                    // No `throw`: close the sync iterator, then reject with a TypeError.
                    self.mark(Step::AsyncFromSyncThrowMissing);
                    self.recent_spec_sites += 1;
                    self.iterator_close(&iterator, Ok(()))?;
                    return self.throw_type_error();
                }
                self.mark(Step::AsyncFromSyncThrow);
                let r = self.call(&th, &iterator, args)?;
                if r.as_obj().is_none() {
                    self.mark(Step::AsyncFromSyncResultNotObject);
                    return self.throw_type_error();
                }
                Ok(Some((r, true)))
            }
        })();
        match result {
            Ok(Some((r, close_on_rejection))) => {
                self.async_from_sync_continuation(&r, &cap, &iterator, close_on_rejection)?
            }
            Ok(None) => {}
            Err(Abrupt::Throw(e)) => {
                self.call(&cap.reject, &Value::Undefined, &[e])?;
            }
            Err(abort) => return Err(abort),
        }
        Ok(promise)
    }

    /// AsyncFromSyncIteratorContinuation(result, promiseCapability, syncIteratorRecord, closeOnRejection).
    fn async_from_sync_continuation(
        &mut self,
        result: &Value,
        cap: &Capability,
        iterator: &Value,
        close_on_rejection: bool,
    ) -> JsResult<()> {
        let outcome: JsResult<()> = (|| {
            let done_v = self.get(result, "done")?;
            let done = self.to_boolean(&done_v);
            let value = self.get(result, "value")?;
            self.mark(Step::AsyncFromSyncContinuation);
            let promise_ctor = Value::Obj(self.intrinsics.promise_ctor);
            let wrapper = match self.promise_resolve(&promise_ctor, value) {
                Ok(w) => w,
                Err(Abrupt::Throw(e)) if !done && close_on_rejection => {
                    self.mark(Step::AsyncFromSyncValueThrowsClose);
                    self.iterator_close(iterator, Err(e))?;
                    unreachable!("closing with a throw completion rethrows it")
                }
                Err(e) => return Err(e),
            };
            let on_fulfilled = self.builtin(Builtin::AsyncFromSyncUnwrap { done });
            let on_rejected = if done || !close_on_rejection {
                Value::Undefined
            } else {
                self.mark(Step::AsyncFromSyncCloseOnRejection);
                self.builtin(Builtin::AsyncFromSyncClose { iterator: iterator.clone() })
            };
            let w = wrapper.as_obj().expect("PromiseResolve returns a promise");
            self.perform_then(w, on_fulfilled, on_rejected, Some(cap.clone()));
            Ok(())
        })();
        match outcome {
            Err(Abrupt::Throw(e)) => {
                self.call(&cap.reject, &Value::Undefined, &[e])?;
                Ok(())
            }
            other => other,
        }
    }

    // -- yield* in async generators ---------------------------------------------------

    /// One turn of the `yield*` loop with what the generator received.
    pub fn delegate_step(
        &mut self,
        frame: &mut Frame<'p>,
        received: Completion,
    ) -> JsResult<Option<MachineExit>> {
        let Some(Ctl::Delegate { iterator, next, .. }) = frame.ctl.last() else { unreachable!() };
        let (iterator, next) = (iterator.clone(), next.clone());
        let (method, kind, arg) = match received {
            Completion::Normal(x) => (Ok(next), Received::Next, x),
            Completion::Throw(e) => (self.get_method(&iterator, "throw"), Received::Throw, e),
            Completion::Return(v) => (self.get_method(&iterator, "return"), Received::Return, v),
            Completion::Break | Completion::Continue => unreachable!(),
        };
        let method = match method {
            Ok(m) => m,
            Err(e) => return self.delegate_abrupt(frame, e),
        };
        if method == Value::Undefined {
            match kind {
                // No `return`: await the value and return it.
                Received::Return => {
                    self.mark(Step::DelegateNoReturn);
                    frame.ctl.pop();
                    frame.target = Target::Return;
                    return Ok(Some(MachineExit::Await(arg)));
                }
                // No `throw`: close the inner iterator, then throw a TypeError.
                Received::Throw => {
                    self.mark(Step::DelegateNoThrow);
                    let ret = match self.get_method(&iterator, "return") {
                        Ok(r) => r,
                        Err(e) => return self.delegate_abrupt(frame, e),
                    };
                    if ret == Value::Undefined {
                        let e = self.new_error("TypeError");
                        return self.delegate_abrupt(frame, Abrupt::Throw(e));
                    }
                    return match self.call(&ret, &iterator, &[]) {
                        Ok(r) => {
                            self.set_delegate_phase(frame, DelegatePhase::ClosingForThrow);
                            frame.target = Target::Ctl;
                            Ok(Some(MachineExit::Await(r)))
                        }
                        Err(e) => self.delegate_abrupt(frame, e),
                    };
                }
                Received::Next => {
                    let e = self.new_error("TypeError");
                    return self.delegate_abrupt(frame, Abrupt::Throw(e));
                }
            }
        }
        self.mark(Step::DelegateCall);
        match self.call(&method, &iterator, &[arg]) {
            Ok(r) => {
                self.set_delegate_phase(frame, DelegatePhase::AwaitInner(kind));
                frame.target = Target::Ctl;
                Ok(Some(MachineExit::Await(r)))
            }
            Err(e) => self.delegate_abrupt(frame, e),
        }
    }

    fn set_delegate_phase(&mut self, frame: &mut Frame<'p>, p: DelegatePhase) {
        if let Some(Ctl::Delegate { phase, .. }) = frame.ctl.last_mut() {
            *phase = p;
        }
    }

    /// Leaves the `yield*` with an abrupt completion.
    fn delegate_abrupt(&mut self, frame: &mut Frame<'p>, e: Abrupt) -> JsResult<Option<MachineExit>> {
        frame.ctl.pop();
        match e {
            Abrupt::Throw(e) => self.unwind(frame, Completion::Throw(e)),
            abort => Err(abort),
        }
    }

    /// The suspended `yield*` on top takes the frame's resumption.
    pub fn delegate_resume(
        &mut self,
        frame: &mut Frame<'p>,
        input: Completion,
    ) -> JsResult<Option<MachineExit>> {
        let Some(Ctl::Delegate { phase, result, .. }) = frame.ctl.last_mut() else { unreachable!() };
        let binding = *result;
        match (std::mem::replace(phase, DelegatePhase::Yielded), input) {
            (DelegatePhase::AwaitInner(_) | DelegatePhase::ClosingForThrow, Completion::Throw(e)) => {
                self.delegate_abrupt(frame, Abrupt::Throw(e))
            }
            (DelegatePhase::ClosingForThrow, _) => {
                let e = self.new_error("TypeError");
                self.delegate_abrupt(frame, Abrupt::Throw(e))
            }
            (DelegatePhase::AwaitInner(kind), Completion::Normal(r)) => {
                if r.as_obj().is_none() {
                    self.mark(Step::DelegateNotObject);
                    let e = self.new_error("TypeError");
                    return self.delegate_abrupt(frame, Abrupt::Throw(e));
                }
                let done = match self.get(&r, "done") {
                    Ok(d) => self.to_boolean(&d),
                    Err(e) => return self.delegate_abrupt(frame, e),
                };
                let value = match self.get(&r, "value") {
                    Ok(v) => v,
                    Err(e) => return self.delegate_abrupt(frame, e),
                };
                if !done {
                    // AsyncGeneratorYield of the inner value, without awaiting it.
                    self.mark(Step::DelegateYield);
                    frame.target = Target::Ctl;
                    return Ok(Some(MachineExit::Yield(value)));
                }
                self.mark(Step::DelegateDone);
                frame.ctl.pop();
                if kind == Received::Return {
                    return self.unwind(frame, Completion::Return(value));
                }
                match binding.map(|b| self.bind_result(b, value)) {
                    Some(Err(Abrupt::Throw(e))) => self.unwind(frame, Completion::Throw(e)),
                    Some(Err(abort)) => Err(abort),
                    _ => Ok(None),
                }
            }
            (DelegatePhase::Yielded, Completion::Return(v)) => {
                // AsyncGeneratorUnwrapYieldResumption: await the value first.
                self.set_delegate_phase(frame, DelegatePhase::UnwrapReturn);
                frame.target = Target::Ctl;
                Ok(Some(MachineExit::Await(v)))
            }
            (DelegatePhase::UnwrapReturn, Completion::Normal(w)) => {
                self.delegate_step(frame, Completion::Return(w))
            }
            (DelegatePhase::Yielded | DelegatePhase::UnwrapReturn, received) => {
                self.delegate_step(frame, received)
            }
            (_, other) => unreachable!("unexpected resumption of yield*: {other:?}"),
        }
    }
}

/// ToLength (§7.1.20) of a number.
fn to_length(n: f64) -> f64 {
    if n.is_nan() || n <= 0.0 {
        0.0
    } else {
        n.trunc().min(9_007_199_254_740_991.0)
    }
}

/// What IteratorNext gave: an array iterator's value (`None` when done),
/// taken on the fast path, or the result object of a `next()` call.
enum Stepped {
    Array(Option<Value>),
    Result(Value),
}
