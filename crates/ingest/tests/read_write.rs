//! Reading the fixtures made by independent software (Python's csv module, openpyxl, DuckDB) and
//! files written here; and writing tables back out: round trips and byte-identical output.

use std::fs;
use std::path::{Path, PathBuf};

use shenguan_ingest::read::{COUNT_EVERY, read_table, read_table_counting};
use shenguan_ingest::table::{Column, ColumnKind, ReadError, SourceFormat, Table, TextEncoding};
use shenguan_ingest::write::{
    Chunk, StreamFormat, TableStream, write_csv, write_parquet, write_xlsx,
};
use shenguan_testkit::TempDir;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A file path in a fresh temporary folder of its own, removed with the folder when dropped.
struct Scratch {
    path: PathBuf,
    _folder: TempDir,
}

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

/// A fresh path named `name` (nothing is created).
fn scratch(name: &str) -> Scratch {
    let folder = TempDir::new("ingest-read-write");
    Scratch {
        path: folder.join(name),
        _folder: folder,
    }
}

/// The header test the validator will use: a case-number column in either language.
fn is_header(cells: &[&str]) -> bool {
    cells
        .iter()
        .any(|cell| *cell == "案号" || cell.eq_ignore_ascii_case("case_no"))
}

fn read(path: &Path) -> Result<Table, ReadError> {
    read_table(path, None, &is_header)
}

fn read_ok(path: &Path) -> Table {
    read(path).unwrap_or_else(|e| panic!("{e}"))
}

fn read_err(path: &Path) -> ReadError {
    match read(path) {
        Ok(table) => panic!("expected an error, read {} rows", table.rows.len()),
        Err(error) => error,
    }
}

fn row_numbers(table: &Table) -> Vec<usize> {
    table.rows.iter().map(|row| row.row).collect()
}

fn cells(table: &Table, index: usize) -> Vec<&str> {
    table.rows[index].cells.iter().collect()
}

/// Every row's cells as owned strings, for comparing with what was written.
fn all_cells(table: &Table) -> Vec<Vec<String>> {
    table
        .rows
        .iter()
        .map(|row| row.cells.iter().map(str::to_string).collect())
        .collect()
}

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}

const HEADER_ZH: [&str; 12] = [
    "案号",
    "法院名称",
    "立案日期",
    "结案日期",
    "结案方式",
    "承办人",
    "承办部门",
    "案由",
    "适用程序",
    "标的额",
    "执行到位金额",
    "原审案号",
];

// ---------------------------------------------------------------------------------------------
// Fixtures

#[test]
fn gbk_csv_with_title_rows_reads_as_gb18030() {
    let table = read_ok(&fixture("cases_gbk.csv"));
    assert_eq!(
        table.format,
        SourceFormat::Csv {
            encoding: TextEncoding::Gb18030
        }
    );
    assert_eq!(table.header_row, 3, "two title rows above the header");
    assert_eq!(table.headers, HEADER_ZH);
    // Line 10 is the wholly empty row ",,,,,,,,,,,": left out, still counted.
    assert_eq!(row_numbers(&table), [4, 5, 6, 7, 8, 9, 11, 12]);
    assert_eq!(
        cells(&table, 0),
        [
            "（2024）苏0102民初1234号",
            "南京市玄武区人民法院",
            "2024-03-05",
            "2024-05-20",
            "调解",
            "张伟",
            "民事审判庭",
            "民间借贷纠纷",
            "简易",
            "50000.00",
            "",
            ""
        ]
    );
    // The quoted cell with a comma, and dates as written (the validator reads them).
    assert_eq!(
        cells(&table, 1)[7],
        "机动车交通事故责任纠纷,财产损害赔偿纠纷"
    );
    assert_eq!(cells(&table, 1)[2], "2024/3/5");
    assert_eq!(cells(&table, 1)[3], "");
    assert_eq!(cells(&table, 1)[9], "128000.5");
    assert_eq!(cells(&table, 2)[2..4], ["2024年3月8日", "2024年4月2日"]);
    assert_eq!(cells(&table, 3)[2..4], ["20240311", "20240612"]);
    assert_eq!(cells(&table, 3)[11], "（2023）苏0105民初8765号");
    assert_eq!(cells(&table, 4)[10], "35000.00");
    assert_eq!(cells(&table, 7)[0], "（2024）苏01刑终56号");
    assert!(table.rows.iter().all(|row| row.cells.len() == 12));
}

