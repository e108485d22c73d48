/**
 * Moderation: anyone signed in reports a listing, request or exchange message; coordinators of a
 * network in which the item's hub is active see the reports, hide the item (it leaves search and
 * matching, and is kept) and restore it. The author is told each time.
 */
import type { Deps, SessionUser } from '../../env';
import { recordEvent } from '../events/events.service';
import { ApiError } from '../../http/errors';
import type {
  THideableType,
  TModerationState,
  TReport,
  TReportInput,
  TReportView,
} from '../../shared/moderation.schemas';
import { reportableMessage } from '../exchanges/exchanges.service';
import * as listings from '../listings/listings.service';
import { coordinatedNetworkHubIds, coordinatesHub } from '../networks/networks.service';
import { notify, type NotifyDeps } from '../notifications/notifications.service';
import * as requests from '../requests/requests.service';
import * as repo from './moderation.repo';

type ItemFacts = { id: number; hubId: number; authorId: number; title: string; hiddenAt: string | null };

function toReport(r: repo.ReportRow): TReport {
  return {
    id: r.id,
    itemType: r.item_type,
    itemId: r.item_id,
    reason: r.reason,
    text: r.body,
    status: r.status,
    createdAt: r.created_at,
  };
}

function facts(deps: Deps, itemType: THideableType, id: number): Promise<ItemFacts | null> {
  return itemType === 'listing' ? listings.moderationFacts(deps, id) : requests.moderationFacts(deps, id);
}

export async function reportItem(
  deps: Deps,
  { user, input }: { user: SessionUser; input: TReportInput },
): Promise<TReport> {
  let hubId: number;
  if (input.itemType === 'message') {
    const m = await reportableMessage(deps, { id: input.itemId, user });
    if (!m) throw new ApiError('REPORT_ITEM_NOT_FOUND');
    hubId = m.hubId;
  } else {
    const item = await facts(deps, input.itemType, input.itemId);
    // A hidden item is already out of sight: it is reported no further.
    if (!item || item.hiddenAt !== null) throw new ApiError('REPORT_ITEM_NOT_FOUND');
    hubId = item.hubId;
  }
  const row = await repo.insertReport(deps.db, {
    itemType: input.itemType,
    itemId: input.itemId,
    hubId,
    reporterId: user.id,
    reason: input.reason,
    body: input.text,
    now: deps.now().toISOString(),
  });
  if (!row) throw new ApiError('ALREADY_REPORTED');
  return toReport(row);
}

export async function listReports(
  deps: Deps,
  { slug, user, status }: { slug: string; user: SessionUser; status: 'open' | 'resolved' | 'all' },
): Promise<TReportView[]> {
  const hubIds = await coordinatedNetworkHubIds(deps, slug, user.id);
  const rows = await repo.reportsOfHubs(deps.db, { hubIds, status, limit: 200 });
  return rows.map((r) => ({
    ...toReport(r),
    hub: { slug: r.hub_slug, name: r.hub_name },
    reporter: { id: r.reporter_id, displayName: r.reporter_name },
    itemTitle: r.item_title ?? '',
    itemPath:
      r.item_type === 'listing'
        ? `/listings/${r.item_id}`
        : r.item_type === 'request'
          ? `/requests/${r.item_id}`
          : `/exchanges/${r.exchange_id ?? 0}`,
    hidden: r.item_hidden === 1,
    canHide: r.item_type !== 'message',
  }));
}

/** Hides (hide = true) or restores an item; only coordinators over its hub may. */
export async function setHidden(
  deps: NotifyDeps,
  {
    itemType,
    id,
    user,
    hide,
    reason,
  }: { itemType: THideableType; id: number; user: SessionUser; hide: boolean; reason: string },
): Promise<TModerationState> {
  const item = await facts(deps, itemType, id);
  if (!item) throw new ApiError(itemType === 'listing' ? 'LISTING_NOT_FOUND' : 'REQUEST_NOT_FOUND');
  if (!(await coordinatesHub(deps, item.hubId, user.id))) throw new ApiError('NOT_A_MODERATOR');
  const now = deps.now().toISOString();
  const o = { id, hide, by: user.id, reason, now };
  const update =
    itemType === 'listing' ? listings.setHiddenStatement(deps, o) : requests.setHiddenStatement(deps, o);
  const action = hide ? 'hide' : 'restore';
  const [applied, , inserted] = await deps.db.batch([
    update,
    // Matching follows (a hidden item stops matching, a restored one matches again).
    recordEvent(deps.db, itemType === 'listing' ? 'listing.changed' : 'request.changed', {
      subject: { id, ifChanged: true },
      actorId: user.id,
      payload: {},
      now,
    }),
    ...repo.actionStatements(deps.db, { itemType, itemId: id, action, actorId: user.id, reason, now }),
  ]);
  // The database decided: a second hide (or a restore of a visible item) changed nothing.
  if (!applied || applied.meta.changes === 0) throw new ApiError(hide ? 'ALREADY_HIDDEN' : 'NOT_HIDDEN');
  const actionId = (inserted?.results[0] as { id: number } | undefined)?.id ?? 0;
  await notify(deps, [
    {
      userId: item.authorId,
      kind: 'moderation',
      dedupeKey: `moderation:${itemType}:${id}:${actionId}`,
      payload: {
        ...(itemType === 'listing'
          ? { listingId: id, listingTitle: item.title }
          : { requestId: id, requestTitle: item.title }),
        moderation: { itemType, action: hide ? 'hidden' : 'restored', reason },
      },
    },
  ]);
  return {
    itemType,
    itemId: id,
    hiddenAt: hide ? now : null,
    hiddenBy: hide ? { id: user.id, displayName: user.displayName } : null,
    hiddenReason: hide ? reason : null,
  };
}
