//! The judge of a pool who takes a case: a draw among the eligible, replayable from its seed.
//!
//! Eligible: in the pool, in post, not on leave, and not excluded for the case (a recusal, a
//! relationship with a party or lawyer, the judge of an earlier instance when the case must go to
//! a new panel). Then, by the court's mode:
//!
//! - **weighted** (the default): only judges whose weighted caseload is within `band` of the
//!   lightest eligible one's are drawn, so that loads converge — after any number of cases the
//!   heaviest and lightest of a pool differ by at most `band` plus the heaviest case weight;
//! - **pending cap** (结出递补): only judges with fewer than `cap` cases pending are drawn; a judge
//!   takes the next case only when one of theirs closes.
//!
//! A leader of the court (院长, 庭长 …) takes a share of a full judge's cases as the court's rules
//! set (院庭长办案): the weighted draw reads their caseload as if it were divided by their share,
//! and the pending cap is their share of the cap (at least one case).
//!
//! Among those drawn from, the choice is uniform: the draw key of the seed and the case number
//! (the same key as a review plan's sample, docs/review.md) picks one of them in the order of
//! their keys, so the same judges, loads, seed and case give the same judge.

use std::collections::BTreeSet;

use crate::review::selection::draw_key;

/// A judge of a pool as the draw sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The judge's key (a staff number).
    pub key: String,
    pub pool: String,
    pub in_post: bool,
    pub on_leave: bool,
    /// Weighted caseload (the sum of the weights of the cases they hold, in hundredths).
    pub load: u64,
    /// Cases pending.
    pub pending: u32,
    /// The share of a full judge's cases they take, percent (100 for a judge; less for a leader).
    pub share: u64,
}

impl Candidate {
    /// The caseload the weighted draw compares: the load over the share.
    fn compared_load(&self) -> u64 {
        self.load.saturating_mul(100) / self.share.clamp(1, 100)
    }

    /// The pending cap that holds for them: their share of `cap`, at least one case.
    fn cap(&self, cap: u32) -> u32 {
        let share = u32::try_from(self.share.clamp(1, 100)).unwrap_or(100);
        (cap.saturating_mul(share) / 100).max(1)
    }
}

/// How a court draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Among those within `band` (hundredths) of the lightest weighted caseload.
    Weighted { band: u64 },
    /// Among those with fewer than `cap` cases pending.
    PendingCap { cap: u32 },
}

/// Who took the case and from how many.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drawn {
    pub judge: String,
    /// The judges drawn from, by key.
    pub among: Vec<String>,
}

/// Why no judge could be drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoJudge {
    /// No one of the pool is in post, present and not excluded.
    NoneEligible,
    /// Everyone eligible holds the cap of pending cases.
    AllAtCap,
}

/// The judge of `pool` who takes `case_no` under `seed`, never one of `excluded`.
pub fn draw(
    case_no: &str,
    seed: u64,
    pool: &str,
    candidates: &[Candidate],
    excluded: &BTreeSet<String>,
    mode: Mode,
) -> Result<Drawn, NoJudge> {
    let (judge, among) = pick(case_no, seed, pool, candidates, excluded, mode)?;
    Ok(Drawn {
        judge: candidates[judge].key.clone(),
        among: among.iter().map(|i| candidates[*i].key.clone()).collect(),
    })
}

/// The draw by place: the index in `candidates` of the judge who takes the case, and of those
/// drawn from in the order of their keys — for a replay that draws many times over the same
/// candidates.
pub fn pick(
    case_no: &str,
    seed: u64,
    pool: &str,
    candidates: &[Candidate],
    excluded: &BTreeSet<String>,
    mode: Mode,
) -> Result<(usize, Vec<usize>), NoJudge> {
    let eligible: Vec<(usize, &Candidate)> = candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| c.pool == pool && c.in_post && !c.on_leave && !excluded.contains(&c.key))
        .collect();
    if eligible.is_empty() {
        return Err(NoJudge::NoneEligible);
    }
    let mut among: Vec<(usize, &Candidate)> = match mode {
        Mode::Weighted { band } => {
            let lightest = eligible
                .iter()
                .map(|(_, c)| c.compared_load())
                .min()
                .unwrap_or(0);
            eligible
                .into_iter()
                .filter(|(_, c)| c.compared_load() <= lightest.saturating_add(band))
                .collect()
        }
        Mode::PendingCap { cap } => {
            let under: Vec<(usize, &Candidate)> = eligible
                .into_iter()
                .filter(|(_, c)| c.pending < c.cap(cap))
                .collect();
            if under.is_empty() {
                return Err(NoJudge::AllAtCap);
            }
            under
        }
    };
    among.sort_by(|a, b| a.1.key.cmp(&b.1.key));
    among.dedup_by(|a, b| a.1.key == b.1.key);
    let picked = (draw_key(seed, case_no) % among.len() as u64) as usize;
    Ok((among[picked].0, among.iter().map(|(i, _)| *i).collect()))
}

#[cfg(test)]
mod tests;
