import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../env';
import { ApiError } from '../../http/errors';
import { deps, errors, json, jsonBody, newRouter, ZIdParam, ZPathId } from '../../http/openapi';
import { requireUser } from '../../http/middleware/session';
import { parseOrThrow } from '../../http/validate';
import { KEY_FORMAT } from '../exchanges/exchanges.idempotency';
import { MAX_PHOTOS } from '../../shared/photos.schemas';
import {
  jsonPart,
  photoFromForm,
  photoImageResponse,
  photoResponse,
  photosFromForm,
  photoUploadBody,
  PUBLIC_IMMUTABLE,
} from '../photos/photos.http';
import { ZListing, ZListingInput, ZListingPatch } from '../../shared/listings.schemas';
import { ZPhoto } from '../../shared/photos.schemas';
import { ZListingPage, ZListingSearch } from '../../shared/search.schemas';
import * as service from './listings.service';

const tags = ['Listings'];
const ZPhotoParam = ZIdParam.extend({ photoId: ZPathId });

const ZIdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .describe(
      'Any unique string (1–200 visible characters) made once per listing the person publishes: a retry ' +
        'with the same key gets that listing back (201, Idempotent-Replayed: true) and makes no second one',
    ),
});

/** The photo order of an edit: ids of the listing's photos to keep, and null where each new photo goes. */
const ZPhotoOrder = z
  .array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable())
  .max(MAX_PHOTOS);

const photoSetDescription =
  'The `photo` parts, in order: JPEG, PNG or WebP by their bytes, at most 5 MB each, at most 8 photos. ' +
  'A refused photo is named by its place and file name (422 `PHOTO_REFUSED`, `details.fields[].path` ' +
  '`photos.N`, 0-based) and nothing is written.';

/** The person's Idempotency-Key, checked as the exchanges' are. */
function keyOf(c: Context<AppEnv>): string | undefined {
  const key = c.req.header('idempotency-key');
  if (key !== undefined && !KEY_FORMAT.test(key)) throw new ApiError('INVALID_IDEMPOTENCY_KEY');
  return key;
}

