//! `shenguan case-types` and `shenguan time-limits`: the reference tables the program applies.

use serde::Serialize;
use shenguan_app::{App, AppError};
use shenguan_domain::{CaseType, Period};

use crate::output::JsonLines;

/// 类型代字表（含案件类别与审级）— the case-type code table with category and stage.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan case-types
  shenguan case-types | grep '\"civil\"'")]
pub struct CaseTypesArgs {}

/// 审限表（含法律依据，已合并本院配置）— the time-limit table in force, with legal bases.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan time-limits
  shenguan --config shenguan.toml time-limits   # with the court's overrides")]
pub struct TimeLimitsArgs {}

#[derive(Debug, Serialize)]
struct CaseTypeJson {
    code: &'static str,
    category: &'static str,
    category_zh: &'static str,
    stage: &'static str,
    stage_zh: &'static str,
    class_no: &'static str,
    name_zh: &'static str,
    name_en: &'static str,
}

#[derive(Debug, Serialize)]
struct TimeLimitJson<'a> {
    type_code: &'static str,
    procedure: &'static str,
    default: bool,
    limit: Option<String>,
    basis: &'a str,
    certainty: &'static str,
}

pub fn case_types(_args: CaseTypesArgs) -> Result<(), AppError> {
    let mut out = JsonLines::stdout();
    for t in CaseType::all() {
        let json = CaseTypeJson {
            code: t.code,
            category: t.category.key(),
            category_zh: t.category.label_zh(),
            stage: t.stage.key(),
            stage_zh: t.stage.label_zh(),
            class_no: t.class_no,
            name_zh: t.name_zh,
            name_en: t.name_en,
        };
        if !out.write(&json)? {
            break;
        }
    }
    out.finish()
}

pub fn time_limits(app: &App, _args: TimeLimitsArgs) -> Result<(), AppError> {
    let mut out = JsonLines::stdout();
    for rule in app.time_limits().rules() {
        let json = TimeLimitJson {
            type_code: rule.type_code,
            procedure: rule.procedure.label_zh(),
            default: rule.is_default,
            limit: rule.limit.map(Period::label_zh),
            basis: &rule.basis,
            certainty: rule.certainty.label_zh(),
        };
        if !out.write(&json)? {
            break;
        }
    }
    out.finish()
}
