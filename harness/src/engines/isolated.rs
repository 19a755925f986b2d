//! Running an in-process backend out of process: [`Isolated`] wraps an
//! embedded engine (Boa) so that whatever the engine does to its process
//! (exhausting memory, overflowing a native stack in a built-in that does not
//! check its depth, aborting) ends as a status of that one program, never as
//! a crashed or swapping `tickdiff`.
//!
//! * One long-lived worker process per calling thread and engine (a
//!   thread-local, like the node processes of [`super::node`]). The worker is
//!   the `tickdiff` binary itself started as `tickdiff engine-worker <engine>`
//!   ([`worker_main`]). It is handed runs of programs ([`Backend::run_batch`],
//!   which the runner uses; a lone `run` is a run of one): a header line and
//!   one JSON request per program (the source and the [`Limits`]) on stdin.
//!   It reads the whole run, then runs each program with the in-process
//!   backend (with all of its own limits: deadline, loop-iteration and
//!   recursion limits) on a long-lived serving thread with a known stack.
//! * Answers go to files, not pipes, so the parent sleeps through a whole run
//!   and is woken once, by a `done` line on stdout: a cross-process wake-up
//!   per program (an inter-processor interrupt on a VM) cost more than the
//!   JSON. Each program's [`Outcome`] is one line in the answers file (the
//!   worker's fd 3), stamped with when it ended and how long the worker's
//!   stderr (also a file) was then. From these the parent knows, without
//!   being told, when the program after the last answer started (for its
//!   deadline) and which stderr bytes are its own (for classifying a death).
//! * Memory: before each program the worker sets its `RLIMIT_DATA` to
//!   `Limits::memory_bytes`, plus the thread stacks in use, plus
//!   [`RUNTIME_HEADROOM`], plus the private writable memory the worker had
//!   mapped when it started serving (its `VmData` then: e.g. the reserved stack of the thread the
//!   binary's `main` runs the command on)
//!   (thread stacks are private writable mappings and count: the worker's
//!   serving thread, plus a fresh engine thread when a program asks for a
//!   bigger stack than the serving thread has, see [`worker_main`]).
//!   An allocation beyond it fails, and Rust aborts the worker after printing
//!   `memory allocation of N bytes failed`. (The answer and stderr files live
//!   in `/dev/shm` where there is one: tmpfs pages are not the worker's data.)
//! * A worker that dies is classified on the stderr its last program wrote
//!   and its exit signal ([`classify_death`]): `has overflowed its stack` or
//!   `SIGSEGV`/`SIGBUS` → `Status::StackOverflow`; `memory allocation of`,
//!   `out of memory` or `SIGKILL` (the kernel's OOM killer) →
//!   `Status::OutOfMemory`; a panic message → `Status::Panic`; anything else
//!   → `Status::Error`. The detail quotes the end of that stderr.
//! * A program that runs longer than `Limits::wall` + [`GRACE`] gets its
//!   worker killed (`Status::Timeout`).
//! * Either way the answered programs of the run keep their outcomes, the
//!   failed one gets its status, and the rest of the run goes to a new worker.
//! * Workers never dump core (`RLIMIT_CORE` 0, not dumpable) and die with the
//!   thread that started them (`PR_SET_PDEATHSIG`), or when their stdin closes.
//!
//! The worker executable is [`worker_exe`]: `$TICKDIFF_BIN`, else the running
//! executable if it is `tickdiff` (the binary says so whatever its name,
//! [`workers_run_this_executable`]), else a `tickdiff` next to it or one
//! directory up (integration tests run from `target/*/deps/`). When there is
//! none, the wrapped backend runs in-process, after a one-time warning.
//!
//! Cost: see `tickdiff bench engines` (`boa` against `boa-inproc`).

use super::{boa, catch_panic, quickjs};
use crate::outcome::{Backend, Event, Limits, Outcome, ProgramInput, Status};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd};
use std::os::unix::fs::FileExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::{Once, OnceLock};
use std::time::{Duration, Instant};

/// How long past the wall-clock limit the parent waits for an answer before
/// it kills the worker.
pub const GRACE: Duration = Duration::from_secs(3);

/// Memory the worker may use beyond the program's heap and the engine
/// thread's stack: the binary's data, the allocator's bookkeeping, the
/// requests and the response (an idle worker has < 1 MiB of data).
pub const RUNTIME_HEADROOM: usize = 32 << 20;

