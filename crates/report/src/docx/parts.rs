//! The DOCX parts that do not depend on the body: content types, relationships, styles,
//! settings, the font table, the two footers and the document properties.
//!
//! Element order inside each part follows the OOXML schema sequence; Word rejects a file
//! whose children are out of order even when every element is known.

use super::{
    BODY_FONT, HEADING1_FONT, HEADING2_FONT, LATIN_FONT, LINE_PITCH, PAGE_NUMBER_FONT, TITLE_FONT,
};
use crate::document::Document;
use crate::escape::escape;
use crate::palette;

pub(super) const XML_DECLARATION: &str =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
pub(super) const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(super) const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_BASE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Relationship ids of document.xml; charts follow as `rIdChart1`, `rIdChart2`, ….
pub(super) const RID_FOOTER_ODD: &str = "rIdFooterOdd";
pub(super) const RID_FOOTER_EVEN: &str = "rIdFooterEven";

pub(super) fn chart_rid(number: usize) -> String {
    format!("rIdChart{number}")
}

pub(super) fn content_types(chart_count: usize) -> String {
    let mut out = String::from(XML_DECLARATION);
    out.push_str(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    );
    let overrides = [
        (
            "/word/document.xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        ),
        (
            "/word/styles.xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
        ),
        (
            "/word/settings.xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
        ),
        (
            "/word/fontTable.xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml",
        ),
        (
            "/word/footer1.xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
        ),
        (
            "/word/footer2.xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
        ),
        (
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml",
        ),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        ),
    ];
    for (part, content_type) in overrides {
        out.push_str(&format!(
            "<Override PartName=\"{part}\" ContentType=\"{content_type}\"/>"
        ));
    }
    for number in 1..=chart_count {
        out.push_str(&format!(
            "<Override PartName=\"/word/charts/chart{number}.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>"
        ));
    }
    out.push_str("</Types>");
    out
}

pub(super) fn package_relationships() -> String {
    format!(
        "{XML_DECLARATION}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"{REL_BASE}/officeDocument\" Target=\"word/document.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
         <Relationship Id=\"rId3\" Type=\"{REL_BASE}/extended-properties\" Target=\"docProps/app.xml\"/>\
         </Relationships>"
    )
}

pub(super) fn document_relationships(chart_count: usize) -> String {
    let mut out = format!(
        "{XML_DECLARATION}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rIdStyles\" Type=\"{REL_BASE}/styles\" Target=\"styles.xml\"/>\
         <Relationship Id=\"rIdSettings\" Type=\"{REL_BASE}/settings\" Target=\"settings.xml\"/>\
         <Relationship Id=\"rIdFontTable\" Type=\"{REL_BASE}/fontTable\" Target=\"fontTable.xml\"/>\
         <Relationship Id=\"{RID_FOOTER_ODD}\" Type=\"{REL_BASE}/footer\" Target=\"footer1.xml\"/>\
         <Relationship Id=\"{RID_FOOTER_EVEN}\" Type=\"{REL_BASE}/footer\" Target=\"footer2.xml\"/>"
    );
    for number in 1..=chart_count {
        out.push_str(&format!(
            "<Relationship Id=\"{}\" Type=\"{REL_BASE}/chart\" Target=\"charts/chart{number}.xml\"/>",
            chart_rid(number)
        ));
    }
    out.push_str("</Relationships>");
    out
}

/// The title only: a creation date would have to come from a clock, and the date line of the
/// model is free text.
pub(super) fn core_properties(document: &Document) -> String {
    format!(
        "{XML_DECLARATION}<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title><dc:creator>shenguan</dc:creator><dc:language>zh-CN</dc:language>\
         </cp:coreProperties>",
        escape(&document.title)
    )
}

pub(super) fn app_properties() -> String {
    format!(
        "{XML_DECLARATION}<Properties \
         xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
         <Application>shenguan-report</Application></Properties>"
    )
}

/// `w:rFonts` naming an East Asian face with Latin text in Times New Roman. The hint makes
/// characters both scripts share (quotes, dashes) take the Chinese face.
pub(super) fn fonts(east_asian: &str) -> String {
    format!(
        "<w:rFonts w:ascii=\"{LATIN_FONT}\" w:hAnsi=\"{LATIN_FONT}\" w:eastAsia=\"{east_asian}\" \
         w:cs=\"{LATIN_FONT}\" w:hint=\"eastAsia\"/>"
    )
}

