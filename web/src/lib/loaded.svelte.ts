/** Sections that load their own data from the API, and the words for a failed call. */
import { ApiError } from '$lib/api';
import type { AppState } from '$lib/app-state.svelte';

/** What a person reads when a call fails: the API's message in their language, else a generic one. */
export function errorText(app: AppState, e: unknown): string {
  return e instanceof ApiError ? e.message : app.m.common.unknownError;
}

/** A section's data, loaded (again whenever its input changes) from the API, or the error to show. */
export class Loaded<T> {
  data = $state<T | null>(null);
  error = $state<string | null>(null);
  /** True while `loadWhile` waits to ask again. */
  waiting = $state(false);
  readonly #app: AppState;

  constructor(app: AppState) {
    this.#app = app;
  }

  async load(fetcher: () => Promise<T>): Promise<void> {
    try {
      this.data = await fetcher();
      this.error = null;
    } catch (e) {
      this.error = errorText(this.#app, e);
    }
  }

  /**
   * `load`, then again every `delayMs` while `waitFor(data)` holds, at most `tries` more times or
   * until `cancelled()`: for what the API works out right after a write (the matches of a request
   * or listing just saved, computed after the answer), so that the person does not read "none yet"
   * a second before they come.
   */
  async loadWhile(
    fetcher: () => Promise<T>,
    waitFor: (data: T) => boolean,
    o: { tries: number; delayMs: number; cancelled: () => boolean },
  ): Promise<void> {
    await this.load(fetcher);
    try {
      for (let i = 0; i < o.tries && !o.cancelled() && this.data !== null && waitFor(this.data); i++) {
        this.waiting = true;
        await new Promise((resolve) => setTimeout(resolve, o.delayMs));
        if (o.cancelled()) break;
        await this.load(fetcher);
      }
    } finally {
      this.waiting = false;
    }
  }

  /**
   * For an `$effect`: loads now and, when `fresh` (what the section follows was just saved), asks
   * again while `waitFor` holds (`loadWhile`, JUST_SAVED). Returns the effect's cleanup, which
   * stops the asking again.
   */
  follow(fetcher: () => Promise<T>, fresh: boolean, waitFor: (data: T) => boolean): () => void {
    let cancelled = false;
    void (fresh
      ? this.loadWhile(fetcher, waitFor, { ...JUST_SAVED, cancelled: () => cancelled })
      : this.load(fetcher));
    return () => {
      cancelled = true;
    };
  }
}

/** How long a section just saved asks again for what follows it: `tries` × `delayMs`. */
const JUST_SAVED = { tries: 6, delayMs: 1500 } as const;
