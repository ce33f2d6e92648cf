/** The EC2 operation handlers, each answering DryRun, loaded on the service's first call (service.ts lists their names). */
import type { Handler } from '../define-service.ts';
import * as account from './account.ts';
import { dryRunError } from './errors.ts';
import * as flowLogs from './flow-logs.ts';
import * as gateways from './internet-gateways.ts';
import * as nat from './nat-gateways.ts';
import * as acls from './network-acls.ts';
import * as enis from './network-interfaces.ts';
import * as routes from './route-tables.ts';
import * as groups from './security-groups.ts';
import * as subnets from './subnets.ts';
import * as tags from './tags.ts';
import * as endpoints from './vpc-endpoints.ts';
import * as vpcs from './vpcs.ts';
import type { Ec2State } from './state.ts';

const TABLE: Record<string, Handler<any, any, Ec2State>> = {
  // regions, zones, account
  DescribeAvailabilityZones: account.describeAvailabilityZones,
  DescribeRegions: account.describeRegions,
  DescribeAccountAttributes: account.describeAccountAttributes,
  DescribePrefixLists: account.describePrefixLists,
  // VPCs
  CreateVpc: vpcs.createVpc,
  DescribeVpcs: vpcs.describeVpcs,
  DeleteVpc: vpcs.deleteVpc,
  ModifyVpcAttribute: vpcs.modifyVpcAttribute,
  DescribeVpcAttribute: vpcs.describeVpcAttribute,
  CreateDefaultVpc: vpcs.createDefaultVpcHandler,
  // subnets
  CreateSubnet: subnets.createSubnet,
  DescribeSubnets: subnets.describeSubnets,
  ModifySubnetAttribute: subnets.modifySubnetAttribute,
  DeleteSubnet: subnets.deleteSubnet,
  // route tables
  CreateRouteTable: routes.createRouteTable,
  DescribeRouteTables: routes.describeRouteTables,
  DeleteRouteTable: routes.deleteRouteTable,
  CreateRoute: routes.createRoute,
  ReplaceRoute: routes.replaceRoute,
  DeleteRoute: routes.deleteRoute,
  AssociateRouteTable: routes.associateRouteTable,
  DisassociateRouteTable: routes.disassociateRouteTable,
  ReplaceRouteTableAssociation: routes.replaceRouteTableAssociation,
  // internet gateways
  CreateInternetGateway: gateways.createInternetGateway,
  AttachInternetGateway: gateways.attachInternetGateway,
  DetachInternetGateway: gateways.detachInternetGateway,
  DeleteInternetGateway: gateways.deleteInternetGateway,
  DescribeInternetGateways: gateways.describeInternetGateways,
  // NAT gateways and Elastic IPs
  CreateNatGateway: nat.createNatGateway,
  DescribeNatGateways: nat.describeNatGateways,
  DeleteNatGateway: nat.deleteNatGateway,
  AllocateAddress: nat.allocateAddress,
  DescribeAddresses: nat.describeAddresses,
  ReleaseAddress: nat.releaseAddress,
  // security groups
  CreateSecurityGroup: groups.createSecurityGroup,
  DescribeSecurityGroups: groups.describeSecurityGroups,
  DeleteSecurityGroup: groups.deleteSecurityGroup,
  AuthorizeSecurityGroupIngress: groups.authorizeSecurityGroupIngress,
  AuthorizeSecurityGroupEgress: groups.authorizeSecurityGroupEgress,
  RevokeSecurityGroupIngress: groups.revokeSecurityGroupIngress,
  RevokeSecurityGroupEgress: groups.revokeSecurityGroupEgress,
  UpdateSecurityGroupRuleDescriptionsIngress: groups.updateSecurityGroupRuleDescriptionsIngress,
  UpdateSecurityGroupRuleDescriptionsEgress: groups.updateSecurityGroupRuleDescriptionsEgress,
  DescribeSecurityGroupRules: groups.describeSecurityGroupRules,
  ModifySecurityGroupRules: groups.modifySecurityGroupRules,
  // network ACLs
  DescribeNetworkAcls: acls.describeNetworkAcls,
  CreateNetworkAcl: acls.createNetworkAcl,
  DeleteNetworkAcl: acls.deleteNetworkAcl,
  CreateNetworkAclEntry: acls.createNetworkAclEntry,
  ReplaceNetworkAclEntry: acls.replaceNetworkAclEntry,
  DeleteNetworkAclEntry: acls.deleteNetworkAclEntry,
  ReplaceNetworkAclAssociation: acls.replaceNetworkAclAssociation,
  // VPC endpoints
  CreateVpcEndpoint: endpoints.createVpcEndpoint,
  DescribeVpcEndpoints: endpoints.describeVpcEndpoints,
  ModifyVpcEndpoint: endpoints.modifyVpcEndpoint,
  DeleteVpcEndpoints: endpoints.deleteVpcEndpoints,
  DescribeVpcEndpointServices: endpoints.describeVpcEndpointServices,
  // flow logs
  CreateFlowLogs: flowLogs.createFlowLogs,
  DescribeFlowLogs: flowLogs.describeFlowLogs,
  DeleteFlowLogs: flowLogs.deleteFlowLogs,
  // network interfaces (those AWS creates for endpoints and NAT gateways)
  DescribeNetworkInterfaces: enis.describeNetworkInterfaces,
  // tags
  CreateTags: tags.createTags,
  DeleteTags: tags.deleteTags,
  DescribeTags: tags.describeTags,
};

/** Every EC2 call takes DryRun: it answers DryRunOperation (412) instead of acting. */
function dryRunnable(handler: Handler<any, any, Ec2State>): Handler<any, any, Ec2State> {
  return (input, ctx) => {
    if ((input as { DryRun?: boolean }).DryRun) throw dryRunError();
    return handler(input, ctx);
  };
}

export const EC2_HANDLERS: Readonly<Record<string, Handler<any, any, Ec2State>>> = Object.fromEntries(Object.entries(TABLE).map(([name, handler]) => [name, dryRunnable(handler)]));
