//! The minimizer on real divergences: reference mutants stand in for buggy
//! engines. Every repro must still diverge the same way, be 1-minimal, be
//! small, and repeats of one bug must share a bucket.

mod common;

use common::*;
use harness::backends;
use harness::bucket::bucket_key;
use harness::minimize::Minimizer;
use harness::outcome::{Backend, Limits, Outcome, ProgramInput, Status};
use harness::reference::Mutant;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

#[test]
fn mutant_divergences_minimize_to_small_one_minimal_repros_in_few_buckets() {
    let programs = generated(31, 400);
    let mut medians = Vec::new();
    for mutant in Mutant::ALL {
        let list = format!("reference,reference:{}", mutant.suffix());
        let bs = backends::parse_list(&list).unwrap();
        let m = Minimizer::new(&bs, limits());
        let mut sizes = Vec::new();
        let mut buckets: BTreeMap<String, usize> = BTreeMap::new();
        let mut found = 0;
        for p in &programs {
            if m.signature(p).is_none() {
                continue;
            }
            found += 1;
            if found > 12 {
                break;
            }
            let min = m.minimize(p).expect("diverges");
            // Re-run from scratch: still the same divergence.
            let fresh = Minimizer::new(&bs, limits());
            assert_eq!(fresh.signature(&min.program).as_ref(), Some(&min.divergence.signature));
            assert!(
                fresh.is_one_minimal(&min.program),
                "{mutant:?}: not 1-minimal:\n{}",
                generators::print_program(&min.program)
            );
            sizes.push(generators::model::statement_count(&min.program));
            *buckets.entry(bucket_key(&min.program, &min.divergence, 100_000)).or_default() += 1;
        }
        assert!(found > 0, "{mutant:?} found no divergence in 400 programs");
        sizes.sort();
        let median = sizes[sizes.len() / 2];
        eprintln!(
            "{mutant:?}: {} repros, median {median} statements, sizes {sizes:?}, {} buckets",
            sizes.len(),
            buckets.len()
        );
        medians.push((mutant, median));
    }
    for (mutant, median) in medians {
        assert!(median <= 5, "{mutant:?}: median repro has {median} statements");
    }
}

/// The median holds on seeds the minimizer was not tuned on (the test
/// above uses 31): for every mutant, the first 4 divergences of each of
/// seeds 1 to 3 minimize to repros that keep their bucket key, with a
/// median of at most 5 statements. Minimization is deterministic, so this
/// is a fixed set of repros. (Seconds per divergence are `tickdiff bench
/// minimize`'s.)
#[test]
fn repros_stay_small_on_other_seeds() {
    for mutant in Mutant::ALL {
        let bs = backends::parse_list(&format!("reference,reference:{}", mutant.suffix())).unwrap();
        let m = Minimizer::new(&bs, limits());
        let mut sizes = Vec::new();
        for seed in 1..=3 {
            let divergent = generated(seed, 400).into_iter().filter_map(|p| Some((m.run(&p).1?, p))).take(4);
            for (divergence, p) in divergent {
                let key = bucket_key(&p, &divergence, 100_000);
                let min = m.minimize(&p).expect("diverges");
                assert_eq!(bucket_key(&min.program, &min.divergence, 100_000), key, "{mutant:?} seed {seed}");
                sizes.push(generators::model::statement_count(&min.program));
            }
        }
        assert!(!sizes.is_empty(), "{mutant:?}: no divergence in seeds 1 to 3");
        sizes.sort();
        let median = sizes[sizes.len() / 2];
        assert!(median <= 5, "{mutant:?}: median repro has {median} statements, sizes {sizes:?}");
    }
}

/// Disagrees with the reference on its first run only, as a Boa worker
/// killed from outside does (the kill reads as `out-of-memory`).
struct FlakyOnce {
    reference: Box<dyn Backend>,
    first: AtomicBool,
}

