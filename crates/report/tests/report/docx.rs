//! The DOCX package: every part well-formed, every reference resolved, the page and fonts of
//! GB/T 9704, the page-number field, the charts' cached data, and the text exactly the model's.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use shenguan_report::{Block, ChartKind, Document, NOTES_HEADING, NumberFormat, render_docx};

use crate::sample::sample;
use crate::xml::{Element, Node, parse};

/// The package's parts by name, each parsed.
pub fn unpack(bytes: &[u8]) -> BTreeMap<String, Element> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    let mut parts = BTreeMap::new();
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).expect("a zip entry");
        let name = file.name().expect("a UTF-8 entry name").to_string();
        let mut text = String::new();
        file.read_to_string(&mut text)
            .unwrap_or_else(|e| panic!("{name} is not UTF-8: {e}"));
        let tree = parse(&text).unwrap_or_else(|e| panic!("{name} is not well-formed: {e}"));
        parts.insert(name, tree);
    }
    parts
}

fn sample_parts() -> (Document, BTreeMap<String, Element>) {
    let document = sample();
    let bytes = render_docx(&document).expect("the sample renders");
    (document, unpack(&bytes))
}

fn part<'a>(parts: &'a BTreeMap<String, Element>, name: &str) -> &'a Element {
    parts
        .get(name)
        .unwrap_or_else(|| panic!("no part {name}; parts: {:?}", parts.keys()))
}

/// Relationship id → (type, target) of a .rels part.
fn relationships(rels: &Element) -> BTreeMap<String, (String, String)> {
    rels.all("Relationship")
        .into_iter()
        .map(|r| {
            (
                r.attr("Id").expect("Id").to_string(),
                (
                    r.attr("Type").expect("Type").to_string(),
                    r.attr("Target").expect("Target").to_string(),
                ),
            )
        })
        .collect()
}

/// The text of a paragraph as Word shows it.
fn paragraph_text(paragraph: &Element) -> String {
    fn walk(element: &Element, out: &mut String) {
        match element.name.as_str() {
            "w:t" => out.push_str(&element.text()),
            "w:tab" => out.push('\t'),
            "w:br" => out.push('\n'),
            _ => {
                for child in &element.children {
                    if let Node::Element(child) = child {
                        walk(child, out);
                    }
                }
            }
        }
    }
    let mut out = String::new();
    walk(paragraph, &mut out);
    out
}

/// The paragraphs a reader should see, in order, computed from the model.
fn expected_paragraphs(document: &Document) -> Vec<String> {
    let mut expected = vec![document.title.clone()];
    expected.extend(document.subtitle.clone());
    expected.push(document.date_line.clone());
    for block in &document.blocks {
        match block {
            Block::Heading { text, .. } | Block::Paragraph(text) => expected.push(text.clone()),
            Block::Table(table) => {
                expected.push(table.caption.clone());
                let columns = table.column_count();
                for column in 0..columns {
                    expected.push(table.header.get(column).cloned().unwrap_or_default());
                }
                for row in &table.rows {
                    for column in 0..columns {
                        let cell = row.get(column);
                        let text = cell.map(|c| c.display()).unwrap_or_default();
                        let mark = cell
                            .and_then(|c| c.status())
                            .map(|s| s.mark())
                            .unwrap_or("");
                        expected.push(format!("{text}{mark}"));
                    }
                }
                expected.extend(table.legend());
            }
            Block::Chart(chart) => {
                expected.push(chart.title.clone());
                // The paragraph holding the drawing has no text.
                expected.push(String::new());
            }
        }
    }
    expected.push(NOTES_HEADING.to_string());
    for (index, note) in document.notes.iter().enumerate() {
        expected.push(format!("{}．{}：{}", index + 1, note.term, note.definition));
    }
    expected
}

#[test]
fn every_part_is_well_formed_and_declared() {
    let (_, parts) = sample_parts();
    let types = part(&parts, "[Content_Types].xml");
    let overrides: Vec<String> = types
        .all("Override")
        .iter()
        .map(|o| {
            o.attr("PartName")
                .expect("PartName")
                .trim_start_matches('/')
                .to_string()
        })
        .collect();
    for name in &overrides {
        assert!(parts.contains_key(name), "{name} is declared but missing");
    }
    for name in parts.keys() {
        let by_default = name.ends_with(".rels") || name == "[Content_Types].xml";
        assert!(
            by_default || overrides.contains(name),
            "{name} has no content type"
        );
    }
    assert_eq!(
        parts
            .keys()
            .filter(|n| n.starts_with("word/charts/"))
            .count(),
        2
    );
}

