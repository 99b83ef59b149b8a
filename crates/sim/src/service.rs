//! Simulated service of process (送达), told from the cases with a stream of its own: at filing
//! the plaintiff's notices and the defendant's copy of the claim and summons (an appeal's copy to
//! the appellee, an enforcement notice to the debtor); at closing the judgment, mediation
//! statement or ruling to every party. Methods, results and failure reasons are drawn in the
//! proportions published court figures show (`calibration.rs`, `service_measures`); a defendant
//! the model gave an announcement period (the case's 公告 excluded period) is first tried by post
//! and in person, then served by announcement published the day before that period starts, so
//! that the service records and the case's time limit tell the same story.
//!
//! Readings of this model (docs/service.md, "Simulated service"): mailed items are delivered
//! within two to five days, a refusal is met by service left at the residence (留置) with a
//! video record, an unknown address by the entrusted court of the party's county or in person;
//! electronic service goes to parties who signed a consent, except for a few recorded without
//! one (which the figures flag).

use chrono::NaiveDate;
use shenguan_domain::service::consent::{Confirmation, ConsentScope};
use shenguan_domain::service::timing::{ServiceRules, deemed_served};
use shenguan_domain::service::{Attempt, Failure, Method, Outcome, Proof, RecipientKind};
use shenguan_domain::{CaseNumber, Category, CourtCode, PartyKind, PartyRole, Stage};

use crate::Simulation;
use crate::facts::Excluded;
use crate::network::person_name;
use crate::rng::Rng;

/// The stream service is drawn from (apart from every other draw of the model).
const STREAM: u64 = 0x5345_5256_4943_4521;

/// The first method tried on a document at filing: electronic, by post, in person.
const FIRST_METHOD: [(Method, f64); 3] = [
    (Method::Electronic, 0.25),
    (Method::Post, 0.6),
    (Method::Direct, 0.15),
];

/// What a mailed item comes to: delivered, refused, address unknown, nobody to sign, no such
/// person — near the Suining court's 妥投 78.96 %, 拒收 4.05 %, 地址不详 10.32 %.
const POSTAL: [(Option<Failure>, f64); 5] = [
    (None, 0.80),
    (Some(Failure::Refused), 0.045),
    (Some(Failure::AddressUnknown), 0.10),
    (Some(Failure::NobodyToSign), 0.035),
    (Some(Failure::NoSuchPerson), 0.02),
];

/// After a failed attempt, the share of tasks no one tries again.
const UNREACHED: f64 = 0.2;

/// Of the parties served electronically, the share recorded with no consent on file.
const WITHOUT_CONSENT: f64 = 0.06;

/// One simulated attempt with what a store keeps beside the domain's record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimAttempt {
    pub attempt: Attempt,
    pub tracking_no: Option<String>,
    pub entrusted_court: Option<String>,
    pub by: String,
}

/// One simulated task: a document to a recipient of a case, with its attempts in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimTask {
    pub case_no: CaseNumber,
    pub court: CourtCode,
    pub division: Option<&'static str>,
    pub document: &'static str,
    pub recipient: String,
    pub kind: RecipientKind,
    pub identity: Option<shenguan_domain::IdentityKey>,
    pub address: Option<String>,
    pub created_on: NaiveDate,
    pub attempts: Vec<SimAttempt>,
}

/// The service of a block of cases: tasks and the parties' address confirmations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SimService {
    pub tasks: Vec<SimTask>,
    pub confirmations: Vec<Confirmation>,
}

/// The documents of a stage served at filing: to whom and what.
fn at_filing(stage: Stage) -> &'static [(PartyRole, &'static str)] {
    match stage {
        Stage::FirstInstance => &[
            (PartyRole::Plaintiff, "受理通知书、举证通知书、传票"),
            (
                PartyRole::Defendant,
                "起诉状副本、应诉通知书、举证通知书、传票",
            ),
        ],
        Stage::SecondInstance => &[(PartyRole::Appellee, "上诉状副本、应诉通知书、传票")],
        Stage::Enforcement => &[(PartyRole::Debtor, "执行通知书、报告财产令")],
        _ => &[],
    }
}

