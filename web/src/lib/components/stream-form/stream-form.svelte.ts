/** State and submit flow of the new-stream form, validated with the API's own schema. */
import { ZStreamInput, type TRepeats, type TStreamDetail, type TStreamInput } from '$shared/streams.schemas';
import type { TCondition, TListingKind, TUnit } from '$shared/common.schemas';
import { ApiError, type FieldErrors } from '$lib/api';
import type { AppState } from '$lib/app-state.svelte';
import { streamsApi } from '$lib/api/streams';
import { toNumber, validate } from '$lib/validation';

export type StreamValues = {
  hub: string;
  kind: TListingKind;
  title: string;
  description: string;
  category: string;
  quantity: string;
  unit: TUnit;
  condition: TCondition;
  repeats: TRepeats;
  every: string;
  dayOfMonth: string;
  startDate: string;
  endBy: 'count' | 'date';
  occurrences: string;
  endDate: string;
};

/** Tomorrow as YYYY-MM-DD in the browser's zone: a sensible first date. */
function tomorrow(): string {
  const d = new Date(Date.now() + 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export class StreamFormState {
  values = $state<StreamValues>() as StreamValues;
  errors = $state<FieldErrors>({});
  formError = $state<string | null>(null);
  saving = $state(false);
  /** One key per submitted form: a double tap or a retry creates one stream. */
  private key = crypto.randomUUID();

  constructor(hub: string) {
    this.values = {
      hub,
      kind: 'offcut',
      title: '',
      description: '',
      category: '',
      quantity: '',
      unit: 'kg',
      condition: 'good',
      repeats: 'weekly',
      every: '1',
      dayOfMonth: '',
      startDate: tomorrow(),
      endBy: 'count',
      occurrences: '8',
      endDate: '',
    };
  }

  payload() {
    const v = this.values;
    return {
      kind: v.kind,
      title: v.title,
      description: v.description,
      category: v.category || undefined,
      quantity: toNumber(v.quantity) ?? undefined,
      unit: v.unit,
      condition: v.condition,
      repeats: v.repeats,
      every: toNumber(v.every) ?? undefined,
      ...(v.repeats === 'monthly' && v.dayOfMonth ? { dayOfMonth: toNumber(v.dayOfMonth) } : {}),
      startDate: v.startDate || undefined,
      ...(v.endBy === 'count'
        ? { occurrences: toNumber(v.occurrences) ?? undefined }
        : { endDate: v.endDate || undefined }),
    };
  }

  async submit(app: AppState): Promise<TStreamDetail | null> {
    this.formError = null;
    this.errors = {};
    const body = this.payload();
    const check = validate(ZStreamInput, body, app.locale);
    const fields: FieldErrors = check.ok ? {} : { ...check.fields };
    if (!this.values.hub) fields.hub = app.m.common.required;
    if (Object.keys(fields).length) {
      this.errors = fields;
      this.formError = fields[''] ?? app.m.common.fixErrors;
      return null;
    }
    this.saving = true;
    try {
      return await streamsApi(app).create(this.values.hub, body as TStreamInput, this.key);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.errors = e.fields;
      this.formError = e.message;
      // A refused form is corrected and sent anew: a new action, a new key.
      this.key = crypto.randomUUID();
      return null;
    } finally {
      this.saving = false;
    }
  }
}
