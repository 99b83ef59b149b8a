//! A newly filed case allocated: its track and pool by the court's diversion rules, its judge by
//! a draw among the pool's eligible judges (the staff of the case's court whose division is the
//! pool, in post, not excluded for the case), the decision written with its log entries in one
//! transaction and audited — or, as the exception, a judge designated with a listed reason and an
//! approver; and the log checked end to end (docs/allocation.md).

use std::collections::{BTreeSet, HashMap};

use shenguan_domain::allocation::chain::{Break, Entry, as_logged, verify};
use shenguan_domain::allocation::diversion::{Decision, Facts, RuleSet};
use shenguan_domain::allocation::draw::{Candidate, NoJudge, draw};
use shenguan_domain::{CaseNumber, CourtCode, text};
use shenguan_store::AllocationRow;

use crate::accounts::{Role, User};
use crate::{App, AppError, Store};

/// A case as the filing division hands it over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filing {
    pub case_no: String,
    pub facts: Facts,
    /// The parties and lawyers by name or identity key (for declared relationships).
    pub parties: Vec<String>,
    /// The earlier instance of a remanded or retried case, whose judge may not take it again.
    pub origin: Option<String>,
    /// The draw's seed; `None`: one is drawn from the clock (and recorded).
    pub seed: Option<u64>,
}

/// What an allocation decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Allocated {
    pub row: AllocationRow,
    pub decision: Decision,
    /// The judges drawn from (a designation: the one designated).
    pub among: Vec<String>,
    pub entries: Vec<Entry>,
}

/// A designation (指定分案): the judge, the reason (one of the configured list) and who approved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Designation {
    pub judge: String,
    pub reason: String,
    pub approver: String,
}

/// A text of one line of 1 to `max` characters without the `;` and `=` a log entry's detail is
/// written with.
fn plain(text: &str, max: usize) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text.chars().count() <= max
        && !text.chars().any(|c| c.is_control() || c == ';' || c == '=')
}

/// Whether a member of the staff judges cases: a quota judge, a division head or a president — or
/// one whose post the staff list does not say (not an assistant, clerk or officer).
pub(crate) fn judges_cases(s: &shenguan_domain::Staff) -> bool {
    use shenguan_domain::StaffRole as R;
    !matches!(
        s.role,
        Some(R::JudgeAssistant | R::Clerk | R::EnforcementOfficer | R::CaseManagement)
    )
}

/// Whether a member of the staff takes cases on `today`: one who judges, in post.
fn takes_cases(s: &shenguan_domain::Staff, today: chrono::NaiveDate) -> bool {
    judges_cases(s)
        && s.active_from.is_none_or(|from| from <= today)
        && s.active_to.is_none_or(|to| to >= today)
}

/// A judge a declaration (an exclusion, a leave) is made for: their court, and whether the one
/// declaring is the judge themself.
pub(crate) struct Declared {
    pub court: CourtCode,
    pub own: bool,
}

/// The judge `staff_id` of the staff list, for a declaration by `by`.
pub(crate) fn declarable(
    store: &mut Store,
    by: &User,
    staff_id: &str,
) -> Result<Declared, AppError> {
    let person = store
        .inner
        .staff()?
        .into_iter()
        .find(|s| s.id.to_string() == staff_id)
        .ok_or_else(|| {
            AppError::invalid_for(
                "staff_id",
                &text!(
                    "人员名单中没有工号{staff_id}",
                    "the staff list has no {staff_id}"
                ),
            )
        })?;
    Ok(Declared {
        court: person.court,
        own: by
            .staff_id
            .as_ref()
            .is_some_and(|id| id.to_string() == staff_id),
    })
}

/// Whether `by` keeps the allocations of `court`: the court's own office, or an administrator of
/// the network or of that court — a higher court's office does not allocate a lower court's cases.
pub(crate) fn keeps_allocations(by: &User, court: CourtCode) -> bool {
    matches!(by.role, Role::Office | Role::Admin) && by.court.is_none_or(|own| own == court)
}

/// The seven situations one provincial high court published in which a case may be designated
/// rather than drawn (Hainan courts, 2021; docs/allocation.md) — a network names its own in
/// `[allocation] designation_reasons`.
pub const DESIGNATION_REASONS: [&str; 7] = [
    "关联案件（同一当事人且事实、法律关系、案由或程序相关）",
    "本院提审的案件",
    "上级法院发回重审或指令再审的案件",
    "四类案件（重大、疑难、复杂、敏感）",
    "院庭长依规定办理的案件",
    "专业化审判团队专门管辖的案件",
    "其他法律、司法解释规定的情形",
];

