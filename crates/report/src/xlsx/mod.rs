//! The Excel writer: a [`Document`] as a workbook, built with rust_xlsxwriter.
//!
//! The first sheet, "说明", holds the title, the date line and the notes; then every table and
//! every chart gets a sheet of its own, in document order. Each such sheet starts with its
//! caption in row 1, the header in row 2 (frozen, and repeated on printed pages) and the data
//! below; a chart's sheet holds its data as a table with the native chart beside it.
//! Paragraphs and headings belong to the prose of the DOCX and HTML and are not repeated here.

mod names;

use rust_xlsxwriter::{
    Chart as XlsxChart, ChartFormat, ChartLegendPosition, ChartLine, ChartMarker, ChartMarkerType,
    ChartSolidFill, ChartType, ColNum, Color, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, RowNum, Workbook, Worksheet, XlsxError,
};

use crate::document::{Block, Cell, Chart, ChartKind, Document, Status, Table};
use crate::error::ReportError;
use crate::escape::clean;
use crate::number::NumberFormat;
use crate::palette;
use names::{SheetNames, column_width, text_width};

/// The name of the first sheet.
pub const CONTENTS_SHEET: &str = "说明";
/// The row (zero-based) of a data sheet's header; the caption sits above it, the data below.
pub const HEADER_ROW: u32 = 1;
/// Excel's longest cell text in UTF-16 units; longer text is cut rather than failing the
/// whole workbook.
const MAX_CELL_TEXT: usize = 32_767;
/// A4 in Excel's paper-size numbering.
const PAPER_A4: u8 = 9;

/// The document as the bytes of an .xlsx file.
pub fn render_xlsx(document: &Document) -> Result<Vec<u8>, ReportError> {
    let mut workbook = Workbook::new();
    // A fixed creation time: the writers never read the clock, and equal documents give equal
    // files.
    let properties = DocProperties::new()
        .set_title(clean(&document.title))
        .set_author("shenguan")
        .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?);
    workbook.set_properties(&properties);
    let formats = Formats::new();
    let mut names = SheetNames::new();

    let contents = workbook.add_worksheet();
    contents.set_name(names.claim(CONTENTS_SHEET, CONTENTS_SHEET))?;
    write_contents(contents, document, &formats)?;

    let (mut tables, mut charts) = (0, 0);
    for block in &document.blocks {
        match block {
            Block::Table(table) => {
                tables += 1;
                let sheet = workbook.add_worksheet();
                sheet.set_name(names.claim(&table.caption, &format!("表{tables}")))?;
                write_table(sheet, table, &formats)?;
            }
            Block::Chart(chart) => {
                charts += 1;
                let sheet = workbook.add_worksheet();
                let name = names.claim(&chart.title, &format!("图{charts}"));
                sheet.set_name(name.as_str())?;
                write_chart(sheet, &name, chart, &formats)?;
            }
            Block::Heading { .. } | Block::Paragraph(_) => {}
        }
    }
    Ok(workbook.save_to_buffer()?)
}

/// The formats the sheets share, made once.
#[derive(Debug)]
struct Formats {
    title: Format,
    caption: Format,
    header: Format,
    text: Format,
    wrapped: Format,
    legend: Format,
}

impl Formats {
    fn new() -> Formats {
        let boxed = Format::new().set_border(FormatBorder::Thin);
        Formats {
            title: Format::new().set_bold().set_font_size(16),
            caption: Format::new().set_bold().set_font_size(12),
            header: boxed
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap()
                .set_background_color(colour(palette::HEADER_FILL)),
            text: boxed.clone().set_align(FormatAlign::VerticalCenter),
            wrapped: boxed.set_text_wrap().set_align(FormatAlign::Top),
            legend: Format::new().set_italic(),
        }
    }

    /// The format of a body cell: its number format, its status fill, a thin box.
    fn cell(&self, number: Option<NumberFormat>, status: Option<Status>) -> Format {
        let mut format = self.text.clone();
        if let Some(number) = number {
            format = format.set_num_format(number.excel_code());
        }
        if let Some(status) = status {
            format = format.set_background_color(colour(palette::status_fill(status)));
        }
        format
    }
}

fn colour(hex: &str) -> Color {
    Color::RGB(u32::from_str_radix(hex, 16).unwrap_or(0xFF_FF_FF))
}

