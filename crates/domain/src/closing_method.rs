//! Closing methods (结案方式) and the stages each one can close.
//!
//! The list follows the closing-method fields of court case systems and the product's canonical
//! data. Which methods fit which stage is this project's reading of procedure law (a first-instance
//! case is not 发回重审, an enforcement case is not 判决); `其他` fits every stage, so a court whose
//! system records something unusual can still import it, and see it counted apart.

use crate::case_type::Stage;

/// Stage groups a closing method applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Group {
    /// First instance and every other trial-type matter decided once (special procedure,
    /// non-litigation review, compensation decisions, preservation, sanctions, assistance…).
    Trial,
    Appeal,
    RetrialReview,
    Retrial,
    Enforcement,
    EnforcementReview,
}

fn group_of(stage: Stage) -> Group {
    match stage {
        Stage::SecondInstance => Group::Appeal,
        Stage::RetrialReview => Group::RetrialReview,
        Stage::Retrial => Group::Retrial,
        Stage::Enforcement => Group::Enforcement,
        Stage::EnforcementReview => Group::EnforcementReview,
        _ => Group::Trial,
    }
}

use Group::{Appeal, Enforcement, EnforcementReview, Retrial, RetrialReview, Trial};

const ALL: &[Group] = &[
    Trial,
    Appeal,
    RetrialReview,
    Retrial,
    Enforcement,
    EnforcementReview,
];

#[rustfmt::skip]
static METHODS: &[(&str, &[Group])] = &[
    ("判决", &[Trial, Retrial]),
    ("调解", &[Trial, Appeal, Retrial]),
    ("撤诉", &[Trial, Appeal, RetrialReview, Retrial]),
    ("按撤诉处理", &[Trial, Appeal, Retrial]),
    ("驳回起诉", &[Trial, Retrial]),
    ("不予受理", &[Trial]),
    ("移送", &[Trial, Enforcement]),
    ("终结诉讼", &[Trial, Appeal, Retrial]),
    ("终止审理", &[Trial, Appeal, Retrial]),
    ("准予执行", &[Trial]),
    ("决定", &[Trial]),
    ("裁定", &[Trial, Appeal, RetrialReview, Retrial]),
    ("维持", &[Appeal, Retrial]),
    ("改判", &[Appeal, Retrial]),
    ("发回重审", &[Appeal, Retrial]),
    ("驳回上诉", &[Appeal]),
    ("指令审理", &[Appeal]),
    ("驳回再审申请", &[RetrialReview]),
    ("提审", &[RetrialReview]),
    ("指令再审", &[RetrialReview]),
    ("裁定再审", &[RetrialReview]),
    ("终结审查", &[RetrialReview, EnforcementReview]),
    ("执行完毕", &[Enforcement]),
    ("终结本次执行", &[Enforcement]),
    ("终结执行", &[Enforcement]),
    ("不予执行", &[Trial, Enforcement]),
    ("销案", &[Enforcement, EnforcementReview]),
    ("驳回申请", &[Trial, RetrialReview, Enforcement, EnforcementReview]),
    ("驳回", &[EnforcementReview]),
    ("撤销", &[EnforcementReview]),
    ("变更", &[EnforcementReview]),
    ("支持", &[EnforcementReview]),
    ("其他", ALL),
];

/// A closing method of the list above: a case record holds one of these, never free text, so a
/// misspelt method cannot reach a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClosingMethod(u8);

impl ClosingMethod {
    /// The method named `text` (spaces around it ignored), whatever the stage.
    pub fn parse(text: &str) -> Option<ClosingMethod> {
        let text = text.trim();
        METHODS
            .iter()
            .position(|(m, _)| *m == text)
            .and_then(|i| u8::try_from(i).ok())
            .map(ClosingMethod)
    }

    /// Its name as court systems write it: 判决, 调解, 终结本次执行.
    pub fn label_zh(self) -> &'static str {
        METHODS[usize::from(self.0)].0
    }

    /// Whether it closes a case of `stage`.
    pub fn fits(self, stage: Stage) -> bool {
        METHODS[usize::from(self.0)].1.contains(&group_of(stage))
    }
}

impl std::fmt::Display for ClosingMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label_zh())
    }
}

/// Why a closing method was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClosingMethodError {
    /// Not a closing method at all; the stage tells which methods would do.
    Unknown { text: String, stage: Stage },
    /// A known method that does not close a case of this stage.
    NotForStage { method: &'static str, stage: Stage },
}

