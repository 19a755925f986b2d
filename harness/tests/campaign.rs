//! Campaigns end to end: the real `tickdiff` binary, run on the reference
//! and its `await-3tick` mutant (fast, and guaranteed to diverge), each
//! campaign in its own temporary directory. What a campaign directory holds,
//! reports rendered from it, baselines, shards merged into the unsharded
//! result, determinism across thread counts, and what a killed or
//! interrupted campaign leaves behind.

mod common;

use common::{show, tickdiff};
use generators::corpus::CorpusCase;
use harness::campaign::summary::CampaignSummary;
use harness::campaign::Baseline;
use harness::fsutil::is_temp_name;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const ENGINES: &str = "reference,reference:await-3tick";
const SEED: &str = "3";

/// `tickdiff fuzz --seed 3 --engines reference,reference:await-3tick --out DIR ARGS...`
fn fuzz(dir: &Path, args: &[&str]) -> Output {
    let out = tickdiff()
        .args(["fuzz", "--seed", SEED, "--engines", ENGINES, "--out"])
        .arg(dir)
        .args(args)
        .output()
        .expect("runs tickdiff fuzz");
    assert!(matches!(out.status.code(), Some(0 | 1)), "fuzz failed (expected exit 0 or 1):\n{}", show(&out));
    out
}

/// `tickdiff report DIRS... --format FORMAT`, to stdout.
fn report(dirs: &[&Path], format: &str) -> String {
    let out = tickdiff().arg("report").args(dirs).args(["--format", format]).output().expect("runs report");
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    String::from_utf8(out.stdout).expect("UTF-8 report")
}

fn report_json(dirs: &[&Path]) -> Value {
    serde_json::from_str(&report(dirs, "json")).expect("the JSON report parses")
}

/// The JSON report without wall-clock figures.
fn without_timings(mut v: Value) -> Value {
    v.as_object_mut().unwrap().remove("elapsed_seconds");
    v.as_object_mut().unwrap().remove("time");
    for b in v["buckets"].as_object_mut().unwrap().values_mut() {
        b.as_object_mut().unwrap().remove("minimize_seconds");
    }
    v
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(program).is_file()))
}

fn bucket_dir(dir: &Path) -> PathBuf {
    dir.join("buckets")
}

