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
//! * **Requests in, answers out of reach**: requests are JSON lines on stdin
//!   (for XS, netstrings on fd 3: [`Channel::Xsnap`]); answers and events
//!   come as lines on the engine's *answer channel* (stdout for the shells
//!   and XS, fd 3 for node, whose stdout is `/dev/null`), which only the
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
//!   exit when its requests end.
//! * **Restart after a crash**: a worker that dies, hangs or stops at an
//!   output limit is replaced for the next program; a death is classified
//!   from its stderr and exit signal ([`super::isolated::classify_death`]),
//!   and from xsnap-worker's exit codes. A worker that answers that it
//!   cannot run a program (it could not make a realm, or XS's `r`: an
//!   earlier program changed what every realm shares) is replaced, and the
//!   program runs again on the new one.
//! * **Job indices** where the adapter can run jobs one by one
//!   ([`EngineSpec::counts_jobs`]); `None` elsewhere.

use super::host::HOST_PRELUDE;
use super::isolated::{append_only_tempfile, classify_death, file_tail, last_lines};
use super::lowering::Lowering;
use super::Unavailable;
use crate::outcome::{Backend, Event, Limits, Outcome, ProgramInput, Status, TraceBudget};
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::OsString;
use std::fs::File;
use std::io::Read;
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
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

/// How long xsnap-worker may take, after a program's answer, to end the
/// command (its reply) when the program's own deadline is closer: what the
/// program left runs then (see `hosts/xs.js`).
const REPLY_GRACE: Duration = Duration::from_secs(1);

/// The largest reply netstring accepted from xsnap-worker (its replies are
/// a few hundred bytes of metering figures).
const MAX_REPLY: usize = 1 << 20;

/// How a worker gets its requests and gives its answers (the `h`, `e`,
/// `a` lines of `hosts/core.js`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    /// Requests as lines on its stdin; answers on its stdout (the shells:
    /// `readline`, `print`).
    Stdout,
    /// Requests as lines on its stdin; answers on its fd 3, a pipe; its
    /// stdout is `/dev/null` (node).
    Fd3,
    /// xsnap-worker's protocol (XS, `hosts/xs.js`): commands as netstrings
    /// (`LEN:BYTES,`) on its fd 3, first the host script (`e`, evaluate:
    /// [`ScriptArg::Command`]), then `?REQUEST` per program; one reply
    /// netstring per command on its fd 4 once XS's loop has run everything
    /// the command left (`.` done, `!` it threw); a new command only after
    /// the reply. Answers on its stdout, plus the host's `r`: the program
    /// did not run, send it to a new worker. Its stdin is `/dev/null`. Exit
    /// codes 11 and 12 are XS's aborts for memory and its stack
    /// (xsnap-worker.c's `E_NOT_ENOUGH_MEMORY`, `E_STACK_OVERFLOW`).
    Xsnap,
}

