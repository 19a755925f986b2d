//! Running an in-process backend out of process: [`Isolated`] wraps an
//! embedded engine (Boa) so that whatever the engine does to its process
//! (exhausting memory, overflowing a native stack in a built-in that does not
//! check its depth, aborting) ends as a status of that one program, never as
//! a crashed or swapping `tickdiff`.
//!
//! * One long-lived worker process per calling thread and engine (a
//!   thread-local, like the node processes of [`super::node`]). The worker is
//!   the `tickdiff` binary itself started as `tickdiff engine-worker <engine>`
//!   ([`worker_main`]); it reads one JSON request per line on stdin (the
//!   source and the [`Limits`]), runs the in-process backend (with all of its
//!   own limits: deadline, loop-iteration and recursion limits) on a
//!   long-lived serving thread with a known stack, and writes one JSON
//!   [`Outcome`] per line on stdout.
//! * Memory: before each program the worker sets its `RLIMIT_DATA` to
//!   `Limits::memory_bytes` + the thread stacks in use + [`RUNTIME_HEADROOM`]
//!   (thread stacks are private writable mappings and count: the worker's
//!   serving thread, plus a fresh engine thread when a program asks for a
//!   bigger stack than the serving thread has, see [`worker_main`]).
//!   An allocation beyond it fails, and Rust aborts the worker after printing
//!   `memory allocation of N bytes failed`.
//! * A worker that dies is classified on its stderr tail and exit signal
//!   ([`classify_death`]): `has overflowed its stack` or `SIGSEGV`/`SIGBUS`
//!   → `Status::StackOverflow`; `memory allocation of`, `out of memory` or
//!   `SIGKILL` (the kernel's OOM killer) → `Status::OutOfMemory`; a panic
//!   message → `Status::Panic`; anything else → `Status::Error`. The detail
//!   quotes the end of the worker's stderr. The next program starts a new
//!   worker.
//! * A worker that does not answer within `Limits::wall` + [`GRACE`] is
//!   killed (`Status::Timeout`) and restarted on next use.
//! * Workers never dump core (`RLIMIT_CORE` 0, not dumpable) and die with the
//!   thread that started them (`PR_SET_PDEATHSIG`), or when their stdin closes.
//!
//! The worker executable is [`worker_exe`]: `$TICKDIFF_BIN`, else the running
//! executable if it is `tickdiff`, else a `tickdiff` next to it or one
//! directory up (integration tests run from `target/*/deps/`). When there is
//! none, the wrapped backend runs in-process, after a one-time warning.
//!
//! * Runs of programs ([`Backend::run_batch`], which the runner uses) are
//!   pipelined: the next request waits on the worker's stdin while it runs
//!   one, so the worker does not sleep between programs (see
//!   `Worker::run_pipelined`). Each program keeps its own memory limit,
//!   deadline and classification; a worker that dies or hangs costs only
//!   the program it was running, and the rest of the run goes to a new one.
//!
//! Cost: on this project's 2-core VM, ~100 µs per program on top of the
//! engine's own in a run (~35 µs of it the worker's write waking the
//! parent; the engine itself runs ~10% slower in the worker than in
//! process), ~170 µs for a lone `run`; see `tickdiff bench engines`.

