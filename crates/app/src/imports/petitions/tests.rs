//! The petition register through an import, an export and a second store: identity numbers keyed
//! and never kept, one person under two spellings of a number, all or nothing.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use shenguan_domain::petition::matters::{matters, repeats};
use shenguan_domain::{CaseNumber, CaseParties, CaseRecord, EventRecord, Party, PartyRole};
use shenguan_store::PetitionQuery;
use shenguan_testkit::TempDir;

use crate::exports::{ExportFormat, ExportRequest};
use crate::imports::{ImportOutcome, ImportRequest};
use crate::{App, Config, FixedClock, Store};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn app() -> App {
    App::with_clock(Config::default(), Box::new(FixedClock(d("2026-11-27")))).expect("app")
}

fn open(app: &App, db: &Path) -> Store {
    app.open_store(Some(&db.display().to_string()))
        .expect("store")
}

const NUMBER: &str = "43010219800101109X";

/// Three petitions of 王某 about one enforcement case — the number written once in capitals,
/// once in lower case with a space — and one of 李某 with no number.
const REGISTER: &str = "登记号,法院代字,登记日期,来源,信访人,证件号码,人数,涉及案号,事项类别,信访层级,受理日期,答复日期,办理结果
2026-001,湘1402,2026-03-02,来访,王某,43010219800101109X,1,（2025）湘1402执2号,执行,来院,2026-03-05,2026-03-20,解释
2026-002,湘1402,2026-04-10,来信,王某,430102 19800101109x,1,（2025）湘1402执2号,执行,赴市,2026-04-12,,
2026-003,湘1402,2026-05-06,来访,王某、李某,43010219800101109X、,5,（2025）湘1402执2号,执行,赴省,,,
2026-004,湘1402,2026-05-07,12368热线,李某,,1,,审判作风,来院,,,
";

fn write(dir: &TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("written");
    path
}

fn import(app: &App, db: &Path, files: &[PathBuf]) -> ImportOutcome {
    let mut store = open(app, db);
    app.import(
        &mut store,
        &ImportRequest {
            files: files.to_vec(),
            ..ImportRequest::default()
        },
        &mut |_| {},
    )
    .expect("the import runs")
}

/// A store holding the enforcement case, with 王某 as its applicant (the same number).
fn store_with_case(app: &App, db: &Path) {
    let mut store = open(app, db);
    let case_no = CaseNumber::parse("（2025）湘1402执2号", 2026).expect("a case number");
    let court = case_no.court().expect("a court");
    let record = CaseRecord::filed(case_no.clone(), court, d("2025-06-01"));
    store
        .inner
        .write_import(&[record], &Vec::<EventRecord>::new(), &mut |_| {})
        .expect("the case");
    let secret = app.identity_secret(&store).expect("a secret");
    let number = shenguan_domain::IdNumber::parse(NUMBER).expect("a number");
    let parties = vec![CaseParties {
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
    }];
    let mut batch = Some(shenguan_store::Batch {
        parties: std::borrow::Cow::Owned(parties),
        ..Default::default()
    });
    store
        .inner
        .write_import_batches(&[], &mut || batch.take(), &mut |_| {})
        .expect("the parties");
}

