//! word/document.xml: the title block, the blocks in order, the notes, and the section
//! properties that set the page.

use super::parts::{
    NS_R, NS_W, RID_FOOTER_EVEN, RID_FOOTER_ODD, XML_DECLARATION, chart_rid, header_shading,
    shading, table_borders,
};
use super::{
    LINE_PITCH, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, PAGE_HEIGHT, PAGE_WIDTH,
    TEXT_WIDTH, mm_to_twips,
};
use crate::document::{Block, Cell, Chart, Document, HeadingLevel, NOTES_HEADING, Table};
use crate::escape::escape;
use crate::palette;
use crate::width::display_width;

/// A chart's size on the page: the full type width, about 9 cm high.
const CHART_WIDTH_EMU: u64 = TEXT_WIDTH as u64 * 635;
const CHART_HEIGHT_EMU: u64 = 90 * 36_000;

pub(super) fn document_xml(document: &Document) -> String {
    let mut out = format!(
        "{XML_DECLARATION}<w:document xmlns:w=\"{NS_W}\" xmlns:r=\"{NS_R}\" \
         xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
         xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
         xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"><w:body>"
    );
    paragraph(&mut out, "Title", "", &run(&document.title, ""));
    if let Some(subtitle) = &document.subtitle {
        paragraph(&mut out, "Subtitle", "", &run(subtitle, ""));
    }
    paragraph(&mut out, "DateLine", "", &run(&document.date_line, ""));

    let mut chart_number = 0;
    for block in &document.blocks {
        match block {
            Block::Heading { level, text } => {
                let style = match level {
                    HeadingLevel::One => "Heading1",
                    HeadingLevel::Two => "Heading2",
                };
                paragraph(&mut out, style, "", &run(text, ""));
            }
            Block::Paragraph(text) => paragraph(&mut out, "Normal", "", &run(text, "")),
            Block::Table(table) => write_table(&mut out, table),
            Block::Chart(chart) => {
                chart_number += 1;
                write_chart(&mut out, chart, chart_number);
            }
        }
    }

    if !document.notes.is_empty() {
        paragraph(&mut out, "Heading1", "", &run(NOTES_HEADING, ""));
        for (index, note) in document.notes.iter().enumerate() {
            let text = format!("{}．{}：{}", index + 1, note.term, note.definition);
            paragraph(&mut out, "Normal", "", &run(&text, ""));
        }
    }

    write_section(&mut out);
    out.push_str("</w:body></w:document>");
    out
}

/// A paragraph in `style` with extra paragraph properties (already in schema order after
/// `w:pStyle`) and its runs.
fn paragraph(out: &mut String, style: &str, properties: &str, runs: &str) {
    out.push_str(&format!(
        "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>{properties}</w:pPr>{runs}</w:p>"
    ));
}

/// A run of escaped text with run properties `properties`; a newline becomes a line break
/// and a tab a tab, as an author typing in Word would get.
fn run(text: &str, properties: &str) -> String {
    let mut out = String::from("<w:r>");
    if !properties.is_empty() {
        out.push_str(&format!("<w:rPr>{properties}</w:rPr>"));
    }
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            out.push_str("<w:br/>");
        }
        for (index, piece) in line.split('\t').enumerate() {
            if index > 0 {
                out.push_str("<w:tab/>");
            }
            if !piece.is_empty() {
                out.push_str(&format!(
                    "<w:t xml:space=\"preserve\">{}</w:t>",
                    escape(piece)
                ));
            }
        }
    }
    out.push_str("</w:r>");
    out
}

fn write_table(out: &mut String, table: &Table) {
    paragraph(out, "Caption", "", &run(&table.caption, ""));
    let columns = table.column_count();
    if columns == 0 {
        return;
    }
    let widths = column_widths(table, columns);
    out.push_str(&format!(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/><w:tblW w:w=\"{TEXT_WIDTH}\" w:type=\"dxa\"/>\
         <w:jc w:val=\"center\"/>{}<w:tblLayout w:type=\"fixed\"/>\
         <w:tblLook w:val=\"0020\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" \
         w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
        table_borders()
    ));
    for width in &widths {
        out.push_str(&format!("<w:gridCol w:w=\"{width}\"/>"));
    }
    out.push_str("</w:tblGrid>");

    // The header row repeats at the top of every page the table runs onto.
    out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (column, width) in widths.iter().enumerate() {
        let text = table.header.get(column).map(String::as_str).unwrap_or("");
        write_cell(
            out,
            *width,
            &header_shading(),
            "",
            &run(text, "<w:b/><w:bCs/>"),
        );
    }
    out.push_str("</w:tr>");

    for row in &table.rows {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (column, width) in widths.iter().enumerate() {
            let cell = row.get(column).unwrap_or(&Cell::Empty);
            let fill = cell
                .status()
                .map(|status| shading(palette::status_fill(status)))
                .unwrap_or_default();
            let alignment = match cell {
                Cell::Number { .. } => "<w:jc w:val=\"right\"/>",
                _ => "",
            };
            write_cell(out, *width, &fill, alignment, &run(&cell_text(cell), ""));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    if let Some(legend) = table.legend() {
        paragraph(out, "TableNote", "", &run(&legend, ""));
    }
}

/// The text of a body cell as printed: its value, then the status mark.
pub(crate) fn cell_text(cell: &Cell) -> String {
    match cell.status() {
        Some(status) => format!("{}{}", cell.display(), status.mark()),
        None => cell.display(),
    }
}

fn write_cell(out: &mut String, width: u32, fill: &str, alignment: &str, runs: &str) {
    out.push_str(&format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{fill}<w:vAlign w:val=\"center\"/></w:tcPr>"
    ));
    paragraph(out, "TableText", alignment, runs);
    out.push_str("</w:tc>");
}

/// Column widths that fill the type width exactly. Each column asks for room for its widest
/// text (a Chinese character counts as two half-width cells) plus the cell margins; when all
/// requests fit, the spare width is shared in proportion, and when they do not, the narrow
/// columns (numbers, marks) get what they ask for and the wide ones share the rest equally
/// and wrap: a wrapped name reads better than a wrapped figure.
fn column_widths(table: &Table, columns: usize) -> Vec<u32> {
    // Twips per half-width cell of 小四 (12 pt), and the two cell margins with some air.
    const CELL: u64 = 120;
    const PADDING: u64 = 240;
    let requests: Vec<u64> = (0..columns)
        .map(|column| {
            let header = table
                .header
                .get(column)
                .map_or(0, |text| display_width(text));
            let body = table
                .rows
                .iter()
                .filter_map(|row| row.get(column))
                .map(|cell| display_width(&cell_text(cell)))
                .max()
                .unwrap_or(0);
            header.max(body).max(2) as u64 * CELL + PADDING
        })
        .collect();
    let available = u64::from(TEXT_WIDTH);
    let requested: u64 = requests.iter().sum();
    let mut widths: Vec<u64> = if requested <= available {
        requests
            .iter()
            .map(|request| request * available / requested.max(1))
            .collect()
    } else {
        water_fill(&requests, available)
    };
    let used: u64 = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += available.saturating_sub(used);
    }
    widths
        .into_iter()
        .map(|width| u32::try_from(width).unwrap_or(TEXT_WIDTH))
        .collect()
}

