//! Boa programs that follow each other on one thread see nothing of each
//! other: not a patched intrinsic, not a top-level declaration (a realm's
//! global scope), not the jobs and timers of a program stopped halfway.
//! Boa's collector and its thread-locals outlive a program on a reused
//! thread (a runner thread, a worker's serving thread), so whatever Boa
//! state is ever kept between programs to save time must pass these. The
//! expected traces are derived by hand from the spec's job order.

use harness::engines::backend_by_name;
use harness::outcome::{Backend, Limits, Outcome, ProgramInput, Status};
use harness::runner::on_runner_thread;

/// `boa-inproc` runs in place on a runner thread (the in-process reuse);
/// `boa` runs it on a worker's serving thread (the worker's reuse).
const BACKENDS: [&str; 2] = ["boa-inproc", "boa"];

fn run(backend: &dyn Backend, src: &str, limits: &Limits) -> Outcome {
    backend.run(&ProgramInput { source: src.to_string(), model: None }, limits)
}

/// Runs `first` then `second` on the same backend instance and thread,
/// asserting `first`'s status and `second`'s exact, complete trace.
fn after(first: &str, first_status: Status, second: &str, want: &[&str], limits: &Limits) {
    for name in BACKENDS {
        let b = backend_by_name(name).expect("a Boa backend");
        let (a, o) = on_runner_thread(limits, || (run(&*b, first, limits), run(&*b, second, limits)));
        assert_eq!(a.status, first_status, "{name}, first program: {:?} {:?}", a.labels(), a.detail);
        assert_eq!(o.status, Status::Ok, "{name}, second program: {:?}", o.detail);
        assert_eq!(o.labels(), want, "{name}, second program");
    }
}

#[test]
fn patched_intrinsics_are_not_seen_by_the_next_program() {
    let patcher = r#"
        Promise.prototype.then = function () { log("patched then"); };
        Array.prototype[Symbol.iterator] = function* () { yield "patched iterator"; };
        Object.defineProperty(Object.prototype, "then", {
            configurable: true, get() { log("patched thenable"); return undefined; } });
        Function.prototype.call = null;
        log("patched");"#;
    // Fresh intrinsics: the for-of logs the array's element; resolving with
    // `{}` finds no `then`; both reactions run in the order registered.
    let reader = r#"
        for (const x of [1]) log(String(x));
        Promise.resolve({}).then((v) => log(typeof v.then));
        Promise.resolve(1).then((v) => log("then " + v));"#;
    after(patcher, Status::Ok, reader, &["1", "undefined", "then 1"], &Limits::default());
}

#[test]
fn top_level_declarations_are_not_seen_by_the_next_program() {
    // A realm's global scope holds the script's lexical declarations: a
    // second script declaring the same names in the same realm would be a
    // SyntaxError, and `var`/function declarations would still be there.
    let declarer =
        "let l = 1; const c = 2; class K {} var v = 3; function f() { return 'old'; } log('declared');";
    let redeclarer = "let l = 'b'; const c = 'c'; class K {}
        log(l + c + typeof K + typeof v + typeof f + typeof globalThis.f);";
    after(declarer, Status::Ok, redeclarer, &["bcfunctionundefinedundefinedundefined"], &Limits::default());
}

#[test]
fn jobs_and_timers_of_a_stopped_program_do_not_run_in_the_next() {
    // The output cap stops the first program at its fourth event, with a
    // promise job, a microtask and a timer still pending.
    let limits = Limits { max_events: 3, ..Limits::default() };
    let stopped = r#"
        Promise.resolve().then(() => log("A job"));
        queueMicrotask(() => log("A microtask"));
        setTimeout(() => log("A timer"), 0);
        log("1"); log("2"); log("3"); log("4");"#;
    let next = r#"
        setTimeout(() => log("B timer"), 0);
        Promise.resolve().then(() => log("B job"));
        log("B");"#;
    after(stopped, Status::OutputLimit, next, &["B", "B job", "B timer"], &limits);
}

#[test]
fn timer_ids_and_the_clock_start_afresh() {
    // The host's ids start at 1 and its virtual clock at 0 for every program.
    let first = "setTimeout(() => log('late'), 5000); setTimeout(() => {}, 1); log('first');";
    let second = "const id = setTimeout(() => log('t ' + id), 0); log('id ' + id);";
    after(first, Status::Ok, second, &["id 1", "t 1"], &Limits::default());
}

#[test]
fn dynamic_import_is_unsupported_not_a_promise_left_pending() {
    // Boa settles import() in an async job outside the host model; a run
    // that dropped it would end `ok` with the import's handlers never run.
    let limits = Limits::default();
    let src = "log('a'); import('./module.js').then(() => log('loaded'), () => log('rejected')); log('b');";
    for name in BACKENDS {
        let b = backend_by_name(name).expect("a Boa backend");
        let out = on_runner_thread(&limits, || run(&*b, src, &limits));
        assert_eq!(out.status, Status::Unsupported, "{name}: {:?} {:?}", out.labels(), out.detail);
        // The halt refuses the next event and stops the script there.
        assert_eq!(out.labels(), ["a"], "{name}");
    }
}
