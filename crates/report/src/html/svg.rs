//! A [`Chart`] drawn as inline SVG: value axis with rounded ticks and gridlines, category
//! labels, lines with markers or clustered bars, and a legend under the plot.
//!
//! Text is measured roughly (a Chinese character is as wide as the font size, a Latin one half
//! of it); that is enough to place labels and wrap the legend without a font engine.

use crate::document::{Chart, ChartKind};
use crate::escape::escape;
use crate::number::NumberFormat;
use crate::palette;
use crate::width::display_width;

const WIDTH: f64 = 640.0;
const PLOT_HEIGHT: f64 = 240.0;
const LEFT: f64 = 72.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const FONT: f64 = 12.0;
const LEGEND_ROW: f64 = 22.0;

/// The chart as one `<svg>` element, every text escaped: the HTML reports and the web pages
/// draw their charts with it. A running last period ([`Chart::partial`]) is drawn apart and
/// labelled with how far it goes.
pub fn chart_svg(chart: &Chart) -> String {
    let scale = Scale::for_chart(chart);
    let plot_width = WIDTH - LEFT - RIGHT;
    let count = chart.categories.len();
    let slot = plot_width / count.max(1) as f64;

    // Labels that do not fit their slot are turned 45° and need more room below.
    let widest_label = chart
        .categories
        .iter()
        .map(|label| text_px(label))
        .fold(0.0, f64::max);
    let rotate = widest_label > slot - 4.0;
    let label_room = if rotate {
        (widest_label * 0.71 + 12.0).min(110.0)
    } else {
        FONT + 12.0
    };
    let legend = legend_layout(chart);
    let legend_top = TOP + PLOT_HEIGHT + label_room + 8.0;
    let height = legend_top + legend.rows as f64 * LEGEND_ROW + 8.0;

    let mut out = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height:.0}\" width=\"{WIDTH}\" height=\"{height:.0}\" \
         role=\"img\" aria-label=\"{title}\"><title>{title}</title>",
        title = escape(&chart.title)
    );
    out.push_str(&format!(
        "<rect x=\"0\" y=\"0\" width=\"{WIDTH}\" height=\"{height:.0}\" fill=\"#ffffff\"/>"
    ));

    // Gridlines and value labels.
    for tick in &scale.ticks {
        let y = scale.y(*tick);
        out.push_str(&format!(
            "<line x1=\"{LEFT}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#d9d9d9\" stroke-width=\"1\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"{FONT}\">{}</text>",
            Px(WIDTH - RIGHT),
            Px(LEFT - 6.0),
            Px(y + FONT / 3.0),
            escape(&tick_label(chart.format, *tick)),
            y = Px(y),
        ));
    }

    match chart.kind {
        ChartKind::Line => {
            draw_bands(&mut out, chart, &scale, slot);
            draw_lines(&mut out, chart, &scale, slot)
        }
        ChartKind::Bar => draw_bars(&mut out, chart, &scale, slot),
    }

    // Axes on top of the data, the category axis at zero (or at the bottom when zero is out of
    // range).
    let baseline = scale.y(0.0_f64.clamp(scale.low, scale.high));
    out.push_str(&format!(
        "<line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{}\" stroke=\"#808080\"/>\
         <line x1=\"{LEFT}\" y1=\"{baseline}\" x2=\"{}\" y2=\"{baseline}\" stroke=\"#808080\"/>",
        Px(TOP + PLOT_HEIGHT),
        Px(WIDTH - RIGHT),
        baseline = Px(baseline)
    ));

    let label_y = TOP + PLOT_HEIGHT + FONT + 6.0;
    for (index, label) in chart.categories.iter().enumerate() {
        let x = LEFT + slot * (index as f64 + 0.5);
        if rotate {
            out.push_str(&format!(
                "<text x=\"{x}\" y=\"{label_y}\" text-anchor=\"end\" font-size=\"{FONT}\" \
                 transform=\"rotate(-45 {x} {label_y})\">{}</text>",
                escape(label),
                x = Px(x),
                label_y = Px(label_y)
            ));
        } else {
            out.push_str(&format!(
                "<text x=\"{x}\" y=\"{label_y}\" text-anchor=\"middle\" font-size=\"{FONT}\">{}</text>",
                escape(label),
                x = Px(x),
                label_y = Px(label_y),
            ));
        }
    }

    if count == 0 || chart.series.is_empty() || scale.empty {
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"14\" fill=\"#808080\">无数据</text>",
            Px(LEFT + plot_width / 2.0),
            Px(TOP + PLOT_HEIGHT / 2.0)
        ));
    }

    if let (Some(note), Some(last)) = (&chart.partial, chart.categories.last()) {
        out.push_str(&format!(
            "<text class=\"partial\" x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"{FONT}\" fill=\"#616e7c\">{}（{}）</text>",
            Px(WIDTH - RIGHT),
            Px(TOP + FONT / 2.0),
            escape(last),
            escape(note)
        ));
    }
    draw_legend(&mut out, chart, &legend, legend_top);
    out.push_str("</svg>");
    out
}

