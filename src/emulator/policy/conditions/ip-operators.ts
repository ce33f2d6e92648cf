/**
 * IpAddress / NotIpAddress. An IPv4 request address is never inside an IPv6 block and vice versa;
 * a request value that is not an address at all is not comparable (matches neither operator).
 */
import { cidrContains, parseCidr, parseIp, type Cidr } from './ip-address.ts';
import type { BaseOperator, OperatorFamily } from './family.ts';

const ip: OperatorFamily = {
  variables: false,
  parse: parseCidr,
  compare: (r, p) => {
    const address = parseIp(r);
    return address === undefined || p === undefined ? undefined : cidrContains(p as Cidr, address);
  },
};

export const ipOperators: BaseOperator[] = [
  { name: 'IpAddress', family: ip, negated: false },
  { name: 'NotIpAddress', family: ip, negated: true },
];
