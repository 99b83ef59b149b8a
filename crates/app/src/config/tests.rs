use std::collections::HashMap;
use std::fs;

use shenguan_testkit::TempDir;

use super::*;

/// A fresh folder for one test's files, removed afterwards.
fn fresh_folder(name: &str) -> TempDir {
    TempDir::new(&format!("config-{name}"))
}

fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| map.get(name).cloned()
}

#[test]
fn defaults_without_file_or_environment() {
    let folder = fresh_folder("defaults");
    let config = Config::load(None, &env_of(&[]), folder.path()).expect("config");
    assert!(config.roll_past_rest_days);
    assert_eq!(config.holidays_file, None);
    assert_eq!(config.today, None);
    assert!(config.time_limits.is_empty());
    assert_eq!(config.source, None);
}

#[test]
fn the_default_file_is_read_and_its_paths_are_relative_to_it() {
    let folder = fresh_folder("file");
    fs::write(
        folder.join("shenguan.toml"),
        "[deadline]\nroll_past_rest_days = false\nholidays_file = \"h.csv\"\n\n[courts]\nfile = \"c.csv\"\n\n[time_limits]\n\"刑初\" = \"3m\"\n\"民初/简易\" = \"45d\"\n\"执监\" = \"none\"\n",
    )
    .expect("write");
    let config = Config::load(None, &env_of(&[]), folder.path()).expect("config");
    assert!(!config.roll_past_rest_days);
    assert_eq!(config.holidays_file, Some(folder.join("h.csv")));
    assert_eq!(config.courts_file, Some(folder.join("c.csv")));
    let overrides: Vec<(&str, Option<Procedure>, Option<Period>)> = config
        .time_limits
        .iter()
        .map(|o| (o.type_code.as_str(), o.procedure, o.limit))
        .collect();
    assert_eq!(
        overrides,
        [
            ("刑初", None, Some(Period::Months(3))),
            ("执监", None, None),
            ("民初", Some(Procedure::Simple), Some(Period::Days(45))),
        ]
    );
}

#[test]
fn the_environment_overrides_the_file() {
    let folder = fresh_folder("env");
    let file = folder.join("other.toml");
    fs::write(&file, "[deadline]\nroll_past_rest_days = false\n").expect("write");
    let env = env_of(&[
        ("SHENGUAN_CONFIG", file.to_str().expect("path")),
        ("SHENGUAN_DEADLINE_ROLL_REST_DAYS", "yes"),
        ("SHENGUAN_TODAY", "2026/11/27"),
    ]);
    let config = Config::load(None, &env, folder.path()).expect("config");
    assert!(config.roll_past_rest_days);
    assert_eq!(config.today, NaiveDate::from_ymd_opt(2026, 11, 27));
    assert_eq!(config.source, Some(file));
}

#[test]
fn mistakes_are_named() {
    let folder = fresh_folder("mistakes");
    let bad_bool = Config::load(
        None,
        &env_of(&[("SHENGUAN_DEADLINE_ROLL_REST_DAYS", "maybe")]),
        folder.path(),
    );
    assert!(matches!(bad_bool, Err(AppError::Invalid(m)) if m.zh().contains("maybe")));
    let bad_today = Config::load(
        None,
        &env_of(&[("SHENGUAN_TODAY", "2026-02-30")]),
        folder.path(),
    );
    assert!(matches!(bad_today, Err(AppError::Invalid(m)) if m.zh().contains("SHENGUAN_TODAY")));

    let file = folder.join("bad.toml");
    fs::write(&file, "[time_limits]\n\"民初/加急\" = \"3m\"\n").expect("write");
    let bad_procedure = Config::load(Some(&file), &env_of(&[]), folder.path());
    assert!(
        matches!(bad_procedure, Err(AppError::Invalid(m)) if m.zh().contains("加急") && m.zh().contains("bad.toml"))
    );

    fs::write(&file, "[time_limits]\n\"民初\" = \"six months\"\n").expect("write");
    let bad_period = Config::load(Some(&file), &env_of(&[]), folder.path());
    assert!(matches!(bad_period, Err(AppError::Invalid(m)) if m.zh().contains("six months")));

    let missing = Config::load(
        Some(&folder.join("absent.toml")),
        &env_of(&[]),
        folder.path(),
    );
    assert!(matches!(missing, Err(AppError::Io { path, .. }) if path.contains("absent.toml")));
}