export const listingsRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/listings',
      tags,
      summary: 'Search listings',
      description:
        'Full-text `q` (every word must match, the last also as a prefix; a material also by its other names ' +
        'in nl, fr and en; little words such as "de" or "the" aside; sizes written either way, "18mm" or ' +
        '"600 x 400"; a Dutch compound of two names also as its parts, "eikenhout", and two names also as their ' +
        'Dutch compound, "copper wire" finds "koperdraad", and the last part of a compound in a title finds it, ' +
        '"draad" or "wire" finds "Koperdraad restanten"; words no listing ' +
        'holds are left out when others remain, and named in `wordsLeftOut`; a shape or packing no listing ' +
        'holds with the material, "polycarbonate sheets", is left out so the material is found, and named in ' +
        '`wordsApart`), filters, and ' +
        '`near=LAT,LON` for distances (nearest first by default, `radius_km` to limit). `not_hub=slug,slug` leaves those hubs out (not with `hub`). Withdrawn and expired listings ' +
        'are left out. Pages follow `nextCursor`.',
      request: { query: ZListingSearch },
      responses: { 200: json(ZListingPage, 'A page of listings'), ...errors(400, 404, 422) },
    }),
    async (c) =>
      c.json(
        await service.searchListings(deps(c), { query: c.req.valid('query'), user: c.get('user') }),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/listings',
      tags,
      summary: 'List something a hub has left over (members of that hub)',
      description:
        'Without photos. `POST /listings/with-photos` publishes a listing and its photos as one action.',
      request: { headers: ZIdempotencyHeader, ...jsonBody(ZListingInput) },
      responses: { 201: json(ZListing, 'The new listing'), ...errors(401, 403, 404, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { listing, replayed } = await service.createListing(
        { ...deps(c), photos: c.env.PHOTOS },
        { input: c.req.valid('json'), user, key: keyOf(c), locale: c.get('locale') },
      );
      if (replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(listing, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/listings/with-photos',
      tags,
      summary: 'Publish a listing with its photos, as one action (members of the hub)',
      description:
        'Multipart: `listing` holds the listing as JSON text (as `POST /listings` takes it). ' +
        photoSetDescription +
        ' Either the listing is created with all its photos, or nothing is.',
      request: {
        headers: ZIdempotencyHeader,
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({
                listing: z.string().describe('The listing as JSON text, as `POST /listings` takes it'),
                photo: z.any().optional().describe('An image file; repeat the part for each photo, in order'),
              }),
            },
          },
        },
      },
      responses: {
        201: json(ZListing, 'The new listing, with its photos'),
        ...errors(401, 403, 404, 413, 422),
      },
    }),
    async (c) => {
      const user = requireUser(c);
      const key = keyOf(c);
      const { form, files } = await photosFromForm(c);
      const input = parseOrThrow(ZListingInput, jsonPart(form, 'listing'), c);
      const { listing, replayed } = await service.createListing(
        { ...deps(c), photos: c.env.PHOTOS },
        { input, user, files, key, locale: c.get('locale') },
      );
      if (replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(listing, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/listings/{id}',
      tags,
      summary: 'One listing (also when withdrawn)',
      request: { params: ZIdParam },
      responses: { 200: json(ZListing, 'The listing'), ...errors(404, 422) },
    }),
    async (c) =>
      c.json(await service.getListing(deps(c), { id: c.req.valid('param').id, user: c.get('user') }), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/listings/{id}',
      tags,
      summary: "Edit a listing (its author or the hub's managers)",
      request: { params: ZIdParam, ...jsonBody(ZListingPatch) },
      responses: { 200: json(ZListing, 'Updated'), ...errors(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const listing = await service.updateListing(deps(c), {
        id: c.req.valid('param').id,
        patch: c.req.valid('json'),
        user,
      });
      return c.json(listing, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/listings/{id}',
      tags,
      summary: 'Withdraw a listing: it leaves search but is kept',
      request: { params: ZIdParam },
      responses: { 200: json(ZListing, 'The withdrawn listing'), ...errors(401, 403, 404, 409) },
    }),
    async (c) => {
      const listing = await service.withdrawListing(deps(c), {
        id: c.req.valid('param').id,
        user: requireUser(c),
      });
      return c.json(listing, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/listings/{id}/photos',
      tags,
      summary: 'Add a photo (JPEG, PNG or WebP by content; at most 5 MB; at most 8 per listing)',
      request: {
        params: ZIdParam,
        body: photoUploadBody,
      },
      responses: { 201: json(ZPhoto, 'The stored photo'), ...errors(401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { id } = c.req.valid('param');
      const file = await photoFromForm(c);
      return c.json(await service.addPhoto({ ...deps(c), photos: c.env.PHOTOS }, { id, user, file }), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/listings/{id}/photos',
      tags,
      summary: 'Set the photos of a listing: keep, reorder, remove and add, as one action',
      description:
        'Multipart: `order` holds, as JSON text, the photos in their new order: the id of each photo ' +
        'kept, and `null` where each new photo goes (the `photo` parts fill the nulls in turn). Photos ' +
        'not named are removed. An optional `listing` part holds an edit of the fields as JSON text (as ' +
        '`PATCH /listings/{id}` takes it), written in the same batch. ' +
        photoSetDescription +
        ' When the photos changed since they were read, 409 `PHOTOS_CHANGED` and nothing is written.',
      request: {
        params: ZIdParam,
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({
                order: z
                  .string()
                  .describe('JSON: e.g. `[12, null, 9]` keeps 12 first and 9 last, a new photo between'),
                photo: z.any().optional().describe('An image file for each null of `order`, in turn'),
                listing: z
                  .string()
                  .optional()
                  .describe(
                    'Optional: an edit of the fields as JSON text, as `PATCH /listings/{id}` takes it',
                  ),
              }),
            },
          },
        },
      },
      responses: {
        200: json(ZListing, 'The listing, with its photos'),
        ...errors(401, 403, 404, 409, 413, 422),
      },
    }),
    async (c) => {
      const user = requireUser(c);
      const { id } = c.req.valid('param');
      const { form, files } = await photosFromForm(c);
      const order = parseOrThrow(ZPhotoOrder, jsonPart(form, 'order'), c);
      const patch = form.has('listing')
        ? parseOrThrow(ZListingPatch, jsonPart(form, 'listing'), c)
        : undefined;
      const listing = await service.setPhotos(
        { ...deps(c), photos: c.env.PHOTOS },
        { id, user, order, files, patch, locale: c.get('locale') },
      );
      return c.json(listing, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/listings/{id}/photos/{photoId}',
      tags,
      summary: 'Remove a photo',
      request: { params: ZPhotoParam },
      responses: { 204: { description: 'Removed' }, ...errors(401, 403, 404, 409) },
    }),
    async (c) => {
      const { id, photoId } = c.req.valid('param');
      await service.removePhoto({ ...deps(c), photos: c.env.PHOTOS }, { id, photoId, user: requireUser(c) });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/photos/{id}',
      tags,
      summary: 'A photo (immutable: cached for a year)',
      request: { params: ZIdParam },
      responses: {
        200: photoImageResponse,
        ...errors(404, 422),
      },
    }),
    async (c) => {
      const photo = await service.readPhoto({ ...deps(c), photos: c.env.PHOTOS }, c.req.valid('param').id);
      return photoResponse(c, photo, PUBLIC_IMMUTABLE);
    },
  );
