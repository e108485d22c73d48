/**
 * Offcut geometry, pure: how many parts of L × W × T fit on a sheet. All lengths in millimetres.
 * (What a listing weighs is the one mass rule in src/shared/mass.ts.)
 */

export type Part = { lengthMm: number; widthMm: number; thicknessMm: number | null };
export type Sheet = { lengthMm: number; widthMm: number; thicknessMm: number | null };

/** A sheet of 18 mm holds parts asked at 18 mm ± the larger of 0.5 mm and 5 % (plywood runs 17.6–18.4). */
export type Tolerance = { absoluteMm: number; relative: number };
export const THICKNESS_TOLERANCE: Tolerance = { absoluteMm: 0.5, relative: 0.05 };

/** How far a sheet's thickness may be from the one asked for, in mm (search's "my part fits" uses it too). */
export function thicknessAllowanceMm(askedMm: number, tolerance = THICKNESS_TOLERANCE): number {
  return Math.max(tolerance.absoluteMm, askedMm * tolerance.relative);
}

/** Whether a sheet's thickness is close enough to the one asked for. Unknown on either side passes. */
export function thicknessFits(
  askedMm: number | null,
  sheetMm: number | null,
  tolerance = THICKNESS_TOLERANCE,
): boolean {
  if (askedMm === null || sheetMm === null) return true;
  const allowed = thicknessAllowanceMm(askedMm, tolerance);
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
