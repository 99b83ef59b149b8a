use chrono::NaiveDate;

use super::*;

fn yuan(y: i64) -> Money {
    Money::from_fen(y * 100)
}

/// A basic court's rules: criminal speedy procedure, small claims, simple civil cases of few
/// parties, complex cases, the rest ordinary.
fn rules() -> RuleSet {
    RuleSet {
        version: "2026-1".into(),
        small_claims_percent: 50,
        wages: [(2025, yuan(100_000))].into(),
        rules: vec![
            Rule {
                id: "刑事速裁".into(),
                when: Condition {
                    case_types: vec!["刑初".into()],
                    sentence_months_at_most: Some(36),
                    guilty_plea: Some(true),
                    ..Condition::default()
                },
                track: Track::Speedy,
                pool: "刑事速裁团队".into(),
            },
            Rule {
                id: "小额诉讼".into(),
                when: Condition {
                    case_types: vec!["民初".into()],
                    small_claims: Some(true),
                    announcement: Some(false),
                    foreign: Some(false),
                    ..Condition::default()
                },
                track: Track::Speedy,
                pool: "民事速裁团队".into(),
            },
            Rule {
                id: "简案".into(),
                when: Condition {
                    case_types: vec!["民初".into()],
                    parties_at_most: Some(3),
                    foreign: Some(false),
                    series: Some(false),
                    ..Condition::default()
                },
                track: Track::Simple,
                pool: "民一庭简案组".into(),
            },
            Rule {
                id: "繁案".into(),
                when: Condition {
                    case_types: vec!["民初".into()],
                    amount_above: Some(yuan(10_000_000)),
                    ..Condition::default()
                },
                track: Track::Complex,
                pool: "民一庭繁案组".into(),
            },
        ],
        default_track: Track::Ordinary,
        default_pool: "民一庭".into(),
        weights: default_weights(),
        mode: crate::allocation::draw::Mode::Weighted { band: 100 },
        leader_shares: BTreeMap::new(),
    }
}

fn civil(amount: Option<i64>, parties: u32) -> Facts {
    Facts {
        case_type: "民初".into(),
        cause: Some("买卖合同纠纷".into()),
        amount: amount.map(yuan),
        parties,
        announcement: false,
        foreign: false,
        series: false,
        max_sentence_months: None,
        guilty_plea: false,
        filed_on: NaiveDate::from_ymd_opt(2026, 3, 1).expect("day"),
    }
}

#[test]
fn the_first_rule_that_takes_a_case_decides_and_says_what_it_read() {
    let set = rules();
    // 50% of 2025's wage of 100,000 yuan: 50,000.
    assert_eq!(set.small_claims_threshold(2026), Some(yuan(50_000)));
    let small = set.decide(&civil(Some(50_000), 2));
    assert_eq!(
        (small.track, small.rule.as_str()),
        (Track::Speedy, "小额诉讼")
    );
    assert_eq!(small.version, "2026-1");
    assert!(
        small
            .used
            .contains(&("small_claims_threshold".into(), yuan(50_000).to_string()))
    );
    // A yuan more: simple procedure, of few parties.
    let simple = set.decide(&civil(Some(50_001), 2));
    assert_eq!(
        (simple.track, simple.pool.as_str()),
        (Track::Simple, "民一庭简案组")
    );
    // A defendant to be served by announcement is no small claim; many parties no simple case.
    let served = Facts {
        announcement: true,
        ..civil(Some(10_000), 2)
    };
    assert_eq!(set.decide(&served).rule, "简案");
    assert_eq!(set.decide(&civil(Some(50_001), 5)).rule, "default");
    let big = set.decide(&civil(Some(20_000_000), 5));
    assert_eq!(big.track, Track::Complex);
    assert_eq!(
        big.used,
        [
            ("case_type".into(), "民初".into()),
            ("amount".into(), yuan(20_000_000).to_string())
        ]
    );
}

#[test]
fn criminal_speedy_procedure_needs_the_plea_and_a_sentence_of_three_years_at_most() {
    let set = rules();
    let charge = |months: Option<u32>, plea: bool| Facts {
        case_type: "刑初".into(),
        cause: Some("危险驾驶罪".into()),
        max_sentence_months: months,
        guilty_plea: plea,
        ..civil(None, 1)
    };
    assert_eq!(set.decide(&charge(Some(6), true)).track, Track::Speedy);
    assert_eq!(set.decide(&charge(Some(36), true)).track, Track::Speedy);
    assert_eq!(set.decide(&charge(Some(37), true)).rule, "default");
    assert_eq!(set.decide(&charge(Some(6), false)).rule, "default");
    assert_eq!(
        set.decide(&charge(None, true)).rule,
        "default",
        "no known sentence"
    );
}

#[test]
fn facts_are_kept_as_written_and_read_back_whole() {
    let criminal = Facts {
        case_type: "刑初".into(),
        cause: Some("危险驾驶罪".into()),
        max_sentence_months: Some(6),
        guilty_plea: true,
        announcement: true,
        ..civil(Some(12_345), 3)
    };
    for facts in [civil(Some(50_000), 2), civil(None, 1), criminal] {
        assert_eq!(
            Facts::read(&facts.written()),
            Some(facts.clone()),
            "{}",
            facts.written()
        );
    }
    assert_eq!(Facts::read("nonsense"), None);
    assert_eq!(Facts::read("type=民初;parties=two;filed=2026-03-01"), None);
}

#[test]
fn without_the_year_befores_wage_no_case_is_a_small_claim() {
    let set = RuleSet {
        wages: BTreeMap::new(),
        ..rules()
    };
    let decision = set.decide(&civil(Some(1_000), 2));
    assert_eq!(decision.rule, "简案");
    assert_eq!(set.small_claims_threshold(2026), None);
}
