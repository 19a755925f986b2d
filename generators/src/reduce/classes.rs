//! Classes made simpler: a member dropped, the heritage dropped.

use super::{ExprReduction, StmtReduction};
use crate::model::*;

reduction! {
    /// One member of a class deleted, for each member.
    DropClassMember = "drop-class-member"
}

/// `c` with each of its members deleted in turn.
fn without_each_member(c: &Class) -> Vec<Class> {
    (0..c.members.len())
        .map(|i| {
            let mut smaller = c.clone();
            smaller.members.remove(i);
            smaller
        })
        .collect()
}

impl StmtReduction for DropClassMember {
    fn reduce(&self, s: &Stmt) -> Vec<Vec<Stmt>> {
        match s {
            Stmt::Class(c) => without_each_member(c).into_iter().map(|c| vec![Stmt::Class(c)]).collect(),
            _ => vec![],
        }
    }
}

impl ExprReduction for DropClassMember {
    fn reduce(&self, e: &Expr) -> Vec<Expr> {
        match e {
            Expr::Class(c) => without_each_member(c).into_iter().map(|c| Expr::Class(Box::new(c))).collect(),
            _ => vec![],
        }
    }
}

reduction! {
    /// `class C extends B { .. }` -> `class C { .. }` (valid only once no
    /// `super(..)` is left).
    DropExtends = "drop-extends"
}

fn without_extends(c: &Class) -> Option<Class> {
    c.extends.as_ref().map(|_| Class { extends: None, ..c.clone() })
}

impl StmtReduction for DropExtends {
    fn reduce(&self, s: &Stmt) -> Vec<Vec<Stmt>> {
        match s {
            Stmt::Class(c) => without_extends(c).map(|c| vec![Stmt::Class(c)]).into_iter().collect(),
            _ => vec![],
        }
    }
}

impl ExprReduction for DropExtends {
    fn reduce(&self, e: &Expr) -> Vec<Expr> {
        match e {
            Expr::Class(c) => without_extends(c).map(|c| Expr::Class(Box::new(c))).into_iter().collect(),
            _ => vec![],
        }
    }
}
