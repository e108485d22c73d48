import type { TCondition, TListingKind, TUnit } from '../../shared/common.schemas';
import type { TListing, TListingInput, TListingPatch } from '../../shared/listings.schemas';

/** What a listing offers, as its repo stores it (imports stage and streams publish the same values). */
export type ListingValues = {
  kind: TListingKind;
  title: string;
  description: string;
  category: string;
  quantityMilli: number;
  unit: TUnit;
  lengthMm: number | null;
  widthMm: number | null;
  thicknessMm: number | null;
  condition: TCondition;
  priceType: 'free' | 'swap' | 'amount';
  priceCents: number | null;
  availableFrom: string | null;
  availableUntil: string | null;
  /** The machine a machine_time listing offers (listings only; imports and streams leave it unset). */
  machineId?: number | null;
};

/** Quantities travel as decimals and are kept as integers of thousandths. */
export const toMilli = (q: number) => Math.round(q * 1000);
export const fromMilli = (m: number) => m / 1000;

/** The stored columns of what a listing offers (a stream stores the same for each occurrence). */
export type OfferRow = {
  kind: TListing['kind'];
  title: string;
  description: string;
  category: string;
  quantity_milli: number;
  unit: TListing['unit'];
  length_mm: number | null;
  width_mm: number | null;
  thickness_mm: number | null;
  condition: TListing['condition'];
  price_type: TListing['priceType'];
  price_cents: number | null;
};

/** What a stored listing or stream offers, as the API shows it. */
export function offerOf(r: OfferRow) {
  return {
    kind: r.kind,
    title: r.title,
    description: r.description,
    category: r.category,
    quantity: fromMilli(r.quantity_milli),
    unit: r.unit,
    lengthMm: r.length_mm,
    widthMm: r.width_mm,
    thicknessMm: r.thickness_mm,
    condition: r.condition,
    priceType: r.price_type,
    priceCents: r.price_cents,
  };
}

/** The stored values of a new listing. */
export function newListingValues(input: Omit<TListingInput, 'hub'>): ListingValues {
  return {
    kind: input.kind,
    title: input.title,
    description: input.description ?? '',
    category: input.category,
    quantityMilli: toMilli(input.quantity),
    unit: input.unit,
    lengthMm: input.lengthMm ?? null,
    widthMm: input.widthMm ?? null,
    thicknessMm: input.thicknessMm ?? null,
    condition: input.condition,
    priceType: input.priceType ?? 'free',
    priceCents: input.priceType === 'amount' ? (input.priceCents ?? null) : null,
    availableFrom: input.availableFrom ?? null,
    availableUntil: input.availableUntil ?? null,
    machineId: input.kind === 'machine_time' ? (input.machineId ?? null) : null,
  };
}

/** The listing as it would be after an edit, for the cross-field rules. */
export function mergedForRules(current: TListing, patch: TListingPatch) {
  const pick = <K extends keyof TListingPatch & keyof TListing>(k: K) => (k in patch ? patch[k] : current[k]);
  return {
    kind: pick('kind'),
    unit: pick('unit'),
    priceType: pick('priceType'),
    priceCents: pick('priceCents'),
    availableFrom: pick('availableFrom'),
    availableUntil: pick('availableUntil'),
    // Changing the kind away from machine time lets the machine go (unless the edit names one).
    machineId: 'machineId' in patch || patch.kind === undefined ? pick('machineId') : null,
  };
}

/** The stored values an edit changes. */
export function patchValues(patch: TListingPatch): Partial<ListingValues> {
  const out: Partial<ListingValues> = {};
  const copy = <K extends keyof ListingValues & keyof TListingPatch>(k: K) => {
    if (patch[k] !== undefined) (out as Record<string, unknown>)[k] = patch[k];
  };
  (['kind', 'title', 'description', 'category', 'unit', 'condition', 'priceType'] as const).forEach(copy);
  (
    [
      'lengthMm',
      'widthMm',
      'thicknessMm',
      'priceCents',
      'availableFrom',
      'availableUntil',
      'machineId',
    ] as const
  ).forEach(copy);
  // Only machine time names a machine: another kind lets it go.
  if (patch.kind !== undefined && patch.kind !== 'machine_time') out.machineId = null;
  if (patch.quantity !== undefined) out.quantityMilli = toMilli(patch.quantity);
  // Switching away from a paid price clears the amount.
  if (patch.priceType !== undefined && patch.priceType !== 'amount') out.priceCents = null;
  return out;
}
