//! The audit log on the web: every audited action — signing in, failing to, opening a case by the
//! API or its page, downloading a report, importing by the API or the import page — done once
//! through its route, and the one line it leaves (who, what, when, about what), or the none a
//! refused or read-only request leaves; the log readable by administrators alone; and the
//! secrets (passwords, tokens) kept out of the log and at rest only as hashes.

use std::collections::HashMap;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use sha2::{Digest, Sha256};
use shenguan_testkit::world::{
    self, Account, BOUNDARY, COLLEAGUE, JUDGE, PASSWORD, World, encode, form_token,
};

/// A wrong password, tried in the steps below: it must never reach the log either.
const WRONG: &str = "not the password at all";

/// Two new cases of 湘1402, as its office sends them by the API.
const TWO_CASES: &str = "\
案号,立案日期,结案日期,结案方式,承办人
（2026）湘1402民初8801号,2026-11-02,,,欧阳明
（2026）湘1402民初8802号,2026-11-03,,,欧阳明
";

/// 30 February does not exist: refused whole.
const BAD_DATE: &str = "\
案号,立案日期,结案日期,结案方式,承办人
（2026）湘1402民初8803号,2026年2月30日,,,欧阳明
";

/// A case of 湘1403: outside the court of 湘1402's office.
const OTHER_COURT: &str = "\
案号,立案日期,结案日期,结案方式,承办人
（2026）湘1403民初8801号,2026-11-02,,,张三
";

/// For the intermediate court's office on the import page: one good case of a court below it
/// and one bad row.
const MIXED: &str = "\
案号,立案日期,结案日期,结案方式,承办人
（2026）湘1403民初8802号,2026-11-04,,,张三
（2026）湘1403民初8803号,2026年2月30日,,,张三
";

/// One line of the audit log, as the store holds it.
#[derive(Debug, PartialEq, Eq)]
struct Line {
    id: i64,
    at: String,
    user: Option<String>,
    action: String,
    detail: String,
}

