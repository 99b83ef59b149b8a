//! The workbook read back with calamine, cell by cell, against the model; and its charts and
//! frozen panes found in the package.

use std::io::{Cursor, Read};

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use shenguan_report::{Block, Cell, Document, render_xlsx};

use crate::sample::sample;
use crate::xml::parse;

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("calamine opens the workbook")
}

fn sheet(workbook: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Range<Data> {
    workbook
        .worksheet_range(name)
        .unwrap_or_else(|e| panic!("sheet {name}: {e}"))
}

fn at(range: &Range<Data>, row: u32, column: u32) -> Data {
    range
        .get_value((row, column))
        .cloned()
        .unwrap_or(Data::Empty)
}

fn text(value: &str) -> Data {
    Data::String(value.to_string())
}

#[test]
fn sheets_are_named_from_captions_within_excels_rules() {
    let bytes = render_xlsx(&sample()).expect("renders");
    assert_eq!(
        open(&bytes).sheet_names(),
        [
            "说明",
            "表1　各院结案率",
            "图1　近6个月结案率",
            "表2 执行指标_ 2024_06",
            "图2　各院收结案数",
        ]
    );
}

#[test]
fn the_first_sheet_holds_title_date_and_notes() {
    let document = sample();
    let bytes = render_xlsx(&document).expect("renders");
    let mut workbook = open(&bytes);
    let range = sheet(&mut workbook, "说明");
    assert_eq!(at(&range, 0, 0), text(&document.title));
    assert_eq!(at(&range, 1, 0), text("（2024年第6期）"));
    assert_eq!(at(&range, 2, 0), text(&document.date_line));
    assert_eq!(at(&range, 4, 0), text("指标说明"));
    assert_eq!(
        [at(&range, 5, 0), at(&range, 5, 1), at(&range, 5, 2)],
        [text("序号"), text("指标"), text("说明")]
    );
    for (index, note) in document.notes.iter().enumerate() {
        let row = 6 + index as u32;
        assert_eq!(at(&range, row, 0), Data::Float((index + 1) as f64));
        assert_eq!(at(&range, row, 1), text(&note.term));
        assert_eq!(at(&range, row, 2), text(&note.definition));
    }
}

/// What a model cell should read back as.
fn expected_cell(cell: Option<&Cell>) -> Data {
    match cell {
        Some(Cell::Text { text, .. }) => Data::String(text.clone()),
        Some(Cell::Number { value, format, .. }) => Data::Float(format.excel_value(*value)),
        Some(Cell::Empty) | None => Data::Empty,
    }
}

#[test]
fn tables_and_chart_data_read_back_as_the_models() {
    let document = sample();
    let bytes = render_xlsx(&document).expect("renders");
    let mut workbook = open(&bytes);
    let names = workbook.sheet_names();
    let mut data_sheets = names.iter().skip(1);
    let mut checked = 0;
    for block in &document.blocks {
        match block {
            Block::Table(table) => {
                let name = data_sheets.next().expect("a sheet per table");
                let range = sheet(&mut workbook, name);
                assert_eq!(at(&range, 0, 0), text(&table.caption), "{name}");
                let columns = table.column_count() as u32;
                for column in 0..columns {
                    let heading = table
                        .header
                        .get(column as usize)
                        .cloned()
                        .unwrap_or_default();
                    assert_eq!(at(&range, 1, column), text(&heading), "{name} header");
                }
                for (index, row) in table.rows.iter().enumerate() {
                    for column in 0..columns {
                        assert_eq!(
                            at(&range, 2 + index as u32, column),
                            expected_cell(row.get(column as usize)),
                            "{name} row {index} column {column}"
                        );
                    }
                }
                let after = 2 + table.rows.len() as u32;
                assert_eq!(at(&range, after, 0), Data::Empty, "{name}");
                let legend = at(&range, after + 1, 0);
                assert_eq!(
                    table.legend().is_some(),
                    legend != Data::Empty,
                    "{name} legend {legend:?}"
                );
                checked += 1;
            }
            Block::Chart(chart) => {
                let name = data_sheets.next().expect("a sheet per chart");
                let range = sheet(&mut workbook, name);
                assert_eq!(at(&range, 0, 0), text(&chart.title), "{name}");
                assert_eq!(at(&range, 1, 0), Data::Empty);
                for (s, series) in chart.series.iter().enumerate() {
                    assert_eq!(at(&range, 1, 1 + s as u32), text(&series.name), "{name}");
                }
                for (point, category) in chart.categories.iter().enumerate() {
                    let row = 2 + point as u32;
                    assert_eq!(at(&range, row, 0), text(category), "{name}");
                    for s in 0..chart.series.len() {
                        let expected = chart
                            .value(s, point)
                            .map_or(Data::Empty, |v| Data::Float(chart.format.excel_value(v)));
                        assert_eq!(
                            at(&range, row, 1 + s as u32),
                            expected,
                            "{name} {point} {s}"
                        );
                    }
                }
                checked += 1;
            }
            _ => {}
        }
    }
    assert_eq!(checked, 4);
}

#[test]
fn charts_are_native_and_headers_frozen() {
    let bytes = render_xlsx(&sample()).expect("renders");
    let mut archive = zip::ZipArchive::new(Cursor::new(&bytes[..])).expect("zip");
    let mut read = |name: &str| {
        let mut text = String::new();
        archive
            .by_name(name)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .read_to_string(&mut text)
            .expect("UTF-8");
        parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let first = read("xl/charts/chart1.xml");
    first.first("c:lineChart");
    let second = read("xl/charts/chart2.xml");
    second.first("c:barChart");
    assert_eq!(second.all("c:ser").len(), 2);

    // The table sheet freezes the caption and header rows.
    let table_sheet = read("xl/worksheets/sheet2.xml");
    let pane = table_sheet.first("pane");
    assert_eq!(pane.attr("ySplit"), Some("2"));
    assert_eq!(pane.attr("state"), Some("frozen"));
    // The marked cells are filled: the styles hold the two status colours.
    let styles = read("xl/styles.xml");
    let fills: Vec<&str> = styles
        .all("fgColor")
        .iter()
        .filter_map(|c| c.attr("rgb"))
        .collect();
    assert!(
        fills.contains(&"FFDDEBF7") && fills.contains(&"FFFCE4D6"),
        "{fills:?}"
    );
}

#[test]
fn the_same_document_gives_the_same_workbook() {
    let document: Document = sample();
    let first = render_xlsx(&document).expect("renders");
    let second = render_xlsx(&document).expect("renders");
    assert!(first == second, "two renderings differ");
}
