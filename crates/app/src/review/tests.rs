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
        blind: false,
        class: Class::default(),
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
    use shenguan_domain::review::grading::Tally;
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
    // The figures count the grade that stands: 民初1 a problem but no longer an error, 民初2
    // still an error — in the tally and in the catalogue's 案件评查 family alike, dated by the
    // decision and the submission.
    let (tally, _) = app.review_tally(&mut store, &city, 2026).expect("tally");
    assert_eq!(
        tally,
        Tally {
            reviewed: 2,
            problem: 2,
            error: 1
        }
    );
    let cases = app.load_cases(&mut store).expect("the columns");
    let query = shenguan_metrics::Query {
        period: shenguan_metrics::Period::new(d("2026-12-01"), d("2026-12-31")).expect("period"),
        filter: shenguan_metrics::Filter::default(),
        group_by: Vec::new(),
        indicators: [
            "reviewed_cases",
            "key_review_problem_cases",
            "review_error_cases",
            "review_days",
        ]
        .map(|code| shenguan_metrics::indicator(code).expect("indicator"))
        .to_vec(),
        standards: shenguan_metrics::TimeStandards::default(),
        threads: 1,
    };
    let figures = shenguan_metrics::run(&cases, &query).expect("the figures");
    assert_eq!(
        figures.rows[0].values,
        [Some(2.0), Some(2.0), Some(1.0), Some(0.0)],
        "selected, submitted and decided on the clock's day"
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
    // The judge's performance file: both reviews, the objection, the decision and the outcome,
    // read by the judge and the office; another court's judge is told there is none.
    let own = later
        .performance_file(&mut store, &judge, "J1")
        .expect("the judge's file");
    assert_eq!(own.len(), 2);
    let held_entry = own
        .iter()
        .find(|e| e.record.case_no.to_string() == second)
        .expect("the error case");
    assert_eq!(
        held_entry.file.answers.last().map(|a| a.kind.as_str()),
        Some("outcome")
    );
    let first_entry = own
        .iter()
        .find(|e| e.record.case_no.to_string() == first)
        .expect("the objected case");
    let kinds: Vec<&str> = first_entry
        .file
        .answers
        .iter()
        .map(|a| a.kind.as_str())
        .collect();
    assert_eq!(kinds, ["object", "decide"]);
    // Final as an error: the second only (the first was decided a flaw).
    let final_errors: Vec<String> = own
        .iter()
        .filter(|e| e.final_error)
        .map(|e| e.record.case_no.to_string())
        .collect();
    assert_eq!(final_errors, [second]);
    assert_eq!(
        later
            .performance_file(&mut store, &city, "J1")
            .expect("the office")
            .len(),
        2
    );
    assert!(matches!(
        later.performance_file(&mut store, &other, "J1"),
        Err(AppError::NotFound(_))
    ));
    // The items found in the reviews decided in 2026, the most frequent first: 3.3 in both
    // cases, both problem cases.
    let found = later
        .year_findings(&mut store, &city, 2026)
        .expect("the items");
    assert_eq!((found.reviewed, found.problem), (2, 2));
    let items = &found.items;
    assert_eq!(items.len(), 1);
    assert_eq!((items[0].item.as_str(), items[0].cases), ("3.3", 2));
    assert_eq!(items[0].group, "实体处理");
    let none = later
        .year_findings(&mut store, &city, 2025)
        .expect("the items");
    assert_eq!((none.reviewed, none.items.len()), (0, 0));
}

/// A petition about `case_no` received on `day`, registered at 湘1402.
fn petition_about(store: &mut Store, number: &str, case_no: &str, day: &str) {
    use shenguan_domain::petition::{Channel, Petition, Subject};
    let mut petition = Petition::received(
        CourtCode::parse("湘1402").expect("court"),
        number,
        d(day),
        Channel::Visit,
        Subject::Judgment,
    );
    petition.cases = vec![CaseNumber::parse(case_no, 2026).expect("case")];
    let step = shenguan_store::PetitionStepRow {
        petition_id: 0,
        seq: 0,
        at: format!("{day}T09:00:00+08:00"),
        by_user: "信访办".into(),
        step: "register".into(),
        note: String::new(),
    };
    store
        .inner
        .register_petition(&petition, &step)
        .expect("written")
        .expect("a new number");
}

