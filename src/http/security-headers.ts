/**
 * The security headers of everything the Worker serves, in one place.
 *
 * - Pages (the app's HTML): the script policy, with the hash of SvelteKit's inline boot script,
 *   is a <meta> inside index.html (kit.csp in web/svelte.config.js), so it holds wherever the
 *   page is served. PAGE_HEADERS adds what only a header can say (`frame-ancestors`) and the
 *   usual hardening. Workers static assets apply web/static/_headers to the files they serve;
 *   a page the Worker writes itself (an asset fetched and rewritten, the app's asset fallback)
 *   passes through `withPageHeaders`. test/integration/security-headers.happy.test.ts holds the
 *   two equal.
 * - API answers (JSON, calendars, photos) are data, never a page: API_CSP lets nothing load or
 *   run and sandboxes the document, so even a file that is both a PNG and HTML stays inert.
 */

/** Content-Security-Policy of every /api response. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** Headers of every HTML page of the app; the `/*` rule of web/static/_headers says the same. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(self), geolocation=(self), microphone=()',
};

/**
 * A page response with PAGE_HEADERS set: for every HTML the Worker serves itself, e.g.
 * `withPageHeaders(new HTMLRewriter().on(…).transform(await env.ASSETS.fetch(request)))`.
 */
export function withPageHeaders(response: Response): Response {
  const page = new Response(response.body, response);
  for (const [name, value] of Object.entries(PAGE_HEADERS)) page.headers.set(name, value);
  return page;
}

/**
 * Headers of a stored photo (listing, machine, outcome): the type its bytes were checked to be,
 * never sniffed; shown inline, never a download prompt; sandboxed like every API answer.
 */
export function photoHeaders(
  photo: { contentType: string; size: number; etag?: string },
  cacheControl: string,
): Record<string, string> {
  return {
    'Content-Type': photo.contentType,
    'Content-Length': String(photo.size),
    'Content-Disposition': 'inline',
    'Content-Security-Policy': API_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': cacheControl,
    ...(photo.etag ? { ETag: photo.etag } : {}),
  };
}
