//! The interpreter core: objects and property lookup, calls, expression
//! evaluation, and function frames (the statement machine that suspends
//! them is in `machine.rs`).

use super::coverage::{Step, StepCounts};
use super::heap::*;
use super::host::Guard;
use super::machine::*;
use super::names;
use super::properties::array_index;
use super::{Abort, Mutant};
use crate::outcome::{Event, Limits};
use generators::model::*;
use smallvec::SmallVec;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet, VecDeque};
use std::rc::Rc;

/// An abrupt completion: a JavaScript throw, or the run being stopped.
#[derive(Debug)]
pub enum Abrupt {
    Throw(Value),
    Abort(Abort),
}

pub type JsResult<T> = Result<T, Abrupt>;

impl From<Abort> for Abrupt {
    fn from(a: Abort) -> Self {
        Abrupt::Abort(a)
    }
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
    /// The spec step that enqueued it (coverage.rs).
    pub enqueued_at: Option<Step>,
    /// The spec steps it took while it ran, each once, in first-taken order.
    pub steps: Vec<Step>,
}

pub struct Timer {
    pub id: u32,
    /// Virtual time: an integer or `Infinity`, never NaN.
    pub due: f64,
    pub callback: Value,
    pub args: Vec<Value>,
    /// The job (or task) that registered it, for explanations.
    pub registered_by: Option<usize>,
    /// The task that registered it.
    pub registered_in: u32,
}

#[derive(Clone, Copy, Default)]
pub struct Intrinsics {
    pub object_proto: ObjId,
    pub function_proto: ObjId,
    pub array_proto: ObjId,
    pub promise_proto: ObjId,
    pub promise_ctor: ObjId,
    pub generator_proto: ObjId,
    pub async_generator_proto: ObjId,
    pub array_iterator_proto: ObjId,
    pub async_from_sync_proto: ObjId,
    /// %Array.prototype.values%, also an arguments object's `@@iterator`.
    pub array_values: ObjId,
    /// `String.prototype`, a stand-in whose every member is unmodelled
    /// (strings themselves read their prototype's names from `names`).
    pub string_proto: ObjId,
    /// `Math`, with `max` and `min` only.
    pub math: ObjId,
    pub json: ObjId,
    /// The prototypes of `ERROR_NAMES`, in order.
    pub error_protos: [ObjId; ERROR_NAMES.len()],
    pub global_env: EnvId,
}

/// The error constructors: `Error` first, then the NativeErrors and
/// AggregateError, whose prototypes inherit from Error.prototype.
pub const ERROR_NAMES: [&str; 8] = [
    "Error",
    "TypeError",
    "RangeError",
    "ReferenceError",
    "SyntaxError",
    "EvalError",
    "URIError",
    "AggregateError",
];

/// The index of an error constructor's name in [`ERROR_NAMES`].
pub fn error_index(name: &str) -> usize {
    ERROR_NAMES.iter().position(|n| *n == name).expect("one of the error constructors")
}

pub struct Interp<'p> {
    pub heap: Heap<'p>,
    pub envs: Vec<Env<'p>>,
    pub frames: Vec<Option<Frame<'p>>>,
    pub jobs: VecDeque<Job>,
    pub timers: Vec<Timer>,
    pub next_timer_id: u32,
    pub now: f64,
    pub trace: Vec<Event>,
    /// Per event: the job record it was logged in (when explaining).
    pub event_jobs: Vec<Option<usize>>,
    pub task: u32,
    pub job_index: u32,
    pub steps: u64,
    pub max_steps: u64,
    /// The wall clock, heap budget and output caps of the run.
    pub guard: Guard,
    pub depth: u32,
    pub promise_serial: u32,
    /// The one-shot flags of `FlagId`.
    pub flags: Vec<bool>,
    pub mutant: Mutant,
    pub intrinsics: Intrinsics,
    /// `Some` when explanations are recorded.
    pub job_log: Option<Vec<JobRecord>>,
    /// Per task, what it was (explanations only).
    pub task_names: Option<Vec<String>>,
    /// Per task: the job (or, `None`, the task body) and task that set its
    /// timer (explanations only; task 0, the script, has a placeholder).
    pub task_origins: Vec<(Option<usize>, u32)>,
    /// Per async frame, what it runs (explanations only).
    pub frame_names: Vec<String>,
    pub current_job: Option<usize>,
    /// Function calls so far: bounds runaway recursion.
    pub calls: u64,
    /// How often each mutant's step was reached (indexed like `Mutant::ALL`):
    /// a program that never reaches it must give the mutant the same trace.
    pub mutant_sites: [u32; Mutant::ALL.len()],
    /// How often a rule newer than V8 11.3 (Node 20) decided something:
    /// ecma262 PR #2600, closing a sync iterator when its async wrapper sees
    /// a rejection (AsyncFromSyncIteratorContinuation's closeOnRejection,
    /// and %AsyncFromSyncIteratorPrototype%.throw without a `throw` method).
    pub recent_spec_sites: u32,
    /// Set while AsyncFromSyncIteratorContinuation's closeIterator closes an iterator.
    pub closing_on_rejection: bool,
    /// The `const` bindings made so far, which assignments may not change.
    pub const_bindings: HashSet<(EnvId, &'p str)>,
    /// Per function (by the address of its code): whether it needs an `arguments` object.
    pub arguments_needed: HashMap<usize, bool>,
    /// Whether the program names `arguments` anywhere (most do not: no call looks it up).
    pub mentions_arguments: bool,
    /// How often each spec step was taken (coverage.rs).
    pub spec_steps: StepCounts,
    /// The step taken last: the one that enqueues the next job.
    pub last_step: Option<Step>,
    /// The addresses of the expressions that hold an `await` or `yield`
    /// below a statement head, sorted (suspend.rs).
    pub suspending: Vec<usize>,
    /// The bindings of named function expressions' own names (immutable).
    pub function_names: Vec<(EnvId, &'p str)>,
    /// Objects' private elements, and classes' instance private methods (classes.rs).
    pub private: super::classes::PrivateElements,
}

/// The preferred type of ToPrimitive.
#[derive(Clone, Copy)]
pub enum Hint {
    Default,
    String,
    Number,
}

impl Hint {
    fn name(self) -> &'static str {
        match self {
            Hint::Default => "default",
            Hint::String => "string",
            Hint::Number => "number",
        }
    }
}

/// Nested calls a run may make, counting built-ins and the implicit
/// `toString` of arrays: about what V8 and Boa allow a simple recursive
/// function, so finite recursion engines run runs here too. The native
/// stack grows on demand (`stacker`), so any thread can hold it.
pub const MAX_CALL_DEPTH: u32 = 10_000;

/// Native stack kept free at every `GROW_EVERY`-th call level, and the
/// size of each extra stack segment when it runs short. Between two calls
/// the interpreter recurses only over one function's expressions, which
/// nest at most 64 deep in a valid program (`generators::validate`): a
/// few tens of KiB a level, so 8 levels fit in the red zone many times.
const RED_ZONE: usize = 1 << 20;
const GROW_EVERY: u32 = 8;
const STACK_SEGMENT: usize = 8 << 20;

/// Bytes one string costs the heap budget: its text and the `Rc` header.
fn string_cost(len: usize) -> usize {
    len + 2 * std::mem::size_of::<usize>()
}

pub fn throw<T>(v: Value) -> JsResult<T> {
    Err(Abrupt::Throw(v))
}

impl<'p> Interp<'p> {
    pub fn new(mutant: Mutant, limits: &Limits, explain: bool) -> Self {
        REALM.with(|realm| {
            let mut it = Interp::over(realm.objects.clone(), mutant, limits, explain);
            it.intrinsics = realm.intrinsics;
            it.envs.push(Env { parent: None, vars: realm.globals.clone() });
            it
        })
    }

