/**
 * Error codes, their HTTP status and a message a person can read in each language.
 * The API sends the message in the caller's language; the web app shows it as given.
 *
 * In sections: first the codes every module may give (transport, sign-in, rights, limits), then
 * one section per module, named as in src/modules, modules and codes in alphabetical order.
 * A new code goes in its module's section (add the section if the module has none).
 */
import type { Locale } from './taxonomy';

type ErrorSpec = {
  status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;
  message: Record<Locale, string>;
};

export const ERRORS = {
  // ---------- every module: transport, sign-in, rights, limits (src/http, src/app.ts) ----------
  CSRF_FAILED: {
    status: 403,
    message: {
      nl: 'Dit verzoek komt niet van Omloop zelf en is geweigerd.',
      fr: 'Cette requête ne vient pas d’Omloop et a été refusée.',
      en: 'This request did not come from Omloop itself and was refused.',
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
  INTERNAL: {
    status: 500,
    message: {
      nl: 'Er ging iets mis aan onze kant.',
      fr: 'Une erreur s’est produite de notre côté.',
      en: 'Something went wrong on our side.',
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
  MALFORMED_JSON: {
    status: 400,
    message: {
      nl: 'De inhoud van het verzoek is geen geldige JSON.',
      fr: 'Le contenu de la requête n’est pas du JSON valide.',
      en: 'The request body is not valid JSON.',
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
  NOT_FOUND: {
    status: 404,
    message: { nl: 'Niet gevonden.', fr: 'Introuvable.', en: 'Not found.' },
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    message: {
      nl: 'Dit bestand is groter dan 5 MB.',
      fr: 'Ce fichier dépasse 5 Mo.',
      en: 'This file is larger than 5 MB.',
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
  UNAUTHENTICATED: {
    status: 401,
    message: {
      nl: 'Log in om verder te gaan.',
      fr: 'Connectez-vous pour continuer.',
      en: 'Log in to continue.',
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
  UNSUPPORTED_CONTENT_TYPE: {
    status: 415,
    message: {
      nl: 'Dit verzoek neemt JSON (Content-Type: application/json); foto’s gaan als multipart/form-data.',
      fr: 'Cette requête attend du JSON (Content-Type : application/json) ; les photos s’envoient en multipart/form-data.',
      en: 'This request takes JSON (Content-Type: application/json); photos are sent as multipart/form-data.',
    },
  },
  VALIDATION_FAILED: {
    status: 422,
    message: {
      nl: 'Sommige velden zijn niet correct ingevuld.',
      fr: 'Certains champs ne sont pas correctement remplis.',
      en: 'Some fields are not filled in correctly.',
    },
  },

  // ---------- accounts ----------
  EMAIL_TAKEN: {
    status: 409,
    message: {
      nl: 'Er bestaat al een account met dit e-mailadres.',
      fr: 'Un compte existe déjà avec cette adresse e-mail.',
      en: 'An account with this email address already exists.',
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

  // ---------- exchanges ----------
  CLAIM_OWN_HUB: {
    status: 422,
    message: {
      nl: 'Je kan geen aanbod van je eigen hub aanvragen voor diezelfde hub.',
      fr: 'Vous ne pouvez pas réserver une offre de votre hub pour ce même hub.',
      en: 'You cannot claim a listing of a hub for that same hub.',
    },
  },
  CLAIM_REQUEST_MISMATCH: {
    status: 422,
    message: {
      nl: 'Deze vraag is geen open vraag van de hub die aanvraagt, in dezelfde eenheid als het aanbod.',
      fr: 'Cette demande n’est pas une demande ouverte du hub qui réserve, dans la même unité que l’offre.',
      en: 'This request is not an open request of the claiming hub, in the listing’s unit.',
    },
  },
  EXCHANGE_NOT_FOUND: {
    status: 404,
    message: {
      nl: 'Deze uitwisseling bestaat niet.',
      fr: 'Cet échange n’existe pas.',
      en: 'This exchange does not exist.',
    },
  },
  FLOW_ALREADY_REVERSED: {
    status: 409,
    message: {
      nl: 'Deze stroom is al rechtgezet of is zelf een rechtzetting.',
      fr: 'Ce flux a déjà été corrigé ou est lui-même une correction.',
      en: 'This flow was already reversed or is itself a reversal.',
    },
  },
  FLOW_NOT_FOUND: {
    status: 404,
    message: {
      nl: 'Deze stroom staat niet in het register.',
      fr: 'Ce flux n’est pas dans le registre.',
      en: 'This flow is not in the ledger.',
    },
  },
  HANDOVER_EXCEEDS_ACCEPTED: {
    status: 422,
    message: {
      nl: 'Er kan niet meer overgedragen worden dan aanvaard werd.',
      fr: 'On ne peut pas remettre plus que la quantité acceptée.',
      en: 'You cannot hand over more than was accepted.',
    },
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    message: {
      nl: 'Een verzoek met deze Idempotency-Key wordt nog verwerkt; probeer zo dadelijk opnieuw.',
      fr: 'Une requête avec cette Idempotency-Key est encore en cours ; réessayez dans un instant.',
      en: 'A request with this Idempotency-Key is still being processed; try again in a moment.',
    },
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    message: {
      nl: 'Deze Idempotency-Key werd al gebruikt voor een ander verzoek.',
      fr: 'Cette Idempotency-Key a déjà servi pour une autre requête.',
      en: 'This Idempotency-Key was already used for a different request.',
    },
  },
  INSUFFICIENT_QUANTITY: {
    status: 409,
    message: {
      nl: 'Er is niet genoeg meer van dit aanbod over.',
      fr: 'Il ne reste plus assez de cette offre.',
      en: 'Not enough of this listing is left.',
    },
  },
  INVALID_IDEMPOTENCY_KEY: {
    status: 400,
    message: {
      nl: 'De Idempotency-Key moet 1 tot 200 zichtbare tekens lang zijn.',
      fr: 'L’Idempotency-Key doit compter de 1 à 200 caractères visibles.',
      en: 'The Idempotency-Key must be 1 to 200 visible characters.',
    },
  },
  INVALID_TRANSITION: {
    status: 409,
    message: {
      nl: 'Deze stap kan niet in de huidige toestand van de uitwisseling.',
      fr: 'Cette étape est impossible dans l’état actuel de l’échange.',
      en: 'This step is not possible in the exchange’s current state.',
    },
  },
  LISTING_NOT_CLAIMABLE: {
    status: 409,
    message: {
      nl: 'Dit aanbod is niet meer beschikbaar.',
      fr: 'Cette offre n’est plus disponible.',
      en: 'This listing is no longer available.',
    },
  },

  // ---------- hubs ----------
  ALREADY_MEMBER: {
    status: 409,
    message: {
      nl: 'Je bent al lid van deze hub.',
      fr: 'Vous êtes déjà membre de ce hub.',
      en: 'You are already a member of this hub.',
    },
  },
  HUB_NOT_FOUND: {
    status: 404,
    message: { nl: 'Deze hub bestaat niet.', fr: 'Ce hub n’existe pas.', en: 'This hub does not exist.' },
  },
  INVITE_INVALID: {
    status: 404,
    message: {
      nl: 'Deze uitnodiging is ongeldig, verlopen of al gebruikt.',
      fr: 'Cette invitation n’est pas valide, a expiré ou a déjà servi.',
      en: 'This invitation is invalid, expired or already used.',
    },
  },
  JOIN_REQUEST_DECIDED: {
    status: 409,
    message: {
      nl: 'Over deze aanvraag is al beslist.',
      fr: 'Cette demande a déjà été tranchée.',
      en: 'This request has already been decided.',
    },
  },
  JOIN_REQUEST_PENDING: {
    status: 409,
    message: {
      nl: 'Je vroeg al om lid te worden van deze hub; de beheerders beslissen nog.',
      fr: 'Vous avez déjà demandé à rejoindre ce hub ; ses gestionnaires n’ont pas encore décidé.',
      en: 'You already asked to join this hub; its managers have not decided yet.',
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
  SLUG_TAKEN: {
    status: 409,
    message: {
      nl: 'Deze korte naam is al in gebruik door een andere hub.',
      fr: 'Cet identifiant est déjà utilisé par un autre hub.',
      en: 'Another hub already uses this short name.',
    },
  },
  // Hub ids stop below 2^20 (migration 0062: the search index by category and hub).
  HUB_LIMIT_REACHED: {
    status: 409,
    message: {
      nl: 'Omloop kan geen nieuwe hubs meer aanmaken: alle hubnummers zijn in gebruik. Neem contact op met het Omloop-team.',
      fr: 'Omloop ne peut plus créer de nouveaux hubs : tous les numéros de hub sont utilisés. Contactez l’équipe d’Omloop.',
      en: 'Omloop cannot create new hubs: every hub number is in use. Please contact the Omloop team.',
    },
  },

  // ---------- impact ----------
  EXCHANGE_NOT_IN_NETWORK: {
    status: 404,
    message: {
      nl: 'Deze uitwisseling is niet afgerond binnen dit netwerk.',
      fr: 'Cet échange n’a pas été conclu au sein de ce réseau.',
      en: 'This exchange was not completed within this network.',
    },
  },
  INVALID_PERIOD: {
    status: 422,
    message: {
      nl: 'De einddatum ligt vóór de begindatum.',
      fr: 'La date de fin précède la date de début.',
      en: 'The end date is before the start date.',
    },
  },

  // ---------- imports ----------
  IMPORT_FAILED: {
    status: 503,
    message: {
      nl: 'De import is mislukt en er is niets aangemaakt. Probeer het opnieuw.',
      fr: 'L’import a échoué et rien n’a été créé. Réessayez.',
      en: 'The import failed and nothing was created. Try again.',
    },
  },
  IMPORT_NOT_FOUND: {
    status: 404,
    message: {
      nl: 'Deze import bestaat niet.',
      fr: 'Cet import n’existe pas.',
      en: 'This import does not exist.',
    },
  },
  IMPORT_NO_ROWS: {
    status: 422,
    message: {
      nl: 'Het CSV-bestand heeft een kopregel nodig en minstens één rij.',
      fr: 'Le fichier CSV doit avoir une ligne d’en-tête et au moins une ligne.',
      en: 'The CSV needs a header line and at least one row.',
    },
  },
  IMPORT_TOO_MANY_ROWS: {
    status: 422,
    message: {
      nl: 'Hoogstens 5.000 rijen per import; splits het bestand.',
      fr: 'Au plus 5 000 lignes par import ; divisez le fichier.',
      en: 'At most 5,000 rows per import; split the file.',
    },
  },
  IMPORT_UNKNOWN_COLUMN: {
    status: 422,
    message: {
      nl: 'Deze kolom staat niet in de kopregel van het bestand.',
      fr: 'Cette colonne ne figure pas dans l’en-tête du fichier.',
      en: 'This column is not in the file’s header line.',
    },
  },

  // ---------- listings ----------
  LISTING_NOT_FOUND: {
    status: 404,
    message: {
      nl: 'Dit aanbod bestaat niet.',
      fr: 'Cette offre n’existe pas.',
      en: 'This listing does not exist.',
    },
  },
  QUANTITY_BELOW_RESERVED: {
    status: 409,
    message: {
      nl: 'De hoeveelheid kan niet lager zijn dan wat al aan uitwisselingen beloofd is.',
      fr: 'La quantité ne peut pas être inférieure à ce qui est déjà promis à des échanges.',
      en: 'The quantity cannot be lower than what is already promised to exchanges.',
    },
  },

  // ---------- machines ----------
  BOOKING_BEYOND_HORIZON: {
    status: 422,
    message: {
      nl: 'Zo ver vooruit kan deze machine nog niet gereserveerd worden.',
      fr: 'Cette machine ne se réserve pas encore aussi loin à l’avance.',
      en: 'This machine cannot be booked that far ahead yet.',
    },
  },
  BOOKING_CANCELLED: {
    status: 409,
    message: {
      nl: 'Deze reservatie is al geannuleerd.',
      fr: 'Cette réservation est déjà annulée.',
      en: 'This booking is already cancelled.',
    },
  },
  BOOKING_ENDED: {
    status: 409,
    message: {
      nl: 'Deze reservatie is al voorbij.',
      fr: 'Cette réservation est déjà passée.',
      en: 'This booking is already over.',
    },
  },
  BOOKING_IN_PAST: {
    status: 422,
    message: {
      nl: 'Dit tijdslot ligt in het verleden.',
      fr: 'Ce créneau est dans le passé.',
      en: 'This slot is in the past.',
    },
  },
  BOOKING_MACHINE_CLOSED: {
    status: 422,
    message: {
      nl: 'De machine is op die dag gesloten.',
      fr: 'La machine est fermée ce jour-là.',
      en: 'The machine is closed on that day.',
    },
  },
  BOOKING_NOT_FOUND: {
    status: 404,
    message: {
      nl: 'Deze reservatie bestaat niet.',
      fr: 'Cette réservation n’existe pas.',
      en: 'This booking does not exist.',
    },
  },
  BOOKING_OUTSIDE_HOURS: {
    status: 422,
    message: {
      nl: 'Dit valt buiten de openingsuren of past niet op de tijdsloten van de machine.',
      fr: 'Hors des heures d’ouverture, ou pas aligné sur les créneaux de la machine.',
      en: 'This is outside the opening hours or does not match the machine’s slots.',
    },
  },
  BOOKING_TOO_LONG: {
    status: 422,
    message: {
      nl: 'Deze reservatie is langer dan de machine in één keer toelaat: kies minder aaneensluitende tijdsloten.',
      fr: 'Cette réservation dépasse la durée permise en une fois : choisissez moins de créneaux consécutifs.',
      en: 'This booking is longer than the machine allows at once: choose fewer consecutive slots.',
    },
  },
  BOOKING_TOO_SOON: {
    status: 422,
    message: {
      nl: 'Dit tijdslot begint te snel; reserveer vroeger op voorhand.',
      fr: 'Ce créneau commence trop tôt ; réservez plus longtemps à l’avance.',
      en: 'This slot starts too soon; book further ahead.',
    },
  },
  CANCEL_DEADLINE_PASSED: {
    status: 409,
    message: {
      nl: 'Annuleren kan niet meer zo kort voor de start; neem contact op met de hub.',
      fr: 'Trop tard pour annuler ; contactez le hub.',
      en: 'It is too late to cancel; contact the hub.',
    },
  },
  MACHINE_INACTIVE: {
    status: 409,
    message: {
      nl: 'Deze machine kan nu niet gereserveerd worden.',
      fr: 'Cette machine ne peut pas être réservée pour l’instant.',
      en: 'This machine cannot be booked at the moment.',
    },
  },
  MACHINE_NOT_FOUND: {
    status: 404,
    message: {
      nl: 'Deze machine bestaat niet.',
      fr: 'Cette machine n’existe pas.',
      en: 'This machine does not exist.',
    },
  },
  RANGE_INVALID: {
    status: 422,
    message: {
      nl: 'Het einde moet na het begin liggen, hoogstens 35 dagen later.',
      fr: 'La fin doit suivre le début, au plus 35 jours après.',
      en: 'The end must come after the start, at most 35 days later.',
    },
  },
  SLOT_TAKEN: {
    status: 409,
    message: {
      nl: 'Iemand anders heeft dit tijdslot net gereserveerd. Kies een ander.',
      fr: 'Quelqu’un vient de réserver ce créneau. Choisissez-en un autre.',
      en: 'Someone else has just booked this slot. Choose another one.',
    },
  },
  TRAINING_REQUIRED: {
    status: 403,
    message: {
      nl: 'Voor deze machine heb je een opleiding nodig die je nog niet hebt, of die deze hub niet aanvaardt.',
      fr: 'Cette machine demande une formation que vous n’avez pas, ou que ce hub n’accepte pas.',
      en: 'This machine needs a training you do not have, or one this hub does not accept.',
    },
  },

  // ---------- matching ----------
  MATCH_NOT_FOUND: {
    status: 404,
    message: {
      nl: 'Deze match bestaat niet.',
      fr: 'Cette correspondance n’existe pas.',
      en: 'This match does not exist.',
    },
  },

  // ---------- moderation ----------
  ALREADY_HIDDEN: {
    status: 409,
    message: {
      nl: 'Dit item is al verborgen.',
      fr: 'Cet élément est déjà masqué.',
      en: 'This item is already hidden.',
    },
  },
  ALREADY_REPORTED: {
    status: 409,
    message: {
      nl: 'Je hebt dit item al gemeld; de coördinatoren bekijken het.',
      fr: 'Vous avez déjà signalé cet élément ; les coordinateurs l’examinent.',
      en: 'You already reported this item; the coordinators are looking at it.',
    },
  },
  NOT_A_MODERATOR: {
    status: 403,
    message: {
      nl: 'Alleen coördinatoren van een netwerk met deze hub kunnen dit verbergen of terugzetten.',
      fr: 'Seuls les coordinateurs d’un réseau comprenant ce hub peuvent masquer ou rétablir ceci.',
      en: 'Only coordinators of a network that includes this hub can hide or restore this.',
    },
  },
  NOT_HIDDEN: {
    status: 409,
    message: {
      nl: 'Dit item is niet verborgen.',
      fr: 'Cet élément n’est pas masqué.',
      en: 'This item is not hidden.',
    },
  },
  REPORT_ITEM_NOT_FOUND: {
    status: 404,
    message: {
      nl: 'Dit item bestaat niet (meer), of je kunt het niet zien.',
      fr: 'Cet élément n’existe pas (ou plus), ou vous ne pouvez pas le voir.',
      en: 'This item does not exist (any more), or you cannot see it.',
    },
  },

  // ---------- networks ----------
  ALREADY_COORDINATOR: {
    status: 409,
    message: {
      nl: 'Deze persoon is al coördinator van dit netwerk.',
      fr: 'Cette personne coordonne déjà ce réseau.',
      en: 'This person already coordinates this network.',
    },
  },
  COORDINATOR_NO_ACCOUNT: {
    status: 422,
    message: {
      nl: 'Niemand heeft een Omloop-account met dit e-mailadres.',
      fr: 'Personne n’a de compte Omloop avec cette adresse e-mail.',
      en: 'Nobody has an Omloop account with this email address.',
    },
  },
  HUB_NOT_IN_NETWORK: {
    status: 404,
    message: {
      nl: 'Deze hub hoort niet bij dit netwerk.',
      fr: 'Ce hub ne fait pas partie de ce réseau.',
      en: 'This hub is not part of this network.',
    },
  },
  LAST_COORDINATOR: {
    status: 409,
    message: {
      nl: 'Een netwerk heeft minstens één coördinator nodig.',
      fr: 'Un réseau a besoin d’au moins un coordinateur.',
      en: 'A network needs at least one coordinator.',
    },
  },
  NETWORK_NOT_FOUND: {
    status: 404,
    message: {
      nl: 'Dit netwerk bestaat niet, of je bent er geen coördinator van.',
      fr: 'Ce réseau n’existe pas, ou vous n’en êtes pas coordinateur.',
      en: 'This network does not exist, or you are not one of its coordinators.',
    },
  },

  // ---------- photos ----------
  PHOTO_NOT_FOUND: {
    status: 404,
    message: {
      nl: 'Deze foto bestaat niet.',
      fr: 'Cette photo n’existe pas.',
      en: 'This photo does not exist.',
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
  PHOTO_REFUSED: {
    status: 422,
    message: {
      nl: 'Een foto kon niet bewaard worden; er is niets gepubliceerd of gewijzigd.',
      fr: 'Une photo n’a pas pu être gardée ; rien n’a été publié ni modifié.',
      en: 'A photo could not be kept; nothing was published or changed.',
    },
  },
  PHOTOS_CHANGED: {
    status: 409,
    message: {
      nl: 'De foto’s van dit aanbod werden intussen gewijzigd; laad de pagina opnieuw en probeer nog eens.',
      fr: 'Les photos de cette offre ont changé entre-temps ; rechargez la page et réessayez.',
      en: 'The photos of this listing were changed meanwhile; reload the page and try again.',
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

  // ---------- questions ----------
  QUESTION_LISTING_CLOSED: {
    status: 409,
    message: {
      nl: 'Dit aanbod is niet meer beschikbaar: er kunnen geen nieuwe vragen over gesteld worden.',
      fr: 'Cette offre n’est plus disponible : elle ne reçoit plus de nouvelles questions.',
      en: 'This listing is no longer offered: it takes no new questions.',
    },
  },
  QUESTION_OWN_HUB: {
    status: 422,
    message: {
      nl: 'Een hub stelt geen vragen aan zichzelf: kies een andere hub van jou.',
      fr: 'Un hub ne se pose pas de question à lui-même : choisissez un autre de vos hubs.',
      en: 'A hub does not ask itself: choose another of your hubs.',
    },
  },
  QUESTION_THREAD_NOT_FOUND: {
    status: 404,
    message: {
      nl: 'Deze hub stelde nog geen vraag over dit aanbod.',
      fr: 'Ce hub n’a encore posé aucune question sur cette offre.',
      en: 'This hub has not asked a question about this listing.',
    },
  },

  // ---------- requests ----------
  REQUEST_NOT_FOUND: {
    status: 404,
    message: {
      nl: 'Deze vraag bestaat niet.',
      fr: 'Cette demande n’existe pas.',
      en: 'This request does not exist.',
    },
  },

  // ---------- saved-searches ----------
  SAVED_SEARCH_NOT_FOUND: {
    status: 404,
    message: {
      nl: 'Deze bewaarde zoekopdracht bestaat niet.',
      fr: 'Cette recherche enregistrée n’existe pas.',
      en: 'This saved search does not exist.',
    },
  },
  TOO_MANY_SAVED_SEARCHES: {
    status: 409,
    message: {
      nl: 'Je hebt al 20 bewaarde zoekopdrachten; verwijder er eerst een.',
      fr: 'Vous avez déjà 20 recherches enregistrées ; supprimez-en une d’abord.',
      en: 'You already have 20 saved searches; delete one first.',
    },
  },

  // ---------- search ----------
  INVALID_CURSOR: {
    status: 400,
    message: {
      nl: 'Deze paginalink is ongeldig; begin de zoekopdracht opnieuw.',
      fr: 'Ce lien de page n’est pas valide ; relancez la recherche.',
      en: 'This page link is not valid; start the search again.',
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

  // ---------- streams ----------
  ALREADY_SUBSCRIBED: {
    status: 409,
    message: {
      nl: 'Deze hub is al geabonneerd op deze reeks; zeg het abonnement eerst op om andere keren te reserveren.',
      fr: 'Ce hub est déjà abonné à cette série ; résiliez d’abord l’abonnement pour réserver d’autres fois.',
      en: 'This hub already subscribes to this stream; cancel that subscription first to reserve other occurrences.',
    },
  },
  NO_FREE_OCCURRENCES: {
    status: 409,
    message: {
      nl: 'Alle komende keren van deze reeks zijn al gereserveerd.',
      fr: 'Toutes les prochaines fois de cette série sont déjà réservées.',
      en: 'Every upcoming occurrence of this stream is already reserved.',
    },
  },
  STREAM_NOT_ACTIVE: {
    status: 409,
    message: {
      nl: 'Deze reeks is beëindigd of ingetrokken.',
      fr: 'Cette série est terminée ou retirée.',
      en: 'This stream has ended or was withdrawn.',
    },
  },
  STREAM_NOT_FOUND: {
    status: 404,
    message: {
      nl: 'Deze terugkerende reeks bestaat niet.',
      fr: 'Cette série récurrente n’existe pas.',
      en: 'This recurring stream does not exist.',
    },
  },
  STREAM_OWN_HUB: {
    status: 422,
    message: {
      nl: 'Een hub kan zich niet abonneren op zijn eigen reeks.',
      fr: 'Un hub ne peut pas s’abonner à sa propre série.',
      en: 'A hub cannot subscribe to its own stream.',
    },
  },
  SUBSCRIPTION_CANCELLED: {
    status: 409,
    message: {
      nl: 'Dit abonnement is al opgezegd.',
      fr: 'Cet abonnement est déjà résilié.',
      en: 'This subscription was already cancelled.',
    },
  },
  SUBSCRIPTION_NOT_FOUND: {
    status: 404,
    message: {
      nl: 'Dit abonnement bestaat niet.',
      fr: 'Cet abonnement n’existe pas.',
      en: 'This subscription does not exist.',
    },
  },

  // ---------- trainings ----------
  TRAINING_REQUEST_PENDING: {
    status: 409,
    message: {
      nl: 'Je vroeg deze opleiding al aan; de beheerders van de hub hebben nog niet geantwoord.',
      fr: 'Vous avez déjà demandé cette formation ; les gestionnaires du hub n’ont pas encore répondu.',
      en: 'You already asked for this training; the hub’s managers have not answered yet.',
    },
  },
  TRAINING_REQUEST_NOT_NEEDED: {
    status: 409,
    message: {
      nl: 'Je hebt de opleiding voor deze machine al, of ze vraagt er geen.',
      fr: 'Vous avez déjà la formation pour cette machine, ou elle n’en demande pas.',
      en: 'You already hold the training for this machine, or it needs none.',
    },
  },
  TRAINING_REQUEST_NOT_FOUND: {
    status: 404,
    message: {
      nl: 'Deze aanvraag voor een opleiding bestaat niet bij deze hub.',
      fr: 'Cette demande de formation n’existe pas dans ce hub.',
      en: 'This training request does not exist at this hub.',
    },
  },
  TRAINING_REQUEST_DECIDED: {
    status: 409,
    message: {
      nl: 'Over deze aanvraag voor een opleiding is al beslist.',
      fr: 'Cette demande de formation a déjà été traitée.',
      en: 'This training request has already been answered.',
    },
  },
  PERSON_NOT_FOUND: {
    status: 404,
    message: {
      nl: 'Er is geen account met dit e-mailadres.',
      fr: 'Aucun compte n’a cette adresse e-mail.',
      en: 'No account has this email address.',
    },
  },
  TRAINING_EXISTS: {
    status: 409,
    message: {
      nl: 'Deze hub heeft al een opleiding met deze naam en dit niveau.',
      fr: 'Ce hub a déjà une formation de ce nom et de ce niveau.',
      en: 'This hub already has a training with this name and level.',
    },
  },
  TRAINING_NOT_FOUND: {
    status: 404,
    message: {
      nl: 'Deze opleiding bestaat niet bij deze hub.',
      fr: 'Cette formation n’existe pas dans ce hub.',
      en: 'This training does not exist at this hub.',
    },
  },
  TRAINING_SAME_HUB: {
    status: 409,
    message: {
      nl: 'Een hub aanvaardt alleen opleidingen van andere hubs als gelijkwaardig.',
      fr: 'Un hub n’accepte comme équivalentes que les formations d’autres hubs.',
      en: 'A hub only accepts trainings of other hubs as equivalent.',
    },
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/** The message for an error code in a language. */
export function errorMessage(code: ErrorCode, locale: Locale): string {
  return ERRORS[code].message[locale];
}
