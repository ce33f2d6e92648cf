import type { CheckFixtures } from '../fixtures/base.ts';
import { secureEc2Inventory, subnetOf } from '../fixtures/ec2.ts';

export const fixtures: CheckFixtures = {
  pass: secureEc2Inventory,
  fail: (inv) => void (subnetOf(inv).mapPublicIpOnLaunch = true),
  fields: {
    'ec2.subnets[].found.value.mapPublicIpOnLaunch': [{ description: 'public IPs on launch', expect: 'fail', mutate: (inv) => void (subnetOf(inv).mapPublicIpOnLaunch = true) }],
  },
};
