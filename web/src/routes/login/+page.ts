import { redirect } from '@sveltejs/kit';
import { safeNext } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url }) => {
  const { app } = await parent();
  const next = safeNext(url);
  if (app.me) redirect(307, next);
  return { next };
};
