//! `campaign.json`: everything a campaign found, rewritten atomically after
//! every batch so a killed campaign loses nothing it had reported. Reports
//! merge any number of these (shards, nights).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The whole state of a campaign directory.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CampaignSummary {
    pub tool_version: String,
    pub generator_version: u32,
    pub seed: u64,
    /// Every seed merged into this summary (shards share one; nights don't).
    #[serde(default)]
    pub seeds: Vec<u64>,
    /// `K/N` when sharded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<String>,
    /// Backend names, in command-line order.
    pub backends: Vec<String>,
    /// Backend name -> engine and version string.
    pub versions: BTreeMap<String, String>,
    /// Program indices run (of `seed`), as `[start, end)` ranges per shard
    /// pattern: index `i` ran iff `i % stride == offset` and `i < end`.
    pub programs: u64,
    pub index_offset: u64,
    pub index_stride: u64,
    /// Programs where some backends disagreed.
    pub divergent_programs: u64,
    /// Divergences that did not reproduce when re-run for minimization.
    #[serde(default)]
    pub flaky_divergences: u64,
    /// Backend -> status -> programs.
    pub statuses: BTreeMap<String, BTreeMap<String, u64>>,
    /// Backend -> programs on which it gave the reference's result.
    pub agree_with_reference: BTreeMap<String, u64>,
    /// Category -> stats over the programs that use a construct of it.
    pub categories: BTreeMap<String, CategoryStats>,
    /// Bucket id -> bucket.
    pub buckets: BTreeMap<String, BucketSummary>,
    /// Wall-clock seconds (excluded from equality-sensitive comparisons).
    pub elapsed_seconds: f64,
    /// True once the campaign ran all it was asked to (its count or time).
    /// False while it runs, and in the file of a killed campaign.
    pub finished: bool,
    /// True when a signal (Ctrl-C, SIGTERM, SIGHUP) stopped it early; the
    /// counts cover the programs it completed.
    #[serde(default)]
    pub interrupted: bool,
    /// The generator config it ran with: a resumed campaign must use the
    /// same one, or its programs would not be the same stream.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generator_config: Option<generators::GenConfig>,
    /// Where the time went (excluded from equality-sensitive comparisons).
    #[serde(default)]
    pub time: TimeSpent,
    /// Which divergences were minimized and which were recognized by their
    /// key, with the divergences still waiting: what a resumed campaign
    /// goes on from.
    #[serde(default)]
    pub triage: super::triage::Triage,
    /// The spec steps the programs took on the reference (issue 19).
    #[serde(default)]
    pub coverage: super::coverage::CoverageSums,
}

/// Seconds spent per phase of a campaign: generation (and printing) in CPU
/// seconds of the thread doing it, beside the runner; `run`, per backend,
/// the seconds it kept a runner thread busy (so their sum can exceed the
/// elapsed time with several threads); minimization in wall-clock seconds
/// of the minimizer thread, beside the runner.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TimeSpent {
    pub generate: f64,
    pub run: BTreeMap<String, f64>,
    pub minimize: f64,
    /// Minimizations done (each on its own program).
    pub minimizations: u64,
}

impl TimeSpent {
    fn merge(&mut self, other: &TimeSpent) {
        self.generate += other.generate;
        for (b, t) in &other.run {
            *self.run.entry(b.clone()).or_default() += t;
        }
        self.minimize += other.minimize;
        self.minimizations += other.minimizations;
    }

    /// `generate 0.4s, run 9.1s (reference 0.1s, quickjs 4.0s, boa 5.0s), minimize 1.2s (2)`.
    pub fn describe(&self) -> String {
        let run: f64 = self.run.values().sum();
        let per: Vec<String> = self.run.iter().map(|(b, t)| format!("{b} {t:.1}s")).collect();
        format!(
            "generate {:.1}s, run {run:.1}s ({}), minimize {:.1}s ({} minimizations)",
            self.generate,
            per.join(", "),
            self.minimize,
            self.minimizations
        )
    }
}

impl BucketSummary {
    /// Of two repros of one bucket the one with the smaller rank is kept: a
    /// minimized one, the fewest statements, the earliest program. A total
    /// order, so the repro kept does not depend on the order repros came in.
    pub fn repro_rank(&self) -> (bool, usize, u64) {
        (!self.repro_minimized, self.repro_statements, self.repro_index)
    }