/// A length on the drawing, written to a tenth of a pixel with integer arithmetic. The float
/// formatter's fixed-precision mode falls back to its slow exact path on ties, and a chart's
/// coordinates are full of them (halves and quarters of a slot): written that way, the charts
/// took a sixth of a dashboard page's time.
#[derive(Clone, Copy, Debug)]
struct Px(f64);

impl std::fmt::Display for Px {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tenths = (self.0 * 10.0).round();
        // A chart's lengths are a few thousand pixels at most; anything else is drawn at 0.
        let tenths = if tenths.is_finite() && tenths.abs() < 1e12 {
            tenths as i64
        } else {
            0
        };
        let sign = if tenths < 0 { "-" } else { "" };
        let tenths = tenths.unsigned_abs();
        write!(f, "{sign}{}.{}", tenths / 10, tenths % 10)
    }
}

/// The value axis: its range, rounded ticks, and the mapping to the page.
#[derive(Debug)]
struct Scale {
    low: f64,
    high: f64,
    ticks: Vec<f64>,
    /// No value to draw at all.
    empty: bool,
}

impl Scale {
    fn for_chart(chart: &Chart) -> Scale {
        let values: Vec<f64> = (0..chart.series.len())
            .flat_map(|series| (0..chart.categories.len()).map(move |point| (series, point)))
            .filter_map(|(series, point)| chart.value(series, point))
            .chain(
                chart
                    .bands
                    .iter()
                    .flat_map(|band| band.low.iter().chain(&band.high).copied().flatten()),
            )
            .filter(|v| v.is_finite())
            .collect();
        let empty = values.is_empty();
        // Bars and most indicators read against zero, so zero is always on the axis.
        let low = values.iter().copied().fold(0.0, f64::min);
        let mut high = values.iter().copied().fold(0.0, f64::max);
        if high <= low {
            high = low + 1.0;
        }
        let Some(step) = nice_step((high - low) / 5.0, chart.format) else {
            return Scale {
                low,
                high,
                ticks: vec![low, high],
                empty,
            };
        };
        let low = (low / step).floor() * step;
        let high = (high / step).ceil() * step;
        let count = ((high - low) / step).round().clamp(1.0, 20.0) as usize;
        let ticks = (0..=count).map(|i| low + step * i as f64).collect();
        Scale {
            low,
            high,
            ticks,
            empty,
        }
    }

    fn y(&self, value: f64) -> f64 {
        let span = self.high - self.low;
        let share = if span > 0.0 && span.is_finite() {
            (value - self.low) / span
        } else {
            0.0
        };
        TOP + PLOT_HEIGHT * (1.0 - share.clamp(0.0, 1.0))
    }
}

