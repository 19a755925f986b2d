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
//! - `while`, `do`-`while` and `for (;;)` take any test;
//! - assignment, `++` and `--` target variables and properties (`o.x`, `o[k]`), not patterns;
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
    /// `for (const var of iterable) { body }` (or `let`, `var`: see
    /// [`LoopBinding`]), through the iterator protocol: GetIterator, a
    /// `next()` per iteration, IteratorClose on `break`, `return` and throw.
    ForOf {
        #[serde(default, skip_serializing_if = "LoopBinding::is_const")]
        binding: LoopBinding,
        var: Pattern,
        /// Older cases wrote a literal array as `items: [1, 2]`.
        #[serde(alias = "items", deserialize_with = "for_of_iterable")]
        iterable: Expr,
        body: Vec<Stmt>,
    },
    /// `function name(..) { .. }` or `async function name(..) { .. }`
    Function { name: String, func: Func },
    /// `class name extends Promise {}`
    PromiseSubclass { name: String },
    /// `for await (const var of iterable) { body }` (or `let`, `var`)
    ForAwait {
        #[serde(default, skip_serializing_if = "LoopBinding::is_const")]
        binding: LoopBinding,
        var: Pattern,
        iterable: Expr,
        body: Vec<Stmt>,
    },
    /// `break;` (out of the innermost `for`/`for await`).
    Break,
    /// `let name;` / `let name = init;` (block-scoped, in its TDZ until run).
    Let {
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        init: Option<Expr>,
    },
    /// `var name;` / `var name = init;` (hoisted to the function as `undefined`).
    Var {
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        init: Option<Expr>,
    },
    /// `if (test) { then } else { otherwise }`
    If {
        test: Expr,
        then: Vec<Stmt>,
        #[serde(default, rename = "else", skip_serializing_if = "Option::is_none")]
        otherwise: Option<Vec<Stmt>>,
    },
    /// `while (test) { body }`
    While { test: Expr, body: Vec<Stmt> },
    /// `do { body } while (test);`
    DoWhile { body: Vec<Stmt>, test: Expr },
    /// `for (init; test; update) { body }`. `init` is empty or one `let`,
    /// `const`, `var` or expression statement (a list, so that the child
    /// visitors and the `var` hoisting walk see it as a block); a `let` is
    /// copied into a fresh environment per iteration (CreatePerIterationEnvironment).
    For {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        init: Vec<Stmt>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        test: Option<Expr>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        update: Option<Expr>,
        body: Vec<Stmt>,
    },
    /// `continue;` (to the next iteration of the innermost loop).
    Continue,
    /// `class Name extends Base { members }` (its `name` is always set).
    Class(Class),
    /// `const [a, b] = init;`, `let {x, y: z = 1} = init;`, `var [p] = init;`:
    /// a declaration of an array or object [`Pattern`] (a plain name is
    /// `Const`, `Let` or `Var`).
    Destructure {
        #[serde(default, skip_serializing_if = "LoopBinding::is_const")]
        binding: LoopBinding,
        pattern: Pattern,
        init: Expr,
    },
}

/// A binding target (BindingIdentifier or BindingPattern, §14.3.3): a
/// name, or a pattern that destructures the value it is given. YAML writes
/// a name as a plain string.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Pattern {
    Name(String),
    /// `[a, , b = 1, ...rest]`: the value's iterator, stepped once per
    /// element or elision (`None`), then closed unless it is done.
    Array {
        array: Vec<Option<Element>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rest: Option<Box<Pattern>>,
    },
    /// `{a, b: c = 1, ...rest}`: a Get of each key in turn; the rest is a
    /// new object with the other enumerable own properties.
    Object {
        object: Vec<PropPattern>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rest: Option<String>,
    },
}

/// A BindingElement: a target, and the default it takes when its value is
/// `undefined`. YAML writes one without a default as its bare target.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "ElementForm", into = "ElementForm")]
pub struct Element {
    pub target: Pattern,
    pub default: Option<Expr>,
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(untagged)]
enum ElementForm {
    WithDefault { target: Pattern, default: Expr },
    Bare(Pattern),
}

impl From<ElementForm> for Element {
    fn from(f: ElementForm) -> Self {
        match f {
            ElementForm::WithDefault { target, default } => Element { target, default: Some(default) },
            ElementForm::Bare(target) => Element { target, default: None },
        }
    }
}

