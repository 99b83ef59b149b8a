//! The service records an export writes in a folder of their own (`service/`): the tasks with
//! their attempts (`service-records`, one row per attempt, a task without one on a row of its
//! own) and the parties' address confirmations (`confirmations`), in the columns the import reads
//! — identity numbers never (they were never kept), their keys instead — so that an export
//! imports into another store as it was. Only the tasks and confirmations of the cases exported.

use std::collections::HashSet;

use shenguan_domain::CourtScope;
use shenguan_domain::service::consent::ConsentScope;
use shenguan_domain::service::{Failure, Method, Outcome, Proof, RecipientKind};
use shenguan_ingest::columns::{
    CONFIRMATION_COLUMNS, ConfirmationColumn, SERVICE_COLUMNS, ServiceColumn, confirmation_header,
    service_header,
};
use shenguan_ingest::table::{Column, ColumnKind};
use shenguan_store::{ConfirmationRow, ServiceAttemptRow, ServiceQuery, ServiceTaskRow};

use super::FileTable;
use crate::{AppError, Store};

/// A stored key in Chinese, as a court's file writes it (the key itself if it is none of them).
fn label(key: &str, parse: impl Fn(&str) -> Option<&'static str>) -> String {
    parse(key).map_or_else(|| key.to_string(), str::to_string)
}

fn service_kind(column: ServiceColumn) -> ColumnKind {
    match column {
        ServiceColumn::CreatedOn | ServiceColumn::AttemptedOn | ServiceColumn::ServedOn => {
            ColumnKind::Date
        }
        ServiceColumn::Seq => ColumnKind::Integer,
        _ => ColumnKind::Text,
    }
}

/// The service records' columns as an export writes them: every column the import reads but
/// the identity number.
pub(crate) fn service_columns(chinese: bool) -> Vec<Column<'static>> {
    SERVICE_COLUMNS
        .iter()
        .filter(|(c, ..)| *c != ServiceColumn::IdNumber)
        .map(|(c, ..)| Column {
            name: service_header(*c, chinese),
            kind: service_kind(*c),
        })
        .collect()
}

/// The confirmations' columns as an export writes them.
pub(crate) fn confirmation_columns(chinese: bool) -> Vec<Column<'static>> {
    CONFIRMATION_COLUMNS
        .iter()
        .filter(|(c, ..)| *c != ConfirmationColumn::IdNumber)
        .map(|(c, ..)| Column {
            name: confirmation_header(*c, chinese),
            kind: if *c == ConfirmationColumn::SignedOn {
                ColumnKind::Date
            } else {
                ColumnKind::Text
            },
        })
        .collect()
}

/// One row of the service records: the task's cells, then the attempt's (empty without one).
fn service_row(task: &ServiceTaskRow, attempt: Option<&ServiceAttemptRow>) -> Vec<String> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let day = |v: Option<chrono::NaiveDate>| v.map(|d| d.to_string()).unwrap_or_default();
    SERVICE_COLUMNS
        .iter()
        .filter(|(c, ..)| *c != ServiceColumn::IdNumber)
        .map(|(column, ..)| match (column, attempt) {
            (ServiceColumn::CaseNo, _) => task.case_no.clone(),
            (ServiceColumn::Document, _) => task.document.clone(),
            (ServiceColumn::Recipient, _) => task.recipient.clone(),
            (ServiceColumn::RecipientKind, _) => label(&task.recipient_kind, |k| {
                RecipientKind::parse(k).ok().map(RecipientKind::label_zh)
            }),
            (ServiceColumn::IdNumber, _) => String::new(),
            (ServiceColumn::IdentityKey, _) => text(&task.identity_key),
            (ServiceColumn::Address, _) => text(&task.address),
            (ServiceColumn::Foreign, _) => if task.foreign { "是" } else { "否" }.to_string(),
            (ServiceColumn::CreatedOn, _) => task.created_on.to_string(),
            (_, None) => String::new(),
            (ServiceColumn::Seq, Some(a)) => a.seq.to_string(),
            (ServiceColumn::Method, Some(a)) => {
                label(&a.method, |k| Method::parse(k).ok().map(Method::label_zh))
            }
            (ServiceColumn::AttemptedOn, Some(a)) => a.attempted_on.to_string(),
            (ServiceColumn::Outcome, Some(a)) => label(&a.outcome, |k| {
                Outcome::parse(k).ok().map(Outcome::label_zh)
            }),
            (ServiceColumn::ServedOn, Some(a)) => day(a.served_on),
            (ServiceColumn::Failure, Some(a)) => {
                a.failure.as_deref().map_or_else(String::new, |f| {
                    label(f, |k| Failure::parse(k).ok().map(Failure::label_zh))
                })
            }
            (ServiceColumn::Proof, Some(a)) => a.proof.as_deref().map_or_else(String::new, |p| {
                label(p, |k| Proof::parse(k).ok().map(Proof::label_zh))
            }),
            (ServiceColumn::TrackingNo, Some(a)) => text(&a.tracking_no),
            (ServiceColumn::EntrustedCourt, Some(a)) => text(&a.entrusted_court),
            (ServiceColumn::ByUser, Some(a)) => a.by_user.clone(),
        })
        .collect()
}

