import { createRoute } from '@hono/zod-openapi';
import { requireUser } from '../../http/middleware/session';
import { deps, errors, json, newRouter } from '../../http/openapi';
import { ZTaskList } from '../../shared/tasks.schemas';
import * as service from './tasks.service';

const tags = ['Tasks'];

export const tasksRoutes = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/me/tasks',
    tags,
    summary: 'What waits for me now, across my hubs, soonest deadline first',
    description:
      'Claims my hubs must answer, handovers recorded by the other side for my hubs to confirm or dispute, ' +
      'completed exchanges my hubs received without an outcome. Each with a deep link (`path`) and its ' +
      'deadline. Only what my own hubs must do: another hub’s tasks are never listed.',
    responses: { 200: json(ZTaskList, 'My tasks'), ...errors(401) },
  }),
  async (c) => c.json(await service.myTasks(deps(c), requireUser(c)), 200),
);
