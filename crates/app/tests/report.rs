//! The bulletin and the summary over a simulated network: every number the narrative states is
//! the engine's value for the same period (asked again, independently, here), every change is the
//! difference to a separately computed year-earlier value, and the files open with independent
//! readers — the DOCX unzipped and its XML parsed, the XLSX read back cell by cell with calamine,
//! the HTML self-contained.

use std::io::{Cursor, Read};

use chrono::NaiveDate;
use shenguan_app::metrics::{
    Cases, Change, Filter, MetricsRequest, Unit, display_value, indicator,
};
use shenguan_app::report::{ReportFormat, ReportKind, ReportRequest};
use shenguan_app::{App, Config, FixedClock};
use shenguan_domain::{CourtCode, CourtScope};
use shenguan_sim::SimParams;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn world() -> (App, Cases) {
    world_with(Config::default())
}

fn world_with(config: Config) -> (App, Cases) {
    let app = App::with_clock(config, Box::new(FixedClock(d("2026-11-27")))).expect("app");
    let mut params = SimParams::new(11, d("2024-01-01"), d("2026-11-27"));
    params.basic_courts = 3;
    params.scale = params.scale_for_cases(40_000);
    let sim = shenguan_sim::simulate(&params, app.calendar(), app.time_limits());
    let cases = app.cases_from_simulation(&sim).expect("cases");
    (app, cases)
}

/// The engine's value of one indicator over a period, asked on its own.
fn engine(
    app: &App,
    cases: &Cases,
    filter: &Filter,
    from: &str,
    to: &str,
    code: &str,
) -> Option<f64> {
    let report = app
        .metrics(
            cases,
            &MetricsRequest {
                from: d(from),
                to: d(to),
                group_by: vec![],
                filter: filter.clone(),
                indicators: vec![indicator(code).expect(code)],
                compare: vec![],
                definitions: Default::default(),
            },
        )
        .expect("metrics");
    report.result.rows.first().and_then(|r| r.values[0])
}

/// How the narrative writes a value of `code`.
fn written(code: &str, value: Option<f64>) -> String {
    let unit = indicator(code).expect(code).unit;
    let shown = display_value(unit, value);
    match unit {
        Unit::Cases => format!("{shown}件"),
        Unit::Percent => format!("{shown}%"),
        Unit::Days => format!("{shown}天"),
        Unit::Ratio => shown,
        Unit::Yuan => format!("{shown}元"),
    }
}

/// Whether `text` states `figure` as a whole: not as the tail of a longer number (`2件` inside
/// `12件`, `5.00%` inside `15.00%`) nor as the head of one (a ratio `1.5` inside `1.55`).
fn states(text: &str, figure: &str) -> bool {
    let part_of_a_number = |c: char| c.is_ascii_digit() || c == '.';
    text.match_indices(figure).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + figure.len()..].chars().next();
        !before.is_some_and(|c| part_of_a_number(c) || c == '-' || c == '−')
            && !after.is_some_and(part_of_a_number)
    })
}

#[test]
fn a_figure_is_stated_only_as_a_whole_number() {
    assert!(states("共受理各类案件2件。", "2件"));
    assert!(!states("共受理各类案件12件。", "2件"));
    assert!(!states("结案率15.00%", "5.00%"));
    assert!(!states("同比下降-3天", "3天"));
    assert!(states("结收比为1.5，", "1.5"));
    assert!(!states("结收比为1.55，", "1.5"));
    assert!(!states("结收比为21.5", "1.5"));
    // A sentence may end right after it; the first occurrence may be part of another number.
    assert!(states("1.5", "1.5"));
    assert!(states("结案12件，未结2件", "2件"));
}

