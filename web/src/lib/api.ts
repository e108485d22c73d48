/**
 * The one typed client of the Omloop API (/api/v1). Every failure becomes an ApiError, parsed
 * from the API's single error envelope by `parseError`, with field errors keyed by path.
 */
import type {
  THub,
  THubInput,
  THubPatch,
  TInvite,
  TInvitePreview,
  TJoinRequest,
  TJoinRequestList,
  TListing,
  TListingInput,
  TListingPage,
  TListingPatch,
  TLocale,
  TMe,
  TMember,
  TMePatch,
  TMembership,
  TPhoto,
  TRequest,
  TRequestInput,
  TRequestPage,
  TRequestPatch,
  TRole,
  TSignupInput,
  TLoginInput,
  TSessionState,
} from '$shared/schemas';
import type { CategoryNode } from '$shared/taxonomy';
import type {
  TAvailability,
  TBooking,
  TCalendarToken,
  TMachine,
  TMachineInput,
  TMachinePatch,
  TPassport,
  TTraining,
  TTrainingInput,
  TTrainingRecord,
  TTrainingRecordInput,
} from '$shared/machines.schemas';
import { operation, type Operation } from './api/operation';
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

type Query = Record<string, string | number | undefined | null>;

type RequestOptions = { query?: Query; json?: unknown; form?: FormData };

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

export type ListingSearchQuery = {
  q?: string;
  kind?: string;
  category?: string;
  hub?: string;
  near?: string;
  radius_km?: number | string;
  condition?: string;
  price?: string;
  available_by?: string;
  /** LxW or LxWxT in mm. */
  fits?: string;
  sort?: string;
  cursor?: string;
  limit?: number;
};
export type RequestSearchQuery = Omit<
  ListingSearchQuery,
  'kind' | 'condition' | 'price' | 'available_by' | 'fits'
