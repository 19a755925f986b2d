//! A fuzzing campaign: generate programs of one seed (a shard of them), run
//! them on every backend in parallel, minimize and bucket each divergence,
//! and keep the campaign directory up to date on disk after every batch.
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

pub mod summary;

use crate::bucket::{bucket_id, bucket_key};
use crate::differ::{compare, describe_first, Divergence};
use crate::export;
use crate::fsutil::write_atomic;
use crate::minimize::Minimizer;
use crate::outcome::{Backend, Limits, Outcome, ProgramInput};
use crate::reference;
use crate::runner::run_all;
use generators::census::{category, constructs};
use generators::corpus::{CorpusCase, RecordedDivergence, RecordedResult};
use generators::model::statement_count;
use generators::{print_program, GenConfig, Generator, GENERATOR_VERSION};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use summary::*;

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
    pub fn load(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_yaml::from_str(&text).map_err(|e| {
            let at = e.location().map(|l| format!(":{}:{}", l.line(), l.column())).unwrap_or_default();
            format!("{}{at}: {e}", path.display())
        })
    }
    pub fn ids(&self) -> BTreeSet<String> {
        self.buckets.iter().map(|b| b.id.clone()).collect()
    }
}

/// Runs a campaign until `count` programs ran, `time` is up or `stop` is
/// set; returns the final summary (also on disk).
pub fn run_campaign(
    cfg: &CampaignConfig,
    backends: &[Box<dyn Backend>],
    stop: &AtomicBool,
    mut on_progress: impl FnMut(&Progress),
) -> Result<CampaignSummary, String> {
    let names: Vec<&str> = backends.iter().map(|b| b.name()).collect();
    let (k, n) = cfg.shard;
    if n == 0 || k == 0 || k > n {
        return Err(format!("bad shard {k}/{n}: use K/N with 1 <= K <= N"));
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
    let generator = Generator::new(cfg.generator.clone());
    let mut shortcuts = Shortcuts::default();
    let started = Instant::now();
    let elapsed = || resumed_seconds + started.elapsed().as_secs_f64();
    let mut next_program: u64 = resumed_programs;
    // The minimizer runs candidate checks on rayon's global pool.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.jobs.max(1))
        .stack_size(cfg.limits.thread_stack_bytes)
        .build_global();
    loop {
        let remaining = cfg.count.map(|c| c.saturating_sub(next_program)).unwrap_or(u64::MAX);
        let out_of_time = cfg.time.is_some_and(|t| started.elapsed() >= t);
        if remaining == 0 || out_of_time {
            break;
        }
        if stop.load(Ordering::SeqCst) {
            summary.interrupted = true;
            break;
        }
        let batch = remaining.min(cfg.batch.max(1) as u64);
        let indices: Vec<u64> = (next_program..next_program + batch).map(|j| (k - 1) + j * n).collect();
        next_program += batch;
        let programs: Vec<_> = indices.iter().map(|&i| generator.program(cfg.seed, i)).collect();
        let inputs: Vec<ProgramInput> = programs
            .iter()
            .map(|p| ProgramInput { source: print_program(p), model: Some(p.clone()) })
            .collect();
        let rows = run_all(&inputs, backends, &cfg.limits, cfg.jobs);
        for ((index, program), outcomes) in indices.iter().zip(&programs).zip(&rows) {
            // Stopping mid-batch skips the minimizations still to do; the
            // programs counted are then exactly the ones recorded so far.
            if stop.load(Ordering::SeqCst) {
                break;
            }
            record_program(&mut summary, &names, program, outcomes);
            if let Some(d) = compare(&names, outcomes) {
                summary.divergent_programs += 1;
                let wrote =
                    handle_divergence(cfg, backends, &mut summary, &mut shortcuts, *index, program, &d)?;
                // A bucket's files are listed in campaign.json as soon as
                // they are on disk, not at the end of the batch.
                if wrote {
                    summary.elapsed_seconds = elapsed();
                    save(&cfg.out, &summary)?;
                }
            }
        }
        summary.elapsed_seconds = elapsed();
        save(&cfg.out, &summary)?;
        on_progress(&Progress {
            programs: summary.programs,
            divergent: summary.divergent_programs,
            buckets: summary.buckets.len(),
            new_buckets: summary.new_buckets().count(),
            statuses: &summary.statuses,
            elapsed: started.elapsed(),
        });
    }
    summary.interrupted |= stop.load(Ordering::SeqCst);
    summary.finished = !summary.interrupted;
    summary.elapsed_seconds = elapsed();
    save(&cfg.out, &summary)?;
    Ok(summary)
}

/// The summary a campaign into `out` starts from: `fresh` for a new
/// directory, or the one on disk when it holds the same campaign (same
/// seed, shard, backends, generator and config), which is then resumed. A
/// directory holding anything else is refused, so no finding is ever
/// overwritten or left unlisted.
fn open_directory(out: &Path, fresh: CampaignSummary) -> Result<CampaignSummary, String> {
    let shown = out.display();
    if out.exists() && !out.is_dir() {
        return Err(format!("{shown}: exists and is not a directory"));
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
            return Err(format!(
                "{shown} holds this campaign, run with other engine versions ({}); resuming would mix \
                 them: give another --out",
                changed.join("; ")
            ));
        }
        if !same {
            return Err(format!(
                "{shown} holds another campaign ({}); this one is {}. Resume it with its own options, \
                 or give another --out",
                describe(&old),
                describe(&fresh)
            ));
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
        return Err(format!(
            "{shown} has bucket files but no {CAMPAIGN_FILE}: not a directory this tickdiff can resume; \
             give another --out"
        ));
    }
    std::fs::create_dir_all(&buckets).map_err(|e| format!("{}: {e}", buckets.display()))?;
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

/// Minimizes, buckets, and writes the repro files of a new bucket (or a smaller repro).
/// Minimizing every repeat of a frequent bug costs most of a campaign. The
/// bucket key of the *unminimized* program is a good predictor of the
/// bucket: once [`TRUSTED_AFTER`] minimizations from one such key agreed on
/// a bucket, later repeats are counted into it without minimizing (its
/// repro stays the smallest one minimized). A disagreement resets the trust.
#[derive(Default)]
struct Shortcuts {
    learned: HashMap<String, (String, u32)>,
}

const TRUSTED_AFTER: u32 = 3;

fn handle_divergence(
    cfg: &CampaignConfig,
    backends: &[Box<dyn Backend>],
    summary: &mut CampaignSummary,
    shortcuts: &mut Shortcuts,
    index: u64,
    program: &generators::Program,
    divergence: &Divergence,
) -> Result<bool, String> {
    let started = Instant::now();
    let original_key = bucket_key(program, divergence, cfg.limits.max_steps);
    if let Some((id, n)) = shortcuts.learned.get(&original_key) {
        if *n >= TRUSTED_AFTER {
            if let Some(b) = summary.buckets.get_mut(id) {
                b.count += 1;
                if b.examples.len() < 10 {
                    b.examples.push(index);
                }
                return Ok(false);
            }
        }
    }
    let minimizer = Minimizer::new(backends, cfg.limits.clone());
    let Some(min) = minimizer.minimize(program) else {
        // The divergence did not reproduce on a second run: nondeterminism in
        // an engine or the harness. Counted, since it is worth a look.
        summary.flaky_divergences += 1;
        return Ok(false);
    };
    let key = bucket_key(&min.program, &min.divergence, cfg.limits.max_steps);
    let id = bucket_id(&key, &min.divergence.signature.kind);
    let learned = shortcuts.learned.entry(original_key).or_insert_with(|| (id.clone(), 0));
    if learned.0 == id {
        learned.1 += 1;
    } else {
        *learned = (id.clone(), 1);
    }
    let statements = statement_count(&min.program);
    let original = statement_count(program);
    let replace = match summary.buckets.get_mut(&id) {
        Some(b) => {
            b.count += 1;
            if b.examples.len() < 10 {
                b.examples.push(index);
            }
            statements < b.repro_statements
        }
        None => true,
    };
    if !replace {
        return Ok(false);
    }
    let names: Vec<&str> = backends.iter().map(|b| b.name()).collect();
    let mut case = CorpusCase::new(min.program.clone());
    case.seed = Some(cfg.seed);
    case.index = Some(index);
    case.generator_version = Some(GENERATOR_VERSION);
    case.results = names
        .iter()
        .zip(&min.outcomes)
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
    case.versions = summary.versions.clone();
    let first_difference = describe_first(&min.divergence);
    case.divergence = Some(RecordedDivergence {
        bucket: id.clone(),
        key: key.clone(),
        groups: min.divergence.signature.groups.clone(),
        first_difference: first_difference.clone(),
        original_statements: original,
        minimized_statements: statements,
    });
    write_bucket_files(&cfg.out, &id, &case, &min.program, cfg.limits.max_steps)?;
    let traces = min
        .divergence
        .signature
        .groups
        .iter()
        .map(|g| {
            let i = names.iter().position(|n| *n == g[0]).unwrap();
            min.outcomes[i].labels().iter().map(|s| s.to_string()).collect()
        })
        .collect();
    let previous = summary.buckets.get(&id);
    let bucket = BucketSummary {
        id: id.clone(),
        key,
        kind: min.divergence.signature.kind.to_string(),
        groups: min.divergence.signature.groups.clone(),
        count: previous.map(|b| b.count).unwrap_or(1),
        examples: previous.map(|b| b.examples.clone()).unwrap_or_else(|| vec![index]),
        repro: id.clone(),
        repro_statements: statements,
        original_statements: original,
        repro_js: print_program(&min.program),
        traces,
        first_difference,
        minimize_seconds: previous.map(|b| b.minimize_seconds).unwrap_or(started.elapsed().as_secs_f64()),
        known: cfg.baseline.contains(&id),
    };
    summary.buckets.insert(id, bucket);
    Ok(true)
}

fn write_bucket_files(
    out: &Path,
    id: &str,
    case: &CorpusCase,
    program: &generators::Program,
    max_steps: u64,
) -> Result<(), String> {
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
fn save(out: &Path, summary: &CampaignSummary) -> Result<(), String> {
    let json = serde_json::to_string_pretty(summary).map_err(|e| e.to_string())?;
    write_atomic(&out.join(CAMPAIGN_FILE), json.as_bytes())?;
    let baseline = Baseline {
        buckets: summary
            .buckets
            .values()
            .map(|b| BaselineEntry { id: b.id.clone(), key: b.key.clone(), note: None })
            .collect(),
    };
    let yaml = serde_yaml::to_string(&baseline).map_err(|e| e.to_string())?;
    write_atomic(&out.join(BASELINE_FILE), yaml.as_bytes())
}
