import type { PhotosMessages } from './en';

/** Photos of a listing or a machine: adding, removing, limits (Nederlands). */
export const photosNl: PhotosMessages = {
  photos: {
    label: 'Foto’s',
    choose: 'Foto’s toevoegen',
    hint: (max: number) =>
      `JPEG, PNG of WebP; maximaal ${max} foto’s. Grote foto’s worden verkleind voor het uploaden.`,
    tooMany: (max: number) => `Een aanbod heeft maximaal ${max} foto’s; alleen de eerste zijn behouden.`,
    selected: (n: number) => (n === 1 ? '1 foto gekozen' : `${n} foto’s gekozen`),
    progress: (done: number, total: number) => `${done} van ${total} geüpload`,
    failed: (name: string, message: string) => `${name}: ${message}`,
    current: 'Huidige foto’s',
    remove: (n: number) => `Foto ${n} verwijderen`,
    preview: (name: string) => `Voorbeeld van ${name}`,
  },
};
