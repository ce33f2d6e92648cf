import { evaluateScheduleNetwork } from '../lib/monitoring-network.ts';
import { defineCheck } from '../types.ts';

const id = 'sagemaker-monitoring-schedule-inter-container-encryption';

export default defineCheck({
  id,
  title: 'SageMaker monitoring schedules encrypt traffic between the containers of their jobs',
  service: 'sagemaker',
  resourceType: 'AWS::SageMaker::Endpoint',
  severity: 'medium',
  risk: 'A monitoring job that runs on more than one instance exchanges captured data between its containers. Without inter-container traffic encryption that exchange crosses the network in clear text.',
  securityHub: ['SageMaker.22'],
  syllabus: ['4.3.S1', '4.1.S1'],
  remediation: {
    text: 'Create a new job definition with NetworkConfig.EnableInterContainerTrafficEncryption true and point the monitoring schedule at it (UpdateMonitoringSchedule), or recreate the schedule.',
    cli: 'aws sagemaker update-monitoring-schedule --monitoring-schedule-name <schedule> --monitoring-schedule-config \'{"MonitoringJobDefinitionName":"<new-definition>","MonitoringType":"DataQuality","ScheduleConfig":{"ScheduleExpression":"cron(0 * ? * * *)"}}\'',
    docs: 'MonitoringNetworkConfig',
  },
  reads: ['sagemakerHosting.endpoints[].monitoringSchedules.value[].network.value.enableInterContainerTrafficEncryption'],
  scope: (selector) => ({ sagemakerHosting: { endpoints: selector, monitoring: true } }),
  evaluate: (inventory) => evaluateScheduleNetwork(inventory, id, 'enableInterContainerTrafficEncryption', 'inter-container traffic encryption'),
});
