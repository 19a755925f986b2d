//! The test262 export of every repro in corpus/regressions
//! (harness/src/export.rs) as test262's own tools judge it: the rules of
//! test262's linter (tools/lint), and test262-harness (pinned in
//! engines.lock.yaml's `tools`) running the exports on each installed engine
//! through eshost, where each must pass exactly when tickdiff's run of that
//! engine gives the reference's trace, and fail (on its order assertion)
//! only where the engine has a known bucket of corpus/baseline.yaml.

mod common;

use common::*;
use generators::corpus::CorpusCase;
use harness::engines::catalog;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every regression repro that has a test262 export: (bucket file stem, case, test).
fn exports() -> Vec<(String, CorpusCase, String)> {
    let dir = repo_root().join("corpus/regressions");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let case = CorpusCase::load(&path).unwrap_or_else(|e| panic!("{e}"));
        let jobs = harness::reference::step_count(&case.program, limits().max_steps);
        if let Some(test) = harness::export::test262(&case, jobs) {
            out.push((path.file_stem().unwrap().to_string_lossy().into_owned(), case, test));
        }
    }
    out
}

/// The names of test262's features.txt (tc39/test262 at be13516) an export
/// may use: the linter's FEATURES check refuses any other.
const TEST262_FEATURES: &[&str] = &[
    "Promise",
    "Promise.prototype.finally",
    "Promise.allSettled",
    "Promise.any",
    "async-functions",
    "async-iteration",
    "generators",
    "Symbol.asyncIterator",
    "Symbol.iterator",
    "arrow-function",
    "class",
    "const",
    "for-of",
    "optional-catch-binding",
];

/// The front matter's text: between `/*---` and `---*/`.
fn front_matter(test: &str) -> &str {
    let start = test.find("/*---").expect("a /*--- line") + 5;
    let end = test.find("---*/").expect("a ---*/ line");
    &test[start..end]
}

#[test]
fn exports_follow_the_rules_of_test262s_linter() {
    let exports = exports();
    // Each regression repro is a test262 test but for those with timers
    // (test262 has no event loop) or an uncaught exception (it would stop
    // the check); none has a discarded then() rejecting in a function.
    for e in std::fs::read_dir(repo_root().join("corpus/regressions")).unwrap() {
        let path = e.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        if exports.iter().any(|x| x.0 == stem) {
            continue;
        }
        let case = CorpusCase::load(&path).unwrap();
        let source = generators::print_program(&case.program);
        let uncaught = case.results["reference"].trace.iter().any(|l| l == harness::outcome::UNCAUGHT);
        assert!(source.contains("setTimeout(") || uncaught, "{stem} has no test262 export");
    }
    assert!(exports.len() >= 33, "{} exports", exports.len());
    let esid = |s: &str| {
        s.chars().all(|c| c.is_ascii_alphanumeric() || "!$%&'()*+,-./:;=?@_~".contains(c) || c >= '\u{a0}')
    };
    for (name, _, test) in &exports {
        let fail = |why: &str| -> ! { panic!("{name}.test262.js: {why}\n{test}") };
        // LICENSE: the public-domain header the linter accepts in place of
        // a contributor's copyright line.
        if !test.starts_with(
            "/*\n * Any copyright is dedicated to the Public Domain.\n * \
             http://creativecommons.org/licenses/publicdomain/\n */\n",
        ) {
            fail("no public-domain header");
        }
        // POSIX and FILENAME.
        if !test.ends_with('\n') {
            fail("no final newline");
        }
        if !format!("{name}.test262.js").chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) {
            fail("a file name test262 refuses");
        }
        // FRONTMATTER: YAML, `description` present, known keys only, no
        // multi-line plain scalars (a key's value is on its line, or a
        // `|`/`>` block).
        let yaml = front_matter(test);
        let meta: BTreeMap<String, serde_yaml::Value> =
            serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{name}: front matter: {e}"));
        let known = ["description", "esid", "info", "flags", "includes", "features"];
        if let Some(k) = meta.keys().find(|k| !known.contains(&k.as_str())) {
            fail(&format!("unexpected key {k}"));
        }
        let lines: Vec<&str> = yaml.lines().filter(|l| !l.is_empty()).collect();
        for (i, line) in lines.iter().enumerate() {
            if line.starts_with(' ') {
                let owner = lines[..i].iter().rev().find(|l| !l.starts_with(' ')).unwrap();
                if !(owner.ends_with(": |") || owner.ends_with(": >")) {
                    fail(&format!("a multi-line plain scalar under `{owner}`"));
                }
            }
        }
        // NOPADDING: description and info start with text.
        for key in ["description", "info"] {
            let text = meta.get(key).and_then(|v| v.as_str()).unwrap_or_else(|| fail(&format!("no {key}")));
            if text.starts_with(['\n', '\r']) || text.trim().is_empty() {
                fail(&format!("{key} starts with an empty line"));
            }
        }
        // ESID: a fragment of the spec's URL.
        let id = meta["esid"].as_str().unwrap_or_else(|| fail("esid is not a string"));
        if id.is_empty() || !esid(id) {
            fail("esid is no URL fragment");
        }
        // FLAGS: async (the test calls $DONE), noStrict (tickdiff ran the
        // program as a sloppy script), nothing contradictory.
        let flags: Vec<&str> =
            meta["flags"].as_sequence().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
        assert_eq!(flags, ["async", "noStrict"], "{name}");
        // INCLUDES: flow style, and compareArray.js's assert.compareArray used.
        if !yaml.contains("\nincludes: [compareArray.js]\n") || !test.contains("assert.compareArray(") {
            fail("includes not `[compareArray.js]` in flow style, or unused");
        }
        // FEATURES: at least one, known, no duplicates.
        let features: Vec<&str> =
            meta["features"].as_sequence().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
        let unique: BTreeSet<&&str> = features.iter().collect();
        if features.is_empty() || unique.len() != features.len() {
            fail("features empty or repeated");
        }
        if let Some(f) = features.iter().find(|f| !TEST262_FEATURES.contains(f)) {
            fail(&format!("feature {f} is not in test262's features.txt"));
        }
    }
}

