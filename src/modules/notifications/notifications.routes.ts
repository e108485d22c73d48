import { createRoute } from '@hono/zod-openapi';
import { deps, errors, json, jsonBody, newRouter } from '../../http/openapi';
import { requireUser } from '../../http/middleware/session';
import {
  ZMailbox,
  ZNotificationPage,
  ZNotificationPreferenceInput,
  ZNotificationPreferences,
  ZNotificationQuery,
  ZNotificationReadInput,
  ZUnreadCount,
} from '../../shared/notifications.schemas';
import { mailEnv } from './notifications.sender';
import * as service from './notifications.service';

const tags = ['Notifications'];

export const notificationsRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/notifications',
      tags,
      summary: 'My notifications, newest first, with the unread count',
      description: '`unread=true` for unread ones only; pages follow `nextCursor`.',
      request: { query: ZNotificationQuery },
      responses: { 200: json(ZNotificationPage, 'A page of notifications'), ...errors(401, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const q = c.req.valid('query');
      const page = await service.listNotifications(deps(c), {
        userId: user.id,
        unreadOnly: q.unread === 'true',
        cursor: q.cursor ?? null,
        limit: q.limit,
      });
      return c.json(page, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/notifications/read',
      tags,
      summary: 'Mark notifications read: `{ "ids": [...] }` or `{ "all": true }`',
      request: jsonBody(ZNotificationReadInput),
      responses: { 200: json(ZUnreadCount, 'What is left unread'), ...errors(401, 403, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const input = c.req.valid('json');
      return c.json(await service.markRead(deps(c), { userId: user.id, ids: input.ids ?? null }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/notifications/preferences',
      tags,
      summary: 'How I am told about each kind of notification: immediate, daily (digest) or off',
      responses: { 200: json(ZNotificationPreferences, 'One mode per kind'), ...errors(401) },
    }),
    async (c) => c.json({ items: await service.preferences(deps(c), requireUser(c).id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/notifications/preferences',
      tags,
      summary: 'Choose the mode of one kind',
      description:
        '`immediate`: in the inbox and by email at once; `daily`: in the inbox, by email in one digest a day; ' +
        '`off`: not at all.',
      request: jsonBody(ZNotificationPreferenceInput),
      responses: { 200: json(ZNotificationPreferences, 'One mode per kind'), ...errors(401, 403, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const items = await service.setPreference(deps(c), { userId: user.id, input: c.req.valid('json') });
      return c.json({ items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/dev/mailbox',
      tags,
      summary: 'Development mailbox: the emails sent to me (only when EMAIL_SENDER=log)',
      description:
        'Enabled only while the Worker keeps email local (EMAIL_SENDER unset or `log`, as in local development); ' +
        'with a real sender configured it answers 404. Shows only the signed-in person’s own messages.',
      responses: { 200: json(ZMailbox, 'My emails, newest first'), ...errors(401, 404) },
    }),
    async (c) => {
      const user = requireUser(c);
      return c.json({ items: await service.mailbox({ ...deps(c), env: mailEnv(c.env) }, user.id) }, 200);
    },
  );
