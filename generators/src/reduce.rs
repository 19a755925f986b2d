//! One-step reductions of a program, for the minimizer.
//!
//! Every candidate is the program with exactly one node removed or made
//! simpler (a statement deleted, nesting unwrapped, a chain link dropped, a
//! thenable replaced by a promise, a delay set to 0, ...), and is strictly
//! smaller by [`cost`], so repeatedly taking an interesting candidate always
//! ends. A program none of whose candidates is interesting is 1-minimal with
//! respect to these reductions, which is what the minimizer's tests check.

use crate::model::*;
use crate::validate;

/// A size measure every reduction strictly decreases: nodes first, then
/// literal magnitudes and `async`-ness as tie-breakers.
pub fn cost(p: &Program) -> u64 {
    let mut nodes = 0u64;
    let mut extra = 0u64;
    walk_program(p, &mut |n| {
        nodes += 1;
        match n {
            Node::Expr(Expr::Num(v)) => extra += v.unsigned_abs().min(1_000),
            // A binding costs more than the bare expression statement.
            Node::Stmt(Stmt::Const { .. }) => extra += 50,
            // A loop costs more than the statements it unrolls into.
            Node::Stmt(Stmt::ForOf { items, .. }) => extra += 20_000 + 1_000 * items.len() as u64,
            Node::Expr(Expr::Str(s)) => extra += s.len() as u64,
            // Functions weigh more than their node: replacing a call of one
            // by `Promise.resolve()` is progress.
            Node::Func(f) => extra += 100 + f.is_async as u64 + f.params.len() as u64,
            _ => {}
        }
    });
    nodes * 10_000 + extra
}

/// All valid one-step reductions of `p`, biggest cuts first.
pub fn candidates(p: &Program) -> Vec<Program> {
    let mut out = inline_functions(p);
    let total = count_sites(p);
    for site in 0..total {
        for variant in 0.. {
            let mut q = p.clone();
            match apply(&mut q, site, variant) {
                Applied::Done => out.push(q),
                Applied::NoSuchVariant => break,
                Applied::Skip => {}
            }
        }
    }
    let base = cost(p);
    let mut out: Vec<Program> =
        out.into_iter().filter(|q| cost(q) < base && validate::problems(q).is_empty()).collect();
    // Biggest reductions first; ties keep source order (stable sort).
    out.sort_by_key(|q| cost(q));
    out.dedup();
    out
}

/// Inlines each declared function: its calls become calls of an arrow with
/// its body, and the declaration goes (one candidate per function).
fn inline_functions(p: &Program) -> Vec<Program> {
    let mut names = Vec::new();
    walk_program(p, &mut |n| {
        if let Node::Stmt(Stmt::Function { name, func }) = n {
            names.push((name.clone(), func.clone()));
        }
    });
    names
        .into_iter()
        .map(|(name, func)| {
            let mut q = p.clone();
            remove_declaration(&mut q.body, &name);
            // Generators cannot be arrows: they inline as function expressions.
            let kind = if func.generator { FuncKind::Function } else { FuncKind::Arrow };
            let as_arrow = Func { kind, ..func };
            walk_block_exprs_mut(&mut q.body, &mut |e| {
                if let Expr::Call { callee, .. } = e {
                    if matches!(&**callee, Expr::Ident(n) if *n == name) {
                        **callee = Expr::Func(as_arrow.clone());
                    }
                }
            });
            q
        })
        .collect()
}

fn remove_declaration(stmts: &mut Vec<Stmt>, name: &str) {
    stmts.retain(|s| !matches!(s, Stmt::Function { name: n, .. } if n == name));
    for s in stmts {
        match s {
            Stmt::Try { body, catch, finally } => {
                remove_declaration(body, name);
                if let Some(c) = catch {
                    remove_declaration(&mut c.body, name);
                }
                if let Some(f) = finally {
                    remove_declaration(f, name);
                }
            }
            Stmt::ForOf { body, .. } => remove_declaration(body, name),
            _ => {}
        }
    }
}

