import { couldNotCheck, finding } from '../lib/findings.ts';
import { endpointResource, evaluateEndpoints, unreadable } from '../lib/sagemaker-hosting.ts';
import { defineCheck } from '../types.ts';

const id = 'sagemaker-endpoint-data-quality-monitoring';

export default defineCheck({
  id,
  title: 'SageMaker endpoints have a running data-quality monitoring schedule with a baseline',
  service: 'sagemaker',
  resourceType: 'AWS::SageMaker::Endpoint',
  severity: 'medium',
  risk: 'Without a scheduled comparison against a baseline, a shift in the inputs (a new upstream feed, a changed unit, missing values) goes unnoticed while the endpoint keeps answering with HTTP 200 and ever worse predictions.',
  securityHub: [],
  syllabus: ['4.1.S1', '4.1.K2', '4.1.S3'],
  remediation: {
    text: 'Create a data-quality job definition that points at the baseline constraints and statistics and at the endpoint, then a monitoring schedule that runs it (for example hourly). Stopped or failed schedules do not count.',
    cli: 'aws sagemaker create-monitoring-schedule --monitoring-schedule-name <name> --monitoring-schedule-config \'{"MonitoringJobDefinitionName":"<job-definition>","MonitoringType":"DataQuality","ScheduleConfig":{"ScheduleExpression":"cron(0 * ? * * *)"}}\'',
    docs: 'Schedule data quality monitoring jobs',
  },
  reads: [
    'sagemakerHosting.endpoints[].monitoringSchedules.value[].monitoringType',
    'sagemakerHosting.endpoints[].monitoringSchedules.value[].status',
    'sagemakerHosting.endpoints[].monitoringSchedules.value[].baseline.value',
  ],
  scope: (selector) => ({ sagemakerHosting: { endpoints: selector, monitoring: true } }),
  evaluate(inventory) {
    return evaluateEndpoints(inventory, id, (endpoint) => {
      const resource = endpointResource(endpoint);
      const error = unreadable(endpoint.monitoringSchedules);
      if (error || !endpoint.monitoringSchedules?.ok) return couldNotCheck(id, resource, 'SageMaker.ListMonitoringSchedules', error!, 'the endpoint’s monitoring schedules');
      const schedules = endpoint.monitoringSchedules.value.filter((s) => s.monitoringType === 'DataQuality');
      const evidence = schedules.length
        ? schedules.map((s) => ({
            field: `MonitoringSchedule ${s.name}`,
            value: `status ${s.status ?? 'unknown'}; baseline ${s.baseline.ok ? `constraints ${s.baseline.value.constraintsS3Uri ?? '(none)'}, statistics ${s.baseline.value.statisticsS3Uri ?? '(none)'}` : 'unreadable'}`,
            expected: 'Scheduled, with baseline constraints and statistics',
          }))
        : [{ field: 'ListMonitoringSchedules(EndpointName, DataQuality)', value: '(none)', expected: 'a Scheduled data-quality schedule' }];
      const running = schedules.filter((s) => s.status === 'Scheduled' || s.status === 'Pending');
      if (schedules.length === 0) return finding(id, resource, 'fail', 'No data-quality monitoring schedule watches this endpoint.', evidence);
      if (running.length === 0) return finding(id, resource, 'fail', `The data-quality schedule${schedules.length > 1 ? 's' : ''} of this endpoint ${schedules.length > 1 ? 'are' : 'is'} ${[...new Set(schedules.map((s) => s.status))].join(', ')}, not Scheduled.`, evidence);
      const withBaseline = running.filter((s) => s.baseline.ok && s.baseline.value.constraintsS3Uri && s.baseline.value.statisticsS3Uri);
      if (withBaseline.length) return finding(id, resource, 'pass', `Data-quality schedule ${withBaseline[0]!.name} is ${withBaseline[0]!.status} and compares captured data with a baseline.`, evidence);
      const unreadableBaseline = running.find((s) => !s.baseline.ok);
      if (unreadableBaseline && !unreadableBaseline.baseline.ok) return couldNotCheck(id, resource, 'SageMaker.DescribeDataQualityJobDefinition', unreadableBaseline.baseline.error, 'the baseline of the job definition');
      return finding(id, resource, 'fail', `Data-quality schedule ${running[0]!.name} runs without a baseline (constraints and statistics): it has nothing to compare captured data with.`, evidence);
    });
  },
});
