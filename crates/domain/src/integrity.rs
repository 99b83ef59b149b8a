//! Signals of gaming (风险信号): from a few facts of each case, the courts whose year-end closings,
//! year-end filings, withdrawals, stopped clocks or 终本 closings look bent — each figure judged
//! against the court's peers (the other courts of its level) and its own earlier years, each
//! signal with the cases that show the pattern and how strong the evidence is. A list to look
//! into, never a ranking (docs/gaming-signals.md).

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Days, NaiveDate};

use crate::court::{CourtCode, CourtLevel};
use crate::{Text, text};

mod clock;
pub mod counter;
mod month_end;

/// The thresholds, as `[integrity]` in the configuration sets them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// The year-end window: the last days of the year.
    pub window_days: u32,
    /// The day of each month the monthly statistics close on (0: the month's last day).
    pub cutoff_day: u32,
    /// The last days up to each monthly cut-off, for closings bunched before it.
    pub cutoff_days: u32,
    /// A withdrawal or 终本 that comes back within this many days.
    pub refile_days: u32,
    /// January's first days, for the surge of held filings.
    pub surge_days: u32,
    /// Days from the complaint received to the filing (CPL 2023 Art. 126).
    pub filing_days: u32,
    /// A closing this close to its deadline.
    pub deadline_days: u32,
    /// A 终本 closing sooner than this after filing.
    pub zhongben_days: u32,
    /// A 终本 restored within this many days.
    pub restore_days: u32,
    pub rush_ratio: f64,
    pub freeze_ratio: f64,
    pub surge_ratio: f64,
    pub refile_ratio: f64,
    pub refile_min: u32,
    pub clock_ratio: f64,
    /// Cases a signal needs, with an unusual figure, to be strong.
    pub strong_cases: u32,
    /// 年底收案率 floors, percent of the year's filings: the fourth quarter, November–December.
    pub q4_floor: f64,
    pub nov_dec_floor: f64,
    /// 立案偏离度 beyond which a month is a warning (0.3: 30 % above or below).
    pub deviation: f64,
    /// 审执结案进度: the month the assessment year starts in (12: from 1 December of the year
    /// before, so that December's filings fall into the next year's denominator; 1: the
    /// calendar year).
    pub progress_start_month: u32,
    /// 审执结案进度 floors, percent, one a month of the assessment year from its first; a month
    /// past those given has none.
    pub progress_floors: [Option<f64>; 12],
    /// How far, in standard deviations of a count by chance, a court's count must lie from
    /// what its norm gives before the figure is unusual: a ratio alone is noise in a small court.
    pub min_z: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            window_days: 46,
            cutoff_day: 0,
            cutoff_days: 5,
            refile_days: 60,
            surge_days: 20,
            filing_days: 7,
            deadline_days: 5,
            zhongben_days: 90,
            restore_days: 180,
            rush_ratio: 1.3,
            freeze_ratio: 0.8,
            surge_ratio: 1.3,
            refile_ratio: 2.0,
            refile_min: 5,
            clock_ratio: 1.5,
            strong_cases: 3,
            min_z: 3.0,
            q4_floor: 21.0,
            nov_dec_floor: 14.0,
            deviation: 0.3,
            progress_start_month: 12,
            progress_floors: [None; 12],
        }
    }
}

/// How a case ended, as the signals tell endings apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    Pending,
    /// 撤诉 or 按撤诉处理.
    Withdrawn,
    /// 终结本次执行.
    Zhongben,
    Other,
}

/// One case as the signals read it.
#[derive(Clone, Debug, PartialEq)]
pub struct Facts {
    pub case_no: String,
    pub court: CourtCode,
    /// The type code of its number: 民初, 执, 执恢 …
    pub type_code: &'static str,
    pub filed: NaiveDate,
    pub closed: Option<NaiveDate>,
    pub ending: Ending,
    pub cause: Option<String>,
    /// The judge handling it (承办人), where recorded.
    pub judge: Option<String>,
    /// The case it continues (a restored enforcement case names its 终本 case).
    pub origin: Option<String>,
    /// Its deadline with extensions and excluded periods.
    pub deadline: Option<NaiveDate>,
    /// A period was excluded (扣除审限) or the case suspended (中止).
    pub stopped: bool,
    pub extended: bool,
    /// For a 终本 closing, the checklist's conditions it fails (法〔2016〕373号): one bit per
    /// index of `zhongben::Condition::ALL`, and [`REVIEWED_UNMET`] where a reviewer found it not
    /// compliant; 0 where it passes or the records cannot tell.
    pub unmet: u8,
    /// The day the court received the complaint (收到起诉材料), where recorded.
    pub received: Option<NaiveDate>,
    /// Who brought it (plaintiffs, applicants, creditors) and against whom: identity keys where
    /// recorded, else names.
    pub claimants: Vec<String>,
    pub respondents: Vec<String>,
}

