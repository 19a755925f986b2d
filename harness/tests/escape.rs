//! Sandbox escapes: programs that try every known way out of the program's
//! realm (to `process`, `require`, the file system, a child process, the
//! answer channel) on every backend. Each program, when it reaches anything
//! that looks like an outer-realm object, uses it to create a marker file and
//! logs `ESCAPED`; the tests assert no marker exists and, on node (the
//! backend with an outer JavaScript world), that the trace is exactly what an
//! in-realm program logs. The same programs run on quickjs, boa and the
//! reference (which, given raw JavaScript, runs it or says `unsupported`).
//! Node runs are skipped, with a note, when `node` is not on PATH.

use harness::engines::{backend_by_name, node_available};
use harness::outcome::{Backend, Limits, Outcome, ProgramInput, Status};
use std::path::Path;
use std::time::Duration;

/// Shared by every escape program. `check(v, how)` logs `how` when `v` is a
/// primitive or an object of this realm, else tries to escape through it;
/// `sweep(roots, how)` checks everything reachable from `roots` through
/// properties (values, getters, setters) and prototypes.
const HELPERS: &str = r#"
const MARKER = "__MARKER__";
const OP = Object.prototype, FP = Function.prototype;
const gOPN = Object.getOwnPropertyNames, gOPS = Object.getOwnPropertySymbols;
const gOPD = Object.getOwnPropertyDescriptor, gPO = Object.getPrototypeOf;
function isObj(v) { return v !== null && (typeof v === "object" || typeof v === "function"); }
function inner(v) {
  if (!isObj(v)) return true;
  let o = v;
  for (let i = 0; i < 100 && o !== null; i++) { if (o === OP || o === FP) return true; o = gPO(o); }
  // A prototype-less object of this realm, or node 20's sandbox: only its
  // functions could lead out, and those are checked on their own.
  return typeof v !== "function";
}
function pwn(p, how) {
  if (!isObj(p)) { log(how + ": no process"); return; }
  const tries = [
    () => p.getBuiltinModule("fs").writeFileSync(MARKER, how),
    () => p.mainModule.require("fs").writeFileSync(MARKER, how),
    () => p("fs").writeFileSync(MARKER, how),
    () => p.getBuiltinModule("child_process").execSync("touch " + MARKER),
    () => p.binding("fs"),
    () => p.stdout.write('{"id":1,"status":"ok","trace":[["FORGED",0]],"detail":null}\n'),
  ];
  for (const t of tries) { try { t(); } catch (e) {} }
  log("ESCAPED " + how);
}
function escapeVia(v, how) {
  let F;
  try { F = v.constructor.constructor; } catch (e) {}
  if (typeof F !== "function") try { F = gPO(v).constructor.constructor; } catch (e) {}
  let p;
  try { p = F("return typeof process !== 'undefined' ? process : typeof require !== 'undefined' ? require : undefined")(); } catch (e) {}
  pwn(p, how);
}
function check(v, how) {
  if (inner(v)) log(how); else escapeVia(v, how);
}
// Quiet: counts what is not of this realm, logs only when something is.
function quiet(v, how) {
  if (inner(v)) return 0;
  escapeVia(v, how);
  return 1;
}
function sweep(roots, how) {
  const seen = new Set(roots), queue = [...roots];
  let outer = 0;
  while (queue.length > 0 && seen.size < 20000) {
    const o = queue.shift();
    outer += quiet(o, how);
    if (!isObj(o)) continue;
    const next = [];
    try { next.push(gPO(o)); } catch (e) {}
    let keys = [];
    try { keys = [...gOPN(o), ...gOPS(o)]; } catch (e) {}
    for (const k of keys) {
      let d;
      try { d = gOPD(o, k); } catch (e) { continue; }
      if (d === undefined) continue;
      next.push(d.value, d.get, d.set);
    }
    for (const n of next) if (isObj(n) && !seen.has(n)) { seen.add(n); queue.push(n); }
  }
  log(how + (outer === 0 ? "" : " OUTER " + outer));
}
"#;

