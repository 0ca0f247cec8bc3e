import { parseRange } from '#lib/actions.ts';
import { breakdown, dlpOverview, dlpTrend } from '#lib/api/client.ts';
import type { TrendBucket } from '#lib/api/types.ts';
import { trendBucketFor } from '#lib/charts/severity-trend.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url }) => {
  const range = parseRange(url.searchParams.get('range'), '7d');
  const asked = url.searchParams.get('bucket');
  const bucket: TrendBucket = asked === 'hour' || asked === 'day' ? asked : trendBucketFor(range.hours);
  const hours = range.hours;
  // Not awaited: the page shows its loading state.
  const analytics = Promise.all([
    dlpOverview(hours, fetch),
    dlpTrend(hours, bucket, fetch),
    breakdown({ by: 'user', sort: 'findings', hours, limit: 10 }, fetch),
    breakdown({ by: 'tool', sort: 'findings', hours, limit: 10 }, fetch),
  ]).then(([dlp, trend, users, tools]) => ({ dlp, trend, users, tools }));
  analytics.catch(() => {}); // handled by the page
  return { range, bucket, analytics };
};
