import { getPolicy } from '#lib/api/policies.ts';
import { loadEditorOptions } from '#lib/policies/editor-data.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, params }) => {
  // Not awaited, so the page can show its loading state; errors are handled by the page.
  const both = Promise.all([getPolicy(params.id, fetch), loadEditorOptions(fetch)]);
  both.catch(() => {});
  return { id: params.id, both };
};
