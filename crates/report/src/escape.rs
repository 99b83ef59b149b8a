//! Escaping text for XML and HTML: the only way model text reaches any output.
//!
//! XML 1.0 forbids most control characters even when escaped, so they are dropped rather than
//! written; a tab or newline survives (the writers decide what it means).

use std::borrow::Cow;

/// `text` made safe as XML or HTML character data and as a quoted attribute value.
pub(crate) fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_work) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    Cow::Owned(out)
}

/// `text` without the characters XML cannot carry, for libraries that escape by themselves.
pub(crate) fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_xml_char) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|c| is_xml_char(*c)).collect())
    }
}

fn needs_work(c: char) -> bool {
    matches!(c, '&' | '<' | '>' | '"' | '\'') || !is_xml_char(c)
}

/// The XML 1.0 `Char` production (a Rust `char` is never a surrogate).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::{clean, escape};

    #[test]
    fn markup_and_forbidden_characters_never_pass() {
        assert_eq!(escape("结案率"), "结案率");
        assert_eq!(
            escape("a<b & \"c\" 'd' >"),
            "a&lt;b &amp; &quot;c&quot; &#39;d&#39; &gt;"
        );
        assert_eq!(escape("x\u{0}\u{1b}y\tz\u{FFFF}"), "xy\tz");
        assert_eq!(clean("a\u{8}<b"), "a<b");
    }
}