impl App {
    /// Allocates `filing` under `rules`: the track, then a drawn judge (or the designation when
    /// one is given). Only the office or an administrator of the case's court; once per case.
    pub fn allocate_case(
        &self,
        store: &mut Store,
        by: &User,
        rules: &RuleSet,
        filing: &Filing,
        designation: Option<&Designation>,
    ) -> Result<Allocated, AppError> {
        let number = CaseNumber::parse(&filing.case_no, i32::MAX)
            .map_err(|e| AppError::invalid_for("case_no", &e.text()))?;
        let court = number.court().ok_or_else(|| {
            AppError::invalid_for(
                "case_no",
                &text!("案号没有法院代字", "the case number names no court"),
            )
        })?;
        if !keeps_allocations(by, court) {
            return Err(AppError::Forbidden(text!(
                "仅本院审管办（立案）和系统管理员可分案",
                "only the court's office (filing) and administrators allocate cases"
            )));
        }
        let case_no = number.to_string();
        if store.inner.allocation(&case_no)?.is_some() {
            return Err(AppError::Conflict(text!(
                "案件{case_no}已分案；改变承办法官须说明理由并经批准",
                "{case_no} is allocated already: changing its judge takes a reason and an approval"
            )));
        }
        if filing
            .facts
            .cause
            .as_deref()
            .is_some_and(|c| !plain(c, 100))
        {
            return Err(AppError::invalid_for(
                "cause",
                &text!(
                    "案由须为一行，不超过100字，不含“;”“=”",
                    "the cause is one line of at most 100 characters without “;” or “=”"
                ),
            ));
        }
        let decision = rules.decide(&filing.facts);
        let weight = i64::try_from(rules.weight(decision.track)).unwrap_or(i64::MAX);
        let court_text = court.to_string();
        let now = self.now_text();
        let track_detail = format!(
            "version={};rule={};track={};pool={};{}",
            decision.version,
            decision.rule,
            decision.track.key(),
            decision.pool,
            decision
                .used
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(",")
        );
        let (judge, how, seed, among, reason, approver, detail) = match designation {
            Some(d) => {
                let reasons = &self.config().designation_reasons;
                if !reasons.iter().any(|r| r == d.reason.trim()) {
                    let known = reasons.join("；");
                    return Err(AppError::invalid_for(
                        "reason",
                        &text!(
                            "指定分案须有所列理由之一：{known}",
                            "a designation gives one of the listed reasons: {known}"
                        ),
                    ));
                }
                if !plain(&d.approver, 50) {
                    return Err(AppError::invalid_for(
                        "approver",
                        &text!(
                            "指定分案须写明审批人",
                            "a designation names who approved it"
                        ),
                    ));
                }
                let today = self.today();
                let staff = store.inner.staff()?;
                if !staff.iter().any(|s| {
                    s.id.to_string() == d.judge.trim() && s.court == court && takes_cases(s, today)
                }) {
                    let judge = d.judge.trim();
                    return Err(AppError::invalid_for(
                        "judge",
                        &text!(
                            "本院人员名单中没有工号{judge}",
                            "the court's staff list has no {judge}"
                        ),
                    ));
                }
                let judge = d.judge.trim().to_string();
                if self.on_leave(store)?.contains(&judge) {
                    return Err(AppError::invalid_for(
                        "judge",
                        &text!("工号{judge}今日休假", "{judge} is on leave today"),
                    ));
                }
                // A designation is an exception to the draw, not to recusal: a judge who declared
                // a relationship or recused, or judged the earlier instance, is not designated.
                if self
                    .excluded_for(store, &case_no, &filing.parties, filing.origin.as_deref())?
                    .contains(&judge)
                {
                    return Err(AppError::invalid_for(
                        "judge",
                        &text!(
                            "工号{judge}须回避此案（已申报的关系、回避或曾审理前审）",
                            "{judge} must stay away from this case (a declared relationship, a recusal, or the earlier instance)"
                        ),
                    ));
                }
                let detail = format!(
                    "judge={judge};reason={};approver={}",
                    d.reason.trim(),
                    d.approver.trim()
                );
                (
                    Some(judge.clone()),
                    "designate",
                    None,
                    vec![judge],
                    Some(d.reason.trim().to_string()),
                    Some(d.approver.trim().to_string()),
                    detail,
                )
            }
            None => {
                // A seed given replays a draw: an administrator's check, never the filing
                // division's choice (a chosen seed would choose the judge).
                let seed = match filing.seed {
                    Some(seed) if by.role == Role::Admin => seed,
                    Some(_) => {
                        return Err(AppError::Forbidden(text!(
                            "随机种子由系统生成；指定种子仅供系统管理员复核",
                            "the seed is drawn by the system; only an administrator gives one, to replay a draw"
                        )));
                    }
                    None => {
                        use password_hash::rand_core::{OsRng, RngCore};
                        OsRng.next_u64()
                    }
                };
                let excluded =
                    self.excluded_for(store, &case_no, &filing.parties, filing.origin.as_deref())?;
                let candidates = self.pool_of(store, rules, court, &decision.pool)?;
                let drawn = draw(
                    &case_no,
                    seed,
                    &decision.pool,
                    &candidates,
                    &excluded,
                    rules.mode,
                );
                let (judge, among) = match drawn {
                    Ok(d) => (Some(d.judge), d.among),
                    Err(NoJudge::NoneEligible | NoJudge::AllAtCap) => (None, Vec::new()),
                };
                // The pool's judges passed over for leave, so that the entry shows who the draw
                // could not reach that day.
                let away: Vec<&str> = candidates
                    .iter()
                    .filter(|c| c.on_leave)
                    .map(|c| c.key.as_str())
                    .collect();
                let detail = format!(
                    "seed={seed};judge={};among={};excluded={};away={}",
                    judge.as_deref().unwrap_or("-"),
                    among.join(","),
                    excluded.iter().cloned().collect::<Vec<_>>().join(","),
                    away.join(",")
                );
                (judge, "draw", Some(seed), among, None, None, detail)
            }
        };
        let row = AllocationRow {
            case_no: case_no.clone(),
            court: court_text,
            track: decision.track.key().to_string(),
            pool: decision.pool.clone(),
            rule: decision.rule.clone(),
            version: decision.version.clone(),
            judge,
            how: how.to_string(),
            seed: seed.map(|s| i64::from_ne_bytes(s.to_ne_bytes())),
            reason,
            approver,
            weight,
            facts: filing.facts.written(),
            at: now,
        };
        let entries = store.atomically(|store| {
            let entries = store
                .inner
                .allocate(&row, &[("track", track_detail), (how, detail)])?
                .ok_or_else(|| {
                    AppError::Conflict(text!(
                        "案件{case_no}已分案",
                        "{case_no} is allocated already"
                    ))
                })?;
            self.audit(
                store,
                Some(&by.name),
                &format!("allocation.{how}"),
                &format!(
                    "{case_no} {} {}",
                    decision.track.label_zh(),
                    row.judge.as_deref().unwrap_or("-")
                ),
            )?;
            Ok(entries)
        })?;
        Ok(Allocated {
            row,
            decision,
            among,
            entries,
        })
    }

