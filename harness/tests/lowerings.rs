//! Lowering backends (`<engine>+<lowering>`, harness/src/engines/lowering.rs)
//! on hand-written programs whose traces follow from each transpiler's
//! helper source, on every node engine that runs here; what a lowering
//! cannot express is `unsupported`, a transpiler's failure `lowering-error`;
//! buckets name a lowering against its engine.
//!
//! Skips (saying so) where an engine or a tool is not installed; .ci/run
//! installs them all (`tickdiff engines install all`).

mod common;

use harness::backends;
use harness::bucket::deviation;
use harness::differ::{compare, DivergenceKind, Signature};
use harness::engines::{self, lowering};
use harness::outcome::{Limits, Outcome, ProgramInput, Status};

/// The node engines every lowering can run on here.
fn engines_here() -> Vec<&'static str> {
    let tools_missing: Vec<&str> =
        lowering::LOWERINGS.iter().map(|l| l.tool).filter(|t| !engines::catalog::installed(t)).collect();
    if !tools_missing.is_empty() {
        eprintln!("skipped: tools not installed: {tools_missing:?} (tickdiff engines install all)");
        return vec![];
    }
    let here: Vec<&str> =
        lowering::LOWERED_ENGINES.iter().copied().filter(|e| engines::available(e)).collect();
    if here.len() < lowering::LOWERED_ENGINES.len() {
        eprintln!(
            "not here, skipped: {:?}",
            lowering::LOWERED_ENGINES.iter().filter(|e| !here.contains(e)).collect::<Vec<_>>()
        );
    }
    here
}

fn run(backend: &str, source: &str) -> Outcome {
    let b = backends::by_name(backend).unwrap_or_else(|e| panic!("{e}"));
    b.run(&ProgramInput { source: source.to_string(), model: None }, &Limits::default())
}

