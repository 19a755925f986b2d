//! Backend `quickjs-inproc`: QuickJS-ng embedded through rquickjs (the
//! `quickjs` backend runs it in worker processes, see [`super::isolated`]).
//!
//! Every program gets a fresh runtime and a fresh context, on a thread with
//! `Limits::thread_stack_bytes` of stack: in place on the runner's threads,
//! else on a fresh thread (see [`super::on_known_stack`]). A runtime per
//! thread would save ~20 µs of ~200 per program (measured: ~7 µs to create
//! one, the rest in atoms and shapes it would keep), but would carry state
//! across programs (the job queue of an aborted run, the `Symbol.for`
//! registry, garbage and the collector's threshold, the stack top QuickJS
//! measures its stack limit from) and is not done.
//!
//! * `queueMicrotask` enqueues a real engine job with `JS_EnqueueJob`, so it
//!   shares QuickJS's single FIFO with promise reaction and resolve-thenable
//!   jobs. A job is run with `JS_ExecutePendingJob`, one at a time; a job that
//!   returns an exception is a host job whose callback threw (promise jobs turn
//!   exceptions into rejections), i.e. an `!uncaught` event.
//! * Containment: an interrupt handler ends the run at the wall-clock deadline
//!   (`Status::Timeout`); the runtime's allocator refuses allocations past
//!   `Limits::memory_bytes` and the first refusal ends the run, at the end of
//!   the step it happened in, with `Status::OutOfMemory` (even if the program
//!   caught QuickJS's `out of memory` error); the engine's own stack limit
//!   sits far below the thread's stack, so runaway
//!   recursion is an ordinary catchable `RangeError` (`!uncaught` when it
//!   escapes) and deeply nested source text is rejected by the parser
//!   (`Status::StackOverflow`) instead of overflowing the native stack.
//! * The script is compiled first (`JS_EVAL_FLAG_COMPILE_ONLY`) so syntax
//!   errors (`Status::ParseError`) are told apart from exceptions thrown by
//!   running code.
//! * Non-standard globals (`performance`, `btoa`, `atob`, `InternalError`) are
//!   deleted and the native `queueMicrotask` is replaced by the host one.
//!   `FinalizationRegistry` is wrapped so that no cleanup callback ever runs
//!   ([`wrap_finalization_registry`]).
//! * The interrupt handler is not polled inside natives (`join` on a sparse
//!   array of length 2^32 - 1, catastrophic regular-expression backtracking,
//!   `sort`, `repeat`): only the worker process the `quickjs` backend runs
//!   this in can stop those, by being killed at the deadline
//!   ([`super::isolated`]). This in-process backend is `quickjs-inproc`, for
//!   benchmarks and the worker itself.

use super::host::{self, EngineLoop, HostState, SharedHost, StepResult, Stop};
use super::{engine_stack_bytes, on_known_stack};
use crate::outcome::{Backend, Limits, Outcome, ProgramInput, Status};
use rquickjs::allocator::{Allocator, RustAllocator};
use rquickjs::function::{Rest, This};
use rquickjs::object::Property;
use rquickjs::{qjs, Context, Ctx, Exception, Function, Object, Persistent, Runtime, Value};
use std::cell::{Cell, RefCell};
use std::ffi::{c_char, c_int};
use std::rc::Rc;
use std::time::Instant;

/// The `quickjs` backend.
#[derive(Debug, Default, Clone, Copy)]
pub struct QuickJs;

impl QuickJs {
    pub fn new() -> Self {
        QuickJs
    }
}

impl Backend for QuickJs {
    fn name(&self) -> &str {
        "quickjs-inproc"
    }

    fn version(&self) -> String {
        // SAFETY: JS_GetVersion returns a static NUL-terminated string.
        let v = unsafe { std::ffi::CStr::from_ptr(qjs::JS_GetVersion()) };
        format!("QuickJS-ng {} via rquickjs 0.14", v.to_string_lossy())
    }

