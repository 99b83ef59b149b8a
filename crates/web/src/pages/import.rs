//! 导入: upload a case or event file, see the validation report (every bad row with file, row,
//! column, value and reason), then confirm — all or nothing, or the good rows with the bad ones
//! skipped. The upload waits in a folder of the server's own until it is confirmed, replaced or
//! an hour old; only the user who sent it may confirm it. After an import the indicators are
//! computed from the store's new contents (when the server reads its columns from the store).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::Form;
use axum::extract::{Multipart, State};
use axum::response::Response;
use maud::{Markup, html};
use shenguan_app::accounts::new_secret;
use shenguan_app::imports::{ChangeReport, ImportOutcome, ImportRequest};
use shenguan_app::{AppError, Text, text};

use super::{Asked, Ctx, Lang, signed_in};
use crate::auth::blocking;
use crate::upload::UploadDir;
use crate::{ApiError, Server};

/// Validation errors listed on the report page.
const ERRORS_SHOWN: usize = 200;

/// How long an upload waits for its confirmation; older ones are removed at the next upload.
const UPLOAD_LIFE: std::time::Duration = std::time::Duration::from_secs(3600);

/// A file waiting for its confirmation.
#[derive(Debug)]
struct Upload {
    user: String,
    at: std::time::Instant,
    /// The name the user's file had (shown and audited).
    name: String,
    dir: PathBuf,
    path: PathBuf,
    sheet: Option<String>,
}

/// The files waiting: one per user (a new upload replaces the last).
#[derive(Debug, Default)]
pub(crate) struct Uploads {
    waiting: Mutex<HashMap<String, Upload>>,
}

impl Uploads {
    fn put(&self, id: String, upload: Upload) {
        let mut waiting = match self.waiting.lock() {
            Ok(w) => w,
            Err(poisoned) => poisoned.into_inner(),
        };
        // The user's earlier upload is replaced; anyone's forgotten one expires.
        let replaced: Vec<String> = waiting
            .iter()
            .filter(|(_, u)| u.user == upload.user || u.at.elapsed() > UPLOAD_LIFE)
            .map(|(id, _)| id.clone())
            .collect();
        for old in replaced {
            if let Some(u) = waiting.remove(&old) {
                let _ = std::fs::remove_dir_all(&u.dir);
            }
        }
        waiting.insert(id, upload);
    }

    fn take(&self, id: &str, user: &str) -> Option<Upload> {
        let mut waiting = match self.waiting.lock() {
            Ok(w) => w,
            Err(poisoned) => poisoned.into_inner(),
        };
        match waiting.get(id) {
            Some(u) if u.user == user && u.at.elapsed() <= UPLOAD_LIFE => waiting.remove(id),
            _ => None,
        }
    }
}

impl Drop for Uploads {
    fn drop(&mut self) {
        if let Ok(waiting) = self.waiting.lock() {
            for upload in waiting.values() {
                let _ = std::fs::remove_dir_all(&upload.dir);
            }
        }
    }
}

fn upload_form(ctx: &Ctx) -> Markup {
    html! {
        form method="post" action="/import" enctype="multipart/form-data" {
            input type="hidden" name="csrf" value=(ctx.csrf);
            p { label { (ctx.t("文件（CSV、XLSX、Parquet）", "File (CSV, XLSX, Parquet)")) " "
                input type="file" name="file" accept=".csv,.xlsx,.parquet" required; } }
            p { label { (ctx.t("工作表（XLSX，默认第一个）", "Sheet (XLSX; the first by default)")) " "
                input name="sheet" size="12"; } }
            p { button { (ctx.t("上传并校验", "Upload and check")) } }
        }
        p.muted { (ctx.t(
            "案件表、节点表、人员名单、当事人表或执行款表，中文或英文表头，UTF-8 或 GBK。证件号码只保存为脱敏号码和身份标识。先校验、后确认：确认前不写入任何数据。",
            "A cases, events, staff, parties or payments file, Chinese or English headers, UTF-8 or GBK. Identity numbers are kept only masked and as a key. Checked first; nothing is written until you confirm."
        )) }
    }
}

