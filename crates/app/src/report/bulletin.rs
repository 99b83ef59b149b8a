//! The monthly bulletin (质效通报): the year to the month's end, the network and each unit with
//! their range status and change on a year earlier, the units that moved out of range, the
//! long-pending and over-limit cases, the enforcement panel, and the trend.

use crate::metrics::IndicatorCode;
use shenguan_report::{Block, Document, HeadingLevel};

use super::figures::{CODES, Figures};
use super::narrative::{caseload, efficiency, enforcement, quality};
use super::{chinese_date, tables};

fn heading(text: &str) -> Block {
    Block::Heading {
        level: HeadingLevel::One,
        text: text.to_string(),
    }
}

pub(crate) fn compose(
    f: &Figures,
    scope: &str,
    year: i32,
    month: u32,
    date_line: String,
) -> Document {
    let unit = tables::unit_label(f);
    let mut blocks = vec![
        Block::Paragraph(format!(
            "现将{}至{}{}审判执行质效指标通报如下（数据为本年累计）。",
            chinese_date(f.from),
            chinese_date(f.to),
            scope
        )),
        heading("一、总体情况"),
        Block::Paragraph(caseload(f, scope)),
        Block::Paragraph(efficiency(f)),
        Block::Paragraph(quality(f)),
        heading(&format!("二、各{unit}主要指标")),
        tables::flow_table(f, 1, scope),
        tables::quality_table(f, 2, scope),
        tables::change_table(f, 3, scope),
        tables::unit_chart(f, 1, IndicatorCode::WithinLimitRate),
        heading("三、偏离参考区间情况"),
    ];
    blocks.extend(out_of_range(f, unit));
    blocks.extend([
        heading("四、长期未结与超审限未结案件"),
        tables::pending_table(f, 4, scope),
        heading("五、执行工作"),
        Block::Paragraph(enforcement(f)),
        tables::enforcement_table(f, 5, scope),
        heading("六、收结案走势"),
        tables::monthly_chart(f, 2),
    ]);
    Document {
        title: format!("{scope}审判质效通报"),
        subtitle: Some(format!("（{year}年第{month}期）")),
        date_line,
        blocks,
        notes: [tables::notes(f, CODES), tables::figure_notes(f)].concat(),
    }
}

/// The units outside the range, grouped by indicator; then those new since a month earlier.
fn out_of_range(f: &Figures, unit: &str) -> Vec<Block> {
    let outside = tables::out_of_range(f);
    if outside.is_empty() {
        return vec![Block::Paragraph(format!(
            "本期各{unit}主要指标均在参考区间内。"
        ))];
    }
    let mut by_indicator: Vec<(&str, Vec<String>)> = Vec::new();
    for (who, name, value, _) in &outside {
        let item = format!("{who} {value}");
        match by_indicator.iter_mut().find(|(n, _)| n == name) {
            Some((_, items)) => items.push(item),
            None => by_indicator.push((name, vec![item])),
        }
    }
    let mut blocks: Vec<Block> = by_indicator
        .into_iter()
        .map(|(name, items)| {
            Block::Paragraph(format!(
                "{name}偏离参考区间的{}{}个：{}。",
                unit,
                items.len(),
                items.join("、")
            ))
        })
        .collect();
    let newly: Vec<String> = outside
        .iter()
        .filter(|(.., newly)| *newly)
        .map(|(who, name, value, _)| format!("{who}{name}{value}"))
        .collect();
    blocks.push(Block::Paragraph(
        match (newly.is_empty(), f.units_before.is_some()) {
            (_, false) => "本期为年度首期，不与上月比较。".to_string(),
            (true, true) => "与上月累计相比，没有新出现偏离区间的指标。".to_string(),
            (false, true) => format!(
                "与上月累计相比新出现偏离的{}项：{}。",
                newly.len(),
                newly.join("；")
            ),
        },
    ));
    blocks
}
