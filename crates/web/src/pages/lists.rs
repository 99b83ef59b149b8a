//! The supervision lists as of today: 审限预警 (pending cases by warning tier, most urgent first)
//! and 长期未结 (pending more than 12, 18 or 36 months, with age and last event) — both
//! filterable by court, division and judge within the user's scope.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use shenguan_app::metrics::Filter;
use shenguan_domain::{CaseRecord, WarningTier};

use super::html::{encode, escape, table};
use super::{Ctx, Lang, Params, signed_in};
use crate::auth::blocking;
use crate::{ApiError, Server, one_of, param, tier_param};

/// Rows shown on one page of a list.
const SHOWN: usize = 500;

/// The court, division and judge asked for.
fn filter_of(params: &[(String, String)]) -> Result<Filter, ApiError> {
    let court = crate::court_param(params)?;
    Ok(Filter {
        court,
        division: param(params, "division"),
        judge: param(params, "judge"),
        ..Filter::default()
    })
}

/// The filter form; `keep` are hidden fields carried along (the tier, the months).
fn filter_form(
    ctx: &Ctx,
    action: &str,
    params: &[(String, String)],
    keep: &[(&str, String)],
) -> String {
    let field = |name: &str, label: &str| {
        format!(
            "{label} <input name=\"{name}\" value=\"{}\" size=\"10\"> ",
            escape(&param(params, name).unwrap_or_default())
        )
    };
    let hidden: String = keep
        .iter()
        .map(|(k, v)| {
            format!(
                "<input type=\"hidden\" name=\"{k}\" value=\"{}\">",
                escape(v)
            )
        })
        .collect();
    format!(
        "<form method=\"get\" action=\"{action}\">{hidden}{}{}{}<button>{}</button></form>",
        field("court", ctx.t("法院", "Court")),
        field("division", ctx.t("部门", "Division")),
        field("judge", ctx.t("承办人", "Judge")),
        ctx.t("筛选", "Filter"),
    )
}

/// The filter as a query string to carry on links (`&court=…&division=…&judge=…`).
fn carried(params: &[(String, String)]) -> String {
    ["court", "division", "judge"]
        .iter()
        .filter_map(|k| param(params, k).map(|v| format!("&amp;{k}={}", encode(&v))))
        .collect()
}

fn case_link(case: &CaseRecord) -> String {
    let number = case.case_no.to_string();
    format!(
        "<a href=\"/cases/{}\">{}</a>",
        encode(&number),
        escape(&number)
    )
}

/// Who handles a case, as a list shows it: the court by name, the division, the judge by name —
/// with the staff number where two judges share the name (`labels`, by judge key).
fn who_handles(ctx: &Ctx, labels: &HashMap<String, String>, case: &CaseRecord) -> [String; 3] {
    let judge = case
        .judge_key()
        .and_then(|key| labels.get(&key).cloned())
        .or_else(|| case.judge.clone())
        .unwrap_or_default();
    [
        escape(&ctx.court(&case.court.to_string())),
        escape(case.division.as_deref().unwrap_or("")),
        escape(&judge),
    ]
}

/// The labels of the judges of the first rows of a list.
pub(crate) async fn labels_of(
    server: &Arc<Server>,
    cases: Vec<&CaseRecord>,
) -> Result<HashMap<String, String>, ApiError> {
    let keys: Vec<String> = cases.iter().filter_map(|c| c.judge_key()).collect();
    let server = Arc::clone(server);
    Ok(blocking(move || server.judge_labels(keys)).await??)
}

