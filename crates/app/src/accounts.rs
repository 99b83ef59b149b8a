//! Use case: accounts, their roles and scopes, API tokens, and the audit log. Passwords are
//! hashed with argon2id; a token is 32 random bytes shown once and kept only as its SHA-256.
//! A user's scope is enforced by narrowing every query to it (see [`User::restrict`]).

use argon2::Argon2;
use password_hash::rand_core::{OsRng, RngCore};
use password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use shenguan_domain::{
    CaseRecord, CourtCode, CourtScope, NameMatch, Roster, StaffId, judge_key, list_candidates,
};
use shenguan_metrics::Filter;
use shenguan_store::{AuditEntry, UserRow};

use crate::{App, AppError, Store, Text, text};

/// What a user does in the court, and so what they may see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// 系统管理员: accounts and the audit log, the whole network (or one court).
    Admin,
    /// 院领导: a court president or vice-president.
    Leader,
    /// 审管办: the trial-management office.
    Office,
    /// 庭长: one division of one court.
    Division,
    /// 法官: their own cases.
    Judge,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Leader,
        Role::Office,
        Role::Division,
        Role::Judge,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Leader => "leader",
            Role::Office => "office",
            Role::Division => "division",
            Role::Judge => "judge",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Role::Admin => "系统管理员",
            Role::Leader => "院领导",
            Role::Office => "审管办",
            Role::Division => "庭长",
            Role::Judge => "法官",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        let text = text.trim();
        Role::ALL
            .into_iter()
            .find(|r| r.key() == text || r.label_zh() == text)
    }
}

/// An account as the application uses it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub name: String,
    pub role: Role,
    /// The court the user belongs to (and sees, with the courts below it); `None`: the network.
    pub court: Option<CourtCode>,
    pub division: Option<String>,
    /// A judge's staff number: their cases are those that name it (or, for cases that name
    /// their judge only by name, those of their court that carry their name).
    pub staff_id: Option<StaffId>,
}

/// An account to add: who, in what role, where, and (for a judge) which person on the staff
/// list.
#[derive(Clone, Copy, Debug)]
pub struct NewAccount<'a> {
    pub name: &'a str,
    pub role: Role,
    pub court: Option<CourtCode>,
    pub division: Option<&'a str>,
    /// A judge's staff number; without one, the name is looked up in the court's staff list.
    pub staff_id: Option<&'a str>,
    pub password: &'a str,
}

/// An account as an administrator lists it: the user, whether it is disabled, its tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountSummary {
    pub user: User,
    /// When it was disabled; `None`: in use.
    pub disabled_at: Option<String>,
    /// API tokens it holds (expired ones included, until revoked).
    pub tokens: u64,
}

/// An account's stored password, read with a connection and checked without one: the slow hash
/// must not hold the store while it runs.
#[derive(Debug)]
pub struct Credentials {
    row: Option<UserRow>,
}

impl Credentials {
    /// The user if `password` is theirs and the account is in use. An unknown name, or a
    /// disabled account, costs the same argon2 run as a wrong password, so that the time of the
    /// answer does not tell which names exist.
    pub fn verify(self, password: &str) -> Result<Option<User>, AppError> {
        let stored = match &self.row {
            Some(row) => row.password_hash.clone(),
            None => decoy_hash().to_string(),
        };
        let matches = PasswordHash::new(&stored).is_ok_and(|hash| {
            Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        });
        match self.row {
            Some(row) if matches && row.disabled_at.is_none() => user_of(row).map(Some),
            _ => Ok(None),
        }
    }
}

/// A request reaching beyond the user's scope, and why, in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Forbidden(pub Text);

impl User {
    /// Narrows `filter` to what the user may see: their court (or a court below it), their
    /// division, their own cases. Asking for more is refused, never silently cut.
    pub fn restrict(&self, filter: &mut Filter) -> Result<(), Forbidden> {
        if let Some(own) = self.court {
            match filter.court {
                Some(asked) if !within(asked.court, own) => {
                    let name = &self.name;
                    return Err(Forbidden(text!(
                        "无权查看{asked}的数据",
                        "{name} may not see the data of {asked}"
                    )));
                }
                Some(_) => {}
                // Unasked, a user's figures and lists are their court's and the courts' below.
                None => filter.court = Some(CourtScope::with_lower(own)),
            }
        }
        let name = &self.name;
        let narrow = |field: &mut Option<String>, own: &str, what: (&str, &str)| match field {
            Some(asked) if asked != own => {
                let (what_zh, what_en) = what;
                Err(Forbidden(text!(
                    "无权查看{what_zh}“{asked}”的数据",
                    "{name} may not see the data of the {what_en} “{asked}”"
                )))
            }
            _ => {
                *field = Some(own.to_string());
                Ok(())
            }
        };
        match self.role {
            Role::Division => narrow(
                &mut filter.division,
                self.division.as_deref().unwrap_or(""),
                ("部门", "division"),
            )?,
            Role::Judge => {
                let own = self.judge_key().unwrap_or_default();
                // Their own name asked for is their own cases, not their namesakes'.
                if filter.judge.as_deref() == Some(self.name.as_str()) {
                    filter.judge = None;
                }
                narrow(&mut filter.judge, &own, ("承办人", "judge"))?
            }
            _ => {}
        }
        Ok(())
    }