/// Font size in half-points for both complex and simple scripts.
fn size(half_points: u32) -> String {
    format!("<w:sz w:val=\"{half_points}\"/><w:szCs w:val=\"{half_points}\"/>")
}

/// Twentieths of a point taken off every character's advance.
pub(super) const CHARACTER_SQUEEZE: i32 = -5;

/// Paragraphs that must not snap to the 22-line grid: compact table text, pictures (an exact
/// line height would clip a chart) and the footer.
const OFF_GRID: &str = "<w:snapToGrid w:val=\"0\"/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/>";
const NO_INDENT: &str = "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>";

pub(super) fn styles() -> String {
    let body_fonts = fonts(BODY_FONT);
    let mut out = format!(
        "{XML_DECLARATION}<w:styles xmlns:w=\"{NS_W}\">\
         <w:docDefaults><w:rPrDefault><w:rPr>{body_fonts}<w:kern w:val=\"2\"/>{}\
         <w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:spacing w:line=\"{LINE_PITCH}\" w:lineRule=\"exact\"/>\
         <w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>",
        size(32)
    );
    // 正文: 三号仿宋, two characters of first-line indent; the headings keep the indent too,
    // as the standard's examples do. Characters are condensed by a quarter point so that 28
    // fit the 156 mm line (28 × 15.75 pt ≤ 442 pt), as the standard asks. Word templates get
    // there with a character grid instead, but LibreOffice gives every character narrower
    // than its glyph two grid cells, which spreads the text over half the line count.
    out.push_str(&format!(
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>\
         <w:qFormat/><w:pPr><w:widowControl w:val=\"0\"/>\
         <w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/></w:pPr>\
         <w:rPr><w:spacing w:val=\"{CHARACTER_SQUEEZE}\"/>{}</w:rPr></w:style>",
        size(32)
    ));
    out.push_str(&paragraph_style(
        "Title",
        "Title",
        &format!("<w:keepNext/>{NO_INDENT}<w:jc w:val=\"center\"/>"),
        &format!(
            "<w:rFonts w:ascii=\"{TITLE_FONT}\" w:hAnsi=\"{TITLE_FONT}\" w:eastAsia=\"{TITLE_FONT}\" \
             w:cs=\"{TITLE_FONT}\" w:hint=\"eastAsia\"/>{}",
            size(44)
        ),
    ));
    out.push_str(&paragraph_style(
        "Subtitle",
        "Subtitle",
        &format!("<w:keepNext/>{NO_INDENT}<w:jc w:val=\"center\"/>"),
        "",
    ));
    // One blank line of the grid between the date line and the body.
    out.push_str(&paragraph_style(
        "DateLine",
        "Date Line",
        &format!(
            "<w:spacing w:after=\"{LINE_PITCH}\" w:line=\"{LINE_PITCH}\" w:lineRule=\"exact\"/>\
             {NO_INDENT}<w:jc w:val=\"center\"/>"
        ),
        "",
    ));
    out.push_str(&paragraph_style(
        "Heading1",
        "heading 1",
        "<w:keepNext/><w:outlineLvl w:val=\"0\"/>",
        &fonts(HEADING1_FONT),
    ));
    out.push_str(&paragraph_style(
        "Heading2",
        "heading 2",
        "<w:keepNext/><w:outlineLvl w:val=\"1\"/>",
        &fonts(HEADING2_FONT),
    ));
    out.push_str(&paragraph_style(
        "Caption",
        "caption",
        &format!("<w:keepNext/>{NO_INDENT}<w:jc w:val=\"center\"/>"),
        &format!("{}{}", fonts(HEADING1_FONT), size(28)),
    ));
    out.push_str(&paragraph_style(
        "TableText",
        "Table Text",
        &format!("{OFF_GRID}{NO_INDENT}<w:jc w:val=\"center\"/>"),
        &size(24),
    ));
    out.push_str(&paragraph_style(
        "TableNote",
        "Table Note",
        &format!(
            "<w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"60\" w:after=\"120\" w:line=\"240\" \
             w:lineRule=\"auto\"/>{NO_INDENT}<w:jc w:val=\"left\"/>"
        ),
        &size(24),
    ));
    out.push_str(&paragraph_style(
        "Figure",
        "Figure",
        &format!(
            "<w:snapToGrid w:val=\"0\"/><w:spacing w:after=\"160\" w:line=\"240\" \
             w:lineRule=\"auto\"/>{NO_INDENT}<w:jc w:val=\"center\"/>"
        ),
        "",
    ));
    out.push_str(&paragraph_style(
        "Footer",
        "footer",
        &format!("{OFF_GRID}{NO_INDENT}"),
        &format!(
            "<w:rFonts w:ascii=\"{PAGE_NUMBER_FONT}\" w:hAnsi=\"{PAGE_NUMBER_FONT}\" \
             w:eastAsia=\"{PAGE_NUMBER_FONT}\" w:cs=\"{PAGE_NUMBER_FONT}\" w:hint=\"eastAsia\"/>{}",
            size(28)
        ),
    ));
    out.push_str(&format!(
        "<w:style w:type=\"table\" w:styleId=\"ReportTable\"><w:name w:val=\"Report Table\"/>\
         <w:tblPr>{}<w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/>\
         <w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>",
        table_borders()
    ));
    out.push_str("</w:styles>");
    out
}

