//! The sample bulletin every test writes: Chinese text with markup characters in it, two
//! tables (one with marked cells and a ragged row), a line and a bar chart, and notes.

use shenguan_report::{
    Block, Cell, Chart, ChartKind, Document, HeadingLevel, Note, NumberFormat, Series, Status,
    Table,
};

pub fn sample() -> Document {
    let percent = NumberFormat::Percent(1);
    Document {
        title: "2024年6月审判质效通报 <草稿> & \"试行\"".to_string(),
        subtitle: Some("（2024年第6期）".to_string()),
        date_line: "某某市中级人民法院审判管理办公室　2024年7月5日".to_string(),
        blocks: vec![
            Block::Heading {
                level: HeadingLevel::One,
                text: "一、总体情况".to_string(),
            },
            Block::Paragraph(
                "1—6月，全市法院共受理各类案件12345件，结案10234件，结案率82.9%；\
                 结案率<85%的法院应当说明原因 & 提出整改措施。"
                    .to_string(),
            ),
            Block::Heading {
                level: HeadingLevel::Two,
                text: "（一）结案情况".to_string(),
            },
            Block::Table(Table {
                caption: "表1　各院结案率".to_string(),
                header: vec![
                    "法院".to_string(),
                    "收案（件）".to_string(),
                    "结案（件）".to_string(),
                    "结案率".to_string(),
                    "平均审理天数".to_string(),
                ],
                rows: vec![
                    vec![
                        Cell::text("某某市中级人民法院"),
                        Cell::number(2345.0, NumberFormat::Integer),
                        Cell::number(2001.0, NumberFormat::Integer),
                        Cell::number(85.33, percent),
                        Cell::number(45.26, NumberFormat::Days),
                    ],
                    vec![
                        Cell::text("甲区人民法院"),
                        Cell::number(5000.0, NumberFormat::Integer),
                        Cell::number(3900.0, NumberFormat::Integer),
                        Cell::number(78.0, percent).with_status(Status::BelowRange),
                        Cell::number(61.0, NumberFormat::Days).with_status(Status::AboveRange),
                    ],
                    // A short row: the writers pad it.
                    vec![
                        Cell::text("乙县人民法院 \"试点\""),
                        Cell::number(5000.0, NumberFormat::Integer),
                        Cell::Empty,
                    ],
                ],
            }),
            Block::Chart(Chart {
                title: "图1　近6个月结案率".to_string(),
                kind: ChartKind::Line,
                categories: ["1月", "2月", "3月", "4月", "5月", "6月"]
                    .map(String::from)
                    .to_vec(),
                series: vec![
                    Series {
                        name: "全市".to_string(),
                        values: vec![
                            Some(20.5),
                            Some(38.1),
                            Some(52.0),
                            Some(63.4),
                            Some(74.9),
                            Some(82.9),
                        ],
                    },
                    Series {
                        name: "甲区 <试点>".to_string(),
                        values: vec![Some(18.0), None, Some(50.2), Some(60.0), Some(70.1)],
                    },
                ],
                format: percent,
                partial: None,
                bands: Vec::new(),
            }),
            Block::Heading {
                level: HeadingLevel::Two,
                text: "（二）执行情况".to_string(),
            },
            Block::Paragraph(
                "执行案件“四个90%、一个80%”指标总体平稳，\"有财产可供执行案件法定期限内实际执结率\"略有下降。"
                    .to_string(),
            ),
            Block::Table(Table {
                caption: "表2 执行指标: 2024/06".to_string(),
                header: vec!["指标".to_string(), "本期".to_string(), "同比".to_string()],
                rows: vec![
                    vec![
                        Cell::text("执行完毕率"),
                        Cell::number(91.2, percent),
                        Cell::number(1.25, NumberFormat::Decimal(2)),
                    ],
                    vec![
                        Cell::text("终本合格率"),
                        Cell::number(100.0, percent),
                        Cell::number(-0.5, NumberFormat::Decimal(2)),
                    ],
                ],
            }),
            Block::Chart(Chart {
                title: "图2　各院收结案数".to_string(),
                kind: ChartKind::Bar,
                categories: vec![
                    "中院".to_string(),
                    "甲区".to_string(),
                    "乙县 & 丙县".to_string(),
                ],
                series: vec![
                    Series {
                        name: "收案".to_string(),
                        values: vec![Some(2345.0), Some(5000.0), Some(5000.0)],
                    },
                    Series {
                        name: "结案".to_string(),
                        values: vec![Some(2001.0), Some(3900.0), Some(4333.0)],
                    },
                ],
                format: NumberFormat::Integer,
                partial: None,
                bands: Vec::new(),
            }),
            Block::Paragraph("二、下一步工作要求从略。".to_string()),
        ],
        notes: vec![
            Note {
                term: "结案率".to_string(),
                definition: "结案数 ÷ (旧存数 + 收案数) × 100%。".to_string(),
            },
            Note {
                term: "平均审理天数".to_string(),
                definition: "已结案件审理天数之和 ÷ 结案数，扣除审限扣除期间。".to_string(),
            },
            Note {
                term: "执行完毕率 <A&B>".to_string(),
                definition: "以\"执行完毕\"方式结案的案件占执结案件的比例。".to_string(),
            },
        ],
    }
}
