/**
 * Organizations' state. Organizations is global, so the state is account-wide. An organization
 * lives in its management account's state; every member account's state points back at it
 * (`membership`), which is how a member's calls — and SCP enforcement — find their organization.
 * Plain data (Maps, arrays, Dates) so persistence writes it as is.
 */

export interface Tag {
  Key: string;
  Value: string;
}

export type PolicyType = 'SERVICE_CONTROL_POLICY' | 'TAG_POLICY';

export interface OrgRoot {
  id: string;
  name: string;
  /** Policy types enabled on the root, in the order they were enabled. */
  policyTypes: PolicyType[];
  tags: Tag[];
}

export interface OrgUnit {
  id: string;
  name: string;
  parentId: string;
  createdAt: Date;
  tags: Tag[];
}

export interface OrgAccount {
  id: string;
  name: string;
  email: string;
  parentId: string;
  joinedMethod: 'CREATED' | 'INVITED';
  joinedAt: Date;
  /** Accounts being created are hidden until their request completes (CreateAccountStatus). */
  visibleFrom: Date;
  tags: Tag[];
}

export interface CreateAccountRequest {
  id: string;
  accountName: string;
  email: string;
  requestedAt: Date;
  /** When the request reports SUCCEEDED or FAILED (status is computed from the request clock). */
  completesAt: Date;
  /** Set for requests that will succeed. */
  accountId?: string;
  /** Set for requests that will fail (EMAIL_ALREADY_EXISTS, ACCOUNT_LIMIT_EXCEEDED …). */
  failureReason?: string;
}

export interface OrgPolicy {
  id: string;
  name: string;
  description: string;
  type: PolicyType;
  content: string;
  awsManaged: boolean;
  tags: Tag[];
  /** Increments on every content change, so readers (SCP enforcement) can cache compiled documents. */
  revision: number;
}

export interface Handshake {
  id: string;
  /** The invited account. */
  targetAccountId: string;
  requestedAt: Date;
  expiresAt: Date;
  state: 'OPEN' | 'ACCEPTED' | 'DECLINED' | 'CANCELED' | 'EXPIRED';
  notes?: string;
  tags: Tag[];
}

export interface Organization {
  id: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  managementAccountId: string;
  managementAccountEmail: string;
  createdAt: Date;
  root: OrgRoot;
  ous: Map<string, OrgUnit>;
  /** Every account in the organization, the management account included. */
  accounts: Map<string, OrgAccount>;
  createAccountRequests: Map<string, CreateAccountRequest>;
  /** Customer policies and the AWS managed FullAWSAccess, by policy id. */
  policies: Map<string, OrgPolicy>;
  /** Policy ids attached to each target (root, OU or account id), in attachment order. */
  attachments: Map<string, string[]>;
  handshakes: Map<string, Handshake>;
}

export interface Membership {
  managementAccountId: string;
  organizationId: string;
}

export interface OrganizationsState {
  /** Present in the management account. */
  organization?: Organization;
  /** Present in member accounts. */
  membership?: Membership;
  /** Handshakes this account was invited with: `<management account id>/<handshake id>`. */
  invitations: string[];
}

export function createOrganizationsState(): OrganizationsState {
  return { invitations: [] };
}