    /// The key a judge's cases are counted under: their staff number, or their court and name.
    pub fn judge_key(&self) -> Option<String> {
        let court = self.court?;
        judge_key(court, self.staff_id.as_ref(), Some(&self.name))
    }

    /// Whether the user may manage the account `other` (add it, disable it, revoke its tokens,
    /// reset its password): an administrator, for accounts held to their court or a court below
    /// it; an administrator of the network, for every account.
    pub fn may_manage(&self, other: &User) -> bool {
        self.role == Role::Admin
            && match (self.court, other.court) {
                (None, _) => true,
                (Some(own), Some(theirs)) => within(theirs, own),
                (Some(_), None) => false,
            }
    }

    /// Whether the user may load data: administrators, and the trial-management office.
    pub fn may_import(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Office)
    }

    /// The court an import by this user is held to (`None`: anywhere), or why they may not
    /// import. An administrator or an office imports into the court they are held to and the
    /// courts below it (anywhere when held to the network): what they may load is what they
    /// may see.
    pub fn import_scope(&self) -> Result<Option<CourtCode>, Forbidden> {
        match self.role {
            Role::Admin | Role::Office => Ok(self.court),
            _ => {
                let name = &self.name;
                Err(Forbidden(text!(
                    "仅系统管理员和审管办可导入数据",
                    "{name} may not import data: administrators and the trial-management office do"
                )))
            }
        }
    }

    /// Whether the user may open a case.
    pub fn may_see(&self, case: &CaseRecord) -> bool {
        let court = self.court.is_none_or(|own| within(case.court, own));
        let rest = match self.role {
            // A division head without a division sees none, as `restrict` narrows their lists.
            Role::Division => self.division.is_some() && case.division == self.division,
            Role::Judge => self.judge_key().is_some() && case.judge_key() == self.judge_key(),
            _ => true,
        };
        court && rest
    }
}

/// Whether `code` is `own` or a court below it.
fn within(code: CourtCode, own: CourtCode) -> bool {
    CourtScope::with_lower(own).covers(code)
}

fn store_error(e: shenguan_store::StoreError) -> AppError {
    AppError::from(e)
}

fn no_such_user(name: &str) -> AppError {
    AppError::NotFound(text!("没有用户“{name}”", "there is no user named “{name}”"))
}

fn user_of(row: UserRow) -> Result<User, AppError> {
    let role = Role::parse(&row.role).ok_or_else(|| {
        let (name, role) = (&row.name, &row.role);
        AppError::Invalid(text!(
            "用户{name}的角色“{role}”无法识别",
            "the role “{role}” of the user {name} is unknown"
        ))
    })?;
    let court = row
        .court_code
        .as_deref()
        .map(CourtCode::parse)
        .transpose()
        .map_err(|e| {
            let (name, why) = (&row.name, e.text());
            let (zh, en) = (why.zh(), why.en());
            AppError::Invalid(text!("用户{name}: {zh}", "the user {name}: {en}"))
        })?;
    let staff_id = row
        .staff_id
        .as_deref()
        .map(StaffId::parse)
        .transpose()
        .map_err(|e| {
            let (name, why) = (&row.name, e.text());
            let (zh, en) = (why.zh(), why.en());
            AppError::Invalid(text!("用户{name}: {zh}", "the user {name}: {en}"))
        })?;
    Ok(User {
        name: row.name,
        role,
        court,
        division: row.division,
        staff_id,
    })
}

/// The hash of a random password nobody knows, made once: what an unknown name is checked
/// against.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(new_secret().as_bytes(), &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

/// A new random password of 16 letters and digits (no look-alikes such as 0/O, 1/l).
pub fn new_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

