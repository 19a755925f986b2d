//! Checks that a program stays inside the model's rules, whatever produced it
//! (the generator, a YAML file written by hand, the minimizer): labels are
//! unique and never look like host events, `await` only in async functions
//! and `yield` only in generators, `return` only inside functions, `break`
//! and `continue` only inside loops.
//!
//! Corpus files are data: every string the printer emits as code is checked
//! against the JavaScript grammar here, so no YAML file can smuggle code into
//! the printed program. Binding names are Identifiers that are not reserved
//! words (nor `undefined`, `NaN`, `Infinity`, `eval`, `arguments`, which
//! cannot be bound everywhere or print as something else); property names
//! are IdentifierNames; a block declares each name once.

use crate::model::*;
use std::collections::{HashMap, HashSet};

/// The deepest [`nesting_depth`] a program may have. The printer, the
/// reference, the census and the minimizer recurse over the model, so this
/// keeps them far from any thread's stack limit; generated programs stay
/// below [`MAX_NESTING`].
pub const MAX_DEPTH: usize = 64;

/// The largest magnitude of a number literal: 2^53.
pub const MAX_EXACT_INTEGER: u64 = 1 << 53;

/// A rule a program breaks, and where: the `nth` (0-based, in document
/// order) occurrence of `key` in the YAML form, holding `value` when it is
/// a string field. A corpus loader turns that into a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub at: Option<Site>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    /// The YAML key: a variant (`await`, `for_await`, `break`...) or a
    /// string field (`str`, `ident`, `name`, `property`, `params`...).
    pub key: &'static str,
    pub value: Option<String>,
    pub nth: usize,
}

/// Every rule a program breaks, as readable messages; empty when it is valid.
pub fn problems(p: &Program) -> Vec<String> {
    problems_located(p).into_iter().map(|p| p.message).collect()
}

/// [`problems`], each with where it is.
pub fn problems_located(p: &Program) -> Vec<Problem> {
    let mut out = Vec::new();
    // Deeper programs are not walked further: every walk below recurses.
    if nesting_depth_capped(p, MAX_DEPTH + 1) > MAX_DEPTH {
        out.push(Problem { message: format!("nesting deeper than {MAX_DEPTH}"), at: None });
        return out;
    }
    let mut v = Validator {
        out: &mut out,
        ctx: Ctx::default(),
        seen_labels: HashSet::new(),
        counts: HashMap::new(),
        lexical: Vec::new(),
        private: Vec::new(),
    };
    v.scope(&p.body, &[], true);
    out
}

/// ReservedWord (ECMA-262 §12.7.2), the words reserved in strict code (class
/// bodies are strict), and names that cannot be bound in a script or that
/// the front end reads back as something else.
const NOT_BINDABLE: &[&str] = &[
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
    "let",
    "static",
    "implements",
    "interface",
    "package",
    "private",
    "protected",
    "public",
    "undefined",
    "NaN",
    "Infinity",
    "eval",
    "arguments",
    // Not reserved, but boa_parser reads a call `async(x)` as the head of
    // an async arrow function and rejects it (the front-end round trip
    // property test found it).
    "async",
    // Not reserved either, but boa_parser rejects `yield of ? a : b`,
    // reading `of` as the contextual keyword (found the same way).
    "of",
];

/// IdentifierName (§12.7) without escapes: the model holds names as values.
pub fn is_identifier_name(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '$' || c == '_' || unicode_ident::is_xid_start(c) => {}
        _ => return false,
    }
    chars.all(|c| c == '$' || c == '\u{200c}' || c == '\u{200d}' || unicode_ident::is_xid_continue(c))
}

/// A name a program may bind or refer to.
pub fn is_binding_name(s: &str) -> bool {
    is_identifier_name(s) && !NOT_BINDABLE.contains(&s)
}

/// A string for messages: quoted, escaped, cut short.
fn shown(s: &str) -> String {
    let cut: String = s.chars().take(40).collect();
    let more = if cut.len() < s.len() { "..." } else { "" };
    format!("{:?}{more}", cut)
}

#[derive(Clone, Copy, Default)]
struct Ctx {
    in_async: bool,
    in_generator: bool,
    in_function: bool,
    in_loop: bool,
    /// In a derived class's constructor (or an arrow in it): `super(..)` may stand here.
    super_call: bool,
    /// In a class element (or an arrow in it): `super.x` may stand here.
    super_prop: bool,
}

