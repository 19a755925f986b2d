//! The virtual-time host of DESIGN.md §1 around the interpreter: the script
//! task, microtask checkpoints over the one FIFO job queue, timers in
//! `(due, id)` order, `!uncaught` events, and the bookkeeping behind
//! `--explain`.

use super::coverage::Step;
use super::heap::*;
use super::interp::*;
use super::machine::*;
use super::{Abort, Mutant};
use crate::outcome::{Event, Limits, TraceBudget, UNCAUGHT};
use generators::model::Program;
use std::time::Instant;

/// Calls allowed per step before a run counts as runaway (exponential
/// recursion cannot hang the reference).
const CALLS_PER_STEP: u64 = 1_000;

/// Calls and machine steps between two readings of the clock: a reading
/// costs about as much as a few calls, and 4 096 of them take well under
/// a millisecond.
const CLOCK_EVERY: u32 = 4096;

/// The limits a run checks while it runs, inside a task as well as between
/// jobs: the wall clock, the heap budget, the output caps.
pub struct Guard {
    /// Checks left before the clock is read again.
    countdown: u32,
    /// `None` when the wall limit is too far away to matter.
    deadline: Option<Instant>,
    /// Bytes the run has allocated, by the interpreter's own count: nothing
    /// is freed before the run ends (objects and environments live as long
    /// as the run), so the count is an upper bound of what it holds.
    allocated: usize,
    memory_bytes: usize,
    trace: TraceBudget,
    /// Which output cap ended the run (`Abort::Output`).
    pub output_cap: Option<String>,
}

impl Guard {
    pub fn new(limits: &Limits) -> Self {
        Guard {
            countdown: CLOCK_EVERY,
            deadline: Instant::now().checked_add(limits.wall),
            allocated: 0,
            memory_bytes: limits.memory_bytes,
            trace: TraceBudget::new(limits),
            output_cap: None,
        }
    }
}

impl<'p> Interp<'p> {
    /// Counts `bytes` as allocated; the next check ends the run when the
    /// count passes the heap budget.
    #[inline]
    pub fn charge(&mut self, bytes: usize) {
        self.guard.allocated = self.guard.allocated.saturating_add(bytes);
    }

    /// Counts a string of `len` bytes about to be built, ending the run at
    /// once when it would pass the heap budget (before it is allocated).
    pub fn charge_str(&mut self, len: usize) -> Result<(), Abort> {
        self.charge(len.saturating_add(2 * std::mem::size_of::<usize>()));
        if self.guard.allocated > self.guard.memory_bytes {
            return Err(Abort::Memory);
        }
        Ok(())
    }

    /// The check made at every call and machine step: the heap budget, and
    /// every `CLOCK_EVERY` checks the wall clock.
    #[inline]
    pub fn check_limits(&mut self) -> Result<(), Abort> {
        let g = &mut self.guard;
        if g.allocated > g.memory_bytes {
            return Err(Abort::Memory);
        }
        g.countdown -= 1;
        if g.countdown == 0 {
            g.countdown = CLOCK_EVERY;
            if g.deadline.is_some_and(|d| Instant::now() >= d) {
                return Err(Abort::Wall);
            }
        }
        Ok(())
    }

    pub fn enqueue(&mut self, kind: JobKind) {
        // The step that called for the job, before HostEnqueuePromiseJob's own.
        let enqueued_at = self.last_step;
        if !matches!(kind, JobKind::Host { .. }) {
            self.mark(Step::HostEnqueuePromiseJob);
        }
        self.charge(std::mem::size_of::<Job>());
        let record = if self.job_log.is_some() {
            let what = self.describe_job(&kind);
            let mechanism = self.mechanism(&kind);
            let record = JobRecord {
                what,
                mechanism,
                parent: self.current_job,
                task: self.task,
                index: None,
                enqueued_at,
                steps: Vec::new(),
            };
            let Some(log) = self.job_log.as_mut() else { unreachable!("checked above") };
            log.push(record);
            Some(log.len() - 1)
        } else {
            None
        };
        self.jobs.push_back(Job { kind, record });
    }

