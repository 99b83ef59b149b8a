//! 审限变更申请 as stored: applications to change a case's time limit and their decisions, with
//! their queries, for both backends. An approval writes the change into the case's own records
//! in the same transaction (and raises the data version: deadlines and figures change with it);
//! a decision is written only while the application still awaits one.

use chrono::NaiveDate;
use shenguan_domain::CourtScope;

use crate::StoreError;
use crate::sql::{Db, Row, Value, court_condition, opt_text};

/// One application as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LimitRequestRow {
    /// Given by the store when the application is made (0 before).
    pub id: i64,
    pub case_no: String,
    pub court_code: String,
    pub division: Option<String>,
    /// extension | exclusion
    pub kind: String,
    /// An extension's length as granted ("6个月").
    pub length: Option<String>,
    /// An exclusion's ground (公告, 鉴定, …) and its first and last day.
    pub ground: Option<String>,
    pub from_on: Option<NaiveDate>,
    pub to_on: Option<NaiveDate>,
    pub reason: String,
    pub asked_by: String,
    pub asked_on: NaiveDate,
    /// The deadline in force when it was made.
    pub deadline_then: NaiveDate,
    /// Made within the lead time before the limit ran out.
    pub late: bool,
    /// 本院院长 | 上级法院
    pub approver: String,
    /// pending | approved | refused
    pub state: String,
    pub decided_by: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub decided_late: Option<bool>,
    pub note: Option<String>,
}

/// The case's limit records after an approval, written with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseLimitChange {
    pub extensions: Option<String>,
    pub exclusions: Option<String>,
    pub excluded_days: i64,
}

/// Which applications a list asks for; every condition is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LimitRequestQuery {
    pub court: Option<CourtScope>,
    pub division: Option<String>,
    pub case_no: Option<String>,
    pub asked_by: Option<String>,
    pub state: Option<String>,
}

pub(crate) const COLUMNS: &str = "id, case_no, court_code, division, kind, length, ground, from_on, to_on, \
     reason, asked_by, asked_on, deadline_then, late, approver, state, decided_by, decided_on, \
     decided_late, note";

pub(crate) fn read(row: &Row<'_, '_>) -> Result<LimitRequestRow, StoreError> {
    Ok(LimitRequestRow {
        id: row.int("id")?,
        case_no: row.text("case_no")?,
        court_code: row.text("court_code")?,
        division: row.opt_text("division")?,
        kind: row.text("kind")?,
        length: row.opt_text("length")?,
        ground: row.opt_text("ground")?,
        from_on: row.opt_date("from_on")?,
        to_on: row.opt_date("to_on")?,
        reason: row.text("reason")?,
        asked_by: row.text("asked_by")?,
        asked_on: row.date("asked_on")?,
        deadline_then: row.date("deadline_then")?,
        late: row.bool("late")?,
        approver: row.text("approver")?,
        state: row.text("state")?,
        decided_by: row.opt_text("decided_by")?,
        decided_on: row.opt_date("decided_on")?,
        decided_late: row.opt_bool("decided_late")?,
        note: row.opt_text("note")?,
    })
}

/// Records an application, unless one of the case awaits a decision; its id, or `None`.
pub(crate) fn apply(db: &mut Db, row: &LimitRequestRow) -> Result<Option<i64>, StoreError> {
    db.transaction(|db| {
        let waiting = db.count(
            "SELECT count(*) AS n FROM limit_requests WHERE case_no = ? AND state = 'pending'",
            &[(&row.case_no).into()],
        )?;
        if waiting > 0 {
            return Ok(None);
        }
        let pending = LimitRequestRow {
            state: "pending".into(),
            decided_by: None,
            decided_on: None,
            decided_late: None,
            note: None,
            ..row.clone()
        };
        insert(db, &pending).map(Some)
    })
}

