use chrono::NaiveDate;
use shenguan_domain::allocation::diversion::{Condition, Rule, Track, default_weights};
use shenguan_domain::allocation::draw::Mode;
use shenguan_domain::{CaseRecord, CourtCode, EventRecord, Staff, StaffId};
use shenguan_testkit::TempDir;

use super::*;
use crate::accounts::NewAccount;
use crate::{Config, FixedClock};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn staff(id: &str, division: &str) -> Staff {
    Staff {
        id: StaffId::parse(id).expect("a staff number"),
        name: format!("法官{id}"),
        court: CourtCode::parse("湘1402").expect("court"),
        division: Some(division.into()),
        role: None,
        active_from: None,
        active_to: None,
    }
}

/// Every 民初 case simple, to 民一庭.
fn rules() -> RuleSet {
    RuleSet {
        version: "test-1".into(),
        small_claims_percent: 50,
        wages: Default::default(),
        rules: vec![Rule {
            id: "民事简案".into(),
            when: Condition {
                case_types: vec!["民初".into()],
                ..Condition::default()
            },
            track: Track::Simple,
            pool: "民一庭".into(),
        }],
        default_track: Track::Ordinary,
        default_pool: "综合庭".into(),
        weights: default_weights(),
        mode: Mode::Weighted { band: 100 },
        leader_shares: Default::default(),
    }
}

fn filing(n: u32, parties: &[&str], seed: u64) -> Filing {
    Filing {
        case_no: format!("（2026）湘1402民初{n}号"),
        facts: Facts {
            case_type: "民初".into(),
            cause: Some("买卖合同纠纷".into()),
            amount: None,
            parties: 2,
            announcement: false,
            foreign: false,
            series: false,
            max_sentence_months: None,
            guilty_plea: false,
            filed_on: d("2026-03-01"),
        },
        parties: parties.iter().map(|p| p.to_string()).collect(),
        origin: None,
        seed: Some(seed),
    }
}

/// A store of 湘1402 with six judges of 民一庭 (J6 gone), one of 民二庭, and its office.
fn court(dir: &TempDir, name: &str) -> (App, Store, User) {
    let app =
        App::with_clock(Config::default(), Box::new(FixedClock(d("2026-03-01")))).expect("app");
    let mut store = app
        .open_store(Some(&dir.join(name).display().to_string()))
        .expect("store");
    let mut people: Vec<Staff> = (1..=6).map(|n| staff(&format!("J{n}"), "民一庭")).collect();
    people[5].active_to = Some(d("2025-12-31"));
    people.push(staff("K1", "民二庭"));
    // The earlier instance of a remanded case, judged by J2.
    let earlier = CaseRecord {
        judge_id: Some(StaffId::parse("J2").expect("id")),
        judge: Some("法官J2".into()),
        closed_on: Some(d("2025-06-01")),
        ..CaseRecord::filed(
            CaseNumber::parse("（2025）湘1402民初900号", 2026).expect("number"),
            CourtCode::parse("湘1402").expect("court"),
            d("2025-01-05"),
        )
    };
    store
        .inner
        .write_import(&[earlier], &Vec::<EventRecord>::new(), &mut |_| {})
        .expect("the case");
    store
        .inner
        .write_import_all(
            &people,
            &[],
            &mut || None,
            &shenguan_store::RecordsWrite::default(),
            &mut |_| {},
        )
        .expect("the staff");
    app.add_user(
        &mut store,
        NewAccount {
            name: "立案庭",
            role: Role::Office,
            court: Some(CourtCode::parse("湘1402").expect("court")),
            division: None,
            staff_id: None,
            password: "long enough password",
        },
    )
    .expect("an account");
    let office = app
        .active_user(&mut store, "立案庭")
        .expect("read")
        .expect("the office");
    (app, store, office)
}

