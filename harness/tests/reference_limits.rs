//! Hostile programs on the reference: each runs through the `tickdiff`
//! binary as a child process (`tickdiff run FILE.js --engines reference
//! --format json`) and must end within the wall limit plus 5 s, with the
//! status its limits call for, and a peak RSS under 2 GiB. The peak is the
//! child's `ru_maxrss` from `wait4`, which on Linux also counts the image it
//! replaced at exec (this test process): an upper bound of tickdiff's own. Statuses follow from the limits: recursion past
//! the reference's call depth is `stack-overflow`, an endless job or timer
//! chain passes the step limit (`timeout`), work inside one job passes the
//! wall clock (`timeout`), growth passes the heap budget (`out-of-memory`),
//! logging passes an output cap (`output-limit`).

use harness::outcome::Limits;
use harness::reference::MAX_CALL_DEPTH;
use std::fmt::Write as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PEAK_RSS_LIMIT: u64 = 2 << 30;

/// What one child run of the binary ended with.
struct Run {
    status: String,
    detail: String,
    events: usize,
    peak_rss: u64,
    elapsed: Duration,
}

/// Runs `source` on the reference in a child `tickdiff`, killing it (and
/// failing) if it outlives the wall limit plus 5 s.
fn run_child(name: &str, source: &str) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(format!("{name}.js"));
    std::fs::write(&file, source).unwrap();
    let out_path = dir.path().join("out.json");
    // A file, not a pipe: a child writing a large answer never waits on us.
    let out = std::fs::File::create(&out_path).unwrap();
    let started = Instant::now();
    // Reaped by the wait4 below, which also gives its rusage.
    #[allow(clippy::zombie_processes)]
    let child = Command::new(env!("CARGO_BIN_EXE_tickdiff"))
        .args(["run", file.to_str().unwrap(), "--engines", "reference", "--format", "json"])
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let deadline = Limits::default().wall + Duration::from_secs(5);
    let (wstatus, usage) = loop {
        let mut wstatus = 0;
        // SAFETY: rusage is plain integers, for which all zeros is valid.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: `pid` is our child, not yet reaped; the pointers are valid.
        let r = unsafe { libc::wait4(pid, &mut wstatus, libc::WNOHANG, &mut usage) };
        assert!(r >= 0, "{name}: wait4: {}", std::io::Error::last_os_error());
        if r == pid {
            break (wstatus, usage);
        }
        if started.elapsed() > deadline {
            // SAFETY: as above; the child is reaped right after.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
                libc::waitpid(pid, &mut wstatus, 0);
            }
            panic!("{name}: still running after {deadline:?} (wall limit + 5 s)");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = started.elapsed();
    assert!(libc::WIFEXITED(wstatus), "{name}: tickdiff died: wait status {wstatus:#x}");
    let text = std::fs::read_to_string(&out_path).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{name}: not JSON ({e}): {}", &text[..text.len().min(500)]));
    let result = &json[0]["results"]["reference"];
    Run {
        status: result["status"].as_str().unwrap_or_else(|| panic!("{name}: no status in {result}")).into(),
        detail: result["detail"].as_str().unwrap_or("").into(),
        events: result["trace"].as_array().map_or(0, Vec::len),
        // ru_maxrss is in KiB on Linux.
        peak_rss: usage.ru_maxrss as u64 * 1024,
        elapsed,
    }
}

/// Runs `source` and checks the status, the detail naming the limit, and
/// the peak RSS; prints the figures (`--nocapture` shows them).
fn check(name: &str, source: &str, status: &str, detail_has: &str) -> Run {
    let r = run_child(name, source);
    eprintln!(
        "{name:<34} {:<15} {:>6} events  peak RSS {:>5} MiB  {:>5.2} s  {}",
        r.status,
        r.events,
        r.peak_rss >> 20,
        r.elapsed.as_secs_f64(),
        r.detail
    );
    assert_eq!(r.status, status, "{name}: {}", r.detail);
    assert!(r.detail.contains(detail_has), "{name}: detail {:?} should mention {detail_has:?}", r.detail);
    assert!(r.peak_rss < PEAK_RSS_LIMIT, "{name}: peak RSS {} MiB", r.peak_rss >> 20);
    r
}

