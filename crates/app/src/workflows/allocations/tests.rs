use shenguan_domain::allocation::chain::verify;
use shenguan_domain::allocation::diversion::Track;
use shenguan_testkit::TempDir;

use super::*;
use crate::accounts::{Role, User};
use crate::generate::{GenerateRequest, GenerateTarget};
use crate::{Config, FixedClock};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

#[test]
fn the_demonstration_s_history_replays_as_it_went_and_a_stricter_rule_shows_its_shifts() {
    let dir = TempDir::new("demo-allocations");
    let today = d("2026-11-27");
    let app = App::with_clock(Config::default(), Box::new(FixedClock(today))).expect("app");
    let mut store = app
        .open_store(Some(&dir.join("s.db").display().to_string()))
        .expect("store");
    app.generate(
        &GenerateRequest {
            seed: 2,
            basic_courts: 3,
            city: shenguan_sim::network::DEFAULT_CITY,
            from: d("2024-01-01"),
            to: today,
            scale: None,
            cases: Some(12_000),
            threads: 1,
            snapshot: None,
            service: false,
            plants: Vec::new(),
            plant_truth: None,
        },
        &GenerateTarget::Store,
        Some(&mut store),
        &mut |_, _| {},
    )
    .expect("the network");
    let court = CourtCode::parse("湘1402").expect("court");
    let made = app.seed_allocations(&mut store, court).expect("seeded");
    assert!(made > 300, "{made}");
    assert_eq!(
        app.seed_allocations(&mut store, court).expect("again"),
        0,
        "once"
    );
    let log = store.inner.allocation_log().expect("log");
    assert_eq!(log.len(), made * 2);
    assert_eq!(verify(&log, None), Ok(()));
    let office = User {
        name: "审管办".into(),
        role: Role::Office,
        court: Some(court),
        division: None,
        staff_id: None,
    };
    let window = (today - Days::new(365), today);
    let w = app.workload(&mut store, &office, window).expect("workload");
    let designated: u32 = w.designations.values().sum();
    assert!(
        designated > 0 && designated * 20 < w.allocated,
        "{designated} of {}",
        w.allocated
    );
    // With the rules the history followed, nothing moves and the projection is what happened.
    let rules = parse(&demo_rules_text(today), "demo").expect("rules");
    let now = app
        .sandbox(&mut store, &office, &rules, window, 5)
        .expect("sandbox");
    assert_eq!(now.moved, 0);
    assert_eq!(now.average_days.mean, now.average_days.actual);
    assert_eq!(now.within_limit.mean, now.within_limit.actual);
    assert!(now.shares[&Track::Speedy].0 > 0.0, "{:?}", now.shares);
    // The designated few stay with their judges; the draw among the demonstration's teams leaves
    // no filing without a judge, and spreads the weighted caseloads no wider than they went.
    assert!(
        now.designated.is_some_and(|d| d > 0.0 && d < 5.0),
        "{:?}",
        now.designated
    );
    assert_eq!(now.unassigned, 0.0);
    assert!(
        now.gini.high.expect("replayed") <= now.gini.actual.expect("as it went") + 0.05,
        "{:?}",
        now.gini
    );
    // A stricter simple-case rule (any number of parties): ordinary civil cases move to 简案, and
    // the projection says what that would do.
    let stricter = parse(
        &demo_rules_text(today).replacen("parties_at_most = 3\n", "", 1),
        "stricter",
    )
    .expect("rules");
    let shifted = app
        .sandbox(&mut store, &office, &stricter, window, 5)
        .expect("sandbox");
    assert!(shifted.moved > 0);
    assert!(shifted.shares[&Track::Simple].1 > now.shares[&Track::Simple].1);
    assert!(shifted.shares[&Track::Ordinary].1 < now.shares[&Track::Ordinary].1);
    assert_ne!(shifted.average_days.mean, shifted.average_days.actual);
}
