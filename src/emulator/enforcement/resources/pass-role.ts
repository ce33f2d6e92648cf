/**
 * iam:PassRole: a call that hands a role to a service (SageMaker's execution role, CloudTrail's
 * CloudWatch Logs role, an EventBridge target's role …) also needs permission to pass that role,
 * with iam:PassedToService naming the service that will assume it.
 */
import type { AccessCheck, ResolverCall } from '../access-check.ts';

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/.+$/;

export function passRoleCheck(call: ResolverCall, roleArn: unknown, service: string): AccessCheck | undefined {
  if (typeof roleArn !== 'string') return undefined;
  const m = ROLE_ARN.exec(roleArn);
  if (!m) return undefined;
  return {
    action: 'iam:PassRole',
    resource: roleArn,
    resourceAccount: m[1],
    context: { 'iam:PassedToService': service },
  };
}

/** PassRole checks for every role ARN found under the given input paths (`a.b` walks objects, lists are flattened). */
export function passRoleChecks(call: ResolverCall, paths: readonly string[], service: string): AccessCheck[] {
  const out: AccessCheck[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    for (const value of valuesAt(call.input, path.split('.'))) {
      const check = passRoleCheck(call, value, service);
      if (check && !seen.has(check.resource)) {
        seen.add(check.resource);
        out.push(check);
      }
    }
  }
  return out;
}

function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return [value];
  if (Array.isArray(value)) return value.flatMap((v) => valuesAt(v, path));
  if (!value || typeof value !== 'object') return [];
  return valuesAt((value as Record<string, unknown>)[path[0]!], path.slice(1));
}
