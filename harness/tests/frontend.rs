//! The JS front end: it inverts the printer, accepts the spec corpus, and
//! rejects everything outside the model's subset with the construct's
//! position and name.

use generators::model::*;
use generators::printer::print_program;
use harness::frontend::{parse_program, FrontendError, FrontendErrorKind};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::Path;

// ---------------------------------------------------------------------------
// Helpers

fn s(x: &str) -> String {
    x.to_string()
}

fn id(x: &str) -> Expr {
    Expr::ident(x)
}

fn prog(body: Vec<Stmt>) -> Program {
    Program { body }
}

fn expr_stmt(e: Expr) -> Stmt {
    Stmt::Expr(e)
}

fn konst(name: &str, init: Expr) -> Stmt {
    Stmt::Const { name: s(name), init }
}

fn arrow(params: &[&str], body: Vec<Stmt>) -> Expr {
    Expr::Func(Func::arrow(false, params.iter().map(|p| s(p)).collect(), body))
}

fn async_arrow(params: &[&str], body: Vec<Stmt>) -> Expr {
    Expr::Func(Func::arrow(true, params.iter().map(|p| s(p)).collect(), body))
}

fn concise(is_async: bool, params: &[&str], e: Expr) -> Expr {
    Expr::Func(Func {
        kind: FuncKind::Arrow,
        is_async,
        generator: false,
        params: params.iter().map(|p| Element::name(*p)).collect(),
        rest: None,
        body: Body::Expr(Box::new(e)),
    })
}

fn function(is_async: bool, params: &[&str], body: Vec<Stmt>) -> Func {
    Func::function(is_async, params.iter().map(|p| s(p)).collect(), body)
}

fn fn_decl(name: &str, is_async: bool, params: &[&str], body: Vec<Stmt>) -> Stmt {
    Stmt::Function { name: s(name), func: function(is_async, params, body) }
}

/// `function* (..) {..}` / `async function* (..) {..}`.
fn generator(is_async: bool, params: &[&str], body: Vec<Stmt>) -> Func {
    Func::generator(is_async, params.iter().map(|p| s(p)).collect(), body)
}

fn gen_decl(name: &str, is_async: bool, params: &[&str], body: Vec<Stmt>) -> Stmt {
    Stmt::Function { name: s(name), func: generator(is_async, params, body) }
}

fn yield_(e: Expr) -> Expr {
    Expr::Yield(Box::new(e))
}

fn yield_star(e: Expr) -> Expr {
    Expr::YieldStar(Box::new(e))
}

fn for_await(var: &str, iterable: Expr, body: Vec<Stmt>) -> Stmt {
    Stmt::ForAwait { binding: LoopBinding::Const, var: s(var).into(), iterable, body }
}

fn then(p: Expr, f: Expr) -> Expr {
    Expr::method(p, "then", vec![f])
}

fn resolve(v: Expr) -> Expr {
    Expr::promise_static("resolve", vec![v])
}

/// Prints, parses, and checks the model comes back unchanged.
fn assert_round_trip(p: &Program) {
    let src = print_program(p);
    match parse_program(&src, "roundtrip.js") {
        Ok(back) => assert_eq!(&back, p, "round trip changed the program; source:\n{src}"),
        Err(e) => panic!("printed program does not parse: {e}\nsource:\n{src}"),
    }
}

// ---------------------------------------------------------------------------
// Round trip on hand-built programs

