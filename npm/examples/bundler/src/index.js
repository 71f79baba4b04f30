// A bundled app: `import … from "gaizao"` resolves to the package's bundler build, and the bundler
// loads the .wasm for you (no init call).
import { estimate, menu } from "gaizao";

const result = estimate("sichuan-panzhihua-2018", {
  estate: { households: 200 },
  items: [{ item: "greening", quantity: 1000, unitPrice: "85.5" }],
});

const out = document.getElementById("out");
out.textContent = [
  `total ${result.total}`,
  ...result.shares.map((s) => `${s.name.zh} ${s.amount}`),
  `${menu("sichuan-panzhihua-2018").categories.length} menu categories`,
].join("\n");
document.body.dataset.ready = "true";
