//! The minimizer on real divergences: reference mutants stand in for buggy
//! engines. Every repro must still diverge the same way, be 1-minimal, be
//! small, and repeats of one bug must share a bucket.

mod common;

use common::*;
use harness::backends;
use harness::bucket::bucket_key;
use harness::minimize::Minimizer;
use harness::reference::Mutant;
use std::collections::BTreeMap;

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

#[test]
#[ignore]
fn show_repros() {
    let seed = std::env::var("SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(31);
    let programs = generated(seed, 400);
    let which = std::env::var("MUTANT").unwrap_or("await-3tick".into());
    let bs = backends::parse_list(&format!("reference,reference:{which}")).unwrap();
    let m = Minimizer::new(&bs, limits());
    let mut n = 0;
    for p in &programs {
        if m.signature(p).is_none() {
            continue;
        }
        n += 1;
        if n > 20 {
            break;
        }
        let min = m.minimize(p).unwrap();
        eprintln!(
            "---- {}\n{}",
            bucket_key(&min.program, &min.divergence, 100_000),
            generators::print_program(&min.program)
        );
    }
}
