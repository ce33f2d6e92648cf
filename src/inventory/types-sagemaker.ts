/**
 * SageMaker notebooks, training jobs and models as checks read them. These resources cannot be
 * changed in place where it matters (a notebook's network and key, a job's settings, a model's
 * isolation), so labs ask learners to replace them under a new name: a lab resource is a *family*,
 * every resource whose name starts with the lab's name for it, and every member must be compliant.
 */
import type { Observed } from './observed.ts';
import type { SecurityGroupDetail, SubnetDetail } from './types-ec2.ts';

/** Every resource whose name starts with `prefix`, as listed; a listing that failed is an error. */
export interface SageMakerFamily<T> {
  prefix: string;
  members: Observed<T[]>;
}

export interface NotebookInstance {
  name: string;
  arn?: string;
  status?: string;
  /** `Enabled` (AWS's default) or `Disabled`. */
  directInternetAccess?: string;
  /** `Enabled` (AWS's default) or `Disabled`. */
  rootAccess?: string;
  subnetId?: string;
  securityGroupIds: string[];
  /** As configured: key id, key ARN, alias name or alias ARN. */
  kmsKeyId?: string;
  lifecycleConfigName?: string;
  roleArn?: string;
  /** The notebook's subnet, with the route table in force; undefined when it has none. */
  subnet?: Observed<SubnetDetail | null>;
  /** The notebook's security groups. */
  securityGroups?: Observed<SecurityGroupDetail[]>;
}

export interface SageMakerNotebookInventory {
  notebooks: SageMakerFamily<NotebookInstance>[];
  /** Lifecycle configurations looked up by name (they can be updated in place). */
  lifecycleConfigs?: LifecycleConfigEntry[];
}

export interface VpcConfigSummary {
  subnets: string[];
  securityGroupIds: string[];
}

export interface TrainingJob {
  name: string;
  arn?: string;
  status?: string;
  /** ISO time. */
  creationTime?: string;
  enableNetworkIsolation: boolean;
  enableInterContainerTrafficEncryption: boolean;
  vpcConfig?: VpcConfigSummary;
  /** ResourceConfig.VolumeKmsKeyId, as configured. */
  volumeKmsKeyId?: string;
  /** OutputDataConfig.KmsKeyId, as configured ("" is AWS's "default S3 key"). */
  outputKmsKeyId?: string;
  environment: Record<string, string>;
  hyperParameters: Record<string, string>;
  roleArn?: string;
}

/**
 * Training jobs cannot be deleted, so a family is judged by its most recent job (the relaunch);
 * older jobs are listed for evidence only.
 */
export interface TrainingJobFamily {
  prefix: string;
  jobs: Observed<{ latest: TrainingJob | null; older: string[] }>;
}

export interface SageMakerTrainingInventory {
  trainingJobs: TrainingJobFamily[];
}

export interface ContainerSummary {
  image?: string;
  modelDataUrl?: string;
  environment: Record<string, string>;
}

export interface SageMakerModel {
  name: string;
  arn?: string;
  enableNetworkIsolation: boolean;
  vpcConfig?: VpcConfigSummary;
  /** PrimaryContainer, then Containers[] (inference pipelines). */
  containers: ContainerSummary[];
  executionRoleArn?: string;
}

export interface SageMakerModelInventory {
  models: SageMakerFamily<SageMakerModel>[];
}

/** A notebook lifecycle configuration's scripts, decoded from base64. */
export interface LifecycleConfigDetail {
  name: string;
  arn?: string;
  onCreate: string[];
  onStart: string[];
}

export interface LifecycleConfigEntry {
  name: string;
  found: Observed<LifecycleConfigDetail | null>;
}
