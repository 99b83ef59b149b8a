use super::*;

use WarningTier::{Overdue, TwoThirdsUsed, Within5Days, Within15Days, Within30Days};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// The tier of a case filed on `filed`, due on `deadline`, looked at on `today`.
#[track_caller]
fn check(filed: &str, deadline: &str, today: &str, expected: Option<WarningTier>) {
    assert_eq!(
        warning_tier(d(filed), d(deadline), d(today)),
        expected,
        "filed {filed}, due {deadline}, today {today}"
    );
}

#[test]
fn days_left_decide_the_first_four_tiers() {
    // Filed 2024-01-01, due 2024-07-01: a limit of 31+29+31+30+31+30 = 182 days (2024 is a leap
    // year). Each tier on both sides of its edge.
    let (filed, due) = ("2024-01-01", "2024-07-01");
    // Past the deadline by one day, or by half a year: overdue.
    check(filed, due, "2024-07-02", Some(Overdue));
    check(filed, due, "2025-01-01", Some(Overdue));
    // The deadline itself is the last day of the limit: 0 days left, not yet overdue.
    check(filed, due, "2024-07-01", Some(Within5Days));
    // 5 days left (06-26 + 5 = 07-01) is still "within 5"; 6 days left is not.
    check(filed, due, "2024-06-26", Some(Within5Days));
    check(filed, due, "2024-06-25", Some(Within15Days));
    // 15 days left (06-16 + 15 = 07-01) is "within 15"; 16 is "within 30".
    check(filed, due, "2024-06-16", Some(Within15Days));
    check(filed, due, "2024-06-15", Some(Within30Days));
    // 30 days left (06-01 + 30 = 07-01) is "within 30"; with 31 left only the share of the limit
    // can still give a tier: 151 of 182 days used, 151 × 3 = 453 ≥ 182 × 2 = 364.
    check(filed, due, "2024-06-01", Some(Within30Days));
    check(filed, due, "2024-05-31", Some(TwoThirdsUsed));
}

#[test]
fn thirty_one_days_left_of_a_short_limit_is_no_warning() {
    // Filed 2024-01-01, due 2024-03-01: 31 + 29 = 60 days. On 01-30, 31 days are left and 29 used:
    // 29 × 3 = 87 < 60 × 2 = 120, so no tier; the next day, 30 days left, is "within 30".
    check("2024-01-01", "2024-03-01", "2024-01-30", None);
    check("2024-01-01", "2024-03-01", "2024-01-31", Some(Within30Days));
}

#[test]
fn two_thirds_of_the_limit_used() {
    // A limit divisible by three: filed 2025-01-01, due 2025-04-10, 31 + 28 + 31 + 9 = 99 days,
    // two thirds = 66 days. 2025-03-08 is day 31 + 28 + 7 = 66 (33 days left): exactly two thirds,
    // 66 × 3 = 198 = 99 × 2. The day before, 65 × 3 = 195 < 198.
    check(
        "2025-01-01",
        "2025-04-10",
        "2025-03-08",
        Some(TwoThirdsUsed),
    );
    check("2025-01-01", "2025-04-10", "2025-03-07", None);
    // A limit not divisible by three: 182 days (above), two thirds = 121⅓. 2024-05-02 is day
    // 31 + 29 + 31 + 30 + 1 = 122: 122 × 3 = 366 ≥ 364. On 05-01, day 121: 363 < 364.
    check(
        "2024-01-01",
        "2024-07-01",
        "2024-05-02",
        Some(TwoThirdsUsed),
    );
    check("2024-01-01", "2024-07-01", "2024-05-01", None);
    // The filing day itself, and a day before filing (bad data): nothing used, no tier.
    check("2024-01-01", "2024-07-01", "2024-01-01", None);
    check("2024-01-01", "2024-07-01", "2023-12-01", None);
}

#[test]
fn a_case_meeting_two_tiers_is_in_the_more_urgent() {
    // 60-day limit (2024-01-01 → 03-01): on 02-20, 10 days are left and 50 used (two thirds is
    // 40): "within 15", not "two thirds used".
    check("2024-01-01", "2024-03-01", "2024-02-20", Some(Within15Days));
    // Overdue and two thirds used: overdue.
    check("2024-01-01", "2024-03-01", "2024-03-05", Some(Overdue));
    // 3 days left and two thirds used: "within 5".
    check("2024-01-01", "2024-03-01", "2024-02-27", Some(Within5Days));
    // 20 days left, 40 used (exactly two thirds): "within 30".
    check("2024-01-01", "2024-03-01", "2024-02-10", Some(Within30Days));
}

#[test]
fn a_limit_of_no_days() {
    // Filed and due the same day: on that day 0 days are left; the next day it is overdue.
    check("2024-03-01", "2024-03-01", "2024-03-01", Some(Within5Days));
    check("2024-03-01", "2024-03-01", "2024-03-02", Some(Overdue));
    // 60 days before (a date before filing): more than 30 days left and nothing used, no tier.
    // (The limit is counted as one day at least; the share of the limit only decides a case with
    // more than 30 days left, which a limit of no days has only before its filing date, where no
    // share is used — so that floor never changes a tier.)
    check("2024-03-01", "2024-03-01", "2024-01-01", None);
}

/// Reads `text` as a tier and compares with `expected`.
#[track_caller]
fn check_parse(text: &str, expected: Option<WarningTier>) {
    assert_eq!(WarningTier::parse(text), expected, "{text:?}");
}

#[test]
fn tiers_read_by_key_or_chinese_label() {
    // Each tier's key, Chinese label and English label as the pages and the API write them.
    for (tier, key, zh, en) in [
        (Overdue, "overdue", "已超审限", "past the limit"),
        (Within5Days, "5_days", "剩余5日内", "5 days left"),
        (Within15Days, "15_days", "剩余15日内", "15 days left"),
        (Within30Days, "30_days", "剩余30日内", "30 days left"),
        (
            TwoThirdsUsed,
            "two_thirds",
            "已用审限三分之二",
            "two thirds used",
        ),
    ] {
        assert_eq!(tier.key(), key);
        assert_eq!(tier.label_zh(), zh);
        assert_eq!(tier.label_en(), en);
        check_parse(key, Some(tier));
        check_parse(zh, Some(tier));
        // Surrounding blanks are ignored.
        check_parse(&format!(" {key}\t"), Some(tier));
        check_parse(&format!(" {zh} "), Some(tier));
        // The English label is for display, not a key.
        check_parse(en, None);
    }
    check_parse("", None);
    check_parse("5_day", None);
    check_parse("overdue_", None);
    check_parse("剩余5日", None);
}

#[test]
fn all_tiers_most_urgent_first() {
    assert_eq!(
        WarningTier::ALL,
        [
            Overdue,
            Within5Days,
            Within15Days,
            Within30Days,
            TwoThirdsUsed
        ]
    );
    // Sorting by tier puts the most urgent first: the order of ALL.
    let mut shuffled = [
        TwoThirdsUsed,
        Within15Days,
        Overdue,
        Within30Days,
        Within5Days,
    ];
    shuffled.sort();
    assert_eq!(shuffled, WarningTier::ALL);
}
