//! Use case: indicators for a period from the store's cases — the case columns loaded with the
//! deployment's deadlines, the engine run, comparisons (同比, 环比), the status of each value
//! against its reference range, a court's position among its peers, and the cases behind a value.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::{Map, Value, json};
use shenguan_domain::{CaseType, CourtCode};
/// The versions of the indicators' definitions.
pub use shenguan_metrics::definitions;
/// The five targets of 四个90%、一个80% per court (`shenguan_metrics::targets`).
pub use shenguan_metrics::targets;
pub use shenguan_metrics::{
    CATALOGUE, Cases, DefinitionChoice, Dimension, Direction, Family, Filter, Formula, Indicator,
    IndicatorCode, MetricsResult, Part, Period, Query, ResultRow, TimeStandards, Unit, core,
    has_part, indicator, petition_measure,
};
use shenguan_metrics::{CaseInput, CasesBuilder, EventKind, explain, run, snapshot};
use shenguan_sim::Simulation;
use shenguan_store::StoreUrl;

use crate::{App, AppError, Store, Text, text};

/// A value for people: counts whole, the rest with two decimals rounded half-up once, "—" when
/// undefined. The table, the pages and (later) the reports all show values through this.
pub fn display_value(unit: Unit, value: Option<f64>) -> String {
    match value {
        None => "—".to_string(),
        Some(v) if unit == Unit::Cases => format!("{}", v.round() as i64),
        Some(v) => {
            let hundredths = (v * 100.0).round() as i64;
            let sign = if hundredths < 0 { "-" } else { "" };
            let h = hundredths.unsigned_abs();
            format!("{sign}{}.{:02}", h / 100, h % 100)
        }
    }
}

/// How a value moved against an earlier one, said the way court reports say it: counts by
/// percent (收案同比上升5.2%), rates by percentage points (上升1.3个百分点), days and ratios by the
/// difference (平均审理天数减少18天).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Change {
    Percent(f64),
    Points(f64),
    Difference(f64),
}

impl Change {
    /// The change of `now` against `earlier` for an indicator of `unit`; none when either is
    /// missing, or for a percent change from zero.
    pub fn between(unit: Unit, now: Option<f64>, earlier: Option<f64>) -> Option<Change> {
        let (now, earlier) = (now?, earlier?);
        match unit {
            // Amounts of money move by percent, as counts do (救助金额同比上升12%).
            Unit::Cases | Unit::Yuan if earlier == 0.0 => None,
            Unit::Cases | Unit::Yuan => Some(Change::Percent((now - earlier) / earlier * 100.0)),
            Unit::Percent => Some(Change::Points(now - earlier)),
            Unit::Days | Unit::Ratio => Some(Change::Difference(now - earlier)),
        }
    }

    pub fn amount(self) -> f64 {
        match self {
            Change::Percent(v) | Change::Points(v) | Change::Difference(v) => v,
        }
    }

    /// Signed, two decimals, with its unit: "+5.20%", "-1.30个百分点", "-18.00天".
    pub fn label_zh(self, unit: Unit) -> String {
        let amount = signed(self.amount());
        match self {
            Change::Percent(_) => format!("{amount}%"),
            Change::Points(_) => format!("{amount}个百分点"),
            Change::Difference(_) => format!("{amount}{}", unit.label_zh()),
        }
    }

    pub fn label_en(self, unit: Unit) -> String {
        let amount = signed(self.amount());
        match self {
            Change::Percent(_) => format!("{amount}%"),
            Change::Points(_) => format!("{amount} pp"),
            Change::Difference(_) if unit == Unit::Ratio => amount,
            Change::Difference(_) => format!("{amount} {}", unit.label_en()),
        }
    }
}

fn signed(value: f64) -> String {
    let shown = display_value(Unit::Days, Some(value));
    if shown.starts_with('-') || shown == "0.00" {
        shown
    } else {
        format!("+{shown}")
    }
}

/// Where a value stands against its reference range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Below,
    Within,
    Above,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Below => "below",
            Status::Within => "within",
            Status::Above => "above",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Status::Below => "低于区间",
            Status::Within => "区间内",
            Status::Above => "高于区间",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Status::Below => "below range",
            Status::Within => "within range",
            Status::Above => "above range",
        }
    }
}

/// A comparison period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparison {
    /// 同比: the same period a year earlier.
    YearEarlier,
    /// 环比: the period just before.
    Previous,
}

impl Comparison {
    pub fn parse(text: &str) -> Option<Comparison> {
        match text.trim() {
            "yoy" | "同比" => Some(Comparison::YearEarlier),
            "prev" | "环比" => Some(Comparison::Previous),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Comparison::YearEarlier => "yoy",
            Comparison::Previous => "prev",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Comparison::YearEarlier => "同比",
            Comparison::Previous => "环比",
        }
    }

    fn period(self, period: Period) -> Period {
        match self {
            Comparison::YearEarlier => period.year_earlier(),
            Comparison::Previous => period.previous(),
        }
    }
}

/// What to compute.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricsRequest {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub group_by: Vec<Dimension>,
    pub filter: Filter,
    /// Empty: the core set.
    pub indicators: Vec<&'static Indicator>,
    pub compare: Vec<Comparison>,
    /// Which version of each definition (default: the current ones).
    pub definitions: DefinitionChoice,
}

/// Who gives the parameters of a request, and so how an error names them: a flag of the
/// command line (`--with-lower`) or a parameter of the API's query string (`with_lower`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asker {
    CommandLine,
    Api,
}

impl Asker {
    /// The parameter `name` (as the API spells it) as this asker writes it.
    pub fn name(self, name: &str) -> String {
        match self {
            Asker::CommandLine => format!("--{}", name.replace('_', "-")),
            Asker::Api => name.to_string(),
        }
    }
}

/// The court a request names (`court`), alone or with the courts below it (`with_lower`); without a
/// court, `with_lower` is refused rather than ignored.
pub fn court_scope(
    court: Option<&str>,
    with_lower: bool,
    asker: Asker,
) -> Result<Option<shenguan_domain::CourtScope>, AppError> {
    match court {
        Some(text) => {
            let code = shenguan_domain::CourtCode::parse(text).map_err(|e| {
                let (name, why) = (asker.name("court"), e.text());
                let (zh, en) = (why.zh(), why.en());
                AppError::Invalid(text!("{name}: {zh}", "{name}: {en}"))
            })?;
            Ok(Some(shenguan_domain::CourtScope {
                court: code,
                with_lower,
            }))
        }
        None if with_lower => {
            let (with_lower, court) = (asker.name("with_lower"), asker.name("court"));
            Err(AppError::Invalid(text!(
                "{with_lower} 须与 {court} 同用（不指定法院即为全市法院）",
                "{with_lower} needs {court} (without a court the figures are the whole network's)"
            )))
        }
        None => Ok(None),
    }
}

