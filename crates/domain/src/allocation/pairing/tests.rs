use super::*;

#[test]
fn the_binomial_tail_is_worked_by_hand() {
    // Five of five to one of five judges: 0.2⁵.
    assert!((binomial_tail(5, 5, 0.2) - 0.00032).abs() < 1e-12);
    // At least one of two with one chance in two: 1 − 0.25.
    assert!((binomial_tail(2, 1, 0.5) - 0.75).abs() < 1e-12);
    // At least three of four at a half: (4 + 1) ÷ 16.
    assert!((binomial_tail(4, 3, 0.5) - 5.0 / 16.0).abs() < 1e-12);
    assert_eq!(binomial_tail(4, 0, 0.3), 1.0);
    assert_eq!(binomial_tail(4, 5, 0.3), 0.0);
    // A litigant of thousands: no underflow to nothing where the tail is large.
    let big = binomial_tail(5_000, 500, 0.1);
    assert!(big > 0.4 && big < 0.6, "{big}");
    assert!(binomial_tail(5_000, 1_000, 0.1) < 1e-30);
}

fn drawn(who: &str, n: u32, judge: &str) -> Drawn {
    Drawn {
        who: who.into(),
        case_no: format!("（2026）湘1402民初{n}号"),
        pool: ("湘1402".into(), "民事简案团队".into()),
        judge: judge.into(),
    }
}

#[test]
fn a_litigant_whose_cases_keep_going_to_one_judge_is_named_with_the_cases_and_the_chance() {
    let pool = ("湘1402".to_string(), "民事简案团队".to_string());
    let judges: BTreeMap<_, _> = [(pool.clone(), 5)].into();
    let mut cases = Vec::new();
    // 某银行: six cases, five to J1 (about 0.0016 for J1, 0.008 for some judge of the five).
    for n in 1..=5 {
        cases.push(drawn("某银行", n, "J1"));
    }
    cases.push(drawn("某银行", 6, "J2"));
    // 张三: three cases, spread.
    for (n, j) in [(7, "J1"), (8, "J2"), (9, "J3")] {
        cases.push(drawn("张三", n, j));
    }
    // 李律师: three of three to J4 (0.008 for J4, 0.04 for some judge).
    for n in 10..=12 {
        cases.push(drawn("李律师", n, "J4"));
    }
    let found = pairings(&cases, &judges, 3, 0.05);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        (found[0].who.as_str(), found[0].judge.as_str(), found[0].of),
        ("某银行", "J1", 6)
    );
    assert_eq!(found[0].cases.len(), 5);
    let expected = binomial_tail(6, 5, 0.2) * 5.0;
    assert!((found[0].chance - expected).abs() < 1e-15 && expected < 0.01);
    assert_eq!(found[1].who, "李律师");
    // A stricter threshold keeps only the rarer; a pool of one judge is no signal at all.
    assert_eq!(pairings(&cases, &judges, 3, 0.01).len(), 1);
    let alone: BTreeMap<_, _> = [(pool, 1)].into();
    assert!(pairings(&cases, &alone, 3, 0.5).is_empty());
}
