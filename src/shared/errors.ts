/**
 * Error codes, their HTTP status and a message a person can read in each language.
 * The API sends the message in the caller's language; the web app shows it as given.
 */
import type { Locale } from './taxonomy';

type ErrorSpec = {
  status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;
  message: Record<Locale, string>;
};

export const ERRORS = {
  VALIDATION_FAILED: {
    status: 422,
    message: {
      nl: 'Sommige velden zijn niet correct ingevuld.',
      fr: 'Certains champs ne sont pas correctement remplis.',
      en: 'Some fields are not filled in correctly.',
    },
  },
  INVALID_QUERY: {
    status: 422,
    message: {
      nl: 'Deze zoekopdracht bevat geen woorden om op te zoeken.',
      fr: 'Cette recherche ne contient aucun mot à chercher.',
      en: 'This search has no words to search for.',
    },
  },
  INVALID_CURSOR: {
    status: 400,
    message: {
      nl: 'Deze paginalink is ongeldig; begin de zoekopdracht opnieuw.',
      fr: 'Ce lien de page n’est pas valide ; relancez la recherche.',
      en: 'This page link is not valid; start the search again.',
    },
  },
  MALFORMED_JSON: {
    status: 400,
    message: {
      nl: 'De inhoud van het verzoek is geen geldige JSON.',
      fr: 'Le contenu de la requête n’est pas du JSON valide.',
      en: 'The request body is not valid JSON.',
    },
  },
  UNAUTHENTICATED: {
    status: 401,
    message: {
      nl: 'Log in om verder te gaan.',
      fr: 'Connectez-vous pour continuer.',
      en: 'Log in to continue.',
    },
  },
  INVALID_CREDENTIALS: {
    status: 401,
    message: {
      nl: 'E-mailadres of wachtwoord klopt niet.',
      fr: 'Adresse e-mail ou mot de passe incorrect.',
      en: 'Email address or password is incorrect.',
    },
  },
  FORBIDDEN: {
    status: 403,
    message: {
      nl: 'Je hebt geen toestemming voor deze actie.',
      fr: 'Vous n’avez pas l’autorisation pour cette action.',
      en: 'You are not allowed to do this.',
    },
  },
  NOT_A_MEMBER: {
    status: 403,
    message: {
      nl: 'Alleen leden van deze hub kunnen dit doen.',
      fr: 'Seuls les membres de ce hub peuvent faire cela.',
      en: 'Only members of this hub can do this.',
    },
  },
  CSRF_FAILED: {
    status: 403,
    message: {
      nl: 'Dit verzoek komt niet van Omloop zelf en is geweigerd.',
      fr: 'Cette requête ne vient pas d’Omloop et a été refusée.',
      en: 'This request did not come from Omloop itself and was refused.',
    },
  },
  NOT_FOUND: {
    status: 404,
    message: { nl: 'Niet gevonden.', fr: 'Introuvable.', en: 'Not found.' },
  },
  HUB_NOT_FOUND: {
    status: 404,
    message: { nl: 'Deze hub bestaat niet.', fr: 'Ce hub n’existe pas.', en: 'This hub does not exist.' },
  },
  LISTING_NOT_FOUND: {
    status: 404,
    message: {
      nl: 'Dit aanbod bestaat niet.',
      fr: 'Cette offre n’existe pas.',
      en: 'This listing does not exist.',
    },
  },
  REQUEST_NOT_FOUND: {
    status: 404,
    message: {
      nl: 'Deze vraag bestaat niet.',
      fr: 'Cette demande n’existe pas.',
      en: 'This request does not exist.',
    },
  },
  PHOTO_NOT_FOUND: {
    status: 404,
    message: {
      nl: 'Deze foto bestaat niet.',
      fr: 'Cette photo n’existe pas.',
      en: 'This photo does not exist.',
    },
  },
  INVITE_INVALID: {
    status: 404,
    message: {
      nl: 'Deze uitnodiging is ongeldig, verlopen of al gebruikt.',
      fr: 'Cette invitation n’est pas valide, a expiré ou a déjà servi.',
      en: 'This invitation is invalid, expired or already used.',
    },
  },
  EMAIL_TAKEN: {
    status: 409,
    message: {
      nl: 'Er bestaat al een account met dit e-mailadres.',
      fr: 'Un compte existe déjà avec cette adresse e-mail.',
      en: 'An account with this email address already exists.',
    },
  },
  SLUG_TAKEN: {
    status: 409,
    message: {
      nl: 'Deze korte naam is al in gebruik door een andere hub.',
      fr: 'Cet identifiant est déjà utilisé par un autre hub.',
      en: 'Another hub already uses this short name.',
    },
  },
  ALREADY_MEMBER: {
    status: 409,
    message: {
      nl: 'Je bent al lid van deze hub.',
      fr: 'Vous êtes déjà membre de ce hub.',
      en: 'You are already a member of this hub.',
    },
  },
  LAST_MANAGER: {
    status: 409,
    message: {
      nl: 'Een hub heeft minstens één beheerder nodig.',
      fr: 'Un hub a besoin d’au moins un gestionnaire.',
      en: 'A hub needs at least one manager.',
    },
  },
  INVALID_STATE: {
    status: 409,
    message: {
      nl: 'Dit kan niet in de huidige toestand.',
      fr: 'Impossible dans l’état actuel.',
      en: 'This is not possible in the current state.',
    },
  },
  TOO_MANY_PHOTOS: {
    status: 409,
    message: {
      nl: 'Een aanbod heeft maximaal 8 foto’s.',
      fr: 'Une offre a au maximum 8 photos.',
      en: 'A listing has at most 8 photos.',
    },
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    message: {
      nl: 'Dit bestand is groter dan 5 MB.',
      fr: 'Ce fichier dépasse 5 Mo.',
      en: 'This file is larger than 5 MB.',
    },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: {
      nl: 'Alleen JPEG-, PNG- of WebP-afbeeldingen worden aanvaard.',
      fr: 'Seules les images JPEG, PNG ou WebP sont acceptées.',
      en: 'Only JPEG, PNG or WebP images are accepted.',
    },
  },
  RATE_LIMITED: {
    status: 429,
    message: {
      nl: 'Te veel pogingen. Probeer het over enkele minuten opnieuw.',
      fr: 'Trop de tentatives. Réessayez dans quelques minutes.',
      en: 'Too many attempts. Try again in a few minutes.',
    },
  },
  INTERNAL: {
    status: 500,
    message: {
      nl: 'Er ging iets mis aan onze kant.',
      fr: 'Une erreur s’est produite de notre côté.',
      en: 'Something went wrong on our side.',
    },
  },
  UNAVAILABLE: {
    status: 503,
    message: {
      nl: 'De databank antwoordt niet.',
      fr: 'La base de données ne répond pas.',
      en: 'The database does not answer.',
    },
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/** The message for an error code in a language. */
export function errorMessage(code: ErrorCode, locale: Locale): string {
  return ERRORS[code].message[locale];
}
