//! The engine backends (`quickjs`, `boa`, `node`) against hand-written
//! programs whose traces were worked out by hand from ECMA-262 and HTML and
//! agree on all three engines, plus the fault-containment suite and the
//! runner. Node tests are skipped (with a message) when `node` is not on PATH.

use harness::engines::{available, backend_by_name, boa, external_engine, node_available, ENGINE_NAMES};
use harness::outcome::{Backend, Event, Limits, Outcome, ProgramInput, Status, UNCAUGHT};
use harness::runner::run_all;
use std::time::{Duration, Instant};

fn input(src: &str) -> ProgramInput {
    ProgramInput { source: src.to_string(), model: None }
}

/// Generated programs `0..n` of `seed`, printed, with their models.
fn generated(seed: u64, n: u64) -> Vec<ProgramInput> {
    let generator = generators::Generator::new(generators::GenConfig::default());
    (0..n)
        .map(|i| {
            let p = generator.program(seed, i);
            ProgramInput { source: generators::print_program(&p), model: Some(p) }
        })
        .collect()
}

/// The engine backends to test: every one that runs here (the embedded
/// two always; node when it is on PATH; the others when installed).
fn engines() -> Vec<Box<dyn Backend>> {
    let mut out = Vec::new();
    for name in ENGINE_NAMES {
        if !available(name) {
            eprintln!("note: {name} is not installed here; skipping it");
            continue;
        }
        out.push(backend_by_name(name).expect("known engine"));
    }
    out
}

/// Engines where a stack overflow ends the program (`stack-overflow`)
/// instead of throwing a catchable error: xsnap treats it as fatal (its JS
/// stack is a fixed 4,096 slots, ~380 frames), and engine262's overflow is
/// node's own RangeError, outside the realm (hosts/xs.js, hosts/engine262.js).
fn overflow_ends_the_program(name: &str) -> bool {
    matches!(name, "xs" | "engine262")
}

/// Engines whose out-of-memory error is catchable (JavaScriptCore's
/// RangeError until its footprint cap aborts it, SpiderMonkey's "out of
/// memory"): a program that catches it goes on.
fn out_of_memory_is_catchable(name: &str) -> bool {
    matches!(name, "jsc" | "spidermonkey")
}

fn run(backend: &dyn Backend, src: &str, limits: &Limits) -> Outcome {
    backend.run(&input(src), limits)
}

/// Every engine runs `src` to completion with exactly `want` as labels.
fn assert_labels(src: &str, want: &[&str]) {
    assert_labels_but(src, want, &[]);
}

/// As [`assert_labels`], but the engines named in `differences` give their
/// own, documented, labels.
/// The exported standalone script (`export::standalone_script`, the repro
/// a bucket's `.js` file holds) is checked the same way, as `standalone`.
fn assert_labels_but(src: &str, want: &[&str], differences: &[(&str, &[&str])]) {
    let limits = Limits::default();
    let want_of = |name: &str| differences.iter().find(|(n, _)| *n == name).map_or(want, |(_, w)| *w);
    for b in engines() {
        let out = run(&*b, src, &limits);
        assert_eq!(out.status, Status::Ok, "{}: {:?}\nprogram: {src}", b.name(), out.detail);
        assert_eq!(out.labels(), want_of(b.name()), "{}: wrong trace\nprogram: {src}", b.name());
    }
    if node_available() {
        assert_eq!(standalone_labels(src), want_of("standalone"), "standalone: wrong trace\nprogram: {src}");
    }
}

/// The labels `node` prints for `src` as a standalone script.
fn standalone_labels(src: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("repro.js");
    std::fs::write(&file, harness::export::standalone_script(src)).unwrap();
    let out = std::process::Command::new("node").arg(&file).output().expect("runs node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "standalone: node failed\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let last = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(last).unwrap_or_else(|e| panic!("standalone: last line {last:?}: {e}"))
}

// ---------------------------------------------------------------- ordering

#[test]
fn ordering_script_microtasks_then_timers() {
    assert_labels(
        "log('a'); setTimeout(()=>log('t2'),2); setTimeout(()=>log('t1'),1); \
         Promise.resolve().then(()=>log('p')); queueMicrotask(()=>log('q')); log('b')",
        &["a", "b", "p", "q", "t1", "t2"],
    );
}

#[test]
fn ordering_async_await() {
    // await null: 1 tick; await of a native promise: 1 tick after it settles.
    assert_labels(
        "async function f() { log('f1'); await null; log('f2'); await new Promise(r => r()); log('f3'); }
         f();
         Promise.resolve().then(() => log('p1')).then(() => log('p2')).then(() => log('p3'));
         log('s');",
        &["f1", "s", "f2", "p1", "f3", "p2", "p3"],
    );
}

#[test]
fn ordering_returning_a_promise_from_then_costs_two_ticks() {
    assert_labels(
        "Promise.resolve().then(() => { log('a'); return Promise.resolve(); }).then(() => log('a-done'));
         Promise.resolve().then(() => log('b1')).then(() => log('b2')).then(() => log('b3')).then(() => log('b4'));",
        &["a", "b1", "b2", "b3", "a-done", "b4"],
    );
}

#[test]
fn ordering_await_thenable_goes_through_resolve_thenable_job() {
    assert_labels(
        "(async () => { await { then(r) { log('then'); r(); } }; log('after'); })();
         Promise.resolve().then(() => log('x1')).then(() => log('x2')).then(() => log('x3'));",
        &["then", "x1", "after", "x2", "x3"],
    );
}

#[test]
fn ordering_promise_all_settles_one_reaction_after_the_last_element() {
    assert_labels(
        "Promise.all([1, Promise.resolve(2)]).then(v => log('all' + v));
         Promise.resolve().then(() => log('a')).then(() => log('b')).then(() => log('c'));",
        &["a", "all1,2", "b", "c"],
    );
}

#[test]
fn ordering_nested_timers_use_virtual_time() {
    // At t=10 'a' schedules 'c' for t=15 with a larger id than 'd' (also t=15).
    assert_labels(
        "setTimeout(() => { log('a'); setTimeout(() => log('c'), 5); }, 10);
         setTimeout(() => log('b'), 12);
         setTimeout(() => log('d'), 15);",
        &["a", "b", "d", "c"],
    );
}

// ---------------------------------------------------------------- host functions

#[test]
fn set_timeout_delay_coercion_extra_args_and_non_callables() {
    // ids: nan=1 neg=2 str=3 frac=4 zero=5 pq=6 args=7 string=8 inf=9 big=10
    assert_labels(
        "setTimeout(() => log('nan'), NaN);
         setTimeout(() => log('neg'), -5);
         setTimeout(() => log('str'), '3');
         setTimeout(() => log('frac'), 2.9);
         setTimeout(() => log('zero'));
         setTimeout((x, y) => log(x + y), 1, 'p', 'q');
         setTimeout(function () { log(String(arguments.length)); }, 1, 1, 2, 3);
         log('id' + setTimeout('not a function', 0));
         setTimeout(() => log('inf'), Infinity);
         setTimeout(() => log('big'), 1e300);",
        &["id8", "nan", "neg", "zero", "pq", "3", "frac", "str", "big", "inf"],
    );
}

#[test]
fn clear_timeout_cancels_pending_and_ignores_the_rest() {
    // ids: a=1 b=2 first=3 c=4 b0=5 clear-b=6 end=7
    assert_labels(
        "const a = setTimeout(() => log('a'), 1);
         const b = setTimeout(() => log('b'), 1);
         clearTimeout(a);
         clearTimeout(999); clearTimeout('x'); clearTimeout(); clearTimeout(null); clearTimeout({});
         let c;
         setTimeout(() => { log('first'); clearTimeout(c); clearTimeout(b0); }, 0);
         c = setTimeout(() => log('c'), 5);
         const b0 = setTimeout(() => log('b0'), 0);
         log(a + ',' + b + ',' + c);
         setTimeout(() => clearTimeout(b), 2);
         setTimeout(() => log('end'), 3);",
        &["1,2,4", "first", "b", "end"],
    );
}

#[test]
fn queue_microtask_exception_is_uncaught_but_promise_exception_is_a_rejection() {
    assert_labels(
        "queueMicrotask(() => { log('q1'); throw new Error('x'); });
         queueMicrotask(() => log('q2'));
         Promise.reject(1);
         Promise.resolve().then(() => { throw 2; }).catch(() => log('caught'));
         queueMicrotask(() => { throw 3; });
         queueMicrotask('not a function');",
        // The last call throws a TypeError (HTML), ending the script first.
        &[UNCAUGHT, "q1", UNCAUGHT, "q2", UNCAUGHT, "caught"],
    );
}

#[test]
fn uncaught_in_script_then_the_loop_goes_on() {
    assert_labels(
        "setTimeout(() => log('t'), 0); Promise.resolve().then(() => log('p'));
         log('a'); throw new Error('boom'); log('never');",
        &["a", UNCAUGHT, "p", "t"],
    );
}

#[test]
fn uncaught_in_timer_then_the_loop_goes_on() {
    assert_labels(
        "setTimeout(() => { log('t1'); Promise.resolve().then(() => log('p')); throw 1; }, 0);
         setTimeout(() => log('t2'), 0);",
        &["t1", UNCAUGHT, "p", "t2"],
    );
}

#[test]
fn host_surface_is_the_four_functions_only() {
    let labels = |others: &'static str| {
        ["function,function,function,function,function", "log true", others]
            .into_iter()
            .chain(["number", "Symbol(s)", "obj", "undefined", "null", "12.5"])
            .collect::<Vec<_>>()
    };
    assert_labels_but(
        "log([typeof log, typeof setTimeout, typeof clearTimeout, typeof queueMicrotask, typeof console.log].join());
         log(Object.getOwnPropertyNames(console).join() + ' ' + Object.getPrototypeOf(console).hasOwnProperty('toString'));
         log([typeof performance, typeof TypedArray, typeof btoa, typeof WebAssembly,
              typeof InternalError, typeof process, typeof require, typeof setInterval].join());
         log(typeof setTimeout(() => {}, 0));
         log(String(Symbol('s')));
         log({ toString() { return 'obj'; } });
         log(undefined); log(null); log(12.5);",
        &labels("undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined"),
        // The standalone repro runs in node's own realm: node's globals stay.
        &[("standalone", &labels("object,undefined,function,object,undefined,object,function,function"))],
    );
}

