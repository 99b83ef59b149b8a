use shenguan_testkit::TempDir;

use super::*;
use crate::allocation::rules_file::{SHIPPED, parse};
use crate::{Config, FixedClock};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

#[test]
fn on_a_generated_network_the_sandbox_replays_a_year_and_shows_a_stricter_rule_s_shifts() {
    let dir = TempDir::new("sandbox");
    let app =
        App::with_clock(Config::default(), Box::new(FixedClock(d("2026-11-27")))).expect("app");
    let mut store = app
        .open_store(Some(&dir.join("s.db").display().to_string()))
        .expect("store");
    app.generate(
        &crate::generate::GenerateRequest {
            seed: 5,
            basic_courts: 3,
            city: shenguan_sim::network::DEFAULT_CITY,
            from: d("2024-01-01"),
            to: d("2026-11-27"),
            scale: None,
            cases: Some(12_000),
            threads: 1,
            snapshot: None,
            service: false,
            plants: Vec::new(),
            plant_truth: None,
        },
        &crate::generate::GenerateTarget::Store,
        Some(&mut store),
        &mut |_, _| {},
    )
    .expect("the network");
    let admin = User {
        name: "管理员".into(),
        role: Role::Admin,
        court: None,
        division: None,
        staff_id: None,
    };
    let year = (d("2025-01-01"), d("2025-12-31"));
    let shipped = parse(SHIPPED, "shipped").expect("rules");
    let now = app
        .sandbox(&mut store, &admin, &shipped, year, 5)
        .expect("the sandbox");
    assert!(now.filings > 1_000, "{}", now.filings);
    // The generated staff list names divisions, not the shipped rules' teams: each pool's judges
    // are those who took its tracks' cases, and every filing finds one.
    assert!(now.judges > 10, "{}", now.judges);
    assert_eq!(now.unassigned, 0.0);
    assert_eq!(now.designated, Some(0.0));
    let (actual, drawn) = (
        now.gini.actual.expect("as it went"),
        now.gini.high.expect("the replays"),
    );
    assert!(
        (0.0..1.0).contains(&actual) && (0.0..1.0).contains(&drawn),
        "{:?}",
        now.gini
    );
    let total: f64 = now.shares.values().map(|(a, _)| a).sum();
    assert!((total - 100.0).abs() < 1e-6, "{total}");
    // Every civil first instance simple: the simple share rises, cases move, and the same seeds
    // replay the same figures.
    let stricter = parse(
        &SHIPPED.replacen("parties_at_most = 3\n", "", 1).replacen(
            "announcement = false\nforeign = false\nseries = false",
            "",
            1,
        ),
        "stricter",
    )
    .expect("rules");
    let shifted = app
        .sandbox(&mut store, &admin, &stricter, year, 5)
        .expect("the sandbox");
    assert_eq!(shifted.filings, now.filings);
    assert!(shifted.moved > 0);
    assert!(
        shifted.shares[&Track::Simple].1 >= now.shares[&Track::Simple].1,
        "{:?} vs {:?}",
        shifted.shares,
        now.shares
    );
    assert_eq!(
        app.sandbox(&mut store, &admin, &stricter, year, 5)
            .expect("again"),
        shifted
    );
    // Held to its readers and its bounds.
    let judge = User {
        role: Role::Judge,
        ..admin.clone()
    };
    assert!(matches!(
        app.sandbox(&mut store, &judge, &shipped, year, 5),
        Err(AppError::Forbidden(_))
    ));
    assert!(app.sandbox(&mut store, &admin, &shipped, year, 0).is_err());
    assert!(
        app.sandbox(&mut store, &admin, &shipped, (year.1, year.0), 5)
            .is_err()
    );
    assert!(
        app.sandbox(&mut store, &admin, &shipped, (d("2015-01-01"), year.1), 5)
            .is_err(),
        "eleven years"
    );
}

#[test]
fn a_replay_reads_the_facts_kept_with_an_allocation_before_what_the_case_data_holds() {
    use shenguan_domain::{CaseNumber, CaseRecord, CourtCode, EventRecord};
    let dir = TempDir::new("sandbox-facts");
    let app =
        App::with_clock(Config::default(), Box::new(FixedClock(d("2025-03-01")))).expect("app");
    let mut store = app
        .open_store(Some(&dir.join("s.db").display().to_string()))
        .expect("store");
    // Two criminal cases heard under speedy procedure; the data holds no plea.
    let case = |n: u32| CaseRecord {
        procedure: Some(Procedure::Speedy),
        closed_on: Some(d("2025-03-10")),
        ..CaseRecord::filed(
            CaseNumber::parse(&format!("（2025）湘1402刑初{n}号"), 2025).expect("number"),
            CourtCode::parse("湘1402").expect("court"),
            d("2025-03-01"),
        )
    };
    store
        .inner
        .write_import(&[case(1), case(2)], &Vec::<EventRecord>::new(), &mut |_| {})
        .expect("the cases");
    let admin = User {
        name: "管理员".into(),
        role: Role::Admin,
        court: None,
        division: None,
        staff_id: None,
    };
    let shipped = parse(SHIPPED, "shipped").expect("rules");
    // The first was allocated here, with the plea its filing said.
    let filing = crate::allocation::assign::Filing {
        case_no: "（2025）湘1402刑初1号".into(),
        facts: Facts {
            case_type: "刑初".into(),
            cause: Some("危险驾驶罪".into()),
            amount: None,
            parties: 1,
            announcement: false,
            foreign: false,
            series: false,
            max_sentence_months: Some(6),
            guilty_plea: true,
            filed_on: d("2025-03-01"),
        },
        parties: Vec::new(),
        origin: None,
        seed: Some(1),
    };
    app.allocate_case(&mut store, &admin, &shipped, &filing, None)
        .expect("allocated");
    let c = app
        .sandbox(
            &mut store,
            &admin,
            &shipped,
            (d("2025-01-01"), d("2025-12-31")),
            3,
        )
        .expect("the sandbox");
    assert_eq!(c.filings, 2);
    // The allocated one stays 速裁 by its kept plea; the other, with no plea known, moves.
    assert_eq!(c.moved, 1);
    assert_eq!(c.shares[&Track::Speedy], (100.0, 50.0));
}
