//! What one case contributes to the counters every indicator is built from — the single place
//! where the counting rules live. The tally (sums per group and slot) and explain (the cases
//! behind a number) both call [`visit`], so they cannot disagree.
//!
//! Flows are dated: a case adds to a flow counter in the slot of a day of its own (filed, closed,
//! its appeal decided, its file sent up) when that day lies in the period. Stocks are taken at
//! instants (the day before the period and the end of each slot): a case adds to a stock at a
//! contiguous run of instants (from its filing to the day before its closing, narrowed by age).
//!
//! Readings chosen where the sources are not exact are written beside each counter (see also
//! `catalogue`).

use shenguan_domain::{Category, Procedure, Stage, zhongben::Verdict};

use crate::cases::{Cases, NO_DAY, Outcome, flag};
use crate::period::Timeline;

/// Counters dated by one day of the case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(usize)]
pub enum Flow {
    /// 新收: filed in the period.
    New,
    /// 结案: closed in the period.
    Closed,
    /// Closed, and the case type has a statutory deadline.
    ClosedWithDeadline,
    /// … closed on or before the deadline (extensions and excluded days included).
    WithinLimit,
    /// … closed on or before the deadline without an extension.
    WithinNormalLimit,
    /// … with an approved extension.
    Extended,
    /// Σ (closed − filed − excluded days) over closed cases.
    TrialDays,
    /// First instance closed by a decision that can be appealed (判决, 驳回起诉, 不予受理).
    Appealable,
    /// … and appealed (a second-instance case continues it).
    Appealed,
    /// First instance closed.
    FirstInstanceClosed,
    /// … in a court whose appeals the data holds (its appeal court has cases in the data): the
    /// base of the rates that depend on appeals, which are undefined without one.
    FirstInstanceClosedAppealsKnown,
    /// A first-instance case whose appeal was decided 改判 in the period (dated by the appeal's
    /// closing, counted for the first-instance case's court, division and judge).
    ReversedOnAppeal,
    /// … decided 发回重审.
    RemandedOnAppeal,
    /// First instance closed, then appealed or brought to retrial review (not 服判息诉).
    FirstInstanceContested,
    /// First instance closed under simple, small-claims or speedy procedure.
    FirstInstanceSimplified,
    /// Second instance closed.
    SecondInstanceClosed,
    SecondInstanceReversed,
    SecondInstanceRemanded,
    /// Second instance closed after a hearing (a 开庭 event).
    SecondInstanceHeard,
    /// Retrial (再审) closed.
    RetrialClosed,
    RetrialReversed,
    RetrialRemanded,
    /// A decision on the merits closed in the period (判决, 调解, 维持, 改判 in first instance,
    /// second instance or retrial): "effective decisions" for the retrial-application rate.
    Decisions,
    /// … later brought to retrial review (申请再审, 申诉).
    DecisionsReviewed,
    /// Civil trial cases (first instance, second instance, retrial) closed.
    CivilTrialClosed,
    /// … by 调解.
    Mediated,
    /// … by 调解, 撤诉 or 按撤诉处理.
    MediatedOrWithdrawn,
    /// Disputes (案) started in the period: cases filed that continue no case in the data.
    Disputes,
    /// Σ cases (件) of those disputes, whenever filed, the first included.
    DisputeCases,
    /// Civil decisions with a payment (判决, 调解, 维持, 改判 with a claim amount) closed.
    PaymentDecisions,
    /// … for which enforcement was applied for (an enforcement case continues it).
    PaymentEnforced,
    /// First-time enforcement (执) closed.
    EnforcementClosed,
    /// … 执行完毕.
    EnforcementPerformed,
    /// … 终结本次执行.
    EnforcementZhongben,
    /// … 终本 with a standing on the checklist (合格 or 不合格; see `shenguan_domain::zhongben`).
    ZhongbenReviewed,
    /// … 终本 合格: every condition met, or a reviewer found it so.
    ZhongbenCompliant,
    /// … 终本 whose checklist steps were not recorded and that no reviewer has decided.
    ZhongbenUndetermined,
    /// … not 销案 or 不予执行 (cases that went through enforcement).
    EnforcementProceeded,
    /// Enforcement (执, 执恢) closed: Σ amount applied for, in fen.
    EnforcementApplied,
    /// … Σ amount recovered, in fen.
    EnforcementRecovered,
    /// First-time enforcement closed with property to enforce (not 终本, 销案, 不予执行).
    WithProperty,
    /// … 执行完毕 within the statutory deadline.
    WithPropertyWithinLimit,
    /// A file sent up to the appellate court in the period (dated by the 移送上诉卷宗 event).
    SentUp,
    /// Σ days from the appeal (上诉 event) to the file sent up.
    SentUpDays,
    /// Closed within each tier of the time standard for the case's category.
    WithinStandard1,
    WithinStandard2,
    WithinStandard3,
    /// A case whose quality review (案件评查) was decided in the period (dated by the decision:
    /// the review's submission, or the decision on the judge's objection).
    Reviewed,
    /// … a problem case (问题案件): a finding that counts.
    ReviewedProblem,
    /// … an error case (差错案件): graded as the network's error grade.
    ReviewedError,
    /// … Σ days from the case's selection (its plan) to the decision.
    ReviewDays,
    /// Reviewed, taken by the 重点 rule (发改再: reversed, remanded or sent for retrial).
    KeyReviewed,
    KeyReviewedProblem,
    KeyReviewedError,
    /// A service task (送达任务: one document to one recipient) made in the period (dated by the
    /// day it was made).
    ServiceTasks,
    /// … served, by an attempt that counts, on or before the period's end (dated by the day the
    /// task was made).
    ServiceServed,
    /// … served so by its first attempt.
    ServiceFirstServed,
    /// … served so by an electronic attempt with a valid consent.
    ServiceElectronic,
    /// … with an electronic attempt recorded as served on or before the period's end that does
    /// not count (no valid consent): flagged, not service.
    ServiceSetAside,
    /// A task served in the period (dated by the day served).
    ServiceServedOn,
    /// … Σ days from the task's making to its service.
    ServiceDays,
    /// An item mailed (邮寄送达) in the period (dated by the day mailed).
    ServicePosted,
    /// … delivered (妥投) on or before the period's end.
    ServiceDelivered,
    /// … returned refused (拒收).
    ServiceRefused,
    /// … returned for an address incomplete or wrong (地址不详).
    ServiceAddressUnknown,
    /// A case whose first service task was made in the period (dated by that day).
    ServiceCases,
    /// … with an announcement (公告) published on or before the period's end.
    ServiceNoticeCases,
}

