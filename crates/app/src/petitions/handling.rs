//! The register kept here rather than imported: a petition registered on the form (or through
//! the API), each handling step taken on it, every one written to the petition's log and the
//! audit log; a petition's file (its record, timeline, log and the other petitions of its
//! matter), the petitions about a case, and a petitioner's history across petitions and cases.
//!
//! Who keeps the register: the trial-management office and administrators, for their court and
//! the courts below it (those who may import it). Everyone else reads it as the list does.

use chrono::{Datelike, NaiveDate};
use shenguan_domain::petition::steps::{Refusal, Step, StepKind};
use shenguan_domain::petition::{
    Channel, Level, Outcome, Petition, Petitioner, Referrer, Route, Satisfaction, Screening,
    Subject,
};
use shenguan_domain::text::list_items;
use shenguan_domain::{
    CaseNumber, CaseRecord, CourtCode, CourtScope, IdNumber, IdentityKey, Text, UnknownName, text,
};
use shenguan_store::PetitionStepRow;

use super::ListedPetition;
use crate::accounts::{Role, User};
use crate::{App, AppError, Store};

/// The longest register number, name, division, handler or approving body.
const NAME_MAX: usize = 50;
/// The longest free text (why a petition could not be routed, how a matter was resolved).
const TEXT_MAX: usize = 2000;
/// The most petitioners or cases named on one petition, and the largest head count.
const PEOPLE_MAX: usize = 200;
const CASES_MAX: usize = 50;
const HEAD_COUNT_MAX: u32 = 10_000;

/// A petition as the register form (or the API) brings it: every field as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewPetition {
    /// 法院代字 of the court handling it; empty: the user's own.
    pub court: String,
    /// 登记号; empty: the next of the year (`2026信0001`, …).
    pub register_no: String,
    /// The day received; `None`: today.
    pub received_on: Option<NaiveDate>,
    pub channel: String,
    pub referrer: String,
    pub subject: String,
    /// Empty: 来院.
    pub level: String,
    pub circuit: String,
    pub skipped_levels: bool,
    /// The petitioners' names, separated by 、.
    pub petitioners: String,
    /// Their identity numbers in the same order, an empty place for one who gave none.
    pub id_numbers: String,
    /// Empty: as many as named.
    pub head_count: String,
    /// The cases it concerns, separated by 、.
    pub cases: String,
    pub division: String,
    pub handler: String,
}

/// A petition with all a page shows of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PetitionFile {
    pub listed: ListedPetition,
    /// Who recorded what and when here (empty for a petition only ever imported).
    pub log: Vec<PetitionStepRow>,
    /// The other petitions of its matter that the user may see, in the order they came.
    pub matter: Vec<ListedPetition>,
    /// The steps the user may take on it now.
    pub steps: Vec<StepKind>,
}

/// One person's petitions and cases.
#[derive(Clone, Debug, PartialEq)]
pub struct PetitionerHistory {
    pub name: String,
    pub masked: Option<String>,
    pub petitions: Vec<ListedPetition>,
    pub cases: Vec<CaseRecord>,
    /// Their applications for judicial assistance, at courts the user may see.
    pub assistance: Vec<shenguan_domain::assistance::Assistance>,
}

/// Whether `user` keeps the register of `court`: the office or an administrator of that court or
/// one above it.
pub fn may_keep_register(user: &User, court: CourtCode) -> bool {
    matches!(user.role, Role::Office | Role::Admin)
        && user
            .court
            .is_none_or(|own| CourtScope::with_lower(own).covers(court))
}

fn invalid(field: &str, why: Text) -> AppError {
    AppError::invalid_for(field, &why)
}

fn named<T>(
    field: &str,
    text: &str,
    parse: fn(&str) -> Result<T, UnknownName>,
) -> Result<Option<T>, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    parse(text).map(Some).map_err(|e| invalid(field, e.text()))
}

fn required<T>(
    field: &str,
    text: &str,
    parse: fn(&str) -> Result<T, UnknownName>,
) -> Result<T, AppError> {
    named(field, text, parse)?.ok_or_else(|| invalid(field, text!("必须填写", "is required")))
}

