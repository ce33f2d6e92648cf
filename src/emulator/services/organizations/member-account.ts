/**
 * What joining an organization does to the member account itself: its Organizations state points at
 * the organization, and an account created by CreateAccount gets the role AWS creates in it — by
 * default `OrganizationAccountAccessRole`, trusting the management account, with AdministratorAccess.
 */
import type { RequestContext } from '../../core/context.ts';
import { iamUniqueId } from '../../core/ids.ts';
import type { IamState } from '../iam/state.ts';
import { SERVICE } from './common.ts';
import type { Organization, OrganizationsState } from './state.ts';

const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';

export function joinOrganization(ctx: RequestContext, org: Organization, accountId: string): void {
  const state = ctx.stateOf<OrganizationsState>(SERVICE, accountId);
  state.membership = { managementAccountId: org.managementAccountId, organizationId: org.id };
}

export function provisionMemberAccount(ctx: RequestContext, org: Organization, accountId: string, roleName: string): void {
  joinOrganization(ctx, org, accountId);
  if (!ctx.hasService('iam')) return;
  const iam = ctx.stateOf<IamState>('iam', accountId);
  const trust = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${org.managementAccountId}:root` }, Action: 'sts:AssumeRole' }],
  };
  iam.roles.set(roleName, {
    roleName,
    roleId: iamUniqueId('AROA'),
    arn: `arn:aws:iam::${accountId}:role/${roleName}`,
    path: '/',
    createDate: ctx.now,
    assumeRolePolicyDocument: JSON.stringify(trust),
    maxSessionDuration: 3600,
    tags: [],
    inlinePolicies: new Map(),
    attachedPolicies: [ADMINISTRATOR_ACCESS],
  });
}
