//! The supervision lists as of today: 审限预警 (pending cases by warning tier, most urgent first)
//! and 长期未结 (pending more than 12, 18 or 36 months, with age and last event). Both, and the
//! enforcement page's list of idle cases, are narrowed by choice lists — court, division, judge,
//! case type — whose choices are those of the user's scope, and are paged, sortable and
//! exportable as every table is.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use maud::{Markup, html};
use shenguan_app::duban::Reason;
use shenguan_app::metrics::Filter;
use shenguan_domain::{CaseRecord, WarningTier};

use super::html::encode;
use super::table::{Cell, Table};
use super::{Asked, Ctx, Lang, signed_in};
use crate::auth::blocking;
use crate::{ApiError, Server, one_of, param, tier_param};

/// Rows on one page of a list.
pub(crate) const PAGE_SIZE: usize = 100;

/// The court asked for, narrowed to the user's scope: what a list reads before its choice
/// lists narrow it further. A court, division or judge beyond the scope is refused (403), as
/// the API refuses it.
pub(crate) fn court_filter(ctx: &Ctx) -> Result<Filter, ApiError> {
    let court = crate::court_param(ctx.params())?;
    let mut asked = Filter {
        court,
        division: param(ctx.params(), "division"),
        judge: param(ctx.params(), "judge"),
        ..Filter::default()
    };
    ctx.user.restrict(&mut asked)?;
    let mut filter = Filter {
        court,
        ..Filter::default()
    };
    ctx.user.restrict(&mut filter)?;
    Ok(filter)
}

/// The narrowing a list's choice lists ask for beyond the court: division, judge (a judge key,
/// a staff number or a name), case type (类型代字).
pub(crate) struct Narrowing {
    division: Option<String>,
    judge: Option<String>,
    case_type: Option<String>,
}

impl Narrowing {
    pub fn of(ctx: &Ctx) -> Narrowing {
        let get = |name: &str| param(ctx.params(), name).filter(|v| !v.trim().is_empty());
        Narrowing {
            division: get("division"),
            judge: get("judge"),
            case_type: get("type"),
        }
    }

    pub fn holds(&self, case: &CaseRecord) -> bool {
        self.division
            .as_ref()
            .is_none_or(|d| case.division.as_deref() == Some(d.as_str()))
            && self.judge.as_ref().is_none_or(|j| case.judge_is(j))
            && self
                .case_type
                .as_ref()
                .is_none_or(|t| type_code(case) == Some(t.as_str()))
    }
}

fn type_code(case: &CaseRecord) -> Option<&'static str> {
    case.case_no.case_type().map(|t| t.code)
}

/// A list's rows before they are narrowed: the choices its filters offer, and how each judge is
/// shown (by name, with the staff number where two share it).
pub(crate) struct Choices {
    courts: Vec<(String, String)>,
    divisions: BTreeSet<String>,
    judges: BTreeMap<String, String>,
    types: BTreeSet<&'static str>,
    pub labels: HashMap<String, String>,
}

impl Choices {
    pub async fn of(
        server: &Arc<Server>,
        ctx: &Ctx,
        cases: &[&CaseRecord],
    ) -> Result<Choices, ApiError> {
        let labels = labels_of(server, cases).await?;
        let own = ctx.user.court.map(shenguan_domain::CourtScope::with_lower);
        let courts = ctx
            .courts
            .courts()
            .filter(|c| own.is_none_or(|own| own.covers(c.code)))
            .map(|c| c.code.to_string())
            .map(|code| {
                let label = ctx.court(&code);
                (code, label)
            })
            .collect();
        let judges = cases
            .iter()
            .filter_map(|c| {
                let key = c.judge_key()?;
                let label = labels.get(&key).cloned().or_else(|| c.judge.clone())?;
                Some((key, label))
            })
            .collect();
        Ok(Choices {
            courts,
            divisions: cases.iter().filter_map(|c| c.division.clone()).collect(),
            judges,
            types: cases.iter().filter_map(|c| type_code(c)).collect(),
            labels,
        })
    }

    /// Who handles a case, as a list shows it: the court by name, the division, the judge.
    pub fn who(&self, ctx: &Ctx, case: &CaseRecord) -> [Cell; 3] {
        let judge = case
            .judge_key()
            .and_then(|key| self.labels.get(&key).cloned())
            .or_else(|| case.judge.clone())
            .unwrap_or_default();
        [
            Cell::text(ctx.court(&case.court.to_string())),
            Cell::text(case.division.clone().unwrap_or_default()),
            Cell::text(judge),
        ]
    }