/// A few dozen programs that together use every variant of `Stmt`, `Expr`,
/// `Prop`, `Body` and `FuncKind`.
fn hand_built() -> Vec<(&'static str, Program)> {
    vec![
        ("empty program", prog(vec![])),
        ("log", prog(vec![Stmt::log("a"), Stmt::log("b")])),
        (
            "undefined",
            prog(vec![
                expr_stmt(Expr::log(Expr::Undefined)),
                expr_stmt(Expr::log(Expr::Null)),
                konst("u", Expr::Undefined),
            ]),
        ),
        (
            "numbers",
            prog(vec![
                expr_stmt(Expr::log(Expr::Num(0))),
                expr_stmt(Expr::log(Expr::Num(42))),
                expr_stmt(Expr::log(Expr::Num(-7))),
                konst("big", Expr::Num(1 << 53)),
                konst("small", Expr::Num(-(1 << 53))),
                konst("min", Expr::Num(i64::MIN)),
                expr_stmt(Expr::Num(3)),
                expr_stmt(Expr::Num(-3)),
            ]),
        ),
        (
            "strings and escapes",
            prog(vec![
                Stmt::log("it's"),
                Stmt::log("back\\slash"),
                Stmt::log("line\nbreak\r\u{2028}\u{2029}"),
                Stmt::log("ctl\u{0}\u{1}\u{1f}\t"),
                Stmt::log("\"double\" and unicode é ☃ 𝄞"),
                Stmt::log(""),
                expr_stmt(Expr::str("a lone string statement")),
            ]),
        ),
        (
            "identifiers and members",
            prog(vec![
                expr_stmt(id("x")),
                expr_stmt(Expr::member(id("a"), "b")),
                expr_stmt(Expr::member(Expr::member(id("a"), "b"), "c")),
                expr_stmt(Expr::member(Expr::Num(5), "x")),
                expr_stmt(Expr::member(Expr::Num(-5), "x")),
                expr_stmt(Expr::member(Expr::str("s"), "length")),
                // IdentifierNames that are reserved words are fine after a dot.
                expr_stmt(Expr::method(id("p"), "catch", vec![])),
                expr_stmt(Expr::method(id("p"), "finally", vec![])),
                expr_stmt(Expr::member(id("x"), "new")),
            ]),
        ),
        (
            "addition",
            prog(vec![
                expr_stmt(Expr::log(Expr::add(Expr::str("a"), id("x")))),
                expr_stmt(Expr::log(Expr::add(Expr::add(Expr::str("a"), id("x")), Expr::str("b")))),
                expr_stmt(Expr::log(Expr::add(Expr::str("a"), Expr::add(id("x"), Expr::str("b"))))),
                expr_stmt(Expr::add(Expr::Num(1), Expr::Num(-2))),
                expr_stmt(Expr::add(Expr::Num(-1), Expr::Num(2))),
            ]),
        ),
        (
            "arrays",
            prog(vec![
                konst("e", Expr::Array(vec![])),
                konst("a", Expr::Array(vec![Expr::Num(1), Expr::str("two"), Expr::Array(vec![id("x")])])),
                expr_stmt(Expr::Array(vec![Expr::Undefined])),
                expr_stmt(Expr::member(Expr::Array(vec![]), "length")),
            ]),
        ),
        (
            "objects",
            prog(vec![
                konst("e", Expr::Object(vec![])),
                expr_stmt(Expr::Object(vec![])),
                expr_stmt(Expr::Object(vec![Prop::Value { key: s("a"), value: Expr::Num(1) }])),
                konst(
                    "thenable",
                    Expr::Object(vec![
                        Prop::Method {
                            key: s("then"),
                            func: function(
                                false,
                                &["resolve", "reject"],
                                vec![expr_stmt(Expr::call(id("resolve"), vec![Expr::Num(1)]))],
                            ),
                        },
                        Prop::Value { key: s("x"), value: concise(false, &[], Expr::Num(1)) },
                        Prop::Value { key: s("y"), value: Expr::Func(function(true, &[], vec![])) },
                    ]),
                ),
                konst(
                    "getters",
                    Expr::Object(vec![
                        Prop::Getter {
                            key: s("then"),
                            body: vec![Stmt::log("get then"), Stmt::Return(Some(Expr::Undefined))],
                        },
                        Prop::Getter { key: s("g"), body: vec![] },
                        Prop::Method {
                            key: s("m"),
                            func: function(true, &["v"], vec![Stmt::Return(Some(id("v")))]),
                        },
                    ]),
                ),
                konst(
                    "nested",
                    Expr::Object(vec![Prop::Value {
                        key: s("inner"),
                        value: Expr::Object(vec![Prop::Value {
                            key: s("deep"),
                            value: Expr::Object(vec![]),
                        }]),
                    }]),
                ),
            ]),
        ),
        (
            "awkward keys",
            prog(vec![expr_stmt(Expr::log(Expr::Object(vec![
                Prop::Method { key: s("get"), func: function(false, &[], vec![]) },
                Prop::Method { key: s("set"), func: function(false, &["v"], vec![]) },
                Prop::Method { key: s("async"), func: function(false, &[], vec![]) },
                Prop::Method { key: s("static"), func: function(true, &[], vec![]) },
                Prop::Getter { key: s("get"), body: vec![] },
                Prop::Getter { key: s("async"), body: vec![] },
                Prop::Value { key: s("if"), value: Expr::Num(1) },
                Prop::Value { key: s("new"), value: Expr::Num(2) },
                Prop::Value { key: s("constructor"), value: id("Promise") },
            ])))]),
        ),
        (
            "arrows",
            prog(vec![
                konst("a", arrow(&[], vec![])),
                konst("b", arrow(&["x", "y"], vec![Stmt::Return(Some(id("x")))])),
                konst("c", concise(false, &["x"], id("x"))),
                konst("d", concise(false, &[], Expr::Object(vec![]))),
                konst(
                    "e",
                    concise(false, &[], Expr::Object(vec![Prop::Value { key: s("k"), value: Expr::Num(1) }])),
                ),
                konst("f", concise(false, &[], concise(false, &[], Expr::Num(1)))),
                konst("g", concise(false, &[], Expr::add(id("a"), id("b")))),
                expr_stmt(arrow(&[], vec![])),
                expr_stmt(concise(true, &[], Expr::Num(1))),
            ]),
        ),
        (
            "async arrows with await",
            prog(vec![
                konst("a", async_arrow(&[], vec![expr_stmt(Expr::await_(id("p")))])),
                konst("b", concise(true, &["x"], Expr::await_(id("x")))),
                konst("c", concise(true, &[], Expr::await_(Expr::add(id("a"), id("b"))))),
                konst("d", concise(true, &[], Expr::await_(concise(true, &[], Expr::Num(1))))),
                konst("e", concise(true, &[], Expr::await_(Expr::Num(-1)))),
                konst("f", concise(true, &[], Expr::await_(Expr::new(id("P"), vec![])))),
            ]),
        ),
        (
            "function expressions",
            prog(vec![
                expr_stmt(Expr::Func(function(false, &[], vec![]))),
                expr_stmt(Expr::Func(function(true, &["a"], vec![Stmt::log("in")]))),
                konst("f", Expr::Func(function(false, &["a", "b"], vec![Stmt::Return(None)]))),
                expr_stmt(Expr::call(Expr::Func(function(false, &[], vec![])), vec![])),
                expr_stmt(Expr::call(arrow(&[], vec![]), vec![])),
                expr_stmt(Expr::member(Expr::Func(function(false, &[], vec![])), "call")),
                expr_stmt(Expr::add(concise(false, &[], Expr::Num(1)), Expr::str("x"))),
                expr_stmt(Expr::add(Expr::str("x"), concise(false, &[], Expr::Num(1)))),
            ]),
        ),
        (
            "function declarations",
            prog(vec![
                fn_decl("f", false, &[], vec![]),
                fn_decl(
                    "g",
                    true,
                    &["a", "b"],
                    vec![
                        konst("x", Expr::await_(id("a"))),
                        expr_stmt(Expr::await_(id("b"))),
                        Stmt::Return(Some(Expr::await_(id("x")))),
                    ],
                ),
                fn_decl(
                    "h",
                    false,
                    &["x"],
                    vec![
                        fn_decl("inner", true, &[], vec![Stmt::Return(None)]),
                        Stmt::Return(Some(id("inner"))),
                    ],
                ),
            ]),
        ),
        (
            "calls",
            prog(vec![
                expr_stmt(Expr::call(id("f"), vec![])),
                expr_stmt(Expr::call(
                    id("f"),
                    vec![Expr::Num(1), Expr::str("a"), Expr::Undefined, Expr::Num(-1)],
                )),
                expr_stmt(Expr::call(Expr::call(id("f"), vec![]), vec![id("x")])),
                expr_stmt(Expr::call(Expr::add(id("a"), id("b")), vec![])),
                expr_stmt(Expr::call(Expr::Num(1), vec![])),
                expr_stmt(Expr::call(Expr::str("s"), vec![])),
                expr_stmt(Expr::method(Expr::call(id("f"), vec![]), "then", vec![])),
                expr_stmt(then(resolve(Expr::Num(1)), concise(false, &["v"], Expr::log(id("v"))))),
                expr_stmt(Expr::call(
                    id("f"),
                    vec![Expr::Object(vec![Prop::Value { key: s("a"), value: Expr::Num(1) }])],
                )),
            ]),
        ),
        (
            "new",
            prog(vec![
                expr_stmt(Expr::new(
                    id("Promise"),
                    vec![arrow(&["r"], vec![expr_stmt(Expr::call(id("r"), vec![]))])],
                )),
                expr_stmt(Expr::new(Expr::member(id("a"), "B"), vec![])),
                expr_stmt(Expr::new(Expr::call(id("f"), vec![]), vec![])),
                expr_stmt(Expr::new(Expr::Func(function(false, &[], vec![])), vec![])),
                expr_stmt(Expr::new(Expr::new(id("F"), vec![]), vec![])),
                expr_stmt(Expr::call(Expr::new(id("F"), vec![]), vec![])),
                expr_stmt(Expr::member(Expr::new(id("P"), vec![]), "then")),
                expr_stmt(Expr::method(Expr::new(id("P"), vec![Expr::Num(1)]), "then", vec![id("f")])),
                expr_stmt(Expr::new(Expr::member(Expr::new(id("F"), vec![]), "G"), vec![])),
                expr_stmt(Expr::new(Expr::Num(1), vec![])),
                expr_stmt(Expr::new(Expr::add(id("a"), id("b")), vec![])),
            ]),
        ),
        (
            "await in every head",
            prog(vec![fn_decl(
                "f",
                true,
                &["p"],
                vec![
                    expr_stmt(Expr::await_(id("p"))),
                    expr_stmt(Expr::await_(Expr::Num(1))),
                    expr_stmt(Expr::await_(Expr::Undefined)),
                    expr_stmt(Expr::await_(Expr::method(id("p"), "then", vec![]))),
                    expr_stmt(Expr::await_(Expr::Object(vec![Prop::Method {
                        key: s("then"),
                        func: function(false, &["r"], vec![]),
                    }]))),
                    expr_stmt(Expr::await_(Expr::Func(function(false, &[], vec![])))),
                    konst("x", Expr::await_(Expr::Array(vec![]))),
                    Stmt::Return(Some(Expr::await_(Expr::add(id("x"), Expr::str("!"))))),
                ],
            )]),
        ),
        (
            "return and throw",
            prog(vec![fn_decl(
                "f",
                false,
                &[],
                vec![
                    Stmt::Throw(Expr::new(id("Error"), vec![Expr::str("boom")])),
                    Stmt::Throw(Expr::Num(1)),
                    Stmt::Return(None),
                    Stmt::Return(Some(Expr::Undefined)),
                ],
            )]),
        ),
        (
            "try",
            prog(vec![
                Stmt::Try { body: vec![], catch: Some(Catch { param: None, body: vec![] }), finally: None },
                Stmt::Try {
                    body: vec![Stmt::log("t")],
                    catch: Some(Catch {
                        param: Some(s("e").into()),
                        body: vec![expr_stmt(Expr::log(id("e")))],
                    }),
                    finally: None,
                },
                Stmt::Try { body: vec![Stmt::log("t2")], catch: None, finally: Some(vec![Stmt::log("f2")]) },
                Stmt::Try { body: vec![], catch: None, finally: Some(vec![]) },
                Stmt::Try {
                    body: vec![Stmt::Throw(Expr::Num(1))],
                    catch: Some(Catch {
                        param: Some(s("err").into()),
                        body: vec![Stmt::Try {
                            body: vec![],
                            catch: Some(Catch { param: None, body: vec![Stmt::log("n")] }),
                            finally: None,
                        }],
                    }),
                    finally: Some(vec![Stmt::log("f3")]),
                },
            ]),
        ),
        (
            "for of",
            prog(vec![
                Stmt::ForOf {
                    binding: LoopBinding::Const,
                    var: s("x").into(),
                    iterable: Expr::Array(vec![Expr::Num(1), Expr::Num(-2), Expr::Str(s("three"))]),
                    body: vec![expr_stmt(Expr::log(id("x")))],
                },
                Stmt::ForOf {
                    binding: LoopBinding::Const,
                    var: s("y").into(),
                    iterable: Expr::Array(vec![]),
                    body: vec![],
                },
                Stmt::ForOf {
                    binding: LoopBinding::Const,
                    var: s("z").into(),
                    iterable: Expr::Array(vec![Expr::Str(s("it's"))]),
                    body: vec![Stmt::ForOf {
                        binding: LoopBinding::Const,
                        var: s("w").into(),
                        iterable: Expr::Array(vec![Expr::Num(0)]),
                        body: vec![Stmt::log("inner")],
                    }],
                },
                fn_decl(
                    "f",
                    true,
                    &[],
                    vec![Stmt::ForOf {
                        binding: LoopBinding::Const,
                        var: s("i").into(),
                        iterable: Expr::Array(vec![Expr::Num(1), Expr::Num(2)]),
                        body: vec![expr_stmt(Expr::await_(id("i"))), konst("j", Expr::await_(id("i")))],
                    }],
                ),
            ]),
        ),
        (
            "promise subclass",
            prog(vec![
                Stmt::PromiseSubclass { name: s("MyPromise") },
                expr_stmt(then(
                    Expr::new(
                        id("MyPromise"),
                        vec![arrow(&["r"], vec![expr_stmt(Expr::call(id("r"), vec![]))])],
                    ),
                    id("f"),
                )),
            ]),
        ),
        (
            // A declaration in a block has Annex B.3.3's semantics, which
            // the model does not: they stand in function bodies only.
            "functions declared in a function body",
            prog(vec![
                fn_decl(
                    "outer",
                    false,
                    &[],
                    vec![
                        fn_decl("inner", true, &["x"], vec![Stmt::Return(Some(Expr::await_(id("x"))))]),
                        Stmt::Try {
                            body: vec![expr_stmt(Expr::call(id("inner"), vec![Expr::Num(1)]))],
                            catch: None,
                            finally: Some(vec![]),
                        },
                    ],
                ),
                Stmt::ForOf {
                    binding: LoopBinding::Const,
                    var: s("x").into(),
                    iterable: Expr::Array(vec![Expr::Num(1)]),
                    body: vec![expr_stmt(Expr::call(id("outer"), vec![]))],
                },
            ]),
        ),
        (
            "microtasks and timers",
            prog(vec![
                expr_stmt(Expr::call(id("queueMicrotask"), vec![arrow(&[], vec![Stmt::log("micro")])])),
                konst(
                    "t",
                    Expr::call(
                        id("setTimeout"),
                        vec![
                            concise(false, &[], Expr::log(Expr::str("timer"))),
                            Expr::Num(10),
                            Expr::str("arg"),
                        ],
                    ),
                ),
                expr_stmt(Expr::call(id("clearTimeout"), vec![id("t")])),
            ]),
        ),
        (
            "promise combinators",
            prog(vec![
                expr_stmt(then(
                    Expr::promise_static(
                        "all",
                        vec![Expr::Array(vec![
                            resolve(Expr::Num(1)),
                            Expr::promise_static("reject", vec![Expr::Num(2)]),
                        ])],
                    ),
                    id("f"),
                )),
                expr_stmt(Expr::method(
                    Expr::method(resolve(Expr::Undefined), "finally", vec![arrow(&[], vec![])]),
                    "catch",
                    vec![concise(false, &["e"], Expr::log(Expr::add(Expr::str("caught "), id("e"))))],
                )),
            ]),
        ),
        (
            "deep nesting",
            prog(vec![fn_decl(
                "outer",
                true,
                &["a"],
                vec![
                    konst(
                        "inner",
                        concise(
                            true,
                            &["b"],
                            Expr::await_(Expr::Object(vec![Prop::Getter {
                                key: s("then"),
                                body: vec![Stmt::Return(Some(concise(
                                    false,
                                    &["r"],
                                    Expr::call(id("r"), vec![Expr::add(id("a"), id("b"))]),
                                )))],
                            }])),
                        ),
                    ),
                    Stmt::Try {
                        body: vec![Stmt::ForOf {
                            binding: LoopBinding::Const,
                            var: s("k").into(),
                            iterable: Expr::Array(vec![Expr::Num(1)]),
                            body: vec![expr_stmt(Expr::await_(Expr::call(id("inner"), vec![id("k")])))],
                        }],
                        catch: Some(Catch { param: Some(s("e").into()), body: vec![Stmt::Throw(id("e"))] }),
                        finally: Some(vec![Stmt::Return(None)]),
                    },
                ],
            )]),
        ),
        (
            "object or function first in a statement",
            prog(vec![
                expr_stmt(Expr::method(Expr::Object(vec![]), "x", vec![])),
                expr_stmt(Expr::add(Expr::Object(vec![]), Expr::str("a"))),
                expr_stmt(Expr::member(
                    Expr::member(Expr::Object(vec![Prop::Value { key: s("a"), value: Expr::Num(1) }]), "a"),
                    "b",
                )),
                expr_stmt(Expr::add(Expr::Func(function(false, &[], vec![])), Expr::str("a"))),
                expr_stmt(Expr::method(Expr::Func(function(true, &[], vec![])), "call", vec![])),
            ]),
        ),
        (
            "directive-like string first",
            prog(vec![
                expr_stmt(Expr::str("not a directive")),
                fn_decl("f", false, &[], vec![expr_stmt(Expr::str("x")), Stmt::log("y")]),
            ]),
        ),
        (
            "booleans",
            prog(vec![
                expr_stmt(Expr::log(Expr::Bool(true))),
                konst("f", Expr::Bool(false)),
                expr_stmt(Expr::Bool(true)),
                expr_stmt(Expr::member(Expr::Bool(false), "x")),
                expr_stmt(Expr::call(Expr::Bool(true), vec![])),
                expr_stmt(Expr::new(Expr::Bool(true), vec![])),
                expr_stmt(Expr::add(Expr::str("a"), Expr::Bool(false))),
                konst(
                    "o",
                    Expr::Object(vec![
                        Prop::Value { key: s("done"), value: Expr::Bool(true) },
                        Prop::Value { key: s("value"), value: Expr::Array(vec![Expr::Bool(false)]) },
                    ]),
                ),
                konst("g", concise(false, &[], Expr::Bool(true))),
            ]),
        ),
        (
            "generator declarations",
            prog(vec![
                gen_decl("g", false, &[], vec![]),
                gen_decl(
                    "h",
                    false,
                    &["a", "b"],
                    vec![
                        expr_stmt(yield_(Expr::Num(1))),
                        konst("x", yield_(id("a"))),
                        expr_stmt(yield_star(Expr::Array(vec![Expr::Num(1), Expr::Num(2)]))),
                        konst("y", yield_star(Expr::call(id("g"), vec![]))),
                        Stmt::Return(Some(id("x"))),
                    ],
                ),
                gen_decl(
                    "ag",
                    true,
                    &["p"],
                    vec![
                        konst("v", Expr::await_(id("p"))),
                        expr_stmt(yield_(id("v"))),
                        expr_stmt(yield_star(Expr::call(id("h"), vec![]))),
                        expr_stmt(Expr::await_(id("p"))),
                        Stmt::Return(Some(Expr::await_(id("p")))),
                    ],
                ),
                fn_decl("f", true, &[], vec![gen_decl("inner", true, &[], vec![Stmt::Return(None)])]),
            ]),
        ),
        (
            "yield operands",
            prog(vec![gen_decl(
                "g",
                false,
                &[],
                vec![
                    expr_stmt(yield_(Expr::Undefined)),
                    expr_stmt(yield_(Expr::Null)),
                    expr_stmt(yield_(Expr::Bool(false))),
                    expr_stmt(yield_(Expr::Num(-1))),
                    expr_stmt(yield_(Expr::add(id("a"), Expr::str("b")))),
                    expr_stmt(yield_(Expr::Object(vec![]))),
                    expr_stmt(yield_(Expr::Object(vec![
                        Prop::Value { key: s("value"), value: Expr::Num(1) },
                        Prop::Value { key: s("done"), value: Expr::Bool(false) },
                    ]))),
                    expr_stmt(yield_(Expr::Func(function(false, &[], vec![])))),
                    expr_stmt(yield_(Expr::Func(generator(true, &[], vec![])))),
                    expr_stmt(yield_(concise(false, &["x"], id("x")))),
                    expr_stmt(yield_(Expr::new(id("P"), vec![]))),
                    expr_stmt(yield_(Expr::method(id("p"), "then", vec![]))),
                    konst("a", yield_(Expr::Object(vec![]))),
                    konst("b", yield_star(Expr::Array(vec![]))),
                    konst("c", yield_star(Expr::Func(generator(false, &[], vec![])))),
                    expr_stmt(yield_star(Expr::call(Expr::Func(generator(false, &[], vec![])), vec![]))),
                    expr_stmt(yield_star(Expr::Str(s("ab")))),
                ],
            )]),
        ),
        (
            "generator expressions",
            prog(vec![
                konst("g", Expr::Func(generator(false, &[], vec![expr_stmt(yield_(Expr::Num(1)))]))),
                konst("ag", Expr::Func(generator(true, &["x"], vec![expr_stmt(yield_(id("x")))]))),
                expr_stmt(Expr::Func(generator(false, &[], vec![]))),
                expr_stmt(Expr::Func(generator(true, &[], vec![]))),
                expr_stmt(Expr::call(Expr::Func(generator(false, &[], vec![])), vec![])),
                expr_stmt(Expr::method(
                    Expr::call(Expr::Func(generator(true, &[], vec![])), vec![]),
                    "next",
                    vec![],
                )),
                expr_stmt(Expr::call(id("f"), vec![Expr::Func(generator(true, &[], vec![]))])),
            ]),
        ),
        (
            "generator methods and symbol keys",
            prog(vec![
                konst(
                    "o",
                    Expr::Object(vec![
                        Prop::Method {
                            key: s("g"),
                            func: generator(false, &[], vec![expr_stmt(yield_(Expr::Num(1)))]),
                        },
                        Prop::Method { key: s("ag"), func: generator(true, &["a"], vec![]) },
                        Prop::Method {
                            key: s(ASYNC_ITERATOR_KEY),
                            func: generator(true, &[], vec![expr_stmt(yield_star(id("xs")))]),
                        },
                        Prop::Method {
                            key: s(ITERATOR_KEY),
                            func: generator(false, &[], vec![expr_stmt(yield_(Expr::Num(2)))]),
                        },
                    ]),
                ),
                konst(
                    "manual",
                    Expr::Object(vec![Prop::Method {
                        key: s(ASYNC_ITERATOR_KEY),
                        func: function(
                            false,
                            &[],
                            vec![Stmt::Return(Some(Expr::Object(vec![Prop::Method {
                                key: s("next"),
                                func: function(
                                    true,
                                    &[],
                                    vec![Stmt::Return(Some(Expr::Object(vec![
                                        Prop::Value { key: s("done"), value: Expr::Bool(true) },
                                        Prop::Value { key: s("value"), value: Expr::Undefined },
                                    ])))],
                                ),
                            }])))],
                        ),
                    }]),
                ),
                konst(
                    "keys",
                    Expr::Object(vec![
                        Prop::Value { key: s(ITERATOR_KEY), value: id("f") },
                        Prop::Value { key: s(ASYNC_ITERATOR_KEY), value: concise(false, &[], id("it")) },
                        Prop::Getter { key: s(ASYNC_ITERATOR_KEY), body: vec![Stmt::Return(Some(id("f")))] },
                        Prop::Getter { key: s(ITERATOR_KEY), body: vec![] },
                        Prop::Method { key: s(ITERATOR_KEY), func: function(true, &[], vec![]) },
                    ]),
                ),
                // Outside a computed key, `Symbol.asyncIterator` is a member access.
                konst("sym", Expr::member(id("Symbol"), "asyncIterator")),
            ]),
        ),
        (
            "for await",
            prog(vec![fn_decl(
                "f",
                true,
                &["xs"],
                vec![
                    for_await("x", id("xs"), vec![expr_stmt(Expr::log(id("x")))]),
                    for_await("y", Expr::Array(vec![Expr::Num(1), resolve(Expr::Num(2))]), vec![]),
                    for_await(
                        "z",
                        Expr::call(
                            Expr::Func(generator(true, &[], vec![expr_stmt(yield_(Expr::Num(1)))])),
                            vec![],
                        ),
                        vec![Stmt::log("z"), Stmt::Break],
                    ),
                    for_await(
                        "w",
                        Expr::Object(vec![Prop::Method {
                            key: s(ASYNC_ITERATOR_KEY),
                            func: generator(true, &[], vec![]),
                        }]),
                        vec![for_await("v", Expr::member(id("w"), "inner"), vec![Stmt::Break])],
                    ),
                    for_await("u", Expr::add(id("a"), id("b")), vec![]),
                    for_await("t", concise(false, &[], Expr::Num(1)), vec![]),
                    konst("after", Expr::await_(id("xs"))),
                ],
            )]),
        ),
        (
            "for await in an async generator",
            prog(vec![gen_decl(
                "g",
                true,
                &["src"],
                vec![for_await(
                    "x",
                    id("src"),
                    vec![
                        expr_stmt(yield_(id("x"))),
                        konst("r", yield_star(id("src"))),
                        Stmt::Try {
                            body: vec![Stmt::Break],
                            catch: None,
                            finally: Some(vec![Stmt::log("cleanup")]),
                        },
                    ],
                )],
            )]),
        ),
        (
            "break",
            prog(vec![
                Stmt::ForOf {
                    binding: LoopBinding::Const,
                    var: s("x").into(),
                    iterable: Expr::Array(vec![Expr::Num(1), Expr::Num(2)]),
                    body: vec![Stmt::Break],
                },
                Stmt::ForOf {
                    binding: LoopBinding::Const,
                    var: s("y").into(),
                    iterable: Expr::Array(vec![Expr::Num(1)]),
                    body: vec![
                        Stmt::ForOf {
                            binding: LoopBinding::Const,
                            var: s("z").into(),
                            iterable: Expr::Array(vec![Expr::Num(2)]),
                            body: vec![Stmt::Break],
                        },
                        Stmt::Try {
                            body: vec![],
                            catch: Some(Catch { param: None, body: vec![Stmt::Break] }),
                            finally: Some(vec![Stmt::Break]),
                        },
                        Stmt::log("unreached"),
                    ],
                },
            ]),
        ),
        (
            "state: let, var, assignment, update, if/else, operators",
            prog(vec![
                Stmt::Let { name: "n".into(), init: Some(Expr::Num(0)) },
                Stmt::Var { name: "v".into(), init: None },
                Stmt::Expr(Expr::Assign {
                    target: "v".into(),
                    op: AssignOp::Plain,
                    value: Box::new(Expr::Binary {
                        op: BinOp::Arith(ArithOp::Mul),
                        left: Box::new(Expr::Num(2)),
                        right: Box::new(Expr::Num(3)),
                    }),
                }),
                Stmt::Expr(Expr::Assign {
                    target: "n".into(),
                    op: AssignOp::Add,
                    value: Box::new(Expr::Num(1)),
                }),
                Stmt::Expr(Expr::Update { target: "n".into(), op: UpdateOp::Inc, prefix: false }),
                Stmt::Expr(Expr::Update { target: "n".into(), op: UpdateOp::Dec, prefix: true }),
                Stmt::If {
                    test: Expr::Logical {
                        op: LogicalOp::And,
                        left: Box::new(Expr::Binary {
                            op: BinOp::StrictEq,
                            left: Box::new(Expr::ident("n")),
                            right: Box::new(Expr::Num(1)),
                        }),
                        right: Box::new(Expr::Unary {
                            op: UnaryOp::Not,
                            operand: Box::new(Expr::ident("v")),
                        }),
                    },
                    then: vec![Stmt::log("then")],
                    otherwise: Some(vec![Stmt::Expr(Expr::log(Expr::Cond {
                        test: Box::new(Expr::Binary {
                            op: BinOp::Lt,
                            left: Box::new(Expr::ident("n")),
                            right: Box::new(Expr::Num(2)),
                        }),
                        then: Box::new(Expr::Unary {
                            op: UnaryOp::Typeof,
                            operand: Box::new(Expr::ident("v")),
                        }),
                        otherwise: Box::new(Expr::str("no")),
                    }))]),
                },
            ]),
        ),
        (
            "properties: computed reads, assignments, updates, setters",
            prog(vec![
                konst(
                    "o",
                    Expr::Object(vec![
                        Prop::Value { key: "x".into(), value: Expr::Num(1) },
                        Prop::Setter {
                            key: "s".into(),
                            param: "v".into(),
                            body: vec![Stmt::Expr(Expr::log(Expr::add(Expr::str("set "), id("v"))))],
                        },
                    ]),
                ),
                Stmt::Expr(Expr::SetMember {
                    object: Box::new(id("o")),
                    key: MemberKey::Name("x".into()),
                    op: AssignOp::Plain,
                    value: Box::new(Expr::Num(2)),
                }),
                Stmt::Expr(Expr::SetMember {
                    object: Box::new(id("o")),
                    key: MemberKey::Computed(Box::new(Expr::str("y"))),
                    op: AssignOp::Add,
                    value: Box::new(Expr::Index {
                        object: Box::new(id("o")),
                        index: Box::new(Expr::str("x")),
                    }),
                }),
                Stmt::Expr(Expr::UpdateMember {
                    object: Box::new(id("o")),
                    key: MemberKey::Name("x".into()),
                    op: UpdateOp::Inc,
                    prefix: false,
                }),
                Stmt::Expr(Expr::Unary {
                    op: UnaryOp::Neg,
                    operand: Box::new(Expr::UpdateMember {
                        object: Box::new(id("o")),
                        key: MemberKey::Computed(Box::new(Expr::Num(0))),
                        op: UpdateOp::Dec,
                        prefix: true,
                    }),
                }),
                Stmt::Expr(Expr::call(
                    Expr::Index { object: Box::new(id("o")), index: Box::new(Expr::str("m")) },
                    vec![],
                )),
            ]),
        ),
        (
            "classes.js",
            prog(vec![
                Stmt::Class(Class {
                    name: Some(s("A")),
                    extends: None,
                    members: vec![
                        ClassMember::Field { is_static: false, key: s("x"), value: Some(Expr::This) },
                        ClassMember::Field { is_static: true, key: s("s"), value: None },
                        ClassMember::Constructor(Func::function(
                            false,
                            vec![s("v")],
                            vec![Stmt::log("ctor")],
                        )),
                        ClassMember::Method {
                            is_static: false,
                            key: s(ASYNC_ITERATOR_KEY),
                            func: Func::generator(true, vec![], vec![Stmt::log("gen")]),
                        },
                        ClassMember::Getter {
                            is_static: true,
                            key: s("then"),
                            body: vec![Stmt::Return(None)],
                        },
                        ClassMember::Field { is_static: false, key: s("#p"), value: Some(Expr::Num(1)) },
                        ClassMember::Setter {
                            is_static: false,
                            key: s("w"),
                            param: s("v"),
                            body: vec![Stmt::Expr(Expr::SetMember {
                                object: Box::new(Expr::This),
                                key: MemberKey::Name(s("#p")),
                                op: AssignOp::Add,
                                value: Box::new(Expr::member(Expr::ident("v"), "length")),
                            })],
                        },
                    ],
                }),
                Stmt::Const {
                    name: s("B"),
                    init: Expr::Class(Box::new(Class {
                        name: None,
                        extends: Some(Box::new(Expr::ident("A"))),
                        members: vec![
                            ClassMember::Constructor(Func::function(
                                false,
                                vec![],
                                vec![Stmt::Expr(Expr::SuperCall(vec![Expr::Num(1)]))],
                            )),
                            ClassMember::Method {
                                is_static: true,
                                key: s("m"),
                                func: Func::function(
                                    true,
                                    vec![],
                                    vec![Stmt::Return(Some(Expr::call(Expr::SuperMember(s("m")), vec![])))],
                                ),
                            },
                        ],
                    })),
                },
                Stmt::Expr(Expr::Class(Box::new(Class {
                    name: Some(s("C")),
                    extends: None,
                    members: vec![],
                }))),
            ]),
        ),
        (
            "loops",
            prog(vec![
                Stmt::Let { name: s("n"), init: Some(Expr::Num(0)) },
                Stmt::While {
                    test: Expr::Binary {
                        op: BinOp::Lt,
                        left: Box::new(Expr::ident("n")),
                        right: Box::new(Expr::Num(3)),
                    },
                    body: vec![
                        Stmt::Expr(Expr::Update { target: s("n"), op: UpdateOp::Inc, prefix: false }),
                        Stmt::If { test: Expr::Bool(true), then: vec![Stmt::Continue], otherwise: None },
                    ],
                },
                Stmt::DoWhile { body: vec![Stmt::log("do"), Stmt::Break], test: Expr::ident("n") },
                Stmt::For {
                    init: vec![Stmt::Let { name: s("i"), init: Some(Expr::Num(0)) }],
                    test: Some(Expr::Binary {
                        op: BinOp::Lt,
                        left: Box::new(Expr::ident("i")),
                        right: Box::new(Expr::Num(2)),
                    }),
                    update: Some(Expr::Update { target: s("i"), op: UpdateOp::Inc, prefix: false }),
                    body: vec![Stmt::Expr(Expr::log(Expr::add(Expr::str("i:"), Expr::ident("i"))))],
                },
                Stmt::For {
                    init: vec![Stmt::Var { name: s("j"), init: None }],
                    test: None,
                    update: None,
                    body: vec![Stmt::Break],
                },
                Stmt::For {
                    init: vec![Stmt::Const { name: s("k"), init: Expr::Num(1) }],
                    test: Some(Expr::Bool(false)),
                    update: None,
                    body: vec![],
                },
                Stmt::For {
                    init: vec![Stmt::Expr(Expr::Assign {
                        target: s("n"),
                        op: AssignOp::Plain,
                        value: Box::new(Expr::Num(0)),
                    })],
                    test: None,
                    update: Some(Expr::Update { target: s("n"), op: UpdateOp::Dec, prefix: true }),
                    body: vec![Stmt::Break],
                },
                Stmt::For { init: vec![], test: None, update: None, body: vec![Stmt::Break] },
            ]),
        ),
        (
            "spread",
            prog(vec![
                Stmt::Expr(Expr::call(
                    Expr::ident("f"),
                    vec![Expr::Spread(Box::new(Expr::ident("a"))), Expr::Num(1)],
                )),
                konst(
                    "b",
                    Expr::Array(vec![
                        Expr::Spread(Box::new(Expr::Array(vec![Expr::Num(2)]))),
                        Expr::Spread(Box::new(Expr::ident("arguments"))),
                    ]),
                ),
                Stmt::Expr(Expr::New {
                    callee: Box::new(Expr::ident("Promise")),
                    args: vec![Expr::Spread(Box::new(Expr::ident("b")))],
                }),
            ]),
        ),
        (
            "named function expressions",
            prog(vec![
                Stmt::Expr(Expr::call(
                    Expr::NamedFunc {
                        name: s("f"),
                        func: function(false, &["n"], vec![Stmt::Return(Some(Expr::ident("f")))]),
                    },
                    vec![],
                )),
                konst("g", Expr::NamedFunc { name: s("h"), func: generator(true, &[], vec![]) }),
                konst("k", Expr::NamedFunc { name: s("k"), func: function(true, &[], vec![]) }),
            ]),
        ),
        (
            "templates",
            prog(vec![
                Stmt::Expr(Expr::log(Expr::Template {
                    quasis: vec![s("plain `\\ ${ $\r\n")],
                    exprs: vec![],
                })),
                Stmt::Expr(Expr::log(Expr::Template {
                    quasis: vec![s(""), s(" and "), s("")],
                    exprs: vec![
                        Expr::ident("a"),
                        Expr::add(Expr::Num(1), Expr::Template { quasis: vec![s("x")], exprs: vec![] }),
                    ],
                })),
            ]),
        ),
        (
            // const [a, , { b, c: d = 1 }, ...r] = xs; var { [Symbol.iterator]: it, ...more } = o;
            // function f(p, [q] = [], ...{ length }) { let { x: [y, ,] } = await p; }
            "destructuring",
            prog(vec![
                Stmt::Destructure {
                    binding: LoopBinding::Const,
                    pattern: Pattern::Array {
                        array: vec![
                            Some(Element::name("a")),
                            None,
                            Some(Element {
                                target: Pattern::Object {
                                    object: vec![
                                        PropPattern { key: s("b"), value: Element::name("b") },
                                        PropPattern {
                                            key: s("c"),
                                            value: Element {
                                                target: Pattern::name("d"),
                                                default: Some(Expr::Num(1)),
                                            },
                                        },
                                    ],
                                    rest: None,
                                },
                                default: None,
                            }),
                        ],
                        rest: Some(Box::new(Pattern::name("r"))),
                    },
                    init: id("xs"),
                },
                Stmt::Destructure {
                    binding: LoopBinding::Var,
                    pattern: Pattern::Object {
                        object: vec![PropPattern { key: s(ITERATOR_KEY), value: Element::name("it") }],
                        rest: Some(s("more")),
                    },
                    init: id("o"),
                },
                Stmt::Function {
                    name: s("f"),
                    func: Func {
                        params: vec![
                            Element::name("p"),
                            Element {
                                target: Pattern::Array { array: vec![Some(Element::name("q"))], rest: None },
                                default: Some(Expr::Array(vec![])),
                            },
                        ],
                        rest: Some(Pattern::Object {
                            object: vec![PropPattern { key: s("length"), value: Element::name("length") }],
                            rest: None,
                        }),
                        ..function(
                            true,
                            &[],
                            vec![Stmt::Destructure {
                                binding: LoopBinding::Let,
                                pattern: Pattern::Object {
                                    object: vec![PropPattern {
                                        key: s("x"),
                                        value: Element {
                                            target: Pattern::Array {
                                                array: vec![Some(Element::name("y")), None],
                                                rest: None,
                                            },
                                            default: None,
                                        },
                                    }],
                                    rest: None,
                                },
                                init: Expr::await_(id("p")),
                            }],
                        )
                    },
                },
            ]),
        ),
    ]
}

