/** SageMaker model collector: every model whose name starts with a lab's prefix, with isolation, VPC and container environments. */
import { DescribeModelCommand, ListModelsCommand, type ContainerDefinition } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../../aws/index.ts';
import { observe } from '../observed.ts';
import { mapLimit, paginate } from '../paginate.ts';
import type { ContainerSummary, SageMakerFamily, SageMakerModel, SageMakerModelInventory } from '../types-sagemaker.ts';

const container = (c: ContainerDefinition): ContainerSummary => ({ ...(c.Image ? { image: c.Image } : {}), ...(c.ModelDataUrl ? { modelDataUrl: c.ModelDataUrl } : {}), environment: c.Environment ?? {} });

export async function collectSageMakerModels(aws: AwsClients, scope: { prefixes: string[] }): Promise<SageMakerModelInventory> {
  const sagemaker = await aws.client('sagemaker');
  const models = await mapLimit(scope.prefixes, 2, async (prefix): Promise<SageMakerFamily<SageMakerModel>> => {
    const names = await observe('SageMaker.ListModels', () =>
      paginate(async (token) => {
        const page = await sagemaker.send(new ListModelsCommand({ NameContains: prefix, NextToken: token, MaxResults: 100 }));
        return { items: (page.Models ?? []).map((m) => m.ModelName ?? '').filter((n) => n.startsWith(prefix)), next: page.NextToken };
      }),
    );
    if (!names.ok) return { prefix, members: names };
    const described = await mapLimit(names.value, 4, (name) =>
      observe<SageMakerModel | null>('SageMaker.DescribeModel', async () => {
        const d = await sagemaker.send(new DescribeModelCommand({ ModelName: name }));
        return {
          name,
          ...(d.ModelArn ? { arn: d.ModelArn } : {}),
          enableNetworkIsolation: d.EnableNetworkIsolation === true,
          ...(d.VpcConfig ? { vpcConfig: { subnets: d.VpcConfig.Subnets ?? [], securityGroupIds: d.VpcConfig.SecurityGroupIds ?? [] } } : {}),
          containers: [...(d.PrimaryContainer ? [container(d.PrimaryContainer)] : []), ...(d.Containers ?? []).map(container)],
          ...(d.ExecutionRoleArn ? { executionRoleArn: d.ExecutionRoleArn } : {}),
        };
      }, { notFound: null, notFoundCodes: ['ValidationException'] }),
    );
    const failure = described.find((d) => !d.ok);
    if (failure && !failure.ok) return { prefix, members: failure };
    return { prefix, members: { ok: true, value: described.flatMap((d) => (d.ok && d.value ? [d.value] : [])) } };
  });
  return { models };
}
