//! The canonical columns of `cases` and `events`, with their Chinese and English header aliases.
//!
//! A header cell matches a column when, after trimming, lower-casing, removing spaces and
//! underscores and dropping a trailing unit in brackets (`标的额（元）`), it equals one of the
//! column's aliases. The alias list is what court case systems are seen to export; add to it here.

use std::collections::HashMap;

mod assistance;
mod petitions;
mod service;

pub use assistance::{ASSISTANCE_COLUMNS, AssistanceColumn, assistance_header};
pub use petitions::{
    NOTICE_COLUMNS, NoticeColumn, PETITION_COLUMNS, PetitionColumn, petition_header,
};
pub use service::{
    CONFIRMATION_COLUMNS, ConfirmationColumn, POSTAL_COLUMNS, PostalColumn, SERVICE_COLUMNS,
    ServiceColumn, confirmation_header, postal_header, service_header,
};

/// A canonical column of the `cases` file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CaseColumn {
    CaseNo,
    CourtCode,
    CourtName,
    TypeCode,
    Category,
    Stage,
    Procedure,
    Cause,
    Division,
    Judge,
    /// 承办人工号: the judge's staff number.
    JudgeId,
    FiledOn,
    ClosedOn,
    ClosingMethod,
    ClaimAmount,
    RecoveredAmount,
    /// 延长审限 as granted, with units: "6个月", "6m", "30天", "30d", several joined by ";".
    Extension,
    /// 延长审限天数: a total of days, as systems that do not keep units export it. On export, the
    /// days the extensions add (derived, like the deadline); on import, read only when the file has
    /// no `extension` value for the row.
    ExtensionDays,
    /// 扣除审限 as records: grounds with dates or days ("公告 2026-02-01~2026-04-01;鉴定 45日").
    Exclusions,
    /// 扣除审限天数: a total of days. On export, the records' total; on import, read only when
    /// the file has no `exclusions` value for the row.
    ExcludedDays,
    OriginCaseNo,
    /// Derived on export; ignored on import.
    Deadline,
    /// Derived on export; ignored on import.
    TrialDays,
    /// 延长审限次数: how many extensions were granted. Derived on export (the indicators count
    /// extensions, not their days); ignored on import.
    ExtensionCount,
    /// 上诉审法院: the court that hears the case's appeals by the numbering rule (湘1402 → 湘14,
    /// 湘14 → 湘). Derived on export for the portable SQL (`crates/metrics/sql/README.md`), which
    /// has no court codes of its own to reason with; ignored on import.
    AppealCourt,
}

impl From<CaseColumn> for usize {
    fn from(column: CaseColumn) -> usize {
        column as usize
    }
}

impl From<EventColumn> for usize {
    fn from(column: EventColumn) -> usize {
        column as usize
    }
}

/// A canonical column of the `events` file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventColumn {
    CaseNo,
    Kind,
    Date,
    Detail,
}

use CaseColumn as K;

