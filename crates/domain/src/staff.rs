//! Court staff as identities: the staff number (工号) that names one person across the network,
//! their role, and the roster that turns a name in a case file into a person — only when the name
//! is unique within the case's court.
//!
//! Names are not identities: common names repeat across a network (two 吴刚 in two courts), and
//! now and then within one court. A case that names its judge only by name is tied to a staff
//! number when the court has exactly one person of that name; otherwise the import asks which.
//! A case whose judge is known only by name (the network keeps no staff list, or the person is
//! not on it) is still counted for that name within its court, never merged with a namesake
//! elsewhere: see [`judge_key`].

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;

use crate::court::CourtCode;

/// A staff number (工号): letters, digits, `-` and `_`, at most 32 characters, unique within the
/// network.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StaffId(String);

/// Why a text is not a staff number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffIdError(pub String);

impl StaffIdError {
    /// The reason in both languages.
    pub fn text(&self) -> crate::Text {
        let given = &self.0;
        crate::text!(
            "工号“{given}”须为1至32位字母、数字、“-”或“_”",
            "the staff number “{given}” must be 1 to 32 letters, digits, - or _"
        )
    }
}

/// In Chinese, the default language; [`StaffIdError::text`] has both.
impl fmt::Display for StaffIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text().zh())
    }
}

impl std::error::Error for StaffIdError {}

impl StaffId {
    pub const MAX_LEN: usize = 32;

    pub fn parse(text: &str) -> Result<StaffId, StaffIdError> {
        let text = text.trim();
        let valid = !text.is_empty()
            && text.len() <= StaffId::MAX_LEN
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if valid {
            Ok(StaffId(text.to_string()))
        } else {
            Err(StaffIdError(text.chars().take(40).collect()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for StaffId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A staff member's post.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StaffRole {
    /// 员额法官: a judge within the quota, who may handle cases.
    QuotaJudge,
    JudgeAssistant,
    Clerk,
    /// 执行员: an enforcement officer.
    EnforcementOfficer,
    DivisionHead,
    DeputyDivisionHead,
    President,
    VicePresident,
    /// 审判管理办公室 staff.
    CaseManagement,
    Other,
}

/// Every role: Chinese name, English key, other names accepted on import.
#[rustfmt::skip]
const ROLES: &[(StaffRole, &str, &str, &[&str])] = &[
    (StaffRole::QuotaJudge, "员额法官", "judge", &["法官", "审判员", "承办法官"]),
    (StaffRole::JudgeAssistant, "法官助理", "assistant", &["助理"]),
    (StaffRole::Clerk, "书记员", "clerk", &[]),
    (StaffRole::EnforcementOfficer, "执行员", "enforcement_officer", &["执行法官"]),
    (StaffRole::DivisionHead, "庭长", "division_head", &["局长", "执行局长", "主任"]),
    (StaffRole::DeputyDivisionHead, "副庭长", "deputy_division_head", &["副局长", "副主任"]),
    (StaffRole::President, "院长", "president", &[]),
    (StaffRole::VicePresident, "副院长", "vice_president", &[]),
    (StaffRole::CaseManagement, "审管办", "case_management", &["审判管理办公室"]),
    (StaffRole::Other, "其他", "other", &[]),
];

impl StaffRole {
    pub fn label_zh(self) -> &'static str {
        ROLES.iter().find(|r| r.0 == self).map_or("其他", |r| r.1)
    }

    pub fn key(self) -> &'static str {
        ROLES.iter().find(|r| r.0 == self).map_or("other", |r| r.2)
    }

    /// Reads a role by its Chinese name, English key or another accepted name.
    pub fn parse(text: &str) -> Result<StaffRole, UnknownStaffRole> {
        let text = text.trim();
        ROLES
            .iter()
            .find(|(_, zh, en, aliases)| {
                *zh == text || en.eq_ignore_ascii_case(text) || aliases.contains(&text)
            })
            .map(|r| r.0)
            .ok_or_else(|| UnknownStaffRole(text.chars().take(40).collect()))
    }

    /// The accepted Chinese names, for error messages.
    pub fn accepted() -> String {
        ROLES.iter().map(|r| r.1).collect::<Vec<_>>().join("、")
    }
}

/// A role name that is not on the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownStaffRole(pub String);

impl UnknownStaffRole {
    /// The reason in both languages.
    pub fn text(&self) -> crate::Text {
        let given = &self.0;
        let accepted = StaffRole::accepted();
        let keys: Vec<&str> = ROLES.iter().map(|r| r.2).collect();
        let keys = keys.join(", ");
        crate::text!(
            "未知职务“{given}”，可用：{accepted}",
            "unknown staff role “{given}”; use one of: {keys}"
        )
    }
}

/// In Chinese, the default language; [`UnknownStaffRole::text`] has both.
impl fmt::Display for UnknownStaffRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text().zh())
    }
}