/// How long a new worker may take to say hello.
const STARTUP: Duration = Duration::from_secs(20);

/// Bump when the request or response format changes.
const PROTOCOL: u32 = 3;

/// The worker's file descriptor for its answers file.
const ANSWERS_FD: i32 = 3;

/// The worker's file descriptor for its event stream: the running
/// program's id line, then one JSON [`Event`] line per event as it is
/// recorded, so a killed worker's program keeps its partial trace.
const STREAM_FD: i32 = 4;

/// Bytes of the worker's stderr kept for classifying its death.
const STDERR_TAIL: usize = 8192;

pub fn in_process_backend(engine: &str) -> Option<Box<dyn Backend>> {
    match engine {
        "boa-inproc" => Some(Box::new(boa::Boa::new())),
        "quickjs-inproc" => Some(Box::new(quickjs::QuickJs::new())),
        _ => None,
    }
}

/// An in-process backend run in worker processes.
pub struct Isolated {
    name: &'static str,
    engine: &'static str,
    inner: Box<dyn Backend>,
    /// What [`Backend::out_of_process`] says: whether a program costs far
    /// more here than in-process.
    costly: bool,
}

impl Isolated {
    /// The backend `name` running the in-process backend `engine` (a name
    /// accepted by [`in_process_backend`]) in worker processes.
    pub fn new(name: &'static str, engine: &'static str, costly: bool) -> Option<Self> {
        Some(Isolated { name, engine, inner: in_process_backend(engine)?, costly })
    }

    /// `boa`: Boa (`boa-inproc`) out of process.
    pub fn boa() -> Self {
        Isolated::new("boa", "boa-inproc", true).expect("boa-inproc is an in-process backend")
    }

    /// `quickjs`: QuickJS (`quickjs-inproc`) out of process, so that the
    /// wall clock holds inside natives its interrupt handler never polls.
    /// Not costly: a program costs about what it costs in-process plus a
    /// round trip (`tickdiff bench engines`), so the minimizer checks every
    /// candidate on it in its pre-check, where it rules out most of them
    /// for the costly backends (in its worker, so a native hang in a
    /// candidate cannot hang the minimizer).
    pub fn quickjs() -> Self {
        Isolated::new("quickjs", "quickjs-inproc", false).expect("quickjs-inproc is an in-process backend")
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
                let failure = worker.run(rest, limits, &mut outcomes);
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

    fn out_of_process(&self) -> bool {
        self.costly
    }
}

thread_local! {
    static WORKERS: RefCell<HashMap<&'static str, Worker>> = RefCell::new(HashMap::new());
}

static WORKER_EXE: OnceLock<Option<PathBuf>> = OnceLock::new();

/// The executable to start workers from, if any (resolved once).
pub fn worker_exe() -> Option<&'static Path> {
    WORKER_EXE.get_or_init(|| find_worker_exe(false)).as_deref()
}

/// Declares the running executable to be `tickdiff` whatever its file name
/// (a copy renamed `tickdiff-nightly` still starts its workers from
/// itself). The binary's `main` calls it first; `$TICKDIFF_BIN` still wins.
pub fn workers_run_this_executable() {
    let _ = WORKER_EXE.set(find_worker_exe(true));
}

fn find_worker_exe(this_is_tickdiff: bool) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("TICKDIFF_BIN") {
        return Some(PathBuf::from(p));
    }
    let exe = std::env::current_exe().ok()?;
    let file = format!("tickdiff{}", std::env::consts::EXE_SUFFIX);
    if this_is_tickdiff || exe.file_name().is_some_and(|n| n == file.as_str()) {
        return Some(exe);
    }
    exe.ancestors().skip(1).take(2).map(|dir| dir.join(&file)).find(|p| p.is_file())
}

// ---------------------------------------------------------------- protocol

/// A line on the worker's stdin. A run is its `Run` messages, each followed
/// by its source's bytes as they are (no escaping to undo), then an `End`.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Message {
    Run(Request),
    End,
}

#[derive(Serialize, Deserialize)]
struct Request {
    id: u64,
    /// Bytes of UTF-8 source after the line.
    source_len: usize,
    limits: Limits,
}

