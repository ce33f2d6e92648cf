/** IAM inventory: roles with their trust policy, permissions boundary and every policy that applies. */
import type { Observed } from './observed.ts';
import type { PolicyDocument } from './types.ts';

/** Where a policy of a role comes from; Security Hub's IAM controls treat them differently. */
export type IamPolicyKind = 'inline' | 'aws-managed' | 'customer-managed';

export interface IamRolePolicy {
  /** Inline policy name, or the managed policy's name. */
  name: string;
  kind: IamPolicyKind;
  /** Managed policies only. */
  arn?: string;
  /** The inline document, or the managed policy's default version. */
  document: PolicyDocument;
}

export interface IamRole {
  name: string;
  arn: string;
  /** Whether the role exists (GetRole); false means it was looked for by name and not found. */
  exists: Observed<boolean>;
  /** AssumeRolePolicyDocument, parsed; null when the role does not exist. */
  trustPolicy: Observed<PolicyDocument | null>;
  /** Inline and attached managed policies with their documents (one error if any could not be read). */
  policies: Observed<IamRolePolicy[]>;
  /** The permissions boundary's document; null when the role has none. */
  permissionsBoundary: Observed<IamRolePolicy | null>;
  tags: Observed<Record<string, string>>;
}

export interface IamInventory {
  roles: IamRole[];
  /** The role listing, when the scope needed one (selection by prefix or tag). */
  listing?: Observed<string[]>;
}
