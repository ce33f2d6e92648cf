/**
 * IAM enforcement, the identity side, through the real SDKs over HTTP: users and their groups,
 * inline and managed policies, explicit deny over allow, NotAction/NotResource, permissions
 * boundaries, session policies (inline and managed), iam:PassRole, tag-based conditions, the root
 * user, GetCallerIdentity — and that policy changes take effect at once (the caches are invalidated).
 */
import { AddUserToGroupCommand, AttachUserPolicyCommand, CreateGroupCommand, CreatePolicyCommand, DeleteUserPolicyCommand, IAMClient, ListUsersCommand, PutGroupPolicyCommand, PutRolePermissionsBoundaryCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTrainingJobCommand, DescribeTrainingJobCommand, ListTrainingJobsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { ACCOUNT_A, as, assume, denied, doc, enforcing, roleWith, rootOf, userWith } from './enforcement-support.ts';

const BUCKET = 'identity-data';
const s3Read = doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`] });

function trainingJob(name: string, roleArn: string, extra: Record<string, unknown> = {}) {
  return {
    TrainingJobName: name,
    RoleArn: roleArn,
    AlgorithmSpecification: { TrainingImage: '382416733822.dkr.ecr.us-east-1.amazonaws.com/xgboost:1', TrainingInputMode: 'File' as const },
    OutputDataConfig: { S3OutputPath: `s3://${BUCKET}/output/` },
    ResourceConfig: { InstanceType: 'ml.m5.large' as const, InstanceCount: 1, VolumeSizeInGB: 10 },
    StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    ...extra,
  };
}

