//! The assignment log as a hash chain: each entry carries the hash of the one before it and its
//! own, SHA-256 over the previous hash and its fields, so that an entry altered, removed or
//! inserted after the fact breaks the chain where it was done (docs/allocation.md). A chain
//! rewritten whole from the altered entry on is told only against a head recorded elsewhere (an
//! export, a report): `verify` checks a head given it too.

use sha2::{Digest, Sha256};

/// The hash the first entry chains to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

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

/// The hash of an entry with these fields after `prev`: each field's length and bytes, so that no
/// two different entries give the same input.
pub fn hash_of(prev: &str, seq: u64, at: &str, kind: &str, case_no: &str, detail: &str) -> String {
    let mut hasher = Sha256::new();
    for field in [prev, &seq.to_string(), at, kind, case_no, detail] {
        hasher.update((field.len() as u64).to_le_bytes());
        hasher.update(field.as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
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

    fn sealed(&self) -> bool {
        self.sealed_as(self.seq)
    }

    /// Whether its fields give its hash under the number `seq` (an entry moved up or down by an
    /// insertion or a removal still seals under its old number).
    fn sealed_as(&self, seq: u64) -> bool {
        self.hash
            == hash_of(
                &self.prev,
                seq,
                &self.at,
                &self.kind,
                &self.case_no,
                &self.detail,
            )
    }
}

/// Where a chain breaks: the first entry (by its number) that was altered, after which entries
/// were removed, or that was inserted.
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

impl Break {
    /// The break in words.
    pub fn text(&self) -> crate::Text {
        match self {
            Break::Altered { seq } => crate::text!(
                "分案日志第{seq}条被改动",
                "entry {seq} of the allocation log was altered"
            ),
            Break::Removed { from, to } => crate::text!(
                "分案日志第{from}至{to}条被删除",
                "entries {from} to {to} of the allocation log were removed"
            ),
            Break::Inserted { seq } => crate::text!(
                "分案日志第{seq}条是插入（或替换）的记录",
                "entry {seq} of the allocation log was inserted (or put in another's place)"
            ),
            Break::Head { found } => crate::text!(
                "分案日志末条哈希为 {found}，与记录的不符：末尾被删除或整条改写",
                "the allocation log ends on {found}, not the head recorded: entries at its end were removed or the chain rewritten"
            ),
            Break::Row { case_no } => crate::text!(
                "案件{case_no}的分案记录与分案日志不符（轨道、团队、承办法官或分案方式被改动，或缺少对应记录）",
                "the allocation of {case_no} disagrees with its log entries (its track, pool, judge or how it was allocated was changed, or one of the two is missing)"
            ),
        }
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
    let (mut expected, mut prev) = (1_u64, GENESIS.to_string());
    for entry in entries {
        if !entry.sealed() {
            // Moved up a number by an entry written in before it; down by one taken out.
            if entry.seq > 1 && entry.sealed_as(entry.seq - 1) {
                return Err(Break::Inserted { seq: entry.seq - 1 });
            }
            if entry.sealed_as(entry.seq + 1) {
                return Err(Break::Removed {
                    from: entry.seq,
                    to: entry.seq,
                });
            }
            return Err(Break::Altered { seq: entry.seq });
        }
        if entry.seq > expected {
            return Err(Break::Removed {
                from: expected,
                to: entry.seq - 1,
            });
        }
        if entry.seq < expected || entry.prev != prev {
            return Err(Break::Inserted {
                seq: entry.seq.saturating_sub(1).max(1),
            });
        }
        expected += 1;
        prev = entry.hash.clone();
    }
    match head {
        Some(head) if head != prev => Err(Break::Head { found: prev }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