    /// An interpreter over `realm` with no global environment yet.
    fn over(realm: Rc<[Obj<'static>]>, mutant: Mutant, limits: &Limits, explain: bool) -> Self {
        let spare = SPARE.with(|s| std::mem::take(&mut *s.borrow_mut()));
        // Sized for a typical generated program, so that runs rarely grow
        // them (growing was a twentieth of the run time).
        let mut jobs = spare.jobs;
        jobs.reserve(16);
        Interp {
            heap: Heap::new(realm, reuse(spare.objs, 128)),
            envs: reuse(spare.envs, 64),
            frames: reuse(spare.frames, 8),
            jobs,
            timers: Vec::new(),
            next_timer_id: 1,
            now: 0.0,
            trace: Vec::with_capacity(16),
            event_jobs: Vec::new(),
            task: 0,
            job_index: 0,
            steps: 0,
            max_steps: limits.max_steps,
            guard: Guard::new(limits),
            depth: 0,
            promise_serial: 0,
            flags: reuse(spare.flags, 32),
            mutant,
            intrinsics: Intrinsics::default(),
            job_log: explain.then(Vec::new),
            task_names: explain.then(|| vec!["script".to_string()]),
            frame_names: Vec::new(),
            task_origins: vec![(None, 0)],
            current_job: None,
            calls: 0,
            mutant_sites: [0; Mutant::ALL.len()],
            recent_spec_sites: 0,
            closing_on_rejection: false,
            const_bindings: HashSet::new(),
            arguments_needed: HashMap::new(),
            mentions_arguments: false,
            spec_steps: StepCounts::default(),
            last_step: None,
            suspending: Vec::new(),
            function_names: Vec::new(),
            private: Default::default(),
        }
    }

    fn init_realm(&mut self) {
        let object_proto = self.alloc(None, Kind::Ordinary);
        let function_proto = self.alloc(Some(object_proto), Kind::Ordinary);
        let array_proto = self.alloc(Some(object_proto), Kind::Ordinary);
        let promise_proto = self.alloc(Some(object_proto), Kind::Ordinary);
        let promise_ctor = self.alloc(Some(function_proto), Kind::Builtin(Builtin::PromiseConstructor));
        let generator_proto = self.alloc(Some(object_proto), Kind::Ordinary);
        let async_generator_proto = self.alloc(Some(object_proto), Kind::Ordinary);
        let array_iterator_proto = self.alloc(Some(object_proto), Kind::Ordinary);
        let async_from_sync_proto = self.alloc(Some(object_proto), Kind::Ordinary);
        self.intrinsics = Intrinsics {
            object_proto,
            function_proto,
            array_proto,
            promise_proto,
            promise_ctor,
            generator_proto,
            async_generator_proto,
            array_iterator_proto,
            async_from_sync_proto,
            array_values: object_proto,
            string_proto: object_proto,
            math: object_proto,
            json: object_proto,
            error_protos: [object_proto; ERROR_NAMES.len()],
            global_env: EnvId::new(0),
        };
        for (proto, make) in [
            (generator_proto, Builtin::GeneratorMethod as fn(IterMethod) -> Builtin),
            (async_generator_proto, Builtin::AsyncGeneratorMethod),
            (async_from_sync_proto, Builtin::AsyncFromSyncMethod),
        ] {
            for (name, m) in
                [("next", IterMethod::Next), ("return", IterMethod::Return), ("throw", IterMethod::Throw)]
            {
                let f = self.builtin(make(m));
                self.define(proto, name, f);
            }
        }
        let this_fn = self.builtin(Builtin::ReturnThis);
        self.define(generator_proto, generators::model::ITERATOR_KEY, this_fn.clone());
        self.define(array_iterator_proto, generators::model::ITERATOR_KEY, this_fn.clone());
        self.define(async_generator_proto, generators::model::ASYNC_ITERATOR_KEY, this_fn.clone());
        self.define(async_from_sync_proto, generators::model::ASYNC_ITERATOR_KEY, this_fn);
        let values = self.builtin(Builtin::ArrayValues);
        self.intrinsics.array_values = values.as_obj().expect("a function");
        self.define(array_proto, generators::model::ITERATOR_KEY, values);
        let array_next = self.builtin(Builtin::ArrayIteratorNext);
        self.define(array_iterator_proto, "next", array_next);

        for (obj, name, b) in [
            (array_proto, "forEach", Builtin::ArrayForEach),
            (array_proto, "map", Builtin::ArrayMap),
            (array_proto, "join", Builtin::ArrayJoin),
            (array_proto, "filter", Builtin::ArrayFilter),
            (array_proto, "push", Builtin::ArrayPush),
            (array_proto, "slice", Builtin::ArraySlice),
            (array_proto, "concat", Builtin::ArrayConcat),
            (array_proto, "includes", Builtin::ArrayIncludes),
            (array_proto, "indexOf", Builtin::ArrayIndexOf),
            (array_proto, "toString", Builtin::ArrayToString),
            (object_proto, "toString", Builtin::ObjectToString),
            (object_proto, "valueOf", Builtin::ObjectValueOf),
            (object_proto, "hasOwnProperty", Builtin::ObjectHasOwnProperty),
            (function_proto, "call", Builtin::FunctionCall),
            (function_proto, "apply", Builtin::FunctionApply),
        ] {
            let f = self.builtin(b);
            self.define(obj, name, f);
        }
        for (name, m) in super::arrays::ArrayMethod::ALL {
            let f = self.builtin(Builtin::ArrayMethod(m));
            self.define(array_proto, name, f);
        }
        for (obj, tag) in [
            (promise_proto, "Promise"),
            (generator_proto, "Generator"),
            (async_generator_proto, "AsyncGenerator"),
            (array_iterator_proto, "Array Iterator"),
        ] {
            self.define(obj, "@@toStringTag", Value::str(tag));
        }

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
            ("withResolvers", Builtin::PromiseWithResolvers),
            ("try", Builtin::PromiseTry),
        ] {
            let f = self.builtin(b);
            self.define(promise_ctor, name, f);
        }
        let species = self.builtin(Builtin::SpeciesGetter);
        let has_instance = self.builtin(Builtin::FunctionHasInstance);
        self.define_slot(
            function_proto,
            Key::Lit("@@hasInstance"),
            Slot::DataWith(has_instance, Attrs::FROZEN),
        );
        let species_attrs = Attrs { writable: false, enumerable: false, configurable: true };
        let species = Slot::Accessor(Rc::new((species, Value::Undefined)), species_attrs);
        self.heap[promise_ctor].props.push((Key::Lit("@@species"), species));

        let mut globals: Vec<(&'p str, Option<Value>)> = vec![
            ("undefined", Some(Value::Undefined)),
            ("NaN", Some(Value::Num(f64::NAN))),
            ("Infinity", Some(Value::Num(f64::INFINITY))),
            ("Promise", Some(Value::Obj(promise_ctor))),
        ];
        for (name, b) in [
            ("log", Builtin::Log),
            ("setTimeout", Builtin::SetTimeout),
            ("clearTimeout", Builtin::ClearTimeout),
            ("queueMicrotask", Builtin::QueueMicrotask),
        ] {
            globals.push((name, Some(self.builtin(b))));
        }
        // Error and the errors built on it (§20.5): constructor, prototype
        // with `name`, an empty `message` and (Error.prototype) `toString`.
        let error_to_string = self.builtin(Builtin::ErrorToString);
        let mut error_ctor = None;
        for (i, name) in ERROR_NAMES.into_iter().enumerate() {
            let proto_of_proto = if i == 0 { object_proto } else { self.intrinsics.error_protos[0] };
            let proto = self.alloc(Some(proto_of_proto), Kind::Ordinary);
            let ctor_proto = error_ctor.unwrap_or(function_proto);
            let ctor = self.alloc(Some(ctor_proto), Kind::Builtin(Builtin::ErrorConstructor(i)));
            error_ctor.get_or_insert(ctor);
            self.intrinsics.error_protos[i] = proto;
            self.define(ctor, "prototype", Value::Obj(proto));
            self.define(proto, "constructor", Value::Obj(ctor));
            self.define(proto, "name", Value::str(name));
            self.define(proto, "message", Value::str(""));
            if i == 0 {
                self.define(proto, "toString", error_to_string.clone());
            }
            globals.push((name, Some(Value::Obj(ctor))));
        }
        let string = self.builtin(Builtin::StringFunction);
        let string_proto = self.alloc(Some(object_proto), Kind::Ordinary);
        self.intrinsics.string_proto = string_proto;
        for (name, m) in super::strings::StringMethod::ALL {
            let f = self.builtin(Builtin::StringMethod(m));
            self.define(string_proto, name, f);
        }
        if let Value::Obj(f) = string {
            self.define(f, "prototype", Value::Obj(string_proto));
        }
        globals.push(("String", Some(string)));
        let object = self.alloc(Some(function_proto), Kind::Builtin(Builtin::ObjectConstructor));
        self.define(object, "prototype", Value::Obj(object_proto));
        {
            use super::object::ObjectMethod as M;
            for (name, m) in [
                ("keys", M::Keys),
                ("getPrototypeOf", M::GetPrototypeOf),
                ("setPrototypeOf", M::SetPrototypeOf),
                ("create", M::Create),
                ("defineProperty", M::DefineProperty),
                ("entries", M::Entries),
                ("values", M::Values),
                ("assign", M::Assign),
            ] {
                let f = self.builtin(Builtin::ObjectMethod(m));
                self.define(object, name, f);
            }
        }
        globals.push(("Object", Some(Value::Obj(object))));
        let json = self.alloc(Some(object_proto), Kind::Ordinary);
        self.intrinsics.json = json;
        let stringify = self.builtin(Builtin::JsonStringify);
        self.define(json, "stringify", stringify);
        self.define(json, "@@toStringTag", Value::str("JSON"));
        globals.push(("JSON", Some(Value::Obj(json))));
        let math = self.alloc(Some(object_proto), Kind::Ordinary);
        self.intrinsics.math = math;
        for (name, b) in [("max", Builtin::MathMax), ("min", Builtin::MathMin)] {
            let f = self.builtin(b);
            self.define(math, name, f);
        }
        self.define(math, "@@toStringTag", Value::str("Math"));
        globals.push(("Math", Some(Value::Obj(math))));
        let console = self.alloc(Some(object_proto), Kind::Ordinary);
        let console_log = self.builtin(Builtin::ConsoleLog);
        self.define(console, "log", console_log);
        globals.push(("console", Some(Value::Obj(console))));
        self.envs.push(Env { parent: None, vars: globals });
        self.intrinsics.global_env = EnvId::new(self.envs.len() - 1);
        // The built-ins' data properties are writable and configurable but
        // not enumerable (§18); constructors' `prototype` has no attribute
        // and `@@toStringTag` is only configurable. `console` is WebIDL's
        // namespace, whose operations are enumerable too.
        for index in 0..self.heap.len() {
            let o = ObjId::new(index);
            if o == console {
                continue;
            }
            for (key, slot) in self.heap[o].props.iter_mut() {
                if let Slot::Data(v) = slot {
                    let attrs = match &**key {
                        "prototype" => Attrs::FROZEN,
                        "@@toStringTag" => Attrs { writable: false, enumerable: false, configurable: true },
                        _ => Attrs::BUILTIN,
                    };
                    *slot = Slot::DataWith(v.clone(), attrs);
                }
            }
        }
    }
}

