/**
 * Finding a managed policy by ARN: the account's customer managed policies, or AWS managed
 * policies (`arn:aws:iam::aws:policy/...`, with AWS's published documents, loaded on first use).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArn } from '../../core/arn.ts';
import type { RequestContext } from '../../core/context.ts';
import { createHash } from 'node:crypto';
import { iam, invalidInput, noSuchEntity } from './common.ts';
import type { ManagedPolicy } from './state.ts';

interface AwsPolicyData {
  path: string;
  defaultVersionId: string;
  createDate: string;
  updateDate: string;
  document: unknown;
}

let awsPolicies: Map<string, ManagedPolicy> | undefined;

/** A stable ANPA… id per AWS managed policy (the same in every account, as on AWS). */
function stableId(name: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const hash = createHash('sha256').update(name).digest();
  let id = 'ANPA';
  for (let i = 0; i < 17; i++) id += alphabet[hash[i]! % alphabet.length];
  return id;
}

/** AWS managed policies by ARN. They are read-only and shared by every account. */
export function awsManagedPolicies(): Map<string, ManagedPolicy> {
  if (!awsPolicies) {
    const file = JSON.parse(readFileSync(join(import.meta.dirname, 'data', 'aws-managed-policies.json'), 'utf8')) as { policies: Record<string, AwsPolicyData> };
    awsPolicies = new Map();
    for (const [name, p] of Object.entries(file.policies)) {
      const arn = `arn:aws:iam::aws:policy${p.path}${name}`;
      const versionNumber = Number(p.defaultVersionId.slice(1));
      awsPolicies.set(arn, {
        policyName: name,
        policyId: stableId(name),
        arn,
        path: p.path,
        createDate: new Date(p.createDate),
        updateDate: new Date(p.updateDate),
        tags: [],
        defaultVersionId: p.defaultVersionId,
        versions: [{ versionId: p.defaultVersionId, document: JSON.stringify(p.document, null, 4), createDate: new Date(p.updateDate) }],
        nextVersion: versionNumber + 1,
      });
    }
  }
  return awsPolicies;
}

export function isAwsManaged(arn: string): boolean {
  return arn.startsWith('arn:aws:iam::aws:policy/');
}

/** The policy an ARN names, visible to this account; throws NoSuchEntity (or InvalidInput for a non-ARN). */
export function requirePolicy(ctx: RequestContext, arn: string): ManagedPolicy {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'iam' || !parsed.resource.startsWith('policy/')) throw invalidInput(`ARN ${arn} is not valid.`);
  const policy = isAwsManaged(arn) ? awsManagedPolicies().get(arn) : parsed.accountId === ctx.accountId ? iam(ctx).policies.get(arn) : undefined;
  if (!policy) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
  return policy;
}

/** A permissions boundary must be an existing managed policy. */
export function checkBoundary(ctx: RequestContext, arn: string): void {
  try {
    requirePolicy(ctx, arn);
  } catch {
    throw noSuchEntity(`Scope ARN: ${arn} does not exist or is not attachable.`);
  }
}
