//! Backend `boa-inproc`: the Boa engine (boa_engine 0.22) embedded in-process
//! (the `boa` backend runs it in worker processes, see [`super::isolated`]).
//!
//! Every program gets a fresh `Context`, on a thread with at least
//! `Limits::thread_stack_bytes` of stack: in place on a thread known to have
//! it (the runner's threads, the worker's serving thread; see
//! [`super::runs_in_place`]), else on a fresh thread
//! ([`super::on_engine_thread`]). Boa's garbage collector lives in
//! thread-locals; on a reused thread, [`boa_gc::force_collect`] frees the
//! program's heap as soon as it ends, so every program starts with an empty
//! heap (what the worker's per-program memory limit needs) and the next one
//! pays for none of its garbage. The collector's trigger threshold, which
//! Boa only ever raises (after a collection that finds a large live heap),
//! does carry over to later programs on the thread. It decides when
//! collections happen, which a program can observe only through `WeakRef`
//! (Boa never runs finalization callbacks here; in node's long-lived V8 it
//! depends on the process's history as well), and how much garbage a program
//! piles up between collections: a program close to the worker's memory
//! limit may end differently after one with a large live heap. (Replacing
//! the thread after such programs is no cure: the allocator keeps the old
//! thread's freed memory for a while, and it counts against the limit:
//! tried, a fresh thread per program ran out of memory on the third of a
//! series of programs that each fit the limit alone; see the test
//! `boa_programs_start_with_an_empty_heap`.) Nothing cheaper is kept
//! between programs (`tickdiff bench boa` times each phase; building the
//! realm is about a fifth of a program, parsing two fifths): a realm serves
//! one script only (parsing a script declares its top-level names in the
//! realm's global scope: a second `let x` is a SyntaxError), and a context
//! kept for many programs with a fresh `Context::create_realm` each keeps
//! every realm it made reachable (tried with boa_engine 0.22: the collection
//! after each grew from 0.3 ms to 13 ms in 50 programs), while the context
//! outside its realm is a few percent of a program. After a Rust panic inside Boa
//! the thread is never used for Boa again (later programs get fresh threads;
//! the worker replaces its serving thread).
//!
//! * The context is built with this module's [`JobExecutor`]: one FIFO that
//!   holds Boa's promise jobs (reaction and resolve-thenable jobs), its generic
//!   jobs, and the host jobs of `queueMicrotask`. The driver ([`host::drive`])
//!   runs them one at a time so each is counted. Boa's timeout/interval/async
//!   jobs (which `import()` and `Atomics.waitAsync` create) are outside the
//!   host model: enqueueing one ends the run as `Status::Unsupported`. Its
//!   finalization-registry cleanup jobs are never run: the host never runs
//!   cleanup callbacks (see [`host`]).
//! * Runtime limits: a recursion limit ([`recursion_limit`], 8 192 on a
//!   64 MiB stack) and a VM value-stack limit sized so Boa's native recursion
//!   (natives calling back into JS) stays well inside the thread's stack, and
//!   a loop-iteration limit ([`LOOP_ITERATION_LIMIT`], ~1 s of an empty loop).
//!   Boa cannot be interrupted from outside while it runs, so the
//!   loop-iteration limit stands in for the wall-clock deadline inside a
//!   single task or job (`while (true) {}`) and is reported as
//!   `Status::Timeout`; the deadline itself is checked between tasks and
//!   jobs, after each, and by `log` (which records nothing after it and
//!   stops the program with an uncatchable error). A loop slower than that
//!   (under load, or in a native) is killed with its worker at the deadline
//!   plus a grace period, and keeps the events it logged
//!   ([`super::isolated`]).
//!   Boa's runtime-limit errors are *uncatchable*: a recursion overflow
//!   escapes every `try` and is recorded as `!uncaught` (other engines throw a
//!   catchable `RangeError`), and inside a promise job it escapes the job
//!   instead of rejecting a promise.
//! * Boa's parser, compiler and AST destructor recurse on the native stack
//!   without a guard (nested parentheses cost ~26 KiB of stack per level), so
//!   source text nested deeper than [`max_source_nesting`] (see
//!   [`source_nesting`]) is rejected up front with `Status::StackOverflow`;
//!   `eval` and `Function` text is checked the same way by a host hook and
//!   throws a catchable `RangeError`, as V8 and QuickJS do.
//! * A Rust panic inside Boa is caught (`Status::Panic`); an engine "panic"
//!   error (`EngineError::Panic`) is reported the same way.
//! * The non-standard global `TypedArray` is deleted.
//!
//! # Gaps of the in-process backend, closed by running it in a worker
//!
//! This module is the in-process backend, `boa-inproc`. The `boa` backend
//! runs it in worker processes ([`super::isolated`]), which closes two gaps
//! that in-process limits cannot:
//!
//! * No heap limit here: a program that allocates without bound
//!   (`let a = []; while (true) a.push(new Array(1e6))` reaches 3.6 GB in
//!   well under a second) would exhaust the machine's memory or abort the
//!   process. The worker runs under an `RLIMIT_DATA` derived from
//!   `Limits::memory_bytes`, and its death is `Status::OutOfMemory`.
//! * Some built-ins recurse natively without passing through the VM's
//!   recursion check, and overflow the thread's stack (which aborts the
//!   process) on pathological data: `JSON.stringify` of an object nested
//!   10^6 deep, `String()` of an array nested 10^6 deep, a chain of 10^6
//!   proxies. Generated programs never build such data; in a worker it is
//!   `Status::StackOverflow`.

