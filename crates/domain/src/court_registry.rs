//! The court registry: a network's own list of courts (code, name, parent) over the numbering rules.
//!
//! A court list is a small CSV text with a header row: `court_code,name[,short_name][,parent_code]`
//! (also `code`, `parent`), or the Chinese headers `法院代字,法院名称[,法院简称][,上级法院代字]`. The caller reads the file; this module only reads its text, so
//! the domain stays free of I/O. A list is accepted whole or not at all: every bad row is reported
//! with its row number, column, value and reason.

use std::collections::BTreeMap;
use std::fmt;

use crate::court::{CourtCode, CourtKind, CourtLevel, Province};
use crate::text::Text;

/// One court of the registry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Court {
    pub code: CourtCode,
    /// The full name (法院全称): 清河市清河区人民法院.
    pub name: String,
    /// The short name court staff use (简称): 清河区法院, 清河中院; `None`: the full name.
    pub short_name: Option<String>,
    /// The court one level up: as the list states it, else by the numbering rule.
    pub parent: Option<CourtCode>,
}

impl Court {
    pub fn level(&self) -> CourtLevel {
        self.code.level()
    }

    pub fn province(&self) -> Option<Province> {
        self.code.province()
    }

    pub fn kind(&self) -> CourtKind {
        self.code.kind()
    }
}

/// A problem in one cell of a court list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CourtListError {
    /// The row number as a spreadsheet shows it (the header is row 1).
    pub row: usize,
    pub column: String,
    pub value: String,
    pub reason: Text,
}

impl CourtListError {
    /// The row, column, value and reason, in both languages.
    pub fn text(&self) -> Text {
        let Self {
            row,
            column,
            value,
            reason,
        } = self;
        let (zh, en) = (reason.zh(), reason.en());
        crate::text!(
            "第{row}行 列“{column}” 值“{value}”: {zh}",
            "row {row} column “{column}” value “{value}”: {en}"
        )
    }
}

/// In Chinese, the default language; [`CourtListError::text`] has both.
impl fmt::Display for CourtListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text().zh())
    }
}

/// The courts a deployment knows by name, keyed by code.
#[derive(Clone, Debug, Default)]
pub struct CourtRegistry {
    courts: BTreeMap<CourtCode, Court>,
}

const CODE_HEADERS: [&str; 3] = ["code", "court_code", "法院代字"];
const NAME_HEADERS: [&str; 3] = ["name", "court_name", "法院名称"];
const SHORT_HEADERS: [&str; 3] = ["short_name", "法院简称", "简称"];
const PARENT_HEADERS: [&str; 3] = ["parent", "parent_code", "上级法院代字"];

impl CourtRegistry {
    /// Reads a court list. On any error nothing is loaded and every problem found is returned.
    pub fn from_csv(text: &str) -> Result<CourtRegistry, Vec<CourtListError>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let header_error = |reason: Text| {
            vec![CourtListError {
                row: 1,
                column: String::new(),
                value: String::new(),
                reason,
            }]
        };
        let headers = reader
            .headers()
            .map_err(|e| {
                header_error(crate::text!(
                    "表头无法读取: {e}",
                    "the header cannot be read: {e}"
                ))
            })?
            .clone();
        let find = |names: &[&str]| {
            headers
                .iter()
                .position(|h| names.contains(&h.trim().to_lowercase().as_str()))
        };
        let code_col = find(&CODE_HEADERS).ok_or_else(|| {
            header_error(crate::text!(
                "缺少“法院代字”(code)列",
                "the column code (法院代字) is missing"
            ))
        })?;
        let name_col = find(&NAME_HEADERS).ok_or_else(|| {
            header_error(crate::text!(
                "缺少“法院名称”(name)列",
                "the column name (法院名称) is missing"
            ))
        })?;
        let parent_col = find(&PARENT_HEADERS);
        let short_col = find(&SHORT_HEADERS);

