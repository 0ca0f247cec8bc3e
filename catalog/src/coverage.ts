import { RISK_ATTRIBUTE_NAMES } from './attributes.ts';
import type { CatalogTool, RiskAttributeName } from './types.ts';

/** A note that starts so says its source is not the vendor's own page (docs/shadow-ai.md). */
const THIRD_PARTY = /^third-party/i;

export interface AttributeCoverage {
  /** Entries with a value other than `unknown`. */
  known: number;
  /** Of those, the values sourced from a page that is not the vendor's. */
  thirdParty: number;
}

/** How much of the catalog is documented: what a reviewer looks at to decide where to work next. */
export interface CatalogCoverage {
  tools: number;
  /** tools × attributes. */
  values: number;
  known: number;
  thirdParty: number;
  byAttribute: Record<RiskAttributeName, AttributeCoverage>;
  /** Ids of the tools with every attribute unknown. */
  undocumented: string[];
}

export function catalogCoverage(tools: readonly CatalogTool[]): CatalogCoverage {
  const byAttribute = Object.fromEntries(
    RISK_ATTRIBUTE_NAMES.map((name) => [name, { known: 0, thirdParty: 0 }]),
  ) as Record<RiskAttributeName, AttributeCoverage>;
  const undocumented: string[] = [];
  for (const tool of tools) {
    let known = 0;
    for (const name of RISK_ATTRIBUTE_NAMES) {
      const { value, note } = tool.attributes[name];
      if (value === 'unknown') continue;
      known += 1;
      byAttribute[name].known += 1;
      if (note && THIRD_PARTY.test(note)) byAttribute[name].thirdParty += 1;
    }
    if (known === 0) undocumented.push(tool.id);
  }
  const counts = Object.values(byAttribute);
  return {
    tools: tools.length,
    values: tools.length * RISK_ATTRIBUTE_NAMES.length,
    known: counts.reduce((sum, c) => sum + c.known, 0),
    thirdParty: counts.reduce((sum, c) => sum + c.thirdParty, 0),
    byAttribute,
    undocumented,
  };
}
