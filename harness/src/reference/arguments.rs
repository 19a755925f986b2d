//! A function's `arguments` object (ECMA-262 §10.4.4, and
//! FunctionDeclarationInstantiation steps 15-22): made when a non-arrow
//! function's own code refers to `arguments`, with an own element per
//! argument, `length` and `@@iterator` (%Array.prototype.values%).
//!
//! Sloppy functions get a *mapped* object, whose elements alias the
//! parameters. The reference does not model the alias, so it refuses what
//! would show it: a sloppy function that assigns to one of its parameters,
//! and any write to a mapped object's properties (properties.rs, object.rs).
//! `callee` (the function in sloppy code, a TypeError thrower in strict
//! code, and the model cannot tell a `'use strict'` function) is unsupported.

use super::heap::*;
use super::interp::*;
use super::Abort;
use generators::model::*;
use std::rc::Rc;

/// The code of a function whose `arguments` may be needed.
#[derive(Clone, Copy)]
pub enum ArgumentsOwner<'p> {
    Func(&'p Func),
    Getter(&'p [Stmt]),
    /// A setter's parameter and body.
    Setter(&'p str, &'p [Stmt]),
}

impl<'p> ArgumentsOwner<'p> {
    fn params(self) -> Vec<&'p str> {
        match self {
            ArgumentsOwner::Func(f) => f.param_names(),
            ArgumentsOwner::Getter(_) => vec![],
            ArgumentsOwner::Setter(p, _) => vec![p],
        }
    }
}

impl<'p> Interp<'p> {
    /// Binds `arguments` in the new function environment `env` when the
    /// function's own code refers to it and no parameter is so named.
    pub fn bind_arguments(&mut self, owner: ArgumentsOwner<'p>, env: EnvId, args: &[Value]) -> JsResult<()> {
        let key = match owner {
            ArgumentsOwner::Func(f) => f as *const Func as usize,
            ArgumentsOwner::Getter(b) | ArgumentsOwner::Setter(_, b) => b.as_ptr() as usize,
        };
        if !self.mentions_arguments {
            return Ok(());
        }
        let needed = *self.arguments_needed.entry(key).or_insert_with(|| match owner {
            ArgumentsOwner::Func(f) => f.kind == FuncKind::Function && func_refers_to_arguments(f),
            ArgumentsOwner::Getter(b) | ArgumentsOwner::Setter(_, b) => block_refers_to_arguments(b),
        });
        if !needed {
            return Ok(());
        }
        let params = owner.params();
        if params.contains(&"arguments") {
            return Ok(());
        }
        // Only a sloppy function with a simple parameter list has a mapped object.
        let simple = match owner {
            ArgumentsOwner::Func(f) => f.has_simple_params(),
            ArgumentsOwner::Getter(_) | ArgumentsOwner::Setter(..) => true,
        };
        let mapped = simple && !self.is_strict(env);
        if mapped && assigns_a_parameter(owner, &params) {
            return Err(Abort::Unsupported(
                "`arguments` of a sloppy function that assigns to a parameter (the mapped object's alias)"
                    .into(),
            )
            .into());
        }
        let o = self.alloc(Some(self.intrinsics.object_proto), Kind::Arguments { mapped });
        self.define_slot(
            o,
            Key::Lit("length"),
            Slot::DataWith(Value::Num(args.len() as f64), Attrs::BUILTIN),
        );
        for (i, a) in args.iter().enumerate() {
            self.define_slot(o, Key::Own(Rc::from(i.to_string())), Slot::Data(a.clone()));
        }
        let values = Value::Obj(self.intrinsics.array_values);
        self.define_slot(o, Key::Lit(ITERATOR_KEY), Slot::DataWith(values, Attrs::BUILTIN));
        self.initialize("arguments", env, Value::Obj(o));
        Ok(())
    }

    /// A write to `o` that a mapped arguments object would pass on to a parameter.
    pub fn refuse_mapped_arguments(&self, o: ObjId) -> JsResult<()> {
        match self.heap[o].kind {
            Kind::Arguments { mapped: true } => {
                Err(Abort::Unsupported("a write to a sloppy function's (mapped) `arguments`".into()).into())
            }
            _ => Ok(()),
        }
    }
}

/// Whether `arguments` appears anywhere in the program.
pub fn mentions_arguments(p: &Program) -> bool {
    let mut found = false;
    walk_program(p, &mut |n| found |= matches!(n, Node::Expr(Expr::Ident(name)) if name == "arguments"));
    found
}

/// Whether a non-arrow function's own code (its arrows included, other
/// functions, methods and accessors not) refers to `arguments`.
fn func_refers_to_arguments(f: &Func) -> bool {
    let mut found = false;
    for_each_func_child(f, &mut |c| found |= child_refers(c));
    found
}

fn block_refers_to_arguments(b: &[Stmt]) -> bool {
    b.iter().any(|s| match s {
        Stmt::Class(c) => c.extends.as_deref().is_some_and(expr_refers),
        s => {
            let mut found = false;
            for_each_stmt_child(s, &mut |c| found |= child_refers(c));
            found
        }
    })
}

fn child_refers(c: Child) -> bool {
    match c {
        Child::Expr(e) => expr_refers(e),
        Child::Block(b) => block_refers_to_arguments(b),
        Child::Func(f) => f.kind == FuncKind::Arrow && func_refers_to_arguments(f),
    }
}

fn expr_refers(e: &Expr) -> bool {
    match e {
        Expr::Ident(name) => name == "arguments",
        // Methods, getters and setters have their own `arguments`.
        Expr::Object(props) => {
            props.iter().any(|p| matches!(p, Prop::Value { value, .. } if expr_refers(value)))
        }
        // A class's elements are functions of their own (and a field
        // initializer may not name `arguments`): only `extends` is this code.
        Expr::Class(c) => c.extends.as_deref().is_some_and(expr_refers),
        e => {
            let mut found = false;
            for_each_child(e, &mut |c| found |= child_refers(c));
            found
        }
    }
}

/// Whether anything inside the function (nested functions too, whatever
/// they shadow: a conservative answer) assigns to or updates a parameter.
fn assigns_a_parameter(owner: ArgumentsOwner, params: &[&str]) -> bool {
    let mut found = false;
    let mut visit = |n: Node| {
        if let Node::Expr(Expr::Assign { target, .. } | Expr::Update { target, .. }) = n {
            found |= params.contains(&target.as_str());
        }
    };
    match owner {
        ArgumentsOwner::Func(f) => walk_func(f, &mut visit),
        ArgumentsOwner::Getter(b) | ArgumentsOwner::Setter(_, b) => walk_block(b, &mut visit),
    }
    found
}
