//! A fuzzing campaign: generate programs of one seed (a shard of them), run
//! them on every backend in parallel, bucket each divergence (minimizing the
//! first of each new bucket key, [`triage`]), and keep the campaign
//! directory up to date on disk after every batch.
//!
//! Directory layout (`--out DIR`):
//! - `campaign.json`: the [`summary::CampaignSummary`], rewritten atomically;
//! - `buckets/<id>.yaml`: the smallest repro of each bucket, as a corpus case
//!   with every backend's trace, the versions and the divergence;
//! - `buckets/<id>.js`: the same repro as a standalone `node` script;
//! - `buckets/<id>.test262.js`: a test262-style test, where one can be written;
//! - `baseline.yaml`: every bucket found, ready to pass as `--baseline`.
//!
//! Every file is written through a temporary file and a rename, so a killed
//! campaign leaves whole files only, and every bucket reported so far is on disk.

pub mod coverage;
pub mod guided;
pub mod summary;
pub mod triage;

use crate::bucket::{bucket_id, bucket_key};
use crate::differ::{compare, describe_first, Divergence};
use crate::engines::lowering;
use crate::error::Error;
use crate::export;
use crate::fsutil::write_atomic;
use crate::minimize::{Minimized, Minimizer};
use crate::outcome::{Backend, Limits, Outcome, ProgramInput};
use crate::reference;
use crate::runner::run_all_timed;
use generators::census::{category, constructs};
use generators::corpus::{CorpusCase, MalformedFile, RecordedDivergence, RecordedResult};
use generators::model::statement_count;
use generators::{print_program, GenConfig, Generator, GENERATOR_VERSION};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::time::{Duration, Instant};
use summary::*;
use triage::{Decision, Settled};

pub struct CampaignConfig {
    pub seed: u64,
    /// Programs to run in this shard; `None` runs until `time` is up.
    pub count: Option<u64>,
    pub time: Option<Duration>,
    pub jobs: usize,
    pub out: PathBuf,
    /// `(k, n)`: this shard runs program indices `i` with `i % n == k - 1`.
    pub shard: (u64, u64),
    /// Bucket ids already known: finding only these is not a failure.
    pub baseline: BTreeSet<String>,
    pub generator: GenConfig,
    pub limits: Limits,
    /// Programs per batch; the summary is written after each.
    pub batch: usize,
}

/// Programs per batch of `fuzz` with `jobs` threads: ~0.1 s of work, and
/// long enough that the runner hands the Boa worker runs of
/// [`crate::runner::MAX_RUN`] programs (each run costs it a fixed ~0.3 ms).
pub fn default_batch(jobs: usize) -> usize {
    128 * jobs.max(1)
}

/// Live counters for a progress display.
pub struct Progress<'a> {
    pub programs: u64,
    pub divergent: u64,
    pub buckets: usize,
    pub new_buckets: usize,
    pub statuses: &'a BTreeMap<String, BTreeMap<String, u64>>,
    pub elapsed: Duration,
    /// Divergences waiting in the minimization queue.
    pub queued: usize,
    pub time: &'a TimeSpent,
}

/// The baseline file: known buckets, with their keys for people to read.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub buckets: Vec<BaselineEntry>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    pub id: String,
    #[serde(default)]
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path).map_err(Error::io(path))?;
        serde_yaml::from_str(&text).map_err(|e| {
            let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
            let path = path.display().to_string();
            Error::Input(MalformedFile { path, line, column, message: e.to_string() })
        })
    }
    pub fn ids(&self) -> BTreeSet<String> {
        self.buckets.iter().map(|b| b.id.clone()).collect()
    }
}

/// Runs a campaign until `count` programs ran, `time` is up or `stop` is
/// set; returns the final summary (also on disk).
///
/// Generation and running go on in this thread; divergences the triage
/// ([`triage`]) sends to be minimized go to a queue that one minimizer
/// thread works through in program order, its candidate checks on rayon's
/// global pool (its share of the threads). Its results are taken in
/// between batches, and all of them before the campaign ends.
pub fn run_campaign(
    cfg: &CampaignConfig,
    backends: &[Box<dyn Backend>],
    stop: &AtomicBool,
    on_progress: impl FnMut(&Progress),
) -> Result<CampaignSummary, Error> {
    run_campaign_from(cfg, backends, &Generator::new(cfg.generator.clone()), stop, on_progress)
}