#[test]
fn xlsx_from_openpyxl_reads_dates_numbers_and_row_numbers() {
    let table = read_ok(&fixture("cases.xlsx"));
    assert_eq!(
        table.format,
        SourceFormat::Xlsx {
            sheet: "案件明细".to_string()
        }
    );
    // Row 1 unused, merged title on row 2, blank row 3, header on row 4.
    assert_eq!(table.header_row, 4);
    assert_eq!(table.headers, HEADER_ZH);
    assert_eq!(row_numbers(&table), (5..=12).collect::<Vec<_>>());
    assert_eq!(
        cells(&table, 0),
        [
            "（2024）苏0102民初101号",
            "南京市玄武区人民法院",
            "2024-01-03",
            "2024-02-26",
            "判决",
            "张伟",
            "民事审判庭",
            "民间借贷纠纷",
            "简易",
            "50000",
            "",
            ""
        ]
    );
    assert_eq!(cells(&table, 1)[3], "", "pending: no closing date");
    assert_eq!(cells(&table, 1)[9], "3260.5");
    // A date typed as a number in a General cell stays the number.
    assert_eq!(cells(&table, 2)[2], "45296");
    assert_eq!(cells(&table, 2)[9], "0");
    assert_eq!(cells(&table, 3)[9], "1234.56");
    assert_eq!(cells(&table, 3)[11], "（2023）苏0113民初9988号");
    assert_eq!(cells(&table, 4)[9..11], ["200000", "200000"]);
    // A date cell with a time of day.
    assert_eq!(cells(&table, 5)[3], "2024-01-31 14:30:00");
    assert_eq!(cells(&table, 6)[9], "98765.43");
    // The empty cell.
    assert_eq!(cells(&table, 7)[5], "");
    assert_eq!(cells(&table, 7)[0], "（2024）苏0111民初808号");
}

#[test]
fn xlsx_sheet_choice() {
    let notes = read_table(&fixture("cases.xlsx"), Some("说明"), &is_header).unwrap_err();
    assert!(notes.message.zh().contains("未找到表头"), "{notes}");
    let missing = read_table(&fixture("cases.xlsx"), Some("Sheet1"), &is_header).unwrap_err();
    assert_eq!(missing.row, None);
    for expected in ["Sheet1", "案件明细", "说明"] {
        assert!(missing.message.zh().contains(expected), "{missing}");
    }
    let chosen = read_table(&fixture("cases.xlsx"), Some("案件明细"), &is_header).unwrap();
    assert_eq!(chosen.rows.len(), 8);
}

#[test]
fn parquet_from_duckdb_reads_with_typed_text() {
    let table = read_ok(&fixture("cases.parquet"));
    assert_eq!(table.format, SourceFormat::Parquet);
    assert_eq!(table.header_row, 1);
    assert_eq!(
        table.headers,
        [
            "case_no",
            "court_name",
            "filed_on",
            "closed_on",
            "closing_method",
            "judge",
            "claim_amount",
            "recovered_amount",
            "extension_days",
            "origin_case_no"
        ]
    );
    assert_eq!(row_numbers(&table), [2, 3, 4, 5, 6]);
    assert_eq!(
        cells(&table, 0),
        [
            "（2024）苏0102民初1234号",
            "南京市玄武区人民法院",
            "2024-03-05",
            "2024-05-20",
            "调解",
            "张伟",
            "50000.00",
            "",
            "0",
            ""
        ]
    );
    assert_eq!(cells(&table, 1)[3..5], ["", ""], "nulls are empty");
    assert_eq!(cells(&table, 1)[6], "128000.50");
    assert_eq!(cells(&table, 2)[8], "30");
    assert_eq!(cells(&table, 3)[6..8], ["200000.00", "35000.05"]);
    assert_eq!(cells(&table, 4)[6], "0.07");
}

#[test]
fn parquet_column_types_as_text() {
    let table = read_ok(&fixture("types.parquet"));
    let got: Vec<(&str, &str)> = table
        .headers
        .iter()
        .map(String::as_str)
        .zip(table.rows[0].cells.iter())
        .collect();
    assert_eq!(
        got,
        [
            ("ts", "2024-03-05 14:30:00"),
            ("ts_fraction", "2024-03-05 14:30:00.250"),
            ("ts_ns", "2024-03-05 14:30:00.123456789"),
            ("ts_ms", "2024-03-05 00:00:00"),
            ("time_of_day", "08:15:00"),
            ("double_value", "1.5"),
            ("float_value", "0.1"),
            ("bigint_value", "-1234567890123"),
            ("tinyint_value", "7"),
            ("bool_value", "true"),
            ("small_decimal", "-0.05"),
            ("wide_decimal", "12345678901234567890.1234567890"),
            ("scale_zero", "42"),
            ("uuid_value", "00112233-4455-6677-8899-aabbccddeeff"),
            ("null_text", ""),
        ]
    );
}

#[test]
fn parquet_compressed_with_zstd_is_refused_by_name() {
    let error = read_err(&fixture("cases_zstd.parquet"));
    assert!(error.message.zh().contains("ZSTD"), "{error}");
    assert!(error.message.zh().contains("Snappy"), "{error}");
}