/// A new random secret of 32 bytes in hex (session identifiers, form tokens).
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl App {
    /// Adds (or replaces) an account. A division head needs a court and a division; a judge a
    /// court, and is tied to a person of the staff list — by the staff number given, or by
    /// their name when it is unique in the court (a name several people share needs the
    /// number); passwords have at least 8 characters.
    pub fn add_user(&self, store: &mut Store, account: NewAccount<'_>) -> Result<User, AppError> {
        self.add_user_by(store, account, None)
    }

    /// [`App::add_user`] by an administrator on the web (`by`), who is audited as its author.
    pub fn add_user_by(
        &self,
        store: &mut Store,
        account: NewAccount<'_>,
        by: Option<&str>,
    ) -> Result<User, AppError> {
        let NewAccount {
            name,
            role,
            court,
            division,
            staff_id,
            password,
        } = account;
        let name = name.trim();
        if name.is_empty() || name.len() > 64 {
            return Err(AppError::Invalid(text!(
                "用户名须为1至64个字节",
                "a user's name must be 1 to 64 bytes long"
            )));
        }
        if password.chars().count() < 8 {
            return Err(AppError::Invalid(text!(
                "密码至少8个字符",
                "the password needs at least 8 characters"
            )));
        }
        let division = division.map(str::trim).filter(|d| !d.is_empty());
        match role {
            Role::Division if court.is_none() || division.is_none() => {
                // Named as the command line's flags and the page's fields both call them.
                return Err(AppError::Invalid(text!(
                    "庭长账号须指定法院（court）与部门（division）",
                    "a division head's account needs its court (court) and division (division)"
                )));
            }
            Role::Judge if court.is_none() => {
                return Err(AppError::Invalid(text!(
                    "法官账号须指定法院（court）",
                    "a judge's account needs its court (court)"
                )));
            }
            _ => {}
        }
        // A court of the network (or one above its courts): not a code nobody uses.
        if let Some(court) = court {
            let courts = self.courts();
            let below = CourtScope::with_lower(court);
            let known = courts.is_empty() || courts.courts().any(|c| below.covers(c.code));
            if !known {
                return Err(AppError::Invalid(text!(
                    "{court}不是本网络的法院（法院名单中没有）",
                    "{court} is not a court of the network (it is not on the court list)"
                )));
            }
        }
        let staff_id = match (role, court) {
            (Role::Judge, Some(court)) => self.staff_of_judge(store, name, court, staff_id)?,
            _ => None,
        };
        let salt = SaltString::generate(&mut OsRng);
        let hash = Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map_err(|e| AppError::Internal(format!("cannot hash a password: {e}")))?
            .to_string();
        let row = UserRow {
            name: name.to_string(),
            role: role.key().to_string(),
            court_code: court.map(|c| c.to_string()),
            division: division.map(str::to_string),
            staff_id: staff_id.map(|id| id.to_string()),
            password_hash: hash,
            created_at: self.now_text(),
            // A new account is in use; adding one again (a new password, a new role) leaves it
            // disabled if it was: the store keeps what it has.
            disabled_at: None,
        };
        store.atomically(|store| {
            store.inner.put_user(&row).map_err(store_error)?;
            self.audit(store, by, "user.add", &format!("{name} {}", role.key()))
        })?;
        user_of(row)
    }

    /// The staff number a judge's account is tied to: the one given (which must be on the staff
    /// list when the court has one, with the same name), else the one person of that name in
    /// the court. `None` when the court keeps no staff list, or nobody of the name is on it.
    fn staff_of_judge(
        &self,
        store: &mut Store,
        name: &str,
        court: CourtCode,
        given: Option<&str>,
    ) -> Result<Option<StaffId>, AppError> {
        let roster = Roster::new(store.inner.staff().map_err(store_error)?);
        let Some(given) = given.map(str::trim).filter(|g| !g.is_empty()) else {
            return match roster.find(court, name) {
                NameMatch::One(person) => Ok(Some(person.id.clone())),
                NameMatch::Nobody => Ok(None),
                NameMatch::Several(candidates) => {
                    let (n, listed) = (candidates.len(), list_candidates(&candidates));
                    Err(AppError::Invalid(text!(
                        "{court}有{n}人名为{name}，请指定工号（staff）：{listed}",
                        "{n} people of {court} are called {name}: give the staff number (staff): {listed}"
                    )))
                }
            };
        };
        let id = StaffId::parse(given).map_err(|e| {
            let why = e.text();
            let (zh, en) = (why.zh(), why.en());
            AppError::Invalid(text!("工号（staff）：{zh}", "staff number (staff): {en}"))
        })?;
        match roster.get(&id) {
            Some(person) if person.name != name => {
                let theirs = &person.name;
                Err(AppError::Invalid(text!(
                    "工号{id}是{theirs}，不是{name}",
                    "the staff number {id} is {theirs}'s, not {name}'s"
                )))
            }
            None if roster.knows_court(court) => Err(AppError::Invalid(text!(
                "工号{id}不在{court}的人员名单中",
                "the staff number {id} is not on the staff list of {court}"
            ))),
            _ => Ok(Some(id)),
        }
    }

    /// The user if `password` is theirs and the account is in use. The command line's check;
    /// the server reads the [`Credentials`] with a connection and checks them without one.
    pub fn check_password(
        &self,
        store: &mut Store,
        name: &str,
        password: &str,
    ) -> Result<Option<User>, AppError> {
        self.credentials(store, name)?.verify(password)
    }

    /// What a password is checked against: the account of `name`, if there is one.
    pub fn credentials(&self, store: &mut Store, name: &str) -> Result<Credentials, AppError> {
        Ok(Credentials {
            row: store.inner.user(name.trim()).map_err(store_error)?,
        })
    }

    /// The account `name` as it is now, if it exists and is in use: what a session is checked
    /// against at every request, so that a change of role or scope, or a disable, takes effect
    /// at once.
    pub fn active_user(&self, store: &mut Store, name: &str) -> Result<Option<User>, AppError> {
        match store.inner.user(name).map_err(store_error)? {
            Some(row) if row.disabled_at.is_none() => user_of(row).map(Some),
            _ => Ok(None),
        }
    }

    /// Disables the account `name`: it can no longer sign in, and its sessions and tokens stop
    /// working at their next request. `by`: the administrator who did it (none: the command
    /// line).
    pub fn disable_user(
        &self,
        store: &mut Store,
        name: &str,
        by: Option<&str>,
    ) -> Result<(), AppError> {
        store.atomically(|store| {
            if !store
                .inner
                .set_user_disabled(name, Some(&self.now_text()))
                .map_err(store_error)?
            {
                return Err(no_such_user(name));
            }
            self.audit(store, by, "user.disable", name)
        })
    }

    /// Puts a disabled account back in use (its tokens, if not revoked, work again).
    pub fn enable_user(
        &self,
        store: &mut Store,
        name: &str,
        by: Option<&str>,
    ) -> Result<(), AppError> {
        store.atomically(|store| {
            if !store
                .inner
                .set_user_disabled(name, None)
                .map_err(store_error)?
            {
                return Err(no_such_user(name));
            }
            self.audit(store, by, "user.enable", name)
        })
    }

    /// Gives `name` a new random password (shown once to the administrator who asked, `by`):
    /// the old one no longer signs in. Sessions already open go on until they end.
    pub fn reset_password(
        &self,
        store: &mut Store,
        name: &str,
        by: Option<&str>,
    ) -> Result<String, AppError> {
        // Asked first, so that a name nobody has is refused before the (slow) hashing; the write
        // below changes the hash alone, so a disabling or a change of role made meanwhile stays.
        store
            .inner
            .user(name)
            .map_err(store_error)?
            .ok_or_else(|| no_such_user(name))?;
        let password = new_password();
        let salt = SaltString::generate(&mut OsRng);
        let hash = Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map_err(|e| AppError::Internal(format!("cannot hash a password: {e}")))?
            .to_string();
        store.atomically(|store| {
            if !store
                .inner
                .set_password_hash(name, &hash)
                .map_err(store_error)?
            {
                return Err(no_such_user(name));
            }
            self.audit(store, by, "user.password", name)
        })?;
        Ok(password)
    }

    /// Every account with how many API tokens it holds, by name.
    pub fn accounts(&self, store: &mut Store) -> Result<Vec<AccountSummary>, AppError> {
        let tokens: std::collections::HashMap<String, u64> = store
            .inner
            .token_counts()
            .map_err(store_error)?
            .into_iter()
            .collect();
        store
            .inner
            .users()
            .map_err(store_error)?
            .into_iter()
            .map(|row| {
                let tokens = tokens.get(&row.name).copied().unwrap_or(0);
                let disabled_at = row.disabled_at.clone();
                Ok(AccountSummary {
                    user: user_of(row)?,
                    disabled_at,
                    tokens,
                })
            })
            .collect()
    }

    /// Appends to the audit log: who (none for the command line), what, about what.
    pub fn audit(
        &self,
        store: &mut Store,
        user: Option<&str>,
        action: &str,
        detail: &str,
    ) -> Result<(), AppError> {
        store
            .inner
            .audit(&self.now_text(), user, action, detail)
            .map_err(store_error)
    }

    /// The latest lines of the audit log, newest first.
    pub fn audit_log(&self, store: &mut Store, limit: i64) -> Result<Vec<AuditEntry>, AppError> {
        store.inner.audit_entries(limit).map_err(store_error)
    }
}