use super::{boa, catch_panic, quickjs};
use crate::outcome::{Backend, Limits, Outcome, ProgramInput, Status};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{BufRead, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::{Once, OnceLock};
use std::time::{Duration, Instant};

/// How long past the wall-clock limit the parent waits for an answer before
/// it kills the worker.
pub const GRACE: Duration = Duration::from_secs(3);

/// Memory the worker may use beyond the program's heap and the engine
/// thread's stack: the binary's data, the allocator's bookkeeping, the
/// request and the response (an idle worker has < 1 MiB of data).
pub const RUNTIME_HEADROOM: usize = 32 << 20;

/// How long a new worker may take to say hello.
const STARTUP: Duration = Duration::from_secs(20);

/// Bump when the request or response format changes.
const PROTOCOL: u32 = 1;

/// The longest request line queued behind a running program: two fit in
/// a pipe's 64 KiB, so writing the second never blocks.
const PIPELINED_LINE: usize = 24 << 10;

/// Bytes of the worker's stderr kept for classifying its death.
const STDERR_TAIL: usize = 8192;

/// The wrapped in-process backend called `engine`: what a worker runs.
/// Only in-process backends are listed (a worker must not start workers).
pub fn in_process_backend(engine: &str) -> Option<Box<dyn Backend>> {
    match engine {
        "boa-inproc" => Some(Box::new(boa::Boa::new())),
        "quickjs" => Some(Box::new(quickjs::QuickJs::new())),
        _ => None,
    }
}

/// An in-process backend run in worker processes.
pub struct Isolated {
    name: &'static str,
    engine: &'static str,
    inner: Box<dyn Backend>,
}

impl Isolated {
    /// The backend `name` running the in-process backend `engine` (a name
    /// accepted by [`in_process_backend`]) in worker processes.
    pub fn new(name: &'static str, engine: &'static str) -> Option<Self> {
        Some(Isolated { name, engine, inner: in_process_backend(engine)? })
    }

    /// `boa`: Boa (`boa-inproc`) out of process.
    pub fn boa() -> Self {
        Isolated::new("boa", "boa-inproc").expect("boa-inproc is an in-process backend")
    }
}

impl Backend for Isolated {
    fn name(&self) -> &str {
        self.name
    }

    fn version(&self) -> String {
        self.inner.version()
    }

    fn run(&self, input: &ProgramInput, limits: &Limits) -> Outcome {
        self.run_batch(&[input], limits).pop().expect("one outcome per input")
    }

    fn run_batch(&self, inputs: &[&ProgramInput], limits: &Limits) -> Vec<Outcome> {
        let Some(exe) = worker_exe() else {
            static WARN: Once = Once::new();
            WARN.call_once(|| {
                eprintln!(
                    "warning: no tickdiff executable found for engine workers (set TICKDIFF_BIN); \
                     running {} in-process, without a memory limit",
                    self.name
                )
            });
            return self.inner.run_batch(inputs, limits);
        };
        let mut outcomes = Vec::with_capacity(inputs.len());
        while outcomes.len() < inputs.len() {
            let rest = &inputs[outcomes.len()..];
            WORKERS.with(|cell| {
                let mut workers = cell.borrow_mut();
                // A worker that died between programs (killed from outside)
                // is replaced, not blamed on this program.
                if workers.get_mut(self.engine).is_some_and(|w| !matches!(w.child.try_wait(), Ok(None))) {
                    workers.remove(self.engine);
                }
                if !workers.contains_key(self.engine) {
                    match Worker::spawn(exe, self.engine) {
                        Ok(w) => {
                            workers.insert(self.engine, w);
                        }
                        Err(e) => {
                            outcomes.push(Outcome::failed(
                                Status::Error,
                                vec![],
                                format!("starting the {} worker ({}): {e}", self.engine, exe.display()),
                            ));
                            return;
                        }
                    }
                }
                let worker = workers.get_mut(self.engine).expect("just inserted");
                let failure = worker.run_pipelined(rest, limits, &mut outcomes);
                if let Some(failure) = failure {
                    // The program after the answered ones ended the worker.
                    let worker = workers.remove(self.engine).expect("present");
                    outcomes.push(failure.into_outcome(worker, self.name));
                }
            })
        }
        outcomes
    }

    fn prefers_batches(&self) -> bool {
        true
    }
}

thread_local! {
    static WORKERS: RefCell<HashMap<&'static str, Worker>> = RefCell::new(HashMap::new());
}

/// The executable to start workers from, if any (resolved once).
pub fn worker_exe() -> Option<&'static Path> {
    static EXE: OnceLock<Option<PathBuf>> = OnceLock::new();
    EXE.get_or_init(|| {
        if let Some(p) = std::env::var_os("TICKDIFF_BIN") {
            return Some(PathBuf::from(p));
        }
        let exe = std::env::current_exe().ok()?;
        let file = format!("tickdiff{}", std::env::consts::EXE_SUFFIX);
        if exe.file_name().is_some_and(|n| n == file.as_str()) {
            return Some(exe);
        }
        exe.ancestors().skip(1).take(2).map(|dir| dir.join(&file)).find(|p| p.is_file())
    })
    .as_deref()
}

