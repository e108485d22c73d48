import { inventoryEn } from './inventory/en';
import { exchangesEn } from './exchanges/en';
import { machinesEn } from './machines/en';
import { networksEn } from './networks/en';
import { matchingEn } from './matching/en';
import { offlineEn } from './offline/en';
import { streamsEn } from './streams/en';
import { tasksEn } from './tasks/en';
import { questionsEn } from './questions/en';
import { accountsEn } from './accounts/en';
import { hubsEn } from './hubs/en';
import { listingsEn } from './listings/en';
import { photosEn } from './photos/en';
import { requestsEn } from './requests/en';
import { searchEn } from './search/en';

/** English messages: the typed source every other language must match key for key. */
export const en = {
  localeName: 'English',
  offline: offlineEn,
  inventory: inventoryEn,
  exchanges: exchangesEn,
  machines: machinesEn,
  networks: networksEn,
  matching: matchingEn,
  tasks: tasksEn,
  questions: questionsEn,
  streams: streamsEn,
  common: {
    loading: 'Loading…',
    save: 'Save',
    saving: 'Saving…',
    cancel: 'Cancel',
    edit: 'Edit',
    back: 'Back',
    loadMore: 'Load more',
    optional: 'optional',
    none: '—',
    copy: 'Copy',
    copied: 'Copied',
    remove: 'Remove',
    networkError: 'Omloop cannot be reached. Check your connection and try again.',
    unknownError: 'Something went wrong.',
    required: 'This field is required.',
    fixErrors: 'Please correct the fields marked below.',
    errorTitle: 'Something went wrong',
    notFoundTitle: 'Page not found',
    goHome: 'Go to the home page',
    km: (km: string) => `${km} km`,
    /** A label before its value: French puts a (no-break) space before the colon. */
    colon: (label: string) => `${label}:`,
    results: (n: number) => `${n} shown`,
  },
  nav: {
    main: 'Main navigation',
    listings: 'Listings',
    requests: 'Requests',
    hubs: 'Hubs',
    skip: 'Skip to content',
    menu: 'Menu',
  },
  header: {
    home: 'Omloop home',
    language: 'Language',
    login: 'Log in',
    signup: 'Sign up',
    logout: 'Log out',
    account: 'My account',
    accountMenu: 'Account',
  },
  footer: {
    apiDocs: 'API documentation',
    tagline: 'Omloop — leftovers from one workshop are inputs for the next.',
  },
  content: {
    writtenIn: { nl: 'Written in Dutch', fr: 'Written in French', en: 'Written in English' },
    lang: 'Language of the text',
    langHint: 'So readers know which language to expect.',
  },
  home: {
    title: 'Find materials, offcuts and machine time near you',
    intro:
      'Makers’ hubs share their leftovers and ask for what they need. Search across every hub in the network.',
    searchLabel: 'Search listings',
    searchPlaceholder: 'e.g. plywood, acrylic, 3D printing',
    searchButton: 'Search',
    hubsTitle: 'Hubs in the network',
    allHubs: (n: string) => `All ${n} hubs, with what each offers and asks`,
    newestTitle: 'Newest listings',
    seeAllListings: 'See all listings',
    noListings: 'No listings yet.',
    listCta: 'List your leftovers',
    listCtaSignup: 'You create a free account first.',
    needsCta: 'See what hubs need',
    howTitle: 'How it works',
    steps: [
      {
        title: 'List what is left',
        text: 'Offcuts, reclaimed material, spare machine time: a photo and a few words are enough.',
      },
      {
        title: 'Hubs ask',
        text: 'Hubs post what they need; Omloop matches it with what is listed and tells both sides.',
      },
      {
        title: 'Hand over and count',
        text: 'Agree on a handover; once it is done, Omloop counts the kilos and the CO₂e it saved.',
      },
    ],
    requestsNearHub: (hub: string) => `Open requests of other hubs near ${hub}`,
    requestsNearYou: 'Open requests near you',
    requestsNetwork: 'Open requests in the network',
    useLocation: 'Show the ones near me',
    locating: 'Finding your location…',
    locationFailed: 'Your location is not available; these are the newest in the network.',
    noRequests: 'No open requests yet.',
    seeAllRequests: 'See all requests',
  },
  map: {
    label: 'Map',
    tilesFailed: 'The map background could not be loaded; the places are still shown.',
    loadFailed: 'The map could not be shown.',
    attribution: '© OpenStreetMap contributors',
    cluster: (n: string) => `${n} hubs here: zoom in to see them`,
    viewFailed: 'The hubs of this part of the map could not be loaded.',
  },
  auth: {
    loginTitle: 'Log in',
    signupTitle: 'Create an account',
    email: 'Email address',
    password: 'Password',
    passwordHint: 'At least 10 characters',
    displayName: 'Your name',
    language: 'Language',
    loginButton: 'Log in',
    signupButton: 'Create account',
    noAccount: 'No account yet?',
    haveAccount: 'Already have an account?',
  },
  docs: {
    title: 'API documentation',
    intro: 'The Omloop API speaks JSON under /api/v1. This page is generated from the OpenAPI document.',
    rawJson: 'OpenAPI document (JSON)',
    parameters: 'Parameters',
    paramName: 'Name',
    paramIn: 'In',
    paramRequired: 'Required',
    paramSchema: 'Type',
    requestBody: 'Request body',
    responses: 'Responses',
    status: 'Status',
    schema: 'Schema',
    untagged: 'Other',
    version: (v: string) => `Version ${v}`,
  },
  ...accountsEn,
  ...hubsEn,
  ...listingsEn,
  ...photosEn,
  ...requestsEn,
  ...searchEn,
};

export type Messages = typeof en;
