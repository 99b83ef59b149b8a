//! Service of process (送达) beside the cases: for each case, its tasks (one document to one
//! recipient) with what they came to, and its mailed attempts with their postal result — few
//! rows per case, kept apart and found by a flag, so that the counters read them as flows of the
//! case (its court, division, judge and type) dated by the task's creation, its service or the
//! day an item was mailed.
//!
//! The caller works out what a task came to as the records stand (the domain's `task_outcome`
//! over every attempt, an electronic service judged by the consents of its dispute) and hands
//! the days; the counters then read a task as it stood at the end of the period asked: served
//! when its day of service is on or before that end, so that an announcement counts once its
//! period has run and a past year's figures do not move with later services. A month of a
//! figure grouped by month reads the same end (the period's, not the month's).
//!
//! Levels (docs/indicators.md, 送达): a task is a document × a recipient (送达成功率, 一次送达成功率,
//! 电子送达率, 平均送达时长, 无同意电子送达); a mailed attempt is an item (妥投率, 拒收率, 地址不详率);
//! 公告送达率 is rolled up to cases — a case whose first task was made in the period, and whether
//! any of its tasks went to an announcement.

use chrono::{Datelike, NaiveDate};
use shenguan_domain::service::consent::Validity;
use shenguan_domain::service::outcome::task_outcome;
use shenguan_domain::service::{Attempt, Failure, Method, Outcome};
use shenguan_domain::{Text, text};

use crate::cases::NO_DAY;

/// What a service task came to, as the caller hands it to [`crate::CasesBuilder`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServiceMark {
    /// The day the task was made.
    pub created: NaiveDate,
    /// The day its document was served by an attempt that counts (an electronic one only with
    /// a valid consent): the earliest such, as the records stand.
    pub served: Option<NaiveDate>,
    /// The attempt that served it was the task's first.
    pub first_attempt: bool,
    /// The attempt that served it was electronic (and counts).
    pub electronic: bool,
    /// The day an electronic attempt was recorded as served that does not count (no consent on
    /// record, a consent that leaves out judgments, a judgment before 2022): flagged.
    pub set_aside: Option<NaiveDate>,
    /// The day an announcement (公告) of the task was published, the first if several.
    pub notice: Option<NaiveDate>,
}

impl ServiceMark {
    /// What a task made on `created` came to by its `attempts` (in any order), as the records
    /// stand: the domain's reading of a task (`task_outcome`) over every attempt, `validity`
    /// saying whether an electronic attempt counts (the consents of the task's dispute). The
    /// counters read it at the end of the period asked.
    pub fn of(
        created: NaiveDate,
        attempts: &[Attempt],
        validity: impl Fn(&Attempt) -> Validity,
    ) -> ServiceMark {
        let outcome = task_outcome(attempts, &validity, NaiveDate::MAX);
        let electronic_served = |a: &&Attempt| {
            a.method == Method::Electronic && a.outcome == Outcome::Served && a.served_on.is_some()
        };
        // The first electronic service that does not count, by the day it was recorded served.
        let set_aside = attempts
            .iter()
            .filter(electronic_served)
            .filter(|a| validity(a) != Validity::Valid)
            .filter_map(|a| a.served_on)
            .min();
        let notice = attempts
            .iter()
            .filter(|a| a.method == Method::Notice)
            .map(|a| a.attempted_on)
            .min();
        ServiceMark {
            created,
            served: outcome.served_on,
            first_attempt: outcome.served_on.is_some() && outcome.first_attempt,
            electronic: outcome.served_by == Some(Method::Electronic),
            set_aside,
            notice,
        }
    }
}

/// What a mailed item (邮寄送达) came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostResult {
    /// 妥投: delivered, signed for on the day.
    Delivered(NaiveDate),
    /// 拒收.
    Refused,
    /// 地址不详 (an address incomplete or wrong).
    AddressUnknown,
    /// Returned for another reason (查无此人, 无人签收, 迁移, 退回 …).
    OtherFailure,
    /// Still on its way.
    Waiting,
}

/// One mailed attempt, as the caller hands it to [`crate::CasesBuilder`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PostMark {
    /// The day it was mailed.
    pub mailed: NaiveDate,
    pub result: PostResult,
}

impl PostMark {
    /// A mailed attempt as the postal figures read it; `None` for another method. A return for
    /// an address incomplete or wrong is 地址不详 (the reason 原址查无 included); 查无此人, 无人签收,
    /// 迁移 and the others are other failures.
    pub fn of(attempt: &Attempt) -> Option<PostMark> {
        if attempt.method != Method::Post {
            return None;
        }
        let result = match attempt.outcome {
            Outcome::Served => attempt
                .served_on
                .map_or(PostResult::Waiting, PostResult::Delivered),
            Outcome::Failed => match attempt.failure {
                Some(Failure::Refused) => PostResult::Refused,
                Some(Failure::AddressUnknown) => PostResult::AddressUnknown,
                _ => PostResult::OtherFailure,
            },
            Outcome::Waiting => PostResult::Waiting,
        };
        Some(PostMark {
            mailed: attempt.attempted_on,
            result,
        })
    }
}

