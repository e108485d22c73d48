import { describe, expect, it } from 'vitest';
import { ZHubInput } from '../../src/shared/hubs.schemas';
import { ZOutcomeInput } from '../../src/shared/exchanges.schemas';
import { isHttpUrl, safeNextPath } from '../../src/shared/links';
import { cleanLine, cleanLines, lineText, multilineText, ZPathId } from '../../src/shared/user-input';
import { fieldErrors, ruleSentence } from '../../src/shared/validation';

const ORIGIN = 'https://omloop.example';

describe('text people type', () => {
  it('loses NUL, other controls and bidi overrides; one-line text loses its line breaks', () => {
    expect(cleanLine('Broei\u0000 vzw\u0007\u202e\u2066')).toBe('Broei vzw');
    expect(cleanLine('two\r\nlines\tand\u2028more')).toBe('two lines and more');
    expect(cleanLine('\u009bC1\u007f')).toBe('C1');
    expect(cleanLines('first\r\nsecond\rthird\u0000\tend')).toBe('first\nsecond\nthird\tend');
    // Letters, accents, emoji with their joiners stay as typed.
    expect(cleanLine('Atelier Groot Eiland · café 👩‍🔧')).toBe('Atelier Groot Eiland · café 👩‍🔧');
  });

  it('is cleaned before it is trimmed and measured', () => {
    expect(lineText(3, 10).parse('\u0000 Broei \u0000')).toBe('Broei');
    expect(lineText(3, 10).safeParse('\u0000\u0000\u0000ab').success).toBe(false);
    expect(multilineText(0, 50).parse('  a\r\nb\u0000  ')).toBe('a\nb');
  });
});

describe('web addresses', () => {
  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.org',
    'http:example.org',
    'https://',
    '//example.org',
  ])('refuses %j as a hub website and an outcome link, in the reader’s words', (url) => {
    const hub = ZHubInput.safeParse({
      slug: 'lab',
      name: 'Lab',
      city: 'Gent',
      country: 'BE',
      kind: 'fab_lab',
      lat: 51,
      lon: 3.7,
      website: url,
    });
    expect(hub.success).toBe(false);
    const fields = fieldErrors(hub.error!, {}, 'nl');
    expect(fields).toContainEqual({ path: 'website', message: ruleSentence('http_url', 'website', 'nl') });
    expect(ZOutcomeInput.safeParse({ body: 'Became a bench', link: url }).success).toBe(false);
    // At render time only the scheme matters: anything but http(s) is never a link.
    if (!/^https?:/i.test(url)) expect(isHttpUrl(url)).toBe(false);
  });

  it('accepts http and https addresses and shows them as links', () => {
    for (const url of [
      'https://broei.be',
      'http://www.budafactory.be/ateliers?x=1#y',
      'https://maakleerplek.be/',
    ]) {
      expect(ZOutcomeInput.parse({ body: 'Became a bench', link: url }).link).toBe(url);
      expect(isHttpUrl(url)).toBe(true);
    }
    expect(isHttpUrl(null)).toBe(false);
    expect(isHttpUrl('')).toBe(false);
  });
});

describe('ids in a path', () => {
  it('reads only the decimal spelling', () => {
    expect(ZPathId.parse('16')).toBe(16);
    expect(ZPathId.parse('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    for (const alias of [
      '0x10',
      '16.0',
      '+16',
      '016',
      '16e0',
      ' 16',
      '16 ',
      '0',
      '-1',
      '1_6',
      '٣',
      '9007199254740992',
      '',
    ])
      expect(ZPathId.safeParse(alias).success, alias).toBe(false);
  });
});

describe('where to go after signing in', () => {
  it.each([
    ['/\t/evil.example/', '/'],
    ['/%09/evil.example/', '/%09/evil.example/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['\\\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['/\n/evil.example', '/'],
    [' //evil.example', '/'],
    ['https://omloop.example//evil.example/x', '/evil.example/x'],
    ['/listings/16?view=map#photos', '/listings/16?view=map#photos'],
    ['listings/16', '/listings/16'],
    ['https://omloop.example/exchanges', '/exchanges'],
    ['', '/'],
    [null, '/'],
  ])('%j → %j', (next, expected) => {
    expect(safeNextPath(next, ORIGIN)).toBe(expected);
  });
});
