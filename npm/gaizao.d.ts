/* tslint:disable */
/* eslint-disable */

/**
 * Validates a portal's own pack (JSON text) exactly like the built-in ones and makes it usable
 * by id. `fileName` only labels error messages.
 */
export function loadPolicy(text: string, fileName?: string): PolicySummary;



/** What every export throws: a JS `Error` (name `GaizaoError`) with these fields. */
export type GaizaoError = Error & GaizaoErrorInfo;


/**
 * A construction period such as "1985—2000".
 */
export interface YearRange {
    from: number;
    to: number;
}

/**
 * A funding rule used in this estimate whose figures are assumptions.
 */
export interface AssumptionUsed {
    rule: string;
    label: Text;
    why: Text;
    source: Source;
    /**
     * The shares as used, e.g. `[{party: "central", weight: "5"}, …]`.
     */
    shares: WeightOut[];
    /**
     * True when the person changed this rule's shares in the scenario.
     */
    edited: boolean;
}

/**
 * A party's weight in an edited split.
 */
export interface ShareInput {
    /**
     * A party id, or `pipelineUtility`.
     */
    party: string;
    weight: string | number;
}

/**
 * A payer. The order here is the order of every output table.
 */
export type Party = "central" | "province" | "city" | "county" | "waterUtility" | "powerUtility" | "gasUtility" | "telecomUtility" | "heatUtility" | "propertyUnit" | "residents" | "maintenanceFund" | "socialCapital";

/**
 * A published cost intensity applied to this compound.
 */
export interface BenchmarkEstimate {
    id: string;
    label: Text;
    basis: BenchmarkBasis;
    /**
     * 元 per household or per m².
     */
    intensity: string;
    /**
     * Intensity × households (or × floor area), when those are known.
     */
    amount?: string;
    derivation: Text;
    source: Source;
}

/**
 * A text in Chinese and English. Chinese is the authoritative wording.
 */
export interface Text {
    zh: string;
    en: string;
}

/**
 * A whole policy pack as stored in a file.
 */
export interface PolicyPack {
    /**
     * Stable id, e.g. `sichuan-panzhihua-2018`. Lowercase letters, digits and `-`.
     */
    id: string;
    /**
     * Id of the pack whose rules this one inherits (normally `national`).
     */
    base?: string;
    name: Text;
    jurisdiction: Text;
    issuer: Text;
    document: DocumentInfo;
    /**
     * Ids of base-pack eligibility rules that do not apply under this pack.
     */
    excludeBaseRules?: string[];
    /**
     * Eligibility rules; a rule with the id of a base rule replaces it.
     */
    eligibility?: RuleSpec[];
    /**
     * The standard renovation menu. Empty means "use the base pack's menu".
     */
    menu?: MenuCategory[];
    /**
     * Funding rules; the first whose conditions match a line decides its split. Order tried:
     * this pack's conditional rules; the base pack's conditional rules (skipped when this pack's
     * catch-all is policy); this pack's catch-all; the base pack's catch-all.
     */
    funding?: FundingRule[];
    /**
     * Published cost intensities a resident can use when no plan price is known.
     */
    benchmarks?: Benchmark[];
    /**
     * Free remarks shown with the pack (e.g. a draft's status, known data problems).
     */
    notes?: Note[];
}

/**
 * An exact share and whether reaching it exactly passes ("以上"/"不低于": yes; "过半数": no).
 */
export interface Threshold {
    /**
     * A fraction such as `"2/3"` or a decimal such as `"0.9"`.
     */
    share: string;
    inclusive: boolean;
}

/**
 * Crate version and the content hash of every loaded pack, to reproduce a result.
 */
export interface VersionInfo {
    version: string;
    packs: PackVersion[];
}

/**
 * How a benchmark intensity scales.
 */
export type BenchmarkBasis = "perHousehold" | "perSquareMetre";

/**
 * How far a consent or vote is from passing, given the figures entered.
 */
export interface Gap {
    /**
     * More owners in favour needed.
     */
    owners?: number;
    /**
     * More m² of exclusive area in favour needed (rounded up to 0.01 m²).
     */
    area?: string;
    /**
     * More owners taking part in the vote needed (quorum).
     */
    participatingOwners?: number;
    /**
     * More m² taking part in the vote needed (quorum).
     */
    participatingArea?: string;
    /**
     * More 元 in the maintenance fund needed.
     */
    fund?: string;
}

/**
 * How the residents' part of elevator lines is divided between floors.
 */
export type ElevatorMethod = "floorsClimbed" | "coefficients" | "area";

/**
 * Metered networks whose pipes split at the meter (表（箱）前/后).
 */
export type Pipeline = "water" | "power" | "gas" | "telecom" | "heat";

