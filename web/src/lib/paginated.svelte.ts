/** A result list that grows with "Load more" (cursor pagination), as rune state. */
import { ApiError } from './api';

type Page<T> = { items: T[]; nextCursor: string | null };

export class Paginated<T> {
  items = $state<T[]>([]);
  nextCursor = $state<string | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  readonly #fetchPage: (cursor: string) => Promise<Page<T>>;

  constructor(first: Page<T>, fetchPage: (cursor: string) => Promise<Page<T>>) {
    this.items = first.items;
    this.nextCursor = first.nextCursor;
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
    } catch (e) {
      this.error = e instanceof ApiError ? e.message : String(e);
    } finally {
      this.loading = false;
    }
  }
}
