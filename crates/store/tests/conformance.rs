//! One story of the store's behaviour, run against SQLite always and against PostgreSQL when
//! `SHENGUAN_TEST_PG` names a server (e.g. `postgres://shenguan:shenguan@localhost/shenguan_test`).
//! Each PostgreSQL run works in a schema of its own, dropped afterwards
//! (`shenguan_testkit::store`).

use std::borrow::Cow;

use chrono::NaiveDate;
use shenguan_domain::{
    Approver, CaseNumber, CaseParties, CaseRecord, ClosingMethod, Court, CourtCode, CourtScope,
    EventKind, EventRecord, Exclusion, ExclusionGround, Extension, IdNumber, Money, Party,
    PartyKind, PartyRole, Payment, PaymentKind, Period, Procedure, Staff, StaffId, StaffRole,
    Stage,
};
use shenguan_store::{Batch, CasePage, CaseQuery, Store, StoreUrl, TokenRow, UserRow, WriteStats};
use shenguan_testkit::StorePlace;
use shenguan_testkit::skip::current_test;

/// Where the story runs: a SQLite file always, a schema of its own on the PostgreSQL server
/// when the tests were given one (else a line in the skip ledger, or a failure when the run
/// requires PostgreSQL). Both are removed when dropped.
fn places(label: &str) -> Vec<StorePlace> {
    StorePlace::both(&format!("store_{label}"), &current_test())
}

/// Opens the store at `place`, applying the migrations.
fn open(place: &StorePlace) -> Store {
    let url = StoreUrl::parse(&place.url()).expect("a store URL");
    Store::open(&url).unwrap_or_else(|e| panic!("{}: {e}", place.backend()))
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn number(text: &str) -> CaseNumber {
    CaseNumber::parse(text, 2026).expect("case number")
}

fn case(no: &str, filed: &str, closed: Option<&str>) -> CaseRecord {
    let case_no = number(no);
    CaseRecord {
        court: case_no.court().expect("court"),
        case_no,
        court_name: Some("南京市玄武区人民法院".into()),
        procedure: Some(Procedure::Simple),
        cause: Some("民间借贷纠纷".into()),
        division: Some("民一庭".into()),
        judge: Some("张三".into()),
        judge_id: Some(StaffId::parse("0231").expect("a staff number")),
        filed_on: date(filed),
        closed_on: closed.map(date),
        closing_method: closed.and(ClosingMethod::parse("调解")),
        claim_amount: Some(Money::from_fen(12_345_600)),
        recovered_amount: None,
        extensions: vec![
            Extension {
                length: Period::Months(6),
                approved_on: Some(date("2024-08-20")),
                approver: Some(Approver::President),
                reason: Some("案情复杂".into()),
            },
            Extension::of(Period::Days(30)),
        ],
        exclusions: vec![
            Exclusion {
                ground: ExclusionGround::Notice,
                from: Some(date("2024-04-01")),
                days: 60,
            },
            Exclusion::total(3),
        ],
        origin_case_no: None,
    }
}

fn event(no: &str, day: &str, kind: &str, detail: &str) -> EventRecord {
    EventRecord {
        case_no: number(no),
        date: date(day),
        kind: EventKind::parse(kind).expect("an event kind"),
        detail: detail.into(),
    }
}

fn everything(store: &mut Store) -> Vec<CaseRecord> {
    store.cases(&CaseQuery::default()).expect("read cases")
}

#[test]
fn the_store_story() {
    for place in places("story") {
        let backend = place.backend();
        let mut store = open(&place);
        assert_eq!(store.backend_name(), backend);
        // A SQLite store this program creates is its owner's alone: it holds court data.
        #[cfg(unix)]
        if let StorePlace::Sqlite { path, .. } = &place {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path)
                .expect("the file")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        }
        assert_eq!(store.count_cases().expect("count"), 0, "{backend}");

        // A first import adds every case and event, in one go.
        let mut first = vec![
            case("（2024）苏0102民初2号", "2024-03-05", Some("2024-05-20")),
            case("（2024）苏0102民初10号", "2024-03-06", None),
            case("（2023）苏01民终7号", "2023-11-30", Some("2024-02-01")),
        ];
        first[2].procedure = None;
        first[2].closing_method = ClosingMethod::parse("发回重审");
        first[2].origin_case_no = Some(number("（2023）苏0102民初1号"));
        first[2].claim_amount = None;
        let events = vec![
            event("（2024）苏0102民初2号", "2024-03-05", "立案", ""),
            event(
                "（2024）苏0102民初2号",
                "2024-04-01",
                "开庭",
                "第一法庭\t上午",
            ),
        ];
        let mut reports = Vec::new();
        let stats = store
            .write_import(&first, &events, &mut |n| reports.push(n))
            .expect("first import");
        assert_eq!(
            stats,
            WriteStats {
                added: 3,
                updated: 0,
                unchanged: 0,
                events_added: 2,
                ..WriteStats::default()
            },
            "{backend}"
        );
        assert_eq!(reports.last(), Some(&5), "{backend}");

        // Everything reads back exactly, ordered by case number (code-point order).
        let mut expected = first.clone();
        expected.sort_by_key(|c| c.case_no.to_string());
        assert_eq!(everything(&mut store), expected, "{backend}");
        let read_events = store.events(&CaseQuery::default()).expect("events");
        assert_eq!(read_events, events, "{backend}");

        // The same import again changes nothing and duplicates nothing.
        let stats = store
            .write_import(&first, &events, &mut |_| {})
            .expect("again");
        assert_eq!(
            stats,
            WriteStats {
                added: 0,
                updated: 0,
                unchanged: 3,
                events_added: 0,
                ..WriteStats::default()
            },
            "{backend}"
        );
        assert_eq!(store.count_cases().expect("count"), 3, "{backend}");
        assert_eq!(store.count_events().expect("count"), 2, "{backend}");

        // An updated export: one case closed since, one new case.
        let mut second = first.clone();
        second[1].closed_on = Some(date("2024-06-30"));
        second[1].closing_method = ClosingMethod::parse("判决");
        second.push(case("（2024）苏0104民初1号", "2024-01-02", None));
        let stats = store
            .write_import(&second, &[], &mut |_| {})
            .expect("update");
        assert_eq!(
            stats,
            WriteStats {
                added: 1,
                updated: 1,
                unchanged: 2,
                events_added: 0,
                ..WriteStats::default()
            },
            "{backend}"
        );
        let mut expected = second.clone();
        expected.sort_by_key(|c| c.case_no.to_string());
        assert_eq!(everything(&mut store), expected, "{backend}");

        // Filters: a court and the courts below it; cases active in a period.
        let court = |code: &str| {
            Some(CourtScope::with_lower(
                CourtCode::parse(code).expect("court"),
            ))
        };
        let of = |store: &mut Store, query: CaseQuery| -> Vec<String> {
            store
                .cases(&query)
                .expect("query")
                .iter()
                .map(|c| c.case_no.to_string())
                .collect()
        };
        assert_eq!(
            of(
                &mut store,
                CaseQuery {
                    court: court("苏0104"),
                    ..CaseQuery::default()
                }
            ),
            ["（2024）苏0104民初1号"],
            "{backend}"
        );
        assert_eq!(
            of(
                &mut store,
                CaseQuery {
                    court: court("苏01"),
                    ..CaseQuery::default()
                }
            )
            .len(),
            4,
            "{backend}"
        );
        // The intermediate court alone: its own appeal, none of the courts below.
        assert_eq!(
            of(
                &mut store,
                CaseQuery {
                    court: court("苏01").map(|s| CourtScope::alone(s.court)),
                    ..CaseQuery::default()
                }
            ),
            ["（2023）苏01民终7号"],
            "{backend}"
        );
        // Active in 2024-06-01..2024-12-31: filed by the end, not closed before the start.
        let active = of(
            &mut store,
            CaseQuery {
                court: None,
                from: Some(date("2024-06-01")),
                to: Some(date("2024-12-31")),
            },
        );
        assert_eq!(
            active,
            ["（2024）苏0102民初10号", "（2024）苏0104民初1号"],
            "{backend}"
        );
        let events_of_court = store
            .events(&CaseQuery {
                court: court("苏0104"),
                ..CaseQuery::default()
            })
            .expect("events");
        assert!(events_of_court.is_empty(), "{backend}");

        let existing = store
            .existing_cases(&[
                "（2024）苏0104民初1号".to_string(),
                "（2024）苏0104民初9号".to_string(),
            ])
            .expect("existing");
        assert_eq!(existing.len(), 1, "{backend}");
        assert!(existing.contains("（2024）苏0104民初1号"), "{backend}");

        // Reopening applies no migration twice and finds the data.
        drop(store);
        let mut store = open(&place);
        assert_eq!(store.count_cases().expect("count"), 4, "{backend}");
    }
}

#[test]
fn the_court_list_is_written_replaced_and_read_back_in_code_order() {
    let court = |code: &str, name: &str, parent: Option<&str>| Court {
        code: CourtCode::parse(code).expect("code"),
        name: name.to_string(),
        short_name: name.strip_suffix("人民法院").map(|s| format!("{s}法院")),
        parent: parent.map(|p| CourtCode::parse(p).expect("parent")),
    };
    for place in places("courts") {
        let backend = place.backend();
        let mut store = open(&place);
        assert_eq!(store.courts().expect("read"), vec![], "{backend}");
        let first = vec![
            court("苏0102", "南京市玄武区人民法院", Some("苏01")),
            court("苏01", "南京市中级人民法院", Some("苏")),
        ];
        assert_eq!(store.write_courts(&first).expect("write"), 2, "{backend}");
        // A renamed court replaces its row; a new one is added.
        let second = vec![
            court("苏01", "江苏省南京市中级人民法院", Some("苏")),
            court("苏0104", "南京市秦淮区人民法院", None),
        ];
        store.write_courts(&second).expect("write again");
        let names: Vec<(String, String, Option<String>)> = store
            .courts()
            .expect("read")
            .into_iter()
            .map(|c| (c.code.to_string(), c.name, c.parent.map(|p| p.to_string())))
            .collect();
        let expected = [
            ("苏01", "江苏省南京市中级人民法院", Some("苏")),
            ("苏0102", "南京市玄武区人民法院", Some("苏01")),
            ("苏0104", "南京市秦淮区人民法院", None),
        ];
        let expected: Vec<(String, String, Option<String>)> = expected
            .iter()
            .map(|(c, n, p)| (c.to_string(), n.to_string(), p.map(str::to_string)))
            .collect();
        assert_eq!(names, expected, "{backend}");
    }
}

#[test]
fn one_case_is_read_with_its_events() {
    for place in places("one_case") {
        let backend = place.backend();
        let mut store = open(&place);
        let cases = vec![
            case("（2024）苏0102民初1号", "2024-03-05", Some("2024-04-01")),
            case("（2024）苏0102民初2号", "2024-03-06", None),
        ];
        let events = vec![
            event("（2024）苏0102民初1号", "2024-04-01", "结案", "调解"),
            event("（2024）苏0102民初1号", "2024-03-05", "立案", ""),
            event("（2024）苏0102民初2号", "2024-03-06", "立案", ""),
        ];
        store
            .write_import(&cases, &events, &mut |_| {})
            .expect("write");
        let (record, timeline) = store
            .case("（2024）苏0102民初1号")
            .expect("read")
            .expect("the case");
        assert_eq!(record, cases[0], "{backend}");
        let kinds: Vec<&str> = timeline.iter().map(|e| e.kind.label_zh()).collect();
        assert_eq!(kinds, ["立案", "结案"], "{backend}");
        assert_eq!(
            store.case("（2024）苏0102民初9号").expect("read"),
            None,
            "{backend}"
        );

        // Looked up among many numbers (more than one lookup's worth), the stored ones come back
        // whole and once each; the rest are not there.
        let mut asked: Vec<String> = (100..1_300)
            .map(|n| format!("（2024）苏0102民初{n}号"))
            .collect();
        asked.insert(700, "（2024）苏0102民初2号".into());
        asked.push("（2024）苏0102民初1号".into());
        let mut found = store.cases_by_numbers(&asked).expect("lookup");
        found.sort_by_key(|c| c.case_no.to_string());
        assert_eq!(found, cases, "{backend}");
        assert!(store.cases_by_numbers(&[]).expect("none").is_empty());
    }
}

