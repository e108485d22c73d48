import type { Deps, SessionUser } from '../../env';
import { recordEvent } from '../events/events.service';
import { ApiError, validationError } from '../../http/errors';
import {
  listingIssues,
  type TListing,
  type TListingInput,
  type TListingPatch,
} from '../../shared/listings.schemas';
import { type TPhoto } from '../../shared/photos.schemas';
import { type TListingPage, type TListingSearch } from '../../shared/search.schemas';
import { canEditHubContent, hubSummaryOf, type HubRoles } from '../hubs/hubs.domain';
import { hubRoles, requireHubRef, roleIn } from '../hubs/hubs.service';
import { coordinatesHub } from '../networks/networks.service';
import { nextCursorOf, readSearch, resolveSearch, searchedKmOf } from '../search/search.service';
import { fromMilli, mergedForRules, newListingValues, offerOf, patchValues } from './listings.domain';
import { metresToKm } from '../search/search.domain';
import { thicknessAllowanceMm } from '../matching/matching.geometry';
import * as photos from '../photos/photos.service';
import type { PhotoDeps } from '../photos/photos.service';
import * as repo from './listings.repo';
import { isMachineOfHub } from '../machines/machines.service';
import { earliestToday, type RuleKey } from '../../shared/validation';
import type { Locale } from '../../shared/taxonomy';

type Viewer = { id: number; roles: HubRoles } | null;

async function viewerOf(deps: Deps, user: SessionUser | null): Promise<Viewer> {
  return user ? { id: user.id, roles: await hubRoles(deps, user.id) } : null;
}

