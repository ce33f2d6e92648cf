/**
 * src/aws and src/inventory against a real AWS-compatible server (the embedded emulator, and
 * moto_server where installed) over HTTP with the real SDK: the sandbox guard refuses before
 * anything reaches the endpoint, AWS_ENDPOINT_URL is honoured, capabilities are probed, throttling
 * is retried, and an unreadable setting is reported as "could not check". A recording proxy in
 * front of the server shows exactly which calls went out, and answers what a test needs it to.
 */
import { CreateBucketCommand, ListBucketsCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { CreateAliasCommand, CreateKeyCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeletePublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { createAwsClients, openTarget, probeCapabilities, regionalClientFactory, SandboxRefusedError, targetSettingsFromEnv } from '../../src/aws/index.ts';
import { getCheck } from '../../src/checks/catalog.ts';
import { collectInventory } from '../../src/inventory/index.ts';
import { jsonError, s3Error, startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { endpointEnv, labServers, type LabServer } from '../support/lab-servers.ts';

for (const kind of labServers) {
if (!kind.available) console.warn(kind.skipMessage(`src/aws targets, guard and inventory against ${kind.name}`));

describe.skipIf(!kind.available)(`targets, sandbox guard and inventory (${kind.name})`, { timeout: 120_000 }, () => {
  let server: LabServer;
  let proxy: FaultProxy;
  let account: string; // the server's account for these keys

  // The aws target takes credentials from the SDK's default chain; point it at dummy keys.
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = 'testing';
    process.env.AWS_SECRET_ACCESS_KEY = 'testing';
    server = await kind.start();
    proxy = await startFaultProxy(server.endpoint);
    const local = createAwsClients(await openTarget(targetSettingsFromEnv(endpointEnv(server.endpoint))));
    account = (await local.identity()).accountId;
    local.destroy();
  });
  afterAll(async () => {
    if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
    else process.env.AWS_ACCESS_KEY_ID = saved.id;
    if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
    else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    await proxy?.close();
    await server?.stop();
  });

  const awsTarget = (extra: Record<string, string>) =>
    openTarget(targetSettingsFromEnv({ MLSEC_TARGET: 'aws', AWS_ENDPOINT_URL: proxy.endpoint, AWS_REGION: 'us-east-1', ...extra }));

  it('refuses to write to an account that is not allow-listed, before any write reaches the endpoint', async () => {
    const target = await awsTarget({ MLSEC_ALLOWED_ACCOUNTS: '111122223333', MLSEC_ALLOWED_REGIONS: 'us-east-1' });
    const aws = createAwsClients(target);
    const s3 = await aws.client('s3');
    proxy.seen.length = 0;
    const error = await s3.send(new CreateBucketCommand({ Bucket: 'mlsec-guard-must-not-exist' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SandboxRefusedError);
    expect((error as Error).message).toMatch(new RegExp(`Refusing to touch AWS account ${account}`));
    expect(proxy.seen.every((r) => r.method === 'POST' && r.url === '/' && !r.url.includes('mlsec-guard'))).toBe(true);
    expect(proxy.seen.length).toBe(1); // GetCallerIdentity only
    // and a second call is refused without asking again
    await expect(s3.send(new ListBucketsCommand({}))).rejects.toBeInstanceOf(SandboxRefusedError);
    expect(proxy.seen.length).toBe(1);
    aws.destroy();
    const local = createAwsClients(await openTarget(targetSettingsFromEnv(endpointEnv(server.endpoint))));
    const names = ((await (await local.client('s3')).send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name);
    expect(names).not.toContain('mlsec-guard-must-not-exist');
    local.destroy();
  });

  it('refuses a region that is not allow-listed, naming it', async () => {
    const aws = createAwsClients(await awsTarget({ MLSEC_ALLOWED_ACCOUNTS: account, MLSEC_ALLOWED_REGIONS: 'eu-west-1' }));
    await expect(aws.identity()).rejects.toThrow(new RegExp(`Refusing to work in region us-east-1 of account ${account}`));
    aws.destroy();
  });

  it('works in an allow-listed account through AWS_ENDPOINT_URL', async () => {
    const aws = createAwsClients(await awsTarget({ MLSEC_ALLOWED_ACCOUNTS: account, MLSEC_ALLOWED_REGIONS: 'us-east-1' }));
    expect((await aws.identity()).accountId).toBe(account);
    await (await aws.client('s3')).send(new CreateBucketCommand({ Bucket: 'mlsec-guard-allowed' }));
    aws.destroy();
  });

  it('assumes a lab role (with a session policy) and guards the assumed identity', async () => {
    const local = createAwsClients(await openTarget(targetSettingsFromEnv(endpointEnv(server.endpoint))));
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }] };
    await (await local.client('iam')).send(new CreateRoleCommand({ RoleName: 'mlsec-lab-role', AssumeRolePolicyDocument: JSON.stringify(trust) }));
    local.destroy();
    const aws = createAwsClients(
      await awsTarget({
        MLSEC_ALLOWED_ACCOUNTS: account,
        MLSEC_ALLOWED_REGIONS: 'us-east-1',
        MLSEC_LAB_ROLE_ARN: `arn:aws:iam::${account}:role/mlsec-lab-role`,
        MLSEC_LAB_SESSION_POLICY: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }),
      }),
    );
    const identity = await aws.identity();
    expect(identity.arn).toMatch(/assumed-role\/mlsec-lab-role\/mlsec-lab/);
    aws.destroy();
  });

  it('probes capabilities by calling, and names what the endpoint lacks', async () => {
    // moto lacks LookupEvents; the emulator has it, so the proxy answers as moto does.
    proxy.faults.push({ match: (r) => r.headers['x-amz-target'] === 'CloudTrail_20131101.LookupEvents', times: Infinity, status: 501, contentType: 'application/x-amz-json-1.1', body: jsonError('NotImplemented', 'The LookupEvents action has not been implemented') });
    const aws = createAwsClients(await openTarget(targetSettingsFromEnv(endpointEnv(proxy.endpoint))));
    proxy.seen.length = 0;
    const report = await probeCapabilities(aws, { services: ['s3', 'kms', 'cloudtrail'], operations: ['s3:GetBucketPolicy', 'cloudtrail:LookupEvents', 's3:PutBucketPolicy'] });
    expect(report.available).toBe(false);
    expect(report.method).toBe('calls');
    expect(report.missing.map((m) => m.need)).toEqual(['cloudtrail:LookupEvents']);
    expect(report.missing[0]!.reason).toMatch(/LookupEvents is not implemented there/);
    proxy.faults.length = 0;
    expect(report.notProbed).toEqual(['s3:PutBucketPolicy']);
    // Nothing was written while probing.
    expect(proxy.seen.filter((r) => r.method === 'PUT' || r.method === 'DELETE')).toEqual([]);
    aws.destroy();
  });

  it("reads a LocalStack health report and names services it lacks or has disabled", async () => {
    proxy.faults.push({
      match: (r) => r.url === '/_localstack/health',
      times: Infinity,
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ services: { s3: 'running', sts: 'available', kms: 'available', sagemaker: 'disabled' }, edition: 'community', version: '4.0.0' }),
    });
    const aws = createAwsClients(await openTarget(targetSettingsFromEnv({ MLSEC_TARGET: 'localstack', MLSEC_ENDPOINT: proxy.endpoint })));
    const report = await probeCapabilities(aws, { services: ['s3', 'sagemaker', 'cloudtrail'], operations: ['s3:GetBucketPolicy'] });
    proxy.faults.length = 0;
    expect(report.method).toBe('health');
    expect(report.missing).toEqual([
      { need: 'cloudtrail', reason: expect.stringMatching(/does not list AWS CloudTrail \(cloudtrail\) in its health report/) },
      { need: 'sagemaker', reason: expect.stringMatching(/reports Amazon SageMaker as "disabled"/) },
    ]);
    aws.destroy();
  });

  it('retries throttled reads with backoff and gets the data', async () => {
    const local = createAwsClients(await openTarget(targetSettingsFromEnv(endpointEnv(server.endpoint))));
    const kms = await local.client('kms');
    const key = await kms.send(new CreateKeyCommand({}));
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/mlsec-throttle-test', TargetKeyId: key.KeyMetadata!.KeyId }));
    local.destroy();
    proxy.faults.push({ match: (r) => r.headers['x-amz-target'] === 'TrentService.ListAliases', times: 2, status: 400, contentType: 'application/x-amz-json-1.1', body: jsonError('ThrottlingException', 'Rate exceeded') });
    proxy.seen.length = 0;
    const aws = createAwsClients(await openTarget(targetSettingsFromEnv(endpointEnv(proxy.endpoint))));
    const inventory = await collectInventory(aws, { kms: { aliases: true } });
    expect(inventory.kms!.aliases.ok).toBe(true);
    expect(inventory.kms!.aliases.ok && inventory.kms!.aliases.value.map((a) => a.name)).toContain('alias/mlsec-throttle-test');
    expect(proxy.seen.filter((r) => r.operation === 'TrentService.ListAliases')).toHaveLength(3);
    aws.destroy();
  });

  it('reports a setting it cannot read as "could not check" with the AWS error, never as a pass', async () => {
    const local = createAwsClients(await openTarget(targetSettingsFromEnv(endpointEnv(server.endpoint))));
    const s3 = await local.client('s3');
    await s3.send(new CreateBucketCommand({ Bucket: 'mlsec-unreadable-policy' }));
    const tls = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::mlsec-unreadable-policy', 'arn:aws:s3:::mlsec-unreadable-policy/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] };
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'mlsec-unreadable-policy', Policy: JSON.stringify(tls) }));
    local.destroy();
    proxy.faults.push({ match: (r) => r.method === 'GET' && /^\/mlsec-unreadable-policy\/?\?policy(=|&|$)/.test(r.url), times: Infinity, status: 403, body: s3Error('AccessDenied', 'Access Denied') });
    const aws = createAwsClients(await openTarget(targetSettingsFromEnv(endpointEnv(proxy.endpoint))));
    proxy.seen.length = 0;
    const inventory = await collectInventory(aws, { s3: { buckets: { names: ['mlsec-unreadable-policy'] } } });
    proxy.faults.length = 0;
    const bucket = inventory.s3!.buckets[0]!;
    expect(bucket.policy).toMatchObject({ ok: false, error: { code: 'AccessDenied', operation: 'S3.GetBucketPolicy', httpStatus: 403 } });
    expect(bucket.versioning.ok).toBe(true);
    const findings = getCheck('s3-bucket-secure-transport')!.evaluate(inventory, undefined);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.status).toBe('unknown');
    expect(findings[0]!.summary).toMatch(/Could not check the bucket policy: S3.GetBucketPolicy: AccessDenied \(HTTP 403\)/);
    aws.destroy();
  });

  it('serves the lab terminal’s CLI engine: account-level S3 Control works, other regions stay guarded', async () => {
    const { runAwsCommand } = await import('../../src/aws-cli/index.ts');
    const aws = createAwsClients(await openTarget(targetSettingsFromEnv(endpointEnv(server.endpoint, { MLSEC_ALLOWED_REGIONS: 'us-east-1,eu-west-1' }))));
    const clientFactory = regionalClientFactory(aws);
    const put = await runAwsCommand(
      `aws s3control put-public-access-block --account-id ${account} --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`,
      { clientFactory: clientFactory as never, region: 'us-east-1' },
    );
    expect(put.exitCode, put.stderr).toBe(0);
    const get = await runAwsCommand(`aws s3control get-public-access-block --account-id ${account} --output json`, { clientFactory: clientFactory as never, region: 'us-east-1' });
    expect(JSON.parse(get.stdout)).toEqual({ PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } });
    const elsewhere = await runAwsCommand('aws s3api list-buckets --region eu-west-1 --output json', { clientFactory: clientFactory as never, region: 'us-east-1' });
    expect(elsewhere.exitCode, elsewhere.stderr).toBe(0);
    const refused = await runAwsCommand('aws s3api list-buckets --region ap-south-1', { clientFactory: clientFactory as never, region: 'us-east-1' });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stderr).toMatch(/Refusing to work in region ap-south-1/);
    await (await aws.client('s3control')).send(new DeletePublicAccessBlockCommand({ AccountId: account }));
    clientFactory.destroy();
    aws.destroy();
  });

  it('fails fast with a clear message when the target is not there', async () => {
    const aws = createAwsClients(await openTarget(targetSettingsFromEnv(endpointEnv('http://127.0.0.1:9'))));
    const started = performance.now();
    await expect(aws.identity()).rejects.toThrow(/Nothing is listening at the target endpoint/);
    expect(performance.now() - started).toBeLessThan(5_000);
    aws.destroy();
  });
});
}
