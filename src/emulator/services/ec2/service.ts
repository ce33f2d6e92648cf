/** Amazon EC2 networking: regional, spoken over the ec2 query protocol. */
import { defineService } from '../define-service.ts';
import { lazyHandlers } from '../lazy-handlers.ts';
import { EC2_LIMITATIONS } from './limitations.ts';
import { createEc2State, type Ec2State } from './state.ts';

/** Every operation handlers.ts implements (a unit test keeps the two lists equal). */
export const EC2_OPERATIONS: readonly string[] = [
  'DescribeAvailabilityZones', 'DescribeRegions', 'DescribeAccountAttributes', 'DescribePrefixLists', 'CreateVpc',
  'DescribeVpcs', 'DeleteVpc', 'ModifyVpcAttribute', 'DescribeVpcAttribute', 'CreateDefaultVpc',
  'CreateSubnet', 'DescribeSubnets', 'ModifySubnetAttribute', 'DeleteSubnet', 'CreateRouteTable',
  'DescribeRouteTables', 'DeleteRouteTable', 'CreateRoute', 'ReplaceRoute', 'DeleteRoute',
  'AssociateRouteTable', 'DisassociateRouteTable', 'ReplaceRouteTableAssociation', 'CreateInternetGateway', 'AttachInternetGateway',
  'DetachInternetGateway', 'DeleteInternetGateway', 'DescribeInternetGateways', 'CreateNatGateway', 'DescribeNatGateways',
  'DeleteNatGateway', 'AllocateAddress', 'DescribeAddresses', 'ReleaseAddress', 'CreateSecurityGroup',
  'DescribeSecurityGroups', 'DeleteSecurityGroup', 'AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress',
  'RevokeSecurityGroupEgress', 'UpdateSecurityGroupRuleDescriptionsIngress', 'UpdateSecurityGroupRuleDescriptionsEgress', 'DescribeSecurityGroupRules', 'ModifySecurityGroupRules',
  'DescribeNetworkAcls', 'CreateNetworkAcl', 'DeleteNetworkAcl', 'CreateNetworkAclEntry', 'ReplaceNetworkAclEntry',
  'DeleteNetworkAclEntry', 'ReplaceNetworkAclAssociation', 'CreateVpcEndpoint', 'DescribeVpcEndpoints', 'ModifyVpcEndpoint',
  'DeleteVpcEndpoints', 'DescribeVpcEndpointServices', 'CreateFlowLogs', 'DescribeFlowLogs', 'DeleteFlowLogs',
  'DescribeNetworkInterfaces', 'CreateTags', 'DeleteTags', 'DescribeTags',
];

export const ec2 = defineService<Ec2State>({
  id: 'ec2',
  title: 'Amazon Elastic Compute Cloud (EC2) — networking',
  signingName: 'ec2',
  protocol: 'ec2',
  wire: { apiVersion: '2016-11-15', xmlNamespace: 'http://ec2.amazonaws.com/doc/2016-11-15/' },
  loadModel: () => import('@aws-sdk/client-ec2') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: createEc2State },
  handlers: lazyHandlers(EC2_OPERATIONS, async () => (await import('./handlers.ts')).EC2_HANDLERS),
  limitations: EC2_LIMITATIONS,
});
