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
    /// How many rows are summed.
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

/// A basis's firmness: policy, then a labelled reading of it, then the person's figures, then
/// an assumption.
pub(crate) fn rank(b: Basis) -> u8 {
    match b {
        Basis::Policy => 0,
        Basis::Reading => 1,
        Basis::Edited => 2,
        Basis::Assumption => 3,
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

    /// Adds another group's sums to these.
    fn merge(&mut self, o: &Sums) {
        self.compounds += o.compounds;
        self.households = self.households.saturating_add(o.households);
        self.households_missing += o.households_missing;
        self.total.0 = self.total.0.saturating_add(o.total.0);
        self.stated.0 = self.stated.0.saturating_add(o.stated.0);
        self.estimated.0 = self.estimated.0.saturating_add(o.estimated.0);
        self.uncosted += o.uncosted;
        self.average_cost = self.average_cost.saturating_add(o.average_cost);
        self.average_households = self.average_households.saturating_add(o.average_households);
        for i in 0..PARTIES {
            if let (Some(a), Some(b)) = (self.parties.get_mut(i), o.parties.get(i)) {
                *a = a.saturating_add(*b);
            }
            if let (Some(a), Some(b)) = (self.bases.get_mut(i), o.bases.get(i)) {
                if rank(*b) > rank(*a) {
                    *a = *b;
                }
            }
        }
        for (a, b) in self.verdicts.iter_mut().zip(o.verdicts) {
            *a += b;
        }
    }

    /// Investment per household over the rows that give both, rounded half up to the fen.
    pub fn per_household(&self) -> Option<Fen> {
        Fen(self.average_cost).div_half_up(self.average_households)
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

/// A district × year cell's key (either may be missing in the sheet).
pub type DistrictYear = (Option<String>, Option<i32>);

/// The totals of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanTotals {
    /// Over the whole plan.
    pub all: Sums,
    /// By district, in order of first appearance (rows without one last, as `None`).
    pub by_district: Vec<(Option<String>, Sums)>,
    /// By renovation year, ascending (rows without one last).
    pub by_year: Vec<(Option<i32>, Sums)>,
    /// By district (first appearance) × year (ascending).
    pub by_district_year: Vec<(DistrictYear, Sums)>,
}

/// Builds [`PlanTotals`] row by row: each row is added to its district × year cell only (one
/// lookup, none when it is in the same cell as the row before, as rows of a plan come in blocks);
/// the whole, the districts and the years are the cells' sums.
#[derive(Default)]
pub(crate) struct TotalsBuilder {
    districts: HashMap<String, usize>,
    district_names: Vec<Option<String>>,
    years: Vec<Option<i32>>,
    cells: HashMap<(usize, usize), usize>,
    sums: Vec<((usize, usize), Sums)>,
    last: Option<(usize, usize, usize)>,
}

impl TotalsBuilder {
    fn district(&mut self, district: Option<&str>) -> usize {
        let found = match district {
            Some(name) => self.districts.get(name).copied(),
            None => self.district_names.iter().position(Option::is_none),
        };
        found.unwrap_or_else(|| {
            let i = self.district_names.len();
            if let Some(name) = district {
                self.districts.insert(name.to_string(), i);
            }
            self.district_names.push(district.map(str::to_string));
            i
        })
    }

    fn year(&mut self, year: Option<i32>) -> usize {
        self.years
            .iter()
            .position(|y| *y == year)
            .unwrap_or_else(|| {
                self.years.push(year);
                self.years.len() - 1
            })
    }

    pub fn add(&mut self, district: Option<&str>, year: Option<i32>, r: &RowSum) {
        let same = self.last.filter(|(d, y, _)| {
            self.district_names
                .get(*d)
                .is_some_and(|n| n.as_deref() == district)
                && self.years.get(*y) == Some(&year)
        });
        let cell = match same {
            Some((_, _, c)) => c,
            None => {
                let d = self.district(district);
                let y = self.year(year);
                let next = self.sums.len();
                let c = *self.cells.entry((d, y)).or_insert(next);
                if c == next {
                    self.sums.push(((d, y), Sums::default()));
                }
                self.last = Some((d, y, c));
                c
            }
        };
        if let Some((_, s)) = self.sums.get_mut(cell) {
            s.add(r);
        }
    }

    pub fn finish(self) -> PlanTotals {
        let year_key = |y: &Option<i32>| (y.is_none(), y.unwrap_or(0));
        // Districts in order of first appearance, rows without one last; years ascending.
        let mut district_order: Vec<usize> = (0..self.district_names.len()).collect();
        district_order.sort_by_key(|i| self.district_names.get(*i).is_some_and(Option::is_none));
        let mut year_order: Vec<usize> = (0..self.years.len()).collect();
        year_order.sort_by_key(|i| self.years.get(*i).map(year_key));
        let rank =
            |order: &[usize], i: usize| order.iter().position(|x| *x == i).unwrap_or(usize::MAX);
        let mut all = Sums::default();
        let mut by_district = vec![Sums::default(); self.district_names.len()];
        let mut by_year = vec![Sums::default(); self.years.len()];
        for ((d, y), s) in &self.sums {
            all.merge(s);
            if let Some(t) = by_district.get_mut(*d) {
                t.merge(s);
            }
            if let Some(t) = by_year.get_mut(*y) {
                t.merge(s);
            }
        }
        let mut cells = self.sums;
        cells.sort_by_key(|((d, y), _)| (rank(&district_order, *d), rank(&year_order, *y)));
        let name = |d: usize| self.district_names.get(d).cloned().flatten();
        let year = |y: usize| self.years.get(y).copied().flatten();
        PlanTotals {
            all,
            by_district: district_order
                .iter()
                .filter_map(|d| by_district.get(*d).map(|s| (name(*d), s.clone())))
                .collect(),
            by_year: year_order
                .iter()
                .filter_map(|y| by_year.get(*y).map(|s| (year(*y), s.clone())))
                .collect(),
            by_district_year: cells
                .into_iter()
                .map(|((d, y), s)| ((name(d), year(y)), s))
                .collect(),
        }
    }
}
