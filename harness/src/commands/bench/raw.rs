//! The engines driven straight through their crates: a fresh runtime and
//! context per program on the calling thread, no limits, no thread, no job
//! counting. Host functions are trivial: `log` counts, `setTimeout` keeps
//! `(due, id, callback)`, `clearTimeout` drops it, `queueMicrotask` is
//! QuickJS's own / a plain enqueue in Boa. After the script, jobs are drained;
//! then timers run by `(due, id)`, each followed by a drain. Returns the
//! number of `log` calls.

/// What the raw loops create per program, for the legend.
pub const REALM: &str = "a fresh runtime + context per program";

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::rc::Rc;

/// Pending timers by `(due, id)`.
struct Timers<T> {
    next_id: u64,
    now: u64,
    pending: BTreeMap<(u64, u64), T>,
}

impl<T> Timers<T> {
    fn new() -> Self {
        Timers { next_id: 1, now: 0, pending: BTreeMap::new() }
    }
    fn add(&mut self, cb: T, delay: f64) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        let delay = if delay > 0.0 { delay as u64 } else { 0 };
        self.pending.insert((self.now.saturating_add(delay), id), cb);
        id
    }
    fn clear(&mut self, id: f64) {
        let id = id as u64;
        self.pending.retain(|&(_, i), _| i != id);
    }
    fn next(&mut self) -> Option<T> {
        let ((due, _), cb) = self.pending.pop_first()?;
        self.now = due;
        Some(cb)
    }
}

// ------------------------------------------------------------ QuickJS

use rquickjs::context::EvalOptions;
use rquickjs::function::Opt;
use rquickjs::{Context, Ctx, Function, Persistent, Runtime, Value};

type QjsTimers = Rc<RefCell<Timers<Persistent<Function<'static>>>>>;

pub fn quickjs(source: &str) -> usize {
    let rt = Runtime::new().expect("JS_NewRuntime");
    let ctx = Context::full(&rt).expect("JS_NewContext");
    let logs = Rc::new(RefCell::new(0usize));
    let timers: QjsTimers = Rc::new(RefCell::new(Timers::new()));
    ctx.with(|ctx| install_quickjs(ctx, &logs, &timers)).expect("installing natives");
    ctx.with(|ctx| {
        let mut opts = EvalOptions::default();
        opts.strict = false;
        if ctx.eval_with_options::<(), _>(source, opts).is_err() {
            let _ = ctx.catch();
        }
    });
    loop {
        while rt.is_job_pending() {
            let _ = rt.execute_pending_job();
        }
        let next = timers.borrow_mut().next();
        let Some(cb) = next else { break };
        ctx.with(|ctx| {
            if let Ok(f) = cb.restore(&ctx) {
                if f.call::<_, ()>(()).is_err() {
                    let _ = ctx.catch();
                }
            }
        });
    }
    timers.borrow_mut().pending.clear();
    let n = *logs.borrow();
    drop(ctx);
    n
}

fn install_quickjs<'js>(
    ctx: Ctx<'js>,
    logs: &Rc<RefCell<usize>>,
    timers: &QjsTimers,
) -> rquickjs::Result<()> {
    let g = ctx.globals();
    let l = logs.clone();
    let log = Function::new(ctx.clone(), move |_label: String| *l.borrow_mut() += 1)?;
    let t = timers.clone();
    let set_timeout = Function::new(ctx.clone(), move |ctx: Ctx<'js>, cb: Value<'js>, delay: Opt<f64>| {
        match cb.into_function() {
            Some(f) => t.borrow_mut().add(Persistent::save(&ctx, f), delay.0.unwrap_or(0.0)) as f64,
            None => 0.0,
        }
    })?;
    let t = timers.clone();
    let clear_timeout = Function::new(ctx.clone(), move |id: Opt<f64>| {
        if let Some(id) = id.0 {
            t.borrow_mut().clear(id)
        }
    })?;
    g.set("log", log)?;
    g.set("setTimeout", set_timeout)?;
    g.set("clearTimeout", clear_timeout)?;
    Ok(())
}

// ------------------------------------------------------------ Boa

use boa_engine::job::{GenericJob, Job, JobExecutor};
use boa_engine::{js_string, Context as BoaContext, JsObject, JsResult, JsValue, NativeFunction, Source};

