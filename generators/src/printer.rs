//! Prints the program model as readable JavaScript with one stable format
//! (two-space indent, one statement per line), so diffs of repros are readable
//! and the JS front end can parse the output back into the same model.

use crate::model::*;
use std::fmt::Write;

/// The program as a classic script.
pub fn print_program(p: &Program) -> String {
    let mut pr = Printer { out: String::new(), indent: 0, no_in: false };
    pr.block_body(&p.body);
    pr.out
}

/// Property keys: the well-known symbols the model names `@@...` are computed keys.
fn print_key(key: &str) -> String {
    match key.strip_prefix("@@") {
        Some(name) if is_symbol_key(key) => format!("[Symbol.{name}]"),
        _ => key.to_string(),
    }
}

/// `.name`, or `[Symbol.name]` for a well-known symbol's key.
fn print_member_key(key: &str) -> String {
    if is_symbol_key(key) {
        print_key(key)
    } else {
        format!(".{key}")
    }
}

/// `a`, `a.b`, `a.b.c`: callees `new` can take without parentheses.
fn is_name_chain(e: &Expr) -> bool {
    match e {
        Expr::Ident(_) => true,
        Expr::Member { object, .. } => is_name_chain(object),
        _ => false,
    }
}

/// The subexpression printed first (without parentheses of its own).
fn leftmost(e: &Expr) -> &Expr {
    match e {
        Expr::Call { callee, .. } => match &**callee {
            // A function callee is parenthesized by `expr` already.
            Expr::Func(_) => e,
            c => leftmost(c),
        },
        Expr::Member { object, .. } | Expr::Index { object, .. } | Expr::SetMember { object, .. }
            if !matches!(**object, Expr::New { .. } | Expr::Num(_)) =>
        {
            leftmost(object)
        }
        Expr::UpdateMember { object, prefix: false, .. }
            if !matches!(**object, Expr::New { .. } | Expr::Num(_)) =>
        {
            leftmost(object)
        }
        Expr::Add(a, _) | Expr::Binary { left: a, .. } | Expr::Logical { left: a, .. } => leftmost(a),
        Expr::Cond { test, .. } => leftmost(test),
        _ => e,
    }
}

struct Printer {
    out: String,
    indent: usize,
    /// Inside a `for (;;)` init, where a bare `in` would read as `for-in`
    /// (the grammar's [~In]): every `in` operation is parenthesized.
    no_in: bool,
}

/// Binding strength of the context an expression is printed in, loosest
/// first (ECMA-262's expression grammar, one level per production). An
/// expression is parenthesized when it binds looser than its context; the
/// right operand of a left-associative operator takes the next level up.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Prec {
    Lowest,
    /// AssignmentExpression: `=`, `yield`, the branches of `?:`.
    Assign,
    Cond,
    /// `??`, which does not mix with `&&`/`||` unparenthesized.
    Nullish,
    Or,
    And,
    Equality,
    Relational,
    /// Left operand of `+`/`-`.
    Add,
    /// Right operand of `+`/`-`, left of `*`: another `+` needs parentheses.
    Mul,
    /// Operand of `await`, `!`, `typeof`, unary `-`; right of `*`.
    Unary,
    /// `x++`, `x--`.
    Postfix,
    /// Callee of a call or `new`, object of a member access.
    Callee,
}

/// The level above `p` (the right operand of a left-associative operator).
fn tighter(p: Prec) -> Prec {
    match p {
        Prec::Lowest => Prec::Assign,
        Prec::Assign => Prec::Cond,
        Prec::Cond => Prec::Nullish,
        Prec::Nullish => Prec::Or,
        Prec::Or => Prec::And,
        Prec::And => Prec::Equality,
        Prec::Equality => Prec::Relational,
        Prec::Relational => Prec::Add,
        Prec::Add => Prec::Mul,
        Prec::Mul => Prec::Unary,
        Prec::Unary => Prec::Postfix,
        Prec::Postfix | Prec::Callee => Prec::Callee,
    }
}

fn binary_prec(op: BinOp) -> Prec {
    match op {
        BinOp::Arith(ArithOp::Sub) => Prec::Add,
        BinOp::Arith(_) => Prec::Mul,
        BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge | BinOp::In | BinOp::Instanceof => Prec::Relational,
        BinOp::StrictEq | BinOp::StrictNe | BinOp::LooseEq | BinOp::LooseNe => Prec::Equality,
    }
}