// ---------------------------------------------------------------- protocol

#[derive(Serialize, Deserialize)]
struct Request<'a> {
    id: u64,
    #[serde(borrow)]
    source: Cow<'a, str>,
    wall: Duration,
    max_steps: u64,
    memory_bytes: usize,
    thread_stack_bytes: usize,
}

#[derive(Serialize, Deserialize)]
struct Response {
    id: u64,
    outcome: Outcome,
}

#[derive(Serialize, Deserialize)]
struct Hello {
    protocol: u32,
    engine: String,
}

// ---------------------------------------------------------------- worker side

/// `tickdiff engine-worker <engine>`: serve requests on stdin until it
/// closes. Returns the process exit code.
///
/// Programs run on a serving thread with the default `Limits::thread_stack_bytes`
/// of stack, declared to the engines ([`super::note_thread_stack`]), so they
/// run in place instead of on a fresh thread each (a request asking for a
/// bigger stack still gets a fresh thread). After a program that ended in
/// `Status::Panic` the serving thread is replaced, so no engine state a panic
/// may have left behind serves another program.
pub fn worker_main(engine: &str) -> i32 {
    let Some(backend) = in_process_backend(engine) else {
        eprintln!("engine-worker: unknown in-process engine '{engine}'");
        return 2;
    };
    // SAFETY: plain syscall; only stops core dumps of this process.
    unsafe {
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
    let hello = Hello { protocol: PROTOCOL, engine: engine.to_string() };
    if write_line(&mut std::io::stdout().lock(), &hello).is_err() {
        return 1;
    }
    let stack = Limits::default().thread_stack_bytes;
    loop {
        let served = std::thread::scope(|scope| {
            let serving = std::thread::Builder::new()
                .name("tickdiff-engine".into())
                .stack_size(stack)
                .spawn_scoped(scope, || {
                    super::note_thread_stack(stack);
                    serve(&*backend)
                });
            match serving {
                Ok(handle) => handle.join().unwrap_or(Served::Exit(1)),
                Err(e) => {
                    eprintln!("engine-worker: spawning the serving thread: {e}");
                    Served::Exit(1)
                }
            }
        });
        match served {
            Served::Exit(code) => return code,
            Served::Replace => continue,
        }
    }
}

/// Why [`serve`] returned.
enum Served {
    /// Exit the worker with this code (0: stdin closed).
    Exit(i32),
    /// A program panicked: serve the next ones on a new thread.
    Replace,
}

/// Serves requests on the current thread.
fn serve(backend: &dyn Backend) -> Served {
    let stdin = std::io::stdin().lock();
    let mut stdout = std::io::stdout().lock();
    for line in stdin.lines() {
        let Ok(line) = line else { return Served::Exit(1) };
        let request: Request = match serde_json::from_str(&line) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("engine-worker: bad request: {e}");
                return Served::Exit(2);
            }
        };
        let limits = Limits {
            wall: request.wall,
            max_steps: request.max_steps,
            memory_bytes: request.memory_bytes,
            thread_stack_bytes: request.thread_stack_bytes,
        };
        // Thread stacks are private writable mappings and count: this
        // thread's, plus a fresh engine thread's when the program needs more.
        let mut stacks = super::thread_stack();
        if !super::runs_in_place(&limits) {
            stacks = stacks.saturating_add(limits.thread_stack_bytes);
        }
        set_memory_limit(limits.memory_bytes.saturating_add(stacks).saturating_add(RUNTIME_HEADROOM));
        let input = ProgramInput { source: request.source.into_owned(), model: None };
        let outcome = catch_panic(|| backend.run(&input, &limits));
        let panicked = outcome.status == Status::Panic;
        if write_line(&mut stdout, &Response { id: request.id, outcome }).is_err() {
            return Served::Exit(1);
        }
        if panicked {
            return Served::Replace;
        }
    }
    Served::Exit(0)
}

