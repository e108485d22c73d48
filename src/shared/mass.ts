/**
 * The one mass rule: what a quantity of a listing weighs, in whole grams, with its range. Used by
 * matching (the match card), the exchange ledger (the flow row written at completion), impact
 * (the impact row and the dashboard's ranges) and the web app (how an estimate is shown).
 * Exact integer arithmetic throughout (BigInt inside), so every caller gets the same grams.
 */
import type { TUnit } from './common.schemas';
import { findCategory } from './taxonomy';

/** round(a × b / c), half away from zero, exact for any safe integers (BigInt inside). */
export function mulDivRound(a: number, b: number, c: number): number {
  if (c === 0) throw new Error('division by zero');
  return Number(divRound(BigInt(a) * BigInt(b), BigInt(c)));
}

/** n / d rounded half away from zero, in BigInt. */
function divRound(n: bigint, d: bigint): bigint {
  const neg = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * 2n + ad) / (2n * ad);
  return neg ? -q : q;
}

/** Typical densities vary: an estimate is given with ± this share (per mille) around it. */
export const DEFAULT_MASS_RANGE_PERMILLE = 250;

/** Sheets and pieces are counted; their mass needs all three sides. */
export const COUNTABLE_UNITS: readonly TUnit[] = ['sheets', 'pieces'];

/** Where a mass comes from: someone weighed it, it follows from the quantity, or it cannot be told. */
export type MassSource = 'weighed' | 'estimated' | 'unknown';

export type MassInput = {
  category: string;
  unit: TUnit;
  /** Quantity in thousandths of the unit. */
  quantityMilli: number;
  lengthMm: number | null;
  widthMm: number | null;
  thicknessMm: number | null;
  /** A mass someone weighed, in grams; it wins over any estimate. */
  weighedGrams?: number | null;
};

export type Mass =
  | { source: 'weighed' | 'estimated'; grams: number; lowGrams: number; highGrams: number }
  | { source: 'unknown'; grams: null; lowGrams: null; highGrams: null };

const UNKNOWN: Mass = { source: 'unknown', grams: null, lowGrams: null, highGrams: null };

/** Millimetres as whole micrometres (sides may have decimals, e.g. 17.5 mm). */
const um = (mm: number | null) => (mm === null || !(mm > 0) ? null : BigInt(Math.round(mm * 1000)));

/**
 * Grams of a quantity from the category's density, exactly rounded; null when the density or a
 * needed side is missing. kg: the quantity itself; m³ and litres: volume × density; m²: × thickness;
 * m: × width × thickness; pieces and sheets: × length × width × thickness. Hours have no mass.
 */
export function gramsFromQuantity(i: Omit<MassInput, 'weighedGrams'>): number | null {
  if (i.unit === 'hours') return null;
  if (i.unit === 'kg') return i.quantityMilli;
  const density = findCategory(i.category)?.densityKgM3 ?? null;
  if (density === null) return null;
  const q = BigInt(i.quantityMilli) * BigInt(density);
  const [l, w, t] = [um(i.lengthMm), um(i.widthMm), um(i.thicknessMm)];
  // q is (thousandths of the unit) × kg/m³; each µm side is 1e-6 m; grams = kg × 1000.
  let grams: bigint | null = null;
  if (i.unit === 'm3') grams = q;
  else if (i.unit === 'litres') grams = divRound(q, 1000n);
  else if (i.unit === 'm2' && t !== null) grams = divRound(q * t, 1_000_000n);
  else if (i.unit === 'm' && w !== null && t !== null) grams = divRound(q * w * t, 10n ** 12n);
  else if (COUNTABLE_UNITS.includes(i.unit) && l !== null && w !== null && t !== null)
    grams = divRound(q * l * w * t, 10n ** 18n);
  if (grams === null || grams <= 0n) return null;
  return Number(grams);
}

/** The ± range around a mass: none for a weighed one, `rangePermille` for an estimate. */
export function massRange(
  grams: number,
  source: MassSource,
  rangePermille = DEFAULT_MASS_RANGE_PERMILLE,
): { lowGrams: number; highGrams: number } {
  const r = source === 'estimated' ? rangePermille : 0;
  return { lowGrams: mulDivRound(grams, 1000 - r, 1000), highGrams: mulDivRound(grams, 1000 + r, 1000) };
}

/**
 * The mass of a quantity: weighed when someone weighed it, else estimated from the quantity, the
 * sides and the category's typical density (a quantity in kg counts as estimated: nobody weighed
 * it), else unknown. Estimates carry ± `rangePermille`.
 */
export function estimateMass(i: MassInput, rangePermille = DEFAULT_MASS_RANGE_PERMILLE): Mass {
  if (i.unit === 'hours') return UNKNOWN;
  if (i.weighedGrams !== undefined && i.weighedGrams !== null)
    return { source: 'weighed', grams: i.weighedGrams, ...massRange(i.weighedGrams, 'weighed') };
  const grams = gramsFromQuantity(i);
  if (grams === null) return UNKNOWN;
  return { source: 'estimated', grams, ...massRange(grams, 'estimated', rangePermille) };
}

/** Grams as kilograms with one decimal, for people to read (never summed again). */
export const gramsToKg = (grams: number) => mulDivRound(grams, 1, 100) / 10;

/** An estimate as a match card shows it: grams and their range, and the same in kg for reading. */
export type MassEstimateShown = {
  grams: number;
  lowGrams: number;
  highGrams: number;
  kg: number;
  lowKg: number;
  highKg: number;
  estimated: true;
};

/**
 * The estimate a listing shows before anyone weighs it; null when its unit already is a mass (kg)
 * or has none (hours), or when a side or the density is missing.
 */
export function shownEstimate(
  i: Omit<MassInput, 'weighedGrams'>,
  rangePermille = DEFAULT_MASS_RANGE_PERMILLE,
): MassEstimateShown | null {
  if (i.unit === 'kg') return null;
  const m = estimateMass(i, rangePermille);
  if (m.source !== 'estimated') return null;
  return {
    grams: m.grams,
    lowGrams: m.lowGrams,
    highGrams: m.highGrams,
    kg: gramsToKg(m.grams),
    lowKg: gramsToKg(m.lowGrams),
    highKg: gramsToKg(m.highGrams),
    estimated: true,
  };
}