/// "说明": title, subtitle and date line, then the notes as a numbered table.
fn write_contents(
    sheet: &mut Worksheet,
    document: &Document,
    formats: &Formats,
) -> Result<(), ReportError> {
    sheet.write_string_with_format(0, 0, cell_text(&document.title), &formats.title)?;
    let mut row = 1;
    if let Some(subtitle) = &document.subtitle {
        sheet.write_string(row, 0, cell_text(subtitle))?;
        row += 1;
    }
    sheet.write_string(row, 0, cell_text(&document.date_line))?;
    row += 2;
    let mut term_width = text_width("指标");
    if !document.notes.is_empty() {
        sheet.write_string_with_format(row, 0, "指标说明", &formats.caption)?;
        row += 1;
        for (column, label) in ["序号", "指标", "说明"].into_iter().enumerate() {
            sheet.write_string_with_format(row, column_number(column)?, label, &formats.header)?;
        }
        for (index, note) in document.notes.iter().enumerate() {
            row += 1;
            sheet.write_number_with_format(row, 0, (index + 1) as f64, &formats.text)?;
            sheet.write_string_with_format(row, 1, cell_text(&note.term), &formats.text)?;
            sheet.write_string_with_format(
                row,
                2,
                cell_text(&note.definition),
                &formats.wrapped,
            )?;
            term_width = term_width.max(text_width(&note.term));
        }
    }
    // The title row grows with its font; Excel would, LibreOffice keeps the default height.
    sheet.set_row_height(0, 24)?;
    sheet.set_column_width(0, 8)?;
    sheet.set_column_width(1, column_width(term_width))?;
    sheet.set_column_width(2, 60)?;
    sheet.set_paper_size(PAPER_A4);
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// A table sheet: caption, frozen header, the rows padded to the widest, columns fitted, and a
/// legend row when cells are coloured.
fn write_table(sheet: &mut Worksheet, table: &Table, formats: &Formats) -> Result<(), ReportError> {
    sheet.write_string_with_format(0, 0, cell_text(&table.caption), &formats.caption)?;
    let columns = table.column_count();
    let mut widths = vec![0; columns];
    for (column, width) in widths.iter_mut().enumerate() {
        let text = table.header.get(column).map(String::as_str).unwrap_or("");
        sheet.write_string_with_format(
            HEADER_ROW,
            column_number(column)?,
            cell_text(text),
            &formats.header,
        )?;
        *width = text_width(text);
    }
    for (index, cells) in table.rows.iter().enumerate() {
        let row = data_row(index)?;
        for (column, width) in widths.iter_mut().enumerate() {
            let cell = cells.get(column).unwrap_or(&Cell::Empty);
            write_cell(sheet, row, column_number(column)?, cell, formats)?;
            *width = (*width).max(text_width(&cell.display()));
        }
    }
    let statuses = table.statuses();
    if !statuses.is_empty() {
        // The colours carry the status here; the legend names them, a row under the table.
        let row = data_row(table.rows.len() + 1)?;
        let words: Vec<String> = statuses
            .iter()
            .map(|status| format!("{}底色：{}", fill_name(*status), status.legend()))
            .collect();
        sheet.write_string_with_format(
            row,
            0,
            format!("注：{}。", words.join("；")),
            &formats.legend,
        )?;
    }
    for (column, width) in widths.iter().enumerate() {
        sheet.set_column_width(column_number(column)?, column_width(*width))?;
    }
    finish_data_sheet(sheet, columns)
}

fn fill_name(status: Status) -> &'static str {
    match status {
        Status::BelowRange => "蓝色",
        Status::AboveRange => "橙色",
    }
}

fn write_cell(
    sheet: &mut Worksheet,
    row: RowNum,
    column: ColNum,
    cell: &Cell,
    formats: &Formats,
) -> Result<(), ReportError> {
    match cell {
        Cell::Text { text, status } => {
            sheet.write_string_with_format(
                row,
                column,
                cell_text(text),
                &formats.cell(None, *status),
            )?;
        }
        Cell::Number {
            value,
            format,
            status,
        } => {
            let style = formats.cell(Some(*format), *status);
            if value.is_finite() {
                sheet.write_number_with_format(row, column, format.excel_value(*value), &style)?;
            } else {
                sheet.write_blank(row, column, &style)?;
            }
        }
        Cell::Empty => {
            sheet.write_blank(row, column, &formats.text)?;
        }
    }
    Ok(())
}

