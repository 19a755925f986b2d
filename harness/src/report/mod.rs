//! Conformance reports: one or more campaign directories (shards, nights)
//! merged into one [`CampaignSummary`] and rendered as Markdown, a
//! self-contained HTML page, JSON or JUnit XML.
//!
//! Every format carries the same information:
//! - a header tying the results to what was tested (tool and generator
//!   versions, seed and shard, each backend's engine version, programs run,
//!   divergent programs, elapsed time);
//! - per engine under test: programs run, agreement with the reference, and
//!   how its runs ended (status counts);
//! - per construct category: programs, divergent programs, agreement per engine;
//! - the buckets, new ones first: who is on which side, the first
//!   difference, the minimized repro and the traces side by side with the
//!   first differing event marked.
//!
//! The HTML report draws each bucket's repro as a timeline (`timeline`),
//! which `run --html` and `repro --html` draw for one program.
//!
//! The shared pieces (which backends are engines, rates, bucket order, where
//! traces part, escaping-free text layout) live here; each format has its own
//! module.

mod html;
mod junit;
mod lowerings;
mod markdown;
pub mod timeline;

pub use html::{program_page, ProgramSection};

use crate::campaign::summary::{BucketSummary, CampaignSummary};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The report formats `tickdiff report --format` accepts.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    /// GitHub-flavoured Markdown.
    Md,
    /// One self-contained HTML page (inline CSS, no scripts, nothing fetched).
    Html,
    /// The merged summary plus computed rates.
    Json,
    /// JUnit XML: one test case per bucket, new buckets fail.
    Junit,
}

/// The backend every other one is compared with.
pub const REFERENCE: &str = "reference";

/// Statuses in the order reports list them; any other status a summary
/// holds is appended after these.
pub const STATUSES: [&str; 8] =
    ["ok", "timeout", "stack-overflow", "out-of-memory", "panic", "parse-error", "unsupported", "error"];

/// Merges campaign directories (each has `campaign.json`) into one summary:
/// the first one loaded, the others merged into it in order.
pub fn load_and_merge(dirs: &[PathBuf]) -> Result<CampaignSummary, crate::error::Error> {
    let no_dirs = || crate::error::Error::Usage("no campaign directory given".into());
    let (first, rest) = dirs.split_first().ok_or_else(no_dirs)?;
    let mut merged = CampaignSummary::load(first)?;
    for dir in rest {
        merged.merge(&CampaignSummary::load(dir)?);
    }
    Ok(merged)
}

/// How a summary that is not `finished` came to be so, for reports.
pub fn unfinished_note(s: &CampaignSummary) -> &'static str {
    if s.interrupted {
        "This campaign was interrupted (Ctrl-C or a signal) before it ran all it was asked to; the counts cover the programs it completed."
    } else {
        "This campaign did not finish: it is still running, or it was killed; the counts cover the programs it had recorded."
    }
}

/// The `finished` cell of a report.
pub fn finished_label(s: &CampaignSummary) -> &'static str {
    match (s.finished, s.interrupted) {
        (true, _) => "yes",
        (false, true) => "no (interrupted)",
        (false, false) => "no (running or killed)",
    }
}

/// Renders a (merged) summary in the given format.
pub fn render(summary: &CampaignSummary, format: ReportFormat) -> String {
    match format {
        ReportFormat::Md => markdown::render(summary),
        ReportFormat::Html => html::render(summary),
        ReportFormat::Json => render_json(summary),
        ReportFormat::Junit => junit::render(summary),
    }
}

/// Every backend the summary mentions: `backends` in command-line order,
/// then any other name found in its counts (a merged shard may have had
/// more), sorted.
pub fn all_backends(summary: &CampaignSummary) -> Vec<String> {
    let mut names = summary.backends.clone();
    let mut extra: Vec<&String> = summary
        .statuses
        .keys()
        .chain(summary.agree_with_reference.keys())
        .chain(summary.versions.keys())
        .filter(|n| !names.contains(n))
        .collect();
    extra.sort();
    extra.dedup();
    names.extend(extra.into_iter().cloned());
    names
}

