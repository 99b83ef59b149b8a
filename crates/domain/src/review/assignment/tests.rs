use chrono::NaiveDate;

use super::*;

fn court(code: &str) -> CourtCode {
    CourtCode::parse(code).expect("court")
}

fn reviewer(key: &str, code: &str) -> Reviewer {
    Reviewer {
        key: key.into(),
        also: Vec::new(),
        court: court(code),
        division: Some("民一庭".into()),
    }
}

fn record(no: &str, judge: &str, origin: Option<&str>) -> CaseRecord {
    let case_no = CaseNumber::parse(no, 2026).expect("a case number");
    let at = case_no.court().expect("a court");
    CaseRecord {
        judge: Some(judge.into()),
        division: Some("民一庭".into()),
        origin_case_no: origin.map(|o| CaseNumber::parse(o, 2026).expect("a case number")),
        ..CaseRecord::filed(
            case_no,
            at,
            NaiveDate::from_ymd_opt(2026, 1, 5).expect("date"),
        )
    }
}

#[test]
fn no_case_goes_to_its_own_court_or_to_anyone_who_took_part_and_loads_differ_by_one_at_most() {
    // Twelve selected cases: eight of 湘1402, four of 湘1403; the 湘1403 ones' earlier instance
    // was judged at 湘14 by the reviewer 湘14:赵六.
    let mut records = Vec::new();
    for n in 1..=8 {
        records.push(record(&format!("（2026）湘1402民初{n}号"), "王伟", None));
    }
    records.push(record("（2025）湘14民初1号", "赵六", None));
    for n in 1..=4 {
        records.push(record(
            &format!("（2026）湘1403民初{n}号"),
            "周七",
            Some("（2025）湘14民初1号"),
        ));
    }
    let held: HashMap<String, &CaseRecord> =
        records.iter().map(|r| (r.case_no.to_string(), r)).collect();
    let cases: Vec<ToReview> = records
        .iter()
        .filter(|r| r.case_no.to_string().starts_with("（2026）"))
        .map(|r| ToReview::of(r, &held))
        .collect();
    assert!(
        cases[8].took_part.contains("湘14:赵六"),
        "{:?}",
        cases[8].took_part
    );
    let reviewers = vec![
        reviewer("湘1402:甲", "湘1402"),
        reviewer("湘1403:乙", "湘1403"),
        reviewer("湘14:赵六", "湘14"),
        reviewer("湘1404:丙", "湘1404"),
    ];
    let none = BTreeSet::new();
    let done = assign(&cases, &reviewers, Separation::Court, &none);
    assert!(done.unassignable.is_empty());
    assert_eq!(done.assigned.len(), 12);
    for case in &cases {
        let key = &done.assigned[&case.case_no.to_string()];
        let who = reviewers
            .iter()
            .find(|r| &r.key == key)
            .expect("a reviewer");
        assert_ne!(who.court, case.court, "{}: own court", case.case_no);
        assert!(!case.took_part.contains(key), "{}: took part", case.case_no);
    }
    let loads: Vec<usize> = done.loads(&reviewers).into_values().collect();
    let (most, least) = (loads.iter().max().copied(), loads.iter().min().copied());
    assert!(
        most.zip(least).is_some_and(|(m, l)| m - l <= 1),
        "{loads:?}"
    );
    // The same every time.
    assert_eq!(assign(&cases, &reviewers, Separation::Court, &none), done);

    // A recusal moves the case on to someone else.
    let first = cases[0].case_no.to_string();
    let holder = done.assigned[&first].clone();
    let recused: BTreeSet<(String, String)> = [(first.clone(), holder.clone())].into();
    let again = assign(&cases, &reviewers, Separation::Court, &recused);
    assert_ne!(again.assigned[&first], holder);

    // With only the case's own court's reviewer, or one who took part, a case has no reviewer.
    let alone = vec![
        reviewer("湘1403:乙", "湘1403"),
        reviewer("湘14:赵六", "湘14"),
    ];
    let none_left = assign(&cases[8..9], &alone, Separation::Court, &none);
    assert_eq!(none_left.unassignable, vec![cases[8].case_no.clone()]);
}

#[test]
fn a_division_separation_allows_another_division_of_the_same_court() {
    let case = ToReview {
        case_no: CaseNumber::parse("（2026）湘1402民初1号", 2026).expect("a number"),
        court: court("湘1402"),
        division: Some("民一庭".into()),
        took_part: BTreeSet::new(),
    };
    let same = reviewer("湘1402:甲", "湘1402");
    let other = Reviewer {
        division: Some("民二庭".into()),
        ..reviewer("湘1402:乙", "湘1402")
    };
    let none = BTreeSet::new();
    assert!(!may_review(&same, &case, Separation::Division, &none));
    assert!(may_review(&other, &case, Separation::Division, &none));
    assert!(!may_review(&other, &case, Separation::Court, &none));
    // An unknown division is not known to differ.
    let unknown = Reviewer {
        division: None,
        ..reviewer("湘1402:丙", "湘1402")
    };
    assert!(!may_review(&unknown, &case, Separation::Division, &none));
    // Known by court and name in the case data: excluded as the same person.
    let named = Reviewer {
        also: vec!["湘1403:周七".into()],
        ..reviewer("S-7", "湘1403")
    };
    let judged = ToReview {
        took_part: ["湘1403:周七".to_string()].into(),
        ..case.clone()
    };
    assert!(!may_review(&named, &judged, Separation::Court, &none));
}

