/** IPv4 and IPv6 addresses and CIDR blocks as numeric ranges, for EventBridge's `cidr` matching. */

export interface IpRange {
  low: bigint;
  high: bigint;
  v6: boolean;
}

function ipv4(text: string): bigint | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  let n = 0n;
  for (const part of m.slice(1)) {
    const v = Number(part);
    if (v > 255) return undefined;
    n = (n << 8n) | BigInt(v);
  }
  return n;
}

function ipv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:]+$/.test(text) || !text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return n;
}

export function ipValue(text: string): { value: bigint; v6: boolean } | undefined {
  const v4 = ipv4(text);
  if (v4 !== undefined) return { value: v4, v6: false };
  const v6 = ipv6(text);
  return v6 === undefined ? undefined : { value: v6, v6: true };
}

export function cidrRange(text: string): IpRange | undefined {
  const [addr, bits] = text.split('/');
  const ip = ipValue(addr ?? '');
  if (!ip) return undefined;
  const width = ip.v6 ? 128 : 32;
  const prefix = bits === undefined ? width : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > width) return undefined;
  const hostBits = BigInt(width - prefix);
  const low = (ip.value >> hostBits) << hostBits;
  return { low, high: low + (1n << hostBits) - 1n, v6: ip.v6 };
}

/** A plain pattern string that is an IP address or CIDR block matches as a range (event-ruler). */
export function ipRange(text: string): IpRange | undefined {
  return /^[0-9a-fA-F:.]+(\/\d+)?$/.test(text) && text.includes('/') ? cidrRange(text) : undefined;
}

