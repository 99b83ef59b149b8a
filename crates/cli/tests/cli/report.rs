//! `shenguan report` end to end: a generated network in the store, the bulletin and the summary
//! written in every format, the summary's caseload sentence equal to `shenguan metrics`, clear
//! refusals of bad arguments, no half-written file on failure, and the DOCX and XLSX converted to
//! PDF by LibreOffice (`shenguan_testkit::tools`).

use std::path::{Path, PathBuf};

use shenguan_testkit::skip::current_test;
use shenguan_testkit::tools;

use crate::support::Workdir;

fn network() -> Workdir {
    let dir = Workdir::sqlite();
    dir.ok(&[
        "generate",
        "--cases",
        "6000",
        "--seed",
        "5",
        "--courts",
        "3",
        "--from",
        "2024-01-01",
        "--to",
        "2026-11-27",
    ]);
    dir
}

#[test]
fn reports_are_written_in_every_format_with_the_engines_figures() {
    let dir = network();
    for format in ["docx", "xlsx", "html"] {
        let out = format!("bulletin.{format}");
        let said = dir.ok(&[
            "report", "bulletin", "--month", "2026-10", "--format", format, "--out", &out,
        ]);
        assert!(said.contains("报告已写出"), "{said}");
        let bytes = std::fs::read(dir.file(&out)).expect("the report");
        match format {
            "html" => assert!(bytes.starts_with(b"<!DOCTYPE html>")),
            _ => assert!(bytes.starts_with(b"PK"), "{format} is a zip"),
        }
    }
    dir.ok(&[
        "report",
        "summary",
        "--from",
        "2026-01-01",
        "--to",
        "2026-06-30",
        "--court",
        "湘1402",
        "--format",
        "html",
        "--out",
        "summary.html",
    ]);
    let html = std::fs::read_to_string(dir.file("summary.html")).expect("summary");
    let json = dir.ok(&[
        "metrics",
        "--from",
        "2026-01-01",
        "--to",
        "2026-06-30",
        "--court",
        "湘1402",
        "--indicators",
        "accepted,closed",
        "--format",
        "json",
    ]);
    let figures: serde_json::Value = serde_json::from_str(&json).expect("json");
    let values = &figures["rows"][0]["values"];
    let accepted = values["accepted"].as_i64().expect("accepted");
    let closed = values["closed"].as_i64().expect("closed");
    assert!(
        html.contains(&format!("共受理各类案件{accepted}件"))
            && html.contains(&format!("审执结{closed}件")),
        "the narrative states the engine's figures"
    );
    assert!(!html.contains("http://") && !html.contains("https://"));
}

#[test]
fn bad_arguments_are_refused_and_nothing_is_left_half_written() {
    let dir = network();
    for (args, code, needle) in [
        (
            vec![
                "report", "bulletin", "--month", "2026-13", "--format", "docx", "--out", "x.docx",
            ],
            1,
            "--month",
        ),
        (
            vec![
                "report", "bulletin", "--month", "2026-10", "--format", "pdf", "--out", "x.pdf",
            ],
            1,
            "docx",
        ),
        (
            vec![
                "report",
                "summary",
                "--from",
                "2026-06-30",
                "--to",
                "2026-01-01",
                "--format",
                "html",
                "--out",
                "x.html",
            ],
            1,
            "晚于",
        ),
        (
            vec![
                "report",
                "bulletin",
                "--month",
                "2026-10",
                "--format",
                "docx",
                "--out",
                "missing/dir/x.docx",
            ],
            3,
            "missing",
        ),
    ] {
        let stderr = dir.fails(&args, code);
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    }
    let left: Vec<_> = std::fs::read_dir(&dir.path)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("x."))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn libreoffice_converts_the_reports() {
    // Without LibreOffice: a line in the skip ledger, or a failure when the run requires it.
    let Some(office) = tools::libreoffice(&current_test()) else {
        return;
    };
    let dir = network();
    let mut written = Vec::new();
    // Different stems: each file becomes <stem>.pdf.
    for (format, out) in [("docx", "bulletin.docx"), ("xlsx", "bulletin-tables.xlsx")] {
        dir.ok(&[
            "report", "bulletin", "--month", "2026-10", "--format", format, "--out", out,
        ]);
        written.push(dir.file(out));
    }
    let files: Vec<&Path> = written.iter().map(PathBuf::as_path).collect();
    for pdf in tools::convert_to_pdf(&office, &files, &dir.path) {
        // A bulletin of tables and charts over three courts is many pages, never a blank one.
        let size = std::fs::metadata(&pdf).expect("the PDF").len();
        assert!(size > 10_000, "{}: {size} bytes", pdf.display());
    }
}

/// 法定审限内结案率 of 2023 for the whole network, by the flags given.
fn within_limit_2023(dir: &Workdir, code: &str, flags: &[&str]) -> f64 {
    let mut args = vec![
        "metrics",
        "--from",
        "2023-01-01",
        "--to",
        "2023-12-31",
        "--indicators",
        code,
        "--format",
        "json",
    ];
    args.extend(flags);
    let body = dir.json(&args);
    body["rows"][0]["values"][code]
        .as_f64()
        .unwrap_or_else(|| panic!("{args:?}: {body}"))
}