/// Every case column in file order: English name, Chinese name, further aliases.
#[rustfmt::skip]
pub const CASE_COLUMNS: &[(CaseColumn, &str, &str, &[&str])] = &[
    (K::CaseNo, "case_no", "案号", &["casenumber", "caseno", "案件号"]),
    (K::CourtCode, "court_code", "法院代字", &["courtcode", "法院代码"]),
    (K::CourtName, "court_name", "法院名称", &["courtname", "法院", "经办法院", "承办法院"]),
    (K::TypeCode, "type_code", "类型代字", &["typecode", "案件类型代字"]),
    (K::Category, "category", "案件类别", &["类别", "案件大类"]),
    (K::Stage, "stage", "审级", &["审判程序阶段"]),
    (K::Procedure, "procedure", "适用程序", &["审理程序", "程序"]),
    (K::Cause, "cause", "案由", &["causeofaction"]),
    (K::Division, "division", "承办部门", &["承办庭室", "庭室", "承办庭", "部门"]),
    (K::Judge, "judge", "承办人", &["承办法官", "主审法官", "审判长", "执行员", "承办人员"]),
    (K::JudgeId, "judge_id", "承办人工号", &["承办法官工号", "承办人编号", "承办人员工号", "法官工号", "judgeid"]),
    (K::FiledOn, "filed_on", "立案日期", &["filed", "filingdate", "收案日期", "立案时间", "收案时间"]),
    (K::ClosedOn, "closed_on", "结案日期", &["closed", "closingdate", "结案时间", "审结日期", "执结日期"]),
    (K::ClosingMethod, "closing_method", "结案方式", &["closingmethod", "结案方式名称"]),
    (K::ClaimAmount, "claim_amount", "标的额", &["claim", "诉讼标的额", "申请执行标的", "申请执行标的额", "执行标的额", "标的金额"]),
    (K::RecoveredAmount, "recovered_amount", "执行到位金额", &["recovered", "实际到位金额", "到位金额", "执行到位额"]),
    (K::Extension, "extension", "延长审限", &["延长审限期限", "延长期限"]),
    (K::ExtensionDays, "extension_days", "延长审限天数", &["延长天数"]),
    (K::Exclusions, "exclusions", "扣除审限", &["扣除审限期间", "扣除期间", "扣除审限事由"]),
    (K::ExcludedDays, "excluded_days", "扣除审限天数", &["扣除天数"]),
    (K::OriginCaseNo, "origin_case_no", "原审案号", &["origincaseno", "原案号", "原审案件案号", "前审案号"]),
    (K::Deadline, "deadline", "审限届满日", &["审限到期日", "审限届满日期"]),
    (K::TrialDays, "trial_days", "审理天数", &["审理期限天数"]),
    (K::ExtensionCount, "extension_count", "延长审限次数", &["延长次数"]),
    (K::AppealCourt, "appeal_court", "上诉审法院", &["上诉法院"]),
];

/// A canonical column of the `staff` file (the network's staff list).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StaffColumn {
    StaffId,
    Name,
    CourtCode,
    Division,
    Role,
    ActiveFrom,
    ActiveTo,
}

impl From<StaffColumn> for usize {
    fn from(column: StaffColumn) -> usize {
        column as usize
    }
}

/// Every staff column in file order.
#[rustfmt::skip]
pub const STAFF_COLUMNS: &[(StaffColumn, &str, &str, &[&str])] = &[
    (StaffColumn::StaffId, "staff_id", "工号", &["人员编号", "人员工号", "staffid", "职工号"]),
    (StaffColumn::Name, "name", "姓名", &["人员姓名"]),
    (StaffColumn::CourtCode, "court_code", "法院代字", &["courtcode", "法院代码", "所在法院"]),
    (StaffColumn::Division, "division_code", "部门", &["division", "所在部门", "庭室", "承办部门", "部门代码"]),
    (StaffColumn::Role, "role", "职务", &["岗位", "人员类别", "职级"]),
    (StaffColumn::ActiveFrom, "active_from", "任职起始日期", &["入职日期", "起始日期", "任职日期"]),
    (StaffColumn::ActiveTo, "active_to", "任职终止日期", &["离职日期", "终止日期", "离任日期"]),
];

/// A canonical column of the `divisions` file (each court's 庭室 with its code).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DivisionColumn {
    CourtCode,
    Code,
    Name,
}

impl From<DivisionColumn> for usize {
    fn from(column: DivisionColumn) -> usize {
        column as usize
    }
}

/// Every division column in file order.
#[rustfmt::skip]
pub const DIVISION_COLUMNS: &[(DivisionColumn, &str, &str, &[&str])] = &[
    (DivisionColumn::CourtCode, "court_code", "法院代字", &["courtcode", "法院代码", "所属法院"]),
    (DivisionColumn::Code, "division_code", "部门代码", &["庭室代码", "部门编号"]),
    (DivisionColumn::Name, "division_name", "部门名称", &["庭室名称", "部门全称"]),
];

