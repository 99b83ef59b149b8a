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
