//! A store made by the previous release — schema version 3, where an extension was a total of
//! days — opens under this one on both backends with nothing lost: every case, event, court,
//! account and audit line is still there, and each stored total of days becomes one extension in
//! days, which is what it said. And the figures of reports recorded before definitions had
//! versions read as made by the definitions then current.

use postgres::NoTls;
use shenguan_domain::audit_log::Sealed;
use shenguan_domain::hash_chain::GENESIS;
use shenguan_domain::{CaseNumber, Exclusion, Extension, Period};
use shenguan_store::{Store, StoreUrl, migrations};
use shenguan_testkit::StorePlace;
use shenguan_testkit::skip::current_test;

const LEDGER: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version BIGINT PRIMARY KEY,
    name    TEXT NOT NULL
);
INSERT INTO schema_migrations (version, name) VALUES (1, 'cases'), (2, 'accounts'), (3, 'case_lists');";

/// The previous release's data, in SQL both databases read.
const DATA: &str = "
INSERT INTO courts (code, name, level, parent_code) VALUES ('湘1402', '株洲市荷塘区人民法院', 'basic', '湘14');
INSERT INTO cases (case_no, court_code, court_name, year, type_code, category, stage, legacy,
    procedure, cause, division, judge, filed_on, closed_on, closing_method, claim_amount_fen,
    recovered_amount_fen, extension_days, excluded_days, origin_case_no)
VALUES
    ('（2025）湘1402民初7号', '湘1402', '株洲市荷塘区人民法院', 2025, '民初', 'civil', 'first_instance', '0',
     '普通', '买卖合同纠纷', '民一庭', '李娜', '2025-07-16', NULL, NULL, 1234500, NULL, 30, 3, NULL),
    ('（2025）湘1402民初8号', '湘1402', NULL, 2025, '民初', 'civil', 'first_instance', '0',
     '简易', NULL, NULL, '王伟', '2025-08-01', '2025-09-30', '调解', NULL, NULL, 0, 0, NULL);
INSERT INTO events (case_no, date, kind, detail) VALUES ('（2025）湘1402民初7号', '2026-01-05', '延长审限', '30日');
INSERT INTO users (name, role, court_code, division, password_hash, created_at)
VALUES ('office', 'office', '湘1402', NULL, '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', '2026-11-01T09:00:00');
INSERT INTO audit_log (at, user_name, action, detail) VALUES ('2026-11-01T09:00:00', 'office', 'import', 'cases.csv');";

fn sqlite_scripts() -> [&'static str; 3] {
    [
        include_str!("../migrations/sqlite/0001_cases.sql"),
        include_str!("../migrations/sqlite/0002_accounts.sql"),
        include_str!("../migrations/sqlite/0003_case_lists.sql"),
    ]
}

fn postgres_scripts() -> [&'static str; 3] {
    [
        include_str!("../migrations/postgres/0001_cases.sql"),
        include_str!("../migrations/postgres/0002_accounts.sql"),
        include_str!("../migrations/postgres/0003_case_lists.sql"),
    ]
}

/// Makes, at `place`, the store the previous release would have left.
fn previous_release(place: &StorePlace) {
    match place {
        StorePlace::Sqlite { path, .. } => {
            let conn = rusqlite::Connection::open(path).expect("sqlite");
            for script in sqlite_scripts() {
                conn.execute_batch(script).expect("old schema");
            }
            conn.execute_batch(LEDGER).expect("ledger");
            conn.execute_batch(DATA).expect("old data");
        }
        StorePlace::Postgres(schema) => {
            let mut client = postgres::Client::connect(&schema.url(), NoTls).expect("postgres");
            for script in postgres_scripts() {
                client.batch_execute(script).expect("old schema");
            }
            client.batch_execute(LEDGER).expect("ledger");
            client.batch_execute(DATA).expect("old data");
        }
    }
}

