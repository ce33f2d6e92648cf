/**
 * The emulated services working together, through the real SDK clients over HTTP, the way the
 * Domain 4 labs use them:
 *  - CloudTrail → EventBridge: "AWS API Call via CloudTrail" events for what trails log — an S3
 *    PutObject data event starts "retraining" (a rule delivering to a log group), management
 *    write events too; read-only calls and calls no trail logs are not delivered;
 *  - SageMaker → EventBridge: an endpoint becoming InService reaches a rule on its state changes.
 * (CloudTrail → CloudWatch Logs: cloudtrail-delivery.test.ts; S3 SSE-KMS: s3-sse-kms.test.ts;
 * KMS and Secrets Manager changes made during reads: kms-secrets-persistence.test.ts.)
 */
import * as CT from '@aws-sdk/client-cloudtrail';
import * as Logs from '@aws-sdk/client-cloudwatch-logs';
import * as EB from '@aws-sdk/client-eventbridge';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import * as S3 from '@aws-sdk/client-s3';
import * as SM from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsEvent, RunningEmulator } from '../../../src/emulator/index.ts';
import { createTrailBucket, s3Client } from './cloudtrail-support.ts';
import { clientConfig, emulator } from './support.ts';

const ACCOUNT = '246813579135';
const KEYS = { accessKeyId: ACCOUNT, secretAccessKey: 'x' };