    /// Changes the judge of an allocated case to `to` (a judge of the court in post), with the
    /// reason and who approved it — only from the judge who holds it; logged and audited
    /// (`allocation.change`). The office or an administrator of the case's court.
    pub fn change_allocated_judge(
        &self,
        store: &mut Store,
        by: &User,
        case_no: &str,
        to: &str,
        reason: &str,
        approver: &str,
    ) -> Result<AllocationRow, AppError> {
        let missing =
            || AppError::NotFound(text!("案件{case_no}尚未分案", "{case_no} is not allocated"));
        let now = store.inner.allocation(case_no)?.ok_or_else(missing)?;
        let court = shenguan_domain::CourtCode::parse(&now.court)
            .map_err(|e| AppError::Internal(e.text().en().to_string()))?;
        if !keeps_allocations(by, court) {
            return Err(AppError::Forbidden(text!(
                "仅本院审管办和系统管理员可变更承办法官",
                "only the court's office and administrators change a case's judge"
            )));
        }
        let (reason, approver, to) = (reason.trim(), approver.trim(), to.trim());
        if !plain(reason, 200) {
            return Err(AppError::invalid_for(
                "reason",
                &text!(
                    "变更承办法官须写明理由（不超过200字）",
                    "a change of judge says why (at most 200 characters)"
                ),
            ));
        }
        if !plain(approver, 50) {
            return Err(AppError::invalid_for(
                "approver",
                &text!(
                    "变更承办法官须写明审批人",
                    "a change of judge names who approved it"
                ),
            ));
        }
        if self.excluded_for(store, case_no, &[], None)?.contains(to) {
            return Err(AppError::invalid_for(
                "judge",
                &text!(
                    "工号{to}须回避此案（已申报的回避或与当事人、代理人的关系）",
                    "{to} must stay away from this case (a declared recusal, or a relationship with a party or lawyer)"
                ),
            ));
        }
        let today = self.today();
        if self.on_leave(store)?.contains(to) {
            return Err(AppError::invalid_for(
                "judge",
                &text!("工号{to}今日休假", "{to} is on leave today"),
            ));
        }
        let in_post = store
            .inner
            .staff()?
            .into_iter()
            .any(|s| s.id.to_string() == to && s.court == court && takes_cases(&s, today));
        if !in_post || now.judge.as_deref() == Some(to) {
            return Err(AppError::invalid_for(
                "judge",
                &text!(
                    "工号{to}不是本院在岗的另一名法官",
                    "{to} is not another judge of the court in post"
                ),
            ));
        }
        let from = now.judge.clone();
        let detail = format!(
            "from={};to={to};reason={reason};approver={approver}",
            from.as_deref().unwrap_or("-")
        );
        let at = self.now_text();
        store.atomically(|store| {
            if store
                .inner
                .change_judge(
                    case_no,
                    from.as_deref(),
                    to,
                    (reason, approver, &at),
                    &detail,
                )?
                .is_none()
            {
                return Err(AppError::Conflict(text!(
                    "案件{case_no}的承办法官刚被他人变更，请刷新后再试",
                    "someone has just changed the judge of {case_no}: reload and try again"
                )));
            }
            self.audit(
                store,
                Some(&by.name),
                "allocation.change",
                &format!("{case_no} {} → {to}", from.as_deref().unwrap_or("-")),
            )
        })?;
        store.inner.allocation(case_no)?.ok_or_else(missing)
    }

