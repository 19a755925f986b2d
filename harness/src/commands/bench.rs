//! `tickdiff bench`: throughput figures, all measured in one run so that
//! their ratios mean something on a noisy shared machine.
//!
//! | section     | what is timed |
//! |-------------|---------------|
//! | `generator` | generating + printing default-size programs |
//! | `reference` | `reference::run` alone on pre-generated programs, one thread |
//! | `engines`   | on a thread of the runner's pool: QuickJS and Boa driven directly through their crates (fresh realm, eval, drain jobs, run timers, trivial host functions) vs the same programs through `Backend::run`; node through its worker |
//! | `boa`       | Boa's per-program cost by phase (realm, host functions, parse, run, collect), and end to end |
//! | `runner`    | `runner::run_all` for reference+quickjs+boa at 1 and 2 threads |
//! | `minimize`  | minimizing the first 20 divergences of a seed between `reference` and `reference:await-3tick` |
//!
//! Timing ([`interleaved`]): the programs are cut into small chunks; every
//! variant being compared runs each chunk a few times, the variants taking
//! turns, and a variant's time is the sum over chunks of its best time on
//! the chunk. Another process stealing the CPU for a moment spoils one
//! attempt on one chunk, not the figure, and all variants see the same
//! conditions. Targets are printed next to the figures, never enforced.

use crate::backends::parse_list;
use crate::differ::compare;
use crate::engines::{self, on_engine_thread};
use crate::error::Error;
use crate::minimize::Minimizer;
use crate::outcome::{Backend, Limits, Outcome, ProgramInput, Status, UNCAUGHT};
use crate::reference::{self, Mutant};
use crate::runner::run_all;
use generators::model::statement_count;
use generators::{print_program, GenConfig, Generator, Program};
use std::time::{Duration, Instant};

/// Guided vs unguided campaigns (`bench guided`, not in the default run: minutes).
mod guided;
/// node timed inside one process, without the worker (for the engines section).
mod node_raw;
/// QuickJS and Boa driven straight through their crates (for the engines section).
mod raw;

use node_raw::node_raw;

/// A section of the benchmark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    Generator,
    Reference,
    Engines,
    Boa,
    Runner,
    Minimize,
    Lowerings,
    Campaign,
    Guided,
}

impl What {
    pub const ALL: [What; 8] = [
        What::Generator,
        What::Reference,
        What::Engines,
        What::Boa,
        What::Runner,
        What::Campaign,
        What::Minimize,
        What::Lowerings,
    ];
}

pub struct BenchOptions {
    /// Programs per measurement pass.
    pub programs: usize,
    pub seed: u64,
    /// Sections to run, in this order; empty means all.
    pub what: Vec<What>,
    /// The backends of the `guided` section's real-engine campaigns.
    pub engines: String,
}

/// Divergences the `minimize` section minimizes.
pub const MINIMIZE_DIVERGENCES: usize = 20;
/// Programs the `minimize` section looks at, at most, to find them.
const MINIMIZE_SEARCH: u64 = 20_000;
/// Attempts per chunk and variant (the best counts).
const ROUNDS: usize = 3;

pub fn bench(opts: &BenchOptions) -> Result<i32, Error> {
    if opts.programs == 0 {
        return Err(Error::Usage("--programs must be at least 1".into()));
    }
    let what: Vec<What> = if opts.what.is_empty() { What::ALL.to_vec() } else { opts.what.clone() };
    // The raw engine loops run on this thread: give it the stack the harness
    // gives its engine threads, so both sides run under the same limits.
    let stack = Limits::default().thread_stack_bytes;
    let programs = opts.programs;
    let seed = opts.seed;
    let engines = opts.engines.as_str();
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("tickdiff-bench".into())
            .stack_size(stack)
            .spawn_scoped(s, move || run_sections(programs, seed, &what, engines))
            .map_err(|e| Error::Internal(format!("spawning the bench thread: {e}")))?
            .join()
            .map_err(|p| Error::Internal(format!("bench panicked: {}", engines::panic_message(&*p))))?
    })
}