impl std::error::Error for UnknownStaffRole {}

/// One person on the network's staff list (one row of `staff`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Staff {
    pub id: StaffId,
    pub name: String,
    pub court: CourtCode,
    /// The division (庭室) as the court names it.
    pub division: Option<String>,
    pub role: Option<StaffRole>,
    pub active_from: Option<NaiveDate>,
    pub active_to: Option<NaiveDate>,
}

/// A division (庭室) of a court as the network lists it: its code in the court's case system and
/// its name. A case file that names a division by its code shows it by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Division {
    pub court: CourtCode,
    pub code: String,
    pub name: String,
}

impl Division {
    /// Whether a text is a division code: 1 to 32 letters, digits, `-` or `_`.
    pub fn is_code(text: &str) -> bool {
        (1..=32).contains(&text.len())
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    }
}

/// The key a judge is counted under: the staff number when the case has one, otherwise the
/// court and the name ("湘1402:吴刚"), so that namesakes in two courts stay two. A staff number
/// never holds ':', so the two forms cannot meet.
pub fn judge_key(
    court: CourtCode,
    judge_id: Option<&StaffId>,
    name: Option<&str>,
) -> Option<String> {
    match (judge_id, name) {
        (Some(id), _) => Some(id.to_string()),
        (None, Some(name)) if !name.trim().is_empty() => Some(format!("{court}:{}", name.trim())),
        _ => None,
    }
}

/// A judge key read back: a staff number, or a court and a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JudgeKey {
    Staff(StaffId),
    Named(CourtCode, String),
}

impl JudgeKey {
    pub fn parse(key: &str) -> Option<JudgeKey> {
        match key.split_once(':') {
            Some((court, name)) => Some(JudgeKey::Named(
                CourtCode::parse(court).ok()?,
                name.to_string(),
            )),
            None => StaffId::parse(key).ok().map(JudgeKey::Staff),
        }
    }
}

impl fmt::Display for JudgeKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JudgeKey::Staff(id) => write!(f, "{id}"),
            JudgeKey::Named(court, name) => write!(f, "{court}:{name}"),
        }
    }
}

