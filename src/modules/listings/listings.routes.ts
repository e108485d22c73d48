import { createRoute } from '@hono/zod-openapi';
import { deps, errors, json, jsonBody, newRouter, ZIdParam, ZPathId } from '../../http/openapi';
import { requireUser } from '../../http/middleware/session';
import {
  photoFromForm,
  photoImageResponse,
  photoResponse,
  photoUploadBody,
  PUBLIC_IMMUTABLE,
} from '../photos/photos.http';
import { ZListing, ZListingInput, ZListingPatch } from '../../shared/listings.schemas';
import { ZPhoto } from '../../shared/photos.schemas';
import { ZListingPage, ZListingSearch } from '../../shared/search.schemas';
import * as service from './listings.service';

const tags = ['Listings'];
const ZPhotoParam = ZIdParam.extend({ photoId: ZPathId });

export const listingsRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/listings',
      tags,
      summary: 'Search listings',
      description:
        'Full-text `q` (every word must match; the last also as a prefix), filters, and `near=LAT,LON` for ' +
        'distances (nearest first by default, `radius_km` to limit). Withdrawn and expired listings are left out. ' +
        'Pages follow `nextCursor`.',
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
      request: jsonBody(ZListingInput),
      responses: { 201: json(ZListing, 'The new listing'), ...errors(401, 403, 404, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const listing = await service.createListing(deps(c), { input: c.req.valid('json'), user });
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
