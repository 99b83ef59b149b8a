//! Reviewers' findings on 终本 cases (终本评查: 合格 or 不合格 with the reason), as stored: one per
//! case, the latest. Writing one raises the data version, since the indicators' columns read the
//! findings (终本合格率).

use crate::StoreError;
use crate::sql::{Db, Row};

/// One reviewer's finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZhongbenFinding {
    pub case_no: String,
    pub court_code: String,
    /// 合格.
    pub compliant: bool,
    pub reason: String,
    /// The account that recorded it.
    pub found_by: String,
    /// When, as the audit log writes it.
    pub found_at: String,
}

pub(crate) fn read(row: &Row<'_, '_>) -> Result<ZhongbenFinding, StoreError> {
    Ok(ZhongbenFinding {
        case_no: row.text("case_no")?,
        court_code: row.text("court_code")?,
        compliant: row.bool("compliant")?,
        reason: row.text("reason")?,
        found_by: row.text("found_by")?,
        found_at: row.text("found_at")?,
    })
}

/// Records `finding`, replacing the case's earlier one, and raises the data version, in one
/// transaction.
pub(crate) fn record(db: &mut Db, finding: &ZhongbenFinding) -> Result<(), StoreError> {
    db.transaction(|db| {
        write(db, finding, "")?;
        crate::raise_data_version(db)
    })
}

/// Writes `finding` unless the case has one recorded at the same moment or later (an import's);
/// how many rows it wrote (0 or 1). The caller holds the transaction and raises the data version.
pub(crate) fn write_if_newer(db: &mut Db, finding: &ZhongbenFinding) -> Result<u64, StoreError> {
    write(
        db,
        finding,
        " WHERE zhongben_findings.found_at < excluded.found_at",
    )
}

/// Writes `finding` over the case's earlier one where `condition` (a `WHERE` on the stored row and
/// the `excluded` one, or nothing) holds; how many rows it wrote.
fn write(db: &mut Db, finding: &ZhongbenFinding, condition: &str) -> Result<u64, StoreError> {
    db.execute(
        &format!(
            "INSERT INTO zhongben_findings (case_no, court_code, compliant, reason, found_by,
                 found_at)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (case_no) DO UPDATE SET court_code = excluded.court_code,
                 compliant = excluded.compliant, reason = excluded.reason,
                 found_by = excluded.found_by, found_at = excluded.found_at{condition}"
        ),
        &[
            (&finding.case_no).into(),
            (&finding.court_code).into(),
            finding.compliant.into(),
            (&finding.reason).into(),
            (&finding.found_by).into(),
            (&finding.found_at).into(),
        ],
    )
}

/// The finding on one case, if any.
pub(crate) fn of_case(db: &mut Db, case_no: &str) -> Result<Option<ZhongbenFinding>, StoreError> {
    db.query_opt(
        "SELECT case_no, court_code, compliant, reason, found_by, found_at
         FROM zhongben_findings WHERE case_no = ?",
        &[case_no.into()],
        read,
    )
}

/// Every case's finding as the indicators read it: the case number and 合格.
pub(crate) fn verdicts(db: &mut Db) -> Result<Vec<(String, bool)>, StoreError> {
    db.query(
        "SELECT case_no, compliant FROM zhongben_findings ORDER BY case_no COLLATE BINARY",
        &[],
        |row| Ok((row.text("case_no")?, row.bool("compliant")?)),
    )
}

/// The findings on the cases of `court` (all without one), by case number.
pub(crate) fn of_court(
    db: &mut Db,
    court: Option<shenguan_domain::CourtScope>,
) -> Result<Vec<ZhongbenFinding>, StoreError> {
    let (filter, values) = match court {
        Some(scope) => {
            let (condition, value) = crate::sql::court_condition(scope, "court_code");
            (format!(" WHERE {condition}"), vec![value])
        }
        None => (String::new(), Vec::new()),
    };
    db.query(
        &format!(
            "SELECT case_no, court_code, compliant, reason, found_by, found_at
             FROM zhongben_findings{filter} ORDER BY case_no COLLATE BINARY"
        ),
        &values,
        read,
    )
}