/// A chart sheet: the data as a table (categories down, one column per series) and the
/// native chart to its right, drawn from those cells.
fn write_chart(
    sheet: &mut Worksheet,
    sheet_name: &str,
    chart: &Chart,
    formats: &Formats,
) -> Result<(), ReportError> {
    sheet.write_string_with_format(0, 0, cell_text(&chart.title), &formats.caption)?;
    sheet.write_blank(HEADER_ROW, 0, &formats.header)?;
    let mut widths = vec![text_width(&chart.title).min(20)];
    for (index, series) in chart.series.iter().enumerate() {
        let column = column_number(index + 1)?;
        sheet.write_string_with_format(
            HEADER_ROW,
            column,
            cell_text(&series.name),
            &formats.header,
        )?;
        widths.push(text_width(&series.name).max(10));
    }
    let number_style = formats.cell(Some(chart.format), None);
    for (point, category) in chart.categories.iter().enumerate() {
        let row = data_row(point)?;
        sheet.write_string_with_format(row, 0, cell_text(category), &formats.text)?;
        widths[0] = widths[0].max(text_width(category));
        for index in 0..chart.series.len() {
            let column = column_number(index + 1)?;
            match chart.value(index, point) {
                Some(value) => sheet.write_number_with_format(
                    row,
                    column,
                    chart.format.excel_value(value),
                    &number_style,
                )?,
                None => sheet.write_blank(row, column, &number_style)?,
            };
        }
    }
    for (column, width) in widths.iter().enumerate() {
        sheet.set_column_width(column_number(column)?, column_width(*width))?;
    }

    // Excel refuses a chart without data; the table alone then stands.
    if !chart.series.is_empty() && !chart.categories.is_empty() {
        let native = native_chart(sheet_name, chart)?;
        let beside = column_number(chart.series.len() + 2)?;
        sheet.insert_chart(HEADER_ROW, beside, &native)?;
    }
    // Data and chart side by side need the width of a landscape page.
    finish_data_sheet(sheet, usize::MAX)
}

fn native_chart(sheet_name: &str, chart: &Chart) -> Result<XlsxChart, ReportError> {
    let mut native = XlsxChart::new(match chart.kind {
        ChartKind::Line => ChartType::Line,
        ChartKind::Bar => ChartType::Column,
    });
    let first = data_row(0)?;
    let last = data_row(chart.categories.len().saturating_sub(1))?;
    // Names come from cells rather than strings, so a title like "=A1" stays text.
    native.title().set_name((sheet_name, 0, 0));
    for index in 0..chart.series.len() {
        let column = column_number(index + 1)?;
        let colour = colour(palette::series(index));
        let series = native
            .add_series()
            .set_name((sheet_name, HEADER_ROW, column))
            .set_categories((sheet_name, first, 0, last, 0))
            .set_values((sheet_name, first, column, last, column));
        match chart.kind {
            ChartKind::Line => {
                series
                    .set_format(ChartLine::new().set_color(colour).set_width(2.25))
                    .set_marker(
                        ChartMarker::new()
                            .set_type(ChartMarkerType::Circle)
                            .set_size(5)
                            .set_format(
                                ChartFormat::new()
                                    .set_solid_fill(ChartSolidFill::new().set_color(colour)),
                            ),
                    );
            }
            ChartKind::Bar => {
                series.set_format(ChartSolidFill::new().set_color(colour));
            }
        }
    }
    native.y_axis().set_num_format(chart.format.excel_code());
    native.legend().set_position(ChartLegendPosition::Bottom);
    native.set_width(640).set_height(360);
    Ok(native)
}

/// Frozen caption and header, printed on A4 (landscape beyond six columns) with the header
/// repeated and the columns fitted to the page width.
fn finish_data_sheet(sheet: &mut Worksheet, columns: usize) -> Result<(), ReportError> {
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.set_paper_size(PAPER_A4);
    if columns > 6 {
        sheet.set_landscape();
    }
    sheet.set_repeat_rows(0, HEADER_ROW)?;
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Model text as a cell can hold it: at most Excel's 32 767 UTF-16 units.
fn cell_text(text: &str) -> String {
    let mut units = 0;
    text.chars()
        .take_while(|c| {
            units += c.len_utf16();
            units <= MAX_CELL_TEXT
        })
        .collect()
}

fn column_number(index: usize) -> Result<ColNum, ReportError> {
    ColNum::try_from(index).map_err(|_| ReportError::Xlsx(XlsxError::RowColumnLimitError))
}

/// The sheet row of the data row `index`, under the caption and the header.
fn data_row(index: usize) -> Result<RowNum, ReportError> {
    RowNum::try_from(index)
        .ok()
        .and_then(|row| row.checked_add(HEADER_ROW + 1))
        .ok_or(ReportError::Xlsx(XlsxError::RowColumnLimitError))
}

#[cfg(test)]
mod tests {
    use super::cell_text;

    #[test]
    fn overlong_text_is_cut_to_excels_limit() {
        let emoji = "😀".repeat(20_000);
        assert_eq!(cell_text(&emoji).encode_utf16().count(), 32_766);
        assert_eq!(cell_text("结案率"), "结案率");
    }
}
