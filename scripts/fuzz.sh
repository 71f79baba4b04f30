#!/usr/bin/env bash
# Runs the cargo-fuzz targets of fuzz/ (libFuzzer, the pinned nightly), each for the given time:
#   bash scripts/fuzz.sh [seconds per target, default 10] [target …]
# Targets: read_estate read_scenario read_pack check estimate read_plan (all when none is named).
# Installs cargo-fuzz and the nightly toolchain when missing (idempotent). Seeds each corpus
# (fuzz/corpus/<target>, kept between runs, not committed) from tests/vectors, policies/ and the
# annex fixtures (read_plan: a first byte choosing the file name, then the file).
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
[ ${#targets[@]} -gt 0 ] || targets=(read_estate read_scenario read_pack check estimate read_plan)

# The same pinned nightly as the resident module's build (scripts/setup.sh installs it): one
# toolchain to fetch on a fresh machine, and a smoke run that does not move with nightly.
NIGHTLY="nightly-2026-05-20"   # must equal NIGHTLY in scripts/setup.sh and scripts/build-wasm.sh
rustup toolchain list | grep -q "^$NIGHTLY" || rustup toolchain install "$NIGHTLY" --profile minimal
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
# read_plan: byte 0 picks the name (0 xlsx, 1 xls, 2 ods, 3 csv, 4 tsv, 5 none), then the file.
import io, zipfile
def put_bytes(target, name, data):
    d = os.path.join("fuzz/corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)
for pick, path in [(1, "tests/fixtures/plan/annex.xls"), (2, "tests/fixtures/plan/annex.ods"),
                   (3, "examples/panzhihua-annex1.csv")]:
    put_bytes("read_plan", os.path.basename(path), bytes([pick]) + open(path, "rb").read())
rows = [["序号", "小区名称", "县(区)", "建成时间", "户数", "预计投资(万元)", "改造年度"],
        ["1", "甲小区", "东区", "1990", "100", "200", "2019"],
        ["2", "乙小区", "西区", "1980年代", "", "", "2019"], ["合计", "", "", "", "100", "200", ""]]
def cell(r, c, v):
    ref = "ABCDEFG"[c] + str(r + 1)
    if v.isdigit():
        return f'<c r="{ref}"><v>{v}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>'
sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
         + "".join(f'<row r="{r + 1}">' + "".join(cell(r, c, v) for c, v in enumerate(row) if v) + "</row>" for r, row in enumerate(rows))
         + '</sheetData><mergeCells count="1"><mergeCell ref="G2:G3"/></mergeCells></worksheet>')
parts = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="附件1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": sheet,
}
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in parts.items():
        z.writestr(name, text)
put_bytes("read_plan", "annex-small.xlsx", bytes([0]) + buf.getvalue())
put_bytes("read_plan", "pasted.tsv", bytes([4]) + "\n".join("\t".join(r) for r in rows).encode())
PY

flags=(--release --debug-assertions --sanitizer none)
cargo +"$NIGHTLY" fuzz build "${flags[@]}" --fuzz-dir fuzz >/dev/null

status=0
for t in "${targets[@]}"; do
  max_len=16384
  [ "$t" = read_pack ] && max_len=200000
  [ "$t" = read_plan ] && max_len=65536
  log=$(mktemp -t "gaizao-fuzz-$t.XXXXXX")
  start=$SECONDS
  if cargo +"$NIGHTLY" fuzz run "${flags[@]}" --fuzz-dir fuzz "$t" -- \
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