#[test]
fn a_report_by_older_definitions_gives_the_older_figure_and_a_change_across_one_is_labelled() {
    let dir = Workdir::sqlite();
    dir.ok(&[
        "generate",
        "--cases",
        "8000",
        "--seed",
        "4",
        "--from",
        "2022-07-01",
        "--to",
        "2024-12-31",
    ]);
    // 法定审限内结案率 was read by the 2011 system without extensions (version 1) and from 2024
    // with them (version 2): the definitions in force at the end of 2023 give the first.
    let current = within_limit_2023(&dir, "within_limit_rate", &[]);
    let then = within_limit_2023(&dir, "within_limit_rate", &["--definitions", "2023-12-31"]);
    let pinned = within_limit_2023(
        &dir,
        "within_limit_rate",
        &["--definition", "within_limit_rate=1"],
    );
    let normal = within_limit_2023(&dir, "within_normal_limit_rate", &[]);
    assert_eq!(then, normal);
    assert_eq!(pinned, then);
    assert!(
        current > then,
        "extended cases count now: {current} against {then}"
    );
    let body = dir.json(&[
        "metrics",
        "--from",
        "2023-01-01",
        "--to",
        "2023-12-31",
        "--indicators",
        "within_limit_rate,closed",
        "--definitions",
        "2023-12-31",
        "--format",
        "json",
    ]);
    assert_eq!(body["definitions"]["within_limit_rate"], 1);
    assert_eq!(body["definitions"]["closed"], 1);
    assert!(
        body["notes"]
            .to_string()
            .contains("按第1版口径计算（现行为第2版）"),
        "{body}"
    );

    // The cases behind it are those of the version it was computed by.
    let explained = |code: &str, flags: &[&str]| {
        let mut args = vec![
            "metrics",
            "explain",
            code,
            "--from",
            "2023-01-01",
            "--to",
            "2023-12-31",
        ];
        args.extend(flags);
        dir.ok(&args).lines().count()
    };
    assert_eq!(
        explained("within_limit_rate", &["--definitions", "2023-12-31"]),
        explained("within_normal_limit_rate", &[])
    );
    assert!(explained("within_limit_rate", &[]) > explained("within_normal_limit_rate", &[]));

    // The summary of 2023 made as it was published then states the older figure, and is
    // recorded with the version it used; made again by `report compare`, the same figure.
    dir.ok(&[
        "report",
        "summary",
        "--from",
        "2023-01-01",
        "--to",
        "2023-12-31",
        "--definitions",
        "2023-12-31",
        "--format",
        "html",
        "--out",
        "2023.html",
    ]);
    let html = std::fs::read_to_string(dir.file("2023.html")).expect("html");
    assert!(
        html.contains(&format!("法定审限内结案率{then:.2}%")),
        "{then:.2}"
    );
    assert!(
        html.contains("未延长审限且在审限内结案"),
        "the older definition in the notes"
    );
    let compared =
        crate::support::json_lines(&dir.run(&["report", "compare", "1", "--format", "json"]));
    let figure = compared
        .iter()
        .find(|line| line["indicator"] == "within_limit_rate")
        .expect("the figure");
    assert_eq!(figure["then"].as_f64(), Some(then), "{figure}");
    assert_eq!(figure["now"].as_f64(), Some(then), "{figure}");
    assert_eq!(figure["definition_version"], 1);
    assert_eq!(figure["changed"], false);

    // A bulletin of June 2024 compares with June 2023, across the change of 1 January 2024: the
    // change table's heading and the sentence say so, and a note says what changed.
    dir.ok(&[
        "report",
        "bulletin",
        "--month",
        "2024-06",
        "--format",
        "html",
        "--out",
        "2024-06.html",
    ]);
    let bulletin = std::fs::read_to_string(dir.file("2024-06.html")).expect("html");
    assert!(
        bulletin.contains("法定审限内结案率[口径变更]同比(百分点)"),
        "the table"
    );
    assert!(
        bulletin.contains("其间口径自2024-01-01起变更，两期均按第2版口径计算，见注"),
        "the sentence"
    );
    assert!(bulletin.contains("同比跨越口径变更：法定审限内结案率自2024-01-01起为第2版"));
    // One that does not cross: the second half of 2024 against the first.
    let body = dir.json(&[
        "metrics",
        "--from",
        "2024-07-01",
        "--to",
        "2024-12-31",
        "--compare",
        "prev,yoy",
        "--indicators",
        "within_limit_rate",
        "--format",
        "json",
    ]);
    assert_eq!(
        body["definition_changes"][0]["comparisons"],
        serde_json::json!(["yoy"]),
        "{body}"
    );
    assert_eq!(body["definition_changes"][0]["since"], "2024-01-01");
    assert_eq!(body["definition_changes"].as_array().map(Vec::len), Some(1));

    // Versions that are not: each refused with what there is.
    for (flags, said) in [
        (
            ["--definition", "within_limit_rate=9"],
            "没有第9版口径（有：1, 2）",
        ),
        (["--definition", "closed=2"], "没有第2版口径（有：1）"),
        (["--definition", "nothing=1"], "没有指标“nothing”"),
        (
            ["--definition", "within_limit_rate=1,within_limit_rate=2"],
            "同一指标只能指定一个版本",
        ),
        (
            ["--definition", "within_limit_rate"],
            "须为 指标代码=版本号",
        ),
        (["--definitions", "2024-02-30"], "须为 current 或一个日期"),
    ] {
        let mut args = vec!["metrics", "--from", "2024-01-01", "--to", "2024-06-30"];
        args.extend(flags);
        let refused = dir.fails(&args, 1);
        assert!(refused.contains(said), "{flags:?}: {refused}");
    }
}
