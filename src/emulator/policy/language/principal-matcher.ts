/**
 * The Principal / NotPrincipal element of resource policies, trust policies and RCPs.
 *
 * A match has a strength, because AWS treats them differently (see evaluation/decide.ts):
 * - `direct`: `*`, or the exact ARN of the caller (user ARN, session ARN), a service name, a canonical user;
 * - `role`: the role ARN of an assumed-role session (or of a role acting as itself);
 * - `account`: the caller's account (`123456789012` or `arn:aws:iam::123456789012:root`), which
 *   delegates the decision to the account's own IAM policies.
 * Wildcards inside principal ARNs are not part of IAM (only a bare `*` is), so comparison is exact.
 */
import { PolicyDocumentError } from '../errors.ts';
import { splitArn } from './arn.ts';

export type PrincipalMatch = 'direct' | 'role' | 'account' | 'none';

/** What the matcher needs to know about the caller. Built once per request. */
export interface PrincipalFacts {
  type: 'user' | 'role' | 'assumed-role' | 'root' | 'service' | 'anonymous';
  arn?: string;
  account?: string;
  /** For sessions and roles: the role ARN with path, and the role name. */
  roleArn?: string;
  roleName?: string;
  serviceName?: string;
  canonicalUserId?: string;
}

interface Entries {
  any: boolean;
  accounts: Set<string>;
  arns: Set<string>;
  /** Role ARNs, keyed by `account/name` so a path-less session ARN can be matched. */
  roles: Map<string, string>;
  services: Set<string>;
  canonical: Set<string>;
  federated: Set<string>;
}

export interface PrincipalMatcher {
  match(p: PrincipalFacts): PrincipalMatch;
  /** For NotPrincipal: true when every identity of the caller is listed (then the statement does not apply). */
  excludes(p: PrincipalFacts): boolean;
}

function list(value: unknown, path: string): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.map((v, i) => {
    if (typeof v !== 'string') throw new PolicyDocumentError(`${path}[${i}]`, 'a principal must be a string.');
    return v;
  });
}

export function compilePrincipal(element: unknown, path: string): PrincipalMatcher {
  const e: Entries = { any: false, accounts: new Set(), arns: new Set(), roles: new Map(), services: new Set(), canonical: new Set(), federated: new Set() };
  if (element === '*') e.any = true;
  else if (element && typeof element === 'object' && !Array.isArray(element)) {
    for (const [kind, value] of Object.entries(element)) {
      const values = list(value, `${path}.${kind}`);
      switch (kind) {
        case 'AWS':
          for (const v of values) addAws(e, v, `${path}.AWS`);
          break;
        case 'Service':
          for (const v of values) (v === '*' ? (e.any = true) : e.services.add(v.toLowerCase()));
          break;
        case 'CanonicalUser':
          for (const v of values) e.canonical.add(v);
          break;
        case 'Federated':
          for (const v of values) e.federated.add(v);
          break;
        default:
          throw new PolicyDocumentError(`${path}.${kind}`, 'a principal is one of AWS, Service, Federated or CanonicalUser.');
      }
    }
  } else {
    throw new PolicyDocumentError(path, 'Principal must be "*" or an object such as {"AWS": "arn:aws:iam::123456789012:root"}.');
  }
  return { match: (p) => match(e, p), excludes: (p) => excludes(e, p) };
}

function addAws(e: Entries, v: string, path: string): void {
  if (v === '*') {
    e.any = true;
    return;
  }
  if (/^\d{12}$/.test(v)) {
    e.accounts.add(v);
    return;
  }
  const parts = splitArn(v);
  if (!parts) throw new PolicyDocumentError(path, `"${v}" is not a valid principal; use an account id, an ARN, or "*".`);
  if (parts.service === 'iam' && parts.resource === 'root') e.accounts.add(parts.account);
  else if (parts.service === 'iam' && parts.resource.startsWith('role/')) {
    e.roles.set(`${parts.account}/${parts.resource.slice(parts.resource.lastIndexOf('/') + 1)}`, v);
    e.arns.add(v);
  } else e.arns.add(v);
}

function match(e: Entries, p: PrincipalFacts): PrincipalMatch {
  if (e.any) return 'direct';
  switch (p.type) {
    case 'anonymous':
      return 'none';
    case 'service':
      return p.serviceName !== undefined && e.services.has(p.serviceName.toLowerCase()) ? 'direct' : 'none';
    case 'role':
      if (p.arn !== undefined && e.arns.has(p.arn)) return 'role';
      if (p.account !== undefined && p.roleName !== undefined && e.roles.has(`${p.account}/${p.roleName}`)) return 'role';
      break;
    case 'assumed-role': {
      if (p.arn !== undefined && e.arns.has(p.arn)) return 'direct';
      if (p.roleArn !== undefined && e.arns.has(p.roleArn)) return 'role';
      if (p.account !== undefined && p.roleName !== undefined && e.roles.has(`${p.account}/${p.roleName}`)) return 'role';
      break;
    }
    default:
      if (p.arn !== undefined && e.arns.has(p.arn)) return 'direct';
  }
  if (p.canonicalUserId !== undefined && e.canonical.has(p.canonicalUserId)) return 'direct';
  return p.account !== undefined && e.accounts.has(p.account) ? 'account' : 'none';
}

function excludes(e: Entries, p: PrincipalFacts): boolean {
  if (e.any) return true;
  switch (p.type) {
    case 'anonymous':
      return false;
    case 'service':
      return p.serviceName !== undefined && e.services.has(p.serviceName.toLowerCase());
    case 'root':
      return p.account !== undefined && e.accounts.has(p.account);
    case 'assumed-role': {
      // AWS: to exempt a session, NotPrincipal must list the session, its role and its account.
      const roleListed = (p.roleArn !== undefined && e.arns.has(p.roleArn)) || (p.roleName !== undefined && e.roles.has(`${p.account}/${p.roleName}`));
      return p.arn !== undefined && e.arns.has(p.arn) && roleListed && p.account !== undefined && e.accounts.has(p.account);
    }
    default:
      return p.arn !== undefined && e.arns.has(p.arn) && p.account !== undefined && e.accounts.has(p.account);
  }
}
