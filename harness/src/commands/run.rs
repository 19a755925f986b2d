//! `tickdiff run`: run programs (YAML models or JavaScript files) on the
//! selected backends and show whether they agree; `--html` draws each
//! program's timeline.

use crate::differ::{compare, describe_first, Divergence};
use crate::engines::lowering;
use crate::error::Error;
use crate::fsutil::write_atomic;
use crate::inputs::{self, LoadedProgram};
use crate::outcome::{Backend, Limits, Outcome, Status};
use crate::reference::{self, Mutant, Reference};
use crate::report::{program_page, ProgramSection};
use crate::runner::run_all;
use serde_json::json;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum RunFormat {
    Text,
    Json,
    Jsonl,
}

pub struct RunOptions {
    pub backends: Vec<Box<dyn Backend>>,
    pub format: RunFormat,
    /// Print the reference's job chain for each event (text format).
    pub explain: bool,
    pub jobs: usize,
    pub limits: Limits,
    /// Also write every program's timeline to this HTML page.
    pub html: Option<PathBuf>,
}

/// One program's results, ready to print.
pub struct ProgramReport<'a> {
    pub program: &'a LoadedProgram,
    pub outcomes: Vec<Outcome>,
    pub divergence: Option<Divergence>,
}

/// Runs every file and prints the results; returns the exit status: 0 all
/// agree, 1 some divergence, or the status of the first file that could not
/// be loaded (the others still run).
pub fn run(paths: &[PathBuf], opts: &RunOptions) -> Result<i32, Error> {
    let loaded = inputs::load_all(paths)?;
    let mut bad_input = None;
    let mut programs = Vec::new();
    for l in loaded {
        match l {
            Ok(p) => programs.push(p),
            Err(e) => {
                eprintln!("error: {e}");
                bad_input.get_or_insert(e.kind());
            }
        }
    }
    let inputs: Vec<_> = programs.iter().map(|p| p.input.clone()).collect();
    let mut rows = run_all(&inputs, &opts.backends, &opts.limits, opts.jobs);
    let names: Vec<&str> = opts.backends.iter().map(|b| b.name()).collect();
    // A JS file the front end rejected: say why the reference could not run it.
    for (p, row) in programs.iter().zip(rows.iter_mut()) {
        if let Some(why) = &p.model_error {
            for (name, o) in names.iter().zip(row.iter_mut()) {
                if name.starts_with("reference") {
                    o.detail = Some(why.to_string());
                }
            }
        }
    }
    let reports: Vec<ProgramReport> = programs
        .iter()
        .zip(rows)
        .map(|(program, outcomes)| {
            let divergence = compare(&names, &outcomes);
            ProgramReport { program, outcomes, divergence }
        })
        .collect();
    let out = match opts.format {
        RunFormat::Text => render_text(&reports, &names, opts),
        RunFormat::Json => {
            let all: Vec<_> = reports.iter().map(|r| report_json(r, &names)).collect();
            serde_json::to_string_pretty(&all).unwrap() + "\n"
        }
        RunFormat::Jsonl => reports.iter().map(|r| report_json(r, &names).to_string() + "\n").collect(),
    };
    print!("{out}");
    if let Some(path) = &opts.html {
        let sections: Vec<ProgramSection> = reports
            .iter()
            .enumerate()
            .map(|(n, r)| {
                let heading = r.program.path.display().to_string();
                ProgramSection::new(heading, &r.program.input, &names, &r.outcomes, opts.limits.max_steps, n)
            })
            .collect();
        write_atomic(path, program_page("tickdiff run", &sections).as_bytes())?;
        eprintln!("timelines written to {}", path.display());
    }
    Ok(if let Some(kind) = bad_input {
        kind.exit_code()
    } else if reports.iter().any(|r| r.divergence.is_some()) {
        super::exit::FOUND
    } else {
        super::exit::OK
    })
}

pub fn outcome_json(o: &Outcome) -> serde_json::Value {
    let mut v = json!({
        "status": o.status.as_str(),
        "trace": o.labels(),
        "events": o.trace,
    });
    if let Some(d) = &o.detail {
        v["detail"] = json!(d);
    }
    v
}

fn report_json(r: &ProgramReport, names: &[&str]) -> serde_json::Value {
    let results: serde_json::Map<String, serde_json::Value> =
        names.iter().zip(&r.outcomes).map(|(n, o)| (n.to_string(), outcome_json(o))).collect();
    let mut v = json!({
        "file": r.program.path.display().to_string(),
        "results": results,
        "agree": r.divergence.is_none(),
    });
    if let Some(d) = &r.divergence {
        v["divergence"] = json!({
            "kind": d.signature.kind.to_string(),
            "groups": d.signature.groups,
            "first": describe_first(d),
        });
    }
    v
}

