//! Which constructs a program uses, read off its syntax. Drives the coverage
//! test (every construct keeps appearing in generated samples) and the
//! per-category breakdown of conformance reports.

use crate::model::*;
use std::collections::BTreeSet;

/// Every construct the census can name, with the report category it counts under.
pub const CONSTRUCTS: &[(&str, &str)] = &[
    ("log", "basics"),
    ("async-function-decl", "async functions"),
    ("async-arrow", "async functions"),
    ("call-awaited", "async functions"),
    ("call-not-awaited", "async functions"),
    ("call-chained", "async functions"),
    ("await-value", "await"),
    ("await-resolved", "await"),
    ("await-pending", "await"),
    ("await-rejected", "await"),
    ("await-thenable", "thenables"),
    ("await-subclass", "subclasses"),
    ("thenable-sync", "thenables"),
    ("thenable-timer", "thenables"),
    ("thenable-throws", "thenables"),
    ("thenable-getter", "thenables"),
    ("return-value", "async functions"),
    ("return-promise", "async functions"),
    ("return-thenable", "thenables"),
    ("throw", "errors"),
    ("try-catch-await", "errors"),
    ("try-finally-await", "errors"),
    ("executor-sync", "promise constructor"),
    ("executor-timer", "promise constructor"),
    ("executor-microtask", "promise constructor"),
    ("executor-twice", "promise constructor"),
    ("executor-with-promise", "promise constructor"),
    ("executor-throws", "promise constructor"),
    ("then", "then chains"),
    ("then-two-handlers", "then chains"),
    ("catch", "then chains"),
    ("finally", "finally"),
    ("handler-returns-value", "then chains"),
    ("handler-returns-promise", "then chains"),
    ("handler-returns-thenable", "thenables"),
    ("handler-throws", "errors"),
    ("promise-resolve", "then chains"),
    ("promise-reject", "errors"),
    ("all", "combinators"),
    ("allSettled", "combinators"),
    ("race", "combinators"),
    ("any", "combinators"),
    ("queueMicrotask", "queueMicrotask"),
    ("setTimeout", "timers"),
    ("clearTimeout", "timers"),
    ("for-of-await", "loops"),
    ("forEach-async", "loops"),
    ("all-map-async", "loops"),
    ("loop-label", "loops"),
    ("subclass-decl", "subclasses"),
    ("nesting-3", "basics"),
    ("async-generator", "async iteration"),
    ("sync-generator", "async iteration"),
    ("yield", "async iteration"),
    ("yield-star", "async iteration"),
    ("for-await", "async iteration"),
    ("for-await-break", "async iteration"),
    ("iterator-method-call", "async iteration"),
];

/// The report category of a construct.
pub fn category(construct: &str) -> &'static str {
    CONSTRUCTS.iter().find(|(c, _)| *c == construct).map(|(_, k)| *k).unwrap_or("other")
}

/// The constructs `p` uses.
pub fn constructs(p: &Program) -> BTreeSet<&'static str> {
    let mut c = Census { found: BTreeSet::new(), fn_depth: 0, async_depth: Vec::new() };
    c.block(&p.body);
    c.found
}

struct Census {
    found: BTreeSet<&'static str>,
    fn_depth: usize,
    /// Innermost function first: is it async?
    async_depth: Vec<bool>,
}

const HOST_AND_BUILTINS: &[&str] =
    &["log", "setTimeout", "clearTimeout", "queueMicrotask", "Promise", "resolve", "reject"];

fn is_user_call(e: &Expr) -> bool {
    match e {
        Expr::Call { callee, .. } => match &**callee {
            Expr::Ident(n) => !HOST_AND_BUILTINS.contains(&n.as_str()),
            Expr::Func(f) => f.is_async,
            _ => false,
        },
        _ => false,
    }
}

fn static_call(e: &Expr, method: &str) -> bool {
    matches!(e, Expr::Call { callee, .. }
        if matches!(&**callee, Expr::Member { object, property } if property == method && matches!(&**object, Expr::Ident(_))))
}

fn thenable_kind(e: &Expr) -> Option<&'static str> {
    let Expr::Object(props) = e else { return None };
    props.iter().find_map(|p| match p {
        Prop::Getter { key, .. } if key == "then" => Some("thenable-getter"),
        Prop::Method { key, func } if key == "then" => {
            let body = match &func.body {
                Body::Block(b) => b.as_slice(),
                Body::Expr(_) => &[],
            };
            Some(if body.iter().any(|s| matches!(s, Stmt::Throw(_))) {
                "thenable-throws"
            } else if body.iter().any(|s| calls(s, "setTimeout")) {
                "thenable-timer"
            } else {
                "thenable-sync"
            })
        }
        _ => None,
    })
}