    /// The filter form: a choice list per filter, the current choice selected; `keep` are
    /// hidden fields carried along (the tier, the months, the period).
    pub fn form(&self, ctx: &Ctx, action: &str, keep: &[(&str, String)]) -> Markup {
        let t = |zh, en| ctx.t(zh, en);
        let now = |name: &str| param(ctx.params(), name).unwrap_or_default();
        let select = |name: &str, label: &str, mut options: Vec<(String, String)>| {
            let current = now(name);
            // A choice the list no longer offers (no case of that judge now) stays visible as
            // the filter in force, so that an empty list is not mistaken for "all".
            if !current.is_empty() && !options.iter().any(|(v, _)| *v == current) {
                options.push((current.clone(), current.clone()));
            }
            html! {
                label {
                    (label) " "
                    select name=(name) {
                        option value="" { (t("全部", "all")) }
                        @for (value, shown) in &options {
                            option value=(value) selected[*value == current] { (shown) }
                        }
                    }
                }
                " "
            }
        };
        html! {
            form.filters method="get" action=(action) {
                @for (name, value) in keep { input type="hidden" name=(name) value=(value); }
                (select("court", t("法院", "Court"), self.courts.clone()))
                (select("division", t("部门", "Division"),
                    self.divisions.iter().map(|d| (d.clone(), d.clone())).collect()))
                (select("judge", t("承办人", "Judge"),
                    self.judges.iter().map(|(k, l)| (k.clone(), l.clone())).collect()))
                (select("type", t("类型", "Type"),
                    self.types.iter().map(|c| ((*c).to_string(), (*c).to_string())).collect()))
                button { (t("筛选", "Filter")) }
            }
        }
    }
}

pub(crate) fn case_cell(case: &CaseRecord) -> Cell {
    let number = case.case_no.to_string();
    Cell::text(number.clone()).link(format!("/cases/{}", encode(&number)))
}

/// The labels of the judges of a list's cases, by judge key.
pub(crate) async fn labels_of(
    server: &Arc<Server>,
    cases: &[&CaseRecord],
) -> Result<HashMap<String, String>, ApiError> {
    let keys: BTreeSet<String> = cases.iter().filter_map(|c| c.judge_key()).collect();
    let server = Arc::clone(server);
    Ok(blocking(move || server.judge_labels(keys)).await??)
}

/// `GET /warnings?tier&court&division&judge&type`: time-limit warnings, most urgent first.
pub(crate) async fn warnings_page(State(server): State<Arc<Server>>, asked: Asked) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        let tier = tier_param(ctx.params())?;
        let filter = court_filter(&ctx)?;
        let user = ctx.user.clone();
        let listing = Arc::clone(&server);
        let warnings = blocking(move || {
            listing.with_store(|app, store| app.warnings(store, &user, filter, None))
        })
        .await??;
        let all: Vec<&CaseRecord> = warnings.iter().map(|w| &w.case).collect();
        let choices = Choices::of(&server, &ctx, &all).await?;
        let narrowing = Narrowing::of(&ctx);
        let narrowed: Vec<_> = warnings.iter().filter(|w| narrowing.holds(&w.case)).collect();
        let label = |t: WarningTier| ctx.t(t.label_zh(), t.label_en());
        let title = ctx.t("审限预警", "Time-limit warnings");
        let picks = super::duban::may_open(&ctx);
        let mut table = Table::cases(
            "",
            title,
            &[
                ctx.t("选择", "Pick"),
                ctx.t("预警", "Warning"),
                ctx.t("案号", "Case number"),
                ctx.t("法院", "Court"),
                ctx.t("部门", "Division"),
                ctx.t("承办人", "Judge"),
                ctx.t("审限届满日", "Deadline"),
                ctx.t("剩余天数", "Days left"),
            ],
        );
        table.rows = narrowed
            .iter()
            .filter(|w| tier.is_none_or(|t| t == w.tier))
            .map(|w| {
                let [court, division, judge] = choices.who(&ctx, &w.case);
                vec![
                    super::duban::pick_cell(&w.case.case_no.to_string()),
                    Cell::text(label(w.tier)).class(if w.days_left < 0 { "below" } else { "above" }),
                    case_cell(&w.case),
                    court,
                    division,
                    judge,
                    Cell::text(w.deadline.to_string()),
                    Cell::count(w.days_left),
                ]
            })
            .collect();
        let tier_link = |t: Option<WarningTier>| {
            ctx.here.with(&[("tier", t.map(|t| t.key().to_string())), ("page", None)])
        };
        let keep: Vec<(&str, String)> = tier.map(|t| ("tier", t.key().to_string())).into_iter().collect();
        let body = html! {
            h1 { (title) }
            (choices.form(&ctx, "/warnings", &keep))
            p {
                @for t in WarningTier::ALL {
                    a href=(tier_link(Some(t))) { (label(t)) " " (narrowed.iter().filter(|w| w.tier == t).count()) }
                    " "
                }
                a href=(tier_link(None)) { (ctx.t("全部", "All")) " " (narrowed.len()) }
            }
            p.muted { (as_of(&ctx, &server)) }
            (ctx.table(table.without_picks(picks)))
            @if picks {
                (super::duban::open_form(&ctx, if tier == Some(WarningTier::Overdue) {
                    Reason::OverTimeLimit
                } else {
                    Reason::TimeLimitNear
                }))
            }
        };
        Ok(ctx.page(title, body))
    })
    .await
}