/// [`run_campaign`] on the programs of `source` (a guided corpus: [`guided`]).
pub fn run_campaign_from(
    cfg: &CampaignConfig,
    backends: &[Box<dyn Backend>],
    generator: &dyn guided::ProgramSource,
    stop: &AtomicBool,
    mut on_progress: impl FnMut(&Progress),
) -> Result<CampaignSummary, Error> {
    let names: Vec<&str> = backends.iter().map(|b| b.name()).collect();
    let (k, n) = cfg.shard;
    if n == 0 || k == 0 || k > n {
        return Err(Error::Usage(format!("bad shard {k}/{n}: use K/N with 1 <= K <= N")));
    }
    let fresh = CampaignSummary {
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        generator_version: GENERATOR_VERSION,
        seed: cfg.seed,
        seeds: vec![cfg.seed],
        shard: (n > 1).then(|| format!("{k}/{n}")),
        backends: names.iter().map(|s| s.to_string()).collect(),
        versions: backends.iter().map(|b| (b.name().to_string(), b.version())).collect(),
        index_offset: k - 1,
        index_stride: n,
        generator_config: Some(cfg.generator.clone()),
        ..Default::default()
    };
    let mut summary = open_directory(&cfg.out, fresh)?;
    // The programs recorded are always the first `programs` of the shard
    // (in order, see below), so a resumed campaign goes on from there.
    let resumed_programs = summary.programs;
    let resumed_seconds = summary.elapsed_seconds;
    save(&cfg.out, &summary)?;
    generator.start(&cfg.out, resumed_programs)?;
    let started = Instant::now();
    let elapsed = || resumed_seconds + started.elapsed().as_secs_f64();
    let mut next_program: u64 = resumed_programs;
    // The minimizer runs candidate checks on rayon's global pool.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.jobs.max(1))
        .stack_size(cfg.limits.thread_stack_bytes)
        .build_global();
    std::thread::scope(|scope| -> Result<(), Error> {
        let (queue, results) = minimizer_thread(scope, cfg, backends, stop);
        let (to_run, ran_back) = runner_thread(scope, cfg, backends);
        let mut campaign =
            Running { cfg, backends, generator, summary: &mut summary, queue: Some(queue), results };
        // Divergences a stopped campaign had queued are queued again, first
        // (they precede every program still to run).
        for index in campaign.summary.triage.queued() {
            campaign.enqueue(index, generator.program(cfg.seed, index));
        }
        let shard_index = |j: u64| (k - 1) + j * n;
        let mut ahead: Option<Batch> = None;
        let mut ran_before: Option<(Batch, Ran)> = None;
        loop {
            let remaining = cfg.count.map(|c| c.saturating_sub(next_program)).unwrap_or(u64::MAX);
            let out_of_time = cfg.time.is_some_and(|t| started.elapsed() >= t);
            if remaining == 0 || out_of_time {
                break;
            }
            if stop.load(Ordering::SeqCst) {
                campaign.summary.interrupted = true;
                break;
            }
            // Batches start at multiples of the batch size, also after a resume (guided::BATCH).
            let size = remaining.min(cfg.batch.max(1) as u64 - next_program % cfg.batch.max(1) as u64);
            let batch = match ahead.take() {
                Some(b)
                    if b.indices.first() == Some(&shard_index(next_program))
                        && b.indices.len() as u64 == size =>
                {
                    b
                }
                _ => {
                    Batch::generate(generator, cfg.seed, (next_program..next_program + size).map(shard_index))
                }
            };
            next_program += size;
            let after = cfg.count.map(|c| c.saturating_sub(next_program)).unwrap_or(u64::MAX);
            let next_size = after.min(cfg.batch.max(1) as u64);
            // While this batch runs, this thread records the one before and
            // generates the one after, so the runner threads never wait.
            let Batch { indices, programs, inputs, seconds } = batch;
            to_run.send(inputs).map_err(|_| runner_ended())?;
            if let Some((previous, ran)) = ran_before.take() {
                campaign.record_batch(previous, ran)?;
                campaign.summary.elapsed_seconds = elapsed();
                save(&cfg.out, campaign.summary)?;
                on_progress(&campaign.progress(started.elapsed()));
            }
            ahead = (next_size > 0 && !stop.load(Ordering::SeqCst)).then(|| {
                let from = next_program;
                Batch::generate(generator, cfg.seed, (from..from + next_size).map(shard_index))
            });
            let (inputs, ran) = ran_back.recv().map_err(|_| runner_ended())?;
            ran_before = Some((Batch { indices, programs, inputs, seconds }, ran));
        }
        if let Some((previous, ran)) = ran_before.take() {
            campaign.record_batch(previous, ran)?;
            campaign.summary.elapsed_seconds = elapsed();
            save(&cfg.out, campaign.summary)?;
            on_progress(&campaign.progress(started.elapsed()));
        }
        // A campaign that ran to its end waits for every minimization; a
        // stopped one for none: they stay queued in campaign.json and are
        // redone when it resumes.
        if stop.load(Ordering::SeqCst) {
            campaign.queue = None;
        }
        campaign.take_results(true)?;
        campaign.queue = None;
        Ok(())
    })?;
    summary.interrupted |= stop.load(Ordering::SeqCst);
    summary.finished = !summary.interrupted;
    summary.elapsed_seconds = elapsed();
    save(&cfg.out, &summary)?;
    Ok(summary)
}

