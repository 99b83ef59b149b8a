//! Records to rows of the canonical files, derived columns included (type code, category, stage,
//! deadline, trial days). Values are canonical text: ISO dates, yuan with two decimals, whole days.

use shenguan_domain::{
    CaseRecord, DeadlineOptions, EventRecord, HolidayCalendar, Staff, TimeLimits, join_exclusions,
    join_extensions,
};

use crate::columns::{
    CASE_COLUMNS, CaseColumn, DIVISION_COLUMNS, DivisionColumn, EVENT_COLUMNS, EventColumn,
    PARTY_COLUMNS, PAYMENT_COLUMNS, PartyColumn, PaymentColumn, STAFF_COLUMNS, StaffColumn,
    case_header, division_header, event_header, party_header, payment_header, staff_header,
};
use crate::table::{Column, ColumnKind};

/// What the derived deadline column is computed with.
#[derive(Clone, Copy, Debug)]
pub struct DeadlineRules<'a> {
    pub limits: &'a TimeLimits,
    pub calendar: &'a HolidayCalendar,
    pub options: DeadlineOptions,
}

/// The columns of the cases file, headed in Chinese or English.
pub fn case_columns(chinese: bool) -> Vec<Column<'static>> {
    CASE_COLUMNS
        .iter()
        .map(|(column, ..)| Column {
            name: case_header(*column, chinese),
            kind: case_kind(*column),
        })
        .collect()
}

fn case_kind(column: CaseColumn) -> ColumnKind {
    match column {
        CaseColumn::FiledOn | CaseColumn::ClosedOn | CaseColumn::Deadline => ColumnKind::Date,
        CaseColumn::ClaimAmount | CaseColumn::RecoveredAmount => ColumnKind::Money,
        CaseColumn::ExtensionDays
        | CaseColumn::ExcludedDays
        | CaseColumn::TrialDays
        | CaseColumn::ExtensionCount => ColumnKind::Integer,
        _ => ColumnKind::Text,
    }
}

/// One row of the cases file. Category and stage are written as keys under an English header and
/// as Chinese labels under a Chinese one; the importer reads both.
pub fn case_row(record: &CaseRecord, rules: &DeadlineRules<'_>, chinese: bool) -> Vec<String> {
    let n = &record.case_no;
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    CASE_COLUMNS
        .iter()
        .map(|(column, ..)| match column {
            CaseColumn::CaseNo => n.to_string(),
            CaseColumn::CourtCode => record.court.to_string(),
            CaseColumn::CourtName => text(&record.court_name),
            CaseColumn::TypeCode => n
                .case_type()
                .map(|t| t.code.to_string())
                .unwrap_or_default(),
            CaseColumn::Category => n
                .category()
                .map(|c| if chinese { c.label_zh() } else { c.key() }.to_string())
                .unwrap_or_default(),
            CaseColumn::Stage => n
                .stage()
                .map(|s| if chinese { s.label_zh() } else { s.key() }.to_string())
                .unwrap_or_default(),
            CaseColumn::Procedure => record
                .procedure
                .map(|p| p.label_zh().to_string())
                .unwrap_or_default(),
            CaseColumn::Cause => text(&record.cause),
            CaseColumn::Division => text(&record.division),
            CaseColumn::Judge => text(&record.judge),
            CaseColumn::JudgeId => record
                .judge_id
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            CaseColumn::FiledOn => record.filed_on.to_string(),
            CaseColumn::ClosedOn => record.closed_on.map(|d| d.to_string()).unwrap_or_default(),
            CaseColumn::ClosingMethod => record
                .closing_method
                .map(|m| m.label_zh().to_string())
                .unwrap_or_default(),
            CaseColumn::ClaimAmount => record
                .claim_amount
                .map(|m| m.to_string())
                .unwrap_or_default(),
            CaseColumn::RecoveredAmount => record
                .recovered_amount
                .map(|m| m.to_string())
                .unwrap_or_default(),
            CaseColumn::Extension => join_extensions(&record.extensions),
            CaseColumn::ExtensionDays => extension_days(record, rules).to_string(),
            CaseColumn::Exclusions => join_exclusions(&record.exclusions),
            CaseColumn::ExcludedDays => record.excluded_days().to_string(),
            CaseColumn::OriginCaseNo => record
                .origin_case_no
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            CaseColumn::Deadline => record
                .deadline(rules.limits, rules.calendar, rules.options)
                .ok()
                .flatten()
                .map(|d| d.to_string())
                .unwrap_or_default(),
            CaseColumn::TrialDays => record
                .trial_days()
                .map(|d| d.to_string())
                .unwrap_or_default(),
            CaseColumn::ExtensionCount => record.extensions.len().to_string(),
            CaseColumn::AppealCourt => record
                .court
                .default_parent()
                .map(|c| c.to_string())
                .unwrap_or_default(),
        })
        .collect()
}