#[test]
fn utf8_bom_csv_reads_with_the_mark_dropped() {
    let table = read_ok(&fixture("events_utf8bom.csv"));
    assert_eq!(
        table.format,
        SourceFormat::Csv {
            encoding: TextEncoding::Utf8Bom
        }
    );
    assert_eq!(table.header_row, 1);
    assert_eq!(table.headers, ["case_no", "kind", "date", "detail"]);
    assert_eq!(row_numbers(&table), [2, 3, 4, 5, 6]);
    assert_eq!(
        cells(&table, 0),
        ["（2024）苏0102民初1234号", "立案", "2024-03-05", "网上立案"]
    );
    assert_eq!(cells(&table, 3)[3], "第一次开庭，\"庭前调解\"未成");
    assert_eq!(cells(&table, 4)[1..3], ["结案", "2024-05-20"]);
}

// ---------------------------------------------------------------------------------------------
// Reading: shapes and errors

#[test]
fn title_rows_above_the_header_are_skipped() {
    let path = scratch("titles.csv");
    fs::write(
        &path,
        "南京市中级人民法院 2024年1月 案件明细\n单位：件,,\n案号,法院名称,立案日期\nA,B,C\n",
    )
    .unwrap();
    let table = read_ok(&path);
    assert_eq!(table.header_row, 3);
    assert_eq!(table.headers, ["案号", "法院名称", "立案日期"]);
    assert_eq!(row_numbers(&table), [4]);
    assert_eq!(
        table.format,
        SourceFormat::Csv {
            encoding: TextEncoding::Utf8
        }
    );
}

#[test]
fn header_cells_are_trimmed_and_trailing_empty_ones_dropped() {
    let path = scratch("trim-header.csv");
    fs::write(&path, " 案号 ,\t立案日期 ,,\nA,2024-01-01,,\n").unwrap();
    let table = read_ok(&path);
    assert_eq!(table.headers, ["案号", "立案日期"]);
    assert_eq!(cells(&table, 0), ["A", "2024-01-01"]);
}

#[test]
fn a_file_with_no_header_is_an_error() {
    let path = scratch("no-header.csv");
    fs::write(&path, "a,b,c\n1,2,3\n").unwrap();
    let error = read_err(&path);
    assert_eq!(error.row, None);
    assert_eq!(
        error.message.zh(),
        "在前20行中未找到表头（应含“案号”或 case_no 等列名）"
    );
    assert_eq!(
        error.message.en(),
        "no header row found in the first 20 rows"
    );

    // The header must be among the first 20 non-blank rows; blank rows do not count.
    let mut late = "\n".repeat(5);
    late.push_str(&"title\n".repeat(19));
    late.push_str("案号\nA\n");
    let path = scratch("header-20th.csv");
    fs::write(&path, &late).unwrap();
    let table = read_ok(&path);
    assert_eq!(table.header_row, 25);
    assert_eq!(row_numbers(&table), [26]);

    let mut too_late = "title\n".repeat(20);
    too_late.push_str("案号\nA\n");
    let path = scratch("header-21st.csv");
    fs::write(&path, &too_late).unwrap();
    assert!(read_err(&path).message.zh().contains("未找到表头"));

    let path = scratch("empty.csv");
    fs::write(&path, "").unwrap();
    assert!(read_err(&path).message.zh().contains("未找到表头"));
}

#[test]
fn an_unknown_extension_is_an_error_naming_it() {
    let path = scratch("cases.json");
    fs::write(&path, "[]").unwrap();
    let error = read_err(&path);
    assert_eq!(error.row, None);
    assert!(error.message.zh().contains(".json"), "{error}");
    for accepted in [".csv", ".txt", ".xlsx", ".xlsm", ".parquet"] {
        assert!(error.message.zh().contains(accepted), "{error}");
    }
    let old_excel = read_err(&scratch("cases.xls"));
    assert!(old_excel.message.zh().contains(".xlsx"), "{old_excel}");
    let bare = read_err(&scratch("cases"));
    assert!(bare.message.zh().contains("无扩展名"), "{bare}");
}

#[test]
fn the_extension_is_matched_in_any_case() {
    let path = scratch("UPPER.CSV");
    fs::write(&path, "案号\nA\n").unwrap();
    assert_eq!(read_ok(&path).rows.len(), 1);
}

#[test]
fn a_missing_file_is_an_error() {
    let error = read_err(&scratch("does-not-exist.csv"));
    assert!(error.message.zh().contains("无法读取文件"), "{error}");
}

