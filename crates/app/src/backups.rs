//! Backups of the store and their restore (docs/operations.md, "备份与恢复 Backup and restore").
//!
//! A backup is one file, a zip archive: `manifest.json` (the format, the program's version, the
//! backend, the schema version, when it was made, each table's columns, row count and SHA-256,
//! and one checksum over them all) and `tables/<table>.jsonl`, each table's rows as the store
//! reads them in one snapshot (`shenguan_store::Store::backup`). It is written under a temporary
//! name beside the target and renamed only once complete and on disk, so that a backup cut off —
//! a killed process, a full disk — leaves no file under the name asked for. A restore refuses a
//! file that is not such a backup, is damaged (a table whose lines do not give the manifest's
//! count or hash, an archive whose own checks fail), was made by a newer schema or on the other
//! backend, or a target that is not empty; it writes everything in one transaction, reads it back
//! and keeps it only if every count and hash agrees. A SQLite target is built under a temporary
//! name and renamed when verified.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use shenguan_domain::{Text, text};
use shenguan_store::{Dumped, StoreError, StoreUrl, TableSum, is_plain_name};

use crate::{App, AppError};

/// What a backup file says of itself.
const FORMAT: &str = "shenguan-backup";
/// The layout this program writes and reads.
const FORMAT_VERSION: u32 = 1;
const MANIFEST: &str = "manifest.json";
/// The longest manifest and the longest row read from a file: a damaged or hostile file is
/// refused rather than read into memory without end.
const MAX_MANIFEST_BYTES: u64 = 16 * 1024 * 1024;
const MAX_LINE_BYTES: u64 = 64 * 1024 * 1024;
/// How long a backup's temporary file may go unwritten before it is taken for the leftover of a
/// backup that was cut off (a backup being made writes to it continuously).
const STALE_PARTIAL: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// A backup's manifest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    /// The version of shenguan that made it.
    pub program_version: String,
    /// `sqlite` or `postgres`: a backup is restored into a store of the same kind.
    pub backend: String,
    pub schema_version: i64,
    pub made_at: String,
    pub tables: Vec<TableEntry>,
    /// SHA-256 over every table's name, row count and hash, one line each: one figure to compare.
    pub checksum: String,
    /// The fingerprint of the network's identity key the store's parties are keyed with (the key
    /// itself stays out of the backup, so that a copied backup cannot be used to guess identity
    /// numbers); none when the store had no key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_key_sha256: Option<String>,
}

/// What became of the identity key on a restore.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdentityKey {
    /// The backed-up store had none.
    NotNeeded,
    /// The key given was the store's, and was copied here.
    Copied(PathBuf),
    /// The key where the restored store looks for it is the store's already.
    InPlace(PathBuf),
    /// The restored store needs its key here before the next import.
    Missing(PathBuf),
}

