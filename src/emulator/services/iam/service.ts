/** AWS Identity and Access Management: global per account. */
import { defineService } from '../define-service.ts';
import { lazyHandlers } from '../lazy-handlers.ts';
import { IAM_LIMITATIONS } from './limitations.ts';
import { createIamState, type IamState } from './state.ts';

/** Every operation handlers.ts implements (a unit test keeps the two lists equal). */
export const IAM_OPERATIONS: readonly string[] = [
  'CreateUser', 'GetUser', 'ListUsers', 'UpdateUser', 'DeleteUser',
  'TagUser', 'UntagUser', 'ListUserTags', 'PutUserPermissionsBoundary', 'DeleteUserPermissionsBoundary',
  'CreateLoginProfile', 'GetLoginProfile', 'UpdateLoginProfile', 'DeleteLoginProfile', 'CreateGroup',
  'GetGroup', 'ListGroups', 'UpdateGroup', 'DeleteGroup', 'AddUserToGroup',
  'RemoveUserFromGroup', 'ListGroupsForUser', 'CreateRole', 'GetRole', 'DeleteRole',
  'ListRoles', 'UpdateRole', 'UpdateRoleDescription', 'UpdateAssumeRolePolicy', 'TagRole',
  'UntagRole', 'ListRoleTags', 'PutRolePermissionsBoundary', 'DeleteRolePermissionsBoundary', 'CreatePolicy',
  'GetPolicy', 'DeletePolicy', 'ListPolicies', 'CreatePolicyVersion', 'GetPolicyVersion',
  'DeletePolicyVersion', 'ListPolicyVersions', 'SetDefaultPolicyVersion', 'TagPolicy', 'UntagPolicy',
  'ListPolicyTags', 'ListEntitiesForPolicy', 'AttachUserPolicy', 'AttachGroupPolicy', 'AttachRolePolicy',
  'DetachUserPolicy', 'DetachGroupPolicy', 'DetachRolePolicy', 'ListAttachedUserPolicies', 'ListAttachedGroupPolicies',
  'ListAttachedRolePolicies', 'PutUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'GetUserPolicy',
  'GetGroupPolicy', 'GetRolePolicy', 'DeleteUserPolicy', 'DeleteGroupPolicy', 'DeleteRolePolicy',
  'ListUserPolicies', 'ListGroupPolicies', 'ListRolePolicies', 'CreateInstanceProfile', 'GetInstanceProfile',
  'DeleteInstanceProfile', 'ListInstanceProfiles', 'ListInstanceProfilesForRole', 'AddRoleToInstanceProfile', 'RemoveRoleFromInstanceProfile',
  'TagInstanceProfile', 'UntagInstanceProfile', 'ListInstanceProfileTags', 'CreateAccessKey', 'DeleteAccessKey',
  'UpdateAccessKey', 'ListAccessKeys', 'GetAccessKeyLastUsed', 'GetAccountAuthorizationDetails', 'GetAccountSummary',
  'CreateAccountAlias', 'ListAccountAliases', 'DeleteAccountAlias', 'SimulatePrincipalPolicy', 'SimulateCustomPolicy',
  'GetContextKeysForPrincipalPolicy', 'GetContextKeysForCustomPolicy',
];

export const iam = defineService<IamState>({
  id: 'iam',
  title: 'AWS Identity and Access Management (IAM)',
  signingName: 'iam',
  protocol: 'awsQuery',
  wire: { apiVersion: '2010-05-08', xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/' },
  loadModel: () => import('@aws-sdk/client-iam') as Promise<Record<string, unknown>>,
  state: { scope: 'account', create: createIamState },
  handlers: lazyHandlers(IAM_OPERATIONS, async () => (await import('./handlers.ts')).IAM_HANDLERS),
  limitations: IAM_LIMITATIONS,
});