#[test]
fn every_relationship_points_at_a_part() {
    let (document, parts) = sample_parts();
    for (id, (_, target)) in relationships(part(&parts, "_rels/.rels")) {
        assert!(
            parts.contains_key(&target),
            "package {id} → {target} missing"
        );
    }
    let rels = relationships(part(&parts, "word/_rels/document.xml.rels"));
    for (id, (_, target)) in &rels {
        let path = format!("word/{target}");
        assert!(parts.contains_key(&path), "document {id} → {path} missing");
    }

    // Each chart in the body is an inline drawing whose relationship is a chart part, in order.
    let body = part(&parts, "word/document.xml");
    let chart_refs: Vec<&str> = body
        .all("c:chart")
        .iter()
        .map(|c| c.attr("r:id").expect("r:id"))
        .collect();
    let charts_in_model = document
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Chart(_)))
        .count();
    assert_eq!(chart_refs.len(), charts_in_model);
    for (index, id) in chart_refs.iter().enumerate() {
        let (kind, target) = rels.get(*id).unwrap_or_else(|| panic!("{id} not in rels"));
        assert!(kind.ends_with("/relationships/chart"), "{id} is a {kind}");
        assert_eq!(target, &format!("charts/chart{}.xml", index + 1));
    }
    assert_eq!(body.all("wp:inline").len(), charts_in_model);

    // Both footers are referenced from the section, and odd/even footers are switched on.
    let section = body.first("w:sectPr");
    let footers: Vec<(&str, &str)> = section
        .all("w:footerReference")
        .iter()
        .map(|f| {
            (
                f.attr("w:type").expect("type"),
                f.attr("r:id").expect("r:id"),
            )
        })
        .collect();
    assert_eq!(footers.len(), 2);
    for (kind, id) in footers {
        let target = &rels[id].1;
        let expected = if kind == "default" {
            "footer1.xml"
        } else {
            "footer2.xml"
        };
        assert_eq!(target, expected, "{kind} footer");
    }
    part(&parts, "word/settings.xml").first("w:evenAndOddHeaders");
}

#[test]
fn the_page_is_a4_with_the_standard_margins_and_22_lines() {
    let (_, parts) = sample_parts();
    let section = part(&parts, "word/document.xml").first("w:sectPr");
    let size = section.first("w:pgSz");
    assert_eq!(size.attr("w:w"), Some("11906"));
    assert_eq!(size.attr("w:h"), Some("16838"));
    let twips = |mm: f64| (mm * 1440.0 / 25.4).round().to_string();
    let margins = section.first("w:pgMar");
    assert_eq!(margins.attr("w:top"), Some(twips(37.0).as_str()));
    assert_eq!(margins.attr("w:bottom"), Some(twips(35.0).as_str()));
    assert_eq!(margins.attr("w:left"), Some(twips(28.0).as_str()));
    assert_eq!(margins.attr("w:right"), Some(twips(26.0).as_str()));
    let grid = section.first("w:docGrid");
    assert_eq!(grid.attr("w:linePitch"), Some("579"));
    let styles = part(&parts, "word/styles.xml");
    let spacing = styles.first("w:pPrDefault").first("w:spacing");
    assert_eq!(spacing.attr("w:line"), Some("579"));
    assert_eq!(spacing.attr("w:lineRule"), Some("exact"));
}

/// The style's East Asian font and size in half-points.
fn style_font(styles: &Element, id: &str) -> (String, Option<String>) {
    let style = styles
        .all("w:style")
        .into_iter()
        .find(|s| s.attr("w:styleId") == Some(id))
        .unwrap_or_else(|| panic!("no style {id}"));
    let fonts = style.all("w:rFonts");
    let east_asian = fonts
        .first()
        .and_then(|f| f.attr("w:eastAsia"))
        .unwrap_or("(inherited)")
        .to_string();
    let size = style
        .all("w:sz")
        .first()
        .and_then(|s| s.attr("w:val"))
        .map(String::from);
    (east_asian, size)
}

#[test]
fn the_fonts_are_those_of_an_official_document() {
    let (_, parts) = sample_parts();
    let styles = part(&parts, "word/styles.xml");
    let defaults = styles.first("w:rPrDefault").first("w:rFonts");
    assert_eq!(defaults.attr("w:eastAsia"), Some("仿宋_GB2312"));
    assert_eq!(defaults.attr("w:ascii"), Some("Times New Roman"));
    assert_eq!(defaults.attr("w:hAnsi"), Some("Times New Roman"));
    assert_eq!(
        styles.first("w:rPrDefault").first("w:sz").attr("w:val"),
        Some("32")
    );
    assert_eq!(
        style_font(styles, "Title"),
        ("方正小标宋简体".to_string(), Some("44".to_string()))
    );
    assert_eq!(style_font(styles, "Heading1").0, "黑体");
    assert_eq!(style_font(styles, "Heading2").0, "楷体_GB2312");
    assert_eq!(
        style_font(styles, "Footer"),
        ("宋体".to_string(), Some("28".to_string()))
    );
    let normal = styles
        .all("w:style")
        .into_iter()
        .find(|s| s.attr("w:styleId") == Some("Normal"))
        .expect("Normal");
    assert_eq!(normal.first("w:ind").attr("w:firstLineChars"), Some("200"));

    // The paragraphs use those styles.
    let body = part(&parts, "word/document.xml");
    let styles_used: Vec<&str> = body
        .all("w:pStyle")
        .iter()
        .filter_map(|s| s.attr("w:val"))
        .collect();
    for style in [
        "Title",
        "Subtitle",
        "DateLine",
        "Heading1",
        "Heading2",
        "Caption",
        "TableText",
    ] {
        assert!(styles_used.contains(&style), "{style} unused");
    }
}

