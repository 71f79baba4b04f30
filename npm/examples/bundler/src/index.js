// A bundled app: `import … from "gaizao"` resolves to the package's entry. Bundlers (webpack 5,
// Vite) see its `new URL("…", import.meta.url)` references and emit the wasm and every pack file as
// assets; at run time the page downloads only the packs it loads.
import { Calculator } from "gaizao";

const calc = await Calculator.create();
await calc.loadBuiltin("sichuan-panzhihua-2018");
const result = calc.estimate("sichuan-panzhihua-2018", {
  estate: { households: 200 },
  items: [{ item: "greening", quantity: 1000, unitPrice: "85.5" }],
}, { lang: "zh" });

const out = document.getElementById("out");
out.textContent = [
  `total ${result.total}`,
  ...result.shares.map((s) => `${s.texts.zh} ${s.amount}`),
  `${calc.menu("sichuan-panzhihua-2018").categories.length} menu categories`,
].join("\n");
document.body.dataset.ready = "true";
