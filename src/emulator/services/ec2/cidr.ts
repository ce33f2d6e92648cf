/**
 * IPv4 and IPv6 CIDR blocks as EC2 reads them: parsing (strict dotted quads, RFC 4291 text for
 * IPv6), canonical form (no host bits), containment and overlap. Addresses are numbers (IPv4) or
 * bigints (IPv6) so arithmetic stays exact.
 */

export interface Ipv4Cidr {
  readonly version: 4;
  /** The address as an unsigned 32-bit number. */
  readonly address: number;
  readonly prefix: number;
}

export interface Ipv6Cidr {
  readonly version: 6;
  readonly address: bigint;
  readonly prefix: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

export function formatIpv4(address: number): string {
  return [address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255, address & 255].join('.');
}

/** `10.0.0.0/16` → { address, prefix }; undefined for anything else (including a missing prefix). */
export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash === -1) return undefined;
  const address = parseIpv4(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (address === undefined || !/^(3[0-2]|[12]?\d)$/.test(prefixText)) return undefined;
  return { version: 4, address, prefix: Number(prefixText) };
}

function mask4(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Whether the block has no host bits set (AWS refuses `10.0.0.1/16` for VPCs and subnets). */
export function isCanonical4(cidr: Ipv4Cidr): boolean {
  return ((cidr.address & ~mask4(cidr.prefix)) >>> 0) === 0;
}

export function networkOf4(cidr: Ipv4Cidr): number {
  return (cidr.address & mask4(cidr.prefix)) >>> 0;
}

export function formatIpv4Cidr(cidr: Ipv4Cidr): string {
  return `${formatIpv4(cidr.address)}/${cidr.prefix}`;
}

/** Number of addresses in the block. */
export function size4(cidr: Ipv4Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

export function contains4(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  if (inner.prefix < outer.prefix) return false;
  return ((inner.address & mask4(outer.prefix)) >>> 0) === networkOf4(outer);
}

export function overlaps4(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return contains4(a, b) || contains4(b, a);
}

// ── IPv6 ────────────────────────────────────────────────────────────────────────────────────────

const HEXTET = /^[0-9a-fA-F]{1,4}$/;

export function parseIpv6(text: string): bigint | undefined {
  if (text.length === 0 || text.length > 45) return undefined;
  let head = text;
  let tailV4: number | undefined;
  // An embedded IPv4 tail (::ffff:10.0.0.1) counts as two hextets.
  const lastColon = text.lastIndexOf(':');
  if (lastColon !== -1 && text.slice(lastColon + 1).includes('.')) {
    tailV4 = parseIpv4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string): string[] | undefined => {
    if (part === '') return [];
    const groups = part.split(':');
    return groups.every((g) => HEXTET.test(g)) ? groups : undefined;
  };
  const left = parse(halves[0]!);
  const right = halves.length === 2 ? parse(halves[1]!) : [];
  if (!left || !right) return undefined;
  const explicit = left.length + right.length;
  if (halves.length === 2 ? explicit > 7 : explicit !== 8) return undefined;
  const groups = [...left, ...Array<string>(8 - explicit).fill('0'), ...right];
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(Number.parseInt(g, 16));
  if (tailV4 !== undefined) value = (value & ~0xffffffffn) | BigInt(tailV4);
  return value;
}

/** RFC 5952 text: lower case, longest run of zero hextets shortened to `::`. */
export function formatIpv6(address: bigint): string {
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((address >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength && j - i > 1) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

export function parseIpv6Cidr(text: string): Ipv6Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash === -1) return undefined;
  const address = parseIpv6(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (address === undefined || !/^(12[0-8]|1[01]\d|[1-9]?\d)$/.test(prefixText)) return undefined;
  return { version: 6, address, prefix: Number(prefixText) };
}

function mask6(prefix: number): bigint {
  return prefix === 0 ? 0n : ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - prefix)) - 1n);
}

export function isCanonical6(cidr: Ipv6Cidr): boolean {
  return (cidr.address & ~mask6(cidr.prefix) & ((1n << 128n) - 1n)) === 0n;
}

export function formatIpv6Cidr(cidr: Ipv6Cidr): string {
  return `${formatIpv6(cidr.address)}/${cidr.prefix}`;
}

export function contains6(outer: Ipv6Cidr, inner: Ipv6Cidr): boolean {
  if (inner.prefix < outer.prefix) return false;
  const m = mask6(outer.prefix);
  return (inner.address & m) === (outer.address & m);
}

export function overlaps6(a: Ipv6Cidr, b: Ipv6Cidr): boolean {
  return contains6(a, b) || contains6(b, a);
}
