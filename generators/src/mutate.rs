//! Mutation on the model, for guided campaigns (Fuzzilli's mutators, on
//! ordering programs): each [`Mutator`] rewrites one place of a program,
//! chosen by a seeded [`Rng`], and what it makes must validate
//! ([`crate::validate`]) or it is discarded.
//!
//! - `splice`: a statement of another program, with the top-level
//!   declarations it uses, its names renamed where they would clash;
//! - `insert`: the same from a freshly generated program;
//! - `retime-delay`: another `setTimeout` delay; `retime-task`:
//!   `queueMicrotask(cb)` and `setTimeout(cb, d)` trade places (a job for
//!   a task); `retime-await`: `await e; rest` becomes `await e.then(() => { rest })`;
//! - `swap-combinator` (`Promise.all`/`allSettled`/`any`/`race`), `swap-chain`
//!   (`.then`/`.catch`/`.finally` with one handler), `swap-settle`
//!   (`Promise.resolve`/`reject`), `swap-await-yield` (in async generators),
//!   `swap-async` (an arrow made async, or not).
//!
//! A mutation is a pure function of the program, the donor and the RNG's
//! state. Mutated programs need not keep any meaning of their parent: the
//! reference says what they do. They keep the model's invariants the
//! generator's programs have: they validate, labels are unique (renumbered
//! in source order), every name a spliced piece uses comes with it, and
//! calls go only to functions declared before (spliced functions call only
//! spliced ones), so nothing recurses.

use crate::model::*;
use crate::reduce::renumber_labels;
use crate::validate;
use std::collections::{BTreeMap, BTreeSet};

/// Candidate places tried per mutation before it gives up.
const MAX_TRIES: usize = 8;

/// Statements a mutated program may have: splicing again and again would
/// grow programs without bound (the generator's defaults stay far below).
pub const MAX_STATEMENTS: usize = 80;

/// SplitMix64: a small generator fixed forever, so a mutation stays the
/// same whatever crate versions do.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mutator {
    Splice,
    Insert,
    RetimeDelay,
    RetimeTask,
    RetimeAwait,
    SwapCombinator,
    SwapChain,
    SwapSettle,
    SwapAwaitYield,
    SwapAsync,
}

impl Mutator {
    pub const ALL: [Mutator; 10] = [
        Mutator::Splice,
        Mutator::Insert,
        Mutator::RetimeDelay,
        Mutator::RetimeTask,
        Mutator::RetimeAwait,
        Mutator::SwapCombinator,
        Mutator::SwapChain,
        Mutator::SwapSettle,
        Mutator::SwapAwaitYield,
        Mutator::SwapAsync,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Mutator::Splice => "splice",
            Mutator::Insert => "insert",
            Mutator::RetimeDelay => "retime-delay",
            Mutator::RetimeTask => "retime-task",
            Mutator::RetimeAwait => "retime-await",
            Mutator::SwapCombinator => "swap-combinator",
            Mutator::SwapChain => "swap-chain",
            Mutator::SwapSettle => "swap-settle",
            Mutator::SwapAwaitYield => "swap-await-yield",
            Mutator::SwapAsync => "swap-async",
        }
    }

    /// Whether it takes its material from a donor program (another corpus
    /// program for `splice`, a freshly generated one for `insert`).
    pub fn needs_donor(self) -> bool {
        matches!(self, Mutator::Splice | Mutator::Insert)
    }

    /// Mutates `p` at a place `rng` picks (a few are tried); `None` when
    /// no candidate is valid. `donor` is needed by [`Self::needs_donor`].
    pub fn mutate(self, p: &Program, donor: Option<&Program>, rng: &mut Rng) -> Option<Program> {
        for _ in 0..MAX_TRIES {
            let candidate = match self {
                Mutator::Splice | Mutator::Insert => splice(p, donor?, rng),
                Mutator::RetimeAwait => retime_await(p, rng),
                _ => rewrite_expr(p, rng, self),
            }?;
            let candidate = renumber_labels(&candidate);
            let fits = statement_count(&candidate) <= MAX_STATEMENTS
                && nesting_depth_capped(&candidate, MAX_NESTING + 1) <= MAX_NESTING;
            if fits && candidate != *p && validate::problems(&candidate).is_empty() {
                return Some(candidate);
            }
        }
        None
    }
}