/// A plain table of text cells with a 合计 line at its foot (the import pages answer a form
/// post: their tables have no links to sort, page or export).
fn simple_table(ctx: &Ctx, header: &[&str], rows: &[Vec<String>], total: usize) -> Markup {
    html! {
        table {
            thead { tr { @for h in header { th { (h) } } } }
            tbody { @for row in rows { tr { @for cell in row { td { (cell) } } } } }
            tfoot { tr { td colspan=(header.len()) {
                (ctx.t("合计", "Total")) " " (total)
                @if total > rows.len() {
                    (ctx.t("（显示前", " (the first ")) (rows.len()) (ctx.t("项）", " shown)"))
                }
            } } }
        }
    }
}

/// `GET /import`.
pub(crate) async fn import_page(State(server): State<Arc<Server>>, asked: Asked) -> Response {
    signed_in(server, asked, |_, ctx| async move {
        ctx.user.import_scope()?;
        let body = html! { h1 { (ctx.t("导入", "Import")) } (upload_form(&ctx)) };
        Ok(ctx.page(ctx.t("导入", "Import"), body))
    })
    .await
}

/// `POST /import` (multipart): keeps the file, validates it, shows the report and the
/// confirmation form.
pub(crate) async fn import_upload(
    State(server): State<Arc<Server>>,
    asked: Asked,
    multipart: Multipart,
) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        // The session was checked before this: no byte of the upload is read for a stranger.
        let within = ctx.user.import_scope()?;
        let dir = server.upload_place.new_dir()?;
        let UploadForm {
            name,
            extension,
            sheet,
        } = read_form(multipart, &ctx.csrf, &dir, server.upload_place.limit()).await?;
        let id = new_secret();
        let path = dir.path().join(format!("upload.{extension}"));
        let request = ImportRequest {
            files: vec![path.clone()],
            sheet: sheet.clone(),
            dry_run: true,
            within,
            named: Some(name.clone()),
            ..ImportRequest::default()
        };
        let checking = Arc::clone(&server);
        let outcome = blocking(move || {
            checking.with_store(|app, store| app.import(store, &request, &mut |_| {}))
        })
        .await??;
        server.uploads.put(
            id.clone(),
            Upload {
                user: ctx.user.name.clone(),
                at: std::time::Instant::now(),
                name: name.clone(),
                dir: dir.keep(),
                path,
                sheet,
            },
        );
        let body = html! {
            h1 { (ctx.t("导入校验", "Import check")) }
            (report(&ctx, &name, &outcome))
            (confirm_form(&ctx, &id, &outcome))
        };
        Ok(ctx.page(ctx.t("导入校验", "Import check"), body))
    })
    .await
}

/// What the upload form sent besides the file: the file's name and its kind (by extension), the
/// sheet.
struct UploadForm {
    name: String,
    extension: String,
    sheet: Option<String>,
}

/// Reads the form, writing its file into `dir` as `upload.<extension>` as it arrives (at most
/// `limit` bytes). The form token comes first (the form puts it before the file): a file before
/// it, or a token that is not the session's, is refused before any byte of the file is read.
async fn read_form(
    mut multipart: Multipart,
    session_csrf: &str,
    dir: &UploadDir,
    limit: u64,
) -> Result<UploadForm, ApiError> {
    let bad = |why: Text| upload_failed(&why);
    let expired = || {
        ApiError::forbidden(text!(
            "表单已失效，请重新打开导入页",
            "the form expired: open the import page again"
        ))
    };
    let (mut file, mut sheet, mut csrf_seen) = (None, None, false);
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| bad(Text::same(e.to_string())))?
    {
        match field.name() {
            Some("file") if file.is_none() => {
                if !csrf_seen {
                    return Err(expired());
                }
                let name: String = field
                    .file_name()
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .ok_or_else(|| bad(text!("没有选择文件", "no file chosen")))?
                    .chars()
                    .take(MAX_NAME_CHARS)
                    .collect();
                let extension = name
                    .rsplit_once('.')
                    .map(|(_, e)| e.to_ascii_lowercase())
                    .filter(|e| ["csv", "xlsx", "parquet"].contains(&e.as_str()))
                    .ok_or_else(|| {
                        ApiError::from(AppError::Invalid(text!(
                            "{name}: 只能导入 .csv、.xlsx、.parquet 文件",
                            "{name}: only .csv, .xlsx and .parquet files can be imported"
                        )))
                    })?;
                let written = dir
                    .receive_field(&format!("upload.{extension}"), &mut field, limit)
                    .await?;
                if written == 0 {
                    return Err(bad(text!("{name} 是空文件", "{name} is empty")));
                }
                file = Some((name, extension));
            }
            Some("sheet") => {
                let text = small_text(&mut field).await?;
                sheet = Some(text.trim().chars().take(MAX_NAME_CHARS).collect::<String>())
                    .filter(|s| !s.is_empty());
            }
            Some("csrf") => {
                let csrf = small_text(&mut field).await?;
                if csrf.is_empty() || csrf != session_csrf {
                    return Err(expired());
                }
                csrf_seen = true;
            }
            _ => {}
        }
    }
    let (name, extension) = file.ok_or_else(|| bad(text!("没有选择文件", "no file chosen")))?;
    Ok(UploadForm {
        name,
        extension,
        sheet,
    })
}

