//! Simulated petitions (信访), told from the cases with a stream of their own: more often about
//! enforcement (above all cases closed by 终本) and about appealed judgments than about other
//! cases; some petitioners come back, a few going further each time (to the city, the province,
//! Beijing or the first circuit court, whose area Hunan is in); most petitions are answered within
//! their limits, some late, a few never; some matters are resolved, a few ended by law.
//!
//! No published figure gives these rates for a city's courts: every probability here is a
//! modelling choice (docs/petitions.md, "Simulated petitions"), set so that the register of the
//! demonstration network holds some hundreds of petitions a year, a few dozen of them repeats,
//! a handful at the province or in Beijing.

use chrono::{Datelike, Days, NaiveDate};
use shenguan_domain::petition::ranking::NoticeRow;
use shenguan_domain::petition::{
    Channel, Level, Outcome, Petition, Petitioner, Referrer, Route, Screening, Subject,
};
use shenguan_domain::{PartyKind, PartyRole, Stage};

use crate::Simulation;
use crate::network::{DEFAULT_CITY, OTHER_CITIES};
use crate::rng::Rng;

/// The stream petitions are drawn from (apart from every other draw of the model).
const STREAM: u64 = 0x5045_5449_5449_4F4E;

/// How likely a case is to bring a first petition: enforcement closed by 终本, other
/// enforcement, a first instance that was appealed, any other closed first instance.
const AFTER_ZHONGBEN: f64 = 0.03;
const AFTER_ENFORCEMENT: f64 = 0.008;
const AFTER_APPEAL: f64 = 0.006;
const AFTER_JUDGMENT: f64 = 0.0015;
/// How likely a matter is to be brought again, after each petition.
const AGAIN: f64 = 0.3;
/// How likely a petition is to be answered (and an enforcement one within its thirty days).
const ANSWERED: f64 = 0.93;

fn plus(day: NaiveDate, days: i64) -> NaiveDate {
    day.checked_add_days(Days::new(days.max(0) as u64))
        .unwrap_or(day)
}

/// The stream judicial assistance is drawn from.
const AID_STREAM: u64 = 0x4149_4445;
/// How likely a matter about enforcement brought twice or more is to end in an application for
/// judicial assistance, and that one to be granted.
const AID_APPLIED: f64 = 0.25;
const AID_GRANTED: f64 = 0.8;

/// The stream the high court's notices are drawn from.
const NOTICE_STREAM: u64 = 0x4E4F_5449_4345;

impl Simulation {
    /// The applications for judicial assistance (司法救助) told from `register`: a quarter of the
    /// matters about enforcement brought twice or more lead their petitioner to apply (司救执, at
    /// the court of the matter), 10 to 60 days after the second petition; four in five are
    /// granted 15 to 45 days later — around 20,000 yuan (log-normal, at most 200,000), near the
    /// national mean of 21,597 yuan a person (docs/petitions.md) — and paid 5 to 30 days after.
    /// Everything past the simulation's last day is left undone. Modelling choices throughout.
    pub fn assistance(
        &self,
        register: &[Petition],
    ) -> Vec<shenguan_domain::assistance::Assistance> {
        use shenguan_domain::assistance::{Assistance, Decision};
        use shenguan_domain::petition::matters::matters;
        let mut all = Vec::new();
        for matter in matters(register) {
            let first = &register[matter[0]];
            if matter.len() < 2 || !first.is_enforcement() {
                continue;
            }
            let mut rng = Rng::new(self.seed ^ AID_STREAM, matter[0] as u64);
            if !rng.chance(AID_APPLIED) {
                continue;
            }
            let applied = plus(register[matter[1]].received_on, rng.between(10, 60));
            if applied > self.to {
                continue;
            }
            let (Some(person), Some(origin)) = (first.petitioners.first(), first.cases.first())
            else {
                continue;
            };
            let mut aid = Assistance {
                // The original case until the 司救执 numbers are given below, once all are drawn.
                case_no: origin.clone(),
                court: first.court,
                applicant: person.name.clone(),
                identity: person.identity.clone(),
                masked: person.masked.clone(),
                applied_on: applied,
                origin_cases: first.cases.clone(),
                decided_on: None,
                decision: None,
                amount: None,
                over_cap_reason: None,
                paid_on: None,
            };
            let decided = plus(applied, rng.between(15, 45));
            if decided <= self.to {
                let granted = rng.chance(AID_GRANTED);
                aid.decided_on = Some(decided);
                aid.decision = Some(if granted {
                    Decision::Granted
                } else {
                    Decision::Refused
                });
                if granted {
                    let yuan = rng.log_normal(20_000.0, 0.6).clamp(1_000.0, 200_000.0);
                    aid.amount = Some(shenguan_domain::Money::from_fen(
                        (yuan * 100.0).round() as i64
                    ));
                    let paid = plus(decided, rng.between(5, 30));
                    aid.paid_on = (paid <= self.to).then_some(paid);
                }
            }
            all.push(aid);
        }
        all.sort_by(|a, b| {
            (a.applied_on, a.court.to_string()).cmp(&(b.applied_on, b.court.to_string()))
        });
        // 司救执 numbers: the year applied and a serial per court and year.
        let mut serials: std::collections::HashMap<(String, i32), u32> =
            std::collections::HashMap::new();
        all.retain_mut(|aid| {
            let year = aid.applied_on.year();
            let serial = serials.entry((aid.court.to_string(), year)).or_insert(0);
            *serial += 1;
            match shenguan_domain::CaseNumber::parse(
                &format!("（{year}）{}司救执{serial}号", aid.court),
                year,
            ) {
                Ok(number) => {
                    aid.case_no = number;
                    true
                }
                Err(_) => false,
            }
        });
        all
    }

