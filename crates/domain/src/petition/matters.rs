//! Petitions put together into matters (信访事项): the same petitioner about the same thing. From
//! them: repeat petitions (重复信访), new matters that became old ones (新访变老访) and the backlog
//! (信访积案).
//!
//! Readings (docs/petitions.md; the numbers are configurable):
//! - two petitions are one matter when they share a petitioner and a case; petitions naming no
//!   case are one matter when they share a petitioner by identity number and have the same
//!   subject. A petitioner is the same person by the keyed identity number when both records have
//!   one, else by the name (a name alone is trusted only together with a shared case);
//! - a petition repeats its matter when an earlier petition of the matter was received before it
//!   (the same day: the one registered first);
//! - a matter became an old one (新访变老访) in a period when its first petition was received in
//!   the period and another came before the period's end;
//! - a matter is in the backlog (积案) on a day when it is neither resolved (化解), ended by law
//!   nor stopped (息访) by then, and either it has been brought at least three times, or its first
//!   petition is at least 180 days old and none of its petitions has been concluded (answered,
//!   routed into procedure) — a matter answered and not brought again is not backlog by age.

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

/// How two petitioners are the same person, if they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Same {
    ByIdentity,
    ByName,
}

fn same_person(a: &Petitioner, b: &Petitioner) -> Option<Same> {
    match (&a.identity, &b.identity) {
        (Some(x), Some(y)) => (x == y).then_some(Same::ByIdentity),
        _ => (a.name.trim() == b.name.trim() && !a.name.trim().is_empty()).then_some(Same::ByName),
    }
}

fn shared_person(a: &Petition, b: &Petition) -> Option<Same> {
    let mut best = None;
    for x in &a.petitioners {
        for y in &b.petitioners {
            match same_person(x, y) {
                Some(Same::ByIdentity) => return Some(Same::ByIdentity),
                Some(Same::ByName) => best = Some(Same::ByName),
                None => {}
            }
        }
    }
    best
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
    let mut by_case: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_person: HashMap<(&str, super::Subject), Vec<usize>> = HashMap::new();
    for (i, petition) in petitions.iter().enumerate() {
        for case in &petition.cases {
            by_case.entry(case.to_string()).or_default().push(i);
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
                if shared_person(&petitions[a], &petitions[b]).is_some() {
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

/// Whether a matter became an old one in `from..=to`: its first petition received in the period
/// and another before the period's end.
pub fn became_old(
    petitions: &[Petition],
    matter: &[usize],
    from: NaiveDate,
    to: NaiveDate,
) -> bool {
    let mut days = matter.iter().map(|&i| petitions[i].received_on);
    let Some(first) = days.next() else {
        return false;
    };
    (from..=to).contains(&first) && days.any(|d| d <= to)
}

/// The day a matter was closed — resolved (化解), ended by law or stopped — if it was by `day`.
pub fn closed_on(petitions: &[Petition], matter: &[usize], day: NaiveDate) -> Option<NaiveDate> {
    matter
        .iter()
        .flat_map(|&i| {
            let p = &petitions[i];
            [p.resolved_on, p.ended_on, p.stopped_on]
        })
        .flatten()
        .filter(|d| *d <= day)
        .min()
}

/// Whether a matter is in the backlog (积案) on `day`.
pub fn in_backlog(
    petitions: &[Petition],
    matter: &[usize],
    day: NaiveDate,
    rules: &MatterRules,
) -> bool {
    let brought: Vec<&Petition> = matter
        .iter()
        .map(|&i| &petitions[i])
        .filter(|p| p.received_on <= day)
        .collect();
    let Some(first) = brought.iter().map(|p| p.received_on).min() else {
        return false;
    };
    let answered = brought.iter().any(|p| p.concluded_by(day));
    closed_on(petitions, matter, day).is_none()
        && (brought.len() >= rules.backlog_petitions
            || ((day - first).num_days() >= rules.backlog_days && !answered))
}
