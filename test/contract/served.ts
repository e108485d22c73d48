/** The OpenAPI document as the Worker serves it, from the app run on Node without real bindings. */
import { createApp } from '../../src/app';

const noData = () => {
  throw new Error('the contract tests read no data');
};
// The document reads no data, but every /api request opens a D1 session first.
const env = { DB: { withSession: () => ({ prepare: noData, batch: noData, getBookmark: () => null }) } };

export async function servedDocument(): Promise<{ status: number; text: string }> {
  const res = await createApp().request('http://127.0.0.1:8787/api/v1/openapi.json', {}, env as never);
  return { status: res.status, text: await res.text() };
}
