//! The engine: for a period, a filter and a grouping, one pass over the case columns feeds a
//! tally per group (in parallel over chunks of rows, merged in chunk order), then each indicator
//! is computed per group and per time bucket (month, quarter or year) from the tallies.

use std::collections::HashMap;

use chrono::Datelike;
use shenguan_domain::{CaseType, Category, CourtScope, Procedure, Stage};

use crate::cases::Cases;
use crate::catalogue::{Formula, Indicator};
use crate::counters::{Flow, Sink, Stock, TimeStandards, may_count, visit};
use crate::period::{Period, Timeline};
use crate::tally::{Tally, Totals};

/// What rows are grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dimension {
    Court,
    Division,
    Judge,
    Type,
    Category,
    Stage,
    Procedure,
    Month,
    Quarter,
    Year,
}

impl Dimension {
    pub const ALL: [Dimension; 10] = [
        Dimension::Court,
        Dimension::Division,
        Dimension::Judge,
        Dimension::Type,
        Dimension::Category,
        Dimension::Stage,
        Dimension::Procedure,
        Dimension::Month,
        Dimension::Quarter,
        Dimension::Year,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Dimension::Court => "court",
            Dimension::Division => "division",
            Dimension::Judge => "judge",
            Dimension::Type => "type",
            Dimension::Category => "category",
            Dimension::Stage => "stage",
            Dimension::Procedure => "procedure",
            Dimension::Month => "month",
            Dimension::Quarter => "quarter",
            Dimension::Year => "year",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Dimension::Court => "法院",
            Dimension::Division => "部门",
            Dimension::Judge => "承办人",
            Dimension::Type => "类型",
            Dimension::Category => "类别",
            Dimension::Stage => "审级",
            Dimension::Procedure => "程序",
            Dimension::Month => "月份",
            Dimension::Quarter => "季度",
            Dimension::Year => "年度",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Dimension::Court => "Court",
            Dimension::Division => "Division",
            Dimension::Judge => "Judge",
            Dimension::Type => "Type",
            Dimension::Category => "Category",
            Dimension::Stage => "Stage",
            Dimension::Procedure => "Procedure",
            Dimension::Month => "Month",
            Dimension::Quarter => "Quarter",
            Dimension::Year => "Year",
        }
    }

    pub fn parse(text: &str) -> Option<Dimension> {
        let text = text.trim();
        Dimension::ALL
            .into_iter()
            .find(|d| d.key() == text || d.label_zh() == text)
    }

    fn is_time(self) -> bool {
        matches!(
            self,
            Dimension::Month | Dimension::Quarter | Dimension::Year
        )
    }
}

/// Which cases count. Empty fields select everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// A court alone, or with the courts below it.
    pub court: Option<CourtScope>,
    pub category: Option<Category>,
    pub type_code: Option<String>,
    pub stage: Option<Stage>,
    pub procedure: Option<Procedure>,
    pub division: Option<String>,
    pub judge: Option<String>,
}

/// A computation to run.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    pub period: Period,
    pub filter: Filter,
    pub group_by: Vec<Dimension>,
    pub indicators: Vec<&'static Indicator>,
    pub standards: TimeStandards,
    pub threads: usize,
}

/// A query the engine cannot run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryError {
    /// More than one of month, quarter, year.
    TwoTimeDimensions,
    /// Explain needs the case numbers, and the columns were read without them.
    NoCaseNumbers,
}

impl QueryError {
    /// The reason in both languages.
    pub fn text(&self) -> shenguan_domain::Text {
        use shenguan_domain::text;
        match self {
            QueryError::TwoTimeDimensions => text!(
                "月份、季度、年度只能选一个分组",
                "group by only one of month, quarter and year"
            ),
            QueryError::NoCaseNumbers => text!(
                "读取案件时未载入案号，无法列出案件",
                "the cases were read without their numbers, so they cannot be listed"
            ),
        }
    }
}

/// In Chinese, the default language; [`QueryError::text`] has both.
impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text().zh())
    }
}

impl std::error::Error for QueryError {}

/// One row of a result: the group's values for each dimension, and each indicator's value
/// (`None` where undefined, e.g. a zero denominator).
#[derive(Clone, Debug, PartialEq)]
pub struct ResultRow {
    pub group: Vec<(Dimension, String)>,
    pub values: Vec<Option<f64>>,
}

