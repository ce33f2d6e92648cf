import type { Observed } from '../../inventory/observed.ts';
import type { HostedEndpoint, Inventory, MetricAlarmSummary } from '../../inventory/types.ts';
import type { CheckResource, Finding } from '../types.ts';
import { couldNotCheck } from './findings.ts';
import { needsAliases, resolveKeyId } from './kms.ts';

export function endpointResource(endpoint: HostedEndpoint): CheckResource {
  const arn = endpoint.endpoint.ok ? endpoint.endpoint.value?.arn : undefined;
  return { type: 'AWS::SageMaker::Endpoint', id: endpoint.name, ...(arn ? { arn } : {}) };
}

/**
 * Evaluates each endpoint that exists. One whose description could not be read gets "could not
 * check"; one looked up by name and absent gets no finding (the lab engine reports it missing).
 */
export function evaluateEndpoints(inventory: Inventory, checkId: string, evaluate: (endpoint: HostedEndpoint, details: NonNullable<Extract<HostedEndpoint['endpoint'], { ok: true }>['value']>) => Finding): Finding[] {
  const findings: Finding[] = [];
  for (const endpoint of inventory.sagemakerHosting?.endpoints ?? []) {
    if (!endpoint.endpoint.ok) {
      findings.push(couldNotCheck(checkId, endpointResource(endpoint), 'SageMaker.DescribeEndpoint', endpoint.endpoint.error, 'the endpoint'));
      continue;
    }
    if (!endpoint.endpoint.value) continue;
    findings.push(evaluate(endpoint, endpoint.endpoint.value));
  }
  return findings;
}

/** The error of an observed value that was not read, or "not collected" when the scope missed it. */
export function unreadable<T>(observed: Observed<T> | undefined): { code: string; message: string } | undefined {
  if (!observed) return { code: 'NotCollected', message: 'this setting was not read' };
  return observed.ok ? undefined : observed.error;
}

/**
 * Whether a configured key reference names the expected key. `unknown` when an alias is involved
 * and the aliases could not be read.
 */
export function sameKey(configured: string, expected: string, inventory: Inventory): boolean | 'unknown' {
  const aliasesNeeded = needsAliases(expected) || needsAliases(configured);
  const aliases = inventory.kms?.aliases;
  if (aliasesNeeded && (!aliases || !aliases.ok)) return 'unknown';
  const list = aliases?.ok ? aliases.value : [];
  const want = resolveKeyId(expected, list);
  return want !== undefined && resolveKeyId(configured, list) === want;
}

/** Alarms watching an AWS/SageMaker metric of this endpoint (directly or inside metric math). */
export function endpointAlarms(alarms: readonly MetricAlarmSummary[], endpointName: string, metricName: string): MetricAlarmSummary[] {
  const matches = (m: { namespace?: string; metricName?: string; dimensions: Record<string, string> }) =>
    m.namespace === 'AWS/SageMaker' && m.metricName === metricName && m.dimensions.EndpointName === endpointName;
  return alarms.filter((a) => matches(a) || a.metrics.some(matches));
}
