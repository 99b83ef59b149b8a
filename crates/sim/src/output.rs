//! The model's cases as the outside sees them: a borrowed view of each case (numbers, names,
//! dates, amounts) made from its compact facts, its canonical record, and its events told on
//! demand, so that a writer can stream ten million cases without holding their rows.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use shenguan_domain::{CaseNumber, CaseRecord, CaseType, CourtCode, EventRecord, Money, Procedure};

use crate::facts::{CAUSES, CaseFacts};
use crate::lifecycle::closing_method;
use crate::timeline::{self, SimEvent};
use crate::{SimCourt, Simulation};

/// A case number of the model in parts; displays in canonical form, e.g. `（2024）湘1402民初12号`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SimNumber {
    pub year: i32,
    pub court: CourtCode,
    pub type_code: &'static str,
    pub serial: u32,
}

impl fmt::Display for SimNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "（{}）{}{}{}号",
            self.year, self.court, self.type_code, self.serial
        )
    }
}

impl SimNumber {
    /// The number as the domain reads it. The model only makes numbers of the current form from
    /// a court code and a type code of the table, so every one parses.
    pub fn to_case_number(&self) -> Option<CaseNumber> {
        CaseNumber::parse(&self.to_string(), i32::MAX).ok()
    }
}

/// One case of the simulation, borrowed from the model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CaseView<'a> {
    pub number: SimNumber,
    pub court_name: &'a str,
    pub case_type: &'static CaseType,
    pub procedure: Option<Procedure>,
    pub cause: Option<&'static str>,
    pub division: Option<&'static str>,
    pub judge: Option<&'a str>,
    /// The judge's staff number.
    pub judge_id: Option<&'a str>,
    pub filed_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub closing_method: Option<&'static str>,
    /// 标的额 in fen.
    pub claim_fen: Option<i64>,
    /// 执行到位金额 in fen.
    pub recovered_fen: Option<i64>,
    /// The approved extension as granted (calendar months or days).
    pub extension: Option<shenguan_domain::Period>,
    /// The day the court's president approved it.
    pub extension_approved_on: Option<NaiveDate>,
    /// Which excluded periods the case had (see `facts::Excluded`).
    pub excluded: u8,
    /// How many days the extension adds to the statutory end (延长审限天数).
    pub extension_days: u32,
    pub excluded_days: u32,
    pub origin: Option<SimNumber>,
    /// The deadline, computed with the options the simulation was given.
    pub deadline: Option<NaiveDate>,
}

/// Why a president approves an extension, as the model writes it.
const EXTENSION_REASONS: [&str; 3] = ["案情复杂", "需要鉴定", "当事人众多"];

impl CaseView<'_> {
    /// The extension as a record: its length, the day the president approved it, the reason.
    pub fn extension_record(&self) -> Option<shenguan_domain::Extension> {
        Some(shenguan_domain::Extension {
            length: self.extension?,
            approved_on: self.extension_approved_on,
            approver: Some(shenguan_domain::Approver::President),
            reason: Some(EXTENSION_REASONS[self.number.serial as usize % 3].to_string()),
        })
    }

    /// The excluded periods with their grounds and start days.
    pub fn exclusions(&self) -> Vec<shenguan_domain::Exclusion> {
        crate::facts::exclusions_of(
            self.filed_on,
            self.excluded,
            u16::try_from(self.excluded_days).unwrap_or(u16::MAX),
        )
    }

    /// 审理天数: closed_on − filed_on − excluded_days, as the canonical record defines it.
    pub fn trial_days(&self) -> Option<i64> {
        let closed = self.closed_on?;
        Some((closed - self.filed_on).num_days() - i64::from(self.excluded_days))
    }

    /// The canonical record; `None` only if a number failed to parse, which the model does not
    /// produce.
    pub fn to_record(&self) -> Option<CaseRecord> {
        Some(CaseRecord {
            case_no: self.number.to_case_number()?,
            court: self.number.court,
            court_name: Some(self.court_name.to_string()),
            procedure: self.procedure,
            cause: self.cause.map(str::to_string),
            division: self.division.map(str::to_string),
            judge: self.judge.map(str::to_string),
            judge_id: self
                .judge_id
                .and_then(|id| shenguan_domain::StaffId::parse(id).ok()),
            filed_on: self.filed_on,
            closed_on: self.closed_on,
            closing_method: self
                .closing_method
                .and_then(shenguan_domain::ClosingMethod::parse),
            claim_amount: self.claim_fen.map(Money::from_fen),
            recovered_amount: self.recovered_fen.map(Money::from_fen),
            extensions: self.extension_record().into_iter().collect(),
            exclusions: self.exclusions(),
            origin_case_no: match self.origin {
                Some(origin) => Some(origin.to_case_number()?),
                None => None,
            },
        })
    }
}

