//! The hand-written programs of corpus/spec: each states the trace the spec
//! gives it (worked out rule by rule in its comments). The reference must
//! produce exactly that trace, and so must every embedded engine unless the
//! difference is a recorded engine bug.

mod common;

use common::*;
use harness::backends;
use harness::frontend::parse_program;
use harness::outcome::{ProgramInput, Status};
use harness::reference::{self, Mutant};
use harness::runner::run_all;
use std::path::PathBuf;

fn spec_files() -> Vec<PathBuf> {
    files_in("corpus/spec", 60)
}

fn async_iteration_files() -> Vec<PathBuf> {
    files_in("corpus/spec-async-iteration", 40)
}

fn files_in(dir: &str, at_least: usize) -> Vec<PathBuf> {
    let dir = repo_root().join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "js"))
        .collect();
    files.sort();
    assert!(files.len() >= at_least, "expected at least {at_least} spec programs in {}", dir.display());
    files
}

#[test]
fn reference_gives_the_spec_trace_of_every_hand_written_program() {
    reference_matches(spec_files());
}

#[test]
fn reference_gives_the_spec_trace_of_every_async_iteration_program() {
    reference_matches(async_iteration_files());
}

fn reference_matches(files: Vec<PathBuf>) {
    let mut failures = Vec::new();
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap();
        let expected = expected_trace(&source, &path);
        let program = parse_program(&source, &path.display().to_string()).unwrap_or_else(|e| panic!("{e}"));
        let out = reference::run(&program, Mutant::None, limits().max_steps);
        let got: Vec<String> = out.trace.iter().map(|e| e.label.clone()).collect();
        if out.status != Status::Ok || got != expected {
            failures.push(format!(
                "{}: {:?}\n  expected {expected:?}\n  got      {got:?}",
                path.display(),
                out.status
            ));
        }
    }
    assert!(failures.is_empty(), "{} programs differ:\n{}", failures.len(), failures.join("\n"));
}

/// Engine divergences on spec programs that are real engine bugs, as
/// (file name, backend). Each file's comments derive the spec's order; these
/// engines differ from it (and V8 agrees with the spec on all of them).
const KNOWN_ENGINE_BUGS: &[(&str, &str)] = &[
    // QuickJS-ng: requests queued behind return() are dropped while the queue drains.
    ("015-return-on-suspended-start.js", "quickjs"),
    ("017-return-promise-on-completed.js", "quickjs"),
    ("018-return-rejected-queued-behind-completion.js", "quickjs"),
    // Both: an extra job between yield*'s inner return() completing and the outer finally.
    ("028-yield-star-return-forwarded.js", "quickjs"),
    ("028-yield-star-return-forwarded.js", "boa"),
    // QuickJS-ng: closeOnRejection (ecma262 PR #2600) timing.
    ("031-yield-star-sync-generator-rejected-closes.js", "quickjs"),
    ("040-close-on-rejection-sync-generator-finally.js", "quickjs"),
    ("041-close-on-rejection-hand-written-sync-iterator.js", "quickjs"),
    // QuickJS-ng: a throw in a for-await body escapes before return() is awaited.
    ("053-throw-in-body-closes.js", "quickjs"),
    ("054-throw-in-body-return-rejects.js", "quickjs"),
    // QuickJS-ng: calls return() after a rejected next().
    ("060-next-rejects-no-close.js", "quickjs"),
    // Boa: return() through nested for-await in an async generator skips closing the sync source.
    ("064-pipeline-break-closes-nested.js", "boa"),
    // QuickJS-ng: ToPropertyKey of `o[k] = v` before the right side (the pre-ES2024 order).
    ("104-property-reference-order.js", "quickjs"),
    // Both: a template's substitutions are all evaluated before any is converted ToString
    // (§13.2.8.6 converts each before evaluating the next).
    ("135-template-tostring-per-substitution.js", "quickjs"),
    ("135-template-tostring-per-substitution.js", "boa"),
    // QuickJS-ng: a spread whose iterator's next() throws calls its return().
    ("137-spread-iterator-protocol.js", "quickjs"),
    // QuickJS-ng: an elision in an array pattern reads the step's value (IteratorStep does not).
    ("159-destructuring-declarations.js", "quickjs"),
    // Boa: a body `var` named like a parameter, beside parameter expressions, throws.
    ("160-parameters-defaults-rest-patterns.js", "boa"),
    // QuickJS-ng: a throw while binding a catch parameter's pattern skips the finally block.
    ("161-catch-parameter-patterns.js", "quickjs"),
    // QuickJS-ng: a rest property copies a key whose property a getter made non-enumerable meanwhile.
    ("162-object-pattern-rest.js", "quickjs"),
];

#[test]
fn embedded_engines_give_the_spec_trace_too() {
    engines_match(spec_files());
}

#[test]
fn embedded_engines_give_the_async_iteration_spec_trace_or_a_known_bug() {
    engines_match(async_iteration_files());
}