/**
 * One chosen menu item: `quantity` × `unitPrice`, or a lump `amount`.
 */
export interface ItemChoice {
    /**
     * A menu item id of the policy pack.
     */
    item: string;
    quantity?: string | number;
    /**
     * 元 per unit of the item.
     */
    unitPrice?: string | number;
    /**
     * 元, instead of quantity × unitPrice.
     */
    amount?: string | number;
    /**
     * Required for pipeline items.
     */
    segment?: Segment;
}

/**
 * One eligibility rule: what is tested, where it comes from, and whether its figure is policy.
 */
export interface RuleSpec {
    id: string;
    /**
     * Short statement of the rule as the document puts it.
     */
    label: Text;
    severity?: Severity;
    test: RuleTest;
    source: Source;
    /**
     * Set when the document states the rule but not the figure used to test it: the figure is
     * then an assumption, shown as such and editable.
     */
    assumption?: Text;
}

/**
 * One party's part of one line.
 */
export interface LineShare {
    party: Party;
    amount: string;
    /**
     * The party's exact share of the line, as a fraction ("5/10").
     */
    fraction: string;
    basis: Basis;
    why: Text;
    source: Source;
}

/**
 * One party's weight in a split. Weights are relative (5, 4, 1 or 0.8, 0.2).
 */
export interface ShareSpec {
    /**
     * A [`crate::party::Party`] id, or `pipelineUtility` for the utility owning the line's pipeline.
     */
    party: string;
    /**
     * A non-negative decimal or fraction, as a string.
     */
    weight: string;
}

/**
 * One problem: stable code, field path, message in both languages.
 */
export interface Problem {
    code: string;
    field?: string;
    message: Text;
}

/**
 * Replaces the shares of one funding rule (an edited assumption, or a local decision).
 */
export interface FundingOverride {
    rule: string;
    shares: ShareInput[];
}

/**
 * The compound. Field names are the public contract (camelCase in JSON and JS).
 */
export interface Estate {
    name?: string;
    district?: string;
    builtYear?: number;
    builtYears?: YearRange;
    locationType?: LocationType;
    housingType?: HousingType;
    households?: number;
    buildings?: number;
    /**
     * m² of floor area
     */
    floorArea?: string | number;
    structurallySafe?: boolean;
    /**
     * in a shantytown, expropriation or demolition-rebuild plan
     */
    demolitionPlanned?: boolean;
    urbanVillage?: boolean;
    /**
     * 三供一业 handover already done
     */
    threeSuppliesTransferred?: boolean;
    facilitiesDeficient?: boolean;
    owners?: { total?: number; voted?: number; inFavour?: number };
    /**
     * m² of exclusive area
     */
    ownerArea?: { total?: string | number; voted?: string | number; inFavour?: string | number };
    selfGovernance?: boolean;
    longTermManagement?: boolean;
    maintenanceFund?: MaintenanceFund;
}

/**
 * The estate facts a yes/no rule reads.
 */
export type Flag = "structurallySafe" | "demolitionPlanned" | "urbanVillage" | "threeSuppliesTransferred" | "facilitiesDeficient" | "selfGovernance" | "longTermManagement";

/**
 * The household asking "what will I pay?".
 */
export interface HouseholdInput {
    /**
     * My floor, for elevator lines.
     */
    floor?: number;
    /**
     * My exclusive area (m²): with the estate's floorArea, splits shared costs by area (art. 283).
     */
    area?: string | number;
}

/**
 * The input of an estimate.
 */
export interface Scenario {
    estate?: Estate;
    items?: ItemChoice[];
    /**
     * A benchmark id of the pack: reported beside the lines, or costed alone when no item is given.
     */
    benchmark?: string;
    /**
     * Panzhihua: gas supplied by 市煤气总公司.
     */
    cityGasCompanyArea?: boolean;
    fundingOverrides?: FundingOverride[];
    elevator?: ElevatorInput;
    waiver?: WaiverInput;
    household?: HouseholdInput;
}

/**
 * The shape of the `Error` objects thrown by every export (beyond `message`).
 */
export interface GaizaoErrorInfo {
    /**
     * Code of the first problem, e.g. `negative`, `unknownPolicy`.
     */
    code: string;
    /**
     * Field path of the first problem, e.g. `owners.inFavour`.
     */
    field?: string;
    messageZh: string;
    messageEn: string;
    /**
     * Every problem found, in order.
     */
    problems: Problem[];
}

/**
 * The three national tiers of 国办发〔2020〕23号 (基础类 / 完善类 / 提升类).
 */
export type Tier = "basic" | "improvement" | "upgrade";

/**
 * Unit in which an item's quantity is counted.
 */
export type Unit = "metre" | "squareMetre" | "household" | "building" | "stairwell" | "piece" | "elevator" | "parkingSpace" | "lump";