#[test]
fn with_exclusions_that_leave_room_loads_even_out_through_chains_of_moves() {
    // Cases of three courts, reviewers of four; each reviewer excluded from their own court's
    // cases. Every mix of counts below leaves a balanced assignment possible (with 1, 1 and 10
    // it would not: 湘1404's reviewer could take two cases at most).
    let courts = ["湘1402", "湘1403", "湘1404"];
    for (a, b, c) in [(8, 4, 0), (2, 2, 8), (5, 5, 5), (6, 0, 6), (0, 3, 9)] {
        let mut cases = Vec::new();
        for (code, count) in courts.iter().zip([a, b, c]) {
            for n in 1..=count {
                cases.push(ToReview {
                    case_no: CaseNumber::parse(&format!("（2026）{code}民初{n}号"), 2026)
                        .expect("a number"),
                    court: court(code),
                    division: None,
                    took_part: BTreeSet::new(),
                });
            }
        }
        let reviewers: Vec<Reviewer> = ["湘1402", "湘1403", "湘1404", "湘1405"]
            .iter()
            .map(|code| reviewer(&format!("{code}:审"), code))
            .collect();
        let done = assign(&cases, &reviewers, Separation::Court, &BTreeSet::new());
        assert!(done.unassignable.is_empty());
        let loads: Vec<usize> = done.loads(&reviewers).into_values().collect();
        let spread =
            loads.iter().max().copied().unwrap_or(0) - loads.iter().min().copied().unwrap_or(0);
        assert!(spread <= 1, "{a} {b} {c}: {loads:?}");
    }
    // Where it is not possible, the one who can take few takes all they can, the rest even.
    let cases: Vec<ToReview> = (1..=10)
        .map(|n| ToReview {
            case_no: CaseNumber::parse(&format!("（2026）湘1404民初{n}号"), 2026)
                .expect("a number"),
            court: court("湘1404"),
            division: None,
            took_part: BTreeSet::new(),
        })
        .chain((1..=2).map(|n| ToReview {
            case_no:
                CaseNumber::parse(&format!("（2026）湘1402民初{n}号"), 2026).expect("a number"),
            court: court("湘1402"),
            division: None,
            took_part: BTreeSet::new(),
        }))
        .collect();
    let reviewers: Vec<Reviewer> = ["湘1402", "湘1403", "湘1404", "湘1405"]
        .iter()
        .map(|code| reviewer(&format!("{code}:审"), code))
        .collect();
    let done = assign(&cases, &reviewers, Separation::Court, &BTreeSet::new());
    let loads = done.loads(&reviewers);
    assert_eq!(loads["湘1404:审"], 2);
    let others: Vec<usize> = ["湘1402:审", "湘1403:审", "湘1405:审"]
        .iter()
        .map(|k| loads[*k])
        .collect();
    assert_eq!(others.iter().sum::<usize>(), 10);
    assert!(
        others.iter().max().copied().unwrap_or(0) - others.iter().min().copied().unwrap_or(0) <= 1,
        "{loads:?}"
    );
}

#[test]
fn a_recused_case_goes_to_the_least_loaded_reviewer_who_may_take_it() {
    let case = ToReview::of(
        &record("（2026）湘1402民初1号", "王伟", None),
        &HashMap::new(),
    );
    let reviewers = vec![
        reviewer("A", "湘1403"),
        reviewer("B", "湘1404"),
        reviewer("C", "湘1402"),
        reviewer("D", "湘1405"),
    ];
    let loads: BTreeMap<String, usize> = [("A", 3), ("B", 2), ("C", 0), ("D", 2)]
        .into_iter()
        .map(|(k, n)| (k.to_string(), n))
        .collect();
    // A recused: not C (the case's own court), B and D hold two each — B by key.
    let recused: BTreeSet<(String, String)> =
        [("（2026）湘1402民初1号".to_string(), "A".to_string())].into();
    assert_eq!(
        next_reviewer(&case, &reviewers, Separation::Court, &recused, &loads),
        Some("B".into())
    );
    // B recused too: D.
    let mut both = recused.clone();
    both.insert(("（2026）湘1402民初1号".into(), "B".into()));
    assert_eq!(
        next_reviewer(&case, &reviewers, Separation::Court, &both, &loads),
        Some("D".into())
    );
    both.insert(("（2026）湘1402民初1号".into(), "D".into()));
    assert_eq!(
        next_reviewer(&case, &reviewers, Separation::Court, &both, &loads),
        None,
        "no one left who may"
    );
}
