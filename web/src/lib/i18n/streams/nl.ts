import type { StreamsMessages } from './en';

/** Terugkerende reeksen (Nederlands). */
export const streamsNl: StreamsMessages = {
  title: 'Terugkerende reeksen',
  newTitle: 'Nieuwe terugkerende reeks',
  newLink: 'Nieuwe terugkerende reeks',
  repeatsHint: 'Komt dit geregeld terug (elke week, elke maand)?',
  repeatsLink: 'Bied het aan als terugkerende reeks',
  intro:
    'Iets wat je hub telkens opnieuw heeft: elke keer wordt op zijn datum een aanbod, en andere hubs kunnen de volgende keren reserveren.',
  noStreams: 'Geen terugkerende reeksen.',
  noHubs: 'Word eerst lid van een hub of maak er een: een reeks hoort bij een hub.',
  hub: 'Hub',
  chooseHub: 'Kies een hub',
  scheduleTitle: 'Planning',
  repeats: 'Herhaalt',
  repeatsOptions: { weekly: 'Wekelijks', monthly: 'Maandelijks' },
  every: 'Elke',
  everyUnit: { weekly: 'week/weken', monthly: 'maand(en)' },
  dayOfMonth: 'Dag van de maand',
  dayOfMonthHint: 'In een kortere maand geldt de laatste dag (de 31e wordt 30 april, 28 of 29 februari).',
  startDate: 'Eerste datum',
  endBy: 'Eindigt',
  endOptions: { count: 'Na een aantal keer', date: 'Op een datum' },
  occurrences: 'Aantal keer',
  endDate: 'Laatste datum',
  quantity: 'Verwachte hoeveelheid per keer',
  submit: 'Reeks aanmaken',
  endHint: 'Een reeks moet eindigen: hoogstens 104 keer en twee jaar.',
  schedule: (repeats, every, dayOfMonth) =>
    repeats === 'weekly'
      ? every === 1
        ? 'Elke week'
        : `Om de ${every} weken`
      : `${every === 1 ? 'Elke maand' : `Om de ${every} maanden`} op dag ${dayOfMonth ?? ''}`,
  period: (from, to) => `van ${from} tot ${to}`,
  times: (n) => (n === 1 ? 'één keer' : `${n} keer`),
  perOccurrence: (qty) => `ongeveer ${qty} per keer`,
  statuses: { active: 'Actief', ended: 'Beëindigd', withdrawn: 'Ingetrokken' },
  counts: (published, reserved, free) =>
    `${published} gepubliceerd · ${reserved} gereserveerd · ${free} vrij`,
  nextFree: (date) => `volgende vrije: ${date}`,
  handedOverTotal: (qty) => `Tot nu toe overgedragen: ${qty}`,
  occurrencesTitle: 'Keren',
  colDate: 'Datum',
  colState: 'Toestand',
  colHandedOver: 'Overgedragen',
  states: { upcoming: 'Komt nog', reserved: 'Gereserveerd', published: 'Gepubliceerd' },
  reservedBy: (hub) => `Gereserveerd door ${hub}`,
  viewListing: 'Aanbod',
  viewExchange: 'Uitwisseling',
  more: (n) => `en nog ${n}`,
  subscribeTitle: 'De volgende keren reserveren',
  subscribeIntro:
    'Je hub reserveert de volgende vrije keren; zodra een keer gepubliceerd is, krijgt je hub er een al aanvaarde uitwisseling voor.',
  subscribeHub: 'Voor hub',
  subscribeCount: 'Hoeveel keer',
  subscribeSubmit: 'Reserveren',
  subscribed: (n) => (n === 1 ? '1 keer gereserveerd.' : `${n} keer gereserveerd.`),
  subscriptionsTitle: 'Abonnementen',
  subscription: (hub, n) => `${hub}: ${n === 1 ? '1 keer' : `${n} keer`}`,
  cancel: 'Abonnement opzeggen',
  cancelConfirm: 'Dit abonnement opzeggen? De keren die nog niet gepubliceerd zijn, komen weer vrij.',
  cancelled: 'opgezegd',
  end: 'Reeks beëindigen',
  endConfirm: 'Deze reeks beëindigen? Gepubliceerd aanbod blijft; de keren die nog moeten komen vervallen.',
  withdraw: 'Reeks intrekken',
  withdrawConfirm:
    'Deze reeks intrekken? De keren die nog moeten komen vervallen en alleen je hub ziet ze nog.',
  supplyTitle: 'Verwacht aanbod (terugkerende reeksen)',
  supplyNone: 'Geen terugkerende reeks in de buurt past bij deze vraag.',
  supplyItem: (qty, date, free) => `ongeveer ${qty} per keer · volgende vrije ${date} · ${free} vrij`,
};
