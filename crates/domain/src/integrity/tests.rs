use super::*;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn court(code: &str) -> CourtCode {
    CourtCode::parse(code).expect("court")
}

/// A 民初 case of `code` filed on `filed`, its parties numbered after `n`.
fn case(code: &str, n: usize, filed: NaiveDate, closed: Option<NaiveDate>) -> Facts {
    Facts {
        case_no: format!("（{}）{code}民初{n}号", filed.year()),
        court: court(code),
        type_code: "民初",
        filed,
        closed,
        ending: if closed.is_some() {
            Ending::Other
        } else {
            Ending::Pending
        },
        cause: Some("民间借贷纠纷".into()),
        judge: None,
        unmet: 0,
        origin: None,
        deadline: Some(filed + Days::new(180)),
        stopped: false,
        extended: false,
        received: Some(filed),
        claimants: vec![format!("{code}原告{n}")],
        respondents: vec![format!("{code}被告{n}")],
    }
}

/// Three basic courts closing a case every third day of 2023 and 2024 (filed 40 days before),
/// the background every signal is judged against.
fn honest() -> Vec<Facts> {
    let mut all = Vec::new();
    for code in ["湘1402", "湘1403", "湘1404"] {
        let mut day = d("2023-02-15");
        let mut n = 1;
        while day <= d("2025-04-30") {
            let filed = day - Days::new(40);
            all.push(case(code, n, filed, Some(day)));
            n += 1;
            day = day + Days::new(3);
        }
    }
    all
}

fn of(signals: &[Signal], kind: Kind, code: &str) -> Vec<Signal> {
    signals
        .iter()
        .filter(|s| s.kind == kind && s.court == court(code))
        .cloned()
        .collect()
}

fn period() -> (NaiveDate, NaiveDate) {
    (d("2024-01-01"), d("2025-02-28"))
}

#[test]
fn an_honest_network_raises_no_signal() {
    let (from, to) = period();
    let found = signals(&honest(), from, to, &Settings::default());
    assert!(found.is_empty(), "{found:#?}");
}

/// The honest network with `count` withdrawals of 湘1402 in December 2024 that come back in
/// January with the same parties and cause, and one of 湘1403 refiled by someone else.
fn rushed(count: u64) -> Vec<Facts> {
    let mut all = honest();
    for n in 0..count {
        let closed = d("2024-12-20") + Days::new(n % 12);
        let mut withdrawn = case("湘1402", 900 + n as usize, d("2024-10-01"), Some(closed));
        withdrawn.ending = Ending::Withdrawn;
        let mut again = withdrawn.clone();
        again.case_no = format!("（2025）湘1402民初{}号", 900 + n);
        again.filed = d("2025-01-06") + Days::new(n);
        again.closed = None;
        again.ending = Ending::Pending;
        all.push(withdrawn);
        all.push(again);
    }
    let mut other = case("湘1403", 990, d("2024-10-01"), Some(d("2024-12-22")));
    other.ending = Ending::Withdrawn;
    let mut stranger = case("湘1403", 991, d("2025-01-08"), None);
    stranger.claimants = vec!["另一原告".into()];
    all.push(other);
    all.push(stranger);
    all
}

/// Twenty withdrawals over twelve days, on top of some fifteen closings the window holds
/// anyway, are a count far beyond chance, and their coming back is unheard of among the peers;
/// four are a rise within chance and fewer than `refile_min` returns: a moderate signal.
#[test]
fn year_end_withdrawals_filed_again_in_january_are_a_strong_rush() {
    let (from, to) = period();
    let four = signals(&rushed(4), from, to, &Settings::default());
    let rush = of(&four, Kind::YearEndRush, "湘1402");
    assert_eq!(rush.len(), 1);
    assert_eq!(rush[0].evidence, Evidence::Moderate);
    assert!(
        rush[0].figures.iter().all(|f| !f.unusual),
        "{:?}",
        rush[0].figures
    );
    let eight = signals(&rushed(8), from, to, &Settings::default());
    let rush = of(&eight, Kind::YearEndRush, "湘1402");
    assert_eq!(rush[0].evidence, Evidence::Strong);
    assert!(!rush[0].figures[0].unusual && rush[0].figures[1].unusual);
    let all = rushed(20);
    let (from, to) = period();
    let found = signals(&all, from, to, &Settings::default());
    let rush = of(&found, Kind::YearEndRush, "湘1402");
    assert_eq!(rush.len(), 1, "{found:#?}");
    assert_eq!(rush[0].year, Some(2024));
    assert_eq!(rush[0].evidence, Evidence::Strong);
    assert!(rush[0].figures[0].unusual);
    assert_eq!(rush[0].cases.len(), 20);
    assert!(rush[0].cases.iter().all(|c| c.related.is_some()));
    // The same pairs are withdraw-and-refile too.
    let refile = of(&found, Kind::WithdrawRefile, "湘1402");
    assert_eq!(refile.len(), 1);
    assert_eq!(refile[0].cases.len(), 20);
    assert_eq!(refile[0].evidence, Evidence::Strong);
    assert!(of(&found, Kind::YearEndRush, "湘1403").is_empty());
    assert!(of(&found, Kind::WithdrawRefile, "湘1403").is_empty());
}

