import type { CheckFixtures } from '../fixtures/base.ts';
import { groupOf, secureEc2Inventory } from '../fixtures/ec2.ts';

const rule = (protocol: string, from: number | undefined, to: number | undefined, v4: string[], v6: string[] = []) => ({
  protocol,
  ...(from !== undefined ? { fromPort: from, toPort: to } : {}),
  ipv4Ranges: v4,
  ipv6Ranges: v6,
  groupIds: [],
  prefixListIds: [],
});

export const fixtures: CheckFixtures = {
  pass: secureEc2Inventory,
  fail: (inv) => void (groupOf(inv).ingress = [rule('tcp', 22, 22, ['0.0.0.0/0'])]),
  fields: {
    'ec2.securityGroups[].found.value.ingress': [
      { description: 'SSH from 0.0.0.0/0', expect: 'fail', mutate: (inv) => void (groupOf(inv).ingress = [rule('tcp', 22, 22, ['0.0.0.0/0'])]) },
      { description: 'SSH from ::/0 only', expect: 'fail', mutate: (inv) => void (groupOf(inv).ingress = [rule('tcp', 22, 22, [], ['::/0'])]) },
      { description: 'RDP from 0.0.0.0/0', expect: 'fail', mutate: (inv) => void (groupOf(inv).ingress = [rule('tcp', 3389, 3389, ['0.0.0.0/0'])]) },
      { description: 'a port range spanning 22', expect: 'fail', mutate: (inv) => void (groupOf(inv).ingress = [rule('tcp', 0, 1024, ['0.0.0.0/0'])]) },
      { description: 'all traffic from 0.0.0.0/0', expect: 'fail', mutate: (inv) => void (groupOf(inv).ingress = [rule('-1', undefined, undefined, ['0.0.0.0/0'])]) },
      { description: 'HTTPS from 0.0.0.0/0 only', expect: 'pass', mutate: (inv) => void (groupOf(inv).ingress = [rule('tcp', 443, 443, ['0.0.0.0/0'])]) },
      { description: 'UDP 22 from 0.0.0.0/0 (not SSH)', expect: 'pass', mutate: (inv) => void (groupOf(inv).ingress = [rule('udp', 22, 22, ['0.0.0.0/0'])]) },
      { description: 'SSH from a /24', expect: 'pass', mutate: (inv) => void (groupOf(inv).ingress = [rule('tcp', 22, 22, ['198.51.100.0/24'])]) },
    ],
  },
};