/// The construct of returning `e`: of `[thenable, value, promise]`, the one it is.
fn by_returned(e: &Expr, [thenable, value, promise]: [&'static str; 3]) -> &'static str {
    if thenable_kind(e).is_some() {
        thenable
    } else if matches!(e, Expr::Num(_) | Expr::Str(_) | Expr::Undefined) {
        value
    } else {
        promise
    }
}

/// A `break` directly in this loop body (not in a nested loop).
fn contains_break(body: &[Stmt]) -> bool {
    body.iter().any(|s| match s {
        Stmt::Break => true,
        Stmt::Try { body, catch, finally } => {
            contains_break(body)
                || catch.as_ref().is_some_and(|c| contains_break(&c.body))
                || finally.as_ref().is_some_and(|f| contains_break(f))
        }
        _ => false,
    })
}

/// Does statement `s` call the global function `name` at its top level?
fn calls(s: &Stmt, name: &str) -> bool {
    matches!(s, Stmt::Expr(Expr::Call { callee, .. }) if matches!(&**callee, Expr::Ident(n) if n == name))
}

fn is_subclass_instance(e: &Expr) -> bool {
    let class_name = |e: &Expr| matches!(e, Expr::Ident(n) if n.starts_with('P') && n != "Promise");
    match e {
        Expr::New { callee, .. } => class_name(callee),
        Expr::Call { callee, .. } => {
            matches!(&**callee, Expr::Member { object, .. } if class_name(object))
        }
        _ => false,
    }
}

fn is_pending_promise(e: &Expr) -> bool {
    match e {
        Expr::New { callee, args } if matches!(&**callee, Expr::Ident(n) if n == "Promise") => {
            matches!(args.first(), Some(Expr::Func(f)) if matches!(&f.body, Body::Block(b)
                if b.iter().any(|s| calls(s, "setTimeout") || calls(s, "queueMicrotask"))))
        }
        _ => false,
    }
}

impl Census {
    fn add(&mut self, c: &'static str) {
        self.found.insert(c);
    }

    fn block(&mut self, b: &[Stmt]) {
        for s in b {
            self.stmt(s)
        }
    }

    fn child(&mut self, c: Child) {
        match c {
            Child::Expr(e) => self.expr(e),
            Child::Func(f) => self.func(f),
            Child::Block(b) => self.block(b),
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Expr(e) if is_user_call(e) => self.add("call-not-awaited"),
            Stmt::Return(Some(e)) if self.async_depth.last() == Some(&true) => {
                self.add(by_returned(e, ["return-thenable", "return-value", "return-promise"]))
            }
            Stmt::Throw(_) => self.add("throw"),
            Stmt::Try { body, catch, finally } => {
                let awaits = body.iter().any(|s| matches!(s, Stmt::Expr(Expr::Await(_))));
                if awaits && catch.is_some() {
                    self.add("try-catch-await")
                }
                if awaits && finally.is_some() {
                    self.add("try-finally-await")
                }
            }
            Stmt::ForOf { body, .. } if body.iter().any(|s| matches!(s, Stmt::Expr(Expr::Await(_)))) => {
                self.add("for-of-await")
            }
            Stmt::Function { func, .. } if func.is_async => self.add("async-function-decl"),
            Stmt::PromiseSubclass { .. } => self.add("subclass-decl"),
            Stmt::ForAwait { body, .. } => {
                self.add("for-await");
                if contains_break(body) {
                    self.add("for-await-break")
                }
            }
            _ => {}
        }
        for_each_stmt_child(s, &mut |c| self.child(c))
    }

    fn func(&mut self, f: &Func) {
        if f.is_async && f.kind == FuncKind::Arrow {
            self.add("async-arrow")
        }
        if f.generator {
            self.add(if f.is_async { "async-generator" } else { "sync-generator" })
        }
        self.fn_depth += 1;
        if self.fn_depth >= 3 {
            self.add("nesting-3")
        }
        self.async_depth.push(f.is_async);
        for_each_func_child(f, &mut |c| self.child(c));
        self.async_depth.pop();
        self.fn_depth -= 1;
    }

    fn handler(&mut self, h: &Expr) {
        let Expr::Func(f) = h else { return };
        let last = match &f.body {
            Body::Block(b) => b.last(),
            Body::Expr(_) => None,
        };
        match last {
            Some(Stmt::Throw(_)) => self.add("handler-throws"),
            Some(Stmt::Return(Some(e))) => self.add(by_returned(
                e,
                ["handler-returns-thenable", "handler-returns-value", "handler-returns-promise"],
            )),
            _ => {}
        }
    }

    fn executor(&mut self, f: &Func) {
        let Body::Block(b) = &f.body else { return };
        let settles = b.iter().filter(|s| calls(s, "resolve") || calls(s, "reject")).count();
        if b.iter().any(|s| calls(s, "setTimeout")) {
            self.add("executor-timer")
        } else if b.iter().any(|s| calls(s, "queueMicrotask")) {
            self.add("executor-microtask")
        } else if settles > 0 {
            self.add("executor-sync")
        }
        if settles >= 2 {
            self.add("executor-twice")
        }
        if b.iter().any(|s| matches!(s, Stmt::Throw(_))) {
            self.add("executor-throws")
        }
        let with_promise = b.iter().any(|s| match s {
            Stmt::Expr(Expr::Call { callee, args }) => {
                matches!(&**callee, Expr::Ident(n) if n == "resolve")
                    && matches!(
                        args.first(),
                        Some(Expr::Call { .. } | Expr::New { .. } | Expr::Ident(_) | Expr::Object(_))
                    )
            }
            _ => false,
        });
        if with_promise {
            self.add("executor-with-promise")
        }
    }

    fn expr(&mut self, e: &Expr) {
        if let Some(label) = e.as_log() {
            self.add("log");
            if matches!(label, Expr::Add(..)) {
                self.add("loop-label")
            }
        }
        if let Some(k) = thenable_kind(e) {
            self.add(k)
        }
        match e {
            Expr::Await(x) => {
                let x = &**x;
                if is_user_call(x) {
                    self.add("call-awaited")
                } else if matches!(x, Expr::Num(_) | Expr::Str(_) | Expr::Undefined | Expr::Null) {
                    self.add("await-value")
                } else if static_call(x, "resolve") && !is_subclass_instance(x) {
                    self.add("await-resolved")
                } else if static_call(x, "reject") {
                    self.add("await-rejected")
                } else if thenable_kind(x).is_some() {
                    self.add("await-thenable")
                } else if is_subclass_instance(x) {
                    self.add("await-subclass")
                } else if is_pending_promise(x) {
                    self.add("await-pending")
                }
            }
            Expr::Call { callee, args } => match &**callee {
                Expr::Ident(n) if n == "setTimeout" => self.add("setTimeout"),
                Expr::Ident(n) if n == "clearTimeout" => self.add("clearTimeout"),
                Expr::Ident(n) if n == "queueMicrotask" => self.add("queueMicrotask"),
                Expr::Member { object, property } => self.method_call(object, property, args),
                _ => {}
            },
            Expr::New { callee, args } => {
                if matches!(&**callee, Expr::Ident(n) if n == "Promise") {
                    if let Some(Expr::Func(f)) = args.first() {
                        self.executor(f)
                    }
                }
            }
            Expr::Yield(_) => self.add("yield"),
            Expr::YieldStar(_) => self.add("yield-star"),
            _ => {}
        }
        for_each_child(e, &mut |c| self.child(c))
    }

    /// `object.property(args)`.
    fn method_call(&mut self, object: &Expr, property: &str, args: &[Expr]) {
        let on_promise = matches!(object, Expr::Ident(n) if n == "Promise");
        match property {
            "then" => {
                if is_user_call(object) {
                    self.add("call-chained")
                }
                self.add(if args.len() >= 2 { "then-two-handlers" } else { "then" });
                args.iter().for_each(|a| self.handler(a));
            }
            "catch" => {
                self.add("catch");
                args.iter().for_each(|a| self.handler(a));
            }
            "finally" => self.add("finally"),
            "resolve" if on_promise => self.add("promise-resolve"),
            "reject" if on_promise => self.add("promise-reject"),
            "all" | "allSettled" | "race" | "any" if on_promise => {
                let name = CONSTRUCTS.iter().find(|(c, _)| *c == property).unwrap().0;
                self.add(name);
                if matches!(args.first(), Some(Expr::Call { callee, .. })
                    if matches!(&**callee, Expr::Member { property, .. } if property == "map"))
                {
                    self.add("all-map-async")
                }
            }
            "forEach" => self.add("forEach-async"),
            "next" | "return" | "throw" if args.len() <= 1 && !on_promise => self.add("iterator-method-call"),
            _ => {}
        }
    }
}
