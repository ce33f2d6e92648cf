/**
 * CloudTrail through the AWS CLI (botocore names the service's target differently from the
 * JavaScript SDK, sends epoch-second timestamps and pages LookupEvents itself). Skips with a
 * visible message when `aws` is not installed.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { AWS_CLI_AVAILABLE, AwsCli, awsCliSkipMessage } from '../../support/aws-cli.ts';
import { trailBucketPolicy } from './cloudtrail-support.ts';
import { emulator } from './support.ts';

const ACCOUNT = '567856785678';

if (!AWS_CLI_AVAILABLE) console.warn(awsCliSkipMessage('cloudtrail-cli.test.ts'));

// Each `aws` run starts Python (1–3 s on a busy machine): generous timeouts, as the other AWS CLI suites have.
describe.skipIf(!AWS_CLI_AVAILABLE)(AWS_CLI_AVAILABLE ? 'CloudTrail through the AWS CLI' : awsCliSkipMessage('CloudTrail through the AWS CLI'), { timeout: 180_000 }, () => {
  let emu: RunningEmulator;
  let cli: AwsCli;
  const aws = (...args: string[]) => cli.run(args);

  beforeAll(async () => {
    emu = await emulator();
    cli = new AwsCli(emu.url, { accessKeyId: ACCOUNT });
    const policyFile = join(tmpdir(), `mlsec-cli-trail-policy-${process.pid}.json`);
    writeFileSync(policyFile, trailBucketPolicy('cli-trail-logs', ACCOUNT));
    expect((await aws('s3api', 'create-bucket', '--bucket', 'cli-trail-logs')).code).toBe(0);
    expect((await aws('s3api', 'put-bucket-policy', '--bucket', 'cli-trail-logs', '--policy', `file://${policyFile}`)).code).toBe(0);
  }, 60_000);
  afterAll(async () => {
    cli?.dispose();
    await emu?.stop();
  });

  it('create-trail, start-logging, get-trail-status', async () => {
    const created = await aws('cloudtrail', 'create-trail', '--name', 'cli-trail', '--s3-bucket-name', 'cli-trail-logs', '--is-multi-region-trail', '--enable-log-file-validation');
    expect(created.code, created.stderr).toBe(0);
    expect(created.json).toMatchObject({ Name: 'cli-trail', IsMultiRegionTrail: true, LogFileValidationEnabled: true, TrailARN: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/cli-trail` });
    expect((await aws('cloudtrail', 'start-logging', '--name', 'cli-trail')).code).toBe(0);
    const status = await aws('cloudtrail', 'get-trail-status', '--name', 'cli-trail');
    expect(status.json).toMatchObject({ IsLogging: true, TimeLoggingStopped: '' });
    // CLI v1 prints the JSON protocol's timestamps as epoch seconds.
    expect(Math.abs(Number(status.json.StartLoggingTime) * 1000 - Date.now())).toBeLessThan(60_000);
    const shadow = await cli.run(['cloudtrail', 'describe-trails'], { region: 'eu-west-1' });
    expect(shadow.json.trailList.map((t: { Name: string; HomeRegion: string }) => [t.Name, t.HomeRegion])).toEqual([['cli-trail', 'us-east-1']]);
  }, 60_000);

  it('put-event-selectors with classic and advanced selectors', async () => {
    const classic = await aws('cloudtrail', 'put-event-selectors', '--trail-name', 'cli-trail', '--event-selectors', JSON.stringify([{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::cli-trail-logs/'] }] }]));
    expect(classic.code, classic.stderr).toBe(0);
    expect(classic.json.EventSelectors[0].DataResources).toEqual([{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::cli-trail-logs/'] }]);
    const advanced = await aws('cloudtrail', 'put-event-selectors', '--trail-name', 'cli-trail', '--advanced-event-selectors', JSON.stringify([{ Name: 'management', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }]));
    expect(advanced.code, advanced.stderr).toBe(0);
    expect((await aws('cloudtrail', 'get-event-selectors', '--trail-name', 'cli-trail')).json.AdvancedEventSelectors).toEqual([{ Name: 'management', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }]);
    const invalid = await aws('cloudtrail', 'put-event-selectors', '--trail-name', 'cli-trail', '--event-selectors', JSON.stringify([{ DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::*/*'] }] }]));
    expect(invalid.code).not.toBe(0);
    expect(invalid.stderr).toContain('An error occurred (InvalidEventSelectorsException) when calling the PutEventSelectors operation');
    expect(invalid.stderr).toContain('Value arn:aws:s3:::*/* for DataResources.Values is invalid.');
  }, 60_000);

  it('lookup-events by attribute, by time range, across pages', async () => {
    const found = await aws('cloudtrail', 'lookup-events', '--lookup-attributes', 'AttributeKey=EventName,AttributeValue=PutBucketPolicy');
    expect(found.code, found.stderr).toBe(0);
    expect(found.json.Events).toHaveLength(1);
    expect(found.json.Events[0]).toMatchObject({ EventName: 'PutBucketPolicy', Username: 'root', AccessKeyId: ACCOUNT, EventSource: 's3.amazonaws.com', Resources: [{ ResourceType: 'AWS::S3::Bucket', ResourceName: 'cli-trail-logs' }] });
    const event = JSON.parse(found.json.Events[0].CloudTrailEvent);
    expect(event).toMatchObject({ eventName: 'PutBucketPolicy', userAgent: expect.stringMatching(/^aws-cli\//), requestParameters: { bucketName: 'cli-trail-logs' } });

    // The CLI pages on its own: --page-size 2 sends MaxResults 2, then follows NextToken to the end.
    const paged = await aws('cloudtrail', 'lookup-events', '--page-size', '2', '--lookup-attributes', 'AttributeKey=EventSource,AttributeValue=cloudtrail.amazonaws.com');
    const all = await aws('cloudtrail', 'lookup-events', '--lookup-attributes', 'AttributeKey=EventSource,AttributeValue=cloudtrail.amazonaws.com');
    expect(paged.json.Events.length).toBeGreaterThan(2);
    // The later lookup also sees the paging calls' own LookupEvents events, newest first.
    const ids = (r: { json: { Events: { EventId: string }[] } }) => r.json.Events.map((e) => e.EventId);
    expect(ids(all).slice(-ids(paged).length)).toEqual(ids(paged));
    expect(all.json.Events.slice(0, all.json.Events.length - paged.json.Events.length).every((e: { EventName: string }) => e.EventName === 'LookupEvents')).toBe(true);

    const future = await aws('cloudtrail', 'lookup-events', '--start-time', '2099-01-01T00:00:00Z');
    expect(future.json.Events).toEqual([]);
    const inverted = await aws('cloudtrail', 'lookup-events', '--start-time', '2026-02-01T00:00:00Z', '--end-time', '2026-01-01T00:00:00Z');
    expect(inverted.stderr).toContain('InvalidTimeRangeException');
    const two = await aws('cloudtrail', 'lookup-events', '--lookup-attributes', 'AttributeKey=EventName,AttributeValue=CreateTrail', 'AttributeKey=Username,AttributeValue=root');
    expect(two.code).not.toBe(0);
    expect(two.stderr).toContain('InvalidLookupAttributesException');
  }, 90_000);
});
