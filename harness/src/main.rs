//! `tickdiff`: find where JavaScript engines disagree about the order in
//! which asynchronous code runs.

use clap::{Parser, Subcommand};
use harness::commands::{self, exit, gen::GenFormat, run::RunFormat};
use harness::error::Error;
use harness::outcome::Limits;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "tickdiff", version, about, after_help = exit::HELP)]
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
        #[arg(long, default_value_t = 1, value_parser = commands::flags::positive)]
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
        /// Comma-separated backends: reference, reference:MUTANT, quickjs, boa, node.
        #[arg(long, default_value = "reference,quickjs,boa")]
        engines: String,
        #[arg(long, value_enum, default_value_t = RunFormat::Text)]
        format: RunFormat,
        /// Show the chain of jobs behind every event of the reference's trace.
        #[arg(long)]
        explain: bool,
        #[arg(long, value_parser = commands::flags::jobs)]
        jobs: Option<usize>,
        /// Also write each program's timeline (one self-contained HTML page) here.
        #[arg(long)]
        html: Option<PathBuf>,
    },
    /// Fuzzing campaign: generate, run, minimize and bucket divergences.
    Fuzz {
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Programs to run (in this shard). Default: 2000 unless --time is given.
        #[arg(long, conflicts_with = "time", value_parser = commands::flags::positive)]
        count: Option<u64>,
        /// Run for this long instead, e.g. `90s`, `10m`, `1h`.
        #[arg(long, value_parser = commands::flags::duration)]
        time: Option<std::time::Duration>,
        /// Threads (default: one per core).
        #[arg(long, value_parser = commands::flags::jobs)]
        jobs: Option<usize>,
        #[arg(long, default_value = "reference,quickjs,boa")]
        engines: String,
        /// Campaign directory. Default: `campaign-<seed>`.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Run shard K of N (1-based): program indices i with i % N == K - 1.
        #[arg(long, default_value = "1/1")]
        shard: String,
        /// Known buckets (a baseline.yaml): finding only these exits 0.
        #[arg(long)]
        baseline: Option<PathBuf>,
        /// Generator config (YAML).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Guided: keep the programs that reach new spec steps and mutate them beside fresh ones.
        #[arg(long)]
        guided: bool,
        /// Start the guided corpus from a previous campaign's (its directory, or a folder of .yaml).
        #[arg(long, requires = "guided")]
        guided_corpus: Option<PathBuf>,
    },
    /// Conformance report merged from campaign directories (shards, nights).
    Report {
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = harness::report::ReportFormat::Md)]
        format: harness::report::ReportFormat,
        /// Write here instead of stdout.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Minimize a divergent program (YAML or JS) to a 1-minimal repro.
    Minimize {
        path: PathBuf,
        #[arg(long, default_value = "reference,quickjs,boa")]
        engines: String,
        /// Where to write the minimized case. Default: `<input>.min.yaml`.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Re-run one case on every backend, side by side, divergence explained.
    Repro {
        path: PathBuf,
        /// Default: the backends recorded in the file, plus the reference.
        #[arg(long)]
        engines: Option<String>,
        /// Also write the timeline (one self-contained HTML page) here.
        #[arg(long)]
        html: Option<PathBuf>,
    },
    /// List every backend (installed or missing, exact version, where), or
    /// install the pinned external engines: `tickdiff engines install [NAME...|all]`.
    Engines {
        #[command(subcommand)]
        action: Option<EnginesAction>,
    },
    /// Internal: serve one in-process engine to a parent tickdiff over
    /// stdin/stdout (see `engines::isolated`).
    #[command(hide = true)]
    EngineWorker { engine: String },
    /// Throughput figures: generator, reference, engines raw vs harnessed, runner, minimizer.
    Bench {
        /// Programs per measurement pass.
        #[arg(long, default_value_t = 300, value_parser = commands::flags::bench_programs)]
        programs: usize,
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Sections to run (default: all but `guided`).
        #[arg(value_enum)]
        what: Vec<commands::bench::What>,
        /// Backends of the `guided` section's real-engine campaigns.
        #[arg(long, default_value = "reference,quickjs,boa")]
        engines: String,
    },
}

#[derive(Subcommand)]
enum EnginesAction {
    /// Install external engines at their pinned versions into the project's
    /// engines directory (all of them when no name is given).
    Install { names: Vec<String> },
}

fn default_jobs() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

/// Stack of the thread the CLI runs on. The generator, printer, front end
/// and minimizer recurse over the program model, and proptest's strategies
/// nest a few dozen frames per level of it; the main thread's 8 MiB is
/// not always enough for the largest configs. Only touched pages cost memory.
const CLI_STACK_BYTES: usize = 256 << 20;