use super::host::{self, EngineLoop, HostState, SharedHost, StepResult, Stop};
use super::{on_engine_thread, panic_outcome, runs_in_place};
use crate::outcome::{Backend, Limits, Outcome, ProgramInput, Status};
use boa_engine::context::HostHooks;
use boa_engine::error::{EngineError, RuntimeLimitError};
use boa_engine::job::{GenericJob, Job, JobExecutor, PromiseJob};
use boa_engine::object::FunctionObjectBuilder;
use boa_engine::property::PropertyDescriptor;
use boa_engine::realm::Realm;
use boa_engine::{
    js_string, Context, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction,
    Script, Source,
};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;
use std::time::{Duration, Instant};

/// Native stack one level of source nesting may cost Boa, for
/// [`max_source_nesting`]. Measured (release build, boa_engine 0.22): nested
/// parentheses `((((1))))` and template substitutions cost ~26 KiB per level
/// (2 500 levels overflow 64 MiB), brackets and calls ~21 KiB; the budget
/// leaves a factor 2.5 of headroom.
pub const STACK_PER_NESTING_LEVEL: usize = 64 << 10;

/// Native stack one unit of Boa's recursion limit may cost, for
/// [`recursion_limit`]. Measured: generators recursing through `yield*` (a
/// native resume per level) overflow 16 MiB at 12 000 units but not 32 MiB,
/// i.e. < 2.8 KiB per unit; plain calls, accessors, proxies, `forEach`,
/// `sort`, `JSON.stringify`/`toJSON` and constructors cost less.
pub const STACK_PER_RECURSION_UNIT: usize = 8 << 10;

/// Deepest nesting of source text (see [`source_nesting`]) handed to Boa's
/// parser on a thread with `limits.thread_stack_bytes` of stack: 1 024 for
/// the default 64 MiB. Applies to the script and to `eval`/`Function` text.
pub fn max_source_nesting(limits: &Limits) -> usize {
    (limits.thread_stack_bytes / STACK_PER_NESTING_LEVEL).max(16)
}

/// Boa's recursion limit (JS frames plus natives re-entering the VM) on a
/// thread with `limits.thread_stack_bytes` of stack: 8 192 for the default
/// 64 MiB, where node and QuickJS overflow at ~13 000 plain calls.
pub fn recursion_limit(limits: &Limits) -> usize {
    (limits.thread_stack_bytes / STACK_PER_RECURSION_UNIT).max(64)
}

/// Boa's VM value-stack limit, in values.
pub const VM_STACK_LIMIT: usize = 1 << 20;

/// Boa's loop-iteration limit (per function invocation, all loops of the
/// frame together).
pub const LOOP_ITERATION_LIMIT: u64 = 100_000_000;

/// The in-process Boa backend, `boa-inproc` (the `boa` backend runs it in
/// worker processes, [`super::isolated`]).
#[derive(Debug, Default, Clone, Copy)]
pub struct Boa;

