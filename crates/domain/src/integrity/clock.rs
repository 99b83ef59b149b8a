//! 滥用中止扣除: how often a court — and each of its judges — extends the limit, excludes a period
//! or suspends a case, and how often a stopped clock ends just before the limit (the trace), each
//! against the peers' shares on the same case types weighed by the unit's load: a court against
//! the other courts of its level, a judge against the other judges of the court
//! (docs/gaming-signals.md).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::{
    Evidence, Facts, Figure, Flagged, Kind, Settings, Signal, evidence, normal_tail, poisson_tail,
    ratio, z_above,
};
use crate::court::{CourtCode, CourtLevel};
use crate::text;

/// A unit's counts of closings of one case type.
#[derive(Clone, Copy, Debug, Default)]
struct Clock {
    closings: f64,
    /// Extended, with a period excluded or suspended.
    stopped_or_extended: f64,
    /// With a period excluded or suspended.
    stopped: f64,
    /// Of the stopped, closed in the deadline's last days: the trace.
    trace: f64,
    /// Of the others, closed in the deadline's last days: how close to its limits the unit
    /// works when no clock is stopped.
    others_near: f64,
}

impl Clock {
    fn add(&mut self, other: &Clock) {
        self.closings += other.closings;
        self.stopped_or_extended += other.stopped_or_extended;
        self.stopped += other.stopped;
        self.trace += other.trace;
        self.others_near += other.others_near;
    }

    /// The counts of `self` without `part`'s (the peers: the whole less the unit itself).
    fn without(&self, part: &Clock) -> Clock {
        Clock {
            closings: self.closings - part.closings,
            stopped_or_extended: self.stopped_or_extended - part.stopped_or_extended,
            stopped: self.stopped - part.stopped,
            trace: self.trace - part.trace,
            others_near: self.others_near - part.others_near,
        }
    }

    fn others(&self) -> f64 {
        self.closings - self.stopped
    }
}

/// Whose clock: a court (no judge), or a judge of it.
type Unit<'a> = (CourtCode, Option<&'a str>);

/// Each unit's counts by case type, the unit keyed by its court's code as text (the order the
/// signals are listed in) and its judge.
type ByUnit<'a> = BTreeMap<(String, Option<&'a str>), Vec<(&'a str, Clock)>>;

/// The peers' group a unit is judged within: the courts of a level, or the judges of a court.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Group {
    Level(CourtLevel),
    Bench(CourtCode),
}

fn group_of(unit: &Unit<'_>) -> Group {
    match unit.1 {
        None => Group::Level(unit.0.level()),
        Some(_) => Group::Bench(unit.0),
    }
}

/// A unit's figures against its peers.
struct Judged {
    figures: Vec<Figure>,
    /// The rate of stopping, and the trace, unusual.
    stopped_unusual: bool,
    near_unusual: bool,
}