/// Shares `available` so that no column gets more than it asks for and the columns that ask
/// for more than an equal share get equal shares.
fn water_fill(requests: &[u64], available: u64) -> Vec<u64> {
    let mut order: Vec<usize> = (0..requests.len()).collect();
    order.sort_by_key(|&index| requests[index]);
    let mut widths = vec![0; requests.len()];
    let mut left = available;
    for (position, &index) in order.iter().enumerate() {
        let remaining_columns = (requests.len() - position) as u64;
        let share = left / remaining_columns;
        widths[index] = requests[index].min(share);
        left -= widths[index];
    }
    widths
}

fn write_chart(out: &mut String, chart: &Chart, number: usize) {
    paragraph(out, "Caption", "", &run(&chart.title, ""));
    out.push_str(&format!(
        "<w:p><w:pPr><w:pStyle w:val=\"Figure\"/></w:pPr><w:r><w:drawing>\
         <wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
         <wp:extent cx=\"{CHART_WIDTH_EMU}\" cy=\"{CHART_HEIGHT_EMU}\"/>\
         <wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>\
         <wp:docPr id=\"{number}\" name=\"Chart {number}\" descr=\"{}\"/><wp:cNvGraphicFramePr/>\
         <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">\
         <c:chart r:id=\"{}\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>",
        escape(&chart.title),
        chart_rid(number)
    ));
}

/// One section: A4, the standard's margins, odd and even footers, and the 22-line grid.
/// The grid holds lines only; 28 characters a line come from the body's condensed spacing.
fn write_section(out: &mut String) {
    // The footer's page number sits 7 mm under the type area (§7.5); the footer distance is
    // measured from the paper edge to the bottom of its ~5 mm line.
    let footer_distance = MARGIN_BOTTOM - mm_to_twips(7) - mm_to_twips(5);
    out.push_str(&format!(
        "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"{RID_FOOTER_ODD}\"/>\
         <w:footerReference w:type=\"even\" r:id=\"{RID_FOOTER_EVEN}\"/>\
         <w:pgSz w:w=\"{PAGE_WIDTH}\" w:h=\"{PAGE_HEIGHT}\"/>\
         <w:pgMar w:top=\"{MARGIN_TOP}\" w:right=\"{MARGIN_RIGHT}\" w:bottom=\"{MARGIN_BOTTOM}\" \
         w:left=\"{MARGIN_LEFT}\" w:header=\"851\" w:footer=\"{footer_distance}\" w:gutter=\"0\"/>\
         <w:pgNumType w:fmt=\"decimal\" w:start=\"1\"/><w:cols w:space=\"425\"/>\
         <w:docGrid w:type=\"lines\" w:linePitch=\"{LINE_PITCH}\"/>\
         </w:sectPr>"
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NumberFormat;

    #[test]
    fn columns_share_the_type_width_by_content() {
        let table = Table {
            caption: String::new(),
            header: vec!["法院".into(), "结案率".into()],
            rows: vec![vec![
                Cell::text("某某市中级人民法院"),
                Cell::number(85.0, NumberFormat::Percent(1)),
            ]],
        };
        let widths = column_widths(&table, 2);
        assert_eq!(widths.iter().sum::<u32>(), TEXT_WIDTH);
        assert!(widths[0] > widths[1], "{widths:?}");
    }

    #[test]
    fn narrow_columns_keep_their_width_when_space_runs_out() {
        assert_eq!(water_fill(&[100, 1000, 5000], 3000), [100, 1000, 1900]);
        assert_eq!(water_fill(&[5000, 5000], 3000), [1500, 1500]);
        assert_eq!(water_fill(&[], 3000), Vec::<u64>::new());
    }
}
