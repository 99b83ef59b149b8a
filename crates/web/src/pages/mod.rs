//! The pages for people, in Chinese, drawn on the server (HTML and inline SVG; nothing is fetched
//! from outside): login and logout; 总览 (network overview), 法院 (one court), 指标 (one
//! indicator and the cases behind it), 案件 (one case), 审限预警, 长期未结, 执行. Every page is
//! held to the signed-in user's scope, as the API is.

mod chart;
mod html;
pub(crate) mod session;

use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use shenguan_app::AppError;
use shenguan_app::accounts::{User, new_secret};
use shenguan_app::metrics::{
    Comparison, Dimension, Filter, Indicator, MetricsReport, MetricsRequest, Part, core,
    display_value as shown, indicator,
};
use shenguan_domain::{CaseNumber, CourtCode, WarningTier};

use self::html::{encode, escape, page, table};
use self::session::{LOGIN_COOKIE, SESSION_COOKIE, Session, cookie, set_cookie};
use crate::auth::blocking;
use crate::{ApiError, Server, param};

type Params = Query<Vec<(String, String)>>;

/// A page's answer: the HTML, a redirect to the login page, or an error page.
fn redirect(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(LOCATION, to.to_string())]).into_response()
}

fn error_page(session: Option<&Session>, error: ApiError) -> Response {
    let who = session.map(|s| (s.user.name.as_str(), s.csrf.as_str()));
    let body = format!("<h1>无法显示</h1><p>{}</p>", escape(&error.message));
    (error.status, Html(page("错误", who, &body))).into_response()
}

/// Runs a page for a signed-in user: no session sends them to the login page.
async fn signed_in<F, Fut>(server: Arc<Server>, headers: HeaderMap, render: F) -> Response
where
    F: FnOnce(Arc<Server>, Session) -> Fut,
    Fut: std::future::Future<Output = Result<String, ApiError>>,
{
    let Some(session) = server.sessions.of(&headers) else {
        return redirect("/login");
    };
    match render(server, session.clone()).await {
        Ok(body) => Html(body).into_response(),
        Err(error) => error_page(Some(&session), error),
    }
}

/// `GET /assets/noto-sans-sc.woff2`: the pages' font (no sign-in needed: the login page uses it).
pub(crate) async fn font() -> Response {
    (
        [
            (axum::http::header::CONTENT_TYPE, "font/woff2"),
            (
                axum::http::header::CACHE_CONTROL,
                "public, max-age=31536000, immutable",
            ),
        ],
        html::FONT,
    )
        .into_response()
}

// ── Login ────────────────────────────────────────────────────────────────────────────────────

fn login_form(message: Option<&str>, token: &str) -> String {
    let note = message.map_or(String::new(), |m| {
        format!("<p class=\"below\">{}</p>", escape(m))
    });
    page(
        "登录",
        None,
        &format!(
            "<h1>登录 Sign in</h1>{note}<form method=\"post\" action=\"/login\">\
             <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
             <p><label>用户名 <input name=\"name\" autocomplete=\"username\" required></label></p>\
             <p><label>密码 <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label></p>\
             <p><button>登录</button></p></form>",
            escape(token)
        ),
    )
}

