/** Where the emulated CloudWatch Logs knowingly differs from AWS (rendered into docs/emulator-coverage.md). */
import type { Limitation } from '../define-service.ts';

export const LOGS_LIMITATIONS: readonly Limitation[] = [
  { text: 'Events outside a log group\'s retention are dropped when the group is next written to and hidden from every read at once (AWS deletes them eventually). A stream keeps at most 200,000 events.' },
  { operation: 'CreateLogGroup', text: 'kmsKeyId must be a KMS key ARN in the log group\'s region; the key\'s existence and key policy are not checked. Log group classes are recorded; INFREQUENT_ACCESS groups accept every API call.' },
  { operation: 'FilterLogEvents', text: 'Filter patterns: terms, quoted phrases, ?term (OR), -term (exclude), JSON selectors ({ $.a.b = "x*" }, numeric comparisons, &&, ||, IS TRUE/FALSE/NULL, NOT EXISTS, %regex%) and space-delimited [field, ..., f = value] patterns. searchedLogStreams is always empty.' },
  { operation: 'StartQuery', text: 'Logs Insights QL subset only: fields (with as), filter (= != < > <= >=, like "text" / like /regex/, not like, =~, in [..], not in, and, or, not, ispresent(), isempty()), stats count(*) count() count_distinct() sum() avg() min() max() pct() by fields and bin(), sort, limit, parse (glob or named-group regex), display. Other commands and functions answer MalformedQueryException naming them. Queries complete as they start; SQL and PPL are not supported.' },
  { operation: 'StopQuery', text: 'Queries complete when they start, so StopQuery always answers success: false.' },
  { operation: 'PutSubscriptionFilter', text: 'Subscription filters are stored and described; events are not forwarded to their destinations.' },
  { operation: 'PutResourcePolicy', text: 'Account-level policies are stored and described but not enforced on deliveries from other services.' },
  { operation: 'PutMetricFilter', text: 'Metric values are published per matching event through the emulator\'s metric sink (CloudWatch), timestamped with the event. fieldSelectionCriteria and emitSystemFieldDimensions are ignored.' },
];