#[test]
fn console_log_logs_its_arguments_through_string_joined_by_spaces() {
    // Each argument converted in order (the toString calls log first), then
    // one label; no arguments give the empty label. The namespace property
    // is not enumerable; its `log` is an enumerable, 0-length method.
    assert_labels(
        "const o = (name) => ({ toString() { log('toString ' + name); return name; } });
         console.log(o('a'), 1, o('b'), undefined, null, Symbol('s'));
         console.log();
         console.log('x\\uD800');
         const d = Object.getOwnPropertyDescriptor(globalThis, 'console');
         log([d.writable, d.enumerable, d.configurable].join('/'));
         const l = Object.getOwnPropertyDescriptor(console, 'log');
         log([l.writable, l.enumerable, l.configurable, console.log.length, console.log.name, 'prototype' in console.log].join('/'));
         try { new console.log(); } catch (e) { log(e instanceof TypeError); }
         Promise.resolve().then(() => console.log('job'));
         setTimeout(console.log, 0, 'timer', 2);
         const saved = console.log; String = null; Array.prototype.join = null; saved.call(null, 'still', 'works');",
        &[
            "toString a",
            "toString b",
            "a 1 b undefined null Symbol(s)",
            "",
            "x\u{FFFD}",
            "true/false/true",
            "true/true/true/0/log/false",
            "true",
            "still works",
            "job",
            "timer 2",
        ],
    );
}

#[test]
fn host_survives_programs_that_overwrite_builtins() {
    assert_labels(
        "String = null; Math.trunc = null; Reflect.apply = null; Object.defineProperty = null;
         Promise.prototype.then = function () { log('patched then'); };
         Array.prototype[Symbol.iterator] = function () { throw 'no'; };
         setTimeout((x) => log('t' + x), 1.5, 1);
         queueMicrotask(() => log('q'));
         log(1);",
        &["1", "q", "t1"],
    );
    // What the host's own coercions use: the realm's intrinsics as they were
    // before the script, whatever the program replaces afterwards.
    assert_labels(
        r#"const RealString = String;
           globalThis.String = function () { return 'fake'; };
           RealString.prototype.toWellFormed = function () { return 'fake'; };
           RealString.prototype.toString = function () { return 'fake'; };
           Symbol.prototype.toString = function () { return 'fake'; };
           Object.defineProperty(Symbol.prototype, 'description', { get() { return 'fake'; } });
           Number = null; Math = null; Reflect = null; TypeError = null;
           Function.prototype.call = null; Function.prototype.apply = null;
           Object.prototype.valueOf = function () { return 'fake'; };
           setTimeout((x, y) => log(x + y), new RealString('1'), 'a', 'b');
           clearTimeout(new RealString('1'));
           setTimeout((x, y) => log(x + y), 0, 'c', 'd');
           try { queueMicrotask(1); } catch (e) { log(e.name); }
           log(Symbol('s')); log('x\uDFFF'); log(new RealString('boxed'));"#,
        // ToString of a String object calls its (replaced) toString, as String() does.
        &["TypeError", "Symbol(s)", "x\u{FFFD}", "fake", "cd"],
    );
}

