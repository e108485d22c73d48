/** A result list that grows with "Load more" (cursor pagination), as rune state. */
import { pagesFrom, type CursorPage } from '$shared/paging';
import { ApiError } from './api';

export class Paginated<T> {
  items = $state<T[]>([]);
  nextCursor = $state<string | null>(null);
  /** How far the last page of a search by place looked when it stopped early, else null. */
  searchedKm = $state<number | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  readonly #fetchPage: (cursor: string) => Promise<CursorPage<T>>;

  constructor(first: CursorPage<T>, fetchPage: (cursor: string) => Promise<CursorPage<T>>) {
    this.items = first.items;
    this.nextCursor = first.nextCursor;
    this.searchedKm = first.searchedKm ?? null;
    this.#fetchPage = fetchPage;
  }

  /** A first page that holds nothing and says nothing of a distance, but goes on: its next page. */
  async settle(): Promise<void> {
    if (this.items.length === 0 && this.nextCursor && this.searchedKm === null) await this.loadMore();
  }

  /** The next page; an empty one without a distance is followed at once (`pagesFrom`). */
  async loadMore(): Promise<void> {
    if (!this.nextCursor || this.loading) return;
    this.loading = true;
    this.error = null;
    try {
      const pages = await pagesFrom(this.nextCursor, this.#fetchPage);
      this.items = [...this.items, ...pages.items];
      this.nextCursor = pages.nextCursor;
      this.searchedKm = pages.searchedKm;
    } catch (e) {
      this.error = e instanceof ApiError ? e.message : String(e);
    } finally {
      this.loading = false;
    }
  }
}
