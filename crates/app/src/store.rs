//! The open store as the web and the command line hold it: a handle they pass to the app's
//! services, which alone read and write through it.
//!
//! The handle answers only what a holder of connections needs to know of the store itself —
//! whether its data changed since a moment ago, how long to wait when another writer holds it —
//! and never a question about cases, people or figures: those are the services' (`case_list`,
//! `case_file`, `metrics`, …), each of which applies the rules (scope, audit) that belong to it.

use std::time::Duration;

use crate::AppError;

/// An open store (SQLite file or PostgreSQL database), opened by [`crate::App::open_store`].
pub struct Store {
    pub(crate) inner: shenguan_store::Store,
}

impl Store {
    /// Takes a store the app's own modules opened.
    pub(crate) fn new(inner: shenguan_store::Store) -> Store {
        Store { inner }
    }

    /// How long a statement waits for another writer's lock before the store answers that it
    /// is busy.
    pub fn wait_when_busy(&mut self, wait: Duration) -> Result<(), AppError> {
        self.inner.wait_when_busy(wait).map_err(AppError::from)
    }

    /// A number that moves whenever the store's cases change (an import, a generated network,
    /// here or in another process): a reader that kept something computed from the cases asks
    /// it to know whether to compute again.
    pub fn data_version(&mut self) -> Result<u64, AppError> {
        self.inner.data_version().map_err(AppError::from)
    }

    /// Whether the connection is closed for good (a PostgreSQL server ended it); a SQLite
    /// connection never is. A holder of connections replaces such a one ([`Store::reconnect`]).
    pub fn is_closed(&self) -> bool {
        self.inner.is_closed()
    }

    /// A new connection to the same PostgreSQL store, to replace one that closed. (A SQLite
    /// store is never reconnected: opening its path creates a file when it is missing.)
    pub fn reconnect(&self) -> Result<Store, AppError> {
        shenguan_store::Store::open(self.inner.url())
            .map(Store::new)
            .map_err(AppError::from)
    }

    /// Runs `work` in one transaction: the changes it makes and the audit entries that record
    /// them are committed together when it returns `Ok`, and none of them when it returns an
    /// error (or the process dies first). Units inside it become savepoints of it.
    pub(crate) fn atomically<T>(
        &mut self,
        work: impl FnOnce(&mut Store) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let unit = self.inner.begin_unit()?;
        // A panic inside the work rolls the unit back before it goes on up: a connection kept
        // by a server must not stay inside a transaction that never ends.
        let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(self)));
        match done {
            Ok(done) => self.inner.end_unit(unit, done),
            Err(panic) => {
                let _ = self
                    .inner
                    .end_unit::<(), AppError>(unit, Err(AppError::Internal("panicked".into())));
                std::panic::resume_unwind(panic)
            }
        }
    }

    /// The file of a SQLite store (`None` for PostgreSQL): where other programs find the store,
    /// which a server checks is still the file it has open.
    pub fn sqlite_file(&self) -> Option<&std::path::Path> {
        match self.inner.url() {
            shenguan_store::StoreUrl::Sqlite(path) => Some(path),
            shenguan_store::StoreUrl::Postgres(_) => None,
        }
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("url", self.inner.url())
            .finish()
    }
}
