/**
 * Model Monitor collector: the monitoring schedules of one endpoint, each with the network settings
 * and baseline of the job it runs — from the named job definition, or the inline one.
 */
import {
  DescribeDataQualityJobDefinitionCommand,
  DescribeModelBiasJobDefinitionCommand,
  DescribeModelExplainabilityJobDefinitionCommand,
  DescribeModelQualityJobDefinitionCommand,
  DescribeMonitoringScheduleCommand,
  ListMonitoringSchedulesCommand,
  type MonitoringNetworkConfig,
  type NetworkConfig,
} from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../../aws/index.ts';
import { observe, observedValue, type Observed } from '../observed.ts';
import { mapLimit, paginate } from '../paginate.ts';
import type { MonitoringNetwork, MonitoringScheduleDetails } from '../types-observability.ts';

type Baseline = { constraintsS3Uri?: string; statisticsS3Uri?: string };

export async function collectEndpointMonitoring(aws: AwsClients, endpointName: string): Promise<Observed<MonitoringScheduleDetails[]>> {
  const sagemaker = await aws.client('sagemaker');
  const list = await observe('SageMaker.ListMonitoringSchedules', () =>
    paginate(async (token) => {
      const page = await sagemaker.send(new ListMonitoringSchedulesCommand({ EndpointName: endpointName, NextToken: token, MaxResults: 100 }));
      return { items: (page.MonitoringScheduleSummaries ?? []).map((s) => s.MonitoringScheduleName!).filter(Boolean), next: page.NextToken };
    }),
  );
  if (!list.ok) return list;
  const schedules = await mapLimit(list.value, 4, async (name): Promise<MonitoringScheduleDetails> => {
    const described = await observe('SageMaker.DescribeMonitoringSchedule', () => sagemaker.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: name })));
    if (!described.ok) return { name, monitoringType: 'unknown', network: described, baseline: described };
    const s = described.value;
    const config = s.MonitoringScheduleConfig ?? {};
    const type = config.MonitoringType ?? s.MonitoringType ?? 'DataQuality';
    const base = { name, arn: s.MonitoringScheduleArn, status: s.MonitoringScheduleStatus, monitoringType: type, scheduleExpression: config.ScheduleConfig?.ScheduleExpression };
    if (config.MonitoringJobDefinition) {
      const inline = config.MonitoringJobDefinition;
      return {
        ...base,
        network: observedValue(network(inline.NetworkConfig)),
        baseline: observedValue({ constraintsS3Uri: inline.BaselineConfig?.ConstraintsResource?.S3Uri, statisticsS3Uri: inline.BaselineConfig?.StatisticsResource?.S3Uri }),
      };
    }
    const definitionName = config.MonitoringJobDefinitionName;
    if (!definitionName) return { ...base, network: observedValue(network(undefined)), baseline: observedValue({}) };
    const definition = await observe(`SageMaker.Describe${type}JobDefinition`, () => describeDefinition(aws, type, definitionName));
    return {
      ...base,
      jobDefinitionName: definitionName,
      network: definition.ok ? observedValue(definition.value.network) : definition,
      baseline: definition.ok ? observedValue(definition.value.baseline) : definition,
    };
  });
  return observedValue(schedules);
}

function network(config: MonitoringNetworkConfig | NetworkConfig | undefined): MonitoringNetwork {
  return {
    enableNetworkIsolation: config?.EnableNetworkIsolation === true,
    enableInterContainerTrafficEncryption: config?.EnableInterContainerTrafficEncryption === true,
    hasVpcConfig: Boolean(config?.VpcConfig?.Subnets?.length),
  };
}

async function describeDefinition(aws: AwsClients, type: string, name: string): Promise<{ network: MonitoringNetwork; baseline: Baseline }> {
  const sagemaker = await aws.client('sagemaker');
  const input = { JobDefinitionName: name };
  switch (type) {
    case 'DataQuality': {
      const d = await sagemaker.send(new DescribeDataQualityJobDefinitionCommand(input));
      return { network: network(d.NetworkConfig), baseline: { constraintsS3Uri: d.DataQualityBaselineConfig?.ConstraintsResource?.S3Uri, statisticsS3Uri: d.DataQualityBaselineConfig?.StatisticsResource?.S3Uri } };
    }
    case 'ModelQuality': {
      const d = await sagemaker.send(new DescribeModelQualityJobDefinitionCommand(input));
      return { network: network(d.NetworkConfig), baseline: { constraintsS3Uri: d.ModelQualityBaselineConfig?.ConstraintsResource?.S3Uri } };
    }
    case 'ModelBias': {
      const d = await sagemaker.send(new DescribeModelBiasJobDefinitionCommand(input));
      return { network: network(d.NetworkConfig), baseline: { constraintsS3Uri: d.ModelBiasBaselineConfig?.ConstraintsResource?.S3Uri } };
    }
    default: {
      const d = await sagemaker.send(new DescribeModelExplainabilityJobDefinitionCommand(input));
      return { network: network(d.NetworkConfig), baseline: { constraintsS3Uri: d.ModelExplainabilityBaselineConfig?.ConstraintsResource?.S3Uri } };
    }
  }
}
