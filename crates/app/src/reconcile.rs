//! Stock-flow reconciliation (对账): for every court and month of a period, whether 旧存 + 新收 −
//! 结案 = 未结 on the data as it stands, whether the month's 旧存 is the 未结 the month before was
//! first reported with, and whether each figure a recorded report printed is still the figure
//! computed now — every break with the cases that cause it: a case closed before it was filed,
//! an import that moved a date or reopened a case, a case entered after its month was reported.
//! And one report set beside the same report made now (docs/reconciliation.md).

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Months, NaiveDate};
use shenguan_domain::{CaseRecord, CourtCode, CourtScope, Text, parse_date, text};
use shenguan_ingest::update::CaseField;
use shenguan_metrics::stock_flow::{Flow, contribution, stock_flow};
use shenguan_metrics::{Cases, DefinitionChoice, Filter, Indicator, indicator};
use shenguan_store::{ADDED, ReportRow, StoredRevision};

use crate::accounts::{Role, User};
use crate::history::month_key;
use crate::report::{Figures, ReportKind};
use crate::{App, AppError, Store};

/// How many cases a break lists (its count says how many there are).
pub const LISTED: usize = 200;

/// The longest period a reconciliation or the signals are asked for, in years: a decade and
/// more of history, and no request that walks ten thousand years of months.
pub const MAX_YEARS: i32 = 20;

/// A period `from ..= to` that runs forwards and spans at most [`MAX_YEARS`].
pub(crate) fn checked_period(from: NaiveDate, to: NaiveDate) -> Result<(), AppError> {
    if from > to {
        return Err(AppError::Invalid(text!(
            "起始日 {from} 晚于截止日 {to}",
            "the first day {from} is after the last day {to}"
        )));
    }
    if to.year() - from.year() >= MAX_YEARS {
        let most = MAX_YEARS;
        return Err(AppError::Invalid(text!(
            "期间 {from} 至 {to} 过长：至多{most}年",
            "the period {from} to {to} is too long: at most {most} years"
        )));
    }
    Ok(())
}

/// One of the four figures of a court's month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Measure {
    Carried,
    Filed,
    Closed,
    Pending,
}

impl Measure {
    pub const ALL: [Measure; 4] = [
        Measure::Carried,
        Measure::Filed,
        Measure::Closed,
        Measure::Pending,
    ];

    /// The indicator's code in the catalogue.
    pub fn code(self) -> &'static str {
        match self {
            Measure::Carried => "carried_over",
            Measure::Filed => "new",
            Measure::Closed => "closed",
            Measure::Pending => "pending",
        }
    }

    pub fn name(self) -> Text {
        match self {
            Measure::Carried => text!("旧存", "carried over"),
            Measure::Filed => text!("新收", "new"),
            Measure::Closed => text!("结案", "closed"),
            Measure::Pending => text!("未结", "pending"),
        }
    }

    pub fn of(self, flow: &Flow) -> i64 {
        match self {
            Measure::Carried => flow.carried,
            Measure::Filed => flow.filed,
            Measure::Closed => flow.closed,
            Measure::Pending => flow.pending,
        }
    }
}

/// What does not add up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BreakKind {
    /// 旧存 + 新收 − 结案 ≠ 未结 on the data as it stands: expected is 旧存 + 新收 − 结案, found
    /// is 未结.
    Unbalanced,
    /// The month's 旧存 now is not the 未结 the month before was first reported with.
    CarriedOver,
    /// A figure a report printed is not the figure now.
    Revised,
}

impl BreakKind {
    pub fn code(self) -> &'static str {
        match self {
            BreakKind::Unbalanced => "unbalanced",
            BreakKind::CarriedOver => "carried_over",
            BreakKind::Revised => "revised",
        }
    }

    pub fn name(self) -> Text {
        match self {
            BreakKind::Unbalanced => text!(
                "旧存＋新收－结案≠未结",
                "carried over + new − closed ≠ pending"
            ),
            BreakKind::CarriedOver => text!(
                "本月旧存≠上月已报未结",
                "carried over ≠ last month's pending as reported"
            ),
            BreakKind::Revised => text!("已报数≠现数", "the reported figure ≠ the figure now"),
        }
    }
}

