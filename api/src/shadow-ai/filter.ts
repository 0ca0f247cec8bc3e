import type { ToolCategory } from '@kairro/catalog/risk';
import type { ShadowTool } from './tools-view.ts';

export interface ToolFilter {
  category?: ToolCategory | undefined;
  /** approved / unapproved: the org's decision; unreviewed: no decision. */
  status?: ToolStatus | undefined;
  /** Case-insensitive part of the id, name, vendor or a domain. */
  q?: string | undefined;
}

export const TOOL_STATUSES = ['approved', 'unapproved', 'unreviewed'] as const;
export type ToolStatus = (typeof TOOL_STATUSES)[number];

/** The org's decision about a tool, as the filters and exports name it. */
export const toolStatus = (tool: Pick<ShadowTool, 'decision'> | undefined): ToolStatus =>
  tool?.decision ? (tool.decision.status === 'APPROVED' ? 'approved' : 'unapproved') : 'unreviewed';

export function filterShadowTools(tools: ShadowTool[], f: ToolFilter): ShadowTool[] {
  const q = f.q?.trim().toLowerCase();
  return tools.filter(
    (t) =>
      (!f.category || t.category === f.category) &&
      (!f.status || toolStatus(t) === f.status) &&
      (!q || [t.id, t.name, t.vendor, ...t.domains].some((s) => s.toLowerCase().includes(q))),
  );
}
