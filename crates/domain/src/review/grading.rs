//! The score sheet, the findings and the grade of a reviewed case, and the speech's tally of a
//! year's reviews ("对N件发改再案件评查，问题案件X件、差错案件Y件").
//!
//! Readings (docs/review.md): the shipped sheet follows the published 100-point sheet (立案程序 5,
//! 程序运行 30, 实体处理 30, 裁判文书 15, 文书制作 15 — and 卷宗归档 5, this project's completion to
//! 100); a finding deducts points from its item, never more than the item holds; a finding excused
//! by a reason that excludes liability (合理的法律理解分歧, 新证据, 法律政策变化, …) is kept but does
//! not count toward the grade; the grade follows the findings (and, on a score scale, the score) —
//! never the reversal itself nor a petition; a **problem case** (问题案件) has at least one finding
//! that counts, an **error case** (差错案件) is graded as the scale's error grade.

use crate::text::Text;

/// One item of a score sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// The item's code, as findings name it (`2.3`).
    pub code: String,
    /// The group it belongs to (立案程序, 程序运行, 实体处理, 裁判文书, 文书制作, 卷宗归档).
    pub group: String,
    pub text: String,
    pub points: u32,
}

/// A score sheet: its items, their points adding up to the full score.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rubric {
    pub items: Vec<Item>,
}

impl Rubric {
    pub fn full_score(&self) -> u32 {
        self.items.iter().map(|i| i.points).sum()
    }

    /// The shipped 100-point sheet for trial cases.
    pub fn standard() -> Rubric {
        let item = |code: &str, group: &str, text: &str, points: u32| Item {
            code: code.into(),
            group: group.into(),
            text: text.into(),
            points,
        };
        Rubric {
            items: vec![
                item(
                    "1.1",
                    "立案程序",
                    "受理条件、诉讼权利告知、诉前保全、诉讼费、立案期限",
                    5,
                ),
                item("2.1", "程序运行", "诉讼代理、送达传唤公告", 8),
                item("2.2", "程序运行", "公开审理、合议庭组成与回避", 8),
                item("2.3", "程序运行", "程序转换、延期审理的审批", 6),
                item("2.4", "程序运行", "证据的收集、交换与质证", 8),
                item("3.1", "实体处理", "认定事实与证据采信", 12),
                item("3.2", "实体处理", "当事人诉请与责任认定", 8),
                item("3.3", "实体处理", "适用法律", 10),
                item(
                    "4.1",
                    "裁判文书",
                    "格式、当事人信息、叙述、证据分析、说理与判项",
                    15,
                ),
                item("5.1", "文书制作", "庭审笔录、合议笔录等文书", 15),
                item("6.1", "卷宗归档", "卷宗装订与归档", 5),
            ],
        }
    }
}

/// The most items one sheet may have, and the longest text of one.
const SHEET_ITEMS_MAX: usize = 200;
const ITEM_TEXT_MAX: usize = 200;

impl Rubric {
    /// Why the sheet cannot be used, if it cannot: items with a code (at most 16 characters, each
    /// once), a group and a text of one line, at least one point each, adding up to 100 (the grades
    /// by score read points out of 100).
    pub fn check(&self) -> Result<(), Text> {
        if self.items.is_empty() || self.items.len() > SHEET_ITEMS_MAX {
            return Err(Text::new(
                format!("评查表须有1至{SHEET_ITEMS_MAX}个条目"),
                format!("a score sheet has 1 to {SHEET_ITEMS_MAX} items"),
            ));
        }
        let one_line = |text: &str, max: usize| {
            !text.trim().is_empty()
                && text.chars().count() <= max
                && !text.chars().any(char::is_control)
        };
        for (i, item) in self.items.iter().enumerate() {
            let code = &item.code;
            if !one_line(code, 16)
                || !one_line(&item.group, 32)
                || !one_line(&item.text, ITEM_TEXT_MAX)
            {
                return Err(Text::new(
                    format!("评查表条目“{code}”的编号、类别或内容为空、过长或含控制字符"),
                    format!(
                        "the score sheet's item “{code}” has an empty, overlong or control-bearing code, group or text"
                    ),
                ));
            }
            if item.points == 0 {
                return Err(Text::new(
                    format!("评查表条目“{code}”的分值须至少1分"),
                    format!("the score sheet's item “{code}” holds at least one point"),
                ));
            }
            if self.items[..i].iter().any(|other| other.code == item.code) {
                return Err(Text::new(
                    format!("评查表条目编号“{code}”重复"),
                    format!("the score sheet names the item “{code}” twice"),
                ));
            }
        }
        let total = self
            .items
            .iter()
            .fold(0_u64, |sum, item| sum + u64::from(item.points));
        if total != 100 {
            return Err(Text::new(
                format!("评查表各条目分值合计须为100分（现为{total}分）"),
                format!("a score sheet's items add up to 100 points ({total} here)"),
            ));
        }
        Ok(())
    }
}