#[test]
fn accounts_tokens_and_the_audit_log() {
    for place in places("accounts") {
        let backend = place.backend();
        let mut store = open(&place);
        let judge = UserRow {
            name: "王伟".into(),
            role: "judge".into(),
            court_code: Some("湘1402".into()),
            division: Some("民事审判第一庭".into()),
            staff_id: Some("1402017".into()),
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
            created_at: "2026-11-27T09:00:00+08:00".into(),
            disabled_at: None,
        };
        store.put_user(&judge).expect("add");
        assert_eq!(
            store.user("王伟").expect("read"),
            Some(judge.clone()),
            "{backend}"
        );
        assert_eq!(store.user("无此人").expect("read"), None, "{backend}");
        // Adding again replaces the role and scope.
        let moved = UserRow {
            role: "division".into(),
            ..judge.clone()
        };
        store.put_user(&moved).expect("replace");
        assert_eq!(
            store.users().expect("users"),
            vec![moved.clone()],
            "{backend}"
        );
        // Adding a disabled account again leaves it disabled; a new password hash changes the
        // hash alone.
        let at = "2026-11-28T09:00:00+08:00";
        assert!(store.set_user_disabled("王伟", Some(at)).expect("disable"));
        store.put_user(&moved).expect("again");
        assert!(
            store
                .set_password_hash("王伟", "$argon2id$other")
                .expect("hash")
        );
        assert!(!store.set_password_hash("无此人", "x").expect("nobody"));
        assert_eq!(
            store.user("王伟").expect("read"),
            Some(UserRow {
                password_hash: "$argon2id$other".into(),
                disabled_at: Some(at.into()),
                ..moved.clone()
            }),
            "{backend}"
        );
        store.set_user_disabled("王伟", None).expect("enable");
        store.put_user(&moved).expect("the hash back");
        let made = |expires_on: Option<&str>| TokenRow {
            created_at: "2026-11-27T09:01:00+08:00".into(),
            expires_on: expires_on.map(str::to_string),
        };
        store
            .add_token("ab12", "王伟", &made(Some("2027-02-25")))
            .expect("token");
        store.add_token("ab13", "王伟", &made(None)).expect("token");
        assert_eq!(
            store.user_by_token("ab12").expect("by token"),
            Some((moved.clone(), made(Some("2027-02-25")))),
            "{backend}"
        );
        assert_eq!(
            store.user_by_token("ab13").expect("by token"),
            Some((moved.clone(), made(None))),
            "{backend}"
        );
        assert_eq!(
            store.user_by_token("ffff").expect("by token"),
            None,
            "{backend}"
        );
        // A token for nobody is refused by the foreign key.
        assert!(
            store.add_token("cd34", "无此人", &made(None)).is_err(),
            "{backend}"
        );
        assert_eq!(
            store.token_counts().expect("counts"),
            vec![("王伟".to_string(), 2)],
            "{backend}"
        );
        // Disabling is kept with the account and undone by putting it back in use.
        assert!(
            store
                .set_user_disabled("王伟", Some("2026-11-27T09:02:00+08:00"))
                .expect("disable")
        );
        assert!(!store.set_user_disabled("无此人", None).expect("nobody"));
        let disabled = store.user("王伟").expect("read").expect("the account");
        assert_eq!(
            disabled.disabled_at.as_deref(),
            Some("2026-11-27T09:02:00+08:00"),
            "{backend}"
        );
        assert!(store.set_user_disabled("王伟", None).expect("enable"));
        assert_eq!(
            store.user("王伟").expect("read"),
            Some(moved.clone()),
            "{backend}"
        );
        // Revoking removes every token of the account, and says how many.
        assert_eq!(store.revoke_tokens("王伟").expect("revoke"), 2, "{backend}");
        assert_eq!(store.user_by_token("ab12").expect("by token"), None);
        assert!(store.token_counts().expect("counts").is_empty());
        store
            .audit(
                "2026-11-27T09:03:00+08:00",
                Some("王伟"),
                "case.view",
                "（2024）湘1402民初1号",
            )
            .expect("audit");
        store
            .audit("2026-11-27T09:04:00+08:00", None, "login.failed", "admin")
            .expect("audit");
        let entries = store.audit_entries(10).expect("entries");
        let seen: Vec<(Option<&str>, &str, &str)> = entries
            .iter()
            .map(|e| (e.user.as_deref(), e.action.as_str(), e.detail.as_str()))
            .collect();
        assert_eq!(
            seen,
            [
                (None, "login.failed", "admin"),
                (Some("王伟"), "case.view", "（2024）湘1402民初1号")
            ],
            "{backend}"
        );
        assert_eq!(
            store.audit_entries(1).expect("entries").len(),
            1,
            "{backend}"
        );
    }
}

#[test]
fn a_failing_import_leaves_the_store_as_it_was() {
    for place in places("atomic") {
        let backend = place.backend();
        let mut store = open(&place);
        let base = vec![case("（2024）苏0102民初1号", "2024-03-05", None)];
        store.write_import(&base, &[], &mut |_| {}).expect("base");
        let before = everything(&mut store);

        // The cases are fine, but an event names a case the store does not hold: the foreign key
        // fails at the end, after every case row was written inside the transaction.
        let mut changed = base.clone();
        changed[0].closed_on = Some(date("2024-04-01"));
        changed[0].closing_method = ClosingMethod::parse("撤诉");
        changed.push(case("（2024）苏0102民初2号", "2024-03-06", None));
        let orphan = vec![event("（2024）苏0102民初99号", "2024-03-07", "立案", "")];
        let result = store.write_import(&changed, &orphan, &mut |_| {});
        assert!(result.is_err(), "{backend}: an orphan event must fail");
        assert_eq!(everything(&mut store), before, "{backend}");
        assert_eq!(store.count_events().expect("count"), 0, "{backend}");
    }
}

#[test]
fn the_staff_list_is_written_with_the_import_all_or_nothing() {
    let person = |id: &str, name: &str, court: &str| Staff {
        id: StaffId::parse(id).expect("a staff number"),
        name: name.into(),
        court: CourtCode::parse(court).expect("court"),
        division: Some("民事审判第一庭".into()),
        role: Some(StaffRole::QuotaJudge),
        active_from: Some(date("2020-01-06")),
        active_to: None,
    };
    for place in places("staff") {
        let backend = place.backend();
        let mut store = open(&place);
        let staff = vec![
            person("0544", "吴刚", "苏0104"),
            person("0231", "吴刚", "苏0102"),
        ];
        let cases = [case("（2024）苏0102民初1号", "2024-03-05", None)];
        let stats = store
            .write_import_with_staff(&staff, &cases, &[], &mut |_| {})
            .expect("write");
        assert_eq!(stats.staff_written, 2, "{backend}");
        let read = store.staff().expect("read");
        assert_eq!(
            read.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
            ["0231", "0544"],
            "{backend}: in staff-number order"
        );
        assert_eq!(read[0], staff[1], "{backend}");
        // A later list replaces what it says of a person; a failing import writes no one.
        let mut moved = person("0544", "吴刚", "苏0104");
        moved.role = Some(StaffRole::DivisionHead);
        moved.active_to = Some(date("2026-06-30"));
        let orphan = [event("（2024）苏0102民初99号", "2024-03-07", "立案", "")];
        let failed = store.write_import_with_staff(
            &[moved.clone(), person("0999", "新人", "苏0102")],
            &[],
            &orphan,
            &mut |_| {},
        );
        assert!(failed.is_err(), "{backend}");
        assert_eq!(store.staff().expect("read"), read, "{backend}");
        store
            .write_import_with_staff(&[moved.clone()], &[], &[], &mut |_| {})
            .expect("write");
        assert_eq!(store.staff().expect("read")[1], moved, "{backend}");
    }
}

#[test]
fn parties_replace_a_cases_own_and_payments_are_added_once() {
    let secret = b"network secret";
    let person = |role: PartyRole, name: &str, id: &str| Party {
        role,
        kind: Some(PartyKind::NaturalPerson),
        name: name.into(),
        identity: Some(IdNumber::parse(id).expect("an id").key(secret)),
        id_masked: Some(IdNumber::parse(id).expect("an id").masked()),
        agent: None,
        address: Some("清河市清河区河西路1号".into()),
    };
    let bank = Party {
        role: PartyRole::Plaintiff,
        kind: Some(PartyKind::LegalPerson),
        name: "清河农村商业银行".into(),
        identity: Some(
            IdNumber::parse("91431400MA4L2B3C4D")
                .expect("a code")
                .key(secret),
        ),
        id_masked: None,
        agent: Some("李律师".into()),
        address: None,
    };
    let payment = |no: &str, day: &str, kind: PaymentKind, fen: i64| Payment {
        case_no: number(no),
        date: date(day),
        kind,
        amount: Money::from_fen(fen),
        note: String::new(),
    };
    for place in places("parties") {
        let backend = place.backend();
        let mut store = open(&place);
        let cases = [
            case("（2024）苏0102民初1号", "2024-03-05", None),
            case("（2024）苏0102民初2号", "2024-03-06", None),
            case("（2024）苏0102执3号", "2024-03-07", None),
        ];
        let parties = [
            CaseParties {
                case_no: number("（2024）苏0102民初1号"),
                parties: vec![
                    bank.clone(),
                    person(PartyRole::Defendant, "张三", "11010519491231002X"),
                ],
            },
            CaseParties {
                case_no: number("（2024）苏0102民初2号"),
                parties: vec![
                    bank.clone(),
                    person(PartyRole::Defendant, "李四", "110105194912310038"),
                ],
            },
        ];
        let payments = [
            payment(
                "（2024）苏0102执3号",
                "2024-04-01",
                PaymentKind::Received,
                100_000,
            ),
            payment(
                "（2024）苏0102执3号",
                "2024-04-20",
                PaymentKind::Disbursed,
                100_000,
            ),
        ];
        let mut once = Some(Batch {
            cases: Cow::Borrowed(&cases[..]),
            parties: Cow::Borrowed(&parties[..]),
            payments: Cow::Borrowed(&payments[..]),
            ..Batch::default()
        });
        let stats = store
            .write_import_batches(&[], &mut || once.take(), &mut |_| {})
            .expect("write");
        assert_eq!(
            (stats.parties_written, stats.payments_added),
            (4, 2),
            "{backend}"
        );
        assert_eq!(
            store.parties("（2024）苏0102民初1号").expect("read"),
            parties[0].parties,
            "{backend}"
        );
        assert_eq!(
            store.payments("（2024）苏0102执3号").expect("read"),
            payments,
            "{backend}"
        );
        // The bank's cases, by its key (a petitioner's history asks so).
        assert_eq!(
            store
                .cases_of_identity(bank.identity.as_ref().expect("a key"))
                .expect("read"),
            vec![
                "（2024）苏0102民初1号".to_string(),
                "（2024）苏0102民初2号".to_string()
            ],
            "{backend}"
        );
        // The bank is in two cases; nobody else is.
        let repeat = store.repeat_identities(2).expect("repeat");
        assert_eq!(repeat.len(), 1, "{backend}");
        assert_eq!(
            (repeat[0].1.as_str(), repeat[0].2),
            ("清河农村商业银行", 2),
            "{backend}"
        );
        // A later file's parties of a case replace those stored; the same payment is not added
        // twice; a failing import writes none of it.
        let replaced = [CaseParties {
            case_no: number("（2024）苏0102民初1号"),
            parties: vec![person(PartyRole::Defendant, "张三", "11010519491231002X")],
        }];
        let orphan = [event("（2024）苏0102民初99号", "2024-03-07", "立案", "")];
        let mut failing = Some(Batch {
            events: Cow::Borrowed(&orphan[..]),
            parties: Cow::Borrowed(&replaced[..]),
            ..Batch::default()
        });
        assert!(
            store
                .write_import_batches(&[], &mut || failing.take(), &mut |_| {})
                .is_err(),
            "{backend}"
        );
        assert_eq!(
            store.parties("（2024）苏0102民初1号").expect("read").len(),
            2,
            "{backend}"
        );
        let mut again = Some(Batch {
            parties: Cow::Borrowed(&replaced[..]),
            payments: Cow::Borrowed(&payments[..1]),
            ..Batch::default()
        });
        let stats = store
            .write_import_batches(&[], &mut || again.take(), &mut |_| {})
            .expect("write");
        assert_eq!(
            (stats.parties_written, stats.payments_added),
            (1, 0),
            "{backend}"
        );
        assert_eq!(
            store.parties("（2024）苏0102民初1号").expect("read"),
            replaced[0].parties,
            "{backend}"
        );
        assert!(
            store.repeat_identities(2).expect("repeat").is_empty(),
            "{backend}"
        );
        let all = store.parties_of(&CaseQuery::default()).expect("all");
        assert_eq!(all.len(), 2, "{backend}");
        assert_eq!(
            store.payments_of(&CaseQuery::default()).expect("all").len(),
            2
        );
    }
}