fn runner_ended() -> Error {
    Error::Internal("the runner thread ended".into())
}

/// A batch of programs, generated and printed.
struct Batch {
    indices: Vec<u64>,
    programs: Vec<generators::Program>,
    inputs: Vec<ProgramInput>,
    /// Seconds it took.
    seconds: f64,
}

impl Batch {
    fn generate(
        generator: &dyn guided::ProgramSource,
        seed: u64,
        indices: impl Iterator<Item = u64>,
    ) -> Batch {
        let started = thread_cpu_seconds();
        let indices: Vec<u64> = indices.collect();
        let programs: Vec<_> = indices.iter().map(|&i| generator.program(seed, i)).collect();
        let inputs = programs
            .iter()
            .map(|p| ProgramInput { source: print_program(p), model: Some(p.clone()) })
            .collect();
        Batch { indices, programs, inputs, seconds: thread_cpu_seconds() - started }
    }
}

/// CPU seconds this thread used so far: generation runs beside the runner
/// threads, so its wall-clock time would count their turns on the cores too.
pub(crate) fn thread_cpu_seconds() -> f64 {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime only writes the timespec it is given.
    if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } != 0 {
        return 0.0;
    }
    t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9
}

/// A divergent program to minimize.
struct Job {
    index: u64,
    program: generators::Program,
}

/// What its minimization gave.
struct Done {
    index: u64,
    program: generators::Program,
    /// The minimized divergence, its key and bucket; `None` when it did not reproduce.
    found: Option<(Minimized, String, String)>,
    seconds: f64,
}

/// A batch of programs with what running them gave.
type RanBatch = (Vec<ProgramInput>, Ran);

/// Starts the thread that runs the batches it is sent on every backend, in
/// order, and sends each back with its outcomes. One thread for the whole
/// campaign: a thread per batch would cost the allocator a heap each time.
fn runner_thread<'scope, 'env>(
    scope: &'scope std::thread::Scope<'scope, 'env>,
    cfg: &'env CampaignConfig,
    backends: &'env [Box<dyn Backend>],
) -> (Sender<Vec<ProgramInput>>, Receiver<RanBatch>) {
    let (to_run, batches) = channel::<Vec<ProgramInput>>();
    let (ran, ran_back) = channel();
    scope.spawn(move || {
        for inputs in batches {
            let outcomes = run_all_timed(&inputs, backends, &cfg.limits, cfg.jobs);
            if ran.send((inputs, outcomes)).is_err() {
                break;
            }
        }
    });
    (to_run, ran_back)
}

