//! The page frame (one style sheet and one font, both served from the binary; nothing from
//! outside), written with maud so that every piece of text is escaped unless the program says
//! otherwise; and the percent-encoding of values put into links.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::Lang;

/// A query-string or path value, percent-encoded.
pub(crate) fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The pages' one style sheet, served from `/assets/style.css` (no inline style: the pages' content
/// security policy allows none).
pub(crate) const STYLE: &str = "@font-face{font-family:'Shenguan Sans';src:url(/assets/noto-sans-sc.woff2) format('woff2');font-display:swap}
body{font-family:'Shenguan Sans','Microsoft YaHei',sans-serif;margin:0;color:#1f2933;background:#f5f7fa}
header{background:#8b1a1a;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;align-items:center;flex-wrap:wrap}
header a{color:#fff;text-decoration:none}header .who{margin-left:auto;font-size:.9rem}
main{padding:1rem 1.2rem;max-width:1200px}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem}
.cards{display:flex;flex-wrap:wrap;gap:.8rem}.card{background:#fff;border:1px solid #d9e2ec;border-radius:6px;padding:.6rem .8rem;min-width:10rem}
.card .v{font-size:1.4rem;font-weight:600}.card .n{font-size:.85rem;color:#52606d}.below{color:#b42318}.above{color:#b54708}.within{color:#067647}
table{border-collapse:collapse;background:#fff;font-size:.9rem}th,td{border:1px solid #d9e2ec;padding:.25rem .5rem;text-align:left}
th{background:#eef2f6}td.n{text-align:right;white-space:nowrap}form.inline{display:inline}
p.cases a{white-space:nowrap}
.muted{color:#7b8794;font-size:.85rem}input,button,select,textarea{font:inherit;padding:.3rem .5rem}td.below,td.within{white-space:nowrap}
svg.chart{background:#fff;border:1px solid #d9e2ec}
code.password{font-size:1.1rem;background:#fff;border:1px solid #d9e2ec;padding:.1rem .4rem}
tfoot td{background:#f8fafc;font-weight:600}.tools{margin:.4rem 0;font-size:.9rem}.tools a,.tools span{margin-right:.8rem}
form.filters select{max-width:14rem}
section.signal{background:#fff;border:1px solid #d9e2ec;border-left-width:6px;border-radius:6px;padding:.4rem 1rem .8rem;margin:1rem 0}
section.signal h3{margin:.4rem 0}.evidence{display:inline-block;border:1px solid #52606d;border-radius:3px;padding:0 .4rem;font-size:.85rem;margin-left:.6rem}
section.evidence-weak{border-left-style:dotted}section.evidence-moderate{border-left-style:dashed}section.evidence-strong{border-left-style:solid;border-left-color:#52606d}
.unusual{font-weight:600}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1.2rem;background:#fff;border:1px solid #d9e2ec;padding:.6rem .8rem;max-width:50rem}dt{color:#52606d}dd{margin:0}
@media print{header,form,.tools{display:none}body{background:#fff;font-size:10.5pt;color:#000}main{max-width:none;padding:0}
a{color:inherit;text-decoration:none}thead{display:table-header-group}tr{page-break-inside:avoid}.card{border-color:#999}
svg.chart{border:none}h2{page-break-after:avoid}}";

/// The font every page uses, served from the binary (see `assets/make-font.py` and
/// `assets/OFL.txt`): pages read the same on a PC without Chinese fonts.
pub(crate) const FONT: &[u8] = include_bytes!("../../assets/noto-sans-sc.woff2");

/// A whole page: title, navigation (given when signed in), body.
pub(crate) fn page(lang: Lang, title: &str, nav: Option<Markup>, body: Markup) -> Markup {
    let (code, brand) = match lang {
        Lang::Zh => ("zh-CN", "审管"),
        Lang::En => ("en", "shenguan"),
    };
    html! {
        (DOCTYPE)
        html lang=(code) {
            head {
                meta charset="utf-8";
                title { (title) " · " (brand) }
                meta name="viewport" content="width=device-width,initial-scale=1";
                link rel="icon" href="data:,";
                link rel="stylesheet" href="/assets/style.css";
            }
            body {
                header { strong { "审管 shenguan" } @if let Some(nav) = nav { (nav) } }
                main { (body) }
            }
        }
    }
}

/// An SVG chart drawn by the report writer's chart module, which escapes every text it places.
pub(crate) fn chart(chart: &shenguan_app::report::document::Chart) -> Markup {
    PreEscaped(shenguan_app::report::document::chart_svg(chart))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_become_markup() {
        assert_eq!(
            encode("（2024）湘1402民初1号"),
            "%EF%BC%882024%EF%BC%89%E6%B9%981402%E6%B0%91%E5%88%9D1%E5%8F%B7"
        );
        let html = page(Lang::Zh, "<b>", None, html! { p { "<script>" } }).into_string();
        assert!(!html.contains("<b>") && html.contains("&lt;b&gt;"));
        assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"));
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "nothing from outside"
        );
    }
}
