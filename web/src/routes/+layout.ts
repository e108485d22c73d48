import { AppState } from '$lib/app-state.svelte';
import type { LayoutLoad } from './$types';

// A single-page app served by the Worker's assets: everything renders in the browser.
export const ssr = false;
export const prerender = false;

export const load: LayoutLoad = async ({ fetch }) => {
  const app = new AppState();
  await app.init(fetch);
  return { app };
};
