//! Engines outside the process: one design for every engine that runs as
//! its own executable (node, JavaScriptCore's `jsc`, SpiderMonkey's `js`,
//! XS, engine262 in node, ...).
//!
//! * **A long-lived worker per runner thread per engine** (a thread-local),
//!   fed one program at a time. It runs a host script ([`assemble`]): the
//!   shared host prelude ([`super::host::HOST_PRELUDE`]), the engine's
//!   *adapter* (`hosts/<engine>.js`: how that engine reads lines, writes
//!   lines, makes a realm, runs a script in it and drains its job queue) and
//!   the shared *core* (`hosts/core.js`: the event loop of DESIGN.md §1 with
//!   virtual time and the line protocol). Every engine runs the very same
//!   event loop and host functions; only the adapter differs.
//! * **A fresh realm per program**, made by the adapter; what a realm shares
//!   with other realms where an engine offers less is said in
//!   [`EngineSpec::shares`] and in `tickdiff engines`.
//! * **Requests in, answers out of reach**: requests are JSON lines on stdin;
//!   answers and events come on the engine's *answer channel* (stdout for
//!   the shells, fd 3 for node, whose stdout is `/dev/null`), which only the
//!   host's own functions write to: the adapter removes the shell's functions
//!   (`print`, `readline`, ...) from every program realm, and the host
//!   functions are made inside the realm around natives that take and
//!   return primitives only.
//! * **Events are streamed**: the core writes every event as it happens, so
//!   when the parent kills a program (the wall clock is enforced here, by
//!   the parent), its partial trace is what it had read.
//! * **Limits**: the wall clock (`Limits::wall` + [`KILL_MARGIN`], then a
//!   kill), the output caps (the core stops at them, answering
//!   `output-limit`; the parent checks every event against a
//!   [`TraceBudget`] too, and kills past it), memory (`RLIMIT_DATA`: what the
//!   engine had mapped when it said hello, plus twice `Limits::memory_bytes`,
//!   plus [`DATA_HEADROOM`]; engines with a heap flag get it too), no core
//!   dumps, death with the thread that started it (`PR_SET_PDEATHSIG`) and
//!   exit when its stdin closes.
//! * **Restart after a crash**: a worker that dies, hangs or stops at an
//!   output limit is replaced for the next program; a death is classified
//!   from its stderr and exit signal ([`super::isolated::classify_death`]).
//! * **Job indices** where the adapter can run jobs one by one
//!   ([`EngineSpec::counts_jobs`]); `None` elsewhere.

use super::host::HOST_PRELUDE;
use super::isolated::{append_only_tempfile, classify_death, last_lines};
use crate::outcome::{Backend, Event, Limits, Outcome, ProgramInput, Status, TraceBudget};
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::OsString;
use std::fs::File;
use std::io::Read;
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::fs::FileExt;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The part of every host script that all engines share.
pub const CORE_JS: &str = include_str!("hosts/core.js");

/// How long past the wall-clock limit the parent waits for an answer before
/// it kills the worker (the core itself stops between tasks at the limit).
pub const KILL_MARGIN: Duration = Duration::from_millis(50);

/// How long a new worker may take to say hello.
const STARTUP: Duration = Duration::from_secs(30);

/// What a worker's `RLIMIT_DATA` allows beyond what it had mapped when it
/// said hello plus twice its heap limit: JIT code, young generations,
/// thread stacks.
pub const DATA_HEADROOM: usize = 256 << 20;

/// How the core's answer begins when it could not set up a program's realm.
const SETUP_FAILED: &str = "host error: setting up the realm";

/// Bytes of a worker's stderr kept for classifying its death.
const STDERR_TAIL: u64 = 8192;

/// Where a worker writes its answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    /// Its stdout (the shells: `print`).
    Stdout,
    /// Its fd 3, a pipe; its stdout is `/dev/null`.
    Fd3,
}

