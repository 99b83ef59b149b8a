//! The audit log's chain as the program checks it: end to end, against a head recorded
//! elsewhere (a bulletin, a printout), naming the first entry altered, removed or inserted
//! (docs/operations.md, "审计日志 The audit log").

use shenguan_domain::audit_log::{AUDIT_LOG, Sealed};
use shenguan_domain::hash_chain::{Gap, Walk};
use shenguan_domain::{Text, text};
use shenguan_store::AuditEntry;

use crate::{App, AppError, Store};

/// Where the audit log is whole: how many entries, and the last one's hash (the head to record
/// elsewhere).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditHead {
    pub count: u64,
    pub hash: String,
    /// The number of the entry a head recorded earlier was found at, when one was given.
    pub recorded_at: Option<u64>,
}

/// Where the audit log breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuditBreak {
    /// The chain breaks at a numbered entry.
    Chain(Gap),
    /// A row with no number or hash of the chain, or a number no entry could have: written into
    /// the table from outside the program. Named by the row's storage id.
    Outside { id: i64 },
    /// A head recorded earlier is the hash of no entry: the entries up to it were rewritten, or
    /// it and the entries after it removed.
    Unrecorded { head: String },
}

impl AuditBreak {
    /// The break in words.
    pub fn text(&self) -> Text {
        match self {
            AuditBreak::Chain(gap) => gap.text(AUDIT_LOG),
            AuditBreak::Unrecorded { head } => text!(
                "记录的哈希 {head} 不是审计日志中任何一条的哈希：此前的记录被改写，或该条及其后的记录被删除",
                "the head recorded, {head}, is the hash of no entry of the audit log: the entries up to it were rewritten, or it and those after it removed"
            ),
            AuditBreak::Outside { id } => text!(
                "审计日志中存储编号{id}的记录不在哈希链上：在本系统之外写入",
                "the audit log's row stored as {id} is not on the hash chain: it was written from outside the program"
            ),
        }
    }
}

/// The entry as the chain seals it, or the break it shows by itself.
fn sealed(entry: AuditEntry) -> Result<Sealed, AuditBreak> {
    let outside = AuditBreak::Outside { id: entry.id };
    let (Some(seq), Some(prev), Some(hash)) = (entry.seq, entry.prev, entry.hash) else {
        return Err(outside);
    };
    let seq = u64::try_from(seq).ok().filter(|s| *s > 0).ok_or(outside)?;
    Ok(Sealed {
        seq,
        at: entry.at,
        user: entry.user,
        action: entry.action,
        detail: entry.detail,
        prev,
        hash,
    })
}

impl App {
    /// Checks the audit log end to end, one entry at a time, and, when `head` (a hash recorded
    /// earlier) is given, that the chain still passes through it — the log goes on growing after
    /// a head is recorded, so the head is looked for, not expected last. The count and last hash,
    /// or the first break.
    pub fn verify_audit_log(
        &self,
        store: &mut Store,
        head: Option<&str>,
    ) -> Result<Result<AuditHead, AuditBreak>, AppError> {
        let mut walk = Walk::default();
        let mut first: Option<AuditBreak> = None;
        let mut recorded_at = None;
        store.inner.audit_chain(&mut |entry| {
            if first.is_none() {
                let step = sealed(entry).and_then(|e| {
                    walk.step(&e).map_err(AuditBreak::Chain)?;
                    if head == Some(e.hash.as_str()) {
                        recorded_at = Some(e.seq);
                    }
                    Ok(())
                });
                first = step.err();
            }
            Ok(())
        })?;
        if let Some(broken) = first {
            return Ok(Err(broken));
        }
        if let Some(head) = head
            && recorded_at.is_none()
        {
            return Ok(Err(AuditBreak::Unrecorded {
                head: head.to_string(),
            }));
        }
        Ok(Ok(AuditHead {
            count: walk.count(),
            hash: walk.head().to_string(),
            recorded_at,
        }))
    }

    /// Ends a bulletin with the audit log's head as it stood when the bulletin was made, once the
    /// chain is checked (or with the break, when it is not whole) — a copy
    /// of the head outside the database, on paper and in every recipient's files, which
    /// `shenguan audit verify --head` checks the log against later.
    pub fn print_audit_head(
        &self,
        store: &mut Store,
        document: &mut shenguan_report::Document,
    ) -> Result<(), AppError> {
        // Checked first: a bulletin never certifies a head the chain does not hold.
        let line = match self.verify_audit_log(store, None)? {
            Ok(head) => {
                let (count, hash) = (head.count, head.hash);
                format!("审计日志核验：本通报生成时审计日志完整，共{count}条，末条哈希为 {hash}。")
            }
            Err(broken) => {
                let why = broken.text();
                format!("审计日志核验未通过：{}。请系统管理员核查。", why.zh())
            }
        };
        document
            .blocks
            .push(shenguan_report::Block::Paragraph(line));
        Ok(())
    }

    /// The audit log's head as stored (not checked: `verify_audit_log` checks it), to record
    /// elsewhere.
    pub fn audit_head(&self, store: &mut Store) -> Result<AuditHead, AppError> {
        let (count, hash) = store.inner.audit_head()?;
        Ok(AuditHead {
            count,
            hash,
            recorded_at: None,
        })
    }
}
