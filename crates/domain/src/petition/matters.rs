//! Petitions put together into matters (信访事项): the same petitioner about the same thing, and
//! which petitions repeat their matter (重复信访). What is counted of a matter — new ones become
//! old, the backlog and its resolution — is the indicators' (`shenguan_metrics::petitions`), with
//! the thresholds of [`MatterRules`].
//!
//! Readings (docs/petitions.md):
//! - two petitions are one matter when they share a petitioner and a case; petitions naming no
//!   case are one matter when they share a petitioner by identity number and have the same
//!   subject. A petitioner is the same person by the keyed identity number when both records have
//!   one, else by the name (a name alone is trusted only together with a shared case);
//! - a petition repeats its matter when an earlier petition of the matter was received before it
//!   (the same day: the one registered first).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Petition, Petitioner};

/// When a matter counts as backlog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MatterRules {
    /// Days from the first petition after which an open matter is backlog.
    pub backlog_days: i64,
    /// Petitions after which an open matter is backlog.
    pub backlog_petitions: usize,
}

impl Default for MatterRules {
    fn default() -> MatterRules {
        MatterRules {
            backlog_days: 180,
            backlog_petitions: 3,
        }
    }
}

/// Two petitioners are the same person: by the keyed identity number when both have one, else by
/// the name.
fn same_person(a: &Petitioner, b: &Petitioner) -> bool {
    match (&a.identity, &b.identity) {
        (Some(x), Some(y)) => x == y,
        _ => !a.name.trim().is_empty() && a.name.trim() == b.name.trim(),
    }
}

fn shared_person(a: &Petition, b: &Petition) -> bool {
    a.petitioners
        .iter()
        .any(|x| b.petitioners.iter().any(|y| same_person(x, y)))
}

/// Union-find over petition indexes.
struct Groups(Vec<usize>);

impl Groups {
    fn root(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// The order petitions of a matter came in: by day received, then register number.
fn order(petitions: &[Petition], i: usize) -> (NaiveDate, &str, usize) {
    (
        petitions[i].received_on,
        petitions[i].register_no.as_str(),
        i,
    )
}

/// The petitions grouped into matters: each matter's petitions (indexes into `petitions`) in the
/// order they came, the matters in the order of their first petition.
pub fn matters(petitions: &[Petition]) -> Vec<Vec<usize>> {
    let mut groups = Groups((0..petitions.len()).collect());
    // Only petitions that share a case, or a person and a subject, can be one matter: compare
    // within those buckets alone.
    let mut by_case: HashMap<&crate::CaseNumber, Vec<usize>> = HashMap::new();
    let mut by_person: HashMap<(&str, super::Subject), Vec<usize>> = HashMap::new();
    for (i, petition) in petitions.iter().enumerate() {
        for case in &petition.cases {
            by_case.entry(case).or_default().push(i);
        }
        if petition.cases.is_empty() {
            for person in &petition.petitioners {
                if let Some(key) = &person.identity {
                    by_person
                        .entry((key.as_str(), petition.subject))
                        .or_default()
                        .push(i);
                }
            }
        }
    }
    for bucket in by_case.values() {
        for (n, &a) in bucket.iter().enumerate() {
            for &b in &bucket[n + 1..] {
                if shared_person(&petitions[a], &petitions[b]) {
                    groups.join(a, b);
                }
            }
        }
    }
    for bucket in by_person.values() {
        for pair in bucket.windows(2) {
            groups.join(pair[0], pair[1]);
        }
    }
    let mut of_root: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..petitions.len() {
        let root = groups.root(i);
        of_root.entry(root).or_default().push(i);
    }
    let mut all: Vec<Vec<usize>> = of_root.into_values().collect();
    for matter in &mut all {
        matter.sort_by_key(|&i| order(petitions, i));
    }
    all.sort_by_key(|m| order(petitions, m[0]));
    all
}

/// Whether each petition repeats an earlier one of its matter (重复信访).
pub fn repeats(petitions: &[Petition], matters: &[Vec<usize>]) -> Vec<bool> {
    let mut repeat = vec![false; petitions.len()];
    for matter in matters {
        for &i in matter.iter().skip(1) {
            repeat[i] = true;
        }
    }
    repeat
}
