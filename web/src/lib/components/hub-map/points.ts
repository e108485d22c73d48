import type { THubSummary } from '$shared/hubs.schemas';
import type { TLocale } from '$shared/common.schemas';
import { cityName } from '$shared/places';
import type { MapPoint } from './map-point';

/** One point per hub, its city named in the reader's language. */
export function hubPoints(hubs: THubSummary[], locale: TLocale): MapPoint[] {
  return hubs.map((hub) => ({
    key: hub.slug,
    lat: hub.lat,
    lon: hub.lon,
    title: `${hub.name} (${cityName(hub.city, locale)})`,
    href: `/hubs/${hub.slug}`,
  }));
}

/** One point per hub that has items, listing those items in its popup. */
export function groupedPoints<T extends { id: number; title: string; hub: THubSummary }>(
  items: T[],
  hrefOf: (item: T) => string,
  locale: TLocale,
): MapPoint[] {
  const byHub = new Map<string, MapPoint>();
  for (const item of items) {
    let point = byHub.get(item.hub.slug);
    if (!point) {
      point = { ...hubPoints([item.hub], locale)[0]!, links: [] };
      byHub.set(item.hub.slug, point);
    }
    point.links!.push({ href: hrefOf(item), label: item.title });
  }
  return [...byHub.values()];
}