        let mut registry = CourtRegistry::default();
        let mut errors = Vec::new();
        for (index, record) in reader.records().enumerate() {
            let row = crate::csv_rows::row_of(text, index, &record);
            let record = match record {
                Ok(record) => record,
                Err(e) => {
                    errors.push(CourtListError {
                        row,
                        column: String::new(),
                        value: String::new(),
                        reason: crate::text!("行无法读取: {e}", "the row cannot be read: {e}"),
                    });
                    continue;
                }
            };
            let cell = |col: usize| record.get(col).unwrap_or("").trim();
            let mut error = |column: usize, reason: Text| {
                errors.push(CourtListError {
                    row,
                    column: headers.get(column).unwrap_or("").to_string(),
                    value: cell(column).to_string(),
                    reason,
                })
            };
            let code = match CourtCode::parse(cell(code_col)) {
                Ok(code) => code,
                Err(e) => {
                    error(code_col, e.text());
                    continue;
                }
            };
            let name = cell(name_col);
            if name.is_empty() {
                error(
                    name_col,
                    crate::text!("法院名称为空", "the court's name is empty"),
                );
                continue;
            }
            let parent = match parent_col.map(cell).filter(|p| !p.is_empty()) {
                None => code.default_parent(),
                Some(text) => match CourtCode::parse(text) {
                    Ok(parent) if parent.level() < code.level() => Some(parent),
                    Ok(_) => {
                        error(
                            parent_col.unwrap_or(0),
                            crate::text!(
                                "上级法院的层级须高于本院",
                                "the parent court must stand above the court"
                            ),
                        );
                        continue;
                    }
                    Err(e) => {
                        error(parent_col.unwrap_or(0), e.text());
                        continue;
                    }
                },
            };
            if registry.courts.contains_key(&code) {
                error(
                    code_col,
                    crate::text!("法院代字重复", "the court code is listed twice"),
                );
                continue;
            }
            registry.courts.insert(
                code,
                Court {
                    code,
                    name: name.to_string(),
                    short_name: short_col
                        .map(cell)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string),
                    parent,
                },
            );
        }
        if errors.is_empty() {
            Ok(registry)
        } else {
            Err(errors)
        }
    }

    pub fn get(&self, code: CourtCode) -> Option<&Court> {
        self.courts.get(&code)
    }

    /// The court's name from the list, or a descriptive one built from its code.
    pub fn name_of(&self, code: CourtCode) -> String {
        self.get(code)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| code.generic_name_zh())
    }

    /// The name a table or a heading shows: the short name (简称), else the full name, else a
    /// descriptive one built from the code.
    pub fn short_name_of(&self, code: CourtCode) -> String {
        match self.get(code) {
            Some(court) => court
                .short_name
                .clone()
                .unwrap_or_else(|| court.name.clone()),
            None => code.generic_name_zh(),
        }
    }

    /// A list from courts already read (the store's); later entries replace earlier ones.
    pub fn from_courts(courts: impl IntoIterator<Item = Court>) -> CourtRegistry {
        CourtRegistry {
            courts: courts.into_iter().map(|c| (c.code, c)).collect(),
        }
    }

    /// This list with `other`'s courts added; a court in both keeps this list's entry (the
    /// configuration's list wins over the store's).
    pub fn merged_with(&self, other: &CourtRegistry) -> CourtRegistry {
        let mut courts = other.courts.clone();
        courts.extend(
            self.courts
                .iter()
                .map(|(code, court)| (*code, court.clone())),
        );
        CourtRegistry { courts }
    }

    /// The court one level up, as the list states it or else by the numbering rule.
    pub fn parent_of(&self, code: CourtCode) -> Option<CourtCode> {
        match self.get(code) {
            Some(court) => court.parent,
            None => code.default_parent(),
        }
    }

    /// The listed courts directly below `code`.
    pub fn children_of(&self, code: CourtCode) -> impl Iterator<Item = &Court> {
        self.courts.values().filter(move |c| c.parent == Some(code))
    }

    pub fn courts(&self) -> impl Iterator<Item = &Court> {
        self.courts.values()
    }

    pub fn len(&self) -> usize {
        self.courts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.courts.is_empty()
    }
}

#[cfg(test)]
mod tests;