#[test]
fn host_functions_coerce_their_arguments_like_the_prelude() {
    // The embedded engines implement the host functions natively, node through
    // HOST_PRELUDE: user code must run at the same points, in the same order.
    assert_labels(
        r#"const probe = (name, n) => ({
             valueOf() { log(name + '.valueOf'); return n; },
             toString() { log(name + '.toString'); return name; },
           });
           log(probe('label', 0));
           setTimeout(probe('cb', 0), probe('ms', 1));
           const two = setTimeout(() => log('cancelled'), 2);
           clearTimeout(probe('id', 2.7));
           try { setTimeout(() => log('never'), { valueOf() { throw 'ms threw'; } }); } catch (e) { log(e); }
           for (const bad of [1n, Symbol('x')]) {
             try { setTimeout(() => log('never'), bad); } catch (e) { log('setTimeout ' + (e instanceof TypeError)); }
             try { clearTimeout(bad); } catch (e) { log('clearTimeout ' + (e instanceof TypeError)); }
           }
           try { queueMicrotask({}); } catch (e) { log((e instanceof TypeError) + ' ' + e.message); }
           log(Symbol('s')); log(Symbol()); log(Symbol.for('f')); log(); log(null); log(-0); log([1, [2]]);
           log('a\uD800b\uDC00c\uD83D\uDE00');
           setTimeout(() => log('a' + arguments.length), -0);
           setTimeout((x, y) => log('b' + x + y), 0, probe('x', 0), 'y');
           log(String(setTimeout(() => log('c'), 1.9)));
           clearTimeout(true); clearTimeout('3'); clearTimeout(-0.5);"#,
        &[
            "label.toString",
            "label",
            "ms.valueOf",
            "id.valueOf",
            "ms threw",
            "setTimeout true",
            "clearTimeout true",
            "setTimeout true",
            "clearTimeout true",
            "true queueMicrotask: callback is not a function",
            "Symbol(s)",
            "Symbol()",
            "Symbol(f)",
            "undefined",
            "null",
            "0",
            "1,2",
            "a\u{FFFD}b\u{FFFD}c\u{1F600}",
            "5",
            // 'a' (id 3) was cancelled by clearTimeout('3').
            "x.valueOf",
            "b0y",
            "c",
        ],
    );
}

#[test]
fn host_functions_are_plain_non_constructor_functions() {
    let labels = |keys: &'static str| {
        [
            "log/1/false,setTimeout/2/false,clearTimeout/1/false,queueMicrotask/1/false",
            "true/true/true,true/true/true,true/true/true,true/true/true",
            keys,
            "log true",
            "setTimeout true",
            "clearTimeout true",
            "queueMicrotask true",
            "this is ignored",
        ]
    };
    // jsc's shell global hides every name of its static table of shell
    // functions from key enumeration, even once the host has replaced it
    // with an own property (engines/hosts/jsc.js): `setTimeout` is one.
    assert_labels_but(
        "const names = ['log', 'setTimeout', 'clearTimeout', 'queueMicrotask'];
         log(names.map((n) => { const f = globalThis[n]; return f.name + '/' + f.length + '/' + ('prototype' in f); }).join());
         log(names.map((n) => { const d = Object.getOwnPropertyDescriptor(globalThis, n);
                                return [d.writable, d.enumerable, d.configurable].join('/'); }).join());
         log(Object.keys(globalThis).filter((k) => names.includes(k)).join());
         for (const n of names) {
           try { new globalThis[n](() => {}); log(n + ' constructed'); } catch (e) { log(n + ' ' + (e instanceof TypeError)); }
         }
         log.call({}, 'this is ignored');",
        &labels("log,setTimeout,clearTimeout,queueMicrotask"),
        // The standalone repro redefines node's own timer functions, which
        // keep their places among the global object's keys.
        &[
            ("jsc", &labels("log,clearTimeout,queueMicrotask")),
            ("standalone", &labels("clearTimeout,setTimeout,queueMicrotask,log")),
        ],
    );
}

#[test]
fn task_and_job_indices() {
    let src = "log('s');
        Promise.resolve().then(() => log('j1'));
        queueMicrotask(() => log('j2'));
        Promise.resolve().then(() => Promise.resolve()).then(() => log('j6'));
        setTimeout(() => { log('t'); queueMicrotask(() => { log('tj'); throw 0; }); }, 0);";
    // job 3 returns a promise -> job 4 is its resolve-thenable job -> job 5
    // the reaction that resolves the outer promise -> job 6 logs.
    let want =
        [("s", 0, 0), ("j1", 0, 1), ("j2", 0, 2), ("j6", 0, 6), ("t", 1, 0), ("tj", 1, 1), (UNCAUGHT, 1, 1)];
    let limits = Limits::default();
    for b in engines() {
        let out = run(&*b, src, &limits);
        assert_eq!(out.status, Status::Ok, "{}: {:?}", b.name(), out.detail);
        let counts_jobs = external_engine(b.name()).is_none_or(|spec| spec.counts_jobs);
        let expected: Vec<Event> = want
            .iter()
            .map(|&(l, t, j)| Event::new(l, t, if counts_jobs { Some(j) } else { None }))
            .collect();
        assert_eq!(out.trace, expected, "{}", b.name());
    }
}

#[test]
fn globals_do_not_leak_between_programs() {
    let limits = Limits::default();
    for b in engines() {
        // Same backend instance, same thread (so the same node process).
        let first = run(
            &*b,
            "globalThis.leak = 1; var v = 2; let l = 3; Object.prototype.polluted = 1;
             Array.prototype.push = null; setTimeout(() => {}, 100); log('set');",
            &limits,
        );
        assert_eq!(first.labels(), ["set"], "{}", b.name());
        let second = run(
            &*b,
            "log([typeof leak, typeof v, typeof l, typeof ({}).polluted, typeof [].push].join());
             log(String(setTimeout(() => {}, 0)));",
            &limits,
        );
        assert_eq!(second.status, Status::Ok, "{}: {:?}", b.name(), second.detail);
        assert_eq!(
            second.labels(),
            ["undefined,undefined,undefined,undefined,function", "1"],
            "{}",
            b.name()
        );
    }
}

#[test]
fn programs_reusing_a_runner_thread_see_nothing_of_earlier_ones() {
    // On the runner's threads the embedded engines run in place (QuickJS: a
    // fresh runtime per program; Boa: a fresh context, the thread's heap
    // collected after each program; after a Rust panic in Boa the thread is
    // not used for Boa again). One thread, so every program follows the
    // previous one on the same thread.
    let limits = Limits::default();
    let writer = "globalThis.leak = 1; var v = 2; let l = 3; Object.prototype.polluted = 1;
                  Array.prototype.push = null; Symbol.for('k').description; globalThis.w = new WeakRef({});
                  setTimeout(() => {}, 100); Promise.reject(1); log('set');";
    let reader =
        "log([typeof leak, typeof v, typeof l, typeof ({}).polluted, typeof [].push, typeof w].join());
                  log(String(setTimeout(() => {}, 0)));";
    // boa_engine 0.22 panics on this one (see fault_boa_internal_panic_is_contained).
    let boa_panic = "async function* g() { yield* g(); } g().next();";
    let sources = [writer, reader, boa_panic, writer, reader, reader];
    let programs: Vec<ProgramInput> = sources.iter().map(|s| input(s)).collect();
    let mut backends: Vec<Box<dyn Backend>> =
        ["quickjs", "boa-inproc", "boa"].iter().map(|n| backend_by_name(n).unwrap()).collect();
    if node_available() {
        backends.push(backend_by_name("node").unwrap());
    }
    let rows = run_all(&programs, &backends, &limits, 1);
    for (i, row) in rows.iter().enumerate() {
        for (b, out) in backends.iter().zip(row) {
            match sources[i] {
                s if s == writer => assert_eq!(out.labels(), ["set"], "{} program {i}: {out:?}", b.name()),
                s if s == reader => {
                    assert_eq!(out.status, Status::Ok, "{} program {i}: {:?}", b.name(), out.detail);
                    assert_eq!(
                        out.labels(),
                        ["undefined,undefined,undefined,undefined,function,undefined", "1"],
                        "{} program {i}",
                        b.name()
                    );
                }
                _ => assert_ne!(out.status, Status::Error, "{} program {i}: {out:?}", b.name()),
            }
        }
    }
}

