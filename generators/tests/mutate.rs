//! Each mutator pinned by its exact output on a small program (one site, so
//! the RNG only picks among siblings; where it does, the draws are those of
//! SplitMix64 from the seed, pinned by `rng_is_splitmix64`), and the
//! properties every mutation keeps: it validates, and it is a function of
//! the program, the donor and the seed.

use generators::model::*;
use generators::mutate::{Mutator, Rng};
use generators::{print_program, validate, GenConfig, Generator};

fn block(f: Func) -> Expr {
    Expr::Func(f)
}

fn arrow_logging(label: &str) -> Expr {
    block(Func::arrow(false, vec![], vec![Stmt::log(label)]))
}

fn program(body: Vec<Stmt>) -> Program {
    Program { body }
}

fn call(name: &str, args: Vec<Expr>) -> Stmt {
    Stmt::Expr(Expr::call(Expr::ident(name), args))
}

/// The program printed after `m` with RNG seed `seed`.
fn mutated(m: Mutator, p: &Program, donor: Option<&Program>, seed: u64) -> String {
    let q = m
        .mutate(p, donor, &mut Rng::new(seed))
        .unwrap_or_else(|| panic!("{} found no valid mutation", m.name()));
    assert!(validate::problems(&q).is_empty(), "{:?}", validate::problems(&q));
    print_program(&q)
}

#[test]
fn rng_is_splitmix64() {
    // The first outputs of Vigna's splitmix64.c from state 0.
    let mut r = Rng::new(0);
    assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
    assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    // below(n) is the high half of the 128-bit product: 0xE220.. * 4 >> 64 = 3.
    assert_eq!(Rng::new(0).below(4), 3);
}

#[test]
fn swap_settle_turns_resolve_into_reject() {
    let p = program(vec![Stmt::Expr(Expr::method(
        Expr::promise_static("resolve", vec![Expr::Num(1)]),
        "then",
        vec![arrow_logging("a")],
    ))]);
    assert_eq!(
        mutated(Mutator::SwapSettle, &p, None, 0),
        "Promise.reject(1).then(() => {\n  log('a');\n});\n"
    );
}

#[test]
fn swap_await_yield_in_an_async_generator() {
    let g = Func::generator(true, vec![], vec![Stmt::Expr(Expr::await_(Expr::Num(1))), Stmt::log("a")]);
    let p = program(vec![
        Stmt::Function { name: "g0".into(), func: g },
        Stmt::Expr(Expr::method(Expr::call(Expr::ident("g0"), vec![]), "next", vec![])),
    ]);
    assert_eq!(
        mutated(Mutator::SwapAwaitYield, &p, None, 0),
        "async function* g0() {\n  yield 1;\n  log('a');\n}\ng0().next();\n"
    );
}

#[test]
fn swap_await_yield_is_discarded_outside_generators() {
    let f = Func::function(true, vec![], vec![Stmt::Expr(Expr::await_(Expr::Num(1)))]);
    let p = program(vec![Stmt::Function { name: "f0".into(), func: f }, call("f0", vec![])]);
    assert_eq!(Mutator::SwapAwaitYield.mutate(&p, None, &mut Rng::new(0)), None);
}

#[test]
fn swap_async_makes_an_arrow_async() {
    let p = program(vec![call("setTimeout", vec![arrow_logging("a"), Expr::Num(1)])]);
    assert_eq!(mutated(Mutator::SwapAsync, &p, None, 0), "setTimeout(async () => {\n  log('a');\n}, 1);\n");
}

#[test]
fn retime_task_trades_a_job_for_a_task_and_back() {
    let micro = program(vec![call("queueMicrotask", vec![arrow_logging("a")])]);
    assert_eq!(mutated(Mutator::RetimeTask, &micro, None, 0), "setTimeout(() => {\n  log('a');\n}, 0);\n");
    let timer = program(vec![call("setTimeout", vec![arrow_logging("a"), Expr::Num(2)])]);
    assert_eq!(mutated(Mutator::RetimeTask, &timer, None, 0), "queueMicrotask(() => {\n  log('a');\n});\n");
}

#[test]
fn retime_delay_picks_another_delay() {
    let p = program(vec![call("setTimeout", vec![arrow_logging("a"), Expr::Num(2)])]);
    // Seed 0: the site is draw 1 (one site); draw 2 is 0x6E78.. -> below(4) = 1, below 2 so kept: 1.
    assert_eq!(mutated(Mutator::RetimeDelay, &p, None, 0), "setTimeout(() => {\n  log('a');\n}, 1);\n");
    // Seed 1: draw 2 is 0xBEEB.. -> below(4) = 2, not below 2 so one up: 3.
    assert_eq!(mutated(Mutator::RetimeDelay, &p, None, 1), "setTimeout(() => {\n  log('a');\n}, 3);\n");
}

