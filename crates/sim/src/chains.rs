//! Cases that follow from closed cases: appeals to the intermediate court, remands returning as
//! new first-instance cases, enforcement of money judgments and mediations, restored enforcement
//! after 终本, and retrial review of appeals.

use chrono::{Days, NaiveDate};

use crate::rng::Rng;
use crate::{Context, SimCase};

/// Follow-on chains stop after this many links from an original filing.
const MAX_DEPTH: u8 = 4;

/// The cases that the closed cases of `wave` give rise to.
pub(crate) fn follow_ons(wave: &[SimCase], ctx: &Context<'_>) -> Vec<SimCase> {
    let mut next = Vec::new();
    for case in wave {
        let (Some(closed), Some(method)) = (case.closed_on, case.closing_method) else {
            continue;
        };
        if case.depth >= MAX_DEPTH {
            continue;
        }
        let mut rng = Rng::new(ctx.params.seed, case.id ^ 0x4348_4149);
        let spawn =
            |role: u64, court: usize, type_code: &'static str, after: (i64, i64), rng: &mut Rng| {
                let filed = add(closed, rng.between(after.0, after.1));
                if filed > ctx.params.to {
                    return None;
                }
                Some(SimCase {
                    // The parent's identity and the role make the child's: stable whatever the order.
                    id: splitmix(case.id ^ role.wrapping_mul(0x9E37_79B9_7F4A_7C15)) & !(1 << 63),
                    court,
                    type_code,
                    procedure: None,
                    cause: if type_code.starts_with('执') {
                        ""
                    } else {
                        case.cause
                    },
                    division: "",
                    judge: String::new(),
                    filed_on: filed,
                    closed_on: None,
                    closing_method: None,
                    claim: case.claim,
                    recovered: None,
                    extension_days: 0,
                    excluded_days: 0,
                    origin: Some(case.id),
                    home_court: case.home_court,
                    depth: case.depth + 1,
                    events: Vec::new(),
                })
            };
        let judged = matches!(method, "判决" | "驳回起诉");
        match case.type_code {
            "民初" | "行初" if case.court != 0 && judged => {
                let rate = if case.type_code == "行初" {
                    0.45
                } else {
                    ctx.params.civil_appeal_rate
                };
                if rng.chance(rate) {
                    let appeal = if case.type_code == "行初" {
                        "行终"
                    } else {
                        "民终"
                    };
                    next.extend(spawn(1, 0, appeal, (20, 50), &mut rng));
                } else if case.type_code == "民初"
                    && money(method)
                    && rng.chance(ctx.params.enforcement_rate)
                {
                    next.extend(spawn(2, case.court, "执", (30, 180), &mut rng));
                }
            }
            "民初"
                if case.court != 0
                    && method == "调解"
                    && rng.chance(ctx.params.enforcement_rate * 0.6) =>
            {
                next.extend(spawn(2, case.court, "执", (30, 180), &mut rng));
            }
            "刑初"
                if case.court != 0
                    && method == "判决"
                    && rng.chance(ctx.params.criminal_appeal_rate) =>
            {
                next.extend(spawn(1, 0, "刑终", (15, 40), &mut rng));
            }
            "民终" | "行终" | "刑终" => {
                if method == "发回重审" {
                    // Back to the court of first instance, as a new first-instance case.
                    let first = first_instance_of(case.type_code);
                    next.extend(spawn(3, case.home_court, first, (15, 30), &mut rng));
                } else if case.type_code == "民终" && matches!(method, "维持" | "改判") {
                    if rng.chance(0.025) {
                        next.extend(spawn(4, 0, "民申", (60, 180), &mut rng));
                    } else if rng.chance(ctx.params.enforcement_rate) {
                        next.extend(spawn(2, case.home_court, "执", (30, 120), &mut rng));
                    }
                }
            }
            "民申" if method == "裁定再审" => {
                next.extend(spawn(6, 0, "民再", (10, 30), &mut rng));
            }
            "执" | "执恢" if method == "终结本次执行" && rng.chance(0.12) => {
                next.extend(spawn(5, case.court, "执恢", (90, 540), &mut rng));
            }
            _ => {}
        }
    }
    next
}

/// Money judgments can be enforced; dismissals cannot.
fn money(method: &str) -> bool {
    method == "判决"
}

fn first_instance_of(appeal: &str) -> &'static str {
    match appeal {
        "刑终" => "刑初",
        "行终" => "行初",
        _ => "民初",
    }
}

fn add(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_days(Days::new(days.max(0) as u64))
        .unwrap_or(date)
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