struct Validator<'a> {
    out: &'a mut Vec<Problem>,
    ctx: Ctx,
    seen_labels: HashSet<String>,
    /// How often each (key, string value) has been passed, in document order.
    counts: HashMap<(&'static str, Option<String>), usize>,
    /// The lexically declared names of the enclosing blocks of the current
    /// function, innermost last (`None` marks a function boundary): a `var`
    /// may not redeclare any of them.
    lexical: Vec<Option<HashSet<String>>>,
    /// The private names (`#x`) each enclosing class body declares, innermost last.
    private: Vec<HashSet<String>>,
}

impl Validator<'_> {
    /// Passes one occurrence of `key` (holding `value`): where it is.
    fn site(&mut self, key: &'static str, value: Option<&str>) -> Site {
        let value = value.map(str::to_string);
        let n = self.counts.entry((key, value.clone())).or_insert(0);
        *n += 1;
        Site { key, value, nth: *n - 1 }
    }

    fn problem(&mut self, message: impl Into<String>, at: Site) {
        self.out.push(Problem { message: message.into(), at: Some(at) })
    }

    /// A name the program binds or refers to, under YAML key `key`.
    fn name(&mut self, key: &'static str, name: &str) {
        let at = self.site(key, Some(name));
        if !is_binding_name(name) {
            self.problem(
                format!("{key} {} is not a JavaScript identifier the model can bind", shown(name)),
                at,
            );
        }
    }

    /// The statements of a nested block (not a function's or the script's).
    fn block(&mut self, b: &[Stmt], outer: &[String]) {
        self.scope(b, outer, false)
    }

    /// The statements of one scope; `outer` are names already bound in it
    /// (a function's parameters, a catch parameter). At the `top` of a
    /// function or the script, function declarations are var-scoped.
    fn scope(&mut self, b: &[Stmt], outer: &[String], top: bool) {
        let mut declared: HashSet<&str> = outer.iter().map(String::as_str).collect();
        let mut lexical = HashSet::new();
        for s in b {
            let names: Vec<&str> = match s {
                Stmt::Const { name, .. }
                | Stmt::Let { name, .. }
                | Stmt::Function { name, .. }
                | Stmt::PromiseSubclass { name }
                | Stmt::Class(Class { name: Some(name), .. }) => vec![name],
                Stmt::Destructure { binding: LoopBinding::Const | LoopBinding::Let, pattern, .. } => {
                    let mut names = Vec::new();
                    pattern.for_each_name(&mut |n| names.push(n));
                    names
                }
                _ => vec![],
            };
            let key = if matches!(s, Stmt::Destructure { .. }) { "pattern" } else { "name" };
            for name in names {
                if !declared.insert(name) {
                    // The statement's own visit passes this name next.
                    let nth = self.counts.get(&(key, Some(name.to_string()))).copied().unwrap_or(0);
                    let at = Site { key, value: Some(name.to_string()), nth };
                    self.problem(format!("{} is declared twice in one scope", shown(name)), at);
                }
                if !(top && matches!(s, Stmt::Function { .. })) {
                    lexical.insert(name.to_string());
                }
            }
        }
        // A catch parameter may be redeclared by `var` (Annex B.3.4); a
        // function parameter too; neither by `let`.
        self.lexical.push(Some(lexical));
        for s in b {
            if !top && matches!(s, Stmt::Function { .. }) {
                // Also var-scoped in sloppy code (Annex B.3.3), which the reference does not model.
                let nth = self.counts.get(&("function", None)).copied().unwrap_or(0);
                let at = Site { key: "function", value: None, nth };
                self.problem(
                    "function declaration in a nested block (Annex B.3.3 semantics are not modelled)",
                    at,
                );
            }
            self.stmt(s)
        }
        self.lexical.pop();
    }

    /// `var name`: an early error if a block between it and its function declares `name` lexically.
    fn var_name(&mut self, key: &'static str, name: &str) {
        let nth = self.counts.get(&(key, Some(name.to_string()))).copied().unwrap_or(0);
        let clash = self.lexical.iter().rev().map_while(Option::as_ref).any(|names| names.contains(name));
        self.name(key, name);
        if clash {
            let at = Site { key, value: Some(name.to_string()), nth };
            self.problem(
                format!("var {} redeclares a let, const, class or function of its scope", shown(name)),
                at,
            );
        }
    }

    /// An expression in statement-head position may be `await e`, `yield e` or `yield* e` itself.
    fn head(&mut self, e: &Expr) {
        match e {
            Expr::Await(inner) => {
                let at = self.site("await", None);
                if !self.ctx.in_async {
                    self.problem("await outside an async function", at);
                }
                self.expr(inner)
            }
            Expr::Yield(inner) | Expr::YieldStar(inner) => {
                let at = self.site(if matches!(e, Expr::Yield(_)) { "yield" } else { "yield_star" }, None);
                if !self.ctx.in_generator {
                    self.problem("yield outside a generator", at);
                }
                self.expr(inner)
            }
            e => self.expr(e),
        }
    }

    fn in_loop(&mut self, f: impl FnOnce(&mut Self)) {
        let saved = self.ctx;
        self.ctx.in_loop = true;
        f(self);
        self.ctx = saved;
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Expr(e) => self.head(e),
            Stmt::Const { name, init } => {
                self.name("name", name);
                self.head(init)
            }
            Stmt::Return(e) => {
                let at = self.site("return", None);
                if !self.ctx.in_function {
                    self.problem("return outside a function", at);
                }
                if let Some(e) = e {
                    // `return yield x` is not modelled; `return await x` is.
                    match e {
                        Expr::Await(_) => self.head(e),
                        e => self.expr(e),
                    }
                }
            }
            Stmt::Try { body, catch, finally } => {
                let at = self.site("try", None);
                if catch.is_none() && finally.is_none() {
                    self.problem("try without catch or finally", at);
                }
                self.block(body, &[]);
                if let Some(c) = catch {
                    let mut names = Vec::new();
                    if let Some(p) = &c.param {
                        self.pattern("param", LoopBinding::Let, p);
                        names = p.names().into_iter().map(String::from).collect();
                    }
                    self.block(&c.body, &names)
                }
                if let Some(f) = finally {
                    self.block(f, &[])
                }
            }
            Stmt::ForOf { binding, var, iterable, body } => {
                self.pattern("var", *binding, var);
                self.expr(iterable);
                self.in_loop(|v| v.block(body, &[]))
            }
            Stmt::ForAwait { binding, var, iterable, body } => {
                let at = self.site("for_await", None);
                if !self.ctx.in_async {
                    self.problem("for await outside an async function", at);
                }
                self.pattern("var", *binding, var);
                self.expr(iterable);
                self.in_loop(|v| v.block(body, &[]))
            }
            Stmt::Destructure { binding, pattern, init } => {
                if pattern.as_name().is_some() {
                    let at = self.site("pattern", pattern.as_name());
                    self.problem("destructure of a plain name (it is a const, let or var)", at);
                }
                self.pattern("pattern", *binding, pattern);
                self.head(init)
            }
            Stmt::Break => {
                let at = self.site("break", None);
                if !self.ctx.in_loop {
                    self.problem("break outside a loop", at);
                }
            }
            Stmt::Continue => {
                let at = self.site("continue", None);
                if !self.ctx.in_loop {
                    self.problem("continue outside a loop", at);
                }
            }
            Stmt::While { test, body } => {
                self.site("while", None);
                self.expr(test);
                self.in_loop(|v| v.block(body, &[]))
            }
            Stmt::DoWhile { body, test } => {
                self.site("do_while", None);
                self.in_loop(|v| v.block(body, &[]));
                self.expr(test)
            }
            Stmt::For { init, test, update, body } => {
                let at = self.site("for", None);
                // The init's `let`/`const` is bound in a scope of its own
                // around the test, the update and the body.
                let mut lexical = HashSet::new();
                if init.len() > 1 {
                    self.problem("for (;;) with more than one init statement", at.clone());
                }
                for s in init {
                    match s {
                        Stmt::Let { name, .. } | Stmt::Const { name, .. } => {
                            self.name("name", name);
                            lexical.insert(name.clone());
                            for_each_stmt_child(s, &mut |c| self.child(c));
                        }
                        Stmt::Var { name, init } => {
                            self.var_name("name", name);
                            if let Some(e) = init {
                                self.expr(e)
                            }
                        }
                        Stmt::Expr(e) => self.expr(e),
                        _ => self.problem(
                            "for (;;) init that is not a let, const, var or expression statement",
                            at.clone(),
                        ),
                    }
                }
                self.lexical.push(Some(lexical));
                if let Some(e) = test {
                    self.expr(e)
                }
                if let Some(e) = update {
                    self.expr(e)
                }
                self.in_loop(|v| v.block(body, &[]));
                self.lexical.pop();
            }
            Stmt::Function { name, func } => {
                let at = self.site("function", None);
                self.name("name", name);
                self.func(func, at)
            }
            Stmt::PromiseSubclass { name } => self.name("name", name),
            Stmt::Class(c) => {
                let at = self.site("class", None);
                if c.name.is_none() {
                    self.problem("class declaration without a name", at);
                }
                self.class(c, false)
            }
            Stmt::Throw(_) => for_each_stmt_child(s, &mut |c| self.child(c)),
            Stmt::Let { name, init } => {
                self.name("name", name);
                if let Some(e) = init {
                    self.head(e)
                }
            }
            Stmt::Var { name, init } => {
                self.var_name("name", name);
                if let Some(e) = init {
                    self.head(e)
                }
            }
            Stmt::If { test, then, otherwise } => {
                self.site("if", None);
                self.expr(test);
                self.block(then, &[]);
                if let Some(b) = otherwise {
                    self.block(b, &[])
                }
            }
        }
    }

    /// A declaration's or loop's binding target, under YAML key `key`: its
    /// names (a `var`'s are the function's; a `let` or `const` binds each
    /// once), keys and defaults, which do not suspend (the reference binds a
    /// pattern in one step).
    fn pattern(&mut self, key: &'static str, binding: LoopBinding, p: &Pattern) {
        let mut seen = HashSet::new();
        self.pattern_parts(key, binding, p, &mut seen)
    }

    fn pattern_parts<'p>(
        &mut self,
        key: &'static str,
        binding: LoopBinding,
        p: &'p Pattern,
        seen: &mut HashSet<&'p str>,
    ) {
        match p {
            Pattern::Name(n) => self.bound_name(key, binding, n, seen),
            Pattern::Array { array, rest } => {
                for e in array.iter().flatten() {
                    self.element(key, binding, e, seen);
                }
                if let Some(r) = rest {
                    self.pattern_parts(key, binding, r, seen);
                }
            }
            Pattern::Object { object, rest } => {
                for prop in object {
                    self.key(&prop.key, false);
                    self.element(key, binding, &prop.value, seen);
                }
                if let Some(r) = rest {
                    self.bound_name(key, binding, r, seen);
                }
            }
        }
    }

    /// One name a pattern binds.
    fn bound_name<'p>(
        &mut self,
        key: &'static str,
        binding: LoopBinding,
        n: &'p str,
        seen: &mut HashSet<&'p str>,
    ) {
        let nth = self.counts.get(&(key, Some(n.to_string()))).copied().unwrap_or(0);
        match binding {
            LoopBinding::Var => self.var_name(key, n),
            LoopBinding::Const | LoopBinding::Let => self.name(key, n),
        }
        if binding != LoopBinding::Var && !seen.insert(n) {
            let at = Site { key, value: Some(n.to_string()), nth };
            self.problem(format!("{} is bound twice by one declaration", shown(n)), at);
        }
    }

    fn element<'p>(
        &mut self,
        key: &'static str,
        binding: LoopBinding,
        e: &'p Element,
        seen: &mut HashSet<&'p str>,
    ) {
        self.pattern_parts(key, binding, &e.target, seen);
        if let Some(d) = &e.default {
            self.no_suspension(d, "a destructuring default");
            self.expr(d)
        }
    }

    /// `e` (outside the functions in it) holds no `await`, `yield` or `yield*`.
    fn no_suspension(&mut self, e: &Expr, what: &str) {
        if suspends_here(e) {
            let at = self.site("default", None);
            self.problem(format!("await or yield in {what} (the reference binds a pattern in one step)"), at);
        }
    }

    /// A child in no position of its own: an expression, a function
    /// expression, a block that binds nothing.
    fn child(&mut self, c: Child) {
        match c {
            Child::Expr(e) => self.expr(e),
            Child::Func(f) => {
                let at = self.site("func", None);
                self.func(f, at)
            }
            Child::Block(b) => self.block(b, &[]),
        }
    }

    /// A function; `at` is where it starts (for messages about it as a whole).
    fn func(&mut self, f: &Func, at: Site) {
        // Arrows see their context's `super`; other functions have none.
        let supers = match f.kind {
            FuncKind::Arrow => (self.ctx.super_call, self.ctx.super_prop),
            FuncKind::Function => (false, false),
        };
        self.func_with(f, at, supers)
    }

    /// A class's body: its name, heritage and elements (class code is strict:
    /// its names are checked against the strict reserved words already).
    fn class(&mut self, c: &Class, expression: bool) {
        if let Some(n) = &c.name {
            let nth = self.counts.get(&("name", Some(n.clone()))).copied().unwrap_or(0);
            self.name("name", n);
            // boa_parser reads these after `class` in an expression as the
            // start of the class tail (the front-end round trip found it).
            if expression && matches!(n.as_str(), "of" | "using") {
                let at = Site { key: "name", value: Some(n.clone()), nth };
                self.problem(format!("class expression named {} (boa_parser cannot read it)", shown(n)), at);
            }
        }
        // The heritage sees the enclosing classes' private names, not this one's.
        if let Some(e) = &c.extends {
            self.expr(e);
        }
        let declared = self.private_names(c);
        self.private.push(declared);
        let derived = c.extends.is_some();
        let mut constructors = 0;
        for m in &c.members {
            match m {
                ClassMember::Constructor(func) => {
                    let at = self.site("constructor", None);
                    constructors += 1;
                    if constructors > 1 {
                        self.problem("a class with two constructors", at.clone());
                    }
                    if func.kind != FuncKind::Function || func.is_async || func.generator {
                        self.problem("a class constructor is a plain method", at.clone());
                    }
                    self.func_with(func, at, (derived, true))
                }
                ClassMember::Method { is_static, key, func } => {
                    let at = self.site("method", None);
                    self.member_key(key, *is_static, false, at.clone());
                    if func.kind != FuncKind::Function {
                        self.problem("a class method is a method, not an arrow", at.clone());
                    }
                    self.func_with(func, at, (false, true))
                }
                ClassMember::Getter { is_static, key, body } => {
                    let at = self.site("getter", None);
                    self.member_key(key, *is_static, false, at);
                    self.accessor_body(None, body, true)
                }
                ClassMember::Setter { is_static, key, param, body } => {
                    let at = self.site("setter", None);
                    self.member_key(key, *is_static, false, at);
                    self.accessor_body(Some(param), body, true)
                }
                ClassMember::Field { is_static, key, value } => {
                    let at = self.site("field", None);
                    self.member_key(key, *is_static, true, at);
                    if let Some(v) = value {
                        let saved = self.ctx;
                        self.ctx = Ctx { super_prop: true, ..Ctx::default() };
                        self.expr(v);
                        self.ctx = saved;
                    }
                }
            }
        }
        self.private.pop();
    }

    /// The private names a class body declares, with the early errors of
    /// ClassBody (§15.7.1): each is declared once, except a getter and a
    /// setter of one name that are both static or both not.
    fn private_names(&mut self, c: &Class) -> HashSet<String> {
        let mut seen: HashMap<&str, Vec<&ClassMember>> = HashMap::new();
        for m in &c.members {
            if let Some(key) = m.key().filter(|k| is_private(k)) {
                seen.entry(key).or_default().push(m);
            }
        }
        for m in &c.members {
            let Some(key) = m.key().filter(|k| is_private(k)) else { continue };
            let same = &seen[key];
            let accessor_pair = matches!(
                same.as_slice(),
                [a, b] if a.is_static() == b.is_static()
                    && matches!((a, b), (ClassMember::Getter { .. }, ClassMember::Setter { .. })
                        | (ClassMember::Setter { .. }, ClassMember::Getter { .. }))
            );
            if same.len() > 1 && !accessor_pair && std::ptr::eq(same[0], m) {
                let at = Site { key: "key", value: Some(key.to_string()), nth: 0 };
                self.problem(format!("private name {} declared twice in one class", shown(key)), at);
            }
        }
        seen.into_keys().map(str::to_string).collect()
    }

    /// The body of a getter (no parameter) or a setter (one), of an object
    /// literal or (with `super_prop`) a class.
    fn accessor_body(&mut self, setter_param: Option<&String>, body: &[Stmt], super_prop: bool) {
        if let Some(param) = setter_param {
            self.name("param", param);
        }
        let saved = self.ctx;
        self.ctx = Ctx { in_function: true, super_prop, ..Ctx::default() };
        self.lexical.push(None);
        self.scope(body, setter_param.map(std::slice::from_ref).unwrap_or(&[]), true);
        self.lexical.pop();
        self.ctx = saved;
    }

    /// The property of `o.name`, read, assigned or updated: an identifier
    /// name, a well-known symbol's key, or a private name an enclosing class
    /// declares (AllPrivateIdentifiersValid, §15.7.1).
    fn member_property(&mut self, property: &str) {
        let at = self.site("property", Some(property));
        if is_private(property) {
            if !is_identifier_name(&property[1..]) {
                self.problem(format!("private name {} is not # and an identifier name", shown(property)), at);
            } else if !self.private.iter().any(|names| names.contains(property)) {
                self.problem(
                    format!("private name {} that no enclosing class declares", shown(property)),
                    at,
                );
            }
        } else if !is_identifier_name(property) && !is_symbol_key(property) {
            self.problem(format!("property {} is not a JavaScript identifier name", shown(property)), at);
        }
    }

    /// A class element's key: the early errors of ClassElement (§15.7.1).
    fn member_key(&mut self, key: &str, is_static: bool, field: bool, at: Site) {
        if is_private(key) {
            if !is_identifier_name(&key[1..]) {
                self.problem(format!("private name {} is not # and an identifier name", shown(key)), at);
            } else if key == "#constructor" {
                self.problem("the private name #constructor", at);
            }
            return;
        }
        self.key(key, false);
        if (field || !is_static) && key == "constructor" {
            self.problem("a class element named \"constructor\" that is not the constructor", at);
        } else if is_static && key == "prototype" {
            self.problem("a static class element named \"prototype\"", at);
        }
    }

    /// [`Validator::func`] with the `super` forms it may contain.
    fn func_with(&mut self, f: &Func, at: Site, (super_call, super_prop): (bool, bool)) {
        let saved = self.ctx;
        self.ctx = Ctx {
            in_async: f.is_async,
            in_generator: f.generator,
            in_function: true,
            in_loop: false,
            super_call,
            super_prop,
        };
        if f.generator && f.kind == FuncKind::Arrow {
            self.problem("arrow functions cannot be generators", at.clone());
        }
        if f.kind == FuncKind::Function && matches!(f.body, Body::Expr(_)) {
            self.problem("only arrow functions have an expression body", at);
        }
        // Parameters bind like a `let` list: each name once, defaults in order.
        let mut seen = HashSet::new();
        for p in &f.params {
            self.element("params", LoopBinding::Let, p, &mut seen);
        }
        if let Some(r) = &f.rest {
            self.pattern_parts("params", LoopBinding::Let, r, &mut seen);
        }
        let params: Vec<String> = f.param_names().into_iter().map(String::from).collect();
        self.lexical.push(None);
        match &f.body {
            Body::Block(b) => self.scope(b, &params, true),
            Body::Expr(e) => match e.as_ref() {
                Expr::Await(_) => self.head(e),
                e => self.expr(e),
            },
        }
        self.lexical.pop();
        self.ctx = saved;
    }

    /// A property key: an IdentifierName or one of the well-known symbols.
    fn key(&mut self, key: &str, is_value: bool) {
        let at = self.site("key", Some(key));
        if is_symbol_key(key) {
            return;
        }
        if !is_identifier_name(key) {
            self.problem(format!("property key {} is not a JavaScript identifier name", shown(key)), at);
        } else if is_value && key == "__proto__" {
            // `{__proto__: v}` sets the prototype rather than defining a property.
            self.problem("property key \"__proto__\" (it would set the prototype)", at);
        }
    }

    fn number(&mut self, n: i64) {
        let at = self.site("num", Some(&n.to_string()));
        self.number_at(n, at)
    }

    /// Integers beyond 2^53 are not exact in JavaScript: engines would
    /// compute and print a neighbour of the model's value.
    fn number_at(&mut self, n: i64, at: Site) {
        if n.unsigned_abs() > MAX_EXACT_INTEGER {
            self.problem(
                format!("number {n} is beyond ±2^53, where JavaScript numbers stop being exact"),
                at,
            );
        }
    }

    /// The label checks of a `log(..)` call, before its arguments are passed.
    fn label(&mut self, label: &str) {
        let nth = self.counts.get(&("str", Some(label.to_string()))).copied().unwrap_or(0);
        let at = Site { key: "str", value: Some(label.to_string()), nth };
        if label.starts_with('!') {
            self.problem(
                format!("label '{label}' starts with '!', which is reserved for host events"),
                at.clone(),
            );
        }
        if !self.seen_labels.insert(label.to_string()) {
            self.problem(format!("duplicate label '{label}'"), at);
        }
    }

    /// The elements of an array literal or an argument list, where `...x` may stand.
    fn elements(&mut self, xs: &[Expr]) {
        for x in xs {
            match x {
                Expr::Spread(x) => self.expr(x),
                x => self.expr(x),
            }
        }
    }

    fn expr(&mut self, e: &Expr) {
        match e {
            // Also in nested expressions: the reference suspends in the middle
            // of one (and says unsupported where it cannot).
            Expr::Await(_) | Expr::Yield(_) | Expr::YieldStar(_) => self.head(e),
            Expr::Object(props) => {
                for p in props {
                    match p {
                        Prop::Value { key, value } => {
                            self.key(key, true);
                            self.expr(value)
                        }
                        Prop::Method { key, func } => {
                            let at = self.site("method", None);
                            self.key(key, false);
                            self.func(func, at)
                        }
                        Prop::Getter { key, body } => {
                            self.key(key, false);
                            self.accessor_body(None, body, false)
                        }
                        Prop::Setter { key, param, body } => {
                            self.key(key, false);
                            self.accessor_body(Some(param), body, false)
                        }
                    }
                }
            }
            Expr::Str(s) => {
                self.site("str", Some(s));
            }
            Expr::Template { quasis, exprs } => {
                let at = self.site("template", None);
                if quasis.len() != exprs.len() + 1 {
                    self.problem("template with other than one more string than substitutions", at);
                }
                for x in exprs {
                    self.expr(x)
                }
            }
            // A function's `arguments` object (the reference binds it where the spec does).
            Expr::Ident(name) if name == "arguments" => {}
            Expr::Ident(name) => self.name("ident", name),
            Expr::NamedFunc { name, func } => {
                let at = self.site("named_func", None);
                self.name("name", name);
                if func.kind == FuncKind::Arrow {
                    self.problem("arrow functions have no name of their own", at.clone());
                }
                self.func(func, at)
            }
            Expr::Assign { target, value, .. } => {
                self.name("target", target);
                self.expr(value)
            }
            Expr::Update { target, .. } => self.name("target", target),
            Expr::SetMember { key: MemberKey::Name(property), .. }
            | Expr::UpdateMember { key: MemberKey::Name(property), .. } => {
                self.member_property(property);
                for_each_child(e, &mut |c| self.child(c))
            }
            Expr::Num(n) => self.number(*n),
            Expr::Call { callee, args } => {
                if let Some(label) = e.as_log().and_then(label_prefix) {
                    self.label(label);
                }
                self.expr(callee);
                self.elements(args)
            }
            Expr::New { callee, args } => {
                self.expr(callee);
                self.elements(args)
            }
            Expr::Array(xs) => self.elements(xs),
            Expr::Spread(_) => {
                let at = self.site("spread", None);
                self.problem("spread outside an array literal or an argument list", at)
            }
            Expr::Member { object, property } => {
                self.expr(object);
                self.member_property(property)
            }
            Expr::Class(c) => {
                self.site("class", None);
                self.class(c, true)
            }
            Expr::SuperCall(_) => {
                let at = self.site("super_call", None);
                if !self.ctx.super_call {
                    self.problem("super(..) outside a derived class's constructor", at);
                }
                let Expr::SuperCall(args) = e else { unreachable!() };
                self.elements(args)
            }
            Expr::SuperMember(property) => {
                let at = self.site("super_member", Some(property));
                if !self.ctx.super_prop {
                    self.problem("super.x outside a class element", at.clone());
                }
                if !is_identifier_name(property) {
                    self.problem(
                        format!("property {} is not a JavaScript identifier name", shown(property)),
                        at,
                    );
                }
            }
            _ => for_each_child(e, &mut |c| self.child(c)),
        }
    }
}
