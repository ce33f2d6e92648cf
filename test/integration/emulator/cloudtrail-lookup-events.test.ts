/**
 * LookupEvents over the record of every call the emulator served, through the real clients over
 * HTTP: the record format (identities, parameters with secrets hidden, errors, resources), every
 * lookup attribute, time ranges, pagination, validation errors, and the scope of the history
 * (account, region, management events only, bounded).
 */
import * as CT from '@aws-sdk/client-cloudtrail';
import * as I from '@aws-sdk/client-iam';
import { CreateBucketCommand, DeleteBucketPolicyCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsServiceError, optionsFromEnv, type RunningEmulator } from '../../../src/emulator/index.ts';
import { record, s3Client } from './cloudtrail-support.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const ACCOUNT = '210987654321';
const ROOT = { accessKeyId: ACCOUNT, secretAccessKey: 'x' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('CloudTrail LookupEvents', () => {
  let emu: RunningEmulator;
  let clock = Date.parse('2026-03-01T10:00:00Z');
  let ct: CT.CloudTrailClient;
  let iam: I.IAMClient;

  /** Moves the emulator's clock (events are stamped with it). */
  const at = (iso: string) => (clock = Date.parse(iso));
  const lookup = (input: CT.LookupEventsRequest = {}, client = ct) => client.send(new CT.LookupEventsCommand(input));
  const byName = async (name: string, client = ct) => (await lookup({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: name }] }, client)).Events ?? [];

  beforeAll(async () => {
    emu = await emulator({
      now: () => clock,
      // A stand-in for IAM enforcement: the user "intern" may not delete bucket policies.
      hooks: {
        authorize: [(call) => {
          if (call.operation === 'DeleteBucketPolicy' && call.principal?.userName === 'intern') {
            throw new AwsServiceError('AccessDenied', `User: ${call.principal.arn} is not authorized to perform: s3:DeleteBucketPolicy on resource: "arn:aws:s3:::${String(call.input?.Bucket)}" because no identity-based policy allows the s3:DeleteBucketPolicy action`, { status: 403 });
          }
        }],
      },
    });
    ct = new CT.CloudTrailClient(clientConfig(emu.url, ROOT));
    iam = new I.IAMClient(clientConfig(emu.url, ROOT));
  });
  afterAll(async () => emu.stop());

  it('records a management call with AWS\'s record format', async () => {
    at('2026-03-01T10:00:05.250Z');
    const created = await iam.send(new I.CreateUserCommand({ UserName: 'alice', Tags: [{ Key: 'team', Value: 'ml' }] }));
    at('2026-03-01T10:00:06Z');
    const [event] = await byName('CreateUser');
    expect(event).toMatchObject({ EventName: 'CreateUser', ReadOnly: 'false', AccessKeyId: ACCOUNT, EventSource: 'iam.amazonaws.com', Username: 'root' });
    expect(event!.EventTime).toEqual(new Date('2026-03-01T10:00:05Z'));
    expect(event!.Resources).toEqual([{ ResourceType: 'AWS::IAM::User', ResourceName: 'alice' }]);
    const r = record(event);
    expect(Object.keys(r)).toEqual([
      'eventVersion', 'userIdentity', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent', 'requestParameters',
      'responseElements', 'requestID', 'eventID', 'readOnly', 'resources', 'eventType', 'managementEvent', 'recipientAccountId', 'eventCategory',
    ]);
    expect(r).toMatchObject({
      eventVersion: '1.11',
      userIdentity: { type: 'Root', principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT, accessKeyId: ACCOUNT },
      eventTime: '2026-03-01T10:00:05Z',
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateUser',
      awsRegion: 'us-east-1',
      sourceIPAddress: '127.0.0.1',
      requestParameters: { userName: 'alice', tags: [{ key: 'team', value: 'ml' }] },
      requestID: created.$metadata.requestId,
      eventID: event!.EventId,
      readOnly: false,
      resources: [{ accountId: ACCOUNT, type: 'AWS::IAM::User', ARN: `arn:aws:iam::${ACCOUNT}:user/alice` }],
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: ACCOUNT,
      eventCategory: 'Management',
    });
    expect(r.eventID).toMatch(UUID);
    expect(r.userAgent).toMatch(/aws-sdk-js/);
    expect(r.responseElements.user).toMatchObject({ userName: 'alice', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, createDate: 'Mar 1, 2026, 10:00:05 AM' });
  });

  it('records reads with null responseElements and failures with their error code', async () => {
    at('2026-03-01T10:01:00Z');
    await iam.send(new I.GetUserCommand({ UserName: 'alice' }));
    await awsError(() => iam.send(new I.GetUserCommand({ UserName: 'nobody' })));
    await awsError(() => iam.send(new I.CreateUserCommand({ UserName: 'bad name!' })));
    const gets = await byName('GetUser');
    expect(gets).toHaveLength(2);
    const [failed, ok] = gets.map(record);
    expect(ok).toMatchObject({ readOnly: true, requestParameters: { userName: 'alice' }, responseElements: null });
    expect(ok!.errorCode).toBeUndefined();
    expect(failed).toMatchObject({ errorCode: 'NoSuchEntity', errorMessage: 'The user with name nobody cannot be found.', responseElements: null });
    expect(Object.keys(failed!).indexOf('errorCode')).toBe(Object.keys(failed!).indexOf('userAgent') + 1);
    const invalid = record((await byName('CreateUser'))[0]);
    expect(invalid).toMatchObject({ errorCode: 'ValidationError', requestParameters: { userName: 'bad name!' } });
    expect(invalid.errorMessage).toMatch(/failed to satisfy constraint/);
  });

  it('names the IAM user, the access key and an AccessDenied error', async () => {
    at('2026-03-01T10:02:00Z');
    await iam.send(new I.CreateUserCommand({ UserName: 'intern' }));
    const key = (await iam.send(new I.CreateAccessKeyCommand({ UserName: 'intern' }))).AccessKey!;
    const creds = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    const s3 = s3Client(S3Client, clientConfig(emu.url, creds));
    await s3.send(new CreateBucketCommand({ Bucket: 'intern-bucket' }));
    const denied = await awsError(() => s3.send(new DeleteBucketPolicyCommand({ Bucket: 'intern-bucket' })));
    expect(denied.name).toBe('AccessDenied');

    const r = record((await byName('DeleteBucketPolicy'))[0]);
    expect(r.userIdentity).toEqual({ type: 'IAMUser', principalId: expect.stringMatching(/^AIDA/), arn: `arn:aws:iam::${ACCOUNT}:user/intern`, accountId: ACCOUNT, accessKeyId: key.AccessKeyId, userName: 'intern' });
    expect(r).toMatchObject({ errorCode: 'AccessDenied', eventSource: 's3.amazonaws.com', requestParameters: { policy: '', bucketName: 'intern-bucket' } });
    expect(r.errorMessage).toContain('is not authorized to perform: s3:DeleteBucketPolicy');
    expect((await lookup({ LookupAttributes: [{ AttributeKey: 'AccessKeyId', AttributeValue: key.AccessKeyId! }] })).Events?.map((e) => e.EventName)).toEqual(['DeleteBucketPolicy', 'CreateBucket']);
    expect((await lookup({ LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'intern' }] })).Events?.map((e) => e.EventName)).toEqual(['DeleteBucketPolicy', 'CreateBucket']);

    // The new key's secret never reaches the record.
    const keyEvent = record((await byName('CreateAccessKey'))[0]);
    expect(keyEvent.responseElements.accessKey).toMatchObject({ accessKeyId: key.AccessKeyId, secretAccessKey: 'HIDDEN_DUE_TO_SECURITY_REASONS', userName: 'intern' });
    expect(JSON.stringify(keyEvent)).not.toContain(key.SecretAccessKey);
  });

  it('hides passwords and session credentials', async () => {
    at('2026-03-01T10:03:00Z');
    await iam.send(new I.CreateLoginProfileCommand({ UserName: 'alice', Password: 'Sup3r-Secret!pw' }));
    const profile = record((await byName('CreateLoginProfile'))[0]);
    expect(profile.requestParameters).toEqual({ userName: 'alice', password: 'HIDDEN_DUE_TO_SECURITY_REASONS' });

    await iam.send(new I.CreateRoleCommand({ RoleName: 'DataScientist', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] }) }));
    const session = await new STSClient(clientConfig(emu.url, ROOT)).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/DataScientist`, RoleSessionName: 'maria' }));
    const assume = record((await byName('AssumeRole'))[0]);
    expect(assume).toMatchObject({ readOnly: true, eventSource: 'sts.amazonaws.com', resources: [{ type: 'AWS::IAM::Role', ARN: `arn:aws:iam::${ACCOUNT}:role/DataScientist` }] });
    expect(JSON.stringify(assume)).not.toContain(session.Credentials!.SecretAccessKey);
    expect(JSON.stringify(assume)).not.toContain(session.Credentials!.SessionToken);
    // The temporary key id stays visible: it links the session's later calls to this AssumeRole.
    expect(assume.responseElements.credentials).toEqual({ accessKeyId: session.Credentials!.AccessKeyId, secretAccessKey: 'HIDDEN_DUE_TO_SECURITY_REASONS', sessionToken: 'HIDDEN_DUE_TO_SECURITY_REASONS', expiration: expect.stringMatching(/^Mar 1, 2026, 11:03:00 AM$/) });
    expect(assume.responseElements.assumedRoleUser).toMatchObject({ arn: `arn:aws:sts::${ACCOUNT}:assumed-role/DataScientist/maria` });
  });

  it('records an assumed role with its session context and session name as Username', async () => {
    at('2026-03-01T10:04:00Z');
    const session = await new STSClient(clientConfig(emu.url, ROOT)).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/DataScientist`, RoleSessionName: 'jonas' }));
    const creds = { accessKeyId: session.Credentials!.AccessKeyId!, secretAccessKey: session.Credentials!.SecretAccessKey!, sessionToken: session.Credentials!.SessionToken! };
    at('2026-03-01T10:04:30Z');
    await new STSClient(clientConfig(emu.url, creds)).send(new GetCallerIdentityCommand({}));
    const [event] = (await lookup({ LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'jonas' }] })).Events ?? [];
    expect(event).toMatchObject({ EventName: 'GetCallerIdentity', Username: 'jonas', AccessKeyId: creds.accessKeyId });
    const r = record(event);
    expect(r.userIdentity).toEqual({
      type: 'AssumedRole',
      principalId: expect.stringMatching(/^AROA[A-Z2-7]+:jonas$/),
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/DataScientist/jonas`,
      accountId: ACCOUNT,
      accessKeyId: creds.accessKeyId,
      sessionContext: {
        sessionIssuer: { type: 'Role', principalId: expect.stringMatching(/^AROA/), arn: `arn:aws:iam::${ACCOUNT}:role/DataScientist`, accountId: ACCOUNT, userName: 'DataScientist' },
        webIdFederationData: {},
        attributes: { creationDate: '2026-03-01T10:04:00Z', mfaAuthenticated: 'false' },
      },
    });
    expect(r.requestParameters).toBeNull();
  });

  it('finds events by every lookup attribute', async () => {
    at('2026-03-01T10:05:00Z');
    const [createUser] = await byName('CreateUser');
    const one = async (key: CT.LookupAttributeKey, value: string) => (await lookup({ LookupAttributes: [{ AttributeKey: key, AttributeValue: value }] })).Events ?? [];
    expect((await one('EventId', createUser!.EventId!)).map((e) => e.EventId)).toEqual([createUser!.EventId]);
    expect((await one('EventName', 'CreateRole')).map((e) => e.EventName)).toEqual(['CreateRole']);
    expect((await one('ReadOnly', 'false')).every((e) => e.ReadOnly === 'false')).toBe(true);
    expect((await one('ReadOnly', 'true')).every((e) => e.ReadOnly === 'true')).toBe(true);
    expect((await one('Username', 'root')).length).toBeGreaterThan(5);
    expect((await one('ResourceType', 'AWS::IAM::Role')).map((e) => e.EventName)).toEqual(['AssumeRole', 'AssumeRole', 'CreateRole']);
    expect((await one('ResourceName', 'intern-bucket')).map((e) => e.EventName)).toEqual(['DeleteBucketPolicy', 'CreateBucket']);
    expect((await one('ResourceName', 'arn:aws:s3:::intern-bucket')).map((e) => e.EventName)).toEqual(['DeleteBucketPolicy', 'CreateBucket']);
    expect((await one('EventSource', 'sts.amazonaws.com')).map((e) => e.EventName)).toEqual(['GetCallerIdentity', 'AssumeRole', 'AssumeRole']);
    expect(await one('EventName', 'NoSuchOperation')).toEqual([]);
  });

  it('limits lookups to a time range, newest first', async () => {
    const events = async (start?: string, end?: string) => (await lookup({ StartTime: start ? new Date(start) : undefined, EndTime: end ? new Date(end) : undefined, LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'root' }] })).Events ?? [];
    const window = await events('2026-03-01T10:02:00Z', '2026-03-01T10:03:00Z');
    expect(window.length).toBeGreaterThan(0);
    expect(window.every((e) => e.EventTime! >= new Date('2026-03-01T10:02:00Z') && e.EventTime! <= new Date('2026-03-01T10:03:00Z'))).toBe(true);
    const times = window.map((e) => e.EventTime!.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(await events('2026-03-02T00:00:00Z')).toEqual([]);
    expect((await events(undefined, '2026-03-01T10:00:30Z')).map((e) => e.EventName)).toEqual(['LookupEvents', 'CreateUser']);
    const noAttribute = (await lookup({ StartTime: new Date('2026-03-01T10:04:00Z'), EndTime: new Date('2026-03-01T10:04:59Z') })).Events ?? [];
    expect(noAttribute.map((e) => e.EventName)).toEqual(expect.arrayContaining(['GetCallerIdentity', 'AssumeRole']));
  });

  it('pages with MaxResults and NextToken, a token continuing only its own query', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await lookup({ MaxResults: 3, NextToken: token, LookupAttributes: [{ AttributeKey: 'ReadOnly', AttributeValue: 'false' }] });
      expect(page.Events!.length).toBeLessThanOrEqual(3);
      seen.push(...page.Events!.map((e) => e.EventId!));
      token = page.NextToken;
    } while (token);
    const all = (await lookup({ LookupAttributes: [{ AttributeKey: 'ReadOnly', AttributeValue: 'false' }] })).Events!.map((e) => e.EventId!);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);

    const first = await lookup({ MaxResults: 1 });
    expect(first.NextToken).toBeDefined();
    const other = await awsError(() => lookup({ MaxResults: 1, NextToken: first.NextToken, LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateUser' }] }));
    expect(other.name).toBe('InvalidNextTokenException');
    expect((await awsError(() => lookup({ NextToken: 'not-a-token' }))).name).toBe('InvalidNextTokenException');
  });

  it('validates lookups as AWS does', async () => {
    const two = await awsError(() => lookup({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateUser' }, { AttributeKey: 'Username', AttributeValue: 'root' }] }));
    expect(two).toMatchObject({ name: 'InvalidLookupAttributesException' });
    expect(two.$metadata.httpStatusCode).toBe(400);
    const key = await awsError(() => lookup({ LookupAttributes: [{ AttributeKey: 'Color' as never, AttributeValue: 'red' }] }));
    expect(key.name).toBe('ValidationException');
    expect(key.message).toBe("1 validation error detected: Value 'Color' at 'lookupAttributes.1.member.attributeKey' failed to satisfy constraint: Member must satisfy enum value set: [EventId, EventName, ReadOnly, Username, ResourceType, ResourceName, EventSource, AccessKeyId]");
    const empty = await awsError(() => lookup({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: '' }] }));
    expect(empty.name).toBe('ValidationException');
    expect((await awsError(() => lookup({ LookupAttributes: [{ AttributeKey: 'ReadOnly', AttributeValue: 'yes' }] }))).name).toBe('InvalidLookupAttributesException');
    expect((await awsError(() => lookup({ MaxResults: 51 }))).name).toBe('InvalidMaxResultsException');
    expect((await awsError(() => lookup({ MaxResults: 0 }))).name).toBe('InvalidMaxResultsException');
    const range = await awsError(() => lookup({ StartTime: new Date('2026-03-02T00:00:00Z'), EndTime: new Date('2026-03-01T00:00:00Z') }));
    expect(range.name).toBe('InvalidTimeRangeException');
    expect((await awsError(() => lookup({ EventCategory: 'management' as never }))).name).toBe('InvalidEventCategoryException');
    expect((await lookup({ EventCategory: 'insight' })).Events).toEqual([]);
  });

  it('keeps each account\'s and region\'s history apart, IAM events in us-east-1', async () => {
    at('2026-03-01T10:06:00Z');
    const other = new CT.CloudTrailClient(clientConfig(emu.url, { accessKeyId: '333344445555', secretAccessKey: 'x' }));
    expect(await byName('CreateUser', other)).toEqual([]);
    const westIam = new I.IAMClient(clientConfig(emu.url, ROOT, 'eu-west-1'));
    await westIam.send(new I.CreateGroupCommand({ GroupName: 'analysts' }));
    const west = new CT.CloudTrailClient(clientConfig(emu.url, ROOT, 'eu-west-1'));
    expect(await byName('CreateGroup', west)).toEqual([]);
    const group = record((await byName('CreateGroup'))[0]);
    expect(group.awsRegion).toBe('us-east-1');
    // Regional services stay in their region.
    await west.send(new CT.DescribeTrailsCommand({}));
    expect((await byName('DescribeTrails', west)).map((e) => record(e).awsRegion)).toEqual(['eu-west-1']);
    expect(await byName('DescribeTrails')).toEqual([]);
  });

  it('keeps S3 data events out of the event history and records LookupEvents itself', async () => {
    at('2026-03-01T10:07:00Z');
    const s3 = s3Client(S3Client, clientConfig(emu.url, ROOT));
    await s3.send(new CreateBucketCommand({ Bucket: 'training-data' }));
    await s3.send(new PutObjectCommand({ Bucket: 'training-data', Key: 'train.csv', Body: 'a,b\n1,2\n' }));
    await (await s3.send(new GetObjectCommand({ Bucket: 'training-data', Key: 'train.csv' }))).Body!.transformToString();
    expect(await byName('PutObject')).toEqual([]);
    expect(await byName('GetObject')).toEqual([]);
    expect((await byName('CreateBucket')).map((e) => record(e).requestParameters.bucketName)).toContain('training-data');
    expect((await byName('LookupEvents')).length).toBeGreaterThan(10);
  });

  it('never records the emulator\'s own routes', async () => {
    const first = await lookup({ MaxResults: 1 });
    await fetch(`${emu.url}/_localstack/health`);
    await fetch(`${emu.url}/_mlsec/status`);
    await fetch(`${emu.url}/_mlsec/accounts`, { method: 'POST', body: JSON.stringify({ accountId: '999988887777' }) });
    const [newest] = (await lookup({ MaxResults: 1 })).Events!;
    expect(record(newest)).toMatchObject({ eventName: 'LookupEvents', requestID: first.$metadata.requestId });
  });
});

describe('CloudTrail event history bounds', () => {
  it('keeps the newest historyLimit events per account and region', async () => {
    const emu = await emulator({ serviceSettings: { cloudtrail: { historyLimit: 5 } } });
    try {
      const iam = new I.IAMClient(clientConfig(emu.url, ROOT));
      for (let i = 0; i < 12; i++) await iam.send(new I.CreateGroupCommand({ GroupName: `g${i}` }));
      const events = (await new CT.CloudTrailClient(clientConfig(emu.url, ROOT)).send(new CT.LookupEventsCommand({}))).Events ?? [];
      expect(events.map((e) => record(e).requestParameters.groupName)).toEqual(['g11', 'g10', 'g9', 'g8', 'g7']);
      const status = (await (await fetch(`${emu.url}/_mlsec/status`)).json()) as { extensions: { cloudtrail: { historyLimit: number } } };
      expect(status.extensions.cloudtrail.historyLimit).toBe(5);
    } finally {
      await emu.stop();
    }
  });

  it('refuses a history limit that is not a positive number', async () => {
    await expect(emulator({ serviceSettings: { cloudtrail: { historyLimit: 0 } } })).rejects.toThrow(/historyLimit=0 must be a positive number/);
  });

  it('reads the limit from MLSEC_EMULATOR_CLOUDTRAIL_HISTORY_LIMIT', () => {
    expect(optionsFromEnv({ MLSEC_EMULATOR_CLOUDTRAIL_HISTORY_LIMIT: '2500' }).serviceSettings).toEqual({ cloudtrail: { historyLimit: 2500 } });
    expect(optionsFromEnv({}).serviceSettings).toEqual({});
    expect(() => optionsFromEnv({ MLSEC_EMULATOR_CLOUDTRAIL_HISTORY_LIMIT: 'lots' })).toThrow('MLSEC_EMULATOR_CLOUDTRAIL_HISTORY_LIMIT="lots" is not a whole number of events (1 or more).');
  });
});
