/**
 * Differential test against moto_server for trail CRUD: the same calls through the same client,
 * response shapes compared member by member. Where the two knowingly differ, the difference is
 * listed below with the reason. Skips with a visible message when moto is not installed.
 *
 * Expected differences:
 *  - GetTrail: moto leaves out HomeRegion; AWS's Trail structure (and the emulator) include it, as
 *    DescribeTrails does in both. Compared without HomeRegion.
 *  - GetTrailStatus: moto reports LatestDeliveryAttemptTime / TimeLoggingStarted … as it computes
 *    them (no delivery happens in moto, so LatestDeliveryTime is its clock at the call); the
 *    emulator reports LatestDeliveryTime only after a delivery. Compared: IsLogging and
 *    StartLoggingTime, and that both send the string-typed attempt fields.
 *  - HasCustomEventSelectors: moto always answers false; the emulator true after PutEventSelectors
 *    (as AWS). Compared only before PutEventSelectors.
 *  - Errors: moto answers a CreateTrail on a bucket without a CloudTrail bucket policy with success
 *    (it does not check policies); the emulator (as AWS) with InsufficientS3BucketPolicyException.
 *    Both buckets here carry the policy. Error codes are compared where both emulate the check.
 */
import * as CT from '@aws-sdk/client-cloudtrail';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { createTrailBucket, s3Client } from './cloudtrail-support.ts';
import { MOTO_AVAILABLE, type MotoServer, motoSkipMessage, shapeOf as shapeWithNulls, startMoto } from '../../support/moto.ts';
import { awsError, clientConfig, emulator } from './support.ts';

// moto's default account; the emulator uses the same so ARNs match too.
const ACCOUNT = '123456789012';
const KEYS = { accessKeyId: ACCOUNT, secretAccessKey: 'x' };

if (!MOTO_AVAILABLE) console.warn(motoSkipMessage('cloudtrail-moto.test.ts'));

/** moto and the emulator differ in whether unset members come back as null or not at all: compare them as absent. */
const shapeOf = (value: unknown) => shapeWithNulls(value, { nullsAsAbsent: true });