#[test]
fn the_shipped_example_configuration_loads() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shenguan.example.toml");
    let folder = fresh_folder("example");
    let config = Config::load(Some(&example), &env_of(&[]), folder.path()).expect("example loads");
    assert!(config.roll_past_rest_days);
    // Its sample ranges name indicators that exist: the application accepts them.
    let codes: Vec<&str> = config
        .ranges
        .iter()
        .map(|(code, _)| code.as_str())
        .collect();
    assert!(
        codes.contains(&"first_instance_acceptance_rate"),
        "{codes:?}"
    );
    assert!(codes.len() >= 5, "{codes:?}");
    crate::App::new(config).expect("the example's ranges are the catalogue's indicators");
}

#[test]
fn reference_ranges_are_read_with_open_ends_and_bad_ones_are_named() {
    let folder = fresh_folder("ranges");
    let file = folder.join("ranges.toml");
    fs::write(
        &file,
        "[metrics.ranges]\nwithin_limit_rate = \"97..100\"\nlong_pending_12m_ratio = \"..0.5\"\nclose_to_new_ratio = \"95..\"\n",
    )
    .expect("write");
    let config = Config::load(Some(&file), &env_of(&[]), folder.path()).expect("loads");
    assert_eq!(
        config.ranges,
        vec![
            ("close_to_new_ratio".to_string(), (Some(95.0), None)),
            ("long_pending_12m_ratio".to_string(), (None, Some(0.5))),
            ("within_limit_rate".to_string(), (Some(97.0), Some(100.0))),
        ]
    );
    for bad in ["\"100..97\"", "\"..\"", "\"97\"", "\"a..b\""] {
        fs::write(
            &file,
            format!("[metrics.ranges]\nwithin_limit_rate = {bad}\n"),
        )
        .expect("write");
        let error = Config::load(Some(&file), &env_of(&[]), folder.path());
        assert!(
            matches!(&error, Err(AppError::Invalid(m)) if m.zh().contains("within_limit_rate") && m.zh().contains("ranges.toml")),
            "{bad}: {error:?}"
        );
    }
    // A range for an indicator that does not exist stops the application from starting.
    fs::write(&file, "[metrics.ranges]\nno_such_rate = \"1..2\"\n").expect("write");
    let config = Config::load(Some(&file), &env_of(&[]), folder.path()).expect("loads");
    let app = crate::App::new(config);
    assert!(matches!(app, Err(AppError::Invalid(m)) if m.zh().contains("no_such_rate")));
}

#[test]
fn the_token_life_is_read_and_held_to_ten_years() {
    let folder = fresh_folder("token-days");
    let defaults = Config::load(None, &env_of(&[]), folder.path()).expect("config");
    assert_eq!(defaults.token_days, DEFAULT_TOKEN_DAYS);
    let file = folder.join("shenguan.toml");
    fs::write(&file, "[accounts]\ntoken_days = 30\n").expect("write");
    let config = Config::load(Some(&file), &env_of(&[]), folder.path()).expect("config");
    assert_eq!(config.token_days, 30);
    for bad in ["0", "3651", "-1"] {
        fs::write(&file, format!("[accounts]\ntoken_days = {bad}\n")).expect("write");
        let refused = Config::load(Some(&file), &env_of(&[]), folder.path());
        assert!(
            matches!(&refused, Err(AppError::Invalid(m)) if m.zh().contains("token_days")),
            "{bad}: {refused:?}"
        );
    }
}

