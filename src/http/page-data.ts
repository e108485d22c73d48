/**
 * A page's first data in its HTML. When the Worker serves a listing's or a request's page, it
 * also asks its own API — with the person's cookie, so with their rights — for what that page's
 * first load will ask: who is signed in and the item. The answers (200 only) go into the shell as
 * one JSON data block; the web app (web/src/lib/preloaded.ts) takes each once instead of
 * fetching it, so the page paints without two round trips after its scripts. An item the person
 * may not see answers 404 here as it would to the app, and is left out.
 *
 * The block is data, never script: its type is application/json and every `<`, `>`, `&` and line
 * separator is written as a \u escape, so no text of a person can close it.
 */

import { FIRST_PAINT_ID, LOCALES, PAGE_DATA_ID } from '../shared/constants';
import type { TLocale } from '../shared/common.schemas';
import { cityName } from '../shared/places';
import { ZPathId } from '../shared/user-input';
import { escapeHtml, scriptJson } from './html';
import { localeFromHeader } from './locale';

/** Paths of the API a page's first load asks for, by the page's kind and key. */
export function pageDataPaths(kind: string, key: string): string[] {
  const paths = ['/api/v1/auth/session'];
  // Only an id in its one spelling (the API's own rule): the app asks for exactly this path.
  if ((kind === 'listings' || kind === 'requests') && ZPathId.safeParse(key).success)
    paths.push(`/api/v1/${kind}/${key}`);
  return paths;
}

/**
 * The answers of `paths`, each asked of `api` as the person's own GET (their cookie and
 * language), keyed by path. Anything but a 200 JSON answer is left out: the app then asks itself
 * and meets the error as it always did.
 */
export async function pageData(
  api: (request: Request) => Promise<Response>,
  origin: string,
  paths: string[],
  headers: Headers,
): Promise<Record<string, unknown>> {
  const forwarded = new Headers({ accept: 'application/json' });
  for (const name of ['cookie', 'accept-language']) {
    const value = headers.get(name);
    if (value !== null) forwarded.set(name, value);
  }
  const answers = await Promise.all(
    paths.map(async (path) => {
      try {
        const res = await api(new Request(new URL(path, origin), { headers: forwarded }));
        if (res.status !== 200 || !(res.headers.get('content-type') ?? '').includes('application/json'))
          return null;
        return [path, await res.json()] as const;
      } catch {
        return null; // the page still works: the app asks for it itself
      }
    }),
  );
  return Object.fromEntries(answers.filter((a) => a !== null));
}

/** The data block, for the end of <body>. */
export function pageDataTag(data: Record<string, unknown>): string {
  return `<script type="application/json" id="${PAGE_DATA_ID}">${scriptJson(data)}</script>`;
}

type Shown = {
  title: string;
  description: string;
  lang: string | null;
  hub: { name: string; city: string };
  /** The first photo's address on this site, if any. */
  photo: string | null;
};

/** A photo address the API writes (`/api/v1/photos/9`): nothing else becomes a `src`. */
const PHOTO_PATH = /^\/api\/v1\/[a-z0-9/_-]+$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The listing or request in the page's data, if it is one (anything else: no first paint). */
function shownItem(value: unknown): Shown | null {
  if (!isRecord(value) || !isRecord(value.hub)) return null;
  const { title, description, lang } = value;
  const { name, city } = value.hub;
  if (typeof title !== 'string' || typeof name !== 'string' || typeof city !== 'string') return null;
  const first = Array.isArray(value.photos) && isRecord(value.photos[0]) ? value.photos[0].url : null;
  return {
    title,
    description: typeof description === 'string' ? description : '',
    lang: typeof lang === 'string' && /^[a-z]{2}$/.test(lang) ? lang : null,
    hub: { name, city },
    photo: typeof first === 'string' && PHOTO_PATH.test(first) ? first : null,
  };
}

/** The reader's language: their account's, else their browser's, else Dutch (the shell's). */
function readerLocale(data: Record<string, unknown>, acceptLanguage: string | null): TLocale {
  const session = data['/api/v1/auth/session'];
  const own =
    isRecord(session) && isRecord(session.me) && isRecord(session.me.user) ? session.me.user.locale : null;
  if ((LOCALES as readonly unknown[]).includes(own)) return own as TLocale;
  return localeFromHeader(acceptLanguage ?? undefined) ?? 'nl';
}

/**
 * What a listing's or a request's page shows first, as plain HTML from its data: the title, the
 * hub and its city, the first photo (an address on this site only) and the description — people's
 * text, every character escaped. The browser paints it with the first byte and the stylesheet;
 * the app removes it as it mounts its own page in the
 * same task (web/src/routes/+layout.svelte), so nothing moves and nothing shows twice. Nothing
 * for any other page, or when the person may not see the item.
 */
export function firstPaintHtml(
  data: Record<string, unknown>,
  path: string | undefined,
  acceptLanguage: string | null,
): string | null {
  const item = path ? shownItem(data[path]) : null;
  if (!item) return null;
  const locale = readerLocale(data, acceptLanguage);
  const lang = item.lang ? ` lang="${item.lang}"` : '';
  return [
    `<div id="${FIRST_PAINT_ID}" class="first-paint">`,
    '<div class="first-paint-bar"><div class="container"><a href="/">Omloop</a></div></div>',
    '<div class="container first-paint-main">',
    `<h1${lang}>${escapeHtml(item.title)}</h1>`,
    `<p class="muted">${escapeHtml(`${item.hub.name}, ${cityName(item.hub.city, locale)}`)}</p>`,
    item.photo
      ? `<img class="first-paint-photo" src="${escapeHtml(item.photo)}" alt="${escapeHtml(item.title)}"${lang} />`
      : '',
    item.description ? `<p class="first-paint-text"${lang}>${escapeHtml(item.description)}</p>` : '',
    '</div></div>',
  ].join('');
}

/**
 * The shell with the page's first data (pageData) at the end of <body> and its first paint
 * (firstPaintHtml) at the start. The page now holds one person's answers: no cache may keep or
 * share it, and no validator of the static shell may be sent back for it.
 */
export function withPageData(
  shell: Response,
  data: Record<string, unknown>,
  firstPaint: string | null,
): Response {
  const page =
    Object.keys(data).length === 0
      ? new Response(shell.body, shell)
      : new HTMLRewriter()
          .on('body', {
            element(el) {
              if (firstPaint) el.prepend(firstPaint, { html: true });
              el.append(pageDataTag(data), { html: true });
            },
          })
          .transform(shell);
  const headers = new Headers(page.headers);
  headers.delete('etag');
  headers.delete('last-modified');
  headers.set('cache-control', 'private, no-store');
  headers.set('vary', 'Cookie, Accept-Language');
  return new Response(page.body, { status: page.status, statusText: page.statusText, headers });
}