#[test]
fn a_store_of_the_previous_release_migrates_with_nothing_lost() {
    for place in StorePlace::both("store_migration", &current_test()) {
        let backend = place.backend();
        previous_release(&place);
        let url = StoreUrl::parse(&place.url()).expect("url");
        let mut store = Store::open(&url).unwrap_or_else(|e| panic!("{backend}: {e}"));

        let (extended, events) = store
            .case("（2025）湘1402民初7号")
            .expect("read")
            .expect("the first case is still there");
        assert_eq!(
            extended.extensions,
            [Extension::of(Period::Days(30))],
            "{backend}"
        );
        // A total of excluded days becomes one period of unstated ground.
        assert_eq!(extended.exclusions, [Exclusion::total(3)], "{backend}");
        assert_eq!(extended.excluded_days(), 3, "{backend}");
        assert_eq!(extended.judge.as_deref(), Some("李娜"), "{backend}");
        // Judges were names: they stay names, with no staff number, counted within their court.
        assert_eq!(extended.judge_id, None, "{backend}");
        assert_eq!(
            extended.judge_key().as_deref(),
            Some("湘1402:李娜"),
            "{backend}"
        );
        assert_eq!(extended.cause.as_deref(), Some("买卖合同纠纷"), "{backend}");
        assert_eq!(
            extended.claim_amount.map(|m| m.fen()),
            Some(1_234_500),
            "{backend}"
        );
        assert_eq!(events.len(), 1, "{backend}");
        assert_eq!(events[0].detail, "30日", "{backend}");

        let (plain, _) = store
            .case("（2025）湘1402民初8号")
            .expect("read")
            .expect("the second case is still there");
        assert!(
            plain.extensions.is_empty(),
            "{backend}: no extension stays none"
        );
        assert_eq!(
            plain
                .closing_method
                .map(shenguan_domain::ClosingMethod::label_zh),
            Some("调解"),
            "{backend}"
        );

        assert_eq!(store.count_cases().expect("count"), 2, "{backend}");
        assert_eq!(store.count_events().expect("count"), 1, "{backend}");
        let courts = store.courts().expect("courts");
        assert_eq!(courts.len(), 1, "{backend}");
        assert_eq!(courts[0].name, "株洲市荷塘区人民法院", "{backend}");
        assert_eq!(
            courts[0].short_name, None,
            "{backend}: no short name was stored before"
        );
        let users = store.users().expect("users");
        assert_eq!(users.len(), 1, "{backend}");
        assert_eq!(users[0].staff_id, None, "{backend}");
        assert!(store.staff().expect("staff").is_empty(), "{backend}");
        let audit = store.audit_entries(10).expect("audit");
        assert_eq!(audit.len(), 1, "{backend}");
        assert_eq!(audit[0].detail, "cases.csv", "{backend}");
        // The line written before the log was a chain is sealed by the upgrade, as the first.
        let sealed = Sealed::after(
            (0, GENESIS),
            "2026-11-01T09:00:00",
            Some("office"),
            "import",
            "cases.csv",
        );
        assert_eq!(audit[0].seq, Some(1), "{backend}");
        assert_eq!(audit[0].prev.as_deref(), Some(GENESIS), "{backend}");
        assert_eq!(audit[0].hash, Some(sealed.hash.clone()), "{backend}");
        assert_eq!(
            store.audit_head().expect("head"),
            (1, sealed.hash),
            "{backend}"
        );

        // The migrated store takes an extension in months and gives it back as granted.
        let mut months = extended.clone();
        months.case_no = CaseNumber::parse("（2025）湘1402民初9号", 2026).expect("number");
        months.extensions = vec![
            Extension::of(Period::Months(6)),
            Extension::of(Period::Days(15)),
        ];
        store
            .write_import(std::slice::from_ref(&months), &[], &mut |_| {})
            .expect("write");
        let (back, _) = store
            .case("（2025）湘1402民初9号")
            .expect("read")
            .expect("written");
        assert_eq!(back.extensions, months.extensions, "{backend}");

        // Opening again applies nothing twice.
        drop(store);
        let mut again = Store::open(&url).expect("reopen");
        assert_eq!(again.count_cases().expect("count"), 3, "{backend}");
    }
}