function toListing(r: repo.ListingRow, viewer: Viewer): TListing {
  return {
    id: r.id,
    ...offerOf(r),
    quantityRemaining: fromMilli(r.quantity_milli - r.quantity_reserved_milli),
    availableFrom: r.available_from,
    availableUntil: r.available_until,
    status: r.status,
    lang: r.content_lang,
    hub: hubSummaryOf(r, 'hub_'),
    author: { id: r.author_id, displayName: r.author_name },
    // Kept on the row by the database (migration 0050): no second statement for them.
    photos: photos.photosOfRow(photos.LISTING, r.id, r.photos),
    distanceKm: r.metres === null ? null : metresToKm(r.metres),
    canEdit: canEditHubContent({ authorId: r.author_id, hubId: r.hub_id }, viewer),
    hiddenAt: r.hidden_at,
    hiddenReason: r.hidden_reason,
    stream: r.stream_id !== null && r.stream_seq !== null ? { id: r.stream_id, seq: r.stream_seq } : null,
    machineId: r.machine_id ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

async function requireRow(deps: Deps, id: number): Promise<repo.ListingRow> {
  const row = await repo.findListing(deps.db, id);
  if (!row) throw new ApiError('LISTING_NOT_FOUND');
  return row;
}

export async function getListing(
  deps: Deps,
  { id, user }: { id: number; user: SessionUser | null },
): Promise<TListing> {
  const row = await requireRow(deps, id);
  const viewer = await viewerOf(deps, user);
  if (row.hidden_at !== null && !(await maySeeHidden(deps, row, viewer)))
    throw new ApiError('LISTING_NOT_FOUND');
  return toListing(row, viewer);
}

/**
 * Refuses (404, as for a listing that does not exist) a listing this person may not see: a hidden
 * one, unless they may see hidden listings of its hub. For what hangs off a listing (its questions).
 */
export async function requireVisibleListing(
  deps: Deps,
  { id, user }: { id: number; user: SessionUser | null },
): Promise<void> {
  const row = await requireRow(deps, id);
  if (row.hidden_at !== null && !(await maySeeHidden(deps, row, await viewerOf(deps, user))))
    throw new ApiError('LISTING_NOT_FOUND');
}

/** A hidden listing stays visible to its author, its hub's managers and the coordinators over its hub. */
async function maySeeHidden(deps: Deps, row: repo.ListingRow, viewer: Viewer): Promise<boolean> {
  if (!viewer) return false;
  if (row.author_id === viewer.id || viewer.roles.get(row.hub_id) === 'manager') return true;
  return coordinatesHub(deps, row.hub_id, viewer.id);
}

/** The event of an edit, recorded only if the edit applied. */
function changedEvent(deps: Deps, id: number, actorId: number) {
  return recordEvent(deps.db, 'listing.changed', {
    subject: { id, ifChanged: true },
    actorId,
    payload: {},
    now: deps.now().toISOString(),
  });
}

/** A new listing and whether it was made by this request or found as an earlier one with the same key. */
export type Created = { listing: TListing; replayed: boolean };

/**
 * Publishes a listing with its photos as one action: every photo is checked before anything is
 * stored (a refused one is named by its place and name), the photos go to R2, then one batch
 * writes the listing, its event and its photo rows, so a listing never exists without the photos
 * it was published with. With a key, a retry (a lost answer, a second tap) finds the listing the
 * first one made: the unique (author, key) index decides, even when both arrive at once.
 */
export async function createListing(
  deps: PhotoDeps,
  {
    input,
    user,
    files = [],
    key,
    locale = 'en',
  }: { input: TListingInput; user: SessionUser; files?: File[]; key?: string; locale?: Locale },
): Promise<Created> {
  const hub = await requireHubRef(deps, input.hub);
  if (!(await roleIn(deps, hub.id, user.id))) throw new ApiError('NOT_A_MEMBER');
  if (input.kind === 'machine_time' && input.machineId)
    await requireMachineOfHub(deps, input.machineId, hub.id);
  const createKey = key ?? crypto.randomUUID();
  if (key !== undefined) {
    // A retry after the first one succeeded: its photos are not even read again.
    const earlier = await repo.findIdByCreateKey(deps.db, user.id, key);
    if (earlier !== null) return { listing: await getListing(deps, { id: earlier, user }), replayed: true };
  }
  const checked = await photos.checkPhotos(
    files.map((file, position) => ({ file, position })),
    { room: photos.LISTING.max, locale },
  );
  const put = await photos.putPhotos(deps, photos.LISTING, checked);
  const now = deps.now().toISOString();
  let results: D1Result[];
  try {
    results = await deps.db.batch([
      repo.insertListingStatement(deps.db, {
        ...newListingValues(input),
        lang: input.lang ?? user.locale,
        hubId: hub.id,
        authorId: user.id,
        now,
        createKey,
      }),
      recordEvent(deps.db, 'listing.changed', {
        subject: { inserted: true },
        actorId: user.id,
        payload: {},
        now,
      }),
      ...(put.length
        ? [
            photos.insertPhotosStatement(deps, photos.LISTING, {
              owner: { sql: repo.CREATED_IN_THIS_BATCH, binds: [user.id, createKey] },
              photos: put,
              now,
            }),
          ]
        : []),
    ]);
  } catch (err) {
    await photos.dropObjects(
      deps,
      put.map((p) => p.objectKey),
    );
    throw err;
  }
  const inserted = (results[0]?.meta.changes ?? 0) > 0;
  // Another request with the same key won the race: its listing stands, this one's bytes go.
  if (!inserted)
    await photos.dropObjects(
      deps,
      put.map((p) => p.objectKey),
    );
  const id = await repo.findIdByCreateKey(deps.db, user.id, createKey);
  if (id === null) throw new Error('the created listing was not found');
  return { listing: await getListing(deps, { id, user }), replayed: !inserted };
}

/**
 * Makes a listing's photos exactly `order`: ids of its photos to keep, and `null` where each of
 * `files` goes, in turn, with the edit `patch` of its fields if any. Every new photo and the edit
 * are checked first; then one batch edits the listing, removes, reorders and adds, applied only
 * while the listing is active and its photos are still those read (two edits at once: the second
 * gets PHOTOS_CHANGED and changes nothing).
 */
export async function setPhotos(
  deps: PhotoDeps,
  {
    id,
    user,
    order,
    files,
    patch,
    locale = 'en',
  }: {
    id: number;
    user: SessionUser;
    order: (number | null)[];
    files: File[];
    patch?: TListingPatch;
    locale?: Locale;
  },
): Promise<TListing> {
  const { row, viewer } = await requireEditable(deps, id, user);
  const edit = patch ? await checkedPatch(deps, row, viewer, patch) : null;
  const current = await photos.photoRowsOf(deps, photos.LISTING, id);
  const currentIds = new Set(current.map((p) => p.id));
  const keep = order.filter((v): v is number => v !== null);
  const newSlots = order.flatMap((v, position) => (v === null ? [position] : []));
  if (new Set(keep).size !== keep.length || keep.some((k) => !currentIds.has(k)))
    throw validationError([{ path: 'order', message: 'photo_order' }]);
  if (newSlots.length !== files.length) throw validationError([{ path: 'order', message: 'photo_order' }]);
  const checked = await photos.checkPhotos(
    files.map((file, i) => ({ file, position: newSlots[i] ?? order.length + i })),
    { room: photos.LISTING.max - keep.length, locale },
  );
  const put = await photos.putPhotos(deps, photos.LISTING, checked);
  const now = deps.now().toISOString();
  const token = crypto.randomUUID();
  const guard = { sql: repo.HOLDS_PHOTO_TOKEN, binds: [id, token] };
  let results: D1Result[];
  try {
    results = await deps.db.batch([
      repo.updateListingStatement(deps.db, id, edit?.values ?? {}, now, {
        sets: ['photos_token = ?1'],
        where: [photos.photoSetIsCondition(photos.LISTING, 'listings.id', 2)],
        binds: [token, JSON.stringify([...currentIds].sort((a, b) => a - b))],
      }),
      changedEvent(deps, id, user.id),
      ...photos.setPhotosStatements(deps, photos.LISTING, {
        ownerId: id,
        keep,
        order,
        added: put,
        guard,
        now,
      }),
    ]);
  } catch (err) {
    await photos.dropObjects(
      deps,
      put.map((p) => p.objectKey),
    );
    throw err;
  }
  if ((results[0]?.meta.changes ?? 0) === 0) {
    await photos.dropObjects(
      deps,
      put.map((p) => p.objectKey),
    );
    const latest = await requireRow(deps, id);
    if (latest.status !== 'active')
      throw new ApiError('INVALID_STATE', { details: { status: latest.status } });
    // An exchange may have been accepted in between: the database refused the lower quantity.
    const quantity = edit?.values.quantityMilli;
    if (edit && quantity !== undefined && quantity < latest.quantity_reserved_milli)
      throw edit.belowReserved();
    throw new ApiError('PHOTOS_CHANGED');
  }
  const kept = new Set(keep);
  await photos.dropObjects(
    deps,
    current.filter((p) => !kept.has(p.id)).map((p) => p.object_key),
  );
  return getListing(deps, { id, user });
}

/** A listing names only a machine of its own hub (the database's trigger keeps it so too). */
async function requireMachineOfHub(deps: Deps, machineId: number, hubId: number): Promise<void> {
  if (!(await isMachineOfHub(deps, machineId, hubId)))
    throw validationError([{ path: 'machineId', message: 'machine_of_hub' }]);
}

async function requireEditable(deps: Deps, id: number, user: SessionUser) {
  const row = await requireRow(deps, id);
  const viewer = await viewerOf(deps, user);
  if (!canEditHubContent({ authorId: row.author_id, hubId: row.hub_id }, viewer))
    throw new ApiError('FORBIDDEN');
  if (row.status !== 'active') throw new ApiError('INVALID_STATE', { details: { status: row.status } });
  return { row, viewer };
}

/**
 * An edit checked against the listing as it is (the rules over the merged values, dates, the
 * machine, what exchanges hold): the values to write, and the refusal for a quantity below what
 * exchanges hold, for when the database refuses it later.
 */
async function checkedPatch(deps: Deps, row: repo.ListingRow, viewer: Viewer, patch: TListingPatch) {
  const current = toListing(row, viewer);
  const issues: { path: string; message: RuleKey }[] = listingIssues(mergedForRules(current, patch));
  // A new end date in the past is refused; an unchanged one (sent back by an edit form) is not.
  if (
    patch.availableUntil &&
    patch.availableUntil !== row.available_until &&
    patch.availableUntil < earliestToday(deps.now().getTime())
  )
    issues.push({ path: 'availableUntil', message: 'date_in_past' });
  // Rule keys are worded in the reader's language by the error handler.
  if (issues.length) throw validationError(issues);
  if (patch.machineId && patch.machineId !== row.machine_id)
    await requireMachineOfHub(deps, patch.machineId, row.hub_id);
  const values = { ...patchValues(patch), ...(patch.lang ? { lang: patch.lang } : {}) };
  const belowReserved = () =>
    new ApiError('QUANTITY_BELOW_RESERVED', {
      details: {
        fields: [{ path: 'quantity', message: '' }],
        reserved: fromMilli(row.quantity_reserved_milli),
      },
    });
  if (values.quantityMilli !== undefined && values.quantityMilli < row.quantity_reserved_milli)
    throw belowReserved();
  return { values, belowReserved };
}

export async function updateListing(
  deps: Deps,
  { id, patch, user }: { id: number; patch: TListingPatch; user: SessionUser },
): Promise<TListing> {
  const { row, viewer } = await requireEditable(deps, id, user);
  const { values, belowReserved } = await checkedPatch(deps, row, viewer, patch);
  if (
    !(await repo.updateListing(
      deps.db,
      id,
      values,
      deps.now().toISOString(),
      changedEvent(deps, id, user.id),
    ))
  ) {
    // An exchange may have been accepted in between: the database refused the lower quantity.
    const now = await requireRow(deps, id);
    if (values.quantityMilli !== undefined && now.status === 'active') throw belowReserved();
    throw new ApiError('INVALID_STATE');
  }
  return getListing(deps, { id, user });
}

export async function withdrawListing(
  deps: Deps,
  { id, user }: { id: number; user: SessionUser },
): Promise<TListing> {
  await requireEditable(deps, id, user);
  if (!(await repo.withdrawListing(deps.db, id, deps.now().toISOString(), changedEvent(deps, id, user.id))))
    throw new ApiError('INVALID_STATE');
  return getListing(deps, { id, user });
}

export async function searchListings(
  deps: Deps,
  { query, user }: { query: TListingSearch; user: SessionUser | null },
): Promise<TListingPage> {
  // Who is asking is read beside the search (a call to D1 of its own, not after it).
  const [{ s, rows }, viewer] = await Promise.all([
    resolveSearch(deps, query, 'listings').then((resolved) =>
      readSearch(resolved, (s) =>
        repo.searchListings(s.db ?? deps.db, {
          ...s.sql,
          filters: {
            today: deps.now().toISOString().slice(0, 10),
            kind: query.kind,
            condition: query.condition,
            category: query.category,
            hubId: s.hubId,
            notHubIds: s.notHubIds,
            price: query.price,
            availableBy: query.available_by,
            fits: query.fits && {
              ...query.fits,
              allowanceMm: thicknessAllowanceMm(query.fits.thicknessMm ?? 0),
            },
          },
        }),
      ),
    ),
    viewerOf(deps, user),
  ]);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => toListing(r, viewer)),
    nextCursor: nextCursorOf(rows, query.limit, s.sql.sort),
    ...searchedKmOf(rows, query.limit),
    sort: s.sql.sort,
    ...(s.wordsLeftOut.length > 0 ? { wordsLeftOut: s.wordsLeftOut } : {}),
    ...(s.wordsApart.length > 0 ? { wordsApart: s.wordsApart } : {}),
  };
}

