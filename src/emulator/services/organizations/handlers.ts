/** The AWS Organizations operation handlers, loaded on the service's first call (service.ts lists their names). */
import type { Handler } from '../define-service.ts';
import * as accounts from './accounts.ts';
import * as attachments from './attachments.ts';
import * as handshakes from './handshakes.ts';
import * as organization from './organization.ts';
import * as ous from './organizational-units.ts';
import * as policies from './policies.ts';
import * as tags from './tags.ts';
import type { OrganizationsState } from './state.ts';

export const ORGANIZATIONS_HANDLERS: Readonly<Record<string, Handler<any, any, OrganizationsState>>> = {
  CreateOrganization: organization.createOrganization,
  DescribeOrganization: organization.describeOrganization,
  DeleteOrganization: organization.deleteOrganization,
  ListRoots: organization.listRoots,
  EnablePolicyType: organization.enablePolicyType,
  DisablePolicyType: organization.disablePolicyType,
  CreateOrganizationalUnit: ous.createOrganizationalUnit,
  DescribeOrganizationalUnit: ous.describeOrganizationalUnit,
  UpdateOrganizationalUnit: ous.updateOrganizationalUnit,
  DeleteOrganizationalUnit: ous.deleteOrganizationalUnit,
  ListOrganizationalUnitsForParent: ous.listOrganizationalUnitsForParent,
  ListChildren: ous.listChildren,
  ListParents: ous.listParents,
  CreateAccount: accounts.createAccount,
  DescribeCreateAccountStatus: accounts.describeCreateAccountStatus,
  ListCreateAccountStatus: accounts.listCreateAccountStatus,
  DescribeAccount: accounts.describeAccount,
  ListAccounts: accounts.listAccounts,
  ListAccountsForParent: accounts.listAccountsForParent,
  MoveAccount: accounts.moveAccount,
  RemoveAccountFromOrganization: accounts.removeAccountFromOrganization,
  LeaveOrganization: accounts.leaveOrganization,
  InviteAccountToOrganization: handshakes.inviteAccountToOrganization,
  AcceptHandshake: handshakes.acceptHandshake,
  DeclineHandshake: handshakes.declineHandshake,
  CancelHandshake: handshakes.cancelHandshake,
  DescribeHandshake: handshakes.describeHandshake,
  ListHandshakesForOrganization: handshakes.listHandshakesForOrganization,
  ListHandshakesForAccount: handshakes.listHandshakesForAccount,
  CreatePolicy: policies.createPolicy,
  DescribePolicy: policies.describePolicy,
  UpdatePolicy: policies.updatePolicy,
  DeletePolicy: policies.deletePolicy,
  ListPolicies: policies.listPolicies,
  AttachPolicy: attachments.attachPolicy,
  DetachPolicy: attachments.detachPolicy,
  ListPoliciesForTarget: attachments.listPoliciesForTarget,
  ListTargetsForPolicy: attachments.listTargetsForPolicy,
  TagResource: tags.tagResource,
  UntagResource: tags.untagResource,
  ListTagsForResource: tags.listTagsForResource,
};
