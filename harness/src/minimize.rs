//! Structure-aware minimization of a divergent program (in the spirit of
//! hierarchical delta debugging and Perses): repeatedly take the first
//! one-step reduction (`generators::reduce::candidates`, biggest cuts first)
//! that still shows the *same* divergence (signature, and bucket key: the
//! same deviation through the same spec mechanism, so the search cannot
//! slip to another bug), until none does. The result is 1-minimal with
//! respect to those reductions, and is in the bucket of the program it
//! started from.
//!
//! Candidate checks run in parallel in fixed-size chunks and the first
//! interesting candidate in order wins, so the result does not depend on
//! thread timing. Verdicts are cached by printed source. Each candidate
//! carries the name of the reduction that made it, so a result says which
//! reductions its steps took and how many candidates of each were tried
//! ([`ReductionLog`]). The in-process backends check a chunk first; the
//! out-of-process ones (the Boa worker, node), ten times costlier per
//! program, run only on the candidates whose in-process results still fit
//! the divergence (about one in ten), the Boa worker on all of those as one
//! run. The result is the same as running
//! every backend on every candidate.

use crate::bucket::bucket_key;
use crate::differ::{compare, same_result, Divergence, Signature};
use crate::outcome::{Backend, Limits, Outcome, ProgramInput, Status, UNCAUGHT};
use generators::model::{statement_count, Program};
use generators::print_program;
use generators::reduce::{candidates, cost, renumber_labels, retimings, Candidate as Reduced};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

/// A minimized divergence.
pub struct Minimized {
    pub program: Program,
    pub divergence: Divergence,
    pub outcomes: Vec<Outcome>,
    /// Candidate programs this minimization ran on the backends (cache hits excluded).
    pub checks: usize,
    /// The reductions it tried and took.
    pub reductions: ReductionLog,
}

/// What a minimization did, by reduction name (`generators::reduce::names`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReductionLog {
    /// The reduction of each step taken, in order. A sideways move is its
    /// retiming; a repaired cut is two steps, the cut and then its retiming.
    pub steps: Vec<&'static str>,
    /// Candidates considered, by reduction: in each search for the first
    /// interesting candidate, those up to and including it (all of them
    /// when none was), so the counts do not depend on the thread count.
    pub tried: BTreeMap<&'static str, usize>,
}

impl ReductionLog {
    /// Steps taken, by reduction.
    pub fn taken(&self) -> BTreeMap<&'static str, usize> {
        let mut taken = BTreeMap::new();
        for step in &self.steps {
            *taken.entry(*step).or_default() += 1;
        }
        taken
    }

    fn try_all<'c>(&mut self, candidates: impl IntoIterator<Item = &'c Reduced>) {
        for c in candidates {
            *self.tried.entry(c.reduction).or_default() += 1;
        }
    }

    /// One line: `remove-statement 12/340, unwrap-try 1/5 (taken/tried);
    /// 9 more tried, none taken`, most taken first.
    pub fn summary(&self) -> String {
        let taken = self.taken();
        let mut rows: Vec<(&str, usize, usize)> =
            taken.iter().map(|(name, n)| (*name, *n, self.tried.get(name).copied().unwrap_or(0))).collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let shown: Vec<String> = rows.iter().map(|(name, n, tried)| format!("{name} {n}/{tried}")).collect();
        let mut line = if shown.is_empty() {
            "no reduction taken".to_string()
        } else {
            shown.join(", ") + " (taken/tried)"
        };
        let untaken = self.tried.keys().filter(|name| !taken.contains_key(*name)).count();
        if untaken > 0 {
            line += &format!("; {untaken} more tried, none taken");
        }
        line
    }
}

pub struct Minimizer<'a> {
    backends: &'a [Box<dyn Backend>],
    limits: Limits,
    /// Give up refining after this many backend runs per `minimize` call
    /// (the result is then smaller but maybe not 1-minimal; `Minimized`
    /// says so through `checks`).
    pub max_checks: usize,
    /// Verdicts by printed source.
    cache: Mutex<HashMap<String, Option<Verdict>>>,
    /// The in-process backends' outcomes by printed source.
    in_process: Mutex<HashMap<String, Vec<Outcome>>>,
    has_out_of_process: bool,
    checks: AtomicUsize,
    /// Set from outside (a campaign stopping): the search ends at once.
    cancel: Option<&'a AtomicBool>,
}