/// Single half-point rules around and between all cells.
pub(super) fn table_borders() -> String {
    let mut out = String::from("<w:tblBorders>");
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        out.push_str(&format!(
            "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        ));
    }
    out.push_str("</w:tblBorders>");
    out
}

fn paragraph_style(id: &str, name: &str, paragraph: &str, run: &str) -> String {
    format!(
        "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>\
         <w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
         <w:pPr>{paragraph}</w:pPr><w:rPr>{run}</w:rPr></w:style>"
    )
}

/// Odd and even pages get their own footer; the compatibility mode is Word 2013's, so Word
/// does not open the file in compatibility view.
pub(super) fn settings() -> String {
    format!(
        "{XML_DECLARATION}<w:settings xmlns:w=\"{NS_W}\">\
         <w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/><w:evenAndOddHeaders/>\
         <w:characterSpacingControl w:val=\"compressPunctuation\"/>\
         <w:compat><w:compatSetting w:name=\"compatibilityMode\" \
         w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
         <w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>\
         <w:decimalSymbol w:val=\".\"/><w:listSeparator w:val=\",\"/></w:settings>"
    )
}

/// The faces the document names, each with the common Windows face to use when the GB2312-era
/// font is not installed (Windows 10 ships 仿宋 and 楷体, not 仿宋_GB2312 and 楷体_GB2312).
pub(super) fn font_table() -> String {
    let mut out = format!("{XML_DECLARATION}<w:fonts xmlns:w=\"{NS_W}\">");
    out.push_str(&format!(
        "<w:font w:name=\"{LATIN_FONT}\"><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/>\
         <w:pitch w:val=\"variable\"/></w:font>"
    ));
    for (name, alternative, family) in [
        (BODY_FONT, "仿宋", "modern"),
        (HEADING2_FONT, "楷体", "modern"),
        (HEADING1_FONT, "SimHei", "modern"),
        (PAGE_NUMBER_FONT, "SimSun", "auto"),
        (TITLE_FONT, "宋体", "auto"),
    ] {
        out.push_str(&format!(
            "<w:font w:name=\"{name}\"><w:altName w:val=\"{alternative}\"/>\
             <w:charset w:val=\"86\"/><w:family w:val=\"{family}\"/><w:pitch w:val=\"variable\"/>\
             </w:font>"
        ));
    }
    out.push_str("</w:fonts>");
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Odd,
    Even,
}

/// The page number "— N —" in 四号宋体: on odd pages at the right, on even pages at the left,
/// one character in from the edge of the type area (GB/T 9704-2012 §7.5).
pub(super) fn footer(side: Side) -> String {
    let placement = match side {
        Side::Odd => "<w:ind w:right=\"280\"/><w:jc w:val=\"right\"/>",
        Side::Even => "<w:ind w:left=\"280\"/><w:jc w:val=\"left\"/>",
    };
    format!(
        "{XML_DECLARATION}<w:ftr xmlns:w=\"{NS_W}\" xmlns:r=\"{NS_R}\"><w:p><w:pPr>\
         <w:pStyle w:val=\"Footer\"/>{placement}</w:pPr>\
         <w:r><w:t xml:space=\"preserve\">— </w:t></w:r>\
         <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
         <w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
         <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\
         <w:r><w:t>1</w:t></w:r>\
         <w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
         <w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>"
    )
}

/// The fill of a shaded table cell.
pub(super) fn shading(fill: &str) -> String {
    format!("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{fill}\"/>")
}

pub(super) fn header_shading() -> String {
    shading(palette::HEADER_FILL)
}