    /// Appends an event, or ends the run when it would pass an output cap.
    pub fn record(&mut self, label: String) -> Result<(), Abort> {
        if let Err(detail) = self.guard.trace.admit(label.len()) {
            self.guard.output_cap = Some(detail);
            return Err(Abort::Output);
        }
        self.trace.push(Event::new(label, self.task, Some(self.job_index)));
        if self.job_log.is_some() {
            self.event_jobs.push(self.current_job);
        }
        Ok(())
    }

    /// The host's `setTimeout` (engines/host.rs): ToNumber(delay) first,
    /// then the callability check; a due time is a number, `Infinity`
    /// included, as in the engines' host.
    pub fn set_timeout(&mut self, callback: Value, delay: &Value, args: Vec<Value>) -> JsResult<Value> {
        let delay = self.to_number(delay)?;
        let delay = if delay > 0.0 { delay.trunc() } else { 0.0 };
        let id = self.next_timer_id;
        self.next_timer_id += 1;
        if self.is_callable(&callback) {
            self.mark(Step::HostSetTimeout);
            self.charge(std::mem::size_of::<Timer>() + args.len() * std::mem::size_of::<Value>());
            let due = self.now + delay;
            self.timers.push(Timer {
                id,
                due,
                callback,
                args,
                registered_by: self.current_job,
                registered_in: self.task,
            });
        }
        Ok(Value::Num(id as f64))
    }

    /// The host's `clearTimeout`: ToNumber(id), NaN ignored, truncated.
    pub fn clear_timeout(&mut self, id: &Value) -> JsResult<()> {
        let n = self.to_number(id)?.trunc();
        self.timers.retain(|t| t.id as f64 != n);
        Ok(())
    }

    fn count_step(&mut self) -> Result<(), Abort> {
        self.steps += 1;
        if self.steps > self.max_steps {
            return Err(Abort::StepLimit);
        }
        self.check_limits()
    }

    /// Runs the whole event loop for `program`.
    pub fn run_program(&mut self, program: &'p Program) -> Result<(), Abort> {
        // Task 0: the script.
        self.count_step()?;
        let global = self.intrinsics.global_env;
        let env = self.script_env(&program.body, global)?;
        self.suspending = super::suspend::suspending_exprs(program);
        self.mentions_arguments = super::arguments::mentions_arguments(program);
        let frame = Frame::new(Ctl::Block { stmts: &program.body, idx: 0, env }, Owner::Sync);
        let result = self.run_sync(frame);
        self.task_outcome(result)?;
        self.checkpoint()?;
        // Then timers, earliest (due, id) first.
        while let Some(i) = self.next_timer() {
            let timer = self.timers.remove(i);
            self.now = self.now.max(timer.due);
            self.task += 1;
            self.job_index = 0;
            self.current_job = None;
            self.mark(Step::HostTimerTask);
            self.count_step()?;
            if self.job_log.is_some() {
                self.task_origins.push((timer.registered_by, timer.registered_in));
            }
            if let Some(names) = &mut self.task_names {
                let by = match timer.registered_by.and_then(|r| self.job_log.as_ref().map(|l| &l[r])) {
                    Some(r) => format!("job {} of task {}", r.index.unwrap_or(0), r.task),
                    None => "a task body".to_string(),
                };
                names.push(format!("timer #{} (due at {} ms, set by {by})", timer.id, timer.due));
            }
            let result = self.call(&timer.callback, &Value::Undefined, &timer.args);
            self.task_outcome(result)?;
            self.checkpoint()?;
        }
        Ok(())
    }

    fn next_timer(&mut self) -> Option<usize> {
        let key = |t: &Timer| (t.due, t.id);
        let by_due = (0..self.timers.len()).min_by(|&i, &j| {
            key(&self.timers[i]).partial_cmp(&key(&self.timers[j])).expect("dues are never NaN")
        })?;
        let by_id = (0..self.timers.len()).min_by_key(|&i| self.timers[i].id)?;
        if by_due != by_id {
            self.reach(Mutant::TimersFifo);
        }
        Some(if self.mutant == Mutant::TimersFifo { by_id } else { by_due })
    }

