#!/usr/bin/env bash
# Runs every test of gaizao on this machine, installing what is missing first (idempotent).
#   1. set-up (scripts/setup.sh)           4. the npm package: build, types, size, pack list, Node
#   2. Rust: unit, worked examples,        5. wasm tests in Node and headless Chromium
#      thresholds, properties, CLI,        6. the calculator and planning pages in Chromium (playwright-core)
#      shared vectors, README examples,    7. fuzz smoke: each cargo-fuzz target for 5 s
#      structure-aware fuzzing (32 cases)     (scripts/fuzz.sh, nightly)
# Every step runs even when an earlier one fails; the last line counts them.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

passed=0; failed=0; failures=()
step() {
  local name="$1"; shift
  printf '\n==> %s\n' "$name"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1)); printf '==> %s: ok (%ss)\n' "$name" $((SECONDS - start))
  else
    failed=$((failed + 1)); failures+=("$name"); printf '==> %s: FAILED (%ss)\n' "$name" $((SECONDS - start))
  fi
}

bash scripts/setup.sh || { echo "set-up failed"; echo "steps: 0 passed, 1 failed"; exit 1; }

step "rust tests (cargo test)" cargo test --workspace --all-targets --quiet
step "npm package and wasm tests (scripts/test-wasm.sh)" bash scripts/test-wasm.sh
# Smoke runs of the fuzzers (the structure-aware ones run inside the steps above: 32 cases per
# property natively, 200 cases through the package in Node); a long run is described in fuzz/README.md.
step "fuzz smoke (scripts/fuzz.sh 5: 6 targets × 5 s)" bash scripts/fuzz.sh 5
step "calculator and planning page tests (tests/e2e)" bash -c 'bash scripts/serve.sh --prepare-only && node --test --test-concurrency=1 tests/e2e/'

printf '\n'
for f in "${failures[@]}"; do echo "failed: $f"; done
echo "steps: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
