//! The stock and flow of cases by court and month — 旧存 at the month's start, 新收 and 结案 in
//! it, 未结 at its end — counted as the engine counts them (a case is pending from the end of its
//! filing day to the end of the day before its closing), with the cases that keep
//! 旧存 + 新收 − 结案 = 未结 from holding: those closed before they were filed. One pass over the
//! columns; what a reconciliation of the figures starts from (docs/reconciliation.md).

use chrono::{Months, NaiveDate};
use shenguan_domain::CourtCode;
use shenguan_domain::period::month_starts;

use crate::cases::{Cases, NO_DAY, day};

/// Stock and flow of one court in one month.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flow {
    /// 旧存: filed before the month, not closed before it.
    pub carried: i64,
    /// 新收: filed in the month.
    pub filed: i64,
    /// 结案: closed in the month.
    pub closed: i64,
    /// 未结: filed by the month's end, not closed by it.
    pub pending: i64,
}

impl Flow {
    /// 旧存 + 新收 − 结案 − 未结: zero when the month balances.
    pub fn imbalance(&self) -> i64 {
        self.carried + self.filed - self.closed - self.pending
    }
}

/// One court's month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CourtMonth {
    pub court: CourtCode,
    /// The month's first day.
    pub month: NaiveDate,
    pub flow: Flow,
    /// Rows of the cases closed before they were filed whose filing or closing falls in the
    /// month: they are counted in 新收 or 结案 and never in a stock, so the month does not
    /// balance by one for each.
    pub unbalanced: Vec<usize>,
}

/// The stock and flow of every court `keep` accepts in each month from `from`'s to `to`'s, in
/// the order of the courts' first appearance in the columns, then by month; a court without a
/// case in any of those months' counts is left out.
pub fn stock_flow(
    cases: &Cases,
    keep: &dyn Fn(CourtCode) -> bool,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<CourtMonth> {
    let firsts = month_starts(from, to);
    let n = firsts.len();
    if n == 0 {
        return Vec::new();
    }
    // Slot 0 is the month before the first: its end is the instant the first month's 旧存 is
    // taken at. Slots 1..=n are the months asked for.
    let mut ends: Vec<i32> = Vec::with_capacity(n + 1);
    ends.push(day(firsts[0]) - 1);
    for first in &firsts {
        let next = first
            .checked_add_months(Months::new(1))
            .map_or(i32::MAX - 1, day);
        ends.push(next - 1);
    }
    let slot_of = |d: i32| ends.partition_point(|&end| end < d);
    let courts = cases.courts();
    let kept: Vec<bool> = courts.iter().map(|c| keep(*c)).collect();
    // Per court: pending differences over slots 0..=n+1, new and closed per slot.
    let width = n + 2;
    let mut pending = vec![0i64; courts.len() * width];
    let mut filed = vec![0i64; courts.len() * width];
    let mut closed = vec![0i64; courts.len() * width];
    let mut unbalanced: Vec<Vec<usize>> = vec![Vec::new(); courts.len() * width];
    let mut seen = vec![false; courts.len()];
    for row in 0..cases.len() {
        let court = usize::from(cases.court[row]);
        if !kept[court] {
            continue;
        }
        let (f, c) = (cases.filed[row], cases.closed[row]);
        let base = court * width;
        // Pending at the end of slot j when f <= end_j < c: slots from f's to c's (exclusive).
        let a = slot_of(f);
        let b = if c == NO_DAY { n + 1 } else { slot_of(c) };
        if a < b {
            pending[base + a] += 1;
            pending[base + b] -= 1;
        }
        let in_range = |slot: usize| (1..=n).contains(&slot);
        if in_range(a) {
            filed[base + a] += 1;
            seen[court] = true;
        }
        if c != NO_DAY && in_range(b) {
            closed[base + b] += 1;
            seen[court] = true;
        }
        if a < b && a <= n && b >= 1 {
            seen[court] = true;
        }
        // Closed before filed, in another month: its filing month counts it in 新收 and never
        // in 未结, its closing month in 结案 and never in 旧存. (Both in one month, it balances.)
        if c != NO_DAY && c < f && a != b {
            for slot in [a, b] {
                if in_range(slot) {
                    unbalanced[base + slot].push(row);
                }
            }
        }
    }
    let mut out = Vec::new();
    for (court, code) in courts.iter().enumerate() {
        if !kept[court] || !seen[court] {
            continue;
        }
        let base = court * width;
        let mut running = 0i64;
        let mut stock = Vec::with_capacity(n + 1);
        for slot in 0..=n {
            running += pending[base + slot];
            stock.push(running);
        }
        for (k, first) in firsts.iter().enumerate() {
            let slot = k + 1;
            out.push(CourtMonth {
                court: *code,
                month: *first,
                flow: Flow {
                    carried: stock[slot - 1],
                    filed: filed[base + slot],
                    closed: closed[base + slot],
                    pending: stock[slot],
                },
                unbalanced: std::mem::take(&mut unbalanced[base + slot]),
            });
        }
    }
    out
}

/// How case (`filed`, `closed`) counts in each measure of the month starting `month`: the one
/// definition [`stock_flow`] applies row by row, for explaining a difference case by case.
pub fn contribution(filed: NaiveDate, closed: Option<NaiveDate>, month: NaiveDate) -> Flow {
    let start = month;
    let end = month
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX);
    let open_at = |instant: NaiveDate| filed <= instant && closed.is_none_or(|c| c > instant);
    let before = start.pred_opt();
    Flow {
        carried: i64::from(before.is_some_and(open_at)),
        filed: i64::from(filed >= start && filed <= end),
        closed: i64::from(closed.is_some_and(|c| c >= start && c <= end)),
        pending: i64::from(open_at(end)),
    }
}
