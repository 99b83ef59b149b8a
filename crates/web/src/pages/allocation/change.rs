//! 变更承办法官: the form that moves an allocated case to another judge of the court, with the
//! reason and who approved it (`App::change_allocated_judge`, logged and audited), on the desk.

use std::sync::Arc;

use axum::Form;
use axum::extract::State;
use axum::response::Response;
use maud::{Markup, html};
use shenguan_app::AppError;
use shenguan_domain::CaseNumber;

use super::form::{Forms, Shown, desk};
use super::{field, form_page, named, refuse_unless_allocator, staff_names};
use crate::auth::blocking;
use crate::pages::{Asked, Ctx, Here, Lang, same_form};
use crate::{ApiError, Server};

/// The change form, filled with `kept`.
pub(super) fn change_form(ctx: &Ctx, kept: &[(String, String)]) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let value = |name: &str| field(kept, name);
    html! {
        form method="post" action="/assignments/change" {
            input type="hidden" name="csrf" value=(ctx.csrf);
            dl {
                dt { (t("案号", "Case number")) }
                dd { input name="case_no" size="28" maxlength="64" required value=(value("case_no")); }
                dt { (t("新承办法官工号", "New judge's staff number")) }
                dd { input name="judge" size="12" maxlength="32" required value=(value("judge")); }
                dt { (t("变更理由", "Reason")) }
                dd { input name="reason" size="40" maxlength="200" required value=(value("reason")); }
                dt { (t("审批人", "Approved by")) }
                dd { input name="approver" size="16" maxlength="50" required value=(value("approver")); }
            }
            p { button { (t("变更承办法官", "Change the judge")) } }
        }
    }
}

/// `POST /assignments/change`: moves the form's case to the judge it names; then the desk with
/// what was done, or the form again with why it was refused.
pub(crate) async fn change_judge(
    State(server): State<Arc<Server>>,
    asked: Asked,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    form_page(server, asked, |server, mut ctx| async move {
        refuse_unless_allocator(&ctx)?;
        same_form(&ctx, &field(&pairs, "csrf"))?;
        ctx.here = Here::at("/assignments");
        let done = changed(&server, &ctx, &pairs).await;
        let (status, change) = Shown::after(&ctx, done, pairs);
        let forms = Forms {
            change,
            ..Forms::default()
        };
        Ok((status, desk(&server, &ctx, forms).await?))
    })
    .await
}

/// Changes the judge; what was done, to say over the form.
async fn changed(
    server: &Arc<Server>,
    ctx: &Ctx,
    pairs: &[(String, String)],
) -> Result<Markup, ApiError> {
    let asked = field(pairs, "case_no");
    if asked.chars().count() > 64 {
        return Err(ApiError::from(AppError::invalid_for(
            "case_no",
            &shenguan_app::text!("案号过长", "the case number is too long"),
        )));
    }
    let this_year = chrono::Datelike::year(&server.app.today());
    let case_no = CaseNumber::parse(&asked, this_year)
        .map_err(|e| ApiError::from(AppError::invalid_for("case_no", &e.text())))?
        .to_string();
    let (to, reason, approver) = (
        field(pairs, "judge"),
        field(pairs, "reason"),
        field(pairs, "approver"),
    );
    let user = ctx.user.clone();
    let writing = Arc::clone(server);
    let number = case_no.clone();
    let row = blocking(move || {
        writing.with_writer(|app, store| {
            app.change_allocated_judge(store, &user, &number, &to, &reason, &approver)
        })
    })
    .await??;
    let names = staff_names(server).await?;
    let judge = row
        .judge
        .as_deref()
        .map(|j| named(&names, j))
        .unwrap_or_default();
    Ok(html! {
        p.within {
            @match ctx.lang {
                Lang::Zh => { "已将" (case_no) "的承办法官变更为" (judge) "。" }
                Lang::En => { "The judge of " (case_no) " is now " (judge) "." }
            }
        }
    })
}
