/** Where the emulated Cost Explorer knowingly differs from AWS (rendered into docs/emulator-coverage.md). */
import type { Limitation } from '../define-service.ts';

export const COST_EXPLORER_LIMITATIONS: readonly Limitation[] = [
  { text: 'Cost allocation tag keys are discovered, when listed, from the tags on the account\'s S3 buckets and, in every region, SageMaker resources, EC2 resources, KMS keys, Secrets Manager secrets, CloudWatch Logs log groups and CloudWatch alarms (each only when that service is emulated). New keys appear at once (AWS: up to 24 hours); a key that was never activated disappears when no resource carries it any more.' },
  { operation: 'UpdateCostAllocationTagsStatus', text: 'A key on no resource is reported in Errors with Code TagKeyNotFound (the emulator\'s code and wording). Activation takes effect at once (AWS: up to 24 hours).' },
  { operation: 'GetCostAndUsage', text: 'No billing data: one result per period of the requested granularity, every requested metric at 0 (USD for costs, N/A for usage), Groups empty. Filters are accepted and not applied.' },
  { operation: 'GetTags', text: 'Answers from the tags currently on resources (see above); TimePeriod, Filter and SortBy are accepted and not applied.' },
];
