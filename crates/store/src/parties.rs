//! The parties of each case and the money of enforcement cases (执行款) as stored, written once
//! for both backends. A file's parties of a case replace those stored for it; a payment is added
//! unless the same one (case, day, kind, amount, note) is stored.

use shenguan_domain::{
    CaseNumber, CaseParties, IdentityKey, Money, Party, PartyKind, PartyRole, Payment, PaymentKind,
};

use crate::cases::conditions;
use crate::sql::{Db, Row, Value};
use crate::{CaseQuery, StoreError};

/// Column order of `parties` in INSERT, COPY and SELECT.
pub(crate) const PARTY_COLUMNS: &str =
    "case_no, seq, role, kind, name, identity_key, id_masked, agent, address";

pub(crate) const INSERT_PARTY: &str = "INSERT INTO parties
    (case_no, seq, role, kind, name, identity_key, id_masked, agent, address)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

pub(crate) const INSERT_PAYMENT: &str =
    "INSERT INTO payments (case_no, paid_on, kind, amount_fen, note)
    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

/// A party's values in [`PARTY_COLUMNS`] order; `seq` counts from 1 within the case.
pub(crate) fn party_values(case_no: &str, seq: usize, p: &Party) -> [Value<'static>; 9] {
    [
        case_no.to_string().into(),
        i64::try_from(seq).unwrap_or(i64::MAX).into(),
        p.role.label_zh().into(),
        p.kind.map(PartyKind::label_zh).into(),
        p.name.clone().into(),
        p.identity.as_ref().map(|k| k.to_string()).into(),
        p.id_masked.clone().into(),
        p.agent.clone().into(),
        p.address.clone().into(),
    ]
}

pub(crate) fn payment_values(p: &Payment) -> [Value<'static>; 5] {
    [
        p.case_no.to_string().into(),
        p.date.into(),
        p.kind.label_zh().into(),
        p.amount.fen().into(),
        p.note.clone().into(),
    ]
}

/// Writes a batch's parties (replacing each case's) and payments, inside the caller's
/// transaction; returns (party rows written, payments added).
pub(crate) fn write(
    db: &mut Db,
    parties: &[CaseParties],
    payments: &[Payment],
) -> Result<(u64, u64), StoreError> {
    let mut written = 0;
    for case in parties {
        let number = case.case_no.to_string();
        db.execute(
            "DELETE FROM parties WHERE case_no = ?",
            &[number.as_str().into()],
        )?;
        let rows = case
            .parties
            .iter()
            .enumerate()
            .map(|(i, p)| party_values(&number, i + 1, p));
        db.execute_each(INSERT_PARTY, rows, |n| written += n)?;
    }
    let mut added = 0;
    db.execute_each(INSERT_PAYMENT, payments.iter().map(payment_values), |n| {
        added += n
    })?;
    Ok((written, added))
}

fn corrupt(case_no: &str, what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{case_no}: {what}"))
}

fn read_party(row: &Row<'_, '_>) -> Result<(String, Party), StoreError> {
    let case_no = row.text("case_no")?;
    let role =
        PartyRole::parse(&row.text("role")?).map_err(|e| corrupt(&case_no, e.text().en()))?;
    let kind = match row.opt_text("kind")? {
        Some(text) => Some(PartyKind::parse(&text).map_err(|e| corrupt(&case_no, e.text().en()))?),
        None => None,
    };
    let identity = match row.opt_text("identity_key")? {
        Some(text) => {
            Some(IdentityKey::parse(&text).ok_or_else(|| corrupt(&case_no, "identity_key"))?)
        }
        None => None,
    };
    let party = Party {
        role,
        kind,
        name: row.text("name")?,
        identity,
        id_masked: row.opt_text("id_masked")?,
        agent: row.opt_text("agent")?,
        address: row.opt_text("address")?,
    };
    Ok((case_no, party))
}

fn read_payment(row: &Row<'_, '_>) -> Result<Payment, StoreError> {
    let case_no = row.text("case_no")?;
    let kind = row.text("kind")?;
    Ok(Payment {
        case_no: CaseNumber::parse(&case_no, i32::MAX)
            .map_err(|e| corrupt(&case_no, e.text().en()))?,
        date: row.date("paid_on")?,
        kind: PaymentKind::parse(&kind).ok_or_else(|| corrupt(&case_no, &kind))?,
        amount: Money::from_fen(row.int("amount_fen")?),
        note: row.text("note")?,
    })
}

