import { loadEditorOptions } from '#lib/policies/editor-data.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch }) => {
  // Not awaited, so the page can show its loading state; errors are handled by the page.
  // No policy yet: the editor starts from an empty one.
  const both = loadEditorOptions(fetch).then((options) => [null, options] as const);
  both.catch(() => {});
  return { both };
};