impl Simulation {
    /// The network: the intermediate court first, then the basic courts.
    pub fn courts(&self) -> &[SimCourt] {
        &self.courts
    }

    /// The network's staff list: everyone who handles cases, with their court, division and
    /// role (the first of each division heads it).
    pub fn staff(&self) -> Vec<shenguan_domain::Staff> {
        use shenguan_domain::{Staff, StaffId, StaffRole};
        let mut staff = Vec::new();
        for court in &self.courts {
            for division in &court.divisions {
                for (position, person) in division.judges.iter().enumerate() {
                    let Ok(id) = StaffId::parse(&person.id) else {
                        continue;
                    };
                    let role = match (position, division.name) {
                        (0, _) => StaffRole::DivisionHead,
                        (_, "执行局") => StaffRole::EnforcementOfficer,
                        _ => StaffRole::QuotaJudge,
                    };
                    staff.push(Staff {
                        id,
                        name: person.name.clone(),
                        court: court.code,
                        division: Some(division.name.to_string()),
                        role: Some(role),
                        active_from: None,
                        active_to: None,
                    });
                }
            }
        }
        staff
    }

    /// Every court's divisions with their codes: the court's number and the division's place
    /// ("140203": the third division of 湘1402).
    pub fn divisions(&self) -> Vec<shenguan_domain::Division> {
        self.courts
            .iter()
            .flat_map(|court| {
                let digits: String = court
                    .code
                    .to_string()
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect();
                court
                    .divisions
                    .iter()
                    .enumerate()
                    .map(move |(i, d)| shenguan_domain::Division {
                        court: court.code,
                        code: format!("{digits:0<4}{:02}", i + 1),
                        name: d.name.to_string(),
                    })
            })
            .collect()
    }

    /// How many cases the model made.
    pub fn len(&self) -> usize {
        self.cases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cases.is_empty()
    }

