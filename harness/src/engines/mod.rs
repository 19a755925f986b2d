//! Embedded and external JavaScript engines behind the `Backend` trait.
//!
//! | name      | engine                         | how                                        |
//! |-----------|--------------------------------|--------------------------------------------|
//! | `quickjs` | QuickJS-ng via rquickjs        | embedded, run in one worker process per thread, [`isolated`] |
//! | `boa`     | Boa via boa_engine             | embedded, run in one worker process per thread, [`isolated`] |
//! | `node`    | V8 via the `node` on `PATH`    | external, [`external`] with [`node`]       |
//! | `v8`      | V8 via a current node          | external, installed ([`catalog`])          |
//! | `jsc`     | JavaScriptCore (WebKitGTK `jsc`) | external, installed                      |
//! | `spidermonkey` | SpiderMonkey (`js` shell)  | external, installed                        |
//! | `xs`      | XS (`xsnap` from Agoric)       | external, installed                        |
//! | `engine262` | engine262 (ECMA-262 in JS, in node) | external, installed                 |
//! | `v8+babel`, `node+ts-es5`, ... | a lowering on a node engine | external, [`lowering`]  |
//!
//! External engines run in long-lived worker processes with one design
//! ([`external`]): the same host loop (`hosts/core.js`) behind a small
//! adapter per engine (`hosts/<engine>.js`). `tickdiff engines` lists them;
//! `tickdiff engines install` installs the pinned ones ([`install`]).
//!
//! Internal names, not in [`ENGINE_NAMES`] nor in any default list:
//! `boa-inproc` and `quickjs-inproc` are Boa and QuickJS run in the calling
//! process ([`boa::Boa`], [`quickjs::QuickJs`]), without the containment of
//! the worker process (Boa's memory limit and native stack overflows; the
//! wall clock inside QuickJS's natives, which its interrupt handler never
//! sees: `a[2**32-2] = 1; a.join()` runs for minutes); they are what the
//! workers run, and let the benchmark compare the two. Nothing else runs
//! them: a program's native hang in-process would hang tickdiff (the
//! minimizer too runs every engine in its worker, see
//! `Backend::out_of_process`).
//!
//! All of them implement the host model of DESIGN.md §1 as documented in
//! [`host`]: the same four host functions (defined by the JavaScript prelude
//! [`host::HOST_PRELUDE`] in every external engine's program realms, natively
//! with the same steps in QuickJS and Boa), virtual-time timers, an `!uncaught`
//! event for exceptions escaping a task or a `queueMicrotask` callback, and
//! the same limits. The embedded engines run each program on a thread whose
//! stack is at least `Limits::thread_stack_bytes`: in place on a thread
//! declared to have it ([`note_thread_stack`]: the runner's pool threads, the
//! Boa worker's serving thread), else on a fresh thread
//! ([`on_engine_thread`]); the engines' own stack limits sit far below it, so
//! neither deep recursion nor deeply nested source text can overflow the
//! native stack and kill the process; a Rust panic inside an engine becomes
//! `Status::Panic`.

pub mod boa;
pub mod catalog;
pub mod confine;
pub mod external;
pub mod host;
pub mod install;
pub mod isolated;
pub mod lowering;
pub mod node;
pub mod quickjs;
pub mod shells;
pub mod unavailable;

pub use unavailable::{InstallError, Unavailable};

use crate::outcome::{Backend, Limits, Outcome, Status};
use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

pub use node::node_available;

/// Names accepted by [`backend_by_name`], in their usual report order.
pub const ENGINE_NAMES: &[&str] = &["quickjs", "boa", "node", "v8", "jsc", "spidermonkey", "xs", "engine262"];

/// The external engines, in [`ENGINE_NAMES`] order.
pub fn external_engines() -> &'static [&'static external::EngineSpec] {
    static ENGINES: [&external::EngineSpec; 6] =
        [&node::NODE, &node::V8, &shells::JSC, &shells::SPIDERMONKEY, &shells::XS, &shells::ENGINE262];
    &ENGINES
}

/// The external engine called `name`.
pub fn external_engine(name: &str) -> Option<&'static external::EngineSpec> {
    external_engines().iter().copied().find(|s| s.name == name)
}

/// Whether backend `name` can run here: the embedded ones always; an
/// external one when it is installed (or, for `node`, on `PATH`).
pub fn available(name: &str) -> bool {
    if let Some((_, engine, l)) = lowering::split(name) {
        return available(engine) && catalog::installed(l.tool);
    }
    match external_engine(name) {
        Some(spec) => (spec.launch)(64).is_ok(),
        None => matches!(name, "quickjs" | "boa" | "quickjs-inproc" | "boa-inproc"),
    }
}

/// The backend called `name`, or `None` for an unknown name.
///
/// `node` is always returned; when no `node` is on `PATH` its runs report
/// `Status::Unsupported` (see [`node_available`]).
pub fn backend_by_name(name: &str) -> Option<Box<dyn Backend>> {
    match name {
        "quickjs" => Some(Box::new(isolated::Isolated::quickjs())),
        "quickjs-inproc" => Some(Box::new(quickjs::QuickJs::new())),
        "boa" => Some(Box::new(isolated::Isolated::boa())),
        "boa-inproc" => Some(Box::new(boa::Boa::new())),
        // The reference scheduler ("reference") is added here by its module.
        _ => match lowering::split(name) {
            Some((name, engine, l)) => external_engine(engine)
                .map(|spec| Box::new(external::External::lowered(spec, name, l)) as Box<dyn Backend>),
            None => {
                external_engine(name).map(|spec| Box::new(external::External::new(spec)) as Box<dyn Backend>)
            }
        },
    }
}

