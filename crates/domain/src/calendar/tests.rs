use super::*;

use std::sync::LazyLock;

// Every expected status and knowledge in the `check*` tables below was also computed by an
// independent script reading `data/holidays-cn.csv` with the rule of docs/holidays.md.

static BUILTIN: LazyLock<HolidayCalendar> = LazyLock::new(HolidayCalendar::builtin);

const HEADER: &str = "date,kind,holiday,year_notice\n";

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad date {text}"))
}

/// `expected` as the CSV would say it: `off 国庆节`, `workday 春节`, or, for an unlisted date,
/// `weekend` or `working`.
fn status_text(status: &DayStatus) -> String {
    match status {
        DayStatus::Holiday(name) => format!("off {name}"),
        DayStatus::MakeUpWorkday(name) => format!("workday {name}"),
        DayStatus::Weekend => "weekend".to_string(),
        DayStatus::Working => "working".to_string(),
    }
}

#[track_caller]
fn check_in(calendar: &HolidayCalendar, day: &str, expected: &str) {
    let status = calendar.status(date(day));
    assert_eq!(status_text(&status), expected, "{day}");
    let working = expected.starts_with("workday") || expected == "working";
    assert_eq!(calendar.is_working_day(date(day)), working, "{day}");
}

#[track_caller]
fn check(day: &str, expected: &str) {
    check_in(&BUILTIN, day, expected);
}

#[track_caller]
fn check_knowledge(day: &str, expected: Knowledge) {
    assert_eq!(BUILTIN.knowledge(date(day)), expected, "{day}");
}

/// Reads `rows` (after the header) and expects exactly the errors listed, as
/// `(row, column, value)`.
#[track_caller]
fn check_errors(rows: &str, expected: &[(usize, &str, &str)]) {
    let errors = HolidayCalendar::from_csv(&format!("{HEADER}{rows}"))
        .expect_err("the CSV should be refused as a whole");
    let got: Vec<(usize, &str, &str)> = errors
        .iter()
        .map(|e| (e.row, e.column, e.value.as_str()))
        .collect();
    assert_eq!(got, expected, "{errors:#?}");
    assert!(
        errors
            .iter()
            .all(|e| !e.reason.zh().is_empty() && !e.reason.en().is_empty())
    );
}

#[test]
fn builtin_holds_the_whole_csv() {
    // docs/holidays.md: 395 rows, 325 off and 70 workday, notice years 2016 to 2026.
    assert_eq!(BUILTIN.listed.len(), 395);
    let off = BUILTIN
        .listed
        .values()
        .filter(|l| l.kind == ListedKind::Off)
        .count();
    let workday = BUILTIN
        .listed
        .values()
        .filter(|l| l.kind == ListedKind::Workday)
        .count();
    assert_eq!((off, workday), (325, 70));
    assert!(BUILTIN.notice_years().eq(2016..=2026));
    // The embedded file parses without error (builtin() would otherwise be silently empty).
    assert!(HolidayCalendar::from_csv(BUILTIN_CSV).is_ok());
    // Every workday row is a Saturday or Sunday.
    for (day, listed) in &BUILTIN.listed {
        if listed.kind == ListedKind::Workday {
            assert!(is_weekend(*day), "{day}");
        }
    }
}

#[test]
fn builtin_agrees_with_the_csv_text_on_every_day() {
    // Re-read the embedded CSV by hand and compare the working/non-working answer for every day
    // from 2015-12-01 to 2027-01-31.
    let mut listed: HashMap<NaiveDate, (&str, &str)> = HashMap::new();
    for line in BUILTIN_CSV.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        listed.insert(date(cells[0]), (cells[1], cells[2]));
    }
    assert_eq!(listed.len(), 395);
    for day in date("2015-12-01")
        .iter_days()
        .take_while(|d| *d <= date("2027-01-31"))
    {
        let expected = match listed.get(&day) {
            Some(("off", name)) => format!("off {name}"),
            Some(("workday", name)) => format!("workday {name}"),
            Some(other) => panic!("unexpected row {other:?}"),
            None if is_weekend(day) => "weekend".to_string(),
            None => "working".to_string(),
        };
        assert_eq!(status_text(&BUILTIN.status(day)), expected, "{day}");
    }
}