#[test]
fn boa_programs_start_with_an_empty_heap() {
    // Each program keeps ~40 MiB live until it ends; the worker's memory
    // limit is per program, so the garbage of the previous ones must not
    // count against the next (the worker collects it after each program).
    let b = backend_by_name("boa").unwrap();
    let limits = Limits { memory_bytes: 56 << 20, ..Limits::default() };
    let src = "let a = []; for (let i = 0; i < 200000; i++) a.push({ i, s: 'x' + i }); log(a.length);";
    for i in 0..6 {
        let out = run(&*b, src, &limits);
        assert_eq!(out.status, Status::Ok, "run {i}: {:?}", out.detail);
        assert_eq!(out.labels(), ["200000"], "run {i}");
    }
}

#[test]
fn unhandled_rejections_do_not_accumulate_across_programs() {
    // Node keeps unhandled rejections in a list it drains only when its event
    // loop turns; if the host never let it turn, every program's realm would
    // stay alive and the long-lived process would run out of heap after a few
    // hundred programs like this one (80 KB rejected twice each, 64 MiB heap).
    let limits = Limits { memory_bytes: 64 << 20, ..Limits::default() };
    let src = "const big = new Array(10000).fill(1); Promise.reject(big); (async () => { throw big; })(); log('x');";
    for b in engines() {
        // engine262 keeps each array element as a property record of its own
        // (well over 100 bytes, not 8), so a program retains over 1 MB there
        // and 150 runs outgrow the limit if anything accumulates; at 0.4 s a
        // run, 1,500 of them were most of CI's time.
        let runs = if b.name() == "engine262" { 150 } else { 1500 };
        for i in 0..runs {
            let out = run(&*b, src, &limits);
            assert_eq!(out.status, Status::Ok, "{} run {i}: {:?}", b.name(), out.detail);
            assert_eq!(out.labels(), ["x"], "{}", b.name());
        }
    }
}

#[test]
fn syntax_error_is_a_parse_error_with_no_trace() {
    let limits = Limits::default();
    for b in engines() {
        let out = run(&*b, "log('a'); let x = ;", &limits);
        assert_eq!(out.status, Status::ParseError, "{}: {:?}", b.name(), out.detail);
        assert!(out.trace.is_empty(), "{}", b.name());
        assert!(out.detail.as_deref().is_some_and(|d| !d.is_empty()), "{}", b.name());
        // A SyntaxError thrown at run time (eval) is an ordinary exception.
        let out =
            run(&*b, "try { eval('let x = ;'); } catch (e) { log(e instanceof SyntaxError); }", &limits);
        assert_eq!(out.labels(), ["true"], "{}", b.name());
    }
}

// ---------------------------------------------------------------- faults

fn short_limits() -> Limits {
    Limits { wall: Duration::from_secs(1), ..Limits::default() }
}

#[test]
fn fault_infinite_loops_time_out() {
    let limits = short_limits();
    let cases = [
        ("while (true) {}", vec![]),
        ("queueMicrotask(() => { while (true) {} }); log('x');", vec!["x"]),
        ("setTimeout(() => { log('t'); for (;;) {} }, 1);", vec!["t"]),
    ];
    for b in engines() {
        for (src, want) in &cases {
            let t = Instant::now();
            let out = run(&*b, src, &limits);
            // Boa stops at its loop-iteration limit (~1 s), the others at the deadline.
            assert_eq!(out.status, Status::Timeout, "{}: {src}: {:?}", b.name(), out.detail);
            assert_eq!(out.labels(), *want, "{}: {src}", b.name());
            assert!(t.elapsed() < Duration::from_secs(20), "{}: {src} took {:?}", b.name(), t.elapsed());
        }
    }
}

#[test]
fn node_timeout_keeps_the_partial_trace_and_the_next_program_runs() {
    // The harness kills node at the wall-clock limit; the events logged until
    // then come from the trace file node writes as it goes.
    if !node_available() {
        eprintln!("note: node is not on PATH; skipped");
        return;
    }
    let b = backend_by_name("node").unwrap();
    // Output caps out of the way: node logs past the default 100,000 events
    // well within the wall clock.
    let limits = Limits {
        wall: Duration::from_millis(700),
        max_events: usize::MAX,
        max_trace_bytes: usize::MAX,
        ..Limits::default()
    };
    let src = "log('a'); setTimeout(() => { log('t');
                 Promise.resolve().then(function f() { log('m'); return Promise.resolve().then(f); }); }, 1);";
    for _ in 0..2 {
        let t = Instant::now();
        let out = run(&*b, src, &limits);
        assert_eq!(out.status, Status::Timeout, "{:?}", out.detail);
        assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
        let labels = out.labels();
        assert!(labels.len() > 3, "{labels:?}");
        assert_eq!(labels[..3], ["a", "t", "m"]);
        assert!(labels[2..].iter().all(|l| *l == "m"));
        assert_eq!(out.trace[0].task, 0);
        assert!(out.trace[1..].iter().all(|e| e.task == 1));
        let next = run(&*b, "log('next'); Promise.resolve().then(() => log('p'));", &limits);
        assert_eq!(next.status, Status::Ok, "{:?}", next.detail);
        assert_eq!(next.labels(), ["next", "p"]);
    }
}

#[test]
fn fault_runaway_jobs_and_timers_hit_the_step_or_wall_limit() {
    let limits = Limits { wall: Duration::from_secs(2), max_steps: 10_000, ..Limits::default() };
    let cases = [
        "function f() { Promise.resolve().then(f); } f();",
        "function g() { queueMicrotask(g); } g();",
        "function h() { setTimeout(h, 0); } h();",
        "(async () => { for (;;) await null; })();",
    ];
    for b in engines() {
        for src in &cases {
            let out = run(&*b, src, &limits);
            assert_eq!(out.status, Status::Timeout, "{}: {src}: {:?}", b.name(), out.detail);
        }
    }
}

