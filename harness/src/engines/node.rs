//! Backend `node`: V8 through the `node` executable on `PATH`.
//!
//! One long-lived `node` process per calling thread (a thread-local), fed one
//! program at a time as a JSON line on stdin and answering with a JSON line on
//! stdout; [`node_host.js`](../node_host.js) (embedded with `include_str!`)
//! runs each program in a fresh `vm` realm with the host model of
//! DESIGN.md §1 implemented by the JavaScript prelude
//! ([`super::host::HOST_PRELUDE`]) whose steps the embedded engines do
//! natively. See that file's header for how microtask checkpoints,
//! `queueMicrotask` and uncaught exceptions work there.
//!
//! * Job indices are `None`: node cannot count the jobs V8 runs. The step
//!   limit counts tasks only.
//! * Wall clock: the host checks the deadline between tasks; when no answer
//!   comes within `Limits::wall` (+ [`KILL_MARGIN`]), the process is killed
//!   and the outcome is `Status::Timeout` with the events logged so far, read
//!   from the trace file the host writes every event to as it happens (a
//!   runaway loop or microtask checkpoint cannot be stopped from inside:
//!   vm's `timeout` option could, but costs ~450 µs per program). The
//!   process is restarted on next use.
//! * The process runs with `--max-old-space-size` from `Limits::memory_bytes`;
//!   when V8 runs out of heap it dies, which is reported as
//!   `Status::OutOfMemory` and the process is restarted for the next program.
//! * When `node` is not on `PATH`, runs report `Status::Unsupported`.

use super::host::HOST_PRELUDE;
use crate::outcome::{Backend, Event, Limits, Outcome, ProgramInput, Status};
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// The node-side host, run with `node -e`.
pub const NODE_HOST_JS: &str = include_str!("node_host.js");

/// How long past the wall-clock limit the harness waits for an answer before
/// it kills the process (the host itself stops between tasks at the limit).
pub const KILL_MARGIN: Duration = Duration::from_millis(50);

/// How long a new process may take to say hello.
const STARTUP: Duration = Duration::from_secs(20);

/// `node --version` when a working `node` is on `PATH`.
fn node_version() -> Option<&'static str> {
    static VERSION: OnceLock<Option<String>> = OnceLock::new();
    VERSION
        .get_or_init(|| {
            let out = Command::new("node").arg("--version").stdin(Stdio::null()).output().ok()?;
            if !out.status.success() {
                return None;
            }
            Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
        })
        .as_deref()
}

/// Whether a working `node` is on `PATH`.
pub fn node_available() -> bool {
    node_version().is_some()
}

/// The `node` backend.
#[derive(Debug, Default, Clone, Copy)]
pub struct Node;

impl Node {
    pub fn new() -> Self {
        Node
    }
}

impl Backend for Node {
    fn name(&self) -> &str {
        "node"
    }

    fn version(&self) -> String {
        match node_version() {
            Some(v) => format!("node {v}"),
            None => "node (not found on PATH)".to_string(),
        }
    }

    fn run(&self, input: &ProgramInput, limits: &Limits) -> Outcome {
        if !node_available() {
            return Outcome::failed(Status::Unsupported, vec![], "node is not available on PATH");
        }
        super::catch_panic(|| {
            PROCESS.with(|cell| {
                let mut slot = cell.borrow_mut();
                let memory_mb = (limits.memory_bytes >> 20).max(16);
                if slot.as_ref().is_some_and(|p| p.memory_mb != memory_mb) {
                    *slot = None;
                }
                if slot.is_none() {
                    match NodeProcess::spawn(memory_mb) {
                        Ok(p) => *slot = Some(p),
                        Err(e) => {
                            return Outcome::failed(Status::Error, vec![], format!("starting node: {e}"))
                        }
                    }
                }
                let process = slot.as_mut().expect("just spawned");
                match process.run(&input.source, limits) {
                    Ok(outcome) => outcome,
                    Err(failure) => {
                        // The process is dead or hung: drop (kill) it.
                        failure.into_outcome(slot.take().expect("present"))
                    }
                }
            })
        })
    }

