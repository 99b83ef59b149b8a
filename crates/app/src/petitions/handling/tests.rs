//! The register kept on the form: registration with numbers given in turn, each step allowed only
//! where the petition stands and only to those who keep the register, every one logged and
//! audited; a petitioner's history across spellings of one number; no number kept in clear.

use chrono::NaiveDate;
use shenguan_domain::{
    CaseNumber, CaseParties, CaseRecord, CourtCode, EventRecord, Party, PartyRole,
};
use shenguan_testkit::TempDir;

use super::*;
use crate::accounts::NewAccount;
use crate::{Config, FixedClock};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

const CASE: &str = "（2025）湘1402执2号";
const NUMBER: &str = "43010219800101109X";

struct World {
    _dir: TempDir,
    db: std::path::PathBuf,
    app: App,
    store: Store,
    office: User,
    city: User,
    other_office: User,
    judge: User,
}

/// A store with one enforcement case of 王伟's whose applicant is 王某 (by the number), and the
/// accounts that read or keep the register.
fn world(name: &str) -> World {
    let dir = TempDir::new(name);
    let db = dir.join("shenguan.db");
    let app =
        App::with_clock(Config::default(), Box::new(FixedClock(d("2026-11-27")))).expect("app");
    let mut store = app
        .open_store(Some(&db.display().to_string()))
        .expect("store");
    let case_no = CaseNumber::parse(CASE, 2026).expect("a case number");
    let court = case_no.court().expect("a court");
    let record = CaseRecord {
        judge: Some("王伟".into()),
        division: Some("执行局".into()),
        ..CaseRecord::filed(case_no.clone(), court, d("2025-06-01"))
    };
    store
        .inner
        .write_import(&[record], &Vec::<EventRecord>::new(), &mut |_| {})
        .expect("the case");
    let secret = app.identity_secret(&store).expect("a secret");
    let number = shenguan_domain::IdNumber::parse(NUMBER).expect("a number");
    let mut batch = Some(shenguan_store::Batch {
        parties: std::borrow::Cow::Owned(vec![CaseParties {
            case_no,
            parties: vec![Party {
                role: PartyRole::Creditor,
                kind: None,
                name: "王某".into(),
                identity: Some(number.key(&secret)),
                id_masked: Some(number.masked()),
                agent: None,
                address: None,
            }],
        }]),
        ..Default::default()
    });
    store
        .inner
        .write_import_batches(&[], &mut || batch.take(), &mut |_| {})
        .expect("the parties");
    let mut add = |name: &str, role: Role, court: &str| {
        app.add_user(
            &mut store,
            NewAccount {
                name,
                role,
                court: Some(CourtCode::parse(court).expect("court")),
                division: (role == Role::Judge).then_some("执行局"),
                staff_id: None,
                password: "密码-足够长的一句话",
            },
        )
        .expect("an account")
    };
    let office = add("信访办", Role::Office, "湘1402");
    let city = add("中院审管办", Role::Office, "湘14");
    let other_office = add("雨湖审管办", Role::Office, "湘1403");
    let judge = add("王伟", Role::Judge, "湘1402");
    World {
        _dir: dir,
        db,
        app,
        store,
        office,
        city,
        other_office,
        judge,
    }
}

fn visit(petitioners: &str, numbers: &str, cases: &str) -> NewPetition {
    NewPetition {
        received_on: Some(d("2026-11-02")),
        channel: "来访".into(),
        subject: "执行".into(),
        petitioners: petitioners.into(),
        id_numbers: numbers.into(),
        cases: cases.into(),
        ..NewPetition::default()
    }
}

