use super::*;

use std::collections::{BTreeMap, HashSet};

/// The chosen rule as `"<procedure> <limit>"` (e.g. `"普通 6个月"`), `"<procedure> 无"` for a rule
/// without a limit, `"无审限"` when the type has no rule at all.
fn describe(chosen: Option<&TimeLimitRule>) -> String {
    match chosen {
        None => "无审限".to_string(),
        Some(rule) => match rule.limit {
            Some(limit) => format!("{} {}", rule.procedure, limit),
            None => format!("{} 无", rule.procedure),
        },
    }
}

#[track_caller]
fn check_in(limits: &TimeLimits, code: &str, procedure: Option<Procedure>, expected: &str) {
    let chosen = limits
        .rule_for(code, procedure)
        .unwrap_or_else(|e| panic!("{code} {procedure:?}: {e}"));
    assert_eq!(describe(chosen), expected, "{code} {procedure:?}");
    if let (Some(rule), None) = (chosen, procedure) {
        assert!(
            rule.is_default,
            "{code}: without a procedure the default rule applies"
        );
    }
}

#[track_caller]
fn check(code: &str, procedure: Option<Procedure>, expected: &str) {
    check_in(&TimeLimits::standard(), code, procedure, expected);
}

#[track_caller]
fn check_not_applicable(code: &str, procedure: Procedure, allowed: &[Procedure]) {
    let error = TimeLimits::standard()
        .rule_for(code, Some(procedure))
        .expect_err("the procedure should not apply");
    assert_eq!(
        error,
        TimeLimitError::ProcedureNotApplicable {
            type_code: code.to_string(),
            procedure,
            allowed: allowed.to_vec(),
        }
    );
}

use Procedure as P;

#[test]
fn rule_for_without_a_procedure_takes_the_default() {
    // Civil: 民初 普通 6 months (CPL Art. 152); 民终 against a judgment 3 months; 民再 under
    // second-instance procedure (the reading chosen) 3 months.
    check("民初", None, "普通 6个月");
    check("民撤", None, "普通 6个月");
    check("民特", None, "特别 30日");
    check("民督", None, "特别 15日");
    check("民终", None, "判决 3个月");
    check("民辖终", None, "裁定 30日");
    check("民申", None, "普通 3个月");
    check("民监", None, "普通 3个月");
    check("民抗", None, "普通 30日");
    check("民再", None, "二审程序 3个月");
    check("破终", None, "裁定 30日");
    check("清终", None, "裁定 30日");
    check("破申", None, "普通 15日");
    // Criminal: 刑初 public prosecution 2 months (the third month is an extension).
    check("刑初", None, "普通 2个月");
    check("刑终", None, "普通 2个月");
    check("刑再", None, "普通 3个月");
    check("刑申", None, "普通 3个月");
    check("刑监", None, "普通 3个月");
    check("刑抗", None, "普通 1个月");
    check("刑更", None, "普通 1个月");
    check("刑医", None, "普通 1个月");
    // Administrative.
    check("行初", None, "普通 6个月");
    check("行终", None, "判决 3个月");
    check("行辖终", None, "裁定 30日");
    check("行申", None, "普通 3个月");
    check("行再", None, "二审程序 3个月");
    check("行审", None, "普通 30日");
    check("行赔初", None, "普通 6个月");
    check("行赔终", None, "判决 3个月");
    // State compensation, judicial sanctions, enforcement.
    check("法赔", None, "普通 2个月");
    check("委赔", None, "普通 3个月");
    check("司惩复", None, "普通 5日");
    check("执", None, "普通 6个月");
    check("执恢", None, "普通 6个月");
    check("执异", None, "普通 15日");
    check("执复", None, "普通 30日");
}

#[test]
fn rule_for_an_explicit_procedure() {
    // Each procedure of a type code selects its own limit.
    check("民初", Some(P::Ordinary), "普通 6个月");
    check("民初", Some(P::Simple), "简易 3个月");
    check("民初", Some(P::SmallClaims), "小额诉讼 2个月");
    check("民特", Some(P::Special), "特别 30日");
    check("民终", Some(P::AgainstJudgment), "判决 3个月");
    check("民终", Some(P::AgainstRuling), "裁定 30日");
    check("民申", Some(P::Ordinary), "普通 3个月");
    check("民再", Some(P::SecondInstanceRules), "二审程序 3个月");
    check("民再", Some(P::FirstInstanceRules), "一审程序 6个月");
    check("刑初", Some(P::Ordinary), "普通 2个月");
    check("刑初", Some(P::Simple), "简易 20日");
    check("刑初", Some(P::Speedy), "速裁 10日");
    check("刑初", Some(P::PrivateProsecution), "自诉 6个月");
    check("刑终", Some(P::Ordinary), "普通 2个月");
    check("刑再", Some(P::Ordinary), "普通 3个月");
    check("行初", Some(P::Ordinary), "普通 6个月");
    check("行初", Some(P::Simple), "简易 45日");
    check("行终", Some(P::AgainstJudgment), "判决 3个月");
    check("行终", Some(P::AgainstRuling), "裁定 30日");
    check("行再", Some(P::SecondInstanceRules), "二审程序 3个月");
    check("行再", Some(P::FirstInstanceRules), "一审程序 6个月");
    check("执", Some(P::Ordinary), "普通 6个月");
    check("执", Some(P::NonLitigation), "非诉 3个月");
    check("执恢", Some(P::NonLitigation), "非诉 3个月");
    check("执异", Some(P::Ordinary), "普通 15日");
}

