/**
 * Offcut geometry and mass, pure: how many parts of L × W × T fit on a sheet, and what a listing
 * weighs when only its dimensions are known. All lengths in millimetres.
 */
import type { TMassEstimate } from '../../shared/matching.schemas';
import type { TUnit } from '../../shared/schemas';
import { findCategory } from '../../shared/taxonomy';

export type Part = { lengthMm: number; widthMm: number; thicknessMm: number | null };
export type Sheet = { lengthMm: number; widthMm: number; thicknessMm: number | null };

/** A sheet of 18 mm holds parts asked at 18 mm ± the larger of 0.5 mm and 5 % (plywood runs 17.6–18.4). */
export type Tolerance = { absoluteMm: number; relative: number };
export const THICKNESS_TOLERANCE: Tolerance = { absoluteMm: 0.5, relative: 0.05 };

/** Whether a sheet's thickness is close enough to the one asked for. Unknown on either side passes. */
export function thicknessFits(
  askedMm: number | null,
  sheetMm: number | null,
  tolerance = THICKNESS_TOLERANCE,
): boolean {
  if (askedMm === null || sheetMm === null) return true;
  const allowed = Math.max(tolerance.absoluteMm, askedMm * tolerance.relative);
  // A tiny epsilon so 18.5 against 18 ± 0.5 is not refused by floating point.
  return Math.abs(sheetMm - askedMm) <= allowed + 1e-9;
}

const fits = (n: number) => Math.floor(n + 1e-9);

/**
 * Parts of `part` that fit on one `sheet`, rotation allowed, cut as a two-stage guillotine: a
 * block of parts in one orientation, the rest of the sheet filled with parts turned a quarter.
 * Returns 0 when the thickness is outside the tolerance.
 */
export function partsPerSheet(part: Part, sheet: Sheet, tolerance = THICKNESS_TOLERANCE): number {
  if (!thicknessFits(part.thicknessMm, sheet.thicknessMm, tolerance)) return 0;
  const { lengthMm: pl, widthMm: pw } = part;
  if (pl <= 0 || pw <= 0) return 0;
  let best = 0;
  // Try both sheet orientations; the split runs along the sheet's first side.
  for (const [sl, sw] of [
    [sheet.lengthMm, sheet.widthMm],
    [sheet.widthMm, sheet.lengthMm],
  ] as const) {
    const columns = fits(sl / pl);
    for (let i = 0; i <= columns; i++) {
      const upright = i * fits(sw / pw);
      const rest = sl - i * pl;
      const turned = fits(rest / pw) * fits(sw / pl);
      best = Math.max(best, upright + turned);
    }
  }
  return best;
}

/** Sheets and pieces can hold parts; other units (kg, m², hours …) cannot be counted this way. */
export const COUNTABLE_UNITS: readonly TUnit[] = ['sheets', 'pieces'];

/** Typical densities vary: an estimate is given with ± this share around it. */
export const MASS_RANGE = 0.2;

/**
 * A listing's mass from its dimensions and its category's typical density, with a range; null when
 * the unit already is a mass, or the dimensions or the density are missing.
 */
export function estimateMass(l: {
  category: string;
  unit: TUnit;
  quantity: number;
  lengthMm: number | null;
  widthMm: number | null;
  thicknessMm: number | null;
}): TMassEstimate | null {
  const density = findCategory(l.category)?.densityKgM3 ?? null;
  if (density === null) return null;
  let cubicMetres: number | null = null;
  const { lengthMm: L, widthMm: W, thicknessMm: T } = l;
  if (COUNTABLE_UNITS.includes(l.unit) && L !== null && W !== null && T !== null)
    cubicMetres = (L / 1000) * (W / 1000) * (T / 1000) * l.quantity;
  else if (l.unit === 'm2' && T !== null) cubicMetres = l.quantity * (T / 1000);
  else if (l.unit === 'm3') cubicMetres = l.quantity;
  if (cubicMetres === null) return null;
  // Whole grams, then kilograms with one decimal: no float noise in what people read.
  const grams = Math.round(cubicMetres * density * 1000);
  const kg = (g: number) => Math.round(g / 100) / 10;
  return {
    kg: kg(grams),
    lowKg: kg(grams * (1 - MASS_RANGE)),
    highKg: kg(grams * (1 + MASS_RANGE)),
    estimated: true,
  };
}
