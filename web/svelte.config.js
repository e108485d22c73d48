import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { TILE_ORIGIN } from './src/lib/components/hub-map/tiles.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A single-page app: the Worker serves index.html for every path that is not /api or a file.
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
    alias: { $shared: '../src/shared' },
    // The page's Content-Security-Policy, written into index.html as a <meta> with the hash of
    // SvelteKit's one inline boot script, so it travels with the page wherever it is served
    // (static assets, the Worker, the service worker's copy). Scripts: this origin and that hash
    // only, so no inline handler (onerror=…) ever runs. Styles allow inline attributes: Svelte
    // and Leaflet set them, and they cannot run script. What a <meta> cannot carry
    // (frame-ancestors) is a header: src/http/security-headers.ts and web/static/_headers.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:', TILE_ORIGIN],
        'connect-src': ['self'],
        'font-src': ['self'],
        'worker-src': ['self'],
        'manifest-src': ['self'],
        'frame-src': ['none'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
      },
    },
  },
};

export default config;