/// The decision served at closing, by the closing method's name.
fn decision(category: Category, method: &str) -> &'static str {
    let civil = category == Category::Civil;
    match method {
        m if m.contains("调解") => "民事调解书",
        m if m.contains("判") || m.contains("维持") => {
            if civil {
                "民事判决书"
            } else {
                "行政判决书"
            }
        }
        _ => {
            if civil {
                "民事裁定书"
            } else {
                "行政裁定书"
            }
        }
    }
}

/// A thirteen-digit postal tracking number (the form EMS 法院专递 numbers take), from the
/// case, the task and the attempt.
fn tracking(case: u64, task: usize, seq: u32) -> String {
    let mixed = case
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add((task as u64) << 8 | u64::from(seq));
    format!("11{:011}", mixed % 100_000_000_000)
}

/// Who works a court's service (three fictional staff of its centre), by court index.
fn servers(seed: u64, court: usize) -> [String; 3] {
    let mut rng = Rng::new(seed ^ STREAM, 0xC0_0000 + court as u64);
    [
        person_name(&mut rng),
        person_name(&mut rng),
        person_name(&mut rng),
    ]
}

/// The attempts of one task as they went, up to `last` (the simulation's end).
struct Told<'r> {
    rng: &'r mut Rng,
    last: NaiveDate,
    attempts: Vec<SimAttempt>,
    case: u64,
    task: usize,
    by: &'r [String; 3],
    entrusted: &'r str,
    /// The day the case closed, for a document of its filing: no try after it.
    ended: Option<NaiveDate>,
}

