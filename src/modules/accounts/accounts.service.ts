import type { Deps, SessionUser } from '../../env';
import { ApiError } from '../../http/errors';
import type { TLoginInput, TMe, TMePatch, TSignupInput } from '../../shared/accounts.schemas';
import type { Locale } from '../../shared/taxonomy';
import { listMembershipsOfUser } from '../hubs/hubs.service';
import { hashPassword, hashToken, newToken, verifyPassword, PBKDF2_ITERATIONS } from './accounts.crypto';
import {
  loginWindowStart,
  normalizeEmail,
  sessionExpiry,
  throttleAddress,
  LOGIN_LIMITS,
  LOGIN_WINDOW_MINUTES,
} from './accounts.domain';
import * as repo from './accounts.repo';

export type NewSession = { token: string; expiresAt: Date };

async function startSession(deps: Deps, userId: number): Promise<NewSession> {
  const token = newToken();
  const now = deps.now();
  const expiresAt = sessionExpiry(now);
  await repo.insertSession(deps.db, {
    tokenHash: await hashToken(token),
    userId,
    now: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  });
  return { token, expiresAt };
}

export async function signup(
  deps: Deps,
  { input, ip }: { input: TSignupInput & { locale: Locale }; ip: string },
): Promise<{ me: TMe; session: NewSession }> {
  const email = normalizeEmail(input.email);
  const token = newToken();
  const now = deps.now();
  const expiresAt = sessionExpiry(now);
  const created = await repo.insertUserWithSession(
    deps.db,
    {
      email,
      displayName: input.displayName,
      locale: input.locale,
      password: await hashPassword(input.password),
      now: now.toISOString(),
    },
    { tokenHash: await hashToken(token), expiresAt: expiresAt.toISOString() },
  );
  if (!created) {
    // "Taken" tells that the email has an account: it counts like a failed login from this
    // address, so no address can test emails by signing up in bulk.
    if ((await claimAttempt(deps, email, ip)) === null) throw rateLimited();
    // An empty field message is filled with the error's own message in the reader's language.
    throw new ApiError('EMAIL_TAKEN', { details: { fields: [{ path: 'email', message: '' }] } });
  }
  const user = await repo.findUserByEmail(deps.db, email);
  if (!user) throw new ApiError('INTERNAL');
  return { me: await getMe(deps, user.id), session: { token, expiresAt } };
}

// A stored hash to compare against when the email is unknown, so both paths cost the same.
const DUMMY = {
  hash: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
  salt: 'AAAAAAAAAAAAAAAAAAAAAA==',
  iterations: PBKDF2_ITERATIONS,
};

const rateLimited = () =>
  new ApiError('RATE_LIMITED', { headers: { 'Retry-After': String(LOGIN_WINDOW_MINUTES * 60) } });

/** Counts one attempt against (email, address), or null when a limit is reached. */
function claimAttempt(deps: Deps, email: string, ip: string): Promise<number | null> {
  const now = deps.now();
  return repo.claimLoginAttempt(deps.db, {
    email,
    address: throttleAddress(ip),
    now: now.toISOString(),
    since: loginWindowStart(now).toISOString(),
    limits: LOGIN_LIMITS,
  });
}

export async function login(
  deps: Deps,
  { input, ip }: { input: TLoginInput; ip: string },
): Promise<{ me: TMe; session: NewSession }> {
  const email = normalizeEmail(input.email);
  const address = throttleAddress(ip);
  const now = deps.now();
  // Counted before the password is checked: an attempt that is refused never reaches it, and a
  // failed one stays counted.
  if ((await claimAttempt(deps, email, ip)) === null) throw rateLimited();

  const user = await repo.findUserByEmail(deps.db, email);
  const ok = await verifyPassword(input.password, user?.password ?? DUMMY);
  if (!user || !ok) {
    await repo.pruneLoginAttempts(deps.db, new Date(now.getTime() - 24 * 3600 * 1000).toISOString());
    throw new ApiError('INVALID_CREDENTIALS');
  }
  await repo.clearLoginAttempts(deps.db, { email, address });
  return { me: await getMe(deps, user.id), session: await startSession(deps, user.id) };
}

export async function logout(deps: Deps, tokenHash: string): Promise<void> {
  await repo.revokeSession(deps.db, tokenHash, deps.now().toISOString());
}

export async function logoutEverywhere(deps: Deps, userId: number): Promise<number> {
  return repo.revokeAllSessions(deps.db, userId, deps.now().toISOString());
}

export async function findSessionUser(
  deps: Deps,
  token: string,
): Promise<{ user: SessionUser; tokenHash: string } | null> {
  if (token.length > 100) return null;
  const tokenHash = await hashToken(token);
  const user = await repo.findActiveSession(deps.db, tokenHash, deps.now().toISOString());
  return user
    ? {
        user: { id: user.id, email: user.email, displayName: user.displayName, locale: user.locale },
        tokenHash,
      }
    : null;
}

export async function getMe(deps: Deps, userId: number): Promise<TMe> {
  const user = await repo.findUserById(deps.db, userId);
  if (!user) throw new ApiError('UNAUTHENTICATED');
  return {
    user: {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      locale: user.locale,
      createdAt: user.createdAt,
    },
    memberships: await listMembershipsOfUser(deps, userId),
  };
}

export async function updateMe(deps: Deps, userId: number, patch: TMePatch): Promise<TMe> {
  await repo.updateUser(deps.db, userId, patch);
  return getMe(deps, userId);
}