#[test]
fn status_of_days() {
    // Official days off carry the holiday's name.
    check("2024-10-01", "off 国庆节");
    check("2024-10-07", "off 国庆节");
    check("2024-02-10", "off 春节");
    check("2024-02-17", "off 春节");
    check("2026-02-15", "off 春节");
    check("2026-02-23", "off 春节");
    check("2024-04-04", "off 清明节");
    check("2024-05-01", "off 劳动节");
    check("2024-06-10", "off 端午节");
    check("2024-09-17", "off 中秋节");
    check("2025-01-01", "off 元旦");
    // Merged blocks keep the notice's own order of names.
    check("2017-10-04", "off 中秋节、国庆节");
    check("2023-10-01", "off 中秋节、国庆节");
    check("2020-10-01", "off 国庆节、中秋节");
    check("2025-10-08", "off 国庆节、中秋节");
    // Weekend days inside a block, or joined by "与周末连休", are listed off too.
    check("2024-06-08", "off 端午节");
    check("2024-06-09", "off 端午节");
    check("2019-04-06", "off 清明节");
    check("2016-01-02", "off 元旦");
    // 元旦 reaching back into December, keyed by the next year's notice.
    check("2023-12-30", "off 元旦");
    check("2023-12-31", "off 元旦");
    check("2022-12-31", "off 元旦");
    check("2018-12-30", "off 元旦");
    check("2017-12-30", "off 元旦");
    // Make-up working days (调休上班): a Saturday or Sunday that is a working day.
    check("2024-02-18", "workday 春节");
    check("2024-02-04", "workday 春节");
    check("2024-09-29", "workday 国庆节");
    check("2024-10-12", "workday 国庆节");
    check("2018-12-29", "workday 元旦");
    check("2026-01-04", "workday 元旦");
    check("2026-02-28", "workday 春节");
    check("2023-10-07", "workday 中秋节、国庆节");
    check("2025-09-28", "workday 国庆节、中秋节");
    // The 2019 May Day change: 05-01..04 off, 04-28 and 05-05 (Sundays) working days.
    check("2019-05-04", "off 劳动节");
    check("2019-04-28", "workday 劳动节");
    check("2019-05-05", "workday 劳动节");
    // The 2020 春节 COVID-19 extension: 01-31..02-02 off; 02-01 is no longer a workday; 01-19
    // stays one; 02-03 is an ordinary Monday.
    check("2020-01-31", "off 春节");
    check("2020-02-01", "off 春节");
    check("2020-02-02", "off 春节");
    check("2020-01-19", "workday 春节");
    check("2020-02-03", "working");
    // Ordinary days.
    check("2024-03-16", "weekend");
    check("2024-03-17", "weekend");
    check("2024-03-18", "working");
    check("2024-03-22", "working");
    // Days the notices do not name: popular 3-day breaks and 除夕 2024 (only "encouraged").
    check("2016-04-30", "weekend");
    check("2016-12-31", "weekend");
    check("2024-02-09", "working");
    check("2024-01-28", "weekend");
    // Outside the calendar only weekends are known: 2027-01-01 is an ordinary Friday.
    check("2027-01-01", "working");
    check("2027-01-02", "weekend");
    check("2027-10-01", "working");
    check("2015-10-01", "working");
    check("2015-10-03", "weekend");
}

#[test]
fn day_status_is_working() {
    assert!(DayStatus::Working.is_working());
    assert!(DayStatus::MakeUpWorkday("春节".into()).is_working());
    assert!(!DayStatus::Holiday("春节".into()).is_working());
    assert!(!DayStatus::Weekend.is_working());
}

#[test]
fn knowledge_of_days() {
    // Known: notice years 2016–2026.
    check_knowledge("2016-01-01", Knowledge::Known);
    check_knowledge("2020-06-15", Knowledge::Known);
    check_knowledge("2024-10-01", Knowledge::Known);
    // Late December is known when the next year's notice is loaded…
    check_knowledge("2016-12-31", Knowledge::Known);
    check_knowledge("2025-12-26", Knowledge::Known);
    check_knowledge("2025-12-31", Knowledge::Known);
    // …and provisional from 12-26 of the latest notice year.
    check_knowledge("2026-12-01", Knowledge::Known);
    check_knowledge("2026-12-25", Knowledge::Known);
    check_knowledge("2026-12-26", Knowledge::Provisional);
    check_knowledge("2026-12-28", Knowledge::Provisional);
    check_knowledge("2026-12-31", Knowledge::Provisional);
    // Unknown: years without a notice.
    check_knowledge("2027-01-01", Knowledge::Unknown);
    check_knowledge("2027-12-31", Knowledge::Unknown);
    check_knowledge("2030-05-05", Knowledge::Unknown);
    check_knowledge("2015-12-31", Knowledge::Unknown);
    check_knowledge("2000-01-01", Knowledge::Unknown);
    // A calendar without notices knows nothing but weekends.
    let empty = HolidayCalendar::weekends_only();
    assert_eq!(empty.knowledge(date("2024-10-01")), Knowledge::Unknown);
    assert_eq!(empty.notice_years().count(), 0);
    check_in(&empty, "2024-10-01", "working");
    check_in(&empty, "2024-02-18", "weekend");
}

