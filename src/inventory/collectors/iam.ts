/**
 * IAM collector: per role in scope, the trust policy, the permissions boundary and every identity
 * policy that applies to it (inline documents and the default version of each attached managed
 * policy), so checks can evaluate what the role may actually do.
 */
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import type { AwsClients } from '../../aws/index.ts';
import { observe, observedError, observedValue, type Observed } from '../observed.ts';
import { mapLimit, paginate } from '../paginate.ts';
import type { ResourceSelector } from '../scope.ts';
import type { IamInventory, IamRole, IamRolePolicy } from '../types-iam.ts';
import type { PolicyDocument } from '../types.ts';
import { parsePolicyDocument } from '../policy-document.ts';

export interface IamScope {
  roles?: ResourceSelector;
}

export async function collectIam(aws: AwsClients, scope: IamScope, account: { id: string; partition: string }): Promise<IamInventory> {
  const iam = await aws.client('iam');
  const selector = scope.roles ?? {};
  const names = new Set(selector.names ?? []);
  let listing: Observed<string[]> | undefined;
  if (selector.namePrefix !== undefined || selector.tags) {
    listing = await observe('IAM.ListRoles', () =>
      paginate(async (token) => {
        const page = await iam.send(new ListRolesCommand({ Marker: token, MaxItems: 1000 }));
        return { items: (page.Roles ?? []).map((r) => r.RoleName!).filter(Boolean), next: page.IsTruncated ? page.Marker : undefined };
      }),
    );
    if (listing.ok) {
      let candidates = listing.value.filter((name) => selector.namePrefix === undefined || name.startsWith(selector.namePrefix));
      if (selector.tags) {
        const wanted = Object.entries(selector.tags);
        const tagged = await mapLimit(candidates, 8, async (name) => {
          const tags = await readTags(iam, name);
          return tags.ok && wanted.every(([k, v]) => tags.value[k] === v) ? name : undefined;
        });
        candidates = tagged.filter((n): n is string => n !== undefined);
      }
      for (const name of candidates) names.add(name);
    }
  }
  const roles = await mapLimit([...names].sort(), 4, (name) => collectRole(iam, name, account));
  return { roles, ...(listing ? { listing } : {}) };
}

async function collectRole(iam: IAMClient, name: string, account: { id: string; partition: string }): Promise<IamRole> {
  const fallbackArn = `arn:${account.partition}:iam::${account.id}:role/${name}`;
  const got = await observe('IAM.GetRole', async () => (await iam.send(new GetRoleCommand({ RoleName: name }))).Role ?? null, { notFound: null });
  if (!got.ok || got.value === null) {
    const exists: Observed<boolean> = got.ok ? observedValue(false) : got;
    const missing = observedError({ code: got.ok ? 'NoSuchEntity' : got.error.code, message: got.ok ? `The role ${name} does not exist` : got.error.message, operation: 'IAM.GetRole', httpStatus: got.ok ? 404 : got.error.httpStatus });
    return { name, arn: fallbackArn, exists, trustPolicy: missing, policies: missing, permissionsBoundary: missing, tags: missing };
  }
  const role = got.value;
  const trustPolicy = parseDocument(role.AssumeRolePolicyDocument, 'IAM.GetRole.AssumeRolePolicyDocument');
  const boundaryArn = role.PermissionsBoundary?.PermissionsBoundaryArn;
  const [policies, permissionsBoundary, tags] = await Promise.all([
    readPolicies(iam, name),
    boundaryArn ? readManaged(iam, boundaryArn) : Promise.resolve(observedValue(null)),
    readTags(iam, name),
  ]);
  return { name, arn: role.Arn ?? fallbackArn, exists: observedValue(true), trustPolicy, policies, permissionsBoundary, tags };
}

