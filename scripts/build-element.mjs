#!/usr/bin/env node
// Bundles <gaizao-calculator> (npm/element/) with the package's Calculator (npm/js/gaizao.js)
// and the wasm-bindgen glue into one ES module, pkg/element.js, with esbuild: a page needs one
// <script type="module"> and loads no further JS module (no waterfall). Called by
// scripts/package.mjs after the wasm build; needs pkg/wasm/ and pkg/policies/index.json.
//
// Inside the bundle the wasm and pack files are still found with `new URL(…, import.meta.url)`,
// now relative to pkg/element.js: ./wasm/gaizao_bg.wasm and ./policies/<file>. The manifest
// (policies/index.json) is compiled in, so the element starts without fetching it.
import path from "node:path";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pkg = path.join(root, "pkg");

export async function buildElement({ minify = true } = {}) {
  const manifestText = fs.readFileSync(path.join(pkg, "policies/index.json"), "utf8");
  const manifest = JSON.parse(manifestText);
  const wiring = {
    name: "gaizao-package",
    setup(b) {
      b.onResolve({ filter: /^gaizao:manifest$/ }, () => ({ path: "manifest", namespace: "gaizao" }));
      b.onResolve({ filter: /^\.\/policies\/index\.js$/ }, () => ({ path: "policies", namespace: "gaizao" }));
      b.onResolve({ filter: /^\.\/wasm\/gaizao\.js$/ }, () => ({ path: path.join(pkg, "wasm/gaizao.js") }));
      // The stylesheet, minified, as a string (adopted into the shadow root).
      b.onLoad({ filter: /\.css$/ }, async (args) => {
        const css = await esbuild.transform(fs.readFileSync(args.path, "utf8"), { loader: "css", minify });
        return { contents: `export default ${JSON.stringify(css.code)};`, loader: "js" };
      });
      b.onLoad({ filter: /.*/, namespace: "gaizao" }, (args) => {
        if (args.path === "manifest") return { contents: `export default ${JSON.stringify(JSON.stringify(JSON.parse(manifestText)))};`, loader: "js" };
        const lines = manifest.packs.map((p) => `  ${JSON.stringify(p.file)}: () => new URL(${JSON.stringify(`./policies/${p.file}`)}, import.meta.url),`);
        return {
          contents: `export const files = {\n${lines.join("\n")}\n};\nexport const index = () => new URL("./policies/index.json", import.meta.url);\n`,
          loader: "js",
        };
      });
    },
  };
  const result = await esbuild.build({
    entryPoints: [path.join(root, "npm/element/element.js"), path.join(root, "npm/element/element-en.js")],
    bundle: true,
    format: "esm",
    target: ["es2022", "chrome100", "firefox100", "safari16"],
    minify,
    legalComments: "none",
    plugins: [wiring],
    // The Node-only branch of npm/js/gaizao.js (reading files from disk) is never taken in a
    // browser; its dynamic import stays as it is.
    external: ["node:fs/promises"],
    // The English words (npm/element/element-en.js, imported when a page shows English) are a
    // file of their own, pkg/element-en.js: a Chinese page never downloads them.
    splitting: true,
    outdir: pkg,
    entryNames: "[name]",
    chunkNames: "element-[name]-[hash]",
    metafile: true,
    logLevel: "warning",
  });
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await buildElement();
  for (const [file, out] of Object.entries(r.metafile.outputs)) console.log(`built ${path.relative(root, file)} (${out.bytes} bytes)`);
}
