//! The supervision records an import may carry beside the cases — the files an export writes to
//! its `supervision/` folder: every row checked, every record matched with what the store holds
//! of it, and what is new or has gone further written with the cases, all or nothing.
//!
//! Records are matched by what they are, never by the numbers one store gave them (each store
//! numbers its own): a 督办 item by its case, who opened it and the moment of its opening; an
//! application by its case, kind, change, reason, applicant and day; a 终本 review by its case; a
//! 案件评查 plan by its name, kind, court, period, seed and the moment it was made, a review of
//! one by its plan and case, the steps after it by their order (`reviews`). So a
//! second import of the same files changes nothing, and an updated export adds the steps and the
//! decisions taken since. A record the store has taken further than the file is kept as stored; one
//! that went one way in the store and another in the file is an error on its row. The people named
//! are kept by name: a name without an account here is imported as it is, with a warning (that
//! person must be given an account to reply or decide).

use std::collections::{BTreeSet, HashSet};

use chrono::NaiveDate;
use shenguan_domain::{CourtCode, Text, text};
use shenguan_ingest::table::Table;
use shenguan_ingest::validate::{Located, RowError, Validation};
use shenguan_store::{
    LimitRequestRow, RecordsWrite, SupervisionRow, SupervisionStep, ZhongbenFinding,
};

use crate::record_files::RecordFile;
use crate::{App, AppError, Store};

mod history;
mod matching;
mod read;
#[cfg(test)]
mod review_tests;
mod reviews;
#[cfg(test)]
mod tests;

use history::{FullItem, assemble_items};
use matching::{match_findings, match_items, match_requests};
use read::read_table;
use reviews::{ReadReviews, check_reviews};
/// How much of an overlong value an error shows.
const SHOWN: usize = 60;

/// How many records of one kind an import adds, takes further, or finds as stored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub added: u64,
    pub updated: u64,
    /// Already stored as the file has them, or further along in the store.
    pub unchanged: u64,
}

/// What the records of an import do to the store, kind by kind (a dry run says it too).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RecordCounts {
    pub items: Tally,
    pub requests: Tally,
    pub reviews: Tally,
    /// 案件评查 plans.
    pub review_plans: Tally,
    /// Their reviews: added, taken further (steps after them), or as stored.
    pub case_reviews: Tally,
}

impl RecordCounts {
    pub fn is_empty(&self) -> bool {
        *self == RecordCounts::default()
    }
}

/// The records checked: what to write, and what it amounts to.
#[derive(Debug, Default)]
pub(super) struct Checked {
    pub write: RecordsWrite,
    pub counts: RecordCounts,
}

/// An item row read: the number its file gave it, and the item.
struct ItemRow {
    id: i64,
    item: SupervisionRow,
}

/// Everything read from the records files, row by row.
#[derive(Default)]
struct Read {
    items: Vec<Located<ItemRow>>,
    steps: Vec<Located<SupervisionStep>>,
    requests: Vec<Located<LimitRequestRow>>,
    findings: Vec<Located<ZhongbenFinding>>,
    reviews: ReadReviews,
}

