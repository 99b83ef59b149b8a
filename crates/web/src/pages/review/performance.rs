//! A judge's performance file (业绩档案, `/reviews/judges/{key}`): every review of their cases,
//! with its findings, the objection, the decision and any accountability outcome — read by the
//! judge, the head of the case's division and the court's office and leaders.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use maud::html;

use super::super::{Asked, Lang, signed_in};
use super::case::file_view;
use super::case_href;
use crate::Server;
use crate::auth::blocking;

/// `GET /reviews/judges/{key}`.
pub(crate) async fn performance_page(
    State(server): State<Arc<Server>>,
    Path(key): Path<String>,
    asked: Asked,
) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        let user = ctx.user.clone();
        let reading = Arc::clone(&server);
        let judge = key.clone();
        let (entries, names) = blocking(move || {
            reading.with_store(|app, store| {
                let entries = app.performance_file(store, &user, &judge)?;
                Ok::<_, shenguan_app::AppError>((entries, app.staff_names(store)?))
            })
        })
        .await??;
        let t = |zh, en| ctx.t(zh, en);
        let name = entries
            .iter()
            .find_map(|e| e.record.judge.clone())
            .unwrap_or_else(|| key.clone());
        let title = format!("{name} {}", t("业绩档案", "performance file"));
        let errors = entries.iter().filter(|e| e.final_error).count();
        let body = html! {
            h1 { (title) }
            p {
                @match ctx.lang {
                    Lang::Zh => { "经评查案件" (entries.len()) "件，其中结论已确定为差错的" (errors) "件。" }
                    Lang::En => { (entries.len()) " cases reviewed, " (errors) " of them final as errors." }
                }
            }
            @for entry in &entries {
                section.review {
                    h2 {
                        a href=(case_href(entry.plan_id, &entry.record.case_no.to_string())) { (entry.record.case_no) }
                        " " span.muted { (entry.plan_name) }
                    }
                    (file_view(&ctx, &entry.file, &names))
                }
            }
            p { a href="/reviews" { (t("返回案件评查", "Back to review")) } }
        };
        Ok(ctx.page(&title, body))
    })
    .await
}