/// Renames labels to `a`, `b`, ... in source order (the minimizer's last
/// step, so repros read alike).
pub fn renumber_labels(p: &Program) -> Program {
    let mut q = p.clone();
    for_each_label(&mut q.body, &mut 0);
    q
}

fn for_each_label(stmts: &mut [Stmt], n: &mut usize) {
    {
        walk_block_exprs_mut(stmts, &mut |e| {
            if let Some(label) = e.as_log_mut() {
                if let Some((s, suffix)) = label.label_slot() {
                    *s = format!("{}{suffix}", label_name(*n));
                    *n += 1;
                }
            }
        });
    }
}

// ---------------------------------------------------------------------------
// Sites: every statement list and every expression is a numbered site; a
// reduction is (site, variant). Numbering walks the tree in source order.

enum Applied {
    Done,
    /// This variant does not apply to this site; try the next one.
    Skip,
    /// No more variants for this site.
    NoSuchVariant,
}

/// Statement-list sites and expression sites, in one numbering.
fn count_sites(p: &Program) -> usize {
    let mut q = p.clone();
    let mut counter = Counter { next: 0, target: usize::MAX, variant: 0, result: None };
    counter.block(&mut q.body);
    counter.next
}

fn apply(p: &mut Program, site: usize, variant: usize) -> Applied {
    let mut c = Counter { next: 0, target: site, variant, result: None };
    c.block(&mut p.body);
    c.result.unwrap_or(Applied::NoSuchVariant)
}

struct Counter {
    next: usize,
    target: usize,
    variant: usize,
    result: Option<Applied>,
}

impl Counter {
    /// True (and consumes the site number) when the current site is the target.
    fn hit(&mut self) -> bool {
        let here = self.next;
        self.next += 1;
        here == self.target
    }

    fn block(&mut self, stmts: &mut Vec<Stmt>) {
        if self.result.is_some() {
            return;
        }
        if self.hit() {
            self.result = Some(reduce_block(stmts, self.variant));
            return;
        }
        for s in stmts.iter_mut() {
            self.stmt(s);
            if self.result.is_some() {
                return;
            }
        }
    }

    fn stmt(&mut self, s: &mut Stmt) {
        match s {
            Stmt::Expr(e) | Stmt::Throw(e) | Stmt::Const { init: e, .. } | Stmt::Return(Some(e)) => {
                self.expr(e)
            }
            Stmt::Return(None) | Stmt::PromiseSubclass { .. } => {}
            Stmt::Try { body, catch, finally } => {
                self.block(body);
                if let Some(c) = catch {
                    self.block(&mut c.body);
                }
                if let Some(b) = finally {
                    self.block(b);
                }
            }
            Stmt::ForOf { body, .. } => self.block(body),
            Stmt::ForAwait { iterable, body, .. } => {
                self.expr(iterable);
                self.block(body)
            }
            Stmt::Break => {}
            Stmt::Function { func, .. } => self.func(func),
        }
    }

    fn func(&mut self, f: &mut Func) {
        match &mut f.body {
            Body::Block(b) => self.block(b),
            Body::Expr(e) => self.expr(e),
        }
    }

    fn expr(&mut self, e: &mut Expr) {
        if self.result.is_some() {
            return;
        }
        if self.hit() {
            self.result = Some(reduce_expr(e, self.variant));
            return;
        }
        for_each_child_mut(e, &mut |child| match child {
            ChildMut::Expr(x) => self.expr(x),
            ChildMut::Func(f) => self.func(f),
            ChildMut::Block(b) => self.block(b),
        });
    }
}

