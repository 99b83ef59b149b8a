use super::*;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use shenguan_domain::CaseNumber;
use shenguan_testkit::TempDir;

use crate::{Config, FixedClock};

fn code(text: &str) -> CourtCode {
    CourtCode::parse(text).expect("court")
}

fn user(role: Role, court: Option<&str>, division: Option<&str>) -> User {
    User {
        name: "王伟".into(),
        role,
        court: court.map(code),
        division: division.map(str::to_string),
        staff_id: None,
    }
}

/// An account to add, without a staff number.
fn account<'a>(
    name: &'a str,
    role: Role,
    court: Option<CourtCode>,
    division: Option<&'a str>,
    password: &'a str,
) -> NewAccount<'a> {
    NewAccount {
        name,
        role,
        court,
        division,
        staff_id: None,
        password,
    }
}

// The five roles, each held to the intermediate court 湘14 (so that there are courts below it,
// 湘1402, and above it, 湘), plus an administrator of the whole network.
fn network_admin() -> User {
    user(Role::Admin, None, None)
}
fn court_admin() -> User {
    user(Role::Admin, Some("湘14"), None)
}
fn leader() -> User {
    user(Role::Leader, Some("湘14"), None)
}
fn office() -> User {
    user(Role::Office, Some("湘14"), None)
}
fn division_head() -> User {
    user(Role::Division, Some("湘14"), Some("民一庭"))
}
fn judge() -> User {
    user(Role::Judge, Some("湘14"), None)
}

/// A court as asked for: "湘14" alone, "湘14+" with the courts below it (what a user's own court
/// means when they ask for none).
fn scope(text: &str) -> CourtScope {
    match text.strip_suffix('+') {
        Some(court) => CourtScope::with_lower(code(court)),
        None => CourtScope::alone(code(text)),
    }
}

/// What a query asks for: court, division, judge.
type Asked<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>);

/// Asking for a court alone.
fn court_only(court: &str) -> Asked<'_> {
    (Some(court), None, None)
}

/// `user` asking for `asked` gets the filter narrowed to `expected`, or (`None`) is refused.
#[track_caller]
fn check_restrict(user: &User, asked: Asked<'_>, expected: Option<Asked<'_>>) {
    let mut filter = Filter {
        court: asked.0.map(scope),
        division: asked.1.map(str::to_string),
        judge: asked.2.map(str::to_string),
        ..Filter::default()
    };
    let result = user.restrict(&mut filter);
    match expected {
        Some((court, division, judge)) => {
            assert_eq!(
                result,
                Ok(()),
                "{:?} {:?} asking {asked:?}",
                user.role,
                user.court
            );
            assert_eq!(
                (
                    filter.court,
                    filter.division.as_deref(),
                    filter.judge.as_deref()
                ),
                (court.map(scope), division, judge),
                "{:?} {:?} asking {asked:?}",
                user.role,
                user.court
            );
        }
        None => {
            let refusal = result.expect_err("refused");
            assert!(refusal.0.zh().contains("无权查看"), "{refusal:?}");
            assert!(
                refusal.0.en().starts_with("王伟 may not see"),
                "{refusal:?}"
            );
        }
    }
}

#[test]
fn each_role_is_held_to_its_court() {
    // Nothing asked: the user's own court and the courts below it.
    // Its own court or a court below it: kept as asked. Another court, the court above, or
    // another province's court: refused, never silently cut.
    for user in [court_admin(), leader(), office()] {
        check_restrict(&user, (None, None, None), Some(court_only("湘14+")));
        check_restrict(&user, court_only("湘14"), Some(court_only("湘14")));
        check_restrict(&user, court_only("湘1402"), Some(court_only("湘1402")));
        check_restrict(&user, court_only("湘15"), None);
        check_restrict(&user, court_only("湘1502"), None);
        check_restrict(&user, court_only("湘"), None);
        check_restrict(&user, court_only("鄂14"), None);
        // A division or a judge asked by these roles narrows within the court, unchanged.
        check_restrict(
            &user,
            (None, Some("刑庭"), Some("李四")),
            Some((Some("湘14+"), Some("刑庭"), Some("李四"))),
        );
    }
    // The division head also gets their division; the judge their own cases.
    let head = division_head();
    check_restrict(
        &head,
        (None, None, None),
        Some((Some("湘14+"), Some("民一庭"), None)),
    );
    check_restrict(
        &head,
        court_only("湘1402"),
        Some((Some("湘1402"), Some("民一庭"), None)),
    );
    check_restrict(&head, court_only("湘15"), None);
    check_restrict(&head, court_only("湘"), None);
    // A judge without a staff number is their court and name: "湘14:王伟".
    let judge = judge();
    check_restrict(
        &judge,
        (None, None, None),
        Some((Some("湘14+"), None, Some("湘14:王伟"))),
    );
    check_restrict(
        &judge,
        court_only("湘1402"),
        Some((Some("湘1402"), None, Some("湘14:王伟"))),
    );
    check_restrict(&judge, court_only("湘1502"), None);
    check_restrict(&judge, court_only("湘"), None);
    // An administrator of the network sees any court, and nothing asked stays the whole network.
    let admin = network_admin();
    check_restrict(&admin, (None, None, None), Some((None, None, None)));
    for court in ["湘", "湘14", "湘1502", "鄂0102", "最高法"] {
        check_restrict(
            &admin,
            (Some(court), Some("民一庭"), Some("李四")),
            Some((Some(court), Some("民一庭"), Some("李四"))),
        );
    }
}