impl Boa {
    pub fn new() -> Self {
        Boa
    }
}

impl Backend for Boa {
    fn name(&self) -> &str {
        "boa-inproc"
    }

    fn version(&self) -> String {
        "Boa 0.22 (boa_engine)".to_string()
    }

    fn run(&self, input: &ProgramInput, limits: &Limits) -> Outcome {
        if !runs_in_place(limits) || TAINTED.with(Cell::get) {
            return on_engine_thread(limits, || run_program(&input.source, limits, &mut |_| {}));
        }
        run_in_place(&input.source, limits, &mut |_| {})
    }
}

/// The phases of a program's run on Boa, in order; [`timed_run`] times
/// each (`tickdiff bench boa`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Building the context and its realm (the intrinsics, the global object).
    Realm,
    /// Installing the host functions, deleting `TypedArray`.
    Host,
    /// Parsing the script (with Boa's AST optimizer and scope analysis).
    Parse,
    /// Compiling the script to bytecode, running it, its jobs and timers.
    Run,
    /// Dropping the context and collecting the program's heap.
    Collect,
}

impl Phase {
    pub const ALL: [Phase; 5] = [Phase::Realm, Phase::Host, Phase::Parse, Phase::Run, Phase::Collect];

    pub fn name(self) -> &'static str {
        match self {
            Phase::Realm => "context + realm",
            Phase::Host => "host functions",
            Phase::Parse => "parse",
            Phase::Run => "compile + run + jobs + timers",
            Phase::Collect => "drop + collect",
        }
    }
}

/// Runs a program as [`Boa::run`] does on a thread it runs in place on, and
/// times each [`Phase`]; `None` on a thread Boa does not run in place on.
pub fn timed_run(source: &str, limits: &Limits) -> Option<(Outcome, [Duration; 5])> {
    if !runs_in_place(limits) || TAINTED.with(Cell::get) {
        return None;
    }
    let mut times = [Duration::ZERO; 5];
    let mut last = Instant::now();
    let outcome = run_in_place(source, limits, &mut |phase| {
        let now = Instant::now();
        times[phase as usize] += now - last;
        last = now;
    });
    Some((outcome, times))
}

/// Runs a program on this thread, which must have the stack the limits ask
/// for, and frees its heap; `mark` is called at the end of each phase.
fn run_in_place(source: &str, limits: &Limits, mark: &mut dyn FnMut(Phase)) -> Outcome {
    let ran = catch_unwind(AssertUnwindSafe(|| {
        let outcome = run_program(source, limits, mark);
        // Nothing of the program is reachable any more: free it now, so
        // the next program starts with an empty heap (the worker's memory
        // limit is per program) and pays for none of this one's garbage.
        boa_gc::force_collect();
        mark(Phase::Collect);
        outcome
    }));
    ran.unwrap_or_else(|payload| {
        // A panic may have left this thread's collector inconsistent:
        // never touch it again; later programs get fresh threads.
        TAINTED.with(|t| t.set(true));
        panic_outcome(payload)
    })
}

thread_local! {
    /// Set when Boa panicked on this thread (see [`Boa::run`]).
    static TAINTED: Cell<bool> = const { Cell::new(false) };
}

/// One entry of the job queue.
enum QueuedJob {
    Promise(PromiseJob),
    Generic(GenericJob),
    /// A `queueMicrotask` callback.
    Host(JsObject),
}

/// The context's job executor: the FIFO plus the host state the natives use.
struct Executor {
    queue: RefCell<VecDeque<QueuedJob>>,
    host: SharedHost<Timer>,
}

impl JobExecutor for Executor {
    fn enqueue_job(self: Rc<Self>, job: Job, _context: &mut Context) {
        let queued = match job {
            Job::PromiseJob(job) => QueuedJob::Promise(job),
            Job::GenericJob(job) => QueuedJob::Generic(job),
            // Boa settles `import()` and `Atomics.waitAsync` in async and
            // timeout jobs, which the host model has no place for: dropped,
            // their promises would stay pending, a trace that looks whole.
            Job::AsyncJob(_) | Job::TimeoutJob(_) | Job::IntervalJob(_) => {
                self.host.borrow_mut().halt(Stop::new(
                    Status::Unsupported,
                    "boa: import() and Atomics.waitAsync settle in Boa's async/timeout jobs, outside the host model",
                ));
                return;
            }
            // Finalization-registry cleanup: never run (see the module doc).
            _ => return,
        };
        self.queue.borrow_mut().push_back(queued);
    }

