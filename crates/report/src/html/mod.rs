//! The web writer: a [`Document`] as one self-contained HTML page — inline CSS, charts as
//! inline SVG ([`svg`]), no script, font file, image or link to anything outside, so it opens
//! the same from a mail attachment, a USB stick or an intranet without internet access.
//!
//! Every piece of model text passes through [`escape`]. Printed from a browser, the page
//! takes the official document's A4 margins.

mod svg;

pub use svg::chart_svg;

use crate::document::{Block, Cell, Document, HeadingLevel, NOTES_HEADING, Table};
use crate::escape::escape;

/// The document as a complete HTML page.
pub fn render_html(document: &Document) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<article class=\"document\">\n",
        escape(&document.title)
    );
    out.push_str(&format!("<header>\n<h1>{}</h1>\n", text(&document.title)));
    if let Some(subtitle) = &document.subtitle {
        out.push_str(&format!("<p class=\"subtitle\">{}</p>\n", text(subtitle)));
    }
    out.push_str(&format!(
        "<p class=\"date\">{}</p>\n</header>\n",
        text(&document.date_line)
    ));

    for block in &document.blocks {
        match block {
            Block::Heading {
                level,
                text: heading,
            } => {
                let tag = match level {
                    HeadingLevel::One => "h2",
                    HeadingLevel::Two => "h3",
                };
                out.push_str(&format!("<{tag}>{}</{tag}>\n", text(heading)));
            }
            Block::Paragraph(paragraph) => {
                out.push_str(&format!("<p>{}</p>\n", text(paragraph)));
            }
            Block::Table(table) => write_table(&mut out, table),
            Block::Chart(chart) => {
                out.push_str(&format!(
                    "<figure class=\"chart\">\n<figcaption>{}</figcaption>\n{}\n</figure>\n",
                    text(&chart.title),
                    svg::chart_svg(chart)
                ));
            }
        }
    }

    if !document.notes.is_empty() {
        out.push_str(&format!(
            "<section class=\"notes\">\n<h2>{NOTES_HEADING}</h2>\n<ol>\n"
        ));
        for note in &document.notes {
            out.push_str(&format!(
                "<li><span class=\"term\">{}</span>：{}</li>\n",
                text(&note.term),
                text(&note.definition)
            ));
        }
        out.push_str("</ol>\n</section>\n");
    }
    out.push_str("</article>\n</body>\n</html>\n");
    out
}

/// Escaped text whose line breaks stay line breaks.
fn text(value: &str) -> String {
    escape(value).replace('\n', "<br>")
}

fn write_table(out: &mut String, table: &Table) {
    out.push_str(&format!(
        "<figure class=\"table\">\n<figcaption>{}</figcaption>\n",
        text(&table.caption)
    ));
    let columns = table.column_count();
    if columns > 0 {
        // thead repeats at the top of each printed page.
        out.push_str("<table>\n<thead><tr>");
        for column in 0..columns {
            let heading = table.header.get(column).map(String::as_str).unwrap_or("");
            out.push_str(&format!("<th scope=\"col\">{}</th>", text(heading)));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in &table.rows {
            out.push_str("<tr>");
            for column in 0..columns {
                write_cell(out, row.get(column).unwrap_or(&Cell::Empty));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    if let Some(legend) = table.legend() {
        out.push_str(&format!("<p class=\"legend\">{}</p>\n", text(&legend)));
    }
    out.push_str("</figure>\n");
}

fn write_cell(out: &mut String, cell: &Cell) {
    let mut classes = Vec::new();
    if matches!(cell, Cell::Number { .. }) {
        classes.push("num");
    }
    let mark = match cell.status() {
        Some(status) => {
            classes.push(match status {
                crate::Status::BelowRange => "below",
                crate::Status::AboveRange => "above",
            });
            format!(
                "<span class=\"mark\" title=\"{}\">{}</span>",
                status.legend(),
                status.mark()
            )
        }
        None => String::new(),
    };
    let class = if classes.is_empty() {
        String::new()
    } else {
        format!(" class=\"{}\"", classes.join(" "))
    };
    out.push_str(&format!("<td{class}>{}{mark}</td>", text(&cell.display())));
}

/// The page's only style. Font lists name the Windows, macOS and common Linux faces for the
/// standard's 仿宋, 黑体, 楷体 and 小标宋, then a generic family; nothing is downloaded.
const STYLE: &str = r#"
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
* { box-sizing: border-box; }
html { background: #f2f2f2; }
body {
  margin: 0; color: #111;
  font-family: "FangSong", "仿宋", "仿宋_GB2312", "STFangsong", "Noto Serif CJK SC", serif;
  font-size: 16pt; line-height: 1.8;
}
.document { max-width: 210mm; margin: 24px auto; padding: 24mm 26mm 24mm 28mm; background: #fff;
  box-shadow: 0 1px 4px rgba(0,0,0,.15); }
h1 { margin: 0 0 .4em; text-align: center; font-weight: normal; font-size: 22pt; line-height: 1.5;
  font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "STZhongsong", "华文中宋", "SimSun", "宋体", "Noto Serif CJK SC", serif; }
h2, h3, p { margin: 0; text-indent: 2em; font-size: 16pt; font-weight: normal; }
h2 { font-family: "SimHei", "黑体", "STHeiti", "Noto Sans CJK SC", sans-serif; }
h3 { font-family: "KaiTi", "楷体", "楷体_GB2312", "STKaiti", serif; }
p { text-align: justify; }
header p { text-align: center; text-indent: 0; }
header .date { margin-bottom: 1em; }
figure { margin: .8em 0; break-inside: avoid; }
figcaption { text-align: center; font-size: 14pt;
  font-family: "SimHei", "黑体", "STHeiti", "Noto Sans CJK SC", sans-serif; }
table { width: 100%; border-collapse: collapse; font-size: 12pt; line-height: 1.5; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #000; padding: 2px 6px; text-align: center; }
th { background: #e7e6e6; font-weight: bold; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.below { background: #ddebf7; }
td.above { background: #fce4d6; }
.mark { margin-left: 2px; font-size: 10pt; }
p.legend { text-indent: 0; font-size: 12pt; }
svg.chart { display: block; width: 100%; height: auto; font-family: inherit; }
svg.chart text { fill: #262626; }
.notes ol { margin: 0; padding-left: 4em; }
.notes li { text-align: justify; }
.notes .term { font-family: "SimHei", "黑体", "STHeiti", "Noto Sans CJK SC", sans-serif; }
@media print {
  html { background: none; }
  .document { max-width: none; margin: 0; padding: 0; box-shadow: none; }
}
"#;