/// (name, program, what node logs). A `None` trace means "whatever it logs,
/// as long as nothing escapes" (on node too: the trace depends on V8).
const ESCAPES: &[(&str, &str, Option<&[&str]>)] = &[
    (
        "constructor_chain",
        r#"check(this.constructor, "ctor");
           escapeVia(this, "this");
           let r; try { r = this.constructor.constructor("return typeof process")(); } catch (e) { r = "threw"; }
           log(r);"#,
        Some(&["ctor", "this: no process", "undefined"]),
    ),
    (
        "prototype_chain_of_the_global",
        r#"let o = globalThis, n = 0;
           while (o !== null) { check(o, "level " + n++); o = Object.getPrototypeOf(o); }
           check(globalThis.__proto__, "__proto__");
           check(Object.getPrototypeOf(globalThis).constructor, "proto ctor");"#,
        None,
    ),
    (
        "node_globals_are_absent",
        r#"log([typeof process, typeof require, typeof module, typeof exports, typeof __dirname,
               typeof Buffer, typeof console, typeof WebAssembly, typeof setImmediate,
               typeof structuredClone, typeof fetch, typeof vm, typeof globalThis.process].join());
           for (const k of ["process", "require", "module", "global", "Buffer"]) {
             try { const v = eval(k); check(v, k); escapeVia(v, k); } catch (e) { check(e, k + " " + e.name); }
           }"#,
        Some(&[
            // `console` is the host model's (its `log` writes to the trace).
            "undefined,undefined,undefined,undefined,undefined,undefined,object,undefined,undefined,undefined,undefined,undefined,undefined",
            "process ReferenceError",
            "require ReferenceError",
            "module ReferenceError",
            "global ReferenceError",
            "Buffer ReferenceError",
        ]),
    ),
    (
        "the_helper_binding_is_unreachable",
        r#"let found = [];
           for (const k of Object.getOwnPropertyNames(globalThis)) if (/tickdiff|host/i.test(k)) found.push(k);
           log("names: " + found.join());
           for (const k of ["__tickdiff_host_7c1e9a", "__tickdiff_host", "HOST_PRELUDE", "host", "SETUP", "record"]) {
             try { const v = eval(k); check(v, k); escapeVia(v, k + " value"); } catch (e) { check(e, k + " " + e.name); }
           }"#,
        Some(&[
            "names: ",
            "__tickdiff_host_7c1e9a ReferenceError",
            "__tickdiff_host ReferenceError",
            "HOST_PRELUDE ReferenceError",
            "host ReferenceError",
            "SETUP ReferenceError",
            "record ReferenceError",
        ]),
    ),
    (
        "everything_reachable_from_the_global",
        r#"sweep([globalThis, log, setTimeout, clearTimeout, queueMicrotask], "sweep");"#,
        Some(&["sweep"]),
    ),
    (
        "host_functions_and_their_errors",
        r#"for (const [f, n] of [[log, "log"], [setTimeout, "setTimeout"], [clearTimeout, "clearTimeout"], [queueMicrotask, "queueMicrotask"]]) {
             check(f.constructor, n + " ctor");
             try { new f(); } catch (e) { check(e, n + " new " + e.name); }
             try { f.caller; } catch (e) { check(e, n + " caller " + e.name); }
           }
           try { queueMicrotask(1); } catch (e) { check(e, "qm " + e.name); escapeVia(e, "qm error"); }
           try { setTimeout(() => {}, { valueOf() { throw new Error("v"); } }); } catch (e) { check(e, "st " + e.message); }
           try { log({ toString() { return {}; } }); } catch (e) { check(e, "log " + e.name); }
           try { log(Symbol("s")); } catch (e) { check(e, "sym " + e.name); }"#,
        Some(&[
            "log ctor",
            "log new TypeError",
            "log caller TypeError",
            "setTimeout ctor",
            "setTimeout new TypeError",
            "setTimeout caller TypeError",
            "clearTimeout ctor",
            "clearTimeout new TypeError",
            "clearTimeout caller TypeError",
            "queueMicrotask ctor",
            "queueMicrotask new TypeError",
            "queueMicrotask caller TypeError",
            "qm TypeError",
            "qm error: no process",
            "st v",
            "log TypeError",
            "Symbol(s)",
        ]),
    ),
    (
        "stack_overflow_on_entering_a_host_function",
        // Wrappers of every depth move the stack's edge over every point of
        // the host functions; whatever is thrown there must be this realm's.
        r#"let outer = 0, caught = 0;
           function r(f) { try { r(f); } catch (e) { caught++; outer += quiet(e, "r"); try { f(); } catch (e2) { caught++; outer += quiet(e2, "f"); } } }
           const fs = [() => log("edge"), () => setTimeout(0), () => clearTimeout(1), () => queueMicrotask(() => {}),
                       () => setTimeout(() => {}, 0), () => log({ toString() { return "edge"; } })];
           for (const f of fs) for (let k = 0; k < 24; k++) {
             let g = f;
             for (let i = 0; i < k; i++) g = ((h) => () => h())(g);
             r(g);
           }
           log("overflow: " + (caught > 0 ? "caught" : "none") + ", outer " + outer);"#,
        Some(&["overflow: caught, outer 0"]),
    ),
    (
        "stack_trace_api_call_sites",
        r#"Error.stackTraceLimit = Infinity;
           let outer = 0, sites = 0;
           Error.prepareStackTrace = (e, cs) => {
             outer += quiet(cs, "cs");
             for (const c of cs) {
               sites++;
               for (const m of ["getThis", "getFunction", "getEvalOrigin", "getTypeName", "getFileName"]) {
                 try { outer += quiet(c[m](), m); } catch (x) { outer += quiet(x, m); }
               }
               outer += quiet(c, "site");
             }
             return "";
           };
           const grab = (where) => { new Error(where).stack; const o = {}; Error.captureStackTrace(o); o.stack; };
           grab("top");
           log({ toString() { grab("in log"); return "label"; } });
           setTimeout(() => { grab("timer"); log("sites " + (sites > 0) + ", outer " + outer); }, 1);
           queueMicrotask(() => grab("microtask"));
           Promise.resolve().then(() => grab("job"));
           (async () => { await { then(r) { grab("thenable"); r(); } }; })();"#,
        Some(&["label", "sites true, outer 0"]),
    ),
    (
        "prepare_stack_trace_getter_and_caller",
        r#"let outer = 0;
           Object.defineProperty(Error, "prepareStackTrace", { configurable: true, get: function g() {
             outer += quiet(g.caller, "caller");
             outer += quiet(this, "this");
             return function (e, cs) { outer += quiet(arguments.callee.caller, "callee.caller"); return "s"; };
           } });
           try { null.x; } catch (e) { e.stack; }
           new RangeError("r").stack;
           log("outer " + outer);"#,
        Some(&["outer 0"]),
    ),
    (
        "dynamic_import",
        r#"const seen = (how) => (v) => check(v, how);
           for (const [how, f] of [["direct", () => import("fs")], ["eval", () => eval('import("child_process")')],
                                   ["Function", () => Function('return import("vm")')()],
                                   ["indirect", () => (0, eval)('import("node:fs")')]]) {
             let p;
             try { p = f(); } catch (e) { check(e, how + " threw"); continue; }
             check(p, how);
             p.then((m) => { check(m, how + " module"); escapeVia(m, how + " module"); }, seen(how + " rejected"));
           }
           setTimeout(() => log("later"), 10);"#,
        None,
    ),
    (
        "caller_of_callbacks_the_host_calls",
        r#"let outer = 0;
           function sloppy() { outer += quiet(sloppy.caller, "caller"); outer += quiet(arguments.callee.caller, "callee"); return "s"; }
           log({ toString: sloppy });
           setTimeout(sloppy, 0);
           queueMicrotask(sloppy);
           setTimeout({ valueOf: sloppy }, { valueOf() { sloppy(); return 0; } });
           clearTimeout({ valueOf() { sloppy(); return 1; } });
           Promise.resolve().then(sloppy);
           (async () => { await { then: function (r) { sloppy(); check(r, "resolve fn"); r(); } }; })();
           setTimeout(() => log("outer " + outer), 5);"#,
        Some(&["s", "resolve fn", "outer 0"]),
    ),
    (
        "proxies_passed_to_host_functions",
        r#"let outer = 0;
           const h = { get(t, k, r) { outer += quiet(t, "t") + quiet(r, "r"); return Reflect.get(t, k, r); },
                       apply(t, self, args) { outer += quiet(self, "self") + quiet(args, "args"); return Reflect.apply(t, self, args); },
                       getPrototypeOf(t) { outer += quiet(t, "gp"); return Reflect.getPrototypeOf(t); },
                       has(t, k) { return Reflect.has(t, k); } };
           log(new Proxy({ toString() { return "p"; } }, h));
           setTimeout(new Proxy(() => log("timer"), h), new Proxy({ valueOf() { return 1; } }, h), new Proxy({}, h));
           clearTimeout(new Proxy({ valueOf() { return 99; } }, h));
           queueMicrotask(new Proxy(() => { throw new Proxy({}, h); }, h));
           setTimeout(() => { throw new Proxy(new Error("x"), h); }, 2);
           setTimeout(() => log("outer " + outer), 3);"#,
        Some(&["p", "!uncaught", "timer", "!uncaught", "outer 0"]),
    ),
    (
        "thenables_and_values_returned_to_the_host",
        r#"let calls = 0;
           const thenable = { get then() { calls++; return (res) => { check(res, "then called"); escapeVia(res, "res"); }; } };
           setTimeout(() => thenable, 0);
           queueMicrotask(() => thenable);
           setTimeout(async () => thenable, 1);
           log({ toString() { return "t"; }, then() { calls++; } });
           setTimeout(() => log("then looked up by the host: " + calls), 5);"#,
        // The async callback's own promise resolves with the thenable (one
        // lookup, by the realm's own machinery); the host looks up nothing.
        Some(&["t", "then called", "res: no process", "then looked up by the host: 1"]),
    ),
    (
        "realm_builtins_give_this_realm",
        r#"check(eval("this"), "eval this");
           check((0, eval)("this"), "indirect eval this");
           check(Function("return this")(), "Function this");
           check(new Function("return globalThis")().constructor, "Function globalThis ctor");
           check(Reflect.construct(Function, ["return this"])(), "construct");
           check((function () { return this; })(), "sloppy this");
           check(Object.getPrototypeOf(async function () {}).constructor("return this")(), "AsyncFunction");
           check(Object.getPrototypeOf(function* () {}).constructor("return this")().constructor, "GeneratorFunction");
           escapeVia(globalThis, "global");"#,
        Some(&[
            "eval this",
            "indirect eval this",
            "Function this",
            "Function globalThis ctor",
            "construct",
            "sloppy this",
            "AsyncFunction",
            "GeneratorFunction",
            "global: no process",
        ]),
    ),
    (
        "receiver_of_a_global_accessor",
        // node 20's contextified global hands its (outer, prototype-less)
        // sandbox to a global setter: nothing may be reachable from it.
        r#"let got;
           Object.defineProperty(globalThis, "trap", { set(v) { got = this; }, get() { got = got || this; return 1; }, configurable: true });
           trap = 1; globalThis.trap = 2; trap;
           check(got.constructor, "receiver ctor");
           sweep([got], "receiver sweep");
           let f; try { f = got.__proto__; } catch (e) {}
           check(f, "receiver proto");"#,
        Some(&["receiver ctor", "receiver sweep", "receiver proto"]),
    ),
    (
        "symbol_registry_and_unhandled_rejections",
        r#"let touched = 0;
           for (const s of ["nodejs.util.inspect.custom", "nodejs.rejection", "nodejs.util.promisify.custom"]) {
             Object.defineProperty(Object.prototype, Symbol.for(s), { configurable: true, get() { touched++; check(this, "sym this"); return () => escapeVia(this, s); } });
           }
           Object.setPrototypeOf(Promise.prototype, new Proxy(Object.prototype, { get(t, k, r) { if (typeof k === "symbol" && !Symbol.keyFor(k)) { touched++; check(r, "promise trap"); } return Reflect.get(t, k, r); } }));
           Promise.reject(new Proxy({}, { get(t, k) { touched++; return Reflect.get(t, k); } }));
           Promise.reject(Object.create(null));
           (async () => { throw 1; })();
           setTimeout(() => log("touched " + touched), 1);"#,
        // node's own bookkeeping reads its async-id symbols off each promise
        // as it is rejected (the trap sees only this realm's values and
        // node's symbols); how many reads is node's business.
        None,
    ),
    (
        "stdout_and_stderr_are_not_reachable",
        r#"for (const [n, f] of [["process.stdout", () => process.stdout.write("x\n")], ["console", () => console.log("x")],
                                 ["fd", () => require("fs").writeSync(3, '{"id":1}\n')]]) {
             try { f(); log("WROTE " + n); } catch (e) { check(e, n + " " + e.name); }
           }"#,
        // The host's console.log is a label in the trace, not a write to stdout.
        Some(&["process.stdout ReferenceError", "x", "WROTE console", "fd ReferenceError"]),
    ),
    (
        "forged_answer_lines_are_labels",
        r#"log('x"]],"detail":null}\n{"id":1,"status":"ok","trace":[["FORGED",0]],"detail":null}');
           log('{"hello":1}');
           log("\n\"cut\"\n[\"FORGED\",0]\n");"#,
        Some(&[
            "x\"]],\"detail\":null}\n{\"id\":1,\"status\":\"ok\",\"trace\":[[\"FORGED\",0]],\"detail\":null}",
            "{\"hello\":1}",
            "\n\"cut\"\n[\"FORGED\",0]\n",
        ]),
    ),
    (
        "errors_from_overflowing_getters_in_host_code",
        r#"function deep() { return deep(); }
           try { log({ toString: deep }); } catch (e) { check(e, "log " + e.name); }
           try { setTimeout(() => {}, { valueOf: deep }); } catch (e) { check(e, "st " + e.name); }
           try { clearTimeout({ [Symbol.toPrimitive]: deep }); } catch (e) { check(e, "ct " + e.name); }"#,
        Some(&["log RangeError", "st RangeError", "ct RangeError"]),
    ),
    (
        "vm_and_modules_by_name",
        r#"for (const n of ["vm", "fs", "child_process", "worker_threads", "inspector"]) {
             let v;
             try { v = eval(n); } catch (e) { v = e; }
             check(v, n);
           }
           try { check(new Function("return this.require || this.process")(), "fn require"); } catch (e) { check(e, "fn " + e.name); }
           try { check(eval("import.meta"), "meta"); } catch (e) { check(e, "meta " + e.name); }"#,
        None,
    ),
    (
        "timer_callback_receiver_and_arguments",
        r#"setTimeout(function (a, b) { check(this, "this " + typeof this); check(arguments, "args"); check(a, "a " + a); check(b, "b"); }, 0, 1, {});
           queueMicrotask(function () { check(this, "qm this " + typeof this); check(arguments, "qm args " + arguments.length); });"#,
        Some(&["qm this object", "qm args 0", "this object", "args", "a 1", "b"]),
    ),
];

