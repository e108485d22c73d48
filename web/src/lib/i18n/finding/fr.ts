import type { FindingMessages } from './en';

/** Recherche : ordre, point de mesure et filtres supplémentaires (français). */
export const findingFr: FindingMessages = {
  orderedBy: 'Ordre',
  orders: {
    relevance: 'pertinence',
    nearest: 'les plus proches',
    newest: 'les plus récentes',
  },
  orderExplained: {
    relevance: 'Les mots du titre ou du matériau d’abord, puis les plus proches, puis les plus récentes.',
    nearest: 'Les plus proches du lieu choisi d’abord, puis les plus récentes.',
    newest: 'Les dernières proposées d’abord.',
  },
  nearestNeedsPlace: 'Choisissez un lieu sous « Près de » pour trier par distance.',
  near: 'Près de',
  nearAnywhere: 'Partout',
  myHubs: 'Mes hubs',
  allHubs: 'Tous les hubs',
  nearPoint: 'Le point choisi',
  nearMyLocation: 'Ma position',
  useMyLocation: 'Utiliser ma position',
  locating: 'Recherche de votre position…',
  locationUnavailable:
    'Votre navigateur n’a donné aucune position. Choisissez un point sur la carte ou un hub.',
  pickOnMap: 'Choisir un point sur la carte',
  closeMap: 'Fermer la carte',
  pickHint: 'Touchez la carte là d’où vous voulez chercher.',
  pointLabel: (lat: string, lon: string) => `Point ${lat}, ${lon}`,
  radiusNeedsPlace: 'Un rayon demande un lieu d’où mesurer : choisissez-en un sous « Près de ».',
  radiusIgnored: (km: string) =>
    `Le rayon de ${km} km n’a pas été utilisé : choisissez un lieu sous « Près de » pour l’appliquer.`,
  price: 'Prix',
  anyPrice: 'Tous les prix',
  prices: { free: 'Gratuit', swap: 'Échange', priced: 'Payant' },
  availableBy: 'Disponible le',
  fits: 'Ma pièce y entre (mm)',
  fitsHint:
    'Longueur × largeur, et épaisseur si elle compte : des pièces au moins aussi grandes, de cette épaisseur ± 5 %.',
  fitsLength: 'Longueur',
  fitsWidth: 'Largeur',
  fitsThickness: 'Épaisseur',
  fitsShort: { length: 'L', width: 'l', thickness: 'É' },
};
