//! The lowering × category matrix of the report: for each lowering backend
//! of a campaign (`v8+babel`, ...), how many programs it ran, could not
//! express or its transpiler refused, and per construct category the
//! divergent programs (and buckets) where it departs from its engine's
//! native run. A bucket's categories are those its minimized repro uses
//! (read off its syntax, `generators::census`), so a row says which
//! constructs the lowering gets wrong, not which ones merely shared a
//! program with them.

use crate::campaign::summary::{BucketSummary, CampaignSummary};
use crate::engines::lowering;
use generators::census::{category, constructs, CONSTRUCTS};
use std::collections::BTreeMap;

/// One row per lowering backend: name, the cells after it.
pub struct Matrix {
    pub categories: Vec<&'static str>,
    pub rows: Vec<(String, LoweringRow)>,
}

#[derive(Default)]
pub struct LoweringRow {
    pub ok: u64,
    pub unsupported: u64,
    pub lowering_errors: u64,
    /// Category -> (divergent programs, buckets) where it departs.
    pub departures: BTreeMap<&'static str, (u64, u64)>,
    pub buckets: u64,
}

/// The matrix of `s`, `None` when no lowering ran.
pub fn matrix(s: &CampaignSummary) -> Option<Matrix> {
    let lowered: Vec<&String> = s.backends.iter().filter(|b| lowering::native_of(b).is_some()).collect();
    if lowered.is_empty() {
        return None;
    }
    let mut categories: Vec<&'static str> = Vec::new();
    for (_, c) in CONSTRUCTS {
        if !categories.contains(c) {
            categories.push(c);
        }
    }
    let mut rows: Vec<(String, LoweringRow)> = Vec::new();
    for name in lowered {
        let mut row = LoweringRow::default();
        let statuses = s.statuses.get(name.as_str());
        let count = |status: &str| statuses.and_then(|m| m.get(status)).copied().unwrap_or(0);
        row.ok = count("ok");
        row.unsupported = count("unsupported");
        row.lowering_errors = count("lowering-error");
        let engine = lowering::native_of(name).expect("a lowering");
        for b in s.buckets.values() {
            let group_of = |n: &str| b.groups.iter().position(|g| g.iter().any(|m| m == n));
            let (Some(mine), Some(native)) = (group_of(name), group_of(engine)) else { continue };
            if mine == native {
                continue;
            }
            row.buckets += 1;
            let used: Vec<&'static str> = match crate::frontend::parse_program(&b.repro_js, &b.id) {
                Ok(p) => {
                    let mut c: Vec<&'static str> = constructs(&p).into_iter().map(category).collect();
                    c.sort_unstable();
                    c.dedup();
                    c
                }
                Err(_) => vec!["other"],
            };
            for c in used {
                let cell = row.departures.entry(c).or_default();
                cell.0 += b.count;
                cell.1 += 1;
                if !categories.contains(&c) {
                    categories.push(c);
                }
            }
        }
        rows.push((name.clone(), row));
    }
    Some(Matrix { categories, rows })
}

/// The matrix as a markdown section, empty when no lowering ran.
pub fn markdown(s: &CampaignSummary) -> String {
    let Some(m) = matrix(s) else { return String::new() };
    let mut out = String::from("## Lowerings\n\n");
    out.push_str(
        "Each lowering against its engine's native run: programs it ran, could not express \
         (`unsupported`) or its transpiler refused (`lowering-error`), its buckets, and per category \
         the divergent programs (buckets) whose minimized repro uses that category.\n\n",
    );
    let mut header: Vec<String> = ["lowering", "ok", "unsupported", "lowering-error", "buckets"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(m.categories.iter().map(|c| c.to_string()));
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    out.push_str(&format!("|---|{}\n", "---:|".repeat(header.len() - 1)));
    for (name, row) in &m.rows {
        let mut cells = vec![
            format!("`{name}`"),
            row.ok.to_string(),
            row.unsupported.to_string(),
            row.lowering_errors.to_string(),
            row.buckets.to_string(),
        ];
        cells.extend(m.categories.iter().map(|c| match row.departures.get(c) {
            Some((programs, buckets)) => format!("{programs} ({buckets})"),
            None => "0".into(),
        }));
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out.push('\n');
    out
}

/// A bucket's lowered repros in a markdown report, after its repro: what
/// each is, its file, and its program (`fenced` makes the block, `text` and
/// `code` escape, as the rest of the report does).
pub fn bucket_markdown(
    b: &BucketSummary,
    fenced: fn(&str) -> String,
    text: fn(&str) -> String,
    code: fn(&str) -> String,
) -> String {
    let mut out = String::new();
    for r in &b.lowered {
        out.push_str(&format!("- **lowered ({}):** {}", code(&r.lowering), text(&r.what)));
        if let Some(file) = &r.file {
            out.push_str(&format!(", {}", code(&format!("{}/{file}", crate::campaign::summary::BUCKET_DIR))));
        }
        out.push_str("\n\n");
        match (&r.js, &r.error) {
            (Some(js), _) => out.push_str(&fenced(js)),
            (None, Some(why)) => out.push_str(&format!("not lowered: {}\n", text(why))),
            (None, None) => {}
        }
        out.push('\n');
    }
    out
}

/// A bucket's lowered repros in the HTML report, after its repro and traces.
pub fn bucket_html(b: &BucketSummary) -> String {
    use super::html::esc;
    let mut o = String::new();
    for r in &b.lowered {
        o.push_str(&format!("<h4>Lowered: {}</h4>\n<p>{}", esc(&r.lowering), esc(&r.what)));
        if let Some(file) = &r.file {
            o.push_str(&format!(" — <code>{}/{}</code>", crate::campaign::summary::BUCKET_DIR, esc(file)));
        }
        o.push_str("</p>\n");
        match (&r.js, &r.error) {
            (Some(js), _) => o.push_str(&format!("<pre class=\"js\"><code>{}</code></pre>\n", esc(js))),
            (None, Some(why)) => o.push_str(&format!("<p class=\"muted\">Not lowered: {}</p>\n", esc(why))),
            (None, None) => {}
        }
    }
    o
}
