import type { AwsClients, ServiceName } from '../../aws/index.ts';

/** A resource a teardown found: enough to delete it and to tell the learner what went. */
export interface FoundResource {
  type: string;
  /** Name or id shown to people. */
  id: string;
  /** Present when the resource was found by tag (rather than by name prefix). */
  taggedForRun?: boolean;
  /** Kind-specific data needed to delete it. */
  data?: Record<string, string>;
}

export interface SweepContext {
  aws: AwsClients;
  labId: string;
  runId: string;
  /** `mlsec-<run-id>` */
  prefix: string;
  accountId: string;
  region: string;
  partition: string;
}

/**
 * A kind of resource labs create. Kinds know how to name, find (by run tag or run prefix — never by
 * an ARN remembered from setup) and delete their resources. Teardown deletes kinds in ascending
 * `deleteOrder`, so dependants go before what they depend on.
 */
export interface ResourceKind {
  /** `s3:bucket`, `kms:alias`, `kms:key` … */
  type: string;
  service: ServiceName;
  /** The CloudFormation-style type checks use for findings of this kind. */
  checkResourceType: string;
  /** Physical name of a lab resource called `name` in the run with `prefix`. */
  physicalName(prefix: string, name: string): string;
  /** Lower runs first (objects/aliases before buckets/keys). */
  deleteOrder: number;
  find(ctx: SweepContext): Promise<FoundResource[]>;
  delete(ctx: SweepContext, resource: FoundResource): Promise<void>;
  /** True when a found resource counts as gone already (e.g. a KMS key pending deletion). */
  isGone?(resource: FoundResource): boolean;
}
