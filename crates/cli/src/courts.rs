//! `shenguan courts`: what a court code means, or the network's court list.

use std::path::PathBuf;

use serde::Serialize;
use shenguan_app::{App, AppError, Config};
use shenguan_domain::{CourtCode, CourtRegistry};

use crate::output::{JsonLines, say};

/// 法院代字：层级、省份、上级法院 — court codes: level, province, parent.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan courts 苏0102 京73 最高法
  shenguan courts --file courts.csv            # list the network's courts
  shenguan courts --file courts.csv 苏0102     # with the names from the list

A court list is a CSV with the header code,name[,parent] (or 法院代字,法院名称[,上级法院代字]).")]
pub struct Args {
    /// 法院名单 CSV — the network's court list (else courts.file from the configuration).
    #[arg(long, value_name = "CSV")]
    file: Option<PathBuf>,
    /// 法院代字 — court codes to describe; without any, the whole list is printed.
    codes: Vec<String>,
}

#[derive(Debug, Serialize)]
struct CourtJson {
    code: String,
    valid: bool,
    name: Option<String>,
    listed: bool,
    level: Option<&'static str>,
    province: Option<&'static str>,
    parent: Option<String>,
    kind: Option<&'static str>,
    error: Option<String>,
}

pub fn run(mut config: Config, args: Args) -> Result<(), AppError> {
    if let Some(path) = args.file {
        config.courts_file = Some(path);
    }
    let app = App::new(config)?;
    let registry = &app.courts();
    let mut out = JsonLines::stdout();
    if args.codes.is_empty() {
        for court in registry.courts() {
            if !out.write(&describe(registry, court.code))? {
                break;
            }
        }
        return out.finish();
    }
    for text in &args.codes {
        let json = match CourtCode::parse(text) {
            Ok(code) => describe(registry, code),
            Err(e) => CourtJson {
                code: text.clone(),
                valid: false,
                name: None,
                listed: false,
                level: None,
                province: None,
                parent: None,
                kind: None,
                error: Some(say(&e.text())),
            },
        };
        if !out.write(&json)? {
            break;
        }
    }
    out.finish()
}

fn describe(registry: &CourtRegistry, code: CourtCode) -> CourtJson {
    CourtJson {
        code: code.to_string(),
        valid: true,
        name: Some(registry.name_of(code)),
        listed: registry.get(code).is_some(),
        level: Some(code.level().key()),
        province: code.province().map(|p| p.name_zh()),
        parent: registry.parent_of(code).map(|p| p.to_string()),
        kind: Some(code.kind().label_zh()),
        error: None,
    }
}
