/** Secrets Manager secrets as checks read them, looked up by name; `found` null means the secret does not exist. */
import type { Observed } from './observed.ts';
import type { PolicyDocument } from './types.ts';

export interface SecretDetail {
  name: string;
  arn: string;
  rotationEnabled: boolean;
  rotationLambdaArn?: string;
  /** AutomaticallyAfterDays, or the schedule expression. */
  rotationSchedule?: string;
  kmsKeyId?: string;
  /** Set when the secret is scheduled for deletion. */
  deletedDate?: string;
  /** The resource policy, parsed; null when the secret has none. */
  policy: Observed<PolicyDocument | null>;
}

export interface SecretEntry {
  name: string;
  found: Observed<SecretDetail | null>;
}

export interface SecretsManagerInventory {
  secrets: SecretEntry[];
}
