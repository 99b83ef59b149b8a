//! The petition register (信访) as stored: each petition with its petitioners and the cases it
//! concerns, written by court and register number (a re-import updates, never doubles), and read
//! back by court and period, by case, or by petitioner.

use chrono::NaiveDate;
use shenguan_domain::petition::ranking::{Notice, NoticeRow};
use shenguan_domain::petition::{
    Channel, Level, Outcome, Petition, Petitioner, Referrer, Route, Satisfaction, Screening,
    Subject,
};
use shenguan_domain::{CaseNumber, CourtCode, CourtScope, IdentityKey, UnknownName};

use crate::StoreError;
use crate::sql::{Db, Row, Value, court_condition, in_groups, opt_text};

/// A petition with the number the store gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredPetition {
    pub id: i64,
    pub petition: Petition,
}

/// What a write of petitions did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PetitionStats {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
}

/// Which petitions to read: those of a court (alone, or with the courts below it) received in a
/// period; every condition is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PetitionQuery {
    pub court: Option<CourtScope>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

const COLUMNS: &str = "id, court_code, register_no, received_on, channel, referrer, head_count, \
     subject, level, circuit, skipped_levels, division, handler, screening, route, \
     routed_case_no, not_routed_reason, accepted_on, extended, replied_on, outcome, \
     satisfaction, review_asked_on, review_replied_on, recheck_asked_on, recheck_replied_on, \
     resolved_on, resolution, ended_on, ended_by, stopped_on";

/// A stored name that no longer reads as one (edited by hand, or a bug).
fn corrupt(what: &str) -> impl Fn(UnknownName) -> StoreError + '_ {
    move |e| StoreError::Corrupt(format!("a stored petition's {what}: {}", e.text().en()))
}

fn opt_name<T>(
    row: &Row<'_, '_>,
    column: &str,
    parse: fn(&str) -> Result<T, UnknownName>,
) -> Result<Option<T>, StoreError> {
    row.opt_text(column)?
        .map(|text| parse(&text).map_err(corrupt(column)))
        .transpose()
}

fn case_number(text: &str) -> Result<CaseNumber, StoreError> {
    CaseNumber::parse(text, i32::MAX)
        .map_err(|e| StoreError::Corrupt(format!("a stored case number {text}: {e}")))
}

/// One petition row, without its petitioners and cases.
fn read(row: &Row<'_, '_>) -> Result<StoredPetition, StoreError> {
    let court = row.text("court_code")?;
    let petition = Petition {
        court: CourtCode::parse(&court)
            .map_err(|_| StoreError::Corrupt(format!("a stored court code {court}")))?,
        register_no: row.text("register_no")?,
        received_on: row.date("received_on")?,
        channel: Channel::parse(&row.text("channel")?).map_err(corrupt("channel"))?,
        referrer: opt_name(row, "referrer", Referrer::parse)?,
        petitioners: Vec::new(),
        head_count: u32::try_from(row.int("head_count")?)
            .map_err(|_| StoreError::Corrupt("a stored head count".into()))?,
        cases: Vec::new(),
        subject: Subject::parse(&row.text("subject")?).map_err(corrupt("subject"))?,
        level: Level::parse(&row.text("level")?).map_err(corrupt("level"))?,
        circuit: row
            .opt_int("circuit")?
            .map(|n| u8::try_from(n).map_err(|_| StoreError::Corrupt("a stored circuit".into())))
            .transpose()?,
        skipped_levels: row.bool("skipped_levels")?,
        division: row.opt_text("division")?,
        handler: row.opt_text("handler")?,
        screening: opt_name(row, "screening", Screening::parse)?,
        route: opt_name(row, "route", Route::parse)?,
        routed_case: row
            .opt_text("routed_case_no")?
            .map(|t| case_number(&t))
            .transpose()?,
        not_routed_reason: row.opt_text("not_routed_reason")?,
        accepted_on: row.opt_date("accepted_on")?,
        extended: row.bool("extended")?,
        replied_on: row.opt_date("replied_on")?,
        outcome: opt_name(row, "outcome", Outcome::parse)?,
        satisfaction: opt_name(row, "satisfaction", Satisfaction::parse)?,
        review_asked_on: row.opt_date("review_asked_on")?,
        review_replied_on: row.opt_date("review_replied_on")?,
        recheck_asked_on: row.opt_date("recheck_asked_on")?,
        recheck_replied_on: row.opt_date("recheck_replied_on")?,
        resolved_on: row.opt_date("resolved_on")?,
        resolution: row.opt_text("resolution")?,
        ended_on: row.opt_date("ended_on")?,
        ended_by: row.opt_text("ended_by")?,
        stopped_on: row.opt_date("stopped_on")?,
    };
    Ok(StoredPetition {
        id: row.int("id")?,
        petition,
    })
}

