//! The `tickdiff` subcommands, one module each (`report` is
//! [`crate::report`]'s). `main.rs` parses the arguments, calls these and
//! turns their [`crate::error::Error`] into an exit status by its kind.

pub mod bench;
pub mod engines;
pub mod fuzz;
pub mod gen;
pub mod minimize;
pub mod repro;
pub mod run;

/// Exit statuses shared by every subcommand.
pub use crate::error::exit;

/// Checks of command-line values that clap's types alone do not make, for
/// `value_parser`: each error names the bound, and clap names the flag.
pub mod flags {
    /// Threads for `--jobs`: 1 up to [`max_jobs`]. Every thread keeps its
    /// own engine workers (each allowed `Limits::memory_bytes`), so the
    /// bound is what keeps a campaign's worst case within the machine.
    pub fn jobs(s: &str) -> Result<usize, String> {
        let n: usize = s.trim().parse().map_err(|_| format!("'{s}' is not a number of threads"))?;
        let max = max_jobs();
        if n == 0 || n > max {
            return Err(format!("{n} threads: use 1 to {max} (4 per core of this machine)"));
        }
        Ok(n)
    }

    /// 4 threads per core, at most 64.
    pub fn max_jobs() -> usize {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        (4 * cores).clamp(4, 64)
    }

    /// A count of programs that must be at least 1.
    pub fn positive(s: &str) -> Result<u64, String> {
        match s.trim().parse::<u64>() {
            Ok(0) => Err("must be at least 1".into()),
            Ok(n) => Ok(n),
            Err(_) => Err(format!("'{s}' is not a whole number")),
        }
    }

    /// Programs per benchmark pass: 1 to 100,000.
    pub fn bench_programs(s: &str) -> Result<usize, String> {
        let n = positive(s)?;
        if n > 100_000 {
            return Err(format!("{n}: at most 100000 programs a pass"));
        }
        Ok(n as usize)
    }

    /// A `--time` budget: a humantime duration of at least one second.
    pub fn duration(s: &str) -> Result<std::time::Duration, String> {
        let d = humantime::parse_duration(s).map_err(|e| format!("'{s}': {e} (e.g. 90s, 10m, 1h)"))?;
        if d < std::time::Duration::from_secs(1) {
            return Err(format!("'{s}': at least 1s"));
        }
        Ok(d)
    }
}
