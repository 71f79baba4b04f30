#!/usr/bin/env bash
# Runs the cargo-fuzz targets of fuzz/ (libFuzzer, nightly), each for the given time:
#   bash scripts/fuzz.sh [seconds per target, default 10] [target …]
# Targets: read_estate read_scenario read_pack check estimate (all when none is named).
# Installs cargo-fuzz and the nightly toolchain when missing (idempotent). Seeds each corpus
# (fuzz/corpus/<target>, kept between runs, not committed) from tests/vectors and policies/.
# Built with debug assertions (overflow checks on: a wrapped integer is a crash, not a figure)
# and without a sanitizer (the core forbids unsafe code; speed buys more executions).
# Prints one line per target: `fuzz <target>: <execs> execs in <s> s, <n> corpus entries, ok`,
# and fails on the first crash, leaving the input in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

secs=${1:-10}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(read_estate read_scenario read_pack check estimate)

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null 2>&1 || cargo install --locked cargo-fuzz

# Seeds: the inputs of the shared vectors (estates for check, scenarios for estimate) and the packs.
python3 - <<'PY'
import json, os, glob
os.makedirs("fuzz/corpus", exist_ok=True)
def put(target, name, text):
    d = os.path.join("fuzz/corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + name), "w", encoding="utf-8") as f:
        f.write(text)
for path in sorted(glob.glob("tests/vectors/*.json")):
    v = json.load(open(path, encoding="utf-8"))
    name = os.path.basename(path)
    text = json.dumps(v.get("input", {}), ensure_ascii=False)
    if v.get("call") == "checkEligibility":
        put("read_estate", name, text); put("check", name, text)
    elif v.get("call") == "estimate":
        put("read_scenario", name, text); put("estimate", name, text)
        est = v.get("input", {}).get("estate")
        if isinstance(est, dict):
            put("read_estate", name, json.dumps(est, ensure_ascii=False))
for path in sorted(glob.glob("policies/*.json")):
    put("read_pack", os.path.basename(path), open(path, encoding="utf-8").read())
PY

flags=(--release --debug-assertions --sanitizer none)
cargo +nightly fuzz build "${flags[@]}" --fuzz-dir fuzz >/dev/null

status=0
for t in "${targets[@]}"; do
  max_len=16384
  [ "$t" = read_pack ] && max_len=200000
  log=$(mktemp -t "gaizao-fuzz-$t.XXXXXX")
  start=$SECONDS
  if cargo +nightly fuzz run "${flags[@]}" --fuzz-dir fuzz "$t" -- \
      -max_total_time="$secs" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
      -dict=fuzz/gaizao.dict -print_final_stats=1 >"$log" 2>&1; then
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    corpus=$(ls "fuzz/corpus/$t" | wc -l)
    echo "fuzz $t: ${execs:-?} execs in $((SECONDS - start)) s, $corpus corpus entries, ok"
  else
    echo "fuzz $t: FAILED after $((SECONDS - start)) s" >&2
    grep -E 'panicked|ERROR|SUMMARY|Test unit written|artifact' "$log" | head -20 >&2
    status=1
  fi
  rm -f "$log"
done
exit $status