/// Starts the thread that minimizes queued divergences in the order they
/// were queued. Stopping the campaign cancels the minimization under way
/// (its partial result is dropped) and ends the thread.
fn minimizer_thread<'scope, 'env>(
    scope: &'scope std::thread::Scope<'scope, 'env>,
    cfg: &'env CampaignConfig,
    backends: &'env [Box<dyn Backend>],
    stop: &'env AtomicBool,
) -> (Sender<Job>, Receiver<Done>) {
    let (queue, jobs) = channel::<Job>();
    let (results, done) = channel::<Done>();
    scope.spawn(move || {
        for job in jobs {
            if stop.load(Ordering::SeqCst) {
                break;
            }
            let started = Instant::now();
            let minimizer = Minimizer::new(backends, cfg.limits.clone()).cancelled_by(stop);
            let found = minimizer.minimize(&job.program).map(|min| {
                let key = bucket_key(&min.program, &min.divergence, cfg.limits.max_steps);
                let id = bucket_id(&key, &min.divergence.signature.kind);
                (min, key, id)
            });
            if stop.load(Ordering::SeqCst) {
                break;
            }
            let seconds = started.elapsed().as_secs_f64();
            let done = Done { index: job.index, program: job.program, found, seconds };
            if results.send(done).is_err() {
                break;
            }
        }
    });
    (queue, done)
}

/// A campaign's state while it runs: the summary and the minimization queue.
struct Running<'a> {
    cfg: &'a CampaignConfig,
    backends: &'a [Box<dyn Backend>],
    generator: &'a dyn guided::ProgramSource,
    summary: &'a mut CampaignSummary,
    queue: Option<Sender<Job>>,
    results: Receiver<Done>,
}

/// A batch's outcomes, `[program][backend]`, and each backend's busy seconds.
type Ran = (Vec<Vec<Outcome>>, Vec<f64>);

