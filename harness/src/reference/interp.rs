//! The interpreter core: objects and property lookup, calls, expression
//! evaluation, and the statement machine that lets async function frames
//! suspend at `await` and resume from a job.

use super::heap::*;
use super::{Abort, Mutant};
use crate::outcome::Event;
use generators::model::*;
use std::collections::VecDeque;
use std::rc::Rc;

/// An abrupt completion: a JavaScript throw, or the run being stopped.
#[derive(Debug)]
pub enum Abrupt {
    Throw(Value),
    Abort(Abort),
}

pub type JsResult<T> = Result<T, Abrupt>;

/// How a frame's statements completed (or how a suspended frame is resumed).
#[derive(Clone, Debug)]
pub enum Completion {
    Normal(Value),
    Return(Value),
    Throw(Value),
}

/// What a suspended frame does with the value it is resumed with.
#[derive(Clone, Copy)]
pub enum AwaitTarget<'p> {
    Discard,
    Bind(&'p str, EnvId),
    Return,
}

pub enum Ctl<'p> {
    Block {
        stmts: &'p [Stmt],
        idx: usize,
        env: EnvId,
    },
    Loop {
        var: &'p str,
        items: &'p [Lit],
        idx: usize,
        body: &'p [Stmt],
        env: EnvId,
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
}

pub enum TryPhase {
    Body,
    Catch,
    Finally(Completion),
}

/// An executing function (or the script). Suspended async frames live in
/// `Interp::frames` between an `await` and the job that resumes them.
pub struct Frame<'p> {
    pub ctl: Vec<Ctl<'p>>,
    /// The async function's result promise; `None` for sync code.
    pub capability: Option<Capability>,
    pub target: AwaitTarget<'p>,
}

/// What executing one statement led to.
pub enum Step {
    Next,
    Await(Value),
    Done(Completion),
}

pub enum MachineExit {
    Done(Completion),
    /// `await value` reached; resume later with `target`.
    Await(Value),
}

/// What the job queue holds: the spec's two promise jobs and host microtasks.
pub enum JobKind {
    Reaction { reaction: Reaction, argument: Value },
    ResolveThenable { promise: ObjId, thenable: Value, then: Value },
    Host { callback: Value },
}

pub struct Job {
    pub kind: JobKind,
    /// Index into `Interp::job_log` when explanations are recorded.
    pub record: Option<usize>,
}

/// Why a job exists, for `--explain`: what it does and what enqueued it.
pub struct JobRecord {
    pub what: String,
    /// The mechanism, as a stable token (`await-resume`, `thenable-job`, ...).
    pub mechanism: &'static str,
    /// The job that was running when this one was enqueued; `None` for a task.
    pub parent: Option<usize>,
    pub task: u32,
    /// Set when the job runs: its index within its task's checkpoint.
    pub index: Option<u32>,
}

pub struct Timer {
    pub id: u32,
    pub due: u64,
    pub callback: Value,
    pub args: Vec<Value>,
    /// The job (or task) that registered it, for explanations.
    pub registered_by: Option<usize>,
}

pub struct Intrinsics {
    pub object_proto: ObjId,
    pub function_proto: ObjId,
    pub array_proto: ObjId,
    pub promise_proto: ObjId,
    pub promise_ctor: ObjId,
    pub global_env: EnvId,
}

pub struct Interp<'p> {
    pub heap: Vec<Obj<'p>>,
    pub envs: Vec<Env<'p>>,
    pub frames: Vec<Option<Frame<'p>>>,
    pub jobs: VecDeque<Job>,
    pub timers: Vec<Timer>,
    pub next_timer_id: u32,
    pub now: u64,
    pub trace: Vec<Event>,
    /// Per event: the job record it was logged in (when explaining).
    pub event_jobs: Vec<Option<usize>>,
    pub task: u32,
    pub job_index: u32,
    pub steps: u64,
    pub max_steps: u64,
    pub depth: u32,
    pub promise_serial: u32,
    pub mutant: Mutant,
    pub intrinsics: Intrinsics,
    /// `Some` when explanations are recorded.
    pub job_log: Option<Vec<JobRecord>>,
    /// Per task, what it was (explanations only).
    pub task_names: Option<Vec<String>>,
    /// Per async frame, what it runs (explanations only).
    pub frame_names: Vec<String>,
    pub current_job: Option<usize>,
    /// Function calls so far: bounds runaway recursion.
    pub calls: u64,
    /// How often each mutant's step was reached (indexed like `Mutant::ALL`):
    /// a program that never reaches it must give the mutant the same trace.
    pub mutant_sites: [u32; Mutant::ALL.len()],
}

