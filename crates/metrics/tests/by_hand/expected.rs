//! The value of every indicator over the hand-worked table (`table.rs`) for 2025, worked out from
//! the catalogue's words (formula and the cases it applies to) and the core counting rules, with
//! the arithmetic and the cases behind each number written beside it. Nothing here was read from
//! the engine: where it disagreed, the definition decided.
//!
//! Cut-offs at the end of the period (2025-12-31 less N calendar months, month ends clamped):
//! 6 months 2025-06-30, 12 months 2024-12-31, 18 months 2024-06-30 (June has no 31st),
//! 24 months 2023-12-31, 36 months 2022-12-31. "Older" means filed before the cut-off.

/// A value worked out by hand.
pub struct Hand {
    pub code: &'static str,
    pub value: f64,
}

pub fn hand(code: &'static str, value: f64) -> Hand {
    Hand { code, value }
}

/// A number of cases.
fn count(n: i64) -> f64 {
    n as f64
}

/// n ÷ d × 100.
fn percent(n: i64, d: i64) -> f64 {
    n as f64 * 100.0 / d as f64
}

/// 100 − n ÷ d × 100.
fn percent_not(n: i64, d: i64) -> f64 {
    100.0 - percent(n, d)
}

/// No value: the definition leaves it undefined (shown as "—").
fn undefined() -> f64 {
    f64::NAN
}

/// n ÷ d.
fn ratio(n: i64, d: i64) -> f64 {
    n as f64 / d as f64
}