/**
 * What a list of policies shows about each pack.
 */
export interface PolicySummary {
    id: string;
    name: Text;
    jurisdiction: Text;
    issuer: Text;
    documentNumber: string;
    title: Text;
    date: string;
    status: DocumentStatus;
    base?: string;
    builtIn: boolean;
    /**
     * SHA-256 of the pack file.
     */
    contentHash: string;
}

/**
 * What a rule tests, written `{"builtBy": {"year": 2000, "inclusive": true}}`. Thresholds are
 * exact fractions written as `"2/3"`, `"9/10"`, `"1/2"`.
 */
export type RuleTest = { builtBy: { year: number; inclusive: boolean } } | { locationIn: { allowed: LocationType[] } } | { housingTypeIn: { allowed: HousingType[] } } | { housingTypeNotIn: { excluded: HousingType[] } } | { flag: { flag: Flag; required: boolean } } | { support: { owners?: Threshold; area?: Threshold } } | { vote: { quorum: Threshold; majority: Threshold } } | { maintenanceFund: { share: Threshold } };

/**
 * Where a rule, item or parameter comes from: the document number and the clause inside it.
 */
export interface Source {
    /**
     * Document number or title, e.g. `攀委办〔2018〕40号` or `民法典`.
     */
    document: string;
    /**
     * Clause inside the document, e.g. `六、资金筹集` or `第二百七十八条`.
     */
    clause: string;
    /**
     * The original words, where short enough to quote.
     */
    quote?: string;
}

/**
 * Where a share's number comes from.
 */
export type Basis = "policy" | "assumption";

/**
 * Whether a rule decides the verdict or only warns.
 */
export type Severity = "decisive" | "warning";

/**
 * Which money lines a funding rule covers. Every condition given must hold.
 */
export interface Applies {
    pipelines?: Pipeline[];
    segment?: Segment;
    categories?: string[];
    items?: string[];
    elevator?: boolean;
    /**
     * Panzhihua: the compound is supplied by 市煤气总公司 (its gas lines leave the 80/20 rule).
     */
    cityGasCompanyArea?: boolean;
}

/**
 * Which side of the meter (表（箱）前/后) a pipeline line lies on.
 */
export type Segment = "beforeMeter" | "afterMeter";

/**
 * 困难群众减免: part of some households' bills moved to a named payer.
 */
export interface WaiverInput {
    /**
     * How many households are relieved.
     */
    households: number;
    /**
     * Share of their bill waived, 0–1 (default 1: all of it).
     */
    share?: string | number;
    /**
     * Who pays the waived amount.
     */
    payer: Party;
}

export interface Benchmark {
    id: string;
    label: Text;
    basis: BenchmarkBasis;
    /**
     * 元 per household or per m², as a decimal string.
     */
    amount: string;
    /**
     * How the figure was obtained (e.g. 25,765.5万元 ÷ 13,785 households).
     */
    derivation: Text;
    source: Source;
}

export interface DocumentInfo {
    /**
     * Document number, e.g. `纳府办函〔2022〕39号`; a draft without one gives its title.
     */
    number: string;
    title: Text;
    /**
     * ISO date `YYYY-MM-DD` (or `YYYY` when the document gives only a year).
     */
    date: string;
    status: DocumentStatus;
    /**
     * Further documents the pack draws on (e.g. Guizhou's provincial standard annexed to Nayong's).
     */
    related?: string[];
}

export interface ElevatorInput {
    method: ElevatorMethod;
    /**
     * The floors of the stairwell served by the elevator.
     */
    floors: FloorInput[];
    /**
     * Floors 1..=exemptFloors pay nothing (default 1: the ground floor).
     */
    exemptFloors?: number;
}

export interface ElevatorSplit {
    method: ElevatorMethod;
    exemptFloors: number;
    /**
     * The residents' part of all elevator lines, before hardship waivers.
     */
    residentsTotal: string;
    floors: FloorShare[];
}

export interface Eligibility {
    policy: string;
    contentHash: string;
    verdict: Verdict;
    /**
     * One per decisive rule, in the pack's order.
     */
    findings: Finding[];
    /**
     * Findings that do not decide the verdict.
     */
    warnings: Finding[];
    /**
     * Every field named by an unknown finding, once.
     */
    toProvide: string[];
}

export interface Estimate {
    policy: string;
    contentHash: string;
    status: DocumentStatus;
    /**
     * The one rounding strategy used (see `money::ROUNDING`).
     */
    rounding: string;
    total: string;
    lines: Line[];
    /**
     * Totals per party, in the fixed party order, parties with nothing to pay left out.
     */
    shares: PartyTotal[];
    /**
     * Total ÷ households, rounded half up to the fen (an indicator, not a share).
     */
    perHousehold?: string;
    benchmark?: BenchmarkEstimate;
    elevator?: ElevatorSplit;
    household?: HouseholdBill;
    assumptions: AssumptionUsed[];
    /**
     * Remarks the reader must see (draft document, split methods assumed, missing figures).
     */
    notes: Text[];
}