#[test]
fn the_supervision_section_sets_the_reply_time_and_the_chain() {
    let folder = fresh_folder("supervision");
    let defaults = Config::load(None, &env_of(&[]), folder.path()).expect("config");
    assert_eq!(defaults.reply_working_days, 5);
    assert!(defaults.supervision_chain.is_empty());
    let default_app = crate::App::with_clock(
        defaults,
        Box::new(crate::FixedClock(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 2).expect("a day"),
        )),
    )
    .expect("app");
    let chain = default_app.supervision_chain();
    let names: Vec<&str> = chain.levels().iter().map(|l| l.label.zh()).collect();
    assert_eq!(names, ["庭长", "分管院领导", "院长"]);
    let file = folder.join("shenguan.toml");
    fs::write(
        &file,
        "[supervision]\nreply_working_days = 3\nchain = [\"庭长\", \"院长\"]\n",
    )
    .expect("write");
    let config = Config::load(Some(&file), &env_of(&[]), folder.path()).expect("config");
    assert_eq!(config.reply_working_days, 3);
    let app = crate::App::with_clock(
        config,
        Box::new(crate::FixedClock(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 2).expect("a day"),
        )),
    )
    .expect("app");
    let chain = app.supervision_chain();
    let names: Vec<&str> = chain.levels().iter().map(|l| l.label.zh()).collect();
    assert_eq!(names, ["庭长", "院长"]);
    for bad in [
        "reply_working_days = 0",
        "reply_working_days = 61",
        "chain = []",
        "chain = [\"庭长\", \" \"]",
        "chain = [\"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\"]",
        "levels = 3",
    ] {
        fs::write(&file, format!("[supervision]\n{bad}\n")).expect("write");
        let refused = Config::load(Some(&file), &env_of(&[]), folder.path());
        assert!(
            matches!(&refused, Err(AppError::Invalid(_))),
            "{bad}: {refused:?}"
        );
    }
}

#[test]
fn the_enforcement_section_sets_the_checklist_and_the_targets() {
    let folder = fresh_folder("enforcement");
    let defaults = Config::load(None, &env_of(&[]), folder.path()).expect("config");
    assert!(defaults.checklist.site_investigation_required);
    assert_eq!(defaults.checklist.min_months, 3);
    assert_eq!(defaults.targets.property_within_limit, 90.0);
    assert_eq!(defaults.targets.three_year, 80.0);
    let file = folder.join("shenguan.toml");
    fs::write(
        &file,
        "[enforcement]\nsite_investigation_required = false\nzhongben_min_months = 6\nzhongben_compliance = 85\nthree_year = 75.5\n",
    )
    .expect("write");
    let config = Config::load(Some(&file), &env_of(&[]), folder.path()).expect("config");
    assert!(!config.checklist.site_investigation_required);
    assert_eq!(config.checklist.min_months, 6);
    assert_eq!(config.targets.zhongben_compliance, 85.0);
    assert_eq!(config.targets.three_year, 75.5);
    assert_eq!(config.targets.courts_meeting, 90.0);
    for bad in [
        "zhongben_min_months = 0",
        "zhongben_min_months = 25",
        "property_within_limit = 101",
        "courts_meeting = -1",
        "three_year = nan",
        "three_year = inf",
        "petitions_closed = \"90%\"",
        "site_investigation_required = \"yes\"",
        "threshold = 90",
    ] {
        fs::write(&file, format!("[enforcement]\n{bad}\n")).expect("write");
        let refused = Config::load(Some(&file), &env_of(&[]), folder.path());
        assert!(
            matches!(&refused, Err(AppError::Invalid(_))),
            "{bad}: {refused:?}"
        );
    }
}

#[test]
fn the_server_section_sets_the_upload_limit_and_secure_cookies() {
    let folder = fresh_folder("server");
    let defaults = Config::load(None, &env_of(&[]), folder.path()).expect("config");
    assert_eq!(defaults.upload_limit_mib, DEFAULT_UPLOAD_LIMIT_MIB);
    assert!(!defaults.secure_cookies);
    let file = folder.join("shenguan.toml");
    let load = |text: &str| {
        fs::write(&file, text).expect("write");
        Config::load(Some(&file), &env_of(&[]), folder.path())
    };
    let config =
        load("[server]\nupload_limit_mib = 64\npublic_url = \"https://sg.court.example\"\n")
            .expect("config");
    assert_eq!(config.upload_limit_mib, 64);
    assert!(
        config.secure_cookies,
        "an https address implies secure cookies"
    );
    // Said outright, the setting wins over what the address implies.
    let config =
        load("[server]\npublic_url = \"https://sg.court.example\"\nsecure_cookies = false\n")
            .expect("config");
    assert!(!config.secure_cookies);
    assert!(
        load("[server]\nsecure_cookies = true\n")
            .expect("config")
            .secure_cookies
    );
    for bad in [
        "[server]\nupload_limit_mib = 0\n",
        "[server]\nupload_limit_mib = 4097\n",
        "[server]\npublic_url = \"sg.court.example\"\n",
        "[server]\nport = 80\n",
    ] {
        let refused = load(bad);
        assert!(
            matches!(&refused, Err(AppError::Invalid(m)) if m.zh().contains("server") || m.zh().contains("port")),
            "{bad}: {refused:?}"
        );
    }
}

