import { z } from 'zod';
import { formatAwsError } from '../../aws/errors.ts';
import { couldNotCheck, finding } from '../lib/findings.ts';
import { defineCheck } from '../types.ts';

const id = 'lab-probe-outcome';

const params = z.strictObject({
  /** Id of a probe the lab defines (a call made at grading time, e.g. as a member-account principal). */
  probe: z.string().min(1),
  /** The outcome a secure environment gives. */
  expect: z.enum(['allowed', 'denied']),
  /**
   * Probes of legitimate work that must still be allowed for this to pass: a guardrail that denies
   * the forbidden call by denying everything (every training job, not just the ones outside a VPC)
   * fails. They are evaluated only once the main probe has the expected outcome.
   */
  stillAllowed: z.array(z.string().min(1)).optional(),
});

/**
 * Grades what an environment actually does, not how it is configured: a lab's probe attempts a
 * call (a forbidden training job under an SCP, an S3 read as the execution role) and this check
 * compares the outcome with what a secure environment gives. Used for effective-permission and
 * guardrail labs, where many configurations are correct and only the behaviour matters.
 */
export default defineCheck<z.infer<typeof params>>({
  id,
  title: 'A probe call is allowed or denied exactly as a secure environment would decide',
  service: 'lab',
  resourceType: 'MLSEC::Lab::Probe',
  severity: 'high',
  risk: 'Policies that look right can still allow what they should deny (a missing condition, an allow elsewhere) or deny what the workload needs. Only trying the call shows the effective decision.',
  securityHub: [],
  syllabus: ['4.3.S2', '4.3.S4'],
  remediation: {
    text: 'Ask IAM why the call was allowed or denied (policy simulator, or the AccessDenied message), then change the identity policy, resource policy or SCP that decided it.',
    cli: 'aws iam simulate-principal-policy --policy-source-arn <principal-arn> --action-names <service:Action> --resource-arns <resource-arn>',
    docs: 'Testing IAM policies with the IAM policy simulator',
  },
  reads: ['lab.probes'],
  params,
  scope: () => ({}),
  evaluate(inventory, p) {
    const probes = inventory.lab?.probes;
    if (!probes) return [];
    const observed = probes[p.probe];
    const resource = { type: 'MLSEC::Lab::Probe', id: p.probe };
    if (!observed) return [];
    if (!observed.ok) return [couldNotCheck(id, resource, `probe ${p.probe}`, observed.error, 'the probe call')];
    const result = observed.value;
    const evidence = [{ field: result.description, value: result.outcome === 'allowed' ? 'allowed' : `${result.outcome}${result.errorCode ? ` (${result.errorCode})` : ''}`, expected: p.expect }];
    if (result.outcome === 'error') {
      return [couldNotCheck(id, resource, result.description, { code: result.errorCode ?? 'Error', message: result.message ?? 'the probe failed' }, `what happens when ${result.description}`)];
    }
    if (result.outcome === p.expect) {
      for (const other of p.stillAllowed ?? []) {
        const seen = probes[other];
        if (!seen) return [couldNotCheck(id, resource, `probe ${other}`, { code: 'NoProbe', message: `the probe ${other} did not run` }, 'legitimate work')];
        if (!seen.ok) return [couldNotCheck(id, resource, `probe ${other}`, seen.error, 'the probe call')];
        const legit = seen.value;
        evidence.push({ field: legit.description, value: legit.outcome === 'allowed' ? 'allowed' : `${legit.outcome}${legit.errorCode ? ` (${legit.errorCode})` : ''}`, expected: 'allowed' });
        if (legit.outcome === 'error') return [couldNotCheck(id, resource, legit.description, { code: legit.errorCode ?? 'Error', message: legit.message ?? 'the probe failed' }, `what happens when ${legit.description}`)];
        if (legit.outcome === 'denied') {
          const why = legit.message ? ` (${formatAwsError({ code: legit.errorCode ?? 'AccessDenied', message: legit.message })})` : '';
          return [finding(id, resource, 'fail', `${result.description} is ${result.outcome} as it should be, but so is legitimate work: ${legit.description} is denied${why}. The guardrail must only refuse what is forbidden.`, evidence)];
        }
      }
      return [finding(id, resource, 'pass', `As it should be: ${result.description} is ${result.outcome}${p.stillAllowed?.length ? ', and legitimate work is still allowed' : ''}.`, evidence)];
    }
    const detail = result.outcome === 'denied' && result.message ? ` (${formatAwsError({ code: result.errorCode ?? 'AccessDenied', message: result.message })})` : '';
    return [finding(id, resource, 'fail', `${result.description} is ${result.outcome}${detail}, but a secure setup would have it ${p.expect}.`, evidence)];
  },
});
