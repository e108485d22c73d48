import type { Deps } from '../../env';
import { ApiError, validationError } from '../../http/errors';
import type { TTrainingRef } from '../../shared/machines.schemas';
import type {
  TPassport,
  TTraining,
  TTrainingInput,
  TTrainingRecord,
  TTrainingRecordInput,
} from '../../shared/trainings.schemas';
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
