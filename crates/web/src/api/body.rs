//! The answers of the JSON API as types: each route serializes one of these, and the OpenAPI
//! document's schemas are derived from the same types (utoipa), so the document cannot say other
//! than what is answered. Fields are in the order the answer writes them; a field that may be
//! null is still always there (`required`, nullable). Dates are `YYYY-MM-DD` text.

use serde::Serialize;
use shenguan_app::metrics::Part;
use shenguan_domain::{CaseRecord, EventRecord, Party, Payment, join_exclusions, join_extensions};
use utoipa::ToSchema;

use super::params::Tier;

/// A case as the API shows it: the canonical columns and the derived deadline and trial days.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Case {
    /// 案号
    pub case_no: String,
    /// 法院代字
    pub court: String,
    /// 法院名称
    #[schema(required = true)]
    pub court_name: Option<String>,
    /// 类型代字, e.g. 民初
    #[schema(required = true)]
    pub type_code: Option<&'static str>,
    /// 适用程序 普通, 简易, …
    #[schema(required = true)]
    pub procedure: Option<&'static str>,
    /// 案由
    #[schema(required = true)]
    pub cause: Option<String>,
    /// 承办部门
    #[schema(required = true)]
    pub division: Option<String>,
    /// 承办人 (name)
    #[schema(required = true)]
    pub judge: Option<String>,
    /// 承办人工号 (staff number); null when the data names the judge only by name
    #[schema(required = true)]
    pub judge_id: Option<String>,
    /// 立案日期
    #[schema(format = Date)]
    pub filed_on: String,
    /// 结案日期 (null: pending)
    #[schema(required = true, format = Date)]
    pub closed_on: Option<String>,
    /// 结案方式
    #[schema(required = true)]
    pub closing_method: Option<&'static str>,
    /// 延长审限 as granted, with the approval where known, e.g.
    /// 6个月@2026-01-05/本院院长/案情复杂;30日 (empty: none)
    pub extension: String,
    /// 扣除审限: grounds with dates or days, e.g. 公告 2026-02-01~2026-04-01;鉴定 45日 (empty: none)
    pub exclusions: String,
    /// 扣除审限天数: the days the exclusions take off the time limit
    pub excluded_days: u32,
    /// 原审案号
    #[schema(required = true)]
    pub origin_case_no: Option<String>,
    /// 审限届满日 (null: no time limit applies)
    #[schema(required = true, format = Date)]
    pub deadline: Option<String>,
    /// 审理天数 of a closed case (null: pending)
    #[schema(required = true)]
    pub trial_days: Option<i64>,
}

impl Case {
    pub fn new(app: &shenguan_app::App, c: &CaseRecord) -> Case {
        Case {
            case_no: c.case_no.to_string(),
            court: c.court.to_string(),
            court_name: c.court_name.clone(),
            type_code: c.case_no.case_type().map(|t| t.code),
            procedure: c.procedure.map(|p| p.label_zh()),
            cause: c.cause.clone(),
            division: c.division.clone(),
            judge: c.judge.clone(),
            judge_id: c.judge_id.as_ref().map(ToString::to_string),
            filed_on: c.filed_on.to_string(),
            closed_on: c.closed_on.map(|d| d.to_string()),
            closing_method: c.closing_method.map(|m| m.label_zh()),
            extension: join_extensions(&c.extensions),
            exclusions: join_exclusions(&c.exclusions),
            excluded_days: c.excluded_days(),
            origin_case_no: c.origin_case_no.as_ref().map(ToString::to_string),
            deadline: app.case_deadline(c).map(|d| d.to_string()),
            trial_days: c.trial_days(),
        }
    }
}

/// `GET /api/v1/cases`: one page of the cases the user may see.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CaseList {
    /// The cases of the scope and period in all, over every page
    pub total: u64,
    pub offset: usize,
    pub limit: usize,
    pub cases: Vec<Case>,
}

/// An event of a case's timeline (立案, 开庭, …).
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Event {
    #[schema(format = Date)]
    pub date: String,
    /// 节点: 立案, 开庭, 结案, …
    pub kind: &'static str,
    pub detail: String,
}