/// `[0, 1, ..., n-1]`.
fn range(n: usize) -> String {
    let items: Vec<String> = (0..n).map(|i| i.to_string()).collect();
    format!("[{}]", items.join(", "))
}

/// `const s0 = "x"; const s1 = s0 + s0; ...`: `s{n}` is 2^n bytes long.
fn doubled(n: usize) -> String {
    let mut s = String::from("const s0 = \"x\";\n");
    for i in 1..=n {
        let _ = writeln!(s, "const s{i} = s{} + s{};", i - 1, i - 1);
    }
    s
}

/// A chain of `100 * blocks` nodes whose `visit` method calls the next
/// node's, ending at a node whose `visit` returns: finite recursion
/// `100 * blocks + 1` calls deep (the model has no conditionals). Built
/// by one function run `blocks` times, so no scope holds more than 100
/// bindings.
fn chain(blocks: usize) -> String {
    let mut s = String::from(
        "function stop(node) { return 0; }\nfunction go(node) { return node.next.visit(node.next); }\nfunction block(a0) {\n",
    );
    for i in 1..=100 {
        let _ = writeln!(s, "  const a{i} = {{ visit: go, next: a{} }};", i - 1);
    }
    s.push_str("  return a100;\n}\nconst b0 = { visit: stop };\n");
    for i in 1..=blocks {
        let _ = writeln!(s, "const b{i} = block(b{});", i - 1);
    }
    let _ = writeln!(s, "b{blocks}.visit(b{blocks});\nlog(\"done\");");
    s
}

const DEPTH: &str = "call depth limit";
const STEPS: &str = "step limit";
const WALL: &str = "wall-clock limit";
const HEAP: &str = "heap budget";

// -- recursion ---------------------------------------------------------------------

#[test]
fn recursion_with_try_catch_rerecursion_is_a_stack_overflow() {
    // Exponential with a catchable RangeError: the program that took
    // tickdiff to 23 GB. The reference never pretends to throw one.
    check(
        "try-catch-rerecursion",
        "function f() { try { f(); } catch (e) { f(); } }\nf();",
        "stack-overflow",
        DEPTH,
    );
}

#[test]
fn plain_unbounded_recursion_is_a_stack_overflow() {
    let r = check(
        "plain-recursion",
        "log('a');\nfunction f() { f(); }\nf();\nlog('b');",
        "stack-overflow",
        DEPTH,
    );
    assert_eq!(r.events, 1, "the partial trace is kept");
}

#[test]
fn mutual_recursion_is_a_stack_overflow() {
    check("mutual-recursion", "function a() { b(); }\nfunction b() { a(); }\na();", "stack-overflow", DEPTH);
    check("if-recursion", "function f(n) { if (n) { f(n); } }\nf(1);", "stack-overflow", DEPTH);
}

#[test]
fn recursion_with_catch_inside_a_job_is_a_stack_overflow() {
    check(
        "recursion-in-job",
        "function f() { try { f(); } catch (e) { f(); } }\nPromise.resolve().then(f);",
        "stack-overflow",
        DEPTH,
    );
}

#[test]
fn recursion_through_promise_executors_is_a_stack_overflow() {
    check("executor-recursion", "function f() { new Promise(f); }\nf();", "stack-overflow", DEPTH);
}

#[test]
fn recursion_through_getters_is_a_stack_overflow() {
    check("getter-recursion", "const o = { get x() { return o.x; } };\no.x;", "stack-overflow", DEPTH);
}

#[test]
fn async_recursion_before_the_first_await_is_a_stack_overflow() {
    check("async-recursion", "async function f() { await f(); }\nf();", "stack-overflow", DEPTH);
}

#[test]
fn async_generator_yield_star_recursion_is_a_stack_overflow() {
    check(
        "yield-star-recursion",
        "async function* g() { yield* g(); }\nasync function main() { for await (const x of g()) { log(x); } }\nmain();",
        "stack-overflow",
        DEPTH,
    );
}

#[test]
fn finite_recursion_below_the_depth_limit_runs() {
    let blocks = MAX_CALL_DEPTH as usize / 100 - 1;
    let r = check("finite-deep-recursion", &chain(blocks), "ok", "");
    assert_eq!(r.events, 1);
}