/// What a step does, through the route a person or a program uses. `who` names an account.
enum Act {
    /// The login form, its own form token first.
    Login {
        name: &'static str,
        password: &'static str,
    },
    /// The login form posted with a form token that is not the one the form set.
    StaleLoginForm { name: &'static str },
    /// `GET uri` with `who`'s bearer token, or none.
    Api {
        who: Option<&'static str>,
        uri: String,
    },
    /// `GET uri` in `who`'s session (signed in by an earlier step).
    Page { who: &'static str, uri: String },
    /// `POST /api/v1/import?format=csv&{query}` with `csv`.
    ApiImport {
        who: &'static str,
        query: &'static str,
        csv: &'static str,
    },
    /// The import page's upload: the file is checked (a dry run) and kept for confirmation.
    Upload {
        who: &'static str,
        file: &'static str,
        csv: &'static str,
    },
    /// The import page's confirmation of `who`'s last upload.
    Confirm {
        who: &'static str,
        skip_invalid: bool,
    },
}

/// One audited (or not audited) request and what the log must say after it.
struct Step {
    what: &'static str,
    act: Act,
    status: StatusCode,
    /// The new line's user, action and detail; `None` when the log must not change.
    leaves: Option<(Option<&'static str>, &'static str, String)>,
}

/// The client address the audit log names for a request that came without one (as the router
/// receives requests in tests).
const NO_ADDRESS: &str = "0.0.0.0";

/// The line a step leaves.
fn line(
    user: Option<&'static str>,
    action: &'static str,
    detail: &str,
) -> Option<(Option<&'static str>, &'static str, String)> {
    Some((user, action, detail.to_string()))
}

/// The sessions and pending uploads of the accounts, as the steps go.
struct Desk {
    world: World,
    sessions: HashMap<&'static str, String>,
    uploads: HashMap<&'static str, String>,
}

impl Desk {
    fn account(&self, name: &str) -> &Account {
        self.world
            .accounts()
            .into_iter()
            .find(|a| a.name == name)
            .unwrap_or_else(|| panic!("no account {name}"))
    }

    fn session(&self, who: &str) -> &str {
        self.sessions
            .get(who)
            .unwrap_or_else(|| panic!("{who} has not signed in"))
    }

    /// The whole log, newest first.
    fn audit_log(&self) -> Vec<Line> {
        self.world
            .direct_store()
            .audit_entries(100_000)
            .expect("the audit log")
            .into_iter()
            .map(|e| Line {
                id: e.id,
                at: e.at,
                user: e.user,
                action: e.action,
                detail: e.detail,
            })
            .collect()
    }

    /// Performs `act`: the status of the answer.
    async fn perform(&mut self, act: &Act) -> StatusCode {
        match act {
            Act::Login { name, password } => match self.world.try_login(name, password).await {
                Ok(cookie) => {
                    self.sessions.insert(name.trim(), cookie);
                    StatusCode::SEE_OTHER
                }
                Err(status) => status,
            },
            Act::StaleLoginForm { name } => {
                let form = format!(
                    "name={}&password={}&csrf=stale",
                    encode(name),
                    encode(PASSWORD)
                );
                let request = Request::post("/login")
                    .header("content-type", "application/x-www-form-urlencoded")
                    .header("cookie", "sg_login=fresh")
                    .body(Body::from(form))
                    .expect("a request");
                self.world.send(request).await.0
            }
            Act::Api { who, uri } => {
                let token = who.map(|w| self.account(w).token.clone());
                self.world.get(uri, token.as_deref()).await.0
            }
            Act::Page { who, uri } => self.world.page(uri, self.session(who)).await.0,
            Act::ApiImport { who, query, csv } => {
                let token = self.account(who).token.clone();
                self.world.import_csv(query, Some(&token), csv).await.0
            }
            Act::Upload { who, file, csv } => {
                let cookie = self.session(who).to_string();
                let (_, home) = self.world.page("/import", &cookie).await;
                let csrf = form_token(&home).expect("the session's form token");
                let boundary = "audit-boundary";
                let body = format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
                     --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file}\"\r\n\
                     Content-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
                );
                let request = Request::post("/import")
                    .header(
                        "content-type",
                        format!("multipart/form-data; boundary={boundary}"),
                    )
                    .header("cookie", format!("sg_session={cookie}"))
                    .body(Body::from(body))
                    .expect("a request");
                let (status, _, page) = self.world.send(request).await;
                if let Some(id) = page
                    .split("name=\"upload\" value=\"")
                    .nth(1)
                    .and_then(|rest| rest.split('"').next())
                {
                    self.uploads.insert(who, id.to_string());
                }
                status
            }
            Act::Confirm { who, skip_invalid } => {
                let cookie = self.session(who).to_string();
                let (_, home) = self.world.page("/import", &cookie).await;
                let csrf = form_token(&home).expect("the session's form token");
                let upload = self.uploads.remove(who).expect("an upload waiting");
                let skip = if *skip_invalid { "&skip_invalid=1" } else { "" };
                let request = Request::post("/import/confirm")
                    .header("content-type", "application/x-www-form-urlencoded")
                    .header("cookie", format!("sg_session={cookie}"))
                    .body(Body::from(format!("csrf={csrf}&upload={upload}{skip}")))
                    .expect("a request");
                self.world.send(request).await.0
            }
        }
    }

    /// Runs `step` and checks the log: one new line, the newest, with the step's user, action
    /// and detail, dated today by the server's clock in China Standard Time — or no change.
    async fn check(&mut self, step: &Step) {
        let before = self.audit_log();
        let status = self.perform(&step.act).await;
        assert_eq!(status, step.status, "{}", step.what);
        let after = self.audit_log();
        let Some((user, action, detail)) = &step.leaves else {
            assert_eq!(after, before, "{}: the log must not change", step.what);
            return;
        };
        assert_eq!(after.len(), before.len() + 1, "{}: {after:?}", step.what);
        assert_eq!(
            after[1..],
            before[..],
            "{}: older lines untouched",
            step.what
        );
        let newest = &after[0];
        assert!(
            before.first().is_none_or(|last| newest.id > last.id),
            "{}: {newest:?}",
            step.what
        );
        assert_eq!(newest.user.as_deref(), *user, "{}", step.what);
        assert_eq!(newest.action, *action, "{}", step.what);
        assert_eq!(&newest.detail, detail, "{}", step.what);
        let (day, time) = newest.at.split_once('T').expect("an ISO date and time");
        assert_eq!(
            day,
            world::TODAY.to_string(),
            "{}: {}",
            step.what,
            newest.at
        );
        assert!(time.ends_with("+08:00"), "{}: {}", step.what, newest.at);
    }
}

