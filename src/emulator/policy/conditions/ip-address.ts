/**
 * IPv4 and IPv6 addresses and CIDR blocks, as used by IpAddress/NotIpAddress and aws:SourceIp.
 * An address without a prefix length is a /32 (IPv4) or /128 (IPv6) block.
 */

export interface Cidr {
  version: 4 | 6;
  network: bigint;
  mask: bigint;
}

export function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

export function parseIpv6(text: string): bigint | undefined {
  let head = text;
  let tail: bigint | undefined;
  // An embedded IPv4 tail (::ffff:192.0.2.1) stands for the last two groups.
  const lastColon = text.lastIndexOf(':');
  if (lastColon !== -1 && text.slice(lastColon + 1).includes('.')) {
    tail = parseIpv4(text.slice(lastColon + 1));
    if (tail === undefined) return undefined;
    head = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const left = halves[0] ? halves[0].split(':') : [];
  const right = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  if (tail !== undefined) value = (value & ~0xffffffffn) | tail;
  return value;
}

export function parseIp(text: string): { version: 4 | 6; value: bigint } | undefined {
  const t = text.trim();
  if (t.includes(':')) {
    const value = parseIpv6(t);
    return value === undefined ? undefined : { version: 6, value };
  }
  const value = parseIpv4(t);
  return value === undefined ? undefined : { version: 4, value };
}

export function parseCidr(text: string): Cidr | undefined {
  const [address, prefixText, ...rest] = text.trim().split('/');
  if (rest.length > 0 || address === undefined) return undefined;
  const ip = parseIp(address);
  if (!ip) return undefined;
  const bits = ip.version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : -1;
  if (prefix < 0 || prefix > bits) return undefined;
  const all = (1n << BigInt(bits)) - 1n;
  const mask = all ^ ((1n << BigInt(bits - prefix)) - 1n);
  return { version: ip.version, network: ip.value & mask, mask };
}

export function cidrContains(cidr: Cidr, ip: { version: 4 | 6; value: bigint }): boolean {
  return cidr.version === ip.version && (ip.value & cidr.mask) === cidr.network;
}
