//! A real office suite opens the files: when LibreOffice is on PATH, the sample DOCX and XLSX
//! are converted to PDF headless and must give non-empty PDFs. Without LibreOffice the test
//! says so and passes, since the other tests already check the packages' structure.
//!
//! Set SHENGUAN_REPORT_OUT to a folder to keep the files and PDFs there for a look.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::{env, fs};

use shenguan_report::{render_docx, render_html, render_xlsx};

use crate::sample::sample;

fn office_on_path() -> Option<PathBuf> {
    let path = env::var_os("PATH")?;
    env::split_paths(&path)
        .flat_map(|dir| ["soffice", "libreoffice"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

#[test]
fn libreoffice_converts_the_docx_and_xlsx_to_pdf() {
    let Some(office) = office_on_path() else {
        // CI installs LibreOffice and sets this, so there the check cannot be skipped.
        assert!(
            std::env::var_os("SHENGUAN_TEST_LIBREOFFICE").is_none(),
            "SHENGUAN_TEST_LIBREOFFICE is set but neither soffice nor libreoffice is on PATH"
        );
        println!("LibreOffice check skipped: neither soffice nor libreoffice is on PATH");
        return;
    };
    let keep = env::var_os("SHENGUAN_REPORT_OUT").map(PathBuf::from);
    let folder = keep.clone().unwrap_or_else(|| {
        env::temp_dir().join(format!("shenguan-report-office-{}", std::process::id()))
    });
    fs::create_dir_all(&folder).expect("an output folder");

    let document = sample();
    // Different stems: each file becomes <stem>.pdf.
    let docx = folder.join("bulletin.docx");
    let xlsx = folder.join("bulletin-tables.xlsx");
    fs::write(&docx, render_docx(&document).expect("docx")).expect("write docx");
    fs::write(&xlsx, render_xlsx(&document).expect("xlsx")).expect("write xlsx");
    fs::write(folder.join("bulletin.html"), render_html(&document)).expect("write html");

    // A profile of its own, so a running LibreOffice or a stale lock cannot block this one.
    let profile = folder.join("profile");
    let output = Command::new(&office)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&folder)
        .arg(&docx)
        .arg(&xlsx)
        .output()
        .expect("LibreOffice starts");
    assert!(
        output.status.success(),
        "LibreOffice failed: {}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    for source in [&docx, &xlsx] {
        check_pdf(&source.with_extension("pdf"));
    }
    println!(
        "LibreOffice check ran: {} converted {} and {} to PDF in {}",
        office.display(),
        docx.display(),
        xlsx.display(),
        folder.display()
    );
    if keep.is_none() {
        fs::remove_dir_all(&folder).ok();
    }
}

fn check_pdf(pdf: &Path) {
    let bytes = fs::read(pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
    assert!(
        bytes.starts_with(b"%PDF") && bytes.len() > 1000,
        "{} is not a PDF with content ({} bytes)",
        pdf.display(),
        bytes.len()
    );
}
