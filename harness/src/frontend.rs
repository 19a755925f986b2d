//! The JS front end: parses a classic script written in the model's subset
//! into the program model. It is the inverse of `generators::printer`:
//! `parse_program(&print_program(p), _) == Ok(p)` for every program the
//! printer prints faithfully (see `tests/frontend.rs`).
//!
//! Boa's parser (`boa_parser`) does the parsing, so every syntax error is a
//! real one; this module then converts Boa's AST into the model and rejects,
//! with the construct's position, everything the model does not express
//! (`switch`, `for-in`, labels, regular expressions, object spread, computed
//! keys other than the well-known symbols, destructuring assignment, and so
//! on: the `rejects` rows of `tests/frontend.rs` list them). Nothing is
//! approximated: a program is either translated exactly or rejected.
//!
//! Positions. Boa's AST gives spans to expressions but not to statements, so
//! the front end also runs Boa's lexer over the source and finds a statement's
//! leading token (`while`, `let`, `{`, a label, ..) after the last position it
//! has converted. Conversion runs in source order and stops at the first
//! unsupported construct. The token stream is exact: the two tokens a lexer
//! cannot classify without the parser's help are a `/` (division or a
//! regular expression: the AST's regular expressions say which) and a `}`
//! that continues a template ([`tokenize`]).

use boa_ast::{
    declaration::{Binding, LexicalDeclaration, VariableList},
    expression::{
        access::{PropertyAccess, PropertyAccessField},
        literal::{LiteralKind, ObjectLiteral, PropertyDefinition, TemplateElement},
        operator::{
            assign::{AssignOp, AssignTarget},
            binary::{ArithmeticOp, BinaryOp, LogicalOp, RelationalOp},
            unary::UnaryOp,
            update::{UpdateOp, UpdateTarget},
        },
        Expression, Identifier,
    },
    function::{ClassElement, ClassElementName, FormalParameterList, FunctionBody, PrivateName},
    property::{MethodDefinitionKind, PropertyName},
    scope::Scope,
    statement::{
        iteration::{ForLoopInitializer, IterableLoopInitializer},
        DoWhileLoop, ForLoop, ForOfLoop, Try, WhileLoop,
    },
    Declaration, Position, Punctuator, Span, Spanned, Statement, StatementListItem,
};
use boa_interner::{Interner, Sym};
use boa_parser::{lexer::TokenKind, Lexer, Parser, Source};
use generators::model::{self, Body, Catch, ClassMember, Expr, Func, FuncKind, Program, Prop, Stmt};
use generators::validate::MAX_DEPTH;

/// Why a source file could not be turned into a model program.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}:{col}: {kind}")]
pub struct FrontendError {
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in Unicode code points.
    pub col: u32,
    pub kind: FrontendErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FrontendErrorKind {
    /// Valid JavaScript outside the model's subset; names the construct.
    #[error("unsupported: {0}")]
    Unsupported(String),
    /// Invalid JavaScript (Boa's parser message, without its position).
    #[error("syntax error: {0}")]
    Syntax(String),
    /// The parser itself failed (it panicked, or its thread would not
    /// start): a bug or a limit of tickdiff, which says nothing of the
    /// program.
    #[error("the front end failed: {0}")]
    Internal(String),
}

impl FrontendError {
    /// The construct (for `Unsupported`) or the parser's message.
    pub fn message(&self) -> &str {
        match &self.kind {
            FrontendErrorKind::Unsupported(m)
            | FrontendErrorKind::Syntax(m)
            | FrontendErrorKind::Internal(m) => m,
        }
    }

    pub fn is_unsupported(&self) -> bool {
        matches!(self.kind, FrontendErrorKind::Unsupported(_))
    }
}

/// The largest source the front end translates (256 KiB); engines still
/// run larger files, without a model. Chains that Boa parses in a loop
/// (`1 + 1 + ...`, `a, b, ...`) still nest in its AST, which the analyses
/// after parsing walk recursively: this bounds them within the stack.
pub const MAX_SOURCE_BYTES: usize = 256 << 10;

/// The longest chain of `.name` accesses parsed: Boa recomputes the span of
/// the whole chain at each link, so a chain costs the square of its length.
pub const MAX_MEMBER_CHAIN: usize = 1000;

/// The parser's thread stack, and how much of it a parse may use before it
/// is stopped: Boa's parser recurses for each level of nesting (~27 KiB a
/// level for parentheses), and the analyses after it recurse over the AST.
const PARSE_STACK: usize = 256 << 20;
const PARSE_STACK_RESERVE: usize = 32 << 20;

/// Parses `source` (a classic script; `path` only labels errors) into the
/// program model. Never overflows the stack: parsing runs on a thread with
/// [`PARSE_STACK`] of it, and input nested too deeply for that, or deeper
/// than the model's [`MAX_DEPTH`], is an
/// error at its position.
pub fn parse_program(source: &str, path: &str) -> Result<Program, FrontendError> {
    if source.len() > MAX_SOURCE_BYTES {
        return Err(FrontendError {
            path: path.to_string(),
            line: 1,
            col: 1,
            kind: FrontendErrorKind::Unsupported(format!(
                "source of {} bytes (the front end reads at most {MAX_SOURCE_BYTES})",
                source.len()
            )),
        });
    }
    if let Some(offset) = member_chain_past(source, MAX_MEMBER_CHAIN) {
        let pos = end_position(&source[..offset]);
        return Err(FrontendError {
            path: path.to_string(),
            line: pos.line_number(),
            col: pos.column_number(),
            kind: FrontendErrorKind::Unsupported(format!("member chain longer than {MAX_MEMBER_CHAIN}")),
        });
    }
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("js-frontend".into())
            .stack_size(PARSE_STACK)
            .spawn_scoped(scope, || parse_on_this_thread(source, path))
            .map_err(|e| FrontendError {
                path: path.to_string(),
                line: 1,
                col: 1,
                kind: FrontendErrorKind::Internal(format!("cannot start the parser thread: {e}")),
            })?
            .join()
            .unwrap_or_else(|_| {
                Err(FrontendError {
                    path: path.to_string(),
                    line: 1,
                    col: 1,
                    kind: FrontendErrorKind::Internal("the parser panicked".into()),
                })
            })
    })
}

/// Where the first run of more than `max` `.name` links ends (a byte
/// offset), counting over whitespace and comments and, to be safe, inside
/// strings too: that only costs a string of thousands of `.x`.
fn member_chain_past(source: &str, max: usize) -> Option<usize> {
    let b = source.as_bytes();
    let is_name = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80;
    let (mut i, mut run) = (0, 0usize);
    // Skips whitespace and comments from `i`.
    let skip = |mut i: usize| loop {
        if i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        } else if b[i..].starts_with(b"//") {
            i += b[i..].iter().position(|&c| c == b'\n').unwrap_or(b.len() - i);
        } else if b[i..].starts_with(b"/*") {
            i += 2 + b[i + 2..].windows(2).position(|w| w == b"*/").map_or(b.len() - i - 2, |p| p + 2);
        } else {
            return i;
        }
    };
    while i < b.len() {
        if b[i] == b'.' {
            let j = skip(i + 1);
            if j < b.len() && is_name(b[j]) && !b[j].is_ascii_digit() {
                let mut k = j;
                while k < b.len() && is_name(b[k]) {
                    k += 1;
                }
                run += 1;
                if run > max {
                    return Some(floor_char_boundary(source, k));
                }
                i = skip(k);
                continue;
            }
        }
        if !is_name(b[i]) {
            run = 0;
        }
        i += 1;
    }
    None
}

/// Roughly the stack pointer: the address of a local.
#[inline(never)]
fn stack_address() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// The source, byte by byte, to Boa's lexer, which reads from the deepest
/// frame of the parser's recursion: a read with too little stack left is
/// an I/O error, which unwinds the parser normally.
struct StackGuardedSource<'s> {
    bytes: &'s [u8],
    pos: usize,
    stack_base: usize,
    /// Where the stack ran short, if it did.
    exhausted_at: &'s std::cell::Cell<Option<usize>>,
}

