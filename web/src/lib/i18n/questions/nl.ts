import type { questionsEn } from './en';

export const questionsNl: typeof questionsEn = {
  title: 'Vragen vóór je aanvraagt',
  intro: (hub: string) =>
    `Stel ${hub} een vraag over dit aanbod voor je het aanvraagt. Alleen jouw hub en die van hen lezen mee.`,
  answersIntro:
    'Vragen van andere hubs over dit aanbod. Elk gesprek lezen alleen jouw hub en de hub die vraagt.',
  none: 'Nog geen vragen.',
  askAs: 'Vragen voor',
  question: 'Je vraag',
  questionHint: 'Bijvoorbeeld: maten, staat, wanneer het opgehaald kan worden.',
  ask: 'Vraag stellen',
  answer: 'Je antwoord',
  reply: 'Antwoorden',
  sending: 'Versturen…',
  sent: 'Verstuurd. De andere hub krijgt bericht.',
  awaiting: 'Wacht op antwoord',
  thread: (hub: string) => `Gesprek met ${hub}`,
  askedBefore: 'Gevraagd vóór de aanvraag',
};