/// Reads, checks and matches the records files `tables[from..]`; errors go to `validation` like
/// those of the case files, so that one bad row stops the import or (skipping bad rows) goes to
/// the rejects with its reason.
pub(super) fn check(
    app: &App,
    store: &mut Store,
    tables: &[Table],
    from: usize,
    validation: &mut Validation,
    within: Option<CourtCode>,
) -> Result<Checked, AppError> {
    let mut errors = Errors {
        tables,
        validation,
        today: app.today(),
    };
    both_halves_of_the_items(&tables[from..])?;
    review_files_with_their_plans(&tables[from..])?;
    let mut read = Read::default();
    for (index, table) in tables.iter().enumerate().skip(from) {
        read_table(index, table, app, &mut errors, &mut read)?;
    }
    if read.items.is_empty()
        && read.steps.is_empty()
        && read.requests.is_empty()
        && read.findings.is_empty()
        && read.reviews.is_empty()
    {
        return Ok(Checked::default());
    }
    let items = assemble_items(read.items, read.steps, &mut errors);
    let mut requests = read.requests;
    let mut findings = read.findings;
    let planned: Vec<String> = read.reviews.case_numbers().cloned().collect();
    let known = known_cases(
        store,
        errors.validation,
        &items,
        &requests,
        &findings,
        &planned,
    )?;
    let mut items = items;
    keep_known_and_own(
        &mut items,
        &mut requests,
        &mut findings,
        &known,
        within,
        &mut errors,
    );

    let numbers: Vec<String> = items
        .iter()
        .map(|i| i.record.0.case_no.clone())
        .chain(requests.iter().map(|r| r.record.case_no.clone()))
        .chain(findings.iter().map(|f| f.record.case_no.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let stored = store.inner.records_of_cases(&numbers)?;
    let mut checked = Checked::default();
    match_items(items, &stored, &mut checked, &mut errors);
    match_requests(requests, &stored, &mut checked, &mut errors);
    match_findings(findings, &stored, &mut checked, &mut errors);
    check_reviews(
        store,
        app.config(),
        read.reviews,
        &known,
        within,
        &mut checked,
        &mut errors,
    )?;
    warn_of_unknown_people(store, &checked.write, errors.validation)?;
    warn_of_unapplied_approvals(store, &checked.write, errors.validation)?;
    Ok(checked)
}

/// The items file and the steps file are two halves of the items: one without the other is
/// refused whole, naming the half that came and the one missing.
fn both_halves_of_the_items(tables: &[Table]) -> Result<(), AppError> {
    let of_kind = |kind: RecordFile| {
        tables.iter().find(|t| {
            let headers: Vec<&str> = t.headers.iter().map(String::as_str).collect();
            RecordFile::of_header(&headers) == Some(kind)
        })
    };
    let (items, steps) = (of_kind(RecordFile::Items), of_kind(RecordFile::Steps));
    let (came, missing) = match (items, steps) {
        (Some(items), None) => (items, RecordFile::Steps.name()),
        (None, Some(steps)) => (steps, RecordFile::Items.name()),
        _ => return Ok(()),
    };
    let path = came.path.display();
    Err(AppError::Invalid(text!(
        "{path}: 督办事项与其办理经过须一同导入，缺少导出的 {missing} 文件（命令行：shenguan import 导出/supervision/*.csv）",
        "{path}: supervision items and their steps import together; the export's {missing} file is missing (on the command line: shenguan import export/supervision/*.csv)"
    )))
}

/// The 案件评查 files hang on their plans: a reviews, findings or answers file without the plans
/// and their cases is refused whole, as are plans without their cases (and the other way round).
fn review_files_with_their_plans(tables: &[Table]) -> Result<(), AppError> {
    let of_kind = |kind: RecordFile| {
        tables.iter().find(|t| {
            let headers: Vec<&str> = t.headers.iter().map(String::as_str).collect();
            RecordFile::of_header(&headers) == Some(kind)
        })
    };
    let (plans, cases) = (
        of_kind(RecordFile::ReviewPlans),
        of_kind(RecordFile::ReviewCases),
    );
    let dependent = [
        RecordFile::ReviewCases,
        RecordFile::ReviewResults,
        RecordFile::ReviewFindings,
        RecordFile::ReviewAnswers,
    ]
    .into_iter()
    .find_map(of_kind);
    let (came, missing) = match (plans, cases, dependent) {
        (Some(plans), None, _) => (plans, RecordFile::ReviewCases.name()),
        (None, _, Some(came)) => (came, RecordFile::ReviewPlans.name()),
        _ => return Ok(()),
    };
    let path = came.path.display();
    Err(AppError::Invalid(text!(
        "{path}: 评查计划、计划案件与评查意见须一同导入，缺少导出的 {missing} 文件（命令行：shenguan import 导出/supervision/*.csv）",
        "{path}: review plans, their cases and reviews import together; the export's {missing} file is missing (on the command line: shenguan import export/supervision/*.csv)"
    )))
}

/// Where errors go: the import's own list, named by file, row, column (as the file heads it) and
/// value.
struct Errors<'a> {
    tables: &'a [Table],
    validation: &'a mut Validation,
    today: NaiveDate,
}

impl Errors<'_> {
    fn add(&mut self, table: usize, row: usize, column: &str, value: &str, why: Text) {
        let table_ref = &self.tables[table];
        let shown: String = value.chars().take(SHOWN).collect();
        let shown = if value.chars().count() > SHOWN {
            format!("{shown}…")
        } else {
            shown
        };
        self.validation.errors.push(RowError {
            path: table_ref.path.clone(),
            row,
            column: column.to_string(),
            value: shown,
            reason_zh: why.zh().to_string(),
            reason_en: why.en().to_string(),
        });
        self.validation.rejected.insert((table, row));
    }

    /// An error on the whole row of a located record, named by the column it is about.
    fn on<T>(
        &mut self,
        located: &Located<T>,
        file: RecordFile,
        column: &str,
        value: &str,
        why: Text,
    ) {
        let header = header_of(&self.tables[located.table], file, column);
        self.add(located.table, located.row, &header, value, why);
    }

    /// The cell of a located record's row in the column whose English name is `column`.
    fn value_of<T>(&self, located: &Located<T>, file: RecordFile, column: &str) -> String {
        let table = &self.tables[located.table];
        let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
        let positions = file.positions(&headers);
        let index = file
            .columns()
            .iter()
            .position(|(_, en, _)| *en == column)
            .and_then(|i| positions[i]);
        let row = table
            .rows
            .binary_search_by_key(&located.row, |r| r.row)
            .ok()
            .map(|i| &table.rows[i]);
        match (index, row) {
            (Some(i), Some(row)) => row.cells.get(i).unwrap_or("").trim().to_string(),
            _ => String::new(),
        }
    }
}