/// The answer to a query, rows in the order of their group values.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricsResult {
    pub period: Period,
    pub group_by: Vec<Dimension>,
    pub indicators: Vec<&'static Indicator>,
    pub rows: Vec<ResultRow>,
}

/// A group's identity from the case attributes the query groups by, packed.
type GroupKey = u128;

/// The tallies of one pass, by group.
#[derive(Clone, Debug, Default)]
pub struct Partial {
    keys: HashMap<GroupKey, usize>,
    groups: Vec<(GroupKey, usize, Tally)>,
}

impl Partial {
    /// Adds `other` into this one; the order of merging does not change the result.
    pub fn merge(&mut self, other: Partial) {
        for (key, row, tally) in other.groups {
            match self.keys.get(&key) {
                Some(index) => self.groups[*index].2.merge(&tally),
                None => {
                    self.keys.insert(key, self.groups.len());
                    self.groups.push((key, row, tally));
                }
            }
        }
    }
}

/// Rows per piece of work: small enough that threads share a history whose recent years (where
/// the work is) sit at one end, large enough that taking a piece costs nothing.
const PIECE: usize = 1 << 16;

/// Runs `query` over `cases` on `query.threads` threads, each taking pieces of rows in turn and
/// tallying them into its own partial result; the partials are merged at the end (by addition,
/// so the result does not depend on which thread took which piece).
pub fn run(cases: &Cases, query: &Query) -> Result<MetricsResult, QueryError> {
    let timeline = Timeline::new(query.period);
    let plan = Plan::new(cases, query)?;
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = query.threads.max(1).min(cases.len().div_ceil(PIECE).max(1));
    let partials: Vec<Partial> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let (plan, timeline, next) = (&plan, &timeline, &next);
                scope.spawn(move || {
                    let mut partial = Partial::default();
                    loop {
                        let start = next.fetch_add(PIECE, std::sync::atomic::Ordering::Relaxed);
                        if start >= cases.len() {
                            break partial;
                        }
                        let rows = start..(start + PIECE).min(cases.len());
                        tally(&mut partial, cases, rows, plan, timeline, &query.standards);
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            // A worker that panicked must not leave a silently partial answer.
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut total = Partial::default();
    for partial in partials {
        total.merge(partial);
    }
    Ok(finish(cases, query, &plan, &timeline, total))
}

/// The tallies of `rows` alone: a part of the work, to [`Partial::merge`] with the others.
pub fn partial(
    cases: &Cases,
    query: &Query,
    rows: std::ops::Range<usize>,
) -> Result<Partial, QueryError> {
    let timeline = Timeline::new(query.period);
    let plan = Plan::new(cases, query)?;
    let mut partial = Partial::default();
    tally(
        &mut partial,
        cases,
        rows,
        &plan,
        &timeline,
        &query.standards,
    );
    Ok(partial)
}

/// Adds what `rows` contribute to `partial`.
fn tally(
    partial: &mut Partial,
    cases: &Cases,
    rows: std::ops::Range<usize>,
    plan: &Plan,
    timeline: &Timeline,
    standards: &TimeStandards,
) {
    let mut last: Option<(GroupKey, usize)> = None;
    for row in rows {
        if !may_count(cases, row, timeline) || !plan.selects(cases, row) {
            continue;
        }
        let key = plan.key(cases, row);
        let mut sink = LazySink {
            partial,
            last: &mut last,
            key,
            row,
            index: None,
            timeline,
        };
        visit(cases, row, timeline, standards, &mut sink);
    }
}

/// The values of every group and bucket from the merged tallies.
pub fn result(cases: &Cases, query: &Query, partial: Partial) -> Result<MetricsResult, QueryError> {
    let timeline = Timeline::new(query.period);
    let plan = Plan::new(cases, query)?;
    Ok(finish(cases, query, &plan, &timeline, partial))
}

/// Finds (or makes) the case's group on its first contribution, so that a case with nothing in
/// the period makes no group.
struct LazySink<'a> {
    partial: &'a mut Partial,
    last: &'a mut Option<(GroupKey, usize)>,
    key: GroupKey,
    row: usize,
    index: Option<usize>,
    timeline: &'a Timeline,
}

impl LazySink<'_> {
    #[inline]
    fn tally(&mut self) -> &mut Tally {
        let index = match self.index {
            Some(index) => index,
            None => {
                let index = match *self.last {
                    Some((key, index)) if key == self.key => index,
                    _ => {
                        let partial = &mut *self.partial;
                        let index = *partial.keys.entry(self.key).or_insert_with(|| {
                            partial.groups.push((
                                self.key,
                                self.row,
                                Tally::new(self.timeline.slots()),
                            ));
                            partial.groups.len() - 1
                        });
                        *self.last = Some((self.key, index));
                        index
                    }
                };
                self.index = Some(index);
                index
            }
        };
        &mut self.partial.groups[index].2
    }
}

impl Sink for LazySink<'_> {
    #[inline]
    fn flow(&mut self, counter: Flow, day: i32, amount: i64) {
        if let Some(slot) = self.timeline.slot(day) {
            self.tally().add_flow(slot, counter, amount);
        }
    }

    #[inline]
    fn stock(&mut self, counter: Stock, from: usize, to: usize, amount: i64) {
        if from < to {
            self.tally().add_stock(from, to, counter, amount);
        }
    }
}