    /// The high court's notices (省法院通报) of every half-year the simulation covers in full:
    /// for each, the fourteen cities of the province with their petitions to the province, to
    /// Beijing and to a circuit court. The simulated city's row carries its intermediate court's
    /// code and the counts of its own `register`, now and then one higher (a petition the
    /// province counted that the city's register did not — the difference the office must
    /// explain); the other cities' counts are drawn around it. A modelling choice throughout
    /// (docs/petitions.md).
    pub fn notices(&self, register: &[Petition]) -> Vec<(NaiveDate, NaiveDate, NoticeRow)> {
        let Some(city) = self.courts.first() else {
            return Vec::new();
        };
        let Some(first) = register.iter().map(|p| p.received_on).min() else {
            return Vec::new();
        };
        let region = city.name.trim_end_matches("中级人民法院");
        let mut rows = Vec::new();
        let mut year = first.year();
        while let Some(start) = NaiveDate::from_ymd_opt(year, 1, 1) {
            for (from, to) in [((1, 1), (6, 30)), ((7, 1), (12, 31))] {
                let (Some(from), Some(to)) = (
                    NaiveDate::from_ymd_opt(year, from.0, from.1),
                    NaiveDate::from_ymd_opt(year, to.0, to.1),
                ) else {
                    continue;
                };
                if to > self.to {
                    return rows;
                }
                let mut rng = Rng::new(
                    self.seed ^ NOTICE_STREAM,
                    (from - start).num_days() as u64 + year as u64 * 1000,
                );
                let count = |level: Level| {
                    register
                        .iter()
                        .filter(|p| {
                            p.level == level && p.received_on >= from && p.received_on <= to
                        })
                        .count() as u32
                };
                let mut own = [
                    count(Level::Province),
                    count(Level::Beijing),
                    count(Level::Circuit),
                ];
                for n in &mut own {
                    if rng.chance(0.2) {
                        *n += 1;
                    }
                }
                rows.push((
                    from,
                    to,
                    NoticeRow {
                        region: region.to_string(),
                        court: Some(city.code),
                        to_province: own[0],
                        to_beijing: own[1],
                        to_circuit: own[2],
                    },
                ));
                // The province's fourteen cities but the simulated one (清河市 among them when
                // another city is simulated).
                let others = std::iter::once(crate::network::city_name(DEFAULT_CITY))
                    .chain(OTHER_CITIES)
                    .filter(|name| *name != region);
                for name in others {
                    let around =
                        |rng: &mut Rng, n: u32| rng.between(0, i64::from(n) * 3 / 2 + 1) as u32;
                    rows.push((
                        from,
                        to,
                        NoticeRow {
                            region: name.to_string(),
                            court: None,
                            to_province: around(&mut rng, own[0]),
                            to_beijing: around(&mut rng, own[1]),
                            to_circuit: around(&mut rng, own[2]),
                        },
                    ));
                }
            }
            year += 1;
        }
        rows
    }

