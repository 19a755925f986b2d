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
use generators::model::Program;
use generators::print_program;
use generators::reduce::{candidates, renumber_labels};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// A minimized divergence.
pub struct Minimized {
    pub program: Program,
    pub divergence: Divergence,
    pub outcomes: Vec<Outcome>,
    /// Candidate programs run on the backends (cache hits excluded).
    pub checks: usize,
}

pub struct Minimizer<'a> {
    backends: &'a [Box<dyn Backend>],
    limits: Limits,
    /// Give up refining after this many backend runs (the result is then
    /// smaller but maybe not 1-minimal; `Minimized` says so through `checks`).
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

    /// Minimizes `program`, keeping its divergence signature. `None` when
    /// the backends agree on it.
    pub fn minimize(&self, program: &Program) -> Option<Minimized> {
        let target = self.verdict(program)?;
        let mut current = program.clone();
        while self.checks.load(Ordering::Relaxed) < self.max_checks {
            match self.first_interesting(&candidates(&current), &target) {
                Some(smaller) => current = smaller,
                None => break,
            }
        }
        let renamed = renumber_labels(&current);
        if self.keeps(&renamed, &target) {
            current = renamed;
        }
        let (outcomes, divergence) = self.run(&current);
        let divergence = divergence.expect("the minimized program keeps its divergence");
        Some(Minimized {
            program: current,
            divergence,
            outcomes,
            checks: self.checks.load(Ordering::Relaxed),
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
