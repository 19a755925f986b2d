//! Backend `node`: V8 through the `node` executable on `PATH` (node >= 20).
//!
//! One long-lived `node` process per calling thread (a thread-local), fed one
//! program at a time as a JSON line on stdin and answering with a JSON line on
//! its fd 3; [`node_host.js`](../node_host.js) (embedded with `include_str!`)
//! runs each program in a fresh `vm` realm with the host model of
//! DESIGN.md §1 implemented by the JavaScript prelude
//! ([`super::host::HOST_PRELUDE`]) whose steps the embedded engines do
//! natively. See that file's header for how microtask checkpoints,
//! `queueMicrotask`, uncaught exceptions and the output caps work there.
//!
//! # Containment
//!
//! A program is hostile until proven otherwise (users run repros from bug
//! reports), so:
//!
//! * **The realm.** What a program's realm shares with the outer world, by
//!   node version:
//!   - node >= 22.8: nothing. The context is made with
//!     `vm.constants.DONT_CONTEXTIFY`, so its global object is an ordinary
//!     global built inside it.
//!   - node 20 - 22.7: one outer object, the contextified global's sandbox:
//!     `Object.create(null)`, holding only the properties the program (and
//!     the in-realm host functions) put on the global. A program can get
//!     hold of it (it is the receiver of a global accessor it defines), but
//!     no outer function or intrinsic is reachable from a prototype-less,
//!     non-callable object. (The old `{}` sandbox made `this.constructor`
//!     the outer `Object`, and so `process`.)
//!   - every version: the symbol registry (`Symbol.for`; symbols are
//!     primitives), node's bookkeeping of unhandled rejections, and V8's
//!     stack-trace hook, which calls the realm's `Error.prepareStackTrace`
//!     with call sites made in the realm (the host's frames are strict: no
//!     function, no receiver).
//!
//!   The host functions are in-realm closures around outer natives that take
//!   and return primitives only; an error V8 throws on entering a native
//!   (stack overflow) is replaced in the realm by the realm's own
//!   RangeError; dynamic `import()` rejects with the realm's own TypeError
//!   (node's default rejection is an outer-realm error, hence
//!   `--experimental-vm-modules`, which lets the host supply the callback);
//!   the host never reads a property of a value the program made. The
//!   helper binding is gone: the host keeps its one in-realm entry point in
//!   an outer variable. `harness/tests/escape.rs` tries the known ways out.
//! * **Permissions.** node runs under its permission model
//!   (`--permission`, `--experimental-permission` before 22.13) with nothing
//!   granted: no file system, child processes, workers, addons
//!   (`process.dlopen`), inspector, WASI or `process.binding`. It needs none:
//!   the host script comes with `-e`, and its two files are inherited
//!   descriptors.
//! * **Channels.** Answers come on fd 3 (a pipe only this process reads),
//!   the partial trace goes to fd 4 (an unlinked file); fd 1 is `/dev/null`
//!   and fd 2 feeds the stderr tail (V8's out-of-memory reports), so nothing
//!   a program could print is taken for an answer.
//! * **Lifetime.** node gets `PR_SET_PDEATHSIG(SIGKILL)`: it dies with the
//!   thread that spawned it (the runner thread that owns it, never a
//!   short-lived one: the process lives in that thread's thread-local), and
//!   it exits when its stdin closes.
//! * **Memory.** `--max-old-space-size` (from `Limits::memory_bytes`) bounds
//!   V8's heap; `RLIMIT_DATA` (what node mapped to start, plus twice that
//!   limit, plus [`DATA_HEADROOM`]) bounds everything else, ArrayBuffers
//!   included: past it an allocation fails
//!   with the realm's RangeError, or V8 dies out of memory, reported as
//!   `Status::OutOfMemory` (the process is restarted for the next program).
//! * **Output.** `Limits::max_events`, `max_label_bytes` and
//!   `max_trace_bytes` are enforced by the host exactly as
//!   [`crate::outcome::TraceBudget`] does; the run ends with
//!   `Status::OutputLimit` and the events before the refused one, and the
//!   process (which exits at once) is replaced.
//!
//! # Limits and reporting
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
//! * When `node` is not on `PATH` (or is older than 20), runs report
//!   `Status::Unsupported`.