fn logical_prec(op: LogicalOp) -> Prec {
    match op {
        LogicalOp::And => Prec::And,
        LogicalOp::Or => Prec::Or,
        LogicalOp::Nullish => Prec::Nullish,
    }
}

/// Whether `e` prints starting with `-` (after `-`, it needs parentheses: `- -x`, not `--x`).
fn starts_with_minus(e: &Expr) -> bool {
    matches!(e, Expr::Num(n) if *n < 0)
        || matches!(e, Expr::Unary { op: UnaryOp::Neg, .. })
        || matches!(e, Expr::Update { op: UpdateOp::Dec, prefix: true, .. })
        || matches!(e, Expr::UpdateMember { op: UpdateOp::Dec, prefix: true, .. })
}

/// JavaScript string literal with single quotes.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    escape_chars(&mut out, s, &['\'']);
    out.push('\'');
    out
}

/// The characters of a template's string part, escaped so that its cooked
/// value is `s` (a raw CR would read back as LF, `${` would start a substitution).
fn template_chars(out: &mut String, s: &str) {
    escape_chars(out, s, &['`', '$'])
}

/// Writes `s` as the inside of a string literal or template whose
/// delimiters (and, for templates, `$`) are `special`: those and the
/// backslash are escaped with a backslash, line terminators and control
/// characters become escape sequences.
fn escape_chars(out: &mut String, s: &str, special: &[char]) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            c if special.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
}

impl Printer {
    fn line_start(&mut self) {
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
    }