/// The paragraphs of a document.
fn paragraphs(document: &shenguan_report::Document) -> Vec<String> {
    document
        .blocks
        .iter()
        .filter_map(|b| match b {
            shenguan_report::Block::Paragraph(text) => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_summary_states_the_engines_numbers() {
    let (app, cases) = world();
    for filter in [
        Filter::default(),
        Filter {
            court: Some(CourtScope::alone(
                CourtCode::parse("湘1402").expect("court"),
            )),
            ..Filter::default()
        },
    ] {
        let (from, to) = ("2026-01-01", "2026-06-30");
        let request = ReportRequest {
            kind: ReportKind::Summary {
                from: d(from),
                to: d(to),
            },
            filter: filter.clone(),
            definitions: Default::default(),
        };
        let document = app.report(&cases, &request).expect("report");
        let text = paragraphs(&document).join("\n");
        assert!(text.starts_with("2026年1至6月"), "{text}");
        let stated = [
            "accepted",
            "new",
            "carried_over",
            "closed",
            "closure_rate",
            "within_limit_rate",
            "avg_trial_days",
            "pending",
            "pending_over_limit",
            "long_pending_12m",
            "long_pending_18m",
            "long_pending_36m",
            "appeal_rate",
            "first_instance_reversal_rate",
            "first_instance_remand_rate",
            "mediation_withdrawal_rate",
            "first_instance_acceptance_rate",
            "enforcement_completion_rate",
            "zhongben_rate",
            "enforcement_recovery_rate",
            "property_within_limit_rate",
            "zhongben_compliance_rate",
            "three_year_enforcement_rate",
        ];
        for code in stated {
            let value = engine(&app, &cases, &filter, from, to, code);
            assert!(
                value.is_some(),
                "{code} is defined over six months of a court"
            );
            let shown = written(code, value);
            assert!(states(&text, &shown), "{code}: {shown} not in\n{text}");
        }
        // Changes on a year earlier, from the same months of 2025 asked separately.
        for (code, words) in [
            ("new", ["上升", "下降"]),
            ("closed", ["上升", "下降"]),
            ("within_limit_rate", ["上升", "下降"]),
            ("avg_trial_days", ["增加", "减少"]),
        ] {
            let unit = indicator(code).expect(code).unit;
            let now = engine(&app, &cases, &filter, from, to, code);
            let earlier = engine(&app, &cases, &filter, "2025-01-01", "2025-06-30", code);
            let change = Change::between(unit, now, earlier).expect("a change");
            let size = display_value(Unit::Days, Some(change.amount().abs()));
            let word = if change.amount() > 0.0 {
                words[0]
            } else {
                words[1]
            };
            let tail = match unit {
                Unit::Cases => "%",
                Unit::Percent => "个百分点",
                _ => "天",
            };
            let said = format!("{word}{size}{tail}");
            // The second of two changes in one direction shares the first's verb: "分别上升8.05%
            // 和5.78%".
            let shared =
                text.contains(&format!("分别{word}")) && states(&text, &format!("和{size}{tail}"));
            assert!(
                states(&text, &said) || shared,
                "{code}: {said} not in\n{text}"
            );
        }
        // Prose as an official document writes it: no doubled word, no "0项指标", no verb said
        // twice for two changes in one direction.
        for slip in ["有有", "0项指标", "和上升", "和下降"] {
            assert!(!text.contains(slip), "{slip} in\n{text}");
        }
        // The definitions of what it used.
        assert!(document.notes.iter().any(|n| n.term == "法定审限内结案率"));
        assert!(document.notes.iter().all(|n| !n.definition.is_empty()));
    }
}

#[test]
fn the_bulletin_covers_the_year_to_the_months_end_and_names_the_units() {
    let (app, cases) = world();
    let request = ReportRequest {
        kind: ReportKind::Bulletin {
            year: 2026,
            month: 10,
        },
        filter: Filter::default(),
        definitions: Default::default(),
    };
    let document = app.report(&cases, &request).expect("report");
    assert_eq!(document.title, "全市法院审判质效通报");
    assert_eq!(document.subtitle.as_deref(), Some("（2026年第10期）"));
    assert!(document.date_line.contains("2026年11月27日"));
    let text = paragraphs(&document).join("\n");
    let accepted = engine(
        &app,
        &cases,
        &Filter::default(),
        "2026-01-01",
        "2026-10-31",
        "accepted",
    );
    assert!(
        text.contains(&format!("共受理各类案件{}", written("accepted", accepted))),
        "{text}"
    );
    // The first table: the network's total, then each court, with the engine's values.
    let table = document
        .blocks
        .iter()
        .find_map(|b| match b {
            shenguan_report::Block::Table(t) => Some(t),
            _ => None,
        })
        .expect("a table");
    // Each court by its short name, as the simulated network names it.
    let names: Vec<String> = table.rows.iter().skip(1).map(|r| r[0].display()).collect();
    assert!(names.contains(&"清河区法院".to_string()), "{names:?}");
    assert!(names.contains(&"清河中院".to_string()), "{names:?}");
    let known = app.courts();
    let courts: Vec<String> = names
        .iter()
        .map(|name| {
            known
                .courts()
                .find(|c| c.short_name.as_deref() == Some(name.as_str()))
                .map(|c| c.code.to_string())
                .unwrap_or_else(|| panic!("no court is called {name}"))
        })
        .collect();
    for (row, court) in courts.iter().enumerate() {
        // A row counts the court's own cases, as the court alone counts them: the
        // intermediate court's row too, which is not the network's.
        let filter = Filter {
            court: Some(CourtScope::alone(CourtCode::parse(court).expect("court"))),
            ..Filter::default()
        };
        let new = engine(&app, &cases, &filter, "2026-01-01", "2026-10-31", "new");
        match &table.rows[row + 1][1] {
            shenguan_report::Cell::Number { value, .. } => {
                assert_eq!(Some(*value), new, "{court}")
            }
            other => panic!("{court}: {other:?}"),
        }
    }
    // A month that does not exist is refused.
    let bad = ReportRequest {
        kind: ReportKind::Bulletin {
            year: 2026,
            month: 13,
        },
        filter: Filter::default(),
        definitions: Default::default(),
    };
    assert!(app.report(&cases, &bad).is_err());
}

/// The XML parts of a zip by name.
fn unzip(bytes: &[u8]) -> std::collections::BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut parts = std::collections::BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("part");
        let name = file.name().expect("a UTF-8 name").to_string();
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let mut text = String::new();
            file.read_to_string(&mut text).expect("utf-8 xml");
            parts.insert(name, text);
        }
    }
    parts
}