    /// A judge's declared exclusion: a recusal from a case (`party` its number) or a relationship
    /// with a party or lawyer (`party` the name or identity key), with the reason — declared by
    /// the judge themself, or by the office or an administrator for a judge of their court.
    /// Audited (`allocation.exclude`); whether it was new.
    pub fn declare_exclusion(
        &self,
        store: &mut Store,
        by: &User,
        staff_id: &str,
        kind: &str,
        party: &str,
        reason: &str,
    ) -> Result<bool, AppError> {
        let (staff_id, party, reason) = (staff_id.trim(), party.trim(), reason.trim());
        let person = declarable(store, by, staff_id)?;
        if !(person.own || keeps_allocations(by, person.court)) {
            return Err(AppError::Forbidden(text!(
                "回避和利害关系由法官本人或本院审管办申报",
                "a judge declares their own recusals and relationships, or the court's office does"
            )));
        }
        let party = match kind {
            "recusal" => CaseNumber::parse(party, i32::MAX)
                .map_err(|e| AppError::invalid_for("party", &e.text()))?
                .to_string(),
            "relationship" => {
                if party.is_empty()
                    || party.chars().count() > 100
                    || party.chars().any(char::is_control)
                {
                    return Err(AppError::invalid_for(
                        "party",
                        &text!(
                            "当事人或代理人须为一行，不超过100字",
                            "the party or lawyer is one line of at most 100 characters"
                        ),
                    ));
                }
                party.to_string()
            }
            _ => {
                return Err(AppError::invalid_for(
                    "kind",
                    &text!(
                        "须为 recusal（回避）或 relationship（利害关系）",
                        "must be recusal or relationship"
                    ),
                ));
            }
        };
        if reason.is_empty() || reason.chars().count() > 200 || reason.chars().any(char::is_control)
        {
            return Err(AppError::invalid_for(
                "reason",
                &text!(
                    "须写明理由（一行，不超过200字）",
                    "say why (one line of at most 200 characters)"
                ),
            ));
        }
        store.atomically(|store| {
            let new = store.inner.add_exclusion(&shenguan_store::ExclusionRow {
                staff_id: staff_id.to_string(),
                kind: kind.to_string(),
                party: party.clone(),
                reason: reason.to_string(),
                by_user: by.name.clone(),
                at: self.now_text(),
            })?;
            if new {
                self.audit(
                    store,
                    Some(&by.name),
                    "allocation.exclude",
                    &format!("{staff_id} {kind} {party}"),
                )?;
            }
            Ok(new)
        })
    }