/// One bit each of how a task was served.
pub(crate) mod bit {
    pub const FIRST: u8 = 1;
    pub const ELECTRONIC: u8 = 1 << 1;
}

/// A mailed item's result as a byte.
pub(crate) mod post {
    pub const DELIVERED: u8 = 0;
    pub const REFUSED: u8 = 1;
    pub const ADDRESS_UNKNOWN: u8 = 2;
    pub const OTHER_FAILURE: u8 = 3;
    pub const WAITING: u8 = 4;
}

/// The service of the cases: tasks and mailed items, each by case row (ascending; several a
/// row), days as the engine counts them (`NO_DAY` where none).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Service {
    pub(crate) task_rows: Vec<u32>,
    pub(crate) created: Vec<i32>,
    pub(crate) served: Vec<i32>,
    pub(crate) set_aside: Vec<i32>,
    pub(crate) notice: Vec<i32>,
    pub(crate) task_bits: Vec<u8>,
    pub(crate) post_rows: Vec<u32>,
    pub(crate) mailed: Vec<i32>,
    /// The day delivered (妥投), `NO_DAY` for any other result.
    pub(crate) delivered: Vec<i32>,
    pub(crate) result: Vec<u8>,
}

fn day_of(date: Option<NaiveDate>) -> i32 {
    date.map_or(NO_DAY, |d| d.num_days_from_ce())
}

impl Service {
    /// From the marks by row, each list in a fixed order (by row, then by its days), so that
    /// the same records give the same columns whatever order they came in.
    pub(crate) fn build(
        mut tasks: Vec<(u32, ServiceMark)>,
        mut posts: Vec<(u32, PostMark)>,
    ) -> Service {
        let task_key = |(row, m): &(u32, ServiceMark)| {
            (
                *row,
                day_of(Some(m.created)),
                day_of(m.served),
                day_of(m.set_aside),
                day_of(m.notice),
                m.first_attempt,
                m.electronic,
            )
        };
        tasks.sort_by_key(task_key);
        let post_key = |(row, m): &(u32, PostMark)| {
            let (code, on) = code_of(m.result);
            (*row, day_of(Some(m.mailed)), code, on)
        };
        posts.sort_by_key(post_key);
        let mut service = Service::default();
        for (row, mark) in tasks {
            service.task_rows.push(row);
            service.created.push(day_of(Some(mark.created)));
            service.served.push(day_of(mark.served));
            service.set_aside.push(day_of(mark.set_aside));
            service.notice.push(day_of(mark.notice));
            let mut bits = 0;
            if mark.served.is_some() && mark.first_attempt {
                bits |= bit::FIRST;
            }
            if mark.served.is_some() && mark.electronic {
                bits |= bit::ELECTRONIC;
            }
            service.task_bits.push(bits);
        }
        for (row, mark) in posts {
            let (code, on) = code_of(mark.result);
            service.post_rows.push(row);
            service.mailed.push(day_of(Some(mark.mailed)));
            service.delivered.push(on);
            service.result.push(code);
        }
        service
    }

    /// How many tasks.
    pub fn tasks(&self) -> usize {
        self.task_rows.len()
    }

    /// How many mailed items.
    pub fn posts(&self) -> usize {
        self.post_rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.task_rows.is_empty() && self.post_rows.is_empty()
    }

    /// The positions of case `row`'s tasks and of its mailed items.
    #[inline]
    pub(crate) fn of(&self, row: usize) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
        let Ok(row) = u32::try_from(row) else {
            return (0..0, 0..0);
        };
        let range =
            |rows: &[u32]| rows.partition_point(|r| *r < row)..rows.partition_point(|r| *r <= row);
        (range(&self.task_rows), range(&self.post_rows))
    }

    /// Whether case `row` has a task made or served, or an item mailed, within `from..=to`:
    /// every day the counters date its service by.
    #[inline]
    pub(crate) fn touches(&self, row: usize, from: i32, to: i32) -> bool {
        let within = |day: i32| day >= from && day <= to;
        let (tasks, posts) = self.of(row);
        tasks
            .clone()
            .any(|i| within(self.created[i]) || within(self.served[i]))
            || posts.clone().any(|i| within(self.mailed[i]))
    }

    /// The rows that have a task or a mailed item, each once, ascending.
    pub(crate) fn rows(&self) -> Vec<u32> {
        let mut rows: Vec<u32> = self
            .task_rows
            .iter()
            .chain(&self.post_rows)
            .copied()
            .collect();
        rows.sort_unstable();
        rows.dedup();
        rows
    }

    /// Whether the columns agree with each other and with `cases` rows (as a snapshot is
    /// checked): rows ascending and within the cases, days that are dates, known bits and
    /// results.
    pub(crate) fn check(&self, cases: usize) -> Result<(), Text> {
        let n = self.task_rows.len();
        let m = self.post_rows.len();
        if [
            self.created.len(),
            self.served.len(),
            self.set_aside.len(),
            self.notice.len(),
            self.task_bits.len(),
        ]
        .iter()
        .any(|l| *l != n)
            || [self.mailed.len(), self.delivered.len(), self.result.len()]
                .iter()
                .any(|l| *l != m)
        {
            return Err(text!(
                "送达列长度不一致",
                "service columns of different lengths"
            ));
        }
        for rows in [&self.task_rows, &self.post_rows] {
            if rows.windows(2).any(|w| w[0] > w[1])
                || rows.last().is_some_and(|r| *r as usize >= cases)
            {
                return Err(text!("送达案件行号有误", "a served case's row is wrong"));
            }
        }
        let (first, last) = (
            NaiveDate::MIN.num_days_from_ce(),
            NaiveDate::MAX.num_days_from_ce(),
        );
        let date = |d: &i32| (first..=last).contains(d);
        let date_or_none = |d: &i32| *d == NO_DAY || date(d);
        let delivered_agrees = self
            .result
            .iter()
            .zip(&self.delivered)
            .all(|(r, d)| (*r == post::DELIVERED) == (*d != NO_DAY));
        if !self.created.iter().all(date)
            || !self.mailed.iter().all(date)
            || ![&self.served, &self.set_aside, &self.notice, &self.delivered]
                .iter()
                .all(|column| column.iter().all(date_or_none))
            || self
                .task_bits
                .iter()
                .any(|b| *b > bit::FIRST | bit::ELECTRONIC)
            || self.result.iter().any(|r| *r > post::WAITING)
            || !delivered_agrees
        {
            return Err(text!("送达数据超出范围", "a service value out of range"));
        }
        Ok(())
    }
}

