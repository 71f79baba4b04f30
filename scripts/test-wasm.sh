#!/usr/bin/env bash
# Builds the npm package and tests it everywhere it runs, stopping at the first failure:
#   1. scripts/build-wasm.sh            pkg/{bundler,web,nodejs} + package.json
#   2. scripts/check-dts.mjs            generated .d.ts == reviewed npm/gaizao.d.ts
#   3. scripts/size-budget.mjs          gzipped .wasm ≤ 150 KB
#   4. tests/node/package.test.mjs      npm pack file list; the tarball installed and resolved through
#                                       "exports" (import, require, gaizao/web); the Node and plain-page
#                                       examples run (the page in Chromium)
#   5. tests/node/vectors.test.mjs      the shared vectors through the nodejs, web and bundler glue
#      tests/node/robustness.test.mjs   hostile values through the Calculator, the fuzzing issue's cases
#      tests/node/fuzz.test.mjs         200 structure-aware cases (examples/fuzz_corpus.rs) through the Calculator
#   6. wasm-pack test --node            crates/wasm/tests/wasm.rs: vectors + malformed values through the exports
#   7. wasm-pack test --headless --chrome   the same in Chromium
# Idempotent: pkg/ is rebuilt from scratch, scratch files go to temporary directories.
# SIZE_BUDGET=warn reports the size figures without failing (e.g. while the module is being shrunk).
# Needs scripts/setup.sh to have run (wasm target, wasm-pack, wasm-bindgen-cli, wasm-opt, chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }
log=$(mktemp -t gaizao-wasm-test.XXXXXX)
trap 'rm -f "$log"' EXIT

# wasm-pack test runs `cargo test` for wasm32 in the bindings crate; only its crates/wasm/tests/wasm.rs is a wasm test.
WASM_TEST_ARGS=(crates/wasm --test wasm)

# Fails unless the wasm-bindgen test runner really ran the tests (it skips suites silently when
# the environment does not match, e.g. a browser run of a suite configured for Node).
expect_ran() {
  local where=$1
  if grep -qiE "skipping|only configured to run" "$log"; then
    echo "test-wasm: the $where run skipped the tests" >&2
    exit 1
  fi
  local passed
  passed=$(sed -n 's/^test result: ok\. \([0-9][0-9]*\) passed.*/\1/p' "$log" | tail -1)
  if [ -z "$passed" ] || [ "$passed" -lt 3 ]; then
    echo "test-wasm: the $where run did not report the wasm tests as passed" >&2
    exit 1
  fi
  echo "test-wasm: $passed wasm tests passed in $where"
}

step "build the package (scripts/build-wasm.sh)"
bash scripts/build-wasm.sh

step "TypeScript declarations (scripts/check-dts.mjs)"
node scripts/check-dts.mjs

step "size budget (scripts/size-budget.mjs)"
if [ "${SIZE_BUDGET:-enforce}" = warn ]; then
  node scripts/size-budget.mjs || echo "test-wasm: size budget exceeded (SIZE_BUDGET=warn: not failing)"
else
  node scripts/size-budget.mjs
fi

step "npm package: packed files, install, exports, examples (tests/node/package.test.mjs)"
GAIZAO_REQUIRE_BROWSER=1 node --test tests/node/package.test.mjs

step "shared vectors and malformed arguments through the published JS glue (tests/node)"
node --test tests/node/vectors.test.mjs tests/node/robustness.test.mjs tests/node/fuzz.test.mjs

step "wasm-pack test --node (crates/wasm/tests/wasm.rs)"
env -u WASM_BINDGEN_USE_BROWSER wasm-pack test --node "${WASM_TEST_ARGS[@]}" 2>&1 | tee "$log"
expect_ran "Node"

step "wasm-pack test --headless --chrome (crates/wasm/tests/wasm.rs)"
chromedriver_args=()
if [ -x /usr/bin/chromedriver ]; then chromedriver_args=(--chromedriver /usr/bin/chromedriver); fi
# crates/wasm/tests/wasm.rs does not pin itself to the browser (so that the Node run works too): this variable
# makes the runner use the browser; without it `--chrome` would skip the suite and still succeed.
WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome "${chromedriver_args[@]}" "${WASM_TEST_ARGS[@]}" 2>&1 | tee "$log"
expect_ran "Chrome"

printf '\ntest-wasm: all steps passed\n'
