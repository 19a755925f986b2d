//! Every named reduction pinned by its exact output on a small program (as
//! Fuzzilli's MinimizerTest does): all the rewrites one reduction makes of
//! the program, site by site in source order, before the minimizer filters
//! them (validity, cost, repeats). Programs are written as JavaScript and
//! read by the front end, which translates exactly.

use generators::print_program;
use generators::reduce::{self, rewrites, then_chain, MAX_DELAY};
use harness::frontend::parse_program;
use std::collections::BTreeSet;

/// What reduction `name` makes of `source`, each printed.
fn by(name: &str, source: &str) -> Vec<String> {
    let p = parse_program(source, "case.js").unwrap_or_else(|e| panic!("{source}\n{e}"));
    rewrites(&p).into_iter().filter(|c| c.reduction == name).map(|c| print_program(&c.program)).collect()
}

/// `(reduction, program, its rewrites by that reduction)`.
const CASES: &[(&str, &str, &[&str])] = &[
    // statements.rs
    ("clear-block", "log('a');\nlog('b');\n", &[""]),
    ("remove-statement", "log('a');\nlog('b');\n", &["log('b');\n", "log('a');\n"]),
    ("const-to-expression", "const x = f();\nlog(x);\n", &["f();\nlog(x);\n"]),
    ("drop-return-value", "function f() {\n  return 1;\n}\n", &["function f() {\n  return;\n}\n"]),
    ("return-to-expression", "function f() {\n  return 1;\n}\n", &["function f() {\n  1;\n}\n"]),
    ("throw-undefined", "throw 1;\n", &["throw undefined;\n"]),
    // unwrap.rs
    ("unwrap-try", TRY_CATCH_FINALLY, &["log('a');\n"]),
    ("drop-catch", TRY_CATCH_FINALLY, &["try {\n  log('a');\n} finally {\n  log('c');\n}\n"]),
    ("drop-finally", TRY_CATCH_FINALLY, &["try {\n  log('a');\n} catch (e) {\n  log('b');\n}\n"]),
    ("catch-body-only", TRY_CATCH_FINALLY, &["log('b');\n"]),
    ("finally-body-only", TRY_CATCH_FINALLY, &["log('c');\n"]),
    ("flatten-try-finally", "try {\n  log('a');\n} finally {\n  log('c');\n}\n", &["log('a');\nlog('c');\n"]),
    (
        "shorten-loop",
        "for (const x of [1, 2]) {\n  log('a' + x);\n}\n",
        &["for (const x of [1]) {\n  log('a' + x);\n}\n"],
    ),
    ("unroll-loop", "for (const x of [1]) {\n  log('a' + x);\n}\n", &["const x = 1;\nlog('a' + x);\n"]),
    (
        "for-await-to-iterable",
        "async function f() {\n  for await (const x of g()) {\n    log('a');\n  }\n}\n",
        &["async function f() {\n  g();\n}\n"],
    ),
    // The statement, then the expression: the same program twice.
    ("unwrap-iife", "(() => f())();\n", &["f();\n", "f();\n"]),
    ("unwrap-iife", "(() => {\n  log('a');\n})();\n", &["log('a');\n"]),
    ("inline-callback", "setTimeout(() => {\n  log('a');\n}, 0);\n", &["log('a');\n"]),
    ("inline-callback", "Promise.resolve().then(() => f());\n", &["f();\n", "f();\n"]),
    // expressions.rs
    ("zero-number", "setTimeout(f, 5);\n", &["setTimeout(f, 0);\n"]),
    ("unwrap-yield", "function* g() {\n  yield 1;\n}\n", &["function* g() {\n  1;\n}\n"]),
    (
        "unwrap-await",
        "async function f() {\n  await g();\n}\n",
        &["async function f() {\n  g();\n}\n", "async function f() {\n  g();\n}\n"],
    ),
    (
        "keep-left-operand",
        "for (const x of [1]) {\n  log('a' + x);\n}\n",
        &["for (const x of [1]) {\n  log('a');\n}\n"],
    ),
    ("unwrap-property-assignment", "o[k] += f();\n", &["f();\n"]),
    ("drop-array-element", "Promise.all([f(), g()]);\n", &["Promise.all([g()]);\n", "Promise.all([f()]);\n"]),
    ("array-to-element", "Promise.all([f(), g()]);\n", &["Promise.all(f());\n", "Promise.all(g());\n"]),
    (
        "to-resolved-promise",
        "new Promise(f).then(g);\n",
        &["Promise.resolve();\n", "Promise.resolve().then(g);\n"],
    ),
    ("to-resolved-promise", "log({});\n", &["log(Promise.resolve());\n"]),
    ("to-undefined", "new Promise(f).then(g);\n", &["undefined;\n", "undefined.then(g);\n"]),
    ("inline-executor", "new Promise((resolve) => resolve(1));\n", &["resolve(1);\n"]),
    (
        "inline-executor",
        "new Promise((resolve) => {\n  resolve(1);\n});\n",
        &["(() => {\n  resolve(1);\n})();\n"],
    ),
    // calls.rs
    ("drop-chain-link", "p.then(f).catch(g);\n", &["p.then(f);\n", "p.catch(g);\n"]),
    ("map-to-call", "[1].map(f);\n", &["f();\n"]),
    // A `log` call's argument is its label: neither dropped nor standing for it.
    ("call-to-argument", "log('a');\nPromise.all(x, y);\n", &["log('a');\nx;\n", "log('a');\ny;\n"]),
    ("drop-argument", "log('a');\nf(x, y);\n", &["log('a');\nf(y);\n", "log('a');\nf(x);\n"]),
    // classes.rs
    (
        "drop-class-member",
        "class A {\n  x = 1;\n  m() {}\n}\nconst B = class {\n  static n() {}\n};\n",
        &[
            "class A {\n  m() {}\n}\nconst B = class {\n  static n() {}\n};\n",
            "class A {\n  x = 1;\n}\nconst B = class {\n  static n() {}\n};\n",
            "class A {\n  x = 1;\n  m() {}\n}\nconst B = class {};\n",
        ],
    ),
    ("drop-extends", "class A extends Promise {\n  m() {}\n}\n", &["class A {\n  m() {}\n}\n"]),
    // functions.rs
    ("concise-body", "p.then(() => {\n  return f();\n});\n", &["p.then(() => f());\n"]),
    (
        "method-to-arrow-property",
        "Promise.resolve({\n  then(resolve) {\n    resolve(1);\n  }\n});\n",
        &["Promise.resolve({\n  then: (resolve) => resolve(1)\n});\n"],
    ),
    (
        "drop-async",
        "async function f() {\n  log('a');\n}\np.then(async () => g());\n",
        &[
            "function f() {\n  log('a');\n}\np.then(async () => g());\n",
            "async function f() {\n  log('a');\n}\np.then(() => g());\n",
        ],
    ),
    ("drop-parameter", "p.then((x, y) => f());\n", &["p.then((x) => f());\n"]),
    (
        "async-tail-to-then",
        "(async () => {\n  await f();\n  log('a');\n})();\n",
        &["(async () => {\n  await f();\n})().then(() => log('a'));\n"],
    ),
    (
        "async-tail-to-then",
        "p.then(async () => {\n  await f();\n  log('a');\n});\n",
        &["p.then(async () => {\n  await f();\n}).then(() => log('a'));\n"],
    ),
    ("generator-to-array", "f((function* () {\n  yield 1;\n  yield 2;\n})());\n", &["f([1, 2]);\n"]),
    // declarations.rs
    ("inline-function", "function f() {\n  log('a');\n}\nf();\n", &["(() => {\n  log('a');\n})();\n"]),
    ("drop-declaration-with-uses", "const x = f();\nx.then(g);\nlog('a');\n", &["log('a');\n"]),
    ("inline-single-use-const", "const x = f();\nx.then(g);\n", &["f().then(g);\n"]),
];