#[test]
fn fault_unbounded_recursion_is_an_uncaught_exception() {
    let limits = Limits::default();
    for b in engines() {
        let out = run(&*b, "setTimeout(() => log('after'), 0); function f() { f(); } f();", &limits);
        if overflow_ends_the_program(b.name()) {
            assert_eq!((out.status, out.labels()), (Status::StackOverflow, vec![]), "{}", b.name());
            continue;
        }
        assert_eq!(out.status, Status::Ok, "{}: {:?}", b.name(), out.detail);
        assert_eq!(out.labels(), [UNCAUGHT, "after"], "{}", b.name());
        // Other engines throw a catchable RangeError; Boa's recursion limit
        // error is uncatchable (documented in engines/boa.rs); SpiderMonkey
        // throws its own InternalError ("too much recursion"), which the
        // spec allows (the error of a stack overflow is the host's).
        let out = run(
            &*b,
            "function f() { f(); } try { f(); } catch (e) { log(e instanceof RangeError); }",
            &limits,
        );
        let want: &[&str] = match b.name() {
            "boa" => &[UNCAUGHT],
            "spidermonkey" => &["false"],
            _ => &["true"],
        };
        assert_eq!(out.labels(), want, "{}", b.name());
    }
}

#[test]
fn fault_deeply_nested_source_never_crashes() {
    let limits = Limits::default();
    let sources = [
        "[".repeat(200_000),
        format!("x = {}1{};", "(".repeat(100_000), ")".repeat(100_000)),
        format!("x = {}1;", "!".repeat(100_000)),
        format!("x = {}{};", "[".repeat(100_000), "]".repeat(100_000)),
        format!("x = `{}`;", "${`".repeat(50_000)),
    ];
    for b in engines() {
        for src in &sources {
            let out = run(&*b, src, &limits);
            // Or it compiles and runs (JavaScriptCore parses 100,000 `!`s, and
            // may then throw its RangeError from the bytecode generator).
            let ran = out.status == Status::Ok && out.labels().iter().all(|l| *l == UNCAUGHT);
            assert!(
                ran || matches!(out.status, Status::StackOverflow | Status::ParseError),
                "{}: {}...: {:?} {:?}",
                b.name(),
                &src[..20],
                out.status,
                out.detail
            );
        }
        // The same text given to eval at run time: a catchable RangeError.
        let out = run(
            &*b,
            "try { eval('['.repeat(100000)); } catch (e) { log(e instanceof RangeError); } log('after');",
            &limits,
        );
        if overflow_ends_the_program(b.name()) && out.status == Status::StackOverflow {
            continue;
        }
        assert_eq!(out.status, Status::Ok, "{}: {:?}", b.name(), out.detail);
        // SpiderMonkey's overflow is its InternalError ("too much recursion").
        let want = if b.name() == "spidermonkey" { ["false", "after"] } else { ["true", "after"] };
        assert_eq!(out.labels(), want, "{}", b.name());
    }
}

#[test]
fn fault_moderate_nesting_still_runs() {
    // 500 levels: well inside every engine's limits, but for SpiderMonkey's
    // js shell, whose native stack quota is a fixed 1 MiB (no flag sets it):
    // its join recursion stops at ~300 levels with "too much recursion".
    for b in engines() {
        // xsnap's fixed JS stack ends String() of nested arrays at 100-150.
        let depth = match b.name() {
            "spidermonkey" => 100,
            "xs" => 50,
            _ => 500,
        };
        let src = format!("log(String({}1{}));", "[".repeat(depth), "]".repeat(depth));
        let out = run(&*b, &src, &Limits::default());
        assert_eq!((out.status, out.labels()), (Status::Ok, vec!["1"]), "{}", b.name());
    }
}

#[test]
fn fault_unbounded_allocation_is_out_of_memory() {
    // Boa has no heap limit of its own: its worker process runs under an
    // RLIMIT_DATA and dies when an allocation fails (engines/isolated.rs).
    // Boa fills memory slowly (7 s for the first program at 64 MiB), so its
    // own test below uses longer limits and faster programs.
    let limits = Limits { memory_bytes: 64 << 20, wall: Duration::from_secs(10), ..Limits::default() };
    let sources = [
        "let a = []; while (true) a.push(new Array(1e6).fill(0));",
        "let a = []; while (true) a.push(new Array(1e6));",
        "let a = []; try { for (;;) a.push({}); } catch (e) { log('caught'); }",
    ];
    for b in engines() {
        if b.name() == "boa" {
            eprintln!("note: boa fills memory slowly; see fault_boa_unbounded_allocation_is_out_of_memory_*");
            continue;
        }
        for src in &sources {
            let out = run(&*b, src, &limits);
            if out_of_memory_is_catchable(b.name()) && out.status == Status::Ok {
                let want = if src.contains("catch") { "caught" } else { UNCAUGHT };
                assert_eq!(out.labels(), [want], "{}: {src}", b.name());
                continue;
            }
            // jsc past its footprint cap aborts (SIGABRT), not always with
            // its message on stderr: then the death is only an `error`.
            if b.name() == "jsc" && out.status == Status::Error {
                assert!(
                    out.detail.as_deref().is_some_and(|d| d.contains("SIGABRT")),
                    "jsc: {:?}",
                    out.detail
                );
                continue;
            }
            // The shells and engine262 are contained, but how they end is
            // their own: SpiderMonkey may crash (SIGSEGV) at its limit,
            // engine262 fills node's heap slowly enough to meet the wall
            // clock first. Never `ok` with a made-up trace, and the next
            // program runs (below).
            if matches!(b.name(), "spidermonkey" | "engine262" | "xs" | "jsc") {
                assert!(
                    matches!(
                        out.status,
                        Status::OutOfMemory | Status::Timeout | Status::StackOverflow | Status::Error
                    ),
                    "{}: {src}: {:?} {:?}",
                    b.name(),
                    out.status,
                    out.detail
                );
                continue;
            }
            assert_eq!(out.status, Status::OutOfMemory, "{}: {src}: {:?}", b.name(), out.detail);
        }
        // The backend is still usable afterwards (node restarts its process).
        let out = run(&*b, "log('alive')", &Limits::default());
        assert_eq!(out.labels(), ["alive"], "{}", b.name());
    }
}

#[test]
fn fault_boa_internal_panic_is_contained() {
    // boa_engine 0.22 hits `assertion failed: !result.is_throw_completion()`
    // when an async generator recurses through `yield*` past its recursion
    // limit; the backend turns the Rust panic into Status::Panic. (If a later
    // Boa fixes this, any non-crashing status is fine.)
    let b = backend_by_name("boa").unwrap();
    let out = run(&*b, "async function* g() { yield* g(); } g().next();", &Limits::default());
    eprintln!("boa async-generator recursion: {:?} {:?}", out.status, out.detail);
    assert!(matches!(out.status, Status::Panic | Status::Ok), "{:?}", out);
    let out = run(&*b, "log('alive')", &Limits::default());
    assert_eq!(out.labels(), ["alive"]);
}

#[test]
fn boa_limits_follow_the_thread_stack() {
    let limits = Limits::default();
    assert_eq!(boa::max_source_nesting(&limits), 1024);
    assert_eq!(boa::recursion_limit(&limits), 8192);
    // A smaller thread stack gets proportionally smaller engine limits and
    // the fault programs are still contained.
    let small = Limits { thread_stack_bytes: 8 << 20, ..Limits::default() };
    for b in engines() {
        for src in ["[".repeat(100_000), "function f() { [0].forEach(f); } f(); log('x');".to_string()] {
            let out = run(&*b, &src, &small);
            assert_ne!(out.status, Status::Panic, "{}: {:?}", b.name(), out.detail);
        }
    }
}

