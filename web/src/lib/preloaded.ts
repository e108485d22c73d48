/**
 * Answers the Worker put into the page's HTML (src/http/page-data.ts): who is signed in and the
 * listing or request the page shows, asked of the API with the person's own cookie. The first
 * request for such a path takes its answer instead of going out; each is taken once, and what the
 * first page did not take is dropped when it has loaded (`dropPreloaded`), so a later visit to
 * that page in the same tab asks the API again.
 */
import { PAGE_DATA_ID } from '$shared/constants';

let answers: Map<string, unknown> | null = null;

function read(): Map<string, unknown> {
  if (answers) return answers;
  answers = new Map();
  if (typeof document === 'undefined') return answers;
  const el = document.getElementById(PAGE_DATA_ID);
  if (!el) return answers;
  try {
    const parsed: unknown = JSON.parse(el.textContent ?? '');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      for (const [path, body] of Object.entries(parsed)) answers.set(path, body);
  } catch {
    // a damaged block: the app asks the API as usual
  }
  el.remove();
  return answers;
}

/** Whether an answer for `path` (e.g. "/api/v1/auth/session") waits in the page. */
export function hasPreloaded(path: string): boolean {
  return read().has(path);
}

/** The answer for `path`, taken out of the page; `undefined` when there is none. */
export function takePreloaded(path: string): unknown {
  const all = read();
  if (!all.has(path)) return undefined;
  const body = all.get(path);
  all.delete(path);
  return body;
}

/** Forget what the first page did not take. */
export function dropPreloaded(): void {
  read().clear();
}