/// How to give the worker its host script.
#[derive(Clone, Debug)]
pub enum ScriptArg {
    /// As a file path, the last argument.
    File,
    /// As the argument after this flag (`node -e SCRIPT`).
    Inline(&'static str),
}

/// How to start one engine's worker.
#[derive(Clone, Debug)]
pub struct Launch {
    pub program: PathBuf,
    /// Arguments before the host script.
    pub args: Vec<OsString>,
    pub script: ScriptArg,
    pub env: Vec<(OsString, OsString)>,
    pub channel: Channel,
}

/// One external engine.
pub struct EngineSpec {
    /// The backend's name on the command line.
    pub name: &'static str,
    /// What it is, for `tickdiff engines` and reports.
    pub engine: &'static str,
    /// Its adapter, `hosts/<engine>.js`.
    pub adapter: &'static str,
    /// How to start it with a heap of `memory_mb` MiB, or why it cannot be
    /// (not installed, too old): the reason becomes `Status::Unsupported`.
    pub launch: fn(memory_mb: usize) -> Result<Launch, String>,
    /// The exact engine version, when it is there.
    pub version: fn() -> Option<String>,
    /// Whether the adapter numbers jobs (events carry job indices).
    pub counts_jobs: bool,
    /// What a program's realm shares with other programs' realms or the host.
    pub shares: &'static str,
    /// Whether programs cost far more than in-process (see
    /// `Backend::out_of_process`); true for all but the fastest.
    pub costly: bool,
}

/// The host script for `spec`: strict from its first line, then the
/// prelude, the adapter and the core.
pub fn assemble(spec: &EngineSpec) -> String {
    let prelude = serde_json::to_string(HOST_PRELUDE).expect("string serializes");
    format!("\"use strict\";\nconst HOST_PRELUDE = {prelude};\n{}\n{CORE_JS}", spec.adapter)
}

/// The backend running the engine `spec` describes.
pub struct External {
    spec: &'static EngineSpec,
}

impl External {
    pub fn new(spec: &'static EngineSpec) -> Self {
        External { spec }
    }

    pub fn spec(&self) -> &'static EngineSpec {
        self.spec
    }
}

thread_local! {
    static WORKERS: RefCell<HashMap<&'static str, Worker>> = RefCell::new(HashMap::new());
}

impl Backend for External {
    fn name(&self) -> &str {
        self.spec.name
    }

    fn version(&self) -> String {
        match (self.spec.version)() {
            Some(v) => v,
            None => format!("{} (not installed)", self.spec.engine),
        }
    }

    fn run(&self, input: &ProgramInput, limits: &Limits) -> Outcome {
        let memory_mb = (limits.memory_bytes >> 20).max(16);
        let launch = match (self.spec.launch)(memory_mb) {
            Ok(l) => l,
            Err(why) => return Outcome::failed(Status::Unsupported, vec![], why),
        };
        super::catch_panic(|| {
            WORKERS.with(|cell| {
                let mut workers = cell.borrow_mut();
                let name = self.spec.name;
                // A worker with other limits, or that died between programs
                // (killed from outside), is replaced, not blamed on this one.
                if workers
                    .get_mut(name)
                    .is_some_and(|w| w.memory_mb != memory_mb || !matches!(w.child.try_wait(), Ok(None)))
                {
                    workers.remove(name);
                }
                if !workers.contains_key(name) {
                    match Worker::spawn(self.spec, &launch, memory_mb) {
                        Ok(w) => {
                            workers.insert(name, w);
                        }
                        Err(e) => {
                            return Outcome::failed(Status::Error, vec![], format!("starting {name}: {e}"))
                        }
                    }
                }
                let worker = workers.get_mut(name).expect("just spawned");
                let (outcome, keep) = worker.run(&input.source, limits);
                if !keep {
                    workers.remove(name);
                }
                if !outcome.detail.as_deref().is_some_and(|d| d.starts_with(SETUP_FAILED)) {
                    return outcome;
                }
                // The worker could not make a realm: the state an earlier
                // program left it in (SpiderMonkey after an out-of-memory),
                // not this program. It runs again on a fresh worker.
                workers.remove(name);
                match Worker::spawn(self.spec, &launch, memory_mb) {
                    Ok(mut w) => {
                        let (outcome, keep) = w.run(&input.source, limits);
                        if keep {
                            workers.insert(name, w);
                        }
                        outcome
                    }
                    Err(e) => Outcome::failed(Status::Error, vec![], format!("starting {name}: {e}")),
                }
            })
        })
    }

