//! Backup and restore from the command line, as an operator runs them: a backup taken while the
//! server serves and another program writes, restored into a new store on each backend with
//! every table the same (counts and hashes); damaged, foreign, newer and hostile files refused
//! with the reason and nothing written; a backup or a restore killed halfway leaving nothing
//! under the names asked for; and the backup a command takes by itself before an upgrade.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;
use sha2::{Digest, Sha256};
use shenguan_store::{Store, StoreUrl, TableSum, migrations};

use crate::support::{Workdir, output, stderr, stdout};

const PASSWORD: &[u8] = b"correct horse battery staple 2026\n";

fn sums(url: &str) -> Vec<TableSum> {
    Store::open_as_is(&StoreUrl::parse(url).expect("url"))
        .expect("open")
        .table_sums()
        .expect("sums")
}

/// A store with cases, an account, a token and their audit entries.
fn filled(dir: &Workdir) {
    dir.ok(&[
        "generate",
        "--cases",
        "3000",
        "--seed",
        "5",
        "--from",
        "2024-01-01",
        "--to",
        "2024-12-31",
    ]);
    let add = dir.run_with_stdin(&["user", "add", "赵管理员", "--role", "admin"], PASSWORD);
    assert_eq!(add.status.code(), Some(0), "{}", stderr(&add));
    dir.ok(&["user", "token", "赵管理员"]);
}

#[test]
fn a_backup_restores_every_table_exactly_on_both_backends() {
    for dir in Workdir::all() {
        let backend = dir.backend();
        filled(&dir);
        let file = dir.file("store.sgbak");
        let out = dir.ok(&["backup", "--out", file.to_str().expect("path")]);
        assert!(
            out.contains("已备份到") && out.contains("校验和"),
            "{backend}: {out}"
        );
        // A second backup never overwrites the first.
        let said = dir.refused(&["backup", "--out", file.to_str().expect("path")], 1);
        assert!(said.contains("已存在"), "{backend}: {said}");

        // A PostgreSQL target is another fresh schema, kept until the test ends.
        let (_other, target) = new_target(&dir, "restored.db");
        let restored = restore_into(&dir, &target, &file, &[]);
        assert_eq!(
            restored.status.code(),
            Some(0),
            "{backend}: {}",
            stderr(&restored)
        );
        assert!(stdout(&restored).contains("逐表核对"), "{backend}");
        let (before, after) = (sums(&dir.db), sums(&target));
        assert!(
            before.iter().any(|t| t.name == "cases" && t.rows > 1000),
            "{backend}"
        );
        assert_eq!(before, after, "{backend}: every table, count and hash");
        // The restored store is a store: its audit log is whole, and it takes new writes after
        // the restored rows (PostgreSQL's serial numbers go on from them).
        let verify = output(
            &mut dir.bare_command(&["--db", &target, "audit", "verify"]),
            None,
        );
        let whole = stdout(&verify);
        assert!(
            whole.contains("审计日志完整"),
            "{backend}: {whole} {}",
            stderr(&verify)
        );
        let token = output(
            &mut dir.bare_command(&["--db", &target, "user", "token", "赵管理员"]),
            None,
        );
        assert_eq!(
            token.status.code(),
            Some(0),
            "{backend}: {}",
            stderr(&token)
        );
    }
}

/// A new store to restore `dir`'s into, of its kind: another fresh PostgreSQL schema (kept
/// alive by the workdir returned), or the file `name` in the folder.
fn new_target(dir: &Workdir, name: &str) -> (Option<Workdir>, String) {
    if dir.backend() == "postgres" {
        let other = Workdir::postgres().expect("a PostgreSQL server, as for the source");
        let url = other.db.clone();
        (Some(other), url)
    } else {
        (None, dir.file(name).display().to_string())
    }
}

/// `shenguan --db TARGET restore FILE EXTRA…`, run from the workdir's folder.
fn restore_into(dir: &Workdir, target: &str, file: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["--db", target, "restore", file.to_str().expect("path")];
    args.extend(extra);
    output(&mut dir.bare_command(&args), None)
}

/// A free port on the loopback.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// The status of `GET path`, or none when nothing answers.
fn status(port: u16, path: &str) -> Option<u16> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    answer.split_whitespace().nth(1)?.parse().ok()
}

