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
