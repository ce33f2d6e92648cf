/**
 * Every SageMaker operation the emulator implements, by name, each wrapped so it first brings
 * time-based statuses up to date (settle.ts). Loaded on the first SageMaker call (service.ts).
 */
import type { Handler } from '../define-service.ts';
import * as domains from './domains.ts';
import * as endpointConfigs from './endpoint-configs.ts';
import * as endpoints from './endpoints.ts';
import * as lifecycle from './lifecycle-configs.ts';
import * as packages from './model-packages.ts';
import * as models from './models.ts';
import { monitoringJobDefinitionHandlers } from './monitoring-job-definitions.ts';
import * as schedules from './monitoring-schedules.ts';
import * as notebooks from './notebook-instances.ts';
import * as processing from './processing-jobs.ts';
import { settled } from './settle.ts';
import type { SageMakerState } from './state.ts';
import * as tags from './tags.ts';
import * as training from './training-jobs.ts';
import * as tuning from './tuning-jobs.ts';

const table: Record<string, Handler<any, any, SageMakerState>> = {
  // notebook instances and their lifecycle configurations
  CreateNotebookInstance: notebooks.createNotebookInstance,
  DescribeNotebookInstance: notebooks.describeNotebookInstance,
  ListNotebookInstances: notebooks.listNotebookInstances,
  StartNotebookInstance: notebooks.startNotebookInstance,
  StopNotebookInstance: notebooks.stopNotebookInstance,
  UpdateNotebookInstance: notebooks.updateNotebookInstance,
  DeleteNotebookInstance: notebooks.deleteNotebookInstance,
  CreateNotebookInstanceLifecycleConfig: lifecycle.createNotebookInstanceLifecycleConfig,
  DescribeNotebookInstanceLifecycleConfig: lifecycle.describeNotebookInstanceLifecycleConfig,
  UpdateNotebookInstanceLifecycleConfig: lifecycle.updateNotebookInstanceLifecycleConfig,
  DeleteNotebookInstanceLifecycleConfig: lifecycle.deleteNotebookInstanceLifecycleConfig,
  ListNotebookInstanceLifecycleConfigs: lifecycle.listNotebookInstanceLifecycleConfigs,
  // training jobs
  CreateTrainingJob: training.createTrainingJob,
  DescribeTrainingJob: training.describeTrainingJob,
  ListTrainingJobs: training.listTrainingJobs,
  StopTrainingJob: training.stopTrainingJob,
  // hyperparameter tuning jobs
  CreateHyperParameterTuningJob: tuning.createHyperParameterTuningJob,
  DescribeHyperParameterTuningJob: tuning.describeHyperParameterTuningJob,
  ListHyperParameterTuningJobs: tuning.listHyperParameterTuningJobs,
  StopHyperParameterTuningJob: tuning.stopHyperParameterTuningJob,
  DeleteHyperParameterTuningJob: tuning.deleteHyperParameterTuningJob,
  ListTrainingJobsForHyperParameterTuningJob: tuning.listTrainingJobsForHyperParameterTuningJob,
  // hosting: models, endpoint configurations, endpoints
  CreateModel: models.createModel,
  DescribeModel: models.describeModel,
  ListModels: models.listModels,
  DeleteModel: models.deleteModel,
  CreateEndpointConfig: endpointConfigs.createEndpointConfig,
  DescribeEndpointConfig: endpointConfigs.describeEndpointConfig,
  ListEndpointConfigs: endpointConfigs.listEndpointConfigs,
  DeleteEndpointConfig: endpointConfigs.deleteEndpointConfig,
  CreateEndpoint: endpoints.createEndpoint,
  DescribeEndpoint: endpoints.describeEndpoint,
  ListEndpoints: endpoints.listEndpoints,
  UpdateEndpoint: endpoints.updateEndpoint,
  UpdateEndpointWeightsAndCapacities: endpoints.updateEndpointWeightsAndCapacities,
  DeleteEndpoint: endpoints.deleteEndpoint,
  // model registry
  CreateModelPackageGroup: packages.createModelPackageGroup,
  DescribeModelPackageGroup: packages.describeModelPackageGroup,
  ListModelPackageGroups: packages.listModelPackageGroups,
  DeleteModelPackageGroup: packages.deleteModelPackageGroup,
  CreateModelPackage: packages.createModelPackage,
  DescribeModelPackage: packages.describeModelPackage,
  ListModelPackages: packages.listModelPackages,
  UpdateModelPackage: packages.updateModelPackage,
  DeleteModelPackage: packages.deleteModelPackage,
  // Model Monitor: job definitions of the four kinds, and schedules
  ...monitoringJobDefinitionHandlers,
  CreateMonitoringSchedule: schedules.createMonitoringSchedule,
  DescribeMonitoringSchedule: schedules.describeMonitoringSchedule,
  ListMonitoringSchedules: schedules.listMonitoringSchedules,
  UpdateMonitoringSchedule: schedules.updateMonitoringSchedule,
  StartMonitoringSchedule: schedules.startMonitoringSchedule,
  StopMonitoringSchedule: schedules.stopMonitoringSchedule,
  DeleteMonitoringSchedule: schedules.deleteMonitoringSchedule,
  // processing jobs
  CreateProcessingJob: processing.createProcessingJob,
  DescribeProcessingJob: processing.describeProcessingJob,
  ListProcessingJobs: processing.listProcessingJobs,
  StopProcessingJob: processing.stopProcessingJob,
  // Studio domains
  CreateDomain: domains.createDomain,
  DescribeDomain: domains.describeDomain,
  ListDomains: domains.listDomains,
  UpdateDomain: domains.updateDomain,
  DeleteDomain: domains.deleteDomain,
  // tags
  AddTags: tags.addTags,
  DeleteTags: tags.deleteTags,
  ListTags: tags.listTags,
};

export const SAGEMAKER_HANDLERS: Readonly<Record<string, Handler<any, any, SageMakerState>>> = Object.fromEntries(Object.entries(table).map(([name, handler]) => [name, settled(handler)]));