#[test]
fn footers_number_pages_outside_with_dashes() {
    let (_, parts) = sample_parts();
    for (name, alignment) in [("word/footer1.xml", "right"), ("word/footer2.xml", "left")] {
        let footer = part(&parts, name);
        let instruction = footer.first("w:instrText").text();
        assert_eq!(instruction.trim(), "PAGE", "{name}");
        let kinds: Vec<&str> = footer
            .all("w:fldChar")
            .iter()
            .filter_map(|f| f.attr("w:fldCharType"))
            .collect();
        assert_eq!(kinds, ["begin", "separate", "end"], "{name}");
        assert_eq!(paragraph_text(footer.first("w:p")), "— 1 —", "{name}");
        assert_eq!(
            footer.first("w:jc").attr("w:val"),
            Some(alignment),
            "{name}"
        );
    }
}

#[test]
fn the_text_is_the_models() {
    let (document, parts) = sample_parts();
    let body = part(&parts, "word/document.xml");
    let actual: Vec<String> = body.all("w:p").into_iter().map(paragraph_text).collect();
    let expected = expected_paragraphs(&document);
    for (index, (actual, expected)) in actual.iter().zip(&expected).enumerate() {
        assert_eq!(actual, expected, "paragraph {index}");
    }
    assert_eq!(actual.len(), expected.len());

    // Spot checks that the model's rules were applied, not merely echoed.
    assert!(actual.contains(&"78.0%▼".to_string()));
    assert!(actual.contains(&"61.0天▲".to_string()));
    assert!(actual.contains(&"注：▲高于参考区间；▼低于参考区间。".to_string()));
    // Header rows repeat on every page.
    assert_eq!(body.all("w:tblHeader").len(), 2);
}

#[test]
fn charts_carry_the_models_data_in_their_caches() {
    let (document, parts) = sample_parts();
    let charts: Vec<_> = document
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Chart(c) => Some(c),
            _ => None,
        })
        .collect();
    for (index, chart) in charts.iter().enumerate() {
        let name = format!("word/charts/chart{}.xml", index + 1);
        let space = part(&parts, &name);
        assert_eq!(space.name, "c:chartSpace");
        let plot = match chart.kind {
            ChartKind::Line => space.first("c:lineChart"),
            ChartKind::Bar => space.first("c:barChart"),
        };
        let series = plot.all("c:ser");
        assert_eq!(series.len(), chart.series.len(), "{name}");
        for (s, (ser, model)) in series.iter().zip(&chart.series).enumerate() {
            assert_eq!(ser.first("c:tx").first("c:v").text(), model.name);
            let categories: Vec<String> = ser
                .first("c:cat")
                .first("c:strCache")
                .all("c:pt")
                .iter()
                .map(|p| p.text())
                .collect();
            assert_eq!(categories, chart.categories, "{name}");
            let cache = ser.first("c:val").first("c:numCache");
            assert_eq!(
                cache.first("c:ptCount").attr("val"),
                Some(chart.categories.len().to_string().as_str())
            );
            let points: Vec<(usize, f64)> = cache
                .all("c:pt")
                .iter()
                .map(|p| {
                    (
                        p.attr("idx").expect("idx").parse().expect("index"),
                        p.text().parse().expect("a number"),
                    )
                })
                .collect();
            let expected: Vec<(usize, f64)> = (0..chart.categories.len())
                .filter_map(|i| chart.value(s, i).map(|v| (i, chart.format.excel_value(v))))
                .collect();
            assert_eq!(points, expected, "{name} series {s}");
        }
        let axis_format = space.first("c:valAx").first("c:numFmt");
        assert_eq!(
            axis_format.attr("formatCode"),
            Some(chart.format.excel_code().as_str())
        );
    }
    assert_eq!(charts[0].format, NumberFormat::Percent(1));
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let document = sample();
    let first = render_docx(&document).expect("renders");
    let second = render_docx(&document).expect("renders");
    assert!(first == second, "two renderings differ");
}