pub const FLOWS: usize = Flow::ServiceNoticeCases as usize + 1;

/// Counters taken at instants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(usize)]
pub enum Stock {
    /// 未结: filed on or before the instant, not closed by it.
    Pending,
    /// Σ filing day of pending cases (for their average age).
    PendingFiledDays,
    /// Pending, filed more than 12 / 18 / 36 calendar months before the instant.
    Older12,
    Older18,
    Older36,
    /// Pending by age: under 6 months, 6–12, 12–24, 24 and more.
    AgeUnder6,
    Age6To12,
    Age12To24,
    Age24Plus,
    /// Pending past its deadline (超审限未结): the instant is after the deadline.
    OverLimit,
    /// First-time enforcement filed in the three years up to the instant (近三年执行案件).
    EnforcementCohort,
    /// … closed by it as 执行完毕 or 终本.
    EnforcementCohortDisposed,
}

pub const STOCKS: usize = Stock::EnforcementCohortDisposed as usize + 1;

/// The time standard (CourTools measure 3) of a category: days for each of three tiers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeStandard {
    pub days: [u32; 3],
    /// The share (%) expected within each tier.
    pub shares: [f64; 3],
}

/// Time standards by category (index of `Category::ALL`, then "unknown").
#[derive(Clone, Debug, PartialEq)]
pub struct TimeStandards(pub [TimeStandard; 10]);