#[test]
fn batches_are_one_import_all_or_nothing() {
    for place in places("batches") {
        let backend = place.backend();
        let mut store = open(&place);
        let first = [case("（2024）苏0102民初1号", "2024-03-05", None)];
        let first_events = [event("（2024）苏0102民初1号", "2024-03-05", "立案", "")];
        let second = [case("（2024）苏0102民初2号", "2024-03-06", None)];
        let orphan = [event("（2024）苏0102民初99号", "2024-03-07", "立案", "")];
        // A later batch fails: the earlier one is not kept either.
        let mut batches = vec![
            Batch::of(&second, &orphan),
            Batch::of(&first, &first_events),
        ];
        let failed = store.write_import_batches(&[], &mut || batches.pop(), &mut |_| {});
        assert!(failed.is_err(), "{backend}");
        assert!(everything(&mut store).is_empty(), "{backend}");
        assert_eq!(store.count_events().expect("count"), 0, "{backend}");
        // Both good: the counts add up over the batches.
        let mut batches = vec![Batch::of(&second, &[]), Batch::of(&first, &first_events)];
        let stats = store
            .write_import_batches(&[], &mut || batches.pop(), &mut |_| {})
            .expect("write");
        assert_eq!(
            (
                stats.added,
                stats.updated,
                stats.unchanged,
                stats.events_added
            ),
            (2, 0, 0, 1),
            "{backend}"
        );
        assert_eq!(everything(&mut store).len(), 2, "{backend}");
    }
}

#[test]
fn a_page_of_cases_is_counted_and_sliced_in_case_number_order() {
    for place in places("page") {
        let backend = place.backend();
        let mut store = open(&place);
        let mut cases: Vec<CaseRecord> = (1..=12)
            .map(|i| {
                let mut c = case(&format!("（2024）苏0102民初{i}号"), "2024-03-05", None);
                if i % 3 == 0 {
                    c.judge = Some("李四".into());
                    c.judge_id = Some(StaffId::parse("0544").expect("a staff number"));
                }
                // A namesake known only by name (a case from a system without staff numbers).
                if i == 1 {
                    c.judge = Some("李四".into());
                    c.judge_id = None;
                }
                c
            })
            .collect();
        cases.push(case("（2024）苏0104民初1号", "2024-03-05", None));
        store.write_import(&cases, &[], &mut |_| {}).expect("write");
        let court = CaseQuery {
            court: Some(CourtScope::alone(
                CourtCode::parse("苏0102").expect("court"),
            )),
            ..CaseQuery::default()
        };
        let page = |offset, limit, judge: Option<&str>| CasePage {
            division: None,
            judge: judge.map(str::to_string),
            offset,
            limit,
        };
        let (total, first) = store.case_page(&court, &page(0, 5, None)).expect("page");
        assert_eq!(total, 12, "{backend}");
        // Case-number order is text order: 1, 10, 11, 12, 2, …
        let numbers: Vec<String> = first.iter().map(|c| c.case_no.to_string()).collect();
        let mut expected: Vec<String> = cases[..12].iter().map(|c| c.case_no.to_string()).collect();
        expected.sort();
        assert_eq!(numbers, expected[..5], "{backend}");
        let (_, last) = store.case_page(&court, &page(10, 5, None)).expect("page");
        assert_eq!(last.len(), 2, "{backend}");
        let (total, judged) = store
            .case_page(&court, &page(0, 100, Some("李四")))
            .expect("page");
        // A name is a search: both people called 李四.
        assert_eq!(total, 5, "{backend}");
        assert!(
            judged.iter().all(|c| c.judge.as_deref() == Some("李四")),
            "{backend}"
        );
        // A staff number is one person; a court and a name, the cases with no number.
        let (total, _) = store
            .case_page(&court, &page(0, 100, Some("0544")))
            .expect("page");
        assert_eq!(total, 4, "{backend}");
        let (total, named) = store
            .case_page(&court, &page(0, 100, Some("苏0102:李四")))
            .expect("page");
        assert_eq!(total, 1, "{backend}");
        assert_eq!(named[0].judge_id, None, "{backend}");
        // The intermediate court takes in the courts below it; the period narrows as the list does.
        let city = CaseQuery {
            court: Some(CourtScope::with_lower(
                CourtCode::parse("苏01").expect("court"),
            )),
            from: Some(date("2024-03-01")),
            to: Some(date("2024-03-31")),
        };
        let (total, _) = store.case_page(&city, &page(0, 100, None)).expect("page");
        assert_eq!(total, 13, "{backend}");
        let before = CaseQuery {
            to: Some(date("2024-03-04")),
            ..city
        };
        let (total, none) = store.case_page(&before, &page(0, 100, None)).expect("page");
        assert_eq!((total, none.len()), (0, 0), "{backend}");
    }
}

#[test]
fn urls_choose_the_backend_and_hide_passwords() {
    assert_eq!(
        StoreUrl::parse("shenguan.db").ok(),
        Some(StoreUrl::Sqlite("shenguan.db".into()))
    );
    assert_eq!(
        StoreUrl::parse("sqlite:///var/lib/shenguan/a.db").ok(),
        Some(StoreUrl::Sqlite("/var/lib/shenguan/a.db".into()))
    );
    assert_eq!(
        StoreUrl::parse("sqlite:a.db").ok(),
        Some(StoreUrl::Sqlite("a.db".into()))
    );
    assert!(matches!(
        StoreUrl::parse("postgresql://u:p@h/db"),
        Ok(StoreUrl::Postgres(_))
    ));
    assert!(StoreUrl::parse("mysql://u:p@h/db").is_err());
    assert!(StoreUrl::parse("  ").is_err());
    let url = StoreUrl::parse("postgres://court:secret@db.intra/shenguan").expect("url");
    assert_eq!(format!("{url:?}"), "postgres://court:***@db.intra/shenguan");
}

#[test]
fn the_data_version_moves_with_every_change_and_only_then() {
    for place in places("data_version") {
        let backend = place.backend();
        let mut store = open(&place);
        let start = store.data_version().expect("version");
        let cases = vec![case("（2024）苏0102民初1号", "2024-03-05", None)];
        let events = vec![event("（2024）苏0102民初1号", "2024-03-05", "立案", "")];
        store
            .write_import(&cases, &events, &mut |_| {})
            .expect("write");
        let written = store.data_version().expect("version");
        assert!(written > start, "{backend}: an import that adds moves it");
        // Reading, and an import that changes nothing, leave it.
        store.cases(&CaseQuery::default()).expect("read");
        store
            .write_import(&cases, &events, &mut |_| {})
            .expect("again");
        assert_eq!(store.data_version().expect("version"), written, "{backend}");
        // A changed case moves it; so does a court list.
        let mut closed = cases.clone();
        closed[0].closed_on = Some(date("2024-04-01"));
        closed[0].closing_method = ClosingMethod::parse("调解");
        store
            .write_import(&closed, &[], &mut |_| {})
            .expect("update");
        let updated = store.data_version().expect("version");
        assert!(updated > written, "{backend}");
        let court = Court {
            code: CourtCode::parse("苏0102").expect("code"),
            name: "南京市玄武区人民法院".into(),
            short_name: None,
            parent: None,
        };
        store.write_courts(&[court]).expect("courts");
        assert!(
            store.data_version().expect("version") > updated,
            "{backend}"
        );
        // A failed import leaves it too (all or nothing).
        let before = store.data_version().expect("version");
        let orphan = vec![event("（2024）苏0102民初999号", "2024-03-05", "立案", "")];
        assert!(store.write_import(&[], &orphan, &mut |_| {}).is_err());
        assert_eq!(store.data_version().expect("version"), before, "{backend}");
    }
}

#[test]
fn the_whole_store_reads_as_a_stream_and_events_by_kind() {
    for place in places("stream") {
        let backend = place.backend();
        let mut store = open(&place);
        let cases = vec![
            case("（2024）苏0102民初10号", "2024-03-06", None),
            case("（2024）苏0102民初2号", "2024-03-05", Some("2024-05-20")),
        ];
        let events = vec![
            event("（2024）苏0102民初2号", "2024-03-05", "立案", ""),
            event("（2024）苏0102民初2号", "2024-04-01", "开庭", "第一次开庭"),
            event("（2024）苏0102民初10号", "2024-04-02", "上诉", ""),
        ];
        store
            .write_import(&cases, &events, &mut |_| {})
            .expect("write");
        let mut streamed = Vec::new();
        store
            .each_case(&mut |c| {
                streamed.push(c);
                Ok(())
            })
            .expect("stream");
        assert_eq!(
            streamed,
            everything(&mut store),
            "{backend}: the same, in number order"
        );
        // Those filed in a period, its days inclusive.
        let day = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("day");
        for ((from, to), expected) in [
            (("2024-03-06", "2024-12-31"), vec!["（2024）苏0102民初10号"]),
            (("2024-03-05", "2024-03-05"), vec!["（2024）苏0102民初2号"]),
            (
                ("2024-01-01", "2024-03-06"),
                vec!["（2024）苏0102民初10号", "（2024）苏0102民初2号"],
            ),
            (("2024-03-07", "2025-01-01"), vec![]),
        ] {
            let mut filed = Vec::new();
            store
                .each_case_filed((day(from), day(to)), Stage::FirstInstance, &mut |c| {
                    filed.push(c.case_no.to_string());
                    Ok(())
                })
                .expect("stream");
            assert_eq!(filed, expected, "{backend}: {from}..{to}");
        }
        let mut kinds = Vec::new();
        store
            .each_event_of(&[EventKind::Hearing, EventKind::Appealed], &mut |e| {
                kinds.push(e.kind);
                Ok(())
            })
            .expect("events");
        kinds.sort();
        assert_eq!(
            kinds,
            [EventKind::Appealed, EventKind::Hearing],
            "{backend}"
        );
    }
}

#[test]
fn supervision_items_are_opened_stepped_once_and_listed() {
    use shenguan_store::{SupervisionQuery, SupervisionRow, SupervisionStep};
    for place in places("supervision") {
        let backend = place.backend();
        let mut store = open(&place);
        let item = |case_no: &str, court: &str, answerer: &str, reason: &str| SupervisionRow {
            id: 0,
            case_no: case_no.into(),
            court_code: court.into(),
            division: Some("民一庭".into()),
            reason: reason.into(),
            instructions: "请说明超审限原因".into(),
            opened_by: "审管办".into(),
            opened_on: date("2026-11-02"),
            answerer: answerer.into(),
            due_on: date("2026-11-09"),
            state: "awaiting_reply".into(),
            level: 0,
            replied_on: None,
            replied_in_time: None,
            closed_on: None,
        };
        let ids = store
            .open_supervision(
                &[
                    item("（2026）湘1402民初1号", "湘1402", "王伟", "over_time_limit"),
                    item("（2026）湘1403民初2号", "湘1403", "李娜", "long_pending"),
                ],
                "2026-11-02T09:00:00+08:00",
                "审管办",
            )
            .expect("opened");
        assert_eq!(ids.len(), 2, "{backend}");
        assert!(ids[0] < ids[1], "{backend}: ids in order");
        let (stored, steps) = store
            .supervision_item(ids[0])
            .expect("read")
            .expect("the item");
        assert_eq!(
            stored,
            SupervisionRow {
                id: ids[0],
                ..item("（2026）湘1402民初1号", "湘1402", "王伟", "over_time_limit")
            },
            "{backend}"
        );
        assert_eq!(steps.len(), 1, "{backend}");
        assert_eq!(
            (steps[0].seq, steps[0].step.as_str(), steps[0].due_on),
            (1, "opened", Some(date("2026-11-09"))),
            "{backend}"
        );
        // A reply from where the item stands is written once; the same step from the state it
        // has left writes nothing.
        let replied = SupervisionRow {
            state: "replied".into(),
            replied_on: Some(date("2026-11-05")),
            replied_in_time: Some(true),
            ..stored.clone()
        };
        let reply = SupervisionStep {
            item_id: ids[0],
            seq: 0,
            at: "2026-11-05T10:00:00+08:00".into(),
            by_user: "王伟".into(),
            step: "reply".into(),
            note: "已开庭，本周结案".into(),
            due_on: None,
        };
        assert!(
            store
                .take_supervision_step(&replied, "awaiting_reply", &reply)
                .expect("step"),
            "{backend}"
        );
        assert!(
            !store
                .take_supervision_step(&replied, "awaiting_reply", &reply)
                .expect("step"),
            "{backend}: taken twice"
        );
        let (now, steps) = store.supervision_item(ids[0]).expect("read").expect("item");
        assert_eq!(now, replied, "{backend}");
        assert_eq!(steps.len(), 2, "{backend}");
        assert_eq!(
            (
                steps[1].seq,
                steps[1].by_user.as_str(),
                steps[1].note.as_str()
            ),
            (2, "王伟", "已开庭，本周结案"),
            "{backend}"
        );
        assert_eq!(store.supervision_item(ids[1] + 100).expect("read"), None);
        // The steps of the items a query selects, by item and in order.
        let steps: Vec<(i64, i64, String)> = store
            .supervision_steps(&SupervisionQuery::default())
            .expect("steps")
            .into_iter()
            .map(|s| (s.item_id, s.seq, s.step))
            .collect();
        assert_eq!(
            steps,
            [
                (ids[0], 1, "opened".to_string()),
                (ids[0], 2, "reply".to_string()),
                (ids[1], 1, "opened".to_string()),
            ],
            "{backend}"
        );
        let of_1403 = store
            .supervision_steps(&SupervisionQuery {
                court: Some(CourtScope::alone(
                    CourtCode::parse("湘1403").expect("court"),
                )),
                ..SupervisionQuery::default()
            })
            .expect("steps");
        assert_eq!(of_1403.len(), 1, "{backend}");
        // Lists: by court (alone, or with the courts below), person, state and reason; newest
        // first.
        let listed = |store: &mut Store, query: SupervisionQuery| -> Vec<i64> {
            store
                .supervision_items(&query)
                .expect("list")
                .iter()
                .map(|i| i.id)
                .collect()
        };
        let city = CourtScope::with_lower(CourtCode::parse("湘14").expect("court"));
        let basic = CourtScope::alone(CourtCode::parse("湘1403").expect("court"));
        for (query, expected) in [
            (SupervisionQuery::default(), vec![ids[1], ids[0]]),
            (
                SupervisionQuery {
                    court: Some(city),
                    ..SupervisionQuery::default()
                },
                vec![ids[1], ids[0]],
            ),
            (
                SupervisionQuery {
                    court: Some(basic),
                    ..SupervisionQuery::default()
                },
                vec![ids[1]],
            ),
            (
                SupervisionQuery {
                    answerer: Some("王伟".into()),
                    ..SupervisionQuery::default()
                },
                vec![ids[0]],
            ),
            (
                SupervisionQuery {
                    states: vec!["awaiting_reply".into(), "returned".into()],
                    ..SupervisionQuery::default()
                },
                vec![ids[1]],
            ),
            (
                SupervisionQuery {
                    reason: Some("over_time_limit".into()),
                    division: Some("民一庭".into()),
                    ..SupervisionQuery::default()
                },
                vec![ids[0]],
            ),
            (
                SupervisionQuery {
                    case_no: Some("（2026）湘1403民初2号".into()),
                    ..SupervisionQuery::default()
                },
                vec![ids[1]],
            ),
        ] {
            assert_eq!(
                listed(&mut store, query.clone()),
                expected,
                "{backend}: {query:?}"
            );
        }
    }
}

