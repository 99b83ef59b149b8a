use std::path::PathBuf;

use chrono::NaiveDate;
use shenguan_domain::petition::{Channel, Level, Screening, Subject};

use crate::table::{SourceFormat, Table, TableRow, TextEncoding};
use crate::validate::validate_tables;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).expect("date")
}

const HEADER: &[&str] = &[
    "登记号",
    "法院代字",
    "登记日期",
    "来源",
    "交办单位",
    "信访人",
    "证件号码",
    "人数",
    "涉及案号",
    "事项类别",
    "信访层级",
    "巡回法庭",
    "诉访分离",
    "导入程序",
    "导入案号",
    "受理日期",
    "答复日期",
    "办理结果",
    "复查申请日期",
    "终结日期",
    "终结批准机关",
];

fn table(rows: &[&[&str]]) -> Table {
    Table {
        path: PathBuf::from("信访登记.csv"),
        format: SourceFormat::Csv {
            encoding: TextEncoding::Utf8,
        },
        header_row: 1,
        headers: HEADER.iter().map(|h| h.to_string()).collect(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, cells)| TableRow {
                row: i + 2,
                cells: csv::StringRecord::from(cells.to_vec()),
            })
            .collect(),
    }
}

/// A good row: a group visit of two named people (one with an identity number) about an
/// enforcement case, screened as 访, accepted and replied to.
const GOOD: &[&str] = &[
    "2026-017",
    "湘1402",
    "2026-03-02",
    "来访",
    "",
    "王某、李某",
    "43010219800101109x、",
    "6",
    "（2025）湘1402执2号",
    "执行",
    "赴省",
    "",
    "访",
    "",
    "",
    "2026-03-05",
    "2026-03-20",
    "解释",
    "",
    "",
    "",
];

#[test]
fn a_good_row_reads_into_a_petition_with_its_numbers_apart() {
    let validation = validate_tables(&[table(&[GOOD])], today()).expect("a register");
    assert!(validation.errors.is_empty(), "{:?}", validation.errors);
    let row = &validation.petitions[0].record;
    let p = &row.petition;
    assert_eq!(p.register_no, "2026-017");
    assert_eq!(p.channel, Channel::Visit);
    assert_eq!(p.subject, Subject::Enforcement);
    assert_eq!(p.level, Level::Province);
    assert_eq!(p.screening, Some(Screening::Petition));
    assert_eq!(p.head_count, 6);
    assert_eq!(p.petitioners.len(), 2);
    assert_eq!(p.cases.len(), 1);
    // The number is handed on apart, to be keyed; the petition keeps its masked form only.
    assert!(row.id_numbers[0].is_some() && row.id_numbers[1].is_none());
    assert_eq!(
        p.petitioners[0].masked.as_deref(),
        Some("4301**********109X")
    );
    assert_eq!(p.petitioners[0].identity, None);
}

/// Each bad cell and the column the error names.
#[test]
fn a_malformed_register_names_row_column_value_and_reason() {
    let bad = |column: usize, value: &'static str| {
        let mut row = GOOD.to_vec();
        row[column] = value;
        row
    };
    let rows: Vec<Vec<&str>> = vec![
        bad(2, "2026-02-30"),
        bad(3, "托人带话"),
        bad(4, "高院"),
        bad(6, "430102198001011090"),
        bad(7, "1"),
        bad(9, "拆迁"),
        bad(11, "7"),
        {
            let mut row = bad(13, "申请再审");
            row[12] = "访";
            row
        },
        bad(16, "2026-02-01"),
        bad(17, ""),
        {
            let mut row = bad(19, "2026-06-01");
            row[20] = "";
            row
        },
        bad(18, "2026-03-10"),
        bad(0, "=HYPERLINK(\"http://x\")\n第二行"),
    ];
    let refs: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    let validation = validate_tables(&[table(&refs)], today()).expect("a register");
    assert!(
        validation.petitions.is_empty(),
        "no bad row yields a petition"
    );
    let found: Vec<(usize, &str)> = validation
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_str()))
        .collect();
    for (row, column) in [
        (2, "登记日期"),
        (3, "来源"),
        (4, "交办单位"),
        (5, "证件号码"),
        (6, "人数"),
        (7, "事项类别"),
        (8, "巡回法庭"),
        (9, "导入程序"),
        (10, "答复日期"),
        (11, "办理结果"),
        (12, "终结批准机关"),
        (13, "复查申请日期"),
        (14, "登记号"),
    ] {
        assert!(
            found.contains(&(row, column)),
            "row {row} {column} in {found:?}"
        );
    }
    for error in &validation.errors {
        assert_eq!(error.path, PathBuf::from("信访登记.csv"));
        assert!(!error.reason_zh.is_empty() && !error.reason_en.is_empty());
        // An identity number is never repeated in a report.
        assert!(!error.value.contains("430102198001011090"), "{error:?}");
    }
}

#[test]
fn a_register_number_twice_in_one_court_is_refused_and_a_missing_column_stops_the_file() {
    let validation = validate_tables(&[table(&[GOOD, GOOD])], today()).expect("a register");
    assert_eq!(validation.petitions.len(), 1);
    assert_eq!(validation.errors.len(), 1);
    assert_eq!(
        (
            validation.errors[0].row,
            validation.errors[0].column.as_str()
        ),
        (3, "登记号")
    );
    let mut short = table(&[]);
    short.headers.retain(|h| h != "事项类别");
    let error = validate_tables(&[short], today()).expect_err("refused");
    assert!(error.text().zh().contains("事项类别"), "{error}");
}

#[test]
fn a_check_on_a_column_the_file_lacks_names_that_column() {
    // No 交办单位 column: a petition sent down (上级交办) is refused on 交办单位, not on the first
    // column.
    let mut t = table(&[]);
    let at = t
        .headers
        .iter()
        .position(|h| h == "交办单位")
        .expect("the column");
    t.headers.remove(at);
    let mut row: Vec<&str> = GOOD.to_vec();
    row.remove(at);
    row[3] = "上级交办";
    t.rows.push(TableRow {
        row: 2,
        cells: csv::StringRecord::from(row),
    });
    let validation = validate_tables(&[t], today()).expect("a register");
    assert_eq!(validation.errors.len(), 1, "{:?}", validation.errors);
    assert_eq!(validation.errors[0].column, "交办单位");
}

#[test]
fn a_notice_without_one_of_its_counts_is_refused_naming_it() {
    let notice = Table {
        path: PathBuf::from("通报.csv"),
        format: SourceFormat::Csv {
            encoding: TextEncoding::Utf8,
        },
        header_row: 1,
        headers: ["通报期间起", "通报期间止", "地区", "赴省信访", "赴京信访"]
            .iter()
            .map(|h| h.to_string())
            .collect(),
        rows: Vec::new(),
    };
    let error = validate_tables(&[notice], today()).expect_err("refused");
    assert!(error.text().zh().contains("赴巡回法庭信访"), "{error}");
}
