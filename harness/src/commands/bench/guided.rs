//! `tickdiff bench guided`: guided campaigns ([`crate::campaign::guided`])
//! against unguided ones, measured, not assumed (issue 19):
//! - for each reference mutant, the programs until its first divergence
//!   from the reference (its first bucket), over a few seeds, median;
//! - on the real engines, for equal CPU time, the distinct buckets found
//!   (by bucket key, which names a divergence's bucket before it is
//!   minimized) per CPU-minute, and the spec steps hit after N programs.
//!
//! Both modes take programs in batches of `guided::BATCH` and show the
//! guided corpus each batch after running it, as `fuzz --guided` does; the
//! guided mode's first two batches are the unguided programs (its corpus
//! is empty until then). CPU time is this process's (`getrusage`) plus its
//! engine worker processes' (`/proc`); the unguided mode's coverage
//! counting, which a campaign does not do, is left out of it.

use crate::backends::parse_list;
use crate::bucket::{bucket_id, bucket_key};
use crate::campaign::guided::{Guided, ProgramSource, BATCH};
use crate::campaign::thread_cpu_seconds;
use crate::differ::compare;
use crate::error::Error;
use crate::outcome::{Limits, ProgramInput};
use crate::reference::{self, coverage::Step, Mutant};
use crate::runner::run_all;
use generators::{print_program, GenConfig, Generator, Program};
use std::collections::BTreeSet;

/// Seeds per mutant (the median is shown).
const SEEDS: u64 = 3;
/// Programs a mode may take to find a mutant, at most.
const MUTANT_CAP: u64 = 10_000;
/// CPU seconds each mode gets on the real engines.
const CPU_SECONDS: f64 = 30.0;
/// Where the coverage curve is read.
const CURVE: [u64; 4] = [256, 1024, 4096, 16_384];

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Unguided,
    Guided,
}

impl Mode {
    fn source(self, limits: &Limits) -> Box<dyn ProgramSource> {
        match self {
            Mode::Unguided => Box::new(Generator::new(GenConfig::default())),
            Mode::Guided => Box::new(Guided::in_memory(GenConfig::default(), limits.max_steps, vec![])),
        }
    }
}

/// The programs up to and including the first on which `mutant` and the
/// reference disagree; `None` past `MUTANT_CAP`.
fn programs_to_first_bucket(mode: Mode, mutant: Mutant, seed: u64, limits: &Limits) -> Option<u64> {
    let source = mode.source(limits);
    let names = ["reference", "mutant"];
    let mut start = 0;
    while start < MUTANT_CAP {
        let indices: Vec<u64> = (start..start + BATCH as u64).collect();
        let programs: Vec<Program> = indices.iter().map(|&i| source.program(seed, i)).collect();
        for (i, p) in indices.iter().zip(&programs) {
            let outcomes = [
                reference::run_with_limits(p, Mutant::None, limits),
                reference::run_with_limits(p, mutant, limits),
            ];
            if compare(&names, &outcomes).is_some() {
                return Some(i + 1);
            }
        }
        let _ = source.observe(&indices, &programs);
        start += BATCH as u64;
    }
    None
}

fn median(mut xs: Vec<Option<u64>>) -> Option<u64> {
    // `None` (not found) sorts above every count.
    xs.sort_by_key(|x| x.unwrap_or(u64::MAX));
    xs[xs.len() / 2]
}

fn shown(x: Option<u64>) -> String {
    x.map_or(format!(">{MUTANT_CAP}"), |n| n.to_string())
}

/// CPU seconds of this process and its live child processes (engine workers).
fn cpu_seconds() -> f64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage only writes the struct it is given.
    let own = if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } == 0 {
        let t = |tv: libc::timeval| tv.tv_sec as f64 + tv.tv_usec as f64 * 1e-6;
        t(usage.ru_utime) + t(usage.ru_stime)
    } else {
        0.0
    };
    own + children_cpu_seconds()
}

/// utime + stime of every child process, from `/proc/self/task/*/children`.
fn children_cpu_seconds() -> f64 {
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    let mut total = 0.0;
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else { return 0.0 };
    for task in tasks.flatten() {
        let Ok(children) = std::fs::read_to_string(task.path().join("children")) else { continue };
        for pid in children.split_whitespace() {
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { continue };
            // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
            let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else { continue };
            let fields: Vec<&str> = rest.split_whitespace().collect();
            let field = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
            total += (field(11) + field(12)) / ticks;
        }
    }
    total
}

/// What a mode found on the real engines in its CPU time.
struct EngineRun {
    programs: u64,
    cpu: f64,
    buckets: usize,
    /// Steps hit after each `CURVE` point it reached.
    curve: Vec<usize>,
}

