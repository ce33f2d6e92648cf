/**
 * What every Organizations module needs: finding the caller's organization (as its management
 * account or as a member), AWS's errors with their exact messages, identifiers and ARNs, tags, paging.
 */
import { isReservedTagKey, MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH, MAX_TAGS_PER_RESOURCE, mergeTagList, TAG_CHARACTERS } from '../../core/tags.ts';
import { formatArn } from '../../core/arn.ts';
import { randomAccountId, randomChars, randomHex } from '../../core/ids.ts';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { pageByToken, type TokenPage } from '../../core/next-token.ts';
import type { Organization, OrganizationsState, Tag } from './state.ts';

export const SERVICE = 'organizations';
export const FULL_AWS_ACCESS_ID = 'p-FullAWSAccess';

// ── errors (messages as AWS words them; reasons from the API reference) ───────────────────────────

export function notInUse(): AwsServiceError {
  return new AwsServiceError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
}

export function accessDenied(): AwsServiceError {
  return new AwsServiceError('AccessDeniedException', "You don't have permissions to access this resource.");
}

export function invalidInput(reason: string, message: string): AwsServiceError {
  return new AwsServiceError('InvalidInputException', message, { fields: { Reason: reason } });
}

export function constraintViolation(reason: string, message: string): AwsServiceError {
  return new AwsServiceError('ConstraintViolationException', message, { fields: { Reason: reason } });
}

export const ERRORS = {
  accountNotFound: () => new AwsServiceError('AccountNotFoundException', "You specified an account that doesn't exist."),
  ouNotFound: () => new AwsServiceError('OrganizationalUnitNotFoundException', "You specified an organizational unit that doesn't exist."),
  parentNotFound: () => new AwsServiceError('ParentNotFoundException', "You specified parent that doesn't exist."),
  rootNotFound: () => new AwsServiceError('RootNotFoundException', "You specified a root that doesn't exist."),
  targetNotFound: () => new AwsServiceError('TargetNotFoundException', "You specified a target that doesn't exist."),
  childNotFound: () => new AwsServiceError('ChildNotFoundException', "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified."),
  policyNotFound: () => new AwsServiceError('PolicyNotFoundException', "You specified a policy that doesn't exist."),
  sourceParentNotFound: () => new AwsServiceError('SourceParentNotFoundException', "We can't find a source root or OU with the ParentId that you specified."),
  destinationParentNotFound: () => new AwsServiceError('DestinationParentNotFoundException', "We can't find the destination container (a root or OU) with the ParentId that you specified."),
  createAccountStatusNotFound: () => new AwsServiceError('CreateAccountStatusNotFoundException', "We can't find an create account request with the CreateAccountRequestId that you specified."),
  handshakeNotFound: () => new AwsServiceError('HandshakeNotFoundException', "We can't find a handshake with the HandshakeId that you specified."),
  immutablePolicy: () => invalidInput('IMMUTABLE_POLICY', "You specified a policy that is managed by AWS and can't be modified."),
  invalidToken: () => invalidInput('INVALID_NEXT_TOKEN', 'Get the value for the NextToken parameter from the response to a previous call of the operation.'),
};

// ── where the caller's organization is ──────────────────────────────────────────────────────────

export function ownState(ctx: RequestContext): OrganizationsState {
  return ctx.state() as OrganizationsState;
}

/**
 * The organization an account belongs to, read without creating state. A membership whose
 * organization no longer lists the account (its management account was reset) counts as none.
 */
export function organizationOfAccount(peek: (accountId: string) => OrganizationsState | undefined, accountId: string): { org: Organization; management: boolean } | undefined {
  const own = peek(accountId);
  if (own?.organization) return { org: own.organization, management: true };
  const membership = own?.membership;
  if (!membership) return undefined;
  const org = peek(membership.managementAccountId)?.organization;
  if (!org || org.id !== membership.organizationId || !org.accounts.has(accountId)) return undefined;
  return { org, management: false };
}

