/** Helpers for +page.ts loads: API failures as SvelteKit errors, and the sign-in gate. */
import { error, redirect } from '@sveltejs/kit';
import type { AppState } from './app-state.svelte';
import { ApiError } from './api';
import { safeNextPath } from '$shared/links';
import type { THubSummary } from '$shared/hubs.schemas';
import type { ListingSearchQuery } from './api/search';
import { readSearch, refusedSearch } from './search';
import { NOT_HUBS } from '$shared/constants';

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

/**
 * A search page's data (listings or requests): the search the URL asks for, and the hubs it names
 * for the form (the hub at its point, the hub it is limited to: one indexed look-up each, a
 * convenience: when they fail, the results show without their names). A search the API refuses
 * (a hand-edited or outdated link) is an empty page with the fields to fix (`refused`), not an
 * error page; any other failure is a page error.
 */
export async function searchPage<P extends { items: unknown[]; nextCursor: string | null }>(
  url: URL,
  o: {
    listings: boolean;
    search: (query: ListingSearchQuery) => Promise<P>;
    hubs: (query: { at?: string; slug?: string }) => Promise<{ items: THubSummary[] }>;
  },
) {
  const { query, view, radiusIgnored } = readSearch(url, { listings: o.listings });
  const one = (q: { at?: string; slug?: string }) =>
    o.hubs(q).then(
      (h) => h.items[0] ?? null,
      () => null,
    );
  // The hubs left out, by name (`not_hub`: a few slugs; one that is no hub is said by the search).
  const leftOut = (query.not_hub ?? '')
    .split(',')
    .map((slug) => slug.trim())
    .filter(Boolean)
    .slice(0, NOT_HUBS);
  const named = Promise.all([
    query.near ? one({ at: query.near }) : null,
    query.hub ? one({ slug: query.hub }) : null,
    Promise.all(leftOut.map((slug) => one({ slug }))),
  ]).then(([near, hub, notHubs]) => ({
    near,
    hub,
    notHubs: notHubs.filter((h): h is THubSummary => h !== null),
  }));
  try {
    const page = await o.search(query);
    return { page, named: await named, query, view, radiusIgnored, refused: [] as string[] };
  } catch (e) {
    const refused = refusedSearch(e);
    if (!refused) pageError(e);
    const page:
      | P
      | {
          items: never[];
          nextCursor: null;
          sort?: undefined;
          wordsLeftOut?: undefined;
          wordsApart?: undefined;
        } = {
      items: [],
      nextCursor: null,
    };
    return { page, named: await named, query, view, radiusIgnored, refused };
  }
}
