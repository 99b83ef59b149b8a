//! `shenguan case-number`: one JSON object per input string, valid or not.

use std::io::{self, BufRead};

use serde::Serialize;
use shenguan_app::{App, AppError, text};
use shenguan_domain::CaseNumber;

use crate::output::{JsonLines, say};

/// 解析案号，每个输入输出一行 JSON — parse case numbers, one JSON object per line.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan case-number '（2024）苏0102民初1234号' '(2020)浙01知民初0277号'
  shenguan case-number '（2015）朝民初字第41757号'
  printf '%s\\n' '(2019)最高法刑核12345678号' '法释〔2020〕17号' | shenguan case-number

Keys: input, valid, canonical, year, court_code, court_level, special_code, type_code,
category, stage, serial, legacy, error. Unknown fields are null.")]
pub struct Args {
    /// 案号；不给时从标准输入逐行读取 — case numbers; read one per line from standard input when none.
    strings: Vec<String>,
}

/// The JSON shape of one parsed input; unknown fields are null.
#[derive(Debug, Serialize)]
struct CaseNumberJson<'a> {
    input: &'a str,
    valid: bool,
    canonical: Option<String>,
    year: Option<u16>,
    court_code: Option<String>,
    court_level: Option<&'static str>,
    special_code: Option<String>,
    type_code: Option<&'static str>,
    category: Option<&'static str>,
    stage: Option<&'static str>,
    serial: Option<u32>,
    legacy: bool,
    error: Option<String>,
}

impl<'a> CaseNumberJson<'a> {
    fn valid(input: &'a str, number: &CaseNumber) -> Self {
        CaseNumberJson {
            input,
            valid: true,
            canonical: Some(number.to_string()),
            year: Some(number.year()),
            court_code: number.court_text(),
            court_level: number.court_level().map(|l| l.key()),
            special_code: number.special_code().map(|s| s.as_char().to_string()),
            type_code: number.case_type().map(|t| t.code),
            category: number.category().map(|c| c.key()),
            stage: number.stage().map(|s| s.key()),
            serial: Some(number.serial()),
            legacy: number.is_legacy(),
            error: None,
        }
    }

    fn invalid(input: &'a str, error: String) -> Self {
        CaseNumberJson {
            input,
            valid: false,
            canonical: None,
            year: None,
            court_code: None,
            court_level: None,
            special_code: None,
            type_code: None,
            category: None,
            stage: None,
            serial: None,
            legacy: false,
            error: Some(error),
        }
    }
}

pub fn run(app: &App, args: Args) -> Result<(), AppError> {
    let mut out = JsonLines::stdout();
    if !args.strings.is_empty() {
        for text in &args.strings {
            if !write_one(app, &mut out, text)? {
                break;
            }
        }
        return out.finish();
    }
    let stdin = io::stdin().lock();
    for line in stdin.split(b'\n') {
        let line = line.map_err(|e| AppError::io("<stdin>", e))?;
        let line = line.strip_suffix(b"\r").unwrap_or(&line);
        let keep_going = match std::str::from_utf8(line) {
            Ok(text) => write_one(app, &mut out, text)?,
            Err(_) => {
                let input = String::from_utf8_lossy(line);
                out.write(&CaseNumberJson::invalid(
                    &input,
                    say(&text!(
                        "输入不是 UTF-8 文本（GBK 文件请先转换或用导入功能）",
                        "the input is not UTF-8 text (convert a GBK file first, or import it)"
                    )),
                ))?
            }
        };
        if !keep_going {
            break;
        }
    }
    out.finish()
}

fn write_one(app: &App, out: &mut JsonLines, text: &str) -> Result<bool, AppError> {
    match app.parse_case_number(text) {
        Ok(number) => out.write(&CaseNumberJson::valid(text, &number)),
        Err(error) => out.write(&CaseNumberJson::invalid(text, say(&error.text()))),
    }
}