impl ClosingMethodError {
    pub fn message_zh(&self) -> String {
        match self {
            ClosingMethodError::Unknown { text, stage } => format!(
                "结案方式“{text}”无法识别；{}案件可用：{}",
                stage.label_zh(),
                methods_for(*stage).join("、")
            ),
            ClosingMethodError::NotForStage { method, stage } => {
                format!("“{method}”不是{}案件的结案方式", stage.label_zh())
            }
        }
    }

    pub fn message_en(&self) -> String {
        match self {
            ClosingMethodError::Unknown { text, stage } => format!(
                "unknown closing method “{text}”; the closing methods of stage {}: {}",
                stage.key(),
                methods_for(*stage).join(", ")
            ),
            ClosingMethodError::NotForStage { method, stage } => {
                format!("“{method}” does not close a {} case", stage.key())
            }
        }
    }
}

/// Checks a closing method against the case's stage.
pub fn closing_method_for(text: &str, stage: Stage) -> Result<ClosingMethod, ClosingMethodError> {
    let Some(method) = ClosingMethod::parse(text) else {
        return Err(ClosingMethodError::Unknown {
            text: text.trim().to_string(),
            stage,
        });
    };
    if method.fits(stage) {
        Ok(method)
    } else {
        Err(ClosingMethodError::NotForStage {
            method: method.label_zh(),
            stage,
        })
    }
}

/// The closing methods of a stage, in the order above.
pub fn methods_for(stage: Stage) -> Vec<&'static str> {
    let group = group_of(stage);
    METHODS
        .iter()
        .filter(|(_, groups)| groups.contains(&group))
        .map(|(m, _)| *m)
        .collect()
}

/// Every closing method, in the order above.
pub fn closing_methods() -> impl Iterator<Item = &'static str> {
    METHODS.iter().map(|(m, _)| *m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_fit_their_stages() {
        let ok = |m: &str, s: Stage| closing_method_for(m, s).is_ok();
        assert!(ok("判决", Stage::FirstInstance));
        assert!(ok(" 调解 ", Stage::SecondInstance));
        assert!(ok("发回重审", Stage::SecondInstance));
        assert!(!ok("发回重审", Stage::FirstInstance));
        assert!(ok("终结本次执行", Stage::Enforcement));
        assert!(!ok("判决", Stage::Enforcement));
        assert!(ok("驳回再审申请", Stage::RetrialReview));
        assert!(ok("准予执行", Stage::NonLitigationReview));
        assert!(ok("其他", Stage::Insolvency));
        let unknown = closing_method_for("结案", Stage::FirstInstance).unwrap_err();
        assert_eq!(
            unknown,
            ClosingMethodError::Unknown {
                text: "结案".into(),
                stage: Stage::FirstInstance
            }
        );
        // The message lists what would do for the stage, and only that.
        let listed = unknown.message_zh();
        assert!(
            listed.starts_with("结案方式“结案”无法识别；一审案件可用：判决、调解、撤诉"),
            "{listed}"
        );
        assert!(!listed.contains("维持"), "{listed}");
        let enforcement = closing_method_for("结案", Stage::Enforcement).unwrap_err();
        assert!(
            enforcement.message_en().ends_with(
                "移送, 执行完毕, 终结本次执行, 终结执行, 不予执行, 销案, 驳回申请, 其他"
            ),
            "{}",
            enforcement.message_en()
        );
        let error = closing_method_for("执行完毕", Stage::SecondInstance).unwrap_err();
        assert_eq!(error.message_zh(), "“执行完毕”不是二审案件的结案方式");
    }

    #[test]
    fn a_method_reads_back_as_its_name() {
        for name in closing_methods() {
            let method = ClosingMethod::parse(name).expect(name);
            assert_eq!(method.label_zh(), name);
            assert_eq!(method.to_string(), name);
        }
        assert_eq!(
            ClosingMethod::parse(" 调解 ").map(ClosingMethod::label_zh),
            Some("调解")
        );
        assert_eq!(ClosingMethod::parse("调节"), None);
        assert!(ClosingMethod::parse("维持").is_some_and(|m| !m.fits(Stage::FirstInstance)));
    }

    #[test]
    fn every_method_is_listed_once() {
        let mut methods: Vec<&str> = closing_methods().collect();
        let count = methods.len();
        methods.sort_unstable();
        methods.dedup();
        assert_eq!(methods.len(), count);
    }
}
