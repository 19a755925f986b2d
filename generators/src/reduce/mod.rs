//! One-step reductions of a program, for the minimizer: each rewrite is a
//! type of its own with a name the minimizer counts it by, one family a
//! file (as Fuzzilli's `Minimization/` has one `Reducer` a file), and this
//! module is the driver that finds where each applies.
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
//! A reduction rewrites one of four places: the whole program
//! ([`ProgramReduction`]: a declaration with its uses), a statement list as
//! a whole ([`BlockReduction`]), one statement into the statements that
//! take its place ([`StmtReduction`]), or one expression into a simpler one
//! ([`ExprReduction`]). The sites are every statement list and every
//! expression, in source order.
//!
//! [`retimings`] are the minimizer's other moves: not reductions, but ways
//! to swap a piece for a plain promise chain of chosen length, so that cuts
//! which only shifted a timing can be repaired.

use crate::model::*;
use crate::validate;

/// Declares a reduction: a unit type and the name it is counted by.
macro_rules! reduction {
    ($(#[$doc:meta])* $ty:ident = $name:literal) => {
        $(#[$doc])*
        pub struct $ty;

        impl $crate::reduce::Reduction for $ty {
            fn name(&self) -> &'static str {
                $name
            }
        }
    };
}

/// A statement reduction of one rule: a statement `$pat` matches (and
/// `$guard` holds for) gives way to the statements `$with`.
macro_rules! rewrite_stmt {
    ($ty:ident: $pat:pat $(if $guard:expr)? => $with:expr) => {
        impl $crate::reduce::StmtReduction for $ty {
            fn reduce(&self, s: &Stmt) -> Vec<Vec<Stmt>> {
                match s {
                    $pat $(if $guard)? => vec![$with],
                    _ => vec![],
                }
            }
        }
    };
}

/// An expression reduction of one rule: an expression `$pat` matches (and
/// `$guard` holds for) gives way to `$with`.
macro_rules! rewrite_expr {
    ($ty:ident: $pat:pat $(if $guard:expr)? => $with:expr) => {
        impl $crate::reduce::ExprReduction for $ty {
            fn reduce(&self, e: &Expr) -> Vec<Expr> {
                match e {
                    $pat $(if $guard)? => vec![$with],
                    _ => vec![],
                }
            }
        }
    };
}

mod calls;
mod classes;
mod declarations;
mod expressions;
mod functions;
mod retime;
mod statements;
mod unwrap;

pub use calls::*;
pub use classes::*;
pub use declarations::*;
pub use expressions::*;
pub use functions::*;
pub use retime::{then_chain, RetimeCall, RetimeStatement, MAX_DELAY};
pub use statements::*;
pub use unwrap::*;

/// A kind of rewrite, by the name logs and tallies use.
pub trait Reduction: Sync {
    fn name(&self) -> &'static str;
}

/// Rewrites the whole program (a declaration and its uses at once).
pub trait ProgramReduction: Reduction {
    fn reduce(&self, p: &Program) -> Vec<Program>;
}

/// Rewrites a statement list as a whole.
pub trait BlockReduction: Reduction {
    fn reduce(&self, block: &[Stmt]) -> Vec<Vec<Stmt>>;
}

/// Rewrites one statement: each result is the statements that take its place.
pub trait StmtReduction: Reduction {
    fn reduce(&self, s: &Stmt) -> Vec<Vec<Stmt>>;
}

/// Rewrites one expression into another of the same role.
pub trait ExprReduction: Reduction {
    fn reduce(&self, e: &Expr) -> Vec<Expr>;
}

/// A program one rewrite away, and the reduction that made it.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub reduction: &'static str,
    pub program: Program,
}

/// The whole-program reductions, first among the candidates.
const PROGRAM_REDUCTIONS: &[&dyn ProgramReduction] =
    &[&InlineFunction, &DropDeclarationWithUses, &InlineSingleUseConst];

/// The site reductions, in the order their rewrites of one site are offered
/// (which breaks ties of cost). Each statement and expression reduction
/// applies to its own kinds of node; the order is the one the minimizer had
/// when these were numbered variants, so its results did not move.
const REDUCE: Reductions = Reductions {
    block: &[&ClearBlock, &RemoveStatement],
    stmt: &[
        &UnwrapTry,
        &ShortenLoop,
        &UnwrapAwait,
        &ForAwaitToIterable,
        &UnwrapIife,
        &ConstToExpression,
        &DropReturnValue,
        &ThrowUndefined,
        &DropAsync,
        &DropCatch,
        &UnrollLoop,
        &ReturnToExpression,
        &DropFinally,
        &CatchBodyOnly,
        &FinallyBodyOnly,
        &FlattenTryFinally,
        &InlineCallback,
        &DropClassMember,
        &DropExtends,
    ],
    expr: &[
        &ZeroNumber,
        &UnwrapYield,
        &KeepLeftOperand,
        &UnwrapPropertyAssignment,
        &DropArrayElement,
        &ArrayToElement,
        &ConciseBody,
        &DropAsync,
        &DropParameter,
        &UnwrapIife,
        &AsyncTailToThen,
        &GeneratorToArray,
        &InlineCallback,
        &DropChainLink,
        &MapToCall,
        &CallToArgument,
        &DropArgument,
        &ToResolvedPromise,
        &ToUndefined,
        &MethodToArrowProperty,
        &InlineExecutor,
        &UnwrapAwait,
        &DropClassMember,
        &DropExtends,
    ],
};

