/** Matching, notifications and saved searches (English: the typed source). */
export const matchingEn = {
  requestMatchesTitle: 'Listings that could fill this',
  listingMatchesTitle: 'Hubs that asked for something like this',
  noRequestMatches: 'No listing fits yet. You will be told when one appears.',
  noListingMatches: 'No hub has asked for something like this yet.',
  /** Just saved: its matches are worked out right after the answer; asked again a few times meanwhile. */
  lookingForListings: 'Looking for listings that fit…',
  lookingForRequests: 'Looking for requests this could fill…',
  score: (n: number) => `Match ${n}/100`,
  dismiss: 'Not suitable',
  dismissLabel: (title: string) => `Not suitable: ${title}`,
  bundleTitle: 'A bundle that fills the whole quantity',
  bundlePartial: 'Together these cover part of what you need',
  bundleItem: (take: string, title: string, km: string) => `${take} from “${title}” (${km})`,
  bundleTotal: (covered: string, needed: string, km: string) =>
    `${covered} of ${needed} · ${km} in total, nearest first`,
  neededBy: (date: string) => `needed by ${date}`,
  massEstimate: (kg: string, low: string, high: string) => `about ${kg} kg (estimate: ${low}–${high} kg)`,
  massLabel: 'Estimated weight',
  closeness: {
    same: (cat: string) => `same material: ${cat}`,
    within: (cat: string) => `a kind of what you asked for: ${cat}`,
    broader: (cat: string) => `broader material: ${cat}`,
    family: (cat: string) => `same family: ${cat}`,
  },
  kmAway: (km: string) => `${km} away`,
  coverage: (covered: string, needed: string, unit: string) =>
    `enough for ${covered} of your ${needed} ${unit}`,
  coverageUnknown: 'quantity in another unit',
  partsFit: (perSheet: number, total: number) => `${perSheet} parts per sheet, ${total} in all`,
  sizeUnknown: 'size not given',
  availableUntil: (date: string) => `available until ${date}`,
  availableFrom: (date: string) => `available from ${date}`,
  expiresSoon: (days: number) =>
    days === 0
      ? 'expires today: would otherwise go to waste'
      : `expires in ${days} days: would otherwise go to waste`,
  condition: (c: string) => `condition: ${c}`,
  // notifications
  bell: (n: number) => (n === 0 ? 'Notifications' : `Notifications, ${n} unread`),
  inboxTitle: 'Notifications',
  inboxEmpty: 'Nothing yet. Matches for your requests and saved searches appear here.',
  markAllRead: 'Mark all as read',
  markRead: 'Mark as read',
  unread: 'unread',
  lineRequestMatch: (listing: string, request: string, hub?: string) =>
    `New listing “${listing}”${hub ? ` from ${hub}` : ''} matches your request “${request}”`,
  lineSavedSearch: (listing: string, search: string) =>
    `New listing “${listing}” for your saved search “${search}”`,
  claimedByHub: 'Claimed by your hub',
  claimForRequest: 'Claim for this request',
  claimAll: 'Claim all for this request',
  claimAllMessage: 'Message to the hubs',
  claimAllHint: 'Sent with each claim: when you would fetch, what it is for.',
  claimAllProgress: (n: number, total: number) => `Claiming ${n} of ${total}…`,
  claimAllDone: (claimed: number, total: number) => `${claimed} of ${total} claimed.`,
  claimAllClaimed: 'Claimed',
  claimAllRefused: (reason: string) => `Not claimed: ${reason}`,
  claimAllRetry: 'Try the others again',
  seeExchange: 'See the exchange',
  open: 'Open',
  preferencesTitle: 'Notifications',
  preferencesIntro:
    'For each kind, choose how you are told: at once (inbox and email), in one email a day, or not at all.',
  kinds: {
    request_match: 'A listing matches one of my hub’s requests',
    saved_search: 'A listing fits one of my saved searches',
    moderation: 'A coordinator hid or restored something I posted',
    claim_received: 'Another hub claims one of my hub’s listings',
    claim_answered: 'My claim is accepted or declined',
    claim_cancelled: 'A claim is cancelled',
    claim_expired: 'A claim expires unanswered',
    handover_recorded: 'A handover waits for my hub to confirm or dispute',
    exchange_completed: 'An exchange of my hub is complete',
    exchange_disputed: 'A handover my hub recorded is disputed',
    exchange_message: 'A new message in an exchange or a question about a listing',
    booking_changed: 'A machine booking is made or cancelled',
    stream_occurrence: 'A stream delivery is published for or reserved by my hub',
    join_request_received: 'Someone asks to join a hub I manage',
    join_request_answered: 'My request to join a hub was answered',
    training_requested: 'Someone asks for a training of a hub I manage',
    training_answered: 'My request for a training was answered',
  },
  modes: { immediate: 'Immediately', daily: 'Daily digest', off: 'Off' },
  saved: 'Saved',
  // saved searches
  savedSearchesTitle: 'Saved searches',
  savedSearchesIntro:
    'Be told when a listing that fits appears, e.g. acrylic at least 300 × 300 mm within 30 km.',
  savedSearchesEmpty: 'No saved searches yet.',
  newSavedSearch: 'New saved search',
  name: 'Name',
  words: 'Search words',
  wordsHint:
    'Found as the search finds them: in the title, the description or the material’s names, in any language.',
  category: 'Category',
  anyCategory: 'Any category',
  minLength: 'Minimum length (mm)',
  minWidth: 'Minimum width (mm)',
  minThickness: 'Minimum thickness (mm)',
  fromHub: 'Distance from hub',
  anyDistance: 'Any distance',
  radius: 'Within (km)',
  startDropped:
    'Started from your search. A saved search keeps its words, category, sizes and a radius round one of your hubs; kind, condition, price, date and other places are not kept.',
  saveSearch: 'Save search',
  delete: 'Delete',
  deleteLabel: (name: string) => `Delete saved search ${name}`,
  lastNotified: (date: string) => `last alert ${date}`,
  // dev mailbox
  mailboxTitle: 'Development mailbox',
  mailboxIntro:
    'Emails sent to you while email stays local (EMAIL_SENDER=log). Not available with a real sender.',
  mailboxEmpty: 'No emails for you yet.',
  mailboxStatus: { pending: 'waiting', sending: 'sending', sent: 'sent', failed: 'failed' },
};

export type MatchingMessages = typeof matchingEn;
