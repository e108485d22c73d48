/** State and submit flow of the listing form (create and edit), validated with the API's schemas. */
import { type TCondition, type TListingKind, type TUnit } from '$shared/common.schemas';
import { listingIssues, ZListingInput, ZListingPatch, type TListing } from '$shared/listings.schemas';
import { type TPhoto } from '$shared/photos.schemas';
import { ApiError, type FieldErrors } from '$lib/api';
import type { AppState } from '$lib/app-state.svelte';
import { errorText } from '$lib/loaded.svelte';
import { PhotoQueue } from '$lib/components/photo-picker/photo-queue.svelte';
import { toNumber, ruleMessage, validate } from '$lib/validation';

export type ListingValues = {
  kind: TListingKind;
  title: string;
  description: string;
  category: string;
  quantity: string;
  unit: TUnit;
  lengthMm: string;
  widthMm: string;
  thicknessMm: string;
  condition: TCondition;
  priceType: 'free' | 'swap' | 'amount';
  price: string;
  availableFrom: string;
  availableUntil: string;
  hub: string;
  /** The machine a machine_time listing offers (its id as text; '' is none). */
  machineId: string;
};

const text = (n: number | null) => (n === null ? '' : String(n));

function initialValues(listing: TListing | null, hub: string): ListingValues {
  return {
    kind: listing?.kind ?? 'offcut',
    title: listing?.title ?? '',
    description: listing?.description ?? '',
    category: listing?.category ?? '',
    quantity: listing ? String(listing.quantity) : '',
    unit: listing?.unit ?? 'pieces',
    lengthMm: text(listing?.lengthMm ?? null),
    widthMm: text(listing?.widthMm ?? null),
    thicknessMm: text(listing?.thicknessMm ?? null),
    condition: listing?.condition ?? 'good',
    priceType: listing?.priceType ?? 'free',
    price: listing?.priceCents != null ? (listing.priceCents / 100).toFixed(2) : '',
    availableFrom: listing?.availableFrom ?? '',
    availableUntil: listing?.availableUntil ?? '',
    hub: listing?.hub.slug ?? hub,
    machineId: listing?.machineId != null ? String(listing.machineId) : '',
  };
}

export class ListingFormState {
  values = $state<ListingValues>() as ListingValues;
  errors = $state<FieldErrors>({});
  formError = $state<string | null>(null);
  saving = $state(false);
  /** The saved listing: set from the start when editing, and after the first save when creating. */
  saved = $state<TListing | null>(null);
  existingPhotos = $state<TPhoto[]>([]);
  readonly photos = new PhotoQueue();

  constructor(listing: TListing | null, defaultHub: string) {
    this.values = initialValues(listing, defaultHub);
    this.saved = listing;
    this.existingPhotos = listing?.photos ?? [];
  }

  /** The body sent to the API, from the form's text values. */
  payload() {
    const v = this.values;
    const quantity = toNumber(v.quantity);
    const price = toNumber(v.price);
    return {
      kind: v.kind,
      title: v.title,
      description: v.description,
      category: v.category || undefined,
      quantity: quantity ?? undefined,
      unit: v.unit,
      lengthMm: toNumber(v.lengthMm),
      widthMm: toNumber(v.widthMm),
      thicknessMm: toNumber(v.thicknessMm),
      condition: v.condition,
      priceType: v.priceType,
      priceCents: v.priceType === 'amount' && price !== null ? Math.round(price * 100) : null,
      availableFrom: v.availableFrom || null,
      availableUntil: v.availableUntil || null,
      machineId: v.kind === 'machine_time' && v.machineId ? Number(v.machineId) : null,
    };
  }

  /** Validate, save, then upload the chosen photos. Resolves to the listing once all of it worked. */
  async submit(app: AppState): Promise<TListing | null> {
    const { locale, m } = app;
    const api = app.api();
    this.formError = null;
    this.errors = {};
    const body = this.payload();

    const editing = this.saved;
    const check = editing
      ? validate(ZListingPatch, body, locale)
      : validate(ZListingInput, { ...body, hub: this.values.hub || undefined }, locale);
    const fields: FieldErrors = check.ok ? {} : check.fields;
    if (editing)
      for (const issue of listingIssues(body))
        fields[issue.path] ??= ruleMessage(issue.message, locale, issue.path);
    if (Object.keys(fields).length) {
      this.errors = fields;
      this.formError = fields[''] ?? m.common.fixErrors;
      return null;
    }

    this.saving = true;
    try {
      const listing = editing
        ? await api.listings.patch(editing.id, body as Parameters<typeof api.listings.patch>[1])
        : await api.listings.create({
            ...(body as Parameters<typeof api.listings.create>[0]),
            hub: this.values.hub,
          });
      this.saved = listing;
      const uploaded = await this.photos.uploadAll(api, listing.id, m.common.unknownError);
      return uploaded ? listing : null;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.errors = e.fields;
      this.formError = e.message;
      return null;
    } finally {
      this.saving = false;
    }
  }

  async removePhoto(app: AppState, photo: TPhoto): Promise<void> {
    if (!this.saved) return;
    try {
      await app.api().listings.deletePhoto(this.saved.id, photo.id);
      this.existingPhotos = this.existingPhotos.filter((p) => p.id !== photo.id);
    } catch (e) {
      this.formError = errorText(app, e);
    }
  }
}
