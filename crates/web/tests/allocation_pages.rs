//! 随机分案 on the pages, as the filing division goes through it: a case allocated on the form
//! (under the court's configured rules, its judge drawn from the pool) and found with its judge in
//! the day's log, the chain checked whole; a designation refused without a listed reason and
//! written with one; a case's judge changed; what the period's allocations say; a leader reads
//! but may not allocate and a judge may open none of it; and hostile input — a huge body,
//! script-bearing fields, formula-bearing text, malformed dates, seeds out of range, a pasted
//! rules file malformed or huge — each refused on the form with the store as it was.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use shenguan_app::Config;
use shenguan_domain::StaffRole;
use shenguan_domain::allocation::chain::verify;
use shenguan_testkit::TempDir;
use shenguan_testkit::world::{
    COURT, TODAY, World, encode, form_token, fresh_world, fresh_world_with, post_form,
    workbook_text,
};

/// The division of the court with the most judges in post, and their staff numbers: the pool the
/// configured rules send every case to.
fn pool(world: &World) -> (String, Vec<String>) {
    let mut divisions: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for s in world.direct_store().staff().expect("the staff") {
        let judges = !matches!(
            s.role,
            Some(
                StaffRole::JudgeAssistant
                    | StaffRole::Clerk
                    | StaffRole::EnforcementOfficer
                    | StaffRole::CaseManagement
            )
        );
        let in_post =
            s.active_from.is_none_or(|d| d <= TODAY) && s.active_to.is_none_or(|d| d >= TODAY);
        if s.court.to_string() == COURT
            && judges
            && in_post
            && let Some(division) = s.division
        {
            divisions
                .entry(division)
                .or_default()
                .push(s.id.to_string());
        }
    }
    let (division, judges) = divisions
        .into_iter()
        .max_by_key(|(_, judges)| judges.len())
        .expect("a division of the court");
    assert!(judges.len() >= 2, "{division}: {judges:?}");
    (division, judges)
}

/// The court's rules: 民初 cases of at most three parties are 简案, the rest 普通 — all to `pool`.
fn rules(pool: &str) -> String {
    format!(
        r#"version = "页面测试-1"
default = {{ track = "普通", pool = "{pool}" }}

[[rule]]
id = "民事简案"
track = "简案"
pool = "{pool}"
case_types = ["民初"]
parties_at_most = 3
"#
    )
}

/// A form body of `fields`, with the session's form token.
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

fn log_len(world: &World) -> usize {
    world
        .direct_store()
        .allocation_log()
        .expect("the log")
        .len()
}