fn engines_match(files: Vec<PathBuf>) {
    let inputs: Vec<ProgramInput> = files
        .iter()
        .map(|p| ProgramInput { source: std::fs::read_to_string(p).unwrap(), model: None })
        .collect();
    let engines = backends::parse_list("quickjs,boa").unwrap();
    let rows = run_all(&inputs, &engines, &limits(), jobs());
    let mut failures = Vec::new();
    for ((path, input), row) in files.iter().zip(&inputs).zip(rows) {
        let expected = expected_trace(&input.source, path);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        for (engine, out) in engines.iter().zip(row) {
            let got: Vec<String> = out.trace.iter().map(|e| e.label.clone()).collect();
            let known = KNOWN_ENGINE_BUGS.contains(&(name.as_str(), engine.name()));
            let differs = out.status != Status::Ok || got != expected;
            if differs != known {
                failures.push(format!(
                    "{name} on {}: {:?} {got:?} (expected {expected:?}, known bug: {known})",
                    engine.name(),
                    out.status
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn explanations_name_the_jobs_behind_events() {
    // `await p` on a pending promise: the resume is a reaction job of p's promise,
    // enqueued when the timer's resolve settled it.
    let src = "async function f() { await new Promise((resolve) => setTimeout(resolve, 1)); log('after'); }\nf();\n";
    let program = parse_program(src, "x.js").unwrap();
    let explained = reference::run_explained(&program, Mutant::None, 1000);
    assert_eq!(explained.outcome.labels(), vec!["after"]);
    let chain = explained.chain(0).join("\n");
    assert!(chain.contains("job 1 of task 1: reaction job of promise #"), "{chain}");
    assert!(chain.contains("async function f resumes after await"), "{chain}");
    assert!(chain.contains("task 1: timer #1"), "{chain}");
}

/// Backend `engine`'s trace for a spec program: the `expect:` one, or the
/// one its `// ENGINE: differs [...] because ...` line documents (an engine
/// bug, a normative change newer than the engine, or a proposal it
/// implements early; the reason says which).
fn documented_trace(source: &str, path: &std::path::Path, engine: &str) -> Vec<String> {
    let prefix = format!("// {engine}: differs ");
    match source.lines().find_map(|l| l.strip_prefix(prefix.as_str())) {
        Some(rest) => {
            let end = rest.find("] because").map(|i| i + 1).unwrap_or(rest.len());
            serde_json::from_str(&rest[..end])
                .unwrap_or_else(|e| panic!("{}: bad {engine} line: {e}", path.display()))
        }
        None => expected_trace(source, path),
    }
}

/// Every spec program on every external engine that runs here (node on
/// PATH, and each installed one): the spec's trace, or exactly the trace
/// its header documents for that engine, so each documented difference is
/// real and every other program agrees.
#[test]
fn external_engines_give_the_spec_trace_or_their_documented_difference() {
    let names: Vec<&str> = harness::engines::external_engines()
        .iter()
        .map(|s| s.name)
        .filter(|n| harness::engines::available(n))
        .collect();
    if names.is_empty() {
        eprintln!("note: no external engine runs here; skipping");
        return;
    }
    eprintln!("external engines checked on the spec corpus: {names:?}");
    let files: Vec<PathBuf> = spec_files().into_iter().chain(async_iteration_files()).collect();
    let inputs: Vec<ProgramInput> = files
        .iter()
        .map(|p| ProgramInput { source: std::fs::read_to_string(p).unwrap(), model: None })
        .collect();
    let engines = backends::parse_list(&names.join(",")).unwrap();
    let rows = run_all(&inputs, &engines, &limits(), jobs());
    let mut failures = Vec::new();
    let mut documented = std::collections::BTreeMap::<&str, usize>::new();
    for ((path, input), row) in files.iter().zip(&inputs).zip(rows) {
        for (engine, out) in engines.iter().zip(row) {
            let want = documented_trace(&input.source, path, engine.name());
            if want != expected_trace(&input.source, path) {
                *documented.entry(engine.name()).or_default() += 1;
            }
            let got: Vec<String> = out.trace.iter().map(|e| e.label.clone()).collect();
            if out.status != Status::Ok || got != want {
                failures.push(format!(
                    "{} on {}: {:?} {got:?} ({}), documented {want:?}",
                    path.display(),
                    engine.name(),
                    out.status,
                    out.detail.as_deref().unwrap_or("")
                ));
            }
        }
    }
    eprintln!("documented differences per engine: {documented:?}");
    assert!(failures.is_empty(), "{} runs differ:\n{}", failures.len(), failures.join("\n"));
    if names.contains(&"node")
        && harness::engines::node::node_version(std::path::Path::new("node"))
            .is_some_and(|(_, (major, _))| major < 22)
    {
        assert!(
            documented.get("node").copied().unwrap_or(0) >= 5,
            "the async-iteration corpus documents five PR #2600 differences of V8 11.3"
        );
    }
}