// ---------------------------------------------------------------- runner

/// A backend that panics, for the runner's containment test.
struct Panicking;

impl Backend for Panicking {
    fn name(&self) -> &str {
        "panicking"
    }
    fn version(&self) -> String {
        "test".into()
    }
    fn run(&self, input: &ProgramInput, _limits: &Limits) -> Outcome {
        panic!("test backend panics on {:?}", &input.source[..input.source.len().min(10)]);
    }
}

#[test]
fn panicking_backend_becomes_panic_status() {
    let out = harness::engines::catch_panic(|| Panicking.run(&input("log(1)"), &Limits::default()));
    assert_eq!(out.status, Status::Panic);
    assert!(out.detail.unwrap().contains("test backend panics"));
}

#[test]
fn run_all_survives_a_batch_of_faults_in_order() {
    let limits = Limits { wall: Duration::from_secs(1), max_steps: 10_000, ..Limits::default() };
    let programs: Vec<ProgramInput> = [
        "log('a'); Promise.resolve().then(() => log('b')); setTimeout(() => log('c'), 1);".to_string(),
        "while (true) {}".to_string(),
        "function f() { f(); } f();".to_string(),
        "[".repeat(200_000),
        "let x = ;".to_string(),
        "function g() { queueMicrotask(g); } g();".to_string(),
        "log('last');".to_string(),
    ]
    .iter()
    .map(|s| input(s))
    .collect();
    let mut backends = engines();
    backends.push(Box::new(Panicking));
    let rows = run_all(&programs, &backends, &limits, 2);
    assert_eq!(rows.len(), programs.len());
    for row in &rows {
        assert_eq!(row.len(), backends.len());
        assert_eq!(row.last().unwrap().status, Status::Panic);
    }
    for (i, b) in backends.iter().enumerate().take(backends.len() - 1) {
        let col: Vec<&Outcome> = rows.iter().map(|r| &r[i]).collect();
        assert_eq!(col[0].labels(), ["a", "b", "c"], "{}", b.name());
        assert_eq!(col[1].status, Status::Timeout, "{}", b.name());
        if overflow_ends_the_program(b.name()) {
            assert_eq!(col[2].status, Status::StackOverflow, "{}", b.name());
        } else {
            assert_eq!(col[2].labels(), [UNCAUGHT], "{}", b.name());
        }
        assert!(matches!(col[3].status, Status::StackOverflow | Status::ParseError), "{}", b.name());
        assert_eq!(col[4].status, Status::ParseError, "{}", b.name());
        assert_eq!(col[5].status, Status::Timeout, "{}", b.name());
        assert_eq!(col[6].labels(), ["last"], "{}", b.name());
    }
}

#[test]
fn run_all_equals_sequential_runs() {
    let limits = Limits::default();
    let programs: Vec<ProgramInput> = (0..12)
        .map(|i| {
            input(&format!(
                "setTimeout(() => log('t{i}'), {i}); queueMicrotask(() => log('q{i}')); \
                 (async () => {{ await null; log('a{i}'); }})(); log('s{i}');"
            ))
        })
        .collect();
    let backends = engines();
    let rows = run_all(&programs, &backends, &limits, 2);
    for (p, row) in programs.iter().zip(&rows) {
        for (b, out) in backends.iter().zip(row) {
            assert_eq!(out, &b.run(p, &limits), "{}", b.name());
        }
    }
    assert_eq!(rows[3][0].labels(), ["s3", "q3", "a3", "t3"]);
}

#[test]
fn backend_names() {
    for name in ENGINE_NAMES {
        let b = backend_by_name(name).unwrap_or_else(|| panic!("{name} is not a backend"));
        assert_eq!(b.name(), *name);
        assert!(!b.version().is_empty());
    }
    assert!(backend_by_name("no-such-engine").is_none());
}

#[test]
fn per_program_cost() {
    // Not an assertion of speed: prints the cost of a small program per
    // engine (run with --nocapture to see it).
    let limits = Limits::default();
    let src = "log('a'); setTimeout(() => log('t'), 1); Promise.resolve().then(() => log('p')); \
               queueMicrotask(() => log('q')); (async () => { await null; log('w'); })();";
    for b in engines() {
        run(&*b, src, &limits); // warm up (node starts its process)
        let n = 50;
        let t = Instant::now();
        for _ in 0..n {
            assert_eq!(run(&*b, src, &limits).status, Status::Ok);
        }
        eprintln!("per-program cost, {}: {:?}", b.name(), t.elapsed() / n);
    }
}

// ---------------------------------------------------------------- boa in a worker process

/// Programs that kill an in-process Boa: allocations that never end, and
/// built-ins that recurse natively on data nested 10^6 deep (built
/// iteratively, so the script itself never recurses).
const BOA_KILLERS: [&str; 4] = [
    "let s = 'x'; while (true) s = s + s;",
    "let o = {}; for (let i = 0; i < 1e6; i++) o = { a: o }; log('built'); JSON.stringify(o); log('done');",
    "let a = []; for (let i = 0; i < 1e6; i++) a = [a]; log('built'); String(a); log('done');",
    "let p = {}; for (let i = 0; i < 1e6; i++) p = new Proxy(p, {}); log('built'); p.x; log('done');",
];

/// What a Boa killer may end as: a failure of its own kind (the worker died),
/// or an ordinary uncaught exception if Boa caught the problem itself.
fn contained(out: &Outcome) -> bool {
    matches!(out.status, Status::StackOverflow | Status::OutOfMemory)
        || (out.status == Status::Ok && out.labels().contains(&UNCAUGHT))
}

#[test]
fn fault_boa_unbounded_allocation_is_out_of_memory_and_the_next_program_runs() {
    // Boa allocates slowly (the first program takes ~2 s to exhaust 64 MiB,
    // ~10 s for 256 MiB: its garbage collector retraces the growing heap),
    // hence the long wall-clock limit.
    let b = backend_by_name("boa").unwrap();
    let cases = [
        ("let a = []; while (true) a.push(new Array(1e6));", 64 << 20),
        ("let a = []; try { for (;;) a.push({}); } catch (e) { log('caught'); }", 256 << 20),
        (BOA_KILLERS[0], 256 << 20),
    ];
    for (src, memory_bytes) in cases {
        let limits = Limits { memory_bytes, wall: Duration::from_secs(30), ..Limits::default() };
        let t = Instant::now();
        let out = run(&*b, src, &limits);
        eprintln!("boa: {src} ({} MiB)\n  -> {out:?} in {:?}", memory_bytes >> 20, t.elapsed());
        assert_eq!(out.status, Status::OutOfMemory, "{src}: {:?}", out.detail);
        assert!(out.detail.as_deref().unwrap_or("").contains("memory allocation of"), "{:?}", out.detail);
        let out = run(&*b, "Promise.resolve().then(() => log('p')); log('alive');", &Limits::default());
        assert_eq!(out.status, Status::Ok, "{:?}", out.detail);
        assert_eq!(out.labels(), ["alive", "p"]);
    }
}

