import type { THubSummary } from '$shared/hubs.schemas';
import type { MapPoint } from './map-point';

/** One point per hub. */
export function hubPoints(hubs: THubSummary[]): MapPoint[] {
  return hubs.map((hub) => ({
    key: hub.slug,
    lat: hub.lat,
    lon: hub.lon,
    title: `${hub.name} (${hub.city})`,
    href: `/hubs/${hub.slug}`,
  }));
}

/** One point per hub that has items, listing those items in its popup. */
export function groupedPoints<T extends { id: number; title: string; hub: THubSummary }>(
  items: T[],
  hrefOf: (item: T) => string,
): MapPoint[] {
  const byHub = new Map<string, MapPoint>();
  for (const item of items) {
    let point = byHub.get(item.hub.slug);
    if (!point) {
      point = { ...hubPoints([item.hub])[0]!, links: [] };
      byHub.set(item.hub.slug, point);
    }
    point.links!.push({ href: hrefOf(item), label: item.title });
  }
  return [...byHub.values()];
}
