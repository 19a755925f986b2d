//! Replays every YAML case under corpus/ that records backend results: each
//! backend still gives exactly the recorded status and trace. A change in an
//! engine or in the reference shows up here as a failing case, named by path.

mod common;

use common::*;
use generators::corpus::CorpusCase;
use harness::backends;
use harness::inputs::expand;
use harness::outcome::ProgramInput;

#[test]
fn every_recorded_outcome_in_the_corpus_still_holds() {
    let files = expand(&[repo_root().join("corpus")]).unwrap();
    let yaml: Vec<_> = files.iter().filter(|p| p.extension().is_some_and(|e| e == "yaml")).collect();
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut skipped = std::collections::BTreeSet::new();
    for path in yaml {
        if path.file_name().is_some_and(|n| n == "baseline.yaml") {
            continue;
        }
        let case = CorpusCase::load(path).unwrap_or_else(|e| panic!("{e}"));
        let input = ProgramInput {
            source: generators::print_program(&case.program),
            model: Some(case.program.clone()),
        };
        for (name, recorded) in &case.results {
            // An external engine that does not run here (not installed, no
            // node on PATH) has nothing to say; .ci/run installs them all.
            if harness::engines::external_engine(name).is_some() && !harness::engines::available(name) {
                skipped.insert(name.clone());
                continue;
            }
            let Ok(backend) = backends::by_name(name) else {
                failures.push(format!("{}: unknown backend '{name}'", path.display()));
                continue;
            };
            let out = backend.run(&input, &limits());
            checked += 1;
            if out.status.as_str() != recorded.status || out.labels() != recorded.trace {
                failures.push(format!(
                    "{}: {name} now gives {} {:?}, recorded {} {:?}",
                    path.display(),
                    out.status,
                    out.labels(),
                    recorded.status,
                    recorded.trace
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("{checked} recorded outcomes replayed; not here, skipped: {skipped:?}");
}
