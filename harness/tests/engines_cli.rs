//! `tickdiff engines`, `tickdiff engines install` and `--engines all`, as a
//! user meets them: every backend listed with its status and version, a
//! missing engine named with the command that installs it, never a silent
//! skip of one a user asked for.

mod common;

use common::*;

/// `tickdiff` with its engines directory moved to an empty one: nothing is
/// installed there.
fn without_engines(dir: &tempfile::TempDir) -> std::process::Command {
    let mut cmd = tickdiff();
    cmd.env("TICKDIFF_ENGINES_DIR", dir.path());
    cmd
}

#[test]
fn engines_lists_every_backend_with_its_status() {
    let out = tickdiff().arg("engines").output().unwrap();
    assert!(out.status.success(), "{}", show(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    for name in std::iter::once("reference").chain(harness::engines::ENGINE_NAMES.iter().copied()) {
        let line = text.lines().find(|l| l.split_whitespace().next() == Some(name));
        let line = line.unwrap_or_else(|| panic!("{name} is not listed:\n{text}"));
        let ready = name == "reference" || harness::engines::available(name);
        assert_eq!(line.contains(" ready "), ready, "{name}: {line}");
    }
    assert!(text.contains("tickdiff engines install"), "{text}");
}

#[test]
fn a_missing_engine_is_an_error_naming_the_install_command() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["v8", "jsc", "spidermonkey", "xs", "engine262"] {
        let out = without_engines(&dir)
            .args(["run", "--engines", &format!("reference,{name}")])
            .arg(repo_root().join("corpus/spec/001-sync-before-jobs.js"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(harness::error::exit::ENGINE), "{name}: {}", show(&out));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("tickdiff engines install {name}")), "{name}: {err}");
    }
    let out = without_engines(&dir).arg("engines").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().any(|l| l.starts_with("jsc") && l.contains("missing")), "{text}");
}

#[test]
fn engines_all_is_every_backend_that_runs_here() {
    let dir = tempfile::tempdir().unwrap();
    let js = repo_root().join("corpus/spec/001-sync-before-jobs.js");
    // With nothing installed: the reference, the embedded engines and node
    // when it is on PATH.
    let out = without_engines(&dir)
        .args(["run", "--engines", "all", "--format", "json"])
        .arg(&js)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", show(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    for name in ["reference", "quickjs", "boa"] {
        assert!(text.contains(&format!("\"{name}\"")), "{name} missing from {text}");
    }
    assert!(!text.contains("\"jsc\""), "{text}");
    // With the project's engines: each installed one joins.
    let out = tickdiff().args(["run", "--engines", "all", "--format", "json"]).arg(&js).output().unwrap();
    assert!(out.status.success(), "{}", show(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    for spec in harness::engines::external_engines() {
        if harness::engines::available(spec.name) {
            assert!(text.contains(&format!("\"{}\"", spec.name)), "{} missing from {text}", spec.name);
        }
    }
}

#[test]
fn install_refuses_an_unknown_engine_and_installs_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = without_engines(&dir).args(["engines", "install", "hermes"]).output().unwrap();
    assert_eq!(out.status.code(), Some(harness::error::exit::USAGE), "{}", show(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no engine 'hermes'"), "{}", show(&out));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn the_lock_pins_every_installable_engine_exactly() {
    let lock = harness::engines::catalog::lock();
    for spec in harness::engines::external_engines() {
        if spec.name == "node" {
            continue;
        }
        let pin = lock.engines.get(spec.name).unwrap_or_else(|| panic!("{} is not pinned", spec.name));
        let npm = pin.npm.iter().chain(&pin.npm_source);
        for package in npm {
            let version = package.rsplit_once('@').map(|(_, v)| v).unwrap_or("");
            let exact = version
                .split(['.', '-'])
                .take(3)
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
            assert!(exact, "{}: {package} is not an exact version", spec.name);
        }
        for package in &pin.debian {
            assert!(package.split_once('=').is_some_and(|(_, v)| !v.is_empty()), "{}: {package}", spec.name);
        }
    }
}
