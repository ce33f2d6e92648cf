import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, CreateVpcEndpointCommand, DescribeRouteTablesCommand } from '@aws-sdk/client-ec2';
import { CreateModelCommand, CreateTrainingJobCommand, DeleteModelCommand, ListModelsCommand, ListTrainingJobsCommand } from '@aws-sdk/client-sagemaker';
import { createBucket, createExecutionRole, createKeyWithAlias, defineLab, putObjects, type LabContext } from '../../src/labs/kit/index.ts';

/** The XGBoost image AWS publishes for us-east-1 (the emulator accepts any image; on AWS use your region's account). */
const xgboostImage = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';

const tagged = (ctx: LabContext, name: string, resourceType: 'vpc' | 'subnet' | 'security-group' | 'vpc-endpoint') => [
  { ResourceType: resourceType, Tags: [...ctx.tagList, { Key: 'Name', Value: name }, { Key: 'team', Value: 'claims-ml' }] },
];

interface JobSettings {
  name: string;
  vpc?: boolean;
  isolation?: boolean;
  interContainer?: boolean;
  volumeKey?: boolean;
  outputKey?: boolean;
}

async function launchTraining(ctx: LabContext, s: JobSettings): Promise<void> {
  const sagemaker = await ctx.aws.client('sagemaker');
  const bucket = ctx.names.dataBucket!;
  await sagemaker.send(
    new CreateTrainingJobCommand({
      TrainingJobName: s.name,
      RoleArn: ctx.facts.trainingRoleArn!,
      AlgorithmSpecification: { TrainingImage: xgboostImage, TrainingInputMode: 'File' },
      HyperParameters: { objective: 'binary:logistic', num_round: '200', max_depth: '6' },
      InputDataConfig: [{ ChannelName: 'train', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${bucket}/train/`, S3DataDistributionType: 'ShardedByS3Key' } }, ContentType: 'text/csv' }],
      OutputDataConfig: { S3OutputPath: `s3://${bucket}/models/`, ...(s.outputKey ? { KmsKeyId: ctx.facts.teamKeyArn! } : {}) },
      ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 2, VolumeSizeInGB: 30, ...(s.volumeKey ? { VolumeKmsKeyId: ctx.facts.teamKeyArn! } : {}) },
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
      ...(s.vpc ? { VpcConfig: { Subnets: [ctx.facts.privateSubnetId!], SecurityGroupIds: [ctx.facts.trainingSgId!] } } : {}),
      ...(s.isolation ? { EnableNetworkIsolation: true } : {}),
      ...(s.interContainer ? { EnableInterContainerTrafficEncryption: true } : {}),
      Tags: [...ctx.tagList, { Key: 'team', Value: 'claims-ml' }],
    }),
  );
}

async function createModel(ctx: LabContext, name: string, isolation: boolean): Promise<void> {
  const sagemaker = await ctx.aws.client('sagemaker');
  await sagemaker.send(
    new CreateModelCommand({
      ModelName: name,
      ExecutionRoleArn: ctx.facts.trainingRoleArn!,
      PrimaryContainer: { Image: xgboostImage, ModelDataUrl: `s3://${ctx.names.dataBucket!}/models/${ctx.names.trainingJob!}/output/model.tar.gz` },
      ...(isolation ? { EnableNetworkIsolation: true, VpcConfig: { Subnets: [ctx.facts.privateSubnetId!], SecurityGroupIds: [ctx.facts.trainingSgId!] } } : {}),
      Tags: [...ctx.tagList, { Key: 'team', Value: 'claims-ml' }],
    }),
  );
}

async function namesOf(ctx: LabContext, kind: 'jobs' | 'models', prefix: string): Promise<string[]> {
  const sagemaker = await ctx.aws.client('sagemaker');
  if (kind === 'jobs') return ((await sagemaker.send(new ListTrainingJobsCommand({ NameContains: prefix, MaxResults: 100 }))).TrainingJobSummaries ?? []).map((j) => j.TrainingJobName!).filter((n) => n.startsWith(prefix));
  return ((await sagemaker.send(new ListModelsCommand({ NameContains: prefix, MaxResults: 100 }))).Models ?? []).map((m) => m.ModelName!).filter((n) => n.startsWith(prefix));
}

/** The reference relaunch, idempotent so each task's "solve" can run it. */
async function relaunchHardened(ctx: LabContext): Promise<void> {
  const name = `${ctx.names.trainingJob!}-hardened`;
  if (!(await namesOf(ctx, 'jobs', name)).includes(name)) await launchTraining(ctx, { name, vpc: true, isolation: true, interContainer: true, volumeKey: true, outputKey: true });
}

async function replaceModel(ctx: LabContext): Promise<void> {
  const keep = `${ctx.names.model!}-isolated`;
  const existing = await namesOf(ctx, 'models', ctx.names.model!);
  if (!existing.includes(keep)) await createModel(ctx, keep, true);
  const sagemaker = await ctx.aws.client('sagemaker');
  for (const name of existing) if (name !== keep) await sagemaker.send(new DeleteModelCommand({ ModelName: name }));
}

const fullCommand =
  'aws sagemaker create-training-job --training-job-name {{trainingJob}}-hardened --role-arn {{fact.trainingRoleArn}} --algorithm-specification TrainingImage=683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1,TrainingInputMode=File --hyper-parameters objective=binary:logistic,num_round=200,max_depth=6 --input-data-config \'[{"ChannelName":"train","DataSource":{"S3DataSource":{"S3DataType":"S3Prefix","S3Uri":"s3://{{dataBucket}}/train/"}},"ContentType":"text/csv"}]\' --output-data-config S3OutputPath=s3://{{dataBucket}}/models/,KmsKeyId={{fact.teamKeyArn}} --resource-config InstanceType=ml.m5.xlarge,InstanceCount=2,VolumeSizeInGB=30,VolumeKmsKeyId={{fact.teamKeyArn}} --stopping-condition MaxRuntimeInSeconds=3600 --vpc-config Subnets={{fact.privateSubnetId}},SecurityGroupIds={{fact.trainingSgId}} --enable-network-isolation --enable-inter-container-traffic-encryption';

export default defineLab({
  id: 'hardened-training-and-hosting',
  title: 'Relaunch a claims-fraud training run and model, hardened',
  summary:
    'A claims-fraud model is trained without network isolation, inter-container encryption, KMS or a VPC, and hosted from a model without network isolation. Relaunch the training job and recreate the model so both pass the SageMaker checks.',
  syllabus: ['4.3.K2', '4.3.S5', '4.3.S1', '4.3.K3'],
  topics: ['sagemaker-vpc', 'vpc-isolation', 'kms', 'defense-in-depth'],
  difficulty: 'intermediate',
  estimatedMinutes: 40,
  timeLimitMinutes: 120,
  services: ['sagemaker', 'ec2', 's3', 'kms', 'iam', 'sts'],
  operations: [
    'sagemaker:CreateTrainingJob',
    'sagemaker:DescribeTrainingJob',
    'sagemaker:ListTrainingJobs',
    'sagemaker:StopTrainingJob',
    'sagemaker:CreateModel',
    'sagemaker:DescribeModel',
    'sagemaker:ListModels',
    'sagemaker:DeleteModel',
    'ec2:CreateVpc',
    'ec2:CreateSubnet',
    'ec2:CreateSecurityGroup',
    'ec2:CreateVpcEndpoint',
    'ec2:DescribeRouteTables',
    's3:CreateBucket',
    's3:PutObject',
    'kms:CreateKey',
    'kms:CreateAlias',
    'kms:ListAliases',
    'iam:CreateRole',
    'iam:PutRolePolicy',
    'iam:ListRoles',
  ],
  resources: {
    trainingJob: { type: 'sagemaker:training-job', name: 'claims-fraud-train', title: 'the claims-fraud training job' },
    model: { type: 'sagemaker:model', name: 'claims-fraud-model', title: 'the claims-fraud model' },
    dataBucket: { type: 's3:bucket', name: 'claims-ml-data', title: 'the claims data bucket' },
    vpc: { type: 'ec2:vpc', name: 'claims-ml-vpc', title: 'the claims ML VPC' },
    privateSubnet: { type: 'ec2:subnet', name: 'claims-ml-private-a', title: 'the private training subnet' },
    trainingSg: { type: 'ec2:security-group', name: 'claims-training', title: 'the training security group' },
    teamKey: { type: 'kms:alias', name: 'claims-ml', title: 'the claims ML team’s KMS key alias' },
    trainingRole: { type: 'iam:role', name: 'claims-training-exec', title: 'the training execution role' },
  },
  setup: [
    { title: 'Create the claims ML team’s KMS key', run: (ctx) => createKeyWithAlias(ctx, { alias: ctx.names.teamKey!, description: 'claims-ml data and model key', fact: 'teamKey', extraTags: { team: 'claims-ml' } }) },
    {
      title: 'Create the data bucket with a sample of the training data',
      run: async (ctx) => {
        await createBucket(ctx, ctx.names.dataBucket!, { team: 'claims-ml', 'data-classification': 'confidential' });
        const header = 'claim_id,policy_age_days,claim_amount,days_to_report,prior_claims,repair_shop_risk,label';
        const rows = Array.from({ length: 60 }, (_, i) => [`CL-${100000 + i * 37}`, (i * 53) % 3650, ((i * 977) % 20000) + 250, (i * 7) % 45, i % 4, ((i * 31) % 100) / 100, i % 11 === 0 ? 1 : 0].join(','));
        await putObjects(ctx, ctx.names.dataBucket!, { 'train/claims-2026-h1.csv': `${header}\n${rows.join('\n')}\n` });
      },
    },
    {
      title: 'Create the training execution role',
      run: async (ctx) => {
        await createExecutionRole(ctx, {
          name: ctx.names.trainingRole!,
          description: 'Claims-fraud training and hosting role',
          fact: 'trainingRole',
          policy: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'], Resource: [`arn:${ctx.partition}:s3:::${ctx.names.dataBucket!}`, `arn:${ctx.partition}:s3:::${ctx.names.dataBucket!}/*`] },
              { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:CreateGrant'], Resource: ctx.facts.teamKeyArn! },
              { Effect: 'Allow', Action: ['ec2:CreateNetworkInterface', 'ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterface', 'ec2:DeleteNetworkInterfacePermission', 'ec2:Describe*'], Resource: '*' },
            ],
          },
        });
      },
    },
    {
      title: 'Build the claims ML VPC: a private subnet, a training security group and an S3 endpoint',
      run: async (ctx) => {
        const ec2 = await ctx.aws.client('ec2');
        const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.70.0.0/16', TagSpecifications: tagged(ctx, ctx.names.vpc!, 'vpc') }))).Vpc!.VpcId!;
        ctx.setFact('vpcId', vpcId);
        const subnetId = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.70.1.0/24', TagSpecifications: tagged(ctx, ctx.names.privateSubnet!, 'subnet') }))).Subnet!.SubnetId!;
        ctx.setFact('privateSubnetId', subnetId);
        const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: ctx.names.trainingSg!, Description: 'Claims training and hosting containers', VpcId: vpcId, TagSpecifications: tagged(ctx, ctx.names.trainingSg!, 'security-group') }));
        ctx.setFact('trainingSgId', sg.GroupId!);
        const main = (await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).RouteTables?.find((t) => t.Associations?.some((a) => a.Main));
        await ec2.send(new CreateVpcEndpointCommand({ VpcId: vpcId, ServiceName: `com.amazonaws.${ctx.region}.s3`, VpcEndpointType: 'Gateway', RouteTableIds: main?.RouteTableId ? [main.RouteTableId] : [], TagSpecifications: tagged(ctx, `${ctx.prefix}-s3`, 'vpc-endpoint') }));
      },
    },
    { title: 'Run the training job the way the notebook template did', run: (ctx) => launchTraining(ctx, { name: ctx.names.trainingJob! }) },
    { title: 'Create the model the endpoint serves', run: (ctx) => createModel(ctx, ctx.names.model!, false) },
  ],
  tasks: [
    {
      id: 'isolate-training',
      title: 'Cut the training containers off the network',
      goal: 'The newest training job whose name starts with the training job’s name (see `status`; relaunch it as that name plus a suffix, e.g. `-hardened`) runs in the private subnet with the training security group, and with network isolation.',
      why: 'Without network isolation the XGBoost container — or anything it was tricked into loading — can open connections with the claims data in memory. In the VPC, what SageMaker does on the job’s behalf (reading S3) goes through your endpoint and security group.',
      checks: [
        { check: 'sagemaker-training-job-network-isolation', resource: 'trainingJob' },
        { check: 'sagemaker-training-job-in-vpc', resource: 'trainingJob' },
      ],
      hints: {
        nudge: 'A training job’s settings are fixed when it starts, so fixing it means running it again. Two settings decide what its containers can reach: which network the job is attached to, and whether the containers get any network at all.',
        where: 'CreateTrainingJob takes VpcConfig (Subnets and SecurityGroupIds — use the private subnet and the training security group) and EnableNetworkIsolation. Name the new job after the original plus a suffix: grading judges the newest job whose name starts with the original name.',
        command: fullCommand,
      },
    },
    {
      id: 'encrypt-training-traffic',
      title: 'Encrypt traffic between the training instances',
      goal: 'The newest training job encrypts the traffic between its two instances.',
      why: 'The job trains on two instances that exchange model updates, which encode the claims data. Inter-container traffic encryption protects that exchange inside the network.',
      checks: [{ check: 'sagemaker-training-job-inter-container-encryption', resource: 'trainingJob' }],
      hints: {
        nudge: 'Distributed training sends data between instances. SageMaker can encrypt it, at the cost of some training time, if you ask when the job is created.',
        where: 'The CreateTrainingJob setting is EnableInterContainerTrafficEncryption.',
        command: fullCommand,
      },
    },
    {
      id: 'training-team-key',
      title: 'Encrypt the training volume and the model with the team’s key',
      goal: 'The newest training job encrypts both its storage volumes and its output (the model artifact) with the claims team’s customer managed key.',
      why: 'The volumes hold a copy of the training data; the output is the model, which can leak what it learned. With the team’s key, its key policy decides who can decrypt both.',
      checks: [{ check: 'sagemaker-training-job-kms-encrypted', resource: 'trainingJob', params: { key: '{{teamKey}}' } }],
      hints: {
        nudge: 'There are two places the job writes data at rest: the disks attached to the training instances, and the S3 location of the model. Each takes its own key setting.',
        where: 'ResourceConfig.VolumeKmsKeyId covers the volumes; OutputDataConfig.KmsKeyId covers the output. Both should name the team key (KMS ListAliases shows it).',
        command: fullCommand,
      },
    },
    {
      id: 'isolate-model',
      title: 'Host the model with network isolation',
      goal: 'Every model whose name starts with the model’s name runs with network isolation — create a replacement (e.g. `-isolated`) and delete the original.',
      why: 'The inference container sees every claim the endpoint scores. Without isolation it can send them anywhere. Models cannot be changed, so the fix is a new model (which the endpoint configuration would then point to) and deleting the old one so nobody deploys it again.',
      checks: [{ check: 'sagemaker-model-network-isolation', resource: 'model' }],
      hints: {
        nudge: 'Models, like training jobs, are immutable. The isolation setting exists on the model too; an old model left behind can still be deployed.',
        where: 'CreateModel takes EnableNetworkIsolation (and VpcConfig). Then DeleteModel the original; grading looks at every model whose name starts with the original name.',
        command:
          'aws sagemaker create-model --model-name {{model}}-isolated --execution-role-arn {{fact.trainingRoleArn}} --primary-container Image=683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1,ModelDataUrl=s3://{{dataBucket}}/models/{{trainingJob}}/output/model.tar.gz --vpc-config Subnets={{fact.privateSubnetId}},SecurityGroupIds={{fact.trainingSgId}} --enable-network-isolation\naws sagemaker delete-model --model-name {{model}}',
      },
    },
  ],
  solution: [
    { task: 'isolate-training', title: 'Relaunch as <job>-hardened with VPC, network isolation, inter-container encryption and the team key', run: relaunchHardened },
    { task: 'encrypt-training-traffic', title: 'The hardened relaunch encrypts inter-container traffic', run: relaunchHardened },
    { task: 'training-team-key', title: 'The hardened relaunch uses the team key for volume and output', run: relaunchHardened },
    { task: 'isolate-model', title: 'Create <model>-isolated with network isolation and delete the original', run: replaceModel },
  ],
  nearMisses: [
    {
      id: 'vpc-without-isolation',
      title: 'Relaunching in the VPC but without network isolation',
      explanation:
        'A VPC constrains where the job’s traffic can go, but the container itself can still open connections to anything the security group and routes allow (here, S3 through the endpoint — including buckets of other accounts). Network isolation removes the container’s network entirely.',
      task: 'isolate-training',
      apply: (ctx) => launchTraining(ctx, { name: `${ctx.names.trainingJob!}-vpc`, vpc: true, interContainer: true, volumeKey: true, outputKey: true }),
    },
    {
      id: 'output-key-only',
      title: 'Setting the output key but not the volume key',
      explanation: 'OutputDataConfig.KmsKeyId encrypts the model in S3; the training data copied to the instances’ volumes is still under an AWS managed key. Set ResourceConfig.VolumeKmsKeyId as well.',
      task: 'training-team-key',
      apply: (ctx) => launchTraining(ctx, { name: `${ctx.names.trainingJob!}-outkey`, vpc: true, isolation: true, interContainer: true, outputKey: true }),
    },
    {
      id: 'isolated-model-old-one-kept',
      title: 'Creating the isolated model but keeping the original',
      explanation: 'The original model still exists without network isolation, and the endpoint configuration (or the next deployment script) can still use it. Delete it once the replacement exists.',
      task: 'isolate-model',
      apply: (ctx) => createModel(ctx, `${ctx.names.model!}-isolated`, true),
    },
  ],
});
