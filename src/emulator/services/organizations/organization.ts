/** The organization itself: create, describe, delete, its root, and policy types on the root. */
import type * as ORG from '@aws-sdk/client-organizations';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import type { Output } from '../define-service.ts';
import type { IamState } from '../iam/state.ts';
import { attachEverywhere, detachType } from './attachments.ts';
import { arns, callerOrganization, ERRORS, FULL_AWS_ACCESS_ID, invalidInput, managedOrganization, newOrganizationId, newRootId, organizationOfAccount, ownState, page, SERVICE } from './common.ts';
import { checkPolicyType } from './policy-types.ts';
import type { Organization, OrganizationsState } from './state.ts';

/** The SCP AWS attaches everywhere when SCPs are enabled; its content as AWS shows it. */
export const FULL_AWS_ACCESS_CONTENT = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "*",\n      "Resource": "*"\n    }\n  ]\n}';

export function organizationOutput(org: Organization): ORG.Organization {
  return {
    Id: org.id,
    Arn: arns.organization(org),
    FeatureSet: org.featureSet,
    MasterAccountArn: arns.account(org, org.managementAccountId),
    MasterAccountId: org.managementAccountId,
    MasterAccountEmail: org.managementAccountEmail,
    AvailablePolicyTypes: org.root.policyTypes.map((Type) => ({ Type, Status: 'ENABLED' })),
  };
}

export function rootOutput(org: Organization): ORG.Root {
  return { Id: org.root.id, Arn: arns.root(org), Name: org.root.name, PolicyTypes: org.root.policyTypes.map((Type) => ({ Type, Status: 'ENABLED' })) };
}

export function createOrganization(input: ORG.CreateOrganizationRequest, ctx: RequestContext): Output<ORG.CreateOrganizationResponse> {
  const featureSet = input.FeatureSet ?? 'ALL';
  if (featureSet !== 'ALL' && featureSet !== 'CONSOLIDATED_BILLING') throw invalidInput('INVALID_ENUM', 'You specified an invalid value.');
  if (organizationOfAccount((id) => ctx.peekStateOf<OrganizationsState>(SERVICE, id), ctx.accountId)) {
    throw new AwsServiceError('AlreadyInOrganizationException', 'The provided account is already a member of an organization.');
  }
  const state = ownState(ctx);
  const alias = ctx.peekStateOf<IamState>('iam', ctx.accountId)?.accountAliases[0];
  const org: Organization = {
    id: newOrganizationId(),
    featureSet,
    managementAccountId: ctx.accountId,
    managementAccountEmail: `aws+${ctx.accountId}@example.com`,
    createdAt: ctx.now,
    root: { id: newRootId(), name: 'Root', policyTypes: [], tags: [] },
    ous: new Map(),
    accounts: new Map(),
    createAccountRequests: new Map(),
    policies: new Map([[FULL_AWS_ACCESS_ID, { id: FULL_AWS_ACCESS_ID, name: 'FullAWSAccess', description: 'Allows access to every operation', type: 'SERVICE_CONTROL_POLICY', content: FULL_AWS_ACCESS_CONTENT, awsManaged: true, tags: [], revision: 1 }]]),
    attachments: new Map(),
    handshakes: new Map(),
  };
  org.accounts.set(ctx.accountId, {
    id: ctx.accountId,
    name: alias ?? 'Management account',
    email: org.managementAccountEmail,
    parentId: org.root.id,
    joinedMethod: 'INVITED',
    joinedAt: ctx.now,
    visibleFrom: ctx.now,
    tags: [],
  });
  state.organization = org;
  delete state.membership;
  return { Organization: organizationOutput(org) };
}

export function describeOrganization(_input: unknown, ctx: RequestContext): Output<ORG.DescribeOrganizationResponse> {
  return { Organization: organizationOutput(callerOrganization(ctx).org) };
}

export function deleteOrganization(_input: unknown, ctx: RequestContext): Output<unknown> {
  const org = managedOrganization(ctx);
  // Accounts still being created count as members.
  const members = [...org.accounts.keys()].filter((id) => id !== org.managementAccountId);
  if (members.length) {
    throw new AwsServiceError('OrganizationNotEmptyException', 'To delete an organization you must first remove all member accounts (except the master).');
  }
  for (const handshake of org.handshakes.values()) {
    const invited = ctx.peekStateOf<OrganizationsState>(SERVICE, handshake.targetAccountId);
    if (invited) ctx.stateOf<OrganizationsState>(SERVICE, handshake.targetAccountId).invitations = invited.invitations.filter((ref) => ref !== `${org.managementAccountId}/${handshake.id}`);
  }
  delete ownState(ctx).organization;
  return {};
}

export function listRoots(input: ORG.ListRootsRequest, ctx: RequestContext): Output<ORG.ListRootsResponse> {
  const org = managedOrganization(ctx);
  const { items, nextToken } = page([rootOutput(org)], input, 'roots');
  return { Roots: items, NextToken: nextToken };
}

function findRoot(org: Organization, rootId: string) {
  if (!/^r-[0-9a-z]{4,32}$/.test(rootId)) throw invalidInput('INVALID_PATTERN', "You provided a value that doesn't match the required pattern.");
  if (rootId !== org.root.id) throw ERRORS.rootNotFound();
  return org.root;
}

export function enablePolicyType(input: ORG.EnablePolicyTypeRequest, ctx: RequestContext): Output<ORG.EnablePolicyTypeResponse> {
  const org = managedOrganization(ctx, true);
  const root = findRoot(org, input.RootId!);
  const type = checkPolicyType(input.PolicyType);
  if (org.featureSet !== 'ALL') {
    throw new AwsServiceError('PolicyTypeNotAvailableForOrganizationException', "You can't use the specified policy type with the feature set currently enabled for this organization. For example, you can enable SCPs only after you enable all features in the organization.");
  }
  if (root.policyTypes.includes(type)) throw new AwsServiceError('PolicyTypeAlreadyEnabledException', 'The specified policy type is already enabled.');
  root.policyTypes.push(type);
  // AWS attaches FullAWSAccess to the root, every OU and every account, so nothing is denied yet.
  if (type === 'SERVICE_CONTROL_POLICY') attachEverywhere(org, FULL_AWS_ACCESS_ID);
  return { Root: rootOutput(org) };
}

export function disablePolicyType(input: ORG.DisablePolicyTypeRequest, ctx: RequestContext): Output<ORG.DisablePolicyTypeResponse> {
  const org = managedOrganization(ctx, true);
  const root = findRoot(org, input.RootId!);
  const type = checkPolicyType(input.PolicyType);
  if (!root.policyTypes.includes(type)) throw new AwsServiceError('PolicyTypeNotEnabledException', 'This operation can be performed only for enabled policy types.');
  root.policyTypes = root.policyTypes.filter((t) => t !== type);
  // Disabling a type detaches every policy of that type from every target.
  detachType(org, type);
  return { Root: rootOutput(org) };
}
