import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  build: {
    rollupOptions: {
      output: {
        // The schema library in a chunk of its own: the bundler would otherwise merge it with
        // small helpers (form validation) that pages load at once, and every such page would
        // fetch and run it before a form is even used.
        manualChunks: (id: string) => (id.includes('/node_modules/zod/') ? 'zod' : undefined),
      },
    },
  },
  server: {
    // `vite dev` serves the app; the Worker (`npm run dev:api`) answers the API.
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});
