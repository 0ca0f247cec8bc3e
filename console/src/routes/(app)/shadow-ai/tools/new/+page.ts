import { parseRange } from '#lib/actions.ts';
import type { PageLoad } from './$types';

/** The range only travels back to the inventory and on to the new tool's page. */
export const load: PageLoad = ({ url }) => ({ range: parseRange(url.searchParams.get('range'), '7d') });