struct Serving(Child);

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(dir: &Workdir) -> (Serving, u16) {
    let port = free_port();
    let bind = format!("127.0.0.1:{port}");
    let child = dir
        .command(&["serve", "--bind", &bind])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    let serving = Serving(child);
    let start = Instant::now();
    while status(port, "/healthz") != Some(200) {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the server did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    (serving, port)
}

#[test]
fn a_backup_taken_while_the_server_serves_and_accounts_are_added_is_of_one_moment() {
    let dir = Workdir::sqlite();
    filled(&dir);
    let (mut server, port) = serve(&dir);
    assert_eq!(status(port, "/readyz"), Some(200));
    // Another program adds accounts the whole time the backup runs: each account and its audit
    // entry are written together, so a copy of one moment has as many of one as of the other.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (stop, db) = (stop.clone(), dir.db.clone());
        let command = move |n: u32| {
            let mut c = dir_command(
                &db,
                &[
                    "user",
                    "add",
                    &format!("书记员{n}"),
                    "--role",
                    "office",
                    "--court",
                    "湘14",
                ],
            );
            output(&mut c, Some(PASSWORD))
        };
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) || n < 2 {
                n += 1;
                let done = command(n);
                assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
            }
            n
        })
    };
    std::thread::sleep(Duration::from_millis(300));
    let file = dir.file("serving.sgbak");
    dir.ok(&["backup", "--out", file.to_str().expect("path")]);
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let added = writer.join().expect("writer");
    assert!(added >= 2);
    assert_eq!(
        status(port, "/readyz"),
        Some(200),
        "the server went on serving"
    );

    let target = dir.file("moment.db");
    let restored = restore_into(&dir, target.to_str().expect("path"), &file, &[]);
    assert_eq!(restored.status.code(), Some(0), "{}", stderr(&restored));
    let db = Connection::open(&target).expect("open");
    let count = |sql: &str| -> i64 { db.query_row(sql, [], |r| r.get(0)).expect(sql) };
    let clerks = count("SELECT count(*) FROM users WHERE name LIKE '书记员%'");
    let entries =
        count("SELECT count(*) FROM audit_log WHERE action = 'user.add' AND detail LIKE '书记员%'");
    assert_eq!(
        clerks, entries,
        "accounts and their audit entries of one moment"
    );
    drop(db);
    // The server killed outright: the store it served opens whole, the backup untouched.
    let _ = server.0.kill();
    let _ = server.0.wait();
    dir.ok(&["audit", "verify"]);
}

fn dir_command(db: &str, args: &[&str]) -> std::process::Command {
    let mut command = shenguan_testkit::program::command(
        Path::new(env!("CARGO_BIN_EXE_shenguan")),
        Path::new(db).parent().expect("folder"),
    );
    command.args(["--db", db]).args(args);
    command
}

/// The backup file's bytes with the archive entry `name` replaced by `text`, written to `out`.
fn rewritten(from: &Path, out: &Path, edit: &dyn Fn(&str, Vec<u8>) -> Vec<u8>) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(from).expect("open")).expect("zip");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(out).expect("create"));
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().expect("name").to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read");
        writer.start_file(name.as_str(), options).expect("start");
        writer.write_all(&edit(&name, bytes)).expect("write");
    }
    writer.finish().expect("finish");
}

/// The manifest with `change` made and its checksum made right again, as a careful forger (or a
/// newer program) would write it.
fn manifest_edit(change: impl Fn(&mut serde_json::Value)) -> impl Fn(&str, Vec<u8>) -> Vec<u8> {
    move |name, bytes| {
        if name != "manifest.json" {
            return bytes;
        }
        let mut manifest: serde_json::Value = serde_json::from_slice(&bytes).expect("manifest");
        change(&mut manifest);
        let mut hasher = Sha256::new();
        for t in manifest["tables"].as_array().expect("tables") {
            hasher.update(
                format!(
                    "{}\t{}\t{}\n",
                    t["name"].as_str().unwrap_or(""),
                    t["rows"],
                    t["sha256"].as_str().unwrap_or("")
                )
                .as_bytes(),
            );
        }
        manifest["checksum"] = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
            .into();
        serde_json::to_vec(&manifest).expect("json")
    }
}