#[test]
fn the_same_filing_and_seed_draw_the_same_judge_and_excluded_judges_are_never_drawn() {
    let dir = TempDir::new("allocation-draw");
    let (app, mut store, office) = court(&dir, "a.db");
    let (app_b, mut store_b, office_b) = court(&dir, "b.db");
    // A draw with a given seed is an administrator's replay; the office's draws take the system's.
    let admin = |u: &User| User {
        role: Role::Admin,
        ..u.clone()
    };
    let (office, office_b) = (admin(&office), admin(&office_b));
    let set = rules();
    store
        .inner
        .add_exclusion(&shenguan_store::ExclusionRow {
            staff_id: "J1".into(),
            kind: "relationship".into(),
            party: "张三".into(),
            reason: "近亲属".into(),
            by_user: "J1".into(),
            at: "2026-02-01T09:00:00+08:00".into(),
        })
        .expect("declared");
    // The filing division may not choose the seed (and with it the judge).
    let filing_division = User {
        role: Role::Office,
        ..office.clone()
    };
    assert!(matches!(
        app.allocate_case(
            &mut store,
            &filing_division,
            &set,
            &filing(500, &[], 1),
            None
        ),
        Err(AppError::Forbidden(_))
    ));
    let unseeded = Filing {
        seed: None,
        ..filing(501, &[], 0)
    };
    let done = app
        .allocate_case(&mut store, &filing_division, &set, &unseeded, None)
        .expect("allocated");
    assert!(done.row.seed.is_some(), "the system's seed is kept");
    let mut drawn: BTreeSet<String> = BTreeSet::new();
    for n in 1..=120 {
        let parties: &[&str] = if n % 2 == 0 {
            &["张三", "李四"]
        } else {
            &["王五"]
        };
        let mut asked = filing(n, parties, 20_260_301 + u64::from(n));
        if n % 3 == 0 {
            asked.origin = Some("（2025）湘1402民初900号".into());
        }
        let done = app
            .allocate_case(&mut store, &office, &set, &asked, None)
            .expect("allocated");
        let judge = done.row.judge.clone().expect("a judge");
        assert_eq!(done.decision.track, Track::Simple);
        assert_ne!(judge, "J6", "not in post");
        assert_ne!(judge, "K1", "another pool");
        if n % 2 == 0 {
            assert_ne!(judge, "J1", "case {n}: related to 张三");
        }
        if n % 3 == 0 {
            assert_ne!(judge, "J2", "case {n}: judged the earlier instance");
        }
        drawn.insert(judge.clone());
        // The same filing and seed in another store of the same judges and loads: the same
        // judge, for the first case (both stores empty).
        if n == 1 {
            let again = app_b
                .allocate_case(
                    &mut store_b,
                    &office_b,
                    &set,
                    &filing(1, parties, 20_260_302),
                    None,
                )
                .expect("allocated");
            assert_eq!(again.row.judge, Some(judge));
        }
    }
    assert_eq!(drawn.len(), 5, "{drawn:?}");
    // Loads stay together: 121 simple cases over five judges. The band keeps those drawn from
    // within one case of the lightest eligible judge; a judge kept out of a case (J1 of half, J2
    // of a third) can fall a little further behind — within two cases more here.
    let loads = store.inner.allocation_loads("湘1402").expect("loads");
    let (most, least) = (
        loads.iter().map(|l| l.1).max().unwrap_or(0),
        loads.iter().map(|l| l.1).min().unwrap_or(0),
    );
    assert!(most - least <= 400, "{loads:?}");
    // Once per case.
    assert!(matches!(
        app.allocate_case(&mut store, &office, &set, &filing(1, &[], 1), None),
        Err(AppError::Conflict(_))
    ));
    // The log holds two entries a case and verifies.
    let checked = app.verify_allocation_log(&mut store, None).expect("read");
    assert_eq!(checked.map(|(n, _)| n), Ok(242));
    // The period's workload: 121 simple cases over the five judges, each with their pending load.
    let day = (d("2026-03-01"), d("2026-03-01"));
    let w = app.workload(&mut store, &office, day).expect("workload");
    assert_eq!((w.allocated, w.unassigned), (121, 0));
    assert_eq!(w.tracks.get("simple"), Some(&121));
    assert_eq!(w.judges.len(), 5);
    assert_eq!(w.judges.iter().map(|j| j.allocated).sum::<u32>(), 121);
    assert!(
        w.judges
            .iter()
            .all(|j| j.pending_load == i64::from(j.allocated) * 100)
    );
    assert_eq!((w.speedy_cases, w.speedy_judges), (0.0, 0.0));
    assert!(w.designations.is_empty() && w.changes.is_empty());
    let none = app
        .workload(&mut store, &office, (d("2026-03-02"), d("2026-03-31")))
        .expect("workload");
    assert_eq!(none.allocated, 0);
}

