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

/**
 * A listing fits when it is in the category (or below it), at least as large as asked (turned
 * either way), at least as thick, within the radius of the search's hub, and answers the words of
 * `q` as the search page finds them (`wordsFound`: its title, description and category names,
 * other languages and trade names, sizes written either way; read from the full-text index).
 */
export function savedSearchMatches(
  q: TSavedSearchQuery,
  l: SavedSearchListing,
  distanceKm: number | null,
  wordsFound: boolean,
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
  if (q.q && !wordsFound) return false;
  return true;
}