/// A canonical column of the `parties` file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PartyColumn {
    CaseNo,
    Role,
    Kind,
    Name,
    /// 证件号码: read on import, never stored or exported (a keyed hash and a masked form are).
    IdNumber,
    /// 身份标识: the keyed hash, as exports write it; read when a row has no identity number.
    IdentityKey,
    /// 脱敏证件号码: exported for reading; ignored on import.
    IdMasked,
    Agent,
    Address,
}

impl From<PartyColumn> for usize {
    fn from(column: PartyColumn) -> usize {
        column as usize
    }
}

/// Every party column in file order.
#[rustfmt::skip]
pub const PARTY_COLUMNS: &[(PartyColumn, &str, &str, &[&str])] = &[
    (PartyColumn::CaseNo, "case_no", "案号", &["caseno", "casenumber"]),
    (PartyColumn::Role, "role", "诉讼地位", &["当事人诉讼地位", "诉讼身份", "当事人地位"]),
    (PartyColumn::Kind, "party_kind", "当事人类型", &["主体类型", "当事人性质"]),
    (PartyColumn::Name, "name", "当事人", &["当事人名称", "当事人姓名", "姓名或名称", "名称"]),
    (PartyColumn::IdNumber, "id_number", "证件号码", &["身份证号码", "身份证号", "统一社会信用代码", "证件号"]),
    (PartyColumn::IdentityKey, "identity_key", "身份标识", &[]),
    (PartyColumn::IdMasked, "id_masked", "脱敏证件号码", &["证件号码脱敏"]),
    (PartyColumn::Agent, "agent", "代理人", &["委托代理人", "诉讼代理人", "代理律师"]),
    (PartyColumn::Address, "address", "送达地址", &["地址", "住所地"]),
];

/// A canonical column of the `payments` file (执行款).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PaymentColumn {
    CaseNo,
    Date,
    Kind,
    Amount,
    Note,
}

impl From<PaymentColumn> for usize {
    fn from(column: PaymentColumn) -> usize {
        column as usize
    }
}

/// Every payment column in file order.
#[rustfmt::skip]
pub const PAYMENT_COLUMNS: &[(PaymentColumn, &str, &str, &[&str])] = &[
    (PaymentColumn::CaseNo, "case_no", "案号", &["caseno", "casenumber"]),
    (PaymentColumn::Date, "date", "日期", &["收付日期", "到账日期", "发放日期", "paid_on"]),
    (PaymentColumn::Kind, "kind", "收付", &["款项类型", "收付类型", "类型"]),
    (PaymentColumn::Amount, "amount", "金额", &["执行款金额", "款项金额"]),
    (PaymentColumn::Note, "note", "备注", &["说明"]),
];

/// Every event column in file order.
#[rustfmt::skip]
pub const EVENT_COLUMNS: &[(EventColumn, &str, &str, &[&str])] = &[
    (EventColumn::CaseNo, "case_no", "案号", &["caseno", "casenumber"]),
    (EventColumn::Kind, "kind", "事件", &["事件类型", "节点", "流程节点"]),
    (EventColumn::Date, "date", "日期", &["发生日期", "事件日期", "节点日期"]),
    (EventColumn::Detail, "detail", "详情", &["内容", "说明", "备注"]),
];

/// Normalises a header cell for matching.
pub fn normalise_header(text: &str) -> String {
    let mut text = text.trim().trim_start_matches('\u{feff}').to_lowercase();
    // Drop a trailing unit or note in brackets: 标的额（元）, 标的额(万元).
    for (open, close) in [('（', '）'), ('(', ')')] {
        if text.ends_with(close)
            && let Some(at) = text.rfind(open)
        {
            text.truncate(at);
        }
    }
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .collect()
}