#[test]
fn the_key_rule_takes_flagged_referred_and_repeatedly_petitioned_cases_once_each() {
    let dir = TempDir::new("review-key-more");
    let db = dir.join("shenguan.db").display().to_string();
    let app =
        App::with_clock(Config::default(), Box::new(FixedClock(d("2026-06-01")))).expect("app");
    let mut store = app.open_store(Some(&db)).expect("store");
    let closed = |n: u32| {
        case(
            &format!("（2025）湘1402民初{n}号"),
            "J1",
            Some(("2025-06-01", "判决")),
            None,
        )
    };
    let mut records: Vec<CaseRecord> = (1..=5).map(closed).collect();
    // 民初1 is also reversed in 2026: taken once, as reversed.
    records.push(case(
        "（2026）湘14民终1号",
        "Z14",
        Some(("2026-03-01", "改判")),
        Some("（2025）湘1402民初1号"),
    ));
    fill(&mut store, &records, &[staff("R1403", "湘1403")]);
    let city = account(&app, &mut store, "中院审管办", Role::Office, "湘14", None);
    let judge = account(
        &app,
        &mut store,
        "法官J1",
        Role::Judge,
        "湘1402",
        Some("J1"),
    );
    // 存疑 by the office; referred from outside; a judge may not flag.
    app.flag_for_review(
        &mut store,
        &city,
        "（2025）湘1402民初2号",
        FlagKind::Doubt,
        "",
        "判后反映强烈",
    )
    .expect("flagged");
    app.flag_for_review(
        &mut store,
        &city,
        "（2025）湘1402民初3号",
        FlagKind::Referred,
        "市人大常委会",
        "代表转来来信",
    )
    .expect("flagged");
    app.flag_for_review(
        &mut store,
        &city,
        "（2025）湘1402民初1号",
        FlagKind::Doubt,
        "",
        "存疑",
    )
    .expect("flagged");
    for asked in ["（2025）湘1402民初5号", "（2025）湘1402民初999号"] {
        // A judge may not, and learns nothing of whether the case exists.
        assert!(matches!(
            app.flag_for_review(&mut store, &judge, asked, FlagKind::Doubt, "", "x"),
            Err(AppError::Forbidden(_))
        ));
    }
    // A number typed with ASCII brackets is the same case.
    app.flag_for_review(
        &mut store,
        &city,
        "(2025)湘1402民初2号",
        FlagKind::Doubt,
        "",
        "又一次存疑",
    )
    .expect("flagged");
    assert!(
        matches!(
            app.flag_for_review(
                &mut store,
                &city,
                "（2025）湘1402民初5号",
                FlagKind::Referred,
                "",
                "x"
            ),
            Err(AppError::Invalid(_))
        ),
        "a referral names its source"
    );
    assert!(
        matches!(
            app.flag_for_review(
                &mut store,
                &city,
                "（2025）湘1402民初5号",
                FlagKind::Doubt,
                "",
                "  "
            ),
            Err(AppError::Invalid(_))
        ),
        "a flag says why"
    );
    // 民初4: petitioned about twice, once in 2026; 民初5 once only.
    petition_about(
        &mut store,
        "2025信0001",
        "（2025）湘1402民初4号",
        "2025-09-01",
    );
    petition_about(
        &mut store,
        "2026信0001",
        "（2025）湘1402民初4号",
        "2026-02-01",
    );
    petition_about(
        &mut store,
        "2026信0002",
        "（2025）湘1402民初5号",
        "2026-02-01",
    );
    let plan = app
        .preview_review_plan(
            &mut store,
            &city,
            &PlanRequest {
                reviewers: vec!["R1403".into()],
                ..request(PlanKind::Key, Some(1))
            },
        )
        .expect("previewed");
    let taken: Vec<(&str, &str)> = plan
        .cases
        .iter()
        .map(|c| (c.case_no.as_str(), c.reason.as_str()))
        .collect();
    assert_eq!(
        taken,
        [
            ("（2025）湘1402民初1号", "reversed"),
            ("（2025）湘1402民初2号", "doubt"),
            ("（2025）湘1402民初3号", "referred"),
            ("（2025）湘1402民初4号", "repeated_petitions"),
        ]
    );
    // At three petitions (a network's setting), 民初4 is no longer taken.
    let config = Config {
        review_repeat_petitions: 3,
        ..Config::default()
    };
    let strict = App::with_clock(config, Box::new(FixedClock(d("2026-06-01")))).expect("app");
    let plan = strict
        .preview_review_plan(
            &mut store,
            &city,
            &PlanRequest {
                reviewers: vec!["R1403".into()],
                ..request(PlanKind::Key, Some(1))
            },
        )
        .expect("previewed");
    assert_eq!(plan.cases.len(), 3);
    let log = app.audit_log(&mut store, 20).expect("log");
    assert_eq!(log.iter().filter(|e| e.action == "review.flag").count(), 4);
    // Reviewed, only the reversed case is the speech's 发改再 — in the tally and in the figures'
    // 发改再 counts; the others count among the reviewed cases.
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
    let reviewer = account(
        &app,
        &mut store,
        "评查员R1403",
        Role::Judge,
        "湘1403",
        Some("R1403"),
    );
    for case in &plan.cases {
        app.submit_review(&mut store, &reviewer, plan.id, &case.case_no, &[])
            .expect("submitted");
    }
    let (tally, _) = app.review_tally(&mut store, &city, 2026).expect("tally");
    assert_eq!(tally.reviewed, 1);
    let settled = app.settled_reviews(&mut store).expect("settled");
    assert_eq!(settled.len(), 4);
    assert_eq!(settled.iter().filter(|s| s.mark.key).count(), 1);
}

