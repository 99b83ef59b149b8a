use super::*;

/// 100 filings: 60 simple closed in 30–59 days, 40 ordinary in 100–139 days.
fn filings(proposed: impl Fn(usize) -> Track) -> Vec<Filed> {
    (0..100)
        .map(|n| {
            let (actual, days) = if n < 60 {
                (Track::Simple, 30 + (n as u32 % 30))
            } else {
                (Track::Ordinary, 100 + (n as u32 % 40))
            };
            Filed {
                case_no: format!("（2025）湘1402民初{n}号"),
                actual,
                proposed: proposed(n),
                days: Some(days),
            }
        })
        .collect()
}

fn limits() -> BTreeMap<Track, u32> {
    [(Track::Simple, 90), (Track::Ordinary, 180)].into()
}

#[test]
fn the_rules_that_sent_each_case_where_it_went_reproduce_what_happened() {
    let same = filings(|n| {
        if n < 60 {
            Track::Simple
        } else {
            Track::Ordinary
        }
    });
    let c = compare(&same, &limits(), &[1, 2, 3, 4, 5]);
    assert_eq!((c.filings, c.moved, c.seeds), (100, 0, 5));
    assert_eq!(c.average_days.mean, c.average_days.actual);
    assert_eq!(c.average_days.low, c.average_days.high, "no chance at all");
    assert_eq!(c.within_limit.mean, Some(100.0));
    assert_eq!(c.shares[&Track::Simple], (60.0, 60.0));
}

#[test]
fn a_stricter_simple_rule_moves_cases_and_the_projection_shows_the_shift_with_its_range() {
    // Half the ordinary cases go simple.
    let stricter = filings(|n| {
        if n < 80 {
            Track::Simple
        } else {
            Track::Ordinary
        }
    });
    let c = compare(&stricter, &limits(), &[1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(c.moved, 20);
    assert_eq!(c.shares[&Track::Simple], (60.0, 80.0));
    assert_eq!(c.shares[&Track::Ordinary], (40.0, 20.0));
    let (actual, mean) = (
        c.average_days.actual.expect("actual"),
        c.average_days.mean.expect("projected"),
    );
    // The 20 moved ones (120–139 days, 129.5 on average) take a simple case's 30–59 (44.5 on
    // average): about 85 × 20 ÷ 100 = 17 days off the average of 74.5.
    assert!(
        actual - mean > 15.0 && actual - mean < 19.0,
        "{actual} → {mean}"
    );
    let (low, high) = (
        c.average_days.low.expect("low"),
        c.average_days.high.expect("high"),
    );
    assert!(
        low <= mean && mean <= high && low < high,
        "{low} ≤ {mean} ≤ {high}"
    );
    // The same seeds replay the same figures.
    assert_eq!(compare(&stricter, &limits(), &[1, 2, 3, 4, 5, 6, 7, 8]), c);
}

#[test]
fn a_track_with_no_closed_case_keeps_each_moved_case_s_own_days() {
    let complex = filings(|n| {
        if n >= 90 {
            Track::Complex
        } else if n < 60 {
            Track::Simple
        } else {
            Track::Ordinary
        }
    });
    let c = compare(&complex, &limits(), &[1]);
    assert_eq!(c.moved, 10);
    assert_eq!(c.average_days.mean, c.average_days.actual);
}
