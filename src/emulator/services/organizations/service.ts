/** AWS Organizations: the organization, OUs, accounts (new emulator accounts), SCPs and tag policies, invitations, tags. */
import { defineService } from '../define-service.ts';
import * as accounts from './accounts.ts';
import * as attachments from './attachments.ts';
import * as handshakes from './handshakes.ts';
import { ORGANIZATIONS_LIMITATIONS } from './limitations.ts';
import * as organization from './organization.ts';
import * as ous from './organizational-units.ts';
import * as policies from './policies.ts';
import { createOrganizationsState, type OrganizationsState } from './state.ts';
import * as tags from './tags.ts';

export const organizations = defineService<OrganizationsState>({
  id: 'organizations',
  title: 'AWS Organizations',
  signingName: 'organizations',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2016-11-28', targetPrefix: 'AWSOrganizationsV20161128', validationErrorCode: 'InvalidInputException' },
  loadModel: () => import('@aws-sdk/client-organizations') as Promise<Record<string, unknown>>,
  state: { scope: 'account', create: createOrganizationsState },
  handlers: {
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
  },
  limitations: ORGANIZATIONS_LIMITATIONS,
});