/// A plain FIFO of promise and generic jobs (Boa's `SimpleJobExecutor`
/// runs promise jobs and generic jobs in separate batches, and stops at
/// the first error; this one keeps the one-queue order of the harness).
#[derive(Default)]
struct Fifo {
    queue: RefCell<VecDeque<Job>>,
}

impl JobExecutor for Fifo {
    fn enqueue_job(self: Rc<Self>, job: Job, _: &mut BoaContext) {
        if matches!(job, Job::PromiseJob(_) | Job::GenericJob(_)) {
            self.queue.borrow_mut().push_back(job);
        }
    }
    fn run_jobs(self: Rc<Self>, context: &mut BoaContext) -> JsResult<()> {
        loop {
            let job = self.queue.borrow_mut().pop_front();
            let _ = match job {
                Some(Job::PromiseJob(j)) => j.call(context),
                Some(Job::GenericJob(j)) => j.call(context),
                Some(_) => continue,
                None => break,
            };
        }
        context.clear_kept_objects();
        Ok(())
    }
}

thread_local! {
    static BOA_LOGS: RefCell<usize> = const { RefCell::new(0) };
    static BOA_TIMERS: RefCell<Timers<JsObject>> = RefCell::new(Timers::new());
}

fn arg(args: &[JsValue], i: usize) -> JsValue {
    args.get(i).cloned().unwrap_or_default()
}

fn boa_log(_: &JsValue, args: &[JsValue], ctx: &mut BoaContext) -> JsResult<JsValue> {
    let _ = arg(args, 0).to_string(ctx)?;
    BOA_LOGS.with(|l| *l.borrow_mut() += 1);
    Ok(JsValue::undefined())
}

fn boa_set_timeout(_: &JsValue, args: &[JsValue], _: &mut BoaContext) -> JsResult<JsValue> {
    let id = match arg(args, 0).as_callable() {
        Some(cb) => BOA_TIMERS.with(|t| t.borrow_mut().add(cb, arg(args, 1).as_number().unwrap_or(0.0))),
        None => 0,
    };
    Ok(JsValue::new(id as f64))
}

fn boa_clear_timeout(_: &JsValue, args: &[JsValue], _: &mut BoaContext) -> JsResult<JsValue> {
    if let Some(id) = arg(args, 0).as_number() {
        BOA_TIMERS.with(|t| t.borrow_mut().clear(id));
    }
    Ok(JsValue::undefined())
}

fn boa_queue_microtask(_: &JsValue, args: &[JsValue], ctx: &mut BoaContext) -> JsResult<JsValue> {
    if let Some(cb) = arg(args, 0).as_callable() {
        let realm = ctx.realm().clone();
        let job = GenericJob::new(move |ctx| cb.call(&JsValue::undefined(), &[], ctx), realm);
        ctx.enqueue_job(Job::GenericJob(job));
    }
    Ok(JsValue::undefined())
}

pub fn boa(source: &str) -> usize {
    BOA_LOGS.with(|l| *l.borrow_mut() = 0);
    BOA_TIMERS.with(|t| *t.borrow_mut() = Timers::new());
    let mut ctx =
        BoaContext::builder().job_executor(Rc::new(Fifo::default())).build().expect("building a Boa context");
    install_boa(&mut ctx).expect("installing natives");
    let _ = ctx.eval(Source::from_bytes(source.as_bytes()));
    loop {
        let _ = ctx.run_jobs();
        let Some(cb) = BOA_TIMERS.with(|t| t.borrow_mut().next()) else { break };
        let _ = cb.call(&JsValue::undefined(), &[], &mut ctx);
    }
    BOA_TIMERS.with(|t| t.borrow_mut().pending.clear());
    drop(ctx);
    // Collect this program's garbage now, as the harness does, so that
    // neither pays for the other's on the shared thread.
    boa_gc::force_collect();
    BOA_LOGS.with(|l| *l.borrow())
}

fn install_boa(ctx: &mut BoaContext) -> JsResult<()> {
    type Native = boa_engine::native_function::NativeFunctionPointer;
    let natives: [(&str, Native); 4] = [
        ("log", boa_log),
        ("setTimeout", boa_set_timeout),
        ("clearTimeout", boa_clear_timeout),
        ("queueMicrotask", boa_queue_microtask),
    ];
    for (name, f) in natives {
        ctx.register_global_callable(js_string!(name), 1, NativeFunction::from_fn_ptr(f))?;
    }
    Ok(())
}