impl std::io::Read for StackGuardedSource<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let used = self.stack_base.abs_diff(stack_address());
        if used > PARSE_STACK - PARSE_STACK_RESERVE {
            self.exhausted_at.set(Some(self.pos));
            return Err(std::io::Error::other("nesting too deep"));
        }
        let n = buf.len().min(self.bytes.len() - self.pos);
        buf[..n].copy_from_slice(&self.bytes[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

fn parse_on_this_thread(source: &str, path: &str) -> Result<Program, FrontendError> {
    let mut interner = Interner::default();
    let scope = Scope::new_global();
    let exhausted_at = std::cell::Cell::new(None);
    let reader = StackGuardedSource {
        bytes: source.as_bytes(),
        pos: 0,
        stack_base: stack_address(),
        exhausted_at: &exhausted_at,
    };
    let parsed = Parser::new(Source::from_reader(reader, None)).parse_script(&scope, &mut interner);
    let script = match (parsed, exhausted_at.get()) {
        (_, Some(offset)) => {
            let pos = end_position(&source[..floor_char_boundary(source, offset)]);
            return Err(FrontendError {
                path: path.to_string(),
                line: pos.line_number(),
                col: pos.column_number(),
                kind: FrontendErrorKind::Unsupported(format!(
                    "nesting too deep for the parser ({} MiB of stack)",
                    (PARSE_STACK - PARSE_STACK_RESERVE) >> 20
                )),
            });
        }
        (Err(e), None) => return Err(syntax_error(&e, source, path)),
        (Ok(script), None) => script,
    };
    let toks = tokenize(source, &regexp_starts(&script), &mut interner);
    let mut conv =
        Converter { interner: &interner, path, toks, lb: 0, depth: 0, in_block: false, in_class: false };
    let body = conv.stmts(script.statements().statements())?;
    Ok(Program { body })
}

/// The largest char boundary at or below `i`.
fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

// ---------------------------------------------------------------------------
// Syntax errors

fn syntax_error(e: &boa_parser::Error, source: &str, path: &str) -> FrontendError {
    use boa_parser::Error as E;
    let (msg, pos) = match e {
        E::Expected { expected, found, context, span } => {
            let expected = match &**expected {
                [one] => format!("token '{one}'"),
                many => {
                    format!("one of {}", many.iter().map(|t| format!("'{t}'")).collect::<Vec<_>>().join(", "))
                }
            };
            (format!("expected {expected}, got '{found}' in {context}"), Some(span.start()))
        }
        E::Unexpected { message, found, span } => {
            (format!("unexpected token '{found}', {message}"), Some(span.start()))
        }
        E::AbruptEnd => ("unexpected end of input".to_string(), Some(end_position(source))),
        E::Lex { err } => match err {
            boa_parser::lexer::Error::Syntax(msg, pos) => (msg.to_string(), Some(*pos)),
            boa_parser::lexer::Error::IO(io) => (io.to_string(), None),
        },
        E::ScopeAnalysis { err } => (format!("invalid scope analysis: {err}"), None),
        E::General { message, position } => (message.to_string(), Some(*position)),
    };
    let pos = pos.unwrap_or(Position::new(1, 1));
    FrontendError {
        path: path.to_string(),
        line: pos.line_number(),
        col: pos.column_number(),
        kind: FrontendErrorKind::Syntax(msg),
    }
}

/// The position just past the last character, counted as Boa counts.
fn end_position(source: &str) -> Position {
    let (mut line, mut col) = (1u32, 1u32);
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                line += 1;
                col = 1;
            }
            '\n' | '\u{2028}' | '\u{2029}' => {
                line += 1;
                col = 1;
            }
            _ => col += 1,
        }
    }
    Position::new(line, col)
}

// ---------------------------------------------------------------------------
// Tokens, for the positions of statements

struct Tok {
    kind: TokenKind,
    span: Span,
}

/// Where the script's regular expression literals start, from its AST: the
/// parser's answer to which `/` starts one, which a lexer alone cannot give.
fn regexp_starts(script: &boa_ast::Script) -> std::collections::HashSet<Position> {
    use boa_ast::visitor::{VisitWith, Visitor};
    use std::ops::ControlFlow;
    struct Starts(std::collections::HashSet<Position>);
    impl<'ast> Visitor<'ast> for Starts {
        type BreakTy = std::convert::Infallible;
        fn visit_reg_exp_literal(
            &mut self,
            node: &'ast boa_ast::expression::RegExpLiteral,
        ) -> ControlFlow<Self::BreakTy> {
            self.0.insert(node.span().start());
            ControlFlow::Continue(())
        }
    }
    let mut starts = Starts(Default::default());
    let _ = script.visit_with(&mut starts);
    starts.0
}

/// Boa's tokens up to the end or to the first lexing error. Every `/`
/// that does not start one of the AST's `regexps` is division.
fn tokenize(
    source: &str,
    regexps: &std::collections::HashSet<Position>,
    interner: &mut Interner,
) -> Vec<Tok> {
    let mut out = Vec::new();
    // Where the lexer starts: a byte offset, and the position it has.
    let (mut from, mut origin) = (0, Position::new(1, 1));
    // Token ends only move forward: finding each one's byte offset from the
    // last one keeps the whole pass linear.
    let mut seen = SourceCursor::default();
    // The brace depth at each open template substitution (`${`), innermost
    // last: the `}` that closes one continues its template, which the lexer
    // alone cannot know either.
    let (mut depth, mut substitutions) = (0usize, Vec::new());
    'lex: loop {
        let mut lexer = Lexer::from(&source.as_bytes()[from..]);
        while let Ok(Some(tok)) = lexer.next(interner) {
            let span = Span::new(shifted(tok.span().start(), origin), shifted(tok.span().end(), origin));
            match tok.kind() {
                TokenKind::LineTerminator | TokenKind::Comment => continue,
                TokenKind::EOF => break,
                kind => out.push(Tok { kind: kind.clone(), span }),
            }
            match tok.kind() {
                TokenKind::TemplateMiddle(_) => substitutions.push(depth),
                TokenKind::Punctuator(Punctuator::OpenBlock) => depth += 1,
                TokenKind::Punctuator(Punctuator::CloseBlock) if substitutions.last() == Some(&depth) => {
                    substitutions.pop();
                    let Some(at) = seen.seek(source, span.end()) else { break 'lex };
                    let (end, pos, more) = template_continuation(source, at, span.end());
                    out.push(Tok { kind: tok.kind().clone(), span: Span::new(span.end(), pos) });
                    if more {
                        substitutions.push(depth);
                    }
                    (from, origin) = (end, pos);
                    // A template that ends here ends an operand too.
                    if !more {
                        if let Some(next) = push_division(source, &mut seen, pos, regexps, &mut out) {
                            (from, origin) = next;
                        }
                    }
                    continue 'lex;
                }
                TokenKind::Punctuator(Punctuator::CloseBlock) => depth = depth.saturating_sub(1),
                _ => {}
            }
            // The lexer alone cannot know its goal symbol, and reads a `/`
            // as the start of a regular expression: where the AST has none,
            // push the dividing operator and lex again after it.
            if let Some(next) = push_division(source, &mut seen, span.end(), regexps, &mut out) {
                (from, origin) = next;
                continue 'lex;
            }
        }
        break;
    }
    out
}

/// After a token ending at `end`: a `/` or `/=` there that starts none of
/// the `regexps` is pushed as that operator, and the byte offset and
/// position after it returned, where lexing goes on.
fn push_division(
    source: &str,
    seen: &mut SourceCursor,
    end: Position,
    regexps: &std::collections::HashSet<Position>,
    out: &mut Vec<Tok>,
) -> Option<(usize, Position)> {
    let (at, pos) = slash_after(source, seen, end).filter(|(_, pos)| !regexps.contains(pos))?;
    let assign = source[at..].starts_with("/=");
    let width = if assign { 2 } else { 1 };
    let op = if assign { Punctuator::AssignDiv } else { Punctuator::Div };
    let after = Position::new(pos.line_number(), pos.column_number() + width);
    out.push(Tok { kind: TokenKind::Punctuator(op), span: Span::new(pos, after) });
    Some((at + width as usize, after))
}

/// The rest of a template after a substitution's `}` at byte `at`
/// (position `pos`): the byte offset and position after its closing
/// `` ` `` or its next `${`, and whether that was a `${`.
fn template_continuation(source: &str, at: usize, pos: Position) -> (usize, Position, bool) {
    let (mut line, mut col) = (pos.line_number(), pos.column_number());
    let mut chars = source[at..].char_indices().peekable();
    let newline = |c: char, chars: &mut std::iter::Peekable<std::str::CharIndices>| {
        if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
            chars.next();
        }
    };
    while let Some((i, c)) = chars.next() {
        match c {
            '`' => return (at + i + 1, Position::new(line, col + 1), false),
            '$' if chars.peek().is_some_and(|&(_, n)| n == '{') => {
                return (at + i + 2, Position::new(line, col + 2), true);
            }
            '\\' => {
                col += 1;
                match chars.next() {
                    Some((_, c @ ('\r' | '\n' | '\u{2028}' | '\u{2029}'))) => {
                        newline(c, &mut chars);
                        (line, col) = (line + 1, 1);
                    }
                    Some(_) => col += 1,
                    None => break,
                }
            }
            '\r' | '\n' | '\u{2028}' | '\u{2029}' => {
                newline(c, &mut chars);
                (line, col) = (line + 1, 1);
            }
            _ => col += 1,
        }
    }
    (source.len(), Position::new(line, col), false)
}

/// Where a `/` stands after a token ending at `end`, past white space and
/// comments (which the lexer skips without a token): its byte offset and
/// position.
fn slash_after(source: &str, seen: &mut SourceCursor, end: Position) -> Option<(usize, Position)> {
    let mut at = seen.seek(source, end)?;
    let (mut line, mut col) = (end.line_number(), end.column_number());
    loop {
        let tail = &source[at..];
        // What comes next that is neither a token nor a `/` to classify.
        let skipped = if tail.starts_with("//") {
            tail.find(['\r', '\n', '\u{2028}', '\u{2029}']).unwrap_or(tail.len())
        } else if tail.starts_with("/*") {
            tail.find("*/")? + 2
        } else if tail.starts_with("\r\n") {
            2
        } else {
            match tail.chars().next() {
                Some(c) if c.is_whitespace() || c == '\u{feff}' => c.len_utf8(),
                Some('/') => return Some((at, Position::new(line, col))),
                _ => return None,
            }
        };
        let text = &tail[..skipped];
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' | '\n' | '\u{2028}' | '\u{2029}' => {
                    if c == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    (line, col) = (line + 1, 1);
                }
                _ => col += 1,
            }
        }
        at += skipped;
    }
}

/// `pos` of a lexer that started at `origin` (1-based line and column).
fn shifted(pos: Position, origin: Position) -> Position {
    if pos.line_number() == 1 {
        Position::new(origin.line_number(), origin.column_number() + pos.column_number() - 1)
    } else {
        Position::new(origin.line_number() + pos.line_number() - 1, pos.column_number())
    }
}

/// A place in the source: its byte offset and its position, counted as
/// Boa's lexer counts (lines end at LF, CR, CRLF, U+2028, U+2029; a column is
/// a code point).
#[derive(Clone, Copy)]
struct SourceCursor {
    at: usize,
    line: u32,
    col: u32,
}

