import type { offlineEn } from './en';

export const offlineFr: typeof offlineEn = {
  copy: (when: string) => `Copie hors ligne du ${when} — elle n’est peut-être plus à jour.`,
  copyUnknown: 'Copie hors ligne — elle n’est peut-être plus à jour.',
};
