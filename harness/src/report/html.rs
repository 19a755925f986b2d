//! The report as one self-contained HTML page: inline CSS, no scripts, no
//! external resources (fonts, images, styles), readable without JavaScript
//! and printable. Every piece of user content is escaped.

use super::*;
use std::fmt::Write;

/// Escapes text for HTML element content and quoted attribute values.
pub(crate) fn esc(s: &str) -> String {
    escape(s, |c| match c {
        '"' => Some("&quot;"),
        '\'' => Some("&#39;"),
        c => markup(c),
    })
}

/// A trace event: one line, escaped; an empty label is shown as such.
fn event(e: &str) -> String {
    if e.is_empty() {
        "<span class=\"muted\">(empty label)</span>".into()
    } else {
        format!("<code>{}</code>", esc(&event_text(e)))
    }
}

/// A fragment id made of `[a-z0-9-]` only.
fn anchor(id: &str) -> String {
    let a: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c.to_ascii_lowercase() } else { '-' })
        .collect();
    format!("b-{a}")
}

/// CSS class for an agreement rate: green from 99%, amber from 90%, red below.
fn rate_class(r: Option<f64>) -> &'static str {
    match r {
        None => "na",
        Some(r) if r >= 0.99 => "good",
        Some(r) if r >= 0.9 => "fair",
        Some(_) => "poor",
    }
}

