import { inventoryFr } from './inventory/fr';
import { exchangesFr } from './exchanges/fr';
import { machinesFr } from './machines/fr';
import { networksFr } from './networks/fr';
import type { Messages } from './en';
import { matchingFr } from './matching/fr';
import { tasksFr } from './tasks/fr';
import { questionsFr } from './questions/fr';
import { offlineFr } from './offline/fr';
import { streamsFr } from './streams/fr';
import { accountsFr } from './accounts/fr';
import { hubsFr } from './hubs/fr';
import { listingsFr } from './listings/fr';
import { photosFr } from './photos/fr';
import { requestsFr } from './requests/fr';
import { searchFr } from './search/fr';
import { de } from '$shared/french';

/** Français. */
export const fr: Messages = {
  localeName: 'Français',
  offline: offlineFr,
  inventory: inventoryFr,
  exchanges: exchangesFr,
  machines: machinesFr,
  networks: networksFr,
  matching: matchingFr,
  tasks: tasksFr,
  questions: questionsFr,
  streams: streamsFr,
  common: {
    loading: 'Chargement…',
    save: 'Enregistrer',
    saving: 'Enregistrement…',
    cancel: 'Annuler',
    edit: 'Modifier',
    back: 'Retour',
    loadMore: 'Afficher plus',
    optional: 'facultatif',
    none: '—',
    copy: 'Copier',
    copied: 'Copié',
    remove: 'Supprimer',
    networkError: 'Omloop est injoignable. Vérifiez votre connexion et réessayez.',
    unknownError: 'Une erreur s’est produite.',
    required: 'Ce champ est obligatoire.',
    fixErrors: 'Veuillez corriger les champs signalés ci-dessous.',
    errorTitle: 'Une erreur s’est produite',
    notFoundTitle: 'Page introuvable',
    goHome: 'Aller à l’accueil',
    km: (km: string) => `${km} km`,
    colon: (label: string) => `${label}\u00a0:`,
    results: (n: number) => (n === 1 ? '1 affiché' : `${n} affichés`),
  },
  nav: {
    main: 'Navigation principale',
    listings: 'Offres',
    requests: 'Demandes',
    hubs: 'Hubs',
    skip: 'Aller au contenu',
    menu: 'Menu',
  },
  header: {
    home: 'Accueil Omloop',
    language: 'Langue',
    login: 'Se connecter',
    signup: 'S’inscrire',
    logout: 'Se déconnecter',
    account: 'Mon compte',
    accountMenu: 'Compte',
  },
  footer: {
    apiDocs: 'Documentation de l’API',
    tagline: 'Omloop — les chutes d’un atelier sont la matière du suivant.',
  },
  content: {
    writtenIn: { nl: 'Rédigé en néerlandais', fr: 'Rédigé en français', en: 'Rédigé en anglais' },
    lang: 'Langue du texte',
    langHint: 'Pour que les lecteurs sachent dans quelle langue lire.',
  },
  home: {
    title: 'Trouvez des matériaux, des chutes et du temps machine près de chez vous',
    intro:
      'Les hubs de makers partagent leurs restes et demandent ce dont ils ont besoin. Cherchez dans tous les hubs du réseau.',
    searchLabel: 'Rechercher des offres',
    searchPlaceholder: 'p. ex. contreplaqué, acrylique, impression 3D',
    searchButton: 'Rechercher',
    hubsTitle: 'Les hubs du réseau',
    allHubs: (n: string) => `Les ${n} hubs, avec ce que chacun offre et demande`,
    newestTitle: 'Offres récentes',
    seeAllListings: 'Voir toutes les offres',
    noListings: 'Aucune offre pour l’instant.',
    listCta: 'Proposez vos restes',
    listCtaSignup: 'Vous créez d’abord un compte gratuit.',
    needsCta: 'Voir ce que cherchent les hubs',
    howTitle: 'Comment ça marche',
    steps: [
      {
        title: 'Publiez ce qui reste',
        text: 'Chutes, matériaux de réemploi, temps machine libre : une photo et quelques mots suffisent.',
      },
      {
        title: 'Les hubs demandent',
        text: 'Les hubs publient ce dont ils ont besoin ; Omloop le relie aux offres et prévient les deux côtés.',
      },
      {
        title: 'Remettez et comptez',
        text: 'Convenez d’une remise ; une fois faite, Omloop compte les kilos et le CO₂e économisés.',
      },
    ],
    requestsNearHub: (hub: string) => `Demandes ouvertes d’autres hubs près ${de(hub)}`,
    requestsNearYou: 'Demandes ouvertes près de chez vous',
    requestsNetwork: 'Demandes ouvertes dans le réseau',
    useLocation: 'Voir celles près de moi',
    locating: 'Recherche de votre position…',
    locationFailed: 'Votre position n’est pas disponible ; voici les plus récentes du réseau.',
    noRequests: 'Aucune demande ouverte pour l’instant.',
    seeAllRequests: 'Voir toutes les demandes',
  },
  map: {
    label: 'Carte',
    tilesFailed: 'Le fond de carte n’a pas pu être chargé ; les lieux restent affichés.',
    loadFailed: 'La carte n’a pas pu être affichée.',
    attribution: '© contributeurs d’OpenStreetMap',
    cluster: (n: string) => `${n} hubs ici : zoomez pour les voir`,
    viewFailed: 'Les hubs de cette partie de la carte n’ont pas pu être chargés.',
  },
  auth: {
    loginTitle: 'Se connecter',
    signupTitle: 'Créer un compte',
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    passwordHint: 'Au moins 10 caractères',
    displayName: 'Votre nom',
    language: 'Langue',
    loginButton: 'Se connecter',
    signupButton: 'Créer le compte',
    noAccount: 'Pas encore de compte ?',
    haveAccount: 'Vous avez déjà un compte ?',
  },
  docs: {
    title: 'Documentation de l’API',
    intro: 'L’API d’Omloop parle JSON sous /api/v1. Cette page est générée à partir du document OpenAPI.',
    rawJson: 'Document OpenAPI (JSON)',
    parameters: 'Paramètres',
    paramName: 'Nom',
    paramIn: 'Dans',
    paramRequired: 'Obligatoire',
    paramSchema: 'Type',
    requestBody: 'Corps de la requête',
    responses: 'Réponses',
    status: 'Statut',
    schema: 'Schéma',
    untagged: 'Autres',
    version: (v: string) => `Version ${v}`,
  },
  ...accountsFr,
  ...hubsFr,
  ...listingsFr,
  ...photosFr,
  ...requestsFr,
  ...searchFr,
};