#[test]
fn the_metrics_endpoint_is_off_unless_the_file_or_the_environment_turns_it_on() {
    let folder = fresh_folder("server-metrics");
    let file = folder.join("shenguan.toml");
    let load = |text: &str, env: &[(&str, &str)]| {
        fs::write(&file, text).expect("write");
        Config::load(Some(&file), &env_of(env), folder.path())
    };
    assert!(!load("", &[]).expect("config").metrics);
    assert!(
        load("[server]\nmetrics = true\n", &[])
            .expect("config")
            .metrics
    );
    // The environment wins over the file, either way.
    assert!(
        !load(
            "[server]\nmetrics = true\n",
            &[("SHENGUAN_METRICS", "false")]
        )
        .expect("config")
        .metrics
    );
    assert!(
        load("", &[("SHENGUAN_METRICS", "1")])
            .expect("config")
            .metrics
    );
    let refused = load("", &[("SHENGUAN_METRICS", "maybe")]);
    assert!(
        matches!(&refused, Err(AppError::Invalid(m)) if m.en().contains("SHENGUAN_METRICS")),
        "{refused:?}"
    );
    assert!(load("[server]\nmetrics = \"yes\"\n", &[]).is_err());
}

#[test]
fn the_petition_settings_are_read_and_bad_ones_are_named() {
    let folder = fresh_folder("petitions");
    let file = folder.join("petitions.toml");
    fs::write(
        &file,
        "[petitions]\ngroup_size = 10\nbacklog_days = 90\nbacklog_petitions = 4\n",
    )
    .expect("write");
    let config = Config::load(Some(&file), &env_of(&[]), folder.path()).expect("loads");
    assert_eq!(config.petitions.group_size, 10);
    assert_eq!(config.petitions.matters.backlog_days, 90);
    assert_eq!(config.petitions.matters.backlog_petitions, 4);
    let defaults = Config::default();
    assert_eq!(defaults.petitions.group_size, 5);
    assert_eq!(defaults.petitions.matters.backlog_days, 180);
    for bad in [
        "group_size = 1",
        "backlog_days = 0",
        "backlog_petitions = 101",
    ] {
        fs::write(&file, format!("[petitions]\n{bad}\n")).expect("write");
        let refused = Config::load(Some(&file), &env_of(&[]), folder.path());
        let key = bad.split(' ').next().expect("a key");
        assert!(
            matches!(&refused, Err(AppError::Invalid(m)) if m.zh().contains(key)),
            "{bad}: {refused:?}"
        );
    }
}

#[test]
fn the_review_scale_is_chosen_by_name_and_a_wrong_one_is_named() {
    use shenguan_domain::review::grading::Scale;
    let folder = fresh_folder("review-scale");
    let file = folder.join("review.toml");
    std::fs::write(&file, "[review]\nscale = \"优秀/合格/基本合格/不合格\"\n").expect("written");
    let config = Config::load(Some(&file), &env_of(&[]), folder.path()).expect("loads");
    assert_eq!(config.review_scale, Scale::four_grades());
    std::fs::write(&file, "[review]\nscale = \"好/坏\"\n").expect("written");
    let error = Config::load(Some(&file), &env_of(&[]), folder.path()).expect_err("refused");
    assert!(error.to_string().contains("review.scale"), "{error}");
    assert_eq!(Config::default().review_scale, Scale::Findings);
}

