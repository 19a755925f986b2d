//! Decides whether backends agree on a program and, when they do not, what
//! kind of divergence it is and where it starts.
//!
//! Backends are grouped by identical results (status and labels); a
//! divergence's *signature* is that grouping plus its kind, which is what
//! the minimizer preserves and what buckets are keyed on.

use crate::outcome::{Event, Outcome, Status};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum DivergenceKind {
    /// Same events, different order.
    Order,
    /// Some events are missing on one side or extra on the other.
    Events,
    /// A backend failed (timeout, overflow, panic, ...) where another did not,
    /// or failed differently; carries the statuses per group, sorted.
    Status(Vec<Status>),
}

impl fmt::Display for DivergenceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DivergenceKind::Order => f.write_str("order"),
            DivergenceKind::Events => f.write_str("events"),
            DivergenceKind::Status(s) => {
                let names: Vec<_> = s.iter().map(|s| s.as_str()).collect();
                write!(f, "status({})", names.join("/"))
            }
        }
    }
}

/// What stays the same while a divergence is minimized.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub struct Signature {
    pub kind: DivergenceKind,
    /// Backends grouped by identical results; groups and names sorted.
    pub groups: Vec<Vec<String>>,
}

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let groups: Vec<String> = self.groups.iter().map(|g| group_name(g)).collect();
        write!(f, "{} [{}]", self.kind, groups.join(" vs "))
    }
}

/// A group of backends as messages name it: `reference+boa`, or, where a
/// lowering backend's own name has a `+` (`v8+babel`), `v8,v8+babel`.
pub fn group_name(group: &[String]) -> String {
    let separator = if group.iter().any(|n| n.contains('+')) { "," } else { "+" };
    group.join(separator)
}

/// Where two groups' traces first differ.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstDifference {
    /// Index in the traces of the first differing event.
    pub index: usize,
    /// Per group (in signature order): the event at `index`, if any.
    pub events: Vec<Option<Event>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Divergence {
    pub signature: Signature,
    pub first: Option<FirstDifference>,
}

/// Compares the outcomes of the named backends. Backends reporting
/// `unsupported` or `lowering-error` have no opinion and are left out
/// ([`Status::abstains`]); `None` means agreement.
pub fn compare(names: &[&str], outcomes: &[Outcome]) -> Option<Divergence> {
    // Group by (status, labels), keeping first-seen order for the representative.
    let mut groups: Vec<(Vec<String>, &Outcome)> = Vec::new();
    for (name, o) in names.iter().zip(outcomes) {
        if o.status.abstains() {
            continue;
        }
        match groups.iter_mut().find(|(_, rep)| same_result(rep, o)) {
            Some((members, _)) => members.push(name.to_string()),
            None => groups.push((vec![name.to_string()], o)),
        }
    }
    if groups.len() < 2 {
        return None;
    }
    for (members, _) in &mut groups {
        members.sort();
    }
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    let reps: Vec<&Outcome> = groups.iter().map(|(_, o)| *o).collect();
    let kind = if reps.iter().any(|o| o.status != reps[0].status) {
        let mut statuses: Vec<Status> = reps.iter().map(|o| o.status).collect();
        statuses.sort();
        statuses.dedup();
        DivergenceKind::Status(statuses)
    } else if reps.iter().all(|o| same_multiset(o, reps[0])) {
        DivergenceKind::Order
    } else {
        DivergenceKind::Events
    };
    let first = first_difference(&reps);
    Some(Divergence {
        signature: Signature { kind, groups: groups.into_iter().map(|(m, _)| m).collect() },
        first,
    })
}

/// Same status and the same labels in the same order: what puts two
/// backends in one group.
pub fn same_result(a: &Outcome, b: &Outcome) -> bool {
    a.status == b.status
        && a.trace.len() == b.trace.len()
        && a.trace.iter().zip(&b.trace).all(|(x, y)| x.label == y.label)
}

fn same_multiset(a: &Outcome, b: &Outcome) -> bool {
    let mut x = a.labels();
    let mut y = b.labels();
    x.sort_unstable();
    y.sort_unstable();
    x == y
}

fn first_difference(reps: &[&Outcome]) -> Option<FirstDifference> {
    let longest = reps.iter().map(|o| o.trace.len()).max().unwrap_or(0);
    (0..longest)
        .find(|&i| {
            let first = reps[0].trace.get(i).map(|e| &e.label);
            reps.iter().any(|o| o.trace.get(i).map(|e| &e.label) != first)
        })
        .map(|index| FirstDifference {
            index,
            events: reps.iter().map(|o| o.trace.get(index).cloned()).collect(),
        })
}

/// One line saying where the divergence starts, with each side's position
/// in the event loop, e.g. `event 3: quickjs logged 'f' at task 0 job 5, reference logged 'g' at task 0 job 7`.
pub fn describe_first(d: &Divergence) -> String {
    let Some(first) = &d.first else {
        return format!("{} (traces equal; statuses differ)", d.signature);
    };
    let sides: Vec<String> = d
        .signature
        .groups
        .iter()
        .zip(&first.events)
        .map(|(g, e)| match e {
            Some(e) => {
                let job = e.job.map(|j| format!(" job {j}")).unwrap_or_default();
                format!("{} logged '{}' at task {}{job}", group_name(g), e.label, e.task)
            }
            None => format!("{} logged nothing more", group_name(g)),
        })
        .collect();
    format!("event {}: {}", first.index, sides.join(", "))
}