    fn out_of_process(&self) -> bool {
        true
    }
}

thread_local! {
    static PROCESS: RefCell<Option<NodeProcess>> = const { RefCell::new(None) };
}

/// A running `node` with the host script.
struct NodeProcess {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<String>,
    stderr_tail: Arc<Mutex<VecDeque<u8>>>,
    memory_mb: usize,
    next_id: u64,
    /// The file the host writes every event of the current program to
    /// (already unlinked: nothing is left behind, whatever happens).
    trace_file: std::fs::File,
}

/// Why a request got no answer.
enum Failure {
    /// No answer for program `id` within the wall-clock limit.
    Hung {
        id: u64,
        wall: Duration,
    },
    Died(String),
}

impl Failure {
    fn into_outcome(self, mut process: NodeProcess) -> Outcome {
        match self {
            Failure::Hung { id, wall } => {
                process.kill();
                let (trace, note) = match process.partial_trace(id) {
                    Ok((trace, false)) => (trace, String::new()),
                    Ok((trace, true)) => {
                        (trace, " (the trace file was full: later events are missing)".into())
                    }
                    Err(e) => (vec![], format!(" (partial trace lost: {e})")),
                };
                Outcome::failed(
                    Status::Timeout,
                    trace,
                    format!("wall-clock limit: no answer from node within {wall:?}; killed{note}"),
                )
            }
            Failure::Died(why) => {
                process.kill();
                let tail = process.stderr_tail();
                let status = if tail.contains("heap out of memory") || tail.contains("Allocation failed") {
                    Status::OutOfMemory
                } else {
                    Status::Error
                };
                let last = tail
                    .lines()
                    .find(|l| l.contains("out of memory"))
                    .or_else(|| tail.lines().rev().find(|l| !l.trim().is_empty()))
                    .unwrap_or("")
                    .trim();
                Outcome::failed(status, vec![], format!("node died ({why}): {last}"))
            }
        }
    }
}

#[derive(Deserialize)]
struct Response {
    id: u64,
    status: String,
    trace: Vec<(String, u32)>,
    detail: Option<String>,
}