fn alias_map<C: Copy>(columns: &[(C, &str, &str, &[&str])]) -> HashMap<String, C> {
    let mut map = HashMap::new();
    for (column, english, chinese, aliases) in columns {
        for alias in [english, chinese].into_iter().chain(aliases.iter()) {
            map.insert(normalise_header(alias), *column);
        }
    }
    map
}

/// Which kind of canonical file a header row belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderKind {
    /// Column index → case column, for the cells that name one; unknown header texts listed.
    Cases {
        columns: Vec<Option<CaseColumn>>,
        unknown: Vec<String>,
    },
    Events {
        columns: Vec<Option<EventColumn>>,
        unknown: Vec<String>,
    },
    Staff {
        columns: Vec<Option<StaffColumn>>,
        unknown: Vec<String>,
    },
    Parties {
        columns: Vec<Option<PartyColumn>>,
        unknown: Vec<String>,
    },
    Payments {
        columns: Vec<Option<PaymentColumn>>,
        unknown: Vec<String>,
    },
    Divisions {
        columns: Vec<Option<DivisionColumn>>,
        unknown: Vec<String>,
    },
    /// The petition register (信访登记表).
    Petitions {
        columns: Vec<Option<PetitionColumn>>,
        unknown: Vec<String>,
    },
    /// The high court's petition notice (省法院通报).
    Notice {
        columns: Vec<Option<NoticeColumn>>,
        unknown: Vec<String>,
    },
    /// The judicial assistance register (司法救助台账).
    Assistance {
        columns: Vec<Option<AssistanceColumn>>,
        unknown: Vec<String>,
    },
    /// The service records (送达记录): one row per attempt.
    Service {
        columns: Vec<Option<ServiceColumn>>,
        unknown: Vec<String>,
    },
    /// The parties' address confirmations (送达地址确认书).
    Confirmations {
        columns: Vec<Option<ConfirmationColumn>>,
        unknown: Vec<String>,
    },
    /// A post office's batch of delivery results (邮寄结果).
    Postal {
        columns: Vec<Option<PostalColumn>>,
        unknown: Vec<String>,
    },
}

/// Each header cell's column in `table`, where it names one.
fn columns_of<C: Copy>(
    normalised: &[String],
    table: &[(C, &str, &str, &[&str])],
) -> Vec<Option<C>> {
    let aliases = alias_map(table);
    normalised.iter().map(|h| aliases.get(h).copied()).collect()
}

/// Whether the columns found hold every one of `all`.
fn holds_all<C: Copy + PartialEq>(found: &[Option<C>], all: &[C]) -> bool {
    all.iter().all(|c| found.contains(&Some(*c)))
}

