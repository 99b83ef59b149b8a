//! The pages, driven over the router as a browser would: login with the form token and the
//! failure limit, a session cookie (HttpOnly, SameSite), nothing on any page from outside the
//! server, text from the data and from the address shown as text, a case page with its own
//! facts, tables in the order asked for, the language switch, logout guarded by the form token,
//! and an import checked, then confirmed. (Scope per role: tests/scope.rs; the lists at their
//! cut-offs: tests/supervision.rs.)

use std::net::IpAddr;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use shenguan_testkit::world::{
    BOUNDARY, COLLEAGUE, COURT, DIVISION, JUDGE, PASSWORD, TODAY, encode, form_token, fresh_world,
    post_form, set_cookie, world,
};

const PERIOD: &str = "from=2026-01-01&to=2026-11-27";

/// Every page of the router with parameters that make it answer (the downloads and the forms'
/// POST routes are tested below).
fn pages() -> Vec<String> {
    vec![
        format!("/?{PERIOD}"),
        format!("/?{PERIOD}&sort=2&desc=1"),
        format!("/court/{}?{PERIOD}", encode(COURT)),
        format!(
            "/court/{}/division/{}?{PERIOD}",
            encode(COURT),
            encode(DIVISION)
        ),
        format!("/court/{}/judge/{}?{PERIOD}", encode(COURT), encode(JUDGE)),
        format!("/indicator/within_limit_rate?{PERIOD}"),
        format!("/indicator/closed?{PERIOD}&q=2026&page=2"),
        format!("/cases/{}", encode(BOUNDARY.long_pending_12m_in)),
        "/warnings".to_string(),
        "/warnings?tier=overdue".to_string(),
        "/long-pending?months=12".to_string(),
        format!("/enforcement?{PERIOD}"),
        "/enforcement?idle=90".to_string(),
        "/import".to_string(),
        "/reports".to_string(),
        format!("/quality?{PERIOD}"),
        "/supervision".to_string(),
        "/supervision?state=replied&overdue=true&mine=true".to_string(),
    ]
}

/// The pages only administrators open.
const ADMIN_PAGES: [&str; 2] = ["/admin/users", "/admin/audit"];

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).expect("request")
}

#[tokio::test]
async fn pages_need_a_session_and_login_is_guarded() {
    let world = world();
    for uri in pages().iter().map(String::as_str).chain(ADMIN_PAGES) {
        let (status, headers, _) = world.send(get(uri)).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{uri}");
        assert_eq!(headers["location"], "/login", "{uri}");
    }
    let (status, headers, _) = world.send(get("/reports/bulletin?month=2026-10")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers["location"], "/login");
    // A form posted without its token cookie is refused.
    let request = Request::post("/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(format!(
            "name={}&password={}&csrf=forged",
            encode(&world.office.name),
            encode(PASSWORD)
        )))
        .expect("request");
    let (status, headers, _) = world.send(request).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(set_cookie(&headers, "sg_session"), None);
    assert_eq!(
        world.try_login(&world.office.name, "wrong password").await,
        Err(StatusCode::UNAUTHORIZED)
    );
    assert_eq!(
        world.try_login("nobody at all", PASSWORD).await,
        Err(StatusCode::UNAUTHORIZED)
    );
    // The session cookie is for the server alone: HttpOnly, SameSite=Strict.
    let (_, headers, _) = world.send(get("/login")).await;
    let token = set_cookie(&headers, "sg_login").expect("a form token");
    let request = Request::post("/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", format!("sg_login={token}"))
        .body(Body::from(format!(
            "name={}&password={}&csrf={token}",
            encode(&world.office.name),
            encode(PASSWORD)
        )))
        .expect("request");
    let (status, headers, _) = world.send(request).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let raw = headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("sg_session="))
        .expect("a session cookie")
        .to_string();
    assert!(
        raw.contains("HttpOnly") && raw.contains("SameSite=Strict"),
        "{raw}"
    );
}