/// Writes a decision on application `id` if it still awaits one, and with an approval the case's
/// new limit records, in one transaction; whether it was written.
pub(crate) fn decide(
    db: &mut Db,
    decision: &LimitRequestRow,
    case_change: Option<&CaseLimitChange>,
) -> Result<bool, StoreError> {
    db.transaction(|db| {
        if !write_decision(db, decision)? {
            return Ok(false);
        }
        if let Some(change) = case_change {
            db.execute(
                "UPDATE cases SET extensions = ?, exclusions = ?, excluded_days = ?
                 WHERE case_no = ?",
                &[
                    opt_text(&change.extensions),
                    opt_text(&change.exclusions),
                    change.excluded_days.into(),
                    (&decision.case_no).into(),
                ],
            )?;
            crate::raise_data_version(db)?;
        }
        Ok(true)
    })
}

/// Writes the decision `decision` carries on application `decision.id` if it still awaits one;
/// whether it did. The caller holds the transaction.
pub(crate) fn write_decision(db: &mut Db, decision: &LimitRequestRow) -> Result<bool, StoreError> {
    let changed = db.execute(
        "UPDATE limit_requests SET state = ?, decided_by = ?, decided_on = ?, decided_late = ?,
             note = ?
         WHERE id = ? AND state = 'pending'",
        &[
            (&decision.state).into(),
            opt_text(&decision.decided_by),
            decision.decided_on.into(),
            decision.decided_late.into(),
            opt_text(&decision.note),
            decision.id.into(),
        ],
    )?;
    Ok(changed > 0)
}

/// Writes an application as it stands, decided or not (an import's); its id. The caller holds
/// the transaction; a second pending application of a case is refused by the store's index.
pub(crate) fn insert(db: &mut Db, row: &LimitRequestRow) -> Result<i64, StoreError> {
    db.query_opt(
        "INSERT INTO limit_requests (case_no, court_code, division, kind, length, ground,
             from_on, to_on, reason, asked_by, asked_on, deadline_then, late, approver, state,
             decided_by, decided_on, decided_late, note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        &[
            (&row.case_no).into(),
            (&row.court_code).into(),
            opt_text(&row.division),
            (&row.kind).into(),
            opt_text(&row.length),
            opt_text(&row.ground),
            row.from_on.into(),
            row.to_on.into(),
            (&row.reason).into(),
            (&row.asked_by).into(),
            row.asked_on.into(),
            row.deadline_then.into(),
            row.late.into(),
            (&row.approver).into(),
            (&row.state).into(),
            opt_text(&row.decided_by),
            row.decided_on.into(),
            row.decided_late.into(),
            opt_text(&row.note),
        ],
        |r| r.int("id"),
    )?
    .ok_or_else(|| StoreError::Corrupt("an application written has no id".into()))
}

/// One application.
pub(crate) fn one(db: &mut Db, id: i64) -> Result<Option<LimitRequestRow>, StoreError> {
    db.query_opt(
        &format!("SELECT {COLUMNS} FROM limit_requests WHERE id = ?"),
        &[id.into()],
        read,
    )
}

/// The applications `query` selects, newest first.
pub(crate) fn list(
    db: &mut Db,
    query: &LimitRequestQuery,
) -> Result<Vec<LimitRequestRow>, StoreError> {
    let mut conditions: Vec<String> = Vec::new();
    let mut values: Vec<Value<'_>> = Vec::new();
    if let Some(scope) = query.court {
        let (condition, value) = court_condition(scope, "court_code");
        conditions.push(condition);
        values.push(value);
    }
    for (column, value) in [
        ("division", &query.division),
        ("case_no", &query.case_no),
        ("asked_by", &query.asked_by),
        ("state", &query.state),
    ] {
        if let Some(value) = value {
            conditions.push(format!("{column} = ?"));
            values.push(value.into());
        }
    }
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conditions.join(" AND "))
    };
    db.query(
        &format!("SELECT {COLUMNS} FROM limit_requests{filter} ORDER BY id DESC"),
        &values,
        read,
    )
}
