/** Recurring streams (English: the typed source of nl and fr). */
export const streamsEn = {
  fromStream: 'From a recurring stream',
  fromStreamOccurrence: (seq: number) => `Occurrence ${seq} of this stream`,
  title: 'Recurring streams',
  newTitle: 'New recurring stream',
  newLink: 'New recurring stream',
  repeatsHint: 'Does this come back regularly (every week, every month)?',
  repeatsLink: 'Offer it as a recurring stream',
  intro:
    'Something your hub has again and again: each occurrence becomes a listing on its date, and other hubs can reserve the next ones.',
  noStreams: 'No recurring streams.',
  noHubs: 'Join or create a hub first: a stream belongs to a hub.',
  // form
  hub: 'Hub',
  chooseHub: 'Choose a hub',
  scheduleTitle: 'Schedule',
  repeats: 'Repeats',
  repeatsOptions: { weekly: 'Weekly', monthly: 'Monthly' },
  every: 'Every',
  everyUnit: { weekly: 'week(s)', monthly: 'month(s)' },
  dayOfMonth: 'Day of the month',
  dayOfMonthHint: 'On a short month the last day is used (the 31st gives 30 April, 28 or 29 February).',
  startDate: 'First date',
  endBy: 'Ends',
  endOptions: { count: 'After a number of times', date: 'On a date' },
  occurrences: 'Number of times',
  endDate: 'Last date',
  quantity: 'Expected quantity each time',
  submit: 'Create stream',
  endHint: 'A stream must end: at most 104 times and two years.',
  // a stream
  schedule: (repeats: 'weekly' | 'monthly', every: number, dayOfMonth: number | null) =>
    repeats === 'weekly'
      ? every === 1
        ? 'Every week'
        : `Every ${every} weeks`
      : `${every === 1 ? 'Every month' : `Every ${every} months`} on day ${dayOfMonth ?? ''}`,
  period: (from: string, to: string) => `from ${from} to ${to}`,
  times: (n: number) => (n === 1 ? 'once' : `${n} times`),
  perOccurrence: (qty: string) => `about ${qty} each time`,
  statuses: { active: 'Active', ended: 'Ended', withdrawn: 'Withdrawn' },
  counts: (published: number, reserved: number, free: number) =>
    `${published} published · ${reserved} reserved · ${free} free`,
  nextFree: (date: string) => `next free: ${date}`,
  handedOverTotal: (qty: string) => `Handed over so far: ${qty}`,
  occurrencesTitle: 'Occurrences',
  colDate: 'Date',
  colState: 'State',
  colHandedOver: 'Handed over',
  states: { upcoming: 'Upcoming', reserved: 'Reserved', published: 'Published' },
  reservedBy: (hub: string) => `Reserved by ${hub}`,
  viewListing: 'Listing',
  viewExchange: 'Exchange',
  more: (n: number) => `and ${n} more`,
  // subscriptions
  subscribeTitle: 'Reserve the next occurrences',
  subscribeIntro:
    'Your hub reserves the next free occurrences; when each is published, your hub gets an exchange already accepted for it.',
  subscribeHub: 'For hub',
  subscribeCount: 'How many occurrences',
  subscribeSubmit: 'Reserve',
  subscribed: (n: number) => (n === 1 ? 'Reserved 1 occurrence.' : `Reserved ${n} occurrences.`),
  subscriptionsTitle: 'Subscriptions',
  subscription: (hub: string, n: number) => `${hub}: ${n === 1 ? '1 occurrence' : `${n} occurrences`}`,
  cancel: 'Cancel subscription',
  cancelConfirm: 'Cancel this subscription? Its occurrences that are not published yet become free again.',
  cancelled: 'cancelled',
  end: 'End stream',
  endConfirm: 'End this stream? Published listings stay; the occurrences still to come are dropped.',
  withdraw: 'Withdraw stream',
  withdrawConfirm:
    'Withdraw this stream? The occurrences still to come are dropped and only your hub sees it.',
  // expected supply
  supplyTitle: 'Expected supply (recurring streams)',
  supplyNone: 'No recurring stream nearby fits this request.',
  supplyItem: (qty: string, date: string, free: number) =>
    `about ${qty} each time · next free ${date} · ${free} free`,
};

export type StreamsMessages = typeof streamsEn;
