//! Repros in forms people run without tickdiff: a standalone Node script
//! with the host model inlined, and a test262 async test that test262's
//! runner judges as the spec does (harness/tests/test262_export.rs runs every
//! regression repro through test262-harness on each installed engine).

use crate::engines::host::HOST_PRELUDE;
use crate::outcome::{Limits, UNCAUGHT};
use crate::reference::{self, Mutant};
use generators::corpus::CorpusCase;
use generators::model::{
    for_each_child_mut, for_each_func_child_mut, for_each_stmt_child_mut, walk_program, ChildMut, Expr, Func,
    Node, Prop, Stmt, ASYNC_ITERATOR_KEY, ITERATOR_KEY,
};
use generators::print_program;

/// The driver of the host model for a plain `node file.js` run, around the
/// engines' own [`HOST_PRELUDE`] (so the host functions' coercions are the
/// same code everywhere): virtual timers run one per macrotask turn (so
/// Node drains microtasks between them), `queueMicrotask` callbacks are host
/// jobs whose exceptions are `!uncaught`, and the trace is printed as JSON at
/// the end. Everything it uses is captured before the program runs, and its
/// trace, timer list and property descriptors have no prototype, so a program that patches
/// built-ins cannot change what it prints.
const STANDALONE_DRIVER: &str = r#"(function installHost(g, prelude) {
  // fs.writeSync, not console.log, whose stream setup calls Function.prototype.call.
  const fs = typeof require === 'function' ? require('fs') : process.getBuiltinModule('fs');
  const writeSync = fs.writeSync;
  const print = (text) => { writeSync(1, text + '\n'); };
  const stringify = JSON.stringify;
  const define = Object.defineProperty;
  const nativeQueueMicrotask = g.queueMicrotask;
  const realSetImmediate = g.setImmediate;
  const trace = [];
  Object.setPrototypeOf(trace, null);
  const record = (label) => {
    define(trace, trace.length, { __proto__: null, value: label, writable: true, enumerable: true, configurable: true });
  };
  const timers = Object.create(null); // id -> { due, thunk }
  let now = 0;
  let nextId = 1;
  prelude(
    record,
    (thunk, delay) => {
      const id = nextId++;
      if (thunk !== undefined) timers[id] = { __proto__: null, due: now + delay, thunk };
      return id;
    },
    (id) => { delete timers[id]; },
    (callback) => {
      nativeQueueMicrotask(() => {
        try { callback(); } catch (e) { record('!uncaught'); }
      });
    },
  );
  // Node calls its listeners as `listener.apply(...)`: an own `apply` keeps
  // them working for a program that replaces Function.prototype.apply.
  const listener = (f) => { f.apply = () => f(); return f; };
  process.on('uncaughtException', listener(() => { record('!uncaught'); }));
  process.on('unhandledRejection', listener(() => {}));
  function turn() {
    // The next timer by (due, id); ids are integer keys, so for-in visits them in increasing order.
    let next;
    for (const id in timers) {
      if (next === undefined || timers[id].due < timers[next].due) next = id;
    }
    if (next === undefined) {
      print(stringify(trace));
      return;
    }
    const t = timers[next];
    delete timers[next];
    now = t.due;
    try { t.thunk(); } catch (e) { record('!uncaught'); }
    realSetImmediate(turn);
  }
  realSetImmediate(turn);
})"#;

/// The standalone host: [`STANDALONE_DRIVER`] applied to [`HOST_PRELUDE`].
fn standalone_host() -> String {
    format!(
        "// --- tickdiff host model (README, \"The host model\"); the program starts below ---\n\
         {STANDALONE_DRIVER}(globalThis, {HOST_PRELUDE});\n// --- program ---\n"
    )
}