#[test]
fn bad_gbk_bytes_are_an_error_with_their_line() {
    let path = scratch("bad-gbk.csv");
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"\xB0\xB8\xBA\xC5,\xC3\xFB\xB3\xC6\r\n"); // 案号,名称
    bytes.extend_from_slice(b"A,\xC4\xCF\xBE\xA9\r\n"); // A,南京
    bytes.extend_from_slice(b"B,\xC4\xFF\r\n"); // a lead byte, then a byte no GBK trail can be
    fs::write(&path, &bytes).unwrap();
    let error = read_err(&path);
    assert_eq!(error.row, Some(3), "{error}");
    assert!(error.message.zh().contains("GBK"), "{error}");
    assert!(error.to_string().contains("第3行"), "{error}");

    // Without the bad line, the same bytes are GBK.
    let good = scratch("good-gbk.csv");
    fs::write(&good, &bytes[..bytes.len() - 7]).unwrap();
    let table = read_ok(&good);
    assert_eq!(table.headers, ["案号", "名称"]);
    assert_eq!(cells(&table, 0), ["A", "南京"]);
}

#[test]
fn damaged_utf8_is_reported_as_utf8_not_read_as_gbk() {
    let path = scratch("damaged-utf8.csv");
    let mut bytes = "案号,法院名称\n（2024）苏0102民初1号,南京市玄武区人民法院\n"
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b"B,\xE5\x8D\n");
    fs::write(&path, &bytes).unwrap();
    let error = read_err(&path);
    assert_eq!(error.row, Some(3), "{error}");
    assert!(error.message.zh().contains("UTF-8"), "{error}");

    let with_bom = scratch("damaged-utf8-bom.csv");
    fs::write(&with_bom, b"\xEF\xBB\xBF\xE6\xA1\x88\xE5\x8F\xB7\nA\xFF\n").unwrap();
    let error = read_err(&with_bom);
    assert_eq!(error.row, Some(2), "{error}");
}

#[test]
fn utf16_is_refused_with_advice() {
    let path = scratch("utf16.txt");
    fs::write(&path, b"\xFF\xFE\x48\x68\x09\x00").unwrap();
    let error = read_err(&path);
    assert!(error.message.zh().contains("UTF-16"), "{error}");
}

#[test]
fn a_quoted_field_over_several_lines_keeps_the_row_numbers() {
    for newline in ["\n", "\r\n"] {
        let text = [
            "案号,备注",
            "A,\"第一行",
            "第二行,还有逗号",
            "第三行\"",
            "",
            "B,\"\"\"引号\"\"\"",
            "C,x",
        ]
        .join(newline);
        let path = scratch(&format!("multiline-{}.csv", newline.len()));
        fs::write(&path, text).unwrap();
        let table = read_ok(&path);
        assert_eq!(row_numbers(&table), [2, 6, 7], "newline {newline:?}");
        assert_eq!(
            cells(&table, 0)[1],
            ["第一行", "第二行,还有逗号", "第三行"].join(newline)
        );
        assert_eq!(cells(&table, 1)[1], "\"引号\"");
    }
}

#[test]
fn blank_rows_are_skipped_but_counted() {
    let path = scratch("blank-rows.csv");
    fs::write(
        &path,
        "\n\n案号,金额\n\nA,1\n,\n  ,  \n\r\nB,2\n\n\nC,3\n\n",
    )
    .unwrap();
    let table = read_ok(&path);
    assert_eq!(table.header_row, 3);
    assert_eq!(row_numbers(&table), [5, 9, 12]);
    assert_eq!(cells(&table, 2), ["C", "3"]);

    // A lone carriage return (old Mac line ends) is a line break too.
    let path = scratch("cr-only.csv");
    fs::write(&path, "案号\rA\r\rB\r").unwrap();
    assert_eq!(row_numbers(&read_ok(&path)), [2, 4]);
}

#[test]
fn short_rows_are_padded_and_empty_extra_cells_dropped() {
    let path = scratch("ragged.csv");
    fs::write(&path, "案号,法院名称,立案日期\nA\nB,南京,2024-01-01,,  \n").unwrap();
    let table = read_ok(&path);
    assert_eq!(cells(&table, 0), ["A", "", ""]);
    assert_eq!(cells(&table, 1), ["B", "南京", "2024-01-01"]);
}

#[test]
fn a_value_past_the_last_header_column_is_an_error_with_its_row() {
    let path = scratch("extra-cell.csv");
    fs::write(&path, "标题\n案号,法院名称\nA,B\nC,D,,备注\n").unwrap();
    let error = read_err(&path);
    assert_eq!(error.row, Some(4));
    assert!(error.message.zh().contains("第4列"), "{error}");
    assert!(error.message.zh().contains("备注"), "{error}");
}

