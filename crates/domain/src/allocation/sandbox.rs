//! The sandbox: a period's filings replayed under a proposed rule set, set beside what happened.
//!
//! Each filing has the track it went down (read from the procedure it was heard under) and the
//! track the proposed rules would give it. The duration model is the period's own: a case whose
//! track does not change keeps its trial days; a case sent down another track takes the trial
//! days of a closed case of that track, drawn by the draw key of the seed and its number — so
//! each seed is one replay, and several seeds say how far the projection can move by chance
//! alone (docs/allocation.md). A track the period closed no case down keeps the case's own days.
//!
//! Each replay also draws the judges: in the order of filing, each case the proposed rules send
//! to a pool is drawn among that pool's judges of its court by the court's draw — on the weighted
//! caseload each holds that day, a case held until its replayed days have passed (a designated
//! case stays with its judge) — so the replay says how the weighted caseloads the period brought
//! would spread among the judges — the largest over the smallest, and a Gini coefficient, each
//! judge's intake over their share (a leader's is less than a full one) — beside how they did
//! spread. A replay's judges hold nothing on the period's first day, and every judge of a pool is
//! taken as present the whole period (leave and posts taken up or left within it are not
//! replayed).

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap};

use chrono::NaiveDate;

use super::diversion::Track;
use super::draw::{Candidate, Mode, pick};
use crate::review::selection::draw_key;

/// A filing of the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filed {
    pub case_no: String,
    pub actual: Track,
    pub proposed: Track,
    /// Days from filing to closing less excluded days, if closed.
    pub days: Option<u32>,
    /// The case's court (its code) and the day it was filed: whose judges draw it, and when.
    pub court: String,
    pub filed_on: NaiveDate,
    /// The pool the proposed rules send it to.
    pub pool: String,
    /// The judge who took it (their key), if known; a designated case keeps its judge in a replay.
    pub judge: Option<String>,
    pub designated: bool,
}

/// The judges a replay draws from, and how.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bench {
    /// By court (its code) and pool: the judges' keys.
    pub judges: BTreeMap<(String, String), Vec<String>>,
    /// A case's weight by track, in hundredths.
    pub weights: BTreeMap<Track, u64>,
    pub mode: Option<Mode>,
    /// The share of a full judge's cases a leader takes, percent, by judge (100 when not named).
    pub shares: BTreeMap<String, u64>,
}

impl Bench {
    fn weight(&self, track: Track) -> u64 {
        self.weights.get(&track).copied().unwrap_or(100)
    }
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
    /// Among the judges, the largest weighted caseload the period brought over the smallest
    /// (none when someone took nothing), and the Gini coefficient of those caseloads (0 even,
    /// towards 1 all on one judge).
    pub max_over_min: Projected,
    pub gini: Projected,
    /// The judges counted: the pools' and everyone who took a case.
    pub judges: usize,
    /// Designated filings, percent (a replay keeps each with its judge).
    pub designated: Option<f64>,
    /// Filings a replay found no judge of the pool for, on average over the seeds.
    pub unassigned: f64,
    pub seeds: usize,
}

/// One replay: each filing's trial days under the proposed tracks (none while pending).
fn replay(filed: &[Filed], pools: &BTreeMap<Track, Vec<u32>>, seed: u64) -> Vec<Option<u32>> {
    filed
        .iter()
        .map(|f| {
            let own = f.days?;
            if f.proposed == f.actual {
                return Some(own);
            }
            Some(match pools.get(&f.proposed) {
                Some(pool) if !pool.is_empty() => {
                    pool[(draw_key(seed, &f.case_no) % pool.len() as u64) as usize]
                }
                _ => own,
            })
        })
        .collect()
}

/// The closed filings of a replay, each with its proposed track and days.
fn closed(filed: &[Filed], days: &[Option<u32>]) -> Vec<(Track, u32)> {
    filed
        .iter()
        .zip(days)
        .filter_map(|(f, d)| Some((f.proposed, (*d)?)))
        .collect()
}

