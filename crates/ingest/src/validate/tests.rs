use std::path::PathBuf;

use super::*;
use crate::table::{SourceFormat, TextEncoding};
use shenguan_domain::join_exclusions;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).expect("date")
}

/// A table as a reader would give it: header on row 3 (two title rows above), data from row 4.
fn table(name: &str, headers: &[&str], rows: &[&[&str]]) -> Table {
    Table {
        path: PathBuf::from(name),
        format: SourceFormat::Csv {
            encoding: TextEncoding::Utf8,
        },
        header_row: 3,
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, cells)| TableRow {
                row: i + 4,
                cells: csv::StringRecord::from(cells.to_vec()),
            })
            .collect(),
    }
}

const HEADER: &[&str] = &[
    "案号",
    "立案日期",
    "结案日期",
    "结案方式",
    "标的额（元）",
    "执行到位金额",
    "适用程序",
    "法院代字",
];

/// Validates one row under [`HEADER`] and returns "ok" or "column value: reason" for each error.
fn check_row(cells: &[&str]) -> Vec<String> {
    let validation =
        validate_tables(&[table("cases.csv", HEADER, &[cells])], today()).expect("header");
    if validation.errors.is_empty() {
        assert_eq!(validation.cases.len(), 1);
        return vec!["ok".into()];
    }
    assert!(
        validation.cases.is_empty(),
        "a row with errors must not yield a record"
    );
    assert!(validation.rejected.contains(&(0, 4)));
    validation
        .errors
        .iter()
        .map(|e| {
            assert_eq!(e.row, 4);
            assert_eq!(e.path, PathBuf::from("cases.csv"));
            assert!(!e.reason_en.is_empty());
            format!("{} {}: {}", e.column, e.value, e.reason_zh)
        })
        .collect()
}

#[track_caller]
fn check(cells: &[&str], expected: &[&str]) {
    assert_eq!(check_row(cells), expected, "row {cells:?}");
}