#[test]
fn types_without_a_rule_have_no_limit_whatever_the_procedure() {
    check("刑核", None, "无审限");
    check("刑核", Some(P::Ordinary), "无审限");
    check("刑核", Some(P::Speedy), "无审限");
    check("执监", None, "无审限");
    check("民催", None, "无审限");
    check("刑他", None, "无审限");
    check("司救民", None, "无审限");
    check("破", None, "无审限");
}

#[test]
fn a_procedure_that_does_not_apply_lists_those_that_do() {
    // In the table's order, the default first.
    check_not_applicable("民初", P::Speedy, &[P::Ordinary, P::Simple, P::SmallClaims]);
    check_not_applicable(
        "民初",
        P::AgainstJudgment,
        &[P::Ordinary, P::Simple, P::SmallClaims],
    );
    check_not_applicable("民终", P::Ordinary, &[P::AgainstJudgment, P::AgainstRuling]);
    check_not_applicable(
        "民再",
        P::Ordinary,
        &[P::SecondInstanceRules, P::FirstInstanceRules],
    );
    check_not_applicable(
        "刑初",
        P::SmallClaims,
        &[P::Ordinary, P::Simple, P::Speedy, P::PrivateProsecution],
    );
    check_not_applicable("刑终", P::Simple, &[P::Ordinary]);
    check_not_applicable("行初", P::SmallClaims, &[P::Ordinary, P::Simple]);
    check_not_applicable("执", P::Simple, &[P::Ordinary, P::NonLitigation]);
    check_not_applicable("民特", P::Ordinary, &[P::Special]);
    // The message names the procedure and the choices, in Chinese or in English.
    let error = TimeLimits::standard()
        .rule_for("民初", Some(P::Speedy))
        .unwrap_err();
    assert_eq!(
        error.text().zh(),
        "“民初”案件不适用“速裁”，可选：普通、简易、小额诉讼"
    );
    assert_eq!(
        error.text().en(),
        "procedure “speedy” does not apply to 民初; choose one of: ordinary, simple, small_claims"
    );
    assert_eq!(error.to_string(), error.text().zh(), "Chinese by default");
}

#[test]
fn an_unknown_type_code_is_an_error() {
    let limits = TimeLimits::standard();
    for code in ["民X", "", "abc", "民初初", "民事"] {
        assert_eq!(
            limits.rule_for(code, None),
            Err(TimeLimitError::UnknownTypeCode(code.to_string())),
            "{code:?}"
        );
    }
    assert_eq!(
        limits.rule_for("民X", Some(P::Ordinary)),
        Err(TimeLimitError::UnknownTypeCode("民X".into()))
    );
    let mut limits = TimeLimits::standard();
    assert_eq!(
        limits.set("民X", None, Some(Period::Months(1))),
        Err(TimeLimitError::UnknownTypeCode("民X".into()))
    );
    let text = TimeLimitError::UnknownTypeCode("民X".into()).text();
    assert_eq!(text.zh(), "类型代字“民X”不在代字标准中");
    assert_eq!(text.en(), "unknown case-type code “民X”");
}