impl Default for TimeStandards {
    /// The Model Time Standards for State Trial Courts (2011) mapped onto Chinese categories as
    /// this project reads them: criminal → felony (90/180/365 days), civil, administrative,
    /// compensation and enforcement → general civil (180/365/540), the rest → summary matters
    /// (60/90/180); shares 75 / 90 / 98 % (`docs/indicators.md` §6). A deployment sets its own.
    fn default() -> TimeStandards {
        let shares = [75.0, 90.0, 98.0];
        let felony = TimeStandard {
            days: [90, 180, 365],
            shares,
        };
        let civil = TimeStandard {
            days: [180, 365, 540],
            shares,
        };
        let summary = TimeStandard {
            days: [60, 90, 180],
            shares,
        };
        let mut all = [summary; 10];
        for (i, category) in Category::ALL.iter().enumerate() {
            all[i] = match category {
                Category::Criminal => felony,
                Category::Civil
                | Category::Administrative
                | Category::StateCompensation
                | Category::Enforcement => civil,
                _ => summary,
            };
        }
        TimeStandards(all)
    }
}

/// Where a case's contributions go.
pub(crate) trait Sink {
    /// `amount` to `counter` on `day` (ignored outside the period).
    fn flow(&mut self, counter: Flow, day: i32, amount: i64);
    /// `amount` to `counter` at positions `from..to` (empty when `from >= to`).
    fn stock(&mut self, counter: Stock, from: usize, to: usize, amount: i64);
}

fn in_stage(cases: &Cases, row: usize, stage: Stage) -> bool {
    cases.stage_of(row) == Some(stage)
}

/// A cheap test before [`visit`]: `false` only when the case adds nothing to any counter over
/// `timeline` — closed before the period (not even pending at its start), not linked to a day in
/// it, not in the enforcement cohort. Most cases of a long history are skipped this way.
#[inline]
pub(crate) fn may_count(cases: &Cases, row: usize, timeline: &Timeline) -> bool {
    let (from, to) = (timeline.from, timeline.to);
    let filed = cases.filed[row];
    let in_period = |day: i32| day >= from && day <= to;
    // Closed on or after the first day (or pending): filed, closed or pending in the period,
    // or pending at its start.
    (filed <= to && cases.closed[row] >= from)
        || in_period(cases.appeal_closed[row])
        || in_period(cases.sent_up_on[row])
        || cases.review_of(row).is_some_and(|r| in_period(r.decided))
        // Service follows a case after its closing (a judgment is served once given).
        || (cases.flags[row] & flag::SERVICE != 0 && cases.service.touches(row, from, to))
        // The three-year cohort at any instant reaches back no further than 36 months before
        // the day before the period.
        || (filed <= to && filed > timeline.cuts[4][0] && cases.case_type_of(row).is_some_and(|t| t.code == "执"))
}

