import { describe, expect, it } from 'vitest';
import { firstPaintHtml, pageData, pageDataPaths, pageDataTag } from '../../src/http/page-data';
import { FIRST_PAINT_ID, PAGE_DATA_ID } from '../../src/shared/constants';

const HOSTILE = '</script><script>alert(1)</script> <img src=x onerror=alert(2)> & "q" \u2028 end';

const listing = (over: Record<string, unknown> = {}) => ({
  id: 40,
  title: 'Populier multiplex 12 mm',
  description: 'Restplaten van een kastenproject.',
  lang: 'nl',
  hub: { slug: 'broei', name: 'Broei vzw', city: 'Ghent' },
  ...over,
});

/** The JSON inside the data block, parsed back as the browser would. */
function blockJson(tag: string): unknown {
  const m = new RegExp(`^<script type="application/json" id="${PAGE_DATA_ID}">(.*)</script>$`, 's').exec(tag);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]!);
}

describe('a page’s first data in its HTML', () => {
  it('asks for the session on every page and the item only for a numeric listing or request id', () => {
    expect(pageDataPaths('listings', '40')).toEqual(['/api/v1/auth/session', '/api/v1/listings/40']);
    expect(pageDataPaths('requests', '7')).toEqual(['/api/v1/auth/session', '/api/v1/requests/7']);
    for (const key of ['040', '4e1', '-4', '4/../../auth/session', '%2e%2e', ''])
      expect(pageDataPaths('listings', key)).toEqual(['/api/v1/auth/session']);
    expect(pageDataPaths('hubs', 'broei')).toEqual(['/api/v1/auth/session']);
  });

  it('keeps people’s text a data block: no tag can close it, and it parses back to the same text', () => {
    const data = { '/api/v1/listings/40': listing({ title: HOSTILE, description: HOSTILE }) };
    const tag = pageDataTag(data);
    const inside = tag.slice(tag.indexOf('>') + 1, tag.lastIndexOf('</script>'));
    expect(inside).not.toMatch(/[<>&\u2028\u2029]/);
    expect(blockJson(tag)).toEqual(data);
  });

  it('keeps only 200 JSON answers, asked with the person’s cookie and language and nothing else', async () => {
    const seen: Request[] = [];
    const api = async (r: Request) => {
      seen.push(r);
      const path = new URL(r.url).pathname;
      if (path === '/api/v1/auth/session') return Response.json({ me: null });
      if (path === '/api/v1/listings/40')
        return Response.json({ error: { code: 'NOT_FOUND' } }, { status: 404 });
      if (path === '/api/v1/requests/7')
        return new Response('<html>', { headers: { 'content-type': 'text/html' } });
      throw new Error('down');
    };
    const headers = new Headers({
      cookie: 'omloop_session=abc',
      'accept-language': 'fr-BE',
      authorization: 'Bearer x',
      'x-d1-bookmark': '0001',
    });
    const data = await pageData(
      api,
      'https://omloop.example',
      ['/api/v1/auth/session', '/api/v1/listings/40', '/api/v1/requests/7', '/api/v1/hubs'],
      headers,
    );
    expect(data).toEqual({ '/api/v1/auth/session': { me: null } });
    expect(seen).toHaveLength(4);
    for (const r of seen) {
      expect(r.method).toBe('GET');
      expect(r.headers.get('cookie')).toBe('omloop_session=abc');
      expect(r.headers.get('accept-language')).toBe('fr-BE');
      expect(r.headers.get('authorization')).toBeNull();
      expect(r.headers.get('x-d1-bookmark')).toBeNull();
    }
  });
});

describe('a page’s first paint', () => {
  it('shows the title, the hub in the reader’s language and the description, every character escaped', () => {
    const data = {
      '/api/v1/auth/session': { me: { user: { locale: 'fr' } } },
      '/api/v1/listings/40': listing({ title: HOSTILE, description: `Desc ${HOSTILE}` }),
    };
    const html = firstPaintHtml(data, '/api/v1/listings/40', 'en-GB')!;
    expect(html.startsWith(`<div id="${FIRST_PAINT_ID}" class="first-paint">`)).toBe(true);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain(
      '<h1 lang="nl">&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x',
    );
    expect(html).toContain('&amp; &quot;q&quot;');
    // The account's language wins over the browser's: Gand, not Ghent.
    expect(html).toContain('<p class="muted">Broei vzw, Gand</p>');
    expect(html).toContain('<p class="first-paint-text" lang="nl">Desc &lt;/script&gt;');
  });

  it('follows the browser’s language when signed out, and Dutch without one', () => {
    const data = { '/api/v1/auth/session': { me: null }, '/api/v1/requests/7': listing() };
    expect(firstPaintHtml(data, '/api/v1/requests/7', 'en-GB;q=0.9')).toContain('Broei vzw, Ghent');
    expect(firstPaintHtml(data, '/api/v1/requests/7', null)).toContain('Broei vzw, Gent');
  });

  it('paints nothing without the item (not visible to the person, not a listing or request page)', () => {
    const data = { '/api/v1/auth/session': { me: null } };
    expect(firstPaintHtml(data, '/api/v1/listings/40', null)).toBeNull();
    expect(firstPaintHtml(data, undefined, null)).toBeNull();
    expect(firstPaintHtml({ '/api/v1/listings/40': { title: 3 } }, '/api/v1/listings/40', null)).toBeNull();
  });

  it('shows the first photo only from an address of this site', () => {
    const path = '/api/v1/listings/40';
    const photo = (url: string) => ({
      [path]: listing({
        photos: [
          { id: 9, url },
          { id: 10, url: '/x' },
        ],
      }),
    });
    const html = firstPaintHtml(photo('/api/v1/photos/9'), path, null)!;
    expect(html).toContain(
      '<img class="first-paint-photo" src="/api/v1/photos/9" alt="Populier multiplex 12 mm" lang="nl" />',
    );
    for (const url of [
      'javascript:alert(1)',
      '//evil.example/x.png',
      'https://evil.example/x.png',
      '/api/v1/x" onerror="alert(1)',
      'data:image/png;base64,AAAA',
    ])
      expect(firstPaintHtml(photo(url), path, null)).not.toContain('<img');
    expect(firstPaintHtml({ [path]: listing() }, path, null)).not.toContain('<img');
  });

  it('drops a language tag that is not one', () => {
    const data = { '/api/v1/listings/40': listing({ lang: '"><script>' }) };
    const html = firstPaintHtml(data, '/api/v1/listings/40', null)!;
    expect(html).toContain('<h1>Populier multiplex 12 mm</h1>');
  });
});