fn api(who: Option<&'static str>, uri: &str) -> Act {
    Act::Api {
        who,
        uri: uri.to_string(),
    }
}

fn page(who: &'static str, uri: &str) -> Act {
    Act::Page {
        who,
        uri: uri.to_string(),
    }
}

fn login(name: &'static str, password: &'static str) -> Act {
    Act::Login { name, password }
}

/// A day at the courts, in order: each step runs after the ones above it.
fn day_at_the_courts() -> Vec<Step> {
    let b = BOUNDARY;
    // 欧阳明's case and 司马雪's, both in 湘1402's 综合审判庭.
    let own = b.overdue_in;
    let colleagues = b.overdue_out;
    let mut steps = vec![
        // Signing in: the name as stored (trimmed), with the user when it succeeds; a failure
        // has no user but keeps the name typed, known or not, so that guessing shows.
        Step {
            what: "an administrator signs in",
            act: login("管理员", PASSWORD),
            status: StatusCode::SEE_OTHER,
            leaves: line(Some("管理员"), "login", "管理员 0.0.0.0"),
        },
        Step {
            what: "a wrong password",
            act: login("审管办", WRONG),
            status: StatusCode::UNAUTHORIZED,
            leaves: line(None, "login.failed", "审管办 0.0.0.0"),
        },
        Step {
            what: "a name nobody has",
            act: login("无此人", PASSWORD),
            status: StatusCode::UNAUTHORIZED,
            leaves: line(None, "login.failed", "无此人 0.0.0.0"),
        },
        Step {
            what: "the office signs in after its mistake",
            act: login("审管办", PASSWORD),
            status: StatusCode::SEE_OTHER,
            leaves: line(Some("审管办"), "login", "审管办 0.0.0.0"),
        },
        Step {
            what: "a name typed with spaces around it",
            act: login(" 院领导 ", PASSWORD),
            status: StatusCode::SEE_OTHER,
            leaves: line(Some("院领导"), "login", "院领导 0.0.0.0"),
        },
        Step {
            what: "a form whose token is not the form's: refused before any check",
            act: Act::StaleLoginForm { name: "庭长" },
            status: StatusCode::FORBIDDEN,
            leaves: None,
        },
    ];
    for who in ["庭长", JUDGE, "中院审管办"] {
        steps.push(Step {
            what: "the other roles sign in",
            act: login(who, PASSWORD),
            status: StatusCode::SEE_OTHER,
            leaves: Some((Some(who), "login", format!("{who} {NO_ADDRESS}"))),
        });
    }
    // Guessing a name's password from one address: three failures are free, the fourth starts
    // the waits, and a try within the wait is refused unchecked — even with the right password
    // — and audited as refused (the router in tests sees no client address).
    for _ in 0..4 {
        steps.push(Step {
            what: "someone guesses a judge's password",
            act: login(COLLEAGUE, WRONG),
            status: StatusCode::UNAUTHORIZED,
            leaves: Some((None, "login.failed", format!("{COLLEAGUE} {NO_ADDRESS}"))),
        });
    }
    steps.push(Step {
        what: "the fifth try, right or wrong, is not checked",
        act: login(COLLEAGUE, PASSWORD),
        status: StatusCode::TOO_MANY_REQUESTS,
        leaves: Some((
            None,
            "login.throttled",
            format!("{COLLEAGUE} {NO_ADDRESS} 1s"),
        )),
    });

    // Cases: a view is audited with the case number in its canonical form; a case the user may
    // not see answers as one that does not exist, and nothing was viewed.
    let case_api = |number: &str| format!("/api/v1/cases/{}", encode(number));
    let case_page = |number: &str| format!("/cases/{}", encode(number));
    steps.extend([
        Step {
            what: "a judge opens one of their cases by the API",
            act: api(Some(JUDGE), &case_api(own)),
            status: StatusCode::OK,
            leaves: line(Some(JUDGE), "case.view", own),
        },
        Step {
            what: "the number typed with half-width brackets",
            act: api(Some(JUDGE), &case_api("(2026)湘1402民特9001号")),
            status: StatusCode::OK,
            leaves: line(Some(JUDGE), "case.view", "（2026）湘1402民特9001号"),
        },
        Step {
            what: "a judge asks for a colleague's case",
            act: api(Some(JUDGE), &case_api(colleagues)),
            status: StatusCode::NOT_FOUND,
            leaves: None,
        },
        Step {
            what: "a case that does not exist",
            act: api(Some("管理员"), &case_api("（2026）湘1402民初99999号")),
            status: StatusCode::NOT_FOUND,
            leaves: None,
        },
        Step {
            what: "no token",
            act: api(None, &case_api(own)),
            status: StatusCode::UNAUTHORIZED,
            leaves: None,
        },
        Step {
            what: "a division head opens a case page of the division",
            act: page("庭长", &case_page(colleagues)),
            status: StatusCode::OK,
            leaves: line(Some("庭长"), "case.view", colleagues),
        },
        Step {
            what: "a judge opens a colleague's case page",
            act: page(JUDGE, &case_page(colleagues)),
            status: StatusCode::NOT_FOUND,
            leaves: None,
        },
        Step {
            what: "the intermediate court's office opens a case of a court below",
            act: page("中院审管办", &case_page(own)),
            status: StatusCode::OK,
            leaves: line(Some("中院审管办"), "case.view", own),
        },
    ]);

    // Reports downloaded from /reports are exports: the document's name and format.
    steps.extend([
        Step {
            what: "a court leader downloads the October bulletin",
            act: page("院领导", "/reports/bulletin?month=2026-10&format=html"),
            status: StatusCode::OK,
            leaves: line(Some("院领导"), "export", "report 2026年10月质效通报.html"),
        },
        Step {
            what: "the office downloads a half-year summary",
            act: page(
                "审管办",
                "/reports/summary?from=2026-01-01&to=2026-06-30&format=xlsx",
            ),
            status: StatusCode::OK,
            leaves: line(
                Some("审管办"),
                "export",
                "report 2026-01-01至2026-06-30工作总结.xlsx",
            ),
        },
        Step {
            what: "a report in a format there is not",
            act: page("院领导", "/reports/bulletin?month=2026-10&format=pdf"),
            status: StatusCode::BAD_REQUEST,
            leaves: None,
        },
        Step {
            what: "the reports page itself",
            act: page("院领导", "/reports"),
            status: StatusCode::OK,
            leaves: None,
        },
    ]);

    // Imports: only what was written is audited — a dry run and a refused file change nothing.
    steps.extend([
        Step {
            what: "the office checks a file by the API (dry run)",
            act: Act::ApiImport {
                who: "审管办",
                query: "dry_run=true",
                csv: TWO_CASES,
            },
            status: StatusCode::OK,
            leaves: None,
        },
        Step {
            what: "the office imports it by the API",
            act: Act::ApiImport {
                who: "审管办",
                query: "",
                csv: TWO_CASES,
            },
            status: StatusCode::OK,
            leaves: line(
                Some("审管办"),
                "import",
                "upload.csv — added 2 updated 0 unchanged 0 events 0",
            ),
        },
        Step {
            what: "a file with a date that does not exist",
            act: Act::ApiImport {
                who: "审管办",
                query: "",
                csv: BAD_DATE,
            },
            status: StatusCode::OK,
            leaves: None,
        },
        Step {
            what: "a case of another court",
            act: Act::ApiImport {
                who: "审管办",
                query: "",
                csv: OTHER_COURT,
            },
            status: StatusCode::OK,
            leaves: None,
        },
        Step {
            what: "a judge may not import",
            act: Act::ApiImport {
                who: JUDGE,
                query: "",
                csv: TWO_CASES,
            },
            status: StatusCode::FORBIDDEN,
            leaves: None,
        },
        Step {
            what: "the import page checks an upload (dry run)",
            act: Act::Upload {
                who: "中院审管办",
                file: "十一月收案.csv",
                csv: MIXED,
            },
            status: StatusCode::OK,
            leaves: None,
        },
        Step {
            what: "confirmed without skipping the bad row: refused whole",
            act: Act::Confirm {
                who: "中院审管办",
                skip_invalid: false,
            },
            status: StatusCode::OK,
            leaves: None,
        },
        Step {
            what: "uploaded again",
            act: Act::Upload {
                who: "中院审管办",
                file: "十一月收案.csv",
                csv: MIXED,
            },
            status: StatusCode::OK,
            leaves: None,
        },
        Step {
            what: "confirmed, skipping the bad row: the user's file name, not the server's copy",
            act: Act::Confirm {
                who: "中院审管办",
                skip_invalid: true,
            },
            status: StatusCode::OK,
            leaves: line(
                Some("中院审管办"),
                "import",
                "十一月收案.csv — added 1 updated 0 unchanged 0 events 0",
            ),
        },
    ]);

    // The administrators' pages and the audit API: for administrators alone, and reading them
    // is not itself audited. Accounts are made with `shenguan user` only: no page changes them.
    for uri in ["/admin/audit", "/admin/users"] {
        steps.push(Step {
            what: "an administrator reads an administrators' page",
            act: page("管理员", uri),
            status: StatusCode::OK,
            leaves: None,
        });
        for who in ["院领导", "审管办", "庭长", JUDGE, "中院审管办"] {
            steps.push(Step {
                what: "any other role is refused an administrators' page",
                act: page(who, uri),
                status: StatusCode::FORBIDDEN,
                leaves: None,
            });
        }
    }
    steps.push(Step {
        what: "an administrator reads the audit API",
        act: api(Some("管理员"), "/api/v1/audit"),
        status: StatusCode::OK,
        leaves: None,
    });
    for who in ["院领导", "审管办", "庭长", JUDGE, "中院审管办"] {
        steps.push(Step {
            what: "any other role is refused the audit API",
            act: api(Some(who), "/api/v1/audit"),
            status: StatusCode::FORBIDDEN,
            leaves: None,
        });
    }
    steps
}

