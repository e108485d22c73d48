import type { offlineEn } from './en';

export const offlineNl: typeof offlineEn = {
  copy: (when: string) => `Offline kopie van ${when} — mogelijk niet meer actueel.`,
  copyUnknown: 'Offline kopie — mogelijk niet meer actueel.',
};
