//! Totals of an assessed plan: compounds, households, investment and every party's share,
//! overall, by district, by year and by district × year — exact in fen, so every group's shares
//! add up to its investment and the groups add up to the whole.

use std::collections::HashMap;

use crate::eligibility::Verdict;
use crate::money::Fen;
use crate::party::Party;
use crate::policy::model::Basis;

const PARTIES: usize = Party::ALL.len();

/// The sums over some rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sums {
    pub compounds: u64,
    /// Households of the rows that give them.
    pub households: u64,
    /// Rows whose households are not known.
    pub households_missing: u64,
    /// Stated and estimated investment.
    pub total: Fen,
    /// The investment the sheet states.
    pub stated: Fen,
    /// The investment estimated from the benchmark.
    pub estimated: Fen,
    /// Rows that could not be costed.
    pub uncosted: u64,
    /// Investment and households of the rows that give both (for the average).
    average_cost: i128,
    average_households: u64,
    /// Each party's amount, in [`Party::ALL`] order.
    parties: [i128; PARTIES],
    /// The least firm basis of each party's amount.
    bases: [Basis; PARTIES],
    /// Rows by verdict: eligible, ineligible, undetermined.
    pub verdicts: [u64; 3],
}

impl Default for Sums {
    fn default() -> Self {
        Sums {
            compounds: 0,
            households: 0,
            households_missing: 0,
            total: Fen(0),
            stated: Fen(0),
            estimated: Fen(0),
            uncosted: 0,
            average_cost: 0,
            average_households: 0,
            parties: [0; PARTIES],
            bases: [Basis::Policy; PARTIES],
            verdicts: [0; 3],
        }
    }
}

/// A basis's firmness: policy, then the person's figures, then an assumption.
pub(crate) fn rank(b: Basis) -> u8 {
    match b {
        Basis::Policy => 0,
        Basis::Edited => 1,
        Basis::Assumption => 2,
    }
}

/// What one row adds to its groups.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowSum<'a> {
    pub households: Option<u64>,
    pub cost: Option<Fen>,
    pub estimated: bool,
    pub basis: Basis,
    pub shares: &'a [super::assess::RowShare],
    pub verdict: Verdict,
}

impl Sums {
    fn add(&mut self, r: &RowSum) {
        self.compounds += 1;
        match r.households {
            Some(h) => self.households = self.households.saturating_add(h),
            None => self.households_missing += 1,
        }
        match r.cost {
            Some(c) => {
                self.total.0 = self.total.0.saturating_add(c.0);
                let part = if r.estimated {
                    &mut self.estimated
                } else {
                    &mut self.stated
                };
                part.0 = part.0.saturating_add(c.0);
                if let Some(h) = r.households.filter(|h| *h > 0) {
                    self.average_cost = self.average_cost.saturating_add(c.0);
                    self.average_households = self.average_households.saturating_add(h);
                }
            }
            None => self.uncosted += 1,
        }
        for s in r.shares {
            let i = s.party as usize;
            if let (Some(slot), Some(b)) = (self.parties.get_mut(i), self.bases.get_mut(i)) {
                *slot = slot.saturating_add(s.amount.0);
                if rank(r.basis) > rank(*b) {
                    *b = r.basis;
                }
            }
        }
        let v = match r.verdict {
            Verdict::Eligible => 0,
            Verdict::Ineligible => 1,
            Verdict::Undetermined => 2,
        };
        if let Some(n) = self.verdicts.get_mut(v) {
            *n += 1;
        }
    }

    /// Investment per household over the rows that give both, rounded half up to the fen.
    pub fn per_household(&self) -> Option<Fen> {
        if self.average_households == 0 {
            return None;
        }
        crate::estimate::split::divide_half_up(Fen(self.average_cost), self.average_households)
            .ok()
    }