/// Every indicator of the catalogue over the whole table, 2025-01-01 to 2025-12-31.
pub fn network() -> Vec<Hand> {
    vec![
        // ── 收结存 ───────────────────────────────────────────────────────────────────────────
        // 新收: filed in 2025. 湘1402: 民初1–14, 刑初1, 财保1, 执1–7, 执恢1, 执保1 = 25;
        // 湘14: 民终1–6, 刑终1, 民申1–2, 民再1–2, 民初1–2, 执1 = 14. Not 1402民初101 (filed
        // 2024-12-31) nor 1402民初601 (2026-01-01). 25 + 14 = 39.
        hand("new", count(39)),
        // 旧存: filed before 2025 and not closed before it. 1402民初101 (closed on 2025-01-01),
        // 民初103, 民初104, 民初301, 民他301, 刑初101, 执301, 执501; 14民再301, 民初101,
        // 民初102, 执501 = 12. Not 1402民初102 or 14民终101 (closed 2024-12-31), 1402民初105,
        // 执302 (closed earlier in 2024).
        hand("carried_over", count(12)),
        // 受理 = 新收 + 旧存 = 39 + 12 = 51.
        hand("accepted", count(51)),
        // 结案: closed in 2025. 湘1402: 民初101, 民初1–11, 刑初101, 刑初1, 财保1, 执1, 执3–6,
        // 执301, 执恢1, 执保1 = 23; 湘14: 民终1–4, 民终6, 刑终1, 民申1, 民再1, 民再2, 民再301,
        // 民初1, 民初2, 执1 = 13. Not 1402民初12 (2026-01-01), 执7 (2026-01-05). 23 + 13 = 36.
        hand("closed", count(36)),
        // 未结 at 2025-12-31: 1402民初103, 104, 301, 民他301, 民初12, 13, 14, 执2, 执7, 执501;
        // 14民终5, 民申2, 民初101, 102, 执501 = 15 (and 受理 51 = 结案 36 + 未结 15).
        hand("pending", count(15)),
        // ── 效率 ─────────────────────────────────────────────────────────────────────────────
        // 结收比 = 结案 ÷ 新收 × 100 = 36 ÷ 39 × 100.
        hand("close_to_new_ratio", percent(36, 39)),
        // 结案率 = 结案 ÷ 受理 × 100 = 36 ÷ 51 × 100.
        hand("closure_rate", percent(36, 51)),
        // 法定审限内结案率 = closed on or before the deadline ÷ closed with a deadline × 100.
        // Closed with a deadline: 36 less 财保1 and 执保1 (no statutory limit) = 34. Past the
        // deadline: 1402民初7 (10-20 > 10-09, extension included), 民初9 (09-11 > 09-10), 执3,
        // 执301; 14民再2, 民再301 = 6. Closed on the deadline day counts (1402民初1, 刑初101,
        // 执1, 14刑终1, 民再1, 民初1). 34 − 6 = 28 → 28 ÷ 34 × 100.
        hand("within_limit_rate", percent(28, 34)),
        // 正常审限内结案率 = within the limit and never extended ÷ 34: the 28 less 1402民初8,
        // 刑初101, 执6 and 14刑终1 (extended, closed within) = 24 → 24 ÷ 34 × 100.
        hand("within_normal_limit_rate", percent(24, 34)),
        // 平均审理天数 = Σ(结案 − 立案 − 扣除) ÷ 结案. 湘1402: 民初101 1, 民初1 90, 民初2 28,
        // 民初3 42, 民初4 41, 民初5 41, 民初6 14, 民初7 287, 民初8 241, 民初9 185, 民初10 61
        // (91 − 30 excluded), 民初11 91, 刑初101 90, 刑初1 9, 财保1 61, 执1 89, 执3 216, 执4 22,
        // 执5 31, 执6 266, 执301 466, 执恢1 180, 执保1 5 = 2557. 湘14: 民终1 61, 民终2 69,
        // 民终3 50, 民终4 42, 民终6 21, 刑终1 91, 民申1 62, 民再1 91, 民再2 119, 民再301 569,
        // 民初1 181, 民初2 88, 执1 91 = 1535. (2557 + 1535) ÷ 36 = 4092 ÷ 36.
        hand("avg_trial_days", ratio(4092, 36)),
        // 超12个月未结: pending, filed before 2024-12-31: 1402民初103 (2024-12-30), 民初301,
        // 民他301, 执501; 14民初101, 民初102, 执501 = 7. Not 1402民初104 (filed on the cut-off).
        hand("long_pending_12m", count(7)),
        // 超18个月未结: filed before 2024-06-30: 1402民初301, 民他301, 执501; 14民初101
        // (2024-06-29), 执501 = 5. Not 14民初102 (filed on the cut-off).
        hand("long_pending_18m", count(5)),
        // 超36个月未结: filed before 2022-12-31: 14执501 (2022-12-30) = 1. Not 1402执501 (on it).
        hand("long_pending_36m", count(1)),
        // 超审限未结: pending and past the deadline at 2025-12-31: 1402民初12 (12-29), 民初103,
        // 民初301, 执501; 14民初101, 民初102 (extended to 2025-07-01), 执501 = 7. Not 1402民初13
        // (deadline 12-31, the end itself), 民他301 (no limit), nor the deadlines in 2026.
        hand("pending_over_limit", count(7)),
        // 超12/18/36个月未结案件比 = the count ÷ 受理 × 100: 7, 5 and 1 of 51.
        hand("long_pending_12m_ratio", percent(7, 51)),
        hand("long_pending_18m_ratio", percent(5, 51)),
        hand("long_pending_36m_ratio", percent(1, 51)),
        // 延长审限率 = closed with an extension ÷ closed with a deadline × 100: 1402民初7, 民初8,
        // 刑初101, 执6; 14刑终1 = 5 (1402民初104 and 14民初102 are extended but pending) → 5 ÷ 34.
        hand("extension_rate", percent(5, 34)),
        // 结案均衡度 = (1 − σ ÷ μ) × 100 over the closings of each month: January 2 (1402民初101,
        // 14民再301), February 4, March 4, April 2, May 4, June 4, July 2, August 4, September 2,
        // October 4, November 2, December 2. μ = 36 ÷ 12 = 3; every month is 1 from it, so
        // σ = √(12 × 1² ÷ 12) = 1 → (1 − 1 ÷ 3) × 100.
        hand("balanced_closing", (1.0 - 1.0 / 3.0) * 100.0),
        // 上诉案件移送时间: first instances whose file was sent up in 2025, from the appeal to the
        // first transfer: 1402民初101 01-08 → 01-20 = 12, 刑初101 03-05 → 03-12 = 7 (not its
        // second transfer, 03-20), 刑初102 01-06 → 01-06 = 0 (closed in 2024, sent on the day of
        // the appeal). Not 1402民初6 (sent before its appeal), 民初105 (sent in 2024), 14民终4
        // (second instance). (12 + 7 + 0) ÷ 3 = 19 ÷ 3.
        hand("appeal_transfer_days", ratio(19, 3)),
        // ── 质量与效果 ───────────────────────────────────────────────────────────────────────
        // The appeal rates count only first instances whose appeals the data holds: 湘14's own
        // (民初1, 民初2) are appealed to the high court, which has no case in the table, so
        // whether and how they were appealed is unknown and they count in none of them.
        // 上诉率 = appealed ÷ first instances closed in 2025 by 判决, 驳回起诉 or 不予受理 × 100.
        // Appealable: 1402民初101, 民初1, 民初5 (驳回起诉), 民初6 (不予受理), 民初7–11,
        // 刑初101, 刑初1 = 11 (not the mediated or withdrawn 民初2–4; not 14民初2).
        // Appealed (a second-instance case continues it, decided or not): 1402民初101, 民初1,
        // 民初7, 民初8, 民初9 (pending appeal), 刑初101 = 6. 民初5 went to retrial review, not
        // appeal. 6 ÷ 11 × 100.
        hand("appeal_rate", percent(6, 11)),
        // 一审被改判率 = first instances whose appeal was decided 改判 in 2025 ÷ first instances
        // closed in 2025 whose appeals the data holds × 100. Closed: 1402民初101, 民初1–11,
        // 刑初101, 刑初1 = 14. Reversed in 2025: 1402民初102 (closed in 2024, 14民终2 decided
        // 2025-03-20), 刑初101 (14刑终1) = 2; not 民初105 (reversed on 2024-12-31). 2 ÷ 14 × 100.
        hand("first_instance_reversal_rate", percent(2, 14)),
        // 一审被发回重审率: 1402民初1 (14民终3, 2025-06-10) = 1 → 1 ÷ 14 × 100.
        hand("first_instance_remand_rate", percent(1, 14)),
        // 二审改判-发回重审比: second instances closed in 2025: 改判 14民终2, 刑终1 = 2; 发回重审
        // 14民终3 = 1 (not 14民终101, 2024) → 2 ÷ 1.
        hand("reversal_to_remand", ratio(2, 1)),
        // 再审改判-发回重审比: retrials closed: 改判 14民再1 = 1; 发回重审 14民再2, 民再301 = 2
        // → 1 ÷ 2.
        hand("retrial_reversal_to_remand", ratio(1, 2)),
        // 二审开庭率 = second instances closed with a hearing ÷ second instances closed × 100.
        // Closed: 14民终1, 2, 3, 4, 6, 刑终1 = 6; heard: 民终1, 2, 4, 刑终1 = 4 (民终5 was heard
        // but is pending; 1402民初7's hearing is a first instance's) → 4 ÷ 6 × 100.
        hand("second_instance_hearing_rate", percent(4, 6)),
        // 申诉申请再审率 = decisions on the merits (判决, 调解, 维持, 改判) closed in 2025 later
        // brought to retrial review ÷ those decisions × 100. Decisions: first instance 1402民初101,
        // 民初1, 民初2, 民初7–11, 刑初101, 刑初1, 14民初1, 民初2 = 12; second instance 14民终1
        // (维持), 民终2, 刑终1 (改判), 民终4 (驳回上诉, read as 维持) = 4; retrial 14民再1 = 1;
        // 17 in all. Reviewed: 14民终4 (14民申2) = 1; 1402民初5 was reviewed too but was
        // dismissed, not decided. 1 ÷ 17 × 100.
        hand("retrial_application_rate", percent(1, 17)),
        // 调解率 = mediated ÷ civil first, second and retrial cases closed × 100. Civil trial
        // closed: 1402民初101, 民初1–11 = 12; 14民终1–4, 民终6, 民再1, 民再2, 民再301, 民初1,
        // 民初2 = 10; 22 in all (not 刑初/刑终, nor 14民申1, a retrial review). Mediated:
        // 1402民初2, 14民初1 = 2 → 2 ÷ 22 × 100.
        hand("mediation_rate", percent(2, 22)),
        // 调撤率 = (调解 + 撤诉 + 按撤诉处理) ÷ 22 × 100: the 2 mediated, 1402民初3 (撤诉),
        // 民初4 (按撤诉处理), 14民终6 (撤诉, the appeal withdrawn) = 5 → 5 ÷ 22 × 100.
        hand("mediation_withdrawal_rate", percent(5, 22)),
        // 一审服判息诉率 = 100 − first instances closed in 2025 that were appealed or brought to
        // retrial review ÷ first instances closed whose appeals the data holds × 100: the 6
        // appealed and 1402民初5 = 7 of 14 → 100 − 50 = 50.
        hand("first_instance_acceptance_rate", percent_not(7, 14)),
        // 案-件比 = cases of the disputes started in 2025 ÷ those disputes. Cases filed in 2025
        // continuing no case in the data: 湘1402 民初1–10, 12–14, 刑初1, 财保1, 执1, 执4–6, 执保1 =
        // 20; 湘14 民再1, 民再2 (their review cases are not in the data), 民初1, 民初2 = 4; 24
        // disputes. Their cases: 1402民初1 4 (with 14民终3, 1402民初11, 执2), 民初2 2 (执3),
        // 民初5 2 (14民申1), 民初7 3 (14民终4, 14民申2), 民初8 2 (14民终6), 民初9 2 (14民终5),
        // 14民初1 2 (14执1), the other 17 one each: 4 + 2 + 2 + 3 + 2 + 2 + 2 + 17 = 34 → 34 ÷ 24.
        hand("case_matter_ratio", ratio(34, 24)),
        // 民事裁判申请执行率 = civil decisions with a claim amount closed in 2025 taken to
        // enforcement ÷ those decisions × 100. Decisions with an amount: 1402民初101, 民初1,
        // 民初2, 民初11, 14民再1, 民初1 = 6 (not 1402民初5, dismissed; not 刑初101, criminal).
        // Enforced: 1402民初101 (执7), 民初2 (执3), 民初11 (执2, pending), 14民初1 (执1) = 4;
        // 1402民初1's enforcement follows its retrial 民初11, not it. 4 ÷ 6 × 100.
        hand("civil_enforcement_application_rate", percent(4, 6)),
        // 简易程序适用率 = first instances closed under 简易, 小额诉讼 or 速裁 ÷ 16 × 100:
        // 1402民初1, 民初3 (简易), 民初2 (小额诉讼), 刑初1 (速裁) = 4 → 25.
        hand("simple_procedure_rate", percent(4, 16)),
        // ── 执行 ─────────────────────────────────────────────────────────────────────────────
        // First-time enforcement (执) closed in 2025: 1402执1 (执行完毕), 执3 (执行完毕), 执4
        // (销案), 执5 (不予执行), 执6 (终结执行), 执301 (终本), 14执1 (执行完毕) = 7. Not 执恢1 or
        // 执保1 (other types), 执7 (closed 2026), 执302 (closed 2024).
        // 执行完毕率 = 3 ÷ 7 × 100.
        hand("enforcement_completion_rate", percent(3, 7)),
        // 终本率 = 1 ÷ 7 × 100.
        hand("zhongben_rate", percent(1, 7)),
        // 执行到位率 = Σ recovered ÷ Σ applied for over 执 and 执恢 closed in 2025 × 100.
        // Applied: 执1 10,000 + 执3 3,000 + 执4 6,000 + 执5 4,000 + 执6 20,000 + 执301 50,000
        // + 执恢1 48,000 + 14执1 200,000 = 341,000.00 yuan. Recovered: 10,000 + 3,000 + 0 + none
        // + 5,000 + 2,000.35 + 30,000 + 200,000 = 250,000.35 yuan. 执保1 (100,000 of 100,000) is
        // not 执 or 执恢. In fen: 25,000,035 ÷ 34,100,000 × 100.
        hand("enforcement_recovery_rate", percent(25_000_035, 34_100_000)),
        // 实际执结率 = 执行完毕 ÷ 执 closed other than 销案 and 不予执行 × 100 = 3 ÷ (7 − 2) × 100.
        hand("actual_enforcement_rate", percent(3, 5)),
        // 有财产可供执行案件法定期限内实际执结率: "with property" = 执 closed other than 终本,
        // 销案, 不予执行: 1402执1, 执3, 执6, 14执1 = 4; 执行完毕 on or before the deadline:
        // 1402执1 (on its deadline day), 14执1 = 2 (执3 was late; 执6 closed in time, but
        // terminated, not performed) → 2 ÷ 4 × 100.
        hand("property_within_limit_rate", percent(2, 4)),
        // 终本合格率: the one 执 closed by 终本 in 2025 is 1402执301, more than three months after
        // its filing, with the notice, report order, inquiry, on-site investigation, restriction
        // and (on the ruling's day) the interview on file → 1 ÷ 1.
        hand("zhongben_compliance_rate", percent(1, 1)),
        // 近三年执行案件整体执结率: 执 filed after 2022-12-31 and by 2025-12-31: 1402执1–7,
        // 执301, 执302, 14执1 = 10 (not 1402执501, filed on the cut-off, nor 14执501); 执行完毕
        // or 终本 by 2025-12-31: 执1, 执3, 执301, 执302 (in 2024), 14执1 = 5 (执7 was performed
        // only in 2026) → 5 ÷ 10 × 100.
        hand("three_year_enforcement_rate", percent(5, 10)),
        // ── 国际通行指标 ─────────────────────────────────────────────────────────────────────
        // CourTools clearance rate = outgoing ÷ incoming × 100 = 36 ÷ 39 × 100.
        hand("clearance_rate", percent(36, 39)),
        // Time to disposition, first tier (criminal 90, civil/administrative/enforcement 180,
        // others 60 days). Over it: civil 1402民初7 287, 民初8 241, 民初9 185, 14民再301 569,
        // 14民初1 181; criminal 14刑终1 91; enforcement 1402执3 216, 执6 266, 执301 466;
        // preservation 1402财保1 61 = 10. On it exactly: 刑初101 90, 执恢1 180.
        // (36 − 10) ÷ 36 × 100.
        hand("time_to_disposition_1", percent(26, 36)),
        // Second tier (180 / 365 / 90): over it only 14民再301 569 and 1402执301 466 → 34 ÷ 36.
        hand("time_to_disposition_2", percent(34, 36)),
        // Third tier (365 / 540 / 180): over it only 14民再301 569 → 35 ÷ 36 × 100.
        hand("time_to_disposition_3", percent(35, 36)),
        // Pending at 2025-12-31 by age. Under 6 months (filed on or after 2025-06-30):
        // 1402民初13 (on the cut-off), 民初14, 执2, 执7, 14民终5, 民申2 = 6.
        hand("pending_age_under_6m", count(6)),
        // 6 to 12 months (2024-12-31 ≤ filed < 2025-06-30): 1402民初12, 民初104 = 2.
        hand("pending_age_6_12m", count(2)),
        // 12 to 24 months (2023-12-31 ≤ filed < 2024-12-31): 1402民初103, 民初301 (on the
        // 24-month cut-off), 14民初101, 民初102 = 4.
        hand("pending_age_12_24m", count(4)),
        // Over 24 months (filed before 2023-12-31): 1402民他301, 执501, 14执501 = 3.
        hand("pending_age_over_24m", count(3)),
        // Average age of the 15 pending, days from filing to 2025-12-31: 1402民初12 185, 民初13
        // 184, 民初14 0, 民初103 366, 民初104 365, 民初301 731, 民他301 732, 执2 83, 执7 121,
        // 执501 1096; 14民终5 84, 民申2 11, 民初101 550, 民初102 549, 执501 1097 = 6154
        // → 6154 ÷ 15.
        hand("pending_avg_age_days", ratio(6154, 15)),
        // CEPEJ clearance rate = resolved ÷ incoming × 100 = 36 ÷ 39 × 100.
        hand("cepej_clearance_rate", percent(36, 39)),
        // Disposition time = days in the period × pending ÷ resolved = 365 × 15 ÷ 36.
        hand("disposition_time_days", 365.0 * 15.0 / 36.0),
        // Case turnover ratio = resolved ÷ pending at the end = 36 ÷ 15.
        hand("case_turnover_ratio", ratio(36, 15)),
        // ── 信访 (the register in table.rs) ─────────────────────────────────────────────────
        // Received in 2025: R1–R6 and R10 = 7 (R7 came after its matter was ended; R8, R9 in
        // 2024). Persons: R3 six, the others one = 12. Visits R1, R3, R4, R6 = 4, one a group.
        hand("petitions", count(7)),
        hand("petition_persons", count(12)),
        hand("petition_visits", count(4)),
        hand("group_visits", count(1)),
        // R2 to the province, R3 to Beijing, R6 to the second circuit court.
        hand("petitions_to_province", count(1)),
        hand("petitions_to_beijing", count(1)),
        hand("petitions_to_circuit", count(1)),
        // R2 and R3 repeat R1 → 2 ÷ 7.
        hand("repeat_petition_rate", percent(2, 7)),
        // Screened R4 (诉), R5, R10 (访) → 1 ÷ 3.
        hand("litigation_routed_rate", percent(1, 3)),
        // Enforcement: R1, R2, R3, R6; concluded by 12-31 R1 (answered) and R6 (ended) → 2 ÷ 4.
        hand("enforcement_petitions", count(4)),
        hand("enforcement_petitions_concluded", count(2)),
        hand("enforcement_petition_completion_rate", percent(2, 4)),
        // Matters first brought in 2025: 王's, 李's, 赵's, 孙's, 钱's; 王's brought again on
        // 03-10 (孙's R7 came after the ending and does not count).
        hand("petitions_became_old", count(1)),
        // At 12-31: 王's (three petitions) and 吴's (unanswered since 2024-10-08); 周's was
        // resolved on 03-01; 李's and 赵's were answered.
        hand("petition_backlog", count(2)),
        // In the backlog during 2025: 王's, 周's (until 03-01), 吴's; resolved 周's → 1 ÷ 3.
        hand("backlog_resolution_rate", percent(1, 3)),
        // 7 petitions per 36 cases closed, per 100.
        hand("petition_case_ratio", ratio(700, 36)),
        // 司法救助 (register.rs): applied in 2025 A1–A4; granted A1, A2, A4 = 30,000.00 +
        // 12,000.50 + 8,000.00 = 50,000.50 yuan, 16,666.83 a grant; paid to a keyed recipient A1,
        // A2, of whom 赵某 (A2) petitioned no more → 1 ÷ 2.
        hand("assistance_applications", count(4)),
        hand("assistance_granted", count(3)),
        hand("assistance_amount", 50_000.50),
        hand("assistance_per_grant", 50_000.50 / 3.0),
        hand("assistance_quiet_rate", percent(1, 2)),
        // ── 案件评查 ─────────────────────────────────────────────────────────────────────────
        // Decided in 2025 (table::reviews): 1402民初102, 刑初101, 民初105, 14民终2, 14刑终1 (its
        // first review) = 5; not 14民终101 (2024), 1402民初601 (2026), nor a case not held.
        hand("reviewed_cases", count(5)),
        // Problem: 1402民初102, 刑初101, 14民终2; error: 1402民初102 (14刑终1's error was its
        // second review).
        hand("review_problem_cases", count(3)),
        hand("review_error_cases", count(1)),
        hand("review_problem_rate", percent(3, 5)),
        hand("review_error_rate", percent(1, 5)),
        // 45 + 70 + 50 + 20 + 22 = 207 days.
        hand("review_days", ratio(207, 5)),
        // Taken by the 重点 rule: 1402民初102, 刑初101, 民初105.
        hand("key_reviewed_cases", count(3)),
        hand("key_review_problem_cases", count(2)),
        hand("key_review_error_cases", count(1)),
        // ── 送达 (by_hand/service.rs; T13 is of a case not held) ───────────────────────────────
        // Tasks made in 2025: T1–T7, T9–T12 = 11 (not T8, made 2024-12-31).
        hand("service_tasks", count(11)),
        // Served by an attempt that counts by 2025-12-31: T1 (third attempt), T2, T4 (by post
        // after its electronic service was set aside), T5 (announcement run 07-02), T9, T10, T11
        // = 7. Not T3 (electronic, no consent: set aside, nothing else), T6 (on its way), T7
        // (deemed served 2026-01-14), T12 (delivered 2026-01-04).
        hand("service_success_rate", percent(7, 11)),
        // By the first attempt: T2, T9, T10, T11 = 4 (T1 the third, T4 and T5 the second).
        hand("service_first_success_rate", percent(4, 11)),
        // Served in 2025, whenever made: T1 38 days (01-03 → 02-10), T2 0, T4 4, T5 56
        // (05-07 → 07-02), T8 3 (2024-12-31 → 2025-01-03), T9 2, T10 0, T11 15 = 118 over 8.
        hand("service_days", ratio(118, 8)),
        // Of the 7 served, electronically with a valid consent: T2, T10 (its consent signed in
        // the first instance 14民终1 continues) = 2.
        hand("electronic_service_rate", percent(2, 7)),
        // Cases whose first task was made in 2025: 1402民初1, 民初2, 民初3, 民初4, 民初12, 民初14,
        // 14民终1, 14民初2 = 8 (not 1402民初102, first task 2024); announced by 2025-12-31:
        // 1402民初4 (06-02), 民初12 (12-15, its period not yet run) = 2.
        hand("notice_service_rate", percent(2, 8)),
        // Mailed in 2025: T1 twice, T4, T5, T6, T7, T12 = 7 (not T8, mailed 2024-12-31).
        // Delivered by 2025-12-31: T4 = 1 (T12 on 2026-01-04); refused: T1's second = 1;
        // address unknown: T1's first = 1 (T5 查无此人 and T7 迁移 are other failures; T6 waits).
        hand("postal_delivery_rate", percent(1, 7)),
        hand("postal_refusal_rate", percent(1, 7)),
        hand("address_unknown_rate", percent(1, 7)),
        // Set aside: T3 (no consent on record), T4 (a consent that leaves out judgments) = 2.
        hand("electronic_without_consent", count(2)),
    ]
}