/// Removes from the program's backup folder the temporary files of its own backups that were cut
/// off (killed, a power cut): named as `partial` names them, not written to for `STALE_PARTIAL`
/// and their process no longer running. They never carry a backup's name, so nothing reads them;
/// left, they would fill the disk over the years. Best effort: a file that cannot be removed is left for the next
/// time. Only the backup folder is swept, never the folder of a `backup --out` the user named.
fn sweep_partials(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(pid) = name
            .strip_prefix(".shenguan-")
            .and_then(|rest| rest.rsplit_once(".sgbak.partial-"))
            .map(|(_, pid)| pid)
            .filter(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        let stale = entry
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|at| now.duration_since(at).ok())
            .is_some_and(|idle| idle >= STALE_PARTIAL);
        if stale && !running(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether the process `pid` of this machine is running (its backup may be going on while the
/// clock jumped); on a system without `/proc`, the hour unwritten alone decides.
fn running(pid: &str) -> bool {
    cfg!(target_os = "linux") && Path::new("/proc").join(pid).exists()
}

/// A restore done: the backup's manifest and the identity key's place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Restored {
    pub manifest: Manifest,
    pub identity_key: IdentityKey,
}

/// One table of a backup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableEntry {
    pub name: String,
    pub columns: Vec<String>,
    pub rows: u64,
    pub sha256: String,
}

impl Manifest {
    /// All the rows of all the tables.
    pub fn rows(&self) -> u64 {
        self.tables.iter().map(|t| t.rows).sum()
    }
}

fn checksum(tables: &[TableEntry]) -> String {
    let mut hasher = Sha256::new();
    for t in tables {
        hasher.update(format!("{}\t{}\t{}\n", t.name, t.rows, t.sha256).as_bytes());
    }
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A store's address as it may be shown: a PostgreSQL password is never printed.
pub fn shown(target: &str) -> String {
    shenguan_store::redact(target)
}

fn backend_of(url: &StoreUrl) -> &'static str {
    match url {
        StoreUrl::Sqlite(_) => "sqlite",
        StoreUrl::Postgres(_) => "postgres",
    }
}

/// Where a file is written before it is complete: beside `path`, hidden, named for this process.
fn partial(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "backup".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.partial-{}", std::process::id()))
}

/// `path` with `suffix` after its name (`shenguan.db` → `shenguan.db-wal`).
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Gives the complete file `temp` its name `to`, never over a file that took the name meanwhile
/// (a link is made, which fails on an existing name, then the temporary name removed), and makes
/// it last across a power cut.
fn put_in_place(temp: &Path, to: &Path) -> Result<(), AppError> {
    match std::fs::hard_link(temp, to) {
        Ok(()) => {}
        // A file system without links: a rename, once more after seeing the name free.
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists && !to.exists() => {
            std::fs::rename(temp, to).map_err(|e| {
                let _ = std::fs::remove_file(temp);
                AppError::io(to.display().to_string(), e)
            })?;
        }
        Err(e) => {
            let _ = std::fs::remove_file(temp);
            return Err(AppError::io(to.display().to_string(), e));
        }
    }
    let _ = std::fs::remove_file(temp);
    sync_folder(to);
    Ok(())
}

/// Makes a rename of a file in `path`'s folder last across a power cut.
fn sync_folder(path: &Path) {
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && let Ok(dir) = File::open(folder)
    {
        // Not every file system syncs a folder; the rename is still made.
        let _ = dir.sync_all();
    }
}

/// The refusal of a file that is not a sound backup, with the reason.
fn damaged(file: &Path, why: &Text) -> AppError {
    let shown = file.display();
    let (zh, en) = (why.zh(), why.en());
    AppError::Invalid(text!(
        "{shown} 不是完好的 shenguan 备份，未恢复任何数据：{zh}",
        "{shown} is not a sound shenguan backup and nothing was restored: {en}"
    ))
}

impl App {
    /// Backs up the store `db` (or the configured one) into `out`, as it is — an older schema
    /// stays older, so that the backup taken before an upgrade is the store before it. `out`
    /// must not exist. The manifest written.
    pub fn backup_store(&self, db: Option<&str>, out: &Path) -> Result<Manifest, AppError> {
        let url = StoreUrl::parse(db.unwrap_or(&self.config.db_url))
            .map_err(|e| AppError::Invalid(e.text()))?;
        if out.exists() {
            let shown = out.display();
            return Err(AppError::Invalid(text!(
                "{shown} 已存在：备份不覆盖已有的文件，请另选文件名",
                "{shown} exists already: a backup never overwrites a file; choose another name"
            )));
        }
        let mut store =
            shenguan_store::Store::open_as_is(&url).map_err(|e| crate::cannot_open(&url, &e))?;
        let temp = partial(out);
        let written = self.write_backup(&mut store, &url, &temp);
        match written {
            Ok(manifest) => {
                put_in_place(&temp, out)?;
                Ok(manifest)
            }
            Err(e) => {
                let _ = std::fs::remove_file(&temp);
                Err(e)
            }
        }
    }

    fn write_backup(
        &self,
        store: &mut shenguan_store::Store,
        url: &StoreUrl,
        path: &Path,
    ) -> Result<Manifest, AppError> {
        let io = |e: std::io::Error| AppError::io(path.display().to_string(), e);
        let mut options = File::options();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            // Readable by its owner only, as the store is.
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(path).map_err(io)?;
        let mut zip = zip::ZipWriter::new(BufWriter::new(file));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        let abort_after = self.config.fault_abort_after_rows;
        let (mut lines, mut failed) = (0_u64, None::<std::io::Error>);
        let (schema_version, sums) = store.backup(&mut |part| {
            let done = match part {
                Dumped::Table { name, .. } => zip
                    .start_file(format!("tables/{name}.jsonl"), options)
                    .map_err(std::io::Error::other),
                Dumped::Line(bytes) => {
                    lines += 1;
                    if abort_after.is_some_and(|limit| lines >= limit) {
                        // Crash-safety tests: die halfway through, as a killed process would.
                        std::process::abort();
                    }
                    zip.write_all(bytes)
                }
            };
            done.map_err(|e| {
                let why = e.to_string();
                failed = Some(e);
                StoreError::Corrupt(why)
            })
        })?;
        if let Some(e) = failed {
            return Err(io(e));
        }
        let tables: Vec<TableEntry> = sums
            .into_iter()
            .map(|s| TableEntry {
                name: s.name,
                columns: s.columns,
                rows: s.rows,
                sha256: s.sha256,
            })
            .collect();
        let manifest = Manifest {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            program_version: env!("CARGO_PKG_VERSION").into(),
            backend: backend_of(url).into(),
            schema_version,
            made_at: self.now_text(),
            checksum: checksum(&tables),
            tables,
            identity_key_sha256: self.identity_key_file_of(url).and_then(|path| {
                crate::identity::read_secret(&path).map(|s| crate::identity::fingerprint(&s))
            }),
        };
        zip.start_file(MANIFEST, options.large_file(false))
            .map_err(|e| io(std::io::Error::other(e)))?;
        serde_json::to_writer_pretty(&mut zip, &manifest)
            .map_err(|e| io(std::io::Error::other(e)))?;
        let buffered = zip.finish().map_err(|e| io(std::io::Error::other(e)))?;
        let file = buffered.into_inner().map_err(|e| io(e.into_error()))?;
        file.sync_all().map_err(io)?;
        Ok(manifest)
    }

    /// The folder backups of the store `db` go to: the configured one, else `backups` beside a
    /// SQLite store or in the working folder for PostgreSQL.
    pub fn backup_folder(&self, db: Option<&str>) -> Result<PathBuf, AppError> {
        if let Some(folder) = &self.config.backup_folder {
            return Ok(folder.clone());
        }
        let url = StoreUrl::parse(db.unwrap_or(&self.config.db_url))
            .map_err(|e| AppError::Invalid(e.text()))?;
        Ok(match url {
            StoreUrl::Sqlite(path) => path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("backups"), |p| p.join("backups")),
            StoreUrl::Postgres(_) => PathBuf::from("backups"),
        })
    }

    /// Backs up the store `db` into its backup folder if opening it would change its schema (a
    /// store that has one, with migrations pending) and backups before upgrades are on: the
    /// file and where the schema stood, when one was taken.
    pub fn backup_before_upgrade(
        &self,
        db: Option<&str>,
    ) -> Result<Option<(PathBuf, shenguan_store::migrations::SchemaState)>, AppError> {
        let state = self.schema_state(db)?;
        if state.applied == 0 || state.pending.is_empty() || !self.config.backup_before_upgrade {
            return Ok(None);
        }
        let (from, to) = (state.applied, state.latest);
        let path = self.new_backup_path(db, &format!("schema{from}-before-{to}"))?;
        self.backup_store(db, &path)?;
        Ok(Some((path, state)))
    }

    /// One of the server's scheduled backups into the backup folder; then the oldest of them
    /// beyond `[backup] keep` are removed (the backups before upgrades, and files of other
    /// names, are left). The file written.
    pub fn scheduled_backup(&self, db: Option<&str>) -> Result<PathBuf, AppError> {
        let path = self.new_backup_path(db, "scheduled")?;
        self.backup_store(db, &path)?;
        let folder = self.backup_folder(db)?;
        let mut kept: Vec<PathBuf> = std::fs::read_dir(&folder)
            .map_err(|e| AppError::io(folder.display().to_string(), e))?
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("shenguan-scheduled-") && n.ends_with(".sgbak"))
            })
            .collect();
        // The names carry the moment, and a number after it when two fell in one second: their
        // order is the order made.
        kept.sort_by_key(|p| made_order(p));
        // The one just written is never the one removed, whatever the clock did.
        kept.retain(|p| *p != path);
        let surplus = (kept.len() + 1).saturating_sub(self.config.backup_keep as usize);
        for old in &kept[..surplus.min(kept.len())] {
            std::fs::remove_file(old).map_err(|e| AppError::io(old.display().to_string(), e))?;
        }
        Ok(path)
    }

    /// A new file in the backup folder (made, private, when missing): `shenguan-KIND-` and the
    /// moment, with a number after it when a file of that name exists.
    fn new_backup_path(&self, db: Option<&str>, kind: &str) -> Result<PathBuf, AppError> {
        let folder = self.backup_folder(db)?;
        make_private_folder(&folder)?;
        sweep_partials(&folder);
        let stamp: String = self
            .now_text()
            .chars()
            .take(19)
            .filter(char::is_ascii_digit)
            .collect();
        let (day, time) = stamp.split_at(stamp.len().min(8));
        let base = format!("shenguan-{kind}-{day}-{time}");
        // After the last of the same moment, never in a gap an earlier removal left: the
        // numbers keep the order made.
        let last = std::fs::read_dir(&folder)
            .map_err(|e| AppError::io(folder.display().to_string(), e))?
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                let rest = name.strip_prefix(&base)?.strip_suffix(".sgbak")?;
                if rest.is_empty() {
                    Some(1)
                } else {
                    rest.strip_prefix('-')?.parse::<u32>().ok()
                }
            })
            .max();
        Ok(folder.join(match last {
            None => format!("{base}.sgbak"),
            Some(n) => format!("{base}-{}.sgbak", n + 1),
        }))
    }

    /// The identity key file of the store `db` (or the configured one), when there is one: it
    /// is not in a backup, and is kept apart by whoever keeps the backups.
    pub fn identity_key_file(&self, db: Option<&str>) -> Option<PathBuf> {
        let url = StoreUrl::parse(db.unwrap_or(&self.config.db_url)).ok()?;
        self.identity_key_file_of(&url)
    }

    fn identity_key_file_of(&self, url: &StoreUrl) -> Option<PathBuf> {
        self.identity_key_path_of(url)
            .ok()
            .filter(|path| path.is_file())
    }

    /// Restores the backup `file` into the empty store `target`, verified table by table, and
    /// puts the identity key (`identity_key`, the backed-up store's key file) where the restored
    /// store looks for it.
    pub fn restore_store(
        &self,
        file: &Path,
        target: &str,
        identity_key: Option<&Path>,
    ) -> Result<Restored, AppError> {
        let url = StoreUrl::parse(target).map_err(|e| AppError::Invalid(e.text()))?;
        let mut archive = open_archive(file)?;
        let manifest = read_manifest(&mut archive, file)?;
        // The key is checked before anything is written.
        let key = self.identity_key_for(&manifest, &url, identity_key)?;
        if manifest.backend != backend_of(&url) {
            let (theirs, ours) = (&manifest.backend, backend_of(&url));
            return Err(AppError::Invalid(text!(
                "这是 {theirs} 数据库的备份，不能恢复到 {ours} 数据库；在两种数据库之间迁移请用导出和导入",
                "this is a backup of a {theirs} store and is not restored into a {ours} store; to move between the two, export and import"
            )));
        }
        let into = match &url {
            StoreUrl::Sqlite(path) => {
                // A journal left behind by a store once there would be played into the restored
                // one when it is next opened.
                let leftover = ["", "-wal", "-shm", "-journal"]
                    .iter()
                    .map(|suffix| with_suffix(path, suffix))
                    .find(|p| p.exists());
                if let Some(found) = leftover {
                    let shown = found.display();
                    return Err(AppError::Invalid(text!(
                        "{shown} 已存在：备份只恢复为新的数据库文件（旁边也不能有原数据库留下的日志文件），以免覆盖或混入现有数据",
                        "{shown} exists already: a backup is restored only into a new store file, with no journal of an earlier store beside it, so that nothing is overwritten or mixed in"
                    )));
                }
                StoreUrl::Sqlite(partial(path))
            }
            StoreUrl::Postgres(_) => url.clone(),
        };
        let sums: Vec<TableSum> = manifest
            .tables
            .iter()
            .map(|t| TableSum {
                name: t.name.clone(),
                columns: t.columns.clone(),
                rows: t.rows,
                sha256: t.sha256.clone(),
            })
            .collect();
        let abort_after = self.config.fault_abort_after_rows;
        let mut lines = 0_u64;
        let mut broken: Option<Text> = None;
        let restored = shenguan_store::Store::restore(
            &into,
            manifest.schema_version,
            &sums,
            &mut |table, write| {
                let fed = feed_table(&mut archive, table, &mut |line| {
                    lines += 1;
                    if abort_after.is_some_and(|limit| lines >= limit) {
                        // Crash-safety tests: die inside the open transaction.
                        std::process::abort();
                    }
                    write(line)
                });
                fed.map_err(|why| {
                    let message = StoreError::Corrupt(why.en().to_string());
                    broken = Some(why);
                    message
                })
            },
            &mut |_| {},
        );
        let cleanup = || {
            if let StoreUrl::Sqlite(temp) = &into {
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    let _ = std::fs::remove_file(with_suffix(temp, suffix));
                }
            }
        };
        if let Err(e) = restored {
            cleanup();
            if let Some(why) = broken {
                return Err(damaged(file, &why));
            }
            return Err(match e {
                StoreError::Corrupt(why) => damaged(file, &Text::same(why)),
                other => AppError::from(other),
            });
        }
        // The key first: a restore that cannot put it in place leaves no store either.
        let identity_key = match key {
            KeyPlan::Copy { from, to } => {
                copy_key(&from, &to).inspect_err(|_| cleanup())?;
                IdentityKey::Copied(to)
            }
            KeyPlan::Done(outcome) => outcome,
        };
        if let (StoreUrl::Sqlite(temp), StoreUrl::Sqlite(path)) = (&into, &url) {
            put_in_place(temp, path).inspect_err(|_| {
                cleanup();
                if let IdentityKey::Copied(key) = &identity_key {
                    let _ = std::fs::remove_file(key);
                }
            })?;
        }
        Ok(Restored {
            manifest,
            identity_key,
        })
    }

    /// What to do with the identity key on a restore of `manifest` into `url`: refused when the
    /// key given, or the one already where the store will look, is another store's.
    fn identity_key_for(
        &self,
        manifest: &Manifest,
        url: &StoreUrl,
        given: Option<&Path>,
    ) -> Result<KeyPlan, AppError> {
        let Some(wanted) = &manifest.identity_key_sha256 else {
            return Ok(KeyPlan::Done(IdentityKey::NotNeeded));
        };
        let place = self.identity_key_path_of(url)?;
        let not_the_stores = |path: &Path| {
            let shown = path.display();
            AppError::Invalid(text!(
                "身份密钥文件 {shown} 不是所备份数据库的密钥（指纹不符），未恢复任何数据",
                "the identity key file {shown} is not the backed-up store's key (its fingerprint differs) and nothing was restored"
            ))
        };
        let matches = |path: &Path| {
            crate::identity::read_secret(path)
                .is_some_and(|s| crate::identity::fingerprint(&s) == *wanted)
        };
        if place.exists() {
            return if matches(&place) {
                Ok(KeyPlan::Done(IdentityKey::InPlace(place)))
            } else {
                Err(not_the_stores(&place))
            };
        }
        match given {
            Some(from) if !from.is_file() => Err(AppError::io(
                from.display().to_string(),
                std::io::Error::from(std::io::ErrorKind::NotFound),
            )),
            Some(from) if matches(from) => Ok(KeyPlan::Copy {
                from: from.to_path_buf(),
                to: place,
            }),
            Some(from) => Err(not_the_stores(from)),
            None => Ok(KeyPlan::Done(IdentityKey::Missing(place))),
        }
    }
}