/// 湘1403 closes three suits a month by withdrawal on the 28th, each filed again ten days
/// later: its days before the monthly cut-off hold far more closings than its peers', and every
/// one of them came back.
#[test]
fn withdrawals_bunched_before_each_monthly_cut_off_and_filed_again_are_a_strong_signal() {
    let mut all = honest();
    for month in 1..=10u32 {
        for k in 0..3u32 {
            let n = (800 + month * 10 + k) as usize;
            let closed = NaiveDate::from_ymd_opt(2024, month, 28).expect("day");
            let mut withdrawn = case("湘1403", n, closed - Days::new(50), Some(closed));
            withdrawn.ending = Ending::Withdrawn;
            let mut again = withdrawn.clone();
            again.case_no = format!("（2024）湘1403民初{}号", n + 5000);
            again.filed = closed + Days::new(10);
            again.closed = None;
            again.ending = Ending::Pending;
            all.push(withdrawn);
            all.push(again);
        }
    }
    let (from, to) = period();
    let found = signals(&all, from, to, &Settings::default());
    let rush = of(&found, Kind::MonthEndRush, "湘1403");
    assert_eq!(rush.len(), 1, "{found:#?}");
    assert_eq!(rush[0].evidence, Evidence::Strong);
    assert!(rush[0].figures[0].unusual && rush[0].figures[1].unusual);
    assert_eq!(rush[0].cases.len(), 30);
    assert!(rush[0].cases[0].why.zh().contains("月末统计截止前撤诉"));
    assert!(
        found
            .iter()
            .all(|s| s.kind != Kind::MonthEndRush || s.court == court("湘1403")),
        "{found:#?}"
    );
    // Statistics closing on the 20th: the 28th is no longer before a cut-off.
    let on_20 = Settings {
        cutoff_day: 20,
        ..Settings::default()
    };
    let found = signals(&all, from, to, &on_20);
    assert!(
        of(&found, Kind::MonthEndRush, "湘1403").is_empty(),
        "{found:#?}"
    );
}

/// The share that came back is judged against the peers' pooled share, read before any
/// court's cases are taken: two courts alike see the same peers, and a court among peers with
/// none has a share of nought to be judged by, not a handful made unusual by a median of nought.
#[test]
fn the_share_that_came_back_is_judged_against_the_peers_pooled_share() {
    let courts = [
        court("湘1402"),
        court("湘1403"),
        court("湘1404"),
        court("湘1405"),
    ];
    let flagged = |n: usize| Flagged {
        case_no: format!("（2024）湘1402民初{n}号"),
        related: None,
        why: text!("回流", "came back"),
    };
    let mut cases: BTreeMap<CourtCode, Vec<Flagged>> = BTreeMap::new();
    cases.insert(courts[0], (0..15).map(flagged).collect());
    cases.insert(courts[1], (0..15).map(flagged).collect());
    cases.insert(courts[2], (0..1).map(flagged).collect());
    let closings = |_: CourtCode| 100.0;
    let s = Settings::default();
    let a = returned_share(courts[0], &courts, &cases, closings, &s);
    let b = returned_share(courts[1], &courts, &cases, closings, &s);
    // Their peers' cases over their closings: 16 of 300.
    assert_eq!(a.1, Some(16.0 / 300.0));
    assert_eq!(a.1, b.1);
    // Fifteen of a hundred against 16 of 300 (5.3 expected): more than twice, beyond chance.
    assert!(a.2 && b.2, "{a:?} {b:?}");
    // 湘1405, with none, against 31 of 300.
    let none = returned_share(courts[3], &courts, &cases, closings, &s);
    assert_eq!(
        (none.0, none.1, none.2),
        (Some(0.0), Some(31.0 / 300.0), false)
    );
    // Ten against 11 of 300 is also more than twice, but ten against 3.7 expected is within
    // the Poisson chance `min_z` allows (the normal's would call it 3.3 deviations out).
    cases.insert(courts[0], (0..10).map(flagged).collect());
    cases.insert(courts[1], (0..10).map(flagged).collect());
    let ten = returned_share(courts[0], &courts, &cases, closings, &s);
    assert_eq!(ten.1, Some(11.0 / 300.0));
    assert!(!ten.2, "{ten:?}");
}

