//! One case from filing to closing, as facts: its procedure, division and judge (drawn at random
//! within the division, as random assignment does), its duration against the statutory limit,
//! the extensions and excluded periods it needs, its closing method and amounts. Its events are
//! told from these facts later (`timeline`).

use chrono::{Datelike, NaiveDate};
use shenguan_domain::{Category, Deadline, DeadlineRequest, Period, Procedure, deadline_summary};

use crate::facts::{ADMINISTRATIVE_CAUSES, CIVIL_CAUSES, CRIMINAL_CAUSES, CaseFacts, Excluded};
use crate::rng::Rng;
use crate::{Context, add_days};

/// How long cases of a type and procedure take: median days and log-scale spread.
fn duration_model(type_code: &str, procedure: Option<Procedure>) -> (f64, f64) {
    use Procedure as P;
    match (type_code, procedure) {
        ("民初", Some(P::SmallClaims)) => (22.0, 0.45),
        ("民初", Some(P::Simple)) => (27.0, 0.55),
        ("民初", _) => (72.0, 0.55),
        ("刑初", Some(P::Speedy)) => (6.0, 0.35),
        ("刑初", Some(P::Simple)) => (13.0, 0.35),
        ("刑初", _) => (38.0, 0.35),
        ("民特", _) => (9.0, 0.5),
        ("民终", _) => (52.0, 0.45),
        ("刑终", _) => (34.0, 0.35),
        ("行初", _) => (70.0, 0.5),
        ("行终", _) => (50.0, 0.45),
        ("民申", _) => (45.0, 0.45),
        ("民再", _) => (60.0, 0.45),
        ("执", _) => (45.0, 0.65),
        ("执恢", _) => (75.0, 0.7),
        ("执保", _) => (6.0, 0.6),
        ("执异", _) => (9.0, 0.4),
        ("财保", _) => (1.0, 0.4),
        _ => (30.0, 0.5),
    }
}

/// Closing methods and weights by type code.
pub(crate) fn closing_methods(type_code: &str) -> &'static [(&'static str, f64)] {
    match type_code {
        "民初" => &[
            ("判决", 0.40),
            ("调解", 0.25),
            ("撤诉", 0.26),
            ("按撤诉处理", 0.04),
            ("驳回起诉", 0.03),
            ("移送", 0.02),
        ],
        "刑初" => &[("判决", 0.97), ("撤诉", 0.02), ("终止审理", 0.01)],
        "行初" => &[
            ("判决", 0.45),
            ("撤诉", 0.35),
            ("驳回起诉", 0.18),
            ("移送", 0.02),
        ],
        "民特" => &[("裁定", 0.85), ("驳回申请", 0.15)],
        "民终" | "行终" => &[
            ("维持", 0.68),
            ("改判", 0.10),
            ("发回重审", 0.04),
            ("撤诉", 0.12),
            ("调解", 0.06),
        ],
        "刑终" => &[
            ("维持", 0.86),
            ("改判", 0.08),
            ("发回重审", 0.03),
            ("撤诉", 0.03),
        ],
        "民申" => &[("驳回再审申请", 0.85), ("裁定再审", 0.10), ("撤诉", 0.05)],
        "民再" => &[
            ("维持", 0.45),
            ("改判", 0.35),
            ("发回重审", 0.10),
            ("调解", 0.10),
        ],
        "执" | "执恢" => &[
            ("执行完毕", 0.45),
            ("终结本次执行", 0.38),
            ("终结执行", 0.10),
            ("不予执行", 0.01),
            ("销案", 0.06),
        ],
        "执保" => &[("执行完毕", 1.0)],
        "执异" => &[("驳回", 0.7), ("支持", 0.2), ("撤销", 0.1)],
        "财保" => &[("裁定", 0.9), ("驳回申请", 0.1)],
        _ => &[("其他", 1.0)],
    }
}

/// The closing method of a closed case, as text.
pub(crate) fn closing_method(case: &CaseFacts) -> Option<&'static str> {
    let methods = closing_methods(case.type_code());
    case.method
        .and_then(|m| methods.get(usize::from(m)))
        .map(|m| m.0)
}

/// The share of civil ordinary first-instance cases with a party served by announcement.
const NOTICE_SHARE: f64 = 0.35;