#[tokio::test]
async fn every_audited_action_on_the_web_leaves_one_line() {
    let mut desk = Desk {
        world: world::fresh_world(),
        sessions: HashMap::new(),
        uploads: HashMap::new(),
    };
    let steps = day_at_the_courts();
    let start = desk.audit_log().len();
    for step in &steps {
        desk.check(step).await;
    }
    let audited = steps.iter().filter(|s| s.leaves.is_some()).count();
    // 6 sign-ins (管理员, 审管办, 院领导, 庭长, 欧阳明, 中院审管办) + 6 failed ones (审管办,
    // 无此人, 司马雪 × 4) + 1 refused try (司马雪) + 4 case views + 2 reports + 2 imports = 21
    // lines.
    assert_eq!(audited, 21);
    let log = desk.audit_log();
    assert_eq!(log.len(), start + audited);

    // The API shows the newest 200 lines as the store holds them, newest first.
    let admin = desk.account("管理员").token.clone();
    let (status, body) = desk.world.get("/api/v1/audit", Some(&admin)).await;
    assert_eq!(status, StatusCode::OK);
    let shown = body["entries"].as_array().expect("entries");
    assert_eq!(shown.len(), log.len().min(200));
    for (entry, stored) in shown.iter().zip(&log) {
        assert_eq!(entry["at"], stored.at.as_str());
        assert_eq!(entry["user"].as_str(), stored.user.as_deref());
        assert_eq!(entry["action"], stored.action.as_str());
        assert_eq!(entry["detail"], stored.detail.as_str());
    }

    // The page filters by action: the failed logins and nothing else.
    let cookie = desk.session("管理员").to_string();
    let (_, failed) = desk
        .world
        .page("/admin/audit?action=login.failed", &cookie)
        .await;
    // 审管办 once, 无此人 once, 司马雪 four times.
    assert_eq!(body_rows(&failed), 6, "{failed}");
    assert_eq!(
        failed.matches(" · login.failed</td>").count(),
        6,
        "{failed}"
    );
    let (_, views) = desk
        .world
        .page(&format!("/admin/audit?user={}", encode(JUDGE)), &cookie)
        .await;
    // 欧阳明 signed in and opened two cases: three rows.
    assert_eq!(body_rows(&views), 3, "{views}");

    // Neither a password nor a token, right or wrong, is in any line.
    let mut secrets = vec![PASSWORD.to_string(), WRONG.to_string()];
    secrets.extend(
        desk.world
            .accounts()
            .iter()
            .map(|a| a.token[3..].to_string()),
    );
    for entry in &log {
        for secret in &secrets {
            assert!(!entry.detail.contains(secret.as_str()), "{entry:?}");
            assert!(
                !entry
                    .user
                    .as_deref()
                    .unwrap_or("")
                    .contains(secret.as_str())
            );
        }
    }
}

