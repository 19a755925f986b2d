//! Checks that a program stays inside the model's rules, whatever produced it
//! (the generator, a YAML file written by hand, the minimizer): labels are
//! unique and never look like host events, `await` and `yield` only stand
//! where the reference can suspend, `return` only inside functions, `break`
//! only inside loops.

use crate::model::*;
use std::collections::HashSet;

/// Every rule a program breaks, as readable messages; empty when it is valid.
pub fn problems(p: &Program) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for label in log_labels(p) {
        if label.starts_with('!') {
            out.push(format!("label '{label}' starts with '!', which is reserved for host events"));
        }
        if !seen.insert(label) {
            out.push(format!("duplicate label '{label}'"));
        }
    }
    let mut v = Validator { out: &mut out, ctx: Ctx::default() };
    v.block(&p.body);
    out
}

#[derive(Clone, Copy, Default)]
struct Ctx {
    in_async: bool,
    in_generator: bool,
    in_function: bool,
    in_loop: bool,
}

struct Validator<'a> {
    out: &'a mut Vec<String>,
    ctx: Ctx,
}

impl Validator<'_> {
    fn block(&mut self, b: &[Stmt]) {
        for s in b {
            self.stmt(s)
        }
    }

    /// An expression in statement-head position may be `await e`, `yield e` or `yield* e` itself.
    fn head(&mut self, e: &Expr) {
        match e {
            Expr::Await(inner) => {
                if !self.ctx.in_async {
                    self.out.push("await outside an async function".into());
                }
                self.expr(inner)
            }
            Expr::Yield(inner) | Expr::YieldStar(inner) => {
                if !self.ctx.in_generator {
                    self.out.push("yield outside a generator".into());
                }
                self.expr(inner)
            }
            e => self.expr(e),
        }
    }

    fn in_loop(&mut self, f: impl FnOnce(&mut Self)) {
        let saved = self.ctx;
        self.ctx.in_loop = true;
        f(self);
        self.ctx = saved;
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Expr(e) | Stmt::Const { init: e, .. } => self.head(e),
            Stmt::Return(e) => {
                if !self.ctx.in_function {
                    self.out.push("return outside a function".into());
                }
                if let Some(e) = e {
                    // `return yield x` is not modelled; `return await x` is.
                    match e {
                        Expr::Await(_) => self.head(e),
                        e => self.expr(e),
                    }
                }
            }
            Stmt::Throw(e) => self.expr(e),
            Stmt::Try { body, catch, finally } => {
                if catch.is_none() && finally.is_none() {
                    self.out.push("try without catch or finally".into());
                }
                self.block(body);
                if let Some(c) = catch {
                    self.block(&c.body)
                }
                if let Some(f) = finally {
                    self.block(f)
                }
            }
            Stmt::ForOf { body, .. } => self.in_loop(|v| v.block(body)),
            Stmt::ForAwait { iterable, body, .. } => {
                if !self.ctx.in_async {
                    self.out.push("for await outside an async function".into());
                }
                self.expr(iterable);
                self.in_loop(|v| v.block(body))
            }
            Stmt::Break => {
                if !self.ctx.in_loop {
                    self.out.push("break outside a loop".into());
                }
            }
            Stmt::Function { func, .. } => self.func(func),
            Stmt::PromiseSubclass { .. } => {}
        }
    }

    fn func(&mut self, f: &Func) {
        let saved = self.ctx;
        self.ctx = Ctx { in_async: f.is_async, in_generator: f.generator, in_function: true, in_loop: false };
        if f.generator && f.kind == FuncKind::Arrow {
            self.out.push("arrow functions cannot be generators".into());
        }
        match &f.body {
            Body::Block(b) => self.block(b),
            Body::Expr(e) => match e.as_ref() {
                Expr::Await(_) => self.head(e),
                e => self.expr(e),
            },
        }
        self.ctx = saved;
    }

    fn expr(&mut self, e: &Expr) {
        match e {
            Expr::Await(_) => self.out.push(
                "await in a nested expression (only `await e;`, `const x = await e;` and `return await e;` are modelled)"
                    .into(),
            ),
            Expr::Yield(_) | Expr::YieldStar(_) => {
                self.out.push("yield in a nested expression (only `yield e;` and `const x = yield e;` are modelled)".into())
            }
            Expr::Func(f) => self.func(f),
            Expr::Object(props) => {
                for p in props {
                    match p {
                        Prop::Value { value, .. } => self.expr(value),
                        Prop::Method { func, .. } => self.func(func),
                        Prop::Getter { body, .. } => {
                            let saved = self.ctx;
                            self.ctx = Ctx { in_function: true, ..Ctx::default() };
                            self.block(body);
                            self.ctx = saved;
                        }
                    }
                }
            }
            Expr::Undefined | Expr::Null | Expr::Bool(_) | Expr::Num(_) | Expr::Str(_) | Expr::Ident(_) => {}
            Expr::Add(a, b) => {
                self.expr(a);
                self.expr(b)
            }
            Expr::Array(xs) => xs.iter().for_each(|x| self.expr(x)),
            Expr::Call { callee, args } | Expr::New { callee, args } => {
                self.expr(callee);
                args.iter().for_each(|x| self.expr(x))
            }
            Expr::Member { object, .. } => self.expr(object),
        }
    }
}