/// Resolves a header row. A cases file names the filing date; a payments file an amount, a date
/// and whether money came in or went out; an events file `kind` and `date`; a parties file the
/// party's standing and name; a staff file the staff number and the name, and no case number.
/// `None` when the row is none of these.
pub fn resolve_header(cells: &[&str]) -> Option<HeaderKind> {
    let cases = alias_map(CASE_COLUMNS);
    let events = alias_map(EVENT_COLUMNS);
    let staff = alias_map(STAFF_COLUMNS);
    let parties = alias_map(PARTY_COLUMNS);
    let payments = alias_map(PAYMENT_COLUMNS);
    let normalised: Vec<String> = cells.iter().map(|c| normalise_header(c)).collect();
    let case_columns: Vec<Option<CaseColumn>> =
        normalised.iter().map(|h| cases.get(h).copied()).collect();
    let event_columns: Vec<Option<EventColumn>> =
        normalised.iter().map(|h| events.get(h).copied()).collect();
    let unknown = |known: &dyn Fn(usize) -> bool| -> Vec<String> {
        cells
            .iter()
            .enumerate()
            .filter(|(i, c)| !c.trim().is_empty() && !known(*i))
            .map(|(_, c)| c.trim().to_string())
            .collect()
    };
    let has_case = |c: CaseColumn| case_columns.contains(&Some(c));
    let has_event = |c: EventColumn| event_columns.contains(&Some(c));
    // A notice: a region and its counts, no case at all.
    let notice_columns = columns_of(&normalised, NOTICE_COLUMNS);
    if holds_all(
        &notice_columns,
        &[
            NoticeColumn::Region,
            NoticeColumn::ToProvince,
            NoticeColumn::From,
        ],
    ) {
        let unknown = unknown(&|i| notice_columns[i].is_some());
        return Some(HeaderKind::Notice {
            columns: notice_columns,
            unknown,
        });
    }
    // The assistance register: a case number with an applicant, the day applied and one of the
    // register's own columns (the decision, the amount, the original cases), which no case file
    // has.
    let aid_columns = columns_of(&normalised, ASSISTANCE_COLUMNS);
    if holds_all(
        &aid_columns,
        &[
            AssistanceColumn::CaseNo,
            AssistanceColumn::Applicant,
            AssistanceColumn::AppliedOn,
        ],
    ) && [
        AssistanceColumn::Decision,
        AssistanceColumn::Amount,
        AssistanceColumn::OriginCases,
    ]
    .iter()
    .any(|c| aid_columns.contains(&Some(*c)))
    {
        let unknown = unknown(&|i| aid_columns[i].is_some());
        return Some(HeaderKind::Assistance {
            columns: aid_columns,
            unknown,
        });
    }
    // The service files: a case number with the document and its recipient; with the party and
    // the day a confirmation was signed; or a tracking number with its delivery status, which no
    // case file has.
    let service_columns = columns_of(&normalised, SERVICE_COLUMNS);
    if holds_all(
        &service_columns,
        &[
            ServiceColumn::CaseNo,
            ServiceColumn::Document,
            ServiceColumn::Recipient,
        ],
    ) {
        let unknown = unknown(&|i| service_columns[i].is_some());
        return Some(HeaderKind::Service {
            columns: service_columns,
            unknown,
        });
    }
    let confirmation_columns = columns_of(&normalised, CONFIRMATION_COLUMNS);
    if holds_all(
        &confirmation_columns,
        &[
            ConfirmationColumn::CaseNo,
            ConfirmationColumn::Party,
            ConfirmationColumn::SignedOn,
        ],
    ) {
        let unknown = unknown(&|i| confirmation_columns[i].is_some());
        return Some(HeaderKind::Confirmations {
            columns: confirmation_columns,
            unknown,
        });
    }
    let postal_columns = columns_of(&normalised, POSTAL_COLUMNS);
    if holds_all(
        &postal_columns,
        &[PostalColumn::TrackingNo, PostalColumn::Status],
    ) {
        let unknown = unknown(&|i| postal_columns[i].is_some());
        return Some(HeaderKind::Postal {
            columns: postal_columns,
            unknown,
        });
    }
    // The register first: it may name cases and dates, but a case file has no register number.
    let petition_columns = columns_of(&normalised, PETITION_COLUMNS);
    if holds_all(
        &petition_columns,
        &[
            PetitionColumn::RegisterNo,
            PetitionColumn::ReceivedOn,
            PetitionColumn::Petitioners,
        ],
    ) {
        let unknown = unknown(&|i| petition_columns[i].is_some());
        return Some(HeaderKind::Petitions {
            columns: petition_columns,
            unknown,
        });
    }
    if has_case(CaseColumn::CaseNo) && has_case(CaseColumn::FiledOn) {
        let unknown = unknown(&|i| case_columns[i].is_some());
        return Some(HeaderKind::Cases {
            columns: case_columns,
            unknown,
        });
    }
    let payment_columns: Vec<Option<PaymentColumn>> = normalised
        .iter()
        .map(|h| payments.get(h).copied())
        .collect();
    let has_payment = |c: PaymentColumn| payment_columns.contains(&Some(c));
    if has_payment(PaymentColumn::CaseNo)
        && has_payment(PaymentColumn::Amount)
        && has_payment(PaymentColumn::Date)
        && has_payment(PaymentColumn::Kind)
    {
        let unknown = unknown(&|i| payment_columns[i].is_some());
        return Some(HeaderKind::Payments {
            columns: payment_columns,
            unknown,
        });
    }
    if has_event(EventColumn::CaseNo)
        && has_event(EventColumn::Kind)
        && has_event(EventColumn::Date)
    {
        let unknown = unknown(&|i| event_columns[i].is_some());
        return Some(HeaderKind::Events {
            columns: event_columns,
            unknown,
        });
    }
    let party_columns: Vec<Option<PartyColumn>> =
        normalised.iter().map(|h| parties.get(h).copied()).collect();
    if party_columns.contains(&Some(PartyColumn::CaseNo))
        && party_columns.contains(&Some(PartyColumn::Role))
        && party_columns.contains(&Some(PartyColumn::Name))
    {
        let unknown = unknown(&|i| party_columns[i].is_some());
        return Some(HeaderKind::Parties {
            columns: party_columns,
            unknown,
        });
    }
    let staff_columns: Vec<Option<StaffColumn>> =
        normalised.iter().map(|h| staff.get(h).copied()).collect();
    let divisions = alias_map(DIVISION_COLUMNS);
    let division_columns: Vec<Option<DivisionColumn>> = normalised
        .iter()
        .map(|h| divisions.get(h).copied())
        .collect();
    if !has_case(CaseColumn::CaseNo)
        && !staff_columns.contains(&Some(StaffColumn::StaffId))
        && division_columns.contains(&Some(DivisionColumn::CourtCode))
        && division_columns.contains(&Some(DivisionColumn::Code))
        && division_columns.contains(&Some(DivisionColumn::Name))
    {
        let unknown = unknown(&|i| division_columns[i].is_some());
        return Some(HeaderKind::Divisions {
            columns: division_columns,
            unknown,
        });
    }
    if !has_case(CaseColumn::CaseNo)
        && staff_columns.contains(&Some(StaffColumn::StaffId))
        && staff_columns.contains(&Some(StaffColumn::Name))
    {
        let unknown = unknown(&|i| staff_columns[i].is_some());
        return Some(HeaderKind::Staff {
            columns: staff_columns,
            unknown,
        });
    }
    None
}