/// Feeds `sink` with everything case `row` contributes over `timeline`.
#[inline]
pub(crate) fn visit(
    cases: &Cases,
    row: usize,
    timeline: &Timeline,
    standards: &TimeStandards,
    sink: &mut impl Sink,
) {
    use Flow as F;
    let filed = cases.filed[row];
    let closed = cases.closed[row];
    let deadline = cases.deadline[row];
    let outcome = cases.outcome_of(row);
    let flags = cases.flags[row];
    let stage = cases.stage_of(row);
    let category = cases.category_of(row);
    let type_code = cases.case_type_of(row).map(|t| t.code);

    sink.flow(F::New, filed, 1);
    if flags & flag::ROOT != 0 {
        sink.flow(F::Disputes, filed, 1);
        sink.flow(F::DisputeCases, filed, i64::from(cases.chain[row]));
    }

    let is_closed = closed != NO_DAY;
    if is_closed {
        sink.flow(F::Closed, closed, 1);
        let trial = i64::from(closed - filed) - i64::from(cases.excluded[row]);
        sink.flow(F::TrialDays, closed, trial);
        if deadline != NO_DAY {
            sink.flow(F::ClosedWithDeadline, closed, 1);
            if closed <= deadline {
                sink.flow(F::WithinLimit, closed, 1);
                if cases.extension[row] == 0 {
                    sink.flow(F::WithinNormalLimit, closed, 1);
                }
            }
            if cases.extension[row] > 0 {
                sink.flow(F::Extended, closed, 1);
            }
        }
        let standard = standards.0[usize::from(cases.category[row])
            .checked_sub(1)
            .unwrap_or(9)
            .min(9)];
        for (tier, counter) in [F::WithinStandard1, F::WithinStandard2, F::WithinStandard3]
            .into_iter()
            .enumerate()
        {
            if trial <= i64::from(standard.days[tier]) {
                sink.flow(counter, closed, 1);
            }
        }
        closed_by_stage(cases, row, stage, category, type_code, outcome, flags, sink);
    }
    if in_stage(cases, row, Stage::FirstInstance) {
        let appeal_closed = cases.appeal_closed[row];
        if appeal_closed != NO_DAY {
            match cases.appeal_outcome_of(row) {
                Outcome::Reversed => sink.flow(F::ReversedOnAppeal, appeal_closed, 1),
                Outcome::Remanded => sink.flow(F::RemandedOnAppeal, appeal_closed, 1),
                _ => {}
            }
        }
        let (appealed, sent) = (cases.appealed_on[row], cases.sent_up_on[row]);
        if sent != NO_DAY && appealed != NO_DAY && sent >= appealed {
            sink.flow(F::SentUp, sent, 1);
            sink.flow(F::SentUpDays, sent, i64::from(sent - appealed));
        }
    }
    if let Some(review) = cases.review_of(row) {
        reviewed(review, sink);
    }
    if flags & flag::SERVICE != 0 {
        served(&cases.service, row, timeline.to, sink);
    }
    stocks(timeline, filed, closed, deadline, type_code, outcome, sink);
}

/// The flows of a reviewed case, dated by its review's decision; counted for the case's court,
/// division and judge.
#[inline]
fn reviewed(review: crate::reviews::Review, sink: &mut impl Sink) {
    use crate::reviews::bit;
    use Flow as F;
    let on = review.decided;
    let problem = review.bits & bit::PROBLEM != 0;
    let error = review.bits & bit::ERROR != 0;
    sink.flow(F::Reviewed, on, 1);
    sink.flow(F::ReviewDays, on, i64::from(review.days));
    if problem {
        sink.flow(F::ReviewedProblem, on, 1);
    }
    if error {
        sink.flow(F::ReviewedError, on, 1);
    }
    if review.bits & bit::KEY != 0 {
        sink.flow(F::KeyReviewed, on, 1);
        if problem {
            sink.flow(F::KeyReviewedProblem, on, 1);
        }
        if error {
            sink.flow(F::KeyReviewedError, on, 1);
        }
    }
}

/// The flows of a case's service (`crate::service`): its tasks dated by the day each was made
/// (what it came to read at the period's end, `to`) or served, its mailed items by the day
/// mailed, and the case itself by its first task. Counted for the case's court, division and
/// judge.
#[inline]
fn served(service: &crate::service::Service, row: usize, to: i32, sink: &mut impl Sink) {
    use crate::service::{bit, post};
    use Flow as F;
    let (tasks, posts) = service.of(row);
    let mut first_made = NO_DAY;
    let mut notice = false;
    for i in tasks {
        let made = service.created[i];
        first_made = first_made.min(made);
        notice |= service.notice[i] <= to;
        sink.flow(F::ServiceTasks, made, 1);
        let on = service.served[i];
        if on != NO_DAY {
            sink.flow(F::ServiceServedOn, on, 1);
            // A task served before it was made (records out of order) took no days.
            sink.flow(F::ServiceDays, on, (i64::from(on) - i64::from(made)).max(0));
        }
        if on <= to {
            let bits = service.task_bits[i];
            sink.flow(F::ServiceServed, made, 1);
            if bits & bit::FIRST != 0 {
                sink.flow(F::ServiceFirstServed, made, 1);
            }
            if bits & bit::ELECTRONIC != 0 {
                sink.flow(F::ServiceElectronic, made, 1);
            }
        }
        if service.set_aside[i] <= to {
            sink.flow(F::ServiceSetAside, made, 1);
        }
    }
    if first_made != NO_DAY {
        sink.flow(F::ServiceCases, first_made, 1);
        if notice {
            sink.flow(F::ServiceNoticeCases, first_made, 1);
        }
    }
    for i in posts {
        let mailed = service.mailed[i];
        sink.flow(F::ServicePosted, mailed, 1);
        match service.result[i] {
            post::DELIVERED if service.delivered[i] <= to => {
                sink.flow(F::ServiceDelivered, mailed, 1)
            }
            post::REFUSED => sink.flow(F::ServiceRefused, mailed, 1),
            post::ADDRESS_UNKNOWN => sink.flow(F::ServiceAddressUnknown, mailed, 1),
            _ => {}
        }
    }
}