use super::host::HOST_PRELUDE;
use crate::outcome::{Backend, Event, Limits, Outcome, ProgramInput, Status};
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::os::fd::AsRawFd;
use std::os::unix::fs::FileExt;
use std::os::unix::process::CommandExt;
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

/// What node's `RLIMIT_DATA` allows beyond what it had mapped when it said
/// hello plus twice its heap limit: V8's young generation and code, thread
/// stacks.
pub const DATA_HEADROOM: usize = 256 << 20;

/// The host's descriptors for its answers and its partial-trace file.
const ANSWERS_FD: i32 = 3;
const TRACE_FD: i32 = 4;

/// The oldest node whose realm isolation and permission model are known.
const MIN_MAJOR: u32 = 20;

/// `node --version` when a working `node` is on `PATH`: the text and
/// (major, minor).
fn node_version() -> Option<&'static (String, (u32, u32))> {
    static VERSION: OnceLock<Option<(String, (u32, u32))>> = OnceLock::new();
    VERSION
        .get_or_init(|| {
            let out = Command::new("node").arg("--version").stdin(Stdio::null()).output().ok()?;
            if !out.status.success() {
                return None;
            }
            let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
            let mut parts = text.trim_start_matches('v').split('.').map(|p| p.parse::<u32>().ok());
            let major = parts.next().flatten()?;
            let minor = parts.next().flatten().unwrap_or(0);
            Some((text, (major, minor)))
        })
        .as_ref()
}

/// Whether a working `node` new enough to be contained is on `PATH`.
pub fn node_available() -> bool {
    node_version().is_some_and(|(_, (major, _))| *major >= MIN_MAJOR)
}