#[test]
fn swap_combinator_picks_a_sibling() {
    let p = program(vec![Stmt::Expr(Expr::method(
        Expr::promise_static("all", vec![Expr::Array(vec![])]),
        "then",
        vec![arrow_logging("a")],
    ))]);
    // Seed 0: draw 2 below(3) = 1 -> the second sibling of `all`: `any`.
    assert_eq!(
        mutated(Mutator::SwapCombinator, &p, None, 0),
        "Promise.any([]).then(() => {\n  log('a');\n});\n"
    );
}

#[test]
fn swap_chain_turns_then_into_catch_or_finally() {
    let p = program(vec![Stmt::Expr(Expr::method(
        Expr::promise_static("resolve", vec![]),
        "then",
        vec![arrow_logging("a")],
    ))]);
    // Seed 0: draw 2 below(2) = 0 -> catch.
    assert_eq!(
        mutated(Mutator::SwapChain, &p, None, 0),
        "Promise.resolve().catch(() => {\n  log('a');\n});\n"
    );
}

#[test]
fn retime_await_moves_the_rest_into_then() {
    let f = Func::function(
        true,
        vec![],
        vec![Stmt::Expr(Expr::await_(Expr::promise_static("resolve", vec![]))), Stmt::log("a")],
    );
    let p = program(vec![Stmt::Function { name: "f0".into(), func: f }, call("f0", vec![])]);
    // Seed 0: draw 2 below(2) = 0: a plain arrow.
    assert_eq!(
        mutated(Mutator::RetimeAwait, &p, None, 0),
        "async function f0() {\n  await Promise.resolve().then(() => {\n    log('a');\n  });\n}\nf0();\n"
    );
}

#[test]
fn splice_brings_the_declarations_a_statement_uses_renamed() {
    let f = |label: &str| Func::function(true, vec![], vec![Stmt::log(label)]);
    let p = program(vec![Stmt::Function { name: "f0".into(), func: f("a") }, call("f0", vec![])]);
    let donor =
        program(vec![Stmt::Function { name: "f0".into(), func: f("a") }, call("f0", vec![]), Stmt::log("b")]);
    // Seed 0: draw 1 picks the third of the donor's statements (`log('b')`; its function
    // declaration is not one), draw 2 the script (of two lists), draw 3 position 0;
    // labels are renumbered in source order.
    assert_eq!(
        mutated(Mutator::Splice, &p, Some(&donor), 0),
        "log('a');\nasync function f0() {\n  log('b');\n}\nf0();\n"
    );
    // Seed 1: `f0()`, which brings the donor's f0 along, renamed f1 (p has an f0),
    // first in the script; the call goes at the end of p's f0.
    assert_eq!(
        mutated(Mutator::Splice, &p, Some(&donor), 1),
        "async function f1() {\n  log('a');\n}\nasync function f0() {\n  log('b');\n  f1();\n}\nf0();\n"
    );
}

#[test]
fn splice_leaves_out_statements_that_use_names_bound_around_them() {
    // `log(x0)` needs its loop: alone it would read an unbound name.
    let donor = program(vec![Stmt::ForOf {
        binding: LoopBinding::Const,
        var: "x0".into(),
        iterable: Expr::Array(vec![Expr::Num(1)]),
        body: vec![Stmt::Expr(Expr::log(Expr::add(Expr::str("a"), Expr::ident("x0"))))],
    }]);
    let p = program(vec![Stmt::log("a")]);
    for seed in 0..50 {
        if let Some(q) = Mutator::Splice.mutate(&p, Some(&donor), &mut Rng::new(seed)) {
            let text = print_program(&q);
            assert!(text.contains("for (const x0 of [1])"), "{text}");
        }
    }
}

#[test]
fn every_mutation_of_generated_programs_validates_and_is_deterministic() {
    let g = Generator::new(GenConfig::default());
    for m in Mutator::ALL {
        let mut made = 0;
        for i in 0..60u64 {
            let (p, donor) = (g.program(5, i), g.program(6, i));
            let q = m.mutate(&p, Some(&donor), &mut Rng::new(i));
            assert_eq!(q, m.mutate(&p, Some(&donor), &mut Rng::new(i)), "{} not deterministic", m.name());
            if let Some(q) = q {
                made += 1;
                assert!(validate::problems(&q).is_empty(), "{}: {:?}", m.name(), validate::problems(&q));
                assert_ne!(q, p);
            }
        }
        assert!(made > 0, "{} never applied to 60 generated programs", m.name());
    }
}