    fn run(&self, input: &ProgramInput, limits: &Limits) -> Outcome {
        on_known_stack(limits, || run_program(&input.source, limits))
    }
}

/// Names deleted from the global object before the host functions are defined.
const NON_STANDARD_GLOBALS: &[&str] = &["performance", "btoa", "atob", "InternalError"];

/// A pending timer: the callback and the extra arguments of `setTimeout`.
struct Timer {
    callback: Persistent<Function<'static>>,
    args: Vec<Persistent<Value<'static>>>,
}

type Thunk = Timer;

/// ToNumber, as unary `+` (user `valueOf` runs; symbols and BigInts throw);
/// a missing argument is `undefined`, i.e. NaN.
fn to_number<'js>(ctx: &Ctx<'js>, value: Option<Value<'js>>) -> rquickjs::Result<f64> {
    let Some(value) = value else { return Ok(f64::NAN) };
    let mut n = 0.0;
    // SAFETY: `value` is a live value of `ctx`; JS_ToFloat64 does not take ownership.
    if unsafe { qjs::JS_ToFloat64(ctx.as_raw().as_ptr(), &mut n, value.as_raw()) } < 0 {
        return Err(rquickjs::Error::Exception);
    }
    Ok(n)
}

struct Engine {
    rt: Runtime,
    ctx: Context,
    source: String,
    interrupted: Rc<Cell<bool>>,
    /// Set by [`LimitedAllocator`] when it refused an allocation.
    out_of_memory: Rc<Cell<bool>>,
    host: SharedHost<Thunk>,
    /// Built-ins the host functions use, released before the context.
    builtins: SharedBuiltins,
}

/// The realm's intrinsics `log` calls, captured before the script runs.
/// The host functions reach them through Rust handles, which QuickJS's cycle
/// collector cannot see, so [`Engine`] releases them before the context
/// goes (else the realm would never be freed).
struct Builtins {
    string: Persistent<Function<'static>>,
    well_formed: Option<Persistent<Function<'static>>>,
}

type SharedBuiltins = Rc<RefCell<Option<Builtins>>>;

impl Drop for Engine {
    fn drop(&mut self) {
        self.builtins.borrow_mut().take();
    }
}

/// QuickJS's allocator: Rust's global allocator (through rquickjs's
/// `RustAllocator`) with a byte budget. `JS_SetMemoryLimit` alone is not
/// enough: once the heap is full, QuickJS cannot even allocate the `out of
/// memory` error or a `catch` block's values, so the failure surfaces as some
/// other exception; the flag set here tells the run it ran out of memory.
struct LimitedAllocator {
    used: usize,
    limit: usize,
    refused: Rc<Cell<bool>>,
}

impl LimitedAllocator {
    /// Counts the block `p` that replaced one of `old` usable bytes. A null
    /// `p` is a refusal too: the system allocator failed first (in a worker
    /// process, at its `RLIMIT_DATA`).
    fn count(&mut self, p: *mut u8, old: usize) {
        if p.is_null() {
            self.refused.set(true);
        } else {
            // SAFETY: `p` was just returned by `RustAllocator`.
            self.used = self.used.saturating_sub(old) + unsafe { RustAllocator::usable_size(p) };
        }
    }

    fn admit(&mut self, extra: usize) -> bool {
        if self.used.saturating_add(extra) > self.limit {
            self.refused.set(true);
            false
        } else {
            true
        }
    }
}

// SAFETY: every call is forwarded to `RustAllocator`, which upholds the
// contract; this wrapper only refuses some requests (returning null, which
// QuickJS handles as an allocation failure) and keeps count.
unsafe impl Allocator for LimitedAllocator {
    fn alloc(&mut self, size: usize) -> *mut u8 {
        if !self.admit(size) {
            return std::ptr::null_mut();
        }
        let p = RustAllocator.alloc(size);
        self.count(p, 0);
        p
    }

