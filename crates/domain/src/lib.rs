//! The pure domain core of shenguan: what a case is and when it must be finished.
//!
//! Case numbers (案号) and the case-type table (类型代字) tell what a case is; court codes and the
//! court registry tell where it is; time limits (审限), periods and the holiday calendar tell when
//! it must be finished. Nothing here reads a clock, a file, a database or the network: the caller
//! passes today's year, file contents and configuration in.

pub mod allocation;
pub mod assistance;
pub mod audit_log;
pub mod calendar;
pub mod case_number;
pub mod case_record;
pub mod case_type;
pub mod closing_method;
pub mod court;
pub mod court_registry;
mod csv_rows;
pub mod date_text;
pub mod deadline;
pub mod event_kind;
pub mod hash_chain;
pub mod integrity;
pub mod limit_change;
pub mod money;
pub mod party;
pub mod period;
pub mod petition;
pub mod quality;
pub mod review;
pub mod scope;
pub mod service;
pub mod staff;
pub mod text;
pub mod time_limit;
pub mod warning;
pub mod zhongben;

pub use calendar::{DayStatus, HolidayCalendar, Knowledge};
pub use case_number::{CaseNumber, CaseNumberError, SpecialCode};
pub use case_record::{CaseRecord, EventRecord};
pub use case_type::{CaseType, Category, Stage};
pub use closing_method::{ClosingMethod, ClosingMethodError, closing_method_for, closing_methods};
pub use court::{CourtCode, CourtCodeError, CourtKind, CourtLevel, Province};
pub use court_registry::{Court, CourtListError, CourtRegistry};
pub use date_text::{DateError, parse_date};
pub use deadline::{
    Deadline, DeadlineError, DeadlineOptions, DeadlineRequest, compute_deadline, deadline_date,
    deadline_summary,
};
pub use event_kind::{EventKind, UnknownEventKind};
pub use limit_change::{
    Approver, ChangeError, Exclusion, ExclusionGround, Extension, excluded_days, join_exclusions,
    join_extensions, parse_exclusions, parse_extensions, reason_for_record,
};
pub use money::{Money, MoneyError};
pub use party::{
    CaseParties, IdNumber, IdNumberError, IdentityKey, Party, PartyKind, PartyRole, Payment,
    PaymentKind, UnknownName, undisbursed,
};
pub use period::{Period, PeriodEnd, PeriodError, join_periods, parse_periods};
pub use scope::CourtScope;
pub use staff::{
    Division, JudgeKey, NameMatch, Roster, Staff, StaffId, StaffIdError, StaffRole,
    UnknownStaffRole, judge_key, list_candidates,
};
pub use text::{Lang, Text};
pub use time_limit::{Certainty, Procedure, TimeLimitError, TimeLimitRule, TimeLimits};
pub use warning::{WarningTier, warning_tier};