// ---------------------------------------------------------------------------
// Expression rewrites: a site is an expression a mutator can rewrite,
// numbered in source order.

fn is_call_of(e: &Expr, name: &str) -> bool {
    matches!(e, Expr::Call { callee, .. } if matches!(&**callee, Expr::Ident(n) if n == name))
}

/// `Promise.<m>(..)` with `m` in `family`: the index of `m`.
fn promise_static_in(e: &Expr, family: &[&str]) -> Option<usize> {
    let Expr::Call { callee, .. } = e else { return None };
    let Expr::Member { object, property } = &**callee else { return None };
    if !matches!(&**object, Expr::Ident(n) if n == "Promise") {
        return None;
    }
    family.iter().position(|m| m == property)
}

const COMBINATORS: [&str; 4] = ["all", "allSettled", "any", "race"];
const SETTLE: [&str; 2] = ["resolve", "reject"];
const CHAIN: [&str; 3] = ["then", "catch", "finally"];
/// Delays `retime-delay` picks from (besides the one there).
const MAX_RETIMED_DELAY: i64 = 4;

/// `x.then(h)`, `x.catch(h)`, `x.finally(h)` (one handler at most): the index of the method.
fn chain_link(e: &Expr) -> Option<usize> {
    let Expr::Call { callee, args } = e else { return None };
    let Expr::Member { object, property } = &**callee else { return None };
    if args.len() > 1 || matches!(&**object, Expr::Ident(n) if n == "Promise") {
        return None;
    }
    CHAIN.iter().position(|m| m == property)
}

fn applies(m: Mutator, e: &Expr) -> bool {
    match m {
        Mutator::RetimeDelay => {
            is_call_of(e, "setTimeout")
                && matches!(e, Expr::Call { args, .. } if matches!(args.get(1), Some(Expr::Num(_))))
        }
        Mutator::RetimeTask => {
            (is_call_of(e, "setTimeout") && matches!(e, Expr::Call { args, .. } if args.len() <= 2))
                || (is_call_of(e, "queueMicrotask")
                    && matches!(e, Expr::Call { args, .. } if args.len() == 1))
        }
        Mutator::SwapCombinator => promise_static_in(e, &COMBINATORS).is_some(),
        Mutator::SwapSettle => promise_static_in(e, &SETTLE).is_some(),
        Mutator::SwapChain => chain_link(e).is_some(),
        Mutator::SwapAwaitYield => matches!(e, Expr::Await(_) | Expr::Yield(_)),
        Mutator::SwapAsync => matches!(e, Expr::Func(f) if f.kind == FuncKind::Arrow),
        _ => false,
    }
}

/// Another member of `family` than the one at `at`.
fn sibling(family: &[&str], at: usize, rng: &mut Rng) -> String {
    let pick = rng.below(family.len() - 1);
    family[if pick >= at { pick + 1 } else { pick }].to_string()
}

/// Rewrites `e`, a site of mutator `m`.
fn rewrite(m: Mutator, e: &mut Expr, rng: &mut Rng) {
    let set_method = |e: &mut Expr, name: String| {
        if let Expr::Call { callee, .. } = e {
            if let Expr::Member { property, .. } = &mut **callee {
                *property = name;
            }
        }
    };
    match m {
        Mutator::RetimeDelay => {
            if let Expr::Call { args, .. } = e {
                if let Some(Expr::Num(d)) = args.get_mut(1) {
                    let pick = rng.below(MAX_RETIMED_DELAY as usize) as i64;
                    *d = if pick >= *d { pick + 1 } else { pick };
                }
            }
        }
        Mutator::RetimeTask => {
            if let Expr::Call { callee, args } = e {
                if matches!(&**callee, Expr::Ident(n) if n == "setTimeout") {
                    **callee = Expr::ident("queueMicrotask");
                    args.truncate(1);
                } else {
                    **callee = Expr::ident("setTimeout");
                    args.push(Expr::Num(0));
                }
            }
        }
        Mutator::SwapCombinator => {
            let at = promise_static_in(e, &COMBINATORS).unwrap_or(0);
            set_method(e, sibling(&COMBINATORS, at, rng))
        }
        Mutator::SwapSettle => {
            let at = promise_static_in(e, &SETTLE).unwrap_or(0);
            set_method(e, sibling(&SETTLE, at, rng))
        }
        Mutator::SwapChain => {
            let at = chain_link(e).unwrap_or(0);
            set_method(e, sibling(&CHAIN, at, rng))
        }
        Mutator::SwapAwaitYield => {
            *e = match std::mem::replace(e, Expr::Undefined) {
                Expr::Await(x) => Expr::Yield(x),
                Expr::Yield(x) => Expr::Await(x),
                other => other,
            }
        }
        Mutator::SwapAsync => {
            if let Expr::Func(f) = e {
                f.is_async = !f.is_async
            }
        }
        _ => {}
    }
}