    /// The petitions of the simulated network up to its last day, in the order received, each
    /// petitioner a party of the case (keyed under `secret` when there is one).
    pub fn petitions(&self, secret: Option<&[u8]>) -> Vec<Petition> {
        let mut all: Vec<Petition> = Vec::new();
        for index in 0..self.cases.len() {
            let facts = &self.cases[index];
            let stage = facts.case_type.stage;
            let zhongben = crate::lifecycle::closing_method(facts) == Some("终结本次执行");
            let chance = match stage {
                Stage::Enforcement if zhongben => AFTER_ZHONGBEN,
                Stage::Enforcement => AFTER_ENFORCEMENT,
                Stage::FirstInstance if facts.appeal_filed_on.is_some() => AFTER_APPEAL,
                Stage::FirstInstance if facts.closed_on.is_some() => AFTER_JUDGMENT,
                _ => continue,
            };
            let mut rng = Rng::new(self.seed ^ STREAM, facts.id);
            if !rng.chance(chance) {
                continue;
            }
            let first = match facts.closed_on {
                Some(closed) => plus(closed, rng.between(5, 90)),
                None => plus(facts.filed_on, rng.between(60, 300)),
            };
            if first > self.to {
                continue;
            }
            let Some(case_no) = self.case(index).number.to_case_number() else {
                continue;
            };
            let (parties, _) = self.parties_and_payments(index..index + 1, secret);
            let people = parties.first().map(|c| c.parties.as_slice()).unwrap_or(&[]);
            let wanted = if stage == Stage::Enforcement {
                PartyRole::Creditor
            } else {
                PartyRole::Defendant
            };
            let Some(party) = people
                .iter()
                .find(|p| p.role == wanted && p.kind != Some(PartyKind::LegalPerson))
                .or_else(|| {
                    people
                        .iter()
                        .find(|p| p.kind != Some(PartyKind::LegalPerson))
                })
            else {
                continue;
            };
            let petitioner = Petitioner {
                name: party.name.clone(),
                identity: party.identity.clone(),
                masked: party.id_masked.clone(),
            };
            let enforcement = stage == Stage::Enforcement;
            let subject = if enforcement {
                [
                    (Subject::Enforcement, 0.85),
                    (Subject::Delay, 0.1),
                    (Subject::Conduct, 0.05),
                ]
            } else {
                [
                    (Subject::Judgment, 0.75),
                    (Subject::Conduct, 0.15),
                    (Subject::Service, 0.1),
                ]
            };
            let subject = subject[rng.weighted_index(&subject)].0;
            let court = self.courts[usize::from(facts.court)].code;
            let division = self.courts[usize::from(facts.court)]
                .divisions
                .get(usize::from(facts.division))
                .map(|d| d.name.to_string());
            let mut level = Level::Court;
            let mut day = first;
            let mut matter = Vec::new();
            loop {
                let mut p = Petition::received(court, "", day, Channel::Visit, subject);
                p.petitioners.push(petitioner.clone());
                p.cases.push(case_no.clone());
                p.division.clone_from(&division);
                told(&mut p, &mut rng, level, self.to, &self.calendar);
                matter.push(p);
                if !rng.chance(AGAIN) || matter.len() >= 5 {
                    break;
                }
                day = plus(day, rng.between(20, 150));
                if day > self.to {
                    break;
                }
                // Each return may go one level further.
                if rng.chance(0.35) {
                    level = match level {
                        Level::Court => Level::City,
                        Level::City => Level::Province,
                        Level::Province if rng.chance(0.3) => Level::Circuit,
                        Level::Province => Level::Beijing,
                        other => other,
                    };
                }
            }
            close(&mut matter, &mut rng, self.to);
            all.extend(matter);
        }
        all.sort_by(|a, b| {
            (a.received_on, a.court.to_string()).cmp(&(b.received_on, b.court.to_string()))
        });
        // Register numbers: the year and a serial per court and year, in the order received.
        let mut serials: std::collections::HashMap<(String, i32), u32> =
            std::collections::HashMap::new();
        for p in &mut all {
            let year = p.received_on.year();
            let serial = serials.entry((p.court.to_string(), year)).or_insert(0);
            *serial += 1;
            p.register_no = format!("{year}信{serial:04}");
        }
        all
    }
}

