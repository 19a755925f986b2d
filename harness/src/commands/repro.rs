//! `tickdiff repro`: re-run one case on every backend and show the traces
//! side by side, the first divergence marked with each side's task and job,
//! and the reference's explanation of the events there; `--html` draws it
//! as a timeline.

use crate::backends::known_names;
use crate::differ::{compare, describe_first};
use crate::engines::lowering;
use crate::error::Error;
use crate::fsutil::write_atomic;
use crate::inputs;
use crate::outcome::{Backend, Limits};
use crate::reference::{run_explained, Mutant};
use crate::report::{program_page, ProgramSection};
use std::fmt::Write as _;
use std::path::Path;

/// Backends a file's `results:` may turn on by itself: the reference (and
/// its mutants) and the engines every default run has. Anything else
/// (`node`) runs only when `--engines` names it.
const RECORDED_DEFAULT_OK: &[&str] = &["quickjs", "boa"];

/// The backends a case was recorded with, plus the reference, as an
/// `--engines` list: only known names, and none a file may not enable on
/// its own (those are reported on stderr, with how to enable them).
pub fn recorded_backends(path: &Path) -> Result<Option<String>, Error> {
    let loaded = inputs::load(path)?;
    let Some(case) = loaded.case.filter(|c| !c.results.is_empty()) else {
        return Ok(None);
    };
    let (names, skipped) = pick_recorded(case.results.keys().map(String::as_str));
    if !skipped.is_empty() {
        let known = known_names();
        let enable: Vec<&str> =
            skipped.iter().map(String::as_str).filter(|s| known.iter().any(|k| k == s)).collect();
        let hint = if enable.is_empty() {
            String::new()
        } else {
            format!(" (add them with --engines {},{})", names.join(","), enable.join(","))
        };
        eprintln!(
            "{}: recorded results of {} not re-run: backends come from the command line{hint}",
            path.display(),
            skipped.join(", "),
        );
    }
    Ok(Some(names.join(",")))
}

/// The recorded names a file may enable (the reference first, each once)
/// and the others, shown as given (quoted when unknown).
fn pick_recorded<'a>(recorded: impl Iterator<Item = &'a str>) -> (Vec<String>, Vec<String>) {
    let known = known_names();
    let mut names = vec!["reference".to_string()];
    let mut skipped = Vec::new();
    for name in recorded {
        let allowed = name.starts_with("reference") || RECORDED_DEFAULT_OK.contains(&name);
        if allowed && known.iter().any(|k| k == name) {
            if !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        } else if known.iter().any(|k| k == name) {
            skipped.push(name.to_string());
        } else {
            skipped.push(format!("unknown {:?}", name.chars().take(40).collect::<String>()));
        }
    }
    (names, skipped)
}

/// Re-runs `path` and prints the comparison; with `html`, also writes the
/// timeline page there.
pub fn repro(
    path: &Path,
    backends: Vec<Box<dyn Backend>>,
    limits: Limits,
    html: Option<&Path>,
) -> Result<i32, Error> {
    let loaded = inputs::load(path)?;
    let names: Vec<&str> = backends.iter().map(|b| b.name()).collect();
    let outcomes: Vec<_> = backends.iter().map(|b| b.run(&loaded.input, &limits)).collect();
    let divergence = compare(&names, &outcomes);
    let mut s = String::new();
    let _ = writeln!(s, "{}\n", loaded.input.source.trim_end());
    if let Some(case) = &loaded.case {
        if let Some(d) = &case.divergence {
            let _ = writeln!(s, "recorded: bucket {} ({})\n", d.bucket, d.key);
        }
    }
    let first = divergence.as_ref().and_then(|d| d.first.as_ref()).map(|f| f.index);
    let width = 24;
    let rows = outcomes.iter().map(|o| o.trace.len()).max().unwrap_or(0);
    let _ = write!(s, "    #  ");
    for n in &names {
        let _ = write!(s, "{n:<width$}");
    }
    s.push('\n');
    for i in 0..rows {
        let mark = if Some(i) == first { ">>" } else { "  " };
        let _ = write!(s, "{mark}{i:>3}  ");
        for o in &outcomes {
            let cell = match o.trace.get(i) {
                Some(e) => {
                    let job = e.job.map(|j| format!(" j{j}")).unwrap_or_default();
                    format!("{} (t{}{job})", e.label, e.task)
                }
                None => String::new(),
            };
            let _ = write!(s, "{cell:<width$}");
        }
        s.push('\n');
    }
    let _ = write!(s, "{:7}", "status");
    for o in &outcomes {
        let _ = write!(s, "{:<width$}", o.status.as_str());
    }
    s.push('\n');
    match &divergence {
        None => {
            let _ = writeln!(s, "\nall backends agree");
        }
        Some(d) => {
            let _ = writeln!(s, "\nDIVERGE {}\n{}", d.signature, describe_first(d));
            if let (Some(model), Some(f)) = (&loaded.input.model, &d.first) {
                let explained = run_explained(model, Mutant::None, limits.max_steps);
                let labels: Vec<&str> = f.events.iter().flatten().map(|e| e.label.as_str()).collect();
                for label in labels {
                    if let Some(i) = explained.outcome.trace.iter().position(|e| e.label == label) {
                        let e = &explained.outcome.trace[i];
                        let _ = writeln!(
                            s,
                            "\nreference: '{label}' is event {i}, task {} job {}:",
                            e.task,
                            e.job.unwrap_or(0)
                        );
                        for link in explained.chain(i) {
                            let _ = writeln!(s, "  <- {link}");
                        }
                    }
                }
            }
        }
    }
    // Where each lowering departs from its engine, and the program as it ran.
    let reference_outcome = || match names.iter().position(|n| *n == "reference") {
        Some(i) => Some(outcomes[i].clone()),
        None => loaded.input.model.as_ref().map(|m| run_explained(m, Mutant::None, limits.max_steps).outcome),
    };
    let source = &loaded.input.source;
    let lowered = lowering::explain(&names, &outcomes, reference_outcome, source, &limits, "");
    if !lowered.is_empty() {
        let _ = writeln!(s, "\n{}", lowered.trim_end());
    }
    print!("{s}");
    if let Some(out) = html {
        let heading = path.display().to_string();
        let section = ProgramSection::new(heading, &loaded.input, &names, &outcomes, limits.max_steps, 0);
        let title = format!("tickdiff repro {}", path.display());
        write_atomic(out, program_page(&title, &[section]).as_bytes())?;
        eprintln!("timeline written to {}", out.display());
    }
    Ok(if divergence.is_some() { super::exit::FOUND } else { super::exit::OK })
}

#[cfg(test)]
mod tests {
    use super::pick_recorded;

    #[test]
    fn a_file_cannot_turn_on_node_or_unknown_backends() {
        let (names, skipped) =
            pick_recorded(["boa", "node", "quickjs", "reference:await-3tick", "x;rm"].into_iter());
        assert_eq!(names, ["reference", "boa", "quickjs", "reference:await-3tick"]);
        assert_eq!(skipped, ["node", "unknown \"x;rm\""]);
    }
}