#[test]
fn a_basic_court_sees_no_court_above_or_beside_it() {
    let basic = user(Role::Office, Some("湘1402"), None);
    check_restrict(&basic, (None, None, None), Some(court_only("湘1402+")));
    check_restrict(&basic, court_only("湘1402"), Some(court_only("湘1402")));
    check_restrict(&basic, court_only("湘14"), None);
    check_restrict(&basic, court_only("湘1403"), None);
    check_restrict(&basic, court_only("湘"), None);
    // A high court sees its intermediate and basic courts, not another province's.
    let high = user(Role::Leader, Some("湘"), None);
    check_restrict(&high, (None, None, None), Some(court_only("湘+")));
    check_restrict(&high, court_only("湘1402"), Some(court_only("湘1402")));
    check_restrict(&high, court_only("湘14"), Some(court_only("湘14")));
    check_restrict(&high, court_only("鄂"), None);
    check_restrict(&high, court_only("鄂0102"), None);
}

#[test]
fn a_division_head_and_a_judge_are_narrowed_to_their_own() {
    let head = division_head();
    // Their own division asked: kept; none: set; another: refused.
    check_restrict(
        &head,
        (None, Some("民一庭"), None),
        Some((Some("湘14+"), Some("民一庭"), None)),
    );
    check_restrict(&head, (None, Some("民二庭"), None), None);
    // A judge within the division narrows further.
    check_restrict(
        &head,
        (None, None, Some("李四")),
        Some((Some("湘14+"), Some("民一庭"), Some("李四"))),
    );
    // Their own name asked is their own cases (not their namesakes' elsewhere).
    let judge = judge();
    check_restrict(
        &judge,
        (None, None, Some("王伟")),
        Some((Some("湘14+"), None, Some("湘14:王伟"))),
    );
    check_restrict(
        &judge,
        (None, None, Some("湘14:王伟")),
        Some((Some("湘14+"), None, Some("湘14:王伟"))),
    );
    check_restrict(&judge, (None, None, Some("李四")), None);
    check_restrict(&judge, (None, None, Some("湘1402:王伟")), None);
    // A division asked by a judge narrows their own cases to it.
    check_restrict(
        &judge,
        (None, Some("民一庭"), None),
        Some((Some("湘14+"), Some("民一庭"), Some("湘14:王伟"))),
    );
    // With a staff number, that number.
    let numbered = User {
        staff_id: Some(StaffId::parse("0231").expect("a staff number")),
        ..judge.clone()
    };
    check_restrict(
        &numbered,
        (None, None, Some("王伟")),
        Some((Some("湘14+"), None, Some("0231"))),
    );
    check_restrict(&numbered, (None, None, Some("0544")), None);
    // A division head without a division on record (not an account `add_user` makes) is narrowed
    // to a division no case has, not let out to the whole court.
    let adrift = user(Role::Division, Some("湘14"), None);
    check_restrict(
        &adrift,
        (None, None, None),
        Some((Some("湘14+"), Some(""), None)),
    );
    check_restrict(&adrift, (None, Some("民一庭"), None), None);
}

/// A case of `court`, division and judge as given (filed 2026-01-05, pending).
fn case(court: &str, division: Option<&str>, judge: Option<&str>) -> CaseRecord {
    let number = format!("（2026）{court}民初1号");
    let case_no = CaseNumber::parse(&number, 2026).expect("a case number");
    let court = case_no.court().expect("a current court code");
    let filed = NaiveDate::from_ymd_opt(2026, 1, 5).expect("date");
    CaseRecord {
        division: division.map(str::to_string),
        judge: judge.map(str::to_string),
        ..CaseRecord::filed(case_no, court, filed)
    }
}