/// The header a file gives the column whose English name is `column`.
fn header_of(table: &Table, file: RecordFile, column: &str) -> String {
    let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
    let positions = file.positions(&headers);
    file.columns()
        .iter()
        .zip(positions)
        .find(|((_, en, _), _)| *en == column)
        .and_then(|(_, at)| at.map(|i| table.headers[i].clone()))
        .unwrap_or_else(|| column.to_string())
}

/// The case numbers the records name that are in this import or in the store.
fn known_cases(
    store: &mut Store,
    validation: &Validation,
    items: &[FullItem],
    requests: &[Located<LimitRequestRow>],
    findings: &[Located<ZhongbenFinding>],
    planned: &[String],
) -> Result<HashSet<String>, AppError> {
    let mut known: HashSet<String> = validation
        .cases
        .iter()
        .map(|c| c.record.case_no.to_string())
        .collect();
    let wanted: Vec<String> = items
        .iter()
        .map(|i| &i.record.0.case_no)
        .chain(requests.iter().map(|r| &r.record.case_no))
        .chain(findings.iter().map(|f| &f.record.case_no))
        .chain(planned)
        .filter(|n| !known.contains(*n))
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if !wanted.is_empty() {
        known.extend(store.inner.existing_cases(&wanted)?);
    }
    Ok(known)
}

/// Keeps the records whose case is known and, for a court's own import, of its courts.
fn keep_known_and_own(
    items: &mut Vec<FullItem>,
    requests: &mut Vec<Located<LimitRequestRow>>,
    findings: &mut Vec<Located<ZhongbenFinding>>,
    known: &HashSet<String>,
    within: Option<CourtCode>,
    errors: &mut Errors<'_>,
) {
    let own = within.map(|c| c.to_string());
    let fault = |case_no: &str, court: &str| -> Option<Text> {
        if !known.contains(case_no) {
            return Some(text!(
                "记录所属案件既不在本次导入中，也不在数据库中",
                "the record's case is neither in this import nor in the store"
            ));
        }
        match &own {
            Some(own) if !court.starts_with(own.as_str()) => Some(text!(
                "案件不属于{own}及其辖区法院，无权导入",
                "the case is outside {own} and the courts below it"
            )),
            _ => None,
        }
    };
    items.retain(
        |item| match fault(&item.record.0.case_no, &item.record.0.court_code) {
            Some(why) => {
                let value = item.record.0.case_no.clone();
                errors.on(item, RecordFile::Items, "case_no", &value, why);
                false
            }
            None => true,
        },
    );
    requests.retain(|r| match fault(&r.record.case_no, &r.record.court_code) {
        Some(why) => {
            let value = r.record.case_no.clone();
            errors.on(r, RecordFile::Requests, "case_no", &value, why);
            false
        }
        None => true,
    });
    findings.retain(|f| match fault(&f.record.case_no, &f.record.court_code) {
        Some(why) => {
            let value = f.record.case_no.clone();
            errors.on(f, RecordFile::Findings, "case_no", &value, why);
            false
        }
        None => true,
    });
}