/// Why a case moves a figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cause {
    /// Recorded as closed before it was filed: counted in 新收 and 结案, never in a stock.
    ClosedBeforeFiled { filed: NaiveDate, closed: NaiveDate },
    /// Changed by imports after the report: the revisions of its filing and closing days (or
    /// its entry, [`ADDED`]), in the order made.
    Revised(Vec<StoredRevision>),
}

/// One case behind a break, and by how much it moves the found figure against the expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseCause {
    pub case_no: String,
    pub effect: i64,
    pub cause: Cause,
}

/// A break, with the cases that explain it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Break {
    pub kind: BreakKind,
    /// The figure that differs (none for [`BreakKind::Unbalanced`], which is of all four).
    pub measure: Option<Measure>,
    pub expected: i64,
    pub found: i64,
    /// The report the expected figure comes from.
    pub against: Option<ReportRow>,
    /// The first [`LISTED`] cases.
    pub cases: Vec<CaseCause>,
    /// How many cases explain it, and their effects summed.
    pub case_count: u64,
    pub explained: i64,
}

impl Break {
    /// The part of the difference no case explains (a report made from other data than the
    /// store's, or a change made outside an import).
    pub fn unexplained(&self) -> i64 {
        self.found - self.expected - self.explained
    }
}

/// One court's month.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub court: CourtCode,
    /// The month's first day.
    pub month: NaiveDate,
    pub now: Flow,
    /// The report that first printed the month, and what it printed.
    pub reported: Option<(ReportRow, Flow)>,
    pub breaks: Vec<Break>,
}

/// The reconciliation of a period.
#[derive(Clone, Debug, PartialEq)]
pub struct Reconciliation {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub cells: Vec<Cell>,
}

impl Reconciliation {
    /// Every break, with its court's month.
    pub fn breaks(&self) -> impl Iterator<Item = (&Cell, &Break)> {
        self.cells
            .iter()
            .flat_map(|cell| cell.breaks.iter().map(move |b| (cell, b)))
    }

    pub fn reconciled(&self) -> bool {
        self.breaks().next().is_none()
    }

    /// How many months were first reported.
    pub fn reported_months(&self) -> usize {
        self.cells.iter().filter(|c| c.reported.is_some()).count()
    }
}

/// One indicator a report printed, then and now.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureChange {
    pub indicator: &'static Indicator,
    pub then: Option<f64>,
    pub now: Option<f64>,
    /// The version of the indicator's definition both were computed by (the one recorded).
    pub version: u16,
}

impl FigureChange {
    /// Whether the value moved (beyond the last printed decimal's noise).
    pub fn changed(&self) -> bool {
        match (self.then, self.now) {
            (Some(a), Some(b)) => (a - b).abs() > 1e-9,
            (a, b) => a.is_some() != b.is_some(),
        }
    }
}

/// A recorded report beside the same report made now.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportComparison {
    pub report: ReportRow,
    pub figures: Vec<FigureChange>,
    /// Each court's month it printed, with what differs now.
    pub cells: Vec<Cell>,
}

/// What the explanation of breaks against one report reads, once: the cases imports revised
/// after it, as they stand now, with those revisions.
struct Revised {
    cases: Vec<(CaseRecord, Vec<StoredRevision>)>,
}

impl Revised {
    fn read(store: &mut Store, version: u64) -> Result<Revised, AppError> {
        let mut by_case: BTreeMap<String, Vec<StoredRevision>> = BTreeMap::new();
        let fields = [ADDED, CaseField::FiledOn.code(), CaseField::ClosedOn.code()];
        for revision in store.inner.revisions_after(version, Some(&fields))? {
            by_case
                .entry(revision.revision.case_no.clone())
                .or_default()
                .push(revision);
        }
        let numbers: Vec<String> = by_case.keys().cloned().collect();
        let cases = store
            .inner
            .cases_by_numbers(&numbers)?
            .into_iter()
            .filter_map(|record| {
                let revisions = by_case.remove(&record.case_no.to_string())?;
                Some((record, revisions))
            })
            .collect();
        Ok(Revised { cases })
    }

