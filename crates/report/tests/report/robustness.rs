//! Any document can be written: generated documents full of markup, control characters,
//! ragged rows, NaN and infinities give well-formed DOCX parts, a workbook, and a balanced
//! HTML page, never a panic.

use proptest::prelude::*;
use shenguan_report::{
    Block, Cell, Chart, ChartKind, Document, HeadingLevel, Note, NumberFormat, Series, Status,
    Table, render_docx, render_html, render_xlsx,
};

use crate::docx::unpack;
use crate::html::check_html;

fn text() -> impl Strategy<Value = String> {
    let alphabet = vec![
        'a', 'Z', '1', ' ', '<', '>', '&', '"', '\'', '/', '[', ']', '*', '?', ':', '\\', '\n',
        '\t', '\u{0}', '\u{1b}', '\u{7f}', '\u{FFFE}', '\u{FFFF}', '结', '案', '率', '（', '—',
        '😀',
    ];
    prop::collection::vec(prop::sample::select(alphabet), 0..14).prop_map(String::from_iter)
}

fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e6..1e6f64,
        Just(0.0),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(1e300),
        Just(-1e-300),
    ]
}

fn number_format() -> impl Strategy<Value = NumberFormat> {
    prop_oneof![
        Just(NumberFormat::Integer),
        (0u8..=255).prop_map(NumberFormat::Decimal),
        (0u8..=3).prop_map(NumberFormat::Percent),
        Just(NumberFormat::Days),
    ]
}

fn cell() -> impl Strategy<Value = Cell> {
    let status = prop::option::of(prop_oneof![
        Just(Status::BelowRange),
        Just(Status::AboveRange)
    ]);
    prop_oneof![
        (text(), status.clone()).prop_map(|(t, s)| match s {
            Some(s) => Cell::text(t).with_status(s),
            None => Cell::text(t),
        }),
        (value(), number_format(), status).prop_map(|(v, f, s)| match s {
            Some(s) => Cell::number(v, f).with_status(s),
            None => Cell::number(v, f),
        }),
        Just(Cell::Empty),
    ]
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        (text(), any::<bool>()).prop_map(|(text, one)| Block::Heading {
            level: if one {
                HeadingLevel::One
            } else {
                HeadingLevel::Two
            },
            text,
        }),
        text().prop_map(Block::Paragraph),
        (
            text(),
            prop::collection::vec(text(), 0..4),
            prop::collection::vec(prop::collection::vec(cell(), 0..5), 0..4)
        )
            .prop_map(|(caption, header, rows)| Block::Table(Table {
                caption,
                header,
                rows
            })),
        (
            text(),
            any::<bool>(),
            prop::collection::vec(text(), 0..6),
            prop::collection::vec(
                (
                    text(),
                    prop::collection::vec(prop::option::of(value()), 0..7)
                ),
                0..3
            ),
            number_format()
        )
            .prop_map(
                |(title, line, categories, series, format)| Block::Chart(Chart {
                    title,
                    kind: if line {
                        ChartKind::Line
                    } else {
                        ChartKind::Bar
                    },
                    categories,
                    series: series
                        .into_iter()
                        .map(|(name, values)| Series { name, values })
                        .collect(),
                    format,
                    // A running last period, its note as hostile as the rest of the text.
                    partial: line.then(|| "截至<b>&\"5日\"</b>".to_string()),
                    bands: Vec::new(),
                })
            ),
    ]
}

fn document() -> impl Strategy<Value = Document> {
    (
        text(),
        prop::option::of(text()),
        text(),
        prop::collection::vec(block(), 0..6),
        prop::collection::vec((text(), text()), 0..3),
    )
        .prop_map(|(title, subtitle, date_line, blocks, notes)| Document {
            title,
            subtitle,
            date_line,
            blocks,
            notes: notes
                .into_iter()
                .map(|(term, definition)| Note { term, definition })
                .collect(),
        })
}

proptest! {
    // A fixed seed: the same documents on every run and machine. A document that fails is
    // kept in the file below (relative to the crate, where tests run) and tried first on the
    // runs after.
    #![proptest_config(ProptestConfig {
        cases: 48,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x5e6_9a4e),
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct(
            "proptest-regressions/report-robustness.txt",
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_document_is_written_well_formed(document in document()) {
        let docx = render_docx(&document).expect("a DOCX");
        unpack(&docx);
        render_xlsx(&document).expect("a workbook");
        let html = render_html(&document);
        if let Err(problem) = check_html(&html) {
            panic!("{problem}");
        }
    }
}

#[test]
fn an_empty_document_is_still_a_document() {
    let document = Document {
        title: String::new(),
        subtitle: None,
        date_line: String::new(),
        blocks: vec![
            Block::Table(Table {
                caption: String::new(),
                header: Vec::new(),
                rows: Vec::new(),
            }),
            Block::Chart(Chart {
                title: String::new(),
                kind: ChartKind::Bar,
                categories: Vec::new(),
                series: Vec::new(),
                format: NumberFormat::Integer,
                partial: None,
                bands: Vec::new(),
            }),
        ],
        notes: Vec::new(),
    };
    unpack(&render_docx(&document).expect("a DOCX"));
    render_xlsx(&document).expect("a workbook");
    check_html(&render_html(&document)).expect("balanced HTML");
}
