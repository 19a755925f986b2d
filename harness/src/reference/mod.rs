//! The reference scheduler: an interpreter of the program model built on the
//! spec's own promise machinery (promise records, capabilities, resolving
//! functions, PromiseReactionJob / PromiseResolveThenableJob on one FIFO
//! queue shared with host microtasks, async frames that suspend and resume)
//! inside the virtual-time host of DESIGN.md §1. Nothing in it knows what
//! trace a program "should" have: orders fall out of the machinery.
//!
//! Mutants are the same interpreter with one step changed, each modelling a
//! bug engines really had; they prove the rest of the tool catches such bugs.

mod arguments;
mod arrays;
mod classes;
pub mod coverage;
mod heap;
mod host;
mod interp;
mod iteration;
mod json;
mod machine;
mod names;
mod object;
mod operators;
mod patterns;
mod promise;
mod properties;
mod strings;
mod suspend;

use crate::outcome::{Backend, Limits, Outcome, ProgramInput, Status};
use generators::model::Program;
use interp::Interp;
pub use interp::{JobRecord, MAX_CALL_DEPTH};
use std::fmt;
use std::str::FromStr;

/// A deliberate deviation from the spec (or none).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mutant {
    /// The spec as it is.
    None,
    /// Pre-2019 `await`: always wraps the value in a new promise and resolves
    /// it, so awaiting a native promise costs 3 jobs instead of 1.
    Await3Tick,
    /// Resolving with a thenable calls its `then` synchronously instead of in
    /// a PromiseResolveThenableJob.
    NoThenableJob,
    /// Timers run in registration order, ignoring their delays.
    TimersFifo,
    /// `finally` skips PromiseResolve + then when its callback returns a
    /// non-object, saving two jobs.
    FinallyNoPromiseResolve,
}

impl Mutant {
    pub const ALL: [Mutant; 4] =
        [Mutant::Await3Tick, Mutant::NoThenableJob, Mutant::TimersFifo, Mutant::FinallyNoPromiseResolve];

    pub fn suffix(self) -> &'static str {
        match self {
            Mutant::None => "",
            Mutant::Await3Tick => "await-3tick",
            Mutant::NoThenableJob => "no-thenable-job",
            Mutant::TimersFifo => "timers-fifo",
            Mutant::FinallyNoPromiseResolve => "finally-fast",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Mutant::None => "ECMA-262 as currently specified",
            Mutant::Await3Tick => "pre-2019 await: +2 jobs when awaiting a native promise",
            Mutant::NoThenableJob => "resolve(thenable) calls then synchronously",
            Mutant::TimersFifo => "timers in insertion order, ignoring delays",
            Mutant::FinallyNoPromiseResolve => "finally skips PromiseResolve for non-object callback results",
        }
    }
}

impl FromStr for Mutant {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if s.is_empty() {
            return Ok(Mutant::None);
        }
        Mutant::ALL.into_iter().find(|m| m.suffix() == s).ok_or_else(|| {
            let known: Vec<_> = Mutant::ALL.iter().map(|m| m.suffix()).collect();
            format!("unknown reference mutant '{s}' (known: {})", known.join(", "))
        })
    }
}

/// Why a run stopped early.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Abort {
    /// More tasks + jobs (or calls) than the limits allow.
    StepLimit,
    /// `Limits::wall` passed (read every few thousand steps and calls).
    Wall,
    /// The run allocated more than `Limits::memory_bytes` by the interpreter's count.
    Memory,
    /// Calls nested deeper than [`MAX_CALL_DEPTH`]. Engines throw a
    /// catchable RangeError at a depth of their own, which the reference
    /// cannot know, so it ends the run instead of pretending to throw one.
    Depth,
    /// An output cap of `Limits` (`Guard::output_cap` says which: kept
    /// there so that every `JsResult` stays small).
    Output,
    /// The program uses something the model interpreter does not implement.
    Unsupported(String),
}

/// One run's result plus, when asked for, the causal chain of every event.
pub struct Explained {
    pub outcome: Outcome,
    /// Every job the run enqueued, in enqueue order (for timelines).
    pub jobs: Vec<JobRecord>,
    /// Per trace event: the job of `jobs` that logged it; `None` in a task body.
    pub event_jobs: Vec<Option<usize>>,
    /// Per task that ran, 0 being the script: what it is and what set its timer.
    pub tasks: Vec<TaskRecord>,
}