impl Default for SourceCursor {
    fn default() -> Self {
        SourceCursor { at: 0, line: 1, col: 1 }
    }
}

impl SourceCursor {
    /// The byte offset of `pos`, at or after this cursor, which moves there.
    fn seek(&mut self, source: &str, pos: Position) -> Option<usize> {
        let target = (pos.line_number(), pos.column_number());
        if (self.line, self.col) > target {
            *self = SourceCursor::default();
        }
        let mut chars = source[self.at..].char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if (self.line, self.col) == target {
                self.at += i;
                return Some(self.at);
            }
            match c {
                '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => {}
                '\r' | '\n' | '\u{2028}' | '\u{2029}' => (self.line, self.col) = (self.line + 1, 1),
                _ => self.col += 1,
            }
        }
        *self = SourceCursor::default();
        None
    }
}

/// The leading token of a statement.
#[derive(Clone, Copy)]
enum Lead<'s> {
    /// A keyword, or an identifier spelled so (`let`, `async`, a label).
    Word(&'s str),
    Punct(Punctuator),
}

// ---------------------------------------------------------------------------
// Conversion

type Res<T> = Result<T, FrontendError>;

struct Converter<'a> {
    interner: &'a Interner,
    path: &'a str,
    toks: Vec<Tok>,
    /// Index of the first token not yet accounted for: statements start at or after it.
    lb: usize,
    /// Statements, expressions and functions being converted, counted as
    /// `nesting_depth` counts them: never more than `MAX_DEPTH`.
    depth: usize,
    /// Converting a nested block (not a function's or the script's top
    /// level), where a function declaration has Annex B.3.3's semantics.
    in_block: bool,
    /// Converting a class element (or an arrow in one), where `super.x` is
    /// the model's; in an object literal's method it is not.
    in_class: bool,
}