/// At most how many values a query's answer can hold: time buckets × the distinct values of each
/// grouping dimension in the data × indicators. What a server checks before it runs a query, so
/// that a request for every month of ten thousand years by judge is refused, not computed.
pub fn cells_bound(cases: &Cases, query: &Query) -> u128 {
    use chrono::Datelike;
    let (from, to) = (query.period.from, query.period.to);
    let months =
        (to.year() - from.year()) as i128 * 12 + to.month() as i128 - from.month() as i128 + 1;
    let buckets = match grouping(&query.group_by).into_iter().find(|d| d.is_time()) {
        Some(Dimension::Month) => months,
        Some(Dimension::Quarter) => months / 3 + 1,
        Some(Dimension::Year) => i128::from(to.year() - from.year() + 1),
        _ => 1,
    };
    // Groups: the product of each dimension's values, and never more than there are cases.
    let mut groups: u128 = 1;
    for dimension in attributes(&query.group_by) {
        let values = match dimension {
            Dimension::Court => cases.courts().len(),
            Dimension::Division => cases.divisions.all().len() + 1,
            Dimension::Judge => cases.judges.all().len() + 1,
            Dimension::Type => CaseType::all().len() + 1,
            Dimension::Category => Category::ALL.len() + 1,
            Dimension::Stage => Stage::ALL.len() + 1,
            _ => 8,
        };
        groups = groups.saturating_mul(values.max(1) as u128);
    }
    let groups = groups.min(cases.len().max(1) as u128);
    u128::try_from(buckets.max(1))
        .unwrap_or(u128::MAX)
        .saturating_mul(groups)
        .saturating_mul(query.indicators.len().max(1) as u128)
}

/// The attribute dimensions of a grouping, in order. A division belongs to a court — every court
/// has its 民事审判第一庭 — so a grouping by division without the court gets the court first:
/// two courts' divisions of one name are two rows, each saying its court.
fn attributes(group_by: &[Dimension]) -> Vec<Dimension> {
    grouping(group_by)
        .into_iter()
        .filter(|d| !d.is_time())
        .collect()
}

/// The grouping as the rows carry it: as asked, with the court before a division that has none.
pub fn grouping(group_by: &[Dimension]) -> Vec<Dimension> {
    let mut grouping = Vec::with_capacity(group_by.len() + 1);
    for d in group_by.iter().copied() {
        if d == Dimension::Division && !group_by.contains(&Dimension::Court) {
            grouping.push(Dimension::Court);
        }
        grouping.push(d);
    }
    grouping
}

/// The query compiled against the case columns: the filter as ids, the grouping as bit fields.
#[derive(Clone, Debug)]
pub struct Plan {
    courts: Vec<bool>,
    category: Option<u8>,
    type_id: Option<u16>,
    stage: Option<u8>,
    procedure: Option<u8>,
    division: Option<u32>,
    /// The judge ids the filter selects (by judge id), when it names a judge.
    judge: Option<Vec<bool>>,
    /// Nothing can match (a named division, judge or type no case has).
    empty: bool,
    attributes: Vec<Dimension>,
    time: Option<Dimension>,
}

