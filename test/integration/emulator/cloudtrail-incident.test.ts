/**
 * The incident-investigation lab's story, end to end over HTTP: a contractor's access key makes the
 * model bucket public and, through an assumed role, switches off the audit trail (standing in for
 * "deletes an alarm" until CloudWatch is emulated). LookupEvents must tell who, when and with which
 * access key — including following a temporary key back to the AssumeRole that issued it — and the
 * fix (a multi-Region trail with log file validation, KMS and CloudWatch Logs delivery) must show
 * the fields CloudTrail.1/.2/.4/.5 read.
 */
import * as CT from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient, CreateLogGroupCommand, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import * as I from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import * as S3 from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { createTrailBucket, createTrailKey, record, s3Client } from './cloudtrail-support.ts';
import { clientConfig, emulator } from './support.ts';

const ACCOUNT = '135724681357';
const ADMIN = { accessKeyId: ACCOUNT, secretAccessKey: 'x' };
const BUCKET = 'fraud-model-artifacts';

describe('incident investigation with LookupEvents', () => {
  let emu: RunningEmulator;
  let clock = Date.parse('2026-05-04T08:00:00Z');
  let malloryKey: string;
  let sessionKey: string;
  const ct = () => new CT.CloudTrailClient(clientConfig(emu.url, ADMIN));

  beforeAll(async () => {
    emu = await emulator({ now: () => clock });
    const iam = new I.IAMClient(clientConfig(emu.url, ADMIN));
    const s3 = s3Client(S3.S3Client, clientConfig(emu.url, ADMIN));
    // Setup by the platform team: a private model bucket, an audit trail, two users, a role.
    await s3.send(new S3.CreateBucketCommand({ Bucket: BUCKET }));
    await s3.send(new S3.PutObjectCommand({ Bucket: BUCKET, Key: 'fraud/v7/model.tar.gz', Body: 'weights' }));
    await createTrailBucket(s3, 'old-audit-logs', ACCOUNT);
    await ct().send(new CT.CreateTrailCommand({ Name: 'legacy-trail', S3BucketName: 'old-audit-logs' }));
    await ct().send(new CT.StartLoggingCommand({ Name: 'legacy-trail' }));
    const keys: Record<string, { accessKeyId: string; secretAccessKey: string }> = {};
    for (const user of ['ci-deployer', 'mallory']) {
      await iam.send(new I.CreateUserCommand({ UserName: user }));
      const k = (await iam.send(new I.CreateAccessKeyCommand({ UserName: user }))).AccessKey!;
      keys[user] = { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! };
    }
    malloryKey = keys.mallory!.accessKeyId;
    await iam.send(new I.CreateRoleCommand({ RoleName: 'ModelOps', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] }) }));

    // Routine work by the CI user, before and after the incident.
    clock = Date.parse('2026-05-04T09:15:00Z');
    const ci = s3Client(S3.S3Client, clientConfig(emu.url, keys['ci-deployer']!));
    await ci.send(new S3.PutObjectCommand({ Bucket: BUCKET, Key: 'fraud/v8/model.tar.gz', Body: 'weights v8' }));
    await ci.send(new S3.GetBucketPolicyStatusCommand({ Bucket: BUCKET })).catch(() => undefined);

    // The incident: mallory opens the bucket to the world …
    clock = Date.parse('2026-05-04T22:41:07Z');
    const m = s3Client(S3.S3Client, clientConfig(emu.url, keys.mallory!));
    await m.send(new S3.DeletePublicAccessBlockCommand({ Bucket: BUCKET }));
    clock = Date.parse('2026-05-04T22:41:52Z');
    await m.send(new S3.PutBucketPolicyCommand({ Bucket: BUCKET, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'share', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` }] }) }));
    // … then, through a role session, switches off the trail that would have alerted the team.
    clock = Date.parse('2026-05-04T22:44:30Z');
    const session = await new STSClient(clientConfig(emu.url, keys.mallory!)).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/ModelOps`, RoleSessionName: 'maintenance' }));
    sessionKey = session.Credentials!.AccessKeyId!;
    clock = Date.parse('2026-05-04T22:45:03Z');
    await new CT.CloudTrailClient(clientConfig(emu.url, { accessKeyId: sessionKey, secretAccessKey: session.Credentials!.SecretAccessKey!, sessionToken: session.Credentials!.SessionToken! })).send(new CT.StopLoggingCommand({ Name: 'legacy-trail' }));

    clock = Date.parse('2026-05-05T07:30:00Z');
    await ci.send(new S3.GetObjectCommand({ Bucket: BUCKET, Key: 'fraud/v8/model.tar.gz' }));
  });
  afterAll(async () => emu.stop());

  it('finds who made the model bucket public, when, and with which access key', async () => {
    const found = await ct().send(new CT.LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'PutBucketPolicy' }] }));
    const publicPolicy = found.Events!.find((e) => {
      const r = record(e);
      return r.requestParameters.bucketName === BUCKET && JSON.stringify(r.requestParameters.bucketPolicy).includes('"Principal":"*"');
    });
    expect(publicPolicy).toMatchObject({ Username: 'mallory', AccessKeyId: malloryKey, EventTime: new Date('2026-05-04T22:41:52Z') });
    expect(record(publicPolicy).userIdentity).toMatchObject({ type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/mallory`, userName: 'mallory', accessKeyId: malloryKey });

    // The bucket's timeline shows the Block Public Access removal first, by the same key.
    const timeline = await ct().send(new CT.LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: BUCKET }], StartTime: new Date('2026-05-04T22:00:00Z'), EndTime: new Date('2026-05-04T23:59:59Z') }));
    expect(timeline.Events!.map((e) => [e.EventName, e.Username, e.AccessKeyId])).toEqual([
      ['PutBucketPolicy', 'mallory', malloryKey],
      ['DeletePublicAccessBlock', 'mallory', malloryKey],
    ]);
  });

  it('follows the temporary key that stopped the trail back to the user who assumed the role', async () => {
    const stopped = (await ct().send(new CT.LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'StopLogging' }] }))).Events!;
    expect(stopped).toHaveLength(1);
    expect(stopped[0]).toMatchObject({ Username: 'maintenance', AccessKeyId: sessionKey, EventTime: new Date('2026-05-04T22:45:03Z') });
    expect(record(stopped[0]).userIdentity.sessionContext.sessionIssuer).toMatchObject({ type: 'Role', userName: 'ModelOps' });

    const assumed = (await ct().send(new CT.LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'AssumeRole' }] }))).Events!;
    const issuer = assumed.find((e) => record(e).responseElements?.credentials?.accessKeyId === sessionKey);
    expect(issuer).toMatchObject({ Username: 'mallory', AccessKeyId: malloryKey });

    // Everything the key did, newest first.
    const byKey = (await ct().send(new CT.LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: malloryKey }] }))).Events!;
    expect(byKey.map((e) => e.EventName)).toEqual(['AssumeRole', 'PutBucketPolicy', 'DeletePublicAccessBlock']);
  });

  it('accepts the fix: a multi-Region, validated, encrypted trail delivering to CloudWatch Logs', async () => {
    const admin = ct();
    const s3 = s3Client(S3.S3Client, clientConfig(emu.url, ADMIN));
    await s3.send(new S3.DeleteBucketPolicyCommand({ Bucket: BUCKET }));
    await s3.send(new S3.PutPublicAccessBlockCommand({ Bucket: BUCKET, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }));
    await createTrailBucket(s3, 'org-audit-logs', ACCOUNT);
    await new I.IAMClient(clientConfig(emu.url, ADMIN)).send(new I.CreateRoleCommand({ RoleName: 'CloudTrailToCloudWatch', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }));
    const key = await createTrailKey(new KMSClient(clientConfig(emu.url, ADMIN)), ACCOUNT, 'alias/cloudtrail-logs');
    const logs = new CloudWatchLogsClient(clientConfig(emu.url, ADMIN));
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'aws-cloudtrail-logs' }));
    await admin.send(new CT.CreateTrailCommand({
      Name: 'org-audit',
      S3BucketName: 'org-audit-logs',
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
      KmsKeyId: 'alias/cloudtrail-logs',
      CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:aws-cloudtrail-logs:*`,
      CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/CloudTrailToCloudWatch`,
    }));
    await admin.send(new CT.StartLoggingCommand({ Name: 'org-audit' }));
    const [trail] = (await admin.send(new CT.DescribeTrailsCommand({ trailNameList: ['org-audit'] }))).trailList!;
    // CloudTrail.1 (multi-Region, management events, logging), .2 (KMS), .4 (validation), .5 (CloudWatch Logs).
    expect(trail).toMatchObject({ IsMultiRegionTrail: true, LogFileValidationEnabled: true, KmsKeyId: key.Arn, CloudWatchLogsLogGroupArn: expect.stringContaining(':log-group:aws-cloudtrail-logs') });
    expect((await admin.send(new CT.GetTrailStatusCommand({ Name: 'org-audit' }))).IsLogging).toBe(true);
    // The fixed trail delivers: encrypted log files in the bucket, events in the log group, no errors.
    await emu.flush();
    const status = await admin.send(new CT.GetTrailStatusCommand({ Name: 'org-audit' }));
    expect([status.LatestDeliveryError, status.LatestCloudWatchLogsDeliveryError]).toEqual([undefined, undefined]);
    const delivered = (await logs.send(new FilterLogEventsCommand({ logGroupName: 'aws-cloudtrail-logs' }))).events!.map((e) => JSON.parse(e.message!).eventName);
    expect(delivered).toContain('StartLogging');
    const [logFile] = (await s3.send(new S3.ListObjectsV2Command({ Bucket: 'org-audit-logs' }))).Contents!;
    expect(await s3.send(new S3.HeadObjectCommand({ Bucket: 'org-audit-logs', Key: logFile!.Key }))).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key.Arn });
    expect((await admin.send(new CT.GetEventSelectorsCommand({ TrailName: 'org-audit' }))).EventSelectors).toEqual([{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }]);
    expect((await s3.send(new S3.GetBucketPolicyStatusCommand({ Bucket: 'org-audit-logs' }))).PolicyStatus?.IsPublic).toBe(false);
  });
});
