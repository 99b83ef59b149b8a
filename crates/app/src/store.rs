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
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("url", self.inner.url())
            .finish()
    }
}