    /// The cases that move `measure` of `court`'s month between the report and now, with how
    /// much each moves it.
    fn explain(&self, court: CourtCode, month: NaiveDate, measure: Measure) -> Vec<CaseCause> {
        let mut found = Vec::new();
        for (record, revisions) in &self.cases {
            if record.court != court {
                continue;
            }
            let now = measure.of(&contribution(record.filed_on, record.closed_on, month));
            let then = as_reported(record, revisions).map_or(0, |(filed, closed)| {
                measure.of(&contribution(filed, closed, month))
            });
            if now != then {
                found.push(CaseCause {
                    case_no: record.case_no.to_string(),
                    effect: now - then,
                    cause: Cause::Revised(revisions.clone()),
                });
            }
        }
        found
    }
}

/// A case's filing and closing days as a report before `revisions` saw them (`None`: the case
/// was entered after it): each date's value before its first revision.
fn as_reported(
    record: &CaseRecord,
    revisions: &[StoredRevision],
) -> Option<(NaiveDate, Option<NaiveDate>)> {
    if revisions.iter().any(|r| r.revision.field == ADDED) {
        return None;
    }
    let before = |field: CaseField| {
        revisions
            .iter()
            .find(|r| r.revision.field == field.code())
            .map(|r| r.revision.old.as_deref().and_then(|d| parse_date(d).ok()))
    };
    let filed = before(CaseField::FiledOn)
        .flatten()
        .unwrap_or(record.filed_on);
    let closed = before(CaseField::ClosedOn).unwrap_or(record.closed_on);
    Some((filed, closed))
}

fn make_break(
    kind: BreakKind,
    measure: Option<Measure>,
    expected: i64,
    found: i64,
    against: Option<ReportRow>,
    mut cases: Vec<CaseCause>,
) -> Break {
    let explained = cases.iter().map(|c| c.effect).sum();
    let case_count = cases.len() as u64;
    cases.truncate(LISTED);
    Break {
        kind,
        measure,
        expected,
        found,
        against,
        cases,
        case_count,
        explained,
    }
}

/// The first day of the month before.
fn month_before(month: NaiveDate) -> Option<NaiveDate> {
    month.checked_sub_months(Months::new(1))
}

/// The courts a reconciliation may cover for `user` (the command line gives none): the court
/// views of the office, leaders and administrators — a division head or judge sees their own
/// cases, not a court's stock.
pub(crate) fn court_view(
    user: Option<&User>,
    scope: Option<CourtScope>,
) -> Result<Option<CourtScope>, AppError> {
    let Some(user) = user else {
        return Ok(scope);
    };
    if matches!(user.role, Role::Division | Role::Judge) {
        let name = &user.name;
        return Err(AppError::Forbidden(text!(
            "{name}无权查看对账：对账按法院进行，仅审管办、院领导和系统管理员可查看",
            "{name} may not see a reconciliation: it is of whole courts, for the office, leaders and administrators"
        )));
    }
    let mut filter = Filter {
        court: scope,
        ..Filter::default()
    };
    user.restrict(&mut filter)?;
    Ok(filter.court)
}

/// Whether `user` may set `report` beside the data now: its courts are theirs (the command line,
/// with no user, may).
pub fn may_compare(user: Option<&User>, report: &ReportRow) -> bool {
    let scope = report
        .court_code
        .as_deref()
        .and_then(|c| CourtCode::parse(c).ok())
        .map(|court| CourtScope {
            court,
            with_lower: report.with_lower,
        });
    court_view(user, scope).is_ok_and(|held| held == scope)
}