/// Reductions of a statement list: empty it, delete one statement, or
/// simplify one statement's own shape (unwrap a try or loop, stop awaiting,
/// drop a binding, drop a returned value).
fn reduce_block(stmts: &mut Vec<Stmt>, variant: usize) -> Applied {
    let n = stmts.len();
    if variant == 0 {
        if n <= 1 {
            return Applied::Skip;
        }
        stmts.clear();
        return Applied::Done;
    }
    // Variants 1..=n delete statement i; then 8 per-statement rewrites each.
    let v = variant - 1;
    if v < n {
        stmts.remove(v);
        return Applied::Done;
    }
    let v = v - n;
    let (i, kind) = (v / 8, v % 8);
    if i >= n {
        return Applied::NoSuchVariant;
    }
    let s = &mut stmts[i];
    let replacement: Option<Vec<Stmt>> = match (kind, &*s) {
        (0, Stmt::Try { body, .. }) => Some(body.clone()),
        (1, Stmt::Try { catch: Some(_), finally: Some(f), body }) => {
            Some(vec![Stmt::Try { body: body.clone(), catch: None, finally: Some(f.clone()) }])
        }
        (2, Stmt::Try { catch: Some(c), finally: Some(_), body }) => {
            Some(vec![Stmt::Try { body: body.clone(), catch: Some(c.clone()), finally: None }])
        }
        (3, Stmt::Try { catch: Some(c), .. }) => Some(c.body.clone()),
        // `try { b } finally { f }` -> `b; f`
        (5, Stmt::Try { body, catch: None, finally: Some(f) }) => {
            Some(body.iter().chain(f).cloned().collect())
        }
        // `setTimeout(() => { b })`, `p.then(() => { b })`: just `b`, run inline.
        (6, Stmt::Expr(Expr::Call { args, .. })) => args.iter().find_map(|a| match a {
            Expr::Func(Func { body: Body::Block(b), .. }) => Some(b.clone()),
            Expr::Func(Func { body: Body::Expr(e), .. }) => Some(vec![Stmt::Expr((**e).clone())]),
            _ => None,
        }),
        (4, Stmt::Try { finally: Some(f), .. }) => Some(f.clone()),
        (0, Stmt::ForOf { items, var, body }) if items.len() > 1 => Some(vec![Stmt::ForOf {
            var: var.clone(),
            items: items[..items.len() - 1].to_vec(),
            body: body.clone(),
        }]),
        (1, Stmt::ForOf { items, var, body }) if items.len() == 1 => {
            // Unroll the single iteration: `const x = item;` then the body.
            let mut out = vec![Stmt::Const { name: var.clone(), init: items[0].to_expr() }];
            out.extend(body.iter().cloned());
            Some(out)
        }
        (0, Stmt::Expr(Expr::Await(e))) => Some(vec![Stmt::Expr((**e).clone())]),
        // `for await (const x of e) body` -> `e; body` is not equivalent, but
        // dropping the loop for its iterable is the natural cut.
        (0, Stmt::ForAwait { iterable, .. }) => Some(vec![Stmt::Expr(iterable.clone())]),
        // `(() => { body })();` -> `body`
        (0, Stmt::Expr(Expr::Call { callee, args })) if args.is_empty() => match &**callee {
            Expr::Func(Func { params, body: Body::Block(b), .. }) if params.is_empty() => Some(b.clone()),
            // `(() => e)();` -> `e;`
            Expr::Func(Func { params, body: Body::Expr(e), .. }) if params.is_empty() => {
                Some(vec![Stmt::Expr((**e).clone())])
            }
            _ => None,
        },
        (0, Stmt::Const { init, .. }) => Some(vec![Stmt::Expr(init.clone())]),
        (0, Stmt::Return(Some(_))) => Some(vec![Stmt::Return(None)]),
        (1, Stmt::Return(Some(e))) => Some(vec![Stmt::Expr(e.clone())]),
        (0, Stmt::Throw(_)) => Some(vec![Stmt::Throw(Expr::Undefined)]),
        (0, Stmt::Function { func, name }) if func.is_async => {
            let mut func = func.clone();
            func.is_async = false;
            Some(vec![Stmt::Function { name: name.clone(), func }])
        }
        _ => None,
    };
    match replacement {
        Some(r) => {
            stmts.splice(i..=i, r);
            Applied::Done
        }
        None => Applied::Skip,
    }
}