#[test]
fn who_may_open_which_case() {
    // The cases, as (court, division, judge): the users' own court, division and judge; the same
    // court with another division, another judge, neither recorded; a court below; another court;
    // the court above.
    let own = case("湘14", Some("民一庭"), Some("王伟"));
    let other_division = case("湘14", Some("民二庭"), Some("王伟"));
    let other_judge = case("湘14", Some("民一庭"), Some("李四"));
    let unassigned = case("湘14", None, None);
    let below = case("湘1402", Some("民一庭"), Some("王伟"));
    let elsewhere = case("湘1502", Some("民一庭"), Some("王伟"));
    let above = case("湘", Some("民一庭"), Some("王伟"));
    let cases = [
        &own,
        &other_division,
        &other_judge,
        &unassigned,
        &below,
        &elsewhere,
        &above,
    ];
    // One row per user: may they open each case, in the order above.
    let table: [(User, [bool; 7]); 7] = [
        (network_admin(), [true; 7]),
        // Court-wide roles: their court and the courts below, every division and judge.
        (court_admin(), [true, true, true, true, true, false, false]),
        (leader(), [true, true, true, true, true, false, false]),
        (office(), [true, true, true, true, true, false, false]),
        // A division head: the division, in their court or below, whoever the judge.
        (
            division_head(),
            [true, false, true, false, true, false, false],
        ),
        // A judge: their own cases, whatever the division — not a namesake's in the court
        // below (the same name in another court is another person).
        (judge(), [true, true, false, false, false, false, false]),
        // A division head without a division on record opens nothing, as the lists show nothing.
        (user(Role::Division, Some("湘14"), None), [false; 7]),
    ];
    for (user, expected) in table {
        for (case, want) in cases.iter().zip(expected) {
            assert_eq!(
                user.may_see(case),
                want,
                "{:?} {:?} opening {} ({:?}, {:?})",
                user.role,
                user.court,
                case.case_no,
                case.division,
                case.judge
            );
        }
    }
}

#[test]
fn who_may_import_and_where() {
    // An administrator or an office imports into the court they are held to and the courts
    // below (anywhere when held to the network): what they may load is what they may see. The
    // others do not import at all.
    for (user, may, scope) in [
        (network_admin(), true, Ok(None)),
        (court_admin(), true, Ok(Some(code("湘14")))),
        (office(), true, Ok(Some(code("湘14")))),
        (user(Role::Office, None, None), true, Ok(None)),
        (leader(), false, Err(())),
        (division_head(), false, Err(())),
        (judge(), false, Err(())),
    ] {
        assert_eq!(user.may_import(), may, "{:?}", user.role);
        match (user.import_scope(), scope) {
            (Ok(got), Ok(want)) => assert_eq!(got, want, "{:?}", user.role),
            (Err(refusal), Err(())) => {
                assert_eq!(refusal.0.zh(), "仅系统管理员和审管办可导入数据");
                assert!(
                    refusal.0.en().starts_with("王伟 may not import"),
                    "{refusal:?}"
                );
            }
            (got, want) => panic!("{:?}: got {got:?}, want {want:?}", user.role),
        }
    }
}

#[test]
fn a_court_is_within_itself_and_the_courts_above_it() {
    // (code, own, whether code is own or below own). Codes have no digits, 2 or 4, so a code
    // that begins with another is always below it: no 3-digit code exists to be confused.
    for (court, own, expected) in [
        ("湘1402", "湘1402", true),
        ("湘1402", "湘14", true),
        ("湘1402", "湘", true),
        ("湘14", "湘", true),
        ("湘14", "湘14", true),
        ("湘", "湘", true),
        ("湘0014", "湘", true),
        ("湘7101", "湘71", true),
        ("湘1402", "湘1403", false),
        ("湘1402", "湘15", false),
        ("湘1502", "湘14", false),
        ("湘0014", "湘14", false),
        ("湘14", "湘1402", false),
        ("湘", "湘14", false),
        ("湘1402", "鄂", false),
        ("鄂1402", "湘14", false),
        ("最高法", "最高法", true),
        ("最高法", "湘", false),
        // The supreme court's own code is no prefix of the others: a user held to 最高法 sees its
        // cases only, as the store's court filter does.
        ("湘1402", "最高法", false),
    ] {
        assert_eq!(
            within(code(court), code(own)),
            expected,
            "{court} within {own}"
        );
    }
}

#[test]
fn roles_read_in_english_or_chinese() {
    for (role, key, zh) in [
        (Role::Admin, "admin", "系统管理员"),
        (Role::Leader, "leader", "院领导"),
        (Role::Office, "office", "审管办"),
        (Role::Division, "division", "庭长"),
        (Role::Judge, "judge", "法官"),
    ] {
        assert_eq!(role.key(), key);
        assert_eq!(role.label_zh(), zh);
        assert_eq!(Role::parse(key), Some(role));
        assert_eq!(Role::parse(zh), Some(role));
        assert_eq!(Role::parse(&format!(" {key} ")), Some(role));
    }
    assert_eq!(Role::ALL.len(), 5);
    assert_eq!(Role::parse("clerk"), None);
    assert_eq!(Role::parse("Admin"), None);
    assert_eq!(Role::parse(""), None);
}