/// Warns of approved applications whose change the case does not carry: an import writes the
/// record only — the extension or excluded period lives in the case's own records, which the
/// export's case files bring (an approval is never applied twice).
fn warn_of_unapplied_approvals(
    store: &mut Store,
    write: &RecordsWrite,
    validation: &mut Validation,
) -> Result<(), AppError> {
    let approved: Vec<&LimitRequestRow> = write
        .new_requests
        .iter()
        .chain(&write.decisions)
        .filter(|r| r.state == "approved")
        .collect();
    if approved.is_empty() {
        return Ok(());
    }
    let mut cases: std::collections::HashMap<String, shenguan_domain::CaseRecord> = validation
        .cases
        .iter()
        .map(|c| (c.record.case_no.to_string(), c.record.clone()))
        .collect();
    let wanted: Vec<String> = approved
        .iter()
        .map(|r| r.case_no.clone())
        .filter(|n| !cases.contains_key(n))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    for record in store.inner.cases_by_numbers(&wanted)? {
        cases.insert(record.case_no.to_string(), record);
    }
    let carried = |r: &LimitRequestRow| {
        let Some(case) = cases.get(&r.case_no) else {
            return false;
        };
        match r.kind.as_str() {
            "extension" => case
                .extensions
                .iter()
                .any(|e| Some(e.length.to_string()) == r.length && e.approved_on == r.decided_on),
            _ => case.exclusions.iter().any(|e| e.from == r.from_on),
        }
    };
    let missing: Vec<&str> = approved
        .iter()
        .filter(|r| !carried(r))
        .map(|r| r.case_no.as_str())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let count = missing.len();
    let list = missing[..count.min(5)].join("、");
    validation.warnings.push(text!(
        "{count}项已批准的审限变更在案件记录中没有对应的延长或扣除（{list}）：导入只写入申请记录，请一并导入导出的案件文件，案件的审限才包含这些变更",
        "{count} approved time-limit changes are not in their cases' records ({list}): the import writes the applications only; import the export's case files too for the cases' deadlines to include them"
    ));
    Ok(())
}

/// Warns of the people the records name who have no account in this store.
fn warn_of_unknown_people(
    store: &mut Store,
    write: &RecordsWrite,
    validation: &mut Validation,
) -> Result<(), AppError> {
    if write.is_empty() {
        return Ok(());
    }
    let accounts: HashSet<String> = store.inner.users()?.into_iter().map(|u| u.name).collect();
    let mut named: BTreeSet<&str> = BTreeSet::new();
    for (item, steps) in &write.new_items {
        named.extend([item.opened_by.as_str(), item.answerer.as_str()]);
        named.extend(steps.iter().map(|s| s.by_user.as_str()));
    }
    for update in &write.item_updates {
        named.insert(update.item.answerer.as_str());
        named.extend(update.new_steps.iter().map(|s| s.by_user.as_str()));
    }
    for request in write.new_requests.iter().chain(&write.decisions) {
        named.insert(request.asked_by.as_str());
        named.extend(request.decided_by.as_deref());
    }
    named.extend(write.findings.iter().map(|f| f.found_by.as_str()));
    for plan in &write.review_plans {
        if plan.plan.id == 0 {
            named.insert(plan.plan.created_by.as_str());
        }
        for update in &plan.answers {
            named.extend(update.new_steps.iter().map(|s| s.by_user.as_str()));
        }
    }
    let missing: Vec<&str> = named
        .into_iter()
        .filter(|n| !accounts.contains(*n))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    const LISTED: usize = 10;
    let count = missing.len();
    let mut list = missing[..count.min(LISTED)].join("、");
    if count > LISTED {
        list.push('…');
    }
    validation.warnings.push(text!(
        "督办等记录中有{count}人在本库没有账号（{list}）：记录照常导入，他们须有账号才能答复或审批",
        "{count} people named in the records have no account in this store ({list}): the records are imported as they are; those people need accounts to reply or decide"
    ));
    Ok(())
}
