//! Reading and writing the canonical interchange files, and validating their rows.
//!
//! `table`, `read`, `write`: files in and out as tables of text (CSV in UTF-8 or GBK, XLSX,
//! Parquet), with the row numbers a user sees. `columns`: the canonical columns and their Chinese
//! and English header aliases. `validate`: table rows to case and event records, every bad cell a
//! row error (data, not an `Err`). `update`: what a re-import states and changes. `export`: records to
//! rows. This crate never touches the store.

pub mod columns;
pub mod export;
mod formula;
pub mod read;
pub mod table;
pub mod update;
pub mod validate;
pub mod write;