/// The files of a directory, by name.
fn names_in(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// Checks that a campaign directory holds only whole, readable files:
/// `campaign.json` (returned), `baseline.yaml`, and per bucket `<id>.yaml`,
/// `<id>.js` and maybe `<id>.test262.js`; every bucket of the summary has
/// its files. `killed`: the campaign was SIGKILLed, which may land between
/// creating a temporary file and renaming it (such files are allowed, and
/// their names returned) or between writing the summary and the baseline.
fn check_campaign_dir(dir: &Path, killed: bool) -> (CampaignSummary, Vec<String>) {
    let mut temps = vec![];
    let summary = CampaignSummary::load(dir).unwrap_or_else(|e| panic!("campaign.json: {e}"));
    let baseline =
        Baseline::load(&dir.join("baseline.yaml")).unwrap_or_else(|e| panic!("baseline.yaml: {e}"));
    // The baseline is written right after the summary, with the same buckets;
    // a SIGKILL in between leaves it one batch behind.
    let summary_ids: BTreeSet<String> = summary.buckets.keys().cloned().collect();
    if killed {
        assert!(baseline.ids().is_subset(&summary_ids), "baseline.yaml has buckets campaign.json lacks");
    } else {
        assert_eq!(baseline.ids(), summary_ids, "baseline.yaml and campaign.json disagree");
    }
    for name in names_in(dir) {
        match name.as_str() {
            "campaign.json" | "baseline.yaml" | "buckets" => {}
            n if killed && is_temp_name(n) => temps.push(n.to_string()),
            n => panic!("unexpected file {n} in {}", dir.display()),
        }
    }
    let buckets = names_in(&bucket_dir(dir));
    let node = on_path("node");
    for name in &buckets {
        let path = bucket_dir(dir).join(name);
        if killed && is_temp_name(name) {
            temps.push(format!("buckets/{name}"));
        } else if let Some(id) = name.strip_suffix(".yaml") {
            let case = CorpusCase::load(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
            let d = case.divergence.unwrap_or_else(|| panic!("{name}: no divergence recorded"));
            assert_eq!(d.bucket, id, "{name}: recorded bucket");
        } else if name.ends_with(".js") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(!text.trim().is_empty(), "{name} is empty");
            if node {
                let out = Command::new("node").arg("--check").arg(&path).output().unwrap();
                assert!(out.status.success(), "{name} is not whole JavaScript:\n{}", show(&out));
            }
        } else {
            panic!("unexpected file buckets/{name}");
        }
    }
    for id in &summary_ids {
        for ext in ["yaml", "js"] {
            assert!(buckets.contains(&format!("{id}.{ext}")), "bucket {id} has no {id}.{ext}");
        }
    }
    (summary, temps)
}

/// The last line `node FILE` prints.
fn node_trace(js: &Path) -> Vec<String> {
    let out = Command::new("node").arg(js).output().expect("runs node");
    assert!(out.status.success(), "node {}:\n{}", js.display(), show(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let last = stdout.lines().last().unwrap_or_else(|| panic!("node {} printed nothing", js.display()));
    serde_json::from_str(last).unwrap_or_else(|e| panic!("node {}: last line {last:?}: {e}", js.display()))
}

#[test]
fn a_campaign_writes_buckets_reports_and_runnable_repros() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("c");
    let out = fuzz(&dir, &["--count", "300", "--jobs", "2"]);
    assert_eq!(out.status.code(), Some(1), "new buckets exit 1:\n{}", show(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("300 programs on reference,reference:await-3tick"), "{stdout}");

    let (summary, _) = check_campaign_dir(&dir, false);
    assert!(summary.finished);
    assert_eq!(summary.programs, 300);
    assert_eq!(summary.seed, 3);
    assert_eq!(summary.backends, ["reference", "reference:await-3tick"]);
    assert!(summary.divergent_programs > 0);
    assert!(!summary.buckets.is_empty(), "the await-3tick mutant must be caught");
    assert!(summary.buckets.values().all(|b| !b.known && b.count >= 1));
    let counted: u64 = summary.buckets.values().map(|b| b.count).sum();
    assert!(counted <= summary.divergent_programs, "{counted} bucket hits > divergent programs");
    for b in summary.buckets.values() {
        assert!(stdout.contains(&b.id), "stdout does not list bucket {}: {stdout}", b.id);
    }

    // Reports in every format, written with --out.
    let mut reports = BTreeMap::new();
    for (format, file) in [("md", "r.md"), ("html", "r.html"), ("json", "r.json"), ("junit", "r.xml")] {
        let path = tmp.path().join(file);
        let out = tickdiff()
            .arg("report")
            .arg(&dir)
            .args(["--format", format, "--out"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "report --format {format}:\n{}", show(&out));
        assert!(out.stdout.is_empty(), "report --out printed to stdout");
        reports.insert(format, std::fs::read_to_string(&path).unwrap());
    }
    assert!(reports["md"].starts_with("# tickdiff conformance report"));
    assert!(reports["html"].starts_with("<!DOCTYPE html>"));
    assert!(reports["html"].trim_end().ends_with("</html>"));
    for id in summary.buckets.keys() {
        assert!(reports["md"].contains(&format!("### {id}")), "md has no section for {id}");
        assert!(reports["html"].contains(id.as_str()), "html does not mention {id}");
    }
    let json: Value = serde_json::from_str(&reports["json"]).expect("JSON report parses");
    assert_eq!(json["programs"], 300);
    assert_eq!(json["report"]["new_buckets"], summary.buckets.len());
    let back: CampaignSummary = serde_json::from_str(&reports["json"]).unwrap();
    assert_eq!(back, summary, "the JSON report carries the summary unchanged");

    let root = xml::parse(&reports["junit"]).unwrap_or_else(|e| panic!("JUnit not well-formed: {e}"));
    assert_eq!(root.name, "testsuites");
    let cases: Vec<&xml::Element> = root
        .children
        .iter()
        .filter(|s| s.name == "testsuite")
        .flat_map(|s| s.children.iter().filter(|c| c.name == "testcase"))
        .collect();
    let case_names: Vec<&str> = cases.iter().map(|c| c.attr("name").unwrap()).collect();
    let ids: Vec<&str> = summary.buckets.keys().map(String::as_str).collect();
    let mut sorted_names = case_names.clone();
    sorted_names.sort();
    assert_eq!(sorted_names, ids, "exactly one test case per bucket");
    assert!(cases.iter().all(|c| c.children.iter().any(|f| f.name == "failure")), "new buckets fail");

    // Every repro loads, still diverges, and runs standalone in node.
    let node = on_path("node");
    if !node {
        eprintln!("note: node is not on PATH; not running the standalone repros");
    }
    for (id, bucket) in &summary.buckets {
        let yaml = bucket_dir(&dir).join(format!("{id}.yaml"));
        let case = CorpusCase::load(&yaml).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(case.seed, Some(3));
        assert!(case.index.is_some_and(|i| i < 300), "{id}: index {:?}", case.index);
        let reference = &case.results["reference"];
        assert_eq!(reference.status, "ok");
        assert_ne!(case.results["reference:await-3tick"].trace, reference.trace, "{id}: no divergence");
        assert!(bucket.traces.contains(&reference.trace), "{id}: summary and YAML traces differ");

        let out = tickdiff().arg("repro").arg(&yaml).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "repro {id} must still diverge:\n{}", show(&out));
        assert!(String::from_utf8_lossy(&out.stdout).contains("DIVERGE"), "{}", show(&out));

        if node {
            let js = bucket_dir(&dir).join(format!("{id}.js"));
            assert_eq!(node_trace(&js), reference.trace, "node {id}.js vs the reference trace in {id}.yaml");
        }
    }
}

#[test]
fn a_baseline_of_the_buckets_found_makes_the_same_campaign_pass() {
    let tmp = tempfile::tempdir().unwrap();
    let (first, again, partial) =
        (tmp.path().join("first"), tmp.path().join("again"), tmp.path().join("partial"));
    let args = ["--count", "300", "--jobs", "2"];
    assert_eq!(fuzz(&first, &args).status.code(), Some(1));
    let baseline_path = first.join("baseline.yaml");

    let mut with_baseline = args.to_vec();
    with_baseline.extend(["--baseline", baseline_path.to_str().unwrap()]);
    let out = fuzz(&again, &with_baseline);
    assert_eq!(out.status.code(), Some(0), "all buckets known: exit 0\n{}", show(&out));
    let (a, _) = check_campaign_dir(&first, false);
    let (b, _) = check_campaign_dir(&again, false);
    assert_eq!(a.buckets.keys().collect::<Vec<_>>(), b.buckets.keys().collect::<Vec<_>>());
    assert!(b.buckets.values().all(|b| b.known));
    let json = report_json(&[&again]);
    assert_eq!(json["report"]["new_buckets"], 0);
    assert_eq!(json["report"]["known_buckets"], b.buckets.len());
    let junit = xml::parse(&report(&[&again], "junit")).unwrap();
    assert_eq!(junit.attr("failures"), Some("0"), "known buckets pass in JUnit");

    // Drop one bucket from the baseline: exactly that one is new, exit 1.
    let mut baseline = Baseline::load(&baseline_path).unwrap();
    let dropped = baseline.buckets.remove(0).id;
    let partial_path = tmp.path().join("partial-baseline.yaml");
    std::fs::write(&partial_path, serde_yaml::to_string(&baseline).unwrap()).unwrap();
    let mut with_partial = args.to_vec();
    with_partial.extend(["--baseline", partial_path.to_str().unwrap()]);
    let out = fuzz(&partial, &with_partial);
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let (p, _) = check_campaign_dir(&partial, false);
    let new: Vec<&String> = p.new_buckets().map(|b| &b.id).collect();
    assert_eq!(new, [&dropped]);
}

#[test]
fn merged_shards_equal_the_unsharded_campaign() {
    let tmp = tempfile::tempdir().unwrap();
    let (whole, s1, s2) = (tmp.path().join("whole"), tmp.path().join("s1"), tmp.path().join("s2"));
    fuzz(&whole, &["--count", "300", "--jobs", "2"]);
    fuzz(&s1, &["--count", "150", "--jobs", "2", "--shard", "1/2"]);
    fuzz(&s2, &["--count", "150", "--jobs", "2", "--shard", "2/2"]);
    let (one, _) = check_campaign_dir(&s1, false);
    let (two, _) = check_campaign_dir(&s2, false);
    assert_eq!((one.shard.as_deref(), one.programs), (Some("1/2"), 150));
    assert_eq!((two.shard.as_deref(), two.programs), (Some("2/2"), 150));

    let merged = report_json(&[&s1, &s2]);
    let unsharded = report_json(&[&whole]);
    assert_eq!(merged["shard"], Value::Null, "merged shards are no shard");
    for field in [
        "tool_version",
        "generator_version",
        "seed",
        "backends",
        "versions",
        "programs",
        "index_offset",
        "index_stride",
        "divergent_programs",
        "flaky_divergences",
        "statuses",
        "agree_with_reference",
        "categories",
        "finished",
    ] {
        assert_eq!(merged[field], unsharded[field], "field {field}");
    }
    for field in ["engines", "categories", "divergent_rate", "new_buckets", "known_buckets", "bucket_order"] {
        assert_eq!(merged["report"][field], unsharded["report"][field], "report.{field}");
    }
    let counts = |v: &Value| -> BTreeMap<String, u64> {
        v["buckets"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(id, b)| (id.clone(), b["count"].as_u64().unwrap()))
            .collect()
    };
    assert_eq!(counts(&merged), counts(&unsharded), "bucket ids and counts");
    assert!(!counts(&merged).is_empty());
    // Shard order does not matter.
    let reversed = report_json(&[&s2, &s1]);
    assert_eq!(counts(&reversed), counts(&merged));
    assert_eq!(reversed["categories"], merged["categories"]);
    assert_eq!(reversed["index_stride"], 1);
}

#[test]
fn thread_count_does_not_change_the_results() {
    let tmp = tempfile::tempdir().unwrap();
    let (j1, j2) = (tmp.path().join("j1"), tmp.path().join("j2"));
    let a = fuzz(&j1, &["--count", "300", "--jobs", "1"]);
    let b = fuzz(&j2, &["--count", "300", "--jobs", "2"]);
    assert_eq!(a.status.code(), b.status.code());
    let (ra, rb) = (without_timings(report_json(&[&j1])), without_timings(report_json(&[&j2])));
    assert_eq!(ra, rb, "report JSON differs between --jobs 1 and --jobs 2");
    // The repro files are byte-identical too.
    let files = names_in(&bucket_dir(&j1));
    assert_eq!(files, names_in(&bucket_dir(&j2)));
    for f in &files {
        let (x, y) = (
            std::fs::read(bucket_dir(&j1).join(f)).unwrap(),
            std::fs::read(bucket_dir(&j2).join(f)).unwrap(),
        );
        assert!(x == y, "buckets/{f} differs between --jobs 1 and --jobs 2");
    }
}

/// Starts a long campaign in `tmp/c`; its output goes to `tmp/log`.
fn start_long_campaign(tmp: &Path) -> (Child, PathBuf) {
    start_campaign(tmp, ENGINES, 100_000)
}

/// `tickdiff fuzz` on `engines` into `tmp/c`, in the background, its
/// output in `tmp/log`.
fn start_campaign(tmp: &Path, engines: &str, count: u64) -> (Child, PathBuf) {
    let dir = tmp.join("c");
    let log = std::fs::File::create(tmp.join("log")).unwrap();
    let count = count.to_string();
    let child = tickdiff()
        .args(["fuzz", "--seed", SEED, "--engines", engines, "--count", &count, "--jobs", "2", "--out"])
        .arg(&dir)
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .expect("starts tickdiff fuzz");
    (child, dir)
}

/// Waits until `campaign.json` lists a bucket; every version of it seen on
/// the way must parse (it is only ever replaced whole).
fn wait_for_a_bucket(child: &mut Child, dir: &Path, tmp: &Path) {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("campaign ended early ({status}):\n{}", std::fs::read_to_string(tmp.join("log")).unwrap());
        }
        if dir.join("campaign.json").exists() {
            let s = CampaignSummary::load(dir).unwrap_or_else(|e| panic!("a torn campaign.json: {e}"));
            if !s.buckets.is_empty() {
                assert!(!s.finished);
                return;
            }
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("no bucket after 120 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_killed_campaign_leaves_only_whole_files() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut child, dir) = start_long_campaign(tmp.path());
    wait_for_a_bucket(&mut child, &dir, tmp.path());
    // Let it get into the middle of the next batches, then SIGKILL.
    std::thread::sleep(Duration::from_millis(700));
    common::send_signal(&child, libc::SIGKILL);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), None, "killed by a signal, not exited: {status}");

    let (summary, temps) = check_campaign_dir(&dir, true);
    assert!(!summary.finished, "a killed campaign is not finished");
    assert!(!summary.buckets.is_empty());
    assert!(summary.programs > 0 && summary.programs < 100_000);
    for (backend, st) in &summary.statuses {
        assert_eq!(st.values().sum::<u64>(), summary.programs, "{backend}: statuses do not add up");
    }
    if !temps.is_empty() {
        eprintln!("note: the kill left tempfile's temporary files behind: {temps:?}");
    }
    // The report still renders from what is there.
    assert!(report(&[&dir], "md").contains("| finished | no (running or killed) |"));
}

#[test]
fn sigint_stops_a_campaign_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut child, dir) = start_long_campaign(tmp.path());
    wait_for_a_bucket(&mut child, &dir, tmp.path());
    let sent = Instant::now();
    common::send_signal(&child, libc::SIGINT);
    let Some(status) = common::wait_for_exit(&mut child, Duration::from_secs(15)) else {
        let _ = child.kill();
        panic!("still running 15 s after SIGINT");
    };
    eprintln!("stopped {:.2} s after SIGINT", sent.elapsed().as_secs_f64());
    let log = std::fs::read_to_string(tmp.path().join("log")).unwrap();
    // A clean exit: new buckets were found, so 1 (not a signal, not 130).
    assert_eq!(status.code(), Some(1), "{status}\n{log}");

    let (summary, temps) = check_campaign_dir(&dir, false);
    assert!(temps.is_empty());
    assert!(!summary.finished && summary.interrupted, "an interrupted campaign says so");
    assert!(report(&[&dir], "md").contains("| finished | no (interrupted) |"));
    assert!(summary.programs < 100_000);
    assert!(log.contains(&format!("{} programs on", summary.programs)), "{log}");
    for (backend, st) in &summary.statuses {
        assert_eq!(st.values().sum::<u64>(), summary.programs, "{backend}: statuses do not add up");
    }
}