/// Indicators of each court, grouped by court (a case counts for its own court; an appeal's
/// decision for the first instance's).
pub fn by_court() -> Vec<(&'static str, Vec<Hand>)> {
    vec![
        (
            "湘1402",
            vec![
                hand("new", count(25)),
                // 民初101, 民初103, 民初104, 民初301, 民他301, 刑初101, 执301, 执501.
                hand("carried_over", count(8)),
                hand("accepted", count(33)),
                hand("closed", count(23)),
                // 民初103, 104, 301, 民他301, 民初12, 13, 14, 执2, 执7, 执501 (33 = 23 + 10).
                hand("pending", count(10)),
                hand("closure_rate", percent(23, 33)),
                // 23 closed less 财保1, 执保1 = 21 with a deadline; past it 民初7, 民初9, 执3,
                // 执301 = 4 → 17 ÷ 21.
                hand("within_limit_rate", percent(17, 21)),
                hand("avg_trial_days", ratio(2557, 23)),
                // 民初103, 民初301, 民他301, 执501.
                hand("long_pending_12m", count(4)),
                // 民初12, 民初103, 民初301, 执501.
                hand("pending_over_limit", count(4)),
                // Its first instances closed: 民初101, 民初1–11, 刑初101, 刑初1 = 14; reversed by
                // 湘14 in 2025: 民初102, 刑初101 = 2 → 2 ÷ 14. The appeals are 湘14's cases; the
                // reversal is this court's.
                hand("first_instance_reversal_rate", percent(2, 14)),
                // Civil trial closed: 民初101, 民初1–11 = 12; mediated 民初2 → 1 ÷ 12.
                hand("mediation_rate", percent(1, 12)),
                // 20 disputes started here, 29 cases, the appeals and reviews at 湘14 included:
                // 民初1 4, 民初2 2, 民初5 2, 民初7 3, 民初8 2, 民初9 2, 14 others 1 each.
                hand("case_matter_ratio", ratio(29, 20)),
                // 信访: R1–R5; enforcement R1–R3, R1 concluded; 王's and 周's in the backlog in
                // the year, 周's resolved.
                hand("petitions", count(5)),
                hand("petition_persons", count(10)),
                hand("petition_visits", count(3)),
                hand("group_visits", count(1)),
                hand("petitions_to_province", count(1)),
                hand("petitions_to_beijing", count(1)),
                hand("petitions_to_circuit", count(0)),
                hand("repeat_petition_rate", percent(2, 5)),
                hand("litigation_routed_rate", percent(1, 2)),
                hand("enforcement_petitions", count(3)),
                hand("enforcement_petitions_concluded", count(1)),
                hand("enforcement_petition_completion_rate", percent(1, 3)),
                hand("petitions_became_old", count(1)),
                hand("petition_backlog", count(1)),
                hand("backlog_resolution_rate", percent(1, 2)),
                hand("petition_case_ratio", ratio(500, 23)),
                // 司法救助: A1, A2, A4, all granted.
                hand("assistance_applications", count(3)),
                hand("assistance_granted", count(3)),
                hand("assistance_amount", 50_000.50),
                hand("assistance_per_grant", 50_000.50 / 3.0),
                hand("assistance_quiet_rate", percent(1, 2)),
                // 评查: 1402民初102 (45 days, error), 刑初101 (70, problem), 民初105 (50).
                hand("reviewed_cases", count(3)),
                hand("review_problem_cases", count(2)),
                hand("review_error_cases", count(1)),
                hand("review_problem_rate", percent(2, 3)),
                hand("review_error_rate", percent(1, 3)),
                hand("review_days", ratio(165, 3)),
                hand("key_reviewed_cases", count(3)),
                hand("key_review_problem_cases", count(2)),
                hand("key_review_error_cases", count(1)),
                // 送达: T1–T7; served T1, T2, T4, T5; first T2; electronic T2; set aside T3,
                // T4; served in 2025 T1 38, T2 0, T4 4, T5 56, T8 3 = 101 over 5; mailed T1 ×2,
                // T4, T5, T6, T7 = 6; cases 1402民初1, 2, 3, 4, 12, 14, announced 民初4, 12.
                hand("service_tasks", count(7)),
                hand("service_success_rate", percent(4, 7)),
                hand("service_first_success_rate", percent(1, 7)),
                hand("service_days", ratio(101, 5)),
                hand("electronic_service_rate", percent(1, 4)),
                hand("notice_service_rate", percent(2, 6)),
                hand("postal_delivery_rate", percent(1, 6)),
                hand("postal_refusal_rate", percent(1, 6)),
                hand("address_unknown_rate", percent(1, 6)),
                hand("electronic_without_consent", count(2)),
            ],
        ),
        (
            "湘14",
            vec![
                hand("new", count(14)),
                // 民再301, 民初101, 民初102, 执501.
                hand("carried_over", count(4)),
                hand("accepted", count(18)),
                hand("closed", count(13)),
                // 民终5, 民申2, 民初101, 民初102, 执501 (18 = 13 + 5).
                hand("pending", count(5)),
                hand("closure_rate", percent(13, 18)),
                // All 13 have a deadline; 民再2 and 民再301 closed past it → 11 ÷ 13.
                hand("within_limit_rate", percent(11, 13)),
                hand("avg_trial_days", ratio(1535, 13)),
                // 民初101, 民初102, 执501.
                hand("long_pending_12m", count(3)),
                // 民初101, 民初102, 执501.
                hand("pending_over_limit", count(3)),
                // Its own first instances 民初1, 民初2 are appealed to the high court, which has no
                // case in the table: whether they were reversed is not known here — undefined,
                // not 0 ÷ 2.
                hand("first_instance_reversal_rate", undefined()),
                // 民终1–4, 民终6, 民再1, 民再2, 民再301, 民初1, 民初2 = 10; mediated 民初1.
                hand("mediation_rate", percent(1, 10)),
                // 民再1 1, 民再2 1, 民初1 2 (执1), 民初2 1 → 5 ÷ 4.
                hand("case_matter_ratio", ratio(5, 4)),
                // 信访: R6 and R10 (R7 after the ending); 吴's matter in the backlog all year.
                hand("petitions", count(2)),
                hand("petition_persons", count(2)),
                hand("petition_visits", count(1)),
                hand("group_visits", count(0)),
                hand("petitions_to_province", count(0)),
                hand("petitions_to_beijing", count(0)),
                hand("petitions_to_circuit", count(1)),
                hand("repeat_petition_rate", percent(0, 2)),
                hand("litigation_routed_rate", percent(0, 1)),
                hand("enforcement_petitions", count(1)),
                hand("enforcement_petitions_concluded", count(1)),
                hand("enforcement_petition_completion_rate", percent(1, 1)),
                hand("petitions_became_old", count(0)),
                hand("petition_backlog", count(1)),
                hand("backlog_resolution_rate", percent(0, 1)),
                hand("petition_case_ratio", ratio(200, 13)),
                // 司法救助: A3, refused; A5 was the year before. Nothing granted: no amount a
                // grant, no recipient to ask.
                hand("assistance_applications", count(1)),
                hand("assistance_granted", count(0)),
                hand("assistance_amount", 0.0),
                hand("assistance_per_grant", undefined()),
                hand("assistance_quiet_rate", undefined()),
                // 评查: 14民终2 (20 days, problem), 14刑终1 (22, its first review).
                hand("reviewed_cases", count(2)),
                hand("review_problem_cases", count(1)),
                hand("review_error_cases", count(0)),
                hand("review_problem_rate", percent(1, 2)),
                hand("review_error_rate", percent(0, 2)),
                hand("review_days", ratio(42, 2)),
                hand("key_reviewed_cases", count(0)),
                hand("key_review_problem_cases", count(0)),
                hand("key_review_error_cases", count(0)),
                // 送达: T9–T12; served T9, T10, T11, all on the first attempt; electronic
                // T10; served in 2025 T9 2, T10 0, T11 15 = 17 over 3; mailed T12 (delivered
                // after the period); cases 14民终1, 14民初2, none announced.
                hand("service_tasks", count(4)),
                hand("service_success_rate", percent(3, 4)),
                hand("service_first_success_rate", percent(3, 4)),
                hand("service_days", ratio(17, 3)),
                hand("electronic_service_rate", percent(1, 3)),
                hand("notice_service_rate", percent(0, 2)),
                hand("postal_delivery_rate", percent(0, 1)),
                hand("postal_refusal_rate", percent(0, 1)),
                hand("address_unknown_rate", percent(0, 1)),
                hand("electronic_without_consent", count(0)),
            ],
        ),
    ]
}

