//! Guided campaigns (`fuzz --guided`): a corpus of the programs that took
//! the reference somewhere new, mutated on the model beside fresh
//! generation, as Fuzzilli keeps the programs that reach new engine code.
//!
//! A program's *features* are the spec steps the reference took running it
//! (`reference::coverage::Step`) and every pair of consecutive steps on an
//! event's causal chain (`Explained::steps_behind`: the step that enqueued
//! each job that led to a logged line). A program whose reference run is
//! `ok` and that has a feature no corpus entry had joins the corpus.
//!
//! Program `i` is either generated (`Generator::program(seed, i)`, the
//! unguided campaign's program `i`) or a mutation ([`generators::mutate`])
//! of a corpus entry, chosen by an RNG keyed by `(seed, i)`. It sees the
//! corpus as the programs of two batches before its own left it (its batch
//! is generated while the one before runs), batches being [`BATCH`]
//! programs of the shard from its start: so program `i` is a function of
//! the seed, `i` and the seed corpus only, whatever the thread count, and
//! can be made again at any time (to minimize it, or when a stopped
//! campaign resumes) from the corpus, which only grows.
//!
//! The corpus is saved in the campaign directory, `guided-corpus/`, one
//! corpus case (YAML) a file: `seed-N.yaml` for the entries it started
//! from, `i-<index>.yaml` for those this campaign added; `--guided-corpus
//! DIR` (a campaign directory or such a folder) starts the next one from it.

use crate::error::Error;
use crate::fsutil::write_atomic;
use crate::outcome::Status;
use crate::reference::{self, coverage::Step, Mutant};
use generators::corpus::CorpusCase;
use generators::model::Program;
use generators::mutate::{Mutator, Rng};
use generators::{GenConfig, Generator, GENERATOR_VERSION};
use std::cell::RefCell;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Where programs come from: the generator, or a guided corpus. A campaign
/// asks for programs by index and reports every batch it recorded, in order.
pub trait ProgramSource {
    /// Once the campaign directory `out` is open, with the first `recorded`
    /// programs of the shard on record.
    fn start(&self, _out: &Path, _recorded: u64) -> Result<(), Error> {
        Ok(())
    }
    /// Program `index` (the same each time it is asked for).
    fn program(&self, seed: u64, index: u64) -> Program;
    /// The programs of a batch, recorded, in index order.
    fn observe(&self, _indices: &[u64], _programs: &[Program]) -> Result<(), Error> {
        Ok(())
    }
}

impl ProgramSource for Generator {
    fn program(&self, seed: u64, index: u64) -> Program {
        Generator::program(self, seed, index)
    }
}

/// Programs per batch of a guided campaign, whatever `--jobs` (the corpus
/// programs see depends on the batches).
pub const BATCH: usize = 256;
/// Of every 100 programs, how many are generated afresh (the rest mutate
/// the corpus, once it has entries).
const FRESH_PERCENT: usize = 50;
/// Mutators tried on one program before it is generated afresh instead.
const MUTATION_TRIES: usize = 4;
/// Runs longer than this (logged events, steps taken) add their steps to
/// the features, not their chains' step pairs.
const MAX_EXPLAINED_EVENTS: usize = 500;
const MAX_EXPLAINED_STEPS: u64 = 20_000;
/// The folder of the corpus in a campaign directory.
pub const CORPUS_DIR: &str = "guided-corpus";

/// A corpus program and the index of the program that added it (`None`
/// for the seed corpus).
#[derive(Clone)]
struct Entry {
    from: Option<u64>,
    program: Program,
}

#[derive(Default)]
struct Corpus {
    /// The seed entries first, then the added ones in index order.
    entries: Vec<Entry>,
    seen: HashSet<u32>,
    /// Where added entries are written; `None` keeps the corpus in memory.
    dir: Option<PathBuf>,
}