/// The parties of one case, in their order.
pub(crate) fn of_case(db: &mut Db, case_no: &str) -> Result<Vec<Party>, StoreError> {
    let rows = db.query(
        &format!("SELECT {PARTY_COLUMNS} FROM parties WHERE case_no = ? ORDER BY seq"),
        &[case_no.into()],
        read_party,
    )?;
    Ok(rows.into_iter().map(|(_, p)| p).collect())
}

/// The payments of one case, by day (receipts first).
pub(crate) fn payments_of_case(db: &mut Db, case_no: &str) -> Result<Vec<Payment>, StoreError> {
    let mut payments = db.query(
        "SELECT case_no, paid_on, kind, amount_fen, note FROM payments WHERE case_no = ?",
        &[case_no.into()],
        read_payment,
    )?;
    payments.sort();
    Ok(payments)
}

/// The parties of the cases the query selects, case by case in case-number order.
pub(crate) fn of_query(db: &mut Db, query: &CaseQuery) -> Result<Vec<CaseParties>, StoreError> {
    let (clause, values) = conditions(query, None);
    let columns: Vec<String> = PARTY_COLUMNS
        .split(", ")
        .map(|c| format!("p.{c}"))
        .collect();
    let rows = db.query(
        &format!(
            "SELECT {} FROM parties p JOIN cases c ON c.case_no = p.case_no WHERE {clause}
             ORDER BY p.case_no COLLATE BINARY, p.seq",
            columns.join(", ")
        ),
        &values,
        read_party,
    )?;
    let mut out: Vec<CaseParties> = Vec::new();
    for (number, party) in rows {
        match out.last_mut() {
            Some(last) if last.case_no.to_string() == number => last.parties.push(party),
            _ => out.push(CaseParties {
                case_no: CaseNumber::parse(&number, i32::MAX)
                    .map_err(|e| corrupt(&number, e.text().en()))?,
                parties: vec![party],
            }),
        }
    }
    Ok(out)
}

/// The payments of the cases the query selects, by case, day and kind.
pub(crate) fn payments_of_query(
    db: &mut Db,
    query: &CaseQuery,
) -> Result<Vec<Payment>, StoreError> {
    let (clause, values) = conditions(query, None);
    let mut payments = db.query(
        &format!(
            "SELECT p.case_no, p.paid_on, p.kind, p.amount_fen, p.note
             FROM payments p JOIN cases c ON c.case_no = p.case_no WHERE {clause}"
        ),
        &values,
        read_payment,
    )?;
    payments.sort();
    Ok(payments)
}

/// The cases with a party of `identity`, by number.
pub(crate) fn cases_of_identity(
    db: &mut Db,
    identity: &IdentityKey,
) -> Result<Vec<String>, StoreError> {
    db.query(
        "SELECT case_no FROM parties WHERE identity_key = ?
         GROUP BY case_no ORDER BY case_no COLLATE BINARY",
        &[identity.as_str().into()],
        |row| row.text("case_no"),
    )
}

/// How many cases each identity appears in, for identities in at least `min_cases` cases, most
/// first: repeat litigants (a bank in a series of loan cases, a repeat petitioner).
pub(crate) fn repeat_identities(
    db: &mut Db,
    min_cases: u64,
) -> Result<Vec<(IdentityKey, String, u64)>, StoreError> {
    db.query(
        "SELECT identity_key, min(name) AS name, count(DISTINCT case_no) AS n FROM parties
         WHERE identity_key IS NOT NULL GROUP BY identity_key HAVING count(DISTINCT case_no) >= ?
         ORDER BY n DESC, identity_key",
        &[i64::try_from(min_cases).unwrap_or(i64::MAX).into()],
        |row| {
            let key = row.text("identity_key")?;
            Ok((
                IdentityKey::parse(&key).ok_or_else(|| corrupt("parties", "identity_key"))?,
                row.text("name")?,
                u64::try_from(row.int("n")?).unwrap_or(0),
            ))
        },
    )
}
