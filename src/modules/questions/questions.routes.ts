import { createRoute } from '@hono/zod-openapi';
import { deps, errors, json, jsonBody, newRouter, ZIdParam } from '../../http/openapi';
import { requireUser } from '../../http/middleware/session';
import { ZQuestionInput, ZQuestionThreads } from '../../shared/questions.schemas';
import * as service from './questions.service';

const tags = ['Questions'];

export const questionsRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/listings/{id}/questions',
      tags,
      summary: "A listing's question threads the caller may read",
      description:
        'People of the listing’s hub see every asking hub’s thread; anyone else sees only the threads ' +
        'of their own hubs (none when they have not asked).',
      request: { params: ZIdParam },
      responses: {
        200: json(ZQuestionThreads, 'Threads, those awaiting an answer first'),
        ...errors(401, 404),
      },
    }),
    async (c) => {
      const user = requireUser(c);
      return c.json(await service.listQuestions(deps(c), { listingId: c.req.valid('param').id, user }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/listings/{id}/questions',
      tags,
      summary: 'Ask the listing’s hub a question for one of your hubs, or answer a hub’s question',
      description:
        '`hub` names the thread by its asking hub. A member of that hub asks (the listing must still be ' +
        'offered; a hub does not ask itself); a member of the listing’s hub answers in a thread that ' +
        'exists. The other side is told (notification `exchange_message`).',
      request: { params: ZIdParam, ...jsonBody(ZQuestionInput) },
      responses: {
        201: json(ZQuestionThreads, 'The threads after the message'),
        ...errors(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const user = requireUser(c);
      const input = c.req.valid('json');
      return c.json(
        await service.postQuestion(deps(c), { listingId: c.req.valid('param').id, user, input }),
        201,
      );
    },
  );