#[test]
fn a_refiling_past_the_days_or_against_another_respondent_is_not_one() {
    let mut withdrawn = case("湘1402", 1, d("2024-03-01"), Some(d("2024-05-01")));
    withdrawn.ending = Ending::Withdrawn;
    let mut late = withdrawn.clone();
    late.case_no = "late".into();
    late.filed = d("2024-07-01");
    let mut elsewhere = withdrawn.clone();
    elsewhere.case_no = "elsewhere".into();
    elsewhere.filed = d("2024-05-10");
    elsewhere.respondents = vec!["另一被告".into()];
    let mut in_time = withdrawn.clone();
    in_time.case_no = "in-time".into();
    in_time.filed = d("2024-06-30");
    let facts = vec![withdrawn.clone(), late, elsewhere];
    let index = Index::new(&facts);
    assert!(index.refiled(&facts, &withdrawn, 60).is_none());
    let facts = vec![withdrawn.clone(), in_time];
    let index = Index::new(&facts);
    assert_eq!(
        index
            .refiled(&facts, &withdrawn, 60)
            .map(|f| f.case_no.as_str()),
        Some("in-time")
    );
}

/// 湘1403's December filings were held to January, the complaints received in December.
#[test]
fn filings_held_to_january_are_listed_with_the_days_they_waited() {
    let mut all = honest();
    for n in 0..10 {
        let received = d("2024-12-16") + Days::new(n);
        let mut held = case(
            "湘1403",
            800 + n as usize,
            d("2025-01-06") + Days::new(n),
            None,
        );
        held.received = Some(received);
        all.push(held);
    }
    let (from, to) = period();
    let found = signals(&all, from, to, &Settings::default());
    let held = of(&found, Kind::WithheldFilings, "湘1403");
    assert_eq!(held.len(), 1, "{found:#?}");
    assert_eq!(held[0].cases.len(), 10);
    // The surge of January is unusual against the peers; with ten cases the evidence is strong.
    assert!(held[0].figures[1].unusual, "{:?}", held[0].figures);
    assert_eq!(held[0].evidence, Evidence::Strong);
    assert!(held[0].cases[0].why.zh().contains("日后方立案"));
    assert!(of(&found, Kind::WithheldFilings, "湘1402").is_empty());
}

/// 湘1404 closes its cases in the last days of a deadline moved by excluded periods.
#[test]
fn stops_ending_at_the_limit_far_more_than_the_peers_are_strong_and_one_alone_weak() {
    let mut all = honest();
    for f in all.iter_mut().filter(|f| f.court == court("湘1404")) {
        if f.case_no.ends_with("0号") || f.case_no.ends_with("5号") {
            f.stopped = true;
            f.deadline = f.closed.map(|c| c + Days::new(2));
        }
    }
    // The peers stop the clock too, as often, but their stopped cases close well within the
    // limit.
    for f in all.iter_mut().filter(|f| f.court != court("湘1404")) {
        if f.case_no.ends_with("0号") || f.case_no.ends_with("5号") {
            f.stopped = true;
            f.deadline = f.closed.map(|c| c + Days::new(60));
        }
    }
    // One honest court has one such case.
    if let Some(one) = all.iter_mut().find(|f| f.court == court("湘1402")) {
        one.stopped = true;
        one.deadline = Some(d("2024-06-01"));
        one.closed = Some(d("2024-05-30"));
    }
    let (from, to) = period();
    let found = signals(&all, from, to, &Settings::default());
    let clock = of(&found, Kind::ClockStopping, "湘1404");
    assert_eq!(clock.len(), 1, "{found:#?}");
    assert_eq!(clock[0].evidence, Evidence::Strong);
    // It stops no more often than its peers; its stops end at the limit.
    assert!(!clock[0].figures[0].unusual && clock[0].figures[1].unusual);
    let alone = of(&found, Kind::ClockStopping, "湘1402");
    assert_eq!(alone.len(), 1);
    assert_eq!(alone[0].evidence, Evidence::Weak);
}