/// How many days the case's extensions add to its statutory end (0 without extensions, or when
/// its type has no statutory limit).
fn extension_days(record: &CaseRecord, rules: &DeadlineRules<'_>) -> u32 {
    if record.extensions.is_empty() {
        return 0;
    }
    record
        .deadline_summary(rules.limits, rules.calendar, rules.options)
        .ok()
        .flatten()
        .map_or(0, |d| d.extension_days)
}

/// The columns of the events file.
pub fn event_columns(chinese: bool) -> Vec<Column<'static>> {
    EVENT_COLUMNS
        .iter()
        .map(|(column, ..)| Column {
            name: event_header(*column, chinese),
            kind: if *column == EventColumn::Date {
                ColumnKind::Date
            } else {
                ColumnKind::Text
            },
        })
        .collect()
}

pub fn event_row(event: &EventRecord) -> Vec<String> {
    EVENT_COLUMNS
        .iter()
        .map(|(column, ..)| match column {
            EventColumn::CaseNo => event.case_no.to_string(),
            EventColumn::Kind => event.kind.label_zh().to_string(),
            EventColumn::Date => event.date.to_string(),
            EventColumn::Detail => event.detail.clone(),
        })
        .collect()
}

/// The columns of the staff list, headed in Chinese or English.
pub fn staff_columns(chinese: bool) -> Vec<Column<'static>> {
    STAFF_COLUMNS
        .iter()
        .map(|(column, ..)| Column {
            name: staff_header(*column, chinese),
            kind: match column {
                StaffColumn::ActiveFrom | StaffColumn::ActiveTo => ColumnKind::Date,
                _ => ColumnKind::Text,
            },
        })
        .collect()
}

/// One row of the staff list; the role by its Chinese name, which the importer reads.
pub fn staff_row(person: &Staff) -> Vec<String> {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    STAFF_COLUMNS
        .iter()
        .map(|(column, ..)| match column {
            StaffColumn::StaffId => person.id.to_string(),
            StaffColumn::Name => person.name.clone(),
            StaffColumn::CourtCode => person.court.to_string(),
            StaffColumn::Division => person.division.clone().unwrap_or_default(),
            StaffColumn::Role => person
                .role
                .map(|r| r.label_zh().to_string())
                .unwrap_or_default(),
            StaffColumn::ActiveFrom => date(person.active_from),
            StaffColumn::ActiveTo => date(person.active_to),
        })
        .collect()
}

/// The columns of the parties file, headed in Chinese or English. The identity number itself is
/// never written: its masked form is, and the key that matches it across cases.
pub fn party_columns(chinese: bool) -> Vec<Column<'static>> {
    PARTY_COLUMNS
        .iter()
        .filter(|(column, ..)| *column != PartyColumn::IdNumber)
        .map(|(column, ..)| Column {
            name: party_header(*column, chinese),
            kind: ColumnKind::Text,
        })
        .collect()
}

