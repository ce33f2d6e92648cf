/**
 * Accounts in the organization: CreateAccount (a new emulator account, with the
 * OrganizationAccountAccessRole AWS creates in it), its request status, Describe/List, MoveAccount,
 * RemoveAccountFromOrganization and LeaveOrganization.
 */
import type * as ORG from '@aws-sdk/client-organizations';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import type { Output } from '../define-service.ts';
import { attachDefaults, forgetTarget } from './attachments.ts';
import {
  arns, callerOrganization, checkAccountId, checkParentId, checkTags, ERRORS, invalidInput, managedOrganization,
  newAccountId, newCreateAccountRequestId, page, parentExists, SERVICE, visibleAccount,
} from './common.ts';
import { provisionMemberAccount } from './member-account.ts';
import type { CreateAccountRequest, OrgAccount, Organization, OrganizationsState } from './state.ts';

/** How long account creation takes (AWS: seconds to minutes); status is IN_PROGRESS until then. */
export const CREATE_ACCOUNT_MS = 3000;
/** AWS's default quota of accounts in an organization (the management account included). */
export const MAX_ACCOUNTS = 10;

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const ACCOUNT_NAME = /^[\u0020-\u007E]+$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

export function accountOutput(org: Organization, account: OrgAccount): ORG.Account {
  return {
    Id: account.id,
    Arn: arns.account(org, account.id),
    Email: account.email,
    Name: account.name,
    Status: 'ACTIVE',
    State: 'ACTIVE',
    JoinedMethod: account.joinedMethod,
    JoinedTimestamp: account.joinedAt,
  };
}

function statusOutput(request: CreateAccountRequest, now: Date): ORG.CreateAccountStatus {
  const base = { Id: request.id, AccountName: request.accountName, RequestedTimestamp: request.requestedAt };
  if (now < request.completesAt) return { ...base, State: 'IN_PROGRESS' };
  if (request.failureReason) return { ...base, State: 'FAILED', CompletedTimestamp: request.completesAt, FailureReason: request.failureReason as ORG.CreateAccountFailureReason };
  return { ...base, State: 'SUCCEEDED', CompletedTimestamp: request.completesAt, AccountId: request.accountId };
}

function findAccount(org: Organization, accountId: string, now: Date): OrgAccount {
  checkAccountId(accountId);
  const account = visibleAccount(org, accountId, now);
  if (!account) throw ERRORS.accountNotFound();
  return account;
}

/** Why a creation request will fail, checked when it is made (AWS reports it in the request's status). */
function failureReason(org: Organization, email: string): string | undefined {
  if ([...org.accounts.values()].some((a) => a.email.toLowerCase() === email.toLowerCase())) return 'EMAIL_ALREADY_EXISTS';
  if (org.accounts.size >= MAX_ACCOUNTS) return 'ACCOUNT_LIMIT_EXCEEDED';
  return undefined;
}

export function createAccount(input: ORG.CreateAccountRequest, ctx: RequestContext): Output<ORG.CreateAccountResponse> {
  const org = managedOrganization(ctx, true);
  const email = input.Email!;
  const name = input.AccountName!;
  const roleName = input.RoleName ?? 'OrganizationAccountAccessRole';
  if (email.length < 6 || email.length > 64 || !EMAIL.test(email)) {
    throw invalidInput('INVALID_EMAIL_ADDRESS_TARGET', `You specified an invalid email address for the account: '${email}' (6 to 64 characters, like name@example.com).`);
  }
  if (name.length < 1 || name.length > 50 || !ACCOUNT_NAME.test(name)) {
    throw invalidInput('INVALID_FULL_NAME_TARGET', `You specified an account name that isn't valid: '${name}' (1 to 50 printable ASCII characters).`);
  }
  if (!ROLE_NAME.test(roleName) || roleName.startsWith('AWSServiceRoleFor')) {
    throw invalidInput('INVALID_ROLE_NAME', `You provided a role name that isn't valid: '${roleName}'. Use 1 to 64 letters, digits and + = , . @ _ -; a role name can't begin with the reserved prefix AWSServiceRoleFor.`);
  }
  if (input.IamUserAccessToBilling !== undefined && input.IamUserAccessToBilling !== 'ALLOW' && input.IamUserAccessToBilling !== 'DENY') {
    throw invalidInput('INVALID_ENUM', 'You specified an invalid value.');
  }
  const tags = checkTags(input.Tags);
  const completesAt = new Date(ctx.now.getTime() + CREATE_ACCOUNT_MS);
  const request: CreateAccountRequest = { id: newCreateAccountRequestId(), accountName: name, email, requestedAt: ctx.now, completesAt, failureReason: failureReason(org, email) };
  if (!request.failureReason) {
    const accountId = newAccountId((id) => ctx.accountIds().includes(id));
    request.accountId = accountId;
    provisionMemberAccount(ctx, org, accountId, roleName);
    org.accounts.set(accountId, { id: accountId, name, email, parentId: org.root.id, joinedMethod: 'CREATED', joinedAt: completesAt, visibleFrom: completesAt, tags });
    attachDefaults(org, accountId);
  }
  org.createAccountRequests.set(request.id, request);
  return { CreateAccountStatus: statusOutput(request, ctx.now) };
}