impl Running<'_> {
    /// Records a batch that ran: statuses and statistics, then the triage
    /// of its divergences in program order, then the minimizations done.
    fn record_batch(&mut self, batch: Batch, (rows, busy): Ran) -> Result<(), Error> {
        let names: Vec<&str> = self.backends.iter().map(|b| b.name()).collect();
        self.summary.time.generate += batch.seconds;
        self.generator.observe(&batch.indices, &batch.programs)?;
        for (name, seconds) in names.iter().zip(busy) {
            *self.summary.time.run.entry(name.to_string()).or_default() += seconds;
        }
        for ((index, program), outcomes) in batch.indices.iter().zip(batch.programs).zip(&rows) {
            record_program(self.summary, &names, &program, outcomes);
            self.summary.coverage.add_program(&program, self.cfg.limits.max_steps);
            if let Some(d) = compare(&names, outcomes) {
                self.summary.divergent_programs += 1;
                self.triage(*index, program, outcomes, &d)?;
            }
        }
        self.take_results(false)
    }

    fn progress(&self, elapsed: Duration) -> Progress<'_> {
        Progress {
            programs: self.summary.programs,
            divergent: self.summary.divergent_programs,
            buckets: self.summary.buckets.len(),
            new_buckets: self.summary.new_buckets().count(),
            statuses: &self.summary.statuses,
            elapsed,
            queued: self.summary.triage.queued().len(),
            time: &self.summary.time,
        }
    }

    /// Triage of the divergence `divergence` of program `index`.
    fn triage(
        &mut self,
        index: u64,
        program: generators::Program,
        outcomes: &[Outcome],
        divergence: &Divergence,
    ) -> Result<(), Error> {
        let key = bucket_key(&program, divergence, self.cfg.limits.max_steps);
        let id = bucket_id(&key, &divergence.signature.kind);
        let baseline = self.cfg.baseline.contains(&id).then(|| id.clone());
        match self.summary.triage.admit(index, &key, baseline) {
            Decision::Minimize => {
                self.enqueue(index, program);
                Ok(())
            }
            Decision::Wait => Ok(()),
            Decision::Count(bucket) => {
                // In a known bucket, the smallest unminimized program stands
                // as the repro; any minimized one ranks above it.
                let repro = Repro {
                    program: &program,
                    divergence,
                    outcomes,
                    key: &key,
                    minimized: false,
                    seconds: 0.0,
                };
                self.offer_repro(&bucket, index, &program, repro)?;
                self.count(&bucket, index, true);
                Ok(())
            }
        }
    }

    /// Queues program `index` for minimization. Once the campaign is
    /// stopping (the queue is closed, or the minimizer ended) it stays
    /// queued in campaign.json only, for a resumed campaign.
    fn enqueue(&mut self, index: u64, program: generators::Program) {
        if let Some(queue) = &self.queue {
            let _ = queue.send(Job { index, program });
        }
    }

    /// Takes the minimizations done; when `all`, waits until no divergence
    /// is left unsettled (or the minimizer stopped).
    fn take_results(&mut self, all: bool) -> Result<(), Error> {
        loop {
            if all && self.summary.triage.unsettled.is_empty() {
                return Ok(());
            }
            let done = if all { self.results.recv().ok() } else { self.results.try_recv().ok() };
            let Some(done) = done else { return Ok(()) };
            self.summary.time.minimize += done.seconds;
            self.summary.time.minimizations += 1;
            let bucket = done.found.as_ref().map(|(_, _, id)| id.clone());
            match &done.found {
                None => {
                    // The divergence did not reproduce on a second run:
                    // nondeterminism in an engine or the harness. Counted,
                    // since it is worth a look.
                    self.summary.flaky_divergences += 1;
                }
                Some((min, key, id)) => {
                    let repro = Repro {
                        program: &min.program,
                        divergence: &min.divergence,
                        outcomes: &min.outcomes,
                        key,
                        minimized: true,
                        seconds: done.seconds,
                    };
                    self.offer_repro(id, done.index, &done.program, repro)?;
                    self.count(id, done.index, false);
                }
            }
            match self.summary.triage.settle(done.index, bucket.as_deref()) {
                Settled::Count(bucket, waiting) => {
                    for index in waiting {
                        self.count(&bucket, index, true);
                    }
                }
                Settled::Retry(index) => {
                    let program = self.generator.program(self.cfg.seed, index);
                    self.enqueue(index, program);
                }
                Settled::Nothing => {}
            }
            save(&self.cfg.out, self.summary)?;
        }
    }

    /// Counts program `index` into `bucket` (which has a repro by now).
    fn count(&mut self, bucket: &str, index: u64, recognized: bool) {
        if let Some(b) = self.summary.buckets.get_mut(bucket) {
            b.count += 1;
            b.recognized += recognized as u64;
            b.add_example(index);
        }
    }

    /// Makes `repro` (of original program `index`) bucket `id`'s repro when
    /// the bucket has none or a worse one ([`BucketSummary::repro_rank`]),
    /// and writes its files. The count is [`Self::count`]'s.
    fn offer_repro(
        &mut self,
        id: &str,
        index: u64,
        original: &generators::Program,
        repro: Repro,
    ) -> Result<(), Error> {
        let names: Vec<&str> = self.backends.iter().map(|b| b.name()).collect();
        let statements = statement_count(repro.program);
        let previous = self.summary.buckets.get(id);
        let rank = (!repro.minimized, statements, index);
        if previous.is_some_and(|b| b.repro_rank() <= rank) {
            return Ok(());
        }
        let original_statements = statement_count(original);
        let mut case = CorpusCase::new(repro.program.clone());
        case.seed = Some(self.cfg.seed);
        case.index = Some(index);
        case.generator_version = Some(GENERATOR_VERSION);
        case.results = names
            .iter()
            .zip(repro.outcomes)
            .map(|(n, o)| {
                (
                    n.to_string(),
                    RecordedResult {
                        status: o.status.as_str().to_string(),
                        trace: o.labels().iter().map(|s| s.to_string()).collect(),
                    },
                )
            })
            .collect();
        case.versions = self.summary.versions.clone();
        let first_difference = describe_first(repro.divergence);
        case.divergence = Some(RecordedDivergence {
            bucket: id.to_string(),
            key: repro.key.to_string(),
            groups: repro.divergence.signature.groups.clone(),
            first_difference: first_difference.clone(),
            original_statements,
            minimized_statements: statements,
        });
        write_bucket_files(&self.cfg.out, id, &case, repro.program, self.cfg.limits.max_steps)?;
        // The program as each lowering that departs from its engine ran it.
        let source = print_program(repro.program);
        let lowered = lowering::lowered_repros(&names, repro.outcomes, &source, &self.cfg.limits);
        for (file, text) in lowering::repro_files(id, &case, &lowered) {
            let path = self.cfg.out.join(BUCKET_DIR).join(file);
            match text {
                Some(text) => write_atomic(&path, text.as_bytes())?,
                None => {
                    let _ = std::fs::remove_file(&path);
                }
            }
        }
        let traces = repro
            .divergence
            .signature
            .groups
            .iter()
            .map(|g| {
                let i = names.iter().position(|n| *n == g[0]).unwrap();
                repro.outcomes[i].labels().iter().map(|s| s.to_string()).collect()
            })
            .collect();
        let bucket = BucketSummary {
            id: id.to_string(),
            key: repro.key.to_string(),
            kind: repro.divergence.signature.kind.to_string(),
            groups: repro.divergence.signature.groups.clone(),
            count: previous.map(|b| b.count).unwrap_or(0),
            recognized: previous.map(|b| b.recognized).unwrap_or(0),
            examples: previous.map(|b| b.examples.clone()).unwrap_or_default(),
            repro: id.to_string(),
            repro_statements: statements,
            original_statements,
            repro_index: index,
            repro_minimized: repro.minimized,
            repro_js: source,
            lowered: lowered.iter().map(|r| r.summary(id)).collect(),
            traces,
            first_difference,
            minimize_seconds: previous
                .map(|b| b.minimize_seconds)
                .filter(|s| *s > 0.0)
                .unwrap_or(repro.seconds),
            known: self.cfg.baseline.contains(id),
            causal_steps: coverage::causal_steps(repro.program, repro.divergence, self.cfg.limits.max_steps),
        };
        // A bucket's files are listed in campaign.json as soon as they are
        // on disk.
        self.summary.buckets.insert(id.to_string(), bucket);
        save(&self.cfg.out, self.summary)
    }
}