describe('IAM enforcement: identity-based policies', () => {
  let emu: RunningEmulator;
  let rootIam: IAMClient;
  let executionRole: string;

  beforeAll(async () => {
    emu = await enforcing({ serviceSettings: { sagemaker: { transitionDelayMs: 0 } } });
    rootIam = new IAMClient(as(emu, rootOf(ACCOUNT_A)));
    const s3 = new S3Client(as(emu, rootOf(ACCOUNT_A)));
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'train.csv', Body: 'a,b\n1,2\n' }));
    executionRole = await roleWith(emu, ACCOUNT_A, 'sagemaker-execution', {}, { Service: 'sagemaker.amazonaws.com' });
  });
  afterAll(() => emu.stop());

  it('lets the root user (the bare account key) do anything in its account', async () => {
    const s3 = new S3Client(as(emu, rootOf(ACCOUNT_A)));
    expect((await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'train.csv' }))).$metadata.httpStatusCode).toBe(200);
    expect((await rootIam.send(new ListUsersCommand({}))).Users).toBeDefined();
  });

  it('denies a user without policies, in each protocol’s own words, and never GetCallerIdentity', async () => {
    const nobody = await userWith(emu, ACCOUNT_A, 'nobody');
    const s3 = await denied(() => new S3Client(as(emu, nobody)).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'train.csv' })));
    expect(s3.name).toBe('AccessDenied');
    expect(s3.$metadata.httpStatusCode).toBe(403);
    expect(s3.message).toBe(`User: arn:aws:iam::${ACCOUNT_A}:user/nobody is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::${BUCKET}/train.csv" because no identity-based policy allows the s3:GetObject action`);
    const iam = await denied(() => new IAMClient(as(emu, nobody)).send(new ListUsersCommand({})));
    expect(iam.name).toBe('AccessDenied');
    expect(iam.$metadata.httpStatusCode).toBe(403);
    expect(iam.message).toBe(`User: arn:aws:iam::${ACCOUNT_A}:user/nobody is not authorized to perform: iam:ListUsers because no identity-based policy allows the iam:ListUsers action`);
    const sm = await denied(() => new SageMakerClient(as(emu, nobody)).send(new ListTrainingJobsCommand({})));
    expect(sm.name).toBe('AccessDeniedException');
    expect(sm.$metadata.httpStatusCode).toBe(400);
    expect(sm.message).toContain('is not authorized to perform: sagemaker:ListTrainingJobs because no identity-based policy allows');
    const me = await new STSClient(as(emu, nobody)).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(`arn:aws:iam::${ACCOUNT_A}:user/nobody`);
  });

  it('takes a new inline policy into account at once, and its removal too', async () => {
    const creds = await userWith(emu, ACCOUNT_A, 'reader');
    const s3 = new S3Client(as(emu, creds));
    await denied(() => s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'train.csv' })));
    await rootIam.send(new PutUserPolicyCommand({ UserName: 'reader', PolicyName: 'read', PolicyDocument: s3Read }));
    expect((await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'train.csv' }))).$metadata.httpStatusCode).toBe(200);
    // ListObjectsV2 needs s3:ListBucket, and HEAD-style reads are s3:GetObject.
    expect((await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }))).KeyCount).toBe(1);
    await rootIam.send(new DeleteUserPolicyCommand({ UserName: 'reader', PolicyName: 'read' }));
    await denied(() => s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'train.csv' })));
  });

  it('grants through groups and customer managed policies', async () => {
    const creds = await userWith(emu, ACCOUNT_A, 'analyst');
    await rootIam.send(new CreateGroupCommand({ GroupName: 'analysts' }));
    await rootIam.send(new PutGroupPolicyCommand({ GroupName: 'analysts', PolicyName: 'read-data', PolicyDocument: s3Read }));
    await rootIam.send(new AddUserToGroupCommand({ GroupName: 'analysts', UserName: 'analyst' }));
    expect((await new S3Client(as(emu, creds)).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'train.csv' }))).$metadata.httpStatusCode).toBe(200);

    const managed = await rootIam.send(new CreatePolicyCommand({ PolicyName: 'list-jobs', PolicyDocument: doc({ Effect: 'Allow', Action: 'sagemaker:List*', Resource: '*' }) }));
    await denied(() => new SageMakerClient(as(emu, creds)).send(new ListTrainingJobsCommand({})));
    await rootIam.send(new AttachUserPolicyCommand({ UserName: 'analyst', PolicyArn: managed.Policy!.Arn! }));
    expect((await new SageMakerClient(as(emu, creds)).send(new ListTrainingJobsCommand({}))).TrainingJobSummaries).toBeDefined();
  });

  it('lets an explicit deny win over any allow', async () => {
    const creds = await userWith(emu, ACCOUNT_A, 'denied-writer', {
      everything: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }),
      'no-raw-writes': doc({ Sid: 'NoWritesToRaw', Effect: 'Deny', Action: 's3:PutObject', Resource: `arn:aws:s3:::${BUCKET}/raw/*` }),
    });
    const s3 = new S3Client(as(emu, creds));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'curated/x.csv', Body: 'x' }));
    const error = await denied(() => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'raw/x.csv', Body: 'x' })));
    expect(error.message).toBe(`User: arn:aws:iam::${ACCOUNT_A}:user/denied-writer is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::${BUCKET}/raw/x.csv" with an explicit deny in an identity-based policy`);
  });

  it('evaluates NotAction and NotResource', async () => {
    const creds = await userWith(emu, ACCOUNT_A, 'not-user', {
      'all-but-iam': doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }),
      'only-this-bucket': doc({ Effect: 'Deny', Action: 's3:*', NotResource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`] }),
    });
    expect((await new S3Client(as(emu, creds)).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'train.csv' }))).$metadata.httpStatusCode).toBe(200);
    expect((await denied(() => new IAMClient(as(emu, creds)).send(new ListUsersCommand({})))).message).toContain('because no identity-based policy allows the iam:ListUsers action');
    const other = await denied(() => new S3Client(as(emu, creds)).send(new CreateBucketCommand({ Bucket: 'another-bucket' })));
    expect(other.message).toContain('with an explicit deny in an identity-based policy');
  });

  it('caps a role with its permissions boundary', async () => {
    const roleArn = await roleWith(emu, ACCOUNT_A, 'bounded', { admin: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) });
    const boundary = await rootIam.send(new CreatePolicyCommand({ PolicyName: 's3-read-boundary', PolicyDocument: s3Read }));
    await rootIam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'bounded', PermissionsBoundary: boundary.Policy!.Arn! }));
    const session = await assume(emu, rootOf(ACCOUNT_A), roleArn);
    expect((await new S3Client(as(emu, session)).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'train.csv' }))).$metadata.httpStatusCode).toBe(200);
    const error = await denied(() => new SageMakerClient(as(emu, session)).send(new ListTrainingJobsCommand({})));
    expect(error.message).toBe(`User: arn:aws:sts::${ACCOUNT_A}:assumed-role/bounded/test-session is not authorized to perform: sagemaker:ListTrainingJobs because no permissions boundary allows the sagemaker:ListTrainingJobs action`);
  });

  it('narrows a session with its inline and managed session policies', async () => {
    const roleArn = await roleWith(emu, ACCOUNT_A, 'broad', { admin: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) });
    const narrow = await assume(emu, rootOf(ACCOUNT_A), roleArn, { Policy: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) });
    expect((await new S3Client(as(emu, narrow)).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'train.csv' }))).$metadata.httpStatusCode).toBe(200);
    const error = await denied(() => new S3Client(as(emu, narrow)).send(new PutObjectCommand({ Bucket: BUCKET, Key: 'y', Body: 'y' })));
    expect(error.message).toContain('because no session policy allows the s3:PutObject action');

    const listOnly = await rootIam.send(new CreatePolicyCommand({ PolicyName: 'session-list-only', PolicyDocument: doc({ Effect: 'Allow', Action: 'sagemaker:List*', Resource: '*' }) }));
    const managed = await assume(emu, rootOf(ACCOUNT_A), roleArn, { PolicyArns: [{ arn: listOnly.Policy!.Arn! }] });
    expect((await new SageMakerClient(as(emu, managed)).send(new ListTrainingJobsCommand({}))).TrainingJobSummaries).toBeDefined();
    await denied(() => new S3Client(as(emu, managed)).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'train.csv' })));
    // A malformed session policy is refused by AssumeRole itself.
    const malformed = await denied(() => assume(emu, rootOf(ACCOUNT_A), roleArn, { Policy: '{"Statement": "nope"}' }));
    expect(malformed.name).toBe('MalformedPolicyDocumentException');
    expect(malformed.message).toContain('Statement');
  });

  it('needs iam:PassRole to hand SageMaker an execution role', async () => {
    const creds = await userWith(emu, ACCOUNT_A, 'trainer', { train: doc({ Effect: 'Allow', Action: 'sagemaker:CreateTrainingJob', Resource: '*' }) });
    const sm = new SageMakerClient(as(emu, creds));
    const error = await denied(() => sm.send(new CreateTrainingJobCommand(trainingJob('no-pass-role', executionRole))));
    expect(error.message).toBe(`User: arn:aws:iam::${ACCOUNT_A}:user/trainer is not authorized to perform: iam:PassRole on resource: ${executionRole} because no identity-based policy allows the iam:PassRole action`);
    await rootIam.send(new PutUserPolicyCommand({ UserName: 'trainer', PolicyName: 'pass', PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: executionRole, Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } }) }));
    expect((await sm.send(new CreateTrainingJobCommand(trainingJob('with-pass-role', executionRole)))).TrainingJobArn).toContain('training-job/with-pass-role');
  });

  it('supports attribute-based access control with aws:RequestTag and aws:ResourceTag', async () => {
    const creds = await userWith(emu, ACCOUNT_A, 'abac', {
      create: doc({ Effect: 'Allow', Action: 'sagemaker:CreateTrainingJob', Resource: '*', Condition: { StringEquals: { 'aws:RequestTag/project': 'churn' } } }),
      describe: doc({ Effect: 'Allow', Action: 'sagemaker:DescribeTrainingJob', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/project': 'churn' } } }),
      pass: doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: executionRole }),
    });
    const sm = new SageMakerClient(as(emu, creds));
    await denied(() => sm.send(new CreateTrainingJobCommand(trainingJob('untagged', executionRole))));
    await sm.send(new CreateTrainingJobCommand(trainingJob('tagged', executionRole, { Tags: [{ Key: 'project', Value: 'churn' }] })));
    expect((await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'tagged' }))).TrainingJobName).toBe('tagged');
    // A job of another project cannot be described.
    await new SageMakerClient(as(emu, rootOf(ACCOUNT_A))).send(new CreateTrainingJobCommand(trainingJob('fraud', executionRole, { Tags: [{ Key: 'project', Value: 'fraud' }] })));
    await denied(() => sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'fraud' })));
  });
});
