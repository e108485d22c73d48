/** State and submit flow of the hub form (create and edit), validated with the API's schemas. */
import { type THubKind } from '$shared/common.schemas';
import { ZHubInput, ZHubPatch, type THub } from '$shared/hubs.schemas';
import { ApiError, type FieldErrors } from '$lib/api';
import type { AppState } from '$lib/app-state.svelte';
import { toNumber, validate } from '$lib/validation';

export type HubValues = {
  slug: string;
  name: string;
  city: string;
  country: string;
  kind: THubKind;
  lat: string;
  lon: string;
  description: string;
  website: string;
  timezone: string;
};

/** The time zones offered for a hub (the network's countries); the API accepts any IANA name. */
export const HUB_TIMEZONES = [
  'Europe/Brussels',
  'Europe/Amsterdam',
  'Europe/Luxembourg',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/London',
] as const;

export class HubFormState {
  values = $state<HubValues>() as HubValues;
  errors = $state<FieldErrors>({});
  formError = $state<string | null>(null);
  saving = $state(false);
  readonly hub: THub | null;

  constructor(hub: THub | null) {
    this.hub = hub;
    this.values = {
      slug: hub?.slug ?? '',
      name: hub?.name ?? '',
      city: hub?.city ?? '',
      country: hub?.country ?? 'BE',
      kind: hub?.kind ?? 'fab_lab',
      lat: hub ? String(hub.lat) : '',
      lon: hub ? String(hub.lon) : '',
      description: hub?.description ?? '',
      website: hub?.website ?? '',
      timezone: hub?.timezone ?? 'Europe/Brussels',
    };
  }

  payload() {
    const v = this.values;
    return {
      name: v.name,
      city: v.city,
      country: v.country.trim().toUpperCase(),
      kind: v.kind,
      lat: toNumber(v.lat) ?? undefined,
      lon: toNumber(v.lon) ?? undefined,
      description: v.description,
      website: v.website.trim() || null,
      timezone: v.timezone,
    };
  }

  async submit(app: AppState): Promise<THub | null> {
    const api = app.api();
    this.formError = null;
    this.errors = {};
    const body = this.payload();
    const check = this.hub
      ? validate(ZHubPatch, body, app.locale)
      : validate(ZHubInput, { ...body, slug: this.values.slug.trim() }, app.locale);
    if (!check.ok) {
      this.errors = check.fields;
      this.formError = check.fields[''] ?? app.m.common.fixErrors;
      return null;
    }
    this.saving = true;
    try {
      if (this.hub) return await api.hubs.patch(this.hub.slug, body as Parameters<typeof api.hubs.patch>[1]);
      const hub = await api.hubs.create({
        ...(body as Parameters<typeof api.hubs.create>[0]),
        slug: this.values.slug.trim(),
      });
      // The creator is now its manager: refresh memberships so forms offer the new hub.
      app.signedIn(await api.me());
      return hub;
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
