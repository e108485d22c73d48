/** Match reasons (codes and numbers from the API) in plain words, in the UI language. */
import { gramsToKg } from '$shared/mass';
import type { TMassEstimate, TMatchReason } from '$shared/matching.schemas';
import type { TLocale } from '$shared/common.schemas';
import { categoryLabel, formatDate, formatKm, formatNumber } from '$lib/format';
import type { Messages } from '$lib/i18n';

export function reasonText(r: TMatchReason, locale: TLocale, m: Messages): string {
  const t = m.matching;
  switch (r.code) {
    case 'category':
      return t.closeness[r.closeness](categoryLabel(r.category, locale));
    case 'distance':
      return t.kmAway(formatKm(r.km, locale, m));
    case 'coverage':
      return t.coverage(formatNumber(r.covered, locale), formatNumber(r.needed, locale), m.units[r.unit]);
    case 'coverage_unknown':
      return t.coverageUnknown;
    case 'parts_fit':
      return t.partsFit(r.perSheet, r.total);
    case 'size_unknown':
      return t.sizeUnknown;
    case 'available_until':
      return t.availableUntil(formatDate(r.date, locale));
    case 'available_from':
      return t.availableFrom(formatDate(r.date, locale));
    case 'expires_soon':
      return t.expiresSoon(r.days);
    case 'condition':
      return t.condition(m.conditions[r.condition]);
  }
}

/** The reasons a person reads, in a sensible order; the available-until date is left out when "expires soon" says more. */
export function reasonsText(reasons: TMatchReason[], locale: TLocale, m: Messages): string[] {
  const soon = reasons.some((r) => r.code === 'expires_soon');
  return reasons.filter((r) => !(soon && r.code === 'available_until')).map((r) => reasonText(r, locale, m));
}

/** An estimate in kg with one decimal, from its grams (the one mass rule's rounding, as the ledger's). */
export function massText(mass: TMassEstimate, locale: TLocale, m: Messages): string {
  const f = (grams: number) => formatNumber(gramsToKg(grams), locale, 1);
  return m.matching.massEstimate(f(mass.grams), f(mass.lowGrams), f(mass.highGrams));
}