/// The rows of a page's (first) table body.
fn body_rows(page: &str) -> usize {
    page.split("<tbody>")
        .nth(1)
        .and_then(|rest| rest.split("</tbody>").next())
        .map_or(0, |body| body.matches("<tr>").count())
}

#[tokio::test]
async fn the_audit_page_names_the_actions_the_log_holds() {
    let world = world::world();
    let cookie = world.sign_in(&world.admin).await;
    let (status, page) = world.page("/admin/audit", &cookie).await;
    assert_eq!(status, StatusCode::OK);
    // The filter offers exactly the actions the program writes, so that an administrator
    // chooses rather than guesses.
    let named: Vec<&str> = page
        .split("<select name=\"action\">")
        .nth(1)
        .unwrap_or_default()
        .split("<option value=\"")
        .skip(2)
        .filter_map(|option| option.split('"').next())
        .collect();
    assert_eq!(
        named,
        [
            "login",
            "login.failed",
            "login.throttled",
            "import",
            "export",
            "user.add",
            "user.password",
            "user.disable",
            "user.enable",
            "token.create",
            "token.revoke",
            "case.view",
            "supervision.open",
            "supervision.reply",
            "supervision.close",
            "supervision.return",
            "supervision.escalate",
            "zhongben.review",
            "limit.apply",
            "limit.approve",
            "limit.refuse",
            "petition.register",
            "petition.accept",
            "petition.route",
            "petition.extend",
            "petition.reply",
            "petition.rate",
            "petition.ask_review",
            "petition.answer_review",
            "petition.ask_recheck",
            "petition.answer_recheck",
            "petition.resolve",
            "petition.end",
            "petition.stop",
            "review.plan",
            "review.submit",
            "review.object",
            "review.decide",
            "review.outcome",
            "review.recuse",
            "review.flag",
            "review.assign",
            "allocation.draw",
            "allocation.designate",
            "allocation.change",
            "allocation.exclude",
            "allocation.leave",
            "service.task",
            "service.attempt",
            "service.settle",
            "service.assign",
            "service.confirmation",
            "service.import"
        ],
        "{page}"
    );
    // The world's accounts and tokens were made at its start: filtering finds those lines.
    let (_, tokens) = world
        .page("/admin/audit?action=token.create", &cookie)
        .await;
    assert_eq!(
        tokens.matches(" · token.create</td>").count(),
        world.accounts().len()
    );
    // The total under the table counts the lines shown.
    assert!(
        tokens.contains(&format!("合计 {}", world.accounts().len())),
        "{tokens}"
    );
    // An action not on the list is refused, and said back as text.
    let (status, refused) = world
        .page("/admin/audit?action=%3Cscript%3Ex", &cookie)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        refused.contains("&lt;script&gt;x") && !refused.contains("<script>"),
        "{refused}"
    );
}

