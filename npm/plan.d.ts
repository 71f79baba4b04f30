// The API of gaizao/plan: the officials' planning engine (a year's plan of compounds read from a
// spreadsheet, assessed row by row, paged, exported). Written by hand: the plan JSON is written
// piecewise by the core (src/plan/json.rs, docs/plan-format.md), not derived from Rust types.
// Shared data types (packs, eligibility, texts) come from ./types.d.ts.

import type { Basis, DocumentStatus, Eligibility, ErrorReport, LoadOutcome, ManifestEntry, Party, PolicySummary, Text, Texts, Verdict } from "./types.js";

/** Which languages the sentences come in. */
export type Lang = "zh" | "en" | "both" | "none";

/** What every call throws: the very class the calculator throws (one class for the package). */
export { GaizaoError } from "./gaizao.js";
import type { GaizaoError } from "./gaizao.js";

/** A GaizaoError in the core's words for a problem found before a call reaches the module. */
export function refuse(code: "inputTooLarge" | "tooLong" | "wrongType" | "internal", field: string, detail?: string | number): GaizaoError;

/** What a column is read as: `serial`, `name`, `district`, `built`, `location`, `households`,
 * `buildings`, `floorArea`, `investment`, `year`, `content`, `remarks`, `fact:<key>`, `ignored`. */
export type Target = string;
/** The unit a money or area column is written in. */
export type ColumnUnit = "yuan" | "wanYuan" | "squareMetre" | "wanSquareMetre";

/** One column of the file and what it is read as. */
export interface ColumnMap {
  /** 0-based (A = 0). */
  index: number;
  letter?: string;
  header?: string;
  target: Target;
  unit?: ColumnUnit;
}

/** How a file's columns are read; give it back, edited, to read the file again. */
export interface Mapping {
  /** The header row's line (1-based). */
  headerRow: number;
  columns: ColumnMap[];
}

/** Where the cells came from. */
export interface PlanSource {
  format: "xlsx" | "xls" | "ods" | "text";
  sheet?: string;
  encoding?: "UTF-8" | "UTF-16LE" | "UTF-16BE" | "GB18030";
  delimiter?: string;
  mergesKnown: boolean;
}

/** What `readGrid` returns. */
export interface GridRead {
  source: PlanSource;
  /** Rows with data (title, header, compounds, subtotals, notes). */
  lines: number;
  width: number;
}

/** A 合计/小计/总计 row of the file. */
export interface Subtotal {
  line: number;
  label: string;
  kind: "block" | "grand";
  households?: number;
  /** 元 */
  investment?: string;
  compounds?: number;
  covers: { start: number; end: number };
}

/** What `readRows` returns. */
export interface PlanRead {
  source: PlanSource;
  mapping: Mapping;
  /** How many compounds were read. */
  rows: number;
  subtotals: Subtotal[];
  notes: { line: number; text: string }[];
}

/** Counts by verdict. */
export interface VerdictCounts {
  eligible: number;
  ineligible: number;
  undetermined: number;
}

/** A party's total: amounts in 元 (two decimals) and 万元 (exact). */
export interface ShareTotal {
  party: Party;
  amount: string;
  amountWan: string;
  basis: Basis;
}

/** Sums over a group of rows. */
export interface Sums {
  district?: string | null;
  year?: number | null;
  compounds: number;
  households: number;
  total: string;
  totalWan: string;
  perHousehold: string | null;
  stated: string;
  estimated: string;
  uncosted: number;
  householdsMissing: number;
  verdicts: VerdictCounts;
  shares: ShareTotal[];
}

/** The summary of an assessed plan (`assess`, `summary`): the plan JSON without rows and audit
 * entries (docs/plan-format.md). */
export interface PlanSummary {
  policy: string;
  packs: { id: string; contentHash: string }[];
  status: DocumentStatus;
  rounding: string;
  source: PlanSource;
  mapping: Mapping;
  options: { benchmark?: string; farFactor: string; farFactorBasis: Basis; mix?: { item: string; segment?: string; share: string; basis: Basis }[]; fundingOverrides?: string[] };
  compounds: number;
  households: number;
  householdsMissing: number;
  total: string;
  totalWan: string;
  stated: string;
  estimated: string;
  uncosted: number;
  perHousehold: string | null;
  medianPerHousehold: string | null;
  verdicts: VerdictCounts;
  shares: ShareTotal[];
  byDistrict: Sums[];
  byYear: Sums[];
  byDistrictYear: Sums[];
  rules: { id: string; role: string; ruleBasis: string; basis: Basis; label?: Texts<string>; assumption?: Texts<string>; source: unknown }[];
  fundingRules: { id: string; basis: Basis; shares: { party: string; weight: string }[]; label?: Texts<string>; why?: Texts<string>; source: unknown }[];
  benchmark: { id: string; basis: string; intensity: string; label?: Texts<string>; derivation?: Texts<string>; source: unknown } | null;
  /** Each paying party's name. */
  parties: Partial<Record<Party, Texts<string>>>;
  provideSets: string[][];
  auditCounts: { error: number; warning: number; note: number };
  omittedProblems: number;
  /** Each audit code's sentence, once. */
  messages: Record<string, Texts<string>>;
}

