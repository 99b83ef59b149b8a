//! A log kept as a hash chain: each entry carries the hash of the one before it and its own,
//! SHA-256 over the previous hash, its number and its fields, so that an entry altered, removed or
//! inserted after the fact breaks the chain where it was done. A chain rewritten whole from the
//! altered entry on is told only against a head recorded elsewhere (an export, a bulletin), so
//! the check takes a head too. The allocation log and the audit log are both kept this way
//! (docs/allocation.md, docs/operations.md).

use sha2::{Digest, Sha256};

use crate::Text;

/// The hash the first entry chains to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hash of an entry numbered `seq` with these fields after `prev`: each part's length and
/// bytes, so that no two different entries give the same input.
pub fn hash_of(prev: &str, seq: u64, fields: &[&str]) -> String {
    let mut hasher = Sha256::new();
    let seq = seq.to_string();
    for part in [prev, seq.as_str()]
        .into_iter()
        .chain(fields.iter().copied())
    {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An entry of a chained log, as stored.
pub trait Link {
    /// 1, 2, … in the order written.
    fn seq(&self) -> u64;
    /// The previous entry's hash (GENESIS for the first).
    fn prev(&self) -> &str;
    /// Its own hash, as stored.
    fn hash(&self) -> &str;
    /// The fields its hash covers besides `prev` and `seq`, in a fixed order.
    fn fields(&self) -> Vec<&str>;

    /// Whether its fields give its hash under the number `seq` (an entry moved up or down by an
    /// insertion or a removal still seals under its old number).
    fn sealed_as(&self, seq: u64) -> bool {
        self.hash() == hash_of(self.prev(), seq, &self.fields())
    }
}

/// Where a chain breaks: the first entry (by its number) that was altered, after which entries
/// were removed, or that was inserted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gap {
    /// Its fields no longer give its hash.
    Altered { seq: u64 },
    /// Entries `from..=to` are missing (the next one found is `to + 1`, or the head is short).
    Removed { from: u64, to: u64 },
    /// The entry numbered `seq` was written in (or put in the place of another): the entries
    /// after it were moved up a number, or no longer follow it.
    Inserted { seq: u64 },
    /// The chain ends on another hash than the head recorded elsewhere (rewritten whole, or
    /// entries removed from its end).
    Head { found: String },
}

impl Gap {
    /// The break in words, for the log named `log` (Chinese, English).
    pub fn text(&self, log: (&str, &str)) -> Text {
        let (zh, en) = log;
        match self {
            Gap::Altered { seq } => {
                crate::text!("{zh}第{seq}条被改动", "entry {seq} of the {en} was altered")
            }
            Gap::Removed { from, to } => crate::text!(
                "{zh}第{from}至{to}条被删除",
                "entries {from} to {to} of the {en} were removed"
            ),
            Gap::Inserted { seq } => crate::text!(
                "{zh}第{seq}条是插入（或替换）的记录",
                "entry {seq} of the {en} was inserted (or put in another's place)"
            ),
            Gap::Head { found } => crate::text!(
                "{zh}末条哈希为 {found}，与记录的不符：末尾被删除或整条改写",
                "the {en} ends on {found}, not the head recorded: entries at its end were removed or the chain rewritten"
            ),
        }
    }
}

/// Walks a chain one entry at a time, in the order of their numbers, so that a long log is
/// checked without holding it whole.
#[derive(Debug)]
pub struct Walk {
    expected: u64,
    prev: String,
}

impl Default for Walk {
    fn default() -> Walk {
        Walk {
            expected: 1,
            prev: GENESIS.to_string(),
        }
    }
}

impl Walk {
    /// Takes the next entry; the first break, if this entry shows one.
    pub fn step(&mut self, entry: &impl Link) -> Result<(), Gap> {
        let seq = entry.seq();
        if !entry.sealed_as(seq) {
            // Moved up a number by an entry written in before it; down by one taken out.
            if seq > 1 && entry.sealed_as(seq - 1) {
                return Err(Gap::Inserted { seq: seq - 1 });
            }
            if entry.sealed_as(seq + 1) {
                return Err(Gap::Removed { from: seq, to: seq });
            }
            return Err(Gap::Altered { seq });
        }
        if seq > self.expected {
            return Err(Gap::Removed {
                from: self.expected,
                to: seq - 1,
            });
        }
        if seq < self.expected || entry.prev() != self.prev {
            return Err(Gap::Inserted {
                seq: seq.saturating_sub(1).max(1),
            });
        }
        self.expected += 1;
        self.prev = entry.hash().to_string();
        Ok(())
    }

    /// How many entries were taken.
    pub fn count(&self) -> u64 {
        self.expected - 1
    }

    /// The last entry's hash (GENESIS when none was taken).
    pub fn head(&self) -> &str {
        &self.prev
    }

    /// The end of the walk: the chain must end on `head` when one is given.
    pub fn finish(&self, head: Option<&str>) -> Result<(), Gap> {
        match head {
            Some(head) if head != self.prev => Err(Gap::Head {
                found: self.prev.clone(),
            }),
            _ => Ok(()),
        }
    }
}

/// Checks `entries` (in the order of their numbers), and that the chain ends on `head` when one
/// is given: the first break, if any.
pub fn verify<L: Link>(entries: &[L], head: Option<&str>) -> Result<(), Gap> {
    let mut walk = Walk::default();
    for entry in entries {
        walk.step(entry)?;
    }
    walk.finish(head)
}