#[test]
fn a_damaged_foreign_or_newer_backup_is_refused_with_the_reason_and_nothing_written() {
    let dir = Workdir::sqlite();
    filled(&dir);
    let good = dir.file("good.sgbak");
    dir.ok(&["backup", "--out", good.to_str().expect("path")]);
    let bytes = std::fs::read(&good).expect("read");

    let refuse = |name: &str, expected: &str| {
        let target = dir.file(&format!("{name}.db"));
        let file = dir.file(name);
        let said = restore_into(&dir, target.to_str().expect("path"), &file, &[]);
        assert_eq!(said.status.code(), Some(1), "{name}: {}", stdout(&said));
        let said = stderr(&said);
        assert!(
            said.contains(expected),
            "{name}: expected “{expected}” in {said}"
        );
        assert!(!target.exists(), "{name}: a store was left behind");
        let leftovers: Vec<_> = std::fs::read_dir(&dir.path)
            .expect("folder")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains(".partial-"))
            .collect();
        assert!(leftovers.is_empty(), "{name}: {leftovers:?}");
    };

    // Cut short: no archive at all.
    std::fs::write(dir.file("cut.sgbak"), &bytes[..bytes.len() / 2]).expect("write");
    refuse("cut.sgbak", "不是 zip 归档");
    // A byte changed inside the cases' rows (the archive's own check, or the table's hash).
    let mut flipped = bytes.clone();
    let middle = flipped.len() / 3;
    flipped[middle] ^= 0x55;
    std::fs::write(dir.file("flipped.sgbak"), &flipped).expect("write");
    refuse("flipped.sgbak", "不是完好的 shenguan 备份");
    // A row changed and its archive made again, the manifest left: the table's hash tells.
    rewritten(&good, &dir.file("row.sgbak"), &|name, bytes| {
        if name == "tables/users.jsonl" {
            String::from_utf8(bytes)
                .expect("utf-8")
                .replace("赵管理员", "钱管理员")
                .into_bytes()
        } else {
            bytes
        }
    });
    refuse("row.sgbak", "表 users 的数据与清单不符");
    // The manifest's counts changed without its checksum.
    rewritten(&good, &dir.file("counts.sgbak"), &|name, bytes| {
        if name == "manifest.json" {
            let mut m: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
            m["tables"][0]["rows"] = 999_999.into();
            serde_json::to_vec(&m).expect("json")
        } else {
            bytes
        }
    });
    refuse("counts.sgbak", "清单的校验和与所列各表不符");
    // Made by a newer schema.
    let newer = migrations::latest() + 1;
    rewritten(
        &good,
        &dir.file("newer.sgbak"),
        &manifest_edit(move |m| m["schema_version"] = newer.into()),
    );
    refuse("newer.sgbak", &format!("第{newer}版"));
    // Of a PostgreSQL store.
    rewritten(
        &good,
        &dir.file("postgres.sgbak"),
        &manifest_edit(|m| m["backend"] = "postgres".into()),
    );
    refuse("postgres.sgbak", "不能恢复到 sqlite 数据库");
    // A table name that is SQL.
    rewritten(
        &good,
        &dir.file("hostile.sgbak"),
        &manifest_edit(|m| {
            m["tables"][0]["name"] = "cases\"; DROP TABLE users; --".into();
        }),
    );
    refuse("hostile.sgbak", "表名或列名");
    // Not a backup at all.
    std::fs::write(
        dir.file("text.sgbak"),
        "=cmd|' /C calc'!A0\n<script>alert(1)</script>",
    )
    .expect("write");
    refuse("text.sgbak", "不是 zip 归档");
    // A target that exists is never written over.
    let said = dir.refused(&["restore", good.to_str().expect("path")], 1);
    assert!(said.contains("已存在"), "{said}");
    // And the good file restores.
    let target = dir.file("fine.db");
    let fine = restore_into(&dir, target.to_str().expect("path"), &good, &[]);
    assert_eq!(fine.status.code(), Some(0), "{}", stderr(&fine));
}

