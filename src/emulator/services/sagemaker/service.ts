/**
 * Amazon SageMaker: regional, per account. The operation handlers (handlers.ts, with every resource
 * module behind them) load on the first SageMaker call, so registering the service costs the
 * emulator's cold start nothing; the names below are what the router and the coverage table see.
 */
import { defineService } from '../define-service.ts';
import { lazyHandlers } from './lazy-handlers.ts';
import { SAGEMAKER_LIMITATIONS } from './limitations.ts';
import { createSageMakerState, type SageMakerState } from './state.ts';

/** Every operation handlers.ts implements (a unit test keeps the two lists equal). */
export const SAGEMAKER_OPERATIONS: readonly string[] = [
  'CreateNotebookInstance', 'DescribeNotebookInstance', 'ListNotebookInstances', 'StartNotebookInstance', 'StopNotebookInstance',
  'UpdateNotebookInstance', 'DeleteNotebookInstance', 'CreateNotebookInstanceLifecycleConfig', 'DescribeNotebookInstanceLifecycleConfig', 'UpdateNotebookInstanceLifecycleConfig',
  'DeleteNotebookInstanceLifecycleConfig', 'ListNotebookInstanceLifecycleConfigs', 'CreateTrainingJob', 'DescribeTrainingJob', 'ListTrainingJobs',
  'StopTrainingJob', 'CreateModel', 'DescribeModel', 'ListModels', 'DeleteModel',
  'CreateEndpointConfig', 'DescribeEndpointConfig', 'ListEndpointConfigs', 'DeleteEndpointConfig', 'CreateEndpoint',
  'DescribeEndpoint', 'ListEndpoints', 'UpdateEndpoint', 'UpdateEndpointWeightsAndCapacities', 'DeleteEndpoint',
  'CreateModelPackageGroup', 'DescribeModelPackageGroup', 'ListModelPackageGroups', 'DeleteModelPackageGroup', 'CreateModelPackage',
  'DescribeModelPackage', 'ListModelPackages', 'UpdateModelPackage', 'DeleteModelPackage', 'CreateDataQualityJobDefinition',
  'DescribeDataQualityJobDefinition', 'ListDataQualityJobDefinitions', 'DeleteDataQualityJobDefinition', 'CreateModelQualityJobDefinition', 'DescribeModelQualityJobDefinition',
  'ListModelQualityJobDefinitions', 'DeleteModelQualityJobDefinition', 'CreateModelBiasJobDefinition', 'DescribeModelBiasJobDefinition', 'ListModelBiasJobDefinitions',
  'DeleteModelBiasJobDefinition', 'CreateModelExplainabilityJobDefinition', 'DescribeModelExplainabilityJobDefinition', 'ListModelExplainabilityJobDefinitions', 'DeleteModelExplainabilityJobDefinition',
  'CreateMonitoringSchedule', 'DescribeMonitoringSchedule', 'ListMonitoringSchedules', 'UpdateMonitoringSchedule', 'StartMonitoringSchedule',
  'StopMonitoringSchedule', 'DeleteMonitoringSchedule', 'CreateProcessingJob', 'DescribeProcessingJob', 'ListProcessingJobs',
  'StopProcessingJob', 'CreateDomain', 'DescribeDomain', 'ListDomains', 'UpdateDomain',
  'DeleteDomain', 'AddTags', 'DeleteTags', 'ListTags', 'CreateHyperParameterTuningJob', 'DescribeHyperParameterTuningJob',
  'ListHyperParameterTuningJobs', 'StopHyperParameterTuningJob', 'DeleteHyperParameterTuningJob', 'ListTrainingJobsForHyperParameterTuningJob',
];

export const sagemakerService = defineService<SageMakerState>({
  id: 'sagemaker',
  title: 'Amazon SageMaker',
  signingName: 'sagemaker',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2017-07-24', targetPrefix: 'SageMaker' },
  loadModel: () => import('@aws-sdk/client-sagemaker') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: createSageMakerState },
  handlers: lazyHandlers(SAGEMAKER_OPERATIONS, async () => (await import('./handlers.ts')).SAGEMAKER_HANDLERS),
  limitations: SAGEMAKER_LIMITATIONS,
});
