/**
 * Links people give and paths the app follows, checked without any schema library (the web app's
 * pages import this on their first load): a web address only as http(s), and a `next` path that
 * never leaves the site.
 */

/** Whether a web address a person gave may be a link: http or https, nothing else. */
export function isHttpUrl(value: string | null | undefined): value is string {
  const url = value ? parseUrl(value.trim()) : null;
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:');
}

function parseUrl(value: string, base?: string): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}

/**
 * Where to go after signing in: `next` resolved against this site's origin, as the browser
 * would resolve it, and kept only when it stays on this origin; "/" otherwise. Browsers drop
 * tabs and line breaks from URLs, so `/\t/evil.example` is `//evil.example`: another site.
 */
export function safeNextPath(next: string | null | undefined, origin: string): string {
  const url = next ? parseUrl(next, origin) : null;
  if (!url || url.origin !== new URL(origin).origin) return '/';
  // A path starting with two slashes would name another host when used on its own.
  return `${url.pathname.replace(/^\/+/, '/')}${url.search}${url.hash}`;
}