#[test]
fn a_designation_needs_a_listed_reason_and_an_approver_and_only_the_office_allocates() {
    let dir = TempDir::new("allocation-designate");
    let (app, mut store, office) = court(&dir, "a.db");
    let set = rules();
    let asked = filing(1, &[], 7);
    let designation = |reason: &str, approver: &str| Designation {
        judge: "J3".into(),
        reason: reason.into(),
        approver: approver.into(),
    };
    // J5 declared a relationship with a party of the case: not designated either.
    store
        .inner
        .add_exclusion(&shenguan_store::ExclusionRow {
            staff_id: "J5".into(),
            kind: "relationship".into(),
            party: "赵六".into(),
            reason: "同学".into(),
            by_user: "J5".into(),
            at: "2026-02-01T09:00:00+08:00".into(),
        })
        .expect("declared");
    let related = Filing {
        parties: vec!["赵六".into()],
        ..filing(5, &[], 7)
    };
    let refused = app.allocate_case(
        &mut store,
        &office,
        &set,
        &related,
        Some(&Designation {
            judge: "J5".into(),
            ..designation(DESIGNATION_REASONS[1], "院长")
        }),
    );
    assert!(
        matches!(&refused, Err(AppError::Invalid(m)) if m.en().contains("stay away")),
        "{refused:?}"
    );
    for (bad, field) in [
        (designation("领导交办", "院长"), "reason"),
        (designation(DESIGNATION_REASONS[1], " "), "approver"),
        (
            Designation {
                judge: "Z9".into(),
                ..designation(DESIGNATION_REASONS[1], "院长")
            },
            "judge",
        ),
    ] {
        let refused = app.allocate_case(&mut store, &office, &set, &asked, Some(&bad));
        assert!(
            matches!(&refused, Err(AppError::Invalid(m)) if m.en().contains(field)),
            "{field}: {refused:?}"
        );
    }
    let done = app
        .allocate_case(
            &mut store,
            &office,
            &set,
            &asked,
            Some(&designation(DESIGNATION_REASONS[1], "院长")),
        )
        .expect("designated");
    assert_eq!(
        (done.row.how.as_str(), done.row.judge.as_deref()),
        ("designate", Some("J3"))
    );
    assert_eq!(done.entries[1].kind, "designate");
    // A judge may not allocate.
    let judge = User {
        role: Role::Judge,
        ..office.clone()
    };
    assert!(matches!(
        app.allocate_case(&mut store, &judge, &set, &filing(2, &[], 1), None),
        Err(AppError::Forbidden(_))
    ));
    let log = app.audit_log(&mut store, 10).expect("log");
    assert!(log.iter().any(|e| e.action == "allocation.designate"));
    // A change of judge: with a reason and approver, to another judge of the court in post, only
    // from the judge who holds it.
    let case_no = "（2026）湘1402民初1号";
    for (to, reason, approver, field) in [
        ("J4", "", "院长", "reason"),
        ("J4", "承办法官回避", "", "approver"),
        ("J6", "承办法官回避", "院长", "judge"),
        ("J3", "承办法官回避", "院长", "judge"),
    ] {
        let refused =
            app.change_allocated_judge(&mut store, &office, case_no, to, reason, approver);
        assert!(
            matches!(&refused, Err(AppError::Invalid(m)) if m.en().contains(field)),
            "{to} {field}: {refused:?}"
        );
    }
    let changed = app
        .change_allocated_judge(&mut store, &office, case_no, "J4", "承办法官回避", "院长")
        .expect("changed");
    assert_eq!(
        (changed.judge.as_deref(), changed.how.as_str()),
        (Some("J4"), "change")
    );
    let checked = app.verify_allocation_log(&mut store, None).expect("read");
    assert_eq!(checked.map(|(n, _)| n), Ok(3), "track, designation, change");
    // Not to a judge who recused from the case.
    store
        .inner
        .add_exclusion(&shenguan_store::ExclusionRow {
            staff_id: "J2".into(),
            kind: "recusal".into(),
            party: case_no.into(),
            reason: "曾担任代理人".into(),
            by_user: "J2".into(),
            at: "2026-03-01T10:00:00+08:00".into(),
        })
        .expect("declared");
    assert!(matches!(
        app.change_allocated_judge(&mut store, &office, case_no, "J2", "承办法官调岗", "院长"),
        Err(AppError::Invalid(_))
    ));
    let log = app.audit_log(&mut store, 10).expect("log");
    assert!(log.iter().any(|e| e.action == "allocation.change"));
    // The workload says the designation with its reason and the change, from the log.
    let w = app
        .workload(&mut store, &office, (d("2026-03-01"), d("2026-03-01")))
        .expect("workload");
    assert_eq!(w.designations.get(DESIGNATION_REASONS[1]), Some(&1));
    assert_eq!(
        w.changes,
        [(
            case_no.to_string(),
            "承办法官回避".to_string(),
            "院长".to_string()
        )]
    );
    assert!(matches!(
        app.workload(&mut store, &judge, (d("2026-03-01"), d("2026-03-01"))),
        Err(AppError::Forbidden(_))
    ));
}