/// "截至…" over a list: the lists are as of today.
pub(crate) fn as_of(ctx: &Ctx, server: &Server) -> String {
    match ctx.lang {
        Lang::Zh => format!("截至{}", server.app.today()),
        Lang::En => format!("As of {}", server.app.today()),
    }
}

/// `GET /long-pending?months=12|18|36&court&division&judge&type`.
pub(crate) async fn long_pending_page(State(server): State<Arc<Server>>, asked: Asked) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        let months = one_of(ctx.params(), "months", &[12, 18, 36])?;
        let filter = court_filter(&ctx)?;
        let user = ctx.user.clone();
        let listing = Arc::clone(&server);
        let cases = blocking(move || {
            listing.with_store(|app, store| app.long_pending(store, &user, filter, months))
        })
        .await??;
        let all: Vec<&CaseRecord> = cases.iter().map(|c| &c.case).collect();
        let choices = Choices::of(&server, &ctx, &all).await?;
        let narrowing = Narrowing::of(&ctx);
        let title = match ctx.lang {
            Lang::Zh => format!("长期未结（超{months}个月）"),
            Lang::En => format!("Pending over {months} months"),
        };
        let picks = super::duban::may_open(&ctx);
        let mut table = Table::cases(
            "",
            title.clone(),
            &[
                ctx.t("选择", "Pick"),
                ctx.t("案号", "Case number"),
                ctx.t("法院", "Court"),
                ctx.t("部门", "Division"),
                ctx.t("承办人", "Judge"),
                ctx.t("立案日期", "Filed"),
                ctx.t("已审天数", "Days pending"),
                ctx.t("最近节点", "Last event"),
            ],
        );
        table.rows = cases
            .iter()
            .filter(|c| narrowing.holds(&c.case))
            .map(|c| {
                let [court, division, judge] = choices.who(&ctx, &c.case);
                vec![
                    super::duban::pick_cell(&c.case.case_no.to_string()),
                    case_cell(&c.case),
                    court,
                    division,
                    judge,
                    Cell::text(c.case.filed_on.to_string()),
                    Cell::count(c.age_days),
                    c.last_event
                        .as_ref()
                        .map_or_else(Cell::none, |e| Cell::text(format!("{} {}", e.date, e.kind))),
                ]
            })
            .collect();
        let tab = |m: u32| ctx.here.with(&[("months", Some(m.to_string())), ("page", None)]);
        let body = html! {
            h1 { (title) }
            (choices.form(&ctx, "/long-pending", &[("months", months.to_string())]))
            p {
                @for m in [12, 18, 36] {
                    a href=(tab(m)) {
                        @match ctx.lang { Lang::Zh => { "超" (m) "个月" } Lang::En => { "over " (m) " months" } }
                    }
                    " "
                }
            }
            p.muted { (as_of(&ctx, &server)) }
            (ctx.table(table.without_picks(picks)))
            @if picks { (super::duban::open_form(&ctx, Reason::LongPending)) }
        };
        Ok(ctx.page(&title, body))
    })
    .await
}
