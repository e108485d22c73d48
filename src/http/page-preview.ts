/**
 * Link previews on the app shell: Open Graph and Twitter card tags and schema.org JSON-LD added
 * to the served index.html with HTMLRewriter, so a link pasted in a chat app or read by a search
 * engine shows what it is without running scripts. Every value is escaped here: people's text
 * never becomes markup.
 */
import type { PagePreview } from '../modules/previews/previews.service';
import { escapeHtml, scriptJson } from './html';

/** The tags a preview adds to <head>. */
export function previewTags(p: PagePreview, url: string): string {
  const meta = (attr: 'property' | 'name', key: string, value: string) =>
    `<meta ${attr}="${key}" content="${escapeHtml(value)}" />`;
  return [
    meta('property', 'og:type', 'website'),
    meta('property', 'og:site_name', 'Omloop'),
    meta('property', 'og:title', p.title),
    meta('property', 'og:description', p.description),
    meta('property', 'og:url', url),
    ...(p.image ? [meta('property', 'og:image', p.image)] : []),
    meta('name', 'twitter:card', p.image ? 'summary_large_image' : 'summary'),
    meta('name', 'twitter:title', p.title),
    meta('name', 'twitter:description', p.description),
    ...(p.image ? [meta('name', 'twitter:image', p.image)] : []),
    `<script type="application/ld+json">${scriptJson(p.jsonLd)}</script>`,
  ].join('');
}

/** The shell with the preview's title, description and tags. */
export function withPreview(shell: Response, p: PagePreview, url: string): Response {
  return new HTMLRewriter()
    .on('title', {
      element(el) {
        el.setInnerContent(p.title);
      },
    })
    .on('meta[name="description"]', {
      element(el) {
        el.setAttribute('content', p.description);
      },
    })
    .on('head', {
      element(el) {
        el.append(previewTags(p, url), { html: true });
      },
    })
    .transform(shell);
}