#[test]
fn tab_separated_text_is_detected_from_the_header() {
    let path = scratch("export.txt");
    fs::write(
        &path,
        "案件明细\n案号\t法院名称\t案由\n（2024）苏0102民初1号\t南京市玄武区人民法院\t买卖合同纠纷,借款合同纠纷\n",
    )
    .unwrap();
    let table = read_ok(&path);
    assert_eq!(table.headers, ["案号", "法院名称", "案由"]);
    assert_eq!(table.header_row, 2);
    assert_eq!(
        cells(&table, 0),
        [
            "（2024）苏0102民初1号",
            "南京市玄武区人民法院",
            "买卖合同纠纷,借款合同纠纷"
        ]
    );

    // Commas in the header keep a file comma-separated even if cells hold tabs.
    let path = scratch("commas-with-tabs.txt");
    fs::write(&path, "案号,备注\nA,x\ty\n").unwrap();
    assert_eq!(cells(&read_ok(&path), 0), ["A", "x\ty"]);
}

// ---------------------------------------------------------------------------------------------
// Writing

fn sample_rows() -> Vec<Vec<String>> {
    vec![
        strings(&[
            "（2024）苏0102民初1234号",
            "南京市玄武区人民法院",
            "2024-03-05",
            "",
            "50000.00",
        ]),
        strings(&[
            "（2024）苏0106民初567号",
            "含,逗号 与 \"引号\"",
            "2024-03-05",
            "2024-05-20",
            "",
        ]),
        strings(&[
            "（2024）苏01民终2345号",
            "两行\n文字",
            "2024-03-11",
            "",
            "0.07",
        ]),
        strings(&[
            "（2024）苏0115执1021号",
            "€ 与 𠮷（四字节）",
            "",
            "",
            "-12.30",
        ]),
    ]
}

const SAMPLE_HEADERS: [&str; 5] = ["案号", "备注", "立案日期", "结案日期", "标的额"];

#[test]
fn csv_round_trips_in_every_encoding() {
    let rows = sample_rows();
    for (encoding, name) in [
        (TextEncoding::Utf8, "utf8"),
        (TextEncoding::Utf8Bom, "utf8bom"),
        (TextEncoding::Gb18030, "gb18030"),
    ] {
        let path = scratch(&format!("round-trip-{name}.csv"));
        write_csv(&path, encoding, &SAMPLE_HEADERS, &rows).unwrap();
        let table = read_ok(&path);
        assert_eq!(table.format, SourceFormat::Csv { encoding }, "{name}");
        assert_eq!(table.header_row, 1);
        assert_eq!(table.headers, SAMPLE_HEADERS);
        assert_eq!(all_cells(&table), rows, "{name}");
        // The row with a line break inside a cell takes two lines.
        assert_eq!(row_numbers(&table), [2, 3, 4, 6], "{name}");
    }
}

#[test]
fn csv_output_is_exact() {
    let path = scratch("exact.csv");
    write_csv(
        &path,
        TextEncoding::Utf8,
        &["案号", "备注", "x"],
        &[strings(&["A", "a,b", "\"q\""]), strings(&["B"])],
    )
    .unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "案号,备注,x\nA,\"a,b\",\"\"\"q\"\"\"\nB,,\n"
    );
    let path = scratch("exact-bom.csv");
    write_csv(
        &path,
        TextEncoding::Utf8Bom,
        &["case_no"],
        &[strings(&["A"])],
    )
    .unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"\xEF\xBB\xBFcase_no\nA\n");
    let path = scratch("exact-gbk.csv");
    write_csv(&path, TextEncoding::Gb18030, &["案号"], &[strings(&["A"])]).unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"\xB0\xB8\xBA\xC5\nA\n");
}

fn typed_columns() -> Vec<Column<'static>> {
    vec![
        Column {
            name: "案号",
            kind: ColumnKind::Text,
        },
        Column {
            name: "备注",
            kind: ColumnKind::Text,
        },
        Column {
            name: "立案日期",
            kind: ColumnKind::Date,
        },
        Column {
            name: "结案日期",
            kind: ColumnKind::Date,
        },
        Column {
            name: "标的额",
            kind: ColumnKind::Money,
        },
        Column {
            name: "延长审限天数",
            kind: ColumnKind::Integer,
        },
    ]
}

