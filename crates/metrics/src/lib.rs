//! The indicators of court work — SPC quality and efficiency, enforcement's 四个90%、一个80%,
//! CourTools and CEPEJ — defined once ([`catalogue`]) and computed exactly ([`engine`]) from
//! case columns ([`cases`]), with the cases behind every value ([`explain`]).
//!
//! The counting rules live in one place ([`counters`]); the period's time axis in [`period`];
//! the sums per group in [`tally`]. The crate never reads a store or a clock: the caller hands
//! it the cases and the period.

pub mod cases;
pub mod catalogue;
pub mod counters;
pub mod definitions;
pub mod engine;
pub mod explain;
pub mod forecast;
pub mod period;
pub mod petitions;
pub mod reviews;
pub mod service;
pub mod snapshot;
pub mod stock_flow;
pub mod tally;
pub mod targets;

pub use cases::{CaseInput, Cases, CasesBuilder, EventKind};
pub use catalogue::{
    CATALOGUE, Direction, Family, Formula, Indicator, IndicatorCode, Unit, core, indicator,
};
pub use counters::{TimeStandard, TimeStandards};
pub use definitions::{DefinitionChoice, VersionError};
pub use engine::{
    Dimension, Filter, MetricsResult, Query, QueryError, ResultRow, cells_bound, closing_balance,
    run,
};
pub use explain::{Part, explain, explain_petitions, has_part, petition_measure};
pub use period::Period;
pub use reviews::ReviewMark;
pub use service::{PostMark, PostResult, ServiceMark};
