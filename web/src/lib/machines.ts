/** Display helpers of machine time: instants in a hub's own time zone, prices per hour. */
import type { TLocale } from '$shared/common.schemas';
import { dateTimeFormat, numberFormat } from '$lib/intl';

/** "Mon 29 Mar, 09:00" in the hub's zone, whatever the viewer's device zone is. */
export function formatSlot(iso: string, timeZone: string, locale: TLocale): string {
  return dateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

export function formatTime(iso: string, timeZone: string, locale: TLocale): string {
  return dateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

export function formatDay(iso: string, timeZone: string, locale: TLocale): string {
  return dateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(
    new Date(iso),
  );
}

/** The local date (YYYY-MM-DD) of an instant in a zone, to group slots by day. */
export function dayKey(iso: string, timeZone: string): string {
  return dateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
}

export function formatEuro(cents: number, locale: TLocale): string {
  return numberFormat(locale, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** "acrylic, plywood" <-> ['acrylic', 'plywood'] for a text input. */
export const listToText = (items: readonly string[]) => items.join(', ');
export const textToList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