    /// The judges who may not take the case: declared recusals from it, relationships with its
    /// parties and lawyers — those `named` by the filing division and those the case data holds,
    /// by name and identity key — and the judge of the earlier instance.
    fn excluded_for(
        &self,
        store: &mut Store,
        case_no: &str,
        named: &[String],
        origin: Option<&str>,
    ) -> Result<BTreeSet<String>, AppError> {
        let mut named: Vec<String> = named.iter().map(|p| p.trim().to_string()).collect();
        for party in store.inner.parties(case_no)? {
            named.push(party.name.trim().to_string());
            named.extend(party.identity.map(|k| k.to_string()));
            named.extend(party.agent.map(|a| a.trim().to_string()));
        }
        named.retain(|n| !n.is_empty());
        named.sort();
        named.dedup();
        named.push(case_no.to_string());
        let mut excluded: BTreeSet<String> = store
            .inner
            .exclusions_for(&named)?
            .into_iter()
            .map(|e| e.staff_id)
            .collect();
        // The earlier instance as the filing division names it, else as the case data does.
        let origin = match origin {
            Some(origin) => Some(origin.trim().to_string()),
            None => store
                .inner
                .case(case_no)?
                .and_then(|(case, _)| case.origin_case_no)
                .map(|n| n.to_string()),
        };
        if let Some(origin) = origin
            && let Some((earlier, _)) = store.inner.case(&origin)?
            && let Some(id) = earlier.judge_id
        {
            excluded.insert(id.to_string());
        }
        Ok(excluded)
    }

    /// The judges of `pool` at `court`: its staff whose division is the pool, in post today, with
    /// their weighted caseload, pending count and share (a leader's, by `rules`).
    fn pool_of(
        &self,
        store: &mut Store,
        rules: &RuleSet,
        court: shenguan_domain::CourtCode,
        pool: &str,
    ) -> Result<Vec<Candidate>, AppError> {
        let today = self.today();
        let away = self.on_leave(store)?;
        let loads: HashMap<String, (i64, i64)> = store
            .inner
            .allocation_loads(&court.to_string())?
            .into_iter()
            .map(|(judge, load, n)| (judge, (load, n)))
            .collect();
        Ok(store
            .inner
            .staff()?
            .into_iter()
            .filter(|s| s.court == court && s.division.as_deref() == Some(pool) && judges_cases(s))
            .map(|s| {
                let key = s.id.to_string();
                let (load, pending) = loads.get(&key).copied().unwrap_or((0, 0));
                Candidate {
                    in_post: s.active_from.is_none_or(|from| from <= today)
                        && s.active_to.is_none_or(|to| to >= today),
                    on_leave: away.contains(&key),
                    share: rules.share(s.role),
                    pool: pool.to_string(),
                    load: u64::try_from(load).unwrap_or(0),
                    pending: u32::try_from(pending).unwrap_or(u32::MAX),
                    key,
                }
            })
            .collect())
    }

    /// Checks the allocation log end to end (and that it ends on `head`, when given), then that
    /// each case's allocation as kept says the track and judge its entries say: the number of
    /// entries, or the first break.
    pub fn verify_allocation_log(
        &self,
        store: &mut Store,
        head: Option<&str>,
    ) -> Result<Result<(usize, Option<String>), Break>, AppError> {
        let log = store.inner.allocation_log()?;
        if let Err(broken) = verify(&log, head) {
            return Ok(Err(broken));
        }
        let mut logged = as_logged(&log);
        for row in store.inner.allocations()? {
            let agrees = logged.remove(&row.case_no).is_some_and(|l| {
                l.track.as_deref() == Some(row.track.as_str())
                    && l.pool.as_deref() == Some(row.pool.as_str())
                    && l.judge == Some(row.judge.clone())
                    && l.how.as_deref() == Some(row.how.as_str())
            });
            if !agrees {
                return Ok(Err(Break::Row {
                    case_no: row.case_no,
                }));
            }
        }
        // Entries of a case whose allocation is gone.
        if let Some(case_no) = logged.into_keys().next() {
            return Ok(Err(Break::Row { case_no }));
        }
        Ok(Ok((log.len(), log.last().map(|e| e.hash.clone()))))
    }
}

#[cfg(test)]
mod tests;
