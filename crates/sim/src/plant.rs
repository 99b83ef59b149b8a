//! Planted gaming: the six kinds of docs/gaming-signals.md bent into chosen courts' cases at a
//! chosen intensity, so that the signals can be measured against known truth.
//!
//! Each kind names which cases of its court are eligible; a share `intensity` of them is bent. The
//! draw is made per case from a stream keyed by the seed, the case's identity and the kind (apart
//! from every honest draw), so that the honest cases of an unplanted run are told exactly as
//! before, a plant at intensity 0 changes nothing, a higher intensity bends the cases a lower one
//! bent and more, and the result does not depend on the threads. The readings (eligibility, how
//! the days are drawn) are written down in docs/gaming-signals.md, "Planted gaming in the
//! simulator".
//!
//! Where the bending happens: held-back filings are moved before the courts' loads are counted
//! ([`withhold`]); every other kind bends a case right after its lifecycle has run ([`bend`]), and
//! the cases a bent case brings back (the suit filed again, the restored enforcement) are born
//! with the other follow-on cases ([`follow_on`], called from `chains`).

use chrono::{Datelike, NaiveDate};
use shenguan_domain::{CourtCode, HolidayCalendar};

use crate::facts::{CaseFacts, Excluded};
use crate::lifecycle::closing_methods;
use crate::rng::Rng;
use crate::{Context, add_days};

/// A kind of gaming the simulator can plant (the codes of docs/gaming-signals.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlantKind {
    YearEndRush,
    WithheldFilings,
    WithdrawRefile,
    ClockStopping,
    ZhongbenEarly,
    // Last, so that the earlier kinds keep their marks and streams.
    MonthEndRush,
}

impl PlantKind {
    pub const ALL: [PlantKind; 6] = [
        PlantKind::YearEndRush,
        PlantKind::WithheldFilings,
        PlantKind::WithdrawRefile,
        PlantKind::ClockStopping,
        PlantKind::ZhongbenEarly,
        PlantKind::MonthEndRush,
    ];

    /// The code, as the signals and the truth file name the kind.
    pub fn code(self) -> &'static str {
        match self {
            PlantKind::YearEndRush => "year_end_rush",
            PlantKind::WithheldFilings => "withheld_filings",
            PlantKind::WithdrawRefile => "withdraw_refile",
            PlantKind::ClockStopping => "clock_stopping",
            PlantKind::ZhongbenEarly => "zhongben_early",
            PlantKind::MonthEndRush => "month_end_rush",
        }
    }

    /// The kind of a code (exactly as [`PlantKind::code`] writes it).
    pub fn parse(code: &str) -> Option<PlantKind> {
        PlantKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind's mark in a case's facts (0 is an honest case).
    pub(crate) fn mark(self) -> u8 {
        self as u8 + 1
    }

    pub(crate) fn of_mark(mark: u8) -> Option<PlantKind> {
        PlantKind::ALL
            .get(usize::from(mark).checked_sub(1)?)
            .copied()
    }

    /// The key of the kind's streams, apart from the model's honest ones.
    fn stream(self) -> u64 {
        0x504C_414E_5400_0000 ^ (u64::from(self.mark()) << 8)
    }
}

impl std::fmt::Display for PlantKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// One plant: a kind of gaming in a court, bending `intensity` (0 to 1) of its eligible cases.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plant {
    pub kind: PlantKind,
    pub court: CourtCode,
    pub intensity: f64,
}

/// The plants of a run by court index: each kind's intensity (0 where none is planted).
#[derive(Clone, Debug, Default)]
pub(crate) struct Plants {
    by_court: Vec<[f64; PlantKind::ALL.len()]>,
}

impl Plants {
    /// The plants of `plants` on the network's courts (a court not in the network is left out:
    /// the application refuses it before the model runs).
    pub fn new(plants: &[Plant], courts: &[crate::SimCourt]) -> Plants {
        let mut by_court = vec![[0.0; PlantKind::ALL.len()]; courts.len()];
        for plant in plants {
            if let Some(index) = courts.iter().position(|c| c.code == plant.court) {
                by_court[index][plant.kind as usize] = plant.intensity.clamp(0.0, 1.0);
            }
        }
        Plants { by_court }
    }

