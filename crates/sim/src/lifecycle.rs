//! One case from filing to closing: its procedure, division and judge (drawn at random within the
//! division, as random assignment does), its duration against the statutory limit, the
//! extensions and excluded periods it needs, its closing method and amounts, and its events.

use chrono::{Datelike, Days, NaiveDate};
use shenguan_domain::{
    CaseType, DeadlineOptions, DeadlineRequest, Period, Procedure, Stage, deadline_date,
};

use crate::rng::Rng;
use crate::{Context, SimCase};

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
        ("执", _) => (75.0, 0.8),
        ("执恢", _) => (90.0, 0.8),
        ("执保", _) => (6.0, 0.6),
        ("执异", _) => (9.0, 0.4),
        ("财保", _) => (1.0, 0.4),
        _ => (30.0, 0.5),
    }
}

/// Closing methods and weights by type code (first instance by stage otherwise).
fn closing_methods(type_code: &str) -> &'static [(&'static str, f64)] {
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

const CIVIL_CAUSES: &[&str] = &[
    "民间借贷纠纷",
    "买卖合同纠纷",
    "金融借款合同纠纷",
    "离婚纠纷",
    "机动车交通事故责任纠纷",
    "劳动争议",
    "物业服务合同纠纷",
    "房屋租赁合同纠纷",
    "建设工程施工合同纠纷",
    "信用卡纠纷",
];
const CRIMINAL_CAUSES: &[&str] = &[
    "危险驾驶罪",
    "盗窃罪",
    "诈骗罪",
    "帮助信息网络犯罪活动罪",
    "故意伤害罪",
    "开设赌场罪",
];
const ADMINISTRATIVE_CAUSES: &[&str] = &[
    "行政处罚",
    "行政强制",
    "政府信息公开",
    "行政许可",
    "工伤认定",
];
const SERVICE_METHODS: &[(&str, f64)] =
    &[("电子送达", 0.55), ("邮寄送达", 0.35), ("直接送达", 0.10)];

/// Decides everything about a case from its filing on.
pub(crate) fn run(case: &mut SimCase, ctx: &Context<'_>) {
    let mut rng = Rng::new(ctx.params.seed, case.id ^ 0x4C49_4645);
    let court = &ctx.courts[case.court];
    if case.procedure.is_none() {
        case.procedure = procedure(case.type_code, &mut rng);
    }
    if case.cause.is_empty() {
        case.cause = cause(case.type_code, &mut rng);
    }
    let divisions = court.divisions_for(case.type_code);
    if let Some(division) = divisions.get(rng.between(0, divisions.len() as i64 - 1) as usize) {
        case.division = division.name;
        case.judge = rng.pick(&division.judges).clone();
    }
    if case.claim.is_none() && matches!(case.type_code, "民初" | "执" | "财保" | "执保") {
        // Claims are log-normal around 30,000 yuan; enforcement of its own filings a bit larger.
        let yuan = rng.log_normal(30_000.0, 1.3).clamp(100.0, 5.0e8);
        case.claim = Some((yuan * 100.0).round() as i64);
    }

    let filed = case.filed_on;
    if CaseType::lookup(case.type_code).is_some_and(|t| t.stage == Stage::SecondInstance) {
        // The appeal arrives with the first-instance file, sent up by the court below.
        case.events.push((
            filed,
            "收到上诉卷宗",
            ctx.courts[case.home_court].name.clone(),
        ));
    }
    case.events.push((filed, "立案", String::new()));
    let assigned = add(filed, rng.between(0, 2));
    case.events.push((
        assigned,
        "分案",
        format!("{} {}", case.division, case.judge),
    ));

    // Excluded periods: notice by publication and expert assessment in civil ordinary cases.
    let mut excluded: Vec<(&'static str, u32)> = Vec::new();
    if case.type_code == "民初" && case.procedure == Some(Procedure::Ordinary) {
        if rng.chance(0.08) {
            excluded.push(("公告", 60));
        }
        if rng.chance(0.05) {
            excluded.push(("鉴定", rng.between(30, 120) as u32));
        }
    }
    case.excluded_days = excluded.iter().map(|(_, d)| d).sum();

    let (median, sigma) = duration_model(case.type_code, case.procedure);
    let mut days = rng.log_normal(median, sigma).max(1.0);
    // A small tail of civil ordinary cases runs for a year or years (complex, stalled, suspended).
    if case.type_code == "民初" && case.procedure == Some(Procedure::Ordinary) && rng.chance(0.012)
    {
        days *= rng.between(5, 14) as f64;
    }
    // A court over capacity in the month of filing takes longer, in proportion to the excess.
    let load = ctx
        .load
        .get(&(
            case.court,
            filed_year_month(case).0,
            filed_year_month(case).1,
        ))
        .copied()
        .unwrap_or(0.0);
    days *= 1.0 + (load - 1.0).max(0.0) * LOAD_SENSITIVITY;
    let mut days = days.round() as u64 + u64::from(case.excluded_days);

    // The limit as the law and calendar set it; an extension is approved for most cases that
    // need one, the rest close late.
    let base = deadline(case, ctx);
    if let Some(base_deadline) = base {
        let close = add(filed, days as i64);
        if close > base_deadline && rng.chance(0.85) {
            let extension = extension_for(case.type_code, case.procedure);
            if let Some(extension) = extension {
                let approved = add(base_deadline, -rng.between(5, 15));
                case.events
                    .push((approved.max(filed), "延长审限", extension.label_zh()));
                case.extension_days = match extension {
                    Period::Days(d) => d,
                    Period::Months(m) => m * 30,
                };
                if let Some(extended) = deadline(case, ctx) {
                    // Most extended cases then finish inside the extension.
                    if add(filed, days as i64) > extended && rng.chance(0.9) {
                        let inside = (extended - filed).num_days() - rng.between(0, 10);
                        days = inside.max(1) as u64;
                    }
                }
            }
        }
    }
    let closed = add(filed, days as i64);

    // Events between filing and closing: service, excluded periods, hearings.
    let mut cursor = assigned;
    for _ in 0..rng.between(1, 3) {
        cursor = add(cursor, rng.between(1, 6));
        let method = SERVICE_METHODS
            [rng.weighted(&SERVICE_METHODS.iter().map(|m| m.1).collect::<Vec<_>>())]
        .0;
        let ok = rng.chance(0.8);
        case.events.push((
            cursor.min(closed),
            "送达",
            format!("{method} {}", if ok { "成功" } else { "失败" }),
        ));
        if ok {
            break;
        }
    }
    let mut excluded_start = cursor;
    for (kind, length) in &excluded {
        excluded_start = add(excluded_start, 1);
        let end = add(excluded_start, i64::from(*length));
        case.events.push((
            excluded_start.min(closed),
            "扣除审限开始",
            (*kind).to_string(),
        ));
        case.events
            .push((end.min(closed), "扣除审限结束", (*kind).to_string()));
        excluded_start = end;
    }
    if has_hearing(case.type_code) {
        let hearing = add(filed, (days as i64 * 3 / 4).max(1)).min(closed);
        case.events
            .push((hearing.max(cursor.min(closed)), "开庭", String::new()));
    }
    if case.type_code.starts_with('执') && case.type_code != "执异" {
        enforcement_measures(case, closed, &mut rng);
    }

    if closed <= ctx.params.to {
        let methods = closing_methods(case.type_code);
        let weights: Vec<f64> = methods.iter().map(|m| m.1).collect();
        let method = methods[rng.weighted(&weights)].0;
        case.closed_on = Some(closed);
        case.closing_method = Some(method);
        if case.type_code.starts_with('执') {
            case.recovered = recovered(case.claim, method, &mut rng);
        }
        case.events.push((closed, "结案", method.to_string()));
    }
    // Nothing happens after the closing day (a quick case is assigned and closed the same day),
    // and a pending case's timeline stops at the simulated today.
    for event in &mut case.events {
        event.0 = event.0.min(closed);
    }
    case.events.retain(|(date, ..)| *date <= ctx.params.to);
    case.events.sort_by_key(|(date, ..)| *date);
}

/// How much longer cases take per unit of load above capacity (load 1.2 → 40 % longer).
const LOAD_SENSITIVITY: f64 = 2.0;

fn filed_year_month(case: &SimCase) -> (i32, u32) {
    (case.filed_on.year(), case.filed_on.month())
}

fn add(date: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        date.checked_add_days(Days::new(days as u64))
            .unwrap_or(date)
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
            .unwrap_or(date)
    }
}

/// The deadline of the case as it stands (its extension days and excluded days included).
fn deadline(case: &SimCase, ctx: &Context<'_>) -> Option<NaiveDate> {
    let extensions: Vec<Period> = (case.extension_days > 0)
        .then_some(Period::Days(case.extension_days))
        .into_iter()
        .collect();
    let request = DeadlineRequest {
        filed_on: case.filed_on,
        type_code: case.type_code,
        procedure: case.procedure.filter(|p| {
            ctx.limits
                .rule_for(case.type_code, Some(*p))
                .ok()
                .flatten()
                .is_some()
        }),
        extensions: &extensions,
        excluded_days: case.excluded_days,
    };
    deadline_date(
        &request,
        ctx.limits,
        ctx.calendar,
        DeadlineOptions::default(),
    )
    .ok()
    .flatten()
}

/// The extension a president approves, where one is allowed.
fn extension_for(type_code: &str, procedure: Option<Procedure>) -> Option<Period> {
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
    let weights: Vec<f64> = options.iter().map(|o| o.1).collect();
    Some(options[rng.weighted(&weights)].0)
}

fn cause(type_code: &str, rng: &mut Rng) -> &'static str {
    match CaseType::lookup(type_code).map(|t| t.category) {
        Some(shenguan_domain::Category::Criminal) => one_of(rng, CRIMINAL_CAUSES),
        Some(shenguan_domain::Category::Administrative) => one_of(rng, ADMINISTRATIVE_CAUSES),
        _ => one_of(rng, CIVIL_CAUSES),
    }
}

