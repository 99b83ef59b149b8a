//! The network's staff list and its divisions as stored, written once for both backends.

use shenguan_domain::{CourtCode, Division, Staff, StaffId, StaffRole};

use crate::StoreError;
use crate::sql::{Db, Row};

/// Adds each person, or replaces what is known of them, inside the caller's transaction.
pub(crate) fn write(db: &mut Db, staff: &[Staff]) -> Result<u64, StoreError> {
    if staff.is_empty() {
        return Ok(0);
    }
    let sql = "INSERT INTO staff (id, name, court_code, division, role, active_from, active_to)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, court_code = excluded.court_code,
             division = excluded.division, role = excluded.role,
             active_from = excluded.active_from, active_to = excluded.active_to";
    for person in staff {
        db.execute(
            sql,
            &[
                person.id.as_str().into(),
                (&person.name).into(),
                person.court.to_string().into(),
                person.division.as_deref().into(),
                person.role.map(StaffRole::label_zh).into(),
                person.active_from.into(),
                person.active_to.into(),
            ],
        )?;
    }
    Ok(staff.len() as u64)
}

/// The staff list in staff-number order. A stored value that no longer reads is an error naming
/// the person.
pub(crate) fn read(db: &mut Db) -> Result<Vec<Staff>, StoreError> {
    db.query(
        "SELECT id, name, court_code, division, role, active_from, active_to
         FROM staff ORDER BY id COLLATE BINARY",
        &[],
        read_person,
    )
}

fn read_person(row: &Row<'_, '_>) -> Result<Staff, StoreError> {
    let id = row.text("id")?;
    let corrupt =
        |what: String| StoreError::Corrupt(format!("the staff row {id} does not read: {what}"));
    let court = row.opt_text("court_code")?.unwrap_or_default();
    Ok(Staff {
        id: StaffId::parse(&id).map_err(|e| corrupt(e.text().en().to_string()))?,
        name: row.text("name")?,
        court: CourtCode::parse(&court).map_err(|e| corrupt(e.text().en().to_string()))?,
        division: row.opt_text("division")?,
        role: row
            .opt_text("role")?
            .map(|r| StaffRole::parse(&r).map_err(|e| corrupt(e.text().en().to_string())))
            .transpose()?,
        active_from: row.opt_date("active_from")?,
        active_to: row.opt_date("active_to")?,
    })
}

/// Adds each division, or renames it, inside the caller's transaction.
pub(crate) fn write_divisions(db: &mut Db, divisions: &[Division]) -> Result<u64, StoreError> {
    for division in divisions {
        db.execute(
            "INSERT INTO divisions (court_code, code, name) VALUES (?, ?, ?)
             ON CONFLICT (court_code, code) DO UPDATE SET name = excluded.name",
            &[
                division.court.to_string().into(),
                division.code.as_str().into(),
                division.name.as_str().into(),
            ],
        )?;
    }
    Ok(divisions.len() as u64)
}

/// Every court's divisions, by court and code.
pub(crate) fn read_divisions(db: &mut Db) -> Result<Vec<Division>, StoreError> {
    db.query(
        "SELECT court_code, code, name FROM divisions
         ORDER BY court_code COLLATE BINARY, code COLLATE BINARY",
        &[],
        |row| {
            let court = row.text("court_code")?;
            Ok(Division {
                court: CourtCode::parse(&court).map_err(|e| {
                    StoreError::Corrupt(format!("divisions: {court}: {}", e.text().en()))
                })?,
                code: row.text("code")?,
                name: row.text("name")?,
            })
        },
    )
}
