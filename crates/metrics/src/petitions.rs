//! The petition register as columns the engine counts: one row per petition (its court and
//! division, the day received, what it was, the day it was concluded) and one per matter (its
//! first and second petitions, when it became backlog, when it was closed and how), and the
//! counts of a court (or division) over a period — the petition indicators of the catalogue.
//!
//! Counting rules (docs/petitions.md):
//! - a petition counts at the court handling it, in the period it was received, unless its matter
//!   had been ended by law (依法终结) before — an ended matter stops being counted;
//! - a matter counts at the court and division of its first petition; it became an old one
//!   (新访变老访) in a period when its first petition came in the period and another before the
//!   period's end;
//! - a matter is in the backlog (积案) on a day when it is neither resolved (化解), ended by law
//!   nor stopped (息访) by then, and either it has been brought `backlog_petitions` times (3), or
//!   its first petition is `backlog_days` (180) old and none of its petitions has been concluded;
//! - 执行信访案件办结率: of the enforcement petitions received in the period, those concluded
//!   (replied to, routed with the route recorded, or ended by law) by the period's end;
//! - 积案化解率: of the matters in the backlog on some day of the period, those resolved (化解)
//!   in it — the resolution closing the matter, not an ending or a stop before it.

use std::collections::HashMap;

use shenguan_domain::petition::matters::{MatterRules, matters, repeats};
use shenguan_domain::petition::{Channel, Level, Petition, Screening};

/// A day as the columns keep it: days from the common era (`NaiveDate::num_days_from_ce`).
type Day = i32;
/// No such day.
const NEVER: Day = Day::MAX;

fn day(date: Option<chrono::NaiveDate>) -> Day {
    date.map_or(NEVER, |d| chrono::Datelike::num_days_from_ce(&d))
}

/// What a petition was, one bit each.
mod flag {
    pub const VISIT: u16 = 1;
    pub const GROUP: u16 = 1 << 1;
    pub const PROVINCE: u16 = 1 << 2;
    pub const BEIJING: u16 = 1 << 3;
    pub const CIRCUIT: u16 = 1 << 4;
    pub const SCREENED: u16 = 1 << 5;
    pub const ROUTED: u16 = 1 << 6;
    pub const ENFORCEMENT: u16 = 1 << 7;
    pub const REPEAT: u16 = 1 << 8;
}

/// How the register is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PetitionRules {
    /// A visit of this many people or more is a group visit (集体访).
    pub group_size: u32,
    pub matters: MatterRules,
}

impl Default for PetitionRules {
    fn default() -> PetitionRules {
        PetitionRules {
            group_size: 5,
            matters: MatterRules::default(),
        }
    }
}

/// One petition as counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Row {
    pub court: u32,
    /// Index into the division names + 1 (0: none).
    pub division: u32,
    pub received: Day,
    pub head_count: u32,
    pub flags: u16,
    pub concluded: Day,
    pub matter: u32,
}

/// One application for judicial assistance (司法救助) as counted, at the court deciding it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct AidRow {
    pub court: u32,
    pub applied: Day,
    /// The day decided, and whether the help was granted.
    pub decided: Day,
    pub granted: bool,
    /// The amount granted, in fen.
    pub amount: i64,
    /// The day paid (a grant), or never.
    pub paid: Day,
    /// Whether the recipient has an identity key (else whether they petitioned again cannot be
    /// told, and they are not counted for 救助后息访率).
    pub keyed: bool,
    /// The first day a petition of theirs was received after the payment, or never.
    pub next_petition: Day,
}

/// One matter as counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Matter {
    pub court: u32,
    pub division: u32,
    pub first: Day,
    pub second: Day,
    /// The day it was brought for the n-th time (backlog by count).
    pub count_from: Day,
    /// The day its first petition is old enough (backlog by age, while unanswered).
    pub age_from: Day,
    /// The day one of its petitions was first concluded.
    pub answered: Day,
    /// Resolved, ended by law or stopped: the first of these.
    pub closed: Day,
    pub resolved: Day,
    pub ended: Day,
}

impl Matter {
    /// In the backlog on `day`: not closed, and brought often enough, or old enough and not yet
    /// answered.
    fn in_backlog_on(&self, day: Day) -> bool {
        day < self.closed
            && (self.count_from <= day || (self.age_from <= day && day < self.answered))
    }

