/** Property tests of the CIDR parser: round trips, canonical forms, containment and overlap laws, no crashes on junk. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contains4,
  contains6,
  formatIpv4,
  formatIpv4Cidr,
  formatIpv6,
  isCanonical4,
  networkOf4,
  overlaps4,
  parseIpv4,
  parseIpv4Cidr,
  parseIpv6,
  parseIpv6Cidr,
} from './cidr.ts';

const ipv4 = fc.integer({ min: 0, max: 0xffffffff });
const prefix4 = fc.integer({ min: 0, max: 32 });
const canonical4 = fc.tuple(ipv4, prefix4).map(([address, prefix]) => {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { version: 4 as const, address: (address & mask) >>> 0, prefix };
});
const ipv6 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });

describe('IPv4 CIDR', () => {
  it('formats and parses back to the same address', () => {
    fc.assert(fc.property(ipv4, (address) => parseIpv4(formatIpv4(address)) === address));
  });

  it('round-trips blocks and recognises canonical ones', () => {
    fc.assert(
      fc.property(ipv4, prefix4, (address, prefix) => {
        const parsed = parseIpv4Cidr(`${formatIpv4(address)}/${prefix}`)!;
        expect(parsed).toEqual({ version: 4, address, prefix });
        expect(isCanonical4(parsed)).toBe(networkOf4(parsed) === address);
      }),
    );
  });

  it('contains is reflexive, implies overlap, and a block contains its halves', () => {
    fc.assert(
      fc.property(canonical4, canonical4, (a, b) => {
        expect(contains4(a, a)).toBe(true);
        if (contains4(a, b)) expect(overlaps4(a, b) && overlaps4(b, a)).toBe(true);
        if (a.prefix < 32) {
          const half = { ...a, prefix: a.prefix + 1 };
          const other = { ...a, address: (a.address + 2 ** (31 - a.prefix)) >>> 0, prefix: a.prefix + 1 };
          expect(contains4(a, half) && contains4(a, other)).toBe(true);
          expect(overlaps4(half, other)).toBe(false);
        }
      }),
    );
  });

  it('never throws on arbitrary text and rejects what is not a dotted quad with a prefix', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseIpv4Cidr(text);
        if (parsed) expect(formatIpv4Cidr(parsed)).toBe(text);
      }),
    );
    for (const bad of ['10.0.0.0', '10.0.0/16', '10.0.0.0/33', '256.0.0.0/8', '01.0.0.0/8', '10.0.0.0/016', ' 10.0.0.0/16', '10.0.0.0/-1']) {
      expect(parseIpv4Cidr(bad), bad).toBeUndefined();
    }
  });
});

describe('IPv6 CIDR', () => {
  it('formats (RFC 5952) and parses back to the same address', () => {
    fc.assert(fc.property(ipv6, (address) => parseIpv6(formatIpv6(address)) === address));
  });

  it('accepts the usual spellings and refuses malformed ones', () => {
    expect(parseIpv6Cidr('::/0')).toEqual({ version: 6, address: 0n, prefix: 0 });
    expect(formatIpv6(parseIpv6('2001:DB8:0:0:0:0:0:1')!)).toBe('2001:db8::1');
    expect(parseIpv6('::ffff:10.0.0.1')).toBe(0xffff0a000001n);
    for (const bad of ['2001:db8::/129', '2001:::1/64', '1:2:3:4:5:6:7:8:9/64', 'g::/64', '2001:db8::']) {
      expect(parseIpv6Cidr(bad), bad).toBeUndefined();
    }
    fc.assert(fc.property(fc.string(), (text) => void parseIpv6Cidr(text)));
  });

  it('a /56 contains the /64s carved from it', () => {
    fc.assert(
      fc.property(ipv6, fc.integer({ min: 0, max: 255 }), (address, subnet) => {
        const base = address & ~((1n << 72n) - 1n);
        const outer = { version: 6 as const, address: base, prefix: 56 };
        const inner = { version: 6 as const, address: base | (BigInt(subnet) << 64n), prefix: 64 };
        expect(contains6(outer, inner)).toBe(true);
        expect(contains6(inner, outer)).toBe(false);
      }),
    );
  });
});
