//! A declaration and its uses at once: inlined, or dropped together.

use super::ProgramReduction;
use crate::model::*;

/// For each statement of `p` that `pick` takes (in source order), a copy
/// of `p` that `rewrite` changed given what `pick` took from it.
fn each_declaration<T>(
    p: &Program,
    pick: impl Fn(&Stmt) -> Option<T>,
    rewrite: impl Fn(&mut Program, T),
) -> Vec<Program> {
    let mut picked = Vec::new();
    walk_program(p, &mut |n| {
        if let Node::Stmt(s) = n {
            picked.extend(pick(s));
        }
    });
    picked
        .into_iter()
        .map(|t| {
            let mut q = p.clone();
            rewrite(&mut q, t);
            q
        })
        .collect()
}

reduction! {
    /// Each declared function inlined: its calls become calls of an arrow
    /// (a function expression, for a generator) with its body, and the
    /// declaration goes; one candidate per function.
    InlineFunction = "inline-function"
}

impl ProgramReduction for InlineFunction {
    fn reduce(&self, p: &Program) -> Vec<Program> {
        let functions = |s: &Stmt| match s {
            Stmt::Function { name, func } => Some((name.clone(), func.clone())),
            _ => None,
        };
        each_declaration(p, functions, |q, (name, func)| {
            remove_function(&mut q.body, &name);
            // Generators cannot be arrows: they inline as function expressions.
            let kind = if func.generator { FuncKind::Function } else { FuncKind::Arrow };
            let inlined = Expr::Func(Func { kind, ..func });
            walk_block_exprs_mut(&mut q.body, &mut |e| {
                if let Expr::Call { callee, .. } = e {
                    if matches!(&**callee, Expr::Ident(n) if *n == name) {
                        **callee = inlined.clone();
                    }
                }
            });
        })
    }
}

/// Removes every declaration of the function `name`, however deeply nested.
fn remove_function(stmts: &mut Vec<Stmt>, name: &str) {
    walk_blocks_mut(stmts, &mut |b| b.retain(|s| !matches!(s, Stmt::Function { name: n, .. } if n == name)));
}

reduction! {
    /// Each `const` and function declaration dropped with every statement
    /// that uses its name (the innermost statement around each use), e.g.
    /// `const it = g(); it.next(); it.next().then(..)` all at once.
    DropDeclarationWithUses = "drop-declaration-with-uses"
}

impl ProgramReduction for DropDeclarationWithUses {
    fn reduce(&self, p: &Program) -> Vec<Program> {
        let names = |s: &Stmt| match s {
            Stmt::Const { name, .. } | Stmt::Function { name, .. } => Some(name.clone()),
            _ => None,
        };
        each_declaration(p, names, |q, name| {
            // Innermost statements first, so a use deep in a callback takes
            // only its own statement with it.
            walk_blocks_mut(&mut q.body, &mut |b| b.retain(|s| !mentions(s, &name)));
        })
    }
}

/// Whether `s` declares or refers to `name`.
fn mentions(s: &Stmt, name: &str) -> bool {
    let mut found = false;
    walk_stmt(s, &mut |n| match n {
        Node::Expr(Expr::Ident(x)) => found |= x == name,
        Node::Stmt(Stmt::Const { name: x, .. } | Stmt::Function { name: x, .. }) => found |= x == name,
        _ => {}
    });
    found
}

reduction! {
    /// Each `const x = e;` whose `x` is used exactly once: `e` in place of
    /// that use, and no declaration (`const it = g(); it.next();` ->
    /// `g().next();`).
    InlineSingleUseConst = "inline-single-use-const"
}

/// Whether `name` is read anywhere in `e`.
fn reads(e: &Expr, name: &str) -> bool {
    let mut found = false;
    walk_expr(e, &mut |node| found |= matches!(node, Node::Expr(Expr::Ident(x)) if x == name));
    found
}

impl ProgramReduction for InlineSingleUseConst {
    fn reduce(&self, p: &Program) -> Vec<Program> {
        let uses = |name: &str| {
            let mut n = 0;
            walk_program(p, &mut |node| {
                n += matches!(node, Node::Expr(Expr::Ident(x)) if x == name) as usize
            });
            n
        };
        let used_once = |s: &Stmt| match s {
            // Not one used only inside its own initializer (`const p = q.then(() => p)`):
            // inlining it there would never end.
            Stmt::Const { name, init } if uses(name) == 1 && !reads(init, name) => {
                Some((name.clone(), init.clone()))
            }
            _ => None,
        };
        each_declaration(p, used_once, |q, (name, init)| {
            walk_block_exprs_mut(&mut q.body, &mut |e| {
                if matches!(e, Expr::Ident(x) if *x == name) {
                    *e = init.clone();
                }
            });
            walk_blocks_mut(&mut q.body, &mut |b| {
                b.retain(|s| !matches!(s, Stmt::Const { name: n, .. } if *n == name))
            });
        })
    }
}
