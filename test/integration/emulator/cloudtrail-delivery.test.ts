/**
 * What trails deliver: gzipped JSON log files in the trail's bucket (key layout, encryption,
 * prefix), data events only for trails whose classic or advanced selectors select them, multi-Region
 * and global service events, delivery errors in GetTrailStatus, and CloudWatch Logs delivery
 * through the Logs seam. Everything through the real SDK over HTTP; files read back from S3.
 */
import { gunzipSync } from 'node:zlib';
import * as CT from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import * as Logs from '@aws-sdk/client-cloudwatch-logs';
import { CreateGroupCommand, IAMClient, CreateRoleCommand } from '@aws-sdk/client-iam';
import * as KMS from '@aws-sdk/client-kms';
import * as S3 from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_SERVICES, type RunningEmulator } from '../../../src/emulator/index.ts';
import { createTrailBucket, createTrailKey, s3Client } from './cloudtrail-support.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const ACCOUNT = '444455556666';
const KEYS = { accessKeyId: ACCOUNT, secretAccessKey: 'x' };
const KEY_LAYOUT = new RegExp(`^AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/\\d{4}/\\d{2}/\\d{2}/${ACCOUNT}_CloudTrail_us-east-1_\\d{8}T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz$`);

type Rec = Record<string, any>;

