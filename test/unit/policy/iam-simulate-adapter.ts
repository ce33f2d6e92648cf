/**
 * Runs the same question through @cloud-copilot/iam-simulate (AGPL-3.0, a devDependency used only
 * by tests and benchmarks) so our engine can be compared with an independent implementation.
 * iam-simulate does not derive context keys from the principal, so we pass the ones our engine
 * derives (aws:PrincipalArn, aws:PrincipalAccount, aws:username, aws:PrincipalTag/*).
 */
import { anonymousPrincipal, runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import type { ApplicablePolicies, AuthorizationRequest, ContextValue, Decision, OrganizationPolicies, PolicyInput } from '../../../src/emulator/policy/index.ts';

const roleOf = (sessionArn: string) => sessionArn.replace(':sts::', ':iam::').replace(/:assumed-role\/([^/]+)\/.*$/, ':role/$1');

function asDocument(p: PolicyInput): unknown {
  return typeof p.document === 'string' ? JSON.parse(p.document) : p.document;
}

function org(o: OrganizationPolicies | undefined): Simulation['serviceControlPolicies'] {
  if (!o || o.managementAccount) return [];
  return o.levels.map((l) => ({ orgIdentifier: l.target, policies: l.policies.map((p) => ({ name: (p as PolicyInput).name, policy: asDocument(p as PolicyInput) })) }));
}

function contextFor(request: AuthorizationRequest): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const p = request.principal;
  if (p.arn && p.type !== 'service') {
    out['aws:PrincipalArn'] = p.type === 'assumed-role' ? (p.roleArn ?? roleOf(p.arn)) : p.arn;
    out['aws:PrincipalAccount'] = p.arn.split(':')[4]!;
  }
  if (p.type === 'user' && p.arn) out['aws:username'] = p.arn.slice(p.arn.lastIndexOf('/') + 1);
  for (const [k, v] of Object.entries(p.tags ?? {})) out[`aws:PrincipalTag/${k}`] = v;
  for (const [k, v] of Object.entries(request.context ?? {})) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.map(String) : String(v as ContextValue);
  }
  return out;
}

export function toSimulation(request: AuthorizationRequest, policies: ApplicablePolicies): Simulation {
  const p = request.principal;
  const sessionStatements = (policies.sessionPolicies ?? []).flatMap((s) => {
    const d = asDocument(s as PolicyInput) as { Statement: unknown };
    return Array.isArray(d.Statement) ? d.Statement : [d.Statement];
  });
  const simulation: Simulation = {
    request: {
      principal: p.type === 'anonymous' ? anonymousPrincipal : p.arn!,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount ?? request.resource.split(':')[4] ?? '' },
      contextVariables: contextFor(request),
    },
    identityPolicies: (policies.identity ?? []).map((i) => ({ name: (i as PolicyInput).name, policy: asDocument(i as PolicyInput) })),
    serviceControlPolicies: org(policies.scps),
    resourceControlPolicies: org(policies.rcps),
  };
  if (sessionStatements.length > 0) simulation.sessionPolicy = { Version: '2012-10-17', Statement: sessionStatements };
  if (policies.permissionsBoundary) simulation.permissionBoundaryPolicies = [{ name: (policies.permissionsBoundary as PolicyInput).name, policy: asDocument(policies.permissionsBoundary as PolicyInput) }];
  if (policies.resourcePolicy) simulation.resourcePolicy = asDocument(policies.resourcePolicy as PolicyInput);
  return simulation;
}

export async function iamSimulateDecision(request: AuthorizationRequest, policies: ApplicablePolicies): Promise<Decision> {
  const result = await runSimulation(toSimulation(request, policies), {});
  if (result.resultType === 'error') throw new Error(`iam-simulate rejected the scenario: ${JSON.stringify(result.errors)}`);
  return result.overallResult === 'Allowed' ? 'allowed' : result.overallResult === 'ExplicitlyDenied' ? 'explicitDeny' : 'implicitDeny';
}
