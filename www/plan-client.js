// The planning page's side of the Worker protocol (pkg/plan-worker.js): one request, one
// promise, progress reports on the way. Presentation only, like the rest of the page.

/** Requests to the Worker and their answers (see the protocol in pkg/plan-worker.js). */
export class Client {
  #worker;
  #next = 1;
  #pending = new Map();

  constructor(url) {
    this.#worker = new Worker(url, { type: 'module' });
    this.#worker.addEventListener('message', (e) => {
      const { id, ok, result, error, progress } = e.data ?? {};
      const p = this.#pending.get(id);
      if (!p) return;
      if (progress) {
        p.onProgress?.(progress);
        return;
      }
      this.#pending.delete(id);
      if (ok) p.resolve(result);
      else p.reject(Object.assign(new Error('planner'), { problems: error }));
    });
    this.#worker.addEventListener('error', (e) => {
      e.preventDefault();
      const problems = [{ code: 'internal', message: { zh: `计划模块未能载入（${e.message ?? ''}）`, en: `The planning module did not load (${e.message ?? ''})` } }];
      for (const p of this.#pending.values()) p.reject(Object.assign(new Error('planner'), { problems }));
      this.#pending.clear();
    });
  }

  call(type, args = {}, { onProgress, transfer } = {}) {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress });
      this.#worker.postMessage({ id, type, ...args }, transfer ?? []);
    });
  }
}
