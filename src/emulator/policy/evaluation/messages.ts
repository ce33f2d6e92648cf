/**
 * AccessDenied wording, after AWS's "Troubleshooting access denied error messages" (IAM User
 * Guide): "User: <arn> is not authorized to perform: <action> on resource: <resource> <context>",
 * where the context is "with an explicit deny in a <policy type>" or "because no <policy type>
 * allows the <action> action". For role trust policies AWS writes "in the role trust policy".
 */
import type { DecidingPolicyType, MatchedStatement, PolicyType } from '../types.ts';

export const POLICY_TYPE_WORDS: Record<PolicyType, DecidingPolicyType> = {
  identity: 'identity-based policy',
  permissionsBoundary: 'permissions boundary',
  session: 'session policy',
  scp: 'service control policy',
  rcp: 'resource control policy',
  resource: 'resource-based policy',
};

function article(type: DecidingPolicyType): string {
  if (type === 'role trust policy') return 'the';
  return /^[aeiou]/.test(type) ? 'an' : 'a';
}

export function explicitDenyReason(type: DecidingPolicyType): string {
  return `with an explicit deny in ${article(type)} ${type}`;
}

export function implicitDenyReason(type: DecidingPolicyType, action: string): string {
  return `because no ${type} allows the ${action} action`;
}

export function accessDeniedMessage(principalArn: string | undefined, action: string, resource: string, reason: string): string {
  const who = principalArn ?? 'anonymous';
  const on = resource === '*' ? '' : ` on resource: ${resource}`;
  return `User: ${who} is not authorized to perform: ${action}${on} ${reason}`;
}

function describe(s: MatchedStatement): string {
  const statement = s.sid ? `statement "${s.sid}" (#${s.statementIndex})` : `statement #${s.statementIndex}`;
  const where = s.orgTarget ? ` attached to ${s.orgTarget}` : '';
  return `${statement} of ${POLICY_TYPE_WORDS[s.policyType]} "${s.policyName}"${where}`;
}

export function allowSummary(action: string, resource: string, grants: readonly MatchedStatement[], fallback: string): string {
  if (grants.length === 0) return `Allowed: ${fallback}.`;
  return `Allowed: ${grants.map(describe).join('; ')} ${grants.length === 1 ? 'allows' : 'allow'} ${action} on ${resource}.`;
}

export function denySummary(action: string, resource: string, denies: readonly MatchedStatement[], reason: string): string {
  if (denies.length > 0) return `Explicitly denied: ${denies.map(describe).join('; ')} ${denies.length === 1 ? 'denies' : 'deny'} ${action} on ${resource}.`;
  return `Implicitly denied ${reason} (resource ${resource}).`;
}