impl<'a> Minimizer<'a> {
    pub fn new(backends: &'a [Box<dyn Backend>], limits: Limits) -> Self {
        Minimizer {
            backends,
            limits,
            max_checks: 20_000,
            cache: Mutex::new(HashMap::new()),
            in_process: Mutex::new(HashMap::new()),
            has_out_of_process: backends.iter().any(|b| b.out_of_process()),
            checks: AtomicUsize::new(0),
            cancel: None,
        }
    }

    /// Ends the search as soon as `cancel` is set (its result is then not
    /// 1-minimal, and whoever set it should drop it).
    pub fn cancelled_by(mut self, cancel: &'a AtomicBool) -> Self {
        self.cancel = Some(cancel);
        self
    }

    /// Whether the search must end: its budget is spent or it was cancelled.
    fn spent(&self, budget_end: usize) -> bool {
        self.checks.load(Ordering::Relaxed) >= budget_end
            || self.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
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
        let candidate = Candidate::new(p);
        self.verdicts(&[&candidate]);
        self.cache.lock().unwrap()[&candidate.key].clone()
    }

    /// Caches the verdicts of `candidates` not cached yet: the in-process
    /// backends first ([`Self::in_process_outcomes`]), then each
    /// out-of-process one on all of them at once (a Boa worker given them as
    /// one run, which costs it one round trip instead of one per program).
    fn verdicts(&self, candidates: &[&Candidate]) {
        let missing: Vec<&Candidate> = {
            let cache = self.cache.lock().unwrap();
            distinct(candidates).into_iter().filter(|c| !cache.contains_key(&c.key)).collect()
        };
        if missing.is_empty() {
            return;
        }
        let in_process = self.in_process_outcomes(&missing);
        let out_of_process: Vec<Vec<Outcome>> = if self.has_out_of_process {
            let inputs: Vec<ProgramInput> = missing.iter().map(|c| c.input()).collect();
            self.backends
                .par_iter()
                .filter(|b| b.out_of_process())
                .map(|b| {
                    if b.prefers_batches() {
                        b.run_batch(&inputs.iter().collect::<Vec<_>>(), &self.limits)
                    } else {
                        inputs.par_iter().map(|input| b.run(input, &self.limits)).collect()
                    }
                })
                .collect()
        } else {
            vec![]
        };
        let names = self.names();
        let mut cache = self.cache.lock().unwrap();
        for (k, (candidate, inside)) in missing.iter().zip(in_process).enumerate() {
            // Back in `backends` order.
            let (mut inside, mut outside) = (inside.into_iter(), out_of_process.iter());
            let outcomes: Vec<Outcome> = self
                .backends
                .iter()
                .map(|b| match b.out_of_process() {
                    false => inside.next().expect("one per in-process backend"),
                    true => outside.next().expect("one per out-of-process backend")[k].clone(),
                })
                .collect();
            let verdict = compare(&names, &outcomes).map(|d| Verdict {
                bucket: bucket_key(candidate.program, &d, self.limits.max_steps),
                signature: d.signature,
                uncaught: max_uncaught(&outcomes),
            });
            cache.insert(candidate.key.clone(), verdict);
        }
    }

    /// The outcomes of the in-process backends (in `backends` order) on each
    /// of `candidates` (distinct), run one candidate per task, or taken from
    /// the cache [`Self::keep_all`] fills when out-of-process backends wait
    /// on them. A candidate's first run here is the check it counts as.
    fn in_process_outcomes(&self, candidates: &[&Candidate]) -> Vec<Vec<Outcome>> {
        let run = |c: &Candidate| -> Vec<Outcome> {
            let input = c.input();
            self.backends
                .iter()
                .filter(|b| !b.out_of_process())
                .map(|b| b.run(&input, &self.limits))
                .collect()
        };
        if !self.has_out_of_process {
            self.checks.fetch_add(candidates.len(), Ordering::Relaxed);
            return candidates.par_iter().map(|c| run(c)).collect();
        }
        let missing: Vec<&Candidate> = {
            let cache = self.in_process.lock().unwrap();
            candidates.iter().copied().filter(|c| !cache.contains_key(&c.key)).collect()
        };
        let fresh: Vec<Vec<Outcome>> = missing.par_iter().map(|c| run(c)).collect();
        self.checks.fetch_add(missing.len(), Ordering::Relaxed);
        let mut cache = self.in_process.lock().unwrap();
        for (c, outcomes) in missing.iter().zip(fresh) {
            cache.insert(c.key.clone(), outcomes);
        }
        candidates.iter().map(|c| cache[&c.key].clone()).collect()
    }