fn header(case: &CorpusCase, comment: &str) -> String {
    let mut s = String::new();
    let mut line = |text: String| {
        s.push_str(&format!("{comment} {}\n", one_line(&text)));
    };
    if let Some(d) = &case.divergence {
        line(format!("tickdiff bucket {}: {}", d.bucket, d.key));
        line(d.first_difference.clone());
    }
    for (backend, r) in &case.results {
        let version = case.versions.get(backend).map(|v| format!(" ({v})")).unwrap_or_default();
        line(format!("{backend}{version}: {}", serde_json::to_string(&r.trace).unwrap()));
    }
    if let (Some(seed), Some(index)) = (case.seed, case.index) {
        line(format!("from seed {seed}, program {index}"));
    }
    s
}

/// `text` with JavaScript's line terminators escaped, so that it stays in
/// one `//` comment (or one line of code) whatever the labels hold.
fn one_line(text: &str) -> String {
    text.replace('\n', "\\n")
        .replace('\r', "\\r")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// `node file.js` prints the trace as a JSON array on its last line.
pub fn standalone_node(case: &CorpusCase) -> String {
    standalone_node_running(case, None, &print_program(&case.program))
}

/// [`standalone_node`] running `source` in place of the printed program:
/// the program as a lowering rewrote it (`engines::lowering`), which `what`
/// names in the header.
pub fn standalone_node_running(case: &CorpusCase, what: Option<&str>, source: &str) -> String {
    let what = what.map(|w| format!("// {}\n", one_line(w))).unwrap_or_default();
    format!("{}{what}{}", header(case, "//"), standalone_script(source))
}

/// `source` as a standalone `node` script, with no header: what
/// harness/tests/engines.rs runs beside the engines on every host probe.
pub fn standalone_script(source: &str) -> String {
    format!("// Run: node this-file.js  (prints the trace as JSON)\n{}{source}", standalone_host())
}

/// A test262 async test asserting the reference's order, or `None` when the
/// program cannot be expressed as one exactly: timers and `console` need a
/// host test262 does not have, an exception escaping the script would stop
/// the assertion code, and a rejection the test could not mark handled
/// (see [`KeepPass`]) would fail it on hosts that stop at unhandled
/// rejections (node, Bun) whatever the order.
///
/// The test is what test262's linter (tools/lint) accepts: a public-domain
/// header (no contributor name or year to invent), `description`, `esid`
/// (the spec step at the first difference), `info` (the sections the program
/// exercises), `flags: [async, noStrict]` (tickdiff ran it as a sloppy
/// script), `includes` and `features` from test262's features.txt.
pub fn test262(case: &CorpusCase, reference_jobs: u64) -> Option<String> {
    let reference = case.results.get("reference")?;
    if reference.status != "ok" || reference.trace.iter().any(|l| l == UNCAUGHT) {
        return None;
    }
    let uses = Uses::of(&case.program);
    if uses.timers || uses.console {
        return None;
    }
    let mut program = case.program.clone();
    let mut keep = KeepPass { probe: false, wrapped: 0, unkept: 0 };
    keep.block(&mut program.body, false);
    if keep.unkept > 0 && !unkept_results_never_reject(case, &reference.trace) {
        return None;
    }
    // JSON, which leaves U+2028 and U+2029 as they are: JavaScript's line
    // terminators, in string literals only since ES2019.
    let expected = one_line(&serde_json::to_string(&reference.trace).unwrap());
    let (description, mechanism) = match &case.divergence {
        Some(d) => {
            (format!("tickdiff bucket {}: {}", d.bucket, d.key), d.key.rsplit(' ').next().unwrap_or(""))
        }
        None => ("a tickdiff corpus program".to_string(), ""),
    };
    let mut info = String::new();
    for (title, anchor) in uses.sections() {
        info.push_str(&format!("  {title}: https://tc39.es/ecma262/#{anchor}\n"));
    }
    let features = uses.features().join(", ");
    let comments = header(case, "//");
    let microtask = if uses.queue_microtask { QUEUE_MICROTASK } else { "" };
    let compare = format!("assert.compareArray(__trace, {expected});");
    let (keep_fn, check) = if keep.wrapped > 0 {
        (KEEP_FN, format!("  try {{\n    {compare}\n  }} finally {{\n    __handleRejections();\n  }}"))
    } else {
        ("", format!("  {compare}"))
    };
    // A chain of empty reactions longer than the program's own job count
    // ends after every job the program can cause.
    let hops = reference_jobs + 2;
    Some(format!(
        r#"/*
 * Any copyright is dedicated to the Public Domain.
 * http://creativecommons.org/licenses/publicdomain/
 */
/*---
esid: {esid}
description: >
  Job order of {description}
info: |
  The log() calls run in the order of ECMA-262's job machinery, as tickdiff's
  reference model of it computes for this minimized program. Sections involved:
{info}flags: [async, noStrict]
includes: [compareArray.js]
features: [{features}]
---*/
{comments}
var __trace = [];
function log(label) {{ __trace.push(String(label)); }}
{microtask}{keep_fn}
{program}
var __done = Promise.resolve();
for (var __i = 0; __i < {hops}; __i++) __done = __done.then(function () {{}});
__done.then(function () {{
{check}
}}).then($DONE, $DONE);
"#,
        esid = esid(mechanism),
        program = print_program(&program)
    ))
}

/// `queueMicrotask` as a job of its own, as DESIGN.md section 1 has it: a
/// reaction on a fulfilled promise is enqueued at once, like a host job, and
/// an exception in the callback is the trace's `!uncaught`.
const QUEUE_MICROTASK: &str = r#"function queueMicrotask(cb) {
  Promise.resolve().then(function () {
    try { cb(); } catch (e) { __trace.push('!uncaught'); }
  });
}
"#;