/// How to give the worker its host script.
#[derive(Clone, Debug)]
pub enum ScriptArg {
    /// As a file path, the last argument.
    File,
    /// As the argument after this flag (`node -e SCRIPT`).
    Inline(&'static str),
    /// As the first command of [`Channel::Xsnap`].
    Command,
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
    /// For a confined worker, what it may read (beside its host script):
    /// nothing else, and it writes no file ([`super::confine`]). `None`: the
    /// engine keeps programs from files itself.
    pub readable: Option<Vec<PathBuf>>,
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
    pub launch: fn(memory_mb: usize) -> Result<Launch, Unavailable>,
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
/// prelude, `extra` (a lowering's part, [`super::lowering::prepare`]; empty
/// otherwise), the adapter and the core.
pub fn assemble(spec: &EngineSpec, extra: &str) -> String {
    let prelude = serde_json::to_string(HOST_PRELUDE).expect("string serializes");
    format!("\"use strict\";\nconst HOST_PRELUDE = {prelude};\n{extra}{}\n{CORE_JS}", spec.adapter)
}

/// The backend running the engine `spec` describes, or a lowering on it.
pub struct External {
    spec: &'static EngineSpec,
    /// The backend's name: the engine's, or `engine+lowering`.
    name: &'static str,
    lowering: Option<&'static Lowering>,
}

impl External {
    pub fn new(spec: &'static EngineSpec) -> Self {
        External { spec, name: spec.name, lowering: None }
    }

    /// Lowering `lowering` on `spec`'s engine, called `name`
    /// (`v8+babel`).
    pub fn lowered(spec: &'static EngineSpec, name: &'static str, lowering: &'static Lowering) -> Self {
        External { spec, name, lowering: Some(lowering) }
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
        self.name
    }

    fn version(&self) -> String {
        let engine = match (self.spec.version)() {
            Some(v) => v,
            None => format!("{} (not installed)", self.spec.engine),
        };
        match self.lowering {
            Some(l) => format!("{engine} + {} ({})", super::lowering::tool_version(l), l.name),
            None => engine,
        }
    }

    fn run(&self, input: &ProgramInput, limits: &Limits) -> Outcome {
        self.on_worker(&input.source, limits, Request::Run)
    }

    fn out_of_process(&self) -> bool {
        self.spec.costly
    }
}

/// What a request asks of a worker.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Request {
    Run,
    /// A lowering backend's lowered text, not run (`"lowerOnly"` in
    /// `hosts/core.js`): the answer is an `ok` outcome whose detail is it.
    Lower,
}

impl External {
    /// `source` as this lowering backend runs it: the lowered text (from its
    /// worker's cache when the program ran on this thread), or the outcome
    /// that says why there is none (`unsupported`, `lowering-error`, the
    /// worker's failure). `None` for an engine's own backend.
    pub fn lowered_source(&self, source: &str, limits: &Limits) -> Option<Result<String, Outcome>> {
        self.lowering?;
        let outcome = self.on_worker(source, limits, Request::Lower);
        Some(match (outcome.status, outcome.detail) {
            (Status::Ok, Some(text)) => Ok(text),
            (status, detail) => Err(Outcome { status, trace: outcome.trace, detail }),
        })
    }

