import { parseRange } from '#lib/actions.ts';
import { getShadowTool, toolUsage } from '#lib/api/shadow-ai.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, params, url }) => {
  const range = parseRange(url.searchParams.get('range'), '7d');
  // Not awaited, and apart: the tool shows while its usage is still being counted.
  const tool = getShadowTool(params.id, fetch);
  const usage = toolUsage(params.id, range.hours, fetch);
  tool.catch(() => {}); // handled by the page
  usage.catch(() => {});
  return { id: params.id, range, tool, usage };
};
