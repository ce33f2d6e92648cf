/**
 * Cost Explorer through the real SDK over HTTP: cost allocation tag keys discovered from the tags on
 * the account's resources (S3 here, and SageMaker and CloudWatch Logs through test providers that
 * keep their tags the way those services do), activated and deactivated with per-key errors;
 * GetTags; and GetCostAndUsage's empty but valid answer.
 */
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import * as CE from '@aws-sdk/client-cost-explorer';
import { CreateBucketCommand, DeleteBucketTaggingCommand, PutBucketTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { AddTagsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineService, type RequestContext } from '../../../src/emulator/index.ts';
import { awsError } from './support.ts';
import { asAccount, type Clocked, clockedEmulator } from './org-cost-support.ts';

const ACCOUNT = '135791357913';
type Tag = { Key: string; Value: string };

/** SageMaker keeps every resource's tags in one map by ARN. */
const fakeSageMaker = defineService<{ tags: Map<string, Tag[]> }>({
  id: 'sagemaker',
  title: 'SageMaker (test provider)',
  signingName: 'sagemaker',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2017-07-24', targetPrefix: 'SageMaker' },
  loadModel: () => import('@aws-sdk/client-sagemaker') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: () => ({ tags: new Map() }) },
  handlers: {
    AddTags: (input: { ResourceArn: string; Tags: Tag[] }, ctx: RequestContext<{ tags: Map<string, Tag[]> }>) => {
      ctx.state().tags.set(input.ResourceArn, input.Tags);
      return { Tags: input.Tags };
    },
  },
});

/** CloudWatch Logs keeps a log group's tags as a key → value record. */
const fakeLogs = defineService<{ groups: Map<string, { tags: Record<string, string> }> }>({
  id: 'logs',
  title: 'CloudWatch Logs (test provider)',
  signingName: 'logs',
  protocol: 'awsJson1_1',
  wire: { apiVersion: '2014-03-28', targetPrefix: 'Logs_20140328' },
  loadModel: () => import('@aws-sdk/client-cloudwatch-logs') as Promise<Record<string, unknown>>,
  state: { scope: 'region', create: () => ({ groups: new Map() }) },
  handlers: {
    CreateLogGroup: (input: { logGroupName: string; tags?: Record<string, string> }, ctx: RequestContext<{ groups: Map<string, { tags: Record<string, string> }> }>) => {
      ctx.state().groups.set(input.logGroupName, { tags: input.tags ?? {} });
      return {};
    },
  },
});

