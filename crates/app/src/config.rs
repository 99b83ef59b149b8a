//! Configuration: defaults, then a TOML file, then `SHENGUAN_*` environment variables; the CLI
//! applies its flags last. Each option is documented once, here and in `shenguan.example.toml`.
//!
//! | option | file key | environment | default |
//! | --- | --- | --- | --- |
//! | file itself | — | `SHENGUAN_CONFIG` | `shenguan.toml` in the working folder, if present |
//! | move deadlines off rest days | `deadline.roll_past_rest_days` | `SHENGUAN_DEADLINE_ROLL_REST_DAYS` | `true` |
//! | extra holiday notices (CSV) | `deadline.holidays_file` | `SHENGUAN_HOLIDAYS_FILE` | none |
//! | the network's court list (CSV) | `courts.file` | `SHENGUAN_COURTS_FILE` | none |
//! | the case store | `store.url` | `SHENGUAN_DB` | `shenguan.db` in the working folder |
//! | time-limit overrides | `[time_limits]` `"刑初" = "3m"`, `"民初/简易" = "3m"`, `"执监" = "none"` | — | the statutory table |
//! | 督办 reply time, working days | `supervision.reply_working_days` | — | 5 |
//! | 督办 levels, lowest first | `supervision.chain` | — | 庭长, 分管院领导, 院长 |
//! | 审限变更 applications due, days before the limit runs out | `supervision.limit_request_lead_days` | — | 15 |
//! | 终本: on-site investigation required | `enforcement.site_investigation_required` | — | `true` |
//! | 终本: months since filing | `enforcement.zhongben_min_months` | — | 3 |
//! | online inquiry due, days after filing | `enforcement.inquiry_days` | — | 7 |
//! | money paid out, days after receipt | `enforcement.disbursement_days` | — | 30 |
//! | the five targets, percent | `enforcement.property_within_limit`, `zhongben_compliance`, `petitions_closed`, `courts_meeting`, `three_year` | — | 90, 90, 90, 90, 80 |
//! | 信访: group visit, people | `petitions.group_size` | — | 5 |
//! | 信访积案: days unanswered, petitions brought | `petitions.backlog_days`, `petitions.backlog_petitions` | — | 180, 3 |
//! | 司法救助: cap, months of the previous year's average monthly wage | `assistance.cap_months` | — | 36 |
//! | 司法救助: the province's average monthly wage by year, yuan | `[assistance.monthly_wage]` `"2025" = "8000.00"` | — | none (the cap is not checked) |
//! | 案件评查: the grades | `review.scale`: `"合格/瑕疵/差错"` or `"优秀/合格/基本合格/不合格"` | — | 合格/瑕疵/差错 |
//! | 案件评查: days the judge has to object | `review.objection_days` | — | 15 |
//! | 案件评查: petitions about a case that make it one with repeated petitions | `review.repeat_petitions` | — | 2 |
//! | 案件评查: the accountability outcomes a final error may carry | `review.outcomes` | — | 通报, 约谈, 诫勉, 绩效扣减, 调离审判岗位, 退出员额, 移送惩戒 |
//! | 随机分案: the court's diversion rules file | `allocation.rules` (relative to the file) | — | the shipped rules |
//! | 随机分案: the reasons a case may be designated rather than drawn | `allocation.designation_reasons` | — | the seven one provincial court published (docs/allocation.md) |
//! | 随机分案: a litigant's or lawyer's cases to one judge that make a pairing worth a look | `allocation.pairing_least` | — | 3 |
//! | 随机分案: the chance under a fair draw below which a pairing is a signal | `allocation.pairing_chance` | — | 0.001 |
//! | 案件评查: presume a reversed case an error until the judge rebuts it | `review.presume_reversed_defective` | — | false |
//! | 案件评查: the network's score sheets, for every case or one category | `[[review.sheets]]` (`category`, `items` of `code`, `group`, `text`, `points`) | — | the shipped 100-point sheet |
//! | 送达: announcement period, domestic, days (民事诉讼法第95条) | `service.notice_days` | — | 30 |
//! | 送达: announcement period, no domicile in China, days (民事诉讼法第283条) | `service.foreign_notice_days` | — | 60 |
//! | 送达: days an entrusted court has to serve (民诉法解释第134条) | `service.entrusted_days` | — | 10 |
//! | 送达: days a task may stay unserved before it is overdue (督办) | `service.overdue_days` | — | 30 |
//! | 数据质量: days a case's filing day may precede both neighbouring numbers' before its number counts as given late | `quality.numbered_late_days` | — | 7 |
//! | 风险信号: the day each month's statistics close on (0: the month's last day) and the days before it read for closings bunched there | `integrity.cutoff_day`, `cutoff_days` | — | 0, 5 |
//! | 风险信号: days of the year-end window; of a withdrawal or 终本 coming back; of January's surge; from complaint to filing; before a deadline; of an early 终本; of a quick restoration | `integrity.window_days`, `refile_days`, `surge_days`, `filing_days`, `deadline_days`, `zhongben_days`, `restore_days` | — | 46, 60, 20, 7, 5, 90, 180 |
//! | 风险信号: the ratios that make a court's figure unusual against its norm, how many standard deviations of chance its count must lie beyond, and the pairs and cases a signal needs | `integrity.rush_ratio`, `freeze_ratio`, `surge_ratio`, `refile_ratio`, `clock_ratio`, `min_z`, `refile_min`, `strong_cases` | — | 1.3, 0.8, 1.3, 2.0, 1.5, 3.0, 5, 3 |
//! | 年底收案率 floors (percent of the year's filings: Q4, November–December) and the 立案偏离度 that warns | `integrity.q4_floor`, `nov_dec_floor`, `deviation` | — | 21, 14, 0.3 |
//! | 审执结案进度: the month its assessment year starts in (12: December to November; 1: the calendar year), and up to 12 monthly floors, percent, from the year's first month (0: none that month) | `integrity.progress_start_month`, `progress_floors` | — | 12, none |
//! | the server's Prometheus endpoint `/metrics` (unauthenticated: reach it from the monitoring host only) | `server.metrics` | `SHENGUAN_METRICS` | `false` |
//! | where backups go (before an upgrade, the server's scheduled ones) | `backup.folder` | `SHENGUAN_BACKUP_DIR` | `backups/` beside a SQLite store, else in the working folder |
//! | back up a store before an upgrade changes its schema | `backup.before_upgrade` | `SHENGUAN_BACKUP_BEFORE_UPGRADE` | `true` |
//! | the server's scheduled backups: hours between them (0: none), how many are kept | `backup.every_hours`, `backup.keep` | — | 0, 7 |
//! | today's date (replay, tests) | — | `SHENGUAN_TODAY` | the clock, in China Standard Time |
//!
//! Relative paths in the file are taken relative to the file's folder.
//!
//! For crash-safety tests only, `SHENGUAN_FAULT_ABORT_AFTER_ROWS=N` makes an import kill its own
//! process once N rows are written inside the open transaction (rounded up to the store's
//! progress step), as a power cut or `kill -9` would.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;
use shenguan_domain::{Period, Procedure, Text, parse_date, text};

