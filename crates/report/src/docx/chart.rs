//! word/charts/chartN.xml: a [`Chart`] as a DrawingML chart whose data live in the part's
//! caches (`c:strCache`, `c:numCache`).
//!
//! No workbook is embedded: Word, WPS and LibreOffice draw a chart from its caches, and the
//! formulas only name where the data would sit in an embedded sheet. Editing the data in Word
//! therefore starts from an empty sheet; the figures themselves travel in the XLSX.

use super::parts::{NS_R, XML_DECLARATION};
use super::{BODY_FONT, LATIN_FONT};
use crate::document::{Chart, ChartKind};
use crate::escape::escape;
use crate::palette;

const NS_C: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const CATEGORY_AXIS: u32 = 5001;
const VALUE_AXIS: u32 = 5002;

pub(super) fn chart_xml(chart: &Chart) -> String {
    let mut out = format!(
        "{XML_DECLARATION}<c:chartSpace xmlns:c=\"{NS_C}\" xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\">\
         <c:date1904 val=\"0\"/><c:lang val=\"zh-CN\"/><c:roundedCorners val=\"0\"/>\
         <c:chart><c:autoTitleDeleted val=\"1\"/><c:plotArea><c:layout/>"
    );
    // The caption above the chart in the text is its title; a second one inside would repeat it.
    match chart.kind {
        ChartKind::Line => {
            out.push_str("<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>");
            write_series(&mut out, chart);
            out.push_str("<c:marker val=\"1\"/>");
        }
        ChartKind::Bar => {
            out.push_str(
                "<c:barChart><c:barDir val=\"col\"/><c:grouping val=\"clustered\"/>\
                 <c:varyColors val=\"0\"/>",
            );
            write_series(&mut out, chart);
            out.push_str("<c:gapWidth val=\"80\"/>");
        }
    }
    out.push_str(&format!(
        "<c:axId val=\"{CATEGORY_AXIS}\"/><c:axId val=\"{VALUE_AXIS}\"/>"
    ));
    out.push_str(match chart.kind {
        ChartKind::Line => "</c:lineChart>",
        ChartKind::Bar => "</c:barChart>",
    });
    write_axes(&mut out, chart);
    out.push_str(
        "</c:plotArea><c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/></c:legend>\
         <c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>\
         <c:spPr><a:solidFill><a:srgbClr val=\"FFFFFF\"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>",
    );
    // Chinese labels need an East Asian face named, or some readers fall back to a Latin one.
    out.push_str(&format!(
        "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"1050\">\
         <a:solidFill><a:srgbClr val=\"262626\"/></a:solidFill>\
         <a:latin typeface=\"{LATIN_FONT}\"/><a:ea typeface=\"{BODY_FONT}\"/></a:defRPr></a:pPr>\
         <a:endParaRPr lang=\"zh-CN\"/></a:p></c:txPr></c:chartSpace>"
    ));
    out
}

