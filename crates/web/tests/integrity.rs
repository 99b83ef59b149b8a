//! Reconciliation, the recorded reports and the signals of gaming over the web test world: a
//! bulletin downloaded and then a case's closing moved by an import gives breaks the 数据质量
//! page, the report's comparison and the API list with the case and the import that moved it;
//! withdrawals refiled by the same parties give a 撤诉再诉 signal whose cases the 风险信号 page
//! lists with tick boxes and supervises; each held to the reader's scope (a judge or division
//! head gets no reconciliation and 403 for the signals); hostile parameters answered 400, 403 or
//! 404 with a message, never a panic.

use axum::http::StatusCode;
use chrono::{Days, NaiveDate};
use serde_json::Value;
use shenguan_domain::{
    CaseNumber, CaseParties, CaseRecord, ClosingMethod, CourtCode, Party, PartyRole,
};
use shenguan_testkit::world::{
    COURT, DIVISION, JUDGE, World, encode, form_token, fresh_world, post_form, workbook_text, world,
};

const PERIOD: &str = "from=2026-01-01&to=2026-11-27";

/// A recorded report's name as the API gives it.
fn name_of(report: &Value) -> &str {
    report["name"].as_str().expect("a name")
}

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// The day the import moves the case's closing to: inside October, which the bulletin reported.
const MOVED_TO: &str = "2026-10-20";

/// A case of 湘1402 filed before October and closed in November (after the October bulletin's
/// period), with a closing method: the import moves its closing into October.
fn november_closing(world: &World) -> CaseRecord {
    world
        .stored_cases(Some(COURT))
        .into_iter()
        .filter(|c| c.court.to_string() == COURT)
        .find(|c| {
            c.filed_on < d("2026-09-01")
                && c.closed_on
                    .is_some_and(|closed| closed > d("2026-11-02") && closed < d("2026-11-25"))
                && c.closing_method.is_some()
                && c.case_no.to_string().contains("民初")
        })
        .expect("a 民初 case of 湘1402 closed in November")
}

/// The office downloads the October bulletin (recorded), then imports the case with its closing
/// in October: the case number and its old closing day.
async fn reported_then_revised(world: &World) -> (String, String) {
    let office = world.session(&world.office).await;
    let (status, _, _) = world
        .download("/reports/bulletin?month=2026-10&format=html", &office)
        .await;
    assert_eq!(status, StatusCode::OK);
    let case = november_closing(world);
    let number = case.case_no.to_string();
    let old = case.closed_on.expect("closed").to_string();
    let csv = format!(
        "案号,法院代码,立案日期,结案日期,结案方式,承办部门,承办法官\n{number},{COURT},{},{MOVED_TO},{},{},{}\n",
        case.filed_on,
        case.closing_method.expect("method").label_zh(),
        case.division.as_deref().unwrap_or(""),
        case.judge.as_deref().unwrap_or(""),
    );
    let (status, done) = world.import_csv("", Some(&world.office.token), &csv).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert!(
        done["errors"].as_array().is_none_or(Vec::is_empty),
        "{done}"
    );
    (number, old)
}

/// The breaks of the reconciliation answered to `token`, as (court, month, kind, measure, cases).
fn breaks(rec: &Value) -> Vec<(String, String, String, String, Vec<String>)> {
    rec["months"]
        .as_array()
        .expect("months")
        .iter()
        .flat_map(|m| {
            m["breaks"]
                .as_array()
                .expect("breaks")
                .iter()
                .map(move |b| {
                    (
                        m["court"].as_str().unwrap_or_default().to_string(),
                        m["month"].as_str().unwrap_or_default().to_string(),
                        b["kind"].as_str().unwrap_or_default().to_string(),
                        b["measure"].as_str().unwrap_or_default().to_string(),
                        b["cases"]
                            .as_array()
                            .expect("cases")
                            .iter()
                            .filter_map(|c| c["case_no"].as_str().map(String::from))
                            .collect(),
                    )
                })
        })
        .collect()
}

