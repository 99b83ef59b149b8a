//! Every indicator of the catalogue against a value worked out by hand over one small table of
//! cases (`by_hand/table.rs`, its reviews in `by_hand/reviews.rs`, its service in
//! `by_hand/service.rs`, values and arithmetic in `by_hand/expected.rs`): the whole network, each
//! court, the year before, the month buckets, a court filter, and the cases explain names.
//! An indicator added to the catalogue without a hand-worked value fails here.

#[path = "by_hand/expected.rs"]
mod expected;
#[path = "by_hand/register.rs"]
mod register;
#[path = "by_hand/reviews.rs"]
mod reviews;
#[path = "by_hand/service.rs"]
mod service;
#[path = "by_hand/table.rs"]
mod table;

use chrono::NaiveDate;
use shenguan_domain::{CourtCode, CourtScope};
use shenguan_metrics::{
    CATALOGUE, Cases, CasesBuilder, Dimension, Filter, Indicator, MetricsResult, Part, Period,
    Query, TimeStandards, Unit, explain, has_part, indicator, run,
};

use expected::Hand;
use shenguan_metrics::petitions::{PetitionColumns, PetitionRules};

/// The table as the engine's columns, built the way the store's cases are: records with their
/// deadlines, then the events.
fn cases() -> Cases {
    let mut builder = CasesBuilder::new();
    for case in table::cases() {
        builder
            .push_record(&case.record, case.deadline)
            .expect("two courts");
    }
    for event in table::events() {
        builder.push_event(&event);
    }
    for (case_no, mark) in reviews::reviews() {
        builder.review(case_no, mark);
    }
    let marks = service::marks(&dispute);
    for (case_no, mark) in marks.tasks {
        builder.service_task(case_no, mark);
    }
    for (case_no, mark) in marks.posts {
        builder.service_post(case_no, mark);
    }
    let mut cases = builder.finish();
    let register = register::petitions();
    cases.set_petitions(
        PetitionColumns::build(&register, &PetitionRules::default())
            .with_assistance(&register::assistance(), &register),
    );
    cases
}

/// The cases whose address confirmations serve `case_no`: itself and the cases it continues, by
/// the table's origins (as the app reads a dispute).
fn dispute(case_no: &str) -> Vec<String> {
    let origins: std::collections::HashMap<String, Option<String>> = table::cases()
        .into_iter()
        .map(|c| {
            (
                c.record.case_no.to_string(),
                c.record.origin_case_no.map(|o| o.to_string()),
            )
        })
        .collect();
    let mut chain = vec![case_no.to_string()];
    while let Some(Some(up)) = chain.last().and_then(|c| origins.get(c)) {
        if chain.contains(up) {
            break;
        }
        chain.push(up.clone());
    }
    chain
}

fn the_year() -> Period {
    let (from, to) = table::year();
    Period::new(from, to).expect("period")
}

fn query(period: Period, group_by: Vec<Dimension>, indicators: Vec<&'static Indicator>) -> Query {
    Query {
        period,
        filter: Filter::default(),
        group_by,
        indicators,
        standards: TimeStandards::default(),
        threads: 1,
    }
}

fn indicators_of(hands: &[Hand]) -> Vec<&'static Indicator> {
    hands
        .iter()
        .map(|h| indicator(h.code).unwrap_or_else(|| panic!("{}: not in the catalogue", h.code)))
        .collect()
}

/// Whether the engine's value is the hand-worked one: counts exactly, the rest within 1e-9.
fn agrees(unit: Unit, engine: Option<f64>, hand: f64) -> bool {
    match engine {
        // Undefined by hand (NaN) and by the engine (no value): they agree.
        None => hand.is_nan(),
        Some(_) if hand.is_nan() => false,
        Some(value) if unit == Unit::Cases => value == hand,
        Some(value) => (value - hand).abs() <= 1e-9,
    }
}