/// Runs `source` natively and on every lowering of every engine here and
/// checks each trace: `expected(lowering)` is the trace (`None`: the
/// lowering must say unsupported, naming `unsupported`).
fn check(source: &str, native: &[&str], expected: impl Fn(&str) -> Result<Vec<&'static str>, &'static str>) {
    let mut failures = Vec::new();
    for engine in engines_here() {
        let out = run(engine, source);
        assert_eq!((out.status, out.labels()), (Status::Ok, native.to_vec()), "{engine} natively: {out:?}");
        for l in lowering::LOWERINGS {
            let name = format!("{engine}+{}", l.name);
            let out = run(&name, source);
            match expected(l.name) {
                Ok(trace) => {
                    if out.status != Status::Ok || out.labels() != trace {
                        failures.push(format!(
                            "{name}: {} {:?}, expected ok {trace:?} ({:?})",
                            out.status,
                            out.labels(),
                            out.detail
                        ));
                    }
                }
                Err(construct) => {
                    let named = out.detail.as_deref().is_some_and(|d| d.contains(construct));
                    if out.status != Status::Unsupported || !named {
                        failures.push(format!(
                            "{name}: {} {:?}, expected unsupported naming {construct}",
                            out.status, out.detail
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// An async function awaiting a non-promise, racing a `.then` chain.
/// Native (and the spec): `await null` resumes at job 1, the return
/// fulfils the promise there, its reaction `v7` is job 3, after `b` (2).
/// Every helper built as "Promise.resolve(value).then(next)" per step
/// (runAsync, Babel's and SWC's _asyncToGenerator, TypeScript's __awaiter,
/// whose adopt() wraps the non-promise in a new resolved promise,
/// esbuild's __async) takes the same ticks. co refuses to yield a
/// primitive (its toPromise gives null back, and next() throws "You may
/// only yield a function, promise, generator, array, or object" into the
/// generator), so f's promise rejects and only the chain logs. regenerator's
/// _regeneratorAsync returns `gen.next().then(r => r.done ? r.value : ...)`
/// over its AsyncIterator, whose invoke settles each step through
/// Promise.resolve(value).then: the final value takes two ticks more to
/// reach f's promise, so `v7` comes after `d`.
#[test]
fn an_async_function_awaiting_a_value() {
    let source = "async function f(x) { await null; log('a' + x); return 7; }
const p = f(1);
p.then((v) => log('v' + v));
Promise.resolve().then(() => log('b')).then(() => log('c')).then(() => log('d'));
";
    check(source, &["a1", "b", "v7", "c", "d"], |l| match l {
        "co" => Ok(vec!["b", "c", "d"]),
        "regenerator" => Ok(vec!["a1", "b", "c", "d", "v7"]),
        _ => Ok(vec!["a1", "b", "v7", "c", "d"]),
    });
}

/// An async generator that falls off its end, read by `for await`. The
/// spec completes a generator whose body ends at once
/// (AsyncGeneratorCompleteStep, no Await), so the loop's last next()
/// settles a tick after `x1`'s and `done` comes before `d`. TypeScript's
/// __asyncGenerator settles a done result directly too. Babel's
/// AsyncGenerator (also what regenerator's output runs on, and SWC's port
/// of it) and esbuild's __asyncGenerator send every result, the final one
/// included, through Promise.resolve(value).then: `done` one tick late,
/// after `d`. The runners have no async generators.
#[test]
fn an_async_generator_falling_off_its_end() {
    let source = "async function* g() { log('g1'); yield 1; log('g2'); }
(async () => { for await (const x of g()) log('x' + x); log('done'); })();
Promise.resolve().then(() => log('b')).then(() => log('c')).then(() => log('d')).then(() => log('e'));
";
    let native = ["g1", "b", "x1", "g2", "c", "done", "d", "e"];
    check(source, &native, |l| match l {
        "runasync" | "co" => Err("async generator functions"),
        "ts-es2015" | "ts-es5" => Ok(native.to_vec()),
        _ => Ok(vec!["g1", "b", "x1", "g2", "c", "d", "done", "e"]),
    });
}

/// `for await` over a sync iterable in a plain async arrow: the runners
/// name it.
#[test]
fn runners_name_for_await() {
    let source = "(async () => { for await (const x of [1]) log('x' + x); })();";
    for engine in engines_here() {
        for l in ["runasync", "co"] {
            let out = run(&format!("{engine}+{l}"), source);
            assert_eq!(out.status, Status::Unsupported, "{engine}+{l}: {out:?}");
            assert!(out.detail.as_deref().unwrap_or("").contains("for await"), "{out:?}");
        }
    }
}

/// A program no transpiler can read: natively a parse error, lowered a
/// `lowering-error` naming the lowering, with no vote.
#[test]
fn a_transpiler_error_is_its_own_status_and_no_vote() {
    let source = "log('a'); (";
    for engine in engines_here() {
        let native = run(engine, source);
        assert_eq!(native.status, Status::ParseError, "{engine}: {native:?}");
        for l in lowering::LOWERINGS {
            let name = format!("{engine}+{}", l.name);
            let out = run(&name, source);
            assert_eq!(out.status, Status::LoweringError, "{name}: {out:?}");
            assert!(out.detail.as_deref().unwrap_or("").starts_with(l.name), "{name}: {out:?}");
            assert!(out.trace.is_empty(), "{name}: nothing ran: {out:?}");
            let ok = run(engine, "log('a');");
            assert_eq!(compare(&[engine, name.as_str()], &[ok, out]), None, "{name} has no vote");
        }
    }
}

/// The lowered program's helpers use the program realm's own Promise: a
/// program that replaces `Promise.prototype.then` sees every lowering call
/// it (native `await` never does).
#[test]
fn helpers_run_in_the_program_realm() {
    let source = "const then = Promise.prototype.then;
Promise.prototype.then = function (a, b) { log('then'); return then.call(this, a, b); };
async function f() { await 1; }
f();
";
    for engine in engines_here() {
        assert_eq!(run(engine, source).labels(), Vec::<&str>::new(), "{engine}");
        for l in ["runasync", "babel", "ts-es2015", "esbuild-es2016", "swc-es2015"] {
            let out = run(&format!("{engine}+{l}"), source);
            assert_eq!(out.status, Status::Ok, "{engine}+{l}: {out:?}");
            assert!(out.labels().contains(&"then"), "{engine}+{l} calls the realm's then: {out:?}");
        }
    }
}

/// Lowering backend names: `v8+all`, unknown ones, and a lowering without
/// its engine are told apart on the command line.
#[test]
fn engine_lists_with_lowerings() {
    if engines_here().iter().all(|e| *e != "v8") {
        eprintln!("skipped: v8 or a tool is not installed");
        return;
    }
    let all = backends::parse_list("v8,v8+all").expect("v8+all");
    let names: Vec<&str> = all.iter().map(|b| b.name()).collect();
    let expected: Vec<String> = std::iter::once("v8".to_string())
        .chain(lowering::LOWERINGS.iter().map(|l| format!("v8+{}", l.name)))
        .collect();
    assert_eq!(names, expected);
    let err = |list: &str| {
        backends::parse_list(list).err().unwrap_or_else(|| panic!("{list} is accepted")).to_string()
    };
    assert!(err("reference,v8+babel").contains("list v8 too"), "{}", err("reference,v8+babel"));
    assert!(err("v8,v8+nope").contains("no lowering 'nope'"), "{}", err("v8,v8+nope"));
    assert!(err("jsc,jsc+babel").contains("lowerings run on"), "{}", err("jsc,jsc+babel"));
    assert!(err("v8,v8+babel,v8+all").contains("given twice"));
    let every = backends::parse_list("all").expect("all");
    assert!(every.iter().all(|b| !b.name().contains('+')), "all holds no lowering");
}

fn signature(kind: DivergenceKind, groups: &[&[&str]]) -> Signature {
    Signature { kind, groups: groups.iter().map(|g| g.iter().map(|s| s.to_string()).collect()).collect() }
}

/// A bucket names a lowering against its engine's native run: a lowering
/// that does what its engine does is no part of the bug, one that departs
/// is named `[lowering vs engine]` beside the engines' own deviation.
#[test]
fn buckets_name_a_lowering_against_its_engine() {
    let o = || DivergenceKind::Order;
    assert_eq!(deviation(&signature(o(), &[&["reference", "v8"], &["v8+babel"]])), "order [v8+babel vs v8]");
    assert_eq!(deviation(&signature(o(), &[&["v8"], &["v8+babel"]])), "order [v8+babel vs v8]");
    // v8 deviates, babel with it: v8's bug alone, the same key as without babel.
    assert_eq!(
        deviation(&signature(o(), &[&["reference"], &["v8", "v8+babel"]])),
        deviation(&signature(o(), &[&["reference"], &["v8"]]))
    );
    // v8 deviates and babel, by chance, does what the spec says: babel departs from v8.
    assert_eq!(
        deviation(&signature(o(), &[&["reference", "v8+babel"], &["v8"]])),
        "order [v8 vs reference] [v8+babel vs v8]"
    );
    assert_eq!(
        deviation(&signature(
            o(),
            &[&["node", "reference", "v8", "v8+ts-es5"], &["node+swc-es2015", "v8+swc-es2015"]]
        )),
        "order [node+swc-es2015 vs node] [v8+swc-es2015 vs v8]"
    );
    // Without lowerings nothing changes.
    assert_eq!(deviation(&signature(o(), &[&["jsc"], &["reference", "v8"]])), "order [jsc vs reference]");
}

/// Every lowering's tool is pinned, each npm package at an exact version.
#[test]
fn every_lowering_tool_is_pinned_exactly() {
    for l in lowering::LOWERINGS {
        let pin = engines::catalog::pin(l.tool)
            .unwrap_or_else(|| panic!("{}: tool {} is not pinned", l.name, l.tool));
        let packages: Vec<&String> = pin.npm.iter().chain(&pin.npm_with).collect();
        assert!(!packages.is_empty(), "{}: no npm package", l.tool);
        for package in packages {
            let version = package.rsplit_once('@').map(|(_, v)| v).unwrap_or("");
            let exact = version.split('.').count() == 3
                && version.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
            assert!(exact, "{}: {package} is not an exact version", l.tool);
        }
    }
}

/// The node binary of engine `engine` (`node`, `v8`).
fn node_binary(engine: &str) -> std::path::PathBuf {
    let spec = engines::external_engine(engine).expect("a node engine");
    (spec.launch)(64).unwrap_or_else(|e| panic!("{engine}: {e}")).program
}

/// Runs a standalone repro on `engine`'s node: the trace it prints.
fn run_standalone(engine: &str, path: &std::path::Path) -> Vec<String> {
    let out = std::process::Command::new(node_binary(engine)).arg(path).output().expect("node runs");
    assert!(out.status.success(), "{}: {}", path.display(), common::show(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or_else(|| panic!("{}: no output", path.display()));
    serde_json::from_str(last).unwrap_or_else(|e| panic!("{}: {e}: {last}", path.display()))
}

/// A campaign on a lowering backend writes, beside each bucket's repro, the
/// program as each lowering that departs from its engine ran it:
/// `buckets/<id>.<lowering>.lowered.js`, Babel's helpers inlined and no
/// `async` left, which plain `node` runs to the very trace the lowering
/// backend recorded (and not the engine's native one); `campaign.json` holds
/// the same text for reports. The baseline makes the campaign count its
/// (known) buckets without minimizing them; seed 18 finds Babel's
/// `_asyncIterator` and `_wrapAsyncGenerator` buckets in its first 60
/// programs (corpus/baseline.yaml).
#[test]
fn a_campaign_writes_the_lowered_program_that_node_runs_to_the_lowering_s_trace() {
    if !engines_here().contains(&"v8") {
        eprintln!("skipped: v8 or a tool is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = common::tickdiff()
        .args(["fuzz", "--seed", "18", "--count", "60", "--engines", "reference,v8,v8+babel", "--baseline"])
        .arg(common::repo_root().join("corpus/baseline.yaml"))
        .arg("--out")
        .arg(dir.path())
        .output()
        .expect("tickdiff runs");
    assert_eq!(out.status.code(), Some(0), "only known buckets: {}", common::show(&out));
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("campaign.json")).unwrap()).unwrap();
    let buckets = summary["buckets"].as_object().expect("buckets");
    let mut checked = 0;
    for (id, b) in buckets {
        let groups: Vec<Vec<String>> = serde_json::from_value(b["groups"].clone()).unwrap();
        let group_of = |n: &str| groups.iter().position(|g| g.iter().any(|m| m == n));
        let file = dir.path().join("buckets").join(format!("{id}.babel.lowered.js"));
        if group_of("v8+babel") == group_of("v8") {
            assert!(!file.exists(), "{id}: babel does what v8 does, so no lowered file");
            continue;
        }
        let case: serde_yaml::Value = serde_yaml::from_str(
            &std::fs::read_to_string(dir.path().join(format!("buckets/{id}.yaml"))).unwrap(),
        )
        .unwrap();
        let recorded = |backend: &str| -> Vec<String> {
            serde_yaml::from_value(case["results"][backend]["trace"].clone()).expect("a recorded trace")
        };
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let lowered = b["lowered"][0]["js"].as_str().unwrap_or_else(|| panic!("{id}: no lowered js in {b}"));
        assert_eq!(b["lowered"][0]["lowering"], "babel");
        assert!(text.ends_with(lowered), "{id}: the file runs the lowered text");
        assert!(
            lowered.contains("function _asyncToGenerator")
                || lowered.contains("function _wrapAsyncGenerator"),
            "{id}: Babel's helpers are inlined: {lowered}"
        );
        assert!(!lowered.contains("async function") && !lowered.contains("async ("), "{id}: {lowered}");
        let trace = run_standalone("v8", &file);
        assert_eq!(trace, recorded("v8+babel"), "{id}: node runs the lowered file as v8+babel ran it");
        assert_ne!(trace, recorded("v8"), "{id}: which is not v8's own order");
        checked += 1;
    }
    assert!(checked > 0, "no bucket where v8+babel departs: {}", common::show(&out));
    // The reports print each bucket's lowered program under its repro.
    for format in ["md", "html"] {
        let path = dir.path().join(format!("report.{format}"));
        let report = common::tickdiff()
            .arg("report")
            .arg(dir.path())
            .args(["--format", format, "--out"])
            .arg(&path)
            .output()
            .expect("tickdiff runs");
        assert!(report.status.success(), "{}", common::show(&report));
        let text = std::fs::read_to_string(&path).unwrap();
        for (id, b) in buckets {
            let Some(js) = b["lowered"][0]["js"].as_str() else { continue };
            let shown = if format == "md" {
                js.to_string()
            } else {
                js.replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
                    .replace('"', "&quot;")
                    .replace('\'', "&#39;")
            };
            assert!(text.contains(shown.trim_end()), "{format} report: {id}'s lowered program is not in it");
            assert!(text.contains(&format!("{id}.babel.lowered.js")), "{format} report: {id}'s lowered file");
        }
    }
}

/// `tickdiff run FILE --engines node,node+ts-es2015 --explain` says where
/// the lowered run departs from node's, that node's order is the one the
/// reference explains, prints the program as TypeScript lowered it, then
/// the reference's explanation. The program (corpus/regressions/
/// order-0b97623f65dc): natively `return()` on the unstarted generator
/// awaits (job 1), the thenable's `then` runs in its job (2, 'b'), and the
/// `throw()` queued behind `return()` rejects after it (job 3, 'a'). Under
/// TypeScript's __asyncGenerator, `return` is wrapped in awaitReturn
/// (`Promise.resolve(v).then(f, reject)`), so `throw()` is served first,
/// at once: the unstarted sync generator throws, its promise rejects during
/// the script and 'a' (job 2) comes before 'b' (job 3). `tickdiff repro`
/// says the same.
#[test]
fn run_explain_shows_where_a_lowering_departs_and_its_lowered_program() {
    if !engines_here().contains(&"node") {
        eprintln!("skipped: node or a tool is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ts.js");
    let source = "const it0 = (async function* () {})();
it0.return();
it0.throw().then(() => {}, () => log('a'));
Promise.allSettled([{ then: () => log('b') }]);
";
    std::fs::write(&path, source).unwrap();
    let out = common::tickdiff()
        .arg("run")
        .arg(&path)
        .args(["--engines", "node,node+ts-es2015", "--explain"])
        .output()
        .expect("tickdiff runs");
    assert_eq!(out.status.code(), Some(1), "{}", common::show(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().map(str::trim).collect();
    let at = |line: &str| {
        lines.iter().position(|l| *l == line).unwrap_or_else(|| panic!("no line {line:?} in\n{stdout}"))
    };
    assert_eq!(lines[1..3], ["node            ok             b a", "node+ts-es2015  ok             a b"]);
    let departs = at("node+ts-es2015 departs from node: event 0: node logged 'b' at task 0, node+ts-es2015 logged 'a' at task 0");
    let native = at("node's native order is the reference's: the explanation is the order it departs from");
    let lowered = lines.iter().position(|l| {
        l.starts_with("lowered: node+ts-es2015: the program as ts-es2015 lowers it (typescript 5.9.3")
    });
    let lowered = lowered.unwrap_or_else(|| panic!("no lowered program in\n{stdout}"));
    let explanation = at("explanation (reference):");
    assert!(departs < native && native < lowered && lowered < explanation, "{stdout}");
    // The lowered text as the worker gives it, line by line.
    let text =
        lowering::lowered_source("node+ts-es2015", source, &Limits::default()).expect("a lowering").unwrap();
    assert!(text.contains(
        "function awaitReturn(f) { return function (v) { return Promise.resolve(v).then(f, reject); }; }"
    ));
    for (i, line) in text.trim_end().lines().enumerate() {
        assert_eq!(lines[lowered + 1 + i], format!("| {line}").trim(), "{stdout}");
    }
    assert_eq!(lines[explanation + 1], "b          task 0 job 2", "{stdout}");

    let repro = common::tickdiff()
        .arg("repro")
        .arg(common::repo_root().join("corpus/regressions/order-0b97623f65dc.yaml"))
        .args(["--engines", "node,node+ts-es2015"])
        .output()
        .expect("tickdiff runs");
    let stdout = String::from_utf8_lossy(&repro.stdout);
    assert!(stdout.contains("node+ts-es2015 departs from node: event 0:"), "{}", common::show(&repro));
    assert!(stdout.contains("function awaitReturn(f)"), "{}", common::show(&repro));
}

/// Where the engine's native order is not the reference's, the explanation
/// is said to be the spec's, not the engine's: here node's trace is made
/// up (as if node had logged 'b' before 'a'), the lowering departs from it.
#[test]
fn an_explanation_is_never_passed_off_as_a_native_order_it_is_not() {
    if !engines_here().contains(&"node") {
        eprintln!("skipped: node or a tool is not installed");
        return;
    }
    let source =
        "async function f() { await null; log('a'); }\nf();\nPromise.resolve().then(() => log('b'));\n";
    let ev = |labels: &[&str]| {
        Outcome::ok(labels.iter().map(|l| harness::outcome::Event::new(*l, 0, None)).collect())
    };
    let names = ["node", "node+babel"];
    let outcomes = [ev(&["b", "a"]), ev(&["a", "b"])];
    let said = lowering::explain(&names, &outcomes, || Some(ev(&["a", "b"])), source, &Limits::default(), "");
    assert!(said.contains("node+babel departs from node: event 0: node logged 'b' at task 0, node+babel logged 'a' at task 0"), "{said}");
    assert!(said.contains("node's native order is not the reference's (event 0: node logged 'b' at task 0, reference logged 'a' at task 0): the explanation is the spec's order, not node's"), "{said}");
    assert!(said.contains("function _asyncToGenerator"), "{said}");
    let agree = lowering::explain(
        &names,
        &[ev(&["a", "b"]), ev(&["a", "b"])],
        || None,
        source,
        &Limits::default(),
        "",
    );
    assert_eq!(agree, "", "a lowering that does what its engine does is not explained");
}

/// `tickdiff engines` lists the lowerings beside the engines: each with
/// whether its tool is installed, the tool, its pinned version
/// (engines.lock.yaml) and its backends.
#[test]
fn engines_lists_the_lowerings() {
    let out = common::tickdiff().arg("engines").output().expect("tickdiff runs");
    assert!(out.status.success(), "{}", common::show(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    for l in lowering::LOWERINGS {
        let line = stdout
            .lines()
            .find(|line| line.split_whitespace().next() == Some(l.name))
            .unwrap_or_else(|| panic!("no line for {} in\n{stdout}", l.name));
        let status = if engines::catalog::installed(l.tool) { "ready" } else { "missing" };
        let version = &engines::catalog::pin(l.tool).expect("pinned").version;
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(words[1..3], [status, l.tool], "{line}");
        assert!(line.contains(version.as_str()), "{line}");
        assert!(line.ends_with(&format!("node+{} v8+{}", l.name, l.name)), "{line}");
    }
}