/** Inline policies, then attached managed policies; any read that fails makes the whole list an error. */
async function readPolicies(iam: IAMClient, role: string): Promise<Observed<IamRolePolicy[]>> {
  const inlineNames = await observe('IAM.ListRolePolicies', () =>
    paginate(async (token) => {
      const page = await iam.send(new ListRolePoliciesCommand({ RoleName: role, Marker: token }));
      return { items: page.PolicyNames ?? [], next: page.IsTruncated ? page.Marker : undefined };
    }),
  );
  if (!inlineNames.ok) return inlineNames;
  const attached = await observe('IAM.ListAttachedRolePolicies', () =>
    paginate(async (token) => {
      const page = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role, Marker: token }));
      return { items: (page.AttachedPolicies ?? []).map((p) => p.PolicyArn!).filter(Boolean), next: page.IsTruncated ? page.Marker : undefined };
    }),
  );
  if (!attached.ok) return attached;
  const inline = await mapLimit(inlineNames.value, 4, async (policyName): Promise<Observed<IamRolePolicy>> => {
    const read = await observe('IAM.GetRolePolicy', async () => (await iam.send(new GetRolePolicyCommand({ RoleName: role, PolicyName: policyName }))).PolicyDocument);
    if (!read.ok) return read;
    const document = parseDocument(read.value, `IAM.GetRolePolicy(${policyName})`);
    return document.ok && document.value ? observedValue({ name: policyName, kind: 'inline', document: document.value }) : observedError(document.ok ? missingDocument(`IAM.GetRolePolicy(${policyName})`) : document.error);
  });
  const managed = await mapLimit(attached.value, 4, async (arn): Promise<Observed<IamRolePolicy>> => {
    const read = await readManaged(iam, arn);
    return read.ok && read.value === null ? observedError(missingDocument(`IAM.GetPolicy(${arn})`)) : (read as Observed<IamRolePolicy>);
  });
  const all = [...inline, ...managed];
  const failed = all.find((p) => !p.ok);
  if (failed && !failed.ok) return failed;
  return observedValue(all.map((p) => (p as { ok: true; value: IamRolePolicy }).value));
}

/** A managed policy's default version; null when the policy does not exist. */
async function readManaged(iam: IAMClient, arn: string): Promise<Observed<IamRolePolicy | null>> {
  const policy = await observe('IAM.GetPolicy', async () => (await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy ?? null, { notFound: null });
  if (!policy.ok || policy.value === null) return policy.ok ? observedValue(null) : policy;
  const versionId = policy.value.DefaultVersionId;
  const version = await observe('IAM.GetPolicyVersion', async () => (await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId }))).PolicyVersion?.Document);
  if (!version.ok) return version;
  const document = parseDocument(version.value, `IAM.GetPolicyVersion(${arn})`);
  if (!document.ok) return document;
  if (!document.value) return observedError(missingDocument(`IAM.GetPolicyVersion(${arn})`));
  const kind = /^arn:aws[a-z-]*:iam::aws:policy\//.test(arn) ? 'aws-managed' : 'customer-managed';
  return observedValue({ name: policy.value.PolicyName ?? arn.split('/').pop()!, kind, arn, document: document.value });
}

async function readTags(iam: IAMClient, role: string): Promise<Observed<Record<string, string>>> {
  return observe('IAM.ListRoleTags', async () => {
    const tags = await paginate(async (token) => {
      const page = await iam.send(new ListRoleTagsCommand({ RoleName: role, Marker: token }));
      return { items: page.Tags ?? [], next: page.IsTruncated ? page.Marker : undefined };
    });
    return Object.fromEntries(tags.map((t) => [t.Key ?? '', t.Value ?? '']));
  });
}

/** IAM returns policy documents URL-encoded (the SDK leaves them so); accept plain JSON too. */
function parseDocument(text: string | undefined, operation: string): Observed<PolicyDocument | null> {
  if (!text) return observedValue(null);
  const document = parsePolicyDocument(text);
  if (document) return observedValue(document);
  return observedError({ code: 'MalformedPolicyDocument', message: `The policy document returned by ${operation} is not valid JSON.`, operation });
}

function missingDocument(operation: string) {
  return { code: 'NoSuchEntity', message: `${operation} returned no policy document (it was deleted while being read?)`, operation, httpStatus: 404 };
}
