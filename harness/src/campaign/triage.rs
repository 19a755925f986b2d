//! Which divergences a campaign minimizes. Minimizing every repeat of a
//! frequent bug costs most of a campaign, and it is not needed: the
//! minimizer keeps a divergence's bucket key (its deviating backends and the
//! spec mechanism where the traces part; [`crate::minimize`]), so the key of
//! the *unminimized* program already is the bucket it minimizes into. Hence:
//! - a divergence whose key names a bucket of the baseline is counted into
//!   it at once, never minimized (the smallest such program stands as the
//!   bucket's repro, marked not minimized);
//! - the first divergence of a new key is minimized, off the critical path;
//!   its repeats wait for that minimization and are then counted into its
//!   bucket. Should it not reproduce (a flaky engine), the next waiting
//!   repeat is minimized instead.
//!
//! Every decision depends on the divergences in program order and on the
//! minimizations' results, never on when those results arrive, so a
//! campaign gives the same buckets, counts and repros whatever its thread
//! count and timing. The state is saved in `campaign.json`, so a stopped
//! campaign resumes as if it had not stopped.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a campaign does with one divergence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Minimize it (on the minimization queue), then count it where that leads.
    Minimize,
    /// Count it into this bucket now.
    Count(String),
    /// Count it into its key's bucket once the key's minimization is done.
    Wait,
}

/// What a finished minimization settles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Settled {
    /// These waiting programs are counted into the key's bucket.
    Count(String, Vec<u64>),
    /// It did not reproduce: minimize this waiting program of the same key.
    Retry(u64),
    /// Nothing more to do.
    Nothing,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Triage {
    /// Bucket key of the unminimized program -> what the campaign knows of it.
    pub keys: BTreeMap<String, KeyRecord>,
    /// Divergent programs not counted into a bucket yet, by program index.
    pub unsettled: BTreeMap<u64, Unsettled>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KeyRecord {
    /// Divergences seen with this key.
    pub seen: u64,
    /// Whether the key is a baseline bucket's.
    pub known: bool,
    /// Divergences with this key sent to be minimized.
    pub minimized: u64,
    /// The bucket its divergences are counted into, once known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bucket: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unsettled {
    pub key: String,
    /// Queued for minimization (else waiting for its key's).
    pub minimizing: bool,
}

impl Triage {
    /// Admits the divergence of program `index`, whose bucket key is `key`;
    /// `baseline` is the baseline's bucket of that key, if there is one.
    pub fn admit(&mut self, index: u64, key: &str, baseline: Option<String>) -> Decision {
        let record = self.keys.entry(key.to_string()).or_default();
        record.seen += 1;
        if record.seen == 1 && baseline.is_some() {
            record.known = true;
            record.bucket = baseline;
        }
        if let Some(bucket) = &record.bucket {
            return Decision::Count(bucket.clone());
        }
        let in_flight = self.unsettled.values().any(|u| u.minimizing && u.key == key);
        if !in_flight {
            record.minimized += 1;
        }
        self.unsettled.insert(index, Unsettled { key: key.to_string(), minimizing: !in_flight });
        if in_flight {
            Decision::Wait
        } else {
            Decision::Minimize
        }
    }

    /// Records the minimization of program `index`: `bucket` is where it
    /// led, `None` when it did not reproduce.
    pub fn settle(&mut self, index: u64, bucket: Option<&str>) -> Settled {
        let Some(done) = self.unsettled.remove(&index) else { return Settled::Nothing };
        let waiting: Vec<u64> =
            self.unsettled.iter().filter(|(_, u)| u.key == done.key).map(|(i, _)| *i).collect();
        let Some(record) = self.keys.get_mut(&done.key) else { return Settled::Nothing };
        match bucket {
            Some(b) => {
                record.bucket = Some(b.to_string());
                for i in &waiting {
                    self.unsettled.remove(i);
                }
                Settled::Count(b.to_string(), waiting)
            }
            None => match waiting.first() {
                Some(&next) => {
                    record.minimized += 1;
                    self.unsettled.insert(next, Unsettled { key: done.key, minimizing: true });
                    Settled::Retry(next)
                }
                None => Settled::Nothing,
            },
        }
    }

    /// Programs queued for minimization, in program order (to queue again
    /// when a campaign resumes).
    pub fn queued(&self) -> Vec<u64> {
        self.unsettled.iter().filter(|(_, u)| u.minimizing).map(|(i, _)| *i).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_wait_for_their_keys_minimization() {
        let mut t = Triage::default();
        assert_eq!(t.admit(3, "k", None), Decision::Minimize);
        assert_eq!(t.admit(5, "k", None), Decision::Wait);
        assert_eq!(t.admit(6, "other", None), Decision::Minimize);
        assert_eq!(t.admit(9, "k", None), Decision::Wait);
        assert_eq!(t.queued(), vec![3, 6]);
        assert_eq!(t.settle(3, Some("B")), Settled::Count("B".to_string(), vec![5, 9]));
        assert_eq!(t.admit(11, "k", None), Decision::Count("B".into()));
        assert_eq!(t.queued(), vec![6]);
        assert_eq!(t.keys["k"].seen, 4);
        assert_eq!(t.keys["k"].minimized, 1);
    }

    #[test]
    fn a_minimization_that_does_not_reproduce_passes_to_the_next_repeat() {
        let mut t = Triage::default();
        assert_eq!(t.admit(0, "k", None), Decision::Minimize);
        assert_eq!(t.admit(1, "k", None), Decision::Wait);
        assert_eq!(t.admit(2, "k", None), Decision::Wait);
        assert_eq!(t.settle(0, None), Settled::Retry(1));
        assert_eq!(t.queued(), vec![1]);
        assert_eq!(t.admit(4, "k", None), Decision::Wait, "one minimization of a key at a time");
        assert_eq!(t.settle(1, Some("B")), Settled::Count("B".to_string(), vec![2, 4]));
        assert!(t.unsettled.is_empty());
        assert_eq!(t.settle(7, None), Settled::Nothing);
    }

    #[test]
    fn baseline_keys_are_counted_at_once() {
        let mut t = Triage::default();
        for i in 0..20 {
            assert_eq!(t.admit(i, "k", Some("B".into())), Decision::Count("B".into()));
        }
        assert!(t.unsettled.is_empty());
        assert_eq!(t.keys["k"].minimized, 0);
        assert!(t.keys["k"].known);
    }

    #[test]
    fn the_last_repeat_of_a_key_that_never_reproduces_ends_it() {
        let mut t = Triage::default();
        t.admit(0, "k", None);
        t.admit(1, "k", None);
        assert_eq!(t.settle(0, None), Settled::Retry(1));
        assert_eq!(t.settle(1, None), Settled::Nothing);
        assert!(t.unsettled.is_empty());
        assert_eq!(t.admit(2, "k", None), Decision::Minimize);
    }
}
