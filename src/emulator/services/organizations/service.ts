/** AWS Organizations: the organization, OUs, accounts (new emulator accounts), SCPs and tag policies, invitations, tags. */
import { defineService } from '../define-service.ts';
import { lazyHandlers } from '../lazy-handlers.ts';
import { ORGANIZATIONS_LIMITATIONS } from './limitations.ts';
import { createOrganizationsState, type OrganizationsState } from './state.ts';

/** Every operation handlers.ts implements (a unit test keeps the two lists equal). */
export const ORGANIZATIONS_OPERATIONS: readonly string[] = [
  'CreateOrganization', 'DescribeOrganization', 'DeleteOrganization', 'ListRoots', 'EnablePolicyType',
  'DisablePolicyType', 'CreateOrganizationalUnit', 'DescribeOrganizationalUnit', 'UpdateOrganizationalUnit', 'DeleteOrganizationalUnit',
  'ListOrganizationalUnitsForParent', 'ListChildren', 'ListParents', 'CreateAccount', 'DescribeCreateAccountStatus',
  'ListCreateAccountStatus', 'DescribeAccount', 'ListAccounts', 'ListAccountsForParent', 'MoveAccount',
  'RemoveAccountFromOrganization', 'LeaveOrganization', 'InviteAccountToOrganization', 'AcceptHandshake', 'DeclineHandshake',
  'CancelHandshake', 'DescribeHandshake', 'ListHandshakesForOrganization', 'ListHandshakesForAccount', 'CreatePolicy',
  'DescribePolicy', 'UpdatePolicy', 'DeletePolicy', 'ListPolicies', 'AttachPolicy',
  'DetachPolicy', 'ListPoliciesForTarget', 'ListTargetsForPolicy', 'TagResource', 'UntagResource',
  'ListTagsForResource',
];

export const organizations = defineService<OrganizationsState>({
  id: 'organizations',
  title: 'AWS Organizations',
  signingName: 'organizations',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2016-11-28', targetPrefix: 'AWSOrganizationsV20161128', validationErrorCode: 'InvalidInputException' },
  loadModel: () => import('@aws-sdk/client-organizations') as Promise<Record<string, unknown>>,
  state: { scope: 'account', create: createOrganizationsState },
  handlers: lazyHandlers(ORGANIZATIONS_OPERATIONS, async () => (await import('./handlers.ts')).ORGANIZATIONS_HANDLERS),
  limitations: ORGANIZATIONS_LIMITATIONS,
});