    fn calloc(&mut self, count: usize, size: usize) -> *mut u8 {
        let Some(total) = count.checked_mul(size) else {
            self.refused.set(true);
            return std::ptr::null_mut();
        };
        if !self.admit(total) {
            return std::ptr::null_mut();
        }
        let p = RustAllocator.calloc(count, size);
        self.count(p, 0);
        p
    }

    // SAFETY (all three, the `Allocator` contract): QuickJS hands back only
    // pointers this allocator returned and not yet freed, so RustAllocator,
    // which made them, may measure, resize and free them.
    unsafe fn dealloc(&mut self, ptr: *mut u8) {
        if ptr.is_null() {
            return;
        }
        self.used = self.used.saturating_sub(RustAllocator::usable_size(ptr));
        RustAllocator.dealloc(ptr);
    }

    unsafe fn realloc(&mut self, ptr: *mut u8, new_size: usize) -> *mut u8 {
        if ptr.is_null() {
            return self.alloc(new_size);
        }
        if new_size == 0 {
            self.dealloc(ptr);
            return std::ptr::null_mut();
        }
        let old = RustAllocator::usable_size(ptr);
        if new_size > old && !self.admit(new_size - old) {
            return std::ptr::null_mut();
        }
        let p = RustAllocator.realloc(ptr, new_size);
        self.count(p, old);
        p
    }

    unsafe fn usable_size(ptr: *mut u8) -> usize {
        RustAllocator::usable_size(ptr)
    }
}

/// Runs one program on the current thread (which must have a large stack).
pub(crate) fn run_program(source: &str, limits: &Limits) -> Outcome {
    let host: SharedHost<Thunk> = HostState::shared(limits);
    let out_of_memory = Rc::new(Cell::new(false));
    let allocator = LimitedAllocator { used: 0, limit: limits.memory_bytes, refused: out_of_memory.clone() };
    let rt = match Runtime::new_with_alloc(allocator) {
        Ok(rt) => rt,
        Err(e) => return Outcome::failed(Status::Error, vec![], format!("JS_NewRuntime: {e}")),
    };
    // The stack top is the one measured when the runtime was created (this
    // frame), so the limit holds for everything run below it.
    rt.set_max_stack_size(engine_stack_bytes(limits));
    let interrupted = Rc::new(Cell::new(false));
    {
        let flag = interrupted.clone();
        let deadline: Instant = host.borrow().deadline();
        // A halted run (an output cap hit, a host function past the
        // deadline) is stopped as soon as the engine polls.
        let halted = host.borrow().halted_flag();
        rt.set_interrupt_handler(Some(Box::new(move || {
            if Instant::now() >= deadline {
                flag.set(true);
                true
            } else {
                halted.get()
            }
        })));
    }
    let ctx = match Context::full(&rt) {
        Ok(ctx) => ctx,
        Err(e) => return Outcome::failed(Status::Error, vec![], format!("JS_NewContext: {e}")),
    };
    let mut engine = Engine {
        rt,
        ctx,
        source: source.to_string(),
        interrupted,
        out_of_memory,
        host: host.clone(),
        builtins: SharedBuiltins::default(),
    };
    if let Err(e) = engine.install_host() {
        return Outcome::failed(Status::Error, vec![], format!("installing host functions: {e}"));
    }
    let outcome = host::drive(&mut engine, &host);
    // Timers were cleared by `drive`; drop the context before the runtime.
    drop(engine);
    outcome
}

/// `JS_EnqueueJob` callback of a `queueMicrotask` job: calls `argv[0]` with
/// `this` undefined and no arguments; an exception is returned as such and
/// surfaces from `JS_ExecutePendingJob`.
///
/// # Safety
/// Called only by QuickJS, with `ctx` live and `argv` holding the one value
/// `queueMicrotask`'s native passed to `JS_EnqueueJob` (which keeps it alive
/// for the job).
unsafe extern "C" fn microtask_job(
    ctx: *mut qjs::JSContext,
    _argc: c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    let undefined = qjs::JS_MKVAL(qjs::JS_TAG_UNDEFINED, 0);
    qjs::JS_Call(ctx, *argv, undefined, 0, std::ptr::null_mut())
}