/// Deep enough for any generated program, far below the native stack.
const MAX_CALL_DEPTH: u32 = 400;

pub fn throw<T>(v: Value) -> JsResult<T> {
    Err(Abrupt::Throw(v))
}

impl<'p> Interp<'p> {
    pub fn new(mutant: Mutant, max_steps: u64, explain: bool) -> Self {
        let mut it = Interp {
            heap: Vec::with_capacity(64),
            envs: Vec::with_capacity(32),
            frames: Vec::new(),
            jobs: VecDeque::new(),
            timers: Vec::new(),
            next_timer_id: 1,
            now: 0,
            trace: Vec::new(),
            event_jobs: Vec::new(),
            task: 0,
            job_index: 0,
            steps: 0,
            max_steps,
            depth: 0,
            promise_serial: 0,
            mutant,
            intrinsics: Intrinsics {
                object_proto: 0,
                function_proto: 0,
                array_proto: 0,
                promise_proto: 0,
                promise_ctor: 0,
                global_env: 0,
            },
            job_log: explain.then(Vec::new),
            task_names: explain.then(|| vec!["script".to_string()]),
            frame_names: Vec::new(),
            current_job: None,
            calls: 0,
            mutant_sites: [0; Mutant::ALL.len()],
        };
        it.init_realm();
        it
    }

