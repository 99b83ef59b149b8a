//! The five targets of 四个90%、一个80% as the third-party evaluation looks at them: per court,
//! each target's value, met or not, and how many cases short of the threshold; the share of courts
//! meeting the standard above the table.

use maud::{Markup, html};
use shenguan_app::metrics::targets::{CourtTargets, Standing, Target, Targets};
use shenguan_app::report::document::NumberFormat;

use super::Ctx;
use super::table::{Cell, Table};

/// A value in percent, to two places; "—" without one.
fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v:.2}"))
}

fn value_cell(standing: &Standing) -> Cell {
    let cell = Cell::figure(
        standing.value,
        NumberFormat::Percent(2),
        percent(standing.value),
    );
    match standing.passes {
        Some(true) => cell.class("within"),
        Some(false) => cell.class("below"),
        None => cell,
    }
}

/// 达标, or how many cases short; "—" when the court has no cases for the target.
fn short_cell(ctx: &Ctx, standing: &Standing) -> Cell {
    match standing.short {
        None => Cell::none(),
        Some(0) => Cell::text(ctx.t("达标", "met")).class("within"),
        Some(n) => {
            let text = match ctx.lang {
                shenguan_domain::Lang::Zh => format!("差{n}件"),
                shenguan_domain::Lang::En => format!("{n} short"),
            };
            Cell::figure(Some(n as f64), NumberFormat::Integer, text).class("below")
        }
    }
}

fn meets_cell(ctx: &Ctx, court: &CourtTargets) -> Cell {
    match court.meets {
        Some(true) => Cell::text(ctx.t("达标", "meets")).class("within"),
        Some(false) => Cell::text(ctx.t("未达标", "does not meet")).class("below"),
        None => Cell::none(),
    }
}

fn name(ctx: &Ctx, target: Target) -> String {
    ctx.t(target.name_zh(), target.name_en()).to_string()
}

fn row(ctx: &Ctx, label: Cell, court: &CourtTargets) -> Vec<Cell> {
    vec![
        label,
        value_cell(&court.property_within_limit),
        short_cell(ctx, &court.property_within_limit),
        value_cell(&court.zhongben_compliance),
        short_cell(ctx, &court.zhongben_compliance),
        Cell::count(court.zhongben_undetermined),
        value_cell(&court.petitions_closed),
        value_cell(&court.three_year),
        short_cell(ctx, &court.three_year),
        meets_cell(ctx, court),
    ]
}

/// The section: the share of courts meeting the standard, then the table by court.
pub(crate) fn section(ctx: &Ctx, targets: &Targets) -> Markup {
    let thresholds = &targets.total;
    let header = vec![
        ctx.t("法院", "Court").to_string(),
        format!(
            "{}（≥{}%）",
            name(ctx, Target::PropertyWithinLimit),
            thresholds.property_within_limit.threshold
        ),
        ctx.t("差距", "Gap").to_string(),
        format!(
            "{}（≥{}%）",
            name(ctx, Target::ZhongbenCompliance),
            thresholds.zhongben_compliance.threshold
        ),
        ctx.t("差距", "Gap").to_string(),
        ctx.t("终本待评查", "终本 to review").to_string(),
        format!(
            "{}（≥{}%）",
            name(ctx, Target::PetitionsClosed),
            thresholds.petitions_closed.threshold
        ),
        format!(
            "{}（≥{}%）",
            name(ctx, Target::ThreeYear),
            thresholds.three_year.threshold
        ),
        ctx.t("差距", "Gap").to_string(),
        ctx.t("是否达标", "Meets the standard").to_string(),
    ];
    let caption = ctx.t("各法院达标情况", "Each court against the targets");
    let mut table = Table::new("targets", caption, header);
    table.counted = ("个法院", "courts");
    table.rows = targets
        .courts
        .iter()
        .map(|court| {
            let label = Cell::text(ctx.court(&court.court))
                .link(format!("/court/{}", super::html::encode(&court.court)));
            row(ctx, label, court)
        })
        .collect();
    let mut total = row(ctx, Cell::text(""), &targets.total);
    total.remove(0);
    total.pop();
    total.push(Cell::none());
    table.total = Some(total);
    let share = &targets.courts_meeting;
    let register = !targets.total.petitions_closed.unavailable;
    let uses: Vec<String> = targets
        .standard_uses
        .iter()
        .map(|t| name(ctx, *t))
        .collect();
    html! {
        h3 { (caption) }
        p {
            strong { (name(ctx, Target::CourtsMeeting)) }
            "："
            @match share.value {
                Some(_) => {
                    span class=(if share.passes == Some(true) { "within" } else { "below" }) {
                        (percent(share.value)) "%"
                    }
                    " "
                    (match ctx.lang {
                        shenguan_domain::Lang::Zh => format!(
                            "（{}个法院中{}个达标，目标≥{}%{}）",
                            share.all,
                            share.met,
                            share.threshold,
                            match share.short {
                                Some(n) if n > 0 => format!("，尚差{n}个法院"),
                                _ => String::new(),
                            }
                        ),
                        shenguan_domain::Lang::En => format!(
                            " ({} of {} courts meet the standard; target ≥ {} %{})",
                            share.met,
                            share.all,
                            share.threshold,
                            match share.short {
                                Some(n) if n > 0 => format!("; {n} more courts needed"),
                                _ => String::new(),
                            }
                        ),
                    })
                }
                None => { "—" }
            }
        }
        p.muted {
            (match ctx.lang {
                shenguan_domain::Lang::Zh => format!(
                    "{}法院是否达标据{}判断（某项当期无案件的，不据此项判断）。终本合格率以终本核查与评查结论计算，五项要件均无记录且未经评查的计入“终本待评查”，不计入合格率。“差距”为达到达标线至少还须转为合格的案件数。",
                    if register { "" } else { "执行信访案件办结率须信访登记数据，本系统尚无，显示为“—”；" },
                    uses.join("、")
                ),
                shenguan_domain::Lang::En => format!(
                    "{}A court's standing rests on {} (a target with no cases in the period is not judged). The 终本 rate comes from the checklist and reviewers' findings; closures with none of the checklist's steps recorded and no finding are counted as to review and left out. The gap is the fewest cases that would have to become compliant to reach the threshold.",
                    if register { "" } else { "The enforcement-petition rate needs the petition register, which holds no records here (—). " },
                    uses.join(", ")
                ),
            })
        }
        (ctx.table(table))
    }
}