#[test]
fn from_csv_reads_a_well_formed_file() {
    // Header only: an empty calendar.
    let calendar = HolidayCalendar::from_csv(HEADER).unwrap();
    assert_eq!(calendar.listed.len(), 0);
    // A byte-order mark, spaces around cells and no final newline are accepted.
    let text = "\u{feff}date, kind ,holiday,year_notice\n 2027-01-01 , off ,元旦, 2027 \n2026-12-27,workday,元旦,2027";
    let calendar = HolidayCalendar::from_csv(text).unwrap();
    assert!(calendar.notice_years().eq([2027]));
    check_in(&calendar, "2027-01-01", "off 元旦");
    check_in(&calendar, "2026-12-27", "workday 元旦");
}

#[test]
fn from_csv_names_row_column_and_value_of_each_error() {
    // Rows are numbered as a spreadsheet shows them: the header is row 1.
    check_errors("2024-13-01,off,元旦,2024\n", &[(2, "date", "2024-13-01")]);
    check_errors("2023-02-29,off,春节,2023\n", &[(2, "date", "2023-02-29")]);
    check_errors("2024/10/01,off,国庆节,2024\n", &[(2, "date", "2024/10/01")]);
    check_errors(",off,国庆节,2024\n", &[(2, "date", "")]);
    check_errors(
        "2024-10-01,holiday,国庆节,2024\n",
        &[(2, "kind", "holiday")],
    );
    check_errors("2024-10-01,OFF,国庆节,2024\n", &[(2, "kind", "OFF")]);
    // A make-up workday on a weekday (2024-10-08 is a Tuesday).
    check_errors(
        "2024-10-08,workday,国庆节,2024\n",
        &[(2, "kind", "workday")],
    );
    check_errors("2024-10-01,off,国庆节,24x\n", &[(2, "year_notice", "24x")]);
    check_errors("2024-10-01,off,国庆节\n", &[(2, "year_notice", "")]);
    check_errors(
        "2024-10-01,off,国庆节,2026\n",
        &[(2, "year_notice", "2026")],
    );
    // A duplicate date: the second occurrence is the error.
    check_errors(
        "2024-10-01,off,国庆节,2024\n2024-10-02,off,国庆节,2024\n2024-10-01,off,国庆节,2024\n",
        &[(4, "date", "2024-10-01")],
    );
    // Every bad row is reported, good rows between them notwithstanding.
    check_errors(
        "2024-10-01,off,国庆节,2024\n2023-02-29,off,春节,2023\n2024-10-03,off,国庆节,2024\n2024-10-08,workday,国庆节,2024\n",
        &[(3, "date", "2023-02-29"), (5, "kind", "workday")],
    );
    // A wrong header is row 1 and stops the reading.
    let errors =
        HolidayCalendar::from_csv("date,kind,name,year\n2024-10-01,off,国庆节,2024\n").unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0].row, errors[0].column, errors[0].value.as_str()),
        (1, "", "date,kind,name,year")
    );
    let errors = HolidayCalendar::from_csv("date,kind,holiday\n").unwrap_err();
    assert_eq!(
        (errors[0].row, errors[0].value.as_str()),
        (1, "date,kind,holiday")
    );
    assert_eq!(HolidayCalendar::from_csv("").unwrap_err()[0].row, 1);
    // The message names all three, in Chinese or in English.
    let message = CalendarError {
        row: 2,
        column: "date",
        value: "2023-02-29".into(),
        reason: crate::text!("日期须为存在的 YYYY-MM-DD", "not a valid YYYY-MM-DD date"),
    }
    .text();
    assert_eq!(
        message.zh(),
        "第2行 列“date” 值“2023-02-29”: 日期须为存在的 YYYY-MM-DD"
    );
    assert_eq!(
        message.en(),
        "row 2 column “date” value “2023-02-29”: not a valid YYYY-MM-DD date"
    );
}

#[test]
fn from_csv_loads_nothing_when_a_row_is_bad() {
    // All or nothing: one bad row among good ones gives no calendar at all.
    let text = format!("{HEADER}2027-01-01,off,元旦,2027\n2027-02-30,off,春节,2027\n");
    assert!(HolidayCalendar::from_csv(&text).is_err());
    // A deployment that fails to load its extra notice keeps the builtin calendar unchanged.
    let mut calendar = HolidayCalendar::builtin();
    if let Ok(extra) = HolidayCalendar::from_csv(&text) {
        calendar.merge(extra);
    }
    assert!(calendar.notice_years().eq(2016..=2026));
    assert_eq!(calendar.listed.len(), 395);
}

