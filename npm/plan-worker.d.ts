// The message protocol of gaizao/plan-worker.js (a module Web Worker owning one Planner).
// Post a request, get one answer with the same id; long requests send progress first.
//   const worker = new Worker(new URL("gaizao/plan-worker.js", import.meta.url), { type: "module" });

import type { AuditPage, AuditQuery, GridRead, Lang, Mapping, PlanRead, PlanRowDetail, PlanSummary, RowQuery, RowsPage, Vocabulary } from "./plan.js";
import type { ErrorReport, ManifestEntry } from "./types.js";

/** A request: `id` is echoed back with the answer. */
export type PlanRequest = { id: unknown } & (
  | { type: "init" }
  | { type: "open"; policy: string; file?: Blob; bytes?: ArrayBuffer; name?: string; mapping?: Mapping | null; options?: object | null }
  | { type: "paste"; policy: string; text: string; mapping?: Mapping | null; options?: object | null }
  | { type: "reread"; policy: string; mapping?: Mapping | null; options?: object | null }
  | { type: "vocabulary"; policy?: string }
  | { type: "rows"; query?: RowQuery }
  | { type: "locate"; row: number; query?: RowQuery }
  | { type: "audit"; query?: AuditQuery; lang?: Lang }
  | { type: "detail"; row: number; lang?: Lang }
  | { type: "export"; format: "xlsx" | "csv"; sheet?: "detail" | "summary" | "audit" }
  | { type: "memory" }
);

/** Milliseconds spent in each step of an open. */
export interface Timings {
  load?: number;
  grid?: number;
  rows?: number;
  assess?: number;
  total?: number;
}

/** The result of open, paste and reread. */
export interface Opened {
  grid: GridRead;
  plan: PlanRead;
  summary: PlanSummary;
  timings: Timings;
}

/** What each request type answers with. */
export interface PlanResults {
  init: { builtIn: ManifestEntry[]; maxFileBytes: number };
  open: Opened;
  paste: Opened;
  reread: Opened;
  vocabulary: Vocabulary;
  rows: RowsPage;
  locate: { position: number | null; matching: number };
  audit: AuditPage;
  detail: PlanRowDetail;
  export: { blob: Blob; bytes: number };
  memory: number;
}

/** An answer, or progress on the way to it. */
export type PlanMessage =
  | { id: unknown; ok: true; result: PlanResults[keyof PlanResults] }
  | { id: unknown; ok: false; error: ErrorReport[] }
  | { id: unknown; progress: { stage: "pack" | "load" | "grid" | "rows" | "assess"; done: number; total: number } };
