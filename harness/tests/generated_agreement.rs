//! 10,000 generated programs on every backend: each parses and runs in every
//! engine, and every engine's trace equals the reference's. With node on
//! PATH this is the reference's cross-check against V8; any disagreement is
//! a bug in the reference until proven otherwise (then it goes into
//! `KNOWN` with a minimized repro in corpus/regressions).

mod common;

use common::*;
use harness::backends;
use harness::engines::node_available;
use harness::outcome::Status;
use harness::runner::run_all;

/// (seed, index, backend) of generated programs where an engine is known to
/// differ from the spec. Empty: on these programs QuickJS-ng, Boa and V8
/// all agree with the reference.
const KNOWN: &[(u64, u64, &str)] = &[];

const SEED: u64 = 2024;
const PROGRAMS: u64 = 10_000;

#[test]
fn generated_programs_parse_and_agree_with_the_reference_on_every_engine() {
    let mut list = "reference,quickjs,boa".to_string();
    if node_available() {
        list.push_str(",node");
    } else {
        eprintln!("note: node is not on PATH; the V8 cross-check is skipped (.ci/run installs node)");
    }
    let bs = backends::parse_list(&list).unwrap();
    let programs = generated(SEED, PROGRAMS);
    let inputs: Vec<_> = programs.iter().map(input).collect();
    let rows = run_all(&inputs, &bs, &limits(), jobs());
    let mut failures = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let reference = &row[0];
        assert_eq!(reference.status, Status::Ok, "reference failed on program {i}: {:?}", reference.detail);
        for (b, out) in bs.iter().zip(row).skip(1) {
            let known = KNOWN.contains(&(SEED, i as u64, b.name()));
            let differs = out.status != Status::Ok || out.labels() != reference.labels();
            if differs && !known {
                failures.push(format!(
                    "program {i} on {}: {} {:?} ({})\n  reference {:?}\n{}",
                    b.name(),
                    out.status,
                    out.labels(),
                    out.detail.as_deref().unwrap_or(""),
                    reference.labels(),
                    inputs[i].source
                ));
            }
            assert!(!(known && !differs), "program {i} on {} is listed as KNOWN but agrees now", b.name());
        }
    }
    let shown: Vec<_> = failures.iter().take(5).collect();
    assert!(failures.is_empty(), "{} disagreements, first ones:\n{}", failures.len(), shown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n"));
    eprintln!("{PROGRAMS} programs agree on {list}");
}
