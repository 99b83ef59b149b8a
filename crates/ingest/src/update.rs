//! Re-import: what a file states about a case the store already holds, and what would change.
//!
//! A file states a field of a case when it has a column for it. A field the file has no column
//! for keeps its stored value: an export of another system that lacks the extension columns
//! never resets the extensions. A present but empty cell states "none" and clears the value —
//! a change the report shows like any other, so that no information is lowered in silence.

use std::collections::BTreeMap;

use shenguan_domain::{CaseRecord, join_exclusions, join_extensions};

use crate::columns::{CaseColumn, case_header};

/// A field of a case record that a file may state, or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CaseField {
    CourtName,
    Procedure,
    Cause,
    Division,
    Judge,
    JudgeId,
    FiledOn,
    ClosedOn,
    ClosingMethod,
    ClaimAmount,
    RecoveredAmount,
    Extensions,
    Exclusions,
    OriginCaseNo,
}

impl CaseField {
    pub const ALL: [CaseField; 14] = [
        CaseField::CourtName,
        CaseField::Procedure,
        CaseField::Cause,
        CaseField::Division,
        CaseField::Judge,
        CaseField::JudgeId,
        CaseField::FiledOn,
        CaseField::ClosedOn,
        CaseField::ClosingMethod,
        CaseField::ClaimAmount,
        CaseField::RecoveredAmount,
        CaseField::Extensions,
        CaseField::Exclusions,
        CaseField::OriginCaseNo,
    ];