#[test]
fn fault_boa_native_recursion_on_deep_data_is_contained() {
    let b = backend_by_name("boa").unwrap();
    let limits = Limits { memory_bytes: 1 << 30, ..Limits::default() };
    for src in &BOA_KILLERS[1..] {
        let t = Instant::now();
        let out = run(&*b, src, &limits);
        eprintln!("boa: {src}\n  -> {:?} {:?} in {:?}", out.status, out.detail, t.elapsed());
        assert!(contained(&out), "{src}: {out:?}");
        let out = run(&*b, "log('alive');", &Limits::default());
        assert_eq!(out.labels(), ["alive"], "after {src}: {:?}", out.detail);
    }
    // With the default 256 MiB the data may not even get built: out of memory.
    let out = run(&*b, BOA_KILLERS[1], &Limits::default());
    assert!(contained(&out), "{out:?}");
}

#[test]
fn fault_boa_hang_inside_a_builtin_times_out_and_the_worker_is_replaced() {
    // Catastrophic regex backtracking runs inside one native call, where
    // neither Boa's loop-iteration limit nor the host's deadline can stop it:
    // the parent kills the worker after the wall-clock limit plus a grace period.
    let b = backend_by_name("boa").unwrap();
    let limits = Limits { wall: Duration::from_millis(500), ..Limits::default() };
    let t = Instant::now();
    let out = run(&*b, "log('s'); /(a+)+b/.test('a'.repeat(40)); log('never');", &limits);
    assert_eq!(out.status, Status::Timeout, "{:?}", out.detail);
    assert!(t.elapsed() < Duration::from_secs(15), "{:?}", t.elapsed());
    let out = run(&*b, "log('alive');", &limits);
    assert_eq!(out.labels(), ["alive"], "{:?}", out.detail);
}

#[test]
fn run_all_contains_boa_worker_deaths_in_order() {
    let limits = Limits { memory_bytes: 512 << 20, ..Limits::default() };
    let mut sources = Vec::new();
    for (i, killer) in BOA_KILLERS.iter().enumerate() {
        sources.push(format!("log('n{i}'); Promise.resolve().then(() => log('p{i}'));"));
        sources.push(killer.to_string());
    }
    sources.push("setTimeout(() => log('last'), 1);".to_string());
    let programs: Vec<ProgramInput> = sources.iter().map(|s| input(s)).collect();
    let backends: Vec<Box<dyn Backend>> = vec![backend_by_name("boa").unwrap()];
    let rows = run_all(&programs, &backends, &limits, 2);
    assert_eq!(rows.len(), programs.len());
    for (i, row) in rows.iter().enumerate() {
        let out = &row[0];
        match i {
            _ if i == programs.len() - 1 => assert_eq!(out.labels(), ["last"], "{out:?}"),
            _ if i % 2 == 0 => {
                assert_eq!(out.status, Status::Ok, "{i}: {:?}", out.detail);
                assert_eq!(out.labels(), [format!("n{}", i / 2), format!("p{}", i / 2)], "{i}");
            }
            1 => assert_eq!(out.status, Status::OutOfMemory, "{out:?}"),
            _ => assert!(contained(out), "{i}: {out:?}"),
        }
    }
}

#[test]
fn run_all_places_every_outcome_whatever_the_thread_count() {
    // Boa gets runs of consecutive programs, the others single pairs; the
    // rows must come out the same, and in input order, at 1 and 2 threads.
    let programs = generated(11, 40);
    let backends: Vec<Box<dyn Backend>> =
        ["reference", "quickjs", "boa"].iter().map(|n| harness::backends::by_name(n).unwrap()).collect();
    let limits = Limits::default();
    let traces = |jobs| -> Vec<Vec<(Status, Vec<String>)>> {
        run_all(&programs, &backends, &limits, jobs)
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|o| (o.status, o.labels().iter().map(|l| l.to_string()).collect()))
                    .collect()
            })
            .collect()
    };
    let one = traces(1);
    assert_eq!(one, traces(2));
    for (i, row) in one.iter().enumerate() {
        let alone = backends[2].run(&programs[i], &limits);
        assert_eq!(
            row[2],
            (alone.status, alone.labels().iter().map(|l| l.to_string()).collect::<Vec<_>>()),
            "program {i}"
        );
    }
}

#[test]
fn a_run_of_boa_programs_gives_each_program_its_own_outcome() {
    // One run_batch through one worker, which reads requests ahead and
    // answers through a file the parent reads only when woken: a killed
    // worker, a hang only the parent can stop, a source longer than a pipe's
    // default buffer and an answer larger than one each affect their own
    // program, and every other program runs as it would alone.
    let limits = Limits { memory_bytes: 512 << 20, wall: Duration::from_millis(800), ..Limits::default() };
    // Two labels under the 64 KiB cap per label, over a pipe's buffer together.
    let long_label = "y".repeat(40 << 10);
    let sources = [
        "log('a');".to_string(),
        BOA_KILLERS[1].to_string(),
        "log('b'); Promise.resolve().then(() => log('c'));".to_string(),
        "log('s'); /(a+)+b/.test('a'.repeat(40)); log('never');".to_string(),
        format!("log('{long_label}'); log('{long_label}');"),
        "for (let i = 0; i < 5000; i++) log('many' + i);".to_string(),
        "setTimeout(() => log('last'), 1);".to_string(),
    ];
    let programs: Vec<ProgramInput> = sources.iter().map(|s| input(s)).collect();
    let boa = backend_by_name("boa").unwrap();
    assert!(boa.prefers_batches());
    let t = Instant::now();
    let outs = boa.run_batch(&programs.iter().collect::<Vec<_>>(), &limits);
    assert!(t.elapsed() < Duration::from_secs(30), "{:?}", t.elapsed());
    assert_eq!(outs.len(), programs.len());
    assert_eq!(outs[0].labels(), ["a"], "{:?}", outs[0].detail);
    // Or, when building its data outlasts the short deadline (a loaded
    // machine), a timeout: `log('built')` past the deadline records nothing.
    assert!(
        contained(&outs[1]) || (outs[1].status == Status::Timeout && outs[1].trace.is_empty()),
        "{:?}",
        outs[1]
    );
    assert_eq!(outs[2].labels(), ["b", "c"], "{:?}", outs[2].detail);
    assert_eq!(outs[3].status, Status::Timeout, "{:?}", outs[3].detail);
    assert_eq!(outs[4].labels(), [long_label.as_str(); 2], "{:?}", outs[4].detail);
    assert_eq!(outs[5].trace.len(), 5000, "{:?}", outs[5].detail);
    assert_eq!(outs[6].labels(), ["last"], "{:?}", outs[6].detail);
    // The same as running each alone, apart from the timings in details
    // (and program 1's timeout on a loaded machine, either time).
    let load_timeout = |o: &Outcome| o.status == Status::Timeout && o.trace.is_empty();
    for (i, p) in programs.iter().enumerate() {
        let alone = boa.run(p, &limits);
        if i == 1 && (load_timeout(&alone) || load_timeout(&outs[i])) {
            assert!(contained(&alone) || load_timeout(&alone), "{alone:?}");
            continue;
        }
        assert_eq!((&alone.status, &alone.trace), (&outs[i].status, &outs[i].trace), "program {i}");
    }
}