fn main() -> ExitCode {
    // Die quietly on a closed pipe (`tickdiff ... | head`) instead of panicking.
    // SAFETY: setting a signal disposition to the default before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // An engine worker serves on threads of its own and counts its mapped
    // memory against its rlimit: it stays on the main thread.
    if std::env::args_os().nth(1).is_some_and(|a| a == "engine-worker") {
        return cli_main();
    }
    let cli = std::thread::Builder::new().name("tickdiff".into()).stack_size(CLI_STACK_BYTES).spawn(cli_main);
    match cli.map(|t| t.join()) {
        Ok(Ok(code)) => code,
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        Err(e) => {
            eprintln!("error: starting the main thread: {e}");
            ExitCode::from(exit::INTERNAL as u8)
        }
    }
}

fn cli_main() -> ExitCode {
    // Engine workers are started from this executable, whatever its name.
    harness::engines::isolated::workers_run_this_executable();
    let cli = Cli::parse();
    let result: Result<i32, Error> = match cli.command {
        Command::Gen { seed, count, format, out, config } => (|| {
            let config = match config {
                Some(path) => generators::GenConfig::load(&path)?,
                None => Default::default(),
            };
            commands::gen::gen(config, seed, count, format, out.as_deref())?;
            Ok(exit::OK)
        })(),
        Command::Run { paths, engines, format, explain, jobs, html } => {
            harness::backends::parse_list(&engines).and_then(|backends| {
                let opts = commands::run::RunOptions {
                    backends,
                    format,
                    explain,
                    jobs: jobs.unwrap_or_else(default_jobs),
                    limits: Limits::default(),
                    html,
                };
                commands::run::run(&paths, &opts)
            })
        }
        Command::Fuzz {
            seed,
            count,
            time,
            jobs,
            engines,
            out,
            shard,
            baseline,
            config,
            guided,
            guided_corpus,
        } => (|| {
            let backends = harness::backends::parse_list(&engines)?;
            let generator = match config {
                Some(path) => generators::GenConfig::load(&path)?,
                None => Default::default(),
            };
            let jobs = jobs.unwrap_or_else(default_jobs);
            let cfg = harness::campaign::CampaignConfig {
                seed,
                count: if time.is_none() { Some(count.unwrap_or(2000)) } else { None },
                time,
                jobs,
                out: out.unwrap_or_else(|| PathBuf::from(format!("campaign-{seed}"))),
                shard: commands::fuzz::parse_shard(&shard)?,
                baseline: commands::fuzz::load_baseline(baseline.as_deref())?,
                generator,
                limits: Limits::default(),
                batch: harness::campaign::default_batch(jobs),
            };
            let guided =
                guided.then_some(harness::campaign::guided::GuidedOptions { seed_corpus: guided_corpus });
            commands::fuzz::fuzz(cfg, backends, guided)
        })(),
        Command::Report { dirs, format, out } => harness::report::load_and_merge(&dirs).and_then(|summary| {
            let text = harness::report::render(&summary, format);
            match out {
                Some(path) => harness::fsutil::write_atomic(&path, text.as_bytes())?,
                None => print!("{text}"),
            }
            Ok(exit::OK)
        }),
        Command::Minimize { path, engines, out } => harness::backends::parse_list(&engines)
            .and_then(|backends| commands::minimize::minimize(&path, backends, out, Limits::default())),
        Command::Engines { action: None } => commands::engines::list(),
        Command::Engines { action: Some(EnginesAction::Install { names }) } => {
            commands::engines::install(&names)
        }
        Command::EngineWorker { engine } => Ok(harness::engines::isolated::worker_main(&engine)),
        Command::Repro { path, engines, html } => (|| {
            let list = match engines {
                Some(l) => l,
                None => commands::repro::recorded_backends(&path)?
                    .unwrap_or_else(|| "reference,quickjs,boa".into()),
            };
            let backends = harness::backends::parse_list(&list)?;
            commands::repro::repro(&path, backends, Limits::default(), html.as_deref())
        })(),
        Command::Bench { programs, seed, what, engines } => {
            commands::bench::bench(&commands::bench::BenchOptions { programs, seed, what, engines })
        }
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.kind().exit_code() as u8)
        }
    }
}

// Every program builds and drops heaps of small objects (the reference's, and
// QuickJS's and Boa's, which allocate through Rust's allocator): glibc
// malloc/free took ~40% of the reference's time; mimalloc halves that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
