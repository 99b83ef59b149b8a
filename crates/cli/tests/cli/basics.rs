//! The commands that need no data — case numbers, deadlines, courts, the reference tables — and
//! what every command shares: exit codes with a reason, the configuration file, `--help` with
//! examples, a developer's own settings kept out; and `generate --realism`.

use std::process::Command;

use serde_json::Value;

use crate::support::{Workdir, json_lines, output, path, stderr, stdout};

const KEYS: [&str; 13] = [
    "input",
    "valid",
    "canonical",
    "year",
    "court_code",
    "court_level",
    "special_code",
    "type_code",
    "category",
    "stage",
    "serial",
    "legacy",
    "error",
];

#[test]
fn case_number_prints_exactly_the_documented_keys() {
    let dir = Workdir::sqlite();
    let lines = json_lines(&dir.run(&[
        "case-number",
        "(2020)浙01知民初0277号",
        "法释〔2020〕17号",
        "（2015）朝民初字第41757号",
    ]));
    assert_eq!(lines.len(), 3);
    for line in &lines {
        let keys: Vec<&str> = line
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = KEYS.to_vec();
        expected.sort_unstable();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, expected);
    }
    let ip = &lines[0];
    assert_eq!(ip["valid"], true);
    assert_eq!(ip["canonical"], "（2020）浙01知民初277号");
    assert_eq!(ip["year"], 2020);
    assert_eq!(ip["court_code"], "浙01");
    assert_eq!(ip["court_level"], "intermediate");
    assert_eq!(ip["special_code"], "知");
    assert_eq!(ip["type_code"], "民初");
    assert_eq!(ip["category"], "civil");
    assert_eq!(ip["stage"], "first_instance");
    assert_eq!(ip["serial"], 277);
    assert_eq!(ip["legacy"], false);
    assert_eq!(ip["error"], Value::Null);

    let document = &lines[1];
    assert_eq!(document["valid"], false);
    assert_eq!(document["canonical"], Value::Null);
    assert_eq!(document["serial"], Value::Null);
    let error = document["error"].as_str().expect("error text");
    assert!(error.contains("文号"), "{error}");

    let legacy = &lines[2];
    assert_eq!(legacy["legacy"], true);
    assert_eq!(legacy["court_code"], "朝");
    assert_eq!(legacy["court_level"], Value::Null);
}

#[test]
fn case_number_reads_standard_input_one_line_each() {
    let dir = Workdir::sqlite();
    let mut input = "（2024）苏0102民初1234号\r\n\n(2019)最高法刑核12345678号\n"
        .as_bytes()
        .to_vec();
    input.extend_from_slice(b"\xd6\xd0\xce\xc4\n"); // GBK bytes: not UTF-8
    input.extend_from_slice("（2024）苏0102民初终1号".as_bytes()); // no final newline
    let lines = json_lines(&dir.run_with_stdin(&["case-number"], &input));
    let valid: Vec<bool> = lines.iter().map(|l| l["valid"] == true).collect();
    assert_eq!(valid, [true, false, true, false, false]);
    assert_eq!(lines[0]["input"], "（2024）苏0102民初1234号");
    assert_eq!(lines[2]["serial"], 12345678);
    assert!(lines[3]["error"].as_str().unwrap_or("").contains("UTF-8"));
    assert!(lines[4]["error"].as_str().unwrap_or("").contains("冲突"));
}

#[test]
fn the_latest_receipt_year_is_today_s() {
    let dir = Workdir::sqlite();
    let mut command = dir.command(&["case-number", "（2026）苏0102民初1号"]);
    command.env("SHENGUAN_TODAY", "2025-12-31");
    let lines = json_lines(&output(&mut command, None));
    assert_eq!(lines[0]["valid"], false);
    assert!(lines[0]["error"].as_str().unwrap_or("").contains("2026"));
    let lines = json_lines(&dir.run(&["case-number", "（2026）苏0102民初1号"]));
    assert_eq!(lines[0]["valid"], true);
}

