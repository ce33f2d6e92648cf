/**
 * IAM's state: one per account (IAM is global). Entities are kept by name (users, groups, roles,
 * instance profiles) or ARN (customer managed policies); policy documents are stored as the JSON
 * text the caller sent (IAM returns them URL-encoded).
 */

export interface Tag {
  Key: string;
  Value: string;
}

interface Entity {
  path: string;
  arn: string;
  createDate: Date;
  tags: Tag[];
}

interface PolicyHolder {
  /** Inline policies: name → document. */
  inlinePolicies: Map<string, string>;
  /** Attached managed policy ARNs, in attachment order. */
  attachedPolicies: string[];
}

export interface IamUser extends Entity, PolicyHolder {
  userName: string;
  userId: string;
  permissionsBoundary?: string;
  groups: string[];
  passwordLastUsed?: Date;
  loginProfile?: { createDate: Date; passwordResetRequired: boolean };
}

export interface IamGroup extends Entity, PolicyHolder {
  groupName: string;
  groupId: string;
}

export interface IamRole extends Entity, PolicyHolder {
  roleName: string;
  roleId: string;
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  permissionsBoundary?: string;
  lastUsed?: { date: Date; region: string };
}

export interface PolicyVersion {
  versionId: string;
  document: string;
  createDate: Date;
}

export interface ManagedPolicy extends Entity {
  policyName: string;
  policyId: string;
  description?: string;
  defaultVersionId: string;
  versions: PolicyVersion[];
  /** Next version number to hand out (v1, v2 …; numbers are never reused). */
  nextVersion: number;
  updateDate: Date;
}

export interface InstanceProfile extends Entity {
  instanceProfileName: string;
  instanceProfileId: string;
  roles: string[];
}

export interface IamState {
  users: Map<string, IamUser>;
  groups: Map<string, IamGroup>;
  roles: Map<string, IamRole>;
  /** Customer managed policies by ARN. */
  policies: Map<string, ManagedPolicy>;
  instanceProfiles: Map<string, InstanceProfile>;
  accountAliases: string[];
}

export function createIamState(): IamState {
  return { users: new Map(), groups: new Map(), roles: new Map(), policies: new Map(), instanceProfiles: new Map(), accountAliases: [] };
}