#[test]
fn a_stopped_campaign_resumes_to_the_results_of_one_that_never_stopped() {
    // Stopped as soon as its first bucket is on disk (a campaign too long to
    // end first, however fast the machine), usually with other divergences
    // still waiting for their minimization; then resumed to a count a little
    // past where it stopped, and compared with one run to that count at once.
    let tmp = tempfile::tempdir().unwrap();
    let (mut child, dir) = start_long_campaign(tmp.path());
    wait_for_a_bucket(&mut child, &dir, tmp.path());
    common::send_signal(&child, libc::SIGINT);
    let Some(_) = common::wait_for_exit(&mut child, Duration::from_secs(30)) else {
        let _ = child.kill();
        panic!("still running 30 s after SIGINT");
    };
    let stopped = CampaignSummary::load(&dir).unwrap();
    assert!(stopped.interrupted && stopped.programs < 100_000, "it says it was stopped");
    if stopped.triage.unsettled.is_empty() {
        eprintln!("note: nothing was left to minimize when it stopped");
    }
    let count = (stopped.programs + 300).to_string();
    fuzz(&dir, &["--count", &count, "--jobs", "2"]);
    let whole = tmp.path().join("whole");
    fuzz(&whole, &["--count", &count, "--jobs", "2"]);
    let resumed = CampaignSummary::load(&dir).unwrap();
    assert!(resumed.finished && resumed.triage.unsettled.is_empty());
    assert_eq!(without_timings(report_json(&[&dir])), without_timings(report_json(&[&whole])));
}

