/** Account rules: how long a session lives, and when logins are throttled. */

export const SESSION_DAYS = 30;
export const LOGIN_WINDOW_MINUTES = 15;

/**
 * Login attempts allowed per window (an attempt stays counted unless it succeeds). The
 * (email, address) pair comes first, so a stranger guessing from elsewhere is stopped without
 * locking the maker out at their own address; an address trying many emails, and many
 * addresses trying one email, are stopped too.
 */
export const LOGIN_LIMITS = { pair: 5, address: 30, email: 50 } as const;

export function sessionExpiry(now: Date): Date {
  return new Date(now.getTime() + SESSION_DAYS * 24 * 60 * 60 * 1000);
}

export function loginWindowStart(now: Date): Date {
  return new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60 * 1000);
}

/**
 * The address a login is counted against: an IPv4 address as it is, an IPv6 address by its /64
 * prefix (one connection usually holds a whole /64, so single addresses would be free to rotate).
 */
export function throttleAddress(ip: string): string {
  if (!ip.includes(':')) return ip;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  const [head = '', tail] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Emails are compared without case and surrounding spaces. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