    /// In the backlog on some day of `from..=to`.
    fn in_backlog_within(&self, from: Day, to: Day) -> bool {
        let last = to.min(self.closed.saturating_sub(1));
        let by_count = from.max(self.count_from) <= last;
        let by_age = from.max(self.age_from) <= last.min(self.answered.saturating_sub(1));
        by_count || by_age
    }
}

/// The register's columns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PetitionColumns {
    pub(crate) courts: Vec<String>,
    pub(crate) divisions: Vec<String>,
    pub(crate) rows: Vec<Row>,
    /// Each row's register number (登记号), for explaining a figure petition by petition.
    pub(crate) register_nos: Vec<String>,
    pub(crate) matters: Vec<Matter>,
    /// The applications for judicial assistance.
    pub(crate) aid: Vec<AidRow>,
}

/// What one count of a measure is: a petition (its row) or a matter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Member {
    Row(usize),
    Matter(usize),
    Aid(usize),
}

/// A court and a division, and whether a group or filter takes them.
pub type Selects<'a> = &'a dyn Fn(&str, Option<&str>) -> bool;

/// What a petition indicator counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Measure {
    /// 信访总量 (件).
    Received,
    /// 信访人次: Σ head counts.
    Persons,
    /// 来访批次.
    Visits,
    /// 集体访 (批).
    GroupVisits,
    /// 赴省.
    ToProvince,
    /// 赴京.
    ToBeijing,
    /// 赴最高法院巡回法庭.
    ToCircuit,
    /// 重复信访.
    Repeat,
    /// Screened into 诉 or 访.
    Screened,
    /// Screened as 诉.
    Routed,
    /// 执行信访.
    Enforcement,
    /// … concluded by the period's end.
    EnforcementConcluded,
    /// Matters whose first petition came in the period.
    NewMatters,
    /// … brought again before the period's end (新访变老访).
    BecameOld,
    /// Matters in the backlog at the period's end.
    Backlog,
    /// Matters in the backlog on some day of the period.
    BacklogWorked,
    /// … resolved (化解) in the period.
    BacklogResolved,
    /// 司法救助: applications made in the period.
    AidApplied,
    /// … decided in the period to be granted.
    AidGranted,
    /// … their amounts, in fen.
    AidAmount,
    /// Grants paid in the period to a recipient with an identity key.
    AidPaid,
    /// … whose recipient brought no petition after the payment, by the period's end.
    AidQuiet,
}

impl Measure {
    const ALL: [Measure; 22] = [
        Measure::Received,
        Measure::Persons,
        Measure::Visits,
        Measure::GroupVisits,
        Measure::ToProvince,
        Measure::ToBeijing,
        Measure::ToCircuit,
        Measure::Repeat,
        Measure::Screened,
        Measure::Routed,
        Measure::Enforcement,
        Measure::EnforcementConcluded,
        Measure::NewMatters,
        Measure::BecameOld,
        Measure::Backlog,
        Measure::BacklogWorked,
        Measure::BacklogResolved,
        Measure::AidApplied,
        Measure::AidGranted,
        Measure::AidAmount,
        Measure::AidPaid,
        Measure::AidQuiet,
    ];

    /// Whether it counts applications for judicial assistance rather than petitions.
    pub fn is_assistance(self) -> bool {
        matches!(
            self,
            Measure::AidApplied
                | Measure::AidGranted
                | Measure::AidAmount
                | Measure::AidPaid
                | Measure::AidQuiet
        )
    }

    /// Its place among the counts (the variants are in the order of [`Measure::ALL`]).
    fn index(self) -> usize {
        self as usize
    }
}

/// How a petition indicator's value comes from the counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PetitionValue {
    Count(Measure),
    /// numerator ÷ denominator × 100.
    Percent(Measure, Measure),
    /// 案访比: petitions received per 100 cases closed in the same group and period.
    PerHundredClosed,
    /// An amount counted in fen, shown in yuan.
    Yuan(Measure),
    /// 人均救助金额: the amount granted per grant, in yuan.
    PerGrant,
}

