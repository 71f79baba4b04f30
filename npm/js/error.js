// The one error class of the package. The calculator (./gaizao.js) and the planner (./plan.js)
// both throw it, so `e instanceof GaizaoError` holds whichever part of the package threw, and a
// page that uses both handles their errors with one `catch`.

/** What every call throws: an `Error` with the first problem's code, field and both messages,
 * and every problem found, in the core's words. */
export class GaizaoError extends Error {
  /** @param {Array<{code: string, field?: string, message: {zh: string, en: string}}>} problems */
  constructor(problems) {
    const first = problems[0] ?? { code: "internal", message: { zh: "未知错误", en: "Unknown error" } };
    super(`${first.message.zh} / ${first.message.en}`);
    this.name = "GaizaoError";
    this.code = first.code;
    this.field = first.field;
    this.messageZh = first.message.zh;
    this.messageEn = first.message.en;
    this.problems = problems;
  }
}

/** The two ways a wrapper makes a GaizaoError, given its module's `inputProblem` (each wasm
 * module words its own problems, so that every message still comes from the core):
 * `problem(code, field, detail)` for a problem found before a call reaches the module, and
 * `rethrow(e)` for whatever the module threw (a JSON text of reports, or a JS exception, which
 * becomes an internal failure). */
export function errorsOf(inputProblem) {
  const problem = (code, field, detail = "") => new GaizaoError(JSON.parse(inputProblem(code, field, String(detail))));
  const rethrow = (e) => {
    if (e instanceof GaizaoError) return e;
    if (typeof e === "string") {
      try {
        const problems = JSON.parse(e);
        if (Array.isArray(problems) && problems.length) return new GaizaoError(problems);
      } catch {
        // not a report list: fall through
      }
    }
    const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return problem("internal", "", detail);
  };
  return { problem, rethrow };
}
