//! The statement machine: runs a function body as an explicit stack of
//! control entries, so a frame can suspend at `await` or `yield` and resume
//! later from a job or a generator request, with `try`/`finally`, loops,
//! `for await` and `yield*` all able to span a suspension.

use super::arguments::ArgumentsOwner;
use super::coverage::Step;
use super::heap::*;
use super::interp::*;
use super::patterns::{Bind, BindIn};
use super::suspend::{ExprDone, Work};
use super::Abort;
use generators::model::*;
use smallvec::{smallvec, SmallVec};

/// Where the value a suspended frame is resumed with goes.
#[derive(Clone, Copy)]
pub enum Target<'p> {
    Discard,
    Bind(Bind<'p>),
    /// The value becomes a return completion.
    Return,
    /// Async generator `return await e`: the awaited value is awaited again
    /// (a `return` in an async generator awaits its operand), then returned.
    AwaitThenReturn,
    /// Async generator `yield e` after its Await(e): yield the awaited value;
    /// the generator's resumption then goes to the inner target.
    YieldAwaited(Option<Bind<'p>>),
    /// The top control entry (`for await`, `yield*`) takes the resumption.
    Ctl,
    /// Async generator `yield e` inside an expression, after its Await(e):
    /// yield the awaited value; the resumption goes to the `Ctl::Expr` on top.
    YieldAwaitedCtl,
}

impl<'p> Target<'p> {
    fn of_binding(b: Option<Bind<'p>>) -> Self {
        match b {
            Some(b) => Target::Bind(b),
            None => Target::Discard,
        }
    }
}

pub enum Ctl<'p> {
    Block {
        stmts: &'p [Stmt],
        idx: usize,
        env: EnvId,
    },
    /// A for-of loop between iterations: its iterator record (ForIn/OfBodyEvaluation).
    ForOf {
        var: (LoopBinding, &'p Pattern),
        body: &'p [Stmt],
        env: EnvId,
        iterator: Value,
        next: Value,
    },
    Try {
        catch: Option<&'p Catch>,
        finally: Option<&'p [Stmt]>,
        env: EnvId,
        phase: TryPhase,
    },
    /// A concise arrow body: returns its expression.
    Concise {
        expr: &'p Expr,
        env: EnvId,
        done: bool,
    },
    /// `for await (const var of ..)`, once the iterator is open.
    ForAwait {
        var: (LoopBinding, &'p Pattern),
        body: &'p [Stmt],
        env: EnvId,
        iterator: Value,
        next: Value,
        phase: ForAwaitPhase,
    },
    /// `yield* e` in an async generator, once the inner iterator is open.
    Delegate {
        iterator: Value,
        next: Value,
        phase: DelegatePhase,
        result: Option<Bind<'p>>,
    },
    /// `while` and `do`-`while` (whose first test is skipped).
    While {
        test: &'p Expr,
        body: &'p [Stmt],
        env: EnvId,
        skip_test: bool,
    },
    /// `for (init; test; update)`, once `init` has run. `env` is the current
    /// iteration's environment; `per_iteration` the `let` copied into a
    /// fresh one before each update (CreatePerIterationEnvironment).
    For {
        test: Option<&'p Expr>,
        update: Option<&'p Expr>,
        body: &'p [Stmt],
        env: EnvId,
        per_iteration: Option<&'p str>,
        first: bool,
    },
    /// An expression that suspends in its middle (suspend.rs).
    Expr {
        work: Vec<Work<'p>>,
        vals: Vec<Value>,
        env: EnvId,
        done: ExprDone<'p>,
    },
}

pub enum TryPhase {
    Body,
    Catch,
    Finally(Completion),
}

pub enum ForAwaitPhase {
    /// Call `next` (at the start and after each body).
    Next,
    /// Awaiting the `next` result.
    AwaitNext,
    /// Running the body.
    Body,
    /// AsyncIteratorClose: awaiting `return()`'s result, then going on with the completion.
    Closing(Completion),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Received {
    Next,
    Throw,
    Return,
}

pub enum DelegatePhase {
    /// Awaiting the inner iterator's `next`/`throw`/`return` result.
    AwaitInner(Received),
    /// Suspended in AsyncGeneratorYield, waiting for the generator's next request.
    Yielded,
    /// AsyncGeneratorUnwrapYieldResumption awaiting a `return(v)`'s value.
    UnwrapReturn,
    /// The inner iterator has no `throw`: closing it before throwing a TypeError.
    ClosingForThrow,
}

/// Who runs a frame, and so what its completion means.
pub enum Owner {
    /// The script, a sync function, a getter.
    Sync,
    /// An async function and its result promise.
    Async(Capability),
    /// An async generator object.
    AsyncGenerator(ObjId),
    /// A sync generator object.
    Generator,
}

/// An executing function (or the script). Suspended frames live in
/// `Interp::frames` between a suspension and what resumes them.
pub struct Frame<'p> {
    /// Inline: most frames never nest deeper than a block in a `try`, and
    /// a heap vector per call was a tenth of all allocations.
    pub ctl: SmallVec<[Ctl<'p>; 2]>,
    pub owner: Owner,
    pub target: Target<'p>,
}

pub enum MachineExit {
    Done(Completion),
    /// `await value` reached.
    Await(Value),
    /// A generator yields `value`.
    Yield(Value),
}

type Exit = JsResult<Option<MachineExit>>;

impl<'p> Frame<'p> {
    pub fn new(ctl: Ctl<'p>, owner: Owner) -> Self {
        Frame { ctl: smallvec![ctl], owner, target: Target::Discard }
    }
    fn is_async_generator(&self) -> bool {
        matches!(self.owner, Owner::AsyncGenerator(_))
    }
    fn is_generator(&self) -> bool {
        matches!(self.owner, Owner::Generator | Owner::AsyncGenerator(_))
    }
}

impl<'p> Interp<'p> {
    // -- calls ------------------------------------------------------------------

    pub fn call_closure(&mut self, c: &Closure<'p>, this: &Value, args: &[Value]) -> JsResult<Value> {
        let func = match c.code {
            Code::Func(f) => f,
            Code::Getter(stmts) => {
                let env = self.push_env(Env { parent: Some(c.env), vars: Vec::with_capacity(2) });
                // OrdinaryCallBindThis (classes.rs reads it).
                self.initialize(super::classes::THIS, env, this.clone());
                self.bind_arguments(ArgumentsOwner::Getter(stmts), env, args)?;
                self.hoist_body(stmts, env);
                return self.run_sync(Frame::new(Ctl::Block { stmts, idx: 0, env }, Owner::Sync));
            }
            Code::Setter(param, stmts) => {
                let v = args.first().cloned().unwrap_or(Value::Undefined);
                let env = self.push_env(Env { parent: Some(c.env), vars: vec![(param, Some(v))] });
                self.initialize(super::classes::THIS, env, this.clone());
                self.bind_arguments(ArgumentsOwner::Setter(param, stmts), env, args)?;
                self.hoist_body(stmts, env);
                return self.run_sync(Frame::new(Ctl::Block { stmts, idx: 0, env }, Owner::Sync));
            }
        };
        let env = self.bind_params(func, c.env, args);
        if func.kind == FuncKind::Function {
            self.initialize(super::classes::THIS, env, this.clone());
            self.bind_arguments(ArgumentsOwner::Func(func), env, args)?;
        }
        let env = match func.has_simple_params() {
            true => Ok(env),
            false => self.bind_param_patterns(func, env, args),
        };
        let env = match (env, func.is_async && !func.generator) {
            (Ok(env), _) => env,
            // EvaluateAsyncFunctionBody: a throw while binding the parameters rejects the promise.
            (Err(Abrupt::Throw(e)), true) => {
                let cap = self.new_native_capability();
                self.call(&cap.reject, &Value::Undefined, &[e])?;
                return Ok(cap.promise);
            }
            (Err(e), _) => return Err(e),
        };
        let ctl = match &func.body {
            Body::Block(stmts) => {
                // One environment for parameters and body unless the
                // parameters hold expressions: no valid program can tell it
                // from the spec's two (a lexical redeclaration of a parameter
                // is an early error).
                self.hoist_body(stmts, env);
                Ctl::Block { stmts, idx: 0, env }
            }
            Body::Expr(expr) => Ctl::Concise { expr, env, done: false },
        };
        match (func.is_async, func.generator) {
            (false, false) => self.run_sync(Frame::new(ctl, Owner::Sync)),
            (true, false) => {
                // AsyncFunctionStart: the result promise, then run to the first await.
                let cap = self.new_native_capability();
                let promise = cap.promise.clone();
                let id = self.new_frame_slot(c);
                self.drive_async(id, Frame::new(ctl, Owner::Async(cap)), None)?;
                Ok(promise)
            }
            // Generators: the body does not run until the first request.
            (is_async, true) => {
                let id = self.new_frame_slot(c);
                let generator = self.new_generator(is_async, id);
                let owner = if is_async { Owner::AsyncGenerator(generator) } else { Owner::Generator };
                self.frames[id] = Some(Frame::new(ctl, owner));
                Ok(Value::Obj(generator))
            }
        }
    }

    fn new_frame_slot(&mut self, c: &Closure<'p>) -> FrameId {
        self.charge(std::mem::size_of::<Option<Frame>>());
        self.frames.push(None);
        let id = FrameId::new(self.frames.len() - 1);
        if self.job_log.is_some() {
            self.frame_names.resize(id.index(), String::new());
            self.frame_names.push(Self::describe_closure(c));
        }
        id
    }

    /// Runs a sync function's frame to completion.
    pub fn run_sync(&mut self, mut frame: Frame<'p>) -> JsResult<Value> {
        match self.run_machine(&mut frame, None)? {
            MachineExit::Done(Completion::Throw(e)) => throw(e),
            MachineExit::Done(Completion::Return(v)) => Ok(v),
            MachineExit::Done(_) => Ok(Value::Undefined),
            MachineExit::Await(_) | MachineExit::Yield(_) => {
                Err(Abrupt::Abort(Abort::Unsupported("await or yield in a non-async function".into())))
            }
        }
    }

    /// Runs an async function's frame until it awaits (it is parked in
    /// `frames[id]`) or completes (its promise is resolved or rejected).
    pub fn drive_async(
        &mut self,
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
                MachineExit::Yield(_) => unreachable!("validated: no yield outside generators"),
                MachineExit::Done(c) => {
                    let Owner::Async(cap) = &frame.owner else {
                        unreachable!("async frames own a capability")
                    };
                    let cap = cap.clone();
                    self.mark(match c {
                        Completion::Throw(_) => Step::AsyncBlockThrow,
                        _ => Step::AsyncBlockReturn,
                    });
                    match c {
                        Completion::Throw(e) => self.call(&cap.reject, &Value::Undefined, &[e])?,
                        Completion::Return(v) => self.call(&cap.resolve, &Value::Undefined, &[v])?,
                        _ => self.call(&cap.resolve, &Value::Undefined, &[Value::Undefined])?,
                    };
                    return Ok(());
                }
            }
        }
    }

    /// Await: registers the frame's reactions and parks it. When Await's
    /// PromiseResolve throws, the await expression throws instead: that
    /// completion is returned for the caller to resume the frame with.
    pub fn suspend_at_await(
        &mut self,
        id: FrameId,
        frame: &mut Frame<'p>,
        v: Value,
    ) -> JsResult<Option<Completion>> {
        // Parked before the reactions exist, so explanations can see what it awaits.
        let parked = std::mem::replace(
            frame,
            Frame { ctl: SmallVec::new(), owner: Owner::Sync, target: Target::Discard },
        );
        self.frames[id] = Some(parked);
        match self.await_value(id, v) {
            Ok(()) => Ok(None),
            Err(e) => {
                *frame = self.frames[id].take().expect("parked just above");
                match e {
                    Abrupt::Throw(e) => {
                        self.mark(Step::AwaitPromiseResolveThrows);
                        Ok(Some(Completion::Throw(e)))
                    }
                    abort => Err(abort),
                }
            }
        }
    }

    /// Resumes a frame parked at `await` (the body of its await reaction).
    pub fn resume(&mut self, id: FrameId, input: Completion) -> JsResult<()> {
        let frame = self.frames[id].take().expect("a frame is resumed once per await");
        match frame.owner {
            Owner::AsyncGenerator(g) => self.drive_async_generator(g, id, frame, Some(input)),
            _ => self.drive_async(id, frame, Some(input)),
        }
    }

    // -- the machine ------------------------------------------------------------

    /// Runs `frame` until it completes, awaits or yields.
    pub fn run_machine(&mut self, frame: &mut Frame<'p>, input: Option<Completion>) -> JsResult<MachineExit> {
        if let Some(input) = input {
            if let Some(exit) = self.accept(frame, input)? {
                return Ok(exit);
            }
        }
        loop {
            self.check_limits()?;
            if let Some(exit) = self.step(frame)? {
                return Ok(exit);
            }
        }
    }

    /// Delivers the completion a suspended frame is resumed with.
    fn accept(&mut self, frame: &mut Frame<'p>, input: Completion) -> Exit {
        let target = std::mem::replace(&mut frame.target, Target::Discard);
        match (target, input) {
            (Target::Ctl, input) => self.ctl_resume(frame, input),
            (_, Completion::Throw(e)) => self.unwind(frame, Completion::Throw(e)),
            // A generator resumed by `return(v)`: an async generator awaits v
            // first (AsyncGeneratorUnwrapYieldResumption).
            (_, Completion::Return(v)) => {
                if frame.is_async_generator() {
                    self.mark(Step::AsyncGeneratorUnwrapReturn);
                    frame.target = Target::Return;
                    Ok(Some(MachineExit::Await(v)))
                } else {
                    self.unwind(frame, Completion::Return(v))
                }
            }
            (_, Completion::Break | Completion::Continue) => {
                unreachable!("frames are never resumed with break or continue")
            }
            (Target::Return, Completion::Normal(v)) => self.unwind(frame, Completion::Return(v)),
            (Target::AwaitThenReturn, Completion::Normal(v)) => {
                frame.target = Target::Return;
                Ok(Some(MachineExit::Await(v)))
            }
            (Target::YieldAwaitedCtl, Completion::Normal(v)) => {
                frame.target = Target::Ctl;
                Ok(Some(MachineExit::Yield(v)))
            }
            (Target::YieldAwaited(binding), Completion::Normal(v)) => {
                frame.target = Target::of_binding(binding);
                Ok(Some(MachineExit::Yield(v)))
            }
            (Target::Bind(b), Completion::Normal(v)) => {
                let bound = self.bind_result(b, v);
                self.or_unwind(frame, bound).map(|r| r.err().flatten())
            }
            (Target::Discard, Completion::Normal(_)) => Ok(None),
        }
    }

    /// Turns a JS result into "go on" or "unwind with the throw".
    fn or_unwind<T>(
        &mut self,
        frame: &mut Frame<'p>,
        r: JsResult<T>,
    ) -> JsResult<Result<T, Option<MachineExit>>> {
        match r {
            Ok(v) => Ok(Ok(v)),
            Err(Abrupt::Throw(e)) => Ok(Err(self.unwind(frame, Completion::Throw(e))?)),
            Err(abort) => Err(abort),
        }
    }

    /// One step of the top control entry.
    fn step(&mut self, frame: &mut Frame<'p>) -> Exit {
        let Some(top) = frame.ctl.last_mut() else {
            return Ok(Some(MachineExit::Done(Completion::Normal(Value::Undefined))));
        };
        match top {
            Ctl::Block { stmts, idx, env } => {
                if *idx == stmts.len() {
                    frame.ctl.pop();
                    return Ok(None);
                }
                let (stmt, env) = (&stmts[*idx], *env);
                *idx += 1;
                match self.exec(frame, stmt, env) {
                    Ok(exit) => Ok(exit),
                    Err(Abrupt::Throw(e)) => self.unwind(frame, Completion::Throw(e)),
                    Err(abort) => Err(abort),
                }
            }
            Ctl::ForOf { var, body, env, iterator, next } => {
                let (var, body, outer) = (*var, *body, *env);
                let (iterator, next) = (iterator.clone(), next.clone());
                // IteratorStepValue: an error here leaves the loop without closing it.
                let item = match self.iterator_step_value(&iterator, &next) {
                    Ok(Some(item)) => item,
                    Ok(None) => {
                        frame.ctl.pop();
                        return Ok(None);
                    }
                    Err(Abrupt::Throw(e)) => {
                        frame.ctl.pop();
                        return self.unwind(frame, Completion::Throw(e));
                    }
                    Err(abort) => return Err(abort),
                };
                let pushed = self.push_iteration(frame, var, item, body, outer);
                self.or_unwind(frame, pushed).map(|r| r.err().flatten())
            }
            Ctl::Try { finally, env, phase, .. } => {
                // The child block completed normally.
                match phase {
                    TryPhase::Body | TryPhase::Catch => match finally {
                        Some(f) => {
                            let (f, env) = (*f, *env);
                            *phase = TryPhase::Finally(Completion::Normal(Value::Undefined));
                            let env = self.block_env(f, env);
                            frame.ctl.push(Ctl::Block { stmts: f, idx: 0, env });
                        }
                        None => {
                            frame.ctl.pop();
                        }
                    },
                    TryPhase::Finally(_) => {
                        let Some(Ctl::Try { phase: TryPhase::Finally(pending), .. }) = frame.ctl.pop() else {
                            unreachable!()
                        };
                        if !matches!(pending, Completion::Normal(_)) {
                            return self.unwind(frame, pending);
                        }
                    }
                }
                Ok(None)
            }
            Ctl::Concise { expr, env, done } => {
                if *done {
                    frame.ctl.pop();
                    return Ok(None);
                }
                *done = true;
                let (expr, env) = (*expr, *env);
                if self.needs_work_list(expr) {
                    self.push_expr(frame, expr, env, ExprDone::Return);
                    return Ok(None);
                }
                if let Expr::Await(inner) = expr {
                    let v = self.eval(inner, env);
                    return match self.or_unwind(frame, v)? {
                        Ok(v) => {
                            frame.target = Target::Return;
                            Ok(Some(MachineExit::Await(v)))
                        }
                        Err(exit) => Ok(exit),
                    };
                }
                let v = self.eval(expr, env);
                match self.or_unwind(frame, v)? {
                    Ok(v) => self.unwind(frame, Completion::Return(v)),
                    Err(exit) => Ok(exit),
                }
            }
            Ctl::ForAwait { iterator, next, phase, .. } => {
                match phase {
                    // The body finished normally (or the loop starts): next().
                    ForAwaitPhase::Next | ForAwaitPhase::Body => {
                        let (iterator, next) = (iterator.clone(), next.clone());
                        *phase = ForAwaitPhase::AwaitNext;
                        self.mark(Step::ForAwaitNext);
                        let r = self.call(&next, &iterator, &[]);
                        match r {
                            Ok(r) => {
                                frame.target = Target::Ctl;
                                Ok(Some(MachineExit::Await(r)))
                            }
                            Err(Abrupt::Throw(e)) => {
                                frame.ctl.pop();
                                self.unwind(frame, Completion::Throw(e))
                            }
                            Err(abort) => Err(abort),
                        }
                    }
                    ForAwaitPhase::AwaitNext | ForAwaitPhase::Closing(_) => {
                        unreachable!("a suspended for-await is resumed through accept")
                    }
                }
            }
            Ctl::Delegate { .. } => unreachable!("yield* is resumed through accept"),
            Ctl::Expr { .. } => self.expr_step(frame),
            Ctl::While { test, body, env, skip_test } => {
                let (test, body, env) = (*test, *body, *env);
                let test = if std::mem::take(skip_test) { None } else { Some(test) };
                self.loop_iteration(frame, test, body, env)
            }
            Ctl::For { test, update, body, env, per_iteration, first } => {
                let (test, update, body, per_iteration) = (*test, *update, *body, *per_iteration);
                // ForBodyEvaluation: after a body, a fresh copy of the
                // iteration's `let`, then the update, in that environment.
                if !std::mem::take(first) {
                    if let Some(name) = per_iteration {
                        let copy = self.per_iteration_env(name, *env);
                        let Some(Ctl::For { env, .. }) = frame.ctl.last_mut() else { unreachable!() };
                        *env = copy;
                    }
                    if let Some(update) = update {
                        let Some(Ctl::For { env, .. }) = frame.ctl.last() else { unreachable!() };
                        let u = self.eval(update, *env);
                        if let Err(exit) = self.or_unwind(frame, u)? {
                            return Ok(exit);
                        }
                    }
                }
                let Some(Ctl::For { env, .. }) = frame.ctl.last() else { unreachable!() };
                let env = *env;
                self.loop_iteration(frame, test, body, env)
            }
        }
    }

    /// One iteration of the loop on top of the control stack: its `test`
    /// (none: always true), then the body in a new block, or the loop ends.
    fn loop_iteration(
        &mut self,
        frame: &mut Frame<'p>,
        test: Option<&'p Expr>,
        body: &'p [Stmt],
        env: EnvId,
    ) -> JsResult<Option<MachineExit>> {
        if let Some(test) = test {
            let t = self.eval(test, env);
            let t = match self.or_unwind(frame, t)? {
                Ok(t) => t,
                Err(exit) => return Ok(exit),
            };
            if !self.to_boolean(&t) {
                frame.ctl.pop();
                return Ok(None);
            }
        }
        let env = self.loop_body_env(body, env);
        frame.ctl.push(Ctl::Block { stmts: body, idx: 0, env });
        Ok(None)
    }

    /// CreatePerIterationEnvironment for one `let`: a new environment
    /// beside `env` (same outer one) holding a copy of its binding.
    fn per_iteration_env(&mut self, name: &'p str, env: EnvId) -> EnvId {
        let value = self.envs[env].vars.iter().find(|(n, _)| *n == name).and_then(|(_, v)| v.clone());
        let parent = self.envs[env].parent;
        self.push_env(Env { parent, vars: vec![(name, value)] })
    }

    /// The environment a loop body's block runs in: a new one when it
    /// declares something, else the loop's own (an environment without
    /// bindings cannot be told apart from its parent), so that an endless
    /// loop does not fill the heap with empty environments.
    fn loop_body_env(&mut self, body: &'p [Stmt], env: EnvId) -> EnvId {
        if hoisted(body).next().is_some() {
            self.block_env(body, env)
        } else {
            env
        }
    }

    /// A fresh binding per iteration, as `for (const x of ..)` makes, and the body.
    /// One iteration of a `for`-`of` or `for await` body with its value:
    /// a fresh environment binding a `const` or `let` variable, or the
    /// hoisted `var` assigned (ForIn/OfBodyEvaluation's lhsKind).
    fn push_iteration(
        &mut self,
        frame: &mut Frame<'p>,
        (binding, var): (LoopBinding, &'p Pattern),
        item: Value,
        body: &'p [Stmt],
        outer: EnvId,
    ) -> JsResult<()> {
        let iter_env = match (binding, var) {
            (LoopBinding::Var, var) => {
                self.bind_pattern(var, item, BindIn::Var(outer))?;
                outer
            }
            (_, Pattern::Name(name)) => {
                let iter_env = self.push_env(Env { parent: Some(outer), vars: vec![(name, Some(item))] });
                if binding == LoopBinding::Const {
                    self.const_bindings.insert((iter_env, name));
                }
                iter_env
            }
            // The pattern's names start in their TDZ, so a default cannot read a later one.
            (_, pattern) => {
                let mut vars = Vec::new();
                pattern.for_each_name(&mut |n| vars.push((n, None)));
                let iter_env = self.push_env(Env { parent: Some(outer), vars });
                if binding == LoopBinding::Const {
                    pattern.for_each_name(&mut |n| {
                        self.const_bindings.insert((iter_env, n));
                    });
                }
                self.bind_pattern(pattern, item, BindIn::Env(iter_env))?;
                iter_env
            }
        };
        let env = self.block_env(body, iter_env);
        frame.ctl.push(Ctl::Block { stmts: body, idx: 0, env });
        Ok(())
    }

    /// Propagates an abrupt completion to the nearest handler. `None`: the
    /// machine goes on; otherwise the frame completes, or suspends while a
    /// `for await` closes its iterator.
    pub fn unwind(&mut self, frame: &mut Frame<'p>, c: Completion) -> Exit {
        while let Some(top) = frame.ctl.last_mut() {
            match top {
                Ctl::Try { catch, finally, env, phase } => {
                    let env = *env;
                    if let (TryPhase::Body, Some(catch), Completion::Throw(e)) = (&*phase, *catch, &c) {
                        *phase = TryPhase::Catch;
                        let (vars, pattern) = match &catch.param {
                            None => (Vec::new(), None),
                            Some(Pattern::Name(p)) => (vec![(p.as_str(), Some(e.clone()))], None),
                            Some(p) => {
                                let mut vars = Vec::new();
                                p.for_each_name(&mut |n| vars.push((n, None)));
                                (vars, Some(p))
                            }
                        };
                        let catch_env = self.push_env(Env { parent: Some(env), vars });
                        // CatchClauseEvaluation: a throw while binding the parameter leaves the catch block unrun.
                        if let Some(p) = pattern {
                            let e = e.clone();
                            match self.bind_pattern(p, e, BindIn::Env(catch_env)) {
                                Ok(()) => {}
                                Err(Abrupt::Throw(e)) => return self.unwind(frame, Completion::Throw(e)),
                                Err(abort) => return Err(abort),
                            }
                        }
                        let block_env = self.block_env(&catch.body, catch_env);
                        frame.ctl.push(Ctl::Block { stmts: &catch.body, idx: 0, env: block_env });
                        return Ok(None);
                    }
                    if let (TryPhase::Body | TryPhase::Catch, Some(f)) = (&*phase, *finally) {
                        *phase = TryPhase::Finally(c);
                        let block_env = self.block_env(f, env);
                        frame.ctl.push(Ctl::Block { stmts: f, idx: 0, env: block_env });
                        return Ok(None);
                    }
                    frame.ctl.pop();
                }
                Ctl::While { .. } | Ctl::For { .. } if matches!(c, Completion::Break) => {
                    frame.ctl.pop();
                    return Ok(None);
                }
                // The loop on top goes on with its next iteration (for await: its next()).
                Ctl::ForOf { .. }
                | Ctl::While { .. }
                | Ctl::For { .. }
                | Ctl::ForAwait { phase: ForAwaitPhase::Body, .. }
                    if matches!(c, Completion::Continue) =>
                {
                    return Ok(None);
                }
                Ctl::ForAwait { phase: ForAwaitPhase::Body, .. } => {
                    return self.async_iterator_close(frame, c)
                }
                // break, return or throw out of a for-of: IteratorClose(iteratorRecord, c).
                Ctl::ForOf { .. } => {
                    let Some(Ctl::ForOf { iterator, .. }) = frame.ctl.pop() else { unreachable!() };
                    let completion = match &c {
                        Completion::Throw(e) => Err(e.clone()),
                        _ => Ok(()),
                    };
                    return match self.iterator_close(&iterator, completion) {
                        Ok(()) => self.after_loop(frame, c),
                        Err(Abrupt::Throw(e)) => self.unwind(frame, Completion::Throw(e)),
                        Err(abort) => Err(abort),
                    };
                }
                _ => {
                    frame.ctl.pop();
                }
            }
        }
        Ok(Some(MachineExit::Done(c)))
    }

    /// AsyncIteratorClose(iteratorRecord, c) for the `for await` on top.
    fn async_iterator_close(&mut self, frame: &mut Frame<'p>, c: Completion) -> Exit {
        let Some(Ctl::ForAwait { iterator, phase, .. }) = frame.ctl.last_mut() else { unreachable!() };
        let iterator = iterator.clone();
        let ret = match self.get_method(&iterator, "return") {
            Ok(r) => r,
            Err(Abrupt::Throw(e)) => {
                frame.ctl.pop();
                return self.after_loop(frame, prefer_throw(c, e));
            }
            Err(abort) => return Err(abort),
        };
        if ret == Value::Undefined {
            self.mark(Step::AsyncIteratorCloseNoReturn);
            frame.ctl.pop();
            return self.after_loop(frame, c);
        }
        self.mark(Step::AsyncIteratorCloseAwait);
        match self.call(&ret, &iterator, &[]) {
            Ok(r) => {
                let Some(Ctl::ForAwait { phase, .. }) = frame.ctl.last_mut() else { unreachable!() };
                *phase = ForAwaitPhase::Closing(c);
                frame.target = Target::Ctl;
                Ok(Some(MachineExit::Await(r)))
            }
            Err(Abrupt::Throw(e)) => {
                let _ = phase;
                frame.ctl.pop();
                self.after_loop(frame, prefer_throw(c, e))
            }
            Err(abort) => Err(abort),
        }
    }

    /// After a loop closed: a `break` ends there, anything else goes on unwinding.
    fn after_loop(&mut self, frame: &mut Frame<'p>, c: Completion) -> Exit {
        match c {
            Completion::Break => Ok(None),
            c => self.unwind(frame, c),
        }
    }

    /// A suspended `for await` or `yield*` takes its resumption.
    fn ctl_resume(&mut self, frame: &mut Frame<'p>, input: Completion) -> Exit {
        match frame.ctl.last_mut() {
            Some(Ctl::ForAwait { phase: ForAwaitPhase::AwaitNext, .. }) => {
                let result = match input {
                    Completion::Normal(r) => r,
                    other => {
                        frame.ctl.pop();
                        return self.unwind(frame, other);
                    }
                };
                if result.as_obj().is_none() {
                    self.mark(Step::ForAwaitResultNotObject);
                }
                let step = self.iterator_step(&result);
                let Some(Ctl::ForAwait { var, body, env, phase, .. }) = frame.ctl.last_mut() else {
                    unreachable!()
                };
                let (var, body, env) = (*var, *body, *env);
                match step {
                    Ok(None) => {
                        self.mark(Step::ForAwaitDone);
                        frame.ctl.pop();
                        Ok(None)
                    }
                    Ok(Some(value)) => {
                        self.mark(Step::ForAwaitBody);
                        *phase = ForAwaitPhase::Body;
                        let pushed = self.push_iteration(frame, var, value, body, env);
                        self.or_unwind(frame, pushed).map(|r| r.err().flatten())
                    }
                    Err(Abrupt::Throw(e)) => {
                        frame.ctl.pop();
                        self.unwind(frame, Completion::Throw(e))
                    }
                    Err(abort) => Err(abort),
                }
            }
            Some(Ctl::ForAwait { phase: ForAwaitPhase::Closing(_), .. }) => {
                let Some(Ctl::ForAwait { phase: ForAwaitPhase::Closing(c), .. }) = frame.ctl.pop() else {
                    unreachable!()
                };
                match (c, input) {
                    (c @ Completion::Throw(_), _) => self.unwind(frame, c),
                    (_, Completion::Throw(e)) => self.unwind(frame, Completion::Throw(e)),
                    (c, Completion::Normal(v)) => {
                        if v.as_obj().is_none() {
                            self.mark(Step::AsyncIteratorCloseNotObject);
                            let e = self.new_error("TypeError");
                            return self.unwind(frame, Completion::Throw(e));
                        }
                        self.after_loop(frame, c)
                    }
                    (_, other) => unreachable!("await resumes with normal or throw, got {other:?}"),
                }
            }
            Some(Ctl::Delegate { .. }) => self.delegate_resume(frame, input),
            Some(Ctl::Expr { .. }) => self.expr_resume(frame, input),
            _ => unreachable!("Target::Ctl without a suspended loop or yield*"),
        }
    }

    // -- statements ---------------------------------------------------------------

    /// Executes one statement.
    fn exec(&mut self, frame: &mut Frame<'p>, s: &'p Stmt, env: EnvId) -> Exit {
        if !self.suspending.is_empty() {
            if let Some((e, done)) = self.suspending_part(s, env) {
                self.push_expr(frame, e, env, done);
                return Ok(None);
            }
        }
        match s {
            Stmt::Expr(e) => self.exec_head(frame, e, env, None),
            Stmt::Const { name, init } => self.exec_head(frame, init, env, Some(Bind::Name(name, env))),
            Stmt::Destructure { binding, pattern, init } => {
                self.exec_head(frame, init, env, Some(Bind::pattern(pattern, *binding, env)))
            }
            Stmt::Return(Some(Expr::Await(e))) => {
                let v = self.eval(e, env)?;
                frame.target =
                    if frame.is_async_generator() { Target::AwaitThenReturn } else { Target::Return };
                Ok(Some(MachineExit::Await(v)))
            }
            Stmt::Return(e) => {
                let v = match e {
                    Some(e) => self.eval(e, env)?,
                    None => Value::Undefined,
                };
                // `return v` in an async generator awaits v.
                if e.is_some() && frame.is_async_generator() {
                    frame.target = Target::Return;
                    return Ok(Some(MachineExit::Await(v)));
                }
                // Returning is an abrupt completion that finally blocks see.
                self.unwind(frame, Completion::Return(v))
            }
            Stmt::Throw(e) => {
                let v = self.eval(e, env)?;
                throw(v)
            }
            Stmt::Break => self.unwind(frame, Completion::Break),
            Stmt::Continue => self.unwind(frame, Completion::Continue),
            Stmt::While { test, body } => {
                frame.ctl.push(Ctl::While { test, body, env, skip_test: false });
                Ok(None)
            }
            Stmt::DoWhile { body, test } => {
                frame.ctl.push(Ctl::While { test, body, env, skip_test: true });
                Ok(None)
            }
            Stmt::For { init, test, update, body } => self.exec_for(frame, init, test, update, body, env),
            Stmt::Try { body, catch, finally } => {
                frame.ctl.push(Ctl::Try {
                    catch: catch.as_ref(),
                    finally: finally.as_deref(),
                    env,
                    phase: TryPhase::Body,
                });
                let env = self.block_env(body, env);
                frame.ctl.push(Ctl::Block { stmts: body, idx: 0, env });
                Ok(None)
            }
            Stmt::ForOf { binding, var, iterable, .. } | Stmt::ForAwait { binding, var, iterable, .. } => {
                // ForIn/OfHeadEvaluation: a `let` or `const` is in its TDZ while the iterable runs.
                let head_env = match binding {
                    LoopBinding::Var => env,
                    _ => {
                        let mut vars = Vec::with_capacity(1);
                        var.for_each_name(&mut |n| vars.push((n, None)));
                        self.push_env(Env { parent: Some(env), vars })
                    }
                };
                if self.suspends(iterable) {
                    self.push_expr(frame, iterable, head_env, ExprDone::Iterate(s, env));
                    return Ok(None);
                }
                let obj = self.eval(iterable, head_env)?;
                self.start_iteration(frame, s, &obj, env)
            }
            // Hoisted when the block was entered.
            Stmt::Function { .. } | Stmt::Var { init: None, .. } => Ok(None),
            Stmt::Let { name, init: Some(init) } => {
                self.exec_head(frame, init, env, Some(Bind::Name(name, env)))
            }
            Stmt::Let { name, init: None } => {
                self.initialize(name, env, Value::Undefined);
                Ok(None)
            }
            // The binding is resolved before the initializer runs; it is the
            // hoisted `var` (or, Annex B.3.4, a catch parameter of that name).
            Stmt::Var { name, init: Some(init) } => match self.resolve(name, env) {
                Some(at) => self.exec_head(frame, init, env, Some(Bind::Name(name, at))),
                None => unreachable!("`var {name}` was hoisted when its function was entered"),
            },
            Stmt::If { test, then, otherwise } => {
                let t = self.eval(test, env)?;
                let branch = if self.to_boolean(&t) { Some(then) } else { otherwise.as_ref() };
                if let Some(stmts) = branch {
                    let env = self.block_env(stmts, env);
                    frame.ctl.push(Ctl::Block { stmts, idx: 0, env });
                }
                Ok(None)
            }
            Stmt::PromiseSubclass { name } => {
                let class = self.make_subclass(name);
                self.initialize(name, env, class);
                Ok(None)
            }
            Stmt::Class(c) => {
                let class = self.eval_class(c, env)?;
                let name = c.name.as_deref().expect("validated: class declarations are named");
                self.initialize(name, env, class);
                Ok(None)
            }
        }
    }

    /// A for-of or for-await loop over `obj` starts: GetIterator, then the
    /// loop's control entry, whose first step calls `next()`.
    pub fn start_iteration(&mut self, frame: &mut Frame<'p>, s: &'p Stmt, obj: &Value, env: EnvId) -> Exit {
        match s {
            Stmt::ForOf { binding, var, body, .. } => {
                let (iterator, next) = self.get_iterator(obj, false)?;
                let var = (*binding, var);
                frame.ctl.push(Ctl::ForOf { var, body, env, iterator, next });
            }
            Stmt::ForAwait { binding, var, body, .. } => {
                let (iterator, next) = self.get_iterator(obj, true)?;
                let var = (*binding, var);
                frame.ctl.push(Ctl::ForAwait { var, body, env, iterator, next, phase: ForAwaitPhase::Next });
            }
            _ => unreachable!("start_iteration of a statement that is not a for-of or for-await"),
        }
        Ok(None)
    }

    /// The expression of `s` that suspends below its head, and what its value is for.
    fn suspending_part(&self, s: &'p Stmt, env: EnvId) -> Option<(&'p Expr, ExprDone<'p>)> {
        let (e, done) = match s {
            Stmt::Expr(e) => (e, ExprDone::Discard),
            Stmt::Const { name, init } | Stmt::Let { name, init: Some(init) } => {
                (init, ExprDone::Bind(Bind::Name(name, env)))
            }
            Stmt::Var { name, init: Some(init) } => {
                // ResolveBinding before the initializer runs, as `exec` does.
                let at = self.resolve(name, env)?;
                (init, ExprDone::Bind(Bind::Name(name, at)))
            }
            Stmt::Destructure { binding, pattern, init } => {
                (init, ExprDone::Bind(Bind::pattern(pattern, *binding, env)))
            }
            Stmt::Return(Some(e)) => (e, ExprDone::Return),
            Stmt::Throw(e) => (e, ExprDone::Throw),
            Stmt::If { test, then, otherwise } => (test, ExprDone::If(then, otherwise.as_deref())),
            _ => return None,
        };
        let needs = match (s, e) {
            // Statement heads the machine suspends at itself.
            (
                Stmt::Expr(_)
                | Stmt::Const { .. }
                | Stmt::Let { .. }
                | Stmt::Var { .. }
                | Stmt::Destructure { .. },
                e,
            ) => self.needs_work_list(e),
            (Stmt::Return(_), Expr::Await(x)) => self.suspends(x),
            _ => self.suspends(e),
        };
        needs.then_some((e, done))
    }

    /// ForLoopEvaluation: the init (a `let` or `const` in a new
    /// environment, its binding in its TDZ while its initializer runs),
    /// then the first iteration's environment, then the loop.
    fn exec_for(
        &mut self,
        frame: &mut Frame<'p>,
        init: &'p [Stmt],
        test: &'p Option<Expr>,
        update: &'p Option<Expr>,
        body: &'p [Stmt],
        env: EnvId,
    ) -> Exit {
        let init_test_update_body = (init, test, update, body);
        let (env, per_iteration) = match init.first() {
            None => (env, None),
            Some(Stmt::Expr(e)) => {
                self.eval(e, env)?;
                (env, None)
            }
            Some(Stmt::Var { name, init }) => {
                if let Some(e) = init {
                    let Some(at) = self.resolve(name, env) else {
                        unreachable!("`var {name}` was hoisted when its function was entered")
                    };
                    let v = self.eval(e, env)?;
                    self.initialize(name, at, v);
                }
                (env, None)
            }
            Some(s @ (Stmt::Let { name, .. } | Stmt::Const { name, .. })) => {
                let loop_env = self.push_env(Env { parent: Some(env), vars: vec![(name.as_str(), None)] });
                let init = match s {
                    Stmt::Let { init, .. } => init.as_ref(),
                    Stmt::Const { init, .. } => Some(init),
                    _ => unreachable!(),
                };
                let v = match init {
                    Some(e) => self.eval(e, loop_env)?,
                    None => Value::Undefined,
                };
                self.initialize(name, loop_env, v);
                if matches!(s, Stmt::Const { .. }) {
                    // A const is not copied per iteration (isConst: perIterationLets is empty).
                    self.const_bindings.insert((loop_env, name));
                    (loop_env, None)
                } else if !makes_closures(init_test_update_body) {
                    // Only a closure can hold on to an iteration's
                    // environment: without one, the copies cannot be told
                    // from one environment updated in place (and an endless
                    // loop does not fill the heap with them).
                    (loop_env, None)
                } else {
                    (self.per_iteration_env(name, loop_env), Some(name.as_str()))
                }
            }
            Some(_) => unreachable!("validated: a for init is a let, const, var or expression statement"),
        };
        frame.ctl.push(Ctl::For {
            test: test.as_ref(),
            update: update.as_ref(),
            body,
            env,
            per_iteration,
            first: true,
        });
        Ok(None)
    }

    /// `e;` or `const x = e;`, where `e` may be `await v`, `yield v` or `yield* v`.
    fn exec_head(
        &mut self,
        frame: &mut Frame<'p>,
        e: &'p Expr,
        env: EnvId,
        binding: Option<Bind<'p>>,
    ) -> Exit {
        match e {
            Expr::Await(x) => {
                let v = self.eval(x, env)?;
                frame.target = Target::of_binding(binding);
                Ok(Some(MachineExit::Await(v)))
            }
            Expr::Yield(x) => {
                let v = self.eval(x, env)?;
                if frame.is_async_generator() {
                    // Yield in an async generator: AsyncGeneratorYield(? Await(v)).
                    self.mark(Step::AsyncGeneratorYieldAwaits);
                    frame.target = Target::YieldAwaited(binding);
                    Ok(Some(MachineExit::Await(v)))
                } else if frame.is_generator() {
                    frame.target = Target::of_binding(binding);
                    Ok(Some(MachineExit::Yield(v)))
                } else {
                    Err(Abrupt::Abort(Abort::Unsupported("yield outside a generator".into())))
                }
            }
            Expr::YieldStar(x) => {
                if !frame.is_async_generator() {
                    return Err(Abrupt::Abort(Abort::Unsupported("yield* in a sync generator".into())));
                }
                let v = self.eval(x, env)?;
                let (iterator, next) = self.get_iterator(&v, true)?;
                frame.ctl.push(Ctl::Delegate {
                    iterator,
                    next,
                    phase: DelegatePhase::AwaitInner(Received::Next),
                    result: binding,
                });
                self.delegate_step(frame, Completion::Normal(Value::Undefined))
            }
            e => {
                let v = self.eval(e, env)?;
                if let Some(b) = binding {
                    self.bind_result(b, v)?;
                }
                Ok(None)
            }
        }
    }
}

/// Whether a `for (;;)`'s parts create a function (or a method or getter,
/// of an object literal or a class) that could capture one of its environments.
fn makes_closures((init, test, update, body): (&[Stmt], &Option<Expr>, &Option<Expr>, &[Stmt])) -> bool {
    let mut found = false;
    let mut visit = |n: Node| {
        if matches!(
            n,
            Node::Func(_) | Node::Expr(Expr::Object(_) | Expr::Class(_)) | Node::Stmt(Stmt::Class(_))
        ) {
            found = true;
        }
    };
    walk_block(init, &mut visit);
    for e in [test, update].into_iter().flatten() {
        walk_expr(e, &mut visit);
    }
    walk_block(body, &mut visit);
    found
}

/// AsyncIteratorClose's rule: the original throw wins over a throw from closing.
fn prefer_throw(c: Completion, closing_error: Value) -> Completion {
    match c {
        c @ Completion::Throw(_) => c,
        _ => Completion::Throw(closing_error),
    }
}
