/**
 * Validation messages in the reader's language, as sentences that name the field and what is
 * expected ("Title: at least 3 characters"). Schemas name their own rules by a key of
 * RULE_MESSAGES; every other issue is worded here from its code (never by zod's own wording,
 * which reads "expected string to have >=3 characters" or "received NaN").
 */
import type { z } from 'zod';
import type { Locale } from './taxonomy';

export const RULE_MESSAGES = {
  at_most_3_decimals: {
    nl: 'Hoogstens drie cijfers na de komma',
    fr: 'Trois décimales au maximum',
    en: 'At most three decimals',
  },
  nothing_to_change: { nl: 'Niets om te wijzigen', fr: 'Rien à modifier', en: 'Nothing to change' },
  slug_format: {
    nl: 'Kleine letters, cijfers en enkele koppeltekens',
    fr: 'Minuscules, chiffres et tirets simples',
    en: 'Lowercase letters, digits and single hyphens',
  },
  country_format: {
    nl: 'Landcode van twee letters, bv. BE',
    fr: 'Code pays à deux lettres, p. ex. BE',
    en: 'Two-letter country code, e.g. BE',
  },
  price_required: {
    nl: 'Geef een prijs op bij het prijstype ‘bedrag’',
    fr: 'Indiquez un prix pour le type de prix « montant »',
    en: 'A price is required when the price type is amount',
  },
  price_only_for_amount: {
    nl: 'Alleen een aanbod met prijstype ‘bedrag’ heeft een prijs',
    fr: 'Seule une offre avec le type « montant » a un prix',
    en: 'Only a listing with a price type of amount has a price',
  },
  machine_time_hours: {
    nl: 'Machinetijd wordt in uren aangeboden',
    fr: 'Le temps machine s’offre en heures',
    en: 'Machine time is offered in hours',
  },
  machine_only_for_machine_time: {
    nl: 'Alleen machinetijd noemt een machine',
    fr: 'Seul le temps machine désigne une machine',
    en: 'Only machine time names a machine',
  },
  machine_of_hub: {
    nl: 'Kies een machine van de hub van dit aanbod',
    fr: 'Choisissez une machine du hub de cette offre',
    en: 'Choose a machine of this listing’s hub',
  },
  until_after_from: {
    nl: 'Moet op of na de begindatum liggen',
    fr: 'Doit être le jour de début ou après',
    en: 'Must be on or after the available-from date',
  },
  near_format: {
    nl: 'Verwacht BREEDTE,LENGTE, bv. 51.05,3.72',
    fr: 'Attendu LAT,LON, p. ex. 51.05,3.72',
    en: 'Two numbers LAT,LON, e.g. 51.05,3.72',
  },
  near_range: {
    nl: 'Breedte- of lengtegraad buiten bereik',
    fr: 'Latitude ou longitude hors limites',
    en: 'Latitude or longitude out of range',
  },
  bbox_format: {
    nl: 'Verwacht ZUID,WEST,NOORD,OOST in graden, bv. 50.6,2.5,51.5,5.9',
    fr: 'Attendu SUD,OUEST,NORD,EST en degrés, p. ex. 50.6,2.5,51.5,5.9',
    en: 'SOUTH,WEST,NORTH,EAST in degrees, e.g. 50.6,2.5,51.5,5.9',
  },
  bbox_range: {
    nl: 'Breedte- of lengtegraad buiten bereik, of het zuiden ligt boven het noorden',
    fr: 'Latitude ou longitude hors limites, ou le sud au-dessus du nord',
    en: 'Latitude or longitude out of range, or the south above the north',
  },
  radius_needs_near: {
    nl: 'Een straal heeft een punt nodig: near=BREEDTE,LENGTE',
    fr: 'Un rayon demande un point : near=LAT,LON',
    en: 'A radius needs a point: near=LAT,LON',
  },
  not_hub_with_hub: {
    nl: 'Zoek in één hub of laat hubs weg, niet allebei',
    fr: 'Cherchez dans un hub ou écartez des hubs, pas les deux',
    en: 'Search one hub or leave hubs out, not both',
  },
  fits_format: {
    nl: 'Verwacht LENGTExBREEDTE of LENGTExBREEDTExDIKTE in mm, bv. 600x400x18',
    fr: 'Attendu LONGUEURxLARGEUR ou LONGUEURxLARGEURxÉPAISSEUR en mm, p. ex. 600x400x18',
    en: 'LENGTHxWIDTH or LENGTHxWIDTHxTHICKNESS in mm, e.g. 600x400x18',
  },
  nearest_needs_near: {
    nl: 'Sorteren op afstand heeft near=BREEDTE,LENGTE nodig',
    fr: 'Trier par distance demande near=LAT,LON',
    en: 'Sorting by distance needs near=LAT,LON',
  },
  relevance_needs_q: {
    nl: 'Sorteren op relevantie heeft een zoektekst nodig',
    fr: 'Trier par pertinence demande un texte de recherche',
    en: 'Sorting by relevance needs a search text',
  },
  stream_end_required: {
    nl: 'Een reeks moet eindigen: geef een einddatum of een aantal keer',
    fr: 'Une série doit se terminer : indiquez une date de fin ou un nombre de fois',
    en: 'A stream must end: give an end date or a number of occurrences',
  },
  stream_end_one: {
    nl: 'Geef een einddatum of een aantal keer, niet allebei',
    fr: 'Indiquez une date de fin ou un nombre de fois, pas les deux',
    en: 'Give an end date or a number of occurrences, not both',
  },
  day_of_month_monthly: {
    nl: 'Een dag van de maand geldt alleen voor een maandelijkse reeks',
    fr: 'Un jour du mois ne vaut que pour une série mensuelle',
    en: 'A day of the month applies only to a monthly stream',
  },
  end_after_start: {
    nl: 'Moet op of na de startdatum liggen',
    fr: 'Doit être le jour de début ou après',
    en: 'Must be on or after the start date',
  },
  stream_too_long: {
    nl: 'Een reeks loopt hoogstens twee jaar en 104 keer',
    fr: 'Une série dure au plus deux ans et 104 fois',
    en: 'A stream runs at most two years and 104 occurrences',
  },
  start_within_year: {
    nl: 'Hoogstens een jaar vooruit',
    fr: 'Au plus dans un an',
    en: 'At most a year ahead',
  },
  http_url: {
    nl: 'Een webadres dat begint met http:// of https://, bv. https://voorbeeld.be',
    fr: 'Une adresse web commençant par http:// ou https://, p. ex. https://exemple.be',
    en: 'A web address starting with http:// or https://, e.g. https://example.org',
  },
  path_id: {
    nl: 'Een nummer zoals 16: alleen cijfers, zonder nul vooraan',
    fr: 'Un numéro comme 16 : des chiffres seulement, sans zéro devant',
    en: 'A number like 16: digits only, without a leading zero',
  },
  photo_order: {
    nl: 'Elke behouden foto één keer en van dit aanbod, met één plaats per nieuwe foto',
    fr: 'Chaque photo gardée une seule fois et de cette offre, avec une place par nouvelle photo',
    en: 'Each kept photo once and of this listing, with one place per new photo',
  },
  json_part: {
    nl: 'Verplicht, als JSON-tekst',
    fr: 'Obligatoire, en texte JSON',
    en: 'Required, as JSON text',
  },
  photo_part: {
    nl: 'Elk deel ‘photo’ moet een bestand zijn',
    fr: 'Chaque partie « photo » doit être un fichier',
    en: 'Each ‘photo’ part must be a file',
  },
  date_in_past: {
    nl: 'Mag niet in het verleden liggen',
    fr: 'Ne peut pas être dans le passé',
    en: 'Cannot be in the past',
  },
  end_after_start_time: {
    nl: 'Moet na het beginuur liggen',
    fr: 'Doit être après l’heure de début',
    en: 'Must be after the start time',
  },
  quarter_hours: {
    nl: 'Een veelvoud van 15 minuten',
    fr: 'Un multiple de 15 minutes',
    en: 'A multiple of 15 minutes',
  },
  time_zone: {
    nl: 'Een tijdzone zoals Europe/Brussels',
    fr: 'Un fuseau horaire comme Europe/Brussels',
    en: 'A time zone such as Europe/Brussels',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type RuleKey = keyof typeof RULE_MESSAGES;

type Words = Record<Locale, string>;

/**
 * The name of every field of every form and query schema, as a person reads it. A unit test
 * walks every field of every exported `Z…Input`, `Z…Patch` and `Z…Search` schema and fails on a
 * field without a name here.
 */
export const FIELD_LABELS = {
  email: { nl: 'E-mailadres', fr: 'Adresse e-mail', en: 'Email address' },
  password: { nl: 'Wachtwoord', fr: 'Mot de passe', en: 'Password' },
  displayName: { nl: 'Naam', fr: 'Nom', en: 'Name' },
  locale: { nl: 'Taal', fr: 'Langue', en: 'Language' },
  lang: { nl: 'Taal van de tekst', fr: 'Langue du texte', en: 'Language of the text' },
  slug: { nl: 'Webnaam', fr: 'Nom web', en: 'Web name' },
  name: { nl: 'Naam', fr: 'Nom', en: 'Name' },
  city: { nl: 'Stad', fr: 'Ville', en: 'City' },
  country: { nl: 'Land', fr: 'Pays', en: 'Country' },
  kind: { nl: 'Soort', fr: 'Type', en: 'Kind' },
  lat: { nl: 'Breedtegraad', fr: 'Latitude', en: 'Latitude' },
  lon: { nl: 'Lengtegraad', fr: 'Longitude', en: 'Longitude' },
  description: { nl: 'Beschrijving', fr: 'Description', en: 'Description' },
  website: { nl: 'Website', fr: 'Site web', en: 'Website' },
  timezone: { nl: 'Tijdzone', fr: 'Fuseau horaire', en: 'Time zone' },
  role: { nl: 'Rol', fr: 'Rôle', en: 'Role' },
  title: { nl: 'Titel', fr: 'Titre', en: 'Title' },
  category: { nl: 'Categorie', fr: 'Catégorie', en: 'Category' },
  quantity: { nl: 'Hoeveelheid', fr: 'Quantité', en: 'Quantity' },
  unit: { nl: 'Eenheid', fr: 'Unité', en: 'Unit' },
  lengthMm: { nl: 'Lengte (mm)', fr: 'Longueur (mm)', en: 'Length (mm)' },
  widthMm: { nl: 'Breedte (mm)', fr: 'Largeur (mm)', en: 'Width (mm)' },
  thicknessMm: { nl: 'Dikte (mm)', fr: 'Épaisseur (mm)', en: 'Thickness (mm)' },
  condition: { nl: 'Staat', fr: 'État', en: 'Condition' },
  priceType: { nl: 'Prijstype', fr: 'Type de prix', en: 'Price type' },
  priceCents: { nl: 'Prijs', fr: 'Prix', en: 'Price' },
  availableFrom: { nl: 'Beschikbaar vanaf', fr: 'Disponible à partir du', en: 'Available from' },
  availableUntil: { nl: 'Beschikbaar tot', fr: 'Disponible jusqu’au', en: 'Available until' },
  machineId: { nl: 'Machine', fr: 'Machine', en: 'Machine' },
  hub: { nl: 'Hub', fr: 'Hub', en: 'Hub' },
  minLengthMm: { nl: 'Minimale lengte (mm)', fr: 'Longueur minimale (mm)', en: 'Minimum length (mm)' },
  minWidthMm: { nl: 'Minimale breedte (mm)', fr: 'Largeur minimale (mm)', en: 'Minimum width (mm)' },
  minThicknessMm: {
    nl: 'Minimale dikte (mm)',
    fr: 'Épaisseur minimale (mm)',
    en: 'Minimum thickness (mm)',
  },
  requestId: { nl: 'Vraag', fr: 'Demande', en: 'Request' },
  neededBy: { nl: 'Nodig tegen', fr: 'Date limite', en: 'Needed by' },
  fetchRadiusKm: { nl: 'Ophaalafstand (km)', fr: 'Distance de retrait (km)', en: 'Pickup distance (km)' },
  status: { nl: 'Status', fr: 'Statut', en: 'Status' },
  q: { nl: 'Zoektekst', fr: 'Texte de recherche', en: 'Search text' },
  near: { nl: 'In de buurt van', fr: 'Près de', en: 'Near' },
  at: { nl: 'Plek', fr: 'Endroit', en: 'Place' },
  bbox: { nl: 'Kaartvenster', fr: 'Vue de la carte', en: 'Map view' },
  columns: { nl: 'Vakken in de breedte', fr: 'Cases en largeur', en: 'Cells across' },
  not_hub: { nl: 'Zonder de hubs', fr: 'Sans les hubs', en: 'Leaving out hubs' },
  radius_km: { nl: 'Straal (km)', fr: 'Rayon (km)', en: 'Radius (km)' },
  sort: { nl: 'Sortering', fr: 'Tri', en: 'Sort order' },
  cursor: { nl: 'Pagina', fr: 'Page', en: 'Page' },
  limit: { nl: 'Aantal per pagina', fr: 'Nombre par page', en: 'Number per page' },
  price: { nl: 'Prijs', fr: 'Prix', en: 'Price' },
  available_by: { nl: 'Beschikbaar tegen', fr: 'Disponible pour le', en: 'Available by' },
  fits: { nl: 'Past in', fr: 'Entre dans', en: 'Fits' },
  message: { nl: 'Bericht', fr: 'Message', en: 'Message' },
  proposedPickupAt: { nl: 'Voorgesteld ophaalmoment', fr: 'Retrait proposé', en: 'Proposed pickup' },
  note: { nl: 'Notitie', fr: 'Note', en: 'Note' },
  massGrams: { nl: 'Gewicht (g)', fr: 'Poids (g)', en: 'Weight (g)' },
  transportMode: { nl: 'Vervoer', fr: 'Transport', en: 'Transport' },
  reason: { nl: 'Reden', fr: 'Raison', en: 'Reason' },
  body: { nl: 'Tekst', fr: 'Texte', en: 'Text' },
  link: { nl: 'Link', fr: 'Lien', en: 'Link' },
  attribution: { nl: 'Toerekening', fr: 'Attribution', en: 'Attribution' },
  deadweight: { nl: 'Wat toch gebeurd was', fr: 'Effet d’aubaine', en: 'Deadweight' },
  transport: { nl: 'Vervoer', fr: 'Transport', en: 'Transport' },
  estimateRange: { nl: 'Marge van de schatting', fr: 'Marge de l’estimation', en: 'Estimate range' },
  itemType: { nl: 'Soort item', fr: 'Type d’élément', en: 'Item type' },
  itemId: { nl: 'Item', fr: 'Élément', en: 'Item' },
  text: { nl: 'Tekst', fr: 'Texte', en: 'Text' },
  csv: { nl: 'CSV-bestand', fr: 'Fichier CSV', en: 'CSV file' },
  mapping: { nl: 'Kolommen', fr: 'Colonnes', en: 'Columns' },
  dryRun: { nl: 'Proefrit', fr: 'Essai à blanc', en: 'Dry run' },
  type: { nl: 'Soort machine', fr: 'Type de machine', en: 'Machine type' },
  bedXMm: { nl: 'Werkvlak X (mm)', fr: 'Plateau X (mm)', en: 'Bed X (mm)' },
  bedYMm: { nl: 'Werkvlak Y (mm)', fr: 'Plateau Y (mm)', en: 'Bed Y (mm)' },
  bedZMm: { nl: 'Werkvlak Z (mm)', fr: 'Plateau Z (mm)', en: 'Bed Z (mm)' },
  materialsAllowed: { nl: 'Toegelaten materialen', fr: 'Matériaux admis', en: 'Materials allowed' },
  materialsForbidden: { nl: 'Verboden materialen', fr: 'Matériaux interdits', en: 'Materials forbidden' },
  rules: { nl: 'Regels', fr: 'Règles', en: 'Rules' },
  priceCentsPerHour: { nl: 'Prijs per uur', fr: 'Prix par heure', en: 'Price per hour' },
  requiredTrainingId: { nl: 'Vereiste opleiding', fr: 'Formation requise', en: 'Required training' },
  slotMinutes: { nl: 'Duur van een tijdslot (min)', fr: 'Durée d’un créneau (min)', en: 'Slot length (min)' },
  maxSlotsPerBooking: {
    nl: 'Tijdsloten per boeking',
    fr: 'Créneaux par réservation',
    en: 'Slots per booking',
  },
  horizonDays: {
    nl: 'Dagen vooruit te boeken',
    fr: 'Jours réservables à l’avance',
    en: 'Days bookable ahead',
  },
  minNoticeMinutes: {
    nl: 'Minimale voorafgaande tijd (min)',
    fr: 'Préavis minimal (min)',
    en: 'Minimum notice (min)',
  },
  cancelDeadlineMinutes: {
    nl: 'Annuleren tot (min vooraf)',
    fr: 'Annulation jusqu’à (min avant)',
    en: 'Cancel until (min before)',
  },
  active: { nl: 'Actief', fr: 'Active', en: 'Active' },
  windows: { nl: 'Openingsuren', fr: 'Heures d’ouverture', en: 'Opening hours' },
  weekday: { nl: 'Weekdag', fr: 'Jour de la semaine', en: 'Weekday' },
  start: { nl: 'Beginuur', fr: 'Heure de début', en: 'Start time' },
  end: { nl: 'Einduur', fr: 'Heure de fin', en: 'End time' },
  closures: { nl: 'Sluitingsdagen', fr: 'Fermetures', en: 'Closures' },
  startsAt: { nl: 'Begin', fr: 'Début', en: 'Start' },
  endsAt: { nl: 'Einde', fr: 'Fin', en: 'End' },
  level: { nl: 'Niveau', fr: 'Niveau', en: 'Level' },
  completedOn: { nl: 'Gevolgd op', fr: 'Suivie le', en: 'Completed on' },
  ids: { nl: 'Meldingen', fr: 'Notifications', en: 'Notifications' },
  all: { nl: 'Alle', fr: 'Toutes', en: 'All' },
  mode: { nl: 'Hoe verwittigen', fr: 'Comment prévenir', en: 'How to notify' },
  query: { nl: 'Zoekopdracht', fr: 'Recherche', en: 'Search' },
  repeats: { nl: 'Herhaalt', fr: 'Se répète', en: 'Repeats' },
  every: { nl: 'Om de', fr: 'Tous les', en: 'Every' },
  dayOfMonth: { nl: 'Dag van de maand', fr: 'Jour du mois', en: 'Day of the month' },
  startDate: { nl: 'Startdatum', fr: 'Date de début', en: 'Start date' },
  endDate: { nl: 'Einddatum', fr: 'Date de fin', en: 'End date' },
  occurrences: { nl: 'Aantal keer', fr: 'Nombre de fois', en: 'Number of occurrences' },
  // The parts of a listing published or edited with its photos (multipart).
  listing: { nl: 'Aanbod', fr: 'Offre', en: 'Listing' },
  order: { nl: 'Volgorde van de foto’s', fr: 'Ordre des photos', en: 'Order of the photos' },
  photo: { nl: 'Foto', fr: 'Photo', en: 'Photo' },
} as const satisfies Record<string, Words>;

export type FieldKey = keyof typeof FIELD_LABELS;

/** The name of the field at `path` (its nearest named segment), or null for the whole form. */
export function fieldLabel(path: readonly PropertyKey[], locale: Locale): string | null {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    if (typeof key === 'string' && key in FIELD_LABELS) return FIELD_LABELS[key as FieldKey][locale];
  }
  return null;
}

const SAY = {
  required: { nl: 'verplicht', fr: 'obligatoire', en: 'required' },
  notEmpty: { nl: 'mag niet leeg zijn', fr: 'ne peut pas être vide', en: 'cannot be empty' },
  minChars: { nl: 'minstens {n} tekens', fr: 'au moins {n} caractères', en: 'at least {n} characters' },
  maxChars: { nl: 'hoogstens {n} tekens', fr: 'au plus {n} caractères', en: 'at most {n} characters' },
  exactChars: { nl: 'precies {n} tekens', fr: 'exactement {n} caractères', en: 'exactly {n} characters' },
  min: { nl: 'minstens {n}', fr: 'au moins {n}', en: 'at least {n}' },
  max: { nl: 'hoogstens {n}', fr: 'au plus {n}', en: 'at most {n}' },
  above: { nl: 'meer dan {n}', fr: 'plus de {n}', en: 'more than {n}' },
  below: { nl: 'minder dan {n}', fr: 'moins de {n}', en: 'less than {n}' },
  minItems: { nl: 'minstens {n} keuzes', fr: 'au moins {n} éléments', en: 'at least {n} items' },
  maxItems: { nl: 'hoogstens {n} keuzes', fr: 'au plus {n} éléments', en: 'at most {n} items' },
  number: { nl: 'een getal, bv. 12', fr: 'un nombre, p. ex. 12', en: 'a number, e.g. 12' },
  integer: {
    nl: 'een geheel getal, bv. 12',
    fr: 'un nombre entier, p. ex. 12',
    en: 'a whole number, e.g. 12',
  },
  text: { nl: 'tekst', fr: 'du texte', en: 'text' },
  boolean: { nl: 'ja of nee', fr: 'oui ou non', en: 'yes or no' },
  list: { nl: 'een lijst', fr: 'une liste', en: 'a list' },
  group: { nl: 'een groep velden', fr: 'un groupe de champs', en: 'a group of fields' },
  oneOf: { nl: 'kies uit: {v}', fr: 'choisissez parmi : {v}', en: 'choose one of: {v}' },
  anOption: {
    nl: 'kies een van de mogelijkheden',
    fr: 'choisissez une des options',
    en: 'choose one of the options',
  },
  email: {
    nl: 'een e-mailadres zoals naam@voorbeeld.be',
    fr: 'une adresse e-mail comme nom@exemple.be',
    en: 'an email address such as name@example.org',
  },
  date: { nl: 'een datum zoals 2027-03-31', fr: 'une date comme 2027-03-31', en: 'a date like 2027-03-31' },
  datetime: {
    nl: 'een datum en uur zoals 2027-03-31T14:00:00Z',
    fr: 'une date et une heure comme 2027-03-31T14:00:00Z',
    en: 'a date and time like 2027-03-31T14:00:00Z',
  },
  time: { nl: 'een uur zoals 14:30', fr: 'une heure comme 14:30', en: 'a time like 14:30' },
  format: {
    nl: 'heeft niet de verwachte vorm',
    fr: 'n’a pas la forme attendue',
    en: 'is not in the expected form',
  },
  multipleOf: { nl: 'een veelvoud van {n}', fr: 'un multiple de {n}', en: 'a multiple of {n}' },
  invalid: { nl: 'geen geldige waarde', fr: 'valeur non valable', en: 'not a valid value' },
  badItem: {
    nl: 'bevat een ongeldige waarde',
    fr: 'contient une valeur non valable',
    en: 'contains a value that is not valid',
  },
  unknownField: { nl: 'Onbekend veld: {v}', fr: 'Champ inconnu : {v}', en: 'Unknown field: {v}' },
} as const satisfies Record<string, Words>;

const NUMBER_LOCALES = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' } as const;

function fill(words: Words, locale: Locale, n?: unknown, v?: string): string {
  let s: string = words[locale];
  if (n !== undefined) {
    const shown =
      typeof n === 'number' || typeof n === 'bigint'
        ? new Intl.NumberFormat(NUMBER_LOCALES[locale]).format(n)
        : String(n);
    s = s.replace('{n}', shown);
  }
  if (v !== undefined) s = s.replace('{v}', v);
  return s;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** What was expected, for one issue; without the field's name. */
function expectation(issue: z.core.$ZodIssue, value: unknown, locale: Locale): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined || value === null) return SAY.required[locale];
      if (issue.expected === 'number' || issue.expected === 'bigint') return SAY.number[locale];
      if (issue.expected === 'int') return SAY.integer[locale];
      if (issue.expected === 'string') return SAY.text[locale];
      if (issue.expected === 'boolean') return SAY.boolean[locale];
      if (issue.expected === 'array') return SAY.list[locale];
      if (issue.expected === 'object') return SAY.group[locale];
      if (issue.expected === 'date') return SAY.date[locale];
      return SAY.invalid[locale];
    }
    case 'too_small': {
      const n = issue.minimum;
      if (issue.origin === 'string') {
        if (issue.exact) return fill(SAY.exactChars, locale, n);
        return Number(n) <= 1 ? SAY.notEmpty[locale] : fill(SAY.minChars, locale, n);
      }
      if (issue.origin === 'array' || issue.origin === 'set')
        return Number(n) <= 1 ? SAY.notEmpty[locale] : fill(SAY.minItems, locale, n);
      return fill(issue.inclusive === false ? SAY.above : SAY.min, locale, n);
    }
    case 'too_big': {
      const n = issue.maximum;
      if (issue.origin === 'string') return fill(issue.exact ? SAY.exactChars : SAY.maxChars, locale, n);
      if (issue.origin === 'array' || issue.origin === 'set') return fill(SAY.maxItems, locale, n);
      return fill(issue.inclusive === false ? SAY.below : SAY.max, locale, n);
    }
    case 'invalid_format': {
      if (issue.format === 'email') return SAY.email[locale];
      if (issue.format === 'date') return SAY.date[locale];
      if (issue.format === 'datetime') return SAY.datetime[locale];
      if (issue.format === 'time') return SAY.time[locale];
      if (issue.format === 'url') return RULE_MESSAGES.http_url[locale];
      return SAY.format[locale];
    }
    case 'invalid_value': {
      const values = issue.values.filter((x) => typeof x === 'string' || typeof x === 'number');
      if (values.length === 0 || values.length > 8) return SAY.anOption[locale];
      return fill(SAY.oneOf, locale, undefined, values.join(', '));
    }
    case 'not_multiple_of':
      return fill(SAY.multipleOf, locale, issue.divisor);
    case 'invalid_key':
    case 'invalid_element':
      return SAY.badItem[locale];
    default:
      return SAY.invalid[locale];
  }
}