/// The emptied storage of the thread's last finished run, reused by the next
/// one: fresh vectors cost an allocation, growth and first touch each.
#[derive(Default)]
struct Spare {
    objs: Vec<Obj<'static>>,
    envs: Vec<Env<'static>>,
    frames: Vec<Option<Frame<'static>>>,
    jobs: VecDeque<Job>,
    flags: Vec<bool>,
}

thread_local! {
    static SPARE: RefCell<Spare> = RefCell::default();
}

impl Drop for Interp<'_> {
    fn drop(&mut self) {
        let mut jobs = std::mem::take(&mut self.jobs);
        jobs.clear();
        let spare = Spare {
            objs: emptied(self.heap.take_objects()),
            envs: emptied(std::mem::take(&mut self.envs)),
            frames: emptied(std::mem::take(&mut self.frames)),
            jobs,
            flags: emptied(std::mem::take(&mut self.flags)),
        };
        // During thread teardown the slot may be gone: then the memory is simply freed.
        let _ = SPARE.try_with(|s| s.replace(spare));
    }
}

/// `v` emptied, as a vector of a same-layout type (here: the same type with
/// another lifetime), keeping its allocation: an in-place collect of no items.
fn emptied<T, U>(mut v: Vec<T>) -> Vec<U> {
    v.clear();
    v.into_iter().map(|_| unreachable!("the vector is empty")).collect()
}

/// `v` emptied and with room for `n` items.
fn reuse<T, U>(v: Vec<T>, n: usize) -> Vec<U> {
    let mut v = emptied(v);
    v.reserve(n);
    v
}

