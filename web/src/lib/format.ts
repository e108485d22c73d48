/** Display helpers: numbers, dates, labels in the UI language. */
import type { TLocale, TUnit } from '$shared/common.schemas';
import { CATEGORIES, findCategory, type Category } from '$shared/taxonomy';
import type { Messages } from './i18n';
import { dateTimeFormat, numberFormat } from '$lib/intl';

export function formatNumber(n: number, locale: TLocale, maximumFractionDigits = 3): string {
  return numberFormat(locale, { maximumFractionDigits }).format(n);
}

/** "12.3 km" (with the locale's decimal mark). */
export function formatKm(km: number, locale: TLocale, m: Messages): string {
  return m.common.km(formatNumber(km, locale, km < 10 ? 1 : 0));
}

/** A date (YYYY-MM-DD) or timestamp as a readable date. */
export function formatDate(value: string, locale: TLocale): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return dateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}

export function formatQuantity(quantity: number, unit: TUnit, locale: TLocale, m: Messages): string {
  return `${formatNumber(quantity, locale)} ${m.units[unit]}`;
}

/**
 * What is left of a listing: "24 pieces" while nothing is promised, "4 of 24 pieces left" once
 * accepted exchanges hold part of it, "All taken" when nothing is left.
 */
export function formatLeft(
  remaining: number,
  total: number,
  unit: TUnit,
  locale: TLocale,
  m: Messages,
): string {
  if (remaining <= 0) return m.listing.takenAll;
  if (remaining >= total) return formatQuantity(total, unit, locale, m);
  return m.listing.left(formatNumber(remaining, locale), formatQuantity(total, unit, locale, m));
}

export function formatPrice(
  priceType: 'free' | 'swap' | 'amount',
  priceCents: number | null,
  locale: TLocale,
  m: Messages,
): string {
  if (priceType !== 'amount' || priceCents === null) return m.priceTypes[priceType];
  return numberFormat(locale, { style: 'currency', currency: 'EUR' }).format(priceCents / 100);
}

/** "1200 × 600 × 18 mm", with "?" for a missing side; null when no side is known. */
export function formatDimensions(dims: (number | null)[], locale: TLocale): string | null {
  if (dims.every((d) => d === null)) return null;
  return `${dims.map((d) => (d === null ? '?' : formatNumber(d, locale, 1))).join(' × ')} mm`;
}

export function categoryLabel(slug: string, locale: TLocale): string {
  return findCategory(slug)?.label[locale] ?? slug;
}

/** Categories in taxonomy order with their depth, for an indented <select>. */
export function categoryOptions(): { category: Category; depth: number }[] {
  const depth = (cat: Category): number => (cat.parent ? 1 + depth(findCategory(cat.parent)!) : 0);
  const ordered: Category[] = [];
  const walk = (parent: string | null) => {
    for (const cat of CATEGORIES)
      if (cat.parent === parent) {
        ordered.push(cat);
        walk(cat.slug);
      }
  };
  walk(null);
  return ordered.map((category) => ({ category, depth: depth(category) }));
}
