/**
 * SageMaker hosting and monitoring resources, found by the run prefix in their names (every name a
 * lab or its learner gives them starts with `mlsec-<run-id>-`). Deleted dependants first: monitoring
 * schedules, job definitions, endpoints, endpoint configurations (models, which training labs
 * create too, are the `sagemaker:model` kind in `sagemaker-training.ts`).
 */
import {
  DeleteDataQualityJobDefinitionCommand,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelQualityJobDefinitionCommand,
  DeleteMonitoringScheduleCommand,
  ListDataQualityJobDefinitionsCommand,
  ListEndpointConfigsCommand,
  ListEndpointsCommand,
  ListModelQualityJobDefinitionsCommand,
  ListMonitoringSchedulesCommand,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { toAwsErrorInfo, withThrottlingRetry } from '../../aws/index.ts';
import { isGoneError, listOrNoneWhereUnsupported } from './sweep-errors.ts';
import { paginate } from '../../inventory/paginate.ts';
import type { FoundResource, ResourceKind, SweepContext } from './types.ts';

type Lister = (sagemaker: SageMakerClient, prefix: string, token: string | undefined) => Promise<{ items: { name: string; status?: string }[]; next?: string }>;

function sagemakerKind(options: {
  type: string;
  checkResourceType: string;
  deleteOrder: number;
  list: Lister;
  remove: (sagemaker: SageMakerClient, resource: FoundResource) => Promise<unknown>;
  isGone?: (resource: FoundResource) => boolean;
}): ResourceKind {
  return {
    type: options.type,
    service: 'sagemaker',
    checkResourceType: options.checkResourceType,
    physicalName: (prefix, name) => `${prefix}-${name}`,
    deleteOrder: options.deleteOrder,
    async find(ctx: SweepContext) {
      const sagemaker = await ctx.aws.client('sagemaker');
      const items = await listOrNoneWhereUnsupported(`SageMaker ${options.type}`, () => paginate((token) => withThrottlingRetry(() => options.list(sagemaker, ctx.prefix, token))));
      return items
        .filter((i) => i.name.startsWith(`${ctx.prefix}-`))
        .map((i) => ({ type: options.type, id: i.name, ...(i.status ? { data: { status: i.status } } : {}) }));
    },
    async delete(ctx, resource) {
      if (options.isGone?.(resource)) return;
      const sagemaker = await ctx.aws.client('sagemaker');
      try {
        await withThrottlingRetry(() => options.remove(sagemaker, resource));
      } catch (error) {
        // SageMaker answers "Could not find …" as a ValidationException.
        if (!isGoneError(toAwsErrorInfo(error))) throw error;
      }
    },
    ...(options.isGone ? { isGone: options.isGone } : {}),
  };
}

export const sagemakerMonitoringSchedule = sagemakerKind({
  type: 'sagemaker:monitoring-schedule',
  checkResourceType: 'AWS::SageMaker::MonitoringSchedule',
  deleteOrder: 5,
  list: async (sm, prefix, token) => {
    const page = await sm.send(new ListMonitoringSchedulesCommand({ NameContains: prefix, NextToken: token, MaxResults: 100 }));
    return { items: (page.MonitoringScheduleSummaries ?? []).map((s) => ({ name: s.MonitoringScheduleName ?? '' })), next: page.NextToken };
  },
  remove: (sm, r) => sm.send(new DeleteMonitoringScheduleCommand({ MonitoringScheduleName: r.id })),
});

export const sagemakerDataQualityJobDefinition = sagemakerKind({
  type: 'sagemaker:data-quality-job-definition',
  checkResourceType: 'AWS::SageMaker::DataQualityJobDefinition',
  deleteOrder: 6,
  list: async (sm, prefix, token) => {
    const page = await sm.send(new ListDataQualityJobDefinitionsCommand({ NameContains: prefix, NextToken: token, MaxResults: 100 }));
    return { items: (page.JobDefinitionSummaries ?? []).map((s) => ({ name: s.MonitoringJobDefinitionName ?? '' })), next: page.NextToken };
  },
  remove: (sm, r) => sm.send(new DeleteDataQualityJobDefinitionCommand({ JobDefinitionName: r.id })),
});

export const sagemakerModelQualityJobDefinition = sagemakerKind({
  type: 'sagemaker:model-quality-job-definition',
  checkResourceType: 'AWS::SageMaker::ModelQualityJobDefinition',
  deleteOrder: 6,
  list: async (sm, prefix, token) => {
    const page = await sm.send(new ListModelQualityJobDefinitionsCommand({ NameContains: prefix, NextToken: token, MaxResults: 100 }));
    return { items: (page.JobDefinitionSummaries ?? []).map((s) => ({ name: s.MonitoringJobDefinitionName ?? '' })), next: page.NextToken };
  },
  remove: (sm, r) => sm.send(new DeleteModelQualityJobDefinitionCommand({ JobDefinitionName: r.id })),
});

/** An endpoint being deleted counts as gone: SageMaker finishes the deletion by itself. */
export const sagemakerEndpoint = sagemakerKind({
  type: 'sagemaker:endpoint',
  checkResourceType: 'AWS::SageMaker::Endpoint',
  deleteOrder: 20,
  list: async (sm, prefix, token) => {
    const page = await sm.send(new ListEndpointsCommand({ NameContains: prefix, NextToken: token, MaxResults: 100 }));
    return { items: (page.Endpoints ?? []).map((e) => ({ name: e.EndpointName ?? '', status: e.EndpointStatus })), next: page.NextToken };
  },
  remove: (sm, r) => sm.send(new DeleteEndpointCommand({ EndpointName: r.id })),
  isGone: (r) => r.data?.status === 'Deleting',
});

export const sagemakerEndpointConfig = sagemakerKind({
  type: 'sagemaker:endpoint-config',
  checkResourceType: 'AWS::SageMaker::EndpointConfig',
  deleteOrder: 25,
  list: async (sm, prefix, token) => {
    const page = await sm.send(new ListEndpointConfigsCommand({ NameContains: prefix, NextToken: token, MaxResults: 100 }));
    return { items: (page.EndpointConfigs ?? []).map((c) => ({ name: c.EndpointConfigName ?? '' })), next: page.NextToken };
  },
  remove: (sm, r) => sm.send(new DeleteEndpointConfigCommand({ EndpointConfigName: r.id })),
});