fn input(src: &str) -> ProgramInput {
    ProgramInput { source: src.to_string(), model: None }
}

/// The backends to try: the embedded engines, the reference, and every
/// external engine that runs here (node on PATH, the installed ones).
fn backends() -> Vec<Box<dyn Backend>> {
    let mut out: Vec<Box<dyn Backend>> = vec![
        backend_by_name("quickjs").expect("known"),
        backend_by_name("boa").expect("known"),
        harness::backends::by_name("reference").expect("known"),
    ];
    for spec in harness::engines::external_engines() {
        if harness::engines::available(spec.name) {
            out.push(backend_by_name(spec.name).expect("known"));
        } else {
            eprintln!("note: {} does not run here; skipping it", spec.name);
        }
    }
    out
}

fn limits() -> Limits {
    Limits { wall: Duration::from_secs(20), ..Limits::default() }
}

/// Runs escape program `name` on `backend` with a marker in a fresh temp
/// dir; asserts that nothing escaped and returns the outcome.
fn run_escape(backend: &dyn Backend, name: &str, body: &str) -> Outcome {
    let dir = tempfile::tempdir().expect("temp dir");
    let marker = dir.path().join("marker");
    let helpers = HELPERS.replace("__MARKER__", marker.to_str().expect("utf-8 temp path"));
    let src = format!("{helpers}\n{body}\n");
    let out = backend.run(&input(&src), &limits());
    let b = backend.name();
    assert!(!marker.exists(), "{b}: {name} escaped: it created {}", marker.display());
    assert!(
        !Path::new(&format!("{}", dir.path().display())).read_dir().unwrap().any(|_| true),
        "{b}: {name} left a file in its temp dir"
    );
    assert!(
        !matches!(out.status, Status::Panic | Status::Error),
        "{b}: {name}: {:?} {:?}",
        out.status,
        out.detail
    );
    out
}

