/** A result list that grows with "Load more" (cursor pagination), as rune state. */
import { ApiError } from './api';

/** `searchedKm`: a search by place stopped early, having looked this far; the next page looks farther. */
type Page<T> = { items: T[]; nextCursor: string | null; searchedKm?: number };

/** Empty pages without a distance that `loadMore` and `settle` follow at once. */
const EMPTY_PAGES_FOLLOWED = 4;

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

  /**
   * The next page. A page that holds nothing yet says nothing of how far it looked (best match
   * near a point that stopped between two bands: it spent what one page may) is followed at once,
   * a few times at most, so the person is not asked to press "more" for an empty page.
   */
  /** A first page that holds nothing and says nothing of a distance, but goes on: its next page. */
  async settle(): Promise<void> {
    if (this.items.length === 0 && this.nextCursor && this.searchedKm === null) await this.loadMore();
  }

  async loadMore(): Promise<void> {
    if (!this.nextCursor || this.loading) return;
    this.loading = true;
    this.error = null;
    try {
      for (let followed = 0; this.nextCursor && followed < EMPTY_PAGES_FOLLOWED; followed++) {
        const page = await this.#fetchPage(this.nextCursor);
        this.items = [...this.items, ...page.items];
        this.nextCursor = page.nextCursor;
        this.searchedKm = page.searchedKm ?? null;
        if (page.items.length > 0 || page.searchedKm !== undefined) break;
      }
    } catch (e) {
      this.error = e instanceof ApiError ? e.message : String(e);
    } finally {
      this.loading = false;
    }
  }
}