#[test]
fn hand_built_programs_round_trip() {
    let programs = hand_built();
    assert!(programs.len() >= 24);
    for (name, p) in &programs {
        let src = print_program(p);
        match parse_program(&src, name) {
            Ok(back) => assert_eq!(&back, p, "{name}: round trip changed the program; source:\n{src}"),
            Err(e) => panic!("{name}: printed program does not parse: {e}\nsource:\n{src}"),
        }
    }
}

/// The hand-built programs use every variant of the model.
#[test]
fn hand_built_programs_cover_every_variant() {
    let mut seen = BTreeSet::new();
    for (_, p) in hand_built() {
        variant_tags(&p, &mut seen);
    }
    for &tag in EVERY_VARIANT {
        assert!(seen.contains(tag), "no hand-built program uses {tag}");
    }
}

/// Adds to `seen` a tag for every model variant `p` uses (see `EVERY_VARIANT`).
fn variant_tags(p: &Program, seen: &mut BTreeSet<&'static str>) {
    walk_program(p, &mut |n| {
        let tag = match n {
            Node::Stmt(s) => match s {
                Stmt::Expr(_) => "Stmt::Expr",
                Stmt::Const { .. } => "Stmt::Const",
                Stmt::Return(None) => "Stmt::Return(None)",
                Stmt::Return(Some(_)) => "Stmt::Return(Some)",
                Stmt::Throw(_) => "Stmt::Throw",
                Stmt::Try { catch, finally, .. } => {
                    if let Some(c) = catch {
                        seen.insert(if c.param.is_some() { "Catch(param)" } else { "Catch(no param)" });
                    }
                    if finally.is_some() {
                        seen.insert("Finally");
                    }
                    "Stmt::Try"
                }
                Stmt::ForOf { .. } => "Stmt::ForOf",
                Stmt::Destructure { pattern: Pattern::Array { .. }, .. } => "Stmt::Destructure(array)",
                Stmt::Destructure { .. } => "Stmt::Destructure(object)",
                Stmt::Function { .. } => "Stmt::Function",
                Stmt::PromiseSubclass { .. } => "Stmt::PromiseSubclass",
                Stmt::ForAwait { .. } => "Stmt::ForAwait",
                Stmt::Break => "Stmt::Break",
                Stmt::Let { .. } => "Stmt::Let",
                Stmt::Var { .. } => "Stmt::Var",
                Stmt::If { otherwise, .. } => {
                    if otherwise.is_some() {
                        seen.insert("Stmt::If(else)");
                    }
                    "Stmt::If"
                }
                Stmt::Class(c) => {
                    class_tags(c, seen);
                    "Stmt::Class"
                }
                Stmt::While { .. } => "Stmt::While",
                Stmt::DoWhile { .. } => "Stmt::DoWhile",
                Stmt::For { init, .. } => {
                    seen.insert(match init.first() {
                        None => "For(no init)",
                        Some(Stmt::Let { .. }) => "For(let)",
                        Some(Stmt::Const { .. }) => "For(const)",
                        Some(Stmt::Var { .. }) => "For(var)",
                        Some(_) => "For(expr)",
                    });
                    "Stmt::For"
                }
                Stmt::Continue => "Stmt::Continue",
            },
            Node::Expr(e) => match e {
                Expr::Undefined => "Expr::Undefined",
                Expr::Null => "Expr::Null",
                Expr::Bool(_) => "Expr::Bool",
                Expr::Num(_) => "Expr::Num",
                Expr::Str(_) => "Expr::Str",
                Expr::Ident(_) => "Expr::Ident",
                Expr::Add(..) => "Expr::Add",
                Expr::Array(_) => "Expr::Array",
                Expr::Object(props) => {
                    for p in props {
                        let (tag, key) = match p {
                            Prop::Value { key, .. } => ("Prop::Value", key),
                            Prop::Method { key, .. } => ("Prop::Method", key),
                            Prop::Getter { key, .. } => ("Prop::Getter", key),
                            Prop::Setter { key, .. } => ("Prop::Setter", key),
                        };
                        seen.insert(tag);
                        match key.as_str() {
                            ASYNC_ITERATOR_KEY => seen.insert("key @@asyncIterator"),
                            ITERATOR_KEY => seen.insert("key @@iterator"),
                            _ => false,
                        };
                    }
                    "Expr::Object"
                }
                Expr::Func(_) => "Expr::Func",
                Expr::Call { .. } => "Expr::Call",
                Expr::Member { .. } => "Expr::Member",
                Expr::New { .. } => "Expr::New",
                Expr::Await(_) => "Expr::Await",
                Expr::Yield(_) => "Expr::Yield",
                Expr::YieldStar(_) => "Expr::YieldStar",
                Expr::Assign { op, .. } => {
                    seen.insert(if op.is_plain() { "Assign(=)" } else { "Assign(op=)" });
                    "Expr::Assign"
                }
                Expr::Update { prefix, .. } => {
                    seen.insert(if *prefix { "Update(prefix)" } else { "Update(postfix)" });
                    "Expr::Update"
                }
                Expr::Binary { .. } => "Expr::Binary",
                Expr::Logical { .. } => "Expr::Logical",
                Expr::Unary { .. } => "Expr::Unary",
                Expr::Cond { .. } => "Expr::Cond",
                Expr::Index { .. } => "Expr::Index",
                Expr::SetMember { op, key, .. } => {
                    seen.insert(if op.is_plain() { "SetMember(=)" } else { "SetMember(op=)" });
                    seen.insert(match key {
                        MemberKey::Name(_) => "MemberKey::Name",
                        MemberKey::Computed(_) => "MemberKey::Computed",
                    });
                    "Expr::SetMember"
                }
                Expr::UpdateMember { prefix, .. } => {
                    seen.insert(if *prefix { "UpdateMember(prefix)" } else { "UpdateMember(postfix)" });
                    "Expr::UpdateMember"
                }
                Expr::This => "Expr::This",
                Expr::Class(c) => {
                    class_tags(c, seen);
                    "Expr::Class"
                }
                Expr::SuperCall(_) => "Expr::SuperCall",
                Expr::SuperMember(_) => "Expr::SuperMember",
                Expr::Template { .. } => "Expr::Template",
                Expr::Spread(_) => "Expr::Spread",
                Expr::NamedFunc { .. } => "Expr::NamedFunc",
            },
            Node::Func(f) => {
                seen.insert(match f.body {
                    Body::Block(_) => "Body::Block",
                    Body::Expr(_) => "Body::Expr",
                });
                seen.insert(if f.is_async { "async" } else { "sync" });
                if f.generator {
                    seen.insert(if f.is_async { "async generator" } else { "sync generator" });
                }
                match f.kind {
                    FuncKind::Arrow => "FuncKind::Arrow",
                    FuncKind::Function => "FuncKind::Function",
                }
            }
        };
        seen.insert(tag);
    });
}