fn run_sections(n: usize, seed: u64, what: &[What], engines: &str) -> Result<i32, Error> {
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    println!(
        "tickdiff bench: seed {seed}, {n} programs, {threads} hardware threads{}{}; times are sums over \
         chunks of the best of {ROUNDS} interleaved attempts",
        if cfg!(debug_assertions) { ", DEBUG BUILD (figures meaningless)" } else { "" },
        load_average().map(|l| format!(", load average {l}")).unwrap_or_default()
    );
    let limits = Limits::default();
    let generator = Generator::new(GenConfig::default());
    let inputs: Vec<ProgramInput> = (0..n as u64)
        .map(|i| {
            let p = generator.program(seed, i);
            ProgramInput { source: print_program(&p), model: Some(p) }
        })
        .collect();
    for w in what {
        println!();
        match w {
            What::Generator => section_generator(&generator, seed, &inputs),
            What::Reference => section_reference(&inputs, &limits),
            What::Engines => section_engines(&inputs, &limits),
            What::Boa => run_on_runner_thread(&limits, || section_boa(&inputs, &limits)),
            What::Runner => section_runner(&inputs, &limits)?,
            What::Minimize => section_minimize(&generator, seed, &limits)?,
            What::Lowerings => section_lowerings(&inputs, &limits),
            What::Campaign => section_campaign(&generator, n, seed, &limits)?,
            What::Guided => guided::section_guided(seed, engines, &limits)?,
        }
    }
    if let Some(l) = load_average() {
        println!("\nload average at the end: {l}");
    }
    Ok(super::exit::OK)
}

/// The 1-minute load average (Linux), to tell a quiet machine from a busy one.
fn load_average() -> Option<String> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    text.split_whitespace().next().map(str::to_string)
}

// ---------------------------------------------------------------- timing

/// A variant being timed: runs one chunk; the second argument is the attempt
/// (0 first), so a variant can record its results once.
type Variant<'a, T> = Box<dyn FnMut(&[T], usize) + 'a>;

/// Times `variants` on `items` cut into chunks of `chunk`: per chunk, each
/// variant runs `rounds` times, the variants taking turns; a variant's time
/// is the sum over chunks of its best attempt.
fn interleaved<T>(
    items: &[T],
    chunk: usize,
    rounds: usize,
    variants: &mut [Variant<'_, T>],
) -> Vec<Duration> {
    let mut total = vec![Duration::ZERO; variants.len()];
    for part in items.chunks(chunk.max(1)) {
        let mut best = vec![Duration::MAX; variants.len()];
        for round in 0..rounds.max(1) {
            for (v, f) in variants.iter_mut().enumerate() {
                let t = Instant::now();
                f(part, round);
                best[v] = best[v].min(t.elapsed());
            }
        }
        for (t, b) in total.iter_mut().zip(best) {
            *t += b;
        }
    }
    total
}

// ---------------------------------------------------------------- output

fn met(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "NOT met"
    }
}

fn per_sec(count: usize, d: Duration) -> f64 {
    count as f64 / d.as_secs_f64().max(1e-9)
}

fn us(d: Duration, count: usize) -> f64 {
    d.as_secs_f64() * 1e6 / count.max(1) as f64
}

/// Human-friendly rate: `123,456`.
fn rate(r: f64) -> String {
    let s = format!("{:.0}", r);
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn table(rows: &[Vec<String>]) {
    let cols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count()).max().unwrap_or(0))
        .collect();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> =
            row.iter()
                .enumerate()
                .map(|(c, s)| {
                    if c == 0 {
                        format!("{s:<w$}", w = widths[c])
                    } else {
                        format!("{s:>w$}", w = widths[c])
                    }
                })
                .collect();
        println!("  {}", cells.join("  ").trim_end());
        if i == 0 {
            let total: usize = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
            println!("  {}", "-".repeat(total));
        }
    }
}