/// A one-line text of at most `max` characters, `None` when blank.
fn line(field: &str, text: &str, max: usize) -> Result<Option<String>, AppError> {
    let text = text.trim();
    if text.chars().any(char::is_control) {
        return Err(invalid(
            field,
            text!(
                "不能含换行或控制字符",
                "cannot hold line breaks or control characters"
            ),
        ));
    }
    bounded(field, text, max)
}

/// A text of at most `max` characters, `None` when blank.
fn bounded(field: &str, text: &str, max: usize) -> Result<Option<String>, AppError> {
    let text = text.trim();
    let count = text.chars().count();
    if count > max {
        return Err(invalid(
            field,
            text!(
                "最多{max}个字（现有{count}个）",
                "at most {max} characters ({count} given)"
            ),
        ));
    }
    Ok(Some(text.to_string()).filter(|t| !t.is_empty()))
}

fn case_number(field: &str, text: &str, year: i32) -> Result<CaseNumber, AppError> {
    CaseNumber::parse(text.trim(), year).map_err(|e| invalid(field, e.text()))
}

/// A refused step as the user is told it: the field it concerns, if one.
fn refused(refusal: Refusal) -> AppError {
    match refusal.field {
        Some(field) => invalid(field.key(), refusal.why),
        None => AppError::Conflict(refusal.why),
    }
}

/// The step the pages, the API and the command line name, with its fields as typed (`on`,
/// `screening`, `route`, `routed_case`, `not_routed_reason`, `outcome`, `satisfaction`, `how`,
/// `by`); a day left empty is today.
pub fn step_of(
    name: &str,
    field: &dyn Fn(&str) -> String,
    today: NaiveDate,
) -> Result<Step, AppError> {
    let kind = StepKind::parse(name).ok_or_else(|| {
        let known: Vec<&str> = StepKind::ALL.iter().map(|k| k.key()).collect();
        let known = known.join("、");
        AppError::NotFound(text!(
            "没有“{name}”这一办理环节（可用 {known}）",
            "there is no step “{name}” ({known})"
        ))
    })?;
    let on = || -> Result<NaiveDate, AppError> {
        let text = field("on");
        let text = text.trim();
        if text.is_empty() {
            return Ok(today);
        }
        shenguan_domain::date_text::parse_date(text).map_err(|_| {
            invalid(
                "on",
                text!(
                    "“{text}”不是日期（2026-01-05）",
                    "“{text}” is not a date (2026-01-05)"
                ),
            )
        })
    };
    let year = today.year();
    let routed = || -> Result<(Option<CaseNumber>, Option<String>), AppError> {
        let case = field("routed_case");
        let case = case.trim();
        let case = (!case.is_empty())
            .then(|| case_number("routed_case", case, year))
            .transpose()?;
        let reason = bounded("not_routed_reason", &field("not_routed_reason"), TEXT_MAX)?;
        Ok((case, reason))
    };
    Ok(match kind {
        StepKind::Accept => {
            let screening = required("screening", &field("screening"), Screening::parse)?;
            let route = named("route", &field("route"), Route::parse)?;
            let (routed_case, not_routed_reason) = routed()?;
            Step::Accept {
                on: on()?,
                screening,
                route,
                routed_case,
                not_routed_reason,
            }
        }
        StepKind::Route => {
            let (routed_case, not_routed_reason) = routed()?;
            Step::Route {
                routed_case,
                not_routed_reason,
            }
        }
        StepKind::Extend => Step::Extend,
        StepKind::Reply => Step::Reply {
            on: on()?,
            outcome: required("outcome", &field("outcome"), Outcome::parse)?,
            satisfaction: named("satisfaction", &field("satisfaction"), Satisfaction::parse)?,
        },
        StepKind::Rate => Step::Rate {
            satisfaction: required("satisfaction", &field("satisfaction"), Satisfaction::parse)?,
        },
        StepKind::AskReview => Step::AskReview { on: on()? },
        StepKind::AnswerReview => Step::AnswerReview { on: on()? },
        StepKind::AskRecheck => Step::AskRecheck { on: on()? },
        StepKind::AnswerRecheck => Step::AnswerRecheck { on: on()? },
        StepKind::Resolve => Step::Resolve {
            on: on()?,
            how: bounded("how", &field("how"), TEXT_MAX)?.ok_or_else(|| {
                invalid(
                    "how",
                    text!("须写明如何化解", "say how the matter was resolved"),
                )
            })?,
        },
        StepKind::End => Step::End {
            on: on()?,
            by: line("by", &field("by"), NAME_MAX)?.ok_or_else(|| {
                invalid(
                    "by",
                    text!("须写明批准机关", "name who approved the ending"),
                )
            })?,
        },
        StepKind::Stop => Step::Stop { on: on()? },
    })
}

