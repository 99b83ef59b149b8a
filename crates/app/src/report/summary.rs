//! The work summary: the paragraphs a president's speech opens with, then the tables and charts
//! that back every number in them, and the definitions of the indicators used.

use crate::metrics::IndicatorCode;
use shenguan_report::{Block, Document, HeadingLevel};

use super::figures::{CODES, Figures};
use super::narrative::{period_phrase, summary_paragraphs};
use super::tables;

pub(crate) fn compose(f: &Figures, scope: &str, date_line: String) -> Document {
    let heading = |text: &str| Block::Heading {
        level: HeadingLevel::One,
        text: text.to_string(),
    };
    let sub = |text: &str| Block::Heading {
        level: HeadingLevel::Two,
        text: text.to_string(),
    };
    let paragraphs = summary_paragraphs(f, scope);
    let mut blocks = vec![heading("一、主要数据")];
    for (title, text) in [
        "（一）收结案",
        "（二）审判效率",
        "（三）审判质量",
        "（四）执行工作",
        "（五）对照参考区间",
    ]
    .iter()
    .zip(paragraphs)
    {
        blocks.push(sub(title));
        blocks.push(Block::Paragraph(text));
    }
    blocks.extend([
        heading("二、数据表与图"),
        tables::flow_table(f, 1, scope),
        tables::quality_table(f, 2, scope),
        tables::change_table(f, 3, scope),
        tables::pending_table(f, 4, scope),
        tables::enforcement_table(f, 5, scope),
        tables::monthly_chart(f, 1),
        tables::unit_chart(f, 2, IndicatorCode::WithinLimitRate),
    ]);
    Document {
        title: format!("{scope}{}审判执行工作情况", period_phrase(f.from, f.to)),
        subtitle: None,
        date_line,
        blocks,
        notes: [tables::notes(f, CODES), tables::figure_notes(f)].concat(),
    }
}