    fn intensity(&self, court: u8, kind: PlantKind) -> f64 {
        self.by_court
            .get(usize::from(court))
            .map_or(0.0, |kinds| kinds[kind as usize])
    }
}

/// The stream a case's bending under `kind` is decided from; `part` keeps the decision (0) apart
/// from the days of what follows it (1).
fn stream(ctx: &Context<'_>, case: &CaseFacts, kind: PlantKind, part: u64) -> Rng {
    // The kind and part are mixed into a key of their own before they meet the case's identity:
    // a plain XOR of small numbers would hand a case's decision the day-draws of its neighbour
    // (ids differ in their low bits).
    let key = Rng::new(kind.stream(), part).next_u64();
    Rng::new(ctx.params.seed, case.id ^ key)
}

/// Whether the case is bent under `kind`: a draw below the court's intensity.
fn drawn(ctx: &Context<'_>, case: &CaseFacts, kind: PlantKind) -> bool {
    let intensity = ctx.plants.intensity(case.court, kind);
    intensity > 0.0 && stream(ctx, case, kind, 0).unit() < intensity
}

/// A working day of `from..=to` picked uniformly, none when the span holds none.
fn working_day_in(
    from: NaiveDate,
    to: NaiveDate,
    calendar: &HolidayCalendar,
    rng: &mut Rng,
) -> Option<NaiveDate> {
    let days: Vec<NaiveDate> = from
        .iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| calendar.is_working_day(*d))
        .collect();
    (!days.is_empty()).then(|| *rng.pick(&days))
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// 压案不立: of the court's original filings of 16–31 December, a share is held back and filed on
/// a working day 8–20 days later that falls in January (the first working day of January when
/// 8–20 days later is still December). The case keeps the day the court received the complaint
/// (told as 收到起诉材料, see `timeline`). Runs on the original filings, before the loads are
/// counted, so the court's January carries them as it would.
pub(crate) fn withhold(cases: &mut [CaseFacts], ctx: &Context<'_>) {
    let kind = PlantKind::WithheldFilings;
    for case in cases {
        let filed = case.filed_on;
        if filed.month() != 12 || filed.day() < 16 || !drawn(ctx, case, kind) {
            continue;
        }
        let Some(january) = ymd(filed.year() + 1, 1, 1) else {
            continue;
        };
        let mut rng = stream(ctx, case, kind, 1);
        let later = add_days(filed, rng.between(8, 20)).max(january);
        let day = crate::working_day_from(later, ctx.calendar);
        let Ok(held) = u8::try_from((day - filed).num_days()) else {
            continue;
        };
        if day > ctx.params.to {
            continue;
        }
        case.filed_on = day;
        case.held_days = held;
        case.planted = kind.mark();
    }
}

/// Bends a case whose lifecycle has just run, under the first kind planted in its court that
/// takes it (year-end rush, early 终本, clock stopping, withdraw and refile, month-end rush, in
/// that order); a
/// case is bent under one kind at most.
pub(crate) fn bend(case: &mut CaseFacts, ctx: &Context<'_>) {
    if case.planted != 0 || ctx.plants.by_court.is_empty() {
        return;
    }
    let bent = year_end_rush(case, ctx)
        || zhongben_early(case, ctx)
        || clock_stopping(case, ctx)
        || withdraw_refile(case, ctx)
        || month_end_rush(case, ctx);
    if bent {
        // What the new closing leaves out: an extension approved after it, excluded periods
        // that would run past it. The deadline is then the one the kept facts give.
        let Some(closed) = case.closed_on else {
            return;
        };
        if case.extension_approved_on.is_some_and(|d| d > closed) {
            case.extension_approved_on = None;
            case.extension_days = 0;
        }
        let runs_past =
            crate::facts::exclusions_of(case.filed_on, case.excluded, case.excluded_days)
                .iter()
                .any(|p| p.to().is_none_or(|end| end > closed));
        if runs_past {
            case.excluded = 0;
            case.excluded_days = 0;
        }
        case.deadline = crate::lifecycle::deadline(case, ctx);
    }
}