    fn out_of_process(&self) -> bool {
        self.spec.costly
    }
}

/// A running worker.
struct Worker {
    spec: &'static EngineSpec,
    child: Child,
    stdin: ChildStdin,
    /// The read end of the answer channel.
    answers: File,
    /// Bytes read from `answers` that do not yet end a line.
    pending: Vec<u8>,
    /// The worker's stderr, an unnamed append-only file emptied before each
    /// program.
    stderr: File,
    memory_mb: usize,
    next_id: u64,
}

/// One answer line, parsed.
enum Line {
    Event(Event),
    Answer(Answer),
    Hello,
}

#[derive(Deserialize)]
struct Answer {
    id: u64,
    status: String,
    detail: Option<String>,
}

enum ReadError {
    Timeout,
    Eof,
    Bad(String),
}

/// Puts `fd` at descriptor `target` in a child between fork and exec, kept
/// across exec (first copied above it, so the move never clobbers itself).
///
/// # Safety
/// Only async-signal-safe calls: for `pre_exec`.
unsafe fn move_fd(fd: i32, target: i32) -> std::io::Result<()> {
    let copy = libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 10);
    if copy < 0 || libc::dup2(copy, target) < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// The host script of `spec` as a file, written once per tickdiff process
/// into a private temporary directory that goes when the process ends.
fn script_file(spec: &'static EngineSpec) -> std::io::Result<PathBuf> {
    static DIR: OnceLock<Result<tempfile::TempDir, String>> = OnceLock::new();
    static WRITTEN: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let dir = DIR
        .get_or_init(|| {
            tempfile::Builder::new().prefix("tickdiff-hosts-").tempdir().map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| std::io::Error::other(e.clone()))?;
    let path = dir.path().join(format!("{}.js", spec.name));
    let mut written = WRITTEN.lock().unwrap_or_else(|e| e.into_inner());
    if !written.contains(&spec.name) {
        std::fs::write(&path, assemble(spec))?;
        written.push(spec.name);
    }
    Ok(path)
}

impl Worker {
    fn spawn(spec: &'static EngineSpec, launch: &Launch, memory_mb: usize) -> std::io::Result<Self> {
        let stderr = append_only_tempfile()?;
        let mut cmd = Command::new(&launch.program);
        cmd.args(&launch.args);
        match launch.script {
            ScriptArg::File => {
                cmd.arg(script_file(spec)?);
            }
            ScriptArg::Inline(flag) => {
                cmd.arg(flag).arg(assemble(spec));
            }
        }
        cmd.envs(launch.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::piped())
            .stderr(Stdio::from(stderr.try_clone()?));
        let pipe = match launch.channel {
            Channel::Stdout => {
                cmd.stdout(Stdio::piped());
                None
            }
            Channel::Fd3 => {
                cmd.stdout(Stdio::null());
                Some(std::io::pipe()?)
            }
        };
        let answers_fd = pipe.as_ref().map(|(_, writer)| writer.as_raw_fd());
        // SAFETY: only async-signal-safe syscalls between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                if let Some(fd) = answers_fd {
                    move_fd(fd, 3)?;
                }
                // Die with the thread that started us; never dump core.
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL, 0, 0, 0);
                let no_core = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
                libc::setrlimit(libc::RLIMIT_CORE, &no_core);
                Ok(())
            });
        }
        let mut child = cmd.spawn()?;
        let answers = match pipe {
            // Only the child writes answers (the writer is dropped here): its
            // death is the end of the pipe.
            Some((reader, _writer)) => File::from(OwnedFd::from(reader)),
            None => File::from(OwnedFd::from(child.stdout.take().expect("piped"))),
        };
        let stdin = child.stdin.take().expect("piped");
        let mut worker =
            Worker { spec, child, stdin, answers, pending: Vec::new(), stderr, memory_mb, next_id: 1 };
        match worker.read_line(Instant::now() + STARTUP) {
            Ok(Line::Hello) => {}
            Ok(_) => {
                worker.kill();
                return Err(std::io::Error::other("an answer before its hello"));
            }
            Err(e) => {
                let why = match e {
                    ReadError::Timeout => format!("no hello within {STARTUP:?}"),
                    ReadError::Eof => "exited at start".to_string(),
                    ReadError::Bad(why) => why,
                };
                let exit = worker.reap();
                return Err(std::io::Error::other(format!(
                    "{why} ({}): {}",
                    classify_death(exit, "").1,
                    last_lines(&worker.stderr_text(), 3)
                )));
            }
        }
        worker.limit_data(memory_mb)?;
        Ok(worker)
    }

    /// Bounds the worker's data (private writable memory) to what it has
    /// mapped now, started, plus twice its heap limit plus
    /// [`DATA_HEADROOM`]. Set from outside after start-up, because what an
    /// engine maps to start differs by engine and version.
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

    /// Runs one program: its outcome, and whether the worker can run the
    /// next one.
    fn run(&mut self, source: &str, limits: &Limits) -> (Outcome, bool) {
        let id = self.next_id;
        self.next_id += 1;
        let name = self.spec.name;
        if let Err(e) = self.stderr.set_len(0) {
            return (Outcome::failed(Status::Error, vec![], format!("emptying {name}'s stderr: {e}")), false);
        }
        let request = serde_json::json!({
            "id": id,
            "source": source,
            "wallMs": limits.wall.as_millis().max(1) as u64,
            "maxSteps": limits.max_steps,
            "maxEvents": limits.max_events,
            "maxLabelBytes": limits.max_label_bytes,
            "maxTraceBytes": limits.max_trace_bytes,
        });
        let mut line = request.to_string();
        line.push('\n');
        let mut trace = Vec::new();
        if let Err(e) = super::write_to_child(&mut self.stdin, line.as_bytes()) {
            return (self.died(trace, format!("writing the request: {e}")), false);
        }
        let deadline = Instant::now() + limits.wall.saturating_add(KILL_MARGIN);
        let mut budget = TraceBudget::new(limits);
        loop {
            match self.read_line(deadline) {
                Ok(Line::Event(event)) => {
                    if let Err(refused) = budget.admit(event.label.len()) {
                        self.kill();
                        return (Outcome::failed(Status::OutputLimit, trace, refused), false);
                    }
                    trace.push(event);
                }
                Ok(Line::Answer(a)) if a.id == id => {
                    let status = match a.status.as_str() {
                        "ok" => return (Outcome::ok(trace), true),
                        "timeout" => Status::Timeout,
                        "parse-error" => Status::ParseError,
                        "stack-overflow" => Status::StackOverflow,
                        "out-of-memory" => Status::OutOfMemory,
                        "output-limit" => Status::OutputLimit,
                        _ => Status::Error,
                    };
                    // The core exits after an output limit.
                    let keep = status != Status::OutputLimit;
                    return (Outcome::failed(status, trace, a.detail.unwrap_or_default()), keep);
                }
                Ok(Line::Answer(a)) => {
                    let why = format!("an answer for request {} instead of {id}", a.id);
                    return (self.died(trace, why), false);
                }
                Ok(Line::Hello) => return (self.died(trace, "a second hello".into()), false),
                Err(ReadError::Timeout) => {
                    self.kill();
                    let detail =
                        format!("wall-clock limit: no answer from {name} within {:?}; killed", limits.wall);
                    return (Outcome::failed(Status::Timeout, trace, detail), false);
                }
                Err(ReadError::Eof) => return (self.died(trace, "its answer channel closed".into()), false),
                Err(ReadError::Bad(why)) => return (self.died(trace, why), false),
            }
        }
    }

    /// The next line on the answer channel.
    fn read_line(&mut self, deadline: Instant) -> Result<Line, ReadError> {
        let mut buf = [0u8; 16 << 10];
        loop {
            if let Some(pos) = self.pending.iter().position(|&b| b == b'\n') {
                let rest = self.pending.split_off(pos + 1);
                let line = std::mem::replace(&mut self.pending, rest);
                return parse_line(&line[..pos]);
            }
            if !wait_readable(&self.answers, deadline) {
                return Err(ReadError::Timeout);
            }
            match self.answers.read(&mut buf) {
                Ok(0) => return Err(ReadError::Eof),
                Ok(n) => self.pending.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(ReadError::Bad(format!("reading its answers: {e}"))),
            }
        }
    }

    /// The outcome of a program whose worker stopped answering: classified
    /// from its exit and its stderr, with the events it had streamed.
    fn died(&mut self, trace: Vec<Event>, why: String) -> Outcome {
        let exit = self.reap();
        let tail = self.stderr_text();
        let (status, how) = classify_death(exit, &tail);
        let name = self.spec.name;
        Outcome::failed(status, trace, format!("{name} died ({how}; {why}): {}", last_lines(&tail, 3)))
    }

    fn stderr_text(&self) -> String {
        let len = self.stderr.metadata().map_or(0, |m| m.len());
        let from = len.saturating_sub(STDERR_TAIL);
        let mut buf = vec![0u8; (len - from) as usize];
        let n = self.stderr.read_at(&mut buf, from).unwrap_or(0);
        String::from_utf8_lossy(&buf[..n]).into_owned()
    }

    /// Waits briefly for a worker that stopped answering to exit (killing it
    /// if it does not), so its stderr is complete.
    fn reap(&mut self) -> Option<ExitStatus> {
        let deadline = Instant::now() + Duration::from_secs(2);
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => return Some(status),
                Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
                _ => {
                    self.kill();
                    return None;
                }
            }
        }
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.kill();
    }
}

