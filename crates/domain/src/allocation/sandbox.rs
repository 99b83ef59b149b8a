//! The sandbox: a period's filings replayed under a proposed rule set, set beside what happened.
//!
//! Each filing has the track it went down (read from the procedure it was heard under) and the
//! track the proposed rules would give it. The duration model is the period's own: a case whose
//! track does not change keeps its trial days; a case sent down another track takes the trial
//! days of a closed case of that track, drawn by the draw key of the seed and its number — so
//! each seed is one replay, and several seeds say how far the projection can move by chance
//! alone (docs/allocation.md). A track the period closed no case down keeps the case's own days.

use std::collections::BTreeMap;

use super::diversion::Track;
use crate::review::selection::draw_key;

/// A filing of the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filed {
    pub case_no: String,
    pub actual: Track,
    pub proposed: Track,
    /// Days from filing to closing less excluded days, if closed.
    pub days: Option<u32>,
}

/// A figure as it was, and as the replays project it: their mean and range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projected {
    pub actual: Option<f64>,
    pub mean: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
}

/// What the sandbox reports.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub filings: usize,
    /// Each track's share of the filings, percent: as they went, and under the proposed rules.
    pub shares: BTreeMap<Track, (f64, f64)>,
    /// Filings the proposed rules send down another track.
    pub moved: usize,
    /// Average trial days of the closed cases.
    pub average_days: Projected,
    /// Closed within the limit of their (proposed) track, percent.
    pub within_limit: Projected,
    pub seeds: usize,
}

/// One replay: each closed case's trial days under the proposed tracks.
fn replay(filed: &[Filed], pools: &BTreeMap<Track, Vec<u32>>, seed: u64) -> Vec<(Track, u32)> {
    filed
        .iter()
        .filter_map(|f| {
            let own = f.days?;
            if f.proposed == f.actual {
                return Some((f.proposed, own));
            }
            let days = match pools.get(&f.proposed) {
                Some(pool) if !pool.is_empty() => {
                    pool[(draw_key(seed, &f.case_no) % pool.len() as u64) as usize]
                }
                _ => own,
            };
            Some((f.proposed, days))
        })
        .collect()
}

fn average(days: &[(Track, u32)]) -> Option<f64> {
    (!days.is_empty())
        .then(|| days.iter().map(|(_, d)| f64::from(*d)).sum::<f64>() / days.len() as f64)
}

fn within(days: &[(Track, u32)], limits: &BTreeMap<Track, u32>) -> Option<f64> {
    (!days.is_empty()).then(|| {
        let kept = days
            .iter()
            .filter(|(t, d)| limits.get(t).is_none_or(|l| d <= l))
            .count();
        kept as f64 * 100.0 / days.len() as f64
    })
}

fn spread(values: &[Option<f64>], actual: Option<f64>) -> Projected {
    let known: Vec<f64> = values.iter().flatten().copied().collect();
    let mean = (!known.is_empty()).then(|| known.iter().sum::<f64>() / known.len() as f64);
    Projected {
        actual,
        mean,
        low: known.iter().copied().reduce(f64::min),
        high: known.iter().copied().reduce(f64::max),
    }
}

/// Replays `filed` under each of `seeds`, with each track's limit in days.
pub fn compare(filed: &[Filed], limits: &BTreeMap<Track, u32>, seeds: &[u64]) -> Comparison {
    let n = filed.len();
    let mut shares: BTreeMap<Track, (f64, f64)> =
        Track::ALL.iter().map(|t| (*t, (0.0, 0.0))).collect();
    for f in filed {
        if let Some(s) = shares.get_mut(&f.actual) {
            s.0 += 1.0;
        }
        if let Some(s) = shares.get_mut(&f.proposed) {
            s.1 += 1.0;
        }
    }
    if n > 0 {
        for s in shares.values_mut() {
            s.0 = s.0 * 100.0 / n as f64;
            s.1 = s.1 * 100.0 / n as f64;
        }
    }
    // The closed cases' days by the track they went down: what a moved case draws from.
    let mut pools: BTreeMap<Track, Vec<u32>> = BTreeMap::new();
    for f in filed {
        if let Some(days) = f.days {
            pools.entry(f.actual).or_default().push(days);
        }
    }
    let as_went: Vec<(Track, u32)> = filed
        .iter()
        .filter_map(|f| Some((f.actual, f.days?)))
        .collect();
    let replays: Vec<Vec<(Track, u32)>> = seeds.iter().map(|s| replay(filed, &pools, *s)).collect();
    Comparison {
        filings: n,
        shares,
        moved: filed.iter().filter(|f| f.proposed != f.actual).count(),
        average_days: spread(
            &replays.iter().map(|r| average(r)).collect::<Vec<_>>(),
            average(&as_went),
        ),
        within_limit: spread(
            &replays
                .iter()
                .map(|r| within(r, limits))
                .collect::<Vec<_>>(),
            within(&as_went, limits),
        ),
        seeds: seeds.len(),
    }
}

#[cfg(test)]
mod tests;
