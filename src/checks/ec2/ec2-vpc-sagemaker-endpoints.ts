import { couldNotCheck, finding } from '../lib/findings.ts';
import { evaluateEntries } from '../lib/ec2.ts';
import { defineCheck } from '../types.ts';

const id = 'ec2-vpc-sagemaker-endpoints';

export default defineCheck({
  id,
  title: 'The VPC reaches the SageMaker API, SageMaker Runtime and S3 through VPC endpoints',
  service: 'ec2',
  resourceType: 'AWS::EC2::VPC',
  severity: 'medium',
  risk: 'Without VPC endpoints, a notebook or job in a private subnet either cannot reach SageMaker and S3 at all — and someone "fixes" it by opening a route to the internet — or reaches them over the internet through a NAT gateway, where endpoint policies and aws:SourceVpce conditions cannot protect the data.',
  securityHub: [],
  syllabus: ['4.3.S5', '4.3.K3'],
  remediation: {
    text: 'Create interface endpoints (with private DNS) for com.amazonaws.<region>.sagemaker.api and com.amazonaws.<region>.sagemaker.runtime in the private subnets, and a gateway endpoint for com.amazonaws.<region>.s3 on their route tables.',
    cli: 'aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Interface --service-name com.amazonaws.<region>.sagemaker.api --subnet-ids <subnet-id> --security-group-ids <sg-id> --private-dns-enabled',
    docs: 'Connect to SageMaker AI Within your VPC (interface VPC endpoints)',
  },
  reads: ['ec2.vpcs[].found.value.endpoints.value'],
  scope: (selector) => ({ ec2: { vpcs: selector.names ?? [] } }),
  evaluate(inventory) {
    const region = inventory.account.region;
    return evaluateEntries(inventory.ec2?.vpcs, id, (name) => ({ type: 'AWS::EC2::VPC', id: name }), 'EC2.DescribeVpcs', (vpc, resource) => {
      const r = { ...resource, arn: vpc.vpcId };
      if (!vpc.endpoints.ok) return couldNotCheck(id, r, 'EC2.DescribeVpcEndpoints', vpc.endpoints.error, 'the VPC endpoints');
      const endpoints = vpc.endpoints.value;
      const wanted = [
        { service: `com.amazonaws.${region}.sagemaker.api`, interfaceWithDns: true },
        { service: `com.amazonaws.${region}.sagemaker.runtime`, interfaceWithDns: true },
        { service: `com.amazonaws.${region}.s3`, interfaceWithDns: false },
      ];
      const problems: string[] = [];
      const evidence = wanted.map((w) => {
        const matches = endpoints.filter((e) => e.serviceName === w.service);
        const good = matches.find((e) => (w.interfaceWithDns ? e.type === 'Interface' && e.privateDnsEnabled : true));
        if (!matches.length) problems.push(`no endpoint for ${w.service}`);
        else if (!good) problems.push(`the endpoint for ${w.service} has private DNS turned off, so the SDK’s default host name still resolves to the public endpoint`);
        return {
          field: `DescribeVpcEndpoints(vpc-id=${vpc.vpcId}, service-name=${w.service})`,
          value: matches.length ? matches.map((e) => `${e.vpcEndpointId} ${e.type}${e.type === 'Interface' ? `, private DNS ${e.privateDnsEnabled ? 'on' : 'off'}` : ''}`) : 'none',
          expected: w.interfaceWithDns ? 'an Interface endpoint with private DNS on' : 'a Gateway (or Interface) endpoint',
        };
      });
      if (!problems.length) return finding(id, r, 'pass', `VPC ${vpc.vpcId} reaches the SageMaker API, SageMaker Runtime and S3 privately through VPC endpoints.`, evidence);
      return finding(id, r, 'fail', `VPC ${vpc.vpcId} has no private path to every service the notebook needs: ${problems.join('; ')}.`, evidence);
    });
  },
});
