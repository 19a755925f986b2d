//! The conformance report: a hand-built summary (two engines and the
//! reference, three buckets, one of them known) rendered in every format.

use harness::campaign::summary::{BucketSummary, CampaignSummary, CategoryStats, CAMPAIGN_FILE};
use harness::report::{first_divergent_event, load_and_merge, render, sorted_buckets, ReportFormat};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A label that must be escaped everywhere.
const NASTY: &str = "<b>&'\"";

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

fn map(v: &[(&str, u64)]) -> BTreeMap<String, u64> {
    v.iter().map(|(k, n)| (k.to_string(), *n)).collect()
}

fn bucket(
    id: &str,
    kind: &str,
    groups: Vec<Vec<String>>,
    traces: Vec<Vec<String>>,
    count: u64,
    known: bool,
) -> BucketSummary {
    // From JSON, as a campaign writes it: fields added later take their defaults.
    let key = format!(
        "{kind} [{}] await-resume<script",
        groups.iter().map(|g| g.join(",")).collect::<Vec<_>>().join(" vs ")
    );
    serde_json::from_value(serde_json::json!({
        "id": id,
        "key": key,
        "kind": kind,
        "groups": groups,
        "count": count,
        "examples": [3, 17],
        "repro": id,
        "repro_statements": 4,
        "original_statements": 31,
        "repro_js": "",
        "traces": traces,
        "first_difference": "",
        "minimize_seconds": 0.8,
        "known": known,
    }))
    .expect("a bucket summary")
}