/// The host never runs `FinalizationRegistry` cleanup callbacks (see
/// [`host`]), but QuickJS-ng enqueues a registry's callback as a job of its
/// own when a registered target dies (at once, for a target freed by
/// reference counting). So the realm's constructor is replaced by a Proxy
/// of it whose `construct` trap hands the real constructor a callback that
/// does nothing, when the program's is callable (else the program's
/// argument, for the real constructor's own TypeError). Everything else
/// goes to the real constructor through the proxy (`name`, `length`,
/// `prototype`, a call without `new`, subclassing through `new.target`),
/// and `prototype.constructor` is the proxy. A registry's callback is
/// never observable otherwise, so this is exactly a host that never calls
/// HostEnqueueFinalizationRegistryCleanupJob.
fn wrap_finalization_registry<'js>(ctx: &Ctx<'js>, global: &Object<'js>) -> rquickjs::Result<()> {
    let Some(real) = global.get::<_, Option<Object>>("FinalizationRegistry")? else { return Ok(()) };
    let construct = Function::new(
        ctx.clone(),
        |ctx: Ctx<'js>,
         target: Value<'js>,
         args: rquickjs::Array<'js>,
         new_target: Value<'js>|
         -> rquickjs::Result<Value<'js>> {
            let mut values: Vec<Value> = args.iter().collect::<rquickjs::Result<_>>()?;
            if values.first().is_some_and(Value::is_function) {
                values = vec![Function::new(ctx.clone(), || {})?.into_value()];
            }
            let mut argv: Vec<qjs::JSValue> = values.iter().map(Value::as_raw).collect();
            // SAFETY: every value is alive for the call (`values`, `target`,
            // `new_target`); the result is owned.
            let made = unsafe {
                qjs::JS_CallConstructor2(
                    ctx.as_raw().as_ptr(),
                    target.as_raw(),
                    new_target.as_raw(),
                    argv.len() as c_int,
                    argv.as_mut_ptr(),
                )
            };
            // SAFETY: JS_IsException only reads the tag of a value it is given.
            if unsafe { qjs::JS_IsException(made) } {
                return Err(rquickjs::Error::Exception);
            }
            // SAFETY: `made` is an owned value of `ctx`.
            Ok(unsafe { Value::from_raw(ctx.clone(), made) })
        },
    )?;
    let handler = Object::new(ctx.clone())?;
    // No prototype: a trap a program adds to Object.prototype must not join it.
    handler.set_prototype(None)?;
    handler.set("construct", construct)?;
    // SAFETY: both are live values of `ctx`; JS_NewProxy duplicates them.
    let proxy = unsafe { qjs::JS_NewProxy(ctx.as_raw().as_ptr(), real.as_raw(), handler.as_raw()) };
    // SAFETY: JS_IsException only reads the tag of a value it is given.
    if unsafe { qjs::JS_IsException(proxy) } {
        return Err(rquickjs::Error::Exception);
    }
    // SAFETY: `proxy` is an owned value of `ctx`.
    let proxy = unsafe { Value::from_raw(ctx.clone(), proxy) };
    // Existing writable properties: [[Set]] keeps their attributes.
    real.get::<_, Object>("prototype")?.set("constructor", proxy.clone())?;
    global.set("FinalizationRegistry", proxy)?;
    Ok(())
}

