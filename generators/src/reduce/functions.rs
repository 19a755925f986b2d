//! Functions made simpler: a concise body, no `async`, fewer parameters, a
//! method as an arrow property, an async function's last step moved into a
//! `.then`, a generator by the array it yields.

use super::{one, thunk, ExprReduction, StmtReduction};
use crate::model::*;

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

reduction! {
    /// `() => { e; }`, `() => { return e; }` -> `() => e`
    ConciseBody = "concise-body"
}

impl ExprReduction for ConciseBody {
    fn reduce(&self, e: &Expr) -> Vec<Expr> {
        match e {
            Expr::Func(f) if f.kind == FuncKind::Arrow => one(concise_body(f).map(|body| {
                let mut g = f.clone();
                g.body = body;
                Expr::Func(g)
            })),
            _ => vec![],
        }
    }
}

reduction! {
    /// `then(resolve, reject) { log('a'); }` -> `then: (resolve, reject) =>
    /// log('a')` (also `{ return e; }`): a method by an arrow property, one
    /// statement less; for each such method of an object literal.
    MethodToArrowProperty = "method-to-arrow-property"
}

impl ExprReduction for MethodToArrowProperty {
    fn reduce(&self, e: &Expr) -> Vec<Expr> {
        let Expr::Object(props) = e else { return vec![] };
        let mut out = Vec::new();
        for (i, prop) in props.iter().enumerate() {
            let Prop::Method { key, func } = prop else { continue };
            if let (Some(body), false) = (concise_body(func), func.generator) {
                let mut ps = props.clone();
                let arrow = Func { kind: FuncKind::Arrow, body, ..func.clone() };
                ps[i] = Prop::Value { key: key.clone(), value: Expr::Func(arrow) };
                out.push(Expr::Object(ps));
            }
        }
        out
    }
}

/// `func` without `async`, if it is async.
fn sync(func: &Func) -> Option<Func> {
    func.is_async.then(|| Func { is_async: false, ..func.clone() })
}

reduction! {
    /// An async function declaration or expression made a plain one.
    DropAsync = "drop-async"
}

impl StmtReduction for DropAsync {
    fn reduce(&self, s: &Stmt) -> Vec<Vec<Stmt>> {
        match s {
            Stmt::Function { name, func } => {
                one(sync(func).map(|func| vec![Stmt::Function { name: name.clone(), func }]))
            }
            _ => vec![],
        }
    }
}

impl ExprReduction for DropAsync {
    fn reduce(&self, e: &Expr) -> Vec<Expr> {
        match e {
            Expr::Func(f) => one(sync(f).map(Expr::Func)),
            _ => vec![],
        }
    }
}

reduction! {
    /// A function expression's last parameter dropped.
    DropParameter = "drop-parameter"
}

rewrite_expr!(DropParameter: Expr::Func(f) if !f.params.is_empty() => {
    let mut g = f.clone();
    g.params.pop();
    Expr::Func(g)
});

reduction! {
    /// `(async () => { ..; await x; e; })()` -> `(async () => { ..; await x;
    /// })().then(() => e)`, and likewise for an async callback of
    /// `.then`/`.catch`/`.finally`: the last step runs as a reaction to the
    /// function's promise.
    AsyncTailToThen = "async-tail-to-then"
}

impl ExprReduction for AsyncTailToThen {
    fn reduce(&self, e: &Expr) -> Vec<Expr> {
        match e {
            Expr::Call { callee, args } => one(async_tail_to_then(callee, args)),
            _ => vec![],
        }
    }
}

/// The call with its async function's last expression statement moved
/// into a `.then` callback on the call's result.
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
        Expr::call(callee.clone(), args)
    };
    Some(Expr::method(call, "then", vec![thunk(last.clone())]))
}

reduction! {
    /// `(function* () { yield a; yield b; })()` -> `[a, b]`, as an iterable.
    GeneratorToArray = "generator-to-array"
}

impl ExprReduction for GeneratorToArray {
    fn reduce(&self, e: &Expr) -> Vec<Expr> {
        let Expr::Call { callee, args } = e else { return vec![] };
        let Expr::Func(Func { generator: true, params, body: Body::Block(b), .. }) = &**callee else {
            return vec![];
        };
        let yields: Option<Vec<Expr>> = b
            .iter()
            .map(|s| match s {
                Stmt::Expr(Expr::Yield(x)) => Some((**x).clone()),
                _ => None,
            })
            .collect();
        match yields {
            Some(items) if params.is_empty() && args.is_empty() => vec![Expr::Array(items)],
            _ => vec![],
        }
    }
}
