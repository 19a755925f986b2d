//! Checks that a program stays inside the model's rules, whatever produced it
//! (the generator, a YAML file written by hand, the minimizer): labels are
//! unique and never look like host events, `await` only stands where the
//! reference can suspend, `return` only inside functions.

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
    let mut v = Validator { out: &mut out, in_async: false, in_function: false };
    v.block(&p.body);
    out
}

struct Validator<'a> {
    out: &'a mut Vec<String>,
    in_async: bool,
    in_function: bool,
}

impl Validator<'_> {
    fn block(&mut self, b: &[Stmt]) {
        for s in b {
            self.stmt(s)
        }
    }

    /// An expression in statement-head position may be `await e` itself.
    fn head(&mut self, e: &Expr) {
        match e {
            Expr::Await(inner) => {
                if !self.in_async {
                    self.out.push("await outside an async function".into());
                }
                self.expr(inner)
            }
            e => self.expr(e),
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Expr(e) | Stmt::Const { init: e, .. } => self.head(e),
            Stmt::Return(e) => {
                if !self.in_function {
                    self.out.push("return outside a function".into());
                }
                if let Some(e) = e {
                    self.head(e)
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
            Stmt::ForOf { body, .. } => self.block(body),
            Stmt::Function { func, .. } => self.func(func),
            Stmt::PromiseSubclass { .. } => {}
        }
    }

    fn func(&mut self, f: &Func) {
        let saved = (self.in_async, self.in_function);
        self.in_async = f.is_async;
        self.in_function = true;
        match &f.body {
            Body::Block(b) => self.block(b),
            Body::Expr(e) => self.head(e),
        }
        (self.in_async, self.in_function) = saved;
    }

    fn expr(&mut self, e: &Expr) {
        match e {
            Expr::Await(_) => {
                self.out.push("await in a nested expression (only `await e;`, `const x = await e;` and `return await e;` are modelled)".into())
            }
            Expr::Func(f) => self.func(f),
            Expr::Object(props) => {
                for p in props {
                    match p {
                        Prop::Value { value, .. } => self.expr(value),
                        Prop::Method { func, .. } => self.func(func),
                        Prop::Getter { body, .. } => {
                            let saved = (self.in_async, self.in_function);
                            (self.in_async, self.in_function) = (false, true);
                            self.block(body);
                            (self.in_async, self.in_function) = saved;
                        }
                    }
                }
            }
            Expr::Undefined | Expr::Null | Expr::Num(_) | Expr::Str(_) | Expr::Ident(_) => {}
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
