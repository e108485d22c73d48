import { afterNavigate } from '$app/navigation';

/** How often an open, visible page re-counts what waits in the header (bell, tasks). */
export const RECOUNT_MS = 60_000;

/**
 * Calls `refresh` on every navigation, every `everyMs` while the page is visible, and when it
 * becomes visible again. Call it during a component's initialisation; a failed refresh should keep
 * the last count (the caller catches).
 */
export function recountWhileVisible(refresh: () => Promise<void>, everyMs: number = RECOUNT_MS): void {
  afterNavigate(() => void refresh());
  $effect(() => {
    const whenVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    const timer = window.setInterval(whenVisible, everyMs);
    document.addEventListener('visibilitychange', whenVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', whenVisible);
    };
  });
}
