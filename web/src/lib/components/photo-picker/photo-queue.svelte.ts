/** Photos chosen for a listing, resized and uploaded one by one after the listing is saved. */
import { ApiError, type Api } from '$lib/api';
import { downsizeImage } from '$lib/images';

export const MAX_PHOTOS = 8;
export const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

export type QueuedPhoto = {
  key: number;
  file: File;
  previewUrl: string;
  status: 'waiting' | 'resizing' | 'uploading' | 'done' | 'failed';
  error: string | null;
};

let nextKey = 1;

export class PhotoQueue {
  items = $state<QueuedPhoto[]>([]);
  /** Set when more photos were chosen than a listing may have. */
  truncated = $state(false);
  readonly uploaded = $derived(this.items.filter((p) => p.status === 'done').length);
  readonly failed = $derived(this.items.filter((p) => p.status === 'failed'));
  readonly busy = $derived(this.items.some((p) => p.status === 'resizing' || p.status === 'uploading'));

  /** Add chosen files, keeping at most `room` photos in the queue. */
  add(files: Iterable<File>, room: number): void {
    const chosen = [...files];
    const space = Math.max(0, room - this.items.length);
    this.truncated = chosen.length > space;
    for (const file of chosen.slice(0, space))
      this.items.push({
        key: nextKey++,
        file,
        previewUrl: URL.createObjectURL(file),
        status: 'waiting',
        error: null,
      });
  }

  remove(key: number): void {
    const item = this.items.find((p) => p.key === key);
    if (item) URL.revokeObjectURL(item.previewUrl);
    this.items = this.items.filter((p) => p.key !== key);
  }

  /** Upload every photo not yet uploaded; true when all are uploaded. */
  async uploadAll(api: Api, listingId: number, fallbackMessage: string): Promise<boolean> {
    for (const item of this.items) {
      if (item.status === 'done') continue;
      item.error = null;
      try {
        item.status = 'resizing';
        const { blob, filename } = await downsizeImage(item.file);
        item.status = 'uploading';
        await api.listings.uploadPhoto(listingId, blob, filename);
        item.status = 'done';
      } catch (e) {
        item.status = 'failed';
        item.error = e instanceof ApiError ? e.message : fallbackMessage;
      }
    }
    return this.items.every((p) => p.status === 'done');
  }
}
