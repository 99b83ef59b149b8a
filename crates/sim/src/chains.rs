//! Cases that follow from closed cases: appeals to the intermediate court, remands returning as
//! new first-instance cases, enforcement of money judgments and mediations, restored enforcement
//! after 终本, and retrial review of appeals.

use shenguan_domain::CaseType;

use crate::facts::CaseFacts;
use crate::lifecycle::closing_method;
use crate::rng::Rng;
use crate::{Context, add_days};

/// Follow-on chains stop after this many links from an original filing.
pub(crate) const MAX_DEPTH: u8 = 4;

/// The role of a follow-on case: part of its identity, and how its parent learns of an appeal.
const APPEAL: u64 = 1;

/// The cases that the closed cases of `wave` give rise to; `first` is the position of the wave's
/// first case in the model's list (a follow-on's origin is its parent's position). A parent that
/// is appealed learns the day its appeal is filed.
pub(crate) fn follow_ons(wave: &mut [CaseFacts], first: u32, ctx: &Context<'_>) -> Vec<CaseFacts> {
    let mut next = Vec::new();
    for (position, case) in wave.iter_mut().enumerate() {
        let (Some(closed), Some(method)) = (case.closed_on, closing_method(case)) else {
            continue;
        };
        if case.depth >= MAX_DEPTH {
            continue;
        }
        let parent = &*case;
        let mut rng = Rng::new(ctx.params.seed, parent.id ^ 0x4348_4149);
        let spawn =
            |role: u64, court: u8, type_code: &'static str, after: (i64, i64), rng: &mut Rng| {
                // What reaches the court on a rest day is filed on its next working day.
                let filed = crate::working_day_from(
                    add_days(closed, rng.between(after.0, after.1)),
                    ctx.calendar,
                );
                if filed > ctx.params.to {
                    return None;
                }
                let case_type = CaseType::lookup(type_code)?;
                let type_id = CaseType::id_of(type_code)?;
                // The parent's identity and the role make the child's: stable whatever the order.
                let id =
                    splitmix(parent.id ^ role.wrapping_mul(0x9E37_79B9_7F4A_7C15)) & !(1 << 63);
                let mut child =
                    CaseFacts::filed(id, case_type, type_id, court, parent.home_court, filed);
                if !type_code.starts_with('执') {
                    child.cause = parent.cause;
                }
                child.claim = parent.claim;
                child.origin = Some(first + position as u32);
                child.depth = parent.depth + 1;
                Some(child)
            };
        let born = next.len();
        // A bent case brings back what its gaming says (the suit again, the enforcement
        // restored), and a 终本 of its making is not restored a second time by the honest chain.
        if let Some(back) = crate::plant::follow_on(parent, ctx) {
            next.extend(refiled(parent, first + position as u32, back));
        }
        let planted_zhongben = parent.planted != 0 && method == "终结本次执行";
        let judged = matches!(method, "判决" | "驳回起诉");
        match parent.type_code() {
            "民初" | "行初" if parent.court != 0 && judged => {
                let rate = if parent.type_code() == "行初" {
                    0.45
                } else {
                    ctx.params.civil_appeal_rate
                };
                if rng.chance(rate) {
                    let appeal = if parent.type_code() == "行初" {
                        "行终"
                    } else {
                        "民终"
                    };
                    next.extend(spawn(APPEAL, 0, appeal, (20, 50), &mut rng));
                } else if parent.type_code() == "民初"
                    && money(method)
                    && rng.chance(ctx.params.enforcement_rate)
                {
                    next.extend(spawn(2, parent.court, "执", (30, 180), &mut rng));
                }
            }
            "民初"
                if parent.court != 0
                    && method == "调解"
                    && rng.chance(ctx.params.enforcement_rate * 0.6) =>
            {
                next.extend(spawn(2, parent.court, "执", (30, 180), &mut rng));
            }
            "刑初"
                if parent.court != 0
                    && method == "判决"
                    && rng.chance(ctx.params.criminal_appeal_rate) =>
            {
                next.extend(spawn(APPEAL, 0, "刑终", (15, 40), &mut rng));
            }
            "民终" | "行终" | "刑终" => {
                if method == "发回重审" {
                    // Back to the court of first instance, as a new first-instance case.
                    let first = first_instance_of(parent.type_code());
                    next.extend(spawn(3, parent.home_court, first, (15, 30), &mut rng));
                } else if parent.type_code() == "民终" && matches!(method, "维持" | "改判") {
                    if rng.chance(0.025) {
                        next.extend(spawn(4, 0, "民申", (60, 180), &mut rng));
                    } else if rng.chance(ctx.params.enforcement_rate) {
                        next.extend(spawn(2, parent.home_court, "执", (30, 120), &mut rng));
                    }
                }
            }
            "民申" if method == "裁定再审" => {
                next.extend(spawn(6, 0, "民再", (10, 30), &mut rng));
            }
            "执" | "执恢" if method == "终结本次执行" && !planted_zhongben && rng.chance(0.12) =>
            {
                next.extend(spawn(5, parent.court, "执恢", (90, 540), &mut rng));
            }
            _ => {}
        }
        if let Some(appeal) = next.get(born)
            && appeal.court == 0
            && appeal.case_type.stage == shenguan_domain::Stage::SecondInstance
        {
            case.appeal_filed_on = Some(appeal.filed_on);
        }
    }
    next
}

/// The role of a case a planted one brings back, in its identity.
const RETURNED: u64 = 7;

/// The case a bent case (at `position` in the model's list) brings back: a suit filed again has
/// the same court, type, cause, claim and parties (its `kin`) and no origin; a restored
/// enforcement names the 终本 case as its origin.
fn refiled(parent: &CaseFacts, position: u32, back: crate::plant::Returned) -> Option<CaseFacts> {
    if parent.depth >= MAX_DEPTH {
        return None;
    }
    let case_type = CaseType::lookup(back.type_code)?;
    let type_id = CaseType::id_of(back.type_code)?;
    let id = splitmix(parent.id ^ RETURNED.wrapping_mul(0x9E37_79B9_7F4A_7C15)) & !(1 << 63);
    let mut child = CaseFacts::filed(
        id,
        case_type,
        type_id,
        parent.court,
        parent.home_court,
        back.filed_on,
    );
    child.claim = parent.claim;
    child.depth = parent.depth + 1;
    if back.restores {
        child.origin = Some(position);
    } else {
        child.cause = parent.cause;
        child.kin = if parent.kin == crate::facts::NO_KIN {
            position
        } else {
            parent.kin
        };
    }
    Some(child)
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

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