    /// Each party with something to pay, in the fixed party order, with its least firm basis.
    pub fn shares(&self) -> Vec<(Party, Fen, Basis)> {
        Party::ALL
            .iter()
            .zip(self.parties.iter().zip(self.bases.iter()))
            .filter(|(_, (a, _))| **a != 0)
            .map(|(p, (a, b))| (*p, Fen(*a), *b))
            .collect()
    }

    /// A party's amount.
    pub fn party(&self, p: Party) -> Fen {
        Fen(self.parties.get(p as usize).copied().unwrap_or(0))
    }

    /// The sum of the parties' amounts: equal to [`Sums::total`] (a test checks it).
    pub fn parties_total(&self) -> Fen {
        Fen(self.parties.iter().fold(0i128, |a, b| a.saturating_add(*b)))
    }
}

/// The totals of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanTotals {
    pub all: Sums,
    /// By district, in order of first appearance (rows without one last, as `None`).
    pub by_district: Vec<(Option<String>, Sums)>,
    /// By renovation year, ascending (rows without one last).
    pub by_year: Vec<(Option<i32>, Sums)>,
    /// By district (first appearance) × year (ascending).
    pub by_district_year: Vec<((Option<String>, Option<i32>), Sums)>,
}

/// Builds [`PlanTotals`] row by row; one hash lookup per row for its district.
#[derive(Default)]
pub(crate) struct TotalsBuilder {
    all: Sums,
    districts: HashMap<String, usize>,
    district_names: Vec<Option<String>>,
    by_district: Vec<Sums>,
    by_year: Vec<(Option<i32>, Sums)>,
    by_district_year: HashMap<(usize, Option<i32>), Sums>,
}

impl TotalsBuilder {
    pub fn add(&mut self, district: Option<&str>, year: Option<i32>, r: &RowSum) {
        self.all.add(r);
        let d = match district {
            Some(name) => match self.districts.get(name) {
                Some(i) => *i,
                None => {
                    let i = self.district_names.len();
                    self.districts.insert(name.to_string(), i);
                    self.district_names.push(Some(name.to_string()));
                    self.by_district.push(Sums::default());
                    i
                }
            },
            None => match self.district_names.iter().position(Option::is_none) {
                Some(i) => i,
                None => {
                    self.district_names.push(None);
                    self.by_district.push(Sums::default());
                    self.district_names.len() - 1
                }
            },
        };
        if let Some(s) = self.by_district.get_mut(d) {
            s.add(r);
        }
        match self.by_year.iter_mut().find(|(y, _)| *y == year) {
            Some((_, s)) => s.add(r),
            None => {
                let mut s = Sums::default();
                s.add(r);
                self.by_year.push((year, s));
            }
        }
        self.by_district_year.entry((d, year)).or_default().add(r);
    }

    pub fn finish(self) -> PlanTotals {
        // Rows without a district or year go last.
        let mut order: Vec<usize> = (0..self.district_names.len()).collect();
        order.sort_by_key(|i| self.district_names.get(*i).is_some_and(Option::is_none));
        let year_key = |y: &Option<i32>| (y.is_none(), y.unwrap_or(0));
        let mut by_year = self.by_year;
        by_year.sort_by_key(|(y, _)| year_key(y));
        let mut cells: Vec<((usize, Option<i32>), Sums)> =
            self.by_district_year.into_iter().collect();
        let position = |d: usize| order.iter().position(|x| *x == d).unwrap_or(usize::MAX);
        cells.sort_by_key(|((d, y), _)| (position(*d), year_key(y)));
        let name = |d: usize| self.district_names.get(d).cloned().flatten();
        let mut by_district: Vec<(Option<String>, Sums)> = Vec::with_capacity(order.len());
        let mut sums: Vec<Option<Sums>> = self.by_district.into_iter().map(Some).collect();
        for d in &order {
            if let Some(s) = sums.get_mut(*d).and_then(Option::take) {
                by_district.push((name(*d), s));
            }
        }
        PlanTotals {
            all: self.all,
            by_district,
            by_year,
            by_district_year: cells
                .into_iter()
                .map(|((d, y), s)| ((name(d), y), s))
                .collect(),
        }
    }
}