/// `String(value)` made well formed, with the realm's intrinsics as they
/// were before the script (a symbol gives its descriptive string).
fn host_string<'js>(
    ctx: &Ctx<'js>,
    builtins: &SharedBuiltins,
    value: Value<'js>,
) -> rquickjs::Result<Value<'js>> {
    let (string, well_formed) = {
        let b = builtins.borrow();
        let b = b.as_ref().expect("builtins are kept until the context is dropped");
        (b.string.clone(), b.well_formed.clone())
    };
    let mut s: Value = string.restore(ctx)?.call((value,))?;
    if let Some(well_formed) = well_formed {
        s = well_formed.restore(ctx)?.call((This(s),))?;
    }
    Ok(s)
}

/// Records the label `parts` joined by spaces (one part for `log`).
fn record_label<'js>(
    ctx: &Ctx<'js>,
    host: &SharedHost<Thunk>,
    parts: Vec<Value<'js>>,
) -> rquickjs::Result<()> {
    // The UTF-16 length bounds the UTF-8 length from below: a label over
    // the cap is refused before it is copied out.
    let mut units = parts.len().saturating_sub(1);
    for s in &parts {
        let mut n = 0i64;
        // SAFETY: `s` is a live string of `ctx`; JS_GetLength only reads it.
        if unsafe { qjs::JS_GetLength(ctx.as_raw().as_ptr(), s.as_raw(), &mut n) } < 0 {
            return Err(rquickjs::Error::Exception);
        }
        units += n.max(0) as usize;
    }
    if host.borrow_mut().refuse_long_label(units) {
        return Err(stop_program(ctx, "log: output limit"));
    }
    let mut label = String::new();
    for (i, s) in parts.into_iter().enumerate() {
        if i > 0 {
            label.push(' ');
        }
        label.push_str(&s.get::<String>()?);
    }
    if !host.borrow_mut().log(label) {
        return Err(stop_program(ctx, "log: the run is over (output limit or deadline)"));
    }
    Ok(())
}

/// Throws an uncatchable error (as QuickJS's own interrupt does): no
/// `catch` or `finally` of the program runs, so a halted program stops.
fn stop_program(ctx: &Ctx<'_>, message: &str) -> rquickjs::Error {
    match Exception::from_message(ctx.clone(), message) {
        Ok(e) => {
            // SAFETY: `e` is a live Error object of `ctx`; the call only sets its flag.
            unsafe { qjs::JS_SetUncatchableError(ctx.as_raw().as_ptr(), e.as_raw()) };
            ctx.throw(e.into_value())
        }
        // Out of memory: an exception is pending already, and the run ends.
        Err(e) => e,
    }
}

impl Engine {
    fn install_host(&mut self) -> rquickjs::Result<()> {
        let host = self.host.clone();
        let builtins = self.builtins.clone();
        self.ctx.with(|ctx| Self::install_in(ctx, host, builtins))
    }