/// The index of a closing method of the case's type.
fn method_index(case: &CaseFacts, method: &str) -> Option<u8> {
    closing_methods(case.type_code())
        .iter()
        .position(|m| m.0 == method)
        .and_then(|i| u8::try_from(i).ok())
}

/// 年底冲刺: a 民初 or 执 case of the court pending at the end of a year it was filed before
/// 1 December of, closed in 15–31 December of that year by 撤诉 (民初) or 终本 (执), and brought back
/// 2–40 days into January ([`follow_on`]). The first year end the case is pending at is the one;
/// a case whose return would fall after the span is not bent.
fn year_end_rush(case: &mut CaseFacts, ctx: &Context<'_>) -> bool {
    let kind = PlantKind::YearEndRush;
    let method = match case.type_code() {
        "民初" => "撤诉",
        "执" => "终结本次执行",
        _ => return false,
    };
    let filed = case.filed_on;
    let year = if filed.month() == 12 {
        filed.year() + 1
    } else {
        filed.year()
    };
    let (Some(from), Some(end)) = (ymd(year, 12, 15), ymd(year, 12, 31)) else {
        return false;
    };
    let pending = case.closed_on.is_none_or(|closed| closed > end);
    if !pending || end > ctx.params.to || !drawn(ctx, case, kind) {
        return false;
    }
    rush_close(case, kind, method, (from, end), ctx)
}

/// A rush's closing (year-end or month-end): on a working day of `days`, by `method` (撤诉 or
/// 终本), when what it brings back falls within the span; the appeal it would have had is gone.
fn rush_close(
    case: &mut CaseFacts,
    kind: PlantKind,
    method: &str,
    (from, end): (NaiveDate, NaiveDate),
    ctx: &Context<'_>,
) -> bool {
    let mut rng = stream(ctx, case, kind, 1);
    let (Some(closed), Some(index)) = (
        working_day_in(from, end, ctx.calendar, &mut rng),
        method_index(case, method),
    ) else {
        return false;
    };
    if return_day(case, closed, kind, ctx).is_none() {
        return false;
    }
    case.closed_on = Some(closed);
    case.method = Some(index);
    case.appeal_filed_on = None;
    if case.type_code() == "执" {
        case.recovered = crate::lifecycle::recovered(case.claim, method, &mut rng);
    }
    case.planted = kind.mark();
    true
}

/// 月末突击结案: a 民初 case 20 days after its filing, or a 执 case three months after (a 终本
/// before then is the early-终本 signal's), still pending at the end of that month — January to
/// October: the ends of November and December are the year-end rush's — closed on a working day
/// of the month's last five days by 撤诉 (民初) or 终本 (执), and brought back 2–40 days into the
/// next month ([`follow_on`]).
fn month_end_rush(case: &mut CaseFacts, ctx: &Context<'_>) -> bool {
    let kind = PlantKind::MonthEndRush;
    let (method, ready) = match case.type_code() {
        "民初" => ("撤诉", add_days(case.filed_on, 20)),
        // After three months by the checklist's reading (strictly later than the day three
        // months on) and by the early-终本 signal's (90 days).
        "执" => match case.filed_on.checked_add_months(chrono::Months::new(3)) {
            Some(months) => (
                "终结本次执行",
                add_days(months, 1).max(add_days(case.filed_on, 90)),
            ),
            None => return false,
        },
        _ => return false,
    };
    let Some(end) = ready
        .with_day(1)
        .and_then(|first| first.checked_add_months(chrono::Months::new(1)))
        .and_then(|next| next.pred_opt())
    else {
        return false;
    };
    let pending = case.closed_on.is_none_or(|closed| closed > end);
    if end.month() > 10 || !pending || end > ctx.params.to || !drawn(ctx, case, kind) {
        return false;
    }
    let from = add_days(end, -4).max(ready);
    rush_close(case, kind, method, (from, end), ctx)
}

