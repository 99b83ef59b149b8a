//! Time-limit warnings (审限预警): how close a pending case is to its deadline, in the tiers court
//! systems use — past the limit, 5, 15 and 30 days left, two thirds of the limit used.
//!
//! Reading (the tiers are the issue's, the "two thirds" is counted on calendar days from filing to
//! the deadline, which already includes extensions and excluded days): a case is in the most
//! urgent tier it meets.

use chrono::NaiveDate;

/// How urgent a case's deadline is, most urgent first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarningTier {
    /// 已超审限: the deadline has passed.
    Overdue,
    /// 剩余5日内.
    Within5Days,
    /// 剩余15日内.
    Within15Days,
    /// 剩余30日内.
    Within30Days,
    /// 已用审限三分之二.
    TwoThirdsUsed,
}

impl WarningTier {
    pub const ALL: [WarningTier; 5] = [
        WarningTier::Overdue,
        WarningTier::Within5Days,
        WarningTier::Within15Days,
        WarningTier::Within30Days,
        WarningTier::TwoThirdsUsed,
    ];

    pub fn key(self) -> &'static str {
        match self {
            WarningTier::Overdue => "overdue",
            WarningTier::Within5Days => "5_days",
            WarningTier::Within15Days => "15_days",
            WarningTier::Within30Days => "30_days",
            WarningTier::TwoThirdsUsed => "two_thirds",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            WarningTier::Overdue => "已超审限",
            WarningTier::Within5Days => "剩余5日内",
            WarningTier::Within15Days => "剩余15日内",
            WarningTier::Within30Days => "剩余30日内",
            WarningTier::TwoThirdsUsed => "已用审限三分之二",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            WarningTier::Overdue => "past the limit",
            WarningTier::Within5Days => "5 days left",
            WarningTier::Within15Days => "15 days left",
            WarningTier::Within30Days => "30 days left",
            WarningTier::TwoThirdsUsed => "two thirds used",
        }
    }

    pub fn parse(text: &str) -> Option<WarningTier> {
        let text = text.trim();
        WarningTier::ALL
            .into_iter()
            .find(|t| t.key() == text || t.label_zh() == text)
    }
}

/// The tier of a case pending on `today` (None: not urgent yet).
pub fn warning_tier(
    filed: NaiveDate,
    deadline: NaiveDate,
    today: NaiveDate,
) -> Option<WarningTier> {
    let left = (deadline - today).num_days();
    let limit = (deadline - filed).num_days().max(1);
    let used = (today - filed).num_days();
    Some(match left {
        l if l < 0 => WarningTier::Overdue,
        0..=5 => WarningTier::Within5Days,
        6..=15 => WarningTier::Within15Days,
        16..=30 => WarningTier::Within30Days,
        _ if used * 3 >= limit * 2 => WarningTier::TwoThirdsUsed,
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