#[test]
fn one_person_under_two_spellings_is_one_petitioner_and_no_number_is_kept() {
    let dir = TempDir::new("register");
    let app = app();
    let db = dir.join("shenguan.db");
    store_with_case(&app, &db);
    let register = write(&dir, "信访登记.csv", REGISTER);
    let outcome = import(&app, &db, std::slice::from_ref(&register));
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    assert_eq!(outcome.petitions_valid, 4);
    let written = outcome.written.expect("written").records.petitions;
    assert_eq!(written.added, 4);

    let mut store = open(&app, &db);
    let stored: Vec<_> = store
        .inner
        .petitions(&PetitionQuery::default())
        .expect("read")
        .into_iter()
        .map(|p| p.petition)
        .collect();
    let keys: Vec<_> = stored
        .iter()
        .flat_map(|p| p.petitioners.iter())
        .filter(|x| x.name == "王某")
        .map(|x| x.identity.clone().expect("a key"))
        .collect();
    assert_eq!(keys.len(), 3);
    assert!(keys.iter().all(|k| *k == keys[0]), "one person: {keys:?}");
    // The key a party of the case with the same number carries: the petitioner's case is found.
    let party = store.inner.parties("（2025）湘1402执2号").expect("parties");
    assert_eq!(party[0].identity.as_ref(), Some(&keys[0]));
    // One matter, two repeats; 李某's own petition (no case, no number) stands alone.
    let found = matters(&stored);
    assert_eq!(found, vec![vec![0, 1, 2], vec![3]]);
    assert_eq!(repeats(&stored, &found), vec![false, true, true, false]);

    // Neither the store nor an export holds the number in clear, in either spelling.
    drop(store);
    let out = dir.join("out");
    let mut store = open(&app, &db);
    let files = app
        .export(
            &mut store,
            &ExportRequest {
                format: ExportFormat::Csv,
                out_dir: out.clone(),
                query: shenguan_store::CaseQuery::default(),
                chinese_header: true,
                partition_by: Vec::new(),
            },
            &mut |_| {},
        )
        .expect("exported")
        .files;
    drop(store);
    let digits = &NUMBER[..17];
    for path in files.iter().chain([&db]) {
        let bytes = std::fs::read(path).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(digits),
            "{} holds the number",
            path.display()
        );
    }
    let exported = std::fs::read_to_string(out.join("petitions.csv")).expect("the register");
    assert!(exported.contains("4301**********109X"), "{exported}");

    // The export into another store: the same register, keys and all; a second import changes
    // nothing.
    let other = dir.join("other.db");
    let outcome = import(&app, &other, &files);
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    let mut copy = open(&app, &other);
    let copied: Vec<_> = copy
        .inner
        .petitions(&PetitionQuery::default())
        .expect("read")
        .into_iter()
        .map(|p| p.petition)
        .collect();
    assert_eq!(copied, stored);
    drop(copy);
    let again = import(&app, &other, &files);
    let petitions = again.written.expect("written").records.petitions;
    assert_eq!(
        (petitions.added, petitions.updated, petitions.unchanged),
        (0, 0, 4)
    );
}

#[test]
fn a_malformed_register_writes_nothing_and_an_updated_one_updates() {
    let dir = TempDir::new("register-bad");
    let app = app();
    let db = dir.join("shenguan.db");
    store_with_case(&app, &db);
    let bad = REGISTER.replace("2026-05-07,12368热线", "2026-05-07,托人带话");
    let register = write(&dir, "信访登记.csv", &bad);
    let outcome = import(&app, &db, std::slice::from_ref(&register));
    assert!(outcome.written.is_none());
    assert_eq!(outcome.errors.len(), 1, "{:?}", outcome.errors);
    let error = &outcome.errors[0];
    assert_eq!(
        (error.row, error.column.as_str(), error.value.as_str()),
        (5, "来源", "托人带话")
    );
    assert!(error.reason_zh.contains("12368热线"), "{error:?}");
    let mut store = open(&app, &db);
    assert!(
        store
            .inner
            .petitions(&PetitionQuery::default())
            .expect("read")
            .is_empty()
    );
    drop(store);
    // The good register, then an updated one: the second petition has its reply now.
    let register = write(&dir, "信访登记.csv", REGISTER);
    import(&app, &db, std::slice::from_ref(&register));
    let updated = REGISTER.replace("2026-04-12,,", "2026-04-12,2026-05-01,不予支持");
    let register = write(&dir, "信访登记2.csv", &updated);
    let outcome = import(&app, &db, &[register]);
    let petitions = outcome.written.expect("written").records.petitions;
    assert_eq!(
        (petitions.added, petitions.updated, petitions.unchanged),
        (0, 1, 3)
    );
    let mut store = open(&app, &db);
    let second = store
        .inner
        .petitions(&PetitionQuery::default())
        .expect("read")
        .into_iter()
        .find(|p| p.petition.register_no == "2026-002")
        .expect("the second");
    assert_eq!(second.petition.replied_on, Some(d("2026-05-01")));
}

