/** Photos of a listing or a machine: adding, removing, limits (English: the typed source). */
export const photosEn = {
  photos: {
    label: 'Photos',
    choose: 'Add photos',
    hint: (max: number) =>
      `JPEG, PNG or WebP; up to ${max} photos. Large photos are made smaller before upload.`,
    tooMany: (max: number) => `A listing has at most ${max} photos; only the first ones were kept.`,
    selected: (n: number) => (n === 1 ? '1 photo selected' : `${n} photos selected`),
    progress: (done: number, total: number) => `${done} of ${total} uploaded`,
    failed: (name: string, message: string) => `${name}: ${message}`,
    current: 'Current photos',
    remove: (n: number) => `Remove photo ${n}`,
    preview: (name: string) => `Preview of ${name}`,
  },
};
export type PhotosMessages = typeof photosEn;
