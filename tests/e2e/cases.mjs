// One compound per city pack, described once and used twice: typed into the page through the
// UI, and turned (independently of the page's code) into the Estate / Scenario the package is
// asked about in Node. The page must show exactly the package's answer.

export const CASES = [
  {
    policy: 'guizhou-nayong-2022',
    estate: {
      name: '纳雍县城关老粮站小区',
      district: '雍熙街道',
      builtYear: '1992',
      locationType: 'countyTown',
      housingType: 'nonCommodity',
      households: '48',
      buildings: '2',
      floorArea: '3600',
      flags: { structurallySafe: 'yes', facilitiesDeficient: 'yes', demolitionPlanned: 'no' },
      owners: { total: '48', voted: '40', inFavour: '36' },
      ownerArea: { total: '3600', voted: '3100', inFavour: '2800' },
    },
    items: [
      { id: 'water-pipelines', quantity: '320', unitPrice: '185.5', segment: 'afterMeter' },
      { id: 'add-elevator', quantity: '1', unitPrice: '450000' },
      { id: 'roads-walls', amount: '126000' },
    ],
    household: { floor: '5', area: '75.5' },
    elevator: { method: 'floorsClimbed', floors: 6, perFloor: 2 },
  },
  {
    policy: 'henan-puyang-2020',
    estate: {
      name: '濮阳油田三号院',
      yearRange: ['1985', '1998'],
      locationType: 'city',
      housingType: 'mixed',
      households: '210',
      buildings: '7',
      floorArea: '15600',
      flags: {
        structurallySafe: 'yes', facilitiesDeficient: 'yes', demolitionPlanned: 'no', urbanVillage: 'no', longTermManagement: 'yes',
      },
      owners: { total: '210', voted: '150', inFavour: '120' },
      ownerArea: { total: '15600', voted: '11000', inFavour: '9000' },
      maintenanceFund: { initial: '320000', balance: '60000' },
    },
    items: [
      { id: 'gas-supply', quantity: '800', unitPrice: '95', segment: 'beforeMeter' },
      { id: 'exterior-walls', amount: '380000.5' },
      { id: 'greening', quantity: '1200', unitPrice: '48.3' },
    ],
    household: { area: '68' },
    waiver: { households: '6', percent: '50', payer: 'county' },
  },
  {
    policy: 'sichuan-panzhihua-2018',
    estate: {
      name: '木综厂小区',
      builtYear: '1995',
      locationType: 'city',
      housingType: 'nonCommodity',
      households: '120',
      buildings: '4',
      floorArea: '8000',
      flags: { structurallySafe: 'yes', facilitiesDeficient: 'yes', demolitionPlanned: 'no' },
      owners: { total: '120', voted: '100', inFavour: '95' },
      ownerArea: { total: '8000', voted: '7000', inFavour: '6500' },
    },
    cityGas: 'no',
    items: [
      { id: 'water-supply', quantity: '120', unitPrice: '1500.5', segment: 'beforeMeter' },
      { id: 'gas-supply', quantity: '600', unitPrice: '78', segment: 'afterMeter' },
      { id: 'roads', amount: '300000' },
    ],
    household: { floor: '3', area: '70' },
  },
  {
    policy: 'henan-kaifeng-2019',
    estate: {
      name: '开封市南关区纺织厂家属院',
      locationType: 'city',
      households: '300',
      flags: { facilitiesDeficient: 'yes' },
    },
    benchmark: 'national-average-2023',
    household: { area: '60' },
  },
  {
    policy: 'sichuan-suining-2020-draft',
    estate: {
      name: '遂宁市船山区河东小区',
      builtYear: '1997',
      locationType: 'city',
      housingType: 'nonCommodity',
      households: '36',
      buildings: '1',
      floorArea: '2700',
      flags: {
        structurallySafe: 'yes', facilitiesDeficient: 'yes', demolitionPlanned: 'no', urbanVillage: 'no',
        selfGovernance: 'yes', longTermManagement: 'yes',
      },
      owners: { total: '36', voted: '34', inFavour: '30' },
      ownerArea: { total: '2700', voted: '2600', inFavour: '2300' },
    },
    items: [
      { id: 'water-supply', quantity: '240', unitPrice: '120', segment: 'beforeMeter' },
      { id: 'add-elevator', amount: '520000' },
      { id: 'parking', quantity: '20', unitPrice: '3500.75' },
    ],
    household: { floor: '6', area: '80' },
    elevator: { method: 'area', floors: 6, perFloor: 6, area: '450' },
  },
];

/**
 * The package's input for a case, built without the page's code. `menu` (the package's menu of
 * the case's pack) gives the order of the items: the page lists chosen items in menu order.
 */
