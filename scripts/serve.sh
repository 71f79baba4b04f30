#!/usr/bin/env bash
# Prepares and serves the resident-facing page (www/) on http://127.0.0.1:${PORT:-8080}/.
#   1. scripts/setup.sh        — installs the toolchain (idempotent, seconds when done);
#   2. scripts/build-wasm.sh   — only if pkg/web is missing or older than anything in src/,
#                                crates/, policies/, Cargo.toml or Cargo.lock;
#   3. copies pkg/web to www/pkg (build output, gitignored);
#   4. node scripts/serve.mjs  — static server with the page's CSP on every response.
# `--prepare-only` stops after step 3 (used by `npm run test:e2e`).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

stamp=pkg/web/gaizao_bg.wasm
if [ ! -f "$stamp" ] || [ ! -f pkg/web/gaizao.js ] \
   || [ -n "$(find src crates policies Cargo.toml Cargo.lock -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  echo "[serve] building the wasm package (pkg/ is missing or older than the sources)"
  bash scripts/build-wasm.sh
else
  echo "[serve] pkg/ is up to date"
fi

rm -rf www/pkg
mkdir -p www/pkg
cp pkg/web/gaizao.js pkg/web/gaizao_bg.wasm pkg/web/gaizao.d.ts www/pkg/
echo "[serve] copied pkg/web to www/pkg"

if [ "${1:-}" = "--prepare-only" ]; then
  exit 0
fi
exec node scripts/serve.mjs