/// `GET /login`: the form, with a fresh form token also set as a cookie (double submit).
pub(crate) async fn login_page() -> Response {
    let token = new_secret();
    (
        [(SET_COOKIE, set_cookie(LOGIN_COOKIE, &token, Some(600)))],
        Html(login_form(None, &token)),
    )
        .into_response()
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct LoginForm {
    name: String,
    password: String,
    csrf: String,
}

/// `POST /login`: checks the form token, the failure limit and the password; a session cookie on
/// success. Logins and failures go to the audit log.
pub(crate) async fn login(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let retry = |status: StatusCode, message: &str| {
        let token = new_secret();
        (
            status,
            [(SET_COOKIE, set_cookie(LOGIN_COOKIE, &token, Some(600)))],
            Html(login_form(Some(message), &token)),
        )
            .into_response()
    };
    if cookie(&headers, LOGIN_COOKIE).as_deref() != Some(form.csrf.as_str()) || form.csrf.is_empty()
    {
        return retry(
            StatusCode::FORBIDDEN,
            "表单已失效，请重试; the form expired, try again",
        );
    }
    let name = form.name.trim().to_string();
    if !server.sessions.may_try(&name) {
        return retry(
            StatusCode::TOO_MANY_REQUESTS,
            "登录失败次数过多，请五分钟后再试; too many failed logins, wait five minutes",
        );
    }
    let checking = Arc::clone(&server);
    let who = name.clone();
    let checked = blocking(move || {
        checking.with_store(|app, store| {
            let user = app.check_password(store, &who, &form.password)?;
            let action = if user.is_some() {
                "login"
            } else {
                "login.failed"
            };
            app.audit(store, user.as_ref().map(|u| u.name.as_str()), action, &who)?;
            Ok::<Option<User>, AppError>(user)
        })
    })
    .await;
    match checked {
        Ok(Ok(Some(user))) => {
            let id = server.sessions.start(user);
            (
                StatusCode::SEE_OTHER,
                [
                    (LOCATION, "/".to_string()),
                    (SET_COOKIE, set_cookie(SESSION_COOKIE, &id, None)),
                ],
            )
                .into_response()
        }
        Ok(Ok(None)) => {
            server.sessions.failed(&name);
            retry(
                StatusCode::UNAUTHORIZED,
                "用户名或密码不正确; wrong name or password",
            )
        }
        Ok(Err(e)) => error_page(None, e.into()),
        Err(e) => error_page(None, e),
    }
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct TokenForm {
    csrf: String,
}

/// `POST /logout`: ends the session (the form token must be the session's).
pub(crate) async fn logout(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Form(form): Form<TokenForm>,
) -> Response {
    match server.sessions.of(&headers) {
        Some(session) if session.csrf == form.csrf => {
            server.sessions.end(&headers);
            (
                StatusCode::SEE_OTHER,
                [
                    (LOCATION, "/login".to_string()),
                    (SET_COOKIE, set_cookie(SESSION_COOKIE, "", Some(0))),
                ],
            )
                .into_response()
        }
        Some(session) => error_page(
            Some(&session),
            ApiError::forbidden("表单已失效; the form expired".into()),
        ),
        None => redirect("/login"),
    }
}

// ── Figures ──────────────────────────────────────────────────────────────────────────────────

/// The period of a page: `from`/`to` parameters, else this year to date.
fn period(
    server: &Server,
    params: &[(String, String)],
) -> Result<(NaiveDate, NaiveDate), ApiError> {
    let today = server.app.today();
    let first = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let date = |name: &str, default: NaiveDate| {
        param(params, name).map_or(Ok(default), |d| {
            shenguan_domain::parse_date(&d)
                .map_err(|e| ApiError::from(AppError::Invalid(format!("{name}: {e}"))))
        })
    };
    Ok((date("from", first)?, date("to", today)?))
}

/// Runs the engine for `user` over `filter` (narrowed to their scope).
async fn figures(
    server: &Arc<Server>,
    user: &User,
    mut filter: Filter,
    (from, to): (NaiveDate, NaiveDate),
    group_by: Vec<Dimension>,
    indicators: Vec<&'static Indicator>,
    compare: Vec<Comparison>,
) -> Result<MetricsReport, ApiError> {
    user.restrict(&mut filter)?;
    let request = MetricsRequest {
        from,
        to,
        group_by,
        filter,
        indicators,
        compare,
    };
    let server = Arc::clone(server);
    Ok(blocking(move || server.app.metrics(&server.cases(), &request)).await??)
}

/// Cards of the report's single row: value, unit, status against the range, 同比.
fn cards(report: &MetricsReport) -> String {
    let Some(row) = report.result.rows.first() else {
        return "<p class=\"muted\">本期间没有案件。</p>".into();
    };
    let mut out = String::from("<div class=\"cards\">");
    for (i, indicator) in report.result.indicators.iter().enumerate() {
        let value = row.values[i];
        let status = report.status(i, value).map_or(String::new(), |s| {
            format!(" <span class=\"{}\">{}</span>", s.key(), s.label_zh())
        });
        let earlier = report.compared(Comparison::YearEarlier, 0, i);
        let yoy = match earlier {
            Some(e) => format!("同比 {}", shown(indicator.unit, Some(e))),
            None => "同比 —".into(),
        };
        out.push_str(&format!(
            "<div class=\"card\"><div class=\"n\"><a href=\"/indicator/{code}\">{name}</a></div>\
             <div class=\"v\">{value} <small>{unit}</small></div><div class=\"n\">{yoy}{status}</div></div>",
            code = encode(indicator.code),
            name = escape(indicator.name_zh),
            value = shown(indicator.unit, value),
            unit = escape(indicator.unit.label_zh()),
        ));
    }
    out.push_str("</div>");
    out
}

/// The cards' indicators: the headline core set.
fn headline() -> Vec<&'static Indicator> {
    [
        "new",
        "closed",
        "pending",
        "close_to_new_ratio",
        "within_limit_rate",
        "avg_trial_days",
        "long_pending_12m",
        "appeal_rate",
        "first_instance_reversal_rate",
        "mediation_withdrawal_rate",
        "enforcement_completion_rate",
        "disposition_time_days",
    ]
    .iter()
    .filter_map(|c| indicator(c))
    .collect()
}

/// A table of the report's rows, the first column linked by `link` (group value → href).
fn figures_table(report: &MetricsReport, link: &dyn Fn(&str) -> Option<String>) -> String {
    let mut header: Vec<&str> = report
        .result
        .group_by
        .iter()
        .map(|d| d.label_zh())
        .collect();
    header.extend(report.result.indicators.iter().map(|i| i.name_zh));
    let rows: Vec<Vec<String>> = report
        .result
        .rows
        .iter()
        .map(|row| {
            let mut cells: Vec<String> = row
                .group
                .iter()
                .enumerate()
                .map(|(i, (_, v))| match (i, link(v)) {
                    (0, Some(href)) => format!("<a href=\"{}\">{}</a>", escape(&href), escape(v)),
                    _ => escape(v),
                })
                .collect();
            cells.extend(
                report
                    .result
                    .indicators
                    .iter()
                    .zip(&row.values)
                    .map(|(i, v)| shown(i.unit, *v)),
            );
            cells
        })
        .collect();
    table(&header, &rows)
}

/// The monthly trend of new, closed and pending cases as a chart.
fn trend(report: &MetricsReport) -> String {
    let labels: Vec<String> = report
        .result
        .rows
        .iter()
        .map(|r| r.group.first().map(|(_, v)| v.clone()).unwrap_or_default())
        .collect();
    let series = |i: usize, name, colour| chart::Series {
        name,
        colour,
        values: report
            .result
            .rows
            .iter()
            .map(|r| r.values.get(i).copied().flatten().unwrap_or(0.0))
            .collect(),
    };
    chart::lines(
        "月度收结存 monthly new, closed and pending",
        &labels,
        &[
            series(0, "新收", "#1f6feb"),
            series(1, "结案", "#067647"),
            series(2, "未结", "#b54708"),
        ],
    )
}

fn period_form(path: &str, (from, to): (NaiveDate, NaiveDate)) -> String {
    format!(
        "<form method=\"get\" action=\"{}\">期间 <input name=\"from\" value=\"{from}\" size=\"10\"> 至 \
         <input name=\"to\" value=\"{to}\" size=\"10\"> <button>查询</button></form>",
        escape(path)
    )
}

fn who(session: &Session) -> Option<(&str, &str)> {
    Some((session.user.name.as_str(), session.csrf.as_str()))
}

/// A court's figures: cards, trend, and the table of the level below (courts or divisions).
async fn court_view(
    server: Arc<Server>,
    session: Session,
    params: Vec<(String, String)>,
    court: Option<CourtCode>,
    path: String,
) -> Result<String, ApiError> {
    let span = period(&server, &params)?;
    let user = &session.user;
    let filter = Filter {
        court,
        ..Filter::default()
    };
    let headline_report = figures(
        &server,
        user,
        filter.clone(),
        span,
        vec![],
        headline(),
        vec![Comparison::YearEarlier],
    )
    .await?;
    let flow = ["new", "closed", "pending"]
        .iter()
        .filter_map(|c| indicator(c))
        .collect();
    let monthly = figures(
        &server,
        user,
        filter.clone(),
        span,
        vec![Dimension::Month],
        flow,
        vec![],
    )
    .await?;
    let below = if court.is_some() {
        Dimension::Division
    } else {
        Dimension::Court
    };
    let table_report = figures(
        &server,
        user,
        filter,
        span,
        vec![below],
        core().take(12).collect(),
        vec![],
    )
    .await?;
    // Courts link to their page; divisions have none yet.
    let link = |code: &str| (court.is_none()).then(|| format!("/court/{}", encode(code)));
    let title = match court {
        Some(code) => format!("法院 {code}"),
        None => "总览".to_string(),
    };
    let body = format!(
        "<h1>{}</h1>{}<h2>核心指标</h2>{}<h2>月度趋势</h2>{}<h2>{}</h2>{}<p class=\"muted\">按代码排列，不作排名。</p>",
        escape(&title),
        period_form(&path, span),
        cards(&headline_report),
        trend(&monthly),
        if court.is_some() {
            "各部门"
        } else {
            "各法院"
        },
        figures_table(&table_report, &link),
    );
    Ok(page(&title, who(&session), &body))
}

/// `GET /`: the overview of the user's scope.
pub(crate) async fn overview(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Params,
) -> Response {
    signed_in(server, headers, |server, session| {
        court_view(server, session, params, None, "/".into())
    })
    .await
}

/// `GET /court/{code}`: one court.
pub(crate) async fn court(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(params): Params,
) -> Response {
    signed_in(server, headers, |server, session| async move {
        let court = CourtCode::parse(&code)
            .map_err(|e| ApiError::from(AppError::Invalid(format!("{code}: {e}"))))?;
        court_view(
            server,
            session,
            params,
            Some(court),
            format!("/court/{}", encode(&code)),
        )
        .await
    })
    .await
}

/// `GET /indicator/{code}`: definition, source, range, the figure by court, and the cases behind
/// it (the first 200 of each part).
pub(crate) async fn indicator_page(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(params): Params,
) -> Response {
    signed_in(server, headers, |server, session| async move {
        let found = indicator(&code).ok_or_else(|| ApiError::not_found(&format!("指标{code}")))?;
        let span = period(&server, &params)?;
        let user = &session.user;
        let by_court = figures(&server, user, Filter::default(), span, vec![Dimension::Court], vec![found], vec![]).await?;
        let mut filter = Filter::default();
        user.restrict(&mut filter)?;
        let mut parts = String::new();
        for (part, label) in [(Part::Numerator, "分子"), (Part::Denominator, "分母")] {
            let request = MetricsRequest {
                from: span.0,
                to: span.1,
                group_by: vec![],
                filter: filter.clone(),
                indicators: vec![found],
                compare: vec![],
            };
            let explaining = Arc::clone(&server);
            let numbers = blocking(move || explaining.app.explain(&explaining.cases(), &request, found, part)).await??;
            let links: Vec<String> = numbers
                .iter()
                .take(200)
                .map(|n| format!("<a href=\"/cases/{}\">{}</a>", encode(n), escape(n)))
                .collect();
            parts.push_str(&format!(
                "<h2>{label}（{}件）</h2><p>{}</p>",
                numbers.len(),
                if links.is_empty() { "—".into() } else { links.join("　") }
            ));
        }
        let range = server.app.range(found);
        let body = format!(
            "<h1>{name}</h1>{form}<p>{definition}</p><p class=\"muted\">代码 {code}；单位 {unit}；适用 {applies}；参考区间 {range}；来源 {source}</p>\
             <h2>各法院</h2>{table}{parts}",
            name = escape(found.name_zh),
            form = period_form(&format!("/indicator/{}", encode(found.code)), span),
            definition = escape(found.definition),
            code = escape(found.code),
            unit = escape(found.unit.key()),
            applies = escape(found.applies_to),
            range = escape(&match range {
                (None, None) => "—".to_string(),
                (l, h) => format!("{}–{}", l.map_or(String::new(), |v| v.to_string()), h.map_or(String::new(), |v| v.to_string())),
            }),
            source = escape(found.source),
            table = figures_table(&by_court, &|c| Some(format!("/court/{}", encode(c)))),
        );
        Ok(page(found.name_zh, who(&session), &body))
    })
    .await
}

/// `GET /cases/{案号}`: one case, its deadline and its timeline; the view is audited.
pub(crate) async fn case_page(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Path(text): Path<String>,
) -> Response {
    signed_in(server, headers, |server, session| async move {
        let this_year = server.app.today().year();
        let number = CaseNumber::parse(&text, this_year)
            .map_err(|e| ApiError::from(AppError::Invalid(format!("{text}: {e}"))))?
            .to_string();
        let user = session.user.clone();
        let looking = Arc::clone(&server);
        let (record, events, deadline) = blocking(move || {
            looking.with_store(|app, store| {
                let found = store
                    .case(&number)
                    .map_err(|e| ApiError::from(AppError::Invalid(e.to_string())))?;
                let Some((record, events)) = found.filter(|(r, _)| user.may_see(r)) else {
                    return Err(ApiError::not_found(&format!("案件{number}")));
                };
                app.audit(store, Some(&user.name), "case.view", &number)?;
                let deadline = app.case_deadline(&record);
                Ok((record, events, deadline))
            })
        })
        .await??;
        let field = |label: &str, value: String| {
            format!(
                "<tr><th>{}</th><td>{}</td></tr>",
                escape(label),
                escape(&value)
            )
        };
        let optional = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
        let facts = [
            field(
                "法院",
                format!("{} {}", record.court, optional(&record.court_name)),
            ),
            field(
                "适用程序",
                record
                    .procedure
                    .map_or("—".into(), |p| p.label_zh().to_string()),
            ),
            field("案由", optional(&record.cause)),
            field(
                "承办",
                format!("{} {}", optional(&record.division), optional(&record.judge)),
            ),
            field("立案日期", record.filed_on.to_string()),
            field(
                "结案",
                format!(
                    "{} {}",
                    record.closed_on.map_or("未结".into(), |d| d.to_string()),
                    optional(&record.closing_method)
                ),
            ),
            field(
                "审限届满日",
                deadline.map_or("无法定审限".into(), |d| d.to_string()),
            ),
            field(
                "延长/扣除审限",
                format!("{}日 / {}日", record.extension_days, record.excluded_days),
            ),
            field(
                "原审案号",
                record
                    .origin_case_no
                    .as_ref()
                    .map_or("—".into(), ToString::to_string),
            ),
        ]
        .concat();
        let rows: Vec<Vec<String>> = events
            .iter()
            .map(|e| vec![e.date.to_string(), escape(&e.kind), escape(&e.detail)])
            .collect();
        let title = record.case_no.to_string();
        let body = format!(
            "<h1>{}</h1><table>{facts}</table><h2>流程节点</h2>{}",
            escape(&title),
            table(&["日期", "节点", "内容"], &rows)
        );
        Ok(page(&title, who(&session), &body))
    })
    .await
}

/// `GET /warnings`: time-limit warnings in the user's scope, most urgent first.
pub(crate) async fn warnings_page(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Params,
) -> Response {
    signed_in(server, headers, |server, session| async move {
        let tier = param(&params, "tier").and_then(|t| WarningTier::parse(&t));
        let user = session.user.clone();
        let listing = Arc::clone(&server);
        let warnings = blocking(move || listing.with_store(|app, store| app.warnings(store, &user, Filter::default(), tier))).await??;
        let rows: Vec<Vec<String>> = warnings
            .iter()
            .take(500)
            .map(|w| {
                let number = w.case.case_no.to_string();
                vec![
                    format!("<span class=\"{}\">{}</span>", if w.days_left < 0 { "below" } else { "above" }, escape(w.tier.label_zh())),
                    format!("<a href=\"/cases/{}\">{}</a>", encode(&number), escape(&number)),
                    escape(&w.case.judge.clone().unwrap_or_default()),
                    w.deadline.to_string(),
                    w.days_left.to_string(),
                ]
            })
            .collect();
        let tiers: String = WarningTier::ALL
            .iter()
            .map(|t| format!("<a href=\"/warnings?tier={}\">{}</a> ", t.key(), escape(t.label_zh())))
            .collect();
        let body = format!(
            "<h1>审限预警</h1><p>{tiers}<a href=\"/warnings\">全部</a></p><p class=\"muted\">截至{}，共{}件（显示前500件）</p>{}",
            server.app.today(),
            warnings.len(),
            table(&["预警", "案号", "承办人", "审限届满日", "剩余天数"], &rows)
        );
        Ok(page("审限预警", who(&session), &body))
    })
    .await
}

/// `GET /long-pending?months=12|18|36`.
pub(crate) async fn long_pending_page(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Params,
) -> Response {
    signed_in(server, headers, |server, session| async move {
        let months = match param(&params, "months").as_deref() {
            Some("18") => 18,
            Some("36") => 36,
            _ => 12,
        };
        let user = session.user.clone();
        let listing = Arc::clone(&server);
        let cases = blocking(move || listing.with_store(|app, store| app.long_pending(store, &user, Filter::default(), months))).await??;
        let rows: Vec<Vec<String>> = cases
            .iter()
            .take(500)
            .map(|c| {
                let number = c.case.case_no.to_string();
                vec![
                    format!("<a href=\"/cases/{}\">{}</a>", encode(&number), escape(&number)),
                    c.case.filed_on.to_string(),
                    c.age_days.to_string(),
                    escape(&c.last_event.as_ref().map_or("—".into(), |e| format!("{} {}", e.date, e.kind))),
                ]
            })
            .collect();
        let body = format!(
            "<h1>长期未结（超{months}个月）</h1><p><a href=\"/long-pending?months=12\">超12个月</a> <a href=\"/long-pending?months=18\">超18个月</a> <a href=\"/long-pending?months=36\">超36个月</a></p>\
             <p class=\"muted\">截至{}，共{}件</p>{}",
            server.app.today(),
            cases.len(),
            table(&["案号", "立案日期", "已审天数", "最近节点"], &rows)
        );
        Ok(page("长期未结", who(&session), &body))
    })
    .await
}

/// `GET /enforcement`: the enforcement panel — 四个90%、一个80% against their targets, 终本 and 执行到位.
pub(crate) async fn enforcement_page(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Params,
) -> Response {
    signed_in(server, headers, |server, session| async move {
        let span = period(&server, &params)?;
        let codes: Vec<&'static Indicator> = [
            "property_within_limit_rate",
            "three_year_enforcement_rate",
            "enforcement_completion_rate",
            "zhongben_rate",
            "enforcement_recovery_rate",
            "actual_enforcement_rate",
        ]
        .iter()
        .filter_map(|c| indicator(c))
        .collect();
        let user = &session.user;
        let panel = figures(
            &server,
            user,
            Filter::default(),
            span,
            vec![],
            codes.clone(),
            vec![Comparison::YearEarlier],
        )
        .await?;
        let by_court = figures(
            &server,
            user,
            Filter::default(),
            span,
            vec![Dimension::Court],
            codes,
            vec![],
        )
        .await?;
        let body = format!(
            "<h1>执行</h1>{}<h2>“四个90%、一个80%”与执行质效</h2>{}<h2>各法院</h2>{}",
            period_form("/enforcement", span),
            cards(&panel),
            figures_table(&by_court, &|c| Some(format!("/court/{}", encode(c)))),
        );
        Ok(page("执行", who(&session), &body))
    })
    .await
}
