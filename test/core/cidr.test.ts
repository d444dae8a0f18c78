import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedBy, cidrContains, parseCidr } from '../../bridge/core/net/cidr.js';

describe('CIDR allow-list', () => {
  it.each([
    ['192.168.1.0/24', '192.168.1.77', true],
    ['192.168.1.0/24', '192.168.2.1', false],
    ['192.168.1.0/24', '::ffff:192.168.1.5', true],
    ['10.0.0.7', '10.0.0.7', true],
    ['10.0.0.7', '10.0.0.8', false],
    ['10.0.0.0/8', '10.255.255.255', true],
    ['172.16.0.0/12', '172.31.0.1', true],
    ['172.16.0.0/12', '172.32.0.1', false],
    ['0.0.0.0/0', '8.8.8.8', true],
    ['127.0.0.1/32', '127.0.0.1', true],
    ['fd00::/8', 'fd12:3456::1', true],
    ['fd00::/8', 'fe80::1', false],
    ['::1', '::1', true],
    ['::1', '127.0.0.1', false],
    ['2001:db8::/32', '2001:db8:ffff::1%eth0', true],
  ])('%s contains %s: %s', (block, addr, want) => {
    const c = parseCidr(block);
    expect(c).not.toBeNull();
    if (c !== null) expect(cidrContains(c, addr)).toBe(want);
  });

  it.each(['', '1.2.3', '1.2.3.256', '1.2.3.4/33', '1.2.3.4/x', 'fd00::/129', '1::2::3', 'hello', '1.2.3.4/8/8'])('refuses %j', (bad) => {
    expect(parseCidr(bad)).toBeNull();
  });

  it('an empty list allows everyone; otherwise only its blocks', () => {
    expect(allowedBy([], '203.0.113.9')).toBe(true);
    const list = ['127.0.0.1', '192.168.1.0/24'].map((t) => parseCidr(t)).filter((c) => c !== null);
    expect(allowedBy(list, '192.168.1.3')).toBe(true);
    expect(allowedBy(list, '203.0.113.9')).toBe(false);
  });

  it('property: an IPv4 block contains exactly the addresses sharing its first prefix bits', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.ipV4(), fc.integer({ min: 0, max: 32 }), (a, b, prefix) => {
        const c = parseCidr(`${a}/${prefix}`);
        const toInt = (s: string) => s.split('.').reduce((n, p) => n * 256 + Number(p), 0);
        const same = prefix === 0 || Math.floor(toInt(a) / 2 ** (32 - prefix)) === Math.floor(toInt(b) / 2 ** (32 - prefix));
        return c !== null && cidrContains(c, b) === same;
      }),
    );
  });
});