/// Takes the store at `place` back to before migration 28: the figures without their versions
/// (and the audit log without its chain, migration 29).
fn before_definition_versions(place: &StorePlace) {
    let undo = "DROP INDEX audit_log_by_seq;
                ALTER TABLE audit_log DROP COLUMN seq;
                ALTER TABLE audit_log DROP COLUMN prev;
                ALTER TABLE audit_log DROP COLUMN hash;
                ALTER TABLE report_figures DROP COLUMN definition_version;
                DELETE FROM schema_migrations WHERE version >= 28;";
    match place {
        StorePlace::Sqlite { path, .. } => {
            let conn = rusqlite::Connection::open(path).expect("sqlite");
            conn.execute_batch(undo).expect("undo");
        }
        StorePlace::Postgres(schema) => {
            let mut client = postgres::Client::connect(&schema.url(), NoTls).expect("postgres");
            client.batch_execute(undo).expect("undo");
        }
    }
}

#[test]
fn reports_recorded_before_versions_read_as_made_by_the_definitions_then_current() {
    use shenguan_store::{ReportRow, ReportWrite};
    for place in StorePlace::both("definition_versions", &current_test()) {
        let backend = place.backend();
        let url = StoreUrl::parse(&place.url()).expect("url");
        let id = {
            let mut store = Store::open(&url).unwrap_or_else(|e| panic!("{backend}: {e}"));
            let day =
                |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("day");
            store
                .record_report(&ReportWrite {
                    report: ReportRow {
                        id: 0,
                        version: 0,
                        made_at: "2026-11-05 09:00:00".into(),
                        name: "2026年10月质效通报".into(),
                        kind: "bulletin".into(),
                        court_code: None,
                        with_lower: false,
                        from: day("2026-01-01"),
                        to: day("2026-10-31"),
                        made_by: None,
                    },
                    stock_flow: Vec::new(),
                    // What the store will forget and the migration must work out again.
                    figures: vec![
                        ("closed".into(), Some(812.0), 7),
                        ("within_limit_rate".into(), Some(96.5), 7),
                    ],
                })
                .unwrap_or_else(|e| panic!("{backend}: {e}"))
        };
        before_definition_versions(&place);
        let mut store = Store::open(&url).unwrap_or_else(|e| panic!("{backend}: {e}"));
        // Before versions, 法定审限内结案率 was computed by its second definition (extensions
        // counted) and every other indicator by its first.
        assert_eq!(
            store
                .report_figures(id)
                .unwrap_or_else(|e| panic!("{backend}: {e}")),
            [
                ("closed".to_string(), Some(812.0), 1),
                ("within_limit_rate".to_string(), Some(96.5), 2),
            ],
            "{backend}"
        );
    }
}

/// Makes at `place` the store schema version `version` left: its scripts and its ledger.
fn store_of_version(place: &StorePlace, version: i64) {
    let postgres = matches!(place, StorePlace::Postgres(_));
    let mut sql = String::from(LEDGER.split(';').next().expect("the ledger table"));
    sql.push_str(";\n");
    for (v, name, script) in migrations::scripts(postgres)
        .iter()
        .filter(|(v, ..)| *v <= version)
    {
        sql.push_str(script);
        sql.push_str(&format!(
            ";\nINSERT INTO schema_migrations (version, name) VALUES ({v}, '{name}');\n"
        ));
    }
    batch(place, &sql);
}

fn batch(place: &StorePlace, sql: &str) {
    match place {
        StorePlace::Sqlite { path, .. } => {
            let conn = rusqlite::Connection::open(path).expect("sqlite");
            conn.execute_batch(sql).expect("sql");
        }
        StorePlace::Postgres(schema) => {
            let mut client = postgres::Client::connect(&schema.url(), NoTls).expect("postgres");
            client.batch_execute(sql).expect("sql");
        }
    }
}

