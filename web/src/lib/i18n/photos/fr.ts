import type { PhotosMessages } from './en';

/** Photos of a listing: choosing (camera or library), ordering, publishing with them, the confirmation (français). */
export const photosFr: PhotosMessages = {
  photos: {
    title: 'Photos',
    intro: 'Commencez par les photos : c’est ce que l’on regarde en premier.',
    takePhoto: 'Prendre une photo',
    choose: 'Choisir des photos',
    limits: (max: number) =>
      `Jusqu’à ${max} photos · JPEG, PNG ou WebP · 5 Mo au plus chacune. Les grandes photos sont réduites avant l’envoi.`,
    count: (n: number, max: number) => `${n} photo${n > 1 ? 's' : ''} sur ${max}`,
    cover: 'Couverture',
    previewAlt: (n: number) => `Photo ${n}`,
    moveEarlier: (n: number) => `Avancer la photo ${n}`,
    moveLater: (n: number) => `Reculer la photo ${n}`,
    remove: (n: number) => `Retirer la photo ${n}`,
    moved: (from: number, to: number) => `La photo ${from} est maintenant la photo ${to}.`,
    removed: (n: number) => `Photo ${n} retirée.`,
    tooMany: (max: number) =>
      `Une offre a au plus ${max} photos ; les dernières choisies ont été laissées de côté.`,
    full: (max: number) => `${max} photos : retirez-en une pour en ajouter une autre.`,
    preparing: 'Préparation des photos…',
    publishing: 'Publication…',
    refused:
      'Rien n’a été publié : corrigez ou retirez la photo indiquée ci-dessous, puis publiez à nouveau. Ce que vous avez saisi est gardé.',
    refusedEdit:
      'Rien n’a été modifié : corrigez ou retirez la photo indiquée ci-dessous, puis enregistrez à nouveau. Ce que vous avez saisi est gardé.',
    published: 'Votre offre est publiée',
    publishedNext:
      'Les membres des autres hubs peuvent la trouver dès maintenant, et les hubs dont une demande lui correspond sont prévenus. Vous serez prévenu quand quelqu’un la demande.',
    saved: 'Vos modifications sont enregistrées',
    listAnother: 'Proposer autre chose',
    seeRequests: 'Voir ce dont les hubs ont besoin',
    addMore: 'Modifier ou ajouter des photos',
  },
};
