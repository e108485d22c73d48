import type { SearchMessages } from './en';

/** Search: the search form and results, and how results are ordered and filtered (français). */
export const searchFr: SearchMessages = {
  search: {
    resultsTitle: 'Résultats',
    moreFilters: 'Plus de filtres',
    fewerFilters: 'Moins de filtres',
    q: 'Texte recherché',
    kind: 'Type',
    anyKind: 'Tous les types',
    category: 'Catégorie',
    anyCategory: 'Toutes les catégories',
    condition: 'État',
    anyCondition: 'Tous les états',
    hub: 'Hub',
    nearMyHub: 'Près de mon hub',
    nearMyHubNeedsHub: 'Rejoignez un hub pour chercher près de celui-ci.',
    nearHint: (hub: string) => `Distances depuis ${hub}`,
    radius: 'Rayon (km)',
    sort: 'Trier par',
    sortNewest: 'Plus récentes d’abord',
    sortNearest: 'Plus proches d’abord',
    sortRelevance: 'Pertinence',
    apply: 'Rechercher',
    reset: 'Effacer les filtres',
    view: 'Affichage',
    listView: 'Liste',
    mapView: 'Carte',
    filters: 'Filtres',
    noResults: 'Aucun résultat. Essayez moins de filtres ou un autre mot.',
    searchedWithin: (km: string) =>
      `Recherche faite jusqu’à ${km} ; les hubs plus loin ne sont pas encore parcourus.`,
    nothingWithin: (km: string) => `Rien trouvé pour l’instant dans un rayon de ${km}.`,
    searchedWithinRanked: (km: string) =>
      `Recherche faite jusqu’à ${km} ; des résultats moins pertinents, même plus proches, et les hubs plus loin peuvent encore suivre.`,
    nothingWithinRanked: (km: string) =>
      `Rien trouvé pour l’instant dans un rayon de ${km} ; des résultats moins pertinents et les hubs plus loin peuvent encore suivre.`,
    searchFarther: 'Chercher plus loin',
    /** Words of the search that no listing (or request) holds, left out: the results hold the others. */
    wordsLeftOut: (words: string[], requests: boolean) =>
      `${requests ? 'Aucune demande' : 'Aucune offre'} ne contient ${words.map((w) => `«\u00a0${w}\u00a0»`).join(', ')}\u00a0: recherche sur les autres mots.`,
    /** Shapes or packings no listing (or request) holds with the other words, left out so the material is found. */
    wordsApart: (words: string[], requests: boolean) =>
      `${requests ? 'Aucune demande' : 'Aucune offre'} ne contient ${words.map((w) => `«\u00a0${w}\u00a0»`).join(', ')} avec les autres mots\u00a0: recherche sur les autres mots.`,
  },
  finding: {
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
    otherHub: 'Un autre hub',
    nearOtherHub: 'Ou près d’un autre hub',
    leaveOutMine: (names: string, count: number) => `Sans ${count === 1 ? 'mon hub' : 'mes hubs'} (${names})`,
    leavingOut: (names: string) => `Sans : ${names}`,
    leaveOutNotWithHub: 'Pas avec un hub choisi sous « Hub » : les résultats sont alors ceux de ce hub seul.',
    saveThisSearch: 'Être averti des nouvelles : enregistrer cette recherche',
    nearPoint: 'Le point choisi',
    nearMyLocation: 'Ma position',
    useMyLocation: 'Utiliser ma position',
    locating: 'Recherche de votre position…',
    locationUnavailable:
      'Votre navigateur n’a donné aucune position. Choisissez un point sur la carte ou un hub.',
    pickOnMap: 'Choisir un point sur la carte',
    closeMap: 'Fermer la carte',
    pickHint: 'Touchez la carte là d’où vous voulez chercher.',
    pointLabel: (lat: string, lon: string) => `${lat}, ${lon}`,
    compass: { n: 'N', s: 'S', e: 'E', w: 'O' },
    radiusNeedsPlace: 'Un rayon demande un lieu d’où mesurer : choisissez-en un sous « Près de ».',
    refused:
      'Cette recherche n’a pas pu être faite telle quelle : modifiez ce qui est indiqué ci-dessous et relancez-la.',
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
  },
};
