//! 申报回避、利害关系或休假: the desk's form for what keeps a judge from the draw — a recusal from a
//! case, a relationship with a party or lawyer, or leave over some days — declared by the office
//! for a judge of the court (`App::declare_exclusion`, `App::declare_leave`; audited).

use std::sync::Arc;

use axum::Form;
use axum::extract::State;
use axum::response::Response;
use maud::{Markup, html};
use shenguan_app::{AppError, text};

use super::field;
use super::form::{Forms, Shown, desk};
use super::{form_page, refuse_unless_allocator};
use crate::auth::blocking;
use crate::pages::{Asked, Ctx, Here, Lang, same_form};
use crate::{ApiError, Server};

/// The kinds of declaration the form offers, with their words.
const KINDS: [(&str, &str, &str); 3] = [
    ("recusal", "回避（填案号）", "Recusal (a case number)"),
    (
        "relationship",
        "利害关系（填当事人或代理人）",
        "Relationship (a party or lawyer)",
    ),
    (
        "leave",
        "休假（填起止日期）",
        "Leave (its first and last days)",
    ),
];

/// The declaration form, filled with `kept`.
pub(super) fn declare_form(ctx: &Ctx, kept: &[(String, String)]) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let value = |name: &str| field(kept, name);
    let kind = value("kind");
    html! {
        form method="post" action="/assignments/declare" {
            input type="hidden" name="csrf" value=(ctx.csrf);
            dl {
                dt { (t("法官工号", "Judge's staff number")) }
                dd { input name="staff" size="12" maxlength="32" required value=(value("staff")); }
                dt { (t("申报事项", "What is declared")) }
                dd {
                    select name="kind" {
                        @for (key, zh, en) in KINDS {
                            option value=(key) selected[kind == key] { (t(zh, en)) }
                        }
                    }
                }
                dt { (t("案号或当事人、代理人", "Case number, or party or lawyer")) }
                dd { input name="party" size="28" maxlength="100" value=(value("party")); }
                dt { (t("休假起止", "Leave from, to")) }
                dd {
                    input type="date" name="from" value=(value("from"));
                    " " (t("至", "to")) " "
                    input type="date" name="to" value=(value("to"));
                }
                dt { (t("事由", "Reason")) }
                dd { input name="reason" size="40" maxlength="200" required value=(value("reason")); }
                dt { (t("休假审批人", "Leave approved by")) }
                dd { input name="approver" size="16" maxlength="50" value=(value("approver")); }
            }
            p { button { (t("申报", "Declare")) } }
        }
    }
}

/// `POST /assignments/declare`: records the form's declaration; then the desk with what was
/// done, or the form again with why it was refused.
pub(crate) async fn declare(
    State(server): State<Arc<Server>>,
    asked: Asked,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    form_page(server, asked, |server, mut ctx| async move {
        refuse_unless_allocator(&ctx)?;
        same_form(&ctx, &field(&pairs, "csrf"))?;
        ctx.here = Here::at("/assignments");
        let done = declared(&server, &ctx, &pairs).await;
        let (status, declaration) = Shown::after(&ctx, done, pairs);
        let forms = Forms {
            declaration,
            ..Forms::default()
        };
        Ok((status, desk(&server, &ctx, forms).await?))
    })
    .await
}

/// A date field read, or an error naming it.
fn day(pairs: &[(String, String)], name: &str) -> Result<chrono::NaiveDate, ApiError> {
    shenguan_domain::parse_date(&field(pairs, name))
        .map_err(|e| ApiError::from(AppError::invalid_for(name, &e.text())))
}

/// Records the declaration; what was done, to say over the form.
async fn declared(
    server: &Arc<Server>,
    ctx: &Ctx,
    pairs: &[(String, String)],
) -> Result<Markup, ApiError> {
    let (staff, kind, party, reason, approver) = (
        field(pairs, "staff"),
        field(pairs, "kind"),
        field(pairs, "party"),
        field(pairs, "reason"),
        field(pairs, "approver"),
    );
    let days = if kind == "leave" {
        Some((day(pairs, "from")?, day(pairs, "to")?))
    } else {
        None
    };
    let user = ctx.user.clone();
    let writing = Arc::clone(server);
    let who = staff.clone();
    let new = blocking(move || {
        writing.with_writer(|app, store| match days {
            Some(days) => app
                .declare_leave(store, &user, &who, days, (&reason, &approver))
                .map(|()| true),
            None => app.declare_exclusion(store, &user, &who, &kind, &party, &reason),
        })
    })
    .await??;
    let said = if new {
        text!("已为工号{staff}申报。", "Declared for {staff}.")
    } else {
        text!(
            "工号{staff}此前已有相同申报。",
            "{staff} had declared this already."
        )
    };
    Ok(html! {
        p.within {
            @match ctx.lang {
                Lang::Zh => { (said.zh()) }
                Lang::En => { (said.en()) }
            }
        }
    })
}
