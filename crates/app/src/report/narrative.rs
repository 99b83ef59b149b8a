//! The sentences a speech or a bulletin opens with, written from the figures: caseload and its
//! change on a year earlier, efficiency and the long-pending, appeals and reversals, enforcement
//! against the "四个90%、一个80%" targets, and where the figures stand against the reference
//! ranges. Every number in them is the engine's value, shown by the same rule as the dashboard
//! (two decimals for rates and days); a value that cannot be computed is said to be so.

use crate::metrics::IndicatorCode;
use chrono::{Datelike, NaiveDate};
use shenguan_metrics::Unit;

use super::chinese_date;
use super::figures::{CODES, Figures};
use crate::metrics::{Change, Status, display_value};

/// A value with its unit: "1234件", "93.45%", "52.31天"; "无法计算" when undefined.
pub(crate) fn amount(unit: Unit, value: Option<f64>) -> String {
    match value {
        None => "无法计算".into(),
        Some(_) => {
            let shown = display_value(unit, value);
            match unit {
                Unit::Cases => format!("{shown}件"),
                Unit::Percent => format!("{shown}%"),
                Unit::Days => format!("{shown}天"),
                Unit::Ratio => shown,
                Unit::Yuan => format!("{shown}元"),
            }
        }
    }
}

/// How a value moved on a year earlier, in words: 上升5.20%, 下降1.30个百分点, 减少18.00天,
/// 持平; "上年同期无可比数据" when there is nothing to compare.
pub(crate) fn movement(unit: Unit, now: Option<f64>, earlier: Option<f64>) -> String {
    let Some(change) = Change::between(unit, now, earlier) else {
        return "上年同期无可比数据".into();
    };
    let size = display_value(Unit::Days, Some(change.amount().abs()));
    if size == "0.00" {
        return "持平".into();
    }
    let rising = change.amount() > 0.0;
    match change {
        Change::Percent(_) => format!("{}{size}%", if rising { "上升" } else { "下降" }),
        Change::Points(_) => format!("{}{size}个百分点", if rising { "上升" } else { "下降" }),
        Change::Difference(_) if unit == Unit::Days => {
            format!("{}{size}天", if rising { "增加" } else { "减少" })
        }
        Change::Difference(_) => format!("{}{size}", if rising { "上升" } else { "下降" }),
    }
}

/// Two changes said together as an official document says them: the shared verb once
/// ("新收、结案数同比分别上升5.07%和4.40%"), or each on its own when they differ in direction or
/// one has nothing to compare ("新收同比上升5.07%，结案数同比持平").
pub(crate) fn pair_moved(first: (&str, String), second: (&str, String)) -> String {
    let verb = |m: &str| {
        ["上升", "下降", "增加", "减少"]
            .into_iter()
            .find(|v| m.starts_with(v))
    };
    match (verb(&first.1), verb(&second.1)) {
        (Some(a), Some(b)) if a == b => format!(
            "{}、{}同比分别{a}{}和{}",
            first.0,
            second.0,
            &first.1[a.len()..],
            &second.1[b.len()..]
        ),
        _ => format!("{}同比{}，{}同比{}", first.0, first.1, second.0, second.1),
    }
}

/// The period as reports say it: 2026年1至10月, 2026年10月, or the two dates.
pub fn period_phrase(from: NaiveDate, to: NaiveDate) -> String {
    let month_end = to.succ_opt().is_none_or(|next| next.month() != to.month());
    if from.day() == 1 && month_end && from.year() == to.year() {
        if from.month() == to.month() {
            return format!("{}年{}月", from.year(), from.month());
        }
        return format!("{}年{}至{}月", from.year(), from.month(), to.month());
    }
    format!("{}至{}", chinese_date(from), chinese_date(to))
}

fn unit_of(code: IndicatorCode) -> Unit {
    Figures::indicator(code).map_or(Unit::Cases, |i| i.unit)
}

impl Figures {
    /// `code`'s value with its unit.
    fn say(&self, code: IndicatorCode) -> String {
        amount(unit_of(code), self.value(code))
    }

    /// `code`'s change on a year earlier, in words; one across a change of definition says so.
    fn moved(&self, code: IndicatorCode) -> String {
        let moved = movement(unit_of(code), self.value(code), self.year_earlier(code));
        match self.crossed(code) {
            Some((used, change)) => format!(
                "{moved}（其间口径自{}起变更，两期均按第{used}版口径计算，见注）",
                change.since()
            ),
            None => moved,
        }
    }
}

