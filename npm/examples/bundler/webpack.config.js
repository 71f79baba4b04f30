// webpack 5 understands the package's default (bundler) build as is: it imports gaizao_bg.wasm as
// a module, which webpack supports with `experiments.asyncWebAssembly`.
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

export default {
  mode: "production",
  entry: "./src/index.js",
  output: { path: path.join(here, "dist"), filename: "main.js", clean: true },
  experiments: { asyncWebAssembly: true },
  devServer: { static: here },
};
