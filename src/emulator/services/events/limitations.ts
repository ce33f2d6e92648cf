/** Where the emulated EventBridge knowingly differs from AWS (rendered into docs/emulator-coverage.md). */
import type { Limitation } from '../define-service.ts';

export const EVENTBRIDGE_LIMITATIONS: readonly Limitation[] = [
  { text: 'Targets: CloudWatch Logs log groups receive matched events for real (one stream per event id; the group must exist); event buses in the same account and region receive them on that bus; other target types (SNS, SQS, Lambda, Step Functions …) are not emulated — the delivery is recorded in the state (the last 1,000 per region) and counted in the AWS/Events metrics (MatchedEvents, TriggeredRules, Invocations, FailedInvocations by RuleName). Resource policies on log groups and target RoleArns are not checked.' },
  { text: 'Events emitted by the emulator itself (SageMaker state changes, CloudWatch alarm state changes, and CloudTrail API calls once recorded) arrive on the default bus of their account and region and are matched like PutEvents entries.' },
  { operation: 'PutRule', text: 'Scheduled rules (rate() and cron(), validated as on AWS) are stored but never fire. Event pattern error messages follow EventBridge\'s (event-ruler) wording; the column in the location may differ slightly.' },
  { operation: 'PutEvents', text: 'Global endpoints (EndpointId) and cross-account buses are not supported. Events are delivered before the call returns.' },
  { operation: 'CreateEventBus', text: 'Partner event buses (EventSourceName), archives, replays, API destinations and connections are not emulated.' },
];
