use std::path::PathBuf;

use chrono::NaiveDate;
use shenguan_domain::service::consent::ConsentScope;
use shenguan_domain::service::{Failure, Method, Outcome, RecipientKind};

use crate::table::{SourceFormat, Table, TableRow, TextEncoding};
use crate::validate::{RowError, Validation, validate_tables};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).expect("date")
}

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn table(name: &str, headers: &[&str], rows: &[Vec<&str>]) -> Table {
    Table {
        path: PathBuf::from(name),
        format: SourceFormat::Csv {
            encoding: TextEncoding::Utf8,
        },
        header_row: 1,
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, cells)| TableRow {
                row: i + 2,
                cells: csv::StringRecord::from(cells.clone()),
            })
            .collect(),
    }
}

const RECORDS: &[&str] = &[
    "案号",
    "送达文书",
    "受送达人",
    "受送达人类别",
    "证件号码",
    "送达地址",
    "涉外",
    "任务创建日期",
    "送达次序",
    "送达方式",
    "送达日期",
    "送达结果",
    "签收日期",
    "未送达原因",
    "送达凭证",
    "邮件号",
    "受托法院",
    "送达人",
];

const CASE: &str = "（2026）湘1402民初1号";

/// A mailed attempt that came back: a good row to change one cell of.
fn mailed() -> Vec<&'static str> {
    vec![
        CASE,
        "传票",
        "张三",
        "当事人",
        "43010219800101109X",
        "株洲市某区某路1号",
        "否",
        "2026-03-02",
        "1",
        "法院专递",
        "2026-03-03",
        "未送达",
        "",
        "查无此人",
        "邮件回执",
        "1190012345678",
        "",
        "送达员",
    ]
}

fn records(rows: &[Vec<&str>]) -> Validation {
    validate_tables(&[table("送达记录.csv", RECORDS, rows)], today()).expect("service records")
}

fn on_row(validation: &Validation, row: usize) -> Vec<&RowError> {
    validation.errors.iter().filter(|e| e.row == row).collect()
}

#[test]
fn good_rows_give_tasks_and_attempts_in_the_domain_s_words() {
    let mut notice = mailed();
    // A second attempt of the same task: an announcement, its result left to the law.
    for (i, v) in [
        (8, "2"),
        (9, "公告"),
        (10, "2026-11-20"),
        (11, ""),
        (13, ""),
        (14, "公告凭证"),
        (15, ""),
    ] {
        notice[i] = v;
    }
    let mut bare = mailed();
    // A task with no attempt yet, to the party's agent.
    bare[2] = "李四";
    bare[3] = "代理人";
    bare[4] = "";
    for cell in bare.iter_mut().skip(8) {
        *cell = "";
    }
    let mut entrusted = mailed();
    entrusted[2] = "王五";
    entrusted[4] = "";
    for (i, v) in [
        (9, "委托"),
        (11, "送达中"),
        (13, ""),
        (14, ""),
        (15, ""),
        (16, "长沙市岳麓区人民法院"),
    ] {
        entrusted[i] = v;
    }
    let validation = records(&[mailed(), notice, bare, entrusted]);
    assert!(validation.errors.is_empty(), "{:?}", validation.errors);
    let lines: Vec<_> = validation.service.iter().map(|l| &l.record).collect();
    assert_eq!(lines.len(), 4);
    let first = lines[0].attempt.as_ref().expect("an attempt");
    assert_eq!(first.attempt.method, Method::Post);
    assert_eq!(first.attempt.outcome, Outcome::Failed);
    assert_eq!(first.attempt.failure, Some(Failure::NoSuchPerson));
    assert_eq!(first.tracking_no.as_deref(), Some("1190012345678"));
    assert!(lines[0].task.id_number.is_some());
    let notice = lines[1].attempt.as_ref().expect("an attempt");
    assert_eq!(
        (notice.attempt.method, notice.attempt.outcome),
        (Method::Notice, Outcome::Served)
    );
    assert_eq!(
        notice.attempt.served_on, None,
        "the law's day is the importer's"
    );
    assert_eq!(lines[2].attempt, None);
    assert_eq!(lines[2].task.recipient_kind, RecipientKind::Agent);
    let entrusted = lines[3].attempt.as_ref().expect("an attempt");
    assert_eq!(
        entrusted.entrusted_court.as_deref(),
        Some("长沙市岳麓区人民法院")
    );
    assert_eq!(lines[1].task.created_on, d("2026-03-02"));
}