/** The caller's organization (throws AWSOrganizationsNotInUseException). Pass `write` when the call changes it. */
export function callerOrganization(ctx: RequestContext, write = false): { org: Organization; management: boolean } {
  const found = organizationOfAccount((id) => ctx.peekStateOf<OrganizationsState>(SERVICE, id), ctx.accountId);
  if (!found) throw notInUse();
  // stateOf marks the owning account as changed, so persistence writes it.
  if (write) ctx.stateOf<OrganizationsState>(SERVICE, found.org.managementAccountId);
  return found;
}

/** The organization, for operations only its management account may call. */
export function managedOrganization(ctx: RequestContext, write = false): Organization {
  const { org, management } = callerOrganization(ctx, write);
  if (!management) throw accessDenied();
  return org;
}

// ── identifiers and ARNs ────────────────────────────────────────────────────────────────────────

const randomLowerAlnum = (length: number) => randomChars(length);

export function newOrganizationId(): string {
  return `o-${randomLowerAlnum(10)}`;
}

export function newRootId(): string {
  return `r-${randomLowerAlnum(4)}`;
}

export function newOuId(rootId: string): string {
  return `ou-${rootId.slice(2)}-${randomLowerAlnum(8)}`;
}

export function newPolicyId(): string {
  return `p-${randomLowerAlnum(8)}`;
}

export function newCreateAccountRequestId(): string {
  return `car-${randomHex(32)}`;
}

export function newHandshakeId(): string {
  return `h-${randomLowerAlnum(10)}`;
}

/** A fresh 12-digit account id no emulator account uses yet. */
export function newAccountId(taken: (id: string) => boolean): string {
  return randomAccountId(taken);
}

export const arns = {
  organization: (org: Organization) => formatArn('organizations', '', org.managementAccountId, `organization/${org.id}`),
  account: (org: Organization, accountId: string) => formatArn('organizations', '', org.managementAccountId, `account/${org.id}/${accountId}`),
  root: (org: Organization) => formatArn('organizations', '', org.managementAccountId, `root/${org.id}/${org.root.id}`),
  ou: (org: Organization, ouId: string) => formatArn('organizations', '', org.managementAccountId, `ou/${org.id}/${ouId}`),
  handshake: (org: Organization, handshakeId: string) => formatArn('organizations', '', org.managementAccountId, `handshake/${org.id}/invite/${handshakeId}`),
  policy: (org: Organization, policyId: string, type: string, awsManaged: boolean) =>
    awsManaged ? formatArn('organizations', '', 'aws', `policy/${type.toLowerCase()}/${policyId}`) : formatArn('organizations', '', org.managementAccountId, `policy/${org.id}/${type.toLowerCase()}/${policyId}`),
};

// ── identifier patterns (InvalidInputException with the API reference's reasons) ─────────────────

const PATTERNS = {
  root: /^r-[0-9a-z]{4,32}$/,
  ou: /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/,
  account: /^\d{12}$/,
  policy: /^p-[0-9a-zA-Z_]{8,128}$/,
};

export function isRootId(id: string): boolean {
  return PATTERNS.root.test(id);
}
export function isOuId(id: string): boolean {
  return PATTERNS.ou.test(id);
}
export function isAccountId(id: string): boolean {
  return PATTERNS.account.test(id);
}

export function checkPolicyId(id: string): void {
  if (!PATTERNS.policy.test(id)) throw invalidInput('INVALID_PATTERN', "You provided a value that doesn't match the required pattern.");
}

export function checkTargetId(id: string): void {
  if (!isRootId(id) && !isOuId(id) && !isAccountId(id)) {
    throw invalidInput('INVALID_PATTERN_TARGET_ID', "You specified a policy target ID that doesn't match the required pattern.");
  }
}

export function checkParentId(id: string): void {
  if (!isRootId(id) && !isOuId(id)) throw invalidInput('INVALID_PATTERN', "You provided a value that doesn't match the required pattern.");
}