/// A file or sheet name longer than this is cut: it is shown and audited, never used as a path.
const MAX_NAME_CHARS: usize = 200;

/// The most a form's text field (the sheet, the form token) may hold: the upload routes have no
/// body limit of their own, so a field is read a piece at a time and refused past this.
const MAX_TEXT_FIELD: usize = 4096;

/// A text field of the form, at most [`MAX_TEXT_FIELD`] bytes of UTF-8.
async fn small_text(field: &mut axum::extract::multipart::Field<'_>) -> Result<String, ApiError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field
        .chunk()
        .await
        .map_err(|e| upload_failed(&Text::same(e.to_string())))?
    {
        if bytes.len() + chunk.len() > MAX_TEXT_FIELD {
            return Err(upload_failed(&text!(
                "表单字段过长",
                "a form field is too long"
            )));
        }
        bytes.extend_from_slice(&chunk);
    }
    String::from_utf8(bytes).map_err(|_| {
        upload_failed(&text!(
            "表单字段不是 UTF-8 文本",
            "a form field is not UTF-8 text"
        ))
    })
}

/// An upload the form did not carry whole, and why.
fn upload_failed(why: &Text) -> ApiError {
    let (zh, en) = (why.zh(), why.en());
    ApiError::from(AppError::Invalid(text!(
        "上传失败：{zh}",
        "the upload failed: {en}"
    )))
}

/// What service files (送达记录, 送达地址确认书, 邮寄结果) add, settle or find as stored — to be written
/// (a check) or written.
fn service_counts(
    ctx: &Ctx,
    s: shenguan_app::imports::ServiceImportCounts,
    written: bool,
) -> String {
    let (tasks, attempts, settled, confirmations, unchanged) = (
        s.tasks_added,
        s.attempts_added,
        s.attempts_settled,
        s.confirmations_added,
        s.unchanged,
    );
    match (ctx.lang, written) {
        (Lang::Zh, false) => format!(
            "送达：将新增送达任务{tasks}件、送达记录{attempts}条，补记结果{settled}条，送达地址确认书{confirmations}份；已有且未变{unchanged}项。"
        ),
        (Lang::Zh, true) => format!(
            "送达：已新增送达任务{tasks}件、送达记录{attempts}条，补记结果{settled}条，送达地址确认书{confirmations}份；已有且未变{unchanged}项。"
        ),
        (Lang::En, false) => format!(
            "Service: {tasks} tasks and {attempts} attempts to add, {settled} results to record, {confirmations} address confirmations; {unchanged} held already and unchanged."
        ),
        (Lang::En, true) => format!(
            "Service: {tasks} tasks and {attempts} attempts added, {settled} results recorded, {confirmations} address confirmations; {unchanged} held already and unchanged."
        ),
    }
}

/// Whether an outcome has service records to write.
fn service_to_write(outcome: &ImportOutcome) -> bool {
    outcome.service.is_some_and(|s| {
        s.tasks_added + s.attempts_added + s.attempts_settled + s.confirmations_added > 0
    })
}