/// A guided campaign's program source.
pub struct Guided {
    generator: Generator,
    /// `n` of the shard `k/n`: a batch spans `BATCH * n` indices.
    stride: u64,
    max_steps: u64,
    /// The corpus to start from, when the campaign directory has none.
    seed_corpus: Vec<Program>,
    corpus: RefCell<Corpus>,
}

impl Guided {
    pub fn new(config: GenConfig, stride: u64, max_steps: u64, seed_corpus: Vec<Program>) -> Guided {
        Guided {
            generator: Generator::new(config),
            stride: stride.max(1),
            max_steps,
            seed_corpus,
            corpus: RefCell::default(),
        }
    }

    /// A source with `seed_corpus` in memory and no directory (benchmarks, tests).
    pub fn in_memory(config: GenConfig, max_steps: u64, seed_corpus: Vec<Program>) -> Guided {
        let g = Guided::new(config, 1, max_steps, seed_corpus);
        g.corpus.borrow_mut().admit_seeds(g.seed_corpus.clone(), max_steps);
        g
    }

    /// The corpus entries, seed ones first.
    pub fn corpus(&self) -> Vec<Program> {
        self.corpus.borrow().entries.iter().map(|e| e.program.clone()).collect()
    }

    /// Features seen so far (steps and step pairs).
    pub fn features(&self) -> usize {
        self.corpus.borrow().seen.len()
    }

    /// How many corpus entries program `index` may draw from: the seed ones
    /// and those added before the batch two before its own.
    fn visible(&self, corpus: &Corpus, index: u64) -> usize {
        let span = BATCH as u64 * self.stride;
        let horizon = (index / span).saturating_sub(1) * span;
        corpus.entries.partition_point(|e| e.from.is_none_or(|i| i < horizon))
    }
}

/// Loads the corpus of `dir`: its `guided-corpus/` folder if it is a
/// campaign directory, else the `.yaml` files in it, by name.
pub fn load_corpus(dir: &Path) -> Result<Vec<Program>, Error> {
    let folder = if dir.join(CORPUS_DIR).is_dir() { dir.join(CORPUS_DIR) } else { dir.to_path_buf() };
    Ok(corpus_files(&folder)?.into_iter().map(|(_, case)| case.program).collect())
}

/// The corpus cases of `folder`, by file name.
fn corpus_files(folder: &Path) -> Result<Vec<(String, CorpusCase)>, Error> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map_err(Error::io(folder))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    names.into_iter().map(|n| Ok((n.clone(), CorpusCase::load(&folder.join(&n))?))).collect()
}

fn write_case(dir: &Path, name: &str, program: &Program, index: Option<u64>) -> Result<(), Error> {
    let mut case = CorpusCase::new(program.clone());
    case.index = index;
    case.generator_version = Some(GENERATOR_VERSION);
    write_atomic(&dir.join(name), case.to_yaml().as_bytes())
}

fn entry_file(index: u64) -> String {
    format!("i-{index:012}.yaml")
}

/// What `program` reaches on the reference; `None` when its run is not `ok`
/// (a program the reference cannot run through is no parent to build on).
pub fn features(program: &Program, max_steps: u64) -> Option<Vec<u32>> {
    let (outcome, steps) = reference::run_with_coverage(program, Mutant::None, max_steps);
    if outcome.status != Status::Ok {
        return None;
    }
    let n = Step::ALL.len() as u32;
    let mut out: Vec<u32> = steps.hit().map(|s| s as u32).collect();
    // An explanation holds every event's whole chain: for long runs that
    // is quadratic, so their steps alone count.
    let marks: u64 = steps.0.iter().map(|&c| u64::from(c)).sum();
    if outcome.trace.len() > MAX_EXPLAINED_EVENTS || marks > MAX_EXPLAINED_STEPS {
        return Some(out);
    }
    let explained = reference::run_explained(program, Mutant::None, max_steps);
    for event in 0..explained.outcome.trace.len() {
        let chain = explained.steps_behind(event);
        out.extend(chain.windows(2).map(|w| n + w[0] as u32 * n + w[1] as u32));
    }
    out.sort_unstable();
    out.dedup();
    Some(out)
}

