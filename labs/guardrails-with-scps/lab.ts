import { CreateTrailCommand, DeleteTrailCommand, DescribeTrailsCommand, GetTrailStatusCommand, StartLoggingCommand, StopLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, DeleteSecurityGroupCommand, DeleteSubnetCommand, DeleteVpcCommand, DescribeVpcsCommand, DescribeSubnetsCommand, DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import { CreateRoleCommand, DeleteRoleCommand } from '@aws-sdk/client-iam';
import {
  AttachPolicyCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  CreatePolicyCommand,
  DescribeCreateAccountStatusCommand,
  DescribeOrganizationCommand,
  DetachPolicyCommand,
  EnablePolicyTypeCommand,
  ListPoliciesCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  MoveAccountCommand,
  RemoveAccountFromOrganizationCommand,
  UpdatePolicyCommand,
} from '@aws-sdk/client-organizations';
import { CreateBucketCommand, DeleteBucketCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import { CreateTrainingJobCommand, ListTrainingJobsCommand, StopTrainingJobCommand, type CreateTrainingJobCommandInput } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from '../../src/aws/index.ts';
import { emptyBucket } from '../../src/labs/resources/index.ts';
import { assumeRoleClients, attempt, defineLab, type LabContext, type PolicyStatement, type ProbeOutcome } from '../../src/labs/kit/index.ts';

const memberRole = 'OrganizationAccountAccessRole';
const trainingActions = ['sagemaker:CreateTrainingJob'];

// -------------------------------------------------------------------------------- statements (SCPs)

const denyOutsideVpc: PolicyStatement = { Sid: 'DenyTrainingOutsideVpc', Effect: 'Deny', Action: trainingActions, Resource: '*', Condition: { Null: { 'sagemaker:VpcSubnets': 'true' } } };
const denyWithoutIsolation: PolicyStatement[] = [
  { Sid: 'DenyTrainingWithoutNetworkIsolation', Effect: 'Deny', Action: trainingActions, Resource: '*', Condition: { Bool: { 'sagemaker:NetworkIsolation': 'false' } } },
  { Sid: 'DenyTrainingWithNetworkIsolationUnset', Effect: 'Deny', Action: trainingActions, Resource: '*', Condition: { Null: { 'sagemaker:NetworkIsolation': 'true' } } },
];
const protectTrail: PolicyStatement = { Sid: 'ProtectCloudTrail', Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'], Resource: '*' };

const documentOf = (statements: PolicyStatement[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

// ------------------------------------------------------------------------------------------ helpers

function memberAccountId(ctx: LabContext): string {
  const id = ctx.facts.memberAccountId;
  if (!id) throw new Error('Setup recorded no member account (fact memberAccountId); start the lab again with `npm run lab -- reset`.');
  return id;
}

/** Clients acting as the member account's OrganizationAccountAccessRole (administrator of that account, under its SCPs). */
async function asMember(ctx: LabContext): Promise<AwsClients> {
  return assumeRoleClients(ctx, `arn:${ctx.partition}:iam::${memberAccountId(ctx)}:role/${memberRole}`, `${ctx.prefix}-probe`);
}

async function withMember<T>(ctx: LabContext, work: (member: AwsClients) => Promise<T>): Promise<T> {
  const member = await asMember(ctx);
  try {
    return await work(member);
  } finally {
    member.destroy();
  }
}

/** Creates the SCP `name` (or replaces its content) and attaches it to `targetId`. */
async function putScp(ctx: LabContext, name: string, description: string, statements: PolicyStatement[], targetId: string): Promise<string> {
  const org = await ctx.aws.client('organizations');
  const existing = (await org.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' }))).Policies?.find((p) => p.Name === name);
  let policyId = existing?.Id;
  if (policyId) await org.send(new UpdatePolicyCommand({ PolicyId: policyId, Content: documentOf(statements), Description: description }));
  else policyId = (await org.send(new CreatePolicyCommand({ Name: name, Description: description, Type: 'SERVICE_CONTROL_POLICY', Content: documentOf(statements), Tags: ctx.tagList }))).Policy!.PolicySummary!.Id!;
  const attached = (await org.send(new ListPoliciesForTargetCommand({ TargetId: targetId, Filter: 'SERVICE_CONTROL_POLICY' }))).Policies ?? [];
  if (!attached.some((p) => p.Id === policyId)) await org.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: targetId }));
  return policyId;
}

function trainingJob(ctx: LabContext, kind: string, network: Partial<CreateTrainingJobCommandInput>): CreateTrainingJobCommandInput {
  return {
    TrainingJobName: `${ctx.prefix}-${kind}-${Math.random().toString(36).slice(2, 8)}`,
    RoleArn: ctx.facts.executionRoleArn,
    AlgorithmSpecification: { TrainingImage: `683313688378.dkr.ecr.${ctx.region}.amazonaws.com/sagemaker-xgboost:1.7-1`, TrainingInputMode: 'File' },
    OutputDataConfig: { S3OutputPath: `s3://${ctx.facts.auditBucket}/training-output/` },
    ResourceConfig: { InstanceType: 'ml.m5.large', InstanceCount: 1, VolumeSizeInGB: 10 },
    StoppingCondition: { MaxRuntimeInSeconds: 600 },
    ...network,
  };
}

const inVpc = (ctx: LabContext) => ({ VpcConfig: { Subnets: [ctx.facts.subnetId!], SecurityGroupIds: [ctx.facts.securityGroupId!] } });
const asWho = 'as the member account’s OrganizationAccountAccessRole';

async function probeTraining(ctx: LabContext, description: string, kind: string, network: Partial<CreateTrainingJobCommandInput>): Promise<ProbeOutcome> {
  return withMember(ctx, async (member) => {
    const sm = await member.client('sagemaker');
    return attempt(description, () => sm.send(new CreateTrainingJobCommand(trainingJob(ctx, kind, network))));
  });
}

async function createTrail(ctx: LabContext, member: AwsClients, name: string): Promise<void> {
  const trail = await member.client('cloudtrail');
  await trail.send(new CreateTrailCommand({ Name: name, S3BucketName: ctx.facts.auditBucket, TagsList: ctx.tagList }));
  await trail.send(new StartLoggingCommand({ Name: name }));
}

async function trailExists(member: AwsClients, name: string): Promise<boolean> {
  const trail = await member.client('cloudtrail');
  return ((await trail.send(new DescribeTrailsCommand({ trailNameList: [name] }))).trailList ?? []).length > 0;
}

function trailBucketPolicy(bucket: string, accountId: string, partition: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AWSCloudTrailAclCheck', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: `arn:${partition}:s3:::${bucket}` },
      {
        Sid: 'AWSCloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `arn:${partition}:s3:::${bucket}/AWSLogs/${accountId}/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
      },
    ],
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------- lab

export default defineLab({
  id: 'guardrails-with-scps',
  title: 'Guardrails with service control policies',
  summary:
    'In the ML team’s member account anyone can launch training jobs outside the VPC and switch CloudTrail off. Write SCPs with SageMaker condition keys and a CloudTrail deny — graded by attempting the forbidden calls as the account’s administrator, while compliant training must still start.',
  syllabus: ['4.3.K1', '4.3.S2', '4.3.S5', '4.3.S3'],
  topics: ['organizations-scps', 'vpc-isolation', 'sagemaker-vpc', 'cloudtrail', 'defense-in-depth'],
  difficulty: 'advanced',
  estimatedMinutes: 40,
  timeLimitMinutes: 150,
  services: ['organizations', 'sts', 'iam', 'ec2', 's3', 'sagemaker', 'cloudtrail'],
  requires: ['scp-enforcement'],
  operations: [
    'organizations:DescribeOrganization',
    'organizations:CreateOrganization',
    'organizations:ListRoots',
    'organizations:EnablePolicyType',
    'organizations:CreateOrganizationalUnit',
    'organizations:CreateAccount',
    'organizations:DescribeCreateAccountStatus',
    'organizations:MoveAccount',
    'organizations:ListPolicies',
    'organizations:ListPoliciesForTarget',
    'organizations:ListTargetsForPolicy',
    'organizations:CreatePolicy',
    'organizations:AttachPolicy',
    'organizations:DetachPolicy',
    'organizations:RemoveAccountFromOrganization',
    'sts:AssumeRole',
    'iam:CreateRole',
    'ec2:CreateVpc',
    'ec2:CreateSubnet',
    'ec2:CreateSecurityGroup',
    's3:CreateBucket',
    'sagemaker:CreateTrainingJob',
    'cloudtrail:CreateTrail',
    'cloudtrail:StopLogging',
    'cloudtrail:DeleteTrail',
    'cloudtrail:GetTrailStatus',
  ],
  resources: {
    mlTeamOu: { type: 'organizations:ou', name: 'ml-team', title: 'the ML team’s organizational unit' },
    memberAccount: { type: 'organizations:account', name: 'ml-dev', title: 'the ML development account' },
  },
  setup: [
    {
      title: 'Find or create the organization, with service control policies enabled',
      run: async (ctx) => {
        const org = await ctx.aws.client('organizations');
        let created = false;
        try {
          const described = (await org.send(new DescribeOrganizationCommand({}))).Organization!;
          if (described.MasterAccountId !== ctx.accountId) {
            throw new Error(`Account ${ctx.accountId} is a member of organization ${described.Id}, managed by ${described.MasterAccountId}. This lab builds its OU and member account from the management account: run it with that account's credentials, or in an account that is in no organization.`);
          }
          if (described.FeatureSet !== 'ALL') throw new Error(`Organization ${described.Id} has only consolidated billing enabled; SCPs need all features (EnableAllFeatures).`);
        } catch (error) {
          if ((error as { name?: string }).name !== 'AWSOrganizationsNotInUseException') throw error;
          ctx.recordUndo({ kind: 'organizations:organization-created' });
          await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
          created = true;
        }
        const root = (await org.send(new ListRootsCommand({}))).Roots![0]!;
        const scps = root.PolicyTypes?.find((t) => t.Type === 'SERVICE_CONTROL_POLICY');
        if (scps?.Status !== 'ENABLED') {
          if (!created) ctx.recordUndo({ kind: 'organizations:scp-type-enabled' });
          await org.send(new EnablePolicyTypeCommand({ RootId: root.Id!, PolicyType: 'SERVICE_CONTROL_POLICY' }));
        }
        ctx.setFact('rootId', root.Id!);
      },
    },
    {
      title: 'Create the ML team’s organizational unit',
      run: async (ctx) => {
        const org = await ctx.aws.client('organizations');
        const ou = await org.send(new CreateOrganizationalUnitCommand({ ParentId: ctx.facts.rootId, Name: ctx.names.mlTeamOu, Tags: ctx.tagList }));
        ctx.setFact('mlTeamOuId', ou.OrganizationalUnit!.Id!);
      },
    },
    {
      title: 'Create the ML development account and move it into the OU',
      run: async (ctx) => {
        const org = await ctx.aws.client('organizations');
        const request = await org.send(new CreateAccountCommand({ AccountName: ctx.names.memberAccount, Email: `${ctx.names.memberAccount}@example.com`, Tags: ctx.tagList }));
        let status = request.CreateAccountStatus!;
        for (let waited = 0; status.State === 'IN_PROGRESS'; waited += 500) {
          if (waited > 120_000) throw new Error(`CreateAccount request ${status.Id} is still in progress after two minutes.`);
          await sleep(500);
          status = (await org.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: status.Id! }))).CreateAccountStatus!;
        }
        if (status.State !== 'SUCCEEDED') throw new Error(`CreateAccount failed: ${status.FailureReason ?? status.State}.`);
        ctx.setFact('memberAccountId', status.AccountId!);
        await org.send(new MoveAccountCommand({ AccountId: status.AccountId!, SourceParentId: ctx.facts.rootId, DestinationParentId: ctx.facts.mlTeamOuId }));
      },
    },
    {
      title: 'Build the team’s VPC, execution role, audit bucket and trail in the member account',
      run: (ctx) =>
        withMember(ctx, async (member) => {
          const account = memberAccountId(ctx);
          const tagSpec = (ResourceType: 'vpc' | 'subnet' | 'security-group', name: string) => [{ ResourceType, Tags: [...ctx.tagList, { Key: 'Name', Value: `${ctx.prefix}-${name}` }] }];
          const ec2 = await member.client('ec2');
          const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.42.0.0/16', TagSpecifications: tagSpec('vpc', 'ml-vpc') }))).Vpc!.VpcId!;
          const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.42.1.0/24', TagSpecifications: tagSpec('subnet', 'training-private') }))).Subnet!.SubnetId!;
          const sg = (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpc, GroupName: `${ctx.prefix}-training`, Description: 'Training jobs: no inbound', TagSpecifications: tagSpec('security-group', 'training') }))).GroupId!;
          ctx.setFact('vpcId', vpc);
          ctx.setFact('subnetId', subnet);
          ctx.setFact('securityGroupId', sg);
          const iam = await member.client('iam');
          const role = await iam.send(
            new CreateRoleCommand({
              RoleName: `${ctx.prefix}-training-execution`,
              AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': account } } }] }),
              Tags: ctx.tagList,
            }),
          );
          ctx.setFact('executionRoleArn', role.Role!.Arn!);
          const bucket = `${ctx.prefix}-ml-dev-audit`;
          const s3 = await member.client('s3');
          await s3.send(new CreateBucketCommand({ Bucket: bucket }));
          await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: trailBucketPolicy(bucket, account, ctx.partition) }));
          ctx.setFact('auditBucket', bucket);
          ctx.setFact('trailName', `${ctx.prefix}-account-audit`);
          ctx.setFact('probeTrailName', `${ctx.prefix}-pipeline-audit`);
          await createTrail(ctx, member, ctx.facts.trailName!);
          await createTrail(ctx, member, ctx.facts.probeTrailName!);
        }),
    },
  ],
  probes: {
    trainingOutsideVpc: {
      description: `sagemaker:CreateTrainingJob without a VPC (network isolation on) ${asWho}`,
      run: (ctx) => probeTraining(ctx, `sagemaker:CreateTrainingJob without a VPC (network isolation on) ${asWho}`, 'novpc', { EnableNetworkIsolation: true }),
    },
    trainingWithoutIsolation: {
      description: `sagemaker:CreateTrainingJob in the team VPC without network isolation ${asWho}`,
      run: (ctx) => probeTraining(ctx, `sagemaker:CreateTrainingJob in the team VPC without network isolation ${asWho}`, 'noiso', inVpc(ctx)),
    },
    compliantTraining: {
      description: `sagemaker:CreateTrainingJob in the team VPC with network isolation ${asWho}`,
      run: (ctx) => probeTraining(ctx, `sagemaker:CreateTrainingJob in the team VPC with network isolation ${asWho}`, 'ok', { ...inVpc(ctx), EnableNetworkIsolation: true }),
    },
    stopLogging: {
      description: `cloudtrail:StopLogging on the account’s audit trail ${asWho}`,
      run: (ctx) =>
        withMember(ctx, async (member) => {
          const trail = await member.client('cloudtrail');
          const name = ctx.facts.trailName!;
          if (!(await trailExists(member, name))) await createTrail(ctx, member, name);
          const outcome = await attempt(`cloudtrail:StopLogging on ${name} ${asWho}`, () => trail.send(new StopLoggingCommand({ Name: name })));
          // Allowed means the trail stopped: turn it back on, so the account is audited while the learner works.
          if (outcome.outcome === 'allowed') await trail.send(new StartLoggingCommand({ Name: name }));
          return outcome;
        }),
    },
    deleteTrail: {
      description: `cloudtrail:DeleteTrail on the pipeline trail ${asWho}`,
      run: (ctx) =>
        withMember(ctx, async (member) => {
          const trail = await member.client('cloudtrail');
          const name = ctx.facts.probeTrailName!;
          // A trail an earlier probe managed to delete is put back first, so the attempt is real.
          if (!(await trailExists(member, name))) await createTrail(ctx, member, name);
          return attempt(`cloudtrail:DeleteTrail on ${name} ${asWho}`, () => trail.send(new DeleteTrailCommand({ Name: name })));
        }),
    },
    readTrailStatus: {
      description: `cloudtrail:GetTrailStatus on the account’s audit trail ${asWho}`,
      run: (ctx) =>
        withMember(ctx, async (member) => {
          const trail = await member.client('cloudtrail');
          return attempt(`cloudtrail:GetTrailStatus on ${ctx.facts.trailName} ${asWho}`, () => trail.send(new GetTrailStatusCommand({ Name: ctx.facts.trailName })));
        }),
    },
  },
  tasks: [
    {
      id: 'train-only-in-the-vpc',
      title: 'Keep training jobs inside the VPC',
      goal: 'An SCP on the ML team’s OU ({{mlTeamOu}}) refuses CreateTrainingJob when the request names no VPC subnets, for every principal of the member account, while a job in the team VPC with network isolation still starts. Name your SCPs starting with {{prefix}}- so the lab can clean them up.',
      why: 'A training job outside a VPC reaches the internet and any S3 bucket from AWS’s service network: training data can leave and untrusted packages can come in. Only an SCP binds the account’s own administrators, who can otherwise rewrite any IAM policy.',
      checks: [{ check: 'lab-probe-outcome', resource: 'lab', params: { probe: 'trainingOutsideVpc', expect: 'denied', stillAllowed: ['compliantTraining'] } }],
      hints: {
        nudge: 'IAM policies in the member account cannot stop its administrators. A policy set one level up, in the organization, can — and SageMaker tells policies which subnets a request asks for.',
        where: 'Write a service control policy (Organizations CreatePolicy with type SERVICE_CONTROL_POLICY) with a Deny on sagemaker:CreateTrainingJob that applies when the condition key sagemaker:VpcSubnets is absent (the Null operator), and attach it (AttachPolicy) to the ML team’s OU, not to the root or another OU.',
        command:
          'aws organizations create-policy --query Policy.PolicySummary.Id --output text --type SERVICE_CONTROL_POLICY --name {{prefix}}-train-in-vpc --description "Training only inside a VPC" --content \'{"Version":"2012-10-17","Statement":[{"Sid":"DenyTrainingOutsideVpc","Effect":"Deny","Action":"sagemaker:CreateTrainingJob","Resource":"*","Condition":{"Null":{"sagemaker:VpcSubnets":"true"}}}]}\'\naws organizations attach-policy --policy-id <the Id that create-policy printed> --target-id {{fact.mlTeamOuId}}',
      },
    },
    {
      id: 'require-network-isolation',
      title: 'Require network isolation for training',
      goal: 'CreateTrainingJob in the member account is refused unless the request turns network isolation on — whether it sets EnableNetworkIsolation to false or leaves it out — while a job in the team VPC with network isolation still starts.',
      why: 'A VPC decides where a job’s network traffic goes; network isolation takes the network away from the training container altogether, so code in a third-party image or package cannot send data anywhere, even through the VPC’s own routes.',
      checks: [{ check: 'lab-probe-outcome', resource: 'lab', params: { probe: 'trainingWithoutIsolation', expect: 'denied', stillAllowed: ['compliantTraining'] } }],
      hints: {
        nudge: 'A job can be in the VPC and still talk to the network from its container. There is a second SageMaker condition key for the container’s isolation, and a request may set it to false or not send it at all.',
        where: 'Deny sagemaker:CreateTrainingJob when sagemaker:NetworkIsolation is false (Bool) and also when it is absent (Null = true), in an SCP attached to the ML team’s OU. A single Bool condition misses requests that leave the field out.',
        command:
          'aws organizations create-policy --query Policy.PolicySummary.Id --output text --type SERVICE_CONTROL_POLICY --name {{prefix}}-network-isolation --description "Training only network-isolated" --content \'{"Version":"2012-10-17","Statement":[{"Sid":"DenyWithoutIsolation","Effect":"Deny","Action":"sagemaker:CreateTrainingJob","Resource":"*","Condition":{"Bool":{"sagemaker:NetworkIsolation":"false"}}},{"Sid":"DenyIsolationUnset","Effect":"Deny","Action":"sagemaker:CreateTrainingJob","Resource":"*","Condition":{"Null":{"sagemaker:NetworkIsolation":"true"}}}]}\'\naws organizations attach-policy --policy-id <the Id that create-policy printed> --target-id {{fact.mlTeamOuId}}',
      },
    },
    {
      id: 'protect-the-audit-trail',
      title: 'Make the audit trail untouchable',
      goal: 'Nobody in the member account — its administrators and root user included — can stop logging or delete a CloudTrail trail, while reading the trail’s status still works.',
      why: 'Stopping the trail is the first thing an intruder (or an impatient engineer) does before something they do not want seen. A Deny in an SCP is the one control an account administrator cannot lift.',
      checks: [
        { check: 'lab-probe-outcome', resource: 'lab', params: { probe: 'stopLogging', expect: 'denied', stillAllowed: ['readTrailStatus'] } },
        { check: 'lab-probe-outcome', resource: 'lab', params: { probe: 'deleteTrail', expect: 'denied', stillAllowed: ['readTrailStatus'] } },
      ],
      hints: {
        nudge: 'Two CloudTrail actions end the audit record: one pauses a trail, the other removes it. Both need to be refused for everyone in the account, without refusing CloudTrail altogether.',
        where: 'An SCP with a Deny on cloudtrail:StopLogging and cloudtrail:DeleteTrail (Resource "*"), attached to the ML team’s OU or to the organization root. Leave the other CloudTrail actions alone.',
        command:
          'aws organizations create-policy --query Policy.PolicySummary.Id --output text --type SERVICE_CONTROL_POLICY --name {{prefix}}-protect-cloudtrail --description "Nobody stops or deletes trails" --content \'{"Version":"2012-10-17","Statement":[{"Sid":"ProtectCloudTrail","Effect":"Deny","Action":["cloudtrail:StopLogging","cloudtrail:DeleteTrail"],"Resource":"*"}]}\'\naws organizations attach-policy --policy-id <the Id that create-policy printed> --target-id {{fact.mlTeamOuId}}',
      },
    },
  ],
  solution: [
    {
      task: 'train-only-in-the-vpc',
      title: 'Detach earlier attempts from the OU, then attach an SCP denying training without VPC subnets',
      run: async (ctx) => {
        const org = await ctx.aws.client('organizations');
        const keep = new Set([`${ctx.prefix}-train-in-vpc`, `${ctx.prefix}-network-isolation`, `${ctx.prefix}-protect-cloudtrail`]);
        const attached = (await org.send(new ListPoliciesForTargetCommand({ TargetId: ctx.facts.mlTeamOuId, Filter: 'SERVICE_CONTROL_POLICY' }))).Policies ?? [];
        for (const p of attached) if (!p.AwsManaged && !keep.has(p.Name!)) await org.send(new DetachPolicyCommand({ PolicyId: p.Id!, TargetId: ctx.facts.mlTeamOuId }));
        await putScp(ctx, `${ctx.prefix}-train-in-vpc`, 'Training only inside a VPC', [denyOutsideVpc], ctx.facts.mlTeamOuId!);
      },
    },
    {
      task: 'require-network-isolation',
      title: 'Attach an SCP denying training with network isolation false or unset',
      run: async (ctx) => void (await putScp(ctx, `${ctx.prefix}-network-isolation`, 'Training only network-isolated', denyWithoutIsolation, ctx.facts.mlTeamOuId!)),
    },
    {
      task: 'protect-the-audit-trail',
      title: 'Attach an SCP denying cloudtrail:StopLogging and cloudtrail:DeleteTrail',
      run: async (ctx) => void (await putScp(ctx, `${ctx.prefix}-protect-cloudtrail`, 'Nobody stops or deletes trails', [protectTrail], ctx.facts.mlTeamOuId!)),
    },
  ],
  nearMisses: [
    {
      id: 'guardrails-on-the-wrong-ou',
      title: 'The complete SCP, attached to a new sandbox OU instead of the ML team’s OU',
      explanation:
        'An SCP only limits the accounts under the root, OU or account it is attached to. The ML development account sits in the ML team’s OU, so a policy attached to another OU changes nothing for it: check where the account is (ListParents) before you attach.',
      task: 'train-only-in-the-vpc',
      apply: async (ctx) => {
        const org = await ctx.aws.client('organizations');
        const sandbox = await org.send(new CreateOrganizationalUnitCommand({ ParentId: ctx.facts.rootId, Name: `${ctx.prefix}-sandbox`, Tags: ctx.tagList }));
        await putScp(ctx, `${ctx.prefix}-attempt-wrong-ou`, 'ML guardrails (attached to the wrong OU)', [denyOutsideVpc, ...denyWithoutIsolation, protectTrail], sandbox.OrganizationalUnit!.Id!);
      },
    },
    {
      id: 'vpc-condition-only',
      title: 'A Deny on Null sagemaker:VpcSubnets without any network-isolation condition',
      explanation:
        'It keeps jobs inside the VPC, but a job in the VPC can still run with network isolation off (or unset), and then its container can reach whatever the VPC routes to. The network-isolation key needs its own Deny statements — for false and for absent.',
      task: 'require-network-isolation',
      apply: async (ctx) => void (await putScp(ctx, `${ctx.prefix}-attempt-vpc-only`, 'Training only inside a VPC (no isolation)', [denyOutsideVpc], ctx.facts.mlTeamOuId!)),
    },
    {
      id: 'deny-all-training',
      title: 'A blanket Deny on sagemaker:CreateTrainingJob',
      explanation:
        'Every forbidden job is refused — and so is every compliant one. A guardrail that stops the team’s legitimate work gets removed within the week; condition the Deny on the request’s network settings instead.',
      task: 'train-only-in-the-vpc',
      apply: async (ctx) => void (await putScp(ctx, `${ctx.prefix}-attempt-deny-all`, 'No training at all', [{ Sid: 'NoTraining', Effect: 'Deny', Action: trainingActions, Resource: '*' }], ctx.facts.mlTeamOuId!)),
    },
    {
      id: 'stop-logging-only',
      title: 'A Deny on cloudtrail:StopLogging alone',
      explanation: 'Logging cannot be paused any more, but the whole trail can still be deleted, which ends the audit record just as well. Deny cloudtrail:DeleteTrail too.',
      task: 'protect-the-audit-trail',
      apply: async (ctx) =>
        void (await putScp(ctx, `${ctx.prefix}-attempt-stop-only`, 'Nobody stops logging', [{ Sid: 'NoStopLogging', Effect: 'Deny', Action: 'cloudtrail:StopLogging', Resource: '*' }], ctx.facts.mlTeamOuId!)),
    },
  ],
  teardown: [
    {
      title: 'Take the member account out of the organization and delete what setup built in it',
      run: async (ctx) => {
        if (!ctx.facts.memberAccountId) return;
        const org = await ctx.aws.client('organizations');
        try {
          await org.send(new RemoveAccountFromOrganizationCommand({ AccountId: ctx.facts.memberAccountId }));
        } catch (error) {
          // Already out (a teardown that ran before): go on to its resources.
          if ((error as { name?: string }).name !== 'AccountNotFoundException') throw error;
        }
        // Out of the organization no SCP applies, so even a learner's Deny on DeleteTrail at the root cannot block the clean-up.
        await withMember(ctx, async (member) => {
          const trail = await member.client('cloudtrail');
          const trails = (await trail.send(new DescribeTrailsCommand({}))).trailList ?? [];
          for (const t of trails) if (t.Name?.startsWith(`${ctx.prefix}-`)) await trail.send(new DeleteTrailCommand({ Name: t.TrailARN ?? t.Name }));
          const sm = await member.client('sagemaker');
          const jobs = (await sm.send(new ListTrainingJobsCommand({ NameContains: ctx.prefix, StatusEquals: 'InProgress', MaxResults: 100 }))).TrainingJobSummaries ?? [];
          for (const job of jobs) await sm.send(new StopTrainingJobCommand({ TrainingJobName: job.TrainingJobName })).catch(() => {});
          const s3 = await member.client('s3');
          const bucket = `${ctx.prefix}-ml-dev-audit`;
          try {
            await emptyBucket(s3, bucket);
            await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
          } catch (error) {
            if ((error as { name?: string }).name !== 'NoSuchBucket') throw error;
          }
          const iam = await member.client('iam');
          await iam.send(new DeleteRoleCommand({ RoleName: `${ctx.prefix}-training-execution` })).catch((error: { name?: string }) => {
            if (error.name !== 'NoSuchEntityException' && error.name !== 'NoSuchEntity') throw error;
          });
          const ec2 = await member.client('ec2');
          const byRun = [{ Name: 'tag:mlsec:run', Values: [ctx.runId] }];
          for (const sg of (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: byRun }))).SecurityGroups ?? []) await ec2.send(new DeleteSecurityGroupCommand({ GroupId: sg.GroupId }));
          for (const subnet of (await ec2.send(new DescribeSubnetsCommand({ Filters: byRun }))).Subnets ?? []) await ec2.send(new DeleteSubnetCommand({ SubnetId: subnet.SubnetId }));
          for (const vpc of (await ec2.send(new DescribeVpcsCommand({ Filters: byRun }))).Vpcs ?? []) await ec2.send(new DeleteVpcCommand({ VpcId: vpc.VpcId }));
        });
      },
    },
  ],
});
