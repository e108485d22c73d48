/** Photos of a listing: choosing (camera or library), ordering, publishing with them, the confirmation (English: the typed source). */
export const photosEn = {
  photos: {
    title: 'Photos',
    intro: 'Start with photos: they are what people look at first.',
    takePhoto: 'Take a photo',
    choose: 'Choose photos',
    limits: (max: number) =>
      `Up to ${max} photos · JPEG, PNG or WebP · at most 5 MB each. Large photos are made smaller before sending.`,
    count: (n: number, max: number) => `${n} of ${max} photos`,
    cover: 'Cover',
    previewAlt: (n: number) => `Photo ${n}`,
    moveEarlier: (n: number) => `Move photo ${n} earlier`,
    moveLater: (n: number) => `Move photo ${n} later`,
    remove: (n: number) => `Remove photo ${n}`,
    moved: (from: number, to: number) => `Photo ${from} is now photo ${to}.`,
    removed: (n: number) => `Photo ${n} removed.`,
    tooMany: (max: number) => `A listing has at most ${max} photos; the last ones you chose were left out.`,
    full: (max: number) => `${max} photos: remove one to add another.`,
    preparing: 'Preparing photos…',
    publishing: 'Publishing…',
    refused:
      'Nothing was published: fix or remove the photo named below, then publish again. What you typed is kept.',
    refusedEdit:
      'Nothing was changed: fix or remove the photo named below, then save again. What you typed is kept.',
    published: 'Your listing is published',
    publishedNext:
      'Members of other hubs can find it now, and hubs whose requests it fits are told. You will be told when someone asks for it.',
    saved: 'Your changes are saved',
    listAnother: 'List something else',
    seeRequests: 'See what hubs need',
    addMore: 'Edit or add photos',
  },
};
export type PhotosMessages = typeof photosEn;