/// One rewrite of mutator `m` at a site `rng` picks; `None` when there is no site.
fn rewrite_expr(p: &Program, rng: &mut Rng, m: Mutator) -> Option<Program> {
    let mut sites = 0;
    walk_program(p, &mut |n| {
        if let Node::Expr(e) = n {
            sites += applies(m, e) as usize;
        }
    });
    if sites == 0 {
        return None;
    }
    let target = rng.below(sites);
    let mut q = p.clone();
    let mut seen = 0;
    walk_block_exprs_mut(&mut q.body, &mut |e| {
        if applies(m, e) {
            if seen == target {
                rewrite(m, e, rng);
            }
            seen += 1;
        }
    });
    Some(q)
}

// ---------------------------------------------------------------------------
// retime-await: the rest of a block after `await e;` moves into `e.then(..)`.

fn is_await_stmt(s: &Stmt) -> bool {
    matches!(s, Stmt::Expr(Expr::Await(_)))
}

fn retime_await(p: &Program, rng: &mut Rng) -> Option<Program> {
    let mut sites = Vec::new();
    let mut b = 0;
    blocks_in_order(&p.body, &mut |stmts| {
        sites.extend(stmts.iter().enumerate().filter(|(_, s)| is_await_stmt(s)).map(|(i, _)| (b, i)));
        b += 1;
    });
    if sites.is_empty() {
        return None;
    }
    let (block, pos) = sites[rng.below(sites.len())];
    // An async handler or not: where the rest awaits, only one validates.
    let is_async = rng.below(2) == 1;
    let mut q = p.clone();
    let mut b = 0;
    walk_blocks_in_order(&mut q.body, &mut |stmts| {
        if b == block {
            let rest: Vec<Stmt> = stmts.drain(pos + 1..).collect();
            if let Some(Stmt::Expr(Expr::Await(x))) = stmts.get_mut(pos) {
                let handler = Func::arrow(is_async, vec![], rest);
                let e = std::mem::replace(&mut **x, Expr::Undefined);
                **x = Expr::method(e, "then", vec![Expr::Func(handler)]);
            }
        }
        b += 1;
    });
    Some(q)
}

/// Calls `f` on each statement list: a list, then the lists under its
/// statements (through expressions and functions), in source order.
fn blocks_in_order(stmts: &[Stmt], f: &mut dyn FnMut(&[Stmt])) {
    fn child(c: Child, f: &mut dyn FnMut(&[Stmt])) {
        match c {
            Child::Block(b) => blocks_in_order(b, f),
            Child::Expr(e) => for_each_child(e, &mut |c| child(c, f)),
            Child::Func(func) => for_each_func_child(func, &mut |c| child(c, f)),
        }
    }
    f(stmts);
    for s in stmts {
        for_each_stmt_child(s, &mut |c| child(c, f));
    }
}

/// [`blocks_in_order`], mutably.
fn walk_blocks_in_order(stmts: &mut Vec<Stmt>, f: &mut dyn FnMut(&mut Vec<Stmt>)) {
    fn child(c: ChildMut, f: &mut dyn FnMut(&mut Vec<Stmt>)) {
        match c {
            ChildMut::Block(b) => walk_blocks_in_order(b, f),
            ChildMut::Expr(e) => for_each_child_mut(e, &mut |c| child(c, f)),
            ChildMut::Func(func) => for_each_func_child_mut(func, &mut |c| child(c, f)),
        }
    }
    f(stmts);
    for s in stmts.iter_mut() {
        for_each_stmt_child_mut(s, &mut |c| child(c, f));
    }
}

// ---------------------------------------------------------------------------
// Splicing.

