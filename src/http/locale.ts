import type { Locale } from '../shared/taxonomy';

const SUPPORTED: readonly Locale[] = ['nl', 'fr', 'en'];

/** The first supported language in an Accept-Language header, by its order of preference. */
export function localeFromHeader(header: string | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return {
        lang: tag.trim().toLowerCase().split('-')[0] ?? '',
        q: q ? Number(q.slice(2)) || 0 : 1,
        index,
      };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const r of ranked) if ((SUPPORTED as string[]).includes(r.lang)) return r.lang as Locale;
  return null;
}