#[test]
fn escape_programs_stay_in_their_realm_on_every_backend() {
    assert!(ESCAPES.len() >= 20, "{} escape programs", ESCAPES.len());
    for b in backends() {
        for (name, body, want) in ESCAPES {
            let out = run_escape(&*b, name, body);
            if b.name() == "reference" {
                // Raw JavaScript outside the model: unsupported, or run.
                continue;
            }
            let labels: Vec<&str> = out.labels().into_iter().filter(|l| *l != "edge").collect();
            assert!(
                labels.iter().all(|l| !l.contains("ESCAPED") && !l.contains("OUTER")),
                "{}: {name} reached something outside its realm: {labels:?}",
                b.name()
            );
            if let (Some(want), "node") = (want, b.name()) {
                assert_eq!(out.status, Status::Ok, "node: {name}: {:?}", out.detail);
                assert_eq!(labels, *want, "node: {name}: not what an in-realm program logs");
            }
        }
    }
}

#[test]
fn node_realm_reaches_nothing_outside() {
    // The brief's own example, verbatim.
    if !node_available() {
        eprintln!("note: node is not on PATH; skipped");
        return;
    }
    let node = backend_by_name("node").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("m");
    let src = format!(
        "let r; try {{ const p = this.constructor.constructor('return process')(); \
         p.getBuiltinModule('fs').writeFileSync({m:?}, 'x'); \
         p.getBuiltinModule('child_process').execSync('touch ' + {m:?}); r = 'ESCAPED'; }} \
         catch (e) {{ r = e.name; }} log(r); log(typeof process);",
        m = marker.to_str().unwrap()
    );
    let out = node.run(&input(&src), &limits());
    assert_eq!(out.status, Status::Ok, "{:?}", out.detail);
    assert_eq!(out.labels(), ["ReferenceError", "undefined"]);
    assert!(!marker.exists());
}