export function expectedInputs(c, menu) {
  const e = c.estate;
  const estate = {};
  if (e.name) estate.name = e.name;
  if (e.district) estate.district = e.district;
  if (e.builtYear) estate.builtYear = Number(e.builtYear);
  if (e.yearRange) estate.builtYears = { from: Number(e.yearRange[0]), to: Number(e.yearRange[1]) };
  if (e.locationType) estate.locationType = e.locationType;
  if (e.housingType) estate.housingType = e.housingType;
  for (const k of ['households', 'buildings']) if (e[k]) estate[k] = Number(e[k]);
  if (e.floorArea) estate.floorArea = e.floorArea;
  for (const [k, v] of Object.entries(e.flags ?? {})) estate[k] = v === 'yes';
  if (e.owners) estate.owners = Object.fromEntries(Object.entries(e.owners).map(([k, v]) => [k, Number(v)]));
  if (e.ownerArea) estate.ownerArea = { ...e.ownerArea };
  if (e.maintenanceFund) estate.maintenanceFund = { ...e.maintenanceFund };

  const scenario = { estate };
  if (c.items) {
    const order = menu ? menu.categories.flatMap((cat) => cat.items.map((i) => i.id)) : [];
    const sorted = [...c.items].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    scenario.items = sorted.map((i) => {
      const out = { item: i.id };
      if (i.amount) out.amount = i.amount;
      else { out.quantity = i.quantity; out.unitPrice = i.unitPrice; }
      if (i.segment) out.segment = i.segment;
      return out;
    });
  }
  if (c.benchmark) scenario.benchmark = c.benchmark;
  if (c.cityGas) scenario.cityGasCompanyArea = c.cityGas === 'yes';
  if (c.household) {
    scenario.household = {};
    if (c.household.floor) scenario.household.floor = Number(c.household.floor);
    if (c.household.area) scenario.household.area = c.household.area;
  }
  if (c.elevator) {
    const floors = [];
    for (let f = 1; f <= c.elevator.floors; f += 1) {
      const row = { floor: f, households: c.elevator.perFloor };
      if (c.elevator.area) row.area = c.elevator.area;
      floors.push(row);
    }
    scenario.elevator = { method: c.elevator.method, floors, exemptFloors: 1 };
  }
  if (c.waiver) {
    const share = { 100: '1', 50: '0.5' }[c.waiver.percent];
    scenario.waiver = { households: Number(c.waiver.households), share, payer: c.waiver.payer };
  }
  return { estate, scenario };
}

const id = (key) => String(key).replace(/[^A-Za-z0-9_-]/g, '_');

/** Types a case into the page, step by step, with the mouse and the keyboard as a person would. */
export async function fillCase(page, c) {
  await page.selectOption('#policy-select', c.policy);
  await page.waitForFunction((p) => document.querySelector('#policy-select').value === p, c.policy);
  await page.click('#nav-step-1');
  const e = c.estate;
  const fill = async (key, value) => page.fill(`#in-${id(key)}`, value);
  if (e.name) await fill('name', e.name);
  if (e.district) await fill('district', e.district);
  if (e.builtYear) {
    await page.check('#rg-yearMode-0');
    await fill('builtYear', e.builtYear);
  } else if (e.yearRange) {
    await page.check('#rg-yearMode-1');
    await fill('builtYears.from', e.yearRange[0]);
    await fill('builtYears.to', e.yearRange[1]);
  } else {
    await page.check('#rg-yearMode-2');
  }
  if (e.locationType) await page.selectOption('#in-locationType', e.locationType);
  if (e.housingType) await page.selectOption('#in-housingType', e.housingType);
  for (const k of ['households', 'buildings', 'floorArea']) if (e[k]) await fill(k, e[k]);
  for (const [k, v] of Object.entries(e.flags ?? {})) await page.check(`#rg-${k}-${v === 'yes' ? 0 : 1}`);
  for (const [k, v] of Object.entries(e.owners ?? {})) await fill(`owners.${k}`, v);
  for (const [k, v] of Object.entries(e.ownerArea ?? {})) await fill(`ownerArea.${k}`, v);
  for (const [k, v] of Object.entries(e.maintenanceFund ?? {})) await fill(`maintenanceFund.${k}`, v);

  await page.click('#to-step2');
  if (c.cityGas) await page.check(`#rg-cityGasCompanyArea-${c.cityGas === 'yes' ? 0 : 1}`);
  for (const it of c.items ?? []) {
    await page.check(`#item-${id(it.id)}-on`);
    const k = (f) => id(`item:${it.id}:${f}`);
    if (it.amount) {
      await page.check(`#rg-${k('mode')}-1`);
      await page.fill(`#in-${k('amount')}`, it.amount);
    } else {
      await page.fill(`#in-${k('quantity')}`, it.quantity);
      await page.fill(`#in-${k('unitPrice')}`, it.unitPrice);
    }
    if (it.segment) await page.check(`#rg-${k('segment')}-${it.segment === 'beforeMeter' ? 0 : 1}`);
  }
  if (c.benchmark) await page.check(`input[name="rg-benchmark"][value="${c.benchmark}"]`);

  await page.click('#to-step3');
  if (c.household?.floor) await page.fill('#in-household_floor', c.household.floor);
  if (c.household?.area) await page.fill('#in-household_area', c.household.area);
  if (c.elevator) {
    await page.check('#elevator-on');
    const methods = ['floorsClimbed', 'coefficients', 'area'];
    await page.check(`#rg-elevator_method-${methods.indexOf(c.elevator.method)}`);
    await page.fill('#gen-floors', String(c.elevator.floors));
    await page.fill('#gen-households', String(c.elevator.perFloor));
    await page.click('#gen-button');
    if (c.elevator.area) {
      for (let i = 0; i < c.elevator.floors; i += 1) await page.fill(`#in-${id(`elevator.floors[${i}].area`)}`, c.elevator.area);
    }
    await page.fill('#in-elevator_exemptFloors', '1');
  }
  if (c.waiver) {
    await page.check('#waiver-on');
    await page.fill('#in-waiver_households', c.waiver.households);
    await page.fill('#in-waiver_share', c.waiver.percent);
    await page.selectOption('#in-waiver_payer', c.waiver.payer);
  }
}
