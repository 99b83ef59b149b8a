//! The audit log's entries as links of a hash chain (`hash_chain`): who did what, when, sealed
//! to the entry before, so that an entry altered, removed or inserted — by anyone with write
//! access to the database, its administrator included — shows when the log is checked
//! (docs/operations.md).

use crate::hash_chain::{Link, hash_of};

/// The log's name in a break's words (Chinese, English).
pub const AUDIT_LOG: (&str, &str) = ("审计日志", "audit log");

/// One sealed entry of the audit log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sealed {
    /// 1, 2, … in the order written.
    pub seq: u64,
    /// The moment, as the log writes it.
    pub at: String,
    /// The account that acted; none for the command line.
    pub user: Option<String>,
    pub action: String,
    pub detail: String,
    /// The previous entry's hash (`GENESIS` for the first).
    pub prev: String,
    pub hash: String,
}

impl Sealed {
    /// The entry after `(seq, hash)` of the last one (0 and `GENESIS` for the first), sealed.
    pub fn after(
        (seq, prev): (u64, &str),
        at: &str,
        user: Option<&str>,
        action: &str,
        detail: &str,
    ) -> Sealed {
        let seq = seq + 1;
        let mut entry = Sealed {
            seq,
            at: at.into(),
            user: user.map(String::from),
            action: action.into(),
            detail: detail.into(),
            prev: prev.into(),
            hash: String::new(),
        };
        entry.hash = hash_of(prev, seq, &entry.fields());
        entry
    }
}

impl Link for Sealed {
    fn seq(&self) -> u64 {
        self.seq
    }
    fn prev(&self) -> &str {
        &self.prev
    }
    fn hash(&self) -> &str {
        &self.hash
    }
    /// The account is sealed with a mark of whether there is one, so that an entry of the
    /// command line (none) and one of an account named "" never seal alike.
    fn fields(&self) -> Vec<&str> {
        vec![
            &self.at,
            if self.user.is_some() { "1" } else { "0" },
            self.user.as_deref().unwrap_or(""),
            &self.action,
            &self.detail,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash_chain::{GENESIS, Gap, verify};

    fn log() -> Vec<Sealed> {
        let mut entries: Vec<Sealed> = Vec::new();
        for n in 1..=4_u64 {
            let last = entries
                .last()
                .map_or((0, GENESIS.to_string()), |e| (e.seq, e.hash.clone()));
            let user = (n % 2 == 0).then(|| format!("user{n}"));
            entries.push(Sealed::after(
                (last.0, &last.1),
                &format!("2026-12-0{n}T09:00:00+08:00"),
                user.as_deref(),
                "case.view",
                &format!("（2026）湘1402民初{n}号"),
            ));
        }
        entries
    }

    #[test]
    fn a_whole_log_verifies_and_each_kind_of_tampering_is_named() {
        let entries = log();
        let head = entries[3].hash.clone();
        assert_eq!(verify(&entries, Some(&head)), Ok(()));

        let mut altered = entries.clone();
        altered[2].detail = "（2026）湘1402民初99号".into();
        assert_eq!(verify(&altered, None), Err(Gap::Altered { seq: 3 }));

        // The account taken off an entry (none and "" seal differently).
        let mut anonymous = entries.clone();
        anonymous[1].user = Some(String::new());
        assert_eq!(verify(&anonymous, None), Err(Gap::Altered { seq: 2 }));

        let mut removed = entries.clone();
        removed.remove(1);
        assert_eq!(verify(&removed, None), Err(Gap::Removed { from: 2, to: 2 }));

        // Removed from the end: told only by the head.
        let short = &entries[..3];
        assert_eq!(verify(short, None), Ok(()));
        assert!(matches!(verify(short, Some(&head)), Err(Gap::Head { .. })));

        // Inserted after the first, sealed, the rest renumbered.
        let forged = Sealed::after((1, &entries[0].hash), "x", None, "login", "");
        let mut inserted = vec![entries[0].clone(), forged];
        for e in &entries[1..] {
            inserted.push(Sealed {
                seq: e.seq + 1,
                ..e.clone()
            });
        }
        assert_eq!(verify(&inserted, None), Err(Gap::Inserted { seq: 2 }));
    }
}
