//! 交叉评查 — who reviews each selected case: never a reviewer of the reviewed judge's own court (or
//! division, as the plan says), never anyone who took part in the case or its earlier instances,
//! never one who declared a recusal for it; loads kept as even as the exclusions allow.
//!
//! The way: the cases with the fewest eligible reviewers are placed first, each with the least
//! loaded of its eligible reviewers (ties by the reviewer's key, so the result is the same every
//! time); then, while some reviewer holds two or more cases more than another, cases move along
//! the shortest chain of reviewers eligible for them from the most loaded to the less loaded,
//! until no chain would even them further (a balanced assignment: with every reviewer eligible
//! for every case, loads differ by at most one). Where the exclusions leave a case no reviewer at
//! all, it is said so, not assigned.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::{CaseNumber, CaseRecord, CourtCode};

/// Someone who may review (staff marked as a reviewer, or a panel's member).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reviewer {
    /// The reviewer's judge key (staff number, else court and name).
    pub key: String,
    /// The other keys the same person is known by in case data (court and name, for cases that
    /// name their judge without a staff number).
    pub also: Vec<String>,
    pub court: CourtCode,
    pub division: Option<String>,
}

/// How far apart a reviewer must be from the reviewed judge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Separation {
    /// Another court.
    Court,
    /// Another division (of any court).
    Division,
}

/// A selected case as assignment needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ToReview {
    pub case_no: CaseNumber,
    pub court: CourtCode,
    pub division: Option<String>,
    /// The judge keys of everyone who took part in it or in its earlier instances.
    pub took_part: BTreeSet<String>,
}

impl ToReview {
    /// `record` with the judges of its chain of earlier instances found in `held` (by case
    /// number).
    pub fn of(record: &CaseRecord, held: &HashMap<String, &CaseRecord>) -> ToReview {
        let mut took_part = BTreeSet::new();
        let mut seen = BTreeSet::new();
        let mut at = Some(record);
        while let Some(case) = at {
            if !seen.insert(case.case_no.to_string()) {
                break;
            }
            if let Some(key) = case.judge_key() {
                took_part.insert(key);
            }
            at = case
                .origin_case_no
                .as_ref()
                .and_then(|origin| held.get(&origin.to_string()).copied());
        }
        ToReview {
            case_no: record.case_no.clone(),
            court: record.court,
            division: record.division.clone(),
            took_part,
        }
    }
}

/// The assignments (case number → reviewer key) and the cases no reviewer may take.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Assignment {
    pub assigned: BTreeMap<String, String>,
    pub unassignable: Vec<CaseNumber>,
}

impl Assignment {
    /// How many cases each reviewer holds (every reviewer, none with 0).
    pub fn loads(&self, reviewers: &[Reviewer]) -> BTreeMap<String, usize> {
        let mut loads: BTreeMap<String, usize> =
            reviewers.iter().map(|r| (r.key.clone(), 0)).collect();
        for key in self.assigned.values() {
            *loads.entry(key.clone()).or_default() += 1;
        }
        loads
    }
}

/// Whether `reviewer` may review `case` under `separation`, the recusals declared as (case
/// number, reviewer key).
pub fn may_review(
    reviewer: &Reviewer,
    case: &ToReview,
    separation: Separation,
    recusals: &BTreeSet<(String, String)>,
) -> bool {
    let apart = match separation {
        Separation::Court => reviewer.court != case.court,
        // Within one court, only divisions known to differ are apart.
        Separation::Division => {
            reviewer.court != case.court
                || matches!((&reviewer.division, &case.division), (Some(a), Some(b)) if a != b)
        }
    };
    apart
        && !case.took_part.contains(&reviewer.key)
        && !reviewer.also.iter().any(|k| case.took_part.contains(k))
        && !recusals.contains(&(case.case_no.to_string(), reviewer.key.clone()))
}

/// Who takes `case` when its reviewer recuses: the eligible reviewer holding the fewest cases
/// (`loads`, by key), ties to the smaller key; none when no one may.
pub fn next_reviewer(
    case: &ToReview,
    reviewers: &[Reviewer],
    separation: Separation,
    recusals: &BTreeSet<(String, String)>,
    loads: &BTreeMap<String, usize>,
) -> Option<String> {
    reviewers
        .iter()
        .filter(|r| may_review(r, case, separation, recusals))
        .min_by_key(|r| (loads.get(&r.key).copied().unwrap_or(0), r.key.clone()))
        .map(|r| r.key.clone())
}