fn deadline(dir: &Workdir, args: &[&str]) -> Value {
    let mut full = vec!["deadline"];
    full.extend_from_slice(args);
    let lines = json_lines(&dir.run(&full));
    assert_eq!(lines.len(), 1);
    lines.into_iter().next().unwrap_or(Value::Null)
}

#[test]
fn deadline_rolls_past_spring_festival_but_not_past_a_make_up_workday() {
    let dir = Workdir::sqlite();
    // 刑抗: 1 month. 2024-01-12 + 1 month = 2024-02-12, inside 春节 2024-02-10..17;
    // 2024-02-18 is a Sunday declared a working day.
    let result = deadline(&dir, &["--filed", "2024-01-12", "--type", "刑抗"]);
    assert_eq!(result["deadline"], "2024-02-18");
    assert_eq!(result["limit"], "1个月");
    assert_eq!(result["calendar"], "known");
    let notes: Vec<&str> = result["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("春节") && n.contains("2024-02-18")),
        "{notes:?}"
    );
}

#[test]
fn deadline_defaults_and_procedures() {
    let dir = Workdir::sqlite();
    let ordinary = deadline(&dir, &["--filed", "2024-03-05", "--type", "民初"]);
    assert_eq!(ordinary["deadline"], "2024-09-05");
    assert_eq!(ordinary["limit"], "6个月");
    assert_eq!(ordinary["procedure"], "普通");
    let appeal = deadline(&dir, &["--filed", "2024-03-05", "--type", "民终"]);
    assert_eq!(appeal["limit"], "3个月");
    assert_eq!(appeal["deadline"], "2024-06-05");
    let ruling = deadline(
        &dir,
        &[
            "--filed",
            "2024/3/5",
            "--type",
            "民终",
            "--procedure",
            "裁定",
        ],
    );
    assert_eq!(ruling["limit"], "30日");
    assert_eq!(ruling["deadline"], "2024-04-07"); // 04-04 清明, 04-05..06 off, 04-07 a make-up Sunday
    let simple = deadline(
        &dir,
        &[
            "--filed",
            "2024年3月5日",
            "--type",
            "民初",
            "--procedure",
            "简易",
            "--extend",
            "1m",
        ],
    );
    assert_eq!(simple["deadline"], "2024-07-05");
    // A whole case number gives its type code.
    let by_number = deadline(
        &dir,
        &["--filed", "20240305", "--type", "（2024）苏0102民初1234号"],
    );
    assert_eq!(by_number["deadline"], "2024-09-05");
}

#[test]
fn deadline_extensions_and_excluded_days() {
    let dir = Workdir::sqlite();
    // 2023-08-31 + 6 months = 2024-02-29 (leap year month end), + 6 months = 2024-08-29,
    // + 30 days = 2024-09-28 (a Saturday), + 2 excluded days = 2024-09-30 (a Monday, no roll).
    let result = deadline(
        &dir,
        &[
            "--filed",
            "2023-08-31",
            "--type",
            "民初",
            "--extend",
            "6m",
            "--extend",
            "30d",
            "--exclude-days",
            "2",
        ],
    );
    assert_eq!(result["deadline"], "2024-09-30");
    assert_eq!(result["extensions"], serde_json::json!(["6个月", "30日"]));
    assert_eq!(result["excluded_days"], 2);
}

