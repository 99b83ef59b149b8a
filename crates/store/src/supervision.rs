//! 督办 items as stored — where each stands now — and the steps each took, with their queries,
//! written once for both backends. What a step may do is the rules' business (the supervision
//! crate) and who may take it the application's; the store keeps what it is given, and refuses
//! a change made from a state the item is no longer in (someone else acted first).

use chrono::NaiveDate;
use shenguan_domain::CourtScope;

use crate::StoreError;
use crate::sql::{Db, Row, Value, court_condition, opt_text};

/// One item as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupervisionRow {
    /// Given by the store when the item is opened (0 before).
    pub id: i64,
    pub case_no: String,
    pub court_code: String,
    pub division: Option<String>,
    /// A `Reason` key of the supervision rules.
    pub reason: String,
    pub instructions: String,
    pub opened_by: String,
    pub opened_on: NaiveDate,
    /// The account that must answer.
    pub answerer: String,
    pub due_on: NaiveDate,
    /// A `State` key of the supervision rules.
    pub state: String,
    /// The level of the supervision chain that follows it.
    pub level: i64,
    /// The last reply's day and whether it came by the date then due.
    pub replied_on: Option<NaiveDate>,
    pub replied_in_time: Option<bool>,
    pub closed_on: Option<NaiveDate>,
}

/// One step of an item's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupervisionStep {
    pub item_id: i64,
    /// 1 for the opening, then one more per step.
    pub seq: i64,
    /// When, as the audit log writes it.
    pub at: String,
    pub by_user: String,
    /// opened, reply, close, return, escalate.
    pub step: String,
    /// The instructions, the reply or the note.
    pub note: String,
    /// The reply date the step set (opening, return, escalation).
    pub due_on: Option<NaiveDate>,
}

/// Which items a list asks for; every condition is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SupervisionQuery {
    /// A court alone, or with the courts below it.
    pub court: Option<CourtScope>,
    pub division: Option<String>,
    pub answerer: Option<String>,
    pub case_no: Option<String>,
    /// Any of these states (none: every state).
    pub states: Vec<String>,
    pub reason: Option<String>,
}

pub(crate) const ITEM_COLUMNS: &str = "id, case_no, court_code, division, reason, instructions, opened_by, \
     opened_on, answerer, due_on, state, level, replied_on, replied_in_time, closed_on";

pub(crate) fn read_item(row: &Row<'_, '_>) -> Result<SupervisionRow, StoreError> {
    Ok(SupervisionRow {
        id: row.int("id")?,
        case_no: row.text("case_no")?,
        court_code: row.text("court_code")?,
        division: row.opt_text("division")?,
        reason: row.text("reason")?,
        instructions: row.text("instructions")?,
        opened_by: row.text("opened_by")?,
        opened_on: row.date("opened_on")?,
        answerer: row.text("answerer")?,
        due_on: row.date("due_on")?,
        state: row.text("state")?,
        level: row.int("level")?,
        replied_on: row.opt_date("replied_on")?,
        replied_in_time: row.opt_bool("replied_in_time")?,
        closed_on: row.opt_date("closed_on")?,
    })
}

pub(crate) fn read_step(row: &Row<'_, '_>) -> Result<SupervisionStep, StoreError> {
    Ok(SupervisionStep {
        item_id: row.int("item_id")?,
        seq: row.int("seq")?,
        at: row.text("at")?,
        by_user: row.text("by_user")?,
        step: row.text("step")?,
        note: row.text("note")?,
        due_on: row.opt_date("due_on")?,
    })
}

/// Opens `items` at `at` by `by`, each with its opening step, in one transaction; their ids, in
/// the order given.
pub(crate) fn open_items(
    db: &mut Db,
    items: &[SupervisionRow],
    at: &str,
    by: &str,
) -> Result<Vec<i64>, StoreError> {
    db.transaction(|db| {
        let mut ids = Vec::with_capacity(items.len());
        for item in items {
            let id = insert_item(db, item)?;
            add_step(
                db,
                &SupervisionStep {
                    item_id: id,
                    seq: 1,
                    at: at.to_string(),
                    by_user: by.to_string(),
                    step: "opened".into(),
                    note: item.instructions.clone(),
                    due_on: Some(item.due_on),
                },
            )?;
            ids.push(id);
        }
        Ok(ids)
    })
}

/// Writes `item` as it stands (its id aside) and returns the id the store gives it; the caller
/// holds the transaction and writes its steps.
pub(crate) fn insert_item(db: &mut Db, item: &SupervisionRow) -> Result<i64, StoreError> {
    db.query_opt(
        "INSERT INTO supervision_items (case_no, court_code, division, reason, instructions,
             opened_by, opened_on, answerer, due_on, state, level, replied_on, replied_in_time,
             closed_on)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        &[
            (&item.case_no).into(),
            (&item.court_code).into(),
            opt_text(&item.division),
            (&item.reason).into(),
            (&item.instructions).into(),
            (&item.opened_by).into(),
            item.opened_on.into(),
            (&item.answerer).into(),
            item.due_on.into(),
            (&item.state).into(),
            item.level.into(),
            item.replied_on.into(),
            item.replied_in_time.into(),
            item.closed_on.into(),
        ],
        |row| row.int("id"),
    )?
    .ok_or_else(|| StoreError::Corrupt("an opened item has no id".into()))
}