impl PetitionValue {
    /// The value from the counts and the cases closed (`None` where a denominator is 0).
    pub fn value(self, counts: &PetitionCounts, closed: i64) -> Option<f64> {
        let ratio = |n: i64, d: i64| (d != 0).then(|| n as f64 * 100.0 / d as f64);
        let counted = match self {
            PetitionValue::Count(m) | PetitionValue::Percent(m, _) | PetitionValue::Yuan(m) => m,
            PetitionValue::PerHundredClosed => Measure::Received,
            PetitionValue::PerGrant => Measure::AidGranted,
        };
        if !counts.knows(counted) {
            return None;
        }
        match self {
            PetitionValue::Count(m) => Some(counts.get(m) as f64),
            PetitionValue::Percent(n, d) => ratio(counts.get(n), counts.get(d)),
            PetitionValue::PerHundredClosed => ratio(counts.get(Measure::Received), closed),
            PetitionValue::Yuan(m) => Some(counts.get(m) as f64 / 100.0),
            PetitionValue::PerGrant => {
                let grants = counts.get(Measure::AidGranted);
                (grants != 0).then(|| counts.get(Measure::AidAmount) as f64 / 100.0 / grants as f64)
            }
        }
    }
}

/// The counts of a selection over a period, and whether the store holds a petition register and
/// an assistance register at all (without one, its figures are unknown, not 0).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PetitionCounts {
    counts: [i64; Measure::ALL.len()],
    pub has_register: bool,
    pub has_assistance: bool,
}

impl PetitionCounts {
    pub fn get(&self, measure: Measure) -> i64 {
        self.counts[measure.index()]
    }

    fn add(&mut self, measure: Measure, n: i64) {
        let count = &mut self.counts[measure.index()];
        *count = count.saturating_add(n);
    }

    /// Whether the register `measure` counts from is held.
    fn knows(&self, measure: Measure) -> bool {
        if measure.is_assistance() {
            self.has_assistance
        } else {
            self.has_register
        }
    }
}

/// Index of `name` in `names`, added when new.
fn intern(names: &mut Vec<String>, at: &mut HashMap<String, u32>, name: &str) -> u32 {
    if let Some(i) = at.get(name) {
        return *i;
    }
    let i = names.len() as u32;
    names.push(name.to_string());
    at.insert(name.to_string(), i);
    i
}

impl PetitionColumns {
    /// The columns of `petitions` under `rules`.
    pub fn build(petitions: &[Petition], rules: &PetitionRules) -> PetitionColumns {
        let mut columns = PetitionColumns::default();
        let (mut courts, mut divisions) = (HashMap::new(), HashMap::new());
        let found = matters(petitions);
        let repeat = repeats(petitions, &found);
        let mut matter_of = vec![0u32; petitions.len()];
        for (m, members) in found.iter().enumerate() {
            for &i in members {
                matter_of[i] = m as u32;
            }
        }
        let mut division_of = |p: &Petition, divisions: &mut HashMap<String, u32>| {
            p.division
                .as_deref()
                .map_or(0, |d| intern(&mut columns.divisions, divisions, d) + 1)
        };
        let mut rows = Vec::with_capacity(petitions.len());
        for (i, p) in petitions.iter().enumerate() {
            let court = intern(&mut columns.courts, &mut courts, &p.court.to_string());
            let division = division_of(p, &mut divisions);
            let mut flags = 0;
            for (on, bit) in [
                (p.channel == Channel::Visit, flag::VISIT),
                (p.is_group(rules.group_size), flag::GROUP),
                (p.level == Level::Province, flag::PROVINCE),
                (p.level == Level::Beijing, flag::BEIJING),
                (p.level == Level::Circuit, flag::CIRCUIT),
                (p.screening.is_some(), flag::SCREENED),
                (p.screening == Some(Screening::Litigation), flag::ROUTED),
                (p.is_enforcement(), flag::ENFORCEMENT),
                (repeat[i], flag::REPEAT),
            ] {
                if on {
                    flags |= bit;
                }
            }
            rows.push(Row {
                court,
                division,
                received: day(Some(p.received_on)),
                head_count: p.head_count,
                flags,
                concluded: concluded_on(p),
                matter: matter_of[i],
            });
        }
        columns.matters = found
            .iter()
            .map(|members| {
                let earliest = |f: &dyn Fn(&Petition) -> Day| {
                    members
                        .iter()
                        .map(|&i| f(&petitions[i]))
                        .min()
                        .unwrap_or(NEVER)
                };
                let resolved = earliest(&|p| day(p.resolved_on));
                let ended = earliest(&|p| day(p.ended_on));
                let stopped = earliest(&|p| day(p.stopped_on));
                // Petitions brought after the matter was ended by law are not counted: a matter
                // ended on the day it began has none, and every day of it is never.
                let counted: Vec<usize> = members
                    .iter()
                    .copied()
                    .filter(|&i| rows[i].received < ended)
                    .collect();
                let day_of = |n: usize| counted.get(n).map_or(NEVER, |&i| rows[i].received);
                let first = day_of(0);
                // It counts at the court and division of its first petition.
                let head = &rows[members[0]];
                Matter {
                    court: head.court,
                    division: head.division,
                    first,
                    second: day_of(1),
                    count_from: day_of(rules.matters.backlog_petitions.saturating_sub(1)),
                    age_from: first
                        .saturating_add(Day::try_from(rules.matters.backlog_days).unwrap_or(NEVER)),
                    answered: counted
                        .iter()
                        .map(|&i| rows[i].concluded)
                        .min()
                        .unwrap_or(NEVER),
                    closed: resolved.min(ended).min(stopped),
                    resolved,
                    ended,
                }
            })
            .collect();
        columns.rows = rows;
        columns.register_nos = petitions.iter().map(|p| p.register_no.clone()).collect();
        columns
    }