#[test]
fn deadline_in_a_year_without_a_calendar_says_so_and_a_notice_file_fixes_it() {
    let dir = Workdir::sqlite();
    // 2026-10-01 + 6 months = 2027-04-01, a Thursday; 2027's notice is not in the calendar.
    let unknown = deadline(&dir, &["--filed", "2026-10-01", "--type", "民初"]);
    assert_eq!(unknown["deadline"], "2027-04-01");
    assert_eq!(unknown["calendar"], "unknown");
    assert!(
        unknown["notes"]
            .to_string()
            .contains("2027年节假日安排未知")
    );

    // A made-up 2027 notice that puts a day off on 2027-04-01 moves the deadline.
    let notice = dir.write(
        "holidays-2027.csv",
        "date,kind,holiday,year_notice\n2027-01-01,off,元旦,2027\n2027-04-01,off,清明节,2027\n",
    );
    let known = deadline(
        &dir,
        &[
            "--filed",
            "2026-10-01",
            "--type",
            "民初",
            "--holidays",
            path(&notice),
        ],
    );
    assert_eq!(known["deadline"], "2027-04-02");
    assert_eq!(known["calendar"], "known");
}

#[test]
fn deadline_roll_can_be_switched_off_by_flag_configuration_or_environment() {
    let dir = Workdir::sqlite();
    // 2024-04-06 + 6 months = 2024-10-06, inside 国庆节.
    let args = ["--filed", "2024-04-06", "--type", "民初"];
    assert_eq!(deadline(&dir, &args)["deadline"], "2024-10-08");
    let mut flagged = args.to_vec();
    flagged.push("--no-roll");
    assert_eq!(deadline(&dir, &flagged)["deadline"], "2024-10-06");

    dir.write("shenguan.toml", "[deadline]\nroll_past_rest_days = false\n");
    let configured = deadline(&dir, &args);
    assert_eq!(configured["deadline"], "2024-10-06");
    assert_eq!(configured["rolled_past_rest_days"], false);

    let mut command = dir.command(&["deadline", "--filed", "2024-04-06", "--type", "民初"]);
    command.env("SHENGUAN_DEADLINE_ROLL_REST_DAYS", "true");
    let from_env = json_lines(&output(&mut command, None));
    assert_eq!(from_env[0]["deadline"], "2024-10-08");
}

#[test]
fn configured_time_limits_replace_the_statutory_table() {
    let dir = Workdir::sqlite();
    dir.write(
        "shenguan.toml",
        "[time_limits]\n\"刑初\" = \"3m\"\n\"民初/简易\" = \"45d\"\n\"执监\" = \"3m\"\n",
    );
    let criminal = deadline(&dir, &["--filed", "2024-03-05", "--type", "刑初"]);
    assert_eq!(criminal["limit"], "3个月");
    assert!(criminal["notes"].to_string().contains("本院配置"));
    let simple = deadline(
        &dir,
        &[
            "--filed",
            "2024-03-05",
            "--type",
            "民初",
            "--procedure",
            "简易",
        ],
    );
    assert_eq!(simple["limit"], "45日");
    let supervision = deadline(&dir, &["--filed", "2024-03-05", "--type", "执监"]);
    assert_eq!(supervision["deadline"], "2024-06-05");
}

#[test]
fn a_type_without_a_statutory_limit_has_no_deadline() {
    let dir = Workdir::sqlite();
    let review = deadline(&dir, &["--filed", "2024-03-05", "--type", "刑核"]);
    assert_eq!(review["deadline"], Value::Null);
    assert_eq!(review["limit"], Value::Null);
}

/// One refused `deadline` call: `deadline --filed 2024-03-05 --type 民初` and `extra`, the exit
/// code and what the message must name.
fn refused_deadline(dir: &Workdir, extra: &[&str], code: i32, needle: &str) {
    let mut args = vec!["deadline", "--filed", "2024-03-05", "--type", "民初"];
    args.extend_from_slice(extra);
    let stderr = dir.refused(&args, code);
    assert!(stderr.contains(needle), "{args:?}: {stderr}");
}

