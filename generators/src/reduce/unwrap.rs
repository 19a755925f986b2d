//! Nesting unwrapped: a `try`, a loop, an immediately called function or a
//! callback gives way to the statements inside it.

use super::{one, ExprReduction, StmtReduction};
use crate::model::*;

reduction! {
    /// `try { b } catch .. finally ..` -> `b`
    UnwrapTry = "unwrap-try"
}

rewrite_stmt!(UnwrapTry: Stmt::Try { body, .. } => body.clone());

reduction! {
    /// `try { b } catch { c } finally { f }` -> `try { b } finally { f }`
    DropCatch = "drop-catch"
}

rewrite_stmt!(DropCatch: Stmt::Try { body, catch: Some(_), finally: Some(f) } =>
    vec![Stmt::Try { body: body.clone(), catch: None, finally: Some(f.clone()) }]);

reduction! {
    /// `try { b } catch { c } finally { f }` -> `try { b } catch { c }`
    DropFinally = "drop-finally"
}

rewrite_stmt!(DropFinally: Stmt::Try { body, catch: Some(c), finally: Some(_) } =>
    vec![Stmt::Try { body: body.clone(), catch: Some(c.clone()), finally: None }]);

reduction! {
    /// `try { b } catch { c } ..` -> `c`
    CatchBodyOnly = "catch-body-only"
}

rewrite_stmt!(CatchBodyOnly: Stmt::Try { catch: Some(c), .. } => c.body.clone());

reduction! {
    /// `try { b } .. finally { f }` -> `f`
    FinallyBodyOnly = "finally-body-only"
}

rewrite_stmt!(FinallyBodyOnly: Stmt::Try { finally: Some(f), .. } => f.clone());

reduction! {
    /// `try { b } finally { f }` -> `b; f`
    FlattenTryFinally = "flatten-try-finally"
}

rewrite_stmt!(FlattenTryFinally: Stmt::Try { body, catch: None, finally: Some(f) } =>
    body.iter().chain(f).cloned().collect());

reduction! {
    /// `for (const x of [1, 2]) b` -> `for (const x of [1]) b`: the last
    /// item dropped.
    ShortenLoop = "shorten-loop"
}

rewrite_stmt!(ShortenLoop: Stmt::ForOf { binding, iterable: Expr::Array(items), var, body } if items.len() > 1 => vec![Stmt::ForOf {
    binding: *binding,
    var: var.clone(),
    iterable: Expr::Array(items[..items.len() - 1].to_vec()),
    body: body.clone(),
}]);

reduction! {
    /// `for (const x of [1]) { b }` -> `const x = 1; b`: the single
    /// iteration unrolled.
    UnrollLoop = "unroll-loop"
}

rewrite_stmt!(UnrollLoop: Stmt::ForOf { binding, iterable: Expr::Array(items), var, body }
    if items.len() == 1 && !matches!(items[0], Expr::Spread(_)) => {
    let item = binding.declaration(var.clone(), items[0].clone());
    std::iter::once(item).chain(body.iter().cloned()).collect()
});

reduction! {
    /// `for await (const x of e) body` -> `e;`. Not equivalent, but
    /// dropping the loop for its iterable is the natural cut.
    ForAwaitToIterable = "for-await-to-iterable"
}

rewrite_stmt!(ForAwaitToIterable: Stmt::ForAwait { iterable, .. } => vec![Stmt::Expr(iterable.clone())]);

reduction! {
    /// An immediately called function gives way to its body: the statement
    /// `(() => { b })();` -> `b`, `(() => e)();` -> `e;`; the expression
    /// `(() => e)()` -> `e` (a plain arrow's).
    UnwrapIife = "unwrap-iife"
}

impl StmtReduction for UnwrapIife {
    fn reduce(&self, s: &Stmt) -> Vec<Vec<Stmt>> {
        let Stmt::Expr(Expr::Call { callee, args }) = s else { return vec![] };
        one(match &**callee {
            _ if !args.is_empty() => None,
            Expr::Func(Func { params, body: Body::Block(b), .. }) if params.is_empty() => Some(b.clone()),
            Expr::Func(Func { params, body: Body::Expr(e), .. }) if params.is_empty() => {
                Some(vec![Stmt::Expr((**e).clone())])
            }
            _ => None,
        })
    }
}

impl ExprReduction for UnwrapIife {
    fn reduce(&self, e: &Expr) -> Vec<Expr> {
        match e {
            Expr::Call { callee, .. } => match &**callee {
                Expr::Func(Func { is_async: false, generator: false, body: Body::Expr(body), .. }) => {
                    vec![(**body).clone()]
                }
                _ => vec![],
            },
            _ => vec![],
        }
    }
}

reduction! {
    /// A callback runs now, in place: the statement `setTimeout(() => { b })`,
    /// `p.then(() => { b })` -> `b` (its first function argument's body);
    /// the expression `queueMicrotask(() => e)`, `p.then(() => e)` -> `e`
    /// (each plain concise arrow argument without parameters, of any call
    /// but `log`).
    InlineCallback = "inline-callback"
}

impl StmtReduction for InlineCallback {
    fn reduce(&self, s: &Stmt) -> Vec<Vec<Stmt>> {
        let Stmt::Expr(Expr::Call { args, .. }) = s else { return vec![] };
        one(args.iter().find_map(|a| match a {
            Expr::Func(Func { body: Body::Block(b), .. }) => Some(b.clone()),
            Expr::Func(Func { body: Body::Expr(e), .. }) => Some(vec![Stmt::Expr((**e).clone())]),
            _ => None,
        }))
    }
}

impl ExprReduction for InlineCallback {
    fn reduce(&self, e: &Expr) -> Vec<Expr> {
        let Expr::Call { args, .. } = e else { return vec![] };
        if e.as_log().is_some() {
            return vec![];
        }
        args.iter()
            .filter_map(|a| match a {
                Expr::Func(Func {
                    is_async: false, generator: false, params, body: Body::Expr(x), ..
                }) if params.is_empty() => Some((**x).clone()),
                _ => None,
            })
            .collect()
    }
}