#[test]
fn hostile_and_wrong_cells_are_named_by_row_column_value_and_reason() {
    let huge = "传".repeat(100_000);
    let bad = |column: usize, value: &'static str| {
        let mut row = mailed();
        row[column] = value;
        row
    };
    let rows: Vec<Vec<&str>> = vec![
        // 2: a hundred thousand characters in one cell.
        {
            let mut row = mailed();
            row[1] = huge.as_str();
            row
        },
        // 3: a formula where a method belongs: an unknown method, the methods listed.
        bad(9, "=cmd|' /C calc'!A0"),
        // 4: a script where a tracking number belongs.
        bad(15, "<script>alert(1)</script>"),
        // 5: a day that does not exist; 6: one after today.
        bad(10, "2026-13-45"),
        bad(10, "2099-01-01"),
        // 7: the attempt before the task.
        bad(10, "2026-03-01"),
        // 8: number 0.
        bad(8, "0"),
        // 9: served without its day.
        bad(11, "已送达"),
        // 10: failed without its reason.
        bad(13, ""),
        // 11: mailed without a tracking number.
        bad(15, ""),
        // 12: a court named on a mailed attempt.
        bad(16, "长沙市岳麓区人民法院"),
        // 13: an identity number that is none (never echoed).
        bad(4, "43010219800101109Y"),
        // 14: a control character in the recipient.
        bad(2, "张\u{7}三"),
        // 15: an announcement that failed, 16: one with a failure reason.
        {
            let mut row = bad(9, "公告送达");
            row[13] = "";
            row[15] = "";
            row[8] = "2";
            row
        },
        {
            let mut row = bad(9, "公告送达");
            row[11] = "已送达";
            row[15] = "";
            row[8] = "3";
            row
        },
        // 17: an announcement's day of service far past any period.
        {
            let mut row = bad(9, "公告送达");
            row[11] = "已送达";
            row[12] = "2099-01-01";
            row[13] = "";
            row[15] = "";
            row[8] = "4";
            row
        },
        // 18: the method's name misspelt.
        bad(9, "飞鸽传书"),
    ];
    let validation = records(&rows);
    assert!(validation.service.is_empty(), "{:?}", validation.service);
    let one = |row: usize| {
        let found = on_row(&validation, row);
        assert!(
            !found.is_empty(),
            "row {row}: no error in {:?}",
            validation.errors
        );
        found[0].clone()
    };
    let e = one(2);
    assert_eq!(e.path, PathBuf::from("送达记录.csv"));
    assert_eq!(e.column, "送达文书");
    assert!(e.value.chars().count() <= 100, "the value is cut short");
    assert!(e.reason_zh.contains("不超过100字"), "{}", e.reason_zh);
    let e = one(3);
    assert_eq!(
        (e.column.as_str(), e.value.as_str()),
        ("送达方式", "=cmd|' /C calc'!A0")
    );
    for method in Method::ALL {
        assert!(e.reason_zh.contains(method.label_zh()), "{}", e.reason_zh);
        assert!(e.reason_en.contains(method.key()), "{}", e.reason_en);
    }
    let e = one(4);
    assert_eq!(e.column, "邮件号");
    assert!(
        e.reason_en.contains("letters and digits"),
        "{}",
        e.reason_en
    );
    assert!(one(5).reason_zh.contains("不是存在的日期"));
    assert!(one(6).reason_zh.contains("晚于今天"));
    assert!(one(7).reason_zh.contains("早于任务创建日期"));
    assert_eq!(one(8).column, "送达次序");
    let e = one(9);
    assert_eq!(e.column, "签收日期");
    assert!(e.reason_zh.contains("送达日期"), "{}", e.reason_zh);
    assert_eq!(one(10).column, "未送达原因");
    assert_eq!(one(11).column, "邮件号");
    assert_eq!(one(12).column, "受托法院");
    let e = one(13);
    assert_eq!((e.column.as_str(), e.value.as_str()), ("证件号码", "…"));
    assert!(
        validation
            .errors
            .iter()
            .all(|e| !e.value.contains("19800101")),
        "no number echoed"
    );
    assert_eq!(one(14).column, "受送达人");
    assert_eq!(one(15).column, "送达结果");
    assert_eq!(one(16).column, "未送达原因");
    let e = one(17);
    assert_eq!(e.column, "签收日期");
    assert!(e.reason_zh.contains("超出范围"), "{}", e.reason_zh);
    let e = one(18);
    assert!(
        e.reason_zh.contains("可用：直接送达、留置送达"),
        "{}",
        e.reason_zh
    );
    assert!(
        e.reason_en.contains("use one of: direct, left"),
        "{}",
        e.reason_en
    );
}