/// 终本 too soon: an enforcement case (执) of the court not finished within 30 days, closed by 终本
/// on a working day 30–80 days after filing (never later than the model would have closed it),
/// and with even odds restored (执恢) 20–150 days later ([`follow_on`]).
fn zhongben_early(case: &mut CaseFacts, ctx: &Context<'_>) -> bool {
    let kind = PlantKind::ZhongbenEarly;
    if case.type_code() != "执" {
        return false;
    }
    let filed = case.filed_on;
    let earliest = add_days(filed, 30);
    let quick = case.closed_on.is_some_and(|closed| closed < earliest);
    if quick || earliest > ctx.params.to || !drawn(ctx, case, kind) {
        return false;
    }
    let latest = add_days(filed, 80)
        .min(ctx.params.to)
        .min(case.closed_on.unwrap_or(NaiveDate::MAX));
    let mut rng = stream(ctx, case, kind, 1);
    let (Some(closed), Some(index)) = (
        working_day_in(earliest, latest, ctx.calendar, &mut rng),
        method_index(case, "终结本次执行"),
    ) else {
        return false;
    };
    case.closed_on = Some(closed);
    case.method = Some(index);
    case.recovered = crate::lifecycle::recovered(case.claim, "终结本次执行", &mut rng);
    case.planted = kind.mark();
    true
}

/// How close before its moved deadline a bent case closes: 0–4 days (the signal's
/// `deadline_days`, 5).
const CLOCK_MARGIN: i64 = 4;

/// 滥用中止扣除: a closed 民初 case of the court that ran past the limit the law gives it without an
/// extension (counting only its announcement, which its service records tell): its extension and
/// assessment, if any, give way to an excluded period — 鉴定 or 中止, even odds — just long
/// enough that its own closing day falls in the last five days before the deadline it moves to.
/// A case that closed within its plain limit needed no clock stopped and is not taken.
fn clock_stopping(case: &mut CaseFacts, ctx: &Context<'_>) -> bool {
    let kind = PlantKind::ClockStopping;
    let Some(closed) = case.closed_on else {
        return false;
    };
    if case.type_code() != "民初" {
        return false;
    }
    let notice = case.excluded & Excluded::NOTICE;
    let notice_days = if notice != 0 {
        Excluded::notice_days(case.filed_on)
    } else {
        0
    };
    let mut plain = case.clone();
    plain.extension_approved_on = None;
    plain.extension_days = 0;
    plain.excluded = notice;
    plain.excluded_days = notice_days;
    let Some(limit) = crate::lifecycle::deadline(&plain, ctx) else {
        return false;
    };
    if closed <= limit || !drawn(ctx, case, kind) {
        return false;
    }
    let mut rng = stream(ctx, case, kind, 1);
    let ground = if rng.chance(0.5) {
        Excluded::ASSESSMENT
    } else {
        Excluded::SUSPENSION
    };
    let target = add_days(closed, rng.between(0, CLOCK_MARGIN));
    let needed = (target - limit).num_days();
    // The deadline skips rest days at its end: the days that land it nearest the target.
    let mut best: Option<(i64, u16, NaiveDate)> = None;
    for days in (needed - 3).max(1)..=needed + 6 {
        let Ok(days) = u16::try_from(days) else {
            continue;
        };
        plain.excluded = notice | ground;
        plain.excluded_days = notice_days.saturating_add(days);
        let Some(moved) = crate::lifecycle::deadline(&plain, ctx) else {
            continue;
        };
        let gap = (moved - closed).num_days();
        if !(0..=CLOCK_MARGIN).contains(&gap) {
            continue;
        }
        let miss = (moved - target).num_days().abs();
        if best.is_none_or(|b| miss < b.0) {
            best = Some((miss, days, moved));
        }
    }
    let Some((_, days, moved)) = best else {
        return false;
    };
    // The periods run from the fifteenth day after filing; they must be over by the closing.
    let excluded_days = notice_days.saturating_add(days);
    let ends = crate::facts::exclusions_of(case.filed_on, notice | ground, excluded_days)
        .iter()
        .all(|p| p.to().is_some_and(|end| end <= closed));
    if !ends {
        return false;
    }
    case.extension_approved_on = None;
    case.extension_days = 0;
    case.excluded = notice | ground;
    case.excluded_days = excluded_days;
    case.deadline = Some(moved);
    case.planted = kind.mark();
    true
}