/// The flows of a closed case that depend on its stage and outcome.
#[allow(clippy::too_many_arguments)]
#[inline]
fn closed_by_stage(
    cases: &Cases,
    row: usize,
    stage: Option<Stage>,
    category: Option<Category>,
    type_code: Option<&str>,
    outcome: Outcome,
    flags: u8,
    sink: &mut impl Sink,
) {
    use Flow as F;
    use Outcome as O;
    let closed = cases.closed[row];
    let decision = matches!(
        outcome,
        O::Judgment | O::Mediation | O::Upheld | O::Reversed
    );
    let trial = matches!(
        stage,
        Some(Stage::FirstInstance | Stage::SecondInstance | Stage::Retrial)
    );
    if trial && decision {
        sink.flow(F::Decisions, closed, 1);
        if flags & flag::RETRIAL_REVIEWED != 0 {
            sink.flow(F::DecisionsReviewed, closed, 1);
        }
        if category == Some(Category::Civil) && cases.claim[row] > 0 {
            sink.flow(F::PaymentDecisions, closed, 1);
            if flags & flag::ENFORCED != 0 {
                sink.flow(F::PaymentEnforced, closed, 1);
            }
        }
    }
    if trial && category == Some(Category::Civil) {
        sink.flow(F::CivilTrialClosed, closed, 1);
        if outcome == O::Mediation {
            sink.flow(F::Mediated, closed, 1);
        }
        if matches!(outcome, O::Mediation | O::Withdrawal | O::DeemedWithdrawal) {
            sink.flow(F::MediatedOrWithdrawn, closed, 1);
        }
    }
    match stage {
        Some(Stage::FirstInstance) => {
            sink.flow(F::FirstInstanceClosed, closed, 1);
            // Whether a case was appealed counts only where the data holds its appeals.
            if flags & flag::APPEAL_OUTSIDE == 0 {
                sink.flow(F::FirstInstanceClosedAppealsKnown, closed, 1);
                if matches!(outcome, O::Judgment | O::Dismissal) {
                    sink.flow(F::Appealable, closed, 1);
                    if flags & flag::APPEALED != 0 {
                        sink.flow(F::Appealed, closed, 1);
                    }
                }
                if flags & (flag::APPEALED | flag::RETRIAL_REVIEWED) != 0 {
                    sink.flow(F::FirstInstanceContested, closed, 1);
                }
            }
            if matches!(
                cases.procedure_of(row),
                Some(Procedure::Simple | Procedure::SmallClaims | Procedure::Speedy)
            ) {
                sink.flow(F::FirstInstanceSimplified, closed, 1);
            }
        }
        Some(Stage::SecondInstance) => {
            sink.flow(F::SecondInstanceClosed, closed, 1);
            match outcome {
                O::Reversed => sink.flow(F::SecondInstanceReversed, closed, 1),
                O::Remanded => sink.flow(F::SecondInstanceRemanded, closed, 1),
                _ => {}
            }
            if flags & flag::HEARD != 0 {
                sink.flow(F::SecondInstanceHeard, closed, 1);
            }
        }
        Some(Stage::Retrial) => {
            sink.flow(F::RetrialClosed, closed, 1);
            match outcome {
                O::Reversed => sink.flow(F::RetrialReversed, closed, 1),
                O::Remanded => sink.flow(F::RetrialRemanded, closed, 1),
                _ => {}
            }
        }
        Some(Stage::Enforcement) => {
            if matches!(type_code, Some("执" | "执恢")) {
                sink.flow(F::EnforcementApplied, closed, cases.claim[row]);
                sink.flow(F::EnforcementRecovered, closed, cases.recovered[row]);
            }
            if type_code == Some("执") {
                sink.flow(F::EnforcementClosed, closed, 1);
                match outcome {
                    O::Performed => sink.flow(F::EnforcementPerformed, closed, 1),
                    O::Zhongben => {
                        sink.flow(F::EnforcementZhongben, closed, 1);
                        match Verdict::of_code(cases.zhongben[row]) {
                            Some(Verdict::Compliant) => {
                                sink.flow(F::ZhongbenReviewed, closed, 1);
                                sink.flow(F::ZhongbenCompliant, closed, 1);
                            }
                            Some(Verdict::NotCompliant) => {
                                sink.flow(F::ZhongbenReviewed, closed, 1)
                            }
                            Some(Verdict::Undetermined) => {
                                sink.flow(F::ZhongbenUndetermined, closed, 1)
                            }
                            None => {}
                        }
                    }
                    _ => {}
                }
                if !matches!(outcome, O::Cancelled | O::NotEnforced) {
                    sink.flow(F::EnforcementProceeded, closed, 1);
                }
                if !matches!(outcome, O::Zhongben | O::Cancelled | O::NotEnforced) {
                    sink.flow(F::WithProperty, closed, 1);
                    let deadline = cases.deadline[row];
                    if outcome == O::Performed && deadline != NO_DAY && closed <= deadline {
                        sink.flow(F::WithPropertyWithinLimit, closed, 1);
                    }
                }
            }
        }
        _ => {}
    }
}

