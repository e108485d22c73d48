import { notificationsApi } from '$lib/api/notifications';
import { pageError, requireUser } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  const { app } = await parent();
  requireUser(app, url);
  try {
    return { mails: (await notificationsApi(app, fetch).mailbox()).items };
  } catch (e) {
    pageError(e);
  }
};
