//! Which courts a figure or a list is about (统计范围): one court's own cases, or a court and every
//! court below it. `--court 湘14` means the intermediate court's own cases; `--court 湘14
//! --with-lower` means it and the basic courts under it; no court at all means the whole network
//! (全市法院). A court and the courts below it share its code as a prefix (湘14 → 湘1402 …).

use std::fmt;

use crate::court::{CourtCode, CourtLevel};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CourtScope {
    pub court: CourtCode,
    /// The courts below `court` count too.
    pub with_lower: bool,
}

impl CourtScope {
    /// The court's own cases.
    pub fn alone(court: CourtCode) -> CourtScope {
        CourtScope {
            court,
            with_lower: false,
        }
    }

    /// The court and every court below it.
    pub fn with_lower(court: CourtCode) -> CourtScope {
        CourtScope {
            court,
            with_lower: true,
        }
    }

    /// Whether the cases of `court` are in the scope.
    pub fn covers(&self, court: CourtCode) -> bool {
        if self.with_lower {
            court.to_string().starts_with(&self.court.to_string())
        } else {
            court == self.court
        }
    }

    /// Whether the scope holds one court only: the court alone, or a basic court, which has no
    /// court below it.
    pub fn is_one_court(&self) -> bool {
        !self.with_lower || self.court.level() == CourtLevel::Basic
    }
}

impl fmt::Display for CourtScope {
    /// "湘14" alone, "湘14及辖区法院" with the courts below it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_one_court() {
            write!(f, "{}", self.court)
        } else {
            write!(f, "{}及辖区法院", self.court)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> CourtCode {
        CourtCode::parse(text).expect("court code")
    }

    #[test]
    fn a_court_alone_is_its_own_cases_and_with_lower_adds_the_courts_below() {
        let city = code("湘14");
        let alone = CourtScope::alone(city);
        assert!(alone.covers(city));
        assert!(!alone.covers(code("湘1402")));
        let network = CourtScope::with_lower(city);
        assert!(network.covers(city));
        assert!(network.covers(code("湘1402")));
        assert!(!network.covers(code("湘15")));
        assert!(!network.covers(code("湘1502")));
        assert_eq!(alone.to_string(), "湘14");
        assert_eq!(network.to_string(), "湘14及辖区法院");
        // A basic court has no court below it: with or without, the same one court.
        let basic = CourtScope::with_lower(code("湘1402"));
        assert!(basic.is_one_court());
        assert_eq!(basic.to_string(), "湘1402");
        assert!(!network.is_one_court());
    }
}
