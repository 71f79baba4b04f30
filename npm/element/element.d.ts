// <gaizao-calculator>: the resident calculator as a custom element (pkg/element.js).
import type { Calculator, GaizaoError } from "./gaizao.js";
import type { Eligibility, Estimate, Estate, ErrorReport, HouseholdBill, PackRef, Party, Basis, Verdict, DocumentStatus, Text } from "./types.js";

/** `detail` of the `gaizao-result` event. */
export interface GaizaoResultDetail {
  policy: string;
  verdict: Verdict | null;
  /** The verdict as one sentence, in both languages. */
  summary: Text | null;
  status: DocumentStatus | null;
  /** Total cost (元, to the fen), when works are costed. */
  total: string | null;
  shares: { party: Party; amount: string; basis: Basis; name?: { zh?: string; en?: string } }[];
  household: HouseholdBill | null;
  /** The pack texts used, with their SHA-256 (pin a version with these). */
  packs: PackRef[];
  eligibility: Eligibility | null;
  estimate: Estimate | null;
}

/** `detail` of the `gaizao-error` event: the first problem, and all of them. */
export interface GaizaoErrorDetail {
  code: string;
  field?: string;
  message: Text;
  problems: ErrorReport[];
}

export class GaizaoCalculatorElement extends HTMLElement {
  /** Facts the portal already knows (e.g. `{ builtYear: 1992, households: 120 }`). */
  estate: Estate;
  /** The latest results. */
  readonly result: { eligibility: Eligibility | null; estimate: Estimate | null };
  /** This element's own calculator (null until loaded). */
  readonly calculator: Calculator | null;
}

/** Registers the element under another name (it registers `gaizao-calculator` itself). */
export function define(name?: string): void;
export { Calculator, GaizaoError };

declare global {
  interface HTMLElementTagNameMap {
    "gaizao-calculator": GaizaoCalculatorElement;
  }
  interface HTMLElementEventMap {
    "gaizao-result": CustomEvent<GaizaoResultDetail>;
    "gaizao-error": CustomEvent<GaizaoErrorDetail>;
  }
}
