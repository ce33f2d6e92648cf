/**
 * Inviting an existing emulator account: InviteAccountToOrganization opens a handshake in the
 * organization; the invited account sees it (ListHandshakesForAccount) and accepts or declines it;
 * the management account may cancel it. Handshakes expire after 15 days, as on AWS.
 */
import type * as ORG from '@aws-sdk/client-organizations';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import type { Output } from '../define-service.ts';
import { attachDefaults } from './attachments.ts';
import { arns, checkTags, ERRORS, invalidInput, isAccountId, managedOrganization, newHandshakeId, organizationOfAccount, page, SERVICE } from './common.ts';
import { MAX_ACCOUNTS } from './accounts.ts';
import { joinOrganization } from './member-account.ts';
import type { Handshake, Organization, OrganizationsState } from './state.ts';

const HANDSHAKE_DAYS = 15;

function handshakeState(handshake: Handshake, now: Date): Handshake['state'] {
  return handshake.state === 'OPEN' && now >= handshake.expiresAt ? 'EXPIRED' : handshake.state;
}

function handshakeOutput(org: Organization, handshake: Handshake, now: Date): ORG.Handshake {
  const resources: ORG.HandshakeResource[] = [
    {
      Type: 'ORGANIZATION',
      Value: org.id,
      Resources: [
        { Type: 'MASTER_EMAIL', Value: org.managementAccountEmail },
        { Type: 'MASTER_NAME', Value: org.accounts.get(org.managementAccountId)?.name ?? org.managementAccountId },
        { Type: 'ORGANIZATION_FEATURE_SET', Value: org.featureSet },
      ],
    },
    { Type: 'ACCOUNT', Value: handshake.targetAccountId },
  ];
  if (handshake.notes) resources.push({ Type: 'NOTES', Value: handshake.notes });
  return {
    Id: handshake.id,
    Arn: arns.handshake(org, handshake.id),
    Parties: [
      { Id: org.id, Type: 'ORGANIZATION' },
      { Id: handshake.targetAccountId, Type: 'ACCOUNT' },
    ],
    State: handshakeState(handshake, now),
    RequestedTimestamp: handshake.requestedAt,
    ExpirationTimestamp: handshake.expiresAt,
    Action: 'INVITE',
    Resources: resources,
  };
}

function checkHandshakeId(id: string): void {
  if (!/^h-[0-9a-z]{8,32}$/.test(id)) throw invalidInput('INVALID_PATTERN', "You provided a value that doesn't match the required pattern.");
}

/** A handshake the caller is a party to: as the management account, or as the invited account. */
function findForCaller(ctx: RequestContext, handshakeId: string, write: boolean): { org: Organization; handshake: Handshake; invited: boolean } {
  checkHandshakeId(handshakeId);
  const own = ctx.peekStateOf<OrganizationsState>(SERVICE, ctx.accountId);
  const mine = own?.organization?.handshakes.get(handshakeId);
  if (mine) {
    if (write) ctx.state();
    return { org: own!.organization!, handshake: mine, invited: false };
  }
  const ref = own?.invitations.find((r) => r.endsWith(`/${handshakeId}`));
  const managementId = ref?.split('/')[0];
  const org = managementId ? ctx.peekStateOf<OrganizationsState>(SERVICE, managementId)?.organization : undefined;
  const handshake = org?.handshakes.get(handshakeId);
  if (!org || !handshake) throw ERRORS.handshakeNotFound();
  if (write) ctx.stateOf<OrganizationsState>(SERVICE, org.managementAccountId);
  return { org, handshake, invited: true };
}

function requireOpen(handshake: Handshake, now: Date): void {
  const state = handshakeState(handshake, now);
  if (state !== 'OPEN') throw new AwsServiceError('InvalidHandshakeTransitionException', `You can't perform the operation on the handshake in its current state (${state}).`);
}

export function inviteAccountToOrganization(input: ORG.InviteAccountToOrganizationRequest, ctx: RequestContext): Output<ORG.InviteAccountToOrganizationResponse> {
  const org = managedOrganization(ctx, true);
  const target = input.Target!;
  if (target.Type !== 'ACCOUNT') {
    throw invalidInput('INVALID_PARTY_TYPE_TARGET', 'You specified the wrong type of entity (account, organization, or email) as a party. The emulator invites accounts by account id (Type ACCOUNT).');
  }
  if (!isAccountId(target.Id!)) throw invalidInput('INVALID_PATTERN', "You provided a value that doesn't match the required pattern.");
  const tags = checkTags(input.Tags);
  if (organizationOfAccount((id) => ctx.peekStateOf<OrganizationsState>(SERVICE, id), target.Id!)) {
    throw new AwsServiceError('HandshakeConstraintViolationException', 'The account is already a member of an organization.', { fields: { Reason: 'ALREADY_IN_AN_ORGANIZATION' } });
  }
  if ([...org.handshakes.values()].some((h) => h.targetAccountId === target.Id && handshakeState(h, ctx.now) === 'OPEN')) {
    throw new AwsServiceError('DuplicateHandshakeException', 'A handshake with the same action and target already exists.');
  }
  if (org.accounts.size >= MAX_ACCOUNTS) {
    throw new AwsServiceError('HandshakeConstraintViolationException', 'You attempted to exceed the number of accounts in your organization.', { fields: { Reason: 'ACCOUNT_NUMBER_LIMIT_EXCEEDED' } });
  }
  if (input.Notes !== undefined && input.Notes.length > 1024) throw invalidInput('MAX_LENGTH_EXCEEDED', 'You provided notes that are too long: use up to 1,024 characters.');
  const handshake: Handshake = {
    id: newHandshakeId(),
    targetAccountId: target.Id!,
    requestedAt: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + HANDSHAKE_DAYS * 86_400_000),
    state: 'OPEN',
    notes: input.Notes,
    tags,
  };
  org.handshakes.set(handshake.id, handshake);
  ctx.stateOf<OrganizationsState>(SERVICE, target.Id!).invitations.push(`${org.managementAccountId}/${handshake.id}`);
  return { Handshake: handshakeOutput(org, handshake, ctx.now) };
}

