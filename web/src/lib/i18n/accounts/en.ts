/** Your account: name, language, e-mail (English: the typed source). */
export const accountsEn = {
  account: {
    title: 'My account',
    profile: 'Profile',
    displayName: 'Display name',
    email: 'Email address',
    language: 'Language',
    saved: 'Saved.',
    memberships: 'My hubs',
    noMemberships: 'You are not a member of any hub yet.',
    createHub: 'Create a hub',
  },
};
export type AccountsMessages = typeof accountsEn;
