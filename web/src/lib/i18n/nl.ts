import { inventoryNl } from './inventory/nl';
import { exchangesNl } from './exchanges/nl';
import { machinesNl } from './machines/nl';
import { networksNl } from './networks/nl';
import type { Messages } from './en';
import { matchingNl } from './matching/nl';
import { tasksNl } from './tasks/nl';
import { questionsNl } from './questions/nl';
import { offlineNl } from './offline/nl';
import { streamsNl } from './streams/nl';
import { accountsNl } from './accounts/nl';
import { hubsNl } from './hubs/nl';
import { listingsNl } from './listings/nl';
import { photosNl } from './photos/nl';
import { requestsNl } from './requests/nl';
import { searchNl } from './search/nl';

/** Nederlands. */
export const nl: Messages = {
  localeName: 'Nederlands',
  offline: offlineNl,
  inventory: inventoryNl,
  exchanges: exchangesNl,
  machines: machinesNl,
  networks: networksNl,
  matching: matchingNl,
  tasks: tasksNl,
  questions: questionsNl,
  streams: streamsNl,
  common: {
    loading: 'Laden…',
    save: 'Opslaan',
    saving: 'Bezig met opslaan…',
    cancel: 'Annuleren',
    edit: 'Bewerken',
    back: 'Terug',
    loadMore: 'Meer laden',
    optional: 'optioneel',
    none: '—',
    copy: 'Kopiëren',
    copied: 'Gekopieerd',
    remove: 'Verwijderen',
    networkError: 'Omloop is niet bereikbaar. Controleer je verbinding en probeer opnieuw.',
    unknownError: 'Er ging iets mis.',
    required: 'Dit veld is verplicht.',
    fixErrors: 'Verbeter de velden die hieronder gemarkeerd zijn.',
    errorTitle: 'Er ging iets mis',
    notFoundTitle: 'Pagina niet gevonden',
    goHome: 'Naar de startpagina',
    km: (km: string) => `${km} km`,
    colon: (label: string) => `${label}:`,
    results: (n: number) => `${n} getoond`,
  },
  nav: {
    main: 'Hoofdnavigatie',
    listings: 'Aanbod',
    requests: 'Vragen',
    hubs: 'Hubs',
    skip: 'Naar de inhoud',
    menu: 'Menu',
  },
  header: {
    home: 'Omloop startpagina',
    language: 'Taal',
    login: 'Inloggen',
    signup: 'Registreren',
    logout: 'Uitloggen',
    account: 'Mijn account',
    accountMenu: 'Account',
  },
  footer: {
    apiDocs: 'API-documentatie',
    tagline: 'Omloop — de restjes van de ene werkplaats zijn grondstof voor de volgende.',
  },
  content: {
    writtenIn: {
      nl: 'In het Nederlands geschreven',
      fr: 'In het Frans geschreven',
      en: 'In het Engels geschreven',
    },
    lang: 'Taal van de tekst',
    langHint: 'Zo weten lezers welke taal ze kunnen verwachten.',
  },
  home: {
    title: 'Vind materiaal, restjes en machinetijd in je buurt',
    intro:
      'Makerhubs delen hun restmateriaal en vragen wat ze nodig hebben. Zoek over alle hubs van het netwerk heen.',
    searchLabel: 'Zoek in het aanbod',
    searchPlaceholder: 'bv. multiplex, acryl, 3D-printen',
    searchButton: 'Zoeken',
    hubsTitle: 'Hubs in het netwerk',
    allHubs: (n: string) => `Alle ${n} hubs, met wat elk aanbiedt en vraagt`,
    newestTitle: 'Nieuwste aanbod',
    seeAllListings: 'Bekijk al het aanbod',
    noListings: 'Nog geen aanbod.',
    listCta: 'Bied je restmateriaal aan',
    listCtaSignup: 'Je maakt eerst een gratis account aan.',
    needsCta: 'Bekijk wat hubs zoeken',
    howTitle: 'Zo werkt het',
    steps: [
      {
        title: 'Zet online wat over is',
        text: 'Resthout, gerecupereerd materiaal, vrije machinetijd: een foto en een paar woorden volstaan.',
      },
      {
        title: 'Hubs vragen',
        text: 'Hubs zetten online wat ze nodig hebben; Omloop koppelt het aan het aanbod en laat het beide kanten weten.',
      },
      {
        title: 'Overdragen en tellen',
        text: 'Spreek een overdracht af; daarna telt Omloop de kilo’s en de CO₂e die ze bespaarde.',
      },
    ],
    requestsNearHub: (hub: string) => `Open vragen van andere hubs in de buurt van ${hub}`,
    requestsNearYou: 'Open vragen in je buurt',
    requestsNetwork: 'Open vragen in het netwerk',
    useLocation: 'Toon die in mijn buurt',
    locating: 'Je locatie zoeken…',
    locationFailed: 'Je locatie is niet beschikbaar; dit zijn de nieuwste van het netwerk.',
    noRequests: 'Nog geen open vragen.',
    seeAllRequests: 'Bekijk alle vragen',
  },
  map: {
    label: 'Kaart',
    tilesFailed: 'De kaartachtergrond kon niet geladen worden; de plaatsen worden toch getoond.',
    loadFailed: 'De kaart kon niet getoond worden.',
    attribution: '© OpenStreetMap-bijdragers',
    cluster: (n: string) => `${n} hubs hier: zoom in om ze te zien`,
    viewFailed: 'De hubs van dit deel van de kaart konden niet geladen worden.',
  },
  auth: {
    loginTitle: 'Inloggen',
    signupTitle: 'Account aanmaken',
    email: 'E-mailadres',
    password: 'Wachtwoord',
    passwordHint: 'Minstens 10 tekens',
    displayName: 'Je naam',
    language: 'Taal',
    loginButton: 'Inloggen',
    signupButton: 'Account aanmaken',
    noAccount: 'Nog geen account?',
    haveAccount: 'Heb je al een account?',
  },
  docs: {
    title: 'API-documentatie',
    intro: 'De Omloop-API spreekt JSON onder /api/v1. Deze pagina is opgebouwd uit het OpenAPI-document.',
    rawJson: 'OpenAPI-document (JSON)',
    parameters: 'Parameters',
    paramName: 'Naam',
    paramIn: 'In',
    paramRequired: 'Verplicht',
    paramSchema: 'Type',
    requestBody: 'Inhoud van het verzoek',
    responses: 'Antwoorden',
    status: 'Status',
    schema: 'Schema',
    untagged: 'Overige',
    version: (v: string) => `Versie ${v}`,
  },
  ...accountsNl,
  ...hubsNl,
  ...listingsNl,
  ...photosNl,
  ...requestsNl,
  ...searchNl,
};
