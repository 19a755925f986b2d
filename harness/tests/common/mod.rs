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