/// The judges of a replay by number, and each filing's pool and designated judge by number: read
/// once, so that the draws of every seed compare numbers rather than names.
struct Indexed {
    /// Each pool's candidates (in the order of their keys) and the judges' numbers beside them.
    pools: Vec<(Vec<Candidate>, Vec<usize>)>,
    /// Each filing's pool, if the bench has it, and its judge's number, if it has one.
    filing_pool: Vec<Option<usize>>,
    filing_judge: Vec<Option<usize>>,
}

impl Indexed {
    fn new(filed: &[Filed], bench: &Bench, judges: &[String]) -> Indexed {
        let number = |key: &str| judges.binary_search_by(|j| j.as_str().cmp(key)).ok();
        let mut at: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        let mut pools = Vec::with_capacity(bench.judges.len());
        for ((court, pool), keys) in &bench.judges {
            let mut keys: Vec<&String> = keys.iter().collect();
            keys.sort();
            keys.dedup();
            let candidates = keys
                .iter()
                .map(|key| Candidate {
                    key: (*key).clone(),
                    pool: pool.clone(),
                    in_post: true,
                    on_leave: false,
                    load: 0,
                    pending: 0,
                    share: bench.shares.get(*key).copied().unwrap_or(100),
                })
                .collect();
            let numbers = keys.iter().filter_map(|key| number(key)).collect();
            at.insert((court.as_str(), pool.as_str()), pools.len());
            pools.push((candidates, numbers));
        }
        Indexed {
            pools,
            filing_pool: filed
                .iter()
                .map(|f| at.get(&(f.court.as_str(), f.pool.as_str())).copied())
                .collect(),
            filing_judge: filed
                .iter()
                .map(|f| f.judge.as_deref().and_then(number))
                .collect(),
        }
    }
}

/// The weighted caseloads one replay brings each judge (by number), and the filings no judge
/// took: each filing in order drawn among its court's pool by the bench's mode, on the caseload
/// each judge holds that day (a case held until its replayed days have passed).
fn replay_loads(
    filed: &[Filed],
    order: &[usize],
    days: &[Option<u32>],
    (bench, indexed, judges): (&Bench, &Indexed, usize),
    seed: u64,
) -> (Vec<u64>, usize) {
    // What the period brought each judge, and what each holds on the day of the draw: the days
    // their cases close, with the cases' weights.
    let mut intake = vec![0_u64; judges];
    let mut held = vec![0_u64; judges];
    let mut closing: Vec<BinaryHeap<Reverse<(NaiveDate, u64)>>> = vec![BinaryHeap::new(); judges];
    let mut pools = indexed.pools.clone();
    let mut unassigned = 0;
    let nobody = BTreeSet::new();
    let mode = bench.mode.unwrap_or(Mode::Weighted { band: 100 });
    for &i in order {
        let f = &filed[i];
        let weight = bench.weight(f.proposed);
        let judge = if f.designated {
            indexed.filing_judge[i]
        } else {
            indexed.filing_pool[i].and_then(|p| {
                let (candidates, numbers) = &mut pools[p];
                for (candidate, &j) in candidates.iter_mut().zip(numbers.iter()) {
                    let heap = &mut closing[j];
                    while let Some(Reverse((day, w))) = heap.peek().copied()
                        && day <= f.filed_on
                    {
                        heap.pop();
                        held[j] = held[j].saturating_sub(w);
                    }
                    candidate.load = held[j];
                    candidate.pending = u32::try_from(heap.len()).unwrap_or(u32::MAX);
                }
                pick(&f.case_no, seed, &f.pool, candidates, &nobody, mode)
                    .ok()
                    .map(|(k, _)| numbers[k])
            })
        };
        let Some(judge) = judge else {
            unassigned += 1;
            continue;
        };
        intake[judge] += weight;
        held[judge] += weight;
        // A case that never closes stays pending to the end of the replay.
        let closes = days[i]
            .and_then(|d| f.filed_on.checked_add_days(chrono::Days::new(u64::from(d))))
            .unwrap_or(NaiveDate::MAX);
        closing[judge].push(Reverse((closes, weight)));
    }
    (intake, unassigned)
}

