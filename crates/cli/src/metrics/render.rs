//! How `shenguan metrics` prints: a table for people (Chinese labels, aligned, units, values
//! rounded half-up once for display), JSON and CSV for programs (unrounded, null or empty where a
//! value is undefined), the catalogue, and case numbers one per line.

use std::io::{self, Write};

use shenguan_app::metrics::targets::{CourtTargets, Standing, Target, Targets};
use shenguan_app::metrics::{
    CATALOGUE, Dimension, MetricsReport, Unit, definitions, display_value as display,
};
use shenguan_app::{App, AppError};
use shenguan_domain::{CourtCode, CourtRegistry};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
}

impl Format {
    pub fn parse(text: &str) -> Option<Format> {
        match text.trim().to_ascii_lowercase().as_str() {
            "table" | "表格" => Some(Format::Table),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

pub fn report(
    report: &MetricsReport,
    format: Format,
    position: Option<&str>,
    courts: &CourtRegistry,
) -> Result<(), AppError> {
    let text = match format {
        Format::Json => {
            let mut text =
                serde_json::to_string_pretty(&report.to_json(position)).unwrap_or_default();
            text.push('\n');
            text
        }
        Format::Csv => csv(report),
        Format::Table => table(report, position, courts),
    };
    emit(&text)
}

/// The five targets: a line per court and the total, then the share of courts meeting the
/// standard; or the same as JSON.
pub fn targets(
    report: &MetricsReport,
    targets: &Targets,
    format: Format,
    courts: &CourtRegistry,
) -> Result<(), AppError> {
    let standing = |s: &Standing| {
        serde_json::json!({
            "target": s.target.key(),
            "threshold": s.threshold,
            "met": s.met,
            "all": s.all,
            "value": s.value,
            "passes": s.passes,
            "short": s.short,
            "unavailable": s.unavailable,
        })
    };
    let court_json = |c: &CourtTargets| {
        serde_json::json!({
            "court": c.court,
            "targets": c.standings().iter().map(|s| standing(s)).collect::<Vec<_>>(),
            "zhongben_undetermined": c.zhongben_undetermined,
            "meets": c.meets,
        })
    };
    let period = &report.result.period;
    let text = match format {
        Format::Json => {
            let body = serde_json::json!({
                "from": period.from.to_string(),
                "to": period.to.to_string(),
                "courts": targets.courts.iter().map(court_json).collect::<Vec<_>>(),
                "total": court_json(&targets.total),
                "courts_meeting": standing(&targets.courts_meeting),
                "standard_uses": targets.standard_uses.iter().map(|t| t.key()).collect::<Vec<_>>(),
            });
            let mut text = serde_json::to_string_pretty(&body).unwrap_or_default();
            text.push('\n');
            text
        }
        _ => targets_table(targets, period, courts),
    };
    emit(&text)
}

fn targets_table(
    targets: &Targets,
    period: &shenguan_app::metrics::Period,
    courts: &CourtRegistry,
) -> String {
    let shown = |s: &Standing| match (s.value, s.short) {
        (None, _) => "—".to_string(),
        (Some(v), Some(0)) => format!("{} 达标", display(Unit::Percent, Some(v))),
        (Some(v), Some(n)) => format!("{} 差{n}件", display(Unit::Percent, Some(v))),
        (Some(v), None) => display(Unit::Percent, Some(v)),
    };
    let meets = |m: Option<bool>| match m {
        Some(true) => "达标",
        Some(false) => "未达标",
        None => "—",
    };
    let t = &targets.total;
    let header = vec![
        "法院".to_string(),
        format!(
            "{}(≥{}%)",
            Target::PropertyWithinLimit.name_zh(),
            t.property_within_limit.threshold
        ),
        format!(
            "{}(≥{}%)",
            Target::ZhongbenCompliance.name_zh(),
            t.zhongben_compliance.threshold
        ),
        "终本待评查".to_string(),
        format!(
            "{}(≥{}%)",
            Target::PetitionsClosed.name_zh(),
            t.petitions_closed.threshold
        ),
        format!(
            "{}(≥{}%)",
            Target::ThreeYear.name_zh(),
            t.three_year.threshold
        ),
        "是否达标".to_string(),
    ];
    let line = |label: String, c: &CourtTargets, meets_text: &str| {
        vec![
            label,
            shown(&c.property_within_limit),
            shown(&c.zhongben_compliance),
            c.zhongben_undetermined.to_string(),
            shown(&c.petitions_closed),
            shown(&c.three_year),
            meets_text.to_string(),
        ]
    };
    let mut lines = vec![header];
    for c in &targets.courts {
        let label = match CourtCode::parse(&c.court) {
            Ok(code) => format!("{} {}", c.court, courts.short_name_of(code)),
            Err(_) => c.court.clone(),
        };
        lines.push(line(label, c, meets(c.meets)));
    }
    lines.push(line("合计".to_string(), t, ""));
    let share = &targets.courts_meeting;
    let uses: Vec<&str> = targets.standard_uses.iter().map(|t| t.name_zh()).collect();
    let register = if t.petitions_closed.unavailable {
        "执行信访案件办结率须信访登记数据，数据库中尚无，暂为“—”；"
    } else {
        ""
    };
    format!(
        "期间 {} 至 {}\n{}{}：{}（{}个法院中{}个达标，目标≥{}%）\n{register}达标据{}判断。\n",
        period.from,
        period.to,
        aligned(&lines),
        Target::CourtsMeeting.name_zh(),
        share.value.map_or("—".to_string(), |v| format!(
            "{}%",
            display(Unit::Percent, Some(v))
        )),
        share.all,
        share.met,
        share.threshold,
        uses.join("、"),
    )
}

pub fn lines(numbers: &[String]) -> Result<(), AppError> {
    let mut text = String::new();
    for number in numbers {
        text.push_str(number);
        text.push('\n');
    }
    emit(&text)
}

/// Writes to standard output; a reader that went away (`| head`) ends the output quietly.
fn emit(text: &str) -> Result<(), AppError> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(AppError::io("stdout", e)),
        _ => Ok(()),
    }
}

fn csv(report: &MetricsReport) -> String {
    let result = &report.result;
    // A judge is two columns: the key a filter takes (`judge=`) and the name as shown.
    let mut header: Vec<String> = Vec::new();
    for d in &result.group_by {
        if *d == Dimension::Judge {
            header.push("judge_key".into());
        }
        header.push(d.key().to_string());
    }
    for indicator in &result.indicators {
        header.push(indicator.code.to_string());
    }
    for (comparison, _) in &report.comparisons {
        for indicator in &result.indicators {
            header.push(format!("{}_{}", indicator.code, comparison.key()));
        }
    }
    let cell = |value: Option<f64>| value.map(|v| v.to_string()).unwrap_or_default();
    let mut text = csv_line(&header);
    for (r, row) in result.rows.iter().enumerate() {
        let mut cells: Vec<String> = Vec::new();
        for (d, v) in &row.group {
            if *d == Dimension::Judge {
                cells.push(v.clone());
            }
            cells.push(report.shown_group(*d, v).to_string());
        }
        cells.extend(row.values.iter().map(|v| cell(*v)));
        for (comparison, _) in &report.comparisons {
            cells.extend(
                (0..result.indicators.len()).map(|i| cell(report.compared(*comparison, r, i))),
            );
        }
        text.push_str(&csv_line(&cells));
    }
    text
}

fn csv_line(cells: &[String]) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| {
            if c.contains([',', '"', '\n']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        })
        .collect();
    format!("{}\n", quoted.join(","))
}

