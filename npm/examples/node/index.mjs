// gaizao in Node as an ES module:  npm install gaizao && node index.mjs
// Everything runs locally in WebAssembly: no network access, nothing is sent anywhere.
import { Calculator } from "gaizao";

const calc = await Calculator.create();

// The built-in policy packs the package ships (loaded on demand).
for (const p of calc.builtIn()) {
  console.log(`${p.id.padEnd(28)} ${p.documentNumber}  ${p.name.zh}`);
}

// Load one jurisdiction (its national base comes with it).
await calc.loadBuiltin("sichuan-panzhihua-2018");

// Is a compound eligible under Panzhihua's 2018 plan, and what is still missing?
const eligibility = calc.check("sichuan-panzhihua-2018", {
  builtYear: 1995,
  housingType: "nonCommodity",
  facilitiesDeficient: true,
}, { lang: "zh" });
console.log(`\nverdict: ${eligibility.verdict}; still to provide: ${eligibility.toProvide.join(", ")}`);
console.log(eligibility.texts.zh.summary);

// What does 1000 m² of greening cost, and who pays? Amounts come back as strings in 元.
const result = calc.estimate("sichuan-panzhihua-2018", {
  estate: { households: 200 },
  items: [{ item: "greening", quantity: 1000, unitPrice: "85.5" }],
}, { lang: "zh" });
console.log(`\ntotal ${result.total} (per household ${result.perHousehold})`);
for (const share of result.shares) {
  console.log(`  ${share.party.padEnd(10)} ${share.amount.padStart(10)}  ${share.texts.zh} (${share.basis})`);
}

// Bad input throws a GaizaoError with a stable code, the field, and messages in both languages.
try {
  calc.estimate("atlantis", {});
} catch (e) {
  console.log(`\n${e.name} ${e.code}: ${e.messageZh} / ${e.messageEn}`);
}