/// Tags for a class's heritage and kinds of members.
fn class_tags(c: &Class, seen: &mut BTreeSet<&'static str>) {
    if c.extends.is_some() {
        seen.insert("Class(extends)");
    }
    for m in &c.members {
        seen.insert(match m {
            ClassMember::Constructor(_) => "ClassMember::Constructor",
            ClassMember::Method { .. } => "ClassMember::Method",
            ClassMember::Getter { .. } => "ClassMember::Getter",
            ClassMember::Setter { .. } => "ClassMember::Setter",
            ClassMember::Field { .. } => "ClassMember::Field",
        });
        if m.is_static() {
            seen.insert("static member");
        }
        if m.key().is_some_and(is_private) {
            seen.insert("private member");
        }
    }
}

/// The tags `variant_tags` gives: every variant of `Stmt`, `Expr`, `Prop`,
/// `Body` and `FuncKind`, and the kinds of functions and keys.
const EVERY_VARIANT: &[&str] = &[
    "Stmt::Expr",
    "Stmt::Const",
    "Stmt::Destructure(array)",
    "Stmt::Destructure(object)",
    "Stmt::Return(None)",
    "Stmt::Return(Some)",
    "Stmt::Throw",
    "Stmt::Try",
    "Catch(param)",
    "Catch(no param)",
    "Finally",
    "Stmt::ForOf",
    "Stmt::Function",
    "Stmt::PromiseSubclass",
    "Stmt::ForAwait",
    "Stmt::Break",
    "Expr::Undefined",
    "Expr::Null",
    "Expr::Bool",
    "Expr::Num",
    "Expr::Str",
    "Expr::Ident",
    "Expr::Add",
    "Expr::Array",
    "Expr::Object",
    "Prop::Value",
    "Prop::Method",
    "Prop::Getter",
    "Prop::Setter",
    "Expr::Index",
    "Expr::SetMember",
    "SetMember(=)",
    "SetMember(op=)",
    "MemberKey::Name",
    "MemberKey::Computed",
    "Expr::UpdateMember",
    "UpdateMember(prefix)",
    "UpdateMember(postfix)",
    "Expr::Func",
    "Expr::Call",
    "Expr::Member",
    "Expr::New",
    "Expr::Await",
    "Expr::Yield",
    "Expr::YieldStar",
    "Stmt::Let",
    "Stmt::Var",
    "Stmt::If",
    "Stmt::If(else)",
    "Stmt::While",
    "Stmt::DoWhile",
    "Stmt::For",
    "For(no init)",
    "For(let)",
    "For(const)",
    "For(var)",
    "For(expr)",
    "Stmt::Continue",
    "Expr::Assign",
    "Assign(=)",
    "Assign(op=)",
    "Expr::Update",
    "Update(prefix)",
    "Update(postfix)",
    "Expr::Binary",
    "Expr::Logical",
    "Expr::Unary",
    "Expr::Cond",
    "Expr::Template",
    "Expr::NamedFunc",
    "key @@asyncIterator",
    "key @@iterator",
    "Body::Block",
    "Body::Expr",
    "async",
    "sync",
    "async generator",
    "sync generator",
    "FuncKind::Arrow",
    "FuncKind::Function",
    "Stmt::Class",
    "Expr::Class",
    "Expr::This",
    "Expr::SuperCall",
    "Expr::SuperMember",
    "Expr::Spread",
    "Class(extends)",
    "ClassMember::Constructor",
    "ClassMember::Method",
    "ClassMember::Getter",
    "ClassMember::Setter",
    "ClassMember::Field",
    "private member",
    "static member",
];

// ---------------------------------------------------------------------------
// Round trip on generated programs

/// Names that are never bound, so they never clash with bindings.
fn free_name() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["log", "f", "g", "p", "Promise", "queueMicrotask", "setTimeout", "o"])
        .prop_map(s)
}

/// Property names: any IdentifierName, including reserved and contextual words.
fn prop_name() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "a",
        "then",
        "get",
        "set",
        "async",
        "static",
        "constructor",
        "catch",
        "new",
        "if",
        "resolve",
        "await",
        "of",
        "let",
        "yield",
        "next",
    ])
    .prop_map(s)
}

/// Object keys: property names, and the well-known symbols printed as
/// computed keys.
/// A binding target: a name, or array and object patterns (nested, with
/// elisions, defaults and rest elements).
fn pattern_with(e: BoxedStrategy<Expr>) -> BoxedStrategy<Pattern> {
    "[a-z]"
        .prop_map(Pattern::Name)
        .prop_recursive(2, 8, 3, move |inner| {
            let element = (inner.clone(), prop::option::of(e.clone()))
                .prop_map(|(target, default)| Element { target, default });
            prop_oneof![
                (prop::collection::vec(prop::option::of(element.clone()), 0..3), prop::option::of(inner))
                    .prop_map(|(array, rest)| Pattern::Array { array, rest: rest.map(Box::new) }),
                (prop::collection::vec((prop_name(), element), 0..3), prop::option::of("[a-z]")).prop_map(
                    |(props, rest)| Pattern::Object {
                        object: props.into_iter().map(|(key, value)| PropPattern { key, value }).collect(),
                        rest,
                    }
                ),
            ]
        })
        .boxed()
}