#[test]
fn front_matter_names_what_the_program_uses() {
    let exports = exports();
    let test = |stem: &str| &exports.iter().find(|e| e.0 == stem).unwrap().2;
    // for await over a sync generator that yields a rejected promise
    // (events-20e323acfadb): async iteration, the async-from-sync wrapper's
    // closeOnRejection at the first difference.
    let t = test("events-20e323acfadb");
    assert!(t.contains("\nesid: sec-asyncfromsynciteratorcontinuation\n"), "{t}");
    assert!(
        t.contains("\nfeatures: [Promise, async-functions, async-iteration, generators, arrow-function]\n")
    );
    assert!(t.contains("  AsyncFromSyncIteratorContinuation: https://tc39.es/ecma262/#sec-asyncfromsynciteratorcontinuation\n"));
    assert!(t.contains("  ForIn/OfBodyEvaluation: "), "{t}");
    // A thenable returned by a discarded then() (events-8f63344c6109), no
    // await, queueMicrotask as a promise job of the test's own.
    let t = test("events-8f63344c6109");
    assert!(t.contains("\nesid: sec-newpromiseresolvethenablejob\n"), "{t}");
    assert!(t.contains("\nfeatures: [Promise, arrow-function]\n"), "{t}");
    assert!(!t.contains("#await\n") && t.contains("function queueMicrotask(cb)"), "{t}");
}

#[test]
fn results_are_kept_for_their_rejections_but_discarded_then_results_in_functions_stay_discarded() {
    let exports = exports();
    let test = |stem: &str| &exports.iter().find(|e| e.0 == stem).unwrap().2;
    // `it0.throw()`-like results nobody handles: kept, handled after the check.
    let t = test("events-20e323acfadb");
    assert!(t.contains("\n__keep((async () => {\n"), "{t}");
    assert!(t.contains("  } finally {\n    __handleRejections();\n  }\n"), "{t}");
    // SpiderMonkey creates no promise for a discarded then() in a function
    // (the bug of events-8f63344c6109): that statement is left as it is,
    // and with nothing to keep, the check is the comparison alone.
    let t = test("events-8f63344c6109");
    assert!(t.contains("\n  Promise.resolve().then(() => ({\n"), "{t}");
    assert!(!t.contains("__keep") && !t.contains("__handleRejections"), "{t}");
}

/// A runner of the exports: test262-harness on one eshost host type.
struct Host {
    backend: &'static str,
    host_type: &'static str,
    path: PathBuf,
}

