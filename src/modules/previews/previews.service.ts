/**
 * What a shared link shows before any script runs: the title, a description, the first photo
 * and schema.org data of a listing, request, hub or stream, read as a signed-out visitor would.
 * Hidden, withdrawn and missing items have no preview (the page stays the bare app shell).
 */
import type { Deps } from '../../env';
import { ApiError } from '../../http/errors';
import { getHub } from '../hubs/hubs.service';
import { getListing } from '../listings/listings.service';
import { getRequest } from '../requests/requests.service';
import { getStream } from '../streams/streams.service';
import { cityName } from '../../shared/places';

/** The app shell's language (`<html lang="nl">`): a preview names cities as the page does. */
const PAGE_LOCALE = 'nl';

export type PagePreview = {
  title: string;
  description: string;
  /** An absolute URL of the first photo, if any. */
  image: string | null;
  /** schema.org data for search engines. */
  jsonLd: Record<string, unknown>;
};

export type PreviewKind = 'listings' | 'requests' | 'hubs' | 'streams';

const clip = (text: string, max = 200) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/** The preview of one page, or null when a signed-out visitor may not see the item. */
export async function pagePreview(
  deps: Deps,
  { kind, key, origin }: { kind: PreviewKind; key: string; origin: string },
): Promise<PagePreview | null> {
  try {
    if (kind === 'hubs') {
      const hub = await getHub(deps, key, null);
      return {
        title: `${hub.name} · Omloop`,
        description: clip(hub.description || `${hub.name}, ${cityName(hub.city, PAGE_LOCALE)}`),
        image: null,
        jsonLd: {
          '@context': 'https://schema.org',
          '@type': 'Organization',
          name: hub.name,
          description: hub.description,
          address: {
            '@type': 'PostalAddress',
            addressLocality: cityName(hub.city, PAGE_LOCALE),
            addressCountry: hub.country,
          },
          url: `${origin}/hubs/${hub.slug}`,
        },
      };
    }
    const id = Number(key);
    if (!Number.isSafeInteger(id) || id < 1) return null;
    if (kind === 'listings') {
      const listing = await getListing(deps, { id, user: null });
      if (listing.status !== 'active' || listing.hiddenAt) return null;
      const photo = listing.photos[0];
      const image = photo ? new URL(photo.url, origin).href : null;
      return {
        title: `${listing.title} · ${listing.hub.name}`,
        description: clip(
          listing.description ||
            `${listing.quantityRemaining} ${listing.unit} · ${cityName(listing.hub.city, PAGE_LOCALE)}`,
        ),
        image,
        jsonLd: {
          '@context': 'https://schema.org',
          '@type': 'Product',
          name: listing.title,
          description: listing.description,
          ...(image ? { image } : {}),
          offers: {
            '@type': 'Offer',
            availability:
              listing.quantityRemaining > 0 ? 'https://schema.org/InStock' : 'https://schema.org/SoldOut',
            ...(listing.priceType === 'amount' && listing.priceCents !== null
              ? { price: (listing.priceCents / 100).toFixed(2), priceCurrency: 'EUR' }
              : { price: '0', priceCurrency: 'EUR' }),
            seller: { '@type': 'Organization', name: listing.hub.name },
          },
          url: `${origin}/listings/${listing.id}`,
        },
      };
    }
    if (kind === 'requests') {
      const request = await getRequest(deps, { id, user: null });
      if (request.status !== 'open' || request.hiddenAt) return null;
      return {
        title: `${request.title} · ${request.hub.name}`,
        description: clip(
          request.description ||
            `${request.quantity} ${request.unit} · ${cityName(request.hub.city, PAGE_LOCALE)}`,
        ),
        image: null,
        jsonLd: {
          '@context': 'https://schema.org',
          '@type': 'Demand',
          name: request.title,
          description: request.description,
          url: `${origin}/requests/${request.id}`,
        },
      };
    }
    const stream = await getStream(deps, { id, user: null });
    if (stream.status !== 'active') return null;
    return {
      title: `${stream.title} · ${stream.hub.name}`,
      description: clip(stream.description || stream.title),
      image: null,
      jsonLd: {
        '@context': 'https://schema.org',
        '@type': 'Product',
        name: stream.title,
        description: stream.description,
        url: `${origin}/streams/${stream.id}`,
      },
    };
  } catch (e) {
    if (e instanceof ApiError) return null;
    throw e;
  }
}