impl Backend for FlakyOnce {
    fn name(&self) -> &str {
        "flaky"
    }
    fn version(&self) -> String {
        "test".into()
    }
    fn run(&self, input: &ProgramInput, limits: &Limits) -> Outcome {
        if self.first.swap(false, Ordering::SeqCst) {
            return Outcome::failed(Status::OutOfMemory, vec![], "killed from outside");
        }
        self.reference.run(input, limits)
    }
}

#[test]
fn a_divergence_gone_by_the_end_of_the_search_is_flaky_not_a_repro() {
    let program = &generated(5, 1)[0];
    let flaky =
        FlakyOnce { reference: backends::by_name("reference").unwrap(), first: AtomicBool::new(true) };
    let bs: Vec<Box<dyn Backend>> = vec![backends::by_name("reference").unwrap(), Box::new(flaky)];
    let m = Minimizer::new(&bs, limits());
    assert!(m.signature(program).is_some(), "the first run diverges");
    assert!(m.minimize(program).is_none(), "a divergence that is gone is no repro");
}

/// Runs `inner`, counting the programs it ran, and says it runs out of
/// process or not as told.
struct Counting {
    inner: Box<dyn Backend>,
    out_of_process: bool,
    programs: Arc<AtomicUsize>,
}

impl Backend for Counting {
    fn name(&self) -> &str {
        self.inner.name()
    }
    fn version(&self) -> String {
        self.inner.version()
    }
    fn run(&self, input: &ProgramInput, limits: &Limits) -> Outcome {
        self.programs.fetch_add(1, Ordering::SeqCst);
        self.inner.run(input, limits)
    }
    fn run_batch(&self, inputs: &[&ProgramInput], limits: &Limits) -> Vec<Outcome> {
        self.programs.fetch_add(inputs.len(), Ordering::SeqCst);
        self.inner.run_batch(inputs, limits)
    }
    fn prefers_batches(&self) -> bool {
        self.inner.prefers_batches()
    }
    fn out_of_process(&self) -> bool {
        self.out_of_process
    }
}

#[test]
fn out_of_process_backends_run_only_on_candidates_the_others_leave_open() {
    // The same repros whether Boa (in its worker) checks every candidate or
    // only those reference and quickjs do not rule out, with far fewer
    // programs run on it. Real divergences: quickjs against the others.
    let with_boa = |out_of_process: bool| -> (Vec<Box<dyn Backend>>, Arc<AtomicUsize>) {
        let mut bs = backends::parse_list("reference,quickjs").unwrap();
        let programs = Arc::new(AtomicUsize::new(0));
        let inner = backends::by_name("boa").unwrap();
        bs.push(Box::new(Counting { inner, out_of_process, programs: programs.clone() }));
        (bs, programs)
    };
    let ((filtered, filtered_runs), (unfiltered, unfiltered_runs)) = (with_boa(true), with_boa(false));
    let probe = Minimizer::new(&filtered, limits());
    let divergent: Vec<_> =
        generated(5, 300).into_iter().filter(|p| probe.signature(p).is_some()).take(3).collect();
    assert_eq!(divergent.len(), 3, "seed 5 has quickjs divergences");
    let boa_runs = || (filtered_runs.load(Ordering::SeqCst), unfiltered_runs.load(Ordering::SeqCst));
    for p in &divergent {
        let before = boa_runs();
        let a = Minimizer::new(&filtered, limits()).minimize(p).expect("diverges");
        let b = Minimizer::new(&unfiltered, limits()).minimize(p).expect("diverges");
        assert_eq!(generators::print_program(&a.program), generators::print_program(&b.program));
        assert_eq!(a.divergence.signature, b.divergence.signature);
        let (ran_a, ran_b) = (boa_runs().0 - before.0, boa_runs().1 - before.1);
        eprintln!("boa ran {ran_a} programs with the filter, {ran_b} without");
        assert!(ran_a > 0 && ran_a * 2 < ran_b, "{ran_a} vs {ran_b}");
    }
}
