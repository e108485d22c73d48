import type { Deps } from '../../env';
import { ApiError } from '../../http/errors';
import {
  NOTIFICATION_KINDS,
  ZNotificationPayload,
  type TMailboxItem,
  type TNotification,
  type TNotificationPage,
  type TNotificationPreference,
  type TNotificationPreferenceInput,
} from '../../shared/notifications.schemas';
import {
  DEFAULT_MODE,
  digestDay,
  digestEmail,
  immediateEmail,
  MAX_EMAIL_ATTEMPTS,
  STALE_CLAIM_MS,
} from './notifications.domain';
import * as repo from './notifications.repo';
import { isLogSender, type EmailSender, type MailEnv } from './notifications.sender';

export type NotifyDeps = Deps & { baseUrl: string };
export type { NewNotification } from './notifications.repo';

function toNotification(r: repo.NotificationRow): TNotification {
  return {
    id: r.id,
    kind: r.kind,
    payload: ZNotificationPayload.parse(JSON.parse(r.payload)),
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}

/**
 * Records notifications (each event at most once per person; none for a kind turned off) and
 * queues an email for those who chose "immediate"; "daily" ones wait for the digest.
 * Returns how many were new.
 */
export async function notify(deps: NotifyDeps, items: repo.NewNotification[]): Promise<number> {
  const now = deps.now().toISOString();
  const inserted = await repo.insertNotifications(deps.db, items, now);
  const mails: repo.OutboxValues[] = [];
  const emailed: number[] = [];
  for (const kind of NOTIFICATION_KINDS) {
    const ofKind = inserted.filter((n) => n.kind === kind);
    if (ofKind.length === 0) continue;
    const people = await repo.recipients(deps.db, [...new Set(ofKind.map((n) => n.user_id))], kind);
    for (const n of ofKind) {
      const to = people.get(n.user_id);
      if (!to || to.mode !== 'immediate') continue;
      const payload = ZNotificationPayload.parse(JSON.parse(n.payload));
      const mail = immediateEmail(to.locale, kind, payload, deps.baseUrl);
      mails.push({ userId: to.id, to: to.email, locale: to.locale, ...mail });
      emailed.push(n.id);
    }
  }
  if (mails.length)
    await deps.db.batch([...repo.insertOutbox(deps.db, mails, now), repo.markEmailed(deps.db, emailed, now)]);
  return inserted.length;
}

export async function listNotifications(
  deps: Deps,
  {
    userId,
    unreadOnly,
    cursor,
    limit,
  }: { userId: number; unreadOnly: boolean; cursor: number | null; limit: number },
): Promise<TNotificationPage> {
  const rows = await repo.listNotifications(deps.db, {
    userId,
    unreadOnly,
    beforeId: cursor,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map(toNotification),
    unreadCount: await repo.unreadCount(deps.db, userId),
    nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}

export async function markRead(
  deps: Deps,
  { userId, ids }: { userId: number; ids: number[] | null },
): Promise<{ unreadCount: number }> {
  await repo.markRead(deps.db, userId, ids, deps.now().toISOString());
  return { unreadCount: await repo.unreadCount(deps.db, userId) };
}

export async function preferences(deps: Deps, userId: number): Promise<TNotificationPreference[]> {
  const chosen = await repo.preferencesOf(deps.db, userId);
  return NOTIFICATION_KINDS.map((kind) => ({ kind, mode: chosen.get(kind) ?? DEFAULT_MODE }));
}

export async function setPreference(
  deps: Deps,
  { userId, input }: { userId: number; input: TNotificationPreferenceInput },
): Promise<TNotificationPreference[]> {
  await repo.setPreference(deps.db, userId, input.kind, input.mode, deps.now().toISOString());
  return preferences(deps, userId);
}

/** The person's own emails, only while the sender keeps them local (EMAIL_SENDER=log). */
export async function mailbox(deps: Deps & { env: MailEnv }, userId: number): Promise<TMailboxItem[]> {
  if (!isLogSender(deps.env)) throw new ApiError('NOT_FOUND');
  const rows = await repo.mailboxOf(deps.db, userId, 50);
  return rows.map((r) => ({
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    body: r.body,
    locale: r.locale,
    status: r.status,
    attempts: r.attempts,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  }));
}

/** Sends what the outbox holds; a failure is retried on the next pass, up to MAX_EMAIL_ATTEMPTS. */
export async function deliverOutbox(
  deps: Deps & { sender: EmailSender },
  { limit = 50 }: { limit?: number } = {},
): Promise<{ sent: number; failed: number }> {
  const now = deps.now();
  const claimed = await repo.claimOutbox(deps.db, {
    now: now.toISOString(),
    staleBefore: new Date(now.getTime() - STALE_CLAIM_MS).toISOString(),
    limit,
  });
  let sent = 0;
  let failed = 0;
  for (const m of claimed) {
    try {
      await deps.sender.send({ to: m.to_address, subject: m.subject, body: m.body });
      await repo.markSent(deps.db, m.id, deps.now().toISOString());
      sent++;
    } catch (err) {
      await repo.markFailed(deps.db, m.id, String(err), m.attempts >= MAX_EMAIL_ATTEMPTS);
      failed++;
    }
  }
  return { sent, failed };
}

/** Once a day per person (from DIGEST_HOUR_UTC), one email with their waiting "daily" notifications. */
export async function sendDigests(deps: NotifyDeps): Promise<{ digests: number }> {
  const day = digestDay(deps.now());
  if (!day) return { digests: 0 };
  let digests = 0;
  for (const userId of await repo.digestCandidates(deps.db)) {
    const now = deps.now().toISOString();
    if (!(await repo.claimDigest(deps.db, userId, day, now))) continue;
    const items = await repo.takeDigestItems(deps.db, userId, now);
    const person = (await repo.recipients(deps.db, [userId], 'request_match')).get(userId);
    if (!person || items.length === 0) continue;
    const mail = digestEmail(
      person.locale,
      items.map((i) => ({ kind: i.kind, payload: ZNotificationPayload.parse(JSON.parse(i.payload)) })),
      deps.baseUrl,
    );
    await deps.db.batch(
      repo.insertOutbox(deps.db, [{ userId, to: person.email, locale: person.locale, ...mail }], now),
    );
    digests++;
  }
  return { digests };
}
