//! The law's timing of service: how long an announcement runs before the document is deemed
//! served, which of those days leave the time limit, and the days an entrusted court has.
//!
//! - 公告送达, domestic: 民事诉讼法 (2017) 第92条, sixty days; 民事诉讼法 (2021年修正, in force
//!   2022-01-01) 第95条, thirty days — "自发出公告之日起，经过三十日，即视为送达".
//! - 公告送达 to a party without a domicile in China: 民事诉讼法 (2017) 第274条, three months;
//!   民事诉讼法 (2023年修正, in force 2024-01-01) 第283条, sixty days.
//! - The announcement's period is not counted in the time limit of a civil case (民事诉讼法解释
//!   第243条 and 最高人民法院关于严格执行案件审理期限制度的若干规定 第9条) nor of an administrative
//!   one (行政诉讼法解释 by reference to the same provisions); criminal procedure has no
//!   announcement and enforcement deducts on its own list, so neither is moved (a reading,
//!   `docs/service.md`).
//! - 委托送达: the entrusted court serves within ten days of receiving the request (民事诉讼法解释
//!   第134条). The day the other court received it is seldom recorded: the days run from the day
//!   the request was sent (a reading).
//!
//! Which law applies is chosen by the day the announcement was published; a deployment may set
//! the current periods to another reading (`[service]` in the configuration).

use chrono::{Days, NaiveDate};

use crate::limit_change::{Exclusion, ExclusionGround};
use crate::period::Period;
use crate::{Category, Text, text};

/// The day the 2021 amendment's thirty days took over from sixty.
pub const DOMESTIC_SINCE: NaiveDate = match NaiveDate::from_ymd_opt(2022, 1, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};

/// The day the 2023 amendment's sixty days took over from three months.
pub const FOREIGN_SINCE: NaiveDate = match NaiveDate::from_ymd_opt(2024, 1, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};

/// The periods a deployment counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServiceRules {
    /// 公告 to a domestic party published on or after [`DOMESTIC_SINCE`] (30 days).
    pub notice_days: u32,
    /// 公告 to a party without a domicile in China published on or after [`FOREIGN_SINCE`]
    /// (60 days).
    pub foreign_notice_days: u32,
    /// The days an entrusted court has to serve (10).
    pub entrusted_days: u32,
}

impl Default for ServiceRules {
    fn default() -> ServiceRules {
        ServiceRules {
            notice_days: 30,
            foreign_notice_days: 60,
            entrusted_days: 10,
        }
    }
}

/// The announcement period the law gives a notice published on `published`, with the article
/// that sets it.
pub fn notice_period(rules: &ServiceRules, published: NaiveDate, foreign: bool) -> (Period, Text) {
    match (foreign, published) {
        (false, on) if on >= DOMESTIC_SINCE => (
            Period::Days(rules.notice_days),
            text!(
                "民事诉讼法第95条（2022年1月1日起）",
                "Civil Procedure Law Art. 95 (from 1 January 2022)"
            ),
        ),
        (false, _) => (
            Period::Days(60),
            text!(
                "民事诉讼法（2017年）第92条",
                "Civil Procedure Law (2017) Art. 92"
            ),
        ),
        (true, on) if on >= FOREIGN_SINCE => (
            Period::Days(rules.foreign_notice_days),
            text!(
                "民事诉讼法第283条（2024年1月1日起，涉外）",
                "Civil Procedure Law Art. 283 (foreign-related, from 1 January 2024)"
            ),
        ),
        (true, _) => (
            Period::Months(3),
            text!(
                "民事诉讼法（2017年）第274条（涉外）",
                "Civil Procedure Law (2017) Art. 274 (foreign-related)"
            ),
        ),
    }
}

/// The day an announcement published on `published` is deemed served: its period run, the
/// publication day not counted. `None` past the calendar's range.
pub fn deemed_served(
    rules: &ServiceRules,
    published: NaiveDate,
    foreign: bool,
) -> Option<NaiveDate> {
    let (period, _) = notice_period(rules, published, foreign);
    period.end_after(published).map(|end| end.date)
}

/// Whether the announcement period leaves the time limit of a case of `category`.
pub fn notice_leaves_the_limit(category: Option<Category>) -> bool {
    matches!(category, Some(Category::Civil | Category::Administrative))
}

/// The excluded period (扣除审限) an announcement published on `published` gives a case of
/// `category` closed on `closed_on` (if it is): the days of its period, from the day after
/// publication, cut at the closing day (a case withdrawn while its announcement ran did not wait
/// past its end); `None` for a case whose limit it does not move — of another category, or closed
/// by the day of publication (a judgment announced to an absent party is served after the trial,
/// and its period is no part of the trial days).
pub fn notice_exclusion(
    rules: &ServiceRules,
    category: Option<Category>,
    closed_on: Option<NaiveDate>,
    published: NaiveDate,
    foreign: bool,
) -> Option<Exclusion> {
    if !notice_leaves_the_limit(category) || closed_on.is_some_and(|closed| closed <= published) {
        return None;
    }
    let served = deemed_served(rules, published, foreign)?;
    let end = closed_on.map_or(served, |closed| closed.min(served));
    let days = u32::try_from((end - published).num_days()).ok()?;
    Some(Exclusion {
        ground: ExclusionGround::Notice,
        from: published.checked_add_days(Days::new(1)),
        days,
    })
}

/// The day an entrusted court's service falls due, for a request sent on `sent`.
pub fn entrusted_due(rules: &ServiceRules, sent: NaiveDate) -> Option<NaiveDate> {
    sent.checked_add_days(Days::new(u64::from(rules.entrusted_days)))
}
