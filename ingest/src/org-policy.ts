import { createHash } from 'node:crypto';
import {
  compilePolicies,
  extensionToolLists,
  MAX_PATTERN_MATCHES,
  type CompiledPolicy,
  type ExtensionToolLists,
  type PatternCompiler,
  type ToolConfig,
} from '@kairro/core';
import type { OrgConfig } from '@kairro/postgres';
import { shippedCatalog, type ToolCatalog, type WatchedTool } from './catalog.ts';
import { compileCustomPattern } from './custom-detectors.ts';
import { watchedCustomTools } from './custom-tools.ts';

/**
 * Policy regexes (and metadata `matches` values) run on RE2 with the custom detectors' limits: the
 * admin API validates with the same function, so a pattern it accepted is one ingest can run in
 * linear time. Reports at most MAX_PATTERN_MATCHES ranges per text. Throws on a refused pattern.
 */
export const re2Compiler: PatternCompiler = (pattern, caseInsensitive) => {
  const check = compileCustomPattern(pattern, { caseInsensitive });
  if (!check.ok) throw new Error(check.message);
  const { regex } = check;
  // One evaluation may ask the same pattern about the same prompt several times (the pattern
  // repeated in org, team and identity policies): RE2 in JavaScript is the costliest step of an
  // evaluation, so the last answer is kept. Ranges are never mutated by the engine.
  let lastText: string | undefined;
  let lastRanges: Array<{ start: number; end: number }> = [];
  return {
    matches(text) {
      if (text === lastText) return lastRanges;
      const ranges: Array<{ start: number; end: number }> = [];
      // Most prompts do not match: `test` answers that on RE2's DFA, several times faster than
      // `find`, which also tracks where a match starts. Only a match pays for the positions.
      if (regex.test(text)) {
        const m = regex.matcher(text);
        while (ranges.length < MAX_PATTERN_MATCHES && m.find())
          ranges.push({ start: m.start(), end: m.end() });
      }
      lastText = text;
      lastRanges = ranges;
      return ranges;
    },
  };
};

/** One compiled pattern per distinct (pattern, flags) of an org, so the memo above is shared. */
function sharedCompiler(compile: PatternCompiler): PatternCompiler {
  const compiled = new Map<string, ReturnType<PatternCompiler>>();
  return (pattern, caseInsensitive) => {
    const key = `${caseInsensitive ? 'i' : '-'}${pattern}`;
    let found = compiled.get(key);
    if (!found) {
      found = compile(pattern, caseInsensitive);
      compiled.set(key, found);
    }
    return found;
  };
}

/** What `GET /v1/extension/policy` answers: where to intercept, never a policy or a rule. */
export interface ExtensionPolicy extends ExtensionToolLists {
  /** Short hash of the tool lists, the watched custom tools and the catalog; the same in every process. */
  version: string;
  /**
   * Catalog tools, then the org's custom tools, in neither list: the extension reports visits
   * there, and does nothing else.
   */
  watchedTools: WatchedTool[];
}

/** An org's policies as ingest holds them, compiled once per config load. */
export interface OrgPolicy {
  policies: readonly CompiledPolicy[];
  extension: ExtensionPolicy;
  /** `"<version>"`, the ETag of `extension`. */
  etag: string;
}

/**
 * Compiles every policy's regexes with RE2. A rule whose pattern cannot compile (a row written
 * around the API, or by an older version) is reported and never fires; the org still loads.
 */
export function compileOrgPolicy(
  config: Pick<OrgConfig, 'policies' | 'tools' | 'customTools'>,
  onError: (err: unknown) => void = () => {},
  catalog: ToolCatalog = shippedCatalog(),
): OrgPolicy {
  const names = new Map(config.policies.map((p) => [p.id, p.name]));
  const policies = compilePolicies(config.policies, sharedCompiler(re2Compiler), (e) =>
    onError(
      new Error(
        `Policy ${e.policyId} (${names.get(e.policyId)}) rule ${e.ruleId}: /${e.pattern}/ is refused, ` +
          `the rule never fires: ${e.message}`,
      ),
    ),
  );
  const extension = extensionPolicy(config, catalog);
  return { policies, extension, etag: `"${extension.version}"` };
}

/**
 * The document and its version. The catalog's part of the watch list only changes with a build:
 * its fingerprint goes into the version, so a new catalog gives a new ETag even for an org whose
 * lists and watch list ids stayed the same (a tool's patterns may have changed). The org's part
 * (its undecided custom tools) goes in as served.
 */
export function extensionPolicy(
  config: { tools: readonly ToolConfig[]; customTools?: OrgConfig['customTools'] },
  catalog: ToolCatalog = shippedCatalog(),
): ExtensionPolicy {
  const lists = extensionToolLists(config.tools);
  const custom = watchedCustomTools(config.customTools ?? [], config.tools);
  const version = createHash('sha256')
    .update(JSON.stringify(lists))
    .update(JSON.stringify(custom))
    .update(catalog.fingerprint)
    .digest('hex')
    .slice(0, 16);
  // The org's own tools first: the extension names a page by the first match, and ingest classifies
  // by the org's tools before the catalog's, so a page both cover is the org's tool on both sides.
  return { version, ...lists, watchedTools: [...custom, ...catalog.watchedTools(config.tools)] };
}