/// A candidate repro of a bucket.
struct Repro<'a> {
    program: &'a generators::Program,
    divergence: &'a Divergence,
    outcomes: &'a [Outcome],
    key: &'a str,
    /// Whether it is a minimization's result.
    minimized: bool,
    seconds: f64,
}

/// The summary a campaign into `out` starts from: `fresh` for a new
/// directory, or the one on disk when it holds the same campaign (same
/// seed, shard, backends, generator and config), which is then resumed. A
/// directory holding anything else is refused, so no finding is ever
/// overwritten or left unlisted.
fn open_directory(out: &Path, fresh: CampaignSummary) -> Result<CampaignSummary, Error> {
    let shown = out.display();
    if out.exists() && !out.is_dir() {
        return Err(Error::Campaign(format!("{shown}: exists and is not a directory")));
    }
    if out.join(CAMPAIGN_FILE).exists() {
        let mut old = CampaignSummary::load(out)?;
        let describe = |s: &CampaignSummary| {
            format!(
                "seed {}{} on {} (generator {}{})",
                s.seed,
                s.shard.as_deref().map(|sh| format!(", shard {sh}")).unwrap_or_default(),
                s.backends.join(","),
                s.generator_version,
                if s.generator_config == fresh.generator_config { "" } else { ", another config" }
            )
        };
        let same = old.seed == fresh.seed
            && old.seeds == fresh.seeds
            && old.shard == fresh.shard
            && (old.index_offset, old.index_stride) == (fresh.index_offset, fresh.index_stride)
            && old.backends == fresh.backends
            && old.generator_version == fresh.generator_version
            && old.generator_config == fresh.generator_config;
        if same && old.versions != fresh.versions {
            let changed: Vec<String> = fresh
                .versions
                .iter()
                .filter(|(b, v)| old.versions.get(*b) != Some(v))
                .map(|(b, v)| {
                    format!("{b}: {} now {v}", old.versions.get(b).map(String::as_str).unwrap_or("?"))
                })
                .collect();
            return Err(Error::Campaign(format!(
                "{shown} holds this campaign, run with other engine versions ({}); resuming would mix \
                 them: give another --out",
                changed.join("; ")
            )));
        }
        if !same {
            return Err(Error::Campaign(format!(
                "{shown} holds another campaign ({}); this one is {}. Resume it with its own options, \
                 or give another --out",
                describe(&old),
                describe(&fresh)
            )));
        }
        if old.finished || old.interrupted || old.programs > 0 {
            eprintln!("resuming the campaign in {shown} after its {} programs", old.programs);
        }
        old.finished = false;
        old.interrupted = false;
        return Ok(old);
    }
    let buckets = out.join(BUCKET_DIR);
    let has_buckets = std::fs::read_dir(&buckets).map(|mut d| d.next().is_some()).unwrap_or(false);
    if has_buckets {
        return Err(Error::Campaign(format!(
            "{shown} has bucket files but no {CAMPAIGN_FILE}: not a directory this tickdiff can resume; \
             give another --out"
        )));
    }
    std::fs::create_dir_all(&buckets).map_err(Error::io(&buckets))?;
    Ok(fresh)
}