fn summary() -> CampaignSummary {
    let mut buckets = BTreeMap::new();
    let mut order = bucket(
        "order-3f9c2a1b7d40",
        "order",
        vec![s(&["quickjs"]), s(&["reference", "boa"])],
        vec![s(&["start", NASTY, "c", "b"]), s(&["start", NASTY, "b", "c"])],
        7,
        false,
    );
    order.repro_js = format!(
        "log(\"start\");\nlog({:?});\nconst t = {{ then(r) {{ r(1); }} }};\n(async () => {{ await t; log(\"b\"); }})();\nPromise.resolve().then(() => log(\"c\"));\nif (1 < 2 && `x` !== '</script>') {{}}\n",
        NASTY
    );
    order.first_difference =
        format!("event 2: quickjs logged 'c' at task 0 job 3, reference, boa logged 'b' ({NASTY})");
    buckets.insert(order.id.clone(), order);

    let mut status = bucket(
        "status-00aa11bb22cc",
        "status(timeout)",
        vec![s(&["reference", "quickjs"]), s(&["boa"])],
        vec![s(&["a", "b"]), s(&["a"])],
        2,
        false,
    );
    status.repro_js = "log(\"a\");\nsetTimeout(() => log(\"b\"), 0);\n".into();
    status.first_difference = "event 1: boa timed out before logging 'b'".into();
    buckets.insert(status.id.clone(), status);

    let mut events = bucket(
        "events-777777777777",
        "events",
        vec![s(&["reference", "quickjs"]), s(&["boa"])],
        vec![s(&["x", "!uncaught"]), s(&["x", "y"])],
        40,
        true,
    );
    events.repro_js = "log(\"x\");\nqueueMicrotask(() => { throw 1; });\n".into();
    events.first_difference = "event 1: reference, quickjs recorded '!uncaught', boa logged 'y'".into();
    buckets.insert(events.id.clone(), events);

    let mut categories = BTreeMap::new();
    categories.insert(
        "await".to_string(),
        CategoryStats {
            programs: 600,
            agree_with_reference: map(&[("quickjs", 590), ("boa", 597)]),
            divergent_programs: 12,
        },
    );
    categories.insert(
        "thenables".to_string(),
        CategoryStats {
            programs: 300,
            agree_with_reference: map(&[("quickjs", 291), ("boa", 300)]),
            divergent_programs: 9,
        },
    );

    CampaignSummary {
        tool_version: "0.1.0".into(),
        generator_version: 3,
        seed: 42,
        seeds: vec![42],
        shard: Some("1/2".into()),
        backends: s(&["reference", "quickjs", "boa"]),
        versions: [
            ("reference", "tickdiff reference (ECMA-262 2025)"),
            ("quickjs", "QuickJS-ng 0.10.1 (rquickjs 0.14)"),
            ("boa", NASTY),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect(),
        programs: 1000,
        flaky_divergences: 0,
        index_offset: 0,
        index_stride: 2,
        divergent_programs: 49,
        statuses: [
            ("reference".to_string(), map(&[("ok", 1000)])),
            ("quickjs".to_string(), map(&[("ok", 998), ("parse-error", 2)])),
            ("boa".to_string(), map(&[("ok", 995), ("timeout", 5)])),
        ]
        .into_iter()
        .collect(),
        agree_with_reference: map(&[("quickjs", 973), ("boa", 990)]),
        categories,
        buckets,
        elapsed_seconds: 125.0,
        finished: true,
        interrupted: false,
        generator_config: None,
        ..Default::default()
    }
}

#[test]
fn markdown_has_the_tables_and_the_repro() {
    let md = render(&summary(), ReportFormat::Md);
    assert!(md.starts_with("# tickdiff conformance report"), "{md}");
    // Header ties results to what ran.
    for needle in [
        "0.1.0",
        "| seed | 42 |",
        "| shard | 1/2 |",
        "QuickJS-ng 0.10.1",
        "| programs run | 1000 |",
        "49 (4.9%)",
        "2m 05s",
    ] {
        assert!(md.contains(needle), "missing {needle:?}:\n{md}");
    }
    // Engine table: rates with one decimal and status counts.
    assert!(
        md.contains("| engine | programs | agreement with reference | ok | timeout | stack-overflow |"),
        "{md}"
    );
    assert!(md.contains("| `quickjs` | 1000 | 97.3% (973) | 998 | 0 | 0 | 0 | 0 | 2 | 0 | 0 |"), "{md}");
    assert!(md.contains("| `boa` | 1000 | 99.0% (990) | 995 | 5 |"), "{md}");
    // Category table, one column per engine (reference excluded).
    assert!(md.contains("| category | programs | divergent | `quickjs` | `boa` |"), "{md}");
    assert!(md.contains("| await | 600 | 12 | 98.3% | 99.5% |"), "{md}");
    assert!(md.contains("| thenables | 300 | 9 | 97.0% | 100.0% |"), "{md}");
    // Repro fenced as js, traces side by side with the first difference marked.
    assert!(md.contains("```js\nlog(\"start\");\n"), "{md}");
    assert!(md.contains("| # | quickjs | reference, boa |"), "{md}");
    assert!(md.contains("| **➜ 2** | **`c`** | **`b`** |"), "{md}");
    // The HTML-looking label is not interpreted as HTML.
    assert!(!md.contains("<b>&'\" ") && !md.contains("| <b>"), "{md}");
    assert!(md.contains("&lt;b&gt;&amp;'\"") || md.contains("`<b>&'\"`"), "{md}");
    // New buckets first, then by count.
    let pos = |id: &str| md.find(&format!("### {id}")).unwrap_or_else(|| panic!("no section for {id}"));
    assert!(pos("order-3f9c2a1b7d40") < pos("status-00aa11bb22cc"));
    assert!(pos("status-00aa11bb22cc") < pos("events-777777777777"));
}

/// `TICKDIFF_REPORT_DUMP=DIR` writes the sample in every format there, to look at.
#[test]
fn dump_samples_on_request() {
    let Some(dir) = std::env::var_os("TICKDIFF_REPORT_DUMP") else { return };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let sum = summary();
    for (format, ext) in [
        (ReportFormat::Md, "md"),
        (ReportFormat::Html, "html"),
        (ReportFormat::Json, "json"),
        (ReportFormat::Junit, "xml"),
    ] {
        std::fs::write(dir.join(format!("report.{ext}")), render(&sum, format)).unwrap();
    }
}

#[test]
fn bucket_order_and_first_difference() {
    let sum = summary();
    let ids: Vec<&str> = sorted_buckets(&sum).iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, ["order-3f9c2a1b7d40", "status-00aa11bb22cc", "events-777777777777"]);
    let idx: Vec<Option<usize>> =
        sorted_buckets(&sum).iter().map(|b| first_divergent_event(&b.traces)).collect();
    assert_eq!(idx, [Some(2), Some(1), Some(1)]);
}

