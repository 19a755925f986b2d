//! Expressions made simpler in the same role: a promise by a value, a
//! thenable by a promise, a delay by 0, an array by a shorter one.

use super::ExprReduction;
use crate::model::*;

reduction! {
    /// A number other than 0 -> `0` (a delay, a count).
    ZeroNumber = "zero-number"
}

rewrite_expr!(ZeroNumber: Expr::Num(n) if *n != 0 => Expr::Num(0));

reduction! {
    /// `yield e`, `yield* e` -> `e`
    UnwrapYield = "unwrap-yield"
}

rewrite_expr!(UnwrapYield: Expr::Yield(x) | Expr::YieldStar(x) => (**x).clone());

reduction! {
    /// The statement `await e;` -> `e;`, the expression `await e` -> `e`.
    UnwrapAwait = "unwrap-await"
}

rewrite_stmt!(UnwrapAwait: Stmt::Expr(Expr::Await(e)) => vec![Stmt::Expr((**e).clone())]);

rewrite_expr!(UnwrapAwait: Expr::Await(x) => (**x).clone());

reduction! {
    /// `a + b` -> `a` (a computed label `'a:' + x` -> `'a:'`).
    KeepLeftOperand = "keep-left-operand"
}

rewrite_expr!(KeepLeftOperand: Expr::Add(a, _) => (**a).clone());

reduction! {
    /// `o.x = v`, `o[k] += v` -> `v`: the assignment to a property dropped, its value kept.
    UnwrapPropertyAssignment = "unwrap-property-assignment"
}

rewrite_expr!(UnwrapPropertyAssignment: Expr::SetMember { value, .. } => (**value).clone());

reduction! {
    /// `[a, b]` -> `[b]`, `[a]`: one element dropped, for each element.
    DropArrayElement = "drop-array-element"
}

impl ExprReduction for DropArrayElement {
    fn reduce(&self, e: &Expr) -> Vec<Expr> {
        let Expr::Array(xs) = e else { return vec![] };
        (0..xs.len())
            .map(|i| {
                let mut ys = xs.clone();
                ys.remove(i);
                Expr::Array(ys)
            })
            .collect()
    }
}

reduction! {
    /// `[a, b]` -> `a`, `b`: one element on its own.
    ArrayToElement = "array-to-element"
}

impl ExprReduction for ArrayToElement {
    fn reduce(&self, e: &Expr) -> Vec<Expr> {
        match e {
            Expr::Array(xs) => xs.clone(),
            _ => vec![],
        }
    }
}

/// An object literal (a thenable, an iterator), a `new` or a call other
/// than `log(..)`: what may stand for a promise.
fn promise_like(e: &Expr) -> bool {
    match e {
        Expr::Object(_) | Expr::New { .. } => true,
        Expr::Call { .. } => e.as_log().is_none(),
        _ => false,
    }
}

reduction! {
    /// An object literal, a `new` or a call (not `log`) -> `Promise.resolve()`:
    /// a thenable by a promise, a pending promise by a settled one.
    ToResolvedPromise = "to-resolved-promise"
}

rewrite_expr!(ToResolvedPromise: e if promise_like(e) => Expr::promise_static("resolve", vec![]));

reduction! {
    /// An object literal, a `new` or a call (not `log`) -> `undefined`.
    ToUndefined = "to-undefined"
}

rewrite_expr!(ToUndefined: e if promise_like(e) => Expr::Undefined);

reduction! {
    /// `new P((resolve) => e)` -> `e`, `new P((resolve) => { b })` ->
    /// `(() => { b })()`: just what the executor does (it runs synchronously).
    InlineExecutor = "inline-executor"
}

impl ExprReduction for InlineExecutor {
    fn reduce(&self, e: &Expr) -> Vec<Expr> {
        let Expr::New { args, .. } = e else { return vec![] };
        match args.first() {
            Some(Expr::Func(f)) => match &f.body {
                Body::Expr(body) => vec![(**body).clone()],
                Body::Block(b) => vec![Expr::call(Expr::Func(Func::arrow(false, vec![], b.clone())), vec![])],
            },
            _ => vec![],
        }
    }
}