#[test]
fn a_judge_declares_their_own_exclusions_and_the_office_those_of_the_court_s_judges() {
    let dir = TempDir::new("allocation-exclude");
    let (app, mut store, office) = court(&dir, "a.db");
    let judge = |id: &str| User {
        name: format!("法官{id}"),
        role: Role::Judge,
        court: Some(CourtCode::parse("湘1402").expect("court")),
        division: None,
        staff_id: Some(StaffId::parse(id).expect("id")),
    };
    assert!(
        app.declare_exclusion(
            &mut store,
            &judge("J3"),
            "J3",
            "relationship",
            "张三",
            "同学"
        )
        .expect("declared")
    );
    assert!(
        !app.declare_exclusion(
            &mut store,
            &judge("J3"),
            "J3",
            "relationship",
            "张三",
            "同学"
        )
        .expect("asked"),
        "once"
    );
    assert!(matches!(
        app.declare_exclusion(&mut store, &judge("J4"), "J3", "relationship", "李四", "x"),
        Err(AppError::Forbidden(_))
    ));
    assert!(
        app.declare_exclusion(
            &mut store,
            &office,
            "J4",
            "recusal",
            "(2026)湘1402民初7号",
            "曾任代理人"
        )
        .expect("declared")
    );
    for (kind, party, reason, field) in [
        ("friendship", "张三", "x", "kind"),
        ("relationship", "", "x", "party"),
        ("relationship", "王五", "", "reason"),
        ("recusal", "不是案号", "x", "party"),
    ] {
        let refused = app.declare_exclusion(&mut store, &office, "J4", kind, party, reason);
        assert!(
            matches!(&refused, Err(AppError::Invalid(m)) if m.en().contains(field)),
            "{field}: {refused:?}"
        );
    }
    // The declared exclusions keep the judges from those cases.
    let named = store
        .inner
        .exclusions_for(&["张三".into(), "（2026）湘1402民初7号".into()])
        .expect("read");
    assert_eq!(named.len(), 2);
    let log = app.audit_log(&mut store, 10).expect("log");
    assert_eq!(
        log.iter()
            .filter(|e| e.action == "allocation.exclude")
            .count(),
        2
    );
}