/// Whether a row looks like a header (for the readers' header search): it names the case number
/// and at least one other canonical column, or it is a staff list's header.
pub fn looks_like_header(cells: &[&str]) -> bool {
    if matches!(
        resolve_header(cells),
        Some(
            HeaderKind::Staff { .. }
                | HeaderKind::Parties { .. }
                | HeaderKind::Payments { .. }
                | HeaderKind::Divisions { .. }
                | HeaderKind::Petitions { .. }
                | HeaderKind::Notice { .. }
                | HeaderKind::Assistance { .. }
                | HeaderKind::Service { .. }
                | HeaderKind::Confirmations { .. }
                | HeaderKind::Postal { .. }
        )
    ) {
        return true;
    }
    let cases = alias_map(CASE_COLUMNS);
    let events = alias_map(EVENT_COLUMNS);
    let mut case_no = false;
    let mut others = 0;
    for cell in cells {
        let h = normalise_header(cell);
        if cases.get(&h) == Some(&CaseColumn::CaseNo) {
            case_no = true;
        } else if cases.contains_key(&h) || events.contains_key(&h) {
            others += 1;
        }
    }
    case_no && others > 0
}

/// The header text of a case column in the chosen language.
pub fn case_header(column: CaseColumn, chinese: bool) -> &'static str {
    CASE_COLUMNS
        .iter()
        .find(|(c, ..)| *c == column)
        .map(|(_, en, zh, _)| if chinese { *zh } else { *en })
        .unwrap_or("")
}

