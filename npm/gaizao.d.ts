// The API of the gaizao package. The data types (inputs from the core's schema, results from the
// core's Rust types) are generated into ./types.d.ts; this file declares the calls.

import type {
  Eligibility,
  Estimate,
  ErrorReport,
  LoadOutcome,
  Manifest,
  ManifestEntry,
  Menu,
  PolicySummary,
  PackHash,
  SchemaExport,
  Estate,
  Scenario,
} from "./types.js";

export * from "./types.js";

/** Which languages a result's sentences come in (`none`: ids, outcomes and numbers only). */
export type Lang = "zh" | "en" | "both" | "none";

/** Options of `check` and `estimate`. */
export interface CallOptions {
  lang?: Lang;
}

/** What `policies()` returns. */
export interface Policies {
  /** The package's built-in packs (from policies/index.json), loaded or not. */
  builtIn: ManifestEntry[];
  /** The packs loaded into this calculator, with their SHA-256. */
  loaded: PolicySummary[];
}

/** What `loadPolicy` returns. */
export interface LoadResult {
  summary: PolicySummary;
  /** `added`, `unchanged` (the same bytes were loaded already) or `replaced` (as asked). */
  outcome: LoadOutcome;
}

/** What `version()` returns: enough to reproduce any result. */
export interface VersionInfo {
  version: string;
  packs: { id: string; contentHash: string; builtIn: boolean; bases: PackHash[] }[];
}

/** Options of `Calculator.create`. */
export interface CreateOptions {
  /** Where gaizao_bg.wasm is, or its bytes (default: next to this module). */
  wasm?: URL | string | BufferSource | WebAssembly.Module;
  /** The text of policies/index.json (default: read from the package). */
  manifest?: string;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
}

/** What every call throws. */
export class GaizaoError extends Error {
  name: "GaizaoError";
  /** Code of the first problem, e.g. `negative`, `unknownPolicy`. */
  code: string;
  /** Field path of the first problem, e.g. `owners.inFavour`. */
  field?: string;
  messageZh: string;
  messageEn: string;
  /** Every problem found, in order. */
  problems: ErrorReport[];
}

/** A calculator: its own policy packs, and every question asked of them. */
export class Calculator {
  private constructor();
  /** Loads the module (once) and the manifest; no pack is loaded yet. */
  static create(options?: CreateOptions): Promise<Calculator>;
  /** The built-in packs the package ships. */
  builtIn(): ManifestEntry[];
  /** Loads a built-in pack from the package (its base first); its bytes must match the manifest. */
  loadBuiltin(policyId: string): Promise<PolicySummary>;
  /** Validates and adds a pack (JSON text or bytes); its built-in base is loaded first. */
  loadPolicy(source: string | Uint8Array | ArrayBuffer, options?: { fileName?: string; replace?: boolean }): Promise<LoadResult>;
  policies(): Policies;
  menu(policyId: string): Menu;
  check(policyId: string, estate: Estate, options?: CallOptions): Eligibility;
  estimate(policyId: string, scenario: Scenario, options?: CallOptions): Estimate;
  schema(): SchemaExport;
  version(): VersionInfo;
  free(): void;
}

export type { Manifest };