/// The parameters of a metrics request by name, as `shenguan metrics` flags and the API's query
/// string both give them: `from`, `to`, `by`, `court`, `with_lower`, `category`, `type`, `stage`,
/// `procedure`, `division`, `judge`, `indicators`, `compare`, `definitions` (current or a day),
/// `definition` (indicator=version; lists comma-separated). Errors name the parameter as `asker`
/// writes it, and the value.
pub fn parse_request(
    get: &dyn Fn(&str) -> Option<String>,
    asker: Asker,
) -> Result<MetricsRequest, AppError> {
    let invalid = |name: &str, value: &str, reason: Text| {
        let (name, zh, en) = (asker.name(name), reason.zh(), reason.en());
        AppError::Invalid(text!("{name} “{value}”: {zh}", "{name} “{value}”: {en}"))
    };
    let list = |name: &str| -> Vec<String> {
        get(name)
            .map(|v| {
                v.split(',')
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    let date = |name: &str| {
        let flag = asker.name(name);
        let value = get(name).ok_or_else(|| {
            AppError::Invalid(text!("需要 {flag} 日期", "{flag} (a date) is required"))
        })?;
        shenguan_domain::parse_date(&value).map_err(|e| {
            let why = e.text();
            let (zh, en) = (why.zh(), why.en());
            AppError::Invalid(text!("{flag}: {zh}", "{flag}: {en}"))
        })
    };
    let group_by = list("by")
        .iter()
        .map(|d| {
            Dimension::parse(d).ok_or_else(|| {
                invalid(
                    "by",
                    d,
                    text!(
                        "不能按此分组（可用 court、division、judge、type、category、stage、procedure、month、quarter、year）",
                        "the figures cannot be grouped by this; group by court, division, judge, type, category, stage, procedure, month, quarter or year"
                    ),
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let indicators = list("indicators")
        .iter()
        .map(|c| {
            indicator(c).ok_or_else(|| {
                let reason = match asker {
                    Asker::CommandLine => text!(
                        "没有这个指标（见 shenguan metrics list）",
                        "no indicator has this code (see shenguan metrics list)"
                    ),
                    Asker::Api => text!("没有这个指标", "no indicator has this code"),
                };
                invalid("indicators", c, reason)
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let compare = list("compare")
        .iter()
        .map(|c| {
            Comparison::parse(c).ok_or_else(|| {
                invalid(
                    "compare",
                    c,
                    text!("须为 yoy 或 prev", "it must be yoy or prev"),
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let definitions = definition_choice(get("definitions"), &list("definition"), &invalid)?;
    let category = get("category")
        .map(|c| {
            shenguan_domain::Category::ALL
                .into_iter()
                .find(|k| k.key() == c.trim() || k.label_zh() == c.trim())
                .ok_or_else(|| {
                    let keys: Vec<&str> = shenguan_domain::Category::ALL
                        .iter()
                        .map(|k| k.key())
                        .collect();
                    let keys = keys.join(", ");
                    invalid(
                        "category",
                        &c,
                        text!("未知的案件类别", "unknown category; use one of: {keys}"),
                    )
                })
        })
        .transpose()?;
    let stage = get("stage")
        .map(|s| {
            shenguan_domain::Stage::ALL
                .into_iter()
                .find(|k| k.key() == s.trim() || k.label_zh() == s.trim())
                .ok_or_else(|| {
                    let keys: Vec<&str> = shenguan_domain::Stage::ALL
                        .iter()
                        .map(|k| k.key())
                        .collect();
                    let keys = keys.join(", ");
                    invalid(
                        "stage",
                        &s,
                        text!("未知的审级", "unknown stage; use one of: {keys}"),
                    )
                })
        })
        .transpose()?;
    let procedure = get("procedure")
        .map(|p| {
            shenguan_domain::Procedure::parse(&p).ok_or_else(|| {
                let keys: Vec<&str> = shenguan_domain::Procedure::ALL
                    .iter()
                    .map(|k| k.key())
                    .collect();
                let keys = keys.join(", ");
                invalid(
                    "procedure",
                    &p,
                    text!("未知的程序", "unknown procedure; use one of: {keys}"),
                )
            })
        })
        .transpose()?;
    let type_code = get("type");
    if let Some(code) = &type_code
        && CaseType::lookup(code).is_none()
    {
        return Err(invalid(
            "type",
            code,
            text!("未知的类型代字", "unknown case-type code"),
        ));
    }
    let with_lower = match get("with_lower").as_deref().map(str::trim) {
        None | Some("" | "false" | "0") => false,
        Some("true" | "1") => true,
        Some(other) => {
            return Err(invalid(
                "with_lower",
                other,
                text!("须为 true 或 false", "it must be true or false"),
            ));
        }
    };
    let court = court_scope(get("court").as_deref(), with_lower, asker)?;
    Ok(MetricsRequest {
        from: date("from")?,
        to: date("to")?,
        group_by,
        filter: Filter {
            court,
            category,
            type_code,
            stage,
            procedure,
            division: get("division"),
            judge: get("judge"),
        },
        indicators,
        compare,
        definitions,
    })
}

/// Whether values that depend on appeals are provisional for a period ending on `to`, read on
/// `today`: fewer than `window` days have passed since its end (see
/// `config::DEFAULT_APPEAL_WINDOW_DAYS`).
pub fn provisional(to: NaiveDate, today: NaiveDate, window: u32) -> bool {
    (today - to).num_days() < i64::from(window)
}

/// Why an appeal rate has no value: the courts of the result whose appeals go to a court with no
/// case in the data (an intermediate court's own first instances, appealed to the high court).
fn appeals_outside(
    cases: &Cases,
    filter: &Filter,
    result: &MetricsResult,
) -> Vec<(String, String)> {
    if !result.indicators.iter().any(|i| i.depends_on_appeals()) {
        return Vec::new();
    }
    let present: std::collections::HashSet<CourtCode> = cases.courts().iter().copied().collect();
    let mut courts: Vec<CourtCode> = result
        .rows
        .iter()
        .filter_map(|row| {
            row.group
                .iter()
                .find(|(d, _)| *d == Dimension::Court)
                .and_then(|(_, code)| CourtCode::parse(code).ok())
        })
        .collect();
    if courts.is_empty() {
        match filter.court {
            Some(scope) if scope.is_one_court() => courts.push(scope.court),
            // The network, or a court with those below: every court of the data.
            _ => courts.extend(cases.courts().iter().copied()),
        }
    }
    courts.sort_by_key(|c| c.to_string());
    courts.dedup();
    courts
        .into_iter()
        .filter_map(|court| {
            let above = court.default_parent();
            if above.is_some_and(|a| present.contains(&a)) {
                return None;
            }
            let above = above.map_or_else(|| "上级法院".to_string(), |a| a.to_string());
            Some((
                format!(
                    "{court}的一审案件上诉至{above}，其案件不在数据中，是否上诉及二审结果无从得知：{court}的上诉率、一审被改判率、一审被发回重审率、一审服判息诉率不计其一审案件（只有这些案件时显示“—”）"
                ),
                format!(
                    "{court}'s first instances are appealed to {above}, whose cases are not in the data: whether they were appealed is not known, so the appeal rates leave them out (— when they are all there is)"
                ),
            ))
        })
        .collect()
}

/// The answer: the result for the period and, per comparison, the result for its period (rows
/// matched by position when the grouping gives the same rows, else by group).
#[derive(Clone, Debug, PartialEq)]
pub struct MetricsReport {
    pub result: MetricsResult,
    pub comparisons: Vec<(Comparison, MetricsResult)>,
    /// Each indicator's reference range as configured (or its default).
    pub ranges: Vec<(Option<f64>, Option<f64>)>,
    /// Per indicator: its values are provisional (暂定) — they depend on appeals, and appeals
    /// lodged against the period's closings may not have reached the data yet.
    pub provisional: Vec<bool>,
    /// Why values are provisional or undefined ("—"), Chinese and English, one line each.
    pub notes: Vec<(String, String)>,
    /// How each judge key of the rows is shown: the name, with the staff number when two
    /// judges of the data share the name ("吴刚（0231）").
    pub judge_labels: std::collections::BTreeMap<String, String>,
    /// Whether the columns held a petition register (the third enforcement target needs one).
    pub petition_register: bool,
    /// Per indicator: the version of its definition used (`shenguan_metrics::definitions`).
    pub versions: Vec<u16>,
    /// Per indicator: the change of definition a comparison crosses, with the comparisons that
    /// cross it (both figures are computed by the same version; the earlier one was published
    /// under another).
    pub changes: Vec<Option<(&'static definitions::Version, Vec<Comparison>)>>,
}

impl MetricsReport {
    /// About how many bytes the report takes in memory: its rows' group values and figures,
    /// the comparisons' as much again, the notes and judge labels. What a cache of reports
    /// counts against its cap.
    pub fn approx_bytes(&self) -> usize {
        fn result_bytes(result: &MetricsResult) -> usize {
            result
                .rows
                .iter()
                .map(|row| {
                    let group: usize = row.group.iter().map(|(_, v)| 48 + v.len()).sum();
                    64 + group + row.values.len() * 16
                })
                .sum()
        }
        let labels: usize = self
            .judge_labels
            .iter()
            .map(|(k, v)| 96 + k.len() + v.len())
            .sum();
        let notes: usize = self.notes.iter().map(|(a, b)| 48 + a.len() + b.len()).sum();
        result_bytes(&self.result)
            + self
                .comparisons
                .iter()
                .map(|(_, r)| result_bytes(r))
                .sum::<usize>()
            + labels
            + notes
            + self.ranges.len() * 32
            + self.provisional.len()
    }

    /// How a group value is shown: a judge by name (see `judge_labels`), anything else as it
    /// is (courts are named by the caller, who knows the court list).
    pub fn shown_group<'a>(&'a self, dimension: Dimension, value: &'a str) -> &'a str {
        match dimension {
            Dimension::Judge => self.judge_labels.get(value).map_or(value, String::as_str),
            _ => value,
        }
    }

    /// The staff number in a judge key, if it is one (a key "court:name" has none).
    pub fn staff_id_of(key: &str) -> Option<&str> {
        (!key.contains(':') && !key.is_empty()).then_some(key)
    }

    /// The status of `value` of indicator `index` against its range.
    pub fn status(&self, index: usize, value: Option<f64>) -> Option<Status> {
        let value = value?;
        let (low, high) = *self.ranges.get(index)?;
        if low.is_none() && high.is_none() {
            return None;
        }
        Some(if low.is_some_and(|l| value < l) {
            Status::Below
        } else if high.is_some_and(|h| value > h) {
            Status::Above
        } else {
            Status::Within
        })
    }

    /// The value of indicator `index` in the comparison's row matching `row` (same group).
    pub fn compared(&self, comparison: Comparison, row: usize, index: usize) -> Option<f64> {
        let (_, other) = self.comparisons.iter().find(|(c, _)| *c == comparison)?;
        let this = self.result.rows.get(row)?;
        // Time buckets shift with the period: match on the other dimensions and the bucket's
        // position among the rows of the same group.
        let is_time =
            |d: &Dimension| matches!(d, Dimension::Month | Dimension::Quarter | Dimension::Year);
        let same_group = |a: &ResultRow, b: &ResultRow| {
            a.group
                .iter()
                .filter(|(d, _)| !is_time(d))
                .eq(b.group.iter().filter(|(d, _)| !is_time(d)))
        };
        let position = self.result.rows[..row]
            .iter()
            .filter(|r| same_group(r, this))
            .count();
        other
            .rows
            .iter()
            .filter(|r| same_group(r, this))
            .nth(position)
            .and_then(|r| r.values.get(index).copied().flatten())
    }

    /// Where the row of `court` stands among the rows of the other courts of the same level
    /// for indicator `index`: (position, of how many), best first by the indicator's direction;
    /// `None` for a neutral indicator, an undefined value or a court not in the rows. Only on
    /// request: the SPC forbids ranking courts for assessment.
    pub fn position(&self, court: &str, index: usize) -> Option<(usize, usize)> {
        let indicator = self.result.indicators.get(index)?;
        let court_of = |row: &ResultRow| {
            row.group
                .iter()
                .find(|(d, _)| *d == Dimension::Court)
                .map(|(_, v)| v.clone())
        };
        let level = |code: &str| {
            shenguan_domain::CourtCode::parse(code)
                .ok()
                .map(|c| c.level())
        };
        let own = self
            .result
            .rows
            .iter()
            .find(|r| court_of(r).as_deref() == Some(court))?;
        let value = own.values.get(index).copied().flatten()?;
        let peers: Vec<f64> = self
            .result
            .rows
            .iter()
            .filter(|r| court_of(r).is_some_and(|c| level(&c) == level(court)))
            .filter_map(|r| r.values.get(index).copied().flatten())
            .collect();
        let better = |other: f64| match indicator.better {
            Direction::Higher => other > value,
            Direction::Lower => other < value,
            Direction::Neutral => false,
        };
        (indicator.better != Direction::Neutral).then(|| {
            (
                1 + peers.iter().filter(|v| better(**v)).count(),
                peers.len(),
            )
        })
    }
}

/// A value as JSON: a whole number for a count, else the float as computed; null if undefined.
fn number(unit: Unit, value: Option<f64>) -> Value {
    match value {
        Some(v) if unit == Unit::Cases && v.fract() == 0.0 && v.abs() < 9.0e15 => json!(v as i64),
        Some(v) if v.is_finite() => json!(v),
        _ => Value::Null,
    }
}

impl MetricsReport {
    /// The documented JSON: `{"from", "to", "group_by", "rows": [{"group": {…}, "values": {…}}],
    /// "provisional": [codes], "notes": [{"zh", "en"}]}` with unrounded numbers and null where
    /// undefined; each comparison adds its values under its key ("yoy", "prev"); `position` adds
    /// where that court stands. `provisional` lists the indicators whose values are 暂定, `notes`
    /// says why values are provisional or undefined. The CLI and the API both print this.
    pub fn to_json(&self, position: Option<&str>) -> Value {
        let report = self;
        let result = &report.result;
        let rows: Vec<Value> = result
            .rows
            .iter()
            .enumerate()
            .map(|(r, row)| {
                let mut group = Map::new();
                for (d, v) in &row.group {
                    if *d == Dimension::Judge {
                        // A judge: the staff number (null when the data gives only a name),
                        // the name as shown, and the key a filter takes back (`judge=`).
                        group.insert("judge_id".into(), json!(MetricsReport::staff_id_of(v)));
                        group.insert("judge".into(), json!(self.shown_group(*d, v)));
                        group.insert("judge_key".into(), json!(v));
                    } else {
                        group.insert(d.key().to_string(), json!(v));
                    }
                }
                let values = |value: &dyn Fn(usize) -> Option<f64>| -> Map<String, Value> {
                    result
                        .indicators
                        .iter()
                        .enumerate()
                        .map(|(i, indicator)| {
                            (indicator.code.to_string(), number(indicator.unit, value(i)))
                        })
                        .collect()
                };
                let mut object = Map::new();
                object.insert("group".into(), Value::Object(group));
                object.insert("values".into(), Value::Object(values(&|i| row.values[i])));
                for (comparison, _) in &report.comparisons {
                    let compared = values(&|i| report.compared(*comparison, r, i));
                    object.insert(comparison.key().into(), Value::Object(compared));
                }
                Value::Object(object)
            })
            .collect();
        let mut object = Map::new();
        object.insert("from".into(), json!(result.period.from.to_string()));
        object.insert("to".into(), json!(result.period.to.to_string()));
        object.insert(
            "group_by".into(),
            json!(result.group_by.iter().map(|d| d.key()).collect::<Vec<_>>()),
        );
        object.insert("rows".into(), Value::Array(rows));
        let provisional: Vec<&str> = result
            .indicators
            .iter()
            .zip(&report.provisional)
            .filter(|(_, p)| **p)
            .map(|(i, _)| i.code)
            .collect();
        object.insert("provisional".into(), json!(provisional));
        let versions: Map<String, Value> = result
            .indicators
            .iter()
            .zip(&report.versions)
            .map(|(i, v)| (i.code.to_string(), json!(v)))
            .collect();
        object.insert("definitions".into(), Value::Object(versions));
        let changes: Vec<Value> = result
            .indicators
            .iter()
            .zip(&report.changes)
            .filter_map(|(i, change)| {
                let (version, comparisons) = change.as_ref()?;
                Some(json!({
                    "indicator": i.code,
                    "version": version.number,
                    "since": version.since().to_string(),
                    "comparisons": comparisons.iter().map(|c| c.key()).collect::<Vec<_>>(),
                }))
            })
            .collect();
        object.insert("definition_changes".into(), Value::Array(changes));
        object.insert(
            "notes".into(),
            Value::Array(
                report
                    .notes
                    .iter()
                    .map(|(zh, en)| json!({"zh": zh, "en": en}))
                    .collect(),
            ),
        );
        if let Some(court) = position {
            let values: Map<String, Value> = result
                .indicators
                .iter()
                .enumerate()
                .map(|(i, indicator)| {
                    let place = report
                        .position(court, i)
                        .map_or(Value::Null, |(p, n)| json!({"position": p, "of": n}));
                    (indicator.code.to_string(), place)
                })
                .collect();
            object.insert(
                "position".into(),
                json!({"court": court, "values": Value::Object(values)}),
            );
        }
        Value::Object(object)
    }
}

/// `indicator` as the request's definitions make it: the cases behind a figure are those of the
/// version the figure was computed by.
fn versioned<'a>(
    request: &MetricsRequest,
    indicator: &'a Indicator,
) -> Result<&'a Indicator, AppError> {
    let number = request.definitions.number(indicator.code);
    if number == definitions::current(indicator.code) {
        return Ok(indicator);
    }
    definitions::at(indicator.code, number).map_err(|e| AppError::Invalid(e.text()))
}

/// The definitions a report or another command names (`--definitions`, `--definition`), read
/// as a metrics request reads them.
pub fn parse_definitions(
    day: Option<&str>,
    pinned: &[String],
    asker: Asker,
) -> Result<DefinitionChoice, AppError> {
    let invalid = |name: &str, value: &str, reason: Text| {
        let (name, zh, en) = (asker.name(name), reason.zh(), reason.en());
        AppError::Invalid(text!("{name} “{value}”: {zh}", "{name} “{value}”: {en}"))
    };
    definition_choice(day.map(str::to_string), pinned, &invalid)
}

/// The definitions a request names: `definitions` — `current` (the default) or a day, the
/// definitions in force on it (to make a report again as it was published) — and `definition`,
/// indicators pinned to a version (`within_limit_rate=1`).
fn definition_choice(
    day: Option<String>,
    pinned: &[String],
    invalid: &dyn Fn(&str, &str, Text) -> AppError,
) -> Result<DefinitionChoice, AppError> {
    let as_of = match day.as_deref().map(str::trim) {
        None | Some("") | Some("current") | Some("现行") => None,
        Some(text) => Some(shenguan_domain::parse_date(text).map_err(|_| {
            invalid(
                "definitions",
                text,
                text!(
                    "须为 current 或一个日期（该日施行的口径）",
                    "it must be current or a date (the definitions in force that day)"
                ),
            )
        })?),
    };
    let mut choice = DefinitionChoice {
        as_of,
        pinned: Vec::new(),
    };
    for item in pinned {
        if let Some((code, _)) = item.split_once('=')
            && indicator(code).is_none()
        {
            let reason = definitions::VersionError::NoIndicator(code.trim().to_string()).text();
            return Err(invalid("definition", item, reason));
        }
        let parsed = item
            .split_once('=')
            .and_then(|(code, n)| Some((indicator(code)?.code, n.trim().parse::<u16>().ok()?)));
        let Some((code, number)) = parsed else {
            return Err(invalid(
                "definition",
                item,
                text!(
                    "须为 指标代码=版本号，如 within_limit_rate=1",
                    "it must be indicator=version, as in within_limit_rate=1"
                ),
            ));
        };
        if let Err(e) = definitions::at(code, number) {
            return Err(invalid("definition", item, e.text()));
        }
        if choice.pinned.iter().any(|(pinned, _)| pinned == code) {
            return Err(invalid(
                "definition",
                item,
                text!(
                    "同一指标只能指定一个版本",
                    "an indicator takes one version only"
                ),
            ));
        }
        choice.pinned.push((code.to_string(), number));
    }
    Ok(choice)
}

/// Per indicator of `query`: the change of definition that one of `compare` crosses — one that
/// took effect after the compared period's end and on or before this period's end — with the
/// comparisons that cross it.
fn definition_changes(
    query: &Query,
    compare: &[Comparison],
) -> Vec<Option<(&'static definitions::Version, Vec<Comparison>)>> {
    query
        .indicators
        .iter()
        .map(|indicator| {
            let mut crossed: Option<(&'static definitions::Version, Vec<Comparison>)> = None;
            for comparison in compare {
                let earlier = comparison.period(query.period).to;
                if let Some(version) =
                    definitions::change_between(indicator.code, earlier, query.period.to)
                {
                    crossed
                        .get_or_insert((version, Vec::new()))
                        .1
                        .push(*comparison);
                }
            }
            crossed
        })
        .collect()
}

/// The notes that say which definitions are not the current ones, and which comparisons cross a
/// change of definition.
fn version_notes(
    query: &Query,
    versions: &[u16],
    changes: &[Option<(&'static definitions::Version, Vec<Comparison>)>],
) -> Vec<(String, String)> {
    let mut notes = Vec::new();
    for (indicator, number) in query.indicators.iter().zip(versions) {
        if *number != definitions::current(indicator.code) {
            let (name, en, current) = (
                indicator.name_zh,
                indicator.name_en,
                definitions::current(indicator.code),
            );
            notes.push((
                format!("{name}按第{number}版口径计算（现行为第{current}版）：{}", indicator.definition_in(shenguan_domain::Lang::Zh)),
                format!("{en} is computed by version {number} of its definition (the current one is {current}): {}", indicator.definition_in(shenguan_domain::Lang::En)),
            ));
        }
    }
    for (indicator, change) in query.indicators.iter().zip(changes) {
        let Some((version, comparisons)) = change else {
            continue;
        };
        let (name, en, number, since) = (
            indicator.name_zh,
            indicator.name_en,
            version.number,
            version.since(),
        );
        let zh_which: Vec<&str> = comparisons.iter().map(|c| c.label_zh()).collect();
        let en_which: Vec<&str> = comparisons.iter().map(|c| c.key()).collect();
        notes.push((
            format!(
                "{}跨越口径变更：{name}自{since}起为第{number}版（{}），两期均按本表所用口径计算，与当时公布的数可能不同",
                zh_which.join("、"),
                version.reason_in(shenguan_domain::Lang::Zh)
            ),
            format!(
                "The {} comparison crosses a change of definition: {en} is at version {number} from {since} ({}); both periods are computed by the definition this table uses, and may differ from the figure published then",
                en_which.join("/"),
                version.reason_in(shenguan_domain::Lang::En)
            ),
        ));
    }
    notes
}

/// The most values one answer may hold: every judge of a network by month for years with the core
/// set is inside it; every month since 1949 by judge, or judges by type by month, is not.
pub const MAX_CELLS: u128 = 2_000_000;

impl App {
    /// The request the five enforcement targets are computed from: the period and filter of
    /// `asked`, grouped by court, with the targets' counts (`targets::counts`).
    pub fn targets_request(&self, asked: MetricsRequest) -> MetricsRequest {
        MetricsRequest {
            group_by: vec![Dimension::Court],
            indicators: targets::counts(),
            compare: Vec::new(),
            ..asked
        }
    }

    /// The five targets per court from the answer to [`App::targets_request`], with the
    /// deployment's thresholds.
    pub fn targets(&self, report: &MetricsReport) -> targets::Targets {
        targets::report(
            &report.result,
            &self.config().targets,
            report.petition_register,
        )
    }

    /// Every case and the events the engine reads, from the store, with the deployment's
    /// deadlines. All courts are read: an appeal decided in the intermediate court counts for
    /// the basic court whose judgment it was.
    pub fn load_cases(&self, store: &mut Store) -> Result<Cases, AppError> {
        let fail = AppError::from;
        let rules = self.deadline_rules();
        let checklist = self.config().checklist;
        let findings = store.inner.zhongben_findings().map_err(fail)?;
        // The petition register, counted beside the cases (a few thousand rows a year).
        let register: Vec<_> = store
            .inner
            .petitions(&shenguan_store::PetitionQuery::default())
            .map_err(fail)?
            .into_iter()
            .map(|p| p.petition)
            .collect();
        // And the applications for judicial assistance, whose recipients' later petitions are
        // told from the register.
        let assistance = store.inner.assistance(None, None, None).map_err(fail)?;
        let petitions = shenguan_metrics::petitions::PetitionColumns::build(
            &register,
            &self.config().petitions,
        )
        .with_assistance(&assistance, &register);
        drop(register);
        // The reviews, each with the grade that stands (a few thousand a year).
        let reviews = self.settled_reviews(store)?;
        // What each service task came to and each mailed item, by case number.
        let service = self.service_marks(store)?;
        let held = store.inner.count_cases().map_err(fail)?;
        // Two stages: this thread reads the store's rows (the database's work), another works
        // out each case's deadline and adds it to the columns. Records cross in blocks; the
        // store's rows never sit in memory at once.
        enum Block {
            Cases(Vec<shenguan_domain::CaseRecord>),
            Events(Vec<shenguan_domain::EventRecord>),
        }
        const BLOCK: usize = 4096;
        std::thread::scope(|scope| {
            let (send, receive) = std::sync::mpsc::sync_channel::<Block>(4);
            let worker = scope.spawn(move || {
                let mut builder = CasesBuilder::with_capacity(usize::try_from(held).unwrap_or(0));
                builder.checklist_rules(checklist);
                for (case_no, compliant) in &findings {
                    builder.finding(case_no, *compliant);
                }
                for review in &reviews {
                    builder.review(&review.case_no, review.mark);
                }
                for (case_no, mark) in &service.tasks {
                    builder.service_task(case_no, *mark);
                }
                for (case_no, mark) in &service.posts {
                    builder.service_post(case_no, *mark);
                }
                // The cases closed by 终本: the checklist's steps of any other case are dropped as
                // they arrive (they are most of the steps read), before their numbers are written
                // out again and kept until the columns are finished.
                let steps = shenguan_domain::zhongben::Marks::kinds();
                let mut zhongben: std::collections::HashSet<shenguan_domain::CaseNumber> =
                    std::collections::HashSet::new();
                for block in receive {
                    match block {
                        Block::Cases(records) => {
                            for record in &records {
                                let deadline = record
                                    .deadline(rules.limits, rules.calendar, rules.options)
                                    .ok()
                                    .flatten();
                                if crate::zhongben::is_zhongben(record) {
                                    zhongben.insert(record.case_no.clone());
                                }
                                if builder.push_record(record, deadline).is_err() {
                                    return Err(AppError::Invalid(text!(
                                        "法院超过65535个",
                                        "there are more than 65,535 courts"
                                    )));
                                }
                            }
                        }
                        Block::Events(events) => {
                            for event in &events {
                                if steps.contains(&event.kind) && !zhongben.contains(&event.case_no)
                                {
                                    continue;
                                }
                                builder.push_event(event);
                            }
                        }
                    }
                }
                Ok(builder.finish())
            });
            // The worker stops early only on an error, which it returns below.
            let stopped = || shenguan_store::StoreError::Corrupt("the worker stopped".into());
            let mut records = Vec::with_capacity(BLOCK);
            let read = store.inner.each_case(&mut |record| {
                records.push(record);
                if records.len() == BLOCK {
                    let full = std::mem::replace(&mut records, Vec::with_capacity(BLOCK));
                    send.send(Block::Cases(full)).map_err(|_| stopped())?;
                }
                Ok(())
            });
            let read = read.and_then(|()| {
                send.send(Block::Cases(std::mem::take(&mut records)))
                    .map_err(|_| stopped())?;
                // Only the events the engine reads (the appeal, the file sent up, the hearing, the
                // steps of the 终本 checklist).
                let mut kinds = vec![
                    shenguan_domain::EventKind::Appealed,
                    shenguan_domain::EventKind::FileSentUp,
                    shenguan_domain::EventKind::Hearing,
                ];
                kinds.extend_from_slice(shenguan_domain::zhongben::Marks::kinds());
                let mut events = Vec::with_capacity(BLOCK);
                store.inner.each_event_of(&kinds, &mut |event| {
                    events.push(event);
                    if events.len() == BLOCK {
                        let full = std::mem::replace(&mut events, Vec::with_capacity(BLOCK));
                        send.send(Block::Events(full)).map_err(|_| stopped())?;
                    }
                    Ok(())
                })?;
                send.send(Block::Events(events)).map_err(|_| stopped())
            });
            drop(send);
            let built = worker.join().unwrap_or_else(|_| {
                Err(AppError::Internal(
                    "the thread building the indicators' columns failed".into(),
                ))
            })?;
            read.map_err(fail)?;
            let mut built = built;
            built.set_petitions(petitions);
            Ok(built)
        })
    }

    /// The indicators' columns of the store's cases, fresh: read from the file kept beside the
    /// store when it was made at the store's current data version, else rebuilt from the store
    /// (row by row, the slow path) and written back for the next time. `note` is told when a
    /// rebuild happens and why. A file that cannot be written is said and left: the figures are
    /// right either way.
    pub fn columns(
        &self,
        store: &mut Store,
        note: &mut dyn FnMut(&Text),
    ) -> Result<Cases, AppError> {
        self.fresh_columns(store, note, true)
    }

    /// [`App::columns`] for counting alone: fresh columns are read without the case numbers (a
    /// third of the file, which only explain needs).
    pub fn columns_for_counting(
        &self,
        store: &mut Store,
        note: &mut dyn FnMut(&Text),
    ) -> Result<Cases, AppError> {
        self.fresh_columns(store, note, false)
    }

    fn fresh_columns(
        &self,
        store: &mut Store,
        note: &mut dyn FnMut(&Text),
        numbers: bool,
    ) -> Result<Cases, AppError> {
        let version = store.data_version()?;
        let path = self.columns_path(store);
        let read = |path: &Path| {
            if numbers {
                snapshot::read(path)
            } else {
                snapshot::read_for_counting(path)
            }
        };
        let why = match snapshot::tag_of(&path) {
            Ok(tag) if tag == self.columns_tag(version) => match read(&path) {
                Ok(cases) => return Ok(cases),
                Err(e) => {
                    let e = e.text();
                    let (zh, en) = (e.zh(), e.en());
                    text!("无法读取（{zh}）", "the file cannot be read ({en})")
                }
            },
            Ok(_) => text!(
                "数据或计算口径已更改",
                "the data or the configured readings changed"
            ),
            Err(_) if !path.exists() => text!("尚未生成", "they were not made yet"),
            Err(e) => {
                let e = e.text();
                let (zh, en) = (e.zh(), e.en());
                text!("格式不符（{zh}）", "the file is of another format ({en})")
            }
        };
        let (shown, zh, en) = (path.display(), why.zh(), why.en());
        note(&text!(
            "正在从数据库重建指标列存 {shown}：{zh}",
            "rebuilding the indicators' columns {shown} from the store: {en}"
        ));
        let cases = self.load_cases(store)?;
        self.keep_columns(&cases, &path, version, note);
        Ok(cases)
    }

    /// Writes `cases` as the columns of `store` at its current data version: what a command that
    /// changed the store and already holds the new columns does, so that the next reader finds
    /// them fresh.
    pub fn store_columns(
        &self,
        store: &mut Store,
        cases: &Cases,
        note: &mut dyn FnMut(&Text),
    ) -> Result<(), AppError> {
        let version = store.data_version()?;
        let path = self.columns_path(store);
        self.keep_columns(cases, &path, version, note);
        Ok(())
    }

    fn keep_columns(&self, cases: &Cases, path: &Path, version: u64, note: &mut dyn FnMut(&Text)) {
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .map_err(snapshot::SnapshotError::from)
            .and_then(|()| snapshot::write_tagged(cases, path, self.columns_tag(version)));
        if let Err(e) = written {
            let (shown, e) = (path.display(), e.text());
            let (zh, en) = (e.zh(), e.en());
            note(&text!(
                "指标列存未能写入 {shown}：{zh}，下次仍将从数据库读取",
                "the indicators' columns could not be kept in {shown} ({en}): the next run reads the store again"
            ));
        }
    }

    /// The tag kept columns carry: the store's data version, mixed with the configured readings
    /// the columns were computed under (the 终本 checklist's, the petition register's, and the
    /// review grades': the scale and the presumption for reversed cases), so that a change of any
    /// — not only of the data — has the columns built again.
    fn columns_tag(&self, version: u64) -> u64 {
        use sha2::Digest as _;
        let config = self.config();
        let readings = format!(
            "{:?}|{:?}|{:?}|{}",
            config.checklist, config.petitions, config.review_scale, config.review_presume_reversed
        );
        let digest = sha2::Sha256::digest(readings.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        version ^ u64::from_le_bytes(first)
    }

    /// Where the indicators' columns of `store` are kept: beside a SQLite file
    /// (`shenguan.db.columns`), or for a PostgreSQL store in the configured folder (by default
    /// the user's cache folder, see `Config::load`), named by a hash of its address (the password
    /// left out), so that every program on this machine finds the same.
    pub fn columns_path(&self, store: &Store) -> PathBuf {
        match store.inner.url() {
            StoreUrl::Sqlite(path) => {
                let mut name = path.as_os_str().to_owned();
                name.push(".columns");
                PathBuf::from(name)
            }
            StoreUrl::Postgres(url) => {
                use sha2::Digest as _;
                let digest = sha2::Sha256::digest(shenguan_store::redact(url).as_bytes());
                let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
                let dir = self
                    .config()
                    .columns_dir
                    .clone()
                    .unwrap_or_else(|| std::env::temp_dir().join("shenguan"));
                dir.join(format!("columns-{hex}.bin"))
            }
        }
    }

    /// The case columns of a simulation, built straight from the model (no records in between):
    /// the path to a snapshot of millions of generated cases.
    pub fn cases_from_simulation(&self, sim: &Simulation) -> Result<Cases, AppError> {
        // The simulated network's courts are the data's courts: known by name from here on.
        self.remember_court_list(crate::generate::network_courts(sim));
        let mut builder = CasesBuilder::with_capacity(sim.len());
        builder.checklist_rules(self.config().checklist);
        let mut number = String::new();
        let mut origin = String::new();
        let mut timeline = Vec::new();
        for index in 0..sim.len() {
            let case = sim.case(index);
            number.clear();
            origin.clear();
            let _ = write!(number, "{}", case.number);
            if let Some(o) = case.origin {
                let _ = write!(origin, "{o}");
            }
            builder
                .push(&CaseInput {
                    case_no: &number,
                    court: case.number.court,
                    type_id: CaseType::id_of(case.case_type.code),
                    procedure: case.procedure,
                    division: case.division,
                    judge: case.judge,
                    judge_id: case.judge_id,
                    filed_on: case.filed_on,
                    closed_on: case.closed_on,
                    deadline: case.deadline,
                    closing_method: case.closing_method,
                    claim_fen: case.claim_fen,
                    recovered_fen: case.recovered_fen,
                    extensions: u32::from(case.extension.is_some()),
                    excluded_days: case.excluded_days,
                    origin_case_no: case.origin.map(|_| origin.as_str()),
                })
                .map_err(|_| {
                    AppError::Invalid(text!(
                        "法院超过65535个",
                        "there are more than 65,535 courts"
                    ))
                })?;
            // Only the events the engine reads; hearings only where they count (二审开庭率), the
            // checklist's steps only of 终本 cases.
            let appealed = case.case_type.stage == shenguan_domain::Stage::FirstInstance;
            let heard = case.case_type.stage == shenguan_domain::Stage::SecondInstance;
            let zhongben = case.closing_method == Some("终结本次执行");
            if appealed || heard || zhongben {
                sim.events(index, &mut timeline);
                for event in &timeline {
                    match EventKind::of(event.kind) {
                        Some(EventKind::Hearing) if heard => {
                            builder.event_of_last(EventKind::Hearing, event.date)
                        }
                        Some(kind @ (EventKind::Appeal | EventKind::FileSentUp)) if appealed => {
                            builder.event_of_last(kind, event.date)
                        }
                        Some(kind @ EventKind::Step(_)) if zhongben => {
                            builder.event_of_last(kind, event.date)
                        }
                        _ => {}
                    }
                }
            }
        }
        let mut cases = builder.finish();
        // The simulated register beside them (identities unkeyed: the same petitioner is found by
        // name within the case each matter is about).
        let register = sim.petitions(None);
        cases.set_petitions(
            shenguan_metrics::petitions::PetitionColumns::build(
                &register,
                &self.config().petitions,
            )
            .with_assistance(&sim.assistance(&register), &register),
        );
        Ok(cases)
    }

    /// Writes the case columns to a snapshot file.
    pub fn write_snapshot(&self, cases: &Cases, path: &Path) -> Result<(), AppError> {
        snapshot::write(cases, path).map_err(|e| AppError::Io {
            path: path.display().to_string(),
            message: e.text(),
        })
    }

    /// Reads a snapshot file written by [`App::write_snapshot`]; without the case numbers
    /// unless `numbers` (explain needs them, computing does not).
    pub fn read_snapshot(&self, path: &Path, numbers: bool) -> Result<Cases, AppError> {
        let read = if numbers {
            snapshot::read(path)
        } else {
            snapshot::read_for_counting(path)
        };
        read.map_err(|e| match e {
            snapshot::SnapshotError::Io(e) => AppError::io(path.display().to_string(), e),
            format => {
                let (shown, why) = (path.display(), format.text());
                let (zh, en) = (why.zh(), why.en());
                AppError::Invalid(text!("{shown}: {zh}", "{shown}: {en}"))
            }
        })
    }

    /// The engine's query for a request (indicators defaulting to the core set).
    pub fn metrics_query(&self, request: &MetricsRequest) -> Result<Query, AppError> {
        let period = Period::new(request.from, request.to).ok_or_else(|| {
            let (from, to) = (request.from, request.to);
            AppError::Invalid(text!(
                "统计期间的终止日期 {to} 早于起始日期 {from}",
                "the period ends ({to}) before it begins ({from})"
            ))
        })?;
        let (earliest, latest) = (
            NaiveDate::from_ymd_opt(1949, 1, 1).unwrap_or(NaiveDate::MIN),
            NaiveDate::from_ymd_opt(2100, 12, 31).unwrap_or(NaiveDate::MAX),
        );
        if request.from < earliest || request.to > latest {
            return Err(AppError::Invalid(text!(
                "统计期间须在{earliest}至{latest}之间",
                "the period must lie between {earliest} and {latest}"
            )));
        }
        let indicators: Vec<&'static Indicator> = if request.indicators.is_empty() {
            core().collect()
        } else {
            request.indicators.clone()
        };
        // Each indicator as the chosen version defines it (the same code, maybe another formula).
        let indicators = indicators
            .into_iter()
            .map(|i| request.definitions.resolve(i))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| AppError::Invalid(e.text()))?;
        Ok(Query {
            period,
            filter: request.filter.clone(),
            group_by: request.group_by.clone(),
            indicators,
            standards: TimeStandards::default(),
            threads: std::thread::available_parallelism().map_or(1, usize::from),
        })
    }

    /// Computes the request over `cases`.
    pub fn metrics(
        &self,
        cases: &Cases,
        request: &MetricsRequest,
    ) -> Result<MetricsReport, AppError> {
        let query = self.metrics_query(request)?;
        // An answer too large to read is refused before it is computed (and kept).
        let cells = shenguan_metrics::cells_bound(cases, &query)
            .saturating_mul(1 + request.compare.len() as u128);
        if cells > MAX_CELLS {
            return Err(AppError::Invalid(text!(
                "所请求的结果可能多达{cells}个数值（上限{MAX_CELLS}），请缩短期间、减少分组或指标",
                "the answer could hold {cells} values (at most {MAX_CELLS}): shorten the period, or group by less, or ask for fewer indicators"
            )));
        }
        let invalid = |e: shenguan_metrics::QueryError| AppError::Invalid(e.text());
        let result = run(cases, &query).map_err(invalid)?;
        let mut comparisons = Vec::new();
        for comparison in &request.compare {
            let shifted = Query {
                period: comparison.period(query.period),
                ..query.clone()
            };
            comparisons.push((*comparison, run(cases, &shifted).map_err(invalid)?));
        }
        let ranges = query.indicators.iter().map(|i| self.range(i)).collect();
        let window = self.config().appeal_window_days;
        let provisional: Vec<bool> = query
            .indicators
            .iter()
            .map(|i| i.depends_on_appeals() && provisional(query.period.to, self.today(), window))
            .collect();
        let mut notes = Vec::new();
        if provisional.contains(&true) {
            let final_on = query.period.to + chrono::Days::new(u64::from(window));
            notes.push((
                format!(
                    "上诉率等依赖上诉结果的指标为暂定值：期间结束后{window}日内（至{final_on}），上诉期、送达和移送卷宗尚未走完，已提出的上诉可能尚未进入数据"
                ),
                format!(
                    "The appeal rates are provisional (暂定): within {window} days of the period's end (until {final_on}) appeals lodged against its closings may not have reached the data"
                ),
            ));
        }
        notes.extend(appeals_outside(cases, &request.filter, &result));
        let versions: Vec<u16> = query
            .indicators
            .iter()
            .map(|i| request.definitions.number(i.code))
            .collect();
        let changes = definition_changes(&query, &request.compare);
        notes.extend(version_notes(&query, &versions, &changes));
        let judge_labels = result
            .rows
            .iter()
            .flat_map(|row| &row.group)
            .filter(|(d, _)| *d == Dimension::Judge)
            .map(|(_, key)| (key.clone(), cases.judge_label(key)))
            .collect();
        Ok(MetricsReport {
            result,
            comparisons,
            ranges,
            provisional,
            notes,
            judge_labels,
            petition_register: !cases.petitions().is_empty(),
            versions,
            changes,
        })
    }

    /// An indicator's reference range: the configured one, else the catalogue's default.
    pub fn range(&self, indicator: &Indicator) -> (Option<f64>, Option<f64>) {
        self.config()
            .ranges
            .iter()
            .rev()
            .find(|(code, _)| code == indicator.code)
            .map_or(indicator.range, |(_, range)| *range)
    }

    /// The case numbers in `part` of `indicator` for the request's period and filter.
    pub fn explain(
        &self,
        cases: &Cases,
        request: &MetricsRequest,
        indicator: &Indicator,
        part: Part,
    ) -> Result<Vec<String>, AppError> {
        let query = self.metrics_query(request)?;
        let indicator = versioned(request, indicator)?;
        let numbers =
            explain(cases, &query, indicator, part).map_err(|e| AppError::Invalid(e.text()))?;
        Ok(numbers.into_iter().map(str::to_string).collect())
    }

    /// The petitions in `part` of the petition indicator `indicator` for the request's period
    /// and filter: each as (the store's number, court code, register number), in the register's
    /// order. The store's number is `None` for a petition the store no longer holds (the columns
    /// were kept from before).
    pub fn explain_petitions(
        &self,
        store: &mut Store,
        cases: &Cases,
        request: &MetricsRequest,
        indicator: &Indicator,
        part: Part,
    ) -> Result<Vec<(Option<i64>, String, String)>, AppError> {
        let query = self.metrics_query(request)?;
        let indicator = versioned(request, indicator)?;
        let found: Vec<(String, String)> =
            shenguan_metrics::explain_petitions(cases, &query, indicator, part)
                .into_iter()
                .map(|(court, number)| (court.to_string(), number.to_string()))
                .collect();
        let ids = store.inner.petition_ids(&found)?;
        Ok(found
            .into_iter()
            .map(|key| {
                let id = ids.get(&key).copied();
                (id, key.0, key.1)
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_shown_rounded_half_up_once() {
        assert_eq!(display_value(Unit::Percent, Some(98.375)), "98.38");
        assert_eq!(display_value(Unit::Percent, Some(98.3749)), "98.37");
        assert_eq!(display_value(Unit::Days, Some(-1.005)), "-1.00");
        assert_eq!(display_value(Unit::Days, Some(-0.004)), "0.00");
        assert_eq!(display_value(Unit::Cases, Some(1234.0)), "1234");
        assert_eq!(display_value(Unit::Percent, None), "—");
        assert_eq!(
            Change::between(Unit::Cases, Some(105.0), Some(100.0)).map(|c| c.label_zh(Unit::Cases)),
            Some("+5.00%".into())
        );
        assert_eq!(Change::between(Unit::Cases, Some(5.0), Some(0.0)), None);
        assert_eq!(
            Change::between(Unit::Percent, Some(90.0), Some(91.3))
                .map(|c| c.label_zh(Unit::Percent)),
            Some("-1.30个百分点".into())
        );
        assert_eq!(
            Change::between(Unit::Days, Some(60.0), Some(78.0)).map(|c| c.label_en(Unit::Days)),
            Some("-18.00 days".into())
        );
    }
}