    /// Whether the in-process backends' `outcomes` alone show that the
    /// program cannot keep `target`. Sound, because the whole comparison
    /// groups backends by identical results: two in-process backends share
    /// a group in it exactly when their results here are the same, and the
    /// most `!uncaught` events any backend logged is at least theirs.
    fn rules_out(&self, outcomes: &[Outcome], target: &Verdict) -> bool {
        let names: Vec<&str> =
            self.backends.iter().filter(|b| !b.out_of_process()).map(|b| b.name()).collect();
        let groups: Vec<Option<usize>> = names
            .iter()
            .map(|n| target.signature.groups.iter().position(|g| g.iter().any(|m| m == n)))
            .collect();
        // A backend outside every group had no result to compare (unsupported).
        if groups.iter().any(Option::is_none) || outcomes.iter().any(|o| o.status == Status::Unsupported) {
            return false;
        }
        if max_uncaught(outcomes) > target.uncaught {
            return true;
        }
        (0..outcomes.len()).any(|i| {
            (i + 1..outcomes.len())
                .any(|j| (groups[i] == groups[j]) != same_result(&outcomes[i], &outcomes[j]))
        })
    }

    /// Same divergence, and no more uncaught exceptions than the original
    /// had: reductions must not trade the bug for a TypeError or a
    /// ReferenceError they introduced (calling `queueMicrotask()` with no
    /// callback, using a deleted binding, ...).
    fn keeps(&self, p: &Program, target: &Verdict) -> bool {
        self.keep_all(&[p], target)[0]
    }

    /// [`Self::keeps`] for each of `programs`, checked together. The
    /// out-of-process backends run only on those the in-process ones do
    /// not rule out ([`Self::rules_out`]): most candidates of a search.
    fn keep_all(&self, programs: &[&Program], target: &Verdict) -> Vec<bool> {
        let candidates: Vec<Candidate> = programs.iter().map(|p| Candidate::new(p)).collect();
        let unknown: Vec<&Candidate> = {
            let cache = self.cache.lock().unwrap();
            distinct(&candidates.iter().collect::<Vec<_>>())
                .into_iter()
                .filter(|c| !cache.contains_key(&c.key))
                .collect()
        };
        if self.has_out_of_process {
            let in_process = self.in_process_outcomes(&unknown);
            let open: Vec<&Candidate> = unknown
                .into_iter()
                .zip(&in_process)
                .filter(|(_, outcomes)| !self.rules_out(outcomes, target))
                .map(|(c, _)| c)
                .collect();
            self.verdicts(&open);
        } else {
            // Nothing to save: the in-process backends are all there is.
            self.verdicts(&unknown);
        }
        let cache = self.cache.lock().unwrap();
        let keeps = |v: &Option<Verdict>| {
            v.as_ref().is_some_and(|v| {
                v.signature == target.signature && v.bucket == target.bucket && v.uncaught <= target.uncaught
            })
        };
        // Ruled out ones have no verdict: they do not keep `target`.
        candidates.iter().map(|c| cache.get(&c.key).is_some_and(keeps)).collect()
    }

    /// The first candidate (in order) that keeps `target`, checking chunks
    /// together; logs those it considered.
    fn first_interesting(
        &self,
        cands: Vec<Reduced>,
        target: &Verdict,
        log: &mut ReductionLog,
    ) -> Option<Reduced> {
        let chunk = (rayon::current_num_threads() * 2).max(2);
        for (n, part) in cands.chunks(chunk).enumerate() {
            let programs: Vec<&Program> = part.iter().map(|c| &c.program).collect();
            if let Some(i) = self.keep_all(&programs, target).iter().position(|&h| h) {
                log.try_all(&cands[..n * chunk + i + 1]);
                return Some(part[i].clone());
            }
        }
        log.try_all(&cands);
        None
    }

