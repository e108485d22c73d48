import { describe, expect, it } from 'vitest';
import { idValues, pairValues } from '../../src/shared/sql';

describe('integers written into SQL as VALUES', () => {
  it('writes ids and pairs of integers, one row each', () => {
    expect(idValues([3, 1, 2])).toBe('(VALUES (3), (1), (2))');
    expect(
      pairValues([
        [1, 5],
        [-9, 12],
      ]),
    ).toBe('(VALUES (1, 5), (-9, 12))');
  });

  it('refuses anything but integers, and an empty list', () => {
    const text = '1); DROP TABLE hubs; --' as unknown as number;
    expect(() => idValues([1, text])).toThrow();
    expect(() => idValues([1.5])).toThrow();
    expect(() => idValues([Number.NaN])).toThrow();
    expect(() => idValues([])).toThrow();
    expect(() => pairValues([[1, text]])).toThrow();
    expect(() => pairValues([[2 ** 60, 1]])).toThrow();
    expect(() => pairValues([])).toThrow();
  });
});