use crate::AppError;
use crate::read_text;

/// A reference range: low and high, either end open.
pub type Range = (Option<f64>, Option<f64>);

/// The settled configuration.
#[derive(Clone, Debug)]
pub struct Config {
    pub roll_past_rest_days: bool,
    pub holidays_file: Option<PathBuf>,
    pub courts_file: Option<PathBuf>,
    pub time_limits: Vec<TimeLimitOverride>,
    /// Reference ranges set by the network, by indicator code (low, high; open ends `None`).
    pub ranges: Vec<(String, Range)>,
    /// Days after a period's end before its appeal rates are final (see `metrics::provisional`).
    pub appeal_window_days: u32,
    /// A fixed "today"; `None` reads the clock.
    pub today: Option<NaiveDate>,
    /// The file the configuration came from, if any.
    pub source: Option<PathBuf>,
    /// The store: a SQLite path or URL, or a PostgreSQL URL.
    pub db_url: String,
    /// Where the indicators' columns of a PostgreSQL store are kept (`None`: the user's cache
    /// folder); a SQLite store keeps them beside its file.
    pub columns_dir: Option<PathBuf>,
    /// The network's secret for identity keys (`None`: beside a SQLite store; required for
    /// PostgreSQL). See `identity.rs`.
    pub identity_key_file: Option<PathBuf>,
    /// Days an API token works after it is made, unless it is made for fewer (`[accounts]
    /// token_days`).
    pub token_days: u32,
    /// The largest upload the server accepts, in MiB (`[server] upload_limit_mib`).
    pub upload_limit_mib: u64,
    /// Whether the server's cookies carry `Secure` (sent over HTTPS only): set, or implied by an
    /// `https://` public address (`[server] secure_cookies`, `public_url`).
    pub secure_cookies: bool,
    /// Whether the server answers `GET /metrics` in Prometheus's text format (`[server] metrics`,
    /// `SHENGUAN_METRICS`). Off by default: the endpoint needs no sign-in, so it is turned on
    /// where only the monitoring host can reach it.
    pub metrics: bool,
    /// Where backups go: the automatic one before an upgrade and the server's scheduled ones
    /// (`[backup] folder`, `SHENGUAN_BACKUP_DIR`; `None`: a `backups` folder beside a SQLite
    /// store, or in the working folder for PostgreSQL).
    pub backup_folder: Option<PathBuf>,
    /// Whether a store is backed up before an upgrade changes its schema (`[backup]
    /// before_upgrade`, `SHENGUAN_BACKUP_BEFORE_UPGRADE`; on by default).
    pub backup_before_upgrade: bool,
    /// Hours between the server's scheduled backups (`[backup] every_hours`; 0: none, the
    /// default).
    pub backup_every_hours: u32,
    /// How many scheduled backups the server keeps, the oldest removed first (`[backup] keep`).
    pub backup_keep: u32,
    /// Working days a 督办 reply is due in, unless its opener sets a date (`[supervision]
    /// reply_working_days`).
    pub reply_working_days: u32,
    /// The levels a late 督办 reply is raised through, lowest first (`[supervision] chain`;
    /// empty: 庭长 → 分管院领导 → 院长).
    pub supervision_chain: Vec<String>,
    /// Days before a time limit runs out by which an application to change it is due
    /// (`[supervision] limit_request_lead_days`; 法释〔2018〕9号: 15).
    pub limit_request_lead_days: u32,
    /// The readings of the 终本 checklist (`[enforcement] site_investigation_required`,
    /// `zhongben_min_months`).
    pub checklist: shenguan_domain::zhongben::ChecklistRules,
    /// The thresholds of 四个90%、一个80% (`[enforcement]`, in percent).
    pub targets: shenguan_metrics::targets::Thresholds,
    /// Days after filing by which the online inquiry is due (`[enforcement] inquiry_days`).
    pub inquiry_days: u32,
    /// Days after receipt by which enforcement money is paid out (`[enforcement]
    /// disbursement_days`; 法发〔2017〕6号: thirty).
    pub disbursement_days: u32,
    /// How the petition register is counted (`[petitions]`: the group size and the backlog's
    /// thresholds; docs/petitions.md).
    pub petitions: shenguan_metrics::petitions::PetitionRules,
    /// The cap on judicial assistance (`[assistance]`: months, and the province's average
    /// monthly wage by year; 法发〔2016〕16号, docs/petitions.md).
    pub assistance_cap: shenguan_domain::assistance::Cap,
    /// The grades of case-quality review (`[review] scale`; docs/review.md).
    pub review_scale: shenguan_domain::review::grading::Scale,
    /// Days after a review is submitted within which the judge may object (`[review]
    /// objection_days`; this system's default, 15).
    pub review_objection_days: u32,
    /// Petitions about a case that make it one with repeated petitions for the 重点 rule
    /// (`[review] repeat_petitions`; docs/review.md).
    pub review_repeat_petitions: u32,
    /// The network's score sheets (`[[review.sheets]]`; the shipped 100-point sheet by default).
    pub review_sheets: shenguan_domain::review::grading::Sheets,
    /// Presume a reversed, remanded or retried case an error until the judge rebuts it (`[review]
    /// presume_reversed_defective`; off by default: the grade follows the findings).
    pub review_presume_reversed: bool,
    /// The accountability outcomes a final error may carry (`[review] outcomes`; 通报 … 移送惩戒).
    pub review_outcomes: Vec<String>,
    /// The reasons a case may be designated rather than drawn (`[allocation]
    /// designation_reasons`; the seven one provincial court published by default).
    pub designation_reasons: Vec<String>,
    /// The court's diversion rules file (`[allocation] rules`); `None`: the shipped rules.
    pub allocation_rules: Option<PathBuf>,
    /// A repeated pairing of a litigant or lawyer with a judge is a signal from this many cases
    /// (`[allocation] pairing_least`, 3) when a fair draw would give so many with a chance below
    /// `[allocation] pairing_chance` (0.001).
    pub pairing_least: u32,
    pub pairing_chance: f64,
    /// 送达: the announcement periods and the entrusted court's days (`[service]`).
    pub service_rules: shenguan_domain::service::timing::ServiceRules,
    /// 送达: a task unserved this many days after it was created is overdue (`[service]
    /// overdue_days`, 30).
    pub service_overdue_days: u32,
    /// 数据质量: a case whose filing day is earlier than both neighbouring numbers' by more than
    /// this many days had its number given late (`[quality] numbered_late_days`, 7).
    pub numbered_late_days: u32,
    /// The signals of gaming's thresholds (`[integrity]`; docs/gaming-signals.md).
    pub integrity: shenguan_domain::integrity::Settings,
    /// Crash-safety tests: abort the process inside an import after this many rows.
    pub fault_abort_after_rows: Option<u64>,
}

