//! The oracle checked against a second oracle: the reference (tickdiff's
//! model of ECMA-262) and engine262 (ECMA-262 written in JavaScript by
//! others) must give the same trace, task and job indices included, on
//! thousands of generated programs. Two independent readings of the spec
//! that agree on every program are evidence both are right; any difference
//! is a bug in one of them (an N-version check of the oracle itself).
//!
//! engine262 is installed by `tickdiff engines install engine262` (`.ci/run`
//! does it); where it is not, the test says so and passes.

mod common;

use common::*;
use generators::{GenConfig, Generator};
use harness::backends;
use harness::outcome::{Limits, ProgramInput, Status};
use harness::runner::run_all;

#[test]
fn reference_and_engine262_agree_on_five_thousand_generated_programs() {
    if !harness::engines::available("engine262") {
        eprintln!("note: engine262 is not installed (tickdiff engines install engine262); skipped");
        return;
    }
    let bs = backends::parse_list("reference,engine262").unwrap();
    let g = Generator::new(GenConfig::default());
    let (seed, n) = (262, 5_000);
    let programs: Vec<_> = (0..n).map(|i| g.program(seed, i)).collect();
    let inputs: Vec<ProgramInput> = programs.iter().map(input).collect();
    let mut rows = run_all(&inputs, &bs, &limits(), jobs());
    // engine262 is an interpreter written in JavaScript: on a starved machine
    // a program can outrun the default wall clock. Those run again, one at a
    // time, with a minute each; a program that still times out fails below.
    let slow: Vec<usize> = (0..n as usize).filter(|&i| rows[i][1].status == Status::Timeout).collect();
    if !slow.is_empty() {
        let again: Vec<ProgramInput> = slow.iter().map(|&i| inputs[i].clone()).collect();
        let patient = Limits { wall: std::time::Duration::from_secs(60), ..limits() };
        for (i, row) in slow.into_iter().zip(run_all(&again, &bs, &patient, 1)) {
            rows[i] = row;
        }
    }
    let mut labels = Vec::new();
    let mut indices = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let (reference, engine262) = (&row[0], &row[1]);
        assert_eq!(reference.status, Status::Ok, "reference failed on program {i}: {:?}", reference.detail);
        let show = || {
            format!(
                "program {i} of seed {seed}: engine262 {} {:?} ({})\n  reference {:?}\n{}",
                engine262.status,
                engine262.labels(),
                engine262.detail.as_deref().unwrap_or(""),
                reference.labels(),
                inputs[i].source
            )
        };
        if engine262.status != Status::Ok || engine262.labels() != reference.labels() {
            labels.push(show());
        } else if engine262.trace != reference.trace {
            // Same order, but the events are placed in other tasks or jobs.
            let at = |o: &harness::outcome::Outcome| -> Vec<(u32, Option<u32>)> {
                o.trace.iter().map(|e| (e.task, e.job)).collect()
            };
            indices.push(format!(
                "{}\n  reference (task, job) {:?}\n  engine262 {:?}",
                show(),
                at(reference),
                at(engine262)
            ));
        }
    }
    let first = |v: &[String]| v.iter().take(3).cloned().collect::<Vec<_>>().join("\n");
    assert!(labels.is_empty(), "{} of {n} programs differ, first ones:\n{}", labels.len(), first(&labels));
    assert!(
        indices.is_empty(),
        "{} of {n} programs place events in other jobs:\n{}",
        indices.len(),
        first(&indices)
    );
}