export function acceptHandshake(input: ORG.AcceptHandshakeRequest, ctx: RequestContext): Output<ORG.AcceptHandshakeResponse> {
  const { org, handshake, invited } = findForCaller(ctx, input.HandshakeId!, true);
  if (!invited) throw new AwsServiceError('AccessDeniedException', "You don't have permissions to access this resource.");
  requireOpen(handshake, ctx.now);
  if (organizationOfAccount((id) => ctx.peekStateOf<OrganizationsState>(SERVICE, id), ctx.accountId)) {
    throw new AwsServiceError('HandshakeConstraintViolationException', 'The account is already a member of an organization.', { fields: { Reason: 'ALREADY_IN_AN_ORGANIZATION' } });
  }
  handshake.state = 'ACCEPTED';
  org.accounts.set(ctx.accountId, {
    id: ctx.accountId,
    name: `Account ${ctx.accountId}`,
    email: `aws+${ctx.accountId}@example.com`,
    parentId: org.root.id,
    joinedMethod: 'INVITED',
    joinedAt: ctx.now,
    visibleFrom: ctx.now,
    tags: [],
  });
  attachDefaults(org, ctx.accountId);
  joinOrganization(ctx, org, ctx.accountId);
  return { Handshake: handshakeOutput(org, handshake, ctx.now) };
}

export function declineHandshake(input: ORG.DeclineHandshakeRequest, ctx: RequestContext): Output<ORG.DeclineHandshakeResponse> {
  const { org, handshake, invited } = findForCaller(ctx, input.HandshakeId!, true);
  if (!invited) throw new AwsServiceError('AccessDeniedException', "You don't have permissions to access this resource.");
  requireOpen(handshake, ctx.now);
  handshake.state = 'DECLINED';
  return { Handshake: handshakeOutput(org, handshake, ctx.now) };
}

export function cancelHandshake(input: ORG.CancelHandshakeRequest, ctx: RequestContext): Output<ORG.CancelHandshakeResponse> {
  const { org, handshake, invited } = findForCaller(ctx, input.HandshakeId!, true);
  if (invited) throw new AwsServiceError('AccessDeniedException', "You don't have permissions to access this resource.");
  requireOpen(handshake, ctx.now);
  handshake.state = 'CANCELED';
  return { Handshake: handshakeOutput(org, handshake, ctx.now) };
}

export function describeHandshake(input: ORG.DescribeHandshakeRequest, ctx: RequestContext): Output<ORG.DescribeHandshakeResponse> {
  const { org, handshake } = findForCaller(ctx, input.HandshakeId!, false);
  return { Handshake: handshakeOutput(org, handshake, ctx.now) };
}

export function listHandshakesForOrganization(input: ORG.ListHandshakesForOrganizationRequest, ctx: RequestContext): Output<ORG.ListHandshakesForOrganizationResponse> {
  const org = managedOrganization(ctx);
  const handshakes = [...org.handshakes.values()].map((h) => handshakeOutput(org, h, ctx.now)).filter((h) => !input.Filter?.ActionType || h.Action === input.Filter.ActionType);
  const { items, nextToken } = page(handshakes, input, ['handshakesForOrganization', input.Filter ?? {}]);
  return { Handshakes: items, NextToken: nextToken };
}

export function listHandshakesForAccount(input: ORG.ListHandshakesForAccountRequest, ctx: RequestContext): Output<ORG.ListHandshakesForAccountResponse> {
  const own = ctx.peekStateOf<OrganizationsState>(SERVICE, ctx.accountId);
  const handshakes: ORG.Handshake[] = [];
  for (const ref of own?.invitations ?? []) {
    const [managementId, id] = ref.split('/') as [string, string];
    const org = ctx.peekStateOf<OrganizationsState>(SERVICE, managementId)?.organization;
    const handshake = org?.handshakes.get(id);
    if (org && handshake) handshakes.push(handshakeOutput(org, handshake, ctx.now));
  }
  const filtered = handshakes.filter((h) => !input.Filter?.ActionType || h.Action === input.Filter.ActionType);
  const { items, nextToken } = page(filtered, input, ['handshakesForAccount', input.Filter ?? {}]);
  return { Handshakes: items, NextToken: nextToken };
}
