import { ok, type CheckFixtures } from '../fixtures/base.ts';
import { secureEc2Inventory, vpcId, vpcOf } from '../fixtures/ec2.ts';

const group = (ingress: boolean, egress: boolean) => ({
  groupId: 'sg-0fedcba9876543210',
  groupName: 'default',
  vpcId,
  tags: {},
  ingress: ingress ? [{ protocol: '-1', ipv4Ranges: [], ipv6Ranges: [], groupIds: ['sg-0fedcba9876543210'], prefixListIds: [] }] : [],
  egress: egress ? [{ protocol: '-1', ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], groupIds: [], prefixListIds: [] }] : [],
});

export const fixtures: CheckFixtures = {
  pass: secureEc2Inventory,
  fail: (inv) => void (vpcOf(inv).defaultSecurityGroup = ok(group(true, true))),
  fields: {
    'ec2.vpcs[].found.value.defaultSecurityGroup.value': [
      { description: 'AWS’s default rules (self inbound, all outbound)', expect: 'fail', mutate: (inv) => void (vpcOf(inv).defaultSecurityGroup = ok(group(true, true))) },
      { description: 'outbound rule left behind', expect: 'fail', mutate: (inv) => void (vpcOf(inv).defaultSecurityGroup = ok(group(false, true))) },
      { description: 'inbound rule left behind', expect: 'fail', mutate: (inv) => void (vpcOf(inv).defaultSecurityGroup = ok(group(true, false))) },
    ],
  },
};