    /// Neither a petition nor an application: the figures of the family are unknown ("—").
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.aid.is_empty()
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    fn division(&self, index: u32) -> Option<&str> {
        index
            .checked_sub(1)
            .and_then(|i| self.divisions.get(i as usize))
            .map(String::as_str)
    }

    /// The counts of the petitions and matters `selects` takes, over `from..=to` (days).
    pub fn counts(&self, selects: Selects<'_>, from: Day, to: Day) -> PetitionCounts {
        let mut counts = PetitionCounts {
            has_register: !self.rows.is_empty(),
            has_assistance: !self.aid.is_empty(),
            ..PetitionCounts::default()
        };
        self.each(selects, from, to, &mut |measure, member| {
            let n = match (measure, member) {
                (Measure::Persons, Member::Row(i)) => i64::from(self.rows[i].head_count),
                (Measure::AidAmount, Member::Aid(i)) => self.aid[i].amount,
                _ => 1,
            };
            counts.add(measure, n);
        });
        counts
    }

    /// The petitions behind `measure` among those `selects` takes over `from..=to`: each as
    /// (court code, register number), in the register's order. A measure of matters (new, old,
    /// backlog) lists the counted petitions of each matter it takes.
    pub fn members(
        &self,
        selects: Selects<'_>,
        from: Day,
        to: Day,
        measure: Measure,
    ) -> Vec<(&str, &str)> {
        let mut rows = vec![false; self.rows.len()];
        let mut matters = vec![false; self.matters.len()];
        self.each(selects, from, to, &mut |m, member| {
            if m == measure {
                match member {
                    Member::Row(i) => rows[i] = true,
                    Member::Matter(i) => matters[i] = true,
                    // Applications are not petitions: explained elsewhere, not here.
                    Member::Aid(_) => {}
                }
            }
        });
        self.rows
            .iter()
            .enumerate()
            .filter(|(i, row)| {
                rows[*i]
                    || (matters[row.matter as usize]
                        && row.received < self.matters[row.matter as usize].ended)
            })
            .map(|(i, row)| {
                (
                    self.courts[row.court as usize].as_str(),
                    self.register_nos.get(i).map_or("", String::as_str),
                )
            })
            .collect()
    }

