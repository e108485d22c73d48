/** Helpers for +page.ts loads: API failures as SvelteKit errors, and the sign-in gate. */
import { error, redirect } from '@sveltejs/kit';
import type { AppState } from './app-state.svelte';
import { ApiError } from './api';
import { safeNextPath } from '$shared/links';

/** Rethrow an API failure as a page error with the API's (already localized) message. */
export function pageError(e: unknown): never {
  if (e instanceof ApiError) error(e.status >= 400 ? e.status : 503, { message: e.message, code: e.code });
  throw e;
}

/** Send a signed-out visitor to the login page, coming back to `url` afterwards. */
export function requireUser(app: AppState, url: URL) {
  if (!app.me) redirect(307, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  return app.me;
}

/** The `next` query param if it resolves to this site (never another origin), else "/". */
export function safeNext(url: URL): string {
  return safeNextPath(url.searchParams.get('next'), url.origin);
}