#[tokio::test]
async fn a_closing_moved_after_a_report_is_a_break_on_the_pages_and_in_the_api() {
    let world = fresh_world();
    let (number, old) = reported_then_revised(&world).await;

    // The API: October's closed and pending of 湘1402 no longer what the bulletin printed, with
    // the case behind each; a period that starts in November finds its carried over not October's
    // pending as reported.
    let (status, rec) = world
        .get(
            &format!("/api/v1/quality/reconciliation?{PERIOD}"),
            Some(&world.office.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{rec}");
    assert_eq!(rec["reconciled"], false, "{rec}");
    assert!(
        rec["reported_months"].as_u64().is_some_and(|n| n >= 10),
        "{rec}"
    );
    let (status, november) = world
        .get(
            "/api/v1/quality/reconciliation?from=2026-11-01&to=2026-11-27",
            Some(&world.office.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{november}");
    let mut found = breaks(&rec);
    found.extend(breaks(&november));
    for (month, kind, measure) in [
        ("2026-10", "revised", "closed"),
        ("2026-10", "revised", "pending"),
        ("2026-11", "carried_over", "carried_over"),
    ] {
        assert!(
            found.iter().any(|(court, m, k, ms, cases)| court == COURT
                && m == month
                && k == kind
                && ms == measure
                && cases.contains(&number)),
            "{month} {kind} {measure}: {found:?}"
        );
    }
    let why = format!("结案日期 {old} → {MOVED_TO}（导入#");
    assert!(rec.to_string().contains(&why), "{rec}");

    // The recorded report, and its comparison with now.
    let (status, list) = world
        .get("/api/v1/reports", Some(&world.office.token))
        .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let report = &list["reports"][0];
    assert_eq!(report["kind"], "bulletin", "{list}");
    let id = report["id"].as_i64().expect("an id");
    let (status, compared) = world
        .get(
            &format!("/api/v1/reports/{id}/compare"),
            Some(&world.office.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{compared}");
    assert!(
        compared["figures"]
            .as_array()
            .is_some_and(|f| !f.is_empty()),
        "{compared}"
    );
    let moved: Vec<&Value> = compared["months"]
        .as_array()
        .expect("months")
        .iter()
        .filter(|m| m["breaks"].as_array().is_some_and(|b| !b.is_empty()))
        .collect();
    assert_eq!(moved.len(), 1, "only 湘1402's October moved: {compared}");
    assert_eq!(moved[0]["month"], "2026-10");
    assert_eq!(
        moved[0]["now"]["closed"].as_i64(),
        moved[0]["reported"]["closed"].as_i64().map(|n| n + 1)
    );

    // The 数据质量 page: the summary, the breaks with the report linked, the case linked with
    // why, and the import that changed it.
    let office = world.session(&world.office).await;
    let (status, page) = world.page(&format!("/quality?{PERIOD}"), &office).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("id=\"reconciliation\""), "{page}");
    let breaks_count = rec["breaks"].as_u64().expect("breaks");
    assert!(
        page.contains(&format!("未核对一致 <strong>{breaks_count}</strong> 处")),
        "{page}"
    );
    assert!(
        page.contains(&format!("href=\"/reports/{id}/compare\"")),
        "{page}"
    );
    assert!(page.contains(&format!("href=\"/cases/{}\"", encode(&number))));
    assert!(page.contains(&why), "{page}");
    assert!(page.contains("已报数≠现数"), "{page}");
    let (_, from_november) = world
        .page("/quality?from=2026-11-01&to=2026-11-27", &office)
        .await;
    assert!(
        from_november.contains("本月旧存≠上月已报未结"),
        "{from_november}"
    );
    let source = world
        .direct_store()
        .imports(1)
        .expect("the imports")
        .remove(0)
        .source;
    assert!(
        page.contains("导入修改记录") && page.contains(&source),
        "{page}"
    );

    // The breaks download as a workbook, as every table does.
    let (status, _, bytes) = world
        .download(&format!("/quality?{PERIOD}&export=breaks"), &office)
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, strings) = workbook_text(&bytes);
    assert!(
        strings.contains("已报数≠现数") && strings.contains(name_of(report)),
        "{strings}"
    );

    // The 报告 page lists it; its comparison page shows the figures and the month that moved.
    let (status, reports) = world.page("/reports", &office).await;
    assert_eq!(status, StatusCode::OK);
    assert!(reports.contains("报告记录"), "{reports}");
    assert!(
        reports.contains(&format!("href=\"/reports/{id}/compare\"")),
        "{reports}"
    );
    let (status, comparison) = world.page(&format!("/reports/{id}/compare"), &office).await;
    assert_eq!(status, StatusCode::OK, "{comparison}");
    let name = report["name"].as_str().expect("a name");
    assert!(
        comparison.contains(&format!("<h1>{name}</h1>")),
        "{comparison}"
    );
    assert!(comparison.contains("指标：报告时与现在"));
    assert!(comparison.contains(&format!("href=\"/cases/{}\"", encode(&number))));
    assert!(comparison.contains(&why), "{comparison}");
    let changed = compared["figures"]
        .as_array()
        .expect("figures")
        .iter()
        .any(|f| f["changed"] == true);
    assert_eq!(comparison.contains("已变 ▲"), changed, "{comparison}");
    for outside in ["http://", "https://", "<script"] {
        assert!(
            !comparison.contains(outside) && !page.contains(outside),
            "{outside}"
        );
    }

    // The intermediate court's office, asking for 湘1403 alone, sees no break of 湘1402.
    let (status, other) = world
        .get(
            &format!(
                "/api/v1/quality/reconciliation?{PERIOD}&court={}",
                encode("湘1403")
            ),
            Some(&world.city_office.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{other}");
    assert!(
        breaks(&other).iter().all(|(court, ..)| court == "湘1403"),
        "{other}"
    );
    assert!(!other.to_string().contains(&number));
    let city = world.session(&world.city_office).await;
    let (_, theirs) = world
        .page(
            &format!("/quality?{PERIOD}&court={}", encode("湘1403")),
            &city,
        )
        .await;
    assert!(theirs.contains("id=\"reconciliation\""));
    assert!(!theirs.contains(&number), "{theirs}");

    // A judge and a division head: the scorecard, no reconciliation; 403 in the API; no report
    // listed, and the comparison refused.
    for account in [&world.judge, &world.division] {
        let cookie = world.session(account).await;
        let (status, page) = world.page(&format!("/quality?{PERIOD}"), &cookie).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(!page.contains("id=\"reconciliation\""), "{page}");
        assert!(!page.contains(&number));
        let (status, body) = world
            .get(
                &format!("/api/v1/quality/reconciliation?{PERIOD}"),
                Some(&account.token),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        let (status, list) = world.get("/api/v1/reports", Some(&account.token)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(list["reports"].as_array().map(Vec::len), Some(0), "{list}");
        let (status, _) = world
            .get(
                &format!("/api/v1/reports/{id}/compare"),
                Some(&account.token),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, page) = world.page(&format!("/reports/{id}/compare"), &cookie).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(page.contains("<h1>无法显示</h1>"));
    }
}

#[tokio::test]
async fn a_report_that_is_not_one_is_not_found() {
    let world = world();
    let office = world.session(&world.office).await;
    let script = encode("<script>alert(1)</script>");
    for id in [
        "0".to_string(),
        "-1".to_string(),
        "999999".to_string(),
        "99999999999999999999999".to_string(),
        "abc".to_string(),
        script,
    ] {
        let (status, body) = world
            .get(
                &format!("/api/v1/reports/{id}/compare"),
                Some(&world.office.token),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{id}: {body}");
        assert_eq!(body["code"], "not_found", "{id}: {body}");
        let (status, page) = world.page(&format!("/reports/{id}/compare"), &office).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{id}: {page}");
        assert!(page.contains("<h1>无法显示</h1>"), "{id}: {page}");
        assert!(!page.contains("<script>"), "{id}");
    }
}

#[tokio::test]
async fn hostile_reconciliation_and_signal_parameters_answer_errors() {
    let world = world();
    let office = world.session(&world.office).await;
    let script = encode("<script>alert(1)</script>");
    for (query, status) in [
        ("from=garbage".to_string(), StatusCode::BAD_REQUEST),
        (
            "from=2026-11-27&to=2026-01-01".to_string(),
            StatusCode::BAD_REQUEST,
        ),
        ("to=99999-01-01".to_string(), StatusCode::BAD_REQUEST),
        (format!("from={script}"), StatusCode::BAD_REQUEST),
        (format!("court={script}"), StatusCode::BAD_REQUEST),
        ("with_lower=maybe".to_string(), StatusCode::BAD_REQUEST),
        (format!("court={}", encode("湘1403")), StatusCode::FORBIDDEN),
    ] {
        let (got, body) = world
            .get(
                &format!("/api/v1/quality/reconciliation?{query}"),
                Some(&world.office.token),
            )
            .await;
        assert_eq!(got, status, "reconciliation {query}: {body}");
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
        let (got, body) = world
            .get(
                &format!("/api/v1/signals/integrity?{query}"),
                Some(&world.office.token),
            )
            .await;
        assert_eq!(got, status, "signals {query}: {body}");
        let (got, page) = world
            .page(&format!("/signals/integrity?{query}"), &office)
            .await;
        assert_eq!(got, status, "signals page {query}: {page}");
        assert!(page.contains("<h1>无法显示</h1>"), "{query}: {page}");
        assert!(!page.contains("<script>"), "{query}");
    }
    for query in [
        format!("kind={script}"),
        "kind=ranking".to_string(),
        "evidence=x".to_string(),
        "evidence=-1".to_string(),
    ] {
        let (got, body) = world
            .get(
                &format!("/api/v1/signals/integrity?{query}"),
                Some(&world.office.token),
            )
            .await;
        assert_eq!(got, StatusCode::BAD_REQUEST, "{query}: {body}");
        assert!(
            body["message"]
                .as_str()
                .is_some_and(|m| m.contains("kind") || m.contains("evidence")),
            "{query}: {body}"
        );
        let (got, page) = world
            .page(&format!("/signals/integrity?{query}"), &office)
            .await;
        assert_eq!(got, StatusCode::BAD_REQUEST, "{query}");
        assert!(!page.contains("<script>"), "{query}");
    }
}

fn party(role: &str, name: String) -> Party {
    Party {
        role: PartyRole::parse(role).expect("role"),
        kind: None,
        name,
        identity: None,
        id_masked: None,
        agent: None,
        address: None,
    }
}

/// A 民初 case of 湘1402 numbered far past the generated ones, with its two parties.
fn civil_case(
    n: u32,
    filed: NaiveDate,
    closed: Option<(NaiveDate, &str)>,
    who: &(String, String),
) -> (CaseRecord, CaseParties) {
    let number = CaseNumber::parse(&format!("（2026）湘1402民初{n}号"), 2026).expect("number");
    let court = CourtCode::parse(COURT).expect("court");
    let record = CaseRecord {
        cause: Some("民间借贷纠纷".into()),
        division: Some(DIVISION.into()),
        judge: Some(JUDGE.into()),
        procedure: Some(shenguan_domain::Procedure::Simple),
        closed_on: closed.map(|(c, _)| c),
        closing_method: closed.and_then(|(_, m)| ClosingMethod::parse(m)),
        ..CaseRecord::filed(number.clone(), court, filed)
    };
    let parties = CaseParties {
        case_no: number,
        parties: vec![party("原告", who.0.clone()), party("被告", who.1.clone())],
    };
    (record, parties)
}

/// Ten withdrawals in 湘1402 in 2026, each refiled by the same parties fifteen days later.
fn plant_refiled_withdrawals(world: &World) -> Vec<(String, String)> {
    let (mut cases, mut parties, mut pairs) = (Vec::new(), Vec::new(), Vec::new());
    for k in 0..10u32 {
        let who = (format!("撤诉原告{k}"), format!("撤诉被告{k}"));
        let closed = d("2026-03-01") + Days::new(u64::from(k) * 20);
        let (first, p) = civil_case(9500 + k, d("2026-02-01"), Some((closed, "撤诉")), &who);
        let (again, q) = civil_case(9600 + k, closed + Days::new(15), None, &who);
        pairs.push((first.case_no.to_string(), again.case_no.to_string()));
        cases.extend([first, again]);
        parties.extend([p, q]);
    }
    world
        .direct_store()
        .write_batch(shenguan_store::Batch::owned(cases, Vec::new(), parties))
        .expect("the planted cases");
    pairs
}

#[tokio::test]
async fn withdrawals_refiled_are_a_signal_whose_cases_the_page_supervises() {
    let world = fresh_world();
    let pairs = plant_refiled_withdrawals(&world);

    // The API: a 撤诉再诉 signal of 湘1402 listing the withdrawals with their refiled cases.
    let query = "kind=withdraw_refile";
    let (status, found) = world
        .get(
            &format!("/api/v1/signals/integrity?{query}"),
            Some(&world.office.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{found}");
    assert_eq!(
        found["from"], "2025-01-01",
        "the year before today's, whole"
    );
    assert_eq!(found["to"], "2026-11-27");
    let signals = found["signals"].as_array().expect("signals");
    let refiled = signals
        .iter()
        .find(|s| s["court"] == COURT)
        .unwrap_or_else(|| panic!("a signal of 湘1402: {found}"));
    assert!(signals.iter().all(|s| s["kind"] == "withdraw_refile"));
    assert_eq!(refiled["kind_name"], "撤诉再诉");
    let listed: Vec<(String, String)> = refiled["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| {
            (
                c["case_no"].as_str().unwrap_or_default().to_string(),
                c["related"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    for pair in &pairs {
        assert!(listed.contains(pair), "{pair:?} in {listed:?}");
    }
    let evidence = refiled["evidence"].as_str().expect("evidence").to_string();
    // The least evidence filters: the signal's own level keeps it, a level above (if any) not.
    let (_, same) = world
        .get(
            &format!("/api/v1/signals/integrity?{query}&evidence={evidence}"),
            Some(&world.office.token),
        )
        .await;
    assert!(same["signals"].as_array().is_some_and(|s| !s.is_empty()));
    if evidence != "strong" {
        let (_, above) = world
            .get(
                &format!("/api/v1/signals/integrity?{query}&evidence=strong"),
                Some(&world.office.token),
            )
            .await;
        assert!(!above.to_string().contains(&pairs[0].0), "{above}");
    }

    // The page: the card with its figures, its cases ticked into the 督办 form, the refiled
    // case linked too.
    let office = world.session(&world.office).await;
    let (status, page) = world
        .page(&format!("/signals/integrity?{query}"), &office)
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(
        page.contains("href=\"/signals/integrity\""),
        "in the navigation"
    );
    assert!(page.contains("不是排名"), "{page}");
    assert!(
        page.contains("撤诉再诉") && page.contains("同级法院比照值"),
        "{page}"
    );
    assert!(page.contains(&format!("evidence-{evidence}")), "{page}");
    let (first, again) = &pairs[0];
    assert!(
        page.contains(&format!(
            "<input type=\"checkbox\" name=\"case\" value=\"{first}\" form=\"supervise\">"
        )),
        "{page}"
    );
    assert!(
        page.contains(&format!("href=\"/cases/{}\"", encode(again))),
        "{page}"
    );
    assert!(page.contains("风险信号：撤诉再诉"), "{page}");
    for outside in ["http://", "https://", "<script"] {
        assert!(!page.contains(outside), "{outside}");
    }

    // The form opens a 督办 item for the ticked case.
    let csrf = form_token(&page).expect("the form token");
    let form = format!(
        "csrf={csrf}&reason=other&instructions={}&case={}",
        encode("风险信号：撤诉再诉"),
        encode(first)
    );
    let (status, _, answer) = world.send(post_form("/supervision", &office, &form)).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert!(answer.contains("已督办1件案件"), "{answer}");
    let (status, items) = world
        .get("/api/v1/supervision", Some(&world.office.token))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        items["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|i| i["case_no"] == first.as_str()
                && i["reason"] == "other"
                && i["instructions"] == "风险信号：撤诉再诉"),
        "{items}"
    );

    // Held to the scope: 湘1403 alone has none of 湘1402's; a judge and a division head are
    // refused, and not led there.
    let city = world.session(&world.city_office).await;
    let (status, theirs) = world
        .page(
            &format!("/signals/integrity?{query}&court={}", encode("湘1403")),
            &city,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!theirs.contains(first), "{theirs}");
    for account in [&world.judge, &world.division] {
        let cookie = world.session(account).await;
        let (status, page) = world.page("/signals/integrity", &cookie).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{page}");
        assert!(!page.contains(first));
        assert!(
            !page.contains("href=\"/signals/integrity\""),
            "not in their navigation"
        );
        let (status, _) = world
            .get("/api/v1/signals/integrity", Some(&account.token))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    // The administrator sees the signal but has no tick boxes: an administrator does not
    // supervise.
    let admin = world.session(&world.admin).await;
    let (status, theirs) = world
        .page(&format!("/signals/integrity?{query}"), &admin)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(theirs.contains(first) && !theirs.contains("form=\"supervise\""));

    // The list of signals downloads as a workbook.
    let (status, _, bytes) = world
        .download(
            &format!("/signals/integrity?{query}&export=signals"),
            &office,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, strings) = workbook_text(&bytes);
    assert!(strings.contains("撤诉再诉"), "{strings}");

    // In English.
    let request = axum::http::Request::get(format!("/signals/integrity?{query}"))
        .header("cookie", format!("sg_session={office}; sg_lang=en"))
        .body(axum::body::Body::empty())
        .expect("request");
    let (status, _, english) = world.send(request).await;
    assert_eq!(status, StatusCode::OK);
    assert!(english.contains("not rankings") && english.contains("withdraw and refile"));
}

#[tokio::test]
async fn a_period_without_signals_says_so() {
    let world = world();
    let office = world.session(&world.office).await;
    let (status, page) = world
        .page(
            "/signals/integrity?from=2026-11-26&to=2026-11-27&kind=withdraw_refile&evidence=strong",
            &office,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("期间内没有符合条件的风险信号"), "{page}");
    assert!(!page.contains("form=\"supervise\""));
    // The filters keep what was chosen.
    assert!(
        page.contains("<option value=\"withdraw_refile\" selected>"),
        "{page}"
    );
    assert!(
        page.contains("<option value=\"strong\" selected>"),
        "{page}"
    );
}
