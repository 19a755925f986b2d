//! What every backend returns for one program: a status and an ordered trace.
//!
//! Shared by the reference scheduler, the embedded engines and the external
//! ones, so the differ never needs to know which kind of backend it compares.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::time::Duration;

/// The label recorded when an exception escapes a task or a host microtask
/// callback (DESIGN.md §1). Generated labels never start with `!`.
pub const UNCAUGHT: &str = "!uncaught";

/// One entry of a trace: what was logged, and where in the event loop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// `String(label)` as passed to `log`, or [`UNCAUGHT`].
    pub label: String,
    /// Index of the macrotask: 0 is the script, 1.. are timer callbacks in run order.
    pub task: u32,
    /// Index of the job inside that task's turn: 0 is the task body itself,
    /// 1.. are the microtask-checkpoint jobs in the order they ran.
    /// `None` when the backend cannot count jobs (external processes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job: Option<u32>,
}

impl Event {
    pub fn new(label: impl Into<String>, task: u32, job: Option<u32>) -> Self {
        Event { label: label.into(), task, job }
    }
}

/// How a run ended. Anything but `Ok` is a failure of its own kind and is a
/// divergence when another backend did not fail the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Ok,
    Timeout,
    StackOverflow,
    OutOfMemory,
    Panic,
    ParseError,
    /// The backend cannot run this input (e.g. the reference given a `.js`
    /// file the front end cannot translate to the model, or a construct it
    /// does not model), and says which; it has no vote in comparisons.
    Unsupported,
    /// The program logged more than the output caps of [`Limits`] allow
    /// (events per program, bytes per label, bytes per trace): the trace
    /// holds the events before the one that would have passed a cap.
    OutputLimit,
    /// A lowering backend's transpiler refused or failed on the program
    /// (`engines::lowering`): the transpiler's, not the engine's, and no
    /// vote in comparisons, like `Unsupported`.
    LoweringError,
    /// Anything else that went wrong in the harness rather than the program.
    Error,
}

impl Status {
    /// Whether a backend ending so has no opinion on the program: it could
    /// not run it as written (a construct it does not model, a lowering
    /// that cannot express it, a transpiler that failed on it).
    pub fn abstains(self) -> bool {
        matches!(self, Status::Unsupported | Status::LoweringError)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Timeout => "timeout",
            Status::StackOverflow => "stack-overflow",
            Status::OutOfMemory => "out-of-memory",
            Status::Panic => "panic",
            Status::ParseError => "parse-error",
            Status::Unsupported => "unsupported",
            Status::OutputLimit => "output-limit",
            Status::LoweringError => "lowering-error",
            Status::Error => "error",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The result of running one program on one backend.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub status: Status,
    /// Events up to the end of the run, or up to the failure.
    pub trace: Vec<Event>,
    /// A human-readable reason for a non-`Ok` status (engine message etc.).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Outcome {
    pub fn ok(trace: Vec<Event>) -> Self {
        Outcome { status: Status::Ok, trace, detail: None }
    }
    pub fn failed(status: Status, trace: Vec<Event>, detail: impl Into<String>) -> Self {
        Outcome { status, trace, detail: Some(detail.into()) }
    }
    /// The labels alone: what two backends must agree on.
    pub fn labels(&self) -> Vec<&str> {
        self.trace.iter().map(|e| e.label.as_str()).collect()
    }
}

/// Resource limits applied to every run of every backend.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Wall-clock budget for the whole program (script + all tasks + jobs).
    pub wall: Duration,
    /// Maximum number of tasks plus jobs the host loop runs.
    pub max_steps: u64,
    /// Heap limit for an engine realm.
    pub memory_bytes: usize,
    /// Native stack of the thread an engine runs on; engine limits stay below it.
    pub thread_stack_bytes: usize,
    /// Output caps: events per program, bytes of one label, bytes of all
    /// labels together. Passing one ends the run with `Status::OutputLimit`
    /// (see [`TraceBudget`]).
    pub max_events: usize,
    pub max_label_bytes: usize,
    pub max_trace_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            wall: Duration::from_secs(5),
            max_steps: 100_000,
            memory_bytes: 256 << 20,
            thread_stack_bytes: 64 << 20,
            // A generated program logs a few hundred short labels; these
            // leave room for any real program and keep a runaway one to
            // tens of MiB on every backend.
            max_events: 100_000,
            max_label_bytes: 64 << 10,
            max_trace_bytes: 16 << 20,
        }
    }
}

/// What a run has logged so far, against the output caps of its [`Limits`].
/// Every backend asks it before recording an event, so all of them stop at
/// the same event of a program that floods its trace.
#[derive(Clone, Debug)]
pub struct TraceBudget {
    events: usize,
    bytes: usize,
    max_events: usize,
    max_label_bytes: usize,
    max_trace_bytes: usize,
}

impl TraceBudget {
    pub fn new(limits: &Limits) -> Self {
        TraceBudget {
            events: 0,
            bytes: 0,
            max_events: limits.max_events,
            max_label_bytes: limits.max_label_bytes,
            max_trace_bytes: limits.max_trace_bytes,
        }
    }

    /// Counts an event whose label is `label_bytes` long (UTF-8), or says
    /// which cap recording it would pass (the detail of `Status::OutputLimit`).
    pub fn admit(&mut self, label_bytes: usize) -> Result<(), String> {
        if self.events >= self.max_events {
            return Err(format!("output limit: more than {} events", self.max_events));
        }
        if label_bytes > self.max_label_bytes {
            return Err(format!(
                "output limit: a label of {label_bytes} bytes (at most {} per label)",
                self.max_label_bytes
            ));
        }
        if self.bytes.saturating_add(label_bytes) > self.max_trace_bytes {
            return Err(format!("output limit: more than {} bytes of labels", self.max_trace_bytes));
        }
        self.events += 1;
        self.bytes += label_bytes;
        Ok(())
    }
}

/// What a backend is given: the printed JavaScript always, and the program
/// model when the input came from the generator or a YAML file (the
/// reference interprets the model; engines run the text).
#[derive(Clone, Debug)]
pub struct ProgramInput {
    pub source: String,
    pub model: Option<generators::model::Program>,
}

/// One way of running a program. Implementations are shared across rayon
/// worker threads; per-thread state (a QuickJS runtime, a node process) lives
/// behind the implementation.
pub trait Backend: Send + Sync {
    /// Stable name used on the command line and in reports (`quickjs`, `boa`, ...).
    fn name(&self) -> &str;
    /// Engine and version, for reports (`QuickJS-ng 0.10 via rquickjs 0.14`).
    fn version(&self) -> String;
    /// Run one program to completion of its event loop, or to a limit.
    fn run(&self, input: &ProgramInput, limits: &Limits) -> Outcome;
    /// Run several programs, one after another: one outcome per input, each
    /// the same as `run`'s. Backends that run programs in another process
    /// override it to keep that process busy between programs.
    fn run_batch(&self, inputs: &[&ProgramInput], limits: &Limits) -> Vec<Outcome> {
        inputs.iter().map(|i| self.run(i, limits)).collect()
    }
    /// Whether `run_batch` costs less per program than `run`: the runner
    /// then hands this backend runs of consecutive programs.
    fn prefers_batches(&self) -> bool {
        false
    }
    /// Whether programs cost far more than in this process (Boa's worker,
    /// node: another process and a costlier engine), so the minimizer runs
    /// these only on the candidates the others leave open. A backend that
    /// runs in a worker only for containment, at little extra cost
    /// (`quickjs`), says false.
    fn out_of_process(&self) -> bool {
        false
    }
}