/// The intrinsics and global bindings every run starts from, built once per
/// thread: building them was a tenth of a typical run.
struct Realm {
    objects: Rc<[Obj<'static>]>,
    intrinsics: Intrinsics,
    globals: Vec<(&'static str, Option<Value>)>,
}

thread_local! {
    static REALM: Realm = Realm::build();
}

impl Realm {
    fn build() -> Realm {
        let mut it = Interp::over(Rc::from(Vec::new()), Mutant::None, &Limits::default(), false);
        it.init_realm();
        let globals = std::mem::take(&mut it.envs[it.intrinsics.global_env].vars);
        Realm { objects: it.heap.take_objects().into(), intrinsics: it.intrinsics, globals }
    }
}

impl<'p> Interp<'p> {
    // -- objects ------------------------------------------------------------

    pub fn alloc(&mut self, proto: Option<ObjId>, kind: Kind<'p>) -> ObjId {
        self.charge(std::mem::size_of::<Obj>());
        self.heap.push(Obj { proto, props: Vec::new(), kind })
    }

    /// A new environment (charged to the heap budget with its bindings).
    pub fn push_env(&mut self, env: Env<'p>) -> EnvId {
        self.charge(std::mem::size_of::<Env>() + env.vars.capacity() * BINDING_BYTES);
        self.envs.push(env);
        EnvId::new(self.envs.len() - 1)
    }

    /// A string value, charged to the heap budget.
    pub fn new_str(&mut self, s: &str) -> Value {
        self.charge(string_cost(s.len()));
        Value::str(s)
    }

    pub fn builtin(&mut self, b: Builtin) -> Value {
        let proto = Some(self.intrinsics.function_proto);
        Value::Obj(self.alloc(proto, Kind::Builtin(b)))
    }

    pub fn define(&mut self, obj: ObjId, key: &'p str, v: Value) {
        self.define_slot(obj, Key::Lit(key), Slot::Data(v))
    }

    /// A non-enumerable, writable, configurable data property
    /// (CreateNonEnumerableDataPropertyOrThrow).
    pub fn define_hidden(&mut self, obj: ObjId, key: &'p str, v: Value) {
        self.define_slot(obj, Key::Lit(key), Slot::DataWith(v, Attrs::BUILTIN))
    }

    /// Replaces `key`'s slot in `obj` or adds it (at the end, as a new key).
    pub fn define_slot(&mut self, obj: ObjId, key: Key<'p>, slot: Slot) {
        self.charge(PROP_BYTES);
        let props = &mut self.heap[obj].props;
        match props.iter_mut().find(|(k, _)| **k == *key) {
            Some(existing) => existing.1 = slot,
            None => props.push((key, slot)),
        }
    }

    pub fn new_flag(&mut self) -> FlagId {
        self.charge(1);
        self.flags.push(false);
        FlagId::new(self.flags.len() - 1)
    }

    /// Sets the flag, returning whether it was already set.
    pub fn test_and_set(&mut self, flag: FlagId) -> bool {
        std::mem::replace(&mut self.flags[flag], true)
    }

    pub fn new_array(&mut self, items: Vec<Value>) -> Value {
        self.charge(items.len() * std::mem::size_of::<Value>());
        let proto = Some(self.intrinsics.array_proto);
        Value::Obj(self.alloc(proto, Kind::Array(items)))
    }

    pub fn new_error(&mut self, name: &'static str) -> Value {
        let proto = Some(self.intrinsics.error_protos[error_index(name)]);
        Value::Obj(self.alloc(proto, Kind::Error(name)))
    }

    /// The Error constructors' steps (§20.5.1.1, §20.5.6.1.1, §20.5.7.1.1),
    /// called or constructed alike (NewTarget is the constructor itself).
    pub fn construct_error(&mut self, index: usize, args: &[Value]) -> JsResult<Value> {
        let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::Undefined);
        let aggregate = ERROR_NAMES[index] == "AggregateError";
        let (message, options) = if aggregate { (arg(1), arg(2)) } else { (arg(0), arg(1)) };
        let proto = Some(self.intrinsics.error_protos[index]);
        let o = self.alloc(proto, Kind::ErrorObject);
        if message != Value::Undefined {
            let m = self.to_string(&message)?;
            let m = self.new_str(&m);
            self.define_hidden(o, "message", m);
        }
        // InstallErrorCause.
        if options.as_obj().is_some() && self.has_property(&options, "cause")? {
            let cause = self.get(&options, "cause")?;
            self.define_hidden(o, "cause", cause);
        }
        if aggregate {
            // IterableToList: an array's own iterator, which the model's
            // programs cannot replace (as for the combinators).
            let errors = arg(0);
            let items = match errors.as_obj().map(|e| &self.heap[e].kind) {
                Some(Kind::Array(items)) => {
                    let items = items.clone();
                    self.native_array(errors.as_obj().unwrap(), "AggregateError")?;
                    items
                }
                _ if matches!(errors, Value::Undefined | Value::Null) => return self.throw_type_error(),
                _ => {
                    return Err(Abort::Unsupported(
                        "AggregateError over something other than an array".into(),
                    )
                    .into())
                }
            };
            let list = self.new_array(items);
            self.define_hidden(o, "errors", list);
        }
        Ok(Value::Obj(o))
    }

    /// HasProperty (§7.3.12) through the prototype chain, unmodelled built-in
    /// names ending the run as [`Interp::get`] does.
    pub fn has_property(&mut self, v: &Value, key: &str) -> JsResult<bool> {
        let mut cur = v.as_obj();
        while let Some(o) = cur {
            if self.heap[o].props.iter().any(|(k, _)| &**k == key)
                || self.array_own(o, key).is_some()
                || (key == "prototype" && self.is_ordinary_function(o))
            {
                return Ok(true);
            }
            if let Some(what) = self.unmodelled(o, key) {
                return Err(Abort::Unsupported(what).into());
            }
            cur = self.heap[o].proto;
        }
        Ok(false)
    }

    pub fn throw_type_error<T>(&mut self) -> JsResult<T> {
        let e = self.new_error("TypeError");
        throw(e)
    }

    pub fn is_callable(&self, v: &Value) -> bool {
        match v {
            Value::Obj(o) => matches!(
                self.heap[*o].kind,
                Kind::Closure(_) | Kind::Builtin(_) | Kind::PromiseSubclass { .. } | Kind::Class(_)
            ),
            _ => false,
        }
    }

    pub fn is_constructor(&self, v: &Value) -> bool {
        match v {
            Value::Obj(o) => {
                matches!(
                    self.heap[*o].kind,
                    Kind::PromiseSubclass { .. }
                        | Kind::Class(_)
                        | Kind::Builtin(
                            Builtin::PromiseConstructor
                                | Builtin::ErrorConstructor(_)
                                | Builtin::StringFunction
                                | Builtin::ObjectConstructor
                        )
                ) || self.is_ordinary_function(*o)
            }
            _ => false,
        }
    }

    pub fn is_promise(&self, v: &Value) -> bool {
        matches!(v, Value::Obj(o) if matches!(self.heap[*o].kind, Kind::Promise(_)))
    }

    /// `[[Get]]`: own property, then the prototype chain; getters are called
    /// with `receiver`. The one place every property lookup goes through, so
    /// the one place that knows what the model lacks: a miss on an object
    /// where engines have a built-in property of that name ends the run as
    /// unsupported (`names`), instead of answering `undefined`.
    pub fn get(&mut self, receiver: &Value, key: &str) -> JsResult<Value> {
        match receiver {
            Value::Obj(o) => self.get_from(*o, key, receiver),
            Value::Str(_) | Value::Num(_) | Value::Bool(_) => self.get_primitive(receiver, key),
            Value::Undefined | Value::Null => self.throw_type_error(),
        }
    }

    /// `[[Get]]` starting at `start`, getters called on `receiver` (which
    /// is `start` but for `super.key`, whose receiver is `this`).
    pub fn get_from(&mut self, start: ObjId, key: &str, receiver: &Value) -> JsResult<Value> {
        let mut cur = Some(start);
        while let Some(o) = cur {
            if let Some(v) = self.array_own(o, key) {
                return Ok(v);
            }
            if let Some((_, slot)) = self.heap[o].props.iter().find(|(k, _)| &**k == key) {
                return match slot {
                    Slot::Data(v) | Slot::DataWith(v, _) => Ok(v.clone()),
                    Slot::Accessor(fns, _) => {
                        let getter = fns.0.clone();
                        if getter == Value::Undefined {
                            return Ok(Value::Undefined);
                        }
                        self.call(&getter, receiver, &[])
                    }
                };
            }
            if key == "prototype" && self.is_ordinary_function(o) {
                return Ok(self.function_prototype(o));
            }
            if let Some(what) = self.unmodelled(o, key) {
                return Err(Abort::Unsupported(what).into());
            }
            cur = self.heap[o].proto;
        }
        Ok(Value::Undefined)
    }

    /// `[[Get]]` on a string, number or boolean: its prototype's properties
    /// are not modelled (only a string's `length` is).
    fn get_primitive(&mut self, v: &Value, key: &str) -> JsResult<Value> {
        let proto = match v {
            Value::Str(s) if key == "length" => return Ok(Value::Num(s.encode_utf16().count() as f64)),
            Value::Str(s) if array_index(key).is_some() => return self.string_index(s, key),
            // A method String.prototype has (a built-in one, or one a program put there).
            Value::Str(_)
                if self.heap[self.intrinsics.string_proto].props.iter().any(|(k, _)| **k == *key) =>
            {
                return self.get_from(self.intrinsics.string_proto, key, v);
            }
            Value::Str(_) => &names::STRING_PROTOTYPE,
            Value::Num(_) => &names::NUMBER_PROTOTYPE,
            _ => &names::BOOLEAN_PROTOTYPE,
        };
        match [proto, &names::OBJECT_PROTOTYPE].into_iter().find(|t| t.has(key)) {
            Some(t) => Err(Abort::Unsupported(t.member(key)).into()),
            None => Ok(Value::Undefined),
        }
    }

    /// What engines have under `key` on `o` that the reference does not
    /// model, for a lookup that found no own property of `o`.
    pub(super) fn unmodelled(&self, o: ObjId, key: &str) -> Option<String> {
        use names::*;
        match self.heap[o].kind {
            Kind::Error(name) if ERROR_OWN.has(key) => {
                return Some(format!("the own `{key}` of a {name} the engine throws"));
            }
            Kind::ErrorObject if ENGINE_ERROR_OWN.has(key) => {
                return Some(format!("{} `{key}`", ENGINE_ERROR_OWN.name));
            }
            Kind::Arguments { .. } if key == "callee" => return Some("`arguments.callee`".into()),
            Kind::Closure(_) | Kind::Builtin(_) | Kind::PromiseSubclass { .. } | Kind::Class(_)
                if FUNCTION_OWN.has(key) =>
            {
                return Some(format!("{} `{key}`", FUNCTION_OWN.name));
            }
            _ => {}
        }
        if !self.heap.is_intrinsic(o) {
            return None;
        }
        let i = &self.intrinsics;
        let tables: &[&names::Table] = if o == i.object_proto {
            &[&OBJECT_PROTOTYPE]
        } else if o == i.function_proto {
            &[&FUNCTION_PROTOTYPE]
        } else if o == i.array_proto {
            &[&ARRAY_PROTOTYPE]
        } else if o == i.promise_proto {
            &[&PROMISE_PROTOTYPE]
        } else if o == i.promise_ctor {
            &[&PROMISE]
        } else if o == i.generator_proto {
            &[&GENERATOR_PROTOTYPE, &ITERATOR_PROTOTYPE]
        } else if o == i.array_iterator_proto {
            &[&ARRAY_ITERATOR_PROTOTYPE, &ITERATOR_PROTOTYPE]
        } else if o == i.async_generator_proto || o == i.async_from_sync_proto {
            &[&ASYNC_GENERATOR_PROTOTYPE, &ASYNC_ITERATOR_PROTOTYPE]
        } else if o == i.math {
            &[&MATH]
        } else if o == i.json {
            &[&JSON]
        } else if o == i.string_proto {
            &[&STRING_PROTOTYPE]
        } else if o == i.error_protos[0] {
            &[&ERROR_PROTOTYPE]
        } else if matches!(self.heap[o].kind, Kind::Builtin(Builtin::ErrorConstructor(0))) {
            &[&ERROR_CONSTRUCTOR]
        } else if matches!(self.heap[o].kind, Kind::Builtin(Builtin::StringFunction)) {
            &[&STRING_CONSTRUCTOR]
        } else if matches!(self.heap[o].kind, Kind::Builtin(Builtin::ObjectConstructor)) {
            &[&OBJECT_CONSTRUCTOR]
        } else {
            &[]
        };
        tables.iter().find(|t| t.has(key)).map(|t| t.member(key))
    }

    /// Invoke(v, key, args).
    pub fn invoke(&mut self, v: &Value, key: &str, args: &[Value]) -> JsResult<Value> {
        let f = self.get(v, key)?;
        self.call(&f, v, args)
    }

    /// ToString (§7.1.17), objects through ToPrimitive(string).
    #[allow(clippy::wrong_self_convention)] // the spec's abstract operation, on the interpreter
    pub fn to_string(&mut self, v: &Value) -> JsResult<String> {
        Ok(match v {
            Value::Undefined => "undefined".into(),
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Num(n) => number_to_string(*n),
            Value::Str(s) => s.to_string(),
            Value::Obj(_) => {
                let p = self.to_primitive(v, Hint::String)?;
                return self.to_string(&p);
            }
        })
    }

    /// ToPrimitive (§7.1.1): `@@toPrimitive`, else OrdinaryToPrimitive,
    /// which calls the object's `toString` / `valueOf`, user-defined or
    /// built-in, as engines do.
    #[allow(clippy::wrong_self_convention)] // the spec's abstract operation, on the interpreter
    pub fn to_primitive(&mut self, v: &Value, hint: Hint) -> JsResult<Value> {
        if v.as_obj().is_none() {
            return Ok(v.clone());
        }
        let exotic = self.get_method(v, "@@toPrimitive")?;
        if exotic != Value::Undefined {
            let hint = self.new_str(hint.name());
            let r = self.call(&exotic, v, &[hint])?;
            return if r.as_obj().is_some() { self.throw_type_error() } else { Ok(r) };
        }
        let order = match hint {
            Hint::String => ["toString", "valueOf"],
            Hint::Default | Hint::Number => ["valueOf", "toString"],
        };
        for name in order {
            let f = self.get(v, name)?;
            if self.is_callable(&f) {
                let r = self.call(&f, v, &[])?;
                if r.as_obj().is_none() {
                    return Ok(r);
                }
            }
        }
        self.throw_type_error()
    }

    /// Array.prototype.join(sep) on the array `o`, every part charged to
    /// the heap budget before it is built.
    pub fn array_join(&mut self, o: ObjId, len: usize, sep: &str) -> JsResult<String> {
        let mut out = String::new();
        // Each element is read when its turn comes: an element's `toString` may change the array.
        for i in 0..len {
            self.check_limits()?;
            let it = match &self.heap[o].kind {
                Kind::Array(items) => items.get(i).cloned().unwrap_or(Value::Undefined),
                _ => unreachable!("called on arrays"),
            };
            let part = match &it {
                Value::Undefined | Value::Null => String::new(),
                v => self.to_string(v)?,
            };
            let sep = if i > 0 { sep } else { "" };
            self.charge_str(out.len() + sep.len() + part.len())?;
            out.push_str(sep);
            out.push_str(&part);
        }
        Ok(out)
    }

    /// ToNumber (§7.1.4), objects through ToPrimitive(number).
    #[allow(clippy::wrong_self_convention)] // the spec's abstract operation, on the interpreter
    pub fn to_number(&mut self, v: &Value) -> JsResult<f64> {
        Ok(match v {
            Value::Undefined => f64::NAN,
            Value::Null => 0.0,
            Value::Bool(b) => *b as u8 as f64,
            Value::Num(n) => *n,
            Value::Str(s) => string_to_number(s),
            Value::Obj(_) => {
                let p = self.to_primitive(v, Hint::Number)?;
                return self.to_number(&p);
            }
        })
    }

    // -- calls --------------------------------------------------------------

    pub fn call(&mut self, f: &Value, this: &Value, args: &[Value]) -> JsResult<Value> {
        let Value::Obj(o) = f else {
            return self.throw_type_error();
        };
        self.calls += 1;
        self.check_limits()?;
        self.nested_call(|it| it.call_object(*o, this, args))
    }

    /// Runs `f` one call deeper: past [`MAX_CALL_DEPTH`] the run ends, and
    /// the native stack grows when it runs short.
    pub fn nested_call<T>(&mut self, f: impl FnOnce(&mut Self) -> JsResult<T>) -> JsResult<T> {
        if self.depth >= MAX_CALL_DEPTH {
            return Err(Abort::Depth.into());
        }
        self.depth += 1;
        // Every few levels is enough: the red zone holds that many.
        let result = if self.depth.is_multiple_of(GROW_EVERY) {
            stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || f(self))
        } else {
            f(self)
        };
        self.depth -= 1;
        result
    }