fn write_line<T: Serialize>(out: &mut impl Write, value: &T) -> std::io::Result<()> {
    let mut line = serde_json::to_vec(value).map_err(std::io::Error::other)?;
    line.push(b'\n');
    out.write_all(&line)?;
    out.flush()
}

/// Sets the soft `RLIMIT_DATA` (private writable memory: heap, anonymous
/// mappings, thread stacks) of this process to `bytes`, within the hard limit.
fn set_memory_limit(bytes: usize) {
    // SAFETY: plain syscalls on a local struct.
    unsafe {
        let mut lim: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_DATA, &mut lim) != 0 {
            return;
        }
        let want = bytes as libc::rlim_t;
        lim.rlim_cur = if lim.rlim_max == libc::RLIM_INFINITY { want } else { want.min(lim.rlim_max) };
        libc::setrlimit(libc::RLIMIT_DATA, &lim);
    }
}

// ---------------------------------------------------------------- parent side

/// A running worker process.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    stdout: ChildStdout,
    stderr: Option<ChildStderr>,
    /// Bytes read from stdout and not yet returned as a line.
    pending: Vec<u8>,
    stderr_tail: Vec<u8>,
    next_id: u64,
}

/// Why a request got no answer.
enum Failure {
    Hung(Duration),
    Died(String),
}

enum ReadError {
    Timeout,
    Eof,
    Io(std::io::Error),
}