    fn init_realm(&mut self) {
        let object_proto = self.alloc(None, Kind::Ordinary);
        let function_proto = self.alloc(Some(object_proto), Kind::Ordinary);
        let array_proto = self.alloc(Some(object_proto), Kind::Ordinary);
        let promise_proto = self.alloc(Some(object_proto), Kind::Ordinary);
        let promise_ctor = self.alloc(Some(function_proto), Kind::Builtin(Builtin::PromiseConstructor));
        self.intrinsics = Intrinsics {
            object_proto,
            function_proto,
            array_proto,
            promise_proto,
            promise_ctor,
            global_env: 0,
        };

        let for_each = self.builtin(Builtin::ArrayForEach);
        let map = self.builtin(Builtin::ArrayMap);
        self.define(array_proto, "forEach", for_each);
        self.define(array_proto, "map", map);

        self.define(promise_ctor, "prototype", Value::Obj(promise_proto));
        self.define(promise_proto, "constructor", Value::Obj(promise_ctor));
        for (name, b) in [
            ("then", Builtin::PromiseThen),
            ("catch", Builtin::PromiseCatch),
            ("finally", Builtin::PromiseFinally),
        ] {
            let f = self.builtin(b);
            self.define(promise_proto, name, f);
        }
        for (name, b) in [
            ("resolve", Builtin::PromiseResolveStatic),
            ("reject", Builtin::PromiseRejectStatic),
            ("all", Builtin::PromiseAll),
            ("allSettled", Builtin::PromiseAllSettled),
            ("race", Builtin::PromiseRace),
            ("any", Builtin::PromiseAny),
        ] {
            let f = self.builtin(b);
            self.define(promise_ctor, name, f);
        }
        let species = self.builtin(Builtin::SpeciesGetter);
        self.heap[promise_ctor].props.push((Rc::from("@@species"), Slot::Getter(species)));

        let mut globals: Vec<(&'p str, Option<Value>)> =
            vec![("undefined", Some(Value::Undefined)), ("Promise", Some(Value::Obj(promise_ctor)))];
        for (name, b) in [
            ("log", Builtin::Log),
            ("setTimeout", Builtin::SetTimeout),
            ("clearTimeout", Builtin::ClearTimeout),
            ("queueMicrotask", Builtin::QueueMicrotask),
        ] {
            globals.push((name, Some(self.builtin(b))));
        }
        self.envs.push(Env { parent: None, vars: globals });
        self.intrinsics.global_env = self.envs.len() - 1;
    }

    // -- objects ------------------------------------------------------------

    pub fn alloc(&mut self, proto: Option<ObjId>, kind: Kind<'p>) -> ObjId {
        self.heap.push(Obj { proto, props: Vec::new(), kind });
        self.heap.len() - 1
    }

    pub fn builtin(&mut self, b: Builtin) -> Value {
        let proto = Some(self.intrinsics.function_proto);
        Value::Obj(self.alloc(proto, Kind::Builtin(b)))
    }

    pub fn define(&mut self, obj: ObjId, key: &str, v: Value) {
        let props = &mut self.heap[obj].props;
        match props.iter_mut().find(|(k, _)| &**k == key) {
            Some(slot) => slot.1 = Slot::Data(v),
            None => props.push((Rc::from(key), Slot::Data(v))),
        }
    }

    pub fn new_array(&mut self, items: Vec<Value>) -> Value {
        let proto = Some(self.intrinsics.array_proto);
        Value::Obj(self.alloc(proto, Kind::Array(items)))
    }

    pub fn new_error(&mut self, name: &'static str) -> Value {
        let proto = Some(self.intrinsics.object_proto);
        Value::Obj(self.alloc(proto, Kind::Error(name)))
    }

    pub fn throw_type_error<T>(&mut self) -> JsResult<T> {
        let e = self.new_error("TypeError");
        throw(e)
    }

    pub fn is_callable(&self, v: &Value) -> bool {
        match v {
            Value::Obj(o) => matches!(
                self.heap[*o].kind,
                Kind::Closure(_) | Kind::Builtin(_) | Kind::PromiseSubclass { .. }
            ),
            _ => false,
        }
    }

    pub fn is_constructor(&self, v: &Value) -> bool {
        match v {
            Value::Obj(o) => matches!(
                self.heap[*o].kind,
                Kind::PromiseSubclass { .. } | Kind::Builtin(Builtin::PromiseConstructor)
            ),
            _ => false,
        }
    }

    pub fn is_promise(&self, v: &Value) -> bool {
        matches!(v, Value::Obj(o) if matches!(self.heap[*o].kind, Kind::Promise(_)))
    }

    /// [[Get]]: own property, then the prototype chain; getters are called with `receiver`.
    pub fn get(&mut self, receiver: &Value, key: &str) -> JsResult<Value> {
        let mut cur = match receiver {
            Value::Obj(o) => Some(*o),
            Value::Str(_) | Value::Num(_) | Value::Bool(_) => return Ok(Value::Undefined),
            Value::Undefined | Value::Null => return self.throw_type_error(),
        };
        while let Some(o) = cur {
            if key == "length" {
                if let Kind::Array(items) = &self.heap[o].kind {
                    return Ok(Value::Num(items.len() as f64));
                }
            }
            if let Some((_, slot)) = self.heap[o].props.iter().find(|(k, _)| &**k == key) {
                return match slot.clone() {
                    Slot::Data(v) => Ok(v),
                    Slot::Getter(g) => self.call(&g, receiver, &[]),
                };
            }
            cur = self.heap[o].proto;
        }
        Ok(Value::Undefined)
    }

    /// Invoke(v, key, args).
    pub fn invoke(&mut self, v: &Value, key: &str, args: &[Value]) -> JsResult<Value> {
        let f = self.get(v, key)?;
        self.call(&f, v, args)
    }

    pub fn to_string(&mut self, v: &Value) -> JsResult<String> {
        Ok(match v {
            Value::Undefined => "undefined".into(),
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Num(n) => number_to_string(*n),
            Value::Str(s) => s.to_string(),
            Value::Obj(o) => match &self.heap[*o].kind {
                Kind::Array(items) => {
                    let items = items.clone();
                    let mut parts = Vec::with_capacity(items.len());
                    for it in &items {
                        parts.push(match it {
                            Value::Undefined | Value::Null => String::new(),
                            v => self.to_string(v)?,
                        });
                    }
                    parts.join(",")
                }
                Kind::Promise(_) => "[object Promise]".into(),
                Kind::Ordinary => "[object Object]".into(),
                Kind::Error(name) => name.to_string(),
                _ => {
                    return Err(Abrupt::Abort(Abort::Unsupported("converting a function to a string".into())))
                }
            },
        })
    }

    fn to_number(&self, v: &Value) -> f64 {
        match v {
            Value::Undefined => f64::NAN,
            Value::Null => 0.0,
            Value::Bool(b) => *b as u8 as f64,
            Value::Num(n) => *n,
            Value::Str(s) => {
                let t = s.trim();
                if t.is_empty() {
                    0.0
                } else {
                    t.parse().unwrap_or(f64::NAN)
                }
            }
            Value::Obj(_) => f64::NAN,
        }
    }

    /// ToIntegerOrInfinity, clamped to a delay.
    pub fn to_delay(&self, v: &Value) -> u64 {
        let n = self.to_number(v);
        if n.is_nan() || n <= 0.0 {
            0
        } else if n >= u32::MAX as f64 {
            u32::MAX as u64
        } else {
            n.trunc() as u64
        }
    }

    // -- calls --------------------------------------------------------------

    pub fn call(&mut self, f: &Value, this: &Value, args: &[Value]) -> JsResult<Value> {
        let Value::Obj(o) = f else {
            return self.throw_type_error();
        };
        self.depth += 1;
        self.calls += 1;
        if self.depth > MAX_CALL_DEPTH {
            self.depth -= 1;
            let e = self.new_error("RangeError");
            return throw(e);
        }
        let result = match &self.heap[*o].kind {
            Kind::Closure(c) => {
                let c = c.clone();
                self.call_closure(&c, args)
            }
            Kind::Builtin(b) => {
                let b = b.clone();
                self.call_builtin(&b, this, args)
            }
            // Class constructors cannot be called without `new`.
            _ => self.throw_type_error(),
        };
        self.depth -= 1;
        result
    }

    /// [[Construct]] for the only constructors the model has: Promise and its subclasses.
    pub fn construct(&mut self, ctor: &Value, args: &[Value]) -> JsResult<Value> {
        if !self.is_constructor(ctor) {
            return self.throw_type_error();
        }
        let executor = args.first().cloned().unwrap_or(Value::Undefined);
        self.promise_constructor(&executor, ctor)
    }

    fn bind_params(&mut self, func: &'p Func, parent: EnvId, args: &[Value]) -> EnvId {
        let vars = func
            .params
            .iter()
            .enumerate()
            .map(|(i, p)| (p.as_str(), Some(args.get(i).cloned().unwrap_or(Value::Undefined))))
            .collect();
        self.envs.push(Env { parent: Some(parent), vars });
        self.envs.len() - 1
    }

    pub fn describe_closure(c: &Closure<'p>) -> String {
        let func = match c.code {
            Code::Func(f) => f,
            Code::Getter(_) => return "getter".into(),
        };
        let kind = match (func.is_async, func.kind) {
            (true, FuncKind::Arrow) => "async arrow",
            (false, FuncKind::Arrow) => "arrow",
            (true, FuncKind::Function) => "async function",
            (false, FuncKind::Function) => "function",
        };
        let first_label = first_log_label(func);
        match (c.name, first_label) {
            (Some(n), _) => format!("{kind} {n}"),
            (None, Some(l)) => format!("{kind} that logs '{l}'"),
            (None, None) => kind.to_string(),
        }
    }

    fn call_closure(&mut self, c: &Closure<'p>, args: &[Value]) -> JsResult<Value> {
        let func = match c.code {
            Code::Func(f) => f,
            Code::Getter(stmts) => {
                let env = self.block_env(stmts, c.env);
                let ctl = Ctl::Block { stmts, idx: 0, env };
                let frame = Frame { ctl: vec![ctl], capability: None, target: AwaitTarget::Discard };
                return self.run_sync(frame);
            }
        };
        let env = self.bind_params(func, c.env, args);
        let ctl = match &func.body {
            Body::Block(stmts) => {
                let env = self.block_env(stmts, env);
                Ctl::Block { stmts, idx: 0, env }
            }
            Body::Expr(expr) => Ctl::Concise { expr, env, done: false },
        };
        let mut frame = Frame { ctl: vec![ctl], capability: None, target: AwaitTarget::Discard };
        if !func.is_async {
            return self.run_sync(frame);
        }
        // AsyncFunctionStart: the result promise, then run to the first await.
        let cap = self.new_native_capability();
        let promise = cap.promise.clone();
        frame.capability = Some(cap);
        self.frames.push(None);
        let id = self.frames.len() - 1;
        if self.job_log.is_some() {
            self.frame_names.resize(id, String::new());
            self.frame_names.push(Self::describe_closure(c));
        }
        self.drive_async(id, frame, None)?;
        Ok(promise)
    }

    /// Runs a sync function's frame to completion.
    pub fn run_sync(&mut self, mut frame: Frame<'p>) -> JsResult<Value> {
        match self.run_machine(&mut frame, None)? {
            MachineExit::Done(Completion::Throw(e)) => throw(e),
            MachineExit::Done(Completion::Return(v)) => Ok(v),
            MachineExit::Done(Completion::Normal(_)) => Ok(Value::Undefined),
            MachineExit::Await(_) => {
                Err(Abrupt::Abort(Abort::Unsupported("await in a non-async function".into())))
            }
        }
    }

    /// Runs an async frame until it awaits (it is parked in `frames[id]`) or
    /// completes (its promise is resolved or rejected).
    pub fn drive_async(
        &mut self,
        id: FrameId,
        mut frame: Frame<'p>,
        mut input: Option<Completion>,
    ) -> JsResult<()> {
        loop {
            match self.run_machine(&mut frame, input.take())? {
                MachineExit::Await(v) => match self.await_value(id, v) {
                    Ok(()) => {
                        self.frames[id] = Some(frame);
                        return Ok(());
                    }
                    // Await's PromiseResolve threw: the await expression throws.
                    Err(Abrupt::Throw(e)) => input = Some(Completion::Throw(e)),
                    Err(abort) => return Err(abort),
                },
                MachineExit::Done(c) => {
                    let cap = frame.capability.expect("async frames have a capability");
                    match c {
                        Completion::Throw(e) => self.call(&cap.reject, &Value::Undefined, &[e])?,
                        Completion::Return(v) => self.call(&cap.resolve, &Value::Undefined, &[v])?,
                        Completion::Normal(_) => {
                            self.call(&cap.resolve, &Value::Undefined, &[Value::Undefined])?
                        }
                    };
                    return Ok(());
                }
            }
        }
    }

    /// Resumes a frame parked at `await` (the body of its await reaction).
    pub fn resume(&mut self, id: FrameId, input: Completion) -> JsResult<()> {
        let frame = self.frames[id].take().expect("a frame is resumed once per await");
        self.drive_async(id, frame, Some(input))
    }

    // -- environments --------------------------------------------------------

    /// A new environment for a block, with its declarations hoisted.
    pub fn block_env(&mut self, stmts: &'p [Stmt], parent: EnvId) -> EnvId {
        self.envs.push(Env { parent: Some(parent), vars: Vec::new() });
        let env = self.envs.len() - 1;
        for (name, func) in hoisted(stmts) {
            let value = func.map(|f| self.closure(f, env, Some(name)));
            self.envs[env].vars.push((name, value));
        }
        env
    }

    fn closure(&mut self, func: &'p Func, env: EnvId, name: Option<&'p str>) -> Value {
        let proto = Some(self.intrinsics.function_proto);
        Value::Obj(self.alloc(proto, Kind::Closure(Closure { code: Code::Func(func), env, name })))
    }

    fn lookup(&mut self, name: &str, env: EnvId) -> JsResult<Value> {
        let mut cur = Some(env);
        while let Some(e) = cur {
            if let Some((_, v)) = self.envs[e].vars.iter().find(|(n, _)| *n == name) {
                return match v {
                    Some(v) => Ok(v.clone()),
                    None => {
                        let e = self.new_error("ReferenceError");
                        throw(e)
                    }
                };
            }
            cur = self.envs[e].parent;
        }
        let e = self.new_error("ReferenceError");
        throw(e)
    }

    /// Initializes (or declares, if the block did not hoist it) `name` in `env`.
    fn initialize(&mut self, name: &'p str, env: EnvId, v: Value) {
        let vars = &mut self.envs[env].vars;
        match vars.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = Some(v),
            None => vars.push((name, Some(v))),
        }
    }

