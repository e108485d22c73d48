/** State and submit flow of the request form (create and edit), validated with the API's schemas. */
import { type TLocale, type TUnit } from '$shared/common.schemas';
import { ZRequestInput, ZRequestPatch, type TRequest } from '$shared/requests.schemas';
import { ApiError, type FieldErrors } from '$lib/api';
import type { AppState } from '$lib/app-state.svelte';
import { toNumber, validate } from '$lib/validation';

export type RequestValues = {
  title: string;
  description: string;
  category: string;
  quantity: string;
  unit: TUnit;
  minLengthMm: string;
  minWidthMm: string;
  minThicknessMm: string;
  neededBy: string;
  fetchRadiusKm: string;
  status: 'open' | 'fulfilled';
  hub: string;
  /** The language the request is written in (the author's by default). */
  lang: TLocale;
};

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export class RequestFormState {
  values = $state<RequestValues>() as RequestValues;
  errors = $state<FieldErrors>({});
  formError = $state<string | null>(null);
  saving = $state(false);
  readonly request: TRequest | null;

  constructor(request: TRequest | null, defaultHub: string, defaultLang: TLocale) {
    this.request = request;
    this.values = {
      title: request?.title ?? '',
      description: request?.description ?? '',
      category: request?.category ?? '',
      quantity: text(request?.quantity),
      unit: request?.unit ?? 'pieces',
      minLengthMm: text(request?.minLengthMm),
      minWidthMm: text(request?.minWidthMm),
      minThicknessMm: text(request?.minThicknessMm),
      neededBy: request?.neededBy ?? '',
      fetchRadiusKm: text(request?.fetchRadiusKm ?? 50),
      status: request?.status === 'fulfilled' ? 'fulfilled' : 'open',
      hub: request?.hub.slug ?? defaultHub,
      lang: request?.lang ?? defaultLang,
    };
  }

  payload() {
    const v = this.values;
    return {
      title: v.title,
      description: v.description,
      category: v.category || undefined,
      quantity: toNumber(v.quantity) ?? undefined,
      unit: v.unit,
      minLengthMm: toNumber(v.minLengthMm),
      minWidthMm: toNumber(v.minWidthMm),
      minThicknessMm: toNumber(v.minThicknessMm),
      neededBy: v.neededBy || null,
      fetchRadiusKm: toNumber(v.fetchRadiusKm) ?? undefined,
      lang: v.lang,
    };
  }

  async submit(app: AppState): Promise<TRequest | null> {
    const api = app.api();
    this.formError = null;
    this.errors = {};
    const body = this.payload();
    const check = this.request
      ? validate(ZRequestPatch, { ...body, status: this.values.status }, app.locale)
      : validate(ZRequestInput, { ...body, hub: this.values.hub || undefined }, app.locale);
    if (!check.ok) {
      this.errors = check.fields;
      this.formError = check.fields[''] ?? app.m.common.fixErrors;
      return null;
    }
    this.saving = true;
    try {
      return this.request
        ? await api.requests.patch(this.request.id, { ...body, status: this.values.status } as Parameters<
            typeof api.requests.patch
          >[1])
        : await api.requests.create({
            ...(body as Parameters<typeof api.requests.create>[0]),
            hub: this.values.hub,
          });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.errors = e.fields;
      this.formError = e.message;
      return null;
    } finally {
      this.saving = false;
    }
  }
}
