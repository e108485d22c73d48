import type { FindingMessages } from './en';

/** Zoeken: volgorde, vanwaar gemeten wordt, en de extra filters (Nederlands). */
export const findingNl: FindingMessages = {
  orderedBy: 'Volgorde',
  orders: {
    relevance: 'beste overeenkomst',
    nearest: 'dichtstbij eerst',
    newest: 'nieuwste eerst',
  },
  orderExplained: {
    relevance: 'Woorden in de titel of het materiaal eerst, dan de dichtstbijzijnde, dan de nieuwste.',
    nearest: 'Het dichtst bij de gekozen plek eerst, dan de nieuwste.',
    newest: 'Het laatst aangeboden eerst.',
  },
  nearestNeedsPlace: 'Kies een plek bij “In de buurt van” om op afstand te sorteren.',
  near: 'In de buurt van',
  nearAnywhere: 'Overal',
  myHubs: 'Mijn hubs',
  allHubs: 'Alle hubs',
  nearPoint: 'Het punt dat ik koos',
  nearMyLocation: 'Mijn locatie',
  useMyLocation: 'Mijn locatie gebruiken',
  locating: 'Je locatie zoeken…',
  locationUnavailable: 'Je browser gaf geen locatie. Kies een punt op de kaart of een hub.',
  pickOnMap: 'Kies een punt op de kaart',
  closeMap: 'Kaart sluiten',
  pickHint: 'Tik op de kaart waar je vanaf wilt zoeken.',
  pointLabel: (lat: string, lon: string) => `Punt ${lat}, ${lon}`,
  radiusNeedsPlace: 'Een straal heeft een plek nodig om vanaf te meten: kies er een bij “In de buurt van”.',
  radiusIgnored: (km: string) =>
    `De straal van ${km} km is niet gebruikt: kies een plek bij “In de buurt van” om hem te gebruiken.`,
  price: 'Prijs',
  anyPrice: 'Elke prijs',
  prices: { free: 'Gratis', swap: 'Ruilen', priced: 'Met prijs' },
  availableBy: 'Beschikbaar op',
  fits: 'Mijn onderdeel past (mm)',
  fitsHint: 'Lengte × breedte, en dikte als die telt: stukken minstens zo groot, van die dikte ± 5 %.',
  fitsLength: 'Lengte',
  fitsWidth: 'Breedte',
  fitsThickness: 'Dikte',
  fitsShort: { length: 'L', width: 'B', thickness: 'D' },
};
