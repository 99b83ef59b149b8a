//! Opening the SQLite backend: one file, WAL journal, foreign keys on; dates stored as ISO text,
//! which sorts and compares as dates.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;

use crate::StoreError;
use crate::sql::Db;

/// The page cache, in KiB: 512 MiB at most, used only as far as the database needs it.
const CACHE_KIB: i64 = 512 * 1024;

/// How many prepared statements a connection keeps: every query of the store, with room for the
/// combinations of a case list's filters.
const STATEMENT_CACHE: usize = 64;

pub(crate) fn open(path: &Path) -> Result<Db, StoreError> {
    let new = !path.exists();
    let conn = Connection::open(path)?;
    if new {
        keep_private(path)?;
    }
    conn.busy_timeout(Duration::from_secs(10))?;
    // WAL keeps readers going during an import; with NORMAL sync a crash of the process never
    // loses a committed transaction and never exposes an uncommitted one.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // A large page cache keeps the B-trees of a million-row import in memory instead of
    // re-reading pages from the file for every insert (measured: 4× faster at one million).
    conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(Db::Sqlite(conn))
}

/// A store this program creates is readable by its owner only: it holds court data. (SQLite
/// gives its journal files the database's permissions.) An existing file keeps the permissions
/// its administrator chose.
fn keep_private(path: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(|e| {
            let path = path.display();
            StoreError::Url(shenguan_domain::text!(
                "无法设置数据库文件 {path} 的权限：{e}",
                "cannot make the store file {path} readable by its owner only: {e}"
            ))
        })?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
