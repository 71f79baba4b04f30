#!/usr/bin/env bash
# Builds the npm package into pkg/:
#   pkg/wasm/         the resident WebAssembly module (crates/wasm, wasm-pack --target web)
#   pkg/plan/         the planning Worker's module (crates/plan-wasm: cargo with [profile.plan-wasm],
#                     wasm-bindgen --target web, wasm-opt -O3), and pkg/plan.js, pkg/plan-worker.js
#   pkg/policies/     every pack file exactly as published, index.json (the manifest: id, names,
#                     base, size, SHA-256) and index.js (their URLs, for bundlers)
#   pkg/gaizao.js     the Calculator (npm/js/gaizao.js) and gaizao.d.ts / types.d.ts
#   pkg/package.json, README.md, LICENSE, integrity.json (SRI hashes of every file)
# Needs scripts/setup.sh to have run (wasm target, the pinned nightly with rust-src, wasm-pack,
# wasm-bindgen-cli, binaryen's wasm-opt).
# Idempotent: pkg/ is removed and rebuilt from scratch every time.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

rm -rf pkg
mkdir -p pkg
target="${CARGO_TARGET_DIR:-target}"
WASM_OPT_FLAGS=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals)

# The resident module, which has a size budget (issue #7): built on the pinned nightly that
# scripts/setup.sh installs, with the standard library rebuilt for it and panics compiled to a
# bare trap (`-Cpanic=immediate-abort`): no panic message formatting, no unwinding tables —
# about 7 KB gzipped less. Nothing a caller sees changes: no input path panics (house rule), and
# a panic was a trap already (wasm32 aborts). The standard library is built with its
# `optimize_for_size` feature (smaller variants of its sorts, searches and number formatting,
# same results): about 0.9 KB gzipped less. Its own target directory, so that the nightly's
# artefacts never mix with the stable ones. GAIZAO_STABLE_WASM=1, or a machine without the
# pinned nightly, builds it with stable wasm-pack as before (a few KB larger, same behaviour).
NIGHTLY="nightly-2026-05-20"   # must equal NIGHTLY in scripts/setup.sh and scripts/fuzz.sh
if [ "${GAIZAO_STABLE_WASM:-}" != 1 ] && rustup run "$NIGHTLY" rustc --print sysroot >/dev/null 2>&1 \
   && [ -d "$(rustup run "$NIGHTLY" rustc --print sysroot)/lib/rustlib/src/rust/library" ]; then
  # LLVM's inliner at threshold 0 (it still inlines what a call would cost more than): −0.1 KB
  # gzipped, −0.4 KB brotli. No source locations in the module (-Zlocation-detail=none: a panic
  # is a bare trap here, so none was ever shown): −0.3 KB.
  CARGO_TARGET_DIR="$target/resident-nightly" \
    RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Cllvm-args=-inline-threshold=0 -Zlocation-detail=none" \
    cargo "+$NIGHTLY" build --quiet --release --target wasm32-unknown-unknown \
    -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size -p gaizao-wasm
  wasm-bindgen --target web --out-dir pkg/wasm --out-name gaizao \
    "$target/resident-nightly/wasm32-unknown-unknown/release/gaizao_wasm.wasm"
  # -Oz until nothing more shrinks (--converge), told two things true of this module: its memory
  # starts zeroed (it is the module's own, not imported), and the low 1 KB of it is never used
  # (Rust puts the 1 MB stack first, growing down towards 0; the data and the heap lie above):
  # about 1.6 KB gzipped less. And it inlines a function with one caller only when that function
  # is tiny (-ocimfs=10 bytes; by default any size): merging the core's single-use steps into
  # their callers made a few huge functions that compress worse than the pieces — 6.4 KB gzipped
  # and 4.4 KB brotli less (values 0–1,500 tried; 5–15 are best), for about 5% more time per
  # check + estimate. The stable fallback below keeps wasm-pack's -Oz.
  wasm-opt -Oz --converge -ocimfs=10 --zero-filled-memory --low-memory-unused "${WASM_OPT_FLAGS[@]}" \
    pkg/wasm/gaizao_bg.wasm -o pkg/wasm/gaizao_bg.wasm
else
  echo "build-wasm: $NIGHTLY (with rust-src) missing or GAIZAO_STABLE_WASM=1: resident module built on stable (over its size budget)" >&2
  # `wasm-pack build crates/wasm` alone gives the same module; these flags only place it.
  wasm-pack --quiet build --release --no-pack --target web --out-dir ../../pkg/wasm --out-name gaizao crates/wasm
  rm -f pkg/wasm/.gitignore pkg/wasm/package.json pkg/wasm/README.md
fi

# The planning module: built for speed (opt-level 3), apart from the resident one, which must
# stay small and never links the sheet readers. wasm-pack has no custom profiles, hence the steps.
cargo build --quiet --profile plan-wasm --target wasm32-unknown-unknown -p gaizao-plan-wasm
wasm-bindgen --target web --out-dir pkg/plan --out-name gaizao_plan \
  "$target/wasm32-unknown-unknown/plan-wasm/gaizao_plan_wasm.wasm"
wasm-opt -O3 "${WASM_OPT_FLAGS[@]}" pkg/plan/gaizao_plan_bg.wasm -o pkg/plan/gaizao_plan_bg.wasm

# The manifest comes from the core itself (it validates every pack while hashing it).
cargo build --quiet -p gaizao-cli
mkdir -p pkg/policies
packs=$(ls policies/*.json)
target/debug/gaizao index $packs > pkg/policies/index.json
cp $packs pkg/policies/

node scripts/package.mjs
echo "built pkg/ (gaizao $(node -p 'require("./pkg/package.json").version')): $(ls pkg | tr '\n' ' ')"
