// gaizao in Node as an ES module:  npm install gaizao && node index.mjs
// Everything runs locally in WebAssembly: no network access, nothing is sent anywhere.
import { policies, checkEligibility, estimate } from "gaizao";

// The built-in policy packs.
for (const p of policies()) {
  console.log(`${p.id.padEnd(28)} ${p.documentNumber}  ${p.name.zh}`);
}

// Is a compound eligible under Panzhihua's 2018 plan, and what is still missing?
const eligibility = checkEligibility("sichuan-panzhihua-2018", {
  builtYear: 1995,
  housingType: "nonCommodity",
  facilitiesDeficient: true,
});
console.log(`\nverdict: ${eligibility.verdict}; still to provide: ${eligibility.toProvide.join(", ")}`);

// What does 1000 m² of greening cost, and who pays? Amounts come back as strings in 元.
const result = estimate("sichuan-panzhihua-2018", {
  estate: { households: 200 },
  items: [{ item: "greening", quantity: 1000, unitPrice: "85.5" }],
});
console.log(`\ntotal ${result.total} (per household ${result.perHousehold})`);
for (const share of result.shares) {
  console.log(`  ${share.party.padEnd(10)} ${share.amount.padStart(10)}  ${share.name.zh} (${share.basis})`);
}

// Bad input throws a GaizaoError with a stable code, the field, and messages in both languages.
try {
  estimate("atlantis", {});
} catch (e) {
  console.log(`\n${e.name} ${e.code}: ${e.messageZh} / ${e.messageEn}`);
}
