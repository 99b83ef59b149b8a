//! Upgrading a store from the command line: `migrate --check` says what an upgrade would apply
//! and changes nothing; `migrate` applies it; the audit lines of the old store come through
//! sealed on the chain.

use rusqlite::Connection;
use shenguan_store::migrations;

use crate::support::Workdir;

/// Leaves at the workdir's store the schema one version behind this program's, with one audit
/// line of the old kind (no chain).
pub(crate) fn previous_version(dir: &Workdir) {
    let previous = migrations::latest() - 1;
    let mut sql = String::from(
        "CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL);\n",
    );
    for (v, name, script) in migrations::scripts(false)
        .iter()
        .filter(|(v, ..)| *v <= previous)
    {
        sql.push_str(script);
        sql.push_str(&format!(
            ";\nINSERT INTO schema_migrations (version, name) VALUES ({v}, '{name}');\n"
        ));
    }
    sql.push_str(
        "INSERT INTO audit_log (at, user_name, action, detail)
         VALUES ('2026-11-01T09:00:00+08:00', NULL, 'import', 'cases.csv');",
    );
    Connection::open(&dir.db)
        .expect("open")
        .execute_batch(&sql)
        .expect("the previous version's store");
}

fn applied(dir: &Workdir) -> i64 {
    Connection::open(&dir.db)
        .expect("open")
        .query_row("SELECT max(version) FROM schema_migrations", [], |r| {
            r.get(0)
        })
        .expect("version")
}

#[test]
fn migrate_check_says_what_an_upgrade_would_do_and_changes_nothing() {
    let dir = Workdir::sqlite();
    previous_version(&dir);
    let latest = migrations::latest();
    let (last, name, _) = migrations::scripts(false).last().expect("a migration");
    let check = dir.ok(&["migrate", "--check"]);
    assert!(
        check.contains(&format!("第{}版", latest - 1))
            && check.contains(&format!("第{latest}版"))
            && check.contains(&format!("{last:04}\t{name}")),
        "{check}"
    );
    assert_eq!(applied(&dir), latest - 1, "--check changed the store");

    let (done, noted) = dir.ok_noting(&["migrate"]);
    assert!(
        done.contains(&format!("从第{}版升级到第{latest}版", latest - 1)),
        "{done}"
    );
    // Backed up first, and the file named.
    assert!(
        noted.contains("升级前已备份到") && noted.contains(".sgbak"),
        "{noted}"
    );
    assert_eq!(applied(&dir), latest);
    let again = dir.ok(&["migrate", "--check"]);
    assert!(again.contains("已是最新"), "{again}");
    // The old line is on the chain now.
    let verified = dir.ok(&["audit", "verify"]);
    assert!(verified.contains("1条"), "{verified}");
}

#[test]
fn migrate_refuses_a_store_of_a_newer_version() {
    let dir = Workdir::sqlite();
    dir.ok(&["migrate"]);
    let future = migrations::latest() + 1;
    Connection::open(&dir.db)
        .expect("open")
        .execute_batch(&format!(
            "INSERT INTO schema_migrations (version, name) VALUES ({future}, 'future')"
        ))
        .expect("a newer version");
    for args in [
        &["migrate", "--check"][..],
        &["migrate"],
        &["audit", "verify"],
    ] {
        let said = dir.refused(args, 1);
        assert!(
            said.contains(&format!("{future}")) && said.contains("更新版本"),
            "{args:?}: {said}"
        );
    }
}
