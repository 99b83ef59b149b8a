//! The fictional city network: 清河市 in Hunan (湘14, a prefecture number Hunan does not use), its
//! intermediate court, its basic courts, their divisions and quota judges — or, asked for another
//! number, another city of the province under a made-up name (numbers 1–13 are Hunan's real ones,
//! the names are not; from 15 on the names repeat).

use shenguan_domain::{CourtCode, Province};

use crate::rng::Rng;

/// One court of the simulated network.
#[derive(Clone, Debug)]
pub struct SimCourt {
    pub code: CourtCode,
    /// The full name: 清河市清河区人民法院.
    pub name: String,
    /// The short name staff use: 清河区法院, 清河中院.
    pub short_name: String,
    pub divisions: Vec<Division>,
    /// Relative size of the court's caseload (basic courts differ; the first, urban ones are larger).
    pub weight: f64,
    /// How long its cases take against the network's usual (1.0): courts differ, and a busy
    /// urban court and a county court lag (see `realism`: the spread of the courts' 结案率).
    pub pace: f64,
}

/// The pace of the basic court at `index`: the third and the ninth lag; the others differ a
/// little around the usual.
fn pace(index: usize) -> f64 {
    match index {
        2 | 8 => 1.6,
        _ => 0.88 + 0.05 * (index % 5) as f64,
    }
}

/// A division (庭室) and the judges (or enforcement officers) in it.
#[derive(Clone, Debug)]
pub struct Division {
    pub name: &'static str,
    /// The type codes this division handles.
    pub handles: &'static [&'static str],
    /// The people who handle its cases; the first one heads the division.
    pub judges: Vec<SimStaff>,
}

/// One person of a division: a staff number unique in the network and a name that may not be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimStaff {
    /// 工号: the court's number (0014 for the intermediate court, 1402 for a basic court) and a
    /// sequence within the court: "1402017".
    pub id: String,
    pub name: String,
}

const PROVINCE: char = '湘';
/// The intermediate court's number in the province when none is asked: 湘14, 清河市.
pub const DEFAULT_CITY: u8 = 14;

/// The province's other cities, made-up names like 清河市's own: the high court's petition notice
/// lists them (`petitions.rs`), and `--city 1` to `--city 13` generates them (the numbers above
/// wrap round the list).
pub(crate) const OTHER_CITIES: [&str; 13] = [
    "东江市",
    "西岭市",
    "南浦市",
    "北塘市",
    "青山市",
    "白沙市",
    "金江市",
    "石门市",
    "玉泉市",
    "梅林市",
    "桂溪市",
    "云山市",
    "湘源市",
];

/// The name of the city whose intermediate court has number `city` (1–70).
pub fn city_name(city: u8) -> &'static str {
    if city == DEFAULT_CITY {
        "清河市"
    } else {
        OTHER_CITIES[usize::from(city).saturating_sub(1) % OTHER_CITIES.len()]
    }
}

const DISTRICTS: [&str; 16] = [
    "清河区",
    "云溪区",
    "临江区",
    "北湖区",
    "南山区",
    "石桥区",
    "青枫县",
    "松溪县",
    "永宁县",
    "安平县",
    "桂岭县",
    "芙蓉县",
    "白鹭县",
    "金坪县",
    "望江县",
    "龙泉县",
];

const BASIC_DIVISIONS: &[(&str, &[&str], usize)] = &[
    ("刑事审判庭", &["刑初"], 4),
    ("民事审判第一庭", &["民初"], 6),
    ("民事审判第二庭", &["民初"], 5),
    ("商事审判庭", &["民初"], 4),
    ("速裁团队", &["民初", "刑初", "民特", "财保"], 5),
    ("人民法庭", &["民初"], 4),
    ("行政审判庭", &["行初"], 2),
    ("执行局", &["执", "执恢", "执保", "执异"], 8),
];

const INTERMEDIATE_DIVISIONS: &[(&str, &[&str], usize)] = &[
    ("刑事审判第一庭", &["刑初", "刑终"], 5),
    ("民事审判第一庭", &["民终", "民初"], 7),
    ("民事审判第二庭", &["民终", "民初"], 6),
    ("行政审判庭", &["行初", "行终"], 3),
    ("审判监督庭", &["民申", "民再"], 3),
    ("执行局", &["执", "执恢", "执保", "执异", "执复"], 6),
    ("立案庭", &["财保", "民特"], 2),
];