fn loop_binding() -> impl Strategy<Value = LoopBinding> {
    prop::sample::select(vec![LoopBinding::Const, LoopBinding::Let, LoopBinding::Var])
}

/// A class element's key: a property key or a private name.
fn class_key() -> impl Strategy<Value = String> {
    prop_oneof![4 => key_name(), 1 => "#[pq]"]
}

fn key_name() -> impl Strategy<Value = String> {
    prop_oneof![4 => prop_name(), 1 => prop::sample::select(vec![ASYNC_ITERATOR_KEY, ITERATOR_KEY]).prop_map(s)]
}

fn leaf_expr() -> BoxedStrategy<Expr> {
    prop_oneof![
        Just(Expr::This),
        Just(Expr::Undefined),
        Just(Expr::Null),
        any::<bool>().prop_map(Expr::Bool),
        (-(1i64 << 53)..=(1i64 << 53)).prop_map(Expr::Num),
        any::<String>().prop_map(Expr::Str),
        free_name().prop_map(Expr::Ident),
    ]
    .boxed()
}

/// Statements whose expressions come from `e`; one level of nesting.
fn stmt_with(e: BoxedStrategy<Expr>) -> BoxedStrategy<Stmt> {
    let simple = prop_oneof![
        4 => e.clone().prop_map(Stmt::Expr),
        2 => e.clone().prop_map(|x| Stmt::Expr(Expr::await_(x))),
        2 => ("[a-z]", e.clone()).prop_map(|(name, init)| Stmt::Const { name, init }),
        1 => ("[a-z]", e.clone()).prop_map(|(name, init)| Stmt::Const { name, init: Expr::await_(init) }),
        1 => prop::option::of(e.clone()).prop_map(Stmt::Return),
        1 => e.clone().prop_map(|x| Stmt::Return(Some(Expr::await_(x)))),
        1 => e.clone().prop_map(Stmt::Throw),
        1 => "[A-Z]".prop_map(|name| Stmt::PromiseSubclass { name }),
        2 => e.clone().prop_map(|x| Stmt::Expr(Expr::Yield(Box::new(x)))),
        1 => e.clone().prop_map(|x| Stmt::Expr(Expr::YieldStar(Box::new(x)))),
        1 => ("[a-z]", e.clone()).prop_map(|(name, init)| Stmt::Const { name, init: Expr::Yield(Box::new(init)) }),
        1 => ("[a-z]", e.clone())
            .prop_map(|(name, init)| Stmt::Const { name, init: Expr::YieldStar(Box::new(init)) }),
        1 => Just(Stmt::Break),
        1 => Just(Stmt::Continue),
        1 => ("[a-z]", prop::option::of(e.clone())).prop_map(|(name, init)| Stmt::Let { name, init }),
        1 => ("[a-z]", prop::option::of(e.clone())).prop_map(|(name, init)| Stmt::Var { name, init }),
    ]
    .boxed();
    let class_decl = class_with(e.clone()).prop_map(|mut c| {
        c.name.get_or_insert_with(|| s("C"));
        Stmt::Class(c)
    });
    let block = prop::collection::vec(simple.clone(), 0..3);
    prop_oneof![
        6 => simple,
        1 => (block.clone(), prop::option::of((prop::option::of(pattern_with(e.clone())), block.clone())), prop::option::of(block.clone()))
            .prop_map(|(body, catch, finally)| Stmt::Try {
                body,
                catch: catch.map(|(param, body)| Catch { param, body }),
                finally,
            }),
        1 => (loop_binding(), pattern_with(e.clone()), e.clone(), block.clone())
            .prop_map(|(binding, var, iterable, body)| Stmt::ForOf { binding, var, iterable, body }),
        1 => (loop_binding(), pattern_with(e.clone()), e.clone(), block.clone())
            .prop_map(|(binding, var, iterable, body)| Stmt::ForAwait { binding, var, iterable, body }),
        1 => (loop_binding(), pattern_with(e.clone()), e.clone())
            .prop_map(|(binding, pattern, init)| binding.declaration(pattern, init)),
        1 => ("[a-z]", func_with(e.clone())).prop_map(|(name, func)| Stmt::Function { name, func }),
        1 => (e.clone(), block.clone(), prop::option::of(block.clone()))
            .prop_map(|(test, then, otherwise)| Stmt::If { test, then, otherwise }),
        1 => class_decl,
        1 => (e.clone(), block.clone()).prop_map(|(test, body)| Stmt::While { test, body }),
        1 => (block.clone(), e.clone()).prop_map(|(body, test)| Stmt::DoWhile { body, test }),
        1 => (
            prop::option::of((0..4u8, "[a-z]", prop::option::of(e.clone()))),
            prop::option::of(e.clone()),
            prop::option::of(e.clone()),
            block,
        )
            .prop_map(|(init, test, update, body)| {
                let init = match init {
                    None => vec![],
                    Some((0, name, init)) => vec![Stmt::Let { name, init }],
                    Some((1, name, init)) => vec![Stmt::Var { name, init }],
                    Some((2, name, init)) => vec![Stmt::Const { name, init: init.unwrap_or(Expr::Num(0)) }],
                    Some((_, _, init)) => vec![Stmt::Expr(init.unwrap_or(Expr::Null))],
                };
                Stmt::For { init, test, update, body }
            }),
    ]
    .boxed()
}

/// Classes whose expressions come from `e`: a derived one's constructor
/// calls `super(..)`, methods call `super.m()` (canonicalized into place).
fn class_with(e: BoxedStrategy<Expr>) -> BoxedStrategy<Class> {
    let member = prop_oneof![
        2 => (any::<bool>(), class_key(), func_with(e.clone()), prop::option::of(prop_name())).prop_map(
            |(is_static, key, mut func, sup)| {
                if let (Some(p), Body::Block(b)) = (sup, &mut func.body) {
                    b.push(Stmt::Expr(Expr::call(Expr::SuperMember(p), vec![])));
                }
                ClassMember::Method { is_static, key, func }
            }
        ),
        1 => (any::<bool>(), class_key(), prop::collection::vec(e.clone().prop_map(|x| Stmt::Return(Some(x))), 0..2))
            .prop_map(|(is_static, key, body)| ClassMember::Getter { is_static, key, body }),
        1 => (any::<bool>(), class_key(), prop::collection::vec(e.clone().prop_map(Stmt::Expr), 0..2))
            .prop_map(|(is_static, key, body)| ClassMember::Setter { is_static, key, param: s("v"), body }),
        1 => (any::<bool>(), class_key(), prop::option::of(prop_oneof![e.clone(), Just(Expr::This)]))
            .prop_map(|(is_static, key, value)| ClassMember::Field { is_static, key, value }),
        1 => (prop::collection::vec("[a-z]", 0..2), prop::collection::vec(e.clone(), 0..2))
            .prop_map(|(params, args)| ClassMember::Constructor(Func::function(
                false,
                params,
                vec![Stmt::Expr(Expr::SuperCall(args))],
            ))),
    ];
    (any::<bool>(), prop::option::of(e), prop::collection::vec(member, 0..4))
        .prop_map(|(named, extends, members)| Class {
            name: named.then(|| s("K")),
            extends: extends.map(Box::new),
            members,
        })
        .boxed()
}

fn func_with(e: BoxedStrategy<Expr>) -> BoxedStrategy<Func> {
    let leaf_stmt = prop_oneof![
        e.clone().prop_map(Stmt::Expr),
        e.clone().prop_map(|x| Stmt::Expr(Expr::await_(x))),
        ("[a-z]", e.clone()).prop_map(|(name, init)| Stmt::Const { name, init }),
        e.clone().prop_map(|x| Stmt::Return(Some(Expr::await_(x)))),
        prop::option::of(e.clone()).prop_map(Stmt::Return),
        e.clone().prop_map(|x| Stmt::Expr(Expr::Yield(Box::new(x)))),
        ("[a-z]", e.clone())
            .prop_map(|(name, init)| Stmt::Const { name, init: Expr::YieldStar(Box::new(init)) }),
        Just(Stmt::Break),
    ]
    .boxed();
    // `for await` lands in async functions only here (anywhere else it is
    // canonicalized into a `for (.. of [])`).
    let simple_stmt = prop_oneof![
        6 => leaf_stmt.clone(),
        1 => (loop_binding(), "[a-z]", e.clone(), prop::collection::vec(leaf_stmt, 0..3))
            .prop_map(|(binding, var, iterable, body)| Stmt::ForAwait { binding, var: var.into(), iterable, body }),
    ];
    let body = prop_oneof![
        3 => prop::collection::vec(simple_stmt, 0..3).prop_map(Body::Block),
        1 => e.clone().prop_map(|x| Body::Expr(Box::new(x))),
        1 => e.clone().prop_map(|x| Body::Expr(Box::new(Expr::await_(x)))),
    ];
    let element = (pattern_with(e.clone()), prop::option::of(e.clone()))
        .prop_map(|(target, default)| Element { target, default });
    let params = prop_oneof![
        3 => prop::collection::vec("[a-z]", 0..3).prop_map(|ps| (ps.into_iter().map(Element::name).collect(), None)),
        1 => (prop::collection::vec(element, 0..3), prop::option::of(pattern_with(e.clone()))),
    ];
    (any::<bool>(), any::<bool>(), any::<bool>(), params, body)
        .prop_map(|(arrow, is_async, generator, (params, rest), body)| {
            let kind = if arrow { FuncKind::Arrow } else { FuncKind::Function };
            Func { kind, is_async, generator, params, rest, body }
        })
        .boxed()
}

fn expr() -> BoxedStrategy<Expr> {
    leaf_expr()
        .prop_recursive(4, 48, 4, |inner| {
            let args = prop::collection::vec(inner.clone(), 0..3);
            let prop_strategy = prop_oneof![
                (key_name(), inner.clone()).prop_map(|(key, value)| Prop::Value { key, value }),
                (key_name(), func_with(inner.clone())).prop_map(|(key, func)| Prop::Method { key, func }),
                (key_name(), prop::collection::vec(inner.clone().prop_map(|x| Stmt::Return(Some(x))), 0..2))
                    .prop_map(|(key, body)| Prop::Getter { key, body }),
                (key_name(), prop::collection::vec(inner.clone().prop_map(Stmt::Expr), 0..2))
                    .prop_map(|(key, body)| Prop::Setter { key, param: "v".into(), body }),
            ];
            let member_key = prop_oneof![
                prop_name().prop_map(MemberKey::Name),
                inner.clone().prop_map(|k| MemberKey::Computed(Box::new(k))),
            ];
            prop_oneof![
                (inner.clone(), inner.clone()).prop_map(|(a, b)| Expr::add(a, b)),
                args.clone().prop_map(Expr::Array),
                prop::collection::vec(prop_strategy, 0..3).prop_map(Expr::Object),
                func_with(inner.clone()).prop_map(Expr::Func),
                ("[a-z]", func_with(inner.clone())).prop_map(|(name, func)| Expr::NamedFunc { name, func }),
                (inner.clone(), args.clone()).prop_map(|(c, a)| Expr::call(c, a)),
                (inner.clone(), prop_name()).prop_map(|(o, p)| Expr::member(o, &p)),
                (inner.clone(), inner.clone())
                    .prop_map(|(o, k)| Expr::Index { object: Box::new(o), index: Box::new(k) }),
                (inner.clone(), member_key.clone(), assign_op(), inner.clone()).prop_map(
                    |(o, key, op, v)| {
                        Expr::SetMember { object: Box::new(o), key, op, value: Box::new(v) }
                    }
                ),
                (inner.clone(), member_key, any::<bool>(), any::<bool>()).prop_map(
                    |(o, key, inc, prefix)| {
                        Expr::UpdateMember {
                            object: Box::new(o),
                            key,
                            op: if inc { UpdateOp::Inc } else { UpdateOp::Dec },
                            prefix,
                        }
                    }
                ),
                (inner.clone(), args).prop_map(|(c, a)| Expr::new(c, a)),
                ("[a-z]", assign_op(), inner.clone()).prop_map(|(target, op, v)| Expr::Assign {
                    target,
                    op,
                    value: Box::new(v)
                }),
                ("[a-z]", any::<bool>(), any::<bool>()).prop_map(|(target, inc, prefix)| Expr::Update {
                    target,
                    op: if inc { UpdateOp::Inc } else { UpdateOp::Dec },
                    prefix,
                }),
                (bin_op(), inner.clone(), inner.clone()).prop_map(|(op, l, r)| Expr::Binary {
                    op,
                    left: Box::new(l),
                    right: Box::new(r)
                }),
                (logical_op(), inner.clone(), inner.clone()).prop_map(|(op, l, r)| Expr::Logical {
                    op,
                    left: Box::new(l),
                    right: Box::new(r)
                }),
                (unary_op(), inner.clone()).prop_map(|(op, x)| Expr::Unary { op, operand: Box::new(x) }),
                class_with(inner.clone()).prop_map(|c| Expr::Class(Box::new(c))),
                inner.clone().prop_map(|x| Expr::Spread(Box::new(x))),
                (prop::collection::vec(inner.clone(), 0..3), "[a-z$`{}\\\\\r\n]{0,3}").prop_map(
                    |(exprs, q)| {
                        let quasis = (0..=exprs.len()).map(|i| format!("{q}{i}")).collect();
                        Expr::Template { quasis, exprs }
                    }
                ),
                (inner.clone(), inner.clone(), inner.clone()).prop_map(|(t, a, b)| Expr::Cond {
                    test: Box::new(t),
                    then: Box::new(a),
                    otherwise: Box::new(b),
                }),
            ]
        })
        .boxed()
}