/// The name a statement declares in its own scope (or hoists to its function's).
fn declared(s: &Stmt) -> Option<&str> {
    match s {
        Stmt::Const { name, .. }
        | Stmt::Let { name, .. }
        | Stmt::Var { name, .. }
        | Stmt::Function { name, .. }
        | Stmt::PromiseSubclass { name }
        | Stmt::Class(Class { name: Some(name), .. }) => Some(name),
        _ => None,
    }
}

/// Every name a program piece binds anywhere (declarations, loop
/// variables, catch and function parameters), and every name it refers to.
#[derive(Default)]
struct Names {
    bound: BTreeSet<String>,
    used: BTreeSet<String>,
    /// `var` names, which hoist out of the blocks they are in.
    vars: BTreeSet<String>,
}

impl Names {
    fn of(stmts: &[Stmt]) -> Names {
        let mut n = Names::default();
        walk_block(stmts, &mut |node| n.node(node));
        n
    }
    fn node(&mut self, node: Node) {
        match node {
            Node::Stmt(s) => {
                if let Some(name) = declared(s) {
                    self.bound.insert(name.to_string());
                }
                match s {
                    Stmt::Var { name, .. } => {
                        self.vars.insert(name.clone());
                    }
                    Stmt::ForOf { var, .. } | Stmt::ForAwait { var, .. } => {
                        self.bound.extend(var.names().into_iter().map(String::from));
                    }
                    Stmt::Destructure { binding, pattern, .. } => {
                        let names = pattern.names().into_iter().map(String::from);
                        if *binding == LoopBinding::Var {
                            self.vars.extend(names.clone());
                        }
                        self.bound.extend(names);
                    }
                    Stmt::Try { catch: Some(Catch { param: Some(p), .. }), .. } => {
                        self.bound.extend(p.names().into_iter().map(String::from));
                    }
                    Stmt::Class(c) => self.class(c),
                    _ => {}
                }
            }
            Node::Func(f) => self.bound.extend(f.param_names().into_iter().map(String::from)),
            Node::Expr(e) => match e {
                Expr::Ident(n) | Expr::Assign { target: n, .. } | Expr::Update { target: n, .. } => {
                    self.used.insert(n.clone());
                }
                Expr::Object(props) => {
                    for p in props {
                        if let Prop::Method { func, .. } = p {
                            self.bound.extend(func.param_names().into_iter().map(String::from));
                        }
                    }
                }
                Expr::Class(c) => self.class(c),
                _ => {}
            },
        }
    }
    /// A class's own name (bound inside it) and its members' parameters.
    fn class(&mut self, c: &Class) {
        self.bound.extend(c.name.iter().cloned());
        for m in &c.members {
            if let ClassMember::Constructor(func) | ClassMember::Method { func, .. } = m {
                self.bound.extend(func.param_names().into_iter().map(String::from));
            }
        }
    }
    fn all(&self) -> impl Iterator<Item = &String> {
        self.bound.iter().chain(&self.used)
    }
}

/// Renames a class's own name and its members' parameters (their bodies
/// are renamed by the walks of [`rename`]).
fn rename_class(c: &mut Class, swap: &dyn Fn(&mut String)) {
    if let Some(n) = &mut c.name {
        swap(n)
    }
    for m in &mut c.members {
        if let ClassMember::Constructor(func) | ClassMember::Method { func, .. } = m {
            func.for_each_param_name_mut(&mut |n| swap(n));
        }
    }
}

/// Renames every occurrence (binding or use) of the names in `map`.
fn rename(stmts: &mut Vec<Stmt>, map: &BTreeMap<String, String>) {
    let swap = |n: &mut String| {
        if let Some(to) = map.get(n) {
            *n = to.clone()
        }
    };
    walk_blocks_mut(stmts, &mut |b| {
        for s in b.iter_mut() {
            match s {
                Stmt::Const { name, .. }
                | Stmt::Let { name, .. }
                | Stmt::Var { name, .. }
                | Stmt::Function { name, .. }
                | Stmt::PromiseSubclass { name } => swap(name),
                Stmt::ForOf { var: p, .. }
                | Stmt::ForAwait { var: p, .. }
                | Stmt::Destructure { pattern: p, .. } => p.for_each_name_mut(&mut |n| swap(n)),
                Stmt::Try { catch: Some(Catch { param: Some(p), .. }), .. } => {
                    p.for_each_name_mut(&mut |n| swap(n))
                }
                _ => {}
            }
            if let Stmt::Function { func, .. } = s {
                func.for_each_param_name_mut(&mut |n| swap(n));
            }
            if let Stmt::Class(c) = s {
                rename_class(c, &swap);
            }
        }
    });
    walk_block_exprs_mut(stmts, &mut |e| match e {
        Expr::Ident(n) | Expr::Assign { target: n, .. } | Expr::Update { target: n, .. } => swap(n),
        Expr::Func(f) => f.for_each_param_name_mut(&mut |n| swap(n)),
        Expr::Class(c) => rename_class(c, &swap),
        Expr::Object(props) => {
            for p in props {
                if let Prop::Method { func, .. } = p {
                    func.for_each_param_name_mut(&mut |n| swap(n));
                }
            }
        }
        _ => {}
    });
}

