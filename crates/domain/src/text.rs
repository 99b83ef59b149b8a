//! What the program tells people, in the two languages it speaks: a [`Text`] holds a message in
//! Chinese and in English, and whoever shows it picks one [`Lang`] — the page's switch, the
//! request's `Accept-Language`, the command line's locale. A message is never shown with both
//! languages glued together. It lives here, at the bottom of the crates, so that every layer's
//! errors can say what went wrong in both languages without knowing who will read them.

/// The language a person reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Chinese, the language of the courts and the default everywhere.
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The language an HTTP `Accept-Language` header asks for: the first language this program
    /// speaks, by quality (`q=`) and then by the order written; Chinese when it names neither
    /// (or is empty, or unreadable).
    pub fn from_accept_language(header: &str) -> Lang {
        let mut wanted: Vec<(u16, Lang)> = header
            .split(',')
            .filter_map(|item| {
                let mut parts = item.split(';');
                let tag = parts.next()?.trim();
                let quality = parts
                    .filter_map(|p| p.trim().strip_prefix("q="))
                    .next()
                    .map_or(Some(1000), quality_of)?;
                let primary = tag.split(['-', '_']).next().unwrap_or("");
                let lang = Lang::from_code(primary)?;
                (quality > 0).then_some((quality, lang))
            })
            .collect();
        // A stable sort keeps the written order among equal qualities.
        wanted.sort_by_key(|(quality, _)| std::cmp::Reverse(*quality));
        wanted.first().map_or(Lang::Zh, |(_, lang)| *lang)
    }

    /// The language of the command line, as a locale names it: `SHENGUAN_LANG` (this program's
    /// own setting) first, then `LC_ALL`, `LC_MESSAGES` and `LANG`, the first one set; English
    /// when its value begins with `en` (`en_US.UTF-8`), else Chinese.
    pub fn from_locale(env: &dyn Fn(&str) -> Option<String>) -> Lang {
        let value = ["SHENGUAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(env)
            .find(|v| !v.trim().is_empty())
            .unwrap_or_default();
        if value.trim().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// [`Lang::from_locale`] of this process's environment. (The rest of this crate reads no
    /// environment; this is the one convenience the command line needs, kept beside the rule.)
    pub fn from_locale_env() -> Lang {
        Lang::from_locale(&|name| std::env::var(name).ok())
    }

    /// The language of a short code: `zh` or `en` (any case), as a cookie or a switch writes it.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The short code: `zh` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Of two texts, the one in this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A quality value `0` to `1` with up to three decimals, in thousandths; `None` when unreadable
/// (the language it belongs to is then left out).
fn quality_of(text: &str) -> Option<u16> {
    let value: f64 = text.trim().parse().ok()?;
    (0.0..=1.0)
        .contains(&value)
        .then(|| (value * 1000.0).round() as u16)
}

/// A message in Chinese and in English. It has no `Display`, on purpose: whoever shows it says
/// in which language ([`Text::get`]), so that no message goes out in the wrong one by default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Text {
    zh: String,
    en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// A text that reads the same in both languages: a path, a code, a value as given, or a
    /// message of a library that speaks one language only.
    pub fn same(text: impl Into<String>) -> Text {
        let text = text.into();
        Text {
            zh: text.clone(),
            en: text,
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    pub fn zh(&self) -> &str {
        &self.zh
    }

    pub fn en(&self) -> &str {
        &self.en
    }

    /// Each language's text passed through `change` (a temporary path replaced by the name the
    /// user gave, say).
    pub fn map(&self, change: impl Fn(&str) -> String) -> Text {
        Text {
            zh: change(&self.zh),
            en: change(&self.en),
        }
    }

    /// Each language's text passed through `change` with the language it is in: to put a text
    /// inside another sentence, say.
    pub fn map_lang(&self, change: impl Fn(Lang, &str) -> String) -> Text {
        Text {
            zh: change(Lang::Zh, &self.zh),
            en: change(Lang::En, &self.en),
        }
    }
}

/// A [`Text`] from a Chinese and an English format string, each formatted with the same
/// arguments: the variables they name (`text!("没有用户“{name}”", "no user named {name}")`), or
/// arguments given after both, which each must use (`text!("共{}件", "{} cases", n)`). The
/// arguments are evaluated once per language: pass values, not calls with effects.
#[macro_export]
macro_rules! text {
    ($zh:literal, $en:literal $(,)?) => {
        $crate::text::Text::new(format!($zh), format!($en))
    };
    ($zh:literal, $en:literal, $($args:tt)+) => {
        $crate::text::Text::new(format!($zh, $($args)+), format!($en, $($args)+))
    };
}

/// The separators of a list written in one cell or field, as court systems write lists:
/// 、 ， , ； ;.
pub const LIST_SEPARATORS: [char; 5] = ['、', '，', ',', '；', ';'];

/// The items of a list written in one cell or field, each trimmed, empty places kept (a list of
/// identity numbers leaves a place empty for a person who gave none); nothing for a blank text.
pub fn list_items(text: &str) -> Vec<&str> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    text.split(LIST_SEPARATORS).map(str::trim).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_takes_the_first_spoken_language_by_quality_then_order() {
        let cases = [
            ("", Lang::Zh),
            ("en", Lang::En),
            ("en-US,en;q=0.9", Lang::En),
            ("zh-CN,zh;q=0.9,en;q=0.8", Lang::Zh),
            ("fr-FR,en;q=0.5,zh;q=0.4", Lang::En),
            ("zh;q=0.3, EN-gb;q=0.7", Lang::En),
            ("de, fr", Lang::Zh),
            ("*", Lang::Zh),
            ("en;q=0, zh;q=0.1", Lang::Zh),
            ("en;q=banana", Lang::Zh),
            ("en;q=0.5, zh;q=0.5", Lang::En),
            ("zh_TW", Lang::Zh),
        ];
        for (header, expected) in cases {
            assert_eq!(Lang::from_accept_language(header), expected, "{header:?}");
        }
    }

    #[test]
    fn the_locale_is_read_in_the_order_of_its_variables() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_locale(&env(&[])), Lang::Zh);
        assert_eq!(
            Lang::from_locale(&env(&[("LANG", "en_US.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale(&env(&[("LANG", "zh_CN.UTF-8")])),
            Lang::Zh
        );
        assert_eq!(Lang::from_locale(&env(&[("LANG", "C.UTF-8")])), Lang::Zh);
        assert_eq!(
            Lang::from_locale(&env(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_GB")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale(&env(&[("LC_MESSAGES", "en_US"), ("LANG", "zh_CN")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale(&env(&[("SHENGUAN_LANG", "zh"), ("LC_ALL", "en_US")])),
            Lang::Zh
        );
        // An empty variable is as good as unset (`LC_ALL=` is common).
        assert_eq!(
            Lang::from_locale(&env(&[("LC_ALL", ""), ("LANG", "en_US")])),
            Lang::En
        );
    }

    #[test]
    fn the_macro_formats_each_language_with_the_same_values() {
        let name = "张三";
        let n = 3;
        let t = text!("没有用户“{name}”", "no user named {name}");
        assert_eq!(t.get(Lang::Zh), "没有用户“张三”");
        assert_eq!(t.get(Lang::En), "no user named 张三");
        let t = text!("共{}件", "{} cases", n);
        assert_eq!((t.zh(), t.en()), ("共3件", "3 cases"));
        let t = text!("{n}行，{}", "{n} rows, {}", name);
        assert_eq!((t.zh(), t.en()), ("3行，张三", "3 rows, 张三"));
        assert_eq!(Text::same("a.csv").get(Lang::En), "a.csv");
    }
}
