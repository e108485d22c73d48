import { describe, expect, it } from 'vitest';
import { throttleAddress } from '../../src/modules/accounts/accounts.domain';

describe('the address a login is counted against', () => {
  it('is an IPv4 address as it is', () => {
    expect(throttleAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(throttleAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(throttleAddress('local')).toBe('local');
  });

  it('is the /64 of an IPv6 address, however it is written', () => {
    const prefix = '2001:db8:85a3:8d3::/64';
    for (const ip of [
      '2001:db8:85a3:8d3:1319:8a2e:370:7348',
      '2001:0db8:85a3:08d3:ffff:ffff:ffff:ffff',
      '2001:db8:85a3:8d3::1',
      '2001:DB8:85A3:8D3::',
    ])
      expect(throttleAddress(ip), ip).toBe(prefix);
    expect(throttleAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(throttleAddress('::1')).toBe('0:0:0:0::/64');
    expect(throttleAddress('2001:db8:85a3:8d4::1')).not.toBe(prefix);
  });
});
