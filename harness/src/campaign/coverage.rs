//! A campaign's spec-step coverage (issue 19): the steps of the reference's
//! algorithms (`reference::coverage::Step`) its programs took, summed over
//! the campaign (and over the campaigns a report merges), and for each
//! bucket the steps on the causal chain of the event where its traces part.
//!
//! Steps are kept by their stable names, so campaigns of tool versions that
//! implement different steps still merge; the figure is always taken
//! against the steps this build implements.

use crate::differ::Divergence;
use crate::reference::coverage::{Step, StepCounts};
use crate::reference::{self, Mutant};
use generators::Program;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many programs took each step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CoverageSums {
    /// Programs whose reference run was counted.
    pub programs: u64,
    /// Steps the reference implements (`Step::ALL`).
    pub implemented: usize,
    /// Of those, the steps some program took.
    pub hit: usize,
    /// The steps implemented that no program took, in declaration order.
    pub never_hit: Vec<String>,
    /// Step name -> programs that took it (at least once).
    pub programs_per_step: BTreeMap<String, u64>,
}

impl Default for CoverageSums {
    fn default() -> Self {
        CoverageSums {
            programs: 0,
            implemented: Step::ALL.len(),
            hit: 0,
            never_hit: Step::ALL.iter().map(|s| s.name().to_string()).collect(),
            programs_per_step: BTreeMap::new(),
        }
    }
}

impl CoverageSums {
    /// Runs `program` on the reference and counts the steps it took. The
    /// reference is fast (~10 µs a program), so a campaign runs it again
    /// for this rather than thread step counts through every backend.
    pub fn add_program(&mut self, program: &Program, max_steps: u64) {
        let (_, steps) = reference::run_with_coverage(program, Mutant::None, max_steps);
        self.add(&steps);
    }

    /// Counts one program's steps.
    pub fn add(&mut self, steps: &StepCounts) {
        self.programs += 1;
        for step in steps.hit() {
            self.add_programs(step.name(), 1);
        }
    }

    fn add_programs(&mut self, name: &str, programs: u64) {
        match self.programs_per_step.get_mut(name) {
            Some(n) => *n += programs,
            None => {
                self.programs_per_step.insert(name.to_string(), programs);
                if let Some(i) = self.never_hit.iter().position(|n| n == name) {
                    self.never_hit.remove(i);
                    self.hit += 1;
                }
            }
        }
    }

    /// Adds another campaign's sums (a shard, another night).
    pub fn merge(&mut self, other: &CoverageSums) {
        self.programs += other.programs;
        for (name, n) in &other.programs_per_step {
            *self.programs_per_step.entry(name.clone()).or_default() += n;
        }
        self.refresh();
    }

    /// Recomputes `implemented`, `hit` and `never_hit` against the steps
    /// this build implements (a summary read from disk may predate them).
    pub fn refresh(&mut self) {
        self.implemented = Step::ALL.len();
        self.never_hit = Step::ALL
            .iter()
            .map(|s| s.name())
            .filter(|n| !self.programs_per_step.contains_key(*n))
            .map(str::to_string)
            .collect();
        self.hit = self.implemented - self.never_hit.len();
    }

    /// `hit / implemented` as a percentage, one decimal: `74.5`.
    pub fn percent(&self) -> f64 {
        if self.implemented == 0 {
            return 0.0;
        }
        (1000.0 * self.hit as f64 / self.implemented as f64).round() / 10.0
    }

    /// `76/102 steps (74.5%) over 100,000 programs`-like text for reports.
    pub fn describe(&self) -> String {
        format!("{}/{} spec steps ({:.1}%)", self.hit, self.implemented, self.percent())
    }
}

/// The steps on the causal chain of the event where `divergence`'s traces
/// part, on the reference's run of `program`: the step that enqueued each
/// job behind that event, innermost first (`Explained::steps_behind`),
/// named. When the reference's trace ends before that event, its last
/// event's chain; empty when the traces do not differ (a status divergence).
pub fn causal_steps(program: &Program, divergence: &Divergence, max_steps: u64) -> Vec<String> {
    let Some(first) = &divergence.first else { return Vec::new() };
    let explained = reference::run_explained(program, Mutant::None, max_steps);
    let events = explained.outcome.trace.len();
    if events == 0 {
        return Vec::new();
    }
    explained.steps_behind(first.index.min(events - 1)).into_iter().map(|s| s.name().to_string()).collect()
}