describe('services working together', () => {
  let emu: RunningEmulator;
  let clock = Date.parse('2026-06-01T09:00:00Z');
  let logs: Logs.CloudWatchLogsClient;
  let events: EB.EventBridgeClient;

  /** A rule with `pattern` on the default bus delivering to a new log group; returns a reader of what arrived. */
  async function ruleToLogGroup(name: string, pattern: Record<string, unknown>): Promise<() => Promise<AwsEvent[]>> {
    const group = `/mlsec-test/${name}`;
    await logs.send(new Logs.CreateLogGroupCommand({ logGroupName: group }));
    await events.send(new EB.PutRuleCommand({ Name: name, EventPattern: JSON.stringify(pattern) }));
    await events.send(new EB.PutTargetsCommand({ Rule: name, Targets: [{ Id: 'log', Arn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${group}` }] }));
    return async () => ((await logs.send(new Logs.FilterLogEventsCommand({ logGroupName: group }))).events ?? []).map((e) => JSON.parse(e.message!) as AwsEvent);
  }

  beforeAll(async () => {
    emu = await emulator({ now: () => clock, serviceSettings: { sagemaker: { transitionDelayMs: 60_000 } } });
    logs = new Logs.CloudWatchLogsClient(clientConfig(emu.url, KEYS));
    events = new EB.EventBridgeClient(clientConfig(emu.url, KEYS));
  });
  afterAll(async () => emu.stop());

  it('starts retraining when a trail logs an S3 PutObject data event of the training bucket', async () => {
    const s3 = s3Client(S3.S3Client, clientConfig(emu.url, KEYS));
    const ct = new CT.CloudTrailClient(clientConfig(emu.url, KEYS));
    await s3.send(new S3.CreateBucketCommand({ Bucket: 'training-data-246813579135' }));
    const retraining = await ruleToLogGroup('retrain-on-new-data', {
      source: ['aws.s3'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: { eventSource: ['s3.amazonaws.com'], eventName: ['PutObject', 'CompleteMultipartUpload'], requestParameters: { bucketName: ['training-data-246813579135'] } },
    });
    const policyChanges = await ruleToLogGroup('bucket-policy-changes', { source: ['aws.s3'], 'detail-type': ['AWS API Call via CloudTrail'], detail: { eventName: ['PutBucketPolicy', 'GetBucketPolicy'] } });

    // No trail yet: EventBridge receives nothing (AWS needs a trail with logging on).
    await s3.send(new S3.PutObjectCommand({ Bucket: 'training-data-246813579135', Key: 'before-the-trail.csv', Body: 'a' }));
    expect(await retraining()).toEqual([]);

    await createTrailBucket(s3, 'audit-246813579135', ACCOUNT);
    await ct.send(new CT.CreateTrailCommand({ Name: 'data-events', S3BucketName: 'audit-246813579135' }));
    await ct.send(new CT.PutEventSelectorsCommand({ TrailName: 'data-events', EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::training-data-246813579135/'] }] }] }));
    await ct.send(new CT.StartLoggingCommand({ Name: 'data-events' }));

    await s3.send(new S3.PutObjectCommand({ Bucket: 'training-data-246813579135', Key: 'features/2026-06-01.csv', Body: 'b' }));
    await s3.send(new S3.GetObjectCommand({ Bucket: 'training-data-246813579135', Key: 'features/2026-06-01.csv' }));
    await s3.send(new S3.PutObjectCommand({ Bucket: 'audit-246813579135', Key: 'not-selected.txt', Body: 'c' }));
    const delivered = await retraining();
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({
      source: 'aws.s3',
      'detail-type': 'AWS API Call via CloudTrail',
      account: ACCOUNT,
      region: 'us-east-1',
      detail: {
        eventSource: 's3.amazonaws.com',
        eventName: 'PutObject',
        eventCategory: 'Data',
        managementEvent: false,
        requestParameters: { bucketName: 'training-data-246813579135', key: 'features/2026-06-01.csv' },
        userIdentity: { type: 'Root', accountId: ACCOUNT },
      },
    });

    // Management write events are delivered too; read-only ones (GetBucketPolicy) are not.
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::training-data-246813579135/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] });
    await s3.send(new S3.PutBucketPolicyCommand({ Bucket: 'training-data-246813579135', Policy: policy }));
    await s3.send(new S3.GetBucketPolicyCommand({ Bucket: 'training-data-246813579135' }));
    expect((await policyChanges()).map((e) => e.detail.eventName)).toEqual(['PutBucketPolicy']);

    // With logging stopped, nothing more arrives.
    await ct.send(new CT.StopLoggingCommand({ Name: 'data-events' }));
    await s3.send(new S3.PutObjectCommand({ Bucket: 'training-data-246813579135', Key: 'features/after-stop.csv', Body: 'd' }));
    expect(await retraining()).toHaveLength(1);
  });

  it('delivers "SageMaker Endpoint State Change" to a rule when an endpoint becomes InService', async () => {
    const sm = new SM.SageMakerClient(clientConfig(emu.url, KEYS));
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    const role = (await new IAMClient(clientConfig(emu.url, KEYS)).send(new CreateRoleCommand({ RoleName: 'SageMakerExecution', AssumeRolePolicyDocument: trust }))).Role!.Arn!;
    const inService = await ruleToLogGroup('endpoint-in-service', { source: ['aws.sagemaker'], 'detail-type': ['SageMaker Endpoint State Change'], detail: { EndpointStatus: ['IN_SERVICE'] } });

    await sm.send(new SM.CreateModelCommand({ ModelName: 'churn', ExecutionRoleArn: role, PrimaryContainer: { Image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1' } }));
    await sm.send(new SM.CreateEndpointConfigCommand({ EndpointConfigName: 'churn', ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'churn', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }] }));
    await sm.send(new SM.CreateEndpointCommand({ EndpointName: 'churn', EndpointConfigName: 'churn' }));
    expect(await inService()).toEqual([]);
    clock += 60_000;
    expect((await sm.send(new SM.DescribeEndpointCommand({ EndpointName: 'churn' }))).EndpointStatus).toBe('InService');
    const [event, ...more] = await inService();
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      source: 'aws.sagemaker',
      'detail-type': 'SageMaker Endpoint State Change',
      account: ACCOUNT,
      region: 'us-east-1',
      resources: [`arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint/churn`],
      time: new Date(clock).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      detail: { EndpointName: 'churn', EndpointStatus: 'IN_SERVICE', EndpointConfigName: 'churn' },
    });
  });
});