export function describeCreateAccountStatus(input: ORG.DescribeCreateAccountStatusRequest, ctx: RequestContext): Output<ORG.DescribeCreateAccountStatusResponse> {
  const org = managedOrganization(ctx);
  const id = input.CreateAccountRequestId!;
  if (!/^car-[a-z0-9]{8,32}$/.test(id)) throw invalidInput('INVALID_PATTERN', "You provided a value that doesn't match the required pattern.");
  const request = org.createAccountRequests.get(id);
  if (!request) throw ERRORS.createAccountStatusNotFound();
  return { CreateAccountStatus: statusOutput(request, ctx.now) };
}

export function listCreateAccountStatus(input: ORG.ListCreateAccountStatusRequest, ctx: RequestContext): Output<ORG.ListCreateAccountStatusResponse> {
  const org = managedOrganization(ctx);
  for (const state of input.States ?? []) {
    if (!['IN_PROGRESS', 'SUCCEEDED', 'FAILED'].includes(state)) throw invalidInput('INVALID_ENUM', 'You specified an invalid value.');
  }
  const statuses = [...org.createAccountRequests.values()].map((r) => statusOutput(r, ctx.now)).filter((s) => !input.States?.length || input.States.includes(s.State!));
  const { items, nextToken } = page(statuses, input, ['createAccountStatus', input.States ?? []]);
  return { CreateAccountStatuses: items, NextToken: nextToken };
}

export function describeAccount(input: ORG.DescribeAccountRequest, ctx: RequestContext): Output<ORG.DescribeAccountResponse> {
  const org = managedOrganization(ctx);
  return { Account: accountOutput(org, findAccount(org, input.AccountId!, ctx.now)) };
}

function visibleAccounts(org: Organization, now: Date): OrgAccount[] {
  return [...org.accounts.values()].filter((a) => a.visibleFrom <= now).sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime());
}

export function listAccounts(input: ORG.ListAccountsRequest, ctx: RequestContext): Output<ORG.ListAccountsResponse> {
  const org = managedOrganization(ctx);
  const { items, nextToken } = page(visibleAccounts(org, ctx.now).map((a) => accountOutput(org, a)), input, 'accounts');
  return { Accounts: items, NextToken: nextToken };
}

export function listAccountsForParent(input: ORG.ListAccountsForParentRequest, ctx: RequestContext): Output<ORG.ListAccountsForParentResponse> {
  const org = managedOrganization(ctx);
  checkParentId(input.ParentId!);
  if (!parentExists(org, input.ParentId!)) throw ERRORS.parentNotFound();
  const accounts = visibleAccounts(org, ctx.now).filter((a) => a.parentId === input.ParentId).map((a) => accountOutput(org, a));
  const { items, nextToken } = page(accounts, input, ['accountsForParent', input.ParentId]);
  return { Accounts: items, NextToken: nextToken };
}

export function moveAccount(input: ORG.MoveAccountRequest, ctx: RequestContext): Output<unknown> {
  const org = managedOrganization(ctx, true);
  checkAccountId(input.AccountId!);
  checkParentId(input.SourceParentId!);
  checkParentId(input.DestinationParentId!);
  const account = findAccount(org, input.AccountId!, ctx.now);
  if (!parentExists(org, input.SourceParentId!)) throw ERRORS.sourceParentNotFound();
  if (!parentExists(org, input.DestinationParentId!)) throw ERRORS.destinationParentNotFound();
  if (account.parentId !== input.SourceParentId) throw ERRORS.accountNotFound();
  if (account.parentId === input.DestinationParentId) throw new AwsServiceError('DuplicateAccountException', 'That account is already present in the specified destination.');
  account.parentId = input.DestinationParentId!;
  return {};
}

function masterCannotLeave(): AwsServiceError {
  return new AwsServiceError(
    'MasterCannotLeaveOrganizationException',
    "You can't remove a management account from an organization. If you want the management account to become a member account in another organization, you must first delete the current organization of the management account.",
  );
}

/** Takes an account out of the organization; it stays an emulator account of its own. */
function removeMember(ctx: RequestContext, org: Organization, accountId: string): void {
  org.accounts.delete(accountId);
  forgetTarget(org, accountId);
  const member = ctx.peekStateOf<OrganizationsState>(SERVICE, accountId);
  if (member?.membership?.organizationId === org.id) delete ctx.stateOf<OrganizationsState>(SERVICE, accountId).membership;
}

export function removeAccountFromOrganization(input: ORG.RemoveAccountFromOrganizationRequest, ctx: RequestContext): Output<unknown> {
  const org = managedOrganization(ctx, true);
  const account = findAccount(org, input.AccountId!, ctx.now);
  if (account.id === org.managementAccountId) throw masterCannotLeave();
  removeMember(ctx, org, account.id);
  return {};
}

export function leaveOrganization(_input: unknown, ctx: RequestContext): Output<unknown> {
  const { org, management } = callerOrganization(ctx, true);
  if (management) throw masterCannotLeave();
  removeMember(ctx, org, ctx.accountId);
  return {};
}
