//! Each reference mutant models a real kind of engine bug. It must be caught
//! (it disagrees with the reference on some generated programs) and must be
//! precise (on every program that never reaches the step it changes, its
//! trace is the reference's).

mod common;

use common::*;
use harness::reference::{run, run_with_mutant_sites, Mutant};

#[test]
fn every_mutant_is_caught_and_agrees_where_its_step_is_not_reached() {
    let programs = generated(77, 2_000);
    for (k, mutant) in Mutant::ALL.into_iter().enumerate() {
        let (mut differing, mut untouched) = (0, 0);
        for (i, p) in programs.iter().enumerate() {
            let (spec, sites) = run_with_mutant_sites(p, Mutant::None, 100_000);
            let mutated = run(p, mutant, 100_000);
            if sites[k] == 0 {
                untouched += 1;
                assert_eq!(
                    mutated.labels(),
                    spec.labels(),
                    "{mutant:?} changed program {i}, which never reaches its step:\n{}",
                    generators::print_program(p)
                );
            } else if mutated.labels() != spec.labels() {
                differing += 1;
            }
        }
        assert!(differing >= 10, "{mutant:?} differs from the spec on only {differing} of 2000 programs");
        assert!(
            untouched >= 100,
            "{mutant:?}: only {untouched} programs avoid its step; the precision check is weak"
        );
        eprintln!("{mutant:?}: differs on {differing}, untouched {untouched} of 2000");
    }
}

#[test]
fn mutant_names_parse_and_unknown_ones_are_errors() {
    for m in Mutant::ALL {
        assert_eq!(m.suffix().parse::<Mutant>().unwrap(), m);
        let b = harness::backends::by_name(&format!("reference:{}", m.suffix())).unwrap();
        assert_eq!(b.name(), format!("reference:{}", m.suffix()));
    }
    let Err(err) = harness::backends::by_name("reference:nope") else { panic!("accepted an unknown mutant") };
    assert!(err.to_string().contains("await-3tick"), "{err}");
}
