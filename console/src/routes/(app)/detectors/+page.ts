import { getDlpSettings, getRetention, listDetectors } from '#lib/api/client.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch }) => {
  // Not awaited, so the page can show its loading state; errors are handled by the page.
  const detectors = listDetectors(fetch);
  const settings = getDlpSettings(fetch);
  const retention = getRetention(fetch);
  detectors.catch(() => {});
  settings.catch(() => {});
  retention.catch(() => {});
  return { detectors, settings, retention };
};