fn render_text(reports: &[ProgramReport], names: &[&str], opts: &RunOptions) -> String {
    let mut s = String::new();
    let width = names.iter().map(|n| n.len()).max().unwrap_or(8);
    for r in reports {
        let _ = writeln!(s, "== {}", r.program.path.display());
        for (name, o) in names.iter().zip(&r.outcomes) {
            let detail = match (&o.detail, o.status) {
                (Some(d), st) if st != Status::Ok => format!("  ({})", first_line(d)),
                _ => String::new(),
            };
            let _ = writeln!(s, "  {name:width$}  {:<14} {}{detail}", o.status.as_str(), show_trace(o));
        }
        match &r.divergence {
            None => {
                let _ = writeln!(s, "  agree");
            }
            Some(d) => {
                let _ = writeln!(s, "  DIVERGE {}\n          {}", d.signature, describe_first(d));
            }
        }
        if opts.explain {
            explain_into(&mut s, r, names);
        }
    }
    if reports.len() > 1 {
        s.push('\n');
        s.push_str(&agreement_table(reports, names));
    }
    s
}

/// The reference's explanation of every event, for each reference backend selected.
fn explain_into(s: &mut String, r: &ProgramReport, names: &[&str]) {
    // Where each lowering departs from its engine, and the program as it ran.
    let input = &r.program.input;
    let limits = Limits::default();
    let reference_outcome = || match names.iter().position(|n| *n == "reference") {
        Some(i) => Some(r.outcomes[i].clone()),
        None => {
            input.model.as_ref().map(|m| reference::run_explained(m, Mutant::None, limits.max_steps).outcome)
        }
    };
    let lowered = lowering::explain(names, &r.outcomes, reference_outcome, &input.source, &limits, "  ");
    s.push_str(&lowered);
    let Some(model) = &r.program.input.model else {
        let _ = writeln!(s, "  (no explanation: the reference has no model of this file)");
        return;
    };
    // A lowering departs from its engine's native order: the reference
    // explains that order even when it is not in the list.
    let lowered = names.iter().any(|n| crate::engines::lowering::native_of(n).is_some());
    let implied = (lowered && !names.iter().any(|n| n.starts_with("reference"))).then_some(&"reference");
    for name in names.iter().filter(|n| n.starts_with("reference")).chain(implied) {
        let mutant = name
            .strip_prefix("reference:")
            .map(|m| m.parse().unwrap_or(Mutant::None))
            .unwrap_or(Mutant::None);
        let explained = reference::run_explained(model, mutant, Limits::default().max_steps);
        let _ = writeln!(s, "  explanation ({}):", Reference::new(mutant).name());
        for (i, e) in explained.outcome.trace.iter().enumerate() {
            let job = e.job.map(|j| format!(" job {j}")).unwrap_or_default();
            let _ = writeln!(s, "    {:<10} task {}{job}", e.label, e.task);
            for link in explained.chain(i) {
                let _ = writeln!(s, "               <- {link}");
            }
            for step in explained.steps_behind(i) {
                let _ = writeln!(s, "               spec <- {}", step.name());
            }
        }
    }
}

/// Labels separated by spaces; a label that is empty or has whitespace is
/// shown JSON-quoted so the trace stays unambiguous.
fn show_trace(o: &Outcome) -> String {
    let shown: Vec<String> = o
        .labels()
        .iter()
        .map(|l| {
            if l.is_empty() || l.chars().any(char::is_whitespace) {
                serde_json::to_string(l).unwrap()
            } else {
                l.to_string()
            }
        })
        .collect();
    shown.join(" ")
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

/// Files x backends: `ok` where a backend is in the reference's group (or
/// the largest group when no reference runs), `DIFF` where it is not, the
/// status otherwise.
pub fn agreement_table(reports: &[ProgramReport], names: &[&str]) -> String {
    let mut s = String::new();
    let file_width =
        reports.iter().map(|r| r.program.path.display().to_string().len()).max().unwrap_or(4).max(4);
    let _ = write!(s, "{:file_width$}", "file");
    for n in names {
        let _ = write!(s, "  {n:>10}");
    }
    s.push('\n');
    let mut agree_count = vec![0usize; names.len()];
    for r in reports {
        let _ = write!(s, "{:file_width$}", r.program.path.display().to_string());
        let anchor: Option<&Vec<String>> = r.divergence.as_ref().map(|d| {
            let groups = &d.signature.groups;
            groups
                .iter()
                .find(|g| g.iter().any(|n| n == "reference"))
                .unwrap_or_else(|| groups.iter().max_by_key(|g| g.len()).unwrap())
        });
        for (i, (name, o)) in names.iter().zip(&r.outcomes).enumerate() {
            let mark = if o.status == Status::Unsupported {
                "-".to_string()
            } else {
                match anchor {
                    None => "ok".to_string(),
                    Some(g) if g.iter().any(|n| n == name) => "ok".to_string(),
                    Some(_) if o.status != Status::Ok => o.status.as_str().to_string(),
                    Some(_) => "DIFF".to_string(),
                }
            };
            if mark == "ok" {
                agree_count[i] += 1;
            }
            let _ = write!(s, "  {mark:>10}");
        }
        s.push('\n');
    }
    let _ = write!(s, "{:file_width$}", "agreeing");
    for c in agree_count {
        let _ = write!(s, "  {:>10}", format!("{c}/{}", reports.len()));
    }
    s.push('\n');
    s
}