describe('CloudTrail log delivery', () => {
  let emu: RunningEmulator;
  let ct: CT.CloudTrailClient;
  let s3: S3.S3Client;

  /** Every record delivered under a bucket prefix so far (flushes delivery first). */
  async function delivered(bucket: string, prefix = 'AWSLogs/'): Promise<Rec[]> {
    await emu.flush();
    const listed = await s3.send(new S3.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
    const out: Rec[] = [];
    for (const object of listed.Contents ?? []) {
      const got = await s3.send(new S3.GetObjectCommand({ Bucket: bucket, Key: object.Key! }));
      out.push(...(JSON.parse(gunzipSync(Buffer.from(await got.Body!.transformToByteArray())).toString('utf8')) as { Records: Rec[] }).Records);
    }
    return out;
  }
  const names = (records: Rec[]) => records.map((r) => r.eventName);

  beforeAll(async () => {
    emu = await emulator();
    ct = new CT.CloudTrailClient(clientConfig(emu.url, KEYS));
    s3 = s3Client(S3.S3Client, clientConfig(emu.url, KEYS));
    await createTrailBucket(s3, 'trail-bucket', ACCOUNT);
    await createTrailBucket(s3, 'prefixed-trail-bucket', ACCOUNT, 'audit');
    await s3.send(new S3.CreateBucketCommand({ Bucket: 'model-artifacts' }));
    await s3.send(new S3.CreateBucketCommand({ Bucket: 'scratch' }));
  });
  afterAll(async () => emu.stop());
  afterEach(async () => {
    for (const t of (await ct.send(new CT.DescribeTrailsCommand({ includeShadowTrails: false }))).trailList ?? []) await ct.send(new CT.DeleteTrailCommand({ Name: t.Name }));
    for (const bucket of ['trail-bucket', 'prefixed-trail-bucket']) {
      const listed = await s3.send(new S3.ListObjectsV2Command({ Bucket: bucket }));
      for (const o of listed.Contents ?? []) await s3.send(new S3.DeleteObjectCommand({ Bucket: bucket, Key: o.Key }));
    }
  });

  it('writes gzipped JSON log files under AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/', async () => {
    await ct.send(new CT.CreateTrailCommand({ Name: 'main-trail', S3BucketName: 'trail-bucket' }));
    await emu.flush();
    expect((await s3.send(new S3.ListObjectsV2Command({ Bucket: 'trail-bucket' }))).KeyCount).toBe(0);
    await ct.send(new CT.StartLoggingCommand({ Name: 'main-trail' }));
    await s3.send(new S3.PutBucketTaggingCommand({ Bucket: 'model-artifacts', Tagging: { TagSet: [{ Key: 'Project', Value: 'fraud' }] } }));

    const listed = (await (async () => (await emu.flush(), s3.send(new S3.ListObjectsV2Command({ Bucket: 'trail-bucket' }))))()).Contents ?? [];
    expect(listed.length).toBe(1);
    expect(listed[0]!.Key).toMatch(KEY_LAYOUT);
    const head = await s3.send(new S3.HeadObjectCommand({ Bucket: 'trail-bucket', Key: listed[0]!.Key }));
    expect(head).toMatchObject({ ContentType: 'application/json', ContentEncoding: 'gzip', ServerSideEncryption: 'AES256' });

    const records = await delivered('trail-bucket');
    expect(names(records)).toEqual(['StartLogging', 'PutBucketTagging']);
    expect(records[1]).toMatchObject({ eventSource: 's3.amazonaws.com', recipientAccountId: ACCOUNT, requestParameters: { bucketName: 'model-artifacts', tagging: '' } });
    // Only management events by default.
    await s3.send(new S3.PutObjectCommand({ Bucket: 'model-artifacts', Key: 'model.tar.gz', Body: 'weights' }));
    expect(names(await delivered('trail-bucket'))).not.toContain('PutObject');

    const status = await ct.send(new CT.GetTrailStatusCommand({ Name: 'main-trail' }));
    expect(status.LatestDeliveryTime).toBeInstanceOf(Date);
    expect(status.LatestDeliveryError).toBeUndefined();

    await ct.send(new CT.StopLoggingCommand({ Name: 'main-trail' }));
    const before = (await delivered('trail-bucket')).length;
    await s3.send(new S3.GetBucketTaggingCommand({ Bucket: 'model-artifacts' }));
    expect((await delivered('trail-bucket')).length).toBe(before);
  });

  it('honours the key prefix and encrypts log files with the trail\'s KMS key', async () => {
    const kms = new KMS.KMSClient(clientConfig(emu.url, KEYS));
    const { Arn: keyArn, KeyId: keyId } = await createTrailKey(kms, ACCOUNT);
    await ct.send(new CT.CreateTrailCommand({ Name: 'kms-trail', S3BucketName: 'prefixed-trail-bucket', S3KeyPrefix: 'audit', KmsKeyId: keyArn }));
    await ct.send(new CT.StartLoggingCommand({ Name: 'kms-trail' }));
    await emu.flush();
    const [object] = (await s3.send(new S3.ListObjectsV2Command({ Bucket: 'prefixed-trail-bucket' }))).Contents ?? [];
    expect(object?.Key).toMatch(new RegExp(`^audit/AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/`));
    const head = await s3.send(new S3.HeadObjectCommand({ Bucket: 'prefixed-trail-bucket', Key: object!.Key }));
    expect(head).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn });
    // The log file is encrypted through the emulated KMS: with the key disabled it cannot be read.
    await kms.send(new KMS.DisableKeyCommand({ KeyId: keyId }));
    expect(await awsError(() => s3.send(new S3.GetObjectCommand({ Bucket: 'prefixed-trail-bucket', Key: object!.Key })))).toMatchObject({ name: 'KMS.DisabledException', message: `${keyArn} is disabled.` });
    // … and nothing more is delivered while the key is disabled; GetTrailStatus says why.
    await s3.send(new S3.PutBucketTaggingCommand({ Bucket: 'model-artifacts', Tagging: { TagSet: [{ Key: 'k', Value: 'v' }] } }));
    await emu.flush();
    expect((await ct.send(new CT.GetTrailStatusCommand({ Name: 'kms-trail' }))).LatestDeliveryError).toBe('KMS.DisabledException');
    await kms.send(new KMS.EnableKeyCommand({ KeyId: keyId }));
  });

  it('delivers S3 data events only to trails whose classic selectors select them', async () => {
    await ct.send(new CT.CreateTrailCommand({ Name: 'data-trail', S3BucketName: 'trail-bucket' }));
    await ct.send(new CT.PutEventSelectorsCommand({
      TrailName: 'data-trail',
      EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::model-artifacts/'] }] }],
    }));
    await ct.send(new CT.StartLoggingCommand({ Name: 'data-trail' }));
    await s3.send(new S3.PutObjectCommand({ Bucket: 'model-artifacts', Key: 'models/v2.tar.gz', Body: 'new weights' }));
    await (await s3.send(new S3.GetObjectCommand({ Bucket: 'model-artifacts', Key: 'models/v2.tar.gz' }))).Body!.transformToString();
    await s3.send(new S3.PutObjectCommand({ Bucket: 'scratch', Key: 'tmp.txt', Body: 'x' }));
    await s3.send(new S3.ListBucketsCommand({}));

    const records = await delivered('trail-bucket');
    expect(names(records)).toEqual(['PutObject']);
    expect(records[0]).toMatchObject({
      eventCategory: 'Data',
      managementEvent: false,
      readOnly: false,
      requestParameters: { bucketName: 'model-artifacts', key: 'models/v2.tar.gz' },
      responseElements: { 'x-amz-server-side-encryption': 'AES256' },
      additionalEventData: { SignatureVersion: 'SigV4', AuthenticationMethod: 'AuthHeader', bytesTransferredIn: 11 },
      resources: [
        { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::model-artifacts/models/v2.tar.gz' },
        { accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::model-artifacts' },
      ],
    });
  });

  it('delivers data events selected by advanced event selectors', async () => {
    await ct.send(new CT.CreateTrailCommand({ Name: 'advanced-trail', S3BucketName: 'trail-bucket' }));
    await ct.send(new CT.PutEventSelectorsCommand({
      TrailName: 'advanced-trail',
      AdvancedEventSelectors: [
        { Name: 'Reads of model artifacts', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::model-artifacts/models/'] }, { Field: 'readOnly', Equals: ['true'] }, { Field: 'eventName', NotEquals: ['HeadObject'] }] },
        { Name: 'Management writes', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['false'] }] },
      ],
    }));
    await ct.send(new CT.StartLoggingCommand({ Name: 'advanced-trail' }));
    await (await s3.send(new S3.GetObjectCommand({ Bucket: 'model-artifacts', Key: 'models/v2.tar.gz' }))).Body!.transformToString();
    await s3.send(new S3.HeadObjectCommand({ Bucket: 'model-artifacts', Key: 'models/v2.tar.gz' }));
    await s3.send(new S3.PutObjectCommand({ Bucket: 'model-artifacts', Key: 'models/v3.tar.gz', Body: 'x' }));
    await s3.send(new S3.GetBucketLocationCommand({ Bucket: 'model-artifacts' }));
    await s3.send(new S3.PutBucketVersioningCommand({ Bucket: 'model-artifacts', VersioningConfiguration: { Status: 'Enabled' } }));
    const records = await delivered('trail-bucket');
    expect(names(records)).toEqual(['StartLogging', 'GetObject', 'PutBucketVersioning']);
    expect(records[1]!.additionalEventData.bytesTransferredOut).toBe(11);
  });

  it('records cross-account object reads for the bucket owner too', async () => {
    await ct.send(new CT.CreateTrailCommand({ Name: 'owner-trail', S3BucketName: 'trail-bucket' }));
    await ct.send(new CT.PutEventSelectorsCommand({ TrailName: 'owner-trail', EventSelectors: [{ IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }] }));
    await ct.send(new CT.StartLoggingCommand({ Name: 'owner-trail' }));
    const outsider = s3Client(S3.S3Client, clientConfig(emu.url, { accessKeyId: '777788889999', secretAccessKey: 'x' }));
    await (await outsider.send(new S3.GetObjectCommand({ Bucket: 'model-artifacts', Key: 'models/v2.tar.gz' }))).Body!.transformToString();
    const [read] = await delivered('trail-bucket');
    expect(read).toMatchObject({ eventName: 'GetObject', recipientAccountId: ACCOUNT, userIdentity: { type: 'Root', accountId: '777788889999' } });
    expect(read!.sharedEventID).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.keys(read!).slice(-3)).toEqual(['recipientAccountId', 'sharedEventID', 'eventCategory']);
    // The outsider's own management call on the bucket is in both accounts' event history, one shared id.
    await outsider.send(new S3.GetBucketLocationCommand({ Bucket: 'model-artifacts' }));
    const lookup = (client: CT.CloudTrailClient) => client.send(new CT.LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'GetBucketLocation' }] }));
    const [mine] = (await lookup(ct)).Events!;
    const [theirs] = (await lookup(new CT.CloudTrailClient(clientConfig(emu.url, { accessKeyId: '777788889999', secretAccessKey: 'x' })))).Events!;
    const [a, b] = [JSON.parse(mine!.CloudTrailEvent!), JSON.parse(theirs!.CloudTrailEvent!)];
    expect([a.recipientAccountId, b.recipientAccountId]).toEqual([ACCOUNT, '777788889999']);
    expect(a.sharedEventID).toBe(b.sharedEventID);
    expect(a.eventID).not.toBe(b.eventID);
  });

  it('delivers other regions\' events to multi-Region trails and global events as configured', async () => {
    const west = s3Client(S3.S3Client, clientConfig(emu.url, KEYS, 'eu-west-1'));
    const iam = new IAMClient(clientConfig(emu.url, KEYS));
    await ct.send(new CT.CreateTrailCommand({ Name: 'regional', S3BucketName: 'trail-bucket', IncludeGlobalServiceEvents: false }));
    await ct.send(new CT.StartLoggingCommand({ Name: 'regional' }));
    await west.send(new S3.CreateBucketCommand({ Bucket: 'west-data', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    await iam.send(new CreateGroupCommand({ GroupName: 'regional-only' }));
    expect(names(await delivered('trail-bucket'))).toEqual(['StartLogging']);

    await ct.send(new CT.UpdateTrailCommand({ Name: 'regional', IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true }));
    await west.send(new S3.PutBucketVersioningCommand({ Bucket: 'west-data', VersioningConfiguration: { Status: 'Enabled' } }));
    await iam.send(new CreateGroupCommand({ GroupName: 'global-too' }));
    const westRecords = await delivered('trail-bucket', `AWSLogs/${ACCOUNT}/CloudTrail/eu-west-1/`);
    expect(names(westRecords)).toEqual(['PutBucketVersioning']);
    expect(westRecords[0]!.awsRegion).toBe('eu-west-1');
    const eastRecords = await delivered('trail-bucket', `AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/`);
    expect(names(eastRecords)).toContain('CreateGroup');
    expect(eastRecords.find((r) => r.eventName === 'CreateGroup')).toMatchObject({ eventSource: 'iam.amazonaws.com', awsRegion: 'us-east-1', requestParameters: { groupName: 'global-too' } });
  });

  it('reports a delivery error when the bucket is gone', async () => {
    await createTrailBucket(s3, 'doomed-bucket', ACCOUNT);
    await ct.send(new CT.CreateTrailCommand({ Name: 'doomed', S3BucketName: 'doomed-bucket' }));
    await s3.send(new S3.DeleteBucketCommand({ Bucket: 'doomed-bucket' }));
    await ct.send(new CT.StartLoggingCommand({ Name: 'doomed' }));
    await emu.flush();
    const status = await ct.send(new CT.GetTrailStatusCommand({ Name: 'doomed' }));
    expect(status.LatestDeliveryError).toBe('NoSuchBucket');
    expect(status.LatestDeliveryAttemptTime).not.toBe('');
    expect(status.LatestDeliveryAttemptSucceeded).toBe('');
  });

  it('says in GetTrailStatus that CloudWatch Logs delivery needs a Logs emulation', async () => {
    const withoutLogs = await emulator({ services: BUILTIN_SERVICES.filter((s) => s.id !== 'logs') });
    try {
      const config = clientConfig(withoutLogs.url, KEYS);
      const trails = new CT.CloudTrailClient(config);
      await createTrailBucket(s3Client(S3.S3Client, config), 'trail-bucket', ACCOUNT);
      await new IAMClient(config).send(new CreateRoleCommand({ RoleName: 'TrailLogs', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }));
      await trails.send(new CT.CreateTrailCommand({ Name: 'cw-trail', S3BucketName: 'trail-bucket', CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:trail:*`, CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/TrailLogs` }));
      await trails.send(new CT.StartLoggingCommand({ Name: 'cw-trail' }));
      await withoutLogs.flush();
      expect((await trails.send(new CT.GetTrailStatusCommand({ Name: 'cw-trail' }))).LatestCloudWatchLogsDeliveryError).toMatch(/CloudWatch Logs is not emulated/);
    } finally {
      await withoutLogs.stop();
    }
  });
});

describe('CloudTrail delivery to the emulated CloudWatch Logs', () => {
  it('checks the log group and delivers one log event per record, seen by metric filters', async () => {
    const emu = await emulator();
    try {
      const config = clientConfig(emu.url, KEYS);
      const ct = new CT.CloudTrailClient(config);
      const s3 = s3Client(S3.S3Client, config);
      const logs = new Logs.CloudWatchLogsClient(config);
      await createTrailBucket(s3, 'cw-bucket', ACCOUNT);
      await new IAMClient(config).send(new CreateRoleCommand({ RoleName: 'TrailLogs', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }));
      const role = `arn:aws:iam::${ACCOUNT}:role/TrailLogs`;
      const missing = await awsError(() => ct.send(new CT.CreateTrailCommand({ Name: 'cw-trail', S3BucketName: 'cw-bucket', CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:absent:*`, CloudWatchLogsRoleArn: role })));
      expect(missing).toMatchObject({ name: 'InvalidCloudWatchLogsLogGroupArnException', message: 'CloudTrail cannot validate the specified log group ARN.' });
      await logs.send(new Logs.CreateLogGroupCommand({ logGroupName: '/aws/cloudtrail/audit' }));
      // The CIS pattern: a metric filter on the trail's log group counts bucket policy changes.
      await logs.send(new Logs.PutMetricFilterCommand({
        logGroupName: '/aws/cloudtrail/audit',
        filterName: 'bucket-policy-changes',
        filterPattern: '{ ($.eventSource = s3.amazonaws.com) && ($.eventName = PutBucketVersioning) }',
        metricTransformations: [{ metricName: 'S3BucketChanges', metricNamespace: 'CISBenchmark', metricValue: '1' }],
      }));
      await ct.send(new CT.CreateTrailCommand({ Name: 'cw-trail', S3BucketName: 'cw-bucket', CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/cloudtrail/audit:*`, CloudWatchLogsRoleArn: role }));
      await ct.send(new CT.StartLoggingCommand({ Name: 'cw-trail' }));
      await s3.send(new S3.PutBucketVersioningCommand({ Bucket: 'cw-bucket', VersioningConfiguration: { Status: 'Enabled' } }));
      await emu.flush();
      const streams = (await logs.send(new Logs.DescribeLogStreamsCommand({ logGroupName: '/aws/cloudtrail/audit' }))).logStreams!;
      expect(streams.map((s) => s.logStreamName)).toEqual([`${ACCOUNT}_CloudTrail_us-east-1`]);
      const events = (await logs.send(new Logs.GetLogEventsCommand({ logGroupName: '/aws/cloudtrail/audit', logStreamName: `${ACCOUNT}_CloudTrail_us-east-1`, startFromHead: true }))).events!;
      expect(events.map((e) => JSON.parse(e.message!).eventName)).toEqual(['StartLogging', 'PutBucketVersioning']);
      const status = await ct.send(new CT.GetTrailStatusCommand({ Name: 'cw-trail' }));
      expect(status.LatestCloudWatchLogsDeliveryTime).toBeInstanceOf(Date);
      expect(status.LatestCloudWatchLogsDeliveryError).toBeUndefined();
      const metrics = await new CloudWatchClient(config).send(new ListMetricsCommand({ Namespace: 'CISBenchmark' }));
      expect(metrics.Metrics!.map((m) => m.MetricName)).toEqual(['S3BucketChanges']);

      // A deleted log group shows up as a delivery error.
      await logs.send(new Logs.DeleteLogGroupCommand({ logGroupName: '/aws/cloudtrail/audit' }));
      await s3.send(new S3.PutBucketVersioningCommand({ Bucket: 'cw-bucket', VersioningConfiguration: { Status: 'Suspended' } }));
      await emu.flush();
      expect((await ct.send(new CT.GetTrailStatusCommand({ Name: 'cw-trail' }))).LatestCloudWatchLogsDeliveryError).toMatch(/log group does not exist/);
    } finally {
      await emu.stop();
    }
  });
});