    fn call_object(&mut self, o: ObjId, this: &Value, args: &[Value]) -> JsResult<Value> {
        match &self.heap[o].kind {
            Kind::Closure(c) => {
                let c = c.clone();
                self.call_closure(&c, this, args)
            }
            Kind::Builtin(b) => {
                let b = b.clone();
                self.call_builtin(&b, this, args)
            }
            // Class constructors cannot be called without `new`.
            _ => self.throw_type_error(),
        }
    }

    /// `[[Construct]]` for the constructors the model has: Promise, its
    /// subclasses, classes and the errors (NewTarget is the constructor).
    pub fn construct(&mut self, ctor: &Value, args: &[Value]) -> JsResult<Value> {
        self.construct_with(ctor, args, ctor)
    }

    /// Construct(ctor, args, newTarget).
    pub fn construct_with(&mut self, ctor: &Value, args: &[Value], new_target: &Value) -> JsResult<Value> {
        if !self.is_constructor(ctor) {
            return self.throw_type_error();
        }
        let o = ctor.as_obj().expect("constructors are objects");
        self.calls += 1;
        self.check_limits()?;
        self.nested_call(|it| match it.heap[o].kind {
            Kind::Class(_) => it.construct_class(o, args, new_target),
            Kind::Closure(_) => it.construct_function(o, args, new_target),
            Kind::Builtin(Builtin::StringFunction) => Err(Abort::Unsupported("`new String`".into()).into()),
            Kind::Builtin(Builtin::ObjectConstructor) => {
                Err(Abort::Unsupported("`new Object`".into()).into())
            }
            Kind::Builtin(Builtin::ErrorConstructor(index)) => {
                let e = it.construct_error(index, args)?;
                if new_target != ctor {
                    // OrdinaryCreateFromConstructor(newTarget, ..): a class's
                    // `prototype`, a data property, so read at no observable point.
                    if let Value::Obj(p) = it.get(new_target, "prototype")? {
                        it.heap[e.as_obj().expect("an error object")].proto = Some(p);
                    }
                }
                Ok(e)
            }
            _ => {
                let executor = args.first().cloned().unwrap_or(Value::Undefined);
                it.promise_constructor(&executor, new_target)
            }
        })
    }