/// Compares one result row with the hand-worked values, in the order of `hands`, and lists every
/// disagreement (so that one run shows them all).
fn differences(label: &str, result: &MetricsResult, row: usize, hands: &[Hand]) -> Vec<String> {
    let values = &result.rows[row].values;
    // A value short would otherwise drop out of the comparison below unseen.
    assert_eq!(
        values.len(),
        hands.len(),
        "{label}: one value per indicator"
    );
    hands
        .iter()
        .zip(values)
        .filter(|(hand, engine)| {
            let unit = indicator(hand.code).expect("indicator").unit;
            !agrees(unit, **engine, hand.value)
        })
        .map(|(hand, engine)| {
            format!(
                "{label} {}: by hand {}, engine {engine:?}",
                hand.code, hand.value
            )
        })
        .collect()
}

fn assert_none(differences: Vec<String>) {
    assert!(
        differences.is_empty(),
        "{} values differ from the hand-worked ones:\n{}",
        differences.len(),
        differences.join("\n")
    );
}

#[test]
fn the_table_is_read_as_written() {
    let cases = cases();
    assert_eq!(cases.len(), 57);
    let courts: Vec<String> = cases.courts().iter().map(ToString::to_string).collect();
    assert_eq!(courts, ["湘1402", "湘14"]);
    assert_eq!(cases.case_no(0), "（2024）湘1402民初101号");
}

#[test]
fn every_indicator_has_its_hand_worked_value() {
    let hands = expected::network();
    let result = run(
        &cases(),
        &query(the_year(), Vec::new(), indicators_of(&hands)),
    )
    .expect("engine");
    assert_eq!(result.rows.len(), 1, "one row for the whole network");
    assert_none(differences("2025", &result, 0, &hands));
}

#[test]
fn every_indicator_of_the_catalogue_is_worked_by_hand_once() {
    let hands = expected::network();
    let missing: Vec<&str> = CATALOGUE
        .iter()
        .map(|i| i.code)
        .filter(|code| !hands.iter().any(|h| h.code == *code))
        .collect();
    assert!(
        missing.is_empty(),
        "no hand-worked value (by_hand/expected.rs) for {missing:?}"
    );
    for (i, hand) in hands.iter().enumerate() {
        assert!(
            indicator(hand.code).is_some(),
            "{}: worked by hand but not in the catalogue",
            hand.code
        );
        assert!(
            !hands[..i].iter().any(|h| h.code == hand.code),
            "{} worked twice",
            hand.code
        );
    }
    assert_eq!(hands.len(), CATALOGUE.len());
}

#[test]
fn every_ratio_is_worked_on_cases_on_both_sides() {
    // A value of 0 or a missing denominator would let a counting rule change unseen: every
    // indicator with a numerator and a denominator must have cases in both.
    let cases = cases();
    let query = query(the_year(), Vec::new(), Vec::new());
    for indicator in CATALOGUE {
        for part in [Part::Numerator, Part::Denominator] {
            if has_part(indicator, part) {
                let named = explain(&cases, &query, indicator, part).expect("explain");
                assert!(!named.is_empty(), "{} {part:?}: no case", indicator.code);
            }
        }
    }
}

#[test]
fn each_court_has_its_hand_worked_values() {
    let cases = cases();
    for (court, hands) in expected::by_court() {
        let result = run(
            &cases,
            &query(the_year(), vec![Dimension::Court], indicators_of(&hands)),
        )
        .expect("engine");
        let row = result
            .rows
            .iter()
            .position(|r| r.group == [(Dimension::Court, court.to_string())])
            .unwrap_or_else(|| panic!("no row for {court}"));
        assert_eq!(result.rows.len(), 2, "a row for each of the two courts");
        assert_none(differences(court, &result, row, &hands));
        // The court alone gives its row's values: the intermediate court's own, not the
        // network's.
        let mut alone = query(the_year(), Vec::new(), indicators_of(&hands));
        alone.filter.court = Some(CourtScope::alone(CourtCode::parse(court).expect("court")));
        let result = run(&cases, &alone).expect("engine");
        assert_none(differences(court, &result, 0, &hands));
    }
}

#[test]
fn a_court_filter_with_the_courts_below_takes_the_network() {
    // 湘14 is the intermediate court: with the courts below it, its filter takes 湘1402 too, so
    // it gives the network's values; 湘1402's gives that court's own. (Alone, each court's own
    // values: the by-court test.)
    let cases = cases();
    for (court, hands) in [
        ("湘14", expected::network()),
        (
            "湘1402",
            expected::by_court()
                .into_iter()
                .find(|(c, _)| *c == "湘1402")
                .expect("湘1402")
                .1,
        ),
    ] {
        let mut query = query(the_year(), Vec::new(), indicators_of(&hands));
        query.filter.court = Some(CourtScope::with_lower(
            CourtCode::parse(court).expect("court"),
        ));
        let result = run(&cases, &query).expect("engine");
        assert_none(differences(court, &result, 0, &hands));
    }
}