#[test]
fn finite_recursion_past_the_depth_limit_is_a_stack_overflow() {
    check("past-depth-limit", &chain(MAX_CALL_DEPTH as usize / 100 + 1), "stack-overflow", DEPTH);
}

// -- endless work between and inside jobs --------------------------------------------

#[test]
fn recursion_through_promise_callbacks_passes_the_step_limit() {
    check("then-chain", "function f() { return Promise.resolve().then(f); }\nf();", "timeout", STEPS);
}

#[test]
fn microtask_storm_passes_the_step_limit() {
    check(
        "microtask-storm",
        "function f() { queueMicrotask(f); queueMicrotask(f); }\nf();",
        "timeout",
        STEPS,
    );
}

#[test]
fn timer_storm_passes_the_step_limit() {
    check("timer-storm", "function f() { setTimeout(f, 0); setTimeout(f, 1); }\nf();", "timeout", "limit");
}

#[test]
fn self_resolving_thenable_passes_the_step_limit() {
    check("thenable-loop", "const t = { then(r) { r(t); } };\nPromise.resolve(t);", "timeout", STEPS);
}

#[test]
fn endless_awaits_pass_the_step_limit() {
    check("await-chain", "async function f() { await null; await f(); }\nf();", "timeout", STEPS);
}

#[test]
fn endless_async_generator_delegation_passes_the_step_limit() {
    check(
        "yield-star-chain",
        "async function* g() { await null; yield* g(); }\nasync function main() { for await (const x of g()) { log(x); } }\nmain();",
        "timeout",
        STEPS,
    );
}

#[test]
fn builtin_calls_over_huge_literal_arrays_inside_one_task_pass_the_wall_clock() {
    // 20,000^2 calls of a built-in that allocates nothing: one task, no
    // job, no growth; only the clock read between calls ends it.
    let src =
        format!("const a = {};\nfunction g(x) {{ a.forEach(clearTimeout); }}\na.forEach(g);", range(20_000));
    check("huge-array-foreach", &src, "timeout", WALL);
}

#[test]
fn nested_loops_inside_one_task_pass_the_heap_budget() {
    // 100^5 iterations without a call. Every iteration's environment is
    // kept until the run ends (the reference collects no garbage), so the
    // heap budget ends it, long before the wall clock would.
    let r = range(100);
    let src = format!(
        "for (const a of {r}) {{ for (const b of {r}) {{ for (const c of {r}) {{ for (const d of {r}) {{ for (const e of {r}) {{ const x = a + b; }} }} }} }} }}"
    );
    check("nested-loops", &src, "out-of-memory", HEAP);
}

#[test]
fn exponential_calls_below_the_depth_limit_pass_the_heap_budget() {
    // Fifty levels of doubling: 2^50 calls, never deep, each with an
    // environment of its own.
    let mut src = String::from("function f0() { }\n");
    for i in 1..=50 {
        let _ = writeln!(src, "function f{i}() {{ f{}(); f{}(); }}", i - 1, i - 1);
    }
    src.push_str("f50();");
    check("exponential-calls", &src, "out-of-memory", HEAP);
}

#[test]
fn endless_loops_inside_one_task_pass_the_wall_clock() {
    // No job ends: only the clock read between statements stops them. A
    // loop that makes no closure keeps one environment for its `let`
    // (no copy per iteration can be observed), so the heap does not end it first.
    check("while-true", "log('a');\nwhile (true) {}", "timeout", WALL);
    check("for-let-endless", "for (let i = 0; ; i++) {\n  if (i < 0) continue;\n}", "timeout", WALL);
}

#[test]
fn a_loop_of_a_million_iterations_runs() {
    let src = "let n = 0;\nfor (let i = 0; i < 1000000; i++) {\n  n += i;\n}\ndo {\n  n--;\n} while (n > 499999000000);\nlog('n ' + n);";
    let r = check("million-iterations", src, "ok", "");
    assert_eq!(r.events, 1);
}

#[test]
fn a_loop_over_a_huge_literal_array_runs() {
    let src = format!("for (const x of {}) {{ const y = x + 1; }}\nlog('done');", range(30_000));
    check("huge-literal-loop", &src, "ok", "");
}

// -- growth ------------------------------------------------------------------------