fn confirmation_row(c: &ConfirmationRow) -> Vec<String> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    CONFIRMATION_COLUMNS
        .iter()
        .filter(|(column, ..)| *column != ConfirmationColumn::IdNumber)
        .map(|(column, ..)| match column {
            ConfirmationColumn::CaseNo => c.case_no.clone(),
            ConfirmationColumn::Party => c.party.clone(),
            ConfirmationColumn::IdNumber => String::new(),
            ConfirmationColumn::IdentityKey => text(&c.identity_key),
            ConfirmationColumn::SignedOn => c.signed_on.to_string(),
            ConfirmationColumn::Address => text(&c.address),
            ConfirmationColumn::Electronic => c.electronic.as_deref().map_or_else(
                || "否".to_string(),
                |e| {
                    label(e, |k| {
                        ConsentScope::parse(k).ok().map(ConsentScope::label_zh)
                    })
                },
            ),
            ConfirmationColumn::Channel => text(&c.channel),
        })
        .collect()
}

/// The case numbers that have a service task (of the courts `court` selects) or an address
/// confirmation: of the cases an export writes, only these need to be remembered for the service
/// files.
pub(super) fn served_cases(
    store: &mut Store,
    court: Option<CourtScope>,
) -> Result<HashSet<String>, AppError> {
    let query = ServiceQuery {
        court,
        ..ServiceQuery::default()
    };
    let mut served: HashSet<String> = store
        .inner
        .service_tasks(&query)?
        .into_iter()
        .map(|t| t.case_no)
        .collect();
    served.extend(
        store
            .inner
            .all_confirmations()?
            .into_iter()
            .map(|c| c.case_no),
    );
    Ok(served)
}

/// The service files of the cases exported (`exported`: their numbers, of the courts `court`
/// selects); each only when it has rows.
pub(super) fn tables(
    store: &mut Store,
    court: Option<CourtScope>,
    exported: &HashSet<String>,
    chinese: bool,
) -> Result<Vec<FileTable>, AppError> {
    let query = ServiceQuery {
        court,
        ..ServiceQuery::default()
    };
    let tasks = store.inner.service_tasks(&query)?;
    let mut rows = Vec::new();
    for task in tasks.iter().filter(|t| exported.contains(&t.case_no)) {
        if task.attempts.is_empty() {
            rows.push(service_row(task, None));
        }
        rows.extend(task.attempts.iter().map(|a| service_row(task, Some(a))));
    }
    let mut confirmations: Vec<ConfirmationRow> = store
        .inner
        .all_confirmations()?
        .into_iter()
        .filter(|c| exported.contains(&c.case_no))
        .collect();
    confirmations.sort_by(|a, b| {
        (&a.case_no, a.signed_on, &a.party).cmp(&(&b.case_no, b.signed_on, &b.party))
    });
    let mut files = Vec::new();
    if !rows.is_empty() {
        files.push(("service-records", service_columns(chinese), rows));
    }
    if !confirmations.is_empty() {
        let rows = confirmations.iter().map(confirmation_row).collect();
        files.push(("confirmations", confirmation_columns(chinese), rows));
    }
    Ok(files)
}
