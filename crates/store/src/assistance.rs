//! The judicial assistance register (司法救助) as stored: one row per application, written by its
//! case number (a re-import updates, never doubles) and read back by court and period.

use chrono::NaiveDate;
use shenguan_domain::assistance::{Assistance, Decision};
use shenguan_domain::{CaseNumber, CourtCode, CourtScope, IdentityKey, Money};

use crate::StoreError;
use crate::sql::{Db, Row, Value, court_condition, in_groups, opt_text};

/// What a write of the register did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AssistanceStats {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
}

const COLUMNS: &str = "case_no, court_code, applicant, identity_key, id_masked, applied_on, \
     origin_cases, decided_on, decision, amount_fen, over_cap_reason, paid_on";

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(format!("a stored assistance record's {what}"))
}

fn case_number(text: &str) -> Result<CaseNumber, StoreError> {
    CaseNumber::parse(text, i32::MAX).map_err(|_| corrupt("case number"))
}

fn read(row: &Row<'_, '_>) -> Result<Assistance, StoreError> {
    let origin = row.text("origin_cases")?;
    Ok(Assistance {
        case_no: case_number(&row.text("case_no")?)?,
        court: CourtCode::parse(&row.text("court_code")?).map_err(|_| corrupt("court"))?,
        applicant: row.text("applicant")?,
        identity: row
            .opt_text("identity_key")?
            .map(|k| IdentityKey::parse(&k).ok_or_else(|| corrupt("identity key")))
            .transpose()?,
        masked: row.opt_text("id_masked")?,
        applied_on: row.date("applied_on")?,
        origin_cases: origin
            .split('、')
            .filter(|c| !c.is_empty())
            .map(case_number)
            .collect::<Result<_, _>>()?,
        decided_on: row.opt_date("decided_on")?,
        decision: row
            .opt_text("decision")?
            .map(|d| Decision::parse(&d).ok_or_else(|| corrupt("decision")))
            .transpose()?,
        amount: row.opt_int("amount_fen")?.map(Money::from_fen),
        over_cap_reason: row.opt_text("over_cap_reason")?,
        paid_on: row.opt_date("paid_on")?,
    })
}

fn values(a: &Assistance) -> Vec<Value<'_>> {
    let origin: Vec<String> = a.origin_cases.iter().map(ToString::to_string).collect();
    vec![
        a.case_no.to_string().into(),
        a.court.to_string().into(),
        (&a.applicant).into(),
        a.identity.as_ref().map(IdentityKey::as_str).into(),
        opt_text(&a.masked),
        a.applied_on.into(),
        origin.join("、").into(),
        a.decided_on.into(),
        a.decision.map(Decision::key).into(),
        a.amount.map(Money::fen).into(),
        opt_text(&a.over_cap_reason),
        a.paid_on.into(),
    ]
}

/// Writes `records`: each added, or replacing the stored one of its case number when it differs.
/// The caller holds the transaction.
pub(crate) fn write(db: &mut Db, records: &[Assistance]) -> Result<AssistanceStats, StoreError> {
    let mut stats = AssistanceStats::default();
    if records.is_empty() {
        return Ok(stats);
    }
    let numbers: Vec<String> = records.iter().map(|a| a.case_no.to_string()).collect();
    let stored: std::collections::HashMap<String, Assistance> = in_groups(
        db,
        &format!("SELECT {COLUMNS} FROM assistance WHERE case_no"),
        &numbers,
        read,
    )?
    .into_iter()
    .map(|a| (a.case_no.to_string(), a))
    .collect();
    let marks = crate::sql::marks(COLUMNS.split(',').count());
    for record in records {
        match stored.get(&record.case_no.to_string()) {
            Some(old) if old == record => stats.unchanged += 1,
            Some(_) => {
                let assignments: Vec<String> = COLUMNS
                    .split(',')
                    .skip(1)
                    .map(|c| format!("{} = ?", c.trim()))
                    .collect();
                let mut all = values(record);
                let number = all.remove(0);
                all.push(number);
                db.execute(
                    &format!(
                        "UPDATE assistance SET {} WHERE case_no = ?",
                        assignments.join(", ")
                    ),
                    &all,
                )?;
                stats.updated += 1;
            }
            None => {
                db.execute(
                    &format!("INSERT INTO assistance ({COLUMNS}) VALUES ({marks})"),
                    &values(record),
                )?;
                stats.added += 1;
            }
        }
    }
    Ok(stats)
}

/// The applications of the person of `identity`, by day applied.
pub(crate) fn of_person(
    db: &mut Db,
    identity: &IdentityKey,
) -> Result<Vec<Assistance>, StoreError> {
    db.query(
        &format!(
            "SELECT {COLUMNS} FROM assistance WHERE identity_key = ?
             ORDER BY applied_on, case_no COLLATE BINARY"
        ),
        &[identity.as_str().into()],
        read,
    )
}

/// The applications of a court (alone, or with those below) made in a period, by day applied and
/// case number; every condition optional.
pub(crate) fn list(
    db: &mut Db,
    court: Option<CourtScope>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<Assistance>, StoreError> {
    let mut conditions: Vec<String> = Vec::new();
    let mut values: Vec<Value<'_>> = Vec::new();
    if let Some(scope) = court {
        let (condition, value) = court_condition(scope, "court_code");
        conditions.push(condition);
        values.push(value);
    }
    if let Some(from) = from {
        conditions.push("applied_on >= ?".into());
        values.push(from.into());
    }
    if let Some(to) = to {
        conditions.push("applied_on <= ?".into());
        values.push(to.into());
    }
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conditions.join(" AND "))
    };
    db.query(
        &format!(
            "SELECT {COLUMNS} FROM assistance{filter}
             ORDER BY applied_on, case_no COLLATE BINARY"
        ),
        &values,
        read,
    )
}