    /// Sends `source` to this thread's worker of this backend (started or
    /// restarted as needed).
    fn on_worker(&self, source: &str, limits: &Limits, request: Request) -> Outcome {
        let memory_mb = (limits.memory_bytes >> 20).max(16);
        let mut launch = match (self.spec.launch)(memory_mb) {
            Ok(l) => l,
            Err(why) => return Outcome::failed(Status::Unsupported, vec![], why.to_string()),
        };
        let extra = match self.lowering.map(|l| super::lowering::prepare(&mut launch, l)) {
            None => String::new(),
            Some(Ok(extra)) => extra,
            Some(Err(why)) => return Outcome::failed(Status::Unsupported, vec![], why.to_string()),
        };
        super::catch_panic(|| {
            WORKERS.with(|cell| {
                let mut workers = cell.borrow_mut();
                let name = self.name;
                // A worker with other limits, or that died between programs
                // (killed from outside), is replaced, not blamed on this one.
                if workers
                    .get_mut(name)
                    .is_some_and(|w| w.memory_mb != memory_mb || !matches!(w.child.try_wait(), Ok(None)))
                {
                    workers.remove(name);
                }
                if !workers.contains_key(name) {
                    match Worker::spawn(self.spec, &launch, &extra, memory_mb) {
                        Ok(w) => {
                            workers.insert(name, w);
                        }
                        Err(e) => {
                            return Outcome::failed(Status::Error, vec![], format!("starting {name}: {e}"))
                        }
                    }
                }
                let worker = workers.get_mut(name).expect("just spawned");
                match worker.run(source, limits, request) {
                    Run::Done(outcome, keep) => {
                        if !keep {
                            workers.remove(name);
                        }
                        return outcome;
                    }
                    Run::Again(_) => {}
                }
                // The worker cannot run the program (SpiderMonkey after an
                // out-of-memory cannot make a realm; XS after a program
                // changed an intrinsic every realm shares): the state an
                // earlier program left it in, not this program. It runs
                // again on a fresh worker.
                workers.remove(name);
                match Worker::spawn(self.spec, &launch, &extra, memory_mb) {
                    Ok(mut w) => match w.run(source, limits, request) {
                        Run::Done(outcome, keep) => {
                            if keep {
                                workers.insert(name, w);
                            }
                            outcome
                        }
                        Run::Again(outcome) => outcome,
                    },
                    Err(e) => Outcome::failed(Status::Error, vec![], format!("starting {name}: {e}")),
                }
            })
        })
    }
}

/// A running worker.
struct Worker {
    spec: &'static EngineSpec,
    channel: Channel,
    child: Child,
    /// Where requests go: its stdin, or xsnap-worker's fd 3.
    requests: File,
    /// The answer channel.
    answers: Inbox,
    /// xsnap-worker's replies (its fd 4).
    replies: Option<Inbox>,
    /// The worker's stderr, an unnamed append-only file emptied before each
    /// program.
    stderr: File,
    memory_mb: usize,
    next_id: u64,
}

/// What became of a program sent to a worker.
enum Run {
    /// It ran: its outcome, and whether the worker can run the next one.
    Done(Outcome, bool),
    /// The worker cannot run it (the state an earlier program left it in):
    /// what to report if a new worker cannot either.
    Again(Outcome),
}

/// The read end of a pipe from a worker, read with deadlines.
struct Inbox {
    file: File,
    /// Bytes read that do not yet make a line (or netstring).
    pending: Vec<u8>,
}

/// One answer line, parsed.
enum Line {
    Event(Event),
    Answer(Answer),
    Hello,
    /// `r`: the program did not run; a new worker must run it.
    NotRun,
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

/// Puts each `(fd, target)`'s `fd` at descriptor `target` in a child
/// between fork and exec, kept across exec (all first copied above 10, so
/// that no move clobbers a descriptor still to be moved).
///
/// # Safety
/// Every `fd` must be open, and the process must be a child between fork and
/// exec (`pre_exec`): the function makes only async-signal-safe syscalls and
/// allocates nothing, and the moves overwrite whatever `target` held.
unsafe fn move_fds(moves: &[(i32, i32)]) -> std::io::Result<()> {
    let mut copies = [-1; 2];
    if moves.len() > copies.len() {
        return Err(std::io::Error::from_raw_os_error(libc::EINVAL));
    }
    for (copy, &(fd, _)) in copies.iter_mut().zip(moves) {
        *copy = libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 10);
        if *copy < 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    for (&copy, &(_, target)) in copies.iter().zip(moves) {
        if libc::dup2(copy, target) < 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

/// `body` as a netstring (xsnap-worker's framing): `LEN:BYTES,`.
fn netstring(body: &[&[u8]]) -> Vec<u8> {
    let len: usize = body.iter().map(|b| b.len()).sum();
    let mut out = format!("{len}:").into_bytes();
    out.reserve(len + 1);
    for b in body {
        out.extend_from_slice(b);
    }
    out.push(b',');
    out
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
        std::fs::write(&path, assemble(spec, ""))?;
        written.push(spec.name);
    }
    Ok(path)
}

impl Worker {
    fn spawn(
        spec: &'static EngineSpec,
        launch: &Launch,
        extra: &str,
        memory_mb: usize,
    ) -> std::io::Result<Self> {
        let in_band = matches!(launch.script, ScriptArg::Command);
        if in_band != (launch.channel == Channel::Xsnap) {
            return Err(std::io::Error::other(
                "the host script is a command of the xsnap channel, and only there",
            ));
        }
        let stderr = append_only_tempfile()?;
        let mut cmd = Command::new(&launch.program);
        cmd.args(&launch.args);
        let mut script_path = None;
        match launch.script {
            ScriptArg::File => {
                let script = script_file(spec)?;
                cmd.arg(&script);
                script_path = Some(script);
            }
            ScriptArg::Inline(flag) => {
                cmd.arg(flag).arg(assemble(spec, extra));
            }
            ScriptArg::Command => {}
        }
        cmd.envs(launch.env.iter().map(|(k, v)| (k, v))).stderr(Stdio::from(stderr.try_clone()?));
        // The pipes other than stdin and stdout, and where the child has
        // its end. Only the child writes answers and replies (the parent's
        // copies of the write ends go once it is started): its death is
        // their end.
        let mut answer_pipe = None;
        let mut xsnap_pipes = None;
        let mut moves = Vec::new();
        match launch.channel {
            Channel::Stdout => {
                cmd.stdin(Stdio::piped()).stdout(Stdio::piped());
            }
            Channel::Fd3 => {
                cmd.stdin(Stdio::piped()).stdout(Stdio::null());
                let (reader, writer) = std::io::pipe()?;
                moves.push((writer.as_raw_fd(), 3));
                answer_pipe = Some((reader, writer));
            }
            Channel::Xsnap => {
                cmd.stdin(Stdio::null()).stdout(Stdio::piped());
                let commands = std::io::pipe()?;
                let replies = std::io::pipe()?;
                moves.push((commands.0.as_raw_fd(), 3));
                moves.push((replies.1.as_raw_fd(), 4));
                xsnap_pipes = Some((commands, replies));
            }
        }
        // A confined worker's ruleset, built here: the child only applies it.
        let ruleset = match &launch.readable {
            None => None,
            Some(files) => {
                let mut files = files.clone();
                files.extend(script_path.iter().cloned());
                Some(super::confine::Ruleset::new(&files)?)
            }
        };
        let ruleset_fd = ruleset.as_ref().map(|r| r.fd());
        // SAFETY: only async-signal-safe syscalls between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                move_fds(&moves)?;
                // Die with the thread that started us; never dump core.
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL, 0, 0, 0);
                let no_core = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
                libc::setrlimit(libc::RLIMIT_CORE, &no_core);
                if let Some(fd) = ruleset_fd {
                    super::confine::Ruleset::restrict(fd)?;
                }
                Ok(())
            });
        }
        let mut child = cmd.spawn()?;
        drop(ruleset);
        let stdout = child.stdout.take().map(|out| Inbox::new(File::from(OwnedFd::from(out))));
        let (requests, answers, replies) = match (answer_pipe, xsnap_pipes) {
            (Some((reader, _writer)), _) => {
                let stdin = child.stdin.take().expect("piped");
                (File::from(OwnedFd::from(stdin)), Inbox::new(File::from(OwnedFd::from(reader))), None)
            }
            (None, Some(((_reader, writer), (reader, _writer)))) => (
                File::from(OwnedFd::from(writer)),
                stdout.expect("piped"),
                Some(Inbox::new(File::from(OwnedFd::from(reader)))),
            ),
            (None, None) => {
                let stdin = child.stdin.take().expect("piped");
                (File::from(OwnedFd::from(stdin)), stdout.expect("piped"), None)
            }
        };
        let channel = launch.channel;
        let mut worker =
            Worker { spec, channel, child, requests, answers, replies, stderr, memory_mb, next_id: 1 };
        let deadline = Instant::now() + STARTUP;
        if in_band {
            let script = netstring(&[b"e", assemble(spec, extra).as_bytes()]);
            if let Err(e) = super::write_to_child(&mut worker.requests, &script) {
                return Err(worker.failed_start(format!("writing the host script: {e}")));
            }
        }
        match worker.answers.line(deadline).and_then(|l| parse_line(&l)) {
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
                return Err(worker.failed_start(why));
            }
        }
        if let Some(replies) = &mut worker.replies {
            match replies.netstring(deadline) {
                Ok(reply) if reply.first() == Some(&b'.') => {}
                Ok(reply) => {
                    let why = format!("the host script failed: {:.300}", String::from_utf8_lossy(&reply));
                    return Err(worker.failed_start(why));
                }
                Err(ReadError::Timeout) => {
                    return Err(worker.failed_start(format!("no reply to the host script within {STARTUP:?}")))
                }
                Err(ReadError::Eof) => return Err(worker.failed_start("exited at start".into())),
                Err(ReadError::Bad(why)) => return Err(worker.failed_start(why)),
            }
        }
        worker.limit_data(memory_mb)?;
        Ok(worker)
    }

    /// Why a worker did not start, with how it ended and its last words.
    fn failed_start(&mut self, why: String) -> std::io::Error {
        let exit = self.reap();
        let tail = self.stderr_text();
        std::io::Error::other(format!("{why} ({}): {}", self.classify(exit, &tail).1, last_lines(&tail, 3)))
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

    /// Runs one program (or, for [`Request::Lower`], only lowers it).
    fn run(&mut self, source: &str, limits: &Limits, mode: Request) -> Run {
        let id = self.next_id;
        self.next_id += 1;
        let name = self.spec.name;
        if let Err(e) = self.stderr.set_len(0) {
            return Run::Done(
                Outcome::failed(Status::Error, vec![], format!("emptying {name}'s stderr: {e}")),
                false,
            );
        }
        let mut request = serde_json::json!({
            "id": id,
            "source": source,
            "wallMs": limits.wall.as_millis().max(1) as u64,
            "maxSteps": limits.max_steps,
            "maxEvents": limits.max_events,
            "maxLabelBytes": limits.max_label_bytes,
            "maxTraceBytes": limits.max_trace_bytes,
        });
        if mode == Request::Lower {
            request["lowerOnly"] = true.into();
        }
        let request = request.to_string();
        let framed = match self.channel {
            Channel::Stdout | Channel::Fd3 => {
                let mut line = request.into_bytes();
                line.push(b'\n');
                line
            }
            Channel::Xsnap => netstring(&[b"?", request.as_bytes()]),
        };
        let mut trace = Vec::new();
        if let Err(e) = super::write_to_child(&mut self.requests, &framed) {
            return Run::Done(self.died(trace, format!("writing the request: {e}")), false);
        }
        let deadline = Instant::now() + limits.wall.saturating_add(KILL_MARGIN);
        let mut budget = TraceBudget::new(limits);
        loop {
            match self.answers.line(deadline).and_then(|l| parse_line(&l)) {
                Ok(Line::Event(event)) => {
                    if let Err(refused) = budget.admit(event.label.len()) {
                        self.kill();
                        return Run::Done(Outcome::failed(Status::OutputLimit, trace, refused), false);
                    }
                    trace.push(event);
                }
                Ok(Line::Answer(a)) if a.id == id && mode == Request::Lower && a.status == "lowered" => {
                    let detail = a.detail.unwrap_or_default();
                    return Run::Done(Outcome { status: Status::Ok, trace, detail: Some(detail) }, true);
                }
                Ok(Line::Answer(a)) if a.id == id => {
                    let status = match a.status.as_str() {
                        "ok" => Status::Ok,
                        "timeout" => Status::Timeout,
                        "unsupported" => Status::Unsupported,
                        "parse-error" => Status::ParseError,
                        "stack-overflow" => Status::StackOverflow,
                        "out-of-memory" => Status::OutOfMemory,
                        "output-limit" => Status::OutputLimit,
                        "lowering-error" => Status::LoweringError,
                        _ => Status::Error,
                    };
                    let detail = a.detail.unwrap_or_default();
                    if status == Status::Error && detail.starts_with(SETUP_FAILED) {
                        return Run::Again(Outcome::failed(status, trace, detail));
                    }
                    // The core exits after an output limit.
                    let keep = status != Status::OutputLimit && self.settle(deadline);
                    let outcome = if status == Status::Ok {
                        Outcome::ok(trace)
                    } else {
                        Outcome::failed(status, trace, detail)
                    };
                    return Run::Done(outcome, keep);
                }
                Ok(Line::Answer(a)) => {
                    let why = format!("an answer for request {} instead of {id}", a.id);
                    return Run::Done(self.died(trace, why), false);
                }
                Ok(Line::NotRun) => {
                    // Only after an earlier program: never on a fresh worker.
                    let why = "it says an earlier program changed what every realm shares";
                    return Run::Again(Outcome::failed(
                        Status::Error,
                        trace,
                        format!("{name} did not run it: {why}"),
                    ));
                }
                Ok(Line::Hello) => return Run::Done(self.died(trace, "a second hello".into()), false),
                Err(ReadError::Timeout) => {
                    self.kill();
                    let detail =
                        format!("wall-clock limit: no answer from {name} within {:?}; killed", limits.wall);
                    return Run::Done(Outcome::failed(Status::Timeout, trace, detail), false);
                }
                Err(ReadError::Eof) => {
                    return Run::Done(self.died(trace, "its answer channel closed".into()), false)
                }
                Err(ReadError::Bad(why)) => return Run::Done(self.died(trace, why), false),
            }
        }
    }

    /// Whether the worker that answered a program can run the next one:
    /// xsnap-worker once it has replied to the command (XS's loop has run
    /// what the program left: jobs, the host's next steps), by the
    /// program's deadline or [`REPLY_GRACE`] after its answer, whichever is
    /// later; the others at once.
    fn settle(&mut self, deadline: Instant) -> bool {
        let Some(replies) = &mut self.replies else { return true };
        let deadline = deadline.max(Instant::now() + REPLY_GRACE);
        matches!(replies.netstring(deadline), Ok(reply) if reply.first() == Some(&b'.'))
    }

    /// The outcome of a program whose worker stopped answering: classified
    /// from its exit and its stderr, with the events it had streamed.
    fn died(&mut self, trace: Vec<Event>, why: String) -> Outcome {
        let exit = self.reap();
        let tail = self.stderr_text();
        let (status, how) = self.classify(exit, &tail);
        let name = self.spec.name;
        Outcome::failed(status, trace, format!("{name} died ({how}; {why}): {}", last_lines(&tail, 3)))
    }

    /// What a worker's end means ([`classify_death`], and xsnap-worker's
    /// exit codes), and how it ended.
    fn classify(&self, exit: Option<ExitStatus>, stderr_tail: &str) -> (Status, String) {
        let (status, how) = classify_death(exit, stderr_tail);
        match (self.channel, exit.and_then(|e| e.code())) {
            (Channel::Xsnap, Some(11)) => (Status::OutOfMemory, format!("{how}: XS is out of memory")),
            (Channel::Xsnap, Some(12)) => (Status::StackOverflow, format!("{how}: XS's stack overflowed")),
            _ => (status, how),
        }
    }

    fn stderr_text(&self) -> String {
        file_tail(&self.stderr, 0, STDERR_TAIL)
    }

    /// Waits briefly for a worker that stopped answering to exit (killing it
    /// if it does not), so its stderr is complete.
    fn reap(&mut self) -> Option<ExitStatus> {
        super::reap(&mut self.child)
    }

    fn kill(&mut self) {
        super::kill(&mut self.child);
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.kill();
    }
}

