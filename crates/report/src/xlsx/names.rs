//! Sheet names and column widths: fitting free text into Excel's rules for both.

use crate::escape::clean;

/// Excel's longest sheet name, in UTF-16 code units.
const MAX_SHEET_NAME: usize = 31;

/// The sheet names handed out so far, so that each new one is unique. Excel compares names
/// without regard to case, and reserves "History" for its change log.
#[derive(Debug)]
pub(super) struct SheetNames {
    taken: Vec<String>,
}

impl SheetNames {
    pub(super) fn new() -> SheetNames {
        SheetNames {
            taken: vec!["history".to_string()],
        }
    }

    /// A valid, unused sheet name made from `wanted`, or from `fallback` when nothing of
    /// `wanted` survives; a name already in use gets "(2)", "(3)", … within the 31 units.
    pub(super) fn claim(&mut self, wanted: &str, fallback: &str) -> String {
        let mut base = sanitise(wanted);
        if base.is_empty() {
            base = sanitise(fallback);
        }
        if base.is_empty() {
            base = "Sheet".to_string();
        }
        let mut name = truncate(&base, MAX_SHEET_NAME);
        let mut number = 2;
        while self.is_taken(&name) {
            let suffix = format!("({number})");
            let room = MAX_SHEET_NAME - suffix.len();
            name = format!("{}{suffix}", truncate(&base, room));
            number += 1;
        }
        self.taken.push(name.to_lowercase());
        name
    }

    fn is_taken(&self, name: &str) -> bool {
        let lower = name.to_lowercase();
        self.taken.contains(&lower)
    }
}

/// `text` without the characters a sheet name may not hold: []:*?/\ become "_", control
/// characters go, and apostrophes may not open or close it.
fn sanitise(text: &str) -> String {
    let replaced: String = clean(text)
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c => c,
        })
        .collect();
    replaced.trim().trim_matches('\'').trim().to_string()
}

/// The longest prefix of `text` within `limit` UTF-16 units, without a closing apostrophe
/// or space the cut may have exposed.
fn truncate(text: &str, limit: usize) -> String {
    let mut units = 0;
    let mut out = String::new();
    for c in text.chars() {
        units += c.len_utf16();
        if units > limit {
            break;
        }
        out.push(c);
    }
    out.trim_end().trim_end_matches('\'').to_string()
}

/// The width of `text` in Excel column units: about one per Latin character and two per
/// Chinese character, measured on the longest line.
pub(super) fn text_width(text: &str) -> usize {
    text.lines()
        .map(crate::width::display_width)
        .max()
        .unwrap_or(0)
}

/// A column width that shows `content_width` units with a little air, within sane bounds.
pub(super) fn column_width(content_width: usize) -> f64 {
    (content_width + 2).clamp(6, 60) as f64
}

#[cfg(test)]
mod tests {
    use super::SheetNames;

    fn check(names: &mut SheetNames, wanted: &str, expected: &str) {
        assert_eq!(names.claim(wanted, "表"), expected, "{wanted:?}");
    }

    #[test]
    fn sheet_names_follow_excel_rules() {
        let mut names = SheetNames::new();
        check(&mut names, "表1：各院结案率", "表1：各院结案率");
        check(&mut names, "表1：各院结案率", "表1：各院结案率(2)");
        check(&mut names, "a/b\\c[d]e:f*g?h", "a_b_c_d_e_f_g_h");
        check(&mut names, "'quoted'", "quoted");
        check(&mut names, "QUOTED", "QUOTED(2)");
        check(&mut names, "History", "History(2)");
        check(&mut names, "\u{1}\u{2}", "表");
        let long = "近十二个月各基层人民法院一审民商事案件平均审理天数及同比变化情况";
        let first = names.claim(long, "表");
        let second = names.claim(long, "表");
        assert_eq!(first.encode_utf16().count(), 31);
        assert!(second.ends_with("(2)") && second.encode_utf16().count() <= 31);
        assert_ne!(first, second);
    }
}