    fn block_body(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.line_start();
            self.stmt(s);
            self.out.push('\n');
        }
    }

    /// `{`, the statements indented, `}` at the current indent.
    fn block(&mut self, stmts: &[Stmt]) {
        if stmts.is_empty() {
            self.out.push_str("{}");
            return;
        }
        self.out.push_str("{\n");
        self.indent += 1;
        self.block_body(stmts);
        self.indent -= 1;
        self.line_start();
        self.out.push('}');
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Expr(e) => {
                // An expression statement may not start with `{`, `function`,
                // `class` or `async function`.
                let needs_parens = match leftmost(e) {
                    Expr::Object(_) => true,
                    Expr::Func(f) => f.kind == FuncKind::Function,
                    Expr::Class(_) => true,
                    Expr::NamedFunc { .. } => true,
                    _ => false,
                };
                if needs_parens {
                    self.out.push('(');
                    self.expr(e, Prec::Lowest);
                    self.out.push(')');
                } else {
                    self.expr(e, Prec::Lowest);
                }
                self.out.push(';');
            }
            Stmt::Const { name, init } => {
                let _ = write!(self.out, "const {name} = ");
                self.expr(init, Prec::Lowest);
                self.out.push(';');
            }
            Stmt::Destructure { binding, pattern, init } => {
                let _ = write!(self.out, "{} ", binding.keyword());
                self.pattern(pattern);
                self.out.push_str(" = ");
                self.expr(init, Prec::Lowest);
                self.out.push(';');
            }
            Stmt::Return(None) => self.out.push_str("return;"),
            Stmt::Return(Some(e)) => {
                self.out.push_str("return ");
                self.expr(e, Prec::Lowest);
                self.out.push(';');
            }
            Stmt::Throw(e) => {
                self.out.push_str("throw ");
                self.expr(e, Prec::Lowest);
                self.out.push(';');
            }
            Stmt::Try { body, catch, finally } => {
                self.out.push_str("try ");
                self.block(body);
                if let Some(c) = catch {
                    self.out.push_str(" catch ");
                    if let Some(p) = &c.param {
                        self.out.push('(');
                        self.pattern(p);
                        self.out.push_str(") ");
                    }
                    self.block(&c.body);
                }
                if let Some(f) = finally {
                    self.out.push_str(" finally ");
                    self.block(f);
                }
            }
            Stmt::ForOf { binding, var, iterable, body } => {
                let _ = write!(self.out, "for ({} ", binding.keyword());
                self.pattern(var);
                self.out.push_str(" of ");
                self.expr(iterable, Prec::Assign);
                self.out.push_str(") ");
                self.block(body);
            }
            Stmt::Function { name, func } => {
                if func.is_async {
                    self.out.push_str("async ");
                }
                let star = if func.generator { "*" } else { "" };
                let _ = write!(self.out, "function{star} {name}");
                self.params_and_body(func);
            }
            Stmt::PromiseSubclass { name } => {
                let _ = write!(self.out, "class {name} extends Promise {{}}");
            }
            Stmt::ForAwait { binding, var, iterable, body } => {
                let _ = write!(self.out, "for await ({} ", binding.keyword());
                self.pattern(var);
                self.out.push_str(" of ");
                self.expr(iterable, Prec::Lowest);
                self.out.push_str(") ");
                self.block(body);
            }
            Stmt::Break => self.out.push_str("break;"),
            Stmt::Let { name, init } | Stmt::Var { name, init } => {
                let word = if matches!(s, Stmt::Let { .. }) { "let" } else { "var" };
                let _ = write!(self.out, "{word} {name}");
                if let Some(e) = init {
                    self.out.push_str(" = ");
                    self.expr(e, Prec::Assign);
                }
                self.out.push(';');
            }
            Stmt::While { test, body } => {
                self.out.push_str("while (");
                self.expr(test, Prec::Lowest);
                self.out.push_str(") ");
                self.block(body);
            }
            Stmt::DoWhile { body, test } => {
                self.out.push_str("do ");
                self.block(body);
                self.out.push_str(" while (");
                self.expr(test, Prec::Lowest);
                self.out.push_str(");");
            }
            Stmt::For { init, test, update, body } => {
                self.out.push_str("for (");
                // Each of the statements an init can be ends with its `;`.
                let outer = std::mem::replace(&mut self.no_in, true);
                match init.first() {
                    Some(s) => self.stmt(s),
                    None => self.out.push(';'),
                }
                self.no_in = outer;
                if let Some(e) = test {
                    self.out.push(' ');
                    self.expr(e, Prec::Lowest);
                }
                self.out.push(';');
                if let Some(e) = update {
                    self.out.push(' ');
                    self.expr(e, Prec::Lowest);
                }
                self.out.push_str(") ");
                self.block(body);
            }
            Stmt::Continue => self.out.push_str("continue;"),
            Stmt::If { test, then, otherwise } => {
                self.out.push_str("if (");
                self.expr(test, Prec::Lowest);
                self.out.push_str(") ");
                self.block(then);
                if let Some(b) = otherwise {
                    self.out.push_str(" else ");
                    self.block(b);
                }
            }
            Stmt::Class(c) => self.class(c),
        }
    }

    /// `class Name extends Base { members }`.
    fn class(&mut self, c: &Class) {
        self.out.push_str("class");
        if let Some(n) = &c.name {
            let _ = write!(self.out, " {n}");
        }
        if let Some(e) = &c.extends {
            self.out.push_str(" extends ");
            // ClassHeritage is a LeftHandSideExpression.
            self.name_chain_or_parens(e);
        }
        if c.members.is_empty() {
            self.out.push_str(" {}");
            return;
        }
        self.out.push_str(" {\n");
        self.indent += 1;
        for m in &c.members {
            self.line_start();
            if m.is_static() {
                self.out.push_str("static ");
            }
            match m {
                ClassMember::Constructor(func) => {
                    self.out.push_str("constructor");
                    self.params_and_body(func);
                }
                ClassMember::Method { key, func, .. } => {
                    self.method(key, func);
                }
                ClassMember::Getter { key, body, .. } => self.accessor(key, None, body),
                ClassMember::Setter { key, param, body, .. } => self.accessor(key, Some(param), body),
                ClassMember::Field { key, value, .. } => {
                    self.out.push_str(&print_key(key));
                    if let Some(v) = value {
                        self.out.push_str(" = ");
                        self.expr(v, Prec::Assign);
                    }
                    self.out.push(';');
                }
            }
            self.out.push('\n');
        }
        self.indent -= 1;
        self.line_start();
        self.out.push('}');
    }

    fn params(&mut self, func: &Func) {
        self.out.push('(');
        for (i, p) in func.params.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.element(p);
        }
        if let Some(r) = &func.rest {
            if !func.params.is_empty() {
                self.out.push_str(", ");
            }
            self.out.push_str("...");
            self.pattern(r);
        }
        self.out.push(')');
    }

    /// A binding target: `x`, `[a, , b = 1, ...r]`, `{a, b: [c] = d}`.
    fn pattern(&mut self, p: &Pattern) {
        match p {
            Pattern::Name(n) => self.out.push_str(n),
            Pattern::Array { array, rest } => {
                self.out.push('[');
                for (i, e) in array.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    if let Some(e) = e {
                        self.element(e);
                    }
                }
                match rest {
                    Some(r) => {
                        if !array.is_empty() {
                            self.out.push_str(", ");
                        }
                        self.out.push_str("...");
                        self.pattern(r);
                    }
                    // A last elision needs its own comma: `[a, ,]` has two elements.
                    None if matches!(array.last(), Some(None)) => self.out.push(','),
                    None => {}
                }
                self.out.push(']');
            }
            Pattern::Object { object, rest } => {
                self.out.push('{');
                for (i, prop) in object.iter().enumerate() {
                    self.out.push_str(if i > 0 { ", " } else { " " });
                    if prop.value.target.as_name() != Some(prop.key.as_str()) || is_symbol_key(&prop.key) {
                        self.out.push_str(&print_key(&prop.key));
                        self.out.push_str(": ");
                    }
                    self.element(&prop.value);
                }
                if let Some(r) = rest {
                    let _ = write!(self.out, "{}...{r}", if object.is_empty() { " " } else { ", " });
                }
                self.out.push_str(if object.is_empty() && rest.is_none() { "}" } else { " }" });
            }
        }
    }

    /// A target and its default: `x = 1`.
    fn element(&mut self, e: &Element) {
        self.pattern(&e.target);
        if let Some(d) = &e.default {
            self.out.push_str(" = ");
            self.expr(d, Prec::Assign);
        }
    }

    /// `(params) { body }` for functions and methods.
    fn params_and_body(&mut self, func: &Func) {
        self.params(func);
        self.out.push(' ');
        match &func.body {
            Body::Block(b) => self.block(b),
            // Only arrows have concise bodies; print a method-like one as a return.
            Body::Expr(e) => self.block(&[Stmt::Return(Some((**e).clone()))]),
        }
    }

    fn func(&mut self, func: &Func) {
        if func.is_async {
            self.out.push_str("async ");
        }
        match func.kind {
            FuncKind::Function => {
                self.out.push_str(if func.generator { "function* " } else { "function " });
                self.params_and_body(func);
            }
            FuncKind::Arrow => {
                self.params(func);
                self.out.push_str(" => ");
                match &func.body {
                    Body::Block(b) => self.block(b),
                    Body::Expr(e) => {
                        if matches!(leftmost(e), Expr::Object(_)) {
                            self.out.push('(');
                            self.expr(e, Prec::Lowest);
                            self.out.push(')');
                        } else {
                            self.expr(e, Prec::Lowest);
                        }
                    }
                }
            }
        }
    }

    fn args(&mut self, args: &[Expr]) {
        self.out.push('(');
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.expr(a, Prec::Lowest);
        }
        self.out.push(')');
    }

    fn expr(&mut self, e: &Expr, ctx: Prec) {
        // Which contexts this expression can stand in without parentheses.
        let own = match e {
            Expr::Add(..) => Prec::Add,
            // `-1` is a unary minus: `(-1)()`, not `-1()`.
            Expr::Num(n) if *n < 0 => Prec::Unary,
            Expr::Await(_) => Prec::Unary,
            // `yield` binds loosest of all: parenthesized anywhere but a statement head.
            Expr::Yield(_) | Expr::YieldStar(_) => Prec::Lowest,
            Expr::Func(_) | Expr::NamedFunc { .. } => Prec::Lowest,
            Expr::Assign { .. } | Expr::SetMember { .. } => Prec::Assign,
            Expr::Cond { .. } => Prec::Cond,
            Expr::Logical { op, .. } => logical_prec(*op),
            Expr::Binary { op, .. } => binary_prec(*op),
            Expr::Unary { .. }
            | Expr::Update { prefix: true, .. }
            | Expr::UpdateMember { prefix: true, .. } => Prec::Unary,
            Expr::Update { prefix: false, .. } | Expr::UpdateMember { prefix: false, .. } => Prec::Postfix,
            _ => Prec::Callee,
        };
        let parens = own < ctx || (self.no_in && matches!(e, Expr::Binary { op: BinOp::In, .. }));
        if parens {
            self.out.push('(');
        }
        match e {
            Expr::Undefined => self.out.push_str("undefined"),
            Expr::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Expr::Null => self.out.push_str("null"),
            Expr::Num(n) => {
                let _ = write!(self.out, "{n}");
            }
            Expr::Str(s) => self.out.push_str(&quote(s)),
            Expr::Ident(n) => self.out.push_str(n),
            Expr::Add(a, b) => {
                self.expr(a, Prec::Add);
                self.out.push_str(" + ");
                self.expr(b, Prec::Mul);
            }
            Expr::Binary { op, left, right } => {
                let own = binary_prec(*op);
                self.expr(left, own);
                let _ = write!(self.out, " {} ", op.token());
                self.expr(right, tighter(own));
            }
            Expr::Logical { op, left, right } => {
                // `??` takes no unparenthesized `&&`/`||` operand (nor another `??`).
                let (l, r) = match op {
                    LogicalOp::Nullish => (Prec::Equality, Prec::Equality),
                    op => (logical_prec(*op), tighter(logical_prec(*op))),
                };
                self.expr(left, l);
                let _ = write!(self.out, " {} ", op.token());
                self.expr(right, r);
            }
            Expr::Unary { op, operand } => {
                self.out.push_str(op.token());
                if *op == UnaryOp::Neg && starts_with_minus(operand) {
                    self.out.push('(');
                    self.expr(operand, Prec::Lowest);
                    self.out.push(')');
                } else {
                    self.expr(operand, Prec::Unary);
                }
            }
            Expr::Update { target, op, prefix } => {
                let token = if *op == UpdateOp::Inc { "++" } else { "--" };
                if *prefix {
                    let _ = write!(self.out, "{token}{target}");
                } else {
                    let _ = write!(self.out, "{target}{token}");
                }
            }
            Expr::Assign { target, op, value } => {
                let _ = write!(self.out, "{target} {} ", op.token());
                self.expr(value, Prec::Assign);
            }
            Expr::Cond { test, then, otherwise } => {
                self.expr(test, Prec::Nullish);
                self.out.push_str(" ? ");
                self.expr(then, Prec::Assign);
                self.out.push_str(" : ");
                self.expr(otherwise, Prec::Assign);
            }
            Expr::Array(xs) => {
                self.out.push('[');
                for (i, x) in xs.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.expr(x, Prec::Lowest);
                }
                self.out.push(']');
            }
            Expr::Object(props) => self.object(props),
            Expr::Func(f) => self.func(f),
            Expr::NamedFunc { name, func } => {
                if func.is_async {
                    self.out.push_str("async ");
                }
                let star = if func.generator { "*" } else { "" };
                let _ = write!(self.out, "function{star} {name}");
                self.params_and_body(func);
            }
            Expr::Call { callee, args } => {
                self.expr(callee, Prec::Callee);
                self.args(args);
            }
            Expr::Member { object, property } => {
                self.member_object(object);
                self.out.push_str(&print_member_key(property));
            }
            Expr::Index { object, index: key } => {
                self.member_object(object);
                self.computed_key(key);
            }
            Expr::SetMember { object, key, op, value } => {
                self.member_ref(object, key);
                let _ = write!(self.out, " {} ", op.token());
                self.expr(value, Prec::Assign);
            }
            Expr::UpdateMember { object, key, op, prefix } => {
                let token = if *op == UpdateOp::Inc { "++" } else { "--" };
                if *prefix {
                    self.out.push_str(token);
                }
                self.member_ref(object, key);
                if !*prefix {
                    self.out.push_str(token);
                }
            }
            Expr::New { callee, args } => {
                self.out.push_str("new ");
                // `new f()()` vs `new (f())()`: only a chain of names is printed bare.
                self.name_chain_or_parens(callee);
                self.args(args);
            }
            Expr::Await(x) => {
                self.out.push_str("await ");
                self.expr(x, Prec::Unary);
            }
            Expr::Yield(x) => {
                self.out.push_str("yield ");
                self.expr(x, Prec::Lowest);
            }
            Expr::YieldStar(x) => {
                self.out.push_str("yield* ");
                self.expr(x, Prec::Lowest);
            }
            Expr::Spread(x) => {
                self.out.push_str("...");
                self.expr(x, Prec::Assign);
            }
            Expr::This => self.out.push_str("this"),
            Expr::Class(c) => self.class(c),
            Expr::SuperCall(args) => {
                self.out.push_str("super");
                self.args(args);
            }
            Expr::SuperMember(p) => {
                let _ = write!(self.out, "super.{p}");
            }
            Expr::Template { quasis, exprs } => {
                self.out.push('`');
                for (i, q) in quasis.iter().enumerate() {
                    template_chars(&mut self.out, q);
                    if let Some(e) = exprs.get(i) {
                        self.out.push_str("${");
                        self.expr(e, Prec::Lowest);
                        self.out.push('}');
                    }
                }
                self.out.push('`');
            }
        }
        if parens {
            self.out.push(')');
        }
    }

    /// The object of a member access: `new P().x` and `5.x` need help.
    fn member_object(&mut self, object: &Expr) {
        let wrap = matches!(*object, Expr::New { .. } | Expr::Num(_));
        if wrap {
            self.out.push('(');
            self.expr(object, Prec::Lowest);
            self.out.push(')');
        } else {
            self.expr(object, Prec::Callee);
        }
    }

    /// `object.name` / `object[key]`, the target of an assignment or update.
    fn member_ref(&mut self, object: &Expr, key: &MemberKey) {
        self.member_object(object);
        match key {
            MemberKey::Name(n) => self.out.push_str(&print_member_key(n)),
            MemberKey::Computed(k) => self.computed_key(k),
        }
    }

    /// `async? *? key(params) { body }`: a method of an object literal or a class.
    /// `get key() { body }`, or `set key(param) { body }` with a parameter.
    fn accessor(&mut self, key: &str, setter_param: Option<&str>, body: &[Stmt]) {
        let _ = match setter_param {
            None => write!(self.out, "get {}() ", print_key(key)),
            Some(param) => write!(self.out, "set {}({param}) ", print_key(key)),
        };
        self.block(body);
    }

    fn method(&mut self, key: &str, func: &Func) {
        if func.is_async {
            self.out.push_str("async ");
        }
        if func.generator {
            self.out.push('*');
        }
        self.out.push_str(&print_key(key));
        self.params_and_body(func);
    }

    /// `e` bare if it is a chain of names (`a.b.c`), else in parentheses.
    fn name_chain_or_parens(&mut self, e: &Expr) {
        if is_name_chain(e) {
            self.expr(e, Prec::Callee);
        } else {
            self.out.push('(');
            self.expr(e, Prec::Lowest);
            self.out.push(')');
        }
    }

    /// `[key]` after a member's object. An arrow function is parenthesized:
    /// boa_parser reads a `/` after `[() => {}]` as a regular expression.
    fn computed_key(&mut self, key: &Expr) {
        self.out.push('[');
        let arrow = matches!(key, Expr::Func(f) if f.kind == FuncKind::Arrow);
        self.expr(key, if arrow { Prec::Assign } else { Prec::Lowest });
        self.out.push(']');
    }

    fn object(&mut self, props: &[Prop]) {
        if props.is_empty() {
            self.out.push_str("{}");
            return;
        }
        self.out.push_str("{\n");
        self.indent += 1;
        for (i, p) in props.iter().enumerate() {
            self.line_start();
            match p {
                Prop::Value { key, value } => {
                    let _ = write!(self.out, "{}: ", print_key(key));
                    self.expr(value, Prec::Lowest);
                }
                Prop::Method { key, func } => {
                    self.method(key, func);
                }
                Prop::Getter { key, body } => self.accessor(key, None, body),
                Prop::Setter { key, param, body } => self.accessor(key, Some(param), body),
            }
            if i + 1 < props.len() {
                self.out.push(',');
            }
            self.out.push('\n');
        }
        self.indent -= 1;
        self.line_start();
        self.out.push('}');
    }
}