#[test]
fn exponential_array_growth_passes_the_heap_budget() {
    // Arrays of arrays: 1,000^3 elements.
    let src = format!(
        "const a = {};\nfunction k(x) {{ return [x, x, x, x]; }}\nfunction h() {{ return a.map(k); }}\nfunction g() {{ return a.map(h); }}\na.map(g);",
        range(1000)
    );
    check("array-growth", &src, "out-of-memory", HEAP);
}

#[test]
fn string_doubling_passes_the_heap_budget() {
    check("string-doubling", "function d(s) { d(s + s); }\nd('x');", "out-of-memory", HEAP);
}

#[test]
fn doubling_dag_to_string_passes_the_heap_budget() {
    // 40 levels of `[a, a]`: linear to build, 2^40 parts to print.
    let mut src = String::from("const a0 = [1, 2];\n");
    for i in 1..=40 {
        let _ = writeln!(src, "const a{i} = [a{}, a{}];", i - 1, i - 1);
    }
    src.push_str("log('' + a40);");
    check("dag-to-string", &src, "out-of-memory", HEAP);
}

#[test]
fn promise_all_fan_out_is_bounded() {
    // Every element a combinator with its own element functions: the heap
    // budget or the step limit, whichever comes first, never the machine.
    let src = format!(
        "const a = {};\nfunction h(x) {{ return Promise.all(a); }}\nfunction g() {{ return Promise.all(a.map(h)); }}\na.map(g);",
        range(1000)
    );
    let r = run_child("promise-all-fan-out", &src);
    eprintln!("promise-all-fan-out: {} peak RSS {} MiB: {}", r.status, r.peak_rss >> 20, r.detail);
    assert!(matches!(r.status.as_str(), "out-of-memory" | "timeout"), "{}: {}", r.status, r.detail);
    assert!(r.peak_rss < PEAK_RSS_LIMIT);
}

// -- output ------------------------------------------------------------------------

#[test]
fn a_million_events_pass_the_event_cap() {
    let r = range(1000);
    let src = format!("for (const i of {r}) {{ for (const j of {r}) {{ log('e'); }} }}");
    let run = check("million-events", &src, "output-limit", "events");
    assert_eq!(run.events, Limits::default().max_events, "the trace holds the events before the cap");
}

#[test]
fn ten_megabyte_labels_pass_the_label_cap() {
    // 2^23 bytes: 8 MiB, logged 1,000 times.
    let src = format!("{}for (const i of {}) {{ log(s23); }}", doubled(23), range(1000));
    let r = check("ten-mb-labels", &src, "output-limit", "label");
    assert_eq!(r.events, 0);
}

#[test]
fn many_large_labels_pass_the_trace_cap() {
    // 2^15 = 32 KiB labels (under the per-label cap), 1,000 of them: 32 MiB.
    let src = format!("{}for (const i of {}) {{ log(s15); }}", doubled(15), range(1000));
    let r = check("large-labels", &src, "output-limit", "bytes of labels");
    let max = Limits::default().max_trace_bytes >> 15;
    assert_eq!(r.events, max);
}

#[test]
fn uncaught_exceptions_count_towards_the_event_cap() {
    let src = "function f() { setTimeout(f, 0); throw 1; }\nf();";
    // 100,000 `!uncaught` events and 100,000 steps: whichever first.
    let r = run_child("uncaught-storm", src);
    assert!(matches!(r.status.as_str(), "output-limit" | "timeout"), "{}: {}", r.status, r.detail);
    assert!(r.peak_rss < PEAK_RSS_LIMIT);
}

// -- what the reference cannot model -----------------------------------------------

#[test]
fn programs_the_reference_cannot_model_are_unsupported() {
    for (name, src) in [
        ("sync-yield-star", "function* g() { yield* g(); }\nfor (const x of g()) { log(x); }"),
        ("yield-star-in-expression", "async function* g() { log(yield* g()); }\ng().next();"),
    ] {
        check(name, src, "unsupported", "");
    }
}

#[test]
fn a_plain_program_says_ok_through_the_same_helper() {
    let r = check("plain", "log('a');\nPromise.resolve().then(() => log('b'));", "ok", "");
    assert_eq!(r.events, 2);
}
