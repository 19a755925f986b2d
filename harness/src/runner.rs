//! Runs every (program, backend) pair of a batch in parallel.
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
/// whatever order the pairs ran in. A panic in a backend becomes that pair's
/// `Status::Panic` outcome; the rest of the batch is unaffected.
pub fn run_all(
    inputs: &[ProgramInput],
    backends: &[Box<dyn Backend>],
    limits: &Limits,
    jobs: usize,
) -> Vec<Vec<Outcome>> {
    let pairs: Vec<(usize, usize)> =
        (0..inputs.len()).flat_map(|p| (0..backends.len()).map(move |b| (p, b))).collect();
    let run_pair = |&(p, b): &(usize, usize)| -> Outcome {
        let backend = &backends[b];
        catch_unwind(AssertUnwindSafe(|| backend.run(&inputs[p], limits))).unwrap_or_else(panic_outcome)
    };
    let flat: Vec<Outcome> = match pool(jobs.max(1), limits.thread_stack_bytes) {
        // `par_iter().map().collect()` keeps the input order.
        Some(pool) => pool.install(|| pairs.par_iter().map(run_pair).collect()),
        // No pool (e.g. threads cannot be spawned): run sequentially.
        None => pairs.iter().map(run_pair).collect(),
    };
    let mut rows: Vec<Vec<Outcome>> = Vec::with_capacity(inputs.len());
    let mut it = flat.into_iter();
    for _ in 0..inputs.len() {
        rows.push(it.by_ref().take(backends.len()).collect());
    }
    rows
}
