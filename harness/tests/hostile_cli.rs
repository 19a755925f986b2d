//! The command line under hostile use: bad flags and configs get a clear
//! error (naming the flag or field, with the exit status of its kind) and
//! never a panic; a campaign
//! ended by any signal leaves no engine process behind and loses nothing;
//! a campaign directory is resumed or refused, never overwritten.

mod common;

use common::{show, tickdiff};
use harness::campaign::summary::CampaignSummary;
use harness::error::exit::{CAMPAIGN, INPUT, IO, USAGE};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn on_path(program: &str) -> bool {
    Command::new(program).arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok()
}

/// Bad command lines: `(arguments, a word the error must contain, the
/// config file's text, the exit status)`: bad usage exits 2, a missing file
/// 4 (I/O), a bad config 3 (input). `{dir}` is a fresh temporary directory,
/// `{file}` an existing YAML program, `{cfg}` a config file written by the case.
fn bad_command_lines() -> Vec<(Vec<&'static str>, &'static str, Option<&'static str>, i32)> {
    vec![
        (vec!["fuzz", "--jobs", "10000"], "--jobs", None, USAGE),
        (vec!["fuzz", "--jobs", "0"], "--jobs", None, USAGE),
        (vec!["fuzz", "--jobs", "-3"], "-3", None, USAGE),
        (vec!["fuzz", "--jobs", "two"], "--jobs", None, USAGE),
        (vec!["fuzz", "--jobs", "18446744073709551617"], "--jobs", None, USAGE),
        (vec!["fuzz", "--count", "0"], "--count", None, USAGE),
        (vec!["fuzz", "--count", "-1"], "-1", None, USAGE),
        (vec!["fuzz", "--count", "1e9"], "--count", None, USAGE),
        (vec!["fuzz", "--count", "5", "--time", "1m"], "--time", None, USAGE),
        (vec!["fuzz", "--time", "0s"], "--time", None, USAGE),
        (vec!["fuzz", "--time", "forever"], "--time", None, USAGE),
        (vec!["fuzz", "--seed", "-1"], "-1", None, USAGE),
        (vec!["fuzz", "--seed", "99999999999999999999999"], "--seed", None, USAGE),
        (vec!["fuzz", "--shard", "0/4"], "--shard", None, USAGE),
        (vec!["fuzz", "--shard", "5/4"], "--shard", None, USAGE),
        (vec!["fuzz", "--shard", "1/0"], "--shard", None, USAGE),
        (vec!["fuzz", "--shard", "1-4"], "--shard", None, USAGE),
        (vec!["fuzz", "--shard", "a/b"], "--shard", None, USAGE),
        (vec!["fuzz", "--engines", "reference,reference"], "twice", None, USAGE),
        (vec!["fuzz", "--engines", "reference,,quickjs"], "empty", None, USAGE),
        (vec!["fuzz", "--engines", ""], "no backend", None, USAGE),
        (vec!["fuzz", "--engines", "hermes"], "unknown backend", None, USAGE),
        (vec!["fuzz", "--engines", "reference:nope"], "mutant 'nope'", None, USAGE),
        (vec!["fuzz", "--engines", "reference;rm -rf /"], "unknown backend", None, USAGE),
        (vec!["fuzz", "--baseline", "/nonexistent/baseline.yaml"], "/nonexistent/baseline.yaml", None, IO),
        (vec!["fuzz", "--config", "/nonexistent/c.yaml"], "/nonexistent/c.yaml", None, IO),
        (vec!["fuzz", "--config", "{cfg}"], "max_depth", Some("max_depth: 100000\n"), INPUT),
        (vec!["fuzz", "--config", "{cfg}"], "max_depth", Some("max_depth: 50\n"), INPUT),
        (vec!["fuzz", "--config", "{cfg}"], "max_block", Some("max_block: 1000\n"), INPUT),
        (vec!["fuzz", "--config", "{cfg}"], "max_top_level", Some("max_top_level: 0\n"), INPUT),
        (vec!["fuzz", "--config", "{cfg}"], "max_delay", Some("max_delay: -5\n"), INPUT),
        (
            vec!["fuzz", "--config", "{cfg}"],
            "for_await_break",
            Some("weights:\n  for_await_break: 99\n"),
            INPUT,
        ),
        (vec!["fuzz", "--config", "{cfg}"], "log", Some("weights:\n  log: -1\n"), INPUT),
        (vec!["fuzz", "--config", "{cfg}"], "max_dpth", Some("max_dpth: 2\n"), INPUT),
        (
            vec!["fuzz", "--config", "{cfg}"],
            "{cfg}",
            Some("max_depth: [[[[[[[[[[[[[[1]]]]]]]]]]]]]]\n"),
            INPUT,
        ),
        (vec!["gen", "--config", "{cfg}"], "max_depth", Some("max_depth: 100000\n"), INPUT),
        (vec!["gen", "--count", "0"], "--count", None, USAGE),
        (vec!["gen", "--format", "exe"], "--format", None, USAGE),
        (vec!["run"], "PATHS", None, USAGE),
        (vec!["run", "/nonexistent.js"], "/nonexistent.js", None, IO),
        (vec!["run", "{file}", "--engines", "quickjs,quickjs"], "twice", None, USAGE),
        (vec!["run", "{file}", "--jobs", "100000"], "--jobs", None, USAGE),
        (vec!["run", "{file}", "--format", "xml"], "--format", None, USAGE),
        (vec!["repro", "/nonexistent.yaml"], "/nonexistent.yaml", None, IO),
        (vec!["repro", "{file}", "--engines", "boa,boa"], "twice", None, USAGE),
        (vec!["minimize", "/nonexistent.yaml"], "/nonexistent.yaml", None, IO),
        (vec!["minimize", "{file}", "--engines", "nope"], "unknown backend", None, USAGE),
        (vec!["report"], "DIRS", None, USAGE),
        (vec!["report", "/nonexistent-dir"], "/nonexistent-dir", None, IO),
        (vec!["report", "{dir}", "--format", "pdf"], "--format", None, USAGE),
        (vec!["bench", "--programs", "0"], "--programs", None, USAGE),
        (vec!["bench", "--programs", "100000000"], "--programs", None, USAGE),
        (vec!["bench", "nothing"], "nothing", None, USAGE),
        (vec!["frobnicate"], "frobnicate", None, USAGE),
        (vec!["fuzz", "--no-such-flag"], "--no-such-flag", None, USAGE),
    ]
}

