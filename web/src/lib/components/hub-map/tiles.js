/**
 * The map tile server. HubMap draws its tiles from here, and the app's Content-Security-Policy
 * (web/svelte.config.js) allows images from this origin and no other. Plain JavaScript, so
 * svelte.config.js can import it too.
 */
export const TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

/** The origin images may come from besides this site's own. */
export const TILE_ORIGIN = new URL(TILE_URL.replace(/[{}]/g, '')).origin;