describe.skipIf(!MOTO_AVAILABLE)(MOTO_AVAILABLE ? 'CloudTrail trails compared with moto' : motoSkipMessage('CloudTrail trails compared with moto'), () => {
  let emu: RunningEmulator;
  let moto: MotoServer;
  let ours: CT.CloudTrailClient;
  let theirs: CT.CloudTrailClient;

  /** Sends the same command to both; returns both outputs. */
  async function both<T>(make: () => { send(client: CT.CloudTrailClient): Promise<T> }): Promise<[T, T]> {
    return [await make().send(ours), await make().send(theirs)];
  }
  const call = <I extends object, O>(Command: new (input: I) => unknown, input: I) => () => ({ send: (client: CT.CloudTrailClient) => client.send(new Command(input) as never) as Promise<O> });

  beforeAll(async () => {
    [emu, moto] = await Promise.all([emulator(), startMoto()]);
    ours = new CT.CloudTrailClient(clientConfig(emu.url, KEYS));
    theirs = new CT.CloudTrailClient(clientConfig(moto.url, KEYS));
    for (const url of [emu.url, moto.url]) await createTrailBucket(s3Client(S3Client, clientConfig(url, KEYS)), 'diff-trail-logs', ACCOUNT);
  }, 60_000);
  afterAll(async () => {
    await emu?.stop();
    await moto?.stop();
  });

  it('CreateTrail, GetTrail, DescribeTrails, ListTrails answer with the same shapes and values', async () => {
    const input = { Name: 'diff-trail', S3BucketName: 'diff-trail-logs', IsMultiRegionTrail: true, EnableLogFileValidation: true };
    const [a, b] = await both(call<CT.CreateTrailRequest, CT.CreateTrailResponse>(CT.CreateTrailCommand, input));
    expect(shapeOf(a)).toEqual(shapeOf(b));
    expect({ ...a, $metadata: undefined }).toEqual({ ...b, $metadata: undefined });
    const [ga, gb] = await both(call<CT.GetTrailRequest, CT.GetTrailResponse>(CT.GetTrailCommand, { Name: 'diff-trail' }));
    expect(ga.Trail?.HomeRegion).toBe('us-east-1');
    const { HomeRegion: _home, ...withoutHome } = ga.Trail!;
    expect(shapeOf(withoutHome)).toEqual(shapeOf(gb.Trail));
    expect(withoutHome).toEqual(gb.Trail);
    const [da, db] = await both(call<CT.DescribeTrailsRequest, CT.DescribeTrailsResponse>(CT.DescribeTrailsCommand, {}));
    expect(shapeOf(da)).toEqual(shapeOf(db));
    const [la, lb] = await both(call<CT.ListTrailsRequest, CT.ListTrailsResponse>(CT.ListTrailsCommand, {}));
    expect(la.Trails).toEqual(lb.Trails);
  });

  it('UpdateTrail, StartLogging and GetTrailStatus agree on what both emulate', async () => {
    const [ua, ub] = await both(call<CT.UpdateTrailRequest, CT.UpdateTrailResponse>(CT.UpdateTrailCommand, { Name: 'diff-trail', EnableLogFileValidation: false, S3KeyPrefix: '' }));
    expect(ua.LogFileValidationEnabled).toBe(ub.LogFileValidationEnabled);
    await both(call<CT.StartLoggingRequest, CT.StartLoggingResponse>(CT.StartLoggingCommand, { Name: 'diff-trail' }));
    const [sa, sb] = await both(call<CT.GetTrailStatusRequest, CT.GetTrailStatusResponse>(CT.GetTrailStatusCommand, { Name: 'diff-trail' }));
    expect(sa.IsLogging).toBe(true);
    expect(sb.IsLogging).toBe(true);
    expect(sa.StartLoggingTime).toBeInstanceOf(Date);
    expect(sb.StartLoggingTime).toBeInstanceOf(Date);
    for (const member of ['LatestDeliveryAttemptTime', 'LatestNotificationAttemptTime', 'TimeLoggingStarted', 'TimeLoggingStopped'] as const) {
      expect(typeof sa[member], member).toBe('string');
      expect(typeof sb[member], member).toBe('string');
    }
  });

  it('PutEventSelectors / GetEventSelectors and tags have the same shapes', async () => {
    const selectors = [{ ReadWriteType: 'WriteOnly' as const, IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::diff-trail-logs/'] }] }];
    const [pa, pb] = await both(call<CT.PutEventSelectorsRequest, CT.PutEventSelectorsResponse>(CT.PutEventSelectorsCommand, { TrailName: 'diff-trail', EventSelectors: selectors }));
    expect(pa.TrailARN).toBe(pb.TrailARN);
    expect(pa.EventSelectors?.[0]).toMatchObject(pb.EventSelectors![0]!);
    const [ea, eb] = await both(call<CT.GetEventSelectorsRequest, CT.GetEventSelectorsResponse>(CT.GetEventSelectorsCommand, { TrailName: 'diff-trail' }));
    expect(ea.EventSelectors?.[0]).toMatchObject(eb.EventSelectors![0]!);
    const arn = pa.TrailARN!;
    await both(call<CT.AddTagsRequest, CT.AddTagsResponse>(CT.AddTagsCommand, { ResourceId: arn, TagsList: [{ Key: 'Project', Value: 'audit' }] }));
    const [ta, tb] = await both(call<CT.ListTagsRequest, CT.ListTagsResponse>(CT.ListTagsCommand, { ResourceIdList: [arn] }));
    expect(ta.ResourceTagList).toEqual(tb.ResourceTagList);
  });

  it('fails the same way for unknown trails and bad names, and deletes alike', async () => {
    for (const make of [
      () => CT.GetTrailStatusCommand,
      () => CT.GetTrailCommand,
    ]) {
      const Command = make();
      const a = await awsError(() => ours.send(new Command({ Name: 'ghost-trail' })));
      const b = await awsError(() => theirs.send(new Command({ Name: 'ghost-trail' })));
      expect(a.name).toBe(b.name);
      expect(a.$metadata.httpStatusCode).toBe(b.$metadata.httpStatusCode);
    }
    for (const name of ['ab', '-trail', 'trail!', 'my#trail']) {
      const a = await awsError(() => ours.send(new CT.CreateTrailCommand({ Name: name, S3BucketName: 'diff-trail-logs' })));
      const b = await awsError(() => theirs.send(new CT.CreateTrailCommand({ Name: name, S3BucketName: 'diff-trail-logs' })));
      expect([a.name, a.message]).toEqual([b.name, b.message]);
    }
    const a = await awsError(() => ours.send(new CT.CreateTrailCommand({ Name: 'nobucket', S3BucketName: 'no-such-diff-bucket' })));
    const b = await awsError(() => theirs.send(new CT.CreateTrailCommand({ Name: 'nobucket', S3BucketName: 'no-such-diff-bucket' })));
    expect(a.name).toBe(b.name);
    await both(call<CT.DeleteTrailRequest, CT.DeleteTrailResponse>(CT.DeleteTrailCommand, { Name: 'diff-trail' }));
    const [la, lb] = await both(call<CT.DescribeTrailsRequest, CT.DescribeTrailsResponse>(CT.DescribeTrailsCommand, {}));
    expect(la.trailList).toEqual([]);
    expect(lb.trailList).toEqual([]);
  });
});
