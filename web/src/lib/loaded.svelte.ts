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
}