/// A piece of `donor` to splice: `stmt` and the donor's top-level declarations it needs (transitively, in
/// donor order); `None` when it uses a name bound around it (a loop
/// variable, a parameter) that cannot come along.
fn piece(donor: &Program, stmt: &Stmt) -> Option<(Vec<Stmt>, Stmt)> {
    let everything = Names::of(&donor.body);
    let top: BTreeMap<&str, usize> =
        donor.body.iter().enumerate().filter_map(|(i, s)| declared(s).map(|n| (n, i))).collect();
    let mut needed = BTreeSet::new();
    let mut pending = vec![std::slice::from_ref(stmt)];
    while let Some(part) = pending.pop() {
        let names = Names::of(part);
        for used in names.used.difference(&names.bound) {
            match top.get(used.as_str()) {
                Some(&i) if needed.insert(i) => pending.push(std::slice::from_ref(&donor.body[i])),
                Some(_) => {}
                // Bound somewhere in the donor, but not where it can come along.
                None if everything.bound.contains(used) => return None,
                // A global (`Promise`, `log`, ...).
                None => {}
            }
        }
    }
    let deps = needed.iter().map(|&i| donor.body[i].clone()).collect();
    Some((deps, stmt.clone()))
}

/// Fresh names for the names `piece` declares that `p` has too.
fn renaming(p: &Program, piece: &[Stmt]) -> BTreeMap<String, String> {
    let theirs = Names::of(&p.body);
    let ours = Names::of(piece);
    let taken: BTreeSet<&String> = theirs.all().chain(ours.all()).collect();
    let declared_here: BTreeSet<String> =
        piece.iter().filter_map(declared).map(str::to_string).chain(ours.vars.iter().cloned()).collect();
    let mut map = BTreeMap::new();
    let mut chosen = BTreeSet::new();
    for name in declared_here.iter().filter(|n| theirs.all().any(|t| t == *n)) {
        let stem = name.trim_end_matches(|c: char| c.is_ascii_digit());
        let fresh = (0..)
            .map(|k| format!("{stem}{k}"))
            .find(|c| !taken.contains(c) && !chosen.contains(c))
            .expect("some number is free");
        chosen.insert(fresh.clone());
        map.insert(name.clone(), fresh);
    }
    map
}

fn splice(p: &Program, donor: &Program, rng: &mut Rng) -> Option<Program> {
    // Any statement of the donor but its declarations of functions and
    // classes (they come along when a statement uses them).
    let mut statements = Vec::new();
    walk_program(donor, &mut |n| {
        if let Node::Stmt(s) = n {
            if !matches!(s, Stmt::Function { .. } | Stmt::PromiseSubclass { .. }) {
                statements.push(s);
            }
        }
    });
    if statements.is_empty() {
        return None;
    }
    let (deps, stmt) = piece(donor, statements[rng.below(statements.len())])?;
    let mut all: Vec<Stmt> = deps;
    all.push(stmt);
    let map = renaming(p, &all);
    rename(&mut all, &map);
    let stmt = all.pop().expect("the statement is last");
    // Where it goes: any statement list of `p`, any position in it.
    let mut q = p.clone();
    let mut blocks = 0;
    walk_blocks_in_order(&mut q.body, &mut |_| blocks += 1);
    let block = rng.below(blocks);
    let mut b = 0;
    walk_blocks_in_order(&mut q.body, &mut |stmts| {
        if b == block {
            let at = rng.below(stmts.len() + 1);
            stmts.insert(at, stmt.clone());
        }
        b += 1;
    });
    // Its declarations run first, before anything of `p` can use the statement.
    q.body.splice(0..0, all);
    Some(q)
}
