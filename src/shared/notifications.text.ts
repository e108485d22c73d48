/** What a person reads for a notification, and where it leads: one home for the API's emails and the web's inbox. */
import type { TNotificationKind, TNotificationPayload } from './notifications.schemas';
import type { Locale } from './taxonomy';
import { de } from './french';

type P = TNotificationPayload;

/** A deadline as people read it in an email or the inbox: day and time, UTC. */
const when = (iso: string | undefined) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '');

const LINES: Record<Locale, Record<TNotificationKind, (p: P) => string>> = {
  nl: {
    request_match: (p) =>
      `Nieuw aanbod${p.fromHubName ? ` van ${p.fromHubName}` : ''} past bij je vraag ‘${p.requestTitle ?? ''}’: ${p.listingTitle}`,
    saved_search: (p) => `Nieuw aanbod voor je zoekopdracht ‘${p.savedSearchName ?? ''}’: ${p.listingTitle}`,
    moderation: (p) =>
      `Een coördinator heeft ‘${p.listingTitle ?? p.requestTitle ?? ''}’ ${p.moderation?.action === 'restored' ? 'teruggezet' : 'verborgen'}: ${p.moderation?.reason ?? ''}`,
    claim_received: (p) => `${p.toHubName} wil ‘${p.listingTitle}’ ophalen: aanvaard of weiger de aanvraag`,
    claim_answered: (p) =>
      `${p.fromHubName} heeft je aanvraag voor ‘${p.listingTitle}’ ${p.answer === 'accepted' ? 'aanvaard' : 'geweigerd'}`,
    claim_cancelled: (p) => `De aanvraag van ${p.toHubName} voor ‘${p.listingTitle}’ is geannuleerd`,
    claim_expired: (p) =>
      `De aanvraag van ${p.toHubName} voor ‘${p.listingTitle}’ is verlopen zonder antwoord`,
    handover_recorded: (p) =>
      `De overdracht van ‘${p.listingTitle}’ is geregistreerd: bevestig of betwist vóór ${when(p.deadline)}`,
    exchange_completed: (p) =>
      `De uitwisseling van ‘${p.listingTitle}’ tussen ${p.fromHubName} en ${p.toHubName} is afgerond`,
    exchange_disputed: (p) =>
      `De overdracht van ‘${p.listingTitle}’ wordt betwist: lees waarom en registreer ze opnieuw`,
    exchange_message: (p) =>
      p.question
        ? p.question === 'asked'
          ? `${p.hubName} stelt een vraag over ‘${p.listingTitle}’`
          : `${p.hubName} antwoordde op je vraag over ‘${p.listingTitle}’`
        : `Nieuw bericht van ${p.hubName} over ‘${p.listingTitle}’`,
    booking_changed: (p) =>
      `Reservatie van ${p.machineName} op ${when(p.startsAt)} ${p.bookingChange === 'cancelled' ? 'geannuleerd' : 'gemaakt'}`,
    stream_occurrence: (p) =>
      p.streamChange === 'reserved'
        ? `${p.hubName} reserveerde de volgende leveringen van ‘${p.streamTitle}’`
        : `Nieuwe levering van ‘${p.streamTitle}’: ${p.listingTitle}`,
    join_request_received: (p) =>
      `${p.personName} vraagt om lid te worden van ${p.hubName}: aanvaard of weiger`,
    join_request_answered: (p) =>
      p.answer === 'accepted'
        ? `Welkom: je bent nu lid van ${p.hubName}`
        : `${p.hubName} heeft je aanvraag om lid te worden geweigerd`,
    training_requested: (p) =>
      `${p.personName} vraagt de opleiding ‘${p.trainingName}’ voor ${p.machineName}: registreer ze of weiger`,
    training_answered: (p) =>
      p.trainingAnswer === 'recorded'
        ? `${p.hubName} registreerde je opleiding ‘${p.trainingName}’: je kunt ${p.machineName} nu reserveren`
        : `${p.hubName} weigerde je aanvraag voor de opleiding ‘${p.trainingName}’`,
  },
  fr: {
    request_match: (p) =>
      `Une nouvelle offre${p.fromHubName ? ` ${de(p.fromHubName)}` : ''} correspond à votre demande « ${p.requestTitle ?? ''} » : ${p.listingTitle}`,
    saved_search: (p) =>
      `Nouvelle offre pour votre recherche « ${p.savedSearchName ?? ''} » : ${p.listingTitle}`,
    moderation: (p) =>
      `Un coordinateur a ${p.moderation?.action === 'restored' ? 'rétabli' : 'masqué'} « ${p.listingTitle ?? p.requestTitle ?? ''} » : ${p.moderation?.reason ?? ''}`,
    claim_received: (p) => `${p.toHubName} demande « ${p.listingTitle} » : acceptez ou refusez la demande`,
    claim_answered: (p) =>
      `${p.fromHubName} a ${p.answer === 'accepted' ? 'accepté' : 'refusé'} votre demande pour « ${p.listingTitle} »`,
    claim_cancelled: (p) => `La demande ${de(p.toHubName)} pour « ${p.listingTitle} » a été annulée`,
    claim_expired: (p) => `La demande ${de(p.toHubName)} pour « ${p.listingTitle} » a expiré sans réponse`,
    handover_recorded: (p) =>
      `La remise de « ${p.listingTitle} » est enregistrée : confirmez ou contestez avant le ${when(p.deadline)}`,
    exchange_completed: (p) =>
      `L’échange de « ${p.listingTitle} » entre ${p.fromHubName} et ${p.toHubName} est terminé`,
    exchange_disputed: (p) =>
      `La remise de « ${p.listingTitle} » est contestée : lisez pourquoi et enregistrez-la à nouveau`,
    exchange_message: (p) =>
      p.question
        ? p.question === 'asked'
          ? `${p.hubName} pose une question sur « ${p.listingTitle} »`
          : `${p.hubName} a répondu à votre question sur « ${p.listingTitle} »`
        : `Nouveau message ${de(p.hubName)} à propos de « ${p.listingTitle} »`,
    booking_changed: (p) =>
      `Réservation ${de(p.machineName)} le ${when(p.startsAt)} ${p.bookingChange === 'cancelled' ? 'annulée' : 'effectuée'}`,
    stream_occurrence: (p) =>
      p.streamChange === 'reserved'
        ? `${p.hubName} a réservé les prochaines livraisons de « ${p.streamTitle} »`
        : `Nouvelle livraison de « ${p.streamTitle} » : ${p.listingTitle}`,
    join_request_received: (p) => `${p.personName} demande à rejoindre ${p.hubName} : acceptez ou refusez`,
    join_request_answered: (p) =>
      p.answer === 'accepted'
        ? `Bienvenue : vous êtes maintenant membre ${de(p.hubName)}`
        : `${p.hubName} a refusé votre demande d’adhésion`,
    training_requested: (p) =>
      `${p.personName} demande la formation « ${p.trainingName} » pour ${p.machineName} : enregistrez-la ou refusez`,
    training_answered: (p) =>
      p.trainingAnswer === 'recorded'
        ? `${p.hubName} a enregistré votre formation « ${p.trainingName} » : vous pouvez réserver ${p.machineName}`
        : `${p.hubName} a refusé votre demande de formation « ${p.trainingName} »`,
  },
  en: {
    request_match: (p) =>
      `New listing${p.fromHubName ? ` from ${p.fromHubName}` : ''} matches your request ‘${p.requestTitle ?? ''}’: ${p.listingTitle}`,
    saved_search: (p) => `New listing for your saved search ‘${p.savedSearchName ?? ''}’: ${p.listingTitle}`,
    moderation: (p) =>
      `A coordinator ${p.moderation?.action === 'restored' ? 'restored' : 'hid'} ‘${p.listingTitle ?? p.requestTitle ?? ''}’: ${p.moderation?.reason ?? ''}`,
    claim_received: (p) => `${p.toHubName} claimed ‘${p.listingTitle}’: accept or decline the claim`,
    claim_answered: (p) =>
      `${p.fromHubName} ${p.answer === 'accepted' ? 'accepted' : 'declined'} your claim on ‘${p.listingTitle}’`,
    claim_cancelled: (p) => `The claim of ${p.toHubName} on ‘${p.listingTitle}’ was cancelled`,
    claim_expired: (p) => `The claim of ${p.toHubName} on ‘${p.listingTitle}’ expired unanswered`,
    handover_recorded: (p) =>
      `The handover of ‘${p.listingTitle}’ was recorded: confirm or dispute it by ${when(p.deadline)}`,
    exchange_completed: (p) =>
      `The exchange of ‘${p.listingTitle}’ between ${p.fromHubName} and ${p.toHubName} is complete`,
    exchange_disputed: (p) =>
      `The handover of ‘${p.listingTitle}’ was disputed: read why and record it again`,
    exchange_message: (p) =>
      p.question
        ? p.question === 'asked'
          ? `${p.hubName} asks a question about ‘${p.listingTitle}’`
          : `${p.hubName} answered your question about ‘${p.listingTitle}’`
        : `New message from ${p.hubName} about ‘${p.listingTitle}’`,
    booking_changed: (p) =>
      `Booking of ${p.machineName} on ${when(p.startsAt)} ${p.bookingChange === 'cancelled' ? 'cancelled' : 'made'}`,
    stream_occurrence: (p) =>
      p.streamChange === 'reserved'
        ? `${p.hubName} reserved the next deliveries of ‘${p.streamTitle}’`
        : `New delivery of ‘${p.streamTitle}’: ${p.listingTitle}`,
    join_request_received: (p) => `${p.personName} asks to join ${p.hubName}: accept or decline`,
    join_request_answered: (p) =>
      p.answer === 'accepted'
        ? `Welcome: you are now a member of ${p.hubName}`
        : `${p.hubName} declined your request to join`,
    training_requested: (p) =>
      `${p.personName} asks for the training ‘${p.trainingName}’ for ${p.machineName}: record it or decline`,
    training_answered: (p) =>
      p.trainingAnswer === 'recorded'
        ? `${p.hubName} recorded your training ‘${p.trainingName}’: you can book ${p.machineName} now`
        : `${p.hubName} declined your request for the training ‘${p.trainingName}’`,
  },
};

/** The line a person reads for one notification, in their language. */
export function notificationLine(locale: Locale, kind: TNotificationKind, p: TNotificationPayload): string {
  return LINES[locale][kind](p);
}

/** Where a notification leads in the web app. */
export function notificationPath(kind: TNotificationKind, p: TNotificationPayload): string {
  if (p.exchangeId !== undefined) return `/exchanges/${p.exchangeId}`;
  if (p.question !== undefined && p.listingId !== undefined) return `/listings/${p.listingId}#questions`;
  if (kind === 'training_requested' && p.hubSlug !== undefined)
    return `/hubs/${p.hubSlug}/machines#training-requests`;
  if (p.hubSlug !== undefined) return `/hubs/${p.hubSlug}`;
  if (p.machineId !== undefined) return `/machines/${p.machineId}`;
  if (p.streamId !== undefined && p.listingId === undefined) return `/streams/${p.streamId}`;
  const toRequest = (kind === 'request_match' || kind === 'moderation') && p.requestId;
  return toRequest ? `/requests/${p.requestId}` : `/listings/${p.listingId ?? ''}`;
}
