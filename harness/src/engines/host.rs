//! The host side of the event loop shared by the embedded engines (QuickJS,
//! Boa): virtual clock, timer queue, trace, step and wall-clock limits, and
//! the driver that runs a program's tasks and microtask checkpoints in the
//! order DESIGN.md §1 prescribes.
//!
//! # Host model, as implemented here
//!
//! * The script is task 0. Each timer callback run is the next task (1, 2, ...).
//! * Inside a task, job 0 is the task body; every job the engine runs in the
//!   following microtask checkpoint gets the next job index (1, 2, ...). Jobs
//!   are run one at a time, FIFO, including jobs enqueued meanwhile, until the
//!   queue is empty. Every engine job counts: promise reaction jobs, promise
//!   resolve-thenable jobs and `queueMicrotask` callbacks.
//! * `setTimeout(cb, ms, ...args)`: `delay = ToNumber(ms)`; NaN, negative
//!   values and `-0` become 0, other values are truncated (ToIntegerOrInfinity,
//!   so `Infinity` stays `Infinity`); `due = now + delay` in virtual time (no
//!   clamping). Ids are integers from 1. A `cb` that is not callable still gets
//!   an id but nothing is scheduled. The callback runs with `this` undefined and
//!   the extra arguments.
//! * `clearTimeout(id)`: `ToNumber(id)`, NaN ignored, truncated; cancels the
//!   pending timer with that id; unknown ids and timers that already ran are
//!   ignored.
//! * `queueMicrotask(cb)`: enqueues `cb` as a host job on the engine's own job
//!   queue (it interleaves FIFO with promise jobs); the callback runs with
//!   `this` undefined and no arguments. A non-callable `cb` throws a TypeError
//!   (HTML's VoidFunction conversion), as in the reference.
//! * `log(label)`: appends `String(label)`.
//! * `console.log(...args)`: appends `args.map(String).join(' ')` (each
//!   argument converted in order; no arguments give the empty label), so
//!   programs written for browsers and node run unchanged. `console` is a
//!   plain object (own, writable, configurable, not enumerable property of
//!   the global object, as a WebIDL namespace is) whose only property is
//!   `log` (own, writable, enumerable, configurable; `length` 0, not a
//!   constructor); the engines' other console methods are removed.
//! * Timers run by increasing `(due, id)`; `now` becomes the timer's `due`.
//! * An exception escaping the script, a timer callback or a `queueMicrotask`
//!   callback is the event [`UNCAUGHT`] at that task/job; the loop goes on.
//!   Unhandled rejections are not traced.
//! * Limits: at most `Limits::max_steps` tasks + jobs run (the next one would
//!   end the run with `Status::Timeout`), and the wall-clock deadline
//!   `Limits::wall` also ends it with `Status::Timeout`: checked between
//!   steps, after each step (a step that ends after the deadline is a
//!   timeout even if it completed), by every host function (`log` records
//!   nothing after it), and inside running code by each engine's own
//!   mechanism. A deadline hit anywhere (a job, a thenable's `then`, a
//!   getter or `toString` the host calls) ends the run as `timeout`, even
//!   when the engine turned the error that stopped the code into a
//!   promise rejection; code the parent process has to kill at the deadline
//!   (a hang inside a native) is a `timeout` too, with the events logged
//!   until then ([`super::isolated`] streams them as they happen).
//! * Output caps ([`TraceBudget`]: events per program, bytes per label,
//!   bytes per trace): the event that would pass one is not recorded and
//!   the run ends with `Status::OutputLimit`, its trace holding the events
//!   before. The engines check a label's length before copying it out of
//!   the engine, and stop the program with an uncatchable error, so a
//!   program that catches exceptions cannot go on running.
//! * Garbage collection is not part of the model: the host never calls
//!   HostEnqueueFinalizationRegistryCleanupJob (which ECMA-262 allows), so no
//!   `FinalizationRegistry` cleanup callback ever runs. Boa enqueues such
//!   jobs with the host, which drops them; QuickJS-ng enqueues them itself
//!   when a target dies, so its `FinalizationRegistry` constructor is
//!   wrapped to register a callback that does nothing (see
//!   [`super::quickjs`]); node's realm wraps it the same way in JavaScript
//!   (V8 would post cleanup as a task between programs). (`WeakRef.prototype.deref` still depends on when
//!   each engine collects.)
//! * The four host functions are own, enumerable, writable, configurable
//!   properties of the global object, defined in the order `log`,
//!   `setTimeout`, `clearTimeout`, `queueMicrotask`; they are not
//!   constructors and have no `prototype`; their `length`s are 1, 2, 1, 1;
//!   `console` is defined after them.
//!
//! The coercions above are written down once, in JavaScript, by
//! [`HOST_PRELUDE`], which node evaluates in every fresh realm before the
//! script. The embedded engines do exactly the same steps natively, in Rust
//! (`install_host` in [`super::quickjs`] and [`super::boa`]): evaluating the
//! prelude in every fresh realm cost ~60 µs per program on QuickJS and
//! ~300 µs on Boa. Natively, each step calls the engine's own abstract
//! operation with the prelude's arguments, in the prelude's order, so user
//! code (`valueOf`, `toString`, getters) runs at the same points: `log` is
//! `String(label)` (QuickJS calls the realm's intrinsic `String` and
//! `toWellFormed`, captured before the script; Boa does `String`'s two steps
//! itself: a symbol gives `Symbol(desc)`, anything else ToString) made well
//! formed (lone surrogates become U+FFFD);
//! `setTimeout` is ToNumber(`ms`) first, then the callability check of `cb`;
//! `clearTimeout` is ToNumber(`id`). Nothing a program does to the global
//! object or the built-ins changes the host. The tests in
//! `harness/tests/engines.rs` run the same probes on every backend (node
//! included, i.e. the prelude) and expect the same traces.