/// Decides everything about a case from its filing on.
pub(crate) fn run(case: &mut CaseFacts, ctx: &Context<'_>) {
    let mut rng = Rng::new(ctx.params.seed, case.id ^ 0x4C49_4645);
    let type_code = case.type_code();
    let court = &ctx.courts[usize::from(case.court)];
    if case.procedure.is_none() {
        case.procedure = procedure(type_code, &mut rng);
    }
    if case.cause.is_none() && !type_code.starts_with('执') {
        case.cause = Some(cause(case.case_type.category, &mut rng));
    }
    let handling = court.divisions_for(type_code).count();
    if handling > 0 {
        let pick = rng.between(0, handling as i64 - 1) as usize;
        if let Some((index, division)) = court.divisions_for(type_code).nth(pick) {
            case.division = index as u8;
            case.judge = (rng.next_u64() % division.judges.len().max(1) as u64) as u8;
        }
    }
    if case.claim.is_none() && matches!(type_code, "民初" | "执" | "财保" | "执保") {
        // Claims are log-normal around 30,000 yuan; enforcement of its own filings a bit larger.
        let yuan = rng.log_normal(30_000.0, 1.3).clamp(100.0, 5.0e8);
        case.claim = Some((yuan * 100.0).round() as i64);
    }

    // Excluded periods: notice by publication and expert assessment in civil ordinary cases (a
    // case with a party who cannot be found is not tried by the simple procedure, 民诉法解释第257
    // 条, so announcements gather there: a third of them gives about 8 % of 民初 cases served by
    // announcement, near the 10 % average Zhejiang's courts reported for 2019).
    if type_code == "民初" && case.procedure == Some(Procedure::Ordinary) {
        if rng.chance(NOTICE_SHARE) {
            case.excluded |= Excluded::NOTICE;
            case.excluded_days += Excluded::notice_days(case.filed_on);
        }
        if rng.chance(0.05) {
            case.excluded |= Excluded::ASSESSMENT;
            case.excluded_days += rng.between(30, 120) as u16;
        }
    }

    let filed = case.filed_on;
    let (median, sigma) = duration_model(type_code, case.procedure);
    let mut days = rng.log_normal(median, sigma).max(1.0);
    // A small tail of civil ordinary cases runs for a year or years (complex, stalled, suspended).
    if type_code == "民初" && case.procedure == Some(Procedure::Ordinary) && rng.chance(0.012) {
        days *= rng.between(5, 14) as f64;
    }
    // A court over capacity in the month of filing takes longer, in proportion to the excess;
    // and courts have their own pace (a lagging court or two).
    let load = ctx.load_in(usize::from(case.court), filed);
    days *= 1.0 + (load - 1.0).max(0.0) * LOAD_SENSITIVITY;
    days *= court.pace;
    // Far beyond the span: the case is pending either way.
    let mut days = (days.round() as i64).min(40_000) + i64::from(case.excluded_days);

    // The limit as the law and calendar set it; an extension is approved for most cases that
    // need one, the rest close late.
    case.deadline = deadline(case, ctx);
    if let Some(base_deadline) = case.deadline
        && add_days(filed, days) > base_deadline
        && rng.chance(0.85)
        && extension_for(type_code, case.procedure).is_some()
    {
        let approved = add_days(base_deadline, -rng.between(5, 15));
        case.extension_approved_on = Some(approved.max(filed));
        let extended = summary(case, ctx);
        case.deadline = extended.as_ref().and_then(|d| d.date);
        case.extension_days =
            extended.map_or(0, |d| d.extension_days.min(u32::from(u16::MAX)) as u16);
        // Most extended cases then finish inside the extension.
        if let Some(extended) = case.deadline
            && add_days(filed, days) > extended
            && rng.chance(0.9)
        {
            days = ((extended - filed).num_days() - rng.between(0, 10)).max(1);
        }
    }
    let mut closed = add_days(filed, days);
    // The year-end push: of the cases that would close early next year, a share of those old
    // enough is closed in the second half of December instead (and January is quieter) — but
    // not before its excluded periods (from the fifteenth day) have run.
    if let Some(pushed) = year_end(filed, closed, &mut rng)
        && pushed > add_days(filed, 15 + i64::from(case.excluded_days))
    {
        closed = pushed;
    }
    let methods = closing_methods(type_code);
    let method = rng.weighted_index(methods);
    // 终本 may come only after three months from filing (法〔2016〕373号 Art. 1(4)): a case that
    // would end sooner without property is closed after that, bar the few files the checklist
    // catches.
    if methods[method].0 == "终结本次执行"
        && let Some(earliest) = filed.checked_add_months(chrono::Months::new(3))
        && closed <= earliest
        && !rng.chance(ZHONGBEN_TOO_EARLY)
    {
        closed = add_days(earliest, rng.between(1, 20));
    }
    // A case is closed on a day the court sits.
    let closed = crate::sitting_day(closed, filed, ctx.calendar);
    if closed <= ctx.params.to {
        case.closed_on = Some(closed);
        case.method = Some(method as u8);
        if type_code.starts_with('执') {
            case.recovered = recovered(case.claim, methods[method].0, &mut rng);
        }
    }
}

