//! Review plans made by the office: the 重点 rule takes exactly the period's 发改再 cases from the
//! case chains, a routine sample replays from its recorded seed, and no case goes to its own
//! court's reviewer or to anyone who took part in it; kept whole and audited; held to scope.

use chrono::NaiveDate;
use shenguan_domain::review::assignment::Separation;
use shenguan_domain::{
    CaseNumber, CaseRecord, ClosingMethod, CourtCode, EventRecord, Staff, StaffId,
};
use shenguan_testkit::TempDir;

use super::*;
use crate::accounts::NewAccount;
use crate::{Config, FixedClock};

pub(crate) fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

pub(crate) fn case(
    no: &str,
    judge_id: &str,
    closed: Option<(&str, &str)>,
    origin: Option<&str>,
) -> CaseRecord {
    let case_no = CaseNumber::parse(no, 2026).expect("a case number");
    let court = case_no.court().expect("a court");
    CaseRecord {
        judge_id: Some(StaffId::parse(judge_id).expect("a staff number")),
        judge: Some(judge_id.into()),
        division: Some("民一庭".into()),
        closed_on: closed.map(|(day, _)| d(day)),
        closing_method: closed.map(|(_, how)| ClosingMethod::parse(how).expect("a method")),
        origin_case_no: origin.map(|o| CaseNumber::parse(o, 2026).expect("a case number")),
        ..CaseRecord::filed(case_no, court, d("2025-01-05"))
    }
}

pub(crate) fn staff(id: &str, court: &str) -> Staff {
    Staff {
        id: StaffId::parse(id).expect("a staff number"),
        name: format!("评查员{id}"),
        court: CourtCode::parse(court).expect("court"),
        division: Some("民一庭".into()),
        role: None,
        active_from: None,
        active_to: None,
    }
}

fn request(kind: PlanKind, seed: Option<u64>) -> PlanRequest {
    PlanRequest {
        name: "2026年度发改再案件评查".into(),
        kind,
        court: None,
        from: d("2026-01-01"),
        to: d("2026-12-31"),
        per_mille: 500,
        seed,
        separation: Separation::Court,
        reviewers: vec!["R1402".into(), "R1403".into(), "Z14".into()],
    }
}

/// `store` holding `records` and the staff list `staff`.
pub(crate) fn fill(store: &mut Store, records: &[CaseRecord], staff: &[Staff]) {
    store
        .inner
        .write_import(records, &Vec::<EventRecord>::new(), &mut |_| {})
        .expect("the cases");
    store
        .inner
        .write_import_all(
            staff,
            &[],
            &mut || None,
            &shenguan_store::RecordsWrite::default(),
            &mut |_| {},
        )
        .expect("the staff");
}

/// An account of `court` in `role`, tied to the staff number `staff_id` if given.
pub(crate) fn account(
    app: &App,
    store: &mut Store,
    name: &str,
    role: Role,
    court: &str,
    staff_id: Option<&str>,
) -> User {
    app.add_user(
        store,
        NewAccount {
            name,
            role,
            court: Some(CourtCode::parse(court).expect("court")),
            division: None,
            staff_id,
            password: "密码-足够长的一句话",
        },
    )
    .expect("an account")
}

