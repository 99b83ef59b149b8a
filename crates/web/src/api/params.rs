//! The query parameters of the JSON API as the OpenAPI document states them (utoipa
//! `IntoParams`), with the fixed sets of values the handlers accept.
//!
//! The handlers read the query as name–value pairs (`crate::param`: the last non-empty value,
//! trimmed, the same reading as the pages), so that an empty or repeated parameter and a refusal's
//! wording stay as they are; these types only describe them. The sets of values below are the
//! ones the handlers check against, so the document lists what is accepted.

use shenguan_domain::WarningTier;
use utoipa::IntoParams;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};

/// `months` of `/api/v1/long-pending`: 长期未结 is counted at 12, 18 and 36 months; the first is
/// the default.
pub(crate) const LONG_PENDING_MONTHS: [u32; 3] = [12, 18, 36];

/// `days` of `/api/v1/enforcement/idle`: 长期未采取执行措施 at 30, 60 and 90 days; the first is the
/// default.
pub(crate) const IDLE_DAYS: [u32; 3] = [30, 60, 90];

/// The file formats an import reads.
pub(crate) const IMPORT_FORMATS: [&str; 3] = ["csv", "xlsx", "parquet"];

/// Declares a schema written by hand, for a field to name with `value_type = …, inline`: the fixed
/// set of values a parameter takes (utoipa's derive cannot list the values of a field read as
/// text or a number, and its `schema_with` drops the parameter's description and whether it is
/// required), or the file an import's body is.
macro_rules! choices {
    ($(#[$doc:meta])* $name:ident => $schema:expr) => {
        $(#[$doc])*
        pub(crate) struct $name;

        impl utoipa::PartialSchema for $name {
            fn schema() -> RefOr<Schema> {
                $schema.into()
            }
        }

        impl utoipa::ToSchema for $name {}
    };
}

fn integers(values: &[u32]) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .enum_values(Some(values.iter().copied()))
        .default(values.first().map(|v| (*v).into()))
}

fn texts<const N: usize>(values: [&'static str; N]) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values))
}

choices!(
    /// 12, 18 or 36 months.
    PendingMonths => integers(&LONG_PENDING_MONTHS)
);
choices!(
    /// 30, 60 or 90 days.
    IdleDays => integers(&IDLE_DAYS)
);
choices!(
    /// csv, xlsx or parquet.
    ImportFormat => texts(IMPORT_FORMATS)
);
choices!(
    /// The warning tiers, from the domain's own list.
    Tier => texts(WarningTier::ALL.map(WarningTier::key)).description(Some(
        "预警等级 overdue (已超审限), 5_days, 15_days, 30_days (剩余5、15、30日内), two_thirds (已用审限三分之二)"
    ))
);
choices!(
    /// numerator (分子) or denominator (分母).
    RatioPart => texts(["numerator", "denominator"]).default(Some("numerator".into()))
);
choices!(
    /// The file of an import, as it is.
    ImportFile => ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
);
choices!(
    /// A yes or no: true or 1, false or 0.
    YesOrNo => texts(["true", "false", "1", "0"]).default(Some("false".into()))
);

/// The parameters of a metrics request: those of `shenguan metrics`, by the same names.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "describes the query the handler reads as pairs")]
pub(crate) struct MetricsParams {
    /// 起始日期 first day (YYYY-MM-DD)
    #[param(format = Date, example = "2026-01-01")]
    from: String,
    /// 截止日期 last day (YYYY-MM-DD)
    #[param(format = Date, example = "2026-06-30")]
    to: String,
    /// 分组, comma-separated: court, division, judge, type, category, stage, procedure, and one
    /// of month, quarter, year
    by: Option<String>,
    /// 法院代字: that court alone, or with the courts below it with `with_lower=true`
    court: Option<String>,
    /// 含下级法院: with `court`, the courts below it too
    #[param(value_type = Option<YesOrNo>, inline)]
    with_lower: Option<String>,
    /// 案件类别 criminal, civil, … (or the Chinese name)
    category: Option<String>,
    /// 类型代字, e.g. 民初
    #[param(rename = "type")]
    type_code: Option<String>,
    /// 审级 first_instance, … (or the Chinese name)
    stage: Option<String>,
    /// 适用程序 普通, 简易, …
    procedure: Option<String>,
    /// 承办部门
    division: Option<String>,
    /// 承办人：工号、姓名或“法院代字:姓名”; a staff number, a name, or court:name
    judge: Option<String>,
    /// 指标代码, comma-separated (default: the core set)
    indicators: Option<String>,
    /// 对比 yoy (同比), prev (环比), comma-separated
    compare: Option<String>,
    /// 指标口径：current（现行，默认）或一个日期（该日施行的口径）; the definitions: current (the
    /// default) or a day, the definitions in force on it
    definitions: Option<String>,
    /// 指定口径版本, comma-separated: indicator=version, e.g. within_limit_rate=1
    definition: Option<String>,
}

/// What `/api/v1/metrics/explain` asks besides the metrics parameters.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "describes the query the handler reads as pairs")]
pub(crate) struct ExplainParams {
    /// 指标代码, e.g. new, within_limit_rate
    #[param(example = "new")]
    indicator: String,
    /// The part of a ratio whose cases are listed: numerator (分子) or denominator (分母)
    #[param(value_type = Option<RatioPart>, inline)]
    part: Option<String>,
}

/// The parameters of the case list.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "describes the query the handler reads as pairs")]
pub(crate) struct CaseListParams {
    /// 法院代字: that court alone, or with the courts below it with `with_lower=true`
    court: Option<String>,
    /// 含下级法院: with `court`, the courts below it too
    #[param(value_type = Option<YesOrNo>, inline)]
    with_lower: Option<String>,
    /// 起始日期: cases not closed before this day (YYYY-MM-DD)
    #[param(format = Date)]
    from: Option<String>,
    /// 截止日期: cases filed by this day (YYYY-MM-DD)
    #[param(format = Date)]
    to: Option<String>,
    /// Cases per page, at most 1000 (default 100)
    #[param(minimum = 0)]
    limit: Option<u32>,
    /// Cases to skip (default 0)
    #[param(minimum = 0)]
    offset: Option<u32>,
}

/// The scope a supervision list is narrowed to (within the user's own).
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "describes the query the handler reads as pairs")]
pub(crate) struct ListParams {
    /// 法院代字: that court alone, or with the courts below it with `with_lower=true`
    court: Option<String>,
    /// 含下级法院: with `court`, the courts below it too
    #[param(value_type = Option<YesOrNo>, inline)]
    with_lower: Option<String>,
    /// 承办部门
    division: Option<String>,
    /// 承办人：工号、姓名或“法院代字:姓名”; a staff number, a name, or court:name
    judge: Option<String>,
}