/// The bit of [`Facts::unmet`] for a 终本 closing a reviewer found not compliant.
pub const REVIEWED_UNMET: u8 = 1 << 7;

/// What a 终本 closing's unmet bits say, as a list of the conditions.
fn unmet_text(unmet: u8) -> Text {
    let conditions: Vec<Text> = crate::zhongben::Condition::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| unmet & (1 << i) != 0)
        .map(|(_, c)| c.label())
        .collect();
    if conditions.is_empty() {
        return text!("评查认定不合格", "found not compliant on review");
    }
    let zh: Vec<&str> = conditions.iter().map(Text::zh).collect();
    let en: Vec<&str> = conditions.iter().map(Text::en).collect();
    let (zh, en) = (zh.join("；"), en.join("; "));
    text!("不符合：{zh}", "not met: {en}")
}

/// The unmet bits of a 终本 closing the early test has passed, without the three months'
/// condition (the early test reads it, by `zhongben_days`; the checklist's own reading, strictly
/// after three months, would list the days between as failing with no step missing); none when
/// nothing else is unmet.
fn beyond_three_months(unmet: u8) -> Option<u8> {
    let three_months = crate::zhongben::Condition::ALL
        .iter()
        .position(|c| *c == crate::zhongben::Condition::ThreeMonths)
        .map_or(0, |i| 1u8 << i);
    let rest = unmet & !three_months;
    (rest != 0).then_some(rest)
}

/// Which signal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    YearEndRush,
    MonthEndRush,
    WithheldFilings,
    WithdrawRefile,
    ClockStopping,
    ZhongbenEarly,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::YearEndRush,
        Kind::MonthEndRush,
        Kind::WithheldFilings,
        Kind::WithdrawRefile,
        Kind::ClockStopping,
        Kind::ZhongbenEarly,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::YearEndRush => "year_end_rush",
            Kind::MonthEndRush => "month_end_rush",
            Kind::WithheldFilings => "withheld_filings",
            Kind::WithdrawRefile => "withdraw_refile",
            Kind::ClockStopping => "clock_stopping",
            Kind::ZhongbenEarly => "zhongben_early",
        }
    }

    pub fn parse(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn name(self) -> Text {
        match self {
            Kind::YearEndRush => text!("年底冲刺结案", "year-end rush"),
            Kind::MonthEndRush => text!(
                "月末突击结案",
                "closings bunched before the monthly cut-off"
            ),
            Kind::WithheldFilings => text!("年底压案不立", "filings held back"),
            Kind::WithdrawRefile => text!("撤诉再诉", "withdraw and refile"),
            Kind::ClockStopping => text!("滥用中止扣除", "stopping the clock"),
            Kind::ZhongbenEarly => text!(
                "终本过早、条件不符或旋即恢复",
                "终本 early, failing the checklist or soon restored"
            ),
        }
    }

    /// Whether one case shows the pattern by itself (a refiled withdrawal, a filing weeks after
    /// the complaint, a 终本 before three months), or only with the court's figure (a closing
    /// near its deadline after an excluded period happens in honest courts too).
    fn cases_are_direct(self) -> bool {
        !matches!(self, Kind::ClockStopping)
    }
}

/// How strong the evidence is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Evidence {
    Weak,
    Moderate,
    Strong,
}

impl Evidence {
    pub fn code(self) -> &'static str {
        match self {
            Evidence::Weak => "weak",
            Evidence::Moderate => "moderate",
            Evidence::Strong => "strong",
        }
    }

    pub fn name(self) -> Text {
        match self {
            Evidence::Weak => text!("弱", "weak"),
            Evidence::Moderate => text!("中", "moderate"),
            Evidence::Strong => text!("强", "strong"),
        }
    }
}

/// A court's figure with what it is judged against.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub name: Text,
    pub value: Option<f64>,
    /// What the peers give: their median ratio, their pooled share, or (for the clock) what
    /// their shares give the court's own mix of types and load.
    pub peers: Option<f64>,
    /// The court's own median over its earlier years.
    pub own: Option<f64>,
    pub unusual: bool,
}

impl Figure {
    /// A figure judged against its peers alone (no earlier years of its own beside).
    fn against_peers(name: Text, value: Option<f64>, peers: Option<f64>, unusual: bool) -> Figure {
        Figure {
            name,
            value,
            peers,
            own: None,
            unusual,
        }
    }

    /// A figure's value as the pages print it: two decimals, three below 0.1 (a share of 2 %
    /// near a limit is not "0.00"); a dash where there is none.
    pub fn shown(value: Option<f64>) -> String {
        match value {
            None => "—".to_string(),
            Some(v) if v.abs() < 0.1 && v != 0.0 => format!("{v:.3}"),
            Some(v) => format!("{v:.2}"),
        }
    }
}