/// 同比: the same indicators over 2024, the year before.
pub fn year_earlier() -> Vec<Hand> {
    vec![
        // Closed in 2024: 1402民初102, 14民终101 (both 2024-12-31), 1402刑初102 (12-27),
        // 民初105 (09-10), 执302 (03-01) = 5.
        hand("closed", count(5)),
        // First instances closed in 2024: 1402民初102, 民初105, 刑初102 = 3; reversed in 2024:
        // 民初105 (14民终101, 2024-12-31) = 1; 民初102's reversal falls in 2025 → 1 ÷ 3 × 100.
        hand("first_instance_reversal_rate", percent(1, 3)),
    ]
}

/// Cases closed in each month of 2025 (the 结案均衡度 above).
pub fn closed_by_month() -> [(&'static str, i64); 12] {
    [
        // 1402民初101 and 14民再301, both on 01-01.
        ("2025-01", 2),
        // 1402执保1, 执301, 执5, 刑初101 (02-28).
        ("2025-02", 4),
        // 1402民初2, 刑初1, 14民终2, 民终1.
        ("2025-03", 4),
        // 1402民初1 (04-02), 民初3.
        ("2025-04", 2),
        // 1402民初5, 14民再1, 1402执1, 执4.
        ("2025-05", 4),
        // 14民终3, 刑终1, 1402民初4, 14民再2 (06-30).
        ("2025-06", 4),
        // 1402民初6, 14民初1.
        ("2025-07", 2),
        // 1402民初10, 财保1, 14民申1, 1402执恢1.
        ("2025-08", 4),
        // 1402民初9, 民初11.
        ("2025-09", 2),
        // 1402民初8, 民初7, 14民初2, 14执1.
        ("2025-10", 4),
        // 1402执3, 14民终6.
        ("2025-11", 2),
        // 1402执6, 14民终4.
        ("2025-12", 2),
    ]
}