/// The caseload: accepted, new and carried over, concluded, and their change.
pub(crate) fn caseload(f: &Figures, scope: &str) -> String {
    format!(
        "{}，{scope}共受理各类案件{}，其中新收{}、旧存{}；审执结{}，结案率{}，结收比{}。{}。",
        period_phrase(f.from, f.to),
        f.say(IndicatorCode::Accepted),
        f.say(IndicatorCode::New),
        f.say(IndicatorCode::CarriedOver),
        f.say(IndicatorCode::Closed),
        f.say(IndicatorCode::ClosureRate),
        f.say(IndicatorCode::CloseToNewRatio),
        pair_moved(
            ("新收", f.moved(IndicatorCode::New)),
            ("结案数", f.moved(IndicatorCode::Closed)),
        ),
    )
}

/// Efficiency: within the limit, average trial days, and what is still pending.
pub(crate) fn efficiency(f: &Figures) -> String {
    format!(
        "法定审限内结案率{}，同比{}；案件平均审理天数{}，同比{}。截至{}，未结案件{}，其中超审限未结{}；超12个月未结{}、超18个月未结{}、超36个月未结{}。",
        f.say(IndicatorCode::WithinLimitRate),
        f.moved(IndicatorCode::WithinLimitRate),
        f.say(IndicatorCode::AvgTrialDays),
        f.moved(IndicatorCode::AvgTrialDays),
        chinese_date(f.to),
        f.say(IndicatorCode::Pending),
        f.say(IndicatorCode::PendingOverLimit),
        f.say(IndicatorCode::LongPending12m),
        f.say(IndicatorCode::LongPending18m),
        f.say(IndicatorCode::LongPending36m),
    )
}

/// Quality: appeals, reversals and remands, mediation, acceptance of first-instance judgments.
pub(crate) fn quality(f: &Figures) -> String {
    format!(
        "一审案件上诉率{}，一审被改判率{}、被发回重审率{}（{}）；调撤率{}，一审服判息诉率{}。",
        f.say(IndicatorCode::AppealRate),
        f.say(IndicatorCode::FirstInstanceReversalRate),
        f.say(IndicatorCode::FirstInstanceRemandRate),
        pair_moved(
            ("改判率", f.moved(IndicatorCode::FirstInstanceReversalRate)),
            (
                "发回重审率",
                f.moved(IndicatorCode::FirstInstanceRemandRate)
            ),
        ),
        f.say(IndicatorCode::MediationWithdrawalRate),
        f.say(IndicatorCode::FirstInstanceAcceptanceRate),
    )
}

/// How a value stands against a target of `target` percent.
fn against_target(value: Option<f64>, target: f64) -> String {
    match value {
        None => "本期无可计算数据".into(),
        Some(v) if v >= target => format!("达到{target:.0}%的目标"),
        Some(v) => format!(
            "距{target:.0}%的目标还差{}个百分点",
            display_value(Unit::Percent, Some(target - v))
        ),
    }
}

/// Enforcement against the 四个90%、一个80% targets (执行信访 from the petition register, when the
/// store holds one).
pub(crate) fn enforcement(f: &Figures) -> String {
    let petitions = match f.value(IndicatorCode::EnforcementPetitionCompletionRate) {
        Some(v) => format!(
            "执行信访案件办结率{}，{}",
            f.say(IndicatorCode::EnforcementPetitionCompletionRate),
            against_target(Some(v), f.targets.petitions_closed)
        ),
        None => "执行信访案件办结率须信访登记数据，暂不计算".to_string(),
    };
    format!(
        "执行工作方面，执行完毕率{}，终本率{}，执行到位率{}。对照“四个90%、一个80%”的目标，有财产可供执行案件法定期限内实际执结率{}，{}；无财产可供执行案件终本合格率{}，{}；近三年执行案件整体执结率{}，{}；{petitions}。",
        f.say(IndicatorCode::EnforcementCompletionRate),
        f.say(IndicatorCode::ZhongbenRate),
        f.say(IndicatorCode::EnforcementRecoveryRate),
        f.say(IndicatorCode::PropertyWithinLimitRate),
        against_target(
            f.value(IndicatorCode::PropertyWithinLimitRate),
            f.targets.property_within_limit
        ),
        f.say(IndicatorCode::ZhongbenComplianceRate),
        against_target(
            f.value(IndicatorCode::ZhongbenComplianceRate),
            f.targets.zhongben_compliance
        ),
        f.say(IndicatorCode::ThreeYearEnforcementRate),
        against_target(
            f.value(IndicatorCode::ThreeYearEnforcementRate),
            f.targets.three_year
        ),
    )
}

