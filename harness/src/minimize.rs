//! Structure-aware minimization of a divergent program (in the spirit of
//! hierarchical delta debugging and Perses): repeatedly take the first
//! one-step reduction (`generators::reduce::candidates`, biggest cuts first)
//! that still shows the *same* divergence signature, until none does. The
//! result is 1-minimal with respect to those reductions.
//!
//! Candidate checks run in parallel in fixed-size chunks and the first
//! interesting candidate in order wins, so the result does not depend on
//! thread timing. Outcomes are cached by printed source.

use crate::differ::{compare, Divergence, Signature};
use crate::outcome::{Backend, Limits, Outcome, ProgramInput, UNCAUGHT};
use generators::model::{statement_count, Program};
use generators::print_program;
use generators::reduce::{candidates, cost, renumber_labels, retimings};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// A minimized divergence.
pub struct Minimized {
    pub program: Program,
    pub divergence: Divergence,
    pub outcomes: Vec<Outcome>,
    /// Candidate programs this minimization ran on the backends (cache hits excluded).
    pub checks: usize,
}

pub struct Minimizer<'a> {
    backends: &'a [Box<dyn Backend>],
    limits: Limits,
    /// Give up refining after this many backend runs per `minimize` call
    /// (the result is then smaller but maybe not 1-minimal; `Minimized`
    /// says so through `checks`).
    pub max_checks: usize,
    cache: Mutex<HashMap<String, Option<Verdict>>>,
    checks: AtomicUsize,
}

impl<'a> Minimizer<'a> {
    pub fn new(backends: &'a [Box<dyn Backend>], limits: Limits) -> Self {
        Minimizer {
            backends,
            limits,
            max_checks: 20_000,
            cache: Mutex::new(HashMap::new()),
            checks: AtomicUsize::new(0),
        }
    }

    fn names(&self) -> Vec<&str> {
        self.backends.iter().map(|b| b.name()).collect()
    }

    /// Runs every backend on `p`.
    pub fn run(&self, p: &Program) -> (Vec<Outcome>, Option<Divergence>) {
        let input = ProgramInput { source: print_program(p), model: Some(p.clone()) };
        let outcomes: Vec<Outcome> = self.backends.iter().map(|b| b.run(&input, &self.limits)).collect();
        let d = compare(&self.names(), &outcomes);
        (outcomes, d)
    }

    /// The signature of `p`'s divergence (cached), `None` when backends agree.
    pub fn signature(&self, p: &Program) -> Option<Signature> {
        self.verdict(p).map(|v| v.signature)
    }

    fn verdict(&self, p: &Program) -> Option<Verdict> {
        let key = print_program(p);
        if let Some(hit) = self.cache.lock().unwrap().get(&key) {
            return hit.clone();
        }
        self.checks.fetch_add(1, Ordering::Relaxed);
        let (outcomes, divergence) = self.run(p);
        let verdict =
            divergence.map(|d| Verdict { signature: d.signature, uncaught: max_uncaught(&outcomes) });
        self.cache.lock().unwrap().insert(key, verdict.clone());
        verdict
    }

    /// Same divergence, and no more uncaught exceptions than the original
    /// had: reductions must not trade the bug for a TypeError or a
    /// ReferenceError they introduced (calling `queueMicrotask()` with no
    /// callback, using a deleted binding, ...).
    fn keeps(&self, p: &Program, target: &Verdict) -> bool {
        self.verdict(p).is_some_and(|v| v.signature == target.signature && v.uncaught <= target.uncaught)
    }

    /// The first candidate (in order) that keeps `target`, checking in parallel chunks.
    fn first_interesting(&self, cands: &[Program], target: &Verdict) -> Option<Program> {
        let chunk = (rayon::current_num_threads() * 2).max(2);
        for part in cands.chunks(chunk) {
            let hits: Vec<bool> = part.par_iter().map(|c| self.keeps(c, target)).collect();
            if let Some(i) = hits.iter().position(|&h| h) {
                return Some(part[i].clone());
            }
        }
        None
    }