fn engine_run(mode: Mode, engines: &str, seed: u64, limits: &Limits) -> Result<EngineRun, Error> {
    let backends = parse_list(engines)?;
    let names: Vec<&str> = backends.iter().map(|b| b.name()).collect();
    let jobs = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let source = mode.source(limits);
    let mut buckets = BTreeSet::new();
    let mut hit = [false; Step::ALL.len()];
    let mut curve = Vec::new();
    let started = cpu_seconds();
    let mut uncounted = 0.0;
    let mut start = 0u64;
    while cpu_seconds() - started - uncounted < CPU_SECONDS {
        let indices: Vec<u64> = (start..start + BATCH as u64).collect();
        let programs: Vec<Program> = indices.iter().map(|&i| source.program(seed, i)).collect();
        let inputs: Vec<ProgramInput> = programs
            .iter()
            .map(|p| ProgramInput { source: print_program(p), model: Some(p.clone()) })
            .collect();
        let rows = run_all(&inputs, &backends, limits, jobs);
        for (p, outcomes) in programs.iter().zip(&rows) {
            if let Some(d) = compare(&names, outcomes) {
                let key = bucket_key(p, &d, limits.max_steps);
                buckets.insert(bucket_id(&key, &d.signature.kind));
            }
        }
        source.observe(&indices, &programs)?;
        // The coverage curve: the guided corpus counted it already; the
        // unguided campaign would not, so its cost is not charged.
        let counting = thread_cpu_seconds();
        for p in &programs {
            let (_, steps) = reference::run_with_coverage(p, Mutant::None, limits.max_steps);
            for s in steps.hit() {
                hit[s as usize] = true;
            }
        }
        uncounted += thread_cpu_seconds() - counting;
        start += BATCH as u64;
        if CURVE.get(curve.len()) == Some(&start) {
            curve.push(hit.iter().filter(|h| **h).count());
        }
    }
    let cpu = cpu_seconds() - started - uncounted;
    Ok(EngineRun { programs: start, cpu, buckets: buckets.len(), curve })
}

/// The section: measures, prints one table.
pub fn section_guided(seed: u64, engines: &str, limits: &Limits) -> Result<(), Error> {
    println!(
        "guided: guided vs unguided campaigns (issue 19); targets: guided <= 1/2 the programs to each mutant's \
         first bucket, >= as many distinct real-engine buckets per CPU-minute"
    );
    let mut rows: Vec<[String; 4]> =
        vec![["measure".into(), "unguided".into(), "guided".into(), "target".into()]];
    for mutant in Mutant::ALL {
        let seeds = seed..seed + SEEDS;
        let unguided: Vec<_> =
            seeds.clone().map(|s| programs_to_first_bucket(Mode::Unguided, mutant, s, limits)).collect();
        let guided: Vec<_> =
            seeds.map(|s| programs_to_first_bucket(Mode::Guided, mutant, s, limits)).collect();
        let (u, g) = (median(unguided.clone()), median(guided.clone()));
        let met = match (u, g) {
            (Some(u), Some(g)) => 2 * g <= u,
            (None, Some(_)) => true,
            _ => false,
        };
        let each = |xs: &[Option<u64>]| xs.iter().map(|x| shown(*x)).collect::<Vec<_>>().join("/");
        rows.push([
            format!(
                "programs to the first {} bucket, median of seeds {seed}..{}",
                mutant.suffix(),
                seed + SEEDS - 1
            ),
            format!("{} ({})", shown(u), each(&unguided)),
            format!("{} ({})", shown(g), each(&guided)),
            format!("<= 1/2: {}", if met { "met" } else { "NOT met" }),
        ]);
    }
    let unguided = engine_run(Mode::Unguided, engines, seed, limits)?;
    let guided = engine_run(Mode::Guided, engines, seed, limits)?;
    let per_minute = |r: &EngineRun| r.buckets as f64 / (r.cpu / 60.0).max(1e-9);
    let (u, g) = (per_minute(&unguided), per_minute(&guided));
    let describe = |r: &EngineRun| {
        format!("{:.1} ({} buckets, {} programs, {:.0} CPU s)", per_minute(r), r.buckets, r.programs, r.cpu)
    };
    rows.push([
        format!("distinct buckets per CPU-minute on {engines}, seed {seed}"),
        describe(&unguided),
        describe(&guided),
        format!(">= unguided: {}", if g >= u { "met" } else { "NOT met" }),
    ]);
    for (i, n) in CURVE.iter().enumerate() {
        let at =
            |r: &EngineRun| r.curve.get(i).map_or("-".to_string(), |h| format!("{h}/{}", Step::ALL.len()));
        if unguided.curve.len() > i || guided.curve.len() > i {
            rows.push([
                format!("spec steps hit after {n} programs"),
                at(&unguided),
                at(&guided),
                String::new(),
            ]);
        }
    }
    let widths: Vec<usize> =
        (0..4).map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0)).collect();
    for r in &rows {
        let cells: Vec<String> = r.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
        println!("  {}", cells.join(" | ").trim_end());
    }
    Ok(())
}