/// The indicators outside their ranges, with the range; and how many are within.
pub(crate) fn ranges(f: &Figures) -> String {
    let mut within = 0;
    let (mut below, mut above) = (Vec::new(), Vec::new());
    for &code in CODES {
        let Some(indicator) = Figures::indicator(code) else {
            continue;
        };
        let range = f
            .scope
            .ranges
            .get(Figures::index(code).unwrap_or(usize::MAX))
            .copied()
            .unwrap_or((None, None));
        let shown = |bound: Option<f64>| bound.map_or(String::new(), |b| format!("{b}"));
        let item = format!(
            "{}{}（参考区间{}–{}）",
            indicator.name_zh,
            f.say(code),
            shown(range.0),
            shown(range.1)
        );
        match f.status(code) {
            Some(Status::Within) => within += 1,
            Some(Status::Below) => below.push(item),
            Some(Status::Above) => above.push(item),
            None => {}
        }
    }
    if within == 0 && below.is_empty() && above.is_empty() {
        return "各项指标均未设参考区间（或本期无可比较的数值），不作区间比较。".into();
    }
    // "的指标为…": an indicator's name may itself begin with 有 (有财产可供执行…), so never "的有".
    let mut parts = Vec::new();
    if within > 0 {
        parts.push(format!("{within}项指标处于区间内"));
    }
    if !below.is_empty() {
        parts.push(format!("低于区间的指标为{}", below.join("、")));
    }
    if !above.is_empty() {
        parts.push(format!("高于区间的指标为{}", above.join("、")));
    }
    let mut text = format!("对照参考区间，{}", parts.join("；"));
    if below.is_empty() && above.is_empty() {
        text.push_str("，没有指标偏离区间");
    }
    text.push('。');
    text
}

/// The summary's paragraphs, in the order a speech reads them.
pub fn summary_paragraphs(f: &Figures, scope: &str) -> Vec<String> {
    vec![
        caseload(f, scope),
        efficiency(f),
        quality(f),
        enforcement(f),
        ranges(f),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn periods_are_said_as_reports_say_them() {
        assert_eq!(
            period_phrase(d("2026-01-01"), d("2026-07-31")),
            "2026年1至7月"
        );
        assert_eq!(
            period_phrase(d("2026-10-01"), d("2026-10-31")),
            "2026年10月"
        );
        assert_eq!(
            period_phrase(d("2024-01-01"), d("2024-02-29")),
            "2024年1至2月"
        );
        assert_eq!(
            period_phrase(d("2026-01-01"), d("2026-11-27")),
            "2026年1月1日至2026年11月27日"
        );
    }

    #[test]
    fn two_changes_share_their_verb_or_are_said_apart() {
        assert_eq!(
            pair_moved(("新收", "上升5.07%".into()), ("结案数", "上升4.40%".into())),
            "新收、结案数同比分别上升5.07%和4.40%"
        );
        assert_eq!(
            pair_moved(("新收", "上升5.07%".into()), ("结案数", "下降1.20%".into())),
            "新收同比上升5.07%，结案数同比下降1.20%"
        );
        assert_eq!(
            pair_moved(
                ("新收", "持平".into()),
                ("结案数", "上年同期无可比数据".into())
            ),
            "新收同比持平，结案数同比上年同期无可比数据"
        );
    }

    #[test]
    fn movements_are_said_in_the_unit_of_the_indicator() {
        assert_eq!(movement(Unit::Cases, Some(105.0), Some(100.0)), "上升5.00%");
        assert_eq!(
            movement(Unit::Percent, Some(90.0), Some(91.3)),
            "下降1.30个百分点"
        );
        assert_eq!(movement(Unit::Days, Some(60.0), Some(78.0)), "减少18.00天");
        assert_eq!(movement(Unit::Days, Some(60.0), Some(60.001)), "持平");
        assert_eq!(
            movement(Unit::Cases, Some(5.0), Some(0.0)),
            "上年同期无可比数据"
        );
        assert_eq!(
            movement(Unit::Percent, None, Some(3.0)),
            "上年同期无可比数据"
        );
    }

    #[test]
    fn targets_are_met_or_missed_by_so_many_points() {
        assert_eq!(against_target(Some(92.5), 90.0), "达到90%的目标");
        assert_eq!(
            against_target(Some(85.25), 90.0),
            "距90%的目标还差4.75个百分点"
        );
        assert_eq!(against_target(None, 80.0), "本期无可计算数据");
    }
}