/// How a name in a case resolves within its court.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameMatch<'a> {
    /// Exactly one person of that name in the court.
    One(&'a Staff),
    /// Several: the file must give the staff number.
    Several(Vec<&'a Staff>),
    /// Nobody of that name in the court's list.
    Nobody,
}

/// The network's staff list, looked up by staff number and by (court, name).
#[derive(Clone, Debug, Default)]
pub struct Roster {
    staff: Vec<Staff>,
    by_id: HashMap<StaffId, usize>,
    by_court_name: HashMap<(CourtCode, String), Vec<usize>>,
    /// How many people carry each name across the network (to tell namesakes apart in labels).
    name_count: HashMap<String, usize>,
}

impl Roster {
    /// A roster of `staff`; a later row with the same staff number replaces an earlier one.
    pub fn new(staff: impl IntoIterator<Item = Staff>) -> Roster {
        let mut roster = Roster::default();
        for person in staff {
            roster.insert(person);
        }
        roster
    }

    fn insert(&mut self, person: Staff) {
        if let Some(&at) = self.by_id.get(&person.id) {
            let old = std::mem::replace(&mut self.staff[at], person);
            self.forget(&old, at);
            self.remember(at);
        } else {
            self.staff.push(person);
            let at = self.staff.len() - 1;
            self.by_id.insert(self.staff[at].id.clone(), at);
            self.remember(at);
        }
    }

    fn remember(&mut self, at: usize) {
        let person = &self.staff[at];
        self.by_court_name
            .entry((person.court, person.name.clone()))
            .or_default()
            .push(at);
        *self.name_count.entry(person.name.clone()).or_default() += 1;
    }

    fn forget(&mut self, old: &Staff, at: usize) {
        if let Some(list) = self.by_court_name.get_mut(&(old.court, old.name.clone())) {
            list.retain(|i| *i != at);
        }
        if let Some(count) = self.name_count.get_mut(&old.name) {
            *count -= 1;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.staff.is_empty()
    }

    pub fn len(&self) -> usize {
        self.staff.len()
    }

    pub fn all(&self) -> &[Staff] {
        &self.staff
    }

    pub fn get(&self, id: &StaffId) -> Option<&Staff> {
        self.by_id.get(id).map(|&at| &self.staff[at])
    }

    /// Whether the court has anyone on the list (a court without a list cannot check names).
    pub fn knows_court(&self, court: CourtCode) -> bool {
        self.staff.iter().any(|s| s.court == court)
    }

    /// The people of this name in this court.
    pub fn find(&self, court: CourtCode, name: &str) -> NameMatch<'_> {
        match self.by_court_name.get(&(court, name.trim().to_string())) {
            Some(list) if list.len() == 1 => NameMatch::One(&self.staff[list[0]]),
            Some(list) if list.len() > 1 => {
                NameMatch::Several(list.iter().map(|&i| &self.staff[i]).collect())
            }
            _ => NameMatch::Nobody,
        }
    }

    /// How a person is shown: the name, with the staff number when someone else in the network
    /// has the same name ("吴刚（0231）").
    pub fn label(&self, id: &StaffId) -> Option<String> {
        let person = self.get(id)?;
        Some(self.label_of(person))
    }

    pub fn label_of(&self, person: &Staff) -> String {
        if self.name_count.get(&person.name).copied().unwrap_or(0) > 1 {
            format!("{}（{}）", person.name, person.id)
        } else {
            person.name.clone()
        }
    }

    /// How a judge key is shown: the person's label, or for a name without a staff number the
    /// name itself (its court is shown beside it where it matters). `fallback` is the name the
    /// data gives when the key's staff number is not on the list.
    pub fn label_key(&self, key: &str, fallback: Option<&str>) -> String {
        match JudgeKey::parse(key) {
            Some(JudgeKey::Staff(id)) => self.label(&id).unwrap_or_else(|| match fallback {
                Some(name) if !name.is_empty() => format!("{name}（{id}）"),
                _ => id.to_string(),
            }),
            Some(JudgeKey::Named(_, name)) => name,
            None => key.to_string(),
        }
    }
}

/// Candidates for an ambiguous name, as an error lists them: "吴刚（0231，民事审判第一庭）".
pub fn list_candidates(candidates: &[&Staff]) -> String {
    candidates
        .iter()
        .map(|s| match &s.division {
            Some(division) => format!("{}（{}，{}）", s.name, s.id, division),
            None => format!("{}（{}）", s.name, s.id),
        })
        .collect::<Vec<_>>()
        .join("、")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn court(code: &str) -> CourtCode {
        CourtCode::parse(code).expect("court")
    }

    fn person(id: &str, name: &str, at: &str) -> Staff {
        Staff {
            id: StaffId::parse(id).expect("id"),
            name: name.into(),
            court: court(at),
            division: Some("民事审判第一庭".into()),
            role: Some(StaffRole::QuotaJudge),
            active_from: None,
            active_to: None,
        }
    }

    #[test]
    fn staff_numbers_are_short_plain_words() {
        assert!(StaffId::parse(" 0231 ").is_ok_and(|id| id.as_str() == "0231"));
        assert!(StaffId::parse("HN-14_02").is_ok());
        for bad in ["", "  ", "吴刚", "01:02", "a b", &"9".repeat(33), "=1+1"] {
            assert!(StaffId::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn roles_read_by_any_name_and_unknown_ones_list_the_accepted() {
        assert_eq!(StaffRole::parse("员额法官"), Ok(StaffRole::QuotaJudge));
        assert_eq!(StaffRole::parse("Judge"), Ok(StaffRole::QuotaJudge));
        assert_eq!(StaffRole::parse("执行局长"), Ok(StaffRole::DivisionHead));
        let error = StaffRole::parse("大法官").expect_err("unknown").to_string();
        assert!(
            error.contains("大法官") && error.contains("书记员"),
            "{error}"
        );
    }

    #[test]
    fn a_name_resolves_only_when_unique_within_the_court() {
        let roster = Roster::new([
            person("0231", "吴刚", "湘1402"),
            person("0544", "吴刚", "湘1403"),
            person("0601", "李娜", "湘1403"),
            person("0602", "李娜", "湘1403"),
        ]);
        assert!(
            matches!(roster.find(court("湘1402"), "吴刚"), NameMatch::One(s) if s.id.as_str() == "0231")
        );
        let NameMatch::Several(both) = roster.find(court("湘1403"), "李娜") else {
            panic!("two 李娜 in 湘1403");
        };
        assert_eq!(
            list_candidates(&both),
            "李娜（0601，民事审判第一庭）、李娜（0602，民事审判第一庭）"
        );
        assert_eq!(roster.find(court("湘1404"), "吴刚"), NameMatch::Nobody);
        // Namesakes anywhere in the network are shown with their numbers; others by name.
        assert_eq!(
            roster.label(&StaffId::parse("0231").unwrap()).as_deref(),
            Some("吴刚（0231）")
        );
        let unique = Roster::new([person("0231", "吴刚", "湘1402")]);
        assert_eq!(
            unique.label(&StaffId::parse("0231").unwrap()).as_deref(),
            Some("吴刚")
        );
    }

    #[test]
    fn a_later_row_replaces_the_person_it_names() {
        let roster = Roster::new([
            person("0231", "吴刚", "湘1402"),
            person("0544", "吴刚", "湘1403"),
            person("0544", "吴强", "湘1403"),
        ]);
        assert_eq!(roster.len(), 2);
        assert_eq!(
            roster.label(&StaffId::parse("0231").unwrap()).as_deref(),
            Some("吴刚")
        );
        assert_eq!(roster.find(court("湘1403"), "吴刚"), NameMatch::Nobody);
    }

    #[test]
    fn judge_keys_keep_namesakes_of_two_courts_apart() {
        let a = judge_key(court("湘1402"), None, Some("吴刚"));
        let b = judge_key(court("湘1403"), None, Some(" 吴刚 "));
        assert_eq!(a.as_deref(), Some("湘1402:吴刚"));
        assert_ne!(a, b);
        let id = StaffId::parse("0231").unwrap();
        assert_eq!(
            judge_key(court("湘1402"), Some(&id), Some("吴刚")).as_deref(),
            Some("0231")
        );
        assert_eq!(judge_key(court("湘1402"), None, Some("  ")), None);
        assert_eq!(JudgeKey::parse("0231"), Some(JudgeKey::Staff(id)));
        assert_eq!(
            JudgeKey::parse("湘1402:吴刚"),
            Some(JudgeKey::Named(court("湘1402"), "吴刚".into()))
        );
        assert_eq!(
            JudgeKey::parse("湘1402:吴刚").unwrap().to_string(),
            "湘1402:吴刚"
        );
    }
}
