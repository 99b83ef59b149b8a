//! 督办 items put together with their steps: numbered 1, 2, … in order, the first the opening,
//! each step one the item could take where it stood, the last leaving it in the state its row
//! gives. An item whose history is wrong or incomplete is refused with all its rows.

use std::collections::{HashMap, HashSet};

use shenguan_domain::{Text, text};
use shenguan_ingest::validate::Located;
use shenguan_store::{SupervisionRow, SupervisionStep};

use super::{Errors, ItemRow};
use crate::duban::State;
use crate::record_files::RecordFile;

/// An item with its steps in order, located at its item row.
pub(super) type FullItem = Located<(SupervisionRow, Vec<SupervisionStep>)>;

/// Puts each item together with its steps (numbered 1, 2, … in order, the first its opening,
/// each following from the one before, the last leaving it in the state its row gives); an item
/// whose history is wrong or incomplete is refused with all its rows.
pub(super) fn assemble_items(
    items: Vec<Located<ItemRow>>,
    steps: Vec<Located<SupervisionStep>>,
    errors: &mut Errors<'_>,
) -> Vec<FullItem> {
    let mut by_id: HashMap<i64, Vec<Located<SupervisionStep>>> = HashMap::new();
    for step in steps {
        by_id.entry(step.record.item_id).or_default().push(step);
    }
    // Items whose rows were refused: their steps go with them.
    let refused: HashSet<i64> = errors
        .tables
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            let headers: Vec<&str> = t.headers.iter().map(String::as_str).collect();
            RecordFile::of_header(&headers) == Some(RecordFile::Items)
        })
        .flat_map(|(index, table)| {
            let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
            let id_at = RecordFile::Items.positions(&headers)[0];
            let rejected = &errors.validation.rejected;
            table
                .rows
                .iter()
                .filter(move |r| rejected.contains(&(index, r.row)))
                .filter_map(move |r| id_at.and_then(|i| r.cells.get(i)?.trim().parse().ok()))
        })
        .collect();
    let mut seen: HashSet<i64> = HashSet::new();
    let mut assembled = Vec::with_capacity(items.len());
    for located in items {
        let id = located.record.id;
        if !seen.insert(id) {
            let value = id.to_string();
            errors.on(
                &located,
                RecordFile::Items,
                "id",
                &value,
                text!(
                    "编号与前面的督办事项重复",
                    "the number repeats an item above"
                ),
            );
            continue;
        }
        let mut own = by_id.remove(&id).unwrap_or_default();
        own.sort_by_key(|s| s.record.seq);
        let mut history: Vec<SupervisionStep> = own.iter().map(|s| s.record.clone()).collect();
        let problem = history_problem(&located.record.item, &history);
        if let Some((at, why)) = problem {
            match at {
                Some(i) => {
                    let value = own[i].record.step.clone();
                    errors.on(&own[i], RecordFile::Steps, "step", &value, why);
                }
                None => {
                    let value = located.record.item.state.clone();
                    errors.on(&located, RecordFile::Items, "state", &value, why);
                }
            }
            refuse_together(&located, &own, errors);
            continue;
        }
        for step in &mut history {
            step.item_id = 0;
        }
        assembled.push(Located {
            table: located.table,
            row: located.row,
            record: (located.record.item, history),
        });
    }
    // Steps of no item read: of an item refused, or of none at all.
    for (id, steps) in by_id {
        let why = if refused.contains(&id) {
            text!("所属督办事项有错误", "its item has errors")
        } else {
            text!(
                "督办文件中没有编号为{id}的督办事项",
                "the items file has no item numbered {id}"
            )
        };
        for step in &steps {
            errors.on(
                step,
                RecordFile::Steps,
                "item_id",
                &id.to_string(),
                why.clone(),
            );
        }
    }
    assembled
}

/// Refuses the rows of an item and its steps not refused already.
fn refuse_together(
    item: &Located<ItemRow>,
    steps: &[Located<SupervisionStep>],
    errors: &mut Errors<'_>,
) {
    let why = text!(
        "同一督办事项的其他行有错误，一并未导入",
        "another row of the same item has errors: the item is not imported"
    );
    if !errors.validation.rejected.contains(&(item.table, item.row)) {
        let value = item.record.id.to_string();
        errors.on(item, RecordFile::Items, "id", &value, why.clone());
    }
    for step in steps {
        if !errors.validation.rejected.contains(&(step.table, step.row)) {
            let value = step.record.item_id.to_string();
            errors.on(step, RecordFile::Steps, "item_id", &value, why.clone());
        }
    }
}

/// What is wrong with an item's history: the step at fault (`None`: the item row), and why.
fn history_problem(
    item: &SupervisionRow,
    steps: &[SupervisionStep],
) -> Option<(Option<usize>, Text)> {
    if steps.is_empty() {
        return Some((
            None,
            text!(
                "督办事项没有办理经过（经过文件中缺少其各行）",
                "the item has no steps in the steps file"
            ),
        ));
    }
    let mut state: Option<State> = None;
    for (i, step) in steps.iter().enumerate() {
        let expected = i as i64 + 1;
        if step.seq != expected {
            return Some((
                Some(i),
                text!(
                    "序号应为{expected}（各环节依次编号，不缺不重）",
                    "the number should be {expected} (steps are numbered on, none missing or repeated)"
                ),
            ));
        }
        let next = match (state, step.step.as_str()) {
            (None, "opened") => State::AwaitingReply,
            (Some(s), "reply") if s.awaits_reply() => State::Replied,
            (Some(State::Replied), "close") => State::Closed,
            (Some(State::Replied), "return") => State::Returned,
            (Some(s), "escalate") if s.awaits_reply() => State::Escalated,
            (None, _) => {
                return Some((
                    Some(i),
                    text!(
                        "第一个环节应为督办（opened）",
                        "the first step must be the opening (opened)"
                    ),
                ));
            }
            (Some(s), _) => {
                let label = s.label();
                let (zh, en) = (label.zh(), label.en());
                return Some((
                    Some(i),
                    text!(
                        "督办事项处于“{zh}”时不能有此环节",
                        "the step cannot follow where the item stood ({en})"
                    ),
                ));
            }
        };
        state = Some(next);
    }
    let ended = state.map(State::key).unwrap_or_default();
    (ended != item.state).then(|| {
        let label = state.map(State::label).unwrap_or_else(|| text!("", ""));
        let (zh, en) = (label.zh(), label.en());
        (
            None,
            text!(
                "状态与办理经过不符（按经过应为“{zh}”）",
                "the state differs from the steps (they leave the item {en})"
            ),
        )
    })
}