/// A network's score sheets: one for every case, and any for a category of cases (刑事, 执行 …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheets {
    pub default: Rubric,
    pub by_category: Vec<(crate::Category, Rubric)>,
}

impl Default for Sheets {
    fn default() -> Sheets {
        Sheets {
            default: Rubric::standard(),
            by_category: Vec::new(),
        }
    }
}

impl Sheets {
    /// The sheet a case of `category` is reviewed on.
    pub fn for_category(&self, category: Option<crate::Category>) -> &Rubric {
        self.by_category
            .iter()
            .find(|(c, _)| Some(*c) == category)
            .map_or(&self.default, |(_, sheet)| sheet)
    }
}

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// 瑕疵: a flaw.
    Flaw,
    /// 差错: an error.
    Error,
}

/// A reason that excludes liability (免责事由), recorded with the finding it excuses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Excuse {
    /// 对法律法规理解和认识上存在合理分歧.
    LawUnderstanding,
    /// 出现新证据.
    NewEvidence,
    /// 法律修订或政策调整.
    ChangedLaw,
    /// Another reason, written out.
    Other(String),
}

/// Who a finding holds responsible (司法责任制).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Responsible {
    /// 承办法官.
    Judge(String),
    /// 合议庭成员.
    PanelMember(String),
    /// 审判长.
    PresidingJudge(String),
    /// The division head or president who approved (审批的庭长、院长).
    Approver(String),
    /// 审判委员会.
    Committee,
}

/// One finding of a review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The item of the sheet it is found against.
    pub item: String,
    pub severity: Severity,
    pub text: String,
    /// Points deducted from the item.
    pub deduction: u32,
    pub responsible: Vec<Responsible>,
    pub excuse: Option<Excuse>,
}

impl Finding {
    /// Whether it counts toward the grade (no reason excludes it).
    pub fn counts(&self) -> bool {
        self.excuse.is_none()
    }
}

/// A network's grades.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scale {
    /// 合格 / 瑕疵 / 差错: by the worst finding that counts.
    Findings,
    /// Named grades by score, highest first (`优秀` from 90, `合格` from 80, …, the last from 0);
    /// a counting error finding gives `error` whatever the score.
    Score {
        grades: Vec<(String, u32)>,
        error: String,
    },
}

impl Scale {
    /// 优秀 / 合格 / 基本合格 / 不合格 at 90, 80 and 60 points, 不合格 the error grade.
    pub fn four_grades() -> Scale {
        Scale::Score {
            grades: vec![
                ("优秀".into(), 90),
                ("合格".into(), 80),
                ("基本合格".into(), 60),
                ("不合格".into(), 0),
            ],
            error: "不合格".into(),
        }
    }

    /// The name of the error grade.
    pub fn error_grade(&self) -> &str {
        match self {
            Scale::Findings => "差错",
            Scale::Score { error, .. } => error,
        }
    }

    /// The grade of a review with `score` whose worst finding that counts is `worst`.
    pub fn grade_for(&self, score: u32, worst: Option<Severity>) -> String {
        match self {
            Scale::Findings => match worst {
                None => "合格",
                Some(Severity::Flaw) => "瑕疵",
                Some(Severity::Error) => "差错",
            }
            .to_string(),
            Scale::Score { grades, error } => {
                if worst == Some(Severity::Error) {
                    error.clone()
                } else {
                    grades
                        .iter()
                        .find(|(_, from)| score >= *from)
                        .or(grades.last())
                        .map(|(name, _)| name.clone())
                        .unwrap_or_default()
                }
            }
        }
    }

    /// The grade of a case with nothing wrong: 合格, or the highest named grade.
    pub fn clean_grade(&self) -> &str {
        match self {
            Scale::Findings => "合格",
            Scale::Score { grades, .. } => grades.first().map_or("", |(name, _)| name.as_str()),
        }
    }

