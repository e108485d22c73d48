import type { PhotosMessages } from './en';

/** Photos of a listing: choosing (camera or library), ordering, publishing with them, the confirmation (Nederlands). */
export const photosNl: PhotosMessages = {
  photos: {
    title: 'Foto’s',
    intro: 'Begin met foto’s: daar kijken mensen eerst naar.',
    takePhoto: 'Foto nemen',
    choose: 'Foto’s kiezen',
    limits: (max: number) =>
      `Hoogstens ${max} foto’s · JPEG, PNG of WebP · elk hoogstens 5 MB. Grote foto’s worden verkleind voor het versturen.`,
    count: (n: number, max: number) => `${n} van ${max} foto’s`,
    cover: 'Omslag',
    previewAlt: (n: number) => `Foto ${n}`,
    moveEarlier: (n: number) => `Foto ${n} naar voren`,
    moveLater: (n: number) => `Foto ${n} naar achteren`,
    remove: (n: number) => `Foto ${n} verwijderen`,
    moved: (from: number, to: number) => `Foto ${from} is nu foto ${to}.`,
    removed: (n: number) => `Foto ${n} verwijderd.`,
    tooMany: (max: number) =>
      `Een aanbod heeft hoogstens ${max} foto’s; de laatst gekozen foto’s zijn weggelaten.`,
    full: (max: number) => `${max} foto’s: verwijder er een om een andere toe te voegen.`,
    preparing: 'Foto’s voorbereiden…',
    publishing: 'Publiceren…',
    refused:
      'Er is niets gepubliceerd: verbeter of verwijder de foto die hieronder genoemd wordt en publiceer opnieuw. Wat je intypte, blijft staan.',
    refusedEdit:
      'Er is niets gewijzigd: verbeter of verwijder de foto die hieronder genoemd wordt en bewaar opnieuw. Wat je intypte, blijft staan.',
    published: 'Je aanbod is gepubliceerd',
    publishedNext:
      'Leden van andere hubs kunnen het nu vinden, en hubs met een vraag waar het bij past, krijgen bericht. Je krijgt bericht wanneer iemand het aanvraagt.',
    saved: 'Je wijzigingen zijn bewaard',
    listAnother: 'Nog iets aanbieden',
    seeRequests: 'Bekijk wat hubs nodig hebben',
    addMore: 'Foto’s wijzigen of toevoegen',
  },
};
