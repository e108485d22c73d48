/**
 * The app's session and language, as rune state. One instance is made by the root layout's
 * load (so page loads reach it through `parent()`) and handed to components by context.
 */
import { getContext, setContext } from 'svelte';
import type { TMe } from '$shared/accounts.schemas';
import type { TLocale } from '$shared/common.schemas';
import type { THubSummary } from '$shared/hubs.schemas';
import { API_BASE, ApiError, createApi, type Api } from './api';
import { operation } from './api/operation';
import { DEFAULT_LOCALE, loadMessages, matchLocale, messagesOf } from './i18n';
import { hasPreloaded } from './preloaded';

const STORAGE_KEY = 'omloop.locale';
/**
 * A signed-in person's choice whose save has not been answered yet, as `{ user, locale }`: a
 * reload or a click away right after choosing cancels the save, and the account's old language
 * would come back on the next page. The next start sends it again instead.
 */
const UNSAVED_KEY = 'omloop.locale.unsaved';
/** Where the session is asked (and found in a page's first data, preloaded.ts). */
const SESSION_PATH = API_BASE + operation('GET /auth/session').path;
/** Error texts of the one call made before any messages are loaded; its errors are never shown. */
const NO_MESSAGES = { networkError: '', unknownError: '' };

function storedLocale(): TLocale | null {
  try {
    return matchLocale(localStorage.getItem(STORAGE_KEY));
  } catch {
    return null; // storage can be disabled (private mode, policies)
  }
}

function storeLocale(locale: TLocale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // not remembered across visits; the choice still applies now
  }
}

function unsavedLocale(user: number): TLocale | null {
  try {
    const raw = JSON.parse(localStorage.getItem(UNSAVED_KEY) ?? 'null') as unknown;
    if (raw && typeof raw === 'object' && 'user' in raw && 'locale' in raw && raw.user === user) {
      return matchLocale(typeof raw.locale === 'string' ? raw.locale : null);
    }
  } catch {
    // unreadable or disabled storage: nothing is waiting
  }
  return null;
}

function markUnsaved(value: { user: number; locale: TLocale } | null): void {
  try {
    if (value) localStorage.setItem(UNSAVED_KEY, JSON.stringify(value));
    else localStorage.removeItem(UNSAVED_KEY);
  } catch {
    // without storage a cancelled save is simply lost, as before
  }
}

/** Stored choice, else the browser's first supported language, else Dutch. */
export function initialLocale(): TLocale {
  const stored = storedLocale();
  if (stored) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}

export class AppState {
  me = $state<TMe | null>(null);
  /** Changes only once its messages are loaded (applyLocale), so `m` is always there. */
  locale = $state<TLocale>(DEFAULT_LOCALE);
  readonly m = $derived(messagesOf(this.locale));
  /** The first hub the user belongs to: the default hub for forms and "near my hub". */
  readonly firstHub = $derived<THubSummary | null>(this.me?.memberships[0]?.hub ?? null);

  /** A client bound to this state's language; pass a load's `fetch` when there is one. */
  api(fetchFn?: typeof fetch): Api {
    return createApi({ fetch: fetchFn, locale: () => this.locale, messages: () => this.m.common });
  }

  /**
   * Who is signed in and their language, before the first page renders. The session is asked
   * while the language guessed from the browser loads (often it is already in the page, see
   * preloaded.ts); a signed-in person's own language wins, as it always did.
   */
  async init(fetchFn?: typeof fetch): Promise<void> {
    const guessed = initialLocale();
    // Loaded alongside the session, unless the page already says who is signed in.
    if (!hasPreloaded(SESSION_PATH)) void loadMessages(guessed).catch(() => undefined);
    let me: TMe | null = null;
    try {
      // 200 signed in or out: a signed-out first visit logs no failed request. Its error texts
      // are never shown (the app goes on signed out), so it needs no messages yet.
      const api = createApi({ fetch: fetchFn, locale: () => guessed, messages: () => NO_MESSAGES });
      ({ me } = await api.session());
    } catch (e) {
      // an API error leaves the app usable signed out
      if (!(e instanceof ApiError)) throw e;
    }
    if (me) this.me = me;
    const unsaved = me ? unsavedLocale(me.user.id) : null;
    if (me && unsaved && unsaved !== me.user.locale) {
      // chosen here last time, and the save never answered: the choice wins, and is sent again
      await this.applyLocale(unsaved);
      void this.saveLocale(unsaved);
      return;
    }
    if (unsaved) markUnsaved(null);
    await this.applyLocale(me ? me.user.locale : guessed);
  }

  /** Adopt a freshly fetched or logged-in user, and their language. */
  signedIn(me: TMe): void {
    this.me = me;
    void this.applyLocale(me.user.locale);
  }

  signedOut(): void {
    this.me = null;
  }

  /** Switch language now, remember it, and save it on the account when signed in. */
  async setLocale(locale: TLocale): Promise<void> {
    await this.applyLocale(locale);
    if (!this.me) return;
    if (this.me.user.locale !== locale) await this.saveLocale(locale);
    else markUnsaved(null); // back to the account's own: an unsaved earlier choice is void
  }

  /** Saves the language on the account; until the answer comes, the choice is kept as unsaved. */
  private async saveLocale(locale: TLocale): Promise<void> {
    const user = this.me?.user.id;
    if (user === undefined) return;
    markUnsaved({ user, locale });
    try {
      const me = await this.api().patchMe({ locale });
      // a later choice may have been made meanwhile: only its own answer clears the mark
      if (unsavedLocale(user) === locale) markUnsaved(null);
      if (this.me?.user.id === user) this.me = me;
    } catch (e) {
      // refused by the server: not worth sending again; a lost connection is (next start)
      if (e instanceof ApiError && e.status < 500 && e.status !== 0) markUnsaved(null);
    }
  }

  isMemberOf(slug: string): boolean {
    return this.me?.memberships.some((ms) => ms.hub.slug === slug) ?? false;
  }

  private async applyLocale(locale: TLocale): Promise<void> {
    await loadMessages(locale);
    this.locale = locale;
    storeLocale(locale);
    document.documentElement.lang = locale;
  }
}

const KEY = Symbol('omloop.app');

export function setAppContext(app: AppState): AppState {
  return setContext(KEY, app);
}

/** The AppState of the root layout, from any component below it. */
export function getApp(): AppState {
  return getContext<AppState>(KEY);
}
