import adapter from '@sveltejs/adapter-static';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// SvelteKit 3 takes its options here (svelte.config.js is no longer read).
// The console is a static SPA: the api process serves `build/` on the same origin as
// `/v1/admin/*` and falls back to index.html for unknown paths.
export default defineConfig({
  plugins: [
    sveltekit({
      adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
    }),
  ],
  server: {
    // `npm run dev -w @kairro/console` proxies the admin API so cookies stay same-origin.
    proxy: { '/v1': process.env.KAIRRO_API_URL ?? 'http://localhost:8080' },
  },
});