/// Surnames, weighted roughly as common ones are: a few (王, 李, 张, 刘, 陈) carry a large share,
/// so that common names repeat across a network as they do.
#[rustfmt::skip]
const SURNAMES: &[(&str, f64)] = &[
    ("王", 7.0), ("李", 7.0), ("张", 6.5), ("刘", 5.5), ("陈", 4.5), ("杨", 3.0), ("黄", 2.2),
    ("赵", 2.0), ("吴", 1.8), ("周", 1.7), ("徐", 1.3), ("孙", 1.2), ("马", 1.1), ("朱", 1.1),
    ("胡", 1.0), ("郭", 1.0), ("何", 0.9), ("林", 0.9), ("罗", 0.9), ("高", 0.9), ("郑", 0.7),
    ("梁", 0.7), ("谢", 0.6), ("宋", 0.6), ("唐", 0.6), ("许", 0.6), ("韩", 0.5), ("邓", 0.5),
    ("冯", 0.5), ("曹", 0.5), ("彭", 0.5), ("曾", 0.5), ("肖", 0.4), ("田", 0.4),
];

/// One-character given names, common in the generations that sit as judges today.
#[rustfmt::skip]
const GIVEN_ONE: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "霞", "平", "刚", "文", "辉", "斌", "鹏", "华", "红", "燕", "玲", "峰", "波",
];

/// Characters of two-character given names.
#[rustfmt::skip]
const GIVEN_PART: &[&str] = &[
    "建", "国", "华", "明", "志", "强", "文", "海", "燕", "红", "梅", "晓", "东", "丽", "春", "玉",
    "英", "秀", "军", "平", "静", "涛", "鹏", "辉", "宇", "杰", "婷", "雪", "云", "峰", "勇", "娟",
    "霞", "琳", "敏", "洁", "慧", "佳", "欣", "思", "远", "振", "瑞", "嘉", "博", "浩", "子", "若",
    "金", "立",
];

/// Share of people with a one-character given name.
const ONE_CHARACTER: f64 = 0.3;

/// A person's name: surname and a one- or two-character given name.
pub(crate) fn person_name(rng: &mut Rng) -> String {
    let surname = SURNAMES[rng.weighted_index(SURNAMES)].0;
    if rng.chance(ONE_CHARACTER) {
        format!("{surname}{}", rng.pick(GIVEN_ONE))
    } else {
        format!("{surname}{}{}", rng.pick(GIVEN_PART), rng.pick(GIVEN_PART))
    }
}

/// Builds the network of the city whose intermediate court has number `city` (1–70; its basic
/// courts are numbered city × 100 + 02…): the intermediate court first, then `basic_courts`
/// basic courts.
pub fn build(basic_courts: usize, city: u8, seed: u64) -> Vec<SimCourt> {
    let mut rng = Rng::new(seed, 0x4E45_5457);
    let province = Province::from_abbr(PROVINCE);
    let name = city_name(city);
    let mut courts = Vec::with_capacity(basic_courts + 1);
    if let Some(province) = province {
        courts.push(SimCourt {
            code: CourtCode::Intermediate(province, city),
            name: format!("{name}中级人民法院"),
            short_name: format!("{}中院", name.trim_end_matches('市')),
            divisions: divisions(INTERMEDIATE_DIVISIONS, 1.0, u16::from(city), &mut rng),
            weight: 1.0,
            pace: 1.0,
        });
        for index in 0..basic_courts {
            let district = DISTRICTS
                .get(index)
                .map(|d| (*d).to_string())
                .unwrap_or_else(|| format!("第{}区", index + 1));
            // Urban districts are numbered from 02 and are busier; counties follow at 21.
            let number = if index < 6 {
                2 + index as u16
            } else {
                21 + (index - 6) as u16
            };
            let weight = if index < 6 {
                1.3 - 0.08 * index as f64
            } else {
                0.75 - 0.02 * (index - 6) as f64
            };
            let weight = weight.max(0.4);
            let code = u16::from(city) * 100 + number;
            courts.push(SimCourt {
                code: CourtCode::Basic(province, code),
                name: format!("{name}{district}人民法院"),
                short_name: format!("{district}法院"),
                divisions: divisions(BASIC_DIVISIONS, weight, code, &mut rng),
                weight,
                pace: pace(index),
            });
        }
    }
    courts
}

fn divisions(
    template: &[(&'static str, &'static [&'static str], usize)],
    weight: f64,
    court_number: u16,
    rng: &mut Rng,
) -> Vec<Division> {
    let mut sequence = 0;
    template
        .iter()
        .map(|(name, handles, judges)| Division {
            name,
            handles,
            judges: (0..((*judges as f64 * weight).round() as usize).max(1))
                .map(|_| {
                    sequence += 1;
                    SimStaff {
                        id: format!("{court_number:04}{sequence:03}"),
                        name: person_name(rng),
                    }
                })
                .collect(),
        })
        .collect()
}

impl SimCourt {
    /// The divisions that handle a type code, with their positions in the court's list.
    pub fn divisions_for<'a>(
        &'a self,
        type_code: &'a str,
    ) -> impl Iterator<Item = (usize, &'a Division)> + 'a {
        self.divisions
            .iter()
            .enumerate()
            .filter(move |(_, d)| d.handles.contains(&type_code))
    }
}
