/**
 * Email senders, chosen by the EMAIL_SENDER environment variable, never by code:
 * - `log` (the default): messages stay in the outbox, are marked sent and logged; a person reads
 *   their own on the dev mailbox page (/dev/mailbox), which exists only in this mode.
 * - `webhook`: POSTs `{ to, subject, text }` as JSON to EMAIL_WEBHOOK_URL, with
 *   `Authorization: Bearer EMAIL_WEBHOOK_TOKEN` when set (a relay in front of any provider).
 */
export type OutgoingEmail = { to: string; subject: string; body: string };
export type EmailSender = { name: string; send: (m: OutgoingEmail) => Promise<void> };

/** The variables the senders read; set them in wrangler.toml [vars] or as secrets. */
export type MailEnv = {
  EMAIL_SENDER?: string;
  EMAIL_WEBHOOK_URL?: string;
  EMAIL_WEBHOOK_TOKEN?: string;
  PUBLIC_URL?: string;
};

export const mailEnv = (env: unknown): MailEnv => (env ?? {}) as MailEnv;

/** Whether messages stay local (the dev mailbox is on). */
export function isLogSender(env: MailEnv): boolean {
  return (env.EMAIL_SENDER ?? 'log') === 'log';
}

export function senderFromEnv(env: MailEnv, fetchFn: typeof fetch = fetch): EmailSender {
  const name = env.EMAIL_SENDER ?? 'log';
  if (name === 'log')
    return {
      name,
      send: async (m) => console.log(JSON.stringify({ email: { to: m.to, subject: m.subject } })),
    };
  if (name === 'webhook') {
    const url = env.EMAIL_WEBHOOK_URL;
    if (!url) throw new Error('EMAIL_SENDER=webhook needs EMAIL_WEBHOOK_URL');
    return {
      name,
      send: async (m) => {
        const res = await fetchFn(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(env.EMAIL_WEBHOOK_TOKEN ? { authorization: `Bearer ${env.EMAIL_WEBHOOK_TOKEN}` } : {}),
          },
          body: JSON.stringify({ to: m.to, subject: m.subject, text: m.body }),
        });
        if (!res.ok) throw new Error(`email webhook answered ${res.status}`);
      },
    };
  }
  throw new Error(`unknown EMAIL_SENDER: ${name}`);
}