/// A shell script that runs `program` with `env` set: eshost's jsc host
/// starts its shell with an environment of its own (no LD_LIBRARY_PATH),
/// and engine262's command line needs v8's node.
fn wrapper(dir: &Path, name: &str, env: &[(&str, String)], program: &[String]) -> PathBuf {
    let quote = |s: &str| {
        assert!(!s.contains('\''), "a path with a quote: {s}");
        format!("'{s}'")
    };
    let env: Vec<String> = env.iter().map(|(k, v)| format!("{k}={}", quote(v))).collect();
    let argv: Vec<String> = program.iter().map(|p| quote(p)).collect();
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\nexec env {} {} \"$@\"\n", env.join(" "), argv.join(" ")))
        .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn path_of(binary: PathBuf) -> String {
    binary.to_string_lossy().into_owned()
}

/// The installed engines eshost can drive, and why each other one is left out.
fn hosts(dir: &Path) -> (Vec<Host>, Vec<String>) {
    let mut hosts = Vec::new();
    let mut skipped = Vec::new();
    for &backend in harness::engines::ENGINE_NAMES {
        let not_driven = match backend {
            "quickjs" | "boa" => Some("embedded in tickdiff (a crate, no shell for eshost to start)"),
            "xs" => Some(
                "eshost's xs host runs Moddable's xst command line with the test as a file; tickdiff's XS \
                 is Agoric's xsnap-worker, which takes its script as netstring commands on fd 3",
            ),
            _ => None,
        };
        if let Some(why) = not_driven {
            skipped.push(format!("{backend}: {why}"));
            continue;
        }
        if !harness::engines::available(backend) {
            skipped.push(format!("{backend}: not installed here"));
            continue;
        }
        let libraries = |name: &str| {
            catalog::library_path(name).map(|p| vec![("LD_LIBRARY_PATH", p.to_string_lossy().into_owned())])
        };
        let (host_type, path) = match backend {
            "node" => {
                let on_path = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
                    .map(|d| d.join("node"))
                    .find(|p| p.is_file())
                    .expect("node is available, so it is on PATH");
                ("node", on_path)
            }
            "v8" => ("node", catalog::binary("v8").unwrap()),
            "jsc" | "spidermonkey" => {
                let binary = catalog::binary(backend).unwrap();
                let host_type = if backend == "jsc" { "jsc" } else { "jsshell" };
                match libraries(backend) {
                    Some(env) => (host_type, wrapper(dir, backend, &env, &[path_of(binary)])),
                    None => (host_type, binary),
                }
            }
            "engine262" => {
                let package = catalog::binary("engine262").unwrap().parent().unwrap().to_path_buf();
                let argv =
                    [path_of(catalog::binary("v8").unwrap()), path_of(package.join("bin/engine262.js"))];
                ("engine262", wrapper(dir, backend, &[], &argv))
            }
            other => panic!("no eshost host for {other}: say why it is left out"),
        };
        hosts.push(Host { backend, host_type, path });
    }
    (hosts, skipped)
}

/// test262-harness's verdict on every test of `root`/test on `host`:
/// file stem -> `None` (passed) or the failure message.
fn run_harness(root: &Path, host: &Host) -> BTreeMap<String, Option<String>> {
    let runner = catalog::engine_dir("test262-harness").join("node_modules/test262-harness");
    let out = Command::new(catalog::binary("v8").unwrap())
        .arg(runner.join("bin/run.js"))
        .args(["--host-type", host.host_type, "--host-path"])
        .arg(&host.path)
        .arg("--test262-dir")
        .arg(root)
        .arg("--includes-dir")
        .arg(runner.join("test/test-includes"))
        // Two cores; a generous per-test limit for a loaded machine.
        .args(["--threads", "2", "--timeout", "60000", "--reporter", "json"])
        .args(["--reporter-keys", "file,result,scenario", "test/*.js"])
        .current_dir(root)
        .output()
        .unwrap();
    assert!(out.status.success(), "test262-harness on {}: {}", host.backend, show(&out));
    let results: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("test262-harness on {}: {e}\n{}", host.backend, show(&out)));
    let mut verdicts = BTreeMap::new();
    for r in results {
        let file = r["file"].as_str().unwrap();
        let stem = file.trim_start_matches("test/").trim_end_matches(".test262.js").to_string();
        assert_eq!(r["scenario"], "default", "{stem}: noStrict runs once, sloppy");
        let verdict = match r["result"]["pass"].as_bool() {
            Some(true) => None,
            _ => Some(r["result"]["message"].as_str().unwrap_or("").to_string()),
        };
        assert!(verdicts.insert(stem.clone(), verdict).is_none(), "{stem} ran twice on {}", host.backend);
    }
    verdicts
}