/// A case behind a signal, with the case that completes the pattern (the refiled case, the
/// restored one) and why it is listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flagged {
    pub case_no: String,
    pub related: Option<String>,
    pub why: Text,
}

/// One signal of one court (for the year-end signals, of one year's end).
#[derive(Clone, Debug, PartialEq)]
pub struct Signal {
    pub kind: Kind,
    pub court: CourtCode,
    /// The judge (承办人) the signal is of, judged against the court's other judges; none for
    /// a court's own signal.
    pub judge: Option<String>,
    pub year: Option<i32>,
    pub figures: Vec<Figure>,
    pub evidence: Evidence,
    pub cases: Vec<Flagged>,
}

fn day(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

fn back(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_sub_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MIN)
}

fn days_between(from: NaiveDate, to: NaiveDate) -> f64 {
    ((to - from).num_days() + 1).max(1) as f64
}

pub fn median(mut values: Vec<f64>) -> Option<f64> {
    values.retain(|v| v.is_finite());
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    })
}

/// Each court's share — its listed cases over its whole (withdrawals, 终本 closings) — judged
/// against its peers' pooled share: their parts over their wholes, the other courts of its
/// level. That is what chance gives a court of the peers' practice; a median of small courts'
/// shares understates it and makes an honest court's ordinary luck look unusual.
struct Shares {
    parts: BTreeMap<CourtCode, f64>,
    wholes: BTreeMap<CourtCode, f64>,
}

impl Shares {
    fn of(listed: &BTreeMap<CourtCode, Vec<Flagged>>, wholes: &BTreeMap<CourtCode, f64>) -> Shares {
        Shares {
            parts: wholes
                .keys()
                .map(|c| (*c, listed.get(c).map_or(0, Vec::len) as f64))
                .collect(),
            wholes: wholes.clone(),
        }
    }

    /// Each court with its share and its peers' pooled share.
    fn each(&self) -> Vec<(CourtCode, f64, Option<f64>)> {
        self.wholes
            .iter()
            .map(|(court, whole)| {
                let part = self.parts.get(court).copied().unwrap_or(0.0);
                (*court, part / whole, self.pooled(*court))
            })
            .collect()
    }

    fn pooled(&self, court: CourtCode) -> Option<f64> {
        let (part, whole) = self
            .wholes
            .iter()
            .filter(|(c, _)| **c != court && c.level() == court.level())
            .fold((0.0, 0.0), |(p, w), (c, n)| {
                (p + self.parts.get(c).copied().unwrap_or(0.0), w + n)
            });
        ratio(part, whole)
    }

    /// At least `least` cases, `times` the peers' pooled share, and beyond chance; never without
    /// peers.
    fn unusual(&self, court: CourtCode, least: u32, times: f64, s: &Settings) -> bool {
        let part = self.parts.get(&court).copied().unwrap_or(0.0);
        let whole = self.wholes.get(&court).copied().unwrap_or(0.0);
        let peers = self.pooled(court);
        // Without peers (the one intermediate court of a city) there is nothing to judge by.
        peers.is_some_and(|p| {
            part >= f64::from(least)
                && part / whole >= times * p
                && z_above(part, whole * p) >= s.min_z
        })
    }
}

fn ratio(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part / whole)
}

/// How many standard deviations `observed` lies above `expected`, counts by chance read as
/// Poisson (negative below it).
fn z_above(observed: f64, expected: f64) -> f64 {
    (observed - expected) / expected.max(1.0).sqrt()
}

/// The chance of a standard normal variable above `z`: erfc by Abramowitz and Stegun 7.1.26
/// (error below 1.5e-7, ample for a threshold).
pub(crate) fn normal_tail(z: f64) -> f64 {
    let x = z / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * x.abs());
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erfc = poly * (-x * x).exp();
    let erfc = if x >= 0.0 { erfc } else { 2.0 - erfc };
    0.5 * erfc
}

/// The chance of a Poisson count of mean `mean` reaching `count`: summed term by term where
/// the terms stay in range, by the normal with a continuity correction beyond.
pub(crate) fn poisson_tail(count: f64, mean: f64) -> f64 {
    if count <= 0.0 {
        return 1.0;
    }
    if mean <= 0.0 {
        return 0.0;
    }
    if mean > 600.0 || count > 2000.0 {
        return normal_tail((count - 0.5 - mean) / mean.sqrt());
    }
    let mut term = (-mean).exp();
    let mut below = 0.0;
    let mut k = 0.0;
    while k < count {
        below += term;
        k += 1.0;
        term *= mean / k;
    }
    (1.0 - below).max(0.0)
}