/// The identity key's part of a restore, decided before anything is written.
enum KeyPlan {
    Copy { from: PathBuf, to: PathBuf },
    Done(IdentityKey),
}

/// Copies the key file `from` to `to`, readable by its owner only, never over a file.
fn copy_key(from: &Path, to: &Path) -> Result<(), AppError> {
    let io = |e: std::io::Error| AppError::io(to.display().to_string(), e);
    let text = std::fs::read(from).map_err(|e| AppError::io(from.display().to_string(), e))?;
    let mut options = File::options();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(to).map_err(io)?;
    file.write_all(&text).map_err(io)?;
    file.sync_all().map_err(io)
}

/// Where a scheduled backup's name puts it among the others: its day, its time, its number.
fn made_order(path: &Path) -> (String, String, u32) {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .trim_end_matches(".sgbak");
    let parts: Vec<&str> = name.split('-').collect();
    let part = |i: usize| parts.get(i).copied().unwrap_or("").to_string();
    let n = parts.get(4).and_then(|n| n.parse().ok()).unwrap_or(1);
    (part(2), part(3), n)
}

/// Makes `folder` if it is missing, readable by its owner only: backups hold court data.
fn make_private_folder(folder: &Path) -> Result<(), AppError> {
    if folder.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(folder).map_err(|e| AppError::io(folder.display().to_string(), e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| AppError::io(folder.display().to_string(), e))?;
    }
    Ok(())
}

