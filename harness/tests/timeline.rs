//! The timeline view: in a real headless Chromium (the HTML report of a
//! known bucket, checked by its DOM and by the pixels of the highlight), and
//! from the command line (`repro --html`, `run --html`).

mod common;

use common::{repo_root, show, tickdiff};
use harness::campaign::summary::{BucketSummary, CampaignSummary};
use harness::report::timeline::HIGHLIGHT;
use harness::report::{render, ReportFormat};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Two timers registered 1 ms then 0 ms (so `timers-fifo` swaps them), a
/// reaction returning a thenable, a microtask. By the spec the reference
/// logs a b g d c: task 0 runs the script body (job 0), `a` (job 1), `b`
/// (job 2), the resolve-thenable job (job 3), `g` (job 4); then the 0 ms
/// timer (task 1, `d`) and the 1 ms one (task 2, `c`).
const REPRO: &str = "const th = { then(r) { r(1); } };\n\
    Promise.resolve().then(() => { log('a'); return th; }).then(() => log('g'));\n\
    queueMicrotask(() => log('b'));\n\
    setTimeout(() => log('c'), 1);\n\
    setTimeout(() => log('d'), 0);\n";

const BUCKET: &str = "order-0123456789ab";

/// A report with one bucket of three sides: the reference (with quickjs),
/// the `timers-fifo` mutant, and an engine side known by its log alone
/// (made up: `a` and `b` swapped).
fn report() -> String {
    let t = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let bucket: BucketSummary = serde_json::from_value(serde_json::json!({
        "id": BUCKET,
        "key": "order [reference:timers-fifo vs xs vs reference] user-code",
        "kind": "order",
        "groups": [["quickjs", "reference"], ["reference:timers-fifo"], ["xs"]],
        "count": 1,
        "examples": [7],
        "repro": BUCKET,
        "repro_statements": 5,
        "original_statements": 20,
        "repro_js": REPRO,
        "traces": [t(&["a", "b", "g", "d", "c"]), t(&["a", "b", "g", "c", "d"]), t(&["b", "a", "g", "d", "c"])],
        "first_difference": "event 0: ...",
        "minimize_seconds": 0.1,
        "known": false,
    }))
    .expect("a bucket summary");
    let summary = CampaignSummary {
        tool_version: "0.1.0".into(),
        seed: 1,
        seeds: vec![1],
        backends: t(&["reference", "reference:timers-fifo", "quickjs", "xs"]),
        programs: 10,
        divergent_programs: 1,
        buckets: [(BUCKET.to_string(), bucket)].into_iter().collect(),
        finished: true,
        ..Default::default()
    };
    render(&summary, ReportFormat::Html)
}

fn chromium_on_path() -> bool {
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join("chromium").is_file()))
        .unwrap_or(false)
}

/// The page's DOM as Chromium parsed it.
fn dump_dom(html: &Path, profile: &Path) -> String {
    let out = Command::new("timeout")
        .args(["120", "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"])
        .args(["--disable-background-networking", "--disable-component-update", "--disable-sync"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("runs chromium");
    assert!(out.status.success(), "chromium --dump-dom failed: {}", show(&out));
    String::from_utf8(out.stdout).expect("UTF-8 DOM")
}

/// RGB pixels of a PNG (8-bit RGB or RGBA) and its width.
fn decode_png(path: &Path) -> (Vec<[u8; 3]>, usize) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).expect("PNG")));
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut buf = vec![0; reader.output_buffer_size().expect("a frame size")];
    let info = reader.next_frame(&mut buf).expect("a PNG frame");
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let step = match info.color_type {
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    let pixels = buf[..info.buffer_size()].chunks(step).map(|p| [p[0], p[1], p[2]]).collect();
    (pixels, info.width as usize)
}