export function checkAccountId(id: string): void {
  if (!isAccountId(id)) throw invalidInput('INVALID_PATTERN', "You provided a value that doesn't match the required pattern.");
}

// ── accounts as the organization shows them ─────────────────────────────────────────────────────

/** An account that is in the organization now (accounts still being created are not). */
export function visibleAccount(org: Organization, accountId: string, now: Date) {
  const account = org.accounts.get(accountId);
  return account && account.visibleFrom.getTime() <= now.getTime() ? account : undefined;
}

/** The root or an OU, as a parent of accounts and OUs. */
export function parentExists(org: Organization, id: string): boolean {
  return id === org.root.id || org.ous.has(id);
}

// ── tags ────────────────────────────────────────────────────────────────────────────────────────

const TAG_KEY = TAG_CHARACTERS;
export const MAX_TAGS = MAX_TAGS_PER_RESOURCE;

/** Validates tags as given (lengths, pattern, no duplicate keys); returns them as stored. */
export function checkTags(tags: readonly { Key?: string; Value?: string }[] | undefined): Tag[] {
  const out: Tag[] = [];
  const keys = new Set<string>();
  for (const tag of tags ?? []) {
    const key = tag.Key ?? '';
    const value = tag.Value ?? '';
    if (key.length < 1) throw invalidInput('MIN_LENGTH_EXCEEDED', 'You provided a tag key that is empty: tag keys need 1 to 128 characters.');
    if (key.length > MAX_TAG_KEY_LENGTH || value.length > MAX_TAG_VALUE_LENGTH) throw invalidInput('MAX_LENGTH_EXCEEDED', `You provided a tag that is too long: key '${key.slice(0, 128)}…' may have up to 128 characters and its value up to 256.`);
    if (!TAG_KEY.test(key) || !TAG_KEY.test(value)) {
      throw invalidInput('INVALID_PATTERN', `You provided a tag that doesn't match the required pattern: key '${key}' and its value may use letters, digits, spaces and _ . : / = + - @.`);
    }
    if (isReservedTagKey(key)) throw invalidInput('INVALID_SYSTEM_TAGS_PARAMETER', `Tag keys that begin with 'aws:' are reserved for AWS use: '${key}'.`);
    if (keys.has(key)) throw invalidInput('DUPLICATE_TAG_KEY', 'Tag keys must be unique among the tags attached to the same entity.');
    keys.add(key);
    out.push({ Key: key, Value: value });
  }
  if (out.length > MAX_TAGS) throw tooManyTags();
  return out;
}

function tooManyTags(): AwsServiceError {
  return constraintViolation('MAX_TAG_LIMIT_EXCEEDED', `You have exceeded the number of tags allowed on this resource (${MAX_TAGS}).`);
}

/** Adds or replaces tags (TagResource); the result must stay within the limit. */
export function mergeTags(existing: readonly Tag[], added: readonly Tag[]): Tag[] {
  const merged = mergeTagList(existing, added, (t) => t.Key);
  if (merged.length > MAX_TAGS) throw tooManyTags();
  return merged;
}

// ── paging (Organizations: MaxResults 1–20, InvalidInputException for a foreign token) ──────────

export function page<T>(items: readonly T[], input: { NextToken?: string; MaxResults?: number }, scope: unknown): TokenPage<T> {
  if (input.MaxResults !== undefined && input.MaxResults < 1) throw invalidInput('MIN_VALUE_EXCEEDED', `You provided a value that is less than the minimum allowed value: MaxResults ${input.MaxResults} (use 1 to 20).`);
  if (input.MaxResults !== undefined && input.MaxResults > 20) throw invalidInput('MAX_VALUE_EXCEEDED', `You provided a value that exceeds the maximum allowed value: MaxResults ${input.MaxResults} (use 1 to 20).`);
  return pageByToken(items, { nextToken: input.NextToken, maxResults: input.MaxResults, defaultMaxResults: 20, scope, invalidToken: ERRORS.invalidToken });
}
