//! The server's connections to its store: reads take any free one (a case page does not wait
//! for another's list), writes keep to the first and wait for it at most the busy wait before
//! answering that the store is busy (503 with Retry-After), so that two writers never queue on
//! SQLite's own lock, whose retries would make the slow tail.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, TryLockError};
use std::time::{Duration, Instant};

use shenguan_app::{AppError, Store, text};

/// How long a request waits for the store's lock before it answers 503 with Retry-After.
pub const BUSY_WAIT: Duration = Duration::from_secs(5);

/// The open connections, the first of which writes.
#[derive(Debug)]
pub(crate) struct Connections {
    stores: Vec<Mutex<Store>>,
    /// Where the next read without a free connection waits.
    next: AtomicUsize,
    /// How long a request waits for a busy store, in milliseconds.
    busy_wait_ms: AtomicU64,
}

impl Connections {
    /// The first connection, which writes (and reads while it is the only one).
    pub(crate) fn new(mut first: Store) -> Connections {
        // Not being able to shorten the wait is no reason not to serve: the store's own applies.
        let _ = first.wait_when_busy(BUSY_WAIT);
        Connections {
            stores: vec![Mutex::new(first)],
            next: AtomicUsize::new(0),
            busy_wait_ms: AtomicU64::new(millis(BUSY_WAIT)),
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
        let readers = if self.stores.len() > 1 {
            &self.stores[1..]
        } else {
            &self.stores[..]
        };
        let free = readers.iter().find_map(|store| store.try_lock().ok());
        let mut store = match free {
            Some(store) => store,
            None => lock(&readers[self.next.fetch_add(1, Ordering::Relaxed) % readers.len()]),
        };
        work(&mut store)
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
        work(&mut store)
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
