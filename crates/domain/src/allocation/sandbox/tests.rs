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
                court: "湘1402".into(),
                filed_on: NaiveDate::from_ymd_opt(2025, 1, 1).expect("day")
                    + chrono::Days::new(n as u64 * 3),
                pool: "民事".into(),
                judge: Some(format!("J{}", n % 4)),
                designated: false,
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
    let c = compare(&same, &limits(), &Bench::default(), &[1, 2, 3, 4, 5]);
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
    let c = compare(
        &stricter,
        &limits(),
        &Bench::default(),
        &[1, 2, 3, 4, 5, 6, 7, 8],
    );
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
    assert_eq!(
        compare(
            &stricter,
            &limits(),
            &Bench::default(),
            &[1, 2, 3, 4, 5, 6, 7, 8]
        ),
        c
    );
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
    let c = compare(&complex, &limits(), &Bench::default(), &[1]);
    assert_eq!(c.moved, 10);
    assert_eq!(c.average_days.mean, c.average_days.actual);
}

/// Four judges of one pool; weights 1 simple, 2 ordinary.
fn bench(mode: Mode) -> Bench {
    Bench {
        judges: [(
            ("湘1402".to_string(), "民事".to_string()),
            (0..4).map(|j| format!("J{j}")).collect(),
        )]
        .into(),
        weights: [(Track::Simple, 100), (Track::Ordinary, 200)].into(),
        mode: Some(mode),
        shares: BTreeMap::new(),
    }
}

#[test]
fn the_spread_of_caseloads_is_worked_by_hand() {
    // 1, 1, 1, 5: Σ|xi − xj| over ordered pairs = 2 × 3 × 4 = 24; 2 n² x̄ = 2 × 16 × 2 = 64.
    let (ratio, gini) = load_spread(&[1, 5, 1, 1]);
    assert_eq!(ratio, Some(5.0));
    assert!((gini.expect("gini") - 24.0 / 64.0).abs() < 1e-12);
    assert_eq!(load_spread(&[3, 3, 3]), (Some(1.0), Some(0.0)));
    // Someone took nothing: no ratio; all on one of four: 3/4.
    let (ratio, gini) = load_spread(&[0, 0, 0, 8]);
    assert_eq!(ratio, None);
    assert!((gini.expect("gini") - 0.75).abs() < 1e-12);
    assert_eq!(load_spread(&[]), (None, None));
    assert_eq!(load_spread(&[0, 0]), (None, None));
}

#[test]
fn a_replay_draws_the_pool_s_judges_and_keeps_their_caseloads_close() {
    // As it went, one judge took nearly everything.
    let mut lopsided = filings(|n| {
        if n < 60 {
            Track::Simple
        } else {
            Track::Ordinary
        }
    });
    for (n, f) in lopsided.iter_mut().enumerate() {
        f.judge = Some(if n % 10 == 0 { "J1" } else { "J0" }.to_string());
    }
    let c = compare(
        &lopsided,
        &limits(),
        &bench(Mode::Weighted { band: 100 }),
        &[1, 2, 3],
    );
    assert_eq!(c.judges, 4);
    assert_eq!(c.max_over_min.actual, None, "two of the four took nothing");
    assert!(c.gini.actual.expect("actual") > 0.6, "{:?}", c.gini);
    // 60 × 1 + 40 × 2 = 140 weights among four within a band of one plus the heaviest case:
    // 35 each, give or take 3.
    let high = c.max_over_min.high.expect("every judge takes cases");
    assert!(high <= 38.0 / 32.0, "{:?}", c.max_over_min);
    assert!(c.gini.high.expect("gini") < 0.05, "{:?}", c.gini);
    assert_eq!(c.unassigned, 0.0);
    assert_eq!(c.designated, Some(0.0));
}

#[test]
fn a_designated_case_stays_with_its_judge_and_a_pool_without_judges_leaves_cases_unassigned() {
    let mut mixed = filings(|n| {
        if n < 60 {
            Track::Simple
        } else {
            Track::Ordinary
        }
    });
    for (n, f) in mixed.iter_mut().enumerate() {
        f.judge = Some("J9".to_string());
        f.designated = n < 10;
        if n >= 90 {
            f.pool = "无人团队".into();
        }
    }
    let c = compare(
        &mixed,
        &limits(),
        &bench(Mode::Weighted { band: 100 }),
        &[7],
    );
    assert_eq!(c.designated, Some(10.0));
    assert_eq!(c.unassigned, 10.0);
    // J9 (designated ten simple cases, weight 10) is counted beside the pool's four.
    assert_eq!(c.judges, 5);
    // The four share the other 70 filings' 110 weights, about 27 each, over J9's 10.
    let ratio = c.max_over_min.mean.expect("everyone took a case");
    assert!(ratio > 2.5 && ratio < 3.2, "{ratio}");
    assert_eq!(c.max_over_min.actual, None);
}

#[test]
fn under_a_pending_cap_a_judge_takes_the_next_case_only_when_one_closes() {
    // Filings every three days, each closing after 30 to 59 or 100 to 139 days: with a cap of
    // one case per judge, four judges cannot take them all.
    let all = filings(|n| {
        if n < 60 {
            Track::Simple
        } else {
            Track::Ordinary
        }
    });
    let capped = compare(
        &all,
        &limits(),
        &bench(Mode::PendingCap { cap: 1 }),
        &[1, 2],
    );
    assert!(capped.unassigned > 50.0, "{}", capped.unassigned);
    let roomy = compare(
        &all,
        &limits(),
        &bench(Mode::PendingCap { cap: 100 }),
        &[1, 2],
    );
    assert_eq!(roomy.unassigned, 0.0);
}

#[test]
fn a_leader_s_intake_counts_over_their_share() {
    let judges = ["J1", "庭长"].map(String::from);
    let bench = Bench {
        shares: [("庭长".to_string(), 50)].into(),
        ..Bench::default()
    };
    assert_eq!(over_shares(&judges, &[200, 100], &bench), vec![200, 200]);
    assert_eq!(
        load_spread(&over_shares(&judges, &[200, 100], &bench)),
        (Some(1.0), Some(0.0))
    );
}