/// One row of the parties file, in [`party_columns`] order.
pub fn party_row(
    case_no: &shenguan_domain::CaseNumber,
    party: &shenguan_domain::Party,
) -> Vec<String> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    PARTY_COLUMNS
        .iter()
        .filter(|(column, ..)| *column != PartyColumn::IdNumber)
        .map(|(column, ..)| match column {
            PartyColumn::CaseNo => case_no.to_string(),
            PartyColumn::Role => party.role.label_zh().to_string(),
            PartyColumn::Kind => party
                .kind
                .map(|k| k.label_zh().to_string())
                .unwrap_or_default(),
            PartyColumn::Name => party.name.clone(),
            PartyColumn::IdNumber => String::new(),
            PartyColumn::IdentityKey => party
                .identity
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            PartyColumn::IdMasked => text(&party.id_masked),
            PartyColumn::Agent => text(&party.agent),
            PartyColumn::Address => text(&party.address),
        })
        .collect()
}

/// The columns of the payments file.
pub fn payment_columns(chinese: bool) -> Vec<Column<'static>> {
    PAYMENT_COLUMNS
        .iter()
        .map(|(column, ..)| Column {
            name: payment_header(*column, chinese),
            kind: match column {
                PaymentColumn::Date => ColumnKind::Date,
                PaymentColumn::Amount => ColumnKind::Money,
                _ => ColumnKind::Text,
            },
        })
        .collect()
}

/// One row of the payments file.
pub fn payment_row(payment: &shenguan_domain::Payment) -> Vec<String> {
    PAYMENT_COLUMNS
        .iter()
        .map(|(column, ..)| match column {
            PaymentColumn::CaseNo => payment.case_no.to_string(),
            PaymentColumn::Date => payment.date.to_string(),
            PaymentColumn::Kind => payment.kind.label_zh().to_string(),
            PaymentColumn::Amount => payment.amount.to_string(),
            PaymentColumn::Note => payment.note.clone(),
        })
        .collect()
}

/// The columns of the divisions file.
pub fn division_columns(chinese: bool) -> Vec<Column<'static>> {
    DIVISION_COLUMNS
        .iter()
        .map(|(column, ..)| Column {
            name: division_header(*column, chinese),
            kind: ColumnKind::Text,
        })
        .collect()
}

/// One row of the divisions file.
pub fn division_row(division: &shenguan_domain::Division) -> Vec<String> {
    DIVISION_COLUMNS
        .iter()
        .map(|(column, ..)| match column {
            DivisionColumn::CourtCode => division.court.to_string(),
            DivisionColumn::Code => division.code.clone(),
            DivisionColumn::Name => division.name.clone(),
        })
        .collect()
}

/// The columns of the petition register as exported: every column but the identity numbers,
/// which are never kept (their keys and masked forms are written instead).
pub fn petition_columns(chinese: bool) -> Vec<Column<'static>> {
    use crate::columns::{PETITION_COLUMNS, PetitionColumn, petition_header};
    PETITION_COLUMNS
        .iter()
        .filter(|(column, ..)| *column != PetitionColumn::IdNumbers)
        .map(|(column, ..)| Column {
            name: petition_header(*column, chinese),
            kind: ColumnKind::Text,
        })
        .collect()
}

