//! Spec-step coverage (harness/src/reference/coverage.rs): the declared
//! steps are exactly the marked ones, and hand-written programs take the
//! steps the spec says they take.

use harness::frontend::parse_program;
use harness::reference::coverage::Step;
use harness::reference::{run_explained, run_with_coverage, Mutant};

/// The reference's algorithm sources: every mark site is in one of them.
const SOURCES: [&str; 5] = [
    include_str!("../src/reference/promise.rs"),
    include_str!("../src/reference/machine.rs"),
    include_str!("../src/reference/iteration.rs"),
    include_str!("../src/reference/host.rs"),
    include_str!("../src/reference/interp.rs"),
];

#[test]
fn every_declared_step_has_a_mark_site() {
    let missing: Vec<&str> = Step::IDENTS
        .iter()
        .copied()
        .filter(|id| !SOURCES.iter().any(|s| s.contains(&format!("Step::{id}"))))
        .collect();
    assert!(missing.is_empty(), "steps declared but never marked: {missing:?}");
    assert_eq!(Step::ALL.len(), Step::IDENTS.len());
    for (i, s) in Step::ALL.iter().enumerate() {
        assert_eq!(*s as usize, i);
    }
}

#[test]
fn step_names_are_unique_and_start_with_a_section() {
    let mut names: Vec<&str> = Step::ALL.iter().map(|s| s.name()).collect();
    for n in &names {
        let head = n.split(' ').next().unwrap();
        assert!(
            head == "host" || head == "host:" || head.split('.').all(|p| p.parse::<u32>().is_ok()),
            "{n}"
        );
    }
    names.sort();
    names.dedup();
    assert_eq!(names.len(), Step::ALL.len());
}

fn steps_of(src: &str) -> Vec<Step> {
    let p = parse_program(src, "t.js").expect("parses");
    let (o, c) = run_with_coverage(&p, Mutant::None, 10_000);
    assert_eq!(o.status, harness::outcome::Status::Ok, "{o:?}");
    c.hit().collect()
}

#[test]
fn then_on_a_fulfilled_promise() {
    // Promise.resolve(): PromiseResolve makes a new capability and resolves
    // it with undefined (not an Object: FulfillPromise); then on a fulfilled
    // promise enqueues the reaction job at once, which calls the handler and
    // resolves the derived promise with its undefined result.
    let hit = steps_of("Promise.resolve().then(() => log('a'));");
    assert_eq!(
        hit,
        vec![
            Step::ResolveNonObject,
            Step::ReactionCallHandler,
            Step::ReactionResolveDerived,
            Step::PromiseResolveNewCapability,
            Step::ThenFulfilled,
            Step::HostEnqueuePromiseJob,
        ]
    );
}

#[test]
fn await_of_a_thenable_takes_a_resolve_thenable_job() {
    // Await(thenable): PromiseResolve(%Promise%, thenable) resolves a new
    // promise with an object whose then is callable, so a
    // NewPromiseResolveThenableJob is enqueued; the job calls then, which
    // resolves with 1 (FulfillPromise, triggering the await's reaction,
    // which has no capability), and the async function then returns.
    let hit =
        steps_of("const t = { then(r) { r(1); } };\nasync function f() { await t; log('after'); }\nf();");
    for s in [
        Step::PromiseResolveNewCapability,
        Step::ResolveThenable,
        Step::ThenableJobCallThen,
        Step::ResolveNonObject,
        Step::ThenPending,
        Step::TriggerReaction,
        Step::ReactionNoCapability,
        Step::Await,
        Step::AsyncBlockReturn,
    ] {
        assert!(hit.contains(&s), "{s:?} not in {hit:?}");
    }
    assert!(!hit.contains(&Step::ThenFulfilled), "{hit:?}");
}

#[test]
fn explained_jobs_name_the_step_that_enqueued_them() {
    let p = parse_program("Promise.reject(1).catch(() => log('c'));", "t.js").unwrap();
    let ex = run_explained(&p, Mutant::None, 10_000);
    // One job: the rejected promise's reaction, enqueued by PerformPromiseThen's rejected branch.
    assert_eq!(ex.jobs.len(), 1);
    assert_eq!(ex.jobs[0].enqueued_at, Some(Step::ThenRejected));
    assert_eq!(
        ex.jobs[0].steps,
        vec![Step::ReactionCallHandler, Step::ReactionResolveDerived, Step::ResolveNonObject]
    );
}

/// The coverage of a default campaign's programs: run with
/// `cargo test --release -p harness --test coverage -- --ignored --nocapture`
/// (COVERAGE_PROGRAMS, default 100000).
#[test]
#[ignore]
fn default_campaign_coverage() {
    let n: u64 = std::env::var("COVERAGE_PROGRAMS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let g = generators::Generator::new(generators::GenConfig::default());
    let mut programs_hitting = vec![0u64; Step::ALL.len()];
    for i in 0..n {
        let (_, c) = run_with_coverage(&g.program(1, i), Mutant::None, 100_000);
        for s in c.hit() {
            programs_hitting[s as usize] += 1;
        }
    }
    let hit = programs_hitting.iter().filter(|c| **c > 0).count();
    println!(
        "{n} programs (seed 1): {hit}/{} steps = {:.1}%",
        Step::ALL.len(),
        100.0 * hit as f64 / Step::ALL.len() as f64
    );
    for s in Step::ALL {
        if programs_hitting[*s as usize] == 0 {
            println!("missed: {}", s.name());
        }
    }
}

#[test]
fn the_steps_behind_an_event_follow_its_causal_chain() {
    // `await null`: Await's PromiseResolve gives an already fulfilled
    // promise, so PerformPromiseThen's fulfilled branch enqueues the resumption.
    let p = parse_program("async function f() { await null; log('b'); }\nf();", "t.js").unwrap();
    let ex = run_explained(&p, Mutant::None, 10_000);
    assert_eq!(ex.outcome.labels(), vec!["b"]);
    assert_eq!(ex.steps_behind(0), vec![Step::ThenFulfilled]);
}
