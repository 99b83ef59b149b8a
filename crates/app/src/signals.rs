//! 消极执行 signals: the enforcement cases a supervisor should look at, each list with its
//! threshold from the configuration — no measure for 30/60/90 days (`idle_enforcement`), no
//! online inquiry within days of filing, money received and not paid out, past the limit without
//! an approved extension, and 终本 closings that fail the checklist. Held to the user's scope.
//! The readings are in docs/enforcement.md ("Signals of passive enforcement").

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use shenguan_domain::zhongben::{self, Checklist, Condition, Verdict};
use shenguan_domain::{CaseRecord, Category, EventKind, Money, Text, text, undisbursed};
use shenguan_metrics::Filter;
use shenguan_store::CaseQuery;

use crate::accounts::User;
use crate::zhongben::is_zhongben;
use crate::{App, AppError, Store};

/// Which signal a list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Signal {
    /// 未及时网络查控: pending, filed more than the configured days ago, no online inquiry.
    NoInquiry,
    /// 执行款未及时发放: money received and not paid out for more than the configured days.
    Undisbursed,
    /// 超期未延长: pending past the limit with no approved extension.
    OverLimit,
    /// 终本不合规: closed by 终本 in the period and not compliant on the checklist.
    Zhongben,
    /// 终本后财产查询: closed by 终本 within five years and not restored, the next six-monthly
    /// re-query due within [`REQUERY_NOTICE_DAYS`] or overdue.
    Requery,
}

/// How many days ahead a re-query shows as due.
pub const REQUERY_NOTICE_DAYS: i64 = 30;

impl Signal {
    pub const ALL: [Signal; 5] = [
        Signal::NoInquiry,
        Signal::Undisbursed,
        Signal::OverLimit,
        Signal::Zhongben,
        Signal::Requery,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Signal::NoInquiry => "no_inquiry",
            Signal::Undisbursed => "undisbursed",
            Signal::OverLimit => "over_limit",
            Signal::Zhongben => "zhongben",
            Signal::Requery => "requery",
        }
    }

    pub fn parse(text: &str) -> Option<Signal> {
        Signal::ALL.into_iter().find(|s| s.key() == text.trim())
    }

    pub fn label(self) -> Text {
        match self {
            Signal::NoInquiry => text!("未及时网络查控", "no online inquiry in time"),
            Signal::Undisbursed => text!("执行款未及时发放", "money not paid out in time"),
            Signal::OverLimit => text!("超执行期限未延长", "past the limit without an extension"),
            Signal::Zhongben => text!("终本不合规", "终本 closings that fail the checklist"),
            Signal::Requery => text!("终本后财产查询到期", "re-queries after 终本 due"),
        }
    }
}

/// A case a signal lists, with how long and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignalCase {
    pub case: CaseRecord,
    /// The day the count runs from: filing, the oldest money waiting, the deadline, the closing.
    pub since: NaiveDate,
    /// Days from `since` to today (for 终本, from filing to closing).
    pub days: i64,
    /// What the signal found: "未发放 1200.00 元", the unmet conditions.
    pub detail: Text,
}

