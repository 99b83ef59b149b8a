//! The network's court list as stored, written once for both backends.

use shenguan_domain::{Court, CourtCode};

use crate::StoreError;
use crate::sql::Db;

/// Adds each court, or replaces its names, level and parent, in one transaction.
pub(crate) fn write(db: &mut Db, courts: &[Court]) -> Result<u64, StoreError> {
    db.transaction(|db| {
        for court in courts {
            db.execute(
                "INSERT INTO courts (code, name, short_name, level, parent_code)
                 VALUES (?, ?, ?, ?, ?)
                 ON CONFLICT (code) DO UPDATE SET name = excluded.name,
                     short_name = excluded.short_name, level = excluded.level,
                     parent_code = excluded.parent_code",
                &[
                    court.code.to_string().into(),
                    (&court.name).into(),
                    court.short_name.as_deref().into(),
                    court.level().key().into(),
                    court.parent.map(|p| p.to_string()).into(),
                ],
            )?;
        }
        crate::raise_data_version(db)?;
        Ok(courts.len() as u64)
    })
}

/// The court list in code order. A stored code that no longer parses is an error naming it.
pub(crate) fn read(db: &mut Db) -> Result<Vec<Court>, StoreError> {
    let parse = |text: &str| {
        CourtCode::parse(text).map_err(|e| {
            StoreError::Corrupt(format!(
                "the court code \"{text}\" in table courts does not parse: {}",
                e.text().en()
            ))
        })
    };
    db.query(
        "SELECT code, name, short_name, parent_code FROM courts ORDER BY code COLLATE BINARY",
        &[],
        |row| {
            Ok(Court {
                code: parse(&row.text("code")?)?,
                name: row.text("name")?,
                short_name: row.opt_text("short_name")?,
                parent: row
                    .opt_text("parent_code")?
                    .as_deref()
                    .map(parse)
                    .transpose()?,
            })
        },
    )
}