fn arith_op() -> impl Strategy<Value = ArithOp> {
    prop_oneof![Just(ArithOp::Sub), Just(ArithOp::Mul), Just(ArithOp::Div), Just(ArithOp::Rem)]
}

fn assign_op() -> impl Strategy<Value = AssignOp> {
    prop_oneof![Just(AssignOp::Plain), Just(AssignOp::Add), arith_op().prop_map(AssignOp::Arith)]
}

fn bin_op() -> impl Strategy<Value = BinOp> {
    prop_oneof![
        arith_op().prop_map(BinOp::Arith),
        Just(BinOp::Lt),
        Just(BinOp::Le),
        Just(BinOp::Gt),
        Just(BinOp::Ge),
        Just(BinOp::In),
        Just(BinOp::Instanceof),
        Just(BinOp::StrictEq),
        Just(BinOp::StrictNe),
        Just(BinOp::LooseEq),
        Just(BinOp::LooseNe),
    ]
}

fn logical_op() -> impl Strategy<Value = LogicalOp> {
    prop_oneof![Just(LogicalOp::And), Just(LogicalOp::Or), Just(LogicalOp::Nullish)]
}

fn unary_op() -> impl Strategy<Value = UnaryOp> {
    prop_oneof![Just(UnaryOp::Not), Just(UnaryOp::Neg), Just(UnaryOp::Typeof), Just(UnaryOp::Void)]
}

fn program() -> impl Strategy<Value = Program> {
    prop::collection::vec(stmt_with(expr()), 0..6).prop_map(|body| {
        let mut p = Program { body };
        canonicalize(&mut p);
        p
    })
}

/// Turns an arbitrary model into one the printer prints faithfully as a
/// valid classic script: `await` only in heads of async functions, `yield`
/// only in heads (not `return`) of generators, `for await` only in async
/// functions, `break` only in loops, `return` only in functions, no generator
/// arrows, unique binding names, and no model that prints like another
/// (a concise body on a non-arrow; see `printer_edge_cases`). Shapes that
/// need parentheses (`(-1)()`, `() => ({}).x`, `new (f().x)()`) are left as
/// generated: the printer must print them faithfully.
fn canonicalize(p: &mut Program) {
    let mut fresh = 0;
    canon_block(&mut p.body, Ctx::default(), &mut fresh);
}

#[derive(Clone, Copy, Default)]
struct Ctx {
    in_func: bool,
    in_async: bool,
    in_generator: bool,
    in_loop: bool,
}

fn fresh_name(n: &mut usize) -> String {
    *n += 1;
    format!("v{n}")
}

/// An assignment's target: a name that is no keyword and no global.
fn binding_name(t: &str) -> String {
    format!("w{t}")
}

fn canon_block(b: &mut [Stmt], ctx: Ctx, n: &mut usize) {
    for s in b {
        canon_stmt(s, ctx, n)
    }
}

fn canon_stmt(s: &mut Stmt, ctx: Ctx, n: &mut usize) {
    if let Stmt::Return(v) = s {
        if !ctx.in_func {
            *s = Stmt::Expr(v.take().unwrap_or(Expr::Undefined));
        }
    }
    if matches!(s, Stmt::Break | Stmt::Continue) && !ctx.in_loop {
        *s = Stmt::Expr(Expr::Undefined);
    }
    if let Stmt::ForAwait { binding, var, iterable, body } = s {
        if !ctx.in_async {
            *s = Stmt::ForOf {
                binding: *binding,
                var: std::mem::replace(var, Pattern::name("x")),
                iterable: std::mem::replace(iterable, Expr::Undefined),
                body: std::mem::take(body),
            };
        }
    }
    match s {
        Stmt::Expr(e) => {
            canon_head(e, ctx, true, n);
        }
        Stmt::Const { name, init } => {
            *name = fresh_name(n);
            canon_head(init, ctx, true, n);
        }
        Stmt::Return(v) => {
            if let Some(v) = v {
                canon_head(v, ctx, false, n)
            }
        }
        Stmt::Throw(e) => canon_expr(e, n),
        Stmt::Try { body, catch, finally } => {
            canon_block(body, ctx, n);
            if let Some(c) = catch {
                if let Some(p) = &mut c.param {
                    canon_pattern(p, n);
                }
                canon_block(&mut c.body, ctx, n);
            }
            if let Some(f) = finally {
                canon_block(f, ctx, n);
            }
            if catch.is_none() && finally.is_none() {
                *finally = Some(vec![]);
            }
        }
        Stmt::ForOf { var, iterable, body, .. } | Stmt::ForAwait { var, iterable, body, .. } => {
            canon_pattern(var, n);
            canon_expr(iterable, n);
            canon_block(body, Ctx { in_loop: true, ..ctx }, n);
        }
        Stmt::Destructure { pattern, init, .. } => {
            canon_pattern(pattern, n);
            canon_head(init, ctx, true, n);
        }
        Stmt::Function { name, func } => {
            *name = fresh_name(n);
            func.kind = FuncKind::Function;
            canon_func(func, n);
        }
        Stmt::PromiseSubclass { name } => *name = fresh_name(n),
        Stmt::Class(c) => canon_class(c, n),
        Stmt::Break | Stmt::Continue => {}
        Stmt::While { test, body } => {
            canon_expr(test, n);
            canon_block(body, Ctx { in_loop: true, ..ctx }, n);
        }
        Stmt::DoWhile { body, test } => {
            canon_block(body, Ctx { in_loop: true, ..ctx }, n);
            canon_expr(test, n);
        }
        Stmt::For { init, test, update, body } => {
            // The init's initializer is an expression of its own, no statement head.
            for s in init.iter_mut() {
                match s {
                    Stmt::Let { name, init } | Stmt::Var { name, init } => {
                        *name = fresh_name(n);
                        if let Some(e) = init {
                            canon_expr(e, n);
                        }
                    }
                    Stmt::Const { name, init } => {
                        *name = fresh_name(n);
                        canon_expr(init, n);
                    }
                    Stmt::Expr(e) => canon_expr(e, n),
                    _ => unreachable!("the strategy makes no other init"),
                }
            }
            for e in [test, update].into_iter().flatten() {
                canon_expr(e, n);
            }
            canon_block(body, Ctx { in_loop: true, ..ctx }, n);
        }
        Stmt::Let { name, init } | Stmt::Var { name, init } => {
            *name = fresh_name(n);
            if let Some(e) = init {
                canon_expr(e, n);
            }
        }
        Stmt::If { test, then, otherwise } => {
            canon_expr(test, n);
            canon_block(then, ctx, n);
            if let Some(b) = otherwise {
                canon_block(b, ctx, n);
            }
        }
    }
}

/// A statement head: one `await` may stay at the top inside an async
/// function; one `yield`/`yield*` inside a generator when `yield_ok`
/// (expression statements and `const` initializers).
fn canon_head(e: &mut Expr, ctx: Ctx, yield_ok: bool, n: &mut usize) {
    loop {
        match e {
            Expr::Await(inner) if !ctx.in_async => *e = std::mem::replace(&mut **inner, Expr::Undefined),
            Expr::Yield(inner) | Expr::YieldStar(inner) if !(ctx.in_generator && yield_ok) => {
                *e = std::mem::replace(&mut **inner, Expr::Undefined)
            }
            Expr::Await(inner) | Expr::Yield(inner) | Expr::YieldStar(inner) => return canon_expr(inner, n),
            _ => return canon_expr(e, n),
        }
    }
}

/// Fresh names, in source order, and defaults that do not suspend.
fn canon_pattern(p: &mut Pattern, n: &mut usize) {
    match p {
        Pattern::Name(name) => *name = fresh_name(n),
        Pattern::Array { array, rest } => {
            for e in array.iter_mut().flatten() {
                canon_element(e, n);
            }
            if let Some(r) = rest {
                canon_pattern(r, n);
            }
        }
        Pattern::Object { object, rest } => {
            object.iter_mut().for_each(|p| canon_element(&mut p.value, n));
            if let Some(r) = rest {
                *r = fresh_name(n);
            }
        }
    }
}

fn canon_element(e: &mut Element, n: &mut usize) {
    canon_pattern(&mut e.target, n);
    if let Some(d) = &mut e.default {
        canon_expr(d, n);
    }
}

fn canon_func(f: &mut Func, n: &mut usize) {
    f.params.iter_mut().for_each(|p| canon_element(p, n));
    if let Some(r) = &mut f.rest {
        canon_pattern(r, n);
    }
    if f.kind == FuncKind::Function {
        if let Body::Expr(e) = &f.body {
            f.body = Body::Block(vec![Stmt::Return(Some((**e).clone()))]);
        }
    } else {
        f.generator = false;
    }
    let ctx = Ctx { in_func: true, in_async: f.is_async, in_generator: f.generator, in_loop: false };
    match &mut f.body {
        Body::Block(b) => canon_block(b, ctx, n),
        Body::Expr(e) => canon_head(e, ctx, false, n),
    }
}

/// An array literal's elements or an argument list, where `...x` may stand.
fn canon_elements(xs: &mut [Expr], n: &mut usize) {
    for x in xs {
        match x {
            Expr::Spread(inner) => canon_expr(inner, n),
            x => canon_expr(x, n),
        }
    }
}

fn canon_expr(e: &mut Expr, n: &mut usize) {
    // A spread stands only in lists (canon_elements keeps it there).
    while let Expr::Await(inner) | Expr::Yield(inner) | Expr::YieldStar(inner) | Expr::Spread(inner) = e {
        *e = std::mem::replace(&mut **inner, Expr::Undefined);
    }
    match e {
        Expr::Undefined | Expr::Null | Expr::Bool(_) | Expr::Num(_) | Expr::Str(_) | Expr::Ident(_) => {}
        Expr::Add(a, b) => {
            canon_expr(a, n);
            canon_expr(b, n);
        }
        Expr::Array(xs) => canon_elements(xs, n),
        Expr::Template { exprs: xs, .. } => xs.iter_mut().for_each(|x| canon_expr(x, n)),
        Expr::Object(props) => {
            for p in props {
                match p {
                    Prop::Value { value, .. } => canon_expr(value, n),
                    Prop::Method { func, .. } => {
                        func.kind = FuncKind::Function;
                        canon_func(func, n);
                    }
                    Prop::Getter { body, .. } => {
                        canon_block(body, Ctx { in_func: true, ..Ctx::default() }, n)
                    }
                    Prop::Setter { param, body, .. } => {
                        *param = fresh_name(n);
                        canon_block(body, Ctx { in_func: true, ..Ctx::default() }, n)
                    }
                }
            }
        }
        Expr::Func(f) => canon_func(f, n),
        Expr::NamedFunc { name, func } => {
            *name = fresh_name(n);
            func.kind = FuncKind::Function;
            canon_func(func, n);
        }
        Expr::Call { callee, args } => {
            canon_expr(callee, n);
            canon_elements(args, n);
        }
        Expr::Member { object, .. } => canon_expr(object, n),
        Expr::Index { object, index: key } => {
            canon_expr(object, n);
            canon_expr(key, n);
        }
        Expr::SetMember { object, key, value, .. } => {
            canon_expr(object, n);
            if let MemberKey::Computed(k) = key {
                canon_expr(k, n);
            }
            canon_expr(value, n);
        }
        Expr::UpdateMember { object, key, .. } => {
            canon_expr(object, n);
            if let MemberKey::Computed(k) = key {
                canon_expr(k, n);
            }
        }
        Expr::New { callee, args } => {
            canon_expr(callee, n);
            canon_elements(args, n);
        }
        Expr::Assign { target, value, .. } => {
            *target = binding_name(target);
            canon_expr(value, n)
        }
        Expr::Update { target, .. } => *target = binding_name(target),
        Expr::Binary { op, left, right } => {
            canon_expr(left, n);
            canon_expr(right, n);
            // Boa's parser reads `(() => {}) / x` as the start of a regular
            // expression (a syntax error it reports): a function divided is
            // multiplied here.
            if *op == BinOp::Arith(ArithOp::Div) && matches!(**left, Expr::Func(_) | Expr::Class(_)) {
                *op = BinOp::Arith(ArithOp::Mul);
            }
        }
        Expr::Logical { op, left, right } => {
            canon_expr(left, n);
            canon_expr(right, n);
            // Boa's parser nests a chain of one logical operator to the
            // right (`a || b || c` as `a || (b || c)`), which evaluates
            // the same: the front end's model of a chain is that.
            while let Expr::Logical { op: inner, left: a, right: b } = &mut **left {
                if inner != op {
                    break;
                }
                let (a, b) = (
                    std::mem::replace(&mut **a, Expr::Undefined),
                    std::mem::replace(&mut **b, Expr::Undefined),
                );
                let c = std::mem::replace(&mut **right, Expr::Undefined);
                let mut nested = Expr::Logical { op: *op, left: Box::new(b), right: Box::new(c) };
                canon_expr(&mut nested, n);
                **left = a;
                **right = nested;
            }
        }
        Expr::Unary { op, operand } => {
            canon_expr(operand, n);
            // `-` on a number literal is that negative literal.
            if *op == UnaryOp::Neg && matches!(**operand, Expr::Num(_)) {
                *op = UnaryOp::Not;
            }
        }
        Expr::Cond { test, then, otherwise } => {
            canon_expr(test, n);
            canon_expr(then, n);
            canon_expr(otherwise, n);
        }
        Expr::Await(_) | Expr::Yield(_) | Expr::YieldStar(_) | Expr::Spread(_) => unreachable!(),
        Expr::This | Expr::SuperMember(_) => {}
        Expr::SuperCall(args) => canon_elements(args, n),
        Expr::Class(c) => canon_class(c, n),
    }
}