const CSS: &str = r#"
:root { --fg:#1f2328; --muted:#656d76; --line:#d0d7de; --bg:#ffffff; --soft:#f6f8fa;
  --new:#cf222e; --known:#57606a; --good:#1a7f37; --fair:#9a6700; --poor:#cf222e;
  --diverge:#ffebe9; --diverge-line:#cf222e; --differs:#fff8c5; }
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 32px 64px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 0; display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
code, pre { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
.sub { color: var(--muted); margin: 0 0 16px; }
.warn { background: var(--differs); border: 1px solid #d4a72c; border-radius: 6px; padding: 8px 12px; margin: 12px 0; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 16px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; background: var(--soft); }
.card .n { font-size: 24px; font-weight: 600; }
.card .l { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.zero { color: #afb8c1; }
td.nowrap { white-space: nowrap; overflow-wrap: normal; }
table.meta { width: auto; min-width: 50%; }
table.meta th { width: 220px; }
.good { color: var(--good); font-weight: 600; }
.fair { color: var(--fair); font-weight: 600; }
.poor { color: var(--poor); font-weight: 600; }
.na, .muted { color: var(--muted); }
.bar { display: inline-block; width: 80px; height: 8px; background: #eaeef2; border-radius: 4px; margin-right: 8px; vertical-align: middle; overflow: hidden; }
.bar span { display: block; height: 100%; background: var(--good); }
.bar span.fair { background: var(--fair); } .bar span.poor { background: var(--poor); }
.badge { display: inline-block; white-space: nowrap; font-size: 11px; font-weight: 700; letter-spacing: .05em; padding: 1px 8px; border-radius: 10px; color: #fff; text-transform: uppercase; }
.badge.new { background: var(--new); } .badge.known { background: var(--known); }
.kind { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; background: #ddf4ff; color: #0550ae; padding: 1px 6px; border-radius: 4px; }
.bucket { border: 1px solid var(--line); border-radius: 8px; margin: 20px 0; overflow: hidden; }
.bucket.new { border-left: 4px solid var(--new); }
.bucket > header { background: var(--soft); padding: 10px 14px; border-bottom: 1px solid var(--line); }
.bucket .body { padding: 12px 14px; }
.bucket dl { display: grid; grid-template-columns: 140px 1fr; gap: 4px 12px; margin: 0 0 12px; }
.bucket dt { color: var(--muted); } .bucket dd { margin: 0; overflow-wrap: anywhere; }
.side { display: inline-block; margin-right: 12px; }
.side b { display: inline-block; min-width: 1.6em; text-align: center; background: #eaeef2; border-radius: 4px; margin-right: 4px; }
.cols { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); gap: 16px; align-items: start; }
.cols h4 { margin: 0 0 6px; font-size: 13px; color: var(--muted); font-weight: 600; }
pre.js { background: #0d1117; color: #e6edf3; padding: 10px 12px; border-radius: 6px; margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
table.trace { table-layout: fixed; margin: 0; }
table.trace th.idx, table.trace td.idx { width: 64px; text-align: right; color: var(--muted); white-space: nowrap; }
table.trace td { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
table.trace tr.differs td { background: var(--differs); }
table.trace tr.diverge td { background: var(--diverge); font-weight: 700; border-top: 2px solid var(--diverge-line); border-bottom: 2px solid var(--diverge-line); }
table.trace tr.diverge td.idx { color: var(--diverge-line); }
table.trace td.end { color: var(--muted); font-style: italic; font-family: inherit; }
.legend { color: var(--muted); font-size: 12px; margin: 6px 0 0; }
.swatch { display: inline-block; width: 12px; height: 12px; vertical-align: -2px; border: 1px solid var(--line); margin: 0 4px 0 10px; }
h4.tl-head { margin: 16px 0 6px; font-size: 13px; color: var(--muted); font-weight: 600; }
.tl-scroll { overflow-x: auto; max-width: 100%; }
svg.timeline { display: block; }
nav ol { margin: 0; padding-left: 22px; }
footer { color: var(--muted); margin-top: 40px; font-size: 12px; }
@media (max-width: 900px) { .cols { grid-template-columns: 1fr; } .cards { grid-template-columns: repeat(2, 1fr); } }
@media print { .bucket { break-inside: avoid; } }
"#;

pub(super) fn render(s: &CampaignSummary) -> String {
    let engines = engines_under_test(s);
    let buckets = sorted_buckets(s);
    let new = buckets.iter().filter(|b| !b.known).count();
    let mut o = String::new();
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        o,
        "<title>tickdiff conformance report — seed {}{}</title>",
        s.seeds_label(),
        s.shard.as_deref().map(|sh| format!(" shard {}", esc(sh))).unwrap_or_default()
    );
    let _ = writeln!(o, "<style>{CSS}</style>\n</head>\n<body>\n<main>");

    o.push_str("<h1>tickdiff conformance report</h1>\n");
    let _ = writeln!(
        o,
        "<p class=\"sub\">Where JavaScript engines disagree with the ECMA-262 reference scheduler about the order async code runs.</p>"
    );
    if !s.finished {
        let _ = writeln!(o, "<p class=\"warn\"><strong>{}</strong></p>", esc(super::unfinished_note(s)));
    }

    // Headline numbers.
    o.push_str("<div class=\"cards\">\n");
    let card = |o: &mut String, n: String, l: &str| {
        let _ = writeln!(o, "<div class=\"card\"><div class=\"n\">{n}</div><div class=\"l\">{l}</div></div>");
    };
    card(&mut o, s.programs.to_string(), "programs run");
    card(
        &mut o,
        format!(
            "{} <span class=\"muted\" style=\"font-size:14px\">({})</span>",
            s.divergent_programs,
            format_percent(rate(s.divergent_programs, s.programs))
        ),
        "divergent programs",
    );
    card(
        &mut o,
        format!(
            "<span class=\"{}\">{new}</span> <span class=\"muted\" style=\"font-size:14px\">/ {} buckets</span>",
            if new > 0 { "poor" } else { "good" },
            buckets.len()
        ),
        "new buckets",
    );
    card(&mut o, esc(&format_elapsed(s.elapsed_seconds)), "elapsed");
    o.push_str("</div>\n");

    // What was tested.
    o.push_str("<h2>What was tested</h2>\n<table class=\"meta\">\n");
    let kv = |o: &mut String, k: &str, v: String| {
        let _ = writeln!(o, "<tr><th>{k}</th><td>{v}</td></tr>");
    };
    kv(&mut o, "tool version", format!("<code>{}</code>", esc(&s.tool_version)));
    kv(&mut o, "generator version", s.generator_version.to_string());
    kv(&mut o, "seed", s.seeds_label());
    kv(&mut o, "shard", s.shard.as_deref().map(esc).unwrap_or_else(|| "—".into()));
    if s.index_stride > 1 {
        kv(&mut o, "program indices", format!("<code>i % {} == {}</code>", s.index_stride, s.index_offset));
    }
    kv(
        &mut o,
        "finished",
        if s.finished { "yes".into() } else { format!("<strong>{}</strong>", super::finished_label(s)) },
    );
    for b in all_backends(s) {
        let v = s
            .versions
            .get(&b)
            .map(|v| esc(v))
            .unwrap_or_else(|| "<span class=\"muted\">unknown</span>".into());
        kv(&mut o, &format!("<code>{}</code>", esc(&b)), v);
    }
    o.push_str("</table>\n");

    // Engines.
    let cols = status_columns(s);
    o.push_str("<h2>Engines</h2>\n<table>\n<tr><th>engine</th><th class=\"num\">programs</th><th>agreement with reference</th>");
    for c in &cols {
        let _ = write!(o, "<th class=\"num\">{}</th>", esc(c));
    }
    o.push_str("</tr>\n");
    let status_cells = |o: &mut String, b: &str| {
        let st = s.statuses.get(b);
        for c in &cols {
            let n = st.and_then(|m| m.get(c)).copied().unwrap_or(0);
            let _ = write!(o, "<td class=\"num{}\">{n}</td>", if n == 0 { " zero" } else { "" });
        }
    };
    for e in &engines {
        let programs = programs_of(s, e);
        let agree = s.agree_with_reference.get(e).copied().unwrap_or(0);
        let r = rate(agree, programs);
        let width = r.map(|r| (r * 100.0).clamp(0.0, 100.0)).unwrap_or(0.0);
        let _ = write!(
            o,
            "<tr><td><code>{}</code></td><td class=\"num\">{programs}</td><td class=\"nowrap\"><span class=\"bar\"><span class=\"{}\" style=\"width:{width:.1}%\"></span></span><span class=\"{}\">{}</span> <span class=\"muted\">({agree})</span></td>",
            esc(e),
            rate_class(r),
            rate_class(r),
            format_percent(r)
        );
        status_cells(&mut o, e);
        o.push_str("</tr>\n");
    }
    if all_backends(s).iter().any(|b| b == REFERENCE) {
        let _ = write!(
            o,
            "<tr><td><code>{}</code> <span class=\"muted\">(oracle)</span></td><td class=\"num\">{}</td><td class=\"muted\">—</td>",
            REFERENCE,
            programs_of(s, REFERENCE)
        );
        status_cells(&mut o, REFERENCE);
        o.push_str("</tr>\n");
    }
    o.push_str("</table>\n");

    // Categories.
    o.push_str("<h2>Construct categories</h2>\n");
    if s.categories.is_empty() {
        o.push_str("<p class=\"muted\">No category statistics recorded.</p>\n");
    } else {
        o.push_str(
            "<table>\n<tr><th>category</th><th class=\"num\">programs</th><th class=\"num\">divergent</th>",
        );
        for e in &engines {
            let _ = write!(o, "<th class=\"num\"><code>{}</code></th>", esc(e));
        }
        o.push_str("</tr>\n");
        for (name, c) in &s.categories {
            let _ = write!(
                o,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num{}\">{}</td>",
                esc(name),
                c.programs,
                if c.divergent_programs == 0 { " zero" } else { "" },
                c.divergent_programs
            );
            for e in &engines {
                let r = rate(c.agree_with_reference.get(e).copied().unwrap_or(0), c.programs);
                let _ = write!(o, "<td class=\"num {}\">{}</td>", rate_class(r), format_percent(r));
            }
            o.push_str("</tr>\n");
        }
        o.push_str("</table>\n");
    }

    coverage(&mut o, &s.coverage);

    // Buckets.
    let _ = writeln!(
        o,
        "<h2>Buckets <span class=\"muted\">({new} new, {} known)</span></h2>",
        buckets.len() - new
    );
    if buckets.is_empty() {
        o.push_str("<p>No divergences.</p>\n");
    } else {
        o.push_str("<table>\n<tr><th></th><th>bucket</th><th>kind</th><th class=\"num\">count</th><th>sides</th><th>first difference</th></tr>\n");
        for b in &buckets {
            let _ = writeln!(
                o,
                "<tr><td class=\"nowrap\">{}</td><td class=\"nowrap\"><a href=\"#{}\"><code>{}</code></a></td><td class=\"nowrap\"><span class=\"kind\">{}</span></td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
                badge(b.known),
                anchor(&b.id),
                esc(&b.id),
                esc(&b.kind),
                b.count,
                esc(&sides(b)),
                esc(&b.first_difference)
            );
        }
        o.push_str("</table>\n");
        for b in &buckets {
            bucket(&mut o, b);
        }
    }

    let _ = writeln!(
        o,
        "<footer>Generated by tickdiff {} from <code>campaign.json</code>. This page is self-contained: no scripts, nothing fetched.</footer>",
        esc(&s.tool_version)
    );
    o.push_str("</main>\n</body>\n</html>\n");
    o
}

/// The spec-step coverage section: the figure and the steps never hit.
fn coverage(o: &mut String, c: &crate::campaign::coverage::CoverageSums) {
    o.push_str("<h2>Spec-step coverage</h2>\n");
    if c.programs == 0 {
        o.push_str("<p class=\"muted\">No programs counted.</p>\n");
        return;
    }
    let _ = writeln!(
        o,
        "<p>The reference took <b>{} of the {}</b> spec steps it implements (<b>{:.1}%</b>) over {} programs.</p>",
        c.hit,
        c.implemented,
        c.percent(),
        c.programs
    );
    if c.never_hit.is_empty() {
        o.push_str("<p>Every implemented step was taken.</p>\n");
        return;
    }
    let _ = writeln!(o, "<p>Never taken ({}):</p>\n<ul class=\"never-hit\">", c.never_hit.len());
    for name in &c.never_hit {
        let _ = writeln!(o, "<li><code>{}</code></li>", esc(name));
    }
    o.push_str("</ul>\n");
}

fn badge(known: bool) -> &'static str {
    if known {
        "<span class=\"badge known\">known</span>"
    } else {
        "<span class=\"badge new\">new</span>"
    }
}

fn bucket(o: &mut String, b: &BucketSummary) {
    let _ = writeln!(
        o,
        "<section class=\"bucket{}\" id=\"{}\">",
        if b.known { "" } else { " new" },
        anchor(&b.id)
    );
    let _ = writeln!(
        o,
        "<header><h3>{} <code>{}</code> <span class=\"kind\">{}</span> <span class=\"muted\" style=\"font-weight:400\">{} program{}</span></h3></header>",
        badge(b.known),
        esc(&b.id),
        esc(&b.kind),
        b.count,
        if b.count == 1 { "" } else { "s" }
    );
    o.push_str("<div class=\"body\">\n<dl>\n");
    let sides: Vec<String> = b
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let names: Vec<String> = g.iter().map(|n| format!("<code>{}</code>", esc(n))).collect();
            format!("<span class=\"side\"><b>{}</b>{}</span>", side_letter(i), names.join(", "))
        })
        .collect();
    let _ = writeln!(o, "<dt>sides</dt><dd>{}</dd>", sides.join(" "));
    let _ = writeln!(o, "<dt>first difference</dt><dd>{}</dd>", esc(&b.first_difference));
    if !b.causal_steps.is_empty() {
        let steps: Vec<String> = b.causal_steps.iter().map(|s| format!("<code>{}</code>", esc(s))).collect();
        let _ = writeln!(
            o,
            "<dt>spec steps behind it</dt><dd>{} <span class=\"muted\">(innermost first)</span></dd>",
            steps.join(", ")
        );
    }
    let _ = writeln!(o, "<dt>key</dt><dd><code>{}</code></dd>", esc(&b.key));
    let _ = writeln!(
        o,
        "<dt>repro</dt><dd><code>{}/{}</code> — {} statement{}, minimized from {} in {:.1} s</dd>",
        crate::campaign::summary::BUCKET_DIR,
        esc(&b.repro),
        b.repro_statements,
        if b.repro_statements == 1 { "" } else { "s" },
        b.original_statements,
        b.minimize_seconds
    );
    if !b.examples.is_empty() {
        let ex: Vec<String> = b.examples.iter().map(|e| e.to_string()).collect();
        let _ = writeln!(o, "<dt>program indices</dt><dd>{}</dd>", ex.join(", "));
    }
    o.push_str("</dl>\n<div class=\"cols\">\n");
    let _ = writeln!(
        o,
        "<div><h4>Minimized repro</h4><pre class=\"js\"><code>{}</code></pre></div>",
        esc(&b.repro_js)
    );
    o.push_str("<div><h4>Traces</h4>\n");
    traces(o, b);
    o.push_str("</div>\n</div>\n");
    o.push_str(&super::lowerings::bucket_html(b));
    o.push_str("<h4 class=\"tl-head\">Timeline of the repro</h4>\n");
    match super::timeline::for_bucket(b, &format!("{}-tl", anchor(&b.id))) {
        Ok(svg) => timeline(o, &svg),
        Err(why) => {
            let _ = writeln!(o, "<p class=\"muted\">No timeline: {}.</p>", esc(&why));
        }
    }
    o.push_str("</div>\n</section>\n");
}

/// A timeline's SVG in a box that scrolls sideways when it is wider than
/// the page, and what its marks mean.
fn timeline(o: &mut String, svg: &str) {
    o.push_str("<div class=\"tl-scroll\">\n");
    o.push_str(svg);
    o.push_str("</div>\n");
    let _ = writeln!(
        o,
        "<p class=\"legend\">One lane per side; bands are tasks in run order (task 0 is the script), boxes their jobs as numbered in the trace (job 0 is the task body; <code>job ?</code>: the backend does not number jobs; <code>ref j4</code>: the reference's job that logged the same label). Solid arrows point from a job to the job that enqueued it (or set its timer), from the backend's own explanation; dashed ones are the reference's explanation for the matched labels (<code>+n</code>: jobs in between that the lane does not show).<span class=\"swatch\" style=\"background:{}\"></span>first difference. Hover or tab to a box for its mechanism.</p>",
        super::timeline::HIGHLIGHT
    );
}

/// One program of `tickdiff run --html` or `repro --html`.
pub struct ProgramSection {
    /// The file.
    pub heading: String,
    pub source: String,
    /// `all backends agree`, or the divergence and where it starts.
    pub verdict: String,
    /// The timeline's SVG.
    pub timeline: String,
}

impl ProgramSection {
    /// The section of one program run on `names` (`n`: its place on the page).
    pub fn new(
        heading: String,
        input: &crate::outcome::ProgramInput,
        names: &[&str],
        outcomes: &[crate::outcome::Outcome],
        max_steps: u64,
        n: usize,
    ) -> Self {
        let verdict = match crate::differ::compare(names, outcomes) {
            None => "all backends agree".to_string(),
            Some(d) => format!("DIVERGE {}: {}", d.signature, crate::differ::describe_first(&d)),
        };
        let timeline = super::timeline::for_outcomes(
            input.model.as_ref(),
            names,
            outcomes,
            max_steps,
            &format!("tl-{n}"),
        );
        ProgramSection { heading, source: input.source.clone(), verdict, timeline }
    }
}

/// The page of `run --html` and `repro --html`: per program, its source, the
/// verdict and the timeline; self-contained as the report is.
pub fn program_page(title: &str, sections: &[ProgramSection]) -> String {
    let mut o = String::new();
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(o, "<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>", esc(title));
    let _ = writeln!(o, "<h1>{}</h1>", esc(title));
    for s in sections {
        o.push_str("<section class=\"bucket\">\n");
        let _ =
            writeln!(o, "<header><h3><code>{}</code></h3></header>\n<div class=\"body\">", esc(&s.heading));
        let _ = writeln!(o, "<p>{}</p>", esc(&s.verdict));
        let _ = writeln!(o, "<pre class=\"js\"><code>{}</code></pre>", esc(&s.source));
        o.push_str("<h4 class=\"tl-head\">Timeline</h4>\n");
        timeline(&mut o, &s.timeline);
        o.push_str("</div>\n</section>\n");
    }
    let _ = writeln!(
        o,
        "<footer>Generated by tickdiff {}. This page is self-contained: no scripts, nothing fetched.</footer>",
        env!("CARGO_PKG_VERSION")
    );
    o.push_str("</main>\n</body>\n</html>\n");
    o
}

pub(crate) fn side_letter(i: usize) -> String {
    if i < 26 {
        ((b'A' + i as u8) as char).to_string()
    } else {
        (i + 1).to_string()
    }
}

fn traces(o: &mut String, b: &BucketSummary) {
    if b.traces.is_empty() {
        o.push_str("<p class=\"muted\">No traces recorded.</p>\n");
        return;
    }
    let first = first_divergent_event(&b.traces);
    o.push_str("<table class=\"trace\">\n<tr><th class=\"idx\">#</th>");
    for i in 0..b.traces.len() {
        let names = b.groups.get(i).map(|g| group_label(g)).unwrap_or_default();
        let _ = write!(o, "<th><span class=\"side\"><b>{}</b></span>{}</th>", side_letter(i), esc(&names));
    }
    o.push_str("</tr>\n");
    for i in 0..trace_rows(&b.traces) {
        let (class, idx) = if Some(i) == first {
            (" class=\"diverge\"", format!("<span title=\"first differing event\">&#9654;</span>&nbsp;{i}"))
        } else if row_differs(&b.traces, i) {
            (" class=\"differs\"", i.to_string())
        } else {
            ("", i.to_string())
        };
        let _ = write!(o, "<tr{class}><td class=\"idx\">{idx}</td>");
        for t in &b.traces {
            match t.get(i) {
                Some(e) => {
                    let _ = write!(o, "<td>{}</td>", event(e));
                }
                None => o.push_str("<td class=\"end\">(end)</td>"),
            }
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</table>\n");
    match first {
        Some(i) => {
            let _ = writeln!(
                o,
                "<p class=\"legend\">&#9654; first differing event (#{i})<span class=\"swatch\" style=\"background:var(--diverge)\"></span>first difference<span class=\"swatch\" style=\"background:var(--differs)\"></span>later rows that differ</p>"
            );
        }
        None => o.push_str(
            "<p class=\"legend\">The traces are equal: the sides differ in how the run ended (see the kind).</p>\n",
        ),
    }
}