    /// Calls `visit` once for each petition and matter `selects` takes over `from..=to` with
    /// each measure it counts toward.
    fn each(
        &self,
        selects: Selects<'_>,
        from: Day,
        to: Day,
        visit: &mut dyn FnMut(Measure, Member),
    ) {
        // Whether each court and division (0: none) is taken, asked once per pair rather than
        // once per row.
        let width = self.divisions.len() + 1;
        let taken: Vec<bool> = (0..self.courts.len() * width)
            .map(|at| {
                let (court, division) = (at / width, (at % width) as u32);
                selects(&self.courts[court], self.division(division))
            })
            .collect();
        let selects = |court: u32, division: u32| taken[court as usize * width + division as usize];
        for (i, row) in self.rows.iter().enumerate() {
            if row.received < from || row.received > to {
                continue;
            }
            let matter = &self.matters[row.matter as usize];
            if matter.ended <= row.received {
                continue;
            }
            if !selects(row.court, row.division) {
                continue;
            }
            let has = |bit: u16| row.flags & bit != 0;
            let member = Member::Row(i);
            visit(Measure::Received, member);
            visit(Measure::Persons, member);
            for (bit, measure) in [
                (flag::VISIT, Measure::Visits),
                (flag::PROVINCE, Measure::ToProvince),
                (flag::BEIJING, Measure::ToBeijing),
                (flag::CIRCUIT, Measure::ToCircuit),
                (flag::REPEAT, Measure::Repeat),
                (flag::SCREENED, Measure::Screened),
                (flag::ROUTED, Measure::Routed),
                (flag::ENFORCEMENT, Measure::Enforcement),
            ] {
                if has(bit) {
                    visit(measure, member);
                }
            }
            if has(flag::VISIT) && has(flag::GROUP) {
                visit(Measure::GroupVisits, member);
            }
            if has(flag::ENFORCEMENT) && row.concluded <= to {
                visit(Measure::EnforcementConcluded, member);
            }
        }
        for (i, matter) in self.matters.iter().enumerate() {
            if !selects(matter.court, matter.division) {
                continue;
            }
            let member = Member::Matter(i);
            if (from..=to).contains(&matter.first) && matter.first < matter.ended {
                visit(Measure::NewMatters, member);
                if matter.second <= to {
                    visit(Measure::BecameOld, member);
                }
            }
            if matter.in_backlog_on(to) {
                visit(Measure::Backlog, member);
            }
            if matter.in_backlog_within(from, to) {
                visit(Measure::BacklogWorked, member);
                if (from..=to).contains(&matter.resolved) && matter.resolved == matter.closed {
                    visit(Measure::BacklogResolved, member);
                }
            }
        }
        for (i, aid) in self.aid.iter().enumerate() {
            if !selects(aid.court, 0) {
                continue;
            }
            let member = Member::Aid(i);
            if (from..=to).contains(&aid.applied) {
                visit(Measure::AidApplied, member);
            }
            if aid.granted && (from..=to).contains(&aid.decided) {
                visit(Measure::AidGranted, member);
                visit(Measure::AidAmount, member);
            }
            if aid.keyed && (from..=to).contains(&aid.paid) {
                visit(Measure::AidPaid, member);
                if aid.next_petition > to {
                    visit(Measure::AidQuiet, member);
                }
            }
        }
    }

    /// These columns with the applications for judicial assistance `aid`; whether each recipient
    /// petitioned again is told from `petitions` (the register the columns were built from).
    pub fn with_assistance(
        mut self,
        aid: &[shenguan_domain::assistance::Assistance],
        petitions: &[Petition],
    ) -> PetitionColumns {
        let mut courts: HashMap<String, u32> = self
            .courts
            .iter()
            .enumerate()
            .map(|(i, c)| (c.clone(), i as u32))
            .collect();
        // Each identity's petitions by day received.
        let mut by_person: HashMap<&str, Vec<Day>> = HashMap::new();
        for p in petitions {
            for person in &p.petitioners {
                if let Some(key) = &person.identity {
                    by_person
                        .entry(key.as_str())
                        .or_default()
                        .push(day(Some(p.received_on)));
                }
            }
        }
        for days in by_person.values_mut() {
            days.sort_unstable();
        }
        self.aid = aid
            .iter()
            .map(|a| {
                let court = intern(&mut self.courts, &mut courts, &a.court.to_string());
                let granted = a.decision == Some(shenguan_domain::assistance::Decision::Granted);
                let paid = if granted { day(a.paid_on) } else { NEVER };
                let next_petition = a
                    .identity
                    .as_ref()
                    .and_then(|key| by_person.get(key.as_str()))
                    .and_then(|days| days.iter().find(|d| **d > paid).copied())
                    .unwrap_or(NEVER);
                AidRow {
                    court,
                    applied: day(Some(a.applied_on)),
                    decided: day(a.decided_on),
                    granted,
                    amount: a.amount.map_or(0, |m| m.fen()),
                    paid,
                    keyed: a.identity.is_some(),
                    next_petition,
                }
            })
            .collect();
        self
    }
}

/// The day a petition was concluded (办结), or never.
fn concluded_on(p: &Petition) -> Day {
    day(p.concluded_on())
}

#[cfg(test)]
mod tests;
