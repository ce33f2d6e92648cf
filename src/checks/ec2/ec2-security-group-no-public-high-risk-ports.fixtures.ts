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
  fail: (inv) => void (groupOf(inv).ingress = [rule('-1', undefined, undefined, ['0.0.0.0/0'])]),
  fields: {
    'ec2.securityGroups[].found.value.ingress': [
      { description: 'all traffic from 0.0.0.0/0', expect: 'fail', mutate: (inv) => void (groupOf(inv).ingress = [rule('-1', undefined, undefined, ['0.0.0.0/0'])]) },
      { description: 'all traffic from ::/0', expect: 'fail', mutate: (inv) => void (groupOf(inv).ingress = [rule('-1', undefined, undefined, [], ['::/0'])]) },
      { description: 'every TCP port from 0.0.0.0/0', expect: 'fail', mutate: (inv) => void (groupOf(inv).ingress = [rule('tcp', 0, 65535, ['0.0.0.0/0'])]) },
      { description: 'Jupyter 8888 from 0.0.0.0/0', expect: 'fail', mutate: (inv) => void (groupOf(inv).ingress = [rule('tcp', 8888, 8888, ['0.0.0.0/0'])]) },
      { description: 'PostgreSQL 5432 from 0.0.0.0/0', expect: 'fail', mutate: (inv) => void (groupOf(inv).ingress = [rule('tcp', 5432, 5432, ['0.0.0.0/0'])]) },
      { description: 'HTTPS 443 from 0.0.0.0/0', expect: 'pass', mutate: (inv) => void (groupOf(inv).ingress = [rule('tcp', 443, 443, ['0.0.0.0/0'])]) },
      { description: 'all traffic from the VPC range', expect: 'pass', mutate: (inv) => void (groupOf(inv).ingress = [rule('-1', undefined, undefined, ['10.20.0.0/16'])]) },
    ],
  },
};