    /// Notes that a step some mutant changes was reached.
    pub fn reach(&mut self, m: Mutant) {
        if let Some(i) = Mutant::ALL.iter().position(|x| *x == m) {
            self.mutant_sites[i] += 1;
        }
    }

    /// An exception escaping a task or host callback is an event; the loop goes on.
    fn task_outcome(&mut self, result: JsResult<Value>) -> Result<(), Abort> {
        match result {
            Ok(_) => Ok(()),
            Err(Abrupt::Throw(_)) => {
                self.mark(Step::HostUncaught);
                self.record(UNCAUGHT.to_string())
            }
            Err(Abrupt::Abort(a)) => Err(a),
        }
    }

    /// Performs a microtask checkpoint: jobs in FIFO order until none is left.
    fn checkpoint(&mut self) -> Result<(), Abort> {
        while let Some(job) = self.jobs.pop_front() {
            self.count_step()?;
            if self.calls > self.steps * CALLS_PER_STEP + CALLS_PER_STEP {
                return Err(Abort::StepLimit);
            }
            self.job_index += 1;
            self.current_job = job.record;
            if let (Some(log), Some(r)) = (&mut self.job_log, job.record) {
                log[r].index = Some(self.job_index);
            }
            let result = match job.kind {
                JobKind::Reaction { reaction, argument } => self.reaction_job(reaction, argument),
                JobKind::ResolveThenable { promise, thenable, then } => {
                    self.resolve_thenable_job(promise, thenable, then)
                }
                JobKind::Host { callback } => self.call(&callback, &Value::Undefined, &[]).map(|_| ()),
            };
            self.task_outcome(result.map(|_| Value::Undefined))?;
        }
        self.current_job = None;
        Ok(())
    }

    // -- explanations ------------------------------------------------------------

    fn describe_value(&self, v: &Value) -> String {
        let Value::Obj(o) = v else {
            return "a non-callable".into();
        };
        match &self.heap[*o].kind {
            Kind::Closure(c) => Self::describe_closure(c),
            Kind::Builtin(b) => match b {
                Builtin::AsyncResume { frame, throws } => {
                    let name = self.frame_names.get(frame.index()).map(String::as_str).unwrap_or("async function");
                    let how = if *throws { " (throw)" } else { "" };
                    match self.frame_target(*frame) {
                        Some(step) => format!("{name} resumes after the await in {step}{how}"),
                        None => format!("{name} resumes after await{how}"),
                    }
                }
                Builtin::AwaitReturnSettled { generator, rejected } => format!(
                    "AsyncGeneratorAwaitReturn of generator {} settles ({}): completes the return() request, drains the queue",
                    self.describe_generator(*generator),
                    if *rejected { "rejected" } else { "fulfilled" }
                ),
                Builtin::AsyncFromSyncUnwrap { .. } => {
                    "AsyncFromSyncIteratorContinuation's unwrap (makes the iterator result)".into()
                }
                Builtin::AsyncFromSyncClose { .. } => {
                    "AsyncFromSyncIteratorContinuation's closeIterator (closes the sync iterator on rejection)".into()
                }
                Builtin::Resolve { promise, .. } => {
                    format!("resolve function of {}", self.describe_obj(*promise))
                }
                Builtin::Reject { promise, .. } => {
                    format!("reject function of {}", self.describe_obj(*promise))
                }
                Builtin::ThenFinally { .. } => "finally's thenFinally (calls the callback)".into(),
                Builtin::CatchFinally { .. } => "finally's catchFinally (calls the callback)".into(),
                Builtin::ReturnValue(_) => "finally's value thunk (passes the value on)".into(),
                Builtin::ThrowReason(_) => "finally's thrower (passes the rejection on)".into(),
                Builtin::Element { kind, index, .. } => {
                    format!("{kind:?} element function #{index}")
                }
                _ => "a built-in function".into(),
            },
            Kind::Promise(_) => self.describe_obj(*o),
            _ => "an object".into(),
        }
    }