#[test]
fn the_year_earlier_is_2024_and_its_values_are_worked_by_hand() {
    let earlier = the_year().year_earlier();
    let day = |text: &str| text.parse::<NaiveDate>().expect("date");
    assert_eq!(
        earlier,
        Period::new(day("2024-01-01"), day("2024-12-31")).expect("period")
    );
    let hands = expected::year_earlier();
    let result = run(&cases(), &query(earlier, Vec::new(), indicators_of(&hands))).expect("engine");
    assert_none(differences("2024", &result, 0, &hands));
}

#[test]
fn the_judicial_assistance_of_the_year_before_is_counted_in_its_own_year() {
    // A5 alone, applied, granted and paid, 5,000.00 yuan, to a recipient without a key (no SQL
    // oracle holds these: they are checked here).
    let hands = vec![
        expected::hand("assistance_applications", 1.0),
        expected::hand("assistance_granted", 1.0),
        expected::hand("assistance_amount", 5_000.0),
        expected::hand("assistance_per_grant", 5_000.0),
        expected::hand("assistance_quiet_rate", f64::NAN),
    ];
    let result = run(
        &cases(),
        &query(the_year().year_earlier(), Vec::new(), indicators_of(&hands)),
    )
    .expect("engine");
    assert_none(differences("2024", &result, 0, &hands));
}

#[test]
fn the_closings_fall_in_the_months_worked_by_hand() {
    let closed = indicator("closed").expect("closed");
    let result = run(
        &cases(),
        &query(the_year(), vec![Dimension::Month], vec![closed]),
    )
    .expect("engine");
    let months: Vec<(String, Option<f64>)> = result
        .rows
        .iter()
        .map(|r| (r.group[0].1.clone(), r.values[0]))
        .collect();
    let expected: Vec<(String, Option<f64>)> = expected::closed_by_month()
        .iter()
        .map(|(month, n)| (month.to_string(), Some(*n as f64)))
        .collect();
    assert_eq!(months, expected);
}

/// The cases behind a value, for a few indicators of every family: those `by_hand/expected.rs`
/// names beside each value. Only the engine explains a value (the SQL of `oracle.rs` gives numbers
/// alone), so the lists are kept here rather than with the values both read.
fn explained() -> Vec<(&'static str, Part, Vec<&'static str>)> {
    vec![
        (
            "carried_over",
            Part::Numerator,
            vec![
                "（2024）湘1402民初101号",
                "（2024）湘1402民初103号",
                "（2024）湘1402民初104号",
                "（2023）湘1402民初301号",
                "（2023）湘1402民他301号",
                "（2024）湘1402刑初101号",
                "（2023）湘1402执301号",
                "（2022）湘1402执501号",
                "（2023）湘14民再301号",
                "（2024）湘14民初101号",
                "（2024）湘14民初102号",
                "（2022）湘14执501号",
            ],
        ),
        (
            "extension_rate",
            Part::Numerator,
            vec![
                "（2025）湘1402民初7号",
                "（2025）湘1402民初8号",
                "（2024）湘1402刑初101号",
                "（2025）湘1402执6号",
                "（2025）湘14刑终1号",
            ],
        ),
        (
            "appeal_transfer_days",
            Part::Denominator,
            vec![
                "（2024）湘1402民初101号",
                "（2024）湘1402刑初101号",
                "（2024）湘1402刑初102号",
            ],
        ),
        (
            "first_instance_reversal_rate",
            Part::Numerator,
            vec!["（2024）湘1402民初102号", "（2024）湘1402刑初101号"],
        ),
        (
            "first_instance_reversal_rate",
            Part::Denominator,
            vec![
                "（2024）湘1402民初101号",
                "（2025）湘1402民初1号",
                "（2025）湘1402民初2号",
                "（2025）湘1402民初3号",
                "（2025）湘1402民初4号",
                "（2025）湘1402民初5号",
                "（2025）湘1402民初6号",
                "（2025）湘1402民初7号",
                "（2025）湘1402民初8号",
                "（2025）湘1402民初9号",
                "（2025）湘1402民初10号",
                "（2025）湘1402民初11号",
                "（2024）湘1402刑初101号",
                "（2025）湘1402刑初1号",
                // Not 湘14民初1, 民初2: their appeals go to the high court, outside the table.
            ],
        ),
        (
            "property_within_limit_rate",
            Part::Numerator,
            vec!["（2025）湘1402执1号", "（2025）湘14执1号"],
        ),
        (
            "property_within_limit_rate",
            Part::Denominator,
            vec![
                "（2025）湘1402执1号",
                "（2025）湘1402执3号",
                "（2025）湘1402执6号",
                "（2025）湘14执1号",
            ],
        ),
        (
            "three_year_enforcement_rate",
            Part::Numerator,
            vec![
                "（2025）湘1402执1号",
                "（2025）湘1402执3号",
                "（2023）湘1402执301号",
                "（2023）湘1402执302号",
                "（2025）湘14执1号",
            ],
        ),
        (
            "pending_age_over_24m",
            Part::Numerator,
            vec![
                "（2023）湘1402民他301号",
                "（2022）湘1402执501号",
                "（2022）湘14执501号",
            ],
        ),
    ]
}