/// The text of a WordprocessingML part, a line per paragraph, read with an XML parser.
fn word_text(xml: &str) -> String {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut inside = false;
    let mut out = String::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == "w:t" => inside = true,
            Event::End(e) if e.name().as_ref() == "w:t" => inside = false,
            Event::End(e) if e.name().as_ref() == "w:p" => out.push('\n'),
            Event::Text(t) if inside => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if inside => {
                let name = r.xml10_content();
                out.push_str(match name.as_ref() {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("entity {other}"),
                });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn the_files_open_with_independent_readers() {
    let (app, cases) = world();
    let request = ReportRequest {
        kind: ReportKind::Summary {
            from: d("2026-01-01"),
            to: d("2026-06-30"),
        },
        filter: Filter::default(),
        definitions: Default::default(),
    };
    let document = app.report(&cases, &request).expect("report");
    let narrative = paragraphs(&document);

    let docx = app
        .render_report(&document, ReportFormat::Docx)
        .expect("docx");
    let parts = unzip(&docx);
    for (name, xml) in &parts {
        let mut reader = quick_xml::Reader::from_str(xml);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name}: {e}"),
            }
        }
    }
    let body = word_text(&parts["word/document.xml"]);
    for paragraph in &narrative {
        assert!(body.contains(paragraph.as_str()), "DOCX lacks: {paragraph}");
    }
    assert!(
        parts.keys().any(|k| k.starts_with("word/charts/chart")),
        "charts"
    );

    let xlsx = app
        .render_report(&document, ReportFormat::Xlsx)
        .expect("xlsx");
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(xlsx)).expect("xlsx");
    let names = calamine::Reader::sheet_names(&book);
    let first_table = names
        .iter()
        .find(|n| n.starts_with("表1"))
        .expect("a sheet per table")
        .clone();
    let range = calamine::Reader::worksheet_range(&mut book, &first_table).expect("sheet");
    let network: Vec<String> = range
        .rows()
        .find(|r| {
            r.first()
                .is_some_and(|c| c.to_string().starts_with("全市法院"))
        })
        .expect("the network's row")
        .iter()
        .map(|c| c.to_string())
        .collect();
    let new = engine(
        &app,
        &cases,
        &Filter::default(),
        "2026-01-01",
        "2026-06-30",
        "new",
    )
    .expect("new");
    assert_eq!(network[1], format!("{new}"), "{network:?}");

    let html = String::from_utf8(
        app.render_report(&document, ReportFormat::Html)
            .expect("html"),
    )
    .expect("utf-8");
    assert!(html.contains("<svg") && !html.contains("http://") && !html.contains("https://"));
    for paragraph in &narrative {
        let escaped = paragraph
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;");
        assert!(html.contains(&escaped), "HTML lacks: {paragraph}");
    }
}

