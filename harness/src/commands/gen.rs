//! `tickdiff gen`: print or write generated programs.

use crate::error::Error;
use generators::corpus::CorpusCase;
use generators::{print_program, GenConfig, Generator, GENERATOR_VERSION};
use std::io::Write;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GenFormat {
    Js,
    Yaml,
}

/// The corpus case for program `index` of `seed`.
pub fn case_for(generator: &Generator, seed: u64, index: u64) -> CorpusCase {
    let mut case = CorpusCase::new(generator.program(seed, index));
    case.seed = Some(seed);
    case.index = Some(index);
    case.generator_version = Some(GENERATOR_VERSION);
    case
}

pub fn render(case: &CorpusCase, format: GenFormat) -> String {
    match format {
        GenFormat::Js => print_program(&case.program),
        GenFormat::Yaml => case.to_yaml(),
    }
}

/// Writes `prog-<seed>-<i>.<ext>` files into `out`, or prints to stdout.
pub fn gen(
    config: GenConfig,
    seed: u64,
    count: u64,
    format: GenFormat,
    out: Option<&Path>,
) -> Result<(), Error> {
    let generator = Generator::new(config);
    if let Some(dir) = out {
        std::fs::create_dir_all(dir).map_err(Error::io(dir))?;
    }
    let stdout = std::io::stdout();
    let mut stdout = stdout.lock();
    for i in 0..count {
        let case = case_for(&generator, seed, i);
        let text = render(&case, format);
        match out {
            Some(dir) => {
                let ext = if format == GenFormat::Js { "js" } else { "yaml" };
                let path = dir.join(format!("prog-{seed}-{i}.{ext}"));
                crate::fsutil::write_atomic(&path, text.as_bytes())?;
            }
            None => {
                if count > 1 {
                    let marker = if format == GenFormat::Js { "//" } else { "#" };
                    let _ = writeln!(stdout, "{marker} program {i} of seed {seed}");
                }
                let _ = stdout.write_all(text.as_bytes());
                if count > 1 && format == GenFormat::Yaml {
                    let _ = writeln!(stdout, "---");
                }
            }
        }
    }
    Ok(())
}
