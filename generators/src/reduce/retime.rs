//! Retimings: a piece replaced by a plain promise chain of chosen length
//! (see [`super::retimings`]). Those that remove statements are offered
//! among the candidates too.

use super::{thunk, ExprReduction, StmtReduction};
use crate::model::*;

/// Most `.then()` links a retiming puts in front of what it replaces.
pub const MAX_DELAY: usize = 6;

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

/// The `log(..)` calls under `n`'s walk.
fn logs(walk: impl FnOnce(&mut dyn FnMut(Node))) -> Vec<Expr> {
    let mut out = Vec::new();
    walk(&mut |n| {
        if let Node::Expr(e) = n {
            if e.as_log().is_some() {
                out.push(e.clone());
            }
        }
    });
    out
}

reduction! {
    /// A statement that logs exactly once (not a bare `log(..)`, nor a
    /// declaration) -> `then_chain(k).then(() => log(..))`, for each delay
    /// `k` in `0..=MAX_DELAY`.
    RetimeStatement = "retime-statement"
}

impl StmtReduction for RetimeStatement {
    fn reduce(&self, s: &Stmt) -> Vec<Vec<Stmt>> {
        if matches!(s, Stmt::Function { .. } | Stmt::PromiseSubclass { .. } | Stmt::Break)
            || matches!(s, Stmt::Expr(e) if e.as_log().is_some())
        {
            return vec![];
        }
        match logs(|f| walk_stmt(s, f)).as_slice() {
            [log] => (0..=MAX_DELAY)
                .map(|k| vec![Stmt::Expr(Expr::method(then_chain(k), "then", vec![thunk(log.clone())]))])
                .collect(),
            _ => vec![],
        }
    }
}

reduction! {
    /// A call or `new` without logs (a promise-valued one, typically) ->
    /// `then_chain(k)`, for each delay `k` in `0..=MAX_DELAY`.
    RetimeCall = "retime-call"
}

impl ExprReduction for RetimeCall {
    fn reduce(&self, e: &Expr) -> Vec<Expr> {
        let eligible = matches!(e, Expr::Call { .. } | Expr::New { .. })
            && logs(|f| walk_expr(e, f)).is_empty()
            && !is_then_chain(e);
        if eligible {
            (0..=MAX_DELAY).map(then_chain).collect()
        } else {
            vec![]
        }
    }
}
