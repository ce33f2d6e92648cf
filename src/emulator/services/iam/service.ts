/** AWS Identity and Access Management: global per account. */
import { defineService } from '../define-service.ts';
import * as account from './account.ts';
import * as keys from './access-keys.ts';
import * as attachments from './attachments.ts';
import * as groups from './groups.ts';
import * as profiles from './instance-profiles.ts';
import { IAM_LIMITATIONS } from './limitations.ts';
import * as policies from './managed-policies.ts';
import * as roles from './roles.ts';
import * as simulation from './simulation.ts';
import { createIamState, type IamState } from './state.ts';
import * as users from './users.ts';

export const iam = defineService<IamState>({
  id: 'iam',
  title: 'AWS Identity and Access Management (IAM)',
  signingName: 'iam',
  protocol: 'awsQuery',
  wire: { apiVersion: '2010-05-08', xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/' },
  loadModel: () => import('@aws-sdk/client-iam') as Promise<Record<string, unknown>>,
  state: { scope: 'account', create: createIamState },
  handlers: {
    // users
    CreateUser: users.createUser,
    GetUser: users.getUser,
    ListUsers: users.listUsers,
    UpdateUser: users.updateUser,
    DeleteUser: users.deleteUser,
    TagUser: users.tagUser,
    UntagUser: users.untagUser,
    ListUserTags: users.listUserTags,
    PutUserPermissionsBoundary: users.putUserPermissionsBoundary,
    DeleteUserPermissionsBoundary: users.deleteUserPermissionsBoundary,
    CreateLoginProfile: users.createLoginProfile,
    GetLoginProfile: users.getLoginProfile,
    UpdateLoginProfile: users.updateLoginProfile,
    DeleteLoginProfile: users.deleteLoginProfile,
    // groups
    CreateGroup: groups.createGroup,
    GetGroup: groups.getGroup,
    ListGroups: groups.listGroups,
    UpdateGroup: groups.updateGroup,
    DeleteGroup: groups.deleteGroup,
    AddUserToGroup: groups.addUserToGroup,
    RemoveUserFromGroup: groups.removeUserFromGroup,
    ListGroupsForUser: groups.listGroupsForUser,
    // roles
    CreateRole: roles.createRole,
    GetRole: roles.getRole,
    DeleteRole: roles.deleteRole,
    ListRoles: roles.listRoles,
    UpdateRole: roles.updateRole,
    UpdateRoleDescription: roles.updateRoleDescription,
    UpdateAssumeRolePolicy: roles.updateAssumeRolePolicy,
    TagRole: roles.tagRole,
    UntagRole: roles.untagRole,
    ListRoleTags: roles.listRoleTags,
    PutRolePermissionsBoundary: roles.putRolePermissionsBoundary,
    DeleteRolePermissionsBoundary: roles.deleteRolePermissionsBoundary,
    // managed policies
    CreatePolicy: policies.createPolicy,
    GetPolicy: policies.getPolicy,
    DeletePolicy: policies.deletePolicy,
    ListPolicies: policies.listPolicies,
    CreatePolicyVersion: policies.createPolicyVersion,
    GetPolicyVersion: policies.getPolicyVersion,
    DeletePolicyVersion: policies.deletePolicyVersion,
    ListPolicyVersions: policies.listPolicyVersions,
    SetDefaultPolicyVersion: policies.setDefaultPolicyVersion,
    TagPolicy: policies.tagPolicy,
    UntagPolicy: policies.untagPolicy,
    ListPolicyTags: policies.listPolicyTags,
    ListEntitiesForPolicy: policies.listEntitiesForPolicy,
    // attached and inline policies
    AttachUserPolicy: attachments.attachUserPolicy,
    AttachGroupPolicy: attachments.attachGroupPolicy,
    AttachRolePolicy: attachments.attachRolePolicy,
    DetachUserPolicy: attachments.detachUserPolicy,
    DetachGroupPolicy: attachments.detachGroupPolicy,
    DetachRolePolicy: attachments.detachRolePolicy,
    ListAttachedUserPolicies: attachments.listAttachedUserPolicies,
    ListAttachedGroupPolicies: attachments.listAttachedGroupPolicies,
    ListAttachedRolePolicies: attachments.listAttachedRolePolicies,
    PutUserPolicy: attachments.putUserPolicy,
    PutGroupPolicy: attachments.putGroupPolicy,
    PutRolePolicy: attachments.putRolePolicy,
    GetUserPolicy: attachments.getUserPolicy,
    GetGroupPolicy: attachments.getGroupPolicy,
    GetRolePolicy: attachments.getRolePolicy,
    DeleteUserPolicy: attachments.deleteUserPolicy,
    DeleteGroupPolicy: attachments.deleteGroupPolicy,
    DeleteRolePolicy: attachments.deleteRolePolicy,
    ListUserPolicies: attachments.listUserPolicies,
    ListGroupPolicies: attachments.listGroupPolicies,
    ListRolePolicies: attachments.listRolePolicies,
    // instance profiles
    CreateInstanceProfile: profiles.createInstanceProfile,
    GetInstanceProfile: profiles.getInstanceProfile,
    DeleteInstanceProfile: profiles.deleteInstanceProfile,
    ListInstanceProfiles: profiles.listInstanceProfiles,
    ListInstanceProfilesForRole: profiles.listInstanceProfilesForRole,
    AddRoleToInstanceProfile: profiles.addRoleToInstanceProfile,
    RemoveRoleFromInstanceProfile: profiles.removeRoleFromInstanceProfile,
    TagInstanceProfile: profiles.tagInstanceProfile,
    UntagInstanceProfile: profiles.untagInstanceProfile,
    ListInstanceProfileTags: profiles.listInstanceProfileTags,
    // access keys
    CreateAccessKey: keys.createAccessKey,
    DeleteAccessKey: keys.deleteAccessKey,
    UpdateAccessKey: keys.updateAccessKey,
    ListAccessKeys: keys.listAccessKeys,
    GetAccessKeyLastUsed: keys.getAccessKeyLastUsed,
    // account
    GetAccountAuthorizationDetails: account.getAccountAuthorizationDetails,
    GetAccountSummary: account.getAccountSummary,
    CreateAccountAlias: account.createAccountAlias,
    ListAccountAliases: account.listAccountAliases,
    DeleteAccountAlias: account.deleteAccountAlias,
    // the policy simulator (the same engine as IAM enforcement)
    SimulatePrincipalPolicy: simulation.simulatePrincipalPolicy,
    SimulateCustomPolicy: simulation.simulateCustomPolicy,
    GetContextKeysForPrincipalPolicy: simulation.getContextKeysForPrincipalPolicy,
    GetContextKeysForCustomPolicy: simulation.getContextKeysForCustomPolicy,
  },
  limitations: IAM_LIMITATIONS,
});
