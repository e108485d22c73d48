import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    // `vite dev` serves the app; the Worker (`npm run dev:api`) answers the API.
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});