/// The ids of corpus/baseline.yaml's known buckets.
fn baseline_ids() -> BTreeSet<String> {
    let text = std::fs::read_to_string(repo_root().join("corpus/baseline.yaml")).unwrap();
    let baseline: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    baseline["buckets"].as_sequence().unwrap().iter().map(|b| b["id"].as_str().unwrap().to_string()).collect()
}

/// The backends of the campaigns that found the baseline's buckets
/// (corpus/baseline.yaml's header): a bucket's id names the backends that
/// deviate among them.
const BASELINE_BACKENDS: &[&str] =
    &["reference", "quickjs", "boa", "node", "v8", "jsc", "spidermonkey", "engine262"];

/// The baseline bucket that `program` falls in when the baseline's backends
/// that run here run it, if `backend` deviates from the reference in it.
fn known_bucket_of(program: &generators::Program, backend: &str, known: &BTreeSet<String>) -> Option<String> {
    let names: Vec<&str> = BASELINE_BACKENDS
        .iter()
        .copied()
        .filter(|b| harness::engines::available(b) || *b == "reference")
        .collect();
    let outcomes: Vec<_> = names
        .iter()
        .map(|b| harness::backends::by_name(b).unwrap().run(&input(program), &limits()))
        .collect();
    let divergence = harness::differ::compare(&names, &outcomes)?;
    let deviates = divergence
        .signature
        .groups
        .iter()
        .any(|g| g.iter().any(|b| b == backend) && !g.iter().any(|b| b == "reference"));
    let key = harness::bucket::bucket_key(program, &divergence, limits().max_steps);
    let id = harness::bucket::bucket_id(&key, &divergence.signature.kind);
    (deviates && known.contains(&id)).then_some(id)
}

/// The name of a test that expects an order no engine gives: every host
/// must fail it, which shows that it can.
const CONTROL: &str = "control-wrong-order";