#[test]
fn bad_command_lines_are_errors_naming_the_problem() {
    let tmp = tempfile::tempdir().unwrap();
    let file = common::repo_root().join("corpus/regressions/mutant-await-3tick.yaml");
    let cases = bad_command_lines();
    assert!(cases.len() >= 50, "{} cases", cases.len());
    let mut failures = Vec::new();
    for (i, (args, word, config, code)) in cases.iter().enumerate() {
        let dir = tmp.path().join(format!("case-{i}"));
        std::fs::create_dir_all(&dir).unwrap();
        let cfg = dir.join("config.yaml");
        if let Some(text) = config {
            std::fs::write(&cfg, text).unwrap();
        }
        let subst = |a: &str| -> String {
            a.replace("{dir}", &dir.display().to_string())
                .replace("{file}", &file.display().to_string())
                .replace("{cfg}", &cfg.display().to_string())
        };
        let args: Vec<String> = args.iter().map(|a| subst(a)).collect();
        let started = Instant::now();
        // Campaigns that wrongly started would write here, and be killed
        // by the timeout below.
        let mut child = tickdiff()
            .args(&args)
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let out = wait_with_timeout(&mut child, Duration::from_secs(30))
            .unwrap_or_else(|| panic!("tickdiff {args:?} still running after 30 s"));
        let text = show(&out);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let word = subst(word);
        if out.status.code() != Some(*code) || text.contains("panicked") || !stderr.contains(&word) {
            failures.push(format!("tickdiff {args:?} (expected exit {code} naming '{word}'):\n{text}"));
        }
        assert!(started.elapsed() < Duration::from_secs(30));
    }
    assert!(
        failures.is_empty(),
        "{} of {} bad command lines:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Waits for `child` at most `limit`; kills it and returns `None` past it.
fn wait_with_timeout(child: &mut Child, limit: Duration) -> Option<Output> {
    if common::wait_for_exit(child, limit).is_none() {
        let _ = child.kill();
        let _ = child.wait();
        return None;
    }
    Some(child_output(child))
}

fn child_output(child: &mut Child) -> Output {
    use std::io::Read;
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    if let Some(mut s) = child.stdout.take() {
        let _ = s.read_to_end(&mut stdout);
    }
    if let Some(mut s) = child.stderr.take() {
        let _ = s.read_to_end(&mut stderr);
    }
    Output { status: child.wait().unwrap(), stdout, stderr }
}

// ---------------------------------------------------------------------------
// Signals and orphans.

/// The pids of live processes whose environment holds `marker` (every
/// engine worker inherits the campaign's environment), the campaign itself
/// excluded when `except` is given.
fn processes_with_marker(marker: &str, except: Option<u32>) -> Vec<(u32, String)> {
    let needle = format!("TICKDIFF_TEST_MARKER={marker}");
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        if Some(pid) == except {
            continue;
        }
        let Ok(env) = std::fs::read(entry.path().join("environ")) else { continue };
        if env.split(|&b| b == 0).any(|v| v == needle.as_bytes()) {
            // A zombie has exited already; only a running process is an orphan.
            let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
            let state = stat.rsplit(')').next().and_then(|r| r.split_whitespace().next()).unwrap_or("");
            if state != "Z" {
                let cmd = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
                let cmd = String::from_utf8_lossy(&cmd).replace('\0', " ");
                found.push((pid, cmd));
            }
        }
    }
    found
}

fn engines_for_kill_trials() -> String {
    let mut engines = "reference,quickjs,boa".to_string();
    if on_path("node") {
        engines.push_str(",node");
    } else {
        eprintln!("note: node is not on PATH; the kill trials run without it");
    }
    engines
}

/// Starts a long campaign marked with `marker`, and waits until it has
/// written a first batch (so every engine worker has started).
fn start_marked_campaign(tmp: &Path, marker: &str) -> (Child, PathBuf) {
    let dir = tmp.join("c");
    let log = std::fs::File::create(tmp.join("log")).unwrap();
    let engines = engines_for_kill_trials();
    let mut child = tickdiff()
        .args(["fuzz", "--seed", "3", "--count", "1000000", "--jobs", "2", "--engines", &engines, "--out"])
        .arg(&dir)
        .env("TICKDIFF_TEST_MARKER", marker)
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("campaign ended early ({status}): {}", std::fs::read_to_string(tmp.join("log")).unwrap());
        }
        if let Ok(s) = CampaignSummary::load(&dir) {
            if s.programs > 0 {
                break;
            }
        }
        assert!(Instant::now() < deadline, "no batch after 180 s");
        std::thread::sleep(Duration::from_millis(50));
    }
    let workers = processes_with_marker(marker, Some(child.id()));
    assert!(!workers.is_empty(), "no engine worker found: the trial proves nothing");
    (child, dir)
}