fn key<T: Copy>(value: Option<T>, key: fn(T) -> &'static str) -> Value<'static> {
    value.map(key).into()
}

/// The columns of a petition (its id aside), in the order of [`COLUMNS`].
fn values(p: &Petition) -> Vec<Value<'_>> {
    vec![
        p.court.to_string().into(),
        (&p.register_no).into(),
        p.received_on.into(),
        p.channel.key().into(),
        key(p.referrer, Referrer::key),
        i64::from(p.head_count).into(),
        p.subject.key().into(),
        p.level.key().into(),
        p.circuit.map(i64::from).into(),
        p.skipped_levels.into(),
        opt_text(&p.division),
        opt_text(&p.handler),
        key(p.screening, Screening::key),
        key(p.route, Route::key),
        p.routed_case.as_ref().map(ToString::to_string).into(),
        opt_text(&p.not_routed_reason),
        p.accepted_on.into(),
        p.extended.into(),
        p.replied_on.into(),
        key(p.outcome, Outcome::key),
        key(p.satisfaction, Satisfaction::key),
        p.review_asked_on.into(),
        p.review_replied_on.into(),
        p.recheck_asked_on.into(),
        p.recheck_replied_on.into(),
        p.resolved_on.into(),
        opt_text(&p.resolution),
        p.ended_on.into(),
        opt_text(&p.ended_by),
        p.stopped_on.into(),
    ]
}

/// Fills in each petition's petitioners and cases, in their order.
fn complete(
    db: &mut Db,
    mut found: Vec<StoredPetition>,
) -> Result<Vec<StoredPetition>, StoreError> {
    if found.is_empty() {
        return Ok(found);
    }
    let ids: Vec<i64> = found.iter().map(|p| p.id).collect();
    let people = in_groups(
        db,
        "SELECT petition_id, seq, name, identity_key, id_masked FROM petitioners
         WHERE petition_id",
        &ids,
        |row| {
            Ok((
                row.int("petition_id")?,
                row.int("seq")?,
                Petitioner {
                    name: row.text("name")?,
                    identity: row
                        .opt_text("identity_key")?
                        .map(|k| {
                            IdentityKey::parse(&k).ok_or_else(|| {
                                StoreError::Corrupt("a stored petitioner's identity key".into())
                            })
                        })
                        .transpose()?,
                    masked: row.opt_text("id_masked")?,
                },
            ))
        },
    )?;
    let cases = in_groups(
        db,
        "SELECT petition_id, seq, case_no FROM petition_cases WHERE petition_id",
        &ids,
        |row| {
            Ok((
                row.int("petition_id")?,
                row.int("seq")?,
                row.text("case_no")?,
            ))
        },
    )?;
    let at: std::collections::HashMap<i64, usize> =
        found.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
    let mut people = people;
    people.sort_by_key(|(id, seq, _)| (*id, *seq));
    for (id, _, person) in people {
        if let Some(&i) = at.get(&id) {
            found[i].petition.petitioners.push(person);
        }
    }
    let mut cases = cases;
    cases.sort_by_key(|(id, seq, _)| (*id, *seq));
    for (id, _, case_no) in cases {
        if let Some(&i) = at.get(&id) {
            found[i].petition.cases.push(case_number(&case_no)?);
        }
    }
    Ok(found)
}

/// The petitions `query` selects, by day received and register number.
pub(crate) fn list(db: &mut Db, query: &PetitionQuery) -> Result<Vec<StoredPetition>, StoreError> {
    let mut conditions: Vec<String> = Vec::new();
    let mut values: Vec<Value<'_>> = Vec::new();
    if let Some(scope) = query.court {
        let (condition, value) = court_condition(scope, "court_code");
        conditions.push(condition);
        values.push(value);
    }
    if let Some(from) = query.from {
        conditions.push("received_on >= ?".into());
        values.push(from.into());
    }
    if let Some(to) = query.to {
        conditions.push("received_on <= ?".into());
        values.push(to.into());
    }
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conditions.join(" AND "))
    };
    let found = db.query(
        &format!(
            "SELECT {COLUMNS} FROM petitions{filter}
             ORDER BY received_on, court_code COLLATE BINARY, register_no COLLATE BINARY"
        ),
        &values,
        read,
    )?;
    complete(db, found)
}