    /// Takes interesting candidates until none is left: a 1-minimal program
    /// (or the budget ran out).
    fn descend(&self, mut current: Program, target: &Verdict, budget_end: usize) -> Program {
        while self.checks.load(Ordering::Relaxed) < budget_end {
            match self.first_interesting(&candidates(&current), target) {
                Some(smaller) => current = smaller,
                None => break,
            }
        }
        current
    }

    /// Minimizes `program`, keeping its divergence signature. `None` when
    /// the backends agree on it, or no longer disagree on the result (a
    /// flaky divergence).
    ///
    /// Greedy descent ends in a local minimum: each remaining cut alone
    /// changes some timing the divergence rests on. From there, each
    /// retiming (`generators::reduce::retimings`: a piece replaced by a
    /// plain promise chain of the same delay, tried by increasing delay)
    /// that keeps the divergence is descended from in turn; the first whose
    /// descent ends cheaper (by `reduce::cost`, statements first) than the
    /// local minimum is taken, and the search goes on from there. The
    /// result is the end of a descent, so it is 1-minimal.
    pub fn minimize(&self, program: &Program) -> Option<Minimized> {
        let target = self.verdict(program)?;
        let start = self.checks.load(Ordering::Relaxed);
        let budget_end = start + self.max_checks;
        let mut current = self.descend(program.clone(), &target, budget_end);
        'escape: while self.checks.load(Ordering::Relaxed) < budget_end {
            let base = cost(&current);
            for group in retimings(&current) {
                let keep: Vec<bool> = group.par_iter().map(|q| self.keeps(q, &target)).collect();
                for (sideways, _) in group.into_iter().zip(keep).filter(|(_, k)| *k) {
                    let end = self.descend(sideways, &target, budget_end);
                    if cost(&end) < base {
                        current = end;
                        continue 'escape;
                    }
                    if self.checks.load(Ordering::Relaxed) >= budget_end {
                        break 'escape;
                    }
                }
            }
            // A cut that lost the divergence only by shifting some timing,
            // repaired by one retiming: `(async () => { await p; log('a'); })()`
            // -> `(async () => await p)().then(() => log('a'))` logs a job
            // later, so the log it raced must move by one too.
            let statements = statement_count(&current);
            for cut in candidates(&current) {
                if statement_count(&cut) >= statements {
                    continue;
                }
                let repaired: Vec<Program> = retimings(&cut).into_iter().flatten().collect();
                if let Some(q) = self.first_interesting(&repaired, &target) {
                    // Fewer statements than `current`: cheaper whatever follows.
                    current = self.descend(q, &target, budget_end);
                    continue 'escape;
                }
                if self.checks.load(Ordering::Relaxed) >= budget_end {
                    break 'escape;
                }
            }
            break;
        }
        let renamed = renumber_labels(&current);
        if self.keeps(&renamed, &target) {
            current = renamed;
        }
        let (outcomes, divergence) = self.run(&current);
        // Gone on this last run: the divergence came and went during the
        // search (a worker killed from outside, a wall-clock limit under
        // load). Flaky, as if it had not reproduced at the start.
        let divergence = divergence?;
        Some(Minimized {
            program: current,
            divergence,
            outcomes,
            checks: self.checks.load(Ordering::Relaxed) - start,
        })
    }

    /// True when no one-step reduction of `p` keeps its divergence (under the
    /// same rules as `minimize`): the 1-minimality check.
    pub fn is_one_minimal(&self, p: &Program) -> bool {
        let Some(target) = self.verdict(p) else { return false };
        candidates(p).par_iter().all(|c| !self.keeps(c, &target))
    }
}

/// What a candidate must keep.
#[derive(Clone, Debug, PartialEq)]
struct Verdict {
    signature: Signature,
    /// Most `!uncaught` events any backend logged.
    uncaught: usize,
}

fn max_uncaught(outcomes: &[Outcome]) -> usize {
    outcomes.iter().map(|o| o.trace.iter().filter(|e| e.label == UNCAUGHT).count()).max().unwrap_or(0)
}
