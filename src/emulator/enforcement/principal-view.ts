/**
 * Who is calling, as the policy engine needs it: the engine's principal (type, ARN, tags, session
 * facts) and the policies that go with it — identity policies, permissions boundary, session
 * policies, and the SCPs of the principal's account — compiled. Built from IAM's and Organizations'
 * state, and cached per access key until IAM or Organizations change (the enforcer's generation).
 */
import type { Principal } from '../auth/principal.ts';
import type { CompiledPolicyRef, OrganizationPolicies, RequestPrincipal } from '../policy/index.ts';
import { organizationOfAccount } from '../services/organizations/common.ts';
import { serviceControlPolicies } from '../services/organizations/scp-hierarchy.ts';
import type { OrganizationsState } from '../services/organizations/state.ts';
import { managedPolicy, defaultDocument, permissionsBoundaryOf, rolePolicies, userPolicies, type PrincipalPolicy } from '../services/iam/principal-policies.ts';
import type { IamState } from '../services/iam/state.ts';
import type { StateReader } from './access-check.ts';
import type { PolicyCompiler } from './policy-compiler.ts';

export interface PrincipalView {
  readonly principal: RequestPrincipal;
  readonly identity: readonly CompiledPolicyRef[];
  readonly permissionsBoundary?: CompiledPolicyRef;
  readonly sessionPolicies?: readonly CompiledPolicyRef[];
  readonly scps?: OrganizationPolicies;
  /** aws:PrincipalOrgID / aws:PrincipalOrgPaths of the principal's account. */
  readonly orgId?: string;
  readonly orgPaths?: readonly string[];
}

const DENY_ALL = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'UnreadableSessionPolicy', Effect: 'Deny', Action: '*', Resource: '*' }] });

const tags = (list: readonly { Key: string; Value: string }[] | undefined): Record<string, string> => Object.fromEntries((list ?? []).map((t) => [t.Key, t.Value]));

function compileAll(compiler: PolicyCompiler, holder: string, policies: readonly PrincipalPolicy[], type: 'identity' | 'session'): CompiledPolicyRef[] {
  const out: CompiledPolicyRef[] = [];
  for (const p of policies) {
    const compiled = compiler.compile(`${type}|${holder}|${p.arn ?? p.name}`, { name: p.name, arn: p.arn, source: p.source, document: p.document }, type);
    if (compiled) out.push(compiled);
  }
  return out;
}

/** The SCPs of an account in the engine's shape (compiled per policy id and revision). */
export function scpsOf(read: StateReader, compiler: PolicyCompiler, accountId: string): OrganizationPolicies | undefined {
  const hierarchy = serviceControlPolicies(accountId, (id) => read<OrganizationsState>('organizations', id));
  if (!hierarchy) return undefined;
  return {
    managementAccount: hierarchy.managementAccount,
    levels: hierarchy.levels.map((level) => ({
      target: level.target,
      policies: level.policies.flatMap((p) => {
        const compiled = compiler.compile(`scp|${p.id}@${p.revision}`, { name: p.name, arn: p.arn, source: p.source, document: p.document }, 'scp');
        return compiled ? [compiled] : [];
      }),
    })),
  };
}

function organizationFacts(read: StateReader, accountId: string): { orgId?: string; orgPaths?: string[] } {
  const found = organizationOfAccount((id) => read<OrganizationsState>('organizations', id), accountId);
  if (!found) return {};
  const { org } = found;
  const account = org.accounts.get(accountId);
  const path: string[] = [];
  if (account) for (let id = account.parentId; id !== org.root.id && org.ous.has(id); id = org.ous.get(id)!.parentId) path.unshift(id);
  return { orgId: org.id, orgPaths: [`${org.id}/${org.root.id}/${path.map((p) => `${p}/`).join('')}`] };
}

export function buildPrincipalView(p: Principal, read: StateReader, compiler: PolicyCompiler): PrincipalView {
  const org = p.type === 'Anonymous' ? {} : organizationFacts(read, p.accountId);
  const scps = p.type === 'Anonymous' ? undefined : scpsOf(read, compiler, p.accountId);
  const base = { scps, orgId: org.orgId, orgPaths: org.orgPaths };
  if (p.type === 'Anonymous') return { principal: { type: 'anonymous' }, identity: [] };
  if (p.type === 'Root') return { ...base, principal: { type: 'root', arn: p.arn, accountId: p.accountId, userId: p.accountId }, identity: [] };

  const iam = read<IamState>('iam', p.accountId);
  if (p.type === 'IAMUser') {
    const user = iam?.users.get(p.userName ?? p.arn.split('/').pop()!);
    const current = user && user.arn === p.arn ? user : undefined;
    const boundary = current && iam ? permissionsBoundaryOf(iam, current) : undefined;
    return {
      ...base,
      principal: { type: 'user', arn: p.arn, accountId: p.accountId, userId: p.userId, tags: tags(current?.tags) },
      identity: current && iam ? compileAll(compiler, current.arn, userPolicies(iam, current), 'identity') : [],
      permissionsBoundary: boundary && compiler.compile(`boundary|${current!.arn}|${boundary.arn}`, boundary, 'permissionsBoundary'),
    };
  }

  // An assumed-role session: the role's policies, narrowed by the session's own.
  const session = p.session;
  const role = session?.roleName ? iam?.roles.get(session.roleName) : undefined;
  const current = role && role.arn === session?.roleArn ? role : undefined;
  const boundary = current && iam ? permissionsBoundaryOf(iam, current) : undefined;
  const sessionPolicies: PrincipalPolicy[] = [];
  if (session?.policy) sessionPolicies.push({ name: 'session policy', source: `inline session policy of ${p.arn}`, document: session.policy, sourceType: 'none' });
  for (const arn of session?.policyArns ?? []) {
    const policy = managedPolicy(iam, arn);
    const document = policy && defaultDocument(policy);
    // A managed session policy that no longer exists grants nothing.
    sessionPolicies.push(document !== undefined ? { name: policy!.policyName, arn, source: `managed session policy of ${p.arn}`, document, sourceType: 'none' } : { name: arn, arn, source: `missing managed session policy ${arn}`, document: DENY_ALL, sourceType: 'none' });
  }
  let compiledSession: CompiledPolicyRef[] | undefined;
  if (sessionPolicies.length) {
    compiledSession = compileAll(compiler, p.arn + (p.accessKeyId ?? ''), sessionPolicies, 'session');
    if (compiledSession.length < sessionPolicies.length) compiledSession.push(compiler.compile('session|deny-all', { name: 'unreadable session policy', document: DENY_ALL }, 'session')!);
  }
  return {
    ...base,
    principal: {
      type: 'assumed-role',
      arn: p.arn,
      accountId: p.accountId,
      roleArn: session?.roleArn,
      sessionName: session?.sessionName,
      sourceIdentity: session?.sourceIdentity,
      userId: p.userId,
      tags: { ...tags(current?.tags), ...(session?.tags ?? {}) },
    },
    identity: current && iam ? compileAll(compiler, current.arn, rolePolicies(iam, current), 'identity') : [],
    permissionsBoundary: boundary && compiler.compile(`boundary|${current!.arn}|${boundary.arn}`, boundary, 'permissionsBoundary'),
    sessionPolicies: compiledSession,
  };
}
