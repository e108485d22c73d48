/**
 * Ids (integers the database gave) written into a statement as a VALUES list, `(VALUES (1), (2))`,
 * with its one column `column1`: SQLite reads it as a co-routine, which D1 does not count as rows
 * read (a `json_each` parameter costs a row per id, and `IN (SELECT value FROM json_each(…))` two).
 * Only for lists of a page's size; anything else is refused, so no text can reach the SQL.
 */
export function idValues(ids: readonly number[]): string {
  if (ids.length === 0) throw new Error('no ids');
  for (const id of ids) if (!Number.isSafeInteger(id)) throw new Error('not an integer id');
  return `(VALUES ${ids.map((id) => `(${id})`).join(', ')})`;
}

/**
 * Pairs of integers (ranges of cells) written as a VALUES list, `(VALUES (1, 5), (9, 12))`, with
 * columns `column1` and `column2`, on the same terms as `idValues` (not counted as rows read).
 */
export function pairValues(pairs: readonly (readonly [number, number])[]): string {
  if (pairs.length === 0) throw new Error('no pairs');
  for (const [a, b] of pairs)
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) throw new Error('not an integer pair');
  return `(VALUES ${pairs.map(([a, b]) => `(${a}, ${b})`).join(', ')})`;
}