impl Event {
    pub fn new(e: &EventRecord) -> Event {
        Event {
            date: e.date.to_string(),
            kind: e.kind.label_zh(),
            detail: e.detail.clone(),
        }
    }
}

/// 当事人: identity numbers are never kept; a masked form and a keyed hash (identity_key) are.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CaseParty {
    /// 诉讼地位: 原告, 被告, …
    pub role: &'static str,
    /// 自然人, 法人, …
    #[schema(required = true)]
    pub kind: Option<&'static str>,
    pub name: String,
    /// 证件号码, masked
    #[schema(required = true)]
    pub id_masked: Option<String>,
    /// A keyed hash of the identity number, for the same person across cases
    #[schema(required = true)]
    pub identity_key: Option<String>,
    /// 代理人
    #[schema(required = true)]
    pub agent: Option<String>,
    /// 送达地址
    #[schema(required = true)]
    pub address: Option<String>,
}

impl CaseParty {
    pub fn new(p: &Party) -> CaseParty {
        CaseParty {
            role: p.role.label_zh(),
            kind: p.kind.map(|k| k.label_zh()),
            name: p.name.clone(),
            id_masked: p.id_masked.clone(),
            identity_key: p.identity.as_ref().map(ToString::to_string),
            agent: p.agent.clone(),
            address: p.address.clone(),
        }
    }
}

/// 执行款: 收款 received, 发放 paid out.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CasePayment {
    #[schema(format = Date)]
    pub date: String,
    /// 收款 | 发放
    pub kind: &'static str,
    /// 金额 in yuan, two decimals, as text (no rounding on the way)
    pub amount: String,
    pub note: String,
}

impl CasePayment {
    pub fn new(p: &Payment) -> CasePayment {
        CasePayment {
            date: p.date.to_string(),
            kind: p.kind.label_zh(),
            amount: p.amount.to_string(),
            note: p.note.clone(),
        }
    }
}

/// `GET /api/v1/cases/{case_no}`: the case with its timeline, parties and payments.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CaseDetail {
    #[serde(flatten)]
    pub case: Case,
    pub events: Vec<Event>,
    pub parties: Vec<CaseParty>,
    pub payments: Vec<CasePayment>,
}

/// `GET /api/v1/metrics/explain`: the case numbers behind a value.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Explain {
    /// 指标代码
    pub indicator: &'static str,
    pub part: ExplainedPart,
    /// The cases behind it (empty for a petition indicator)
    pub cases: Vec<String>,
    /// The petitions behind a petition indicator (信访), in the register's order (empty for
    /// the others)
    pub petitions: Vec<ExplainedPetition>,
}

/// A petition behind a figure.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ExplainedPetition {
    /// The store's number of it (`GET /api/v1/petitions/{id}`)
    #[schema(required = true)]
    pub id: Option<i64>,
    /// 法院代字
    pub court: String,
    /// 登记号
    pub register_no: String,
}

/// Which part of a ratio the cases are: its numerator or its denominator.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ExplainedPart {
    Numerator,
    Denominator,
}

impl From<Part> for ExplainedPart {
    fn from(part: Part) -> ExplainedPart {
        match part {
            Part::Numerator => ExplainedPart::Numerator,
            Part::Denominator => ExplainedPart::Denominator,
        }
    }
}

/// A case with a time-limit warning.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Warning {
    #[serde(flatten)]
    pub case: Case,
    /// Days to the deadline, negative when overdue
    pub days_left: i64,
    // Described by its schema: a description here would make utoipa wrap the inlined schema.
    #[schema(value_type = Tier, inline)]
    pub tier: &'static str,
    /// The tier in Chinese, e.g. 已超审限
    pub tier_label: &'static str,
}

impl Warning {
    pub fn new(app: &shenguan_app::App, w: &shenguan_app::supervision::Warning) -> Warning {
        Warning {
            case: Case::new(app, &w.case),
            days_left: w.days_left,
            tier: w.tier.key(),
            tier_label: w.tier.label_zh(),
        }
    }
}

/// `GET /api/v1/warnings`: time-limit warnings as of today, most urgent first.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Warnings {
    #[schema(format = Date)]
    pub as_of: String,
    pub count: usize,
    pub warnings: Vec<Warning>,
}

