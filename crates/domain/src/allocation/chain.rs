//! The assignment log as a hash chain (the chain is `hash_chain`'s: each entry sealed by SHA-256
//! over the previous hash and its fields, docs/allocation.md), and what its entries say of each
//! case. A chain rewritten whole from the altered entry on is told only against a head recorded
//! elsewhere (an export, a report): `verify` checks a head given it too.

use crate::hash_chain::{Gap, Link};

pub use crate::hash_chain::GENESIS;

/// One entry as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// 1, 2, … in the order written.
    pub seq: u64,
    /// The moment, as the audit log writes it.
    pub at: String,
    /// track | draw | designate | change
    pub kind: String,
    pub case_no: String,
    /// What was decided and from what, as written.
    pub detail: String,
    /// The previous entry's hash (GENESIS for the first).
    pub prev: String,
    pub hash: String,
}

/// The hash of an entry with these fields after `prev` (the chain's hash over its fields in this
/// order).
pub fn hash_of(prev: &str, seq: u64, at: &str, kind: &str, case_no: &str, detail: &str) -> String {
    crate::hash_chain::hash_of(prev, seq, &[at, kind, case_no, detail])
}

impl Entry {
    /// The entry after `prev` (seq and hash of the last entry, or 0 and GENESIS), sealed.
    pub fn after(
        (seq, prev): (u64, &str),
        at: &str,
        kind: &str,
        case_no: &str,
        detail: &str,
    ) -> Entry {
        let seq = seq + 1;
        Entry {
            seq,
            at: at.into(),
            kind: kind.into(),
            case_no: case_no.into(),
            detail: detail.into(),
            prev: prev.into(),
            hash: hash_of(prev, seq, at, kind, case_no, detail),
        }
    }
}

impl Link for Entry {
    fn seq(&self) -> u64 {
        self.seq
    }
    fn prev(&self) -> &str {
        &self.prev
    }
    fn hash(&self) -> &str {
        &self.hash
    }
    fn fields(&self) -> Vec<&str> {
        vec![&self.at, &self.kind, &self.case_no, &self.detail]
    }
}

/// Where the allocation log breaks: the first entry (by its number) that was altered, after
/// which entries were removed, or that was inserted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Break {
    /// Its fields no longer give its hash.
    Altered { seq: u64 },
    /// Entries `from..=to` are missing (the next one found is `to + 1`, or the head is short).
    Removed { from: u64, to: u64 },
    /// The entry numbered `seq` was written in (or put in the place of another): the entries
    /// after it were moved up a number, or no longer follow it.
    Inserted { seq: u64 },
    /// The chain ends on another hash than the head recorded elsewhere (rewritten whole).
    Head { found: String },
    /// The chain is whole, but a case's allocation as kept says another track, pool, judge or way
    /// of allocation than its entries (or has none, or its entries have no allocation): the kept
    /// row was changed.
    Row { case_no: String },
}

impl From<Gap> for Break {
    fn from(gap: Gap) -> Break {
        match gap {
            Gap::Altered { seq } => Break::Altered { seq },
            Gap::Removed { from, to } => Break::Removed { from, to },
            Gap::Inserted { seq } => Break::Inserted { seq },
            Gap::Head { found } => Break::Head { found },
        }
    }
}

impl Break {
    /// The break in words.
    pub fn text(&self) -> crate::Text {
        let gap = match self {
            Break::Row { case_no } => {
                return crate::text!(
                    "案件{case_no}的分案记录与分案日志不符（轨道、团队、承办法官或分案方式被改动，或缺少对应记录）",
                    "the allocation of {case_no} disagrees with its log entries (its track, pool, judge or how it was allocated was changed, or one of the two is missing)"
                );
            }
            Break::Altered { seq } => Gap::Altered { seq: *seq },
            Break::Removed { from, to } => Gap::Removed {
                from: *from,
                to: *to,
            },
            Break::Inserted { seq } => Gap::Inserted { seq: *seq },
            Break::Head { found } => Gap::Head {
                found: found.clone(),
            },
        };
        gap.text(("分案日志", "allocation log"))
    }
}

/// What the log says of one case: the track and pool of its latest track entry, the judge of its
/// latest draw, designation, receipt or change (`None` inside: no judge) and that entry's kind,
/// and whether it was ever designated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Logged {
    pub track: Option<String>,
    pub pool: Option<String>,
    pub judge: Option<Option<String>>,
    pub how: Option<String>,
    pub designated: bool,
}

/// The value of `key` in an entry's detail (`key=value;…`).
pub fn field<'a>(detail: &'a str, key: &str) -> Option<&'a str> {
    detail
        .split(';')
        .find_map(|part| part.strip_prefix(key)?.strip_prefix('='))
}

/// What `entries` say of each case, in the order they were written.
pub fn as_logged(entries: &[Entry]) -> std::collections::BTreeMap<String, Logged> {
    let mut cases: std::collections::BTreeMap<String, Logged> = std::collections::BTreeMap::new();
    for entry in entries {
        let case = cases.entry(entry.case_no.clone()).or_default();
        let judge = match entry.kind.as_str() {
            "track" => {
                case.track = field(&entry.detail, "track").map(String::from);
                case.pool = field(&entry.detail, "pool").map(String::from);
                continue;
            }
            "draw" | "designate" | "import" => field(&entry.detail, "judge"),
            "change" => field(&entry.detail, "to"),
            _ => continue,
        };
        case.judge = Some(judge.filter(|j| *j != "-").map(String::from));
        case.how = Some(entry.kind.clone());
        case.designated |= entry.kind == "designate";
    }
    cases
}

/// Checks `entries` (in the order of their numbers), and that the chain ends on `head` when one
/// is given: the first break, if any.
pub fn verify(entries: &[Entry], head: Option<&str>) -> Result<(), Break> {
    crate::hash_chain::verify(entries, head).map_err(Break::from)
}

#[cfg(test)]
mod tests;
