#!/usr/bin/env bash
# Prepares and serves the calculator pages (www/) on http://127.0.0.1:${PORT:-8080}/.
#   1. scripts/setup.sh        — installs the toolchain (idempotent, seconds when done);
#   2. scripts/build-wasm.sh   — only if pkg/ is missing or older than anything in src/,
#                                crates/, policies/, Cargo.toml or Cargo.lock;
#      scripts/package.mjs     — only if npm/ (the element, the JS entry) is newer than pkg/;
#   3. copies pkg/ to www/pkg  (build output, gitignored);
#   4. node scripts/serve.mjs  — static server: the pages' CSP on every response, brotli/gzip.
# `--prepare-only` stops after step 3 (used by `npm run test:e2e`).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh

stamp=pkg/wasm/gaizao_bg.wasm
if [ ! -f "$stamp" ] || [ ! -f pkg/gaizao.js ] \
   || [ -n "$(find src crates policies Cargo.toml Cargo.lock -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  echo "[serve] building the wasm package (pkg/ is missing or older than the sources)"
  bash scripts/build-wasm.sh
elif [ ! -f pkg/element.js ] || [ -n "$(find npm scripts/package.mjs scripts/build-element.mjs -newer pkg/element.js -print -quit 2>/dev/null)" ]; then
  echo "[serve] repackaging (npm/ is newer than pkg/element.js)"
  node scripts/package.mjs
else
  echo "[serve] pkg/ is up to date"
fi

rm -rf www/pkg
cp -r pkg www/pkg
echo "[serve] copied pkg/ to www/pkg"

if [ "${1:-}" = "--prepare-only" ]; then
  exit 0
fi
exec node scripts/serve.mjs