/// `GET /warnings?tier&court&division&judge`: time-limit warnings, most urgent first.
pub(crate) async fn warnings_page(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Params,
) -> Response {
    signed_in(server, headers, |server, ctx| async move {
        let tier = tier_param(&params)?;
        let mut filter = filter_of(&params)?;
        // Narrowed here, as the API does, so that asking beyond the scope is refused (403).
        ctx.user.restrict(&mut filter)?;
        let user = ctx.user.clone();
        let listing = Arc::clone(&server);
        let warnings = blocking(move || {
            listing.with_store(|app, store| app.warnings(store, &user, filter, None))
        })
        .await??;
        let label = |t: WarningTier| ctx.t(t.label_zh(), t.label_en());
        let counts: String = WarningTier::ALL
            .iter()
            .map(|t| {
                let n = warnings.iter().filter(|w| w.tier == *t).count();
                format!(
                    "<a href=\"/warnings?tier={}{}\">{} {n}</a> ",
                    t.key(),
                    carried(&params),
                    escape(label(*t))
                )
            })
            .collect();
        let shown: Vec<_> = warnings
            .iter()
            .filter(|w| tier.is_none_or(|t| t == w.tier))
            .collect();
        let labels = labels_of(&server, shown.iter().take(SHOWN).map(|w| &w.case).collect()).await?;
        let rows: Vec<Vec<String>> = shown
            .iter()
            .take(SHOWN)
            .map(|w| {
                let [court, division, judge] = who_handles(&ctx, &labels, &w.case);
                vec![
                    format!(
                        "<span class=\"{}\">{}</span>",
                        if w.days_left < 0 { "below" } else { "above" },
                        escape(label(w.tier))
                    ),
                    case_link(&w.case),
                    court,
                    division,
                    judge,
                    w.deadline.to_string(),
                    w.days_left.to_string(),
                ]
            })
            .collect();
        let keep: Vec<(&str, String)> = tier.map(|t| ("tier", t.key().to_string())).into_iter().collect();
        let summary = match ctx.lang {
            Lang::Zh => format!("截至{}，共{}件（显示前{SHOWN}件）", server.app.today(), shown.len()),
            Lang::En => format!("As of {}, {} cases (first {SHOWN} shown)", server.app.today(), shown.len()),
        };
        let body = format!(
            "<h1>{}</h1>{}<p>{counts}<a href=\"/warnings?{}\">{}</a></p><p class=\"muted\">{}</p>{}",
            ctx.t("审限预警", "Time-limit warnings"),
            filter_form(&ctx, "/warnings", &params, &keep),
            carried(&params).trim_start_matches("&amp;"),
            ctx.t("全部", "All"),
            escape(&summary),
            table(
                &[
                    ctx.t("预警", "Warning"),
                    ctx.t("案号", "Case number"),
                    ctx.t("法院", "Court"),
                    ctx.t("部门", "Division"),
                    ctx.t("承办人", "Judge"),
                    ctx.t("审限届满日", "Deadline"),
                    ctx.t("剩余天数", "Days left"),
                ],
                &rows
            )
        );
        Ok(ctx.page(ctx.t("审限预警", "Time-limit warnings"), &body))
    })
    .await
}

/// `GET /long-pending?months=12|18|36&court&division&judge`.
pub(crate) async fn long_pending_page(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Params,
) -> Response {
    signed_in(server, headers, |server, ctx| async move {
        let months = one_of(&params, "months", &[12, 18, 36])?;
        let mut filter = filter_of(&params)?;
        ctx.user.restrict(&mut filter)?;
        let user = ctx.user.clone();
        let listing = Arc::clone(&server);
        let cases = blocking(move || {
            listing.with_store(|app, store| app.long_pending(store, &user, filter, months))
        })
        .await??;
        let labels =
            labels_of(&server, cases.iter().take(SHOWN).map(|c| &c.case).collect()).await?;
        let rows: Vec<Vec<String>> = cases
            .iter()
            .take(SHOWN)
            .map(|c| {
                let [court, division, judge] = who_handles(&ctx, &labels, &c.case);
                vec![
                    case_link(&c.case),
                    court,
                    division,
                    judge,
                    c.case.filed_on.to_string(),
                    c.age_days.to_string(),
                    escape(
                        &c.last_event
                            .as_ref()
                            .map_or("—".into(), |e| format!("{} {}", e.date, e.kind)),
                    ),
                ]
            })
            .collect();
        let tabs: String = [12, 18, 36]
            .iter()
            .map(|m| {
                let label = match ctx.lang {
                    Lang::Zh => format!("超{m}个月"),
                    Lang::En => format!("over {m} months"),
                };
                format!(
                    "<a href=\"/long-pending?months={m}{}\">{label}</a> ",
                    carried(&params)
                )
            })
            .collect();
        let (title, summary) = match ctx.lang {
            Lang::Zh => (
                format!("长期未结（超{months}个月）"),
                format!("截至{}，共{}件", server.app.today(), cases.len()),
            ),
            Lang::En => (
                format!("Pending over {months} months"),
                format!("As of {}, {} cases", server.app.today(), cases.len()),
            ),
        };
        let body = format!(
            "<h1>{}</h1>{}<p>{tabs}</p><p class=\"muted\">{}</p>{}",
            escape(&title),
            filter_form(
                &ctx,
                "/long-pending",
                &params,
                &[("months", months.to_string())]
            ),
            escape(&summary),
            table(
                &[
                    ctx.t("案号", "Case number"),
                    ctx.t("法院", "Court"),
                    ctx.t("部门", "Division"),
                    ctx.t("承办人", "Judge"),
                    ctx.t("立案日期", "Filed"),
                    ctx.t("已审天数", "Days pending"),
                    ctx.t("最近节点", "Last event"),
                ],
                &rows
            )
        );
        Ok(ctx.page(&title, &body))
    })
    .await
}