fn write_series(out: &mut String, chart: &Chart) {
    let count = chart.categories.len();
    let format_code = escape(&chart.format.excel_code()).into_owned();
    for (index, series) in chart.series.iter().enumerate() {
        let column = column_name(index + 1);
        let colour = palette::series(index);
        out.push_str(&format!(
            "<c:ser><c:idx val=\"{index}\"/><c:order val=\"{index}\"/><c:tx><c:strRef>\
             <c:f>Sheet1!${column}$1</c:f><c:strCache><c:ptCount val=\"1\"/>\
             <c:pt idx=\"0\"><c:v>{}</c:v></c:pt></c:strCache></c:strRef></c:tx>",
            escape(&series.name)
        ));
        match chart.kind {
            ChartKind::Line => out.push_str(&format!(
                "<c:spPr><a:ln w=\"28575\" cap=\"rnd\"><a:solidFill><a:srgbClr val=\"{colour}\"/>\
                 </a:solidFill><a:round/></a:ln></c:spPr><c:marker><c:symbol val=\"circle\"/>\
                 <c:size val=\"5\"/><c:spPr><a:solidFill><a:srgbClr val=\"{colour}\"/></a:solidFill>\
                 <a:ln w=\"9525\"><a:solidFill><a:srgbClr val=\"{colour}\"/></a:solidFill></a:ln>\
                 </c:spPr></c:marker>"
            )),
            ChartKind::Bar => out.push_str(&format!(
                "<c:spPr><a:solidFill><a:srgbClr val=\"{colour}\"/></a:solidFill></c:spPr>\
                 <c:invertIfNegative val=\"0\"/>"
            )),
        }
        let last_row = count + 1;
        out.push_str(&format!(
            "<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${last_row}</c:f><c:strCache>\
             <c:ptCount val=\"{count}\"/>"
        ));
        for (point, category) in chart.categories.iter().enumerate() {
            out.push_str(&format!(
                "<c:pt idx=\"{point}\"><c:v>{}</c:v></c:pt>",
                escape(category)
            ));
        }
        out.push_str(&format!(
            "</c:strCache></c:strRef></c:cat><c:val><c:numRef>\
             <c:f>Sheet1!${column}$2:${column}${last_row}</c:f><c:numCache>\
             <c:formatCode>{format_code}</c:formatCode><c:ptCount val=\"{count}\"/>"
        ));
        // A missing point is left out of the cache: the chart shows a gap there.
        for point in 0..count {
            if let Some(value) = chart.value(index, point) {
                out.push_str(&format!(
                    "<c:pt idx=\"{point}\"><c:v>{}</c:v></c:pt>",
                    chart.format.excel_value(value)
                ));
            }
        }
        out.push_str("</c:numCache></c:numRef></c:val>");
        if chart.kind == ChartKind::Line {
            out.push_str("<c:smooth val=\"0\"/>");
        }
        out.push_str("</c:ser>");
    }
}

fn write_axes(out: &mut String, chart: &Chart) {
    let axis_line = "<c:spPr><a:ln w=\"9525\"><a:solidFill><a:srgbClr val=\"808080\"/>\
                     </a:solidFill></a:ln></c:spPr>";
    out.push_str(&format!(
        "<c:catAx><c:axId val=\"{CATEGORY_AXIS}\"/><c:scaling><c:orientation val=\"minMax\"/>\
         </c:scaling><c:delete val=\"0\"/><c:axPos val=\"b\"/>\
         <c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/>\
         <c:minorTickMark val=\"none\"/><c:tickLblPos val=\"low\"/>{axis_line}\
         <c:crossAx val=\"{VALUE_AXIS}\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/>\
         <c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>"
    ));
    out.push_str(&format!(
        "<c:valAx><c:axId val=\"{VALUE_AXIS}\"/><c:scaling><c:orientation val=\"minMax\"/>\
         </c:scaling><c:delete val=\"0\"/><c:axPos val=\"l\"/><c:majorGridlines><c:spPr>\
         <a:ln w=\"6350\"><a:solidFill><a:srgbClr val=\"D9D9D9\"/></a:solidFill></a:ln></c:spPr>\
         </c:majorGridlines><c:numFmt formatCode=\"{}\" sourceLinked=\"0\"/>\
         <c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>\
         {axis_line}<c:crossAx val=\"{CATEGORY_AXIS}\"/><c:crosses val=\"autoZero\"/>\
         <c:crossBetween val=\"between\"/></c:valAx>",
        escape(&chart.format.excel_code())
    ));
}

/// The spreadsheet column letters of a zero-based column index: 0 → A, 26 → AA.
fn column_name(index: usize) -> String {
    let mut index = index + 1;
    let mut letters = Vec::new();
    while index > 0 {
        let remainder = (index - 1) % 26;
        letters.push(char::from(b'A' + remainder as u8));
        index = (index - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::column_name;

    #[test]
    fn columns_are_lettered_as_in_a_spreadsheet() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }
}