#[test]
fn a_key_plan_takes_the_periods_reversed_remanded_and_retried_cases_and_a_sample_replays() {
    let dir = TempDir::new("review-plan");
    let app =
        App::with_clock(Config::default(), Box::new(FixedClock(d("2026-12-06")))).expect("app");
    let mut store = app
        .open_store(Some(&dir.join("shenguan.db").display().to_string()))
        .expect("store");
    let records = vec![
        case(
            "（2025）湘1402民初1号",
            "J1",
            Some(("2025-06-01", "判决")),
            None,
        ),
        case(
            "（2025）湘1402民初2号",
            "J1",
            Some(("2025-06-02", "判决")),
            None,
        ),
        case(
            "（2025）湘1402民初3号",
            "J2",
            Some(("2025-06-03", "判决")),
            None,
        ),
        case(
            "（2025）湘1403民初4号",
            "J3",
            Some(("2025-06-04", "判决")),
            None,
        ),
        case(
            "（2026）湘14民终1号",
            "Z14",
            Some(("2026-03-01", "改判")),
            Some("（2025）湘1402民初1号"),
        ),
        case(
            "（2026）湘14民终2号",
            "Z14",
            Some(("2026-04-01", "发回重审")),
            Some("（2025）湘1402民初2号"),
        ),
        case(
            "（2026）湘14民终3号",
            "Z14",
            Some(("2026-04-02", "维持")),
            Some("（2025）湘1402民初3号"),
        ),
        case(
            "（2026）湘14民终4号",
            "Z14",
            Some(("2026-05-01", "改判")),
            Some("（2025）湘1403民初4号"),
        ),
        case(
            "（2025）湘14民终5号",
            "Z14",
            Some(("2025-12-30", "改判")),
            Some("（2025）湘1402民初3号"),
        ),
    ];
    fill(
        &mut store,
        &records,
        &[
            staff("R1402", "湘1402"),
            staff("R1403", "湘1403"),
            staff("Z14", "湘14"),
        ],
    );
    let city = account(&app, &mut store, "中院审管办", Role::Office, "湘14", None);
    let basic = account(
        &app,
        &mut store,
        "区法院审管办",
        Role::Office,
        "湘1402",
        None,
    );
    let judge = account(&app, &mut store, "法官", Role::Judge, "湘1402", None);

    // The 重点 rule: 1402民初1 (改判), 1402民初2 (发回), 1403民初4 (改判); not 民初3 (维持 in
    // 2026, 改判 in 2025).
    let plan = app
        .create_review_plan(&mut store, &city, &request(PlanKind::Key, Some(7)))
        .expect("the plan");
    let taken: Vec<(String, String, Option<String>)> = plan
        .cases
        .iter()
        .map(|c| (c.case_no.clone(), c.reason.clone(), c.decided_by.clone()))
        .collect();
    assert_eq!(
        taken,
        vec![
            (
                "（2025）湘1402民初1号".into(),
                "reversed".into(),
                Some("（2026）湘14民终1号".into())
            ),
            (
                "（2025）湘1402民初2号".into(),
                "remanded".into(),
                Some("（2026）湘14民终2号".into())
            ),
            (
                "（2025）湘1403民初4号".into(),
                "reversed".into(),
                Some("（2026）湘14民终4号".into())
            ),
        ]
    );
    // Cross-review: never the case's own court, never Z14 who decided the appeals.
    for c in &plan.cases {
        let reviewer = c.reviewer.as_deref().expect("a reviewer");
        assert_ne!(reviewer, "Z14", "{}: took part", c.case_no);
        let own = if c.case_no.contains("湘1402") {
            "R1402"
        } else {
            "R1403"
        };
        assert_ne!(reviewer, own, "{}: own court", c.case_no);
    }
    assert_eq!(
        app.review_plan(&mut store, &city, plan.id).expect("read"),
        plan
    );
    let log = app.audit_log(&mut store, 10).expect("log");
    assert!(
        log.iter()
            .any(|e| e.action == "review.plan" && e.detail.contains("seed 7"))
    );

    // A basic court's office plans over its own court only: 1402's two.
    let own = app
        .preview_review_plan(&mut store, &basic, &request(PlanKind::Key, Some(7)))
        .expect("a preview");
    assert_eq!(own.cases.len(), 2);
    assert!(matches!(
        app.preview_review_plan(
            &mut store,
            &basic,
            &PlanRequest {
                court: Some(CourtCode::parse("湘1403").expect("court")),
                ..request(PlanKind::Key, None)
            }
        ),
        Err(AppError::Forbidden(_))
    ));
    assert!(matches!(
        app.preview_review_plan(&mut store, &judge, &request(PlanKind::Key, None)),
        Err(AppError::Forbidden(_))
    ));
    assert!(matches!(
        app.review_plan(&mut store, &judge, plan.id),
        Err(AppError::NotFound(_))
    ));
    let unknown = app
        .preview_review_plan(
            &mut store,
            &city,
            &PlanRequest {
                reviewers: vec!["NOBODY".into()],
                ..request(PlanKind::Key, None)
            },
        )
        .expect_err("no such staff");
    assert!(unknown.to_string().contains("NOBODY"), "{unknown}");

    // A routine sample of half the closings of 2026, replayed from its recorded seed.
    let sample = app
        .create_review_plan(&mut store, &city, &request(PlanKind::Routine, None))
        .expect("a sample");
    assert_eq!(sample.cases.len(), 2, "half of the four closed in 2026");
    let seed = u64::from_ne_bytes(sample.seed.to_ne_bytes());
    let replayed = app
        .preview_review_plan(&mut store, &city, &request(PlanKind::Routine, Some(seed)))
        .expect("replayed");
    let numbers = |p: &shenguan_store::ReviewPlanRow| -> Vec<String> {
        p.cases.iter().map(|c| c.case_no.clone()).collect()
    };
    assert_eq!(numbers(&replayed), numbers(&sample));
}

