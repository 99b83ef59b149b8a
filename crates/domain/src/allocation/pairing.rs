//! Repeated pairings beyond chance: a litigant or lawyer whose drawn cases keep going to the same
//! judge more often than a fair draw would send them.
//!
//! For one litigant (or lawyer) with `k` drawn cases in a pool of `n` judges, a fair draw gives a
//! given judge each case with chance 1/n, so the number the judge takes is binomial (k, 1/n). The
//! question is whether *some* judge of the pool took so many, so the chance is the binomial tail
//! times n (a bound that never understates it). A pairing is a signal when a judge took at least
//! `least` of them and that chance is below `chance` (the court's threshold, docs/allocation.md)
//! — the chance shown with the cases, so a reader can weigh it: among thousands of litigants, a
//! few pairings that rare arise by chance alone, and the weighted draw is not quite uniform (a
//! judge back from leave takes the next cases until their caseload catches up).

use std::collections::BTreeMap;

/// One drawn case of a litigant or lawyer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drawn {
    /// Who: an identity key, or a name.
    pub who: String,
    pub case_no: String,
    /// The pool the case was drawn in (court and pool), and the judge who took it.
    pub pool: (String, String),
    pub judge: String,
}

/// A pairing beyond chance.
#[derive(Clone, Debug, PartialEq)]
pub struct Pairing {
    pub who: String,
    pub pool: (String, String),
    pub judge: String,
    /// The cases the judge took, and how many the litigant had in the pool.
    pub cases: Vec<String>,
    pub of: u32,
    /// The judges of the pool, and the chance a fair draw gives some judge of it so many.
    pub judges: u32,
    pub chance: f64,
}

/// P(X ≥ m) for X binomial (k, p), summed in logarithms so that a litigant of thousands of cases
/// does not underflow.
pub fn binomial_tail(k: u32, m: u32, p: f64) -> f64 {
    if m == 0 {
        return 1.0;
    }
    if m > k || p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    let (lp, lq) = (p.ln(), (1.0 - p).ln());
    // ln C(k, x) built up term by term: ln C(k, x + 1) = ln C(k, x) + ln(k − x) − ln(x + 1).
    let mut ln_choose = 0.0;
    let mut terms = Vec::with_capacity((k - m + 1) as usize);
    for x in 0..=k {
        if x >= m {
            terms.push(ln_choose + f64::from(x) * lp + f64::from(k - x) * lq);
        }
        if x < k {
            ln_choose += f64::from(k - x).ln() - f64::from(x + 1).ln();
        }
    }
    let top = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (top + terms.iter().map(|t| (t - top).exp()).sum::<f64>().ln())
        .exp()
        .min(1.0)
}

/// The pairings of `drawn` beyond `chance` with at least `least` cases to one judge, where
/// `judges` gives each pool's number of judges; the rarest first.
pub fn pairings(
    drawn: &[Drawn],
    judges: &BTreeMap<(String, String), u32>,
    least: u32,
    chance: f64,
) -> Vec<Pairing> {
    let mut by_who: BTreeMap<(&str, &(String, String)), Vec<&Drawn>> = BTreeMap::new();
    for d in drawn {
        by_who.entry((&d.who, &d.pool)).or_default().push(d);
    }
    let mut found = Vec::new();
    for ((who, pool), cases) in by_who {
        let n = judges.get(pool).copied().unwrap_or(0);
        if n < 2 {
            continue;
        }
        let k = u32::try_from(cases.len()).unwrap_or(u32::MAX);
        let mut by_judge: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for d in &cases {
            by_judge
                .entry(&d.judge)
                .or_default()
                .push(d.case_no.clone());
        }
        for (judge, taken) in by_judge {
            let m = u32::try_from(taken.len()).unwrap_or(u32::MAX);
            if m < least {
                continue;
            }
            let p = (binomial_tail(k, m, 1.0 / f64::from(n)) * f64::from(n)).min(1.0);
            if p < chance {
                found.push(Pairing {
                    who: who.to_string(),
                    pool: pool.clone(),
                    judge: judge.to_string(),
                    cases: taken,
                    of: k,
                    judges: n,
                    chance: p,
                });
            }
        }
    }
    found.sort_by(|a, b| a.chance.total_cmp(&b.chance).then(a.who.cmp(&b.who)));
    found
}

#[cfg(test)]
mod tests;
