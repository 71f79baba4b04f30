// A tiny static server for www/ (node:http, no dependencies). Every response carries the page's
// Content-Security-Policy, so the page is developed and tested under the policy it ships with.
//
//   node scripts/serve.mjs            → http://127.0.0.1:${PORT:-8080}/
//   import { start } from './serve.mjs'; const s = await start(0);   // random port (tests)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
};

function headers(type, length) {
  return {
    'Content-Type': type,
    'Content-Length': length,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

function send(res, status, text) {
  const body = Buffer.from(text, 'utf8');
  res.writeHead(status, headers('text/plain; charset=utf-8', body.length));
  res.end(body);
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
  try {
    const st = await stat(file);
    if (!st.isFile()) return send(res, 404, 'not found');
    body = await readFile(file);
  } catch {
    return send(res, 404, 'not found');
  }
  const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
  res.writeHead(200, headers(type, body.length));
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Starts the server on 127.0.0.1:port (0 = a free port). Resolves to { server, port, url, close }. */
export function start(port = 8080) {
  return new Promise((resolvePromise, reject) => {
    const server = createServer((req, res) => {
      handle(req, res).catch(() => send(res, 500, 'internal error'));
    });
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const actual = server.address().port;
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