#[test]
fn a_zhongben_finding_replaces_the_earlier_one_and_moves_the_data_version() {
    for place in places("zhongben_findings") {
        let mut store = open(&place);
        assert_eq!(store.zhongben_findings().expect("none"), vec![]);
        let before = store.data_version().expect("version");
        let mut finding = shenguan_store::ZhongbenFinding {
            case_no: "（2025）湘1402执9号".into(),
            court_code: "湘1402".into(),
            compliant: false,
            reason: "未约谈申请执行人".into(),
            found_by: "reviewer".into(),
            found_at: "2026-01-05T09:00:00+08:00".into(),
        };
        store.record_zhongben_finding(&finding).expect("record");
        assert_eq!(
            store.zhongben_finding(&finding.case_no).expect("read"),
            Some(finding.clone())
        );
        let once = store.data_version().expect("version");
        assert!(once > before, "{}", place.backend());
        finding.compliant = true;
        finding.reason = "卷宗补正后符合".into();
        store.record_zhongben_finding(&finding).expect("replace");
        assert_eq!(
            store.zhongben_findings().expect("all"),
            vec![(finding.case_no.clone(), true)],
            "{}",
            place.backend()
        );
        assert_eq!(
            store.zhongben_finding(&finding.case_no).expect("read"),
            Some(finding.clone())
        );
        assert!(store.data_version().expect("version") > once);
        assert_eq!(
            store
                .zhongben_finding("（2025）湘1402执10号")
                .expect("none"),
            None
        );
    }
}

#[test]
fn a_limit_request_waits_alone_and_its_approval_changes_the_case_in_the_same_write() {
    use shenguan_store::{CaseLimitChange, LimitRequestQuery, LimitRequestRow};
    for place in places("limit_requests") {
        let backend = place.backend();
        let mut store = open(&place);
        let filed = case("（2024）苏0102民初7号", "2024-03-05", None);
        store
            .write_import(std::slice::from_ref(&filed), &[], &mut |_| {})
            .expect("the case");
        let row = LimitRequestRow {
            id: 0,
            case_no: filed.case_no.to_string(),
            court_code: "苏0102".into(),
            division: Some("民一庭".into()),
            kind: "extension".into(),
            length: Some("3个月".into()),
            ground: None,
            from_on: None,
            to_on: None,
            reason: "尚需鉴定".into(),
            asked_by: "张三".into(),
            asked_on: date("2024-12-01"),
            deadline_then: date("2024-12-20"),
            late: false,
            approver: "上级法院".into(),
            state: "pending".into(),
            decided_by: None,
            decided_on: None,
            decided_late: None,
            note: None,
        };
        let id = store
            .apply_for_limit_change(&row)
            .expect("apply")
            .expect("an id");
        assert_eq!(
            store.apply_for_limit_change(&row).expect("again"),
            None,
            "{backend}"
        );
        let before = store.data_version().expect("version");
        let decision = LimitRequestRow {
            id,
            state: "approved".into(),
            decided_by: Some("院长".into()),
            decided_on: Some(date("2024-12-10")),
            decided_late: Some(false),
            ..row.clone()
        };
        let change = CaseLimitChange {
            extensions: Some(
                "6个月@2024-08-20/本院院长/案情复杂;30日;3个月@2024-12-10/上级法院/尚需鉴定".into(),
            ),
            exclusions: None,
            excluded_days: 0,
        };
        assert!(
            store
                .decide_limit_request(&decision, Some(&change))
                .expect("decide")
        );
        assert!(
            !store
                .decide_limit_request(&decision, Some(&change))
                .expect("twice"),
            "{backend}"
        );
        assert!(store.data_version().expect("version") > before, "{backend}");
        let (record, _) = store
            .case(&filed.case_no.to_string())
            .expect("read")
            .expect("the case");
        assert_eq!(record.extensions.len(), 3, "{backend}");
        assert!(record.exclusions.is_empty(), "{backend}");
        assert_eq!(
            store.limit_request(id).expect("read"),
            Some(decision.clone())
        );
        let pending = store
            .limit_requests(&LimitRequestQuery {
                state: Some("pending".into()),
                ..LimitRequestQuery::default()
            })
            .expect("list");
        assert!(pending.is_empty(), "{backend}");
        // With the first decided, another may wait.
        assert!(
            store
                .apply_for_limit_change(&row)
                .expect("a new one")
                .is_some()
        );
        let of_court = store
            .limit_requests(&LimitRequestQuery {
                court: Some(shenguan_domain::CourtScope::alone(
                    shenguan_domain::CourtCode::parse("苏0102").expect("court"),
                )),
                ..LimitRequestQuery::default()
            })
            .expect("list");
        assert_eq!(of_court.len(), 2, "{backend}");
        assert!(of_court[0].id > of_court[1].id, "newest first");
    }
}

#[test]
fn records_an_import_brings_are_written_with_it_and_only_over_what_was_read() {
    use shenguan_store::{
        ItemUpdate, LimitRequestRow, RecordStats, RecordsWrite, SupervisionRow, SupervisionStep,
        ZhongbenFinding,
    };
    for place in places("records") {
        let backend = place.backend();
        let mut store = open(&place);
        let filed = case("（2026）湘1402民初1号", "2026-03-02", None);
        let number = filed.case_no.to_string();
        let item = SupervisionRow {
            id: 0,
            case_no: number.clone(),
            court_code: "湘1402".into(),
            division: None,
            reason: "over_time_limit".into(),
            instructions: "请说明原因".into(),
            opened_by: "审管办".into(),
            opened_on: date("2026-11-02"),
            answerer: "王伟".into(),
            due_on: date("2026-11-09"),
            state: "replied".into(),
            level: 0,
            replied_on: Some(date("2026-11-05")),
            replied_in_time: Some(true),
            closed_on: None,
        };
        let step = |seq: i64, step: &str, by: &str, day: &str| SupervisionStep {
            item_id: 99,
            seq,
            at: format!("{day}T09:00:00+08:00"),
            by_user: by.into(),
            step: step.into(),
            note: format!("{step}的内容"),
            due_on: None,
        };
        let request = LimitRequestRow {
            id: 0,
            case_no: number.clone(),
            court_code: "湘1402".into(),
            division: None,
            kind: "extension".into(),
            length: Some("3个月".into()),
            ground: None,
            from_on: None,
            to_on: None,
            reason: "尚需鉴定".into(),
            asked_by: "王伟".into(),
            asked_on: date("2026-08-20"),
            deadline_then: date("2026-09-02"),
            late: false,
            approver: "本院院长".into(),
            state: "pending".into(),
            decided_by: None,
            decided_on: None,
            decided_late: None,
            note: None,
        };
        let finding = ZhongbenFinding {
            case_no: number.clone(),
            court_code: "湘1402".into(),
            compliant: false,
            reason: "未约谈申请人".into(),
            found_by: "院长".into(),
            found_at: "2026-11-10T09:00:00+08:00".into(),
        };
        let first = RecordsWrite {
            new_items: vec![(
                item.clone(),
                vec![
                    step(1, "opened", "审管办", "2026-11-02"),
                    step(2, "reply", "王伟", "2026-11-05"),
                ],
            )],
            new_requests: vec![request.clone()],
            findings: vec![finding.clone()],
            ..RecordsWrite::default()
        };
        let version = store.data_version().expect("version");
        let stats = store
            .write_import_all(&[], &[], &mut || None, &first, &mut |_| {})
            .expect("written");
        assert_eq!(
            stats.records,
            RecordStats {
                items_added: 1,
                requests_added: 1,
                findings_written: 1,
                ..RecordStats::default()
            },
            "{backend}"
        );
        // The reviews feed the figures: the data version moves.
        assert!(
            store.data_version().expect("version") > version,
            "{backend}"
        );
        let stored = store
            .records_of_cases(std::slice::from_ref(&number))
            .expect("read");
        assert_eq!(stored.items.len(), 1, "{backend}");
        let (stored_item, stored_steps) = &stored.items[0];
        assert_eq!(
            stored_item,
            &SupervisionRow {
                id: stored_item.id,
                ..item.clone()
            },
            "{backend}"
        );
        // Steps numbered for the store's own item, whatever number the file gave it.
        assert_eq!(
            stored_steps
                .iter()
                .map(|s| (s.item_id, s.seq, s.step.as_str()))
                .collect::<Vec<_>>(),
            vec![(stored_item.id, 1, "opened"), (stored_item.id, 2, "reply")],
            "{backend}"
        );
        assert_eq!(stored.requests.len(), 1, "{backend}");
        assert_eq!(stored.findings, vec![finding.clone()], "{backend}");

        // Taken further: the item closed, the application decided, an older finding ignored.
        let closed = SupervisionRow {
            id: stored_item.id,
            state: "closed".into(),
            closed_on: Some(date("2026-11-06")),
            ..item.clone()
        };
        let update = ItemUpdate {
            item: closed.clone(),
            steps_stored: 2,
            new_steps: vec![step(7, "close", "审管办", "2026-11-06")],
        };
        let decision = LimitRequestRow {
            id: stored.requests[0].id,
            state: "approved".into(),
            decided_by: Some("院长".into()),
            decided_on: Some(date("2026-08-22")),
            decided_late: Some(false),
            ..request.clone()
        };
        let older = ZhongbenFinding {
            compliant: true,
            found_at: "2026-11-01T09:00:00+08:00".into(),
            ..finding.clone()
        };
        let second = RecordsWrite {
            item_updates: vec![update.clone()],
            decisions: vec![decision.clone()],
            findings: vec![older],
            ..RecordsWrite::default()
        };
        let stats = store
            .write_import_all(&[], &[], &mut || None, &second, &mut |_| {})
            .expect("written");
        assert_eq!(
            stats.records,
            RecordStats {
                items_updated: 1,
                requests_decided: 1,
                ..RecordStats::default()
            },
            "{backend}"
        );
        let stored = store
            .records_of_cases(std::slice::from_ref(&number))
            .expect("read");
        assert_eq!(stored.items[0].0, closed, "{backend}");
        assert_eq!(
            stored.items[0].1.last().map(|s| (s.seq, s.step.as_str())),
            Some((3, "close")),
            "{backend}"
        );
        assert_eq!(stored.requests[0], decision, "{backend}");
        assert_eq!(stored.findings, vec![finding.clone()], "{backend}");

        // The same update again: the item no longer has two steps, the application is no longer
        // pending — the whole write is refused and nothing of it stays, not even its new item.
        let stale = RecordsWrite {
            new_items: first.new_items.clone(),
            item_updates: vec![update],
            ..RecordsWrite::default()
        };
        let refused = store
            .write_import_all(&[], &[], &mut || None, &stale, &mut |_| {})
            .expect_err("refused");
        assert!(
            matches!(refused, shenguan_store::StoreError::Changed(_)),
            "{backend}: {refused}"
        );
        let stale = RecordsWrite {
            decisions: vec![decision],
            ..RecordsWrite::default()
        };
        assert!(
            store
                .write_import_all(&[], &[], &mut || None, &stale, &mut |_| {})
                .is_err(),
            "{backend}"
        );
        let after = store
            .records_of_cases(std::slice::from_ref(&number))
            .expect("read");
        assert_eq!(after, stored, "{backend}: nothing of a refused write stays");
        // One write that decides a pending application and brings a new one for the same case:
        // the decision is written first, so the case has one pending application at a time.
        let pending = LimitRequestRow {
            reason: "再次申请".into(),
            asked_on: date("2026-09-01"),
            ..request.clone()
        };
        let stored_pending = store
            .write_import_all(
                &[],
                &[],
                &mut || None,
                &RecordsWrite {
                    new_requests: vec![pending.clone()],
                    ..RecordsWrite::default()
                },
                &mut |_| {},
            )
            .expect("a new pending application");
        assert_eq!(stored_pending.records.requests_added, 1, "{backend}");
        let pending_id = store
            .records_of_cases(std::slice::from_ref(&number))
            .expect("read")
            .requests
            .iter()
            .find(|r| r.state == "pending")
            .map(|r| r.id)
            .expect("the pending one");
        let both = RecordsWrite {
            decisions: vec![LimitRequestRow {
                id: pending_id,
                state: "refused".into(),
                decided_by: Some("院长".into()),
                decided_on: Some(date("2026-09-05")),
                decided_late: Some(false),
                note: Some("理由不足".into()),
                ..pending.clone()
            }],
            new_requests: vec![LimitRequestRow {
                reason: "第三次申请".into(),
                asked_on: date("2026-09-06"),
                ..request.clone()
            }],
            ..RecordsWrite::default()
        };
        let stats = store
            .write_import_all(&[], &[], &mut || None, &both, &mut |_| {})
            .expect("decided, then a new one");
        assert_eq!(
            (stats.records.requests_decided, stats.records.requests_added),
            (1, 1),
            "{backend}"
        );
        let stored = store
            .records_of_cases(std::slice::from_ref(&number))
            .expect("read");
        // A second pending application of the case is refused by the store itself.
        let waiting = RecordsWrite {
            new_requests: vec![request.clone(), request.clone()],
            ..RecordsWrite::default()
        };
        assert!(
            store
                .write_import_all(&[], &[], &mut || None, &waiting, &mut |_| {})
                .is_err(),
            "{backend}"
        );
        assert_eq!(
            store.records_of_cases(&[number]).expect("read"),
            stored,
            "{backend}"
        );
    }
}