#[test]
fn a_backup_or_restore_killed_halfway_leaves_nothing_under_its_name() {
    for dir in Workdir::all() {
        let backend = dir.backend();
        filled(&dir);
        let before = sums(&dir.db);
        let file = dir.file("killed.sgbak");
        // The backup dies after 500 rows, as under kill -9.
        let killed = output(
            dir.command(&["backup", "--out", file.to_str().expect("path")])
                .env("SHENGUAN_FAULT_ABORT_AFTER_ROWS", "500"),
            None,
        );
        assert_eq!(killed.status.code(), None, "{backend}: killed by a signal");
        assert!(
            !file.exists(),
            "{backend}: a backup cut off appeared under its name"
        );
        assert_eq!(sums(&dir.db), before, "{backend}: the store is untouched");

        dir.ok(&["backup", "--out", file.to_str().expect("path")]);
        let (other, target) = new_target(&dir, "half.db");
        let killed = output(
            dir.bare_command(&["--db", &target, "restore", file.to_str().expect("path")])
                .env("SHENGUAN_FAULT_ABORT_AFTER_ROWS", "2000"),
            None,
        );
        assert_eq!(killed.status.code(), None, "{backend}: killed by a signal");
        match &other {
            Some(_) => assert!(
                sums(&target).is_empty(),
                "{backend}: the restore's transaction left tables behind"
            ),
            None => assert!(!Path::new(&target).exists(), "{backend}: a half store"),
        }
        // Restored again, whole.
        let again = restore_into(&dir, &target, &file, &[]);
        assert_eq!(
            again.status.code(),
            Some(0),
            "{backend}: {}",
            stderr(&again)
        );
        assert_eq!(sums(&target), before, "{backend}");
    }
}

