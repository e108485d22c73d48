/** A result list that grows with "Load more" (cursor pagination), as rune state. */
import { ApiError } from './api';

/** `searchedKm`: a search by place stopped early, having looked this far; the next page looks farther. */
type Page<T> = { items: T[]; nextCursor: string | null; searchedKm?: number };

export class Paginated<T> {
  items = $state<T[]>([]);
  nextCursor = $state<string | null>(null);
  /** How far the last page of a search by place looked when it stopped early, else null. */
  searchedKm = $state<number | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  readonly #fetchPage: (cursor: string) => Promise<Page<T>>;

  constructor(first: Page<T>, fetchPage: (cursor: string) => Promise<Page<T>>) {
    this.items = first.items;
    this.nextCursor = first.nextCursor;
    this.searchedKm = first.searchedKm ?? null;
    this.#fetchPage = fetchPage;
  }

  async loadMore(): Promise<void> {
    if (!this.nextCursor || this.loading) return;
    this.loading = true;
    this.error = null;
    try {
      const page = await this.#fetchPage(this.nextCursor);
      this.items = [...this.items, ...page.items];
      this.nextCursor = page.nextCursor;
      this.searchedKm = page.searchedKm ?? null;
    } catch (e) {
      this.error = e instanceof ApiError ? e.message : String(e);
    } finally {
      this.loading = false;
    }
  }
}
