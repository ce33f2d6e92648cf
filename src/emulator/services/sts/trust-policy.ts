/**
 * Does a role's trust policy let this principal assume it? Answered by the IAM policy engine
 * (src/emulator/policy/) with the trust policy as the resource policy, so every condition operator,
 * policy variable and Principal form works as in enforcement.
 *
 * This is the check AssumeRole always makes, enforcement on or off, so it asks about the trust
 * policy alone: the caller's own identity policies are treated as allowing (with IAM enforcement on,
 * the pipeline has already evaluated them together with the trust policy and SCPs before the handler
 * runs). A trust policy naming the caller's account therefore admits every principal of that account
 * here, as it does on AWS when their IAM policies allow sts:AssumeRole.
 */
import type { Principal } from '../../auth/principal.ts';
import { authorize, type ContextValue, type RequestPrincipal } from '../../policy/index.ts';

export interface TrustRequest {
  readonly principal: Principal;
  /** `sts:AssumeRole`, `sts:TagSession`, `sts:SetSourceIdentity` … */
  readonly action: string;
  /** The role being assumed (default: a placeholder in the caller's account). */
  readonly roleArn?: string;
  /** Condition keys with their values for this request (sts:ExternalId, aws:PrincipalArn …). */
  readonly context: Readonly<Record<string, ContextValue | undefined>>;
}

export interface TrustDecision {
  readonly allowed: boolean;
  /** Why, for error messages and debugging. */
  readonly reason: string;
}

const IDENTITY_SIDE_ALLOWS = { name: 'identity side not consulted', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } };

/** The engine's view of an emulator principal (no policies: those come from IAM's state). */
export function requestPrincipalOf(p: Principal): RequestPrincipal {
  switch (p.type) {
    case 'Root':
      return { type: 'root', arn: p.arn, accountId: p.accountId, userId: p.accountId };
    case 'IAMUser':
      return { type: 'user', arn: p.arn, accountId: p.accountId, userId: p.userId };
    case 'AssumedRole':
      return { type: 'assumed-role', arn: p.arn, accountId: p.accountId, roleArn: p.session?.roleArn, sessionName: p.session?.sessionName, sourceIdentity: p.session?.sourceIdentity, userId: p.userId, tags: p.session?.tags };
    default:
      return { type: 'anonymous' };
  }
}

export function evaluateTrustPolicy(document: string, request: TrustRequest): TrustDecision {
  const principal = requestPrincipalOf(request.principal);
  const roleArn = request.roleArn ?? `arn:aws:iam::${request.principal.accountId}:role/role`;
  try {
    const result = authorize(
      { principal, action: request.action, resource: roleArn, context: request.context },
      { identity: [IDENTITY_SIDE_ALLOWS], resourcePolicy: { name: 'AssumeRolePolicyDocument', arn: roleArn, source: `trust policy of ${roleArn}`, document, kind: 'trust' } },
    );
    return result.decision === 'allowed' ? { allowed: true, reason: result.summary } : { allowed: false, reason: result.reason ?? result.summary };
  } catch (error) {
    return { allowed: false, reason: `the trust policy cannot be evaluated: ${(error as Error).message}` };
  }
}