fn range_text(range: (Option<f64>, Option<f64>)) -> String {
    let end = |v: Option<f64>| {
        v.map(|v| display(Unit::Percent, Some(v)))
            .unwrap_or_default()
    };
    match range {
        (None, None) => "未设".to_string(),
        (low, high) => format!("{}–{}", end(low), end(high)),
    }
}

fn table(report: &MetricsReport, position: Option<&str>, courts: &CourtRegistry) -> String {
    let result = &report.result;
    let mut text = format!("期间 {} 至 {}\n", result.period.from, result.period.to);
    if result.rows.len() == 1 && result.group_by.is_empty() {
        let mut header = vec![
            "指标".to_string(),
            "值".into(),
            "单位".into(),
            "参考区间".into(),
            "状态".into(),
        ];
        header.extend(
            report
                .comparisons
                .iter()
                .map(|(c, _)| c.label_zh().to_string()),
        );
        let mut lines = vec![header];
        let row = &result.rows[0];
        for (i, indicator) in result.indicators.iter().enumerate() {
            let value = row.values[i];
            let shown = match report.provisional.get(i) {
                Some(true) => format!("{} 暂定", display(indicator.unit, value)),
                _ => display(indicator.unit, value),
            };
            let mut line = vec![
                indicator.name_zh.to_string(),
                shown,
                indicator.unit.label_zh().to_string(),
                range_text(report.ranges[i]),
                report
                    .status(i, value)
                    .map_or(String::new(), |s| s.label_zh().to_string()),
            ];
            for (comparison, _) in &report.comparisons {
                let mut shown = change(indicator.unit, value, report.compared(*comparison, 0, i));
                // A comparison across a change of definition is marked; the note says which.
                if let Some(Some((_, crossed))) = report.changes.get(i)
                    && crossed.contains(comparison)
                {
                    shown.push_str(" 口径变更");
                }
                line.push(shown);
            }
            lines.push(line);
        }
        text.push_str(&aligned(&lines));
    } else {
        let mut header: Vec<String> = result
            .group_by
            .iter()
            .map(|d| d.label_zh().to_string())
            .collect();
        for (i, indicator) in result.indicators.iter().enumerate() {
            let unit = indicator.unit.label_zh();
            let name = match report.provisional.get(i) {
                Some(true) => format!("{}[暂定]", indicator.name_zh),
                _ => indicator.name_zh.to_string(),
            };
            header.push(if unit.is_empty() {
                name
            } else {
                format!("{name}({unit})")
            });
        }
        let mut lines = vec![header];
        for row in &result.rows {
            // A court by its code and short name: 湘1402 清河区法院.
            let mut line: Vec<String> = row
                .group
                .iter()
                .map(
                    |(dimension, value)| match (dimension, CourtCode::parse(value)) {
                        (Dimension::Court, Ok(code)) => {
                            format!("{value} {}", courts.short_name_of(code))
                        }
                        // A judge by name; namesakes with their staff numbers.
                        _ => report.shown_group(*dimension, value).to_string(),
                    },
                )
                .collect();
            line.extend(
                result
                    .indicators
                    .iter()
                    .zip(&row.values)
                    .map(|(indicator, value)| display(indicator.unit, *value)),
            );
            lines.push(line);
        }
        text.push_str(&aligned(&lines));
        if !report.comparisons.is_empty() {
            // The table is the Chinese one (indicator names, notes); so is its footnote.
            text.push_str("（同比、环比见 --format json 或 csv）\n");
        }
    }
    for (zh, _) in &report.notes {
        text.push_str(&format!("注：{zh}\n"));
    }
    if let Some(court) = position {
        text.push_str(&format!(
            "\n{court} 在同级法院中的位次（仅供自我对照，不作排名）:\n"
        ));
        let mut lines = vec![vec!["指标".to_string(), "位次".into()]];
        for (i, indicator) in result.indicators.iter().enumerate() {
            if let Some((p, n)) = report.position(court, i) {
                lines.push(vec![indicator.name_zh.to_string(), format!("{p}/{n}")]);
            }
        }
        text.push_str(&aligned(&lines));
    }
    text
}

