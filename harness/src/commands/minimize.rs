//! `tickdiff minimize`: shrink one divergent program to a 1-minimal repro.

use crate::bucket::{bucket_id, bucket_key};
use crate::differ::describe_first;
use crate::error::Error;
use crate::inputs;
use crate::minimize::Minimizer;
use crate::outcome::{Backend, Limits};
use generators::corpus::{CorpusCase, RecordedDivergence, RecordedResult};
use generators::model::statement_count;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub fn minimize(
    path: &Path,
    backends: Vec<Box<dyn Backend>>,
    out: Option<PathBuf>,
    limits: Limits,
) -> Result<i32, Error> {
    let loaded = inputs::load(path)?;
    let Some(program) = loaded.input.model.clone() else {
        return Err(match loaded.model_error {
            Some(why) => Error::Program(why),
            None => Error::Internal(format!("{}: no program model", path.display())),
        });
    };
    let started = Instant::now();
    let minimizer = Minimizer::new(&backends, limits.clone());
    let Some(min) = minimizer.minimize(&program) else {
        if minimizer.signature(&program).is_some() {
            println!(
                "{}: the divergence did not reproduce while minimizing (flaky: a wall-clock limit \
                 under load, or a worker killed from outside?); nothing written",
                path.display()
            );
        } else {
            println!("{}: the backends agree; nothing to minimize", path.display());
        }
        return Ok(super::exit::OK);
    };
    let key = bucket_key(&min.program, &min.divergence, limits.max_steps);
    let id = bucket_id(&key, &min.divergence.signature.kind);
    let mut case = loaded.case.clone().unwrap_or_else(|| CorpusCase::new(program.clone()));
    case.program = min.program.clone();
    case.results = backends
        .iter()
        .zip(&min.outcomes)
        .map(|(b, o)| {
            let trace = o.labels().iter().map(|s| s.to_string()).collect();
            (b.name().to_string(), RecordedResult { status: o.status.as_str().to_string(), trace })
        })
        .collect();
    case.versions = backends.iter().map(|b| (b.name().to_string(), b.version())).collect();
    case.divergence = Some(RecordedDivergence {
        bucket: id.clone(),
        key: key.clone(),
        groups: min.divergence.signature.groups.clone(),
        first_difference: describe_first(&min.divergence),
        original_statements: statement_count(&program),
        minimized_statements: statement_count(&min.program),
    });
    let out = out.unwrap_or_else(|| path.with_extension("min.yaml"));
    crate::fsutil::write_atomic(&out, case.to_yaml().as_bytes())?;
    println!(
        "{} -> {} statements in {:.2}s ({} checks); bucket {id}\nreductions: {}\n{key}\n{}\n\n{}wrote {}",
        statement_count(&program),
        statement_count(&min.program),
        started.elapsed().as_secs_f64(),
        min.checks,
        min.reductions.summary(),
        describe_first(&min.divergence),
        generators::print_program(&min.program),
        out.display()
    );
    Ok(super::exit::FOUND)
}