/// The number of a case, as `case` gives it.
fn number(f: &Facts) -> u64 {
    let digits: String = f
        .case_no
        .chars()
        .rev()
        .skip(1)
        .take_while(char::is_ascii_digit)
        .collect();
    digits
        .chars()
        .rev()
        .collect::<String>()
        .parse()
        .expect("number")
}

/// 湘1404 is the most loaded court: its stops end at the limit four times as often as its peers'
/// do, but so do its other closings; it works near its limits, stopped or not.
#[test]
fn a_loaded_court_whose_other_closings_end_at_the_limit_as_often_is_not_unusual() {
    let mut all = honest();
    for f in all.iter_mut() {
        let n = number(f) % 20;
        f.stopped = n.is_multiple_of(5);
        let near = if f.court == court("湘1404") {
            f.stopped || (1..=4).contains(&n)
        } else {
            n == 0 || n == 1
        };
        if near {
            f.deadline = f.closed.map(|c| c + Days::new(2));
        }
    }
    let (from, to) = period();
    let found = signals(&all, from, to, &Settings::default());
    let clock = of(&found, Kind::ClockStopping, "湘1404");
    assert_eq!(clock.len(), 1, "{found:#?}");
    let figures = &clock[0].figures;
    // Its other closings end near the limit four times as often as the peers': the load.
    let (others, peers_others) = (
        figures[2].value.expect("value"),
        figures[2].peers.expect("peers"),
    );
    assert!(others > 3.5 * peers_others, "{figures:#?}");
    // The peers' trace raised by about as much (its share shrunk a little toward the peers')
    // is what its own is judged against: not unusual.
    assert!(!figures[1].unusual, "{figures:#?}");
    assert!(figures[1].peers.expect("peers") > 0.8, "{figures:#?}");
    assert_eq!(clock[0].evidence, Evidence::Weak);
    // Judged by the peers' share alone, the same trace would be strong.
    for f in all.iter_mut().filter(|f| f.court == court("湘1404")) {
        if !f.stopped {
            f.deadline = f.closed.map(|c| c + Days::new(60));
        }
    }
    let found = signals(&all, from, to, &Settings::default());
    let clock = of(&found, Kind::ClockStopping, "湘1404");
    assert_eq!(clock[0].evidence, Evidence::Strong, "{found:#?}");
}

/// The intermediate court has no peers among the basic courts: its stops have no norm, and its
/// figures say so rather than print a norm of nought.
#[test]
fn a_court_without_peers_has_no_norm_for_its_stops() {
    let mut all = honest();
    let mut day = d("2024-01-10");
    for n in 1..=40 {
        let mut f = case("湘14", n, day - Days::new(40), Some(day));
        f.stopped = true;
        f.deadline = Some(day + Days::new(1));
        all.push(f);
        day = day + Days::new(7);
    }
    let (from, to) = period();
    let found = signals(&all, from, to, &Settings::default());
    let clock = of(&found, Kind::ClockStopping, "湘14");
    assert_eq!(clock.len(), 1, "{found:#?}");
    assert!(
        clock[0]
            .figures
            .iter()
            .all(|f| f.peers.is_none() && !f.unusual)
    );
    assert_eq!(clock[0].evidence, Evidence::Weak);
}

