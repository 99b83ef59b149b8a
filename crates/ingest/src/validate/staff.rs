//! Rows of a staff list (`staff.csv`): staff number, name, court, division, role, active dates.
//!
//! Rules: the staff number is letters, digits, `-` or `_` (at most 32) and appears once per
//! import; the name is there and at most 50 characters; the court code parses; a role is on the
//! list; dates exist and the end is not before the start (an end date may lie ahead: a planned
//! departure).

use std::collections::HashMap;

use shenguan_domain::{CourtCode, Division, Staff, StaffId, StaffRole};

use super::{Context, Located, NAME_MAX, because, parse_cell_date, reason};
use crate::columns::StaffColumn;
use crate::table::TableRow;

impl Context<'_> {
    pub(super) fn staff_row(
        &mut self,
        row: &TableRow,
        columns: &[Option<usize>],
        seen: &mut HashMap<StaffId, usize>,
    ) {
        let line = row.row;
        let before = self.validation.errors.len();
        let get = |c: StaffColumn| Self::cell(row, columns, c);

        let id = self
            .required(
                line,
                get(StaffColumn::StaffId),
                ("工号", "the staff number"),
            )
            .and_then(|(i, text)| match StaffId::parse(text) {
                Ok(id) => Some((i, text, id)),
                Err(e) => {
                    self.fail(line, i, text, because(e.text()));
                    None
                }
            });
        if let Some((i, text, id)) = &id {
            match seen.get(id) {
                Some(first) => self.fail(
                    line,
                    *i,
                    text,
                    reason(
                        format!("工号与第{first}行重复"),
                        format!("the staff number repeats row {first}"),
                    ),
                ),
                None => {
                    seen.insert(id.clone(), line);
                }
            }
        }
        let name = self
            .required(line, get(StaffColumn::Name), ("姓名", "the name"))
            .and_then(|cell| self.one_line(line, Some(cell), NAME_MAX));
        let court = match get(StaffColumn::CourtCode) {
            None => {
                self.fail(
                    line,
                    0,
                    "",
                    reason(
                        "人员名单须有“法院代字”列",
                        "a staff list needs the court_code column",
                    ),
                );
                None
            }
            Some(cell) => self
                .required(line, Some(cell), ("法院代字", "the court code"))
                .and_then(|(i, text)| match CourtCode::parse(text) {
                    Ok(code) => Some(code),
                    Err(e) => {
                        self.fail(line, i, text, reason(e.message_zh(), e.message_en()));
                        None
                    }
                }),
        };
        let role = match get(StaffColumn::Role) {
            Some((_, "")) | None => None,
            Some((i, text)) => match StaffRole::parse(text) {
                Ok(role) => Some(role),
                Err(e) => {
                    self.fail(line, i, text, because(e.text()));
                    None
                }
            },
        };
        let mut date = |column: StaffColumn| match get(column) {
            Some((_, "")) | None => None,
            Some((i, text)) => match parse_cell_date(text) {
                Some(date) => Some(date),
                None => {
                    self.fail(
                        line,
                        i,
                        text,
                        reason("不是存在的日期", "not a date that exists"),
                    );
                    None
                }
            },
        };
        let active_from = date(StaffColumn::ActiveFrom);
        let active_to = date(StaffColumn::ActiveTo);
        if let (Some(from), Some(to), Some((i, text))) =
            (active_from, active_to, get(StaffColumn::ActiveTo))
            && to < from
        {
            self.fail(
                line,
                i,
                text,
                reason(
                    format!("任职终止日期早于起始日期{from}"),
                    format!("the end date is before the start date {from}"),
                ),
            );
        }
        if self.validation.errors.len() > before {
            return;
        }
        let (Some((_, _, id)), Some(name), Some(court)) = (id, name, court) else {
            return;
        };
        let division = get(StaffColumn::Division)
            .map(|(_, t)| t)
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        self.validation.staff.push(Located {
            table: self.index,
            row: line,
            record: Staff {
                id,
                name,
                court,
                division,
                role,
                active_from,
                active_to,
            },
        });
    }
}

impl Context<'_> {
    /// One row of a divisions file: the court code parses, the code is 1 to 32 letters, digits,
    /// `-` or `_` and appears once per court, the name is one line of at most 50 characters.
    pub(super) fn division_row(
        &mut self,
        row: &TableRow,
        columns: &[Option<usize>],
        seen: &mut HashMap<(CourtCode, String), usize>,
    ) {
        use crate::columns::DivisionColumn as D;
        let line = row.row;
        let before = self.validation.errors.len();
        let get = |c: D| Self::cell(row, columns, c);
        let court = self.required_court(line, get(D::CourtCode));
        let code = self
            .required(line, get(D::Code), ("部门代码", "the division code"))
            .and_then(|(i, text)| {
                if Division::is_code(text) {
                    Some((i, text.to_string()))
                } else {
                    self.fail(
                        line,
                        i,
                        &text.chars().take(40).collect::<String>(),
                        reason(
                            "部门代码须为1至32位字母、数字、“-”或“_”",
                            "a division code is 1 to 32 letters, digits, - or _",
                        ),
                    );
                    None
                }
            });
        let name = self
            .required(line, get(D::Name), ("部门名称", "the division's name"))
            .and_then(|cell| self.one_line(line, Some(cell), NAME_MAX));
        if let (Some(court), Some((i, code))) = (court, &code) {
            match seen.get(&(court, code.clone())) {
                Some(first) => self.fail(
                    line,
                    *i,
                    code,
                    reason(
                        format!("本院部门代码与第{first}行重复"),
                        format!("the court's division code repeats row {first}"),
                    ),
                ),
                None => {
                    seen.insert((court, code.clone()), line);
                }
            }
        }
        if self.validation.errors.len() > before {
            return;
        }
        if let (Some(court), Some((_, code)), Some(name)) = (court, code, name) {
            self.validation.divisions.push(Located {
                table: self.index,
                row: line,
                record: Division { court, code, name },
            });
        }
    }
}