impl Inbox {
    fn new(file: File) -> Self {
        Inbox { file, pending: Vec::new() }
    }

    /// Adds what the pipe holds to `pending`, waiting for it until the
    /// deadline.
    fn fill(&mut self, deadline: Instant) -> Result<(), ReadError> {
        let mut buf = [0u8; 16 << 10];
        loop {
            if !wait_readable(&self.file, deadline) {
                return Err(ReadError::Timeout);
            }
            match self.file.read(&mut buf) {
                Ok(0) => return Err(ReadError::Eof),
                Ok(n) => {
                    self.pending.extend_from_slice(&buf[..n]);
                    return Ok(());
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(ReadError::Bad(format!("reading from it: {e}"))),
            }
        }
    }

    /// The next line, without its `\n`.
    fn line(&mut self, deadline: Instant) -> Result<Vec<u8>, ReadError> {
        let mut searched = 0;
        loop {
            if let Some(pos) = self.pending[searched..].iter().position(|&b| b == b'\n') {
                let rest = self.pending.split_off(searched + pos + 1);
                let mut line = std::mem::replace(&mut self.pending, rest);
                line.truncate(searched + pos);
                return Ok(line);
            }
            searched = self.pending.len();
            self.fill(deadline)?;
        }
    }

    /// The body of the next netstring (`LEN:BODY,`), at most [`MAX_REPLY`]
    /// bytes.
    fn netstring(&mut self, deadline: Instant) -> Result<Vec<u8>, ReadError> {
        let bad = |why: &str| ReadError::Bad(format!("a bad reply netstring: {why}"));
        loop {
            if let Some(colon) = self.pending.iter().position(|&b| b == b':') {
                let len: usize = std::str::from_utf8(&self.pending[..colon])
                    .ok()
                    .filter(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
                    .and_then(|digits| digits.parse().ok())
                    .ok_or_else(|| bad("no length"))?;
                if len > MAX_REPLY {
                    return Err(bad(&format!("{len} bytes")));
                }
                let end = colon + 1 + len;
                if self.pending.len() > end {
                    if self.pending[end] != b',' {
                        return Err(bad("no comma"));
                    }
                    let rest = self.pending.split_off(end + 1);
                    let mut body = std::mem::replace(&mut self.pending, rest);
                    body.truncate(end);
                    body.drain(..colon + 1);
                    return Ok(body);
                }
            } else if self.pending.len() > 20 {
                return Err(bad("no length"));
            }
            self.fill(deadline)?;
        }
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
        b'r' if body.is_empty() => Ok(Line::NotRun),
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
