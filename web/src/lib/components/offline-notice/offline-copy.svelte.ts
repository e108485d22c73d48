/**
 * Whether the page on screen shows answers the service worker served from its offline copy
 * (web/src/service-worker.ts), and from when. `$lib/api` reports every such answer; answers that
 * arrive while a navigation loads count for the page being navigated to, so a fresh page never
 * inherits the previous page's warning and an offline page never loses it.
 */

/** Added by the service worker to an answer it took from its offline copy: when it was fetched. */
export const OFFLINE_COPY_HEADER = 'X-Omloop-Cached-At';

class OfflineCopy {
  /** When the oldest offline copy on this page was fetched (ISO time, '' if unknown); null: none. */
  cachedAt = $state<string | null>(null);
  /** Collects for the page being navigated to; null when no navigation is loading. */
  #next: { cachedAt: string | null } | null = null;

  /** An answer came from the offline copy fetched at `cachedAt`. */
  note(cachedAt: string): void {
    const target = this.#next ?? this;
    if (target.cachedAt === null || cachedAt < target.cachedAt) target.cachedAt = cachedAt;
  }

  /** A navigation starts loading a new page. */
  begin(): void {
    this.#next = { cachedAt: null };
  }

  /** The navigation finished: its page is on screen now. */
  commit(): void {
    if (!this.#next) return;
    this.cachedAt = this.#next.cachedAt;
    this.#next = null;
  }

  /** The navigation failed or was cancelled: the old page stays. */
  abort(): void {
    this.#next = null;
  }
}

export const offlineCopy = new OfflineCopy();