    /// The environment of a call's parameters: a simple list's bound to the
    /// arguments, any other's in their TDZ until `bind_param_patterns`.
    pub fn bind_params(&mut self, func: &'p Func, parent: EnvId, args: &[Value]) -> EnvId {
        // Room for the body's declarations too (see `hoist`).
        let mut vars = Vec::with_capacity(func.params.len() + 2);
        if func.has_simple_params() {
            vars.extend(func.params.iter().enumerate().map(|(i, p)| {
                let name = p.as_name().expect("a simple parameter list");
                (name, Some(args.get(i).cloned().unwrap_or(Value::Undefined)))
            }));
        } else {
            func.for_each_param_name(&mut |name| vars.push((name, None)));
        }
        self.push_env(Env { parent: Some(parent), vars })
    }

    pub fn describe_closure(c: &Closure<'p>) -> String {
        let func = match c.code {
            Code::Func(f) => f,
            Code::Getter(_) => return "getter".into(),
            Code::Setter(..) => return "setter".into(),
        };
        let kind = match (func.is_async, func.generator, func.kind) {
            (true, true, _) => "async generator",
            (false, true, _) => "generator",
            (true, false, FuncKind::Arrow) => "async arrow",
            (false, false, FuncKind::Arrow) => "arrow",
            (true, false, FuncKind::Function) => "async function",
            (false, false, FuncKind::Function) => "function",
        };
        match (c.name, log_labels(func)) {
            (Some(n), _) => format!("{kind} {n}"),
            (None, (Some(own), _)) => format!("{kind} that logs '{own}'"),
            (None, (None, Some(nested))) => format!("{kind} around a function that logs '{nested}'"),
            (None, (None, None)) => kind.to_string(),
        }
    }

    // -- environments --------------------------------------------------------

    /// A new environment for a block, with its declarations hoisted.
    pub fn block_env(&mut self, stmts: &'p [Stmt], parent: EnvId) -> EnvId {
        let env = self.push_env(Env { parent: Some(parent), vars: Vec::new() });
        self.hoist(stmts, env);
        env
    }

    /// Declares `stmts`' hoisted bindings in `env`; a declaration replaces a
    /// binding of the same name (a function body's declarations live in its
    /// parameters' environment, and a function declaration there wins over
    /// a parameter, as in FunctionDeclarationInstantiation).
    pub fn hoist(&mut self, stmts: &'p [Stmt], env: EnvId) {
        for s in stmts {
            match s {
                Stmt::Const { name, .. } => {
                    self.const_bindings.insert((env, name));
                }
                Stmt::Destructure { binding: LoopBinding::Const, pattern, .. } => {
                    pattern.for_each_name(&mut |name| {
                        self.const_bindings.insert((env, name));
                    });
                }
                _ => {}
            }
        }
        for (name, func) in hoisted(stmts) {
            let value = func.map(|f| self.closure(f, env, Some(name)));
            self.bind(name, env, value);
        }
    }