#[tokio::test]
async fn a_password_guesser_waits_longer_and_longer_but_cannot_lock_the_real_user_out() {
    // The failure counts are the server's state: a world of its own.
    let world = fresh_world();
    let admin = world.admin.name.clone();
    let attacker: IpAddr = "10.66.6.6".parse().expect("address");
    let office: IpAddr = "10.1.2.3".parse().expect("address");
    let before = world
        .direct_store()
        .audit_entries(10_000)
        .expect("the log")
        .len();
    // Three failures are free and the fourth starts the waits: its password is still checked.
    for _ in 0..4 {
        let (status, _) = world
            .try_login_from(&admin, "nope nope", Some(attacker))
            .await
            .expect_err("a wrong password");
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    // Then every try from that address is refused unchecked, the right password too, with the
    // time to wait; the server's clock stands still, so the wait never runs out here.
    for _ in 0..100 {
        let (status, headers) = world
            .try_login_from(&admin, PASSWORD, Some(attacker))
            .await
            .expect_err("throttled");
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(
            headers.get("retry-after").and_then(|v| v.to_str().ok()),
            Some("1")
        );
    }
    // The administrator at their own desk signs in at once.
    world
        .try_login_from(&admin, PASSWORD, Some(office))
        .await
        .expect("the real user is not locked out");
    // Every try is in the audit log with the address: four failures, a hundred refusals, the
    // sign-in.
    let log = world.direct_store().audit_entries(10_000).expect("the log");
    let new = &log[..log.len() - before];
    let count = |action: &str, detail: &str| {
        new.iter()
            .filter(|e| e.action == action && e.detail == detail)
            .count()
    };
    assert_eq!(count("login.failed", &format!("{admin} {attacker}")), 4);
    assert_eq!(
        count("login.throttled", &format!("{admin} {attacker} 1s")),
        100
    );
    assert_eq!(count("login", &format!("{admin} {office}")), 1);
    assert_eq!(new.len(), 105, "{new:?}");
}

#[tokio::test]
async fn an_address_spraying_many_names_is_slowed_for_every_name() {
    let world = fresh_world();
    let attacker: IpAddr = "10.66.6.7".parse().expect("address");
    // Thirty-one names nobody has, one wrong password each: the address's free failures end.
    for i in 0..31 {
        let refused = world
            .try_login_from(&format!("猜测{i}"), "nope nope", Some(attacker))
            .await
            .expect_err("nobody");
        assert_eq!(refused.0, StatusCode::UNAUTHORIZED, "try {i}");
    }
    let (status, _) = world
        .try_login_from(&world.office.name, PASSWORD, Some(attacker))
        .await
        .expect_err("the address waits");
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    world
        .try_login_from(
            &world.office.name,
            PASSWORD,
            Some("10.1.2.3".parse().expect("ip")),
        )
        .await
        .expect("another address is not slowed");
}

#[tokio::test]
async fn every_page_answers_and_fetches_nothing_from_outside() {
    let world = world();
    let cookie = world.session(&world.office).await;
    for uri in pages() {
        let (status, body) = world.page(&uri, &cookie).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(body.starts_with("<!DOCTYPE html>"), "{uri}");
        assert!(!body.contains("<h1>无法显示</h1>"), "{uri}: an error page");
        for outside in ["http://", "https://", "//cdn", "<script"] {
            assert!(!body.contains(outside), "{uri} has {outside}");
        }
    }
    for uri in ADMIN_PAGES {
        let (status, _) = world.page(uri, &cookie).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{uri} is for administrators");
    }
    let admin = world.session(&world.admin).await;
    for uri in ADMIN_PAGES {
        let (status, _) = world.page(uri, &admin).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
    }
    let (_, overview) = world.page(&format!("/?{PERIOD}"), &cookie).await;
    for needle in ["总览", "结收比", "法定审限内结案率", "<svg", "湘1402"] {
        assert!(overview.contains(needle), "overview lacks {needle}");
    }
    // An indicator without a reference range says none is set, and who sets it; one with a
    // published target shows it.
    let (_, unset) = world
        .page(&format!("/indicator/new?{PERIOD}"), &cookie)
        .await;
    assert!(
        unset.contains("未设定（合理区间由本辖区在系统配置中设定）"),
        "{unset}"
    );
    let (_, target) = world
        .page(
            &format!("/indicator/property_within_limit_rate?{PERIOD}"),
            &cookie,
        )
        .await;
    assert!(target.contains("<td>90–</td>"), "{target}");
    // An indicator that does not exist; a case number that is none.
    let (status, _) = world.page("/indicator/nothing", &cookie).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = world.page("/cases/not-a-number", &cookie).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    for bad in [
        "/court/%E6%B9%9814?with_lower=maybe",
        "/warnings?with_lower=true",
        "/warnings?court=%E6%B9%9814&with_lower=%3Cscript%3E",
    ] {
        let (status, page) = world.page(bad, &cookie).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(
            !page.contains("<script>"),
            "{bad}: the value is shown as text"
        );
    }
}

#[tokio::test]
async fn a_case_page_shows_the_cases_own_facts_and_its_deadline() {
    let world = world();
    let cookie = world.session(&world.office).await;
    let number = BOUNDARY.long_pending_12m_in;
    let (status, page) = world
        .page(&format!("/cases/{}", encode(number)), &cookie)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&format!("<h1>{number}</h1>")));
    // Filed 2025-11-26; six months on, 2026-05-26, which passed 185 days ago.
    for fact in [
        "<tr><th>法院</th><td>湘1402 清河市清河区人民法院</td></tr>",
        "<tr><th>适用程序</th><td>普通</td></tr>",
        &format!("<tr><th>承办</th><td>{DIVISION} {JUDGE}</td></tr>"),
        "<tr><th>立案日期</th><td>2025-11-26</td></tr>",
        "<tr><th>结案</th><td>未结 —</td></tr>",
        "<tr><th>审限届满日</th><td>2026-05-26（已超审限185日）</td></tr>",
        "<tr><th>延长审限</th><td>无</td></tr>",
        "<tr><th>扣除审限</th><td>无</td></tr>",
    ] {
        assert!(page.contains(fact), "{fact}");
    }
    // The timeline: the filing, then the hearing.
    let filing = page
        .find("<td>2025-11-26</td><td>立案</td>")
        .expect("the filing");
    let hearing = page
        .find("<td>2026-03-10</td><td>开庭</td>")
        .expect("the hearing");
    assert!(filing < hearing);
    // Another: rolled off a weekend and closed — 2023-11-26 + 6 months is a Sunday (2024-05-26).
    let (status, page) = world
        .page(
            &format!("/cases/{}", encode(BOUNDARY.long_pending_36m_in)),
            &cookie,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<td>2024-05-27（已超审限914日）</td>"));
    let (_, page) = world
        .page(
            &format!("/cases/{}", encode(BOUNDARY.within_5d_in)),
            &cookie,
        )
        .await;
    assert!(page.contains("<td>2026-12-02（剩余5日）</td>"), "{page}");
    let (_, page) = world
        .page(
            &format!("/cases/{}", encode(BOUNDARY.closed_yesterday)),
            &cookie,
        )
        .await;
    assert!(page.contains("<td>2026-11-26 判决</td>"));
    assert!(
        page.contains("<td>2023-12-01（超审限结案，超1091日）</td>"),
        "{page}"
    );
}

#[tokio::test]
async fn text_from_the_data_and_the_address_is_shown_as_text() {
    let world = world();
    let cookie = world.session(&world.admin).await;
    // A cause and an event detail carrying markup come back escaped on the case page.
    let (status, page) = world
        .page(
            &format!("/cases/{}", encode(BOUNDARY.long_pending_12m_in)),
            &cookie,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("民间借贷纠纷&lt;script&gt;alert('案由')&lt;/script&gt;"),
        "{page}"
    );
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;第一次开庭"));
    assert!(!page.contains("<script") && !page.contains("<img"));
    // The long-pending list shows that case's last event kind; the filter form shows back what
    // was asked, escaped, and asks for nothing (no such judge).
    let hostile = "<script>alert(1)</script>\"";
    for path in ["/warnings", "/long-pending"] {
        let (status, page) = world
            .page(&format!("{path}?judge={}", encode(hostile)), &cookie)
            .await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            page.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot;\""),
            "{path}: {page}"
        );
        assert!(!page.contains("<script"), "{path}");
        assert!(page.contains("共0件"), "{path}");
    }
    // An error message that repeats the address's text.
    let (status, page) = world
        .page(&format!("/?from={}", encode("<b>2026</b>")), &cookie)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("&lt;b&gt;2026&lt;/b&gt;") && !page.contains("<b>2026"));
    let (status, page) = world
        .page(&format!("/court/{}", encode("<i>湘</i>")), &cookie)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(!page.contains("<i>湘"));
}

#[tokio::test]
async fn every_answer_carries_the_protective_headers_and_pages_have_no_inline_style() {
    let world = world();
    let cookie = world.session(&world.office).await;
    let token = world.office.token.clone();
    let mut answers = Vec::new();
    for uri in ["/login", "/", "/cases/nothing", "/assets/style.css"] {
        let mut request = Request::get(uri);
        if uri != "/login" {
            request = request.header("cookie", format!("sg_session={cookie}"));
        }
        let (status, headers, body) = world
            .send(request.body(Body::empty()).expect("a request"))
            .await;
        answers.push((uri, status, headers, body));
    }
    let (status, headers, body) = world
        .send(
            Request::get("/api/v1/cases")
                .header("Authorization", format!("Bearer {token}"))
                .body(Body::empty())
                .expect("a request"),
        )
        .await;
    answers.push(("/api/v1/cases", status, headers, body));
    for (uri, _, headers, body) in &answers {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        let policy = header("content-security-policy");
        assert!(
            policy.contains("default-src 'none'")
                && policy.contains("frame-ancestors 'none'")
                && !policy.contains("unsafe-inline"),
            "{uri}: {policy}"
        );
        assert_eq!(header("x-content-type-options"), "nosniff", "{uri}");
        assert_eq!(header("x-frame-options"), "DENY", "{uri}");
        assert_eq!(header("referrer-policy"), "same-origin", "{uri}");
        if *uri == "/assets/style.css" {
            assert_eq!(header("content-type"), "text/css; charset=utf-8");
            assert!(body.contains("svg.chart"));
        } else {
            assert_eq!(header("cache-control"), "no-store", "{uri}");
            // The policy allows no inline style or script: the pages have none.
            assert!(
                !body.contains("<style") && !body.contains(" style=") && !body.contains("<script"),
                "{uri}"
            );
        }
    }
}