    /// For a frame parked at an await: which spec step the await belongs to.
    fn frame_target(&self, frame: FrameId) -> Option<&'static str> {
        let f = self.frames.get(frame.index())?.as_ref()?;
        Some(match f.target {
            Target::YieldAwaited(_) | Target::YieldAwaitedCtl => {
                "AsyncGeneratorYield (yield awaits its operand)"
            }
            Target::AwaitThenReturn | Target::Return if matches!(f.owner, Owner::AsyncGenerator(_)) => {
                "an async generator's return (return awaits its operand)"
            }
            Target::Ctl => match f.ctl.last() {
                Some(Ctl::ForAwait { phase: ForAwaitPhase::Closing(_), .. }) => {
                    "AsyncIteratorClose (for await)"
                }
                Some(Ctl::ForAwait { .. }) => "for await's next()",
                Some(Ctl::Delegate { .. }) => "yield*",
                _ => return None,
            },
            _ => return None,
        })
    }

    fn describe_generator(&self, g: ObjId) -> String {
        match &self.heap[g].kind {
            Kind::Generator(s) => self
                .frame_names
                .get(s.frame.index())
                .filter(|n| !n.is_empty())
                .cloned()
                .unwrap_or_else(|| "#?".into()),
            _ => "?".into(),
        }
    }

    fn describe_obj(&self, o: ObjId) -> String {
        match &self.heap[o].kind {
            Kind::Promise(p) => format!("promise #{}", p.serial),
            Kind::Ordinary => "a thenable object".into(),
            Kind::Arguments { .. } => "an arguments object".into(),
            Kind::PromiseSubclass { name } => format!("class {name}"),
            Kind::Class(c) => match &c.class.name {
                Some(name) => format!("class {name}"),
                None => "a class".into(),
            },
            _ => "an object".into(),
        }
    }

    fn describe_job(&self, kind: &JobKind) -> String {
        match kind {
            JobKind::Reaction { reaction, .. } => {
                let how = match reaction.kind {
                    ReactionType::Fulfill => "fulfilled",
                    ReactionType::Reject => "rejected",
                };
                let handler = match &reaction.handler {
                    Some(h) => self.describe_value(h),
                    None => "no handler: passes the result on".into(),
                };
                format!("reaction job of promise #{} ({how}): {handler}", reaction.source)
            }
            JobKind::ResolveThenable { promise, thenable, .. } => format!(
                "resolve-thenable job: {} adopts {} by calling its then",
                self.describe_obj(*promise),
                thenable.as_obj().map(|o| self.describe_obj(o)).unwrap_or_default()
            ),
            JobKind::Host { callback } => {
                format!("queueMicrotask callback: {}", self.describe_value(callback))
            }
        }
    }

    /// A stable token for what kind of job this is, used to bucket divergences.
    fn mechanism(&self, kind: &JobKind) -> &'static str {
        match kind {
            JobKind::Reaction { reaction, .. } => match &reaction.handler {
                None => "reaction-passthrough",
                Some(Value::Obj(o)) => match &self.heap[*o].kind {
                    Kind::Builtin(Builtin::AsyncResume { .. }) => "await-resume",
                    Kind::Builtin(Builtin::ThenFinally { .. } | Builtin::CatchFinally { .. }) => "finally",
                    Kind::Builtin(Builtin::Element { .. }) => "combinator-element",
                    Kind::Builtin(Builtin::Resolve { .. } | Builtin::Reject { .. }) => "resolve-function",
                    Kind::Builtin(Builtin::AwaitReturnSettled { .. }) => "async-generator-await-return",
                    Kind::Builtin(Builtin::AsyncFromSyncUnwrap { .. }) => "async-from-sync-unwrap",
                    Kind::Builtin(Builtin::AsyncFromSyncClose { .. }) => "async-from-sync-close",
                    Kind::Builtin(_) => "reaction-builtin",
                    _ => "reaction",
                },
                Some(_) => "reaction",
            },
            JobKind::ResolveThenable { .. } => "thenable-job",
            JobKind::Host { .. } => "microtask",
        }
    }
}