fn parse_line(line: &[u8]) -> Result<Line, ReadError> {
    let bad = |e: &dyn std::fmt::Display| {
        ReadError::Bad(format!("unreadable line ({e}): {:.200}", String::from_utf8_lossy(line)))
    };
    let (&kind, body) = line.split_first().ok_or_else(|| bad(&"empty"))?;
    match kind {
        b'e' => {
            let (label, task, job): (String, u32, Option<u32>) = match serde_json::from_slice(body) {
                Ok((label, task)) => (label, task, None),
                Err(_) => {
                    let (label, task, job): (String, u32, u32) =
                        serde_json::from_slice(body).map_err(|e| bad(&e))?;
                    (label, task, Some(job))
                }
            };
            Ok(Line::Event(Event::new(label, task, job)))
        }
        b'a' => serde_json::from_slice(body).map(Line::Answer).map_err(|e| bad(&e)),
        b'h' => Ok(Line::Hello),
        _ => Err(bad(&"unknown kind")),
    }
}

/// Waits until `file` is readable (or closed): false at the deadline. Looks
/// at least once, however late it is called.
fn wait_readable(file: &File, deadline: Instant) -> bool {
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        // Rounded up: waking before the deadline would only loop.
        let ms = left.as_micros().div_ceil(1000).min(i32::MAX as u128) as i32;
        let mut pfd = libc::pollfd { fd: file.as_raw_fd(), events: libc::POLLIN, revents: 0 };
        // SAFETY: one valid pollfd for the call's duration.
        let r = unsafe { libc::poll(&mut pfd, 1, ms) };
        if r > 0 {
            return true;
        }
        if r < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
            continue;
        }
        if r < 0 || Instant::now() >= deadline {
            return false;
        }
    }
}
