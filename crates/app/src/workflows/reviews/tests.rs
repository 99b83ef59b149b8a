//! The demonstration's reviews on a generated network: the speech's shares of problem and error
//! cases, more errors the year before, the judge's objection answered — the same every time, and
//! made once.

use chrono::NaiveDate;
use shenguan_domain::CourtCode;
use shenguan_testkit::TempDir;

use super::SeededReviews;
use crate::accounts::{NewAccount, Role};
use crate::generate::{GenerateRequest, GenerateTarget};
use crate::workflows::DemoPeople;
use crate::{App, Config, FixedClock, Store};

const TODAY: (i32, u32, u32) = (2026, 11, 27);

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a day")
}

/// A generated network of three basic courts with the demonstration's people, and its reviews
/// seeded; what was made, and the store.
fn seeded(dir: &TempDir) -> (App, Store, SeededReviews) {
    let app = App::with_clock(
        Config::default(),
        Box::new(FixedClock(day(TODAY.0, TODAY.1, TODAY.2))),
    )
    .expect("app");
    let mut store = app
        .open_store(Some(&dir.join("demo.db").display().to_string()))
        .expect("store");
    app.generate(
        &GenerateRequest {
            seed: 1,
            basic_courts: 3,
            city: shenguan_sim::network::DEFAULT_CITY,
            from: day(2023, 1, 1),
            to: day(TODAY.0, TODAY.1, TODAY.2),
            scale: None,
            cases: Some(20_000),
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
    let (name, staff_id) = app
        .busiest_judge(&mut store, court)
        .expect("read")
        .expect("a judge");
    let mut add = |name: &str, role: Role, staff_id: Option<&str>| {
        app.add_user(
            &mut store,
            NewAccount {
                name,
                role,
                court: Some(court),
                division: None,
                staff_id,
                password: "密码-足够长的一句话",
            },
        )
        .expect("an account")
    };
    let judge = add(&name, Role::Judge, staff_id.as_deref());
    let office = add("演示审管办", Role::Office, None);
    let leader = add("演示院长", Role::Leader, None);
    let made = app
        .seed_reviews(
            &mut store,
            DemoPeople {
                office: &office,
                leader: &leader,
                judge: &judge,
            },
        )
        .expect("seeded");
    (app, store, made)
}

#[test]
fn the_demonstration_reviews_follow_the_speechs_shares_and_come_out_the_same_every_time() {
    let first_dir = TempDir::new("demo-reviews-1");
    let (app, mut store, made) = seeded(&first_dir);
    assert_eq!(made.year, 2025);
    let SeededReviews { this, before, .. } = made;
    assert!(this.reviewed >= 30, "enough cases to read shares: {made:?}");
    let share = |n: u32, of: u32| f64::from(n) / f64::from(of);
    // 461/584 ≈ 0.79 and 39/584 ≈ 0.067, rounded to whole cases.
    let problem = share(this.problem, this.reviewed);
    let error = share(this.error, this.reviewed);
    assert!((0.74..=0.84).contains(&problem), "{made:?}");
    assert!((0.04..=0.10).contains(&error), "{made:?}");
    assert!(before.reviewed > 0, "{made:?}");
    assert!(
        before.error > this.error,
        "more errors the year before: {made:?}"
    );
    assert!((2..=3).contains(&made.answers), "{made:?}");
    // Two plans, each case reviewed by the reviewer it went to, after the plan was made.
    let plans = store.inner.whole_review_plans().expect("plans");
    assert_eq!(plans.len(), 2);
    for plan in &plans {
        let results = store.inner.review_results(plan.id).expect("results");
        assert_eq!(
            results.len(),
            plan.cases.iter().filter(|c| c.reviewer.is_some()).count()
        );
        for r in &results {
            let given = plan.cases.iter().find(|c| c.case_no == r.case_no);
            assert_eq!(
                given.and_then(|c| c.reviewer.as_deref()),
                Some(r.reviewer.as_str())
            );
            assert!(r.submitted_at > plan.created_at, "{r:?}");
        }
    }
    // A few findings are excused and count for nothing.
    let excused = plans
        .iter()
        .flat_map(|p| store.inner.review_results(p.id).expect("results"))
        .flat_map(|r| r.findings)
        .filter(|f| f.excuse.is_some())
        .count();
    assert!(excused > 0, "{made:?}");
    // The demonstration judge (or another) objected, and it was decided.
    let kinds: Vec<String> = plans
        .iter()
        .flat_map(|p| store.inner.review_answers_of_plan(p.id).expect("answers"))
        .map(|(_, a)| a.kind)
        .collect();
    assert_eq!(kinds.len(), made.answers);
    assert_eq!(kinds[..2], ["object", "decide"], "{kinds:?}");
    // Made once: a second call makes nothing.
    let office = app
        .active_user(&mut store, "演示评查办")
        .expect("read")
        .expect("the network's office");
    let again = app
        .seed_reviews(
            &mut store,
            DemoPeople {
                office: &office,
                leader: &office,
                judge: &office,
            },
        )
        .expect("reused");
    assert_eq!(again, SeededReviews::default());

    // The same network seeded again elsewhere: the same reviews.
    let second_dir = TempDir::new("demo-reviews-2");
    let (_, _, second) = seeded(&second_dir);
    assert_eq!(second, made);
}
