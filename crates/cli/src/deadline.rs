//! `shenguan deadline`: the statutory deadline of a case, with the notes that explain it.

use std::path::PathBuf;

use serde::Serialize;
use shenguan_app::deadlines::DeadlineQuery;
use shenguan_app::{App, AppError, Config, text};
use shenguan_domain::{Knowledge, Period, Procedure, parse_date};

use crate::output::JsonLines;

/// 计算审限届满日 — compute the deadline (审限届满日) of a case.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan deadline --filed 2024-03-05 --type 民初
  shenguan deadline --filed 2024/3/5 --type 民初 --procedure 简易 --extend 1m
  shenguan deadline --filed 2024年7月1日 --type 民终 --procedure 裁定
  shenguan deadline --filed 2024-01-31 --type 民初 --extend 6m --extend 30d --exclude-days 15
  shenguan deadline --filed 2024-03-05 --type '（2024）苏0102民初1234号'

Procedures (--procedure): 普通 简易 小额诉讼 速裁 特别 判决 裁定 自诉 非诉 一审程序 二审程序.
The deadline moves off rest days (holidays, weekends not made working days) unless --no-roll or
deadline.roll_past_rest_days = false in the configuration.")]
pub struct Args {
    /// 立案日期 — filing date: 2024-03-05, 2024/3/5, 2024年3月5日 or 20240305.
    #[arg(long, value_name = "DATE")]
    filed: String,
    /// 类型代字（如 民初）或完整案号 — type code, or a whole case number.
    #[arg(long = "type", value_name = "TYPE_CODE")]
    type_code: String,
    /// 适用程序 — procedure; defaults to the type's usual one (民初: 普通, 民终: 判决).
    #[arg(long, value_name = "PROCEDURE")]
    procedure: Option<String>,
    /// 延长审限 — an approved extension, e.g. 6m or 30d; repeat in order of approval.
    #[arg(long = "extend", value_name = "PERIOD")]
    extensions: Vec<String>,
    /// 扣除审限天数 — total excluded days.
    #[arg(long, value_name = "N", default_value_t = 0)]
    exclude_days: u32,
    /// 不顺延节假日 — do not move a deadline that falls on a rest day.
    #[arg(long)]
    no_roll: bool,
    /// 补充节假日安排 CSV (date,kind,holiday,year_notice), e.g. a newly published notice.
    #[arg(long, value_name = "CSV")]
    holidays: Option<PathBuf>,
}

#[derive(Debug, Serialize)]
struct DeadlineJson {
    deadline: Option<String>,
    limit: Option<String>,
    limit_en: Option<String>,
    filed: String,
    type_code: String,
    procedure: Option<&'static str>,
    extensions: Vec<String>,
    excluded_days: u32,
    rolled_past_rest_days: bool,
    calendar: &'static str,
    notes: Vec<String>,
    notes_en: Vec<String>,
}

pub fn run(mut config: Config, args: Args) -> Result<(), AppError> {
    if let Some(path) = args.holidays {
        config.holidays_file = Some(path);
    }
    let app = App::new(config)?;
    let filed_on =
        parse_date(&args.filed).map_err(|e| AppError::invalid_for("--filed", &e.text()))?;
    let procedure = args
        .procedure
        .as_deref()
        .map(|text| {
            Procedure::parse(text).ok_or_else(|| {
                let keys: Vec<&str> = Procedure::ALL.iter().map(|p| p.key()).collect();
                let keys = keys.join(", ");
                AppError::Invalid(text!(
                    "--procedure “{text}” 无法识别，可选 普通 简易 小额诉讼 速裁 特别 判决 裁定 自诉 非诉 一审程序 二审程序",
                    "--procedure “{text}” is not a procedure; choose one of: {keys}"
                ))
            })
        })
        .transpose()?;
    let extensions = args
        .extensions
        .iter()
        .map(|text| Period::parse(text).map_err(|e| AppError::invalid_for("--extend", &e.text())))
        .collect::<Result<Vec<_>, _>>()?;
    let query = DeadlineQuery {
        filed_on,
        type_or_case_number: args.type_code.clone(),
        procedure,
        extensions: extensions.clone(),
        excluded_days: args.exclude_days,
        roll_past_rest_days: args.no_roll.then_some(false),
    };
    let deadline = app.deadline(&query)?;
    let json = DeadlineJson {
        deadline: deadline.date.map(|d| d.to_string()),
        limit: deadline.limit.map(Period::label_zh),
        limit_en: deadline.limit.map(Period::label_en),
        filed: filed_on.to_string(),
        type_code: args.type_code,
        procedure: deadline.procedure.map(Procedure::label_zh),
        extensions: extensions.iter().map(|p| p.label_zh()).collect(),
        excluded_days: args.exclude_days,
        rolled_past_rest_days: query
            .roll_past_rest_days
            .unwrap_or(app.config().roll_past_rest_days),
        calendar: match deadline.calendar {
            Knowledge::Known => "known",
            Knowledge::Provisional => "provisional",
            Knowledge::Unknown => "unknown",
        },
        notes: deadline.notes,
        notes_en: deadline.notes_en,
    };
    let mut out = JsonLines::stdout();
    out.write(&json)?;
    out.finish()
}
