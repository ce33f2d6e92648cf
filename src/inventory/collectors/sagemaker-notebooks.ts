/**
 * SageMaker notebook collector: every notebook instance whose name starts with a lab's prefix
 * (the notebook setup created and the replacements a learner launches), with the settings checks
 * read and, when asked, the subnet and security groups it runs in.
 */
import { DescribeNotebookInstanceCommand, DescribeNotebookInstanceLifecycleConfigCommand, ListNotebookInstancesCommand } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../../aws/index.ts';
import { observe, type Observed } from '../observed.ts';
import { mapLimit, paginate } from '../paginate.ts';
import type { LifecycleConfigDetail, LifecycleConfigEntry, NotebookInstance, SageMakerFamily, SageMakerNotebookInventory } from '../types-sagemaker.ts';
import { describeGroups, firstSubnet } from './ec2.ts';

export interface SageMakerNotebookScope {
  prefixes: string[];
  network?: boolean;
  lifecycleConfigs?: string[];
}

/** Notebooks on their way out are not part of the environment any more. */
const gone = new Set(['Deleting']);

export async function collectSageMakerNotebooks(aws: AwsClients, scope: SageMakerNotebookScope): Promise<SageMakerNotebookInventory> {
  const sagemaker = await aws.client('sagemaker');
  const ec2 = scope.network ? await aws.client('ec2') : undefined;
  const notebooks = await mapLimit(scope.prefixes, 2, async (prefix): Promise<SageMakerFamily<NotebookInstance>> => {
    const names = await observe('SageMaker.ListNotebookInstances', () =>
      paginate(async (token) => {
        const page = await sagemaker.send(new ListNotebookInstancesCommand({ NameContains: prefix, NextToken: token, MaxResults: 100 }));
        return { items: (page.NotebookInstances ?? []).filter((n) => n.NotebookInstanceName?.startsWith(prefix) && !gone.has(n.NotebookInstanceStatus ?? '')).map((n) => n.NotebookInstanceName!), next: page.NextToken };
      }),
    );
    if (!names.ok) return { prefix, members: names };
    const described = await mapLimit(names.value, 4, (name) =>
      observe('SageMaker.DescribeNotebookInstance', async () => {
        const d = await sagemaker.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: name }));
        const notebook: NotebookInstance = {
          name,
          ...(d.NotebookInstanceArn ? { arn: d.NotebookInstanceArn } : {}),
          ...(d.NotebookInstanceStatus ? { status: d.NotebookInstanceStatus } : {}),
          ...(d.DirectInternetAccess ? { directInternetAccess: d.DirectInternetAccess } : {}),
          ...(d.RootAccess ? { rootAccess: d.RootAccess } : {}),
          ...(d.SubnetId ? { subnetId: d.SubnetId } : {}),
          securityGroupIds: d.SecurityGroups ?? [],
          ...(d.KmsKeyId ? { kmsKeyId: d.KmsKeyId } : {}),
          ...(d.NotebookInstanceLifecycleConfigName ? { lifecycleConfigName: d.NotebookInstanceLifecycleConfigName } : {}),
          ...(d.RoleArn ? { roleArn: d.RoleArn } : {}),
        };
        if (ec2 && d.SubnetId) {
          const [subnet, groups] = await Promise.all([
            firstSubnet(ec2, [{ Name: 'subnet-id', Values: [d.SubnetId] }]),
            notebook.securityGroupIds.length ? describeGroups(ec2, [], notebook.securityGroupIds) : Promise.resolve<Observed<never[]>>({ ok: true, value: [] }),
          ]);
          notebook.subnet = subnet;
          notebook.securityGroups = groups;
        }
        return notebook;
      }, { notFound: null }),
    );
    // A notebook deleted between the listing and the describe is simply not there any more.
    const failure = described.find((d) => !d.ok);
    if (failure && !failure.ok) return { prefix, members: failure };
    return { prefix, members: { ok: true, value: described.flatMap((d) => (d.ok && d.value ? [d.value] : [])) } };
  });
  const lifecycleConfigs = await mapLimit(scope.lifecycleConfigs ?? [], 4, async (name): Promise<LifecycleConfigEntry> => ({
    name,
    found: await observe<LifecycleConfigDetail | null>(
      'SageMaker.DescribeNotebookInstanceLifecycleConfig',
      async () => {
        const d = await sagemaker.send(new DescribeNotebookInstanceLifecycleConfigCommand({ NotebookInstanceLifecycleConfigName: name }));
        const decode = (hooks: { Content?: string }[] | undefined) => (hooks ?? []).map((h) => Buffer.from(h.Content ?? '', 'base64').toString('utf8'));
        return { name, ...(d.NotebookInstanceLifecycleConfigArn ? { arn: d.NotebookInstanceLifecycleConfigArn } : {}), onCreate: decode(d.OnCreate), onStart: decode(d.OnStart) };
      },
      // SageMaker answers an unknown lifecycle configuration with a ValidationException ("Unable to describe …").
      { notFound: null, notFoundCodes: ['ValidationException', 'RecordNotFound'] },
    ),
  }));
  return { notebooks, ...(scope.lifecycleConfigs?.length ? { lifecycleConfigs } : {}) };
}