/// Per-backend statuses, agreement with the reference, per-category stats.
fn record_program(
    summary: &mut CampaignSummary,
    names: &[&str],
    program: &generators::Program,
    outcomes: &[Outcome],
) {
    summary.programs += 1;
    let reference = names.iter().position(|n| *n == "reference").map(|i| &outcomes[i]);
    let agrees: Vec<bool> = outcomes
        .iter()
        .map(|o| match reference {
            Some(r) => r.status == o.status && r.labels() == o.labels(),
            None => true,
        })
        .collect();
    let divergent = compare(names, outcomes).is_some();
    for ((name, o), agree) in names.iter().zip(outcomes).zip(&agrees) {
        *summary
            .statuses
            .entry(name.to_string())
            .or_default()
            .entry(o.status.as_str().to_string())
            .or_default() += 1;
        if *agree {
            *summary.agree_with_reference.entry(name.to_string()).or_default() += 1;
        }
    }
    let categories: BTreeSet<&str> = constructs(program).into_iter().map(category).collect();
    for c in categories {
        let stats = summary.categories.entry(c.to_string()).or_default();
        stats.programs += 1;
        stats.divergent_programs += divergent as u64;
        for (name, agree) in names.iter().zip(&agrees) {
            let slot = stats.agree_with_reference.entry(name.to_string()).or_default();
            *slot += *agree as u64;
        }
    }
}

fn write_bucket_files(
    out: &Path,
    id: &str,
    case: &CorpusCase,
    program: &generators::Program,
    max_steps: u64,
) -> Result<(), Error> {
    let dir = out.join(BUCKET_DIR);
    write_atomic(&dir.join(format!("{id}.yaml")), case.to_yaml().as_bytes())?;
    write_atomic(&dir.join(format!("{id}.js")), export::standalone_node(case).as_bytes())?;
    let test262_path = dir.join(format!("{id}.test262.js"));
    match export::test262(case, reference::step_count(program, max_steps)) {
        Some(text) => write_atomic(&test262_path, text.as_bytes())?,
        None => {
            let _ = std::fs::remove_file(&test262_path);
        }
    }
    Ok(())
}

/// Writes `campaign.json` and `baseline.yaml`.
fn save(out: &Path, summary: &CampaignSummary) -> Result<(), Error> {
    let unserializable = |e: &dyn std::fmt::Display| Error::Internal(format!("campaign summary: {e}"));
    let json = serde_json::to_string_pretty(summary).map_err(|e| unserializable(&e))?;
    write_atomic(&out.join(CAMPAIGN_FILE), json.as_bytes())?;
    let baseline = Baseline {
        buckets: summary
            .buckets
            .values()
            .map(|b| BaselineEntry { id: b.id.clone(), key: b.key.clone(), note: None })
            .collect(),
    };
    let yaml = serde_yaml::to_string(&baseline).map_err(|e| unserializable(&e))?;
    write_atomic(&out.join(BASELINE_FILE), yaml.as_bytes())
}