impl NodeProcess {
    fn spawn(memory_mb: usize) -> std::io::Result<Self> {
        let prelude = serde_json::to_string(HOST_PRELUDE).expect("string serializes");
        let script = format!("const HOST_PRELUDE = {prelude};\n{NODE_HOST_JS}");
        // In memory when /dev/shm is there (it is only read after a timeout).
        let temp = |dir: std::path::PathBuf| {
            tempfile::Builder::new().prefix("tickdiff-node-trace-").tempfile_in(dir)
        };
        let trace_file = temp("/dev/shm".into()).or_else(|_| temp(std::env::temp_dir()))?;
        let mut child = Command::new("node")
            .arg(format!("--max-old-space-size={memory_mb}"))
            .arg("--unhandled-rejections=none")
            .arg("-e")
            .arg(script)
            .env("TICKDIFF_NODE_TRACE", trace_file.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let stdin = child.stdin.take().expect("piped");
        let stdout = child.stdout.take().expect("piped");
        let mut stderr = child.stderr.take().expect("piped");
        let (tx, lines) = mpsc::channel();
        std::thread::Builder::new().name("tickdiff-node-out".into()).spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        })?;
        let stderr_tail = Arc::new(Mutex::new(VecDeque::new()));
        let tail = stderr_tail.clone();
        std::thread::Builder::new().name("tickdiff-node-err".into()).spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stderr.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut t = tail.lock().unwrap_or_else(|e| e.into_inner());
                t.extend(&buf[..n]);
                let excess = t.len().saturating_sub(8192);
                t.drain(..excess);
            }
        })?;
        let mut process = NodeProcess {
            child,
            stdin,
            lines,
            stderr_tail,
            memory_mb,
            next_id: 1,
            trace_file: trace_file.reopen()?,
        };
        // Wait for the host to be ready (it has opened the trace file), so
        // its start-up is not charged to the first program's wall clock.
        match process.lines.recv_timeout(STARTUP) {
            Ok(line) if line.contains("\"hello\"") => {
                // Unlink the file now; node and this process keep it open.
                drop(trace_file);
                Ok(process)
            }
            Ok(line) => Err(std::io::Error::other(format!("unexpected first line from node: {line:.200}"))),
            Err(e) => {
                let _ = process.died(String::new());
                Err(std::io::Error::other(format!("no hello ({e}): {}", process.stderr_tail().trim())))
            }
        }
    }

    /// The events of program `id` the host wrote to the trace file (after the
    /// process was killed), and whether the host stopped writing them (at
    /// its cap, or on a failed write); a last line cut short is dropped.
    fn partial_trace(&self, id: u64) -> Result<(Vec<Event>, bool), String> {
        let mut text = Vec::new();
        let mut file = &self.trace_file;
        file.seek(SeekFrom::Start(0)).and_then(|_| file.read_to_end(&mut text)).map_err(|e| e.to_string())?;
        let text = String::from_utf8_lossy(&text);
        let mut lines = text.split_inclusive('\n').filter(|l| l.ends_with('\n'));
        let header = lines.next().unwrap_or("");
        if header.trim() != format!("{{\"id\":{id}}}") {
            return Err(format!("the trace file is not program {id}'s"));
        }
        let mut trace = Vec::new();
        for line in lines {
            if line.trim().is_empty() {
                continue;
            }
            // "cut", or a line a failed write left unreadable: the rest is lost.
            match serde_json::from_str::<(String, u32)>(line) {
                Ok((label, task)) => trace.push(Event::new(label, task, None)),
                Err(_) => return Ok((trace, true)),
            }
        }
        Ok((trace, false))
    }

    fn run(&mut self, source: &str, limits: &Limits) -> Result<Outcome, Failure> {
        let id = self.next_id;
        self.next_id += 1;
        let wall_ms = limits.wall.as_millis().max(1) as u64;
        let request = serde_json::json!({
            "id": id,
            "source": source,
            "wallMs": wall_ms,
            "maxSteps": limits.max_steps,
        });
        let mut line = request.to_string();
        line.push('\n');
        if let Err(e) = super::write_to_child(&mut self.stdin, line.as_bytes()) {
            return Err(self.died(format!("writing request: {e}")));
        }
        let wait = limits.wall.saturating_add(KILL_MARGIN);
        let answer = match self.lines.recv_timeout(wait) {
            Ok(answer) => answer,
            Err(RecvTimeoutError::Timeout) => return Err(Failure::Hung { id, wall: limits.wall }),
            Err(RecvTimeoutError::Disconnected) => return Err(self.died("stdout closed".into())),
        };
        let response: Response = match serde_json::from_str(&answer) {
            Ok(r) => r,
            Err(e) => return Err(Failure::Died(format!("unreadable answer ({e}): {answer:.200}"))),
        };
        if response.id != id {
            return Err(Failure::Died(format!("answer for request {} instead of {id}", response.id)));
        }
        let trace: Vec<Event> =
            response.trace.into_iter().map(|(label, task)| Event::new(label, task, None)).collect();
        let status = match response.status.as_str() {
            "ok" => return Ok(Outcome::ok(trace)),
            "timeout" => Status::Timeout,
            "parse-error" => Status::ParseError,
            "stack-overflow" => Status::StackOverflow,
            "out-of-memory" => Status::OutOfMemory,
            _ => Status::Error,
        };
        Ok(Outcome::failed(status, trace, response.detail.unwrap_or_default()))
    }

    /// The process stopped answering: wait briefly for it to exit so its
    /// stderr (e.g. V8's out-of-memory report) is complete.
    fn died(&mut self, why: String) -> Failure {
        for _ in 0..50 {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(20));
        Failure::Died(why)
    }

    fn stderr_tail(&self) -> String {
        let t = self.stderr_tail.lock().unwrap_or_else(|e| e.into_inner());
        String::from_utf8_lossy(&t.iter().copied().collect::<Vec<u8>>()).into_owned()
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for NodeProcess {
    fn drop(&mut self) {
        self.kill();
    }
}