#[test]
fn bad_input_exits_with_its_code_and_a_reason() {
    let dir = Workdir::sqlite();
    // Exit 1: a value the user gave is not one the rules accept.
    let refused = dir.refused(&["deadline", "--filed", "2023-02-29", "--type", "民初"], 1);
    assert!(refused.contains("--filed"), "{refused}"); // 2023 is not a leap year
    let refused = dir.refused(&["deadline", "--filed", "2024-03-05", "--type", "民事"], 1);
    assert!(refused.contains("民事"), "{refused}"); // a category, not a type code
    refused_deadline(&dir, &["--procedure", "特快"], 1, "特快");
    // 特别 is a procedure, but not one a civil first instance case can take.
    refused_deadline(&dir, &["--procedure", "特别"], 1, "可选");
    refused_deadline(&dir, &["--extend", "6y"], 1, "--extend");
    // Exit 3: a file named on the command line cannot be read.
    refused_deadline(&dir, &["--holidays", "missing.csv"], 3, "missing.csv");
    // Exit 2: the command line itself is wrong (clap's usage errors).
    let refused = dir.refused(&["deadline", "--filed", "2024-03-05"], 2);
    assert!(refused.contains("--type"), "{refused}");
    refused_deadline(&dir, &["--exclude-days", "many"], 2, "--exclude-days");
    let refused = dir.refused(&["summon"], 2);
    assert!(refused.contains("summon"), "{refused}");
    // Exit 4: the store cannot be reached now (a PostgreSQL server nobody runs on port 1): run
    // the command again later, nothing to correct in it.
    let output = output(
        &mut dir.bare_command(&[
            "--db",
            "postgres://shenguan@127.0.0.1:1/shenguan",
            "metrics",
            "--from",
            "2026-01-01",
            "--to",
            "2026-06-30",
        ]),
        None,
    );
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(4), "{said}");
    assert!(said.contains("无法打开数据库"), "{said}");
}

#[test]
fn a_bad_configuration_file_is_named_and_refused() {
    let dir = Workdir::sqlite();
    dir.write("shenguan.toml", "[deadline]\nroll_past_rest_day = false\n");
    let said = dir.fails(&["deadline", "--filed", "2024-03-05", "--type", "民初"], 1);
    assert!(said.contains("shenguan.toml"), "{said}");
    assert!(said.contains("roll_past_rest_day"), "{said}");
}

#[test]
fn courts_describe_codes_and_load_a_court_list() {
    let dir = Workdir::sqlite();
    let lines = json_lines(&dir.run(&["courts", "苏0102", "京73", "港01"]));
    assert_eq!(lines[0]["level"], "basic");
    assert_eq!(lines[0]["parent"], "苏01");
    assert_eq!(lines[1]["kind"], "知识产权法院");
    assert_eq!(lines[2]["valid"], false);

    let list = dir.write(
        "courts.csv",
        "法院代字,法院名称\n苏01,南京市中级人民法院\n苏0102,南京市玄武区人民法院\n",
    );
    let listed = json_lines(&dir.run(&["courts", "--file", path(&list)]));
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1]["name"], "南京市玄武区人民法院");
    assert_eq!(listed[1]["listed"], true);

    let bad = dir.write("bad.csv", "code,name\n苏01,南京\n苏010,坏\n");
    let message = dir.fails(&["courts", "--file", path(&bad)], 1);
    assert!(
        message.contains("bad.csv") && message.contains("第3行") && message.contains("苏010"),
        "{message}"
    );
}

#[test]
fn reference_tables_are_printed() {
    let dir = Workdir::sqlite();
    let types = json_lines(&dir.run(&["case-types"]));
    assert!(types.len() > 120, "{} type codes", types.len());
    assert!(
        types
            .iter()
            .any(|t| t["code"] == "民初" && t["stage"] == "first_instance")
    );
    let limits = json_lines(&dir.run(&["time-limits"]));
    assert!(
        limits
            .iter()
            .any(|l| l["type_code"] == "民终" && l["procedure"] == "裁定" && l["limit"] == "30日")
    );
}