impl Told<'_> {
    fn seq(&self) -> u32 {
        u32::try_from(self.attempts.len()).unwrap_or(u32::MAX) + 1
    }

    /// Records an attempt on `on`; false when `on` is past the end (nothing recorded).
    fn attempt(&mut self, method: Method, on: NaiveDate, result: Result<i64, Failure>) -> bool {
        if on > self.last {
            return false;
        }
        let seq = self.seq();
        let (outcome, served_on, failure) = match result {
            Ok(after) => {
                let served = crate::add_days(on, after);
                if served > self.last {
                    (Outcome::Waiting, None, None)
                } else {
                    (Outcome::Served, Some(served), None)
                }
            }
            Err(failure) => (Outcome::Failed, None, Some(failure)),
        };
        let waiting_in_person = outcome == Outcome::Waiting
            && matches!(method, Method::Direct | Method::Left | Method::Electronic);
        if waiting_in_person {
            return false;
        }
        let proof = match outcome {
            Outcome::Waiting => None,
            _ if method == Method::Post => Some(Proof::PostalReceipt),
            Outcome::Served => Some(Proof::expected(method)),
            Outcome::Failed => None,
        };
        let by = self.by[self.rng.between(0, 2) as usize].clone();
        self.attempts.push(SimAttempt {
            attempt: Attempt {
                seq,
                method,
                attempted_on: on,
                outcome,
                served_on,
                failure,
                proof,
            },
            tracking_no: (method == Method::Post).then(|| tracking(self.case, self.task, seq)),
            entrusted_court: (method == Method::Entrusted).then(|| self.entrusted.to_string()),
            by,
        });
        true
    }

    /// Whether the last attempt served the document (or is still waiting: nothing more is tried).
    fn settled(&self) -> bool {
        self.attempts
            .last()
            .is_some_and(|a| a.attempt.outcome != Outcome::Failed)
    }

    /// The day after the last attempt's, plus `days`.
    fn next_day(&self, days: i64) -> NaiveDate {
        let last = self
            .attempts
            .last()
            .map_or(self.last, |a| a.attempt.attempted_on);
        crate::add_days(last, days)
    }

    /// Service by post first, then whatever its failure calls for, until it is served (a
    /// third attempt in person always finds the party in this model).
    fn ordinary(&mut self, first: Method, consent: bool, start: NaiveDate) {
        let mut on = start;
        let mut method = first;
        for _ in 0..3 {
            let result = match method {
                Method::Electronic => {
                    if self.rng.chance(0.95) {
                        Ok(0)
                    } else {
                        Err(Failure::NotReceived)
                    }
                }
                Method::Post => {
                    let drawn = POSTAL[self.rng.weighted_index(&POSTAL)].0;
                    match drawn {
                        None => Ok(self.rng.between(2, 5)),
                        Some(failure) => Err(failure),
                    }
                }
                Method::Entrusted => {
                    // Most entrusted courts serve within their ten days; some are late.
                    Ok(if self.rng.chance(0.85) {
                        self.rng.between(3, 10)
                    } else {
                        self.rng.between(11, 25)
                    })
                }
                Method::Left => Ok(0),
                _ if self.rng.chance(0.85) => Ok(0),
                _ => Err(Failure::NobodyToSign),
            };
            let failure = result.err();
            if !self.attempt(method, on, result) || self.settled() {
                // An electronic service with no consent on file "served" the document only on
                // paper: the post follows, as a court that noticed would do.
                if method == Method::Electronic && !consent && self.settled() {
                    method = Method::Post;
                    let wait = self.rng.between(1, 3);
                    on = self.next_day(wait);
                    continue;
                }
                return;
            }
            method = match failure {
                Some(Failure::Refused) => Method::Left,
                Some(Failure::AddressUnknown | Failure::NoSuchPerson) if self.rng.chance(0.3) => {
                    Method::Entrusted
                }
                Some(Failure::NotReceived) => Method::Post,
                _ => Method::Direct,
            };
            // Some parties are never reached: after a failure a fifth of the tasks stay open
            // (the party came to court and took the papers there, unrecorded, or the case ended
            // before another try) — what keeps published success rates below a hundred.
            if self.rng.chance(UNREACHED) || self.ended.is_some_and(|closed| on > closed) {
                return;
            }
            let wait = self.rng.between(2, 7);
            on = self.next_day(wait);
        }
    }

    /// A party the case's announcement is for: post and a visit fail, then the announcement is
    /// published on `published`.
    fn absent(&mut self, start: NaiveDate, published: NaiveDate, rules: &ServiceRules) {
        let failures = [
            (Failure::AddressUnknown, 0.45),
            (Failure::NoSuchPerson, 0.25),
            (Failure::Moved, 0.15),
            (Failure::Returned, 0.15),
        ];
        let failure = failures[self.rng.weighted_index(&failures)].0;
        self.attempt(Method::Post, start, Err(failure));
        if self.rng.chance(0.5) {
            let visit = crate::add_days(start, self.rng.between(3, 8)).min(published);
            self.attempt(Method::Direct, visit, Err(Failure::NoSuchPerson));
        }
        let Some(deemed) = deemed_served(rules, published, false) else {
            return;
        };
        let days = (deemed - published).num_days();
        self.attempt(Method::Notice, published, Ok(days));
        // The announcement's day of service is the law's, whether or not the end has come.
        if let Some(last) = self.attempts.last_mut()
            && last.attempt.method == Method::Notice
        {
            last.attempt.outcome = Outcome::Served;
            last.attempt.served_on = Some(deemed);
            last.attempt.proof = Some(Proof::NoticeRecord);
        }
    }
}

