/** State and submit flow of the listing form (create and edit), validated with the API's schemas. */
import { type TCondition, type TListingKind, type TUnit } from '$shared/common.schemas';
import { listingIssues, ZListingInput, ZListingPatch, type TListing } from '$shared/listings.schemas';
import { ApiError, type FieldErrors } from '$lib/api';
import type { AppState } from '$lib/app-state.svelte';
import { newIdempotencyKey } from '$lib/api/exchanges';
import { PhotoSet } from '$lib/components/photo-picker/photo-set.svelte';
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

function initialValues(listing: TListing | null, hub: string, start: Partial<ListingValues>): ListingValues {
  return {
    kind: listing?.kind ?? start.kind ?? 'offcut',
    title: listing?.title ?? start.title ?? '',
    description: listing?.description ?? '',
    category: listing?.category ?? start.category ?? '',
    quantity: listing ? String(listing.quantity) : (start.quantity ?? ''),
    unit: listing?.unit ?? start.unit ?? 'pieces',
    lengthMm: listing ? text(listing.lengthMm) : (start.lengthMm ?? ''),
    widthMm: listing ? text(listing.widthMm) : (start.widthMm ?? ''),
    thicknessMm: listing ? text(listing.thicknessMm) : (start.thicknessMm ?? ''),
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
  /** What the form is doing while saving: making the photos smaller, then sending. */
  phase = $state<'idle' | 'preparing' | 'sending'>('idle');
  readonly saving = $derived(this.phase !== 'idle');
  /** The saved listing: set from the start when editing. */
  saved = $state<TListing | null>(null);
  readonly photos: PhotoSet;
  /** One key per listing being published: a retry (lost answer, second tap) cannot make two. */
  readonly #key = newIdempotencyKey();

  /** `start`: what a new listing's fields begin with (an offer for a request: its category, quantity, sizes). */
  constructor(listing: TListing | null, defaultHub: string, start: Partial<ListingValues> = {}) {
    this.values = initialValues(listing, defaultHub, start);
    this.saved = listing;
    this.photos = new PhotoSet(listing?.photos ?? []);
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

  /**
   * Validates, then publishes the listing with its photos in one request (editing: the photos and
   * the fields in one request). Resolves to the listing once all of it was written; on a refusal
   * everything typed and chosen stays, and the refused photo is named next to it.
   */
  async submit(app: AppState): Promise<TListing | null> {
    const { locale, m } = app;
    this.formError = null;
    this.errors = {};
    this.photos.clearRefusals();
    const body = this.payload();

    const editing = this.saved;
    const input = { ...body, hub: this.values.hub || undefined };
    const check = editing ? validate(ZListingPatch, body, locale) : validate(ZListingInput, input, locale);
    const fields: FieldErrors = check.ok ? {} : check.fields;
    if (editing)
      for (const issue of listingIssues(body))
        fields[issue.path] ??= ruleMessage(issue.message, locale, issue.path);
    if (Object.keys(fields).length) {
      this.errors = fields;
      this.formError = fields[''] ?? m.common.fixErrors;
      return null;
    }

    try {
      this.phase = 'preparing';
      const uploads = await this.photos.uploads();
      this.phase = 'sending';
      const listings = app.api().listings;
      if (!editing)
        return await listings.publish(
          { ...(body as Parameters<typeof listings.publish>[0]), hub: this.values.hub },
          uploads,
          this.#key,
        );
      const patch = body as Parameters<typeof listings.patch>[1];
      // The photos and the fields in one request when the photos changed: all of it, or nothing.
      return this.photos.changed
        ? await listings.setPhotos(editing.id, this.photos.order(), uploads, patch)
        : await listings.patch(editing.id, patch);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.code === 'PHOTO_REFUSED') {
        this.photos.showRefusals(e.fields);
        this.formError = editing ? m.photos.refusedEdit : m.photos.refused;
        return null;
      }
      this.errors = e.fields;
      this.formError = e.message;
      return null;
    } finally {
      this.phase = 'idle';
    }
  }
}
