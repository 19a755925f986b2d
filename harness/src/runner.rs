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
use std::collections::HashMap;
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

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
/// [`run_len`] consecutive programs.
///
/// Every thread of the pool takes units from one shared list until none is
/// left. The runs, the longest units, come first, so the last units any
/// thread takes are single pairs and the threads finish close together.
pub fn run_all(
    inputs: &[ProgramInput],
    backends: &[Box<dyn Backend>],
    limits: &Limits,
    jobs: usize,
) -> Vec<Vec<Outcome>> {
    run_all_timed(inputs, backends, limits, jobs).0
}

/// [`run_all`], with the seconds each backend kept a runner thread busy
/// (in `backends` order), for campaigns to show where their time went.
pub fn run_all_timed(
    inputs: &[ProgramInput],
    backends: &[Box<dyn Backend>],
    limits: &Limits,
    jobs: usize,
) -> (Vec<Vec<Outcome>>, Vec<f64>) {
    let jobs = jobs.max(1);
    let run_len = run_len(inputs.len(), jobs);
    let mut work: Vec<(usize, Range<usize>)> = Vec::new();
    for batching in [true, false] {
        for (b, _) in backends.iter().enumerate().filter(|(_, b)| b.prefers_batches() == batching) {
            let step = if batching { run_len } else { 1 };
            work.extend((0..inputs.len()).step_by(step).map(|p| (b, p..(p + step).min(inputs.len()))));
        }
    }
    let run_work = |(b, programs): &(usize, Range<usize>)| -> (Vec<Outcome>, f64) {
        let backend = &backends[*b];
        let batch: Vec<&ProgramInput> = inputs[programs.clone()].iter().collect();
        let started = Instant::now();
        let outcomes =
            catch_unwind(AssertUnwindSafe(|| backend.run_batch(&batch, limits))).unwrap_or_else(|payload| {
                let outcome = panic_outcome(payload);
                vec![outcome; batch.len()]
            });
        (outcomes, started.elapsed().as_secs_f64())
    };
    let done: Vec<OnceLock<(Vec<Outcome>, f64)>> = work.iter().map(|_| OnceLock::new()).collect();
    let next = AtomicUsize::new(0);
    let take_units = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(unit) = work.get(i) else { break };
        let _ = done[i].set(run_work(unit));
    };
    match pool(jobs, limits.thread_stack_bytes) {
        Some(pool) => {
            pool.broadcast(|_| take_units());
        }
        // No pool (e.g. threads cannot be spawned): run sequentially.
        None => take_units(),
    }
    let mut rows: Vec<Vec<Option<Outcome>>> = vec![vec![None; backends.len()]; inputs.len()];
    let mut busy = vec![0.0; backends.len()];
    for ((b, programs), outcomes) in work.into_iter().zip(done) {
        let (outcomes, seconds) = outcomes.into_inner().expect("every unit ran");
        busy[b] += seconds;
        assert_eq!(outcomes.len(), programs.len(), "{}: one outcome per program", backends[b].name());
        for (p, outcome) in programs.zip(outcomes) {
            rows[p][b] = Some(outcome);
        }
    }
    let rows =
        rows.into_iter().map(|row| row.into_iter().map(|o| o.expect("every pair ran")).collect()).collect();
    (rows, busy)
}

/// How many consecutive programs of `programs` [`run_all`] hands a backend
/// that prefers batches at once with `jobs` threads: a few runs per thread,
/// at most [`MAX_RUN`]. Every run costs a batching backend a fixed amount
/// (for the Boa worker process, waking it and its caches up), so runs are as
/// long as keeping the threads busy allows.
pub fn run_len(programs: usize, jobs: usize) -> usize {
    programs.div_ceil(jobs.max(1) * 4).clamp(1, MAX_RUN)
}

/// The longest run of programs handed to a batching backend at once.
pub const MAX_RUN: usize = 32;