#[test]
fn a_boa_run_longer_than_one_deadline_is_not_a_hang() {
    // Each program has its own wall-clock deadline, counted from the end of
    // the one before (which the parent learns from the answers file only
    // when it wakes): a run of slow but finishing programs that together
    // outlast one deadline (wall + grace) is not killed.
    let limits = Limits { wall: Duration::from_millis(1000), ..Limits::default() };
    let one_deadline = limits.wall + harness::engines::isolated::GRACE;
    let spin = "const t = Date.now(); while (Date.now() - t < 700) {} log('spun');";
    let count = (one_deadline.as_millis() / 700 + 2) as usize;
    let programs: Vec<ProgramInput> = (0..count).map(|_| input(spin)).collect();
    let boa = backend_by_name("boa").unwrap();
    let t = Instant::now();
    let outs = boa.run_batch(&programs.iter().collect::<Vec<_>>(), &limits);
    assert!(t.elapsed() > one_deadline, "{:?}", t.elapsed());
    for (i, out) in outs.iter().enumerate() {
        assert_eq!(out.labels(), ["spun"], "program {i}: {:?} {:?}", out.status, out.detail);
    }
}

#[test]
fn a_boa_death_is_told_by_its_own_stderr_not_an_earlier_panics() {
    // Boa panics on this program (see fault_boa_internal_panic_is_contained)
    // and the worker goes on; the panic message stays in the worker's
    // stderr. The worker then dies of the next program: its detail quotes
    // that program's stderr only, and the run goes on in a new worker.
    let panics = "async function* g() { yield* g(); } g().next();";
    let limits = Limits { memory_bytes: 64 << 20, wall: Duration::from_secs(30), ..Limits::default() };
    let sources = [panics, "let a = []; while (true) a.push(new Array(1e6));", "log('after');"];
    let programs: Vec<ProgramInput> = sources.iter().map(|s| input(s)).collect();
    let boa = backend_by_name("boa").unwrap();
    let outs = boa.run_batch(&programs.iter().collect::<Vec<_>>(), &limits);
    assert!(matches!(outs[0].status, Status::Panic | Status::Ok), "{:?}", outs[0]);
    assert_eq!(outs[1].status, Status::OutOfMemory, "{:?}", outs[1].detail);
    let detail = outs[1].detail.as_deref().unwrap_or("");
    assert!(detail.contains("memory allocation of") && !detail.contains("panicked"), "{detail}");
    assert_eq!(outs[2].labels(), ["after"], "{:?}", outs[2].detail);
}

#[test]
fn boa_and_boa_inproc_are_the_same_engine() {
    let isolated = backend_by_name("boa").unwrap();
    let inproc = backend_by_name("boa-inproc").unwrap();
    assert_eq!(isolated.name(), "boa");
    assert_eq!(inproc.name(), "boa-inproc");
    assert_eq!(isolated.version(), inproc.version());
    assert!(!ENGINE_NAMES.contains(&"boa-inproc"));
    assert!(
        harness::engines::isolated::worker_exe().is_some(),
        "the tickdiff binary is built for these tests"
    );
}

#[test]
fn a_renamed_tickdiff_starts_boa_workers_from_itself() {
    // Without a `tickdiff` beside it, a copy under another name would fall
    // back to running Boa in-process, without its memory limit.
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("tickdiff-nightly");
    std::fs::copy(env!("CARGO_BIN_EXE_tickdiff"), &copy).unwrap();
    let program = tmp.path().join("p.js");
    std::fs::write(&program, "log('x');").unwrap();
    let out = std::process::Command::new(&copy)
        .args(["run", "--engines", "boa", "--format", "jsonl"])
        .arg(&program)
        .env_remove("TICKDIFF_BIN")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("in-process"), "fell back to in-process Boa: {stderr}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("\"ok\""),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn isolation_overhead() {
    // Same outcomes, and the per-program cost of running Boa in a worker
    // (run with --nocapture to see it): best of 3 interleaved rounds over
    // 500 generated programs, and a trivial program's round trip.
    let programs = generated(7, 500);
    let limits = Limits::default();
    let isolated = backend_by_name("boa").unwrap();
    let inproc = backend_by_name("boa-inproc").unwrap();
    for p in &programs {
        assert_eq!(isolated.run(p, &limits), inproc.run(p, &limits), "{}", p.source);
    }
    let time = |b: &dyn Backend, programs: &[ProgramInput]| {
        let t = Instant::now();
        for p in programs {
            b.run(p, &limits);
        }
        t.elapsed() / programs.len() as u32
    };
    let trivial = vec![input("log(1)"); 200];
    let mut best = [Duration::MAX; 4];
    for _round in 0..3 {
        best[0] = best[0].min(time(&*inproc, &programs));
        best[1] = best[1].min(time(&*isolated, &programs));
        best[2] = best[2].min(time(&*inproc, &trivial));
        best[3] = best[3].min(time(&*isolated, &trivial));
    }
    eprintln!(
        "boa per program, {} generated programs: boa-inproc {:?}, boa {:?}; log(1): boa-inproc {:?}, boa {:?}",
        programs.len(),
        best[0],
        best[1],
        best[2],
        best[3]
    );
}

#[test]
fn finalization_registry_is_standard_but_never_cleans_up() {
    // The host never runs cleanup callbacks; the wrapped constructor must
    // still look and behave like the standard one on every engine.
    assert_labels(
        "const r = new FinalizationRegistry(() => log('cleanup')); \
         for (let i = 0; i < 1000; i++) r.register({}, i); \
         log([typeof FinalizationRegistry, FinalizationRegistry.name, FinalizationRegistry.length, \
              r instanceof FinalizationRegistry, \
              FinalizationRegistry.prototype.constructor === FinalizationRegistry].join(' ')); \
         try { new FinalizationRegistry(1); } catch (e) { log(e instanceof TypeError); } \
         try { FinalizationRegistry(() => {}); } catch (e) { log(e instanceof TypeError); } \
         class R extends FinalizationRegistry {} \
         log(new R(() => {}) instanceof R); \
         setTimeout(() => log('t'), 1);",
        &["function FinalizationRegistry 1 true true", "true", "true", "true", "t"],
    );
}

#[test]
fn finalization_registry_wrapper_ignores_object_prototype_traps() {
    // The wrappers are Proxies: traps a program puts on Object.prototype
    // must not reach their handlers.
    assert_labels(
        "Object.prototype.get = function () { return 'hijacked'; }; \
         log(FinalizationRegistry.name); \
         delete Object.prototype.get; \
         Object.prototype.apply = function () { return 'hijacked'; }; \
         try { FinalizationRegistry(() => {}); log('called'); } catch (e) { log(e instanceof TypeError); }",
        &["FinalizationRegistry", "true"],
    );
}
