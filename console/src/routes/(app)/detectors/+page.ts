import { getDlpSettings, listDetectors } from '#lib/api/client.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch }) => {
  // Not awaited, so the page can show its loading state; errors are handled by the page.
  const detectors = listDetectors(fetch);
  const settings = getDlpSettings(fetch);
  detectors.catch(() => {});
  settings.catch(() => {});
  return { detectors, settings };
};