/// The evidence of a signal from its figures' standing and its cases.
fn evidence(kind: Kind, unusual: bool, cases: usize, settings: &Settings) -> Option<Evidence> {
    let strong = cases >= settings.strong_cases as usize;
    match (unusual, cases) {
        (true, _) if strong => Some(Evidence::Strong),
        (true, 0) => Some(Evidence::Weak),
        (true, _) => Some(Evidence::Moderate),
        (false, 0) => None,
        (false, _) if kind.cases_are_direct() && strong => Some(Evidence::Moderate),
        (false, _) => Some(Evidence::Weak),
    }
}

/// Same parties and cause: one claimant and one respondent in common, the same cause.
fn same_dispute(a: &Facts, b: &Facts) -> bool {
    a.cause.is_some()
        && a.cause == b.cause
        && a.claimants.iter().any(|c| b.claimants.contains(c))
        && a.respondents.iter().any(|r| b.respondents.contains(r))
}

/// The signals of the period `from ..= to`, from every case the store holds (earlier years give
/// each court its own norm).
pub fn signals(
    facts: &[Facts],
    from: NaiveDate,
    to: NaiveDate,
    settings: &Settings,
) -> Vec<Signal> {
    let index = Index::new(facts);
    let courts = courts_of(facts);
    let closings = window_rates(facts, |f| f.closed, settings);
    let filings = window_rates(facts, |f| original(f).then_some(f.filed), settings);
    let surges = surge_rates(facts, to, settings);
    let mut all = Vec::new();
    for year in from.year()..=to.year() {
        let Some(end) = NaiveDate::from_ymd_opt(year, 12, 31) else {
            continue;
        };
        if end < from || end > to {
            continue;
        }
        all.extend(year_end_rush(
            facts, &courts, &index, &closings, year, settings,
        ));
        all.extend(withheld_filings(
            facts,
            &courts,
            (&filings, &surges),
            year,
            settings,
        ));
    }
    all.extend(month_end::month_end_rush(
        facts, &courts, &index, from, to, settings,
    ));
    all.extend(withdraw_refile(facts, &index, from, to, settings));
    all.extend(clock::clock_stopping(facts, &courts, from, to, settings));
    all.extend(zhongben_early(facts, &index, from, to, settings));
    all.sort_by(|a, b| {
        (a.kind, a.court.to_string(), &a.judge, a.year).cmp(&(
            b.kind,
            b.court.to_string(),
            &b.judge,
            b.year,
        ))
    });
    all
}

