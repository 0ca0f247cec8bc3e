// What the policy editor picks from: the org's detectors, tools, teams and identities.
import { listDetectors } from '../api/client.ts';
import { listIdentities, listTeams, listTools } from '../api/policies.ts';
import type { Identity, Team, Tool } from '../api/policy-types.ts';
import type { Detector } from '../api/types.ts';

export interface EditorOptions {
  detectors: Array<{ value: string; label: string; hint?: string }>;
  tools: Array<{ value: string; label: string; hint?: string }>;
  toolList: Tool[];
  teams: Team[];
  identities: Identity[];
}

/** One option per detector type (built-in and custom types may share several rules). */
export function detectorOptions(detectors: readonly Detector[]): EditorOptions['detectors'] {
  const byType = new Map<string, { value: string; label: string; hint?: string }>();
  for (const d of detectors) {
    if (byType.has(d.type)) continue;
    byType.set(d.type, {
      value: d.type,
      label: d.type,
      hint: d.source === 'custom' ? `custom: ${d.name}` : d.name,
    });
  }
  return [...byType.values()].sort((a, b) => a.value.localeCompare(b.value));
}

export function toolOptions(tools: readonly Tool[]): EditorOptions['tools'] {
  return tools.map((t) => ({
    value: t.id,
    label: t.name,
    hint: `${t.status === 'APPROVED' ? 'approved' : 'unapproved'} · ${t.urlPatterns.join(', ')}`,
  }));
}

export async function loadEditorOptions(fetcher?: typeof fetch): Promise<EditorOptions> {
  const [detectors, tools, teams, identities] = await Promise.all([
    listDetectors(fetcher),
    listTools(fetcher),
    listTeams(fetcher),
    listIdentities({}, fetcher),
  ]);
  return {
    detectors: detectorOptions(detectors),
    tools: toolOptions(tools),
    toolList: tools,
    teams,
    identities,
  };
}
