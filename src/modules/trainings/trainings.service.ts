import type { Deps, SessionUser } from '../../env';
import { recordEvent } from '../events/events.service';
import { ApiError, validationError } from '../../http/errors';
import type { TTrainingRef } from '../../shared/machines.schemas';
import type {
  TPassport,
  TTraining,
  TTrainingInput,
  TTrainingRecord,
  TTrainingRecordInput,
  TTrainingRequest,
  TTrainingRequestList,
} from '../../shared/trainings.schemas';
import type { TTask } from '../../shared/tasks.schemas';
import { canManage } from '../hubs/hubs.domain';
import { requireHubRef, roleIn } from '../hubs/hubs.service';
import { isQualified } from './trainings.domain';
import * as repo from './trainings.repo';

async function requireManager(deps: Deps, slug: string, userId: number) {
  const hub = await requireHubRef(deps, slug);
  if (!canManage(await roleIn(deps, hub.id, userId))) throw new ApiError('FORBIDDEN');
  return hub;
}

async function requireOwnTraining(deps: Deps, hubId: number, trainingId: number): Promise<repo.TrainingRow> {
  const training = await repo.findTraining(deps.db, trainingId);
  if (!training || training.hub_id !== hubId) throw new ApiError('TRAINING_NOT_FOUND');
  return training;
}

export async function listTrainings(deps: Deps, slug: string): Promise<TTraining[]> {
  const hub = await requireHubRef(deps, slug);
  return repo.listTrainings(deps.db, hub.id);
}

export async function createTraining(
  deps: Deps,
  { slug, input, userId }: { slug: string; input: TTrainingInput; userId: number },
): Promise<TTraining> {
  const hub = await requireManager(deps, slug, userId);
  const id = await repo.insertTraining(deps.db, {
    hubId: hub.id,
    name: input.name,
    level: input.level ?? 1,
    description: input.description ?? '',
    userId,
    now: deps.now().toISOString(),
  });
  if (id === null)
    throw new ApiError('TRAINING_EXISTS', { details: { fields: [{ path: 'name', message: '' }] } });
  const created = (await repo.listTrainings(deps.db, hub.id)).find((t) => t.id === id);
  if (!created) throw new ApiError('TRAINING_NOT_FOUND');
  return created;
}

export async function recordCompletion(
  deps: Deps,
  {
    slug,
    trainingId,
    input,
    userId,
  }: { slug: string; trainingId: number; input: TTrainingRecordInput; userId: number },
): Promise<TTrainingRecord> {
  const hub = await requireManager(deps, slug, userId);
  await requireOwnTraining(deps, hub.id, trainingId);
  // A day of leeway: the manager's "today" may already be tomorrow in UTC terms.
  const tomorrow = new Date(deps.now().getTime() + 24 * 3600 * 1000).toISOString().slice(0, 10);
  if (input.completedOn > tomorrow) throw validationError([{ path: 'completedOn', message: '' }]);
  const record = await repo.upsertRecord(deps.db, {
    trainingId,
    email: input.email,
    completedOn: input.completedOn,
    recordedBy: userId,
    now: deps.now().toISOString(),
  });
  if (!record)
    throw new ApiError('PERSON_NOT_FOUND', { details: { fields: [{ path: 'email', message: '' }] } });
  return record;
}

export async function listRecords(
  deps: Deps,
  { slug, trainingId, userId }: { slug: string; trainingId: number; userId: number },
): Promise<TTrainingRecord[]> {
  const hub = await requireManager(deps, slug, userId);
  await requireOwnTraining(deps, hub.id, trainingId);
  return repo.listRecords(deps.db, trainingId);
}

export async function removeRecord(
  deps: Deps,
  {
    slug,
    trainingId,
    personId,
    userId,
  }: { slug: string; trainingId: number; personId: number; userId: number },
): Promise<void> {
  const hub = await requireManager(deps, slug, userId);
  await requireOwnTraining(deps, hub.id, trainingId);
  if (!(await repo.deleteRecord(deps.db, trainingId, personId))) throw new ApiError('NOT_FOUND');
}