impl Plan {
    pub fn new(cases: &Cases, query: &Query) -> Result<Plan, QueryError> {
        let times: Vec<Dimension> = query
            .group_by
            .iter()
            .copied()
            .filter(|d| d.is_time())
            .collect();
        if times.len() > 1 {
            return Err(QueryError::TwoTimeDimensions);
        }
        let f = &query.filter;
        let courts = cases
            .courts()
            .iter()
            .map(|c| f.court.is_none_or(|scope| scope.covers(*c)))
            .collect();
        let position = |all: &[_], value| crate::cases::position_of(all, value);
        let mut empty = false;
        let mut find = |name: &Option<String>, names: &crate::cases::Names| {
            name.as_ref().map(|n| {
                names.find(n).unwrap_or_else(|| {
                    empty = true;
                    0
                })
            })
        };
        let division = find(&f.division, &cases.divisions);
        // A judge key, a staff number or a name: every judge of that name in the selected
        // courts (a name is a search; a key is one person).
        let judge = f.judge.as_ref().map(|wanted| {
            let court_ok = |key: &str| match key.split_once(':') {
                Some((court, _)) => shenguan_domain::CourtCode::parse(court)
                    .is_ok_and(|c| f.court.is_none_or(|scope| scope.covers(c))),
                None => true,
            };
            let mut selected = vec![false; cases.judges.all().len() + 1];
            for key in cases.judges_named(wanted, &court_ok) {
                if let Some(id) = cases.judges.find(key) {
                    selected[id as usize] = true;
                }
            }
            if !selected.contains(&true) {
                empty = true;
            }
            selected
        });
        let type_id = match &f.type_code {
            Some(code) => match CaseType::id_of(code) {
                Some(id) => Some(id + 1),
                None => {
                    empty = true;
                    Some(0)
                }
            },
            None => None,
        };
        Ok(Plan {
            courts,
            category: f.category.map(|c| position(&Category::ALL, c)),
            type_id,
            stage: f.stage.map(|s| crate::cases::position_of(&Stage::ALL, s)),
            procedure: f
                .procedure
                .map(|p| crate::cases::position_of(&crate::cases::PROCEDURES, p)),
            division,
            judge,
            empty,
            attributes: attributes(&query.group_by),
            time: times.first().copied(),
        })
    }

    #[inline]
    pub(crate) fn selects(&self, cases: &Cases, row: usize) -> bool {
        !self.empty
            && self.courts[usize::from(cases.court[row])]
            && self.category.is_none_or(|c| cases.category[row] == c)
            && self.type_id.is_none_or(|t| cases.type_id[row] == t)
            && self.stage.is_none_or(|s| cases.stage[row] == s)
            && self.procedure.is_none_or(|p| cases.procedure[row] == p)
            && self.division.is_none_or(|d| cases.division[row] == d)
            && self
                .judge
                .as_ref()
                .is_none_or(|j| j[cases.judge[row] as usize])
    }

    #[inline]
    fn key(&self, cases: &Cases, row: usize) -> GroupKey {
        let mut key: GroupKey = 0;
        for dimension in &self.attributes {
            let (value, bits) = match dimension {
                Dimension::Court => (u128::from(cases.court[row]), 16),
                Dimension::Division => (u128::from(cases.division[row]), 24),
                Dimension::Judge => (u128::from(cases.judge[row]), 32),
                Dimension::Type => (u128::from(cases.type_id[row]), 16),
                Dimension::Category => (u128::from(cases.category[row]), 8),
                Dimension::Stage => (u128::from(cases.stage[row]), 8),
                Dimension::Procedure => (u128::from(cases.procedure[row]), 8),
                _ => (0, 0),
            };
            key = key << bits | value;
        }
        key
    }

    /// The group values of a row for the attribute dimensions.
    fn labels(&self, cases: &Cases, row: usize) -> Vec<(Dimension, String)> {
        self.attributes
            .iter()
            .map(|d| {
                let value = match d {
                    Dimension::Court => cases.court_of(row).to_string(),
                    Dimension::Division => cases.division_of(row).unwrap_or("").to_string(),
                    Dimension::Judge => cases.judge_of(row).unwrap_or("").to_string(),
                    Dimension::Type => cases.case_type_of(row).map_or("", |t| t.code).to_string(),
                    Dimension::Category => {
                        cases.category_of(row).map_or("", |c| c.key()).to_string()
                    }
                    Dimension::Stage => cases.stage_of(row).map_or("", |s| s.key()).to_string(),
                    Dimension::Procedure => cases
                        .procedure_of(row)
                        .map_or("", |p| p.label_zh())
                        .to_string(),
                    _ => String::new(),
                };
                (*d, value)
            })
            .collect()
    }
}