/// The largest caseload over the smallest (none when the smallest is nothing), and the Gini
/// coefficient: Σᵢ Σⱼ |xᵢ − xⱼ| ÷ (2 n² x̄), from the sorted caseloads.
pub fn load_spread(loads: &[u64]) -> (Option<f64>, Option<f64>) {
    let mut sorted = loads.to_vec();
    sorted.sort_unstable();
    let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else {
        return (None, None);
    };
    let ratio = (min > 0).then(|| max as f64 / min as f64);
    let total: f64 = sorted.iter().map(|x| *x as f64).sum();
    if total == 0.0 {
        return (ratio, None);
    }
    let n = sorted.len() as f64;
    let ranked: f64 = sorted
        .iter()
        .enumerate()
        .map(|(i, x)| (i as f64 + 1.0) * *x as f64)
        .sum();
    (ratio, Some(2.0 * ranked / (n * total) - (n + 1.0) / n))
}

/// Each judge's caseload (`loads`, beside `judges`) over the judge's share: a leader at half a
/// share who took half a judge's cases counts as even with them.
fn over_shares(judges: &[String], loads: &[u64], bench: &Bench) -> Vec<u64> {
    judges
        .iter()
        .zip(loads)
        .map(|(j, load)| {
            let share = bench.shares.get(j).copied().unwrap_or(100).clamp(1, 100);
            load.saturating_mul(100) / share
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

/// Replays `filed` under each of `seeds`, with each track's limit in days and the judges of
/// `bench`.
pub fn compare(
    filed: &[Filed],
    limits: &BTreeMap<Track, u32>,
    bench: &Bench,
    seeds: &[u64],
) -> Comparison {
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
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| {
        (filed[*a].filed_on, &filed[*a].case_no).cmp(&(filed[*b].filed_on, &filed[*b].case_no))
    });
    // The judges counted: every judge of a pool, and everyone who took a case.
    let mut judges: BTreeSet<String> = bench.judges.values().flatten().cloned().collect();
    let mut actual_loads: HashMap<String, u64> = HashMap::new();
    for f in filed {
        if let Some(judge) = &f.judge {
            judges.insert(judge.clone());
            *actual_loads.entry(judge.clone()).or_default() += bench.weight(f.actual);
        }
    }
    let judges: Vec<String> = judges.into_iter().collect();
    let took: Vec<u64> = judges
        .iter()
        .map(|j| actual_loads.get(j).copied().unwrap_or(0))
        .collect();
    let (actual_ratio, actual_gini) = load_spread(&over_shares(&judges, &took, bench));
    let indexed = Indexed::new(filed, bench, &judges);
    let mut ratios = Vec::new();
    let mut ginis = Vec::new();
    let mut unassigned = 0;
    let mut replays: Vec<Vec<(Track, u32)>> = Vec::new();
    for seed in seeds {
        let days = replay(filed, &pools, *seed);
        let (loads, missed) =
            replay_loads(filed, &order, &days, (bench, &indexed, judges.len()), *seed);
        let (ratio, gini) = load_spread(&over_shares(&judges, &loads, bench));
        ratios.push(ratio);
        ginis.push(gini);
        unassigned += missed;
        replays.push(closed(filed, &days));
    }
    let designated = filed.iter().filter(|f| f.designated).count();
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
        max_over_min: spread(&ratios, actual_ratio),
        gini: spread(&ginis, actual_gini),
        judges: judges.len(),
        designated: (n > 0).then(|| designated as f64 * 100.0 / n as f64),
        unassigned: if seeds.is_empty() {
            0.0
        } else {
            unassigned as f64 / seeds.len() as f64
        },
        seeds: seeds.len(),
    }
}

#[cfg(test)]
mod tests;