const TRY_CATCH_FINALLY: &str =
    "try {\n  log('a');\n} catch (e) {\n  log('b');\n} finally {\n  log('c');\n}\n";

#[test]
fn each_reduction_makes_exactly_its_rewrites() {
    let mut failures = Vec::new();
    for (name, source, want) in CASES {
        let got = by(name, source);
        if got != *want {
            failures.push(format!("{name} of\n{source}wants {want:#?}\ngot {got:#?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn retimings_put_each_delay_in_place_of_a_logging_statement_or_a_call() {
    let delays = |f: &dyn Fn(String) -> String| (0..=MAX_DELAY).map(|k| f(print_expr(k))).collect::<Vec<_>>();
    assert_eq!(
        by("retime-statement", "f().then(() => log('a'));\n"),
        delays(&|chain| format!("{chain}.then(() => log('a'));\n"))
    );
    // The outer call, then the inner one.
    let mut calls = delays(&|chain| format!("{chain};\n"));
    calls.extend(delays(&|chain| format!("{chain}.then(g);\n")));
    assert_eq!(by("retime-call", "f().then(g);\n"), calls);
    // A plain chain is what a retiming makes: not retimed again.
    assert_eq!(by("retime-call", "Promise.resolve().then();\n"), Vec::<String>::new());
}

/// `then_chain(k)` as printed.
fn print_expr(k: usize) -> String {
    let printed =
        print_program(&generators::Program { body: vec![generators::model::Stmt::Expr(then_chain(k))] });
    printed.trim_end().trim_end_matches(';').to_string()
}

#[test]
fn every_reduction_is_pinned() {
    let pinned: BTreeSet<&str> =
        CASES.iter().map(|(n, _, _)| *n).chain(["retime-statement", "retime-call"]).collect();
    let all: BTreeSet<&str> = reduce::names().into_iter().collect();
    assert_eq!(pinned, all);
}

/// A function declared in a `for await` body or in another function is
/// inlined like one at the top: its declaration goes too (it used to stay,
/// so the candidate was bigger than the program and never offered).
#[test]
fn a_nested_function_declaration_is_inlined_and_removed() {
    // (A declaration in a loop body or any other block has Annex B.3.3's
    // semantics, which the model does not: declarations stand in function
    // bodies only.)
    let in_function = "function outer() {\n  function h() {\n    log('a');\n  }\n  h();\n}\nouter();\n";
    assert_eq!(
        by("inline-function", in_function),
        [
            "(() => {\n  function h() {\n    log('a');\n  }\n  h();\n})();\n",
            "function outer() {\n  (() => {\n    log('a');\n  })();\n}\nouter();\n",
        ]
    );
    let p = parse_program(in_function, "case.js").unwrap();
    // Smaller than the program (one statement less), so the minimizer is offered it.
    let offered: Vec<String> = reduce::candidates(&p).iter().map(|c| print_program(&c.program)).collect();
    assert!(offered
        .iter()
        .any(|c| c == "function outer() {\n  (() => {\n    log('a');\n  })();\n}\nouter();\n"));
}