#[test]
fn new_passwords_use_sixteen_unmistakable_characters() {
    // The alphabet written out: no 0/O/o, no 1/l/I.
    const EXPECTED: &str = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut seen = std::collections::BTreeSet::new();
    // 200 passwords, 3200 characters: a character of the 56 is missed with probability
    // (55/56)^3200 ≈ e^-57 — every one of them shows up.
    for _ in 0..200 {
        let password = new_password();
        assert_eq!(password.chars().count(), 16, "{password}");
        for c in password.chars() {
            assert!(EXPECTED.contains(c), "{c} in {password}");
            seen.insert(c);
        }
    }
    assert_eq!(seen.len(), EXPECTED.chars().count());
}

#[test]
fn new_secrets_are_32_bytes_in_hex() {
    let first = new_secret();
    assert_eq!(first.len(), 64);
    assert!(
        first
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)),
        "{first}"
    );
    assert_ne!(first, new_secret());
}

#[test]
fn a_token_is_kept_as_its_sha256() {
    // The SHA-256 test vector of "abc" (FIPS 180-2, appendix B.1); blanks around a token are not
    // part of it.
    let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    assert_eq!(tokens::token_hash("abc"), abc);
    assert_eq!(tokens::token_hash(" abc\n"), abc);
    assert_ne!(tokens::token_hash("sg_00"), tokens::token_hash("sg_01"));
}

#[test]
fn the_decoy_hash_is_one_argon2id_hash() {
    // An unknown name is checked against a real hash, made once.
    let decoy = decoy_hash();
    assert!(decoy.starts_with("$argon2id$"), "{decoy}");
    assert!(PasswordHash::new(decoy).is_ok());
    assert_eq!(decoy_hash(), decoy);
}