use crate::outcome::{Event, Limits, Outcome, Status, TraceBudget, UNCAUGHT};
use std::cell::{Cell, RefCell};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;
use std::sync::OnceLock;
use std::time::Instant;

/// JavaScript that defines the four host functions on the global object
/// (node's host evaluates it in every realm; the embedded engines do the same
/// steps natively, see the module documentation).
///
/// It evaluates to a function taking four natives and returning nothing:
/// * `nativeLog(string)` records a label;
/// * `nativeSetTimeout(thunkOrUndefined, delay)` registers a timer whose
///   `delay` is already normalised (integer >= 0 or `Infinity`) and returns
///   its id; `thunk` is a zero-argument function (callback and arguments bound)
///   or `undefined` when the callback is not callable;
/// * `nativeClearTimeout(integer)` cancels a timer;
/// * `nativeEnqueue(callback)` enqueues a host job calling `callback` with
///   `this` undefined and no arguments.
///
/// Every built-in it uses is captured before the script runs, so a program
/// that overwrites `String`, `Math`, `Reflect` etc. does not change the host.
/// The natives are reachable only through these closures. The host functions
/// are methods of an object literal, so, like the embedded engines' native
/// ones (and like WebIDL operations), they are not constructors and have no
/// `prototype` property.
pub const HOST_PRELUDE: &str = r#"(function (nativeLog, nativeSetTimeout, nativeClearTimeout, nativeEnqueue) {
  "use strict";
  const G = globalThis;
  const S = String;
  const wellFormed = S.prototype.toWellFormed;
  const trunc = Math.trunc;
  const apply = Reflect.apply;
  const TypeErrorCtor = TypeError;
  const host = {
    log(label) {
      const s = S(label);
      nativeLog(wellFormed ? apply(wellFormed, s, []) : s);
    },
    setTimeout(callback, ms, ...args) {
      let delay = +ms;
      delay = delay > 0 ? trunc(delay) : 0;
      if (typeof callback !== "function") return nativeSetTimeout(undefined, delay);
      return nativeSetTimeout(() => { apply(callback, undefined, args); }, delay);
    },
    clearTimeout(id) {
      const n = +id;
      if (n === n) nativeClearTimeout(trunc(n));
    },
    queueMicrotask(callback) {
      // HTML: the argument is a VoidFunction; anything else is a TypeError.
      if (typeof callback !== "function") throw new TypeErrorCtor("queueMicrotask: callback is not a function");
      nativeEnqueue(callback);
    },
  };
  for (const name of ["log", "setTimeout", "clearTimeout", "queueMicrotask"]) {
    Object.defineProperty(G, name, { value: host[name], writable: true, enumerable: true, configurable: true });
  }
  const consoleNamespace = {
    log(...args) {
      // Every argument through String, in order, then joined by spaces
      // (spaces never pair surrogates, so the whole is as well formed as its parts).
      let s = "";
      for (let i = 0; i < args.length; i++) s += (i === 0 ? "" : " ") + S(args[i]);
      nativeLog(wellFormed ? apply(wellFormed, s, []) : s);
    },
  };
  // A WebIDL namespace: writable, configurable, not enumerable.
  Object.defineProperty(G, "console", { value: consoleNamespace, writable: true, enumerable: false, configurable: true });
})"#;