>;

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
    res = await r.fetchFn(`${API_BASE}${r.path}${qs ? `?${qs}` : ''}`, {
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
    signup: (input: TSignupInput) => call<TMe>(operation('POST /auth/signup'), { json: input }),
    login: (input: TLoginInput) => call<TMe>(operation('POST /auth/login'), { json: input }),
    logout: () => call<void>(operation('POST /auth/logout')),
    me: () => call<TMe>(operation('GET /me')),
    session: () => call<TSessionState>(operation('GET /auth/session')),
    patchMe: (patch: TMePatch) => call<TMe>(operation('PATCH /me'), { json: patch }),
    categories: () => call<{ items: CategoryNode[] }>(operation('GET /categories')),
    hubs: {
      list: () => call<{ items: THub[] }>(operation('GET /hubs')),
      get: (slug: string) => call<THub>(operation('GET /hubs/{slug}', { slug })),
      create: (input: THubInput) => call<THub>(operation('POST /hubs'), { json: input }),
      patch: (slug: string, patch: THubPatch) =>
        call<THub>(operation('PATCH /hubs/{slug}', { slug }), { json: patch }),
      members: (slug: string) => call<{ items: TMember[] }>(operation('GET /hubs/{slug}/members', { slug })),
      removeMember: (slug: string, userId: number) =>
        call<void>(operation('DELETE /hubs/{slug}/members/{userId}', { slug, userId })),
      createInvite: (slug: string, role: TRole) =>
        call<TInvite>(operation('POST /hubs/{slug}/invites', { slug }), { json: { role } }),
      joinRequests: (slug: string) =>
        call<TJoinRequestList>(operation('GET /hubs/{slug}/join-requests', { slug })),
      askToJoin: (slug: string, message: string) =>
        call<TJoinRequest>(operation('POST /hubs/{slug}/join-requests', { slug }), { json: { message } }),
      decideJoinRequest: (slug: string, id: number, accept: boolean) =>
        call<TJoinRequest>(
          accept
            ? operation('POST /hubs/{slug}/join-requests/{id}/accept', { slug, id })
            : operation('POST /hubs/{slug}/join-requests/{id}/decline', { slug, id }),
        ),
    },
    invites: {
      preview: (token: string) => call<TInvitePreview>(operation('GET /invites/{token}', { token })),
      accept: (token: string) => call<TMembership>(operation('POST /invites/{token}/accept', { token })),
    },
    listings: {
      search: (query: ListingSearchQuery) => call<TListingPage>(operation('GET /listings'), { query }),
      get: (id: number | string) => call<TListing>(operation('GET /listings/{id}', { id })),
      create: (input: TListingInput) => call<TListing>(operation('POST /listings'), { json: input }),
      patch: (id: number, patch: TListingPatch) =>
        call<TListing>(operation('PATCH /listings/{id}', { id }), { json: patch }),
      withdraw: (id: number) => call<TListing>(operation('DELETE /listings/{id}', { id })),
      uploadPhoto: (id: number, photo: Blob, filename: string) => {
        const form = new FormData();
        form.append('photo', photo, filename);
        return call<TPhoto>(operation('POST /listings/{id}/photos', { id }), { form });
      },
      deletePhoto: (id: number, photoId: number) =>
        call<void>(operation('DELETE /listings/{id}/photos/{photoId}', { id, photoId })),
    },
    requests: {
      search: (query: RequestSearchQuery) => call<TRequestPage>(operation('GET /requests'), { query }),
      get: (id: number | string) => call<TRequest>(operation('GET /requests/{id}', { id })),
      create: (input: TRequestInput) => call<TRequest>(operation('POST /requests'), { json: input }),
      patch: (id: number, patch: TRequestPatch) =>
        call<TRequest>(operation('PATCH /requests/{id}', { id }), { json: patch }),
      withdraw: (id: number) => call<TRequest>(operation('DELETE /requests/{id}', { id })),
    },
    machines: {
      list: (query: { hub?: string; type?: string } = {}) =>
        call<{ items: TMachine[] }>(operation('GET /machines'), { query }),
      ofHub: (slug: string) => call<{ items: TMachine[] }>(operation('GET /hubs/{slug}/machines', { slug })),
      get: (id: number | string) => call<TMachine>(operation('GET /machines/{id}', { id })),
      create: (slug: string, input: TMachineInput) =>
        call<TMachine>(operation('POST /hubs/{slug}/machines', { slug }), { json: input }),
      patch: (id: number, patch: TMachinePatch) =>
        call<TMachine>(operation('PATCH /machines/{id}', { id }), { json: patch }),
      availability: (id: number, from: string, to: string) =>
        call<TAvailability>(operation('GET /machines/{id}/availability', { id }), { query: { from, to } }),
      book: (id: number, input: { startsAt: string; endsAt: string; note?: string }) =>
        call<TBooking>(operation('POST /machines/{id}/bookings', { id }), { json: input }),
      bookings: (id: number, from: string, to: string) =>
        call<{ items: TBooking[] }>(operation('GET /machines/{id}/bookings', { id }), {
          query: { from, to },
        }),
      uploadPhoto: (id: number, photo: Blob, filename: string) => {
        const form = new FormData();
        form.append('photo', photo, filename);
        return call<TPhoto>(operation('POST /machines/{id}/photos', { id }), { form });
      },
      deletePhoto: (id: number, photoId: number) =>
        call<void>(operation('DELETE /machines/{id}/photos/{photoId}', { id, photoId })),
    },
    bookings: {
      mine: (scope: 'upcoming' | 'past' | 'all' = 'upcoming') =>
        call<{ items: TBooking[] }>(operation('GET /me/bookings'), { query: { scope } }),
      cancel: (id: number) => call<TBooking>(operation('DELETE /bookings/{id}', { id })),
      calendarToken: () => call<TCalendarToken>(operation('POST /me/calendar-token')),
    },
    trainings: {
      list: (slug: string) => call<{ items: TTraining[] }>(operation('GET /hubs/{slug}/trainings', { slug })),
      create: (slug: string, input: TTrainingInput) =>
        call<TTraining>(operation('POST /hubs/{slug}/trainings', { slug }), { json: input }),
      record: (slug: string, trainingId: number, input: TTrainingRecordInput) =>
        call<TTrainingRecord>(
          operation('POST /hubs/{slug}/trainings/{trainingId}/records', { slug, trainingId }),
          { json: input },
        ),
      accept: (slug: string, trainingId: number, acceptedId: number) =>
        call<TTraining>(
          operation('PUT /hubs/{slug}/trainings/{trainingId}/accepted/{acceptedId}', {
            slug,
            trainingId,
            acceptedId,
          }),
        ),
      passport: () => call<TPassport>(operation('GET /me/passport')),
    },
    openapi: () => call<OpenApiDocument>(OPENAPI_DOCUMENT),
  };
}

export type Api = ReturnType<typeof createApi>;
