//! Charts drawn on the server as inline SVG (nothing fetched, nothing run in the browser): a line
//! chart of monthly series.

use super::html::escape;

/// One named series and its colour.
pub(crate) struct Series<'a> {
    pub name: &'a str,
    pub colour: &'a str,
    pub values: Vec<f64>,
}

/// A line chart of `series` over `labels` (one per point).
pub(crate) fn lines(title: &str, labels: &[String], series: &[Series<'_>]) -> String {
    let (width, height, left, bottom, top) = (720.0, 240.0, 56.0, 28.0, 24.0);
    let points = labels.len().max(1);
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let x = |i: usize| {
        left + (width - left - 36.0) * i as f64 / (points.saturating_sub(1).max(1)) as f64
    };
    let y = |v: f64| top + (height - top - bottom) * (1.0 - v / max);
    let mut svg = format!(
        "<svg role=\"img\" aria-label=\"{t}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" class=\"chart\"><title>{t}</title>",
        t = escape(title)
    );
    for step in 0..=4 {
        let value = max * f64::from(step) / 4.0;
        let at = y(value);
        svg.push_str(&format!(
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{at:.1}\" y2=\"{at:.1}\" stroke=\"#eef2f6\"/><text x=\"{}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#52606d\">{}</text>",
            width - 12.0,
            left - 6.0,
            at + 4.0,
            value.round()
        ));
    }
    let every = points.div_ceil(12).max(1);
    for (i, label) in labels.iter().enumerate().filter(|(i, _)| i % every == 0) {
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#52606d\">{}</text>",
            x(i),
            height - 8.0,
            escape(label)
        ));
    }
    for (n, s) in series.iter().enumerate() {
        let path: Vec<String> = s
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v)))
            .collect();
        let legend = left + 110.0 * n as f64;
        svg.push_str(&format!(
            "<polyline fill=\"none\" stroke=\"{c}\" stroke-width=\"2\" points=\"{points}\"/>\
             <rect x=\"{legend}\" y=\"6\" width=\"10\" height=\"10\" fill=\"{c}\"/>\
             <text x=\"{text}\" y=\"15\" font-size=\"12\">{name}</text>",
            c = escape(s.colour),
            points = path.join(" "),
            text = legend + 14.0,
            name = escape(s.name),
        ));
    }
    svg.push_str("</svg>");
    svg
}