/// The message of the TypeError `queueMicrotask` throws for a non-callable
/// argument (as in [`HOST_PRELUDE`]).
pub const QUEUE_MICROTASK_TYPE_ERROR: &str = "queueMicrotask: callback is not a function";

/// The host functions: name and `length`, in the order they are defined.
pub const HOST_FUNCTIONS: [(&str, usize); 4] =
    [("log", 1), ("setTimeout", 2), ("clearTimeout", 1), ("queueMicrotask", 1)];

/// A timer's due time: a non-negative, non-NaN number (possibly `Infinity`),
/// ordered as a number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Due(pub f64);

impl Eq for Due {}
impl PartialOrd for Due {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Due {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// Why the loop stopped before running out of work.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stop {
    pub status: Status,
    pub detail: String,
}

impl Stop {
    pub fn new(status: Status, detail: impl Into<String>) -> Self {
        Stop { status, detail: detail.into() }
    }
}

/// Host state of one program run: clock, timers, trace, counters, limits.
///
/// `T` is the engine's handle on a timer thunk (a persistent function).
/// Natives called by the engine and the driver share it through
/// [`SharedHost`]; never keep it borrowed while calling into the engine.
pub struct HostState<T> {
    now: f64,
    next_id: u64,
    timers: BTreeMap<(Due, u64), T>,
    due_of: HashMap<u64, Due>,
    trace: Vec<Event>,
    task: u32,
    job: u32,
    steps: u64,
    max_steps: u64,
    deadline: Instant,
    started: Instant,
    budget: TraceBudget,
    max_label_bytes: usize,
    /// Why the run must end, once a cap or the deadline was hit inside a
    /// step: from then on nothing more is logged, and the driver ends the
    /// run with it after the step (whatever the step itself returned).
    halt: Option<Stop>,
    /// Mirrors `halt.is_some()` for engines' interrupt handlers, which must
    /// not borrow the host.
    halted: Rc<Cell<bool>>,
    mirror: Option<fn(&Event)>,
}

/// A function every recorded event is also handed to, as it is recorded:
/// an engine worker process streams its events to a file with it, so the
/// parent keeps a program's partial trace when it kills the worker
/// ([`super::isolated`]). Set once per process, before any program runs.
static EVENT_MIRROR: OnceLock<fn(&Event)> = OnceLock::new();

/// Installs the process's [`EVENT_MIRROR`]; false when one was already set.
pub fn mirror_events(f: fn(&Event)) -> bool {
    EVENT_MIRROR.set(f).is_ok()
}

/// The host state as shared between natives and the driver.
pub type SharedHost<T> = Rc<RefCell<HostState<T>>>;

impl<T> HostState<T> {
    pub fn new(limits: &Limits) -> Self {
        let started = Instant::now();
        HostState {
            now: 0.0,
            next_id: 1,
            timers: BTreeMap::new(),
            due_of: HashMap::new(),
            trace: Vec::new(),
            task: 0,
            job: 0,
            steps: 0,
            max_steps: limits.max_steps,
            deadline: started + limits.wall,
            started,
            budget: TraceBudget::new(limits),
            max_label_bytes: limits.max_label_bytes,
            halt: None,
            halted: Rc::new(Cell::new(false)),
            mirror: EVENT_MIRROR.get().copied(),
        }
    }