/// Two judges in each court, stopping the clock as often as each other; in 湘1404 one judge's
/// stops all end at the limit, his colleague's a fifth of them: the judge is the signal.
#[test]
fn a_judge_whose_stops_end_at_the_limit_beyond_the_courts_other_judges_is_strong() {
    let mut all = honest();
    for f in all.iter_mut() {
        let n = number(f);
        f.judge = Some(format!("法官{}", n % 2));
        f.stopped = n.is_multiple_of(5);
        let near = f.court == court("湘1404") && f.stopped && (n % 2 == 1 || n.is_multiple_of(50));
        if near {
            f.deadline = f.closed.map(|c| c + Days::new(2));
        }
    }
    let (from, to) = period();
    let found = signals(&all, from, to, &Settings::default());
    let judges: Vec<&Signal> = found.iter().filter(|s| s.judge.is_some()).collect();
    assert_eq!(judges.len(), 1, "{judges:#?}");
    let judge = judges[0];
    assert_eq!(
        (judge.kind, judge.court, judge.judge.as_deref()),
        (Kind::ClockStopping, court("湘1404"), Some("法官1"))
    );
    assert_eq!(judge.evidence, Evidence::Strong, "{judge:#?}");
    // As often stopped as the colleague; the stops' ends are what is unusual.
    assert!(!judge.figures[0].unusual && judge.figures[1].unusual);
    assert!(judge.cases.len() >= 10, "{}", judge.cases.len());
    // The court's own signal is judged against the other courts, as before.
    assert_eq!(of(&found, Kind::ClockStopping, "湘1404").len(), 2);
}

#[test]
fn early_zhongben_closings_are_strong_and_quick_restorations_weak() {
    let mut all = honest();
    let enforcement = |code: &str, n: usize, filed: &str, days: u64| {
        let filed = d(filed);
        Facts {
            case_no: format!("（2024）{code}执{n}号"),
            type_code: "执",
            ending: Ending::Zhongben,
            deadline: None,
            ..case(code, n, filed, Some(filed + Days::new(days)))
        }
    };
    for n in 0..5 {
        all.push(enforcement("湘1402", n, "2024-03-01", 40));
    }
    for code in ["湘1403", "湘1404"] {
        for n in 0..5 {
            all.push(enforcement(code, n, "2024-01-10", 200));
        }
    }
    // 湘1403's first is restored four months after its 终本.
    let restored = Facts {
        case_no: "（2024）湘1403执恢1号".into(),
        type_code: "执恢",
        origin: Some("（2024）湘1403执0号".into()),
        ending: Ending::Pending,
        ..case("湘1403", 50, d("2024-11-20"), None)
    };
    all.push(restored);
    let (from, to) = period();
    let found = signals(&all, from, to, &Settings::default());
    let early = of(&found, Kind::ZhongbenEarly, "湘1402");
    assert_eq!(early.len(), 1, "{found:#?}");
    assert_eq!(early[0].evidence, Evidence::Strong);
    assert_eq!(early[0].cases.len(), 5);
    let quick = of(&found, Kind::ZhongbenEarly, "湘1403");
    assert_eq!(quick.len(), 1);
    assert_eq!(quick[0].evidence, Evidence::Weak);
    assert_eq!(
        quick[0].cases[0].related.as_deref(),
        Some("（2024）湘1403执恢1号")
    );
    assert!(of(&found, Kind::ZhongbenEarly, "湘1404").is_empty());
}

/// 湘1404 closes its 终本 cases after three months, but without the on-site investigation and
/// the applicant heard; its peers' pass. One more of 湘1403's a reviewer found wanting.
#[test]
fn zhongben_closings_failing_the_checklist_are_listed_with_the_conditions_they_fail() {
    let mut all = honest();
    for code in ["湘1402", "湘1403", "湘1404"] {
        for n in 0..8 {
            let filed = d("2024-01-10");
            let mut f = Facts {
                case_no: format!("（2024）{code}执{n}号"),
                type_code: "执",
                ending: Ending::Zhongben,
                deadline: None,
                ..case(code, n, filed, Some(filed + Days::new(200)))
            };
            if code == "湘1404" {
                // Condition::Investigation (2) and Condition::ApplicantHeard (4).
                f.unmet = (1 << 2) | (1 << 4);
            }
            if code == "湘1403" && n == 0 {
                f.unmet = REVIEWED_UNMET;
            }
            all.push(f);
        }
    }
    let (from, to) = period();
    let found = signals(&all, from, to, &Settings::default());
    let failed = of(&found, Kind::ZhongbenEarly, "湘1404");
    assert_eq!(failed.len(), 1, "{found:#?}");
    assert_eq!(failed[0].evidence, Evidence::Strong);
    assert!(!failed[0].figures[0].unusual && failed[0].figures[1].unusual);
    assert_eq!(failed[0].figures[1].value, Some(1.0));
    assert_eq!(failed[0].cases.len(), 8);
    let why = failed[0].cases[0].why.zh();
    assert!(
        why.contains("网络查控及现场调查") && why.contains("约谈申请执行人"),
        "{why}"
    );
    let one = of(&found, Kind::ZhongbenEarly, "湘1403");
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].evidence, Evidence::Weak, "{one:#?}");
    assert!(one[0].cases[0].why.zh().contains("评查认定不合格"));
    assert!(of(&found, Kind::ZhongbenEarly, "湘1402").is_empty());
}

