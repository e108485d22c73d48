/**
 * Ask before claiming: a member of another hub asks the listing's hub a question; a thread is one
 * (listing, asking hub). Only the people of those two hubs read or write it. Each message tells
 * the other side (event `listing.question` → notification `exchange_message`); a thread whose
 * newest message is the asking hub's is a task for the listing hub's members. When the asking hub
 * claims the listing, the exchange shows the thread as asked before the claim.
 */
import type { Deps, SessionUser } from '../../env';
import { ApiError } from '../../http/errors';
import type { TExchangeMessage } from '../../shared/exchanges.schemas';
import type { TQuestionInput, TQuestionThread, TQuestionThreads } from '../../shared/questions.schemas';
import type { TTask } from '../../shared/tasks.schemas';
import { recordEvent } from '../events/events.service';
import { hubRefsByIds, hubRoles, requireHubRef } from '../hubs/hubs.service';
import { listingFacts, requireVisibleListing } from '../listings/listings.service';
import * as repo from './questions.repo';

/** The listing, if this person may see it: a hidden listing's questions are as hidden as it is. */
async function requireListing(deps: Deps, id: number, user: SessionUser) {
  await requireVisibleListing(deps, { id, user });
  const facts = await listingFacts(deps, id);
  if (!facts) throw new ApiError('LISTING_NOT_FOUND');
  return facts;
}

const toMessage = (r: repo.QuestionRow): TExchangeMessage => ({
  id: r.id,
  author: { id: r.author_id, displayName: r.author_name },
  hub: r.author_hub_slug,
  body: r.body,
  at: r.created_at,
});

/** The threads of a listing the viewer may read: all of them for the listing's hub, else their hubs' own. */
export async function listQuestions(
  deps: Deps,
  { listingId, user }: { listingId: number; user: SessionUser },
): Promise<TQuestionThreads> {
  const listing = await requireListing(deps, listingId, user);
  const roles = await hubRoles(deps, user.id);
  const answers = roles.has(listing.hubId);
  const rows = await repo.messagesOfListing(deps.db, listingId, answers ? null : [...roles.keys()]);
  const byHub = new Map<number, repo.QuestionRow[]>();
  for (const r of rows) byHub.set(r.asking_hub_id, [...(byHub.get(r.asking_hub_id) ?? []), r]);
  const hubs = await hubRefsByIds(deps, [...byHub.keys()]);
  const threads: TQuestionThread[] = [];
  for (const [hubId, messages] of byHub) {
    const hub = hubs.get(hubId);
    if (!hub) continue;
    const { id: _id, ...summary } = hub;
    threads.push({
      hub: summary,
      messages: messages.map(toMessage),
      awaitingAnswer: messages[messages.length - 1]!.author_hub_id === hubId,
    });
  }
  // The threads that wait for an answer first, then the newest.
  threads.sort(
    (a, b) =>
      Number(b.awaitingAnswer) - Number(a.awaitingAnswer) ||
      b.messages[b.messages.length - 1]!.at.localeCompare(a.messages[a.messages.length - 1]!.at),
  );
  return { threads, answers };
}

/**
 * A member of the asking hub asks (the listing must still be offered), or a member of the
 * listing's hub answers in that hub's thread (it must exist). A person in both answers.
 */
export async function postQuestion(
  deps: Deps,
  { listingId, user, input }: { listingId: number; user: SessionUser; input: TQuestionInput },
): Promise<TQuestionThreads> {
  const listing = await requireListing(deps, listingId, user);
  const asking = await requireHubRef(deps, input.hub);
  const roles = await hubRoles(deps, user.id);
  let authorHubId: number;
  if (roles.has(listing.hubId)) {
    if (asking.id === listing.hubId) throw new ApiError('QUESTION_OWN_HUB');
    authorHubId = listing.hubId;
  } else if (roles.has(asking.id)) {
    if (listing.status !== 'active') throw new ApiError('QUESTION_LISTING_CLOSED');
    authorHubId = asking.id;
  } else throw new ApiError('NOT_A_MEMBER');

  const now = deps.now().toISOString();
  const authorHubName = authorHubId === asking.id ? asking.name : listing.hubName;
  const event = recordEvent(deps.db, 'listing.question', {
    subject: { inserted: true },
    actorId: user.id,
    payload: {
      listingId,
      listingTitle: listing.title,
      listingHubId: listing.hubId,
      askingHubId: asking.id,
      authorHubId,
      authorHubName,
    },
    now,
  });
  const id = await repo.insertMessage(
    deps.db,
    {
      listingId,
      listingHubId: listing.hubId,
      askingHubId: asking.id,
      authorId: user.id,
      authorHubId,
      body: input.body,
      now,
    },
    event,
  );
  if (id === null) throw new ApiError('QUESTION_THREAD_NOT_FOUND');
  return listQuestions(deps, { listingId, user });
}

/** The questions waiting for an answer from one of the person's hubs: one task per thread. */
export async function questionTasks(
  deps: Deps,
  { hubIds, limit }: { hubIds: number[]; limit: number },
): Promise<TTask[]> {
  const rows = await repo.waitingThreads(deps.db, hubIds, limit);
  return rows.map((r) => ({
    kind: 'question_to_answer' as const,
    path: `/listings/${r.listing_id}#questions`,
    deadline: null,
    title: r.listing_title,
    hub: { slug: r.asking_hub_slug, name: r.asking_hub_name },
    quantity: null,
    unit: null,
  }));
}

/** What the claiming hub asked about the listing before it claimed: the exchange shows it first. */
export async function askedBeforeClaim(
  deps: Deps,
  a: { listingId: number; askingHubId: number; before: string },
): Promise<TExchangeMessage[]> {
  return (await repo.threadBefore(deps.db, a)).map(toMessage);
}