/// A time bucket: slots `from..to` and its label.
struct Bucket {
    from: usize,
    to: usize,
    label: Option<String>,
}

fn buckets(timeline: &Timeline, time: Option<Dimension>) -> Vec<Bucket> {
    let Some(time) = time else {
        return vec![Bucket {
            from: 0,
            to: timeline.slots(),
            label: None,
        }];
    };
    let mut out: Vec<Bucket> = Vec::new();
    for (slot, start) in timeline.slot_start.iter().enumerate() {
        let Some(date) = crate::cases::date(*start) else {
            continue;
        };
        let label = match time {
            Dimension::Month => format!("{}-{:02}", date.year(), date.month()),
            Dimension::Quarter => format!("{}-Q{}", date.year(), date.month0() / 3 + 1),
            _ => format!("{}", date.year()),
        };
        match out.last_mut() {
            Some(last) if last.label.as_deref() == Some(label.as_str()) => last.to = slot + 1,
            _ => out.push(Bucket {
                from: slot,
                to: slot + 1,
                label: Some(label),
            }),
        }
    }
    out
}

fn finish(
    cases: &Cases,
    query: &Query,
    plan: &Plan,
    timeline: &Timeline,
    partial: Partial,
) -> MetricsResult {
    let buckets = buckets(timeline, plan.time);
    let mut groups: Vec<(Vec<(Dimension, String)>, Totals)> = partial
        .groups
        .iter()
        .map(|(_, row, tally)| (plan.labels(cases, *row), tally.totals()))
        .collect();
    if groups.is_empty() && plan.attributes.is_empty() {
        groups.push((Vec::new(), Tally::new(timeline.slots()).totals()));
    }
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    let asks_petitions = query
        .indicators
        .iter()
        .any(|i| matches!(i.formula, Formula::Petition(_)));
    let mut rows = Vec::new();
    for (labels, totals) in &groups {
        for bucket in &buckets {
            let mut group = labels.clone();
            if let (Some(time), Some(label)) = (plan.time, &bucket.label) {
                group.push((time, label.clone()));
            }
            let days =
                (timeline.slot_end[bucket.to - 1] - timeline.slot_start[bucket.from] + 1) as f64;
            let petitions = asks_petitions
                .then(|| {
                    petition_counts(
                        cases,
                        &query.filter,
                        labels,
                        timeline.slot_start[bucket.from],
                        timeline.slot_end[bucket.to - 1],
                    )
                })
                .flatten();
            let values = query
                .indicators
                .iter()
                .map(|i| {
                    value(
                        i.formula,
                        totals,
                        (bucket.from, bucket.to),
                        days,
                        timeline,
                        petitions.as_ref(),
                    )
                })
                .collect();
            rows.push(ResultRow { group, values });
        }
    }
    // Keep the order of the requested dimensions in every row's group.
    let group_by = grouping(&query.group_by);
    for row in &mut rows {
        row.group
            .sort_by_key(|(d, _)| group_by.iter().position(|g| g == d).unwrap_or(usize::MAX));
    }
    MetricsResult {
        period: query.period,
        group_by,
        indicators: query.indicators.clone(),
        rows,
    }
}

fn ratio(numerator: i64, denominator: i64, scale: f64) -> Option<f64> {
    (denominator != 0).then(|| numerator as f64 * scale / denominator as f64)
}

/// Whether the petitions of a court and a division are within `filter`; `None` where the filter
/// asks for what petitions do not have (a judge, a case type, a procedure …): they are counted
/// by the court and division handling them. Also `None` where there is no register at all: the
/// petition values are then unknown ("—"), not 0.
pub(crate) fn petition_filter<'f>(
    cases: &Cases,
    filter: &'f Filter,
) -> Option<impl Fn(&str, Option<&str>) -> bool + 'f> {
    let case_only = filter.category.is_some()
        || filter.type_code.is_some()
        || filter.stage.is_some()
        || filter.procedure.is_some()
        || filter.judge.is_some();
    if case_only || cases.petitions().is_empty() {
        return None;
    }
    Some(move |c: &str, d: Option<&str>| {
        filter.division.as_deref().is_none_or(|own| Some(own) == d)
            && filter.court.is_none_or(|scope| {
                shenguan_domain::CourtCode::parse(c).is_ok_and(|code| scope.covers(code))
            })
    })
}