#[test]
fn help_gives_examples_for_each_subcommand() {
    let dir = Workdir::sqlite();
    for sub in [
        "case-number",
        "deadline",
        "courts",
        "case-types",
        "time-limits",
    ] {
        let output = dir.run(&[sub, "--help"]);
        assert!(output.status.success(), "{sub}");
        let text = stdout(&output);
        assert!(
            text.contains("Examples") && text.contains(&format!("shenguan {sub}")),
            "{sub}: {text}"
        );
    }
    let text = stdout(&dir.run(&["--help"]));
    for sub in ["case-number", "deadline", "courts"] {
        assert!(text.contains(sub), "{text}");
    }
}

/// A developer's own settings, as a shell profile might hold them: each would change or stop
/// the `deadline` call in [`settings_probe`] if it reached the program.
const DEVELOPER_SETTINGS: [(&str, &str); 4] = [
    (
        "SHENGUAN_HOLIDAYS_FILE",
        "/nonexistent/holidays-of-my-own.csv",
    ),
    ("SHENGUAN_CONFIG", "/nonexistent/my-shenguan.toml"),
    ("SHENGUAN_DEADLINE_ROLL_REST_DAYS", "false"),
    ("SHENGUAN_TODAY", "2001-01-01"),
];

/// Set (to any value) in the environment of the [`settings_probe`] run that
/// [`a_developers_own_settings_never_reach_the_program`] starts.
const PROBE: &str = "SHENGUAN_TEST_SETTINGS_PROBE";

/// The `deadline` call of the probe: 2024-04-06 + 6 months = 2024-10-06, inside 国庆节
/// (2024-10-01..07), moved to the next working day 2024-10-08 — with the built-in calendar and
/// the default roll, and only with them.
const PROBE_CALL: [&str; 5] = ["deadline", "--filed", "2024-04-06", "--type", "民初"];

/// Runs [`PROBE_CALL`] through the shared workdir. When started by the test below, this
/// process's own environment holds [`DEVELOPER_SETTINGS`]; the program must not see them.
#[test]
fn settings_probe() {
    let dir = Workdir::sqlite();
    let answer = json_lines(&dir.run(&PROBE_CALL));
    assert_eq!(answer[0]["deadline"], "2024-10-08");
    assert_eq!(answer[0]["rolled_past_rest_days"], true);
    if std::env::var_os(PROBE).is_some() {
        // The settings are really here: the program started without the scrub fails on the
        // holiday file that does not exist (exit 3).
        let unscrubbed = Command::new(env!("CARGO_BIN_EXE_shenguan"))
            .args(PROBE_CALL)
            .current_dir(&dir.path)
            .output()
            .expect("run shenguan");
        assert_eq!(unscrubbed.status.code(), Some(3), "{unscrubbed:?}");
        println!("probe ran with the settings in its environment");
    }
}

/// Setting variables in this process would reach every test running beside it, so the
/// settings go into a second run of this test binary, limited to [`settings_probe`] (named by
/// its module, as the harness names the tests of a binary of several modules).
#[test]
fn a_developers_own_settings_never_reach_the_program() {
    let binary = std::env::current_exe().expect("this test binary");
    let output = Command::new(binary)
        .args([
            "--exact",
            "basics::settings_probe",
            "--nocapture",
            "--test-threads=1",
        ])
        .envs(DEVELOPER_SETTINGS)
        .env(PROBE, "1")
        .output()
        .expect("run the probe");
    let said = stdout(&output);
    assert!(output.status.success(), "{said}{}", stderr(&output));
    // It ran, once, and took the branch that proves the settings were there.
    assert!(
        said.contains("probe ran with the settings in its environment"),
        "{said}"
    );
    assert!(said.contains("test result: ok. 1 passed;"), "{said}");
}