    /// Defines the four host functions natively, step for step as
    /// `host::HOST_PRELUDE` does (see the [`host`] module documentation).
    fn install_in<'js>(
        ctx: Ctx<'js>,
        host: SharedHost<Thunk>,
        builtins: SharedBuiltins,
    ) -> rquickjs::Result<()> {
        let global = ctx.globals();
        for name in NON_STANDARD_GLOBALS {
            global.remove(*name)?;
        }
        global.remove("queueMicrotask")?;
        wrap_finalization_registry(&ctx, &global)?;
        // The realm's own `String` and `String.prototype.toWellFormed`, taken
        // before the script can replace them.
        let string: Function = global.get("String")?;
        let well_formed: Option<Function> = string.get::<_, Object>("prototype")?.get("toWellFormed")?;
        *builtins.borrow_mut() = Some(Builtins {
            string: Persistent::save(&ctx, string),
            well_formed: well_formed.map(|f| Persistent::save(&ctx, f)),
        });

        let (h, b) = (host.clone(), builtins.clone());
        let log = Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, label: Rest<Value<'js>>| -> rquickjs::Result<()> {
                let label = label.0.into_iter().next().unwrap_or_else(|| Value::new_undefined(ctx.clone()));
                let s = host_string(&ctx, &b, label)?;
                record_label(&ctx, &h, vec![s])
            },
        )?;
        let (h, b) = (host.clone(), builtins.clone());
        let console_log = Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, args: Rest<Value<'js>>| -> rquickjs::Result<()> {
                let parts =
                    args.0.into_iter().map(|a| host_string(&ctx, &b, a)).collect::<rquickjs::Result<_>>()?;
                record_label(&ctx, &h, parts)
            },
        )?;
        let h = host.clone();
        let set_timeout = Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, args: Rest<Value<'js>>| -> rquickjs::Result<f64> {
                let mut args = args.0.into_iter();
                let callback = args.next();
                // ToNumber(ms) first, then the callability check.
                let delay = to_number(&ctx, args.next())?;
                let timer = callback.and_then(|c| c.into_function()).map(|callback| Timer {
                    callback: Persistent::save(&ctx, callback),
                    args: args.map(|a| Persistent::save(&ctx, a)).collect(),
                });
                Ok(h.borrow_mut().set_timeout(timer, delay) as f64)
            },
        )?;
        let h = host.clone();
        let clear_timeout = Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, args: Rest<Value<'js>>| -> rquickjs::Result<()> {
                let id = to_number(&ctx, args.0.into_iter().next())?;
                h.borrow_mut().clear_timeout(id);
                Ok(())
            },
        )?;
        let queue_microtask = Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, args: Rest<Value<'js>>| -> rquickjs::Result<()> {
                let Some(callback) = args.0.into_iter().next().filter(|c| c.is_function()) else {
                    return Err(Exception::throw_type(&ctx, host::QUEUE_MICROTASK_TYPE_ERROR));
                };
                let mut arg = callback.as_raw();
                // SAFETY: `arg` is a live value of this context; JS_EnqueueJob
                // duplicates it for the job entry.
                let rc =
                    unsafe { qjs::JS_EnqueueJob(ctx.as_raw().as_ptr(), Some(microtask_job), 1, &mut arg) };
                if rc < 0 {
                    Err(rquickjs::Error::Exception)
                } else {
                    Ok(())
                }
            },
        )?;
        for ((name, length), f) in
            host::HOST_FUNCTIONS.into_iter().zip([log, set_timeout, clear_timeout, queue_microtask])
        {
            let f = f.with_name(name)?.with_length(length)?;
            // Own, writable, enumerable, configurable, like an assignment.
            global.set(name, f)?;
        }
        // `console`, a namespace object whose one operation is `log`.
        let console = Object::new(ctx.clone())?;
        console.set("log", console_log.with_name("log")?.with_length(0)?)?;
        global.prop("console", Property::from(console).writable().configurable())?;
        Ok(())
    }

    /// Classifies the pending exception of `ctx` after code returned one.
    fn exception(&self, ctx: &Ctx<'_>) -> StepResult {
        // Take the exception off the context; classify by the flags only, so
        // no property of a value the program threw is read (no user getters).
        let _ = ctx.catch();
        if self.interrupted.get() {
            let stop = self.host.borrow().wall_stop();
            return StepResult::Fatal(stop);
        }
        if self.out_of_memory.get() {
            return StepResult::Fatal(self.oom_stop());
        }
        StepResult::Uncaught
    }

    fn oom_stop(&self) -> Stop {
        Stop::new(Status::OutOfMemory, "QuickJS: memory limit reached (an allocation was refused)")
    }

    /// After a step: an interrupt or a refused allocation ends the run
    /// even when the program, or the engine, caught the error: QuickJS's
    /// promise machinery turns any exception, uncatchable ones included,
    /// into a rejection (a thenable's `then` interrupted at the deadline
    /// rejects the promise, and the job completes); memory use is not
    /// portable across engines.
    fn after(&self, r: StepResult) -> StepResult {
        match r {
            StepResult::Fatal(_) => r,
            _ if self.interrupted.get() => StepResult::Fatal(self.host.borrow().wall_stop()),
            _ if self.out_of_memory.get() => StepResult::Fatal(self.oom_stop()),
            _ => r,
        }
    }
}

