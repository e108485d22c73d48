import { describe, expect, it } from 'vitest';
import { localeFromHeader } from '../../src/http/locale';

describe('localeFromHeader', () => {
  it('gives null without a header', () => {
    expect(localeFromHeader(undefined)).toBeNull();
    expect(localeFromHeader('')).toBeNull();
  });

  it('takes a supported language, ignoring its region and case', () => {
    expect(localeFromHeader('nl')).toBe('nl');
    expect(localeFromHeader('fr-BE')).toBe('fr');
    expect(localeFromHeader('EN-gb')).toBe('en');
    expect(localeFromHeader('nl-BE,nl;q=0.9,en;q=0.8')).toBe('nl');
  });

  it('ranks by q-value, then by order', () => {
    expect(localeFromHeader('en;q=0.5, fr;q=0.8, nl;q=0.7')).toBe('fr');
    expect(localeFromHeader('en;q=0.5,nl')).toBe('nl');
    expect(localeFromHeader('fr;q=0.5,nl;q=0.5')).toBe('fr');
  });

  it('skips unsupported languages and falls back to the next supported one', () => {
    expect(localeFromHeader('de-DE,de;q=0.9,fr;q=0.4')).toBe('fr');
    expect(localeFromHeader('de, *;q=0.5')).toBeNull();
    expect(localeFromHeader('de-DE,es')).toBeNull();
  });

  it('leaves out languages refused with q=0 or a malformed q', () => {
    expect(localeFromHeader('nl;q=0, en;q=0.1')).toBe('en');
    expect(localeFromHeader('fr;q=0')).toBeNull();
    expect(localeFromHeader('fr;q=abc,nl;q=0.3')).toBe('nl');
  });

  it('allows whitespace around the ";" of a weight', () => {
    expect(localeFromHeader('fr ; q=0.2 , en ; q=0.9')).toBe('en');
    expect(localeFromHeader('nl ;q=0.8')).toBe('nl');
  });
});
