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
    if (this.me && this.me.user.locale !== locale) {
      try {
        this.me = await this.api().patchMe({ locale });
      } catch {
        // the UI already switched; the account keeps its old language until the next change
      }
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
