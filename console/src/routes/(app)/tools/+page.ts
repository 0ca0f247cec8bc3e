import { listTools } from '#lib/api/policies.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch }) => {
  // Not awaited, so the page can show its loading state; errors are handled by the page.
  const tools = listTools(fetch);
  tools.catch(() => {});
  return { tools };
};
