//! Statements deleted, or made simpler where they stand.

use super::{one, BlockReduction};
use crate::model::*;

reduction! {
    /// A list of two or more statements emptied (a list of one is
    /// [`RemoveStatement`]'s).
    ClearBlock = "clear-block"
}

impl BlockReduction for ClearBlock {
    fn reduce(&self, block: &[Stmt]) -> Vec<Vec<Stmt>> {
        one((block.len() > 1).then(Vec::new))
    }
}

reduction! {
    /// One statement deleted, for each statement of the list.
    RemoveStatement = "remove-statement"
}

impl BlockReduction for RemoveStatement {
    fn reduce(&self, block: &[Stmt]) -> Vec<Vec<Stmt>> {
        (0..block.len())
            .map(|i| {
                let mut shorter = block.to_vec();
                shorter.remove(i);
                shorter
            })
            .collect()
    }
}

reduction! {
    /// `const x = e;` -> `e;`
    ConstToExpression = "const-to-expression"
}

rewrite_stmt!(ConstToExpression: Stmt::Const { init, .. } => vec![Stmt::Expr(init.clone())]);

reduction! {
    /// `return e;` -> `return;`
    DropReturnValue = "drop-return-value"
}

rewrite_stmt!(DropReturnValue: Stmt::Return(Some(_)) => vec![Stmt::Return(None)]);

reduction! {
    /// `return e;` -> `e;` (the function goes on past it).
    ReturnToExpression = "return-to-expression"
}

rewrite_stmt!(ReturnToExpression: Stmt::Return(Some(e)) => vec![Stmt::Expr(e.clone())]);

reduction! {
    /// `throw e;` -> `throw undefined;`
    ThrowUndefined = "throw-undefined"
}

rewrite_stmt!(ThrowUndefined: Stmt::Throw(_) => vec![Stmt::Throw(Expr::Undefined)]);
