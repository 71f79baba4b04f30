// webpack 5 needs nothing special: it emits the wasm and the pack files that the package references
// with `new URL("…", import.meta.url)` as assets, and supports the top-level await of index.js.
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

export default {
  mode: "production",
  entry: "./src/index.js",
  output: { path: path.join(here, "dist"), filename: "main.js", clean: true },
  devServer: { static: here },
};
