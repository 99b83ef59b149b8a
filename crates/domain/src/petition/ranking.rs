//! Where a city stands in the province: the high court's notice (省法院通报) lists each city's
//! petitions that reached the province, Beijing and the circuit court in a period; from it, a
//! city's place ("赴省信访量居全省第2") and how many fewer petitions would take it out of the
//! first places ("退出前十还需减少N件").
//!
//! Readings (docs/petitions.md):
//! - more petitions rank higher (first is the most); cities with the same count share a place,
//!   and the next place counts them all (15, 12, 12, 9 → 1st, 2nd, 2nd, 4th);
//! - a city leaves the first N places when at least N other cities have more petitions than it:
//!   the petitions it must shed are its count less the N-th highest count of the others, plus one;
//!   when fewer than N other cities are listed, or the N-th of them has none, it cannot leave them.

use chrono::NaiveDate;

/// One city's row of a notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeRow {
    /// The city (or its intermediate court) as the notice names it.
    pub region: String,
    /// The intermediate court's code, where the notice (or the office) gives it.
    pub court: Option<crate::CourtCode>,
    pub to_province: u32,
    pub to_beijing: u32,
    pub to_circuit: u32,
}

/// A notice of the high court: the period and every city's counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rows: Vec<NoticeRow>,
}

/// Which count a place is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reached {
    Province,
    Beijing,
    Circuit,
}

impl Reached {
    pub const ALL: [Reached; 3] = [Reached::Province, Reached::Beijing, Reached::Circuit];

    pub fn label_zh(self) -> &'static str {
        match self {
            Reached::Province => "赴省信访",
            Reached::Beijing => "赴京信访",
            Reached::Circuit => "赴巡回法庭信访",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Reached::Province => "petitions to the province",
            Reached::Beijing => "petitions to Beijing",
            Reached::Circuit => "petitions to a circuit court",
        }
    }

    pub fn of(self, row: &NoticeRow) -> u32 {
        match self {
            Reached::Province => row.to_province,
            Reached::Beijing => row.to_beijing,
            Reached::Circuit => row.to_circuit,
        }
    }
}

/// A city's place on one count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub count: u32,
    /// 1 for the most petitions.
    pub rank: usize,
    /// How many cities share the place (1: none besides it).
    pub shared_by: usize,
    /// How many cities the notice lists.
    pub of: usize,
    /// Petitions to shed to leave the first `goal` places (0: out of them already); `None`:
    /// it cannot leave them.
    pub to_leave: Option<u32>,
}

/// The place of the row `ours` (an index into `notice.rows`) on `reached`, against the first
/// `goal` places.
pub fn place(notice: &Notice, ours: usize, reached: Reached, goal: usize) -> Option<Place> {
    let own = reached.of(notice.rows.get(ours)?);
    let mut others: Vec<u32> = notice
        .rows
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != ours)
        .map(|(_, r)| reached.of(r))
        .collect();
    others.sort_unstable_by(|a, b| b.cmp(a));
    let above = others.iter().filter(|c| **c > own).count();
    let level = others.iter().filter(|c| **c == own).count();
    let to_leave = match goal.checked_sub(1).and_then(|i| others.get(i)) {
        Some(&threshold) if threshold > 0 => Some(own.saturating_sub(threshold - 1)),
        _ => None,
    };
    Some(Place {
        count: own,
        rank: above + 1,
        shared_by: level + 1,
        of: notice.rows.len(),
        to_leave,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(region: &str, to_province: u32, to_circuit: u32) -> NoticeRow {
        NoticeRow {
            region: region.into(),
            court: None,
            to_province,
            to_beijing: 0,
            to_circuit,
        }
    }

    /// Fourteen cities; 清河 ties with 长沙 on the province count.
    fn notice() -> Notice {
        let counts = [
            ("长沙", 12, 9),
            ("清河", 12, 5),
            ("株洲", 15, 2),
            ("湘潭", 9, 1),
            ("衡阳", 8, 6),
            ("邵阳", 8, 0),
            ("岳阳", 7, 3),
            ("常德", 6, 0),
            ("张家界", 5, 0),
            ("益阳", 4, 7),
            ("郴州", 3, 0),
            ("永州", 3, 0),
            ("怀化", 2, 1),
            ("娄底", 1, 0),
        ];
        Notice {
            from: NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
            to: NaiveDate::from_ymd_opt(2026, 6, 30).expect("date"),
            rows: counts.iter().map(|(r, p, c)| row(r, *p, *c)).collect(),
        }
    }

    #[test]
    fn a_tie_shares_the_place_and_the_next_place_counts_both() {
        let n = notice();
        // 株洲 15 first; 清河 and 长沙 12 share second; 湘潭 9 is fourth.
        let ours = place(&n, 1, Reached::Province, 10).expect("a place");
        assert_eq!(
            (ours.count, ours.rank, ours.shared_by, ours.of),
            (12, 2, 2, 14)
        );
        assert_eq!(place(&n, 3, Reached::Province, 10).map(|p| p.rank), Some(4));
        // Out of the first ten: at least ten others must have more. The others' counts, highest
        // first: 15 12 9 8 8 7 6 5 4 3 3 2 1 — the tenth is 3, so 清河 must come down to 2: shed
        // 10.
        assert_eq!(ours.to_leave, Some(10));
        // 益阳 (4) is tenth: of its others 15 12 12 9 8 8 7 6 5 3 3 2 1 the tenth is 3, so it
        // must come down to 2: shed 2.
        let yiyang = place(&n, 9, Reached::Province, 10).expect("a place");
        assert_eq!((yiyang.rank, yiyang.to_leave), (10, Some(2)));
        // 郴州 and 永州 (3) share eleventh: out of the first ten already.
        let chenzhou = place(&n, 10, Reached::Province, 10).expect("a place");
        assert_eq!(
            (chenzhou.rank, chenzhou.shared_by, chenzhou.to_leave),
            (11, 2, Some(0))
        );
    }

    #[test]
    fn a_city_cannot_leave_the_first_places_when_too_few_others_have_any() {
        let n = notice();
        // Circuit court: the others' counts are 9 7 6 3 2 1 1 0 …: three above 清河's 5, and the
        // tenth is 0.
        let ours = place(&n, 1, Reached::Circuit, 10).expect("a place");
        assert_eq!((ours.count, ours.rank), (5, 4));
        assert_eq!(ours.to_leave, None);
        // Against the first three: the third of the others is 6, so 5 is out already.
        assert_eq!(
            place(&n, 1, Reached::Circuit, 3).and_then(|p| p.to_leave),
            Some(0)
        );
        assert_eq!(place(&n, 99, Reached::Circuit, 3), None);
    }
}