type Archive = zip::ZipArchive<BufReader<File>>;

fn open_archive(file: &Path) -> Result<Archive, AppError> {
    let opened = File::open(file).map_err(|e| AppError::io(file.display().to_string(), e))?;
    zip::ZipArchive::new(BufReader::new(opened)).map_err(|e| {
        damaged(
            file,
            &text!("不是 zip 归档（{e}）", "it is not a zip archive ({e})"),
        )
    })
}

fn read_manifest(archive: &mut Archive, file: &Path) -> Result<Manifest, AppError> {
    let entry = archive.by_name(MANIFEST).map_err(|_| {
        damaged(
            file,
            &text!("其中没有 manifest.json", "it has no manifest.json"),
        )
    })?;
    let mut text = Vec::new();
    entry
        .take(MAX_MANIFEST_BYTES + 1)
        .read_to_end(&mut text)
        .map_err(|e| {
            damaged(
                file,
                &text!(
                    "manifest.json 无法读出（{e}）",
                    "manifest.json cannot be read ({e})"
                ),
            )
        })?;
    if text.len() as u64 > MAX_MANIFEST_BYTES {
        return Err(damaged(
            file,
            &text!(
                "manifest.json 超出任何备份清单的大小",
                "manifest.json is larger than any backup's"
            ),
        ));
    }
    let manifest: Manifest = serde_json::from_slice(&text).map_err(|e| {
        damaged(
            file,
            &text!(
                "manifest.json 无法解析（{e}）",
                "manifest.json does not read ({e})"
            ),
        )
    })?;
    if manifest.format != FORMAT {
        return Err(damaged(
            file,
            &text!(
                "其清单不是 shenguan 备份的清单",
                "its manifest is not a shenguan backup's"
            ),
        ));
    }
    if manifest.format_version != FORMAT_VERSION {
        let v = manifest.format_version;
        return Err(AppError::Invalid(text!(
            "备份格式第{v}版由更新版本的 shenguan 写成，本程序只读第{FORMAT_VERSION}版",
            "the backup is in format version {v}, written by a newer shenguan; this program reads version {FORMAT_VERSION}"
        )));
    }
    let latest = shenguan_store::migrations::latest();
    if manifest.schema_version > latest {
        let v = manifest.schema_version;
        return Err(AppError::Invalid(text!(
            "备份的数据库结构为第{v}版，比本程序所知的第{latest}版新：请用建立该备份的（或更新的）shenguan 恢复",
            "the backup's schema is version {v}, newer than the {latest} this program knows: restore it with the shenguan that made it, or a newer one"
        )));
    }
    let names_plain = manifest
        .tables
        .iter()
        .all(|t| is_plain_name(&t.name) && t.columns.iter().all(|c| is_plain_name(c)));
    if !names_plain {
        return Err(damaged(
            file,
            &text!(
                "其清单列出的表名或列名不是数据库会有的",
                "its manifest names a table or column no store has"
            ),
        ));
    }
    if checksum(&manifest.tables) != manifest.checksum {
        return Err(damaged(
            file,
            &text!(
                "清单的校验和与所列各表不符",
                "the manifest's checksum does not match its tables"
            ),
        ));
    }
    Ok(manifest)
}