    fn run_jobs(self: Rc<Self>, _context: &mut Context) -> JsResult<()> {
        // The host loop runs jobs itself, one at a time.
        Ok(())
    }
}

/// Host hooks: guard `eval` and `Function` source text like the script's.
struct Hooks {
    max_nesting: usize,
}

impl HostHooks for Hooks {
    fn ensure_can_compile_strings(
        &self,
        _realm: Realm,
        parameters: &[JsString],
        body: &JsString,
        _direct: bool,
        _context: &mut Context,
    ) -> JsResult<()> {
        let deepest = std::iter::once(body)
            .chain(parameters)
            .map(|text| source_nesting(&text.to_std_string_lossy()))
            .max()
            .unwrap_or(0);
        if deepest > self.max_nesting {
            // What V8 and QuickJS throw when their parser runs out of stack.
            return Err(JsNativeError::range()
                .with_message("Maximum call stack size exceeded (source text nested too deeply for boa)")
                .into());
        }
        Ok(())
    }
}

fn executor(context: &Context) -> Rc<Executor> {
    context.downcast_job_executor::<Executor>().expect("tickdiff executor installed")
}

fn arg(args: &[JsValue], i: usize) -> JsValue {
    args.get(i).cloned().unwrap_or_default()
}

/// A pending timer: the callback and the extra arguments of `setTimeout`.
pub struct Timer {
    callback: JsObject,
    args: Vec<JsValue>,
}

// The host functions, step for step as in `host::HOST_PRELUDE`.

/// `log(label)`: `String(label)` (the intrinsic's steps: a symbol gives its
/// descriptive string, anything else ToString), made well formed.
fn host_log(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let s = host_string(&arg(args, 0), context)?;
    record_label(&[s], context)
}

/// `console.log(...args)`: every argument through `String`, in order,
/// joined by spaces.
fn host_console_log(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let parts = args.iter().map(|a| host_string(a, context)).collect::<JsResult<Vec<_>>>()?;
    record_label(&parts, context)
}

/// `String(value)`'s two steps: a symbol gives its descriptive string,
/// anything else ToString.
fn host_string(value: &JsValue, context: &mut Context) -> JsResult<JsString> {
    match value.as_symbol() {
        Some(symbol) => Ok(symbol.descriptive_string()),
        None => value.to_string(context),
    }
}

/// Records `parts` joined by spaces as one label.
fn record_label(parts: &[JsString], context: &mut Context) -> JsResult<JsValue> {
    let executor = executor(context);
    let mut host = executor.host.borrow_mut();
    // The UTF-16 length bounds the UTF-8 length from below: a label over
    // the cap is refused before it is copied out.
    let units = parts.iter().map(JsString::len).sum::<usize>() + parts.len().saturating_sub(1);
    if host.refuse_long_label(units) {
        return Err(stop_program());
    }
    // Lone surrogates become U+FFFD, as `toWellFormed` does (spaces never
    // pair surrogates, so converting part by part is the same).
    let label = parts.iter().map(JsString::to_std_string_lossy).collect::<Vec<_>>().join(" ");
    if !host.log(label) {
        return Err(stop_program());
    }
    Ok(JsValue::undefined())
}

/// An uncatchable error: no `catch` or `finally` of the program runs, and
/// no promise machinery turns it into a rejection, so a halted program
/// (output cap, deadline, see [`host::HostState::log`]) stops. The driver
/// ends the run with the halt's status, whatever this error says.
fn stop_program() -> JsError {
    RuntimeLimitError::LoopIteration.into()
}

/// `setTimeout(callback, ms, ...args)`: ToNumber(`ms`) first, then the
/// callability check; a non-callable callback still gets an id.
fn host_set_timeout(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let delay = arg(args, 1).to_number(context)?;
    let timer = arg(args, 0)
        .as_callable()
        .map(|callback| Timer { callback, args: args.get(2..).unwrap_or(&[]).to_vec() });
    let id = executor(context).host.borrow_mut().set_timeout(timer, delay);
    Ok(JsValue::new(id as f64))
}