/// The cases by court, type and cause in filing order, and by origin: what a refiling or a
/// restoration is looked up in.
struct Index<'a> {
    by_dispute: HashMap<(CourtCode, &'a str, &'a str), Vec<usize>>,
    by_origin: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Index<'a> {
    fn new(facts: &'a [Facts]) -> Index<'a> {
        let mut by_dispute: HashMap<(CourtCode, &str, &str), Vec<usize>> = HashMap::new();
        let mut by_origin: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, f) in facts.iter().enumerate() {
            if let Some(cause) = &f.cause {
                by_dispute
                    .entry((f.court, f.type_code, cause.as_str()))
                    .or_default()
                    .push(i);
            }
            if let Some(origin) = &f.origin {
                by_origin.entry(origin.as_str()).or_default().push(i);
            }
        }
        for list in by_dispute.values_mut() {
            list.sort_by_key(|&i| facts[i].filed);
        }
        Index {
            by_dispute,
            by_origin,
        }
    }

    /// The first case of the same court, type, parties and cause filed within `days` after
    /// `case` closed.
    fn refiled(&self, facts: &'a [Facts], case: &Facts, days: u32) -> Option<&'a Facts> {
        let closed = case.closed?;
        let cause = case.cause.as_deref()?;
        let list = self.by_dispute.get(&(case.court, case.type_code, cause))?;
        let start = list.partition_point(|&i| facts[i].filed <= closed);
        list[start..]
            .iter()
            .map(|&i| &facts[i])
            .take_while(|f| f.filed <= day(closed, days))
            .find(|f| f.case_no != case.case_no && same_dispute(case, f))
    }

    /// What brought a closing back within `days`: a withdrawal's suit filed again, a 终本's
    /// restored enforcement.
    fn came_back(&self, facts: &'a [Facts], case: &Facts, days: u32) -> Option<&'a Facts> {
        match case.ending {
            Ending::Withdrawn => self.refiled(facts, case, days),
            Ending::Zhongben => self.restored(facts, case, days),
            Ending::Pending | Ending::Other => None,
        }
    }

    /// The first case continuing `case` (a restored 执恢) filed within `days` after it closed.
    fn restored(&self, facts: &'a [Facts], case: &Facts, days: u32) -> Option<&'a Facts> {
        let closed = case.closed?;
        self.by_origin
            .get(case.case_no.as_str())?
            .iter()
            .map(|&i| &facts[i])
            .filter(|f| f.filed >= closed && f.filed <= day(closed, days))
            .min_by_key(|f| f.filed)
    }
}

/// Per court and year, a pair of counts (the window's and the rest's) turned into a ratio of
/// daily rates.
type Rates = BTreeMap<(CourtCode, i32), Rate>;

/// A ratio of daily rates with the count behind it: `count` days in the window, `base` the
/// count the rest's rate gives the window (so the ratio is count ÷ base).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Rate {
    ratio: f64,
    count: f64,
    base: f64,
}

impl Rate {
    /// Whether the count is significantly above (`above`) or below what `norm` × base gives.
    fn significant(&self, norm: f64, above: bool, s: &Settings) -> bool {
        let z = z_above(self.count, norm * self.base);
        if above { z >= s.min_z } else { -z >= s.min_z }
    }
}

/// The peers' median of `rates` in `year` (other courts of `court`'s level) and the court's
/// own median over its earlier years. A figure is judged against its peers, and against its own
/// years only where it has no peers: a court that bends its figures every year looks ordinary
/// against itself. Its own years are shown beside, for the reader.
fn norms(rates: &Rates, court: CourtCode, year: i32) -> (Option<f64>, Option<f64>) {
    let level: CourtLevel = court.level();
    let peers = rates
        .iter()
        .filter(|((c, y), _)| *y == year && *c != court && c.level() == level)
        .map(|(_, v)| v.ratio)
        .collect();
    let own = rates
        .iter()
        .filter(|((c, y), _)| *c == court && *y < year)
        .map(|(_, v)| v.ratio)
        .collect();
    (median(peers), median(own))
}

/// Each court's ratio, per year, of its daily rate of `dated` days in the year-end window over
/// its rate from 1 January to the window.
fn window_rates(
    facts: &[Facts],
    dated: impl Fn(&Facts) -> Option<NaiveDate>,
    settings: &Settings,
) -> Rates {
    let mut counts: BTreeMap<(CourtCode, i32), (f64, f64)> = BTreeMap::new();
    for f in facts {
        let Some(on) = dated(f) else { continue };
        let end = NaiveDate::from_ymd_opt(on.year(), 12, 31).unwrap_or(on);
        let start = back(end, settings.window_days.saturating_sub(1));
        let entry = counts.entry((f.court, on.year())).or_default();
        if on >= start {
            entry.0 += 1.0;
        } else {
            entry.1 += 1.0;
        }
    }
    counts
        .into_iter()
        .filter_map(|((court, year), (window, rest))| {
            let end = NaiveDate::from_ymd_opt(year, 12, 31)?;
            let start = back(end, settings.window_days.saturating_sub(1));
            let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
            let rest_rate = ratio(rest, days_between(first, start.pred_opt()?))?;
            let base = rest_rate * days_between(start, end);
            let rate = Rate {
                ratio: window / base,
                count: window,
                base,
            };
            Some(((court, year), rate))
        })
        .collect()
}

/// The courts of the facts, once, in code order.
fn courts_of(facts: &[Facts]) -> Vec<CourtCode> {
    let mut courts: Vec<CourtCode> = facts
        .iter()
        .map(|f| f.court)
        .collect::<std::collections::HashSet<_>>()
        .into_iter()
        .collect();
    courts.sort_by_cached_key(|c| c.to_string());
    courts
}

fn year_end_rush(
    facts: &[Facts],
    courts: &[CourtCode],
    index: &Index<'_>,
    rates: &Rates,
    year: i32,
    s: &Settings,
) -> Vec<Signal> {
    let Some(end) = NaiveDate::from_ymd_opt(year, 12, 31) else {
        return Vec::new();
    };
    let start = back(end, s.window_days.saturating_sub(1));
    let mut cases: BTreeMap<CourtCode, Vec<Flagged>> = BTreeMap::new();
    for f in facts {
        let Some(closed) = f.closed else { continue };
        if closed < start || closed > end {
            continue;
        }
        let Some(again) = index.came_back(facts, f, s.refile_days) else {
            continue;
        };
        let flagged = came_back(
            f,
            again,
            |on| {
                text!(
                    "年底撤诉后，同一当事人以同一案由于{on}再次起诉",
                    "withdrawn at the year's end and filed again by the same parties on {on}"
                )
            },
            |on| {
                text!(
                    "年底终本后于{on}恢复执行",
                    "closed by 终本 at the year's end and restored on {on}"
                )
            },
        );
        cases.entry(f.court).or_default().push(flagged);
    }
    let mut out = Vec::new();
    let mut shares = Vec::new();
    for &court in courts {
        let rate = rates.get(&(court, year)).copied();
        let value = rate.map(|r| r.ratio);
        let (peers, own) = norms(rates, court, year);
        let norm = peers.or(own);
        let unusual = matches!((rate, norm), (Some(r), Some(n))
            if r.ratio >= s.rush_ratio * n && r.significant(n, true, s));
        // The window's closings that came back, as a share, against the peers' shares: the
        // rush's own trace, where the ratio of rates is blurred by the push every court makes.
        let (share, peer_share, returned_unusual) = returned_share(
            court,
            courts,
            &cases,
            |c| rates.get(&(c, year)).map_or(0.0, |r| r.count),
            s,
        );
        shares.push((
            court,
            returned_unusual,
            share,
            peer_share,
            value,
            peers,
            own,
            unusual,
        ));
    }
    for (court, returned_unusual, share, peer_share, value, peers, own, unusual) in shares {
        let listed = cases.remove(&court).unwrap_or_default();
        let any = unusual || returned_unusual;
        if let Some(evidence) = evidence(Kind::YearEndRush, any, listed.len(), s) {
            out.push(Signal {
                kind: Kind::YearEndRush,
                court,
                judge: None,
                year: Some(year),
                figures: vec![
                    Figure {
                        name: text!(
                            "年底结案日均与此前日均之比",
                            "daily closings at the year's end over before"
                        ),
                        value,
                        peers,
                        own,
                        unusual,
                    },
                    Figure::against_peers(
                        text!(
                            "年底结案中次年初回流的比例",
                            "share of the year-end closings that came back early next year"
                        ),
                        share,
                        peer_share,
                        returned_unusual,
                    ),
                ],
                evidence,
                cases: listed,
            });
        }
    }
    out
}

/// A window closing listed with the case that brought it back, `withdrawn` or `restored`
/// wording why from the day it came back.
fn came_back(
    f: &Facts,
    again: &Facts,
    withdrawn: impl Fn(NaiveDate) -> Text,
    restored: impl Fn(NaiveDate) -> Text,
) -> Flagged {
    let why = if f.ending == Ending::Withdrawn {
        withdrawn(again.filed)
    } else {
        restored(again.filed)
    };
    Flagged {
        case_no: f.case_no.clone(),
        related: Some(again.case_no.clone()),
        why,
    }
}

/// The share of a court's window closings (`closings` of each court) that came back (`cases`),
/// its peers' pooled share (their cases over their closings: a median is nought wherever most
/// peers have none, and then any court's handful reads as beyond chance), and whether it is
/// unusual: at least `refile_min` such cases, `refile_ratio` times the peers' share and beyond
/// chance.
fn returned_share(
    court: CourtCode,
    courts: &[CourtCode],
    cases: &BTreeMap<CourtCode, Vec<Flagged>>,
    closings: impl Fn(CourtCode) -> f64,
    s: &Settings,
) -> (Option<f64>, Option<f64>, bool) {
    let listed_of = |c: CourtCode| cases.get(&c).map_or(0, Vec::len) as f64;
    let share = ratio(listed_of(court), closings(court));
    let (part, whole) = courts
        .iter()
        .copied()
        .filter(|c| *c != court && c.level() == court.level())
        .fold((0.0, 0.0), |(p, w), c| (p + listed_of(c), w + closings(c)));
    let peer_share = ratio(part, whole);
    let listed = cases.get(&court).map_or(0, Vec::len) as f64;
    let unusual = share.is_some_and(|v| {
        let p = peer_share.unwrap_or(0.0);
        // Counts of a handful against an expected one or two: the Poisson tail itself, not
        // the normal's, which makes five against 1.2 look three deviations out (the 10 M
        // network's month-end closings gave that by chance).
        listed >= f64::from(s.refile_min)
            && v >= s.refile_ratio * p
            && poisson_tail(listed, closings(court) * p) <= normal_tail(s.min_z)
    });
    (share, peer_share, unusual)
}

/// Whether a case is an original filing the year-end freeze would hold: a first instance or a
/// first enforcement.
fn original(f: &Facts) -> bool {
    f.type_code.ends_with('初') || f.type_code == "执"
}

/// Each court's daily rate of original filings in January's first `surge_days` over its rate in
/// the rest of January and February, keyed by the year whose end it follows (none before the
/// data reaches the end of February).
fn surge_rates(facts: &[Facts], to: NaiveDate, s: &Settings) -> Rates {
    let mut january: BTreeMap<(CourtCode, i32), (f64, f64)> = BTreeMap::new();
    for f in facts.iter().filter(|f| original(f)) {
        let (y, m) = (f.filed.year(), f.filed.month());
        if m > 2 {
            continue;
        }
        let entry = january.entry((f.court, y - 1)).or_default();
        if m == 1 && f.filed.day() <= s.surge_days {
            entry.0 += 1.0;
        } else {
            entry.1 += 1.0;
        }
    }
    january
        .into_iter()
        .filter_map(|((court, y), (first, rest))| {
            let jan1 = NaiveDate::from_ymd_opt(y + 1, 1, 1)?;
            let surge_end = day(jan1, s.surge_days.saturating_sub(1));
            let feb_end = NaiveDate::from_ymd_opt(y + 1, 3, 1)?.pred_opt()?;
            if feb_end > to {
                return None;
            }
            let rest_rate = ratio(rest, days_between(surge_end.succ_opt()?, feb_end))?;
            let base = rest_rate * days_between(jan1, surge_end);
            let rate = Rate {
                ratio: first / base,
                count: first,
                base,
            };
            Some(((court, y), rate))
        })
        .collect()
}

fn withheld_filings(
    facts: &[Facts],
    courts: &[CourtCode],
    (freeze, surge): (&Rates, &Rates),
    year: i32,
    s: &Settings,
) -> Vec<Signal> {
    let Some(end) = NaiveDate::from_ymd_opt(year, 12, 31) else {
        return Vec::new();
    };
    let start = back(end, s.window_days.saturating_sub(1));
    let early_end = NaiveDate::from_ymd_opt(year + 1, 3, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(end);
    // Any filing whose complaint came in by the year's end and which was filed in the next year,
    // past the seven days (the rates above count original filings only, the freeze's own
    // measure). A late filing within one year is a breach of its own, not the year-end hold.
    let mut cases: BTreeMap<CourtCode, Vec<Flagged>> = BTreeMap::new();
    for f in facts {
        let Some(received) = f.received else { continue };
        if received < start || received > end || f.filed <= end || f.filed > early_end {
            continue;
        }
        let waited = (f.filed - received).num_days();
        if waited > i64::from(s.filing_days) {
            cases.entry(f.court).or_default().push(Flagged {
                case_no: f.case_no.clone(),
                related: None,
                why: text!(
                    "{received}收到起诉材料，{waited}日后方立案",
                    "complaint received {received}, filed {waited} days later"
                ),
            });
        }
    }
    let mut out = Vec::new();
    for &court in courts {
        let frozen_rate = freeze.get(&(court, year)).copied();
        let frozen = frozen_rate.map(|r| r.ratio);
        let (f_peers, f_own) = norms(freeze, court, year);
        let f_norm = f_peers.or(f_own);
        let freeze_unusual = matches!((frozen_rate, f_norm), (Some(r), Some(n))
            if r.ratio <= s.freeze_ratio * n && r.significant(n, false, s));
        let surged_rate = surge.get(&(court, year)).copied();
        let surged = surged_rate.map(|r| r.ratio);
        let (s_peers, s_own) = norms(surge, court, year);
        let s_norm = s_peers.or(s_own);
        let surge_unusual = matches!((surged_rate, s_norm), (Some(r), Some(n))
            if r.ratio >= s.surge_ratio * n && r.significant(n, true, s));
        let listed = cases.remove(&court).unwrap_or_default();
        let unusual = freeze_unusual || surge_unusual;
        if let Some(evidence) = evidence(Kind::WithheldFilings, unusual, listed.len(), s) {
            out.push(Signal {
                kind: Kind::WithheldFilings,
                court,
                judge: None,
                year: Some(year),
                figures: vec![
                    Figure {
                        name: text!(
                            "年底立案日均与此前日均之比",
                            "daily filings at the year's end over before"
                        ),
                        value: frozen,
                        peers: f_peers,
                        own: f_own,
                        unusual: freeze_unusual,
                    },
                    Figure {
                        name: text!(
                            "次年1月初立案日均与1至2月其余日均之比",
                            "daily filings in early January over the rest of January and February"
                        ),
                        value: surged,
                        peers: s_peers,
                        own: s_own,
                        unusual: surge_unusual,
                    },
                ],
                evidence,
                cases: listed,
            });
        }
    }
    out
}

fn withdraw_refile(
    facts: &[Facts],
    index: &Index<'_>,
    from: NaiveDate,
    to: NaiveDate,
    s: &Settings,
) -> Vec<Signal> {
    let mut withdrawals: BTreeMap<CourtCode, f64> = BTreeMap::new();
    let mut cases: BTreeMap<CourtCode, Vec<Flagged>> = BTreeMap::new();
    for f in facts {
        if f.ending != Ending::Withdrawn || !f.closed.is_some_and(|c| c >= from && c <= to) {
            continue;
        }
        *withdrawals.entry(f.court).or_default() += 1.0;
        if let Some(again) = index.refiled(facts, f, s.refile_days) {
            let (on, number) = (again.filed, &again.case_no);
            cases.entry(f.court).or_default().push(Flagged {
                case_no: f.case_no.clone(),
                related: Some(number.clone()),
                why: text!(
                    "撤诉后，同一当事人以同一案由于{on}再次起诉（{number}）",
                    "withdrawn, then filed again by the same parties on the same cause on {on} ({number})"
                ),
            });
        }
    }
    let shares = Shares::of(&cases, &withdrawals);
    let mut out = Vec::new();
    for (court, share, peers) in shares.each() {
        let listed = cases.remove(&court).unwrap_or_default();
        let unusual = shares.unusual(court, s.refile_min, s.refile_ratio, s);
        if let Some(evidence) = evidence(Kind::WithdrawRefile, unusual, listed.len(), s) {
            out.push(Signal {
                kind: Kind::WithdrawRefile,
                court,
                judge: None,
                year: None,
                figures: vec![Figure::against_peers(
                    text!("撤诉后再诉占撤诉案件比例", "refiled share of withdrawals"),
                    Some(share),
                    peers,
                    unusual,
                )],
                evidence,
                cases: listed,
            });
        }
    }
    out
}

fn zhongben_early(
    facts: &[Facts],
    index: &Index<'_>,
    from: NaiveDate,
    to: NaiveDate,
    s: &Settings,
) -> Vec<Signal> {
    let mut closings: BTreeMap<CourtCode, f64> = BTreeMap::new();
    // Per court: the early ones and those failing the checklist (direct), the soon restored
    // ones (listed, not direct).
    let mut early: BTreeMap<CourtCode, Vec<Flagged>> = BTreeMap::new();
    let mut failed: BTreeMap<CourtCode, Vec<Flagged>> = BTreeMap::new();
    let mut restored: BTreeMap<CourtCode, Vec<Flagged>> = BTreeMap::new();
    for f in facts {
        let Some(closed) = f.closed else { continue };
        if f.ending != Ending::Zhongben || closed < from || closed > to {
            continue;
        }
        *closings.entry(f.court).or_default() += 1.0;
        let days = (closed - f.filed).num_days();
        if days < i64::from(s.zhongben_days) {
            early.entry(f.court).or_default().push(Flagged {
                case_no: f.case_no.clone(),
                related: None,
                why: text!(
                    "立案后{days}日即终本，不足三个月",
                    "closed by 终本 {days} days after filing, before three months"
                ),
            });
        } else if let Some(unmet) = beyond_three_months(f.unmet) {
            let unmet = unmet_text(unmet);
            let (zh, en) = (unmet.zh(), unmet.en());
            failed.entry(f.court).or_default().push(Flagged {
                case_no: f.case_no.clone(),
                related: None,
                why: text!("终本核查{zh}", "终本 checklist {en}"),
            });
        } else if let Some(again) = index.restored(facts, f, s.restore_days) {
            let on = again.filed;
            restored.entry(f.court).or_default().push(Flagged {
                case_no: f.case_no.clone(),
                related: Some(again.case_no.clone()),
                why: text!(
                    "终本后于{on}恢复执行",
                    "closed by 终本 and restored on {on}"
                ),
            });
        }
    }
    let early_shares = Shares::of(&early, &closings);
    let failed_shares = Shares::of(&failed, &closings);
    let mut out = Vec::new();
    for ((court, share, peers), (_, failed_share, failed_peers)) in
        early_shares.each().into_iter().zip(failed_shares.each())
    {
        let early_unusual = early_shares.unusual(court, s.strong_cases, s.clock_ratio, s);
        let failed_unusual = failed_shares.unusual(court, s.strong_cases, s.clock_ratio, s);
        let mut listed = early.remove(&court).unwrap_or_default();
        listed.extend(failed.remove(&court).unwrap_or_default());
        let direct_count = listed.len();
        listed.extend(restored.remove(&court).unwrap_or_default());
        // The restorations alone are circumstantial: a weak signal at most.
        let unusual = early_unusual || failed_unusual;
        let evidence = match evidence(Kind::ZhongbenEarly, unusual, direct_count, s) {
            Some(e) => Some(e),
            None if !listed.is_empty() => Some(Evidence::Weak),
            None => None,
        };
        if let Some(evidence) = evidence {
            out.push(Signal {
                kind: Kind::ZhongbenEarly,
                court,
                judge: None,
                year: None,
                figures: vec![
                    Figure::against_peers(
                        text!(
                            "终本案件中立案不足三个月即终本的比例",
                            "share of 终本 closings made before three months"
                        ),
                        Some(share),
                        peers,
                        early_unusual,
                    ),
                    Figure::against_peers(
                        text!(
                            "终本案件中核查条件不符（过早者除外）的比例",
                            "share of 终本 closings failing the checklist (the early ones apart)"
                        ),
                        Some(failed_share),
                        failed_peers,
                        failed_unusual,
                    ),
                ],
                evidence,
                cases: listed,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
