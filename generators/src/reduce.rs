//! One-step reductions of a program, for the minimizer.
//!
//! Every candidate is the program with one piece removed or made simpler (a
//! statement deleted, nesting unwrapped, a chain link dropped, a thenable
//! replaced by a promise, a delay set to 0, a `const` used once inlined, a
//! declaration dropped with its uses, a block body made concise, an async
//! function's last step moved into a `.then`, ...), and is strictly smaller
//! by [`cost`] (statements first), so repeatedly taking an interesting
//! candidate always ends. A program none of whose candidates is interesting
//! is 1-minimal with respect to these reductions, which is what the
//! minimizer's tests check.
//!
//! [`retimings`] are the minimizer's other moves: not reductions, but ways
//! to swap a piece for a plain promise chain of chosen length, so that cuts
//! which only shifted a timing can be repaired.

use crate::model::*;
use crate::validate;

/// A size measure every reduction strictly decreases: statements first (the
/// size repros are judged by, [`statement_count`]), then nodes, then literal
/// magnitudes and `async`-ness as tie-breakers. Statements first lets a
/// rewrite trade a statement for a few expression nodes (`() => { return e; }`
/// -> `() => e`, a three-statement async IIFE -> a `.then` chain).
pub fn cost(p: &Program) -> u64 {
    let mut statements = 0u64;
    let mut nodes = 0u64;
    let mut extra = 0u64;
    walk_program(p, &mut |n| {
        nodes += 1;
        if matches!(n, Node::Stmt(_)) {
            statements += 1;
        }
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
    statements * STATEMENT_WEIGHT + nodes * 10_000 + extra
}

/// What one statement weighs in [`cost`]: more than any program's nodes.
const STATEMENT_WEIGHT: u64 = 1 << 40;

/// All valid one-step reductions of `p`, biggest cuts first.
pub fn candidates(p: &Program) -> Vec<Program> {
    let mut out = inline_functions(p);
    out.extend(drop_declarations_with_uses(p));
    out.extend(inline_single_use_consts(p));
    out.extend(site_variants(p, Mode::Reduce).into_iter().flatten());
    // Retimings that remove statements are reductions too (a three-statement
    // async IIFE that logs after an await -> a `.then` chain that logs).
    out.extend(site_variants(p, Mode::Retime).into_iter().flatten());
    let base = cost(p);
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<(u64, Program)> = out
        .into_iter()
        .filter(|q| validate::problems(q).is_empty())
        .map(|q| (cost(&q), q))
        .filter(|(c, _)| *c < base)
        .filter(|(_, q)| seen.insert(q.clone()))
        .collect();
    // Biggest reductions first; ties keep source order (stable sort).
    out.sort_by_key(|(c, _)| *c);
    out.into_iter().map(|(_, q)| q).collect()
}

/// Most `.then()` links a retiming puts in front of what it replaces.
pub const MAX_DELAY: usize = 6;

/// Sideways moves for the minimizer to get out of a local minimum: the
/// ordering a divergence needs often rests on a timing that one reduction
/// alone cannot keep (a generator's `next()` resolves three jobs later, an
/// async function's return two), so no single cut keeps it. These replace
/// one piece by a plain promise chain of each length `0..=MAX_DELAY`:
/// a promise-valued call without logs by `Promise.resolve().then()...`, a
/// statement that logs once by `Promise.resolve().then()....then(() =>
/// log(..))`. They are not reductions (a chain may be bigger than what it
/// replaces) but never add statements; the minimizer keeps one only when
/// minimizing onward from it ends below where it started. One group per
/// site, variants by increasing delay.
pub fn retimings(p: &Program) -> Vec<Vec<Program>> {
    let n = statement_count(p);
    site_variants(p, Mode::Retime)
        .into_iter()
        .map(|group| {
            group
                .into_iter()
                .filter(|q| q != p && statement_count(q) <= n && validate::problems(q).is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|group| !group.is_empty())
        .collect()
}

/// Every variant of every site, grouped by site in source order.
fn site_variants(p: &Program, mode: Mode) -> Vec<Vec<Program>> {
    let total = count_sites(p);
    (0..total)
        .map(|site| {
            let mut group = Vec::new();
            for variant in 0.. {
                let mut q = p.clone();
                match apply(&mut q, mode, site, variant) {
                    Applied::Done => group.push(q),
                    Applied::NoSuchVariant => break,
                    Applied::Skip => {}
                }
            }
            group
        })
        .collect()
}

/// `Promise.resolve()` followed by `k` empty `.then()` links: settles `k` jobs later.
pub fn then_chain(k: usize) -> Expr {
    let mut e = Expr::promise_static("resolve", vec![]);
    for _ in 0..k {
        e = Expr::method(e, "then", vec![]);
    }
    e
}

fn is_then_chain(e: &Expr) -> bool {
    match e {
        Expr::Call { callee, args } if args.is_empty() => match &**callee {
            Expr::Member { object, property } if property == "then" => is_then_chain(object),
            Expr::Member { object, property } if property == "resolve" => {
                matches!(&**object, Expr::Ident(n) if n == "Promise")
            }
            _ => false,
        },
        _ => false,
    }
}

/// `then_chain(k).then(() => log)`
fn probe(k: usize, log: Expr) -> Expr {
    Expr::method(then_chain(k), "then", vec![thunk(log)])
}

/// `() => e`
fn thunk(e: Expr) -> Expr {
    Expr::Func(Func {
        kind: FuncKind::Arrow,
        is_async: false,
        generator: false,
        params: vec![],
        body: Body::Expr(Box::new(e)),
    })
}

/// The `log(..)` calls under a statement or expression.
fn logs_in_stmt(s: &Stmt) -> Vec<Expr> {
    let mut out = Vec::new();
    walk_stmt(s, &mut |n| {
        if let Node::Expr(e) = n {
            if e.as_log().is_some() {
                out.push(e.clone());
            }
        }
    });
    out
}

fn has_log(e: &Expr) -> bool {
    let mut found = false;
    walk_expr(e, &mut |n| {
        if let Node::Expr(x) = n {
            found |= x.as_log().is_some();
        }
    });
    found
}

/// For each `const` and function declaration: the program without it and
/// without every statement that uses its name (the innermost statement
/// around each use), e.g. `const it = g(); it.next(); it.next().then(..)`
/// all at once.
fn drop_declarations_with_uses(p: &Program) -> Vec<Program> {
    let mut names = Vec::new();
    walk_program(p, &mut |n| {
        if let Node::Stmt(Stmt::Const { name, .. } | Stmt::Function { name, .. }) = n {
            names.push(name.clone());
        }
    });
    names
        .into_iter()
        .map(|name| {
            let mut q = p.clone();
            // Innermost statements first, so a use deep in a callback takes
            // only its own statement with it.
            for_each_block_mut(&mut q.body, &mut |b| b.retain(|s| !mentions(s, &name)));
            q
        })
        .collect()
}

/// For each `const x = e;` whose `x` is used exactly once: the program with
/// `e` in place of that use and without the declaration
/// (`const it = g(); it.next();` -> `g().next();`).
fn inline_single_use_consts(p: &Program) -> Vec<Program> {
    let mut consts = Vec::new();
    walk_program(p, &mut |n| {
        if let Node::Stmt(Stmt::Const { name, init }) = n {
            consts.push((name.clone(), init.clone()));
        }
    });
    consts
        .into_iter()
        .filter_map(|(name, init)| {
            let mut uses = 0;
            walk_program(p, &mut |n| {
                if matches!(n, Node::Expr(Expr::Ident(x)) if *x == name) {
                    uses += 1;
                }
            });
            if uses != 1 {
                return None;
            }
            let mut q = p.clone();
            walk_block_exprs_mut(&mut q.body, &mut |e| {
                if matches!(e, Expr::Ident(x) if *x == name) {
                    *e = init.clone();
                }
            });
            for_each_block_mut(&mut q.body, &mut |b| {
                b.retain(|s| !matches!(s, Stmt::Const { name: n, .. } if *n == name))
            });
            Some(q)
        })
        .collect()
}

fn mentions(s: &Stmt, name: &str) -> bool {
    let mut found = false;
    walk_stmt(s, &mut |n| match n {
        Node::Expr(Expr::Ident(x)) => found |= x == name,
        Node::Stmt(Stmt::Const { name: x, .. } | Stmt::Function { name: x, .. }) => found |= x == name,
        _ => {}
    });
    found
}

/// Calls `f` on every statement list under `stmts`, nested ones first,
/// then `stmts` itself.
fn for_each_block_mut(stmts: &mut Vec<Stmt>, f: &mut dyn FnMut(&mut Vec<Stmt>)) {
    fn in_expr(e: &mut Expr, f: &mut dyn FnMut(&mut Vec<Stmt>)) {
        for_each_child_mut(e, &mut |c| match c {
            ChildMut::Expr(x) => in_expr(x, f),
            ChildMut::Func(func) => in_func(func, f),
            ChildMut::Block(b) => for_each_block_mut(b, f),
        })
    }
    fn in_func(func: &mut Func, f: &mut dyn FnMut(&mut Vec<Stmt>)) {
        match &mut func.body {
            Body::Block(b) => for_each_block_mut(b, f),
            Body::Expr(e) => in_expr(e, f),
        }
    }
    for s in stmts.iter_mut() {
        for_each_stmt_child_mut(s, &mut |c| match c {
            ChildMut::Expr(x) => in_expr(x, f),
            ChildMut::Func(func) => in_func(func, f),
            ChildMut::Block(b) => for_each_block_mut(b, f),
        });
    }
    f(stmts)
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `reduce_block` / `reduce_expr`.
    Reduce,
    /// `retime_block` / `retime_expr`.
    Retime,
}

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
    let mut counter = Counter { mode: Mode::Reduce, next: 0, target: usize::MAX, variant: 0, result: None };
    counter.block(&mut q.body);
    counter.next
}

fn apply(p: &mut Program, mode: Mode, site: usize, variant: usize) -> Applied {
    let mut c = Counter { mode, next: 0, target: site, variant, result: None };
    c.block(&mut p.body);
    c.result.unwrap_or(Applied::NoSuchVariant)
}

struct Counter {
    mode: Mode,
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
            self.result = Some(match self.mode {
                Mode::Reduce => reduce_block(stmts, self.variant),
                Mode::Retime => retime_block(stmts, self.variant),
            });
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
            self.result = Some(match self.mode {
                Mode::Reduce => reduce_expr(e, self.variant),
                Mode::Retime => retime_expr(e, self.variant),
            });
            return;
        }
        for_each_child_mut(e, &mut |child| match child {
            ChildMut::Expr(x) => self.expr(x),
            ChildMut::Func(f) => self.func(f),
            ChildMut::Block(b) => self.block(b),
        });
    }
}

/// Statement `i` (one that logs exactly once, not a bare `log(..)`) replaced
/// by `then_chain(k).then(() => log(..))`; variant `i * (MAX_DELAY + 1) + k`.
fn retime_block(stmts: &mut [Stmt], variant: usize) -> Applied {
    let (i, k) = (variant / (MAX_DELAY + 1), variant % (MAX_DELAY + 1));
    let Some(s) = stmts.get_mut(i) else { return Applied::NoSuchVariant };
    if matches!(s, Stmt::Function { .. } | Stmt::PromiseSubclass { .. } | Stmt::Break) {
        return Applied::Skip;
    }
    if matches!(s, Stmt::Expr(e) if e.as_log().is_some()) {
        return Applied::Skip;
    }
    match logs_in_stmt(s).as_slice() {
        [log] => {
            *s = Stmt::Expr(probe(k, log.clone()));
            Applied::Done
        }
        _ => Applied::Skip,
    }
}

/// A call without logs (a promise-valued one, typically) replaced by
/// `then_chain(k)`; variant `k`.
fn retime_expr(e: &mut Expr, variant: usize) -> Applied {
    let eligible = matches!(e, Expr::Call { .. } | Expr::New { .. }) && !has_log(e) && !is_then_chain(e);
    if !eligible || variant > MAX_DELAY {
        return Applied::NoSuchVariant;
    }
    *e = then_chain(variant);
    Applied::Done
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
        Expr::Object(props) => {
            let mut out = vec![Expr::promise_static("resolve", vec![]), Expr::Undefined];
            // `then(resolve, reject) { log('a'); }` -> `then: (resolve, reject) => log('a')`
            // (also `{ return e; }`): a method by an arrow property, one statement less.
            for (i, prop) in props.iter().enumerate() {
                if let Prop::Method { key, func } = prop {
                    if let Some(body) = concise_body(func) {
                        if !func.generator {
                            let mut ps = props.clone();
                            let arrow = Func { kind: FuncKind::Arrow, body, ..func.clone() };
                            ps[i] = Prop::Value { key: key.clone(), value: Expr::Func(arrow) };
                            out.push(Expr::Object(ps));
                        }
                    }
                }
            }
            out
        }
        Expr::Func(f) => {
            let mut out = Vec::new();
            // `() => { e; }` and `() => { return e; }` -> `() => e`.
            if f.kind == FuncKind::Arrow {
                if let Some(body) = concise_body(f) {
                    let mut g = f.clone();
                    g.body = body;
                    out.push(Expr::Func(g));
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
            // `(async () => { ..; await x; e; })()` -> `(async () => { ..; await x; })().then(() => e)`,
            // and likewise for an async callback of `.then`/`.catch`/`.finally`:
            // the last step runs as a reaction to the function's promise.
            if let Some(split) = async_tail_to_then(callee, args) {
                out.push(split);
            }
            // `(function* () { yield a; yield b; })()` -> `[a, b]`, as an iterable.
            if let Expr::Func(Func { generator: true, params, body: Body::Block(b), .. }) = &**callee {
                let yields: Option<Vec<Expr>> = b
                    .iter()
                    .map(|s| match s {
                        Stmt::Expr(Expr::Yield(x)) => Some((**x).clone()),
                        _ => None,
                    })
                    .collect();
                if let (Some(items), true) = (yields, params.is_empty() && args.is_empty()) {
                    out.push(Expr::Array(items));
                }
            }
            // `queueMicrotask(() => e)`, `p.then(() => e)`: just `e`, now.
            if e.as_log().is_none() {
                for a in args {
                    if let Expr::Func(Func {
                        is_async: false,
                        generator: false,
                        params,
                        body: Body::Expr(x),
                        ..
                    }) = a
                    {
                        if params.is_empty() {
                            out.push((**x).clone());
                        }
                    }
                }
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

/// The concise body `{ e; }` or `{ return e; }` can become (`await e` only
/// where the function is async).
fn concise_body(f: &Func) -> Option<Body> {
    let Body::Block(b) = &f.body else { return None };
    let e = match b.as_slice() {
        [Stmt::Expr(e)] | [Stmt::Return(Some(e))] => e,
        _ => return None,
    };
    if matches!(e, Expr::Yield(_) | Expr::YieldStar(_)) || (matches!(e, Expr::Await(_)) && !f.is_async) {
        return None;
    }
    Some(Body::Expr(Box::new(e.clone())))
}

/// See `reduce_expr`: the call with its async function's last expression
/// statement moved into a `.then` callback on the call's result.
fn async_tail_to_then(callee: &Expr, args: &[Expr]) -> Option<Expr> {
    // Which function: the callee itself (an IIFE) or a chain callback.
    let (func, in_callee) = match (callee, args) {
        (Expr::Func(f), _) => (f, true),
        (Expr::Member { property, .. }, [Expr::Func(f), ..])
            if matches!(property.as_str(), "then" | "catch" | "finally") =>
        {
            (f, false)
        }
        _ => return None,
    };
    let Func { is_async: true, generator: false, body: Body::Block(b), .. } = func else { return None };
    let (Some(Stmt::Expr(last) | Stmt::Return(Some(last))), true) = (b.last(), b.len() >= 2) else {
        return None;
    };
    if matches!(last, Expr::Await(_) | Expr::Yield(_) | Expr::YieldStar(_)) {
        return None;
    }
    let mut shorter = func.clone();
    shorter.body = Body::Block(b[..b.len() - 1].to_vec());
    let call = if in_callee {
        Expr::call(Expr::Func(shorter), args.to_vec())
    } else {
        let mut args = args.to_vec();
        args[0] = Expr::Func(shorter);
        Expr::Call { callee: Box::new(callee.clone()), args }
    };
    Some(Expr::method(call, "then", vec![thunk(last.clone())]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{print_program, GenConfig, Generator};

    fn arrow(is_async: bool, body: Vec<Stmt>) -> Expr {
        Expr::Func(Func::arrow(is_async, vec![], body))
    }

    fn iife(f: Expr) -> Stmt {
        Stmt::Expr(Expr::call(f, vec![]))
    }

    fn printed(ps: &[Program]) -> Vec<String> {
        ps.iter().map(print_program).collect()
    }

    fn has(cands: &[Program], src: &str) -> bool {
        printed(cands).iter().any(|c| c.trim() == src.trim())
    }

    #[test]
    fn every_candidate_is_valid_and_cheaper_and_retimings_add_no_statements() {
        let g = Generator::new(GenConfig::default());
        for i in 0..40 {
            let p = g.program(5, i);
            let base = cost(&p);
            for q in candidates(&p) {
                assert!(cost(&q) < base, "{}\n->\n{}", print_program(&p), print_program(&q));
                assert!(validate::problems(&q).is_empty());
            }
            for q in retimings(&p).into_iter().flatten() {
                assert!(statement_count(&q) <= statement_count(&p));
                assert!(validate::problems(&q).is_empty());
            }
        }
    }

    #[test]
    fn a_statement_outweighs_any_number_of_expression_nodes() {
        // `() => { return e; }` -> `() => e` has as many nodes, one statement less.
        let block = Program { body: vec![iife(arrow(false, vec![Stmt::Return(Some(then_chain(3)))]))] };
        let cands = candidates(&block);
        assert!(has(&cands, "(() => Promise.resolve().then().then().then())();"), "{:#?}", printed(&cands));
    }

    #[test]
    fn a_method_becomes_an_arrow_property() {
        let thenable = Expr::Object(vec![Prop::Method {
            key: "then".into(),
            func: Func::function(false, vec!["resolve".into()], vec![Stmt::log("a")]),
        }]);
        let p = Program { body: vec![Stmt::Expr(Expr::promise_static("resolve", vec![thenable]))] };
        let cands = candidates(&p);
        assert!(
            has(&cands, "Promise.resolve({\n  then: (resolve) => log('a')\n});"),
            "{:#?}",
            printed(&cands)
        );
    }

    #[test]
    fn an_async_tail_moves_into_a_then_callback() {
        let body = vec![Stmt::Expr(Expr::await_(then_chain(0))), Stmt::log("a")];
        let p = Program { body: vec![iife(arrow(true, body))] };
        let cands = candidates(&p);
        assert!(
            has(&cands, "(async () => {\n  await Promise.resolve();\n})().then(() => log('a'));"),
            "{:#?}",
            printed(&cands)
        );
    }

    #[test]
    fn a_const_used_once_is_inlined_and_one_used_twice_goes_with_its_uses() {
        let it = || Expr::ident("it");
        let p = Program {
            body: vec![
                Stmt::Const { name: "it".into(), init: then_chain(0) },
                Stmt::Expr(Expr::method(it(), "then", vec![])),
                Stmt::log("a"),
            ],
        };
        assert!(has(&candidates(&p), "Promise.resolve().then();\nlog('a');"));
        let mut twice = p.clone();
        twice.body.insert(1, Stmt::Expr(Expr::method(it(), "then", vec![])));
        let cands = candidates(&twice);
        assert!(has(&cands, "log('a');"), "{:#?}", printed(&cands));
        assert!(!has(&cands, "Promise.resolve().then();\nit.then();\nlog('a');"));
    }

    #[test]
    fn retimings_replace_a_logging_statement_or_a_call_by_chains_of_each_length() {
        let body = vec![Stmt::Expr(Expr::await_(Expr::call(Expr::ident("f"), vec![]))), Stmt::log("a")];
        let p = Program { body: vec![iife(arrow(true, body))] };
        let all: Vec<String> = printed(&retimings(&p).concat());
        // The whole IIFE statement, which logs once, by `log` after k jobs ...
        for k in 0..=MAX_DELAY {
            let want = format!("Promise.resolve(){}.then(() => log('a'));", ".then()".repeat(k));
            assert!(all.iter().any(|s| s.trim() == want), "{want}\n{all:#?}");
        }
        // ... and the awaited call by a chain.
        assert!(all.iter().any(|s| s.contains("await Promise.resolve().then().then();")), "{all:#?}");
    }
}