/// A message for an exception value (for `detail`), best effort.
fn describe(value: &Value<'_>) -> String {
    if let Some(obj) = value.as_object() {
        let name = obj.get::<_, String>("name").unwrap_or_default();
        let message = obj.get::<_, String>("message").unwrap_or_default();
        if !name.is_empty() || !message.is_empty() {
            return format!("{name}: {message}");
        }
    }
    format!("{value:?}")
}

impl EngineLoop for Engine {
    type Thunk = Thunk;

    fn run_script(&mut self) -> StepResult {
        let mut bytes = Vec::with_capacity(self.source.len() + 1);
        bytes.extend_from_slice(self.source.as_bytes());
        bytes.push(0);
        let len = self.source.len();
        self.ctx.with(|ctx| {
            let raw = ctx.as_raw().as_ptr();
            let flags = (qjs::JS_EVAL_TYPE_GLOBAL | qjs::JS_EVAL_FLAG_COMPILE_ONLY) as c_int;
            // SAFETY: `bytes` is NUL-terminated after `len` bytes, as JS_Eval requires.
            let func = unsafe {
                qjs::JS_Eval(raw, bytes.as_ptr() as *const c_char, len as _, c"<script>".as_ptr(), flags)
            };
            // SAFETY: JS_IsException only reads the tag of a value it is given.
            if unsafe { qjs::JS_IsException(func) } {
                let value = ctx.catch();
                if self.interrupted.get() {
                    return StepResult::Fatal(self.host.borrow().wall_stop());
                }
                if self.out_of_memory.get() {
                    return StepResult::Fatal(self.oom_stop());
                }
                let detail = describe(&value);
                let status = if detail.contains("Maximum call stack size exceeded")
                    || detail.contains("stack overflow")
                {
                    Status::StackOverflow
                } else {
                    Status::ParseError
                };
                return StepResult::Fatal(Stop::new(status, detail));
            }
            // SAFETY: JS_EvalFunction takes ownership of `func`; the result is owned.
            let result = unsafe { qjs::JS_EvalFunction(raw, func) };
            // SAFETY: JS_IsException only reads the tag of a value it is given.
            if unsafe { qjs::JS_IsException(result) } {
                return self.after(self.exception(&ctx));
            }
            // SAFETY: `result` is an owned value of this context; dropping frees it.
            drop(unsafe { Value::from_raw(ctx.clone(), result) });
            self.after(StepResult::Done)
        })
    }

    fn has_job(&mut self) -> bool {
        self.rt.is_job_pending()
    }

    fn run_job(&mut self) -> StepResult {
        let r = match self.rt.execute_pending_job() {
            Ok(_) => StepResult::Done,
            Err(job) => job.0.with(|ctx| self.exception(&ctx)),
        };
        self.after(r)
    }

    fn run_timer(&mut self, thunk: Thunk) -> StepResult {
        let r = self.ctx.with(|ctx| {
            let restored = thunk.callback.restore(&ctx).and_then(|f| {
                let args =
                    thunk.args.into_iter().map(|a| a.restore(&ctx)).collect::<rquickjs::Result<Vec<_>>>()?;
                Ok((f, args))
            });
            let (f, args) = match restored {
                Ok(restored) => restored,
                Err(e) => {
                    return StepResult::Fatal(Stop::new(Status::Error, format!("restoring timer: {e}")))
                }
            };
            match f.call::<_, ()>((Rest(args),)) {
                Ok(()) => StepResult::Done,
                Err(rquickjs::Error::Exception) => self.exception(&ctx),
                Err(e) => {
                    if ctx.has_exception() {
                        self.exception(&ctx)
                    } else {
                        StepResult::Fatal(Stop::new(Status::Error, format!("calling timer: {e}")))
                    }
                }
            }
        });
        self.after(r)
    }
}