/// The header text of a staff column in the chosen language.
pub fn staff_header(column: StaffColumn, chinese: bool) -> &'static str {
    STAFF_COLUMNS
        .iter()
        .find(|(c, ..)| *c == column)
        .map(|(_, en, zh, _)| if chinese { *zh } else { *en })
        .unwrap_or("")
}

/// The header text of a division column in the chosen language.
pub fn division_header(column: DivisionColumn, chinese: bool) -> &'static str {
    DIVISION_COLUMNS
        .iter()
        .find(|(c, ..)| *c == column)
        .map(|(_, en, zh, _)| if chinese { *zh } else { *en })
        .unwrap_or("")
}

/// The header text of a party column in the chosen language.
pub fn party_header(column: PartyColumn, chinese: bool) -> &'static str {
    PARTY_COLUMNS
        .iter()
        .find(|(c, ..)| *c == column)
        .map(|(_, en, zh, _)| if chinese { *zh } else { *en })
        .unwrap_or("")
}

/// The header text of a payment column in the chosen language.
pub fn payment_header(column: PaymentColumn, chinese: bool) -> &'static str {
    PAYMENT_COLUMNS
        .iter()
        .find(|(c, ..)| *c == column)
        .map(|(_, en, zh, _)| if chinese { *zh } else { *en })
        .unwrap_or("")
}

