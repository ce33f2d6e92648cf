/**
 * SageMaker's state, per account and region. Resources keep the request that created them (the
 * SDK's own input shape, plain data) plus what SageMaker computes: ARN, times, status and the
 * transitions still to come. Names are unique case-insensitively (SageMaker lower-cases them in
 * ARNs), so maps are keyed by the lower-case name; the name as given is kept for display.
 */
import type * as SM from '@aws-sdk/client-sagemaker';

export interface Tag { Key: string; Value: string }

/** A status change scheduled for later (evaluated lazily, from the request clock, on every call). */
export interface Transition {
  readonly at: Date;
  /** The status the resource enters; `deleted` removes it. */
  readonly status: string;
  /** Free-form detail the resource module reads when the transition happens (e.g. a pending config). */
  readonly detail?: Record<string, unknown>;
}

/** Anything whose status moves on by itself. */
export interface Progressing {
  status: string;
  transitions: Transition[];
  lastModifiedTime: Date;
}

export interface NotebookInstance extends Progressing {
  name: string;
  arn: string;
  creationTime: Date;
  spec: SM.CreateNotebookInstanceInput;
  url: string;
  networkInterfaceId?: string;
  failureReason?: string;
}

export interface NotebookLifecycleConfig {
  name: string;
  arn: string;
  onCreate?: SM.NotebookInstanceLifecycleHook[];
  onStart?: SM.NotebookInstanceLifecycleHook[];
  creationTime: Date;
  lastModifiedTime: Date;
}

export interface SecondaryTransition { Status: string; StartTime: Date; EndTime?: Date; StatusMessage: string }

export interface TrainingJob extends Progressing {
  name: string;
  arn: string;
  creationTime: Date;
  spec: SM.CreateTrainingJobRequest;
  secondaryStatus: string;
  secondaryTransitions: SecondaryTransition[];
  trainingStartTime?: Date;
  trainingEndTime?: Date;
  failureReason?: string;
  /** Set on the trials a hyperparameter tuning job launched. */
  tuning?: TuningOrigin;
}

/** What a training job launched by a tuning job knows of it. */
export interface TuningOrigin {
  jobName: string;
  jobArn: string;
  definitionName?: string;
  /** The hyperparameter values the tuning job chose for this trial. */
  tuned: Record<string, string>;
  objective: { Type?: string; MetricName: string };
}

export interface HyperParameterTuningJob extends Progressing {
  name: string;
  arn: string;
  creationTime: Date;
  /** The request as sent, without its tags. */
  spec: SM.CreateHyperParameterTuningJobRequest;
  /** How many trials it will launch, in waves of MaxParallelTrainingJobs. */
  plannedTrainingJobs: number;
  /** Names of the training jobs it launched, in launch order. */
  trainingJobNames: string[];
  endTime?: Date;
  failureReason?: string;
}

export interface ProcessingJob extends Progressing {
  name: string;
  arn: string;
  creationTime: Date;
  spec: SM.CreateProcessingJobRequest;
  startTime?: Date;
  endTime?: Date;
  exitMessage?: string;
}

export interface Model {
  name: string;
  arn: string;
  creationTime: Date;
  spec: SM.CreateModelInput;
}

export interface EndpointConfig {
  name: string;
  arn: string;
  creationTime: Date;
  spec: SM.CreateEndpointConfigInput;
}

/** A production variant as the endpoint runs it (weights and counts can change without a new config). */
export interface RunningVariant {
  VariantName: string;
  ModelName?: string;
  CurrentWeight: number;
  DesiredWeight: number;
  CurrentInstanceCount?: number;
  DesiredInstanceCount?: number;
  InstanceType?: string;
  Serverless?: SM.ProductionVariantServerlessConfig;
  /** The model's container image and environment when the variant was deployed (deleting the model later changes nothing). */
  Image?: string;
  Environment: Record<string, string>;
}

export interface Endpoint extends Progressing {
  name: string;
  arn: string;
  creationTime: Date;
  endpointConfigName: string;
  variants: RunningVariant[];
  /** The config an UpdateEndpoint in progress switches to. */
  pendingConfigName?: string;
  /** The data capture configuration of the current config (copied: the config may be deleted). */
  dataCapture?: SM.DataCaptureConfig;
  failureReason?: string;
  /** Invocations served, the seed of deterministic variant choice and simulated failures. */
  invocations: number;
}

export interface ModelPackageGroup extends Progressing {
  name: string;
  arn: string;
  creationTime: Date;
  description?: string;
  createdBy: SM.UserContext;
  /** The next version number to hand out. */
  nextVersion: number;
}

export interface ModelPackage extends Progressing {
  /** `group/version` for versioned packages, the name for unversioned ones. */
  key: string;
  name: string;
  arn: string;
  groupName?: string;
  version?: number;
  creationTime: Date;
  spec: SM.CreateModelPackageInput;
  approvalStatus?: string;
  approvalDescription?: string;
  createdBy: SM.UserContext;
  lastModifiedBy?: SM.UserContext;
}

export type MonitoringType = 'DataQuality' | 'ModelQuality' | 'ModelBias' | 'ModelExplainability';

export interface MonitoringJobDefinition {
  type: MonitoringType;
  name: string;
  arn: string;
  creationTime: Date;
  /** The Create…JobDefinition request as sent (its members differ by type). */
  spec: Record<string, unknown>;
}

export interface MonitoringSchedule extends Progressing {
  name: string;
  arn: string;
  creationTime: Date;
  config: SM.MonitoringScheduleConfig;
  failureReason?: string;
}

export interface Domain extends Progressing {
  id: string;
  name: string;
  arn: string;
  creationTime: Date;
  spec: SM.CreateDomainRequest;
  homeEfsFileSystemId: string;
  url: string;
  securityGroupIdForDomainBoundary?: string;
  failureReason?: string;
}

export interface SageMakerState {
  notebookInstances: Map<string, NotebookInstance>;
  lifecycleConfigs: Map<string, NotebookLifecycleConfig>;
  trainingJobs: Map<string, TrainingJob>;
  processingJobs: Map<string, ProcessingJob>;
  /** Absent in state persisted before tuning jobs existed: use `tuningJobsOf()`. */
  tuningJobs?: Map<string, HyperParameterTuningJob>;
  models: Map<string, Model>;
  endpointConfigs: Map<string, EndpointConfig>;
  endpoints: Map<string, Endpoint>;
  modelPackageGroups: Map<string, ModelPackageGroup>;
  /** By lower-case `group/version` (or name for unversioned packages). */
  modelPackages: Map<string, ModelPackage>;
  /** By `Type/lower-case-name`. */
  monitoringJobDefinitions: Map<string, MonitoringJobDefinition>;
  monitoringSchedules: Map<string, MonitoringSchedule>;
  /** By domain id. */
  domains: Map<string, Domain>;
  /** Tags of every taggable resource, by ARN. */
  tags: Map<string, Tag[]>;
}

export function createSageMakerState(): SageMakerState {
  return {
    notebookInstances: new Map(),
    lifecycleConfigs: new Map(),
    trainingJobs: new Map(),
    processingJobs: new Map(),
    tuningJobs: new Map(),
    models: new Map(),
    endpointConfigs: new Map(),
    endpoints: new Map(),
    modelPackageGroups: new Map(),
    modelPackages: new Map(),
    monitoringJobDefinitions: new Map(),
    monitoringSchedules: new Map(),
    domains: new Map(),
    tags: new Map(),
  };
}

export function tuningJobsOf(state: SageMakerState): Map<string, HyperParameterTuningJob> {
  return (state.tuningJobs ??= new Map());
}