/// Reductions of one expression: replace it by a simpler one of the same
/// role (a promise by a value, a thenable by a promise, a delay by 0, a
/// chain by its receiver, an array or argument list by a shorter one).
fn reduce_expr(e: &mut Expr, variant: usize) -> Applied {
    let simpler: Vec<Expr> = match &*e {
        Expr::Num(n) if *n != 0 => vec![Expr::Num(0)],
        Expr::Num(_) => vec![],
        Expr::Undefined | Expr::Null | Expr::Bool(_) | Expr::Str(_) | Expr::Ident(_) => vec![],
        // `yield e` -> `e`
        Expr::Yield(x) | Expr::YieldStar(x) => vec![(**x).clone()],
        Expr::Add(a, _) => vec![(**a).clone()],
        // A shorter array, or one element on its own.
        Expr::Array(xs) => (0..xs.len())
            .map(|i| {
                let mut ys = xs.clone();
                ys.remove(i);
                Expr::Array(ys)
            })
            .chain(xs.iter().cloned())
            .collect(),
        Expr::Object(_) => vec![Expr::promise_static("resolve", vec![]), Expr::Undefined],
        Expr::Func(f) => {
            let mut out = Vec::new();
            // `() => { e; }` -> `() => e` (for arrows whose body is one expression statement).
            if let (FuncKind::Arrow, Body::Block(b)) = (f.kind, &f.body) {
                if let [Stmt::Expr(x)] = b.as_slice() {
                    if !matches!(x, Expr::Await(_)) || f.is_async {
                        let mut g = f.clone();
                        g.body = Body::Expr(Box::new(x.clone()));
                        out.push(Expr::Func(g));
                    }
                }
            }
            if f.is_async {
                let mut g = f.clone();
                g.is_async = false;
                out.push(Expr::Func(g));
            }
            if !f.params.is_empty() {
                let mut g = f.clone();
                g.params.pop();
                out.push(Expr::Func(g));
            }
            out
        }
        Expr::Call { callee, args } => {
            let mut out = Vec::new();
            // `(() => e)()` -> `e`
            if let Expr::Func(Func { is_async: false, generator: false, body: Body::Expr(body), .. }) =
                &**callee
            {
                out.push((**body).clone());
            }
            if let Expr::Member { object, property } = &**callee {
                // Drop a chain link: `p.then(f)` -> `p`.
                if matches!(property.as_str(), "then" | "catch" | "finally") {
                    out.push((**object).clone());
                }
            }
            // `[1].map(f)` / `[1].forEach(f)` -> `f()`.
            if let (Expr::Member { object, property }, [f]) = (&**callee, args.as_slice()) {
                if matches!(**object, Expr::Array(_)) && matches!(property.as_str(), "map" | "forEach") {
                    out.push(Expr::call(f.clone(), vec![]));
                }
            }
            if e.as_log().is_none() {
                // A call by one of its arguments: `Promise.all(x)` -> `x`.
                out.extend(args.iter().cloned());
                // `Promise.resolve(x)`, `f(x)`: fewer arguments; then the value alone.
                for i in 0..args.len() {
                    let mut a = args.clone();
                    a.remove(i);
                    out.push(Expr::Call { callee: callee.clone(), args: a });
                }
                out.push(Expr::promise_static("resolve", vec![]));
                out.push(Expr::Undefined);
            }
            out
        }
        // `new Promise(executor)` / `new P(..)`: a settled promise, nothing,
        // or just what the executor does (it runs synchronously).
        Expr::New { args, .. } => {
            let mut out = vec![Expr::promise_static("resolve", vec![]), Expr::Undefined];
            if let Some(Expr::Func(f)) = args.first() {
                match &f.body {
                    Body::Expr(body) => out.push((**body).clone()),
                    Body::Block(b) => {
                        out.push(Expr::call(Expr::Func(Func::arrow(false, vec![], b.clone())), vec![]))
                    }
                }
            }
            out
        }
        // A member that is not called (`p.then` alone) is rare; leave it.
        Expr::Member { .. } => vec![],
        Expr::Await(x) => vec![(**x).clone()],
    };
    match simpler.into_iter().nth(variant) {
        Some(s) => {
            *e = s;
            Applied::Done
        }
        None => Applied::NoSuchVariant,
    }
}