/// A step of 1, 2 or 5 times a power of ten near `raw`; whole numbers for counts. `None` when
/// the range is too wide or degenerate to divide.
fn nice_step(raw: f64, format: NumberFormat) -> Option<f64> {
    if !raw.is_finite() || raw <= 0.0 {
        return None;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let normalised = raw / magnitude;
    let factor = match normalised {
        n if n <= 1.0 => 1.0,
        n if n <= 2.0 => 2.0,
        n if n <= 5.0 => 5.0,
        _ => 10.0,
    };
    let step = factor * magnitude;
    let step = match format {
        NumberFormat::Integer => step.max(1.0),
        _ => step,
    };
    (step.is_finite() && step > 0.0).then_some(step)
}

/// A tick label in the chart's format, without decimals the ticks do not need.
fn tick_label(format: NumberFormat, value: f64) -> String {
    let format = match format {
        NumberFormat::Decimal(_) if value.fract() == 0.0 => NumberFormat::Decimal(0),
        NumberFormat::Percent(_) if value.fract() == 0.0 => NumberFormat::Percent(0),
        other => other,
    };
    format.display(value)
}

fn draw_lines(out: &mut String, chart: &Chart, scale: &Scale, slot: f64) {
    for (index, series) in chart.series.iter().enumerate() {
        let colour = palette::series(index);
        let mut path = String::new();
        // The step into a running period, drawn dashed apart from the finished ones.
        let mut partial_step = String::new();
        let mut marks = String::new();
        let mut last: Option<(f64, f64)> = None;
        for point in 0..chart.categories.len() {
            let Some(value) = chart.value(index, point) else {
                // A missing value breaks the line.
                last = None;
                continue;
            };
            let x = LEFT + slot * (point as f64 + 0.5);
            let y = scale.y(value);
            let running = chart.is_partial(point);
            if running {
                if let Some((px, py)) = last {
                    partial_step = format!(
                        "M{px} {py} L{x} {y}",
                        px = Px(px),
                        py = Px(py),
                        x = Px(x),
                        y = Px(y)
                    );
                }
            } else {
                path.push_str(&format!(
                    "{}{x} {y} ",
                    if last.is_some() { "L" } else { "M" },
                    x = Px(x),
                    y = Px(y)
                ));
            }
            last = Some((x, y));
            let fill = if running {
                "#ffffff".to_string()
            } else {
                format!("#{colour}")
            };
            marks.push_str(&format!(
                "<circle cx=\"{x}\" cy=\"{y}\" r=\"3.5\" fill=\"{fill}\" stroke=\"#{colour}\">\
                 <title>{}：{}</title></circle>",
                escape(&series.name),
                escape(&chart.format.display(value)),
                x = Px(x),
                y = Px(y)
            ));
        }
        out.push_str(&format!("<g class=\"series\" data-series=\"{index}\">"));
        if !path.is_empty() {
            out.push_str(&format!(
                "<path d=\"{}\" fill=\"none\" stroke=\"#{colour}\" stroke-width=\"2.25\" \
                 stroke-linejoin=\"round\" stroke-linecap=\"round\"/>",
                path.trim_end()
            ));
        }
        if !partial_step.is_empty() {
            out.push_str(&format!(
                "<path class=\"partial\" d=\"{partial_step}\" fill=\"none\" stroke=\"#{colour}\" \
                 stroke-width=\"2\" stroke-dasharray=\"5 4\"/>"
            ));
        }
        out.push_str(&marks);
        out.push_str("</g>");
    }
}

/// Each band as a pale area in its series' colour, behind the lines: the upper values left to
/// right, then the lower ones back (a category without both ends breaks the area).
fn draw_bands(out: &mut String, chart: &Chart, scale: &Scale, slot: f64) {
    for band in &chart.bands {
        let colour = palette::series(band.series);
        let mut runs: Vec<Vec<(f64, f64, f64)>> = vec![Vec::new()];
        for point in 0..chart.categories.len() {
            let ends = (
                band.low.get(point).copied().flatten(),
                band.high.get(point).copied().flatten(),
            );
            match ends {
                (Some(low), Some(high)) if low.is_finite() && high.is_finite() => {
                    let x = LEFT + slot * (point as f64 + 0.5);
                    if let Some(run) = runs.last_mut() {
                        run.push((x, scale.y(high), scale.y(low)));
                    }
                }
                _ => runs.push(Vec::new()),
            }
        }
        for run in runs.iter().filter(|r| !r.is_empty()) {
            // A single category is a short bar across its slot, so that it shows.
            let run: Vec<(f64, f64, f64)> = if run.len() == 1 {
                let (x, top, bottom) = run[0];
                vec![(x - slot / 4.0, top, bottom), (x + slot / 4.0, top, bottom)]
            } else {
                run.clone()
            };
            let upper = run
                .iter()
                .map(|(x, top, _)| format!("{},{}", Px(*x), Px(*top)));
            let lower = run
                .iter()
                .rev()
                .map(|(x, _, bottom)| format!("{},{}", Px(*x), Px(*bottom)));
            let points: Vec<String> = upper.chain(lower).collect();
            out.push_str(&format!(
                "<polygon class=\"band\" data-series=\"{}\" points=\"{}\" fill=\"#{colour}\" \
                 fill-opacity=\"0.18\" stroke=\"none\"/>",
                band.series,
                points.join(" ")
            ));
        }
    }
}

fn draw_bars(out: &mut String, chart: &Chart, scale: &Scale, slot: f64) {
    let group = slot * 0.8;
    let bar = group / chart.series.len().max(1) as f64;
    let zero = scale.y(0.0_f64.clamp(scale.low, scale.high));
    for (index, series) in chart.series.iter().enumerate() {
        let colour = palette::series(index);
        out.push_str(&format!("<g class=\"series\" data-series=\"{index}\">"));
        for point in 0..chart.categories.len() {
            let Some(value) = chart.value(index, point) else {
                continue;
            };
            let x = LEFT + slot * point as f64 + (slot - group) / 2.0 + bar * index as f64;
            let y = scale.y(value);
            let (top, bottom) = if y < zero { (y, zero) } else { (zero, y) };
            // A running period's bar is pale and outlined: its count is not yet the month's.
            let running = if chart.is_partial(point) {
                format!(" fill-opacity=\"0.35\" stroke=\"#{colour}\" stroke-dasharray=\"4 3\"")
            } else {
                String::new()
            };
            out.push_str(&format!(
                "<rect x=\"{x}\" y=\"{top}\" width=\"{}\" height=\"{}\" fill=\"#{colour}\"{running}>\
                 <title>{}：{}</title></rect>",
                Px((bar - 1.0).max(1.0)),
                Px((bottom - top).max(0.5)),
                escape(&series.name),
                escape(&chart.format.display(value)),
                x = Px(x),
                top = Px(top),
            ));
        }
        out.push_str("</g>");
    }
}

/// Where each legend entry goes: entries run left to right and wrap to a new row.
#[derive(Debug)]
struct Legend {
    places: Vec<(f64, f64)>,
    rows: usize,
}

fn legend_layout(chart: &Chart) -> Legend {
    let mut places = Vec::new();
    let (mut x, mut row) = (LEFT, 0);
    for series in &chart.series {
        let width = 26.0 + text_px(&series.name) + 18.0;
        if x + width > WIDTH - RIGHT && x > LEFT {
            x = LEFT;
            row += 1;
        }
        places.push((x, row as f64 * LEGEND_ROW));
        x += width;
    }
    let rows = if places.is_empty() { 0 } else { row + 1 };
    Legend { places, rows }
}

fn draw_legend(out: &mut String, chart: &Chart, legend: &Legend, top: f64) {
    for (index, (series, (x, dy))) in chart.series.iter().zip(&legend.places).enumerate() {
        let colour = palette::series(index);
        let y = top + dy + LEGEND_ROW / 2.0;
        match chart.kind {
            ChartKind::Line => out.push_str(&format!(
                "<line x1=\"{x}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#{colour}\" \
                 stroke-width=\"2.25\"/><circle cx=\"{}\" cy=\"{y}\" r=\"3.5\" fill=\"#{colour}\"/>",
                Px(x + 20.0),
                Px(x + 10.0),
                x = Px(*x),
                y = Px(y),
            )),
            ChartKind::Bar => out.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"#{colour}\"/>",
                Px(x + 4.0),
                Px(y - 6.0)
            )),
        }
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"{FONT}\">{}</text>",
            Px(x + 26.0),
            Px(y + FONT / 3.0),
            escape(&series.name)
        ));
    }
}

