//! 查看案件: one case as a user may see it — its record and events, its deadline with the notes
//! that explain it, its parties (identity numbers masked) and its money — read together and held
//! to the user's scope. The case page and the API show a case through this one service; a case
//! outside the scope is "not found", as one that does not exist.

use shenguan_domain::{CaseRecord, Deadline, EventRecord, Party, Payment};

use crate::accounts::User;
use crate::{App, AppError, Store};

/// Everything shown of one case.
#[derive(Debug)]
pub struct CaseFile {
    pub record: CaseRecord,
    pub events: Vec<EventRecord>,
    pub deadline: Option<Deadline>,
    pub parties: Vec<Party>,
    pub payments: Vec<Payment>,
}

impl App {
    /// The case `number` (as the store writes it) for `user`.
    pub fn case_file(
        &self,
        store: &mut Store,
        user: &User,
        number: &str,
    ) -> Result<CaseFile, AppError> {
        let found = store.inner.case(number)?;
        let Some((record, events)) = found.filter(|(record, _)| user.may_see(record)) else {
            return Err(AppError::NotFound(crate::text!(
                "没有案件{number}",
                "there is no case {number}"
            )));
        };
        let deadline = self.case_deadline_explained(&record);
        let parties = store.inner.parties(number)?;
        let payments = store.inner.payments(number)?;
        Ok(CaseFile {
            record,
            events,
            deadline,
            parties,
            payments,
        })
    }
}