#[test]
fn the_petition_register_is_written_by_register_number_and_read_back_whole() {
    use shenguan_domain::petition::{Channel, Level, Petition, Petitioner, Subject};
    use shenguan_store::{PetitionQuery, PetitionStats, RecordsWrite};
    for place in places("petitions") {
        let backend = place.backend();
        let mut store = open(&place);
        let court = CourtCode::parse("湘1402").expect("court");
        let id = IdNumber::parse("43010219800101109X").expect("an identity number");
        let mut first = Petition::received(
            court,
            "2026-001",
            date("2026-03-02"),
            Channel::Visit,
            Subject::Enforcement,
        );
        first.petitioners = vec![
            Petitioner {
                name: "王某".into(),
                identity: Some(id.key(b"secret")),
                masked: Some(id.masked()),
            },
            Petitioner {
                name: "李某".into(),
                identity: None,
                masked: None,
            },
        ];
        first.head_count = 6;
        first.cases = vec![
            number("（2025）湘1402执2号"),
            number("（2025）湘1402执恢3号"),
        ];
        first.level = Level::Province;
        first.accepted_on = Some(date("2026-03-05"));
        let mut second = Petition::received(
            CourtCode::parse("湘1403").expect("court"),
            "2026-001",
            date("2026-04-01"),
            Channel::Letter,
            Subject::Conduct,
        );
        second.petitioners = vec![Petitioner {
            name: "赵某".into(),
            identity: None,
            masked: None,
        }];
        let write = |store: &mut Store, petitions: Vec<Petition>| {
            store
                .write_import_all(
                    &[],
                    &[],
                    &mut || None,
                    &RecordsWrite {
                        petitions,
                        ..RecordsWrite::default()
                    },
                    &mut |_| {},
                )
                .expect("written")
                .records
                .petitions
        };
        let version = store.data_version().expect("version");
        assert_eq!(
            write(&mut store, vec![first.clone(), second.clone()]),
            PetitionStats {
                added: 2,
                ..PetitionStats::default()
            },
            "{backend}"
        );
        assert!(
            store.data_version().expect("version") > version,
            "{backend}"
        );
        let all = store.petitions(&PetitionQuery::default()).expect("read");
        let read: Vec<&Petition> = all.iter().map(|p| &p.petition).collect();
        assert_eq!(read, vec![&first, &second], "{backend}");
        assert_eq!(
            store.petition(all[0].id).expect("read").map(|p| p.petition),
            Some(first.clone()),
            "{backend}"
        );
        // The same register again: unchanged, and the data version stays.
        let version = store.data_version().expect("version");
        assert_eq!(
            write(&mut store, vec![first.clone(), second.clone()]),
            PetitionStats {
                unchanged: 2,
                ..PetitionStats::default()
            },
            "{backend}"
        );
        assert_eq!(store.data_version().expect("version"), version, "{backend}");
        // Replied since, with one petitioner fewer: the stored one is replaced, not doubled.
        first.replied_on = Some(date("2026-03-20"));
        first.petitioners.pop();
        first.cases.pop();
        assert_eq!(
            write(&mut store, vec![first.clone()]),
            PetitionStats {
                updated: 1,
                ..PetitionStats::default()
            },
            "{backend}"
        );
        let own = store
            .petitions(&PetitionQuery {
                court: Some(CourtScope::alone(court)),
                from: Some(date("2026-03-01")),
                to: Some(date("2026-03-31")),
            })
            .expect("read");
        assert_eq!(own.len(), 1, "{backend}");
        assert_eq!(own[0].petition, first, "{backend}");
        assert_eq!(own[0].id, all[0].id, "{backend}: the same petition");
    }
}

#[test]
fn a_petition_registered_here_is_stepped_only_from_where_it_was_read_and_logged() {
    use shenguan_domain::petition::{Channel, Petition, Petitioner, Subject};
    use shenguan_store::PetitionStepRow;
    for place in places("petition-steps") {
        let backend = place.backend();
        let mut store = open(&place);
        let court = CourtCode::parse("湘1402").expect("court");
        let id = IdNumber::parse("43010219800101109X").expect("an identity number");
        let mut received = Petition::received(
            court,
            "2026信0001",
            date("2026-03-02"),
            Channel::Visit,
            Subject::Judgment,
        );
        received.petitioners = vec![Petitioner {
            name: "王某".into(),
            identity: Some(id.key(b"secret")),
            masked: Some(id.masked()),
        }];
        received.cases = vec![number("（2025）湘1402民初7号")];
        let log = |step: &str| PetitionStepRow {
            petition_id: 0,
            seq: 0,
            at: "2026-03-02 09:00:00".into(),
            by_user: "信访办".into(),
            step: step.into(),
            note: format!("{step} note"),
        };
        let version = store.data_version().expect("version");
        let pid = store
            .register_petition(&received, &log("register"))
            .expect("registered")
            .expect("a new number");
        assert!(
            store.data_version().expect("version") > version,
            "{backend}"
        );
        assert_eq!(
            store
                .register_petition(&received, &log("register"))
                .expect("asked"),
            None,
            "{backend}: the court's register number is taken"
        );
        let mut accepted = received.clone();
        accepted.accepted_on = Some(date("2026-03-05"));
        assert!(
            store
                .take_petition_step(pid, &received, &accepted, &log("accept"))
                .expect("stepped"),
            "{backend}"
        );
        // A second step from the old state finds the petition changed and writes nothing.
        let mut other = received.clone();
        other.ended_on = Some(date("2026-03-06"));
        other.ended_by = Some("高院".into());
        assert!(
            !store
                .take_petition_step(pid, &received, &other, &log("end"))
                .expect("asked"),
            "{backend}"
        );
        assert_eq!(
            store.petition(pid).expect("read").map(|p| p.petition),
            Some(accepted.clone()),
            "{backend}"
        );
        let steps: Vec<(i64, String, String)> = store
            .petition_steps(pid)
            .expect("log")
            .into_iter()
            .map(|s| (s.seq, s.step, s.note))
            .collect();
        assert_eq!(
            steps,
            vec![
                (1, "register".into(), "register note".into()),
                (2, "accept".into(), "accept note".into()),
            ],
            "{backend}"
        );
        let key = id.key(b"secret");
        let mine = store.petitions_of_person(&key).expect("read");
        assert_eq!(mine.len(), 1, "{backend}");
        assert_eq!(mine[0].id, pid, "{backend}");
        let about = store
            .petitions_about(&[
                "（2025）湘1402民初7号".to_string(),
                "（2025）湘1402民初8号".to_string(),
            ])
            .expect("read");
        assert_eq!(about.len(), 1, "{backend}");
        assert_eq!(about[0].petition, accepted, "{backend}");
        assert_eq!(
            store.petition_numbers(court, "2026信").expect("read"),
            vec!["2026信0001".to_string()],
            "{backend}"
        );
        assert!(
            store
                .petition_numbers(court, "2025信")
                .expect("read")
                .is_empty()
        );
        assert!(store.petition_numbers(court, "%").is_err(), "{backend}");
    }
}

#[test]
fn the_assistance_register_is_written_by_case_number_and_read_back_by_court_and_period() {
    use shenguan_domain::Money;
    use shenguan_domain::assistance::{Assistance, Decision};
    use shenguan_store::{AssistanceStats, RecordsWrite};
    for place in places("assistance") {
        let backend = place.backend();
        let mut store = open(&place);
        let id = IdNumber::parse("43010219800101109X").expect("an identity number");
        let mut first = Assistance {
            case_no: number("（2026）湘1402司救执1号"),
            court: CourtCode::parse("湘1402").expect("court"),
            applicant: "王某".into(),
            identity: Some(id.key(b"secret")),
            masked: Some(id.masked()),
            applied_on: date("2026-03-01"),
            origin_cases: vec![number("（2025）湘1402执1号"), number("（2025）湘1402执2号")],
            decided_on: None,
            decision: None,
            amount: None,
            over_cap_reason: None,
            paid_on: None,
        };
        let second = Assistance {
            case_no: number("（2026）湘14司救访1号"),
            court: CourtCode::parse("湘14").expect("court"),
            applicant: "孙某".into(),
            identity: None,
            masked: None,
            applied_on: date("2026-05-01"),
            origin_cases: Vec::new(),
            decided_on: Some(date("2026-05-20")),
            decision: Some(Decision::Refused),
            amount: None,
            over_cap_reason: None,
            paid_on: None,
        };
        let write = |store: &mut Store, assistance: Vec<Assistance>| {
            store
                .write_import_all(
                    &[],
                    &[],
                    &mut || None,
                    &RecordsWrite {
                        assistance,
                        ..RecordsWrite::default()
                    },
                    &mut |_| {},
                )
                .expect("written")
                .records
                .assistance
        };
        let version = store.data_version().expect("version");
        assert_eq!(
            write(&mut store, vec![first.clone(), second.clone()]),
            AssistanceStats {
                added: 2,
                ..AssistanceStats::default()
            },
            "{backend}"
        );
        assert!(
            store.data_version().expect("version") > version,
            "{backend}"
        );
        assert_eq!(
            store.assistance(None, None, None).expect("read"),
            vec![first.clone(), second.clone()],
            "{backend}"
        );
        // Decided and paid since: replaced, not doubled.
        first.decided_on = Some(date("2026-03-20"));
        first.decision = Some(Decision::Granted);
        first.amount = Some(Money::from_fen(3_000_012));
        first.paid_on = Some(date("2026-04-01"));
        assert_eq!(
            write(&mut store, vec![first.clone(), second.clone()]),
            AssistanceStats {
                updated: 1,
                unchanged: 1,
                ..AssistanceStats::default()
            },
            "{backend}"
        );
        let own = store
            .assistance(
                Some(CourtScope::alone(
                    CourtCode::parse("湘1402").expect("court"),
                )),
                Some(date("2026-01-01")),
                Some(date("2026-06-30")),
            )
            .expect("read");
        assert_eq!(own, vec![first.clone()], "{backend}");
        assert!(
            store
                .assistance(None, Some(date("2026-06-01")), None)
                .expect("read")
                .is_empty(),
            "{backend}"
        );
    }
}