impl Explained {
    /// The causal chain of trace event `event`: the jobs that led to it,
    /// innermost first, and the task, then through each timer to the job or
    /// task that set it, back to the script. Walked when asked for: every
    /// event's chain at once is quadratic in a long run's events.
    fn causes(&self, event: usize) -> impl Iterator<Item = Cause<'_>> {
        let mut cur = self.event_jobs.get(event).copied().flatten();
        let mut task = self.outcome.trace.get(event).map(|e| e.task);
        std::iter::from_fn(move || {
            if let Some(j) = cur {
                let job = &self.jobs[j];
                cur = job.parent;
                task = Some(job.task);
                return Some(Cause::Job(job));
            }
            let t = task.take()? as usize;
            let record = self.tasks.get(t);
            if let (Some(r), true) = (record, t != 0) {
                (cur, task) = (r.set_by, Some(r.set_in));
            }
            Some(Cause::Task(t, record))
        })
    }

    /// Event `event`'s causal chain as lines, innermost first: each job, then
    /// the task it ran in (and, for a timer's task, what set the timer).
    pub fn chain(&self, event: usize) -> Vec<String> {
        let mut lines = Vec::new();
        for cause in self.causes(event) {
            match cause {
                Cause::Job(r) => {
                    let at = match r.index {
                        Some(n) => format!("job {n} of task {}", r.task),
                        None => format!("a job of task {}", r.task),
                    };
                    lines.push(format!("{at}: {}", r.what));
                }
                Cause::Task(t, record) => {
                    lines.push(format!("task {t}: {}", record.map_or("?", |r| r.name.as_str())));
                    // The first task is where the event's own chain ends.
                    break;
                }
            }
        }
        lines
    }

    /// Event `event`'s causal chain as mechanism tokens (`await-resume`,
    /// `thenable-job`, `microtask`, ...), innermost first, through every
    /// timer (`timer`) back to the `script`.
    pub fn mechanisms(&self, event: usize) -> Vec<&'static str> {
        self.causes(event)
            .map(|c| match c {
                Cause::Job(r) => r.mechanism,
                Cause::Task(0, _) => "script",
                Cause::Task(..) => "timer",
            })
            .collect()
    }

    /// For trace event `event`: the spec steps behind it, innermost first:
    /// the step that enqueued each job of its causal chain (and the timers
    /// that started its tasks). `Explained::jobs[j].steps` are what a job took.
    pub fn steps_behind(&self, event: usize) -> Vec<coverage::Step> {
        self.causes(event)
            .filter_map(|c| match c {
                Cause::Job(r) => r.enqueued_at,
                Cause::Task(t, Some(_)) if t > 0 => Some(coverage::Step::HostTimerTask),
                Cause::Task(..) => None,
            })
            .collect()
    }
}

