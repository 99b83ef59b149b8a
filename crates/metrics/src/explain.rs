//! The cases behind a value: for an indicator over a period and filter, the case numbers in its
//! numerator or its denominator, found by running the same counting rules (`counters::visit`) and
//! keeping the cases that touch the counter in question.

use crate::cases::Cases;
use crate::catalogue::{Formula, Indicator};
use crate::counters::{Flow, Sink, Stock, visit};
use crate::engine::{Plan, Query, QueryError};
use crate::period::Timeline;
use crate::petitions::{Measure, PetitionValue};

/// Which side of the value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Numerator,
    Denominator,
}

/// What a case must touch to be in a part: a flow in the period, a stock at the end, a stock at
/// the start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Touch {
    Flow(Flow),
    End(Stock),
    Start(Stock),
}

/// Whether an indicator has this part at all (a count has a numerator and no denominator), in
/// cases; a petition indicator's parts are petitions ([`petition_measure`]).
pub fn has_part(indicator: &Indicator, part: Part) -> bool {
    !touches(indicator.formula, part).is_empty()
}

/// What a petition indicator's part counts, if it has that part in petitions: a count's
/// numerator, a rate's numerator and denominator, 案访比's numerator (its denominator is cases
/// closed, not petitions). The judicial assistance figures count applications, not petitions:
/// none.
pub fn petition_measure(indicator: &Indicator, part: Part) -> Option<Measure> {
    let Formula::Petition(value) = indicator.formula else {
        return None;
    };
    let measure = match (value, part) {
        (PetitionValue::Count(m), Part::Numerator)
        | (PetitionValue::Percent(m, _), Part::Numerator) => Some(m),
        (PetitionValue::Percent(_, d), Part::Denominator) => Some(d),
        (PetitionValue::PerHundredClosed, Part::Numerator) => Some(Measure::Received),
        _ => None,
    };
    measure.filter(|m| !m.is_assistance())
}

/// The petitions behind a petition indicator's part over the query's period and within its
/// filter, as (court code, register number), in the register's order; empty where the
/// indicator has no such part in petitions, or the filter asks for what petitions do not have.
pub fn explain_petitions<'a>(
    cases: &'a Cases,
    query: &Query,
    indicator: &Indicator,
    part: Part,
) -> Vec<(&'a str, &'a str)> {
    let Some(measure) = petition_measure(indicator, part) else {
        return Vec::new();
    };
    let Some(within) = crate::engine::petition_filter(cases, &query.filter) else {
        return Vec::new();
    };
    let day = |d: chrono::NaiveDate| chrono::Datelike::num_days_from_ce(&d);
    cases.petitions().members(
        &within,
        day(query.period.from),
        day(query.period.to),
        measure,
    )
}

/// The counters a part is made of (a case in any of them is in the part).
fn touches(formula: Formula, part: Part) -> Vec<Touch> {
    use Formula as X;
    use Part::{Denominator as D, Numerator as N};
    use Touch as T;
    let accepted = vec![T::Flow(Flow::New), T::Start(Stock::Pending)];
    match (formula, part) {
        (X::Count(c), N) => vec![T::Flow(c)],
        (X::AtEnd(s), N) => vec![T::End(s)],
        (X::AtStart(s), N) => vec![T::Start(s)],
        (X::Accepted, N) => accepted,
        (X::Percent(n, _) | X::PercentNot(n, _) | X::Mean(n, _) | X::Ratio(n, _), N) => {
            vec![T::Flow(n)]
        }
        (X::Percent(_, d) | X::PercentNot(_, d) | X::Mean(_, d) | X::Ratio(_, d), D) => {
            vec![T::Flow(d)]
        }
        (X::PercentOfAccepted(s), N) => vec![T::End(s)],
        (X::FlowOfAccepted(c), N) => vec![T::Flow(c)],
        (X::PercentOfAccepted(_) | X::FlowOfAccepted(_), D) => accepted,
        (X::StockPercent(n, _), N) => vec![T::End(n)],
        (X::StockPercent(_, d), D) => vec![T::End(d)],
        (X::DispositionTime | X::PendingAge, N) | (X::Turnover, D) => {
            vec![T::End(Stock::Pending)]
        }
        (X::DispositionTime, D) | (X::Turnover | X::Balance, N) => vec![T::Flow(Flow::Closed)],
        (X::Count(_) | X::AtEnd(_) | X::AtStart(_) | X::Accepted, D)
        | (X::Balance | X::PendingAge, D) => Vec::new(),
        // Petitions are not cases: the register lists them (their register numbers), not this.
        (X::Petition(_), _) => Vec::new(),
    }
}

struct Membership<'a> {
    touches: &'a [Touch],
    timeline: &'a Timeline,
    found: bool,
}

impl Sink for Membership<'_> {
    fn flow(&mut self, counter: Flow, day: i32, _amount: i64) {
        if self.timeline.slot(day).is_some() && self.touches.contains(&Touch::Flow(counter)) {
            self.found = true;
        }
    }

    fn stock(&mut self, counter: Stock, from: usize, to: usize, _amount: i64) {
        let end = self.timeline.slots();
        if (from..to).contains(&end) && self.touches.contains(&Touch::End(counter))
            || (from..to).contains(&0) && self.touches.contains(&Touch::Start(counter))
        {
            self.found = true;
        }
    }
}

/// The case numbers in `part` of `indicator` for the query's period and filter (its grouping is
/// ignored), in the order of the case columns.
pub fn explain<'a>(
    cases: &'a Cases,
    query: &Query,
    indicator: &Indicator,
    part: Part,
) -> Result<Vec<&'a str>, QueryError> {
    if !cases.has_numbers() {
        return Err(QueryError::NoCaseNumbers);
    }
    let timeline = Timeline::new(query.period);
    let ungrouped = Query {
        group_by: Vec::new(),
        ..query.clone()
    };
    let plan = Plan::new(cases, &ungrouped)?;
    let touches = touches(indicator.formula, part);
    let mut numbers = Vec::new();
    if touches.is_empty() {
        return Ok(numbers);
    }
    for row in 0..cases.len() {
        if !plan.selects(cases, row) {
            continue;
        }
        let mut membership = Membership {
            touches: &touches,
            timeline: &timeline,
            found: false,
        };
        visit(cases, row, &timeline, &query.standards, &mut membership);
        if membership.found {
            numbers.push(cases.case_no(row));
        }
    }
    Ok(numbers)
}