describe('Cost Explorer: cost allocation tags', () => {
  let c: Clocked;
  let ce: CE.CostExplorerClient;
  let s3: S3Client;
  beforeAll(async () => {
    c = await clockedEmulator({ extraServices: [fakeSageMaker, fakeLogs] });
    ce = new CE.CostExplorerClient(asAccount(c.emu.url, ACCOUNT));
    s3 = new S3Client({ ...asAccount(c.emu.url, ACCOUNT), forcePathStyle: true });
  });
  afterAll(() => c.emu.stop());

  const list = async (input: CE.ListCostAllocationTagsRequest = {}) => (await ce.send(new CE.ListCostAllocationTagsCommand(input))).CostAllocationTags!;

  it('discovers the tag keys on resources in every region, Inactive until activated', async () => {
    expect(await list()).toEqual([]);
    await s3.send(new CreateBucketCommand({ Bucket: 'churn-training-data' }));
    await s3.send(new PutBucketTaggingCommand({ Bucket: 'churn-training-data', Tagging: { TagSet: [{ Key: 'Project', Value: 'churn' }, { Key: 'CostCenter', Value: 'ml-42' }] } }));
    const sagemaker = new SageMakerClient(asAccount(c.emu.url, ACCOUNT, 'eu-west-1'));
    await sagemaker.send(new AddTagsCommand({ ResourceArn: `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:endpoint/churn`, Tags: [{ Key: 'Project', Value: 'churn-eu' }, { Key: 'aws:cloudformation:stack-name', Value: 'ml-stack' }] }));
    await new CloudWatchLogsClient(asAccount(c.emu.url, ACCOUNT, 'us-west-2')).send(new CreateLogGroupCommand({ logGroupName: '/aws/sagemaker/Endpoints/churn', tags: { Team: 'ml-platform' } }));
    const month = '2026-11-01T00:00:00Z';
    expect(await list()).toEqual([
      { TagKey: 'CostCenter', Type: 'UserDefined', Status: 'Inactive', LastUsedDate: month },
      { TagKey: 'Project', Type: 'UserDefined', Status: 'Inactive', LastUsedDate: month },
      { TagKey: 'Team', Type: 'UserDefined', Status: 'Inactive', LastUsedDate: month },
      { TagKey: 'aws:cloudformation:stack-name', Type: 'AWSGenerated', Status: 'Inactive', LastUsedDate: month },
    ]);
    expect((await list({ Type: 'AWSGenerated' })).map((t) => t.TagKey)).toEqual(['aws:cloudformation:stack-name']);
    expect((await list({ TagKeys: ['Project', 'Missing'] })).map((t) => t.TagKey)).toEqual(['Project']);
    const first = await ce.send(new CE.ListCostAllocationTagsCommand({ MaxResults: 3 }));
    expect(first.CostAllocationTags).toHaveLength(3);
    const rest = await ce.send(new CE.ListCostAllocationTagsCommand({ MaxResults: 3, NextToken: first.NextToken }));
    expect(rest.CostAllocationTags!.map((t) => t.TagKey)).toEqual(['aws:cloudformation:stack-name']);
    expect(rest.NextToken).toBeUndefined();
    // Other accounts see none of these.
    expect((await new CE.CostExplorerClient(asAccount(c.emu.url, '999999999999')).send(new CE.ListCostAllocationTagsCommand({}))).CostAllocationTags).toEqual([]);
  });

  it('activates and deactivates keys, reporting unknown keys per entry', async () => {
    c.advance(60_000);
    const { Errors } = await ce.send(new CE.UpdateCostAllocationTagsStatusCommand({ CostAllocationTagsStatus: [{ TagKey: 'Project', Status: 'Active' }, { TagKey: 'CostCenter', Status: 'Active' }, { TagKey: 'Environment', Status: 'Active' }] }));
    expect(Errors).toEqual([{ TagKey: 'Environment', Code: 'TagKeyNotFound', Message: 'The tag key Environment is not on any resource in this account. Tag a resource with it, then activate it.' }]);
    const activatedAt = c.now().toISOString().replace('.000Z', 'Z');
    expect(await list({ Status: 'Active' })).toEqual([
      { TagKey: 'CostCenter', Type: 'UserDefined', Status: 'Active', LastUpdatedDate: activatedAt, LastUsedDate: '2026-11-01T00:00:00Z' },
      { TagKey: 'Project', Type: 'UserDefined', Status: 'Active', LastUpdatedDate: activatedAt, LastUsedDate: '2026-11-01T00:00:00Z' },
    ]);
    // Setting the status a key already has changes nothing, not even its date.
    c.advance(60_000);
    expect((await ce.send(new CE.UpdateCostAllocationTagsStatusCommand({ CostAllocationTagsStatus: [{ TagKey: 'Project', Status: 'Active' }, { TagKey: 'Team', Status: 'Inactive' }] }))).Errors).toEqual([]);
    expect((await list({ TagKeys: ['Project'] }))[0]!.LastUpdatedDate).toBe(activatedAt);
    expect((await list({ TagKeys: ['Team'] }))[0]!.LastUpdatedDate).toBeUndefined();
    await ce.send(new CE.UpdateCostAllocationTagsStatusCommand({ CostAllocationTagsStatus: [{ TagKey: 'Project', Status: 'Inactive' }] }));
    expect((await list({ Status: 'Active' })).map((t) => t.TagKey)).toEqual(['CostCenter']);
    // A key that was activated stays listed when no resource carries it any more; others disappear.
    await s3.send(new DeleteBucketTaggingCommand({ Bucket: 'churn-training-data' }));
    const after = await list();
    expect(after.find((t) => t.TagKey === 'CostCenter')).toEqual({ TagKey: 'CostCenter', Type: 'UserDefined', Status: 'Active', LastUpdatedDate: activatedAt });
  });

  it('answers AWS validation errors for bad filters and batches', async () => {
    const status = await awsError(() => ce.send(new CE.ListCostAllocationTagsCommand({ Status: 'On' as CE.CostAllocationTagStatus })));
    expect([status.name, status.message]).toEqual(['ValidationException', "1 validation error detected: Value 'On' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]"]);
    const max = await awsError(() => ce.send(new CE.ListCostAllocationTagsCommand({ MaxResults: 1001 })));
    expect(max.message).toContain("at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000");
    const batch = await awsError(() => ce.send(new CE.UpdateCostAllocationTagsStatusCommand({ CostAllocationTagsStatus: Array.from({ length: 21 }, (_, i) => ({ TagKey: `k${i}`, Status: 'Active' as const })) })));
    expect(batch.message).toContain("at 'costAllocationTagsStatus' failed to satisfy constraint: Member must have length less than or equal to 20");
    const token = await awsError(() => ce.send(new CE.ListCostAllocationTagsCommand({ NextToken: 'not-a-token' })));
    expect(token.name).toBe('InvalidNextTokenException');
  });

  it('GetTags lists tag keys, or the values of one key', async () => {
    const period = { Start: '2026-11-01', End: '2026-12-01' };
    const keys = await ce.send(new CE.GetTagsCommand({ TimePeriod: period }));
    expect(keys).toMatchObject({ Tags: ['Project', 'Team', 'aws:cloudformation:stack-name'], ReturnSize: 3, TotalSize: 3 });
    expect((await ce.send(new CE.GetTagsCommand({ TimePeriod: period, TagKey: 'Project' }))).Tags).toEqual(['churn-eu']);
    expect((await ce.send(new CE.GetTagsCommand({ TimePeriod: period, SearchString: 'Te' }))).Tags).toEqual(['Team']);
  });
});

