import { describe, expect, it } from 'vitest';
import { canEditHubContent } from '../../src/modules/hubs/hubs.domain';
import { fromMilli, toMilli } from '../../src/modules/listings/listings.domain';
import { sniffImageType } from '../../src/modules/photos/photos.domain';

const bytes = (...b: (number | string)[]) =>
  new Uint8Array(b.flatMap((x) => (typeof x === 'string' ? [...x].map((ch) => ch.charCodeAt(0)) : [x])));

describe('sniffImageType', () => {
  it('knows JPEG, PNG and WebP by their first bytes', () => {
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('image/jpeg');
    expect(sniffImageType(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d))).toBe('image/png');
    expect(sniffImageType(bytes('RIFF', 0x24, 0, 0, 0, 'WEBP', 'VP8 '))).toBe('image/webp');
  });

  it('refuses GIF, text, truncated and empty files', () => {
    expect(sniffImageType(bytes('GIF89a', 1, 0, 1, 0))).toBeNull();
    expect(sniffImageType(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(bytes('hello, world'))).toBeNull();
    expect(sniffImageType(bytes('RIFF', 0, 0, 0, 0, 'WAVE'))).toBeNull();
    expect(sniffImageType(bytes('RIFF', 0, 0, 0, 0, 'WEB'))).toBeNull();
    expect(sniffImageType(bytes(0x89, 'PNG'))).toBeNull();
    expect(sniffImageType(bytes(0xff, 0xd8))).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
  });
});

describe('canEditHubContent', () => {
  const item = { authorId: 1, hubId: 10 };
  const roles = (entries: [number, 'member' | 'manager'][]) => new Map(entries);

  it('lets the author, while a member of the hub, and the hub’s managers edit', () => {
    expect(canEditHubContent(item, { id: 1, roles: roles([[10, 'member']]) })).toBe(true);
    expect(canEditHubContent(item, { id: 2, roles: roles([[10, 'manager']]) })).toBe(true);
  });

  it('refuses an author who left the hub, other members, managers elsewhere, and the anonymous', () => {
    expect(canEditHubContent(item, { id: 1, roles: roles([]) })).toBe(false);
    expect(canEditHubContent(item, { id: 2, roles: roles([[10, 'member']]) })).toBe(false);
    expect(canEditHubContent(item, { id: 2, roles: roles([[11, 'manager']]) })).toBe(false);
    expect(canEditHubContent(item, null)).toBe(false);
  });
});

describe('toMilli / fromMilli', () => {
  it('turns decimals into whole thousandths and back without drift', () => {
    expect(toMilli(0.001)).toBe(1);
    expect(toMilli(2.5)).toBe(2500);
    expect(toMilli(1234.567)).toBe(1_234_567);
    expect(toMilli(0.1 + 0.2)).toBe(300);
    for (const q of [0.001, 2.5, 1234.567, 999_999.999]) {
      expect(Number.isInteger(toMilli(q))).toBe(true);
      expect(fromMilli(toMilli(q))).toBe(q);
    }
  });
});
