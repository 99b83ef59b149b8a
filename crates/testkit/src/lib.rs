//! Test support shared by every test binary: temporary folders ([`TempDir`]), the built program
//! run with a clean environment ([`program`]), a store on SQLite or in a PostgreSQL schema of its
//! own ([`store`]), the outside tools some tests drive ([`tools`]), and the ledger of what a run
//! did not test ([`skip`]) — so that no test skips in silence.
//!
//! It depends on no crate of the project, so any crate may take it as a dev-dependency; only its
//! `web` feature, which the web crate's tests enable, adds the served test world (`world`).

pub mod dir;
pub mod program;
pub mod skip;
pub mod store;
pub mod tools;
#[cfg(feature = "web")]
pub mod world;

pub use dir::TempDir;
pub use skip::Tool;
pub use store::{PgSchema, StorePlace};