#[test]
fn repeats_of_a_known_bucket_are_counted_without_minimizing() {
    let tmp = tempfile::tempdir().unwrap();
    let first = tmp.path().join("first");
    fuzz(&first, &["--count", "300"]);
    let found = CampaignSummary::load(&first).unwrap();
    assert!(!found.buckets.is_empty() && found.time.minimizations as usize == found.triage.keys.len());
    let second = tmp.path().join("second");
    let baseline = first.join("baseline.yaml");
    let out = fuzz(&second, &["--count", "300", "--baseline", baseline.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "nothing new: {}", show(&out));
    let again = CampaignSummary::load(&second).unwrap();
    assert_eq!(again.time.minimizations, 0, "known buckets are not minimized");
    assert_eq!(again.divergent_programs, found.divergent_programs);
    for (id, b) in &found.buckets {
        let known = &again.buckets[id];
        assert_eq!((known.count, known.recognized), (b.count, b.count), "{id}: every repeat recognized");
        assert!(!known.repro_minimized, "{id}: its repro is a program as generated");
        assert_eq!(known.repro_statements, known.original_statements);
    }
}

/// A small XML 1.0 well-formedness checker that builds the element tree:
/// elements, attributes, character data, the predefined entities,
/// character references, CDATA, comments and the XML declaration.
mod xml {
    pub struct Element {
        pub name: String,
        pub attrs: Vec<(String, String)>,
        pub children: Vec<Element>,
    }

    impl Element {
        pub fn attr(&self, name: &str) -> Option<&str> {
            self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
        }
    }

    fn valid_char(c: char) -> bool {
        matches!(c, '\u{9}' | '\u{a}' | '\u{d}' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
    }

    struct P<'a> {
        s: &'a str,
        i: usize,
    }

    impl P<'_> {
        fn rest(&self) -> &str {
            &self.s[self.i..]
        }
        fn eat(&mut self, t: &str) -> bool {
            let found = self.rest().starts_with(t);
            if found {
                self.i += t.len();
            }
            found
        }
        fn err<T>(&self, what: &str) -> Result<T, String> {
            let rest = self.rest();
            let end = rest.char_indices().nth(40).map(|(i, _)| i).unwrap_or(rest.len());
            Err(format!("{what} at byte {}: {:?}", self.i, &rest[..end]))
        }
        fn ws(&mut self) -> bool {
            let start = self.i;
            while self.rest().starts_with([' ', '\t', '\n', '\r']) {
                self.i += 1;
            }
            self.i > start
        }
        fn skip_past(&mut self, end: &str, what: &str) -> Result<(), String> {
            match self.rest().find(end) {
                Some(at) => {
                    self.i += at + end.len();
                    Ok(())
                }
                None => self.err(&format!("unterminated {what}")),
            }
        }
        fn name(&mut self) -> Result<String, String> {
            let n: String =
                self.rest().chars().take_while(|&c| c.is_alphanumeric() || "_:-.".contains(c)).collect();
            if !n.starts_with(|c: char| c.is_alphabetic() || c == '_' || c == ':') {
                return self.err("expected a name");
            }
            self.i += n.len();
            Ok(n)
        }
        /// After `&`: an entity or character reference.
        fn reference(&mut self) -> Result<char, String> {
            let Some(end) = self.rest().find(';') else { return self.err("unterminated reference") };
            let r = &self.rest()[..end];
            let c = match r {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => match r.strip_prefix("#x") {
                    Some(hex) => u32::from_str_radix(hex, 16).ok().and_then(char::from_u32),
                    None => r.strip_prefix('#').and_then(|d| d.parse().ok()).and_then(char::from_u32),
                },
            };
            match c {
                Some(c) if valid_char(c) => {
                    self.i += end + 1;
                    Ok(c)
                }
                _ => self.err(&format!("bad reference &{r};")),
            }
        }
        /// One character of text or attribute value (references resolved).
        fn char_data(&mut self) -> Result<char, String> {
            let Some(c) = self.rest().chars().next() else { return self.err("unexpected end") };
            self.i += c.len_utf8();
            match c {
                '&' => self.reference(),
                c if !valid_char(c) => self.err(&format!("character {c:?} XML 1.0 forbids")),
                c => Ok(c),
            }
        }
        fn misc(&mut self) -> Result<(), String> {
            loop {
                self.ws();
                if !self.eat("<!--") {
                    return Ok(());
                }
                self.skip_past("-->", "comment")?;
            }
        }
        fn element(&mut self) -> Result<Element, String> {
            if !self.eat("<") {
                return self.err("expected '<'");
            }
            let mut el = Element { name: self.name()?, attrs: vec![], children: vec![] };
            loop {
                let spaced = self.ws();
                if self.eat("/>") {
                    return Ok(el);
                }
                if self.eat(">") {
                    break;
                }
                if !spaced {
                    return self.err("expected whitespace before an attribute");
                }
                let key = self.name()?;
                self.ws();
                if !self.eat("=") {
                    return self.err("expected '='");
                }
                self.ws();
                let quote = match self.rest().chars().next() {
                    Some(q @ ('"' | '\'')) => q,
                    _ => return self.err("expected a quoted value"),
                };
                self.i += 1;
                let mut value = String::new();
                while !self.eat(&quote.to_string()) {
                    if self.rest().starts_with('<') {
                        return self.err("'<' in an attribute value");
                    }
                    value.push(self.char_data()?);
                }
                if el.attrs.iter().any(|(k, _)| *k == key) {
                    return self.err(&format!("duplicate attribute {key}"));
                }
                el.attrs.push((key, value));
            }
            loop {
                if self.eat("</") {
                    let name = self.name()?;
                    self.ws();
                    if name != el.name || !self.eat(">") {
                        return self.err(&format!("bad end tag for <{}>", el.name));
                    }
                    return Ok(el);
                } else if self.eat("<!--") {
                    self.skip_past("-->", "comment")?;
                } else if self.eat("<![CDATA[") {
                    self.skip_past("]]>", "CDATA section")?;
                } else if self.rest().starts_with('<') {
                    el.children.push(self.element()?);
                } else if self.rest().starts_with("]]>") {
                    return self.err("']]>' in character data");
                } else {
                    self.char_data()?;
                }
            }
        }
    }

    pub fn parse(s: &str) -> Result<Element, String> {
        let mut p = P { s, i: 0 };
        if p.eat("<?xml") {
            p.skip_past("?>", "XML declaration")?;
        }
        p.misc()?;
        let root = p.element()?;
        p.misc()?;
        if !p.rest().is_empty() {
            return p.err("content after the root element");
        }
        Ok(root)
    }

    #[test]
    fn the_checker_rejects_what_it_should() {
        for bad in [
            "<a><b></a>",
            "<a x=\"1\" x=\"2\"/>",
            "<a>&nbsp;</a>",
            "<a>\u{1}</a>",
            "<a x=\"<\"/>",
            "<a/><b/>",
            "<a>x & y</a>",
            "<a>&#0;</a>",
            "<a x=\"1\"y=\"2\"/>",
            "<a>",
        ] {
            assert!(parse(bad).is_err(), "accepted {bad:?}");
        }
        let ok = parse("<?xml version=\"1.0\"?>\n<!-- c -->\n<a k='v&amp;'>t&lt;<b/><![CDATA[<x>]]>u</a>\n")
            .unwrap();
        assert_eq!(ok.attr("k"), Some("v&"));
        assert_eq!(ok.children.len(), 1);
    }
}