#[test]
fn explain_names_the_cases_worked_by_hand() {
    let cases = cases();
    let query = query(the_year(), Vec::new(), Vec::new());
    for (code, part, numbers) in explained() {
        let indicator = indicator(code).expect("indicator");
        let mut named: Vec<&str> = explain(&cases, &query, indicator, part).expect("explain");
        named.sort_unstable();
        let mut expected = numbers.clone();
        expected.sort_unstable();
        assert_eq!(named, expected, "{code} {part:?}");
    }
    // A count has no denominator to explain.
    let older = indicator("pending_age_over_24m").expect("indicator");
    assert!(!has_part(older, Part::Denominator));
}

/// The petitions behind the 信访 values of 2025, as the notes of `by_hand/expected.rs` work them:
/// register numbers (the register's order), and the same within one court.
#[test]
fn explain_names_the_petitions_worked_by_hand() {
    use shenguan_metrics::{explain_petitions, petition_measure};
    let cases = cases();
    let query = query(the_year(), Vec::new(), Vec::new());
    let named = |query: &Query, code: &str, part: Part| -> Vec<String> {
        let indicator = indicator(code).expect("indicator");
        explain_petitions(&cases, query, indicator, part)
            .into_iter()
            .map(|(court, number)| format!("{court} {number}"))
            .collect()
    };
    let all =
        |numbers: &[&str]| -> Vec<String> { numbers.iter().map(|n| (*n).to_string()).collect() };
    for (code, part, expected) in [
        // R1–R6 and R10 by day received (R7 after its matter's ending; R8, R9 in 2024).
        (
            "petitions",
            Part::Numerator,
            all(&[
                "湘1402 R1",
                "湘14 R6",
                "湘1402 R2",
                "湘1402 R4",
                "湘1402 R5",
                "湘1402 R3",
                "湘14 R10",
            ]),
        ),
        (
            "repeat_petition_rate",
            Part::Numerator,
            all(&["湘1402 R2", "湘1402 R3"]),
        ),
        (
            "litigation_routed_rate",
            Part::Denominator,
            all(&["湘1402 R4", "湘1402 R5", "湘14 R10"]),
        ),
        (
            "litigation_routed_rate",
            Part::Numerator,
            all(&["湘1402 R4"]),
        ),
        (
            "enforcement_petitions_concluded",
            Part::Numerator,
            all(&["湘1402 R1", "湘14 R6"]),
        ),
        // A matter measure names the matter's counted petitions: 王's three, 吴's one.
        (
            "petition_backlog",
            Part::Numerator,
            all(&["湘14 R9", "湘1402 R1", "湘1402 R2", "湘1402 R3"]),
        ),
        ("petition_case_ratio", Part::Denominator, Vec::new()),
        ("petitions_to_circuit", Part::Denominator, Vec::new()),
    ] {
        let mut got = named(&query, code, part);
        let mut want = expected.clone();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want, "{code} {part:?}");
    }
    // The assistance figures count applications, not petitions.
    let amount = indicator("assistance_quiet_rate").expect("indicator");
    assert!(petition_measure(amount, Part::Numerator).is_none());
    // 案访比's denominator is cases, a count has none: neither is explained in petitions.
    let ratio = indicator("petition_case_ratio").expect("indicator");
    assert!(petition_measure(ratio, Part::Denominator).is_none());
    assert!(petition_measure(ratio, Part::Numerator).is_some());
    // Within 湘14 alone: R6 and R10.
    let mut own = query.clone();
    own.filter.court = Some(CourtScope::alone(CourtCode::parse("湘14").expect("court")));
    assert_eq!(
        named(&own, "petitions", Part::Numerator),
        all(&["湘14 R6", "湘14 R10"])
    );
    // A filter petitions cannot answer (a judge): nothing, as the value is "—".
    let mut judge = query.clone();
    judge.filter.judge = Some("王伟".into());
    assert!(named(&judge, "petitions", Part::Numerator).is_empty());
}