    /// Adds program `index` to the first few examples (kept sorted).
    pub fn add_example(&mut self, index: u64) {
        if let Err(at) = self.examples.binary_search(&index) {
            self.examples.insert(at, index);
            self.examples.truncate(10);
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CategoryStats {
    pub programs: u64,
    /// Backend -> programs in this category on which it gave the reference's result.
    pub agree_with_reference: BTreeMap<String, u64>,
    pub divergent_programs: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BucketSummary {
    pub id: String,
    /// Human-readable key: signature and mechanisms.
    pub key: String,
    /// `order`, `events` or `status(...)`.
    pub kind: String,
    /// Backends grouped by identical results.
    pub groups: Vec<Vec<String>>,
    /// Divergent programs counted into this bucket: minimized into it, or
    /// recognized by their triage key ([`super::triage`]).
    pub count: u64,
    /// Of `count`, those recognized by their key without being minimized.
    #[serde(default)]
    pub recognized: u64,
    /// Program indices (of `seed`) of the first few hits.
    pub examples: Vec<u64>,
    /// The smallest repro so far: its file stem in `buckets/`, its size.
    pub repro: String,
    pub repro_statements: usize,
    pub original_statements: usize,
    /// The program index of the repro's original.
    #[serde(default)]
    pub repro_index: u64,
    /// False while the repro is a divergent program counted into a known
    /// bucket by its key and not minimized yet.
    #[serde(default = "minimized_by_default")]
    pub repro_minimized: bool,
    /// The repro's JavaScript, for self-contained reports.
    pub repro_js: String,
    /// The repro as each lowering that departs from its engine ran it
    /// (also `buckets/<id>.<lowering>.lowered.js`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lowered: Vec<crate::engines::lowering::LoweredJs>,
    /// Each group's trace on the repro, in `groups` order.
    pub traces: Vec<Vec<String>>,
    /// Where the traces part, e.g. `event 1: quickjs logged 'b' at task 0 job 3, ...`.
    pub first_difference: String,
    /// Seconds spent minimizing the first hit.
    pub minimize_seconds: f64,
    /// Whether this bucket was in the baseline given to the campaign.
    pub known: bool,
    /// The spec steps on the causal chain of the repro's first differing
    /// event, on the reference, innermost first ([`super::coverage::causal_steps`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub causal_steps: Vec<String>,
}

fn minimized_by_default() -> bool {
    true
}

impl CampaignSummary {
    /// Adds another campaign's results (another shard or night) into this one.
    pub fn merge(&mut self, other: &CampaignSummary) {
        if self.backends.is_empty() {
            self.backends = other.backends.clone();
        }
        for (k, v) in &other.versions {
            self.versions.entry(k.clone()).or_insert_with(|| v.clone());
        }
        for s in
            [self.seed].into_iter().chain(self.seeds.clone()).chain([other.seed]).chain(other.seeds.clone())
        {
            if !self.seeds.contains(&s) {
                self.seeds.push(s);
            }
        }
        self.seeds.sort_unstable();
        self.programs += other.programs;
        self.coverage.merge(&other.coverage);
        self.divergent_programs += other.divergent_programs;
        self.flaky_divergences += other.flaky_divergences;
        for (b, st) in &other.statuses {
            let mine = self.statuses.entry(b.clone()).or_default();
            for (s, n) in st {
                *mine.entry(s.clone()).or_default() += n;
            }
        }
        for (b, n) in &other.agree_with_reference {
            *self.agree_with_reference.entry(b.clone()).or_default() += n;
        }
        for (c, stats) in &other.categories {
            let mine = self.categories.entry(c.clone()).or_default();
            mine.programs += stats.programs;
            mine.divergent_programs += stats.divergent_programs;
            for (b, n) in &stats.agree_with_reference {
                *mine.agree_with_reference.entry(b.clone()).or_default() += n;
            }
        }
        for (id, bucket) in &other.buckets {
            match self.buckets.get_mut(id) {
                None => {
                    self.buckets.insert(id.clone(), bucket.clone());
                }
                Some(mine) => {
                    mine.count += bucket.count;
                    mine.recognized += bucket.recognized;
                    mine.examples.extend(&bucket.examples);
                    mine.examples.sort();
                    mine.examples.dedup();
                    mine.examples.truncate(10);
                    mine.known |= bucket.known;
                    if bucket.repro_rank() < mine.repro_rank() {
                        let (count, recognized, examples, known) =
                            (mine.count, mine.recognized, mine.examples.clone(), mine.known);
                        *mine = bucket.clone();
                        (mine.count, mine.recognized, mine.examples, mine.known) =
                            (count, recognized, examples, known);
                    }
                }
            }
        }
        // The indices run are now both patterns: describe them by the tightest
        // single `i % stride == offset` holding both (exact when all N shards
        // of one campaign are merged: stride 1).
        if (self.index_offset, self.index_stride) != (other.index_offset, other.index_stride) {
            let stride = gcd(
                gcd(self.index_stride, other.index_stride),
                self.index_offset.abs_diff(other.index_offset),
            );
            if stride > 0 {
                self.index_offset %= stride;
                self.index_stride = stride;
            }
        }
        self.elapsed_seconds += other.elapsed_seconds;
        self.time.merge(&other.time);
        self.finished &= other.finished;
        self.interrupted |= other.interrupted;
        if self.shard != other.shard {
            self.shard = None;
        }
    }

    /// The seed, or every seed of a merge: `5` or `5, 8`.
    pub fn seeds_label(&self) -> String {
        if self.seeds.len() > 1 {
            self.seeds.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
        } else {
            self.seed.to_string()
        }
    }

    /// Buckets not in the baseline.
    pub fn new_buckets(&self) -> impl Iterator<Item = &BucketSummary> {
        self.buckets.values().filter(|b| !b.known)
    }

    /// Reads `DIR/campaign.json`.
    pub fn load(dir: &std::path::Path) -> Result<Self, crate::error::Error> {
        let path = dir.join(CAMPAIGN_FILE);
        let text = std::fs::read_to_string(&path).map_err(crate::error::Error::io(&path))?;
        serde_json::from_str(&text).map_err(|e| crate::error::Error::input(&path, e.line(), e.to_string()))
    }
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

pub const CAMPAIGN_FILE: &str = "campaign.json";
pub const BUCKET_DIR: &str = "buckets";
pub const BASELINE_FILE: &str = "baseline.yaml";

#[cfg(test)]
mod tests {
    use super::*;

    fn shard(k: u64, n: u64) -> CampaignSummary {
        CampaignSummary {
            index_offset: k - 1,
            index_stride: n,
            shard: Some(format!("{k}/{n}")),
            ..Default::default()
        }
    }

    fn merged(parts: &[(u64, u64)]) -> (u64, u64) {
        let mut m = shard(parts[0].0, parts[0].1);
        for &(k, n) in &parts[1..] {
            m.merge(&shard(k, n));
        }
        (m.index_offset, m.index_stride)
    }

    #[test]
    fn merged_index_patterns_hold_every_shard() {
        assert_eq!(merged(&[(1, 2), (2, 2)]), (0, 1));
        assert_eq!(merged(&[(2, 2), (1, 2)]), (0, 1));
        assert_eq!(merged(&[(1, 4), (2, 4), (3, 4), (4, 4)]), (0, 1));
        assert_eq!(merged(&[(1, 4), (3, 4)]), (0, 2));
        assert_eq!(merged(&[(2, 4), (4, 4)]), (1, 2));
        assert_eq!(merged(&[(3, 4), (3, 4)]), (2, 4));
        assert_eq!(merged(&[(1, 1), (1, 1)]), (0, 1));
    }

    #[test]
    fn merging_nights_keeps_every_seed() {
        let night = |seed| CampaignSummary { seed, seeds: vec![seed], ..Default::default() };
        let mut m = night(8);
        assert_eq!(m.seeds_label(), "8");
        m.merge(&night(5));
        m.merge(&night(8));
        assert_eq!(m.seeds, vec![5, 8]);
        assert_eq!(m.seeds_label(), "5, 8");
    }
}