    /// Sets `name` in `env` to `value` (`None`: in its TDZ), declaring it if
    /// `env` has no such binding yet.
    fn bind(&mut self, name: &'p str, env: EnvId, value: Option<Value>) {
        self.charge(BINDING_BYTES);
        let vars = &mut self.envs[env].vars;
        match vars.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => vars.push((name, value)),
        }
    }

    pub fn closure(&mut self, func: &'p Func, env: EnvId, name: Option<&'p str>) -> Value {
        let proto = Some(self.intrinsics.function_proto);
        Value::Obj(
            self.alloc(proto, Kind::Closure(Closure { code: Code::Func(func), env, name, method: false })),
        )
    }

    /// A method's closure (MakeMethod: no `prototype`, not a constructor).
    pub fn method_closure(&mut self, func: &'p Func, env: EnvId, name: Option<&'p str>) -> Value {
        let f = self.closure(func, env, name);
        if let Some(Kind::Closure(c)) = f.as_obj().map(|o| &mut self.heap[o].kind) {
            c.method = true;
        }
        f
    }

    /// The environment that binds `name`, seen from `env` (ResolveBinding).
    pub fn resolve(&self, name: &str, env: EnvId) -> Option<EnvId> {
        let mut cur = Some(env);
        while let Some(e) = cur {
            if self.envs[e].vars.iter().any(|(n, _)| *n == name) {
                return Some(e);
            }
            cur = self.envs[e].parent;
        }
        None
    }

    /// Whether `env`'s binding of `name` is a `const` (or a `for (const ..)` variable).
    pub fn is_const(&self, env: EnvId, name: &str) -> bool {
        self.const_bindings.contains(&(env, name))
    }

    /// Declares the `var`s of a function body (VarDeclaredNames: nested
    /// blocks included, nested functions not) in `env` as `undefined`,
    /// unless `env` binds the name already (a parameter keeps its value),
    /// then its block-level declarations (FunctionDeclarationInstantiation).
    pub fn hoist_body(&mut self, stmts: &'p [Stmt], env: EnvId) {
        each_var(stmts, &mut |name| {
            if !self.envs[env].vars.iter().any(|(n, _)| *n == name) {
                self.bind(name, env, Some(Value::Undefined));
            }
        });
        self.hoist(stmts, env)
    }

    /// The script's environment (GlobalDeclarationInstantiation): a `var`
    /// of a global the realm has leaves it as it is; a `var` of a global
    /// engines have and the reference does not is unsupported.
    pub fn script_env(&mut self, stmts: &'p [Stmt], global: EnvId) -> Result<EnvId, Abort> {
        let env = self.push_env(Env { parent: Some(global), vars: Vec::new() });
        let mut unmodelled = None;
        each_var(stmts, &mut |name| {
            if self.envs[global].vars.iter().any(|(n, _)| *n == name) {
                return;
            }
            if names::GLOBALS.contains(&name) {
                unmodelled.get_or_insert(name);
            }
            if !self.envs[env].vars.iter().any(|(n, _)| *n == name) {
                self.bind(name, env, Some(Value::Undefined));
            }
        });
        if let Some(name) = unmodelled {
            return Err(Abort::Unsupported(format!("`var {name}` of the global `{name}`")));
        }
        self.hoist(stmts, env);
        Ok(env)
    }

    pub fn lookup(&mut self, name: &str, env: EnvId) -> JsResult<Value> {
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
        if names::GLOBALS.contains(&name) {
            return Err(Abort::Unsupported(format!("the global `{name}`")).into());
        }
        // A function's own `arguments` object, where the model has not bound it.
        if name == "arguments" {
            return Err(Abort::Unsupported("`arguments`".into()).into());
        }
        let e = self.new_error("ReferenceError");
        throw(e)
    }

    /// Declares `name` in `env` in its TDZ.
    pub fn declare_uninitialized(&mut self, name: &'p str, env: EnvId) {
        self.bind(name, env, None);
    }

    /// Sets `name` in `env` (`None`: uninitialized), declaring it if needed.
    pub fn bind_value(&mut self, name: &'p str, env: EnvId, v: Option<Value>) {
        self.bind(name, env, v);
    }

    /// Initializes (or declares, if the block did not hoist it) `name` in `env`.
    pub fn initialize(&mut self, name: &'p str, env: EnvId, v: Value) {
        self.bind(name, env, Some(v));
    }

    // -- expressions -------------------------------------------------------------

    pub fn eval(&mut self, e: &'p Expr, env: EnvId) -> JsResult<Value> {
        match e {
            Expr::Undefined => Ok(Value::Undefined),
            Expr::Null => Ok(Value::Null),
            Expr::Num(n) => Ok(Value::Num(*n as f64)),
            Expr::Str(s) => Ok(self.new_str(s)),
            Expr::Ident(name) => self.lookup(name, env),
            Expr::Add(a, b) => {
                let a = self.eval(a, env)?;
                let b = self.eval(b, env)?;
                self.add_values(a, b)
            }
            Expr::Binary { op, left, right } => self.eval_binary(*op, left, right, env),
            Expr::Logical { op, left, right } => self.eval_logical(*op, left, right, env),
            Expr::Unary { op, operand } => self.eval_unary(*op, operand, env),
            Expr::Assign { target, op, value } => self.eval_assign(target, *op, value, env),
            Expr::Update { target, op, prefix } => self.eval_update(target, *op, *prefix, env),
            Expr::Template { quasis, exprs } => {
                // §13.2.8.6: each substitution is evaluated and converted ToString
                // before the next one is evaluated.
                let mut parts = Vec::with_capacity(exprs.len());
                for x in exprs {
                    let v = self.eval(x, env)?;
                    parts.push(self.to_string(&v)?);
                }
                self.template_string(quasis, parts)
            }
            Expr::Cond { test, then, otherwise } => {
                let t = self.eval(test, env)?;
                self.eval(if self.to_boolean(&t) { then } else { otherwise }, env)
            }
            Expr::Array(xs) => {
                let items = self.eval_args(xs, env)?;
                Ok(self.new_array(items.into_vec()))
            }
            Expr::Object(props) => {
                let proto = Some(self.intrinsics.object_proto);
                let o = self.alloc(proto, Kind::Ordinary);
                self.charge(props.len() * PROP_BYTES);
                for p in props {
                    let (key, slot) = match p {
                        Prop::Value { key, value } => (key, Slot::Data(self.eval(value, env)?)),
                        Prop::Method { key, func } => (key, Slot::Data(self.method_closure(func, env, None))),
                        // A getter or setter on an existing accessor keeps its other half.
                        Prop::Getter { key, body } => {
                            let g = self.getter_closure(body, env);
                            let set = self.own_accessor(o, key).map_or(Value::Undefined, |f| f.1);
                            (key, Slot::Accessor(Rc::new((g, set)), Attrs::ALL))
                        }
                        Prop::Setter { key, param, body } => {
                            let set = self.setter_closure(param, body, env);
                            let get = self.own_accessor(o, key).map_or(Value::Undefined, |f| f.0);
                            (key, Slot::Accessor(Rc::new((get, set)), Attrs::ALL))
                        }
                    };
                    let props = &mut self.heap[o].props;
                    match props.iter_mut().find(|(k, _)| **k == **key) {
                        Some(existing) => existing.1 = slot,
                        None => props.push((Key::Lit(key.as_str()), slot)),
                    }
                }
                Ok(Value::Obj(o))
            }
            Expr::Func(f) => Ok(self.closure(f, env, None)),
            // §15.2.5 InstantiateOrdinaryFunctionExpression: funcEnv binds the
            // name, immutably, to the closure that captures it.
            Expr::NamedFunc { name, func } => {
                let func_env = self.push_env(Env { parent: Some(env), vars: vec![(name.as_str(), None)] });
                let closure = self.closure(func, func_env, Some(name));
                self.initialize(name, func_env, closure.clone());
                self.function_names.push((func_env, name));
                Ok(closure)
            }
            Expr::Call { callee, args } => {
                let (f, this) = match &**callee {
                    Expr::Member { object, property } => {
                        let this = self.eval(object, env)?;
                        (self.get_member(&this, property, env)?, this)
                    }
                    Expr::Index { object, index: key } => {
                        let this = self.eval(object, env)?;
                        let key = self.eval(key, env)?;
                        let key = self.reference_key(&this, &key)?;
                        (self.get(&this, &key)?, this)
                    }
                    Expr::SuperMember(property) => self.super_member(property, env)?,
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
                self.get_member(&o, property, env)
            }
            Expr::Index { object, index: key } => {
                let o = self.eval(object, env)?;
                let key = self.eval(key, env)?;
                let key = self.reference_key(&o, &key)?;
                self.get(&o, &key)
            }
            Expr::SetMember { object, key, op, value } => self.eval_set_member(object, key, *op, value, env),
            Expr::UpdateMember { object, key, op, prefix } => {
                self.eval_update_member(object, key, *op, *prefix, env)
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
            Expr::This => self.this_value(env),
            Expr::Class(c) => self.eval_class(c, env),
            Expr::SuperCall(args) => self.super_call(args, env),
            Expr::SuperMember(property) => Ok(self.super_member(property, env)?.0),
            // Validated to stand only in lists, which eval_args evaluates; only
            // a list that suspends (suspend.rs) hands its elements here one by one.
            Expr::Spread(_) => Err(Abort::Unsupported("spread beside an await or yield".into()).into()),
        }
    }

    /// A template's value: its strings around the converted substitutions.
    pub fn template_string(&mut self, quasis: &[String], parts: Vec<String>) -> JsResult<Value> {
        let len = quasis.iter().chain(&parts).map(String::len).sum();
        self.charge_str(len)?;
        let mut out = String::with_capacity(len);
        for (i, q) in quasis.iter().enumerate() {
            out.push_str(q);
            if let Some(p) = parts.get(i) {
                out.push_str(p);
            }
        }
        Ok(Value::Str(std::rc::Rc::from(out)))
    }

    /// `a + b` on values: ApplyStringOrNumericBinaryOperator, both ToPrimitive first.
    pub fn add_values(&mut self, a: Value, b: Value) -> JsResult<Value> {
        let a = self.to_primitive(&a, Hint::Default)?;
        let b = self.to_primitive(&b, Hint::Default)?;
        match (&a, &b) {
            (Value::Num(x), Value::Num(y)) => Ok(Value::Num(x + y)),
            (Value::Str(_), _) | (_, Value::Str(_)) => {
                let (a, b) = (self.to_string(&a)?, self.to_string(&b)?);
                // Charged before it exists: doubling a string must
                // stop at the budget, not at the allocator.
                self.charge_str(a.len() + b.len())?;
                Ok(Value::Str(Rc::from(a + &b)))
            }
            _ => Ok(Value::Num(self.to_number(&a)? + self.to_number(&b)?)),
        }
    }

    /// Arguments live on the native stack: a quarter of all allocations
    /// were argument vectors.
    /// The values of an argument list or an array literal's elements, left
    /// to right, a spread element contributing its iterator's values.
    pub fn eval_args(&mut self, args: &'p [Expr], env: EnvId) -> JsResult<SmallVec<[Value; 4]>> {
        let mut out = SmallVec::with_capacity(args.len());
        for a in args {
            match a {
                Expr::Spread(x) => {
                    let iterable = self.eval(x, env)?;
                    self.spread_into(&iterable, &mut out)?;
                }
                a => out.push(self.eval(a, env)?),
            }
        }
        Ok(out)
    }

    /// A getter is a zero-parameter sync function over its body.
    pub fn getter_closure(&mut self, body: &'p [Stmt], env: EnvId) -> Value {
        let proto = Some(self.intrinsics.function_proto);
        Value::Obj(
            self.alloc(
                proto,
                Kind::Closure(Closure { code: Code::Getter(body), env, name: None, method: true }),
            ),
        )
    }

    /// A setter is a one-parameter sync function over its body.
    pub fn setter_closure(&mut self, param: &'p str, body: &'p [Stmt], env: EnvId) -> Value {
        let proto = Some(self.intrinsics.function_proto);
        let code = Code::Setter(param, body);
        Value::Obj(self.alloc(proto, Kind::Closure(Closure { code, env, name: None, method: true })))
    }

    /// The getter and setter of `o`'s own accessor `key`, if it has one.
    pub fn own_accessor(&self, o: ObjId, key: &str) -> Option<(Value, Value)> {
        match self.heap[o].props.iter().find(|(k, _)| &**k == key) {
            Some((_, Slot::Accessor(fns, _))) => Some((**fns).clone()),
            _ => None,
        }
    }

    pub fn make_subclass(&mut self, name: &'p str) -> Value {
        let promise_ctor = self.intrinsics.promise_ctor;
        let promise_proto = self.intrinsics.promise_proto;
        let class = self.alloc(Some(promise_ctor), Kind::PromiseSubclass { name });
        let proto = self.alloc(Some(promise_proto), Kind::Ordinary);
        self.define_slot(class, Key::Lit("prototype"), Slot::DataWith(Value::Obj(proto), Attrs::FROZEN));
        self.define_hidden(proto, "constructor", Value::Obj(class));
        Value::Obj(class)
    }
}

/// Bytes a property or a binding costs the heap budget.
pub const PROP_BYTES: usize = std::mem::size_of::<(&str, Slot)>();
pub const BINDING_BYTES: usize = std::mem::size_of::<(&str, Option<Value>)>();

/// StringToNumber (ECMA-262 §7.1.4.1.1): JavaScript's white space trimmed,
/// then empty (0), a decimal literal with an optional sign, `Infinity`, or
/// a `0x`/`0o`/`0b` integer; anything else is NaN. (Rust's `f64` parser
/// also takes `inf`, `nan` and `infinity`, which JavaScript does not.)
pub fn string_to_number(s: &str) -> f64 {
    let t = s.trim_matches(is_js_space);
    if t.is_empty() {
        return 0.0;
    }
    for (prefix, radix) in [("0x", 16), ("0X", 16), ("0o", 8), ("0O", 8), ("0b", 2), ("0B", 2)] {
        if let Some(digits) = t.strip_prefix(prefix) {
            if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
                return f64::NAN;
            }
            return match u64::from_str_radix(digits, radix) {
                Ok(n) => n as f64,
                // Past 2^64 the digit-by-digit sum may be off in its last
                // bit; only delays (clamped far below) see such values.
                Err(_) => {
                    digits.chars().fold(0.0, |n, c| n * radix as f64 + c.to_digit(radix).unwrap() as f64)
                }
            };
        }
    }
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    if unsigned == "Infinity" {
        return if t.starts_with('-') { f64::NEG_INFINITY } else { f64::INFINITY };
    }
    // StrUnsignedDecimalLiteral: digits, `.`, an exponent; nothing else.
    let decimal = unsigned.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'));
    if !decimal || !unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return f64::NAN;
    }
    t.parse().unwrap_or(f64::NAN)
}

