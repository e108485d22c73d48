import type { PhotosMessages } from './en';

/** Photos of a listing or a machine: adding, removing, limits (français). */
export const photosFr: PhotosMessages = {
  photos: {
    label: 'Photos',
    choose: 'Ajouter des photos',
    hint: (max: number) =>
      `JPEG, PNG ou WebP ; jusqu’à ${max} photos. Les grandes photos sont réduites avant l’envoi.`,
    tooMany: (max: number) => `Une offre a au maximum ${max} photos ; seules les premières ont été gardées.`,
    selected: (n: number) => (n === 1 ? '1 photo choisie' : `${n} photos choisies`),
    progress: (done: number, total: number) => `${done} sur ${total} envoyées`,
    failed: (name: string, message: string) => `${name} : ${message}`,
    current: 'Photos actuelles',
    remove: (n: number) => `Supprimer la photo ${n}`,
    preview: (name: string) => `Aperçu de ${name}`,
  },
};