fn fields(pairs: &[(&str, &str)]) -> impl Fn(&str) -> String {
    let pairs: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect();
    move |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

fn audited(w: &mut World) -> Vec<String> {
    w.app
        .audit_log(&mut w.store, 100)
        .expect("the log")
        .into_iter()
        .rev()
        .filter(|e| e.action.starts_with("petition."))
        .map(|e| format!("{} {}", e.action, e.detail))
        .collect()
}

#[test]
fn the_office_registers_petitions_numbered_in_turn_and_steps_them_to_the_end() {
    let mut w = world("petition-steps");
    let (app, office) = (&w.app, w.office.clone());
    let first = app
        .register_petition(
            &mut w.store,
            &office,
            &visit("王某、李某", &format!("{NUMBER}、"), CASE),
        )
        .expect("registered");
    let second = app
        .register_petition(&mut w.store, &office, &visit("张某", "", ""))
        .expect("registered");
    let file = app
        .petition_file(&mut w.store, &office, first)
        .expect("the file");
    let p = &file.listed.petition;
    assert_eq!(p.register_no, "2026信0001");
    assert_eq!(p.court.to_string(), "湘1402", "the office's own court");
    assert_eq!(p.head_count, 2, "as many as named");
    assert_eq!(
        p.petitioners[0].masked.as_deref(),
        Some("4301**********109X")
    );
    assert!(p.petitioners[1].identity.is_none());
    assert_eq!(file.steps.first(), Some(&StepKind::Accept));
    assert!(!file.steps.contains(&StepKind::Reply));
    let second_file = app
        .petition_file(&mut w.store, &office, second)
        .expect("the file");
    assert_eq!(second_file.listed.petition.register_no, "2026信0002");

    // Accepted as 访 on 11-05, extended, replied 11-20; 复查 asked and answered.
    let step = |w: &mut World, name: &str, pairs: &[(&str, &str)]| {
        let office = w.office.clone();
        w.app
            .petition_step_named(&mut w.store, &office, first, name, &fields(pairs))
    };
    let file = step(
        &mut w,
        "accept",
        &[("on", "2026-11-05"), ("screening", "访")],
    )
    .expect("accepted");
    assert_eq!(file.listed.petition.accepted_on, Some(d("2026-11-05")));
    assert!(file.steps.contains(&StepKind::Reply) && file.steps.contains(&StepKind::Extend));
    step(&mut w, "extend", &[]).expect("extended");
    let file = step(
        &mut w,
        "reply",
        &[("on", "2026-11-20"), ("outcome", "解释")],
    )
    .expect("replied");
    assert_eq!(file.listed.due, None, "nothing awaited after the reply");
    step(&mut w, "ask_review", &[("on", "2026-11-21")]).expect("asked");
    // A day left empty is today (the clock's 11-27).
    let file = step(&mut w, "answer_review", &[]).expect("answered");
    assert_eq!(
        file.listed.petition.review_replied_on,
        Some(d("2026-11-27"))
    );
    let log: Vec<(String, String, String)> = file
        .log
        .iter()
        .map(|s| (s.step.clone(), s.by_user.clone(), s.note.clone()))
        .collect();
    assert_eq!(
        log,
        vec![
            ("register".into(), "信访办".into(), "来访 执行".into()),
            (
                "accept".into(),
                "信访办".into(),
                "2026-11-05 甄别为访".into()
            ),
            ("extend".into(), "信访办".into(), "延长办理期限30日".into()),
            ("reply".into(), "信访办".into(), "2026-11-20 解释".into()),
            ("ask_review".into(), "信访办".into(), "2026-11-21".into()),
            ("answer_review".into(), "信访办".into(), "2026-11-27".into()),
        ]
    );
    // The second petition is the same matter? No: another person, no case.
    assert!(file.matter.is_empty());
    assert_eq!(
        audited(&mut w),
        vec![
            format!("petition.register #{first} 湘1402 2026信0001"),
            format!("petition.register #{second} 湘1402 2026信0002"),
            format!("petition.accept #{first} 湘1402 2026信0001"),
            format!("petition.extend #{first} 湘1402 2026信0001"),
            format!("petition.reply #{first} 湘1402 2026信0001"),
            format!("petition.ask_review #{first} 湘1402 2026信0001"),
            format!("petition.answer_review #{first} 湘1402 2026信0001"),
        ]
    );
    // The number is nowhere in the store's file.
    drop(w.store);
    let bytes = std::fs::read(&w.db).expect("the file");
    let digits = &NUMBER.as_bytes()[6..14];
    assert!(
        !bytes.windows(digits.len()).any(|win| win == digits),
        "the birth date of the number is in the store"
    );
}

#[test]
fn steps_out_of_place_wrong_fields_and_other_users_are_refused_and_nothing_is_written() {
    let mut w = world("petition-refusals");
    let office = w.office.clone();
    let id = w
        .app
        .register_petition(&mut w.store, &office, &visit("王某", NUMBER, CASE))
        .expect("registered");
    let before = w.store.inner.petition(id).expect("read");
    let mut try_step = |user: &User, name: &str, pairs: &[(&str, &str)]| {
        w.app
            .petition_step_named(&mut w.store, user, id, name, &fields(pairs))
            .expect_err("refused")
    };
    let cases: Vec<(AppError, &str)> = vec![
        (try_step(&office, "reply", &[("outcome", "解释")]), "已受理"),
        (
            try_step(&office, "accept", &[("screening", "听证")]),
            "screening",
        ),
        (try_step(&office, "accept", &[("screening", "诉")]), "route"),
        (
            try_step(
                &office,
                "accept",
                &[("on", "2026-11-28"), ("screening", "访")],
            ),
            "accepted_on",
        ),
        (
            try_step(
                &office,
                "accept",
                &[("on", "2026-10-01"), ("screening", "访")],
            ),
            "accepted_on",
        ),
        (
            try_step(&office, "accept", &[("on", "11月"), ("screening", "访")]),
            "on",
        ),
        (try_step(&office, "approve", &[]), "approve"),
        (try_step(&office, "end", &[("by", "")]), "by"),
        (
            try_step(&office, "resolve", &[("how", &"长".repeat(2001))]),
            "how",
        ),
    ];
    for (error, what) in &cases {
        let text = error.to_string();
        assert!(text.contains(what), "{what}: {text}");
    }
    // The judge of the case sees it but does not keep the register; another court's office
    // does not see it at all.
    let judge = w.judge.clone();
    let other = w.other_office.clone();
    assert!(w.app.petition_file(&mut w.store, &judge, id).is_ok());
    assert!(matches!(
        w.app.petition_file(&mut w.store, &judge, id).map(|f| f.steps),
        Ok(steps) if steps.is_empty()
    ));
    let mut try_step = |user: &User| {
        w.app
            .petition_step_named(
                &mut w.store,
                user,
                id,
                "accept",
                &fields(&[("screening", "访")]),
            )
            .expect_err("refused")
    };
    assert!(matches!(try_step(&judge), AppError::Forbidden(_)));
    assert!(matches!(try_step(&other), AppError::NotFound(_)));
    assert_eq!(
        w.store.inner.petition(id).expect("read"),
        before,
        "nothing written"
    );
    assert_eq!(w.store.inner.petition_steps(id).expect("log").len(), 1);
    // The intermediate court's office keeps the register of the courts below it.
    let city = w.city.clone();
    w.app
        .petition_step_named(
            &mut w.store,
            &city,
            id,
            "accept",
            &fields(&[("screening", "访")]),
        )
        .expect("the city office accepts it");

    // Registration: a bad number, a list of numbers that does not match, a court of nowhere,
    // another court's office, a register number taken.
    let refused = |w: &mut World, user: &User, new: NewPetition| {
        w.app
            .register_petition(&mut w.store, user, &new)
            .expect_err("refused")
            .to_string()
    };
    let bad_number = refused(&mut w, &office, visit("王某", "430102198001011090", ""));
    assert!(
        bad_number.contains("id_numbers") && !bad_number.contains("430102"),
        "{bad_number}"
    );
    let uneven = refused(&mut w, &office, visit("王某、李某", NUMBER, ""));
    assert!(uneven.contains("id_numbers"), "{uneven}");
    let nowhere = refused(
        &mut w,
        &office,
        NewPetition {
            court: "湘99".into(),
            ..visit("王某", "", "")
        },
    );
    assert!(nowhere.contains("湘99"), "{nowhere}");
    let other_court = refused(
        &mut w,
        &office,
        NewPetition {
            court: "湘1403".into(),
            ..visit("王某", "", "")
        },
    );
    assert!(other_court.contains("湘1403"), "{other_court}");
    let no_referrer = refused(
        &mut w,
        &office,
        NewPetition {
            channel: "上级交办".into(),
            ..visit("王某", "", "")
        },
    );
    assert!(no_referrer.contains("referrer"), "{no_referrer}");
    let script = refused(&mut w, &office, visit("王\u{7}某", "", ""));
    assert!(script.contains("petitioners"), "{script}");
    let taken = refused(
        &mut w,
        &office,
        NewPetition {
            register_no: "2026信0001".into(),
            ..visit("王某", "", "")
        },
    );
    assert!(taken.contains("2026信0001"), "{taken}");
    assert_eq!(
        w.store
            .inner
            .petitions(&shenguan_store::PetitionQuery::default())
            .expect("read")
            .len(),
        1,
        "no petition added"
    );
}

#[test]
fn a_petitioners_history_joins_two_spellings_of_one_number_and_the_cases_of_the_same_person() {
    let mut w = world("petitioner-history");
    let office = w.office.clone();
    let first = w
        .app
        .register_petition(&mut w.store, &office, &visit("王某", NUMBER, CASE))
        .expect("registered");
    let second = w
        .app
        .register_petition(
            &mut w.store,
            &office,
            &NewPetition {
                received_on: Some(d("2026-11-20")),
                ..visit("王某", "430102 19800101109x", CASE)
            },
        )
        .expect("registered");
    let file = w
        .app
        .petition_file(&mut w.store, &office, first)
        .expect("file");
    let key = file.listed.petition.petitioners[0]
        .identity
        .clone()
        .expect("a key");
    let history = w
        .app
        .petitioner_history(&mut w.store, &office, key.as_str())
        .expect("the history");
    let ids: Vec<i64> = history.petitions.iter().map(|p| p.id).collect();
    assert_eq!(ids, vec![first, second]);
    assert!(history.petitions[1].repeat, "the second repeats the first");
    assert_eq!(history.name, "王某");
    assert_eq!(history.masked.as_deref(), Some("4301**********109X"));
    let cases: Vec<String> = history
        .cases
        .iter()
        .map(|c| c.case_no.to_string())
        .collect();
    assert_eq!(cases, vec![CASE.to_string()]);
    // Their application for judicial assistance joins the history, by the same key.
    let assistance = shenguan_domain::assistance::Assistance {
        case_no: CaseNumber::parse("（2026）湘1402司救执1号", 2026).expect("a number"),
        court: CourtCode::parse("湘1402").expect("court"),
        applicant: "王某".into(),
        identity: Some(key.clone()),
        masked: None,
        applied_on: d("2026-11-21"),
        origin_cases: Vec::new(),
        decided_on: None,
        decision: None,
        amount: None,
        over_cap_reason: None,
        paid_on: None,
    };
    w.store
        .inner
        .write_import_all(
            &[],
            &[],
            &mut || None,
            &shenguan_store::RecordsWrite {
                assistance: vec![assistance.clone()],
                ..Default::default()
            },
            &mut |_| {},
        )
        .expect("written");
    let history = w
        .app
        .petitioner_history(&mut w.store, &office, key.as_str())
        .expect("the history");
    assert_eq!(history.assistance, vec![assistance]);
    // A judge of the court reads the petitions about their cases, not the assistance register.
    let judge = w.judge.clone();
    let seen = w
        .app
        .petitioner_history(&mut w.store, &judge, key.as_str())
        .expect("the judge's case");
    assert!(seen.assistance.is_empty());
    // The case page's list: the petitions about the case.
    let about = w
        .app
        .petitions_about_case(&mut w.store, &office, CASE)
        .expect("about");
    assert_eq!(
        about.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![first, second]
    );
    // Another court's office finds no one; a key that is not one is no one.
    let other = w.other_office.clone();
    assert!(matches!(
        w.app.petitioner_history(&mut w.store, &other, key.as_str()),
        Err(AppError::NotFound(_))
    ));
    assert!(matches!(
        w.app.petitioner_history(&mut w.store, &office, "<script>"),
        Err(AppError::NotFound(_))
    ));
}
