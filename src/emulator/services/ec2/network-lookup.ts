/**
 * EC2 networking as other emulated services see it (SageMaker checks that the subnets, security
 * groups and VPCs a resource names exist). Reading through here creates the region's default VPC
 * first, exactly as an EC2 call would, so a default subnet id a learner copied from
 * DescribeSubnets is found whichever service is asked first.
 */
import type { RequestContext } from '../../core/context.ts';
import type { Ec2State, SecurityGroup, Subnet, Vpc } from './state.ts';
import { createDefaultVpc } from './vpc-defaults.ts';

export const EC2_SERVICE_ID = 'ec2';

/** The region's EC2 state, with its default VPC created on first use (as AWS has it for a new account). */
export function seededEc2State(state: Ec2State, accountId: string, region: string): Ec2State {
  if (!state.seeded) {
    state.seeded = true;
    createDefaultVpc(state, accountId, region);
  }
  return state;
}

/** Another service's view of the caller's EC2 state (or of `accountId`/`region`). */
export function ec2StateFor(ctx: RequestContext, accountId = ctx.accountId, region = ctx.region): Ec2State {
  return seededEc2State(ctx.stateOf<Ec2State>(EC2_SERVICE_ID, accountId, region), accountId, region);
}

export function findSubnet(ctx: RequestContext, subnetId: string): Subnet | undefined {
  return ec2StateFor(ctx).subnets.get(subnetId);
}

export function findSecurityGroup(ctx: RequestContext, groupId: string): SecurityGroup | undefined {
  return ec2StateFor(ctx).securityGroups.get(groupId);
}

export function findVpc(ctx: RequestContext, vpcId: string): Vpc | undefined {
  return ec2StateFor(ctx).vpcs.get(vpcId);
}
