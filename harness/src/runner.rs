//! Runs every (program, backend) pair of a batch in parallel: one pair per
//! unit of work, or runs of consecutive programs for a backend that runs
//! them in another process (see `Backend::prefers_batches`).
//!
//! The rayon pools are kept for the life of the process (one per
//! `(jobs, stack size)`), so per-thread backend state survives from one batch
//! to the next: above all the `node` process each worker thread keeps, which
//! costs ~50 ms to start.

use crate::engines::panic_outcome;
use crate::outcome::{Backend, Limits, Outcome, ProgramInput};
use rayon::prelude::*;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex, OnceLock};

type Pools = HashMap<(usize, usize), Arc<rayon::ThreadPool>>;

/// The process-wide pool with `jobs` threads of `stack` bytes.
fn pool(jobs: usize, stack: usize) -> Option<Arc<rayon::ThreadPool>> {
    static POOLS: OnceLock<Mutex<Pools>> = OnceLock::new();
    let mut pools = POOLS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = pools.get(&(jobs, stack)) {
        return Some(p.clone());
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .stack_size(stack)
        .start_handler(move |_| crate::engines::note_thread_stack(stack))
        .thread_name(|i| format!("tickdiff-runner-{i}"))
        .build()
        .ok()?;
    let p = Arc::new(p);
    pools.insert((jobs, stack), p.clone());
    Some(p)
}

/// Runs `f` on a thread of the pool [`run_all`] uses with one job and
/// `limits`' stack: the thread a runner evaluates programs on, set up the
/// same way (stack size, known to the engines). For measurements that must
/// see the backends exactly as campaigns run them. Runs `f` in place when no
/// pool can be built.
pub fn on_runner_thread<R: Send>(limits: &Limits, f: impl FnOnce() -> R + Send) -> R {
    match pool(1, limits.thread_stack_bytes) {
        Some(pool) => pool.install(f),
        None => f(),
    }
}

/// Evaluates every program on every backend with a rayon pool of `jobs`
/// threads (at least 1) whose stacks are `limits.thread_stack_bytes`.
///
/// The result is indexed `[program][backend]` in the order of the inputs,
/// whatever order the work ran in. A panic in a backend becomes
/// `Status::Panic` for the programs it was running; the rest of the batch is
/// unaffected. Each unit of work is one (program, backend) pair, or, for a
/// backend that [`prefers_batches`](Backend::prefers_batches), a run of
/// consecutive programs (a few per thread, so the pool stays balanced).
pub fn run_all(
    inputs: &[ProgramInput],
    backends: &[Box<dyn Backend>],
    limits: &Limits,
    jobs: usize,
) -> Vec<Vec<Outcome>> {
    let jobs = jobs.max(1);
    let run_len = inputs.len().div_ceil(jobs * 4).clamp(1, MAX_RUN);
    let mut work: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    for (b, backend) in backends.iter().enumerate() {
        let step = if backend.prefers_batches() { run_len } else { 1 };
        work.extend((0..inputs.len()).step_by(step).map(|p| (b, p..(p + step).min(inputs.len()))));
    }
    let run_work = |(b, programs): &(usize, std::ops::Range<usize>)| -> Vec<Outcome> {
        let backend = &backends[*b];
        let batch: Vec<&ProgramInput> = inputs[programs.clone()].iter().collect();
        catch_unwind(AssertUnwindSafe(|| backend.run_batch(&batch, limits))).unwrap_or_else(|payload| {
            let outcome = panic_outcome(payload);
            vec![outcome; batch.len()]
        })
    };
    let done: Vec<Vec<Outcome>> = match pool(jobs, limits.thread_stack_bytes) {
        // `par_iter().map().collect()` keeps the input order.
        Some(pool) => pool.install(|| work.par_iter().map(run_work).collect()),
        // No pool (e.g. threads cannot be spawned): run sequentially.
        None => work.iter().map(run_work).collect(),
    };
    let mut rows: Vec<Vec<Option<Outcome>>> = vec![vec![None; backends.len()]; inputs.len()];
    for ((b, programs), outcomes) in work.into_iter().zip(done) {
        assert_eq!(outcomes.len(), programs.len(), "{}: one outcome per program", backends[b].name());
        for (p, outcome) in programs.zip(outcomes) {
            rows[p][b] = Some(outcome);
        }
    }
    rows.into_iter().map(|row| row.into_iter().map(|o| o.expect("every pair ran")).collect()).collect()
}

/// The longest run of programs handed to a batching backend at once.
const MAX_RUN: usize = 16;
