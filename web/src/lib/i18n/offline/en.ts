/** The notice shown when a page's data came from the service worker's offline copy. */
export const offlineEn = {
  /** `when` is the date and time the copy was fetched, already formatted. */
  copy: (when: string) => `Offline copy from ${when} — it may be out of date.`,
  copyUnknown: 'Offline copy — it may be out of date.',
};