#[test]
fn xlsx_round_trip_gives_iso_dates_and_shortest_amounts() {
    let rows = vec![
        strings(&[
            "（2024）苏0102民初1234号",
            "00123",
            "2024-03-05",
            "",
            "1234.50",
            "30",
        ]),
        strings(&[
            "（2024）苏0106民初567号",
            "两行\n文字",
            "2024-02-29",
            "2024-05-20",
            "1234.00",
            "0",
        ]),
        strings(&[
            "（2024）苏01民终2345号",
            "=1+1",
            "2024/3/5",
            "待定",
            "abc",
            "7.5",
        ]),
        strings(&["（2024）苏0115执1021号", "", "", "", "-0.07", "-3"]),
    ];
    let path = scratch("round-trip.xlsx");
    write_xlsx(&path, "拒收行", &typed_columns(), &rows).unwrap();
    let table = read_ok(&path);
    assert_eq!(
        table.format,
        SourceFormat::Xlsx {
            sheet: "拒收行".to_string()
        }
    );
    assert_eq!(table.header_row, 1);
    assert_eq!(
        table.headers,
        [
            "案号",
            "备注",
            "立案日期",
            "结案日期",
            "标的额",
            "延长审限天数"
        ]
    );
    assert_eq!(row_numbers(&table), [2, 3, 4, 5]);
    // Text stays text (a number-like id, a formula-like string); dates come back ISO; money
    // comes back in the shortest form of the number (1234.50 → "1234.5", 1234.00 → "1234");
    // values that do not parse for their kind were written as text and come back unchanged.
    assert_eq!(
        all_cells(&table),
        vec![
            strings(&[
                "（2024）苏0102民初1234号",
                "00123",
                "2024-03-05",
                "",
                "1234.5",
                "30"
            ]),
            strings(&[
                "（2024）苏0106民初567号",
                "两行\n文字",
                "2024-02-29",
                "2024-05-20",
                "1234",
                "0"
            ]),
            strings(&[
                "（2024）苏01民终2345号",
                "=1+1",
                "2024/3/5",
                "待定",
                "abc",
                "7.5"
            ]),
            strings(&["（2024）苏0115执1021号", "", "", "", "-0.07", "-3"]),
        ]
    );
}

#[test]
fn xlsx_refuses_a_sheet_name_excel_refuses() {
    let path = scratch("bad-sheet.xlsx");
    let error = write_xlsx(&path, "a/b", &typed_columns(), &[]).unwrap_err();
    assert!(error.message.zh().contains("XLSX"), "{error}");
    assert!(!path.exists());
}

/// Rows of canonical text for `typed_columns`: a full row, nulls, a wholly empty row, extremes.
fn typed_rows() -> Vec<Vec<String>> {
    vec![
        strings(&[
            "（2024）苏0102民初1234号",
            "调解",
            "2024-03-05",
            "",
            "1234.50",
            "30",
        ]),
        strings(&[
            "（2024）苏0106民初567号",
            "",
            "1969-12-31",
            "2024-05-20",
            "-0.07",
            "",
        ]),
        strings(&["", "", "", "", "", ""]),
        strings(&[
            "（2024）苏01民终2345号",
            "两行\n文字",
            "2024-02-29",
            "",
            "9999999999999999.99",
            "-3",
        ]),
    ]
}

#[test]
fn parquet_round_trip_gives_the_same_text_and_nulls_as_empty() {
    let rows = typed_rows();
    let path = scratch("round-trip.parquet");
    write_parquet(&path, &typed_columns(), &rows).unwrap();
    let table = read_ok(&path);
    assert_eq!(table.format, SourceFormat::Parquet);
    assert_eq!(
        table.headers,
        [
            "案号",
            "备注",
            "立案日期",
            "结案日期",
            "标的额",
            "延长审限天数"
        ]
    );
    // The wholly null row is left out, but keeps its number.
    assert_eq!(row_numbers(&table), [2, 3, 5]);
    assert_eq!(
        all_cells(&table),
        vec![rows[0].clone(), rows[1].clone(), rows[3].clone()]
    );
}

/// The rows of the round-trip test as typed chunks, split in two so that the stream writes more
/// than one block.
fn stream_rows(path: &Path, format: StreamFormat) {
    let columns = typed_columns();
    let date = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    let mut stream = TableStream::create(path, format, &columns).unwrap();
    let mut chunk = Chunk::new(&columns);
    for (number, note, filed, closed, fen, days) in [
        (
            "（2024）苏0102民初1234号",
            "调解",
            "2024-03-05",
            "",
            Some(123_450),
            Some(30),
        ),
        (
            "（2024）苏0106民初567号",
            "",
            "1969-12-31",
            "2024-05-20",
            Some(-7),
            None,
        ),
    ] {
        chunk.push_text(0, number);
        chunk.push_fmt(1, format_args!("{note}"));
        chunk.push_date(2, date(filed));
        chunk.push_date(3, date(closed));
        chunk.push_money(4, fen);
        chunk.push_integer(5, days);
    }
    stream.write(&chunk).unwrap();
    chunk.clear();
    for column in 0..2 {
        chunk.push_text(column, "");
    }
    chunk.push_date(2, None);
    chunk.push_date(3, None);
    chunk.push_money(4, None);
    chunk.push_integer(5, None);
    chunk.push_text(0, "（2024）苏01民终2345号");
    chunk.push_text(1, "两行\n文字");
    chunk.push_date(2, date("2024-02-29"));
    chunk.push_date(3, None);
    chunk.push_money(4, Some(999_999_999_999_999_999));
    chunk.push_integer(5, Some(-3));
    stream.write(&chunk).unwrap();
    stream.finish().unwrap();
}

