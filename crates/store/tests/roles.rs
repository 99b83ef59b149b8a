//! On PostgreSQL the service's database role can be kept from rewriting the chained logs: granted
//! only to read and add to `audit_log` and `allocation_log` (docs/operations.md, "审计日志 The
//! audit log"), it still opens the store, writes audit entries and allocations with their log
//! entries, and the server refuses its attempts to change or empty the logs.

use postgres::NoTls;
use shenguan_store::{AllocationRow, Store, StoreUrl};
use shenguan_testkit::StorePlace;
use shenguan_testkit::skip::current_test;
use shenguan_testkit::store::postgres_server;

/// A role of the server, dropped (with its grants) when this is dropped, even after a failure.
struct Role {
    admin: String,
    name: String,
}

impl Role {
    fn create(admin: &str, schema: &str) -> Role {
        let name = format!("shenguan_append_only_{}", std::process::id());
        let role = Role {
            admin: admin.to_string(),
            name,
        };
        role.admin_sql(&format!(
            "DROP ROLE IF EXISTS {r};
             CREATE ROLE {r} LOGIN PASSWORD 'append-only';
             GRANT USAGE ON SCHEMA {schema} TO {r};
             GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {r};
             GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {r};
             REVOKE UPDATE, DELETE, TRUNCATE ON {schema}.audit_log, {schema}.allocation_log
                 FROM {r};",
            r = role.name
        ));
        role
    }

    fn admin_sql(&self, sql: &str) {
        let mut client = postgres::Client::connect(&self.admin, NoTls).expect("the test server");
        client.batch_execute(sql).expect("the role's set-up");
    }

    /// The store URL of `schema` as this role: the server's address with its name and password.
    fn url(&self, schema: &str) -> String {
        let (scheme, rest) = self.admin.split_once("://").expect("a postgres:// URL");
        let place = rest.rsplit_once('@').map_or(rest, |(_, place)| place);
        let separator = if place.contains('?') { '&' } else { '?' };
        format!(
            "{scheme}://{}:append-only@{place}{separator}options=-csearch_path%3D{schema}",
            self.name
        )
    }
}

impl Drop for Role {
    fn drop(&mut self) {
        if let Ok(mut client) = postgres::Client::connect(&self.admin, NoTls) {
            let _ = client.batch_execute(&format!(
                "DROP OWNED BY {r}; DROP ROLE IF EXISTS {r}",
                r = self.name
            ));
        }
    }
}

#[test]
fn a_role_that_may_only_add_to_the_logs_does_the_services_work() {
    let test = current_test();
    let Some(place) = StorePlace::postgres("store_roles", &test) else {
        return; // recorded in the skip ledger, or a failure when PostgreSQL is required
    };
    let StorePlace::Postgres(schema) = &place else {
        unreachable!("a PostgreSQL place")
    };
    let admin = postgres_server(&test).expect("the server the place was made on");
    // The owner makes the schema, as an upgrade run by the database's administrator would.
    drop(Store::open(&StoreUrl::parse(&place.url()).expect("url")).expect("migrated"));
    let role = Role::create(&admin, schema.name());
    let url = role.url(schema.name());

    let mut store = Store::open(&StoreUrl::parse(&url).expect("url"))
        .expect("a role that may not create tables opens a store with nothing to migrate");
    for n in 1..=2 {
        store
            .audit(
                "2026-12-07T10:00:00+08:00",
                Some("office"),
                "case.view",
                &format!("（2026）湘1402民初{n}号"),
            )
            .expect("the role adds to the audit log");
    }
    assert_eq!(store.audit_head().expect("head").0, 2);
    let allocation = AllocationRow {
        case_no: "（2026）湘1402民初1号".into(),
        court: "湘1402".into(),
        track: "simple".into(),
        pool: "民一庭".into(),
        rule: "民事简案".into(),
        version: "2026-1".into(),
        judge: Some("J1".into()),
        how: "draw".into(),
        seed: Some(7),
        reason: None,
        approver: None,
        weight: 100,
        facts: "type=民初".into(),
        at: "2026-03-01T09:00:00+08:00".into(),
    };
    let logged = [
        ("track", "民事简案".to_string()),
        ("draw", "J1".to_string()),
    ];
    let entries = store
        .allocate(&allocation, &logged)
        .expect("the role adds to the allocation log")
        .expect("a new allocation");
    assert_eq!(entries.len(), 2);
    drop(store);

    // What the grant is for: the role cannot rewrite either log.
    let mut client = postgres::Client::connect(&url, NoTls).expect("the role connects");
    for attempt in [
        "UPDATE audit_log SET detail = 'changed'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
        "UPDATE allocation_log SET detail = 'changed'",
        "DELETE FROM allocation_log",
    ] {
        let refused = client.batch_execute(attempt).expect_err(attempt);
        assert!(
            refused
                .as_db_error()
                .is_some_and(|e| e.message().contains("permission denied")),
            "{attempt}: {refused}"
        );
    }
}