/// The reviews read into the columns survive a snapshot, and the cases behind the review figures
/// are the ones `by_hand/reviews.rs` names.
#[test]
fn the_reviews_are_explained_and_survive_a_snapshot() {
    let cases = cases();
    // Seven of the table's cases (14刑终1 once; the case not held is dropped).
    assert_eq!(cases.reviews().len(), 7);
    let dir = shenguan_testkit::TempDir::new("by-hand-reviews");
    let path = dir.join("cases.snapshot");
    shenguan_metrics::snapshot::write(&cases, &path).expect("write");
    assert_eq!(
        shenguan_metrics::snapshot::read(&path).expect("read"),
        cases
    );
    let counting = shenguan_metrics::snapshot::read_for_counting(&path).expect("read");
    assert_eq!(counting.reviews(), cases.reviews());

    let q = query(the_year(), Vec::new(), Vec::new());
    let named = |code: &str, part: Part| -> Vec<String> {
        let indicator = indicator(code).expect("indicator");
        let mut rows: Vec<String> = explain(&cases, &q, indicator, part)
            .expect("explain")
            .into_iter()
            .map(ToString::to_string)
            .collect();
        rows.sort();
        rows
    };
    assert_eq!(
        named("review_error_rate", Part::Numerator),
        ["（2024）湘1402民初102号"]
    );
    assert_eq!(
        named("key_review_problem_cases", Part::Numerator),
        ["（2024）湘1402刑初101号", "（2024）湘1402民初102号"]
    );
    assert_eq!(named("review_problem_rate", Part::Denominator).len(), 5);
}

