import { z } from 'zod';
import { couldNotCheck, finding } from '../lib/findings.ts';
import { describePolicy, evaluateRoles, roleResource } from '../lib/iam.ts';
import { evaluateRoleRequest, type RequestDecision } from '../lib/iam-evaluate.ts';
import { defineCheck, type Evidence } from '../types.ts';

const id = 'iam-role-effective-permissions';

const contextValue = z.union([z.string(), z.boolean(), z.number(), z.array(z.string())]);
const request = z.object({
  /** `s3:GetObject` */
  action: z.string().regex(/^[a-zA-Z0-9-]+:[A-Za-z0-9*]+$/, 'an IAM action such as s3:GetObject'),
  /** The ARN the request is about (`*` for actions without a resource). */
  resource: z.string().min(1),
  /** Request context keys, e.g. `{ "s3:prefix": "training/" }` for a ListBucket. */
  context: z.record(z.string(), contextValue).optional(),
  /** What the request stands for, for learners: "read the training data". */
  label: z.string().min(3).optional(),
});
const params = z.object({
  /** Requests the workload needs: each must be allowed. */
  allowed: z.array(request).default([]),
  /** Requests outside the workload's job: each must be denied. */
  denied: z.array(request).default([]),
});
type Request = z.infer<typeof request>;

function describeRequest(r: Request): string {
  return `${r.action} on ${r.resource}${r.context ? ` (${Object.entries(r.context).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')})` : ''}`;
}

function because(d: RequestDecision): string {
  const by = (effect: 'Allow' | 'Deny') =>
    d.matched
      .filter((m) => m.effect === effect)
      .map((m) => `${m.kind === 'boundary' ? `permissions boundary ${m.policy}` : describePolicy({ name: m.policy, kind: m.kind })} statement ${m.sid ? `"${m.sid}"` : m.index}`);
  switch (d.decision) {
    case 'allowed':
      return `allowed by ${by('Allow').join(', ')}`;
    case 'explicitDeny':
      return `denied explicitly by ${by('Deny').join(', ')}`;
    case 'implicitDeny':
      return by('Allow').length ? `denied: allowed by ${by('Allow').join(', ')} but not by the permissions boundary` : 'denied: no statement allows it';
    case 'unknown':
      return `cannot be decided here (${d.unknownBecause})`;
  }
}

export default defineCheck({
  id,
  title: 'IAM roles are allowed what their workload needs, and denied everything else tested',
  service: 'iam',
  resourceType: 'AWS::IAM::Role',
  severity: 'high',
  risk: 'An execution role is the blast radius of the code that runs as it. Permissions beyond the job — overwriting training data, reading other teams\' buckets, using other keys — are what an attacker, a poisoned dependency or a buggy script gets for free.',
  securityHub: [],
  syllabus: ['4.3.S1', '4.3.S2', '4.3.S4'],
  remediation: {
    text: 'Replace broad grants with statements that name exactly the actions and ARNs the workload uses (objects under its prefixes, its key), and check the result with the IAM policy simulator.',
    cli: 'aws iam simulate-principal-policy --policy-source-arn <role-arn> --action-names s3:GetObject s3:PutObject --resource-arns arn:aws:s3:::<bucket>/training/data.csv',
    docs: 'Testing IAM policies with the IAM policy simulator',
  },
  reads: ['iam.roles[].policies.value[].document', 'iam.roles[].policies.value[].name', 'iam.roles[].policies.value[].kind', 'iam.roles[].permissionsBoundary.value'],
  params,
  scope: (selector) => ({ iam: { roles: selector } }),
  evaluate(inventory, p) {
    return evaluateRoles(inventory, id, (role) => {
      const resource = roleResource(role);
      if (!role.policies.ok) return couldNotCheck(id, resource, 'ListRolePolicies/ListAttachedRolePolicies', role.policies.error, "the role's policies");
      if (!role.permissionsBoundary.ok) return couldNotCheck(id, resource, 'GetRole.PermissionsBoundary', role.permissionsBoundary.error, "the role's permissions boundary");
      const policies = role.policies.value;
      const boundary = role.permissionsBoundary.value;
      const results = [
        ...(p.allowed ?? []).map((r) => ({ r, want: 'allowed' as const, d: evaluateRoleRequest(r, policies, boundary) })),
        ...(p.denied ?? []).map((r) => ({ r, want: 'denied' as const, d: evaluateRoleRequest(r, policies, boundary) })),
      ];
      const status = (x: (typeof results)[number]) => (x.d.decision === 'unknown' ? 'unknown' : (x.d.decision === 'allowed') === (x.want === 'allowed') ? 'ok' : 'wrong');
      const wrong = results.filter((x) => status(x) === 'wrong');
      const unknown = results.filter((x) => status(x) === 'unknown');
      const evidence: Evidence[] = [...wrong, ...unknown, ...results.filter((x) => status(x) === 'ok')].map((x) => ({
        field: `${x.r.label ? `${x.r.label}: ` : ''}${describeRequest(x.r)}`,
        value: because(x.d),
        expected: x.want,
      }));
      const tooMuch = wrong.filter((x) => x.want === 'denied').map((x) => x.r.label ?? describeRequest(x.r));
      const missing = wrong.filter((x) => x.want === 'allowed').map((x) => x.r.label ?? describeRequest(x.r));
      if (wrong.length) {
        const parts = [tooMuch.length ? `it may still ${tooMuch.join('; ')}` : '', missing.length ? `the job could not ${missing.join('; ')}` : ''].filter(Boolean);
        return finding(id, resource, 'fail', `Evaluating the role's policies: ${parts.join(', and ')}.`, evidence);
      }
      if (unknown.length) return finding(id, resource, 'unknown', `Could not decide ${unknown.length} request(s) from the role's policies: ${unknown.map((x) => because(x.d)).join('; ')}.`, evidence);
      return finding(id, resource, 'pass', `All ${results.length} requests come out as they should: the ${(p.allowed ?? []).length} the job needs are allowed, the ${(p.denied ?? []).length} outside its job are denied.`, evidence);
    });
  },
});
