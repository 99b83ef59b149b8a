//! The server's connections to its store: reads take any free one (a case page does not wait
//! for another's list), writes keep to the first and wait for it at most the busy wait before
//! answering that the store is busy (503 with Retry-After), so that two writers never queue on
//! SQLite's own lock, whose retries would make the slow tail. A PostgreSQL connection the
//! database server ended (a restart, `pg_terminate_backend`) is replaced by a new one, so that
//! the server comes back with its database; and the readiness check (`probe`) asks the store
//! through a reading connection whether it answers — and, for SQLite, whether the file at the
//! store's path is still the one the server has open.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, TryLockError};
use std::time::{Duration, Instant};

use shenguan_app::{AppError, Store, Text, text};

/// How long a request waits for the store's lock before it answers 503 with Retry-After.
pub const BUSY_WAIT: Duration = Duration::from_secs(5);

/// After a failed attempt to replace a closed connection, how long the connections keep the
/// closed one (whose statements fail at once, answered 503) before trying again: a database
/// server that is down does not make every request wait for a connection attempt of its own.
const RECONNECT_PAUSE: Duration = Duration::from_secs(1);

/// The open connections, the first of which writes.
#[derive(Debug)]
pub(crate) struct Connections {
    stores: Vec<Mutex<Store>>,
    /// Where the next read without a free connection waits.
    next: AtomicUsize,
    /// How long a request waits for a busy store, in milliseconds.
    busy_wait_ms: AtomicU64,
    /// A SQLite store's file as the server opened it (`None` for PostgreSQL).
    file: Option<StoreFile>,
    /// When replacing a closed connection last failed.
    reconnect_failed: Mutex<Option<Instant>>,
}

/// The file of a SQLite store: its path, and which file was there when the server opened it.
#[derive(Debug)]
struct StoreFile {
    path: PathBuf,
    identity: Option<FileIdentity>,
}

/// What tells one file from another at the same path: the device and the inode where the system
/// has them (elsewhere, only whether a file is there is checked).
type FileIdentity = (u64, u64);

#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> Option<FileIdentity> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata) -> Option<FileIdentity> {
    None
}

/// Why the store is not ready: a stable state for a monitoring rule, and a reason for people.
#[derive(Debug)]
pub(crate) struct Unready {
    pub state: &'static str,
    pub reason: Text,
}

/// What the readiness check found of the store: its data version when the query answered (the
/// columns' check compares it), and what makes the store not ready, if anything.
#[derive(Debug)]
pub(crate) struct Probe {
    pub version: Option<u64>,
    pub problem: Option<Unready>,
}

impl Probe {
    pub(crate) fn failed(problem: Unready) -> Probe {
        Probe {
            version: None,
            problem: Some(problem),
        }
    }
}

impl Connections {
    /// The first connection, which writes (and reads while it is the only one).
    pub(crate) fn new(mut first: Store) -> Connections {
        // Not being able to shorten the wait is no reason not to serve: the store's own applies.
        let _ = first.wait_when_busy(BUSY_WAIT);
        // The file is looked at just after the connection opened it: the one it has open.
        let file = first.sqlite_file().map(|path| StoreFile {
            identity: std::fs::metadata(path).ok().as_ref().and_then(identity),
            path: path.to_path_buf(),
        });
        Connections {
            stores: vec![Mutex::new(first)],
            next: AtomicUsize::new(0),
            busy_wait_ms: AtomicU64::new(millis(BUSY_WAIT)),
            file,
            reconnect_failed: Mutex::new(None),
        }
    }

    /// How many connections the server holds.
    pub(crate) fn count(&self) -> usize {
        self.stores.len()
    }

    /// The connections that read: every one but the writer, unless it is the only one.
    fn readers(&self) -> &[Mutex<Store>] {
        if self.stores.len() > 1 {
            &self.stores[1..]
        } else {
            &self.stores[..]
        }
    }

    /// Replaces `store` with a new connection when the database server closed it; left as it is
    /// (its statements fail, answered 503) when a new one cannot be had, until the next try
    /// after [`RECONNECT_PAUSE`].
    fn mend(&self, store: &mut Store) {
        if !store.is_closed() {
            return;
        }
        // One connection is replaced at a time; the others meanwhile keep theirs (failing fast)
        // rather than queue behind a connection attempt to a server that may not answer.
        let mut failed = match self.reconnect_failed.try_lock() {
            Ok(failed) => failed,
            Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
            Err(TryLockError::WouldBlock) => return,
        };
        if failed.is_some_and(|at| at.elapsed() < RECONNECT_PAUSE) {
            return;
        }
        let fresh = store.reconnect().and_then(|mut fresh| {
            fresh.wait_when_busy(self.busy_wait())?;
            Ok(fresh)
        });
        match fresh {
            Ok(fresh) => {
                *store = fresh;
                *failed = None;
                tracing::warn!(
                    "{}",
                    text!(
                        "数据库连接已被服务器关闭，已重新连接",
                        "the database server closed a connection: connected again"
                    )
                    .get(crate::server_lang())
                );
            }
            Err(e) => {
                *failed = Some(Instant::now());
                tracing::warn!("{}", e.message(crate::server_lang()));
            }
        }
    }