#[test]
fn a_thematic_plan_takes_its_class_a_blind_reviewer_reads_no_judge_and_a_recusal_moves_the_case() {
    let dir = TempDir::new("review-thematic");
    let db = dir.join("shenguan.db").display().to_string();
    let app =
        App::with_clock(Config::default(), Box::new(FixedClock(d("2027-01-10")))).expect("app");
    let mut store = app.open_store(Some(&db)).expect("store");
    let mut records = Vec::new();
    for n in 1..=4 {
        let mut record = case(
            &format!("（2026）湘1402民初{n}号"),
            "J1",
            Some(("2026-06-01", "判决")),
            None,
        );
        record.cause = Some(
            if n <= 3 {
                "买卖合同纠纷"
            } else {
                "民间借贷纠纷"
            }
            .into(),
        );
        records.push(record);
    }
    records.push(case(
        "（2026）湘1402执1号",
        "J1",
        Some(("2026-06-01", "执行完毕")),
        None,
    ));
    fill(
        &mut store,
        &records,
        &[
            staff("R1403", "湘1403"),
            staff("R1404", "湘1404"),
            staff("R1402", "湘1402"),
            staff("R1405", "湘1405"),
        ],
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
    let plan = app
        .create_review_plan(
            &mut store,
            &city,
            &PlanRequest {
                name: "2026年度买卖合同纠纷专项评查".into(),
                per_mille: 1000,
                blind: true,
                class: Class {
                    types: vec!["民初".into()],
                    cause: Some("买卖合同".into()),
                },
                reviewers: vec!["R1403".into(), "R1404".into(), "R1402".into()],
                ..request(PlanKind::Thematic, Some(7))
            },
        )
        .expect("the plan");
    assert_eq!(plan.kind, "thematic");
    // A class the plan cannot keep, or a class on a plan that takes none, is refused by field.
    for (kind, class, field) in [
        (
            PlanKind::Thematic,
            Class {
                types: vec!["民X".into()],
                cause: None,
            },
            "types",
        ),
        (
            PlanKind::Thematic,
            Class {
                types: Vec::new(),
                cause: Some("买卖;cause=借贷".into()),
            },
            "cause",
        ),
        (
            PlanKind::Routine,
            Class {
                types: vec!["民初".into()],
                cause: None,
            },
            "types",
        ),
    ] {
        let refused = app.preview_review_plan(
            &mut store,
            &city,
            &PlanRequest {
                class,
                reviewers: vec!["R1403".into()],
                ..request(kind, Some(7))
            },
        );
        assert!(
            matches!(&refused, Err(AppError::Invalid(m)) if m.en().contains(field)),
            "{field}: {refused:?}"
        );
    }
    assert_eq!(plan.class.as_deref(), Some("types=民初;cause=买卖合同"));
    let numbers: Vec<&str> = plan.cases.iter().map(|c| c.case_no.as_str()).collect();
    assert_eq!(
        numbers,
        [
            "（2026）湘1402民初1号",
            "（2026）湘1402民初2号",
            "（2026）湘1402民初3号"
        ]
    );
    assert!(plan.cases.iter().all(|c| c.reason == "thematic"));
    // Three cases between R1403 and R1404 (R1402 is of the cases' court): two and one.
    let given = |who: &str| {
        plan.cases
            .iter()
            .filter(|c| c.reviewer.as_deref() == Some(who))
            .count()
    };
    assert_eq!((given("R1403"), given("R1404"), given("R1402")), (2, 1, 0));
    // The blind reviewer reads the case without its judge.
    let mine = app.review_worklist(&mut store, &r1403).expect("worklist");
    assert_eq!(mine.len(), 2);
    let first = mine[0].case_no.clone();
    let (_, seen) = app
        .case_under_review(&mut store, &r1403, plan.id, &first)
        .expect("the case");
    assert_eq!((seen.judge, seen.judge_id), (None, None));
    assert!(
        matches!(
            app.case_under_review(&mut store, &r1404, plan.id, &first),
            Err(AppError::NotFound(_))
        ),
        "not R1404's case"
    );
    // R1403 recuses from it: R1404 (never R1402) takes it; R1403 no longer sees it.
    assert!(matches!(
        app.recuse_from_review(&mut store, &r1403, plan.id, &first, " "),
        Err(AppError::Invalid(_))
    ));
    let next = app
        .recuse_from_review(&mut store, &r1403, plan.id, &first, "与当事人系同学")
        .expect("recused");
    assert_eq!(next.as_deref(), Some("R1404"));
    assert_eq!(
        app.review_worklist(&mut store, &r1403)
            .expect("worklist")
            .len(),
        1
    );
    assert_eq!(
        app.review_worklist(&mut store, &r1404)
            .expect("worklist")
            .len(),
        2
    );
    // R1404 recuses too: no one else may take it — it waits unassigned for the office.
    let next = app
        .recuse_from_review(&mut store, &r1404, plan.id, &first, "曾参与该案审理")
        .expect("recused");
    assert_eq!(next, None);
    let kept = app.review_plan(&mut store, &city, plan.id).expect("plan");
    let case = kept
        .cases
        .iter()
        .find(|c| c.case_no == first)
        .expect("case");
    assert_eq!(case.reviewer, None);
    // The office gives it to someone who may take it: not of its court, not one who recused;
    // the reviewer named joins the panel.
    for (who, why) in [("R1402", "its own court"), ("R1404", "recused")] {
        assert!(
            matches!(
                app.assign_review(&mut store, &city, plan.id, &first, who),
                Err(AppError::Invalid(_))
            ),
            "{why}"
        );
    }
    assert!(
        matches!(
            app.assign_review(&mut store, &r1403, plan.id, &first, "R1405"),
            Err(AppError::NotFound(_))
        ),
        "a reviewer does not assign"
    );
    app.assign_review(&mut store, &city, plan.id, &first, "R1405")
        .expect("assigned");
    let kept = app.review_plan(&mut store, &city, plan.id).expect("plan");
    let case = kept
        .cases
        .iter()
        .find(|c| c.case_no == first)
        .expect("case");
    assert_eq!(case.reviewer.as_deref(), Some("R1405"));
    assert!(kept.reviewers.iter().any(|r| r == "R1405"));
    // After submitting, the reviewer reads the judge. A name that would break how the
    // responsible are kept is refused first.
    let second = app.review_worklist(&mut store, &r1403).expect("worklist")[0]
        .case_no
        .clone();
    let breaking = shenguan_domain::review::grading::Finding {
        item: "4.1".into(),
        severity: shenguan_domain::review::grading::Severity::Flaw,
        text: "说理不足".into(),
        deduction: 1,
        responsible: vec![shenguan_domain::review::grading::Responsible::Judge(
            "J1;committee".into(),
        )],
        excuse: None,
    };
    assert!(matches!(
        app.submit_review(&mut store, &r1403, plan.id, &second, &[breaking]),
        Err(AppError::Invalid(_))
    ));
    app.submit_review(&mut store, &r1403, plan.id, &second, &[])
        .expect("submitted");
    let (_, seen) = app
        .case_under_review(&mut store, &r1403, plan.id, &second)
        .expect("the case");
    assert_eq!(seen.judge.as_deref(), Some("J1"));
    assert!(matches!(
        app.recuse_from_review(&mut store, &r1403, plan.id, &second, "迟了"),
        Err(AppError::Conflict(_))
    ));
    let log = app.audit_log(&mut store, 20).expect("log");
    assert_eq!(
        log.iter().filter(|e| e.action == "review.recuse").count(),
        2
    );
    assert_eq!(
        log.iter().filter(|e| e.action == "review.assign").count(),
        1
    );
}

#[test]
fn where_reversed_cases_are_presumed_defective_the_judge_rebuts_and_a_network_sheet_grades() {
    use shenguan_domain::review::answer::Standing;
    use shenguan_domain::review::grading::{Finding, Item, Responsible, Rubric, Severity, Sheets};
    let dir = TempDir::new("review-presumed");
    let db = dir.join("shenguan.db").display().to_string();
    let enforcement = Rubric {
        items: vec![
            Item {
                code: "E1".into(),
                group: "执行实施".into(),
                text: "财产调查与处置".into(),
                points: 60,
            },
            Item {
                code: "E2".into(),
                group: "执行文书".into(),
                text: "裁定与笔录".into(),
                points: 40,
            },
        ],
    };
    let config = Config {
        review_presume_reversed: true,
        review_sheets: Sheets {
            default: Rubric::standard(),
            by_category: vec![(shenguan_domain::Category::Enforcement, enforcement)],
        },
        ..Config::default()
    };
    let app = App::with_clock(config, Box::new(FixedClock(d("2026-12-06")))).expect("app");
    let mut store = app.open_store(Some(&db)).expect("store");
    let records = vec![
        case(
            "（2025）湘1402民初1号",
            "J1",
            Some(("2025-06-01", "判决")),
            None,
        ),
        case(
            "（2026）湘14民终1号",
            "Z14",
            Some(("2026-03-01", "改判")),
            Some("（2025）湘1402民初1号"),
        ),
        case(
            "（2025）湘1402执1号",
            "J1",
            Some(("2026-03-01", "执行完毕")),
            None,
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
    let key = app
        .create_review_plan(
            &mut store,
            &city,
            &PlanRequest {
                reviewers: vec!["R1403".into()],
                ..request(PlanKind::Key, Some(1))
            },
        )
        .expect("the plan");
    let reversed = "（2025）湘1402民初1号";
    // The reviewer finds a flaw only; the network presumes the reversed case an error.
    let flaw = Finding {
        item: "4.1".into(),
        severity: Severity::Flaw,
        text: "说理不充分".into(),
        deduction: 2,
        responsible: vec![Responsible::Judge("J1".into())],
        excuse: None,
    };
    let graded = app
        .submit_review(&mut store, &reviewer, key.id, reversed, &[flaw])
        .expect("submitted");
    assert_eq!(graded.grade, "瑕疵", "the findings' own grade is kept");
    let file = app
        .review_file(&mut store, &judge, key.id, reversed)
        .expect("the file");
    assert_eq!(file.presumed.grade, "差错");
    assert!(matches!(file.standing, Standing::Open { .. }));
    let (tally, _) = app.review_tally(&mut store, &city, 2026).expect("tally");
    assert_eq!(tally.error, 1, "presumed an error until rebutted");
    // The judge rebuts (an objection), the office decides on the evidence: a flaw stands.
    app.object_to_review(&mut store, &judge, key.id, reversed, "改判系因二审新证据")
        .expect("rebutted");
    app.decide_objection(
        &mut store,
        &city,
        key.id,
        reversed,
        "瑕疵",
        "二审新证据，不属差错",
    )
    .expect("decided");
    let (tally, _) = app.review_tally(&mut store, &city, 2026).expect("tally");
    assert_eq!((tally.problem, tally.error), (1, 0));

    // An enforcement case is reviewed on the network's enforcement sheet: its items, not the
    // trial sheet's.
    let routine = app
        .create_review_plan(
            &mut store,
            &city,
            &PlanRequest {
                name: "2026年度执行案件常规评查".into(),
                per_mille: 1000,
                reviewers: vec!["R1403".into()],
                class: Class {
                    types: vec!["执".into()],
                    cause: None,
                },
                ..request(PlanKind::Thematic, Some(3))
            },
        )
        .expect("the plan");
    assert_eq!(routine.cases.len(), 1);
    let on_trial_sheet = Finding {
        item: "3.1".into(),
        severity: Severity::Flaw,
        text: "未查询不动产".into(),
        deduction: 5,
        responsible: vec![Responsible::Judge("J1".into())],
        excuse: None,
    };
    assert!(matches!(
        app.submit_review(
            &mut store,
            &reviewer,
            routine.id,
            "（2025）湘1402执1号",
            std::slice::from_ref(&on_trial_sheet)
        ),
        Err(AppError::Invalid(_))
    ));
    let graded = app
        .submit_review(
            &mut store,
            &reviewer,
            routine.id,
            "（2025）湘1402执1号",
            &[Finding {
                item: "E1".into(),
                ..on_trial_sheet
            }],
        )
        .expect("submitted");
    assert_eq!((graded.score, graded.grade.as_str()), (95, "瑕疵"));
}

#[test]
fn the_review_bulletin_says_the_year_court_by_court_and_opens_in_libreoffice() {
    use shenguan_domain::review::grading::{Finding, Responsible, Severity};
    use shenguan_report::{Block, Cell};
    let dir = TempDir::new("review-bulletin");
    let db = dir.join("shenguan.db").display().to_string();
    let app =
        App::with_clock(Config::default(), Box::new(FixedClock(d("2027-01-20")))).expect("app");
    let mut store = app.open_store(Some(&db)).expect("store");
    let mut records = Vec::new();
    for (n, court) in [(1, "湘1402"), (2, "湘1402"), (3, "湘1403")] {
        let first = format!("（2025）{court}民初{n}号");
        records.push(case(&first, "J1", Some(("2025-06-01", "判决")), None));
        records.push(case(
            &format!("（2026）湘14民终{n}号"),
            "Z14",
            Some(("2026-03-01", "改判")),
            Some(&first),
        ));
    }
    fill(
        &mut store,
        &records,
        &[staff("R1404", "湘1404"), staff("J1", "湘1402")],
    );
    let city = account(&app, &mut store, "中院审管办", Role::Office, "湘14", None);
    let reviewer = account(
        &app,
        &mut store,
        "评查员R1404",
        Role::Judge,
        "湘1404",
        Some("R1404"),
    );
    let plan = app
        .create_review_plan(
            &mut store,
            &city,
            &PlanRequest {
                reviewers: vec!["R1404".into()],
                ..request(PlanKind::Key, Some(1))
            },
        )
        .expect("the plan");
    let finding = |item: &str, severity| Finding {
        item: item.into(),
        severity,
        text: "认定事实的证据不足".into(),
        deduction: 4,
        responsible: vec![Responsible::Judge("J1".into())],
        excuse: None,
    };
    for (case_no, findings) in [
        (
            "（2025）湘1402民初1号",
            vec![
                finding("3.1", Severity::Error),
                finding("4.1", Severity::Flaw),
            ],
        ),
        (
            "（2025）湘1402民初2号",
            vec![finding("3.1", Severity::Flaw)],
        ),
        ("（2025）湘1403民初3号", Vec::new()),
    ] {
        app.submit_review(&mut store, &reviewer, plan.id, case_no, &findings)
            .expect("submitted");
    }
    let document = app
        .review_bulletin(&mut store, &city, 2027)
        .expect("the bulletin of the year reviews were decided");
    assert!(document.title.contains("2027年度") && document.title.contains("案件质量评查通报"));
    let paragraphs: Vec<&str> = document
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        paragraphs
            .iter()
            .any(|p| p.contains("年内作出评查结论的案件3件，其中问题案件2件、差错案件1件")),
        "{paragraphs:?}"
    );
    // The 2026 plan's reviews are 2026's 发改再 in the speech's sentence.
    let document_2026 = app
        .review_bulletin(&mut store, &city, 2026)
        .expect("bulletin");
    let said = document_2026
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Paragraph(p) if p.starts_with("从对") => Some(p.clone()),
            _ => None,
        })
        .expect("the sentence");
    assert!(
        said.contains("3件发回重审、改判、指令再审案件")
            && said.contains("问题案件2件、差错案件1件"),
        "{said}"
    );
    let tables: Vec<&shenguan_report::Table> = document
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    // 表1: 湘1402 2 reviewed, 2 problems, 1 error; 湘1403 1, 0, 0; the total.
    let counts = |row: &Vec<Cell>| -> Vec<f64> {
        row[1..4]
            .iter()
            .map(|c| match c {
                Cell::Number { value, .. } => *value,
                _ => f64::NAN,
            })
            .collect()
    };
    assert_eq!(tables[0].rows.len(), 3);
    assert_eq!(counts(&tables[0].rows[0]), [2.0, 2.0, 1.0]);
    assert_eq!(counts(&tables[0].rows[1]), [1.0, 0.0, 0.0]);
    assert_eq!(counts(&tables[0].rows[2]), [3.0, 2.0, 1.0]);
    // 表2: 3.1 in two cases first, then 4.1.
    let items: Vec<String> = tables[1]
        .rows
        .iter()
        .map(|r| match &r[0] {
            Cell::Text { text, .. } => text.clone(),
            _ => String::new(),
        })
        .collect();
    assert_eq!(items, ["3.1", "4.1"]);
    // 表3: the one error case.
    assert_eq!(tables[2].rows.len(), 1);
    // Both files are written, and open in LibreOffice where it is installed.
    let docx = dir.join("review-bulletin.docx");
    let xlsx = dir.join("review-bulletin-tables.xlsx");
    std::fs::write(
        &docx,
        app.render_report(&document, crate::report::ReportFormat::Docx)
            .expect("docx"),
    )
    .expect("written");
    std::fs::write(
        &xlsx,
        app.render_report(&document, crate::report::ReportFormat::Xlsx)
            .expect("xlsx"),
    )
    .expect("written");
    let Some(office) =
        shenguan_testkit::tools::libreoffice(&shenguan_testkit::skip::current_test())
    else {
        return;
    };
    for pdf in shenguan_testkit::tools::convert_to_pdf(&office, &[&docx, &xlsx], dir.path()) {
        let size = std::fs::metadata(&pdf).expect("the PDF").len();
        assert!(size > 5_000, "{}: {size} bytes", pdf.display());
    }
}

