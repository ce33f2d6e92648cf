/**
 * STS operations that hand out temporary credentials (AssumeRole, GetSessionToken) and the one
 * that reports who is calling (GetCallerIdentity).
 */
import type {
  AssumeRoleRequest,
  AssumeRoleResponse,
  GetCallerIdentityRequest,
  GetCallerIdentityResponse,
  GetSessionTokenRequest,
  GetSessionTokenResponse,
} from '@aws-sdk/client-sts';
import type { Principal } from '../../auth/principal.ts';
import { iamResourcePath, parseArn } from '../../core/arn.ts';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { accessKeyId, secretAccessKey, sessionToken } from '../../core/ids.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import type { IamState } from '../iam/state.ts';
import { validatePolicy } from '../../policy/index.ts';
import { evaluateTrustPolicy } from './trust-policy.ts';

const SESSION_NAME = /^[\w+=,.@-]*$/;
const ONE_HOUR = 3600;

export function getCallerIdentity(_input: GetCallerIdentityRequest, ctx: RequestContext): Output<GetCallerIdentityResponse> {
  return { UserId: ctx.principal.userId, Account: ctx.principal.accountId, Arn: ctx.principal.arn };
}

function accessDenied(ctx: RequestContext, resource: string, why?: string): AwsServiceError {
  const suffix = why ? ` (${why})` : '';
  return new AwsServiceError('AccessDenied', `User: ${ctx.principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${resource}${suffix}`, { status: 403 });
}

function issue(ctx: RequestContext, principal: Principal, durationSeconds: number): { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: Date } {
  const keyId = accessKeyId(true);
  const secret = secretAccessKey();
  const token = sessionToken();
  const expiration = new Date(ctx.now.getTime() + durationSeconds * 1000);
  ctx.credentials.issue({
    accessKeyId: keyId,
    secretAccessKey: secret,
    sessionToken: token,
    accountId: principal.accountId,
    principal: { ...principal, accessKeyId: keyId },
    status: 'Active',
    createdAt: ctx.now.toISOString(),
    expiresAt: expiration.getTime(),
    issuer: 'sts',
  });
  return { AccessKeyId: keyId, SecretAccessKey: secret, SessionToken: token, Expiration: expiration };
}

