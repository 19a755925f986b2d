//! Buckets: one per bug. A divergence is bucketed by what the spec machinery
//! was doing where the traces part, not by the repro's exact text:
//! - its kind, and the backends that deviate from the reference, grouped by
//!   what they did (the reference's own group is left out: the engines that
//!   agree with the spec are not part of the bug, so a known JavaScriptCore
//!   bucket keeps its id whatever else ran beside it; without a reference,
//!   every group);
//! - for the reference's event where the traces part, the innermost piece of
//!   spec machinery in its causal chain, as the reference explains it
//!   (`await-resume`, `thenable-job`, `async-generator-await-return`, ...),
//!   following timers back to whatever set them and skipping the user
//!   handlers, microtasks and timers that merely carried the effect along.
//!
//! Repeats of one bug minimize to programs that differ in incidental shape
//! (which promise is awaited, what competes with it, how deep it is nested)
//! but share these, so a campaign reports each bug once with a count. The
//! price is that two bugs in the same mechanism share a bucket; the bucket
//! keeps every distinct repro shape it saw, so they stay visible.

use crate::differ::{Divergence, DivergenceKind, Signature};
use crate::reference::{run_explained, Mutant};
use generators::model::Program;

/// The bucket key, readable: `order [quickjs vs reference] await-resume`.
pub fn bucket_key(program: &Program, divergence: &Divergence, max_steps: u64) -> String {
    let explained = run_explained(program, Mutant::None, max_steps);
    let mechanism_of = |label: &str| -> String {
        match explained.outcome.trace.iter().position(|e| e.label == label) {
            Some(i) => spec_mechanism(&explained.mechanisms[i]).to_string(),
            None => "absent".into(),
        }
    };
    // The event the reference's side logs where the traces part (the first
    // group's when no reference runs): the job the other side ran too late
    // or in its place. Which event the other side logged instead depends on
    // what happened to compete with it, so it is left out of the key.
    let groups = &divergence.signature.groups;
    let anchor = groups.iter().position(|g| g.iter().any(|n| n == "reference")).unwrap_or(0);
    let mechanism = match &divergence.first {
        Some(first) => match &first.events[anchor] {
            Some(e) => mechanism_of(&e.label),
            None => "end".into(),
        },
        None => "statuses".into(),
    };
    format!("{} {mechanism}", deviation(&divergence.signature))
}

/// The signature as a bucket names it: `order [jsc vs reference]`, or
/// `order [quickjs vs xs vs reference]` when two backends deviate in
/// different ways; the backends that agree with the reference are left out.
pub fn deviation(signature: &Signature) -> String {
    let groups = &signature.groups;
    let Some(reference) = groups.iter().position(|g| g.iter().any(|n| n == "reference")) else {
        return signature.to_string();
    };
    let mut named: Vec<String> =
        groups.iter().enumerate().filter(|(i, _)| *i != reference).map(|(_, g)| g.join("+")).collect();
    named.push("reference".into());
    format!("{} [{}]", signature.kind, named.join(" vs "))
}

/// Links of a causal chain that only carry the program's own code along:
/// user reaction handlers, `queueMicrotask`, timers, the script.
const CARRIERS: &[&str] = &["reaction", "reaction-passthrough", "microtask", "timer", "script"];

/// The innermost link of the chain that is the spec's machinery at work
/// (an await resuming, a resolve-thenable job, an async generator step,
/// ...). What carried its effect on to the logged event (a handler, a
/// microtask, a timer) varies between repeats of one bug and is skipped.
fn spec_mechanism(chain: &[&'static str]) -> &'static str {
    chain.iter().copied().find(|m| !CARRIERS.contains(m)).unwrap_or("user-code")
}

/// A short stable id for a key, e.g. `order-3f9c2a1b7d40`.
pub fn bucket_id(key: &str, kind: &DivergenceKind) -> String {
    let kind = match kind {
        DivergenceKind::Order => "order",
        DivergenceKind::Events => "events",
        DivergenceKind::Status(_) => "status",
    };
    format!("{kind}-{:012x}", fnv1a(key.as_bytes()) & 0xffff_ffff_ffff)
}

/// FNV-1a: fixed forever, unlike std's hashers, so ids are stable across builds.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h = (h ^ *b as u64).wrapping_mul(0x100_0000_01b3);
    }
    h
}
