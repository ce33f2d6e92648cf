import { z } from 'zod';
import { couldNotCheck, finding } from '../lib/findings.ts';
import { endpointAlarms, endpointResource, evaluateEndpoints } from '../lib/sagemaker-hosting.ts';
import { defineCheck } from '../types.ts';

const id = 'cloudwatch-endpoint-variant-alarms';

const params = z.strictObject({
  /** The AWS/SageMaker metric every production variant must have its own alarm on. */
  metric: z.string().regex(/^[A-Za-z0-9]+$/),
});

export default defineCheck<z.infer<typeof params>>({
  id,
  title: 'Every production variant of the endpoint has its own alarm with an action',
  service: 'cloudwatch',
  resourceType: 'AWS::SageMaker::Endpoint',
  severity: 'medium',
  risk: 'In an A/B test an alarm on the whole endpoint averages the variants: a challenger that fails one request in ten hides behind a healthy champion that takes 90% of the traffic. Only per-variant alarms tell which model is failing.',
  securityHub: ['CloudWatch.15', 'CloudWatch.17'],
  syllabus: ['4.1.S4', '4.1.S2', '4.2.S4'],
  remediation: {
    text: 'Create one alarm per production variant, with the EndpointName and VariantName dimensions, an alarm action and actions enabled.',
    cli: 'aws cloudwatch put-metric-alarm --alarm-name <endpoint>-<variant>-5xx --namespace AWS/SageMaker --metric-name Invocation5XXErrors --dimensions Name=EndpointName,Value=<endpoint> Name=VariantName,Value=<variant> --statistic Sum --period 60 --evaluation-periods 5 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --alarm-actions <sns-topic-arn>',
    docs: 'Monitor Amazon SageMaker AI with Amazon CloudWatch',
  },
  reads: ['cloudwatch.alarms.value', 'sagemakerHosting.endpoints[].endpoint.value.variants'],
  params,
  scope: (selector) => ({ sagemakerHosting: { endpoints: selector }, cloudwatch: { alarms: true } }),
  evaluate(inventory, p) {
    return evaluateEndpoints(inventory, id, (endpoint, details) => {
      const resource = endpointResource(endpoint);
      const alarms = inventory.cloudwatch?.alarms;
      if (!alarms || !alarms.ok) return couldNotCheck(id, resource, 'CloudWatch.DescribeAlarms', alarms && !alarms.ok ? alarms.error : { code: 'NotCollected', message: 'alarms were not read' }, 'the alarms');
      const onMetric = endpointAlarms(alarms.value, endpoint.name, p.metric);
      const perVariant = details.variants.map((v) => {
        const mine = onMetric.filter((a) => a.dimensions.VariantName === v.variantName || a.metrics.some((m) => m.dimensions.VariantName === v.variantName));
        const good = mine.find((a) => a.actionsEnabled && a.alarmActions.length > 0);
        return { variant: v.variantName, mine, good };
      });
      const evidence = perVariant.map((v) => ({
        field: `alarms on ${p.metric} for variant ${v.variant}`,
        value: v.mine.length ? v.mine.map((a) => `${a.name} (actions ${a.actionsEnabled ? a.alarmActions.length : 'disabled'})`).join(', ') : '(none)',
        expected: 'an alarm with an enabled action',
      }));
      if (perVariant.length === 0) return finding(id, resource, 'fail', 'The endpoint reports no production variants to alarm on.', [{ field: 'DescribeEndpoint.ProductionVariants', value: '(none)', expected: 'variants' }]);
      const missing = perVariant.filter((v) => !v.good);
      if (missing.length) return finding(id, resource, 'fail', `No alarm with an enabled action watches ${p.metric} of variant ${missing.map((v) => v.variant).join(', ')}.`, evidence);
      return finding(id, resource, 'pass', `Each variant (${perVariant.map((v) => v.variant).join(', ')}) has its own ${p.metric} alarm that notifies someone.`, evidence);
    });
  },
});