    // -- expressions -------------------------------------------------------------

    pub fn eval(&mut self, e: &'p Expr, env: EnvId) -> JsResult<Value> {
        match e {
            Expr::Undefined => Ok(Value::Undefined),
            Expr::Null => Ok(Value::Null),
            Expr::Num(n) => Ok(Value::Num(*n as f64)),
            Expr::Str(s) => Ok(Value::str(s)),
            Expr::Ident(name) => self.lookup(name, env),
            Expr::Add(a, b) => {
                let a = self.eval(a, env)?;
                let b = self.eval(b, env)?;
                // ToPrimitive of the model's objects is their string form.
                match (&a, &b) {
                    (Value::Num(x), Value::Num(y)) => Ok(Value::Num(x + y)),
                    (Value::Str(_), _) | (_, Value::Str(_)) | (Value::Obj(_), _) | (_, Value::Obj(_)) => {
                        let s = self.to_string(&a)? + &self.to_string(&b)?;
                        Ok(Value::Str(Rc::from(s)))
                    }
                    _ => Ok(Value::Num(self.to_number(&a) + self.to_number(&b))),
                }
            }
            Expr::Array(xs) => {
                let mut items = Vec::with_capacity(xs.len());
                for x in xs {
                    items.push(self.eval(x, env)?);
                }
                Ok(self.new_array(items))
            }
            Expr::Object(props) => {
                let proto = Some(self.intrinsics.object_proto);
                let o = self.alloc(proto, Kind::Ordinary);
                for p in props {
                    let (key, slot) = match p {
                        Prop::Value { key, value } => (key, Slot::Data(self.eval(value, env)?)),
                        Prop::Method { key, func } => (key, Slot::Data(self.closure(func, env, None))),
                        Prop::Getter { key, body } => (key, Slot::Getter(self.getter_closure(body, env))),
                    };
                    let props = &mut self.heap[o].props;
                    match props.iter_mut().find(|(k, _)| **k == **key) {
                        Some(existing) => existing.1 = slot,
                        None => props.push((Rc::from(key.as_str()), slot)),
                    }
                }
                Ok(Value::Obj(o))
            }
            Expr::Func(f) => Ok(self.closure(f, env, None)),
            Expr::Call { callee, args } => {
                let (f, this) = match &**callee {
                    Expr::Member { object, property } => {
                        let this = self.eval(object, env)?;
                        (self.get(&this, property)?, this)
                    }
                    callee => (self.eval(callee, env)?, Value::Undefined),
                };
                let args = self.eval_args(args, env)?;
                if !self.is_callable(&f) {
                    return self.throw_type_error();
                }
                self.call(&f, &this, &args)
            }
            Expr::Member { object, property } => {
                let o = self.eval(object, env)?;
                self.get(&o, property)
            }
            Expr::New { callee, args } => {
                let ctor = self.eval(callee, env)?;
                let args = self.eval_args(args, env)?;
                self.construct(&ctor, &args)
            }
            Expr::Await(_) => Err(Abrupt::Abort(Abort::Unsupported("await inside an expression".into()))),
            Expr::Bool(b) => Ok(Value::Bool(*b)),
            Expr::Yield(_) | Expr::YieldStar(_) => {
                Err(Abrupt::Abort(Abort::Unsupported("generators are not modelled yet".into())))
            }
        }
    }

