import type { Inventory, MonitoringNetwork } from '../../inventory/types.ts';
import type { Finding } from '../types.ts';
import { couldNotCheck, finding } from './findings.ts';
import { endpointResource, evaluateEndpoints, unreadable } from './sagemaker-hosting.ts';

/**
 * Shared by the schedule network checks (SageMaker.14, .22): every monitoring schedule of the
 * endpoint must run its job with `setting` on. An endpoint with no schedule fails: there is
 * nothing watching it yet, so there is nothing hardened either.
 */
export function evaluateScheduleNetwork(inventory: Inventory, checkId: string, setting: keyof Pick<MonitoringNetwork, 'enableNetworkIsolation' | 'enableInterContainerTrafficEncryption'>, what: string): Finding[] {
  const field = setting === 'enableNetworkIsolation' ? 'NetworkConfig.EnableNetworkIsolation' : 'NetworkConfig.EnableInterContainerTrafficEncryption';
  return evaluateEndpoints(inventory, checkId, (endpoint) => {
    const resource = endpointResource(endpoint);
    const error = unreadable(endpoint.monitoringSchedules);
    if (error || !endpoint.monitoringSchedules?.ok) return couldNotCheck(checkId, resource, 'SageMaker.ListMonitoringSchedules', error!, 'the endpoint’s monitoring schedules');
    const schedules = endpoint.monitoringSchedules.value;
    if (schedules.length === 0) return finding(checkId, resource, 'fail', `No monitoring schedule watches this endpoint, so there is no monitoring job whose ${what} could be checked.`, [{ field: 'ListMonitoringSchedules(EndpointName)', value: '(none)', expected: `schedules whose jobs have ${field} true` }]);
    const evidence = schedules.map((s) => ({ field: `${s.name}${s.jobDefinitionName ? ` (job definition ${s.jobDefinitionName})` : ''}.${field}`, value: s.network.ok ? s.network.value[setting] : 'could not read', expected: 'true' }));
    const off = schedules.filter((s) => s.network.ok && !s.network.value[setting]);
    if (off.length) return finding(checkId, resource, 'fail', `${off.map((s) => s.name).join(', ')} run${off.length === 1 ? 's' : ''} monitoring jobs without ${what}.`, evidence);
    const unknown = schedules.find((s) => !s.network.ok);
    if (unknown && !unknown.network.ok) return couldNotCheck(checkId, resource, 'SageMaker.Describe…JobDefinition', unknown.network.error, `the network settings of ${unknown.name}`);
    return finding(checkId, resource, 'pass', `Every monitoring schedule of this endpoint (${schedules.map((s) => s.name).join(', ')}) runs its jobs with ${what}.`, evidence);
  });
}