impl Worker {
    fn spawn(exe: &Path, engine: &str) -> std::io::Result<Self> {
        let mut cmd = Command::new(exe);
        cmd.arg("engine-worker")
            .arg(engine)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // A panic caught in the worker must not symbolize a backtrace
            // (seconds, and memory it may not have): only its message is kept.
            .env("RUST_BACKTRACE", "0")
            .env("RUST_LIB_BACKTRACE", "0")
            // mimalloc commits its arenas up front where the kernel
            // overcommits; committed on demand instead, every page it takes
            // is checked against the worker's RLIMIT_DATA.
            .env("MIMALLOC_ARENA_EAGER_COMMIT", "0");
        // SAFETY: only async-signal-safe syscalls between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                // Die with the thread that started us; never dump core.
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL, 0, 0, 0);
                let no_core = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
                libc::setrlimit(libc::RLIMIT_CORE, &no_core);
                Ok(())
            });
        }
        let mut child = cmd.spawn()?;
        let stdin = child.stdin.take().expect("piped");
        let stdout = child.stdout.take().expect("piped");
        let stderr = child.stderr.take();
        let mut worker =
            Worker { child, stdin, stdout, stderr, pending: Vec::new(), stderr_tail: Vec::new(), next_id: 1 };
        let hello = match worker.read_line(Instant::now() + STARTUP) {
            Ok(line) => line,
            Err(e) => {
                let why = match e {
                    ReadError::Timeout => format!("no hello within {STARTUP:?}"),
                    ReadError::Eof => "exited at start".to_string(),
                    ReadError::Io(e) => e.to_string(),
                };
                worker.kill();
                worker.drain_stderr(Instant::now() + Duration::from_millis(500));
                return Err(std::io::Error::other(format!(
                    "{why}: {}",
                    last_lines(&worker.stderr_text(), 3)
                )));
            }
        };
        match serde_json::from_str::<Hello>(&hello) {
            Ok(h) if h.protocol == PROTOCOL && h.engine == engine => Ok(worker),
            _ => Err(std::io::Error::other(format!(
                "unexpected hello (a stale tickdiff binary?): {hello:.200}"
            ))),
        }
    }

    /// Runs `inputs` in order, appending each answer to `outcomes`, until
    /// all are answered (`None`) or the worker fails on the next one.
    ///
    /// While the worker runs a program, the next request already waits on
    /// its stdin: the worker never sleeps between programs, and the parent's
    /// wake-up overlaps the worker's next run (two cross-process wake-ups
    /// per program cost more than the JSON). Requests queue at most two deep
    /// and only while both are small, so neither side can block on a full
    /// pipe while the other waits for it.
    fn run_pipelined(
        &mut self,
        inputs: &[&ProgramInput],
        limits: &Limits,
        outcomes: &mut Vec<Outcome>,
    ) -> Option<Failure> {
        let wait = limits.wall.saturating_add(GRACE);
        let first_id = self.next_id;
        // Ids of answered and queued requests are never reused, whatever happens.
        self.next_id += inputs.len() as u64;
        let mut sent = 0;
        // The length of the last request line written.
        let mut last_len = 0;
        // When the worker could start the program awaited next.
        let mut started = Instant::now();
        self.stderr_tail.clear();
        for i in 0..inputs.len() {
            if sent == i {
                let line = request_line(first_id + i as u64, inputs[i], limits);
                if let Err(e) = self.send(&line) {
                    return Some(e);
                }
                (sent, last_len, started) = (i + 1, line.len(), Instant::now());
            }
            if sent == i + 1 && sent < inputs.len() && last_len <= PIPELINED_LINE {
                let line = request_line(first_id + sent as u64, inputs[sent], limits);
                // A longer one is sent once the worker has answered program i.
                if line.len() <= PIPELINED_LINE {
                    if let Err(e) = self.send(&line) {
                        return Some(e);
                    }
                    (sent, last_len) = (i + 2, line.len());
                }
            }
            let deadline = started.checked_add(wait).unwrap_or(started + Duration::from_secs(1 << 32));
            let line = match self.read_line(deadline) {
                Ok(line) => line,
                Err(ReadError::Timeout) => return Some(Failure::Hung(wait)),
                Err(ReadError::Eof) => return Some(Failure::Died("stdout closed".into())),
                Err(ReadError::Io(e)) => return Some(Failure::Died(format!("reading the answer: {e}"))),
            };
            let id = first_id + i as u64;
            match serde_json::from_str::<Response>(&line) {
                Ok(r) if r.id == id => outcomes.push(r.outcome),
                Ok(r) => return Some(Failure::Died(format!("answer for request {} instead of {id}", r.id))),
                Err(e) => return Some(Failure::Died(format!("unreadable answer ({e}): {line:.200}"))),
            }
            // The worker goes on with the queued request, if any, now.
            started = Instant::now();
            self.stderr_tail.clear();
        }
        None
    }

    fn send(&mut self, line: &[u8]) -> Result<(), Failure> {
        self.stdin
            .write_all(line)
            .and_then(|()| self.stdin.flush())
            .map_err(|e| Failure::Died(format!("writing the request: {e}")))
    }

    /// The next line on stdout, reading stderr into the tail meanwhile.
    fn read_line(&mut self, deadline: Instant) -> Result<String, ReadError> {
        let mut buf = [0u8; 16 << 10];
        loop {
            if let Some(pos) = self.pending.iter().position(|&b| b == b'\n') {
                let rest = self.pending.split_off(pos + 1);
                let mut line = std::mem::replace(&mut self.pending, rest);
                line.pop();
                return Ok(String::from_utf8_lossy(&line).into_owned());
            }
            let (out_ready, err_ready) = self.poll(deadline).map_err(ReadError::Io)?;
            if !out_ready && !err_ready {
                return Err(ReadError::Timeout);
            }
            if err_ready {
                self.read_stderr(&mut buf);
            }
            if out_ready {
                match self.stdout.read(&mut buf) {
                    Ok(0) => return Err(ReadError::Eof),
                    Ok(n) => self.pending.extend_from_slice(&buf[..n]),
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(ReadError::Io(e)),
                }
            }
        }
    }

    /// Waits until stdout or stderr is readable (or closed), or the deadline;
    /// returns which ones are.
    fn poll(&mut self, deadline: Instant) -> std::io::Result<(bool, bool)> {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Ok((false, false));
            }
            let ms = left.as_millis().clamp(1, i32::MAX as u128) as i32;
            let mut fds = [
                libc::pollfd { fd: self.stdout.as_raw_fd(), events: libc::POLLIN, revents: 0 },
                // A negative fd is ignored by poll.
                libc::pollfd {
                    fd: self.stderr.as_ref().map_or(-1, |e| e.as_raw_fd()),
                    events: libc::POLLIN,
                    revents: 0,
                },
            ];
            // SAFETY: `fds` is a valid array of 2 pollfds for the call's duration.
            let r = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, ms) };
            if r < 0 {
                let e = std::io::Error::last_os_error();
                if e.kind() == std::io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(e);
            }
            if r > 0 {
                return Ok((fds[0].revents != 0, fds[1].revents != 0));
            }
        }
    }

    /// Reads what stderr has (after poll said it is readable) into the tail.
    fn read_stderr(&mut self, buf: &mut [u8]) {
        let Some(stderr) = self.stderr.as_mut() else { return };
        match stderr.read(buf) {
            Ok(0) => self.stderr = None,
            Ok(n) => {
                self.stderr_tail.extend_from_slice(&buf[..n]);
                let excess = self.stderr_tail.len().saturating_sub(STDERR_TAIL);
                self.stderr_tail.drain(..excess);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => self.stderr = None,
        }
    }

    /// Reads stderr until it closes (the worker exited) or the deadline.
    fn drain_stderr(&mut self, deadline: Instant) {
        let mut buf = [0u8; 16 << 10];
        while self.stderr.is_some() {
            let Some(fd) = self.stderr.as_ref().map(|e| e.as_raw_fd()) else { break };
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            let mut pfd = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
            // SAFETY: one valid pollfd.
            let r = unsafe { libc::poll(&mut pfd, 1, left.as_millis().clamp(1, 1000) as i32) };
            if r > 0 {
                self.read_stderr(&mut buf);
            } else if r < 0 && std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
                break;
            }
        }
    }

    fn stderr_text(&self) -> String {
        String::from_utf8_lossy(&self.stderr_tail).into_owned()
    }

    /// The worker stopped answering: wait briefly for it to exit (killing
    /// it if it does not) and collect the rest of its stderr.
    fn reap(&mut self) -> Option<ExitStatus> {
        let deadline = Instant::now() + Duration::from_secs(2);
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(status)) => break Some(status),
                Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
                _ => {
                    self.kill();
                    break None;
                }
            }
        };
        self.drain_stderr(Instant::now() + Duration::from_millis(500));
        status
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A request line (with its newline).
fn request_line(id: u64, input: &ProgramInput, limits: &Limits) -> Vec<u8> {
    let request = Request {
        id,
        source: Cow::Borrowed(&input.source),
        wall: limits.wall,
        max_steps: limits.max_steps,
        memory_bytes: limits.memory_bytes,
        thread_stack_bytes: limits.thread_stack_bytes,
    };
    let mut line = serde_json::to_vec(&request).expect("a request serializes");
    line.push(b'\n');
    line
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.kill();
    }
}