    /// The columns that state the field: the extensions are stated by either of theirs.
    fn columns(self) -> &'static [CaseColumn] {
        use CaseColumn as C;
        match self {
            CaseField::CourtName => &[C::CourtName],
            CaseField::Procedure => &[C::Procedure],
            CaseField::Cause => &[C::Cause],
            CaseField::Division => &[C::Division],
            CaseField::Judge => &[C::Judge],
            // A name states the person too: the number is found from it (or is none).
            CaseField::JudgeId => &[C::JudgeId, C::Judge],
            CaseField::FiledOn => &[C::FiledOn],
            CaseField::ClosedOn => &[C::ClosedOn],
            CaseField::ClosingMethod => &[C::ClosingMethod],
            CaseField::ClaimAmount => &[C::ClaimAmount],
            CaseField::RecoveredAmount => &[C::RecoveredAmount],
            CaseField::Extensions => &[C::Extension, C::ExtensionDays],
            CaseField::Exclusions => &[C::Exclusions, C::ExcludedDays],
            CaseField::OriginCaseNo => &[C::OriginCaseNo],
        }
    }

    /// The field's code in the history of the figures (a case's revisions).
    pub fn code(self) -> &'static str {
        match self {
            CaseField::CourtName => "court_name",
            CaseField::Procedure => "procedure",
            CaseField::Cause => "cause",
            CaseField::Division => "division",
            CaseField::Judge => "judge",
            CaseField::JudgeId => "judge_id",
            CaseField::FiledOn => "filed_on",
            CaseField::ClosedOn => "closed_on",
            CaseField::ClosingMethod => "closing_method",
            CaseField::ClaimAmount => "claim_amount",
            CaseField::RecoveredAmount => "recovered_amount",
            CaseField::Extensions => "extensions",
            CaseField::Exclusions => "exclusions",
            CaseField::OriginCaseNo => "origin_case_no",
        }
    }

    /// The field of a code [`CaseField::code`] gives.
    pub fn of_code(code: &str) -> Option<CaseField> {
        CaseField::ALL.into_iter().find(|f| f.code() == code)
    }

    /// Every value that differs between a stored case and what an import stores for it, as
    /// text ("" for none), in the order of [`CaseField::ALL`].
    pub fn differences(
        stored: &CaseRecord,
        incoming: &CaseRecord,
    ) -> Vec<(CaseField, String, String)> {
        CaseField::ALL
            .into_iter()
            .filter_map(|field| {
                let (old, new) = (field.text(stored), field.text(incoming));
                (old != new).then_some((field, old, new))
            })
            .collect()
    }

    /// Whether a file with `columns` states the field.
    pub fn stated_by(self, columns: &[CaseColumn]) -> bool {
        self.columns().iter().any(|c| columns.contains(c))
    }

    /// The field's name as the canonical files head it, in Chinese or English.
    pub fn header(self, chinese: bool) -> &'static str {
        case_header(self.columns()[0], chinese)
    }

    /// The field's value as text ("" for none), as the report shows it.
    pub fn text(self, record: &CaseRecord) -> String {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        match self {
            CaseField::CourtName => opt(&record.court_name),
            CaseField::Procedure => record
                .procedure
                .map(|p| p.label_zh().to_string())
                .unwrap_or_default(),
            CaseField::Cause => opt(&record.cause),
            CaseField::Division => opt(&record.division),
            CaseField::Judge => opt(&record.judge),
            CaseField::JudgeId => record
                .judge_id
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            CaseField::FiledOn => record.filed_on.to_string(),
            CaseField::ClosedOn => record.closed_on.map(|d| d.to_string()).unwrap_or_default(),
            CaseField::ClosingMethod => record
                .closing_method
                .map(|m| m.label_zh().to_string())
                .unwrap_or_default(),
            CaseField::ClaimAmount => record
                .claim_amount
                .map(|m| m.to_string())
                .unwrap_or_default(),
            CaseField::RecoveredAmount => record
                .recovered_amount
                .map(|m| m.to_string())
                .unwrap_or_default(),
            CaseField::Extensions => join_extensions(&record.extensions),
            CaseField::Exclusions => join_exclusions(&record.exclusions),
            CaseField::OriginCaseNo => record
                .origin_case_no
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        }
    }

    /// Copies the field from `from` into `into`.
    fn copy(self, from: &CaseRecord, into: &mut CaseRecord) {
        match self {
            CaseField::CourtName => into.court_name.clone_from(&from.court_name),
            CaseField::Procedure => into.procedure = from.procedure,
            CaseField::Cause => into.cause.clone_from(&from.cause),
            CaseField::Division => into.division.clone_from(&from.division),
            CaseField::Judge => into.judge.clone_from(&from.judge),
            CaseField::JudgeId => into.judge_id.clone_from(&from.judge_id),
            CaseField::FiledOn => into.filed_on = from.filed_on,
            CaseField::ClosedOn => into.closed_on = from.closed_on,
            CaseField::ClosingMethod => into.closing_method = from.closing_method,
            CaseField::ClaimAmount => into.claim_amount = from.claim_amount,
            CaseField::RecoveredAmount => into.recovered_amount = from.recovered_amount,
            CaseField::Extensions => into.extensions.clone_from(&from.extensions),
            CaseField::Exclusions => into.exclusions.clone_from(&from.exclusions),
            CaseField::OriginCaseNo => into.origin_case_no.clone_from(&from.origin_case_no),
        }
    }
}

/// Keeps in `incoming` the stored value of every field its file (with `columns`) does not state.
pub fn keep_unstated(incoming: &mut CaseRecord, stored: &CaseRecord, columns: &[CaseColumn]) {
    for field in CaseField::ALL {
        if !field.stated_by(columns) {
            field.copy(stored, incoming);
        }
    }
    // The same name without a number (a file of names only, a court without a staff list) keeps
    // the number the store knows for it: a name is less than a name and a number.
    if incoming.judge_id.is_none()
        && !columns.contains(&CaseColumn::JudgeId)
        && incoming.judge.is_some()
        && incoming.judge == stored.judge
    {
        incoming.judge_id.clone_from(&stored.judge_id);
    }
}

/// One value that an import changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub case_no: String,
    pub field: CaseField,
    /// "" for none.
    pub old: String,
    pub new: String,
}

/// What an import changes in the cases the store holds: per field, how many values change and
/// how many of those are cleared (a value replaced by none), and the first changes in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangeReport {
    /// Cases not in the store yet.
    pub added: u64,
    /// Stored cases with at least one changed value.
    pub updated: u64,
    /// Stored cases the import leaves as they are.
    pub unchanged: u64,
    /// Per field: (values changed, of which cleared).
    pub per_field: BTreeMap<CaseField, (u64, u64)>,
    /// The first [`ChangeReport::EXAMPLES`] changes.
    pub examples: Vec<Change>,
}