/// How a petition came and how it was handled, drawn.
fn told(
    p: &mut Petition,
    rng: &mut Rng,
    level: Level,
    last_day: NaiveDate,
    calendar: &shenguan_domain::HolidayCalendar,
) {
    let channels = [
        (Channel::Visit, 0.45),
        (Channel::Letter, 0.25),
        (Channel::Online, 0.15),
        (Channel::Hotline, 0.1),
        (Channel::Referred, 0.05),
    ];
    p.channel = channels[rng.weighted_index(&channels)].0;
    if p.channel == Channel::Referred {
        let referrers = [
            (Referrer::HighCourt, 0.6),
            (Referrer::PoliticalLegal, 0.25),
            (Referrer::Congress, 0.15),
        ];
        p.referrer = Some(referrers[rng.weighted_index(&referrers)].0);
    }
    if p.channel == Channel::Visit && rng.chance(0.04) {
        p.head_count = rng.between(5, 12) as u32;
    }
    p.level = level;
    if level == Level::Circuit {
        p.circuit = Some(1);
    }
    p.skipped_levels = matches!(level, Level::Beijing | Level::Circuit) && rng.chance(0.3);
    let received = p.received_on;
    let enforcement = p.is_enforcement();
    // Accepted (or, about enforcement, registered) within days; a few late.
    let accepted = if enforcement {
        calendar.working_days_after(received, rng.between(1, 7) as u32)
    } else {
        plus(received, rng.between(1, 18))
    };
    if accepted > last_day {
        return;
    }
    p.accepted_on = Some(accepted);
    if p.subject == Subject::Judgment && rng.chance(0.6) {
        p.screening = Some(Screening::Litigation);
        p.route = Some(if rng.chance(0.7) {
            Route::Retrial
        } else {
            Route::Appeal
        });
        p.not_routed_reason = Some("已释明依法申请再审的途径，当事人未提出申请".into());
        return;
    }
    p.screening = Some(Screening::Petition);
    if !rng.chance(ANSWERED) {
        return;
    }
    let replied = if enforcement {
        // Counted from receipt (the thirty days of 法〔2021〕227号), never before the acceptance.
        plus(received, rng.between(5, 34)).max(accepted)
    } else {
        plus(accepted, rng.between(5, 66))
    };
    if replied > last_day {
        return;
    }
    p.replied_on = Some(replied);
    let outcomes = [
        (Outcome::Explained, 0.55),
        (Outcome::Resolved, 0.2),
        (Outcome::NotSupported, 0.2),
        (Outcome::Transferred, 0.05),
    ];
    p.outcome = Some(outcomes[rng.weighted_index(&outcomes)].0);
}

/// How a matter ended, if it did: resolved after its petitions, ended by law, or the petitioner
/// stopped.
fn close(matter: &mut [Petition], rng: &mut Rng, last_day: NaiveDate) {
    let Some(last) = matter.last_mut() else {
        return;
    };
    let after = last.replied_on.unwrap_or(last.received_on);
    let day = plus(after, rng.between(20, 200));
    if day > last_day {
        return;
    }
    let brought = matter.len();
    let last = &mut matter[brought - 1];
    if brought >= 2 && rng.chance(0.35) {
        last.resolved_on = Some(day);
        last.resolution = Some(
            ["执行和解", "司法救助", "释法明理后息诉", "协调化解"][rng.between(0, 3) as usize]
                .to_string(),
        );
    } else if brought >= 3 && rng.chance(0.1) {
        last.ended_on = Some(day);
        last.ended_by = Some("湖南省高级人民法院".into());
    } else if last.replied_on.is_some() && rng.chance(0.25) {
        last.stopped_on = Some(day);
    }
}