/// One link of an event's causal chain ([`Explained::causes`]).
enum Cause<'a> {
    Job(&'a JobRecord),
    /// A task by index (0: the script), with its record if the run kept one.
    Task(usize, Option<&'a TaskRecord>),
}

/// A task of an explained run.
pub struct TaskRecord {
    pub name: String,
    /// The job of `Explained::jobs` that set the timer; `None`: the body of task `set_in`.
    pub set_by: Option<usize>,
    pub set_in: u32,
}

/// Runs `program` on the reference (or a mutant), with the default limits
/// but `max_steps`.
pub fn run(program: &Program, mutant: Mutant, max_steps: u64) -> Outcome {
    run_with_limits(program, mutant, &steps_only(max_steps))
}

/// Runs `program` on the reference (or a mutant) within `limits`.
pub fn run_with_limits(program: &Program, mutant: Mutant, limits: &Limits) -> Outcome {
    let mut it = Interp::new(mutant, limits, false);
    let result = it.run_program(program);
    finish(&mut it, result, limits)
}

/// The default limits with another step limit.
fn steps_only(max_steps: u64) -> Limits {
    Limits { max_steps, ..Limits::default() }
}

/// Runs `program` and reports, per mutant (in `Mutant::ALL` order), how
/// often the step that mutant changes was reached.
pub fn run_with_mutant_sites(
    program: &Program,
    mutant: Mutant,
    max_steps: u64,
) -> (Outcome, [u32; Mutant::ALL.len()]) {
    let limits = steps_only(max_steps);
    let mut it = Interp::new(mutant, &limits, false);
    let result = it.run_program(program);
    let sites = it.mutant_sites;
    (finish(&mut it, result, &limits), sites)
}

/// Runs `program` and counts the spec steps it took (`coverage::Step`).
pub fn run_with_coverage(
    program: &Program,
    mutant: Mutant,
    max_steps: u64,
) -> (Outcome, coverage::StepCounts) {
    let limits = steps_only(max_steps);
    let mut it = Interp::new(mutant, &limits, false);
    let result = it.run_program(program);
    let steps = std::mem::take(&mut it.spec_steps);
    (finish(&mut it, result, &limits), steps)
}

/// Whether running `program` depends on a rule newer than V8 11.3 (see
/// `Interp::recent_spec_sites`): where Node 20 is expected to differ.
pub fn uses_rules_newer_than_v8_11_3(program: &Program, max_steps: u64) -> bool {
    let mut it = Interp::new(Mutant::None, &steps_only(max_steps), false);
    let _ = it.run_program(program);
    it.recent_spec_sites > 0
}

/// Tasks plus jobs the reference runs for `program`: an upper bound on how
/// many jobs deep any of its work goes.
pub fn step_count(program: &Program, max_steps: u64) -> u64 {
    let mut it = Interp::new(Mutant::None, &steps_only(max_steps), false);
    let _ = it.run_program(program);
    it.steps
}

/// Runs `program` recording, for each event, the jobs that led to it.
pub fn run_explained(program: &Program, mutant: Mutant, max_steps: u64) -> Explained {
    let limits = steps_only(max_steps);
    let mut it = Interp::new(mutant, &limits, true);
    let result = it.run_program(program);
    let outcome = finish(&mut it, result, &limits);
    let names = it.task_names.take().unwrap_or_default();
    let tasks = names
        .into_iter()
        .zip(&it.task_origins)
        .map(|(name, &(set_by, set_in))| TaskRecord { name, set_by, set_in })
        .collect();
    let jobs = it.job_log.take().unwrap_or_default();
    Explained { outcome, jobs, event_jobs: std::mem::take(&mut it.event_jobs), tasks }
}

/// The outcome of a run that ended with `result`, its trace taken from `it`.
fn finish(it: &mut Interp, result: Result<(), Abort>, limits: &Limits) -> Outcome {
    let trace = std::mem::take(&mut it.trace);
    let (status, detail) = match result {
        Ok(()) => return Outcome::ok(trace),
        Err(Abort::StepLimit) => {
            (Status::Timeout, format!("step limit of {} tasks and jobs reached", limits.max_steps))
        }
        Err(Abort::Wall) => (Status::Timeout, format!("wall-clock limit of {:?} reached", limits.wall)),
        Err(Abort::Memory) => (
            Status::OutOfMemory,
            format!(
                "heap budget of {} bytes exhausted (the reference counts the objects, environments, \
                 strings, frames, reactions and jobs it allocates)",
                limits.memory_bytes
            ),
        ),
        Err(Abort::Depth) => {
            (Status::StackOverflow, format!("call depth limit of {MAX_CALL_DEPTH} nested calls reached"))
        }
        Err(Abort::Output) => (Status::OutputLimit, it.guard.output_cap.take().unwrap_or_default()),
        Err(Abort::Unsupported(what)) => (Status::Unsupported, what),
    };
    Outcome::failed(status, trace, detail)
}

/// The reference as a backend: `reference` or `reference:<mutant>`.
pub struct Reference {
    mutant: Mutant,
    name: String,
}

impl Reference {
    pub fn new(mutant: Mutant) -> Self {
        let name = match mutant {
            Mutant::None => "reference".to_string(),
            m => format!("reference:{}", m.suffix()),
        };
        Reference { mutant, name }
    }

    /// Parses `reference` / `reference:<mutant>`.
    pub fn by_name(name: &str) -> Option<Result<Self, String>> {
        let rest = name.strip_prefix("reference")?;
        match rest.strip_prefix(':') {
            Some(m) => Some(m.parse().map(Reference::new)),
            None if rest.is_empty() => Some(Ok(Reference::new(Mutant::None))),
            None => None,
        }
    }
}

impl fmt::Debug for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

impl Backend for Reference {
    fn name(&self) -> &str {
        &self.name
    }

    fn version(&self) -> String {
        format!("tickdiff reference {} ({})", env!("CARGO_PKG_VERSION"), self.mutant.describe())
    }

    fn run(&self, input: &ProgramInput, limits: &Limits) -> Outcome {
        match &input.model {
            Some(p) => run_with_limits(p, self.mutant, limits),
            None => Outcome::failed(
                Status::Unsupported,
                Vec::new(),
                "the reference runs program models; this input has none (JS text the front end did not parse)",
            ),
        }
    }
}
