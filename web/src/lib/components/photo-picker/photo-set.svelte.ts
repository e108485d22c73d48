/**
 * The photos of a listing form, in their order: those already saved and those just chosen. They
 * are sent with the listing in one request, so nothing is stored until the person publishes.
 */
import { MAX_PHOTOS, type TPhoto } from '$shared/photos.schemas';
import type { FieldErrors } from '$lib/api';
import type { PhotoUpload } from '$lib/api/listings';
import { downsizeImage } from '$lib/images';

export type PhotoItem = {
  key: string;
  /** The saved photo, or null for one chosen in this form. */
  saved: TPhoto | null;
  file: File | null;
  url: string;
  /** Why the API refused it, in the reader's language. */
  error: string | null;
  /** The smaller copy sent, made once. */
  prepared: PhotoUpload | null;
  /** The browser could not show it (not a picture): its name is shown instead. */
  unreadable: boolean;
};

let nextKey = 1;

export class PhotoSet {
  items = $state<PhotoItem[]>([]);
  /** Set when more photos were chosen than fit. */
  truncated = $state(false);
  /** What the last move or removal did, for screen readers. */
  announcement = $state('');
  readonly room = $derived(MAX_PHOTOS - this.items.length);
  readonly refused = $derived(this.items.some((p) => p.error !== null));
  #savedIds: number[] = [];

  constructor(saved: TPhoto[] = []) {
    this.reset(saved);
  }

  /** Starts again from the listing's saved photos (after loading or saving). */
  reset(saved: TPhoto[]): void {
    for (const p of this.items) if (p.file) URL.revokeObjectURL(p.url);
    this.#savedIds = saved.map((p) => p.id);
    this.items = saved.map((photo) => ({
      key: `s${photo.id}`,
      saved: photo,
      file: null,
      url: photo.url,
      error: null,
      prepared: null,
      unreadable: false,
    }));
    this.truncated = false;
  }

  /** Adds chosen files at the end, as many as fit. */
  add(files: Iterable<File>): void {
    const chosen = [...files];
    const fit = chosen.slice(0, Math.max(0, this.room));
    this.truncated = fit.length < chosen.length;
    for (const file of fit)
      this.items.push({
        key: `n${nextKey++}`,
        saved: null,
        file,
        url: URL.createObjectURL(file),
        error: null,
        prepared: null,
        unreadable: false,
      });
  }

  /** Moves the photo at `index` by `delta` places; answers its new index. */
  move(index: number, delta: -1 | 1, said: (from: number, to: number) => string): number {
    const to = index + delta;
    const item = this.items[index];
    if (!item || to < 0 || to >= this.items.length) return index;
    const next = [...this.items];
    next.splice(index, 1);
    next.splice(to, 0, item);
    this.items = next;
    this.announcement = said(index + 1, to + 1);
    return to;
  }

  remove(index: number, said: (n: number) => string): void {
    const [item] = this.items.splice(index, 1);
    if (item?.file) URL.revokeObjectURL(item.url);
    this.truncated = false;
    this.announcement = said(index + 1);
  }

  /** Whether the photos differ from those saved (added, removed or moved). */
  get changed(): boolean {
    const ids = this.items.map((p) => p.saved?.id ?? null);
    return ids.length !== this.#savedIds.length || ids.some((id, i) => id !== this.#savedIds[i]);
  }

  /** The order to send: the id of each saved photo kept, null where each new one goes. */
  order(): (number | null)[] {
    return this.items.map((p) => p.saved?.id ?? null);
  }

  /** The new photos, made smaller (no EXIF, less data), in their order; each prepared once. */
  async uploads(): Promise<PhotoUpload[]> {
    const out: PhotoUpload[] = [];
    for (const item of this.items) {
      if (!item.file) continue;
      if (!item.prepared) {
        // A file that is not a picture keeps its own name, so a refusal names what the person chose.
        const { blob, filename } = await downsizeImage(item.file);
        item.prepared = { blob, filename };
      }
      out.push(item.prepared);
    }
    return out;
  }

  /** Puts the API's refusals (`photos.N`, N the place in the order sent) next to their photos. */
  showRefusals(fields: FieldErrors): void {
    this.items.forEach((item, i) => (item.error = fields[`photos.${i}`] ?? null));
  }

  clearRefusals(): void {
    for (const item of this.items) item.error = null;
  }
}