pub(super) fn clock_stopping(
    facts: &[Facts],
    courts: &[CourtCode],
    from: NaiveDate,
    to: NaiveDate,
    s: &Settings,
) -> Vec<Signal> {
    // Ordered, so that each unit's types are summed in the same order every run.
    let mut counts: BTreeMap<(Unit<'_>, &str), Clock> = BTreeMap::new();
    let mut cases: HashMap<Unit<'_>, Vec<Flagged>> = HashMap::new();
    for f in facts {
        let (Some(closed), Some(deadline)) = (f.closed, f.deadline) else {
            continue;
        };
        if closed < from || closed > to {
            continue;
        }
        let near =
            closed <= deadline && (deadline - closed).num_days() < i64::from(s.deadline_days);
        let mut one = Clock {
            closings: 1.0,
            ..Clock::default()
        };
        if f.stopped || f.extended {
            one.stopped_or_extended = 1.0;
        }
        if f.stopped {
            one.stopped = 1.0;
        }
        if near && !f.stopped {
            one.others_near = 1.0;
        }
        if near && f.stopped {
            one.trace = 1.0;
        }
        let units = [(f.court, None), (f.court, f.judge.as_deref())];
        let units = if f.judge.is_some() {
            &units[..]
        } else {
            &units[..1]
        };
        for unit in units {
            counts.entry((*unit, f.type_code)).or_default().add(&one);
            if one.trace > 0.0 {
                let left = (deadline - closed).num_days();
                cases.entry(*unit).or_default().push(Flagged {
                    case_no: f.case_no.clone(),
                    related: None,
                    why: text!(
                        "扣除或中止后于审限届满前{left}日结案（审限{deadline}）",
                        "closed {left} days before its deadline ({deadline}) after a period excluded or suspended"
                    ),
                });
            }
        }
    }
    // Each group's counts by type, so that a unit's peers are the group less the unit.
    let mut groups: HashMap<(Group, &str), Clock> = HashMap::new();
    let mut by_unit: ByUnit<'_> = BTreeMap::new();
    for (&(unit, type_code), n) in &counts {
        groups
            .entry((group_of(&unit), type_code))
            .or_default()
            .add(n);
        by_unit
            .entry((unit.0.to_string(), unit.1))
            .or_default()
            .push((type_code, *n));
    }
    let known: HashMap<String, CourtCode> = courts.iter().map(|c| (c.to_string(), *c)).collect();
    // Hundreds of judges compared one by one give a few unusual counts by chance: a judge's is
    // beyond chance only where its Poisson tail is below the chance `min_z` allows one test,
    // divided among every judge tested (Bonferroni). A court is one of a few and keeps `min_z`.
    let judges = by_unit.keys().filter(|(_, judge)| judge.is_some()).count();
    let judge_tail = normal_tail(s.min_z) / judges.max(1) as f64;
    let by_court = |count: f64, expected: f64| z_above(count, expected) >= s.min_z;
    let by_judge = |count: f64, expected: f64| poisson_tail(count, expected) <= judge_tail;
    let mut out = Vec::new();
    for ((code, judge), types) in &by_unit {
        let Some(&court) = known.get(code) else {
            continue;
        };
        let unit = (court, *judge);
        let group = group_of(&unit);
        let peers_of = |type_code: &str, own: &Clock| {
            groups
                .get(&(group, type_code))
                .map(|whole| whole.without(own))
                .unwrap_or_default()
        };
        let beyond_chance: &dyn Fn(f64, f64) -> bool = if judge.is_some() {
            &by_judge
        } else {
            &by_court
        };
        let Some(judged) = judge_unit(types, peers_of, beyond_chance, s) else {
            continue;
        };
        let listed = cases.remove(&unit).unwrap_or_default();
        // A busy court extends more, and honestly: the rate of stopping is shown and marked, but
        // only the trace — closings kept within the limit by the stopped days, beyond the
        // peers' — makes the evidence. A judge is listed only where a figure is unusual: every
        // court has judges with a case or two near the limit.
        let evidence = match (judge, judged.near_unusual, judged.stopped_unusual) {
            (_, true, _) | (None, false, _) => {
                evidence(Kind::ClockStopping, judged.near_unusual, listed.len(), s)
            }
            (Some(_), false, true) => Some(Evidence::Weak),
            (Some(_), false, false) => None,
        };
        if let Some(evidence) = evidence {
            out.push(Signal {
                kind: Kind::ClockStopping,
                court,
                judge: judge.map(str::to_string),
                year: None,
                figures: judged.figures,
                evidence,
                cases: listed,
            });
        }
    }
    out
}

/// Pseudo-closings the unit's own share of closings near the limit is shrunk toward the peers'
/// by before it gives the load: a judge with two other closings, one near the limit, is not
/// read as working ten times as close to the limit as the colleagues.
const LOAD_PRIOR: f64 = 20.0;

/// One figure of a unit over the case types the peers have a rate for: its own count (`part`)
/// of its `whole`, and what the peers' rates give the same whole.
#[derive(Clone, Copy, Debug, Default)]
struct Tally {
    part: f64,
    whole: f64,
    expected: f64,
    /// Whether any type had a peers' rate: without, there is no norm (the one intermediate
    /// court of a city, the one judge of a court, a type no colleague handles).
    peered: bool,
}

impl Tally {
    /// Adds a type's counts where the peers have a rate for it, the rate raised by `factor`
    /// (never past every case).
    fn add(&mut self, part: f64, whole: f64, rate: Option<f64>, factor: f64) {
        if let Some(rate) = rate {
            self.part += part;
            self.whole += whole;
            self.expected += whole * (rate * factor).min(1.0);
            self.peered = true;
        }
    }

    /// The unit's share, over the peered types (over all, `fallback`, where none is).
    fn share(&self, fallback: Option<f64>) -> Option<f64> {
        if self.peered {
            ratio(self.part, self.whole)
        } else {
            fallback
        }
    }

    fn norm(&self) -> Option<f64> {
        ratio(self.expected, self.whole).filter(|_| self.peered)
    }
}

/// A unit's figures from its counts by type (`types`) and its peers' (`peers_of` a type, given
/// the unit's own counts of it); none when it closed nothing.
fn judge_unit(
    types: &[(&str, Clock)],
    peers_of: impl Fn(&str, &Clock) -> Clock,
    beyond_chance: &dyn Fn(f64, f64) -> bool,
    s: &Settings,
) -> Option<Judged> {
    // What the peers' shares, type by type, give this unit's own mix of types, over the types
    // they have a share for: [stopped or extended, the trace, the others near their limit].
    let mut own = Clock::default();
    let mut tally = [Tally::default(); 3];
    for (type_code, n) in types {
        let peer = peers_of(type_code, n);
        own.add(n);
        tally[0].add(
            n.stopped_or_extended,
            n.closings,
            ratio(peer.stopped_or_extended, peer.closings),
            1.0,
        );
        // The trace among the stopped cases: a unit that stops more often, honestly, has more
        // of them near the limit too; what marks the clock stopped to meet the limit is how
        // often a stop ends just before it. And a unit whose cases run long — the most loaded —
        // closes near its limits more often whether a clock was stopped or not: its other
        // closings (shrunk toward the peers' share by `LOAD_PRIOR`), against the peers', say by
        // how much, and the peers' share is raised by as much (never lowered: a unit rarely
        // near its limits is judged by the peers' share as it is).
        let peers_near = ratio(peer.others_near, peer.others());
        let load = match peers_near {
            Some(p) if p > 0.0 => {
                let own_near = (n.others_near + LOAD_PRIOR * p) / (n.others() + LOAD_PRIOR);
                (own_near / p).max(1.0)
            }
            _ => 1.0,
        };
        tally[1].add(n.trace, n.stopped, ratio(peer.trace, peer.stopped), load);
        tally[2].add(n.others_near, n.others(), peers_near, 1.0);
    }
    if own.closings == 0.0 {
        return None;
    }
    let stopped = tally[0].share(ratio(own.stopped_or_extended, own.closings));
    let near = tally[1].share(ratio(own.trace, own.stopped));
    let others_near = tally[2].share(ratio(own.others_near, own.others()));
    let (peers_stopped, peers_near, peers_others_near) =
        (tally[0].norm(), tally[1].norm(), tally[2].norm());
    let over = |value: Option<f64>, t: &Tally| {
        matches!((value, t.norm()), (Some(v), Some(p)) if p > 0.0 && v >= s.clock_ratio * p)
            && beyond_chance(t.part, t.expected)
    };
    let stopped_unusual = over(stopped, &tally[0]);
    let near_unusual = over(near, &tally[1]);
    let figures = vec![
        Figure::against_peers(
            text!(
                "结案中延长、扣除或中止的比例",
                "share of closings extended, with a period excluded or suspended"
            ),
            stopped,
            peers_stopped,
            stopped_unusual,
        ),
        Figure::against_peers(
            text!(
                "扣除或中止的案件中于审限届满前数日内结案的比例",
                "of the cases excluded or suspended, the share closed in the deadline's last days"
            ),
            near,
            peers_near,
            near_unusual,
        ),
        Figure::against_peers(
            text!(
                "其他结案中于审限届满前数日内结案的比例（收结压力）",
                "of the other closings, the share closed in the deadline's last days (the load)"
            ),
            others_near,
            peers_others_near,
            false,
        ),
    ];
    Some(Judged {
        figures,
        stopped_unusual,
        near_unusual,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tails_are_the_textbook_ones() {
        assert!((normal_tail(3.0) - 0.001_349_9).abs() < 1e-6);
        assert!((normal_tail(0.0) - 0.5).abs() < 1e-6);
        assert!((normal_tail(-1.0) - 0.841_344_7).abs() < 1e-6);
        // P(X ≥ 4) for a mean of 0.6: 1 − e^−0.6 (1 + 0.6 + 0.18 + 0.036).
        let exact = 1.0 - (-0.6f64).exp() * (1.0 + 0.6 + 0.18 + 0.036);
        assert!((poisson_tail(4.0, 0.6) - exact).abs() < 1e-12);
        assert_eq!(poisson_tail(0.0, 3.0), 1.0);
        assert_eq!(poisson_tail(2.0, 0.0), 0.0);
        // Far out, the normal approximation: a count of 1,300 against 1,000 is beyond any doubt.
        assert!(poisson_tail(1300.0, 1000.0) < 1e-15);
    }
}