/// What the program's calls return, kept by `__keep` (a plain call: no job),
/// and the handlers the check attaches to them once it has compared: after
/// the comparison and in the same job, so that no job runs before the check
/// that did not run in tickdiff. Attaching a handler to a rejected promise is
/// HostPromiseRejectionTracker's "handle" (PerformPromiseThen), done before
/// the job queue empties and so before any host looks for unhandled
/// rejections (node and Bun do once it is empty). `then` on anything but a
/// promise throws before it reads a property, and handlers of both kinds
/// pass no value on (which would read its `then`), so no program code runs.
const KEEP_FN: &str = r#"var __then = Promise.prototype.then;
var __kept = [];
function __keep(value) { __kept[__kept.length] = value; return value; }
function __handleRejections() {
  for (var i = 0; i < __kept.length; i++) {
    try { __then.call(__kept[i], function () {}, function () {}); } catch (notAPromise) {}
  }
}
"#;

/// The spec step the bucket's mechanism names, as test262's `esid`.
fn esid(mechanism: &str) -> &'static str {
    match mechanism {
        "await-resume" => "await",
        "thenable-job" => "sec-newpromiseresolvethenablejob",
        "resolve-function" => "sec-promise-resolve-functions",
        "reaction" | "reaction-passthrough" | "reaction-builtin" => "sec-newpromisereactionjob",
        "finally" => "sec-promise.prototype.finally",
        "combinator-element" => "sec-performpromiseall",
        "async-generator-await-return" => "sec-asyncgeneratorawaitreturn",
        "async-from-sync-close" | "async-from-sync-unwrap" => "sec-asyncfromsynciteratorcontinuation",
        _ => "sec-promise-jobs",
    }
}

/// Host functions that return no object: their results need no keeping.
fn is_host_call(callee: &Expr) -> bool {
    match callee {
        Expr::Ident(name) => {
            matches!(name.as_str(), "log" | "queueMicrotask" | "setTimeout" | "clearTimeout")
        }
        Expr::Member { object, property } => {
            property == "log" && matches!(&**object, Expr::Ident(name) if name == "console")
        }
        _ => false,
    }
}

/// `x.then(..)` or `x.catch(..)`.
fn is_then_or_catch_call(e: &Expr) -> bool {
    matches!(e, Expr::Call { callee, .. }
        if matches!(&**callee, Expr::Member { property, .. } if property == "then" || property == "catch"))
}