pub(crate) fn add_step(db: &mut Db, step: &SupervisionStep) -> Result<(), StoreError> {
    db.execute(
        "INSERT INTO supervision_steps (item_id, seq, at, by_user, step, note, due_on)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
        &[
            step.item_id.into(),
            step.seq.into(),
            (&step.at).into(),
            (&step.by_user).into(),
            (&step.step).into(),
            (&step.note).into(),
            step.due_on.into(),
        ],
    )?;
    Ok(())
}

/// Writes where `item` stands after a step, and the step, in one transaction — only if the
/// stored item is still in `from_state`; whether it was (`false`: someone acted first and
/// nothing was written).
pub(crate) fn take_step(
    db: &mut Db,
    item: &SupervisionRow,
    from_state: &str,
    step: &SupervisionStep,
) -> Result<bool, StoreError> {
    db.transaction(|db| {
        let changed = db.execute(
            "UPDATE supervision_items SET due_on = ?, state = ?, level = ?, replied_on = ?,
                 replied_in_time = ?, closed_on = ?
             WHERE id = ? AND state = ?",
            &[
                item.due_on.into(),
                (&item.state).into(),
                item.level.into(),
                item.replied_on.into(),
                item.replied_in_time.into(),
                item.closed_on.into(),
                item.id.into(),
                from_state.into(),
            ],
        )?;
        if changed == 0 {
            return Ok(false);
        }
        let seq = db.count(
            "SELECT count(*) AS n FROM supervision_steps WHERE item_id = ?",
            &[item.id.into()],
        )?;
        add_step(
            db,
            &SupervisionStep {
                item_id: item.id,
                seq: i64::try_from(seq).unwrap_or(i64::MAX - 1) + 1,
                ..step.clone()
            },
        )?;
        Ok(true)
    })
}

/// One item with its steps in order.
pub(crate) fn item(
    db: &mut Db,
    id: i64,
) -> Result<Option<(SupervisionRow, Vec<SupervisionStep>)>, StoreError> {
    let Some(item) = db.query_opt(
        &format!("SELECT {ITEM_COLUMNS} FROM supervision_items WHERE id = ?"),
        &[id.into()],
        read_item,
    )?
    else {
        return Ok(None);
    };
    let steps = db.query(
        "SELECT item_id, seq, at, by_user, step, note, due_on FROM supervision_steps
         WHERE item_id = ? ORDER BY seq",
        &[id.into()],
        read_step,
    )?;
    Ok(Some((item, steps)))
}

/// The items `query` selects, newest first.
pub(crate) fn items(
    db: &mut Db,
    query: &SupervisionQuery,
) -> Result<Vec<SupervisionRow>, StoreError> {
    let (filter, values) = filter(query, "");
    db.query(
        &format!("SELECT {ITEM_COLUMNS} FROM supervision_items{filter} ORDER BY id DESC"),
        &values,
        read_item,
    )
}

/// The steps of the items `query` selects, by item and in order.
pub(crate) fn steps(
    db: &mut Db,
    query: &SupervisionQuery,
) -> Result<Vec<SupervisionStep>, StoreError> {
    let (filter, values) = filter(query, "i.");
    db.query(
        &format!(
            "SELECT s.item_id, s.seq, s.at, s.by_user, s.step, s.note, s.due_on
             FROM supervision_steps s JOIN supervision_items i ON i.id = s.item_id{filter}
             ORDER BY s.item_id, s.seq"
        ),
        &values,
        read_step,
    )
}

/// The WHERE clause of `query` on the items table (its columns prefixed with `prefix`), with its
/// parameters; only the conditions asked for are written.
fn filter<'q>(query: &'q SupervisionQuery, prefix: &str) -> (String, Vec<Value<'q>>) {
    let mut conditions: Vec<String> = Vec::new();
    let mut values: Vec<Value<'q>> = Vec::new();
    if let Some(scope) = query.court {
        let (condition, value) = court_condition(scope, &format!("{prefix}court_code"));
        conditions.push(condition);
        values.push(value);
    }
    for (column, value) in [
        ("division", &query.division),
        ("answerer", &query.answerer),
        ("case_no", &query.case_no),
        ("reason", &query.reason),
    ] {
        if let Some(value) = value {
            conditions.push(format!("{prefix}{column} = ?"));
            values.push(value.into());
        }
    }
    if !query.states.is_empty() {
        let marks = vec!["?"; query.states.len()].join(", ");
        conditions.push(format!("{prefix}state IN ({marks})"));
        values.extend(query.states.iter().map(Value::from));
    }
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conditions.join(" AND "))
    };
    (filter, values)
}