impl Corpus {
    /// Whether `program` brings a feature not seen: then it is added.
    fn offer(&mut self, from: Option<u64>, program: &Program, max_steps: u64, always: bool) -> bool {
        let features = features(program, max_steps).unwrap_or_default();
        let new = features.iter().filter(|f| !self.seen.contains(f)).count();
        if new == 0 && !always {
            return false;
        }
        self.seen.extend(features);
        self.entries.push(Entry { from, program: program.clone() });
        true
    }

    fn admit_seeds(&mut self, seeds: Vec<Program>, max_steps: u64) {
        for p in seeds {
            self.offer(None, &p, max_steps, true);
        }
    }
}

impl ProgramSource for Guided {
    fn start(&self, out: &Path, recorded: u64) -> Result<(), Error> {
        let dir = out.join(CORPUS_DIR);
        let mut corpus = self.corpus.borrow_mut();
        *corpus = Corpus { dir: Some(dir.clone()), ..Corpus::default() };
        if dir.is_dir() {
            // A campaign resuming: its corpus as it was after the programs on
            // record (entries of programs after them are dropped: those run again).
            let files = corpus_files(&dir)?;
            let (seeds, added): (Vec<_>, Vec<_>) =
                files.into_iter().partition(|(n, _)| n.starts_with("seed-"));
            corpus.admit_seeds(seeds.into_iter().map(|(_, c)| c.program).collect(), self.max_steps);
            for (name, case) in added {
                let index = case.index.ok_or_else(|| {
                    Error::input(&dir.join(&name), 0, "a guided corpus entry without its program's index")
                })?;
                if index / self.stride < recorded {
                    corpus.offer(Some(index), &case.program, self.max_steps, true);
                } else {
                    let _ = std::fs::remove_file(dir.join(&name));
                }
            }
            return Ok(());
        }
        std::fs::create_dir_all(&dir).map_err(Error::io(&dir))?;
        for (i, p) in self.seed_corpus.iter().enumerate() {
            write_case(&dir, &format!("seed-{i:06}.yaml"), p, None)?;
        }
        corpus.admit_seeds(self.seed_corpus.clone(), self.max_steps);
        Ok(())
    }

    fn program(&self, seed: u64, index: u64) -> Program {
        let corpus = self.corpus.borrow();
        let visible = &corpus.entries[..self.visible(&corpus, index)];
        let mut rng = Rng::new(seed ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03) ^ 0x6775_6964_6564);
        if visible.is_empty() || rng.below(100) < FRESH_PERCENT {
            return self.generator.program(seed, index);
        }
        for attempt in 0..MUTATION_TRIES {
            let parent = &visible[rng.below(visible.len())].program;
            let mutator = Mutator::ALL[rng.below(Mutator::ALL.len())];
            let fresh;
            let donor = match mutator {
                Mutator::Splice => Some(&visible[rng.below(visible.len())].program),
                Mutator::Insert => {
                    // Another stream than the campaign's own programs.
                    fresh = self.generator.program(!seed, index * MUTATION_TRIES as u64 + attempt as u64);
                    Some(&fresh)
                }
                _ => None,
            };
            if let Some(p) = mutator.mutate(parent, donor, &mut rng) {
                return p;
            }
        }
        self.generator.program(seed, index)
    }

    fn observe(&self, indices: &[u64], programs: &[Program]) -> Result<(), Error> {
        let mut corpus = self.corpus.borrow_mut();
        for (&index, program) in indices.iter().zip(programs) {
            if corpus.offer(Some(index), program, self.max_steps, false) {
                if let Some(dir) = &corpus.dir {
                    write_case(dir, &entry_file(index), program, Some(index))?;
                }
            }
        }
        Ok(())
    }
}

/// `--guided`: the options of a guided campaign.
#[derive(Clone, Debug, Default)]
pub struct GuidedOptions {
    /// `--guided-corpus DIR`: start from the corpus of a previous campaign.
    pub seed_corpus: Option<PathBuf>,
}
