//! The parties of each simulated case and the money of its enforcement, told from the case's
//! facts with a stream of its own: plaintiffs and defendants, appellants, creditors and debtors,
//! the accused. Lenders recur — a few banks bring series of loan and credit-card cases — and a
//! few people come back in several cases of their court; every identity number is well formed
//! (resident numbers carry the right check character) and fictional. Enforcement money is
//! received before the case closes and mostly paid out within a month, some of it late.

use chrono::NaiveDate;
use shenguan_domain::{IdNumber, Money, Party, PartyKind, PartyRole, Payment, PaymentKind};

use crate::facts::{CAUSES, CaseFacts};
use crate::network::{SimCourt, person_name};
use crate::rng::Rng;

/// Lenders with their (fictional) unified social credit codes, weighted by how often they sue.
const LENDERS: &[((&str, &str), f64)] = &[
    (("清河农村商业银行股份有限公司", "91431400MA4L2B3C4D"), 0.35),
    (
        ("中国建设银行股份有限公司清河分行", "91431400MA4M7K2P1Q"),
        0.2,
    ),
    (
        ("中国工商银行股份有限公司清河分行", "91431400MA4N3R8T5W"),
        0.2,
    ),
    (("清河市小额贷款有限公司", "91431400MA4P9X1Y6Z"), 0.15),
    (("招商银行股份有限公司清河分行", "91431400MA4Q5F7G2H"), 0.1),
];

/// The causes lenders bring: 金融借款合同纠纷 and 信用卡纠纷.
fn is_lending(cause: Option<u8>) -> bool {
    matches!(
        cause.and_then(|c| CAUSES.get(usize::from(c))),
        Some(&("金融借款合同纠纷" | "信用卡纠纷"))
    )
}

/// GB 11643's weights and check characters.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

/// A fictional resident number of the court's district, born 1950–2000.
fn resident_number(court: &SimCourt, rng: &mut Rng) -> String {
    let district = court.code.to_string();
    let digits: String = district.chars().filter(char::is_ascii_digit).collect();
    let region = format!("43{:0<4}", digits.chars().take(4).collect::<String>());
    let born = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or_default()
        + chrono::Days::new(rng.between(0, 18_250) as u64);
    let body = format!(
        "{region}{}{:03}",
        born.format("%Y%m%d"),
        rng.between(1, 999)
    );
    let sum: u32 = body
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    format!("{body}{}", char::from(CHECK[(sum % 11) as usize]))
}

/// A person: now and then one of the court's few who come back in several cases.
fn person(court: &SimCourt, case_rng: &mut Rng, seed: u64, court_index: u8) -> (String, String) {
    let mut rng = if case_rng.chance(0.03) {
        // One of forty recurring people of the court, the same in every case they appear in.
        let who = case_rng.between(0, 39) as u64;
        Rng::new(seed, 0x5045_5253 ^ (u64::from(court_index) << 16) ^ who)
    } else {
        Rng::new(seed, case_rng.next_u64())
    };
    let name = person_name(&mut rng);
    (name, resident_number(court, &mut rng))
}

fn party(
    role: PartyRole,
    kind: PartyKind,
    name: String,
    id: Option<IdNumber>,
) -> (Party, Option<IdNumber>) {
    (
        Party {
            role,
            kind: Some(kind),
            name,
            identity: None,
            id_masked: id.as_ref().map(IdNumber::masked),
            agent: None,
            address: None,
        },
        id,
    )
}