/// The service read into the columns survives a snapshot; the cases behind the 送达 figures are
/// those `by_hand/service.rs` names; the year before and each month read the tasks as they stood
/// at the end of the period asked.
#[test]
fn the_service_is_explained_counted_by_month_and_survives_a_snapshot() {
    let cases = cases();
    // Twelve tasks of held cases (T13's case is not held) and eight mailed items.
    assert_eq!(cases.service().tasks(), 12);
    assert_eq!(cases.service().posts(), 8);
    let dir = shenguan_testkit::TempDir::new("by-hand-service");
    let path = dir.join("cases.snapshot");
    shenguan_metrics::snapshot::write(&cases, &path).expect("write");
    assert_eq!(
        shenguan_metrics::snapshot::read(&path).expect("read"),
        cases
    );
    let counting = shenguan_metrics::snapshot::read_for_counting(&path).expect("read");
    assert_eq!(counting.service(), cases.service());
    let hands = expected::network();
    let result = run(
        &counting,
        &query(the_year(), Vec::new(), indicators_of(&hands)),
    )
    .expect("engine");
    assert_none(differences("2025, read back", &result, 0, &hands));
    // The mailed items' results close the file: an unknown result, or a file cut inside them,
    // is refused rather than counted.
    let bytes = std::fs::read(&path).expect("bytes");
    let damaged = dir.join("damaged.snapshot");
    let mut unknown = bytes.clone();
    *unknown.last_mut().expect("a byte") = 9;
    for (what, data) in [
        ("an unknown postal result", unknown),
        ("cut short", bytes[..bytes.len() - 1].to_vec()),
    ] {
        std::fs::write(&damaged, &data).expect("write");
        let error = shenguan_metrics::snapshot::read(&damaged).expect_err(what);
        assert!(error.text().en().contains("snapshot"), "{what}: {error}");
    }

    let q = query(the_year(), Vec::new(), Vec::new());
    let named = |code: &str, part: Part| -> Vec<String> {
        let indicator = indicator(code).expect("indicator");
        let mut rows: Vec<String> = explain(&cases, &q, indicator, part)
            .expect("explain")
            .into_iter()
            .map(ToString::to_string)
            .collect();
        rows.sort();
        rows
    };
    assert_eq!(
        named("electronic_without_consent", Part::Numerator),
        ["（2025）湘1402民初2号", "（2025）湘1402民初3号"]
    );
    assert_eq!(
        named("service_first_success_rate", Part::Numerator),
        [
            "（2025）湘1402民初1号",
            "（2025）湘14民初2号",
            "（2025）湘14民终1号"
        ]
    );
    // Served in 2025: 1402民初102 among them, a case closed the day before the period.
    assert_eq!(
        named("service_days", Part::Denominator),
        [
            "（2024）湘1402民初102号",
            "（2025）湘1402民初1号",
            "（2025）湘1402民初3号",
            "（2025）湘1402民初4号",
            "（2025）湘14民初2号",
            "（2025）湘14民终1号"
        ]
    );
    assert_eq!(
        named("notice_service_rate", Part::Numerator),
        ["（2025）湘1402民初12号", "（2025）湘1402民初4号"]
    );
    assert_eq!(named("postal_delivery_rate", Part::Denominator).len(), 6);
    assert_eq!(
        named("address_unknown_rate", Part::Numerator),
        ["（2025）湘1402民初1号"]
    );

    // 2024: T8 alone, made and mailed on its last day and served after it.
    let earlier = the_year().year_earlier();
    let hands = vec![
        expected::hand("service_tasks", 1.0),
        expected::hand("service_success_rate", 0.0),
        expected::hand("service_first_success_rate", 0.0),
        expected::hand("service_days", f64::NAN),
        expected::hand("electronic_service_rate", f64::NAN),
        expected::hand("notice_service_rate", 0.0),
        expected::hand("postal_delivery_rate", 0.0),
        expected::hand("electronic_without_consent", 0.0),
    ];
    let result = run(&cases, &query(earlier, Vec::new(), indicators_of(&hands))).expect("engine");
    assert_none(differences("2024", &result, 0, &hands));

    // By the month each task was made, served or not as the records stood at the year's end.
    let rate = indicator("service_success_rate").expect("indicator");
    let tasks = indicator("service_tasks").expect("indicator");
    let result = run(
        &cases,
        &query(the_year(), vec![Dimension::Month], vec![tasks, rate]),
    )
    .expect("engine");
    let months: Vec<(String, f64, Option<f64>)> = result
        .rows
        .iter()
        .map(|r| {
            (
                r.group[0].1.clone(),
                r.values[0].expect("a count"),
                r.values[1],
            )
        })
        .collect();
    let expected: Vec<(String, f64, Option<f64>)> = [
        // T1, T2, T9, all served.
        ("2025-01", 3.0, Some(100.0)),
        // T3, set aside.
        ("2025-02", 1.0, Some(0.0)),
        ("2025-03", 1.0, Some(100.0)),
        ("2025-04", 1.0, Some(100.0)),
        ("2025-05", 1.0, Some(100.0)),
        ("2025-06", 0.0, None),
        // T7, announced, its period run after the year.
        ("2025-07", 1.0, Some(0.0)),
        ("2025-08", 1.0, Some(100.0)),
        ("2025-09", 0.0, None),
        ("2025-10", 0.0, None),
        ("2025-11", 0.0, None),
        // T6 on its way, T12 delivered in 2026.
        ("2025-12", 2.0, Some(0.0)),
    ]
    .iter()
    .map(|(m, n, v)| (m.to_string(), *n, *v))
    .collect();
    assert_eq!(months, expected);
}