#[test]
fn test262_harness_fails_an_export_exactly_where_the_engine_has_a_known_bucket() {
    if !catalog::installed("test262-harness") || !catalog::installed("v8") {
        eprintln!("skipped: test262-harness or v8 not installed (`tickdiff engines install all`)");
        return;
    }
    let exports = exports();
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir(root.path().join("test")).unwrap();
    // test262-stream reads the suite's version from its package.json; the
    // harness files are the package's copy (--includes-dir).
    std::fs::write(root.path().join("package.json"), "{\"version\": \"4.0.0\"}\n").unwrap();
    for (stem, _, test) in &exports {
        std::fs::write(root.path().join("test").join(format!("{stem}.test262.js")), test).unwrap();
    }
    let (control_stem, control_case, _) = &exports[0];
    let mut wrong = control_case.clone();
    wrong.results.get_mut("reference").unwrap().trace.push("no-engine-logs-this".into());
    let jobs = harness::reference::step_count(&wrong.program, limits().max_steps);
    let control = harness::export::test262(&wrong, jobs).unwrap();
    std::fs::write(root.path().join("test").join(format!("{CONTROL}.test262.js")), control).unwrap();

    let (hosts, skipped) = hosts(root.path());
    for why in &skipped {
        eprintln!("not run through test262-harness: {why}");
    }
    assert!(hosts.iter().any(|h| h.backend == "v8"), "v8 is installed, so it runs");
    let known = baseline_ids();
    let mut failures = Vec::new();
    for host in &hosts {
        let verdicts = run_harness(root.path(), host);
        assert_eq!(verdicts.len(), exports.len() + 1, "{}: {verdicts:?}", host.backend);
        match &verdicts[CONTROL] {
            Some(message) if message.contains("to have the same contents") => {}
            other => failures
                .push(format!("{}: the wrong-order control ({control_stem}) gave {other:?}", host.backend)),
        }
        let backend = harness::backends::by_name(host.backend).unwrap();
        let (mut passed, mut failed) = (0, Vec::new());
        for (stem, case, _) in &exports {
            let reference = &case.results["reference"];
            let own = backend.run(&input(&case.program), &limits());
            let agrees = own.status.as_str() == "ok" && own.labels() == reference.trace;
            match (&verdicts[stem], agrees) {
                (None, true) => passed += 1,
                (Some(message), false) => {
                    let bucket = known_bucket_of(&case.program, host.backend, &known);
                    if !message.contains("to have the same contents") {
                        failures.push(format!(
                            "{}: {stem} failed other than on its order: {message}",
                            host.backend
                        ));
                    } else if bucket.is_none() {
                        failures
                            .push(format!("{}: {stem} failed but is no known bucket of it", host.backend));
                    }
                    // A repro of another engine's bucket names this one's.
                    failed.push(match bucket {
                        Some(id) if id != *stem => format!("{stem} (in {id})"),
                        _ => stem.clone(),
                    });
                }
                (verdict, _) => failures.push(format!(
                    "{}: {stem}: test262-harness says {verdict:?}, but tickdiff's run gives {} {:?} and the \
                     reference {:?}",
                    host.backend,
                    own.status,
                    own.labels(),
                    reference.trace
                )),
            }
        }
        eprintln!(
            "{} (eshost {} host, {}): {} exports, {passed} pass, {} fail, each a known bucket of it: {}",
            host.backend,
            host.host_type,
            host.path.display(),
            exports.len(),
            failed.len(),
            failed.join(", ")
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The test262 export of the program `source`, with the reference's result.
fn export_of(source: &str) -> Option<String> {
    let program = harness::frontend::parse_program(source, "test.js").unwrap();
    let out = harness::reference::run(&program, harness::reference::Mutant::None, limits().max_steps);
    let mut case = CorpusCase::new(program);
    let recorded = generators::corpus::RecordedResult {
        status: out.status.as_str().into(),
        trace: out.labels().iter().map(|l| l.to_string()).collect(),
    };
    case.results.insert("reference".into(), recorded);
    let jobs = harness::reference::step_count(&case.program, limits().max_steps);
    harness::export::test262(&case, jobs)
}

#[test]
fn a_discarded_then_in_a_function_is_probed_on_the_reference_and_refused_where_it_rejects() {
    // Fulfilled: exported, the statement as it was.
    let t = export_of("(function () {\n  Promise.resolve().then(() => log('a'));\n})();\n").unwrap();
    assert!(t.contains("\n  Promise.resolve().then(() => log('a'));\n"), "{t}");
    assert!(t.contains("assert.compareArray(__trace, [\"a\"]);"), "{t}");
    // The rejection passes through it, and so does one its handler throws:
    // keeping the result would change what SpiderMonkey runs, leaving it
    // would fail the test on node: no test262 test.
    assert_eq!(export_of("(function () {\n  Promise.reject(1).then(() => log('a'));\n})();\n"), None);
    assert_eq!(export_of("(function () {\n  Promise.resolve().then(() => { throw 1; });\n})();\n"), None);
    // At the top level a then() result is the script's completion value,
    // which every engine keeps: kept, like every other call's (its
    // receiver is handled by the then() itself).
    let t = export_of("Promise.reject(1).then(() => log('a'));\nlog('b');\n").unwrap();
    assert!(t.contains("\n__keep(Promise.reject(1).then(() => log('a')));\n"), "{t}");
}

#[test]
fn what_a_test262_test_cannot_hold_is_not_exported() {
    assert_eq!(export_of("setTimeout(() => log('a'), 1);\n"), None, "test262 has no event loop");
    assert_eq!(export_of("queueMicrotask(() => { throw 1; });\nlog('a');\n"), None, "an uncaught exception");
    assert!(export_of("queueMicrotask(() => log('a'));\n")
        .unwrap()
        .contains("function queueMicrotask(cb) {"));
}

#[test]
fn labels_with_line_terminators_stay_in_their_comment_and_string() {
    let t = export_of("log('a\\u2028b\\nthrow 1');\n").unwrap();
    assert!(!t.contains('\u{2028}'), "{t}");
    let comments = &t[t.find("---*/\n").unwrap() + 6..t.find("\nvar __trace").unwrap()];
    assert!(comments.lines().all(|l| l.starts_with("// ")), "{comments}");
    assert!(t.contains("assert.compareArray(__trace, [\"a\\u2028b\\nthrow 1\"]);"), "{t}");
}
