//! 送达 on the pages and through the API, as a court works it: the office opens tasks on a
//! case's service page, records an announcement there and reads the case's deadline moved by its
//! period on the case page; an electronic service without consent is flagged; a mailed attempt
//! waits and is settled; a party's address confirmation is kept, and one signed in the first
//! instance serves the appeal (an electronic service there counts). From the queue the office hands
//! a task to a colleague, who finds it under "mine" and records on it, and puts an overdue task's
//! case under 督办 with the reason 送达超期. Every page and route is held to the reader's scope
//! (another judge is told the case does not exist, an administrator is refused), every form to
//! its token; hostile input on every field and parameter is refused with a clear 400 (or 404 for
//! a number that names nothing, 413 for a body past the limit) and leaves the store as it was —
//! free text (a document, a name, an address) may hold markup or a formula, and is kept and
//! shown as text.

use axum::http::StatusCode;
use serde_json::{Value, json};
use shenguan_store::ServiceQuery;
use shenguan_testkit::world::{World, encode, form_token, fresh_world, post_form, post_json};

const SCRIPT: &str = "<script>alert('送达')</script>";
const FORMULA: &str = "=cmd|' /C calc'!A0";

/// A form posted to a path with its fields, and what its refusal says.
type Refused = (String, Vec<(&'static str, &'static str)>, &'static str);

/// A form's body: its token, then the fields, each encoded.
fn form(csrf: &str, fields: &[(&str, &str)]) -> String {
    let mut body = format!("csrf={csrf}");
    for (name, value) in fields {
        body.push_str(&format!("&{name}={}", encode(value)));
    }
    body
}

async fn post(world: &World, cookie: &str, uri: &str, body: &str) -> (StatusCode, String) {
    let (status, _, page) = world.send(post_form(uri, cookie, body)).await;
    (status, page)
}

async fn post_api(world: &World, token: &str, uri: &str, body: &Value) -> (StatusCode, Value) {
    let (status, _, answer) = world.send(post_json(uri, token, &body.to_string())).await;
    (
        status,
        serde_json::from_str(&answer).unwrap_or(Value::String(answer)),
    )
}

/// The service page of `case`.
fn service_uri(case: &str) -> String {
    format!("/cases/{}/service", encode(case))
}

/// The number after `marker` in `page`.
fn number_after(page: &str, marker: &str) -> Option<i64> {
    let rest = page.split(marker).nth(1)?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The deadline the case page shows (审限届满日's cell).
fn deadline_on(case_page: &str) -> String {
    case_page
        .split("<th>审限届满日</th><td>")
        .nth(1)
        .map(|rest| rest.chars().take(10).collect())
        .unwrap_or_else(|| panic!("no deadline on the case page: {case_page}"))
}

/// What the store holds of service, and the service lines of the audit log: what a refused
/// request must leave as it was.
fn held(world: &World) -> (usize, usize, usize, usize) {
    let mut store = world.direct_store();
    let tasks = store
        .service_tasks(&ServiceQuery::default())
        .expect("the tasks");
    let attempts = tasks.iter().map(|t| t.attempts.len()).sum();
    let confirmations = store.all_confirmations().expect("the confirmations").len();
    let audited = store
        .audit_entries(100_000)
        .expect("the audit log")
        .iter()
        .filter(|e| e.action.starts_with("service."))
        .count();
    (tasks.len(), attempts, confirmations, audited)
}

#[tokio::test]
async fn the_office_serves_on_the_case_page_and_an_announcement_moves_its_deadline() {
    let world = fresh_world();
    // A 民特 case filed today: its 30 days run to 2026-12-27, a Sunday, rolled to 12-28.
    let case = world.boundary.within_30d_out;
    let office = world.sign_in(&world.office).await;
    let (status, case_page) = world
        .page(&format!("/cases/{}", encode(case)), &office)
        .await;
    assert_eq!(status, StatusCode::OK, "{case_page}");
    assert_eq!(deadline_on(&case_page), "2026-12-28");
    assert!(
        case_page.contains("尚无送达任务") && case_page.contains(&service_uri(case)),
        "the case page's section links to the service page: {case_page}"
    );
    let (status, page) = world.page(&service_uri(case), &office).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("新建送达任务") && page.contains("送达地址确认书"));
    let csrf = form_token(&page).expect("the form's token");

    // A task whose recipient's name is markup: kept, and shown as text.
    let recipient = format!("王某{SCRIPT}");
    let (status, page) = post(
        &world,
        &office,
        &format!("{}/tasks", service_uri(case)),
        &form(
            &csrf,
            &[
                ("document", "起诉状副本"),
                ("recipient", &recipient),
                ("recipient_kind", "party"),
                ("address", "清河市清河区人民路1号"),
            ],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let notice_task = number_after(&page, "已创建送达任务#").expect("the task's number");
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(page.contains("&lt;script&gt;alert"), "{page}");

    // The announcement: published today, deemed served 30 days on (2026-12-27); its period,
    // 2026-11-28 to 12-27, leaves the time limit, and the page says the deadline before and
    // after.
    let (status, page) = post(
        &world,
        &office,
        &format!("{}/tasks/{notice_task}/attempts", service_uri(case)),
        &form(
            &csrf,
            &[
                ("method", "notice"),
                ("attempted_on", "2026-11-27"),
                ("proof", "notice_record"),
            ],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("已记录第1次送达"), "{page}");
    assert!(page.contains("2026-12-27视为送达"), "{page}");
    assert!(
        page.contains("公告期间2026-11-28至2026-12-27（30日）不计入审限"),
        "{page}"
    );
    let moved = page
        .split("<strong>2026-12-28 → ")
        .nth(1)
        .map(|rest| rest.chars().take(10).collect::<String>())
        .expect("the deadline before → after");
    assert!(moved.as_str() > "2026-12-28", "{moved}");
    let (_, case_page) = world
        .page(&format!("/cases/{}", encode(case)), &office)
        .await;
    assert_eq!(
        deadline_on(&case_page),
        moved,
        "the case page's deadline moved"
    );
    assert!(
        case_page.contains("公告 2026-11-28 至 2026-12-27（30日）"),
        "{case_page}"
    );
    // Until its period has run the task is not served: it is announced.
    assert!(
        case_page.contains("公告中，2026-12-27视为送达"),
        "{case_page}"
    );

    // An electronic service with no consent on record is recorded, and flagged as not counting.
    let (_, page) = post(
        &world,
        &office,
        &format!("{}/tasks", service_uri(case)),
        &form(&csrf, &[("document", "应诉通知书"), ("recipient", "李某")]),
    )
    .await;
    let electronic_task = number_after(&page, "已创建送达任务#").expect("the task's number");
    let (status, page) = post(
        &world,
        &office,
        &format!("{}/tasks/{electronic_task}/attempts", service_uri(case)),
        &form(
            &csrf,
            &[
                ("method", "electronic"),
                ("attempted_on", "2026-11-27"),
                ("outcome", "served"),
                ("served_on", "2026-11-27"),
                ("proof", "electronic_receipt"),
            ],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let flag = "未记录受送达人同意电子送达，不计为有效送达";
    assert!(page.contains(flag), "said when recorded: {page}");
    let (_, page) = world.page(&service_uri(case), &office).await;
    assert!(
        page.matches(flag).count() >= 2,
        "in the task's marks and on the attempt: {page}"
    );
    assert!(page.contains("未送达，已0日"), "it is not served: {page}");

    // The party's confirmation with consent to all documents is kept and listed.
    let (status, page) = post(
        &world,
        &office,
        &format!("{}/confirmations", service_uri(case)),
        &form(
            &csrf,
            &[
                ("party", "李某"),
                ("signed_on", "2026-11-27"),
                ("address", "清河市清河区人民路2号"),
                ("electronic", "all"),
                ("channel", "13800000000"),
            ],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("已记录李某的送达地址确认书"), "{page}");
    assert!(page.contains("全部诉讼文书") && page.contains("13800000000"));
    // The same confirmation again adds nothing.
    let (status, page) = post(
        &world,
        &office,
        &format!("{}/confirmations", service_uri(case)),
        &form(
            &csrf,
            &[
                ("party", "李某"),
                ("signed_on", "2026-11-27"),
                ("address", "清河市清河区人民路2号"),
                ("electronic", "all"),
                ("channel", "13800000000"),
            ],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("未重复记录"), "{page}");

    // A mailed attempt waits for its receipt, then is settled once.
    let (_, page) = post(
        &world,
        &office,
        &format!("{}/tasks", service_uri(case)),
        &form(&csrf, &[("document", "传票"), ("recipient", "张某")]),
    )
    .await;
    let mailed = number_after(&page, "已创建送达任务#").expect("the task's number");
    let (status, page) = post(
        &world,
        &office,
        &format!("{}/tasks/{mailed}/attempts", service_uri(case)),
        &form(
            &csrf,
            &[
                ("method", "邮寄送达"),
                ("attempted_on", "2026-11-27"),
                ("outcome", "送达中"),
                ("tracking_no", "EMS1234567890"),
            ],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let settle = format!("{}/tasks/{mailed}/attempts/1/result", service_uri(case));
    assert!(
        page.contains(&format!(
            "action=\"/cases/{}/service/tasks/{mailed}/attempts/1/result\"",
            encode(case)
        )),
        "the settle form: {page}"
    );
    assert!(page.contains("EMS1234567890"), "{page}");
    let (status, page) = post(
        &world,
        &office,
        &settle,
        &form(
            &csrf,
            &[
                ("outcome", "served"),
                ("served_on", "2026-11-27"),
                ("proof", "postal_receipt"),
            ],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("第1次送达的结果已记录：已送达"), "{page}");
    let (status, page) = post(
        &world,
        &office,
        &settle,
        &form(&csrf, &[("outcome", "failed"), ("failure", "refused")]),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "settled once: {page}");
    // A served task takes no more attempts.
    let (status, page) = post(
        &world,
        &office,
        &format!("{}/tasks/{mailed}/attempts", service_uri(case)),
        &form(
            &csrf,
            &[
                ("method", "direct"),
                ("attempted_on", "2026-11-27"),
                ("outcome", "served"),
                ("served_on", "2026-11-27"),
            ],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{page}");
    assert!(
        page.contains("class=\"refused\"") && page.contains("已于2026-11-27送达"),
        "{page}"
    );

    // The case page lists the tasks; the English page says the same in English.
    let (_, case_page) = world
        .page(&format!("/cases/{}", encode(case)), &office)
        .await;
    for task in [notice_task, electronic_task, mailed] {
        assert!(
            case_page.contains(&format!("{}#task-{task}", service_uri(case))),
            "{case_page}"
        );
    }
    let request = axum::http::Request::get(service_uri(case))
        .header("cookie", format!("sg_session={office}; sg_lang=en"))
        .body(axum::body::Body::empty())
        .expect("a request");
    let (status, _, english) = world.send(request).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        english.contains("Record an attempt") && english.contains("Address confirmations"),
        "{english}"
    );

    // The attempts table exports as a workbook: markup and formulas stay text.
    let (status, _, bytes) = world
        .download(&format!("{}?export=attempts", service_uri(case)), &office)
        .await;
    assert_eq!(status, StatusCode::OK);
    let (sheets, strings) = shenguan_testkit::world::workbook_text(&bytes);
    assert!(strings.contains("EMS1234567890"), "{strings}");
    assert!(!sheets.contains("<f>"), "no formula cell");

    // Each step is in the audit log.
    let log = world
        .direct_store()
        .audit_entries(1000)
        .expect("the audit log");
    for action in [
        "service.task",
        "service.attempt",
        "service.settle",
        "service.confirmation",
    ] {
        assert!(log.iter().any(|e| e.action == action), "{action}");
    }
}

#[tokio::test]
async fn the_queue_hands_a_task_to_a_colleague_and_supervises_an_overdue_case() {
    let world = fresh_world();
    let token = &world.office.token;
    // A task of the judge's case created on 2026-09-01: 87 days unserved, overdue (30 allowed).
    let late_case = world.boundary.long_pending_36m_in;
    let (status, opened) = post_api(
        &world,
        token,
        "/api/v1/service/tasks",
        &json!({
            "case_no": late_case,
            "document": "应诉通知书",
            "recipient": "赵某",
            "created_on": "2026-09-01",
        }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{opened}");
    let late = opened["task"]["id"].as_i64().expect("an id");
    assert_eq!(opened["task"]["overdue"], json!(true), "{opened}");
    assert_eq!(opened["task"]["days"], json!(87), "{opened}");
    // A task of today, of another case of the judge's: not overdue.
    let (_, fresh) = post_api(
        &world,
        token,
        "/api/v1/service/tasks",
        &json!({
            "case_no": world.boundary.within_5d_out,
            "document": "传票",
            "recipient": "钱某",
        }),
    )
    .await;
    let fresh = fresh["task"]["id"].as_i64().expect("an id");

    let office = world.sign_in(&world.office).await;
    let (status, queue) = world.page("/service", &office).await;
    assert_eq!(status, StatusCode::OK, "{queue}");
    assert!(
        queue.contains("送达任务") && queue.contains("1个送达任务超期未送达"),
        "{queue}"
    );
    assert!(queue.contains("送达超期"), "the overdue mark: {queue}");
    for id in [late, fresh] {
        assert!(
            queue.contains(&format!("name=\"task\" value=\"{id}\" form=\"assign\"")),
            "{queue}"
        );
    }
    // The case of the overdue task alone may be ticked for 督办, with 送达超期 chosen.
    assert!(
        queue.contains(&format!(
            "name=\"case\" value=\"{late_case}\" form=\"supervise\""
        )),
        "{queue}"
    );
    assert_eq!(queue.matches("form=\"supervise\"").count(), 1, "{queue}");
    assert!(
        queue.contains("<option value=\"service\" selected>送达超期</option>"),
        "{queue}"
    );
    // The filters: overdue only, open only, created in a period.
    let ticked = |page: &str, id: i64| page.contains(&format!("name=\"task\" value=\"{id}\""));
    let (_, overdue) = world.page("/service?overdue=true", &office).await;
    assert!(
        ticked(&overdue, late) && !ticked(&overdue, fresh),
        "{overdue}"
    );
    let (_, period) = world
        .page("/service?from=2026-11-01&to=2026-11-27", &office)
        .await;
    assert!(ticked(&period, fresh) && !ticked(&period, late), "{period}");

    // The office hands the overdue task to the judge's colleague.
    let csrf = form_token(&queue).expect("the form's token");
    let (status, page) = post(
        &world,
        &office,
        "/service/assign",
        &form(
            &csrf,
            &[("task", &late.to_string()), ("to", &world.colleague.name)],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(
        page.contains(&format!("已将1个送达任务分派给{}", world.colleague.name)),
        "{page}"
    );
    // The colleague finds it under "mine", though the case is not theirs, and records on it.
    let colleague = world.sign_in(&world.colleague).await;
    let (status, mine) = world.page("/service?mine=true", &colleague).await;
    assert_eq!(status, StatusCode::OK, "{mine}");
    assert!(mine.contains("赵某") && !mine.contains("钱某"), "{mine}");
    assert!(
        !mine.contains("action=\"/service/assign\""),
        "a judge assigns nothing"
    );
    let (status, _) = world
        .page(&format!("/cases/{}", encode(late_case)), &colleague)
        .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "the case is not the colleague's"
    );
    let (status, theirs) = world.page(&service_uri(late_case), &colleague).await;
    assert_eq!(status, StatusCode::OK, "{theirs}");
    assert!(theirs.contains("分派给您的送达任务"), "{theirs}");
    assert!(
        !theirs.contains("新建送达任务"),
        "only the task assigned: {theirs}"
    );
    let their_csrf = form_token(&theirs).expect("a token");
    let (status, page) = post(
        &world,
        &colleague,
        &format!("{}/tasks/{late}/attempts", service_uri(late_case)),
        &form(
            &their_csrf,
            &[
                ("method", "direct"),
                ("attempted_on", "2026-11-26"),
                ("outcome", "failed"),
                ("failure", "nobody_to_sign"),
            ],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("已记录第1次送达"), "{page}");
    // The colleague may not open a task on the case.
    let (status, _) = post(
        &world,
        &colleague,
        &format!("{}/tasks", service_uri(late_case)),
        &form(&their_csrf, &[("document", "传票"), ("recipient", "赵某")]),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Through the API as well.
    let (status, api) = world
        .get(
            "/api/v1/service/tasks?mine=true",
            Some(&world.colleague.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{api}");
    assert_eq!(api["tasks"][0]["id"], json!(late), "{api}");
    assert_eq!(
        api["tasks"][0]["attempts"][0]["failure"],
        json!("nobody_to_sign")
    );

    // The office puts the overdue task's case under 督办 from the queue.
    let (_, queue) = world.page("/service?overdue=true", &office).await;
    let (status, page) = post(
        &world,
        &office,
        "/supervision",
        &form(
            &csrf,
            &[
                ("case", late_case),
                ("reason", "service"),
                ("instructions", "应诉通知书超期未送达，请说明"),
            ],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("已督办1件案件"), "{page}");
    assert!(
        queue.contains("id=\"supervise\""),
        "the form was on the queue"
    );
    let (_, supervised) = world.page("/supervision?reason=service", &office).await;
    assert!(
        supervised.contains(late_case) && supervised.contains("送达超期"),
        "{supervised}"
    );
    let (status, api) = world
        .get("/api/v1/supervision?reason=service", Some(token))
        .await;
    assert_eq!(status, StatusCode::OK, "{api}");
    assert!(api.to_string().contains(late_case), "{api}");

    // A judge sees the queue of their own cases, with no assignment or 督办 form, and may not
    // assign.
    let judge = world.sign_in(&world.judge).await;
    let (status, theirs) = world.page("/service", &judge).await;
    assert_eq!(status, StatusCode::OK, "{theirs}");
    assert!(
        theirs.contains("赵某") && theirs.contains("钱某"),
        "{theirs}"
    );
    assert!(
        !theirs.contains("id=\"assign\"") && !theirs.contains("id=\"supervise\""),
        "{theirs}"
    );
    let judge_csrf = form_token(&theirs).expect("a token");
    let (status, page) = post(
        &world,
        &judge,
        "/service/assign",
        &form(
            &judge_csrf,
            &[("task", &fresh.to_string()), ("to", &world.colleague.name)],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{page}");
    // Exported, the queue's text stays text.
    let (status, _, bytes) = world.download("/service?export=list", &office).await;
    assert_eq!(status, StatusCode::OK);
    let (sheets, strings) = shenguan_testkit::world::workbook_text(&bytes);
    assert!(strings.contains("应诉通知书"), "{strings}");
    assert!(!sheets.contains("<f>"));
    let log = world.direct_store().audit_entries(1000).expect("the log");
    assert!(log.iter().any(|e| e.action == "service.assign"));
}

#[tokio::test]
async fn each_reader_is_held_to_their_scope_and_each_form_to_its_token() {
    let world = fresh_world();
    let case = world.boundary.overdue_in;
    let (status, opened) = post_api(
        &world,
        &world.office.token,
        "/api/v1/service/tasks",
        &json!({"case_no": case, "document": "传票", "recipient": "孙某"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{opened}");
    let task = opened["task"]["id"].as_i64().expect("an id");
    let uri = service_uri(case);
    // The judge of the case, the division head, the office and the leader read it.
    for account in [&world.judge, &world.division, &world.office, &world.leader] {
        let cookie = world.sign_in(account).await;
        let (status, page) = world.page(&uri, &cookie).await;
        assert_eq!(status, StatusCode::OK, "{}: {page}", account.name);
        assert!(page.contains("孙某"), "{}", account.name);
        let (status, api) = world
            .get(
                &format!("/api/v1/cases/{}/service", encode(case)),
                Some(&account.token),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{}: {api}", account.name);
        assert_eq!(api["tasks"][0]["id"], json!(task));
    }
    // The judge's colleague (the same division, another judge) and another court's judge are
    // told it does not exist; so is a case that is not there.
    for account in [&world.colleague, &world.judge_1403] {
        let cookie = world.sign_in(account).await;
        let (status, page) = world.page(&uri, &cookie).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{}: {page}", account.name);
        assert!(!page.contains("孙某"));
        let (status, _) = world
            .get(
                &format!("/api/v1/cases/{}/service", encode(case)),
                Some(&account.token),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{}", account.name);
        let (status, queue) = world
            .get("/api/v1/service/tasks", Some(&account.token))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(queue["tasks"], json!([]), "{}: {queue}", account.name);
        let (status, answer) = post_api(
            &world,
            &account.token,
            &format!("/api/v1/service/tasks/{task}/attempts"),
            &json!({"method": "direct", "attempted_on": "2026-11-27", "outcome": "served", "served_on": "2026-11-27"}),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{}: {answer}", account.name);
    }
    let nowhere = world.sign_in(&world.office).await;
    let (status, _) = world
        .page(&service_uri("（2026）湘1402民初99999号"), &nowhere)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = world.page("/cases/not-a-case/service", &nowhere).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // An administrator manages accounts: refused the pages and the routes, and the case page
    // has no service section for them.
    let admin = world.sign_in(&world.admin).await;
    for page_uri in [uri.as_str(), "/service"] {
        let (status, page) = world.page(page_uri, &admin).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{page_uri}: {page}");
        assert!(page.contains("系统管理员管理账号，不办理送达"), "{page}");
    }
    let (_, case_page) = world
        .page(&format!("/cases/{}", encode(case)), &admin)
        .await;
    assert!(!case_page.contains(&uri), "{case_page}");
    assert!(
        !case_page.contains("href=\"/service\""),
        "no nav link for an administrator"
    );
    for api_uri in [
        format!("/api/v1/cases/{}/service", encode(case)),
        "/api/v1/service/tasks".to_string(),
    ] {
        let (status, answer) = world.get(&api_uri, Some(&world.admin.token)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{api_uri}: {answer}");
        assert_eq!(answer["code"], json!("forbidden"));
    }
    let (status, _) = post_api(
        &world,
        &world.admin.token,
        "/api/v1/service/tasks",
        &json!({"case_no": case, "document": "传票", "recipient": "周某"}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Without a token the routes answer 401; without a session the pages send to the login.
    let (status, _) = world.get("/api/v1/service/tasks", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let request = axum::http::Request::get(&uri)
        .body(axum::body::Body::empty())
        .expect("a request");
    let (status, headers, _) = world.send(request).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers["location"], "/login");

    // A form without its token, with another session's, or with none at all writes nothing.
    let before = held(&world);
    let office = world.sign_in(&world.office).await;
    let (_, page) = world.page(&uri, &office).await;
    let csrf = form_token(&page).expect("a token");
    let other = world.sign_in(&world.leader).await;
    let attempt = [
        ("method", "direct"),
        ("attempted_on", "2026-11-27"),
        ("outcome", "served"),
        ("served_on", "2026-11-27"),
    ];
    for (path, fields) in [
        (
            format!("{uri}/tasks"),
            vec![("document", "传票"), ("recipient", "吴某")],
        ),
        (format!("{uri}/tasks/{task}/attempts"), attempt.to_vec()),
        (
            format!("{uri}/confirmations"),
            vec![
                ("party", "孙某"),
                ("signed_on", "2026-11-27"),
                ("address", "某地"),
            ],
        ),
        (
            "/service/assign".to_string(),
            vec![("task", "1"), ("to", world.judge.name.as_str())],
        ),
    ] {
        for token in ["", "forged", csrf.as_str()] {
            // The office's token in the leader's session is another session's token.
            let (status, page) = post(&world, &other, &path, &form(token, &fields)).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{path} {token}: {page}");
            assert!(page.contains("表单已失效"), "{page}");
        }
    }
    assert_eq!(held(&world), before, "nothing was written");
}

#[tokio::test]
async fn hostile_form_input_is_refused_clearly_and_the_store_stays_as_it_was() {
    let world = fresh_world();
    let case = world.boundary.within_15d_in;
    let (_, opened) = post_api(
        &world,
        &world.office.token,
        "/api/v1/service/tasks",
        &json!({"case_no": case, "document": "传票", "recipient": "郑某", "created_on": "2026-11-12"}),
    )
    .await;
    let task = opened["task"]["id"].as_i64().expect("an id");
    // A mailed attempt waiting, to settle.
    let (status, answer) = post_api(
        &world,
        &world.office.token,
        &format!("/api/v1/service/tasks/{task}/attempts"),
        &json!({"method": "post", "attempted_on": "2026-11-20", "outcome": "waiting", "tracking_no": "EMS1"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let office = world.sign_in(&world.office).await;
    let uri = service_uri(case);
    let (_, page) = world.page(&uri, &office).await;
    let csrf = form_token(&page).expect("a token");
    let before = held(&world);
    let long = "长".repeat(300);
    let attempt = |extra: &[(&'static str, &'static str)]| {
        let mut fields = vec![("method", "direct"), ("attempted_on", "2026-11-27")];
        fields.extend_from_slice(extra);
        fields
    };
    let leaked: &'static str = Box::leak(long.clone().into_boxed_str());
    let refused: Vec<Refused> = vec![
        // Opening a task.
        (
            format!("{uri}/tasks"),
            vec![("document", leaked), ("recipient", "某")],
            "送达文书不得超过100字",
        ),
        (
            format!("{uri}/tasks"),
            vec![("document", "传票")],
            "请填写受送达人",
        ),
        (
            format!("{uri}/tasks"),
            vec![("document", "传票"), ("recipient", "某\u{7}")],
            "控制字符",
        ),
        (
            format!("{uri}/tasks"),
            vec![
                ("document", "传票"),
                ("recipient", "某"),
                ("recipient_kind", SCRIPT),
            ],
            "受送达人类别",
        ),
        (
            format!("{uri}/tasks"),
            vec![
                ("document", "传票"),
                ("recipient", "某"),
                ("recipient_kind", FORMULA),
            ],
            "受送达人类别",
        ),
        (
            format!("{uri}/tasks"),
            vec![
                ("document", "传票"),
                ("recipient", "某"),
                ("identity_number", FORMULA),
            ],
            "identity_number",
        ),
        (
            format!("{uri}/tasks"),
            vec![
                ("document", "传票"),
                ("recipient", "某"),
                ("foreign", "maybe"),
            ],
            "foreign",
        ),
        (
            format!("{uri}/tasks"),
            vec![
                ("document", "传票"),
                ("recipient", "某"),
                ("created_on", "2026-13-01"),
            ],
            "不是有效日期",
        ),
        (
            format!("{uri}/tasks"),
            vec![
                ("document", "传票"),
                ("recipient", "某"),
                ("created_on", "9999-12-31"),
            ],
            "created_on",
        ),
        (
            format!("{uri}/tasks"),
            vec![
                ("document", "传票"),
                ("recipient", "某"),
                ("created_on", "2000-01-01"),
            ],
            "立案日期",
        ),
        (
            format!("{uri}/tasks"),
            vec![
                ("document", "传票"),
                ("recipient", "某"),
                ("created_on", leaked),
            ],
            "不是有效日期",
        ),
        (
            format!("{uri}/tasks"),
            vec![
                ("document", "传票"),
                ("recipient", "某"),
                ("address", leaked),
            ],
            "送达地址不得超过200字",
        ),
        // Recording an attempt.
        (
            format!("{uri}/tasks/{task}/attempts"),
            vec![("attempted_on", "2026-11-27")],
            "请选择送达方式",
        ),
        (
            format!("{uri}/tasks/{task}/attempts"),
            vec![("method", FORMULA), ("attempted_on", "2026-11-27")],
            "送达方式",
        ),
        (
            format!("{uri}/tasks/{task}/attempts"),
            vec![("method", SCRIPT), ("attempted_on", "2026-11-27")],
            "送达方式",
        ),
        (
            format!("{uri}/tasks/{task}/attempts"),
            vec![("method", "direct")],
            "attempted_on",
        ),
        (
            format!("{uri}/tasks/{task}/attempts"),
            attempt(&[("attempted_on", "2026-02-30"), ("outcome", "failed")]),
            "不是有效日期",
        ),
        (
            format!("{uri}/tasks/{task}/attempts"),
            attempt(&[
                ("attempted_on", "2027-01-01"),
                ("outcome", "failed"),
                ("failure", "refused"),
            ]),
            "今天",
        ),
        (
            format!("{uri}/tasks/{task}/attempts"),
            attempt(&[
                ("attempted_on", "1900-01-01"),
                ("outcome", "failed"),
                ("failure", "refused"),
            ]),
            "attempted_on",
        ),
        (
            format!("{uri}/tasks/{task}/attempts"),
            attempt(&[]),
            "请选择送达结果",
        ),
        (
            format!("{uri}/tasks/{task}/attempts"),
            attempt(&[("outcome", SCRIPT)]),
            "送达结果",
        ),
        (
            format!("{uri}/tasks/{task}/attempts"),
            attempt(&[("outcome", "served")]),
            "送达日期",
        ),
        (
            format!("{uri}/tasks/{task}/attempts"),
            attempt(&[("outcome", "served"), ("served_on", "2026-11-01")]),
            "早于",
        ),
        (
            format!("{uri}/tasks/{task}/attempts"),
            attempt(&[("outcome", "failed")]),
            "须写明原因",
        ),
        (
            format!("{uri}/tasks/{task}/attempts"),
            attempt(&[("outcome", "failed"), ("failure", FORMULA)]),
            "未送达原因",
        ),
        (
            format!("{uri}/tasks/{task}/attempts"),
            attempt(&[
                ("outcome", "served"),
                ("served_on", "2026-11-27"),
                ("proof", SCRIPT),
            ]),
            "送达凭证",
        ),
        (
            format!("{uri}/tasks/{task}/attempts"),
            vec![
                ("method", "post"),
                ("attempted_on", "2026-11-27"),
                ("outcome", "waiting"),
            ],
            "邮件号",
        ),
        (
            format!("{uri}/tasks/{task}/attempts"),
            vec![
                ("method", "post"),
                ("attempted_on", "2026-11-27"),
                ("outcome", "waiting"),
                ("tracking_no", FORMULA),
            ],
            "字母和数字",
        ),
        (
            format!("{uri}/tasks/{task}/attempts"),
            vec![
                ("method", "entrusted"),
                ("attempted_on", "2026-11-27"),
                ("outcome", "waiting"),
            ],
            "受托法院",
        ),
        (
            format!("{uri}/tasks/{task}/attempts"),
            vec![
                ("method", "notice"),
                ("attempted_on", "2026-11-27"),
                ("served_on", "2026-11-28"),
            ],
            "视为送达",
        ),
        // Settling the waiting attempt.
        (
            format!("{uri}/tasks/{task}/attempts/1/result"),
            vec![],
            "请选择送达结果",
        ),
        (
            format!("{uri}/tasks/{task}/attempts/1/result"),
            vec![("outcome", "waiting")],
            "已送达或未送达",
        ),
        (
            format!("{uri}/tasks/{task}/attempts/1/result"),
            vec![("outcome", "served"), ("served_on", "2026-11-19")],
            "早于",
        ),
        (
            format!("{uri}/tasks/{task}/attempts/1/result"),
            vec![("outcome", "served"), ("served_on", "2026-12-01")],
            "今天",
        ),
        (
            format!("{uri}/tasks/{task}/attempts/1/result"),
            vec![("outcome", "failed"), ("failure", SCRIPT)],
            "未送达原因",
        ),
        // An address confirmation.
        (
            format!("{uri}/confirmations"),
            vec![("party", "郑某"), ("signed_on", "2026-11-27")],
            "送达地址或电子送达同意",
        ),
        (
            format!("{uri}/confirmations"),
            vec![("party", "郑某"), ("address", "某地")],
            "signed_on",
        ),
        (
            format!("{uri}/confirmations"),
            vec![
                ("party", "郑某"),
                ("address", "某地"),
                ("signed_on", "2099-01-01"),
            ],
            "签署日期",
        ),
        (
            format!("{uri}/confirmations"),
            vec![
                ("party", "郑某"),
                ("signed_on", "2026-11-27"),
                ("electronic", SCRIPT),
            ],
            "电子送达同意范围",
        ),
        (
            format!("{uri}/confirmations"),
            vec![
                ("party", leaked),
                ("signed_on", "2026-11-27"),
                ("address", "某地"),
            ],
            "当事人不得超过50字",
        ),
        (
            format!("{uri}/confirmations"),
            vec![("signed_on", "2026-11-27"), ("address", "某地")],
            "请填写当事人",
        ),
        // Handing tasks over.
        (
            "/service/assign".to_string(),
            vec![("to", "审管办")],
            "请选择要分派的送达任务",
        ),
        (
            "/service/assign".to_string(),
            vec![("task", "abc"), ("to", "审管办")],
            "正整数",
        ),
        (
            "/service/assign".to_string(),
            vec![("task", "-1"), ("to", "审管办")],
            "正整数",
        ),
        (
            "/service/assign".to_string(),
            vec![("task", "99999999999999999999"), ("to", "审管办")],
            "正整数",
        ),
        (
            "/service/assign".to_string(),
            vec![("task", "1")],
            "请选择分派给谁",
        ),
        (
            "/service/assign".to_string(),
            vec![("task", "1"), ("to", SCRIPT)],
            "没有在用的账号",
        ),
    ];
    for (path, fields, said) in &refused {
        let (status, page) = post(&world, &office, path, &form(&csrf, fields)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path} {fields:?}: {page}");
        assert!(page.contains(said), "{said} for {path} {fields:?}: {page}");
        assert!(
            page.contains("class=\"refused\""),
            "said on the page: {page}"
        );
        assert!(!page.contains("<script>alert"), "{page}");
    }
    // A form refused comes back with its input kept, as text.
    let (_, page) = post(
        &world,
        &office,
        &format!("{uri}/tasks"),
        &form(&csrf, &[("document", SCRIPT), ("recipient_kind", "bogus")]),
    )
    .await;
    assert!(page.contains("value=\"&lt;script&gt;alert"), "kept: {page}");
    // Numbers that name nothing: not found, whatever they are.
    for id in ["abc", "0", "-1", "99999999999999999999", "999999"] {
        for path in [
            format!("{uri}/tasks/{id}/attempts"),
            format!("{uri}/tasks/{task}/attempts/{id}/result"),
            format!("{uri}/tasks/{id}/attempts/1/result"),
        ] {
            let fields = if path.ends_with("/result") {
                vec![("outcome", "failed"), ("failure", "refused")]
            } else {
                attempt(&[("outcome", "failed"), ("failure", "refused")])
            };
            let (status, page) = post(&world, &office, &path, &form(&csrf, &fields)).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {page}");
        }
    }
    // A task of another case is not found under this one.
    let (_, other) = post_api(
        &world,
        &world.office.token,
        "/api/v1/service/tasks",
        &json!({"case_no": world.boundary.overdue_in, "document": "传票", "recipient": "王某"}),
    )
    .await;
    let other = other["task"]["id"].as_i64().expect("an id");
    let before = (before.0 + 1, before.1, before.2, before.3 + 1);
    let (status, _) = post(
        &world,
        &office,
        &format!("{uri}/tasks/{other}/attempts"),
        &form(
            &csrf,
            &attempt(&[("outcome", "failed"), ("failure", "refused")]),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The queue's parameters.
    for query in [
        "from=2026-13-01",
        "to=tomorrow",
        "from=2026-11-27&to=2026-11-01",
        "mine=maybe",
        "open=2",
        "overdue=%3Cscript%3E",
    ] {
        let (status, page) = world.page(&format!("/service?{query}"), &office).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}: {page}");
    }
    let (status, _) = world
        .page(&format!("/service?division={}", encode(&long)), &office)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, page) = world
        .page(&format!("/service?division={}", encode(SCRIPT)), &office)
        .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "a division of that name holds nothing"
    );
    assert!(!page.contains("<script>alert") && page.contains("&lt;script&gt;"));
    // A body past the limit forms take.
    let huge = form(
        &csrf,
        &[("document", &"长".repeat(1_000_000)), ("recipient", "某")],
    );
    let (status, _) = post(&world, &office, &format!("{uri}/tasks"), &huge).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(held(&world), before, "nothing was written");

    // Free text is free: a document, a recipient and an address that hold markup or a formula
    // are kept and shown as text, and exported as text.
    let (status, page) = post(
        &world,
        &office,
        &format!("{uri}/tasks"),
        &form(
            &csrf,
            &[
                ("document", FORMULA),
                ("recipient", SCRIPT),
                ("address", FORMULA),
            ],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(!page.contains("<script>alert") && page.contains("&lt;script&gt;alert"));
    let (_, _, bytes) = world
        .download(&format!("{uri}?export=tasks"), &office)
        .await;
    let (sheets, strings) = shenguan_testkit::world::workbook_text(&bytes);
    assert!(strings.contains("=cmd|"), "{strings}");
    assert!(!sheets.contains("<f>"), "no formula cell");
}

#[tokio::test]
async fn the_api_serves_as_the_pages_do_and_refuses_what_is_malformed() {
    let world = fresh_world();
    let token = &world.office.token;
    let case = world.boundary.within_30d_out;
    // Half-width brackets are read too.
    let loose = case.replace('（', "(").replace('）', ")");
    let (status, opened) = post_api(
        &world,
        token,
        "/api/v1/service/tasks",
        &json!({
            "case_no": loose,
            "document": "起诉状副本",
            "recipient": "冯某",
            "recipient_kind": "当事人",
            "address": "清河市",
            "foreign": false,
        }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{opened}");
    let task = opened["task"]["id"].as_i64().expect("an id");
    assert_eq!(opened["task"]["case_no"], json!(case));
    assert_eq!(opened["task"]["served_on"], Value::Null);
    // The same task the same day is a conflict.
    let (status, _) = post_api(
        &world,
        token,
        "/api/v1/service/tasks",
        &json!({"case_no": case, "document": "起诉状副本", "recipient": "冯某"}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    // An announcement answers its excluded period and the deadline before and after.
    let (status, recorded) = post_api(
        &world,
        token,
        &format!("/api/v1/service/tasks/{task}/attempts"),
        &json!({"method": "公告送达", "attempted_on": "2026-11-27", "proof": "公告凭证"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{recorded}");
    assert_eq!(recorded["seq"], json!(1));
    assert_eq!(
        recorded["exclusion"],
        json!({"ground": "公告", "from": "2026-11-28", "to": "2026-12-27", "days": 30})
    );
    assert_eq!(recorded["deadline_before"], json!("2026-12-28"));
    let after = recorded["deadline_after"].as_str().expect("a deadline");
    assert!(after > "2026-12-28", "{recorded}");
    let (_, detail) = world
        .get(&format!("/api/v1/cases/{}", encode(case)), Some(token))
        .await;
    assert_eq!(
        detail["deadline"],
        json!(after),
        "the case's deadline moved"
    );
    // An electronic service without consent is recorded and flagged.
    let (_, second) = post_api(
        &world,
        token,
        "/api/v1/service/tasks",
        &json!({"case_no": case, "document": "民事判决书", "recipient": "陈某"}),
    )
    .await;
    let second = second["task"]["id"].as_i64().expect("an id");
    let request = axum::http::Request::post(format!("/api/v1/service/tasks/{second}/attempts"))
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .header("accept-language", "en")
        .body(axum::body::Body::from(
            json!({"method": "electronic", "attempted_on": "2026-11-27", "outcome": "served", "served_on": "2026-11-27"}).to_string(),
        ))
        .expect("a request");
    let (status, _, answer) = world.send(request).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let flagged: Value = serde_json::from_str(&answer).expect("JSON");
    assert_eq!(flagged["validity"], json!("no_consent"), "{flagged}");
    assert!(
        flagged["validity_note"]
            .as_str()
            .is_some_and(|n| n.contains("not counted")),
        "{flagged}"
    );
    // A confirmation, then the case's service.
    let (status, confirmed) = post_api(
        &world,
        token,
        "/api/v1/service/confirmations",
        &json!({"case_no": case, "party": "陈某", "signed_on": "2026-11-27", "electronic": "not_decisions", "channel": "chen@example.cn"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{confirmed}");
    assert_eq!(confirmed["recorded"], json!(true));
    let (status, service) = world
        .get(
            &format!("/api/v1/cases/{}/service", encode(case)),
            Some(token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{service}");
    assert_eq!(
        service["tasks"].as_array().map(Vec::len),
        Some(2),
        "{service}"
    );
    // The announcement runs until 12-27: announced, not yet served.
    assert_eq!(service["tasks"][0]["served_on"], Value::Null);
    assert_eq!(service["tasks"][0]["notice"], json!(true));
    assert_eq!(
        service["tasks"][0]["attempts"][0]["served_on"],
        json!("2026-12-27")
    );
    // The consent since recorded leaves out judgments: the judgment still does not count.
    assert_eq!(service["tasks"][1]["set_aside"], json!("out_of_scope"));
    assert_eq!(
        service["tasks"][1]["attempts"][0]["validity"],
        json!("out_of_scope")
    );
    assert_eq!(
        service["confirmations"][0]["electronic"],
        json!("not_decisions")
    );
    assert_eq!(service["confirmations"][0]["carried"], json!(false));
    // A mailed attempt waits and is settled; a second result is a conflict.
    let (_, third) = post_api(
        &world,
        token,
        "/api/v1/service/tasks",
        &json!({"case_no": case, "document": "传票", "recipient": "褚某"}),
    )
    .await;
    let third = third["task"]["id"].as_i64().expect("an id");
    let (status, _) = post_api(
        &world,
        token,
        &format!("/api/v1/service/tasks/{third}/attempts"),
        &json!({"method": "post", "attempted_on": "2026-11-27", "outcome": "waiting", "tracking_no": "EMS9"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let settle = format!("/api/v1/service/tasks/{third}/attempts/1/result");
    let (status, settled) = post_api(
        &world,
        token,
        &settle,
        &json!({"outcome": "failed", "failure": "拒收"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{settled}");
    assert_eq!(settled, json!({"id": third, "seq": 1, "outcome": "failed"}));
    let (status, _) = post_api(
        &world,
        token,
        &settle,
        &json!({"outcome": "served", "served_on": "2026-11-27"}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    // Handed to the leader, who finds it assigned to them.
    let (status, assigned) = post_api(
        &world,
        token,
        "/api/v1/service/assignments",
        &json!({"tasks": [third, third], "to": world.leader.name}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{assigned}");
    assert_eq!(assigned["assigned"], json!(1));
    let (_, queue) = world
        .get(
            "/api/v1/service/tasks?mine=true&open=true",
            Some(&world.leader.token),
        )
        .await;
    assert_eq!(queue["tasks"].as_array().map(Vec::len), Some(1), "{queue}");
    assert_eq!(queue["tasks"][0]["assigned_to"], json!(world.leader.name));

    // Malformed and hostile requests: a clear 400 (or 404 for what names nothing), never 500,
    // and nothing written.
    let before = held(&world);
    let attempts = format!("/api/v1/service/tasks/{second}/attempts");
    let bad: Vec<(String, String, StatusCode)> = vec![
        ("/api/v1/service/tasks".into(), "not json".into(), StatusCode::BAD_REQUEST),
        ("/api/v1/service/tasks".into(), json!({"case_no": case, "document": "传票", "recipient": "某", "extra": 1}).to_string(), StatusCode::BAD_REQUEST),
        ("/api/v1/service/tasks".into(), json!({"case_no": FORMULA, "document": "传票", "recipient": "某"}).to_string(), StatusCode::BAD_REQUEST),
        ("/api/v1/service/tasks".into(), json!({"case_no": case, "document": "长".repeat(101), "recipient": "某"}).to_string(), StatusCode::BAD_REQUEST),
        ("/api/v1/service/tasks".into(), json!({"case_no": case, "document": "传票", "recipient": "某", "recipient_kind": SCRIPT}).to_string(), StatusCode::BAD_REQUEST),
        ("/api/v1/service/tasks".into(), json!({"case_no": case, "document": "传票", "recipient": "某", "created_on": "2026-02-30"}).to_string(), StatusCode::BAD_REQUEST),
        ("/api/v1/service/tasks".into(), json!({"case_no": case, "document": "传票", "recipient": "某", "foreign": "yes"}).to_string(), StatusCode::BAD_REQUEST),
        ("/api/v1/service/tasks".into(), json!({"case_no": "（2026）湘1402民初99999号", "document": "传票", "recipient": "某"}).to_string(), StatusCode::NOT_FOUND),
        ("/api/v1/service/tasks".into(), format!("{{\"case_no\":\"{}\",\"document\":\"{}\",\"recipient\":\"某\"}}", case, "长".repeat(100_000)), StatusCode::BAD_REQUEST),
        (attempts.clone(), json!({"method": FORMULA, "attempted_on": "2026-11-27"}).to_string(), StatusCode::BAD_REQUEST),
        (attempts.clone(), json!({"method": "direct", "attempted_on": "+262143-01-01", "outcome": "failed", "failure": "refused"}).to_string(), StatusCode::BAD_REQUEST),
        (attempts.clone(), json!({"method": "direct", "attempted_on": "2026-11-28", "outcome": "failed", "failure": "refused"}).to_string(), StatusCode::BAD_REQUEST),
        (attempts.clone(), json!({"method": "direct", "attempted_on": 20261127}).to_string(), StatusCode::BAD_REQUEST),
        (attempts.clone(), json!({"method": "post", "attempted_on": "2026-11-27", "outcome": "waiting", "tracking_no": SCRIPT}).to_string(), StatusCode::BAD_REQUEST),
        (attempts.clone(), json!({"method": "direct", "attempted_on": "2026-11-27", "outcome": "served", "served_on": "2026-11-27", "failure": "refused"}).to_string(), StatusCode::BAD_REQUEST),
        ("/api/v1/service/tasks/abc/attempts".into(), json!({"method": "direct", "attempted_on": "2026-11-27", "outcome": "failed", "failure": "refused"}).to_string(), StatusCode::NOT_FOUND),
        ("/api/v1/service/tasks/-1/attempts".into(), json!({"method": "direct", "attempted_on": "2026-11-27", "outcome": "failed", "failure": "refused"}).to_string(), StatusCode::NOT_FOUND),
        ("/api/v1/service/tasks/99999999999999999999/attempts".into(), json!({"method": "direct", "attempted_on": "2026-11-27", "outcome": "failed", "failure": "refused"}).to_string(), StatusCode::NOT_FOUND),
        ("/api/v1/service/tasks/999999/attempts".into(), json!({"method": "direct", "attempted_on": "2026-11-27", "outcome": "failed", "failure": "refused"}).to_string(), StatusCode::NOT_FOUND),
        (format!("/api/v1/service/tasks/{third}/attempts/0/result"), json!({"outcome": "served", "served_on": "2026-11-27"}).to_string(), StatusCode::NOT_FOUND),
        (format!("/api/v1/service/tasks/{third}/attempts/9/result"), json!({"outcome": "served", "served_on": "2026-11-27"}).to_string(), StatusCode::NOT_FOUND),
        (format!("/api/v1/service/tasks/{third}/attempts/1/result"), json!({"outcome": "waiting"}).to_string(), StatusCode::BAD_REQUEST),
        (format!("/api/v1/service/tasks/{third}/attempts/1/result"), json!({}).to_string(), StatusCode::BAD_REQUEST),
        ("/api/v1/service/assignments".into(), json!({"tasks": [], "to": world.leader.name}).to_string(), StatusCode::BAD_REQUEST),
        ("/api/v1/service/assignments".into(), json!({"tasks": [-1], "to": world.leader.name}).to_string(), StatusCode::BAD_REQUEST),
        ("/api/v1/service/assignments".into(), "{\"tasks\": [99999999999999999999], \"to\": \"院领导\"}".into(), StatusCode::BAD_REQUEST),
        ("/api/v1/service/assignments".into(), json!({"tasks": vec![1; 2001], "to": world.leader.name}).to_string(), StatusCode::BAD_REQUEST),
        ("/api/v1/service/assignments".into(), json!({"tasks": [third], "to": SCRIPT}).to_string(), StatusCode::BAD_REQUEST),
        ("/api/v1/service/assignments".into(), json!({"tasks": [999999], "to": world.leader.name}).to_string(), StatusCode::NOT_FOUND),
        ("/api/v1/service/confirmations".into(), json!({"case_no": case, "party": "某", "signed_on": "2026-11-27"}).to_string(), StatusCode::BAD_REQUEST),
        ("/api/v1/service/confirmations".into(), json!({"case_no": case, "party": "某", "signed_on": "1999-01-01", "address": "某地"}).to_string(), StatusCode::BAD_REQUEST),
        ("/api/v1/service/confirmations".into(), json!({"case_no": case, "party": "某", "signed_on": "2026-11-27", "electronic": FORMULA}).to_string(), StatusCode::BAD_REQUEST),
        ("/api/v1/service/confirmations".into(), json!({"case_no": case, "party": SCRIPT, "signed_on": "2026-11-27", "address": "某地", "identity_number": "123"}).to_string(), StatusCode::BAD_REQUEST),
    ];
    for (uri, body, expected) in &bad {
        let (status, _, answer) = world.send(post_json(uri, token, body)).await;
        assert_eq!(
            status,
            *expected,
            "{uri} {}: {answer}",
            &body[..body.len().min(200)]
        );
        let error: Value = serde_json::from_str(&answer).expect("the error shape");
        assert!(
            error["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{answer}"
        );
        assert!(
            !answer.contains(&"长".repeat(1000)),
            "a huge value is not said back"
        );
    }
    for query in [
        "from=2026-13-01",
        "to=%3Cscript%3E",
        "mine=maybe",
        "open=yes",
        "from=2026-11-27&to=2026-01-01",
        &format!("division={}", encode(&"长".repeat(51))),
        &format!("assigned_to={}", encode(&"长".repeat(51))),
    ] {
        let (status, answer) = world
            .get(&format!("/api/v1/service/tasks?{query}"), Some(token))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}: {answer}");
        assert_eq!(answer["code"], json!("invalid"));
    }
    for path in ["not-a-case", "%3Cscript%3E"] {
        let (status, _) = world
            .get(&format!("/api/v1/cases/{path}/service"), Some(token))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
    }
    assert_eq!(held(&world), before, "nothing was written");
}

#[tokio::test]
async fn a_confirmation_signed_in_the_first_instance_serves_the_appeal() {
    let world = fresh_world();
    // An appeal of the generated network heard by the intermediate court, whose first instance
    // is in a court below it: the city's office sees both.
    let cases = world.stored_cases(Some("湘14"));
    let (appeal, first) = cases
        .iter()
        .find_map(|c| {
            let origin = c.origin_case_no.as_ref()?;
            let first = cases.iter().find(|f| &f.case_no == origin)?;
            (c.court.to_string() == "湘14").then_some((c, first))
        })
        .expect("an appeal with its first instance");
    let (appeal_no, first_no) = (appeal.case_no.to_string(), first.case_no.to_string());
    let token = &world.city_office.token;
    let (status, answer) = post_api(
        &world,
        token,
        "/api/v1/service/confirmations",
        &json!({
            "case_no": first_no,
            "party": "蒋某",
            "signed_on": first.filed_on.to_string(),
            "address": "清河市清河区人民路3号",
            "electronic": "all",
            "channel": "13900000000",
        }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    // The appeal's service page lists it, marked as the earlier stage's and linked to it.
    let city = world.sign_in(&world.city_office).await;
    let (status, page) = world.page(&service_uri(&appeal_no), &city).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("蒋某") && page.contains("前审"), "{page}");
    assert!(page.contains(&service_uri(&first_no)), "{page}");
    let (_, service) = world
        .get(
            &format!("/api/v1/cases/{}/service", encode(&appeal_no)),
            Some(token),
        )
        .await;
    assert_eq!(
        service["confirmations"][0]["carried"],
        json!(true),
        "{service}"
    );
    assert_eq!(service["confirmations"][0]["case_no"], json!(first_no));
    // An electronic service in the appeal to that party counts: the consent was carried.
    let (status, opened) = post_api(
        &world,
        token,
        "/api/v1/service/tasks",
        &json!({"case_no": appeal_no, "document": "传票", "recipient": "蒋某", "created_on": appeal.filed_on.to_string()}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{opened}");
    let task = opened["task"]["id"].as_i64().expect("an id");
    let on = appeal.filed_on.to_string();
    let (status, recorded) = post_api(
        &world,
        token,
        &format!("/api/v1/service/tasks/{task}/attempts"),
        &json!({"method": "electronic", "attempted_on": on, "outcome": "served", "served_on": on}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{recorded}");
    assert_eq!(recorded["validity"], Value::Null, "it counts: {recorded}");
    let (_, page) = world.page(&service_uri(&appeal_no), &city).await;
    assert!(page.contains(&format!("{on}已送达（电子送达）")), "{page}");
    assert!(!page.contains("未记录受送达人同意电子送达"), "{page}");
}

/// The 送达难 page counts what the office recorded today: four tasks of one case — one served in
/// person at the first attempt, one refused by post and then left at the residence, one "served"
/// electronically with no consent on record (flagged, not counted), one still in the post — and
/// shows the family's figures, the attempts by method and staff, the reasons of failure and the
/// case waiting; another court's judge sees none of it, an administrator is refused, and a
/// malformed period is a clear 400.
#[tokio::test]
async fn the_service_figures_page_counts_what_was_recorded_and_only_for_its_reader() {
    let world = fresh_world();
    let token = &world.office.token;
    let case = world.boundary.within_30d_out;
    let mut tasks = Vec::new();
    for recipient in ["甲", "乙", "丙", "丁"] {
        let (status, opened) = post_api(
            &world,
            token,
            "/api/v1/service/tasks",
            &json!({"case_no": case, "document": "应诉通知书", "recipient": recipient}),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{opened}");
        tasks.push(opened["task"]["id"].as_i64().expect("an id"));
    }
    let attempts = [
        (
            tasks[0],
            json!({"method": "direct", "attempted_on": "2026-11-27", "outcome": "served", "served_on": "2026-11-27", "proof": "receipt"}),
        ),
        (
            tasks[1],
            json!({"method": "post", "attempted_on": "2026-11-27", "outcome": "failed", "failure": "refused", "tracking_no": "1190000000001"}),
        ),
        (
            tasks[1],
            json!({"method": "left", "attempted_on": "2026-11-27", "outcome": "served", "served_on": "2026-11-27", "proof": "recording"}),
        ),
        (
            tasks[2],
            json!({"method": "electronic", "attempted_on": "2026-11-27", "outcome": "served", "served_on": "2026-11-27"}),
        ),
        (
            tasks[3],
            json!({"method": "post", "attempted_on": "2026-11-27", "outcome": "waiting", "tracking_no": "1190000000002"}),
        ),
    ];
    for (task, attempt) in attempts {
        let (status, answer) = post_api(
            &world,
            token,
            &format!("/api/v1/service/tasks/{task}/attempts"),
            &attempt,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{answer}");
    }
    let office = world.sign_in(&world.office).await;
    let (status, page) = world
        .page("/service/figures?from=2026-11-01&to=2026-11-27", &office)
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let card = |name: &str| -> String {
        let rest = page
            .split(&format!(">{name}</a></div><div class=\"v\">"))
            .nth(1)
            .unwrap_or_else(|| panic!("no card {name}: {page}"));
        rest.chars()
            .take_while(|c| *c != ' ' && *c != '<')
            .collect()
    };
    assert_eq!(card("送达任务数"), "4");
    assert_eq!(
        card("送达成功率"),
        "50.00",
        "two of four: the flagged one does not count"
    );
    assert_eq!(card("一次送达成功率"), "25.00");
    assert_eq!(card("无同意电子送达"), "1");
    assert_eq!(
        card("拒收率"),
        "50.00",
        "one of two mailed items (one still in the post)"
    );
    // The tables: by method, by staff, the one failure and the case still waiting.
    for shown in [
        "留置送达",
        "直接送达",
        "邮寄送达",
        "拒收",
        "长期未送达",
        "审管办",
        "各部门",
        "综合审判庭",
    ] {
        assert!(page.contains(shown), "{shown}: {page}");
    }
    assert!(
        page.contains(&service_uri(case)),
        "the waiting case links to its service"
    );
    assert!(page.contains("<svg"), "the monthly trend is drawn");

    // Another court's judge: the family has nothing of theirs.
    let other = world.sign_in(&world.judge_1403).await;
    let (status, theirs) = world
        .page("/service/figures?from=2026-11-01&to=2026-11-27", &other)
        .await;
    assert_eq!(status, StatusCode::OK, "{theirs}");
    assert!(!theirs.contains(&service_uri(case)), "{theirs}");
    assert!(!theirs.contains("留置送达</td>"), "{theirs}");
    let admin = world.sign_in(&world.admin).await;
    let (status, _) = world.page("/service/figures", &admin).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    for bad in [
        "/service/figures?from=garbage",
        "/service/figures?from=2026-11-27&to=2026-11-01",
        "/service/figures?from=1900-01-01&to=2026-11-27",
        "/service/figures?from=%3Cscript%3E",
        "/service/figures?to=99999-01-01",
    ] {
        let (status, answer) = world.page(bad, &office).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {answer}");
        assert!(!answer.contains("<script>"), "{bad}");
    }
}