// "Price type" + "a price is required …": a rule read after a field's name starts in lower case,
// unless it starts with an abbreviation ("BE", "CSV").
function afterLabel(message: string): string {
  const [first, second] = message;
  if (!first || (second && second === second.toUpperCase() && second !== second.toLowerCase()))
    return message;
  return first.toLowerCase() + message.slice(1);
}

function joined(label: string | null, what: string, locale: Locale): string {
  if (!label) return what.charAt(0).toUpperCase() + what.slice(1);
  return `${label}${locale === 'fr' ? ' : ' : ': '}${afterLabel(what)}`;
}

/**
 * One issue's message in a language, as a sentence naming its field; `input` is the whole value
 * that was parsed (an empty or missing value reads as "required").
 */
export function issueMessage(issue: z.core.$ZodIssue, input: unknown, locale: Locale): string {
  const label = fieldLabel(issue.path, locale);
  if (issue.message in RULE_MESSAGES)
    return joined(label, RULE_MESSAGES[issue.message as RuleKey][locale], locale);
  if (issue.code === 'unrecognized_keys')
    return fill(SAY.unknownField, locale, undefined, issue.keys.map((k) => `“${k}”`).join(', '));
  return joined(label, expectation(issue, valueAt(input, issue.path), locale), locale);
}

/** A schema's own rule (a key of RULE_MESSAGES) at a dotted field path, as a sentence. */
export function ruleSentence(rule: RuleKey, path: string, locale: Locale): string {
  return joined(path ? fieldLabel(path.split('.'), locale) : null, RULE_MESSAGES[rule][locale], locale);
}

export type FieldError = { path: string; message: string };

/** A zod error as a list of fields and messages, in the reader's language. */
export function fieldErrors(error: z.ZodError, input: unknown, locale: Locale): FieldError[] {
  return error.issues.flatMap((issue) => {
    // An unknown field is named itself, so a form or a client sees which one to drop.
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((k) => ({
        path: [...issue.path, k].map(String).join('.'),
        message: fill(SAY.unknownField, locale, undefined, `“${k}”`),
      }));
    return [{ path: issue.path.map(String).join('.'), message: issueMessage(issue, input, locale) }];
  });
}

/**
 * The earliest date that is still "today" somewhere people use Omloop: the UTC date twelve
 * hours ago, so a person late in the evening west of Greenwich is never told today is past.
 */
export function earliestToday(now: number = Date.now()): string {
  return new Date(now - 12 * 3600_000).toISOString().slice(0, 10);
}