#[test]
fn html_is_self_contained_escaped_and_marks_the_divergent_row() {
    let html = render(&summary(), ReportFormat::Html);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));
    let lower = html.to_lowercase();
    for bad in ["http://", "https://", "<script", "<link", "@import", "url(", "<img", "<iframe", "src="] {
        assert!(!lower.contains(bad), "HTML is not self-contained: contains {bad:?}");
    }
    // The nasty label (a trace event and a version string) is escaped, never raw.
    assert!(!html.contains(NASTY), "unescaped label");
    assert!(!html.contains("<b>&"), "unescaped label");
    assert!(html.contains("&lt;b&gt;&amp;&#39;&quot;"), "escaped label missing");
    // The repro's `</script>` and `<` are escaped too.
    assert!(html.contains("1 &lt; 2 &amp;&amp;"));
    assert!(html.contains("&lt;/script&gt;"));
    // One trace table per bucket, the first differing row marked.
    assert_eq!(html.matches("<table class=\"trace\">").count(), 3);
    assert_eq!(html.matches("<tr class=\"diverge\">").count(), 3);
    let table = &html[html.find("<table class=\"trace\">").unwrap()..];
    let row = &table[table.find("<tr class=\"diverge\">").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(
        row.contains("&#9654;") && row.contains("<code>c</code>") && row.contains("<code>b</code>"),
        "{row}"
    );
    // Rates and versions.
    assert!(html.contains("97.3%") && html.contains("99.0%") && html.contains("98.3%"));
    assert!(html.contains("QuickJS-ng 0.10.1"));
    // Balanced structure (a cheap sanity check).
    for tag in ["table", "tr", "section", "pre", "code", "dl", "div"] {
        let opens = html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        let closes = html.matches(&format!("</{tag}>")).count();
        assert_eq!(opens, closes, "unbalanced <{tag}>");
    }
}

#[test]
fn json_parses_and_carries_the_rates() {
    let sum = summary();
    let text = render(&sum, ReportFormat::Json);
    let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(v["programs"], 1000);
    assert_eq!(v["seed"], 42);
    let engines = v["report"]["engines"].as_array().unwrap();
    assert_eq!(engines.len(), 2);
    assert_eq!(engines[0]["name"], "quickjs");
    assert_eq!(engines[0]["agreement_percent"], 97.3);
    assert_eq!(engines[0]["agreement_rate"], 0.973);
    assert_eq!(engines[1]["name"], "boa");
    assert_eq!(engines[1]["agreement_percent"], 99.0);
    assert_eq!(v["report"]["categories"]["await"]["agreement_percent"]["quickjs"], 98.3);
    assert_eq!(v["report"]["categories"]["thenables"]["agreement_percent"]["boa"], 100.0);
    assert_eq!(v["report"]["new_buckets"], 2);
    assert_eq!(v["report"]["known_buckets"], 1);
    assert_eq!(v["report"]["bucket_order"][0], "order-3f9c2a1b7d40");
    assert_eq!(v["report"]["first_divergent_event"]["order-3f9c2a1b7d40"], 2);
    // The summary itself is there, whole: the report reads back as one.
    let back: CampaignSummary = serde_json::from_str(&text).expect("reads back as a summary");
    assert_eq!(back, sum);
}