/// Where an expression's value goes, for [`KeepPass`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Anywhere it may stay a promise nobody handles: kept.
    Value,
    /// Called, awaited, or the receiver of `then`/`catch`/`finally` (which
    /// marks it handled): not kept.
    Handled,
    /// The discarded result of a `then`/`catch` statement inside a function.
    Discarded,
}

/// Wraps every call and `new` whose result may be a promise nobody handles
/// in `__keep(..)`, a plain call that returns its argument, so that the test
/// can mark each rejection handled after its check ([`test262`]).
///
/// Except the result of a `then`/`catch` statement inside a function:
/// SpiderMonkey creates no promise for a `then`/`catch` call whose result is
/// discarded (JSOp::CallIgnoresRv; corpus/baseline.yaml, events-8f63344c6109),
/// so keeping it would hide the very bug a repro shows. Those are counted
/// (`unkept`) and, with `probe`, followed by `.then(() => {}, () => log(PROBE))`
/// instead, for [`unkept_results_never_reject`].
struct KeepPass {
    probe: bool,
    wrapped: usize,
    unkept: usize,
}

/// The label a probe handler logs.
const PROBE: &str = "tickdiff: a discarded then/catch result rejected";

impl KeepPass {
    fn block(&mut self, stmts: &mut [Stmt], in_function: bool) {
        for s in stmts {
            self.stmt(s, in_function);
        }
    }

    fn stmt(&mut self, s: &mut Stmt, in_function: bool) {
        match s {
            Stmt::Expr(e) if in_function && is_then_or_catch_call(e) => {
                self.expr(e, Place::Discarded);
                self.unkept += 1;
                if self.probe {
                    let call = std::mem::replace(e, Expr::Undefined);
                    // A handler for fulfilment too: passing the value on
                    // would resolve a promise with it, reading its `then`.
                    let fulfilled = Func::arrow(false, vec![], vec![]);
                    let rejected = Func::arrow(false, vec![], vec![Stmt::log(PROBE)]);
                    *e = Expr::method(call, "then", vec![Expr::Func(fulfilled), Expr::Func(rejected)]);
                }
            }
            // A statement's expressions are values; its blocks (try, loop
            // and branch bodies) are in the same function as it.
            _ => for_each_stmt_child_mut(s, &mut |c| match c {
                ChildMut::Expr(e) => self.expr(e, Place::Value),
                ChildMut::Func(f) => self.func(f),
                ChildMut::Block(b) => self.block(b, in_function),
            }),
        }
    }

    fn func(&mut self, func: &mut Func) {
        for_each_func_child_mut(func, &mut |c| self.nested(c));
    }

    /// A child of a function or an expression: a block there is a body of
    /// its own (a function's, a getter's).
    fn nested(&mut self, c: ChildMut<'_>) {
        match c {
            ChildMut::Expr(e) => self.expr(e, Place::Value),
            ChildMut::Func(f) => self.func(f),
            ChildMut::Block(b) => self.block(b, true),
        }
    }

    fn expr(&mut self, e: &mut Expr, place: Place) {
        let keepable = match e {
            Expr::Call { callee, args } | Expr::New { callee, args } => {
                match &mut **callee {
                    Expr::Member { object, property }
                        if matches!(property.as_str(), "then" | "catch" | "finally") =>
                    {
                        self.expr(object, Place::Handled)
                    }
                    other => self.expr(other, Place::Handled),
                }
                for a in args.iter_mut() {
                    self.expr(a, Place::Value);
                }
                !is_host_call(callee)
            }
            Expr::Await(x) => {
                self.expr(x, Place::Handled);
                false
            }
            _ => {
                for_each_child_mut(e, &mut |c| self.nested(c));
                false
            }
        };
        if keepable && place == Place::Value && !self.probe {
            let value = std::mem::replace(e, Expr::Undefined);
            *e = Expr::call(Expr::ident("__keep"), vec![value]);
            self.wrapped += 1;
        }
    }
}

