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
}