/// Every action the audit log records, wherever it is written (here, imports, exports, the
/// web's case views): its key, and what it means in Chinese and English. The audit page offers
/// these to filter by; add a line here with any new action.
pub const AUDIT_ACTIONS: [(&str, &str, &str); 53] = [
    ("login", "登录", "sign-in"),
    ("login.failed", "登录失败", "failed sign-in"),
    (
        "login.throttled",
        "登录被限制",
        "sign-in refused (too many failures)",
    ),
    ("import", "导入", "import"),
    ("export", "导出", "export"),
    ("user.add", "添加或更新账号", "account added or changed"),
    ("user.password", "重置密码", "password reset"),
    ("user.disable", "停用账号", "account disabled"),
    ("user.enable", "恢复账号", "account enabled"),
    ("token.create", "生成令牌", "token made"),
    ("token.revoke", "吊销令牌", "tokens revoked"),
    ("case.view", "查看案件", "case viewed"),
    ("supervision.open", "督办", "case put under supervision"),
    ("supervision.reply", "督办答复", "supervision replied"),
    ("supervision.close", "督办办结", "supervision closed"),
    (
        "supervision.return",
        "督办退回",
        "supervision reply returned",
    ),
    ("supervision.escalate", "督办升级", "supervision escalated"),
    ("zhongben.review", "终本评查", "终本 case reviewed"),
    (
        "limit.apply",
        "申请审限变更",
        "time-limit change applied for",
    ),
    (
        "limit.approve",
        "批准审限变更",
        "time-limit change approved",
    ),
    (
        "limit.refuse",
        "不批准审限变更",
        "time-limit change refused",
    ),
    ("petition.register", "登记信访", "petition registered"),
    (
        "petition.accept",
        "信访受理及甄别",
        "petition accepted and screened",
    ),
    (
        "petition.route",
        "信访导入法律程序",
        "petition routed into procedure",
    ),
    (
        "petition.extend",
        "信访延长办理期限",
        "petition handling limit extended",
    ),
    ("petition.reply", "信访答复", "petition replied to"),
    (
        "petition.rate",
        "信访满意度回访",
        "petition satisfaction recorded",
    ),
    ("petition.ask_review", "信访复查申请", "复查 asked"),
    ("petition.answer_review", "信访复查答复", "复查 answered"),
    ("petition.ask_recheck", "信访复核申请", "复核 asked"),
    ("petition.answer_recheck", "信访复核答复", "复核 answered"),
    ("petition.resolve", "信访化解", "petition matter resolved"),
    ("petition.end", "信访依法终结", "petition ended by law"),
    ("petition.stop", "息访", "petitioner stopped"),
    ("review.plan", "制定评查计划", "review plan made"),
    ("review.submit", "提交评查意见", "review submitted"),
    (
        "review.object",
        "对评查意见提出异议",
        "objection to a review",
    ),
    ("review.decide", "异议决定", "objection decided"),
    ("review.outcome", "问责", "held to account"),
    ("review.recuse", "评查回避", "reviewer recused"),
    ("review.flag", "列为重点评查", "case flagged for key review"),
    ("review.assign", "分配评查案件", "case given to a reviewer"),
    ("allocation.draw", "随机分案", "case allocated by draw"),
    (
        "allocation.designate",
        "指定分案",
        "case designated to a judge",
    ),
    ("allocation.change", "变更承办法官", "case's judge changed"),
    (
        "allocation.exclude",
        "申报回避或利害关系",
        "recusal or relationship declared",
    ),
    ("allocation.leave", "申报休假", "leave declared"),
    ("service.task", "创建送达任务", "service task opened"),
    ("service.attempt", "记录送达", "service attempt recorded"),
    ("service.settle", "登记送达结果", "service result recorded"),
    ("service.assign", "分派送达任务", "service tasks assigned"),
    (
        "service.confirmation",
        "登记送达地址确认书",
        "address confirmation recorded",
    ),
    ("service.import", "导入送达记录", "service records imported"),
];

mod throttle;
mod tokens;

pub use throttle::{LoginThrottle, Throttled};

#[cfg(test)]
mod tests;