    fn eval_args(&mut self, args: &'p [Expr], env: EnvId) -> JsResult<Vec<Value>> {
        let mut out = Vec::with_capacity(args.len());
        for a in args {
            out.push(self.eval(a, env)?);
        }
        Ok(out)
    }

    /// A getter is a zero-parameter sync function over its body.
    fn getter_closure(&mut self, body: &'p [Stmt], env: EnvId) -> Value {
        let proto = Some(self.intrinsics.function_proto);
        Value::Obj(self.alloc(proto, Kind::Closure(Closure { code: Code::Getter(body), env, name: None })))
    }

    // -- statements ------------------------------------------------------------

    /// Runs `frame` until it completes or reaches an `await`.
    pub fn run_machine(&mut self, frame: &mut Frame<'p>, input: Option<Completion>) -> JsResult<MachineExit> {
        if let Some(input) = input {
            match (input, frame.target) {
                (Completion::Throw(e), _) => {
                    if let Some(c) = self.unwind(frame, Completion::Throw(e)) {
                        return Ok(MachineExit::Done(c));
                    }
                }
                (Completion::Normal(v) | Completion::Return(v), AwaitTarget::Return) => {
                    if let Some(c) = self.unwind(frame, Completion::Return(v)) {
                        return Ok(MachineExit::Done(c));
                    }
                }
                (Completion::Normal(v) | Completion::Return(v), AwaitTarget::Bind(name, env)) => {
                    self.initialize(name, env, v)
                }
                (_, AwaitTarget::Discard) => {}
            }
        }
        loop {
            let Some(top) = frame.ctl.last_mut() else {
                return Ok(MachineExit::Done(Completion::Normal(Value::Undefined)));
            };
            match top {
                Ctl::Block { stmts, idx, env } => {
                    if *idx == stmts.len() {
                        frame.ctl.pop();
                        continue;
                    }
                    let (stmt, env) = (&stmts[*idx], *env);
                    *idx += 1;
                    match self.exec(frame, stmt, env) {
                        Ok(Step::Next) => {}
                        Ok(Step::Await(v)) => return Ok(MachineExit::Await(v)),
                        Ok(Step::Done(c)) => return Ok(MachineExit::Done(c)),
                        Err(Abrupt::Throw(e)) => {
                            if let Some(c) = self.unwind(frame, Completion::Throw(e)) {
                                return Ok(MachineExit::Done(c));
                            }
                        }
                        Err(abort) => return Err(abort),
                    }
                }
                Ctl::Loop { var, items, idx, body, env } => {
                    if *idx == items.len() {
                        frame.ctl.pop();
                        continue;
                    }
                    let item = match &items[*idx] {
                        Lit::Num(n) => Value::Num(*n as f64),
                        Lit::Str(s) => Value::str(s),
                    };
                    *idx += 1;
                    let (var, body, outer) = (*var, *body, *env);
                    // A fresh binding per iteration, as for-of with const does.
                    self.envs.push(Env { parent: Some(outer), vars: vec![(var, Some(item))] });
                    let iter_env = self.envs.len() - 1;
                    let env = self.block_env(body, iter_env);
                    frame.ctl.push(Ctl::Block { stmts: body, idx: 0, env });
                }
                Ctl::Try { catch: _, finally, env, phase } => {
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
                            let Some(Ctl::Try { phase: TryPhase::Finally(pending), .. }) = frame.ctl.pop()
                            else {
                                unreachable!()
                            };
                            if !matches!(pending, Completion::Normal(_)) {
                                if let Some(c) = self.unwind(frame, pending) {
                                    return Ok(MachineExit::Done(c));
                                }
                            }
                        }
                    }
                }
                Ctl::Concise { expr, env, done } => {
                    if *done {
                        frame.ctl.pop();
                        continue;
                    }
                    *done = true;
                    let (expr, env) = (*expr, *env);
                    let result = match expr {
                        Expr::Await(inner) => {
                            let v = self.eval(inner, env);
                            if let Ok(v) = v {
                                frame.target = AwaitTarget::Return;
                                return Ok(MachineExit::Await(v));
                            }
                            v
                        }
                        e => self.eval(e, env),
                    };
                    let c = match result {
                        Ok(v) => Completion::Return(v),
                        Err(Abrupt::Throw(e)) => Completion::Throw(e),
                        Err(abort) => return Err(abort),
                    };
                    if let Some(c) = self.unwind(frame, c) {
                        return Ok(MachineExit::Done(c));
                    }
                }
            }
        }
    }

    /// Propagates an abrupt completion to the nearest handler; returns the
    /// frame's completion when nothing in it handles `c`.
    fn unwind(&mut self, frame: &mut Frame<'p>, c: Completion) -> Option<Completion> {
        while let Some(top) = frame.ctl.last_mut() {
            if let Ctl::Try { catch, finally, env, phase } = top {
                let env = *env;
                if let (TryPhase::Body, Some(catch), Completion::Throw(e)) = (&*phase, *catch, &c) {
                    *phase = TryPhase::Catch;
                    self.envs.push(Env { parent: Some(env), vars: Vec::new() });
                    let catch_env = self.envs.len() - 1;
                    if let Some(p) = &catch.param {
                        self.envs[catch_env].vars.push((p.as_str(), Some(e.clone())));
                    }
                    let block_env = self.block_env(&catch.body, catch_env);
                    frame.ctl.push(Ctl::Block { stmts: &catch.body, idx: 0, env: block_env });
                    return None;
                }
                if let (TryPhase::Body | TryPhase::Catch, Some(f)) = (&*phase, *finally) {
                    *phase = TryPhase::Finally(c);
                    let block_env = self.block_env(f, env);
                    frame.ctl.push(Ctl::Block { stmts: f, idx: 0, env: block_env });
                    return None;
                }
            }
            frame.ctl.pop();
        }
        Some(c)
    }

    /// Executes one statement.
    fn exec(&mut self, frame: &mut Frame<'p>, s: &'p Stmt, env: EnvId) -> JsResult<Step> {
        match s {
            Stmt::Expr(Expr::Await(e)) => {
                let v = self.eval(e, env)?;
                frame.target = AwaitTarget::Discard;
                Ok(Step::Await(v))
            }
            Stmt::Expr(e) => {
                self.eval(e, env)?;
                Ok(Step::Next)
            }
            Stmt::Const { name, init: Expr::Await(e) } => {
                let v = self.eval(e, env)?;
                frame.target = AwaitTarget::Bind(name, env);
                Ok(Step::Await(v))
            }
            Stmt::Const { name, init } => {
                let v = self.eval(init, env)?;
                self.initialize(name, env, v);
                Ok(Step::Next)
            }
            Stmt::Return(Some(Expr::Await(e))) => {
                let v = self.eval(e, env)?;
                frame.target = AwaitTarget::Return;
                Ok(Step::Await(v))
            }
            Stmt::Return(e) => {
                let v = match e {
                    Some(e) => self.eval(e, env)?,
                    None => Value::Undefined,
                };
                // Returning is an abrupt completion that finally blocks see.
                Ok(match self.unwind(frame, Completion::Return(v)) {
                    Some(c) => Step::Done(c),
                    None => Step::Next,
                })
            }
            Stmt::Throw(e) => {
                let v = self.eval(e, env)?;
                throw(v)
            }
            Stmt::Try { body, catch, finally } => {
                frame.ctl.push(Ctl::Try {
                    catch: catch.as_ref(),
                    finally: finally.as_deref(),
                    env,
                    phase: TryPhase::Body,
                });
                let env = self.block_env(body, env);
                frame.ctl.push(Ctl::Block { stmts: body, idx: 0, env });
                Ok(Step::Next)
            }
            Stmt::ForOf { var, items, body } => {
                frame.ctl.push(Ctl::Loop { var, items, idx: 0, body, env });
                Ok(Step::Next)
            }
            // Hoisted when the block was entered.
            Stmt::Function { .. } => Ok(Step::Next),
            Stmt::ForAwait { .. } | Stmt::Break => {
                Err(Abrupt::Abort(Abort::Unsupported("for await / break are not modelled yet".into())))
            }
            Stmt::PromiseSubclass { name } => {
                let class = self.make_subclass(name);
                self.initialize(name, env, class);
                Ok(Step::Next)
            }
        }
    }

    fn make_subclass(&mut self, name: &'p str) -> Value {
        let promise_ctor = self.intrinsics.promise_ctor;
        let promise_proto = self.intrinsics.promise_proto;
        let class = self.alloc(Some(promise_ctor), Kind::PromiseSubclass { name });
        let proto = self.alloc(Some(promise_proto), Kind::Ordinary);
        self.define(class, "prototype", Value::Obj(proto));
        self.define(proto, "constructor", Value::Obj(class));
        Value::Obj(class)
    }
}

fn first_log_label(f: &Func) -> Option<String> {
    let mut found = None;
    walk_func(f, &mut |n| {
        if found.is_none() {
            if let Node::Expr(e) = n {
                if let Some(Expr::Str(s)) = e.as_log() {
                    found = Some(s.clone());
                } else if let Some(Expr::Add(a, _)) = e.as_log() {
                    if let Expr::Str(s) = &**a {
                        found = Some(format!("{s}…"));
                    }
                }
            }
        }
    });
    found
}