/// `clearTimeout(id)`: ToNumber(`id`); the host ignores NaN and truncates.
fn host_clear_timeout(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = arg(args, 0).to_number(context)?;
    executor(context).host.borrow_mut().clear_timeout(id);
    Ok(JsValue::undefined())
}

/// `queueMicrotask(callback)`: a TypeError for a non-callable argument, else
/// a host job on the one FIFO.
fn host_queue_microtask(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let Some(callback) = arg(args, 0).as_callable() else {
        return Err(JsNativeError::typ().with_message(host::QUEUE_MICROTASK_TYPE_ERROR).into());
    };
    executor(context).queue.borrow_mut().push_back(QueuedJob::Host(callback));
    Ok(JsValue::undefined())
}

struct Engine {
    context: Context,
    executor: Rc<Executor>,
    /// The parsed script, taken by [`EngineLoop::run_script`].
    script: Option<JsResult<Script>>,
}

/// Runs one program on the current thread (which must have a large stack);
/// `mark` is called at the end of each phase but the last.
pub(crate) fn run_program(source: &str, limits: &Limits, mark: &mut dyn FnMut(Phase)) -> Outcome {
    let max_nesting = max_source_nesting(limits);
    let depth = source_nesting(source);
    if depth > max_nesting {
        return Outcome::failed(
            Status::StackOverflow,
            vec![],
            format!("source nesting depth {depth} exceeds the limit {max_nesting} of the boa backend"),
        );
    }
    let host: SharedHost<Timer> = HostState::shared(limits);
    let executor = Rc::new(Executor { queue: RefCell::new(VecDeque::new()), host: host.clone() });
    let context =
        Context::builder().job_executor(executor.clone()).host_hooks(Rc::new(Hooks { max_nesting })).build();
    let mut context = match context {
        Ok(c) => c,
        Err(e) => return Outcome::failed(Status::Error, vec![], format!("building Boa context: {e}")),
    };
    {
        let rl = context.runtime_limits_mut();
        rl.set_recursion_limit(recursion_limit(limits));
        rl.set_stack_size_limit(VM_STACK_LIMIT);
        rl.set_loop_iteration_limit(LOOP_ITERATION_LIMIT);
    }
    mark(Phase::Realm);
    let mut engine = Engine { context, executor, script: None };
    if let Err(e) = engine.install_host() {
        return Outcome::failed(Status::Error, vec![], format!("installing host functions: {e}"));
    }
    mark(Phase::Host);
    // Parsed before the script's task begins: the deadline runs from the
    // host state's creation, so parsing counts against it as before.
    engine.script = Some(Script::parse(Source::from_bytes(source.as_bytes()), None, &mut engine.context));
    mark(Phase::Parse);
    let outcome = host::drive(&mut engine, &host);
    engine.executor.queue.borrow_mut().clear();
    mark(Phase::Run);
    outcome
}

impl Engine {
    fn install_host(&mut self) -> JsResult<()> {
        let context = &mut self.context;
        let global = context.global_object();
        global.delete_property_or_throw(js_string!("TypedArray"), context)?;
        let realm = context.realm().clone();
        let natives: [boa_engine::native_function::NativeFunctionPointer; 4] =
            [host_log, host_set_timeout, host_clear_timeout, host_queue_microtask];
        for ((name, length), f) in host::HOST_FUNCTIONS.into_iter().zip(natives) {
            let function = FunctionObjectBuilder::new(&realm, NativeFunction::from_fn_ptr(f))
                .name(JsString::from(name))
                .length(length)
                .constructor(false)
                .build();
            global.define_property_or_throw(
                JsString::from(name),
                PropertyDescriptor::builder()
                    .value(function)
                    .writable(true)
                    .enumerable(true)
                    .configurable(true),
                context,
            )?;
        }
        // `console`, a namespace object whose one operation is `log`.
        let log = FunctionObjectBuilder::new(&realm, NativeFunction::from_fn_ptr(host_console_log))
            .name(js_string!("log"))
            .length(0)
            .constructor(false)
            .build();
        let console = JsObject::with_object_proto(context.intrinsics());
        console.create_data_property_or_throw(js_string!("log"), log, context)?;
        global.define_property_or_throw(
            js_string!("console"),
            PropertyDescriptor::builder().value(console).writable(true).enumerable(false).configurable(true),
            context,
        )?;
        Ok(())
    }

