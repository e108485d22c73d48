/** Whether a listing answers a saved search, pure. */
import type { TSavedSearchQuery } from '../../shared/saved-searches.schemas';
import { categoryFamily, categoryWithDescendants } from '../../shared/taxonomy';

export type SavedSearchListing = {
  title: string;
  category: string;
  lengthMm: number | null;
  widthMm: number | null;
  thicknessMm: number | null;
};

/** The family a saved search is filed under ('' when it names no category: any listing may fit). */
export function savedSearchFamily(q: TSavedSearchQuery): string {
  return q.category ? categoryFamily(q.category) : '';
}

const words = (s: string) =>
  (s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? []) as string[];

/**
 * A listing fits when it is in the category (or below it), at least as large as asked (turned
 * either way), at least as thick, within the radius of the search's hub, and its title holds every
 * word of `q` (the last also as a prefix, as in search).
 */
export function savedSearchMatches(
  q: TSavedSearchQuery,
  l: SavedSearchListing,
  distanceKm: number | null,
): boolean {
  if (q.category && !categoryWithDescendants(q.category).includes(l.category)) return false;
  const asked = [q.minLengthMm, q.minWidthMm]
    .filter((v): v is number => v !== undefined)
    .sort((a, b) => b - a);
  if (asked.length) {
    if (l.lengthMm === null || l.widthMm === null) return false;
    const sides = [l.lengthMm, l.widthMm].sort((a, b) => b - a);
    if (asked.some((a, i) => a > sides[i]!)) return false;
  }
  if (q.minThicknessMm !== undefined && (l.thicknessMm === null || l.thicknessMm < q.minThicknessMm))
    return false;
  if (q.radiusKm !== undefined && (distanceKm === null || distanceKm > q.radiusKm)) return false;
  if (q.q) {
    const wanted = words(q.q);
    const have = words(l.title);
    const ok = wanted.every((w, i) =>
      i === wanted.length - 1 ? have.some((h) => h.startsWith(w)) : have.includes(w),
    );
    if (!ok) return false;
  }
  return true;
}
