/**
 * A target is where a learner's lab environment lives: the embedded emulator (default), a LocalStack,
 * any AWS-compatible endpoint such as moto, or a real sandbox account. Everything above `src/aws`
 * sees only this interface.
 */

/** Static credentials (the shape the SDK accepts). */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** Credentials that refresh themselves (assumed roles). */
export type AwsCredentialsProvider = () => Promise<AwsCredentials>;

export type TargetKind = 'embedded' | 'localstack' | 'endpoint' | 'aws';

export const targetKinds: readonly TargetKind[] = ['embedded', 'localstack', 'endpoint', 'aws'];

/** Which accounts and regions writes may go to; `undefined` means "not restricted" (local targets only). */
export interface GuardPolicy {
  allowedAccounts?: readonly string[];
  allowedRegions?: readonly string[];
  /** Why the policy is what it is, for refusal messages (e.g. "MLSEC_ALLOWED_ACCOUNTS"). */
  source: string;
}

/** What the session store keeps about a target: enough to reconnect, no secrets. */
export interface TargetDescription {
  kind: TargetKind;
  /** The endpoint URL, or undefined for AWS's own endpoints. */
  endpoint?: string;
  region: string;
  /** "embedded emulator at http://127.0.0.1:4566" */
  label: string;
}

export interface Target {
  readonly kind: TargetKind;
  readonly description: TargetDescription;
  readonly region: string;
  /** Custom endpoint for every service, or undefined for AWS's own. */
  readonly endpoint?: string;
  /** Undefined means the SDK's default credential chain (real AWS). */
  readonly credentials?: AwsCredentials | AwsCredentialsProvider;
  readonly guard: GuardPolicy;
  /**
   * How capabilities are learned: `health` asks `/_localstack/health` first (embedded, LocalStack),
   * `calls` probes each service and read operation by calling it (any endpoint), `assumed` trusts
   * that everything exists (real AWS).
   */
  readonly capabilityProbe: 'health' | 'calls' | 'assumed';
  /**
   * SDK clients reach the endpoint over TLS here, trusting this CA (the embedded emulator's HTTPS
   * side, used for workshop tenants so that aws:SecureTransport is true, as it always is on AWS).
   * `endpoint` stays the plain address for health probes.
   */
  readonly tls?: { readonly endpoint: string; readonly caCertificate: string };
  /** The target enforces IAM policies and SCPs for these credentials (strict tenant accounts). */
  readonly enforcesIam?: boolean;
  /**
   * Shell exports that point the AWS CLI at the learner's environment. Real-account targets never
   * print credentials: the CLI finds them in the same default chain we use.
   */
  learnerEnvironment(): Record<string, string>;
  /** Stops what the target started (an in-process emulator); a no-op otherwise. */
  close(): Promise<void>;
}

/** Thrown when configuration is wrong; the message says which variable and what to do. */
export class TargetConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetConfigError';
  }
}