    /// Classifies an error that escaped a task or a job.
    fn error(&mut self, err: JsError) -> StepResult {
        match err.as_engine() {
            Some(EngineError::RuntimeLimit(RuntimeLimitError::LoopIteration)) => {
                StepResult::Fatal(Stop::new(
                    Status::Timeout,
                    format!("Boa loop-iteration limit ({LOOP_ITERATION_LIMIT}) reached"),
                ))
            }
            // Recursion / VM stack overflow: like a RangeError elsewhere, except
            // that Boa's is uncatchable.
            Some(EngineError::RuntimeLimit(_)) => StepResult::Uncaught,
            Some(EngineError::Panic(p)) => StepResult::Fatal(Stop::new(
                Status::Panic,
                format!("Boa engine panic error: {}", p.message()),
            )),
            #[allow(unreachable_patterns)]
            Some(other) => StepResult::Fatal(Stop::new(Status::Error, format!("Boa engine error: {other}"))),
            None => {
                if self.executor.host.borrow().deadline_passed() {
                    StepResult::Fatal(self.executor.host.borrow().wall_stop())
                } else {
                    StepResult::Uncaught
                }
            }
        }
    }

    fn finish(&mut self, r: JsResult<JsValue>) -> StepResult {
        let r = match r {
            Ok(_) => StepResult::Done,
            Err(e) => self.error(e),
        };
        self.context.clear_kept_objects();
        r
    }
}

impl EngineLoop for Engine {
    type Thunk = Timer;

    fn run_script(&mut self) -> StepResult {
        let script = match self.script.take().expect("run_program parses the script first") {
            Ok(s) => s,
            Err(e) => {
                if let Some(r) = self.fatal_engine_error(&e) {
                    return r;
                }
                return StepResult::Fatal(Stop::new(Status::ParseError, e.to_string()));
            }
        };
        let r = script.evaluate(&mut self.context);
        self.finish(r)
    }

    fn has_job(&mut self) -> bool {
        !self.executor.queue.borrow().is_empty()
    }

    fn run_job(&mut self) -> StepResult {
        let job = self.executor.queue.borrow_mut().pop_front();
        let r = match job {
            None => return StepResult::Done,
            Some(QueuedJob::Promise(job)) => job.call(&mut self.context),
            Some(QueuedJob::Generic(job)) => job.call(&mut self.context),
            Some(QueuedJob::Host(cb)) => cb.call(&JsValue::undefined(), &[], &mut self.context),
        };
        self.finish(r)
    }

    fn run_timer(&mut self, timer: Timer) -> StepResult {
        let r = timer.callback.call(&JsValue::undefined(), &timer.args, &mut self.context);
        self.finish(r)
    }
}

impl Engine {
    fn fatal_engine_error(&mut self, e: &JsError) -> Option<StepResult> {
        e.as_engine().map(|_| self.error(e.clone()))
    }
}

