//! The HTML page: nothing fetched from outside, every element closed in order, every model
//! text present and escaped.

use shenguan_report::{Block, Document, render_html};

use crate::sample::sample;

/// Elements HTML never closes.
const VOID: [&str; 6] = ["meta", "br", "img", "hr", "input", "link"];

/// Checks that tags nest and close, that text holds no stray `<` or `>`, and that every `&`
/// starts an entity. Returns how many times each element opened.
pub fn check_html(html: &str) -> Result<Vec<(String, usize)>, String> {
    let mut stack: Vec<String> = Vec::new();
    let mut opened: Vec<(String, usize)> = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        check_text(&rest[..start])?;
        let after = &rest[start + 1..];
        let end = after.find('>').ok_or("a tag never ends")?;
        let tag = &after[..end];
        rest = &after[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack
                .pop()
                .ok_or_else(|| format!("</{name}> closes nothing"))?;
            if open != name {
                return Err(format!("</{name}> closes <{open}>"));
            }
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            return Err(format!("a stray '<' before {tag:?}"));
        }
        match opened.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => opened.push((name.clone(), 1)),
        }
        if tag.ends_with('/') || VOID.contains(&name.as_str()) {
            continue;
        }
        if name == "style" {
            // CSS is raw text up to its end tag.
            let close = rest.find("</style>").ok_or("<style> never closed")?;
            rest = &rest[close + "</style>".len()..];
            continue;
        }
        stack.push(name);
    }
    check_text(rest)?;
    match stack.last() {
        Some(open) => Err(format!("<{open}> is never closed")),
        None => Ok(opened),
    }
}

fn check_text(text: &str) -> Result<(), String> {
    if text.contains('>') {
        return Err(format!("a stray '>' in {text:?}"));
    }
    for (index, _) in text.match_indices('&') {
        let entity = &text[index..];
        let known = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"];
        if !known.iter().any(|k| entity.starts_with(k)) {
            return Err(format!("a bare '&' in {text:?}"));
        }
    }
    Ok(())
}

fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn count(opened: &[(String, usize)], name: &str) -> usize {
    opened
        .iter()
        .find(|(n, _)| n == name)
        .map_or(0, |(_, c)| *c)
}

#[test]
fn the_page_needs_nothing_from_outside() {
    let html = render_html(&sample());
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    for forbidden in [
        "http://", "https://", "src=", "href=", "url(", "@import", "<script", "<link",
    ] {
        assert!(!html.contains(forbidden), "the page contains {forbidden}");
    }
}

#[test]
fn the_page_is_well_formed() {
    let html = render_html(&sample());
    let opened = check_html(&html).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(count(&opened, "table"), 2);
    assert_eq!(count(&opened, "svg"), 2);
    assert_eq!(count(&opened, "h1"), 1);
    assert_eq!(count(&opened, "h2"), 2, "一、 and the notes");
    assert_eq!(count(&opened, "h3"), 2);
    assert_eq!(count(&opened, "li"), 3);
}

#[test]
fn every_text_is_there_escaped() {
    let document: Document = sample();
    let html = render_html(&document);
    let mut texts = vec![document.title.clone(), document.date_line.clone()];
    texts.extend(document.subtitle.clone());
    for block in &document.blocks {
        match block {
            Block::Heading { text, .. } | Block::Paragraph(text) => texts.push(text.clone()),
            Block::Table(table) => {
                texts.push(table.caption.clone());
                texts.extend(table.header.iter().cloned());
                texts.extend(table.rows.iter().flatten().map(|c| c.display()));
            }
            Block::Chart(chart) => {
                texts.push(chart.title.clone());
                texts.extend(chart.categories.iter().cloned());
                texts.extend(chart.series.iter().map(|s| s.name.clone()));
            }
        }
    }
    for note in &document.notes {
        texts.push(note.term.clone());
        texts.push(note.definition.clone());
    }
    for text in texts {
        assert!(
            html.contains(&escaped(&text)),
            "missing or unescaped: {text}"
        );
    }
    assert!(!html.contains("<草稿>") && !html.contains("<试点>") && !html.contains("<A&B>"));
    assert!(html.contains("&lt;草稿&gt; &amp; &quot;试行&quot;"));
}

#[test]
fn charts_draw_every_value_and_leave_gaps() {
    let html = render_html(&sample());
    let line = &html[html.find("<svg").expect("a chart")..];
    let line = &line[..line.find("</svg>").expect("closed")];
    // Ten points in the line chart (six, then four: one missing, one beyond the short
    // series), one circle each, plus two legend markers.
    assert_eq!(line.matches("<circle").count(), 10 + 2);
    // The second series breaks at its gap: two pen-down moves.
    let second = &line[line.find("data-series=\"1\"").expect("series 1")..];
    let path = &second[second.find(" d=\"").expect("a path")..];
    let path = &path[..path.find("\" ").expect("end")];
    assert_eq!(path.matches('M').count(), 2, "{path}");

    let bars = &html[html.rfind("<svg").expect("a second chart")..];
    // Six bars and two legend swatches, plus the background.
    assert_eq!(bars.matches("<rect").count(), 6 + 2 + 1);
}
