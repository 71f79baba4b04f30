#!/usr/bin/env bash
# Builds the npm package and tests it everywhere it runs, stopping at the first failure:
#   1. scripts/build-wasm.sh                 pkg/: wasm modules (resident, planning), pack files +
#                                            manifest, JS entries, types
#   2. scripts/check-dts.mjs                 npm/types.d.ts current; every vector type-checks; the
#                                            gaizao/plan declarations resolve
#   3. scripts/size-budget.mjs               gzipped sizes against their budgets (both modules)
#   4. tests/node/package.test.mjs           npm pack file list; the tarball installed and resolved;
#                                            packs on demand; loadPolicy identity; the Node and
#                                            plain-page examples run (the page in Chromium)
#   5. tests/node/*.test.mjs (others)        the shared vectors, hostile values (robustness) and 200
#                                            structure-aware cases (fuzz) through the package; the
#                                            Planner (plan.test.mjs) against the CLI
#   6. wasm-pack test --node                 crates/wasm/tests/wasm.rs: vectors + malformed calls
#   7. wasm-pack test --headless --chrome    the same in Chromium
# Idempotent: pkg/ is rebuilt from scratch, scratch files go to temporary directories.
# Needs scripts/setup.sh to have run (wasm target, wasm-pack, wasm-bindgen-cli, wasm-opt, chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }
log=$(mktemp -t gaizao-wasm-test.XXXXXX)
trap 'rm -f "$log"' EXIT

# wasm-pack test runs `cargo test` for wasm32 in the bindings crate; only its tests/wasm.rs is a wasm test.
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
  if [ -z "$passed" ] || [ "$passed" -lt 2 ]; then
    echo "test-wasm: the $where run did not report the wasm tests as passed" >&2
    exit 1
  fi
  echo "test-wasm: $passed wasm tests passed in $where"
}

step "build the package (scripts/build-wasm.sh)"
bash scripts/build-wasm.sh

step "TypeScript declarations (scripts/check-dts.mjs)"
node scripts/check-dts.mjs

step "size budgets (scripts/size-budget.mjs)"
node scripts/size-budget.mjs

step "npm package: packed files, install, exports, packs on demand, examples (tests/node/package.test.mjs)"
GAIZAO_REQUIRE_BROWSER=1 node --test tests/node/package.test.mjs

step "the shared vectors and hostile inputs through the package (tests/node)"
node --test $(ls tests/node/*.test.mjs | grep -v package.test.mjs)

step "wasm-pack test --node (crates/wasm/tests/wasm.rs)"
env -u WASM_BINDGEN_USE_BROWSER wasm-pack test --node "${WASM_TEST_ARGS[@]}" 2>&1 | tee "$log"
expect_ran "Node"

step "wasm-pack test --headless --chrome (crates/wasm/tests/wasm.rs)"
chromedriver_args=()
if [ -x /usr/bin/chromedriver ]; then chromedriver_args=(--chromedriver /usr/bin/chromedriver); fi
# tests/wasm.rs does not pin itself to the browser (so that the Node run works too): this variable
# makes the runner use the browser; without it `--chrome` would skip the suite and still succeed.
WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome "${chromedriver_args[@]}" "${WASM_TEST_ARGS[@]}" 2>&1 | tee "$log"
expect_ran "Chrome"

printf '\ntest-wasm: all steps passed\n'