export function assumeRole(input: AssumeRoleRequest, ctx: RequestContext): Output<AssumeRoleResponse> {
  const roleArn = input.RoleArn!;
  const sessionName = input.RoleSessionName!;
  new ProblemList()
    .minLength('roleArn', roleArn, 20)
    .maxLength('roleArn', roleArn, 2048)
    .minLength('roleSessionName', sessionName, 2)
    .maxLength('roleSessionName', sessionName, 64)
    .pattern('roleSessionName', sessionName, SESSION_NAME, '[\\w+=,.@-]*')
    .range('durationSeconds', input.DurationSeconds, 900, 43200)
    .maxLength('externalId', input.ExternalId, 1224)
    .check();
  const arn = parseArn(roleArn);
  const path = arn && iamResourcePath(arn.resource);
  if (!arn || arn.service !== 'iam' || path?.type !== 'role' || !path.name) {
    throw new AwsServiceError('ValidationError', `${roleArn} is invalid`, { status: 400 });
  }
  // Peek first: a role in an account that has no state yet must not create that account.
  if (!ctx.peekStateOf<IamState>('iam', arn.accountId)?.roles.has(path.name)) throw accessDenied(ctx, roleArn);
  const role = ctx.stateOf<IamState>('iam', arn.accountId).roles.get(path.name);
  if (!role || role.arn !== roleArn) throw accessDenied(ctx, roleArn);

  if (input.Policy !== undefined) {
    const problem = validatePolicy(input.Policy, 'session');
    if (problem) throw new AwsServiceError('MalformedPolicyDocument', `The policy passed in Policy is not valid: ${problem}`, { status: 400 });
  }
  const chained = ctx.principal.type === 'AssumedRole';
  const duration = input.DurationSeconds ?? ONE_HOUR;
  if (chained && duration > ONE_HOUR) {
    throw new AwsServiceError('ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.', { status: 400 });
  }
  if (duration > role.maxSessionDuration) {
    throw new AwsServiceError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', { status: 400 });
  }

  const principalArn = ctx.principal.session?.roleArn ?? ctx.principal.arn;
  const decision = evaluateTrustPolicy(role.assumeRolePolicyDocument, {
    principal: ctx.principal,
    action: 'sts:AssumeRole',
    roleArn: role.arn,
    context: {
      'sts:ExternalId': input.ExternalId,
      'sts:RoleSessionName': sessionName,
      'sts:SourceIdentity': input.SourceIdentity,
      'aws:SourceIdentity': input.SourceIdentity,
      'aws:PrincipalArn': principalArn,
      'aws:PrincipalAccount': ctx.principal.accountId,
      'aws:PrincipalType': ctx.principal.type === 'Root' ? 'Account' : ctx.principal.type === 'IAMUser' ? 'User' : 'AssumedRole',
      'aws:MultiFactorAuthPresent': input.TokenCode ? 'true' : 'false',
      'aws:SecureTransport': ctx.secure ? 'true' : 'false',
      'aws:SourceIp': ctx.sourceIp.startsWith('::ffff:') ? ctx.sourceIp.slice(7) : ctx.sourceIp,
      'aws:RequestedRegion': ctx.region,
      'aws:userid': ctx.principal.userId,
      ...Object.fromEntries((input.Tags ?? []).map((t) => [`aws:RequestTag/${t.Key}`, t.Value])),
      'aws:TagKeys': input.Tags?.length ? input.Tags.map((t) => t.Key!) : undefined,
    },
  });
  if (!decision.allowed) throw accessDenied(ctx, roleArn);

  const assumedArn = `arn:aws:sts::${arn.accountId}:assumed-role/${role.roleName}/${sessionName}`;
  const assumedId = `${role.roleId}:${sessionName}`;
  const tags = Object.fromEntries((input.Tags ?? []).map((t) => [t.Key!, t.Value!]));
  const principal: Principal = {
    type: 'AssumedRole',
    accountId: arn.accountId,
    arn: assumedArn,
    userId: assumedId,
    session: {
      issuedAt: ctx.now.toISOString(),
      roleArn: role.arn,
      roleId: role.roleId,
      roleName: role.roleName,
      sessionName,
      sourceIdentity: input.SourceIdentity ?? ctx.principal.session?.sourceIdentity,
      policy: input.Policy,
      policyArns: input.PolicyArns?.map((p) => p.arn!).filter(Boolean),
      tags: Object.keys(tags).length ? tags : undefined,
      mfaAuthenticated: Boolean(input.TokenCode),
    },
  };
  role.lastUsed = { date: ctx.now, region: ctx.region };
  const packed = input.Policy || input.PolicyArns?.length || input.Tags?.length;
  return {
    Credentials: issue(ctx, principal, duration),
    AssumedRoleUser: { AssumedRoleId: assumedId, Arn: assumedArn },
    PackedPolicySize: packed ? Math.min(100, Math.ceil(((input.Policy?.length ?? 0) + (input.Tags?.length ?? 0) * 20) / 20)) : undefined,
    SourceIdentity: principal.session?.sourceIdentity,
  };
}

export function getSessionToken(input: GetSessionTokenRequest, ctx: RequestContext): Output<GetSessionTokenResponse> {
  new ProblemList().range('durationSeconds', input.DurationSeconds, 900, 129600).check();
  if (ctx.principal.session) {
    throw new AwsServiceError('AccessDenied', 'Cannot call GetSessionToken with session credentials', { status: 403 });
  }
  const max = ctx.principal.type === 'Root' ? ONE_HOUR : 129600;
  const duration = Math.min(input.DurationSeconds ?? 43200, max);
  const principal: Principal = { ...ctx.principal, session: { issuedAt: ctx.now.toISOString(), mfaAuthenticated: Boolean(input.TokenCode) } };
  return { Credentials: issue(ctx, principal, duration) };
}