#[test]
fn junit_is_well_formed_with_one_case_per_bucket_and_failures_for_new_ones() {
    let mut sum = summary();
    // Characters XML 1.0 forbids must not reach the output.
    sum.buckets.get_mut("order-3f9c2a1b7d40").unwrap().traces[0].push("bell\u{7}nul\u{0}".into());
    let xml = render(&sum, ReportFormat::Junit);
    let root = xml::parse(&xml).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{xml}"));
    assert_eq!(root.name, "testsuites");
    let suites: Vec<&xml::Element> = root.children.iter().filter(|c| c.name == "testsuite").collect();
    assert_eq!(suites.len(), 1);
    let suite = suites[0];
    assert_eq!(suite.attr("name"), Some("tickdiff"));
    assert_eq!(suite.attr("tests"), Some("3"));
    assert_eq!(suite.attr("failures"), Some("2"));
    let cases: Vec<&xml::Element> = suite.children.iter().filter(|c| c.name == "testcase").collect();
    assert_eq!(cases.len(), 3, "one test case per bucket");
    for case in &cases {
        let id = case.attr("name").unwrap();
        let b = &sum.buckets[id];
        assert_eq!(case.attr("classname").unwrap(), format!("tickdiff.{}", b.kind));
        let failure = case.children.iter().find(|c| c.name == "failure");
        if b.known {
            assert!(failure.is_none(), "known bucket {id} must pass");
        } else {
            let f = failure.unwrap_or_else(|| panic!("new bucket {id} must fail"));
            assert!(f.attr("message").unwrap().contains(&b.first_difference), "{:?}", f.attr("message"));
            assert!(f.text.contains(&b.repro_js), "repro missing from failure body of {id}");
            assert!(f.text.contains(">>"), "first difference not marked in {id}");
        }
    }
    // The nasty label survives escaping and parsing intact.
    let order = cases.iter().find(|c| c.attr("name") == Some("order-3f9c2a1b7d40")).unwrap();
    let body = &order.children.iter().find(|c| c.name == "failure").unwrap().text;
    assert!(body.contains(NASTY), "{body}");
    assert!(body.contains("bell\\u{7}nul\\u{0}"), "{body}");

    // No buckets: one passing case so CI shows something.
    let mut empty = summary();
    empty.buckets.clear();
    let root = xml::parse(&render(&empty, ReportFormat::Junit)).unwrap();
    let suite = &root.children[0];
    assert_eq!(suite.attr("failures"), Some("0"));
    let cases: Vec<&xml::Element> = suite.children.iter().filter(|c| c.name == "testcase").collect();
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].attr("name"), Some("no divergences"));
    assert!(cases[0].children.is_empty());
}

fn write_campaign(dir: &Path, sum: &CampaignSummary) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(CAMPAIGN_FILE), serde_json::to_string_pretty(sum).unwrap()).unwrap();
}

#[test]
fn merging_shards_sums_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let a = summary();
    let mut b = summary();
    b.shard = Some("2/2".into());
    b.index_offset = 1;
    b.buckets.remove("status-00aa11bb22cc");
    b.buckets.get_mut("order-3f9c2a1b7d40").unwrap().count = 3;
    let mut extra = b.buckets["events-777777777777"].clone();
    extra.id = "order-000000000001".into();
    extra.known = false;
    extra.count = 1;
    b.buckets.insert(extra.id.clone(), extra);
    let (da, db) = (tmp.path().join("shard1"), tmp.path().join("shard2"));
    write_campaign(&da, &a);
    write_campaign(&db, &b);

    let m = load_and_merge(&[da.clone(), db.clone()]).unwrap();
    assert_eq!(m.programs, 2000);
    assert_eq!(m.divergent_programs, 98);
    assert_eq!(m.agree_with_reference["quickjs"], 1946);
    assert_eq!(m.statuses["boa"]["timeout"], 10);
    assert_eq!(m.categories["await"].programs, 1200);
    assert_eq!(m.categories["await"].agree_with_reference["boa"], 1194);
    assert_eq!(m.buckets.len(), 4);
    assert_eq!(m.buckets["order-3f9c2a1b7d40"].count, 10);
    assert_eq!(m.buckets["events-777777777777"].count, 80);
    assert_eq!(m.buckets["status-00aa11bb22cc"].count, 2);
    assert_eq!(m.shard, None, "different shards merge into none");
    assert_eq!(m.elapsed_seconds, 250.0);

    // Rates are recomputed over the merged counts.
    let md = render(&m, ReportFormat::Md);
    assert!(md.contains("| `quickjs` | 2000 | 97.3% (1946) |"), "{md}");
    assert!(md.contains("| programs run | 2000 |"), "{md}");

    // One directory is just that campaign; none, or a missing one, is an error.
    assert_eq!(load_and_merge(std::slice::from_ref(&da)).unwrap(), a);
    assert!(load_and_merge(&[]).is_err());
    let missing = load_and_merge(&[da, tmp.path().join("nope")]).unwrap_err();
    assert!(missing.to_string().contains("nope"), "{missing}");
}