impl App {
    /// The cases `signal` lists for `user`, narrowed by `filter`, most days first; 终本 closings
    /// between `from` and `to`.
    pub fn enforcement_signal(
        &self,
        store: &mut Store,
        user: &User,
        mut filter: Filter,
        signal: Signal,
        (from, to): (NaiveDate, NaiveDate),
    ) -> Result<Vec<SignalCase>, AppError> {
        let today = self.today();
        let enforcement = |c: &CaseRecord| c.case_no.category() == Some(Category::Enforcement);
        let config = self.config();
        let mut found: Vec<SignalCase> = match signal {
            Signal::NoInquiry => {
                let pending: Vec<CaseRecord> = self
                    .pending_today(store, user, &mut filter)?
                    .into_iter()
                    .filter(|c| enforcement(c) && c.case_no.case_type().is_some_and(|t| matches!(t.code, "执" | "执恢")))
                    .collect();
                let inquired: HashSet<String> = store
                    .inner
                    .events(&CaseQuery {
                        court: filter.court,
                        from: Some(today),
                        to: Some(today),
                    })?
                    .into_iter()
                    .filter(|e| e.kind == EventKind::OnlineInquiry && e.date <= today)
                    .map(|e| e.case_no.to_string())
                    .collect();
                let limit = i64::from(config.inquiry_days);
                pending
                    .into_iter()
                    .filter(|c| !inquired.contains(&c.case_no.to_string()))
                    .filter_map(|case| {
                        let days = (today - case.filed_on).num_days();
                        (days > limit).then(|| SignalCase {
                            since: case.filed_on,
                            days,
                            detail: text!(
                                "立案{days}日未网络查控（应于{limit}日内）",
                                "{days} days since filing without an online inquiry (due within {limit})"
                            ),
                            case,
                        })
                    })
                    .collect()
            }
            Signal::Undisbursed => {
                // Money can wait on a case closed since: the cases of the last two years.
                let earliest = today - chrono::Days::new(731);
                let cases: Vec<CaseRecord> = self
                    .cases_between(store, user, &mut filter, earliest, today)?
                    .into_iter()
                    .filter(enforcement)
                    .collect();
                let mut payments: HashMap<String, Vec<shenguan_domain::Payment>> = HashMap::new();
                for payment in store.inner.payments_of(&CaseQuery {
                    court: filter.court,
                    from: Some(earliest),
                    to: Some(today),
                })? {
                    payments.entry(payment.case_no.to_string()).or_default().push(payment);
                }
                let limit = i64::from(config.disbursement_days);
                cases
                    .into_iter()
                    .filter_map(|case| {
                        let own = payments.get(&case.case_no.to_string())?;
                        let (waiting, oldest) = undisbursed(own, today);
                        let days = oldest?;
                        (days > limit && waiting > Money::from_fen(0)).then(|| SignalCase {
                            since: today - chrono::Days::new(days.unsigned_abs()),
                            days,
                            detail: text!(
                                "未发放{waiting}元，最早一笔到账{days}日（应于{limit}日内发放）",
                                "{waiting} yuan not paid out, the oldest received {days} days ago (due within {limit})"
                            ),
                            case,
                        })
                    })
                    .collect()
            }
            Signal::OverLimit => self
                .pending_today(store, user, &mut filter)?
                .into_iter()
                .filter(|c| enforcement(c) && c.extensions.is_empty())
                .filter_map(|case| {
                    let deadline = self.case_deadline(&case)?;
                    let days = (today - deadline).num_days();
                    (days > 0).then(|| SignalCase {
                        since: deadline,
                        days,
                        detail: text!(
                            "执行期限{deadline}届满，已超{days}日，未经批准延长",
                            "the limit ran out on {deadline}, {days} days ago, with no approved extension"
                        ),
                        case,
                    })
                })
                .collect(),
            Signal::Requery => self.requeries_due(store, user, &mut filter)?,
            Signal::Zhongben => {
                let closed: Vec<CaseRecord> = self
                    .cases_between(store, user, &mut filter, from, to)?
                    .into_iter()
                    .filter(|c| is_zhongben(c) && c.closed_on.is_some_and(|d| (from..=to).contains(&d)))
                    .collect();
                let mut events: HashMap<String, Vec<(EventKind, NaiveDate)>> = HashMap::new();
                for event in store.inner.events(&CaseQuery {
                    court: filter.court,
                    from: Some(from),
                    to: Some(to),
                })? {
                    events
                        .entry(event.case_no.to_string())
                        .or_default()
                        .push((event.kind, event.date));
                }
                let findings: HashMap<String, bool> =
                    store.inner.zhongben_findings()?.into_iter().collect();
                closed
                    .into_iter()
                    .filter_map(|case| {
                        let number = case.case_no.to_string();
                        let closed_on = case.closed_on?;
                        let list = Checklist::of(
                            case.filed_on,
                            closed_on,
                            events.get(&number).map_or(&[][..], Vec::as_slice),
                            config.checklist,
                            findings.get(&number).copied(),
                        );
                        (list.verdict == Verdict::NotCompliant).then(|| {
                            let unmet: Vec<Text> =
                                list.unmet().into_iter().map(Condition::label).collect();
                            let detail = if unmet.is_empty() {
                                text!("评查认定不合格", "found not compliant on review")
                            } else {
                                let zh: Vec<&str> = unmet.iter().map(Text::zh).collect();
                                let en: Vec<&str> = unmet.iter().map(Text::en).collect();
                                let (zh, en) = (zh.join("；"), en.join("; "));
                                text!("不符合：{zh}", "not met: {en}")
                            };
                            SignalCase {
                                since: closed_on,
                                days: (closed_on - case.filed_on).num_days(),
                                detail,
                                case,
                            }
                        })
                    })
                    .collect()
            }
        };
        found.sort_by(|a, b| {
            (b.days, a.case.case_no.to_string()).cmp(&(a.days, b.case.case_no.to_string()))
        });
        Ok(found)
    }
}