#[test]
fn valid_rows_in_every_accepted_form() {
    check(
        &[
            "（2024）苏0102民初1号",
            "2024-03-05",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        &["ok"],
    );
    check(
        &[
            "(2024)苏0102民初1号",
            "2024/3/5",
            "2024年5月6日",
            "调解",
            "1,234.5",
            "",
            "简易程序",
            "苏0102",
        ],
        &["ok"],
    );
    check(
        &[
            "（2024）苏0102执1号",
            "20240305",
            "45420",
            "终结本次执行",
            "100",
            "20.5",
            "",
            "",
        ],
        &["ok"],
    );
    check(
        &[
            "（2024）苏0102民初1号",
            "2024-03-05 09:30:00",
            "",
            "",
            "",
            "",
            "普通",
            "",
        ],
        &["ok"],
    );
    // A legacy number whose court the abbreviation does not tell, with the court stated.
    check(
        &[
            "（2015）朝民初字第41757号",
            "2015-06-01",
            "",
            "",
            "",
            "",
            "",
            "京0105",
        ],
        &["ok"],
    );
}

#[test]
fn each_bad_input_class_is_named() {
    check(
        &[
            "（2024）苏0102民初终1号",
            "2024-03-05",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        &["案号 （2024）苏0102民初终1号: 类型代字“民初终”同时含有相互冲突的审级“初”和“终”"],
    );
    check(
        &["", "2024-03-05", "", "", "", "", "", ""],
        &["案号 : 案号为必填项"],
    );
    check(
        &["（2024）苏0102民初1号", "", "", "", "", "", "", ""],
        &["立案日期 : 立案日期为必填项"],
    );
    check(
        &[
            "（2023）苏0102民初1号",
            "2023-02-29",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        &[
            "立案日期 2023-02-29: 不是存在的日期（可写 2024-03-05、2024/3/5、2024年3月5日、20240305 或 Excel 日期）",
        ],
    );
    check(
        &[
            "（2026）苏0102民初1号",
            "2026-12-01",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        &["立案日期 2026-12-01: 日期晚于今天（2026-11-27）"],
    );
    check(
        &[
            "（2024）苏0102民初1号",
            "2024-03-05",
            "2024-03-04",
            "判决",
            "",
            "",
            "",
            "",
        ],
        &["结案日期 2024-03-04: 结案日期早于立案日期2024-03-05"],
    );
    check(
        &[
            "（2024）苏0102民初1号",
            "2024-03-05",
            "2024-04-04",
            "结了",
            "",
            "",
            "",
            "",
        ],
        &[
            "结案方式 结了: 结案方式“结了”无法识别；一审案件可用：判决、调解、撤诉、按撤诉处理、驳回起诉、不予受理、移送、终结诉讼、终止审理、准予执行、决定、裁定、不予执行、驳回申请、其他",
        ],
    );
    check(
        &[
            "（2024）苏0102民初1号",
            "2024-03-05",
            "2024-04-04",
            "发回重审",
            "",
            "",
            "",
            "",
        ],
        &["结案方式 发回重审: “发回重审”不是一审案件的结案方式"],
    );
    check(
        &[
            "（2024）苏0102民初1号",
            "2024-03-05",
            "",
            "判决",
            "",
            "",
            "",
            "",
        ],
        &["结案方式 判决: 未结案件（无结案日期）不应有结案方式"],
    );
    check(
        &[
            "（2024）苏0102民初1号",
            "2024-03-05",
            "",
            "",
            "-5",
            "",
            "",
            "",
        ],
        &["标的额（元） -5: 金额不能为负数"],
    );
    check(
        &[
            "（2024）苏0102民初1号",
            "2024-03-05",
            "",
            "",
            "1.234",
            "",
            "",
            "",
        ],
        &["标的额（元） 1.234: 金额最多保留两位小数（到分）"],
    );
    check(
        &[
            "（2024）苏0102民初1号",
            "2024-03-05",
            "",
            "",
            "",
            "100",
            "",
            "",
        ],
        &["执行到位金额 100: 执行到位金额只适用于执行案件"],
    );
    check(
        &[
            "（2024）苏0102民初1号",
            "2024-03-05",
            "",
            "",
            "",
            "",
            "加急",
            "",
        ],
        &["适用程序 加急: 适用程序无法识别（普通、简易、小额诉讼、速裁、特别、其他）"],
    );
    check(
        &[
            "（2024）苏0102民初1号",
            "2024-03-05",
            "",
            "",
            "",
            "",
            "",
            "苏0104",
        ],
        &["法院代字 苏0104: 法院代字与案号中的“苏0102”不一致"],
    );
    check(
        &[
            "（2015）朝民初字第41757号",
            "2015-06-01",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        &["案号 （2015）朝民初字第41757号: 旧案号无法确定法院，请在“法院代字”列注明"],
    );
    // Several problems in one row are all reported.
    check(
        &[
            "（2024）苏0102民初1号",
            "2024-13-01",
            "",
            "",
            "abc",
            "",
            "",
            "",
        ],
        &[
            "立案日期 2024-13-01: 不是存在的日期（可写 2024-03-05、2024/3/5、2024年3月5日、20240305 或 Excel 日期）",
            "标的额（元） abc: 金额不是数字",
        ],
    );
}

#[test]
fn derived_columns_must_agree_and_days_must_be_whole() {
    let headers = [
        "case_no",
        "filed_on",
        "type_code",
        "category",
        "stage",
        "extension_days",
        "deadline",
    ];
    let rows: &[&[&str]] = &[
        &[
            "（2024）苏0102民初1号",
            "2024-03-05",
            "民初",
            "civil",
            "一审",
            "30",
            "2099-01-01",
        ],
        &[
            "（2024）苏0102民初2号",
            "2024-03-05",
            "民终",
            "民事",
            "first_instance",
            "0",
            "",
        ],
        &[
            "（2024）苏0102民初3号",
            "2024-03-05",
            "",
            "criminal",
            "",
            "1.5",
            "",
        ],
    ];
    let validation = validate_tables(&[table("x.csv", &headers, rows)], today()).expect("header");
    let errors: Vec<String> = validation
        .errors
        .iter()
        .map(|e| format!("{} {} {}", e.row, e.column, e.value))
        .collect();
    assert_eq!(
        errors,
        [
            "5 type_code 民终",
            "6 category criminal",
            "6 extension_days 1.5"
        ]
    );
    assert_eq!(validation.cases.len(), 1);
    assert_eq!(
        validation.cases[0].record.extensions,
        [Extension::of(Period::Days(30))]
    );
    assert!(
        validation
            .warnings
            .iter()
            .any(|w| w.en().contains("deadline") && w.zh().contains("审限届满日"))
    );
}

#[test]
fn a_case_number_twice_in_one_import_is_refused_wherever_it_is() {
    let first = table(
        "a.csv",
        &["案号", "立案日期"],
        &[
            &["（2024）苏0102民初1号", "2024-03-05"],
            &["(2024)苏0102民初01号", "2024-03-05"],
        ],
    );
    let second = table(
        "b.csv",
        &["案号", "立案日期"],
        &[&["（2024）苏0102民初1号", "2024-03-05"]],
    );
    let validation = validate_tables(&[first, second], today()).expect("headers");
    let errors: Vec<String> = validation
        .errors
        .iter()
        .map(|e| format!("{} {} {}", e.path.display(), e.row, e.reason_zh))
        .collect();
    assert_eq!(
        errors,
        ["a.csv 5 案号与第4行重复", "b.csv 4 案号与a.csv 第4行重复"]
    );
    assert_eq!(validation.cases.len(), 1);
}

#[test]
fn events_rows_and_unknown_columns() {
    let events = table(
        "events.csv",
        &["case_no", "kind", "date", "detail", "操作员"],
        &[
            &[
                "（2024）苏0102民初1号",
                "开庭",
                "2024-04-01",
                "第一法庭",
                "李四",
            ],
            &["（2024）苏0102民初1号", "", "2024-04-02", "", ""],
            &["（2024）苏0102民初1号", "送达", "2024-02-30", "", ""],
        ],
    );
    let validation = validate_tables(&[events], today()).expect("header");
    assert_eq!(validation.events.len(), 1);
    assert_eq!(validation.events[0].record.detail, "第一法庭");
    let rows: Vec<usize> = validation.errors.iter().map(|e| e.row).collect();
    assert_eq!(rows, [5, 6]);
    assert!(
        validation
            .warnings
            .iter()
            .any(|w| w.zh().contains("操作员"))
    );
}

#[test]
fn a_header_that_is_neither_kind_is_an_error() {
    let odd = table(
        "odd.csv",
        &["案号", "承办人"],
        &[&["（2024）苏0102民初1号", "张三"]],
    );
    let error = validate_tables(&[odd], today()).expect_err("not a canonical file");
    assert_eq!(error.row, Some(3));
}

#[test]
fn excel_serials_and_date_times() {
    assert_eq!(
        parse_cell_date("45356"),
        NaiveDate::from_ymd_opt(2024, 3, 5)
    );
    assert_eq!(
        parse_cell_date("45356.75"),
        NaiveDate::from_ymd_opt(2024, 3, 5)
    );
    assert_eq!(
        parse_cell_date("2024-03-05T08:00:00"),
        NaiveDate::from_ymd_opt(2024, 3, 5)
    );
    assert_eq!(parse_cell_date("12"), None);
    assert_eq!(parse_cell_date("2024-02-30"), None);
}

#[test]
fn extensions_are_read_with_their_units_and_a_total_of_days_only_without_them() {
    let headers = ["案号", "立案日期", "延长审限", "延长审限天数"];
    let rows: &[&[&str]] = &[
        &["（2025）湘1402民初1号", "2025-07-16", "6个月", ""],
        &["（2025）湘1402民初2号", "2025-07-16", "6m；30d", ""],
        &["（2025）湘1402民初3号", "2025-07-16", "1个月、15天", ""],
        // A bare number in 延长审限 is days, as the column was read before it kept units.
        &["（2025）湘1402民初4号", "2025-07-16", "30", ""],
        // Only a total of days: one extension in days.
        &["（2025）湘1402民初5号", "2025-07-16", "", "45"],
        // Both: the total is what an export derives from the extensions, never added again.
        &["（2025）湘1402民初6号", "2025-07-16", "6个月", "181"],
        &["（2025）湘1402民初7号", "2025-07-16", "", ""],
        &["（2025）湘1402民初8号", "2025-07-16", "半年", ""],
        &["（2025）湘1402民初9号", "2025-07-16", "6个月;0d", ""],
        // Hostile: a formula, a number past any limit, a period past the longest allowed.
        &[
            "（2025）湘1402民初10号",
            "2025-07-16",
            "=HYPERLINK(\"x\")",
            "",
        ],
        &[
            "（2025）湘1402民初11号",
            "2025-07-16",
            "99999999999999999999个月",
            "",
        ],
        &["（2025）湘1402民初12号", "2025-07-16", "121个月", ""],
    ];
    let validation = validate_tables(&[table("x.csv", &headers, rows)], today()).expect("header");
    let got: Vec<(String, Vec<Period>)> = validation
        .cases
        .iter()
        .map(|c| {
            let lengths = c.record.extensions.iter().map(|e| e.length).collect();
            (c.record.case_no.to_string(), lengths)
        })
        .collect();
    use Period::{Days as D, Months as M};
    let want = |n: u32, periods: Vec<Period>| (format!("（2025）湘1402民初{n}号"), periods);
    assert_eq!(
        got,
        [
            want(1, vec![M(6)]),
            want(2, vec![M(6), D(30)]),
            want(3, vec![M(1), D(15)]),
            want(4, vec![D(30)]),
            want(5, vec![D(45)]),
            want(6, vec![M(6)]),
            want(7, vec![]),
        ]
    );
    let errors: Vec<String> = validation
        .errors
        .iter()
        .map(|e| format!("{} {} {} {}", e.row, e.column, e.value, e.reason_en))
        .collect();
    let starts = [
        "11 延长审限 半年 an extension is a period",
        "12 延长审限 6个月;0d ",
        "13 延长审限 =HYPERLINK",
        "14 延长审限 99999999999999999999个月 ",
        "15 延长审限 121个月 ",
    ];
    assert_eq!(errors.len(), starts.len(), "{errors:?}");
    for (error, start) in errors.iter().zip(starts) {
        assert!(error.starts_with(start), "{errors:?}");
    }
}

#[test]
fn a_repeated_event_is_kept_once_and_named_in_the_warnings() {
    let headers = ["案号", "事件", "日期", "详情"];
    let rows: &[&[&str]] = &[
        &[
            "（2025）湘1402民初1号",
            "送达",
            "2025-03-05",
            "邮寄送达 失败",
        ],
        &[
            "（2025）湘1402民初1号",
            "送达",
            "2025-03-05",
            "邮寄送达 失败",
        ],
        &[
            "（2025）湘1402民初1号",
            "送达",
            "2025-03-05",
            "邮寄送达 成功",
        ],
        &[
            "（2025）湘1402民初1号",
            "开庭",
            "2025-03-05",
            "邮寄送达 失败",
        ],
        &[
            "（2025）湘1402民初1号",
            "送达",
            "2025-03-05",
            "邮寄送达 失败",
        ],
    ];
    let validation = validate_tables(&[table("e.csv", &headers, rows)], today()).expect("header");
    assert!(validation.errors.is_empty());
    let kept: Vec<usize> = validation.events.iter().map(|e| e.row).collect();
    assert_eq!(
        kept,
        [4, 6, 7],
        "the repeats on rows 5 and 8 are dropped, nothing else"
    );
    assert_eq!(validation.warnings.len(), 2, "{:?}", validation.warnings);
    for (warning, repeat) in validation.warnings.iter().zip([5, 8]) {
        assert!(
            warning
                .zh()
                .starts_with(&format!("e.csv 第{repeat}行 的事件与 e.csv 第4行 相同")),
            "{warning:?}"
        );
        assert!(
            warning.en().starts_with(&format!(
                "the event of e.csv row {repeat} repeats e.csv row 4"
            )),
            "{warning:?}"
        );
    }
}

#[test]
fn a_legacy_number_without_a_stage_takes_any_known_closing_method_and_no_other() {
    // （2015）朝协字第5号: judicial assistance, its stage not known from the number.
    let headers = ["案号", "法院代字", "立案日期", "结案日期", "结案方式"];
    let rows: &[&[&str]] = &[
        &[
            "（2015）朝协字第5号",
            "京0105",
            "2015-03-05",
            "2015-04-01",
            "其他",
        ],
        &[
            "（2015）朝协字第6号",
            "京0105",
            "2015-03-05",
            "2015-04-01",
            "办完了",
        ],
    ];
    let validation = validate_tables(&[table("x.csv", &headers, rows)], today()).expect("header");
    assert_eq!(validation.cases.len(), 1, "{:?}", validation.errors);
    assert_eq!(
        validation.cases[0].record.closing_method,
        ClosingMethod::parse("其他")
    );
    let errors: Vec<String> = validation
        .errors
        .iter()
        .map(|e| e.reason_zh.clone())
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("结案方式“办完了”无法识别；可用：判决、调解"),
        "{errors:?}"
    );
}

#[test]
fn excluded_periods_are_read_as_records_and_a_total_only_without_them() {
    let headers = ["案号", "立案日期", "扣除审限", "扣除审限天数"];
    let rows: &[&[&str]] = &[
        // Records with their grounds: the total beside them is derived, never added.
        &[
            "（2025）湘1402民初1号",
            "2025-07-16",
            "公告 2025-08-01~2025-09-29;鉴定 45日",
            "105",
        ],
        // A total only: one period of unstated ground.
        &["（2025）湘1402民初2号", "2025-07-16", "", "30"],
        // A bare number under 扣除审限 (as files headed so were read before): a total.
        &["（2025）湘1402民初3号", "2025-07-16", "12", ""],
        &["（2025）湘1402民初4号", "2025-07-16", "", ""],
        // Hostile or wrong: an unknown ground, an end before its start, a formula, too long.
        &["（2025）湘1402民初5号", "2025-07-16", "出差 10日", ""],
        &[
            "（2025）湘1402民初6号",
            "2025-07-16",
            "公告 2025-09-29~2025-08-01",
            "",
        ],
        &[
            "（2025）湘1402民初7号",
            "2025-07-16",
            "=HYPERLINK(\"x\")",
            "",
        ],
        &["（2025）湘1402民初8号", "2025-07-16", "鉴定 99999日", ""],
    ];
    let validation = validate_tables(&[table("x.csv", &headers, rows)], today()).expect("header");
    let got: Vec<(u32, u32, String)> = validation
        .cases
        .iter()
        .map(|c| {
            (
                c.record.case_no.serial(),
                c.record.excluded_days(),
                join_exclusions(&c.record.exclusions),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (1, 105, "公告 2025-08-01~2025-09-29;鉴定 45日".to_string()),
            (2, 30, "30日".to_string()),
            (3, 12, "12日".to_string()),
            (4, 0, String::new()),
        ]
    );
    let errors: Vec<(usize, String)> = validation
        .errors
        .iter()
        .map(|e| (e.row, e.reason_zh.clone()))
        .collect();
    assert_eq!(errors.len(), 4, "{errors:?}");
    assert!(errors[0].1.contains("扣除事由“出差”无法识别") && errors[0].1.contains("管辖异议"));
    assert!(errors[1].1.contains("结束日期早于开始日期"), "{errors:?}");
    assert!(
        errors[3].1.contains("扣除天数须在1至3650之间"),
        "{errors:?}"
    );
}

#[test]
fn overlong_or_multi_line_text_is_named_in_the_row_report() {
    let header: &[&str] = &["案号", "立案日期", "案由", "承办部门", "承办人", "法院名称"];
    let huge = "纠".repeat(10 * 1024 * 1024 / 3);
    let long_name = "张".repeat(NAME_MAX + 1);
    let validation = validate_tables(
        &[table(
            "cases.csv",
            header,
            &[
                &["（2026）湘1402民初1号", "2026-01-05", &huge, "", "", ""],
                &[
                    "（2026）湘1402民初2号",
                    "2026-01-05",
                    "",
                    "民一庭",
                    "王\n伟",
                    "",
                ],
                &[
                    "（2026）湘1402民初3号",
                    "2026-01-05",
                    "",
                    "",
                    "",
                    &long_name,
                ],
                &[
                    "（2026）湘1402民初4号",
                    "2026-01-05",
                    "借款合同纠纷",
                    "民一庭",
                    "王伟",
                    "清河区法院",
                ],
            ],
        )],
        today(),
    )
    .expect("header");
    let named: Vec<(usize, &str, usize, &str)> = validation
        .errors
        .iter()
        .map(|e| {
            (
                e.row,
                e.column.as_str(),
                e.value.chars().count(),
                e.reason_en.as_str(),
            )
        })
        .collect();
    assert_eq!(
        named,
        [
            (
                4,
                "案由",
                SHOWN_OF_A_LONG_VALUE,
                "one line of at most 200 characters"
            ),
            (5, "承办人", 3, "one line of at most 50 characters"),
            (6, "法院名称", NAME_MAX, "one line of at most 50 characters"),
        ]
    );
    // Only the good row is kept, whole.
    assert_eq!(validation.cases.len(), 1);
    assert_eq!(
        validation.cases[0].record.cause.as_deref(),
        Some("借款合同纠纷")
    );
}

#[test]
fn an_events_detail_may_run_over_lines_but_not_past_its_length() {
    let header: &[&str] = &["案号", "日期", "事件", "说明"];
    let long = "说".repeat(DETAIL_MAX + 1);
    let validation = validate_tables(
        &[table(
            "events.csv",
            header,
            &[
                &[
                    "（2026）湘1402民初1号",
                    "2026-01-05",
                    "立案",
                    "第一行\n第二行",
                ],
                &["（2026）湘1402民初1号", "2026-01-06", "送达", &long],
            ],
        )],
        today(),
    )
    .expect("header");
    assert_eq!(validation.events.len(), 1);
    assert_eq!(validation.events[0].record.detail, "第一行\n第二行");
    let error = &validation.errors[0];
    assert_eq!((error.row, error.column.as_str()), (5, "说明"));
    assert_eq!(
        error.reason_en,
        format!("at most {DETAIL_MAX} characters ({} here)", DETAIL_MAX + 1)
    );
    assert_eq!(error.value.chars().count(), SHOWN_OF_A_LONG_VALUE);
}
