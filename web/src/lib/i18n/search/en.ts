/** Search: the search form and results, and how results are ordered and filtered (English: the typed source). */
export const searchEn = {
  search: {
    resultsTitle: 'Results',
    moreFilters: 'More filters',
    fewerFilters: 'Fewer filters',
    q: 'Search text',
    kind: 'Kind',
    anyKind: 'Any kind',
    category: 'Category',
    anyCategory: 'Any category',
    condition: 'Condition',
    anyCondition: 'Any condition',
    hub: 'Hub',
    nearMyHub: 'Near my hub',
    nearMyHubNeedsHub: 'Join a hub to search near it.',
    nearHint: (hub: string) => `Distances from ${hub}`,
    radius: 'Radius (km)',
    sort: 'Sort by',
    sortNewest: 'Newest first',
    sortNearest: 'Nearest first',
    sortRelevance: 'Best match',
    apply: 'Search',
    reset: 'Clear filters',
    view: 'View',
    listView: 'List',
    mapView: 'Map',
    filters: 'Filters',
    noResults: 'Nothing found. Try fewer filters or another word.',
    searchedWithin: (km: string) => `Looked within ${km} so far; farther hubs are not searched yet.`,
    nothingWithin: (km: string) => `Nothing found within ${km} yet.`,
    /** Best match stopped early: bands after the one it stopped in are unread even nearer by. */
    searchedWithinRanked: (km: string) =>
      `Looked within ${km} so far; weaker matches, nearer ones too, and farther hubs may still follow.`,
    nothingWithinRanked: (km: string) =>
      `Nothing found within ${km} yet; weaker matches and farther hubs may still follow.`,
    searchFarther: 'Search farther',
    /** Words of the search that no listing (or request) holds, left out: the results hold the others. */
    wordsLeftOut: (words: string[], requests: boolean) =>
      `No ${requests ? 'request' : 'listing'} holds ${words.map((w) => `“${w}”`).join(', ')}: searched for the other words.`,
    /** Shapes or packings no listing (or request) holds with the other words, left out so the material is found. */
    wordsApart: (words: string[], requests: boolean) =>
      `No ${requests ? 'request' : 'listing'} holds ${words.map((w) => `“${w}”`).join(', ')} with the other words: searched for the other words.`,
  },
  finding: {
    orderedBy: 'Ordered by',
    orders: {
      relevance: 'best match',
      nearest: 'nearest first',
      newest: 'newest first',
    },
    orderExplained: {
      relevance: 'Words in the title or the material come first, then the nearest, then the newest.',
      nearest: 'Closest to the chosen place first, then the newest.',
      newest: 'Most recently offered first.',
    },
    nearestNeedsPlace: 'Choose a place under “Near” to sort by distance.',
    near: 'Near',
    nearAnywhere: 'Anywhere',
    myHubs: 'My hubs',
    otherHub: 'Another hub',
    nearOtherHub: 'Or near another hub',
    /** A filter leaving out the person's own hubs (`not_hub`), with their names. */
    leaveOutMine: (names: string, count: number) => `Leave out my ${count === 1 ? 'hub' : 'hubs'} (${names})`,
    /** The hubs a link leaves out, when they are not the person's own. */
    leavingOut: (names: string) => `Leave out: ${names}`,
    leaveOutNotWithHub: 'Not with a hub chosen under “Hub”: the results are then that hub’s alone.',
    saveThisSearch: 'Be told of new ones: save this search',
    nearPoint: 'The point I chose',
    nearMyLocation: 'My location',
    useMyLocation: 'Use my location',
    locating: 'Finding your location…',
    locationUnavailable: 'Your browser gave no location. Pick a point on the map or a hub instead.',
    pickOnMap: 'Pick a point on the map',
    closeMap: 'Close the map',
    pickHint: 'Tap the map where you want to search from.',
    /** A point's place, as in "50.88° N, 4.7° E": its latitude and longitude, each with its compass letter. */
    pointLabel: (lat: string, lon: string) => `${lat}, ${lon}`,
    compass: { n: 'N', s: 'S', e: 'E', w: 'W' },
    radiusNeedsPlace: 'A radius needs a place to measure from: choose one under “Near”.',
    refused: 'This search could not be run as it is: change what is named below and search again.',
    radiusIgnored: (km: string) =>
      `The radius of ${km} km was not used: choose a place under “Near” to use it.`,
    price: 'Price',
    anyPrice: 'Any price',
    prices: { free: 'Free', swap: 'Swap', priced: 'Priced' },
    availableBy: 'Available by',
    fits: 'My part fits (mm)',
    fitsHint:
      'Length × width, and thickness if it matters: pieces at least that big, of that thickness ± 5 %.',
    fitsLength: 'Length',
    fitsWidth: 'Width',
    fitsThickness: 'Thickness',
    fitsShort: { length: 'L', width: 'W', thickness: 'T' },
  },
};
export type SearchMessages = typeof searchEn;