#[test]
fn a_judge_on_leave_the_case_data_s_parties_and_another_court_s_office_are_kept_from_a_case() {
    use shenguan_domain::{CaseParties, Party, PartyRole};
    let dir = TempDir::new("allocation-leave");
    let (app, mut store, office) = court(&dir, "a.db");
    let judge = |id: &str| User {
        name: format!("法官{id}"),
        role: Role::Judge,
        court: Some(CourtCode::parse("湘1402").expect("court")),
        division: None,
        staff_id: Some(StaffId::parse(id).expect("id")),
    };
    // J1 declares a week's leave from today; J2 may not declare it for J1, nor anyone a
    // leave ending before it starts or a year and more.
    let week = (d("2026-03-01"), d("2026-03-07"));
    app.declare_leave(&mut store, &judge("J1"), "J1", week, ("年休假", "庭长"))
        .expect("declared");
    // Declared again from the same day: kept as it was, and said.
    let again = app.declare_leave(
        &mut store,
        &office,
        "J1",
        (week.0, d("2026-03-20")),
        ("年休假", "庭长"),
    );
    assert!(
        matches!(&again, Err(AppError::Conflict(m)) if m.zh().contains("至2026-03-07")),
        "{again:?}"
    );
    assert!(matches!(
        app.declare_leave(&mut store, &judge("J2"), "J1", week, ("年休假", "庭长")),
        Err(AppError::Forbidden(_))
    ));
    for (days, reason, approver) in [
        ((d("2026-03-07"), d("2026-03-01")), "x", "庭长"),
        ((d("2026-03-01"), d("2027-03-05")), "x", "庭长"),
        (week, "", "庭长"),
        (week, "病假", ""),
    ] {
        assert!(matches!(
            app.declare_leave(&mut store, &office, "J2", days, (reason, approver)),
            Err(AppError::Invalid(_))
        ));
    }
    // 张三's lawyer 赵律师 is in the case data of cases 200 to 229, not in what the filing
    // division typed; J3 declared a relationship with the lawyer.
    let (cases, parties): (Vec<CaseRecord>, Vec<CaseParties>) = (200..230)
        .map(|n| {
            let case = CaseRecord::filed(
                CaseNumber::parse(&format!("（2026）湘1402民初{n}号"), 2026).expect("number"),
                CourtCode::parse("湘1402").expect("court"),
                d("2026-03-01"),
            );
            let parties = CaseParties {
                case_no: case.case_no.clone(),
                parties: vec![Party {
                    role: PartyRole::parse("原告").expect("role"),
                    kind: None,
                    name: "张三".into(),
                    identity: None,
                    id_masked: None,
                    agent: Some("赵律师".into()),
                    address: None,
                }],
            };
            (case, parties)
        })
        .unzip();
    store
        .inner
        .write_batch(shenguan_store::Batch::owned(cases, Vec::new(), parties))
        .expect("the cases");
    app.declare_exclusion(
        &mut store,
        &judge("J3"),
        "J3",
        "relationship",
        "赵律师",
        "同学",
    )
    .expect("declared");
    let mut drawn = BTreeSet::new();
    for n in 200..230 {
        let done = app
            .allocate_case(
                &mut store,
                &office,
                &rules(),
                &Filing {
                    seed: None,
                    ..filing(n, &[], 0)
                },
                None,
            )
            .expect("allocated");
        // The draw's entry names who it passed over for leave and for the relationship.
        let entry = &done.entries[1].detail;
        assert!(
            entry.contains(";excluded=J3;") && entry.ends_with(";away=J1"),
            "{entry}"
        );
        assert!(!done.among.contains(&"J1".to_string()), "{:?}", done.among);
        drawn.insert(done.row.judge.expect("a judge"));
    }
    // J1 is on leave, J3 related to the lawyer, J6 gone: J2, J4 and J5 take them all.
    assert_eq!(
        drawn,
        ["J2", "J4", "J5"].map(String::from).into(),
        "{drawn:?}"
    );
    // A change to a judge on leave or related to the lawyer: refused, each for its reason.
    for (to, why) in [("J1", "leave"), ("J3", "stay away")] {
        let refused = app.change_allocated_judge(
            &mut store,
            &office,
            "（2026）湘1402民初200号",
            to,
            "调整",
            "院长",
        );
        assert!(
            matches!(&refused, Err(AppError::Invalid(m)) if m.en().contains(why)),
            "{to}: {refused:?}"
        );
    }
    // A remand whose case data names the earlier instance (judged by J2), the filing division
    // naming none: J2 is neither drawn nor changed to.
    let remand = CaseRecord {
        origin_case_no: Some(CaseNumber::parse("（2025）湘1402民初900号", 2026).expect("number")),
        ..CaseRecord::filed(
            CaseNumber::parse("（2026）湘1402民初300号", 2026).expect("number"),
            CourtCode::parse("湘1402").expect("court"),
            d("2026-03-01"),
        )
    };
    store
        .inner
        .write_import(&[remand], &Vec::<EventRecord>::new(), &mut |_| {})
        .expect("the remand");
    let done = app
        .allocate_case(
            &mut store,
            &office,
            &rules(),
            &Filing {
                seed: None,
                ..filing(300, &[], 0)
            },
            None,
        )
        .expect("allocated");
    assert!(
        done.entries[1].detail.contains("excluded=J2"),
        "{}",
        done.entries[1].detail
    );
    let refused = app.change_allocated_judge(
        &mut store,
        &office,
        "（2026）湘1402民初300号",
        "J2",
        "调整",
        "院长",
    );
    assert!(
        matches!(&refused, Err(AppError::Invalid(m)) if m.en().contains("stay away")),
        "{refused:?}"
    );
    // Nor is a judge on leave designated.
    let designated = app.allocate_case(
        &mut store,
        &office,
        &rules(),
        &Filing {
            seed: None,
            ..filing(78, &[], 0)
        },
        Some(&Designation {
            judge: "J1".into(),
            reason: DESIGNATION_REASONS[0].into(),
            approver: "院长".into(),
        }),
    );
    assert!(
        matches!(&designated, Err(AppError::Invalid(m)) if m.en().contains("leave")),
        "{designated:?}"
    );
    // The intermediate court's office does not allocate the basic court's cases.
    let higher = User {
        court: Some(CourtCode::parse("湘14").expect("court")),
        ..office.clone()
    };
    assert!(matches!(
        app.allocate_case(
            &mut store,
            &higher,
            &rules(),
            &Filing {
                seed: None,
                ..filing(79, &[], 0)
            },
            None
        ),
        Err(AppError::Forbidden(_))
    ));
    let audited = app.audit_log(&mut store, 100).expect("log");
    assert_eq!(
        audited
            .iter()
            .filter(|e| e.action == "allocation.leave")
            .count(),
        1
    );
}

