// gaizao in Node as CommonJS:  npm install gaizao && node index.cjs
const { estimate } = require("gaizao");

const result = estimate("sichuan-panzhihua-2018", {
  estate: { households: 200 },
  items: [{ item: "greening", quantity: 1000, unitPrice: "85.5" }],
});
console.log(`total ${result.total}`);
for (const share of result.shares) {
  console.log(`  ${share.party.padEnd(10)} ${share.amount.padStart(10)}`);
}

try {
  estimate("atlantis", {});
} catch (e) {
  // e.code: "unknownPolicy"; e.field: undefined here; e.problems: every problem found.
  console.log(`${e.name} ${e.code}: ${e.messageEn}`);
}
