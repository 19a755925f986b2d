//! `tickdiff`: find where JavaScript engines disagree about the order in
//! which asynchronous code runs.

use clap::{Parser, Subcommand};
use harness::commands::{self, exit, gen::GenFormat, run::RunFormat};
use harness::outcome::Limits;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "tickdiff", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print generated programs, or write them to a directory.
    Gen {
        #[arg(long, default_value_t = 0)]
        seed: u64,
        #[arg(long, default_value_t = 1)]
        count: u64,
        #[arg(long, value_enum, default_value_t = GenFormat::Js)]
        format: GenFormat,
        /// Write `prog-<seed>-<i>.<ext>` files here instead of printing.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Generator config (YAML): size limits and construct weights.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Run YAML programs and JavaScript files (or directories of them) on backends.
    Run {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Comma-separated backends: reference, reference:<mutant>, quickjs, boa, node.
        #[arg(long, default_value = "reference,quickjs,boa")]
        engines: String,
        #[arg(long, value_enum, default_value_t = RunFormat::Text)]
        format: RunFormat,
        /// Show the chain of jobs behind every event of the reference's trace.
        #[arg(long)]
        explain: bool,
        #[arg(long)]
        jobs: Option<usize>,
    },
}

fn default_jobs() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Gen { seed, count, format, out, config } => {
            let config = match config {
                Some(path) => generators::GenConfig::load(&path).map_err(|e| e.to_string()),
                None => Ok(Default::default()),
            };
            config.and_then(|c| commands::gen::gen(c, seed, count, format, out.as_deref())).map(|()| exit::OK)
        }
        Command::Run { paths, engines, format, explain, jobs } => harness::backends::parse_list(&engines)
            .and_then(|backends| {
                let opts = commands::run::RunOptions {
                    backends,
                    format,
                    explain,
                    jobs: jobs.unwrap_or_else(default_jobs),
                    limits: Limits::default(),
                };
                commands::run::run(&paths, &opts)
            }),
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(exit::USAGE as u8)
        }
    }
}