/// The longest a 督办 reply may be set to take by configuration, in working days.
pub const MAX_REPLY_WORKING_DAYS: u32 = 60;

/// The most levels a supervision chain may have.
pub const MAX_CHAIN_LEVELS: usize = 6;

/// The largest upload by default, in MiB: a year of a large court's cases as CSV.
pub const DEFAULT_UPLOAD_LIMIT_MIB: u64 = 512;

/// The server's scheduled backups kept unless set: a week of daily ones.
const DEFAULT_BACKUP_KEEP: u32 = 7;
/// The most scheduled backups kept, and the longest time between them (a year).
const MAX_BACKUP_KEEP: u32 = 1000;
const MAX_BACKUP_EVERY_HOURS: u32 = 24 * 366;

/// The largest upload limit a configuration may set, in MiB.
pub const MAX_UPLOAD_LIMIT_MIB: u64 = 4096;

/// Days an API token works by default: a quarter, so that a token copied into a script or a
/// spreadsheet years ago does not still open the data; a network sets its own.
pub const DEFAULT_TOKEN_DAYS: u32 = 90;

/// The longest a token may be made to work: ten years.
pub const MAX_TOKEN_DAYS: u32 = 3650;

/// Days after a period's end before its appeal rates are final. Reading: a judgment is appealable
/// for 15 days after it is served (Civil Procedure Law Art. 171; 10 days for a ruling), service
/// itself takes days to weeks, and the appeal becomes a case of the court above only after the
/// brief is served on the other party and answered (15 days) and the file is sent up (within 5
/// days; Arts. 173–174). Sixty days covers the usual course; a network sets its own.
pub const DEFAULT_APPEAL_WINDOW_DAYS: u32 = 60;

/// The store used when none is configured: a SQLite file in the working folder.
pub const DEFAULT_DB: &str = "shenguan.db";

impl Default for Config {
    fn default() -> Self {
        Config {
            roll_past_rest_days: true,
            holidays_file: None,
            courts_file: None,
            time_limits: Vec::new(),
            ranges: Vec::new(),
            appeal_window_days: DEFAULT_APPEAL_WINDOW_DAYS,
            today: None,
            source: None,
            db_url: DEFAULT_DB.to_string(),
            columns_dir: None,
            identity_key_file: None,
            token_days: DEFAULT_TOKEN_DAYS,
            upload_limit_mib: DEFAULT_UPLOAD_LIMIT_MIB,
            secure_cookies: false,
            metrics: false,
            backup_folder: None,
            backup_before_upgrade: true,
            backup_every_hours: 0,
            backup_keep: DEFAULT_BACKUP_KEEP,
            reply_working_days: shenguan_supervision::duban::REPLY_WORKING_DAYS,
            supervision_chain: Vec::new(),
            limit_request_lead_days: shenguan_supervision::limit_request::LEAD_DAYS,
            checklist: Default::default(),
            petitions: Default::default(),
            assistance_cap: shenguan_domain::assistance::Cap {
                months: 36,
                monthly_wage: Vec::new(),
            },
            review_scale: shenguan_domain::review::grading::Scale::Findings,
            review_objection_days: 15,
            review_repeat_petitions: 2,
            review_sheets: shenguan_domain::review::grading::Sheets::default(),
            review_presume_reversed: false,
            designation_reasons: crate::allocation::assign::DESIGNATION_REASONS
                .map(String::from)
                .to_vec(),
            allocation_rules: None,
            pairing_least: 3,
            pairing_chance: 0.001,
            service_rules: Default::default(),
            service_overdue_days: 30,
            numbered_late_days: 7,
            integrity: shenguan_domain::integrity::Settings::default(),
            review_outcomes: shenguan_domain::review::answer::OUTCOMES
                .map(String::from)
                .to_vec(),
            targets: Default::default(),
            inquiry_days: 7,
            disbursement_days: 30,
            fault_abort_after_rows: None,
        }
    }
}

/// One `[time_limits]` entry: `"TYPE"` or `"TYPE/PROCEDURE"` = `"6m"` | `"30d"` | `"none"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeLimitOverride {
    pub key: String,
    pub type_code: String,
    /// `None`: the type's default rule.
    pub procedure: Option<Procedure>,
    pub limit: Option<Period>,
}