#[test]
fn free_text_that_looks_like_a_formula_or_a_script_is_text() {
    let mut row = mailed();
    row[1] = "=HYPERLINK(\"http://x\",\"传票\")";
    row[2] = "<script>alert(1)</script>";
    let validation = records(&[row]);
    assert!(validation.errors.is_empty(), "{:?}", validation.errors);
    let task = &validation.service[0].record.task;
    assert_eq!(task.document, "=HYPERLINK(\"http://x\",\"传票\")");
    assert_eq!(task.recipient, "<script>alert(1)</script>");
}

#[test]
fn the_rows_of_one_task_agree_and_do_not_repeat_an_attempt() {
    let mut second = mailed();
    second[8] = "2";
    second[5] = "长沙市某路2号";
    let mut again = mailed();
    again[11] = "送达中";
    again[13] = "";
    let validation = records(&[mailed(), second, again]);
    assert_eq!(validation.service.len(), 1);
    let e = &on_row(&validation, 3)[0];
    assert_eq!(e.column, "送达地址");
    assert!(e.reason_zh.contains("第2行"), "{}", e.reason_zh);
    let e = &on_row(&validation, 4)[0];
    assert_eq!(e.column, "送达次序");
    assert!(e.reason_en.contains("repeats row 2"), "{}", e.reason_en);
}

#[test]
fn a_file_without_the_task_s_day_is_refused_whole() {
    let headers: Vec<&str> = RECORDS
        .iter()
        .copied()
        .filter(|h| *h != "任务创建日期")
        .collect();
    let error =
        validate_tables(&[table("送达记录.csv", &headers, &[])], today()).expect_err("refused");
    assert!(
        error.text().zh().contains("任务创建日期"),
        "{}",
        error.text().zh()
    );
}

const CONFIRMATIONS: &[&str] = &[
    "案号",
    "当事人",
    "证件号码",
    "签署日期",
    "确认送达地址",
    "同意电子送达",
    "电子送达地址",
];

#[test]
fn confirmations_give_the_address_or_a_consent_once() {
    let good = vec![
        CASE,
        "张三",
        "",
        "2026-03-02",
        "株洲市某路1号",
        "全部诉讼文书",
        "13800000000",
    ];
    let no_consent = vec![CASE, "李四", "", "2026-03-02", "株洲市某路2号", "否", ""];
    let neither = vec![CASE, "王五", "", "2026-03-02", "", "否", ""];
    let unknown = vec![CASE, "赵六", "", "2026-03-02", "", "是", ""];
    let validation = validate_tables(
        &[table(
            "确认书.csv",
            CONFIRMATIONS,
            &[good.clone(), no_consent, neither, unknown, good],
        )],
        today(),
    )
    .expect("confirmations");
    let kept: Vec<_> = validation
        .confirmations
        .iter()
        .map(|c| (c.record.party.as_str(), c.record.electronic))
        .collect();
    assert_eq!(kept, [("张三", Some(ConsentScope::All)), ("李四", None)]);
    assert_eq!(on_row(&validation, 4)[0].column, "确认送达地址");
    let e = &on_row(&validation, 5)[0];
    assert_eq!(e.column, "同意电子送达");
    assert!(
        e.reason_zh.contains("全部诉讼文书、不含裁判文书、否"),
        "{}",
        e.reason_zh
    );
    assert!(on_row(&validation, 6)[0].reason_zh.contains("第2行"));
}

const POSTAL: &[&str] = &[
    "邮件号",
    "收件人",
    "收件地址",
    "收寄日期",
    "投递状态",
    "投递日期",
    "退回原因",
    "签收人",
];