impl App {
    /// The 终本 cases of the last five years, not restored (no 执恢 case continues them), whose
    /// next re-query is due within [`REQUERY_NOTICE_DAYS`] or overdue; `days` is how far past
    /// its date (negative: days left).
    fn requeries_due(
        &self,
        store: &mut Store,
        user: &User,
        filter: &mut Filter,
    ) -> Result<Vec<SignalCase>, AppError> {
        let today = self.today();
        let since = today
            .checked_sub_months(chrono::Months::new(zhongben::REQUERY_YEARS * 12))
            .unwrap_or(today);
        let cases = self.cases_between(store, user, filter, since, today)?;
        // Restored (执恢) is asked of the whole store: the 执恢 case may lie outside the user's
        // list (another judge or division, or filed after the period).
        let zhongben_numbers: Vec<String> = cases
            .iter()
            .filter(|c| is_zhongben(c))
            .map(|c| c.case_no.to_string())
            .collect();
        let restored: HashSet<String> = store
            .inner
            .continuing_of(&zhongben_numbers)?
            .into_iter()
            .filter(|(child, _)| {
                shenguan_domain::CaseNumber::parse(child, i32::MAX)
                    .ok()
                    .and_then(|n| n.case_type())
                    .is_some_and(|t| t.code == "执恢")
            })
            .map(|(_, origin)| origin)
            .collect();
        let mut queried: HashMap<String, Vec<NaiveDate>> = HashMap::new();
        for event in store.inner.events(&CaseQuery {
            court: filter.court,
            from: Some(since),
            to: Some(today),
        })? {
            if event.kind == EventKind::PostTerminationInquiry {
                queried
                    .entry(event.case_no.to_string())
                    .or_default()
                    .push(event.date);
            }
        }
        Ok(cases
            .into_iter()
            .filter(|c| is_zhongben(c) && !restored.contains(&c.case_no.to_string()))
            .filter_map(|case| {
                let closed_on = case.closed_on.filter(|d| *d >= since && *d <= today)?;
                let number = case.case_no.to_string();
                let schedule = zhongben::requery(
                    closed_on,
                    queried.get(&number).map_or(&[][..], Vec::as_slice),
                    today,
                );
                let due = schedule.next_due?;
                let days = (today - due).num_days();
                (days >= -REQUERY_NOTICE_DAYS).then(|| {
                    let last = schedule
                        .last
                        .map_or_else(|| "—".to_string(), |d| d.to_string());
                    let detail = if days > 0 {
                        text!(
                            "最近一次查询{last}，应于{due}前查询，已逾期{days}日",
                            "last queried {last}; due by {due}, {days} days late"
                        )
                    } else {
                        let left = -days;
                        text!(
                            "最近一次查询{last}，应于{due}前查询，尚余{left}日",
                            "last queried {last}; due by {due}, {left} days left"
                        )
                    };
                    SignalCase {
                        case,
                        since: due,
                        days,
                        detail,
                    }
                })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests;
