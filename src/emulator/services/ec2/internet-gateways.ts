/** Internet gateways: create, attach to one VPC, detach, delete (only when detached), describe. */
import type * as EC2 from '@aws-sdk/client-ec2';
import type { Output } from '../define-service.ts';
import { type Ctx, ec2, lookup, paginate, selectByIds, tagsFromSpecs, tagsOut } from './common.ts';
import { dependencyViolation, ec2Error, invalidParameterValue } from './errors.ts';
import { applyFilters, type FilterTable } from './filters.ts';
import { newId } from './ids.ts';
import type { InternetGateway } from './state.ts';

function gatewayOut(gateway: InternetGateway, ctx: Ctx): EC2.InternetGateway {
  return {
    // AWS reports an attached gateway's state as `available` (the SDK's enum lacks it).
    Attachments: gateway.attachedVpcId ? [{ State: 'available' as EC2.AttachmentStatus, VpcId: gateway.attachedVpcId }] : [],
    InternetGatewayId: gateway.internetGatewayId,
    OwnerId: ctx.accountId,
    Tags: tagsOut(gateway.tags),
  };
}

export function createInternetGateway(input: EC2.CreateInternetGatewayRequest, ctx: Ctx): Output<EC2.CreateInternetGatewayResult> {
  const state = ec2(ctx);
  const gateway: InternetGateway = { internetGatewayId: newId('igw'), tags: tagsFromSpecs(input.TagSpecifications, 'internet-gateway') };
  state.internetGateways.set(gateway.internetGatewayId, gateway);
  return { InternetGateway: gatewayOut(gateway, ctx) };
}

export function attachInternetGateway(input: EC2.AttachInternetGatewayRequest, ctx: Ctx): Output<EC2.AttachInternetGatewayCommandOutput> {
  const state = ec2(ctx);
  const gateway = lookup(state.internetGateways, 'internet-gateway', input.InternetGatewayId);
  const vpc = lookup(state.vpcs, 'vpc', input.VpcId);
  if (gateway.attachedVpcId) throw ec2Error('Resource.AlreadyAssociated', `resource ${gateway.internetGatewayId} is already attached to network ${gateway.attachedVpcId}`);
  const other = [...state.internetGateways.values()].find((g) => g.attachedVpcId === vpc.vpcId);
  if (other) throw invalidParameterValue(`Network ${vpc.vpcId} already has an internet gateway attached`);
  gateway.attachedVpcId = vpc.vpcId;
  return {};
}

export function detachInternetGateway(input: EC2.DetachInternetGatewayRequest, ctx: Ctx): Output<EC2.DetachInternetGatewayCommandOutput> {
  const state = ec2(ctx);
  const gateway = lookup(state.internetGateways, 'internet-gateway', input.InternetGatewayId);
  const vpc = lookup(state.vpcs, 'vpc', input.VpcId);
  if (gateway.attachedVpcId !== vpc.vpcId) throw ec2Error('Gateway.NotAttached', `resource ${gateway.internetGatewayId} is not attached to network ${vpc.vpcId}`);
  const mapped = [...state.natGateways.values()].some((n) => n.vpcId === vpc.vpcId && n.state === 'available' && n.publicIp);
  if (mapped) throw dependencyViolation(`Network ${vpc.vpcId} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`);
  delete gateway.attachedVpcId;
  return {};
}

export function deleteInternetGateway(input: EC2.DeleteInternetGatewayRequest, ctx: Ctx): Output<EC2.DeleteInternetGatewayCommandOutput> {
  const state = ec2(ctx);
  const gateway = lookup(state.internetGateways, 'internet-gateway', input.InternetGatewayId);
  if (gateway.attachedVpcId) throw dependencyViolation(`The internetGateway '${gateway.internetGatewayId}' has dependencies and cannot be deleted.`);
  state.internetGateways.delete(gateway.internetGatewayId);
  return {};
}

export function describeInternetGateways(input: EC2.DescribeInternetGatewaysRequest, ctx: Ctx): Output<EC2.DescribeInternetGatewaysResult> {
  const state = ec2(ctx);
  const table: FilterTable<InternetGateway> = {
    'attachment.state': (g) => (g.attachedVpcId ? 'available' : undefined),
    'attachment.vpc-id': (g) => g.attachedVpcId,
    'internet-gateway-id': (g) => g.internetGatewayId,
    'owner-id': () => ctx.accountId,
  };
  const gateways = applyFilters(selectByIds(state.internetGateways, 'internet-gateway', input.InternetGatewayIds), input.Filters, table, (g) => g.tags);
  const page = paginate(gateways, input);
  return { InternetGateways: page.items.map((g) => gatewayOut(g, ctx)), NextToken: page.NextToken };
}