/// The flag that turns node's permission model on: `--permission` since
/// node 22.13 (and 23.5), `--experimental-permission` before.
fn permission_flag((major, minor): (u32, u32)) -> &'static str {
    if major > 22 || (major == 22 && minor >= 13) {
        "--permission"
    } else {
        "--experimental-permission"
    }
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
            Some((v, _)) if node_available() => format!("node {v}"),
            Some((v, _)) => format!("node {v} (older than {MIN_MAJOR}: not used)"),
            None => "node (not found on PATH)".to_string(),
        }
    }

    fn run(&self, input: &ProgramInput, limits: &Limits) -> Outcome {
        if !node_available() {
            let why = match node_version() {
                Some((v, _)) => format!("node {v} is older than {MIN_MAJOR}"),
                None => "node is not available on PATH".to_string(),
            };
            return Outcome::failed(Status::Unsupported, vec![], why);
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
                    Ok(outcome) => {
                        // The host exits after an output limit.
                        if outcome.status == Status::OutputLimit {
                            *slot = None;
                        }
                        outcome
                    }
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
    /// The file the host writes every event of the current program to (its
    /// fd 4; unnamed: nothing is left behind, whatever happens).
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
                        (trace, " (a write to the trace file failed: later events are missing)".into())
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
                let status = if tail.contains("out of memory") || tail.contains("Allocation failed") {
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

/// Puts `fds[i]` at descriptor `targets[i]` in a child between fork and exec,
/// kept across exec (every source is copied above them first, so that one
/// move never clobbers another's source).
///
/// # Safety
/// Only async-signal-safe calls: for `pre_exec`.
unsafe fn move_fds<const N: usize>(fds: [i32; N], targets: [i32; N]) -> std::io::Result<()> {
    let mut copies = [0; N];
    for (copy, fd) in copies.iter_mut().zip(fds) {
        *copy = libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 10);
        if *copy < 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    for (copy, target) in copies.into_iter().zip(targets) {
        if libc::dup2(copy, target) < 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

impl NodeProcess {
    fn spawn(memory_mb: usize) -> std::io::Result<Self> {
        let (_, version) = node_version().expect("node_available was checked");
        let prelude = serde_json::to_string(HOST_PRELUDE).expect("string serializes");
        // "use strict" first, or the host's frames would not be censored in
        // the realm's stack-trace API (see node_host.js).
        let script = format!("\"use strict\";\nconst HOST_PRELUDE = {prelude};\n{NODE_HOST_JS}");
        // In memory when /dev/shm is there (it is only read after a timeout).
        let trace_file = tempfile::tempfile_in("/dev/shm").or_else(|_| tempfile::tempfile())?;
        let (answers, answers_writer) = std::io::pipe()?;
        let (answers_fd, trace_fd) = (answers_writer.as_raw_fd(), trace_file.as_raw_fd());
        let mut cmd = Command::new("node");
        cmd.arg(permission_flag(*version))
            // Lets the host answer import() with the realm's own error.
            .arg("--experimental-vm-modules")
            .arg("--no-warnings")
            .arg(format!("--max-old-space-size={memory_mb}"))
            .arg("--unhandled-rejections=none")
            .arg("-e")
            .arg(script)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        // SAFETY: only async-signal-safe syscalls between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                move_fds([answers_fd, trace_fd], [ANSWERS_FD, TRACE_FD])?;
                // Die with the thread that started us; never dump core.
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL, 0, 0, 0);
                let no_core = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
                libc::setrlimit(libc::RLIMIT_CORE, &no_core);
                Ok(())
            });
        }
        let mut child = cmd.spawn()?;
        // Only the child writes answers: its death is the end of the pipe.
        drop(answers_writer);
        let stdin = child.stdin.take().expect("piped");
        let mut stderr = child.stderr.take().expect("piped");
        let (tx, lines) = mpsc::channel();
        std::thread::Builder::new().name("tickdiff-node-out".into()).spawn(move || {
            for line in BufReader::new(answers).lines() {
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
        let mut process = NodeProcess { child, stdin, lines, stderr_tail, memory_mb, next_id: 1, trace_file };
        // Wait for the host to be ready (it has opened the trace file), so
        // its start-up is not charged to the first program's wall clock.
        match process.lines.recv_timeout(STARTUP) {
            Ok(line) if line.contains("\"hello\"") => {
                process.limit_data(memory_mb)?;
                Ok(process)
            }
            Ok(line) => Err(std::io::Error::other(format!("unexpected first line from node: {line:.200}"))),
            Err(e) => {
                let _ = process.died(String::new());
                Err(std::io::Error::other(format!("no hello ({e}): {}", process.stderr_tail().trim())))
            }
        }
    }

    /// Bounds node's data (private writable memory, ArrayBuffers included)
    /// to what it has mapped now, started, plus twice its heap limit plus
    /// [`DATA_HEADROOM`]. Set from outside after start-up, because what node
    /// maps to start differs by version (~50 MiB on node 20, ~550 MiB of
    /// reservations on node 26).
    fn limit_data(&self, memory_mb: usize) -> std::io::Result<()> {
        let pid = self.child.id();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
        let started_kib: u64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmData:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .ok_or_else(|| std::io::Error::other("no VmData in /proc status"))?;
        let limit = (started_kib << 10)
            .saturating_add(((memory_mb << 20) as u64).saturating_mul(2))
            .saturating_add(DATA_HEADROOM as u64);
        let rlimit = libc::rlimit { rlim_cur: limit as libc::rlim_t, rlim_max: limit as libc::rlim_t };
        // SAFETY: prlimit on our own child, with a valid struct.
        if unsafe { libc::prlimit(pid as libc::pid_t, libc::RLIMIT_DATA, &rlimit, std::ptr::null_mut()) } != 0
        {
            return Err(std::io::Error::last_os_error());
        }
        Ok(())
    }

    /// The events of program `id` the host wrote to the trace file (after the
    /// process was killed), and whether the host stopped writing them (on
    /// a failed write); a last line cut short is dropped.
    fn partial_trace(&self, id: u64) -> Result<(Vec<Event>, bool), String> {
        let len = self.trace_file.metadata().map_err(|e| e.to_string())?.len();
        let mut text = vec![0; usize::try_from(len).map_err(|e| e.to_string())?];
        self.trace_file.read_exact_at(&mut text, 0).map_err(|e| e.to_string())?;
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
            "maxEvents": limits.max_events,
            "maxLabelBytes": limits.max_label_bytes,
            "maxTraceBytes": limits.max_trace_bytes,
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
            Err(RecvTimeoutError::Disconnected) => return Err(self.died("its answer pipe closed".into())),
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
            "output-limit" => Status::OutputLimit,
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