impl From<Element> for ElementForm {
    fn from(e: Element) -> Self {
        match e.default {
            Some(default) => ElementForm::WithDefault { target: e.target, default },
            None => ElementForm::Bare(e.target),
        }
    }
}

/// `key: element` of an object pattern (`{key}` when the element is the
/// name `key` itself). Keys are names or well-known symbols, as in object literals.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PropPattern {
    pub key: String,
    pub value: Element,
}

impl Pattern {
    pub fn name(n: &str) -> Pattern {
        Pattern::Name(n.to_string())
    }

    /// The plain name this target is, if it is not a pattern.
    pub fn as_name(&self) -> Option<&str> {
        match self {
            Pattern::Name(n) => Some(n),
            _ => None,
        }
    }

    /// Calls `f` on each name the pattern binds (BoundNames), in source order.
    pub fn for_each_name<'a>(&'a self, f: &mut dyn FnMut(&'a str)) {
        match self {
            Pattern::Name(n) => f(n),
            Pattern::Array { array, rest } => {
                for e in array.iter().flatten() {
                    e.target.for_each_name(f)
                }
                if let Some(r) = rest {
                    r.for_each_name(f)
                }
            }
            Pattern::Object { object, rest } => {
                for p in object {
                    p.value.target.for_each_name(f)
                }
                if let Some(r) = rest {
                    f(r)
                }
            }
        }
    }

    /// BoundNames, in source order.
    pub fn names(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.for_each_name(&mut |n| out.push(n));
        out
    }

    /// Calls `f` on each name the pattern binds, mutably (for renaming passes).
    pub fn for_each_name_mut(&mut self, f: &mut dyn FnMut(&mut String)) {
        match self {
            Pattern::Name(n) => f(n),
            Pattern::Array { array, rest } => {
                for e in array.iter_mut().flatten() {
                    e.target.for_each_name_mut(f)
                }
                if let Some(r) = rest {
                    r.for_each_name_mut(f)
                }
            }
            Pattern::Object { object, rest } => {
                for p in object {
                    p.value.target.for_each_name_mut(f)
                }
                if let Some(r) = rest {
                    f(r)
                }
            }
        }
    }
}

impl From<&str> for Pattern {
    fn from(n: &str) -> Pattern {
        Pattern::name(n)
    }
}

impl From<String> for Pattern {
    fn from(n: String) -> Pattern {
        Pattern::Name(n)
    }
}

impl Element {
    /// A plain name without a default.
    pub fn name(n: impl Into<String>) -> Element {
        Element { target: Pattern::Name(n.into()), default: None }
    }

    /// The plain name this is, if it has no pattern and no default.
    pub fn as_name(&self) -> Option<&str> {
        self.default.is_none().then(|| self.target.as_name()).flatten()
    }
}

/// How a `for`-`of` or `for await` binds its variable: `const` and `let`
/// make a fresh binding per iteration (ForDeclarationBindingInstantiation),
/// `var` assigns the function's hoisted one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum LoopBinding {
    #[default]
    Const,
    Let,
    Var,
}

impl LoopBinding {
    pub fn is_const(&self) -> bool {
        *self == LoopBinding::Const
    }
    pub fn keyword(self) -> &'static str {
        match self {
            LoopBinding::Const => "const",
            LoopBinding::Let => "let",
            LoopBinding::Var => "var",
        }
    }
    /// The declaration `keyword target = init;` of this kind.
    pub fn declaration(self, target: Pattern, init: Expr) -> Stmt {
        let name = match target {
            Pattern::Name(name) => name,
            pattern => return Stmt::Destructure { binding: self, pattern, init },
        };
        match self {
            LoopBinding::Const => Stmt::Const { name, init },
            LoopBinding::Let => Stmt::Let { name, init: Some(init) },
            LoopBinding::Var => Stmt::Var { name, init: Some(init) },
        }
    }
}

/// A class body: `class Name extends Base { members }`, a declaration or an
/// expression. Class code is strict.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Class {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends: Option<Box<Expr>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<ClassMember>,
}

