import type { z } from 'zod';
import type { InventoryScope, ResourceSelector } from '../inventory/scope.ts';
import type { Inventory } from '../inventory/types.ts';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'informational';
export type FindingStatus = 'pass' | 'fail' | 'unknown';

/** One fact a finding rests on: the field read and the value seen (and what would pass). */
export interface Evidence {
  /** `GetPublicAccessBlock.BlockPublicAcls`, `GetBucketPolicy.Statement[1]` … */
  field: string;
  value: unknown;
  /** What a passing value looks like, in words or as the value itself. */
  expected?: string;
}

export interface CheckResource {
  /** CloudFormation-style type: `AWS::S3::Bucket`, `AWS::::Account`, `AWS::KMS::Key`. */
  type: string;
  /** Name or id learners recognise (bucket name, account id, key id). */
  id: string;
  arn?: string;
  /**
   * For resources a lab lets learners replace under a new name (SageMaker notebooks, jobs, models):
   * the lab's name for the family, a prefix of `id`. Grading matches findings by `id` or by family.
   */
  family?: string;
}

export interface Finding {
  checkId: string;
  resource: CheckResource;
  status: FindingStatus;
  /** One or two sentences for the learner: what was seen and why it passes or fails. */
  summary: string;
  evidence: Evidence[];
}

export interface CheckMetadata {
  /** kebab-case, equal to the file name (`src/checks/<service>/<id>.ts`). */
  id: string;
  /** Sentence stating the secure state, e.g. "S3 buckets block public access". */
  title: string;
  /** Folder under src/checks. */
  service: string;
  /** The resource type findings are about. */
  resourceType: string;
  severity: Severity;
  /** What can go wrong when this fails, for the learner. */
  risk: string;
  /** AWS Security Hub (CSPM) control ids this check mirrors, e.g. `S3.8`. */
  securityHub: string[];
  /** Prowler check id, when Prowler has one. */
  prowler?: string;
  /** Domain 4 syllabus items this check practises. */
  syllabus: string[];
  remediation: {
    /** What to change, in words. */
    text: string;
    /** A complete AWS CLI example with `<placeholders>`. */
    cli: string;
    /** AWS documentation page title to read more. */
    docs?: string;
  };
  /**
   * Inventory fields `evaluate` reads (paths such as `s3.buckets[].versioning.value.status`). The
   * catalog test records what `evaluate` really reads, fails on anything undeclared, and requires a
   * fixture case flipping each declared field.
   */
  reads: string[];
}

export interface Check<P = undefined> extends CheckMetadata {
  /** Parameters a lab can pass (e.g. the key a bucket must use); validated before `evaluate`. */
  params?: z.ZodType<P>;
  /** The inventory this check needs for the resources `selector` picks. */
  scope(selector: ResourceSelector, params: P): InventoryScope;
  /** Pure: no I/O, no clock, no randomness. One finding per resource in the inventory. */
  evaluate(inventory: Inventory, params: P): Finding[];
}

export type AnyCheck = Check<any>;

export function defineCheck<P = undefined>(check: Check<P>): Check<P> {
  return check;
}
