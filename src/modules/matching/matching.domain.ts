/**
 * Matching rules, pure: whether a listing could fill a request, its score and the reasons why.
 * Every weight lives in WEIGHTS (and the factors beside it); nothing here reads the database.
 */
import type { TBundle, TMatchReason } from '../../shared/matching.schemas';
import type { TCondition, TUnit } from '../../shared/common.schemas';
import { categoryFamily, findCategory } from '../../shared/taxonomy';
import { metresToKm } from '../search/search.domain';
import { COUNTABLE_UNITS } from '../../shared/mass';
import { partsPerSheet, thicknessFits } from './matching.geometry';

/** Points out of 100 per criterion. */
export const WEIGHTS = {
  category: 30,
  coverage: 25,
  distance: 20,
  availability: 10,
  condition: 10,
  urgency: 5,
} as const;

/** Same material > a kind of what was asked > a broader kind > only the same family. */
export const CATEGORY_FACTOR = { same: 1, within: 0.85, broader: 0.5, family: 0.3 } as const;
export const CONDITION_FACTOR: Record<TCondition, number> = {
  new: 1,
  as_new: 0.9,
  good: 0.75,
  used: 0.5,
  for_parts: 0.2,
};
/** Coverage counted when units differ and cannot be compared. */
export const UNKNOWN_COVERAGE_FACTOR = 0.4;
/** Availability counted when the listing becomes available later, but before the needed-by date. */
export const LATER_AVAILABILITY_FACTOR = 0.6;
/** A listing expiring within this many days gains urgency points, the sooner the more. */
export const URGENCY_DAYS = 14;

export type MatchListing = {
  id: number;
  hubId: number;
  category: string;
  quantityMilli: number;
  unit: TUnit;
  lengthMm: number | null;
  widthMm: number | null;
  thicknessMm: number | null;
  condition: TCondition;
  availableFrom: string | null;
  availableUntil: string | null;
  status: string;
};

export type MatchRequest = {
  id: number;
  hubId: number;
  category: string;
  quantityMilli: number;
  unit: TUnit;
  minLengthMm: number | null;
  minWidthMm: number | null;
  minThicknessMm: number | null;
  neededBy: string | null;
  fetchRadiusKm: number;
  status: string;
};

export type MatchResult = {
  score: number;
  reasons: TMatchReason[];
  partsFit: number | null;
  /** How much of the request this listing covers, in thousandths of the request's unit; null if unknown. */
  coveredMilli: number | null;
};

function ancestors(slug: string): string[] {
  const out: string[] = [];
  let cat = findCategory(slug);
  while (cat?.parent) {
    out.push(cat.parent);
    cat = findCategory(cat.parent);
  }
  return out;
}

/** How close two categories are, or null when they are in different families. */
export function categoryCloseness(requested: string, offered: string): keyof typeof CATEGORY_FACTOR | null {
  if (requested === offered) return 'same';
  if (ancestors(offered).includes(requested)) return 'within';
  if (ancestors(requested).includes(offered)) return 'broader';
  if (categoryFamily(requested) === categoryFamily(offered)) return 'family';
  return null;
}

/** Whole days from one date (YYYY-MM-DD) to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Scores a listing against a request, or returns null when it cannot fill it: another family,
 * beyond the fetch radius, the same hub, not active or open, expired, available only after the
 * needed-by date, too thick or thin, or too small for even one part.
 */
