import { couldNotCheck, finding } from '../lib/findings.ts';
import { endpointResource, evaluateEndpoints } from '../lib/sagemaker-hosting.ts';
import { defineCheck } from '../types.ts';

const id = 'events-sagemaker-endpoint-state-rule';

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Whether a pattern matches SageMaker endpoint state changes of `endpoint` (exact values only; prefix/anything-but patterns are not interpreted). */
function matchesEndpoint(pattern: Record<string, unknown> | null, endpoint: string): boolean {
  if (!pattern) return false;
  if (!list(pattern.source).includes('aws.sagemaker')) return false;
  const types = list(pattern['detail-type']);
  if (types.length && !types.includes('SageMaker Endpoint State Change')) return false;
  const detail = pattern.detail as Record<string, unknown> | undefined;
  const names = list(detail?.EndpointName);
  return names.length === 0 || names.includes(endpoint);
}

export default defineCheck({
  id,
  title: 'An EventBridge rule with a target reacts to the endpoint’s state changes',
  service: 'events',
  resourceType: 'AWS::SageMaker::Endpoint',
  severity: 'low',
  risk: 'Endpoint updates and failures happen without anyone watching the console. Without a rule on SageMaker’s state-change events, a deployment that fails or a variant change made by someone else goes unnoticed until customers notice.',
  securityHub: [],
  syllabus: ['4.2.S4', '4.1.S4'],
  remediation: {
    text: 'Create a rule on the default event bus with the pattern source aws.sagemaker, detail-type "SageMaker Endpoint State Change" (optionally filtered on detail.EndpointName) and a target such as an SNS topic or a Lambda function.',
    cli: 'aws events put-rule --name <name> --event-pattern \'{"source":["aws.sagemaker"],"detail-type":["SageMaker Endpoint State Change"],"detail":{"EndpointName":["<endpoint>"]}}\' && aws events put-targets --rule <name> --targets Id=oncall,Arn=<sns-topic-arn>',
    docs: 'Automating Amazon SageMaker AI with Amazon EventBridge',
  },
  reads: ['events.rules.value', 'sagemakerHosting.endpoints[].name'],
  scope: (selector) => ({ sagemakerHosting: { endpoints: selector }, events: { rules: true } }),
  evaluate(inventory) {
    return evaluateEndpoints(inventory, id, (endpoint) => {
      const resource = endpointResource(endpoint);
      const rules = inventory.events?.rules;
      if (!rules || !rules.ok) return couldNotCheck(id, resource, 'EventBridge.ListRules', rules && !rules.ok ? rules.error : { code: 'NotCollected', message: 'rules were not read' }, 'the EventBridge rules');
      const matching = rules.value.filter((r) => matchesEndpoint(r.pattern, endpoint.name));
      const evidence = matching.length
        ? matching.map((r) => ({ field: `rule ${r.name}`, value: `State ${r.state ?? '?'}; targets ${r.targets.ok ? r.targets.value.map((t) => t.arn).join(', ') || '(none)' : 'could not read'}`, expected: 'ENABLED with at least one target' }))
        : [{ field: 'ListRules (default bus)', value: '(no rule matches SageMaker Endpoint State Change for this endpoint)', expected: 'a rule on source aws.sagemaker' }];
      if (matching.length === 0) return finding(id, resource, 'fail', 'No EventBridge rule on the default bus matches this endpoint’s state-change events.', evidence);
      const good = matching.find((r) => r.state === 'ENABLED' && r.targets.ok && r.targets.value.length > 0);
      if (good) return finding(id, resource, 'pass', `Rule ${good.name} sends this endpoint’s state changes to ${good.targets.ok ? good.targets.value.map((t) => t.arn).join(', ') : ''}.`, evidence);
      const unreadable = matching.find((r) => !r.targets.ok);
      if (unreadable && !unreadable.targets.ok) return couldNotCheck(id, resource, 'EventBridge.ListTargetsByRule', unreadable.targets.error, `the targets of ${unreadable.name}`);
      return finding(id, resource, 'fail', `Rule ${matching[0]!.name} matches the endpoint’s events but is ${matching[0]!.state === 'ENABLED' ? 'without a target' : 'disabled'}, so nothing happens.`, evidence);
    });
  },
});
