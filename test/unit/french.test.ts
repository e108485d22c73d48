import { describe, expect, it } from 'vitest';
import { de } from '../../src/shared/french';
import { notificationLine } from '../../src/shared/notifications.text';

describe('de (French elision before a name)', () => {
  it('elides before a vowel, accented or capital, and y', () => {
    expect(de('Atelier Groot Eiland')).toBe('d’Atelier Groot Eiland');
    expect(de('Émilie')).toBe('d’Émilie');
    expect(de('ours')).toBe('d’ours');
    expect(de('Ypres')).toBe('d’Ypres');
  });
  it('keeps "de" before a consonant, an h, a digit, a sign or nothing', () => {
    expect(de('Broei')).toBe('de Broei');
    expect(de('Hackerspace Gent')).toBe('de Hackerspace Gent');
    expect(de('3D Lab')).toBe('de 3D Lab');
    expect(de('<img src=x onerror=alert(1)> Atelier')).toBe('de <img src=x onerror=alert(1)> Atelier');
    expect(de('')).toBe('de ');
  });
  it('is what a French notification reads, and English is untouched', () => {
    const accepted = { answer: 'accepted', hubName: 'Atelier Groot Eiland' } as const;
    expect(notificationLine('fr', 'join_request_answered', accepted)).toBe(
      'Bienvenue : vous êtes maintenant membre d’Atelier Groot Eiland',
    );
    expect(notificationLine('fr', 'join_request_answered', { ...accepted, hubName: 'Broei' })).toBe(
      'Bienvenue : vous êtes maintenant membre de Broei',
    );
    expect(notificationLine('en', 'join_request_answered', accepted)).toBe(
      'Welcome: you are now a member of Atelier Groot Eiland',
    );
  });
});

describe('a new match names the hub that offers it', () => {
  const p = { listingTitle: 'MDF 6 mm', requestTitle: 'Étagères', listingId: 1, requestId: 2, score: 70 };
  it('in every language, and reads as before for a notification written without it', () => {
    const from = { ...p, fromHubName: 'Atelier Groot Eiland' };
    expect(notificationLine('fr', 'request_match', from)).toBe(
      'Une nouvelle offre d’Atelier Groot Eiland correspond à votre demande « Étagères » : MDF 6 mm',
    );
    expect(notificationLine('nl', 'request_match', { ...from, fromHubName: 'Broei' })).toBe(
      'Nieuw aanbod van Broei past bij je vraag ‘Étagères’: MDF 6 mm',
    );
    expect(notificationLine('en', 'request_match', from)).toBe(
      'New listing from Atelier Groot Eiland matches your request ‘Étagères’: MDF 6 mm',
    );
    expect(notificationLine('en', 'request_match', p)).toBe(
      'New listing matches your request ‘Étagères’: MDF 6 mm',
    );
  });
});