/// What the validation found: counts, warnings, and the bad rows.
fn report(ctx: &Ctx, name: &str, outcome: &ImportOutcome) -> Markup {
    let counts = match ctx.lang {
        Lang::Zh => format!(
            "{name}：读取{}行，有效案件{}件、流程节点{}条，错误{}处。",
            outcome.rows_read,
            outcome.cases_valid,
            outcome.events_valid,
            outcome.errors.len()
        ),
        Lang::En => format!(
            "{name}: {} rows read, {} valid cases and {} valid events, {} errors.",
            outcome.rows_read,
            outcome.cases_valid,
            outcome.events_valid,
            outcome.errors.len()
        ),
    };
    let rows: Vec<Vec<String>> = outcome
        .errors
        .iter()
        .take(ERRORS_SHOWN)
        .map(|e| {
            vec![
                name.to_string(),
                e.row.to_string(),
                e.column.clone(),
                e.value.clone(),
                ctx.t(&e.reason_zh, &e.reason_en).to_string(),
            ]
        })
        .collect();
    let header = [
        ctx.t("文件", "File"),
        ctx.t("行", "Row"),
        ctx.t("列", "Column"),
        ctx.t("值", "Value"),
        ctx.t("原因", "Reason"),
    ];
    html! {
        p { (counts) }
        @if let Some(service) = outcome.service {
            p { (service_counts(ctx, service, outcome.written.is_some())) }
        }
        ul.muted { @for w in &outcome.warnings { li { (w.get(ctx.lang)) } } }
        @if !rows.is_empty() { (simple_table(ctx, &header, &rows, outcome.errors.len())) }
        (changes(ctx, &outcome.changes))
    }
}

/// What the rows change in the store: cases added, updated, unchanged; per column how many
/// stored values change (and are cleared); the first changes.
fn changes(ctx: &Ctx, report: &ChangeReport) -> Markup {
    let counts = match ctx.lang {
        Lang::Zh => format!(
            "与数据库比较：新增{}件、更新{}件、未变{}件；文件中没有的列保留原值。",
            report.added, report.updated, report.unchanged
        ),
        Lang::En => format!(
            "Against the store: {} new, {} updated, {} unchanged cases; columns the file lacks keep their stored values.",
            report.added, report.updated, report.unchanged
        ),
    };
    if report.per_field.is_empty() {
        return html! { p { (counts) } };
    }
    let chinese = ctx.lang == Lang::Zh;
    let columns: Vec<Vec<String>> = report
        .per_field
        .iter()
        .map(|(field, (changed, cleared))| {
            vec![
                field.header(chinese).to_string(),
                changed.to_string(),
                cleared.to_string(),
            ]
        })
        .collect();
    let none = ctx.t("（空）", "(none)");
    let shown = |v: &str| {
        if v.is_empty() {
            none.to_string()
        } else {
            v.to_string()
        }
    };
    let first: Vec<Vec<String>> = report
        .examples
        .iter()
        .map(|c| {
            vec![
                c.case_no.clone(),
                c.field.header(chinese).to_string(),
                shown(&c.old),
                shown(&c.new),
            ]
        })
        .collect();
    html! {
        p { (counts) }
        (simple_table(ctx, &[ctx.t("列", "Column"), ctx.t("更改的值", "Values changed"), ctx.t("其中清空", "Of which cleared")], &columns, columns.len()))
        p { (ctx.t("前几处更改", "First changes")) }
        (simple_table(ctx, &[ctx.t("案号", "Case number"), ctx.t("列", "Column"), ctx.t("原值", "Stored"), ctx.t("新值", "New")], &first, first.len()))
    }
}

