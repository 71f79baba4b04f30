// A tiny static server for www/ (node:http, no dependencies). Every response carries the page's
// Content-Security-Policy, so the pages are developed and tested under the policy they ship with.
// Responses are compressed (brotli, else gzip, as the browser accepts; compressed once and kept
// in memory), and served with the right types (application/wasm for the module, so that
// WebAssembly.instantiateStreaming works).
//
//   node scripts/serve.mjs            → http://127.0.0.1:${PORT:-8080}/
//   import { start } from './serve.mjs'; const s = await start(0);   // random port (tests)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

export const ROOT = resolve(fileURLToPath(new URL('../www/', import.meta.url)));

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};
/** Types worth compressing (PNG is compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.txt', '.ts', '.md']);

let frameSrc = null; // start(port, {frameSrc}): origins a page may frame besides its own

function headers(type, length, extra = {}) {
  return {
    'Content-Type': type,
    'Content-Length': length,
    'Content-Security-Policy': frameSrc ? `${CSP}; frame-src 'self' ${frameSrc}` : CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
    ...extra,
  };
}

function send(res, status, text) {
  const body = Buffer.from(text, 'utf8');
  res.writeHead(status, headers('text/plain; charset=utf-8', body.length));
  res.end(body);
}

/** The encoding to use for this request: br, gzip or none (q=0 refuses one). */
export function pickEncoding(accept = '') {
  const offered = new Map();
  for (const part of String(accept).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    offered.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (n) => (offered.get(n) ?? offered.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return null;
}

const cache = new Map(); // file → { mtime, size, br, gzip }
function compressed(file, st, body, encoding) {
  let c = cache.get(file);
  if (!c || c.mtime !== st.mtimeMs || c.size !== st.size) {
    c = { mtime: st.mtimeMs, size: st.size };
    cache.set(file, c);
  }
  if (!c[encoding]) {
    c[encoding] = encoding === 'br'
      ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
      : gzipSync(body, { level: 9 });
  }
  return c[encoding];
}

async function handle(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  } catch {
    return send(res, 400, 'bad request');
  }
  if (path.includes('\0')) return send(res, 400, 'bad request');
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(ROOT, path));
  if (file !== ROOT && !file.startsWith(ROOT + sep)) return send(res, 403, 'forbidden');
  let body;
  let st;
  try {
    st = await stat(file);
    if (!st.isFile()) return send(res, 404, 'not found');
    body = await readFile(file);
  } catch {
    return send(res, 404, 'not found');
  }
  const ext = extname(file).toLowerCase();
  const type = MIME[ext] ?? 'application/octet-stream';
  const extra = {};
  if (COMPRESSIBLE.has(ext)) {
    extra.Vary = 'Accept-Encoding';
    const encoding = body.length > 512 ? pickEncoding(req.headers['accept-encoding']) : null;
    if (encoding) {
      body = compressed(file, st, body, encoding);
      extra['Content-Encoding'] = encoding;
    }
  }
  res.writeHead(200, headers(type, body.length, extra));
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Starts the server on 127.0.0.1:port (0 = a free port). Resolves to { server, port, url, close }.
 * `frameSrc(port)`: origins the pages may also frame (a portal that embeds the iframe route
 * from another origin adds the same `frame-src` to its own CSP; the tests use it). */
export function start(port = 8080, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const server = createServer((req, res) => {
      handle(req, res).catch(() => send(res, 500, 'internal error'));
    });
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const actual = server.address().port;
      frameSrc = options.frameSrc ? options.frameSrc(actual) : null;
      resolvePromise({
        server,
        port: actual,
        url: `http://127.0.0.1:${actual}/`,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { url } = await start(Number(process.env.PORT ?? 8080));
  console.log(`serving ${ROOT} at ${url}  (Ctrl-C to stop)`);
}
