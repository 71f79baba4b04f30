// Run by vectors.test.mjs as `node --experimental-wasm-modules run-bundler-vectors.mjs`: imports
// pkg/bundler/gaizao.js (which imports gaizao_bg.wasm as a module, as a bundler would) and prints
// {count, failures} as JSON.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { pkg, checkVectors } from "./lib.mjs";

const api = await import(pathToFileURL(path.join(pkg, "bundler/gaizao.js")).href);
process.stdout.write(JSON.stringify(checkVectors(api)));
