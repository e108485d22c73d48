import type { Locale } from './shared/taxonomy';

/** The signed-in person behind a request. */
export type SessionUser = { id: number; email: string; displayName: string; locale: Locale };

export type AppEnv = {
  Bindings: Env;
  Variables: {
    requestId: string;
    locale: Locale;
    user: SessionUser | null;
    sessionHash: string | null;
  };
};

/** What every use case gets: the database and a clock, so tests can fix time. */
export type Deps = { db: D1Database; now: () => Date };