/// One row of the petition register, in [`petition_columns`] order; names in Chinese, several
/// petitioners or cases joined by 、 (an empty place for a petitioner without a number).
pub fn petition_row(p: &shenguan_domain::petition::Petition) -> Vec<String> {
    use crate::columns::{PETITION_COLUMNS, PetitionColumn as P};
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let day = |v: Option<chrono::NaiveDate>| v.map(|d| d.to_string()).unwrap_or_default();
    let yes = |b: bool| if b { "是" } else { "否" }.to_string();
    let name = |v: Option<&'static str>| v.unwrap_or_default().to_string();
    let joined = |f: &dyn Fn(&shenguan_domain::petition::Petitioner) -> String| {
        p.petitioners.iter().map(f).collect::<Vec<_>>().join("、")
    };
    PETITION_COLUMNS
        .iter()
        .filter(|(column, ..)| *column != P::IdNumbers)
        .map(|(column, ..)| match column {
            P::RegisterNo => p.register_no.clone(),
            P::Court => p.court.to_string(),
            P::ReceivedOn => p.received_on.to_string(),
            P::Channel => p.channel.label_zh().to_string(),
            P::Referrer => name(p.referrer.map(|r| r.label_zh())),
            P::Petitioners => joined(&|x| x.name.clone()),
            P::IdNumbers => String::new(),
            P::IdentityKeys if p.petitioners.iter().all(|x| x.identity.is_none()) => String::new(),
            P::IdentityKeys => joined(&|x| {
                x.identity
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            }),
            P::IdMasked if p.petitioners.iter().all(|x| x.identity.is_none()) => String::new(),
            P::IdMasked => joined(&|x| x.masked.clone().unwrap_or_default()),
            P::HeadCount => p.head_count.to_string(),
            P::Cases => p
                .cases
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、"),
            P::Subject => p.subject.label_zh().to_string(),
            P::Level => p.level.label_zh().to_string(),
            P::Circuit => p.circuit.map(|n| n.to_string()).unwrap_or_default(),
            P::SkippedLevels => yes(p.skipped_levels),
            P::Division => text(&p.division),
            P::Handler => text(&p.handler),
            P::Screening => name(p.screening.map(|s| s.label_zh())),
            P::Route => name(p.route.map(|r| r.label_zh())),
            P::RoutedCase => p
                .routed_case
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            P::NotRoutedReason => text(&p.not_routed_reason),
            P::AcceptedOn => day(p.accepted_on),
            P::Extended => yes(p.extended),
            P::RepliedOn => day(p.replied_on),
            P::Outcome => name(p.outcome.map(|o| o.label_zh())),
            P::Satisfaction => name(p.satisfaction.map(|s| s.label_zh())),
            P::ReviewAskedOn => day(p.review_asked_on),
            P::ReviewRepliedOn => day(p.review_replied_on),
            P::RecheckAskedOn => day(p.recheck_asked_on),
            P::RecheckRepliedOn => day(p.recheck_replied_on),
            P::ResolvedOn => day(p.resolved_on),
            P::Resolution => text(&p.resolution),
            P::EndedOn => day(p.ended_on),
            P::EndedBy => text(&p.ended_by),
            P::StoppedOn => day(p.stopped_on),
        })
        .collect()
}

/// The columns of the judicial assistance register as exported: every column but the identity
/// number, which is never kept (its key and masked form are written instead).
pub fn assistance_columns(chinese: bool) -> Vec<Column<'static>> {
    use crate::columns::{ASSISTANCE_COLUMNS, AssistanceColumn, assistance_header};
    ASSISTANCE_COLUMNS
        .iter()
        .filter(|(column, ..)| *column != AssistanceColumn::IdNumber)
        .map(|(column, ..)| Column {
            name: assistance_header(*column, chinese),
            kind: ColumnKind::Text,
        })
        .collect()
}

/// One row of the assistance register, in [`assistance_columns`] order; the decision in
/// Chinese, the amount in yuan with two decimals, original cases joined by 、.
pub fn assistance_row(a: &shenguan_domain::assistance::Assistance) -> Vec<String> {
    use crate::columns::{ASSISTANCE_COLUMNS, AssistanceColumn as A};
    let day = |v: Option<chrono::NaiveDate>| v.map(|d| d.to_string()).unwrap_or_default();
    ASSISTANCE_COLUMNS
        .iter()
        .filter(|(column, ..)| *column != A::IdNumber)
        .map(|(column, ..)| match column {
            A::CaseNo => a.case_no.to_string(),
            A::Applicant => a.applicant.clone(),
            A::IdNumber => String::new(),
            A::IdentityKey => a
                .identity
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            A::IdMasked => a.masked.clone().unwrap_or_default(),
            A::AppliedOn => a.applied_on.to_string(),
            A::OriginCases => a
                .origin_cases
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、"),
            A::DecidedOn => day(a.decided_on),
            A::Decision => a
                .decision
                .map(|d| d.label_zh())
                .unwrap_or_default()
                .to_string(),
            A::Amount => a.amount.map(|m| m.to_string()).unwrap_or_default(),
            A::OverCapReason => a.over_cap_reason.clone().unwrap_or_default(),
            A::PaidOn => day(a.paid_on),
        })
        .collect()
}