#[test]
fn evidence_needs_cases_and_an_unusual_figure_to_be_strong() {
    let s = Settings::default();
    assert_eq!(
        evidence(Kind::YearEndRush, true, 3, &s),
        Some(Evidence::Strong)
    );
    assert_eq!(
        evidence(Kind::YearEndRush, true, 2, &s),
        Some(Evidence::Moderate)
    );
    assert_eq!(
        evidence(Kind::YearEndRush, true, 0, &s),
        Some(Evidence::Weak)
    );
    assert_eq!(
        evidence(Kind::YearEndRush, false, 3, &s),
        Some(Evidence::Moderate)
    );
    assert_eq!(
        evidence(Kind::ClockStopping, false, 30, &s),
        Some(Evidence::Weak)
    );
    assert_eq!(evidence(Kind::YearEndRush, false, 0, &s), None);
    assert_eq!(median(vec![3.0, 1.0, 2.0, f64::NAN]), Some(2.0));
    assert_eq!(median(vec![4.0, 1.0]), Some(2.5));
    assert_eq!(median(Vec::new()), None);
    for kind in Kind::ALL {
        assert_eq!(Kind::parse(kind.code()), Some(kind));
    }
}

/// `per_month` original filings of 湘1402 on the 10th of each month of `year`.
fn filings(year: i32, per_month: [usize; 12]) -> Vec<Facts> {
    let mut all = Vec::new();
    for (m, count) in per_month.iter().enumerate() {
        for k in 0..*count {
            let filed = NaiveDate::from_ymd_opt(year, m as u32 + 1, 10).expect("date");
            all.push(case("湘1402", m * 100 + k, filed, None));
        }
    }
    all
}

#[test]
fn year_end_shares_are_read_against_the_floors() {
    let mut all = filings(2023, [10; 12]);
    all.extend(filings(
        2024,
        [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 0, 0],
    ));
    let floors = (21.0, 14.0);
    let shares = counter::year_end_shares(&all, d("2023-01-01"), d("2024-12-31"), floors);
    assert_eq!(shares.len(), 2);
    let (even, held) = (&shares[0], &shares[1]);
    assert_eq!((even.year, even.filings), (2023, 120));
    assert!((even.q4 - 25.0).abs() < 1e-9 && !even.q4_below);
    assert!((even.nov_dec - 100.0 * 20.0 / 120.0).abs() < 1e-9 && !even.nov_dec_below);
    assert_eq!(held.filings, 100);
    assert!((held.q4 - 10.0).abs() < 1e-9 && held.q4_below);
    assert!(held.nov_dec == 0.0 && held.nov_dec_below);
    // A year the period only touches is not a year's share.
    assert!(counter::year_end_shares(&all, d("2023-02-01"), d("2024-12-31"), floors).len() == 1);
}

#[test]
fn a_months_filings_deviate_from_its_earlier_years_scaled_by_this_years_growth() {
    let mut all = filings(2022, [10; 12]);
    all.extend(filings(2023, [10; 12]));
    // 2024 runs at twice the earlier years, until December's filings stop at five.
    all.extend(filings(
        2024,
        [20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 5],
    ));
    let found = counter::filing_deviation(&all, d("2024-01-01"), d("2024-12-31"));
    assert_eq!(found.len(), 12);
    let january = &found[0];
    // January has no growth to date: its expected is the earlier Januaries'.
    assert_eq!(january.expected, Some(10.0));
    assert_eq!(january.deviation, Some(1.0));
    let march = &found[2];
    assert_eq!(
        (march.filings, march.expected, march.deviation),
        (20, Some(20.0), Some(0.0))
    );
    let december = &found[11];
    assert_eq!(december.expected, Some(20.0));
    assert_eq!(december.deviation, Some(-0.75));
    // December is not judged while it runs: a period to the 7th leaves it out.
    let running = counter::filing_deviation(&all, d("2024-01-01"), d("2024-12-07"));
    assert_eq!(running.len(), 11);
    assert_eq!(running.last().map(|m| m.month), Some(d("2024-11-01")));
    // Without two earlier years there is nothing to expect.
    let young = counter::filing_deviation(&all, d("2023-01-01"), d("2023-01-31"));
    assert_eq!(young[0].expected, None);
}