#[test]
fn set_overrides_and_adds_rules() {
    let mut limits = TimeLimits::standard();
    let before = limits.rules().len();
    // Without a procedure the default rule is replaced; the others stay.
    limits.set("刑初", None, Some(Period::Months(3))).unwrap();
    check_in(&limits, "刑初", None, "普通 3个月");
    check_in(&limits, "刑初", Some(P::Ordinary), "普通 3个月");
    check_in(&limits, "刑初", Some(P::Simple), "简易 20日");
    // A specific procedure.
    limits
        .set("民初", Some(P::Simple), Some(Period::Days(90)))
        .unwrap();
    check_in(&limits, "民初", Some(P::Simple), "简易 90日");
    check_in(&limits, "民初", None, "普通 6个月");
    // A non-default procedure given explicitly leaves the default alone.
    limits
        .set("民终", Some(P::AgainstRuling), Some(Period::Days(45)))
        .unwrap();
    check_in(&limits, "民终", None, "判决 3个月");
    check_in(&limits, "民终", Some(P::AgainstRuling), "裁定 45日");
    // A limit can be configured away.
    limits.set("执", Some(P::NonLitigation), None).unwrap();
    check_in(&limits, "执", Some(P::NonLitigation), "非诉 无");
    assert_eq!(limits.rules().len(), before, "replacing adds no rule");
    let rule = limits.rule_for("刑初", None).unwrap().unwrap();
    assert_eq!(rule.certainty, Certainty::Configured);
    assert_eq!(rule.basis, "本院配置文件");
    assert!(rule.is_default);
    // A type that had no rule gets one, which becomes its default.
    limits.set("执监", None, Some(Period::Months(3))).unwrap();
    check_in(&limits, "执监", None, "普通 3个月");
    limits
        .set("刑核", Some(P::Special), Some(Period::Months(1)))
        .unwrap();
    check_in(&limits, "刑核", None, "特别 1个月");
    assert!(limits.rule_for("刑核", None).unwrap().unwrap().is_default);
    // …and then the type only allows that procedure.
    assert!(matches!(
        limits.rule_for("刑核", Some(P::Ordinary)),
        Err(TimeLimitError::ProcedureNotApplicable { allowed, .. }) if allowed == [P::Special]
    ));
    // A new procedure for a type that has rules is added, not a default.
    limits
        .set("刑终", Some(P::Simple), Some(Period::Months(1)))
        .unwrap();
    check_in(&limits, "刑终", Some(P::Simple), "简易 1个月");
    check_in(&limits, "刑终", None, "普通 2个月");
    assert!(
        !limits
            .rule_for("刑终", Some(P::Simple))
            .unwrap()
            .unwrap()
            .is_default
    );
    assert_eq!(limits.rules().len(), before + 3);
    // The standard table itself is not changed.
    check("刑初", None, "普通 2个月");
    check("执监", None, "无审限");
}

#[test]
fn the_standard_table_is_consistent() {
    let limits = TimeLimits::standard();
    let mut seen = HashSet::new();
    let mut defaults: BTreeMap<&str, usize> = BTreeMap::new();
    for rule in limits.rules() {
        // Every type code is in the standard's table of codes.
        let case_type = CaseType::lookup(rule.type_code)
            .unwrap_or_else(|| panic!("{} is not a type code", rule.type_code));
        assert_eq!(case_type.code, rule.type_code);
        // No two rules for the same type code and procedure.
        assert!(
            seen.insert((rule.type_code, rule.procedure)),
            "{} {} twice",
            rule.type_code,
            rule.procedure
        );
        *defaults.entry(rule.type_code).or_default() += usize::from(rule.is_default);
        // Every standard rule has a limit, a basis, and is not "configured".
        assert!(rule.limit.is_some(), "{}", rule.type_code);
        assert!(!rule.basis.is_empty(), "{}", rule.type_code);
        assert_ne!(rule.certainty, Certainty::Configured, "{}", rule.type_code);
    }
    // Every type code with rules has exactly one default.
    for (code, count) in &defaults {
        assert_eq!(*count, 1, "{code} has {count} default rules");
    }
    assert_eq!(defaults.len(), 36);
    assert_eq!(limits.rules().len(), 48);
    // TimeLimits::default() is the standard table.
    assert_eq!(TimeLimits::default().rules(), limits.rules());
}

#[test]
fn procedure_labels_and_keys() {
    for procedure in Procedure::ALL {
        assert_eq!(Procedure::parse(procedure.key()), Some(procedure));
        assert_eq!(Procedure::parse(procedure.label_zh()), Some(procedure));
        assert_eq!(procedure.to_string(), procedure.label_zh());
    }
    let keys: HashSet<&str> = Procedure::ALL.iter().map(|p| p.key()).collect();
    let labels: HashSet<&str> = Procedure::ALL.iter().map(|p| p.label_zh()).collect();
    assert_eq!((keys.len(), labels.len()), (12, 12));
    // With 程序 and surrounding spaces.
    assert_eq!(Procedure::parse("简易程序"), Some(P::Simple));
    assert_eq!(Procedure::parse("普通程序"), Some(P::Ordinary));
    assert_eq!(Procedure::parse("速裁程序"), Some(P::Speedy));
    assert_eq!(Procedure::parse("小额诉讼程序"), Some(P::SmallClaims));
    assert_eq!(Procedure::parse(" 一审程序 "), Some(P::FirstInstanceRules));
    assert_eq!(Procedure::parse("二审程序"), Some(P::SecondInstanceRules));
    assert_eq!(Procedure::parse("non_litigation"), Some(P::NonLitigation));
    // Unknown.
    assert_eq!(Procedure::parse(""), None);
    assert_eq!(Procedure::parse("程序"), None);
    assert_eq!(Procedure::parse("Simple"), None);
    assert_eq!(Procedure::parse("简"), None);
    assert_eq!(Procedure::parse("一审"), None);
}
