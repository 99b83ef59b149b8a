//! A simulation written to canonical files without holding its rows: a producer thread turns
//! blocks of cases into typed chunks of case rows and of event rows (the events told there and
//! then), and the calling thread writes each chunk as it arrives. Blocks go out in case-number
//! order, so the files are the same whatever the timing.

use std::ops::Range;
use std::path::Path;
use std::sync::mpsc;

use shenguan_domain::{join_exclusions, join_extensions};
use shenguan_ingest::columns::{
    CASE_COLUMNS, CaseColumn, EVENT_COLUMNS, EventColumn, PartyColumn, party_header,
};
use shenguan_ingest::export::{case_columns, event_columns, payment_columns};
use shenguan_ingest::table::{Column, ColumnKind};
use shenguan_ingest::write::{Chunk, StreamFormat, TableStream, WriteError};
use shenguan_sim::{CaseView, SimEvent, Simulation};

/// Cases per block: a row group of about this many cases and six times as many events.
const BLOCK_CASES: usize = 1 << 17;

/// How many filled blocks may wait for the writer.
const QUEUE: usize = 2;

/// Writes the simulation's cases and events to `cases_path` and `events_path`; returns the
/// number of events. `progress` hears the cases written so far. On failure neither file is left
/// behind half-written.
pub(crate) fn write_simulation(
    sim: &Simulation,
    format: StreamFormat,
    cases_path: &Path,
    events_path: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<usize, WriteError> {
    let written = write_both(sim, format, cases_path, events_path, progress);
    if written.is_err() {
        // Best effort: the error that matters is the one returned.
        let _ = std::fs::remove_file(cases_path);
        let _ = std::fs::remove_file(events_path);
    }
    written
}

fn write_both(
    sim: &Simulation,
    format: StreamFormat,
    cases_path: &Path,
    events_path: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<usize, WriteError> {
    let mut cases_out = TableStream::create(cases_path, format, &case_columns(false))?;
    let mut events_out = TableStream::create(events_path, format, &event_columns(false))?;
    let total = sim.len() as u64;
    let mut events = 0;
    std::thread::scope(|scope| {
        let (full, arrivals) = mpsc::sync_channel::<(Range<usize>, Chunk, Chunk)>(QUEUE);
        let (returns, empties) = mpsc::channel::<(Chunk, Chunk)>();
        scope.spawn(move || {
            let mut timeline: Vec<SimEvent<'_>> = Vec::new();
            let mut number = String::new();
            for start in (0..sim.len()).step_by(BLOCK_CASES) {
                let block = start..(start + BLOCK_CASES).min(sim.len());
                let (mut cases, mut events) = empties.try_recv().unwrap_or_else(|_| {
                    (
                        Chunk::new(&case_columns(false)),
                        Chunk::new(&event_columns(false)),
                    )
                });
                cases.clear();
                events.clear();
                for index in block.clone() {
                    let case = sim.case(index);
                    number.clear();
                    let _ =
                        std::fmt::Write::write_fmt(&mut number, format_args!("{}", case.number));
                    push_case(&mut cases, &case, &number);
                    sim.events(index, &mut timeline);
                    for event in &timeline {
                        push_event(&mut events, event, &number);
                    }
                }
                // The writer has stopped (an error): nothing more to do.
                if full.send((block, cases, events)).is_err() {
                    return;
                }
            }
        });
        for (block, cases, block_events) in arrivals {
            cases_out.write(&cases)?;
            events_out.write(&block_events)?;
            events += block_events.rows();
            progress(block.end as u64, total);
            // The producer may have finished: then the chunks are simply dropped.
            let _ = returns.send((cases, block_events));
        }
        Ok::<(), WriteError>(())
    })?;
    cases_out.finish()?;
    events_out.finish()?;
    Ok(events)
}

/// Appends one case row, column by column in the canonical order (English keys for category
/// and stage, as the generator's files are headed in English).
pub(super) fn push_case(chunk: &mut Chunk, case: &CaseView<'_>, number: &str) {
    for (position, (column, ..)) in CASE_COLUMNS.iter().enumerate() {
        match column {
            CaseColumn::CaseNo => chunk.push_text(position, number),
            CaseColumn::CourtCode => {
                chunk.push_fmt(position, format_args!("{}", case.number.court))
            }
            CaseColumn::CourtName => chunk.push_text(position, case.court_name),
            CaseColumn::TypeCode => chunk.push_text(position, case.case_type.code),
            CaseColumn::Category => chunk.push_text(position, case.case_type.category.key()),
            CaseColumn::Stage => chunk.push_text(position, case.case_type.stage.key()),
            CaseColumn::Procedure => {
                chunk.push_text(position, case.procedure.map_or("", |p| p.label_zh()))
            }
            CaseColumn::Cause => chunk.push_text(position, case.cause.unwrap_or("")),
            CaseColumn::Division => chunk.push_text(position, case.division.unwrap_or("")),
            CaseColumn::Judge => chunk.push_text(position, case.judge.unwrap_or("")),
            CaseColumn::JudgeId => chunk.push_text(position, case.judge_id.unwrap_or("")),
            CaseColumn::FiledOn => chunk.push_date(position, Some(case.filed_on)),
            CaseColumn::ClosedOn => chunk.push_date(position, case.closed_on),
            CaseColumn::ClosingMethod => {
                chunk.push_text(position, case.closing_method.unwrap_or(""))
            }
            CaseColumn::ClaimAmount => chunk.push_money(position, case.claim_fen),
            CaseColumn::RecoveredAmount => chunk.push_money(position, case.recovered_fen),
            CaseColumn::Extension => match case.extension_record() {
                Some(extension) => chunk.push_text(position, &join_extensions(&[extension])),
                None => chunk.push_text(position, ""),
            },
            CaseColumn::ExtensionDays => {
                chunk.push_integer(position, Some(i64::from(case.extension_days)))
            }
            CaseColumn::Exclusions => match case.excluded {
                0 => chunk.push_text(position, ""),
                _ => chunk.push_text(position, &join_exclusions(&case.exclusions())),
            },
            CaseColumn::ExcludedDays => {
                chunk.push_integer(position, Some(i64::from(case.excluded_days)))
            }
            CaseColumn::OriginCaseNo => match case.origin {
                Some(origin) => chunk.push_fmt(position, format_args!("{origin}")),
                None => chunk.push_text(position, ""),
            },
            CaseColumn::Deadline => chunk.push_date(position, case.deadline),
            CaseColumn::TrialDays => chunk.push_integer(position, case.trial_days()),
            CaseColumn::ExtensionCount => {
                chunk.push_integer(position, Some(i64::from(case.extension.is_some())))
            }
            CaseColumn::AppealCourt => match case.number.court.default_parent() {
                Some(court) => chunk.push_fmt(position, format_args!("{court}")),
                None => chunk.push_text(position, ""),
            },
        }
    }
}

pub(super) fn push_event(chunk: &mut Chunk, event: &SimEvent<'_>, number: &str) {
    for (position, (column, ..)) in EVENT_COLUMNS.iter().enumerate() {
        match column {
            EventColumn::CaseNo => chunk.push_text(position, number),
            EventColumn::Kind => chunk.push_text(position, event.kind.label_zh()),
            EventColumn::Date => chunk.push_date(position, Some(event.date)),
            EventColumn::Detail => chunk.push_fmt(position, format_args!("{}", event.detail)),
        }
    }
}

/// The columns of a generated parties file: as an export's, with the identity number (fictional)
/// in place of the key and the masked form, as a case system's export would carry it.
fn generated_party_columns() -> Vec<Column<'static>> {
    [
        PartyColumn::CaseNo,
        PartyColumn::Role,
        PartyColumn::Kind,
        PartyColumn::Name,
        PartyColumn::IdNumber,
        PartyColumn::Agent,
        PartyColumn::Address,
    ]
    .iter()
    .map(|c| Column {
        name: party_header(*c, false),
        kind: ColumnKind::Text,
    })
    .collect()
}

/// Writes the simulation's parties and enforcement payments to `parties_path` and
/// `payments_path`, a block of cases at a time; returns (party rows, payments).
pub(crate) fn write_parties(
    sim: &Simulation,
    format: StreamFormat,
    parties_path: &Path,
    payments_path: &Path,
) -> Result<(usize, usize), WriteError> {
    let written = write_parties_and_payments(sim, format, parties_path, payments_path);
    if written.is_err() {
        let _ = std::fs::remove_file(parties_path);
        let _ = std::fs::remove_file(payments_path);
    }
    written
}

fn write_parties_and_payments(
    sim: &Simulation,
    format: StreamFormat,
    parties_path: &Path,
    payments_path: &Path,
) -> Result<(usize, usize), WriteError> {
    let party_columns = generated_party_columns();
    let mut parties_out = TableStream::create(parties_path, format, &party_columns)?;
    let mut payments_out = TableStream::create(payments_path, format, &payment_columns(false))?;
    let (mut party_rows, mut payment_rows) = (0, 0);
    let mut parties = Chunk::new(&party_columns);
    let mut payments = Chunk::new(&payment_columns(false));
    let mut number = String::new();
    for start in (0..sim.len()).step_by(BLOCK_CASES) {
        parties.clear();
        payments.clear();
        for index in start..(start + BLOCK_CASES).min(sim.len()) {
            number.clear();
            let _ =
                std::fmt::Write::write_fmt(&mut number, format_args!("{}", sim.case(index).number));
            let (people, money) = sim.parties_with_numbers(index);
            for (party, id) in &people {
                let cells = [
                    number.as_str(),
                    party.role.label_zh(),
                    party.kind.map_or("", |k| k.label_zh()),
                    &party.name,
                    id.as_ref().map_or("", |id| id.as_written()),
                    party.agent.as_deref().unwrap_or(""),
                    party.address.as_deref().unwrap_or(""),
                ];
                for (position, cell) in cells.iter().enumerate() {
                    parties.push_text(position, cell);
                }
            }
            for payment in &money {
                payments.push_text(0, &number);
                payments.push_date(1, Some(payment.date));
                payments.push_text(2, payment.kind.label_zh());
                payments.push_money(3, Some(payment.amount.fen()));
                payments.push_text(4, &payment.note);
            }
        }
        party_rows += parties.rows();
        payment_rows += payments.rows();
        parties_out.write(&parties)?;
        payments_out.write(&payments)?;
    }
    parties_out.finish()?;
    payments_out.finish()?;
    Ok((party_rows, payment_rows))
}