#[test]
fn on_a_generated_network_the_key_rule_takes_exactly_the_years_reversed_remanded_and_retried_cases()
{
    use std::collections::{BTreeSet, HashSet};
    let dir = TempDir::new("review-generated");
    let db = dir.join("shenguan.db").display().to_string();
    let app =
        App::with_clock(Config::default(), Box::new(FixedClock(d("2026-11-27")))).expect("app");
    let mut store = app.open_store(Some(&db)).expect("store");
    app.generate(
        &crate::generate::GenerateRequest {
            seed: 3,
            basic_courts: 3,
            city: shenguan_sim::network::DEFAULT_CITY,
            from: d("2023-01-01"),
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
    // Worked apart from the rule's code: every closed case of 2025 that names an original case
    // held in the data and decided 改判 or 发回重审 (appeal, retrial) or 提审 or 指令再审 (retrial
    // review) names a case the plan must take.
    let mut all = Vec::new();
    store
        .inner
        .each_case(&mut |r| {
            all.push(r);
            Ok(())
        })
        .expect("the cases");
    let held: HashSet<String> = all.iter().map(|r| r.case_no.to_string()).collect();
    let expected: BTreeSet<String> = all
        .iter()
        .filter(|r| {
            r.closed_on
                .is_some_and(|c| c >= d("2025-01-01") && c <= d("2025-12-31"))
        })
        .filter(|r| {
            let how = r.closing_method.map(|m| m.label_zh()).unwrap_or_default();
            match r.case_no.stage() {
                Some(Stage::SecondInstance | Stage::Retrial) => {
                    matches!(how, "改判" | "发回重审")
                }
                Some(Stage::RetrialReview) => matches!(how, "提审" | "指令再审"),
                _ => false,
            }
        })
        .filter_map(|r| r.origin_case_no.as_ref().map(ToString::to_string))
        .filter(|origin| held.contains(origin))
        .collect();
    assert!(
        expected.len() > 10,
        "the network has its 发改再: {}",
        expected.len()
    );
    let staff = store.inner.staff().expect("staff");
    let panel: Vec<String> = staff.iter().take(30).map(|s| s.id.to_string()).collect();
    let city = account(&app, &mut store, "中院审管办", Role::Office, "湘14", None);
    let key = app
        .preview_review_plan(
            &mut store,
            &city,
            &PlanRequest {
                from: d("2025-01-01"),
                to: d("2025-12-31"),
                reviewers: panel.clone(),
                ..request(PlanKind::Key, Some(1))
            },
        )
        .expect("the plan");
    let fagaizai = |reason: &str| matches!(reason, "reversed" | "remanded" | "retrial_ordered");
    let taken: BTreeSet<String> = key
        .cases
        .iter()
        .filter(|c| fagaizai(&c.reason))
        .map(|c| c.case_no.clone())
        .collect();
    assert_eq!(taken, expected);
    // The rest the rule takes are the cases of the generated petition register petitioned about
    // again (no flags were made), none of them 发改再 too.
    let rest: Vec<&shenguan_store::ReviewCaseRow> =
        key.cases.iter().filter(|c| !fagaizai(&c.reason)).collect();
    assert!(!rest.is_empty());
    assert!(
        rest.iter()
            .all(|c| c.reason == "repeated_petitions" && !expected.contains(&c.case_no))
    );
    // No case goes to a reviewer of its own court (the loads are the domain's tests).
    for case in &key.cases {
        if let Some(reviewer) = &case.reviewer {
            let court = staff
                .iter()
                .find(|s| s.id.to_string() == *reviewer)
                .map(|s| s.court)
                .expect("a reviewer of the staff");
            let case_court = shenguan_domain::CaseNumber::parse(&case.case_no, i32::MAX)
                .ok()
                .and_then(|n| n.court())
                .expect("a court");
            assert_ne!(court, case_court, "{} went to its own court", case.case_no);
        }
    }
    // A routine sample replayed from its seed takes the same cases; another seed others.
    let routine = |seed: u64| PlanRequest {
        from: d("2025-01-01"),
        to: d("2025-12-31"),
        per_mille: 20,
        reviewers: panel.clone(),
        ..request(PlanKind::Routine, Some(seed))
    };
    let numbers = |plan: &shenguan_store::ReviewPlanRow| -> Vec<String> {
        plan.cases.iter().map(|c| c.case_no.clone()).collect()
    };
    let first = app
        .preview_review_plan(&mut store, &city, &routine(20_261_127))
        .expect("sample");
    let again = app
        .preview_review_plan(&mut store, &city, &routine(20_261_127))
        .expect("sample");
    let other = app
        .preview_review_plan(&mut store, &city, &routine(7))
        .expect("sample");
    assert!(!first.cases.is_empty());
    assert_eq!(numbers(&first), numbers(&again));
    assert_eq!(first.cases.len(), other.cases.len(), "the same share");
    assert_ne!(numbers(&first), numbers(&other));
}
