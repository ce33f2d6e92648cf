import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcEndpointsCommand,
  ModifySubnetAttributeCommand,
  ModifyVpcAttributeCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { CreateNotebookInstanceCommand } from '@aws-sdk/client-sagemaker';
import { createExecutionRole, createKeyWithAlias, defineLab, notebooksNamed, retireNotebook, type LabContext } from '../../src/labs/kit/index.ts';

const vpcCidr = '10.60.0.0/16';

const tagged = (ctx: LabContext, name: string, resourceType: 'vpc' | 'subnet' | 'security-group' | 'route-table' | 'internet-gateway' | 'vpc-endpoint') => [
  { ResourceType: resourceType, Tags: [...ctx.tagList, { Key: 'Name', Value: name }, { Key: 'team', Value: 'retention-analytics' }] },
];

interface NotebookSettings {
  name: string;
  subnetId?: string;
  securityGroupIds?: string[];
  directInternetAccess?: 'Enabled' | 'Disabled';
  rootAccess?: 'Enabled' | 'Disabled';
  kmsKeyId?: string;
}

async function launchNotebook(ctx: LabContext, s: NotebookSettings): Promise<void> {
  const sagemaker = await ctx.aws.client('sagemaker');
  await sagemaker.send(
    new CreateNotebookInstanceCommand({
      NotebookInstanceName: s.name,
      InstanceType: 'ml.t3.medium',
      RoleArn: ctx.facts.notebookRoleArn!,
      ...(s.subnetId ? { SubnetId: s.subnetId, SecurityGroupIds: s.securityGroupIds } : {}),
      ...(s.directInternetAccess ? { DirectInternetAccess: s.directInternetAccess } : {}),
      ...(s.rootAccess ? { RootAccess: s.rootAccess } : {}),
      ...(s.kmsKeyId ? { KmsKeyId: s.kmsKeyId } : {}),
      Tags: [...ctx.tagList, { Key: 'team', Value: 'retention-analytics' }],
    }),
  );
}

/** Retires every notebook of the family except `keep`. */
async function retireOthers(ctx: LabContext, keep: string): Promise<void> {
  for (const name of await notebooksNamed(ctx, ctx.names.notebook!)) if (name !== keep) await retireNotebook(ctx, name);
}

/** Revokes every inbound rule of the notebook security group: the notebook is reached through SageMaker, never directly. */
async function closeNotebookGroup(ctx: LabContext): Promise<void> {
  const ec2 = await ctx.aws.client('ec2');
  const group = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [ctx.facts.notebookSgId!] }))).SecurityGroups?.[0];
  if (group?.IpPermissions?.length) await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: ctx.facts.notebookSgId!, IpPermissions: group.IpPermissions }));
}

/**
 * The reference fix, idempotent so every task's "solve" can run it: a replacement named
 * `<notebook>-private` with every setting right, then the old notebook(s) retired.
 */
async function relaunchCompliant(ctx: LabContext): Promise<void> {
  const name = `${ctx.names.notebook!}-private`;
  await closeNotebookGroup(ctx);
  if (!(await notebooksNamed(ctx, name)).includes(name)) {
    await launchNotebook(ctx, { name, subnetId: ctx.facts.privateSubnetId!, securityGroupIds: [ctx.facts.notebookSgId!], directInternetAccess: 'Disabled', rootAccess: 'Disabled', kmsKeyId: ctx.facts.teamKeyArn! });
  }
  await retireOthers(ctx, name);
}

async function createEndpoint(ctx: LabContext, service: string, type: 'Interface' | 'Gateway', privateDns = true): Promise<void> {
  const ec2 = await ctx.aws.client('ec2');
  await ec2.send(
    new CreateVpcEndpointCommand({
      VpcId: ctx.facts.vpcId!,
      ServiceName: `com.amazonaws.${ctx.region}.${service}`,
      VpcEndpointType: type,
      ...(type === 'Interface' ? { SubnetIds: [ctx.facts.privateSubnetId!], SecurityGroupIds: [ctx.facts.endpointSgId!], PrivateDnsEnabled: privateDns } : { RouteTableIds: [ctx.facts.privateRouteTableId!] }),
      TagSpecifications: tagged(ctx, `${ctx.prefix}-${service}`, 'vpc-endpoint'),
    }),
  );
}

