import type { joinEn } from './en';

/** Rejoindre un hub : demander depuis sa page, les gestionnaires décident. */
export const joinFr: typeof joinEn = {
  title: (hub) => `Rejoindre ${hub}`,
  intro:
    'Les membres proposent ce qui reste et demandent ce dont le hub a besoin. Dites aux gestionnaires qui vous êtes.',
  signInFirst: 'Connectez-vous ou créez un compte pour demander à rejoindre ce hub.',
  signIn: 'Se connecter pour demander',
  message: 'Message aux gestionnaires',
  messageHint: 'Facultatif, 500 caractères au plus : qui vous êtes, ce que vous fabriquez.',
  ask: 'Demander à rejoindre',
  pending: (date) =>
    `Vous avez demandé à rejoindre ce hub le ${date}. Ses gestionnaires décideront ; vous serez prévenu·e.`,
  declinedBefore: 'Votre dernière demande a été refusée. Vous pouvez demander à nouveau.',
  requestsTitle: 'Demandes d’adhésion',
  noRequests: 'Personne n’attend de rejoindre le hub.',
  accept: 'Accepter',
  decline: 'Refuser',
  acceptLabel: (name) => `Accepter ${name}`,
  declineLabel: (name) => `Refuser ${name}`,
  acceptedNotice: (name) => `${name} est maintenant membre.`,
  declinedNotice: (name) => `La demande de ${name} a été refusée.`,
};