/// The pids of `parent`'s child processes (from every thread's list).
fn children_of(parent: u32) -> Vec<libc::pid_t> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{parent}/task")) else { return vec![] };
    tasks
        .flatten()
        .filter_map(|task| std::fs::read_to_string(task.path().join("children")).ok())
        .flat_map(|list| list.split_whitespace().filter_map(|p| p.parse().ok()).collect::<Vec<_>>())
        .collect()
}

#[test]
fn a_campaign_outlives_its_engine_workers_being_killed() {
    // The kernel's OOM killer may kill a Boa worker at any moment, also
    // while the campaign is writing it requests: that is a status of the
    // program it was running, never a campaign killed by SIGPIPE (the
    // binary's default action for it) nor one stopped by a minimizer that
    // cannot reproduce such a divergence.
    let tmp = tempfile::tempdir().unwrap();
    let (mut child, dir) = start_campaign(tmp.path(), "reference,boa", 3000);
    let started = Instant::now();
    let mut kills = 0;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(240), "still running after 240 s");
        for pid in children_of(child.id()) {
            // SAFETY: kill(2); at worst the pid is already gone.
            if unsafe { libc::kill(pid, libc::SIGKILL) } == 0 {
                kills += 1;
            }
        }
        std::thread::sleep(Duration::from_millis(3));
    };
    let log = std::fs::read_to_string(tmp.path().join("log")).unwrap();
    assert!(matches!(status.code(), Some(0 | 1)), "{status} after {kills} kills:\n{log}");
    assert!(kills >= 20, "only {kills} workers killed: the test proves nothing");
    let (summary, _) = check_campaign_dir(&dir, false);
    assert!(summary.finished);
    assert_eq!(summary.programs, 3000);
    for (backend, st) in &summary.statuses {
        assert_eq!(st.values().sum::<u64>(), summary.programs, "{backend}: statuses do not add up");
    }
}