/// One petition by the store's number.
pub(crate) fn one(db: &mut Db, id: i64) -> Result<Option<StoredPetition>, StoreError> {
    let found = db.query(
        &format!("SELECT {COLUMNS} FROM petitions WHERE id = ?"),
        &[id.into()],
        read,
    )?;
    Ok(complete(db, found)?.pop())
}

/// The stored petitions of `(court, register number)` pairs, asked court by court so that the
/// unique index on (court, register number) answers.
fn by_register(
    db: &mut Db,
    wanted: &[(String, String)],
) -> Result<std::collections::HashMap<(String, String), StoredPetition>, StoreError> {
    let mut by_court: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for (court, number) in wanted {
        by_court.entry(court).or_default().push(number);
    }
    let mut found = Vec::new();
    for (court, numbers) in by_court {
        for group in numbers.chunks(500) {
            let mut values: Vec<Value<'_>> = vec![court.into()];
            values.extend(group.iter().map(|n| Value::from(*n)));
            found.extend(db.query(
                &format!(
                    "SELECT {COLUMNS} FROM petitions WHERE court_code = ? AND register_no IN ({})",
                    crate::sql::marks(group.len())
                ),
                &values,
                read,
            )?);
        }
    }
    Ok(complete(db, found)?
        .into_iter()
        .map(|p| {
            (
                (p.petition.court.to_string(), p.petition.register_no.clone()),
                p,
            )
        })
        .collect())
}

/// The ids of the stored petitions among `(court, register number)` pairs.
pub(crate) fn ids_by_register(
    db: &mut Db,
    wanted: &[(String, String)],
) -> Result<std::collections::HashMap<(String, String), i64>, StoreError> {
    Ok(by_register(db, wanted)?
        .into_iter()
        .map(|(key, p)| (key, p.id))
        .collect())
}

/// Writes `petitions`: each added, or replacing the stored one of its court and register number
/// (its petitioners and cases with it) when it differs. The caller holds the transaction.
pub(crate) fn write(db: &mut Db, petitions: &[Petition]) -> Result<PetitionStats, StoreError> {
    let mut stats = PetitionStats::default();
    if petitions.is_empty() {
        return Ok(stats);
    }
    let keys: Vec<(String, String)> = petitions
        .iter()
        .map(|p| (p.court.to_string(), p.register_no.clone()))
        .collect();
    let stored = by_register(db, &keys)?;
    for petition in petitions {
        let key = (petition.court.to_string(), petition.register_no.clone());
        match stored.get(&key) {
            Some(old) if old.petition == *petition => stats.unchanged += 1,
            Some(old) => {
                replace(db, old.id, petition)?;
                stats.updated += 1;
            }
            None => {
                insert(db, petition)?;
                stats.added += 1;
            }
        }
    }
    Ok(stats)
}

/// Adds `petition`; its id.
fn insert(db: &mut Db, petition: &Petition) -> Result<i64, StoreError> {
    let columns = COLUMNS.trim_start_matches("id, ");
    let marks = crate::sql::marks(columns.split(',').count());
    let id = db
        .query_opt(
            &format!("INSERT INTO petitions ({columns}) VALUES ({marks}) RETURNING id"),
            &values(petition),
            |row| row.int("id"),
        )?
        .ok_or_else(|| StoreError::Corrupt("a petition written has no id".into()))?;
    write_people_and_cases(db, id, petition)?;
    Ok(id)
}

/// Replaces the stored petition `id` (its petitioners and cases with it) by `petition`.
fn replace(db: &mut Db, id: i64, petition: &Petition) -> Result<(), StoreError> {
    db.execute(
        "DELETE FROM petitioners WHERE petition_id = ?",
        &[id.into()],
    )?;
    db.execute(
        "DELETE FROM petition_cases WHERE petition_id = ?",
        &[id.into()],
    )?;
    let assignments: Vec<String> = COLUMNS
        .trim_start_matches("id, ")
        .split(',')
        .map(|c| format!("{} = ?", c.trim()))
        .collect();
    let mut values = values(petition);
    values.push(id.into());
    db.execute(
        &format!(
            "UPDATE petitions SET {} WHERE id = ?",
            assignments.join(", ")
        ),
        &values,
    )?;
    write_people_and_cases(db, id, petition)
}

