//! Helpers shared by the integration tests.
#![allow(dead_code)]

use generators::{print_program, GenConfig, Generator, Program};
use harness::outcome::{Limits, ProgramInput};
use std::path::{Path, PathBuf};

pub fn input(p: &Program) -> ProgramInput {
    ProgramInput { source: print_program(p), model: Some(p.clone()) }
}

/// Programs `0..n` of `seed` with the default config.
pub fn generated(seed: u64, n: u64) -> Vec<Program> {
    let g = Generator::new(GenConfig::default());
    (0..n).map(|i| g.program(seed, i)).collect()
}

/// The `tickdiff` binary of this build.
pub fn tickdiff() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_tickdiff"))
}

/// A finished command's status and output, for assertion messages.
pub fn show(out: &std::process::Output) -> String {
    format!(
        "status {}\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Waits for `child` to exit, at most `limit`; `None` (the child still
/// running, not killed) past it.
pub fn wait_for_exit(
    child: &mut std::process::Child,
    limit: std::time::Duration,
) -> Option<std::process::ExitStatus> {
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return Some(status);
        }
        if started.elapsed() > limit {
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Sends `signal` to our own child, not yet waited for.
pub fn send_signal(child: &std::process::Child, signal: i32) {
    let pid = libc::pid_t::try_from(child.id()).expect("a pid");
    // SAFETY: kill(2) on our own child, which has not been waited for yet.
    let r = unsafe { libc::kill(pid, signal) };
    assert_eq!(r, 0, "kill({pid}, {signal}): {}", std::io::Error::last_os_error());
}

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

pub fn limits() -> Limits {
    Limits::default()
}

/// Test parallelism: what the machine has.
pub fn jobs() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)
}

/// The expected trace written in a spec program's `// expect: [...]` line.
pub fn expected_trace(source: &str, path: &Path) -> Vec<String> {
    let line = source
        .lines()
        .find_map(|l| l.strip_prefix("// expect: "))
        .unwrap_or_else(|| panic!("{}: no `// expect:` line", path.display()));
    serde_json::from_str(line).unwrap_or_else(|e| panic!("{}: bad expect line: {e}", path.display()))
}