impl App {
    /// The reconciliation of each court's months from `from`'s month to `to`'s, from the store's
    /// columns (`cases`, with their case numbers) and the reports and imports it has recorded.
    pub fn reconciliation(
        &self,
        store: &mut Store,
        user: Option<&User>,
        cases: &Cases,
        scope: Option<CourtScope>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Reconciliation, AppError> {
        checked_period(from, to)?;
        let scope = court_view(user, scope)?;
        let covered = |court: CourtCode| scope.is_none_or(|s| s.covers(court));
        let current = stock_flow(cases, &covered, from, to);
        let first = from.with_day(1).unwrap_or(from);
        let mut cells: BTreeMap<(String, NaiveDate), Cell> = BTreeMap::new();
        for month in current {
            let mut breaks = Vec::new();
            if month.flow.imbalance() != 0 {
                let causes = month
                    .unbalanced
                    .iter()
                    .filter_map(|&row| {
                        let (filed, closed) = (cases.filed_on(row)?, cases.closed_on(row)?);
                        // Filed this month, never pending: 未结 one short; closed this month,
                        // never carried: one over.
                        let effect = if month_key(filed) == month_key(month.month) {
                            -1
                        } else {
                            1
                        };
                        Some(CaseCause {
                            case_no: cases.case_no(row).to_string(),
                            effect,
                            cause: Cause::ClosedBeforeFiled { filed, closed },
                        })
                    })
                    .collect();
                let flow = month.flow;
                breaks.push(make_break(
                    BreakKind::Unbalanced,
                    None,
                    flow.carried + flow.filed - flow.closed,
                    flow.pending,
                    None,
                    causes,
                ));
            }
            cells.insert(
                (month.court.to_string(), month.month),
                Cell {
                    court: month.court,
                    month: month.month,
                    now: month.flow,
                    reported: None,
                    breaks,
                },
            );
        }
        // What was first reported of each court's month, the month before the period included
        // (its 未结 is the period's first 旧存).
        let before = month_before(first);
        let reports = store.inner.reports_meeting(before.unwrap_or(first), to)?;
        let mut first_reported: HashMap<(String, NaiveDate), (ReportRow, Flow)> = HashMap::new();
        for report in reports {
            for row in store.inner.report_stock_flow(report.id)? {
                let Ok(court) = CourtCode::parse(&row.court_code) else {
                    continue;
                };
                let Some(month) = parse_date(&format!("{}-01", row.month)).ok() else {
                    continue;
                };
                if !covered(court) || month < before.unwrap_or(first) || month > to {
                    continue;
                }
                let flow = Flow {
                    carried: row.carried,
                    filed: row.filed,
                    closed: row.closed,
                    pending: row.pending,
                };
                first_reported
                    .entry((row.court_code, month))
                    .or_insert_with(|| (report.clone(), flow));
            }
        }
        let mut revised: HashMap<u64, Revised> = HashMap::new();
        let mut explain = |store: &mut Store,
                           report: &ReportRow,
                           court: CourtCode,
                           month: NaiveDate,
                           measure: Measure|
         -> Result<Vec<CaseCause>, AppError> {
            let read = match revised.entry(report.version) {
                std::collections::hash_map::Entry::Occupied(read) => read.into_mut(),
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(Revised::read(store, report.version)?)
                }
            };
            Ok(read.explain(court, month, measure))
        };
        for ((code, month), (report, flow)) in &first_reported {
            if *month < first {
                continue;
            }
            let Ok(court) = CourtCode::parse(code) else {
                continue;
            };
            let cell = cells.entry((code.clone(), *month)).or_insert_with(|| Cell {
                court,
                month: *month,
                now: Flow::default(),
                reported: None,
                breaks: Vec::new(),
            });
            cell.reported = Some((report.clone(), *flow));
            for measure in Measure::ALL {
                let (expected, found) = (measure.of(flow), measure.of(&cell.now));
                if expected != found {
                    let causes = explain(store, report, court, *month, measure)?;
                    cell.breaks.push(make_break(
                        BreakKind::Revised,
                        Some(measure),
                        expected,
                        found,
                        Some(report.clone()),
                        causes,
                    ));
                }
            }
        }
        // The period's first month against the 未结 the month before was first reported with
        // (later months are checked by that month's own 未结 above).
        if let Some(before) = before {
            for ((code, month), (report, flow)) in &first_reported {
                if *month != before {
                    continue;
                }
                let Ok(court) = CourtCode::parse(code) else {
                    continue;
                };
                let now = cells
                    .get(&(code.clone(), first))
                    .map_or(0, |c| c.now.carried);
                if now != flow.pending {
                    let causes = explain(store, report, court, first, Measure::Carried)?;
                    let cell = cells.entry((code.clone(), first)).or_insert_with(|| Cell {
                        court,
                        month: first,
                        now: Flow::default(),
                        reported: None,
                        breaks: Vec::new(),
                    });
                    cell.breaks.push(make_break(
                        BreakKind::CarriedOver,
                        Some(Measure::Carried),
                        flow.pending,
                        now,
                        Some(report.clone()),
                        causes,
                    ));
                }
            }
        }
        Ok(Reconciliation {
            from,
            to,
            cells: cells.into_values().collect(),
        })
    }