    /// Every grade of the scale, best first.
    pub fn grades(&self) -> Vec<String> {
        match self {
            Scale::Findings => ["合格", "瑕疵", "差错"].map(String::from).to_vec(),
            Scale::Score { grades, .. } => grades.iter().map(|(g, _)| g.clone()).collect(),
        }
    }
}

/// A reviewed case's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Graded {
    pub score: u32,
    pub grade: String,
    /// 问题案件: at least one finding counts.
    pub problem: bool,
    /// 差错案件: graded as the scale's error grade.
    pub error: bool,
}

impl Graded {
    /// The result once a decision on the judge's objection let `grade` stand: the review as it
    /// was when the grade is kept; otherwise an error case when it is the error grade, and a
    /// problem case when it is any grade but the scale's clean one.
    pub fn after_decision(&self, scale: &Scale, grade: &str) -> Graded {
        if grade == self.grade {
            return self.clone();
        }
        Graded {
            score: self.score,
            grade: grade.to_string(),
            problem: grade != scale.clean_grade(),
            error: grade == scale.error_grade(),
        }
    }
}

/// Why findings cannot be graded on a sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GradeError(pub Text);

/// Grades `findings` on `rubric` under `scale`: each item loses at most its points.
pub fn grade(rubric: &Rubric, scale: &Scale, findings: &[Finding]) -> Result<Graded, GradeError> {
    let mut lost: Vec<u32> = vec![0; rubric.items.len()];
    for finding in findings {
        let Some(at) = rubric.items.iter().position(|i| i.code == finding.item) else {
            let code = &finding.item;
            return Err(GradeError(Text::new(
                format!("评查表中没有条目“{code}”"),
                format!("the score sheet has no item “{code}”"),
            )));
        };
        let points = rubric.items[at].points;
        if finding.deduction > points {
            let (code, deduction) = (&finding.item, finding.deduction);
            return Err(GradeError(Text::new(
                format!("条目“{code}”满分{points}分，不能扣{deduction}分"),
                format!("the item “{code}” holds {points} points: {deduction} cannot be deducted"),
            )));
        }
        if finding.counts() {
            lost[at] = lost[at].saturating_add(finding.deduction).min(points);
        }
    }
    let score = rubric.full_score() - lost.iter().sum::<u32>();
    let counting: Vec<&Finding> = findings.iter().filter(|f| f.counts()).collect();
    let worst = counting.iter().map(|f| f.severity).max();
    let grade = scale.grade_for(score, worst);
    Ok(Graded {
        error: grade == scale.error_grade(),
        problem: !counting.is_empty(),
        score,
        grade,
    })
}

/// A year's reviews of one kind, counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub reviewed: u32,
    pub problem: u32,
    pub error: u32,
}

impl Tally {
    pub fn of<'a>(graded: impl IntoIterator<Item = &'a Graded>) -> Tally {
        let mut tally = Tally::default();
        for g in graded {
            tally.reviewed += 1;
            tally.problem += u32::from(g.problem);
            tally.error += u32::from(g.error);
        }
        tally
    }
}

/// The speech's sentence: "从对{year}年度{whom}{N}件发回重审、改判、指令再审案件评查的情况看，问题案件{X}件、
/// 差错案件{Y}件" and, beside the year before, how the error cases moved.
pub fn sentence(year: i32, whom: &str, this: Tally, before: Option<Tally>) -> Text {
    let Tally {
        reviewed,
        problem,
        error,
    } = this;
    let (moved_zh, moved_en) = match before.map(|b| i64::from(error) - i64::from(b.error)) {
        None => (String::new(), String::new()),
        Some(0) => (
            "，差错案件与上年持平".into(),
            "; as many error cases as the year before".into(),
        ),
        Some(d) if d < 0 => (
            format!("，差错案件较上年减少{}件", -d),
            format!("; {} fewer error cases than the year before", -d),
        ),
        Some(d) => (
            format!("，差错案件较上年增加{d}件"),
            format!("; {d} more error cases than the year before"),
        ),
    };
    Text::new(
        format!(
            "从对{year}年度{whom}{reviewed}件发回重审、改判、指令再审案件评查的情况看，问题案件{problem}件、差错案件{error}件{moved_zh}"
        ),
        format!(
            "Of the {reviewed} cases of {whom} reversed, remanded or sent for retrial in {year} and reviewed, {problem} had problems and {error} were errors{moved_en}"
        ),
    )
}

#[cfg(test)]
mod tests;