async function endpointServices(ctx: LabContext): Promise<{ service: string; privateDns: boolean; id: string }[]> {
  const ec2 = await ctx.aws.client('ec2');
  const endpoints = (await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [ctx.facts.vpcId!] }] }))).VpcEndpoints ?? [];
  return endpoints.filter((e) => !['deleted', 'deleting'].includes(String(e.State).toLowerCase())).map((e) => ({ service: e.ServiceName ?? '', privateDns: e.PrivateDnsEnabled === true, id: e.VpcEndpointId ?? '' }));
}

export default defineLab({
  id: 'notebook-network-isolation',
  title: 'Take a SageMaker notebook off the internet',
  summary:
    'A churn-analytics notebook runs with direct internet access, root access, no VPC and no customer managed key. Replace it with a notebook in a private subnet behind a closed security group, reaching SageMaker and S3 only through VPC endpoints.',
  syllabus: ['4.3.S5', '4.3.K3', '4.3.K2'],
  topics: ['vpc-isolation', 'privatelink', 'sagemaker-vpc', 'kms'],
  difficulty: 'intermediate',
  estimatedMinutes: 45,
  timeLimitMinutes: 150,
  services: ['sagemaker', 'ec2', 'kms', 'iam', 'sts'],
  operations: [
    'sagemaker:CreateNotebookInstance',
    'sagemaker:DescribeNotebookInstance',
    'sagemaker:ListNotebookInstances',
    'sagemaker:StopNotebookInstance',
    'sagemaker:DeleteNotebookInstance',
    'ec2:CreateVpc',
    'ec2:ModifyVpcAttribute',
    'ec2:CreateSubnet',
    'ec2:CreateRouteTable',
    'ec2:CreateInternetGateway',
    'ec2:CreateSecurityGroup',
    'ec2:CreateVpcEndpoint',
    'ec2:DescribeVpcs',
    'ec2:DescribeSubnets',
    'ec2:DescribeRouteTables',
    'ec2:DescribeSecurityGroups',
    'ec2:DescribeVpcEndpoints',
    'kms:CreateKey',
    'kms:CreateAlias',
    'kms:ListAliases',
    'iam:CreateRole',
    'iam:PutRolePolicy',
    'iam:ListRoles',
  ],
  resources: {
    notebook: { type: 'sagemaker:notebook-instance', name: 'churn-notebook', title: 'the churn-analytics notebook' },
    vpc: { type: 'ec2:vpc', name: 'analytics-vpc', title: 'the analytics VPC' },
    privateSubnet: { type: 'ec2:subnet', name: 'analytics-private-a', title: 'the private subnet' },
    publicSubnet: { type: 'ec2:subnet', name: 'analytics-public-a', title: 'the public subnet' },
    notebookSg: { type: 'ec2:security-group', name: 'churn-notebook', title: 'the notebook security group' },
    endpointSg: { type: 'ec2:security-group', name: 'vpc-endpoints', title: 'the VPC endpoint security group' },
    teamKey: { type: 'kms:alias', name: 'retention-ml', title: 'the retention team’s KMS key alias' },
    notebookRole: { type: 'iam:role', name: 'churn-notebook-exec', title: 'the notebook execution role' },
  },
  setup: [
    {
      title: 'Create the retention team’s KMS key',
      run: (ctx) => createKeyWithAlias(ctx, { alias: ctx.names.teamKey!, description: 'retention-analytics data key', fact: 'teamKey', extraTags: { team: 'retention-analytics' } }),
    },
    {
      title: 'Create the notebook execution role',
      run: async (ctx) => {
        await createExecutionRole(ctx, {
          name: ctx.names.notebookRole!,
          description: 'Churn notebook execution role',
          fact: 'notebookRole',
          policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sagemaker:Describe*', 'sagemaker:List*'], Resource: '*' }] },
        });
      },
    },
    {
      title: 'Build the analytics VPC: a private subnet, a public subnet and two security groups',
      run: async (ctx) => {
        const ec2 = await ctx.aws.client('ec2');
        const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: vpcCidr, TagSpecifications: tagged(ctx, ctx.names.vpc!, 'vpc') }))).Vpc!.VpcId!;
        ctx.setFact('vpcId', vpcId);
        // Interface endpoints with private DNS need both DNS attributes on.
        await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
        const privateSubnetId = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.60.1.0/24', TagSpecifications: tagged(ctx, ctx.names.privateSubnet!, 'subnet') }))).Subnet!.SubnetId!;
        ctx.setFact('privateSubnetId', privateSubnetId);
        const privateTable = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: tagged(ctx, `${ctx.prefix}-analytics-private`, 'route-table') }))).RouteTable!.RouteTableId!;
        await ec2.send(new AssociateRouteTableCommand({ RouteTableId: privateTable, SubnetId: privateSubnetId }));
        ctx.setFact('privateRouteTableId', privateTable);

        const publicSubnetId = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.60.100.0/24', TagSpecifications: tagged(ctx, ctx.names.publicSubnet!, 'subnet') }))).Subnet!.SubnetId!;
        ctx.setFact('publicSubnetId', publicSubnetId);
        await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: publicSubnetId, MapPublicIpOnLaunch: { Value: true } }));
        const igw = (await ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: tagged(ctx, `${ctx.prefix}-analytics-igw`, 'internet-gateway') }))).InternetGateway!.InternetGatewayId!;
        await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
        const publicTable = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: tagged(ctx, `${ctx.prefix}-analytics-public`, 'route-table') }))).RouteTable!.RouteTableId!;
        await ec2.send(new CreateRouteCommand({ RouteTableId: publicTable, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }));
        await ec2.send(new AssociateRouteTableCommand({ RouteTableId: publicTable, SubnetId: publicSubnetId }));

        const notebookSg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: ctx.names.notebookSg!, Description: 'Churn notebook', VpcId: vpcId, TagSpecifications: tagged(ctx, ctx.names.notebookSg!, 'security-group') }));
        ctx.setFact('notebookSgId', notebookSg.GroupId!);
        await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: notebookSg.GroupId!, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 8888, ToPort: 8888, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'contractor access to Jupyter' }] }] }));
        const endpointSg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: ctx.names.endpointSg!, Description: 'HTTPS from the VPC to interface endpoints', VpcId: vpcId, TagSpecifications: tagged(ctx, ctx.names.endpointSg!, 'security-group') }));
        ctx.setFact('endpointSgId', endpointSg.GroupId!);
        await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: endpointSg.GroupId!, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: vpcCidr, Description: 'HTTPS from the VPC' }] }] }));
      },
    },
    {
      title: 'Launch the churn notebook the quick way (all defaults)',
      run: (ctx) => launchNotebook(ctx, { name: ctx.names.notebook! }),
    },
  ],
  tasks: [
    {
      id: 'off-the-internet',
      title: 'Move the notebook into the VPC, off the internet',
      goal: 'Every notebook whose name starts with the churn notebook’s name (see `status`; launch the replacement as that name plus a suffix, e.g. `-private`) runs in a subnet of the analytics VPC with direct internet access disabled — and the original notebook is gone.',
      why: 'With direct internet access SageMaker gives the notebook its own internet route outside your VPC: any code run in it can send data anywhere and none of it passes your controls. Neither setting can be changed on an existing notebook, so the fix is a replacement.',
      checks: [
        { check: 'sagemaker-notebook-no-direct-internet', resource: 'notebook' },
        { check: 'sagemaker-notebook-in-vpc', resource: 'notebook' },
      ],
      hints: {
        nudge: 'Two settings decide whether a notebook lives on the internet: which network it is attached to, and whether SageMaker adds its own internet route. Neither can be edited later, so plan a replacement notebook and retire the old one.',
        where: 'CreateNotebookInstance takes SubnetId, SecurityGroupIds and DirectInternetAccess (whose default is Enabled). Name the replacement after the original plus a suffix; grading looks at every notebook whose name starts with the original name. The old notebook must be stopped (StopNotebookInstance) before DeleteNotebookInstance.',
        command:
          'aws sagemaker create-notebook-instance --notebook-instance-name {{notebook}}-private --instance-type ml.t3.medium --role-arn {{fact.notebookRoleArn}} --subnet-id {{fact.privateSubnetId}} --security-group-ids {{fact.notebookSgId}} --direct-internet-access Disabled --root-access Disabled --kms-key-id {{fact.teamKeyArn}}\naws sagemaker stop-notebook-instance --notebook-instance-name {{notebook}}\naws sagemaker wait notebook-instance-stopped --notebook-instance-name {{notebook}}\naws sagemaker delete-notebook-instance --notebook-instance-name {{notebook}}',
      },
    },
    {
      id: 'private-subnet-closed-group',
      title: 'Use the private subnet and a closed security group',
      goal: 'The notebook runs in a subnet with no route to an internet gateway and no public IPs, behind a security group that admits nothing from 0.0.0.0/0 or ::/0.',
      why: 'Being "in the VPC" only isolates a notebook when its subnet is private and its security group is closed. The public subnet routes to an internet gateway, and the notebook group still admits Jupyter from anywhere — users reach a notebook through SageMaker’s presigned URL, never directly.',
      checks: [{ check: 'sagemaker-notebook-private-network', resource: 'notebook' }],
      hints: {
        nudge: 'The VPC has two subnets: one routes to an internet gateway, the other does not. And the notebook’s security group still has the rule someone added for a contractor.',
        where: 'Compare the route tables of the two subnets (DescribeRouteTables): the private one has no route to an igw-. Then look at the inbound rules of the notebook security group and revoke the one from 0.0.0.0/0 (RevokeSecurityGroupIngress). The notebook needs no inbound rule at all.',
        command:
          "aws ec2 revoke-security-group-ingress --group-id {{fact.notebookSgId}} --protocol tcp --port 8888 --cidr 0.0.0.0/0\n# then launch (or relaunch) the notebook with --subnet-id {{fact.privateSubnetId}} --security-group-ids {{fact.notebookSgId}} as in the first task's last hint",
      },
    },
    {
      id: 'private-endpoints',
      title: 'Give the VPC a private path to SageMaker and S3',
      goal: 'The analytics VPC has interface endpoints with private DNS for the SageMaker API and SageMaker Runtime, and an endpoint (gateway or interface) for S3.',
      why: 'A notebook without internet access still needs the SageMaker API, the runtime to test endpoints, and S3 for data. VPC endpoints (AWS PrivateLink for the interfaces) keep that traffic on AWS’s network, and private DNS makes the SDK’s usual host names resolve to them.',
      checks: [{ check: 'ec2-vpc-sagemaker-endpoints', resource: 'vpc' }],
      hints: {
        nudge: 'Three services must be reachable without the internet. Two of them are reached through network interfaces in your subnet, the third through your route table.',
        where: 'CreateVpcEndpoint: Interface endpoints (with private DNS on, in the private subnet, using the VPC endpoint security group) for the services ending in sagemaker.api and sagemaker.runtime; a Gateway endpoint for the service ending in s3, on the private subnet’s route table. DescribeVpcEndpointServices lists the exact service names.',
        command:
          'aws ec2 create-vpc-endpoint --vpc-id {{fact.vpcId}} --vpc-endpoint-type Interface --service-name com.amazonaws.{{region}}.sagemaker.api --subnet-ids {{fact.privateSubnetId}} --security-group-ids {{fact.endpointSgId}} --private-dns-enabled\naws ec2 create-vpc-endpoint --vpc-id {{fact.vpcId}} --vpc-endpoint-type Interface --service-name com.amazonaws.{{region}}.sagemaker.runtime --subnet-ids {{fact.privateSubnetId}} --security-group-ids {{fact.endpointSgId}} --private-dns-enabled\naws ec2 create-vpc-endpoint --vpc-id {{fact.vpcId}} --vpc-endpoint-type Gateway --service-name com.amazonaws.{{region}}.s3 --route-table-ids {{fact.privateRouteTableId}}',
      },
    },
    {
      id: 'no-root',
      title: 'Take root away from notebook users',
      goal: 'Every notebook of the family has root access disabled.',
      why: 'With root, any user — or any code a user runs — can change the instance itself: packages, network settings, other users’ files. Software the team needs can still be installed by a lifecycle configuration.',
      checks: [{ check: 'sagemaker-notebook-root-access-disabled', resource: 'notebook' }],
      hints: {
        nudge: 'Notebook users get administrator rights on the instance by default. That is a notebook setting, and unlike the network it can be changed on a stopped notebook — or set on the replacement.',
        where: 'The setting is RootAccess (Enabled or Disabled) of CreateNotebookInstance and UpdateNotebookInstance.',
        command: 'aws sagemaker create-notebook-instance --notebook-instance-name {{notebook}}-private --instance-type ml.t3.medium --role-arn {{fact.notebookRoleArn}} --subnet-id {{fact.privateSubnetId}} --security-group-ids {{fact.notebookSgId}} --direct-internet-access Disabled --root-access Disabled --kms-key-id {{fact.teamKeyArn}}',
      },
    },
    {
      id: 'team-key',
      title: 'Encrypt the notebook volume with the team’s key',
      goal: 'Every notebook of the family encrypts its storage volume with the retention team’s customer managed key (alias in `status`).',
      why: 'The notebook volume holds extracts of customer data. With the team’s key, its key policy decides who can decrypt, every use is logged against the key, and disabling it cuts access at once.',
      checks: [{ check: 'sagemaker-notebook-kms-encrypted', resource: 'notebook', params: { key: '{{teamKey}}' } }],
      hints: {
        nudge: 'The notebook’s storage is encrypted with a key AWS manages. The team has its own key; the notebook can only be told to use it when it is created.',
        where: 'CreateNotebookInstance takes KmsKeyId (a key id, key ARN, alias name or alias ARN). KMS ListAliases shows the team’s alias and the key behind it.',
        command: 'aws sagemaker create-notebook-instance --notebook-instance-name {{notebook}}-private --instance-type ml.t3.medium --role-arn {{fact.notebookRoleArn}} --subnet-id {{fact.privateSubnetId}} --security-group-ids {{fact.notebookSgId}} --direct-internet-access Disabled --root-access Disabled --kms-key-id {{teamKey}}',
      },
    },
  ],
  solution: [
    { task: 'private-subnet-closed-group', title: 'Close the notebook security group', run: closeNotebookGroup },
    { task: 'off-the-internet', title: 'Launch <notebook>-private in the private subnet without direct internet access, retire the old notebook', run: relaunchCompliant },
    { task: 'private-subnet-closed-group', title: 'Make sure the replacement runs in the private subnet', run: relaunchCompliant },
    {
      task: 'private-endpoints',
      title: 'Create the SageMaker API and Runtime interface endpoints and the S3 gateway endpoint',
      run: async (ctx) => {
        const existing = await endpointServices(ctx);
        const has = (service: string, needDns: boolean) => existing.some((e) => e.service === `com.amazonaws.${ctx.region}.${service}` && (!needDns || e.privateDns));
        for (const service of ['sagemaker.api', 'sagemaker.runtime']) if (!has(service, true)) await createEndpoint(ctx, service, 'Interface');
        if (!has('s3', false)) await createEndpoint(ctx, 's3', 'Gateway');
      },
    },
    { task: 'no-root', title: 'The replacement has root access disabled', run: relaunchCompliant },
    { task: 'team-key', title: 'The replacement uses the team key', run: relaunchCompliant },
  ],
  nearMisses: [
    {
      id: 'vpc-with-direct-internet',
      title: 'A replacement in the private subnet that keeps the default direct internet access',
      explanation:
        'DirectInternetAccess defaults to Enabled even when you give a subnet: SageMaker then attaches a second network interface with its own internet route, outside your VPC. Pass --direct-internet-access Disabled.',
      task: 'off-the-internet',
      apply: async (ctx) => {
        const name = `${ctx.names.notebook!}-vpc`;
        await launchNotebook(ctx, { name, subnetId: ctx.facts.privateSubnetId!, securityGroupIds: [ctx.facts.notebookSgId!], rootAccess: 'Disabled', kmsKeyId: ctx.facts.teamKeyArn! });
        await retireOthers(ctx, name);
      },
    },
    {
      id: 'public-subnet',
      title: 'A replacement without direct internet access, but in the public subnet',
      explanation:
        'The public subnet routes 0.0.0.0/0 to an internet gateway and hands out public IPs, so the notebook is still on the internet — through your VPC instead of SageMaker’s. Use the subnet whose route table has no internet gateway route, and reach AWS through VPC endpoints.',
      task: 'private-subnet-closed-group',
      apply: async (ctx) => {
        const name = `${ctx.names.notebook!}-nodia`;
        await launchNotebook(ctx, { name, subnetId: ctx.facts.publicSubnetId!, securityGroupIds: [ctx.facts.notebookSgId!], directInternetAccess: 'Disabled', rootAccess: 'Disabled', kmsKeyId: ctx.facts.teamKeyArn! });
        await retireOthers(ctx, name);
      },
    },
    {
      id: 'endpoints-without-private-dns-or-runtime',
      title: 'An S3 gateway endpoint and a SageMaker API endpoint without private DNS — and no runtime endpoint',
      explanation:
        'Without private DNS the SDK’s default host name api.sagemaker.<region>.amazonaws.com still resolves to the public endpoint, which the notebook cannot reach; and without the sagemaker.runtime endpoint it cannot call InvokeEndpoint at all. Both interface endpoints need private DNS on.',
      task: 'private-endpoints',
      apply: async (ctx) => {
        await createEndpoint(ctx, 's3', 'Gateway');
        await createEndpoint(ctx, 'sagemaker.api', 'Interface', false);
      },
    },
  ],
});