fn write_people_and_cases(db: &mut Db, id: i64, petition: &Petition) -> Result<(), StoreError> {
    for (seq, person) in (1_i64..).zip(&petition.petitioners) {
        db.execute(
            "INSERT INTO petitioners (petition_id, seq, name, identity_key, id_masked)
             VALUES (?, ?, ?, ?, ?)",
            &[
                id.into(),
                seq.into(),
                (&person.name).into(),
                person.identity.as_ref().map(IdentityKey::as_str).into(),
                opt_text(&person.masked),
            ],
        )?;
    }
    for (seq, case) in (1_i64..).zip(&petition.cases) {
        db.execute(
            "INSERT INTO petition_cases (petition_id, seq, case_no) VALUES (?, ?, ?)",
            &[id.into(), seq.into(), case.to_string().into()],
        )?;
    }
    Ok(())
}

/// One step of handling as the log keeps it: who recorded it and when (the registration is the
/// first, `register`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PetitionStepRow {
    pub petition_id: i64,
    /// 1, 2, … in the order recorded (the store numbers them).
    pub seq: i64,
    /// The moment, as the audit log writes it.
    pub at: String,
    pub by_user: String,
    /// The step's key (`register`, `accept`, `reply`, …).
    pub step: String,
    /// What the step recorded, in words.
    pub note: String,
}

fn add_step(db: &mut Db, id: i64, step: &PetitionStepRow) -> Result<(), StoreError> {
    let seq = db.count(
        "SELECT count(*) AS n FROM petition_steps WHERE petition_id = ?",
        &[id.into()],
    )?;
    db.execute(
        "INSERT INTO petition_steps (petition_id, seq, at, by_user, step, note)
         VALUES (?, ?, ?, ?, ?, ?)",
        &[
            id.into(),
            (i64::try_from(seq).unwrap_or(i64::MAX - 1) + 1).into(),
            (&step.at).into(),
            (&step.by_user).into(),
            (&step.step).into(),
            (&step.note).into(),
        ],
    )?;
    Ok(())
}

/// Registers `petition` with its first log entry; its id, or `None` when its court already holds
/// its register number.
pub(crate) fn register(
    db: &mut Db,
    petition: &Petition,
    step: &PetitionStepRow,
) -> Result<Option<i64>, StoreError> {
    db.transaction(|db| {
        let taken = db.count(
            "SELECT count(*) AS n FROM petitions WHERE court_code = ? AND register_no = ?",
            &[
                petition.court.to_string().into(),
                (&petition.register_no).into(),
            ],
        )?;
        if taken > 0 {
            return Ok(None);
        }
        let id = insert(db, petition)?;
        add_step(db, id, step)?;
        // The petition figures are kept with the cases' columns.
        crate::raise_data_version(db)?;
        Ok(Some(id))
    })
}

/// Writes `after` over petition `id` with the step's log entry, only if it still stands as
/// `before`; whether it did.
pub(crate) fn take_step(
    db: &mut Db,
    id: i64,
    before: &Petition,
    after: &Petition,
    step: &PetitionStepRow,
) -> Result<bool, StoreError> {
    db.transaction(|db| {
        // SQLite's write lock is taken at BEGIN; PostgreSQL locks the row, so that two
        // processes stepping the same petition are served one after the other.
        if matches!(db, Db::Postgres(_)) {
            db.query(
                "SELECT id FROM petitions WHERE id = ? FOR UPDATE",
                &[id.into()],
                |row| row.int("id"),
            )?;
        }
        match one(db, id)? {
            Some(stored) if stored.petition == *before => {}
            _ => return Ok(false),
        }
        replace(db, id, after)?;
        add_step(db, id, step)?;
        crate::raise_data_version(db)?;
        Ok(true)
    })
}

/// The log of petition `id`, in order.
pub(crate) fn steps(db: &mut Db, id: i64) -> Result<Vec<PetitionStepRow>, StoreError> {
    db.query(
        "SELECT petition_id, seq, at, by_user, step, note FROM petition_steps
         WHERE petition_id = ? ORDER BY seq",
        &[id.into()],
        |row| {
            Ok(PetitionStepRow {
                petition_id: row.int("petition_id")?,
                seq: row.int("seq")?,
                at: row.text("at")?,
                by_user: row.text("by_user")?,
                step: row.text("step")?,
                note: row.text("note")?,
            })
        },
    )
}

