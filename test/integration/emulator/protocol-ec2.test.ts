/**
 * The ec2 protocol layer, proven with a test provider on EC2's real schema: the real EC2 client
 * sends flattened, capitalised query parameters; the provider gets typed input; responses and
 * errors come back in EC2's XML shapes.
 */
import { DescribeRegionsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { DescribeRegionsRequest, DescribeRegionsResult } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsServiceError, defineService, type RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const seen: DescribeRegionsRequest[] = [];

const testEc2 = defineService({
  id: 'ec2',
  title: 'EC2 (test provider)',
  signingName: 'ec2',
  protocol: 'ec2',
  wire: { apiVersion: '2016-11-15', xmlNamespace: 'http://ec2.amazonaws.com/doc/2016-11-15/' },
  loadModel: () => import('@aws-sdk/client-ec2') as Promise<Record<string, unknown>>,
  handlers: {
    DescribeRegions(input: DescribeRegionsRequest): DescribeRegionsResult {
      seen.push(input);
      if (input.DryRun) throw new AwsServiceError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', { status: 412 });
      const all = ['us-east-1', 'eu-west-1', 'ap-south-1'];
      const wanted = input.RegionNames?.length ? input.RegionNames : all;
      const unknown = wanted.find((r) => !all.includes(r));
      if (unknown) throw new AwsServiceError('InvalidParameterValue', `Invalid region: ${unknown}`);
      const filter = input.Filters?.find((f) => f.Name === 'region-name');
      return {
        Regions: wanted
          .filter((r) => !filter || filter.Values!.includes(r))
          .map((r) => ({ RegionName: r, Endpoint: `ec2.${r}.amazonaws.com`, OptInStatus: 'opt-in-not-required' })),
      };
    },
  },
});

describe('ec2 protocol', () => {
  let emu: RunningEmulator;
  let ec2: EC2Client;
  beforeAll(async () => {
    emu = await emulator({ services: [testEc2] });
    ec2 = new EC2Client(clientConfig(emu.url));
  });
  afterAll(async () => emu.stop());

  it('parses flattened lists and nested filters, and serializes item lists', async () => {
    const out = await ec2.send(new DescribeRegionsCommand({
      RegionNames: ['us-east-1', 'eu-west-1'],
      Filters: [{ Name: 'region-name', Values: ['eu-west-1', 'ap-south-1'] }],
    }));
    expect(seen.at(-1)).toEqual({ RegionNames: ['us-east-1', 'eu-west-1'], Filters: [{ Name: 'region-name', Values: ['eu-west-1', 'ap-south-1'] }] });
    expect(out.Regions).toEqual([{ RegionName: 'eu-west-1', Endpoint: 'ec2.eu-west-1.amazonaws.com', OptInStatus: 'opt-in-not-required' }]);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers provider errors in the EC2 error shape with their status', async () => {
    const dry = await awsError(() => ec2.send(new DescribeRegionsCommand({ DryRun: true })));
    expect(dry.name).toBe('DryRunOperation');
    expect(dry.$metadata.httpStatusCode).toBe(412);
    const bad = await awsError(() => ec2.send(new DescribeRegionsCommand({ RegionNames: ['mars-1'] })));
    expect(bad.name).toBe('InvalidParameterValue');
    expect(bad.message).toBe('Invalid region: mars-1');
    expect(bad.$metadata.httpStatusCode).toBe(400);
  });

  it('answers InvalidAction, naming the operation, for an operation not emulated', async () => {
    const error = await awsError(() => ec2.send(new DescribeVpcsCommand({})));
    expect(error.name).toBe('InvalidAction');
    expect(error.message).toBe('The action DescribeVpcs is not valid for this web service.');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('shapes InvalidAction as an EC2 error (Response/Errors/Error) with the unsupported-operation header', async () => {
    const response = await fetch(`${emu.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=x' },
      body: 'Action=DescribeVpcs&Version=2016-11-15',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-mlsec-unsupported-operation')).toBe('ec2:DescribeVpcs');
    expect(await response.text()).toMatch(/^<\?xml[^>]*\?><Response><Errors><Error><Code>InvalidAction<\/Code>/);
  });

  it('answers MissingParameter / InvalidParameterValue for bad raw input', async () => {
    const response = await fetch(`${emu.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=x' },
      body: 'Action=DescribeRegions&Version=2016-11-15&DryRun=maybe',
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toContain('<Code>InvalidParameterValue</Code>');
    expect(text).toContain('DryRun');
    expect(text).toMatch(/<RequestID>[0-9a-f-]{36}<\/RequestID>/);
  });
});
