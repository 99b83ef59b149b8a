use super::*;

/// The standard's table as a reviewer reads it: code, category, stage. Kept apart from the table
/// itself so that an accidental edit of either shows up here.
const EXPECTED: &str = "
刑辖 criminal jurisdiction | 民辖 civil jurisdiction | 民辖终 civil jurisdiction | 民辖监 civil jurisdiction
行辖 administrative jurisdiction | 行辖终 administrative jurisdiction
赔辖 state_compensation jurisdiction | 赔辖终 state_compensation jurisdiction
刑初 criminal first_instance | 刑终 criminal second_instance | 刑监 criminal retrial_review
刑申 criminal retrial_review | 刑抗 criminal retrial_review | 刑再 criminal retrial
刑没 criminal special_procedure | 刑核 criminal sentence_review
刑医 criminal special_procedure | 刑医解 criminal special_procedure | 刑医复 criminal special_procedure
刑医监 criminal special_procedure | 刑止 criminal special_procedure | 刑止调 criminal special_procedure
刑止核 criminal special_procedure | 刑更 criminal sentence_change | 刑更监 criminal sentence_change
刑更备 criminal sentence_change | 刑他 criminal other | 刑教 criminal special_procedure
刑教解 criminal special_procedure | 刑教复 criminal special_procedure | 刑教监 criminal special_procedure
民初 civil first_instance | 民终 civil second_instance | 民监 civil retrial_review | 民申 civil retrial_review
民抗 civil retrial_review | 民再 civil retrial | 民撤 civil first_instance | 民特 civil special_procedure
民特监 civil retrial_review | 民催 civil special_procedure | 民督 civil special_procedure
民督监 civil retrial_review | 民他 civil other | 民保令 civil special_procedure | 民保更 civil special_procedure
民诉前调 civil pre_litigation | 诉前调确 civil pre_litigation | 诉前调书 civil pre_litigation
行初 administrative first_instance | 行终 administrative second_instance
行监 administrative retrial_review | 行申 administrative retrial_review | 行抗 administrative retrial_review
行再 administrative retrial | 行审 administrative non_litigation_review
行审复 administrative non_litigation_review | 行他 administrative other
行赔初 state_compensation first_instance | 行赔终 state_compensation second_instance
行赔监 state_compensation retrial_review | 行赔申 state_compensation retrial_review
行赔抗 state_compensation retrial_review | 行赔再 state_compensation retrial | 行赔他 state_compensation other
法赔 state_compensation compensation | 委赔 state_compensation compensation
委赔监 state_compensation retrial_review | 赔确监 state_compensation retrial_review
委赔提 state_compensation retrial | 委赔再 state_compensation retrial | 赔他 state_compensation other
司救刑 judicial_assistance judicial_aid | 司救民 judicial_assistance judicial_aid
司救行 judicial_assistance judicial_aid | 司救赔 judicial_assistance judicial_aid
司救执 judicial_assistance judicial_aid | 司救访 judicial_assistance judicial_aid
司救他 judicial_assistance judicial_aid
认台 judicial_assistance inter_regional | 认港 judicial_assistance inter_regional
认澳 judicial_assistance inter_regional | 认复 judicial_assistance inter_regional
认他 judicial_assistance inter_regional | 请台送 judicial_assistance inter_regional
请港送 judicial_assistance inter_regional | 请澳送 judicial_assistance inter_regional
台请送 judicial_assistance inter_regional | 港请送 judicial_assistance inter_regional
澳请送 judicial_assistance inter_regional | 请台调 judicial_assistance inter_regional
请港调 judicial_assistance inter_regional | 请澳调 judicial_assistance inter_regional
台请调 judicial_assistance inter_regional | 港请调 judicial_assistance inter_regional
澳请调 judicial_assistance inter_regional | 请移管 judicial_assistance inter_regional
助移管 judicial_assistance inter_regional | 请移赃 judicial_assistance inter_regional
助移赃 judicial_assistance inter_regional
协外认 judicial_assistance international | 协他 judicial_assistance international
协外送 judicial_assistance international | 请外送 judicial_assistance international
协外调 judicial_assistance international | 请外调 judicial_assistance international
请外移 judicial_assistance international | 协外移 judicial_assistance international
请外引 judicial_assistance international | 协外引 judicial_assistance international
司惩 judicial_sanction sanction | 司惩复 judicial_sanction sanction
财保 preservation preservation | 行保 preservation preservation | 行保复 preservation preservation
证保 preservation preservation
执 enforcement enforcement | 执恢 enforcement enforcement | 执保 enforcement enforcement
执异 enforcement enforcement_review | 执复 enforcement enforcement_review
执监 enforcement enforcement_review | 执协 enforcement enforcement_review | 执他 enforcement other
清申 civil insolvency | 破申 civil insolvency | 清终 civil second_instance | 破终 civil second_instance
清监 civil retrial_review | 破监 civil retrial_review | 强清 civil insolvency | 破 civil insolvency
";

