//! Writing HTML safely: every piece of text goes through [`escape`]; markup is only ever the
//! program's own. The page frame (styles inline, no external resource of any kind) and tables.

use super::Lang;

/// Text made safe for HTML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

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
th{background:#eef2f6}table.figures td{text-align:right}table.figures td.g{text-align:left;white-space:nowrap}form.inline{display:inline}
p.cases a{white-space:nowrap}
.muted{color:#7b8794;font-size:.85rem}input,button{font:inherit;padding:.3rem .5rem}
svg.chart{background:#fff;border:1px solid #d9e2ec}
code.password{font-size:1.1rem;background:#fff;border:1px solid #d9e2ec;padding:.1rem .4rem}";

/// The font every page uses, served from the binary (see `assets/make-font.py` and
/// `assets/OFL.txt`): pages read the same on a PC without Chinese fonts.
pub(crate) const FONT: &[u8] = include_bytes!("../../assets/noto-sans-sc.woff2");

/// A whole page: title, navigation (given when signed in), body.
pub(crate) fn page(lang: Lang, title: &str, nav: Option<&str>, body: &str) -> String {
    let (code, brand) = match lang {
        Lang::Zh => ("zh-CN", "审管"),
        Lang::En => ("en", "shenguan"),
    };
    format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\"><title>{} · {brand}</title>\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/assets/style.css\"></head>\
         <body><header><strong>审管 shenguan</strong>{}</header><main>{body}</main></body></html>",
        escape(title),
        nav.unwrap_or_default(),
    )
}

/// A link to sort a table by one of its columns (`sort`), the same column again reversing it.
pub(crate) fn sort_link(
    base: &str,
    label: &str,
    column: usize,
    current: Option<(usize, bool)>,
) -> String {
    let descending = current == Some((column, false));
    let arrow = match current {
        Some((c, false)) if c == column => " ▲",
        Some((c, true)) if c == column => " ▼",
        _ => "",
    };
    let joiner = if base.contains('?') { '&' } else { '?' };
    format!(
        "<a href=\"{}{joiner}sort={column}{}\">{}{arrow}</a>",
        escape(base),
        if descending { "&amp;desc=1" } else { "" },
        escape(label)
    )
}

/// A table: header cells and rows of cells already rendered as HTML.
pub(crate) fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let header: Vec<String> = header.iter().map(|h| escape(h)).collect();
    table_html(&header, rows)
}

/// A table whose header cells are HTML already (sort links).
pub(crate) fn table_html(header: &[String], rows: &[Vec<String>]) -> String {
    let mut out = String::from("<table><thead><tr>");
    for h in header {
        out.push_str(&format!("<th>{h}</th>"));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            out.push_str(&format!("<td>{cell}</td>"));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_become_markup() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(
            encode("（2024）湘1402民初1号"),
            "%EF%BC%882024%EF%BC%89%E6%B9%981402%E6%B0%91%E5%88%9D1%E5%8F%B7"
        );
        let html = page(Lang::Zh, "<b>", None, "");
        assert!(!html.contains("<b>") && html.contains("&lt;b&gt;"));
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "nothing from outside"
        );
    }
}