    /// The case at `index` (in case-number order).
    pub fn case(&self, index: usize) -> CaseView<'_> {
        let facts = &self.cases[index];
        let court = &self.courts[usize::from(facts.court)];
        let division = court.divisions.get(usize::from(facts.division));
        let judge = division.and_then(|d| d.judges.get(usize::from(facts.judge)));
        CaseView {
            number: self.number(facts),
            court_name: &court.name,
            case_type: facts.case_type,
            procedure: facts.procedure,
            cause: facts
                .cause
                .and_then(|c| CAUSES.get(usize::from(c)).copied()),
            division: division.map(|d| d.name),
            judge: judge.map(|j| j.name.as_str()),
            judge_id: judge.map(|j| j.id.as_str()),
            filed_on: facts.filed_on,
            closed_on: facts.closed_on,
            closing_method: closing_method(facts),
            claim_fen: facts.claim,
            recovered_fen: facts.recovered,
            extension: facts.extension(),
            extension_approved_on: facts.extension_approved_on,
            excluded: facts.excluded,
            extension_days: u32::from(facts.extension_days),
            excluded_days: u32::from(facts.excluded_days),
            origin: facts
                .origin
                .and_then(|o| self.cases.get(o as usize))
                .map(|o| self.number(o)),
            deadline: facts.deadline,
        }
    }

    /// The identity a case's parties are drawn by: its own, or the first suit's for a suit filed
    /// again after a planted withdrawal.
    fn kin(&self, facts: &CaseFacts) -> u64 {
        match self.cases.get(facts.kin as usize) {
            Some(first) if facts.kin != crate::facts::NO_KIN => first.id,
            _ => facts.id,
        }
    }

    /// The cases bent by planted gaming, in case-number order, each with its kind: the truth
    /// the signals are measured against.
    pub fn planted(&self) -> Vec<(SimNumber, crate::PlantKind)> {
        self.cases
            .iter()
            .filter_map(|facts| {
                let kind = crate::PlantKind::of_mark(facts.planted)?;
                Some((self.number(facts), kind))
            })
            .collect()
    }

    fn number(&self, facts: &CaseFacts) -> SimNumber {
        SimNumber {
            year: facts.filed_on.year(),
            court: self.courts[usize::from(facts.court)].code,
            type_code: facts.case_type.code,
            serial: facts.serial,
        }
    }

    /// The events of the case at `index`, in date order, into `out` (cleared first).
    pub fn events<'a>(&'a self, index: usize, out: &mut Vec<SimEvent<'a>>) {
        timeline::tell(
            &self.cases[index],
            &self.courts,
            self.seed,
            self.to,
            &self.calendar,
            out,
        );
    }

    /// Every case as a canonical record, in case-number order. For tests and small networks: a
    /// writer of millions of cases streams [`Simulation::case`] instead.
    pub fn case_records(&self) -> Vec<CaseRecord> {
        (0..self.len())
            .filter_map(|i| self.case(i).to_record())
            .collect()
    }

    /// Every event as a canonical record, case by case in case-number order.
    pub fn event_records(&self) -> Vec<EventRecord> {
        self.records_of(0..self.len()).1
    }

    /// The parties of the case at `index` with their identity numbers, and its enforcement
    /// payments: what a file for import carries.
    pub fn parties_with_numbers(
        &self,
        index: usize,
    ) -> (
        Vec<(shenguan_domain::Party, Option<shenguan_domain::IdNumber>)>,
        Vec<shenguan_domain::Payment>,
    ) {
        let facts = &self.cases[index];
        let parties = crate::parties::of(facts, self.kin(facts), &self.courts, self.seed);
        let payments = match self.number(facts).to_case_number() {
            Some(case_no) => {
                crate::parties::payments(facts, &case_no, self.seed, self.to, &self.calendar)
            }
            None => Vec::new(),
        };
        (parties, payments)
    }

    /// The parties (their identity numbers keyed under `secret`, when one is given) and the
    /// enforcement payments of the cases of `range`.
    pub fn parties_and_payments(
        &self,
        range: std::ops::Range<usize>,
        secret: Option<&[u8]>,
    ) -> (
        Vec<shenguan_domain::CaseParties>,
        Vec<shenguan_domain::Payment>,
    ) {
        let mut parties = Vec::with_capacity(range.len());
        let mut payments = Vec::new();
        for index in range {
            let facts = &self.cases[index];
            let Some(case_no) = self.number(facts).to_case_number() else {
                continue;
            };
            let people = crate::parties::of(facts, self.kin(facts), &self.courts, self.seed)
                .into_iter()
                .map(|(mut party, id)| {
                    party.identity = id.zip(secret).map(|(id, secret)| id.key(secret));
                    party
                })
                .collect();
            payments.extend(crate::parties::payments(
                facts,
                &case_no,
                self.seed,
                self.to,
                &self.calendar,
            ));
            parties.push(shenguan_domain::CaseParties {
                case_no,
                parties: people,
            });
        }
        (parties, payments)
    }

    /// The cases of `range` (positions in case-number order) and their events, as canonical
    /// records: a store can take a large network a block at a time.
    pub fn records_of(&self, range: std::ops::Range<usize>) -> (Vec<CaseRecord>, Vec<EventRecord>) {
        let mut cases = Vec::with_capacity(range.len());
        let mut events = Vec::new();
        let mut timeline = Vec::new();
        for index in range {
            let view = self.case(index);
            if let Some(record) = view.to_record() {
                cases.push(record);
            }
            let Some(case_no) = view.number.to_case_number() else {
                continue;
            };
            self.events(index, &mut timeline);
            events.extend(timeline.iter().map(|event| EventRecord {
                case_no: case_no.clone(),
                date: event.date,
                kind: event.kind,
                detail: event.detail.to_string(),
            }));
        }
        (cases, events)
    }
}