#[test]
fn a_review_plan_is_kept_whole_with_its_seed_reviewers_and_cases() {
    use shenguan_store::{ReviewCaseRow, ReviewPlanRow};
    for place in places("review-plan") {
        let backend = place.backend();
        let mut store = open(&place);
        let plan = ReviewPlanRow {
            id: 0,
            name: "2026年度发改再案件评查".into(),
            kind: "key".into(),
            court: Some("湘14".into()),
            from: date("2026-01-01"),
            to: date("2026-12-31"),
            per_mille: 0,
            // A seed above i64::MAX, kept by its bits.
            seed: i64::from_ne_bytes(u64::MAX.to_ne_bytes()),
            separation: "court".into(),
            blind: true,
            class: None,
            created_by: "中院审管办".into(),
            created_at: "2026-12-06T12:00:00+08:00".into(),
            reviewers: vec!["R1402".into(), "R1403".into()],
            cases: vec![
                ReviewCaseRow {
                    case_no: "（2025）湘1402民初1号".into(),
                    reason: "reversed".into(),
                    decided_by: Some("（2026）湘14民终1号".into()),
                    reviewer: Some("R1403".into()),
                },
                ReviewCaseRow {
                    case_no: "（2025）湘1403民初4号".into(),
                    reason: "reversed".into(),
                    decided_by: Some("（2026）湘14民终4号".into()),
                    reviewer: None,
                },
            ],
        };
        let id = store.write_review_plan(&plan).expect("written");
        let back = store.review_plan(id).expect("read").expect("the plan");
        assert_eq!(back, ReviewPlanRow { id, ..plan.clone() }, "{backend}");
        assert_eq!(
            u64::from_ne_bytes(back.seed.to_ne_bytes()),
            u64::MAX,
            "{backend}"
        );
        assert_eq!(store.review_plan(id + 1).expect("read"), None, "{backend}");
        assert_eq!(
            store
                .review_case(id, "（2025）湘1403民初4号")
                .expect("read")
                .as_ref(),
            Some(&plan.cases[1]),
            "{backend}"
        );
        assert_eq!(
            store
                .review_case(id, "（2025）湘1403民初5号")
                .expect("read"),
            None
        );
        assert_eq!(
            store.review_plans().expect("read"),
            vec![ReviewPlanRow {
                id,
                reviewers: Vec::new(),
                cases: Vec::new(),
                ..plan.clone()
            }],
            "{backend}"
        );
        // The reviewer's worklist: R1403 has the first case, not yet reviewed.
        let tasks = store.review_tasks("R1403").expect("read");
        assert_eq!(tasks.len(), 1, "{backend}");
        assert!(
            tasks[0].blind && tasks[0].submitted_at.is_none(),
            "{backend}"
        );
        assert!(store.review_tasks("R1402").expect("read").is_empty());
        // A recusal moves the case on only while it is the recusing reviewer's.
        let recusal = shenguan_store::ReviewRecusalRow {
            case_no: "（2025）湘1402民初1号".into(),
            staff_id: "R1402".into(),
            reason: "曾参与该案合议".into(),
            at: "2026-12-06T12:30:00+08:00".into(),
        };
        assert!(
            !store
                .recuse_review(id, &recusal, Some("R1402"))
                .expect("asked"),
            "{backend}: not R1402's case"
        );
        let recusal = shenguan_store::ReviewRecusalRow {
            staff_id: "R1403".into(),
            ..recusal
        };
        assert!(
            store
                .recuse_review(id, &recusal, Some("R1402"))
                .expect("written"),
            "{backend}"
        );
        assert_eq!(
            store.review_recusals(id).expect("read"),
            vec![recusal.clone()]
        );
        assert_eq!(store.review_tasks("R1402").expect("read").len(), 1);
        assert!(
            !store
                .recuse_review(id, &recusal, Some("R1402"))
                .expect("asked"),
            "{backend}: no longer R1403's"
        );
        // And back, for the review below.
        let back_again = shenguan_store::ReviewRecusalRow {
            staff_id: "R1402".into(),
            ..recusal
        };
        assert!(
            store
                .recuse_review(id, &back_again, Some("R1403"))
                .expect("written")
        );
        // The office gives the unassigned case to a reviewer, who joins the panel; a case is
        // given only from the reviewer it is with.
        assert!(
            !store
                .reassign_review(id, "（2025）湘1403民初4号", Some("R1402"), "R1404")
                .expect("asked"),
            "{backend}: not R1402's"
        );
        assert!(
            store
                .reassign_review(id, "（2025）湘1403民初4号", None, "R1404")
                .expect("written"),
            "{backend}"
        );
        let now = store.review_plan(id).expect("read").expect("plan");
        assert_eq!(now.reviewers, ["R1402", "R1403", "R1404"], "{backend}");
        assert_eq!(now.cases[1].reviewer.as_deref(), Some("R1404"));
        // Flags for the next 重点 plan, read by the day they were made.
        let flag = shenguan_store::ReviewFlagRow {
            id: 0,
            case_no: "（2025）湘1402民初9号".into(),
            kind: "doubt".into(),
            source: String::new(),
            reason: "判后当事人反映强烈".into(),
            flagged_on: date("2026-05-01"),
            by_user: "中院审管办".into(),
            at: "2026-05-01T09:00:00+08:00".into(),
        };
        let flag_id = store.add_review_flag(&flag).expect("written");
        assert_eq!(
            store
                .review_flags(date("2026-05-01"), date("2026-05-31"))
                .expect("read"),
            vec![shenguan_store::ReviewFlagRow {
                id: flag_id,
                ..flag.clone()
            }],
            "{backend}"
        );
        assert!(
            store
                .review_flags(date("2026-05-02"), date("2026-05-31"))
                .expect("read")
                .is_empty()
        );
        // A review: only by the reviewer the case went to, once.
        let result = shenguan_store::ReviewResultRow {
            plan_id: id,
            case_no: "（2025）湘1402民初1号".into(),
            reviewer: "R1403".into(),
            submitted_at: "2026-12-06T12:00:00+08:00".into(),
            score: 94,
            grade: "差错".into(),
            problem: true,
            error: true,
            findings: vec![shenguan_store::ReviewFindingRow {
                item: "3.1".into(),
                severity: "error".into(),
                text: "认定事实的证据不足".into(),
                deduction: 6,
                responsible: "judge:J1".into(),
                excuse: None,
            }],
        };
        let by_other = shenguan_store::ReviewResultRow {
            reviewer: "R1402".into(),
            ..result.clone()
        };
        assert!(!store.submit_review(&by_other).expect("asked"), "{backend}");
        let version = store.data_version().expect("version");
        assert!(store.submit_review(&result).expect("written"), "{backend}");
        assert!(
            store.data_version().expect("version") > version,
            "{backend}: a review moves the figures"
        );
        let result_grade = result.grade.clone();
        assert!(
            !store.submit_review(&result).expect("asked"),
            "{backend}: once"
        );
        assert_eq!(
            store.review_results(id).expect("read"),
            vec![result],
            "{backend}"
        );
        assert_eq!(
            store.review_plans_ending_in("key", 2026).expect("read"),
            vec![(id, Some("湘14".to_string()))],
            "{backend}"
        );
        assert!(
            store
                .review_plans_ending_in("key", 2025)
                .expect("read")
                .is_empty()
        );
        // What follows the review, in order, only from the steps read.
        let answer = shenguan_store::ReviewAnswerRow {
            seq: 0,
            at: "2026-12-07T12:00:00+08:00".into(),
            by_user: "J1".into(),
            kind: "object".into(),
            day: date("2026-12-07"),
            grade: None,
            text: "出现新证据".into(),
        };
        let case_no = "（2025）湘1402民初1号";
        assert!(
            store
                .add_review_answer(id, case_no, 0, &answer)
                .expect("written"),
            "{backend}"
        );
        assert!(
            !store
                .add_review_answer(id, case_no, 0, &answer)
                .expect("asked"),
            "{backend}"
        );
        assert!(
            !store
                .add_review_answer(id, "（2025）湘1403民初4号", 0, &answer)
                .expect("asked"),
            "{backend}: no review submitted"
        );
        assert_eq!(
            store.review_answers(id, case_no).expect("read"),
            vec![shenguan_store::ReviewAnswerRow {
                seq: 1,
                ..answer.clone()
            }],
            "{backend}"
        );
        // What the figures count: the review with its plan, and the last decision's grade.
        let outcomes = store.review_outcomes().expect("read");
        assert_eq!(outcomes.len(), 1, "{backend}");
        assert_eq!(outcomes[0].decided, None, "{backend}: no decision yet");
        let version = store.data_version().expect("version");
        for (seq, grade) in [(1, "合格"), (2, "差错")] {
            let decision = shenguan_store::ReviewAnswerRow {
                kind: "decide".into(),
                day: date("2026-12-20") + chrono::Days::new(seq),
                grade: Some(grade.into()),
                ..answer.clone()
            };
            assert!(
                store
                    .add_review_answer(id, case_no, seq, &decision)
                    .expect("written"),
                "{backend}"
            );
        }
        assert!(
            store.data_version().expect("version") > version,
            "{backend}: a decision moves the figures"
        );
        let plan = store.review_plan(id).expect("read").expect("plan");
        let outcomes = store.review_outcomes().expect("read");
        assert_eq!(outcomes.len(), 1, "{backend}");
        let outcome = &outcomes[0];
        assert_eq!(
            (
                outcome.kind.as_str(),
                outcome.plan_made.as_str(),
                outcome.case_no.as_str(),
                outcome.reason.as_str(),
                outcome.grade.as_str()
            ),
            (
                "key",
                plan.created_at.as_str(),
                case_no,
                "reversed",
                result_grade.as_str()
            ),
            "{backend}"
        );
        assert_eq!(
            outcome.decided,
            Some((date("2026-12-22"), "差错".to_string())),
            "{backend}: the last decision stands"
        );
    }
}

#[test]
fn an_import_writes_review_plans_their_reviews_and_steps_only_onto_what_it_read() {
    use shenguan_store::{
        AnswersUpdate, RecordsWrite, ReviewAnswerRow, ReviewCaseRow, ReviewPlanRow,
        ReviewPlanWrite, ReviewResultRow,
    };
    for place in places("review-import") {
        let backend = place.backend();
        let mut store = open(&place);
        let case_no = "（2025）湘1402民初1号";
        let plan = ReviewPlanRow {
            id: 0,
            name: "2026年度发改再案件评查".into(),
            kind: "key".into(),
            court: None,
            from: date("2026-01-01"),
            to: date("2026-12-31"),
            per_mille: 0,
            seed: 7,
            separation: "court".into(),
            blind: false,
            class: Some("types=民初".into()),
            created_by: "中院审管办".into(),
            created_at: "2026-12-06T12:00:00+08:00".into(),
            reviewers: vec!["R1403".into()],
            cases: vec![ReviewCaseRow {
                case_no: case_no.into(),
                reason: "remanded".into(),
                decided_by: Some("（2026）湘14民终2号".into()),
                reviewer: Some("R1403".into()),
            }],
        };
        let result = ReviewResultRow {
            plan_id: 0,
            case_no: case_no.into(),
            reviewer: "R1403".into(),
            submitted_at: "2026-12-07T12:00:00+08:00".into(),
            score: 100,
            grade: "合格".into(),
            problem: false,
            error: false,
            findings: Vec::new(),
        };
        let step = |seq: i64, kind: &str| ReviewAnswerRow {
            seq,
            at: format!("2026-12-0{}T12:00:00+08:00", 7 + seq),
            by_user: "J1".into(),
            kind: kind.into(),
            day: date(&format!("2026-12-0{}", 7 + seq)),
            grade: None,
            text: "理由".into(),
        };
        let write = |store: &mut Store, write: ReviewPlanWrite| {
            store.write_import_all(
                &[],
                &[],
                &mut || None,
                &RecordsWrite {
                    review_plans: vec![write],
                    ..RecordsWrite::default()
                },
                &mut |_| {},
            )
        };
        let stats = write(
            &mut store,
            ReviewPlanWrite {
                reassigned: Vec::new(),
                plan: plan.clone(),
                results: vec![result.clone()],
                answers: vec![AnswersUpdate {
                    case_no: case_no.into(),
                    stored: 0,
                    new_steps: vec![step(1, "object")],
                }],
            },
        )
        .expect("written")
        .records;
        assert_eq!(
            (
                stats.review_plans_added,
                stats.case_reviews_added,
                stats.review_answers_added
            ),
            (1, 1, 1),
            "{backend}"
        );
        let plans = store.whole_review_plans().expect("read");
        assert_eq!(plans.len(), 1, "{backend}");
        let id = plans[0].id;
        assert_eq!(plans[0], ReviewPlanRow { id, ..plan.clone() }, "{backend}");
        assert_eq!(
            store.review_results(id).expect("read"),
            vec![ReviewResultRow {
                plan_id: id,
                ..result.clone()
            }],
            "{backend}"
        );
        // A step onto the one stored: added; onto none (the store has one since): all undone.
        let stats = write(
            &mut store,
            ReviewPlanWrite {
                reassigned: Vec::new(),
                plan: ReviewPlanRow { id, ..plan.clone() },
                results: Vec::new(),
                answers: vec![AnswersUpdate {
                    case_no: case_no.into(),
                    stored: 1,
                    new_steps: vec![step(2, "decide")],
                }],
            },
        )
        .expect("written")
        .records;
        assert_eq!(stats.review_answers_added, 1, "{backend}");
        let stale = write(
            &mut store,
            ReviewPlanWrite {
                reassigned: Vec::new(),
                plan: ReviewPlanRow { id, ..plan.clone() },
                results: vec![result.clone()],
                answers: Vec::new(),
            },
        );
        assert!(
            matches!(stale, Err(shenguan_store::StoreError::Changed(_))),
            "{backend}: {stale:?}"
        );
        assert_eq!(
            store.review_answers_of_plan(id).expect("read"),
            vec![
                (case_no.to_string(), step(1, "object")),
                (case_no.to_string(), step(2, "decide")),
            ],
            "{backend}"
        );
        assert_eq!(store.review_plans().expect("read").len(), 1, "{backend}");
    }
}

