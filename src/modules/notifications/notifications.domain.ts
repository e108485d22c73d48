/** Notification rules and email wording, pure. Emails are written in the recipient's language. */
import type {
  TNotificationKind,
  TNotificationMode,
  TNotificationPayload,
} from '../../shared/notifications.schemas';
import type { Locale } from '../../shared/taxonomy';
import { notificationLine, notificationPath } from '../../shared/notifications.text';
import { cleanLine } from '../../shared/user-input';

export { notificationLine, notificationPath };

/** A kind nobody chose a mode for is sent at once. */
export const DEFAULT_MODE: TNotificationMode = 'immediate';

/** Attempts before an email is given up as failed. */
export const MAX_EMAIL_ATTEMPTS = 5;
/** A message claimed for sending longer ago than this is tried again (the sender died meanwhile). */
export const STALE_CLAIM_MS = 10 * 60 * 1000;
/** Daily digests go out from this hour (UTC) on. */
export const DIGEST_HOUR_UTC = 6;

export type Email = { subject: string; body: string };

const FOOTER: Record<Locale, string> = {
  nl: 'Je kiest per soort melding: meteen, dagelijks of uit — in je account.',
  fr: 'Vous choisissez pour chaque type d’alerte : immédiate, quotidienne ou désactivée — dans votre compte.',
  en: 'Choose per kind of notification: immediately, daily or off — in your account.',
};

const DIGEST_SUBJECT: Record<Locale, (n: number) => string> = {
  nl: (n) => `Omloop: ${n} nieuwe ${n === 1 ? 'melding' : 'meldingen'} van vandaag`,
  fr: (n) => `Omloop : ${n} ${n === 1 ? 'nouvelle alerte' : 'nouvelles alertes'} aujourd’hui`,
  en: (n) => `Omloop: ${n} new ${n === 1 ? 'notification' : 'notifications'} today`,
};

/** One notification as an email. */
export function immediateEmail(
  locale: Locale,
  kind: TNotificationKind,
  p: TNotificationPayload,
  baseUrl: string,
): Email {
  const line = notificationLine(locale, kind, p);
  return {
    // One line whatever people wrote (a moderation reason may have several): a subject is a header.
    subject: cleanLine(`Omloop: ${line}`),
    body: `${line}\n\n${baseUrl}${notificationPath(kind, p)}\n\n— ${FOOTER[locale]}`,
  };
}

/** Several notifications in one daily email. */
export function digestEmail(
  locale: Locale,
  items: { kind: TNotificationKind; payload: TNotificationPayload }[],
  baseUrl: string,
): Email {
  const lines = items.map(
    (i) =>
      `• ${notificationLine(locale, i.kind, i.payload)}\n  ${baseUrl}${notificationPath(i.kind, i.payload)}`,
  );
  return {
    subject: DIGEST_SUBJECT[locale](items.length),
    body: `${lines.join('\n')}\n\n— ${FOOTER[locale]}`,
  };
}

/** Whether the daily digest may go out at this moment, and for which day. */
export function digestDay(now: Date): string | null {
  return now.getUTCHours() >= DIGEST_HOUR_UTC ? now.toISOString().slice(0, 10) : null;
}
