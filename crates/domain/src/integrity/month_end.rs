//! 月末突击结案: closings bunched in the last days before each monthly statistics cut-off — the
//! court's daily rate of closings there against its rate on the other days of the period, judged
//! against its peers', and the closings there that came back (a withdrawal filed again, a 终本
//! restored) as the cases to look into. The year-end window is left to the year-end rush, whose
//! push every court makes (docs/gaming-signals.md).

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};

use super::{
    Facts, Figure, Flagged, Index, Kind, Rate, Settings, Signal, back, came_back, evidence, median,
    returned_share,
};
use crate::court::CourtCode;
use crate::text;

/// The cut-off day of `date`'s month: `cutoff_day`, or the month's last day when it is 0 or the
/// month is shorter.
fn cutoff_of(date: NaiveDate, cutoff_day: u32) -> Option<NaiveDate> {
    let first = date.with_day(1)?;
    let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
    if cutoff_day == 0 || cutoff_day > last.day() {
        Some(last)
    } else {
        first.with_day(cutoff_day)
    }
}

/// Whether `date` falls in the last `cutoff_days` days up to a monthly cut-off: its own month's,
/// or (for a cut-off early in the month) the next month's.
fn before_cutoff(date: NaiveDate, s: &Settings) -> bool {
    let within =
        |cutoff: NaiveDate| date <= cutoff && date >= back(cutoff, s.cutoff_days.saturating_sub(1));
    let next = date
        .with_day(1)
        .and_then(|first| first.checked_add_months(Months::new(1)));
    cutoff_of(date, s.cutoff_day).is_some_and(within)
        || next
            .and_then(|n| cutoff_of(n, s.cutoff_day))
            .is_some_and(within)
}

/// Whether `date` falls in the year-end window (the year-end rush reads it).
fn at_year_end(date: NaiveDate, s: &Settings) -> bool {
    NaiveDate::from_ymd_opt(date.year(), 12, 31)
        .is_some_and(|end| date >= back(end, s.window_days.saturating_sub(1)))
}

