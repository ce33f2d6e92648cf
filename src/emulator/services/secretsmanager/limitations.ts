/** Where the emulated Secrets Manager knowingly differs from AWS (rendered into docs/emulator-coverage.md). */
import type { Limitation } from '../define-service.ts';

export const SECRETS_MANAGER_LIMITATIONS: readonly Limitation[] = [
  { text: 'Secret values are encrypted through the emulated KMS under the secret\'s key (aws/secretsmanager by default) with AWS\'s encryption context, so disabling or deleting the key makes them unreadable (DecryptionFailure / EncryptionFailure, with KMS\'s reason appended).' },
  { text: 'Resource policies are stored as written and checked on write. Before IAM enforcement is switched on they are applied only to cross-account access (a full ARN naming another account\'s secret works when the policy names the caller); conditions are not evaluated by that check.' },
  { text: 'Replication to other Regions, service-owned secrets and externally managed secret rotation are not emulated.' },
  { text: 'Time passes lazily: a secret whose recovery window ended is deleted, and a scheduled rotation that fell due is performed, when the secret is next looked at.' },
  { operation: 'RotateSecret', text: 'There is no Lambda to run: the configuration (RotationLambdaARN, RotationRules, RotateImmediately) is recorded, any well-formed Lambda function ARN is accepted, and a rotation is simulated as a new AWSCURRENT version with the same value (the old one becomes AWSPREVIOUS). NextRotationDate is computed for AutomaticallyAfterDays and rate() schedules, not for cron() ones.' },
  { operation: 'ValidateResourcePolicy', text: 'Runs two checks, named BROAD_ACCESS and LOCKOUT (AWS\'s check names are not documented); grammar problems answer MalformedPolicyDocumentException.' },
  { operation: 'ListSecrets', text: 'Secrets are sorted by creation date, oldest first, unless SortBy/SortOrder say otherwise. The owning-service and primary-region filters match nothing (no service-owned or replicated secrets).' },
  { operation: 'GetSecretValue', text: 'LastAccessedDate is recorded to the day as on AWS, but a GetSecretValue alone does not trigger a persistence write; the date is saved with the next change to the account.' },
];
