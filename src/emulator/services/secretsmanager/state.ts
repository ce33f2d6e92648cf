/**
 * Secrets Manager state, per account and region. Secret values are stored encrypted under the
 * secret's KMS key (the account's aws/secretsmanager key by default), with the encryption context
 * AWS uses (SecretARN, SecretVersionId) — so a disabled or deleted key makes the values unreadable,
 * as on AWS. Resource policies are stored as the documents the caller wrote.
 */

export interface SecretTag {
  Key: string;
  Value: string;
}

export interface SecretVersion {
  versionId: string;
  createdDate: Date;
  /** Staging labels (AWSCURRENT, AWSPREVIOUS, AWSPENDING, custom); empty for a deprecated version. */
  stages: string[];
  /** The value, encrypted (absent for a version without one). */
  value?: { kind: 'string' | 'binary'; ciphertext: Buffer };
  /** As ListSecretVersionIds reports it: `DefaultEncryptionKey` or the key the version was encrypted with. */
  kmsKeyLabel: string;
  lastAccessedDate?: Date;
}

export interface RotationRules {
  AutomaticallyAfterDays?: number;
  Duration?: string;
  ScheduleExpression?: string;
}

export interface Secret {
  name: string;
  arn: string;
  accountId: string;
  region: string;
  description?: string;
  /** The key as DescribeSecret reports it (key or alias ARN); undefined for aws/secretsmanager. */
  kmsKeyId?: string;
  createdDate: Date;
  lastChangedDate: Date;
  /** Day granularity, as AWS records it. */
  lastAccessedDate?: Date;
  /** Set while the secret is scheduled for deletion: when it will be deleted. */
  deletedDate?: Date;
  tags: SecretTag[];
  /** By version id, oldest first. */
  versions: Map<string, SecretVersion>;
  rotation: {
    /** Undefined until rotation was ever configured (DescribeSecret then omits RotationEnabled). */
    enabled?: boolean;
    lambdaArn?: string;
    rules?: RotationRules;
    lastRotatedDate?: Date;
    nextRotationDate?: Date;
  };
  resourcePolicy?: string;
}

export interface SecretsManagerState {
  /** By name (names are unique in an account and region, also while a secret awaits deletion). */
  secrets: Map<string, Secret>;
}

export function createSecretsManagerState(): SecretsManagerState {
  return { secrets: new Map() };
}