/// Ends a campaign with `signal` and checks: it ends within 30 s, no
/// engine process outlives it by more than 5 s, and its directory still
/// lists every bucket file and reports.
fn kill_trial(signal: libc::c_int, name: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let marker = format!("{name}-{}", std::process::id());
    let (mut child, dir) = start_marked_campaign(tmp.path(), &marker);
    common::send_signal(&child, signal);
    let Some(status) = common::wait_for_exit(&mut child, Duration::from_secs(30)) else {
        let _ = child.kill();
        panic!("{name}: still running 30 s after the signal");
    };
    // Orphans: PR_SET_PDEATHSIG kills workers at once; allow 5 s.
    let deadline = Instant::now() + Duration::from_secs(5);
    let orphans = loop {
        let left = processes_with_marker(&marker, None);
        if left.is_empty() || Instant::now() > deadline {
            break left;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    for (pid, _) in &orphans {
        // SAFETY: kill(2); clean up before failing.
        unsafe { libc::kill(*pid as libc::pid_t, libc::SIGKILL) };
    }
    assert!(orphans.is_empty(), "{name}: engine processes outlived tickdiff: {orphans:?}");

    let summary = CampaignSummary::load(&dir).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(!summary.finished, "{name}: a stopped campaign is not finished");
    if signal == libc::SIGKILL {
        assert_eq!(status.code(), None, "{name}: {status}");
    } else {
        assert!(matches!(status.code(), Some(0 | 1)), "{name}: {status}");
        assert!(summary.interrupted, "{name}: campaign.json does not say it was interrupted");
    }
    for id in summary.buckets.keys() {
        assert!(dir.join("buckets").join(format!("{id}.yaml")).exists(), "{name}: bucket {id} has no file");
    }
    let report = tickdiff().args(["report", "--format", "md"]).arg(&dir).output().unwrap();
    assert!(report.status.success(), "{name}: report fails:\n{}", show(&report));
}

#[test]
fn no_engine_process_outlives_a_killed_campaign() {
    kill_trial(libc::SIGKILL, "sigkill");
}

#[test]
fn no_engine_process_outlives_a_terminated_campaign() {
    kill_trial(libc::SIGTERM, "sigterm");
}

#[test]
fn no_engine_process_outlives_an_interrupted_campaign() {
    kill_trial(libc::SIGINT, "sigint");
}

// ---------------------------------------------------------------------------
// Campaign directories.

fn fuzz(dir: &Path, args: &[&str]) -> Output {
    tickdiff()
        .args(["fuzz", "--engines", "reference,reference:await-3tick", "--jobs", "2"])
        .args(args)
        .arg("--out")
        .arg(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn a_campaign_directory_is_resumed_never_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("c");
    let first = fuzz(&dir, &["--seed", "1", "--count", "300"]);
    assert!(matches!(first.status.code(), Some(0 | 1)), "{}", show(&first));
    let before = CampaignSummary::load(&dir).unwrap();
    assert_eq!(before.programs, 300);
    assert!(!before.buckets.is_empty(), "seed 1 finds the mutant in 300 programs");

    // The same campaign, asked for more: it goes on from program 300.
    let second = fuzz(&dir, &["--seed", "1", "--count", "600"]);
    assert!(matches!(second.status.code(), Some(0 | 1)), "{}", show(&second));
    assert!(String::from_utf8_lossy(&second.stderr).contains("resuming"), "{}", show(&second));
    let after = CampaignSummary::load(&dir).unwrap();
    assert_eq!(after.programs, 600);
    assert!(after.finished && !after.interrupted);
    for (id, b) in &before.buckets {
        let now = after.buckets.get(id).unwrap_or_else(|| panic!("bucket {id} no longer listed"));
        assert!(now.count >= b.count);
    }
    // Resumed in two steps, the counts are those of one campaign of 600.
    let whole_dir = tmp.path().join("whole");
    let whole = fuzz(&whole_dir, &["--seed", "1", "--count", "600"]);
    assert!(matches!(whole.status.code(), Some(0 | 1)), "{}", show(&whole));
    let whole = CampaignSummary::load(&whole_dir).unwrap();
    assert_eq!(whole.statuses, after.statuses);
    assert_eq!(whole.divergent_programs, after.divergent_programs);
    assert_eq!(whole.buckets.keys().collect::<Vec<_>>(), after.buckets.keys().collect::<Vec<_>>());

    // Another campaign into the same directory is refused, and changes nothing.
    let listed = std::fs::read(dir.join("campaign.json")).unwrap();
    let config = tmp.path().join("config.yaml");
    std::fs::write(&config, "max_depth: 2\n").unwrap();
    let config = config.display().to_string();
    for other in [
        vec!["--seed", "2", "--count", "10"],
        vec!["--seed", "1", "--count", "10", "--shard", "1/2"],
        vec!["--seed", "1", "--count", "900", "--config", &config],
    ] {
        let out = fuzz(&dir, &other);
        assert_eq!(out.status.code(), Some(CAMPAIGN), "{other:?}: {}", show(&out));
        assert!(String::from_utf8_lossy(&out.stderr).contains("holds another campaign"), "{}", show(&out));
        assert_eq!(
            std::fs::read(dir.join("campaign.json")).unwrap(),
            listed,
            "{other:?} changed campaign.json"
        );
    }

    // Bucket files without a campaign.json: refused too.
    let orphan_dir = tmp.path().join("orphan");
    std::fs::create_dir_all(orphan_dir.join("buckets")).unwrap();
    std::fs::write(orphan_dir.join("buckets/x.yaml"), "program: []\n").unwrap();
    let out = fuzz(&orphan_dir, &["--seed", "1", "--count", "10"]);
    assert_eq!(out.status.code(), Some(CAMPAIGN), "{}", show(&out));
    assert!(orphan_dir.join("buckets/x.yaml").exists());
}

#[test]
fn campaign_files_respect_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("c");
    let out = fuzz(&dir, &["--seed", "1", "--count", "200"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", show(&out));
    let mut files = vec![dir.join("campaign.json"), dir.join("baseline.yaml")];
    files.extend(std::fs::read_dir(dir.join("buckets")).unwrap().flatten().map(|e| e.path()));
    assert!(files.len() > 2, "no bucket files");
    // The test process's umask is the child's (read from /proc as tickdiff does).
    let umask = std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("Umask:").map(|v| u32::from_str_radix(v.trim(), 8).unwrap()))
        .unwrap();
    for f in files {
        let mode = std::fs::metadata(&f).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !umask, "{}: mode {mode:o}", f.display());
    }
}