#[test]
fn reviewers_submit_their_cases_and_the_year_reads_as_the_speech_says_it() {
    use shenguan_domain::review::grading::{Finding, Responsible, Severity, Tally, sentence};
    let dir = TempDir::new("review-submit");
    let app =
        App::with_clock(Config::default(), Box::new(FixedClock(d("2026-12-06")))).expect("app");
    let mut store = app
        .open_store(Some(&dir.join("shenguan.db").display().to_string()))
        .expect("store");
    let records = vec![
        case(
            "（2025）湘1402民初1号",
            "J1",
            Some(("2025-06-01", "判决")),
            None,
        ),
        case(
            "（2025）湘1402民初2号",
            "J1",
            Some(("2025-06-02", "判决")),
            None,
        ),
        case(
            "（2025）湘1402民初3号",
            "J2",
            Some(("2025-06-03", "判决")),
            None,
        ),
        case(
            "（2026）湘14民终1号",
            "Z14",
            Some(("2026-03-01", "改判")),
            Some("（2025）湘1402民初1号"),
        ),
        case(
            "（2026）湘14民终2号",
            "Z14",
            Some(("2026-04-01", "发回重审")),
            Some("（2025）湘1402民初2号"),
        ),
        case(
            "（2025）湘14民终5号",
            "Z14",
            Some(("2025-12-30", "改判")),
            Some("（2025）湘1402民初3号"),
        ),
    ];
    fill(
        &mut store,
        &records,
        &[staff("R1403", "湘1403"), staff("R1404", "湘1404")],
    );
    let city = account(&app, &mut store, "中院审管办", Role::Office, "湘14", None);
    let r1403 = account(
        &app,
        &mut store,
        "评查员R1403",
        Role::Judge,
        "湘1403",
        Some("R1403"),
    );
    let r1404 = account(
        &app,
        &mut store,
        "评查员R1404",
        Role::Judge,
        "湘1404",
        Some("R1404"),
    );
    let plan_of = |year: i32| PlanRequest {
        name: format!("{year}年度发改再案件评查"),
        from: NaiveDate::from_ymd_opt(year, 1, 1).expect("date"),
        to: NaiveDate::from_ymd_opt(year, 12, 31).expect("date"),
        reviewers: vec!["R1403".into(), "R1404".into()],
        ..request(PlanKind::Key, Some(1))
    };
    let this_year = app
        .create_review_plan(&mut store, &city, &plan_of(2026))
        .expect("2026");
    let last_year = app
        .create_review_plan(&mut store, &city, &plan_of(2025))
        .expect("2025");
    assert_eq!((this_year.cases.len(), last_year.cases.len()), (2, 1));
    let finding = |severity: Severity| Finding {
        item: "3.1".into(),
        severity,
        text: "认定事实的证据不足".into(),
        deduction: 6,
        responsible: vec![Responsible::Judge("J1".into())],
        excuse: None,
    };
    let reviewer_of = |plan: &shenguan_store::ReviewPlanRow, case_no: &str| {
        let key = plan
            .cases
            .iter()
            .find(|c| c.case_no == case_no)
            .and_then(|c| c.reviewer.clone())
            .expect("a reviewer");
        if key == "R1403" {
            r1403.clone()
        } else {
            r1404.clone()
        }
    };
    // 2026: 民初1 an error, 民初2 a flaw. 2025: 民初3 an error.
    for (plan, case_no, severity) in [
        (&this_year, "（2025）湘1402民初1号", Severity::Error),
        (&this_year, "（2025）湘1402民初2号", Severity::Flaw),
        (&last_year, "（2025）湘1402民初3号", Severity::Error),
    ] {
        let who = reviewer_of(plan, case_no);
        // The other reviewer is told the case is not theirs.
        let other = if who.name == r1403.name {
            &r1404
        } else {
            &r1403
        };
        assert!(matches!(
            app.submit_review(&mut store, other, plan.id, case_no, &[finding(severity)]),
            Err(AppError::NotFound(_))
        ));
        // An item the sheet does not have is refused, and nothing is kept.
        let bad = Finding {
            item: "9.9".into(),
            ..finding(severity)
        };
        assert!(matches!(
            app.submit_review(&mut store, &who, plan.id, case_no, &[bad]),
            Err(AppError::Invalid(_))
        ));
        let graded = app
            .submit_review(&mut store, &who, plan.id, case_no, &[finding(severity)])
            .expect("submitted");
        assert_eq!(graded.error, severity == Severity::Error);
        // Once only.
        assert!(matches!(
            app.submit_review(&mut store, &who, plan.id, case_no, &[]),
            Err(AppError::Conflict(_))
        ));
    }
    let (now, before) = app
        .review_tally(&mut store, &city, 2026)
        .expect("the tally");
    assert_eq!(
        now,
        Tally {
            reviewed: 2,
            problem: 2,
            error: 1
        }
    );
    assert_eq!(
        before,
        Tally {
            reviewed: 1,
            problem: 1,
            error: 1
        }
    );
    assert_eq!(
        sentence(2026, "全市法院", now, Some(before)).zh(),
        "从对2026年度全市法院2件发回重审、改判、指令再审案件评查的情况看，问题案件2件、差错案件1件，差错案件与上年持平"
    );
    let results = store.inner.review_results(this_year.id).expect("read");
    assert_eq!(results[0].findings[0].responsible, "judge:J1");
    let log = app.audit_log(&mut store, 20).expect("log");
    assert_eq!(
        log.iter().filter(|e| e.action == "review.submit").count(),
        3
    );
}