/// Hands each line of `table`'s file to `write`, and checks that the lines give the manifest's
/// count and hash; the reason when they do not.
fn feed_table(
    archive: &mut Archive,
    table: &TableSum,
    write: &mut dyn FnMut(&[u8]) -> Result<(), StoreError>,
) -> Result<(), Text> {
    let name = &table.name;
    let entry = archive
        .by_name(&format!("tables/{name}.jsonl"))
        .map_err(|_| {
            text!(
                "缺少表 {name} 的数据",
                "the rows of the table {name} are missing"
            )
        })?;
    let mut reader = BufReader::new(entry);
    let (mut hasher, mut rows, mut line) = (Sha256::new(), 0_u64, Vec::new());
    loop {
        line.clear();
        let read = (&mut reader)
            .take(MAX_LINE_BYTES + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| {
                text!(
                    "表 {name} 的数据无法读出（{e}）",
                    "the rows of the table {name} cannot be read ({e})"
                )
            })?;
        if read == 0 {
            break;
        }
        if read as u64 > MAX_LINE_BYTES || !line.ends_with(b"\n") {
            return Err(text!(
                "表 {name} 第{}行不完整或过长",
                "line {} of the table {name} is cut short or too long",
                rows + 1
            ));
        }
        rows += 1;
        if rows > table.rows {
            return Err(text!(
                "表 {name} 的行数多于清单所记的{}行",
                "the table {name} has more rows than the {} its manifest records",
                table.rows
            ));
        }
        hasher.update(&line);
        write(&line[..line.len() - 1]).map_err(|e| {
            let why = e.text();
            let (zh, en) = (why.zh(), why.en());
            text!(
                "表 {name} 第{rows}行无法写入：{zh}",
                "line {rows} of the table {name} cannot be written: {en}"
            )
        })?;
    }
    let hash = hex(&hasher.finalize());
    if rows != table.rows || hash != table.sha256 {
        return Err(text!(
            "表 {name} 的数据与清单不符（{rows}行，哈希 {hash}；清单记为{}行，哈希 {}）",
            "the rows of the table {name} do not match the manifest ({rows} rows, hash {hash}; the manifest records {} rows, hash {})",
            table.rows,
            table.sha256
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, FixedClock};
    use shenguan_testkit::TempDir;

    #[test]
    fn a_store_is_shown_without_its_password() {
        assert_eq!(
            shown("postgres://court:s3cret@db/shenguan?sslmode=disable&password=s3cret"),
            "postgres://court:***@db/shenguan?sslmode=disable&password=***"
        );
        assert_eq!(shown("restored.db"), "restored.db");
    }

    #[test]
    fn scheduled_backups_keep_the_newest_and_leave_other_files() {
        let dir = TempDir::new("backups");
        let db = dir.join("shenguan.db").display().to_string();
        let config = Config {
            db_url: db.clone(),
            backup_keep: 3,
            ..Config::default()
        };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("day");
        let app = App::with_clock(config, Box::new(FixedClock(today))).expect("app");
        drop(app.open_store(None).expect("a store"));
        let folder = app.backup_folder(None).expect("folder");
        assert_eq!(folder, dir.join("backups"));
        std::fs::create_dir_all(&folder).expect("folder");
        let upgrade = folder.join("shenguan-schema28-before-29-20261101-090000.sgbak");
        std::fs::write(&upgrade, "kept").expect("write");
        // Five in the same second (the clock is stopped): numbered, and told apart in order.
        let made: Vec<PathBuf> = (0..5)
            .map(|_| app.scheduled_backup(None).expect("backup"))
            .collect();
        let mut left: Vec<PathBuf> = std::fs::read_dir(&folder)
            .expect("folder")
            .map(|e| e.expect("entry").path())
            .collect();
        left.sort();
        let mut expected = made[2..].to_vec();
        expected.push(upgrade);
        expected.sort();
        assert_eq!(left, expected);
        assert!(
            made[4]
                .to_string_lossy()
                .ends_with("-20261207-120000-5.sgbak"),
            "{made:?}"
        );
        let mut archive = open_archive(&made[4]).expect("an archive");
        let manifest = read_manifest(&mut archive, &made[4]).expect("a sound backup");
        assert_eq!(manifest.backend, "sqlite");
    }

    #[test]
    fn the_next_backup_sweeps_away_what_a_cut_off_backup_left_and_nothing_else() {
        let dir = TempDir::new("partials");
        let config = Config {
            db_url: dir.join("shenguan.db").display().to_string(),
            ..Config::default()
        };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("day");
        let app = App::with_clock(config, Box::new(FixedClock(today))).expect("app");
        drop(app.open_store(None).expect("a store"));
        let folder = app.backup_folder(None).expect("folder");
        std::fs::create_dir_all(&folder).expect("folder");
        let hours_ago = |hours: u64| {
            std::time::SystemTime::now() - std::time::Duration::from_secs(hours * 3600)
        };
        let file = |name: &str, written: std::time::SystemTime| {
            let path = folder.join(name);
            std::fs::write(&path, "PK").expect("write");
            File::options()
                .write(true)
                .open(&path)
                .and_then(|f| f.set_modified(written))
                .expect("mtime");
            path
        };
        let cut_off = file(
            // A process number above any Linux allows (4,194,304): never running.
            ".shenguan-scheduled-20261206-120000.sgbak.partial-99999999",
            hours_ago(2),
        );
        // Still being written, by another process.
        let going = file(
            ".shenguan-scheduled-20261207-115959.sgbak.partial-4243",
            std::time::SystemTime::now(),
        );
        // Unwritten for hours by the clock, but its process runs (this one): kept on Linux.
        let alive = file(
            &format!(
                ".shenguan-scheduled-20261207-110000.sgbak.partial-{}",
                std::process::id()
            ),
            hours_ago(2),
        );
        // Not a temporary file of the program's backups, however old.
        let others = [
            file(".shenguan-scheduled-x.sgbak.partial-", hours_ago(3)),
            file(".other.sgbak.partial-4244", hours_ago(3)),
            file(
                "shenguan-schema28-before-29-20261101-090000.sgbak",
                hours_ago(900),
            ),
            file("notes.txt", hours_ago(900)),
        ];
        let made = app.scheduled_backup(None).expect("backup");
        assert!(!cut_off.exists(), "the cut-off backup's file was left");
        assert_eq!(
            alive.exists(),
            cfg!(target_os = "linux"),
            "the file of a running process"
        );
        assert!(going.exists(), "a backup being written was removed");
        for other in others.iter().chain([&made]) {
            assert!(other.exists(), "{} was removed", other.display());
        }
    }
}