/// WhiteSpace and LineTerminator of ECMA-262 §12.2-12.3: Unicode's
/// White_Space (which has all of them) without U+0085, plus U+FEFF.
pub fn is_js_space(c: char) -> bool {
    (c.is_whitespace() && c != '\u{85}') || c == '\u{FEFF}'
}

/// Calls `f` on each name a `var` in `stmts` declares, nested blocks
/// included, nested functions not.
pub fn each_var<'p>(stmts: &'p [Stmt], f: &mut dyn FnMut(&'p str)) {
    for s in stmts {
        match s {
            Stmt::Var { name, .. } => f(name),
            Stmt::ForOf { binding: LoopBinding::Var, var: p, .. }
            | Stmt::ForAwait { binding: LoopBinding::Var, var: p, .. }
            | Stmt::Destructure { binding: LoopBinding::Var, pattern: p, .. } => p.for_each_name(f),
            _ => {}
        }
        for_each_stmt_child(s, &mut |c| {
            if let Child::Block(b) = c {
                each_var(b, f)
            }
        })
    }
}

/// The first label `f` logs in its own body, and the first one a function
/// nested in it logs: a closure is named by its own log, not by a callback
/// it schedules.
fn log_labels(f: &Func) -> (Option<String>, Option<String>) {
    fn label(e: &Expr) -> Option<String> {
        match e.as_log()? {
            Expr::Str(s) => Some(s.clone()),
            Expr::Add(a, _) => match &**a {
                Expr::Str(s) => Some(format!("{s}…")),
                _ => None,
            },
            _ => None,
        }
    }
    fn visit(c: Child<'_>, own: &mut Option<String>, nested: &mut Option<String>) {
        match c {
            Child::Func(func) => {
                if nested.is_none() {
                    walk_func(func, &mut |n| {
                        if let (None, Node::Expr(e)) = (&nested, n) {
                            *nested = label(e);
                        }
                    });
                }
            }
            Child::Block(b) => {
                for s in b {
                    for_each_stmt_child(s, &mut |c| visit(c, own, nested));
                }
            }
            Child::Expr(e) => match label(e) {
                Some(l) if own.is_none() => *own = Some(l),
                _ => for_each_child(e, &mut |c| visit(c, own, nested)),
            },
        }
    }
    let (mut own, mut nested) = (None, None);
    for_each_func_child(f, &mut |c| visit(c, &mut own, &mut nested));
    (own, nested)
}

#[cfg(test)]
mod tests {
    use super::{emptied, number_to_string, string_to_number};

    #[test]
    fn numbers_print_as_number_to_string_does() {
        for (n, want) in [
            (9223372036854775808.0, "9223372036854776000"),
            (23058430092136939520.0, "23058430092136940000"),
            (1e21, "1e+21"),
            (123e20, "1.23e+22"),
            (999999999999999900000.0, "999999999999999900000"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"),
            (0.1 + 0.2, "0.30000000000000004"),
            (-0.0, "0"),
            (-5.0, "-5"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
        ] {
            assert_eq!(number_to_string(n), want, "{n:e}");
        }
    }

    #[test]
    fn strings_convert_to_numbers_as_string_to_number_does() {
        for (s, want) in [
            ("", 0.0),
            (" \t\n\u{FEFF}\u{2028} ", 0.0),
            (" 12 ", 12.0),
            ("+1.5e3", 1500.0),
            ("-.5", -0.5),
            ("5.", 5.0),
            ("0x10", 16.0),
            ("0b101", 5.0),
            ("0o17", 15.0),
            ("Infinity", f64::INFINITY),
            ("-Infinity", f64::NEG_INFINITY),
        ] {
            assert_eq!(string_to_number(s), want, "{s:?}");
        }
        // Rust's parser takes these; JavaScript does not.
        for s in ["inf", "infinity", "nan", "NaN", "-0x10", "0x", "1_000", "e5", ".", "\u{85}1", "--1", "1e"]
        {
            assert!(string_to_number(s).is_nan(), "{s:?}");
        }
    }

    #[test]
    fn emptied_keeps_the_allocation() {
        let v: Vec<&'static str> = Vec::with_capacity(100);
        let w: Vec<&str> = emptied(v);
        assert!(w.capacity() >= 100);
    }
}