impl Converter<'_> {
    // -- positions ----------------------------------------------------------

    fn unsupported<T>(&self, pos: Position, what: impl Into<String>) -> Res<T> {
        Err(FrontendError {
            path: self.path.to_string(),
            line: pos.line_number(),
            col: pos.column_number(),
            kind: FrontendErrorKind::Unsupported(what.into()),
        })
    }

    /// Index of the first token starting at or after `pos`.
    fn tok_index(&self, pos: Position) -> usize {
        self.toks.partition_point(|t| t.span.start() < pos)
    }

    fn plausible(&self, span: Span) -> bool {
        span.start() <= span.end() && self.toks.last().is_some_and(|t| span.end() <= t.span.end())
    }

    /// A node starting at `span.start()` is being converted.
    fn enter(&mut self, span: Span) {
        if self.plausible(span) {
            self.lb = self.lb.max(self.tok_index(span.start()));
        }
    }

    /// Where an expression starts. Boa's span of a call covers only its
    /// arguments, and nodes whose span starts with a call inherit that.
    fn start(&self, e: &Expression) -> Position {
        let inner = match e {
            // Boa computes these spans from their first operand, recursively:
            // asking for them at every level would be quadratic in a chain.
            Expression::Binary(b) => return self.start(b.lhs()),
            Expression::PropertyAccess(PropertyAccess::Simple(a)) => return self.start(a.target()),
            Expression::Conditional(c) => return self.start(c.condition()),
            Expression::Call(c) => self.start(c.function()),
            Expression::PropertyAccess(PropertyAccess::Private(a)) => self.start(a.target()),
            Expression::TaggedTemplate(t) => self.start(t.tag()),
            Expression::Optional(o) => self.start(o.target()),
            _ => e.span().start(),
        };
        inner.min(e.span().start())
    }

    /// The span of `e`, from its true start.
    fn full_span(&self, e: &Expression) -> Span {
        Span::new(self.start(e), self.end(e))
    }

    /// Where `e` ends, without Boa's recursive spans of whole chains.
    fn end(&self, e: &Expression) -> Position {
        match e {
            Expression::Binary(b) => self.end(b.rhs()),
            Expression::PropertyAccess(PropertyAccess::Simple(a)) => a.field().span().end(),
            Expression::Conditional(c) => self.end(c.if_false()),
            _ => e.span().end(),
        }
    }

    /// A node ending at `span.end()` has been converted.
    fn leave(&mut self, span: Span) {
        if self.plausible(span) {
            self.lb = self.lb.max(self.toks.partition_point(|t| t.span.start() < span.end()));
        }
    }

    fn tok_word(&self, kind: &TokenKind) -> Option<String> {
        match kind {
            TokenKind::IdentifierName((sym, _)) => self.sym_string(*sym),
            TokenKind::Keyword((kw, _)) => Some(kw.as_str().0.to_string()),
            _ => None,
        }
    }

    fn matches(&self, kind: &TokenKind, lead: Lead<'_>) -> bool {
        match lead {
            Lead::Punct(p) => matches!(kind, TokenKind::Punctuator(q) if *q == p),
            Lead::Word(w) => self.tok_word(kind).as_deref() == Some(w),
        }
    }

    /// Position of the statement that starts with `lead`: the first such
    /// token not yet accounted for. Accounts for it.
    fn stmt_at(&mut self, lead: Lead<'_>) -> Position {
        match (self.lb..self.toks.len()).find(|&i| self.matches(&self.toks[i].kind, lead)) {
            Some(i) => {
                self.lb = i + 1;
                self.toks[i].span.start()
            }
            None => self.fallback_position(),
        }
    }

    fn fallback_position(&self) -> Position {
        match (self.toks.get(self.lb), self.toks.last()) {
            (Some(t), _) => t.span.start(),
            (None, Some(t)) => t.span.end(),
            (None, None) => Position::new(1, 1),
        }
    }

    /// The token starting exactly at `pos`, if any.
    fn tok_at(&self, pos: Position) -> Option<&TokenKind> {
        self.toks.get(self.tok_index(pos)).filter(|t| t.span.start() == pos).map(|t| &t.kind)
    }

    /// The token just before the one at `pos`.
    fn tok_before(&self, pos: Position) -> Option<&Tok> {
        self.tok_index(pos).checked_sub(1).and_then(|i| self.toks.get(i))
    }

    /// Position of the first token at or after `pos` other than a `)`
    /// (an operator after a parenthesized left operand).
    fn operator_after(&self, pos: Position) -> Position {
        self.toks[self.tok_index(pos).min(self.toks.len())..]
            .iter()
            .find(|t| !matches!(t.kind, TokenKind::Punctuator(Punctuator::CloseParen)))
            .map_or(pos, |t| t.span.start())
    }

    /// Converts one level of nesting (a statement, expression or function
    /// starting at `pos`), refusing to go deeper than the model allows.
    fn nested<T>(&mut self, pos: Position, f: impl FnOnce(&mut Self) -> Res<T>) -> Res<T> {
        if self.depth >= MAX_DEPTH {
            return self.unsupported(pos, format!("nesting deeper than {MAX_DEPTH}"));
        }
        self.depth += 1;
        let out = f(self);
        self.depth -= 1;
        out
    }

    // -- names ----------------------------------------------------------------

    fn sym_string(&self, sym: Sym) -> Option<String> {
        String::from_utf16(self.interner.resolve_expect(sym).utf16()).ok()
    }

    fn string(&self, sym: Sym, pos: Position) -> Res<String> {
        match self.sym_string(sym) {
            Some(s) => Ok(s),
            None => self.unsupported(pos, "string with a lone surrogate"),
        }
    }

    fn ident(&mut self, id: &Identifier) -> Res<String> {
        self.enter(id.span());
        let s = self.string(id.sym(), id.span().start())?;
        self.leave(id.span());
        Ok(s)
    }

    // -- statements -------------------------------------------------------------

    /// Converts `f` with `in_block` set to `in_block`, restoring it after.
    fn scoped<T>(&mut self, in_block: bool, f: impl FnOnce(&mut Self) -> Res<T>) -> Res<T> {
        let saved = std::mem::replace(&mut self.in_block, in_block);
        let out = f(self);
        self.in_block = saved;
        out
    }

    /// The statements of a nested block.
    fn block_stmts(&mut self, items: &[StatementListItem]) -> Res<Vec<Stmt>> {
        self.scoped(true, |c| c.stmts(items))
    }

    fn stmts(&mut self, items: &[StatementListItem]) -> Res<Vec<Stmt>> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            if let StatementListItem::Declaration(d) = item {
                let is_function = matches!(
                    &**d,
                    Declaration::FunctionDeclaration(_)
                        | Declaration::AsyncFunctionDeclaration(_)
                        | Declaration::GeneratorDeclaration(_)
                        | Declaration::AsyncGeneratorDeclaration(_)
                );
                if is_function && self.in_block {
                    let pos = self.fallback_position();
                    return self.unsupported(pos, "function declaration in a block (Annex B.3.3 semantics)");
                }
            }
            let s = match item {
                StatementListItem::Statement(s) => self.stmt(s)?,
                StatementListItem::Declaration(d) => match &**d {
                    Declaration::Lexical(l @ (LexicalDeclaration::Let(_) | LexicalDeclaration::Const(_))) => {
                        let pos = self.fallback_position();
                        self.nested(pos, |c| c.lexical(l))?
                    }
                    d => vec![self.decl(d)?],
                },
            };
            out.extend(s);
        }
        Ok(out)
    }

    /// Nothing for an empty statement `;`, which the model drops; one
    /// model statement per name of a `var` list.
    fn stmt(&mut self, s: &Statement) -> Res<Vec<Stmt>> {
        if let Statement::Var(v) = s {
            return self.nested(self.fallback_position(), |c| {
                c.stmt_at(Lead::Word("var"));
                c.declarations(&v.0, "var")
            });
        }
        Ok(self.nested(self.fallback_position(), |c| c.stmt_unnested(s))?.into_iter().collect())
    }

    /// `let a = 1, b;` / `const a = 1, b = 2;`: one statement per name, the
    /// same bindings initialized in the same order.
    fn lexical(&mut self, l: &LexicalDeclaration) -> Res<Vec<Stmt>> {
        let (word, list) = match l {
            LexicalDeclaration::Let(list) => ("let", list),
            LexicalDeclaration::Const(list) => ("const", list),
            _ => unreachable!("only let and const come here"),
        };
        self.stmt_at(Lead::Word(word));
        self.declarations(list, word)
    }

    fn declarations(&mut self, list: &VariableList, word: &str) -> Res<Vec<Stmt>> {
        let mut out = Vec::new();
        for var in list.as_ref() {
            let name = match var.binding() {
                Binding::Identifier(id) => self.ident(id)?,
                Binding::Pattern(p) => {
                    let pattern = self.pattern(p)?;
                    let Some(init) = var.init() else {
                        unreachable!("boa_parser rejects a pattern without an initializer")
                    };
                    let init = self.head_expr(init, true)?;
                    out.push(loop_binding(word).declaration(pattern, init));
                    continue;
                }
            };
            let init = var.init().map(|e| self.head_expr(e, true)).transpose()?;
            out.push(match (word, init) {
                ("var", init) => Stmt::Var { name, init },
                ("let", init) => Stmt::Let { name, init },
                (_, Some(init)) => Stmt::Const { name, init },
                (_, None) => unreachable!("boa_parser rejects a const without an initializer"),
            });
        }
        Ok(out)
    }

    /// `if (test) then else otherwise`; a branch that is not a block is one of one statement.
    fn if_stmt(&mut self, i: &boa_ast::statement::If) -> Res<Stmt> {
        self.stmt_at(Lead::Word("if"));
        let test = self.expr(i.cond())?;
        let then = self.loop_body(i.body())?;
        let otherwise = i.else_node().map(|e| self.loop_body(e)).transpose()?;
        Ok(Stmt::If { test, then, otherwise })
    }

    fn stmt_unnested(&mut self, s: &Statement) -> Res<Option<Stmt>> {
        use Lead::{Punct, Word};
        let (lead, what) = match s {
            Statement::Empty => return Ok(None),
            Statement::Expression(e) => return Ok(Some(Stmt::Expr(self.head_expr(e, true)?))),
            Statement::Return(r) => {
                self.stmt_at(Word("return"));
                // `return await e` is modelled, `return yield e` is not.
                let value = r.target().map(|e| self.head_expr(e, false)).transpose()?;
                return Ok(Some(Stmt::Return(value)));
            }
            Statement::Throw(t) => {
                self.stmt_at(Word("throw"));
                return Ok(Some(Stmt::Throw(self.expr(t.target())?)));
            }
            Statement::Try(t) => return self.try_stmt(t).map(Some),
            Statement::ForOfLoop(f) => return self.for_of(f).map(Some),
            Statement::Block(_) => (Punct(Punctuator::OpenBlock), "nested block"),
            Statement::Var(_) => unreachable!("`stmt` converts var declarations"),
            Statement::If(i) => return self.if_stmt(i).map(Some),
            Statement::DoWhileLoop(d) => return self.do_while(d).map(Some),
            Statement::WhileLoop(w) => return self.while_loop(w).map(Some),
            Statement::ForLoop(f) => return self.for_loop(f).map(Some),
            Statement::ForInLoop(_) => (Word("for"), "for-in loop"),
            Statement::Switch(_) => (Word("switch"), "switch statement"),
            Statement::Continue(c) => {
                let pos = self.stmt_at(Word("continue"));
                if c.label().is_some() {
                    return self.unsupported(pos, "labeled continue statement");
                }
                return Ok(Some(Stmt::Continue));
            }
            Statement::Break(b) => {
                let pos = self.stmt_at(Word("break"));
                if b.label().is_some() {
                    return self.unsupported(pos, "labeled break statement");
                }
                return Ok(Some(Stmt::Break));
            }
            Statement::With(_) => (Word("with"), "with statement"),
            Statement::Debugger => (Word("debugger"), "debugger statement"),
            Statement::Labelled(l) => {
                let label = self.sym_string(l.label()).unwrap_or_default();
                let pos = self.stmt_at(Word(&label));
                return self.unsupported(pos, "labeled statement");
            }
        };
        let pos = self.stmt_at(lead);
        self.unsupported(pos, what)
    }

    fn decl(&mut self, d: &Declaration) -> Res<Stmt> {
        self.nested(self.fallback_position(), |c| c.decl_unnested(d))
    }

    /// A function declaration of any kind (`(is_async, generator)`), whose
    /// statement starts with the keyword `lead`.
    fn function_decl(
        &mut self,
        lead: &'static str,
        (is_async, generator): (bool, bool),
        name: &Identifier,
        params: &FormalParameterList,
        body: &FunctionBody,
    ) -> Res<Stmt> {
        self.stmt_at(Lead::Word(lead));
        let name = self.ident(name)?;
        let func = self.func(FuncKind::Function, is_async, generator, params, body)?;
        Ok(Stmt::Function { name, func })
    }

    fn decl_unnested(&mut self, d: &Declaration) -> Res<Stmt> {
        use Lead::Word;
        match d {
            Declaration::FunctionDeclaration(f) => {
                self.function_decl("function", (false, false), &f.name(), f.parameters(), f.body())
            }
            Declaration::AsyncFunctionDeclaration(f) => {
                self.function_decl("async", (true, false), &f.name(), f.parameters(), f.body())
            }
            Declaration::GeneratorDeclaration(f) => {
                self.function_decl("function", (false, true), &f.name(), f.parameters(), f.body())
            }
            Declaration::AsyncGeneratorDeclaration(f) => {
                self.function_decl("async", (true, true), &f.name(), f.parameters(), f.body())
            }
            Declaration::ClassDeclaration(c) => {
                let pos = self.stmt_at(Word("class"));
                let name = self.ident(&c.name())?;
                // `class X extends Promise {}`: the model's promise subclass.
                if let Some(Expression::Identifier(id)) = c.super_ref().map(Expression::flatten) {
                    if self.sym_string(id.sym()).as_deref() == Some("Promise")
                        && c.constructor().is_none()
                        && c.elements().is_empty()
                    {
                        self.enter(id.span());
                        self.leave(id.span());
                        return Ok(Stmt::PromiseSubclass { name });
                    }
                }
                let class = self.class(Some(name), c.super_ref(), c.constructor(), c.elements(), pos)?;
                Ok(Stmt::Class(class))
            }
            Declaration::Lexical(l) => {
                let list = match l {
                    LexicalDeclaration::Const(list) => list,
                    LexicalDeclaration::Let(_) => {
                        let pos = self.stmt_at(Word("let"));
                        return self.unsupported(pos, "let declaration");
                    }
                    LexicalDeclaration::Using(_) => {
                        let pos = self.stmt_at(Word("using"));
                        return self.unsupported(pos, "using declaration");
                    }
                    LexicalDeclaration::AwaitUsing(_) => {
                        let pos = self.stmt_at(Word("await"));
                        return self.unsupported(pos, "await using declaration");
                    }
                };
                let pos = self.stmt_at(Word("const"));
                let [var] = list.as_ref() else {
                    return self.unsupported(pos, "const declaring several names");
                };
                let target = self.binding(var.binding())?;
                let Some(init) = var.init() else {
                    return self.unsupported(pos, "const without an initializer");
                };
                Ok(model::LoopBinding::Const.declaration(target, self.head_expr(init, true)?))
            }
        }
    }

    fn try_stmt(&mut self, t: &Try) -> Res<Stmt> {
        self.stmt_at(Lead::Word("try"));
        let body = self.block_stmts(t.block().statement_list().statements())?;
        let catch = match t.catch() {
            None => None,
            Some(c) => {
                let param = c.parameter().map(|b| self.binding(b)).transpose()?;
                let body = self.block_stmts(c.block().statement_list().statements())?;
                Some(Catch { param, body })
            }
        };
        let finally = match t.finally() {
            None => None,
            Some(f) => Some(self.block_stmts(f.block().statement_list().statements())?),
        };
        Ok(Stmt::Try { body, catch, finally })
    }

    /// `for (const x of e)` and `for await (const x of e)`.
    fn for_of(&mut self, f: &ForOfLoop) -> Res<Stmt> {
        let pos = self.stmt_at(Lead::Word("for"));
        let what = if f.r#await() { "for await loop" } else { "for-of loop" };
        let (binding, var) = match f.initializer() {
            IterableLoopInitializer::Const(b) => (model::LoopBinding::Const, self.binding(b)?),
            IterableLoopInitializer::Let(b) => (model::LoopBinding::Let, self.binding(b)?),
            IterableLoopInitializer::Var(v) => (model::LoopBinding::Var, self.binding(v.binding())?),
            IterableLoopInitializer::Pattern(p) => {
                return self.unsupported(p.span().start(), "destructuring assignment")
            }
            IterableLoopInitializer::Identifier(_) | IterableLoopInitializer::Access(_) => {
                return self.unsupported(pos, format!("{what} without a declaration"))
            }
        };
        // Any expression, `await` and `yield` in it included (the reference suspends there).
        let iterable = self.expr(f.iterable())?;
        let body = self.loop_body(f.body())?;
        Ok(if f.r#await() {
            Stmt::ForAwait { binding, var, iterable, body }
        } else {
            Stmt::ForOf { binding, var, iterable, body }
        })
    }

    fn while_loop(&mut self, w: &WhileLoop) -> Res<Stmt> {
        self.stmt_at(Lead::Word("while"));
        let test = self.expr(w.condition())?;
        let body = self.loop_body(w.body())?;
        Ok(Stmt::While { test, body })
    }

    fn do_while(&mut self, d: &DoWhileLoop) -> Res<Stmt> {
        self.stmt_at(Lead::Word("do"));
        let body = self.loop_body(d.body())?;
        let test = self.expr(d.cond())?;
        Ok(Stmt::DoWhile { body, test })
    }

    /// `for (init; test; update)`: an init of one name at most, whose
    /// initializer is an expression of its own (not a statement head).
    fn for_loop(&mut self, f: &ForLoop) -> Res<Stmt> {
        let pos = self.stmt_at(Lead::Word("for"));
        let init = match f.init() {
            None => Vec::new(),
            Some(ForLoopInitializer::Expression(e)) => vec![Stmt::Expr(self.expr(e)?)],
            Some(ForLoopInitializer::Var(v)) => self.for_declaration(&v.0, "var", pos)?,
            Some(ForLoopInitializer::Lexical(l)) => match l.declaration() {
                LexicalDeclaration::Let(list) => self.for_declaration(list, "let", pos)?,
                LexicalDeclaration::Const(list) => self.for_declaration(list, "const", pos)?,
                LexicalDeclaration::Using(_) => return self.unsupported(pos, "using declaration"),
                LexicalDeclaration::AwaitUsing(_) => return self.unsupported(pos, "await using declaration"),
            },
        };
        let test = f.condition().map(|e| self.expr(e)).transpose()?;
        let update = f.final_expr().map(|e| self.expr(e)).transpose()?;
        let body = self.loop_body(f.body())?;
        Ok(Stmt::For { init, test, update, body })
    }

    fn for_declaration(&mut self, list: &VariableList, word: &str, pos: Position) -> Res<Vec<Stmt>> {
        let [var] = list.as_ref() else {
            return self.unsupported(pos, format!("for (;;) with a {word} declaring several names"));
        };
        let name = match var.binding() {
            Binding::Identifier(id) => self.ident(id)?,
            Binding::Pattern(p) => return self.unsupported(p.span().start(), "destructuring"),
        };
        let init = var.init().map(|e| self.expr(e)).transpose()?;
        Ok(vec![match (word, init) {
            ("var", init) => Stmt::Var { name, init },
            ("let", init) => Stmt::Let { name, init },
            (_, Some(init)) => Stmt::Const { name, init },
            (_, None) => unreachable!("boa_parser rejects a const without an initializer"),
        }])
    }

    /// A loop body: a block, or a single statement.
    fn loop_body(&mut self, body: &Statement) -> Res<Vec<Stmt>> {
        Ok(match body {
            Statement::Block(b) => self.block_stmts(b.statement_list().statements())?,
            s => self.scoped(true, |c| c.stmt(s))?,
        })
    }

    // -- functions ----------------------------------------------------------

    /// A parameter list: its elements, and its rest parameter.
    fn params(&mut self, params: &FormalParameterList) -> Res<(Vec<model::Element>, Option<model::Pattern>)> {
        let mut out = Vec::new();
        for p in params.as_ref() {
            let var = p.variable();
            let target = self.binding(var.binding())?;
            if p.is_rest_param() {
                return Ok((out, Some(target)));
            }
            out.push(self.binding_element(target, var.init())?);
        }
        Ok((out, None))
    }

    /// A binding target: a name or a destructuring pattern.
    fn binding(&mut self, b: &Binding) -> Res<model::Pattern> {
        match b {
            Binding::Identifier(id) => Ok(model::Pattern::Name(self.ident(id)?)),
            Binding::Pattern(p) => self.pattern(p),
        }
    }

    /// A target and its default, which may not suspend (the reference binds a pattern in one step).
    fn binding_element(
        &mut self,
        target: model::Pattern,
        default: Option<&Expression>,
    ) -> Res<model::Element> {
        let default = match default {
            None => None,
            Some(e) => {
                let d = self.expr(e)?;
                if model::suspends_here(&d) {
                    return self.unsupported(self.start(e), "await or yield in a default value");
                }
                Some(d)
            }
        };
        Ok(model::Element { target, default })
    }

    fn pattern(&mut self, p: &boa_ast::pattern::Pattern) -> Res<model::Pattern> {
        use boa_ast::pattern::{ArrayPatternElement as A, ObjectPatternElement as O, Pattern as P};
        let start = p.span().start();
        self.nested(start, |c| match p {
            P::Array(a) => {
                let (mut array, mut rest) = (Vec::new(), None);
                for e in a.bindings() {
                    match e {
                        A::Elision => array.push(None),
                        A::SingleName { ident, default_init } => {
                            let target = model::Pattern::Name(c.ident(ident)?);
                            array.push(Some(c.binding_element(target, default_init.as_ref())?));
                        }
                        A::Pattern { pattern, default_init } => {
                            let target = c.pattern(pattern)?;
                            array.push(Some(c.binding_element(target, default_init.as_ref())?));
                        }
                        A::SingleNameRest { ident } => {
                            rest = Some(Box::new(model::Pattern::Name(c.ident(ident)?)))
                        }
                        A::PatternRest { pattern } => rest = Some(Box::new(c.pattern(pattern)?)),
                        A::PropertyAccess { access, .. } | A::PropertyAccessRest { access } => {
                            return c
                                .unsupported(access.span().start(), "destructuring assignment to a property")
                        }
                    }
                }
                Ok(model::Pattern::Array { array, rest })
            }
            P::Object(o) => {
                let (mut object, mut rest) = (Vec::new(), None);
                for e in o.bindings() {
                    let (key, value) = match e {
                        O::SingleName { name, ident, default_init } => {
                            let key = c.prop_key(name, "pattern property", None)?;
                            let target = model::Pattern::Name(c.ident(ident)?);
                            (key, c.binding_element(target, default_init.as_ref())?)
                        }
                        O::Pattern { name, pattern, default_init } => {
                            let key = c.prop_key(name, "pattern property", None)?;
                            let target = c.pattern(pattern)?;
                            (key, c.binding_element(target, default_init.as_ref())?)
                        }
                        O::RestProperty { ident } => {
                            rest = Some(c.ident(ident)?);
                            continue;
                        }
                        O::AssignmentPropertyAccess { access, .. }
                        | O::AssignmentRestPropertyAccess { access } => {
                            return c
                                .unsupported(access.span().start(), "destructuring assignment to a property")
                        }
                    };
                    object.push(model::PropPattern { key, value });
                }
                Ok(model::Pattern::Object { object, rest })
            }
        })
    }

    /// The function of a method (plain, async, generator or async generator)
    /// of an object literal or a class.
    fn method_func(
        &mut self,
        kind: MethodDefinitionKind,
        params: &FormalParameterList,
        body: &FunctionBody,
    ) -> Res<Func> {
        let is_async = matches!(kind, MethodDefinitionKind::Async | MethodDefinitionKind::AsyncGenerator);
        let generator =
            matches!(kind, MethodDefinitionKind::Generator | MethodDefinitionKind::AsyncGenerator);
        self.func(FuncKind::Function, is_async, generator, params, body)
    }

    fn func(
        &mut self,
        kind: FuncKind,
        is_async: bool,
        generator: bool,
        params: &FormalParameterList,
        body: &FunctionBody,
    ) -> Res<Func> {
        self.nested(body.span().start(), |c| c.func_unnested(kind, is_async, generator, params, body))
    }

    fn func_unnested(
        &mut self,
        kind: FuncKind,
        is_async: bool,
        generator: bool,
        params: &FormalParameterList,
        body: &FunctionBody,
    ) -> Res<Func> {
        let (params, rest) = self.params(params)?;
        if kind == FuncKind::Arrow {
            // Boa stores a concise body as `return expr`, spanning just `expr`.
            if let [StatementListItem::Statement(s)] = body.statements() {
                if let Statement::Return(r) = s.as_ref() {
                    if let Some(e) = r.target() {
                        if e.span().start() == body.span().start() {
                            let e = self.head_expr(e, false)?;
                            return Ok(Func {
                                kind,
                                is_async,
                                generator,
                                params,
                                rest,
                                body: Body::Expr(Box::new(e)),
                            });
                        }
                    }
                }
            }
        }
        self.enter(body.span());
        let stmts = self.scoped(false, |c| c.stmts(body.statements()))?;
        self.leave(body.span());
        Ok(Func { kind, is_async, generator, params, rest, body: Body::Block(stmts) })
    }

    // -- expressions ----------------------------------------------------------

    /// An expression in a statement head, where one `await` may stand at the
    /// top, and, when `yield_ok` (expression statements and `const`
    /// initializers), one `yield e` or `yield* e`.
    fn head_expr(&mut self, e: &Expression, yield_ok: bool) -> Res<Expr> {
        match e.flatten() {
            // `await`/`yield` are a level of the model's nesting of their own.
            Expression::Await(_) | Expression::Yield(_) => {
                let pos = self.start(e);
                self.nested(pos, |c| c.head_expr_unnested(e, yield_ok))
            }
            _ => self.expr(e),
        }
    }

    fn head_expr_unnested(&mut self, e: &Expression, yield_ok: bool) -> Res<Expr> {
        match e.flatten() {
            Expression::Await(a) => {
                let span = self.full_span(e);
                self.enter(span);
                let inner = self.expr(a.target())?;
                self.leave(span);
                Ok(Expr::Await(Box::new(inner)))
            }
            Expression::Yield(y) if yield_ok => {
                let span = self.full_span(e);
                self.enter(span);
                let Some(target) = y.target() else {
                    return self.unsupported(y.span().start(), "yield without an operand");
                };
                let inner = Box::new(self.expr(target)?);
                self.leave(span);
                Ok(if y.delegate() { Expr::YieldStar(inner) } else { Expr::Yield(inner) })
            }
            _ => self.expr(e),
        }
    }

    /// An element of an array literal or an argument list, where `...x` may stand.
    fn element(&mut self, e: &Expression) -> Res<Expr> {
        match e {
            Expression::Spread(s) => Ok(Expr::Spread(Box::new(self.expr(s.target())?))),
            e => self.expr(e),
        }
    }

    fn expr(&mut self, e: &Expression) -> Res<Expr> {
        // The depth is checked before any span is computed: Boa computes
        // some recursively, which is costly in a chain thousands long.
        if self.depth >= MAX_DEPTH {
            return self.unsupported(self.start(e), format!("nesting deeper than {MAX_DEPTH}"));
        }
        self.depth += 1;
        let out = self.expr_unnested(e);
        self.depth -= 1;
        out
    }

    fn expr_unnested(&mut self, e: &Expression) -> Res<Expr> {
        let span = self.full_span(e);
        let pos = span.start();
        self.enter(span);
        let out = match e {
            Expression::Parenthesized(p) => self.expr(p.expression())?,
            Expression::Identifier(id) => match self.ident(id)? {
                name if name == "undefined" => Expr::Undefined,
                name => Expr::Ident(name),
            },
            Expression::Literal(l) => match l.kind() {
                LiteralKind::String(s) => Expr::Str(self.string(*s, pos)?),
                LiteralKind::Int(_) | LiteralKind::Num(_) => Expr::Num(self.integer(l.kind(), false, pos)?),
                LiteralKind::BigInt(_) => return self.unsupported(pos, "BigInt literal"),
                LiteralKind::Bool(b) => Expr::Bool(*b),
                LiteralKind::Null => Expr::Null,
                LiteralKind::Undefined => Expr::Undefined,
            },
            Expression::Unary(u) => match u.op() {
                UnaryOp::Minus => match self.negative(u.target(), pos)? {
                    Some(n) => Expr::Num(n),
                    None => self.unary(model::UnaryOp::Neg, u.target())?,
                },
                UnaryOp::Not => self.unary(model::UnaryOp::Not, u.target())?,
                UnaryOp::TypeOf => self.unary(model::UnaryOp::Typeof, u.target())?,
                UnaryOp::Void => self.unary(model::UnaryOp::Void, u.target())?,
                UnaryOp::Delete => return self.unsupported(pos, "delete operator"),
                op => return self.unsupported(pos, format!("unary `{op}` operator")),
            },
            Expression::Binary(b) => match b.op() {
                BinaryOp::Arithmetic(ArithmeticOp::Add) => {
                    let l = self.expr(b.lhs())?;
                    let r = self.expr(b.rhs())?;
                    Expr::Add(Box::new(l), Box::new(r))
                }
                BinaryOp::Arithmetic(
                    op @ (ArithmeticOp::Sub | ArithmeticOp::Mul | ArithmeticOp::Div | ArithmeticOp::Mod),
                ) => {
                    let op = model::BinOp::Arith(arith_op(op));
                    self.binary(op, b.lhs(), b.rhs())?
                }
                BinaryOp::Relational(op) if relational_op(op).is_some() => {
                    self.binary(relational_op(op).unwrap(), b.lhs(), b.rhs())?
                }
                BinaryOp::Logical(op) => {
                    let op = match op {
                        LogicalOp::And => model::LogicalOp::And,
                        LogicalOp::Or => model::LogicalOp::Or,
                        LogicalOp::Coalesce => model::LogicalOp::Nullish,
                    };
                    let left = Box::new(self.expr(b.lhs())?);
                    let right = Box::new(self.expr(b.rhs())?);
                    Expr::Logical { op, left, right }
                }
                BinaryOp::Comma => {
                    return self.unsupported(self.operator_after(b.lhs().span().end()), "comma operator")
                }
                op => {
                    return self
                        .unsupported(self.operator_after(b.lhs().span().end()), format!("`{op}` operator"))
                }
            },
            Expression::Conditional(c) => {
                let test = Box::new(self.expr(c.condition())?);
                let then = Box::new(self.expr(c.if_true())?);
                let otherwise = Box::new(self.expr(c.if_false())?);
                Expr::Cond { test, then, otherwise }
            }
            Expression::ArrayLiteral(a) => {
                let mut xs = Vec::new();
                for x in a.as_ref() {
                    match x {
                        Some(x) => xs.push(self.element(x)?),
                        None => return self.unsupported(pos, "array hole"),
                    }
                }
                Expr::Array(xs)
            }
            Expression::ObjectLiteral(o) => Expr::Object(self.object(o)?),
            Expression::FunctionExpression(f) => {
                let func = self.func(FuncKind::Function, false, false, f.parameters(), f.body())?;
                match f.name().filter(|_| f.has_binding_identifier()) {
                    Some(id) => Expr::NamedFunc { name: self.ident(&id)?, func },
                    None => Expr::Func(func),
                }
            }
            Expression::AsyncFunctionExpression(f) => {
                let func = self.func(FuncKind::Function, true, false, f.parameters(), f.body())?;
                match f.name().filter(|_| f.has_binding_identifier()) {
                    Some(id) => Expr::NamedFunc { name: self.ident(&id)?, func },
                    None => Expr::Func(func),
                }
            }
            Expression::GeneratorExpression(f) => {
                let func = self.func(FuncKind::Function, false, true, f.parameters(), f.body())?;
                match f.name().filter(|_| f.has_binding_identifier()) {
                    Some(id) => Expr::NamedFunc { name: self.ident(&id)?, func },
                    None => Expr::Func(func),
                }
            }
            Expression::AsyncGeneratorExpression(f) => {
                let func = self.func(FuncKind::Function, true, true, f.parameters(), f.body())?;
                match f.name().filter(|_| f.has_binding_identifier()) {
                    Some(id) => Expr::NamedFunc { name: self.ident(&id)?, func },
                    None => Expr::Func(func),
                }
            }
            Expression::ArrowFunction(f) => {
                Expr::Func(self.func(FuncKind::Arrow, false, false, f.parameters(), f.body())?)
            }
            Expression::AsyncArrowFunction(f) => {
                Expr::Func(self.func(FuncKind::Arrow, true, false, f.parameters(), f.body())?)
            }
            Expression::ClassExpression(c) => {
                let name = match c.name() {
                    Some(id) if c.name_scope().is_some() => Some(self.ident(&id)?),
                    _ => None,
                };
                Expr::Class(Box::new(self.class(name, c.super_ref(), c.constructor(), c.elements(), pos)?))
            }
            Expression::PropertyAccess(PropertyAccess::Simple(a)) => match a.field() {
                PropertyAccessField::Const(id) => {
                    let object = self.expr(a.target())?;
                    let property = self.ident(id)?;
                    Expr::Member { object: Box::new(object), property }
                }
                PropertyAccessField::Expr(field) => {
                    let object = self.expr(a.target())?;
                    match self.symbol_key(field) {
                        Some(key) => Expr::Member { object: Box::new(object), property: key.to_string() },
                        None => {
                            let key = self.expr(field)?;
                            Expr::Index { object: Box::new(object), index: Box::new(key) }
                        }
                    }
                }
            },
            Expression::PropertyAccess(PropertyAccess::Private(a)) => {
                let object = self.expr(a.target())?;
                Expr::Member { object: Box::new(object), property: self.private_name(&a.field())? }
            }
            Expression::PropertyAccess(PropertyAccess::Super(a)) => {
                if !self.in_class {
                    return self.unsupported(pos, "super in an object literal's method");
                }
                match a.field() {
                    PropertyAccessField::Const(id) => Expr::SuperMember(self.ident(id)?),
                    PropertyAccessField::Expr(_) => {
                        return self.unsupported(pos, "computed super member access")
                    }
                }
            }
            Expression::Call(c) => {
                let callee = self.expr(c.function())?;
                let args = c.args().iter().map(|a| self.element(a)).collect::<Res<_>>()?;
                Expr::Call { callee: Box::new(callee), args }
            }
            Expression::New(n) => {
                let callee = self.expr(n.constructor())?;
                let args = n.arguments().iter().map(|a| self.element(a)).collect::<Res<_>>()?;
                Expr::New { callee: Box::new(callee), args }
            }
            // Anywhere in an expression: the reference suspends in the middle of it.
            Expression::Await(a) => Expr::Await(Box::new(self.expr(a.target())?)),
            Expression::Spread(_) => return self.unsupported(pos, "spread"),
            Expression::This(_) => Expr::This,
            Expression::RegExpLiteral(_) => return self.unsupported(pos, "regular expression literal"),
            Expression::TemplateLiteral(t) => {
                let mut quasis = vec![String::new()];
                let mut exprs = Vec::new();
                for el in t.elements() {
                    match el {
                        TemplateElement::String(sym) => {
                            let part = self.string(*sym, pos)?;
                            quasis.last_mut().expect("one at least").push_str(&part);
                        }
                        TemplateElement::Expr(e) => {
                            exprs.push(self.expr(e)?);
                            quasis.push(String::new());
                        }
                    }
                }
                Expr::Template { quasis, exprs }
            }
            Expression::TaggedTemplate(_) => return self.unsupported(pos, "tagged template"),
            Expression::SuperCall(c) => {
                let args = c.arguments().iter().map(|a| self.element(a)).collect::<Res<_>>()?;
                Expr::SuperCall(args)
            }
            Expression::ImportCall(_) => return self.unsupported(pos, "dynamic import"),
            Expression::Optional(o) => {
                return self.unsupported(self.operator_after(o.target().span().end()), "optional chaining")
            }
            Expression::NewTarget(_) => return self.unsupported(pos, "new.target"),
            Expression::ImportMeta(_) => return self.unsupported(pos, "import.meta"),
            Expression::Assign(a) => {
                let op = match a.op() {
                    AssignOp::Assign => model::AssignOp::Plain,
                    AssignOp::Add => model::AssignOp::Add,
                    AssignOp::Sub => model::AssignOp::Arith(model::ArithOp::Sub),
                    AssignOp::Mul => model::AssignOp::Arith(model::ArithOp::Mul),
                    AssignOp::Div => model::AssignOp::Arith(model::ArithOp::Div),
                    AssignOp::Mod => model::AssignOp::Arith(model::ArithOp::Rem),
                    op => return self.unsupported(pos, format!("`{op}` assignment")),
                };
                match a.lhs() {
                    AssignTarget::Identifier(id) => {
                        let target = self.target(id)?;
                        let value = Box::new(self.expr(a.rhs())?);
                        Expr::Assign { target, op, value }
                    }
                    AssignTarget::Access(access) => {
                        let (object, key) = self.member_ref(access, pos)?;
                        let value = Box::new(self.expr(a.rhs())?);
                        Expr::SetMember { object, key, op, value }
                    }
                    AssignTarget::Pattern(_) => return self.unsupported(pos, "destructuring assignment"),
                }
            }
            Expression::Update(u) => {
                let (op, prefix) = match u.op() {
                    UpdateOp::IncrementPre => (model::UpdateOp::Inc, true),
                    UpdateOp::IncrementPost => (model::UpdateOp::Inc, false),
                    UpdateOp::DecrementPre => (model::UpdateOp::Dec, true),
                    UpdateOp::DecrementPost => (model::UpdateOp::Dec, false),
                };
                match u.target() {
                    UpdateTarget::Identifier(id) => Expr::Update { target: self.target(id)?, op, prefix },
                    UpdateTarget::PropertyAccess(access) => {
                        let (object, key) = self.member_ref(access, pos)?;
                        Expr::UpdateMember { object, key, op, prefix }
                    }
                }
            }
            Expression::BinaryInPrivate(_) => return self.unsupported(pos, "private `in` check"),
            Expression::Yield(y) => {
                let Some(target) = y.target() else {
                    return self.unsupported(y.span().start(), "yield without an operand");
                };
                let inner = Box::new(self.expr(target)?);
                if y.delegate() {
                    Expr::YieldStar(inner)
                } else {
                    Expr::Yield(inner)
                }
            }
        };
        self.leave(span);
        Ok(out)
    }

    /// The value of an integer literal (negated when `negate`).
    fn integer(&self, kind: &LiteralKind, negate: bool, pos: Position) -> Res<i64> {
        let v = match kind {
            LiteralKind::Int(i) => f64::from(*i),
            LiteralKind::Num(f) => *f,
            _ => unreachable!("integer() is only called on numeric literals"),
        };
        if !v.is_finite() || v.fract() != 0.0 {
            return self.unsupported(pos, "floating-point number");
        }
        let v = if negate { -v } else { v };
        if v == 0.0 && v.is_sign_negative() {
            return self.unsupported(pos, "negative zero");
        }
        // -2^63 ..= 2^63 - 1024 (the largest f64 below 2^63) convert exactly.
        if !(-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&v) {
            return self.unsupported(pos, "integer literal out of the 64-bit range");
        }
        Ok(v as i64)
    }

    /// `-<number literal>` (the `-` at `pos`) as a number; `None` when the
    /// operand is anything else.
    fn negative(&mut self, operand: &Expression, pos: Position) -> Res<Option<i64>> {
        match operand.flatten() {
            Expression::Literal(l) if matches!(l.kind(), LiteralKind::Int(_) | LiteralKind::Num(_)) => {
                self.enter(l.span());
                let n = self.integer(l.kind(), true, pos)?;
                self.leave(l.span());
                Ok(Some(n))
            }
            _ => Ok(None),
        }
    }

    fn unary(&mut self, op: model::UnaryOp, operand: &Expression) -> Res<Expr> {
        Ok(Expr::Unary { op, operand: Box::new(self.expr(operand)?) })
    }

    fn binary(&mut self, op: model::BinOp, lhs: &Expression, rhs: &Expression) -> Res<Expr> {
        let left = Box::new(self.expr(lhs)?);
        let right = Box::new(self.expr(rhs)?);
        Ok(Expr::Binary { op, left, right })
    }

    /// The variable an assignment or update writes.
    fn target(&mut self, id: &Identifier) -> Res<String> {
        let name = self.ident(id)?;
        if matches!(name.as_str(), "undefined" | "NaN" | "Infinity" | "eval" | "arguments") {
            return self.unsupported(id.span().start(), format!("assignment to `{name}`"));
        }
        Ok(name)
    }

    /// `[Symbol.iterator]`, ... as a member key: the model's name of the symbol.
    fn symbol_key(&mut self, field: &Expression) -> Option<&'static str> {
        let key = self.well_known_symbol(field)?;
        let span = self.full_span(field);
        self.enter(span);
        self.leave(span);
        Some(key)
    }

    /// The object and key of a property reference assigned to or updated.
    fn member_ref(&mut self, access: &PropertyAccess, pos: Position) -> Res<(Box<Expr>, model::MemberKey)> {
        match access {
            PropertyAccess::Simple(a) => {
                let object = Box::new(self.expr(a.target())?);
                let key = match a.field() {
                    PropertyAccessField::Const(id) => model::MemberKey::Name(self.ident(id)?),
                    PropertyAccessField::Expr(field) => match self.symbol_key(field) {
                        Some(key) => model::MemberKey::Name(key.to_string()),
                        None => model::MemberKey::Computed(Box::new(self.expr(field)?)),
                    },
                };
                Ok((object, key))
            }
            PropertyAccess::Private(a) => {
                let object = Box::new(self.expr(a.target())?);
                Ok((object, model::MemberKey::Name(self.private_name(&a.field())?)))
            }
            PropertyAccess::Super(_) => self.unsupported(pos, "super"),
        }
    }

    fn object(&mut self, o: &ObjectLiteral) -> Res<Vec<Prop>> {
        self.with_in_class(false, |f| f.object_props(o))
    }

    /// Runs `f` with `in_class` set to `value`, then restores it.
    fn with_in_class<T>(&mut self, value: bool, f: impl FnOnce(&mut Self) -> T) -> T {
        let saved = std::mem::replace(&mut self.in_class, value);
        let out = f(self);
        self.in_class = saved;
        out
    }

    /// A class body's members, in source order (Boa keeps the constructor
    /// apart from the other elements). `pos` is where the class starts.
    fn class(
        &mut self,
        name: Option<String>,
        super_ref: Option<&Expression>,
        constructor: Option<&boa_ast::function::FunctionExpression>,
        elements: &[ClassElement],
        pos: Position,
    ) -> Res<model::Class> {
        self.with_in_class(true, |f| f.class_unsaved(name, super_ref, constructor, elements, pos))
    }

    fn class_unsaved(
        &mut self,
        name: Option<String>,
        super_ref: Option<&Expression>,
        constructor: Option<&boa_ast::function::FunctionExpression>,
        elements: &[ClassElement],
        pos: Position,
    ) -> Res<model::Class> {
        let extends = match super_ref {
            Some(e) => Some(Box::new(self.expr(e)?)),
            None => None,
        };
        let name_pos = |c: &Self, n: &PropertyName| match n {
            PropertyName::Literal(id) => id.span().start(),
            PropertyName::Computed(e) => {
                let start = c.start(e);
                c.tok_before(start).map_or(start, |t| t.span.start())
            }
        };
        let mut order: Vec<(Position, Option<&ClassElement>)> = Vec::new();
        for e in elements {
            let at = match e {
                ClassElement::MethodDefinition(m) => match m.name() {
                    ClassElementName::PropertyName(n) => name_pos(self, n),
                    ClassElementName::PrivateName(p) => p.span().start(),
                },
                ClassElement::FieldDefinition(f) | ClassElement::StaticFieldDefinition(f) => {
                    name_pos(self, f.name())
                }
                ClassElement::PrivateFieldDefinition(f) | ClassElement::PrivateStaticFieldDefinition(f) => {
                    f.name().span().start()
                }
                ClassElement::StaticBlock(_) => return self.unsupported(pos, "class static block"),
            };
            order.push((at, Some(e)));
        }
        // Boa keeps the other elements in source order; the constructor goes
        // where it stood among them (which has no meaning, but round-trips).
        if let Some(c) = constructor {
            let at = c.body().span().start();
            order.insert(order.partition_point(|(e, _)| *e < at), (at, None));
        }
        let mut members = Vec::new();
        for (at, e) in order {
            let member = match e {
                None => {
                    let c = constructor.expect("pushed only when present");
                    ClassMember::Constructor(self.func(
                        FuncKind::Function,
                        false,
                        false,
                        c.parameters(),
                        c.body(),
                    )?)
                }
                Some(ClassElement::MethodDefinition(m)) => {
                    let is_static = m.is_static();
                    let what = match m.kind() {
                        MethodDefinitionKind::Get => "class getter",
                        MethodDefinitionKind::Set => "class setter",
                        _ => "class method",
                    };
                    let key = match m.name() {
                        ClassElementName::PropertyName(n) => self.prop_key(n, what, Some(at))?,
                        ClassElementName::PrivateName(p) => self.private_name(p)?,
                    };
                    match m.kind() {
                        kind @ (MethodDefinitionKind::Get | MethodDefinitionKind::Set) => {
                            match self.accessor(kind, m.parameters(), m.body(), at)? {
                                (None, body) => ClassMember::Getter { is_static, key, body },
                                (Some(param), body) => ClassMember::Setter { is_static, key, param, body },
                            }
                        }
                        kind => {
                            let func = self.method_func(kind, m.parameters(), m.body())?;
                            ClassMember::Method { is_static, key, func }
                        }
                    }
                }
                Some(e @ (ClassElement::FieldDefinition(f) | ClassElement::StaticFieldDefinition(f))) => {
                    let is_static = matches!(e, ClassElement::StaticFieldDefinition(_));
                    let key = self.prop_key(f.name(), "class field", Some(at))?;
                    let value = match f.initializer() {
                        Some(v) => Some(self.expr(v)?),
                        None => None,
                    };
                    ClassMember::Field { is_static, key, value }
                }
                Some(
                    e @ (ClassElement::PrivateFieldDefinition(f)
                    | ClassElement::PrivateStaticFieldDefinition(f)),
                ) => {
                    let is_static = matches!(e, ClassElement::PrivateStaticFieldDefinition(_));
                    let key = self.private_name(f.name())?;
                    let value = match f.initializer() {
                        Some(v) => Some(self.expr(v)?),
                        None => None,
                    };
                    ClassMember::Field { is_static, key, value }
                }
                Some(_) => unreachable!("refused above"),
            };
            members.push(member);
        }
        Ok(model::Class { name, extends, members })
    }

    fn object_props(&mut self, o: &ObjectLiteral) -> Res<Vec<Prop>> {
        let mut props = Vec::new();
        for p in o.properties() {
            let prop = match p {
                PropertyDefinition::IdentifierReference(id) => {
                    let key = self.ident(id)?;
                    if key == "__proto__" {
                        return self.unsupported(id.span().start(), "__proto__ property");
                    }
                    let value = if key == "undefined" { Expr::Undefined } else { Expr::Ident(key.clone()) };
                    Prop::Value { key, value }
                }
                PropertyDefinition::Property(name, value) => {
                    let key = self.prop_key(name, "property", None)?;
                    if key == "__proto__" {
                        let pos = name.literal().map_or(o.span().start(), |id| id.span().start());
                        return self.unsupported(pos, "__proto__ property");
                    }
                    Prop::Value { key, value: self.expr(value)? }
                }
                PropertyDefinition::MethodDefinition(m) => {
                    let what = match m.kind() {
                        MethodDefinitionKind::Get => "getter",
                        MethodDefinitionKind::Set => "setter",
                        MethodDefinitionKind::Generator => "generator method",
                        MethodDefinitionKind::AsyncGenerator => "async generator method",
                        MethodDefinitionKind::Ordinary | MethodDefinitionKind::Async => "method",
                    };
                    let start = self.prop_start(m.name(), o);
                    let key = self.prop_key(m.name(), what, Some(start))?;
                    match m.kind() {
                        kind @ (MethodDefinitionKind::Get | MethodDefinitionKind::Set) => {
                            match self.accessor(kind, m.parameters(), m.body(), start)? {
                                (None, body) => Prop::Getter { key, body },
                                (Some(param), body) => Prop::Setter { key, param, body },
                            }
                        }
                        kind => {
                            let func = self.method_func(kind, m.parameters(), m.body())?;
                            Prop::Method { key, func }
                        }
                    }
                }
                PropertyDefinition::SpreadObject(e) => {
                    let start = e.span().start();
                    let pos = self.tok_before(start).map_or(start, |t| t.span.start());
                    return self.unsupported(pos, "object spread");
                }
                PropertyDefinition::CoverInitializedName(id, _) => {
                    return self.unsupported(id.span().start(), "shorthand property with an initializer")
                }
            };
            props.push(prop);
        }
        Ok(props)
    }

    /// The start of a method definition: its `get`/`set`/`async`/`*` prefix, or its key.
    fn prop_start(&self, name: &PropertyName, o: &ObjectLiteral) -> Position {
        let key_start = match name {
            PropertyName::Literal(id) => id.span().start(),
            PropertyName::Computed(e) => {
                let s = e.span().start();
                self.tok_before(s).map_or(s, |t| t.span.start())
            }
        };
        let mut i = self.tok_index(key_start);
        while i > 0 {
            let prev = &self.toks[i - 1];
            let prefix = matches!(prev.kind, TokenKind::Punctuator(Punctuator::Mul))
                || matches!(self.tok_word(&prev.kind).as_deref(), Some("get" | "set" | "async"));
            if !prefix || prev.span.start() < o.span().start() {
                break;
            }
            i -= 1;
        }
        self.toks.get(i).map_or(key_start, |t| t.span.start())
    }

    /// `Symbol.asyncIterator` / `Symbol.iterator`: the model's name for that key.
    fn well_known_symbol(&self, e: &Expression) -> Option<&'static str> {
        let Expression::PropertyAccess(PropertyAccess::Simple(a)) = e.flatten() else {
            return None;
        };
        let Expression::Identifier(object) = a.target().flatten() else {
            return None;
        };
        let PropertyAccessField::Const(field) = a.field() else {
            return None;
        };
        if self.sym_string(object.sym()).as_deref() != Some("Symbol") {
            return None;
        }
        model::well_known_key(self.sym_string(field.sym()).as_deref()?)
    }

    /// A getter's body (`None`), or a setter's parameter and body, of an
    /// object literal or a class; `at` is where it starts.
    fn accessor(
        &mut self,
        kind: MethodDefinitionKind,
        params: &FormalParameterList,
        body: &FunctionBody,
        at: Position,
    ) -> Res<(Option<String>, Vec<Stmt>)> {
        if matches!(kind, MethodDefinitionKind::Set) {
            let func = self.func(FuncKind::Function, false, false, params, body)?;
            let param = match (func.params.as_slice(), &func.rest) {
                ([p], None) => p.as_name().map(str::to_string),
                _ => None,
            };
            let (Some(param), Body::Block(body)) = (param, func.body) else {
                return self.unsupported(at, "setter without one simple parameter");
            };
            return Ok((Some(param), body));
        }
        self.enter(body.span());
        let stmts = self.scoped(false, |c| c.stmts(body.statements()))?;
        self.leave(body.span());
        Ok((None, stmts))
    }

    /// A private name, `#x` in the model (see [`model::is_private`]).
    fn private_name(&mut self, p: &PrivateName) -> Res<String> {
        self.enter(p.span());
        let name = self.string(p.description(), p.span().start())?;
        self.leave(p.span());
        Ok(if name.starts_with('#') { name } else { format!("#{name}") })
    }

    /// An identifier key, or a computed `[Symbol.asyncIterator]` /
    /// `[Symbol.iterator]` (`what` names the property kind in messages, which
    /// point at `at`, or else at the key).
    fn prop_key(&mut self, name: &PropertyName, what: &str, at: Option<Position>) -> Res<String> {
        match name {
            PropertyName::Literal(id) => {
                let pos = id.span().start();
                if matches!(self.tok_at(pos), Some(TokenKind::StringLiteral(_))) {
                    return self.unsupported(at.unwrap_or(pos), format!("{what} with a string key"));
                }
                self.ident(id)
            }
            PropertyName::Computed(e) => {
                // Boa also stores numeric keys (`{1: x}`) as computed ones.
                let pos = e.span().start();
                match self.tok_before(pos) {
                    Some(t) if matches!(t.kind, TokenKind::Punctuator(Punctuator::OpenBracket)) => {
                        if let Some(key) = self.well_known_symbol(e) {
                            let span = self.full_span(e);
                            self.enter(span);
                            self.leave(span);
                            return Ok(key.to_string());
                        }
                        self.unsupported(at.unwrap_or(t.span.start()), format!("{what} with a computed key"))
                    }
                    _ if matches!(self.tok_at(pos), Some(TokenKind::NumericLiteral(_))) => {
                        self.unsupported(at.unwrap_or(pos), format!("{what} with a numeric key"))
                    }
                    _ => self.unsupported(at.unwrap_or(pos), format!("{what} with a computed key")),
                }
            }
        }
    }
}