/** The hub accepts another hub's training as equivalent to one of its own. */
export async function acceptTraining(
  deps: Deps,
  {
    slug,
    trainingId,
    acceptedId,
    userId,
  }: { slug: string; trainingId: number; acceptedId: number; userId: number },
): Promise<TTraining> {
  const hub = await requireManager(deps, slug, userId);
  await requireOwnTraining(deps, hub.id, trainingId);
  const other = await repo.findTraining(deps.db, acceptedId);
  if (!other) throw new ApiError('TRAINING_NOT_FOUND');
  // A hub's own trainings are its own to define, not equivalences.
  if (other.hub_id === hub.id) throw new ApiError('TRAINING_SAME_HUB');
  await repo.insertAcceptance(deps.db, { trainingId, acceptedId, userId, now: deps.now().toISOString() });
  const list = await repo.listTrainings(deps.db, hub.id);
  return list.find((t) => t.id === trainingId)!;
}

export async function withdrawAcceptance(
  deps: Deps,
  {
    slug,
    trainingId,
    acceptedId,
    userId,
  }: { slug: string; trainingId: number; acceptedId: number; userId: number },
): Promise<void> {
  const hub = await requireManager(deps, slug, userId);
  await requireOwnTraining(deps, hub.id, trainingId);
  if (!(await repo.deleteAcceptance(deps.db, trainingId, acceptedId))) throw new ApiError('NOT_FOUND');
}

export async function passport(deps: Deps, person: { id: number; displayName: string }): Promise<TPassport> {
  const { records, acceptedAs } = await repo.passport(deps.db, person.id);
  return {
    person: { id: person.id, displayName: person.displayName },
    items: records.map((r) => ({
      training: r.training,
      completedOn: r.completedOn,
      recordedBy: r.recordedBy,
      acceptedAs: acceptedAs.get(r.training.id) ?? [],
    })),
  };
}

// ---------- for the machines module ----------

/** A training of this hub, for a machine's requirement; null when it is not one. */
export async function trainingOfHub(
  deps: Deps,
  trainingId: number,
  hubId: number,
): Promise<TTrainingRef | null> {
  const t = await repo.findTraining(deps.db, trainingId);
  return t && t.hub_id === hubId ? repo.toTrainingRef(t) : null;
}

export async function trainingRef(deps: Deps, trainingId: number): Promise<TTrainingRef | null> {
  const t = await repo.findTraining(deps.db, trainingId);
  return t ? repo.toTrainingRef(t) : null;
}

/** Whether a person holds the training, or one its hub accepts as equivalent. */
export async function holdsTraining(deps: Deps, userId: number, trainingId: number | null): Promise<boolean> {
  if (trainingId === null) return true;
  const facts = await repo.qualificationFacts(deps.db, userId, trainingId);
  return isQualified(trainingId, facts.held, facts.acceptedFor);
}

// ---------- training requests ----------

/** How many pending training requests a hub's managers see at once. */
const TRAINING_REQUESTS_SHOWN = 100;

const publicRequest = ({ hubId: _hubId, ...r }: repo.TrainingRequestRecord): TTrainingRequest => r;

/**
 * A person asks the machine's hub for the training the machine requires (the machines module
 * checks the machine and that the person lacks it). Its managers are told (`training.requested`);
 * a second request while one is pending is refused by the database.
 */