#[test]
fn an_upgrade_backs_the_store_up_first_and_names_the_backup() {
    let dir = Workdir::sqlite();
    // The store one schema version behind, with an audit line.
    let previous = migrations::latest() - 1;
    crate::upgrade::previous_version(&dir);

    let run = dir.run(&["audit", "verify"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let note = stderr(&run);
    let backups = dir.path.join("backups");
    let made: Vec<_> = std::fs::read_dir(&backups)
        .expect("a backups folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert_eq!(made.len(), 1, "{made:?}");
    let name = made[0]
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with(&format!(
            "shenguan-schema{previous}-before-{}-",
            previous + 1
        )),
        "{name}"
    );
    assert!(
        note.contains(&name) && note.contains("升级前已备份"),
        "{note}"
    );
    // The backup is the store before the upgrade: restored, it is at the old version.
    let target = dir.file("before.db");
    let restored = restore_into(&dir, target.to_str().expect("path"), &made[0], &[]);
    assert_eq!(restored.status.code(), Some(0), "{}", stderr(&restored));
    let version: i64 = Connection::open(&target)
        .expect("open")
        .query_row("SELECT max(version) FROM schema_migrations", [], |r| {
            r.get(0)
        })
        .expect("version");
    assert_eq!(version, previous);
    // Upgraded once: the next command takes none.
    let again = dir.run(&["audit", "verify"]);
    assert!(
        !stderr(&again).contains("升级前已备份"),
        "{}",
        stderr(&again)
    );
    assert_eq!(std::fs::read_dir(&backups).expect("folder").count(), 1);

    // Told not to, it backs up nothing.
    let quiet = Workdir::sqlite();
    crate::upgrade::previous_version(&quiet);
    let run = output(
        quiet
            .command(&["audit", "verify"])
            .env("SHENGUAN_BACKUP_BEFORE_UPGRADE", "false"),
        None,
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(!quiet.path.join("backups").exists());
}

#[test]
fn the_identity_key_stays_out_of_the_backup_and_is_put_back_by_the_restore() {
    let dir = Workdir::sqlite();
    filled(&dir);
    let key = dir.file("shenguan.db.identity-key");
    assert!(
        key.is_file(),
        "the generated parties made the network's key"
    );
    let secret = std::fs::read_to_string(&key).expect("key");
    let file = dir.file("keyed.sgbak");
    let made = dir.run(&["backup", "--out", file.to_str().expect("path")]);
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    assert!(
        stderr(&made).contains("身份密钥文件") && stderr(&made).contains("--identity-key"),
        "{}",
        stderr(&made)
    );
    // Not in the archive, in any entry.
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&file).expect("open")).expect("zip");
    for i in 0..archive.len() {
        let mut bytes = Vec::new();
        archive
            .by_index(i)
            .expect("entry")
            .read_to_end(&mut bytes)
            .expect("read");
        assert!(
            !String::from_utf8_lossy(&bytes).contains(secret.trim()),
            "the key is in the backup"
        );
    }
    let restore = |target: &str, extra: &[&str]| restore_into(&dir, target, &file, extra);
    // Without it: restored, and told where the key must go.
    let bare = dir.file("bare.db").display().to_string();
    let done = restore(&bare, &[]);
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    assert!(
        stderr(&done).contains(&format!("{bare}.identity-key")),
        "{}",
        stderr(&done)
    );
    // A key file that is not there is named, nothing written.
    let nowhere = dir.file("nowhere.db").display().to_string();
    let missing = restore(&nowhere, &["--identity-key", "no-such.key"]);
    assert_eq!(missing.status.code(), Some(3), "{}", stdout(&missing));
    assert!(
        stderr(&missing).contains("no-such.key"),
        "{}",
        stderr(&missing)
    );
    assert!(!Path::new(&nowhere).exists());
    // Another key is refused before anything is written.
    let other = dir.write("other.key", &format!("{}\n", "ab".repeat(32)));
    let wrong = dir.file("wrong.db").display().to_string();
    let refused = restore(&wrong, &["--identity-key", other.to_str().expect("path")]);
    assert_eq!(refused.status.code(), Some(1), "{}", stdout(&refused));
    assert!(
        stderr(&refused).contains("指纹不符"),
        "{}",
        stderr(&refused)
    );
    assert!(!Path::new(&wrong).exists());
    // The store's own key is copied beside the restored store, readable by its owner only.
    let keyed = dir.file("keyed.db").display().to_string();
    let done = restore(&keyed, &["--identity-key", key.to_str().expect("path")]);
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    assert!(
        stdout(&done).contains("身份密钥已复制到"),
        "{}",
        stdout(&done)
    );
    let copied = format!("{keyed}.identity-key");
    assert_eq!(std::fs::read_to_string(&copied).expect("copied"), secret);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&copied)
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

/// Runs `sql` on the store `url` directly, as an administrator beside the program would.
fn run_sql(url: &str, sql: &str) {
    if url.starts_with("postgres") {
        let mut client = postgres::Client::connect(url, postgres::NoTls).expect("postgres");
        client.batch_execute(sql).expect("sql");
    } else {
        Connection::open(url)
            .expect("open")
            .execute_batch(sql)
            .expect("sql");
    }
}

#[test]
fn tables_that_are_not_the_programs_are_left_alone_on_both_backends() {
    for dir in Workdir::all() {
        let backend = dir.backend();
        filled(&dir);
        // An extension's table of a type no column of the program has, in the same schema.
        let foreign = "CREATE TABLE spatial_ref_sys (srid INTEGER, ratio NUMERIC(10, 4));
                       INSERT INTO spatial_ref_sys VALUES (4326, 1.5);";
        run_sql(&dir.db, foreign);
        let file = dir.file("mixed.sgbak");
        dir.ok(&["backup", "--out", file.to_str().expect("path")]);
        let mut archive =
            zip::ZipArchive::new(std::fs::File::open(&file).expect("open")).expect("zip");
        assert!(
            archive.by_name("tables/spatial_ref_sys.jsonl").is_err(),
            "{backend}: another's table in the backup"
        );
        // PostgreSQL: restored into a database that holds another's table already (a SQLite
        // target is a new file).
        let (other, target) = new_target(&dir, "beside.db");
        if other.is_some() {
            run_sql(&target, foreign);
        }
        let restored = restore_into(&dir, &target, &file, &[]);
        assert_eq!(
            restored.status.code(),
            Some(0),
            "{backend}: {}",
            stderr(&restored)
        );
        assert_eq!(sums(&dir.db), sums(&target), "{backend}");
    }
}

#[test]
fn a_restore_refuses_a_target_with_an_earlier_stores_journal_beside_it() {
    let dir = Workdir::sqlite();
    filled(&dir);
    let file = dir.file("good.sgbak");
    dir.ok(&["backup", "--out", file.to_str().expect("path")]);
    let target = dir.file("again.db");
    // The store was deleted, its write-ahead log left behind.
    std::fs::write(dir.file("again.db-wal"), b"frames of another store").expect("write");
    let refused = restore_into(&dir, target.to_str().expect("path"), &file, &[]);
    assert_eq!(refused.status.code(), Some(1), "{}", stdout(&refused));
    assert!(
        stderr(&refused).contains("again.db-wal"),
        "{}",
        stderr(&refused)
    );
    assert!(!target.exists());
}