/// The share of 终本 closings made before three months from filing had passed.
const ZHONGBEN_TOO_EARLY: f64 = 0.02;

/// Of the cases that would close from January to March and were filed by 10 December, the share
/// closed in the year-end push instead (see `realism`: December closings clearly above the
/// monthly mean, January below it).
const YEAR_END_PUSH: f64 = 0.55;

/// The December day a case would be closed on in the year-end push, if it is.
fn year_end(filed: NaiveDate, closed: NaiveDate, rng: &mut Rng) -> Option<NaiveDate> {
    let year = closed.year() - 1;
    let early_next_year = closed.month() <= 3 && year >= filed.year();
    let cut = NaiveDate::from_ymd_opt(year, 12, 10)?;
    if !early_next_year || filed > cut || !rng.chance(YEAR_END_PUSH) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, 12, rng.between(14, 30) as u32)
}

/// How much longer cases take per unit of load above capacity (load 1.2 → 40 % longer).
const LOAD_SENSITIVITY: f64 = 2.0;

/// Months from the start of the span, for the load table.
pub(crate) fn month_index(from: NaiveDate, day: NaiveDate) -> usize {
    let months = (day.year() - from.year()) * 12 + day.month0() as i32 - from.month0() as i32;
    months.max(0) as usize
}

/// The deadline of the case as it stands (its extension and excluded days included), with
/// the deployment's options, so that it equals the deadline the files and the store derive.
pub(crate) fn deadline(case: &CaseFacts, ctx: &Context<'_>) -> Option<NaiveDate> {
    summary(case, ctx).and_then(|d| d.date)
}

/// The same, with the days the extension adds.
fn summary(case: &CaseFacts, ctx: &Context<'_>) -> Option<Deadline> {
    let extension = case.extension();
    let type_code = case.type_code();
    let excluded = [shenguan_domain::Exclusion::total(u32::from(
        case.excluded_days,
    ))];
    let request = DeadlineRequest {
        filed_on: case.filed_on,
        type_code,
        procedure: case.procedure.filter(|p| {
            ctx.limits
                .rule_for(type_code, Some(*p))
                .ok()
                .flatten()
                .is_some()
        }),
        extensions: extension.as_slice(),
        exclusions: if case.excluded_days > 0 {
            &excluded
        } else {
            &[]
        },
    };
    deadline_summary(
        &request,
        ctx.limits,
        ctx.calendar,
        ctx.params.deadline_options,
    )
    .ok()
}

/// The extension a president approves, where one is allowed.
pub(crate) fn extension_for(type_code: &str, procedure: Option<Procedure>) -> Option<Period> {
    match (type_code, procedure) {
        ("民初", Some(Procedure::Ordinary)) | ("行初", _) => Some(Period::Months(6)),
        ("民初", _) => Some(Period::Months(1)),
        ("刑初", Some(Procedure::Ordinary)) | ("民终", _) | ("行终", _) => {
            Some(Period::Months(1))
        }
        ("执" | "执恢", _) => Some(Period::Months(3)),
        _ => None,
    }
}

fn procedure(type_code: &str, rng: &mut Rng) -> Option<Procedure> {
    use Procedure as P;
    let options: &[(Procedure, f64)] = match type_code {
        "民初" => &[
            (P::Simple, 0.62),
            (P::SmallClaims, 0.16),
            (P::Ordinary, 0.22),
        ],
        "刑初" => &[(P::Speedy, 0.35), (P::Simple, 0.35), (P::Ordinary, 0.30)],
        "行初" => &[(P::Ordinary, 0.8), (P::Simple, 0.2)],
        "民特" => &[(P::Special, 1.0)],
        "民终" | "刑终" | "行终" | "民再" => &[(P::Ordinary, 1.0)],
        _ => return None,
    };
    Some(options[rng.weighted_index(options)].0)
}

fn cause(category: Category, rng: &mut Rng) -> u8 {
    let range = match category {
        Category::Criminal => CRIMINAL_CAUSES,
        Category::Administrative => ADMINISTRATIVE_CAUSES,
        _ => CIVIL_CAUSES,
    };
    rng.between(i64::from(range.start), i64::from(range.end) - 1) as u8
}

pub(crate) fn recovered(claim: Option<i64>, method: &str, rng: &mut Rng) -> Option<i64> {
    let claim = claim?;
    let share = match method {
        "执行完毕" => 1.0,
        "终结本次执行" => rng.unit() * 0.3,
        "终结执行" => rng.unit() * 0.5,
        _ => 0.0,
    };
    Some((claim as f64 * share).round() as i64)
}