impl Failure {
    fn into_outcome(self, mut worker: Worker, name: &str) -> Outcome {
        match self {
            Failure::Hung(waited) => {
                worker.kill();
                Outcome::failed(
                    Status::Timeout,
                    vec![],
                    format!("the {name} worker did not answer within {waited:?}; killed"),
                )
            }
            Failure::Died(why) => {
                let exit = worker.reap();
                let tail = worker.stderr_text();
                let (status, how) = classify_death(exit, &tail);
                Outcome::failed(
                    status,
                    vec![],
                    format!("the {name} worker died ({how}; {why}): {}", last_lines(&tail, 3)),
                )
            }
        }
    }
}

/// How a worker that died without answering ended the program, from its
/// exit status and the end of its stderr; and a description of the exit.
pub fn classify_death(exit: Option<ExitStatus>, stderr_tail: &str) -> (Status, String) {
    let signal = exit.and_then(|s| s.signal());
    let how = match (exit, signal) {
        (_, Some(sig)) => {
            format!("signal {sig}{}", signal_name(sig).map(|n| format!(", {n}")).unwrap_or_default())
        }
        (Some(s), None) => match s.code() {
            Some(c) => format!("exit code {c}"),
            None => "exited".to_string(),
        },
        (None, None) => "did not exit; killed".to_string(),
    };
    let status = if stderr_tail.contains("has overflowed its stack") {
        Status::StackOverflow
    } else if stderr_tail.contains("memory allocation of")
        || stderr_tail.contains("out of memory")
        || stderr_tail.contains("Out of memory")
        || stderr_tail.contains("Cannot allocate memory")
    {
        Status::OutOfMemory
    } else if matches!(signal, Some(libc::SIGSEGV) | Some(libc::SIGBUS)) {
        Status::StackOverflow
    } else if signal == Some(libc::SIGKILL) {
        // Not killed by us (hung workers are not classified): the kernel's
        // OOM killer.
        Status::OutOfMemory
    } else if stderr_tail.contains("panicked") {
        Status::Panic
    } else {
        Status::Error
    };
    (status, how)
}