/// "New since a month earlier" in the bulletin: each unit and indicator outside its range at the
/// month's end whose value over the period ending a month earlier was within it — asked of the
/// engine again here, court by court, for every item the bulletin lists as outside.
#[test]
fn the_bulletin_names_what_left_its_range_since_a_month_earlier() {
    // A range on 新收 that 清河区法院 leaves in October: its cases to the end of September lie
    // within, to the end of October above.
    let (app, cases) = world();
    let own = Filter {
        court: Some(CourtScope::alone(
            CourtCode::parse("湘1402").expect("court"),
        )),
        ..Filter::default()
    };
    let september = engine(&app, &cases, &own, "2026-01-01", "2026-09-30", "new").expect("new");
    let october = engine(&app, &cases, &own, "2026-01-01", "2026-10-31", "new").expect("new");
    assert!(october > september + 1.0, "{september} {october}");
    let mut config = Config::default();
    config
        .ranges
        .push(("new".into(), (None, Some((september + october) / 2.0))));
    let (app, cases) = world_with(config);
    let request = ReportRequest {
        kind: ReportKind::Bulletin {
            year: 2026,
            month: 10,
        },
        filter: Filter::default(),
        definitions: Default::default(),
    };
    let document = app.report(&cases, &request).expect("report");
    let text = paragraphs(&document);
    let known = app.courts();
    let court_named = |name: &str| {
        known
            .courts()
            .find(|c| c.short_name.as_deref() == Some(name))
            .map(|c| c.code)
            .unwrap_or_else(|| panic!("no court is called {name}"))
    };
    // "结案率偏离参考区间的法院2个：清河区法院 95.20%、云溪区法院 88.10%。"
    let mut expected_new = 0;
    let mut listed = 0;
    for line in text.iter().filter(|l| l.contains("偏离参考区间的法院")) {
        let (name, rest) = line.split_once("偏离参考区间的法院").expect("a list");
        let indicator = shenguan_app::metrics::CATALOGUE
            .iter()
            .find(|i| i.name_zh == name)
            .unwrap_or_else(|| panic!("no indicator is called {name}"));
        let items = rest
            .split_once('：')
            .expect("items")
            .1
            .trim_end_matches('。');
        for item in items.split('、') {
            listed += 1;
            let court = court_named(item.split(' ').next().expect("a court"));
            let filter = Filter {
                court: Some(CourtScope::alone(court)),
                ..Filter::default()
            };
            let before = engine(
                &app,
                &cases,
                &filter,
                "2026-01-01",
                "2026-09-30",
                indicator.code,
            );
            let (low, high) = app.range(indicator);
            let within =
                before.is_some_and(|v| low.is_none_or(|l| v >= l) && high.is_none_or(|h| v <= h));
            if within {
                expected_new += 1;
            }
        }
    }
    assert!(
        listed > 0,
        "the simulated network has values outside the ranges: {text:?}"
    );
    let said = text
        .iter()
        .find(|l| l.contains("新出现偏离"))
        .unwrap_or_else(|| panic!("{text:?}"));
    assert!(expected_new >= 1, "清河区法院's 新收 is new: {said}");
    assert!(said.contains("清河区法院新收"), "{said}");
    match expected_new {
        0 => assert!(said.contains("没有新出现偏离区间的指标"), "{said}"),
        n => assert!(said.contains(&format!("新出现偏离的{n}项")), "{said}"),
    }
}
