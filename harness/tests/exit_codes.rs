//! The binary's exit status says what kind of thing went wrong
//! (`harness::error::exit`): each kind triggered for real, through the
//! binary, with the error naming its cause. (`INTERNAL` has no trigger:
//! it is for bugs.)

mod common;

use common::{repo_root, show, tickdiff};
use harness::error::exit::{CAMPAIGN, ENGINE, FOUND, INPUT, IO, OK, USAGE};
use std::path::Path;
use std::process::Command;

/// Runs `cmd`; asserts its exit status and that stderr holds `says`.
fn expect(mut cmd: Command, code: i32, says: &str) -> std::process::Output {
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(code), "{cmd:?}\n{}", show(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(says), "{cmd:?}: stderr lacks {says:?}\n{}", show(&out));
    assert!(!stderr.contains("panicked"), "{}", show(&out));
    out
}

fn args(list: &[&str]) -> Command {
    let mut cmd = tickdiff();
    cmd.args(list);
    cmd
}

fn spec_file() -> String {
    repo_root().join("corpus/spec/001-sync-before-jobs.js").display().to_string()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn results_exit_0_when_backends_agree_and_1_when_they_diverge() {
    expect(args(&["run", &spec_file(), "--engines", "reference"]), OK, "");
    let mutant = repo_root().join("corpus/regressions/mutant-await-3tick.yaml");
    let out =
        expect(args(&["run", path(&mutant), "--engines", "reference,reference:await-3tick"]), FOUND, "");
    assert!(String::from_utf8_lossy(&out.stdout).contains("DIVERGE"), "{}", show(&out));
}

#[test]
fn bad_flags_and_unknown_backends_exit_2() {
    expect(args(&["run", &spec_file(), "--jobs", "0"]), USAGE, "--jobs");
    expect(args(&["run", &spec_file(), "--engines", "hermes"]), USAGE, "unknown backend 'hermes'");
    expect(args(&["run", &spec_file(), "--engines", "reference,reference"]), USAGE, "given twice");
    expect(args(&["fuzz", "--shard", "3/2"]), USAGE, "--shard");
    expect(args(&["engines", "install", "hermes"]), USAGE, "no engine 'hermes'");
}

#[test]
fn malformed_files_exit_3_naming_path_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let yaml = tmp.path().join("bad.yaml");
    std::fs::write(&yaml, "program:\n  body: [\n").unwrap();
    let at_line = format!("{}:3:", yaml.display());
    expect(args(&["repro", path(&yaml), "--engines", "reference"]), INPUT, &at_line);
    expect(args(&["minimize", path(&yaml), "--engines", "reference"]), INPUT, &at_line);
    // A config field out of range.
    let config = tmp.path().join("config.yaml");
    std::fs::write(&config, "max_depth: 50\n").unwrap();
    expect(args(&["gen", "--config", path(&config)]), INPUT, "max_depth");
    // A baseline that is not one.
    let baseline = tmp.path().join("baseline.yaml");
    std::fs::write(&baseline, "buckets: 7\n").unwrap();
    let out_dir = tmp.path().join("c");
    let fuzz = ["fuzz", "--count", "1", "--out", path(&out_dir), "--baseline", path(&baseline)];
    expect(args(&fuzz), INPUT, &format!("{}:1:", baseline.display()));
    // A torn campaign.json.
    let campaign = tmp.path().join("torn");
    std::fs::create_dir_all(&campaign).unwrap();
    std::fs::write(campaign.join("campaign.json"), "{\"seed\": ").unwrap();
    expect(args(&["report", path(&campaign)]), INPUT, "campaign.json:1:");
    // A .js file `minimize` cannot translate to the model (labels are not in it).
    let js = tmp.path().join("loop.js");
    std::fs::write(&js, "outer: while (true) {}\n").unwrap();
    expect(args(&["minimize", path(&js), "--engines", "reference"]), INPUT, "unsupported");
}

#[test]
fn run_loads_what_it_can_and_exits_with_the_first_bad_file() {
    let tmp = tempfile::tempdir().unwrap();
    let yaml = tmp.path().join("bad.yaml");
    std::fs::write(&yaml, "seed: [\n").unwrap();
    let out = expect(args(&["run", path(&yaml), &spec_file(), "--engines", "reference"]), INPUT, "bad.yaml");
    assert!(String::from_utf8_lossy(&out.stdout).contains("001-sync-before-jobs.js"), "{}", show(&out));
}

#[test]
fn unreadable_and_unwritable_paths_exit_4() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("missing.yaml");
    expect(args(&["run", path(&missing)]), IO, "missing.yaml: no such file or directory");
    // A directory where a file is read: unreadable whoever runs the test.
    let dir = tmp.path().join("dir.yaml");
    std::fs::create_dir(&dir).unwrap();
    expect(args(&["repro", path(&dir), "--engines", "reference"]), IO, "dir.yaml: Is a directory");
    expect(args(&["gen", "--config", path(&dir)]), IO, "dir.yaml");
    // A file where a directory is written.
    let file = tmp.path().join("file");
    std::fs::write(&file, "").unwrap();
    let inside = file.join("out");
    expect(args(&["gen", "--count", "2", "--out", path(&inside)]), IO, path(&inside));
    let html = file.join("t.html");
    expect(args(&["run", &spec_file(), "--engines", "reference", "--html", path(&html)]), IO, path(&html));
}

#[test]
fn an_engine_that_is_not_installed_exits_5() {
    let empty = tempfile::tempdir().unwrap();
    let mut cmd = args(&["run", &spec_file(), "--engines", "reference,spidermonkey"]);
    cmd.env("TICKDIFF_ENGINES_DIR", empty.path());
    expect(cmd, ENGINE, "tickdiff engines install spidermonkey");
}

#[test]
fn a_directory_holding_another_campaign_exits_6() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("c");
    let fuzz = |seed: &str| {
        args(&["fuzz", "--seed", seed, "--count", "2", "--engines", "reference", "--out", path(&dir)])
    };
    expect(fuzz("1"), OK, "");
    let listed = std::fs::read(dir.join("campaign.json")).unwrap();
    expect(fuzz("2"), CAMPAIGN, "holds another campaign");
    assert_eq!(std::fs::read(dir.join("campaign.json")).unwrap(), listed, "the refused campaign wrote");
    // Resuming the same campaign is no error.
    expect(fuzz("1"), OK, "");
}