    /// A recorded report beside the same report made now from `cases`: each indicator it
    /// printed, then and now, and each court's month it printed with the cases that changed it.
    pub fn compare_report(
        &self,
        store: &mut Store,
        user: Option<&User>,
        cases: &Cases,
        id: i64,
    ) -> Result<ReportComparison, AppError> {
        let report = store.inner.report(id)?.ok_or_else(|| {
            AppError::NotFound(text!("没有编号为 {id} 的报告", "there is no report {id}"))
        })?;
        let scope = match &report.court_code {
            Some(code) => Some(CourtScope {
                court: CourtCode::parse(code).map_err(|e| AppError::Invalid(e.text()))?,
                with_lower: report.with_lower,
            }),
            None => None,
        };
        // A user held to a court sees only reports of it (and the courts below).
        let held = court_view(user, scope)?;
        if held != scope {
            let name = user.map_or("", |u| u.name.as_str()).to_string();
            return Err(AppError::Forbidden(text!(
                "{name}无权查看此报告",
                "{name} may not see this report"
            )));
        }
        let kind = match report.kind.as_str() {
            "bulletin" => ReportKind::Bulletin {
                year: report.to.year(),
                month: report.to.month(),
            },
            _ => ReportKind::Summary {
                from: report.from,
                to: report.to,
            },
        };
        let filter = Filter {
            court: scope,
            ..Filter::default()
        };
        // Made again by the definitions it was made by, so that what moved is the data.
        let recorded = store.inner.report_figures(id)?;
        let definitions = DefinitionChoice {
            as_of: None,
            pinned: recorded
                .iter()
                .map(|(code, _, version)| (code.clone(), *version))
                .collect(),
        };
        let now = Figures::compute(
            self,
            cases,
            &filter,
            report.from,
            report.to,
            kind,
            &definitions,
        )?;
        let values: HashMap<&str, Option<f64>> = now
            .scope
            .result
            .indicators
            .iter()
            .map(|i| i.code)
            .zip(
                now.scope
                    .result
                    .rows
                    .first()
                    .map(|r| r.values.clone())
                    .unwrap_or_default(),
            )
            .collect();
        let figures = recorded
            .into_iter()
            .filter_map(|(code, then, version)| {
                let indicator = indicator(&code)?;
                Some(FigureChange {
                    indicator,
                    then,
                    now: values.get(indicator.code).copied().flatten(),
                    version,
                })
            })
            .collect();
        let current: HashMap<(String, NaiveDate), Flow> = stock_flow(
            cases,
            &|court| scope.is_none_or(|s| s.covers(court)),
            report.from,
            report.to,
        )
        .into_iter()
        .map(|c| ((c.court.to_string(), c.month), c.flow))
        .collect();
        let revised = Revised::read(store, report.version)?;
        let mut cells = Vec::new();
        for row in store.inner.report_stock_flow(id)? {
            let (Ok(court), Ok(month)) = (
                CourtCode::parse(&row.court_code),
                parse_date(&format!("{}-01", row.month)),
            ) else {
                continue;
            };
            let then = Flow {
                carried: row.carried,
                filed: row.filed,
                closed: row.closed,
                pending: row.pending,
            };
            let now = current
                .get(&(row.court_code.clone(), month))
                .copied()
                .unwrap_or_default();
            let breaks = Measure::ALL
                .into_iter()
                .filter(|m| m.of(&then) != m.of(&now))
                .map(|m| {
                    make_break(
                        BreakKind::Revised,
                        Some(m),
                        m.of(&then),
                        m.of(&now),
                        Some(report.clone()),
                        revised.explain(court, month, m),
                    )
                })
                .collect();
            cells.push(Cell {
                court,
                month,
                now,
                reported: Some((report.clone(), then)),
                breaks,
            });
        }
        Ok(ReportComparison {
            report,
            figures,
            cells,
        })
    }