export function scoreMatch(
  listing: MatchListing,
  request: MatchRequest,
  distanceMetres: number,
  today: string,
): MatchResult | null {
  if (listing.status !== 'active' || request.status !== 'open') return null;
  if (listing.hubId === request.hubId) return null;
  if (listing.availableUntil !== null && listing.availableUntil < today) return null;
  if (request.neededBy !== null && listing.availableFrom !== null && listing.availableFrom > request.neededBy)
    return null;
  const closeness = categoryCloseness(request.category, listing.category);
  if (!closeness) return null;
  const radiusMetres = request.fetchRadiusKm * 1000;
  if (distanceMetres > radiusMetres) return null;
  if (!thicknessFits(request.minThicknessMm, listing.thicknessMm)) return null;

  const reasons: TMatchReason[] = [{ code: 'category', closeness, category: listing.category }];
  reasons.push({ code: 'distance', km: metresToKm(distanceMetres) });

  // Coverage: by parts when a part size is asked and the listing's sheets can be measured, else by unit.
  let partsFit: number | null = null;
  let coveredMilli: number | null = null;
  const partAsked = request.minLengthMm !== null && request.minWidthMm !== null;
  const measurable =
    listing.lengthMm !== null && listing.widthMm !== null && COUNTABLE_UNITS.includes(listing.unit);
  if (partAsked && measurable) {
    const perSheet = partsPerSheet(
      { lengthMm: request.minLengthMm!, widthMm: request.minWidthMm!, thicknessMm: request.minThicknessMm },
      { lengthMm: listing.lengthMm!, widthMm: listing.widthMm!, thicknessMm: listing.thicknessMm },
    );
    if (perSheet === 0) return null;
    partsFit = perSheet * Math.floor(listing.quantityMilli / 1000);
    reasons.push({ code: 'parts_fit', perSheet, total: partsFit });
    if (COUNTABLE_UNITS.includes(request.unit))
      coveredMilli = Math.min(partsFit * 1000, request.quantityMilli);
  } else {
    if (partAsked) reasons.push({ code: 'size_unknown' });
    if (listing.unit === request.unit) coveredMilli = Math.min(listing.quantityMilli, request.quantityMilli);
  }
  let coverageFactor = UNKNOWN_COVERAGE_FACTOR;
  if (coveredMilli === null) reasons.push({ code: 'coverage_unknown' });
  else {
    coverageFactor = coveredMilli / request.quantityMilli;
    reasons.push({
      code: 'coverage',
      covered: coveredMilli / 1000,
      needed: request.quantityMilli / 1000,
      unit: request.unit,
    });
  }

  let availabilityFactor = 1;
  if (listing.availableFrom !== null && listing.availableFrom > today) {
    availabilityFactor = LATER_AVAILABILITY_FACTOR;
    reasons.push({ code: 'available_from', date: listing.availableFrom });
  }
  let urgencyFactor = 0;
  if (listing.availableUntil !== null) {
    reasons.push({ code: 'available_until', date: listing.availableUntil });
    const days = daysBetween(today, listing.availableUntil);
    if (days <= URGENCY_DAYS) {
      urgencyFactor = (URGENCY_DAYS - days) / URGENCY_DAYS;
      reasons.push({ code: 'expires_soon', days });
    }
  }
  reasons.push({ code: 'condition', condition: listing.condition });

  const distanceFactor = radiusMetres === 0 ? 1 : 1 - distanceMetres / radiusMetres;
  const points =
    WEIGHTS.category * CATEGORY_FACTOR[closeness] +
    WEIGHTS.coverage * coverageFactor +
    WEIGHTS.distance * distanceFactor +
    WEIGHTS.availability * availabilityFactor +
    WEIGHTS.condition * CONDITION_FACTOR[listing.condition] +
    WEIGHTS.urgency * urgencyFactor;
  const score = Math.max(0, Math.min(100, Math.round(points)));
  return { score, reasons, partsFit, coveredMilli };
}

export type BundleCandidate = {
  matchId: number;
  listingId: number;
  /** The listing's hub: two listings at the same hub are one trip. */
  hubId: number;
  distanceMetres: number;
  score: number;
  coveredMilli: number | null;
};

/**
 * Listings that together fill the request's whole quantity, nearest first (best score breaks ties),
 * each taking what it can; null when no listing's coverage is known. The total distance counts
 * each hub once: two listings at the same hub are one trip.
 */
export function buildBundle(
  candidates: BundleCandidate[],
  request: { quantityMilli: number; unit: TUnit },
): TBundle | null {
  const known = candidates.filter((c) => c.coveredMilli !== null && c.coveredMilli > 0);
  if (known.length === 0) return null;
  known.sort((a, b) => a.distanceMetres - b.distanceMetres || b.score - a.score || a.listingId - b.listingId);
  const items: TBundle['items'] = [];
  let coveredMilli = 0;
  let totalMetres = 0;
  const visited = new Set<number>();
  for (const c of known) {
    if (coveredMilli >= request.quantityMilli) break;
    const take = Math.min(c.coveredMilli!, request.quantityMilli - coveredMilli);
    coveredMilli += take;
    if (!visited.has(c.hubId)) totalMetres += c.distanceMetres;
    visited.add(c.hubId);
    items.push({
      matchId: c.matchId,
      listingId: c.listingId,
      take: take / 1000,
      distanceKm: metresToKm(c.distanceMetres),
    });
  }
  return {
    items,
    covered: coveredMilli / 1000,
    needed: request.quantityMilli / 1000,
    unit: request.unit,
    complete: coveredMilli >= request.quantityMilli,
    totalDistanceKm: round1(metresToKm(totalMetres)),
  };
}