/// One element of a class body. Keys are names, the model's well-known
/// symbol keys (`@@asyncIterator`, `@@iterator`), or private names (`#x`,
/// see [`is_private`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClassMember {
    /// `constructor(params) { body }` (a `FuncKind::Function`, sync).
    Constructor(Func),
    /// `static? async? *? key(params) { body }`
    Method {
        #[serde(default, rename = "static", skip_serializing_if = "is_false")]
        is_static: bool,
        key: String,
        func: Func,
    },
    /// `static? get key() { body }`
    Getter {
        #[serde(default, rename = "static", skip_serializing_if = "is_false")]
        is_static: bool,
        key: String,
        body: Vec<Stmt>,
    },
    /// `static? set key(param) { body }`
    Setter {
        #[serde(default, rename = "static", skip_serializing_if = "is_false")]
        is_static: bool,
        key: String,
        param: String,
        body: Vec<Stmt>,
    },
    /// `static? key = value;` / `key;`
    Field {
        #[serde(default, rename = "static", skip_serializing_if = "is_false")]
        is_static: bool,
        key: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        value: Option<Expr>,
    },
}

impl ClassMember {
    /// Whether the member is `static` (defined on the class, not its instances).
    pub fn is_static(&self) -> bool {
        match self {
            ClassMember::Constructor(_) => false,
            ClassMember::Method { is_static, .. }
            | ClassMember::Getter { is_static, .. }
            | ClassMember::Setter { is_static, .. }
            | ClassMember::Field { is_static, .. } => *is_static,
        }
    }

    /// The member's key (`None` for the constructor).
    pub fn key(&self) -> Option<&str> {
        match self {
            ClassMember::Constructor(_) => None,
            ClassMember::Method { key, .. }
            | ClassMember::Getter { key, .. }
            | ClassMember::Setter { key, .. }
            | ClassMember::Field { key, .. } => Some(key),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Catch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub param: Option<Pattern>,
    pub body: Vec<Stmt>,
}

/// A literal loop item, as older cases listed a `for-of`'s array.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Lit {
    Num(i64),
    Str(String),
}

/// A `for-of`'s iterable: an expression, or the literal items of older cases.
fn for_of_iterable<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Expr, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Iterable {
        Items(Vec<Lit>),
        Expr(Expr),
    }
    Ok(match Iterable::deserialize(d)? {
        Iterable::Items(items) => Expr::Array(items.iter().map(Lit::to_expr).collect()),
        Iterable::Expr(e) => e,
    })
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
    /// `target = value`, `target += value`, ... on a variable.
    Assign {
        target: String,
        #[serde(default, skip_serializing_if = "AssignOp::is_plain")]
        op: AssignOp,
        value: Box<Expr>,
    },
    /// `++x`, `x++`, `--x`, `x--` on a variable.
    Update {
        target: String,
        op: UpdateOp,
        #[serde(default, skip_serializing_if = "is_false")]
        prefix: bool,
    },
    /// `left op right` for the operators other than `+`.
    Binary {
        op: BinOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// `left && right`, `left || right`, `left ?? right` (short-circuiting).
    Logical {
        op: LogicalOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// `!x`, `-x`, `typeof x`, `void x`.
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    /// `test ? then : otherwise`
    Cond {
        test: Box<Expr>,
        then: Box<Expr>,
        #[serde(rename = "else")]
        otherwise: Box<Expr>,
    },
    /// `` `q0${e0}q1${e1}q2` ``: the cooked strings around the substitutions
    /// (one more string than substitutions).
    Template {
        quasis: Vec<String>,
        exprs: Vec<Expr>,
    },
    /// `function name(..) { .. }` as an expression (any kind but an arrow):
    /// `name` is bound to the function in an environment of its own, around it.
    NamedFunc {
        name: String,
        func: Func,
    },
    /// `object[key]` (a computed member read).
    Index {
        object: Box<Expr>,
        index: Box<Expr>,
    },
    /// `object.name op= value` / `object[key] op= value`: PutValue on a property reference.
    SetMember {
        object: Box<Expr>,
        key: MemberKey,
        #[serde(default, skip_serializing_if = "AssignOp::is_plain")]
        op: AssignOp,
        value: Box<Expr>,
    },
    /// `++object.name`, `object[key]--`, ... on a property reference.
    UpdateMember {
        object: Box<Expr>,
        key: MemberKey,
        op: UpdateOp,
        #[serde(default, skip_serializing_if = "is_false")]
        prefix: bool,
    },
    /// `this`
    This,
    /// A class expression `class Name? extends Base? { .. }`.
    Class(Box<Class>),
    /// `super(args)` in a derived class's constructor.
    SuperCall(Vec<Expr>),
    /// `super.property` in a class's methods (called as `super.m()`, its
    /// receiver is `this`).
    SuperMember(String),
    /// `...iterable`, only as an element of an array literal or an argument
    /// list (SpreadElement): its values, through the iterator protocol.
    Spread(Box<Expr>),
}

/// The key of a property reference that is assigned to: `.name` or `[expr]`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberKey {
    Name(String),
    Computed(Box<Expr>),
}

impl MemberKey {
    /// The private name (`#x`) this key is, if it is one.
    pub fn private(&self) -> Option<&str> {
        match self {
            MemberKey::Name(n) if is_private(n) => Some(n),
            _ => None,
        }
    }
}

/// The operator of an assignment: `=` or a compound one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AssignOp {
    /// `=`
    #[default]
    Plain,
    /// `+=`
    Add,
    /// `-=`, `*=`, `/=`, `%=`
    Arith(ArithOp),
}

