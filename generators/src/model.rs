//! The program model: a typed AST of the small JavaScript subset that
//! ordering programs are written in.
//!
//! It is deliberately JavaScript-shaped (calls, members, functions, objects)
//! rather than a list of canned "ordering recipes": the printer turns it into
//! source the engines run, the reference scheduler interprets it with the
//! spec's own machinery, and the JS front end parses real programs into it.
//!
//! Restrictions that keep the reference simple and every program finite:
//! - `await` only appears as a whole statement (`await e;`), as the initializer
//!   of a `const` (`const x = await e;`) or as a returned value
//!   (`return await e;`, including a concise async arrow body `async () => await e`);
//!   `yield e` and `yield* e` likewise only as a statement or a `const` initializer;
//! - loops only iterate literal arrays (`for (const x of [1, 2])`);
//! - numbers are integers.

use serde::{Deserialize, Serialize};

/// A whole program: the statements of a classic script.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct Program {
    pub body: Vec<Stmt>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stmt {
    /// `expr;`
    Expr(Expr),
    /// `const name = init;`
    Const { name: String, init: Expr },
    /// `return;` / `return value;`
    Return(Option<Expr>),
    /// `throw value;`
    Throw(Expr),
    /// `try { body } catch (param) { .. } finally { .. }`
    Try {
        body: Vec<Stmt>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        catch: Option<Catch>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        finally: Option<Vec<Stmt>>,
    },
    /// `for (const var of [items]) { body }`
    ForOf { var: String, items: Vec<Lit>, body: Vec<Stmt> },
    /// `function name(..) { .. }` or `async function name(..) { .. }`
    Function { name: String, func: Func },
    /// `class name extends Promise {}`
    PromiseSubclass { name: String },
    /// `for await (const var of iterable) { body }`
    ForAwait { var: String, iterable: Expr, body: Vec<Stmt> },
    /// `break;` (out of the innermost `for`/`for await`).
    Break,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Catch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub param: Option<String>,
    pub body: Vec<Stmt>,
}