fn signal_name(sig: i32) -> Option<&'static str> {
    Some(match sig {
        libc::SIGABRT => "SIGABRT",
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGBUS => "SIGBUS",
        libc::SIGKILL => "SIGKILL",
        libc::SIGILL => "SIGILL",
        libc::SIGTRAP => "SIGTRAP",
        _ => return None,
    })
}

/// The last `n` non-empty lines of `text` other than Rust's `note: run
/// with RUST_BACKTRACE...` hints, joined with ` | `, at most 600 bytes.
fn last_lines(text: &str, n: usize) -> String {
    let mut lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("note: "))
        .rev()
        .take(n)
        .collect();
    lines.reverse();
    let joined = lines.join(" | ");
    if joined.len() <= 600 {
        return joined;
    }
    let mut start = joined.len() - 600;
    while !joined.is_char_boundary(start) {
        start += 1;
    }
    format!("...{}", &joined[start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signalled(sig: i32) -> Option<ExitStatus> {
        // A raw wait status: the low 7 bits are the terminating signal.
        Some(ExitStatus::from_raw(sig))
    }

    #[test]
    fn deaths_are_classified_by_stderr_then_signal() {
        let abrt = signalled(libc::SIGABRT);
        let so = "\nthread 'tickdiff-engine' has overflowed its stack\nfatal runtime error: stack overflow\n";
        assert_eq!(classify_death(abrt, so).0, Status::StackOverflow);
        assert_eq!(
            classify_death(abrt, "memory allocation of 8388608 bytes failed\n").0,
            Status::OutOfMemory
        );
        assert_eq!(classify_death(signalled(libc::SIGSEGV), "").0, Status::StackOverflow);
        assert_eq!(classify_death(signalled(libc::SIGKILL), "").0, Status::OutOfMemory);
        assert_eq!(classify_death(abrt, "thread 'x' panicked at src/a.rs:1:1:\nboom\n").0, Status::Panic);
        assert_eq!(classify_death(Some(ExitStatus::from_raw(1 << 8)), "").0, Status::Error);
        let (_, how) = classify_death(abrt, "");
        assert_eq!(how, format!("signal {}, SIGABRT", libc::SIGABRT));
    }

    #[test]
    fn last_lines_keeps_the_end() {
        assert_eq!(last_lines("a\n\nb\n c \nnote: run with `RUST_BACKTRACE=1`\n", 2), "b | c");
        assert!(last_lines(&"x".repeat(2000), 1).len() <= 603);
    }
}