    pub fn shared(limits: &Limits) -> SharedHost<T> {
        Rc::new(RefCell::new(Self::new(limits)))
    }

    /// `log(label)`, with `label` already converted by `String`. False
    /// when the event is refused: the run is halted (see [`Self::halt`]),
    /// because it was already, or the deadline has passed, or the event
    /// would pass an output cap ([`TraceBudget`]). The engine should then
    /// stop the program (an uncatchable error); whatever the program does
    /// afterwards is never recorded.
    pub fn log(&mut self, label: String) -> bool {
        if self.halt.is_some() {
            return false;
        }
        if self.deadline_passed() {
            self.halt(self.wall_stop());
            return false;
        }
        if let Err(detail) = self.budget.admit(label.len()) {
            self.halt(Stop::new(Status::OutputLimit, detail));
            return false;
        }
        let event = Event::new(label, self.task, Some(self.job));
        if let Some(mirror) = self.mirror {
            mirror(&event);
        }
        self.trace.push(event);
        true
    }

    /// Refuses, before the engine copies it out, a label known to be at
    /// least `at_least` bytes long when that is over the per-label cap
    /// (then the run is halted with `Status::OutputLimit`, and this returns
    /// true). Engines call it with a lower bound of the UTF-8 length (the
    /// string's UTF-16 length), so a huge engine string is never copied.
    pub fn refuse_long_label(&mut self, at_least: usize) -> bool {
        if at_least <= self.max_label_bytes {
            return false;
        }
        if self.halt.is_none() {
            self.halt(Stop::new(
                Status::OutputLimit,
                format!(
                    "output limit: a label of at least {at_least} bytes (at most {} per label)",
                    self.max_label_bytes
                ),
            ));
        }
        true
    }

    /// An exception escaped the current task or job.
    pub fn uncaught(&mut self) {
        self.log(UNCAUGHT.to_string());
    }

    /// Ends the run with `stop` after the current step (the first halt wins).
    pub fn halt(&mut self, stop: Stop) {
        if self.halt.is_none() {
            self.halt = Some(stop);
            self.halted.set(true);
        }
    }

    /// Whether the run is halted.
    pub fn halted(&self) -> bool {
        self.halt.is_some()
    }

    /// A flag that turns true when the run is halted, for an engine's
    /// interrupt handler.
    pub fn halted_flag(&self) -> Rc<Cell<bool>> {
        self.halted.clone()
    }

    /// `setTimeout`, with `delay = ToNumber(ms)`: NaN, negative values and
    /// `-0` become 0, others are truncated (`Infinity` stays). A `None` thunk
    /// (non-callable callback) still consumes an id.
    pub fn set_timeout(&mut self, thunk: Option<T>, delay: f64) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        if let Some(thunk) = thunk {
            let delay = if delay.is_nan() || delay <= 0.0 { 0.0 } else { delay.trunc() };
            let due = Due(self.now + delay);
            self.timers.insert((due, id), thunk);
            self.due_of.insert(id, due);
        }
        id
    }

    /// `clearTimeout`, with `id = ToNumber(id)`: NaN is ignored, other values
    /// are truncated; ids that are not pending are ignored.
    pub fn clear_timeout(&mut self, id: f64) {
        let id = id.trunc();
        if !((1.0..9.0e15).contains(&id)) {
            return;
        }
        let id = id as u64;
        if let Some(due) = self.due_of.remove(&id) {
            self.timers.remove(&(due, id));
        }
    }

    /// Current virtual time.
    pub fn now(&self) -> f64 {
        self.now
    }

    /// The deadline, for engines that check it while code runs.
    pub fn deadline(&self) -> Instant {
        self.deadline
    }

    pub fn deadline_passed(&self) -> bool {
        Instant::now() >= self.deadline
    }

    fn count_step(&mut self) -> Result<(), Stop> {
        if self.steps >= self.max_steps {
            return Err(Stop::new(Status::Timeout, format!("step limit: {} tasks and jobs ran", self.steps)));
        }
        if self.deadline_passed() {
            return Err(self.wall_stop());
        }
        self.steps += 1;
        Ok(())
    }