    /// Takes interesting candidates until none is left: a 1-minimal program
    /// (or the budget ran out).
    fn descend(
        &self,
        mut current: Program,
        target: &Verdict,
        budget_end: usize,
        log: &mut ReductionLog,
    ) -> Program {
        while !self.spent(budget_end) {
            match self.first_interesting(candidates(&current), target, log) {
                Some(smaller) => {
                    log.steps.push(smaller.reduction);
                    current = smaller.program
                }
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
        let mut log = ReductionLog::default();
        let mut current = self.descend(program.clone(), &target, budget_end, &mut log);
        'escape: while !self.spent(budget_end) {
            let base = cost(&current);
            for group in retimings(&current) {
                log.try_all(&group);
                let keep = self.keep_all(&group.iter().map(|c| &c.program).collect::<Vec<_>>(), &target);
                for (sideways, _) in group.into_iter().zip(keep).filter(|(_, k)| *k) {
                    // The descent's own steps count only if it is taken.
                    let mut onward = ReductionLog { steps: vec![sideways.reduction], tried: BTreeMap::new() };
                    let end = self.descend(sideways.program, &target, budget_end, &mut onward);
                    for (name, n) in onward.tried {
                        *log.tried.entry(name).or_default() += n;
                    }
                    if cost(&end) < base {
                        log.steps.extend(onward.steps);
                        current = end;
                        continue 'escape;
                    }
                    if self.spent(budget_end) {
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
                if statement_count(&cut.program) >= statements {
                    continue;
                }
                let repaired: Vec<Reduced> = retimings(&cut.program).into_iter().flatten().collect();
                if let Some(q) = self.first_interesting(repaired, &target, &mut log) {
                    // Fewer statements than `current`: cheaper whatever follows.
                    log.steps.extend([cut.reduction, q.reduction]);
                    current = self.descend(q.program, &target, budget_end, &mut log);
                    continue 'escape;
                }
                if self.spent(budget_end) {
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
            reductions: log,
        })
    }

    /// True when no one-step reduction of `p` keeps its divergence (under the
    /// same rules as `minimize`): the 1-minimality check.
    pub fn is_one_minimal(&self, p: &Program) -> bool {
        let Some(target) = self.verdict(p) else { return false };
        let cands = candidates(p);
        self.keep_all(&cands.iter().map(|c| &c.program).collect::<Vec<_>>(), &target).iter().all(|&k| !k)
    }
}

/// What a candidate must keep.
#[derive(Clone, Debug, PartialEq)]
struct Verdict {
    signature: Signature,
    /// The bucket key: the same deviation through the same spec mechanism.
    /// Keeping the signature alone lets a search slip from the bug it
    /// started from to another, simpler one with the same signature (two
    /// QuickJS bugs that both lose events), so that repeats of the first
    /// bug land in the second's bucket and the first is never reported.
    bucket: String,
    /// Most `!uncaught` events any backend logged.
    uncaught: usize,
}

/// A program to check, with its printed source (the cache key).
struct Candidate<'p> {
    key: String,
    program: &'p Program,
}

impl<'p> Candidate<'p> {
    fn new(program: &'p Program) -> Self {
        Candidate { key: print_program(program), program }
    }

    fn input(&self) -> ProgramInput {
        ProgramInput { source: self.key.clone(), model: Some(self.program.clone()) }
    }
}

/// The first occurrence of each distinct program in `candidates`.
fn distinct<'c, 'p>(candidates: &[&'c Candidate<'p>]) -> Vec<&'c Candidate<'p>> {
    let mut seen = std::collections::HashSet::new();
    candidates.iter().copied().filter(|c| seen.insert(c.key.as_str())).collect()
}

fn max_uncaught(outcomes: &[Outcome]) -> usize {
    outcomes.iter().map(|o| o.trace.iter().filter(|e| e.label == UNCAUGHT).count()).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_lists_taken_reductions_most_first_then_counts_the_untaken() {
        let log = ReductionLog {
            steps: vec!["unwrap-try", "remove-statement", "remove-statement"],
            tried: [("remove-statement", 7), ("unwrap-try", 1), ("zero-number", 3), ("drop-argument", 2)]
                .into(),
        };
        assert_eq!(log.taken(), BTreeMap::from([("remove-statement", 2), ("unwrap-try", 1)]));
        assert_eq!(
            log.summary(),
            "remove-statement 2/7, unwrap-try 1/1 (taken/tried); 2 more tried, none taken"
        );
        assert_eq!(ReductionLog::default().summary(), "no reduction taken");
    }

    /// A real minimization (a reference mutant as the buggy engine) names
    /// each of its steps by a reduction, and tried each at least as often
    /// as it took it.
    #[test]
    fn a_minimization_logs_its_steps_by_reduction() {
        let backends = crate::backends::parse_list("reference,reference:await-3tick").unwrap();
        let m = Minimizer::new(&backends, Limits::default());
        let g = generators::Generator::new(generators::GenConfig::default());
        let p = (0..400).map(|i| g.program(31, i)).find(|p| m.signature(p).is_some()).expect("a divergence");
        let min = m.minimize(&p).expect("it reproduces");
        let log = &min.reductions;
        assert!(!log.steps.is_empty(), "{}", print_program(&p));
        let names = generators::reduce::names();
        for (name, taken) in log.taken() {
            assert!(names.contains(&name), "{name}");
            assert!(log.tried[name] >= taken, "{name}: taken {taken}, tried {}", log.tried[name]);
        }
        assert!(log.tried.keys().all(|name| names.contains(name)));
    }
}
