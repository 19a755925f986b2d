//! The report as GitHub-flavoured Markdown: tables, and the repros in
//! ```js fences.

use super::*;
use std::fmt::Write;

/// Free text in Markdown: inline HTML and Markdown syntax are shown as
/// typed, never interpreted; newlines become spaces so tables stay intact.
/// (Escaping `[` and `]` is enough to rule out links and images; free text
/// never starts a line, so `#`, `>` and list markers are harmless.)
fn text(s: &str) -> String {
    escape(s, |c| match c {
        '\n' | '\r' | '\t' => Some(" "),
        '\\' => Some("\\\\"),
        '`' => Some("\\`"),
        '*' => Some("\\*"),
        '_' => Some("\\_"),
        '[' => Some("\\["),
        ']' => Some("\\]"),
        '|' => Some("\\|"),
        '~' => Some("\\~"),
        c => markup(c),
    })
}

/// A code span that survives any content: the delimiter is one backtick
/// longer than the longest run inside; `|` is escaped for tables.
fn code(s: &str) -> String {
    let s = event_text(s).replace('|', "\\|");
    if s.is_empty() {
        return "*(empty)*".into();
    }
    let ticks = "`".repeat(longest_backtick_run(&s) + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') || (s.starts_with(' ') && s.ends_with(' ')) {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{s}{pad}{ticks}")
}

fn longest_backtick_run(s: &str) -> usize {
    let (mut best, mut run) = (0, 0);
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// A fenced ```js block around any source (the fence outgrows backtick runs in it).
fn fenced_js(src: &str) -> String {
    let fence = "`".repeat(longest_backtick_run(src).max(2) + 1);
    let src = visible(src);
    let nl = if src.ends_with('\n') { "" } else { "\n" };
    format!("{fence}js\n{src}{nl}{fence}\n")
}

fn row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

pub(super) fn render(s: &CampaignSummary) -> String {
    let mut out = String::new();
    let engines = engines_under_test(s);
    let buckets = sorted_buckets(s);
    let new = buckets.iter().filter(|b| !b.known).count();

    out.push_str("# tickdiff conformance report\n\n");
    if !s.finished {
        out.push_str(&format!("> **Note:** {}\n\n", super::unfinished_note(s)));
    }
    out.push_str("| | |\n|---|---|\n");
    let mut kv = |k: &str, v: String| out.push_str(&row(&[k.to_string(), v]));
    kv("tool version", code(&s.tool_version));
    kv("generator version", s.generator_version.to_string());
    kv("seed", s.seeds_label());
    kv("shard", s.shard.as_deref().map(text).unwrap_or_else(|| "—".into()));
    if s.index_stride > 1 {
        kv("program indices", format!("i % {} == {}", s.index_stride, s.index_offset));
    }
    kv("programs run", s.programs.to_string());
    kv(
        "divergent programs",
        format!("{} ({})", s.divergent_programs, format_percent(rate(s.divergent_programs, s.programs))),
    );
    kv("buckets", format!("{} ({new} new, {} known)", buckets.len(), buckets.len() - new));
    kv("elapsed", format_elapsed(s.elapsed_seconds));
    kv("finished", super::finished_label(s).into());
    out.push('\n');

    out.push_str("## Tested versions\n\n| backend | engine and version |\n|---|---|\n");
    for b in all_backends(s) {
        let v = s.versions.get(&b).map(|v| text(v)).unwrap_or_else(|| "unknown".into());
        out.push_str(&row(&[code(&b), v]));
    }
    out.push('\n');

    out.push_str("## Engines\n\n");
    let cols = status_columns(s);
    let mut header = vec!["engine".to_string(), "programs".into(), "agreement with reference".into()];
    header.extend(cols.iter().cloned());
    out.push_str(&row(&header));
    let mut align = vec!["---".to_string(), "---:".into(), "---:".into()];
    align.extend(cols.iter().map(|_| "---:".to_string()));
    out.push_str(&row(&align));
    let mut status_row = |name: String, b: &str, agreement: String| {
        let st = s.statuses.get(b);
        let mut cells = vec![name, programs_of(s, b).to_string(), agreement];
        cells.extend(cols.iter().map(|c| st.and_then(|m| m.get(c)).copied().unwrap_or(0).to_string()));
        out.push_str(&row(&cells));
    };
    for e in &engines {
        let agree = s.agree_with_reference.get(e).copied().unwrap_or(0);
        let r = rate(agree, programs_of(s, e));
        status_row(code(e), e, format!("{} ({agree})", format_percent(r)));
    }
    if all_backends(s).iter().any(|b| b == REFERENCE) {
        status_row(format!("{} (oracle)", code(REFERENCE)), REFERENCE, "—".into());
    }
    out.push('\n');

    out.push_str("## Construct categories\n\n");
    if s.categories.is_empty() {
        out.push_str("No category statistics recorded.\n\n");
    } else {
        let mut header = vec!["category".to_string(), "programs".into(), "divergent".into()];
        header.extend(engines.iter().map(|e| code(e)));
        out.push_str(&row(&header));
        out.push_str(&row(&vec!["---:".to_string(); header.len()]).replacen("---:", "---", 1));
        for (name, c) in &s.categories {
            let mut cells = vec![text(name), c.programs.to_string(), c.divergent_programs.to_string()];
            cells.extend(engines.iter().map(|e| {
                format_percent(rate(c.agree_with_reference.get(e).copied().unwrap_or(0), c.programs))
            }));
            out.push_str(&row(&cells));
        }
        out.push('\n');
    }

    out.push_str(&super::lowerings::markdown(s));
    coverage(&mut out, &s.coverage);

    out.push_str("## Buckets\n\n");
    if buckets.is_empty() {
        out.push_str("No divergences.\n");
        return out;
    }
    out.push_str("| | bucket | kind | count | sides | first difference |\n|---|---|---|---:|---|---|\n");
    for b in &buckets {
        out.push_str(&row(&[
            if b.known { "known".into() } else { "**NEW**".into() },
            format!("[{}](#{})", code(&b.id), anchor(&b.id)),
            code(&b.kind),
            b.count.to_string(),
            text(&sides(b)),
            text(&b.first_difference),
        ]));
    }
    out.push('\n');

    for b in &buckets {
        bucket(&mut out, b);
    }
    out
}

/// The spec-step coverage section: the figure and the steps never hit.
fn coverage(out: &mut String, c: &crate::campaign::coverage::CoverageSums) {
    out.push_str("## Spec-step coverage\n\n");
    if c.programs == 0 {
        out.push_str("No programs counted.\n\n");
        return;
    }
    let _ = writeln!(
        out,
        "The reference took {} of the {} spec steps it implements ({:.1}%) over {} programs.\n",
        c.hit,
        c.implemented,
        c.percent(),
        c.programs
    );
    if c.never_hit.is_empty() {
        out.push_str("Every implemented step was taken.\n\n");
        return;
    }
    let _ = writeln!(out, "Never taken ({}):\n", c.never_hit.len());
    for name in &c.never_hit {
        let _ = writeln!(out, "- {}", code(name));
    }
    out.push('\n');
}

/// The anchor GitHub derives from a bucket heading (`### order-3f9c…`).
fn anchor(id: &str) -> String {
    id.chars()
        .filter_map(|c| match c {
            'a'..='z' | '0'..='9' | '-' | '_' => Some(c),
            'A'..='Z' => Some(c.to_ascii_lowercase()),
            ' ' => Some('-'),
            _ => None,
        })
        .collect()
}

fn bucket(out: &mut String, b: &BucketSummary) {
    let _ = writeln!(out, "### {}\n", text(&b.id));
    let status = if b.known { "known (in the baseline)" } else { "**NEW** (not in the baseline)" };
    let _ = writeln!(out, "- **status:** {status}");
    let _ = writeln!(out, "- **kind:** {}", code(&b.kind));
    let examples = b.examples.iter().map(|e| e.to_string()).collect::<Vec<_>>().join(", ");
    let _ = writeln!(
        out,
        "- **count:** {} divergent program{}{}",
        b.count,
        if b.count == 1 { "" } else { "s" },
        if examples.is_empty() { String::new() } else { format!(" (program indices {examples})") }
    );
    for (i, g) in b.groups.iter().enumerate() {
        let _ = writeln!(
            out,
            "- **side {}:** {}",
            i + 1,
            g.iter().map(|n| code(n)).collect::<Vec<_>>().join(", ")
        );
    }
    let _ = writeln!(out, "- **key:** {}", code(&b.key));
    let _ = writeln!(out, "- **first difference:** {}", text(&b.first_difference));
    if !b.causal_steps.is_empty() {
        let steps: Vec<String> = b.causal_steps.iter().map(|s| code(s)).collect();
        let _ = writeln!(out, "- **spec steps behind it** (innermost first): {}", steps.join(", "));
    }
    let _ = writeln!(
        out,
        "- **repro:** {} ({} statements, minimized from {} in {:.1} s)\n",
        code(&format!("{}/{}", crate::campaign::summary::BUCKET_DIR, b.repro)),
        b.repro_statements,
        b.original_statements,
        b.minimize_seconds
    );
    out.push_str(&fenced_js(&b.repro_js));
    out.push('\n');
    out.push_str(&super::lowerings::bucket_markdown(b, fenced_js, text, code));

    if b.traces.is_empty() {
        out.push_str("No traces recorded.\n\n");
        return;
    }
    let first = first_divergent_event(&b.traces);
    let mut header = vec!["#".to_string()];
    header.extend(
        (0..b.traces.len()).map(|i| text(&b.groups.get(i).map(|g| group_label(g)).unwrap_or_default())),
    );
    out.push_str(&row(&header));
    let mut align = vec!["---:".to_string()];
    align.extend(b.traces.iter().map(|_| "---".to_string()));
    out.push_str(&row(&align));
    for i in 0..trace_rows(&b.traces) {
        let cells = b.traces.iter().map(|t| match t.get(i) {
            Some(e) => code(e),
            None => "*(end)*".into(),
        });
        let mut r = vec![];
        if Some(i) == first {
            r.push(format!("**➜ {i}**"));
            r.extend(cells.map(|c| format!("**{c}**")));
        } else if row_differs(&b.traces, i) {
            r.push(format!("{i} ≠"));
            r.extend(cells);
        } else {
            r.push(i.to_string());
            r.extend(cells);
        }
        out.push_str(&row(&r));
    }
    out.push('\n');
    match first {
        Some(i) => {
            let _ =
                writeln!(out, "➜ marks the first differing event (#{i}); ≠ marks later rows that differ.\n");
        }
        None => out.push_str("The traces are equal: the sides differ in how the run ended.\n\n"),
    }
}