/// An application stopped at 2026-11-27 and its store in a fresh folder.
fn world() -> (TempDir, App, Store) {
    let dir = TempDir::new("accounts");
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
    let app = App::with_clock(Config::default(), Box::new(FixedClock(today))).expect("app");
    let path = dir.join("shenguan.db");
    let store = app
        .open_store(Some(&path.display().to_string()))
        .expect("store");
    (dir, app, store)
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn passwords_are_kept_as_argon2id_hashes() {
    let (_dir, app, mut store) = world();
    let added = app
        .add_user(
            &mut store,
            account(
                " 张三 ",
                Role::Division,
                Some(code("湘1402")),
                Some(" 民一庭 "),
                "correct horse",
            ),
        )
        .expect("added");
    // Name and division are trimmed.
    assert_eq!(
        added,
        User {
            name: "张三".into(),
            role: Role::Division,
            court: Some(code("湘1402")),
            division: Some("民一庭".into()),
            staff_id: None,
        }
    );
    let row = store.inner.user("张三").expect("read").expect("stored");
    assert!(
        row.password_hash.starts_with("$argon2id$"),
        "{}",
        row.password_hash
    );
    assert!(!row.password_hash.contains("correct horse"));
    assert_eq!(row.role, "division");
    assert_eq!(row.court_code.as_deref(), Some("湘1402"));
    assert_eq!(row.created_at, "2026-11-27T12:00:00+08:00");
    // The right password gives the account; a wrong one, or an unknown name, nothing.
    assert_eq!(
        app.check_password(&mut store, "张三", "correct horse")
            .expect("checked"),
        Some(added.clone())
    );
    assert_eq!(
        app.check_password(&mut store, " 张三 ", "correct horse")
            .expect("checked"),
        Some(added.clone())
    );
    assert_eq!(
        app.check_password(&mut store, "张三", "correct horse ")
            .expect("checked"),
        None
    );
    assert_eq!(
        app.check_password(&mut store, "李四", "correct horse")
            .expect("checked"),
        None
    );
    // Adding the name again replaces the account: the old password no longer works.
    app.add_user(
        &mut store,
        account(
            "张三",
            Role::Judge,
            Some(code("湘1402")),
            None,
            "battery staple",
        ),
    )
    .expect("replaced");
    assert_eq!(
        app.check_password(&mut store, "张三", "correct horse")
            .expect("checked"),
        None
    );
    let judge = app
        .check_password(&mut store, "张三", "battery staple")
        .expect("checked")
        .expect("the new password");
    assert_eq!(judge.role, Role::Judge);
    assert_eq!(judge.division, None);
    // A stored role nobody knows is an error, not an account with some other role.
    let mut row = store.inner.user("张三").expect("read").expect("stored");
    row.role = "clerk".into();
    store.inner.put_user(&row).expect("written");
    let error = app
        .check_password(&mut store, "张三", "battery staple")
        .expect_err("unknown role");
    assert!(error.to_string().contains("clerk"), "{error}");
}

/// An account to add: name, role, court, division, password.
type Wanted<'a> = (&'a str, Role, Option<&'a str>, Option<&'a str>, &'a str);

/// `add_user` with `account` is accepted (`true`) or refused (`false`).
#[track_caller]
fn check_add(app: &App, store: &mut Store, wanted: Wanted<'_>, accepted: bool) {
    let (name, role, court, division, password) = wanted;
    let result = app.add_user(
        store,
        account(name, role, court.map(code), division, password),
    );
    assert_eq!(
        result.is_ok(),
        accepted,
        "{name:?} {role:?} {court:?} {division:?}: {result:?}"
    );
}

#[test]
fn an_account_needs_a_name_a_password_and_its_scope() {
    let (_dir, app, mut store) = world();
    let s = &mut store;
    // A name of 1 to 64 bytes: 64 ASCII letters pass, 65 do not; 21 Chinese characters are 63
    // bytes, 22 are 66.
    check_add(&app, s, ("", Role::Leader, None, None, "12345678"), false);
    check_add(&app, s, ("  ", Role::Leader, None, None, "12345678"), false);
    check_add(
        &app,
        s,
        (&"a".repeat(64), Role::Leader, None, None, "12345678"),
        true,
    );
    check_add(
        &app,
        s,
        (&"a".repeat(65), Role::Leader, None, None, "12345678"),
        false,
    );
    check_add(
        &app,
        s,
        (&"审".repeat(21), Role::Leader, None, None, "12345678"),
        true,
    );
    check_add(
        &app,
        s,
        (&"审".repeat(22), Role::Leader, None, None, "12345678"),
        false,
    );
    // A password of at least 8 characters (characters, not bytes: 7 Chinese characters are 21
    // bytes and still too short).
    check_add(&app, s, ("甲", Role::Leader, None, None, "1234567"), false);
    check_add(
        &app,
        s,
        ("甲", Role::Leader, None, None, "密码密码密码密"),
        false,
    );
    check_add(
        &app,
        s,
        ("甲", Role::Leader, None, None, "密码密码密码密码"),
        true,
    );
    // A division head needs a court and a (non-blank) division; a judge a court; the other roles
    // may hold the whole network.
    check_add(
        &app,
        s,
        ("乙", Role::Division, None, Some("民一庭"), "12345678"),
        false,
    );
    check_add(
        &app,
        s,
        ("乙", Role::Division, Some("湘1402"), None, "12345678"),
        false,
    );
    check_add(
        &app,
        s,
        ("乙", Role::Division, Some("湘1402"), Some("  "), "12345678"),
        false,
    );
    check_add(
        &app,
        s,
        (
            "乙",
            Role::Division,
            Some("湘1402"),
            Some("民一庭"),
            "12345678",
        ),
        true,
    );
    check_add(&app, s, ("丙", Role::Judge, None, None, "12345678"), false);
    check_add(
        &app,
        s,
        ("丙", Role::Judge, Some("湘1402"), None, "12345678"),
        true,
    );
    check_add(&app, s, ("丁", Role::Admin, None, None, "12345678"), true);
    check_add(&app, s, ("戊", Role::Office, None, None, "12345678"), true);
    // Only the accepted ones were stored.
    let names: Vec<String> = store
        .inner
        .users()
        .expect("users")
        .into_iter()
        .map(|u| u.name)
        .collect();
    let mut expected = vec![
        "a".repeat(64),
        "审".repeat(21),
        "甲".to_string(),
        "乙".to_string(),
        "丙".to_string(),
        "丁".to_string(),
        "戊".to_string(),
    ];
    expected.sort();
    let mut got = names;
    got.sort();
    assert_eq!(got, expected);
}

#[test]
fn tokens_are_shown_once_and_kept_as_a_hash() {
    let (_dir, app, mut store) = world();
    let added = app
        .add_user(
            &mut store,
            account("王伟", Role::Judge, Some(code("湘1402")), None, "12345678"),
        )
        .expect("added");
    let token = app.new_token(&mut store, "王伟").expect("a token");
    // "sg_" and 32 random bytes in hex.
    let hex = token.strip_prefix("sg_").expect("sg_ prefix");
    assert_eq!(hex.len(), 64);
    assert!(
        hex.chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    );
    // The store finds the account by the token's SHA-256, computed here independently, and not by
    // the token itself.
    let (row, made) = store
        .inner
        .user_by_token(&sha256_hex(&token))
        .expect("read")
        .expect("the hash is stored");
    assert_eq!(row.name, "王伟");
    // It works for the configured 90 days from the clock's day, 2026-11-27.
    assert_eq!(made.expires_on.as_deref(), Some("2027-02-25"));
    assert_eq!(store.inner.user_by_token(&token).expect("read"), None);
    assert_eq!(store.inner.user_by_token(hex).expect("read"), None);
    // The token opens the account; another token, or none, does not.
    assert_eq!(
        app.user_for_token(&mut store, &token).expect("checked"),
        Some(added.clone())
    );
    assert_eq!(
        app.user_for_token(&mut store, &format!("{token}\n"))
            .expect("checked"),
        Some(added)
    );
    let other = format!("sg_{}", "0".repeat(64));
    assert_eq!(
        app.user_for_token(&mut store, &other).expect("checked"),
        None
    );
    assert_eq!(app.user_for_token(&mut store, "").expect("checked"), None);
    // A second token is another one; both work.
    let second = app.new_token(&mut store, "王伟").expect("a token");
    assert_ne!(second, token);
    assert!(
        app.user_for_token(&mut store, &token)
            .expect("checked")
            .is_some()
    );
    assert!(
        app.user_for_token(&mut store, &second)
            .expect("checked")
            .is_some()
    );
    // No token for a name without an account.
    let error = app.new_token(&mut store, "李四").expect_err("no such user");
    assert!(error.to_string().contains("没有用户“李四”"), "{error}");
}

#[test]
fn account_changes_are_audited() {
    let (_dir, app, mut store) = world();
    app.add_user(
        &mut store,
        account("王伟", Role::Judge, Some(code("湘1402")), None, "12345678"),
    )
    .expect("added");
    app.add_user(
        &mut store,
        account("管理员", Role::Admin, None, None, "12345678"),
    )
    .expect("added");
    app.new_token(&mut store, "王伟").expect("a token");
    // Refused changes leave no line.
    app.add_user(
        &mut store,
        account("李四", Role::Judge, None, None, "12345678"),
    )
    .expect_err("a judge needs a court");
    app.new_token(&mut store, "李四")
        .expect_err("no account 李四");
    app.audit(
        &mut store,
        Some("管理员"),
        "case.view",
        "（2026）湘1402民初1号",
    )
    .expect("audited");
    // Newest first: (user, action, detail), all at the fixed clock's midday.
    let log = app.audit_log(&mut store, 10).expect("log");
    let lines: Vec<(Option<&str>, &str, &str)> = log
        .iter()
        .map(|e| (e.user.as_deref(), e.action.as_str(), e.detail.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            (Some("管理员"), "case.view", "（2026）湘1402民初1号"),
            (None, "token.create", "王伟 至 2027-02-25"),
            (None, "user.add", "管理员 admin"),
            (None, "user.add", "王伟 judge"),
        ]
    );
    assert!(log.iter().all(|e| e.at == "2026-11-27T12:00:00+08:00"));
    // The limit keeps the newest lines.
    let newest = app.audit_log(&mut store, 2).expect("log");
    assert_eq!(newest.len(), 2);
    assert_eq!(newest[0].action, "case.view");
    assert_eq!(newest[1].action, "token.create");
}

#[test]
fn a_judge_with_a_staff_number_opens_that_persons_cases_only() {
    let numbered = User {
        staff_id: Some(StaffId::parse("0231").expect("a staff number")),
        ..judge()
    };
    let mut own = case("湘14", Some("民一庭"), Some("王伟"));
    own.judge_id = numbered.staff_id.clone();
    let mut namesake = case("湘14", Some("民二庭"), Some("王伟"));
    namesake.judge_id = Some(StaffId::parse("0544").expect("a staff number"));
    // A case naming only the name is not tied to the number: the office must say whose it is.
    let unnumbered = case("湘14", Some("民一庭"), Some("王伟"));
    assert!(numbered.may_see(&own));
    assert!(!numbered.may_see(&namesake));
    assert!(!numbered.may_see(&unnumbered));
    // The account without a number is the court and the name: the unnumbered case only.
    assert!(judge().may_see(&unnumbered));
    assert!(!judge().may_see(&own));
}

#[test]
fn a_judges_account_is_tied_to_one_person_of_the_staff_list() {
    let (_dir, app, mut store) = world();
    let person = |id: &str, name: &str| shenguan_domain::Staff {
        id: StaffId::parse(id).expect("a staff number"),
        name: name.into(),
        court: code("湘1402"),
        division: Some("民事审判第一庭".into()),
        role: Some(shenguan_domain::StaffRole::QuotaJudge),
        active_from: None,
        active_to: None,
    };
    store
        .inner
        .write_import_with_staff(
            &[
                person("1402001", "吴刚"),
                person("1402002", "吴刚"),
                person("1402003", "李娜"),
            ],
            &[],
            &[],
            &mut |_| {},
        )
        .expect("the staff list");
    let judge = |name, staff_id| NewAccount {
        name,
        role: Role::Judge,
        court: Some(code("湘1402")),
        division: None,
        staff_id,
        password: "12345678",
    };
    // A unique name finds its number; a shared one asks for it, listing the candidates.
    let added = app
        .add_user(&mut store, judge("李娜", None))
        .expect("added");
    assert_eq!(
        added.staff_id.map(|s| s.to_string()).as_deref(),
        Some("1402003")
    );
    let refused = app
        .add_user(&mut store, judge("吴刚", None))
        .expect_err("two 吴刚 in 湘1402")
        .to_string();
    assert!(
        refused.contains("1402001") && refused.contains("1402002") && refused.contains("工号"),
        "{refused}"
    );
    let added = app
        .add_user(&mut store, judge("吴刚", Some("1402002")))
        .expect("added");
    assert_eq!(added.judge_key().as_deref(), Some("1402002"));
    let row = store.inner.user("吴刚").expect("read").expect("stored");
    assert_eq!(row.staff_id.as_deref(), Some("1402002"));
    // A number that is someone else's, or nobody's in a court with a list, is refused.
    for (name, staff_id) in [("吴刚", "1402003"), ("吴刚", "1402999"), ("吴刚", "14 02")] {
        app.add_user(&mut store, judge(name, Some(staff_id)))
            .expect_err(staff_id);
    }
    assert_eq!(
        store
            .inner
            .user("吴刚")
            .expect("read")
            .and_then(|r| r.staff_id)
            .as_deref(),
        Some("1402002"),
        "a refused change leaves the account as it was"
    );
}

#[test]
fn an_account_is_held_to_a_court_of_the_network() {
    let (dir, app, mut store) = world();
    let court = |text: &str, parent: Option<&str>| shenguan_domain::Court {
        code: code(text),
        name: format!("{text}法院"),
        short_name: None,
        parent: parent.map(code),
    };
    store
        .inner
        .write_courts(&[court("湘14", Some("湘")), court("湘1402", Some("湘14"))])
        .expect("the court list");
    // The list is read when a store is opened.
    let mut store = app
        .open_store(Some(&dir.join("shenguan.db").display().to_string()))
        .expect("store");
    let refused = app
        .add_user(
            &mut store,
            account("甲", Role::Office, Some(code("湘9999")), None, "12345678"),
        )
        .expect_err("not a court of the list")
        .to_string();
    assert!(refused.contains("湘9999不是本网络的法院"), "{refused}");
    for (name, held) in [
        ("乙", Some("湘1402")),
        ("丙", Some("湘14")),
        ("丁", Some("湘")),
        ("戊", None),
    ] {
        app.add_user(
            &mut store,
            account(name, Role::Office, held.map(code), None, "12345678"),
        )
        .unwrap_or_else(|e| panic!("{held:?}: {e}"));
    }
    assert!(store.inner.user("甲").expect("read").is_none());
}

/// The application of [`world`]'s store with the clock at `day`.
fn app_on(day: &str) -> App {
    let today = NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("date");
    App::with_clock(Config::default(), Box::new(FixedClock(today))).expect("app")
}

#[test]
fn a_token_stops_working_on_the_day_it_expires() {
    let (_dir, app, mut store) = world();
    app.add_user(
        &mut store,
        account("王伟", Role::Judge, Some(code("湘1402")), None, "12345678"),
    )
    .expect("added");
    // Made on 2026-11-27 for 30 days: the last day it works is 2026-12-26.
    let token = app
        .new_token_for_days(&mut store, "王伟", 30)
        .expect("a token");
    let works_on = |day: &str, store: &mut Store| {
        app_on(day)
            .user_for_token(store, &token)
            .expect("checked")
            .is_some()
    };
    assert!(works_on("2026-11-27", &mut store));
    assert!(works_on("2026-12-26", &mut store));
    assert!(!works_on("2026-12-27", &mut store));
    assert!(!works_on("2027-06-01", &mut store));
    // A life of no days, or of more than ten years, is refused.
    for days in [0, 3651] {
        let error = app
            .new_token_for_days(&mut store, "王伟", days)
            .expect_err("out of range");
        assert!(error.to_string().contains("1至3650"), "{error}");
    }
}

#[test]
fn a_disabled_account_signs_in_with_nothing_until_enabled() {
    let (_dir, app, mut store) = world();
    let added = app
        .add_user(
            &mut store,
            account("王伟", Role::Judge, Some(code("湘1402")), None, "12345678"),
        )
        .expect("added");
    let token = app.new_token(&mut store, "王伟").expect("a token");
    app.disable_user(&mut store, "王伟", Some("管理员"))
        .expect("disabled");
    assert_eq!(
        app.check_password(&mut store, "王伟", "12345678")
            .expect("checked"),
        None,
        "the right password opens a disabled account"
    );
    assert_eq!(
        app.user_for_token(&mut store, &token).expect("checked"),
        None
    );
    assert_eq!(app.active_user(&mut store, "王伟").expect("read"), None);
    // A new password does not put it back in use; enabling does.
    app.add_user(
        &mut store,
        account("王伟", Role::Judge, Some(code("湘1402")), None, "87654321"),
    )
    .expect("replaced");
    assert_eq!(app.active_user(&mut store, "王伟").expect("read"), None);
    let reset = app
        .reset_password(&mut store, "王伟", Some("管理员"))
        .expect("reset");
    assert_eq!(
        app.check_password(&mut store, "王伟", &reset)
            .expect("checked"),
        None,
        "a new password opened a disabled account"
    );
    assert!(
        app.reset_password(&mut store, "李四", None)
            .expect_err("nobody")
            .to_string()
            .contains("李四")
    );
    app.enable_user(&mut store, "王伟", None).expect("enabled");
    assert_eq!(
        app.active_user(&mut store, "王伟").expect("read"),
        Some(added.clone())
    );
    assert_eq!(
        app.user_for_token(&mut store, &token).expect("checked"),
        Some(added)
    );
    // Nobody of the name: a clear refusal, and nothing audited.
    let error = app
        .disable_user(&mut store, "李四", None)
        .expect_err("no such user");
    assert!(error.to_string().contains("李四"), "{error}");
    let actions: Vec<(Option<String>, String, String)> = app
        .audit_log(&mut store, 10)
        .expect("log")
        .into_iter()
        .map(|e| (e.user, e.action, e.detail))
        .collect();
    assert_eq!(actions[0], (None, "user.enable".into(), "王伟".into()));
    assert!(
        actions.contains(&(Some("管理员".into()), "user.disable".into(), "王伟".into())),
        "{actions:?}"
    );
}

#[test]
fn revoking_ends_every_token_of_the_account_and_no_others() {
    let (_dir, app, mut store) = world();
    for name in ["王伟", "李四"] {
        app.add_user(
            &mut store,
            account(name, Role::Judge, Some(code("湘1402")), None, "12345678"),
        )
        .expect("added");
    }
    let first = app.new_token(&mut store, "王伟").expect("a token");
    let second = app.new_token(&mut store, "王伟").expect("a token");
    let other = app.new_token(&mut store, "李四").expect("a token");
    let listed: Vec<(String, u64)> = app
        .accounts(&mut store)
        .expect("accounts")
        .into_iter()
        .map(|a| (a.user.name, a.tokens))
        .collect();
    assert_eq!(listed, [("李四".to_string(), 1), ("王伟".to_string(), 2)]);
    assert_eq!(
        app.revoke_tokens(&mut store, "王伟", Some("管理员"))
            .expect("revoked"),
        2
    );
    for token in [&first, &second] {
        assert_eq!(
            app.user_for_token(&mut store, token).expect("checked"),
            None
        );
    }
    assert!(
        app.user_for_token(&mut store, &other)
            .expect("checked")
            .is_some()
    );
    let last = &app.audit_log(&mut store, 1).expect("log")[0];
    assert_eq!(
        (
            last.user.as_deref(),
            last.action.as_str(),
            last.detail.as_str()
        ),
        (Some("管理员"), "token.revoke", "王伟 2")
    );
    assert!(app.revoke_tokens(&mut store, "无此人", None).is_err());
}

#[test]
fn an_administrator_manages_the_accounts_of_their_court_and_below() {
    let basic = || user(Role::Judge, Some("湘1402"), None);
    let network = || user(Role::Office, None, None);
    assert!(network_admin().may_manage(&basic()));
    assert!(network_admin().may_manage(&network()));
    assert!(court_admin().may_manage(&basic()), "湘1402 is below 湘14");
    assert!(court_admin().may_manage(&office()), "湘14 itself");
    assert!(
        !court_admin().may_manage(&network()),
        "an account of the whole network"
    );
    assert!(!court_admin().may_manage(&user(Role::Judge, Some("湘15"), None)));
    for other_role in [leader(), office(), division_head(), judge()] {
        assert!(!other_role.may_manage(&basic()), "{:?}", other_role.role);
    }
}

#[test]
fn a_reset_password_is_new_random_and_audited() {
    let (_dir, app, mut store) = world();
    app.add_user(
        &mut store,
        account("王伟", Role::Judge, Some(code("湘1402")), None, "12345678"),
    )
    .expect("added");
    let password = app
        .reset_password(&mut store, "王伟", Some("管理员"))
        .expect("reset");
    assert_eq!(password.chars().count(), 16);
    assert_eq!(
        app.check_password(&mut store, "王伟", "12345678")
            .expect("checked"),
        None
    );
    assert!(
        app.check_password(&mut store, "王伟", &password)
            .expect("checked")
            .is_some()
    );
    let last = &app.audit_log(&mut store, 1).expect("log")[0];
    assert_eq!(
        (
            last.user.as_deref(),
            last.action.as_str(),
            last.detail.as_str()
        ),
        (Some("管理员"), "user.password", "王伟")
    );
    assert!(app.reset_password(&mut store, "无此人", None).is_err());
}