/** One row, compact (the plan JSON's `rows` entries). */
export interface PlanRowOut {
  row: number;
  line: number;
  serial?: string;
  name?: string;
  district?: string;
  year?: number;
  households?: number;
  built?: { from: number; to: number };
  verdict: Verdict;
  /** One character per entry of the summary's `rules`: P pass, F fail, ? unknown. */
  outcomes: string;
  provide?: number;
  source: "stated" | "benchmark" | "missing";
  cost?: string;
  perHousehold?: string;
  fundingRule?: string;
  mixed?: boolean;
  basis?: Basis;
  shares: Partial<Record<Party, string>>;
  audit?: string[];
}

/** One row in full (`detail`). */
export interface PlanRowDetail extends PlanRowOut {
  eligibility: Eligibility;
  lines: { item?: string; segment?: string; amount: string; fundingRule: string; shares: Partial<Record<Party, string>> }[];
}

/** One audit entry, with its sentence. */
export interface AuditEntryOut {
  row?: number;
  line?: number;
  serial?: string;
  column?: string;
  letter?: string;
  code: string;
  severity: "error" | "warning" | "note";
  basis?: Basis;
  message?: Texts<string>;
  [figure: string]: unknown;
}

/** Which rows, in which order, and which page. Every key is optional. */
export interface RowQuery {
  sort?: "line" | "name" | "district" | "year" | "households" | "cost" | "perHousehold" | "verdict" | "audit";
  descending?: boolean;
  verdict?: Verdict;
  district?: string;
  year?: number;
  source?: "stated" | "benchmark" | "missing";
  /** Only rows with an audit entry of at least this severity. */
  audit?: "error" | "warning" | "note";
  text?: string;
  offset?: number;
  /** At most 1,000. */
  limit?: number;
}

/** Which audit entries and which page. Every key is optional. */
export interface AuditQuery {
  severity?: "error" | "warning" | "note";
  code?: string;
  row?: number;
  offset?: number;
  limit?: number;
}

export interface RowsPage {
  matching: number;
  offset: number;
  rows: PlanRowOut[];
}

export interface AuditPage {
  matching: number;
  offset: number;
  /** Entries of each code matching the severity and row filters. */
  byCode: Record<string, number>;
  entries: AuditEntryOut[];
}

/** A code and its words. */
export interface Word {
  id: string;
  label: Text;
}

/** Every word a planning page needs, in both languages. */
export interface Vocabulary {
  verdicts: Word[];
  sources: Word[];
  bases: Word[];
  severities: Word[];
  statuses: Word[];
  columns: Word[];
  sortKeys: string[];
  auditCodes: { id: string; label: Text; severity: "error" | "warning" | "note"; assumed: boolean }[];
  parties: Word[];
  targets: { key: Target; label: Text; group: "plan" | "fact" | "packFact" | "ignored"; units?: "money" | "area" }[];
  units: { id: ColumnUnit; label: Text; kind: "money" | "area" }[];
  sheets: Word[];
}

/** Options of the reading steps. */
export interface ReadOptions {
  policy: string;
  /** The mapping to read with (as `readRows` returned it, edited), or none to guess it. */
  mapping?: Mapping | string | null;
  /** The plan options: `{benchmark, mix, fundingOverrides, farFactor}` (docs/plan-format.md). */
  options?: object | string | null;
  lang?: Lang;
  /** Called before each step. */
  onStage?: (stage: "grid" | "rows" | "assess") => void;
}

/** A planner: its own packs, one plan at a time. */
export class Planner {
  private constructor();
  /** Loads the module (once) and the manifest; no pack is loaded yet. */
  static create(options?: { wasm?: URL | string | BufferSource | WebAssembly.Module; manifest?: string; fetch?: typeof fetch }): Promise<Planner>;
  /** The largest file `setFile` takes, in bytes. */
  static readonly maxFileBytes: number;
  builtIn(): ManifestEntry[];
  loadBuiltin(id: string): Promise<PolicySummary>;
  loadPolicy(source: string | Uint8Array | ArrayBuffer, options?: { fileName?: string; replace?: boolean }): { summary: PolicySummary; outcome: LoadOutcome };
  policies(): { builtIn: ManifestEntry[]; loaded: PolicySummary[] };
  vocabulary(policyId?: string): Vocabulary;
  setFile(bytes: Uint8Array | ArrayBuffer, fileName: string): void;
  setPasted(text: string): void;
  readGrid(): GridRead;
  readRows(options?: { policy?: string; mapping?: Mapping | string | null }): PlanRead;
  assess(policyId: string, options?: object | string | null, call?: { lang?: Lang }): PlanSummary;
  /** Steps 1 to 3 on a file. */
  open(bytes: Uint8Array | ArrayBuffer, fileName: string, options: ReadOptions): { grid: GridRead; plan: PlanRead; summary: PlanSummary };
  /** Steps 1 to 3 on the same file or pasted text again. */
  reread(options: ReadOptions): { grid: GridRead; plan: PlanRead; summary: PlanSummary };
  summary(call?: { lang?: Lang }): PlanSummary;
  rows(query?: RowQuery): RowsPage;
  locate(row: number, query?: RowQuery): { position: number | null; matching: number };
  audit(query?: AuditQuery, call?: { lang?: Lang }): AuditPage;
  detail(row: number, call?: { lang?: Lang }): PlanRowDetail;
  exportXlsx(): Uint8Array;
  exportCsv(sheet: "detail" | "summary" | "audit"): Uint8Array;
  memoryBytes(): number;
  forget(): void;
  free(): void;
}
