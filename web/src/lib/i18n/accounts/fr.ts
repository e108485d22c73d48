import type { AccountsMessages } from './en';

/** Your account: name, language, e-mail (français). */
export const accountsFr: AccountsMessages = {
  account: {
    title: 'Mon compte',
    profile: 'Profil',
    displayName: 'Nom affiché',
    email: 'Adresse e-mail',
    language: 'Langue',
    saved: 'Enregistré.',
    memberships: 'Mes hubs',
    noMemberships: 'Vous n’êtes encore membre d’aucun hub.',
    createHub: 'Créer un hub',
  },
};