/// The stocks: where the case is pending, how old it is there, and the enforcement cohort.
#[inline]
fn stocks(
    timeline: &Timeline,
    filed: i32,
    closed: i32,
    deadline: i32,
    type_code: Option<&str>,
    outcome: Outcome,
    sink: &mut impl Sink,
) {
    use Stock as S;
    let positions = timeline.slots() + 1;
    // Pending at instant t: filed ≤ t < closed.
    let lo = timeline.first_instant_from(filed);
    let hi = timeline.first_instant_from(closed).min(positions);
    let cohort = type_code == Some("执");
    if lo >= hi && !cohort {
        return;
    }
    // Ages: AGES = [6, 12, 18, 24, 36] months.
    let q: [usize; 5] = std::array::from_fn(|age| timeline.first_older(age, filed));
    if lo < hi {
        sink.stock(S::Pending, lo, hi, 1);
        sink.stock(S::PendingFiledDays, lo, hi, i64::from(filed));
        sink.stock(S::Older12, lo.max(q[1]), hi, 1);
        sink.stock(S::Older18, lo.max(q[2]), hi, 1);
        sink.stock(S::Older36, lo.max(q[4]), hi, 1);
        sink.stock(S::AgeUnder6, lo, hi.min(q[0]), 1);
        sink.stock(S::Age6To12, lo.max(q[0]), hi.min(q[1]), 1);
        sink.stock(S::Age12To24, lo.max(q[1]), hi.min(q[3]), 1);
        sink.stock(S::Age24Plus, lo.max(q[3]), hi, 1);
        if deadline != NO_DAY {
            let past = timeline.first_instant_from(deadline.saturating_add(1));
            sink.stock(S::OverLimit, lo.max(past), hi, 1);
        }
    }
    if cohort {
        // Filed in the three years up to the instant: t − 36 months < filed ≤ t.
        // Only its value at the end of a bucket is read, never at the day before the period:
        // instants from 1 on, so that the cohort alone makes no group before the period.
        let end = timeline.first_not_within(4, filed);
        sink.stock(S::EnforcementCohort, lo.max(1), end, 1);
        if matches!(outcome, Outcome::Performed | Outcome::Zhongben) {
            let done = timeline.first_instant_from(closed);
            sink.stock(S::EnforcementCohortDisposed, lo.max(done).max(1), end, 1);
        }
    }
}

#[cfg(test)]
mod tests;
