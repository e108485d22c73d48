import type { AccountsMessages } from './en';

/** Your account: name, language, e-mail (Nederlands). */
export const accountsNl: AccountsMessages = {
  account: {
    title: 'Mijn account',
    profile: 'Profiel',
    displayName: 'Weergavenaam',
    email: 'E-mailadres',
    language: 'Taal',
    saved: 'Opgeslagen.',
    memberships: 'Mijn hubs',
    noMemberships: 'Je bent nog geen lid van een hub.',
    createHub: 'Een hub aanmaken',
  },
};