/// The retimings: a piece by a plain promise chain of each delay.
const RETIME: Reductions = Reductions { block: &[], stmt: &[&RetimeStatement], expr: &[&RetimeCall] };

/// The name of every reduction, each once, in the order they are offered.
pub fn names() -> Vec<&'static str> {
    let program = PROGRAM_REDUCTIONS.iter().map(|r| r.name());
    let block = [REDUCE, RETIME].into_iter().flat_map(|rs| {
        let stmt = rs.stmt.iter().map(|r| r.name());
        let expr = rs.expr.iter().map(|r| r.name());
        rs.block.iter().map(|r| r.name()).chain(stmt).chain(expr)
    });
    let mut seen = std::collections::HashSet::new();
    program.chain(block).filter(|n| seen.insert(*n)).collect()
}

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
            Node::Stmt(Stmt::ForOf { iterable, .. }) => {
                let items = if let Expr::Array(items) = iterable { items.len() } else { 1 };
                extra += 20_000 + 1_000 * items as u64
            }
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

/// Every rewrite of `p` by every reduction (retimings last), unfiltered:
/// some are invalid or not smaller. In order: whole-program reductions,
/// then site by site in source order.
pub fn rewrites(p: &Program) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = PROGRAM_REDUCTIONS
        .iter()
        .flat_map(|r| r.reduce(p).into_iter().map(|program| Candidate { reduction: r.name(), program }))
        .collect();
    out.extend(REDUCE.by_site(p).into_iter().flatten());
    // Retimings that remove statements are reductions too (a three-statement
    // async IIFE that logs after an await -> a `.then` chain that logs).
    out.extend(RETIME.by_site(p).into_iter().flatten());
    out
}

/// All valid one-step reductions of `p`, biggest cuts first; a program two
/// reductions make is named by the first.
pub fn candidates(p: &Program) -> Vec<Candidate> {
    let base = cost(p);
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<(u64, Candidate)> = rewrites(p)
        .into_iter()
        .filter(|c| validate::problems(&c.program).is_empty())
        .map(|c| (cost(&c.program), c))
        .filter(|(k, _)| *k < base)
        .filter(|(_, c)| seen.insert(c.program.clone()))
        .collect();
    // Biggest reductions first; ties keep the order of `rewrites` (stable sort).
    out.sort_by_key(|(k, _)| *k);
    out.into_iter().map(|(_, c)| c).collect()
}

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
pub fn retimings(p: &Program) -> Vec<Vec<Candidate>> {
    let n = statement_count(p);
    RETIME
        .by_site(p)
        .into_iter()
        .map(|group| {
            group
                .into_iter()
                .filter(|c| {
                    c.program != *p
                        && statement_count(&c.program) <= n
                        && validate::problems(&c.program).is_empty()
                })
                .collect::<Vec<_>>()
        })
        .filter(|group| !group.is_empty())
        .collect()
}

/// Renames labels to `a`, `b`, ... in source order (the minimizer's last
/// step, so repros read alike).
pub fn renumber_labels(p: &Program) -> Program {
    let mut q = p.clone();
    let mut n = 0;
    walk_block_exprs_mut(&mut q.body, &mut |e| {
        if let Some((s, suffix)) = e.as_log_mut().and_then(Expr::label_slot) {
            *s = format!("{}{suffix}", label_name(n));
            n += 1;
        }
    });
    q
}

// ---------------------------------------------------------------------------
// Sites: every statement list and every expression, numbered in source
// order; a site's rewrites are found on the program as it is, then each is
// made on a copy of its own.

/// A set of site reductions.
#[derive(Clone, Copy)]
struct Reductions {
    block: &'static [&'static dyn BlockReduction],
    /// Applied to each statement of a list, after the list's own.
    stmt: &'static [&'static dyn StmtReduction],
    expr: &'static [&'static dyn ExprReduction],
}

/// What replaces a site.
enum Rewrite {
    Block(Vec<Stmt>),
    Expr(Expr),
}