describe('Cost Explorer: GetCostAndUsage without billing data', () => {
  let c: Clocked;
  let ce: CE.CostExplorerClient;
  beforeAll(async () => {
    c = await clockedEmulator();
    ce = new CE.CostExplorerClient(asAccount(c.emu.url, ACCOUNT));
  });
  afterAll(() => c.emu.stop());

  it('returns one zero result per period with the requested metrics', async () => {
    const monthly = await ce.send(new CE.GetCostAndUsageCommand({ TimePeriod: { Start: '2026-09-15', End: '2026-11-01' }, Granularity: 'MONTHLY', Metrics: ['UnblendedCost', 'UsageQuantity'] }));
    expect(monthly.ResultsByTime).toEqual([
      { TimePeriod: { Start: '2026-09-15', End: '2026-10-01' }, Total: { UnblendedCost: { Amount: '0', Unit: 'USD' }, UsageQuantity: { Amount: '0', Unit: 'N/A' } }, Groups: [], Estimated: false },
      { TimePeriod: { Start: '2026-10-01', End: '2026-11-01' }, Total: { UnblendedCost: { Amount: '0', Unit: 'USD' }, UsageQuantity: { Amount: '0', Unit: 'N/A' } }, Groups: [], Estimated: false },
    ]);
    expect(monthly.DimensionValueAttributes).toEqual([]);
    const daily = await ce.send(new CE.GetCostAndUsageCommand({ TimePeriod: { Start: '2026-11-01', End: '2026-11-08' }, Granularity: 'DAILY', Metrics: ['BlendedCost'], GroupBy: [{ Type: 'TAG', Key: 'Project' }] }));
    expect(daily.ResultsByTime).toHaveLength(7);
    expect(daily.ResultsByTime![0]).toEqual({ TimePeriod: { Start: '2026-11-01', End: '2026-11-02' }, Total: {}, Groups: [], Estimated: false });
    expect(daily.GroupDefinitions).toEqual([{ Type: 'TAG', Key: 'Project' }]);
  });

  it('refuses bad periods and metrics', async () => {
    const backwards = await awsError(() => ce.send(new CE.GetCostAndUsageCommand({ TimePeriod: { Start: '2026-11-02', End: '2026-11-01' }, Granularity: 'DAILY', Metrics: ['UnblendedCost'] })));
    expect([backwards.name, backwards.message]).toEqual(['ValidationException', 'Start date (and hour) should be before end date (and hour)']);
    const date = await awsError(() => ce.send(new CE.GetCostAndUsageCommand({ TimePeriod: { Start: '2026-02-30', End: '2026-03-02' }, Granularity: 'DAILY', Metrics: ['UnblendedCost'] })));
    expect(date.message).toContain('Start 2026-02-30 is not a date');
    const metric = await awsError(() => ce.send(new CE.GetCostAndUsageCommand({ TimePeriod: { Start: '2026-11-01', End: '2026-11-02' }, Granularity: 'DAILY', Metrics: ['Dollars'] })));
    expect(metric.message).toContain('Metrics Dollars are not valid');
    const granularity = await awsError(() => ce.send(new CE.GetCostAndUsageCommand({ TimePeriod: { Start: '2026-11-01', End: '2026-11-02' }, Granularity: 'WEEKLY' as CE.Granularity, Metrics: ['UnblendedCost'] })));
    expect(granularity.message).toContain("at 'granularity' failed to satisfy constraint");
  });
});
