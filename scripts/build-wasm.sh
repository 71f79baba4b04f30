#!/usr/bin/env bash
# Builds the npm package into pkg/: one wasm-pack build per target (bundler, web, nodejs) from the
# same release compile, assembled under one package.json whose "exports" pick the right one.
# Needs scripts/setup.sh to have run (wasm target, wasm-pack, wasm-bindgen-cli, binaryen's wasm-opt).
# Idempotent: pkg/ is removed and rebuilt from scratch every time.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

rm -rf pkg
for target in bundler web nodejs; do
  wasm-pack --quiet build --release --no-pack --target "$target" --out-dir "../../pkg/$target" --out-name gaizao crates/wasm
  rm -f "pkg/$target/.gitignore" "pkg/$target/package.json"
done
# The top-level package.json says "type": "module" (bundler/ and web/ are ES modules), but the
# nodejs/ glue is CommonJS (require/exports): this nested package.json makes Node load it as such,
# for `require("gaizao")` and `import … from "gaizao"` alike.
printf '{\n  "type": "commonjs"\n}\n' > pkg/nodejs/package.json
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
sed "s/@VERSION@/$version/" npm/package.template.json > pkg/package.json
cp npm/README.md pkg/README.md
cp LICENSE pkg/LICENSE
echo "built pkg/ (gaizao $version): $(ls pkg)"