    /// More connections, for reading.
    pub(crate) fn add(&mut self, more: Vec<Store>) -> Result<(), AppError> {
        let wait = self.busy_wait();
        for mut store in more {
            store.wait_when_busy(wait)?;
            self.stores.push(Mutex::new(store));
        }
        Ok(())
    }

    /// Runs `work` with a connection for reading — a free one if there is any, else the next in
    /// turn (blocking: call it from a blocking task).
    pub(crate) fn reading<T>(&self, work: impl FnOnce(&mut Store) -> T) -> T {
        let readers = self.readers();
        let free = readers.iter().find_map(|store| store.try_lock().ok());
        let mut store = match free {
            Some(store) => store,
            None => lock(&readers[self.next.fetch_add(1, Ordering::Relaxed) % readers.len()]),
        };
        self.mend(&mut store);
        let answer = work(&mut store);
        // A connection the database server ended during the work is replaced now, not by the
        // next request to take it.
        self.mend(&mut store);
        answer
    }

    /// The readiness check of the store: one trivial query (its data version, which the
    /// columns' check reads too) through a free reading connection, waiting at most `wait` for
    /// one; and for SQLite, that the file at the store's path is the file the server has open.
    /// The query alone cannot tell that: SQLite keeps reading and writing (in WAL mode) a file
    /// that was moved or replaced, while every other program — an import from the command line,
    /// a backup, the server's next start — finds another file, or none, at the path.
    pub(crate) fn probe(&self, wait: Duration) -> Probe {
        let since = Instant::now();
        let mut store = loop {
            let free = self
                .readers()
                .iter()
                .find_map(|store| match store.try_lock() {
                    Ok(store) => Some(store),
                    Err(TryLockError::Poisoned(poisoned)) => Some(poisoned.into_inner()),
                    Err(TryLockError::WouldBlock) => None,
                });
            if let Some(store) = free {
                break store;
            }
            if since.elapsed() >= wait {
                let ms = wait.as_millis();
                return Probe::failed(Unready {
                    state: "busy",
                    reason: text!(
                        "{ms} 毫秒内没有空闲的数据库连接",
                        "no connection to the store was free within {ms} ms"
                    ),
                });
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        self.mend(&mut store);
        let version = store.data_version();
        self.mend(&mut store);
        drop(store);
        let version = match version {
            Ok(version) => version,
            Err(e) => {
                // The store's own words may name a path or a server: the log has them, the
                // answer does not.
                tracing::warn!("{}", e.message(crate::server_lang()));
                return Probe::failed(Unready {
                    state: "unreachable",
                    reason: text!(
                        "数据库未应答检查查询（详见服务器日志）",
                        "the store did not answer the check query (the server's log has why)"
                    ),
                });
            }
        };
        let mut probe = Probe {
            version: Some(version),
            problem: None,
        };
        if let Some(file) = &self.file {
            let now = std::fs::metadata(&file.path);
            let same = match (&now, file.identity) {
                (Ok(meta), Some(then)) => identity(meta) == Some(then),
                (Ok(meta), None) => meta.is_file(),
                (Err(_), _) => false,
            };
            if !same {
                probe.problem = Some(Unready {
                    state: "moved",
                    reason: text!(
                        "数据库文件已不在其配置的路径上（被移走、删除或替换），服务器打开的是原文件",
                        "the store's file is no longer at its configured path (moved, removed or replaced): the server holds the old one open"
                    ),
                });
            }
        }
        probe
    }

    /// Runs `work` with the connection that writes: writes take turns, each waiting at most the
    /// busy wait for the one before it (an import of a year of cases takes a while) before
    /// answering that the store is busy.
    pub(crate) fn writing<T>(
        &self,
        work: impl FnOnce(&mut Store) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let waited_since = Instant::now();
        let mut store = loop {
            match self.stores[0].try_lock() {
                Ok(store) => break store,
                Err(TryLockError::Poisoned(poisoned)) => break poisoned.into_inner(),
                Err(TryLockError::WouldBlock) => {
                    if waited_since.elapsed() >= self.busy_wait() {
                        return Err(busy());
                    }
                    std::thread::sleep(Duration::from_millis(5));
                }
            }
        };
        self.mend(&mut store);
        let answer = work(&mut store);
        self.mend(&mut store);
        answer
    }

    /// How long a request waits for a busy store before it is told to come back.
    pub(crate) fn busy_wait(&self) -> Duration {
        Duration::from_millis(self.busy_wait_ms.load(Ordering::Relaxed))
    }

    /// Sets how long a request waits for the store's lock (held by an import, here or in another
    /// process), on every connection.
    pub(crate) fn set_busy_wait(&self, wait: Duration) -> Result<(), AppError> {
        self.busy_wait_ms.store(millis(wait), Ordering::Relaxed);
        for store in &self.stores {
            lock(store).wait_when_busy(wait)?;
        }
        Ok(())
    }
}

fn millis(wait: Duration) -> u64 {
    u64::try_from(wait.as_millis()).unwrap_or(u64::MAX)
}

fn lock(store: &Mutex<Store>) -> MutexGuard<'_, Store> {
    match store.lock() {
        Ok(store) => store,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// The answer to a request that found the store locked past the wait.
fn busy() -> AppError {
    AppError::Unavailable(text!(
        "数据库正忙（可能正在导入数据），请稍后再试",
        "the store is busy (an import may be running): try again shortly"
    ))
}