/// A class the front end reads back as it is: a fresh name, at most one
/// constructor (plain, calling `super(..)` only when derived), keys no early
/// error forbids, `super` only in class elements (not in nested functions).
fn canon_class(c: &mut Class, n: &mut usize) {
    if let Some(name) = &mut c.name {
        *name = fresh_name(n);
    }
    if let Some(e) = &mut c.extends {
        canon_expr(e, n);
    }
    let derived = c.extends.is_some();
    // Each private name once (a getter and setter pair would also do), and
    // each method reads and writes its own private name, so that private
    // references round-trip too.
    let mut private = BTreeSet::new();
    for m in &mut c.members {
        let key = match m {
            ClassMember::Constructor(_) => continue,
            ClassMember::Method { key, .. }
            | ClassMember::Getter { key, .. }
            | ClassMember::Setter { key, .. }
            | ClassMember::Field { key, .. } => key,
        };
        if is_private(key) && !private.insert(key.clone()) {
            *key = format!("#d{}", private.len());
            private.insert(key.clone());
        }
        if let ClassMember::Method { key, func: Func { body: Body::Block(b), .. }, .. } = m {
            if is_private(key) {
                b.push(Stmt::Expr(Expr::member(Expr::This, key)));
                b.push(Stmt::Expr(Expr::SetMember {
                    object: Box::new(Expr::This),
                    key: MemberKey::Name(key.clone()),
                    op: AssignOp::Plain,
                    value: Box::new(Expr::Num(1)),
                }));
            }
        }
    }
    let mut seen_constructor = false;
    c.members.retain(|m| {
        !matches!(m, ClassMember::Constructor(_)) || !std::mem::replace(&mut seen_constructor, true)
    });
    for m in &mut c.members {
        match m {
            ClassMember::Constructor(func) => {
                canon_func(func, n);
                if let Body::Block(b) = &mut func.body {
                    if !derived {
                        b.retain(|s| !matches!(s, Stmt::Expr(Expr::SuperCall(_))));
                    }
                }
            }
            ClassMember::Method { is_static, key, func } => {
                if (!*is_static && key == "constructor") || (*is_static && key == "prototype") {
                    *key = s("a");
                }
                func.kind = FuncKind::Function;
                canon_func(func, n);
            }
            ClassMember::Getter { is_static, key, body } => {
                if (!*is_static && key == "constructor") || (*is_static && key == "prototype") {
                    *key = s("a");
                }
                canon_block(body, Ctx { in_func: true, ..Ctx::default() }, n)
            }
            ClassMember::Setter { is_static, key, param, body } => {
                if (!*is_static && key == "constructor") || (*is_static && key == "prototype") {
                    *key = s("a");
                }
                *param = fresh_name(n);
                canon_block(body, Ctx { in_func: true, ..Ctx::default() }, n)
            }
            ClassMember::Field { key, value, .. } => {
                if key == "constructor" || key == "prototype" {
                    *key = s("a");
                }
                if let Some(v) = value {
                    canon_expr(v, n);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn generated_programs_round_trip(p in program()) {
        let src = print_program(&p);
        match parse_program(&src, "generated.js") {
            Ok(back) => prop_assert_eq!(back, p, "source:\n{}", src),
            Err(e) => prop_assert!(false, "printed program does not parse: {}\nsource:\n{}", e, src),
        }
    }
}

/// The strategy reaches every variant of the model, the async-iteration
/// constructs included, often enough to matter in 1000 cases.
#[test]
fn generated_programs_cover_every_variant() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = program();
    let mut counts = std::collections::BTreeMap::new();
    for _ in 0..1000 {
        let p = strategy.new_tree(&mut runner).unwrap().current();
        let mut seen = BTreeSet::new();
        variant_tags(&p, &mut seen);
        for tag in seen {
            *counts.entry(tag).or_insert(0usize) += 1;
        }
    }
    for &tag in EVERY_VARIANT {
        let n = counts.get(tag).copied().unwrap_or(0);
        assert!(n >= 10, "only {n} of 1000 generated programs use {tag}: {counts:?}");
    }
}

/// Every program of the project's own generator round-trips.
#[test]
fn generator_programs_round_trip() {
    let g = generators::Generator::new(generators::GenConfig::default());
    let mut failures = Vec::new();
    for seed in [1u64, 2024] {
        for i in 0..5000 {
            let p = g.program(seed, i);
            let src = print_program(&p);
            match parse_program(&src, "generated.js") {
                Ok(back) if back == p => {}
                Ok(back) => {
                    failures.push(format!("seed {seed} index {i}: changed to {back:?}\nsource:\n{src}"))
                }
                Err(e) => failures.push(format!("seed {seed} index {i}: {e}\nsource:\n{src}")),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} generated programs fail:\n{}",
        failures.len(),
        failures[..failures.len().min(3)].join("\n\n")
    );
}

// ---------------------------------------------------------------------------
// The spec corpora

#[test]
fn corpus_spec_files_parse() {
    check_corpus_dir("spec");
}

#[test]
fn corpus_spec_async_iteration_files_parse() {
    check_corpus_dir("spec-async-iteration");
}

/// Every `corpus/<subdir>/*.js` parses, and its model survives another
/// print and parse.
fn check_corpus_dir(subdir: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus").join(subdir);
    let mut files: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "js"))
            .collect(),
        Err(_) => return, // no corpus yet
    };
    files.sort();
    let mut failures = Vec::new();
    for file in &files {
        let name = file.display().to_string();
        let src = std::fs::read_to_string(file).unwrap();
        match parse_program(&src, &name) {
            Ok(p) => {
                // The model also survives another print and parse.
                let again = parse_program(&print_program(&p), &name);
                if again.as_ref() != Ok(&p) {
                    failures
                        .push(format!("{name}: printing the parsed model does not round-trip: {again:?}"));
                }
            }
            Err(e) => failures.push(e.to_string()),
        }
    }
    eprintln!("{} corpus/{subdir} files checked", files.len());
    assert!(
        failures.is_empty(),
        "{} of {} corpus/{subdir} files fail:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------
// Unsupported constructs and syntax errors

fn err(src: &str) -> FrontendError {
    match parse_program(src, "bad.js") {
        Ok(p) => panic!("accepted {src:?} as {p:?}"),
        Err(e) => e,
    }
}

/// `src` is rejected as unsupported at `line:col` with exactly `what`.
fn rejects(src: &str, line: u32, col: u32, what: &str) {
    let e = err(src);
    assert_eq!(
        (e.line, e.col, &e.kind),
        (line, col, &FrontendErrorKind::Unsupported(what.to_string())),
        "for {src:?}: got {e}"
    );
    assert_eq!(e.to_string(), format!("bad.js:{line}:{col}: unsupported: {what}"));
}

#[test]
fn statements_outside_the_subset_are_rejected_where_they_start() {
    rejects(
        "log('a');\n  for (let i = 0, j = 1; ; ) {}\n",
        2,
        3,
        "for (;;) with a let declaring several names",
    );
    rejects("for (var i, j; ; ) {}", 1, 1, "for (;;) with a var declaring several names");
    rejects("function f() {\n  for (let [a] = [1]; ; ) {}\n}\n", 2, 12, "destructuring");
    rejects("log('a');\nfoo: for (const x of [1]) {}\n", 2, 1, "labeled statement");
    rejects("f(foo);\nfoo: while (1) {}\n", 2, 1, "labeled statement");
    rejects("log('a');\n{\n  log('b');\n}\n", 2, 1, "nested block");
    rejects("try {\n  while (x) {\n    switch (x) {}\n  }\n} catch {}\n", 3, 5, "switch statement");
    rejects("for (const k in o) {}", 1, 1, "for-in loop");
    rejects("switch (x) {}", 1, 1, "switch statement");
    rejects("debugger;", 1, 1, "debugger statement");
    rejects("with (o) {}", 1, 1, "with statement");
    // A labeled `break` needs a label, which is rejected first.
    rejects("foo: for (const x of [1]) {\n  break foo;\n}", 1, 1, "labeled statement");
    rejects("const {[k]: a} = 1;", 1, 8, "pattern property with a computed key");
    rejects("class A {\n  #x;\n  m(o) { return #x in o; }\n}", 3, 17, "private `in` check");
    rejects("class A {\n  static {}\n}", 1, 1, "class static block");
    rejects("class A {\n  'a'() {}\n}", 2, 3, "class method with a string key");
    rejects("class A {\n  [k] = 1;\n}", 2, 3, "class field with a computed key");
    rejects("class A {\n  m() { return super[k]; }\n}", 2, 16, "computed super member access");
    rejects("const o = {\n  m() { return super.m(); }\n};", 2, 16, "super in an object literal's method");
    rejects("for (x of [1]) {}", 1, 1, "for-of loop without a declaration");
    rejects(
        "async function f() {\n  for await (x of xs) {}\n}",
        2,
        3,
        "for await loop without a declaration",
    );
    rejects("async function f() {\n  for await ([a] of xs) {}\n}", 2, 14, "destructuring assignment");
}

#[test]
fn yield_and_await_stand_anywhere_in_expressions() {
    for src in [
        "function* g() {\n  log(yield x);\n}",
        "function* g() {\n  f((yield x), 1);\n}",
        "function* g() {\n  return yield x;\n}",
        "function* g() {\n  throw yield x;\n}",
        "function* g() {\n  const y = (yield x) + 1;\n}",
        "function* g() {\n  yield yield x;\n}",
        "function* g() {\n  yield* (yield x);\n}",
        "function* g() {\n  const o = {a: yield x};\n}",
        "async function* g() {\n  yield await x;\n}",
        "async function* g() {\n  await (yield x);\n}",
        "async function f() {\n  log((await a) + (await b));\n}",
        "async function f() {\n  x = await p;\n  if (await q) {}\n}",
        "async function f() {\n  for await (const x of await p) {}\n}",
        "async function* g() {\n  for await (const x of yield p) {}\n}",
        "const f = async () => log(await p);",
    ] {
        let p = parse_program(src, "ok.js").unwrap_or_else(|e| panic!("{src:?}: {e}"));
        assert_round_trip(&p);
    }
    rejects("function* g() {\n  yield;\n}", 2, 3, "yield without an operand");
    rejects("function* g() {\n  const x = yield;\n}", 2, 13, "yield without an operand");
    rejects("async function* g() {\n  log(1);\n  yield\n}", 3, 3, "yield without an operand");
    rejects("function* g() {\n  return yield;\n}", 2, 10, "yield without an operand");
    rejects("async function f() {\n  for await (const x of a ** b) {}\n}", 2, 27, "`**` operator");
}

#[test]
fn for_of_heads_take_declared_names() {
    rejects("for (const x of [1, 2.5]) {}", 1, 21, "floating-point number");
    rejects("for (const x of [1, , 2]) {}", 1, 17, "array hole");
    rejects("for ([a] of [[1]]) {}", 1, 6, "destructuring assignment");
}

#[test]
fn expressions_outside_the_subset_are_rejected_where_they_start() {
    rejects("log(1.5);", 1, 5, "floating-point number");
    rejects("const x = 1e-3;", 1, 11, "floating-point number");
    rejects("log(-0);", 1, 5, "negative zero");
    rejects("log(1n);", 1, 5, "BigInt literal");
    rejects("log(/a+/);", 1, 5, "regular expression literal");
    rejects(
        "async function f() {\n  const {a = await p} = o;\n}",
        2,
        14,
        "await or yield in a default value",
    );
    rejects("function* g(a) {\n  const [b = yield a] = a;\n}", 2, 14, "await or yield in a default value");
    rejects("const {[k]: a} = o;", 1, 8, "pattern property with a computed key");
    rejects("log(a?.b);", 1, 6, "optional chaining");
    rejects("log(+x);", 1, 5, "unary `+` operator");
    rejects("log(~x);", 1, 5, "unary `~` operator");
    rejects("log(x | y);", 1, 7, "`|` operator");
    rejects("log(a ** b);", 1, 7, "`**` operator");
    rejects("log(a & b);", 1, 7, "`&` operator");
    rejects("log((a, b));", 1, 7, "comma operator");
    rejects("x &&= 1;", 1, 1, "`&&=` assignment");
    rejects("log(delete x);", 1, 5, "delete operator");
    rejects("log(x ^ y);", 1, 7, "`^` operator");
    rejects("log(tag`x`);", 1, 5, "tagged template");
    rejects("log([1, , 2]);", 1, 5, "array hole");
}

#[test]
fn object_literals_outside_the_subset_are_rejected() {
    rejects("const o = {\n  get 'a'() {}\n};", 2, 3, "getter with a string key");
    rejects("const o = {\n  get [k]() {}\n};", 2, 3, "getter with a computed key");
    rejects("const o = {\n  get 1() {}\n};", 2, 3, "getter with a numeric key");
    rejects("const o = {\n  'a': 1\n};", 2, 3, "property with a string key");
    rejects("const o = {\n  [k]: 1\n};", 2, 3, "property with a computed key");
    rejects("const o = {\n  1: 1\n};", 2, 3, "property with a numeric key");
    rejects("const o = {\n  async 'm'() {}\n};", 2, 3, "method with a string key");
    rejects("const o = {\n  *'g'() {}\n};", 2, 3, "generator method with a string key");
    rejects("const o = {\n  async *[k]() {}\n};", 2, 3, "async generator method with a computed key");
    rejects("const o = {\n  set [k](v) {}\n};", 2, 3, "setter with a computed key");
    rejects("const o = {\n  set x({ a }) {}\n};", 2, 3, "setter without one simple parameter");
}

#[test]
fn only_the_well_known_symbols_are_computed_keys() {
    rejects("const o = {\n  [Symbol.unscopables]() {}\n};", 2, 3, "method with a computed key");
    rejects("const o = {\n  *[Symbol.matchAll]() {}\n};", 2, 3, "generator method with a computed key");
    rejects("const o = {\n  [Symbol['iterator']]: 1\n};", 2, 3, "property with a computed key");
    rejects("const o = {\n  [S.asyncIterator]: 1\n};", 2, 3, "property with a computed key");
    rejects("const o = {\n  [Symbol.asyncIterator.x]: 1\n};", 2, 3, "property with a computed key");
    rejects("const o = {\n  ['@@asyncIterator']: 1\n};", 2, 3, "property with a computed key");
    // `Symbol` itself is a global the reference does not model.
    rejects("const o = {...p};", 1, 12, "object spread");
    rejects("const o = {__proto__: p};", 1, 12, "__proto__ property");
}

#[test]
fn errors_stop_at_the_first_unsupported_construct_in_source_order() {
    rejects("f(1);\nconst x = f(a ** b, c ** d);\nwhile (1) {}\n", 2, 15, "`**` operator");
    rejects("function f() {\n  return;\n}\nf();\nswitch (y) {}\n", 5, 1, "switch statement");
    // Identically spelled statements are told apart.
    rejects("for (const x of [1]) {}\nfor (const k in o) {}\n", 2, 1, "for-in loop");
    rejects(
        "const f = () => {\n  const a = 1;\n};\nconst {[b]: c} = 1;\n",
        4,
        8,
        "pattern property with a computed key",
    );
    rejects("async function f() {}\nasync function g() {\n  switch (v) {}\n}\n", 3, 3, "switch statement");
    rejects("log('a'); log('b'); switch (x) {}", 1, 21, "switch statement");
    // A template's substitutions do not throw the statement positions off.
    rejects("log(`a${b}c${ {d: 1}.d }\n`);\nswitch (x) {}", 3, 1, "switch statement");
    rejects("log(`a${`b${c}`}`); log(1); switch (x) {}", 1, 29, "switch statement");
}

#[test]
fn statements_inside_expressions_are_located() {
    rejects("(function () {\n  switch (1) {}\n})();", 2, 3, "switch statement");
    rejects("f(function () {\n  switch (x) {}\n});", 2, 3, "switch statement");
    rejects("const o = {\n  m() {\n    switch (v) {}\n  }\n};", 3, 5, "switch statement");
    rejects("const o = {\n  get g() {\n    switch (x) {}\n  }\n};", 3, 5, "switch statement");
    rejects("f(() => {\n  g();\n}, async () => {\n  for (k in o) {}\n});", 4, 3, "for-in loop");
    rejects("new P((r) => {\n  r();\n  x: r();\n}).then(f);", 3, 3, "labeled statement");
    rejects(
        "f(() => 1)(function () {\n  try {} finally {\n    do {} while (0);\n    debugger;\n  }\n});",
        4,
        5,
        "debugger statement",
    );
}

/// Which `/` divides and which starts a regular expression is the parser's
/// call, not the lexer's: positions after either stay exact.
#[test]
fn positions_stay_exact_past_an_ambiguous_slash() {
    // `}` ends an object literal, so `/` divides (a lexer alone reads a
    // regular expression up to the next `/` and shifts all that follows).
    rejects("const a = {} / 2;\nconst b = 1 / 2;\nswitch (a) {}", 3, 1, "switch statement");
    rejects("const o = { m() { return {} / 2; }, get [k]() {} };", 1, 37, "getter with a computed key");
    // `)` ends an `if` head, so `/` starts a regular expression with a `/` inside.
    rejects("if (x) /a/.exec('/');\nswitch (a) {}", 1, 8, "regular expression literal");
    // A comment between an operand and its `/` changes nothing.
    rejects("const a = 4 /* c */ / 2;\nconst b = 1 / 2;\nswitch (a) {}", 3, 1, "switch statement");
    rejects("const a = 4 // c\n  / 2;\nconst b = 1 / 2;\nswitch (a) {}", 4, 1, "switch statement");
    // A keyword after `.` is a property name, which a `/` divides.
    rejects("const q = o.yield / 2 / 1;\nswitch (q) {}", 2, 1, "switch statement");
}

#[test]
fn syntax_errors_are_reported_as_such() {
    for (src, line, col) in
        [("f(;", 1, 3), ("log('a');\nconst = 1;\n", 2, 7), ("const x = 1;\nconst x = 2;", 1, 1)]
    {
        let e = err(src);
        assert!(matches!(e.kind, FrontendErrorKind::Syntax(_)), "{src:?}: {e}");
        assert_eq!((e.line, e.col), (line, col), "{src:?}: {e}");
        assert!(e.to_string().starts_with(&format!("bad.js:{line}:{col}: syntax error: ")), "{e}");
        assert!(!e.is_unsupported());
    }
    // `await` is an identifier outside async functions, so `await x` is a syntax error there.
    assert!(matches!(err("await x;").kind, FrontendErrorKind::Syntax(_)));
    // A top-level `return` is a syntax error in a classic script.
    assert!(matches!(err("return 1;").kind, FrontendErrorKind::Syntax(_)));
    // Unterminated input.
    let e = err("f(\n");
    assert!(matches!(e.kind, FrontendErrorKind::Syntax(_)), "{e}");
    // Arrows are never generators; `for await` needs an async function; `break` a loop.
    for src in [
        "const f = *() => 1;",
        "const f = async *() => 1;",
        "for await (const x of xs) {}",
        "function f() {\n  for await (const x of xs) {}\n}",
        "async function f() {\n  const g = () => {\n    for await (const x of xs) {}\n  };\n}",
        "break;",
        "for (const x of [1]) {\n  const f = () => {\n    break;\n  };\n}",
        "async function* g() {\n  const f = () => {\n    yield 1;\n  };\n}",
    ] {
        let e = err(src);
        assert!(matches!(e.kind, FrontendErrorKind::Syntax(_)), "{src:?}: {e}");
    }
}

// ---------------------------------------------------------------------------
// Accepted spellings the printer does not produce

#[test]
fn equivalent_spellings_parse_to_the_printed_model() {
    let p = parse_program(
        "// comment\nlog(\"double\"); /* block */ log((('paren')));;\nconst f = async x => await x;\nfor (const y of [1]) log(y);\nconst o = {a};\nnew P;\n",
        "alt.js",
    )
    .unwrap();
    assert_eq!(
        p,
        prog(vec![
            Stmt::log("double"),
            Stmt::log("paren"),
            konst("f", concise(true, &["x"], Expr::await_(id("x")))),
            Stmt::ForOf {
                binding: LoopBinding::Const,
                var: s("y").into(),
                iterable: Expr::Array(vec![Expr::Num(1)]),
                body: vec![expr_stmt(Expr::log(id("y")))]
            },
            konst("o", Expr::Object(vec![Prop::Value { key: s("a"), value: id("a") }])),
            expr_stmt(Expr::new(id("P"), vec![])),
        ])
    );
    // Single-statement `for await` bodies, parenthesized heads and symbol keys.
    let p = parse_program(
        "async function* g(xs) {\n  for await (const x of (xs)) log(x);\n  const y = (yield (x));\n  (yield* xs);\n}\nconst o = {[(Symbol.iterator)]: 1, async *[Symbol.asyncIterator]() {}};\n",
        "alt.js",
    )
    .unwrap();
    assert_eq!(
        p,
        prog(vec![
            gen_decl(
                "g",
                true,
                &["xs"],
                vec![
                    for_await("x", id("xs"), vec![expr_stmt(Expr::log(id("x")))]),
                    konst("y", yield_(id("x"))),
                    expr_stmt(yield_star(id("xs"))),
                ],
            ),
            konst(
                "o",
                Expr::Object(vec![
                    Prop::Value { key: s(ITERATOR_KEY), value: Expr::Num(1) },
                    Prop::Method { key: s(ASYNC_ITERATOR_KEY), func: generator(true, &[], vec![]) },
                ]),
            ),
        ])
    );
    // `undefined` is always `Expr::Undefined`; hex integers are integers.
    let p = parse_program("log(undefined, 0x10, -0x10);", "alt.js").unwrap();
    assert_eq!(
        p,
        prog(vec![expr_stmt(Expr::call(id("log"), vec![Expr::Undefined, Expr::Num(16), Expr::Num(-16)]))])
    );
}

// ---------------------------------------------------------------------------
// Printer edge cases: shapes that need parentheses, and models that print
// like another model and so come back in that form.

#[test]
fn printer_edge_cases() {
    // An object literal first in a concise arrow body is parenthesized.
    assert_round_trip(&prog(vec![konst("f", concise(false, &[], Expr::member(Expr::Object(vec![]), "x")))]));
    assert_round_trip(&prog(vec![konst(
        "f",
        concise(false, &[], Expr::add(Expr::Object(vec![]), Expr::str("a"))),
    )]));
    // Well-known symbol keys print as `[Symbol.x]` in member accesses and assignments.
    assert_round_trip(&prog(vec![expr_stmt(Expr::call(
        Expr::member(Expr::ident("o"), ITERATOR_KEY),
        vec![],
    ))]));
    assert_round_trip(&prog(vec![expr_stmt(Expr::SetMember {
        object: Box::new(Expr::ident("Promise")),
        key: MemberKey::Name("@@species".into()),
        op: AssignOp::Plain,
        value: Box::new(Expr::Null),
    })]));
    // `- --o.x`, not `---o.x`.
    assert_round_trip(&prog(vec![expr_stmt(Expr::Unary {
        op: UnaryOp::Neg,
        operand: Box::new(Expr::UpdateMember {
            object: Box::new(Expr::ident("o")),
            key: MemberKey::Name("x".into()),
            op: UpdateOp::Dec,
            prefix: true,
        }),
    })]));
    // A negative number as a callee is parenthesized: `(-1)()`.
    assert_round_trip(&prog(vec![expr_stmt(Expr::call(Expr::Num(-1), vec![]))]));
    // `Ident("undefined")` prints as `undefined`, which is `Expr::Undefined`.
    let p = prog(vec![expr_stmt(Expr::log(Expr::ident("undefined")))]);
    let back = parse_program(&print_program(&p), "gap.js").unwrap();
    assert_eq!(back, prog(vec![expr_stmt(Expr::log(Expr::Undefined))]));
    // A concise body on a non-arrow prints as a block with a `return`.
    let mut f = function(false, &[], vec![]);
    f.body = Body::Expr(Box::new(Expr::Num(1)));
    let back = parse_program(&print_program(&prog(vec![expr_stmt(Expr::Func(f))])), "gap.js").unwrap();
    assert_eq!(
        back,
        prog(vec![expr_stmt(Expr::Func(function(false, &[], vec![Stmt::Return(Some(Expr::Num(1)))])))])
    );
}

#[test]
fn new_of_a_member_of_a_call_round_trips() {
    let callee = Expr::member(Expr::call(id("f"), vec![]), "x");
    assert_round_trip(&prog(vec![expr_stmt(Expr::new(callee, vec![]))]));
}

// ---------------------------------------------------------------------------
// Whatever a corpus file says: a model that validates prints to a program
// that parses back to it, so nothing in the printed code comes from outside
// the model's grammar.

/// Names a corpus file could hold: plain and Unicode identifiers, reserved
/// and contextual words, and code.
const CANDIDATE_NAMES: &[&str] = &[
    "a",
    "then",
    "ä",
    "ĳ",
    "$",
    "_x",
    "x\u{200d}",
    "℮",
    "await",
    "yield",
    "let",
    "static",
    "of",
    "async",
    "get",
    "undefined",
    "NaN",
    "eval",
    "class",
    "if",
    "x;y",
    "a](1)//",
    "a b",
    "",
    "1x",
    "a\u{2028}",
    "\\u0061",
    "@@iterator",
    "__proto__",
    "constructor",
];

/// Replaces the strings under name-bearing keys, choosing by `picks`.
fn rename(v: &mut serde_json::Value, picks: &mut impl Iterator<Item = usize>) {
    const NAME_KEYS: &[&str] = &["name", "var", "param", "params", "ident", "property", "key"];
    match v {
        serde_json::Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                match child {
                    serde_json::Value::String(s) if NAME_KEYS.contains(&k.as_str()) => {
                        if let Some(i) = picks.next().filter(|i| *i < CANDIDATE_NAMES.len()) {
                            *s = CANDIDATE_NAMES[i].to_string();
                        }
                    }
                    serde_json::Value::Array(xs) if k == "params" => {
                        for x in xs {
                            if let (serde_json::Value::String(s), Some(i)) = (x, picks.next()) {
                                if i < CANDIDATE_NAMES.len() {
                                    *s = CANDIDATE_NAMES[i].to_string();
                                }
                            }
                        }
                    }
                    _ => rename(child, picks),
                }
            }
        }
        serde_json::Value::Array(xs) => xs.iter_mut().for_each(|x| rename(x, picks)),
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn validated_programs_round_trip_whatever_their_names(
        p in program(),
        picks in prop::collection::vec(0..CANDIDATE_NAMES.len() * 3, 64),
    ) {
        let mut json = serde_json::to_value(&p).unwrap();
        rename(&mut json, &mut picks.into_iter().cycle());
        let q: Program = serde_json::from_value(json).unwrap();
        if generators::validate::problems(&q).is_empty() {
            let src = print_program(&q);
            match parse_program(&src, "renamed.js") {
                Ok(back) => prop_assert_eq!(back, q, "source:\n{}", src),
                Err(e) => prop_assert!(false, "printed program does not parse: {}\nsource:\n{}", e, src),
            }
        }
    }
}