#[test]
fn a_malformed_postal_batch_names_file_row_column_value_and_reason() {
    let rows: Vec<Vec<&str>> = vec![
        // 2: good, delivered; 3: good, returned; 4: good, in transit.
        vec![
            "1190012345678",
            "张三",
            "",
            "2026-03-03",
            "妥投",
            "2026-03-05 14:32:10",
            "",
            "张三",
        ],
        vec![
            "1190012345679",
            "李四",
            "",
            "2026-03-03",
            "退回",
            "2026-03-09",
            "迁移新址不明",
            "",
        ],
        vec![
            "1190012345680",
            "王五",
            "",
            "2026-03-03",
            "在途",
            "",
            "",
            "",
        ],
        // 5: a status no post office writes.
        vec!["1190012345681", "赵六", "", "", "丢失", "", "", ""],
        // 6: delivered without a day; 7: returned without a reason.
        vec!["1190012345682", "", "", "", "签收", "", "", ""],
        vec!["1190012345683", "", "", "", "未妥投", "2026-03-09", "", ""],
        // 8: a formula for a tracking number; 9: the same number twice.
        vec![
            "=cmd|' /C calc'!A0",
            "",
            "",
            "",
            "妥投",
            "2026-03-05",
            "",
            "",
        ],
        vec![
            "1190012345678",
            "张三",
            "",
            "",
            "妥投",
            "2026-03-05",
            "",
            "",
        ],
        // 10: delivered before it was posted; 11: a day after today.
        vec![
            "1190012345684",
            "",
            "",
            "2026-03-03",
            "妥投",
            "2026-03-01",
            "",
            "",
        ],
        vec!["1190012345685", "", "", "", "妥投", "2027-03-01", "", ""],
        // 12: a reason no list has; 13: in transit with a day.
        vec!["1190012345686", "", "", "", "退回", "", "被狗咬了", ""],
        vec!["1190012345687", "", "", "", "在途", "2026-03-05", "", ""],
    ];
    let validation =
        validate_tables(&[table("邮寄结果.csv", POSTAL, &rows)], today()).expect("a postal batch");
    let kept: Vec<_> = validation
        .postal
        .iter()
        .map(|p| {
            (
                p.record.tracking_no.as_str(),
                p.record.status,
                p.record.delivered_on,
                p.record.reason,
            )
        })
        .collect();
    assert_eq!(
        kept,
        [
            (
                "1190012345678",
                Outcome::Served,
                Some(d("2026-03-05")),
                None
            ),
            (
                "1190012345679",
                Outcome::Failed,
                Some(d("2026-03-09")),
                Some(Failure::Moved)
            ),
            ("1190012345680", Outcome::Waiting, None, None),
        ]
    );
    let named = |row: usize| -> (String, String, String) {
        let e = on_row(&validation, row)
            .first()
            .copied()
            .unwrap_or_else(|| panic!("row {row}: {:?}", validation.errors))
            .clone();
        assert_eq!(e.path, PathBuf::from("邮寄结果.csv"));
        assert!(!e.reason_en.is_empty());
        (e.column, e.value, e.reason_zh)
    };
    let (column, value, why) = named(5);
    assert_eq!((column.as_str(), value.as_str()), ("投递状态", "丢失"));
    assert!(
        why.contains("妥投") && why.contains("退回") && why.contains("在途"),
        "{why}"
    );
    assert_eq!(named(6).0, "投递日期");
    let (column, _, why) = named(7);
    assert_eq!(column, "退回原因");
    assert!(why.contains("拒收"), "{why}");
    let (column, value, _) = named(8);
    assert_eq!(
        (column.as_str(), value.as_str()),
        ("邮件号", "=cmd|' /C calc'!A0")
    );
    let (column, _, why) = named(9);
    assert_eq!(column, "邮件号");
    assert!(why.contains("第2行"), "{why}");
    assert!(named(10).2.contains("早于收寄日期2026-03-03"));
    assert!(named(11).2.contains("晚于今天"));
    let (column, value, why) = named(12);
    assert_eq!((column.as_str(), value.as_str()), ("退回原因", "被狗咬了"));
    assert!(why.contains("可用：拒收、查无此人"), "{why}");
    assert_eq!(named(13).0, "投递状态");
    // Every bad row is a rejected row; the report's text names it all.
    assert_eq!(validation.rejected.len(), 9);
    let text = on_row(&validation, 5)[0].text();
    assert_eq!(
        text.zh(),
        "邮寄结果.csv 第5行 列“投递状态” 值“丢失”: ".to_string()
            + &on_row(&validation, 5)[0].reason_zh
    );
}
