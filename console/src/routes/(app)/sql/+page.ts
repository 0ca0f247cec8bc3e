import { sqlSchema } from '#lib/api/sql.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch }) => {
  // Not awaited, so the editor shows at once and the side panel fills in.
  const schema = sqlSchema(fetch);
  schema.catch(() => {}); // handled by the page
  return { schema };
};