const DEFAULT_FILE: &str = "shenguan.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    #[serde(default)]
    deadline: DeadlineSection,
    #[serde(default)]
    courts: CourtsSection,
    #[serde(default)]
    store: StoreSection,
    #[serde(default)]
    time_limits: BTreeMap<String, String>,
    #[serde(default)]
    metrics: MetricsSection,
    #[serde(default)]
    accounts: AccountsSection,
    #[serde(default)]
    server: ServerSection,
    #[serde(default)]
    backup: BackupSection,
    #[serde(default)]
    supervision: SupervisionSection,
    #[serde(default)]
    enforcement: EnforcementSection,
    #[serde(default)]
    petitions: PetitionsSection,
    #[serde(default)]
    assistance: AssistanceSection,
    #[serde(default)]
    review: ReviewSection,
    #[serde(default)]
    allocation: AllocationSection,
    #[serde(default)]
    service: ServiceSection,
    #[serde(default)]
    quality: QualitySection,
    #[serde(default)]
    integrity: IntegritySection,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct IntegritySection {
    window_days: Option<u32>,
    cutoff_day: Option<u32>,
    cutoff_days: Option<u32>,
    refile_days: Option<u32>,
    surge_days: Option<u32>,
    filing_days: Option<u32>,
    deadline_days: Option<u32>,
    zhongben_days: Option<u32>,
    restore_days: Option<u32>,
    rush_ratio: Option<f64>,
    freeze_ratio: Option<f64>,
    surge_ratio: Option<f64>,
    refile_ratio: Option<f64>,
    clock_ratio: Option<f64>,
    refile_min: Option<u32>,
    strong_cases: Option<u32>,
    min_z: Option<f64>,
    q4_floor: Option<f64>,
    nov_dec_floor: Option<f64>,
    deviation: Option<f64>,
    progress_start_month: Option<u32>,
    /// Read as TOML values, so that a floor that is not a number is refused with the option's
    /// name rather than the parser's words.
    progress_floors: Option<toml::Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct QualitySection {
    numbered_late_days: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ServiceSection {
    notice_days: Option<u32>,
    foreign_notice_days: Option<u32>,
    entrusted_days: Option<u32>,
    overdue_days: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AllocationSection {
    designation_reasons: Option<Vec<String>>,
    rules: Option<String>,
    pairing_least: Option<u32>,
    pairing_chance: Option<f64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewSection {
    scale: Option<String>,
    objection_days: Option<u32>,
    repeat_petitions: Option<u32>,
    presume_reversed_defective: Option<bool>,
    outcomes: Option<Vec<String>>,
    #[serde(default)]
    sheets: Vec<SheetSection>,
}

/// A score sheet of `[[review.sheets]]`: for one category of cases (刑事, 民事, 行政, 执行 …), or
/// for every case when it names none.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SheetSection {
    category: Option<String>,
    items: Vec<SheetItem>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SheetItem {
    code: String,
    group: String,
    text: String,
    points: u32,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AssistanceSection {
    cap_months: Option<u32>,
    /// Year → the province's average monthly wage of employees that year, in yuan.
    #[serde(default)]
    monthly_wage: BTreeMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PetitionsSection {
    group_size: Option<u32>,
    backlog_days: Option<u32>,
    backlog_petitions: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct EnforcementSection {
    site_investigation_required: Option<bool>,
    zhongben_min_months: Option<u32>,
    inquiry_days: Option<u32>,
    disbursement_days: Option<u32>,
    property_within_limit: Option<f64>,
    zhongben_compliance: Option<f64>,
    petitions_closed: Option<f64>,
    courts_meeting: Option<f64>,
    three_year: Option<f64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SupervisionSection {
    /// Working days a reply is due in.
    reply_working_days: Option<u32>,
    /// The levels of the chain, lowest first.
    chain: Option<Vec<String>>,
    /// Days before a limit runs out by which an application to change it is due.
    limit_request_lead_days: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct BackupSection {
    /// Where backups go.
    folder: Option<PathBuf>,
    /// Back up before an upgrade changes the schema.
    before_upgrade: Option<bool>,
    /// Hours between the server's backups (0: none).
    every_hours: Option<u32>,
    /// How many of the server's backups are kept.
    keep: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ServerSection {
    /// The largest upload accepted, in MiB.
    upload_limit_mib: Option<u64>,
    /// Cookies only over HTTPS.
    secure_cookies: Option<bool>,
    /// The address users reach the server at (behind a reverse proxy): `https://…` implies
    /// secure cookies.
    public_url: Option<String>,
    /// Serve `GET /metrics` (Prometheus text format, without sign-in).
    metrics: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountsSection {
    /// Days an API token works after it is made.
    token_days: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MetricsSection {
    /// Reference ranges by indicator code: `"97..100"`, `"90.."`, `"..5"`.
    #[serde(default)]
    ranges: BTreeMap<String, String>,
    /// Days after a period's end before its appeal rates are final.
    appeal_window_days: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeadlineSection {
    roll_past_rest_days: Option<bool>,
    holidays_file: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoreSection {
    url: Option<String>,
    /// Where a PostgreSQL store's indicator columns are kept.
    columns_dir: Option<PathBuf>,
    /// The network's secret for parties' identity keys.
    identity_key_file: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CourtsSection {
    file: Option<PathBuf>,
}

impl Config {
    /// Loads the configuration. `explicit` is a file named on the command line; `env` reads an
    /// environment variable (injected so that tests do not touch the process environment);
    /// `working_dir` is where the default file is looked for.
    pub fn load(
        explicit: Option<&Path>,
        env: &dyn Fn(&str) -> Option<String>,
        working_dir: &Path,
    ) -> Result<Config, AppError> {
        let mut config = Config::default();
        let file = explicit
            .map(Path::to_path_buf)
            .or_else(|| env("SHENGUAN_CONFIG").map(PathBuf::from))
            .or_else(|| {
                let default = working_dir.join(DEFAULT_FILE);
                default.is_file().then_some(default)
            });
        if let Some(path) = file {
            config.apply_file(&path)?;
        }
        config.apply_env(env)?;
        if config.columns_dir.is_none() {
            // The user's cache folder, as the XDG convention places it.
            config.columns_dir = env("XDG_CACHE_HOME")
                .map(PathBuf::from)
                .or_else(|| env("HOME").map(|home| PathBuf::from(home).join(".cache")))
                .map(|cache| cache.join("shenguan"));
        }
        Ok(config)
    }

    /// `[integrity]`: each day count within a year, each ratio a positive finite number.
    fn read_integrity(
        &mut self,
        file: &IntegritySection,
        shown: &dyn std::fmt::Display,
    ) -> Result<(), AppError> {
        let s = &mut self.integrity;
        // Each day count with the least and most it may be.
        let days = [
            ("window_days", file.window_days, &mut s.window_days, 1, 365),
            ("cutoff_day", file.cutoff_day, &mut s.cutoff_day, 0, 31),
            ("cutoff_days", file.cutoff_days, &mut s.cutoff_days, 1, 15),
            ("refile_days", file.refile_days, &mut s.refile_days, 1, 365),
            ("surge_days", file.surge_days, &mut s.surge_days, 1, 31),
            ("filing_days", file.filing_days, &mut s.filing_days, 0, 365),
            (
                "deadline_days",
                file.deadline_days,
                &mut s.deadline_days,
                1,
                365,
            ),
            (
                "zhongben_days",
                file.zhongben_days,
                &mut s.zhongben_days,
                1,
                365,
            ),
            (
                "restore_days",
                file.restore_days,
                &mut s.restore_days,
                1,
                365,
            ),
        ];
        for (key, given, field, least, most) in days {
            if let Some(n) = given {
                if n < least || n > most {
                    return Err(AppError::Invalid(text!(
                        "配置文件 {shown} 的 integrity.{key} = {n} 须为{least}至{most}",
                        "the configuration file {shown}: integrity.{key} = {n} must be {least} to {most}"
                    )));
                }
                *field = n;
            }
        }
        let ratios = [
            ("rush_ratio", file.rush_ratio, &mut s.rush_ratio),
            ("freeze_ratio", file.freeze_ratio, &mut s.freeze_ratio),
            ("surge_ratio", file.surge_ratio, &mut s.surge_ratio),
            ("refile_ratio", file.refile_ratio, &mut s.refile_ratio),
            ("clock_ratio", file.clock_ratio, &mut s.clock_ratio),
            ("min_z", file.min_z, &mut s.min_z),
            ("q4_floor", file.q4_floor, &mut s.q4_floor),
            ("nov_dec_floor", file.nov_dec_floor, &mut s.nov_dec_floor),
            ("deviation", file.deviation, &mut s.deviation),
        ];
        for (key, given, field) in ratios {
            if let Some(r) = given {
                if !r.is_finite() || r <= 0.0 || r > 100.0 {
                    return Err(AppError::Invalid(text!(
                        "配置文件 {shown} 的 integrity.{key} = {r} 须为大于0、不超过100的数",
                        "the configuration file {shown}: integrity.{key} = {r} must be a number above 0 and at most 100"
                    )));
                }
                *field = r;
            }
        }
        for (key, given, field) in [
            ("refile_min", file.refile_min, &mut s.refile_min),
            ("strong_cases", file.strong_cases, &mut s.strong_cases),
        ] {
            if let Some(n) = given {
                if !(1..=10_000).contains(&n) {
                    return Err(AppError::Invalid(text!(
                        "配置文件 {shown} 的 integrity.{key} = {n} 须为1至10000",
                        "the configuration file {shown}: integrity.{key} = {n} must be 1 to 10000"
                    )));
                }
                *field = n;
            }
        }
        self.read_progress(file, shown)
    }

    /// `[integrity] progress_start_month` (1 to 12) and `progress_floors`: at most one floor a
    /// month of the assessment year, each a percent from 0 to 100, 0 for a month without one.
    fn read_progress(
        &mut self,
        file: &IntegritySection,
        shown: &dyn std::fmt::Display,
    ) -> Result<(), AppError> {
        let s = &mut self.integrity;
        if let Some(month) = file.progress_start_month {
            if !(1..=12).contains(&month) {
                return Err(AppError::Invalid(text!(
                    "配置文件 {shown} 的 integrity.progress_start_month = {month} 须为1至12（考核年度起始的月份）",
                    "the configuration file {shown}: integrity.progress_start_month = {month} must be 1 to 12 (the month the assessment year starts in)"
                )));
            }
            s.progress_start_month = month;
        }
        let Some(given) = &file.progress_floors else {
            return Ok(());
        };
        let refused = || {
            AppError::Invalid(text!(
                "配置文件 {shown} 的 integrity.progress_floors 须为至多12个0至100的数（考核年度自首月起每月的下限，百分比；0为该月不设下限）",
                "the configuration file {shown}: integrity.progress_floors must be a list of at most 12 numbers from 0 to 100 (each month's floor from the assessment year's first, percent; 0 for none that month)"
            ))
        };
        let list = given
            .as_array()
            .filter(|l| l.len() <= 12)
            .ok_or_else(refused)?;
        let mut floors = [None; 12];
        for (floor, value) in floors.iter_mut().zip(list) {
            let percent = match value {
                toml::Value::Integer(n) => *n as f64,
                toml::Value::Float(r) => *r,
                _ => return Err(refused()),
            };
            if !(0.0..=100.0).contains(&percent) {
                return Err(refused());
            }
            *floor = (percent > 0.0).then_some(percent);
        }
        s.progress_floors = floors;
        Ok(())
    }

    fn apply_file(&mut self, path: &Path) -> Result<(), AppError> {
        let contents = read_text(path)?;
        let shown = path.display();
        let file: FileConfig = toml::from_str(&contents).map_err(|e| {
            AppError::Invalid(text!(
                "配置文件 {shown} 有误: {e}",
                "the configuration file {shown} is wrong: {e}"
            ))
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        if let Some(roll) = file.deadline.roll_past_rest_days {
            self.roll_past_rest_days = roll;
        }
        if let Some(p) = file.deadline.holidays_file {
            self.holidays_file = Some(base.join(p));
        }
        if let Some(p) = file.courts.file {
            self.courts_file = Some(base.join(p));
        }
        if let Some(dir) = file.store.columns_dir {
            self.columns_dir = Some(base.join(dir));
        }
        if let Some(key) = file.store.identity_key_file {
            self.identity_key_file = Some(base.join(key));
        }
        if let Some(url) = file.store.url {
            // A relative SQLite path is relative to the configuration file, like every path in it.
            let is_relative_path = !url.contains("://")
                && !url.starts_with("sqlite:")
                && Path::new(&url).is_relative();
            self.db_url = if is_relative_path {
                base.join(&url).display().to_string()
            } else {
                url
            };
        }
        for (key, value) in &file.time_limits {
            let entry = parse_override(key, value).map_err(|reason| {
                let (zh, en) = (reason.zh(), reason.en());
                AppError::Invalid(text!(
                    "配置文件 {shown} 的 time_limits.\"{key}\" = \"{value}\": {zh}",
                    "the configuration file {shown}, time_limits.\"{key}\" = \"{value}\": {en}"
                ))
            })?;
            self.time_limits.push(entry);
        }
        if let Some(days) = file.metrics.appeal_window_days {
            if days > 3650 {
                return Err(AppError::Invalid(text!(
                    "配置文件 {shown} 的 metrics.appeal_window_days = {days} 须为0至3650日",
                    "the configuration file {shown}: metrics.appeal_window_days = {days} must be 0 to 3650 days"
                )));
            }
            self.appeal_window_days = days;
        }
        if let Some(days) = file.accounts.token_days {
            if !(1..=MAX_TOKEN_DAYS).contains(&days) {
                return Err(AppError::Invalid(text!(
                    "配置文件 {shown} 的 accounts.token_days = {days} 须为1至{MAX_TOKEN_DAYS}日",
                    "the configuration file {shown}: accounts.token_days = {days} must be 1 to {MAX_TOKEN_DAYS} days"
                )));
            }
            self.token_days = days;
        }
        if let Some(days) = file.supervision.reply_working_days {
            if !(1..=MAX_REPLY_WORKING_DAYS).contains(&days) {
                return Err(AppError::Invalid(text!(
                    "配置文件 {shown} 的 supervision.reply_working_days = {days} 须为1至{MAX_REPLY_WORKING_DAYS}个工作日",
                    "the configuration file {shown}: supervision.reply_working_days = {days} must be 1 to {MAX_REPLY_WORKING_DAYS} working days"
                )));
            }
            self.reply_working_days = days;
        }
        if let Some(days) = file.supervision.limit_request_lead_days {
            if !(1..=60).contains(&days) {
                return Err(AppError::Invalid(text!(
                    "配置文件 {shown} 的 supervision.limit_request_lead_days = {days} 须为1至60日",
                    "the configuration file {shown}: supervision.limit_request_lead_days = {days} must be 1 to 60 days"
                )));
            }
            self.limit_request_lead_days = days;
        }
        if let Some(chain) = &file.supervision.chain {
            let levels = chain.len();
            let blank = chain
                .iter()
                .any(|level| level.trim().is_empty() || level.chars().count() > 32);
            if !(1..=MAX_CHAIN_LEVELS).contains(&levels) || blank {
                return Err(AppError::Invalid(text!(
                    "配置文件 {shown} 的 supervision.chain 须为1至{MAX_CHAIN_LEVELS}个层级的名称（每个不超过32字）",
                    "the configuration file {shown}: supervision.chain must name 1 to {MAX_CHAIN_LEVELS} levels (each at most 32 characters)"
                )));
            }
            self.supervision_chain = chain.iter().map(|level| level.trim().to_string()).collect();
        }
        self.apply_enforcement(&file.enforcement, &shown)?;
        self.apply_petitions(&file.petitions, &shown)?;
        self.apply_assistance(&file.assistance, &shown)?;
        if let Some(days) = file.review.objection_days {
            if !(1..=90).contains(&days) {
                return Err(AppError::Invalid(text!(
                    "配置文件 {shown} 的 review.objection_days = {days} 须为1至90",
                    "the configuration file {shown}: review.objection_days = {days} must be 1 to 90"
                )));
            }
            self.review_objection_days = days;
        }
        let service = [
            ("notice_days", file.service.notice_days, 1..=365),
            (
                "foreign_notice_days",
                file.service.foreign_notice_days,
                1..=365,
            ),
            ("entrusted_days", file.service.entrusted_days, 1..=90),
            ("overdue_days", file.service.overdue_days, 1..=365),
        ];
        for (key, days, range) in service {
            let Some(days) = days else { continue };
            if !range.contains(&days) {
                let (low, high) = (range.start(), range.end());
                return Err(AppError::Invalid(text!(
                    "配置文件 {shown} 的 service.{key} = {days} 须为{low}至{high}",
                    "the configuration file {shown}: service.{key} = {days} must be {low} to {high}"
                )));
            }
            let rules = &mut self.service_rules;
            match key {
                "notice_days" => rules.notice_days = days,
                "foreign_notice_days" => rules.foreign_notice_days = days,
                "entrusted_days" => rules.entrusted_days = days,
                _ => self.service_overdue_days = days,
            }
        }
        if let Some(days) = file.quality.numbered_late_days {
            if days > 365 {
                return Err(AppError::Invalid(text!(
                    "配置文件 {shown} 的 quality.numbered_late_days = {days} 须为0至365",
                    "the configuration file {shown}: quality.numbered_late_days = {days} must be 0 to 365"
                )));
            }
            self.numbered_late_days = days;
        }
        self.read_integrity(&file.integrity, &shown)?;
        if let Some(rules) = &file.allocation.rules {
            self.allocation_rules = Some(base.join(rules));
        }
        if let Some(least) = file.allocation.pairing_least {
            if !(2..=1000).contains(&least) {
                return Err(AppError::Invalid(text!(
                    "配置文件 {shown} 的 allocation.pairing_least = {least} 须为2至1000",
                    "the configuration file {shown}: allocation.pairing_least = {least} must be 2 to 1000"
                )));
            }
            self.pairing_least = least;
        }
        if let Some(chance) = file.allocation.pairing_chance {
            if !(chance > 0.0 && chance < 0.5) {
                return Err(AppError::Invalid(text!(
                    "配置文件 {shown} 的 allocation.pairing_chance = {chance} 须大于0、小于0.5",
                    "the configuration file {shown}: allocation.pairing_chance = {chance} must be above 0 and below 0.5"
                )));
            }
            self.pairing_chance = chance;
        }
        if let Some(reasons) = &file.allocation.designation_reasons {
            let reasons: Vec<String> = reasons.iter().map(|r| r.trim().to_string()).collect();
            let bad = reasons.is_empty()
                || reasons.len() > 30
                || reasons.iter().enumerate().any(|(i, r)| {
                    r.is_empty()
                        || r.chars().count() > 100
                        || r.chars().any(|c| c.is_control() || c == ';' || c == '=')
                        || reasons[..i].contains(r)
                });
            if bad {
                return Err(AppError::Invalid(text!(
                    "配置文件 {shown} 的 allocation.designation_reasons 须为1至30个互不相同的理由，每个不超过100字，不含“;”“=”",
                    "the configuration file {shown}: allocation.designation_reasons must name 1 to 30 different reasons of at most 100 characters without “;” or “=”"
                )));
            }
            self.designation_reasons = reasons;
        }
        if let Some(outcomes) = &file.review.outcomes {
            let outcomes: Vec<String> = outcomes.iter().map(|o| o.trim().to_string()).collect();
            let bad = outcomes.is_empty()
                || outcomes.len() > 20
                || outcomes.iter().enumerate().any(|(i, o)| {
                    o.is_empty()
                        || o.chars().count() > 20
                        || o.chars().any(char::is_control)
                        || outcomes[..i].contains(o)
                });
            if bad {
                return Err(AppError::Invalid(text!(
                    "配置文件 {shown} 的 review.outcomes 须为1至20个互不相同的问责方式，每个不超过20字",
                    "the configuration file {shown}: review.outcomes must name 1 to 20 different outcomes of at most 20 characters"
                )));
            }
            self.review_outcomes = outcomes;
        }
        if let Some(presume) = file.review.presume_reversed_defective {
            self.review_presume_reversed = presume;
        }
        if !file.review.sheets.is_empty() {
            self.review_sheets = sheets(&file.review.sheets, &shown.to_string())?;
        }
        if let Some(count) = file.review.repeat_petitions {
            if !(1..=20).contains(&count) {
                return Err(AppError::Invalid(text!(
                    "配置文件 {shown} 的 review.repeat_petitions = {count} 须为1至20",
                    "the configuration file {shown}: review.repeat_petitions = {count} must be 1 to 20"
                )));
            }
            self.review_repeat_petitions = count;
        }
        if let Some(scale) = &file.review.scale {
            use shenguan_domain::review::grading::Scale;
            self.review_scale = match scale.trim() {
                "合格/瑕疵/差错" => Scale::Findings,
                "优秀/合格/基本合格/不合格" => Scale::four_grades(),
                other => {
                    return Err(AppError::Invalid(text!(
                        "配置文件 {shown} 的 review.scale = \"{other}\" 须为 \"合格/瑕疵/差错\" 或 \"优秀/合格/基本合格/不合格\"",
                        "the configuration file {shown}: review.scale = \"{other}\" must be \"合格/瑕疵/差错\" or \"优秀/合格/基本合格/不合格\""
                    )));
                }
            };
        }
        if let Some(mib) = file.server.upload_limit_mib {
            if !(1..=MAX_UPLOAD_LIMIT_MIB).contains(&mib) {
                return Err(AppError::Invalid(text!(
                    "配置文件 {shown} 的 server.upload_limit_mib = {mib} 须为1至{MAX_UPLOAD_LIMIT_MIB}",
                    "the configuration file {shown}: server.upload_limit_mib = {mib} must be 1 to {MAX_UPLOAD_LIMIT_MIB} MiB"
                )));
            }
            self.upload_limit_mib = mib;
        }
        if let Some(url) = &file.server.public_url {
            let url = url.trim();
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(AppError::Invalid(text!(
                    "配置文件 {shown} 的 server.public_url = \"{url}\" 须以 https:// 或 http:// 开头",
                    "the configuration file {shown}: server.public_url = \"{url}\" must start with https:// or http://"
                )));
            }
            self.secure_cookies = url.starts_with("https://");
        }
        if let Some(secure) = file.server.secure_cookies {
            self.secure_cookies = secure;
        }
        if let Some(metrics) = file.server.metrics {
            self.metrics = metrics;
        }
        if let Some(folder) = &file.backup.folder {
            self.backup_folder = Some(base.join(folder));
        }
        if let Some(before) = file.backup.before_upgrade {
            self.backup_before_upgrade = before;
        }
        if let Some(hours) = file.backup.every_hours {
            if hours > MAX_BACKUP_EVERY_HOURS {
                return Err(AppError::Invalid(text!(
                    "配置文件 {shown} 的 backup.every_hours = {hours} 须为0至{MAX_BACKUP_EVERY_HOURS}（0为不定时备份）",
                    "the configuration file {shown}: backup.every_hours = {hours} must be 0 to {MAX_BACKUP_EVERY_HOURS} (0: no scheduled backups)"
                )));
            }
            self.backup_every_hours = hours;
        }
        if let Some(keep) = file.backup.keep {
            if !(1..=MAX_BACKUP_KEEP).contains(&keep) {
                return Err(AppError::Invalid(text!(
                    "配置文件 {shown} 的 backup.keep = {keep} 须为1至{MAX_BACKUP_KEEP}",
                    "the configuration file {shown}: backup.keep = {keep} must be 1 to {MAX_BACKUP_KEEP}"
                )));
            }
            self.backup_keep = keep;
        }
        for (code, given) in &file.metrics.ranges {
            let range = parse_range(given).ok_or_else(|| {
                AppError::Invalid(text!(
                    "配置文件 {shown} 的 metrics.ranges.{code} = \"{given}\" 须形如 \"97..100\"、\"90..\" 或 \"..5\"",
                    "the configuration file {shown}: metrics.ranges.{code} = \"{given}\" must look like \"97..100\", \"90..\" or \"..5\""
                ))
            })?;
            self.ranges.push((code.clone(), range));
        }
        self.source = Some(path.to_path_buf());
        Ok(())
    }

    /// The `[petitions]` section: how the register is counted.
    fn apply_petitions(
        &mut self,
        section: &PetitionsSection,
        shown: &std::path::Display<'_>,
    ) -> Result<(), AppError> {
        // Each setting checked, then put in place (none when the file leaves it out).
        let checked = |key: &str, value: Option<u32>, max: u32| -> Result<Option<u32>, AppError> {
            match value {
                Some(n) if !(2..=max).contains(&n) => Err(AppError::Invalid(text!(
                    "配置文件 {shown} 的 petitions.{key} = {n} 须为2至{max}",
                    "the configuration file {shown}: petitions.{key} = {n} must be 2 to {max}"
                ))),
                other => Ok(other),
            }
        };
        if let Some(n) = checked("group_size", section.group_size, 1000)? {
            self.petitions.group_size = n;
        }
        if let Some(n) = checked("backlog_days", section.backlog_days, 3650)? {
            self.petitions.matters.backlog_days = i64::from(n);
        }
        if let Some(n) = checked("backlog_petitions", section.backlog_petitions, 100)? {
            self.petitions.matters.backlog_petitions = n as usize;
        }
        Ok(())
    }

    /// The `[assistance]` section: the cap on judicial assistance.
    fn apply_assistance(
        &mut self,
        section: &AssistanceSection,
        shown: &std::path::Display<'_>,
    ) -> Result<(), AppError> {
        if let Some(months) = section.cap_months {
            if !(1..=240).contains(&months) {
                return Err(AppError::Invalid(text!(
                    "配置文件 {shown} 的 assistance.cap_months = {months} 须为1至240",
                    "the configuration file {shown}: assistance.cap_months = {months} must be 1 to 240"
                )));
            }
            self.assistance_cap.months = months;
        }
        for (year, wage) in &section.monthly_wage {
            let bad = || {
                AppError::Invalid(text!(
                    "配置文件 {shown} 的 assistance.monthly_wage.\"{year}\" = \"{wage}\" 须为年份（1949至2200）对应的月平均工资（元，正数）",
                    "the configuration file {shown}: assistance.monthly_wage.\"{year}\" = \"{wage}\" must give a year (1949 to 2200) its average monthly wage in yuan (positive)"
                ))
            };
            let y = year
                .trim()
                .parse::<i32>()
                .ok()
                .filter(|y| (1949..=2200).contains(y))
                .ok_or_else(bad)?;
            let amount = shenguan_domain::Money::parse(wage)
                .ok()
                .filter(|m| m.fen() > 0)
                .ok_or_else(bad)?;
            self.assistance_cap.monthly_wage.push((y, amount));
        }
        Ok(())
    }

    /// The `[enforcement]` section: the 终本 checklist's readings and the five targets.
    fn apply_enforcement(
        &mut self,
        section: &EnforcementSection,
        shown: &std::path::Display<'_>,
    ) -> Result<(), AppError> {
        if let Some(required) = section.site_investigation_required {
            self.checklist.site_investigation_required = required;
        }
        if let Some(months) = section.zhongben_min_months {
            if !(1..=24).contains(&months) {
                return Err(AppError::Invalid(text!(
                    "配置文件 {shown} 的 enforcement.zhongben_min_months = {months} 须为1至24个月",
                    "the configuration file {shown}: enforcement.zhongben_min_months = {months} must be 1 to 24 months"
                )));
            }
            self.checklist.min_months = months;
        }
        for (key, value, slot, max) in [
            (
                "inquiry_days",
                section.inquiry_days,
                &mut self.inquiry_days,
                90,
            ),
            (
                "disbursement_days",
                section.disbursement_days,
                &mut self.disbursement_days,
                180,
            ),
        ] {
            let Some(days) = value else { continue };
            if !(1..=max).contains(&days) {
                return Err(AppError::Invalid(text!(
                    "配置文件 {shown} 的 enforcement.{key} = {days} 须为1至{max}日",
                    "the configuration file {shown}: enforcement.{key} = {days} must be 1 to {max} days"
                )));
            }
            *slot = days;
        }
        let t = &mut self.targets;
        let targets = [
            (
                "property_within_limit",
                section.property_within_limit,
                &mut t.property_within_limit,
            ),
            (
                "zhongben_compliance",
                section.zhongben_compliance,
                &mut t.zhongben_compliance,
            ),
            (
                "petitions_closed",
                section.petitions_closed,
                &mut t.petitions_closed,
            ),
            (
                "courts_meeting",
                section.courts_meeting,
                &mut t.courts_meeting,
            ),
            ("three_year", section.three_year, &mut t.three_year),
        ];
        for (key, value, slot) in targets {
            let Some(value) = value else { continue };
            if !(value.is_finite() && (0.0..=100.0).contains(&value)) {
                return Err(AppError::Invalid(text!(
                    "配置文件 {shown} 的 enforcement.{key} = {value} 须为0至100之间的百分数",
                    "the configuration file {shown}: enforcement.{key} = {value} must be a percentage from 0 to 100"
                )));
            }
            *slot = value;
        }
        Ok(())
    }

    fn apply_env(&mut self, env: &dyn Fn(&str) -> Option<String>) -> Result<(), AppError> {
        if let Some(value) = env("SHENGUAN_DEADLINE_ROLL_REST_DAYS") {
            self.roll_past_rest_days = parse_bool(&value).ok_or_else(|| {
                AppError::Invalid(text!(
                    "SHENGUAN_DEADLINE_ROLL_REST_DAYS=“{value}” 须为 true 或 false",
                    "SHENGUAN_DEADLINE_ROLL_REST_DAYS=“{value}” must be true or false"
                ))
            })?;
        }
        if let Some(value) = env("SHENGUAN_BACKUP_DIR") {
            self.backup_folder = Some(PathBuf::from(value));
        }
        if let Some(value) = env("SHENGUAN_BACKUP_BEFORE_UPGRADE") {
            self.backup_before_upgrade = parse_bool(&value).ok_or_else(|| {
                AppError::Invalid(text!(
                    "SHENGUAN_BACKUP_BEFORE_UPGRADE=“{value}” 须为 true 或 false",
                    "SHENGUAN_BACKUP_BEFORE_UPGRADE=“{value}” must be true or false"
                ))
            })?;
        }
        if let Some(value) = env("SHENGUAN_METRICS") {
            self.metrics = parse_bool(&value).ok_or_else(|| {
                AppError::Invalid(text!(
                    "SHENGUAN_METRICS=“{value}” 须为 true 或 false",
                    "SHENGUAN_METRICS=“{value}” must be true or false"
                ))
            })?;
        }
        if let Some(value) = env("SHENGUAN_HOLIDAYS_FILE") {
            self.holidays_file = Some(PathBuf::from(value));
        }
        if let Some(value) = env("SHENGUAN_COURTS_FILE") {
            self.courts_file = Some(PathBuf::from(value));
        }
        if let Some(value) = env("SHENGUAN_DB") {
            self.db_url = value;
        }
        if let Some(value) = env("SHENGUAN_COLUMNS_DIR") {
            self.columns_dir = Some(PathBuf::from(value));
        }
        if let Some(value) = env("SHENGUAN_IDENTITY_KEY_FILE") {
            self.identity_key_file = Some(PathBuf::from(value));
        }
        if let Some(value) = env("SHENGUAN_FAULT_ABORT_AFTER_ROWS") {
            self.fault_abort_after_rows = Some(value.trim().parse().map_err(|_| {
                AppError::Invalid(text!(
                    "SHENGUAN_FAULT_ABORT_AFTER_ROWS=“{value}” 须为整数",
                    "SHENGUAN_FAULT_ABORT_AFTER_ROWS=“{value}” must be a whole number"
                ))
            })?);
        }
        if let Some(value) = env("SHENGUAN_TODAY") {
            self.today = Some(parse_date(&value).map_err(|e| {
                let why = e.text();
                let (zh, en) = (why.zh(), why.en());
                AppError::Invalid(text!("SHENGUAN_TODAY: {zh}", "SHENGUAN_TODAY: {en}"))
            })?);
        }
        Ok(())
    }
}

fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// A range `low..high`, either end may be left out.
fn parse_range(text: &str) -> Option<Range> {
    let (low, high) = text.split_once("..")?;
    let end = |t: &str| -> Option<Option<f64>> {
        let t = t.trim();
        if t.is_empty() {
            Some(None)
        } else {
            t.parse::<f64>().ok().filter(|v| v.is_finite()).map(Some)
        }
    };
    let (low, high) = (end(low)?, end(high)?);
    match (low, high) {
        (Some(l), Some(h)) if l > h => None,
        (None, None) => None,
        range => Some(range),
    }
}

/// Reads one `[time_limits]` entry.
fn parse_override(key: &str, value: &str) -> Result<TimeLimitOverride, Text> {
    let (type_code, procedure) = match key.split_once('/') {
        Some((code, procedure)) => (
            code.trim(),
            Some(Procedure::parse(procedure).ok_or_else(|| {
                text!("未知的程序“{procedure}”", "unknown procedure “{procedure}”")
            })?),
        ),
        None => (key.trim(), None),
    };
    let limit = if value.trim().eq_ignore_ascii_case("none") || value.trim() == "无" {
        None
    } else {
        Some(Period::parse(value).map_err(|e| e.text())?)
    };
    Ok(TimeLimitOverride {
        key: key.to_string(),
        type_code: type_code.to_string(),
        procedure,
        limit,
    })
}

/// The score sheets of `[[review.sheets]]`: each checked (docs/review.md), at most one for every
/// case and one per category; the shipped sheet for every case when none is named for it.
fn sheets(
    sections: &[SheetSection],
    shown: &str,
) -> Result<shenguan_domain::review::grading::Sheets, AppError> {
    use shenguan_domain::Category;
    use shenguan_domain::review::grading::{Item, Rubric, Sheets};
    let mut sheets = Sheets::default();
    let mut default_named = false;
    for (n, section) in sections.iter().enumerate() {
        let n = n + 1;
        let rubric = Rubric {
            items: section
                .items
                .iter()
                .map(|i| Item {
                    code: i.code.trim().to_string(),
                    group: i.group.trim().to_string(),
                    text: i.text.trim().to_string(),
                    points: i.points,
                })
                .collect(),
        };
        if let Err(why) = rubric.check() {
            let (zh, en) = (why.zh(), why.en());
            return Err(AppError::Invalid(text!(
                "配置文件 {shown} 的第{n}个 review.sheets：{zh}",
                "the configuration file {shown}: review.sheets number {n}: {en}"
            )));
        }
        match section.category.as_deref().map(str::trim) {
            None | Some("") => {
                if std::mem::replace(&mut default_named, true) {
                    return Err(AppError::Invalid(text!(
                        "配置文件 {shown} 的 review.sheets 有两张不分类别的评查表",
                        "the configuration file {shown}: review.sheets has two sheets for every case"
                    )));
                }
                sheets.default = rubric;
            }
            Some(name) => {
                let Some(category) = Category::ALL
                    .into_iter()
                    .find(|c| c.label_zh() == name || c.key() == name)
                else {
                    let known = Category::ALL.map(|c| c.label_zh()).join("、");
                    return Err(AppError::Invalid(text!(
                        "配置文件 {shown} 的第{n}个 review.sheets：类别“{name}”须为{known}之一",
                        "the configuration file {shown}: review.sheets number {n}: the category “{name}” is one of {known}"
                    )));
                };
                if sheets.by_category.iter().any(|(c, _)| *c == category) {
                    return Err(AppError::Invalid(text!(
                        "配置文件 {shown} 的 review.sheets 有两张“{name}”评查表",
                        "the configuration file {shown}: review.sheets has two sheets for “{name}”"
                    )));
                }
                sheets.by_category.push((category, rubric));
            }
        }
    }
    Ok(sheets)
}

#[cfg(test)]
mod tests;