impl ChangeReport {
    pub const EXAMPLES: usize = 20;

    /// Counts a case the store does not hold yet.
    pub fn add_new(&mut self) {
        self.added += 1;
    }

    /// Compares a stored case with what the import would store for it.
    pub fn compare(&mut self, stored: &CaseRecord, incoming: &CaseRecord) {
        let differences = CaseField::differences(stored, incoming);
        let changed = !differences.is_empty();
        for (field, old, new) in differences {
            let counts = self.per_field.entry(field).or_default();
            counts.0 += 1;
            if new.is_empty() {
                counts.1 += 1;
            }
            if self.examples.len() < Self::EXAMPLES {
                self.examples.push(Change {
                    case_no: incoming.case_no.to_string(),
                    field,
                    old,
                    new,
                });
            }
        }
        if changed {
            self.updated += 1;
        } else {
            self.unchanged += 1;
        }
    }

    /// How many values the import clears.
    pub fn cleared(&self) -> u64 {
        self.per_field.values().map(|(_, cleared)| cleared).sum()
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use shenguan_domain::{CaseNumber, Exclusion, Extension, Period};

    use super::*;

    fn record() -> CaseRecord {
        let case_no = CaseNumber::parse("（2025）湘1402民初7号", 2026).expect("number");
        let court = case_no.court().expect("court");
        let filed = NaiveDate::from_ymd_opt(2025, 7, 16).expect("date");
        CaseRecord {
            cause: Some("买卖合同纠纷".into()),
            judge: Some("李娜".into()),
            extensions: vec![Extension::of(Period::Months(6))],
            exclusions: vec![Exclusion::total(15)],
            ..CaseRecord::filed(case_no, court, filed)
        }
    }

    #[test]
    fn a_field_without_a_column_keeps_its_stored_value() {
        let stored = record();
        let mut incoming = record();
        incoming.extensions.clear();
        incoming.exclusions.clear();
        incoming.judge = Some("王伟".into());
        let columns = [CaseColumn::CaseNo, CaseColumn::FiledOn, CaseColumn::Judge];
        keep_unstated(&mut incoming, &stored, &columns);
        assert_eq!(incoming.extensions, [Extension::of(Period::Months(6))]);
        assert_eq!(incoming.excluded_days(), 15);
        assert_eq!(
            incoming.judge.as_deref(),
            Some("王伟"),
            "a stated field is taken"
        );

        // Either extension column states the extensions; an empty cell clears them.
        for column in [CaseColumn::Extension, CaseColumn::ExtensionDays] {
            let mut cleared = record();
            cleared.extensions.clear();
            keep_unstated(&mut cleared, &stored, &[CaseColumn::CaseNo, column]);
            assert!(cleared.extensions.is_empty(), "{column:?}");
        }
    }

    #[test]
    fn the_report_counts_changes_and_clearings_per_field_and_shows_them() {
        let stored = record();
        let mut report = ChangeReport::default();
        report.compare(&stored, &stored.clone());
        let mut incoming = record();
        incoming.extensions.clear();
        incoming.judge = Some("王伟".into());
        report.compare(&stored, &incoming);
        report.add_new();
        assert_eq!((report.added, report.updated, report.unchanged), (1, 1, 1));
        assert_eq!(
            report.per_field.get(&CaseField::Extensions),
            Some(&(1, 1)),
            "changed once, and cleared"
        );
        assert_eq!(report.per_field.get(&CaseField::Judge), Some(&(1, 0)));
        assert_eq!(report.per_field.len(), 2);
        assert_eq!(report.cleared(), 1);
        assert_eq!(
            report.examples,
            [
                Change {
                    case_no: "（2025）湘1402民初7号".into(),
                    field: CaseField::Judge,
                    old: "李娜".into(),
                    new: "王伟".into(),
                },
                Change {
                    case_no: "（2025）湘1402民初7号".into(),
                    field: CaseField::Extensions,
                    old: "6个月".into(),
                    new: String::new(),
                },
            ]
        );
        assert_eq!(CaseField::Extensions.header(true), "延长审限");
    }
}