/// Regions of 4-connected pixels for which `hit` holds, as bounding boxes
/// (x0, y0, x1, y1) with their pixel counts.
fn regions(
    pixels: &[[u8; 3]],
    width: usize,
    hit: impl Fn([u8; 3]) -> bool,
) -> Vec<((usize, usize, usize, usize), usize)> {
    let mut seen = vec![false; pixels.len()];
    let mut out = Vec::new();
    for start in 0..pixels.len() {
        if seen[start] || !hit(pixels[start]) {
            continue;
        }
        let (mut bb, mut n, mut stack) = ((usize::MAX, usize::MAX, 0, 0), 0, vec![start]);
        seen[start] = true;
        while let Some(i) = stack.pop() {
            let (x, y) = (i % width, i / width);
            bb = (bb.0.min(x), bb.1.min(y), bb.2.max(x), bb.3.max(y));
            n += 1;
            let mut next = vec![];
            if x > 0 {
                next.push(i - 1);
            }
            if x + 1 < width {
                next.push(i + 1);
            }
            if i >= width {
                next.push(i - width);
            }
            if i + width < pixels.len() {
                next.push(i + width);
            }
            for j in next {
                if !seen[j] && hit(pixels[j]) {
                    seen[j] = true;
                    stack.push(j);
                }
            }
        }
        out.push((bb, n));
    }
    out
}

fn rgb(hex: &str) -> [u8; 3] {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap();
    [(v >> 16) as u8, (v >> 8) as u8, v as u8]
}

