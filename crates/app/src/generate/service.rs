//! The simulated network's service of process (送达) written into the store, a block of cases at
//! a time: the model's tasks, attempts and address confirmations in the store's words. Their
//! announcements are already the cases' excluded periods (the model draws them together), so
//! nothing of the cases changes.

use shenguan_sim::{SimService, Simulation};
use shenguan_store::{ConfirmationRow, ServiceAttemptRow, ServiceTaskRow};

use crate::{App, AppError, Store};

/// Cases whose service is written in one transaction.
const BLOCK: usize = 20_000;

/// Who the simulated records are written by.
const BY: &str = "模拟数据";

impl App {
    pub(crate) fn write_simulated_service(
        &self,
        sim: &Simulation,
        store: &mut Store,
        secret: Option<&[u8]>,
    ) -> Result<(), AppError> {
        let at = self.now_text();
        let mut next = 0;
        while next < sim.len() {
            let end = (next + BLOCK).min(sim.len());
            let service = sim.service(next..end, secret);
            let (tasks, confirmations) = rows(&service, &at);
            store
                .inner
                .import_service(&tasks, &confirmations, &[])
                .map_err(AppError::from)?;
            next = end;
        }
        Ok(())
    }
}

fn rows(service: &SimService, at: &str) -> (Vec<ServiceTaskRow>, Vec<ConfirmationRow>) {
    let tasks = service
        .tasks
        .iter()
        .map(|t| ServiceTaskRow {
            id: 0,
            case_no: t.case_no.to_string(),
            court_code: t.court.to_string(),
            division: t.division.map(str::to_string),
            document: t.document.to_string(),
            recipient: t.recipient.clone(),
            recipient_kind: t.kind.key().to_string(),
            identity_key: t.identity.as_ref().map(|k| k.as_str().to_string()),
            address: t.address.clone(),
            foreign: false,
            created_on: t.created_on,
            created_by: BY.to_string(),
            assigned_to: None,
            assigned_on: None,
            attempts: t
                .attempts
                .iter()
                .map(|a| ServiceAttemptRow {
                    seq: i64::from(a.attempt.seq),
                    method: a.attempt.method.key().to_string(),
                    attempted_on: a.attempt.attempted_on,
                    outcome: a.attempt.outcome.key().to_string(),
                    served_on: a.attempt.served_on,
                    failure: a.attempt.failure.map(|f| f.key().to_string()),
                    proof: a.attempt.proof.map(|p| p.key().to_string()),
                    tracking_no: a.tracking_no.clone(),
                    entrusted_court: a.entrusted_court.clone(),
                    by_user: a.by.clone(),
                    recorded_at: at.to_string(),
                })
                .collect(),
        })
        .collect();
    let confirmations = service
        .confirmations
        .iter()
        .map(|c| ConfirmationRow {
            case_no: c.case_no.clone(),
            party: c.party.clone(),
            identity_key: c.identity_key.as_ref().map(|k| k.as_str().to_string()),
            signed_on: c.signed_on,
            address: c.address.clone(),
            electronic: c.electronic.map(|s| s.key().to_string()),
            channel: c.channel.clone(),
            recorded_by: BY.to_string(),
            recorded_at: at.to_string(),
        })
        .collect();
    (tasks, confirmations)
}