// ---------- photos ----------

export async function addPhoto(
  deps: PhotoDeps,
  { id, user, file }: { id: number; user: SessionUser; file: File },
): Promise<TPhoto> {
  await requireEditable(deps, id, user);
  return photos.storePhoto(deps, photos.LISTING, id, file);
}

export async function removePhoto(
  deps: PhotoDeps,
  { id, photoId, user }: { id: number; photoId: number; user: SessionUser },
): Promise<void> {
  await requireEditable(deps, id, user);
  await photos.removePhoto(deps, photos.LISTING, id, photoId);
}

export function readPhoto(deps: PhotoDeps, photoId: number) {
  return photos.readPhoto(deps, photos.LISTING, { photoId });
}

// ---------- for exchanges ----------

/** What the exchanges area needs to know of a listing to claim it and record its flow. */
export type ListingFacts = {
  id: number;
  hubId: number;
  hubName: string;
  title: string;
  kind: TListing['kind'];
  status: TListing['status'];
  category: string;
  unit: TListing['unit'];
  quantityMilli: number;
  reservedMilli: number;
  lengthMm: number | null;
  widthMm: number | null;
  thicknessMm: number | null;
};

export async function listingFacts(deps: Deps, id: number): Promise<ListingFacts | null> {
  const r = await repo.findListing(deps.db, id);
  if (!r) return null;
  return {
    id: r.id,
    hubId: r.hub_id,
    hubName: r.hub_name,
    title: r.title,
    kind: r.kind,
    // A hidden listing cannot be claimed: to exchanges it is as good as withdrawn.
    status: r.hidden_at === null ? r.status : 'withdrawn',
    category: r.category,
    unit: r.unit,
    quantityMilli: r.quantity_milli,
    reservedMilli: r.quantity_reserved_milli,
    lengthMm: r.length_mm,
    widthMm: r.width_mm,
    thicknessMm: r.thickness_mm,
  };
}

