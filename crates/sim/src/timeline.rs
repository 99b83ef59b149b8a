//! The events of a case, told from its facts when the case is written: filing, assignment,
//! service attempts, excluded periods, the extension approval, hearings, enforcement measures,
//! closing, and for an appealed judgment the appeal and the transfer of the file to the court
//! above, then archiving. The draws come from the case's own stream (distinct from the one its
//! facts were decided with), so the same facts always tell the same timeline and nothing of it
//! needs to be kept in memory.

use chrono::NaiveDate;
use shenguan_domain::{EventKind, EventKind as K, HolidayCalendar, Stage};

use crate::facts::CaseFacts;
use crate::lifecycle::closing_method;
use crate::network::SimStaff;
use crate::rng::Rng;
use crate::{SimCourt, add_days, sitting_day};

/// One event of a case's timeline; the detail borrows from the network (court, division and
/// judge names) or is a fixed text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SimEvent<'a> {
    pub date: NaiveDate,
    pub kind: EventKind,
    pub detail: Detail<'a>,
}

/// An event's detail without building a string for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail<'a> {
    None,
    Text(&'a str),
    /// 分案: the division and the judge, written with a space between.
    Assignment(&'a str, &'a str),
    /// 延长审限: the length granted, "6个月".
    Period(shenguan_domain::Period),
    /// 变更承办人: the judge before and the judge after, each with the staff number.
    Reassignment(&'a SimStaff, &'a SimStaff),
}

impl std::fmt::Display for Detail<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Detail::None => Ok(()),
            Detail::Text(text) => f.write_str(text),
            Detail::Assignment(division, judge) => write!(f, "{division} {judge}"),
            Detail::Period(period) => f.write_str(&period.label_zh()),
            Detail::Reassignment(before, after) => write!(
                f,
                "{}（{}）→{}（{}）",
                before.name, before.id, after.name, after.id
            ),
        }
    }
}

/// The share of cases (running more than a month) that change judge on the way.
const REASSIGNED: f64 = 0.02;

/// The share of 终本 closings whose file lacks one step of the checklist.
const ZHONGBEN_INCOMPLETE: f64 = 0.08;

/// Kinds of events after the closing day: the appeal of a judgment, the file sent up, archiving.
pub const AFTER_CLOSING: [EventKind; 3] = [K::Appealed, K::FileSentUp, K::Archived];

const SERVICE: &[(&str, f64)] = &[("电子送达", 0.55), ("邮寄送达", 0.35), ("直接送达", 0.10)];
/// The detail of a service attempt by method: succeeded, failed.
const SERVICE_DETAIL: [[&str; 2]; 3] = [
    ["电子送达 成功", "电子送达 失败"],
    ["邮寄送达 成功", "邮寄送达 失败"],
    ["直接送达 成功", "直接送达 失败"],
];