#[test]
fn an_imported_register_is_counted_by_the_indicators_and_the_third_target() {
    use shenguan_metrics::catalogue::IndicatorCode;
    use shenguan_metrics::{Dimension, Filter};

    let dir = TempDir::new("register-figures");
    let app = app();
    let db = dir.join("shenguan.db");
    store_with_case(&app, &db);
    let request =
        |indicators: Vec<&'static shenguan_metrics::Indicator>| crate::metrics::MetricsRequest {
            from: d("2026-01-01"),
            to: d("2026-06-30"),
            group_by: vec![Dimension::Court],
            filter: Filter::default(),
            indicators,
            compare: Vec::new(),
            definitions: Default::default(),
        };
    // No register yet: the third target is "—", not 0.
    let mut store = open(&app, &db);
    let cases = app.columns(&mut store, &mut |_| {}).expect("columns");
    let report = app
        .metrics(&cases, &app.targets_request(request(Vec::new())))
        .expect("targets");
    assert!(app.targets(&report).total.petitions_closed.unavailable);
    drop(store);

    let register = write(&dir, "信访登记.csv", REGISTER);
    import(&app, &db, std::slice::from_ref(&register));
    let mut store = open(&app, &db);
    // The import moved the data version: the columns are built again, with the register.
    let cases = app.columns(&mut store, &mut |_| {}).expect("columns");
    let asked = request(vec![
        IndicatorCode::Petitions.indicator(),
        IndicatorCode::RepeatPetitionRate.indicator(),
        IndicatorCode::EnforcementPetitionCompletionRate.indicator(),
    ]);
    let report = app.metrics(&cases, &asked).expect("figures");
    let row = &report.result.rows[0];
    assert_eq!(row.group, vec![(Dimension::Court, "湘1402".to_string())]);
    // Four petitions; 王某's second and third repeat his first → 2 ÷ 4; three about the
    // enforcement case, the first answered → 1 ÷ 3.
    assert_eq!(row.values[0], Some(4.0));
    assert_eq!(row.values[1], Some(50.0));
    let rate = row.values[2].expect("a rate");
    assert!((rate - 100.0 / 3.0).abs() < 1e-9, "{rate}");
    let report = app
        .metrics(&cases, &app.targets_request(request(Vec::new())))
        .expect("targets");
    let targets = app.targets(&report);
    assert!(!targets.total.petitions_closed.unavailable);
    assert_eq!(
        (
            targets.total.petitions_closed.met,
            targets.total.petitions_closed.all
        ),
        (1, 3)
    );
}

/// A notice of four cities for the first half of 2026: 清河 (湘1402 here, the store's court)
/// ties with 长沙 on the province count.
const NOTICE: &str = "通报期间起,通报期间止,地区,法院代字,赴省信访,赴京信访,赴巡回法庭信访
2026-01-01,2026-06-30,长沙,,2,1,0
2026-01-01,2026-06-30,清河,湘1402,2,0,0
2026-01-01,2026-06-30,株洲,,5,0,1
2026-01-01,2026-06-30,湘潭,,1,0,0
";

#[test]
fn the_notice_places_the_city_beside_its_own_register() {
    use shenguan_domain::petition::ranking::Reached;

    let dir = TempDir::new("notice");
    let app = app();
    let db = dir.join("shenguan.db");
    store_with_case(&app, &db);
    let register = write(&dir, "信访登记.csv", REGISTER);
    import(&app, &db, std::slice::from_ref(&register));
    let notice = write(&dir, "通报.csv", NOTICE);
    // A basic court's office may not import the province's notice.
    let mut store = open(&app, &db);
    let refused = app
        .import(
            &mut store,
            &ImportRequest {
                files: vec![notice.clone()],
                within: Some(shenguan_domain::CourtCode::parse("湘1402").expect("court")),
                ..ImportRequest::default()
            },
            &mut |_| {},
        )
        .expect("the import runs");
    assert!(refused.written.is_none());
    assert_eq!(refused.errors.len(), 4, "{:?}", refused.errors);
    assert!(store.inner.petition_notices().expect("read").is_empty());
    drop(store);

    let outcome = import(&app, &db, std::slice::from_ref(&notice));
    assert_eq!(outcome.written.expect("written").records.notice_rows, 4);
    let mut store = open(&app, &db);
    let court = shenguan_domain::CourtCode::parse("湘1402").expect("court");
    let standing = app
        .petition_standing(&mut store, court, None, 2)
        .expect("a standing");
    assert_eq!(standing.notice.rows[standing.row].region, "清河");
    let (reached, place, own) = standing.places[0];
    assert_eq!(reached, Reached::Province);
    // 株洲 5 first; 清河 and 长沙 2 share second; to leave the first two, 清河 must come below
    // the second of its others (2): down to 1, one fewer.
    assert_eq!(
        (place.rank, place.shared_by, place.to_leave),
        (2, 2, Some(1))
    );
    // Its own register has one petition at the province in the half year (2026-002 went to
    // the city, 2026-003 to the province).
    assert_eq!(own, 1);
    // A second import of the notice replaces its rows rather than adding them.
    drop(store);
    import(&app, &db, std::slice::from_ref(&notice));
    let mut store = open(&app, &db);
    assert_eq!(
        store.inner.petition_notices().expect("read")[0].rows.len(),
        4
    );
    // Another court's row is asked for: the notice names none.
    let other = shenguan_domain::CourtCode::parse("湘1403").expect("court");
    assert!(app.petition_standing(&mut store, other, None, 2).is_err());
}
