//! Use case: the documents court work runs on — the monthly quality-efficiency bulletin
//! (质效通报) and the work summary a president's speech opens with — composed from the engine's
//! figures (`figures`), with the sentences the speech needs (`narrative`), the tables and charts
//! behind them and the definition of every indicator used (`tables`), assembled as a bulletin
//! (`bulletin`) or a summary (`summary`), and written as DOCX, XLSX or HTML by
//! `shenguan_report`.

mod bulletin;
mod figures;
mod narrative;
mod summary;
mod tables;

use chrono::{Datelike, NaiveDate};
use shenguan_metrics::{Cases, Filter};
use shenguan_report::{Document, Step};

use crate::{App, AppError, text};

pub use figures::Figures;

/// The report writer's document model and its chart, for the pages (which draw their tables'
/// downloads and their charts with the same writer as the reports).
pub mod document {
    pub use shenguan_report::{
        Block, Cell, Chart, ChartBand, ChartKind, Document, NumberFormat, Series, Table, chart_svg,
    };
}
pub use tables::format_of as number_format;

/// When a period ends inside a month (its last day is not the month's), that month is still
/// running in the figures: its counts are partial. The words that say so, Chinese and English
/// ("截至12月5日", "to 5 Dec"); `None` when the period ends on a month's last day.
pub fn running_month(to: chrono::NaiveDate) -> Option<(String, String)> {
    use chrono::Datelike;
    let month_ends = to.succ_opt().is_none_or(|next| next.month() != to.month());
    (!month_ends).then(|| {
        (
            format!("截至{}月{}日", to.month(), to.day()),
            format!("to {}", to.format("%-d %b")),
        )
    })
}
pub use narrative::{period_phrase, summary_paragraphs};

/// Which document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportKind {
    /// The bulletin of a month: figures from 1 January to the month's end (累计), as bulletins
    /// are read, with the courts that moved out of range since the month before.
    Bulletin { year: i32, month: u32 },
    /// The work summary of any period (a half year, 1 to 7 months …).
    Summary { from: NaiveDate, to: NaiveDate },
}

impl ReportKind {
    /// The document's name as court staff call it, for a download and the audit log:
    /// 2026年10月质效通报, 2026-01-01至2026-06-30工作总结.
    pub fn name(&self) -> String {
        match self {
            ReportKind::Bulletin { year, month } => format!("{year}年{month}月质效通报"),
            ReportKind::Summary { from, to } => format!("{from}至{to}工作总结"),
        }
    }
}

/// The file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Docx,
    Xlsx,
    Html,
}

impl ReportFormat {
    pub fn parse(text: &str) -> Option<ReportFormat> {
        match text.trim().to_ascii_lowercase().as_str() {
            "docx" => Some(ReportFormat::Docx),
            "xlsx" => Some(ReportFormat::Xlsx),
            "html" => Some(ReportFormat::Html),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Docx => "docx",
            ReportFormat::Xlsx => "xlsx",
            ReportFormat::Html => "html",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ReportFormat::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            ReportFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            ReportFormat::Html => "text/html; charset=utf-8",
        }
    }
}

/// What to write: the document and the part of the network it covers (a court and the courts
/// below it; the user's scope is folded in by the caller).
#[derive(Clone, Debug, PartialEq)]
pub struct ReportRequest {
    pub kind: ReportKind,
    pub filter: Filter,
    /// Which versions of the indicators' definitions (default: the current ones); a report
    /// records the versions it used.
    pub definitions: crate::metrics::DefinitionChoice,
}

impl ReportKind {
    /// The period the figures cover.
    pub fn period(self) -> Result<(NaiveDate, NaiveDate), AppError> {
        match self {
            ReportKind::Bulletin { year, month } => {
                let first = NaiveDate::from_ymd_opt(year, 1, 1);
                let end = NaiveDate::from_ymd_opt(year, month, 1)
                    .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
                    .and_then(|d| d.pred_opt());
                match (first, end) {
                    (Some(first), Some(end)) => Ok((first, end)),
                    _ => Err(AppError::Invalid(text!(
                        "月份 {year}-{month:02} 无效",
                        "{year}-{month:02} is not a month"
                    ))),
                }
            }
            ReportKind::Summary { from, to } if from <= to => Ok((from, to)),
            ReportKind::Summary { from, to } => Err(AppError::Invalid(text!(
                "起始日期 {from} 晚于截止日期 {to}",
                "the period ends ({to}) before it begins ({from})"
            ))),
        }
    }
}

impl App {
    /// The document for `request`, from the case columns.
    pub fn report(&self, cases: &Cases, request: &ReportRequest) -> Result<Document, AppError> {
        let figures = Figures::of_request(self, cases, request)?;
        let scope = self.scope_name(&request.filter);
        let date_line = format!("审判管理办公室　{}", chinese_date(self.today()));
        Ok(match request.kind {
            ReportKind::Bulletin { year, month } => {
                bulletin::compose(&figures, &scope, year, month, date_line)
            }
            ReportKind::Summary { .. } => summary::compose(&figures, &scope, date_line),
        })
    }

    /// The document as the bytes of a file.
    pub fn render_report(
        &self,
        document: &Document,
        format: ReportFormat,
    ) -> Result<Vec<u8>, AppError> {
        let rendered = match format {
            ReportFormat::Docx => shenguan_report::render_docx(document),
            ReportFormat::Xlsx => shenguan_report::render_xlsx(document),
            ReportFormat::Html => Ok(shenguan_report::render_html(document).into_bytes()),
        };
        rendered.map_err(|e| {
            let (zh, en) = match e.what() {
                Step::PackDocx => ("无法打包 DOCX 文件", "cannot pack the DOCX file"),
                Step::WriteDocx => ("无法写入 DOCX 文件", "cannot write the DOCX file"),
                Step::BuildXlsx => ("无法生成 XLSX 文件", "cannot build the XLSX file"),
            };
            AppError::Invalid(text!(
                "写报告失败：{zh}：{e}",
                "cannot write the report: {en}: {e}"
            ))
        })
    }

    /// What the report covers, as its title says it: 全市法院, a court's name, a division, a judge.
    fn scope_name(&self, filter: &Filter) -> String {
        let mut name = match filter.court {
            None => "全市法院".to_string(),
            Some(scope) if scope.is_one_court() => self.courts().name_of(scope.court),
            Some(scope) => format!("{}及辖区法院", self.courts().name_of(scope.court)),
        };
        if let Some(division) = &filter.division {
            name.push_str(division);
        }
        if let Some(judge) = &filter.judge {
            name.push_str(&format!("{judge}法官"));
        }
        name
    }
}

/// 2026年10月31日.
pub fn chinese_date(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

#[cfg(test)]
mod running_month_tests {
    use super::running_month;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn a_period_ending_inside_a_month_leaves_it_running() {
        assert_eq!(
            running_month(day(2026, 11, 27))
                .map(|(zh, _)| zh)
                .as_deref(),
            Some("截至11月27日")
        );
        assert_eq!(
            running_month(day(2024, 2, 28)).map(|(_, en)| en).as_deref(),
            Some("to 28 Feb")
        );
        for whole in [day(2026, 11, 30), day(2024, 2, 29), day(2026, 12, 31)] {
            assert_eq!(running_month(whole), None, "{whole}");
        }
    }
}