fn row<const N: usize>(cells: [&str; N]) -> Vec<String> {
    cells.iter().map(|s| s.to_string()).collect()
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

// ---------------------------------------------------------------- generator

fn section_generator(generator: &Generator, seed: u64, inputs: &[ProgramInput]) {
    let n = inputs.len();
    println!("generator: generate + print default-size programs (GenConfig::default), one thread");
    let indices: Vec<u64> = (0..n as u64).collect();
    let mut bytes = 0usize;
    let t = interleaved(
        &indices,
        25,
        ROUNDS,
        &mut [Box::new(|part: &[u64], round| {
            let b: usize = part.iter().map(|&i| print_program(&generator.program(seed, i)).len()).sum();
            if round == 0 {
                bytes += b;
            }
        })],
    )[0];
    let stmts: usize = inputs.iter().filter_map(|i| i.model.as_ref()).map(statement_count).sum();
    table(&[
        row(["programs", "programs/s", "µs/program", "mean statements", "mean JS bytes"]),
        vec![
            n.to_string(),
            rate(per_sec(n, t)),
            format!("{:.1}", us(t, n)),
            format!("{:.1}", stmts as f64 / n as f64),
            format!("{:.0}", bytes as f64 / n as f64),
        ],
    ]);
}

// ---------------------------------------------------------------- reference

fn section_reference(inputs: &[ProgramInput], limits: &Limits) {
    const TARGET: f64 = 100_000.0;
    let programs: Vec<&Program> = inputs.iter().filter_map(|i| i.model.as_ref()).collect();
    let n = programs.len();
    println!("reference: reference::run alone on pre-generated programs, one thread");
    let max_steps = limits.max_steps;
    // Results and the attempt count from a first, untimed pass: enough
    // attempts per chunk to spend about a second.
    let started = Instant::now();
    let outcomes: Vec<Outcome> =
        programs.iter().map(|p| reference::run(p, Mutant::None, max_steps)).collect();
    let rounds = (1.0 / started.elapsed().as_secs_f64().max(1e-6)).clamp(ROUNDS as f64, 200.0) as usize;
    let events: usize = outcomes.iter().map(|o| o.trace.len()).sum();
    let not_ok = outcomes.iter().filter(|o| o.status != Status::Ok).count();
    let steps: u64 = programs.iter().map(|p| reference::step_count(p, max_steps)).sum();
    // The fixed part of every run: its heap and global environment over the
    // thread's shared intrinsics, and their teardown.
    let empty = Program { body: Vec::new() };
    let t = interleaved(
        &programs,
        25,
        rounds,
        &mut [
            Box::new(|part: &[&Program], _| {
                for p in part {
                    reference::run(p, Mutant::None, max_steps);
                }
            }),
            Box::new(|part: &[&Program], _| {
                for _ in part {
                    reference::run(&empty, Mutant::None, max_steps);
                }
            }),
        ],
    );
    let r = per_sec(n, t[0]);
    table(&[
        row([
            "programs",
            "attempts",
            "programs/s",
            "µs/program",
            "of which setup µs",
            "events/program",
            "tasks+jobs/program",
            "not ok",
        ]),
        vec![
            n.to_string(),
            rounds.to_string(),
            rate(r),
            format!("{:.2}", us(t[0], n)),
            format!("{:.2}", us(t[1], n)),
            format!("{:.1}", events as f64 / n as f64),
            format!("{:.1}", steps as f64 / n as f64),
            not_ok.to_string(),
        ],
    ]);
    println!("  target >= {}/s: {}", rate(TARGET), met(r >= TARGET));
}

// ---------------------------------------------------------------- engines

/// Events logged (without `!uncaught`), to check that the raw loops did the
/// same work as the harness.
fn logged(outcomes: &[Outcome]) -> usize {
    outcomes.iter().map(|o| o.trace.iter().filter(|e| e.label != UNCAUGHT).count()).sum()
}

fn section_engines(inputs: &[ProgramInput], limits: &Limits) {
    // On a thread of the runner's own pool, as campaigns run the backends.
    run_on_runner_thread(limits, || section_engines_here(inputs, limits));
}

/// Programs/s through one worker: V8, JavaScriptCore, SpiderMonkey, XS.
const TARGET_EXTERNAL: f64 = 1_000.0;
/// engine262 interprets ECMA-262's algorithms in JavaScript.
const TARGET_ENGINE262: f64 = 50.0;

fn run_on_runner_thread(limits: &Limits, f: impl FnOnce() + Send) {
    crate::runner::on_runner_thread(limits, f)
}

/// An embedded engine as the raw bench sees it: its name, its raw loop
/// (source in, lines logged out) and its harness backends, in-process first,
/// then isolated in worker processes.
type RawEngine = (&'static str, fn(&str) -> usize, &'static [&'static str]);

fn section_engines_here(inputs: &[ProgramInput], limits: &Limits) {
    const TARGET_OVERHEAD: f64 = 10.0;
    let n = inputs.len();
    // What runner::run_all hands a batching backend in a default campaign
    // on this machine; every variant is timed on chunks of that many.
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let run = crate::runner::run_len(crate::campaign::default_batch(jobs), jobs);
    println!(
        "engines: µs per program, all on a thread of runner::run_all's pool ({} MiB stack, known to the \
         engines), as campaigns run them",
        limits.thread_stack_bytes >> 20
    );
    println!(
        "  raw = the engine crate alone ({}; eval, drain jobs, run timers; trivial natives; Boa's garbage \
         collected after each program, as the harness does, so neither pays for the other's); \
         harness = Backend::run",
        raw::REALM
    );
    let mut rows = vec![row([
        "engine",
        "backend",
        "raw",
        "harness",
        "overhead",
        "events raw/harness",
        "not ok",
        "target <= 10%",
    ])];
    let mut notes = Vec::new();
    let engines_list: [RawEngine; 2] = [
        ("quickjs", raw::quickjs, &["quickjs-inproc", "quickjs"]),
        ("boa", raw::boa, &["boa-inproc", "boa"]),
    ];
    let mut spawn = Duration::ZERO;
    for (engine, raw_fn, names) in engines_list {
        let backends: Vec<Box<dyn Backend>> =
            names.iter().filter_map(|name| engines::backend_by_name(name)).collect();
        // Warm up (allocator, code caches, worker processes).
        raw_fn(&inputs[0].source);
        for b in &backends {
            b.run(&inputs[0], limits);
        }
        let mut ev_raw = 0usize;
        let mut outcomes: Vec<Vec<Outcome>> = vec![Vec::new(); backends.len()];
        let times = {
            let mut variants: Vec<Variant<'_, ProgramInput>> =
                vec![Box::new(|part: &[ProgramInput], round| {
                    let ev: usize = part.iter().map(|i| raw_fn(&i.source)).sum();
                    if round == 0 {
                        ev_raw += ev;
                    }
                })];
            for (b, out) in backends.iter().zip(outcomes.iter_mut()) {
                variants.push(Box::new(move |part: &[ProgramInput], round| {
                    // As the runner calls it: runs of programs for a backend
                    // that prefers them, one program at a time otherwise.
                    let o: Vec<Outcome> = if b.prefers_batches() {
                        b.run_batch(&part.iter().collect::<Vec<_>>(), limits)
                    } else {
                        part.iter().map(|i| b.run(i, limits)).collect()
                    };
                    if round == 0 {
                        out.extend(o);
                    }
                }));
            }
            if engine == "quickjs" {
                // For the legend: what calling an in-process backend from a
                // thread the engines do not know would add per program.
                variants.push(Box::new(|part: &[ProgramInput], _| {
                    for _ in part {
                        on_engine_thread(limits, || Outcome::ok(vec![]));
                    }
                }));
            }
            interleaved(inputs, run, ROUNDS, &mut variants)
        };
        const FIRST_BACKEND: usize = 1;
        if engine == "quickjs" {
            spawn = times[FIRST_BACKEND + backends.len()];
        }
        let t_raw = times[0];
        for (k, b) in backends.iter().enumerate() {
            let t_har = times[FIRST_BACKEND + k];
            let ev_har = logged(&outcomes[k]);
            let not_ok = outcomes[k].iter().filter(|o| o.status != Status::Ok).count();
            let overhead = (t_har.as_secs_f64() / t_raw.as_secs_f64() - 1.0) * 100.0;
            if ev_raw != ev_har {
                notes.push(format!(
                    "{}: the raw loop logged {ev_raw} events, the harness {ev_har} (the trivial host differs, \
                     e.g. on exceptions escaping queueMicrotask callbacks)",
                    b.name()
                ));
            }
            if k > 0 {
                notes.push(format!(
                    "{} - {} = {:.1} µs per program: the cost of running the engine in a worker process \
                     (containment: memory limit, native stack overflows), not of the host: the requests \
                     over a pipe, the answers through a file, one wake-up each way per run, and the \
                     worker's caches going cold while it waits for the next run",
                    b.name(),
                    backends[0].name(),
                    us(t_har, n) - us(times[FIRST_BACKEND], n)
                ));
            }
            let first = k == 0;
            let only_first = |s: String| if first { s } else { String::new() };
            rows.push(vec![
                only_first(engine.to_string()),
                b.name().to_string(),
                only_first(format!("{:.1}", us(t_raw, n))),
                format!("{:.1}", us(t_har, n)),
                format!("{overhead:+.1}%"),
                format!("{ev_raw}/{ev_har}"),
                not_ok.to_string(),
                met(overhead <= TARGET_OVERHEAD).to_string(),
            ]);
        }
    }
    table(&rows);
    println!(
        "  overhead = harness / raw - 1. boa-inproc, quickjs-inproc = the engine in this process; boa, \
         quickjs = the same in worker processes, what campaigns run, given runs of {run} programs as runner::run_all gives it in a \
         default campaign ({} programs a batch, {jobs} threads). Not in any figure: Backend::run called \
         from a thread that is not a runner thread runs the program on a fresh {} MiB thread, spawn + \
         join alone {:.1} µs",
        crate::campaign::default_batch(jobs),
        limits.thread_stack_bytes >> 20,
        us(spawn, n)
    );
    for note in notes {
        println!("  note: {note}");
    }
    external_workers(inputs, limits);
    if engines::node_available() {
        match node_raw(inputs) {
            Ok(raw) => println!(
                "  inside node, timed by node itself (same chunked best-of-3): vm.createContext alone {:.0} µs; \
                 a trivial host (fresh realm, run, timers) {:.0} µs/program; {:.0} µs with vm's `timeout` \
                 option on every evaluation (which the worker does without: the harness enforces the wall \
                 clock by killing the process)",
                raw.context_us, raw.run_us, raw.timeout_us
            ),
            Err(e) => println!("  inside node: not measured ({e})"),
        }
    }
}

/// Boa's cost per program by phase ([`engines::boa::Phase`]), on a runner
/// thread: each phase's best of [`ROUNDS`] runs per program, summed; and
/// `Backend::run` end to end, in process and in a worker, timed as the
/// engines section times them.
fn section_boa(inputs: &[ProgramInput], limits: &Limits) {
    use engines::boa::{timed_run, Phase};
    let n = inputs.len();
    println!(
        "boa: µs per program by phase, on a thread of runner::run_all's pool, best of {ROUNDS} per program"
    );
    let mut best = vec![[Duration::MAX; Phase::ALL.len()]; n];
    for _ in 0..ROUNDS {
        for (input, best) in inputs.iter().zip(best.iter_mut()) {
            let Some((_, times)) = timed_run(&input.source, limits) else {
                println!("  not measured: Boa does not run in place on this thread");
                return;
            };
            for (b, t) in best.iter_mut().zip(times) {
                *b = (*b).min(t);
            }
        }
    }
    let phase_total = |k: usize| best.iter().map(|b| b[k]).sum::<Duration>();
    let total: Duration = (0..Phase::ALL.len()).map(phase_total).sum();
    let mut rows = vec![row(["phase", "µs/program", "share"])];
    for (k, phase) in Phase::ALL.iter().enumerate() {
        let t = phase_total(k);
        rows.push(vec![
            phase.name().to_string(),
            format!("{:.1}", us(t, n)),
            format!("{:.1}%", 100.0 * t.as_secs_f64() / total.as_secs_f64()),
        ]);
    }
    rows.push(vec!["sum of phases".into(), format!("{:.1}", us(total, n)), "100%".into()]);
    let backends: Vec<Box<dyn Backend>> =
        ["boa-inproc", "boa"].iter().filter_map(|name| engines::backend_by_name(name)).collect();
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let run = crate::runner::run_len(crate::campaign::default_batch(jobs), jobs);
    let mut variants: Vec<Variant<'_, ProgramInput>> = Vec::new();
    for b in &backends {
        b.run(&inputs[0], limits);
        variants.push(Box::new(move |part: &[ProgramInput], _| {
            if b.prefers_batches() {
                b.run_batch(&part.iter().collect::<Vec<_>>(), limits);
            } else {
                part.iter().for_each(|i| drop(b.run(i, limits)));
            }
        }));
    }
    let times = interleaved(inputs, run, ROUNDS, &mut variants);
    for (b, t) in backends.iter().zip(times) {
        rows.push(vec![format!("Backend::run, {}", b.name()), format!("{:.1}", us(t, n)), String::new()]);
    }
    table(&rows);
}

/// Programs/s through one worker of every external engine that runs here,
/// on one thread, against its target.
/// Every lowering backend's programs/s through one worker, lowering each
/// program the first time (the transpiler's cost) and again from the
/// worker's cache (what the minimizer's repeats cost), with how many it
/// could not express (`unsupported`) or its transpiler refused.
fn section_lowerings(inputs: &[ProgramInput], limits: &Limits) {
    use crate::engines::lowering;
    let inputs = &inputs[..inputs.len().min(200)];
    let n = inputs.len();
    println!("lowerings: {n} programs, one worker per backend, one thread (tickdiff engines install all)");
    let mut rows = vec![row([
        "backend",
        "tool",
        "lowered programs/s",
        "cached programs/s",
        "unsupported",
        "lowering-error",
        "other not ok",
    ])];
    let mut missing = Vec::new();
    for (name, _, l) in lowering::backend_names() {
        if !engines::available(name) {
            missing.push(name.as_str());
            continue;
        }
        let backend = engines::backend_by_name(name).expect("known lowering");
        // The first run starts the worker and its transpiler: not part of the figure.
        backend.run(&ProgramInput { source: "log('warm');".into(), model: None }, limits);
        let started = Instant::now();
        let outcomes: Vec<Outcome> = inputs.iter().map(|i| backend.run(i, limits)).collect();
        let lowered = started.elapsed();
        let started = Instant::now();
        inputs.iter().for_each(|i| drop(backend.run(i, limits)));
        let cached = started.elapsed();
        let count = |s: Status| outcomes.iter().filter(|o| o.status == s).count();
        let other = outcomes.iter().filter(|o| !o.status.abstains() && o.status != Status::Ok).count();
        rows.push(vec![
            name.clone(),
            lowering::tool_version(l),
            rate(per_sec(n, lowered)),
            rate(per_sec(n, cached)),
            count(Status::Unsupported).to_string(),
            count(Status::LoweringError).to_string(),
            other.to_string(),
        ]);
    }
    table(&rows);
    if !missing.is_empty() {
        println!("  not installed here, skipped: {}", missing.join(", "));
    }
}

fn external_workers(inputs: &[ProgramInput], limits: &Limits) {
    let n = inputs.len();
    let mut rows = vec![row([
        "external engine (one worker, one thread)",
        "version",
        "programs/s",
        "µs/program",
        "not ok",
        "target",
        "met",
    ])];
    let mut missing = Vec::new();
    for spec in engines::external_engines() {
        if !engines::available(spec.name) {
            missing.push(spec.name);
            continue;
        }
        let backend = engines::backend_by_name(spec.name).expect("known engine");
        // The first run starts the worker process: not part of the figure.
        backend.run(&inputs[0], limits);
        let mut not_ok = 0;
        let t = interleaved(
            inputs,
            25,
            ROUNDS,
            &mut [Box::new(|part: &[ProgramInput], round| {
                let bad = part.iter().filter(|i| backend.run(i, limits).status != Status::Ok).count();
                if round == 0 {
                    not_ok += bad;
                }
            })],
        )[0];
        let r = per_sec(n, t);
        // engine262 interprets the spec's algorithms in JavaScript.
        let target = if spec.name == "engine262" { TARGET_ENGINE262 } else { TARGET_EXTERNAL };
        rows.push(vec![
            spec.name.to_string(),
            backend.version(),
            rate(r),
            format!("{:.1}", us(t, n)),
            not_ok.to_string(),
            format!(">= {target:.0}/s"),
            met(r >= target).to_string(),
        ]);
    }
    println!();
    table(&rows);
    if !missing.is_empty() {
        println!("  not installed here, skipped: {} (tickdiff engines install)", missing.join(", "));
    }
}

// ---------------------------------------------------------------- runner

fn section_runner(inputs: &[ProgramInput], limits: &Limits) -> Result<(), Error> {
    const TARGET: f64 = 1.8;
    let n = inputs.len();
    let backends: Vec<Box<dyn Backend>> = parse_list("reference,quickjs,boa")?;
    // Both thread counts on the batches a 2-thread `fuzz` hands run_all (a
    // 1-thread one hands it half as many, cut into the same runs).
    let batch = crate::campaign::default_batch(2);
    println!(
        "runner: runner::run_all, end to end, reference+quickjs+boa ({} runs per program), in batches of \
         {batch} programs as a 2-thread `fuzz` calls it",
        backends.len(),
    );
    // Warm up both pools (created once per process) and their workers.
    let warm = &inputs[..inputs.len().min(4)];
    run_all(warm, &backends, limits, 1);
    run_all(warm, &backends, limits, 2);
    let t = interleaved(
        inputs,
        batch,
        ROUNDS,
        &mut [
            Box::new(|part: &[ProgramInput], _| {
                run_all(part, &backends, limits, 1);
            }),
            Box::new(|part: &[ProgramInput], _| {
                run_all(part, &backends, limits, 2);
            }),
        ],
    );
    let (r1, r2) = (per_sec(n, t[0]), per_sec(n, t[1]));
    let speedup = r2 / r1;
    table(&[
        row(["threads", "programs/s", "ms/program", "speedup"]),
        vec!["1".into(), rate(r1), format!("{:.2}", us(t[0], n) / 1e3), "1.00x".into()],
        vec!["2".into(), rate(r2), format!("{:.2}", us(t[1], n) / 1e3), format!("{speedup:.2}x")],
    ]);
    println!("  target speedup >= {TARGET:.1}x at 2 threads: {}", met(speedup >= TARGET));
    Ok(())
}

// ---------------------------------------------------------------- campaign

/// `tickdiff fuzz` end to end against `runner::run_all` alone on the same
/// programs: what generation, triage, minimization and the campaign
/// directory cost on top of running. The default engines on the default
/// seed hit known QuickJS bugs often (one program in twenty); with the
/// repository's baseline they are repeats of known buckets, without it each
/// bucket's first sighting is minimized.
fn section_campaign(generator: &Generator, n: usize, seed: u64, limits: &Limits) -> Result<(), Error> {
    const TARGET: f64 = 0.9;
    let count = (n * 10).max(2000);
    let jobs = 2;
    let backends: Vec<Box<dyn Backend>> = parse_list("reference,quickjs,boa")?;
    let baseline_file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/baseline.yaml");
    let baseline = crate::campaign::Baseline::load(&baseline_file)?.ids();
    println!(
        "campaign: `tickdiff fuzz` end to end (seed {seed}, {count} programs, reference+quickjs+boa, {jobs} \
         threads) vs runner::run_all on the same programs in the same batches; best of 2, taking turns"
    );
    let inputs: Vec<ProgramInput> = (0..count as u64)
        .map(|i| {
            let p = generator.program(seed, i);
            ProgramInput { source: print_program(&p), model: Some(p) }
        })
        .collect();
    let batch = crate::campaign::default_batch(jobs);
    let runner = || {
        let started = Instant::now();
        for part in inputs.chunks(batch) {
            run_all(part, &backends, limits, jobs);
        }
        started.elapsed()
    };
    let campaign = |baseline: &std::collections::BTreeSet<String>| -> Result<_, Error> {
        let dir = tempfile::tempdir().map_err(Error::io(&std::env::temp_dir()))?;
        let cfg = crate::campaign::CampaignConfig {
            seed,
            count: Some(count as u64),
            time: None,
            jobs,
            out: dir.path().join("c"),
            shard: (1, 1),
            baseline: baseline.clone(),
            generator: GenConfig::default(),
            limits: limits.clone(),
            batch,
        };
        let stop = std::sync::atomic::AtomicBool::new(false);
        let started = Instant::now();
        let summary = crate::campaign::run_campaign(&cfg, &backends, &stop, |_| {})?;
        Ok((started.elapsed(), summary))
    };
    runner();
    let (mut best_run, mut best_known, mut best_new) = (Duration::MAX, None, None);
    let keep = |best: &mut Option<(Duration, crate::campaign::summary::CampaignSummary)>,
                got: (Duration, _)| {
        if best.as_ref().is_none_or(|(t, _)| got.0 < *t) {
            *best = Some(got);
        }
    };
    for _ in 0..2 {
        best_run = best_run.min(runner());
        keep(&mut best_known, campaign(&baseline)?);
        keep(&mut best_new, campaign(&Default::default())?);
    }
    let runner_rate = per_sec(count, best_run);
    let mut rows = vec![
        row(["", "programs/s", "x runner", "divergent", "minimizations", "generate share"]),
        vec!["runner::run_all".into(), rate(runner_rate), "1.00x".into(), "".into(), "".into(), "".into()],
    ];
    let mut known_ratio = 0.0;
    for (name, best) in [("fuzz, known bugs in the baseline", &best_known), ("fuzz, no baseline", &best_new)]
    {
        let (t, summary) = best.as_ref().expect("ran twice");
        let r = per_sec(count, *t);
        let run: f64 = summary.time.run.values().sum();
        let share = summary.time.generate / (summary.time.generate + run).max(1e-9);
        if name.contains("known") {
            known_ratio = r / runner_rate;
        }
        rows.push(vec![
            name.into(),
            rate(r),
            format!("{:.2}x", r / runner_rate),
            summary.divergent_programs.to_string(),
            summary.time.minimizations.to_string(),
            format!("{:.1}%", 100.0 * share),
        ]);
    }
    table(&rows);
    let (_, summary) = best_known.as_ref().expect("ran twice");
    let per_program = |s: f64| format!("{:.0} µs", s * 1e6 / count as f64);
    let costs: Vec<String> = std::iter::once(format!("generate {}", per_program(summary.time.generate)))
        .chain(summary.time.run.iter().map(|(b, s)| format!("{b} {}", per_program(*s))))
        .collect();
    println!("  per program (thread time, known-bugs campaign): {}", costs.join(", "));
    println!(
        "  target campaign >= {TARGET:.1}x the runner with the frequent known bugs: {}",
        met(known_ratio >= TARGET)
    );
    let run: f64 = summary.time.run.values().sum();
    let share = summary.time.generate / (summary.time.generate + run).max(1e-9);
    println!("  target generation <= 10% of a program's cost: {}", met(share <= 0.10));
    Ok(())
}

// ---------------------------------------------------------------- minimize

fn section_minimize(generator: &Generator, seed: u64, limits: &Limits) -> Result<(), Error> {
    const TARGET: f64 = 2.0;
    /// Target for the median minimized repro, in statements.
    const TARGET_STATEMENTS: f64 = 5.0;
    let backends: Vec<Box<dyn Backend>> = parse_list("reference,reference:await-3tick")?;
    let names: Vec<&str> = backends.iter().map(|b| b.name()).collect();
    println!(
        "minimize: the first {MINIMIZE_DIVERGENCES} divergences of seed {seed} between {}, each minimized by \
         a fresh Minimizer (rayon pool of {} threads); single runs, wall clock",
        names.join(" and "),
        rayon::current_num_threads()
    );
    let started = Instant::now();
    let mut found: Vec<Program> = Vec::new();
    let mut scanned = 0u64;
    'scan: while scanned < MINIMIZE_SEARCH {
        let batch: Vec<ProgramInput> = (scanned..(scanned + 64).min(MINIMIZE_SEARCH))
            .map(|i| {
                let p = generator.program(seed, i);
                ProgramInput { source: print_program(&p), model: Some(p) }
            })
            .collect();
        let results = run_all(&batch, &backends, limits, rayon::current_num_threads());
        for (input, outcomes) in batch.into_iter().zip(results) {
            scanned += 1;
            if compare(&names, &outcomes).is_some() {
                found.push(input.model.expect("generated"));
                if found.len() == MINIMIZE_DIVERGENCES {
                    break 'scan;
                }
            }
        }
    }
    let scan_time = started.elapsed();
    if found.is_empty() {
        println!("  no divergence in the first {scanned} programs");
        return Ok(());
    }
    let mut secs = Vec::new();
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut checks = Vec::new();
    for p in &found {
        let t = Instant::now();
        let minimizer = Minimizer::new(&backends, limits.clone());
        let Some(m) = minimizer.minimize(p) else { continue };
        secs.push(t.elapsed().as_secs_f64());
        before.push(statement_count(p) as f64);
        after.push(statement_count(&m.program) as f64);
        checks.push(m.checks as f64);
    }
    let med = median(secs.clone());
    let med_after = median(after.clone());
    let max = secs.iter().cloned().fold(0.0, f64::max);
    table(&[
        row([
            "divergences",
            "scanned",
            "scan s",
            "median s",
            "max s",
            "total s",
            "median stmts before",
            "after",
            "median checks",
        ]),
        vec![
            secs.len().to_string(),
            scanned.to_string(),
            format!("{:.2}", scan_time.as_secs_f64()),
            format!("{med:.3}"),
            format!("{max:.3}"),
            format!("{:.2}", secs.iter().sum::<f64>()),
            statements(median(before)),
            statements(med_after),
            format!("{:.0}", median(checks)),
        ],
    ]);
    println!("  target median <= {TARGET:.0} s per divergence: {}", met(med <= TARGET));
    println!(
        "  target median repro <= {TARGET_STATEMENTS:.0} statements: {}",
        met(med_after <= TARGET_STATEMENTS)
    );
    Ok(())
}

/// A median statement count: whole, or halfway between two (`5.5`), never
/// rounded (`{:.0}` would print 5.5 as 6 and 4.5 as 4).
fn statements(median: f64) -> String {
    if median.fract() == 0.0 {
        format!("{median:.0}")
    } else {
        format!("{median:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_grouped_by_thousands() {
        assert_eq!(rate(0.4), "0");
        assert_eq!(rate(999.0), "999");
        assert_eq!(rate(1_000.0), "1,000");
        assert_eq!(rate(1_234_567.0), "1,234,567");
    }

    #[test]
    fn interleaved_runs_every_variant_on_every_chunk_each_round() {
        let items: Vec<u32> = (0..10).collect();
        let mut seen = [Vec::new(), Vec::new()];
        let [a, b] = &mut seen;
        let times = interleaved(
            &items,
            4,
            3,
            &mut [
                Box::new(|part: &[u32], round| a.push((part.len(), round))),
                Box::new(|part: &[u32], round| b.push((part.len(), round))),
            ],
        );
        assert_eq!(times.len(), 2);
        let want: Vec<(usize, usize)> =
            [4, 4, 2].iter().flat_map(|&len| (0..3).map(move |r| (len, r))).collect();
        assert_eq!(seen[0], want);
        assert_eq!(seen[1], want);
    }

    /// The raw loops are only a fair baseline if they do the harness's work.
    #[test]
    fn raw_loops_log_what_the_harness_logs() {
        let limits = Limits::default();
        let generator = Generator::new(GenConfig::default());
        let quickjs = engines::backend_by_name("quickjs-inproc").unwrap();
        let boa = engines::backend_by_name("boa-inproc").unwrap();
        let inputs: Vec<ProgramInput> = (0..12)
            .map(|i| {
                let p = generator.program(7, i);
                ProgramInput { source: print_program(&p), model: Some(p) }
            })
            .collect();
        crate::runner::on_runner_thread(&limits, || {
            for input in &inputs {
                let src = &input.source;
                assert_eq!(raw::quickjs(src), logged(&[quickjs.run(input, &limits)]), "{src}");
                assert_eq!(raw::boa(src), logged(&[boa.run(input, &limits)]), "{src}");
            }
        });
    }

    #[test]
    fn generator_and_reference_sections_run() {
        let opts = BenchOptions {
            programs: 3,
            seed: 1,
            what: vec![What::Generator, What::Reference],
            engines: String::new(),
        };
        assert_eq!(bench(&opts).unwrap(), super::super::exit::OK);
    }
}