    /// The `Stop` for an exceeded wall-clock budget.
    pub fn wall_stop(&self) -> Stop {
        Stop::new(Status::Timeout, format!("wall-clock limit: {:?} elapsed", self.started.elapsed()))
    }

    /// Before the script (task 0, job 0).
    pub fn begin_script(&mut self) -> Result<(), Stop> {
        self.task = 0;
        self.job = 0;
        self.count_step()
    }

    /// Before each job of a checkpoint.
    pub fn begin_job(&mut self) -> Result<(), Stop> {
        self.count_step()?;
        self.job += 1;
        Ok(())
    }

    /// Takes the next timer by `(due, id)`, advances the clock and starts its
    /// task. `None` when no timer is pending.
    pub fn next_timer(&mut self) -> Option<Result<T, Stop>> {
        let (&key, _) = self.timers.iter().next()?;
        if let Err(stop) = self.count_step() {
            return Some(Err(stop));
        }
        let thunk = self.timers.remove(&key).expect("key just seen");
        self.due_of.remove(&key.1);
        self.now = key.0 .0;
        self.task += 1;
        self.job = 0;
        Some(Ok(thunk))
    }

    /// Drops every pending timer (engines must release their handles before
    /// the engine itself is torn down).
    pub fn clear_timers(&mut self) {
        self.timers.clear();
        self.due_of.clear();
    }

    pub fn take_trace(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.trace)
    }

    /// Number of tasks and jobs run so far.
    pub fn steps(&self) -> u64 {
        self.steps
    }
}

/// What running one task body or job did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepResult {
    /// Completed normally.
    Done,
    /// An exception escaped (recorded as [`UNCAUGHT`]).
    Uncaught,
    /// The run must stop with this status (timeout, OOM, parse error...).
    Fatal(Stop),
}

/// An engine realm the driver can run: the script, one pending job at a time,
/// and timer thunks.
pub trait EngineLoop {
    /// The engine's handle on a timer thunk.
    type Thunk;
    /// Parse and run the script (task 0 body). A syntax error is
    /// `Fatal(ParseError)`.
    fn run_script(&mut self) -> StepResult;
    /// Whether a job is pending.
    fn has_job(&mut self) -> bool;
    /// Run exactly one pending job.
    fn run_job(&mut self) -> StepResult;
    /// Run a timer thunk (a task body).
    fn run_timer(&mut self, thunk: Self::Thunk) -> StepResult;
}

/// Runs a program's whole event loop (DESIGN.md §1) on `engine`, recording
/// into `host`, and returns the outcome. The host's timers are cleared before
/// returning, so the engine can be torn down afterwards.
pub fn drive<E: EngineLoop>(engine: &mut E, host: &SharedHost<E::Thunk>) -> Outcome {
    let stop = drive_inner(engine, host);
    let mut h = host.borrow_mut();
    h.clear_timers();
    let trace = h.take_trace();
    match stop {
        None => Outcome::ok(trace),
        Some(stop) => Outcome::failed(stop.status, trace, stop.detail),
    }
}

