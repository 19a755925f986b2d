//! Calls made simpler: a chain link dropped, an argument dropped or
//! standing for the call.

use super::ExprReduction;
use crate::model::*;

reduction! {
    /// `p.then(f)`, `p.catch(f)`, `p.finally(f)` -> `p`
    DropChainLink = "drop-chain-link"
}

impl ExprReduction for DropChainLink {
    fn reduce(&self, e: &Expr) -> Vec<Expr> {
        let Expr::Call { callee, .. } = e else { return vec![] };
        match &**callee {
            Expr::Member { object, property }
                if matches!(property.as_str(), "then" | "catch" | "finally") =>
            {
                vec![(**object).clone()]
            }
            _ => vec![],
        }
    }
}

reduction! {
    /// `[1].map(f)`, `[1].forEach(f)` -> `f()`
    MapToCall = "map-to-call"
}

impl ExprReduction for MapToCall {
    fn reduce(&self, e: &Expr) -> Vec<Expr> {
        let Expr::Call { callee, args } = e else { return vec![] };
        match (&**callee, args.as_slice()) {
            (Expr::Member { object, property }, [f])
                if matches!(**object, Expr::Array(_)) && matches!(property.as_str(), "map" | "forEach") =>
            {
                vec![Expr::call(f.clone(), vec![])]
            }
            _ => vec![],
        }
    }
}

/// The arguments of a call other than `log(..)` (whose argument is its label).
fn non_log_args(e: &Expr) -> Option<(&Expr, &[Expr])> {
    match e {
        Expr::Call { callee, args } if e.as_log().is_none() => Some((callee, args)),
        _ => None,
    }
}

reduction! {
    /// A call by one of its arguments: `Promise.all(x)` -> `x`.
    CallToArgument = "call-to-argument"
}

impl ExprReduction for CallToArgument {
    fn reduce(&self, e: &Expr) -> Vec<Expr> {
        non_log_args(e).map(|(_, args)| args.to_vec()).unwrap_or_default()
    }
}

reduction! {
    /// `f(x, y)` -> `f(y)`, `f(x)`: one argument dropped, for each argument.
    DropArgument = "drop-argument"
}

impl ExprReduction for DropArgument {
    fn reduce(&self, e: &Expr) -> Vec<Expr> {
        let Some((callee, args)) = non_log_args(e) else { return vec![] };
        (0..args.len())
            .map(|i| {
                let mut fewer = args.to_vec();
                fewer.remove(i);
                Expr::call(callee.clone(), fewer)
            })
            .collect()
    }
}