/// A conservative estimate of how deeply source text nests, i.e. of the
/// recursion depth of a recursive-descent parser and of a compiler walking
/// its AST: the maximum, over the text, of open `(`, `[`, `{` and `${`
/// plus the number of operator characters (`!`, `~`, `-`, `+`, `=`, `?`,
/// `:`, `.`, ...) and nesting keywords (`new`, `typeof`, `await`, ...) since
/// the last `;`, `,` or newline at the current bracket level: a stand-in for
/// chains like `!!!!x`, `a = b = c`, `() => () => 1` or `a.b.c.d` that nest
/// in the AST without brackets.
///
/// Strings, template text, comments and regular-expression literals are
/// skipped roughly (a `/` after an operand is division). The estimate only
/// has to be an upper bound in practice for pathological inputs (thousands of
/// nested brackets or chained operators); ordinary programs are far below
/// [`max_source_nesting`].
pub fn source_nesting(source: &str) -> usize {
    let b = source.as_bytes();
    let mut i = 0;
    // One entry per open bracket: the chain length at that level.
    let mut stack: Vec<usize> = Vec::new();
    let mut chain = 0usize; // operators chained at the current level
    let mut max = 0usize;
    let mut after_operand = false;
    // Template literal nesting: depth of `stack` at which a `${` was opened.
    let mut templates: Vec<usize> = Vec::new();
    while i < b.len() {
        let c = b[i];
        match c {
            b'(' | b'[' | b'{' => {
                stack.push(chain);
                chain = 0;
                after_operand = false;
                i += 1;
            }
            b')' | b']' | b'}' => {
                if c == b'}' && templates.last() == Some(&stack.len()) {
                    templates.pop();
                    chain = stack.pop().unwrap_or(0);
                    i = skip_template(b, i + 1, &mut templates, &mut stack, &mut chain);
                    after_operand = true;
                    continue;
                }
                chain = stack.pop().unwrap_or(0);
                after_operand = true;
                i += 1;
            }
            b'"' | b'\'' => {
                i = skip_string(b, i + 1, c);
                after_operand = true;
            }
            b'`' => {
                i = skip_template(b, i + 1, &mut templates, &mut stack, &mut chain);
                after_operand = true;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
            }
            b'/' if !after_operand => {
                i = skip_regex(b, i + 1);
                after_operand = true;
            }
            b';' | b',' => {
                chain = 0;
                after_operand = false;
                i += 1;
            }
            b'!' | b'~' | b'-' | b'+' | b'*' | b'%' | b'<' | b'>' | b'&' | b'|' | b'^' | b'=' | b'?'
            | b':' | b'.' | b'/' => {
                chain += 1;
                after_operand = false;
                i += 1;
            }
            b'\n' => {
                // Chains of operators are only followed within a line, so a
                // long program without semicolons does not add up.
                chain = 0;
                i += 1;
            }
            _ if c.is_ascii_whitespace() => i += 1,
            _ => {
                // An identifier, keyword or number: one operand.
                let start = i;
                while i < b.len()
                    && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'$' || b[i] >= 0x80)
                {
                    i += 1;
                }
                if i == start {
                    i += 1;
                }
                let word = &b[start..i];
                // Keywords that start a nested construct count like operators.
                after_operand = !matches!(
                    word,
                    b"return"
                        | b"typeof"
                        | b"void"
                        | b"delete"
                        | b"new"
                        | b"await"
                        | b"yield"
                        | b"in"
                        | b"of"
                        | b"instanceof"
                        | b"case"
                        | b"throw"
                        | b"else"
                        | b"do"
                );
                if !after_operand || word == b"new" {
                    chain += 1;
                }
            }
        }
        max = max.max(stack.len() + chain);
    }
    max
}

fn skip_string(b: &[u8], mut i: usize, quote: u8) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            c if c == quote || c == b'\n' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

fn skip_regex(b: &[u8], mut i: usize) -> usize {
    let mut class = false;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'[' => {
                class = true;
                i += 1
            }
            b']' => {
                class = false;
                i += 1
            }
            b'/' if !class => return i + 1,
            b'\n' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// Skips template text from `i` to the closing backquote, or to a `${`, in
/// which case the substitution is opened like a bracket.
fn skip_template(
    b: &[u8],
    mut i: usize,
    templates: &mut Vec<usize>,
    stack: &mut Vec<usize>,
    chain: &mut usize,
) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'`' => return i + 1,
            b'$' if b.get(i + 1) == Some(&b'{') => {
                stack.push(*chain);
                *chain = 0;
                templates.push(stack.len());
                return i + 2;
            }
            _ => i += 1,
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::source_nesting;

    #[test]
    fn nesting_of_ordinary_code_is_small() {
        let src =
            "log('a'); setTimeout(() => log('t'), 1); Promise.resolve().then(() => { log(`p${1 + 2}`); });";
        assert!(source_nesting(src) < 12, "{}", source_nesting(src));
        assert!(source_nesting("let s = '(((((((((((('; /* [[[[[[[[[[ */ // {{{{{{{{{{") < 5);
    }

    #[test]
    fn nesting_of_pathological_code_is_large() {
        assert!(source_nesting(&"[".repeat(5000)) >= 5000);
        assert!(source_nesting(&format!("x = {}1", "!".repeat(5000))) >= 5000);
        assert!(source_nesting(&format!("x = {}1", "1+".repeat(5000))) >= 5000);
        assert!(source_nesting(&format!("x = `{}`", "${`".repeat(3000))) >= 3000);
    }
}