/// What a step recorded, in words, for the log.
fn note_of(step: &Step) -> String {
    let day = step.day().map(|d| format!("{d} ")).unwrap_or_default();
    let what = match step {
        Step::Accept {
            screening,
            route,
            routed_case,
            not_routed_reason,
            ..
        } => {
            let mut words = format!("甄别为{}", screening.label_zh());
            if let Some(route) = route {
                words.push_str(&format!("，导入{}", route.label_zh()));
            }
            if let Some(case) = routed_case {
                words.push_str(&format!("，案号{case}"));
            }
            if let Some(reason) = not_routed_reason {
                words.push_str(&format!("，未能导入：{reason}"));
            }
            words
        }
        Step::Route {
            routed_case,
            not_routed_reason,
        } => match (routed_case, not_routed_reason) {
            (Some(case), _) => format!("导入后案号{case}"),
            (None, Some(reason)) => format!("未能导入：{reason}"),
            (None, None) => String::new(),
        },
        Step::Extend => "延长办理期限30日".to_string(),
        Step::Reply {
            outcome,
            satisfaction,
            ..
        } => match satisfaction {
            Some(s) => format!("{}，{}", outcome.label_zh(), s.label_zh()),
            None => outcome.label_zh().to_string(),
        },
        Step::Rate { satisfaction } => satisfaction.label_zh().to_string(),
        Step::Resolve { how, .. } => how.clone(),
        Step::End { by, .. } => format!("批准机关：{by}"),
        Step::AskReview { .. }
        | Step::AnswerReview { .. }
        | Step::AskRecheck { .. }
        | Step::AnswerRecheck { .. }
        | Step::Stop { .. } => String::new(),
    };
    format!("{day}{what}").trim().to_string()
}