fn one_of(rng: &mut Rng, items: &[&'static str]) -> &'static str {
    items[rng.between(0, items.len() as i64 - 1) as usize]
}

fn has_hearing(type_code: &str) -> bool {
    CaseType::lookup(type_code).is_some_and(|t| {
        matches!(
            t.stage,
            Stage::FirstInstance | Stage::SecondInstance | Stage::Retrial
        )
    })
}

/// Enforcement measures through the life of an enforcement case.
fn enforcement_measures(case: &mut SimCase, closed: NaiveDate, rng: &mut Rng) {
    let filed = case.filed_on;
    let span = (closed - filed).num_days().max(1);
    let push = |case: &mut SimCase, share: f64, kind: &'static str, detail: &str| {
        let day = add(filed, ((span as f64) * share).round() as i64).min(closed);
        case.events.push((day, kind, detail.to_string()));
    };
    push(case, 0.05, "查控", "网络查控");
    if rng.chance(0.6) {
        push(case, 0.15, "冻结", "银行存款");
    }
    if rng.chance(0.45) {
        push(case, 0.3, "扣划", "");
    }
    if rng.chance(0.08) {
        push(case, 0.6, "拍卖", "不动产");
    }
    if rng.chance(0.5) {
        push(case, 0.4, "限制消费", "");
    }
    if rng.chance(0.25) {
        push(case, 0.5, "失信", "纳入失信被执行人名单");
    }
    if rng.chance(0.3) {
        push(case, 0.7, "约谈", "约谈当事人");
    }
}

fn recovered(claim: Option<i64>, method: &str, rng: &mut Rng) -> Option<i64> {
    let claim = claim?;
    let share = match method {
        "执行完毕" => 1.0,
        "终结本次执行" => rng.unit() * 0.3,
        "终结执行" => rng.unit() * 0.5,
        _ => 0.0,
    };
    Some((claim as f64 * share).round() as i64)
}