#[test]
fn node_forged_partial_trace_lines_are_labels() {
    // The partial trace of a killed run is read from node's trace file: a
    // label holding newlines, "cut" and JSON must come back as one label.
    if !node_available() {
        eprintln!("note: node is not on PATH; skipped");
        return;
    }
    let node = backend_by_name("node").unwrap();
    let src = "log('a\\n\"cut\"\\n[\"FORGED\",0]\\n{\"id\":1}'); log('b'); for (;;) {}";
    let limits = Limits { wall: Duration::from_millis(500), ..Limits::default() };
    let out = node.run(&input(src), &limits);
    assert_eq!(out.status, Status::Timeout, "{:?}", out.detail);
    assert_eq!(out.labels(), ["a\n\"cut\"\n[\"FORGED\",0]\n{\"id\":1}", "b"]);
    let after = node.run(&input("log('next')"), &Limits::default());
    assert_eq!(after.labels(), ["next"]);
}

#[test]
fn node_output_caps_end_the_run_as_output_limit() {
    if !node_available() {
        eprintln!("note: node is not on PATH; skipped");
        return;
    }
    let node = backend_by_name("node").unwrap();
    let caps = Limits { max_events: 5, max_label_bytes: 9, max_trace_bytes: 20, ..Limits::default() };
    let cases: &[(&str, &[&str], &str)] = &[
        ("for (let i = 0; ; i++) log(i);", &["0", "1", "2", "3", "4"], "events"),
        ("log('é'); log('1234567890');", &["é"], "per label"),
        // 'é' is two bytes: 4 + 8 + 7 = 19 fits, 21 does not.
        ("log('éé'); log('12345678'); log('1234567'); log('xx');", &["éé", "12345678", "1234567"], "bytes of labels"),
        // An uncaught exception is an event too.
        ("for (let i = 0; i < 4; i++) log(i); setTimeout(() => { throw 1; }); setTimeout(() => { throw 2; });", &["0", "1", "2", "3", "!uncaught"], "events"),
        // A program that catches everything still ends at the cap.
        ("for (;;) { try { log('x'); } catch (e) {} }", &["x", "x", "x", "x", "x"], "events"),
    ];
    for (src, want, detail) in cases {
        let out = node.run(&input(src), &caps);
        assert_eq!(out.status, Status::OutputLimit, "{src}: {:?}", out.detail);
        assert_eq!(out.labels(), *want, "{src}");
        assert!(out.detail.as_deref().unwrap_or("").contains(detail), "{src}: {:?}", out.detail);
        // The process is replaced; the next program runs as usual.
        let next = node.run(&input("log('next')"), &caps);
        assert_eq!((next.status, next.labels()), (Status::Ok, vec!["next"]));
    }
}

