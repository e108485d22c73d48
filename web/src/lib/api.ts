/**
 * The one typed client of the Omloop API (/api/v1). Every failure becomes an ApiError, parsed
 * from the API's single error envelope by `parseError`, with field errors keyed by path.
 */
import type { TLocale } from '$shared/common.schemas';
import type { CategoryNode } from '$shared/taxonomy';
import { accountsApi } from './api/accounts';
import { hubsApi, invitesApi } from './api/hubs';
import { listingsApi } from './api/listings';
import { bookingsApi, machinesApi } from './api/machines';
import { requestsApi } from './api/requests';
import { trainingsApi } from './api/trainings';
import { hasPreloaded, takePreloaded } from './preloaded';
import { operation, type Operation, type Query, type RequestOptions } from './api/operation';
import { OFFLINE_COPY_HEADER, offlineCopy } from './components/offline-notice/offline-copy.svelte';

export const API_BASE = '/api/v1';

/** The OpenAPI document itself (served next to the operations it describes, not one of them). */
// eslint-disable-next-line no-restricted-syntax -- the document is not an operation of itself
const OPENAPI_DOCUMENT: Operation = { method: 'GET', path: '/openapi.json' };

/** Field errors keyed by path ("quantity", "lengthMm"); "" for errors about the whole form. */
export type FieldErrors = Record<string, string>;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  readonly fields: FieldErrors;

  constructor(options: {
    status: number;
    code: string;
    message: string;
    requestId?: string | null;
    fields?: FieldErrors;
  }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.requestId = options.requestId ?? null;
    this.fields = options.fields ?? {};
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The one parser of the error envelope `{ error: { code, message, requestId, details?: { fields? } } }`.
 * Tolerates bodies that are not envelopes (a proxy's HTML page) by falling back to `fallbackMessage`.
 */
export function parseError(status: number, body: unknown, fallbackMessage: string): ApiError {
  const err = isRecord(body) && isRecord(body.error) ? body.error : null;
  const fields: FieldErrors = {};
  const details = err && isRecord(err.details) ? err.details : null;
  if (details && Array.isArray(details.fields)) {
    for (const f of details.fields) {
      if (isRecord(f) && typeof f.path === 'string' && typeof f.message === 'string' && !(f.path in fields))
        fields[f.path] = f.message;
    }
  }
  return new ApiError({
    status,
    code: err && typeof err.code === 'string' ? err.code : `HTTP_${status}`,
    message: err && typeof err.message === 'string' ? err.message : fallbackMessage,
    requestId: err && typeof err.requestId === 'string' ? err.requestId : null,
    fields,
  });
}

export type ApiClientOptions = {
  fetch?: typeof fetch;
  /** The UI locale, sent as Accept-Language so messages come back in it. */
  locale: () => TLocale;
  /** Messages for failures that have no envelope (network down, odd responses). */
  messages: () => { networkError: string; unknownError: string };
};

/** Query string from the defined, non-empty values of `query`. */
export function toSearchParams(query: Query): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  return params;
}

export type OpenApiDocument = {
  openapi: string;
  info?: { title?: string; version?: string; description?: string };
  tags?: { name: string; description?: string }[];
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown> };
};

/** What one API request needs; area clients (exchanges, matching, …) send theirs through it too. */
export type ApiRequest = RequestOptions & {
  fetchFn: typeof fetch;
  locale: string;
  messages: { networkError: string; unknownError: string };
  method: string;
  path: string;
  headers?: Record<string, string>;
};

/** One API call: JSON or form body, the reader's language, and the one error envelope parsed. */
export async function apiRequest<T>(r: ApiRequest): Promise<T> {
  const qs = r.query ? toSearchParams(r.query).toString() : '';
  const url = `${API_BASE}${r.path}${qs ? `?${qs}` : ''}`;
  // The page's HTML may already hold this answer (the Worker asked for it with the same cookie).
  if (r.method === 'GET' && hasPreloaded(url)) return takePreloaded(url) as T;
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': r.locale,
    ...r.headers,
  };
  let body: BodyInit | undefined;
  if (r.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(r.json);
  } else if (r.form) body = r.form;

  let res: Response;
  try {
    res = await r.fetchFn(url, {
      method: r.method,
      headers,
      body,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK', message: r.messages.networkError });
  }
  // The service worker answered from its offline copy: the page must say so (OfflineNotice).
  const cachedAt = res.headers.get(OFFLINE_COPY_HEADER);
  if (cachedAt !== null) offlineCopy.note(cachedAt);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null; // not JSON (a proxy's error page): parseError falls back to a generic message
  }
  if (!res.ok) throw parseError(res.status, data, r.messages.unknownError);
  return data as T;
}

export function createApi({ fetch: fetchFn = fetch, locale, messages }: ApiClientOptions) {
  const call = <T>({ method, path }: Operation, o: RequestOptions = {}) =>
    apiRequest<T>({ fetchFn, locale: locale(), messages: messages(), method, path, ...o });

  return {
    health: () => call<{ status: string }>(operation('GET /health')),
    ...accountsApi(call),
    categories: () => call<{ items: CategoryNode[] }>(operation('GET /categories')),
    hubs: hubsApi(call),
    invites: invitesApi(call),
    listings: listingsApi(call),
    requests: requestsApi(call),
    machines: machinesApi(call),
    bookings: bookingsApi(call),
    trainings: trainingsApi(call),
    openapi: () => call<OpenApiDocument>(OPENAPI_DOCUMENT),
  };
}

export type Api = ReturnType<typeof createApi>;