/// The lowercase hex SHA-256 of `text`, worked out here rather than by the program.
fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[tokio::test]
async fn passwords_and_tokens_rest_as_hashes_and_never_show() {
    let world = world::world();
    let mut store = world.direct_store();
    let users = store.users().expect("the accounts");
    assert_eq!(users.len(), world.accounts().len());
    for user in &users {
        assert!(
            user.password_hash.starts_with("$argon2id$"),
            "{}: {}",
            user.name,
            user.password_hash
        );
        assert!(!user.password_hash.contains(PASSWORD), "{}", user.name);
    }
    for account in world.accounts() {
        let owner = store
            .user_by_token(&sha256_hex(&account.token))
            .expect("read");
        assert_eq!(owner.map(|(u, _)| u.name), Some(account.name.clone()));
        assert_eq!(store.user_by_token(&account.token).expect("read"), None);
    }

    // The accounts page lists the accounts and none of their secrets.
    let cookie = world.sign_in(&world.admin).await;
    let (status, page) = world.page("/admin/users", &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("$argon2"), "{page}");
    for account in world.accounts() {
        assert!(page.contains(&format!("<td>{}</td>", account.name)));
        assert!(!page.contains(&account.token[3..]));
        assert!(!page.contains(&sha256_hex(&account.token)));
    }
    assert!(!page.contains(PASSWORD));
}