#[tokio::test]
async fn lists_name_courts_and_judges_never_bare_codes() {
    let world = world();
    let cookie = world.session(&world.office).await;
    for path in ["/warnings", "/long-pending?months=12"] {
        let (status, page) = world.page(path, &cookie).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        // The boundary cases of 湘1402 are listed: by the court's short name, its code beside.
        assert!(
            page.contains("<td>清河区法院（湘1402）</td>"),
            "{path}: {page}"
        );
        assert!(!page.contains("<td>湘1402</td>"), "{path}");
        assert!(page.contains(&format!("<td>{JUDGE}</td>")), "{path}");
    }
}

#[tokio::test]
async fn a_list_asked_for_a_choice_it_does_not_offer_says_so() {
    // The lists offer 12/18/36 months, 30/60/90 idle days and five tiers. Anything else is
    // refused with the choices named, as the API refuses it — never shown as the default list
    // under a heading the reader did not ask for.
    let world = world();
    let cookie = world.session(&world.office).await;
    for (uri, named) in [
        ("/long-pending?months=13", "months “13”"),
        ("/long-pending?months=twelve", "months “twelve”"),
        ("/enforcement?idle=45", "idle “45”"),
        ("/warnings?tier=later", "tier “later”"),
    ] {
        let (status, body) = world.page(uri, &cookie).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(body.contains(named), "{uri}: {body}");
    }
    for uri in [
        "/long-pending?months=36",
        "/enforcement?idle=90",
        "/warnings?tier=two_thirds",
    ] {
        let (status, _) = world.page(uri, &cookie).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
    }
}

#[tokio::test]
async fn the_font_comes_from_the_server_itself() {
    let world = world();
    // The page links the server's style sheet, which names the server's font.
    let (_, _, login_page) = world.send(get("/login")).await;
    assert!(login_page.contains("<link rel=\"stylesheet\" href=\"/assets/style.css\">"));
    let (_, _, style) = world.send(get("/assets/style.css")).await;
    assert!(style.contains("url(/assets/noto-sans-sc.woff2)"));
    let answer = tower::ServiceExt::oneshot(
        shenguan_web::router(std::sync::Arc::clone(&world.server)),
        get("/assets/noto-sans-sc.woff2"),
    )
    .await
    .expect("response");
    assert_eq!(answer.status(), StatusCode::OK);
    assert_eq!(answer.headers()["content-type"], "font/woff2");
    let bytes = http_body_util::BodyExt::collect(answer.into_body())
        .await
        .expect("body")
        .to_bytes();
    assert_eq!(&bytes[..4], b"wOF2", "a WOFF2 font");
    assert!(bytes.len() > 1_000_000, "with the hanzi of GB 2312");
}

#[tokio::test]
async fn logout_needs_the_sessions_form_token() {
    let world = world();
    // A session of its own: it ends here.
    let cookie = world.sign_in(&world.leader).await;
    let (_, body) = world.page("/warnings", &cookie).await;
    let token = form_token(&body).expect("the logout form's token");
    let post = |csrf: &str| {
        Request::post("/logout")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", format!("sg_session={cookie}"))
            .body(Body::from(format!("csrf={csrf}")))
            .expect("request")
    };
    let (status, _, _) = world.send(post("forged")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = world.page("/warnings", &cookie).await;
    assert_eq!(status, StatusCode::OK, "a forged logout ends nothing");
    let (status, _, _) = world.send(post(&token)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = world.page("/warnings", &cookie).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "the session is over");
}

/// The links of a page whose address starts with `prefix`, in order.
fn links(body: &str, prefix: &str) -> Vec<String> {
    body.split(&format!("href=\"{prefix}"))
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|rest| format!("{prefix}{}", rest.replace("&amp;", "&")))
        .collect()
}

