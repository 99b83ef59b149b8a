//! The review bulletin (评查通报) of a year, in the official layout of the other reports (DOCX,
//! XLSX): the speech's sentence on the 发改再 cases and the year's plans, each court's reviewed,
//! problem and error cases, the finding items found most often with their running share (the
//! Pareto of the year's problems, as a table and a chart), and the error cases with what was
//! decided and who was held to account.

use std::collections::BTreeMap;

use chrono::Datelike;
use shenguan_domain::CaseNumber;
use shenguan_report::{
    Block, Cell, Chart, ChartKind, Document, HeadingLevel, Note, NumberFormat, Series, Table,
};

use super::figures::first_decided;
use super::{PlanKind, Settled, listing::covers};
use crate::accounts::User;
use crate::report::chinese_date;
use crate::{App, AppError, Store};

/// The finding items the chart shows (the table lists them all).
const CHART_ITEMS: usize = 10;

fn heading(text: &str) -> Block {
    Block::Heading {
        level: HeadingLevel::One,
        text: text.to_string(),
    }
}

fn percent(part: u32, whole: u32) -> Cell {
    if whole == 0 {
        Cell::Empty
    } else {
        Cell::number(
            f64::from(part) * 100.0 / f64::from(whole),
            NumberFormat::Percent(1),
        )
    }
}

fn count(n: u32) -> Cell {
    Cell::number(f64::from(n), NumberFormat::Integer)
}

impl App {
    /// The review bulletin of `year` for `user`'s courts.
    pub fn review_bulletin(
        &self,
        store: &mut Store,
        user: &User,
        year: i32,
    ) -> Result<Document, AppError> {
        let scope = self.review_whom(user);
        let (_, _, said) = self.review_sentence(store, user, year)?;
        let settled = self.settled_reviews(store)?;
        let reviews: Vec<&Settled> = first_decided(&settled)
            .into_iter()
            .filter(|s| s.mark.decided.year() == year && covers(user, &s.case_no))
            .collect();
        let plans: Vec<_> = self
            .review_plans(store, user)?
            .into_iter()
            .filter(|p| p.to.year() == year)
            .collect();
        let of_kind = |kind: PlanKind| plans.iter().filter(|p| p.kind == kind.key()).count();
        let problem = reviews.iter().filter(|r| r.graded.problem).count();
        let error = reviews.iter().filter(|r| r.graded.error).count();
        let mut blocks = vec![
            Block::Paragraph(format!(
                "现将{year}年度{scope}案件质量评查情况通报如下（评查结论以复查决定为准）。"
            )),
            heading("一、总体情况"),
            Block::Paragraph(format!("{}。", said.zh())),
            Block::Paragraph(format!(
                "全年制定评查计划{}个（重点评查{}个、常规评查{}个、专项评查{}个）；年内作出评查结论的案件{}件，其中问题案件{}件、差错案件{}件。",
                plans.len(),
                of_kind(PlanKind::Key),
                of_kind(PlanKind::Routine),
                of_kind(PlanKind::Thematic),
                reviews.len(),
                problem,
                error
            )),
            heading("二、各院评查情况"),
            Block::Table(self.courts_table(&reviews)),
            heading("三、发现的主要问题"),
        ];
        let found = self.year_findings(store, user, year)?;
        blocks.extend(items_blocks(&found.items, found.problem));
        blocks.push(heading("四、差错案件及问责情况"));
        blocks.push(self.errors_block(store, user, &reviews)?);
        let office = match user.court {
            Some(court) => format!("{}审判管理办公室", self.courts().name_of(court)),
            None => "审判管理办公室".to_string(),
        };
        Ok(Document {
            title: format!("{year}年度{scope}案件质量评查通报"),
            subtitle: None,
            date_line: format!("{office}　{}", chinese_date(self.today())),
            blocks,
            notes: notes(),
        })
    }