/// The petitions brought by the person of `identity`, by day received.
pub(crate) fn of_person(
    db: &mut Db,
    identity: &IdentityKey,
) -> Result<Vec<StoredPetition>, StoreError> {
    let found = db.query(
        &format!(
            "SELECT {COLUMNS} FROM petitions WHERE id IN
                 (SELECT petition_id FROM petitioners WHERE identity_key = ?)
             ORDER BY received_on, court_code COLLATE BINARY, register_no COLLATE BINARY"
        ),
        &[identity.as_str().into()],
        read,
    )?;
    complete(db, found)
}

/// The petitions about any of the cases `case_nos` (canonical numbers), by day received.
pub(crate) fn about_cases(
    db: &mut Db,
    case_nos: &[String],
) -> Result<Vec<StoredPetition>, StoreError> {
    let ids: std::collections::BTreeSet<i64> = in_groups(
        db,
        "SELECT petition_id FROM petition_cases WHERE case_no",
        case_nos,
        |row| row.int("petition_id"),
    )?
    .into_iter()
    .collect();
    let ids: Vec<i64> = ids.into_iter().collect();
    let mut found = in_groups(
        db,
        &format!("SELECT {COLUMNS} FROM petitions WHERE id"),
        &ids,
        read,
    )?;
    found.sort_by_key(|a| (a.petition.received_on, a.id));
    complete(db, found)
}

/// The register numbers of `court` that begin with `prefix` (which holds none of the pattern
/// characters of `LIKE`).
pub(crate) fn register_numbers(
    db: &mut Db,
    court: CourtCode,
    prefix: &str,
) -> Result<Vec<String>, StoreError> {
    if prefix.contains(['%', '_', '\\']) {
        return Err(StoreError::Corrupt(format!(
            "a register number prefix {prefix} holds a pattern character"
        )));
    }
    db.query(
        "SELECT register_no FROM petitions WHERE court_code = ? AND register_no LIKE ?",
        &[court.to_string().into(), format!("{prefix}%").into()],
        |row| row.text("register_no"),
    )
}

/// Writes the rows of high courts' notices, each replacing the stored row of its period and
/// region; how many it wrote. The caller holds the transaction.
pub(crate) fn write_notices(
    db: &mut Db,
    rows: &[(NaiveDate, NaiveDate, NoticeRow)],
) -> Result<u64, StoreError> {
    let mut written = 0;
    for (from, to, row) in rows {
        written += db.execute(
            "INSERT INTO petition_notices (period_from, period_to, region, court_code,
                 to_province, to_beijing, to_circuit)
             VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (period_from, period_to, region) DO UPDATE SET
                 court_code = excluded.court_code, to_province = excluded.to_province,
                 to_beijing = excluded.to_beijing, to_circuit = excluded.to_circuit",
            &[
                (*from).into(),
                (*to).into(),
                (&row.region).into(),
                row.court.map(|c| c.to_string()).into(),
                i64::from(row.to_province).into(),
                i64::from(row.to_beijing).into(),
                i64::from(row.to_circuit).into(),
            ],
        )?;
    }
    Ok(written)
}

/// Every notice, by period, its rows in the order of their regions.
pub(crate) fn notices(db: &mut Db) -> Result<Vec<Notice>, StoreError> {
    let rows = db.query(
        "SELECT period_from, period_to, region, court_code, to_province, to_beijing, to_circuit
         FROM petition_notices ORDER BY period_from, period_to, region COLLATE BINARY",
        &[],
        |row| {
            let count = |column: &str| -> Result<u32, StoreError> {
                u32::try_from(row.int(column)?)
                    .map_err(|_| StoreError::Corrupt(format!("a stored notice's {column}")))
            };
            let court = row
                .opt_text("court_code")?
                .map(|c| {
                    CourtCode::parse(&c)
                        .map_err(|_| StoreError::Corrupt(format!("a stored court code {c}")))
                })
                .transpose()?;
            Ok((
                row.date("period_from")?,
                row.date("period_to")?,
                NoticeRow {
                    region: row.text("region")?,
                    court,
                    to_province: count("to_province")?,
                    to_beijing: count("to_beijing")?,
                    to_circuit: count("to_circuit")?,
                },
            ))
        },
    )?;
    let mut notices: Vec<Notice> = Vec::new();
    for (from, to, row) in rows {
        match notices.last_mut() {
            Some(last) if last.from == from && last.to == to => last.rows.push(row),
            _ => notices.push(Notice {
                from,
                to,
                rows: vec![row],
            }),
        }
    }
    Ok(notices)
}