/// How much of the thread's stack an embedded engine may use for its own
/// stack checks: a quarter of it, at most 8 MiB (QuickJS ignores limits
/// above 16 MiB). The rest is headroom for native frames the engines do not
/// account for (the parser, natives calling back into JS, Rust glue).
pub fn engine_stack_bytes(limits: &Limits) -> usize {
    // Never 0: QuickJS reads 0 as "no limit".
    (limits.thread_stack_bytes / 4).clamp(32 << 10, 8 << 20)
}

/// Runs `f` on a fresh thread with `limits.thread_stack_bytes` of stack and
/// returns its outcome; a panic becomes `Status::Panic`.
///
/// Spawning and joining costs ~25-70 µs with a 64 MiB stack (the stack is
/// only reserved), plus a page fault for every stack page the program
/// touches (~0.4 ms for 2 MiB); threads that run many programs avoid it, see
/// [`on_known_stack`].
pub fn on_engine_thread<F>(limits: &Limits, f: F) -> Outcome
where
    F: FnOnce() -> Outcome + Send,
{
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("tickdiff-engine".into())
            .stack_size(limits.thread_stack_bytes)
            .spawn_scoped(scope, move || catch_unwind(AssertUnwindSafe(f)));
        match spawned {
            Err(e) => Outcome::failed(Status::Error, vec![], format!("spawning engine thread: {e}")),
            Ok(handle) => match handle.join() {
                Ok(Ok(outcome)) => outcome,
                Ok(Err(payload)) | Err(payload) => panic_outcome(payload),
            },
        }
    })
}

thread_local! {
    /// Stack size the current thread was started with, when known.
    static THREAD_STACK: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Declares that the current thread was started with `bytes` of stack (the
/// runner's pool threads are).
pub fn note_thread_stack(bytes: usize) {
    THREAD_STACK.with(|s| s.set(bytes));
}

/// The stack size declared with [`note_thread_stack`] for the current
/// thread, 0 when unknown.
pub fn thread_stack() -> usize {
    THREAD_STACK.with(|s| s.get())
}

/// Whether the current thread is known to have the stack `limits` ask for,
/// so an engine may run on it in place.
pub fn runs_in_place(limits: &Limits) -> bool {
    thread_stack() >= limits.thread_stack_bytes
}

/// Like [`on_engine_thread`], but runs `f` on the current thread when it is
/// known to have the stack the limits ask for ([`runs_in_place`]), saving a
/// thread spawn per program (25-190 µs, more when the program touches much
/// stack: every page of a fresh stack is a page fault). QuickJS builds a
/// fresh runtime per program, so nothing of a program survives on the
/// thread; Boa, whose collector lives in thread-locals, frees each program's
/// heap before the next (see [`boa::Boa`]).
pub fn on_known_stack<F>(limits: &Limits, f: F) -> Outcome
where
    F: FnOnce() -> Outcome + Send,
{
    if runs_in_place(limits) {
        return catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(panic_outcome);
    }
    on_engine_thread(limits, f)
}

/// The outcome for a caught panic.
pub fn panic_outcome(payload: Box<dyn Any + Send>) -> Outcome {
    Outcome::failed(Status::Panic, vec![], format!("panic: {}", panic_message(&*payload)))
}

/// The message of a panic payload, when it is a string.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(non-string panic payload)".to_string()
    }
}

/// Writes `bytes` to the pipe of a child process (an engine worker, node)
/// and flushes. A child that has died makes this an `EPIPE` error and never
/// a SIGPIPE: the `tickdiff` binary gives SIGPIPE its default action (to die
/// quietly under `| head`), and a worker killed from outside (the kernel's
/// OOM killer) must cost one program, not the campaign.
pub fn write_to_child(pipe: &mut impl std::io::Write, bytes: &[u8]) -> std::io::Result<()> {
    // SAFETY: signal-mask calls on local sets; they affect this thread only.
    unsafe {
        let mut sigpipe: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut sigpipe);
        libc::sigaddset(&mut sigpipe, libc::SIGPIPE);
        let mut before: libc::sigset_t = std::mem::zeroed();
        libc::pthread_sigmask(libc::SIG_BLOCK, &sigpipe, &mut before);
        let written = pipe.write_all(bytes).and_then(|()| pipe.flush());
        if written.as_ref().is_err_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) {
            // The SIGPIPE that write raised is pending on this thread:
            // take it before unblocking, or it would be delivered then.
            let now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
            libc::sigtimedwait(&sigpipe, std::ptr::null_mut(), &now);
        }
        libc::pthread_sigmask(libc::SIG_SETMASK, &before, std::ptr::null_mut());
        written
    }
}

/// Waits briefly (2 s) for a worker process that stopped answering to exit,
/// so that its stderr is complete; kills it if it does not. Its exit status,
/// `None` when it had to be killed.
pub fn reap(child: &mut std::process::Child) -> Option<std::process::ExitStatus> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(5))
            }
            _ => {
                kill(child);
                return None;
            }
        }
    }
}

/// Kills a worker process and waits for it (no zombie is left).
pub fn kill(child: &mut std::process::Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// Runs `f`, turning a panic into `Status::Panic` (for backends that do not
/// need their own thread).
pub fn catch_panic<F: FnOnce() -> Outcome>(f: F) -> Outcome {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(panic_outcome)
}
