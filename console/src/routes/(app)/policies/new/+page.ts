import { loadEditorOptions } from '#lib/policies/editor-data.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch }) => {
  // Not awaited, so the page can show its loading state; errors are handled by the page.
  const options = loadEditorOptions(fetch);
  options.catch(() => {});
  return { options };
};
