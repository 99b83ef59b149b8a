//! Who handles each imported case: a judge named by staff number must be on the staff list (and
//! agree with the name the row gives); a judge named only by name is tied to a staff number when
//! the name is unique within the case's court, and a row whose name several people of that court
//! share fails with the candidates listed.
//!
//! A court whose staff list the store does not hold (no `staff` file imported yet) cannot be
//! checked: its numbers are taken as given and its names stay names, counted within the court.

use std::collections::HashSet;

use shenguan_domain::{CourtCode, NameMatch, Roster, Text, list_candidates, text};
use shenguan_ingest::columns::{CaseColumn, HeaderKind, resolve_header};
use shenguan_ingest::table::Table;
use shenguan_ingest::validate::{Located, RowError, Validation};

/// Resolves or checks the judge of every valid case row; rows that fail become errors.
/// Returns a note when names were left without a number in courts that have a staff list.
pub(super) fn resolve(
    tables: &[Table],
    validation: &mut Validation,
    roster: &Roster,
) -> Option<Text> {
    if roster.is_empty() {
        return None;
    }
    let courts: HashSet<CourtCode> = roster.all().iter().map(|s| s.court).collect();
    let mut unmatched = 0usize;
    let mut kept = Vec::with_capacity(validation.cases.len());
    for mut located in validation.cases.drain(..) {
        let record = &mut located.record;
        let checked = courts.contains(&record.court);
        let failure = match (&record.judge_id, record.judge.as_deref()) {
            (Some(id), name) if checked || roster.get(id).is_some() => match roster.get(id) {
                None => Some((
                    CaseColumn::JudgeId,
                    id.to_string(),
                    format!("工号{id}不在人员名单中"),
                    format!("staff number {id} is not on the staff list"),
                )),
                Some(person) => match name {
                    Some(name) if name != person.name => Some((
                        CaseColumn::Judge,
                        name.to_string(),
                        format!("承办人与工号{id}（{}）不符", person.name),
                        format!(
                            "the judge does not match staff number {id} ({})",
                            person.name
                        ),
                    )),
                    Some(_) => None,
                    None => {
                        record.judge = Some(person.name.clone());
                        None
                    }
                },
            },
            (None, Some(name)) if checked => match roster.find(record.court, name) {
                NameMatch::One(person) => {
                    record.judge_id = Some(person.id.clone());
                    None
                }
                NameMatch::Several(candidates) => Some((
                    CaseColumn::Judge,
                    name.to_string(),
                    format!(
                        "本院有{}人同名，请在“承办人工号”列注明：{}",
                        candidates.len(),
                        list_candidates(&candidates)
                    ),
                    format!(
                        "{} people of this court share the name; state the judge_id: {}",
                        candidates.len(),
                        list_candidates(&candidates)
                    ),
                )),
                NameMatch::Nobody => {
                    unmatched += 1;
                    None
                }
            },
            _ => None,
        };
        match failure {
            None => kept.push(located),
            Some((column, value, reason_zh, reason_en)) => {
                let table = &tables[located.table];
                validation.errors.push(RowError {
                    path: table.path.clone(),
                    row: located.row,
                    column: header_of(table, column),
                    value,
                    reason_zh,
                    reason_en,
                });
                validation.rejected.insert((located.table, located.row));
            }
        }
    }
    validation.cases = kept;
    (unmatched > 0).then(|| {
        text!(
            "{unmatched}件案件的承办人不在本院人员名单中，按姓名计入本院",
            "{unmatched} cases name a judge not on their court's staff list and are counted by name within the court"
        )
    })
}

/// The header cell of a cases file's column, as the file writes it (the canonical name when
/// the file lacks the column).
fn header_of(table: &Table, column: CaseColumn) -> String {
    let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
    let index = match resolve_header(&headers) {
        Some(HeaderKind::Cases { columns, .. }) => columns.iter().position(|c| *c == Some(column)),
        _ => None,
    };
    index
        .and_then(|i| table.headers.get(i).cloned())
        .unwrap_or_else(|| shenguan_ingest::columns::case_header(column, true).to_string())
}

/// Keeps only the staff and division rows of `own` and the courts below it.
pub(super) fn keep_own_staff(tables: &[Table], validation: &mut Validation, own: CourtCode) {
    let staff = keep_within(&mut validation.staff, |s| s.court, own);
    let divisions = keep_within(&mut validation.divisions, |d| d.court, own);
    let refused = staff
        .into_iter()
        .map(|r| (r, "人员", "person"))
        .chain(divisions.into_iter().map(|r| (r, "部门", "division")));
    for ((table, row, court), what_zh, what_en) in refused {
        validation.errors.push(RowError {
            path: tables[table].path.clone(),
            row,
            column: "court_code".into(),
            value: court.to_string(),
            reason_zh: format!("{what_zh}不属于{own}及其辖区法院，无权导入"),
            reason_en: format!("the {what_en} is outside {own} and the courts below it"),
        });
        validation.rejected.insert((table, row));
    }
}

/// Keeps the rows whose court is `own` or below it; returns the others as (table, row, court).
fn keep_within<T>(
    rows: &mut Vec<Located<T>>,
    court_of: impl Fn(&T) -> CourtCode,
    own: CourtCode,
) -> Vec<(usize, usize, CourtCode)> {
    let prefix = own.to_string();
    let mut refused = Vec::new();
    rows.retain(|located| {
        let court = court_of(&located.record);
        let inside = court.to_string().starts_with(&prefix);
        if !inside {
            refused.push((located.table, located.row, court));
        }
        inside
    });
    refused
}
