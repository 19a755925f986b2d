//! Guided campaigns (`fuzz --guided`, harness/src/campaign/guided.rs): the
//! same seed gives the same programs and corpus at any thread count, every
//! corpus entry is the program that added it and can be made again from the
//! saved corpus, and a saved corpus seeds the next campaign.

mod common;

use common::tickdiff;
use generators::corpus::CorpusCase;
use generators::model::Program;
use generators::{validate, GenConfig, Generator};
use harness::campaign::guided::{self, Guided, ProgramSource, BATCH, CORPUS_DIR};
use harness::outcome::Limits;
use std::path::Path;

/// Programs of the campaigns here: three batches, so the third draws on the
/// corpus of the first.
const COUNT: u64 = 3 * BATCH as u64;

fn fuzz(out: &Path, seed: u64, jobs: usize, extra: &[&str]) {
    let out_text = out.to_str().unwrap();
    let (seed, count, jobs) = (seed.to_string(), COUNT.to_string(), jobs.to_string());
    let mut args = vec![
        "fuzz",
        "--guided",
        "--seed",
        &seed,
        "--count",
        &count,
        "--jobs",
        &jobs,
        "--engines",
        "reference",
    ];
    args.extend(["--out", out_text]);
    args.extend(extra);
    let run = tickdiff().args(&args).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
}

/// The corpus folder's files, by name, with their text.
fn corpus_files(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir.join(CORPUS_DIR))
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read_to_string(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

fn statuses(dir: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("campaign.json")).unwrap();
    let summary: serde_json::Value = serde_json::from_str(&text).unwrap();
    serde_json::json!([summary["programs"], summary["statuses"], summary["categories"]])
}

#[test]
fn the_same_seed_gives_the_same_corpus_at_one_and_two_threads_and_it_reloads() {
    let tmp = tempfile::tempdir().unwrap();
    let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
    fuzz(&one, 3, 1, &[]);
    fuzz(&two, 3, 2, &[]);
    let files = corpus_files(&one);
    assert!(files.len() > 5, "a corpus of {} programs", files.len());
    assert_eq!(files, corpus_files(&two));
    assert_eq!(statuses(&one), statuses(&two));
    // Every entry is the program that added it, made again from the corpus
    // as it is saved (as a resumed campaign or a minimization makes it).
    let source = Guided::new(GenConfig::default(), 1, Limits::default().max_steps, vec![]);
    source.start(&one, COUNT).unwrap();
    for (name, _) in &files {
        let case = CorpusCase::load(&one.join(CORPUS_DIR).join(name)).unwrap();
        let index = case.index.expect("an added entry names its program");
        assert_eq!(source.program(3, index), case.program, "{name}");
    }
    // The third batch mutates the corpus of the first.
    let fresh = Generator::new(GenConfig::default());
    let third = 2 * BATCH as u64..COUNT;
    let mutated = third.filter(|&i| source.program(3, i) != fresh.program(3, i)).count();
    assert!(mutated > BATCH / 4, "{mutated} of the third batch are mutations");
    assert_eq!(corpus_files(&one), files, "reloading changed the corpus");
}

#[test]
fn a_saved_corpus_seeds_the_next_campaign() {
    let tmp = tempfile::tempdir().unwrap();
    let (night1, night2) = (tmp.path().join("night1"), tmp.path().join("night2"));
    fuzz(&night1, 5, 2, &[]);
    fuzz(&night2, 6, 2, &["--guided-corpus", night1.to_str().unwrap()]);
    let before: Vec<Program> = guided::load_corpus(&night1).unwrap();
    let seeds: Vec<Program> = corpus_files(&night2)
        .iter()
        .filter(|(name, _)| name.starts_with("seed-"))
        .map(|(name, _)| CorpusCase::load(&night2.join(CORPUS_DIR).join(name)).unwrap().program)
        .collect();
    assert_eq!(seeds, before, "night 2 starts from night 1's corpus, in order");
    // With a seed corpus, the first batch already mutates it.
    let source = Guided::in_memory(GenConfig::default(), Limits::default().max_steps, before);
    let fresh = Generator::new(GenConfig::default());
    let first: Vec<Program> = (0..BATCH as u64).map(|i| source.program(6, i)).collect();
    let mutated = first.iter().enumerate().filter(|(i, p)| **p != fresh.program(6, *i as u64)).count();
    assert!(mutated > BATCH / 4, "{mutated} of the first batch are mutations");
    for p in &first {
        assert!(validate::problems(p).is_empty());
    }
    // Without one, the first two batches are the unguided campaign's.
    let empty = Guided::in_memory(GenConfig::default(), Limits::default().max_steps, vec![]);
    for i in [0, 100, 2 * BATCH as u64 - 1] {
        assert_eq!(empty.program(6, i), fresh.program(6, i));
    }
}

#[test]
fn guided_corpus_needs_guided() {
    let tmp = tempfile::tempdir().unwrap();
    let run = tickdiff()
        .args(["fuzz", "--count", "1", "--guided-corpus", tmp.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2), "{}", String::from_utf8_lossy(&run.stderr));
}
