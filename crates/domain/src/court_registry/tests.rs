use super::*;

const NETWORK: &str = "\
法院代字,法院名称,上级法院代字
苏01,南京市中级人民法院,
苏0102,南京市玄武区人民法院,
苏0104,南京市秦淮区人民法院,苏01
苏8601,南京铁路运输法院,苏01
";

#[test]
fn loads_a_network_with_chinese_headers() {
    let registry = CourtRegistry::from_csv(NETWORK).expect("valid list");
    assert_eq!(registry.len(), 4);
    let code = |t: &str| CourtCode::parse(t).expect("code");
    assert_eq!(registry.name_of(code("苏0102")), "南京市玄武区人民法院");
    assert_eq!(registry.parent_of(code("苏0102")), Some(code("苏01")));
    // Art. 6: the list may name a parent other than the numbering rule's.
    assert_eq!(registry.parent_of(code("苏8601")), Some(code("苏01")));
    assert_eq!(code("苏8601").default_parent(), Some(code("苏86")));
    let children: Vec<String> = registry
        .children_of(code("苏01"))
        .map(|c| c.code.to_string())
        .collect();
    assert_eq!(children, ["苏0102", "苏0104", "苏8601"]);
    // A court not on the list still has a level, a parent and a descriptive name.
    assert_eq!(registry.parent_of(code("苏0105")), Some(code("苏01")));
    assert_eq!(
        registry.name_of(code("苏0105")),
        "江苏省基层人民法院（苏0105）"
    );
    assert_eq!(
        registry.get(code("苏01")).map(Court::level),
        Some(CourtLevel::Intermediate)
    );
}

#[test]
fn loads_english_headers_without_parent_column_and_a_bom() {
    let text = "\u{feff}code,name\n浙01,杭州市中级人民法院\n浙0192,杭州互联网法院\n";
    let registry = CourtRegistry::from_csv(text).expect("valid list");
    let internet = CourtCode::parse("浙0192").expect("code");
    assert_eq!(registry.name_of(internet), "杭州互联网法院");
    assert_eq!(registry.parent_of(internet), CourtCode::parse("浙01").ok());
}

#[test]
fn every_bad_row_is_reported_and_nothing_is_loaded() {
    let text = "\
code,name,parent
苏01,南京市中级人民法院,
苏010,坏代字,
苏0102,,
苏0102,南京市玄武区人民法院,苏0104
苏01,重复,
苏0103,某法院,港01
";
    let errors = CourtRegistry::from_csv(text).expect_err("bad list");
    let summary: Vec<String> = errors
        .iter()
        .map(|e| format!("{} {} {}", e.row, e.column, e.value))
        .collect();
    assert_eq!(
        summary,
        [
            "3 code 苏010",
            "4 name ",
            "5 parent 苏0104",
            "6 code 苏01",
            "7 parent 港01",
        ]
    );
    let zh = |i: usize| errors[i].reason.zh();
    assert!(zh(0).contains("3位"), "{}", zh(0));
    assert!(zh(2).contains("层级"), "{}", zh(2));
    assert!(zh(3).contains("重复"), "{}", zh(3));
    assert!(errors[3].reason.en().contains("twice"), "{:?}", errors[3]);
    assert!(
        errors[0]
            .text()
            .en()
            .starts_with("row 3 column “code” value “苏010”")
    );
    assert!(
        errors[0]
            .to_string()
            .starts_with("第3行 列“code” 值“苏010”")
    );
}

#[test]
fn a_list_without_the_required_columns_is_refused() {
    let errors = CourtRegistry::from_csv("代字,名字\n苏01,南京\n").expect_err("no columns");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].row, 1);
    assert!(errors[0].reason.zh().contains("法院代字"));
    assert!(errors[0].reason.en().contains("code"));
}

#[test]
fn row_numbers_count_blank_lines_as_a_spreadsheet_does() {
    let errors =
        CourtRegistry::from_csv("code,name\n苏01,南京\n\n苏010,坏\n").expect_err("bad row");
    assert_eq!(errors[0].row, 4);
}

#[test]
fn a_short_name_is_what_tables_show_and_a_list_merges_over_another() {
    let text = "court_code,name,short_name,parent_code\n湘14,清河市中级人民法院,清河中院,\n湘1402,清河市清河区人民法院,,湘14\n";
    let listed = CourtRegistry::from_csv(text).expect("valid list");
    let code = |t: &str| CourtCode::parse(t).expect("code");
    assert_eq!(listed.short_name_of(code("湘14")), "清河中院");
    assert_eq!(listed.name_of(code("湘14")), "清河市中级人民法院");
    // Without a short name, the full name; off the list, a descriptive one.
    assert_eq!(listed.short_name_of(code("湘1402")), "清河市清河区人民法院");
    assert_eq!(
        listed.short_name_of(code("湘1403")),
        code("湘1403").generic_name_zh()
    );
    // The configuration's list wins where both name a court; the other adds what it lacks.
    let stored = CourtRegistry::from_courts([
        Court {
            code: code("湘1402"),
            name: "旧名".into(),
            short_name: Some("旧简称".into()),
            parent: Some(code("湘14")),
        },
        Court {
            code: code("湘1403"),
            name: "清河市东区人民法院".into(),
            short_name: Some("东区法院".into()),
            parent: Some(code("湘14")),
        },
    ]);
    let both = listed.merged_with(&stored);
    assert_eq!(both.len(), 3);
    assert_eq!(both.name_of(code("湘1402")), "清河市清河区人民法院");
    assert_eq!(both.short_name_of(code("湘1403")), "东区法院");
}