/**
 * The statement changing a listing's reservation, to run inside an exchange's batch; it applies
 * only when that exchange's move (marked by `token`) applied in the same batch.
 */
export function reservationStatement(
  deps: Deps,
  o: { listingId: number; deltaMilli: number; exchangeId: number; token: string },
): D1PreparedStatement {
  return repo.adjustReservedStatement(deps.db, o);
}

// ---------- for moderation ----------

/** What moderation needs of a listing: its hub, author, title and whether it is hidden. */
export async function moderationFacts(
  deps: Deps,
  id: number,
): Promise<{ id: number; hubId: number; authorId: number; title: string; hiddenAt: string | null } | null> {
  const r = await repo.findListing(deps.db, id);
  return r
    ? { id: r.id, hubId: r.hub_id, authorId: r.author_id, title: r.title, hiddenAt: r.hidden_at }
    : null;
}

/** The statement hiding or restoring a listing inside moderation's batch; applies at most once. */
export function setHiddenStatement(
  deps: Deps,
  o: { id: number; hide: boolean; by: number; reason: string; now: string },
): D1PreparedStatement {
  return repo.setHiddenStatement(deps.db, o);
}

// ---------- for streams ----------

/**
 * The statement publishing a stream's occurrence as a listing, first in the stream's batch (the
 * stream then links the occurrence to it); its result row holds the new listing's id.
 */
export function occurrenceListingStatement(
  deps: Deps,
  o: { streamId: number; seq: number; now: string },
): D1PreparedStatement {
  return repo.insertOccurrenceStatement(deps.db, o);
}

// ---------- for bulk imports ----------

/** The statement creating an import's staged listings at once, inside the import's final batch. */
export function insertImportedStatement(
  deps: Deps,
  o: { importId: number; hubId: number; authorId: number; now: string },
): D1PreparedStatement {
  return repo.insertImportedStatement(deps.db, o);
}

/** A hub's active listings as the import format's fields, for the CSV export. */
export async function exportListings(
  deps: Deps,
  hubId: number,
): Promise<Record<string, string | number | null>[]> {
  const rows = await repo.exportableListings(deps.db, hubId);
  return rows.map((r) => ({
    ...offerOf(r),
    availableFrom: r.available_from,
    availableUntil: r.available_until,
  }));
}
