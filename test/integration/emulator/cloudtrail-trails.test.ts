/**
 * CloudTrail trails through the real CloudTrail client over HTTP: create/update/delete/get,
 * describe with shadow trails, list, logging status, event and Insights selectors, tags, and the
 * errors AWS answers with (codes, statuses, messages).
 */
import * as CT from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import * as KMS from '@aws-sdk/client-kms';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { createTrailBucket, createTrailKey, s3Client } from './cloudtrail-support.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const ACCOUNT = '123456789012';
const KEYS = { accessKeyId: ACCOUNT, secretAccessKey: 'x' };

describe('CloudTrail trails', () => {
  let emu: RunningEmulator;
  let ct: CT.CloudTrailClient;
  let west: CT.CloudTrailClient;
  let s3: S3Client;

  beforeAll(async () => {
    emu = await emulator();
    ct = new CT.CloudTrailClient(clientConfig(emu.url, KEYS));
    west = new CT.CloudTrailClient(clientConfig(emu.url, KEYS, 'eu-west-1'));
    s3 = s3Client(S3Client, clientConfig(emu.url, KEYS));
    await createTrailBucket(s3, 'audit-logs', ACCOUNT);
    await createTrailBucket(s3, 'prefixed-logs', ACCOUNT, 'org/trails');
  });
  afterAll(async () => emu.stop());

  it('creates a trail with AWS defaults and shows it in Get/Describe/List', async () => {
    const created = await ct.send(new CT.CreateTrailCommand({ Name: 'basic', S3BucketName: 'audit-logs' }));
    expect(created).toMatchObject({
      Name: 'basic',
      S3BucketName: 'audit-logs',
      IncludeGlobalServiceEvents: true,
      IsMultiRegionTrail: false,
      TrailARN: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/basic`,
      LogFileValidationEnabled: false,
      IsOrganizationTrail: false,
    });
    expect(created.KmsKeyId).toBeUndefined();
    const { Trail } = await ct.send(new CT.GetTrailCommand({ Name: 'basic' }));
    expect(Trail).toMatchObject({ Name: 'basic', HomeRegion: 'us-east-1', HasCustomEventSelectors: false, HasInsightSelectors: false });
    expect((await ct.send(new CT.GetTrailCommand({ Name: created.TrailARN }))).Trail?.Name).toBe('basic');
    const listed = await ct.send(new CT.ListTrailsCommand({}));
    expect(listed.Trails).toContainEqual({ TrailARN: created.TrailARN, Name: 'basic', HomeRegion: 'us-east-1' });
    // A trail created through the API does not log until StartLogging.
    expect((await ct.send(new CT.GetTrailStatusCommand({ Name: 'basic' }))).IsLogging).toBe(false);
    await ct.send(new CT.DeleteTrailCommand({ Name: 'basic' }));
  });

  it('validates trail names with AWS messages', async () => {
    const cases: [string, string][] = [
      ['ab', 'Trail name too short. Minimum allowed length: 3 characters. Specified name length: 2 characters.'],
      ['a'.repeat(129), 'Trail name too long. Maximum allowed length: 128 characters. Specified name length: 129 characters.'],
      ['-trail', 'Trail name must starts with a letter or number.'],
      ['trail!', 'Trail name must ends with a letter or number.'],
      ['my#trail', 'Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).'],
      ['my--trail', 'Trail name or ARN cannot have adjacent periods (.), hyphens (-), or underscores (_).'],
      ['192.168.5.4', 'Trail name must not be formatted as an IP address.'],
    ];
    for (const [name, message] of cases) {
      const e = await awsError(() => ct.send(new CT.CreateTrailCommand({ Name: name, S3BucketName: 'audit-logs' })));
      expect(e.name, name).toBe('InvalidTrailNameException');
      expect(e.message, name).toBe(message);
      expect(e.$metadata.httpStatusCode).toBe(400);
    }
  });

  it('refuses duplicates, missing buckets and bucket policies that do not let CloudTrail write', async () => {
    await ct.send(new CT.CreateTrailCommand({ Name: 'dupe', S3BucketName: 'audit-logs' }));
    const dupe = await awsError(() => ct.send(new CT.CreateTrailCommand({ Name: 'dupe', S3BucketName: 'audit-logs' })));
    expect(dupe.name).toBe('TrailAlreadyExistsException');
    expect(dupe.message).toBe(`Trail dupe already exists for customer: ${ACCOUNT}`);
    await ct.send(new CT.DeleteTrailCommand({ Name: 'dupe' }));

    const missing = await awsError(() => ct.send(new CT.CreateTrailCommand({ Name: 'nobucket', S3BucketName: 'no-such-bucket-here' })));
    expect(missing.name).toBe('S3BucketDoesNotExistException');

    await s3.send(new CreateBucketCommand({ Bucket: 'no-policy-logs' }));
    const noPolicy = await awsError(() => ct.send(new CT.CreateTrailCommand({ Name: 'nopolicy', S3BucketName: 'no-policy-logs' })));
    expect(noPolicy.name).toBe('InsufficientS3BucketPolicyException');
    expect(noPolicy.message).toBe('Incorrect S3 bucket policy is detected for bucket: no-policy-logs');

    // Allows only GetBucketAcl: still insufficient.
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'no-policy-logs', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: 'arn:aws:s3:::no-policy-logs' }] }) }));
    expect((await awsError(() => ct.send(new CT.CreateTrailCommand({ Name: 'nopolicy', S3BucketName: 'no-policy-logs' })))).name).toBe('InsufficientS3BucketPolicyException');

    // A policy for a different prefix does not cover the trail's S3KeyPrefix.
    const wrongPrefix = await awsError(() => ct.send(new CT.CreateTrailCommand({ Name: 'wrongprefix', S3BucketName: 'prefixed-logs', S3KeyPrefix: 'other' })));
    expect(wrongPrefix.name).toBe('InsufficientS3BucketPolicyException');
    const prefixed = await ct.send(new CT.CreateTrailCommand({ Name: 'prefixed', S3BucketName: 'prefixed-logs', S3KeyPrefix: 'org/trails' }));
    expect(prefixed.S3KeyPrefix).toBe('org/trails');

    // An explicit Deny for CloudTrail wins over the Allow.
    await s3.send(new CreateBucketCommand({ Bucket: 'denied-logs' }));
    const allow = JSON.parse((await import('./cloudtrail-support.ts')).trailBucketPolicy('denied-logs', ACCOUNT)) as { Statement: unknown[] };
    allow.Statement.push({ Effect: 'Deny', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::denied-logs/*' });
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'denied-logs', Policy: JSON.stringify(allow) }));
    expect((await awsError(() => ct.send(new CT.CreateTrailCommand({ Name: 'denied', S3BucketName: 'denied-logs' })))).name).toBe('InsufficientS3BucketPolicyException');
    await ct.send(new CT.DeleteTrailCommand({ Name: 'prefixed' }));
  });

  it('accepts a TLS-only deny and an aws:SourceArn condition naming the trail', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'strict-logs' }));
    const arn = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/strict`;
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: 'arn:aws:s3:::strict-logs', Condition: { StringEquals: { 'aws:SourceArn': arn } } },
        { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::strict-logs/AWSLogs/${ACCOUNT}/*`, Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': arn } } },
        { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::strict-logs', 'arn:aws:s3:::strict-logs/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ],
    };
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'strict-logs', Policy: JSON.stringify(policy) }));
    // The SourceArn names trail "strict": another trail name is refused, "strict" accepted.
    expect((await awsError(() => ct.send(new CT.CreateTrailCommand({ Name: 'other', S3BucketName: 'strict-logs' })))).name).toBe('InsufficientS3BucketPolicyException');
    expect((await ct.send(new CT.CreateTrailCommand({ Name: 'strict', S3BucketName: 'strict-logs' }))).TrailARN).toBe(arn);
    await ct.send(new CT.DeleteTrailCommand({ Name: 'strict' }));
  });

  it('checks CloudWatch Logs settings together, in this region, with a role CloudTrail may assume', async () => {
    const group = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:CloudTrail/audit:*`;
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/CloudTrailToLogs`;
    await new CloudWatchLogsClient(clientConfig(emu.url, KEYS)).send(new CreateLogGroupCommand({ logGroupName: 'CloudTrail/audit' }));
    const onlyGroup = await awsError(() => ct.send(new CT.CreateTrailCommand({ Name: 'cw-trail', S3BucketName: 'audit-logs', CloudWatchLogsLogGroupArn: group })));
    expect(onlyGroup.name).toBe('InvalidCloudWatchLogsRoleArnException');
    const onlyRole = await awsError(() => ct.send(new CT.CreateTrailCommand({ Name: 'cw-trail', S3BucketName: 'audit-logs', CloudWatchLogsRoleArn: roleArn })));
    expect(onlyRole.name).toBe('InvalidCloudWatchLogsLogGroupArnException');
    const otherRegion = await awsError(() => ct.send(new CT.CreateTrailCommand({ Name: 'cw-trail', S3BucketName: 'audit-logs', CloudWatchLogsLogGroupArn: group.replace('us-east-1', 'eu-west-1'), CloudWatchLogsRoleArn: roleArn })));
    expect(otherRegion).toMatchObject({ name: 'InvalidCloudWatchLogsLogGroupArnException', message: 'You must specify a log group that is in the current region.' });
    const garbage = await awsError(() => ct.send(new CT.CreateTrailCommand({ Name: 'cw-trail', S3BucketName: 'audit-logs', CloudWatchLogsLogGroupArn: 'not-an-arn', CloudWatchLogsRoleArn: roleArn })));
    expect(garbage).toMatchObject({ name: 'InvalidCloudWatchLogsLogGroupArnException', message: 'CloudTrail cannot validate the specified log group ARN.' });
    const noRole = await awsError(() => ct.send(new CT.CreateTrailCommand({ Name: 'cw-trail', S3BucketName: 'audit-logs', CloudWatchLogsLogGroupArn: group, CloudWatchLogsRoleArn: roleArn })));
    expect(noRole).toMatchObject({ name: 'InvalidCloudWatchLogsRoleArnException', message: 'Access denied. Verify in IAM that the role has adequate permissions.' });

    const iam = new IAMClient(clientConfig(emu.url, KEYS));
    await iam.send(new CreateRoleCommand({ RoleName: 'CloudTrailToLogs', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }));
    const created = await ct.send(new CT.CreateTrailCommand({ Name: 'cw-trail', S3BucketName: 'audit-logs', CloudWatchLogsLogGroupArn: group, CloudWatchLogsRoleArn: roleArn }));
    expect(created).toMatchObject({ CloudWatchLogsLogGroupArn: group, CloudWatchLogsRoleArn: roleArn });
    // Empty strings switch delivery off again.
    const updated = await ct.send(new CT.UpdateTrailCommand({ Name: 'cw-trail', CloudWatchLogsLogGroupArn: '', CloudWatchLogsRoleArn: '' }));
    expect(updated.CloudWatchLogsLogGroupArn).toBeUndefined();
    await ct.send(new CT.DeleteTrailCommand({ Name: 'cw-trail' }));
  });

  it('stores a KMS key as an ARN and refuses malformed ones', async () => {
    const kms = new KMS.KMSClient(clientConfig(emu.url, KEYS));
    const { KeyId: keyId } = await createTrailKey(kms, ACCOUNT);
    const created = await ct.send(new CT.CreateTrailCommand({ Name: 'encrypted', S3BucketName: 'audit-logs', KmsKeyId: keyId }));
    expect(created.KmsKeyId).toBe(`arn:aws:kms:us-east-1:${ACCOUNT}:key/${keyId}`);
    // An alias is stored as the ARN of the key it names, as CreateTrail/UpdateTrail report it.
    const aliased = await createTrailKey(kms, ACCOUNT, 'alias/cloudtrail');
    const alias = await ct.send(new CT.UpdateTrailCommand({ Name: 'encrypted', KmsKeyId: 'alias/cloudtrail' }));
    expect(alias.KmsKeyId).toBe(aliased.Arn);
    const bad = await awsError(() => ct.send(new CT.UpdateTrailCommand({ Name: 'encrypted', KmsKeyId: 'not a key!' })));
    expect(bad.name).toBe('InvalidKmsKeyIdException');
    const cleared = await ct.send(new CT.UpdateTrailCommand({ Name: 'encrypted', KmsKeyId: '' }));
    expect(cleared.KmsKeyId).toBeUndefined();
    await ct.send(new CT.DeleteTrailCommand({ Name: 'encrypted' }));
  });

  it('updates a trail in place and refuses a multi-Region trail without global service events', async () => {
    await ct.send(new CT.CreateTrailCommand({ Name: 'evolving', S3BucketName: 'audit-logs' }));
    const updated = await ct.send(new CT.UpdateTrailCommand({ Name: 'evolving', IsMultiRegionTrail: true, EnableLogFileValidation: true, SnsTopicName: 'trail-topic' }));
    expect(updated).toMatchObject({ IsMultiRegionTrail: true, LogFileValidationEnabled: true, SnsTopicName: 'trail-topic', SnsTopicARN: `arn:aws:sns:us-east-1:${ACCOUNT}:trail-topic` });
    const combination = await awsError(() => ct.send(new CT.UpdateTrailCommand({ Name: 'evolving', IncludeGlobalServiceEvents: false })));
    expect(combination.name).toBe('InvalidParameterCombinationException');
    const createCombination = await awsError(() => ct.send(new CT.CreateTrailCommand({ Name: 'nope', S3BucketName: 'audit-logs', IsMultiRegionTrail: true, IncludeGlobalServiceEvents: false })));
    expect(createCombination.name).toBe('InvalidParameterCombinationException');
    const org = await awsError(() => ct.send(new CT.CreateTrailCommand({ Name: 'org', S3BucketName: 'audit-logs', IsOrganizationTrail: true })));
    expect(org.name).toBe('OrganizationsNotInUseException');
    await ct.send(new CT.DeleteTrailCommand({ Name: 'evolving' }));
  });

  it('shows multi-Region trails as shadow trails elsewhere, changeable only from home', async () => {
    const created = await ct.send(new CT.CreateTrailCommand({ Name: 'everywhere', S3BucketName: 'audit-logs', IsMultiRegionTrail: true }));
    await ct.send(new CT.CreateTrailCommand({ Name: 'local-only', S3BucketName: 'audit-logs' }));
    const shadows = await west.send(new CT.DescribeTrailsCommand({}));
    expect(shadows.trailList?.map((t) => [t.Name, t.HomeRegion])).toEqual([['everywhere', 'us-east-1']]);
    expect((await west.send(new CT.DescribeTrailsCommand({ includeShadowTrails: false }))).trailList).toEqual([]);
    expect((await west.send(new CT.DescribeTrailsCommand({ trailNameList: [created.TrailARN!] }))).trailList?.[0]?.Name).toBe('everywhere');
    expect((await west.send(new CT.ListTrailsCommand({}))).Trails?.map((t) => t.Name)).toEqual(['everywhere']);
    expect((await west.send(new CT.GetTrailStatusCommand({ Name: created.TrailARN }))).IsLogging).toBe(false);
    // By name, from another region: unknown there.
    const byName = await awsError(() => west.send(new CT.UpdateTrailCommand({ Name: 'everywhere', EnableLogFileValidation: true })));
    expect(byName).toMatchObject({ name: 'TrailNotFoundException', message: `Unknown trail: arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/everywhere for the user: ${ACCOUNT}` });
    // By ARN, from another region: must be called from the home region.
    const byArn = await awsError(() => west.send(new CT.StartLoggingCommand({ Name: created.TrailARN })));
    expect(byArn).toMatchObject({ name: 'InvalidHomeRegionException', message: 'This operation must be called from the region in which the trail was created.' });
    // A single-Region trail is not visible elsewhere even by ARN.
    expect((await awsError(() => west.send(new CT.GetTrailCommand({ Name: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/local-only` })))).name).toBe('TrailNotFoundException');
    await ct.send(new CT.DeleteTrailCommand({ Name: 'everywhere' }));
    await ct.send(new CT.DeleteTrailCommand({ Name: 'local-only' }));
  });

  it('allows five trails per region, counting other regions\' multi-Region trails', async () => {
    await west.send(new CT.CreateTrailCommand({ Name: 'west-multi', S3BucketName: 'audit-logs', IsMultiRegionTrail: true }));
    for (let i = 0; i < 4; i++) await ct.send(new CT.CreateTrailCommand({ Name: `t${i}-trail`, S3BucketName: 'audit-logs' }));
    const sixth = await awsError(() => ct.send(new CT.CreateTrailCommand({ Name: 'sixth', S3BucketName: 'audit-logs' })));
    expect(sixth).toMatchObject({ name: 'MaximumNumberOfTrailsExceededException', message: `User: ${ACCOUNT} already has 5 trails in us-east-1.` });
    for (let i = 0; i < 4; i++) await ct.send(new CT.DeleteTrailCommand({ Name: `t${i}-trail` }));
    await west.send(new CT.DeleteTrailCommand({ Name: 'west-multi' }));
  });

  it('starts and stops logging, reporting times in GetTrailStatus', async () => {
    await ct.send(new CT.CreateTrailCommand({ Name: 'switch', S3BucketName: 'audit-logs' }));
    await ct.send(new CT.StartLoggingCommand({ Name: 'switch' }));
    const on = await ct.send(new CT.GetTrailStatusCommand({ Name: 'switch' }));
    expect(on.IsLogging).toBe(true);
    expect(on.StartLoggingTime).toBeInstanceOf(Date);
    expect(on.TimeLoggingStarted).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(on.TimeLoggingStopped).toBe('');
    expect(on.LatestNotificationAttemptTime).toBe('');
    await ct.send(new CT.StopLoggingCommand({ Name: 'switch' }));
    const off = await ct.send(new CT.GetTrailStatusCommand({ Name: 'switch' }));
    expect(off.IsLogging).toBe(false);
    expect(off.StopLoggingTime).toBeInstanceOf(Date);
    const missing = await awsError(() => ct.send(new CT.GetTrailStatusCommand({ Name: 'ghost-trail' })));
    expect(missing).toMatchObject({ name: 'TrailNotFoundException', message: `Unknown trail: arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/ghost-trail for the user: ${ACCOUNT}` });
    expect(missing.$metadata.httpStatusCode).toBe(400);
    await ct.send(new CT.DeleteTrailCommand({ Name: 'switch' }));
    expect((await awsError(() => ct.send(new CT.DeleteTrailCommand({ Name: 'switch' })))).name).toBe('TrailNotFoundException');
  });

  it('puts and gets classic event selectors with S3 data resources', async () => {
    await ct.send(new CT.CreateTrailCommand({ Name: 'selective', S3BucketName: 'audit-logs' }));
    const defaults = await ct.send(new CT.GetEventSelectorsCommand({ TrailName: 'selective' }));
    expect(defaults.EventSelectors).toEqual([{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }]);
    const put = await ct.send(new CT.PutEventSelectorsCommand({
      TrailName: 'selective',
      EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::model-artifacts/'] }] }],
    }));
    expect(put.TrailARN).toBe(`arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/selective`);
    expect(put.EventSelectors?.[0]).toMatchObject({ ReadWriteType: 'WriteOnly', DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::model-artifacts/'] }] });
    expect((await ct.send(new CT.GetTrailCommand({ Name: 'selective' }))).Trail?.HasCustomEventSelectors).toBe(true);

    const wildcard = await awsError(() => ct.send(new CT.PutEventSelectorsCommand({ TrailName: 'selective', EventSelectors: [{ DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::*/*'] }] }] })));
    expect(wildcard).toMatchObject({ name: 'InvalidEventSelectorsException', message: 'Value arn:aws:s3:::*/* for DataResources.Values is invalid.' });
    const type = await awsError(() => ct.send(new CT.PutEventSelectorsCommand({ TrailName: 'selective', EventSelectors: [{ DataResources: [{ Type: 'AWS::S3::Bucket', Values: ['arn:aws:s3:::x/'] }] }] })));
    expect(type.message).toBe('Value AWS::S3::Bucket for DataResources.Type is invalid. Valid values are: AWS::DynamoDB::Table, AWS::Lambda::Function, AWS::S3::Object');
    const six = await awsError(() => ct.send(new CT.PutEventSelectorsCommand({ TrailName: 'selective', EventSelectors: Array.from({ length: 6 }, () => ({ ReadWriteType: 'All' as const })) })));
    expect(six.name).toBe('InvalidEventSelectorsException');
    const rw = await awsError(() => ct.send(new CT.PutEventSelectorsCommand({ TrailName: 'selective', EventSelectors: [{ ReadWriteType: 'Sometimes' as never }] })));
    expect(rw.name).toBe('ValidationException');
    expect(rw.message).toContain("at 'eventSelectors.1.member.readWriteType' failed to satisfy constraint: Member must satisfy enum value set: [ReadOnly, WriteOnly, All]");
    const exclude = await awsError(() => ct.send(new CT.PutEventSelectorsCommand({ TrailName: 'selective', EventSelectors: [{ ExcludeManagementEventSources: ['s3.amazonaws.com'] }] })));
    expect(exclude.name).toBe('InvalidEventSelectorsException');
    const both = await awsError(() => ct.send(new CT.PutEventSelectorsCommand({ TrailName: 'selective', EventSelectors: [{}], AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }] })));
    expect(both.name).toBe('InvalidParameterCombinationException');
  });

  it('puts advanced event selectors (replacing classic ones) and validates them', async () => {
    const advanced: CT.AdvancedEventSelector[] = [
      { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
      { Name: 'Model bucket writes', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::model-artifacts/'] }, { Field: 'readOnly', Equals: ['false'] }] },
    ];
    const put = await ct.send(new CT.PutEventSelectorsCommand({ TrailName: 'selective', AdvancedEventSelectors: advanced }));
    expect(put.AdvancedEventSelectors).toEqual(advanced);
    expect(put.EventSelectors).toBeUndefined();
    const got = await ct.send(new CT.GetEventSelectorsCommand({ TrailName: 'selective' }));
    expect(got.AdvancedEventSelectors).toEqual(advanced);
    expect(got.EventSelectors).toBeUndefined();

    const bad: [CT.AdvancedEventSelector[], RegExp][] = [
      [[{ FieldSelectors: [{ Field: 'readOnly', Equals: ['true'] }] }], /must have an eventCategory field selector/],
      [[{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }] }], /resources\.type/],
      [[{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventName', Equals: ['PutObject'] }] }], /cannot be used .* for management events/],
      [[{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Bogus'] }] }], /Value Bogus for eventCategory is invalid/],
      [[{ FieldSelectors: [{ Field: 'eventCategory', StartsWith: ['Man'] }] }], /supports only the Equals operator/],
      [[{ FieldSelectors: [{ Field: 'color', Equals: ['red'] }, { Field: 'eventCategory', Equals: ['Management'] }] }], /Invalid field color/],
      [[{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, { Field: 'readOnly', Equals: ['maybe'] }] }], /accepts only "true" or "false"/],
    ];
    for (const [selectors, message] of bad) {
      const e = await awsError(() => ct.send(new CT.PutEventSelectorsCommand({ TrailName: 'selective', AdvancedEventSelectors: selectors })));
      expect(e.name).toBe('InvalidEventSelectorsException');
      expect(e.message).toMatch(message);
    }
  });

  it('puts and gets Insights selectors', async () => {
    const none = await awsError(() => ct.send(new CT.GetInsightSelectorsCommand({ TrailName: 'selective' })));
    expect(none.name).toBe('InsightNotEnabledException');
    const put = await ct.send(new CT.PutInsightSelectorsCommand({ TrailName: 'selective', InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }] }));
    expect(put.InsightSelectors).toEqual([{ InsightType: 'ApiCallRateInsight' }]);
    expect((await ct.send(new CT.GetInsightSelectorsCommand({ TrailName: 'selective' }))).InsightSelectors).toEqual([{ InsightType: 'ApiCallRateInsight' }]);
    expect((await ct.send(new CT.GetTrailCommand({ Name: 'selective' }))).Trail?.HasInsightSelectors).toBe(true);
    const bad = await awsError(() => ct.send(new CT.PutInsightSelectorsCommand({ TrailName: 'selective', InsightSelectors: [{ InsightType: 'Sparkles' as never }] })));
    expect(bad.name).toBe('InvalidInsightSelectorsException');
  });

  it('tags trails with AWS limits', async () => {
    const arn = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/selective`;
    await ct.send(new CT.AddTagsCommand({ ResourceId: arn, TagsList: [{ Key: 'Project', Value: 'fraud-model' }, { Key: 'CostCenter', Value: 'ml-42' }] }));
    await ct.send(new CT.AddTagsCommand({ ResourceId: arn, TagsList: [{ Key: 'Project', Value: 'risk-model' }] }));
    expect((await ct.send(new CT.ListTagsCommand({ ResourceIdList: [arn] }))).ResourceTagList).toEqual([
      { ResourceId: arn, TagsList: [{ Key: 'Project', Value: 'risk-model' }, { Key: 'CostCenter', Value: 'ml-42' }] },
    ]);
    await ct.send(new CT.RemoveTagsCommand({ ResourceId: arn, TagsList: [{ Key: 'CostCenter' }] }));
    expect((await ct.send(new CT.ListTagsCommand({ ResourceIdList: [arn] }))).ResourceTagList?.[0]?.TagsList).toEqual([{ Key: 'Project', Value: 'risk-model' }]);
    const tooMany = await awsError(() => ct.send(new CT.AddTagsCommand({ ResourceId: arn, TagsList: Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) })));
    expect(tooMany.name).toBe('TagsLimitExceededException');
    const reserved = await awsError(() => ct.send(new CT.AddTagsCommand({ ResourceId: arn, TagsList: [{ Key: 'aws:owner', Value: 'x' }] })));
    expect(reserved.name).toBe('InvalidTagParameterException');
    const unknown = await awsError(() => ct.send(new CT.ListTagsCommand({ ResourceIdList: [`arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/ghost-trail`] })));
    expect(unknown.name).toBe('ResourceNotFoundException');
    const notArn = await awsError(() => ct.send(new CT.AddTagsCommand({ ResourceId: 'selective', TagsList: [{ Key: 'a', Value: 'b' }] })));
    expect(notArn.name).toBe('CloudTrailARNInvalidException');
    const tagged = await ct.send(new CT.CreateTrailCommand({ Name: 'tagged', S3BucketName: 'audit-logs', TagsList: [{ Key: 'Project', Value: 'fraud-model' }] }));
    expect((await ct.send(new CT.ListTagsCommand({ ResourceIdList: [tagged.TrailARN!] }))).ResourceTagList?.[0]?.TagsList).toEqual([{ Key: 'Project', Value: 'fraud-model' }]);
  });

  it('answers missing parameters and unknown operations as AWS does', async () => {
    const missing = await awsError(() => ct.send(new CT.CreateTrailCommand({ Name: 'x-trail' } as never)));
    expect(missing.name).toBe('ValidationException');
    expect(missing.message).toContain("Value null at 's3BucketName' failed to satisfy constraint: Member must not be null");
    const lake = await awsError(() => ct.send(new CT.ListEventDataStoresCommand({})));
    expect(lake.name).toBe('UnknownOperationException');
    const long = await awsError(() => ct.send(new CT.LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'x'.repeat(2001) }] })));
    expect(long.name).toBe('ValidationException');
    // A body that is not JSON, and a member of the wrong type.
    const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'CloudTrail_20131101.CreateTrail', authorization: `AWS4-HMAC-SHA256 Credential=${ACCOUNT}/20260101/us-east-1/cloudtrail/aws4_request, SignedHeaders=host, Signature=0` };
    const broken = await fetch(emu.url, { method: 'POST', headers, body: '{"Name": "x-trail", ' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { __type: string }).__type).toBe('SerializationException');
    const mistyped = await fetch(emu.url, { method: 'POST', headers, body: JSON.stringify({ Name: 'x-trail', S3BucketName: 'audit-logs', IsMultiRegionTrail: 'yes' }) });
    expect(mistyped.status).toBe(400);
    expect(((await mistyped.json()) as { __type: string }).__type).toBe('SerializationException');
    expect((await ct.send(new CT.DescribeTrailsCommand({ trailNameList: ['x-trail'] }))).trailList).toEqual([]);
  });
});

describe('CloudTrail trails with KMS emulated', () => {
  it('resolves aliases to key ARNs and refuses missing, AWS managed, disabled and unusable keys', async () => {
    const emu = await emulator();
    try {
      const config = clientConfig(emu.url, KEYS);
      const ct = new CT.CloudTrailClient(config);
      await createTrailBucket(s3Client(S3Client, config), 'kms-trail-logs', ACCOUNT);
      const kmsClient = new KMS.KMSClient(config);
      const usable = await createTrailKey(kmsClient, ACCOUNT, 'alias/cloudtrail');
      const created = await ct.send(new CT.CreateTrailCommand({ Name: 'kms-trail', S3BucketName: 'kms-trail-logs', KmsKeyId: 'alias/cloudtrail' }));
      expect(created.KmsKeyId).toBe(usable.Arn);

      const missing = await awsError(() => ct.send(new CT.UpdateTrailCommand({ Name: 'kms-trail', KmsKeyId: 'alias/nothing-here' })));
      expect(missing).toMatchObject({ name: 'KmsKeyNotFoundException', message: `KMS key ID arn:aws:kms:us-east-1:${ACCOUNT}:alias/nothing-here does not exist, or s3 bucket and key are not in the same region.` });
      // AWS managed keys (here S3's, created on first use) cannot encrypt trails.
      const managed = (await kmsClient.send(new KMS.DescribeKeyCommand({ KeyId: 'alias/aws/s3' }))).KeyMetadata!;
      expect(managed.KeyManager).toBe('AWS');
      expect((await awsError(() => ct.send(new CT.UpdateTrailCommand({ Name: 'kms-trail', KmsKeyId: managed.Arn })))).name).toBe('KmsKeyNotFoundException');
      const defaultPolicy = (await kmsClient.send(new KMS.CreateKeyCommand({}))).KeyMetadata!;
      const insufficient = await awsError(() => ct.send(new CT.UpdateTrailCommand({ Name: 'kms-trail', KmsKeyId: defaultPolicy.KeyId })));
      expect(insufficient).toMatchObject({ name: 'InsufficientEncryptionPolicyException', message: `Insufficient permissions to access S3 bucket kms-trail-logs or KMS key ${defaultPolicy.Arn}.` });
      await kmsClient.send(new KMS.DisableKeyCommand({ KeyId: usable.KeyId }));
      expect((await awsError(() => ct.send(new CT.UpdateTrailCommand({ Name: 'kms-trail', KmsKeyId: usable.Arn })))).name).toBe('KmsException');
    } finally {
      await emu.stop();
    }
  });
});
