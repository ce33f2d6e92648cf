/**
 * EC2's errors: every resource kind with its id prefix and AWS's NotFound / Malformed codes and
 * messages ("The vpc ID 'vpc-123' does not exist"), plus the generic ones (DependencyViolation,
 * DryRunOperation …). EC2 answers client errors with HTTP 400, DryRun with 412.
 */
import { AwsServiceError } from '../../core/errors.ts';

export type ResourceKind =
  | 'vpc'
  | 'subnet'
  | 'security-group'
  | 'security-group-rule'
  | 'route-table'
  | 'internet-gateway'
  | 'natgateway'
  | 'elastic-ip'
  | 'network-acl'
  | 'vpc-endpoint'
  | 'vpc-flow-log'
  | 'network-interface';

interface KindInfo {
  readonly prefix: string;
  readonly notFoundCode: string;
  readonly notFound: (id: string) => string;
  readonly malformedCode: string;
}

export const KINDS: Readonly<Record<ResourceKind, KindInfo>> = {
  vpc: { prefix: 'vpc-', notFoundCode: 'InvalidVpcID.NotFound', notFound: (id) => `The vpc ID '${id}' does not exist`, malformedCode: 'InvalidVpcID.Malformed' },
  subnet: { prefix: 'subnet-', notFoundCode: 'InvalidSubnetID.NotFound', notFound: (id) => `The subnet ID '${id}' does not exist`, malformedCode: 'InvalidSubnetID.Malformed' },
  'security-group': { prefix: 'sg-', notFoundCode: 'InvalidGroup.NotFound', notFound: (id) => `The security group '${id}' does not exist`, malformedCode: 'InvalidGroupId.Malformed' },
  'security-group-rule': { prefix: 'sgr-', notFoundCode: 'InvalidSecurityGroupRuleId.NotFound', notFound: (id) => `The security group rule ID '${id}' does not exist`, malformedCode: 'InvalidSecurityGroupRuleId.Malformed' },
  'route-table': { prefix: 'rtb-', notFoundCode: 'InvalidRouteTableID.NotFound', notFound: (id) => `The routeTable ID '${id}' does not exist`, malformedCode: 'InvalidRouteTableId.Malformed' },
  'internet-gateway': { prefix: 'igw-', notFoundCode: 'InvalidInternetGatewayID.NotFound', notFound: (id) => `The internetGateway ID '${id}' does not exist`, malformedCode: 'InvalidInternetGatewayId.Malformed' },
  natgateway: { prefix: 'nat-', notFoundCode: 'NatGatewayNotFound', notFound: (id) => `The Nat Gateway ${id} was not found`, malformedCode: 'InvalidNatGatewayID.Malformed' },
  'elastic-ip': { prefix: 'eipalloc-', notFoundCode: 'InvalidAllocationID.NotFound', notFound: (id) => `The allocation ID '${id}' does not exist`, malformedCode: 'InvalidAllocationID.Malformed' },
  'network-acl': { prefix: 'acl-', notFoundCode: 'InvalidNetworkAclID.NotFound', notFound: (id) => `The networkAcl ID '${id}' does not exist`, malformedCode: 'InvalidNetworkAclId.Malformed' },
  'vpc-endpoint': { prefix: 'vpce-', notFoundCode: 'InvalidVpcEndpointId.NotFound', notFound: (id) => `The Vpc Endpoint Id '${id}' does not exist`, malformedCode: 'InvalidVpcEndpointId.Malformed' },
  'vpc-flow-log': { prefix: 'fl-', notFoundCode: 'InvalidFlowLogId.NotFound', notFound: (id) => `These flow log ids in the input list are not found: [TotalCount: 1] ${id}`, malformedCode: 'InvalidFlowLogId.Malformed' },
  'network-interface': { prefix: 'eni-', notFoundCode: 'InvalidNetworkInterfaceID.NotFound', notFound: (id) => `The networkInterface ID '${id}' does not exist`, malformedCode: 'InvalidNetworkInterfaceId.Malformed' },
};

export function ec2Error(code: string, message: string): AwsServiceError {
  return new AwsServiceError(code, message, { status: 400 });
}

export function notFound(kind: ResourceKind, id: string): AwsServiceError {
  const info = KINDS[kind];
  return ec2Error(info.notFoundCode, info.notFound(id));
}

export function malformed(kind: ResourceKind, id: string): AwsServiceError {
  const info = KINDS[kind];
  return ec2Error(info.malformedCode, `Invalid id: "${id}" (expecting "${info.prefix}...")`);
}

/** Malformed when the id lacks its kind's prefix; NotFound otherwise. */
export function missing(kind: ResourceKind, id: string): AwsServiceError {
  return id.startsWith(KINDS[kind].prefix) ? notFound(kind, id) : malformed(kind, id);
}

export function dependencyViolation(message: string): AwsServiceError {
  return ec2Error('DependencyViolation', message);
}

export function invalidParameterValue(message: string): AwsServiceError {
  return ec2Error('InvalidParameterValue', message);
}

export function dryRunError(): AwsServiceError {
  return new AwsServiceError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', { status: 412 });
}

/** EC2's MissingParameter, naming the parameter as the API reference spells it (lower camel). */
export function missingParameter(name: string): AwsServiceError {
  return ec2Error('MissingParameter', `The request must contain the parameter ${name}`);
}