/// One line of the answers file.
#[derive(Serialize, Deserialize)]
struct Response {
    id: u64,
    outcome: Outcome,
    /// `CLOCK_MONOTONIC` (system-wide) when the program ended, in ns: the
    /// next program of the run starts then.
    ended_ns: u64,
    /// The length of the worker's stderr file then: what follows is the
    /// next program's.
    stderr_len: u64,
}

/// Written to stdout after the last answer of a run: the one line that
/// wakes the parent.
#[derive(Serialize, Deserialize)]
struct Done {
    done: bool,
}

#[derive(Serialize, Deserialize)]
struct Hello {
    protocol: u32,
    engine: String,
}

/// `CLOCK_MONOTONIC` in ns: comparable between processes, unlike `Instant`.
fn monotonic_ns() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: writes one timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

// ---------------------------------------------------------------- worker side

/// `tickdiff engine-worker <engine>`: serve runs of requests on stdin until
/// it closes. Returns the process exit code.
///
/// Programs run on a serving thread with the default `Limits::thread_stack_bytes`
/// of stack, declared to the engines ([`super::note_thread_stack`]), so they
/// run in place instead of on a fresh thread each (a request asking for a
/// bigger stack still gets a fresh thread). After a program that ended in
/// `Status::Panic` the serving thread is replaced, so no engine state a panic
/// may have left behind serves another program; the new one goes on with
/// the run.
pub fn worker_main(engine: &str) -> i32 {
    let Some(backend) = in_process_backend(engine) else {
        eprintln!("engine-worker: unknown in-process engine '{engine}'");
        return 2;
    };
    // SAFETY: fcntl only queries the descriptor; it is then owned here alone.
    if unsafe { libc::fcntl(ANSWERS_FD, libc::F_GETFD) < 0 || libc::fcntl(STREAM_FD, libc::F_GETFD) < 0 } {
        eprintln!(
            "engine-worker: no answers and stream files on fds {ANSWERS_FD} and {STREAM_FD} \
             (started by another tickdiff version?)"
        );
        return 2;
    }
    super::host::mirror_events(stream_event);
    // SAFETY: fds 0 and 3 are open (checked above, and stdin is) and used
    // through these handles only, for the life of the process.
    let mut channel = unsafe {
        Channel {
            // Large enough that a run is read in a syscall or two.
            requests: std::io::BufReader::with_capacity(1 << 20, File::from_raw_fd(libc::STDIN_FILENO)),
            answers: File::from_raw_fd(ANSWERS_FD),
            memory_limit: None,
            baseline: vm_data_bytes(),
            stderr_len: 0,
        }
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
                    channel.serve(&*backend)
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

/// Why [`Channel::serve`] returned.
enum Served {
    /// Exit the worker with this code (0: stdin closed).
    Exit(i32),
    /// A program panicked: serve the next ones on a new thread.
    Replace,
}

/// The worker's side of the protocol; it outlives serving threads.
struct Channel {
    requests: std::io::BufReader<File>,
    answers: File,
    /// The `RLIMIT_DATA` last set (setting it again is a wasted syscall).
    memory_limit: Option<usize>,
    /// The worker's `VmData` before its serving thread started.
    baseline: usize,
    /// The length of stderr after the last answer. Only a panic writes to
    /// stderr without ending the worker, so it is looked up after one only.
    stderr_len: u64,
}

impl Channel {
    /// Serves requests on the current thread.
    fn serve(&mut self, backend: &dyn Backend) -> Served {
        let mut line = String::new();
        loop {
            line.clear();
            match self.requests.read_line(&mut line) {
                Ok(0) => return Served::Exit(0),
                Ok(_) => {}
                Err(_) => return Served::Exit(1),
            }
            let request = match serde_json::from_str(&line) {
                Ok(Message::Run(r)) => r,
                Ok(Message::End) => {
                    // The parent empties stderr before the next run.
                    self.stderr_len = 0;
                    // The parent sleeps until this line.
                    if write_line(&mut std::io::stdout().lock(), &Done { done: true }).is_err() {
                        return Served::Exit(1);
                    }
                    continue;
                }
                Err(e) => {
                    eprintln!("engine-worker: bad request: {e}");
                    return Served::Exit(2);
                }
            };
            let mut source = vec![0u8; request.source_len];
            if self.requests.read_exact(&mut source).is_err() {
                return Served::Exit(1);
            }
            let Ok(source) = String::from_utf8(source) else {
                eprintln!("engine-worker: a source that is not UTF-8");
                return Served::Exit(2);
            };
            let limits = request.limits;
            // Thread stacks are private writable mappings and count: this
            // thread's, plus a fresh engine thread's when the program needs more.
            let mut stacks = super::thread_stack();
            if !super::runs_in_place(&limits) {
                stacks = stacks.saturating_add(limits.thread_stack_bytes);
            }
            let memory_limit = limits
                .memory_bytes
                .saturating_add(stacks)
                .saturating_add(RUNTIME_HEADROOM)
                .saturating_add(self.baseline);
            if self.memory_limit != Some(memory_limit) {
                set_memory_limit(memory_limit);
                self.memory_limit = Some(memory_limit);
            }
            let input = ProgramInput { source, model: None };
            begin_stream(request.id);
            let outcome = catch_panic(|| backend.run(&input, &limits));
            let panicked = outcome.status == Status::Panic;
            if panicked {
                self.stderr_len = stderr_len();
            }
            let response =
                Response { id: request.id, outcome, ended_ns: monotonic_ns(), stderr_len: self.stderr_len };
            // One write per line (an O_APPEND file): a reader sees whole
            // lines or a partial last one, never interleaved ones.
            if write_line(&mut self.answers, &response).is_err() {
                return Served::Exit(1);
            }
            if panicked {
                return Served::Replace;
            }
        }
    }
}

/// Starts the event stream of program `id`: the file holds its id line only.
fn begin_stream(id: u64) {
    // SAFETY: ftruncate on the worker's own stream descriptor.
    unsafe { libc::ftruncate(STREAM_FD, 0) };
    let mut line = serde_json::to_vec(&StreamHead { id }).expect("serializes");
    line.push(b'\n');
    write_stream(&line);
}

/// The worker's [`super::host::mirror_events`] function: appends `event`
/// to the stream as one line, in one write (a kill never leaves half a
/// line but at the very end, which the parent ignores). A failed write
/// costs the partial trace, never the program.
fn stream_event(event: &Event) {
    let Ok(mut line) = serde_json::to_vec(event) else { return };
    line.push(b'\n');
    write_stream(&line);
}

fn write_stream(mut bytes: &[u8]) {
    while !bytes.is_empty() {
        // SAFETY: writes from a live buffer to the worker's own descriptor.
        let n = unsafe { libc::write(STREAM_FD, bytes.as_ptr().cast(), bytes.len()) };
        if n <= 0 {
            if n < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return;
        }
        bytes = &bytes[n as usize..];
    }
}

/// The first line of the event stream.
#[derive(Serialize, Deserialize)]
struct StreamHead {
    id: u64,
}

/// This process's private writable memory (`VmData` of /proc/self/status,
/// what `RLIMIT_DATA` limits), 0 if unknown.
fn vm_data_bytes() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib = status
        .lines()
        .find_map(|l| l.strip_prefix("VmData:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<usize>().ok());
    kib.unwrap_or(0) << 10
}

/// The length of this process's stderr, if it is a file.
fn stderr_len() -> u64 {
    // SAFETY: fstat writes one stat struct.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        if libc::fstat(libc::STDERR_FILENO, &mut st) == 0 {
            st.st_size as u64
        } else {
            0
        }
    }
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
    /// Bytes read from stdout and not yet returned as a line.
    pending: Vec<u8>,
    /// The worker's answers file (its fd 3) and its stderr: unnamed files
    /// opened `O_APPEND`, so emptying them between runs is safe.
    answers: File,
    stderr: File,
    /// The worker's event stream (its fd 4), of the program it runs.
    stream: File,
    /// The id of the program the worker runs (or was to run) after the
    /// last answer.
    running: u64,
    /// How far the answers file has been read, and a partial last line.
    answers_read: u64,
    answers_partial: Vec<u8>,
    /// Where the stderr of the program after the last answer starts.
    stderr_from: u64,
    /// Bytes the pipe to the worker's stdin holds.
    pipe_capacity: usize,
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

/// What `file` holds from offset `from` on, at most its last `max` bytes,
/// as text (a worker's stderr, for classifying its death).
pub(crate) fn file_tail(file: &File, from: u64, max: u64) -> String {
    let len = file.metadata().map_or(0, |m| m.len());
    let from = from.max(len.saturating_sub(max)).min(len);
    let mut buf = vec![0u8; (len - from) as usize];
    let n = file.read_at(&mut buf, from).unwrap_or(0);
    String::from_utf8_lossy(&buf[..n]).into_owned()
}

/// An unnamed file opened `O_APPEND`, in memory where `/dev/shm` exists.
pub(crate) fn append_only_tempfile() -> std::io::Result<File> {
    let file = tempfile::tempfile_in("/dev/shm").or_else(|_| tempfile::tempfile())?;
    // SAFETY: fcntl on a descriptor this function owns.
    unsafe {
        let flags = libc::fcntl(file.as_raw_fd(), libc::F_GETFL);
        if flags < 0 || libc::fcntl(file.as_raw_fd(), libc::F_SETFL, flags | libc::O_APPEND) < 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(file)
}

impl Worker {
    fn spawn(exe: &Path, engine: &str) -> std::io::Result<Self> {
        let answers = append_only_tempfile()?;
        let stderr = append_only_tempfile()?;
        let stream = append_only_tempfile()?;
        let (answers_fd, stream_fd) = (answers.as_raw_fd(), stream.as_raw_fd());
        let mut cmd = Command::new(exe);
        cmd.arg("engine-worker")
            .arg(engine)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            // The same open file (and so O_APPEND) as `stderr`.
            .stderr(Stdio::from(stderr.try_clone()?))
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
            cmd.pre_exec(move || {
                // The answers file becomes fd 3 and the stream fd 4, kept
                // across exec (dup2 clears close-on-exec); both are first
                // copied above them, as either may be 3 or 4 already.
                let high_answers = libc::fcntl(answers_fd, libc::F_DUPFD_CLOEXEC, 10);
                let high_stream = libc::fcntl(stream_fd, libc::F_DUPFD_CLOEXEC, 10);
                if high_answers < 0
                    || high_stream < 0
                    || libc::dup2(high_answers, ANSWERS_FD) < 0
                    || libc::dup2(high_stream, STREAM_FD) < 0
                {
                    return Err(std::io::Error::last_os_error());
                }
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
        let mut worker = Worker {
            child,
            stdin,
            stdout,
            pending: Vec::new(),
            answers,
            stderr,
            stream,
            running: 0,
            answers_read: 0,
            answers_partial: Vec::new(),
            stderr_from: 0,
            pipe_capacity: 0,
            next_id: 1,
        };
        worker.pipe_capacity = worker.grow_stdin_pipe();
        let hello = match worker.read_line(Instant::now() + STARTUP) {
            Ok(line) => line,
            Err(e) => {
                let why = match e {
                    ReadError::Timeout => format!("no hello within {STARTUP:?}"),
                    ReadError::Eof => "exited at start".to_string(),
                    ReadError::Io(e) => e.to_string(),
                };
                worker.kill();
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

    /// Runs `inputs`, or as many of the first ones as the pipe to the worker
    /// holds at once (at least one), as one run in order. Appends each
    /// answer to `outcomes`, until all are answered (`None`) or the worker
    /// fails on the next one.
    ///
    /// The first request is written on its own, so the worker starts on it
    /// while the parent writes the rest; the rest fit in the pipe, so that
    /// write never waits for the worker. Then the parent sleeps until the
    /// worker says the run is done, or dies, or the deadline of the program
    /// it is running passes. That program started when the last answer in
    /// the file ended, so at the deadline the parent reads the answers: if
    /// there are new ones, the deadline moves on; if not, the program hung.
    fn run(
        &mut self,
        inputs: &[&ProgramInput],
        limits: &Limits,
        outcomes: &mut Vec<Outcome>,
    ) -> Option<Failure> {
        let wait = limits.wall.saturating_add(GRACE);
        // The worker is idle: the files' earlier contents are of no use.
        if let Err(e) = self.answers.set_len(0).and_then(|()| self.stderr.set_len(0)) {
            return Some(Failure::Died(format!("emptying the worker's files: {e}")));
        }
        (self.answers_read, self.stderr_from) = (0, 0);
        self.answers_partial.clear();
        let first_id = self.next_id;
        self.running = first_id;
        let mut first = Vec::new();
        put_request(&mut first, first_id, inputs[0], limits);
        // The worker reads a request whole before running it, so this
        // waits at most for it to read, however long the source.
        if let Err(e) = self.send(&first) {
            return Some(e);
        }
        let mut started_ns = monotonic_ns();
        let mut end = Vec::new();
        put_line(&mut end, &Message::End);
        let mut rest = Vec::new();
        let mut count = 1;
        for input in &inputs[1..] {
            let len = rest.len();
            put_request(&mut rest, first_id + count as u64, input, limits);
            if first.len() + rest.len() + end.len() > self.pipe_capacity {
                rest.truncate(len);
                break;
            }
            count += 1;
        }
        rest.extend_from_slice(&end);
        // Ids of answered and queued requests are never reused, whatever happens.
        self.next_id += count as u64;
        if let Err(e) = self.send(&rest) {
            return Some(e);
        }
        let mut answered = 0;
        loop {
            let ran = Duration::from_nanos(monotonic_ns().saturating_sub(started_ns));
            let deadline = Instant::now() + wait.saturating_sub(ran);
            let woke = self.read_line(deadline);
            let before = answered;
            if let Err(why) = self.read_answers(first_id, &mut answered, &mut started_ns, outcomes) {
                return Some(Failure::Died(why));
            }
            let all = answered == count;
            match woke {
                Ok(line) if serde_json::from_str::<Done>(&line).is_ok() => {
                    return (!all)
                        .then(|| Failure::Died(format!("done after {answered} of {count} answers")));
                }
                Ok(line) => return Some(Failure::Died(format!("unexpected output: {line:.200}"))),
                Err(ReadError::Timeout) if answered > before => {}
                // All answered, yet no `done` for a whole wall-clock limit;
                // or it died after its last answer. Either way, no program
                // is left to blame: it is killed and the next run starts a
                // new one.
                Err(_) if all => {
                    self.kill();
                    return None;
                }
                Err(ReadError::Timeout) => return Some(Failure::Hung(wait)),
                Err(ReadError::Eof) => return Some(Failure::Died("stdout closed".into())),
                Err(ReadError::Io(e)) => return Some(Failure::Died(format!("reading stdout: {e}"))),
            }
        }
    }

    fn send(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        super::write_to_child(&mut self.stdin, bytes)
            .map_err(|e| Failure::Died(format!("writing the requests: {e}")))
    }

    /// Asks for a 1 MiB pipe to the worker's stdin (runs are then as long
    /// as the runner makes them); returns the size it has.
    fn grow_stdin_pipe(&mut self) -> usize {
        let fd = self.stdin.as_raw_fd();
        // SAFETY: fcntl on a pipe this worker owns.
        unsafe {
            libc::fcntl(fd, libc::F_SETPIPE_SZ, 1 << 20);
            usize::try_from(libc::fcntl(fd, libc::F_GETPIPE_SZ)).unwrap_or(4096).max(4096)
        }
    }

    /// Appends the outcomes of the answers written since the last call,
    /// counting them in `answered` and moving `started_ns` to when the last
    /// one ended.
    fn read_answers(
        &mut self,
        first_id: u64,
        answered: &mut usize,
        started_ns: &mut u64,
        outcomes: &mut Vec<Outcome>,
    ) -> Result<(), String> {
        let mut buf = [0u8; 64 << 10];
        loop {
            match self.answers.read_at(&mut buf, self.answers_read) {
                Ok(0) => break,
                Ok(n) => {
                    self.answers_partial.extend_from_slice(&buf[..n]);
                    self.answers_read += n as u64;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(format!("reading the answers: {e}")),
            }
        }
        let Some(end) = self.answers_partial.iter().rposition(|&b| b == b'\n') else { return Ok(()) };
        let complete: Vec<u8> = self.answers_partial.drain(..=end).collect();
        for line in complete.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            let id = first_id + *answered as u64;
            match serde_json::from_slice::<Response>(line) {
                Ok(r) if r.id == id => {
                    outcomes.push(r.outcome);
                    *answered += 1;
                    self.running = id + 1;
                    *started_ns = r.ended_ns;
                    self.stderr_from = r.stderr_len;
                }
                Ok(r) => return Err(format!("answer for request {} instead of {id}", r.id)),
                Err(e) => {
                    return Err(format!("unreadable answer ({e}): {:.200}", String::from_utf8_lossy(line)))
                }
            }
        }
        Ok(())
    }

    /// The next line on stdout.
    fn read_line(&mut self, deadline: Instant) -> Result<String, ReadError> {
        let mut buf = [0u8; 4 << 10];
        loop {
            if let Some(pos) = self.pending.iter().position(|&b| b == b'\n') {
                let rest = self.pending.split_off(pos + 1);
                let mut line = std::mem::replace(&mut self.pending, rest);
                line.pop();
                return Ok(String::from_utf8_lossy(&line).into_owned());
            }
            if !self.wait_readable(deadline).map_err(ReadError::Io)? {
                return Err(ReadError::Timeout);
            }
            match self.stdout.read(&mut buf) {
                Ok(0) => return Err(ReadError::Eof),
                Ok(n) => self.pending.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(ReadError::Io(e)),
            }
        }
    }

    /// Waits until stdout is readable (or closed): false at the deadline.
    /// Looks at least once, however late it is called.
    fn wait_readable(&mut self, deadline: Instant) -> std::io::Result<bool> {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            // Rounded up: waking before the deadline would only loop.
            let ms = left.as_micros().div_ceil(1000).min(i32::MAX as u128) as i32;
            let mut pfd = libc::pollfd { fd: self.stdout.as_raw_fd(), events: libc::POLLIN, revents: 0 };
            // SAFETY: one valid pollfd for the call's duration.
            let r = unsafe { libc::poll(&mut pfd, 1, ms) };
            if r < 0 {
                let e = std::io::Error::last_os_error();
                if e.kind() == std::io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(e);
            }
            if r > 0 {
                return Ok(true);
            }
            if Instant::now() >= deadline {
                return Ok(false);
            }
        }
    }

    /// The events the program after the last answer logged before the
    /// worker stopped answering, from the stream file (empty when the
    /// stream is another program's: that one never started).
    fn partial_trace(&self) -> Vec<Event> {
        // Read at offsets: the file position is shared with the worker.
        let len = self.stream.metadata().map_or(0, |m| m.len()) as usize;
        let mut bytes = vec![0u8; len];
        let mut got = 0;
        while got < len {
            match self.stream.read_at(&mut bytes[got..], got as u64) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return vec![],
            }
        }
        bytes.truncate(got);
        let mut lines = bytes.split(|&b| b == b'\n');
        let head = lines.next().and_then(|l| serde_json::from_slice::<StreamHead>(l).ok());
        if head.is_none_or(|h| h.id != self.running) {
            return vec![];
        }
        // Only whole lines: the last one may have been cut by the kill.
        let whole = bytes.iter().filter(|&&b| b == b'\n').count().saturating_sub(1);
        lines.take(whole).map_while(|l| serde_json::from_slice::<Event>(l).ok()).collect()
    }

    /// What the worker wrote to stderr since the program after the last
    /// answer started (at most the last [`STDERR_TAIL`] bytes).
    fn stderr_text(&self) -> String {
        file_tail(&self.stderr, self.stderr_from, STDERR_TAIL as u64)
    }

    /// The worker stopped answering: wait briefly for it to exit (killing
    /// it if it does not).
    fn reap(&mut self) -> Option<ExitStatus> {
        super::reap(&mut self.child)
    }

    fn kill(&mut self) {
        super::kill(&mut self.child);
    }
}

/// Appends `message` to `out` as one JSON line.
fn put_line(out: &mut Vec<u8>, message: &Message) {
    serde_json::to_writer(&mut *out, message).expect("a message serializes");
    out.push(b'\n');
}

/// Appends program `id`'s request to `out`: its line, then its source.
fn put_request(out: &mut Vec<u8>, id: u64, input: &ProgramInput, limits: &Limits) {
    let request = Request { id, source_len: input.source.len(), limits: limits.clone() };
    put_line(out, &Message::Run(request));
    out.extend_from_slice(input.source.as_bytes());
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
                    worker.partial_trace(),
                    format!("the {name} worker did not answer within {waited:?}; killed"),
                )
            }
            Failure::Died(why) => {
                let exit = worker.reap();
                let tail = worker.stderr_text();
                let (status, how) = classify_death(exit, &tail);
                Outcome::failed(
                    status,
                    worker.partial_trace(),
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
        // JavaScriptCore past its footprint cap (JSCTEST_memoryLimit).
        || stderr_tail.contains("Crashing because current footprint")
        // SpiderMonkey's MOZ_CRASH when it cannot even report an OOM.
        || stderr_tail.to_ascii_lowercase().contains("unhandlable oom")
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
pub(crate) fn last_lines(text: &str, n: usize) -> String {
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
