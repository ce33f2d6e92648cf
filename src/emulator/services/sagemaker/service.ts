/** Amazon SageMaker: regional, per account. Every handler first brings time-based statuses up to date (settle.ts). */
import { defineService, type Handler } from '../define-service.ts';
import * as endpointConfigs from './endpoint-configs.ts';
import * as endpoints from './endpoints.ts';
import * as lifecycle from './lifecycle-configs.ts';
import { SAGEMAKER_LIMITATIONS } from './limitations.ts';
import * as models from './models.ts';
import * as notebooks from './notebook-instances.ts';
import { settled } from './settle.ts';
import { createSageMakerState, type SageMakerState } from './state.ts';
import * as tags from './tags.ts';
import * as training from './training-jobs.ts';

const handlers: Record<string, Handler<any, any, SageMakerState>> = {
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
  // tags
  AddTags: tags.addTags,
  DeleteTags: tags.deleteTags,
  ListTags: tags.listTags,
};

export const sagemakerService = defineService<SageMakerState>({
  id: 'sagemaker',
  title: 'Amazon SageMaker',
  signingName: 'sagemaker',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2017-07-24', targetPrefix: 'SageMaker' },
  loadModel: () => import('@aws-sdk/client-sagemaker') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: createSageMakerState },
  handlers: Object.fromEntries(Object.entries(handlers).map(([name, handler]) => [name, settled(handler)])),
  limitations: SAGEMAKER_LIMITATIONS,
});