#[test]
fn generate_realism_prints_each_full_year_within_its_bands_and_writes_nothing() {
    let dir = Workdir::sqlite();
    let said = dir.ok(&[
        "generate",
        "--from",
        "2023-01-01",
        "--to",
        "2024-12-31",
        "--cases",
        "30000",
        "--realism",
    ]);
    // The first year starts empty and is left out; 2024 is measured, each measure in its band.
    assert!(
        !said.contains("2023年") && said.contains("2024年"),
        "{said}"
    );
    for measure in [
        "结案率 %",
        "12月结案 ÷ 1–11月月均",
        "1月结案 ÷ 2–11月月均",
        "休息日开庭、结案、执行措施 %",
        "基层法院结案率极差（百分点）",
        "与他人同名的人员 %",
        "终本案件要件齐备 %",
    ] {
        assert!(said.contains(measure), "{measure}: {said}");
    }
    assert!(!said.contains("超出"), "{said}");
    assert!(
        !std::path::Path::new(&dir.db).exists(),
        "nothing is written, not even an empty store"
    );
    // A span without a full year after the first has nothing to measure.
    let refused = dir.refused(
        &[
            "generate",
            "--from",
            "2024-01-01",
            "--to",
            "2024-12-31",
            "--realism",
        ],
        1,
    );
    assert!(refused.contains("没有完整的年度"), "{refused}");
}

/// Under an error, one line says what to do next, by what the user can do about it: correct the
/// input (and where the examples are), check the file, run again later.
#[test]
fn every_error_says_what_to_do_next() {
    let dir = Workdir::sqlite();
    let said = dir.refused(&["deadline", "--filed", "2023-02-29", "--type", "民初"], 1);
    assert!(
        said.contains("\n下一步：按上面所说改正后再运行；用法与示例见 shenguan deadline --help"),
        "{said}"
    );
    let said = dir.refused(
        &[
            "deadline",
            "--filed",
            "2024-03-05",
            "--type",
            "民初",
            "--holidays",
            "missing.csv",
        ],
        3,
    );
    assert!(
        said.contains("\n下一步：检查文件名和路径是否正确"),
        "{said}"
    );
    let said = stderr(&output(
        &mut dir.bare_command(&[
            "--db",
            "postgres://shenguan@127.0.0.1:1/shenguan",
            "user",
            "list",
        ]),
        None,
    ));
    assert!(said.contains("\n下一步：稍后再运行同一命令"), "{said}");
    // One next step, not two: an import refused for its rows says its own.
    dir.write(
        "bad.csv",
        "案号,立案日期\n（2024）湘1402民初1号,2024-02-30\n",
    );
    let said = dir.fails(&["import", "bad.csv"], 1);
    assert_eq!(said.matches("下一步：").count(), 1, "{said}");
    assert!(said.contains("--skip-invalid"), "{said}");
}

/// Whether `text` holds a Chinese character.
fn has_chinese(text: &str) -> bool {
    text.chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c))
}