/// 撤诉再诉: a 民初 case of the court closed by 撤诉 or 按撤诉处理, whose parties file the same
/// suit again 5–60 days later ([`follow_on`]); the withdrawn case itself is as the model closed
/// it.
fn withdraw_refile(case: &mut CaseFacts, ctx: &Context<'_>) -> bool {
    let kind = PlantKind::WithdrawRefile;
    let Some(closed) = case.closed_on else {
        return false;
    };
    let withdrawn = matches!(
        crate::lifecycle::closing_method(case),
        Some("撤诉" | "按撤诉处理")
    );
    if case.type_code() != "民初" || !withdrawn || !drawn(ctx, case, kind) {
        return false;
    }
    if return_day(case, closed, kind, ctx).is_none() {
        return false;
    }
    case.planted = kind.mark();
    true
}

/// The day a case closed on `closed` and bent under `kind` would come back (the same draw as
/// [`follow_on`] makes once it is marked): the suit filed again or the enforcement restored, on a
/// working day within the span.
fn return_day(
    case: &CaseFacts,
    closed: NaiveDate,
    kind: PlantKind,
    ctx: &Context<'_>,
) -> Option<NaiveDate> {
    let mut probe = case.clone();
    probe.closed_on = Some(closed);
    returned(&probe, kind, ctx).map(|r| r.filed_on)
}

/// What a bent case brings back.
pub(crate) struct Returned {
    /// The type of the new case: the same as the bent case's (the suit again), or 执恢.
    pub type_code: &'static str,
    pub filed_on: NaiveDate,
    /// Whether the new case names the bent one as its origin (a restored enforcement does; a
    /// suit filed again is a new suit and does not, but has the same parties).
    pub restores: bool,
}

/// The case a bent case of `kind` brings back, if it does within the span.
fn returned(case: &CaseFacts, kind: PlantKind, ctx: &Context<'_>) -> Option<Returned> {
    let closed = case.closed_on?;
    // The chains stop here (a suit filed again four times is not filed a fifth): a case that
    // could bring nothing back is not bent under a kind that needs it to.
    if case.depth >= crate::chains::MAX_DEPTH {
        return None;
    }
    let mut rng = stream(ctx, case, kind, 2);
    let to = ctx.params.to;
    let (type_code, from, until, restores) = match (kind, case.type_code()) {
        (PlantKind::YearEndRush, code) => {
            let january = ymd(closed.year() + 1, 1, 1)?;
            let restores = code == "执";
            let type_code = if restores { "执恢" } else { case.type_code() };
            (
                type_code,
                add_days(january, 2),
                add_days(january, 40),
                restores,
            )
        }
        (PlantKind::MonthEndRush, code) => {
            let next = closed
                .with_day(1)?
                .checked_add_months(chrono::Months::new(1))?;
            let restores = code == "执";
            let type_code = if restores { "执恢" } else { case.type_code() };
            (type_code, add_days(next, 2), add_days(next, 40), restores)
        }
        (PlantKind::WithdrawRefile, _) => (
            case.type_code(),
            add_days(closed, 5),
            add_days(closed, 60),
            false,
        ),
        (PlantKind::ZhongbenEarly, _) if rng.chance(0.5) => {
            ("执恢", add_days(closed, 20), add_days(closed, 150), true)
        }
        _ => return None,
    };
    let filed_on = working_day_in(from, until.min(to), ctx.calendar, &mut rng)?;
    Some(Returned {
        type_code,
        filed_on,
        restores,
    })
}

/// The case a bent case brings back, for `chains` to file.
pub(crate) fn follow_on(case: &CaseFacts, ctx: &Context<'_>) -> Option<Returned> {
    returned(case, PlantKind::of_mark(case.planted)?, ctx)
}