#[test]
fn streamed_chunks_write_the_same_tables_as_rows_of_text() {
    let rows = typed_rows();
    let headers: Vec<&str> = typed_columns().iter().map(|c| c.name).collect();
    for encoding in [TextEncoding::Utf8, TextEncoding::Gb18030] {
        let by_rows = scratch("by-rows.csv");
        write_csv(&by_rows, encoding, &headers, &rows).unwrap();
        let streamed = scratch("streamed.csv");
        stream_rows(&streamed, StreamFormat::Csv(encoding));
        assert_eq!(fs::read(&streamed).unwrap(), fs::read(&by_rows).unwrap());
    }
    let by_rows = scratch("by-rows.parquet");
    write_parquet(&by_rows, &typed_columns(), &rows).unwrap();
    let streamed = scratch("streamed.parquet");
    stream_rows(&streamed, StreamFormat::Parquet);
    let (a, b) = (read_ok(&by_rows), read_ok(&streamed));
    assert_eq!(all_cells(&a), all_cells(&b));
    assert_eq!(row_numbers(&a), row_numbers(&b));
    assert_eq!(a.headers, b.headers);
}

#[test]
fn an_unfinished_parquet_stream_leaves_no_file() {
    let path = scratch("unfinished.parquet");
    let mut stream = TableStream::create(&path, StreamFormat::Parquet, &typed_columns()).unwrap();
    let mut chunk = Chunk::new(&typed_columns());
    chunk.push_text(0, "A");
    chunk.push_text(1, "");
    for column in 2..4 {
        chunk.push_date(column, None);
    }
    chunk.push_money(4, None);
    chunk.push_integer(5, None);
    stream.write(&chunk).unwrap();
    assert!(path.exists());
    drop(stream);
    assert!(!path.exists());
}

#[test]
fn parquet_money_is_exact_and_keeps_two_decimals() {
    let columns = [Column {
        name: "claim_amount",
        kind: ColumnKind::Money,
    }];
    let rows: Vec<Vec<String>> = ["1234.5", "0.1", "0.2", "1234.500", "-5", "0"]
        .iter()
        .map(|v| vec![v.to_string()])
        .collect();
    let path = scratch("money.parquet");
    write_parquet(&path, &columns, &rows).unwrap();
    let table = read_ok(&path);
    assert_eq!(
        all_cells(&table),
        [
            ["1234.50"],
            ["0.10"],
            ["0.20"],
            ["1234.50"],
            ["-5.00"],
            ["0.00"]
        ]
    );
}

#[test]
fn parquet_refuses_a_value_that_is_not_of_its_kind() {
    let path = scratch("bad-value.parquet");
    let rows = vec![
        strings(&["A", "", "2024-03-05", "", "1.00", "1"]),
        strings(&["B", "", "2024-03-05", "", "1.005", "1"]),
    ];
    let error = write_parquet(&path, &typed_columns(), &rows).unwrap_err();
    assert_eq!(error.row, Some(3), "{error}");
    assert!(
        error.message.zh().contains("标的额") && error.message.zh().contains("1.005"),
        "{error}"
    );
    assert!(!path.exists(), "no half-written file is left");

    let rows = vec![strings(&["A", "", "2024/3/5", "", "", ""])];
    let error = write_parquet(&path, &typed_columns(), &rows).unwrap_err();
    assert!(error.message.zh().contains("立案日期"), "{error}");

    let rows = vec![strings(&["A", "", "", "", "", "", "extra"])];
    let error = write_parquet(&path, &typed_columns(), &rows).unwrap_err();
    assert_eq!(error.row, Some(2), "{error}");
}

#[test]
fn parquet_with_text_columns_keeps_anything_for_rejects() {
    let columns: Vec<Column> = ["case_no", "filed_on", "claim_amount"]
        .into_iter()
        .map(|name| Column {
            name,
            kind: ColumnKind::Text,
        })
        .collect();
    let rows = vec![strings(&["（2024）苏0102民初1号", "2024/3/5", "一万元"])];
    let path = scratch("rejects.parquet");
    write_parquet(&path, &columns, &rows).unwrap();
    assert_eq!(all_cells(&read_ok(&path)), rows);
}

