// A static single-page app: no server rendering, no prerendering; the api serves index.html for
// every console path.
export const ssr = false;
export const prerender = false;