impl App {
    /// Registers a petition from the form's fields for `by`; its id.
    pub fn register_petition(
        &self,
        store: &mut Store,
        by: &User,
        new: &NewPetition,
    ) -> Result<i64, AppError> {
        let today = self.today();
        let court = match new.court.trim() {
            "" => by.court.ok_or_else(|| {
                invalid(
                    "court",
                    text!("请选择承办法院", "choose the court handling it"),
                )
            })?,
            code => CourtCode::parse(code).map_err(|e| invalid("court", e.text()))?,
        };
        // A court of the network's list, where there is one (a store may hold cases before the
        // list is loaded; then the user's scope alone decides).
        let courts = self.courts();
        if !courts.is_empty() && courts.get(court).is_none() {
            return Err(invalid(
                "court",
                text!(
                    "没有法院代字为{court}的法院",
                    "there is no court with the code {court}"
                ),
            ));
        }
        if !may_keep_register(by, court) {
            return Err(AppError::Forbidden(text!(
                "无权登记{court}的信访",
                "you may not register petitions of {court}"
            )));
        }
        let received_on = new.received_on.unwrap_or(today);
        if received_on > today {
            return Err(invalid(
                "received_on",
                text!(
                    "登记日期不能晚于今天",
                    "the day received cannot be after today"
                ),
            ));
        }
        let channel = required("channel", &new.channel, Channel::parse)?;
        let subject = required("subject", &new.subject, Subject::parse)?;
        let mut petition = Petition::received(court, "", received_on, channel, subject);
        petition.referrer = named("referrer", &new.referrer, Referrer::parse)?;
        petition.level = named("level", &new.level, Level::parse)?.unwrap_or(Level::Court);
        petition.circuit = match new.circuit.trim() {
            "" => None,
            text => Some(
                text.parse::<u8>()
                    .ok()
                    .filter(|n| (1..=6).contains(n))
                    .ok_or_else(|| {
                        invalid(
                            "circuit",
                            text!("巡回法庭应为1至6", "a circuit court is 1 to 6"),
                        )
                    })?,
            ),
        };
        petition.skipped_levels = new.skipped_levels;
        petition.division = line("division", &new.division, NAME_MAX)?;
        petition.handler = line("handler", &new.handler, NAME_MAX)?;
        petition.petitioners = self.petitioners(store, &new.petitioners, &new.id_numbers)?;
        petition.head_count = match new.head_count.trim() {
            "" => u32::try_from(petition.petitioners.len())
                .unwrap_or(u32::MAX)
                .max(1),
            text => text
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=HEAD_COUNT_MAX).contains(n))
                .ok_or_else(|| {
                    invalid(
                        "head_count",
                        text!(
                            "人数应为1至{HEAD_COUNT_MAX}的整数",
                            "the head count is a whole number from 1 to {HEAD_COUNT_MAX}"
                        ),
                    )
                })?,
        };
        let cases: Vec<&str> = list_items(&new.cases)
            .into_iter()
            .filter(|c| !c.is_empty())
            .collect();
        if cases.len() > CASES_MAX {
            return Err(invalid(
                "cases",
                text!("最多{CASES_MAX}个案号", "at most {CASES_MAX} case numbers"),
            ));
        }
        petition.cases = cases
            .into_iter()
            .map(|c| case_number("cases", c, today.year()))
            .collect::<Result<_, _>>()?;
        if let Some(wrong) = petition.disagreements().into_iter().next() {
            return Err(invalid(wrong.field.key(), wrong.why));
        }
        petition.register_no = match line("register_no", &new.register_no, NAME_MAX)? {
            Some(number) => number,
            None => self.next_register_no(store, court, received_on.year())?,
        };
        let number = petition.register_no.clone();
        let id = store.atomically(|store| {
            let id = store
                .inner
                .register_petition(
                    &petition,
                    &PetitionStepRow {
                        petition_id: 0,
                        seq: 0,
                        at: self.now_text(),
                        by_user: by.name.clone(),
                        step: "register".into(),
                        note: format!("{} {}", channel.label_zh(), subject.label_zh()),
                    },
                )?
                .ok_or_else(|| {
                    AppError::Conflict(text!(
                        "{court}已有登记号{number}",
                        "{court} already holds the register number {number}"
                    ))
                })?;
            self.audit(
                store,
                Some(&by.name),
                "petition.register",
                &format!("#{id} {court} {number}"),
            )?;
            Ok(id)
        })?;
        Ok(id)
    }

    /// The register number of petition `id` (as registered: for the answer to whoever
    /// registered it).
    pub fn petition_register_no(&self, store: &mut Store, id: i64) -> Result<String, AppError> {
        store
            .inner
            .petition(id)?
            .map(|p| p.petition.register_no)
            .ok_or_else(|| no_petition(id))
    }

    /// The next free register number of `court` for `year`: `2026信0001`, `2026信0002`, … (as the register file numbers them)
    fn next_register_no(
        &self,
        store: &mut Store,
        court: CourtCode,
        year: i32,
    ) -> Result<String, AppError> {
        let prefix = format!("{year}信");
        let last = store
            .inner
            .petition_numbers(court, &prefix)?
            .iter()
            .filter_map(|n| n[prefix.len()..].parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        Ok(format!("{prefix}{:04}", last + 1))
    }

    /// The petitioners named, each with the key of the identity number given in the same place.
    /// A number is keyed at once and never kept.
    fn petitioners(
        &self,
        store: &Store,
        names: &str,
        numbers: &str,
    ) -> Result<Vec<Petitioner>, AppError> {
        let names = list_items(names);
        if names.is_empty() || names.len() > PEOPLE_MAX || names.iter().any(|n| n.is_empty()) {
            return Err(invalid(
                "petitioners",
                text!(
                    "信访人应为1至{PEOPLE_MAX}个不为空的姓名，以“、”分隔",
                    "the petitioners are 1 to {PEOPLE_MAX} names, none empty, separated by 、"
                ),
            ));
        }
        let numbers = list_items(numbers);
        if !numbers.is_empty() && numbers.len() != names.len() {
            let count = names.len();
            return Err(invalid(
                "id_numbers",
                text!(
                    "证件号码应与信访人一一对应（{count}人），以“、”分隔，无号码处留空",
                    "the identity numbers go one per petitioner ({count}), separated by 、, an empty place for none"
                ),
            ));
        }
        let secret = if numbers.iter().any(|n| !n.is_empty()) {
            Some(self.identity_secret(store)?)
        } else {
            None
        };
        names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let name = line("petitioners", name, NAME_MAX)?.unwrap_or_default();
                let number = numbers.get(i).copied().unwrap_or("");
                let (identity, masked) = match (number, &secret) {
                    ("", _) | (_, None) => (None, None),
                    (number, Some(secret)) => {
                        // The number is not repeated in the error: it may be a real one.
                        let id =
                            IdNumber::parse(number).map_err(|e| invalid("id_numbers", e.text()))?;
                        (Some(id.key(secret)), Some(id.masked()))
                    }
                };
                Ok(Petitioner {
                    name,
                    identity,
                    masked,
                })
            })
            .collect()
    }

    /// Petition `id` with its log, its matter and the steps `user` may take, if `user` may see
    /// it.
    pub fn petition_file(
        &self,
        store: &mut Store,
        user: &User,
        id: i64,
    ) -> Result<PetitionFile, AppError> {
        let register = self.register(store, user, None)?;
        let at = register
            .listed
            .iter()
            .position(|p| p.id == id)
            .filter(|&i| register.visible[i])
            .ok_or_else(|| no_petition(id))?;
        let matter = register
            .matters
            .iter()
            .find(|m| m.contains(&at))
            .map(|m| {
                m.iter()
                    .filter(|&&i| i != at && register.visible[i])
                    .map(|&i| register.listed[i].clone())
                    .collect()
            })
            .unwrap_or_default();
        let listed = register.listed[at].clone();
        let steps = if may_keep_register(user, listed.petition.court) {
            StepKind::ALL
                .into_iter()
                .filter(|k| listed.petition.may_take(*k))
                .collect()
        } else {
            Vec::new()
        };
        Ok(PetitionFile {
            log: store.inner.petition_steps(id)?,
            listed,
            matter,
            steps,
        })
    }

    /// Takes `step` on petition `id` for `by`; the petition's file as it then stands.
    pub fn petition_step(
        &self,
        store: &mut Store,
        by: &User,
        id: i64,
        step: &Step,
    ) -> Result<PetitionFile, AppError> {
        let stored = store.inner.petition(id)?.ok_or_else(|| no_petition(id))?;
        let before = stored.petition;
        if !may_keep_register(by, before.court) {
            // Whoever may not see it is told it does not exist.
            return Err(match self.petition_file(store, by, id) {
                Ok(_) => AppError::Forbidden(text!(
                    "仅审管办和系统管理员可办理信访",
                    "only the office and administrators handle petitions"
                )),
                Err(e) => e,
            });
        }
        let after = before.take(step, self.today()).map_err(refused)?;
        let kind = step.kind();
        store.atomically(|store| {
            let written = store.inner.take_petition_step(
                id,
                &before,
                &after,
                &PetitionStepRow {
                    petition_id: id,
                    seq: 0,
                    at: self.now_text(),
                    by_user: by.name.clone(),
                    step: kind.key().to_string(),
                    note: note_of(step),
                },
            )?;
            if !written {
                return Err(AppError::Conflict(text!(
                    "信访件#{id}刚被他人处理，请刷新后再试",
                    "someone has just acted on the petition #{id}: reload it and try again"
                )));
            }
            let detail = format!("#{id} {} {}", before.court, before.register_no);
            self.audit(
                store,
                Some(&by.name),
                &format!("petition.{}", kind.key()),
                &detail,
            )
        })?;
        self.petition_file(store, by, id)
    }

    /// [`App::petition_step`] with the step named as the pages, the API and the command line
    /// name it, and its fields as typed.
    pub fn petition_step_named(
        &self,
        store: &mut Store,
        by: &User,
        id: i64,
        name: &str,
        field: &dyn Fn(&str) -> String,
    ) -> Result<PetitionFile, AppError> {
        let step = step_of(name, field, self.today())?;
        self.petition_step(store, by, id, &step)
    }

    /// The petitions about case `case_no` (canonical number) that `user` may see.
    pub fn petitions_about_case(
        &self,
        store: &mut Store,
        user: &User,
        case_no: &str,
    ) -> Result<Vec<ListedPetition>, AppError> {
        let stored = store.inner.petitions_about(&[case_no.to_string()])?;
        self.seen_of(store, user, stored)
    }

    /// The petitions and cases of the person whose identity key is `key`, as far as `user` may
    /// see them.
    pub fn petitioner_history(
        &self,
        store: &mut Store,
        user: &User,
        key: &str,
    ) -> Result<PetitionerHistory, AppError> {
        let identity = IdentityKey::parse(key.trim()).ok_or_else(no_person)?;
        let stored = store.inner.petitions_of_person(&identity)?;
        let petitions = self.seen_of(store, user, stored)?;
        // Named as the petitions the user may see name them.
        let person = petitions
            .iter()
            .flat_map(|p| &p.petition.petitioners)
            .find(|x| x.identity.as_ref() == Some(&identity))
            .cloned();
        let numbers = store.inner.cases_of_identity(&identity)?;
        let mut cases: Vec<CaseRecord> = store
            .inner
            .cases_by_numbers(&numbers)?
            .into_iter()
            .filter(|c| user.may_see(c))
            .collect();
        cases.sort_by(|a, b| {
            a.filed_on
                .cmp(&b.filed_on)
                .then_with(|| a.case_no.to_string().cmp(&b.case_no.to_string()))
        });
        let assistance: Vec<_> = store
            .inner
            .assistance_of_person(&identity)?
            .into_iter()
            .filter(|a| {
                matches!(user.role, Role::Office | Role::Admin | Role::Leader)
                    && user
                        .court
                        .is_none_or(|own| CourtScope::with_lower(own).covers(a.court))
            })
            .collect();
        if petitions.is_empty() && cases.is_empty() && assistance.is_empty() {
            return Err(no_person());
        }
        let person = person.unwrap_or(Petitioner {
            name: String::new(),
            identity: None,
            masked: None,
        });
        let person = match (person.name.is_empty(), assistance.first()) {
            (true, Some(a)) => Petitioner {
                name: a.applicant.clone(),
                identity: a.identity.clone(),
                masked: a.masked.clone(),
            },
            _ => person,
        };
        Ok(PetitionerHistory {
            name: person.name,
            masked: person.masked,
            petitions,
            cases,
            assistance,
        })
    }

    /// Of `stored`, those `user` may see (by court, and for a judge or a division head by case),
    /// listed with their steps. Whether each repeats is told against the register of its court.
    fn seen_of(
        &self,
        store: &mut Store,
        user: &User,
        stored: Vec<shenguan_store::StoredPetition>,
    ) -> Result<Vec<ListedPetition>, AppError> {
        if stored.is_empty() {
            return Ok(Vec::new());
        }
        // As the register lists them (what each awaits, whether it repeats), where the user may
        // see them.
        let ids: std::collections::HashSet<i64> = stored.iter().map(|p| p.id).collect();
        let register = self.register(store, user, None)?;
        Ok(register
            .listed
            .into_iter()
            .zip(register.visible)
            .filter(|(p, seen)| *seen && ids.contains(&p.id))
            .map(|(p, _)| p)
            .collect())
    }
}

fn no_petition(id: i64) -> AppError {
    AppError::NotFound(text!("没有信访件#{id}", "there is no petition #{id}"))
}

fn no_person() -> AppError {
    AppError::NotFound(text!("没有该信访人的记录", "no record of that petitioner"))
}

#[cfg(test)]
mod tests;