#[test]
fn empty_tables_write_and_read_back() {
    let columns = typed_columns();
    let headers: Vec<&str> = columns.iter().map(|c| c.name).collect();
    let csv = scratch("empty-out.csv");
    write_csv(&csv, TextEncoding::Utf8, &headers, &[]).unwrap();
    let xlsx = scratch("empty-out.xlsx");
    write_xlsx(&xlsx, "Sheet1", &columns, &[]).unwrap();
    let parquet = scratch("empty-out.parquet");
    write_parquet(&parquet, &columns, &[]).unwrap();
    for path in [csv, xlsx, parquet] {
        let table = read_ok(&path);
        assert_eq!(table.headers, headers, "{}", path.display());
        assert!(table.rows.is_empty());
    }
}

#[test]
fn the_same_rows_give_byte_identical_files() {
    let columns = typed_columns();
    let headers: Vec<&str> = columns.iter().map(|c| c.name).collect();
    let rows: Vec<Vec<String>> = sample_rows()
        .into_iter()
        .map(|mut row| {
            row.push("12".to_string());
            row
        })
        .collect();
    let twice = |name: &str, write: &dyn Fn(&Path)| {
        let first = scratch(&format!("same-1.{name}"));
        let second = scratch(&format!("same-2.{name}"));
        write(&first);
        write(&second);
        let (a, b) = (fs::read(&first).unwrap(), fs::read(&second).unwrap());
        assert!(!a.is_empty());
        assert!(a == b, "{name}: the two files differ");
    };
    for encoding in [
        TextEncoding::Utf8,
        TextEncoding::Utf8Bom,
        TextEncoding::Gb18030,
    ] {
        twice(&format!("{encoding:?}.csv"), &|path| {
            write_csv(path, encoding, &headers, &rows).unwrap()
        });
    }
    twice("xlsx", &|path| {
        write_xlsx(path, "cases", &columns, &rows).unwrap()
    });
    twice("parquet", &|path| {
        write_parquet(path, &columns, &rows).unwrap()
    });
}

/// A workbook that is a zip bomb: a sheet of 48 MB of one byte, packed to a few kilobytes.
fn zip_bomb(path: &Path) {
    use std::io::Write;
    let file = fs::File::create(path).expect("create");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(false);
    zip.start_file("[Content_Types].xml", options)
        .expect("entry");
    zip.write_all(b"<Types/>").expect("write");
    zip.start_file("xl/worksheets/sheet1.xml", options)
        .expect("entry");
    let block = vec![b'0'; 1 << 20];
    for _ in 0..48 {
        zip.write_all(&block).expect("write");
    }
    zip.finish().expect("finish");
}

#[test]
fn a_workbook_that_is_a_zip_bomb_is_refused_before_it_is_unpacked() {
    let path = scratch("bomb.xlsx");
    zip_bomb(&path);
    let packed = fs::metadata(&*path).expect("size").len();
    assert!(packed < 1 << 20, "{packed} bytes packed");
    let error = read(&path).expect_err("a bomb").to_string();
    assert!(
        error.contains("压缩炸弹") && error.contains("bomb.xlsx"),
        "{error}"
    );
}

/// A progress display is told the rows read every [`COUNT_EVERY`] rows and once at the end, in
/// every format; blank rows and the header are not rows.
#[test]
fn the_rows_read_are_counted_as_they_are_read_in_every_format() {
    // Two counts on the way and the last, odd one at the end: 10,000, 20,000, 25,001.
    let n = 2 * COUNT_EVERY + COUNT_EVERY / 2 + 1;
    let rows: Vec<Vec<String>> = (1..=n)
        .map(|serial| strings(&[&format!("（2024）苏0102民初{serial}号"), "2024-03-05"]))
        .collect();
    let columns = [
        Column {
            name: "案号",
            kind: ColumnKind::Text,
        },
        Column {
            name: "立案日期",
            kind: ColumnKind::Date,
        },
    ];
    let csv = scratch("counted.csv");
    write_csv(&csv, TextEncoding::Utf8, &["案号", "立案日期"], &rows).unwrap();
    // A blank line in the middle counts for nothing.
    let text = fs::read_to_string(&*csv)
        .unwrap()
        .replacen("\n", "\n,\n", 2);
    fs::write(&*csv, text).unwrap();
    let xlsx = scratch("counted.xlsx");
    write_xlsx(&xlsx, "案件", &columns, &rows).unwrap();
    let parquet = scratch("counted.parquet");
    write_parquet(&parquet, &columns, &rows).unwrap();
    for path in [&csv, &xlsx, &parquet] {
        let mut counts = Vec::new();
        let table = read_table_counting(path, None, &is_header, &mut |rows| counts.push(rows))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(table.rows.len(), n, "{}", path.display());
        assert_eq!(
            counts,
            [COUNT_EVERY, 2 * COUNT_EVERY, n],
            "{}",
            path.display()
        );
    }
}