/// Literal loop items.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Lit {
    Num(i64),
    Str(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Expr {
    Undefined,
    Null,
    Bool(bool),
    Num(i64),
    Str(String),
    Ident(String),
    /// `left + right` (string concatenation for computed labels).
    Add(Box<Expr>, Box<Expr>),
    Array(Vec<Expr>),
    Object(Vec<Prop>),
    Func(Func),
    Call {
        callee: Box<Expr>,
        #[serde(default)]
        args: Vec<Expr>,
    },
    Member {
        object: Box<Expr>,
        property: String,
    },
    New {
        callee: Box<Expr>,
        #[serde(default)]
        args: Vec<Expr>,
    },
    Await(Box<Expr>),
    /// `yield e` (in generators).
    Yield(Box<Expr>),
    /// `yield* e` (in generators).
    YieldStar(Box<Expr>),
}

/// Property keys `[Symbol.asyncIterator]` and `[Symbol.iterator]` are
/// written as these names in the model.
pub const ASYNC_ITERATOR_KEY: &str = "@@asyncIterator";
pub const ITERATOR_KEY: &str = "@@iterator";

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prop {
    /// `key: value`
    Value { key: String, value: Expr },
    /// `key(params) { body }` (possibly `async`)
    Method { key: String, func: Func },
    /// `get key() { body }`
    Getter { key: String, body: Vec<Stmt> },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FuncKind {
    /// `(..) => ..`
    Arrow,
    /// `function (..) { .. }`, a declaration, or an object method.
    Function,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Func {
    pub kind: FuncKind,
    #[serde(default, rename = "async")]
    pub is_async: bool,
    /// `function*` / `async function*`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub generator: bool,
    #[serde(default)]
    pub params: Vec<String>,
    pub body: Body,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    Block(Vec<Stmt>),
    /// Concise arrow body: `() => expr`, which returns `expr`.
    Expr(Box<Expr>),
}

fn is_false(b: &bool) -> bool {
    !*b
}

// ---------------------------------------------------------------------------
// Small constructors: the generator, the front end and tests build programs
// with these rather than spelling out boxes.

impl Expr {
    pub fn ident(name: &str) -> Expr {
        Expr::Ident(name.to_string())
    }
    pub fn str(s: &str) -> Expr {
        Expr::Str(s.to_string())
    }
    pub fn call(callee: Expr, args: Vec<Expr>) -> Expr {
        Expr::Call { callee: Box::new(callee), args }
    }
    pub fn member(object: Expr, property: &str) -> Expr {
        Expr::Member { object: Box::new(object), property: property.to_string() }
    }
    /// `object.method(args)`
    pub fn method(object: Expr, method: &str, args: Vec<Expr>) -> Expr {
        Expr::call(Expr::member(object, method), args)
    }
    pub fn new(callee: Expr, args: Vec<Expr>) -> Expr {
        Expr::New { callee: Box::new(callee), args }
    }
    pub fn await_(e: Expr) -> Expr {
        Expr::Await(Box::new(e))
    }
    pub fn add(a: Expr, b: Expr) -> Expr {
        Expr::Add(Box::new(a), Box::new(b))
    }
    /// `log(label)`
    pub fn log(label: Expr) -> Expr {
        Expr::call(Expr::ident("log"), vec![label])
    }
    /// `Promise.<method>(args)`
    pub fn promise_static(method: &str, args: Vec<Expr>) -> Expr {
        Expr::method(Expr::ident("Promise"), method, args)
    }

    /// For a `log` argument: the literal that names it and the suffix its
    /// name takes (`'a'` -> `""`, `'a:' + x` -> `":"`), to (re)name labels.
    pub fn label_slot(&mut self) -> Option<(&mut String, &'static str)> {
        match self {
            Expr::Str(s) => Some((s, "")),
            Expr::Add(a, _) => match &mut **a {
                Expr::Str(s) => Some((s, ":")),
                _ => None,
            },
            _ => None,
        }
    }

    /// If this is a `log(..)` call, its argument, mutably.
    pub fn as_log_mut(&mut self) -> Option<&mut Expr> {
        match self {
            Expr::Call { callee, args } if matches!(&**callee, Expr::Ident(n) if n == "log") => {
                args.first_mut()
            }
            _ => None,
        }
    }

    /// If this is a `log(..)` call, its argument.
    pub fn as_log(&self) -> Option<&Expr> {
        match self {
            Expr::Call { callee, args } if matches!(&**callee, Expr::Ident(n) if n == "log") => args.first(),
            _ => None,
        }
    }
}

impl Stmt {
    pub fn log(label: &str) -> Stmt {
        Stmt::Expr(Expr::log(Expr::str(label)))
    }
}

impl Func {
    pub fn arrow(is_async: bool, params: Vec<String>, body: Vec<Stmt>) -> Func {
        Func { kind: FuncKind::Arrow, is_async, generator: false, params, body: Body::Block(body) }
    }
    pub fn function(is_async: bool, params: Vec<String>, body: Vec<Stmt>) -> Func {
        Func { kind: FuncKind::Function, is_async, generator: false, params, body: Body::Block(body) }
    }
    /// `async function* (params) { body }` / `function* (params) { body }`.
    pub fn generator(is_async: bool, params: Vec<String>, body: Vec<Stmt>) -> Func {
        Func { kind: FuncKind::Function, is_async, generator: true, params, body: Body::Block(body) }
    }
}

impl Lit {
    pub fn to_expr(&self) -> Expr {
        match self {
            Lit::Num(n) => Expr::Num(*n),
            Lit::Str(s) => Expr::Str(s.clone()),
        }
    }
}

// ---------------------------------------------------------------------------
// Traversal. One visitor serves label checks, construct census, minimizer
// size counts and the like, so none of them re-implements the walk.

/// Calls `f` on every statement and every expression, outside in, in source order.
pub fn walk_program<'a>(p: &'a Program, f: &mut dyn FnMut(Node<'a>)) {
    walk_block(&p.body, f)
}

#[derive(Clone, Copy, Debug)]
pub enum Node<'a> {
    Stmt(&'a Stmt),
    Expr(&'a Expr),
    Func(&'a Func),
}

pub fn walk_block<'a>(b: &'a [Stmt], f: &mut dyn FnMut(Node<'a>)) {
    for s in b {
        walk_stmt(s, f)
    }
}

pub fn walk_stmt<'a>(s: &'a Stmt, f: &mut dyn FnMut(Node<'a>)) {
    f(Node::Stmt(s));
    match s {
        Stmt::Expr(e) | Stmt::Throw(e) | Stmt::Const { init: e, .. } => walk_expr(e, f),
        Stmt::Return(e) => {
            if let Some(e) = e {
                walk_expr(e, f)
            }
        }
        Stmt::Try { body, catch, finally } => {
            walk_block(body, f);
            if let Some(c) = catch {
                walk_block(&c.body, f)
            }
            if let Some(b) = finally {
                walk_block(b, f)
            }
        }
        Stmt::ForOf { body, .. } => walk_block(body, f),
        Stmt::ForAwait { iterable, body, .. } => {
            walk_expr(iterable, f);
            walk_block(body, f)
        }
        Stmt::Function { func, .. } => walk_func(func, f),
        Stmt::PromiseSubclass { .. } | Stmt::Break => {}
    }
}

pub fn walk_func<'a>(func: &'a Func, f: &mut dyn FnMut(Node<'a>)) {
    f(Node::Func(func));
    match &func.body {
        Body::Block(b) => walk_block(b, f),
        Body::Expr(e) => walk_expr(e, f),
    }
}

pub fn walk_expr<'a>(e: &'a Expr, f: &mut dyn FnMut(Node<'a>)) {
    f(Node::Expr(e));
    match e {
        Expr::Undefined | Expr::Null | Expr::Bool(_) | Expr::Num(_) | Expr::Str(_) | Expr::Ident(_) => {}
        Expr::Add(a, b) => {
            walk_expr(a, f);
            walk_expr(b, f)
        }
        Expr::Array(xs) => xs.iter().for_each(|x| walk_expr(x, f)),
        Expr::Object(props) => {
            for p in props {
                match p {
                    Prop::Value { value, .. } => walk_expr(value, f),
                    Prop::Method { func, .. } => walk_func(func, f),
                    Prop::Getter { body, .. } => walk_block(body, f),
                }
            }
        }
        Expr::Func(func) => walk_func(func, f),
        Expr::Call { callee, args } | Expr::New { callee, args } => {
            walk_expr(callee, f);
            args.iter().for_each(|x| walk_expr(x, f))
        }
        Expr::Member { object, .. } => walk_expr(object, f),
        Expr::Await(x) | Expr::Yield(x) | Expr::YieldStar(x) => walk_expr(x, f),
    }
}

/// Calls `f` on every expression under `stmts`, outside in, in source order,
/// with mutable access (for rewrites: renumbering labels, inlining).
pub fn walk_block_exprs_mut(stmts: &mut [Stmt], f: &mut dyn FnMut(&mut Expr)) {
    for s in stmts {
        for_each_stmt_child_mut(s, &mut |child| match child {
            ChildMut::Expr(x) => walk_expr_mut(x, f),
            ChildMut::Func(func) => walk_func_exprs_mut(func, f),
            ChildMut::Block(b) => walk_block_exprs_mut(b, f),
        });
    }
}

fn walk_func_exprs_mut(func: &mut Func, f: &mut dyn FnMut(&mut Expr)) {
    match &mut func.body {
        Body::Block(b) => walk_block_exprs_mut(b, f),
        Body::Expr(e) => walk_expr_mut(e, f),
    }
}

fn walk_expr_mut(e: &mut Expr, f: &mut dyn FnMut(&mut Expr)) {
    f(e);
    for_each_child_mut(e, &mut |child| match child {
        ChildMut::Expr(x) => walk_expr_mut(x, f),
        ChildMut::Func(func) => walk_func_exprs_mut(func, f),
        ChildMut::Block(b) => walk_block_exprs_mut(b, f),
    });
}

/// A direct child of an expression or statement, for rewriting passes.
pub enum ChildMut<'a> {
    Expr(&'a mut Expr),
    Func(&'a mut Func),
    /// A nested statement list (a getter's body, a `try` block, a loop body).
    Block(&'a mut Vec<Stmt>),
}

/// Calls `f` on each direct child of `s`, in source order: the statement
/// counterpart of [`for_each_child_mut`].
pub fn for_each_stmt_child_mut(s: &mut Stmt, f: &mut dyn FnMut(ChildMut)) {
    match s {
        Stmt::Expr(e) | Stmt::Throw(e) | Stmt::Const { init: e, .. } | Stmt::Return(Some(e)) => {
            f(ChildMut::Expr(e))
        }
        Stmt::Return(None) | Stmt::PromiseSubclass { .. } | Stmt::Break => {}
        Stmt::Try { body, catch, finally } => {
            f(ChildMut::Block(body));
            if let Some(c) = catch {
                f(ChildMut::Block(&mut c.body));
            }
            if let Some(b) = finally {
                f(ChildMut::Block(b));
            }
        }
        Stmt::ForOf { body, .. } => f(ChildMut::Block(body)),
        Stmt::ForAwait { iterable, body, .. } => {
            f(ChildMut::Expr(iterable));
            f(ChildMut::Block(body))
        }
        Stmt::Function { func, .. } => f(ChildMut::Func(func)),
    }
}

/// Calls `f` on each direct child of `e`, in source order. The one place
/// that knows an expression's shape: rewriting passes (finalize, the
/// reducer's site numbering, `walk_block_exprs_mut`) recurse through it.
pub fn for_each_child_mut(e: &mut Expr, f: &mut dyn FnMut(ChildMut)) {
    match e {
        Expr::Undefined | Expr::Null | Expr::Bool(_) | Expr::Num(_) | Expr::Str(_) | Expr::Ident(_) => {}
        Expr::Add(a, b) => {
            f(ChildMut::Expr(a));
            f(ChildMut::Expr(b))
        }
        Expr::Array(xs) => xs.iter_mut().for_each(|x| f(ChildMut::Expr(x))),
        Expr::Object(props) => {
            for p in props {
                match p {
                    Prop::Value { value, .. } => f(ChildMut::Expr(value)),
                    Prop::Method { func, .. } => f(ChildMut::Func(func)),
                    Prop::Getter { body, .. } => f(ChildMut::Block(body)),
                }
            }
        }
        Expr::Func(func) => f(ChildMut::Func(func)),
        Expr::Call { callee, args } | Expr::New { callee, args } => {
            f(ChildMut::Expr(callee));
            args.iter_mut().for_each(|x| f(ChildMut::Expr(x)))
        }
        Expr::Member { object, .. } => f(ChildMut::Expr(object)),
        Expr::Await(x) | Expr::Yield(x) | Expr::YieldStar(x) => f(ChildMut::Expr(x)),
    }
}

/// `a`, `b`, ..., `z`, `ba`, ...: labels of letters only, so a computed
/// `'a:' + x` never collides with another label.
pub fn label_name(mut n: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'a' + (n % 26) as u8);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

/// The literal prefix of every `log(..)` label, in source order: a literal
/// label is itself, `'a' + x` contributes `a`. Unique per program.
pub fn log_labels(p: &Program) -> Vec<&str> {
    let mut out = Vec::new();
    walk_program(p, &mut |n| {
        if let Node::Expr(e) = n {
            if let Some(label) = e.as_log() {
                if let Some(prefix) = label_prefix(label) {
                    out.push(prefix)
                }
            }
        }
    });
    out
}

fn label_prefix(e: &Expr) -> Option<&str> {
    match e {
        Expr::Str(s) => Some(s),
        Expr::Add(a, _) => label_prefix(a),
        _ => None,
    }
}

/// How deeply statements, expressions and functions nest (1 for a flat
/// program of literals). The YAML form nests about three levels per node,
/// and YAML readers stop at 128 levels, so generated programs stay well
/// below [`MAX_NESTING`].
pub fn nesting_depth(p: &Program) -> usize {
    fn block(b: &[Stmt]) -> usize {
        b.iter().map(stmt).max().unwrap_or(0)
    }
    fn func(f: &Func) -> usize {
        1 + match &f.body {
            Body::Block(b) => block(b),
            Body::Expr(e) => expr(e),
        }
    }
    fn stmt(s: &Stmt) -> usize {
        1 + match s {
            Stmt::Expr(e) | Stmt::Throw(e) | Stmt::Const { init: e, .. } | Stmt::Return(Some(e)) => expr(e),
            Stmt::Return(None) | Stmt::PromiseSubclass { .. } | Stmt::Break => 0,
            Stmt::Try { body, catch, finally } => block(body)
                .max(catch.as_ref().map(|c| block(&c.body)).unwrap_or(0))
                .max(finally.as_ref().map(|f| block(f)).unwrap_or(0)),
            Stmt::ForOf { body, .. } => block(body),
            Stmt::ForAwait { iterable, body, .. } => expr(iterable).max(block(body)),
            Stmt::Function { func: f, .. } => func(f),
        }
    }
    fn expr(e: &Expr) -> usize {
        1 + match e {
            Expr::Undefined | Expr::Null | Expr::Bool(_) | Expr::Num(_) | Expr::Str(_) | Expr::Ident(_) => 0,
            Expr::Add(a, b) => expr(a).max(expr(b)),
            Expr::Array(xs) => xs.iter().map(expr).max().unwrap_or(0),
            Expr::Object(props) => props
                .iter()
                .map(|p| match p {
                    Prop::Value { value, .. } => expr(value),
                    Prop::Method { func: f, .. } => func(f),
                    Prop::Getter { body, .. } => block(body),
                })
                .max()
                .unwrap_or(0),
            Expr::Func(f) => func(f),
            Expr::Call { callee, args } | Expr::New { callee, args } => {
                expr(callee).max(args.iter().map(expr).max().unwrap_or(0))
            }
            Expr::Member { object, .. } => expr(object),
            Expr::Await(x) | Expr::Yield(x) | Expr::YieldStar(x) => expr(x),
        }
    }
    block(&p.body)
}

/// The deepest [`nesting_depth`] the generator produces.
pub const MAX_NESTING: usize = 30;

/// Number of statements, counting nested ones: the minimizer's size measure.
pub fn statement_count(p: &Program) -> usize {
    let mut n = 0;
    walk_program(p, &mut |node| {
        if matches!(node, Node::Stmt(_)) {
            n += 1
        }
    });
    n
}
