use super::*;

/// Parses a code and describes it: display, level, province, default parent, kind.
fn describe(text: &str) -> String {
    match CourtCode::parse(text) {
        Ok(code) => format!(
            "{code} {} {} parent={} {}",
            code.level().key(),
            code.province().map_or("-", Province::name_zh),
            code.default_parent()
                .map_or("-".to_string(), |p| p.to_string()),
            code.kind().label_zh()
        ),
        Err(e) => format!("ERR {e:?}"),
    }
}

#[track_caller]
fn check(text: &str, expected: &str) {
    assert_eq!(describe(text), expected, "input {text:?}");
}

#[test]
fn levels_parents_and_kinds() {
    check("最高法", "最高法 supreme - parent=- 地方法院");
    check("苏", "苏 high 江苏省 parent=最高法 地方法院");
    check("内", "内 high 内蒙古自治区 parent=最高法 地方法院");
    check("兵", "兵 high 新疆生产建设兵团 parent=最高法 地方法院");
    check("军", "军 high 中国人民解放军 parent=最高法 地方法院");
    check("苏01", "苏01 intermediate 江苏省 parent=苏 地方法院");
    check("苏0102", "苏0102 basic 江苏省 parent=苏01 地方法院");
    check("粤0781", "粤0781 basic 广东省 parent=粤07 地方法院");
    // The internet court's appeals go to the intermediate court its first two digits name.
    check("京0491", "京0491 basic 北京市 parent=京04 地方法院");
    // Special numeric ranges (2018 amendment, Art. 5(2)(3)).
    check("京71", "京71 intermediate 北京市 parent=京 铁路运输法院");
    check("京7101", "京7101 basic 北京市 parent=京71 铁路运输法院");
    check("沪72", "沪72 intermediate 上海市 parent=沪 海事法院");
    check("京73", "京73 intermediate 北京市 parent=京 知识产权法院");
    check(
        "沪74",
        "沪74 intermediate 上海市 parent=沪 油田法院或金融法院",
    );
    check("黑75", "黑75 intermediate 黑龙江省 parent=黑 林业法院");
    check("黑80", "黑80 intermediate 黑龙江省 parent=黑 林业法院");
    check("黑81", "黑81 intermediate 黑龙江省 parent=黑 农垦法院");
    check("黑85", "黑85 intermediate 黑龙江省 parent=黑 农垦法院");
    check("京86", "京86 intermediate 北京市 parent=京 地方法院");
    check("京87", "京87 intermediate 北京市 parent=京 跨行政区划法院");
    check("沪95", "沪95 intermediate 上海市 parent=沪 跨行政区划法院");
    check(
        "新96",
        "新96 intermediate 新疆维吾尔自治区 parent=新 县级区域中级法院",
    );
    // A basic court numbered 00xx belongs directly under the high court.
    check("京0091", "京0091 basic 北京市 parent=京 地方法院");
    // Full-width digits and surrounding whitespace.
    check(" 苏０１ ", "苏01 intermediate 江苏省 parent=苏 地方法院");
}

#[test]
fn malformed_codes() {
    check("", "ERR Empty");
    check("港01", "ERR UnknownProvince('港')");
    check("蒙01", "ERR UnknownProvince('蒙')");
    check("苏1", "ERR DigitCount(1)");
    check("苏010", "ERR DigitCount(3)");
    check("苏01020", "ERR DigitCount(5)");
    check("苏00", "ERR ZeroNumber");
    check("苏0000", "ERR ZeroNumber");
    check("苏01法院", "ERR Trailing(\"法院\")");
    check("最高法院", "ERR UnknownProvince('最')");
}

#[test]
fn every_province_round_trips() {
    for province in Province::all() {
        assert_eq!(Province::from_abbr(province.abbr()), Some(province));
        for code in [
            CourtCode::High(province),
            CourtCode::Intermediate(province, 1),
            CourtCode::Intermediate(province, 99),
            CourtCode::Basic(province, 1),
            CourtCode::Basic(province, 9999),
        ] {
            assert_eq!(CourtCode::parse(&code.to_string()), Ok(code));
        }
    }
    assert_eq!(Province::all().count(), 33);
}

#[test]
fn generic_names_say_what_the_code_tells() {
    let name = |text: &str| CourtCode::parse(text).map(CourtCode::generic_name_zh);
    assert_eq!(name("最高法"), Ok("最高人民法院".to_string()));
    assert_eq!(name("苏"), Ok("江苏省高级人民法院".to_string()));
    assert_eq!(name("苏01"), Ok("江苏省中级人民法院（苏01）".to_string()));
    assert_eq!(name("沪72"), Ok("上海市海事法院（沪72）".to_string()));
    assert_eq!(
        name("苏0102"),
        Ok("江苏省基层人民法院（苏0102）".to_string())
    );
}
