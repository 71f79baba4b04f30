#!/usr/bin/env bash
# Installs everything a fresh machine lacks to build and test gaizao, skipping what is already there.
# Idempotent: a second run takes a few seconds. See ../shared/toolchain-notes.md for why each tool
# comes from where it does (only the package registries are reachable here).
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION="0.2.130"   # must equal the `wasm-bindgen = "=…"` pin in Cargo.toml
WASM_PACK_VERSION="0.15.1"
NIGHTLY="nightly-2026-05-20"     # must equal NIGHTLY in scripts/build-wasm.sh and scripts/fuzz.sh
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The pinned nightly that builds the resident wasm module (scripts/build-wasm.sh: -Zbuild-std and
# -Cpanic=immediate-abort, for its size budget): only its compiler and the standard library's
# source, which build-std compiles for wasm32. Without it build-wasm.sh falls back to stable.
if ! rustup run "$NIGHTLY" rustc -V >/dev/null 2>&1 \
   || [ ! -d "$(rustup run "$NIGHTLY" rustc --print sysroot)/lib/rustlib/src/rust/library" ]; then
  say "installing $NIGHTLY with rust-src (about 30 s)"
  rustup toolchain install "$NIGHTLY" --profile minimal --component rust-src
fi

if [ "$(wasm-pack --version 2>/dev/null || true)" != "wasm-pack $WASM_PACK_VERSION" ]; then
  say "installing wasm-pack $WASM_PACK_VERSION (about 2.5 min)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --force
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2.5 min)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# Chromium for the wasm and page tests; a CJK font so that screenshots show Chinese text.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
   || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  say "installing Debian's chromium, chromium-driver and fonts-noto-cjk"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dev tools (binaryen's wasm-opt, playwright-core, axe-core, SheetJS for reading exports back)"
  npm ci --no-audit --no-fund
fi
say "ready"