/// Writes the case's events into `out` (cleared first), in date order, ending no later than `to`.
pub(crate) fn tell<'a>(
    case: &CaseFacts,
    courts: &'a [SimCourt],
    seed: u64,
    to: NaiveDate,
    calendar: &HolidayCalendar,
    out: &mut Vec<SimEvent<'a>>,
) {
    out.clear();
    let mut rng = Rng::new(seed, case.id ^ 0x4556_4E54);
    let filed = case.filed_on;
    // The complaint received comes before the filing: told apart from the clamped steps below.
    if let Some(received) = received_on(case, seed, calendar) {
        out.push(SimEvent {
            date: received,
            kind: K::MaterialsReceived,
            detail: Detail::None,
        });
    }
    // A pending case's story stops at the simulated today.
    let last = case.closed_on.unwrap_or(to);
    let mut push = |date: NaiveDate, kind: EventKind, detail: Detail<'a>| {
        out.push(SimEvent {
            date: date.clamp(filed, last),
            kind,
            detail,
        });
    };
    let court = &courts[usize::from(case.court)];
    let stage = case.case_type.stage;
    if stage == Stage::SecondInstance {
        // The appeal arrives with the first-instance file, sent up by the court below.
        let below = &courts[usize::from(case.home_court)];
        push(filed, K::FileReceived, Detail::Text(&below.name));
    }
    push(filed, K::Filed, Detail::None);
    let assigned = add_days(filed, rng.between(0, 2));
    // A few cases change hands (a judge leaves, falls ill, is recused): they were assigned to a
    // colleague of the division first, and reassigned to their judge part way.
    let mut reassignment = None;
    if let Some(division) = court.divisions.get(usize::from(case.division)) {
        let now = division.judges.get(usize::from(case.judge));
        let span = (last - filed).num_days();
        let first = match now {
            Some(now) if division.judges.len() > 1 && span > 30 && rng.chance(REASSIGNED) => {
                let other = (usize::from(case.judge)
                    + rng.between(1, division.judges.len() as i64 - 1) as usize)
                    % division.judges.len();
                let before = &division.judges[other];
                let on = add_days(assigned, (span * 2 / 5).max(1));
                reassignment = Some((on, Detail::Reassignment(before, now)));
                Some(before)
            }
            other => other,
        };
        push(
            assigned,
            K::Assigned,
            Detail::Assignment(division.name, first.map_or("", |j| j.name.as_str())),
        );
    }
    if let Some((on, detail)) = reassignment {
        push(sitting_day(on, filed, calendar), K::Reassigned, detail);
    }

    let mut cursor = assigned;
    for _ in 0..rng.between(1, 3) {
        cursor = add_days(cursor, rng.between(1, 6));
        let method = rng.weighted_index(SERVICE);
        let ok = rng.chance(0.8);
        push(
            cursor,
            K::Service,
            Detail::Text(SERVICE_DETAIL[method][usize::from(!ok)]),
        );
        if ok {
            break;
        }
    }
    for period in crate::facts::exclusions_of(filed, case.excluded, case.excluded_days) {
        let (Some(from), Some(to)) = (period.from, period.to()) else {
            continue;
        };
        let ground = period.ground.label_zh();
        push(from, K::ExclusionStarted, Detail::Text(ground));
        if period.ground == shenguan_domain::ExclusionGround::Suspension {
            push(from, K::Suspended, Detail::None);
            push(to, K::Resumed, Detail::None);
        }
        push(to, K::ExclusionEnded, Detail::Text(ground));
    }
    if let (Some(approved), Some(extension)) = (case.extension_approved_on, case.extension()) {
        push(approved, K::ExtensionApproved, Detail::Period(extension));
    }
    let span = (last - filed).num_days().max(1);
    // What the court does itself (hearings, measures) falls on a day it sits.
    let sitting = |date: NaiveDate| sitting_day(date, filed, calendar);
    if matches!(
        stage,
        Stage::FirstInstance | Stage::SecondInstance | Stage::Retrial
    ) {
        let hearing = add_days(filed, (span * 3 / 4).max(1));
        push(
            sitting(hearing.max(cursor.min(last))),
            K::Hearing,
            Detail::None,
        );
    }
    let code = case.type_code();
    if code.starts_with('执') && code != "执异" {
        let method = closing_method(case);
        let mut measure = |share: f64, kind: EventKind, detail: Detail<'a>| {
            let day = add_days(filed, ((span as f64) * share).round() as i64);
            push(sitting(day), kind, detail);
        };
        // Every enforcement case: the notice with the order to report property, then the
        // online inquiry of the debtor's property.
        measure(0.0, K::EnforcementNotice, Detail::None);
        measure(0.0, K::PropertyReportOrder, Detail::None);
        measure(0.05, K::OnlineInquiry, Detail::Text("网络查控"));
        if rng.chance(0.6) {
            measure(0.15, K::Freezing, Detail::Text("银行存款"));
        }
        if rng.chance(0.45) {
            measure(0.3, K::Deduction, Detail::None);
        }
        if rng.chance(0.08) {
            measure(0.6, K::Auction, Detail::Text("不动产"));
        }
        if method == Some("终结本次执行") {
            // 终本 (法〔2016〕373号): the consumption ban, the dishonest list where it applies,
            // hearing the applicant, the ruling. Some case files lack a step: the share the
            // SPC's 终本合格率 of at least 90 % allows for, and reviews find.
            let missing = rng.chance(ZHONGBEN_INCOMPLETE).then(|| rng.between(0, 2));
            // The investigation at the debtor's domicile that the online inquiry cannot replace.
            measure(0.1, K::SiteInvestigation, Detail::Text("被执行人住所地"));
            if missing != Some(0) {
                measure(0.4, K::ConsumptionLimit, Detail::None);
            }
            if rng.chance(0.6) {
                measure(0.5, K::DishonestList, Detail::Text("纳入失信被执行人名单"));
            }
            if missing != Some(1) {
                measure(0.85, K::Interview, Detail::Text("约谈申请执行人"));
            }
            if missing != Some(2) {
                measure(1.0, K::TerminationRuling, Detail::None);
            }
        } else {
            if rng.chance(0.5) {
                measure(0.4, K::ConsumptionLimit, Detail::None);
            }
            if rng.chance(0.25) {
                measure(0.5, K::DishonestList, Detail::Text("纳入失信被执行人名单"));
            }
            if rng.chance(0.3) {
                measure(0.7, K::Interview, Detail::Text("约谈当事人"));
            }
        }
    }
    if let (Some(closed), Some(method)) = (case.closed_on, closing_method(case)) {
        push(closed, K::Closed, Detail::Text(method));
    }
    // Order by day; on the same day the order told (filing before assignment) stands.
    out.sort_by_key(|event| event.date);
    if let Some(closed) = case.closed_on {
        after_closing(case, closed, to, &mut rng, out);
    }
    drop_repeats(out);
}