/// The engines under test: every backend but the reference itself
/// (mutants `reference:xyz` count as engines).
pub fn engines_under_test(summary: &CampaignSummary) -> Vec<String> {
    let all = all_backends(summary);
    // Mutants (`reference:<mutant>`) stand in for engines under test.
    all.into_iter().filter(|b| b != REFERENCE).collect()
}

/// Programs a backend ran: the sum of its status counts (exact even when
/// merged shards ran different backends), else the summary's total.
pub fn programs_of(summary: &CampaignSummary, backend: &str) -> u64 {
    match summary.statuses.get(backend) {
        Some(st) if !st.is_empty() => st.values().sum(),
        _ => summary.programs,
    }
}

/// `agree / programs` as a fraction in `[0, 1]`; `None` without programs.
pub fn rate(agree: u64, programs: u64) -> Option<f64> {
    (programs > 0).then(|| agree as f64 / programs as f64)
}

/// A rate as a percentage to one decimal, rounded down: 1,999 of 2,000 is
/// 99.9%, never a 100% that hides the one divergent program.
pub fn percent(rate: Option<f64>) -> Option<f64> {
    // The tiny bias keeps exact rates (0.973 -> 97.3) from flooring below.
    rate.map(|r| (r * 1000.0 + 1e-6).floor() / 10.0)
}

/// `97.3%` (rounded down, as [`percent`]), or `n/a` without programs.
pub fn format_percent(rate: Option<f64>) -> String {
    match percent(rate) {
        Some(p) => format!("{p:.1}%"),
        None => "n/a".into(),
    }
}

/// Status columns: [`STATUSES`], then any other status a backend reported.
pub fn status_columns(summary: &CampaignSummary) -> Vec<String> {
    let mut cols: Vec<String> = STATUSES.iter().map(|s| s.to_string()).collect();
    let mut extra: Vec<&String> =
        summary.statuses.values().flat_map(|m| m.keys()).filter(|s| !cols.contains(s)).collect();
    extra.sort();
    extra.dedup();
    cols.extend(extra.into_iter().cloned());
    cols
}

/// Buckets in report order: new ones first, then by count (descending), then id.
pub fn sorted_buckets(summary: &CampaignSummary) -> Vec<&BucketSummary> {
    let mut buckets: Vec<&BucketSummary> = summary.buckets.values().collect();
    buckets.sort_by(|a, b| a.known.cmp(&b.known).then(b.count.cmp(&a.count)).then(a.id.cmp(&b.id)));
    buckets
}

/// The index of the first event where the traces differ (including one
/// trace ending before another); `None` when they are all equal (a status
/// divergence) or there are fewer than two.
pub fn first_divergent_event(traces: &[Vec<String>]) -> Option<usize> {
    if traces.len() < 2 {
        return None;
    }
    let longest = traces.iter().map(Vec::len).max().unwrap_or(0);
    (0..longest).find(|&i| {
        let first = traces[0].get(i);
        traces.iter().any(|t| t.get(i) != first)
    })
}

/// Whether the traces differ at event `i`.
pub(crate) fn row_differs(traces: &[Vec<String>], i: usize) -> bool {
    let first = traces.first().and_then(|t| t.get(i));
    traces.iter().any(|t| t.get(i) != first)
}

/// Rows of a side-by-side trace table: as many as the longest trace.
pub(crate) fn trace_rows(traces: &[Vec<String>]) -> usize {
    traces.iter().map(Vec::len).max().unwrap_or(0)
}

/// A group's column header: its backends, comma-separated.
pub(crate) fn group_label(group: &[String]) -> String {
    if group.is_empty() {
        "(none)".into()
    } else {
        group.join(", ")
    }
}

/// Who is on which side: `quickjs vs reference, boa`.
pub(crate) fn sides(bucket: &BucketSummary) -> String {
    bucket.groups.iter().map(|g| group_label(g)).collect::<Vec<_>>().join(" vs ")
}