#[test]
fn the_repeated_petitions_count_is_read_and_held_to_its_range() {
    let folder = fresh_folder("review-repeat");
    let file = folder.join("review.toml");
    std::fs::write(&file, "[review]\nrepeat_petitions = 3\n").expect("written");
    let config = Config::load(Some(&file), &env_of(&[]), folder.path()).expect("loads");
    assert_eq!(config.review_repeat_petitions, 3);
    assert_eq!(Config::default().review_repeat_petitions, 2);
    for bad in ["0", "21", "-1", "\"two\""] {
        std::fs::write(&file, format!("[review]\nrepeat_petitions = {bad}\n")).expect("written");
        let refused = Config::load(Some(&file), &env_of(&[]), folder.path());
        assert!(refused.is_err(), "{bad}: {refused:?}");
    }
}

#[test]
fn a_network_names_its_score_sheets_and_a_wrong_one_is_refused_with_its_place() {
    use shenguan_domain::Category;
    let folder = fresh_folder("review-sheets");
    let file = folder.join("review.toml");
    let sheet = |category: &str, second: u32| {
        format!(
            "[[review.sheets]]\n{category}items = [\n  {{ code = \"E1\", group = \"执行实施\", text = \"财产调查与处置\", points = 60 }},\n  {{ code = \"E2\", group = \"执行文书\", text = \"裁定与笔录\", points = {second} }},\n]\n"
        )
    };
    std::fs::write(&file, sheet("category = \"执行\"\n", 40)).expect("written");
    let config = Config::load(Some(&file), &env_of(&[]), folder.path()).expect("loads");
    let enforcement = config
        .review_sheets
        .for_category(Some(Category::Enforcement));
    assert_eq!(enforcement.items.len(), 2);
    assert_eq!(
        config.review_sheets.for_category(Some(Category::Civil)),
        &shenguan_domain::review::grading::Rubric::standard()
    );
    assert!(!config.review_presume_reversed);
    for (bad, says) in [
        (sheet("category = \"执行\"\n", 30), "review.sheets"),
        (sheet("category = \"海事\"\n", 40), "海事"),
        (format!("{}{}", sheet("", 40), sheet("", 40)), "two sheets"),
    ] {
        std::fs::write(&file, bad).expect("written");
        let error = Config::load(Some(&file), &env_of(&[]), folder.path()).expect_err("refused");
        assert!(
            error.to_string().contains(says) || error.text().en().contains(says),
            "{says}: {error}"
        );
    }
    std::fs::write(&file, "[review]\npresume_reversed_defective = true\n").expect("written");
    let config = Config::load(Some(&file), &env_of(&[]), folder.path()).expect("loads");
    assert!(config.review_presume_reversed);
}

#[test]
fn a_network_names_its_accountability_outcomes() {
    let folder = fresh_folder("review-outcomes");
    let file = folder.join("review.toml");
    std::fs::write(&file, "[review]\noutcomes = [\"通报\", \"诫勉谈话\"]\n").expect("written");
    let config = Config::load(Some(&file), &env_of(&[]), folder.path()).expect("loads");
    assert_eq!(config.review_outcomes, ["通报", "诫勉谈话"]);
    assert_eq!(Config::default().review_outcomes.len(), 7);
    for bad in ["[]", "[\"通报\", \"通报\"]", "[\"\"]"] {
        std::fs::write(&file, format!("[review]\noutcomes = {bad}\n")).expect("written");
        let error = Config::load(Some(&file), &env_of(&[]), folder.path()).expect_err("refused");
        assert!(
            error.to_string().contains("review.outcomes"),
            "{bad}: {error}"
        );
    }
}

#[test]
fn the_allocation_section_names_the_reasons_and_the_pairing_threshold() {
    let folder = fresh_folder("allocation");
    let file = folder.join("allocation.toml");
    std::fs::write(
        &file,
        "[allocation]\nrules = \"rules/diversion.toml\"\ndesignation_reasons = [\"本院提审的案件\"]\npairing_least = 4\npairing_chance = 0.01\n",
    )
    .expect("written");
    let config = Config::load(Some(&file), &env_of(&[]), folder.path()).expect("loads");
    assert_eq!(config.designation_reasons, ["本院提审的案件"]);
    assert_eq!((config.pairing_least, config.pairing_chance), (4, 0.01));
    assert_eq!(
        config.allocation_rules,
        Some(folder.path().join("rules/diversion.toml"))
    );
    for (bad, named) in [
        (
            "designation_reasons = [\"理由;judge=J9\"]",
            "designation_reasons",
        ),
        ("designation_reasons = []", "designation_reasons"),
        ("pairing_least = 1", "pairing_least"),
        ("pairing_chance = 0.9", "pairing_chance"),
        ("pairing_chance = -1.0", "pairing_chance"),
    ] {
        std::fs::write(&file, format!("[allocation]\n{bad}\n")).expect("written");
        let error = Config::load(Some(&file), &env_of(&[]), folder.path()).expect_err("refused");
        assert!(error.to_string().contains(named), "{bad}: {error}");
    }
}

