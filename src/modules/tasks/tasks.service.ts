/**
 * What waits for a person now, across their hubs. Each module that has something waiting adds
 * one source below (join requests to decide, listing questions to answer …); the list is sorted
 * by deadline, soonest first, tasks without one last.
 */
import type { Deps, SessionUser } from '../../env';
import type { TTask, TTaskList } from '../../shared/tasks.schemas';
import { exchangeTasks } from '../exchanges/exchanges.service';
import { hubRoles, joinRequestTasks } from '../hubs/hubs.service';
import { questionTasks } from '../questions/questions.service';
import { trainingRequestTasks } from '../trainings/trainings.service';

/** The person and their hubs, as sources need them. */
export type TaskViewer = { userId: number; hubIds: number[]; managerOf: number[] };

/** A source of tasks: at most `limit`, read in a fixed number of statements. */
export type TaskSource = (deps: Deps, viewer: TaskViewer, limit: number) => Promise<TTask[]>;

/** Tasks shown at most (the count says how many of them). */
export const MAX_TASKS = 100;

export const TASK_SOURCES: readonly TaskSource[] = [
  (deps, v, limit) => exchangeTasks(deps, { userId: v.userId, hubIds: v.hubIds, limit }),
  (deps, v, limit) => joinRequestTasks(deps, { managerOf: v.managerOf, limit }),
  (deps, v, limit) => trainingRequestTasks(deps, { managerOf: v.managerOf, limit }),
  (deps, v, limit) => questionTasks(deps, { hubIds: v.hubIds, limit }),
];

export async function myTasks(deps: Deps, user: SessionUser): Promise<TTaskList> {
  const roles = await hubRoles(deps, user.id);
  const viewer: TaskViewer = {
    userId: user.id,
    hubIds: [...roles.keys()],
    managerOf: [...roles].filter(([, role]) => role === 'manager').map(([id]) => id),
  };
  const lists = await Promise.all(TASK_SOURCES.map((source) => source(deps, viewer, MAX_TASKS)));
  const items = lists
    .flat()
    .sort(
      (a, b) =>
        (a.deadline === null ? 1 : 0) - (b.deadline === null ? 1 : 0) ||
        (a.deadline ?? '').localeCompare(b.deadline ?? ''),
    )
    .slice(0, MAX_TASKS);
  return { items, count: items.length };
}