export async function requestTraining(
  deps: Deps,
  {
    training,
    machine,
    hub,
    message,
    user,
  }: {
    training: { id: number; name: string };
    machine: { id: number; name: string };
    hub: { id: number; slug: string; name: string };
    message: string;
    user: SessionUser;
  },
): Promise<TTrainingRequest> {
  const now = deps.now().toISOString();
  const event = recordEvent(deps.db, 'training.requested', {
    subject: { inserted: true },
    actorId: user.id,
    payload: {
      trainingId: training.id,
      trainingName: training.name,
      machineId: machine.id,
      machineName: machine.name,
      hubId: hub.id,
      hubSlug: hub.slug,
      hubName: hub.name,
      personName: user.displayName,
    },
    now,
  });
  const id = await repo.insertTrainingRequest(
    deps.db,
    { trainingId: training.id, machineId: machine.id, hubId: hub.id, userId: user.id, message, now },
    [event],
  );
  if (id === null) throw new ApiError('TRAINING_REQUEST_PENDING');
  const created = await repo.findTrainingRequest(deps.db, hub.id, id);
  if (!created) throw new ApiError('TRAINING_REQUEST_NOT_FOUND');
  return publicRequest(created);
}

/** A person's latest request for each training (for the machine page's notice). */
export function latestTrainingRequests(deps: Deps, userId: number, trainingIds: number[]) {
  return repo.latestRequestsOf(deps.db, userId, [...new Set(trainingIds)]);
}

/** A hub's pending training requests, oldest first (managers). */
export async function listTrainingRequests(
  deps: Deps,
  { slug, userId }: { slug: string; userId: number },
): Promise<TTrainingRequestList> {
  const hub = await requireManager(deps, slug, userId);
  const rows = await repo.pendingRequestsOfHubs(deps.db, [hub.id], TRAINING_REQUESTS_SHOWN);
  return { items: rows.map(publicRequest) };
}

/**
 * A manager records the training the person asked for (completed on `completedOn`) or declines
 * the request, once; a second answer is refused, whoever gives it.
 */
export async function answerTrainingRequest(
  deps: Deps,
  { slug, id, completedOn, userId }: { slug: string; id: number; completedOn: string | null; userId: number },
): Promise<TTrainingRequest> {
  const hub = await requireManager(deps, slug, userId);
  const request = await repo.findTrainingRequest(deps.db, hub.id, id);
  if (!request) throw new ApiError('TRAINING_REQUEST_NOT_FOUND');
  if (request.status !== 'pending') throw new ApiError('TRAINING_REQUEST_DECIDED');
  if (completedOn !== null) {
    const tomorrow = new Date(deps.now().getTime() + 24 * 3600 * 1000).toISOString().slice(0, 10);
    if (completedOn > tomorrow) throw validationError([{ path: 'completedOn', message: '' }]);
  }
  const now = deps.now().toISOString();
  const event = recordEvent(deps.db, 'training.answered', {
    subject: { id, ifChanged: true },
    actorId: userId,
    payload: {
      trainingName: request.training.name,
      machineId: request.machine.id,
      machineName: request.machine.name,
      hubName: request.hub.name,
      userId: request.person.id,
      answer: completedOn === null ? 'declined' : 'recorded',
    },
    now,
  });
  const answered = await repo.answerTrainingRequest(
    deps.db,
    { id, hubId: hub.id, deciderId: userId, now, completedOn },
    event,
  );
  // Another manager answered in between: the database kept the first answer.
  if (!answered) throw new ApiError('TRAINING_REQUEST_DECIDED');
  return {
    ...publicRequest(request),
    status: completedOn === null ? 'declined' : 'recorded',
    decidedAt: now,
  };
}

/** The training requests waiting for a manager: one task each (tasks module source). */
export async function trainingRequestTasks(
  deps: Deps,
  { managerOf, limit }: { managerOf: number[]; limit: number },
): Promise<TTask[]> {
  const rows = await repo.pendingRequestsOfHubs(deps.db, managerOf, limit);
  return rows.map((r) => ({
    kind: 'training_to_record' as const,
    path: `/hubs/${r.hub.slug}/machines#training-requests`,
    deadline: null,
    title: `${r.person.displayName} · ${r.training.name}`,
    hub: r.hub,
    quantity: null,
    unit: null,
  }));
}
