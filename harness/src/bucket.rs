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
use crate::engines::lowering;
use crate::reference::{run_explained, Mutant};
use generators::model::Program;

/// The bucket key, readable: `order [quickjs vs reference] await-resume`.
pub fn bucket_key(program: &Program, divergence: &Divergence, max_steps: u64) -> String {
    let explained = run_explained(program, Mutant::None, max_steps);
    let mechanism_of = |label: &str| -> String {
        match explained.outcome.trace.iter().position(|e| e.label == label) {
            Some(i) => spec_mechanism(&explained.mechanisms(i)).to_string(),
            None => "absent".into(),
        }
    };
    // The event the reference's side logs where the traces part (the first
    // group's when no reference runs): the job the other side ran too late
    // or in its place. Which event the other side logged instead depends on
    // what happened to compete with it, so it is left out of the key.
    let groups = &divergence.signature.groups;
    // Without a reference, a lowering's engine: its native order is what
    // the lowering departs from.
    let native = groups.iter().flatten().find_map(|n| lowering::native_of(n));
    let anchor = groups
        .iter()
        .position(|g| g.iter().any(|n| n == "reference"))
        .or_else(|| native.and_then(|e| groups.iter().position(|g| g.iter().any(|n| n == e))))
        .unwrap_or(0);
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
///
/// A lowering backend (`v8+babel`) is judged against its engine's native
/// run instead (`--engines` lists both): where it does what its engine does
/// it is no part of the bug, whatever the engine did; where it does not, it
/// is named against its engine, after the engines' own part:
/// `order [v8+babel vs v8]`, `order [jsc vs reference] [v8+babel vs v8]`.
pub fn deviation(signature: &Signature) -> String {
    let groups = &signature.groups;
    let group_of = |name: &str| groups.iter().position(|g| g.iter().any(|n| n == name));
    // Lowerings whose engine has a result here, and the others.
    let judged_by_native = |name: &str| lowering::native_of(name).and_then(group_of).is_some();
    let lowered: Vec<(&str, &str)> = groups
        .iter()
        .flatten()
        .filter(|n| judged_by_native(n))
        .filter_map(|n| lowering::native_of(n).map(|e| (n.as_str(), e)))
        .collect();
    if lowered.is_empty() {
        return engines_deviation(signature, groups);
    }
    let natives: Vec<Vec<String>> = groups
        .iter()
        .map(|g| g.iter().filter(|n| !judged_by_native(n)).cloned().collect::<Vec<_>>())
        .filter(|g| !g.is_empty())
        .collect();
    let mut parts = Vec::new();
    if natives.len() > 1 {
        parts.push(engines_deviation(signature, &natives));
    }
    let mut departures: Vec<String> = lowered
        .iter()
        .filter(|(name, engine)| group_of(name) != group_of(engine))
        .map(|(name, engine)| format!("[{name} vs {engine}]"))
        .collect();
    departures.sort();
    if parts.is_empty() {
        parts.push(signature.kind.to_string());
    }
    parts.extend(departures);
    parts.join(" ")
}

/// [`deviation`] of the engines' own groups: the backends that deviate
/// from the reference, or every group where no reference ran.
fn engines_deviation(signature: &Signature, groups: &[Vec<String>]) -> String {
    let Some(reference) = groups.iter().position(|g| g.iter().any(|n| n == "reference")) else {
        let groups: Vec<String> = groups.iter().map(|g| g.join("+")).collect();
        return format!("{} [{}]", signature.kind, groups.join(" vs "));
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