    /// The recorded reports, newest first (at most `limit`), those `user` may see.
    pub fn reports_made(
        &self,
        store: &mut Store,
        user: Option<&User>,
        limit: u64,
    ) -> Result<Vec<ReportRow>, AppError> {
        // Read more than asked, then held to the reader's courts and cut: others' reports must not
        // crowd a court's own out of its list.
        let reports = store
            .inner
            .latest_reports(limit.saturating_mul(50).min(100_000))?;
        Ok(reports
            .into_iter()
            .filter(|r| may_compare(user, r))
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .collect())
    }
}

/// Puts at the head of a report made while its period does not reconcile a section that says
/// so — which courts' months, which figures, by how many cases — so that no reader takes its
/// figures for settled ones.
pub fn note_unreconciled(document: &mut shenguan_report::Document, rec: &Reconciliation) {
    use shenguan_report::{Block, Cell as TableCell, HeadingLevel, NumberFormat, Table};
    let text = |text: String| TableCell::Text { text, status: None };
    let count = |value: i64| TableCell::Number {
        value: value as f64,
        format: NumberFormat::Integer,
        status: None,
    };
    let breaks = rec.breaks().count();
    if breaks == 0 {
        return;
    }
    let mut rows = Vec::new();
    for (cell, b) in rec.breaks() {
        let figure = b.measure.map_or_else(
            || b.kind.name().zh().to_string(),
            |m| m.name().zh().to_string(),
        );
        let against = b
            .against
            .as_ref()
            .map_or_else(|| "—".to_string(), |r| r.name.clone());
        rows.push(vec![
            text(cell.court.to_string()),
            text(format!("{}年{}月", cell.month.year(), cell.month.month())),
            text(figure),
            text(against),
            count(b.expected),
            count(b.found),
            count(i64::try_from(b.case_count).unwrap_or(i64::MAX)),
        ]);
    }
    let head = vec![
        Block::Heading {
            level: HeadingLevel::One,
            text: "数据核对提示".to_string(),
        },
        Block::Paragraph(format!(
            "本报告所涉期间的收结存数据有{breaks}处未能核对一致（已报数与现数不符、旧存与上月未结不符，或旧存＋新收－结案≠未结），下表所列数字以现有数据计算，发布前请核实；涉及的案件可用“数据质量”页面或 shenguan check 命令查看。"
        )),
        Block::Table(Table {
            caption: "数据核对表　未核对一致的收结存数据".to_string(),
            header: [
                "法院",
                "月份",
                "项目",
                "对照报告",
                "应为",
                "现为",
                "涉及案件",
            ]
            .iter()
            .map(|h| h.to_string())
            .collect(),
            rows,
        }),
    ];
    document.blocks.splice(0..0, head);
}

#[cfg(test)]
mod tests;