/// A case pending for long, with its age and last event.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct LongPendingCase {
    #[serde(flatten)]
    pub case: Case,
    /// Days since filing
    pub age_days: i64,
    /// The latest event of its timeline (null: none recorded)
    #[schema(required = true)]
    pub last_event: Option<Event>,
}

/// `GET /api/v1/long-pending`: cases pending more than `months` months, oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct LongPending {
    #[schema(format = Date)]
    pub as_of: String,
    pub months: u32,
    pub count: usize,
    pub cases: Vec<LongPendingCase>,
}

/// A pending enforcement case with no measure for a while.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct IdleCase {
    #[serde(flatten)]
    pub case: Case,
    /// The last measure's date (null: none taken)
    #[schema(required = true, format = Date)]
    pub last_measure: Option<String>,
    /// Days since the last measure, or since filing when none was taken
    pub idle_days: i64,
}

/// `GET /api/v1/enforcement/idle`: pending enforcement cases with no measure for more than `days`
/// days, longest idle first.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct IdleEnforcement {
    #[schema(format = Date)]
    pub as_of: String,
    pub days: u32,
    pub count: usize,
    pub cases: Vec<IdleCase>,
}

/// A line of the audit log.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct AuditEntry {
    /// When, with the offset, e.g. 2026-11-27T09:30:00+08:00
    #[schema(format = DateTime)]
    pub at: String,
    /// The account (null: the system, or a sign-in by nobody)
    #[schema(required = true)]
    pub user: Option<String>,
    /// What was done, e.g. case.view, import
    pub action: String,
    pub detail: String,
}

/// `GET /api/v1/audit`: the latest lines of the audit log, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Audit {
    pub entries: Vec<AuditEntry>,
}

/// A bad row of an imported file.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct RowError {
    /// The row's line in the file (the header is row 1)
    pub row: usize,
    /// The column as the file's header names it (empty: the whole row)
    pub column: String,
    pub value: String,
    pub reason_zh: String,
    pub reason_en: String,
}

/// How many values of one column the import changes.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ColumnChange {
    /// The column's English name
    pub column: String,
    /// The column's Chinese name
    pub column_zh: String,
    /// Values changed
    pub changed: u64,
    /// Of them, values cleared (an empty cell)
    pub cleared: u64,
}

/// One changed value: what the store holds and what the file says.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ValueChange {
    pub case_no: String,
    pub column: String,
    /// "" for none
    pub old: String,
    pub new: String,
}

/// What the valid case rows change in the store (a dry run too); a column the file lacks changes
/// nothing.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Changes {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub cleared: u64,
    pub columns: Vec<ColumnChange>,
    /// The first changes, as examples
    pub first: Vec<ValueChange>,
}

impl Changes {
    pub fn new(report: &shenguan_app::imports::ChangeReport) -> Changes {
        Changes {
            added: report.added,
            updated: report.updated,
            unchanged: report.unchanged,
            cleared: report.cleared(),
            columns: report
                .per_field
                .iter()
                .map(|(field, (changed, cleared))| ColumnChange {
                    column: field.header(false).to_string(),
                    column_zh: field.header(true).to_string(),
                    changed: *changed,
                    cleared: *cleared,
                })
                .collect(),
            first: report
                .examples
                .iter()
                .map(|c| ValueChange {
                    case_no: c.case_no.clone(),
                    column: c.field.header(false).to_string(),
                    old: c.old.clone(),
                    new: c.new.clone(),
                })
                .collect(),
        }
    }
}

/// How many supervision records of one kind an import adds, takes further (steps or a decision
/// taken since), or finds as stored (or further along in the store).
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct RecordTally {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
}

impl RecordTally {
    fn new(tally: shenguan_app::imports::Tally) -> RecordTally {
        RecordTally {
            added: tally.added,
            updated: tally.updated,
            unchanged: tally.unchanged,
        }
    }
}

/// What the supervision records among the files (督办 items, time-limit applications, 终本
/// reviews, as an export writes them) do to the store (a dry run too).
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Records {
    pub items: RecordTally,
    pub requests: RecordTally,
    pub reviews: RecordTally,
}

