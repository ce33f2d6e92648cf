/**
 * ARNs: splitting `arn:partition:service:region:account:resource` and matching ARN patterns segment
 * by segment, as IAM does for the Resource element and the Arn* condition operators. A wildcard in
 * one segment never spills into the next; the resource segment keeps its own colons and slashes.
 */
import { compileWildcard, type StringTest } from './wildcard.ts';

export interface ArnParts {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** The five segments after `arn:`, or undefined when `value` is not an ARN. */
export function splitArn(value: string): ArnParts | undefined {
  if (!value.startsWith('arn:')) return undefined;
  const parts: string[] = [];
  let start = 4;
  for (let i = 0; i < 4; i++) {
    const colon = value.indexOf(':', start);
    if (colon === -1) return undefined;
    parts.push(value.slice(start, colon));
    start = colon + 1;
  }
  return { partition: parts[0]!, service: parts[1]!, region: parts[2]!, account: parts[3]!, resource: value.slice(start) };
}

/** The account an ARN names, if any (`arn:aws:s3:::bucket` names none). */
export function arnAccount(value: string): string | undefined {
  const parts = splitArn(value);
  return parts && /^\d{12}$/.test(parts.account) ? parts.account : undefined;
}

/**
 * A case-sensitive matcher for one ARN pattern. Patterns that are not six-segment ARNs (`*`, or a
 * truncated `arn:aws:s3:*`) are matched as plain wildcard strings over the whole value.
 */
export function compileArnPattern(pattern: string): StringTest {
  if (pattern === '*') return () => true;
  const p = splitArn(pattern);
  if (!p) return compileWildcard(pattern);
  if (!pattern.includes('*') && !pattern.includes('?')) return compileWildcard(pattern);
  const partition = compileWildcard(p.partition);
  const service = compileWildcard(p.service);
  const region = compileWildcard(p.region);
  const account = compileWildcard(p.account);
  const resource = compileWildcard(p.resource);
  return (value) => {
    const v = splitArn(value);
    return (
      v !== undefined &&
      service(v.service) &&
      resource(v.resource) &&
      account(v.account) &&
      region(v.region) &&
      partition(v.partition)
    );
  };
}

/** The role ARN of an assumed-role session ARN (`arn:aws:sts::1:assumed-role/R/s` → `arn:aws:iam::1:role/R`). */
export function roleArnOfSession(sessionArn: string): string | undefined {
  const p = splitArn(sessionArn);
  if (!p || p.service !== 'sts' || !p.resource.startsWith('assumed-role/')) return undefined;
  const roleName = p.resource.slice('assumed-role/'.length).split('/')[0];
  return roleName ? `arn:${p.partition}:iam::${p.account}:role/${roleName}` : undefined;
}

/** The name of a user or role (last path segment) from its ARN. */
export function nameFromArn(arn: string): string {
  const p = splitArn(arn);
  const resource = p ? p.resource : arn;
  return resource.slice(resource.lastIndexOf('/') + 1);
}