/// Whether no discarded `then`/`catch` result of a function ever rejects:
/// the reference runs the program with a probe handler on each
/// ([`KeepPass`]). A handler that logs adds a job that enqueues nothing, so
/// the other jobs keep their order: the probe's trace is the reference's,
/// with a `PROBE` line wherever one rejected.
fn unkept_results_never_reject(case: &CorpusCase, expected: &[String]) -> bool {
    let mut probed = case.program.clone();
    KeepPass { probe: true, wrapped: 0, unkept: 0 }.block(&mut probed.body, false);
    let out = reference::run(&probed, Mutant::None, Limits::default().max_steps);
    out.status == crate::outcome::Status::Ok && out.labels() == expected
}

/// What a program uses, for the test's front matter (and what it cannot use).
#[derive(Default)]
struct Uses {
    timers: bool,
    console: bool,
    queue_microtask: bool,
    await_: bool,
    async_function: bool,
    async_generator: bool,
    generator: bool,
    for_await: bool,
    yield_star: bool,
    arrow: bool,
    class: bool,
    constant: bool,
    for_of: bool,
    optional_catch: bool,
    async_iterator_key: bool,
    iterator_key: bool,
    finally: bool,
    combinators: Vec<&'static str>,
}

impl Uses {
    fn of(program: &generators::Program) -> Uses {
        let mut u = Uses::default();
        walk_program(program, &mut |n| match n {
            Node::Expr(Expr::Ident(name)) => match name.as_str() {
                "setTimeout" | "clearTimeout" => u.timers = true,
                "console" => u.console = true,
                "queueMicrotask" => u.queue_microtask = true,
                _ => {}
            },
            Node::Expr(Expr::Await(_)) => u.await_ = true,
            Node::Expr(Expr::YieldStar(_)) => u.yield_star = true,
            Node::Expr(Expr::Member { object, property }) => {
                let on = |name: &str| matches!(&**object, Expr::Ident(o) if o == name);
                match property.as_str() {
                    "finally" => u.finally = true,
                    "asyncIterator" if on("Symbol") => u.async_iterator_key = true,
                    "iterator" if on("Symbol") => u.iterator_key = true,
                    p @ ("all" | "allSettled" | "any" | "race") if on("Promise") => {
                        let name = match p {
                            "all" => "Promise.all",
                            "allSettled" => "Promise.allSettled",
                            "any" => "Promise.any",
                            _ => "Promise.race",
                        };
                        if !u.combinators.contains(&name) {
                            u.combinators.push(name);
                        }
                    }
                    _ => {}
                }
            }
            Node::Expr(Expr::Object(props)) => {
                for p in props {
                    let key = match p {
                        Prop::Value { key, .. }
                        | Prop::Method { key, .. }
                        | Prop::Getter { key, .. }
                        | Prop::Setter { key, .. } => key,
                    };
                    u.async_iterator_key |= key == ASYNC_ITERATOR_KEY;
                    u.iterator_key |= key == ITERATOR_KEY;
                }
            }
            Node::Func(f) => {
                u.arrow |= f.kind == generators::model::FuncKind::Arrow;
                match (f.is_async, f.generator) {
                    (true, false) => u.async_function = true,
                    (true, true) => u.async_generator = true,
                    (false, true) => u.generator = true,
                    (false, false) => {}
                }
            }
            Node::Stmt(Stmt::ForAwait { .. }) => u.for_await = true,
            Node::Stmt(Stmt::ForOf { .. }) => u.for_of = true,
            Node::Stmt(Stmt::Const { .. }) => u.constant = true,
            Node::Stmt(Stmt::PromiseSubclass { .. } | Stmt::Class(_)) | Node::Expr(Expr::Class(_)) => {
                u.class = true
            }
            Node::Stmt(Stmt::Try { catch: Some(c), .. }) => u.optional_catch |= c.param.is_none(),
            _ => {}
        });
        u.combinators.sort();
        u
    }