fn confirm_form(ctx: &Ctx, id: &str, outcome: &ImportOutcome) -> Markup {
    let nothing = outcome.cases_valid + outcome.events_valid == 0 && !service_to_write(outcome);
    if nothing {
        return html! {
            p.below { (ctx.t("没有可导入的行。", "Nothing can be imported.")) }
            (upload_form(ctx))
        };
    }
    html! {
        form method="post" action="/import/confirm" {
            input type="hidden" name="csrf" value=(ctx.csrf);
            input type="hidden" name="upload" value=(id);
            @if !outcome.errors.is_empty() {
                p.below { (ctx.t(
                    "有错误行：整体导入会被拒绝。可修正文件后重新上传，或跳过错误行只导入正确的行。",
                    "There are bad rows: the import as a whole would be refused. Fix the file and upload it again, or skip the bad rows."
                )) }
                p { label {
                    input type="checkbox" name="skip_invalid" value="1" required;
                    " " (ctx.t("跳过错误行，只导入正确的行", "Skip the bad rows, import the good ones"))
                } }
            }
            p { button { (ctx.t("确认导入", "Confirm the import")) } }
        }
    }
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct ConfirmForm {
    csrf: String,
    upload: String,
    #[serde(default)]
    skip_invalid: Option<String>,
}

/// `POST /import/confirm`: imports the waiting file, writes the audit line, refreshes the
/// indicators' columns.
pub(crate) async fn import_confirm(
    State(server): State<Arc<Server>>,
    asked: Asked,
    Form(form): Form<ConfirmForm>,
) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        let within = ctx.user.import_scope()?;
        if form.csrf != ctx.csrf {
            return Err(ApiError::forbidden(text!("表单已失效", "the form expired")));
        }
        let upload = server.uploads.take(&form.upload, &ctx.user.name).ok_or_else(|| {
            ApiError::not_found(&text!(
                "待确认的上传文件",
                "upload waiting for confirmation"
            ))
        })?;
        let request = ImportRequest {
            files: vec![upload.path.clone()],
            sheet: upload.sheet.clone(),
            skip_invalid: form.skip_invalid.is_some(),
            rejects: Some(upload.dir.join("rejects.csv")),
            within,
            by: Some(ctx.user.name.clone()),
            named: Some(upload.name.clone()),
            ..ImportRequest::default()
        };
        let importing = Arc::clone(&server);
        let done = blocking(move || importing.import(&request)).await?;
        let _ = std::fs::remove_dir_all(&upload.dir);
        let (outcome, refreshed) = done?;
        let written = match (&outcome.written, ctx.lang) {
            (Some(s), Lang::Zh) => format!(
                "已导入：新增{}件，更新{}件，未变{}件，流程节点{}条；跳过错误行{}处。",
                s.added, s.updated, s.unchanged, s.events_added, outcome.errors.len()
            ),
            (Some(s), Lang::En) => format!(
                "Imported: {} added, {} updated, {} unchanged, {} events; {} bad rows skipped.",
                s.added, s.updated, s.unchanged, s.events_added, outcome.errors.len()
            ),
            (None, _) => ctx
                .t("有错误行，未写入任何数据。", "There were bad rows; nothing was written.")
                .to_string(),
        };
        let records = match (&outcome.written, ctx.lang) {
            (Some(s), Lang::Zh) if s.records.supervision_total() > 0 => format!(
                "督办事项{}件、审限变更申请{}件、终本评查{}件已写入（新增或有新进展）。",
                s.records.items_added + s.records.items_updated,
                s.records.requests_added + s.records.requests_decided,
                s.records.findings_written
            ),
            (Some(s), Lang::En) if s.records.supervision_total() > 0 => format!(
                "Written (new, or taken further): {} supervision items, {} time-limit applications, {} 终本 reviews.",
                s.records.items_added + s.records.items_updated,
                s.records.requests_added + s.records.requests_decided,
                s.records.findings_written
            ),
            _ => String::new(),
        };
        let register = match (&outcome.written, ctx.lang) {
            (Some(s), Lang::Zh) if s.records.petitions.added + s.records.petitions.updated + s.records.notice_rows + s.records.assistance.added + s.records.assistance.updated > 0 => format!(
                "信访登记新增{}件、更新{}件；省法院信访通报写入{}行；司法救助新增{}件、更新{}件。",
                s.records.petitions.added, s.records.petitions.updated, s.records.notice_rows,
                s.records.assistance.added, s.records.assistance.updated
            ),
            (Some(s), Lang::En) if s.records.petitions.added + s.records.petitions.updated + s.records.notice_rows + s.records.assistance.added + s.records.assistance.updated > 0 => format!(
                "Petition register: {} added, {} updated; high court notice: {} rows written; judicial assistance: {} added, {} updated.",
                s.records.petitions.added, s.records.petitions.updated, s.records.notice_rows,
                s.records.assistance.added, s.records.assistance.updated
            ),
            _ => String::new(),
        };
        let refreshed = if outcome.written.is_none() {
            ""
        } else if refreshed {
            ctx.t("指标已按新数据重新计算。", "The indicators now include the new data.")
        } else {
            ctx.t(
                "本服务从指标快照读取案件：重建快照（shenguan metrics snapshot）并重启后，指标才包含本次导入。",
                "This server reads its cases from a snapshot: rebuild it (shenguan metrics snapshot) and restart for the indicators to include this import."
            )
        };
        let body = html! {
            h1 { (ctx.t("导入结果", "Import result")) }
            (report(&ctx, &upload.name, &outcome))
            p { (written) }
            @if !records.is_empty() {
                p { (records) }
            }
            @if !register.is_empty() {
                p { (register) }
            }
            p.muted { (refreshed) }
            p { a href="/import" { (ctx.t("继续导入", "Import another file")) } }
        };
        Ok(ctx.page(ctx.t("导入结果", "Import result"), body))
    })
    .await
}
