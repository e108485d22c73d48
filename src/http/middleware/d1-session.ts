/**
 * Read replicas with read-your-writes (D1 Sessions API). Every API request runs on one D1 session:
 *  - a write (any method but GET/HEAD) starts from 'first-primary', so it sees the newest state;
 *  - a read starts from the bookmark the client last saw (the `x-d1-bookmark` header, else the
 *    `omloop_d1` cookie), so a replica answers only once it has caught up with that person's
 *    own writes; without a bookmark it may start anywhere ('first-unconstrained').
 * Every answer carries the session's latest bookmark in `x-d1-bookmark`; an answer to a write also
 * sets it in the cookie, so the browser gets read-your-writes without doing anything. For the request, `env.DB` IS the session:
 * repos, services and the auth middleware use it unchanged. On local D1 there is one copy, and
 * the bookmarks still advance with every write.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../env';

export const BOOKMARK_HEADER = 'x-d1-bookmark';
export const BOOKMARK_COOKIE = 'omloop_d1';

// D1 bookmarks are hex groups joined by '-'; anything else is ignored, never passed to D1.
const BOOKMARK = /^[0-9a-f]{1,64}(?:-[0-9a-f]{1,64}){0,7}$/i;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The bookmark the client sent, if it looks like one. */
function sentBookmark(c: Context<AppEnv>): string | undefined {
  const sent = c.req.header(BOOKMARK_HEADER) ?? getCookie(c, BOOKMARK_COOKIE);
  return sent && sent.length <= 256 && BOOKMARK.test(sent) ? sent : undefined;
}

/** env.DB as one D1 session: a full D1Database whose statements all run in the session. */
export function sessionDb(db: D1Database, session: D1DatabaseSession): D1Database {
  return {
    prepare: (sql: string) => session.prepare(sql),
    batch: <T>(statements: D1PreparedStatement[]) => session.batch<T>(statements),
    // exec and dump have no session form; they go to the primary.
    exec: (sql: string) => db.exec(sql),
    dump: () => db.dump(),
    withSession: (constraint?: string) => db.withSession(constraint),
  } as D1Database;
}

export const d1Session: MiddlewareHandler<AppEnv> = async (c, next) => {
  const db = c.env.DB;
  const writes = c.req.method !== 'GET' && c.req.method !== 'HEAD';
  const sent = sentBookmark(c);
  let session: D1DatabaseSession;
  try {
    session = db.withSession(writes ? 'first-primary' : (sent ?? 'first-unconstrained'));
  } catch {
    session = db.withSession(writes ? 'first-primary' : 'first-unconstrained'); // a bookmark D1 refuses
  }
  c.env = { ...c.env, DB: sessionDb(db, session) };
  await next();
  const bookmark = session.getBookmark() ?? sent;
  if (!bookmark) return;
  c.res.headers.set(BOOKMARK_HEADER, bookmark);
  // The cookie moves on writes: what the person changed is what they must see next.
  if (writes && bookmark !== getCookie(c, BOOKMARK_COOKIE)) {
    setCookie(c, BOOKMARK_COOKIE, bookmark, {
      httpOnly: true,
      secure: !LOCAL_HOSTS.has(new URL(c.req.url).hostname),
      sameSite: 'Lax',
      path: '/api/',
    });
  }
};
