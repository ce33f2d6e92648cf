/** Where the emulated CloudTrail knowingly differs from AWS (rendered into docs/emulator-coverage.md). */
import type { Limitation } from '../define-service.ts';

export const CLOUDTRAIL_LIMITATIONS: readonly Limitation[] = [
  { text: 'Every call the emulator serves is recorded, including failures and access denials; calls refused before their account is known (bad signatures, unknown services or operations) are not. The emulator\'s own /_mlsec and /_localstack routes are never recorded.' },
  { text: 'The event history keeps the newest 10,000 management events per account and region (serviceSettings.cloudtrail.historyLimit, MLSEC_EMULATOR_CLOUDTRAIL_HISTORY_LIMIT) instead of AWS\'s 90 days. Events appear in LookupEvents as soon as the call returns (AWS takes minutes).' },
  { text: 'Data events: S3 object-level calls (GetObject, PutObject, DeleteObject(s), CopyObject, HeadObject, object ACLs and tags, ListObjects*) and sagemaker-runtime InvokeEndpoint. They never enter the event history (as on AWS) and go only to trails whose selectors select them.' },
  { text: 'requestParameters/responseElements are built from the typed input and output with member names in lower camel case; some AWS services shape them differently. Secrets are hidden as docs/emulator-cloudtrail.md lists.' },
  { text: 'Log files reach the trail bucket about a second after the calls (deliveryIntervalMs; AWS takes about 5 minutes). Log file validation is recorded but no digest files are written (LatestDigestDeliveryTime stays empty). SNS notifications are not sent; SnsTopicName is stored without checking the topic.' },
  { text: 'CloudWatch Logs delivery writes one log event per record into the trail\'s log group in the emulated CloudWatch Logs (its metric filters see them); the CloudWatchLogsRoleArn\'s permissions are not evaluated, only its trust policy. An emulator started without CloudWatch Logs checks the log group ARN for form and region only and reports LatestCloudWatchLogsDeliveryError.' },
  { text: 'EventBridge receives "AWS API Call via CloudTrail" events for the management and data events that a logging trail of the account selects, at once; read-only calls are not delivered (rules in the state ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS do not receive them either).' },
  { text: 'Organization trails, CloudTrail Lake (event data stores, queries, channels, dashboards), Insights events and the network activity event category are not emulated.' },
  { text: 'Messages of InvalidEventSelectorsException, InvalidLookupAttributesException, InvalidTimeRangeException, InvalidMaxResultsException, InvalidNextTokenException and the tag errors are written in AWS\'s style but were not all verified against AWS word for word.' },
  { operation: 'CreateTrail', text: 'The bucket policy is checked by a small evaluator (Principal, Action, Resource, explicit Deny, String/Arn/Bool/Null conditions on aws:SourceArn, aws:SourceAccount, s3:x-amz-acl, aws:SecureTransport); the KMS key is checked only when KMS is emulated, and then must allow kms:GenerateDataKey* to cloudtrail.amazonaws.com.' },
  { operation: 'LookupEvents', text: 'EventCategory=insight returns no events (Insights are not emulated). The rate limit of two lookups per second is not enforced.' },
  { operation: 'PutInsightSelectors', text: 'Selectors are validated and stored; no Insights events are produced.' },
];