#[test]
fn the_judge_objects_the_office_decides_and_a_final_error_is_held_to_account() {
    use shenguan_domain::review::answer::Standing;
    use shenguan_domain::review::grading::{Finding, Responsible, Severity};
    let dir = TempDir::new("review-answer");
    let db = dir.join("shenguan.db").display().to_string();
    let app =
        App::with_clock(Config::default(), Box::new(FixedClock(d("2026-12-06")))).expect("app");
    let mut store = app.open_store(Some(&db)).expect("store");
    let records = vec![
        case(
            "（2025）湘1402民初1号",
            "J1",
            Some(("2025-06-01", "判决")),
            None,
        ),
        case(
            "（2025）湘1402民初2号",
            "J1",
            Some(("2025-06-02", "判决")),
            None,
        ),
        case(
            "（2026）湘14民终1号",
            "Z14",
            Some(("2026-03-01", "改判")),
            Some("（2025）湘1402民初1号"),
        ),
        case(
            "（2026）湘14民终2号",
            "Z14",
            Some(("2026-04-01", "改判")),
            Some("（2025）湘1402民初2号"),
        ),
    ];
    fill(
        &mut store,
        &records,
        &[staff("R1403", "湘1403"), staff("J1", "湘1402")],
    );
    let city = account(&app, &mut store, "中院审管办", Role::Office, "湘14", None);
    let reviewer = account(
        &app,
        &mut store,
        "评查员R1403",
        Role::Judge,
        "湘1403",
        Some("R1403"),
    );
    let judge = account(
        &app,
        &mut store,
        "评查员J1",
        Role::Judge,
        "湘1402",
        Some("J1"),
    );
    let plan = app
        .create_review_plan(
            &mut store,
            &city,
            &PlanRequest {
                reviewers: vec!["R1403".into()],
                ..request(PlanKind::Key, Some(1))
            },
        )
        .expect("the plan");
    let error = Finding {
        item: "3.3".into(),
        severity: Severity::Error,
        text: "适用法律错误".into(),
        deduction: 10,
        responsible: vec![Responsible::Judge("J1".into())],
        excuse: None,
    };
    for case_no in ["（2025）湘1402民初1号", "（2025）湘1402民初2号"] {
        app.submit_review(
            &mut store,
            &reviewer,
            plan.id,
            case_no,
            std::slice::from_ref(&error),
        )
        .expect("submitted");
    }
    let first = "（2025）湘1402民初1号";
    // The judge of the case reads the review and objects; the reviewer may not object.
    let file = app
        .review_file(&mut store, &judge, plan.id, first)
        .expect("the judge's case");
    assert!(matches!(file.standing, Standing::Open { .. }));
    assert!(
        app.object_to_review(&mut store, &city, plan.id, first, "x")
            .is_err()
    );
    let objected = app
        .object_to_review(&mut store, &judge, plan.id, first, "二审改判系因出现新证据")
        .expect("objected");
    assert!(matches!(objected.standing, Standing::Objected { .. }));
    assert!(matches!(
        app.object_to_review(&mut store, &judge, plan.id, first, "again"),
        Err(AppError::Conflict(_))
    ));
    // The judge may not decide; the office does, with a grade of the network.
    assert!(
        app.decide_objection(&mut store, &judge, plan.id, first, "合格", "x")
            .is_err()
    );
    assert!(matches!(
        app.decide_objection(&mut store, &city, plan.id, first, "优秀", "新证据"),
        Err(AppError::Conflict(_))
    ));
    let decided = app
        .decide_objection(
            &mut store,
            &city,
            plan.id,
            first,
            "瑕疵",
            "新证据系二审提交，不属差错",
        )
        .expect("decided");
    assert_eq!(
        decided.standing,
        Standing::Final {
            grade: "瑕疵".into(),
            changed: true
        }
    );
    // Not an error any more: no accountability for it.
    assert!(matches!(
        app.hold_to_account(&mut store, &city, plan.id, first, "约谈", ""),
        Err(AppError::Conflict(_))
    ));
    // The second stays an error; before its objection days run out it is not final.
    let second = "（2025）湘1402民初2号";
    assert!(matches!(
        app.hold_to_account(&mut store, &city, plan.id, second, "约谈", ""),
        Err(AppError::Conflict(_))
    ));
    drop(store);
    let later =
        App::with_clock(Config::default(), Box::new(FixedClock(d("2027-01-05")))).expect("app");
    let mut store = later.open_store(Some(&db)).expect("store");
    assert!(matches!(
        later.object_to_review(&mut store, &judge, plan.id, second, "too late"),
        Err(AppError::Conflict(_))
    ));
    assert!(
        later
            .hold_to_account(&mut store, &city, plan.id, second, "降级", "")
            .is_err()
    );
    let held = later
        .hold_to_account(
            &mut store,
            &city,
            plan.id,
            second,
            "约谈",
            "由分管院领导约谈",
        )
        .expect("held to account");
    assert_eq!(
        held.answers.last().map(|a| a.text.as_str()),
        Some("约谈：由分管院领导约谈")
    );
    // Another court's judge reads nothing of it.
    let other = User {
        court: Some(CourtCode::parse("湘1403").expect("court")),
        staff_id: None,
        name: "外院法官".into(),
        ..judge.clone()
    };
    assert!(matches!(
        later.review_file(&mut store, &other, plan.id, second),
        Err(AppError::NotFound(_))
    ));
    let actions: Vec<String> = later
        .audit_log(&mut store, 50)
        .expect("log")
        .into_iter()
        .map(|e| e.action)
        .collect();
    for action in ["review.object", "review.decide", "review.outcome"] {
        assert!(actions.iter().any(|a| a == action), "{action}");
    }
}
