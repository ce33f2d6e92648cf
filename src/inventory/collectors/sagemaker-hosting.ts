/**
 * SageMaker hosting collector: endpoints by name, with the endpoint configuration they use now
 * (DescribeEndpoint → EndpointConfigName → DescribeEndpointConfig) and their tags. A fix that
 * moves an endpoint to a new configuration is graded on the new one.
 */
import { DescribeEndpointCommand, DescribeEndpointConfigCommand, ListTagsCommand, type DescribeEndpointConfigOutput } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../../aws/index.ts';
import { observe, observedValue, type Observed } from '../observed.ts';
import { mapLimit, paginate } from '../paginate.ts';
import type { ObservabilityScope } from '../scope-observability.ts';
import type { EndpointConfigDetails, HostedEndpoint, SageMakerHostingInventory } from '../types-observability.ts';
import { collectEndpointMonitoring } from './sagemaker-monitoring.ts';
import { collectVariantScaling } from './application-autoscaling.ts';

/** SageMaker answers an unknown endpoint or configuration with a ValidationException "Could not find …". */
const missing = { notFound: null, notFoundCodes: ['ValidationException'] };

export async function collectSageMakerHosting(aws: AwsClients, scope: NonNullable<ObservabilityScope['sagemakerHosting']>): Promise<SageMakerHostingInventory> {
  const sagemaker = await aws.client('sagemaker');
  const names = scope.endpoints?.names ?? [];
  const endpoints = await mapLimit(names, 4, async (name): Promise<HostedEndpoint> => {
    const endpoint = await observe('SageMaker.DescribeEndpoint', async () => {
      const e = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));
      return {
        arn: e.EndpointArn,
        status: e.EndpointStatus,
        endpointConfigName: e.EndpointConfigName,
        variants: (e.ProductionVariants ?? []).map((v) => ({
          variantName: v.VariantName ?? '',
          currentWeight: v.CurrentWeight,
          desiredWeight: v.DesiredWeight,
          currentInstanceCount: v.CurrentInstanceCount,
          desiredInstanceCount: v.DesiredInstanceCount,
        })),
      };
    }, missing);
    let config: Observed<EndpointConfigDetails | null> = observedValue(null);
    let tags: Observed<Record<string, string>> = observedValue({});
    if (!endpoint.ok) config = tags = endpoint;
    else if (endpoint.value) {
      const { endpointConfigName, arn } = endpoint.value;
      [config, tags] = await Promise.all([
        endpointConfigName
          ? observe('SageMaker.DescribeEndpointConfig', async () => endpointConfigDetails(await sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: endpointConfigName }))), missing)
          : Promise.resolve(observedValue(null)),
        arn ? observe('SageMaker.ListTags', () => listTags(aws, arn)) : Promise.resolve(observedValue({})),
      ]);
    }
    const hosted: HostedEndpoint = { name, endpoint, config, tags };
    const exists = endpoint.ok && endpoint.value !== null;
    if (scope.monitoring) hosted.monitoringSchedules = exists ? await collectEndpointMonitoring(aws, name) : endpoint.ok ? observedValue([]) : endpoint;
    if (scope.scaling) hosted.scaling = exists ? await collectVariantScaling(aws, name, endpoint.ok && endpoint.value ? endpoint.value.variants.map((v) => v.variantName) : []) : endpoint.ok ? observedValue([]) : endpoint;
    return hosted;
  });
  return { endpoints };
}

export function endpointConfigDetails(c: DescribeEndpointConfigOutput): EndpointConfigDetails {
  const capture = c.DataCaptureConfig;
  return {
    name: c.EndpointConfigName ?? '',
    kmsKeyId: c.KmsKeyId || undefined,
    variants: (c.ProductionVariants ?? []).map((v) => ({
      variantName: v.VariantName ?? '',
      modelName: v.ModelName,
      instanceType: v.InstanceType,
      initialInstanceCount: v.InitialInstanceCount,
      initialVariantWeight: v.InitialVariantWeight,
    })),
    dataCapture: capture
      ? {
          // AWS: EnableCapture defaults to true when a DataCaptureConfig is given without it.
          enableCapture: capture.EnableCapture !== false,
          initialSamplingPercentage: capture.InitialSamplingPercentage,
          destinationS3Uri: capture.DestinationS3Uri,
          kmsKeyId: capture.KmsKeyId || undefined,
          captureModes: (capture.CaptureOptions ?? []).map((o) => o.CaptureMode ?? '').filter(Boolean),
        }
      : null,
  };
}

/** SageMaker ListTags for any resource ARN, every page. */
export async function listTags(aws: AwsClients, arn: string): Promise<Record<string, string>> {
  const sagemaker = await aws.client('sagemaker');
  const tags = await paginate(async (token) => {
    const page = await sagemaker.send(new ListTagsCommand({ ResourceArn: arn, NextToken: token, MaxResults: 100 }));
    return { items: page.Tags ?? [], next: page.NextToken };
  });
  return Object.fromEntries(tags.map((t) => [t.Key ?? '', t.Value ?? '']));
}
