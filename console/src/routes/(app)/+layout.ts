import { handleError, me } from '#lib/api/client.ts';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ fetch }) => {
  try {
    return { user: await me(fetch), error: null };
  } catch (error) {
    // 401 sends the browser to /login?next=…; anything else is shown in the layout.
    return { user: null, error: handleError(error) };
  }
};