/// The tier of `/api/v1/warnings`.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "describes the query the handler reads as pairs")]
pub(crate) struct TierParams {
    /// 预警等级 (default: every tier)
    #[param(value_type = Option<Tier>, inline)]
    tier: Option<String>,
}

/// The age of `/api/v1/long-pending`.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "describes the query the handler reads as pairs")]
pub(crate) struct MonthsParams {
    /// 未结月数: pending more than this many months
    #[param(value_type = Option<PendingMonths>, inline)]
    months: Option<u32>,
}

/// The idle time of `/api/v1/enforcement/idle`.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "describes the query the handler reads as pairs")]
pub(crate) struct DaysParams {
    /// 未采取措施天数: no measure for more than this many days
    #[param(value_type = Option<IdleDays>, inline)]
    days: Option<u32>,
}

/// The parameters of an import; the file is the request body.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "describes the query the handler reads as pairs")]
pub(crate) struct ImportParams {
    /// 文件格式
    #[param(value_type = ImportFormat, inline, example = "csv")]
    format: String,
    /// true: validate only, write nothing
    #[param(value_type = Option<YesOrNo>, inline)]
    dry_run: Option<String>,
    /// true: write the good rows, report the bad ones (default: all or nothing)
    #[param(value_type = Option<YesOrNo>, inline)]
    skip_invalid: Option<String>,
    /// XLSX sheet (default: the first)
    sheet: Option<String>,
}