#[test]
fn a_store_of_every_earlier_schema_version_migrates_to_the_latest() {
    let latest = migrations::latest();
    assert_eq!(
        migrations::scripts(false).len(),
        migrations::scripts(true).len(),
        "both backends have the same versions"
    );
    assert_eq!(latest, migrations::scripts(true).len() as i64);
    for version in 0..latest {
        for place in StorePlace::both("store_versions", &current_test()) {
            let backend = place.backend();
            store_of_version(&place, version);
            let url = StoreUrl::parse(&place.url()).expect("url");
            let before = Store::schema_state(&url).expect("state");
            assert_eq!(before.applied, version, "{backend}");
            let pending: Vec<i64> = before.pending.iter().map(|(v, _)| *v).collect();
            assert_eq!(
                pending,
                ((version + 1)..=latest).collect::<Vec<_>>(),
                "{backend} at {version}"
            );
            let mut store =
                Store::open(&url).unwrap_or_else(|e| panic!("{backend} at {version}: {e}"));
            // The latest schema, and it works: an audit entry is written and chained.
            store
                .audit("2026-12-07T10:00:00+08:00", None, "migrate", "test")
                .expect("audit");
            assert_eq!(
                store.audit_head().expect("head").0,
                1,
                "{backend} at {version}"
            );
            drop(store);
            let after = Store::schema_state(&url).expect("state");
            assert_eq!(
                (after.applied, after.pending.len()),
                (latest, 0),
                "{backend}"
            );
        }
    }
}

#[test]
fn a_store_of_a_newer_schema_is_refused_untouched() {
    for place in StorePlace::both("store_newer", &current_test()) {
        let backend = place.backend();
        let url = StoreUrl::parse(&place.url()).expect("url");
        drop(Store::open(&url).expect("open"));
        let future = migrations::latest() + 1;
        batch(
            &place,
            &format!("INSERT INTO schema_migrations (version, name) VALUES ({future}, 'future')"),
        );
        let refused = Store::open(&url).expect_err("a newer store is refused");
        let said = refused.text();
        assert!(
            said.en().contains(&format!("version {future}")) && said.zh().contains("更新版本"),
            "{backend}: {said:?}"
        );
        assert_eq!(
            Store::schema_state(&url).expect("state").applied,
            future,
            "{backend}"
        );
    }
}

#[test]
fn a_migration_that_fails_leaves_the_store_as_it_was() {
    let latest = migrations::latest();
    let from = latest - 2;
    for place in StorePlace::both("store_failed_upgrade", &current_test()) {
        let backend = place.backend();
        store_of_version(&place, from);
        // A table under the name the last migration gives its index: that migration fails, after
        // the one before it ran in the same upgrade.
        batch(
            &place,
            "INSERT INTO audit_log (at, user_name, action, detail)
                 VALUES ('2026-11-01T09:00:00', 'office', 'import', 'cases.csv');
             CREATE TABLE audit_log_by_seq (x INTEGER);",
        );
        let url = StoreUrl::parse(&place.url()).expect("url");
        let refused = Store::open(&url).expect_err("the upgrade fails");
        assert!(
            refused.text().en().contains("audit_log_by_seq"),
            "{backend}: the reason names what failed: {:?}",
            refused.text()
        );
        let state = Store::schema_state(&url).expect("state");
        assert_eq!(
            state.applied, from,
            "{backend}: no migration of the failed upgrade stays applied"
        );
        // The audit log has none of the chain's columns yet.
        match &place {
            StorePlace::Sqlite { path, .. } => {
                let conn = rusqlite::Connection::open(path).expect("sqlite");
                assert!(
                    conn.prepare("SELECT seq FROM audit_log").is_err(),
                    "{backend}: the chain's columns were left behind"
                );
            }
            StorePlace::Postgres(schema) => {
                let mut client = postgres::Client::connect(&schema.url(), NoTls).expect("postgres");
                let columns: i64 = client
                    .query_one(
                        "SELECT count(*) FROM information_schema.columns
                         WHERE table_schema = current_schema() AND table_name = 'audit_log'
                           AND column_name = 'seq'",
                        &[],
                    )
                    .expect("columns")
                    .get(0);
                assert_eq!(
                    columns, 0,
                    "{backend}: the chain's columns were left behind"
                );
            }
        }
        // Once the obstacle is gone, the same upgrade goes through and seals the old entry.
        batch(&place, "DROP TABLE audit_log_by_seq;");
        let mut store = Store::open(&url).unwrap_or_else(|e| panic!("{backend}: {e}"));
        assert_eq!(store.audit_head().expect("head").0, 1, "{backend}");
        drop(store);
        assert_eq!(Store::schema_state(&url).expect("state").applied, latest);
    }
}