impl Simulation {
    /// The service of the cases of `range` (positions in case-number order), each party keyed
    /// under `secret` when one is given.
    pub fn service(&self, range: std::ops::Range<usize>, secret: Option<&[u8]>) -> SimService {
        let rules = ServiceRules::default();
        let mut out = SimService::default();
        let servers: Vec<[String; 3]> = (0..self.courts.len())
            .map(|court| servers(self.seed, court))
            .collect();
        for index in range {
            let facts = &self.cases[index];
            let category = facts.case_type.category;
            if !matches!(category, Category::Civil | Category::Administrative)
                && facts.case_type.stage != Stage::Enforcement
            {
                continue;
            }
            let filing = at_filing(facts.case_type.stage);
            if filing.is_empty() {
                continue;
            }
            let view = self.case(index);
            let Some(case_no) = view.number.to_case_number() else {
                continue;
            };
            let (parties, _) = self.parties_and_payments(index..index + 1, secret);
            let Some(parties) = parties.into_iter().next() else {
                continue;
            };
            let court = &self.courts[usize::from(facts.court)];
            let mut rng = Rng::new(self.seed ^ STREAM, facts.id);
            let by = &servers[usize::from(facts.court)];
            let entrusted = &self.courts[rng.between(0, self.courts.len() as i64 - 1) as usize];
            let entrusted = if entrusted.code == court.code {
                &self.courts[0]
            } else {
                entrusted
            };
            let notice = facts.excluded & Excluded::NOTICE != 0;
            let mut absent_done = false;
            let start = crate::add_days(facts.filed_on, 1);
            let mut tasks_of_case = 0;
            for person in &parties.parties {
                let address = Some(format!(
                    "{}{}路{}号",
                    court.short_name.trim_end_matches("法院"),
                    ["人民", "解放", "建设", "和平", "中山"][rng.between(0, 4) as usize],
                    rng.between(1, 300)
                ));
                let consent = rng.chance(if person.kind == Some(PartyKind::NaturalPerson) {
                    0.45
                } else {
                    0.8
                });
                let scope = if rng.chance(0.85) {
                    ConsentScope::All
                } else {
                    ConsentScope::NotDecisions
                };
                if consent {
                    out.confirmations.push(Confirmation {
                        case_no: case_no.to_string(),
                        party: person.name.clone(),
                        identity_key: person.identity.clone(),
                        signed_on: facts.filed_on,
                        address: address.clone(),
                        electronic: Some(scope),
                        channel: Some("诉讼服务平台".into()),
                    });
                }
                let absent = notice && !absent_done && person.role == PartyRole::Defendant;
                absent_done |= absent;
                let documents = filing
                    .iter()
                    .filter(|(role, _)| *role == person.role)
                    .map(|(_, document)| (*document, start));
                let closing = match (view.closed_on, view.closing_method) {
                    (Some(closed), Some(method)) if facts.case_type.stage != Stage::Enforcement => {
                        Some((decision(category, method), closed))
                    }
                    _ => None,
                };
                for (document, created_on) in documents.chain(closing) {
                    if created_on > self.to {
                        continue;
                    }
                    let task = tasks_of_case;
                    tasks_of_case += 1;
                    let mut told = Told {
                        rng: &mut rng,
                        last: self.to,
                        attempts: Vec::new(),
                        case: facts.id,
                        task,
                        by,
                        entrusted: &entrusted.name,
                        ended: view.closed_on.filter(|closed| *closed > created_on),
                    };
                    let is_decision = shenguan_domain::service::is_decision(document);
                    if absent {
                        // The announcement's excluded period starts the day after publication
                        // (`facts::exclusions_of`: fifteen days after filing); a decision to an
                        // absent party is announced a week after closing.
                        let published = if is_decision {
                            crate::add_days(created_on, 7)
                        } else {
                            crate::add_days(facts.filed_on, 14)
                        };
                        told.absent(crate::add_days(created_on, 1), published, &rules);
                    } else {
                        let first = if is_decision && told.rng.chance(0.6) {
                            Method::Direct
                        } else {
                            FIRST_METHOD[told.rng.weighted_index(&FIRST_METHOD)].0
                        };
                        let allowed = consent
                            && (!is_decision
                                || (scope == ConsentScope::All
                                    && created_on
                                        >= shenguan_domain::service::timing::DOMESTIC_SINCE));
                        let first = match first {
                            Method::Electronic if !allowed && !told.rng.chance(WITHOUT_CONSENT) => {
                                Method::Post
                            }
                            other => other,
                        };
                        told.ordinary(first, allowed, created_on);
                    }
                    let attempts = told.attempts;
                    out.tasks.push(SimTask {
                        case_no: case_no.clone(),
                        court: court.code,
                        division: view.division,
                        document,
                        recipient: person.name.clone(),
                        kind: RecipientKind::Party,
                        identity: person.identity.clone(),
                        address: address.clone(),
                        created_on,
                        attempts,
                    });
                }
            }
        }
        out
    }
}
