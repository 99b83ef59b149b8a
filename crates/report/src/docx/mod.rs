//! The Word writer: a [`Document`] as a DOCX package laid out as a Chinese official document
//! (GB/T 9704-2012), with the OOXML written by hand.
//!
//! This module owns the page geometry and the packaging; [`parts`] holds the fixed parts
//! (styles, settings, footers, properties), [`body`] the document text and tables, [`chart`]
//! the DrawingML charts. The zip entries carry a fixed timestamp, so the same document always
//! gives the same bytes.

mod body;
mod chart;
mod parts;

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

use crate::document::{Block, Document};
use crate::error::ReportError;

/// A4 in twentieths of a point (twips), portrait.
pub const PAGE_WIDTH: u32 = 11906;
pub const PAGE_HEIGHT: u32 = 16838;
/// GB/T 9704-2012 §5.2.1: 天头 37 mm, 订口 28 mm; the type area is 156 mm × 225 mm, which
/// leaves 35 mm at the bottom and 26 mm at the right.
pub const MARGIN_TOP: u32 = mm_to_twips(37);
pub const MARGIN_BOTTOM: u32 = mm_to_twips(35);
pub const MARGIN_LEFT: u32 = mm_to_twips(28);
pub const MARGIN_RIGHT: u32 = mm_to_twips(26);
/// The width of the type area, which tables and charts fill.
pub const TEXT_WIDTH: u32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
/// The fixed line pitch, 28.95 pt: 22 lines of 三号 text fill the 225 mm type area (§5.2.2).
pub const LINE_PITCH: u32 = 579;

/// The East Asian fonts the standard names, and the Latin face digits and letters use.
pub const TITLE_FONT: &str = "方正小标宋简体";
pub const BODY_FONT: &str = "仿宋_GB2312";
pub const HEADING1_FONT: &str = "黑体";
pub const HEADING2_FONT: &str = "楷体_GB2312";
pub const PAGE_NUMBER_FONT: &str = "宋体";
pub const LATIN_FONT: &str = "Times New Roman";

/// Millimetres to twips (1 mm = 1440 / 25.4 twips), rounded to the nearest.
pub const fn mm_to_twips(mm: u32) -> u32 {
    (mm * 14400 + 127) / 254
}

/// The document as the bytes of a .docx file.
pub fn render_docx(document: &Document) -> Result<Vec<u8>, ReportError> {
    let charts: Vec<_> = document
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Chart(chart) => Some(chart),
            _ => None,
        })
        .collect();

    let mut entries: Vec<(String, String)> = vec![
        (
            "[Content_Types].xml".to_string(),
            parts::content_types(charts.len()),
        ),
        ("_rels/.rels".to_string(), parts::package_relationships()),
        (
            "docProps/core.xml".to_string(),
            parts::core_properties(document),
        ),
        ("docProps/app.xml".to_string(), parts::app_properties()),
        (
            "word/document.xml".to_string(),
            body::document_xml(document),
        ),
        (
            "word/_rels/document.xml.rels".to_string(),
            parts::document_relationships(charts.len()),
        ),
        ("word/styles.xml".to_string(), parts::styles()),
        ("word/settings.xml".to_string(), parts::settings()),
        ("word/fontTable.xml".to_string(), parts::font_table()),
        (
            "word/footer1.xml".to_string(),
            parts::footer(parts::Side::Odd),
        ),
        (
            "word/footer2.xml".to_string(),
            parts::footer(parts::Side::Even),
        ),
    ];
    for (index, chart) in charts.iter().enumerate() {
        entries.push((
            format!("word/charts/chart{}.xml", index + 1),
            chart::chart_xml(chart),
        ));
    }
    pack(&entries)
}

/// Zips the parts in order; [Content_Types].xml first, as some readers expect.
fn pack(entries: &[(String, String)]) -> Result<Vec<u8>, ReportError> {
    // A fixed time and origin system: the output depends on the document alone.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::DEFAULT)
        .system(System::Unix)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in entries {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_area_holds_22_lines_of_28_characters() {
        assert_eq!(
            (MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT),
            (2098, 1984, 1587, 1474)
        );
        assert_eq!((PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM) / LINE_PITCH, 22);
        // 156 mm wide: 28 characters of 三号 (16 pt = 320 twips) once condensed, not without.
        let advance = 320 + parts::CHARACTER_SQUEEZE;
        assert!(28 * advance <= TEXT_WIDTH as i32 && 28 * 320 > TEXT_WIDTH as i32);
    }
}