fn expected_rows() -> Vec<(&'static str, &'static str, &'static str)> {
    EXPECTED
        .split(['|', '\n'])
        .map(str::trim)
        .filter(|cell| !cell.is_empty())
        .map(|cell| {
            let mut parts = cell.split(' ');
            let (Some(code), Some(category), Some(stage), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                panic!("malformed expectation {cell:?}");
            };
            (code, category, stage)
        })
        .collect()
}

#[test]
fn every_type_code_has_its_category_and_stage() {
    let expected = expected_rows();
    assert_eq!(
        expected.len(),
        CaseType::all().len(),
        "table and expectation differ in length"
    );
    for (code, category, stage) in expected {
        let case_type = CaseType::lookup(code).unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(case_type.code, code);
        assert_eq!(case_type.category.key(), category, "{code}");
        assert_eq!(case_type.stage.key(), stage, "{code}");
    }
}

#[test]
fn codes_are_unique_and_ids_round_trip() {
    let mut seen = std::collections::HashSet::new();
    for (index, case_type) in CaseType::all().iter().enumerate() {
        assert!(seen.insert(case_type.code), "duplicate {}", case_type.code);
        let id = CaseType::id_of(case_type.code).expect("id");
        assert_eq!(usize::from(id), index);
        assert_eq!(CaseType::by_id(id), Some(case_type));
        assert_eq!(case_type.class_no.len(), 4, "{}", case_type.code);
        assert!(!case_type.name_zh.is_empty() && !case_type.name_en.is_empty());
        // Art. 7: at most three characters, except the pre-litigation codes seen in practice.
        let chars = case_type.code.chars().count();
        assert!(
            chars <= 3 || case_type.stage == Stage::PreLitigation,
            "{}",
            case_type.code
        );
    }
}

#[test]
fn lookup_rejects_what_is_not_a_code() {
    for text in [
        "",
        "民",
        "民事",
        "民初终",
        "赔",
        "司救",
        "知民初",
        "民初 ",
        "ABCDE",
        "民诉前调解",
    ] {
        assert_eq!(CaseType::lookup(text), None, "{text:?}");
    }
}

#[test]
fn categories_and_stages_read_back_from_keys_and_labels() {
    for category in Category::ALL {
        assert_eq!(Category::from_key(category.key()), Some(category));
        assert_eq!(Category::from_key(category.label_zh()), Some(category));
    }
    for stage in Stage::ALL {
        assert_eq!(Stage::from_key(stage.key()), Some(stage));
        assert_eq!(Stage::from_key(stage.label_zh()), Some(stage));
    }
    assert_eq!(Category::from_key("民事"), Some(Category::Civil));
    assert_eq!(Stage::from_key("二审"), Some(Stage::SecondInstance));
    assert_eq!(Category::from_key("商事"), None);
}