/// The signals of closings bunched before the monthly cut-offs of `from ..= to`.
pub(super) fn month_end_rush(
    facts: &[Facts],
    courts: &[CourtCode],
    index: &Index<'_>,
    from: NaiveDate,
    to: NaiveDate,
    s: &Settings,
) -> Vec<Signal> {
    // The days of the period outside the year-end window: before a cut-off, and the rest.
    let (mut window_days, mut other_days) = (0.0f64, 0.0f64);
    for day in from.iter_days().take_while(|d| *d <= to) {
        if at_year_end(day, s) {
            continue;
        }
        if before_cutoff(day, s) {
            window_days += 1.0;
        } else {
            other_days += 1.0;
        }
    }
    if window_days == 0.0 || other_days == 0.0 {
        return Vec::new();
    }
    let mut counts: BTreeMap<CourtCode, (f64, f64)> = BTreeMap::new();
    let mut cases: BTreeMap<CourtCode, Vec<Flagged>> = BTreeMap::new();
    for f in facts {
        let Some(closed) = f.closed else { continue };
        if closed < from || closed > to || at_year_end(closed, s) {
            continue;
        }
        let entry = counts.entry(f.court).or_default();
        if !before_cutoff(closed, s) {
            entry.1 += 1.0;
            continue;
        }
        entry.0 += 1.0;
        let Some(again) = index.came_back(facts, f, s.refile_days) else {
            continue;
        };
        let flagged = came_back(
            f,
            again,
            |on| {
                text!(
                    "月末统计截止前撤诉，同一当事人以同一案由于{on}再次起诉",
                    "withdrawn just before the monthly cut-off and filed again by the same parties on {on}"
                )
            },
            |on| {
                text!(
                    "月末统计截止前终本，于{on}恢复执行",
                    "closed by 终本 just before the monthly cut-off and restored on {on}"
                )
            },
        );
        cases.entry(f.court).or_default().push(flagged);
    }
    // Each court's daily rate before the cut-offs over its rate on the other days.
    let rates: BTreeMap<CourtCode, Rate> = counts
        .iter()
        .filter_map(|(court, (window, rest))| {
            let base = rest / other_days * window_days;
            (base > 0.0).then_some((
                *court,
                Rate {
                    ratio: window / base,
                    count: *window,
                    base,
                },
            ))
        })
        .collect();
    // Every court's share is read before any court's cases are taken out of the lists: a peer
    // already taken would read as none came back.
    let shares: Vec<_> = courts
        .iter()
        .map(|&court| {
            returned_share(
                court,
                courts,
                &cases,
                |c| rates.get(&c).map_or(0.0, |r| r.count),
                s,
            )
        })
        .collect();
    let mut out = Vec::new();
    for (&court, (share, peer_share, returned_unusual)) in courts.iter().zip(shares) {
        let rate = rates.get(&court).copied();
        let peers = median(
            rates
                .iter()
                .filter(|(c, _)| **c != court && c.level() == court.level())
                .map(|(_, r)| r.ratio)
                .collect(),
        );
        let unusual = matches!((rate, peers), (Some(r), Some(p))
            if r.ratio >= s.rush_ratio * p && r.significant(p, true, s));
        let listed = cases.remove(&court).unwrap_or_default();
        // Listed only where a figure is unusual: a closing before a cut-off that came back is
        // also an ordinary refiling or restoration, which withdraw-and-refile lists; a few of
        // them in a court whose figures are ordinary are no sign of a month-end push.
        let any = unusual || returned_unusual;
        if !any {
            continue;
        }
        let Some(evidence) = evidence(Kind::MonthEndRush, any, listed.len(), s) else {
            continue;
        };
        out.push(Signal {
            kind: Kind::MonthEndRush,
            court,
            judge: None,
            year: None,
            figures: vec![
                Figure::against_peers(
                    text!(
                        "月末统计截止前数日结案日均与其余日均之比",
                        "daily closings in the days before each monthly cut-off over the other days"
                    ),
                    rate.map(|r| r.ratio),
                    peers,
                    unusual,
                ),
                Figure::against_peers(
                    text!(
                        "月末截止前结案中撤诉再诉或终本恢复的比例",
                        "share of the closings before the cut-offs that came back"
                    ),
                    share,
                    peer_share,
                    returned_unusual,
                ),
            ],
            evidence,
            cases: listed,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn the_days_before_a_cut_off_are_its_months_last_or_the_days_up_to_a_set_day() {
        let s = Settings::default();
        // The month's last five days, February's too.
        assert!(before_cutoff(d("2024-02-25"), &s) && !before_cutoff(d("2024-02-24"), &s));
        assert!(before_cutoff(d("2024-03-31"), &s) && before_cutoff(d("2024-03-27"), &s));
        assert!(!before_cutoff(d("2024-03-26"), &s) && !before_cutoff(d("2024-04-01"), &s));
        // Statistics closing on the 25th: the 21st to the 25th; after it the new month runs.
        let on_25 = Settings {
            cutoff_day: 25,
            ..s
        };
        assert!(before_cutoff(d("2024-03-21"), &on_25) && before_cutoff(d("2024-03-25"), &on_25));
        assert!(!before_cutoff(d("2024-03-26"), &on_25) && !before_cutoff(d("2024-03-20"), &on_25));
        // A cut-off on the 2nd takes the last days of the month before (29 February 2024 too).
        let on_2 = Settings { cutoff_day: 2, ..s };
        assert!(before_cutoff(d("2024-02-27"), &on_2) && before_cutoff(d("2024-03-02"), &on_2));
        assert!(!before_cutoff(d("2024-02-26"), &on_2) && !before_cutoff(d("2024-03-03"), &on_2));
        // The year-end window belongs to the year-end rush.
        assert!(at_year_end(d("2024-11-16"), &s) && !at_year_end(d("2024-11-15"), &s));
    }
}
