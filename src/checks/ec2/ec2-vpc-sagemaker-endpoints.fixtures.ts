import { ok, type CheckFixtures } from '../fixtures/base.ts';
import { privateVpc, secureEc2Inventory, vpcOf } from '../fixtures/ec2.ts';

const endpoints = () => (privateVpc().endpoints as { ok: true; value: ReturnType<typeof list> }).value;
const list = () => [] as { vpcEndpointId: string; serviceName: string; type: string; privateDnsEnabled: boolean; subnetIds: string[]; securityGroupIds: string[]; routeTableIds: string[] }[];

export const fixtures: CheckFixtures = {
  pass: secureEc2Inventory,
  fail: (inv) => void (vpcOf(inv).endpoints = ok([])),
  fields: {
    'ec2.vpcs[].found.value.endpoints.value': [
      { description: 'no endpoints', expect: 'fail', mutate: (inv) => void (vpcOf(inv).endpoints = ok([])) },
      { description: 'no runtime endpoint', expect: 'fail', mutate: (inv) => void (vpcOf(inv).endpoints = ok(endpoints().filter((e) => !e.serviceName.endsWith('sagemaker.runtime')))) },
      { description: 'no S3 endpoint', expect: 'fail', mutate: (inv) => void (vpcOf(inv).endpoints = ok(endpoints().filter((e) => !e.serviceName.endsWith('.s3')))) },
      { description: 'API endpoint without private DNS', expect: 'fail', mutate: (inv) => void (vpcOf(inv).endpoints = ok(endpoints().map((e) => (e.serviceName.endsWith('sagemaker.api') ? { ...e, privateDnsEnabled: false } : e)))) },
      { description: 'S3 as an interface endpoint', expect: 'pass', mutate: (inv) => void (vpcOf(inv).endpoints = ok(endpoints().map((e) => (e.serviceName.endsWith('.s3') ? { ...e, type: 'Interface' } : e)))) },
    ],
  },
};
