use chrono::NaiveDate;
use shenguan_domain::allocation::diversion::Facts;

use super::*;

fn facts(case_type: &str) -> Facts {
    Facts {
        case_type: case_type.into(),
        cause: None,
        amount: None,
        parties: 2,
        announcement: false,
        foreign: false,
        series: false,
        max_sentence_months: None,
        guilty_plea: false,
        filed_on: NaiveDate::from_ymd_opt(2026, 3, 1).expect("day"),
    }
}

#[test]
fn the_shipped_rules_read_and_send_cases_down_their_tracks() {
    let set = load(None).expect("the shipped rules");
    assert_eq!(set.version, "shipped-2026-1");
    assert_eq!(set.rules.len(), 6);
    assert!(set.wages.is_empty(), "no wage ships");
    assert_eq!(set.weight(Track::Complex), 400);
    assert_eq!(set.weight(Track::Speedy), 50);
    assert_eq!(set.mode, Mode::Weighted { band: 100 });
    let capped = SHIPPED.replace(
        "mode = \"weighted\"\nband = 1.0",
        "mode = \"pending_cap\"\ncap = 30",
    );
    assert_eq!(
        parse(&capped, "court.toml").expect("read").mode,
        Mode::PendingCap { cap: 30 }
    );
    let plea = Facts {
        max_sentence_months: Some(12),
        guilty_plea: true,
        ..facts("刑初")
    };
    assert_eq!(set.decide(&plea).rule, "刑事速裁");
    // Without a wage, no small claim: a two-party civil case is a simple one.
    let civil = Facts {
        amount: Some(Money::parse("3000").expect("money")),
        ..facts("民初")
    };
    assert_eq!(set.decide(&civil).rule, "民事简案");
    assert_eq!(set.decide(&facts("行初")).rule, "default");
    // A claim of fifty million is complex, however few its parties.
    let big = Facts {
        amount: Some(Money::parse("50000000").expect("money")),
        ..facts("民初")
    };
    assert_eq!(set.decide(&big).rule, "大标的繁案");
}

#[test]
fn a_court_s_own_rules_with_a_wage_take_small_claims() {
    let text = SHIPPED.replace("\n[wages]\n", "\n[wages]\n\"2025\" = \"100000.00\"\n");
    let set = parse(&text, "court.toml").expect("the rules");
    let civil = Facts {
        amount: Some(Money::parse("50000").expect("money")),
        ..facts("民初")
    };
    assert_eq!(set.decide(&civil).rule, "小额诉讼");
}

#[test]
fn a_wrong_rule_is_named_by_its_place_key_and_value() {
    for (change, says) in [
        (
            (
                "track = \"速裁\"\npool = \"刑事速裁团队\"",
                "track = \"快速\"\npool = \"刑事速裁团队\"",
            ),
            "快速",
        ),
        (
            (
                "case_types = [\"刑初\"]\nsentence",
                "case_types = [\"刑X\"]\nsentence",
            ),
            "刑X",
        ),
        (
            ("amount_above = \"10000000.00\"", "amount_above = \"很多\""),
            "很多",
        ),
        (
            ("version = \"shipped-2026-1\"", "version = \"\""),
            "version",
        ),
        (
            ("small_claims_percent = 50", "small_claims_percent = 0"),
            "small_claims_percent",
        ),
        (("\n[wages]\n", "\n[wages]\n\"1066\" = \"1.00\"\n"), "1066"),
        (("mode = \"weighted\"", "mode = \"lottery\""), "lottery"),
        (("\"繁案\" = 4.0", "\"繁案\" = -4.0"), "繁案"),
        (
            ("mode = \"weighted\"\nband = 1.0", "mode = \"pending_cap\""),
            "cap",
        ),
        (("id = \"民事简案\"", "id = \"刑事速裁\""), "刑事速裁"),
        (
            ("version = \"shipped-2026-1\"", "version = \"v1;judge=J9\""),
            "v1;judge=J9",
        ),
        (
            (
                "pool = \"刑事速裁团队\"\ncase_types = [\"刑初\"]",
                "pool = \"刑事;速裁\"\ncase_types = [\"刑初\"]",
            ),
            "刑事;速裁",
        ),
        (
            (
                "band = 1.0\n",
                "band = 1.0\nleader_shares = { \"书记员\" = 50 }\n",
            ),
            "书记员",
        ),
        (
            (
                "band = 1.0\n",
                "band = 1.0\nleader_shares = { \"庭长\" = 0 }\n",
            ),
            "庭长",
        ),
        (
            (
                "guilty_plea = true\n\n# 小额诉讼",
                "guilty_plea = true\nextra = 1\n\n# 小额诉讼",
            ),
            "extra",
        ),
    ] {
        let (from, to) = change;
        assert_eq!(SHIPPED.matches(from).count(), 1, "{from}");
        let text = SHIPPED.replacen(from, to, 1);
        let error = parse(&text, "court.toml").expect_err("refused");
        let said = error.to_string();
        assert!(
            said.contains("court.toml") && said.contains(says),
            "{says}: {said}"
        );
    }
}

#[test]
fn a_court_s_leaders_take_the_share_of_a_judge_s_cases_its_rules_set() {
    use shenguan_domain::StaffRole;
    let text = SHIPPED.replacen(
        "band = 1.0\n",
        "band = 1.0\nleader_shares = { \"院长\" = 10, \"庭长\" = 50 }\n",
        1,
    );
    let set = parse(&text, "court.toml").expect("the rules");
    assert_eq!(set.share(Some(StaffRole::President)), 10);
    assert_eq!(set.share(Some(StaffRole::DivisionHead)), 50);
    assert_eq!(set.share(Some(StaffRole::DeputyDivisionHead)), 100);
    assert_eq!(set.share(Some(StaffRole::QuotaJudge)), 100);
    assert_eq!(set.share(None), 100);
    assert!(load(None).expect("shipped").leader_shares.is_empty());
}