/// The petition counts of a group (its court and division) over `from..=to`, within the filter;
/// `None` where petitions have no such attribute (see [`petition_filter`]; a group by anything
/// but court and division).
fn petition_counts(
    cases: &Cases,
    filter: &Filter,
    labels: &[(Dimension, String)],
    from: i32,
    to: i32,
) -> Option<crate::petitions::PetitionCounts> {
    if labels
        .iter()
        .any(|(d, _)| !matches!(d, Dimension::Court | Dimension::Division))
    {
        return None;
    }
    let within = petition_filter(cases, filter)?;
    let label = |dimension: Dimension| {
        labels
            .iter()
            .find(|(d, _)| *d == dimension)
            .map(|(_, v)| v.as_str())
    };
    let (court, division) = (label(Dimension::Court), label(Dimension::Division));
    let selects = |c: &str, d: Option<&str>| {
        court.is_none_or(|own| own == c)
            && division.is_none_or(|own| own == d.unwrap_or(""))
            && within(c, d)
    };
    Some(cases.petitions().counts(&selects, from, to))
}

/// An indicator's value over slots `from..to` of a group's totals (and its petition counts).
fn value(
    formula: Formula,
    totals: &Totals,
    (from, to): (usize, usize),
    days: f64,
    timeline: &Timeline,
    petitions: Option<&crate::petitions::PetitionCounts>,
) -> Option<f64> {
    let flow = |c: Flow| totals.flow(c, from, to);
    let at_end = |s: Stock| totals.stock(s, to);
    let accepted = || flow(Flow::New) + totals.stock(Stock::Pending, from);
    match formula {
        Formula::Count(c) => Some(flow(c) as f64),
        Formula::AtEnd(s) => Some(at_end(s) as f64),
        Formula::AtStart(s) => Some(totals.stock(s, from) as f64),
        Formula::Accepted => Some(accepted() as f64),
        Formula::Percent(n, d) => ratio(flow(n), flow(d), 100.0),
        Formula::PercentNot(n, d) => ratio(flow(n), flow(d), 100.0).map(|v| 100.0 - v),
        Formula::PercentOfAccepted(s) => ratio(at_end(s), accepted(), 100.0),
        Formula::FlowOfAccepted(c) => ratio(flow(c), accepted(), 100.0),
        Formula::StockPercent(n, d) => ratio(at_end(n), at_end(d), 100.0),
        Formula::Mean(sum, count) => ratio(flow(sum), flow(count), 1.0),
        Formula::Ratio(n, d) => ratio(flow(n), flow(d), 1.0),
        Formula::DispositionTime => {
            ratio(at_end(Stock::Pending), flow(Flow::Closed), 1.0).map(|v| v * days)
        }
        Formula::Turnover => ratio(flow(Flow::Closed), at_end(Stock::Pending), 1.0),
        Formula::Balance => closing_balance(&totals.flow_by_slot(Flow::Closed, from, to)),
        Formula::Petition(v) => petitions.and_then(|c| v.value(c, flow(Flow::Closed))),
        Formula::PendingAge => {
            let pending = at_end(Stock::Pending);
            let instant = i64::from(timeline.instants[to]);
            let age = pending * instant - at_end(Stock::PendingFiledDays);
            ratio(age, pending, 1.0)
        }
    }
}

/// 结案均衡度 of the closed counts of the period's months: (1 − σ ÷ μ) × 100, σ the population
/// standard deviation; none for no month or no closing.
pub fn closing_balance(months: &[i64]) -> Option<f64> {
    let n = months.len() as f64;
    let mean = months.iter().sum::<i64>() as f64 / n;
    if months.is_empty() || mean == 0.0 {
        return None;
    }
    let variance = months
        .iter()
        .map(|m| (*m as f64 - mean).powi(2))
        .sum::<f64>()
        / n;
    Some((1.0 - variance.sqrt() / mean) * 100.0)
}
