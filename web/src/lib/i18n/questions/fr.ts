import type { questionsEn } from './en';

export const questionsFr: typeof questionsEn = {
  title: 'Questions avant de réserver',
  intro: (hub: string) =>
    `Posez une question à ${hub} sur cette offre avant de la réserver. Seuls votre hub et le leur la lisent.`,
  answersIntro:
    'Les questions d’autres hubs sur cette offre. Chaque fil n’est lu que par votre hub et le hub qui demande.',
  none: 'Pas encore de question.',
  askAs: 'Demander pour',
  question: 'Votre question',
  questionHint: 'Par exemple : dimensions, état, quand venir la chercher.',
  ask: 'Poser la question',
  answer: 'Votre réponse',
  reply: 'Répondre',
  sending: 'Envoi…',
  sent: 'Envoyé. L’autre hub est prévenu.',
  awaiting: 'Attend une réponse',
  thread: (hub: string) => `Fil avec ${hub}`,
  askedBefore: 'Demandé avant la réservation',
};