#[test]
fn a_notice_row_is_replaced_by_its_period_and_region_and_read_back_by_period() {
    use shenguan_domain::petition::ranking::NoticeRow;
    use shenguan_store::RecordsWrite;
    for place in places("notices") {
        let backend = place.backend();
        let mut store = open(&place);
        let row = |region: &str, to_province: u32| NoticeRow {
            region: region.into(),
            court: (region == "清河").then(|| CourtCode::parse("湘14").expect("court")),
            to_province,
            to_beijing: 1,
            to_circuit: 0,
        };
        let (from, to) = (date("2026-01-01"), date("2026-06-30"));
        let write = |store: &mut Store, rows: Vec<NoticeRow>, period: (NaiveDate, NaiveDate)| {
            store
                .write_import_all(
                    &[],
                    &[],
                    &mut || None,
                    &RecordsWrite {
                        notices: rows.into_iter().map(|r| (period.0, period.1, r)).collect(),
                        ..RecordsWrite::default()
                    },
                    &mut |_| {},
                )
                .expect("written")
                .records
                .notice_rows
        };
        assert_eq!(
            write(
                &mut store,
                vec![row("长沙", 12), row("清河", 3)],
                (from, to)
            ),
            2
        );
        // The same period and city again, with another count: replaced, not added.
        assert_eq!(write(&mut store, vec![row("清河", 5)], (from, to)), 1);
        assert_eq!(
            write(
                &mut store,
                vec![row("清河", 7)],
                (date("2026-07-01"), date("2026-12-31"))
            ),
            1
        );
        let notices = store.petition_notices().expect("read");
        assert_eq!(notices.len(), 2, "{backend}");
        assert_eq!((notices[0].from, notices[0].to), (from, to), "{backend}");
        assert_eq!(
            notices[0].rows,
            vec![row("清河", 5), row("长沙", 12)],
            "{backend}"
        );
        assert_eq!(notices[1].rows, vec![row("清河", 7)], "{backend}");
    }
}

#[test]
fn allocations_are_written_once_with_their_log_chained_and_a_change_only_from_the_judge_held() {
    use shenguan_domain::allocation::chain::verify;
    use shenguan_store::{AllocationRow, ExclusionRow, LeaveRow};
    for place in places("allocation") {
        let backend = place.backend();
        let mut store = open(&place);
        let row = |case_no: &str, judge: &str, weight: i64| {
            AllocationRow {
            case_no: case_no.into(),
            court: "湘1402".into(),
            track: "simple".into(),
            pool: "民一庭".into(),
            rule: "民事简案".into(),
            version: "2026-1".into(),
            judge: Some(judge.into()),
            how: "draw".into(),
            seed: Some(i64::from_ne_bytes(u64::MAX.to_ne_bytes())),
            reason: None,
            approver: None,
            weight,
            facts: "type=民初;cause=;amount=;parties=2;announcement=0;foreign=0;series=0;sentence=;plea=0;filed=2026-03-01".into(),
            at: "2026-03-01T09:00:00+08:00".into(),
        }
        };
        let first = row("（2026）湘1402民初1号", "J1", 100);
        let logged = vec![
            ("track", "民事简案".to_string()),
            ("draw", "J1".to_string()),
        ];
        let entries = store
            .allocate(&first, &logged)
            .expect("written")
            .expect("new");
        assert_eq!(entries.len(), 2, "{backend}");
        assert_eq!(
            store.allocate(&first, &logged).expect("asked"),
            None,
            "{backend}: once"
        );
        assert_eq!(
            store.allocation(&first.case_no).expect("read"),
            Some(first.clone()),
            "{backend}"
        );
        store
            .allocate(&row("（2026）湘1402民初2号", "J2", 150), &logged[1..])
            .expect("written");
        store
            .allocate(&row("（2026）湘1402民初3号", "J1", 200), &logged[1..])
            .expect("written");
        // Every allocation, and each with the day its case closed: case 3 closed on 20 April,
        // the others not in the store's cases (pending).
        let closed = shenguan_domain::CaseRecord {
            closed_on: chrono::NaiveDate::from_ymd_opt(2026, 4, 20),
            ..shenguan_domain::CaseRecord::filed(
                shenguan_domain::CaseNumber::parse("（2026）湘1402民初3号", 2026).expect("number"),
                shenguan_domain::CourtCode::parse("湘1402").expect("court"),
                chrono::NaiveDate::from_ymd_opt(2026, 3, 1).expect("day"),
            )
        };
        store
            .write_import(&[closed], &[], &mut |_| {})
            .expect("the case");
        let all = store.allocations().expect("read");
        assert_eq!(all.len(), 3, "{backend}");
        assert_eq!(all[0], first, "{backend}");
        let closing: Vec<Option<chrono::NaiveDate>> = store
            .allocations_with_closing()
            .expect("read")
            .into_iter()
            .map(|(_, closed)| closed)
            .collect();
        assert_eq!(
            closing,
            vec![None, None, chrono::NaiveDate::from_ymd_opt(2026, 4, 20)],
            "{backend}"
        );
        assert_eq!(
            store.allocation_loads("湘1402").expect("read"),
            [("J1".to_string(), 100, 1), ("J2".to_string(), 150, 1)],
            "{backend}"
        );
        // A change only from the judge who holds it.
        let why = ("回避", "院长", "2026-03-02T09:00:00+08:00");
        assert_eq!(
            store
                .change_judge("（2026）湘1402民初1号", Some("J2"), "J3", why, "J1 → J3")
                .expect("asked"),
            None,
            "{backend}"
        );
        assert!(
            store
                .change_judge("（2026）湘1402民初1号", Some("J1"), "J3", why, "J1 → J3")
                .expect("written")
                .is_some()
        );
        let log = store.allocation_log().expect("read");
        assert_eq!(log.len(), 5, "{backend}");
        let head = log.last().map(|e| e.hash.clone());
        assert_eq!(verify(&log, head.as_deref()), Ok(()), "{backend}");
        // Exclusions, kept as first declared.
        let exclusion = ExclusionRow {
            staff_id: "J2".into(),
            kind: "relationship".into(),
            party: "张三".into(),
            reason: "近亲属".into(),
            by_user: "J2".into(),
            at: "2026-03-01T08:00:00+08:00".into(),
        };
        assert!(store.add_exclusion(&exclusion).expect("written"));
        assert!(!store.add_exclusion(&exclusion).expect("asked"));
        assert_eq!(
            store
                .exclusions_for(&["李四".into(), "张三".into()])
                .expect("read"),
            vec![exclusion],
            "{backend}"
        );
        // Leave, by its days inclusive; a second declaration from the same day kept as the first.
        let leave = LeaveRow {
            staff_id: "J3".into(),
            first_day: "2026-03-02".into(),
            last_day: "2026-03-06".into(),
            reason: "年休假".into(),
            approver: "庭长".into(),
            by_user: "J3".into(),
            at: "2026-03-01T08:00:00+08:00".into(),
        };
        assert_eq!(store.add_leave(&leave).expect("written"), None);
        assert_eq!(
            store
                .add_leave(&LeaveRow {
                    last_day: "2026-03-20".into(),
                    ..leave.clone()
                })
                .expect("asked"),
            Some(leave.clone())
        );
        assert_eq!(
            store
                .leaves_between("2026-03-06", "2026-03-31")
                .expect("read"),
            vec![leave.clone()],
            "{backend}"
        );
        assert!(
            store
                .leaves_between("2026-03-07", "2026-03-31")
                .expect("read")
                .is_empty()
        );
        for (day, on) in [
            ("2026-03-01", false),
            ("2026-03-02", true),
            ("2026-03-06", true),
            ("2026-03-07", false),
        ] {
            assert_eq!(
                store.on_leave(day).expect("read") == vec!["J3".to_string()],
                on,
                "{backend} {day}"
            );
        }
    }
}