/// Assigns each of `cases` to one of `reviewers`.
pub fn assign(
    cases: &[ToReview],
    reviewers: &[Reviewer],
    separation: Separation,
    recusals: &BTreeSet<(String, String)>,
) -> Assignment {
    let mut reviewers: Vec<&Reviewer> = reviewers.iter().collect();
    reviewers.sort();
    reviewers.dedup_by(|a, b| a.key == b.key);
    let eligible: Vec<Vec<usize>> = cases
        .iter()
        .map(|case| {
            (0..reviewers.len())
                .filter(|&r| may_review(reviewers[r], case, separation, recusals))
                .collect()
        })
        .collect();
    let mut order: Vec<usize> = (0..cases.len()).collect();
    order.sort_by_key(|&c| (eligible[c].len(), cases[c].case_no.to_string()));
    let mut load = vec![0usize; reviewers.len()];
    let mut holder: Vec<Option<usize>> = vec![None; cases.len()];
    let mut out = Assignment::default();
    for c in order {
        let Some(&r) = eligible[c].iter().min_by_key(|&&r| (load[r], r)) else {
            out.unassignable.push(cases[c].case_no.clone());
            continue;
        };
        load[r] += 1;
        holder[c] = Some(r);
    }
    // Even out: while a reviewer holds two or more cases more than another who could end a chain
    // of moves (a case of the heavy one to a reviewer eligible for it, one of theirs on to the
    // next, …), make the moves. Each lowers the sum of the squared loads, so this ends.
    while let Some((heavy, light, moves)) = lighter_path(&eligible, &holder, &load) {
        for (case, to) in moves {
            holder[case] = Some(to);
        }
        load[heavy] -= 1;
        load[light] += 1;
    }
    for (c, r) in holder.iter().enumerate() {
        if let Some(r) = r {
            out.assigned
                .insert(cases[c].case_no.to_string(), reviewers[*r].key.clone());
        }
    }
    out.unassignable.sort_by_key(ToString::to_string);
    out
}

/// A chain of moves that evens loads: the reviewer shedding a case, the one taking one, and
/// each case moved with its new holder (indexes into the cases and the reviewers).
type Chain = (usize, usize, Vec<(usize, usize)>);

/// A chain of moves from the most loaded reviewer that can shed a case to one holding at least
/// two fewer. Breadth first, so the chain is as short as it can be; reviewers tried from the most
/// loaded down.
fn lighter_path(
    eligible: &[Vec<usize>],
    holder: &[Option<usize>],
    load: &[usize],
) -> Option<Chain> {
    // Each reviewer's cases, listed once.
    let mut held: Vec<Vec<usize>> = vec![Vec::new(); load.len()];
    for (case, r) in holder.iter().enumerate() {
        if let Some(r) = r {
            held[*r].push(case);
        }
    }
    let mut heavy_first: Vec<usize> = (0..load.len()).collect();
    heavy_first.sort_by_key(|&r| (std::cmp::Reverse(load[r]), r));
    for heavy in heavy_first {
        if load[heavy] < 2 {
            break;
        }
        // parent[r] = (the reviewer r took a case from, that case).
        let mut parent: Vec<Option<(usize, usize)>> = vec![None; load.len()];
        let mut seen = vec![false; load.len()];
        seen[heavy] = true;
        let mut queue = std::collections::VecDeque::from([heavy]);
        while let Some(from) = queue.pop_front() {
            for &case in &held[from] {
                for &to in &eligible[case] {
                    if seen[to] {
                        continue;
                    }
                    seen[to] = true;
                    parent[to] = Some((from, case));
                    if load[to] + 2 <= load[heavy] {
                        let mut moves = Vec::new();
                        let mut at = to;
                        while let Some((back, moved)) = parent[at] {
                            moves.push((moved, at));
                            at = back;
                        }
                        return Some((heavy, to, moves));
                    }
                    queue.push_back(to);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests;
