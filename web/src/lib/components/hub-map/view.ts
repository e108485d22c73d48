/** What a map of every hub asks `GET /hub-map` for: its view and how many cells fit across it. */

/** A longitude folded into -180..180 (a map panned round the world gives any). */
function folded(lon: number): number {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}

const at = (x: number) => String(Math.round(x * 1e4) / 1e4);

/**
 * The view as `bbox=SOUTH,WEST,NORTH,EAST`, latitudes within ±90 and longitudes folded into
 * ±180 (a west above the east crosses the antimeridian; a view wider than the world is all of it).
 */
export function viewBox(bounds: {
  getSouth(): number;
  getWest(): number;
  getNorth(): number;
  getEast(): number;
}): string {
  const south = Math.max(-90, Math.min(90, bounds.getSouth()));
  const north = Math.max(south, Math.min(90, bounds.getNorth()));
  const wide = bounds.getEast() - bounds.getWest() >= 360;
  const west = wide ? -180 : folded(bounds.getWest());
  let east = wide ? 180 : folded(bounds.getEast());
  // 180 folds to -180: the east edge of a view ending at the antimeridian stays 180.
  if (!wide && east === -180 && bounds.getEast() > bounds.getWest()) east = 180;
  return [south, west, north, east].map(at).join(',');
}

/**
 * Cells across a map of about 50 px each (the level drawn rounds a cell up to at most twice that):
 * 7 on a phone, 20 on a wide screen (2 to 24).
 */
export function mapColumns(widthPx: number): number {
  return Math.max(2, Math.min(24, Math.round(widthPx / 50)));
}

/** The cells across a map as wide as the page's content (the first view, asked before the map is drawn). */
export function firstColumns(): number | undefined {
  const width = (globalThis as { innerWidth?: number }).innerWidth;
  return width === undefined ? undefined : mapColumns(Math.min(width, 1200) - 32);
}
