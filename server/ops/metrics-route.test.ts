import { describe, expect, it } from 'vitest';
import { allowList, isAllowed } from './metrics-route.js';

describe('METRICS_ALLOW', () => {
  it('matches CIDRs and single addresses, IPv4-mapped IPv6 as IPv4', () => {
    const list = allowList(['10.0.0.0/8', '192.168.1.7', 'fd00::/8']);
    expect(isAllowed(list, '10.20.30.40')).toBe(true);
    expect(isAllowed(list, '::ffff:10.1.2.3')).toBe(true);
    expect(isAllowed(list, '192.168.1.7')).toBe(true);
    expect(isAllowed(list, '192.168.1.8')).toBe(false);
    expect(isAllowed(list, 'fd12::1')).toBe(true);
    expect(isAllowed(list, '127.0.0.1')).toBe(false);
    expect(isAllowed(list, 'not-an-ip')).toBe(false);
  });

  it('refuses what is not an address or CIDR', () => {
    for (const bad of ['10.0.0.0/33', 'example.com', '10.0.0.0/x', '::1/129']) expect(() => allowList([bad])).toThrow();
  });
});