#[test]
fn the_integrity_section_reads_the_monthly_cut_off_and_names_a_bad_setting() {
    let folder = fresh_folder("integrity");
    let file = folder.join("integrity.toml");
    std::fs::write(
        &file,
        "[integrity]\ncutoff_day = 25\ncutoff_days = 3\nmin_z = 2.5\n",
    )
    .expect("written");
    let config = Config::load(Some(&file), &env_of(&[]), folder.path()).expect("loads");
    assert_eq!(
        (config.integrity.cutoff_day, config.integrity.cutoff_days),
        (25, 3)
    );
    assert_eq!(config.integrity.min_z, 2.5);
    assert_eq!(Config::default().integrity.cutoff_day, 0);
    for (key, bad) in [
        ("cutoff_day", "32"),
        ("cutoff_days", "0"),
        ("cutoff_days", "16"),
        ("window_days", "366"),
        ("min_z", "0"),
        ("rush_ratio", "nan"),
        ("cutoff_day", "\"月末\""),
    ] {
        std::fs::write(&file, format!("[integrity]\n{key} = {bad}\n")).expect("written");
        let refused = Config::load(Some(&file), &env_of(&[]), folder.path())
            .expect_err(&format!("{key} = {bad}"));
        let said = refused.to_string();
        assert!(said.contains(key), "{key} = {bad}: {said}");
    }
}

#[test]
fn the_closing_progress_year_and_floors_are_read_and_bad_ones_are_named() {
    let folder = fresh_folder("progress");
    let file = folder.join("progress.toml");
    let defaults = Config::default().integrity;
    assert_eq!(defaults.progress_start_month, 12);
    assert_eq!(defaults.progress_floors, [None; 12]);
    // The example's reading of Inner Mongolia: the first and last floors, none between.
    std::fs::write(
        &file,
        "[integrity]\nprogress_start_month = 1\nprogress_floors = [18, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 93]\n",
    )
    .expect("written");
    let config = Config::load(Some(&file), &env_of(&[]), folder.path()).expect("loads");
    assert_eq!(config.integrity.progress_start_month, 1);
    let mut floors = [None; 12];
    floors[0] = Some(18.0);
    floors[11] = Some(93.0);
    assert_eq!(config.integrity.progress_floors, floors);
    std::fs::write(&file, "[integrity]\nprogress_floors = [20.5, 40]\n").expect("written");
    let config = Config::load(Some(&file), &env_of(&[]), folder.path()).expect("loads");
    assert_eq!(
        config.integrity.progress_floors[..3],
        [Some(20.5), Some(40.0), None]
    );
    for (bad, named) in [
        (
            "progress_floors = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]",
            "progress_floors",
        ),
        ("progress_floors = [18, -1]", "progress_floors"),
        ("progress_floors = [100.5]", "progress_floors"),
        ("progress_floors = [\"18%\"]", "progress_floors"),
        ("progress_floors = [18, true]", "progress_floors"),
        ("progress_floors = 18", "progress_floors"),
        ("progress_start_month = 0", "progress_start_month"),
        ("progress_start_month = 13", "progress_start_month"),
    ] {
        std::fs::write(&file, format!("[integrity]\n{bad}\n")).expect("written");
        let refused = Config::load(Some(&file), &env_of(&[]), folder.path());
        assert!(
            matches!(&refused, Err(AppError::Invalid(m))
                if m.zh().contains(&format!("integrity.{named}"))
                    && m.en().contains(&format!("integrity.{named}"))),
            "{bad}: {refused:?}"
        );
    }
}