#[test]
fn service_tasks_keep_their_attempts_in_order_and_an_announcement_moves_the_case_in_the_same_write()
{
    use shenguan_store::{
        CaseLimitChange, ConfirmationRow, ServiceAttemptRow, ServiceQuery, ServiceTaskRow,
    };
    for place in places("service") {
        let backend = place.backend();
        let mut store = open(&place);
        let mut filed = case("（2026）苏0102民初9号", "2026-01-05", None);
        filed.exclusions.clear();
        store
            .write_import(std::slice::from_ref(&filed), &[], &mut |_| {})
            .expect("the case");
        let task = ServiceTaskRow {
            id: 0,
            case_no: filed.case_no.to_string(),
            court_code: "苏0102".into(),
            division: Some("民一庭".into()),
            document: "起诉状副本、应诉通知书、传票".into(),
            recipient: "李四".into(),
            recipient_kind: "party".into(),
            identity_key: None,
            address: Some("南京市玄武区某路1号".into()),
            foreign: false,
            created_on: date("2026-01-06"),
            created_by: "立案庭".into(),
            assigned_to: None,
            assigned_on: None,
            attempts: Vec::new(),
        };
        // Every write the figures read moves the data version (the indicators' columns are
        // built again); a write that changes nothing leaves it.
        let before = store.data_version().expect("version");
        let id = store
            .add_service_task(&task)
            .expect("written")
            .expect("new");
        let moved = store.data_version().expect("version");
        assert!(moved > before, "{backend}");
        assert_eq!(
            store.add_service_task(&task).expect("read"),
            None,
            "{backend}"
        );
        assert_eq!(store.data_version().expect("version"), moved, "{backend}");
        let mailed = ServiceAttemptRow {
            seq: 0,
            method: "post".into(),
            attempted_on: date("2026-01-07"),
            outcome: "waiting".into(),
            served_on: None,
            failure: None,
            proof: None,
            tracking_no: Some("1190012345678".into()),
            entrusted_court: None,
            by_user: "送达员甲".into(),
            recorded_at: "2026-01-07T09:00:00".into(),
        };
        let before = store.data_version().expect("version");
        assert_eq!(
            store.add_service_attempt(id, &mailed, None).expect("w"),
            Some(1)
        );
        assert!(store.data_version().expect("version") > before, "{backend}");
        assert_eq!(
            store
                .add_service_attempt(id + 99, &mailed, None)
                .expect("w"),
            None
        );
        assert_eq!(
            store
                .attempts_by_tracking(&["1190012345678".into(), "0".into()])
                .expect("read"),
            vec![("1190012345678".to_string(), id, 1)],
            "{backend}"
        );
        let returned = ServiceAttemptRow {
            outcome: "failed".into(),
            failure: Some("address_unknown".into()),
            proof: Some("postal_receipt".into()),
            ..mailed.clone()
        };
        let before = store.data_version().expect("version");
        assert!(store.settle_service_attempt(id, 1, &returned).expect("w"));
        let moved = store.data_version().expect("version");
        assert!(moved > before, "{backend}");
        // Settled once: a second result for the same attempt is refused.
        assert!(
            !store.settle_service_attempt(id, 1, &mailed).expect("w"),
            "{backend}"
        );
        assert_eq!(store.data_version().expect("version"), moved, "{backend}");
        let version = store.data_version().expect("version");
        let notice = ServiceAttemptRow {
            method: "notice".into(),
            attempted_on: date("2026-03-02"),
            outcome: "served".into(),
            served_on: Some(date("2026-04-01")),
            tracking_no: None,
            proof: Some("notice_record".into()),
            ..mailed.clone()
        };
        let change = CaseLimitChange {
            extensions: None,
            exclusions: Some("公告 2026-03-03~2026-04-01".into()),
            excluded_days: 30,
        };
        let case_no = filed.case_no.to_string();
        // Worked out from days the case no longer excludes (someone changed it meanwhile): refused,
        // and the attempt is not written either.
        let stale = shenguan_store::NoticeChange {
            case_no: case_no.clone(),
            was_days: 7,
            change: change.clone(),
        };
        assert!(
            matches!(
                store.add_service_attempt(id, &notice, Some(&stale)),
                Err(shenguan_store::StoreError::Changed(_))
            ),
            "{backend}"
        );
        assert_eq!(store.data_version().expect("version"), version, "{backend}");
        let fresh = shenguan_store::NoticeChange {
            was_days: 0,
            ..stale
        };
        assert_eq!(
            store
                .add_service_attempt(id, &notice, Some(&fresh))
                .expect("w"),
            Some(2)
        );
        assert!(
            store.data_version().expect("version") > version,
            "{backend}"
        );
        let (record, _) = store.case(&case_no).expect("read").expect("the case");
        assert_eq!(record.excluded_days(), 30, "{backend}");
        assert_eq!(
            record.exclusions[0].ground,
            ExclusionGround::Notice,
            "{backend}"
        );
        assert_eq!(
            store
                .announcements(std::slice::from_ref(&case_no))
                .expect("read"),
            vec![(case_no.clone(), date("2026-03-02"), false)],
            "{backend}"
        );
        let read = store.service_task(id).expect("read").expect("the task");
        assert_eq!(read.attempts.len(), 2, "{backend}");
        assert_eq!(
            read.attempts[0],
            ServiceAttemptRow {
                seq: 1,
                ..returned.clone()
            }
        );
        assert_eq!(
            read.attempts[1],
            ServiceAttemptRow {
                seq: 2,
                ..notice.clone()
            }
        );
        assert_eq!(
            ServiceTaskRow {
                attempts: Vec::new(),
                ..read.clone()
            },
            ServiceTaskRow { id, ..task.clone() }
        );

        assert_eq!(
            store
                .assign_service_tasks(&[id], "送达员乙", date("2026-01-06"))
                .expect("w"),
            1
        );
        let scope = |court: &str| Some(CourtScope::with_lower(CourtCode::parse(court).expect("c")));
        let listed = |query: &ServiceQuery, store: &mut Store| {
            store
                .service_tasks(query)
                .expect("read")
                .iter()
                .map(|t| t.id)
                .collect::<Vec<_>>()
        };
        let query = ServiceQuery {
            court: scope("苏01"),
            ..ServiceQuery::default()
        };
        assert_eq!(listed(&query, &mut store), vec![id], "{backend}");
        let elsewhere = ServiceQuery {
            court: scope("苏02"),
            ..ServiceQuery::default()
        };
        assert!(listed(&elsewhere, &mut store).is_empty(), "{backend}");
        let theirs = ServiceQuery {
            assigned_to: Some("送达员乙".into()),
            ..ServiceQuery::default()
        };
        assert_eq!(listed(&theirs, &mut store), vec![id], "{backend}");
        let later = ServiceQuery {
            from: Some(date("2026-01-07")),
            ..ServiceQuery::default()
        };
        assert!(listed(&later, &mut store).is_empty(), "{backend}");

        let confirmation = ConfirmationRow {
            case_no: case_no.clone(),
            party: "李四".into(),
            identity_key: None,
            signed_on: date("2026-01-06"),
            address: Some("南京市玄武区某路1号".into()),
            electronic: Some("all".into()),
            channel: Some("138****0000".into()),
            recorded_by: "立案庭".into(),
            recorded_at: "2026-01-06T10:00:00".into(),
        };
        let before = store.data_version().expect("version");
        assert!(store.add_confirmation(&confirmation).expect("w"));
        let moved = store.data_version().expect("version");
        assert!(moved > before, "{backend}");
        assert!(
            !store.add_confirmation(&confirmation).expect("w"),
            "{backend}"
        );
        assert_eq!(store.data_version().expect("version"), moved, "{backend}");
        assert_eq!(
            store
                .confirmations(std::slice::from_ref(&case_no))
                .expect("r"),
            vec![confirmation.clone()]
        );
        assert_eq!(
            store.all_confirmations().expect("r"),
            vec![confirmation.clone()]
        );

        // An import: the stored task is known again (its attempts as they are: nothing), a third
        // attempt is added, a new task is written with its own; all in one write.
        let again = ServiceTaskRow {
            attempts: vec![
                ServiceAttemptRow {
                    seq: 1,
                    ..returned.clone()
                },
                ServiceAttemptRow {
                    seq: 3,
                    method: "direct".into(),
                    outcome: "served".into(),
                    served_on: Some(date("2026-04-03")),
                    attempted_on: date("2026-04-03"),
                    tracking_no: None,
                    failure: None,
                    proof: Some("receipt".into()),
                    ..mailed.clone()
                },
            ],
            ..task.clone()
        };
        let other = ServiceTaskRow {
            recipient: "王五".into(),
            attempts: vec![ServiceAttemptRow {
                seq: 1,
                ..mailed.clone()
            }],
            ..task.clone()
        };
        let counts = store
            .import_service(
                &[again.clone(), other.clone()],
                std::slice::from_ref(&confirmation),
                &[],
            )
            .expect("imported");
        assert_eq!(
            (
                counts.tasks_added,
                counts.attempts_added,
                counts.attempts_settled,
                counts.unchanged
            ),
            (1, 2, 0, 1),
            "{backend}"
        );
        let before = store.data_version().expect("version");
        let counts = store
            .import_service(&[again.clone(), other.clone()], &[], &[])
            .expect("again");
        assert_eq!(
            (counts.tasks_added, counts.attempts_added, counts.unchanged),
            (0, 0, 2)
        );
        assert_eq!(store.data_version().expect("version"), before, "{backend}");
        // The postal result arriving in a later file settles the waiting attempt.
        let delivered = ServiceTaskRow {
            attempts: vec![ServiceAttemptRow {
                seq: 1,
                outcome: "served".into(),
                served_on: Some(date("2026-01-09")),
                ..mailed.clone()
            }],
            ..other.clone()
        };
        let counts = store
            .import_service(&[delivered], &[], &[])
            .expect("settled");
        assert_eq!(counts.attempts_settled, 1, "{backend}");
        assert!(store.data_version().expect("version") > before, "{backend}");
        let mut tasks = store.service_tasks(&ServiceQuery::default()).expect("read");
        // Streamed one at a time, the same tasks with the same attempts.
        let mut streamed = Vec::new();
        store
            .each_service_task(|task| {
                streamed.push(task);
                Ok(())
            })
            .expect("streamed");
        tasks.sort_by_key(|t| t.id);
        assert_eq!(streamed, tasks, "{backend}");
        assert_eq!(
            store.cases_with_service_method("notice").expect("read"),
            vec![case_no.clone()],
            "{backend}"
        );
        assert!(
            store
                .cases_with_service_method("electronic")
                .expect("read")
                .is_empty()
        );
        tasks.sort_by_key(|t| (t.created_on, t.id));
        assert_eq!(tasks.len(), 2, "{backend}");
        assert_eq!(tasks[0].attempts.len(), 3, "{backend}");
        assert_eq!(tasks[1].attempts[0].outcome, "served", "{backend}");
    }
}

#[test]
fn imports_are_logged_with_their_revisions_and_reports_with_what_they_printed() {
    use shenguan_store::{
        ADDED, ImportLog, RecordsWrite, ReportRow, ReportWrite, RevisionRow, StockFlowRow,
    };
    for place in places("history") {
        let backend = place.backend();
        let mut store = open(&place);
        assert_eq!(store.latest_reported_day().expect("day"), None, "{backend}");
        let report = ReportWrite {
            report: ReportRow {
                id: 0,
                version: store.data_version().expect("version"),
                made_at: "2026-11-05 09:00:00".into(),
                name: "2026年10月质效通报".into(),
                kind: "bulletin".into(),
                court_code: Some("苏01".into()),
                with_lower: true,
                from: date("2026-01-01"),
                to: date("2026-10-31"),
                made_by: Some("审管办".into()),
            },
            stock_flow: vec![StockFlowRow {
                court_code: "苏0102".into(),
                month: "2026-10".into(),
                carried: 3,
                filed: 3,
                closed: 1,
                pending: 5,
            }],
            figures: vec![
                ("closed".into(), Some(96.375), 1),
                ("ratio".into(), None, 3),
            ],
        };
        let id = store.record_report(&report).expect("recorded");
        assert_eq!(
            store.latest_reported_day().expect("day"),
            Some(date("2026-10-31")),
            "{backend}"
        );
        let read = store.report(id).expect("read").expect("the report");
        assert_eq!(
            read,
            ReportRow {
                id,
                ..report.report.clone()
            },
            "{backend}"
        );
        assert_eq!(
            store.report_stock_flow(id).expect("flow"),
            report.stock_flow,
            "{backend}"
        );
        assert_eq!(
            store.report_figures(id).expect("figures"),
            report.figures,
            "{backend}"
        );
        assert_eq!(
            store
                .reports_meeting(date("2026-10-01"), date("2026-12-31"))
                .expect("meeting")
                .len(),
            1
        );
        assert!(
            store
                .reports_meeting(date("2026-11-01"), date("2026-12-31"))
                .expect("meeting")
                .is_empty(),
            "{backend}: a period after the report's does not meet it"
        );
        assert_eq!(store.latest_reports(5).expect("latest"), vec![read]);

        // An import that changes a case is logged at the version it made, with its revisions;
        // one that changes nothing is not logged.
        let cases = vec![case("（2026）苏0102民初1号", "2026-09-05", None)];
        let log = |revisions: Vec<RevisionRow>| RecordsWrite {
            log: Some(ImportLog {
                made_at: "2026-12-01 10:00:00".into(),
                source: "first.csv".into(),
                made_by: None,
                revisions,
            }),
            ..RecordsWrite::default()
        };
        let added = RevisionRow {
            case_no: "（2026）苏0102民初1号".into(),
            field: ADDED.into(),
            old: None,
            new: Some("2026-09-05".into()),
        };
        let mut once = Some(Batch::of(&cases, &[]));
        store
            .write_import_all(
                &[],
                &[],
                &mut || once.take(),
                &log(vec![added.clone()]),
                &mut |_| {},
            )
            .expect("written");
        let first_version = store.data_version().expect("version");
        let mut closed = cases.clone();
        closed[0].closed_on = Some(date("2026-10-28"));
        closed[0].closing_method = ClosingMethod::parse("调解");
        let moved = RevisionRow {
            case_no: "（2026）苏0102民初1号".into(),
            field: "closed_on".into(),
            old: None,
            new: Some("2026-10-28".into()),
        };
        for _ in 0..2 {
            let mut once = Some(Batch::of(&closed, &[]));
            store
                .write_import_all(
                    &[],
                    &[],
                    &mut || once.take(),
                    &log(vec![moved.clone()]),
                    &mut |_| {},
                )
                .expect("written");
        }
        let imports = store.imports(10).expect("imports");
        assert_eq!(
            imports.len(),
            2,
            "{backend}: the unchanged second is not logged"
        );
        assert_eq!((imports[0].added, imports[0].updated), (0, 1), "{backend}");
        assert_eq!(imports[0].version, store.data_version().expect("version"));
        let history = store
            .revisions_of("（2026）苏0102民初1号")
            .expect("revisions");
        let fields: Vec<&RevisionRow> = history.iter().map(|r| &r.revision).collect();
        assert_eq!(fields, vec![&added, &moved], "{backend}");
        let after: Vec<RevisionRow> = store
            .revisions_after(first_version, None)
            .expect("after")
            .into_iter()
            .map(|r| r.revision)
            .collect();
        assert_eq!(after, vec![moved.clone()], "{backend}");
        let dates: Vec<RevisionRow> = store
            .revisions_after(0, Some(&["closed_on", "filed_on"]))
            .expect("the dates")
            .into_iter()
            .map(|r| r.revision)
            .collect();
        assert_eq!(
            dates,
            vec![moved.clone()],
            "{backend}: the entry is not a date"
        );
    }
}