/// The case's parties in order, each with its identity number (keyed by the caller). `kin` is the
/// identity their draw is keyed by: the case's own, or for a suit filed again the first case's,
/// so that the same people come back with the same numbers.
pub(crate) fn of(
    case: &CaseFacts,
    kin: u64,
    courts: &[SimCourt],
    seed: u64,
) -> Vec<(Party, Option<IdNumber>)> {
    let mut rng = Rng::new(seed, kin ^ 0x5041_5254);
    let court = &courts[usize::from(case.court)];
    let natural = |rng: &mut Rng| {
        let (name, id) = person(court, rng, seed, case.court);
        (name, IdNumber::parse(&id).ok())
    };
    let lender = |rng: &mut Rng| {
        let ((name, code), _) = LENDERS[rng.weighted_index(LENDERS)];
        party(
            PartyRole::Plaintiff,
            PartyKind::LegalPerson,
            name.to_string(),
            IdNumber::parse(code).ok(),
        )
    };
    let code = case.case_type.code;
    let mut out = Vec::with_capacity(2);
    let (first, second) = match code {
        "刑初" | "刑终" => {
            let (name, id) = natural(&mut rng);
            out.push(party(
                PartyRole::Accused,
                PartyKind::NaturalPerson,
                name,
                id,
            ));
            return out;
        }
        "民终" | "行终" => (PartyRole::Appellant, PartyRole::Appellee),
        "执" | "执恢" | "执保" => (PartyRole::Creditor, PartyRole::Debtor),
        "民初" | "行初" => (PartyRole::Plaintiff, PartyRole::Defendant),
        _ => (PartyRole::Applicant, PartyRole::Respondent),
    };
    if is_lending(case.cause) || (first == PartyRole::Creditor && rng.chance(0.3)) {
        let (mut bank, id) = lender(&mut rng);
        bank.role = first;
        out.push((bank, id));
    } else {
        let (name, id) = natural(&mut rng);
        out.push(party(first, PartyKind::NaturalPerson, name, id));
    }
    // The other side is another person, drawn again (up to eight times) when a namesake: a
    // court tells the papers of a case's parties apart by name (a service task is its case,
    // document, recipient and day), so two of one name would be served as one. The model test
    // holds that no namesake is left.
    let (mut name, mut id) = natural(&mut rng);
    for _ in 0..8 {
        if name != out[0].0.name {
            break;
        }
        (name, id) = natural(&mut rng);
    }
    out.push(party(second, PartyKind::NaturalPerson, name, id));
    if out[0].0.kind == Some(PartyKind::LegalPerson) {
        out[0].0.agent = Some(format!(
            "{}律师",
            person_name(&mut rng).chars().next().unwrap_or('王')
        ));
    }
    out
}

/// The money of an enforcement case that recovered something: received before it closed, paid
/// out mostly within a month (one in ten later), none after `to`.
pub(crate) fn payments(
    case: &CaseFacts,
    case_no: &shenguan_domain::CaseNumber,
    seed: u64,
    to: NaiveDate,
    calendar: &shenguan_domain::HolidayCalendar,
) -> Vec<Payment> {
    let (Some(recovered), Some(closed)) = (case.recovered, case.closed_on) else {
        return Vec::new();
    };
    if recovered <= 0 || !case.case_type.code.starts_with('执') {
        return Vec::new();
    }
    let mut rng = Rng::new(seed, case.id ^ 0x5041_594D);
    let span = (closed - case.filed_on).num_days().max(1);
    let received = crate::sitting_day(
        crate::add_days(
            case.filed_on,
            (span as f64 * (0.5 + 0.4 * rng.unit())) as i64,
        ),
        case.filed_on,
        calendar,
    )
    .min(closed);
    let note = if rng.chance(0.7) {
        "扣划存款"
    } else {
        "被执行人履行"
    };
    let mut out = vec![Payment {
        case_no: case_no.clone(),
        date: received,
        kind: PaymentKind::Received,
        amount: Money::from_fen(recovered),
        note: note.to_string(),
    }];
    let delay = if rng.chance(0.1) {
        rng.between(31, 90)
    } else {
        rng.between(3, 28)
    };
    let paid = crate::sitting_day(crate::add_days(received, delay), received, calendar);
    if paid <= to {
        out.push(Payment {
            case_no: case_no.clone(),
            date: paid,
            kind: PaymentKind::Disbursed,
            amount: Money::from_fen(recovered),
            note: String::new(),
        });
    }
    out
}