fn drive_inner<E: EngineLoop>(engine: &mut E, host: &SharedHost<E::Thunk>) -> Option<Stop> {
    // Returns Some(stop) when the step that returned `r` ends the run: a
    // halt during the step (an output cap, the deadline seen by a host
    // function) wins over whatever the step returned, since engines may
    // turn the error that stopped the program into a rejection and carry
    // on; and a step that ended after the deadline ends the run as a
    // timeout, even if it completed.
    fn settle<T>(host: &SharedHost<T>, r: StepResult) -> Option<Stop> {
        let mut h = host.borrow_mut();
        if let Some(stop) = &h.halt {
            return Some(stop.clone());
        }
        match r {
            StepResult::Done => {}
            StepResult::Uncaught => h.uncaught(),
            StepResult::Fatal(stop) => return Some(stop),
        }
        if let Some(stop) = &h.halt {
            return Some(stop.clone());
        }
        h.deadline_passed().then(|| h.wall_stop())
    }
    fn checkpoint<E: EngineLoop>(engine: &mut E, host: &SharedHost<E::Thunk>) -> Option<Stop> {
        while engine.has_job() {
            if let Err(stop) = host.borrow_mut().begin_job() {
                return Some(stop);
            }
            let r = engine.run_job();
            if let Some(stop) = settle(host, r) {
                return Some(stop);
            }
        }
        None
    }

    if let Err(stop) = host.borrow_mut().begin_script() {
        return Some(stop);
    }
    let r = engine.run_script();
    if let Some(stop) = settle(host, r) {
        return Some(stop);
    }
    if let Some(stop) = checkpoint(engine, host) {
        return Some(stop);
    }
    loop {
        let next = host.borrow_mut().next_timer();
        let thunk = match next {
            None => return None,
            Some(Err(stop)) => return Some(stop),
            Some(Ok(thunk)) => thunk,
        };
        let r = engine.run_timer(thunk);
        if let Some(stop) = settle(host, r) {
            return Some(stop);
        }
        if let Some(stop) = checkpoint(engine, host) {
            return Some(stop);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;

    /// A scripted fake engine: the script schedules timers and jobs by label.
    struct Fake {
        host: SharedHost<&'static str>,
        jobs: VecDeque<&'static str>,
    }

    impl EngineLoop for Fake {
        type Thunk = &'static str;
        fn run_script(&mut self) -> StepResult {
            let mut h = self.host.borrow_mut();
            h.log("a".into());
            h.set_timeout(Some("t2"), 2.0);
            let id = h.set_timeout(Some("cancelled"), 1.0);
            h.set_timeout(Some("t1"), 1.0);
            h.clear_timeout(id as f64);
            h.clear_timeout(99.0);
            self.jobs.push_back("p");
            StepResult::Uncaught
        }
        fn has_job(&mut self) -> bool {
            !self.jobs.is_empty()
        }
        fn run_job(&mut self) -> StepResult {
            let j = self.jobs.pop_front().unwrap();
            self.host.borrow_mut().log(j.into());
            StepResult::Done
        }
        fn run_timer(&mut self, thunk: &'static str) -> StepResult {
            self.host.borrow_mut().log(thunk.into());
            if thunk == "t1" {
                self.jobs.push_back("j1");
                self.jobs.push_back("j2");
            }
            StepResult::Done
        }
    }

    #[test]
    fn driver_orders_tasks_and_jobs() {
        let limits = Limits::default();
        let host = HostState::shared(&limits);
        let mut fake = Fake { host: host.clone(), jobs: VecDeque::new() };
        let out = drive(&mut fake, &host);
        assert_eq!(out.status, Status::Ok);
        let got: Vec<(String, u32, Option<u32>)> =
            out.trace.into_iter().map(|e| (e.label, e.task, e.job)).collect();
        let want = vec![
            ("a".to_string(), 0, Some(0)),
            (UNCAUGHT.to_string(), 0, Some(0)),
            ("p".to_string(), 0, Some(1)),
            ("t1".to_string(), 1, Some(0)),
            ("j1".to_string(), 1, Some(1)),
            ("j2".to_string(), 1, Some(2)),
            ("t2".to_string(), 2, Some(0)),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn step_limit_is_a_timeout() {
        let limits = Limits { max_steps: 3, ..Limits::default() };
        let host = HostState::shared(&limits);
        let mut fake = Fake { host: host.clone(), jobs: VecDeque::new() };
        let out = drive(&mut fake, &host);
        assert_eq!(out.status, Status::Timeout);
        assert_eq!(out.labels(), vec!["a", UNCAUGHT, "p", "t1"]);
    }

    #[test]
    fn timers_order_by_due_then_id() {
        let host: HostState<u32> = HostState::new(&Limits::default());
        let mut h = host;
        assert_eq!(h.set_timeout(Some(1), f64::INFINITY), 1);
        assert_eq!(h.set_timeout(Some(2), 5.0), 2);
        assert_eq!(h.set_timeout(None, 0.0), 3);
        assert_eq!(h.set_timeout(Some(4), 5.0), 4);
        assert_eq!(h.set_timeout(Some(5), 0.0), 5);
        let order: Vec<u32> = std::iter::from_fn(|| h.next_timer().map(|r| r.unwrap())).collect();
        assert_eq!(order, vec![5, 2, 4, 1]);
        assert_eq!(h.now(), f64::INFINITY);
    }
}