/// The approximate width of `text` in pixels at the chart's font size.
fn text_px(text: &str) -> f64 {
    display_width(text) as f64 * FONT / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_written_to_a_tenth_of_a_pixel() {
        for (length, written) in [
            (0.0, "0.0"),
            (-0.0, "0.0"),
            (12.25, "12.3"),
            (12.24, "12.2"),
            (639.96, "640.0"),
            (-3.05, "-3.1"),
            (-0.04, "0.0"),
            (1e300, "0.0"),
            (f64::NAN, "0.0"),
        ] {
            assert_eq!(Px(length).to_string(), written, "{length}");
        }
    }

    #[test]
    fn steps_are_one_two_or_five_times_a_power_of_ten() {
        let decimal = NumberFormat::Decimal(1);
        let check = |raw: f64, format: NumberFormat, expected: f64| {
            let step = nice_step(raw, format).unwrap_or(f64::NAN);
            assert!(
                (step - expected).abs() < 1e-9,
                "{raw} → {step}, not {expected}"
            );
        };
        check(0.17, decimal, 0.2);
        check(3.0, decimal, 5.0);
        check(12.0, decimal, 20.0);
        check(0.2, NumberFormat::Integer, 1.0);
        assert_eq!(nice_step(f64::INFINITY, decimal), None);
        assert_eq!(nice_step(0.0, decimal), None);
    }

    #[test]
    fn a_band_is_a_shaded_area_behind_its_line_and_widens_the_axis() {
        use crate::document::{ChartBand, Series};
        let chart = Chart {
            title: "未结".into(),
            kind: ChartKind::Line,
            categories: vec!["1月".into(), "2月".into(), "3月".into()],
            series: vec![Series {
                name: "中位数".into(),
                values: vec![Some(100.0), Some(110.0), Some(120.0)],
            }],
            format: NumberFormat::Integer,
            partial: None,
            bands: vec![ChartBand {
                series: 0,
                low: vec![Some(90.0), None, Some(100.0)],
                high: vec![Some(110.0), Some(130.0), Some(150.0)],
            }],
        };
        let svg = chart_svg(&chart);
        // The month without a lower end breaks the area in two: two polygons, drawn before the
        // line so that the line shows on top.
        assert_eq!(svg.matches("<polygon class=\"band\"").count(), 2, "{svg}");
        assert!(svg.find("<polygon").unwrap() < svg.find("<path").unwrap());
        // The axis reaches the band's top (150), not only the line's (120).
        assert!(svg.contains(">150</text>"), "{svg}");
    }
}
