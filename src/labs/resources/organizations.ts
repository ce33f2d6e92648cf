/**
 * AWS Organizations resources a guardrail lab creates in the caller's organization: service control
 * policies, organizational units and member accounts, all named `mlsec-<run-id>-…` (and tagged with
 * the run where Organizations takes tags). Teardown order: policies (detached from every target,
 * then deleted) → accounts (removed from the organization) → OUs (empty by then).
 *
 * None of them exists without an organization: when the caller has none (or is not its management
 * account), there is nothing of the lab's to find.
 */
import {
  DeleteOrganizationalUnitCommand,
  DeletePolicyCommand,
  DescribeOrganizationCommand,
  DetachPolicyCommand,
  ListAccountsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
  RemoveAccountFromOrganizationCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { isNotFound, toAwsErrorInfo, withThrottlingRetry } from '../../aws/index.ts';
import { paginate } from '../../inventory/paginate.ts';
import type { FoundResource, ResourceKind, SweepContext } from './types.ts';

/** The organization the caller manages, or undefined when there is none to look in. */
async function managedOrganization(ctx: SweepContext): Promise<{ org: OrganizationsClient; rootId: string } | undefined> {
  const org = await ctx.aws.client('organizations');
  try {
    const described = await withThrottlingRetry(() => org.send(new DescribeOrganizationCommand({})));
    if (described.Organization?.MasterAccountId !== ctx.accountId) return undefined;
  } catch (error) {
    if (toAwsErrorInfo(error).code === 'AWSOrganizationsNotInUseException') return undefined;
    throw error;
  }
  const roots = await withThrottlingRetry(() => org.send(new ListRootsCommand({})));
  const rootId = roots.Roots?.[0]?.Id;
  return rootId ? { org, rootId } : undefined;
}

const ours = (ctx: SweepContext, name: string | undefined) => !!name && name.startsWith(`${ctx.prefix}-`);

async function ignoreNotFound(call: () => Promise<unknown>): Promise<void> {
  try {
    await withThrottlingRetry(call);
  } catch (error) {
    const info = toAwsErrorInfo(error);
    if (!isNotFound(info) && !/NotFound/.test(info.code)) throw error;
  }
}

/** Service control policies named with the run prefix: detached from every root, OU and account, then deleted. */
export const organizationsPolicy: ResourceKind = {
  type: 'organizations:policy',
  service: 'organizations',
  checkResourceType: 'AWS::Organizations::Policy',
  physicalName: (prefix, name) => `${prefix}-${name}`,
  deleteOrder: 5,
  async find(ctx) {
    const found = await managedOrganization(ctx);
    if (!found) return [];
    const policies = await paginate(async (token) => {
      const page = await withThrottlingRetry(() => found.org.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY', NextToken: token })));
      return { items: page.Policies ?? [], next: page.NextToken };
    });
    return policies.filter((p) => ours(ctx, p.Name) && !p.AwsManaged).map((p) => ({ type: 'organizations:policy', id: p.Name!, data: { policyId: p.Id! } }));
  },
  async delete(ctx, resource) {
    const org = await ctx.aws.client('organizations');
    const policyId = resource.data!.policyId!;
    const targets = await paginate(async (token) => {
      const page = await withThrottlingRetry(() => org.send(new ListTargetsForPolicyCommand({ PolicyId: policyId, NextToken: token })));
      return { items: page.Targets ?? [], next: page.NextToken };
    });
    for (const target of targets) await ignoreNotFound(() => org.send(new DetachPolicyCommand({ PolicyId: policyId, TargetId: target.TargetId! })));
    await ignoreNotFound(() => org.send(new DeletePolicyCommand({ PolicyId: policyId })));
  },
};

/** Member accounts named with the run prefix: removed from the organization. */
export const organizationsAccount: ResourceKind = {
  type: 'organizations:account',
  service: 'organizations',
  checkResourceType: 'AWS::Organizations::Account',
  physicalName: (prefix, name) => `${prefix}-${name}`,
  deleteOrder: 6,
  async find(ctx) {
    const found = await managedOrganization(ctx);
    if (!found) return [];
    const accounts = await paginate(async (token) => {
      const page = await withThrottlingRetry(() => found.org.send(new ListAccountsCommand({ NextToken: token })));
      return { items: page.Accounts ?? [], next: page.NextToken };
    });
    return accounts.filter((a) => ours(ctx, a.Name) && a.Id !== ctx.accountId).map((a): FoundResource => ({ type: 'organizations:account', id: a.Name!, data: { accountId: a.Id! } }));
  },
  async delete(ctx, resource) {
    const org = await ctx.aws.client('organizations');
    await ignoreNotFound(() => org.send(new RemoveAccountFromOrganizationCommand({ AccountId: resource.data!.accountId! })));
  },
};

/** Organizational units named with the run prefix, directly under the root; deleted once their accounts are gone. */
export const organizationsOu: ResourceKind = {
  type: 'organizations:ou',
  service: 'organizations',
  checkResourceType: 'AWS::Organizations::OrganizationalUnit',
  physicalName: (prefix, name) => `${prefix}-${name}`,
  deleteOrder: 7,
  async find(ctx) {
    const found = await managedOrganization(ctx);
    if (!found) return [];
    const ous = await paginate(async (token) => {
      const page = await withThrottlingRetry(() => found.org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: found.rootId, NextToken: token })));
      return { items: page.OrganizationalUnits ?? [], next: page.NextToken };
    });
    return ous.filter((ou) => ours(ctx, ou.Name)).map((ou) => ({ type: 'organizations:ou', id: ou.Name!, data: { ouId: ou.Id! } }));
  },
  async delete(ctx, resource) {
    const org = await ctx.aws.client('organizations');
    await ignoreNotFound(() => org.send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: resource.data!.ouId! })));
  },
};