export interface Finding {
    rule: string;
    label: Text;
    outcome: Outcome;
    severity: Severity;
    message: Text;
    source: Source;
    /**
     * `assumption` when the figure tested is not set by the document (see `assumption`).
     */
    basis: Basis;
    assumption?: Text;
    /**
     * Fields that would settle an `unknown`.
     */
    provide?: string[];
    gap?: Gap;
}

export interface FloorInput {
    floor: number;
    households: number;
    /**
     * m² of exclusive area on this floor.
     */
    area?: string | number;
    coefficient?: string | number;
}

export interface FloorShare {
    floor: number;
    households: number;
    /**
     * What the floor's households pay together.
     */
    total: string;
    /**
     * What each household on the floor pays …
     */
    perHousehold: string;
    /**
     * … except this many, who pay 0.01 元 more (the remainder of an exact division).
     */
    plusOneFen: number;
}

export interface FundingRule {
    id: string;
    label: Text;
    applies: Applies;
    shares: ShareSpec[];
    basis: Basis;
    /**
     * Why this split: the clause's words for policy, the reasoning for an assumption.
     */
    why: Text;
    source: Source;
}

export interface HouseholdBill {
    sharedMethod: SharedMethod;
    /**
     * My part of the residents' share of non-elevator lines.
     */
    shared: string;
    /**
     * My floor's per-household elevator amount, if an elevator split and my floor are given.
     */
    elevator?: string;
    total: string;
}

export interface Line {
    /**
     * Menu item id (or `benchmark:<id>` for a benchmark-only estimate).
     */
    item: string;
    name: Text;
    category: Text;
    unit?: Unit;
    quantity?: string;
    unitPrice?: string;
    segment?: Segment;
    /**
     * The amount before rounding (元), exactly as entered or multiplied.
     */
    exactAmount: string;
    amount: string;
    /**
     * Id of the funding rule that split this line.
     */
    fundingRule: string;
    fundingLabel: Text;
    shares: LineShare[];
}

export interface MaintenanceFund {
    /**
     * 首期筹集金额 (元)
     */
    initial?: string | number;
    /**
     * current balance (元)
     */
    balance?: string | number;
}

export interface Menu {
    policy: string;
    name: Text;
    documentNumber: string;
    status: DocumentStatus;
    categories: MenuCategory[];
    benchmarks: Benchmark[];
    /**
     * The funding rules in the order they are tried, with their basis (policy or assumption).
     */
    funding: FundingRule[];
    notes: Note[];
}

export interface MenuCategory {
    id: string;
    name: Text;
    tier?: Tier;
    source: Source;
    items: MenuItem[];
}

export interface MenuItem {
    id: string;
    name: Text;
    /**
     * The 改造标准 / 内容 text: Chinese verbatim from the document, English a faithful rendering.
     */
    standard: Text;
    unit: Unit;
    pipeline?: Pipeline;
    /**
     * Elevator items are split between floors (see the elevator options of a scenario).
     */
    elevator?: boolean;
    source: Source;
}

export interface Note {
    text: Text;
    source: Source;
}

export interface PackVersion {
    id: string;
    contentHash: string;
    builtIn: boolean;
}

export interface PartyTotal {
    party: Party;
    name: Text;
    amount: string;
    /**
     * `assumption` if any part of this amount rests on an assumption.
     */
    basis: Basis;
}

export interface WeightOut {
    party: string;
    weight: string;
}

export type DocumentStatus = "inForce" | "draftForComment" | "national";

export type HousingType = "nonCommodity" | "commodity" | "selfBuilt" | "mixed";

export type LocationType = "city" | "countyTown" | "town" | "rural";

export type Outcome = "pass" | "fail" | "unknown";

export type SharedMethod = "area" | "equal";

export type Verdict = "eligible" | "ineligible" | "undetermined";


/**
 * Is the compound eligible under the pack, and why.
 */
export function checkEligibility(policyId: string, estate: Estate): Eligibility;

/**
 * Costs a scenario and splits it between the parties, to the fen.
 */
export function estimate(policyId: string, scenario: Scenario): Estimate;

/**
 * A pack's renovation menu, benchmarks and funding rules.
 */
export function menu(policyId: string): Menu;

/**
 * Lists every pack: built-in and loaded.
 */
export function policies(): PolicySummary[];

/**
 * The crate version and a content hash of each loaded pack.
 */
export function version(): VersionInfo;