/// A result's byte and its day of delivery (`NO_DAY` for any other).
fn code_of(result: PostResult) -> (u8, i32) {
    match result {
        PostResult::Delivered(on) => (post::DELIVERED, on.num_days_from_ce()),
        PostResult::Refused => (post::REFUSED, NO_DAY),
        PostResult::AddressUnknown => (post::ADDRESS_UNKNOWN, NO_DAY),
        PostResult::OtherFailure => (post::OTHER_FAILURE, NO_DAY),
        PostResult::Waiting => (post::WAITING, NO_DAY),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().expect("date")
    }

    fn task(created: &str, served: Option<&str>) -> ServiceMark {
        ServiceMark {
            created: d(created),
            served: served.map(d),
            first_attempt: true,
            electronic: false,
            set_aside: None,
            notice: None,
        }
    }

    #[test]
    fn a_rows_tasks_and_items_are_found_together_in_a_fixed_order() {
        let service = Service::build(
            vec![
                (7, task("2025-03-01", None)),
                (2, task("2025-01-01", Some("2025-01-05"))),
                (7, task("2025-02-01", Some("2025-02-03"))),
            ],
            vec![
                (
                    7,
                    PostMark {
                        mailed: d("2025-02-02"),
                        result: PostResult::Delivered(d("2025-02-03")),
                    },
                ),
                (
                    4,
                    PostMark {
                        mailed: d("2025-01-02"),
                        result: PostResult::Refused,
                    },
                ),
            ],
        );
        assert_eq!(service.task_rows, [2, 7, 7]);
        assert_eq!(service.of(7), (1..3, 1..2));
        assert_eq!(service.of(4), (1..1, 0..1));
        assert_eq!(service.of(3), (1..1, 0..0));
        // Row 7's tasks by the day made: February's first.
        assert_eq!(service.created[1], d("2025-02-01").num_days_from_ce());
        // A first attempt that served nothing is not a first-attempt service.
        assert_eq!(service.task_bits, [bit::FIRST, bit::FIRST, 0]);
        assert_eq!(service.rows(), [2, 4, 7]);
        let day = |t: &str| d(t).num_days_from_ce();
        assert!(service.touches(4, day("2025-01-02"), day("2025-01-02")));
        assert!(!service.touches(4, day("2025-01-03"), day("2025-12-31")));
        assert!(service.touches(2, day("2025-01-05"), day("2025-01-05")));
        assert!(service.check(8).is_ok());
        assert!(service.check(7).is_err(), "row 7 is past seven cases");
    }

    #[test]
    fn damaged_columns_are_refused() {
        let good = Service::build(
            vec![(1, task("2025-01-01", Some("2025-01-02")))],
            vec![(
                1,
                PostMark {
                    mailed: d("2025-01-01"),
                    result: PostResult::Delivered(d("2025-01-02")),
                },
            )],
        );
        assert!(good.check(2).is_ok());
        let mut bad = good.clone();
        bad.task_bits[0] = 0x80;
        assert!(bad.check(2).is_err());
        let mut bad = good.clone();
        bad.result[0] = post::REFUSED;
        assert!(bad.check(2).is_err(), "a refused item has no day delivered");
        let mut bad = good.clone();
        bad.served[0] = i32::MIN;
        assert!(bad.check(2).is_err());
        let mut bad = good.clone();
        bad.notice.pop();
        assert!(bad.check(2).is_err());
        let mut bad = good;
        bad.post_rows[0] = 5;
        assert!(bad.check(2).is_err());
    }
}