#[test]
fn screenshot_script_renders_the_html_report() {
    let chromium = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join("chromium").is_file()))
        .unwrap_or(false);
    if !chromium {
        eprintln!("note: chromium is not on PATH; skipping the screenshot test");
        return;
    }
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ci/render-report-screenshot.sh");
    let tmp = tempfile::tempdir().unwrap();
    let html = tmp.path().join("report.html");
    std::fs::write(&html, render(&summary(), ReportFormat::Html)).unwrap();
    // TICKDIFF_SCREENSHOT_OUT keeps the picture for a person to look at.
    let png = std::env::var_os("TICKDIFF_SCREENSHOT_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.path().join("report.png"));
    let out = Command::new("bash").arg(&script).arg(&html).arg(&png).output().expect("runs the script");
    assert!(
        out.status.success(),
        "screenshot script failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&png).expect("PNG written");
    assert!(bytes.len() > 10_000, "PNG suspiciously small: {} bytes", bytes.len());
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
}

/// A small XML 1.0 well-formedness checker and tree builder (elements,
/// attributes, text, the five predefined entities, character references,
/// comments and the XML declaration): enough to hold the JUnit output to
/// the standard without another dependency.
mod xml {
    #[derive(Debug)]
    pub struct Element {
        pub name: String,
        pub attrs: Vec<(String, String)>,
        pub children: Vec<Element>,
        /// Concatenated character data directly inside this element.
        pub text: String,
    }

    impl Element {
        pub fn attr(&self, name: &str) -> Option<&str> {
            self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
        }
    }

    struct P<'a> {
        s: &'a str,
        i: usize,
    }

    fn valid_char(c: char) -> bool {
        matches!(c, '\u{9}' | '\u{a}' | '\u{d}' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
    }

    fn name_char(c: char) -> bool {
        c.is_alphanumeric() || matches!(c, '_' | ':' | '-' | '.')
    }

    impl<'a> P<'a> {
        fn rest(&self) -> &'a str {
            &self.s[self.i..]
        }
        fn eat(&mut self, t: &str) -> bool {
            if self.rest().starts_with(t) {
                self.i += t.len();
                true
            } else {
                false
            }
        }
        fn expect(&mut self, t: &str) -> Result<(), String> {
            if self.eat(t) {
                Ok(())
            } else {
                Err(format!(
                    "expected {t:?} at byte {}: {:?}",
                    self.i,
                    &self.rest()[..self.rest().len().min(40)]
                ))
            }
        }
        fn ws(&mut self) {
            while self.rest().starts_with([' ', '\t', '\n', '\r']) {
                self.i += 1;
            }
        }
        fn name(&mut self) -> Result<String, String> {
            let n: String = self.rest().chars().take_while(|&c| name_char(c)).collect();
            match n.chars().next() {
                Some(c) if c.is_alphabetic() || c == '_' || c == ':' => {
                    self.i += n.len();
                    Ok(n)
                }
                _ => Err(format!("expected a name at byte {}", self.i)),
            }
        }
        fn reference(&mut self) -> Result<char, String> {
            let end = self.rest().find(';').ok_or("unterminated reference")?;
            let r = &self.rest()[..end];
            let c = match r {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ if r.starts_with("#x") => {
                    char::from_u32(u32::from_str_radix(&r[2..], 16).map_err(|e| e.to_string())?)
                        .ok_or("bad char")?
                }
                _ if r.starts_with('#') => {
                    char::from_u32(r[1..].parse().map_err(|e: std::num::ParseIntError| e.to_string())?)
                        .ok_or("bad char")?
                }
                _ => return Err(format!("unknown entity &{r};")),
            };
            if !valid_char(c) {
                return Err(format!("reference to a character XML 1.0 forbids: &{r};"));
            }
            self.i += end + 1;
            Ok(c)
        }
        fn misc(&mut self) -> Result<(), String> {
            loop {
                self.ws();
                if self.eat("<!--") {
                    let end = self.rest().find("-->").ok_or("unterminated comment")?;
                    self.i += end + 3;
                } else {
                    return Ok(());
                }
            }
        }
        fn element(&mut self) -> Result<Element, String> {
            self.expect("<")?;
            let name = self.name()?;
            let mut el = Element { name, attrs: vec![], children: vec![], text: String::new() };
            loop {
                let had_ws = self.rest().starts_with([' ', '\t', '\n', '\r']);
                self.ws();
                if self.eat("/>") {
                    return Ok(el);
                }
                if self.eat(">") {
                    break;
                }
                if !had_ws {
                    return Err(format!("expected whitespace before an attribute at byte {}", self.i));
                }
                let k = self.name()?;
                self.ws();
                self.expect("=")?;
                self.ws();
                let q = if self.eat("\"") {
                    '"'
                } else {
                    self.expect("'")?;
                    '\''
                };
                let mut v = String::new();
                loop {
                    let c = self.rest().chars().next().ok_or("unterminated attribute")?;
                    if c == q {
                        self.i += 1;
                        break;
                    }
                    match c {
                        '<' => return Err(format!("'<' in attribute value at byte {}", self.i)),
                        '&' => {
                            self.i += 1;
                            v.push(self.reference()?);
                        }
                        c if !valid_char(c) => return Err(format!("invalid character {c:?}")),
                        // Attribute-value normalization.
                        '\n' | '\t' | '\r' => {
                            v.push(' ');
                            self.i += 1;
                        }
                        c => {
                            v.push(c);
                            self.i += c.len_utf8();
                        }
                    }
                }
                if el.attrs.iter().any(|(n, _)| *n == k) {
                    return Err(format!("duplicate attribute {k}"));
                }
                el.attrs.push((k, v));
            }
            loop {
                if self.eat("</") {
                    let n = self.name()?;
                    if n != el.name {
                        return Err(format!("</{n}> closes <{}>", el.name));
                    }
                    self.ws();
                    self.expect(">")?;
                    return Ok(el);
                }
                if self.eat("<!--") {
                    let end = self.rest().find("-->").ok_or("unterminated comment")?;
                    self.i += end + 3;
                    continue;
                }
                if self.eat("<![CDATA[") {
                    let end = self.rest().find("]]>").ok_or("unterminated CDATA")?;
                    el.text.push_str(&self.rest()[..end]);
                    self.i += end + 3;
                    continue;
                }
                if self.rest().starts_with('<') {
                    el.children.push(self.element()?);
                    continue;
                }
                let c = self.rest().chars().next().ok_or_else(|| format!("unclosed <{}>", el.name))?;
                match c {
                    '&' => {
                        self.i += 1;
                        el.text.push(self.reference()?);
                    }
                    c if !valid_char(c) => {
                        return Err(format!("invalid character {:?} at byte {}", c, self.i))
                    }
                    '>' if el.text.ends_with("]]") => return Err("']]>' in character data".into()),
                    c => {
                        el.text.push(c);
                        self.i += c.len_utf8();
                    }
                }
            }
        }
    }

    pub fn parse(s: &str) -> Result<Element, String> {
        let mut p = P { s, i: 0 };
        if p.eat("<?xml") {
            let end = p.rest().find("?>").ok_or("unterminated XML declaration")?;
            p.i += end + 2;
        }
        p.misc()?;
        let root = p.element()?;
        p.misc()?;
        if !p.rest().is_empty() {
            return Err(format!("content after the root element at byte {}", p.i));
        }
        Ok(root)
    }

    #[test]
    fn the_checker_rejects_what_it_should() {
        assert!(parse("<a><b></a>").is_err());
        assert!(parse("<a x=\"1\" x=\"2\"/>").is_err());
        assert!(parse("<a>&nbsp;</a>").is_err());
        assert!(parse("<a>\u{1}</a>").is_err());
        assert!(parse("<a x=\"<\"/>").is_err());
        assert!(parse("<a/><b/>").is_err());
        assert!(parse("<a>x & y</a>").is_err());
        let ok = parse("<?xml version=\"1.0\"?>\n<a k='v&amp;'>t&lt;<b/>u</a>\n").unwrap();
        assert_eq!(ok.attr("k"), Some("v&"));
        assert_eq!(ok.text, "t<u");
    }
}