/// An error speaks the language of the locale — English under `LANG=en_US.UTF-8`, Chinese under
/// `zh_CN` or with no locale at all, `SHENGUAN_LANG` over both — and only that one: never the
/// Chinese and the English glued in one message, nor a next step in the other language.
#[test]
fn errors_speak_the_language_of_the_locale() {
    let dir = Workdir::sqlite();
    let args = ["deadline", "--filed", "2023-02-29", "--type", "民初"];
    let english = dir.run_in_locale("LANG", "en_US.UTF-8", &args);
    assert_eq!(english.status.code(), Some(1));
    let said = stderr(&english);
    assert_eq!(
        said,
        "shenguan: --filed: “2023-02-29” is not a valid date (write 2024-03-05, 2024/3/5 or 20240305)\n\
         next: correct what is said above and run again; usage and examples: shenguan deadline --help\n"
    );
    assert!(!has_chinese(&said), "{said}");
    for (name, value) in [("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C.UTF-8")] {
        let chinese = dir.run_in_locale(name, value, &args);
        assert_eq!(chinese.status.code(), Some(1));
        let said = stderr(&chinese);
        assert!(
            said.starts_with("shenguan: --filed: “2023-02-29”不是有效日期")
                && said.contains("\n下一步：按上面所说改正后再运行"),
            "{name}={value}: {said}"
        );
        assert!(
            !said.contains("not a valid date") && !said.contains("next:"),
            "{name}={value}: {said}"
        );
    }
    // The program's own setting wins over the locale, either way.
    let said = stderr(&output(
        dir.command(&args)
            .env("LANG", "zh_CN.UTF-8")
            .env("SHENGUAN_LANG", "en"),
        None,
    ));
    assert!(
        said.contains("is not a valid date") && !has_chinese(&said),
        "{said}"
    );
    // A message that carries its own next step (a store that does not exist) and an error of a
    // file speak one language too.
    let said = stderr(&dir.run_in_locale("LANG", "en_US.UTF-8", &["user", "list"]));
    assert!(
        said.contains("does not exist\nnext: add an account first")
            && !said.contains("下一步")
            && !said.contains("不存在"),
        "{said}"
    );
    let said = stderr(&dir.run_in_locale(
        "LANG",
        "en_US.UTF-8",
        &[
            "deadline",
            "--filed",
            "2024-03-05",
            "--type",
            "民初",
            "--holidays",
            "missing.csv",
        ],
    ));
    assert!(
        said.starts_with("shenguan: cannot read or write missing.csv: ")
            && said.contains("\nnext: check the file's name and path")
            && !has_chinese(&said),
        "{said}"
    );
}

/// A command that only reads does not make an empty store where there was none (a mistyped
/// `--db`, the wrong folder): it says so and what to run first, and leaves no file behind.
#[test]
fn a_store_that_does_not_exist_is_not_made_by_reading_it() {
    let dir = Workdir::sqlite();
    for (args, first) in [
        (
            &["metrics", "--from", "2024-01-01", "--to", "2024-06-30"][..],
            "shenguan import",
        ),
        (
            &[
                "metrics",
                "explain",
                "closed",
                "--from",
                "2024-01-01",
                "--to",
                "2024-06-30",
            ],
            "shenguan demo",
        ),
        (
            &["metrics", "snapshot", "--out", "cases.snapshot"],
            "shenguan import",
        ),
        (
            &[
                "report", "bulletin", "--month", "2024-06", "--format", "html", "--out", "r.html",
            ],
            "shenguan import",
        ),
        (
            &["export", "--format", "csv", "--out", "out"],
            "shenguan import",
        ),
        (&["user", "list"], "shenguan user add"),
        (&["user", "token", "张主任"], "shenguan user add"),
    ] {
        let said = dir.refused(args, 1);
        assert!(
            said.contains("数据库 ") && said.contains("不存在") && said.contains(&dir.db),
            "{args:?}: {said}"
        );
        assert!(
            said.contains("下一步：先") && said.contains(first),
            "{args:?}: {said}"
        );
        assert!(
            !std::path::Path::new(&dir.db).exists(),
            "{args:?} made the store"
        );
    }
    // The catalogue needs no store; adding the first account makes one.
    dir.ok(&["metrics", "list"]);
    assert!(!std::path::Path::new(&dir.db).exists());
    let added = dir.run_with_stdin(
        &[
            "user",
            "add",
            "张主任",
            "--role",
            "office",
            "--court",
            "湘14",
        ],
        b"a long password\n",
    );
    assert!(added.status.success(), "{}", stderr(&added));
    assert!(
        dir.ok(&["user", "list"])
            .starts_with("张主任\toffice\t湘14")
    );
    // An account the store does not have: where to see them and how to add one.
    let said = dir.refused(&["user", "token", "李四"], 1);
    assert!(
        said.contains("没有用户“李四”") && said.contains("下一步：用 shenguan user list 查看账号"),
        "{said}"
    );
}
