import { createRoute } from '@hono/zod-openapi';
import { deps, errors, json, jsonBody, newRouter, ZSlugParam, ZPathId } from '../../http/openapi';
import { requireUser } from '../../http/middleware/session';
import {
  ZPassport,
  ZTraining,
  ZTrainingInput,
  ZTrainingList,
  ZTrainingRecord,
  ZTrainingRecordInput,
  ZTrainingRecordList,
  ZTrainingRequest,
  ZTrainingRequestList,
  ZTrainingRequestRecordInput,
} from '../../shared/trainings.schemas';
import * as service from './trainings.service';

const tags = ['Trainings'];
const ZTrainingParam = ZSlugParam.extend({ trainingId: ZPathId });
const ZRecordParam = ZTrainingParam.extend({ userId: ZPathId });
const ZAcceptParam = ZTrainingParam.extend({ acceptedId: ZPathId });
const ZRequestParam = ZSlugParam.extend({ id: ZPathId });

export const trainingsRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/hubs/{slug}/trainings',
      tags,
      summary: "A hub's trainings, each with the other hubs' trainings it accepts as equivalent",
      request: { params: ZSlugParam },
      responses: { 200: json(ZTrainingList, 'Trainings'), ...errors(404) },
    }),
    async (c) => c.json({ items: await service.listTrainings(deps(c), c.req.valid('param').slug) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/hubs/{slug}/trainings',
      tags,
      summary: 'Define a training (managers)',
      request: { params: ZSlugParam, ...jsonBody(ZTrainingInput) },
      responses: { 201: json(ZTraining, 'The new training'), ...errors(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const training = await service.createTraining(deps(c), {
        slug: c.req.valid('param').slug,
        input: c.req.valid('json'),
        userId: user.id,
      });
      return c.json(training, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/hubs/{slug}/trainings/{trainingId}/records',
      tags,
      summary: 'Who completed a training (managers)',
      request: { params: ZTrainingParam },
      responses: { 200: json(ZTrainingRecordList, 'Records'), ...errors(401, 403, 404, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { slug, trainingId } = c.req.valid('param');
      return c.json(
        { items: await service.listRecords(deps(c), { slug, trainingId, userId: user.id }) },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/hubs/{slug}/trainings/{trainingId}/records',
      tags,
      summary: 'Record that a person (by email) completed a training (managers); again updates the date',
      request: { params: ZTrainingParam, ...jsonBody(ZTrainingRecordInput) },
      responses: { 201: json(ZTrainingRecord, 'The record'), ...errors(401, 403, 404, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { slug, trainingId } = c.req.valid('param');
      const record = await service.recordCompletion(deps(c), {
        slug,
        trainingId,
        input: c.req.valid('json'),
        userId: user.id,
      });
      return c.json(record, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/hubs/{slug}/trainings/{trainingId}/records/{userId}',
      tags,
      summary: "Remove a person's record of a training (managers)",
      request: { params: ZRecordParam },
      responses: { 204: { description: 'Removed' }, ...errors(401, 403, 404, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { slug, trainingId, userId } = c.req.valid('param');
      await service.removeRecord(deps(c), { slug, trainingId, personId: userId, userId: user.id });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/hubs/{slug}/trainings/{trainingId}/accepted/{acceptedId}',
      tags,
      summary: "Accept another hub's training as equivalent to this one (managers)",
      request: { params: ZAcceptParam },
      responses: {
        200: json(ZTraining, 'The training with what it accepts'),
        ...errors(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const user = requireUser(c);
      const { slug, trainingId, acceptedId } = c.req.valid('param');
      return c.json(
        await service.acceptTraining(deps(c), { slug, trainingId, acceptedId, userId: user.id }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/hubs/{slug}/trainings/{trainingId}/accepted/{acceptedId}',
      tags,
      summary: "Stop accepting another hub's training (managers)",
      request: { params: ZAcceptParam },
      responses: { 204: { description: 'No longer accepted' }, ...errors(401, 403, 404, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { slug, trainingId, acceptedId } = c.req.valid('param');
      await service.withdrawAcceptance(deps(c), { slug, trainingId, acceptedId, userId: user.id });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/hubs/{slug}/training-requests',
      tags,
      summary: "The hub's pending training requests, oldest first (managers)",
      request: { params: ZSlugParam },
      responses: { 200: json(ZTrainingRequestList, 'Pending requests'), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c);
      return c.json(
        await service.listTrainingRequests(deps(c), { slug: c.req.valid('param').slug, userId: user.id }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/hubs/{slug}/training-requests/{id}/record',
      tags,
      summary: 'Record the training a person asked for, completed on a day (managers); answers the request',
      request: { params: ZRequestParam, ...jsonBody(ZTrainingRequestRecordInput) },
      responses: { 200: json(ZTrainingRequest, 'The answered request'), ...errors(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { slug, id } = c.req.valid('param');
      return c.json(
        await service.answerTrainingRequest(deps(c), {
          slug,
          id,
          completedOn: c.req.valid('json').completedOn,
          userId: user.id,
        }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/hubs/{slug}/training-requests/{id}/decline',
      tags,
      summary: 'Decline a pending training request (managers)',
      request: { params: ZRequestParam },
      responses: { 200: json(ZTrainingRequest, 'The answered request'), ...errors(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { slug, id } = c.req.valid('param');
      return c.json(
        await service.answerTrainingRequest(deps(c), { slug, id, completedOn: null, userId: user.id }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me/passport',
      tags,
      summary: 'My maker passport: the trainings I completed and where they are accepted',
      responses: { 200: json(ZPassport, 'The passport'), ...errors(401) },
    }),
    async (c) => c.json(await service.passport(deps(c), requireUser(c)), 200),
  );
