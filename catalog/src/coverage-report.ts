// `npm run catalog:coverage`: how much of the shipped catalog is documented, per attribute, and the
// tools nobody has documented yet (docs/shadow-ai.md, "Coverage").
import { RISK_ATTRIBUTES, RISK_ATTRIBUTE_NAMES } from './attributes.ts';
import { catalogCoverage } from './coverage.ts';
import { builtInCatalog } from './load.ts';

const coverage = catalogCoverage(builtInCatalog());
const percent = (n: number, of: number) => `${Math.round((100 * n) / of)} %`;

console.log(
  `${coverage.tools} tools, ${coverage.known} of ${coverage.values} attribute values known (${percent(coverage.known, coverage.values)}), ${coverage.thirdParty} of them from third-party pages\n`,
);
console.log(`${'attribute'.padEnd(28)}${'known'.padStart(8)}${'third-party'.padStart(14)}`);
for (const name of RISK_ATTRIBUTE_NAMES) {
  const { known, thirdParty } = coverage.byAttribute[name];
  console.log(
    `${RISK_ATTRIBUTES[name].label.padEnd(28)}${`${known}/${coverage.tools}`.padStart(8)}${String(thirdParty).padStart(14)}`,
  );
}
console.log(
  `\nEvery attribute unknown (${coverage.undocumented.length}): ${coverage.undocumented.join(', ')}`,
);