impl AssignOp {
    pub fn is_plain(&self) -> bool {
        *self == AssignOp::Plain
    }
    pub fn token(self) -> &'static str {
        match self {
            AssignOp::Plain => "=",
            AssignOp::Add => "+=",
            AssignOp::Arith(ArithOp::Sub) => "-=",
            AssignOp::Arith(ArithOp::Mul) => "*=",
            AssignOp::Arith(ArithOp::Div) => "/=",
            AssignOp::Arith(ArithOp::Rem) => "%=",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UpdateOp {
    Inc,
    Dec,
}

/// Numeric operators (`+` is `Expr::Add`: it also concatenates).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArithOp {
    Sub,
    Mul,
    Div,
    Rem,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BinOp {
    Arith(ArithOp),
    Lt,
    Le,
    Gt,
    Ge,
    /// `===`
    StrictEq,
    /// `!==`
    StrictNe,
    /// `==`
    LooseEq,
    /// `!=`
    LooseNe,
    /// `key in object`
    In,
    /// `value instanceof target`
    Instanceof,
}

impl BinOp {
    pub fn token(self) -> &'static str {
        match self {
            BinOp::Arith(ArithOp::Sub) => "-",
            BinOp::Arith(ArithOp::Mul) => "*",
            BinOp::Arith(ArithOp::Div) => "/",
            BinOp::Arith(ArithOp::Rem) => "%",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::StrictEq => "===",
            BinOp::StrictNe => "!==",
            BinOp::LooseEq => "==",
            BinOp::LooseNe => "!=",
            BinOp::In => "in",
            BinOp::Instanceof => "instanceof",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogicalOp {
    And,
    Or,
    Nullish,
}

impl LogicalOp {
    pub fn token(self) -> &'static str {
        match self {
            LogicalOp::And => "&&",
            LogicalOp::Or => "||",
            LogicalOp::Nullish => "??",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnaryOp {
    Not,
    Neg,
    Typeof,
    Void,
}

impl UnaryOp {
    pub fn token(self) -> &'static str {
        match self {
            UnaryOp::Not => "!",
            UnaryOp::Neg => "-",
            UnaryOp::Typeof => "typeof ",
            UnaryOp::Void => "void ",
        }
    }
}

/// Whether a class member's key, or the property of a member expression
/// (`o.#x`, assigned or read), is a private name: `#x` is the Private Name
/// the innermost enclosing class that declares `#x` made when it was
/// evaluated (§6.2.12), never a property key. The model's ordinary keys are
/// identifiers, so no string key can be mistaken for one.
pub fn is_private(key: &str) -> bool {
    key.starts_with('#')
}

/// Property keys `[Symbol.asyncIterator]` and `[Symbol.iterator]` are
/// written as these names in the model.
pub const ASYNC_ITERATOR_KEY: &str = "@@asyncIterator";
pub const ITERATOR_KEY: &str = "@@iterator";

/// The well-known symbols a key may name, as `[Symbol.<name>]` in source
/// and `@@<name>` in the model (object literal keys, `o[Symbol.<name>]`).
pub const WELL_KNOWN_SYMBOLS: [&str; 6] =
    ["asyncIterator", "iterator", "species", "toPrimitive", "hasInstance", "toStringTag"];

/// The model's key for `[Symbol.<name>]`, if `name` is one of [`WELL_KNOWN_SYMBOLS`].
pub fn well_known_key(name: &str) -> Option<&'static str> {
    Some(match name {
        "asyncIterator" => ASYNC_ITERATOR_KEY,
        "iterator" => ITERATOR_KEY,
        "species" => "@@species",
        "toPrimitive" => "@@toPrimitive",
        "hasInstance" => "@@hasInstance",
        "toStringTag" => "@@toStringTag",
        _ => return None,
    })
}

/// Whether `key` is the model's name of a well-known symbol (`@@iterator`, ...).
pub fn is_symbol_key(key: &str) -> bool {
    key.strip_prefix("@@").is_some_and(|n| well_known_key(n).is_some())
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prop {
    /// `key: value`
    Value { key: String, value: Expr },
    /// `key(params) { body }` (possibly `async`)
    Method { key: String, func: Func },
    /// `get key() { body }`
    Getter { key: String, body: Vec<Stmt> },
    /// `set key(param) { body }`
    Setter { key: String, param: String, body: Vec<Stmt> },
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
    pub params: Vec<Element>,
    /// `...rest`, the last parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rest: Option<Pattern>,
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
    /// `a + b`: a constructor, not arithmetic (so not `std::ops::Add`).
    #[allow(clippy::should_implement_trait)]
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
    /// A function of `kind` whose parameters are the plain `params`.
    pub fn new(kind: FuncKind, is_async: bool, generator: bool, params: Vec<String>, body: Body) -> Func {
        let params = params.into_iter().map(Element::name).collect();
        Func { kind, is_async, generator, params, rest: None, body }
    }
    pub fn arrow(is_async: bool, params: Vec<String>, body: Vec<Stmt>) -> Func {
        Func::new(FuncKind::Arrow, is_async, false, params, Body::Block(body))
    }
    pub fn function(is_async: bool, params: Vec<String>, body: Vec<Stmt>) -> Func {
        Func::new(FuncKind::Function, is_async, false, params, Body::Block(body))
    }
    /// `async function* (params) { body }` / `function* (params) { body }`.
    pub fn generator(is_async: bool, params: Vec<String>, body: Vec<Stmt>) -> Func {
        Func::new(FuncKind::Function, is_async, true, params, Body::Block(body))
    }

    /// Whether every parameter is a plain name, without a default or a rest
    /// (IsSimpleParameterList).
    pub fn has_simple_params(&self) -> bool {
        self.rest.is_none() && self.params.iter().all(|p| p.as_name().is_some())
    }

    /// Calls `f` on each name the parameters bind, in source order.
    pub fn for_each_param_name<'a>(&'a self, f: &mut dyn FnMut(&'a str)) {
        for p in &self.params {
            p.target.for_each_name(f)
        }
        if let Some(r) = &self.rest {
            r.for_each_name(f)
        }
    }

    /// Calls `f` on each name the parameters bind, mutably (for renaming passes).
    pub fn for_each_param_name_mut(&mut self, f: &mut dyn FnMut(&mut String)) {
        for p in &mut self.params {
            p.target.for_each_name_mut(f)
        }
        if let Some(r) = &mut self.rest {
            r.for_each_name_mut(f)
        }
    }

    /// The names the parameters bind, in source order.
    pub fn param_names(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.for_each_param_name(&mut |n| out.push(n));
        out
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
// Traversal. The shape of the model is written down once, in the child
// visitors below (one shared, one mutable, made from one definition); every
// pass (walks, census, validation, nesting depth, the reducer's sites, the
// generator's finalize for expressions) recurses through them and matches
// only the nodes it cares about.

/// A direct child of a statement, expression or function.
#[derive(Clone, Copy, Debug)]
pub enum Child<'a> {
    Expr(&'a Expr),
    Func(&'a Func),
    /// A nested statement list (a function's or getter's body, a `try` block, a loop body).
    Block(&'a [Stmt]),
}

/// A direct child, mutably, for rewriting passes.
pub enum ChildMut<'a> {
    Expr(&'a mut Expr),
    Func(&'a mut Func),
    /// A nested statement list (a function's or getter's body, a `try` block, a loop body).
    Block(&'a mut Vec<Stmt>),
}

/// The children of a class, in source order: `extends`, then each member's
/// function, getter body or field initializer.
macro_rules! class_children {
    ($c:expr, $f:expr, $child:ident $(, $mut:tt)?) => {{
        let c = $c;
        if let Some(e) = & $($mut)? c.extends {
            $f($child::Expr(e));
        }
        for m in & $($mut)? c.members {
            match m {
                ClassMember::Constructor(func) | ClassMember::Method { func, .. } => $f($child::Func(func)),
                ClassMember::Getter { body, .. } | ClassMember::Setter { body, .. } => $f($child::Block(body)),
                ClassMember::Field { value, .. } => {
                    if let Some(v) = value {
                        $f($child::Expr(v))
                    }
                }
            }
        }
    }};
}

/// Writes the three child visitors (of a statement, an expression, a
/// function) for one mutability, so the shared and the mutable ones cannot
/// drift apart. Children come in source order, which is also the order of
/// the YAML form.
macro_rules! child_visitors {
    ($child:ident, $stmt:ident, $expr:ident, $func:ident, $pat:ident $(, $mut:tt)?) => {
        /// Calls `f` on each direct child of the statement `s`, in source order.
        pub fn $stmt<'a>(s: &'a $($mut)? Stmt, f: &mut dyn FnMut($child<'a>)) {
            match s {
                Stmt::Expr(e) | Stmt::Throw(e) | Stmt::Const { init: e, .. } | Stmt::Return(Some(e)) => {
                    f($child::Expr(e))
                }
                Stmt::Return(None) | Stmt::PromiseSubclass { .. } | Stmt::Break | Stmt::Continue => {}
                Stmt::Let { init, .. } | Stmt::Var { init, .. } => {
                    if let Some(e) = init {
                        f($child::Expr(e))
                    }
                }
                Stmt::If { test, then, otherwise } => {
                    f($child::Expr(test));
                    f($child::Block(then));
                    if let Some(b) = otherwise {
                        f($child::Block(b));
                    }
                }
                Stmt::Try { body, catch, finally } => {
                    f($child::Block(body));
                    if let Some(c) = catch {
                        if let Some(p) = & $($mut)? c.param {
                            $pat(p, f);
                        }
                        f($child::Block(& $($mut)? c.body));
                    }
                    if let Some(b) = finally {
                        f($child::Block(b));
                    }
                }
                Stmt::ForOf { var, iterable, body, .. } | Stmt::ForAwait { var, iterable, body, .. } => {
                    $pat(var, f);
                    f($child::Expr(iterable));
                    f($child::Block(body))
                }
                Stmt::Destructure { pattern, init, .. } => {
                    $pat(pattern, f);
                    f($child::Expr(init))
                }
                Stmt::Function { func, .. } => f($child::Func(func)),
                Stmt::Class(c) => class_children!(c, f, $child $(, $mut)?),
                Stmt::While { test, body } => {
                    f($child::Expr(test));
                    f($child::Block(body))
                }
                Stmt::DoWhile { body, test } => {
                    f($child::Block(body));
                    f($child::Expr(test))
                }
                Stmt::For { init, test, update, body } => {
                    if !init.is_empty() {
                        f($child::Block(init));
                    }
                    if let Some(e) = test {
                        f($child::Expr(e));
                    }
                    if let Some(e) = update {
                        f($child::Expr(e));
                    }
                    f($child::Block(body))
                }
            }
        }

        /// Calls `f` on each direct child of the expression `e`, in source order.
        pub fn $expr<'a>(e: &'a $($mut)? Expr, f: &mut dyn FnMut($child<'a>)) {
            match e {
                Expr::Undefined | Expr::Null | Expr::Bool(_) | Expr::Num(_) | Expr::Str(_) | Expr::Ident(_) => {}
                Expr::Add(a, b) | Expr::Binary { left: a, right: b, .. } | Expr::Logical { left: a, right: b, .. } => {
                    f($child::Expr(a));
                    f($child::Expr(b))
                }
                Expr::Update { .. } => {}
                Expr::Assign { value: x, .. } | Expr::Unary { operand: x, .. } => f($child::Expr(x)),
                Expr::Cond { test, then, otherwise } => {
                    f($child::Expr(test));
                    f($child::Expr(then));
                    f($child::Expr(otherwise))
                }
                Expr::Array(xs) => {
                    for x in xs {
                        f($child::Expr(x))
                    }
                }
                Expr::Object(props) => {
                    for p in props {
                        match p {
                            Prop::Value { value, .. } => f($child::Expr(value)),
                            Prop::Method { func, .. } => f($child::Func(func)),
                            Prop::Getter { body, .. } | Prop::Setter { body, .. } => f($child::Block(body)),
                        }
                    }
                }
                Expr::Func(func) | Expr::NamedFunc { func, .. } => f($child::Func(func)),
                Expr::Call { callee, args } | Expr::New { callee, args } => {
                    f($child::Expr(callee));
                    for x in args {
                        f($child::Expr(x))
                    }
                }
                Expr::Member { object, .. } => f($child::Expr(object)),
                Expr::Index { object, index: key } => {
                    f($child::Expr(object));
                    f($child::Expr(key))
                }
                Expr::SetMember { object, key, value, .. } => {
                    f($child::Expr(object));
                    if let MemberKey::Computed(k) = key {
                        f($child::Expr(k))
                    }
                    f($child::Expr(value))
                }
                Expr::UpdateMember { object, key, .. } => {
                    f($child::Expr(object));
                    if let MemberKey::Computed(k) = key {
                        f($child::Expr(k))
                    }
                }
                Expr::Await(x) | Expr::Yield(x) | Expr::YieldStar(x) | Expr::Spread(x) => f($child::Expr(x)),
                Expr::This | Expr::SuperMember(_) => {}
                Expr::SuperCall(xs) => {
                    for x in xs {
                        f($child::Expr(x))
                    }
                }
                Expr::Class(c) => class_children!(c, f, $child $(, $mut)?),
                Expr::Template { exprs, .. } => {
                    for x in exprs {
                        f($child::Expr(x))
                    }
                }
            }
        }

        /// Calls `f` on the defaults of `func`'s parameters, then on its body:
        /// a block, or a concise arrow's expression.
        pub fn $func<'a>(func: &'a $($mut)? Func, f: &mut dyn FnMut($child<'a>)) {
            for p in & $($mut)? func.params {
                $pat(& $($mut)? p.target, f);
                if let Some(d) = & $($mut)? p.default {
                    f($child::Expr(d))
                }
            }
            if let Some(r) = & $($mut)? func.rest {
                $pat(r, f)
            }
            match & $($mut)? func.body {
                Body::Block(b) => f($child::Block(b)),
                Body::Expr(e) => f($child::Expr(e)),
            }
        }

        /// Calls `f` on the defaults in the pattern `p`, in source order.
        pub fn $pat<'a>(p: &'a $($mut)? Pattern, f: &mut dyn FnMut($child<'a>)) {
            // `into_iter` on a (mutable) reference, so one text serves both mutabilities.
            let (elements, rest): (Vec<&'a $($mut)? Element>, _) = match p {
                Pattern::Name(_) => return,
                Pattern::Array { array, rest } => (array.into_iter().flatten().collect(), rest.into_iter().next()),
                Pattern::Object { object, .. } => {
                    (object.into_iter().map(|prop| & $($mut)? prop.value).collect(), None)
                }
            };
            for e in elements {
                $pat(& $($mut)? e.target, f);
                if let Some(d) = & $($mut)? e.default {
                    f($child::Expr(d))
                }
            }
            if let Some(r) = rest {
                $pat(r, f)
            }
        }
    };
}

child_visitors!(Child, for_each_stmt_child, for_each_child, for_each_func_child, for_each_pattern_child);
child_visitors!(
    ChildMut,
    for_each_stmt_child_mut,
    for_each_child_mut,
    for_each_func_child_mut,
    for_each_pattern_child_mut,
    mut
);

#[derive(Clone, Copy, Debug)]
pub enum Node<'a> {
    Stmt(&'a Stmt),
    Expr(&'a Expr),
    Func(&'a Func),
}

/// Calls `f` on every statement, expression and function, outside in, in source order.
pub fn walk_program<'a>(p: &'a Program, f: &mut dyn FnMut(Node<'a>)) {
    walk_block(&p.body, f)
}

pub fn walk_block<'a>(b: &'a [Stmt], f: &mut dyn FnMut(Node<'a>)) {
    for s in b {
        walk_stmt(s, f)
    }
}

pub fn walk_stmt<'a>(s: &'a Stmt, f: &mut dyn FnMut(Node<'a>)) {
    f(Node::Stmt(s));
    for_each_stmt_child(s, &mut |c| walk_child(c, f))
}

pub fn walk_func<'a>(func: &'a Func, f: &mut dyn FnMut(Node<'a>)) {
    f(Node::Func(func));
    for_each_func_child(func, &mut |c| walk_child(c, f))
}

pub fn walk_expr<'a>(e: &'a Expr, f: &mut dyn FnMut(Node<'a>)) {
    f(Node::Expr(e));
    for_each_child(e, &mut |c| walk_child(c, f))
}

fn walk_child<'a>(c: Child<'a>, f: &mut dyn FnMut(Node<'a>)) {
    match c {
        Child::Expr(e) => walk_expr(e, f),
        Child::Func(func) => walk_func(func, f),
        Child::Block(b) => walk_block(b, f),
    }
}

/// Calls `f` on every expression under `stmts`, outside in, in source order,
/// with mutable access (for rewrites: renumbering labels, inlining).
pub fn walk_block_exprs_mut(stmts: &mut [Stmt], f: &mut dyn FnMut(&mut Expr)) {
    fn in_child(c: ChildMut, f: &mut dyn FnMut(&mut Expr)) {
        match c {
            ChildMut::Expr(x) => {
                f(x);
                for_each_child_mut(x, &mut |c| in_child(c, f))
            }
            ChildMut::Func(func) => for_each_func_child_mut(func, &mut |c| in_child(c, f)),
            ChildMut::Block(b) => walk_block_exprs_mut(b, f),
        }
    }
    for s in stmts {
        for_each_stmt_child_mut(s, &mut |c| in_child(c, f));
    }
}

/// Calls `f` on every statement list under `stmts` (function and getter
/// bodies included), nested ones first, then on `stmts` itself.
pub fn walk_blocks_mut(stmts: &mut Vec<Stmt>, f: &mut dyn FnMut(&mut Vec<Stmt>)) {
    fn in_child(c: ChildMut, f: &mut dyn FnMut(&mut Vec<Stmt>)) {
        match c {
            ChildMut::Expr(x) => for_each_child_mut(x, &mut |c| in_child(c, f)),
            ChildMut::Func(func) => for_each_func_child_mut(func, &mut |c| in_child(c, f)),
            ChildMut::Block(b) => walk_blocks_mut(b, f),
        }
    }
    for s in stmts.iter_mut() {
        for_each_stmt_child_mut(s, &mut |c| in_child(c, f));
    }
    f(stmts)
}

/// Whether `e` holds an `await`, `yield` or `yield*` of its own function
/// (one inside a function expression in it is that function's).
pub fn suspends_here(e: &Expr) -> bool {
    let mut found = matches!(e, Expr::Await(_) | Expr::Yield(_) | Expr::YieldStar(_));
    for_each_child(e, &mut |c| {
        if let Child::Expr(x) = c {
            found |= suspends_here(x)
        }
    });
    found
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

/// The literal prefix of a `log` label: `'a'` and `'a' + x` name `a`.
pub fn label_prefix(e: &Expr) -> Option<&str> {
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
    nesting_depth_capped(p, usize::MAX)
}

/// [`nesting_depth`], but never deeper than `cap` levels of recursion, so
/// it is safe on any model (a hand-built one of any depth).
pub fn nesting_depth_capped(p: &Program, cap: usize) -> usize {
    fn block(b: &[Stmt], left: usize) -> usize {
        b.iter().map(|s| node(left, &mut |f| for_each_stmt_child(s, f))).max().unwrap_or(0)
    }
    /// Calls its argument on each child of one node.
    type Children<'c, 'a> = &'c mut dyn FnMut(&mut dyn FnMut(Child<'a>));
    /// One level for the node, plus its deepest child's.
    fn node(left: usize, children: Children) -> usize {
        if left == 0 {
            return 1;
        }
        let mut deepest = 0;
        children(&mut |c| deepest = deepest.max(child(c, left - 1)));
        1 + deepest
    }
    fn child(c: Child, left: usize) -> usize {
        match c {
            Child::Block(b) => block(b, left),
            Child::Expr(e) => node(left, &mut |f| for_each_child(e, f)),
            Child::Func(func) => node(left, &mut |f| for_each_func_child(func, f)),
        }
    }
    block(&p.body, cap)
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
