/**
 * Typed snapshots of a target, as collectors read them. Field names follow what the AWS SDK returns
 * (lower-cased where we reshape), and every value that needed its own AWS call is an `Observed`,
 * so a check can tell "off" from "could not read".
 */
import type { AwsErrorInfo } from '../aws/index.ts';
import type { Observed } from './observed.ts';

export type { Observed } from './observed.ts';
export type { IamInventory, IamPolicyKind, IamRole, IamRolePolicy } from './types-iam.ts';
import type { IamInventory } from './types-iam.ts';
export type * from './types-observability.ts';
import type { EventsInventory, CloudWatchInventory, BudgetsInventory, CostExplorerInventory, LogsInventory, SageMakerHostingInventory, SageMakerTrainingCostInventory } from './types-observability.ts';

export interface Inventory {
  /** ISO time the snapshot was taken. */
  collectedAt: string;
  /** The verified caller's account and the region read. */
  account: { id: string; region: string; partition: string };
  s3?: S3Inventory;
  kms?: KmsInventory;
  cloudtrail?: CloudTrailInventory;
  iam?: IamInventory;
  sagemakerHosting?: SageMakerHostingInventory;
  cloudwatch?: CloudWatchInventory;
  logs?: LogsInventory;
  budgets?: BudgetsInventory;
  costExplorer?: CostExplorerInventory;
  sagemakerTrainingCost?: SageMakerTrainingCostInventory;
  events?: EventsInventory;
  ec2?: import('./types-ec2.ts').Ec2Inventory;
  sagemakerNotebooks?: import('./types-sagemaker.ts').SageMakerNotebookInventory;
  sagemakerTraining?: import('./types-sagemaker.ts').SageMakerTrainingInventory;
  sagemakerModels?: import('./types-sagemaker.ts').SageMakerModelInventory;
  secretsmanager?: import('./types-secretsmanager.ts').SecretsManagerInventory;
  /** Lab-specific evidence: answers to investigation questions, outcomes of probe calls. */
  lab?: LabEvidence;
}

// ---------------------------------------------------------------- IAM-style policy documents

export type PrincipalValue = '*' | Record<string, string | string[]>;

export interface PolicyStatement {
  Sid?: string;
  Effect?: string;
  Principal?: PrincipalValue;
  NotPrincipal?: PrincipalValue;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement?: PolicyStatement | PolicyStatement[];
}

// ---------------------------------------------------------------- S3

export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export interface AclGrant {
  granteeType: string;
  /** Canonical user id, for `CanonicalUser` grantees. */
  granteeId?: string;
  /** Group URI, e.g. http://acs.amazonaws.com/groups/global/AllUsers. */
  granteeUri?: string;
  /** READ, WRITE, READ_ACP, WRITE_ACP, FULL_CONTROL. */
  permission: string;
}

export interface EncryptionRule {
  /** AES256, aws:kms, aws:kms:dsse. */
  sseAlgorithm: string;
  /** Key id, key ARN, alias name or alias ARN, as configured; absent means the AWS managed key aws/s3. */
  kmsMasterKeyId?: string;
  bucketKeyEnabled?: boolean;
}

export interface S3Bucket {
  name: string;
  arn: string;
  /** Whether the bucket exists (HeadBucket); false means it was looked for by name and not found. */
  exists: Observed<boolean>;
  tags: Observed<Record<string, string>>;
  /** The bucket policy, parsed; null when the bucket has none. */
  policy: Observed<PolicyDocument | null>;
  /** GetBucketPolicyStatus; null when the endpoint does not report it (moto answers `{}`). */
  policyStatus: Observed<{ isPublic: boolean } | null>;
  acl: Observed<{ ownerId?: string; grants: AclGrant[] }>;
  /** GetBucketOwnershipControls → ObjectOwnership; null when none is set. */
  objectOwnership: Observed<string | null>;
  /** Bucket-level Block Public Access; null when none is configured. */
  publicAccessBlock: Observed<PublicAccessBlock | null>;
  /** Default encryption rules; null when none is configured. */
  encryption: Observed<EncryptionRule[] | null>;
  /** Status null means versioning was never enabled. */
  versioning: Observed<{ status: string | null; mfaDelete: string | null }>;
  /** Server access logging; null when off. */
  logging: Observed<{ targetBucket: string; targetPrefix: string } | null>;
}

export interface S3Inventory {
  /** Account-level Block Public Access (S3 Control); null when none is configured. */
  accountPublicAccessBlock: Observed<PublicAccessBlock | null>;
  buckets: S3Bucket[];
  /** The bucket listing, when the scope needed one (selection by prefix or tag). */
  listing?: Observed<string[]>;
}

// ---------------------------------------------------------------- KMS

export interface KmsAlias {
  name: string;
  arn?: string;
  targetKeyId?: string;
}

export interface KmsKey {
  keyId: string;
  arn: string;
  metadata: Observed<{ keyState?: string; keyManager?: string; enabled?: boolean; description?: string; deletionDate?: string }>;
  rotationEnabled: Observed<boolean>;
  policy: Observed<PolicyDocument | null>;
  tags: Observed<Record<string, string>>;
}

export interface KmsInventory {
  /** Every alias in the region (needed to resolve alias names to keys). */
  aliases: Observed<KmsAlias[]>;
  keys: KmsKey[];
  /** The alias names the scope asked for (checks about a key named by its alias report on these). */
  aliasLookups?: string[];
}

// ---------------------------------------------------------------- CloudTrail

export interface BasicEventSelector {
  readWriteType?: string;
  includeManagementEvents?: boolean;
  dataResources: { type?: string; values: string[] }[];
}

export interface AdvancedEventSelector {
  name?: string;
  fieldSelectors: { field: string; equals?: string[]; startsWith?: string[]; notEquals?: string[]; notStartsWith?: string[]; endsWith?: string[]; notEndsWith?: string[] }[];
}

export interface Trail {
  name: string;
  arn: string;
  homeRegion?: string;
  isMultiRegionTrail: boolean;
  s3BucketName?: string;
  kmsKeyId?: string;
  logFileValidationEnabled: boolean;
  cloudWatchLogsLogGroupArn?: string;
  status: Observed<{ isLogging: boolean }>;
  eventSelectors: Observed<{ basic: BasicEventSelector[]; advanced: AdvancedEventSelector[] }>;
}

export interface CloudTrailInventory {
  trails: Observed<Trail[]>;
}

// ---------------------------------------------------------------- lab evidence

export interface ProbeOutcome {
  /** What the probe attempted, for evidence ("sagemaker:CreateTrainingJob without a VPC as analyst"). */
  description: string;
  outcome: 'allowed' | 'denied' | 'error';
  /** The AWS error code when denied or failed. */
  errorCode?: string;
  message?: string;
}

export interface AnswerEvidence {
  questionId: string;
  prompt: string;
  /** What the learner answered; undefined when not answered yet. */
  given?: string;
  /** Accepted answers, already normalised for comparison. */
  accepted: string[];
  /** How answers are compared. */
  match: 'exact' | 'case-insensitive';
}

export interface LabEvidence {
  answers: AnswerEvidence[];
  probes: Record<string, Observed<ProbeOutcome>>;
}

export type { AwsErrorInfo };

// ---------------------------------------------------------------- EC2 (types in types-ec2.ts)

export type * from './types-ec2.ts';
export type * from './types-sagemaker.ts';
export type * from './types-secretsmanager.ts';