/// A made-up 2027 notice (no such notice has been published): 元旦 on Friday 2027-01-01, a
/// National Day block with a make-up Saturday, and a New Year day reaching back into 2026.
const NOTICE_2027: &str = "date,kind,holiday,year_notice
2026-12-31,off,元旦,2027
2027-01-01,off,元旦,2027
2027-10-01,off,国庆节,2027
2027-10-02,off,国庆节,2027
2027-10-03,off,国庆节,2027
2027-10-04,off,国庆节,2027
2027-10-09,workday,国庆节,2027
";

#[test]
fn merge_adds_a_new_notice_year() {
    let mut calendar = HolidayCalendar::builtin();
    calendar.merge(HolidayCalendar::from_csv(NOTICE_2027).unwrap());
    assert!(calendar.notice_years().eq(2016..=2027));
    assert_eq!(calendar.listed.len(), 395 + 7);
    check_in(&calendar, "2027-01-01", "off 元旦");
    check_in(&calendar, "2026-12-31", "off 元旦");
    check_in(&calendar, "2027-10-04", "off 国庆节");
    check_in(&calendar, "2027-10-09", "workday 国庆节");
    check_in(&calendar, "2027-10-05", "working");
    // 2027 is known now, and late December 2026 no longer provisional; late 2027 is.
    assert_eq!(calendar.knowledge(date("2027-06-01")), Knowledge::Known);
    assert_eq!(calendar.knowledge(date("2026-12-28")), Knowledge::Known);
    assert_eq!(calendar.knowledge(date("2027-12-25")), Knowledge::Known);
    assert_eq!(
        calendar.knowledge(date("2027-12-26")),
        Knowledge::Provisional
    );
    assert_eq!(calendar.knowledge(date("2028-01-03")), Knowledge::Unknown);
    // The builtin years are untouched.
    check_in(&calendar, "2024-10-01", "off 国庆节");
    check_in(&calendar, "2024-02-18", "workday 春节");
}

#[test]
fn merge_replaces_a_notice_year_present_in_both() {
    // A (made-up) corrected 2024 notice with two rows replaces all 40 rows of the 2024 notice,
    // including its December 2023 元旦 days; other years stay.
    let corrected = "date,kind,holiday,year_notice
2024-10-01,off,国庆节,2024
2024-10-02,off,国庆节,2024
";
    let mut calendar = HolidayCalendar::builtin();
    calendar.merge(HolidayCalendar::from_csv(corrected).unwrap());
    assert!(calendar.notice_years().eq(2016..=2026));
    assert_eq!(calendar.listed.len(), 395 - 40 + 2);
    check_in(&calendar, "2024-10-01", "off 国庆节");
    check_in(&calendar, "2024-10-02", "off 国庆节");
    check_in(&calendar, "2024-10-03", "working");
    check_in(&calendar, "2024-10-05", "weekend");
    check_in(&calendar, "2024-10-12", "weekend");
    check_in(&calendar, "2024-02-12", "working");
    check_in(&calendar, "2024-02-18", "weekend");
    check_in(&calendar, "2023-12-30", "weekend");
    check_in(&calendar, "2024-01-01", "working");
    // The 2023 and 2025 notices are untouched.
    check_in(&calendar, "2023-10-01", "off 中秋节、国庆节");
    check_in(&calendar, "2022-12-31", "off 元旦");
    check_in(&calendar, "2025-01-01", "off 元旦");
    // Merging into an empty calendar gives the other calendar.
    let mut empty = HolidayCalendar::weekends_only();
    empty.merge(HolidayCalendar::from_csv(NOTICE_2027).unwrap());
    assert!(empty.notice_years().eq([2027]));
    check_in(&empty, "2024-10-01", "working");
    check_in(&empty, "2027-10-01", "off 国庆节");
}

#[test]
fn row_numbers_count_blank_lines_and_extreme_years_are_errors() {
    let text =
        "date,kind,holiday,year_notice\n2024-01-01,off,元旦,2024\n\n2024-13-01,off,元旦,2024\n";
    let errors = HolidayCalendar::from_csv(text).expect_err("bad date");
    assert_eq!(errors[0].row, 4);
    let text = "date,kind,holiday,year_notice\n2024-01-01,off,元旦,-2147483648\n";
    let errors = HolidayCalendar::from_csv(text).expect_err("bad year");
    assert_eq!(errors[0].column, "year_notice");
}