impl Records {
    pub(crate) fn new(counts: &shenguan_app::imports::RecordCounts) -> Records {
        Records {
            items: RecordTally::new(counts.items),
            requests: RecordTally::new(counts.requests),
            reviews: RecordTally::new(counts.reviews),
        }
    }
}

/// What was written to the store.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Written {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub events_added: u64,
    /// Petitions of a register (信访登记表) added, and stored ones updated
    pub petitions_added: u64,
    pub petitions_updated: u64,
    /// Rows of a high court's petition notice written
    pub notice_rows: u64,
    /// Applications for judicial assistance (司法救助) added, and stored ones updated
    pub assistance_added: u64,
    pub assistance_updated: u64,
}

/// `POST /api/v1/import`: the report of an import or a dry run.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Import {
    pub rows_read: usize,
    pub cases_valid: usize,
    pub events_valid: usize,
    pub errors: Vec<RowError>,
    /// Notes that did not stop the import, in the language of the request's Accept-Language
    pub warnings: Vec<String>,
    pub changes: Changes,
    pub records: Records,
    /// null: nothing was written (a dry run, or bad rows without skip_invalid)
    #[schema(required = true)]
    pub written: Option<Written>,
    /// Whether the indicators were recomputed from the new data
    pub indicators_refreshed: bool,
}

// Only a description: the body is written by `MetricsReport::to_json` in the application (shared
// with the command line, and kept as bytes with the figures), and deriving the schema there would
// bring the OpenAPI library into the application crate. The tests check real answers against it.
/// `GET /api/v1/metrics`: the body `shenguan metrics --format json` prints, with unrounded
/// numbers (a count is a whole number).
#[derive(Debug, ToSchema)]
#[expect(
    dead_code,
    reason = "a description of the body MetricsReport::to_json writes, never built here"
)]
pub(crate) struct Metrics {
    #[schema(format = Date)]
    from: String,
    #[schema(format = Date)]
    to: String,
    /// The dimensions of the rows: court, division, judge, type, category, stage, procedure,
    /// month, quarter, year
    group_by: Vec<String>,
    rows: Vec<MetricsRow>,
    /// Indicators whose values are provisional (暂定): appeals against the period's closings may
    /// not have reached the data yet
    provisional: Vec<String>,
    /// Why values are provisional or undefined, which definitions are not the current ones, and
    /// which comparisons cross a change of definition
    notes: Vec<Note>,
    /// 指标代码 → the version of its definition used (1 for an indicator never changed)
    definitions: std::collections::BTreeMap<String, u16>,
    /// The changes of definition a comparison (yoy, prev) crosses
    definition_changes: Vec<DefinitionChange>,
}

/// A change of an indicator's definition that took effect between a compared period's end and
/// this period's end.
#[derive(Debug, ToSchema)]
#[expect(dead_code, reason = "part of the Metrics description")]
pub(crate) struct DefinitionChange {
    /// 指标代码
    indicator: String,
    /// The version in force from `since`
    version: u16,
    /// The day it took effect
    #[schema(format = Date)]
    since: String,
    /// The comparisons that cross it: yoy, prev
    comparisons: Vec<String>,
}

/// One group of the metrics body, with its values by indicator code.
#[derive(Debug, ToSchema)]
#[expect(dead_code, reason = "part of the Metrics description")]
pub(crate) struct MetricsRow {
    /// The group's value per dimension; a judge is `judge` (the name as shown), `judge_id`
    /// (staff number, null when the data gives only a name) and `judge_key` (what `judge=` takes)
    group: std::collections::BTreeMap<String, Option<String>>,
    /// 指标代码 → value (null: undefined)
    values: std::collections::BTreeMap<String, Option<f64>>,
    /// 同比: the same period a year before (with compare=yoy)
    yoy: Option<std::collections::BTreeMap<String, Option<f64>>>,
    /// 环比: the period before (with compare=prev)
    prev: Option<std::collections::BTreeMap<String, Option<f64>>>,
}

/// A note in both languages.
#[derive(Debug, ToSchema)]
#[expect(dead_code, reason = "part of the Metrics description")]
pub(crate) struct Note {
    zh: String,
    en: String,
}