enum SiteMut<'a> {
    Block(&'a mut Vec<Stmt>),
    Expr(&'a mut Expr),
}

impl Reductions {
    /// Every rewrite of every site of `p`, grouped by site in source order.
    fn by_site(&self, p: &Program) -> Vec<Vec<Candidate>> {
        let mut found = Vec::new();
        for_each_site_mut(&mut p.clone().body, &mut |site| found.push(self.at(site)));
        found
            .into_iter()
            .enumerate()
            .map(|(target, rewrites)| {
                rewrites
                    .into_iter()
                    .map(|(reduction, rewrite)| {
                        let mut program = p.clone();
                        let (mut rewrite, mut n) = (Some(rewrite), 0);
                        for_each_site_mut(&mut program.body, &mut |site| {
                            if n == target {
                                match (site, rewrite.take()) {
                                    (SiteMut::Block(b), Some(Rewrite::Block(r))) => *b = r,
                                    (SiteMut::Expr(e), Some(Rewrite::Expr(r))) => *e = r,
                                    _ => unreachable!("a site keeps its number and kind"),
                                }
                            }
                            n += 1;
                        });
                        Candidate { reduction, program }
                    })
                    .collect()
            })
            .collect()
    }

    /// The rewrites of one site, named: a list's own, then each
    /// statement's in turn; or an expression's.
    fn at(&self, site: SiteMut) -> Vec<(&'static str, Rewrite)> {
        let mut out = Vec::new();
        match site {
            SiteMut::Block(b) => {
                for r in self.block {
                    out.extend(r.reduce(b).into_iter().map(|x| (r.name(), Rewrite::Block(x))));
                }
                for (i, s) in b.iter().enumerate() {
                    for r in self.stmt {
                        for with in r.reduce(s) {
                            let mut x = b.clone();
                            x.splice(i..=i, with);
                            out.push((r.name(), Rewrite::Block(x)));
                        }
                    }
                }
            }
            SiteMut::Expr(e) => {
                for r in self.expr {
                    out.extend(r.reduce(e).into_iter().map(|x| (r.name(), Rewrite::Expr(x))));
                }
            }
        }
        out
    }
}

/// Calls `f` on every site under `stmts`, in source order: a list before its
/// statements, an expression before its children.
fn for_each_site_mut(stmts: &mut Vec<Stmt>, f: &mut dyn FnMut(SiteMut)) {
    fn in_child(c: ChildMut, f: &mut dyn FnMut(SiteMut)) {
        match c {
            ChildMut::Expr(e) => {
                f(SiteMut::Expr(e));
                for_each_child_mut(e, &mut |c| in_child(c, f))
            }
            ChildMut::Func(func) => for_each_func_child_mut(func, &mut |c| in_child(c, f)),
            ChildMut::Block(b) => for_each_site_mut(b, f),
        }
    }
    f(SiteMut::Block(stmts));
    for s in stmts.iter_mut() {
        for_each_stmt_child_mut(s, &mut |c| in_child(c, f));
    }
}

/// `() => e`
fn thunk(e: Expr) -> Expr {
    Expr::Func(Func::new(FuncKind::Arrow, false, false, vec![], Body::Expr(Box::new(e))))
}

/// One replacement: `vec![r]`, for the reductions that have at most one.
fn one<T>(r: Option<T>) -> Vec<T> {
    r.into_iter().collect()
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

    fn printed(ps: &[Candidate]) -> Vec<String> {
        ps.iter().map(|c| print_program(&c.program)).collect()
    }

    fn has(cands: &[Candidate], src: &str) -> bool {
        printed(cands).iter().any(|c| c.trim() == src.trim())
    }

    fn assert_offers(p: &Program, src: &str) {
        let cands = candidates(p);
        assert!(has(&cands, src), "{:#?}", printed(&cands));
    }

    #[test]
    fn every_candidate_is_valid_and_cheaper_and_retimings_add_no_statements() {
        let g = Generator::new(GenConfig::default());
        for i in 0..40 {
            let p = g.program(5, i);
            let base = cost(&p);
            for Candidate { program: q, reduction } in candidates(&p) {
                assert!(names().contains(&reduction));
                assert!(cost(&q) < base, "{}\n->\n{}", print_program(&p), print_program(&q));
                assert!(validate::problems(&q).is_empty());
            }
            for Candidate { program: q, .. } in retimings(&p).into_iter().flatten() {
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
        assert_offers(&p, "Promise.resolve({\n  then: (resolve) => log('a')\n});");
    }

    #[test]
    fn an_async_tail_moves_into_a_then_callback() {
        let body = vec![Stmt::Expr(Expr::await_(then_chain(0))), Stmt::log("a")];
        let p = Program { body: vec![iife(arrow(true, body))] };
        assert_offers(&p, "(async () => {\n  await Promise.resolve();\n})().then(() => log('a'));");
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
