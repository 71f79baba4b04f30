#!/usr/bin/env bash
# Builds the npm package into pkg/:
#   pkg/wasm/         the resident WebAssembly module (crates/wasm, wasm-pack --target web)
#   pkg/plan/         the planning Worker's module (crates/plan-wasm: cargo with [profile.plan-wasm],
#                     wasm-bindgen --target web, wasm-opt -O3), and pkg/plan.js, pkg/plan-worker.js
#   pkg/policies/     every pack file exactly as published, index.json (the manifest: id, names,
#                     base, size, SHA-256) and index.js (their URLs, for bundlers)
#   pkg/gaizao.js     the Calculator (npm/js/gaizao.js) and gaizao.d.ts / types.d.ts
#   pkg/package.json, README.md, LICENSE, integrity.json (SRI hashes of every file)
# Needs scripts/setup.sh to have run (wasm target, wasm-pack, wasm-bindgen-cli, binaryen's wasm-opt).
# Idempotent: pkg/ is removed and rebuilt from scratch every time.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

rm -rf pkg
mkdir -p pkg
# `wasm-pack build crates/wasm` alone gives the same module; these flags only place it.
wasm-pack --quiet build --release --no-pack --target web --out-dir ../../pkg/wasm --out-name gaizao crates/wasm
rm -f pkg/wasm/.gitignore pkg/wasm/package.json pkg/wasm/README.md

# The planning module: built for speed (opt-level 3), apart from the resident one, which must
# stay small and never links the sheet readers. wasm-pack has no custom profiles, hence the steps.
target="${CARGO_TARGET_DIR:-target}"
cargo build --quiet --profile plan-wasm --target wasm32-unknown-unknown -p gaizao-plan-wasm
wasm-bindgen --target web --out-dir pkg/plan --out-name gaizao_plan \
  "$target/wasm32-unknown-unknown/plan-wasm/gaizao_plan_wasm.wasm"
wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  pkg/plan/gaizao_plan_bg.wasm -o pkg/plan/gaizao_plan_bg.wasm

# The manifest comes from the core itself (it validates every pack while hashing it).
cargo build --quiet -p gaizao-cli
mkdir -p pkg/policies
packs=$(ls policies/*.json)
target/debug/gaizao index $packs > pkg/policies/index.json
cp $packs pkg/policies/

node scripts/package.mjs
echo "built pkg/ (gaizao $(node -p 'require("./pkg/package.json").version')): $(ls pkg | tr '\n' ' ')"