/// The change from a comparison value: in points for a percentage, else in the unit and in %.
fn change(unit: Unit, value: Option<f64>, earlier: Option<f64>) -> String {
    match (value, earlier) {
        (Some(v), Some(e)) if unit == Unit::Percent => {
            format!(
                "{}（{:+}个百分点）",
                display(unit, Some(e)),
                (((v - e) * 100.0).round()) / 100.0
            )
        }
        (Some(v), Some(e)) if e != 0.0 => format!(
            "{}（{:+.2}%）",
            display(unit, Some(e)),
            (v - e) / e.abs() * 100.0
        ),
        (_, Some(e)) => display(unit, Some(e)),
        _ => "—".to_string(),
    }
}

/// Columns padded to the widest cell; CJK characters count two columns.
fn aligned(lines: &[Vec<String>]) -> String {
    let width = |s: &str| {
        s.chars()
            .map(|c| if is_wide(c) { 2 } else { 1 })
            .sum::<usize>()
    };
    let columns = lines.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            lines
                .iter()
                .filter_map(|l| l.get(c))
                .map(|s| width(s))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut text = String::new();
    for line in lines {
        let mut out = String::new();
        for (c, cell) in line.iter().enumerate() {
            if c > 0 {
                out.push_str("  ");
            }
            out.push_str(cell);
            if c + 1 < line.len() {
                out.push_str(&" ".repeat(widths[c].saturating_sub(width(cell))));
            }
        }
        text.push_str(out.trim_end());
        text.push('\n');
    }
    text
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// The catalogue, one indicator per block.
pub fn catalogue(app: &App) {
    let mut text = String::new();
    for indicator in CATALOGUE {
        let range = range_text(app.range(indicator));
        text.push_str(&format!(
            "{code}  {zh}（{en}）{core}\n  类别 {family}；单位 {unit}；{better}{range}\n  口径 {definition}\n  适用 {applies}\n  来源 {source}\n",
            code = indicator.code,
            zh = indicator.name_zh,
            en = indicator.name_en,
            core = if indicator.core { " [核心]" } else { "" },
            family = indicator.family.label_zh(),
            unit = indicator.unit.label_zh(),
            better = match indicator.better {
                shenguan_app::metrics::Direction::Higher => "越高越好",
                shenguan_app::metrics::Direction::Lower => "越低越好",
                shenguan_app::metrics::Direction::Neutral => "看区间",
            },
            range = if range.is_empty() { String::new() } else { format!("；参考区间 {range}") },
            definition = indicator.definition_in(shenguan_app::Lang::Zh),
            applies = indicator.applies_to_in(shenguan_app::Lang::Zh),
            source = indicator.source_in(shenguan_app::Lang::Zh),
        ));
        // The versions of its definition, when it has changed: the last is the current one.
        let history = definitions::history(indicator.code);
        if !history.is_empty() {
            text.push_str(&format!(
                "  口径版本（现行第{}版）
",
                definitions::current(indicator.code)
            ));
            for version in history {
                text.push_str(&format!(
                    "    第{}版 {}起：{}\n",
                    version.number,
                    version.since(),
                    version.reason_in(shenguan_app::Lang::Zh)
                ));
            }
        }
        text.push('\n');
    }
    let _ = emit(&text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_with_wide_characters() {
        let text = aligned(&[
            vec!["指标".into(), "值".into()],
            vec!["new".into(), "12".into()],
        ]);
        assert_eq!(text, "指标  值\nnew   12\n");
    }

    #[test]
    fn comparisons_print_points_for_percentages() {
        assert_eq!(
            change(Unit::Percent, Some(98.5), Some(97.0)),
            "97.00（+1.5个百分点）"
        );
        assert_eq!(
            change(Unit::Cases, Some(110.0), Some(100.0)),
            "100（+10.00%）"
        );
        assert_eq!(change(Unit::Cases, Some(1.0), None), "—");
    }
}