#[test]
fn a_division_head_takes_the_share_the_rules_give_leaders() {
    use shenguan_domain::StaffRole;
    let dir = TempDir::new("allocation-leader");
    let (app, mut store, office) = court(&dir, "a.db");
    // J5 heads 民一庭 (J6 is gone): four judges and the head at a fifth of a share.
    let head = Staff {
        role: Some(StaffRole::DivisionHead),
        ..staff("J5", "民一庭")
    };
    store
        .inner
        .write_import_all(
            &[head],
            &[],
            &mut || None,
            &shenguan_store::RecordsWrite::default(),
            &mut |_| {},
        )
        .expect("the head");
    let set = RuleSet {
        leader_shares: [(StaffRole::DivisionHead, 20)].into(),
        ..rules()
    };
    let mut taken: std::collections::BTreeMap<String, u32> = Default::default();
    for n in 1..=210 {
        let done = app
            .allocate_case(
                &mut store,
                &office,
                &set,
                &Filing {
                    seed: None,
                    ..filing(n, &[], 0)
                },
                None,
            )
            .expect("allocated");
        *taken.entry(done.row.judge.expect("a judge")).or_default() += 1;
    }
    // 210 cases over 4.2 shares: 50 each, 10 for the head, give or take the band.
    assert!((8..=13).contains(&taken["J5"]), "{taken:?}");
    assert!(
        ["J1", "J2", "J3", "J4"]
            .iter()
            .all(|j| (47..=53).contains(&taken[*j])),
        "{taken:?}"
    );
}