/// The declaration kind the keyword `word` (`const`, `let`, `var`) makes.
fn loop_binding(word: &str) -> model::LoopBinding {
    match word {
        "var" => model::LoopBinding::Var,
        "let" => model::LoopBinding::Let,
        _ => model::LoopBinding::Const,
    }
}

fn arith_op(op: ArithmeticOp) -> model::ArithOp {
    match op {
        ArithmeticOp::Sub => model::ArithOp::Sub,
        ArithmeticOp::Mul => model::ArithOp::Mul,
        ArithmeticOp::Div => model::ArithOp::Div,
        ArithmeticOp::Mod => model::ArithOp::Rem,
        _ => unreachable!("only - * / % come here"),
    }
}

/// The comparison and equality operators the model has (not `in`, `instanceof`).
fn relational_op(op: RelationalOp) -> Option<model::BinOp> {
    use model::BinOp::*;
    Some(match op {
        RelationalOp::Equal => LooseEq,
        RelationalOp::NotEqual => LooseNe,
        RelationalOp::StrictEqual => StrictEq,
        RelationalOp::StrictNotEqual => StrictNe,
        RelationalOp::LessThan => Lt,
        RelationalOp::LessThanOrEqual => Le,
        RelationalOp::GreaterThan => Gt,
        RelationalOp::GreaterThanOrEqual => Ge,
        RelationalOp::In => In,
        RelationalOp::InstanceOf => Instanceof,
    })
}