/// Six cases of 湘1402 around two year ends: two pending on 1 December 2023 (one closed that
/// very day), one filed and closed on 30 November 2023, one filed in December 2023, one filed in
/// January 2024 and closed in December 2024, one filed in December 2024.
fn around_year_ends() -> Vec<Facts> {
    let closed = |text: &str| Some(d(text));
    vec![
        case("湘1402", 1, d("2023-11-10"), None),
        case("湘1402", 2, d("2023-11-20"), closed("2023-12-01")),
        case("湘1402", 3, d("2023-11-30"), closed("2023-11-30")),
        case("湘1402", 4, d("2023-12-15"), closed("2024-01-10")),
        case("湘1402", 5, d("2024-01-05"), closed("2024-12-03")),
        case("湘1402", 6, d("2024-12-02"), None),
    ]
}

/// (year, month, pending, filings, closings, floor, below) of a month's progress.
type Row = (i32, NaiveDate, u64, u64, u64, Option<f64>, bool);

fn row(p: &counter::Progress) -> Row {
    (
        p.year, p.month, p.pending, p.filings, p.closings, p.floor, p.below,
    )
}

#[test]
fn closing_progress_carries_december_into_the_next_assessment_year() {
    let all = around_year_ends();
    let mut floors = [None; 12];
    floors[0] = Some(18.0);
    floors[11] = Some(93.0);
    // To 20 January 2025: January 2025 is still running and is left out.
    let found = counter::closing_progress(&all, d("2023-12-01"), d("2025-01-20"), 12, &floors);
    assert_eq!(found.len(), 13, "{found:#?}");
    // 2024's year opens on 1 December 2023 with serials 1 and 2 pending (2 closes that day, so
    // it was pending at its start; 3 closed the day before). December 2023: serial 4 filed,
    // serial 2 closed.
    assert_eq!(
        row(&found[0]),
        (2024, d("2023-12-01"), 2, 1, 1, Some(18.0), false)
    );
    assert_eq!(found[0].progress, 100.0 / 3.0);
    // January adds serial 5's filing and serial 4's closing: 2 of 4, and so to November, where
    // 50 % is below the floor of 93; the months without a floor are never below.
    assert_eq!(
        row(&found[1]),
        (2024, d("2024-01-01"), 2, 2, 2, None, false)
    );
    assert_eq!(found[1].progress, 50.0);
    assert_eq!(
        row(&found[11]),
        (2024, d("2024-11-01"), 2, 2, 2, Some(93.0), true)
    );
    assert_eq!(found[11].progress, 50.0);
    // December 2024 opens 2025's year: serials 1 and 5 pending, serial 6 filed in December is
    // in 2025's denominator (never in 2024's), serial 5 closed.
    assert_eq!(
        row(&found[12]),
        (2025, d("2024-12-01"), 2, 1, 1, Some(18.0), false)
    );
    assert_eq!(found[12].progress, 100.0 / 3.0);
    // Only months within the period: from January 2024, December 2023 is not shown, yet
    // January's figure still counts from 1 December.
    let later = counter::closing_progress(&all, d("2024-01-01"), d("2024-11-30"), 12, &floors);
    assert_eq!(later.len(), 11);
    assert_eq!(row(&later[0]), row(&found[1]));
}

#[test]
fn closing_progress_from_january_is_the_calendar_year() {
    let all = around_year_ends();
    let found = counter::closing_progress(&all, d("2024-01-01"), d("2024-12-31"), 1, &[]);
    assert_eq!(found.len(), 12);
    // 1 January 2024: serials 1 and 4 pending; January: serial 5 filed, serial 4 closed.
    assert_eq!(
        row(&found[0]),
        (2024, d("2024-01-01"), 2, 1, 1, None, false)
    );
    // December: serial 6's December filing now counts in 2024, and serial 5's closing too.
    assert_eq!(
        row(&found[11]),
        (2024, d("2024-12-01"), 2, 2, 2, None, false)
    );
    assert_eq!(found[11].progress, 50.0);
}
