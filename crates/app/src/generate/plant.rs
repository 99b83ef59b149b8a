//! Planted gaming for `generate`: reading `--plant KIND=COURT:INTENSITY`, checking each plant
//! against the network it is for, and writing the truth file (`--plant-truth`) that lists the
//! cases bent (docs/gaming-signals.md, "Planted gaming in the simulator").

use std::path::Path;

use shenguan_domain::CourtCode;
use shenguan_ingest::table::{Column, ColumnKind};
use shenguan_sim::{Plant, PlantKind, Simulation};

use crate::exports::{ExportFormat, write_table};
use crate::{AppError, text};

/// The kinds' codes, for the messages that list them.
fn kinds() -> String {
    PlantKind::ALL
        .iter()
        .map(|k| k.code())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads one `--plant` value, `KIND=COURT:INTENSITY` (`year_end_rush=湘1402:0.6`): the kind's code
/// as docs/gaming-signals.md writes it, the court's code, the share of its eligible cases bent
/// (0 to 1). Whether the court is in the network is checked with the network
/// ([`check_plants`]).
pub fn parse_plant(value: &str) -> Result<Plant, AppError> {
    let malformed = || {
        AppError::Invalid(text!(
            "--plant “{value}” 须写作 种类=法院:强度，如 year_end_rush=湘1402:0.6",
            "--plant “{value}” must be KIND=COURT:INTENSITY, as in year_end_rush=湘1402:0.6"
        ))
    };
    let (code, rest) = value.split_once('=').ok_or_else(malformed)?;
    let (court, share) = rest.rsplit_once(':').ok_or_else(malformed)?;
    let (code, court, share) = (code.trim(), court.trim(), share.trim());
    if code.is_empty() || court.is_empty() || share.is_empty() {
        return Err(malformed());
    }
    let kind = PlantKind::parse(code).ok_or_else(|| {
        let kinds = kinds();
        AppError::Invalid(text!(
            "--plant：没有“{code}”这种作弊类型；可用的类型：{kinds}",
            "--plant: there is no kind of gaming “{code}”; the kinds are: {kinds}"
        ))
    })?;
    let court = CourtCode::parse(court).map_err(|_| {
        AppError::Invalid(text!(
            "--plant：法院代码“{court}”无法识别（如 湘1402）",
            "--plant: the court code “{court}” is not one (as in 湘1402)"
        ))
    })?;
    let intensity = share
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && (0.0..=1.0).contains(s))
        .ok_or_else(|| {
            AppError::Invalid(text!(
                "--plant：强度“{share}”须为0至1之间的数（被扭曲的合格案件比例）",
                "--plant: the intensity “{share}” must be a number from 0 to 1 (the share of eligible cases bent)"
            ))
        })?;
    Ok(Plant {
        kind,
        court,
        intensity,
    })
}

/// Refuses a plant in a court the network does not have, and a kind planted twice in one court.
pub fn check_plants(plants: &[Plant], network: &[CourtCode]) -> Result<(), AppError> {
    for (index, plant) in plants.iter().enumerate() {
        let court = plant.court;
        if !network.contains(&court) {
            let courts = network
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、");
            return Err(AppError::Invalid(text!(
                "--plant：法院{court}不在模拟网络中；网络中的法院：{courts}",
                "--plant: the court {court} is not in the simulated network; its courts are: {courts}"
            )));
        }
        if plants[..index]
            .iter()
            .any(|p| p.court == court && p.kind == plant.kind)
        {
            let kind = plant.kind.code();
            return Err(AppError::Invalid(text!(
                "--plant：{kind}在法院{court}重复指定",
                "--plant: {kind} is given twice for the court {court}"
            )));
        }
    }
    Ok(())
}

/// Writes the truth of the plants: one row per bent case, in case-number order, with its kind and
/// court (案号, 类型, 法院).
pub(crate) fn write_truth(sim: &Simulation, path: &Path) -> Result<(), AppError> {
    let columns = ["案号", "类型", "法院"].map(|name| Column {
        name,
        kind: ColumnKind::Text,
    });
    let rows: Vec<Vec<String>> = sim
        .planted()
        .into_iter()
        .map(|(number, kind)| {
            vec![
                number.to_string(),
                kind.code().to_string(),
                number.court.to_string(),
            ]
        })
        .collect();
    write_table(ExportFormat::Csv, path, "planted", &columns, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn court(code: &str) -> CourtCode {
        CourtCode::parse(code).expect("court")
    }

    #[test]
    fn a_plant_reads_kind_court_and_intensity() {
        let plant = parse_plant(" withdraw_refile = 湘1403 : 0.25 ").expect("plant");
        assert_eq!(plant.kind, PlantKind::WithdrawRefile);
        assert_eq!(plant.court, court("湘1403"));
        assert_eq!(plant.intensity, 0.25);
        for value in ["clock_stopping=湘1402:0", "zhongben_early=湘14:1"] {
            assert!(parse_plant(value).is_ok(), "{value}");
        }
    }

    #[test]
    fn a_wrong_plant_is_refused_with_its_value_and_reason() {
        let refused = |value: &str| match parse_plant(value) {
            Err(AppError::Invalid(text)) => text.zh().to_string(),
            other => panic!("{value}: {other:?}"),
        };
        assert!(refused("year_end_rush").contains("种类=法院:强度"));
        assert!(refused("=湘1402:0.5").contains("种类=法院:强度"));
        assert!(refused("year_end_rush=湘1402:").contains("种类=法院:强度"));
        assert!(refused("rush=湘1402:0.5").contains("zhongben_early"));
        assert!(refused("year_end_rush=湘99x:0.5").contains("“湘99x”"));
        for share in ["-0.1", "1.01", "NaN", "inf", "half"] {
            let said = refused(&format!("year_end_rush=湘1402:{share}"));
            assert!(said.contains(&format!("“{share}”")), "{said}");
        }
    }

    #[test]
    fn a_plant_must_be_in_the_network_and_given_once() {
        let network = [court("湘14"), court("湘1402"), court("湘1403")];
        let plant = |kind, code: &str| Plant {
            kind,
            court: court(code),
            intensity: 0.5,
        };
        let fine = [
            plant(PlantKind::YearEndRush, "湘1402"),
            plant(PlantKind::YearEndRush, "湘1403"),
            plant(PlantKind::ClockStopping, "湘1402"),
        ];
        assert!(check_plants(&fine, &network).is_ok());
        let outside = [plant(PlantKind::YearEndRush, "湘1404")];
        let Err(AppError::Invalid(said)) = check_plants(&outside, &network) else {
            panic!("refused");
        };
        assert!(said.zh().contains("湘1404") && said.zh().contains("湘1403"));
        let twice = [
            plant(PlantKind::ClockStopping, "湘1402"),
            plant(PlantKind::ClockStopping, "湘1402"),
        ];
        let Err(AppError::Invalid(said)) = check_plants(&twice, &network) else {
            panic!("refused");
        };
        assert!(
            said.en().contains("clock_stopping is given twice"),
            "{}",
            said.en()
        );
    }
}