/// `1h 02m 03s`, `4m 05s`, `12.3 s`.
pub fn format_elapsed(seconds: f64) -> String {
    if !seconds.is_finite() || seconds < 0.0 {
        return "unknown".into();
    }
    if seconds < 60.0 {
        return format!("{seconds:.1} s");
    }
    let s = seconds.round() as u64;
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 {
        format!("{h}h {m:02}m {s:02}s")
    } else {
        format!("{m}m {s:02}s")
    }
}

/// `s` made [`visible`], with each character that `replace` maps written as
/// its replacement: the one loop under every format's escaping.
pub(crate) fn escape(s: &str, replace: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(s.len());
    for c in visible(s).chars() {
        match replace(c) {
            Some(r) => out.push_str(r),
            None => out.push(c),
        }
    }
    out
}

/// The escape of the three characters that every markup format here (HTML,
/// XML, Markdown's inline HTML) reads as markup.
pub(crate) fn markup(c: char) -> Option<&'static str> {
    match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        _ => None,
    }
}

/// Shows characters that are invalid in XML 1.0 or invisible in a table
/// (control characters other than tab and newline, U+FFFE, U+FFFF) as
/// `\u{..}`, so every format shows the same text and stays valid.
pub(crate) fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if (c < ' ' && c != '\n' && c != '\t' && c != '\r')
            || c == '\u{7f}'
            || c == '\u{fffe}'
            || c == '\u{ffff}'
        {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A trace event as one line of text (newlines and carriage returns shown
/// as `\n`, `\r`).
pub(crate) fn event_text(e: &str) -> String {
    visible(e).replace('\r', "\\r").replace('\n', "\\n")
}

/// The traces as a fixed-width text table (for JUnit bodies): one column
/// per group, `>>` in front of the first differing event.
pub(crate) fn text_trace_table(bucket: &BucketSummary) -> String {
    let traces = &bucket.traces;
    let first = first_divergent_event(traces);
    let rows = trace_rows(traces);
    let headers: Vec<String> =
        (0..traces.len()).map(|i| bucket.groups.get(i).map(|g| group_label(g)).unwrap_or_default()).collect();
    let cell = |t: &Vec<String>, i: usize| t.get(i).map(|e| event_text(e)).unwrap_or_else(|| "(end)".into());
    let widths: Vec<usize> = (0..traces.len())
        .map(|c| {
            (0..rows)
                .map(|i| cell(&traces[c], i).chars().count())
                .chain([headers[c].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let num_w = rows.saturating_sub(1).to_string().len().max(1);
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.chars().count())));
    let mut out = String::new();
    let line = |marker: &str, num: &str, cells: Vec<String>| {
        let mut l = format!("{marker:2} {num:>num_w$}");
        for (c, text) in cells.iter().enumerate() {
            l.push_str(" | ");
            l.push_str(&pad(text, widths[c]));
        }
        l.trim_end().to_string() + "\n"
    };
    out.push_str(&line("", "#", headers.clone()));
    for i in 0..rows {
        let marker = if Some(i) == first { ">>" } else { "" };
        out.push_str(&line(marker, &i.to_string(), traces.iter().map(|t| cell(t, i)).collect()));
    }
    if first.is_none() && traces.len() > 1 {
        out.push_str("(the traces are equal: the backends differ in how the run ended)\n");
    }
    out
}

// ---------------------------------------------------------------- JSON

#[derive(Serialize)]
struct JsonReport<'a> {
    #[serde(flatten)]
    summary: &'a CampaignSummary,
    report: JsonExtras,
}

/// What the JSON report adds to the summary, under `report`.
#[derive(Serialize)]
struct JsonExtras {
    /// Bumped when this object's shape changes.
    report_version: u32,
    reference: String,
    engines_under_test: Vec<String>,
    engines: Vec<JsonEngine>,
    divergent_rate: Option<f64>,
    categories: BTreeMap<String, JsonCategory>,
    /// Bucket ids in report order (new first, then by count).
    bucket_order: Vec<String>,
    new_buckets: usize,
    known_buckets: usize,
    /// Bucket id -> index of the first event where its traces differ.
    first_divergent_event: BTreeMap<String, Option<usize>>,
}

#[derive(Serialize)]
struct JsonEngine {
    name: String,
    version: Option<String>,
    programs: u64,
    agree_with_reference: u64,
    /// Fraction in [0, 1]; null without programs.
    agreement_rate: Option<f64>,
    /// Percentage rounded to one decimal.
    agreement_percent: Option<f64>,
    statuses: BTreeMap<String, u64>,
}

#[derive(Serialize)]
struct JsonCategory {
    programs: u64,
    divergent_programs: u64,
    agreement_rate: BTreeMap<String, Option<f64>>,
    agreement_percent: BTreeMap<String, Option<f64>>,
}

fn render_json(summary: &CampaignSummary) -> String {
    let engines = engines_under_test(summary);
    let engine_rows = engines
        .iter()
        .map(|e| {
            let programs = programs_of(summary, e);
            let agree = summary.agree_with_reference.get(e).copied().unwrap_or(0);
            let r = rate(agree, programs);
            JsonEngine {
                name: e.clone(),
                version: summary.versions.get(e).cloned(),
                programs,
                agree_with_reference: agree,
                agreement_rate: r,
                agreement_percent: percent(r),
                statuses: summary.statuses.get(e).cloned().unwrap_or_default(),
            }
        })
        .collect();
    let categories = summary
        .categories
        .iter()
        .map(|(name, c)| {
            let rates: BTreeMap<String, Option<f64>> = engines
                .iter()
                .map(|e| (e.clone(), rate(c.agree_with_reference.get(e).copied().unwrap_or(0), c.programs)))
                .collect();
            let percents = rates.iter().map(|(e, r)| (e.clone(), percent(*r))).collect();
            let cat = JsonCategory {
                programs: c.programs,
                divergent_programs: c.divergent_programs,
                agreement_rate: rates,
                agreement_percent: percents,
            };
            (name.clone(), cat)
        })
        .collect();
    let order = sorted_buckets(summary);
    let extras = JsonExtras {
        report_version: 1,
        reference: REFERENCE.into(),
        engines_under_test: engines.clone(),
        engines: engine_rows,
        divergent_rate: rate(summary.divergent_programs, summary.programs),
        categories,
        bucket_order: order.iter().map(|b| b.id.clone()).collect(),
        new_buckets: order.iter().filter(|b| !b.known).count(),
        known_buckets: order.iter().filter(|b| b.known).count(),
        first_divergent_event: order
            .iter()
            .map(|b| (b.id.clone(), first_divergent_event(&b.traces)))
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&JsonReport { summary, report: extras })
        .expect("a summary always serializes");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn first_difference_index() {
        assert_eq!(first_divergent_event(&[t(&["a", "b"]), t(&["a", "c"])]), Some(1));
        assert_eq!(first_divergent_event(&[t(&["a"]), t(&["a", "b"])]), Some(1));
        assert_eq!(first_divergent_event(&[t(&["a"]), t(&["a"])]), None);
        assert_eq!(first_divergent_event(&[t(&["x"]), t(&["x"]), t(&["y"])]), Some(0));
        assert_eq!(first_divergent_event(&[t(&["a"])]), None);
    }

    #[test]
    fn percents_and_elapsed() {
        assert_eq!(format_percent(rate(973, 1000)), "97.3%");
        assert_eq!(format_percent(rate(2, 3)), "66.6%");
        assert_eq!(format_percent(rate(1999, 2000)), "99.9%");
        assert_eq!(format_percent(rate(2000, 2000)), "100.0%");
        assert_eq!(format_percent(rate(0, 0)), "n/a");
        assert_eq!(percent(rate(2, 3)), Some(66.6));
        assert_eq!(format_elapsed(12.34), "12.3 s");
        assert_eq!(format_elapsed(3723.0), "1h 02m 03s");
        assert_eq!(format_elapsed(65.0), "1m 05s");
    }

    #[test]
    fn invisible_characters_are_shown() {
        assert_eq!(visible("a\u{0}b\u{1b}"), "a\\u{0}b\\u{1b}");
        assert_eq!(event_text("a\nb"), "a\\nb");
    }
}
