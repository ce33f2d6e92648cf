import { z } from 'zod';
import { couldNotCheck, finding } from '../lib/findings.ts';
import { endpointAlarms, endpointResource, evaluateEndpoints } from '../lib/sagemaker-hosting.ts';
import { defineCheck } from '../types.ts';

const id = 'cloudwatch-endpoint-metric-alarm';

const params = z.strictObject({
  /** The AWS/SageMaker metric that must be alarmed on, e.g. Invocation5XXErrors or ModelLatency. */
  metric: z.string().regex(/^[A-Za-z0-9]+$/),
});

export default defineCheck<z.infer<typeof params>>({
  id,
  title: 'A CloudWatch alarm with enabled actions watches this endpoint metric',
  service: 'cloudwatch',
  resourceType: 'AWS::SageMaker::Endpoint',
  severity: 'medium',
  risk: 'An alarm nobody hears is a graph. Without an alarm on errors and latency — with an action that reaches the on-call engineer — a failing model container or a slow model is noticed by customers first.',
  securityHub: ['CloudWatch.15', 'CloudWatch.17'],
  syllabus: ['4.1.S2', '4.2.S1', '4.2.S4'],
  remediation: {
    text: 'Create a metric alarm on the AWS/SageMaker metric with the EndpointName (and VariantName) dimensions, a sensible threshold, an alarm action such as an SNS topic, and actions enabled.',
    cli: 'aws cloudwatch put-metric-alarm --alarm-name <name> --namespace AWS/SageMaker --metric-name Invocation5XXErrors --dimensions Name=EndpointName,Value=<endpoint> Name=VariantName,Value=AllTraffic --statistic Sum --period 60 --evaluation-periods 5 --datapoints-to-alarm 3 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --treat-missing-data notBreaching --alarm-actions <sns-topic-arn>',
    docs: 'Monitor Amazon SageMaker AI with Amazon CloudWatch',
  },
  reads: ['cloudwatch.alarms.value', 'sagemakerHosting.endpoints[].name'],
  params,
  scope: (selector) => ({ sagemakerHosting: { endpoints: selector }, cloudwatch: { alarms: true } }),
  evaluate(inventory, p) {
    return evaluateEndpoints(inventory, id, (endpoint) => {
      const resource = endpointResource(endpoint);
      const alarms = inventory.cloudwatch?.alarms;
      if (!alarms || !alarms.ok) return couldNotCheck(id, resource, 'CloudWatch.DescribeAlarms', alarms && !alarms.ok ? alarms.error : { code: 'NotCollected', message: 'alarms were not read' }, 'the alarms');
      const mine = endpointAlarms(alarms.value, endpoint.name, p.metric);
      const evidence = mine.length
        ? mine.map((a) => ({ field: `alarm ${a.name}`, value: `ActionsEnabled ${a.actionsEnabled}; AlarmActions ${a.alarmActions.length ? a.alarmActions.join(', ') : '(none)'}`, expected: 'ActionsEnabled true and at least one AlarmAction' }))
        : [{ field: `DescribeAlarms (AWS/SageMaker ${p.metric}, EndpointName ${endpoint.name})`, value: '(no alarm)', expected: 'an alarm with an action' }];
      if (mine.length === 0) return finding(id, resource, 'fail', `No CloudWatch alarm watches ${p.metric} of this endpoint.`, evidence);
      const good = mine.find((a) => a.actionsEnabled && a.alarmActions.length > 0);
      if (good) return finding(id, resource, 'pass', `Alarm ${good.name} watches ${p.metric} and notifies ${good.alarmActions.join(', ')} when it fires.`, evidence);
      const disabled = mine.find((a) => !a.actionsEnabled && a.alarmActions.length > 0);
      if (disabled) return finding(id, resource, 'fail', `Alarm ${disabled.name} watches ${p.metric} but its actions are disabled, so it notifies nobody (CloudWatch.17).`, evidence);
      return finding(id, resource, 'fail', `Alarm ${mine[0]!.name} watches ${p.metric} but has no alarm action, so it notifies nobody when it fires (CloudWatch.15).`, evidence);
    });
  },
});