    /// 表1: each court's reviewed, problem and error cases (by the reviewed case's court).
    fn courts_table(&self, reviews: &[&Settled]) -> Table {
        let mut by_court: BTreeMap<String, (u32, u32, u32)> = BTreeMap::new();
        for r in reviews {
            let court = CaseNumber::parse(&r.case_no, i32::MAX)
                .ok()
                .and_then(|n| n.court())
                .map_or_else(|| "—".to_string(), |c| c.to_string());
            let entry = by_court.entry(court).or_default();
            entry.0 += 1;
            entry.1 += u32::from(r.graded.problem);
            entry.2 += u32::from(r.graded.error);
        }
        let names = self.courts();
        let mut rows: Vec<Vec<Cell>> = by_court
            .iter()
            .map(|(court, (n, p, e))| {
                let name = shenguan_domain::CourtCode::parse(court)
                    .map_or_else(|_| court.clone(), |c| names.short_name_of(c).to_string());
                vec![
                    Cell::text(name),
                    count(*n),
                    count(*p),
                    count(*e),
                    percent(*p, *n),
                    percent(*e, *n),
                ]
            })
            .collect();
        let (n, p, e) = by_court
            .values()
            .fold((0, 0, 0), |t, c| (t.0 + c.0, t.1 + c.1, t.2 + c.2));
        rows.push(vec![
            Cell::text("合计"),
            count(n),
            count(p),
            count(e),
            percent(p, n),
            percent(e, n),
        ]);
        Table {
            caption: "表1　各院案件评查情况".into(),
            header: [
                "法院",
                "评查案件",
                "问题案件",
                "差错案件",
                "问题案件率",
                "差错案件率",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        }
    }

    /// 表3: the error cases, with the judge, the findings that count, the decision and the
    /// outcomes recorded.
    fn errors_block(
        &self,
        store: &mut Store,
        user: &User,
        reviews: &[&Settled],
    ) -> Result<Block, AppError> {
        let mut rows = Vec::new();
        for r in reviews.iter().filter(|r| r.graded.error) {
            let judge = store
                .inner
                .case(&r.case_no)?
                .and_then(|(record, _)| record.judge)
                .unwrap_or_else(|| "—".into());
            let file = self.review_file(store, user, r.plan_id, &r.case_no)?;
            let found: Vec<String> = file
                .result
                .findings
                .iter()
                .filter(|f| f.excuse.is_none())
                .map(|f| format!("{} {}", f.item, f.text))
                .collect();
            let outcomes: Vec<String> = file
                .answers
                .iter()
                .filter(|a| a.kind == "outcome")
                .map(|a| a.text.clone())
                .collect();
            let decided = file
                .answers
                .iter()
                .rev()
                .find(|a| a.kind == "decide")
                .map_or_else(
                    || "未提出异议".to_string(),
                    |a| format!("异议后决定：{}", a.text),
                );
            rows.push(vec![
                Cell::text(r.case_no.clone()),
                Cell::text(judge),
                Cell::text(found.join("；")),
                Cell::text(decided),
                Cell::text(if outcomes.is_empty() {
                    "—".to_string()
                } else {
                    outcomes.join("；")
                }),
            ]);
        }
        if rows.is_empty() {
            return Ok(Block::Paragraph("本年度无差错案件。".into()));
        }
        Ok(Block::Table(Table {
            caption: "表3　差错案件及问责情况".into(),
            header: ["案号", "承办法官", "评查发现的问题", "异议处理", "问责"]
                .map(String::from)
                .to_vec(),
            rows,
        }))
    }
}

/// 表2 and 图1: the finding items, the most frequent first, with their share of the problem
/// cases and the running share of all the items found.
fn items_blocks(items: &[super::ItemCount], problems: u32) -> Vec<Block> {
    if items.is_empty() {
        return vec![Block::Paragraph("本年度评查未发现计入等次的问题。".into())];
    }
    let total: u32 = items.iter().map(|i| i.cases).sum();
    let mut running = 0;
    let rows = items
        .iter()
        .map(|i| {
            running += i.cases;
            vec![
                Cell::text(i.item.clone()),
                Cell::text(i.group.clone()),
                Cell::text(i.text.clone()),
                count(i.cases),
                percent(i.cases, problems),
                percent(running, total),
            ]
        })
        .collect();
    let top = &items[..items.len().min(CHART_ITEMS)];
    let lead = &items[0];
    vec![
        Block::Paragraph(format!(
            "评查发现的问题集中在“{}{}”等方面，涉及{}件案件。",
            lead.group,
            if lead.text.is_empty() {
                String::new()
            } else {
                format!("（{}）", lead.text)
            },
            lead.cases
        )),
        Block::Table(Table {
            caption: "表2　评查发现问题的条目".into(),
            header: ["条目", "类别", "内容", "案件数", "占问题案件", "累计占比"]
                .map(String::from)
                .to_vec(),
            rows,
        }),
        Block::Chart(Chart {
            title: "图1　发现问题最多的条目".into(),
            kind: ChartKind::Bar,
            categories: top
                .iter()
                .map(|i| {
                    if i.group.is_empty() {
                        i.item.clone()
                    } else {
                        format!("{} {}", i.item, i.group)
                    }
                })
                .collect(),
            series: vec![Series {
                name: "案件数".into(),
                values: top.iter().map(|i| Some(f64::from(i.cases))).collect(),
            }],
            format: NumberFormat::Integer,
            partial: None,
            bands: Vec::new(),
        }),
    ]
}

fn notes() -> Vec<Note> {
    let note = |term: &str, definition: &str| Note {
        term: term.into(),
        definition: definition.into(),
    };
    vec![
        note(
            "发改再案件",
            "期间内被上级法院改判、发回重审、指令再审，或经本院再审改判的案件，由重点评查规则逐案选取。",
        ),
        note(
            "问题案件",
            "评查发现至少一项计入等次的问题（瑕疵或差错，未因法律理解分歧、新证据、法律政策变化等免责事由排除）的案件。",
        ),
        note(
            "差错案件",
            "评查结论为差错等次的案件；法官提出异议的，以复查或审判委员会的决定为准。案件不因被改判、发回或当事人信访而认定为差错。",
        ),
        note(
            "评查案件数",
            "年内作出评查结论的案件，一案经多次评查的只计最先作出结论的一次；发改再案件的评查情况按评查期间截止于本年的重点评查计划统计。",
        ),
    ]
}