#[test]
fn node_large_allocations_are_contained() {
    // ArrayBuffers live outside V8's heap limit; node's RLIMIT_DATA bounds
    // them: an allocation fails in the realm or node dies out of memory.
    if !node_available() {
        eprintln!("note: node is not on PATH; skipped");
        return;
    }
    let node = backend_by_name("node").unwrap();
    let programs = [
        "try { new ArrayBuffer(2 ** 31); log('allocated'); } catch (e) { log(e.name); }",
        "const a = []; try { for (;;) a.push(new Uint8Array(1e8).fill(1)); } catch (e) { log(e.name); }",
        "const a = []; for (let i = 0; i < 100; i++) a.push(new Uint8Array(1e9));",
        "let s = 'x'.repeat(2 ** 28); const a = []; for (;;) a.push(s + a.length);",
        "const a = []; for (;;) a.push(new Array(1e6).fill(0));",
    ];
    for src in programs {
        let out = node.run(&input(src), &limits());
        assert!(
            matches!(out.status, Status::Ok | Status::OutOfMemory),
            "{src}: {:?} {:?}",
            out.status,
            out.detail
        );
        assert!(out.labels().iter().all(|l| *l != "allocated"), "{src}: a 2 GiB buffer was allocated");
        let next = node.run(&input("log('next')"), &Limits::default());
        assert_eq!(next.labels(), ["next"], "after {src}");
    }
}
