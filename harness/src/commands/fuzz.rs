//! `tickdiff fuzz`: a campaign with a live progress bar; Ctrl-C stops it
//! cleanly with everything found so far on disk.

use crate::campaign::guided::{self, Guided, GuidedOptions};
use crate::campaign::{run_campaign_from, Baseline, CampaignConfig, Progress};
use crate::error::Error;
use crate::outcome::Backend;
use indicatif::{ProgressBar, ProgressStyle};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Parses `K/N`.
pub fn parse_shard(s: &str) -> Result<(u64, u64), Error> {
    let bad = |why: &str| Error::Usage(format!("bad --shard '{s}': {why}"));
    let (k, n) = s.split_once('/').ok_or_else(|| bad("expected K/N, e.g. 2/4"))?;
    let k: u64 = k.trim().parse().map_err(|_| bad("K is not a number"))?;
    let n: u64 = n.trim().parse().map_err(|_| bad("N is not a number"))?;
    if n == 0 || k == 0 || k > n {
        return Err(bad("need 1 <= K <= N"));
    }
    Ok((k, n))
}

pub fn load_baseline(path: Option<&std::path::Path>) -> Result<std::collections::BTreeSet<String>, Error> {
    match path {
        Some(p) => Baseline::load(p).map(|b| b.ids()),
        None => Ok(Default::default()),
    }
}

/// Programs per second, with a decimal where a whole number would say 0.
fn rate(r: f64) -> String {
    if r < 10.0 {
        format!("{r:.1}")
    } else {
        format!("{r:.0}")
    }
}

fn status_line(p: &Progress) -> String {
    let rate = p.programs as f64 / p.elapsed.as_secs_f64().max(1e-9);
    let failures: Vec<String> = p
        .statuses
        .iter()
        .flat_map(|(backend, st)| {
            st.iter().filter(|(s, _)| s.as_str() != "ok").map(move |(s, n)| format!("{backend} {s}={n}"))
        })
        .collect();
    let failures = if failures.is_empty() { String::new() } else { format!(" | {}", failures.join(", ")) };
    let queued = if p.queued > 0 { format!(", {} to minimize", p.queued) } else { String::new() };
    let run: f64 = p.time.run.values().sum();
    format!(
        "{:.0} programs/s | {} divergent | {} buckets ({} new{queued}) | generate {:.1}s run {run:.1}s minimize \
         {:.1}s{failures}",
        rate, p.divergent, p.buckets, p.new_buckets, p.time.generate, p.time.minimize
    )
}

/// Runs the campaign; the exit status is 1 when a bucket outside the baseline was found.
/// `guided`: a guided campaign ([`guided`]).
pub fn fuzz(
    mut cfg: CampaignConfig,
    backends: Vec<Box<dyn Backend>>,
    guided: Option<GuidedOptions>,
) -> Result<i32, Error> {
    let source: Box<dyn guided::ProgramSource> = match guided {
        None => Box::new(generators::Generator::new(cfg.generator.clone())),
        Some(g) => {
            cfg.batch = guided::BATCH;
            let seeds = g.seed_corpus.as_deref().map(guided::load_corpus).transpose()?.unwrap_or_default();
            Box::new(Guided::new(cfg.generator.clone(), cfg.shard.1, cfg.limits.max_steps, seeds))
        }
    };
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    // Ctrl-C, SIGTERM or SIGHUP: stop after the current program, with
    // everything on disk and campaign.json saying `interrupted`. A second
    // one while the last program finishes exits at once (the summary on
    // disk is then the one of the last finding or batch).
    let _ = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        eprintln!("\nstopping after the current program (Ctrl-C again to abort)...");
    });
    let bar = match cfg.count {
        Some(n) => ProgressBar::new(n),
        None => ProgressBar::new_spinner(),
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {pos} programs {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let summary = run_campaign_from(&cfg, &backends, &*source, &stop, |p| {
        bar.set_position(p.programs);
        bar.set_message(status_line(p));
    })?;
    bar.finish_and_clear();
    println!(
        "{}{} programs on {} in {:.1}s: {} divergent, {} buckets ({} new) -> {}",
        if summary.interrupted { "interrupted: " } else { "" },
        summary.programs,
        summary.backends.join(","),
        summary.elapsed_seconds,
        summary.divergent_programs,
        summary.buckets.len(),
        summary.new_buckets().count(),
        cfg.out.display()
    );
    println!(
        "  {} programs/s; time: {}",
        rate(summary.programs as f64 / summary.elapsed_seconds.max(1e-9)),
        summary.time.describe()
    );
    for b in summary.buckets.values() {
        let size = match b.repro_minimized {
            true => format!("{} statements", b.repro_statements),
            false => format!("{} statements, not minimized", b.repro_statements),
        };
        println!(
            "  {} {:>5}x  {}  {size}  {}",
            if b.known { "known" } else { "NEW  " },
            b.count,
            b.id,
            b.key
        );
    }
    Ok(if summary.new_buckets().next().is_some() { super::exit::FOUND } else { super::exit::OK })
}