/// The header text of an event column in the chosen language.
pub fn event_header(column: EventColumn, chinese: bool) -> &'static str {
    EVENT_COLUMNS
        .iter()
        .find(|(c, ..)| *c == column)
        .map(|(_, en, zh, _)| if chinese { *zh } else { *en })
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_english_and_alias_headers_resolve() {
        let header = [
            "案号",
            "立案日期",
            "标的额（元）",
            "承办法官",
            "Closed_On",
            "备用列",
        ];
        let Some(HeaderKind::Cases { columns, unknown }) = resolve_header(&header) else {
            panic!("cases header");
        };
        assert_eq!(
            columns,
            [
                Some(CaseColumn::CaseNo),
                Some(CaseColumn::FiledOn),
                Some(CaseColumn::ClaimAmount),
                Some(CaseColumn::Judge),
                Some(CaseColumn::ClosedOn),
                None
            ]
        );
        assert_eq!(unknown, ["备用列"]);
    }

    #[test]
    fn events_and_non_headers() {
        assert!(matches!(
            resolve_header(&["case_no", "kind", "date", "detail"]),
            Some(HeaderKind::Events { .. })
        ));
        assert_eq!(
            resolve_header(&["南京市中级人民法院案件明细", "", ""]),
            None
        );
        assert_eq!(resolve_header(&["案号", "承办人"]), None);
        assert!(looks_like_header(&["案号", "承办人"]));
        assert!(!looks_like_header(&["南京市中级人民法院 2024年案件明细"]));
    }

    #[test]
    fn a_staff_list_header_is_told_from_a_cases_header() {
        let Some(HeaderKind::Staff { columns, unknown }) =
            resolve_header(&["工号", "姓名", "法院代字", "部门", "职务", "备注"])
        else {
            panic!("staff header");
        };
        assert_eq!(columns[0], Some(StaffColumn::StaffId));
        assert_eq!(columns[4], Some(StaffColumn::Role));
        assert_eq!(unknown, ["备注"]);
        assert!(looks_like_header(&["staff_id", "name"]));
        // A cases file that carries the judge's number is still a cases file.
        assert!(matches!(
            resolve_header(&["案号", "立案日期", "承办人", "承办人工号"]),
            Some(HeaderKind::Cases { .. })
        ));
    }

    #[test]
    fn parties_and_payments_headers_are_told_from_events() {
        assert!(matches!(
            resolve_header(&["案号", "诉讼地位", "当事人", "证件号码"]),
            Some(HeaderKind::Parties { .. })
        ));
        assert!(matches!(
            resolve_header(&["案号", "日期", "收付", "金额（元）", "备注"]),
            Some(HeaderKind::Payments { .. })
        ));
        assert!(matches!(
            resolve_header(&["案号", "事件", "日期", "详情"]),
            Some(HeaderKind::Events { .. })
        ));
        assert!(looks_like_header(&["案号", "诉讼地位", "当事人"]));
        assert!(matches!(
            resolve_header(&["法院代字", "部门代码", "部门名称"]),
            Some(HeaderKind::Divisions { .. })
        ));
        // A staff list that names divisions by code stays a staff list.
        assert!(matches!(
            resolve_header(&["工号", "姓名", "法院代字", "部门代码"]),
            Some(HeaderKind::Staff { .. })
        ));
    }

    #[test]
    fn an_assistance_register_is_told_from_a_case_file_that_names_an_applicant() {
        assert!(matches!(
            resolve_header(&["案号", "申请人", "申请日期", "决定结果", "救助金额"]),
            Some(HeaderKind::Assistance { .. })
        ));
        assert!(matches!(
            resolve_header(&["case_no", "applicant", "applied_on", "origin_cases"]),
            Some(HeaderKind::Assistance { .. })
        ));
        // A court's export of enforcement or retrial cases may name an applicant beside its
        // filing date: still cases.
        assert!(matches!(
            resolve_header(&["案号", "收案日期", "申请人", "结案日期"]),
            Some(HeaderKind::Cases { .. })
        ));
    }

    #[test]
    fn every_alias_is_unique_across_columns() {
        fn unique<C: Copy + PartialEq + std::fmt::Debug>(columns: &[(C, &str, &str, &[&str])]) {
            let mut seen = HashMap::new();
            for (column, en, zh, aliases) in columns {
                for alias in [en, zh].into_iter().chain(aliases.iter()) {
                    let previous = seen.insert(normalise_header(alias), *column);
                    assert!(previous.is_none() || previous == Some(*column), "{alias}");
                }
            }
        }
        unique(CASE_COLUMNS);
        unique(EVENT_COLUMNS);
        unique(STAFF_COLUMNS);
        unique(PARTY_COLUMNS);
        unique(PAYMENT_COLUMNS);
        unique(DIVISION_COLUMNS);
        unique(SERVICE_COLUMNS);
        unique(CONFIRMATION_COLUMNS);
        unique(POSTAL_COLUMNS);
    }

    #[test]
    fn the_service_files_are_told_apart_and_from_the_case_files() {
        let kind = |header: &[&str]| match resolve_header(header) {
            Some(HeaderKind::Service { .. }) => "service",
            Some(HeaderKind::Confirmations { .. }) => "confirmations",
            Some(HeaderKind::Postal { .. }) => "postal",
            Some(HeaderKind::Parties { .. }) => "parties",
            Some(HeaderKind::Events { .. }) => "events",
            Some(_) => "other",
            None => "none",
        };
        let records: Vec<&str> = SERVICE_COLUMNS.iter().map(|c| c.2).collect();
        assert_eq!(kind(&records), "service");
        let records: Vec<&str> = SERVICE_COLUMNS.iter().map(|c| c.1).collect();
        assert_eq!(kind(&records), "service");
        let confirmations: Vec<&str> = CONFIRMATION_COLUMNS.iter().map(|c| c.2).collect();
        assert_eq!(kind(&confirmations), "confirmations");
        // A post office's export with columns of its own beside those read.
        assert_eq!(
            kind(&[
                "序号",
                "邮件号码",
                "收件人",
                "收件人电话",
                "邮件状态",
                "妥投时间",
                "未妥投原因",
                "签收人"
            ]),
            "postal"
        );
        // A parties file naming the address for service stays a parties file, an events file
        // naming 送达 stays an events file.
        assert_eq!(kind(&["案号", "诉讼地位", "当事人", "送达地址"]), "parties");
        assert_eq!(kind(&["案号", "事件", "日期", "详情"]), "events");
        assert!(looks_like_header(&["邮件号", "投递状态"]));
    }
}
