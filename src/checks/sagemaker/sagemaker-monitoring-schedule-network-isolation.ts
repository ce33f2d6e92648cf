import { evaluateScheduleNetwork } from '../lib/monitoring-network.ts';
import { defineCheck } from '../types.ts';

const id = 'sagemaker-monitoring-schedule-network-isolation';

export default defineCheck({
  id,
  title: 'SageMaker monitoring schedules run their jobs with network isolation',
  service: 'sagemaker',
  resourceType: 'AWS::SageMaker::Endpoint',
  severity: 'medium',
  risk: 'A monitoring job reads captured requests and responses — customer data. Without network isolation its container can open connections to the internet, so a compromised or careless analysis image could send that data anywhere.',
  securityHub: ['SageMaker.14'],
  syllabus: ['4.3.S1', '4.3.S5', '4.1.S1'],
  remediation: {
    text: 'Job definitions cannot be changed: create a new one with NetworkConfig.EnableNetworkIsolation true (and inter-container encryption), then point the schedule at it with UpdateMonitoringSchedule, or recreate the schedule.',
    cli: 'aws sagemaker create-data-quality-job-definition --job-definition-name <new-definition> … --network-config \'{"EnableNetworkIsolation":true,"EnableInterContainerTrafficEncryption":true}\'',
    docs: 'MonitoringNetworkConfig',
  },
  reads: ['sagemakerHosting.endpoints[].monitoringSchedules.value[].network.value.enableNetworkIsolation'],
  scope: (selector) => ({ sagemakerHosting: { endpoints: selector, monitoring: true } }),
  evaluate: (inventory) => evaluateScheduleNetwork(inventory, id, 'enableNetworkIsolation', 'network isolation'),
});
