//! The judicial assistance register on import: each applicant's identity number keyed under the
//! network's secret (and then dropped), and each grant held to the cap of the configuration.

use shenguan_domain::Money;
use shenguan_domain::assistance::{Assistance, AssistanceError, Cap};
use shenguan_domain::text;
use shenguan_ingest::columns::{AssistanceColumn, HeaderKind, resolve_header};
use shenguan_ingest::table::Table;
use shenguan_ingest::validate::{AssistanceRow, Located, RowError, Validation};

use crate::{App, AppError, Store};

impl App {
    /// The applications, each applicant's number turned into its key.
    pub(super) fn keyed_assistance(
        &self,
        store: &Store,
        rows: Vec<Located<AssistanceRow>>,
    ) -> Result<Vec<Assistance>, AppError> {
        let secret = if rows.iter().any(|r| r.record.id_number.is_some()) {
            Some(self.identity_secret(store)?)
        } else {
            None
        };
        Ok(rows
            .into_iter()
            .map(|located| {
                let AssistanceRow {
                    mut record,
                    id_number,
                } = located.record;
                if let (Some(number), Some(secret)) = (id_number, &secret) {
                    record.identity = Some(number.key(secret));
                }
                record
            })
            .collect())
    }
}

/// The header cell of an assistance file's column, as the file writes it.
fn header(table: &Table, wanted: AssistanceColumn) -> String {
    let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
    match resolve_header(&headers) {
        Some(HeaderKind::Assistance { columns, .. }) => columns
            .iter()
            .position(|c| *c == Some(wanted))
            .and_then(|i| table.headers.get(i).cloned())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// The header cell of an assistance file's case-number column.
pub(super) fn case_no_header(table: &Table) -> String {
    header(table, AssistanceColumn::CaseNo)
}

/// Grants above the cap without a reason become row errors on the amount; a year whose wage the
/// configuration lacks is said in a warning (its grants are not checked).
pub(super) fn check_cap(tables: &[Table], validation: &mut Validation, cap: &Cap) {
    let mut unknown_years = std::collections::BTreeSet::new();
    let mut kept = Vec::with_capacity(validation.assistance.len());
    for located in validation.assistance.drain(..) {
        let record = &located.record.record;
        if record.amount.is_some() && record.cap(cap).is_none() {
            let year = chrono::Datelike::year(&record.decided_on.unwrap_or(record.applied_on)) - 1;
            unknown_years.insert(year);
        }
        let over = record.check(cap).into_iter().find_map(|e| match e {
            AssistanceError::OverCap(limit) => Some(limit),
            _ => None,
        });
        match over {
            Some(limit) => {
                let table = &tables[located.table];
                let months = cap.months;
                let (amount, limit) = (
                    record.amount.unwrap_or(Money::from_fen(0)).to_string(),
                    limit.to_string(),
                );
                validation.errors.push(RowError {
                    path: table.path.clone(),
                    row: located.row,
                    column: header(table, AssistanceColumn::Amount),
                    value: amount,
                    reason_zh: format!(
                        "超过救助上限{limit}元（上一年度月平均工资×{months}个月），须填写超出上限理由"
                    ),
                    reason_en: format!(
                        "above the cap of {limit} yuan ({months} months of the previous year's average monthly wage): give the reason for exceeding it"
                    ),
                });
                validation.rejected.insert((located.table, located.row));
            }
            None => kept.push(located),
        }
    }
    validation.assistance = kept;
    if !unknown_years.is_empty() {
        let years: Vec<String> = unknown_years.iter().map(ToString::to_string).collect();
        let years = years.join("、");
        validation.warnings.push(text!(
            "配置中没有{years}年的月平均工资（[assistance.monthly_wage]），这些年度之后决定的救助金额未检查上限",
            "the configuration has no average monthly wage for {years} ([assistance.monthly_wage]): the grants decided the year after were not checked against the cap"
        ));
    }
}

#[cfg(test)]
mod tests;
