//! The report as JUnit XML for CI: one test case per bucket; a new bucket
//! (not in the baseline) fails with its first difference, repro and traces,
//! a known one passes. No buckets: one passing case, `no divergences`.

use super::*;
use std::fmt::Write;

/// Escapes text for XML 1.0 content and attribute values. Characters XML
/// 1.0 forbids are shown as `\u{..}` (see [`visible`]); in attributes,
/// newlines and tabs are kept as character references (a parser would
/// otherwise turn them into spaces).
pub(crate) fn esc(s: &str, attribute: bool) -> String {
    escape(s, |c| match c {
        '"' => Some("&quot;"),
        '\'' => Some("&apos;"),
        '\n' if attribute => Some("&#10;"),
        '\r' => Some("&#13;"),
        '\t' if attribute => Some("&#9;"),
        c => markup(c),
    })
}

/// The text every test case body carries: what diverged, the repro, the traces.
fn details(b: &BucketSummary) -> String {
    let mut t = String::new();
    let _ = writeln!(t, "bucket: {} ({})", b.id, if b.known { "known, in the baseline" } else { "NEW" });
    let _ = writeln!(t, "kind: {}", b.kind);
    let _ = writeln!(t, "count: {}", b.count);
    let _ = writeln!(t, "sides: {}", sides(b));
    let _ = writeln!(t, "key: {}", b.key);
    let _ = writeln!(t, "first difference: {}", b.first_difference);
    let _ = writeln!(
        t,
        "repro: {}/{} ({} statements, minimized from {})",
        crate::campaign::summary::BUCKET_DIR,
        b.repro,
        b.repro_statements,
        b.original_statements
    );
    if !b.examples.is_empty() {
        let ex: Vec<String> = b.examples.iter().map(|e| e.to_string()).collect();
        let _ = writeln!(t, "program indices: {}", ex.join(", "));
    }
    t.push_str("\n--- repro.js ---\n");
    t.push_str(&b.repro_js);
    if !b.repro_js.ends_with('\n') {
        t.push('\n');
    }
    t.push_str("\n--- traces (>> marks the first differing event) ---\n");
    t.push_str(&text_trace_table(b));
    t
}

pub(super) fn render(s: &CampaignSummary) -> String {
    let buckets = sorted_buckets(s);
    let failures = buckets.iter().filter(|b| !b.known).count();
    let tests = buckets.len().max(1);
    let time = if s.elapsed_seconds.is_finite() { s.elapsed_seconds.max(0.0) } else { 0.0 };
    let mut o = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        o,
        "<testsuites name=\"tickdiff\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" time=\"{time:.3}\">"
    );
    let _ = writeln!(
        o,
        "  <testsuite name=\"tickdiff\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"{time:.3}\">"
    );
    o.push_str("    <properties>\n");
    let mut prop = |name: &str, value: &str| {
        let _ = writeln!(o, "      <property name=\"{}\" value=\"{}\"/>", esc(name, true), esc(value, true));
    };
    prop("tool_version", &s.tool_version);
    prop("generator_version", &s.generator_version.to_string());
    prop("seed", &s.seeds_label());
    if let Some(shard) = &s.shard {
        prop("shard", shard);
    }
    prop("programs", &s.programs.to_string());
    prop("divergent_programs", &s.divergent_programs.to_string());
    prop("finished", &s.finished.to_string());
    prop("interrupted", &s.interrupted.to_string());
    for b in all_backends(s) {
        prop(&format!("version.{b}"), s.versions.get(&b).map(String::as_str).unwrap_or("unknown"));
    }
    for e in engines_under_test(s) {
        let r = rate(s.agree_with_reference.get(&e).copied().unwrap_or(0), programs_of(s, &e));
        prop(&format!("agreement.{e}"), &format_percent(r));
    }
    o.push_str("    </properties>\n");

    if buckets.is_empty() {
        o.push_str("    <testcase classname=\"tickdiff\" name=\"no divergences\" time=\"0\"/>\n");
    }
    for b in &buckets {
        let _ = writeln!(
            o,
            "    <testcase classname=\"tickdiff.{}\" name=\"{}\" time=\"{:.3}\">",
            esc(&b.kind, true),
            esc(&b.id, true),
            if b.minimize_seconds.is_finite() { b.minimize_seconds.max(0.0) } else { 0.0 }
        );
        let body = esc(&details(b), false);
        if b.known {
            let _ = writeln!(o, "      <system-out>{body}</system-out>");
        } else {
            let message = format!("new divergence ({}): {}", sides(b), b.first_difference);
            let _ = writeln!(
                o,
                "      <failure message=\"{}\" type=\"{}\">{body}</failure>",
                esc(&message, true),
                esc(&b.kind, true)
            );
        }
        o.push_str("    </testcase>\n");
    }
    o.push_str("  </testsuite>\n</testsuites>\n");
    o
}