/// Of the original filings (a complaint or an application brought to the court, not a case that
/// follows from another), the share whose receipt the court's system records.
const RECEIPT_RECORDED: f64 = 0.9;

/// Days from the complaint received to the filing, for an honest filing: the same day for half
/// (complete materials are filed on the spot, 立案登记制), one to seven days for most of the rest
/// (the seven days CPL 2023 Art. 126 gives), and eight to fifteen for a few whose materials had to
/// be completed first (补正: the seven days run from the completed materials).
const RECEIPT_GAP: [((i64, i64), f64); 3] = [((0, 0), 0.5), ((1, 7), 0.48), ((8, 15), 0.02)];

/// The day the court received the case's complaint (收到起诉材料), where its system records it: for
/// a filing held back by planted gaming always, its complaint's own day; for an honest original
/// filing, [`RECEIPT_GAP`] days before filing, on a working day (the counter's or the platform's
/// review), never after the filing. From a stream of its own, so that nothing else the case
/// tells changes with it.
fn received_on(case: &CaseFacts, seed: u64, calendar: &HolidayCalendar) -> Option<NaiveDate> {
    let filed = case.filed_on;
    if case.held_days > 0 {
        return Some(add_days(filed, -i64::from(case.held_days)));
    }
    if case.origin.is_some() {
        return None;
    }
    let mut rng = Rng::new(seed, case.id ^ 0x5245_4356);
    if !rng.chance(RECEIPT_RECORDED) {
        return None;
    }
    let (low, high) = RECEIPT_GAP[rng.weighted_index(&RECEIPT_GAP)].0;
    let day = add_days(filed, -rng.between(low, high));
    Some(crate::working_day_from(day, calendar).min(filed))
}

/// Keeps the first of events that repeat (same day, kind and detail — two failed attempts of
/// one method on one day): a case's timeline never tells the same event twice, so the count of
/// events the generator reports is the count the store keeps. The events are in day order.
fn drop_repeats(out: &mut Vec<SimEvent<'_>>) {
    let mut kept = 0;
    for i in 0..out.len() {
        let event = out[i];
        let repeat = out[..kept]
            .iter()
            .rev()
            .take_while(|k| k.date == event.date)
            .any(|k| *k == event);
        if !repeat {
            out[kept] = event;
            kept += 1;
        }
    }
    out.truncate(kept);
}

/// The appeal and the file sent up (for a case appealed to the court above), and archiving.
fn after_closing(
    case: &CaseFacts,
    closed: NaiveDate,
    to: NaiveDate,
    rng: &mut Rng,
    out: &mut Vec<SimEvent<'_>>,
) {
    let mut archived_after = closed;
    if let Some(appeal_filed) = case.appeal_filed_on {
        // The appeal within the appeal period; the file goes up a few days before the court above
        // files the appeal.
        let appealed = add_days(closed, rng.between(3, 14)).min(appeal_filed);
        let sent = add_days(appeal_filed, -rng.between(1, 4)).max(appealed);
        out.push(SimEvent {
            date: appealed,
            kind: K::Appealed,
            detail: Detail::None,
        });
        out.push(SimEvent {
            date: sent,
            kind: K::FileSentUp,
            detail: Detail::None,
        });
        archived_after = sent;
    }
    let archived = add_days(archived_after, rng.between(10, 60));
    if archived <= to {
        out.push(SimEvent {
            date: archived,
            kind: K::Archived,
            detail: Detail::None,
        });
    }
    out.retain(|event| event.date <= to);
}