#[test]
fn the_report_timeline_shows_lanes_boxes_and_the_highlight_in_chromium() {
    if !chromium_on_path() {
        eprintln!("note: chromium is not on PATH; skipping the timeline screenshot test");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let html = tmp.path().join("report.html");
    std::fs::write(&html, report()).unwrap();

    // The DOM: one timeline, three lanes, a box per job, the first difference
    // (event 0: `a` on two sides, `b` on the third) marked once per lane.
    let dom = dump_dom(&html, &tmp.path().join("profile-dom"));
    let id = format!("b-{BUCKET}-tl");
    let start = dom
        .find(&format!("<svg class=\"timeline\" id=\"{id}\""))
        .unwrap_or_else(|| panic!("no timeline in {dom}"));
    let svg = &dom[start..start + dom[start..].find("</svg>").expect("the svg ends")];
    assert_eq!(svg.matches("<g class=\"lane\"").count(), 3, "{svg}");
    let boxes = |lane: usize| svg.matches(&format!("data-lane=\"{lane}\" tabindex=\"0\"")).count();
    // The reference and the mutant: 5 jobs in task 0 and one per timer; the
    // log-only side: a box per event, as its labels match the reference's jobs.
    assert_eq!((boxes(0), boxes(1), boxes(2)), (7, 7, 5), "{svg}");
    assert_eq!(svg.matches("<g class=\"job first\"").count(), 3, "{svg}");
    assert!(svg.contains("▶ #0 log a") && svg.contains("▶ #0 log b"), "{svg}");
    assert!(svg.contains("PromiseResolveThenableJob"), "{svg}");
    assert!(svg.contains("task 2 · timer #1 (due at 1 ms)"), "{svg}");

    // The pixels: one highlighted box per lane, lanes side by side, the two
    // explained lanes' first boxes level (both the script's job 1).
    let png_path = std::env::var_os("TICKDIFF_TIMELINE_SCREENSHOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.path().join("report.png"));
    let script = repo_root().join("ci/render-report-screenshot.sh");
    let out =
        Command::new("bash").arg(&script).arg(&html).arg(&png_path).env("HEIGHT", "3000").output().unwrap();
    assert!(out.status.success(), "screenshot failed: {}", show(&out));
    let (pixels, width) = decode_png(&png_path);
    let highlight = rgb(HIGHLIGHT);
    let mut found: Vec<_> =
        regions(&pixels, width, |p| p == highlight).into_iter().filter(|(_, n)| *n >= 1500).collect();
    found.sort_by_key(|((x0, ..), _)| *x0);
    let xs: Vec<usize> = found.iter().map(|((x0, ..), _)| *x0).collect();
    assert_eq!(found.len(), 3, "highlighted boxes at {found:?}");
    for pair in xs.windows(2) {
        assert!((250..=300).contains(&(pair[1] - pair[0])), "lanes not side by side: {xs:?}");
    }
    let (ya, yb) = ((found[0].0).1, (found[1].0).1);
    assert!(ya.abs_diff(yb) <= 2, "the explained lanes' highlights are not level: {found:?}");
    for ((x0, y0, x1, y1), _) in &found {
        assert!(
            (180..=240).contains(&(x1 - x0)) && (20..=60).contains(&(y1 - y0)),
            "not a job box: {found:?}"
        );
    }
}

/// The page `--html` writes: one file, nothing fetched, the timeline in it.
fn check_page(path: &Path) -> String {
    let html = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    let lower = html.to_lowercase();
    for bad in ["<script", "http://", "https://", "<link", "url(", "src="] {
        assert!(!lower.contains(bad), "not self-contained: {bad:?}");
    }
    assert_eq!(html.matches("<svg class=\"timeline\"").count(), 1);
    html
}

#[test]
fn repro_html_draws_the_timeline_of_a_corpus_case() {
    let tmp = tempfile::tempdir().unwrap();
    let out_path = tmp.path().join("repro.html");
    // A timer whose microtask logs `a`: the mutant runs it, the reference
    // (whose timers keep their delays) never does within the program.
    let case = repo_root().join("corpus/regressions/mutant-timers-fifo.yaml");
    let out = tickdiff()
        .arg("repro")
        .arg(&case)
        .args(["--engines", "reference,reference:timers-fifo", "--html"])
        .arg(&out_path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let html = check_page(&out_path);
    assert_eq!(html.matches("<g class=\"lane\"").count(), 2);
    // The reference logs nothing: its end is the first difference; the
    // mutant's `a` is.
    assert_eq!(html.matches("<g class=\"end first\"").count(), 1, "{html}");
    assert_eq!(html.matches("<g class=\"job first\"").count(), 1, "{html}");
    assert!(html.contains("▶ #0 log a"), "{html}");
}

#[test]
fn run_html_draws_one_timeline_per_program() {
    let tmp = tempfile::tempdir().unwrap();
    let js = tmp.path().join("await.js");
    // Current await: x resumes one job after the script (job 1), before a.
    // Pre-2019 await (3 ticks): a b x c.
    std::fs::write(
        &js,
        "async function f() { await Promise.resolve(); log('x'); }\nf();\n\
         Promise.resolve().then(() => log('a')).then(() => log('b')).then(() => log('c'));\n",
    )
    .unwrap();
    let out_path = tmp.path().join("run.html");
    let out = tickdiff()
        .arg("run")
        .arg(&js)
        .args(["--engines", "reference,reference:await-3tick,quickjs", "--html"])
        .arg(&out_path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let html = check_page(&out_path);
    assert_eq!(html.matches("<g class=\"lane\"").count(), 3);
    assert_eq!(html.matches("<g class=\"job first\"").count(), 3, "{html}");
    assert!(html.contains("▶ #0 log x") && html.contains("▶ #0 log a"), "{html}");
    // QuickJS numbers its jobs: its `x` is its own job 1, matched to the reference's.
    assert!(html.contains("job 1 · ref j1 await resumes"), "{html}");
    // The mutant's own explanation: x resumes in job 5, after two extra jobs.
    assert!(html.contains("job 5 · await resumes"), "{html}");

    // A bad output path is a clear error, exit 4 (I/O).
    let bad = tickdiff()
        .arg("run")
        .arg(&js)
        .args(["--engines", "reference", "--html"])
        .arg(tmp.path().join("no/such/dir/out.html"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(harness::error::exit::IO), "{}", show(&bad));
}