#[tokio::test]
async fn a_court_leads_to_its_divisions_and_their_judges() {
    let world = world();
    let cookie = world.session(&world.office).await;
    let court_path = format!("/court/{}", encode(COURT));
    let (status, court) = world.page(&format!("{court_path}?{PERIOD}"), &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(court.contains("各部门"), "the court lists its divisions");
    // The division table links divisions the court's cases name, ours among them.
    let divisions = links(&court, &format!("{court_path}/division/"));
    let ours = format!("{court_path}/division/{}", encode(DIVISION));
    assert!(divisions.contains(&ours), "{divisions:?}");
    let stored: Vec<String> = world
        .stored_cases(Some(COURT))
        .into_iter()
        .filter_map(|c| c.division)
        .map(|d| format!("{court_path}/division/{}", encode(&d)))
        .collect();
    assert!(
        divisions.iter().all(|d| stored.contains(d)),
        "{divisions:?}"
    );
    // Our division's page lists exactly its two judges.
    let (status, division) = world.page(&format!("{ours}?{PERIOD}"), &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(division.contains("各承办法官"));
    let judges = links(&division, &format!("{court_path}/judge/"));
    assert_eq!(
        judges,
        [
            format!("{court_path}/judge/{}", encode(COLLEAGUE)),
            format!("{court_path}/judge/{}", encode(JUDGE)),
        ]
        .map(|j| j.to_string()),
        "in code-point order of the names"
    );
    for judge in judges {
        let (status, page) = world.page(&format!("{judge}?{PERIOD}"), &cookie).await;
        assert_eq!(status, StatusCode::OK, "{judge}");
        assert!(
            page.contains("各案件类型") && page.contains("<svg"),
            "{judge}"
        );
    }
}

#[tokio::test]
async fn a_generated_case_page_shows_its_parties_with_masked_numbers() {
    let world = world();
    let cookie = world.session(&world.office).await;
    // A loan case of the generated network: a lender sues a borrower.
    let case = world
        .stored_cases(Some("湘1402"))
        .into_iter()
        .find(|c| c.cause.as_deref() == Some("金融借款合同纠纷"))
        .expect("a loan case");
    let (status, page) = world
        .page(
            &format!("/cases/{}", encode(&case.case_no.to_string())),
            &cookie,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let parties = page
        .split("<h2>当事人</h2>")
        .nth(1)
        .and_then(|rest| rest.split("<tbody>").nth(1))
        .and_then(|rest| rest.split("</tbody>").next())
        .expect("the parties' table");
    assert!(
        parties.contains("<td>原告</td>") && parties.contains("<td>被告</td>"),
        "{parties}"
    );
    assert!(
        parties.contains("<td>法人</td>") && parties.contains("律师"),
        "{parties}"
    );
    // Numbers only masked: four characters, ten stars, four characters.
    assert!(parties.contains("**********"), "{parties}");
    let digits_in_a_row = parties
        .split(|c: char| !c.is_ascii_alphanumeric())
        .map(str::len)
        .max()
        .unwrap_or(0);
    assert!(digits_in_a_row <= 6, "no number in clear: {parties}");
}

/// The courts' table of the overview: each row's court and its 新收 (the first figure).
/// The courts' table of a page: each row's court code (shown as 简称（代字）) and 新收.
fn courts_table(body: &str) -> Vec<(String, i64)> {
    let table = body
        .split("各法院")
        .nth(1)
        .and_then(|rest| rest.split("<tbody>").nth(1))
        .and_then(|rest| rest.split("</tbody>").next())
        .expect("the courts' table");
    table
        .split("<tr><td>")
        .skip(1)
        .map(|row| {
            let shown = row
                .split("\">")
                .nth(1)
                .and_then(|rest| rest.split('<').next())
                .expect("a court");
            let court = shown
                .rsplit_once('（')
                .and_then(|(_, code)| code.strip_suffix('）'))
                .unwrap_or_else(|| panic!("{shown}: not 简称（代字）"))
                .to_string();
            let new = row
                .split("<td class=\"n\">")
                .nth(1)
                .and_then(|cell| cell.split('<').next())
                .and_then(|v| v.parse().ok())
                .expect("a number");
            (court, new)
        })
        .collect()
}

#[tokio::test]
async fn a_table_sorts_by_the_column_asked_for() {
    let world = world();
    let cookie = world.session(&world.admin).await;
    // 新收 per court in 2026 to date, counted in the store; in code order, then largest first
    // (a stable sort: equal values keep their code order), then smallest first.
    let from = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    let mut by_code: Vec<(String, i64)> = ["湘14", "湘1402", "湘1403", "湘1404"]
        .iter()
        .map(|code| {
            let new = world
                .stored_cases(Some(code))
                .iter()
                .filter(|c| c.court.to_string() == *code)
                .filter(|c| c.filed_on >= from && c.filed_on <= TODAY)
                .count() as i64;
            (code.to_string(), new)
        })
        .collect();
    let (_, body) = world.page(&format!("/?{PERIOD}"), &cookie).await;
    assert_eq!(courts_table(&body), by_code);
    // Courts are named by their short names, the code beside.
    assert!(body.contains(">清河中院（湘14）</a>"), "{body}");
    assert!(body.contains(">清河区法院（湘1402）</a>"), "{body}");
    let mut descending = by_code.clone();
    descending.sort_by_key(|(_, new)| std::cmp::Reverse(*new));
    let (_, body) = world
        .page(&format!("/?{PERIOD}&sort=1&desc=1"), &cookie)
        .await;
    assert_eq!(courts_table(&body), descending);
    by_code.sort_by_key(|(_, new)| *new);
    let (_, body) = world.page(&format!("/?{PERIOD}&sort=1"), &cookie).await;
    assert_eq!(courts_table(&body), by_code);
    assert!(
        by_code.first().map(|f| f.1) < by_code.last().map(|l| l.1),
        "the courts differ, so the order is a real check: {by_code:?}"
    );
}

#[tokio::test]
async fn the_pages_switch_to_english_and_back() {
    let world = world();
    let cookie = world.session(&world.office).await;
    let request = Request::get("/lang/en")
        .header("referer", "http://127.0.0.1:8080/warnings?tier=overdue")
        .body(Body::empty())
        .expect("request");
    let (status, headers, _) = world.send(request).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        headers.get("location").and_then(|v| v.to_str().ok()),
        Some("/warnings?tier=overdue")
    );
    assert_eq!(set_cookie(&headers, "sg_lang").as_deref(), Some("en"));
    let english = |uri: &str| {
        Request::get(uri)
            .header("cookie", format!("sg_session={cookie}; sg_lang=en"))
            .body(Body::empty())
            .expect("request")
    };
    let (_, _, overview) = world.send(english(&format!("/?{PERIOD}"))).await;
    let closed = shenguan_app::metrics::indicator("closed").expect("closed");
    assert!(overview.contains("<html lang=\"en\">"));
    assert!(overview.contains("Core indicators") && overview.contains(closed.name_en));
    assert!(overview.contains("href=\"/lang/zh\""), "the way back");
    // An indicator's definition in the page's language alone.
    let (_, _, new_cases) = world
        .send(english(&format!("/indicator/new?{PERIOD}")))
        .await;
    assert!(
        new_cases.contains("<p>cases filed in the period</p>"),
        "{new_cases}"
    );
    assert!(!new_cases.contains("立案日期在期间内"), "{new_cases}");
    let (_, chinese) = world
        .page(&format!("/indicator/new?{PERIOD}"), &cookie)
        .await;
    assert!(
        chinese.contains("<p>立案日期在期间内的案件数</p>"),
        "{chinese}"
    );
    assert!(!chinese.contains("cases filed in the period"), "{chinese}");
    // 湘1402's warnings hold overdue cases (the boundary division's seven at least).
    let (_, _, warnings) = world.send(english("/warnings")).await;
    assert!(warnings.contains("Time-limit warnings") && warnings.contains("past the limit"));
    let (_, chinese) = world.page("/warnings", &cookie).await;
    assert!(chinese.contains("审限预警") && chinese.contains("已超审限"));
    assert!(!chinese.contains("past the limit"));
}

/// An error page is in the page's language: English after the switch (the `sg_lang` cookie),
/// Chinese without it — the message and the page around it, never the two glued.
#[tokio::test]
async fn an_error_page_speaks_the_pages_language() {
    let world = world();
    let cookie = world.session(&world.office).await;
    let asked = |uri: &str, lang: Option<&str>| {
        let cookies = match lang {
            Some(lang) => format!("sg_session={cookie}; sg_lang={lang}"),
            None => format!("sg_session={cookie}"),
        };
        Request::get(uri)
            .header("cookie", cookies)
            .body(Body::empty())
            .expect("request")
    };
    for (uri, status, english, chinese) in [
        (
            "/indicator/speed",
            StatusCode::NOT_FOUND,
            "there is no indicator “speed”",
            "没有指标“speed”",
        ),
        (
            "/?from=2026-13-01",
            StatusCode::BAD_REQUEST,
            "from: “2026-13-01” is not a valid date",
            "from: “2026-13-01”不是有效日期",
        ),
    ] {
        let (got, _, page) = world.send(asked(uri, Some("en"))).await;
        assert_eq!(got, status, "{uri}: {page}");
        assert!(page.contains("<html lang=\"en\">"), "{uri}");
        assert!(
            page.contains("Cannot show this page") && page.contains(english),
            "{uri}: {page}"
        );
        assert!(
            !page.contains(chinese) && !page.contains("无法显示"),
            "{uri}: {page}"
        );
        for lang in [None, Some("zh")] {
            let (got, _, page) = world.send(asked(uri, lang)).await;
            assert_eq!(got, status, "{uri}: {page}");
            assert!(
                page.contains("无法显示") && page.contains(chinese),
                "{uri} {lang:?}: {page}"
            );
            assert!(!page.contains(english), "{uri} {lang:?}: {page}");
        }
    }
}

/// A multipart form with the session's token and one file.
fn upload(cookie: &str, csrf: &str, name: &str, content: &str) -> Request<Body> {
    let boundary = "shenguan-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: text/csv\r\n\r\n{content}\r\n--{boundary}--\r\n"
    );
    Request::post("/import")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header("cookie", format!("sg_session={cookie}"))
        .body(Body::from(body))
        .expect("request")
}

/// The value shown on an indicator's card.
fn card_value(body: &str, code: &str) -> i64 {
    body.split(&format!("href=\"/indicator/{code}\""))
        .nth(1)
        .and_then(|card| card.split("<div class=\"v\">").nth(1))
        .and_then(|value| value.split(" <small>").next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no card for {code}"))
}

fn confirm(cookie: &str, csrf: &str, upload: &str, skip: bool) -> Request<Body> {
    let skip = if skip { "&skip_invalid=1" } else { "" };
    Request::post("/import/confirm")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", format!("sg_session={cookie}"))
        .body(Body::from(format!("csrf={csrf}&upload={upload}{skip}")))
        .expect("request")
}

fn upload_id(body: &str) -> String {
    body.split("name=\"upload\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the confirmation form")
        .to_string()
}

const TWO_COURTS: &str = "案号,法院名称,立案日期,结案日期,结案方式,承办人,承办部门,案由,适用程序,标的额,执行到位金额,原审案号\n\
     （2026）湘1402民初99901号,清河市清河区人民法院,2026-03-02,,,新法官,民事审判庭,民间借贷纠纷,简易,1000.00,,\n\
     （2026）湘1403民初99902号,清河市云溪区人民法院,2026-03-03,,,别的法官,民事审判庭,民间借贷纠纷,简易,2000.00,,\n";

/// The file's name carries markup: the report shows it as text.
const FILE_NAME: &str = "案件<b>清单</b>.csv";

#[tokio::test]
async fn an_import_is_checked_then_confirmed_and_the_figures_follow() {
    // It writes: a world of its own.
    let world = fresh_world();
    let cookie = world.sign_in(&world.office).await;
    let from = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    let before = world
        .stored_cases(Some(COURT))
        .iter()
        .filter(|c| c.filed_on >= from && c.filed_on <= TODAY)
        .count() as i64;
    let (_, overview) = world.page(&format!("/?{PERIOD}"), &cookie).await;
    assert_eq!(card_value(&overview, "new"), before);
    let (status, form) = world.page("/import", &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("multipart/form-data"));
    let csrf = form_token(&form).expect("a form token");
    // A forged form token is refused before anything is read.
    let (status, _, _) = world
        .send(upload(&cookie, "forged", "cases.csv", TWO_COURTS))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // The report names the bad row: another court's case.
    let (status, _, report) = world
        .send(upload(&cookie, &csrf, FILE_NAME, TWO_COURTS))
        .await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert!(
        report.contains("读取2行，有效案件1件、流程节点0条，错误1处"),
        "{report}"
    );
    assert!(
        report.contains("案件不属于湘1402及其辖区法院，无权导入"),
        "{report}"
    );
    assert!(report.contains("案件&lt;b&gt;清单&lt;/b&gt;.csv") && !report.contains("<b>清单"));
    assert!(
        report.contains("skip_invalid"),
        "the bad rows may be skipped"
    );
    // Confirmed as a whole: refused, nothing written.
    let (status, _, refused) = world
        .send(confirm(&cookie, &csrf, &upload_id(&report), false))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(refused.contains("有错误行，未写入任何数据。"), "{refused}");
    let (_, overview) = world.page(&format!("/?{PERIOD}"), &cookie).await;
    assert_eq!(card_value(&overview, "new"), before, "nothing new yet");
    // Again, skipping the bad row: written, and the overview counts it.
    let (_, _, report) = world
        .send(upload(&cookie, &csrf, "cases.csv", TWO_COURTS))
        .await;
    let id = upload_id(&report);
    let (status, _, done) = world.send(confirm(&cookie, &csrf, &id, true)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        done.contains("已导入：新增1件，更新0件，未变0件，流程节点0条；跳过错误行1处。")
            && done.contains("指标已按新数据重新计算"),
        "{done}"
    );
    let (_, overview) = world.page(&format!("/?{PERIOD}"), &cookie).await;
    assert_eq!(card_value(&overview, "new"), before + 1);
    // An upload is confirmed once.
    let (status, _, _) = world.send(confirm(&cookie, &csrf, &id, true)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Another account cannot confirm this office's upload, nor can a judge import at all.
    let (_, _, report) = world
        .send(upload(&cookie, &csrf, "cases.csv", TWO_COURTS))
        .await;
    let id = upload_id(&report);
    let admin = world.sign_in(&world.admin).await;
    let (_, admin_page) = world.page("/import", &admin).await;
    let admin_csrf = form_token(&admin_page).expect("a form token");
    let (status, _, _) = world.send(confirm(&admin, &admin_csrf, &id, true)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let judge = world.sign_in(&world.judge).await;
    let (status, _) = world.page("/import", &judge).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// A post office's delivery results go through the import page like any file: the check says what
/// they would settle, the confirmation settles it, and a batch naming a parcel nobody mailed is
/// refused with its row, column, value and reason, leaving the waiting attempt as it was.
#[tokio::test]
async fn a_postal_batch_is_checked_then_confirmed_on_the_import_page() {
    let world = fresh_world();
    let token = &world.office.token;
    let case = world.boundary.within_30d_out;
    let send = |uri: String, body: serde_json::Value| {
        shenguan_testkit::world::post_json(&uri, token, &body.to_string())
    };
    let (status, _, opened) = world
        .send(send(
            "/api/v1/service/tasks".into(),
            serde_json::json!({"case_no": case, "document": "传票", "recipient": "邮某"}),
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{opened}");
    let task: serde_json::Value = serde_json::from_str(&opened).expect("JSON");
    let task = task["task"]["id"].as_i64().expect("an id");
    let mailed = serde_json::json!({"method": "邮寄送达", "attempted_on": "2026-11-27", "outcome": "送达中", "tracking_no": "1190000000777"});
    let (status, _, answer) = world
        .send(send(
            format!("/api/v1/service/tasks/{task}/attempts"),
            mailed,
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let outcome_of = || {
        let mut store = world.direct_store();
        store
            .service_task(task)
            .expect("read")
            .expect("the task")
            .attempts[0]
            .outcome
            .clone()
    };
    let cookie = world.sign_in(&world.office).await;
    let (_, form) = world.page("/import", &cookie).await;
    let csrf = form_token(&form).expect("a form token");
    let unknown = "邮件号,收件人,投递状态,投递日期\n1190000000999,邮某,妥投,2026-11-27\n";
    let (status, _, report) = world
        .send(upload(&cookie, &csrf, "邮寄结果.csv", unknown))
        .await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert!(
        report.contains("1190000000999") && report.contains("邮件号"),
        "{report}"
    );
    assert!(
        report.contains("没有可导入的行"),
        "nothing to confirm: {report}"
    );
    assert_eq!(outcome_of(), "waiting");
    let good = "邮件号,收件人,投递状态,投递日期\n1190000000777,邮某,妥投,2026-11-27\n";
    let (_, _, report) = world
        .send(upload(&cookie, &csrf, "邮寄结果.csv", good))
        .await;
    assert!(report.contains("补记结果1条"), "{report}");
    let (status, _, done) = world
        .send(confirm(&cookie, &csrf, &upload_id(&report), false))
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert!(
        done.contains("送达：已新增") && done.contains("补记结果1条"),
        "{done}"
    );
    assert_eq!(outcome_of(), "served");
}

#[tokio::test]
async fn reports_download_within_the_users_scope() {
    let world = world();
    let cookie = world.session(&world.office).await;
    let get = |uri: &str| {
        Request::get(uri)
            .header("cookie", format!("sg_session={cookie}"))
            .body(Body::empty())
            .expect("request")
    };
    let (status, headers, _) = world
        .send(get("/reports/bulletin?month=2026-10&format=docx"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.contains("wordprocessingml"))
    );
    assert!(
        headers
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .is_some_and(
                |d| d.starts_with("attachment;") && d.contains(&encode("2026年10月质效通报.docx"))
            )
    );
    let (status, _, html) = world
        .send(get(
            "/reports/summary?from=2026-01-01&to=2026-06-30&format=html",
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("2026年1至6月") && html.contains("<svg"),
        "a summary"
    );
    for other in ["湘1403", "湘1404"] {
        assert!(!html.contains(other), "another court's figures: {other}");
    }
    for (uri, status) in [
        (
            "/reports/bulletin?month=2026-13&format=docx",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/reports/bulletin?month=2026-10&format=pdf",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/reports/summary?from=2026-01-01&format=html",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/reports/bulletin?month=2026-10&format=html&unreconciled=%3Cscript%3E",
            StatusCode::BAD_REQUEST,
        ),
    ] {
        let (got, _, _) = world.send(get(uri)).await;
        assert_eq!(got, status, "{uri}");
    }
    // Each download made from the store is recorded with what it printed, for the office's
    // scope; a refused one is not.
    let reports = world
        .direct_store()
        .latest_reports(10)
        .expect("the reports");
    let made: Vec<(&str, Option<&str>, Option<&str>)> = reports
        .iter()
        .map(|r| {
            (
                r.name.as_str(),
                r.court_code.as_deref(),
                r.made_by.as_deref(),
            )
        })
        .collect();
    let office = world.office.name.as_str();
    assert_eq!(
        made,
        vec![
            (
                "2026-01-01至2026-06-30工作总结",
                Some("湘1402"),
                Some(office)
            ),
            ("2026年10月质效通报", Some("湘1402"), Some(office)),
        ]
    );
    let flow = world
        .direct_store()
        .report_stock_flow(reports[1].id)
        .expect("its stock and flow");
    assert_eq!(
        flow.len(),
        10,
        "湘1402's months January to October: {flow:?}"
    );
    assert!(flow.iter().all(|row| row.court_code == "湘1402"));
}

#[tokio::test]
async fn an_upload_past_the_limit_or_with_a_forged_token_leaves_nothing_on_the_server() {
    let world = fresh_world();
    let cookie = world.sign_in(&world.office).await;
    let (_, form) = world.page("/import", &cookie).await;
    let csrf = form_token(&form).expect("a form token");
    let left = || {
        std::fs::read_dir(world.server.upload_folder().expect("an upload folder"))
            .expect("the upload folder")
            .count()
    };
    world.server.set_upload_limit(4096);
    let big = format!("案号,立案日期\n{}", "x".repeat(10_000));
    let (status, _, page) = world.send(upload(&cookie, &csrf, "大.csv", &big)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{page}");
    assert!(page.contains("上传的文件超过1 MiB的上限"), "{page}");
    assert_eq!(left(), 0);
    let (status, _, _) = world
        .send(upload(&cookie, "forged", "小.csv", "案号\n"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(left(), 0);
    // A text field of the form past a few kilobytes is refused, not read to its end.
    let (status, _, page) = world
        .send(upload(&cookie, &"x".repeat(100_000), "小.csv", "案号\n"))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{page}");
    assert!(page.contains("表单字段过长"), "{page}");
    assert_eq!(left(), 0);
    // A file the reader refuses leaves nothing either, and the page names it as sent.
    let (status, _, page) = world
        .send(upload(&cookie, &csrf, "坏.xlsx", "not a workbook"))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{page}");
    assert!(page.contains("坏.xlsx") && !page.contains("/tmp"), "{page}");
    assert_eq!(left(), 0);
}

#[tokio::test]
async fn a_server_set_for_https_sends_its_cookies_over_https_only() {
    let https = shenguan_testkit::world::fresh_world_with(shenguan_app::Config {
        secure_cookies: true,
        ..shenguan_app::Config::default()
    });
    for uri in ["/login", "/lang/en"] {
        let (_, headers, _) = https.send(get(uri)).await;
        let raw = headers
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .expect("a cookie");
        assert!(raw.ends_with("; Secure"), "{uri}: {raw}");
    }
    // The world of the other tests is served over plain HTTP on the intranet: no Secure.
    let (_, headers, _) = world().send(get("/login")).await;
    let raw = headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("a cookie");
    assert!(!raw.contains("Secure"), "{raw}");
}

/// The one-time password a page shows.
fn shown_password(page: &str) -> String {
    page.split("<code class=\"password\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("a password on the page")
        .to_string()
}

#[tokio::test]
async fn an_administrator_manages_accounts_on_the_web() {
    let world = fresh_world();
    let admin = world.sign_in(&world.admin).await;
    let (status, page) = world.page("/admin/users", &admin).await;
    assert_eq!(status, StatusCode::OK);
    let csrf = form_token(&page).expect("a form token");
    // Adding: a random password shown once; the new judge signs in with it.
    let name = "新法官<b>";
    let form = format!(
        "csrf={csrf}&name={}&role=judge&court={}&division=&staff=",
        encode(name),
        encode(COURT)
    );
    let (status, _, page) = world.send(post_form("/admin/users", &admin, &form)).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(
        page.contains("新法官&lt;b&gt;") && !page.contains("新法官<b>"),
        "escaped"
    );
    let password = shown_password(&page);
    let session = world.login(name, &password).await;
    // Reset: the old password no longer signs in, the new one does.
    let action = |what: &str| format!("/admin/users/{}/{what}", encode(name));
    let (status, _, page) = world
        .send(post_form(
            &action("password"),
            &admin,
            &format!("csrf={csrf}"),
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let new = shown_password(&page);
    assert_ne!(new, password);
    assert_eq!(
        world.try_login(name, &password).await,
        Err(StatusCode::UNAUTHORIZED)
    );
    // Disabled: the open session ends at its next request; the new password signs in nowhere.
    let (status, _, _) = world
        .send(post_form(
            &action("disable"),
            &admin,
            &format!("csrf={csrf}"),
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = world.page("/", &session).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        world.try_login(name, &new).await,
        Err(StatusCode::UNAUTHORIZED)
    );
    let (_, page) = world.page("/admin/users", &admin).await;
    assert!(page.contains("已停用"), "{page}");
    // Revoking a judge's tokens from the page: the token stops.
    let judge_tokens = format!("/admin/users/{}/revoke", encode(&world.judge.name));
    let (status, _, _) = world
        .send(post_form(&judge_tokens, &admin, &format!("csrf={csrf}")))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = world.get("/api/v1/cases", Some(&world.judge.token)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // Every change is audited under the administrator's name.
    let log = world.direct_store().audit_entries(20).expect("the log");
    let by_admin: Vec<&str> = log
        .iter()
        .filter(|e| e.user.as_deref() == Some(world.admin.name.as_str()))
        .map(|e| e.action.as_str())
        .collect();
    for action in ["user.add", "user.password", "user.disable", "token.revoke"] {
        assert!(by_admin.contains(&action), "{action}: {by_admin:?}");
    }
    // A forged form token changes nothing; nor may anyone but an administrator.
    let (status, _, _) = world
        .send(post_form(&action("enable"), &admin, "csrf=forged"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let office = world.sign_in(&world.office).await;
    let (_, office_page) = world.page("/", &office).await;
    let office_csrf = form_token(&office_page).expect("a form token");
    let (status, _, _) = world
        .send(post_form(
            &action("enable"),
            &office,
            &format!("csrf={office_csrf}"),
        ))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = world.page("/admin/users", &office).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        world.try_login(name, &new).await,
        Err(StatusCode::UNAUTHORIZED)
    );
}

#[tokio::test]
async fn a_court_administrator_manages_only_the_accounts_of_their_court() {
    let world = fresh_world();
    let mut store = world.store();
    let app = shenguan_testkit::world::app();
    app.add_user(
        &mut store,
        shenguan_app::accounts::NewAccount {
            name: "县法院管理员",
            role: shenguan_app::accounts::Role::Admin,
            court: Some(shenguan_domain::CourtCode::parse("湘1403").expect("court")),
            division: None,
            staff_id: None,
            password: PASSWORD,
        },
    )
    .expect("added");
    let cookie = world.login("县法院管理员", PASSWORD).await;
    let (status, page) = world.page("/admin/users", &cookie).await;
    assert_eq!(status, StatusCode::OK);
    // 湘1403's judge is listed; 湘1402's and the network's administrator are not.
    assert!(page.contains(&world.judge_1403.name), "{page}");
    assert!(
        !page.contains(&format!("<td>{}</td>", world.judge.name)),
        "{page}"
    );
    assert!(
        !page.contains(&format!("<td>{}</td>", world.admin.name)),
        "{page}"
    );
    let csrf = form_token(&page).expect("a form token");
    // Another court's account is not theirs to touch: as if it did not exist.
    let (status, _, _) = world
        .send(post_form(
            &format!("/admin/users/{}/disable", encode(&world.judge.name)),
            &cookie,
            &format!("csrf={csrf}"),
        ))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Nor may they add an account above their court.
    let form = format!("csrf={csrf}&name=x&role=office&court={}", encode(COURT));
    let (status, _, _) = world.send(post_form("/admin/users", &cookie, &form)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(world.try_login(&world.judge.name, PASSWORD).await.is_ok());
}

#[tokio::test]
async fn an_overlong_name_is_nobodys_and_is_audited_cut() {
    let world = fresh_world();
    // An account with the longest name there may be (64 bytes) …
    let longest = "a".repeat(64);
    shenguan_testkit::world::app()
        .add_user(
            &mut world.store(),
            shenguan_app::accounts::NewAccount {
                name: &longest,
                role: shenguan_app::accounts::Role::Leader,
                court: None,
                division: None,
                staff_id: None,
                password: PASSWORD,
            },
        )
        .expect("added");
    world.login(&longest, PASSWORD).await;
    // … is not opened by a longer name that begins with it, even with its password.
    let name = format!("{longest}a");
    let (status, _) = world
        .try_login_from(&name, PASSWORD, Some("10.1.2.9".parse().expect("ip")))
        .await
        .expect_err("no account has this name");
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // The log keeps the first 64 characters of what was typed.
    let long = format!("{}{}", world.admin.name, "长".repeat(300));
    world
        .try_login_from(&long, PASSWORD, Some("10.1.2.9".parse().expect("ip")))
        .await
        .expect_err("no account has this name");
    let last = &world.direct_store().audit_entries(1).expect("the log")[0];
    assert_eq!(last.action, "login.failed");
    let audited = last.detail.strip_suffix(" 10.1.2.9").expect("the address");
    assert_eq!(audited.chars().count(), 64);
    assert!(long.starts_with(audited));
}

/// Text the pages must show as text, whatever it holds: markup, a formula, a 10,000-character
/// run, right-to-left and zero-width marks, an emoji and a character outside the basic plane.
const HOSTILE: &str = "<script>alert('x')</script>=HYPERLINK(\"http://x\")\u{202e}\u{200d}😀𠀀\"'&";

#[tokio::test]
async fn every_page_shows_hostile_data_as_text() {
    let world = fresh_world();
    // A case of the boundary court whose every text field is hostile; its division and judge
    // are names no check at import would let through (the store takes what it is given).
    let (mut case, mut events) =
        shenguan_testkit::world::boundary_case(BOUNDARY.long_pending_12m_in).records();
    let number = "（2025）湘1402民初77777号";
    case.case_no = shenguan_domain::CaseNumber::parse(number, 2026).expect("a case number");
    let long = format!("{HOSTILE}{}", "长".repeat(10_000));
    case.division = Some(format!("<b>庭</b>{HOSTILE}"));
    case.judge = Some(format!("<i>法官</i>{HOSTILE}"));
    case.cause = Some(long.clone());
    case.court_name = Some(HOSTILE.to_string());
    for event in &mut events {
        event.case_no = case.case_no.clone();
        event.detail = long.clone();
    }
    // A detail that is a formula from its first character.
    events[0].detail = "=HYPERLINK(\"http://x\",\"点击\")".to_string();
    let mut store = world.direct_store();
    store
        .write_import(&[case.clone()], &events, &mut |_| {})
        .expect("the hostile case");
    // The hostile case under supervision, with hostile instructions.
    let app = shenguan_testkit::world::app();
    let mut app_store = world.store();
    let office = app
        .active_user(&mut app_store, &world.office.name)
        .expect("read")
        .expect("the office");
    let numbers = [number.to_string()];
    let item = app
        .open_supervision(
            &mut app_store,
            &office,
            &shenguan_app::duban::OpenRequest {
                cases: &numbers,
                reason: shenguan_app::duban::Reason::Other,
                // As long as the rules keep (2,000 characters).
                instructions: &long.chars().take(2000).collect::<String>(),
                answerer: Some(&world.office.name),
                due_on: None,
            },
        )
        .expect("supervised")[0];
    let cookie = world.session(&world.admin).await;
    let division = case.division.clone().unwrap_or_default();
    let judge_key = case.judge_key().unwrap_or_default();
    let judge = case.judge.clone().unwrap_or_default();
    let mut uris = pages();
    uris.extend(ADMIN_PAGES.iter().map(|p| p.to_string()));
    uris.extend([
        format!("/cases/{}", encode(number)),
        format!(
            "/court/{}/division/{}?{PERIOD}",
            encode(COURT),
            encode(&division)
        ),
        format!("/court/{}/judge/{}?{PERIOD}", encode(COURT), encode(&judge)),
        format!("/warnings?division={}", encode(&division)),
        format!("/long-pending?months=12&judge={}", encode(&judge_key)),
        format!(
            "/long-pending?months=12&judge={}&sort=6&desc=1",
            encode(HOSTILE)
        ),
        format!(
            "/warnings?type={}&page={}",
            encode(HOSTILE),
            encode(HOSTILE)
        ),
        format!("/admin/audit?user={}", encode(HOSTILE)),
        format!("/indicator/closed?{PERIOD}&q={}", encode(HOSTILE)),
        format!("/?{PERIOD}&sort={}", encode(HOSTILE)),
        format!("/supervision/{item}"),
        format!("/supervision?reason={}", encode(HOSTILE)),
    ]);
    let mut seen_in = Vec::new();
    for uri in &uris {
        let (status, page) = world.page(uri, &cookie).await;
        assert!(
            status == StatusCode::OK || status == StatusCode::BAD_REQUEST,
            "{uri}: {status}"
        );
        // No markup from the data or the address: only the program's own elements.
        for raw in ["<script", "<b>", "<i>", "alert('x')</script>"] {
            assert!(!page.contains(raw), "{uri} holds {raw}");
        }
        // Where the hostile text shows, it shows escaped and whole (the rare characters kept).
        if page.contains("&lt;script&gt;alert('x')&lt;/script&gt;") {
            assert!(
                page.contains("=HYPERLINK(&quot;http://x&quot;)\u{202e}\u{200d}😀𠀀&quot;'&amp;"),
                "{uri}"
            );
            seen_in.push(uri.clone());
        }
    }
    // The hostile case is on the pages that list or show it.
    for expected in [
        format!("/cases/{}", encode(number)),
        format!("/warnings?division={}", encode(&division)),
    ] {
        assert!(seen_in.contains(&expected), "{expected}: {seen_in:?}");
    }
    let (_, page) = world
        .page(&format!("/cases/{}", encode(number)), &cookie)
        .await;
    assert!(page.contains(&"长".repeat(10_000)), "the long field whole");
    // Its timeline exported: the formula is text in a text cell, never a formula.
    let (status, _, bytes) = world
        .download(&format!("/cases/{}?export=events", encode(number)), &cookie)
        .await;
    assert_eq!(status, StatusCode::OK);
    let (sheets, strings) = shenguan_testkit::world::workbook_text(&bytes);
    assert!(
        strings.contains("<t>=HYPERLINK(\"http://x\",\"点击\")</t>"),
        "{strings}"
    );
    assert!(!sheets.contains("<f>"), "no formula cell");
}

#[tokio::test]
async fn a_list_is_paged_and_exports_every_row_to_excel_audited() {
    let world = fresh_world();
    let cookie = world.session(&world.admin).await;
    let (_, first) = world.page("/warnings?per_page=20", &cookie).await;
    let total: usize = first
        .split("<span>共")
        .nth(1)
        .and_then(|rest| rest.split('件').next())
        .and_then(|n| n.parse().ok())
        .expect("the count over the list");
    assert!(total > 20, "a list longer than a page: {total}");
    let rows = |page: &str| {
        page.split("<tbody>")
            .nth(1)
            .and_then(|rest| rest.split("</tbody>").next())
            .map_or(0, |body| body.matches("<tr>").count())
    };
    assert_eq!(rows(&first), 20);
    let pages = total.div_ceil(20);
    assert!(first.contains(&format!("第1/{pages}页")), "{first}");
    let (_, last) = world
        .page(&format!("/warnings?per_page=20&page={pages}"), &cookie)
        .await;
    assert_eq!(rows(&last), total - 20 * (pages - 1));
    // A page size not offered is the default one.
    let (_, default) = world.page("/warnings?per_page=7", &cookie).await;
    assert_eq!(rows(&default), total.min(100));
    // The export holds every row, not the page's hundred, and it is audited.
    let before = world
        .direct_store()
        .audit_entries(1000)
        .expect("the audit log")
        .len();
    let (status, headers, bytes) = world
        .download("/warnings?per_page=20&page=2&export=list", &cookie)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let (sheet, strings) = shenguan_testkit::world::workbook_text(&bytes);
    // Title, date line, caption, header, the rows: the case numbers are shared strings.
    let (_, shown) = world.page("/warnings", &cookie).await;
    let first_case = shown
        .split("<td><a href=\"/cases/")
        .nth(1)
        .and_then(|rest| rest.split_once("\">"))
        .and_then(|(_, text)| text.split_once("</a>"))
        .map(|(number, _)| number.to_string())
        .expect("a case on the page");
    assert!(
        strings.contains(&first_case),
        "{first_case} in the workbook"
    );
    assert!(
        sheet.matches("<row ").count() > total,
        "{total} rows and the header"
    );
    assert!(!sheet.contains("<f>"), "no formula in an exported list");
    let log = world
        .direct_store()
        .audit_entries(1000)
        .expect("the audit log");
    assert_eq!(log.len(), before + 1);
    assert_eq!(log[0].action, "export");
    assert!(
        log[0].detail.contains(&format!("({total} rows)")),
        "{:?}",
        log[0]
    );
    // A table the page does not have is not found.
    let (status, _) = world.page("/warnings?export=nothing", &cookie).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_accounts_table_sorts_pages_and_exports_without_its_buttons() {
    let world = fresh_world();
    let admin = world.sign_in(&world.admin).await;
    let accounts = world.accounts().len();
    let (status, page) = world.page("/admin/users?sort=0&desc=1", &admin).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&format!("共{accounts}个账号")), "{page}");
    // Sorted by name, last first.
    let names: Vec<String> = page
        .split("<tbody>")
        .nth(1)
        .and_then(|rest| rest.split("</tbody>").next())
        .expect("the table's rows")
        .split("<tr><td>")
        .skip(1)
        .filter_map(|row| row.split("</td>").next().map(str::to_string))
        .collect();
    assert_eq!(names.len(), accounts);
    let mut sorted = names.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(names, sorted);
    // The actions column holds the buttons and cannot be sorted by: asking to is ignored.
    assert!(page.contains("<th>操作</th>"), "{page}");
    let (status, _) = world.page("/admin/users?sort=7", &admin).await;
    assert_eq!(status, StatusCode::OK);
    // The workbook holds every account and none of the buttons.
    let (status, _, bytes) = world.download("/admin/users?export=list", &admin).await;
    assert_eq!(status, StatusCode::OK);
    let (sheet, strings) = shenguan_testkit::world::workbook_text(&bytes);
    for account in world.accounts() {
        assert!(
            strings.contains(&account.name),
            "{} in the workbook",
            account.name
        );
    }
    assert!(strings.contains("用户名") && strings.contains("令牌"));
    assert!(
        !strings.contains("操作") && !strings.contains("重置密码"),
        "no buttons in the workbook: {strings}"
    );
    assert!(!sheet.contains("<f>"), "no formula");
    let log = world
        .direct_store()
        .audit_entries(1)
        .expect("the audit log");
    assert_eq!(log[0].action, "export");
    // The answer to a form posted to an account leads back to the list, not to the form's
    // address.
    let csrf = form_token(&page).expect("a form token");
    let (status, _, answer) = world
        .send(post_form(
            &format!("/admin/users/{}/revoke", encode(&world.judge.name)),
            &admin,
            &format!("csrf={csrf}"),
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert!(
        answer.contains("href=\"/admin/users?export=list\""),
        "{answer}"
    );
    assert!(!answer.contains("/revoke?"), "{answer}");
}

#[tokio::test]
async fn a_trend_marks_the_month_still_running_instead_of_plunging() {
    let world = world();
    let cookie = world.session(&world.office).await;
    // To 27 November: November is counted to its 27th, drawn apart and said so.
    let (_, page) = world.page("/?from=2026-01-01&to=2026-11-27", &cookie).await;
    assert!(page.contains("2026-11（截至11月27日）"), "{page}");
    assert!(page.contains("<path class=\"partial\""), "{page}");
    // To the end of October: every month is whole.
    let (_, page) = world.page("/?from=2026-01-01&to=2026-10-31", &cookie).await;
    assert!(!page.contains("截至10月31日") && !page.contains("class=\"partial\""));
}