#[tokio::test]
async fn the_office_allocates_designates_and_changes_a_judge_on_the_forms_and_reads_the_log() {
    let dir = TempDir::new("allocation-pages");
    let file = dir.join("rules.toml");
    let world = fresh_world_with(Config {
        allocation_rules: Some(file.clone()),
        ..Config::default()
    });
    // The rules are read on each request: written once the world's staff are known.
    let (division, judges) = pool(&world);
    std::fs::write(&file, rules(&division)).expect("the rules file");

    let office = world.sign_in(&world.office).await;
    let (status, desk) = world.page("/assignments", &office).await;
    assert_eq!(status, StatusCode::OK, "{desk}");
    assert!(desk.contains("action=\"/assignments\""), "{desk}");
    assert!(desk.contains("当日没有分案记录"), "{desk}");
    assert!(
        desk.contains("本院提审的案件"),
        "the listed reasons: {desk}"
    );
    let csrf = form_token(&desk).expect("the form's token");

    // Drawn: the track by the configured rule, the judge one of the pool's.
    let drawn = "（2026）湘1402民初98101号";
    let (status, page) = post(
        &world,
        &office,
        "/assignments",
        &form(
            &csrf,
            &[
                ("case_no", drawn),
                ("cause", "买卖合同纠纷"),
                ("amount", "30000.00"),
                ("parties", "2"),
                ("party_names", "<script>alert(1)</script>\n张三"),
            ],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("已分案"), "{page}");
    let row = world
        .direct_store()
        .allocation(drawn)
        .expect("read")
        .expect("the allocation");
    let judge = row.judge.clone().expect("a judge drawn");
    assert!(judges.contains(&judge), "{judge} of {judges:?}");
    assert_eq!((row.track.as_str(), row.how.as_str()), ("simple", "draw"));
    for shown in [
        "简案",
        division.as_str(),
        "民事简案",
        "页面测试-1",
        judge.as_str(),
    ] {
        assert!(page.contains(shown), "{shown}: {page}");
    }
    assert!(!page.contains("<script>alert"), "{page}");
    let seed = u64::from_ne_bytes(row.seed.expect("a seed").to_ne_bytes());
    assert!(page.contains(&seed.to_string()), "the seed: {page}");
    let log = world.direct_store().allocation_log().expect("the log");
    assert_eq!(log.len(), 2);
    assert!(page.contains(&log[1].hash), "the draw's hash: {page}");

    // The day's log names the case, what was decided and the judge; the chain is whole.
    let (status, day) = world.page("/assignments/log", &office).await;
    assert_eq!(status, StatusCode::OK, "{day}");
    for shown in [
        drawn,
        "繁简分流",
        "随机分案",
        judge.as_str(),
        "分案日志完整：共2条",
    ] {
        assert!(day.contains(shown), "{shown}: {day}");
    }
    // Its table downloads as a workbook, the same rows.
    let (status, headers, bytes) = world.download("/assignments/log?export=log", &office).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap_or_default()
            .contains("spreadsheetml"),
        "{headers:?}"
    );
    let (_, strings) = workbook_text(&bytes);
    assert!(
        strings.contains(drawn) && strings.contains("随机分案"),
        "{strings}"
    );
    let (_, yesterday) = world.page("/assignments/log?day=2026-11-26", &office).await;
    assert!(!yesterday.contains(drawn) && yesterday.contains("当日没有分案记录"));

    // A designation needs one of the listed reasons: refused on the form, its input kept,
    // nothing written.
    let designated = "（2026）湘1402民初98102号";
    let other = judges
        .iter()
        .find(|j| **j != judge)
        .expect("another judge")
        .clone();
    let designate = |reason: &str| {
        form(
            &csrf,
            &[
                ("case_no", designated),
                ("judge", other.as_str()),
                ("reason", reason),
                ("approver", "院长"),
            ],
        )
    };
    let (status, page) = post(&world, &office, "/assignments", &designate("领导交办")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{page}");
    assert!(page.contains("指定分案须有所列理由之一"), "{page}");
    assert!(
        page.contains(&format!("value=\"{designated}\"")),
        "kept: {page}"
    );
    assert_eq!(log_len(&world), 2, "nothing written");
    let (status, page) = post(
        &world,
        &office,
        "/assignments",
        &designate("本院提审的案件"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("指定分案") && page.contains(&other), "{page}");
    // Once per case.
    let (status, page) = post(
        &world,
        &office,
        "/assignments",
        &designate("本院提审的案件"),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{page}");
    assert!(page.contains("已分案"), "{page}");

    // The drawn case goes to the other judge, with a reason and an approver.
    let (status, page) = post(
        &world,
        &office,
        "/assignments/change",
        &form(
            &csrf,
            &[
                ("case_no", drawn),
                ("judge", other.as_str()),
                ("reason", "承办法官调岗"),
                ("approver", "庭长"),
            ],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("已将") && page.contains(&other), "{page}");
    let row = world
        .direct_store()
        .allocation(drawn)
        .expect("read")
        .expect("row");
    assert_eq!(row.judge.as_deref(), Some(other.as_str()));
    // A case never allocated cannot change judge: said on the form, its input kept.
    let never = "（2026）湘1402民初98109号";
    let (status, page) = post(
        &world,
        &office,
        "/assignments/change",
        &form(
            &csrf,
            &[
                ("case_no", never),
                ("judge", other.as_str()),
                ("reason", "调岗"),
                ("approver", "庭长"),
            ],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{page}");
    assert!(
        page.contains("尚未分案") && page.contains(&format!("value=\"{never}\"")),
        "{page}"
    );
    // The office declares a judge's leave, a relationship and a recusal on the desk; a recusal
    // from something not a case number, or leave from no date, comes back with its input.
    for (fields, said) in [
        (
            vec![
                ("staff", other.as_str()),
                ("kind", "leave"),
                ("from", "2026-11-20"),
                ("to", "2026-12-10"),
                ("reason", "年休假"),
                ("approver", "庭长"),
            ],
            "已为工号",
        ),
        (
            vec![
                ("staff", other.as_str()),
                ("kind", "relationship"),
                ("party", "赵律师"),
                ("reason", "<script>alert(1)</script>"),
            ],
            "已为工号",
        ),
    ] {
        let (status, page) = post(
            &world,
            &office,
            "/assignments/declare",
            &form(&csrf, &fields),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.contains(said), "{page}");
    }
    assert_eq!(
        world.direct_store().on_leave("2026-11-27").expect("read"),
        vec![other.clone()]
    );
    assert_eq!(
        world
            .direct_store()
            .exclusions_for(&["赵律师".into()])
            .expect("read")
            .len(),
        1
    );
    for (fields, field) in [
        (
            vec![
                ("staff", other.as_str()),
                ("kind", "recusal"),
                ("party", "=HYPERLINK(\"x\")"),
                ("reason", "曾任代理人"),
            ],
            "party",
        ),
        (
            vec![
                ("staff", other.as_str()),
                ("kind", "leave"),
                ("from", "2026-02-30"),
                ("to", "2026-03-02"),
                ("reason", "病假"),
            ],
            "from",
        ),
        (
            vec![
                ("staff", "不存在"),
                ("kind", "leave"),
                ("from", "2026-12-01"),
                ("to", "2026-12-02"),
                ("reason", "病假"),
            ],
            "staff",
        ),
    ] {
        let (status, page) = post(
            &world,
            &office,
            "/assignments/declare",
            &form(&csrf, &fields),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{field}: {page}");
        assert!(
            page.contains(&format!("value=\"{}\"", fields[0].1)),
            "{field}: the input kept: {page}"
        );
    }
    let (_, day) = world.page("/assignments/log", &office).await;
    assert!(
        day.contains("变更承办法官") && day.contains("承办法官调岗"),
        "{day}"
    );
    assert!(day.contains("分案日志完整：共5条"), "{day}");

    // In English, the same desk and log.
    let english = axum::http::Request::get("/assignments/log")
        .header("cookie", format!("sg_session={office}; sg_lang=en"))
        .body(axum::body::Body::empty())
        .expect("a request");
    let (status, _, day) = world.send(english).await;
    assert_eq!(status, StatusCode::OK, "{day}");
    for shown in [
        "Allocation log",
        "change of judge",
        "The allocation log is whole: 5 entries",
    ] {
        assert!(day.contains(shown), "{shown}: {day}");
    }

    // What the period's allocations say.
    let (status, workload) = world
        .page(
            "/assignments/workload?from=2026-11-01&to=2026-11-30",
            &office,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{workload}");
    for shown in [
        "分案情况",
        "简案",
        "本院提审的案件",
        "承办法官调岗",
        other.as_str(),
        "结案均衡度",
        "<td class=\"n\">50.0%</td>",
        "期间内没有超出随机的反复匹配",
    ] {
        assert!(workload.contains(shown), "{shown}: {workload}");
    }

    // A leader reads the pages but has no form and may not allocate.
    let leader = world.sign_in(&world.leader).await;
    for uri in ["/assignments", "/assignments/log", "/assignments/workload"] {
        let (status, page) = world.page(uri, &leader).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {page}");
        assert!(page.contains("href=\"/assignments\""), "in the navigation");
        assert!(!page.contains("action=\"/assignments\""), "{uri}: {page}");
    }
    let (_, desk) = world.page("/assignments", &leader).await;
    let token = form_token(&desk).expect("the leader's token");
    let (status, _) = post(
        &world,
        &leader,
        "/assignments",
        &form(&token, &[("case_no", "（2026）湘1402民初98103号")]),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // A judge opens none of it, and the navigation does not offer it.
    let judge_session = world.sign_in(&world.judge).await;
    let (_, overview) = world.page("/", &judge_session).await;
    assert!(!overview.contains("href=\"/assignments\""));
    for uri in [
        "/assignments",
        "/assignments/log",
        "/assignments/workload",
        "/assignments/sandbox",
    ] {
        let (status, _) = world.page(uri, &judge_session).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{uri}");
    }
    let token = form_token(&overview).expect("the judge's token");
    for uri in [
        "/assignments",
        "/assignments/change",
        "/assignments/declare",
    ] {
        let (status, _) = post(
            &world,
            &judge_session,
            uri,
            &form(
                &token,
                &[
                    ("case_no", "（2026）湘1402民初98104号"),
                    ("judge", other.as_str()),
                ],
            ),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{uri}");
    }
    let log = world.direct_store().allocation_log().expect("the log");
    assert_eq!(log.len(), 5);
    assert_eq!(verify(&log, None), Ok(()));
    // Another court's allocation kept without its entries: the office learns that something is
    // wrong elsewhere, not which case; the network's administrator reads the case.
    let elsewhere = "（2026）湘1403民初77号";
    world
        .direct_store()
        .allocate(
            &shenguan_store::AllocationRow {
                case_no: elsewhere.into(),
                court: "湘1403".into(),
                track: "simple".into(),
                pool: "民一庭".into(),
                rule: "民事简案".into(),
                version: "1".into(),
                judge: None,
                how: "draw".into(),
                seed: None,
                reason: None,
                approver: None,
                weight: 100,
                facts: "case_type=民初".into(),
                at: "2026-11-27T09:00:00+08:00".into(),
            },
            &[],
        )
        .expect("written")
        .expect("new");
    let (_, day) = world.page("/assignments/log", &office).await;
    assert!(
        day.contains("另一法院的一件分案记录与分案日志不符") && !day.contains(elsewhere),
        "{day}"
    );
    let admin = world.sign_in(&world.admin).await;
    let (_, day) = world.page("/assignments/log", &admin).await;
    assert!(
        day.contains(&format!("案件{elsewhere}的分案记录与分案日志不符")),
        "{day}"
    );
}

#[tokio::test]
async fn hostile_input_is_refused_on_the_forms_and_the_store_stays_as_it_was() {
    let world = fresh_world();
    let office = world.sign_in(&world.office).await;
    let (_, desk) = world.page("/assignments", &office).await;
    let csrf = form_token(&desk).expect("the form's token");
    let case = "（2026）湘1402民初98201号";

    // A body over the limit forms take.
    let huge = form(
        &csrf,
        &[("case_no", case), ("cause", &"长".repeat(1_000_000))],
    );
    let (status, _) = post(&world, &office, "/assignments", &huge).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);

    // Another session's form token.
    let (status, _) = post(
        &world,
        &office,
        "/assignments",
        &form("not-the-token", &[("case_no", case)]),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let script = "<script>alert('分案')</script>";
    for (fields, said) in [
        // Script in the case number, the cause and the names: refused, said back as text.
        (
            vec![
                ("case_no", script),
                ("cause", script),
                ("party_names", script),
            ],
            "案号",
        ),
        // Formula-bearing text.
        (
            vec![("case_no", case), ("amount", "=cmd|' /C calc'!A0")],
            "不是金额",
        ),
        (vec![("case_no", case), ("cause", "=1+1")], "案由须为一行"),
        (
            vec![
                ("case_no", case),
                ("judge", "1402001"),
                ("reason", "本院提审的案件"),
                ("approver", "=HYPERLINK(\"http://x\")"),
            ],
            "须写明审批人",
        ),
        (vec![("case_no", "=1+1")], "案号"),
        // Numbers out of range.
        (vec![("case_no", case), ("parties", "0")], "当事人"),
        (vec![("case_no", case), ("parties", "-1")], "parties"),
        (
            vec![("case_no", case), ("sentence_months", "99999999999")],
            "sentence_months",
        ),
        (
            vec![("case_no", case), ("announcement", "maybe")],
            "announcement",
        ),
        // A designation without a judge, or without a reason.
        (
            vec![
                ("case_no", case),
                ("reason", "本院提审的案件"),
                ("approver", "院长"),
            ],
            "法官工号",
        ),
        (
            vec![
                ("case_no", case),
                ("judge", "1402001"),
                ("approver", "院长"),
            ],
            "所列理由",
        ),
        // Too many names.
        (
            vec![("case_no", case), ("party_names", &"某、".repeat(201))],
            "最多200个",
        ),
    ] {
        let (status, page) = post(&world, &office, "/assignments", &form(&csrf, &fields)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{fields:?}: {page}");
        assert!(page.contains(said), "{said}: {page}");
        assert!(page.contains("class=\"refused\""), "on the form: {page}");
        assert!(!page.contains("<script>alert"), "{page}");
        assert!(page.contains("action=\"/assignments\""), "the form again");
    }
    let (_, page) = post(
        &world,
        &office,
        "/assignments",
        &form(&csrf, &[("case_no", script), ("cause", script)]),
    )
    .await;
    assert!(
        page.contains("&lt;script&gt;alert"),
        "kept, as text: {page}"
    );
    // The change form alike.
    let (status, page) = post(
        &world,
        &office,
        "/assignments/change",
        &form(
            &csrf,
            &[
                ("case_no", script),
                ("judge", script),
                ("reason", "=1+1"),
                ("approver", script),
            ],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{page}");
    assert!(
        !page.contains("<script>alert") && page.contains("&lt;script&gt;"),
        "{page}"
    );

    // Malformed dates.
    for uri in [
        "/assignments/log?day=2026-13-45",
        "/assignments/workload?from=not-a-date",
        "/assignments/workload?to=2026-02-30",
        "/assignments/sandbox?from=%3Cscript%3E",
    ] {
        let (status, page) = world.page(uri, &office).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {page}");
        assert!(!page.contains("<script>"), "{page}");
    }

    // The sandbox: the configured rules by default; seeds out of range, a malformed or huge
    // pasted file refused on the form.
    // Opened without a period, the page asks for one and replays nothing yet.
    let (status, blank) = world.page("/assignments/sandbox", &office).await;
    assert_eq!(status, StatusCode::OK, "{blank}");
    assert!(
        blank.contains("选择收案期间") && !blank.contains("各轨道占比"),
        "{blank}"
    );
    let (status, sandbox) = world
        .page(
            "/assignments/sandbox?from=2026-01-01&to=2026-11-27",
            &office,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{sandbox}");
    assert!(
        sandbox.contains("各轨道占比")
            && sandbox.contains("shipped-2026-1")
            && sandbox.contains("基尼系数")
            && sandbox.contains("计入法官"),
        "{sandbox}"
    );
    let period = [("from", "2026-01-01"), ("to", "2026-11-27")];
    for (fields, said) in [
        (vec![("seeds", "0")], "种子数须为1至50"),
        (vec![("seeds", "51")], "种子数须为1至50"),
        (
            vec![("seeds", "99999999999999999999999")],
            "种子数须为1至50",
        ),
        (vec![("seeds", "五")], "种子数须为1至50"),
        (vec![("from", "2026-02-30")], "from"),
        (
            vec![("from", "2026-11-27"), ("to", "2026-01-01")],
            "期间起日须不晚于止日",
        ),
        (vec![("rules", "version = ")], "粘贴的规则"),
        (
            vec![(
                "rules",
                "version = \"x\"\ndefault = { track = \"<script>\", pool = \"p\" }",
            )],
            "须为速裁、简案、普通或繁案",
        ),
        (
            vec![("rules", &format!("# {}\n", "长".repeat(30_000)))],
            "超过64KB",
        ),
    ] {
        let mut all: Vec<(&str, &str)> = period
            .iter()
            .filter(|(k, _)| !fields.iter().any(|(f, _)| f == k))
            .copied()
            .collect();
        all.extend(fields.iter().copied());
        let (status, page) =
            post(&world, &office, "/assignments/sandbox", &form(&csrf, &all)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{fields:?}: {page}");
        assert!(page.contains(said), "{said}: {page}");
        assert!(!page.contains("<script>"), "{page}");
        assert!(
            page.contains("action=\"/assignments/sandbox\""),
            "the form again"
        );
    }
    // A proposed file replays: every 民初 case 繁案 moves the simple ones.
    let proposed = "version = \"全部繁案\"\ndefault = { track = \"繁案\", pool = \"繁案团队\" }\n";
    let (status, page) = post(
        &world,
        &office,
        "/assignments/sandbox",
        &form(
            &csrf,
            &[
                ("from", "2026-01-01"),
                ("to", "2026-11-27"),
                ("seeds", "3"),
                ("rules", proposed),
            ],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(
        page.contains("全部繁案") && page.contains("重放3次"),
        "{page}"
    );
    // Every filing sent down 繁案, where none went.
    assert!(
        page.contains("<td>繁案</td><td class=\"n\">0.0%</td><td class=\"n\">100.0%</td>"),
        "{page}"
    );
    // A pasted file is not in the page's address: its tables offer no link that would replay
    // other rules.
    assert!(!page.contains("export="), "{page}");
    assert!(sandbox.contains("export=shares"), "{sandbox}");

    let log = world.direct_store().allocation_log().expect("the log");
    assert!(log.is_empty(), "nothing written: {log:?}");
}