    /// Names from test262's features.txt, for the features the program (and
    /// the test around it) uses beyond ES5.
    fn features(&self) -> Vec<&'static str> {
        let mut f = vec!["Promise"];
        f.extend(self.finally.then_some("Promise.prototype.finally"));
        f.extend(self.combinators.iter().filter(|c| **c == "Promise.allSettled" || **c == "Promise.any"));
        f.extend(self.async_function.then_some("async-functions"));
        f.extend((self.async_generator || self.for_await).then_some("async-iteration"));
        f.extend(self.generator.then_some("generators"));
        f.extend(self.async_iterator_key.then_some("Symbol.asyncIterator"));
        f.extend(self.iterator_key.then_some("Symbol.iterator"));
        f.extend(self.arrow.then_some("arrow-function"));
        f.extend(self.class.then_some("class"));
        f.extend(self.constant.then_some("const"));
        f.extend(self.for_of.then_some("for-of"));
        f.extend(self.optional_catch.then_some("optional-catch-binding"));
        f
    }

    /// ECMA-262's sections (title, anchor) whose steps order the program's jobs.
    fn sections(&self) -> Vec<(&'static str, &'static str)> {
        let mut s = vec![
            ("PerformPromiseThen", "sec-performpromisethen"),
            ("NewPromiseReactionJob", "sec-newpromisereactionjob"),
            ("Promise Resolve Functions", "sec-promise-resolve-functions"),
            ("NewPromiseResolveThenableJob", "sec-newpromiseresolvethenablejob"),
        ];
        if self.await_ || self.async_function || self.async_generator || self.for_await {
            s.push(("Await", "await"));
            s.push(("PromiseResolve", "sec-promise-resolve"));
        }
        if self.class {
            s.push(("NewPromiseCapability", "sec-newpromisecapability"));
            s.push(("SpeciesConstructor", "sec-speciesconstructor"));
        }
        if self.finally {
            s.push(("Promise.prototype.finally", "sec-promise.prototype.finally"));
            s.push(("Then Finally Functions", "sec-thenfinallyfunctions"));
        }
        for c in &self.combinators {
            s.push(match *c {
                "Promise.all" => ("Promise.all", "sec-promise.all"),
                "Promise.allSettled" => ("Promise.allSettled", "sec-promise.allsettled"),
                "Promise.any" => ("Promise.any", "sec-promise.any"),
                _ => ("Promise.race", "sec-promise.race"),
            });
        }
        if self.async_generator {
            s.push(("AsyncGeneratorEnqueue", "sec-asyncgeneratorenqueue"));
            s.push(("AsyncGeneratorDrainQueue", "sec-asyncgeneratordrainqueue"));
            s.push(("AsyncGeneratorAwaitReturn", "sec-asyncgeneratorawaitreturn"));
            s.push(("AsyncGeneratorYield", "sec-asyncgeneratoryield"));
        }
        if self.yield_star {
            s.push(("yield*", "sec-generator-function-definitions-runtime-semantics-evaluation"));
        }
        if self.for_await {
            s.push((
                "ForIn/OfBodyEvaluation",
                "sec-runtime-semantics-forin-div-ofbodyevaluation-lhs-stmt-iterator-lhskind-labelset",
            ));
            s.push(("AsyncIteratorClose", "sec-asynciteratorclose"));
        }
        if self.for_await || self.yield_star && self.async_generator {
            s.push(("CreateAsyncFromSyncIterator", "sec-createasyncfromsynciterator"));
            s.push(("AsyncFromSyncIteratorContinuation", "sec-asyncfromsynciteratorcontinuation"));
        }
        if self.queue_microtask {
            s.push((
                "HostEnqueuePromiseJob (queueMicrotask is one such job here)",
                "sec-hostenqueuepromisejob",
            ));
        }
        s
    }
}
