import type { joinEn } from './en';

/** Lid worden van een hub: vragen vanaf de hubpagina, beheerders beslissen. */
export const joinNl: typeof joinEn = {
  title: (hub) => `Lid worden van ${hub}`,
  intro:
    'Leden bieden aan wat overblijft en vragen wat de hub nodig heeft. Vertel de beheerders wie je bent.',
  signInFirst: 'Meld je aan of maak een account om te vragen lid te worden van deze hub.',
  signIn: 'Aanmelden om te vragen',
  message: 'Bericht aan de beheerders',
  messageHint: 'Niet verplicht, hoogstens 500 tekens: wie je bent, wat je maakt.',
  ask: 'Vraag om lid te worden',
  pending: (date) =>
    `Je vroeg op ${date} om lid te worden. De beheerders van de hub beslissen; je krijgt bericht.`,
  declinedBefore: 'Je vorige aanvraag werd geweigerd. Je mag opnieuw vragen.',
  requestsTitle: 'Aanvragen om lid te worden',
  noRequests: 'Niemand wacht om lid te worden.',
  accept: 'Aanvaarden',
  decline: 'Weigeren',
  acceptLabel: (name) => `${name} aanvaarden`,
  declineLabel: (name) => `${name} weigeren`,
  acceptedNotice: (name) => `${name} is nu lid.`,
  declinedNotice: (name) => `De aanvraag van ${name} is geweigerd.`,
};
