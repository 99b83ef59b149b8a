//! `shenguan backup` and `shenguan restore`: a consistent copy of the store in one file while the
//! server runs, and its restore into an empty store, verified table by table; and the backup a
//! command takes by itself before an upgrade changes the store's schema
//! (docs/operations.md, "备份与恢复 Backup and restore").

use std::path::PathBuf;

use shenguan_app::backups::{IdentityKey, Manifest};
use shenguan_app::{App, AppError, text};

use crate::output::{note, say};

/// 备份 — copy the store into one file (while the server runs), with its manifest.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan backup --out /srv/backups/shenguan-2026-12-07.sgbak
  shenguan --db postgres://shenguan@db/shenguan backup --out shenguan.sgbak

The copy is of one moment (the server and imports go on meanwhile) and of the program's own tables
only: each table's rows with their count and SHA-256, in a zip archive with a manifest. The file
is written under a temporary name and appears under --out only when complete. It holds court
data: keep it where the store is kept. Restore it with shenguan restore.")]
pub struct BackupArgs {
    /// 备份文件 — the file to write (must not exist).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

/// 恢复 — restore a backup into a new, empty store, and verify it.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan restore shenguan-2026-12-07.sgbak --db restored.db
  shenguan restore shenguan.sgbak --db postgres://shenguan@db/shenguan_restored
  shenguan restore shenguan.sgbak --db restored.db --identity-key shenguan.db.identity-key

The target must be new: a SQLite file that does not exist, or a PostgreSQL database (schema)
without tables. Every table is written in one transaction, read back, and kept only if each
count and hash is the backup's. A damaged file, one made by a newer version or of the other kind
of store is refused with the reason, and nothing is written. A backup of an older version is
restored as it was, and upgraded the next time a command opens it. The network's identity key is
not in a backup (a copied backup must not help guess identity numbers): give its file with
--identity-key, or put it where the restored store looks, before the next import.")]
pub struct RestoreArgs {
    /// 备份文件 — the backup to restore.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// 身份密钥文件 — the backed-up store's identity key file (it is not in the backup), to put
    /// where the restored store looks for it.
    #[arg(long, value_name = "KEYFILE")]
    identity_key: Option<PathBuf>,
}

pub fn backup(app: &App, db: Option<&str>, args: BackupArgs) -> Result<(), AppError> {
    let manifest = app.backup_store(db, &args.out)?;
    if let Some(key) = app.identity_key_file(db) {
        let key = key.display();
        note(&text!(
            "身份密钥文件 {key} 不在备份中（以免备份外泄时可据以推算身份证号）：请另行妥善保管一份，恢复时用 --identity-key 指明；它不会改变",
            "the identity key file {key} is not in the backup (so that a copied backup cannot help guess identity numbers): keep a copy of it apart, and give it to restore with --identity-key; it never changes"
        ));
    }
    let (shown, what) = (args.out.display(), summary(&manifest));
    let (zh, en) = (what.zh(), what.en());
    println!(
        "{}",
        say(&text!(
            "已备份到 {shown}：{zh}",
            "backed up to {shown}: {en}"
        ))
    );
    Ok(())
}

pub fn restore(app: &App, db: Option<&str>, args: RestoreArgs) -> Result<(), AppError> {
    let Some(target) = db else {
        return Err(AppError::invalid_for(
            "--db",
            &text!(
                "须用 --db 指明恢复到哪个（新的）数据库",
                "name the new store to restore into with --db"
            ),
        ));
    };
    let restored = app.restore_store(&args.file, target, args.identity_key.as_deref())?;
    let manifest = &restored.manifest;
    let (shown, what) = (args.file.display(), summary(manifest));
    let (zh, en, target) = (what.zh(), what.en(), shenguan_app::backups::shown(target));
    println!(
        "{}",
        say(&text!(
            "已从 {shown} 恢复到 {target}，逐表核对行数与哈希一致：{zh}",
            "restored {shown} into {target}, every table's count and hash checked: {en}"
        ))
    );
    match &restored.identity_key {
        IdentityKey::NotNeeded | IdentityKey::InPlace(_) => {}
        IdentityKey::Copied(path) => {
            let path = path.display();
            println!(
                "{}",
                say(&text!(
                    "身份密钥已复制到 {path}",
                    "the identity key was copied to {path}"
                ))
            );
        }
        IdentityKey::Missing(path) => {
            let path = path.display();
            note(&text!(
                "所备份的数据库有身份密钥，未随备份保存：导入新数据前，请把原数据库的密钥文件复制到 {path}（或重新恢复时用 --identity-key 指明），否则新导入的当事人与已有的无法对应",
                "the backed-up store had an identity key, which is not in the backup: before the next import, copy the store's key file to {path} (or restore again with --identity-key), or parties imported later will not match those restored"
            ));
        }
    }
    Ok(())
}

fn summary(manifest: &Manifest) -> shenguan_app::Text {
    let (tables, rows, version, checksum) = (
        manifest.tables.len(),
        manifest.rows(),
        manifest.schema_version,
        &manifest.checksum,
    );
    text!(
        "{tables}张表、{rows}行，数据库结构第{version}版，校验和 {checksum}",
        "{tables} tables, {rows} rows, schema version {version}, checksum {checksum}"
    )
}

/// Before a command opens the store `db`: if opening would change its schema, back it up first
/// (unless `[backup] before_upgrade = false`) and say where, then apply the upgrade.
pub fn before_upgrade(app: &App, db: Option<&str>) -> Result<(), AppError> {
    let Some((path, state)) = app.backup_before_upgrade(db)? else {
        return Ok(());
    };
    let (from, to, shown) = (state.applied, state.latest, path.display());
    note(&text!(
        "数据库结构将从第{from}版升级到第{to}版；升级前已备份到 {shown}",
        "the store's schema goes from version {from} to {to}; it was backed up first to {shown}"
    ));
    app.open_store(db)?;
    Ok(())
}
