/**
 * The AWS CLI engine against an AWS over real HTTP with the real SDK — the embedded emulator, or
 * moto_server on a checkout without it (test/support/aws-target.ts): a learner's session of command
 * lines (files, shorthand, JSON, pagination, queries, output formats, errors), then — when the real
 * AWS CLI is on PATH — the same read-only lines through `aws` against the same endpoint, asserting the
 * same output (a differential test). Each part is skipped with a message when what it needs is absent.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryFileStore, runAwsCommand, type RunOptions } from '../../../src/aws-cli/index.ts';
import { startAwsTarget, type AwsTarget } from '../../support/aws-target.ts';

const emulator: AwsTarget | undefined = await startAwsTarget();
if (!emulator) console.warn('[aws-cli engine] integration tests SKIPPED: neither the embedded emulator (src/emulator) nor moto_server is available.');
else console.info(`[aws-cli engine] integration tests against the ${emulator.kind} at ${emulator.url}`);
const files = createMemoryFileStore();
let options: RunOptions;

beforeAll(() => {
  if (emulator) options = { endpoint: emulator.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, region: 'us-east-1', files };
});
afterAll(async () => {
  options.clientFactory && (options.clientFactory as unknown as { destroy?: () => void }).destroy?.();
  await emulator?.stop();
});

async function ok(line: string): Promise<string> {
  const result = await runAwsCommand(line, options);
  expect(result.stderr, line).toBe('');
  expect(result.exitCode, line).toBe(0);
  return result.stdout;
}

// Denies what the session never does, so that an endpoint enforcing bucket policies (moto) lets it go on.
const policy = { Version: '2012-10-17', Statement: [{ Sid: 'NoBucketDeletion', Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: 'arn:aws:s3:::mlsec-cli-data' }] };

describe.skipIf(!emulator)(`the engine against the ${emulator?.kind ?? 'emulator'}`, () => {
  it('runs a learner\'s session: bucket, policy from a file, objects in and out, encryption', async () => {
    files.put('policy.json', JSON.stringify(policy));
    files.put('train.csv', 'a,b\n1,2\n');
    expect(JSON.parse(await ok('aws s3api create-bucket --bucket mlsec-cli-data'))).toHaveProperty('Location');
    expect(await ok('aws s3api put-bucket-policy --bucket mlsec-cli-data --policy file://policy.json')).toBe('');
    expect(JSON.parse(JSON.parse(await ok('aws s3api get-bucket-policy --bucket mlsec-cli-data')).Policy)).toEqual(policy);
    await ok('aws s3api put-object --bucket mlsec-cli-data --key raw/train.csv --body train.csv');
    await ok('aws s3api get-object --bucket mlsec-cli-data --key raw/train.csv copy.csv');
    expect(files.text('copy.csv')).toBe('a,b\n1,2\n');
    await ok('aws s3api put-bucket-encryption --bucket mlsec-cli-data --server-side-encryption-configuration Rules=[{ApplyServerSideEncryptionByDefault={SSEAlgorithm=aws:kms},BucketKeyEnabled=true}]');
    expect(await ok(`aws s3api get-bucket-encryption --bucket mlsec-cli-data --query 'ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm' --output text`)).toBe('aws:kms\n');
    await ok('aws s3api put-public-access-block --bucket mlsec-cli-data --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true');
    expect(JSON.parse(await ok('aws s3api get-public-access-block --bucket mlsec-cli-data')).PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
  });

  it('paginates as the CLI: everything by default, --max-items with a NextToken that --starting-token resumes', async () => {
    const trust = `'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}]}'`;
    for (let i = 1; i <= 5; i++) await ok(`aws iam create-role --role-name mlsec-page-${i} --assume-role-policy-document ${trust} --tags Key=n,Value=${i}`);
    const all = JSON.parse(await ok(`aws iam list-roles --page-size 2 --query 'Roles[?starts_with(RoleName, \`mlsec-page-\`)].RoleName'`));
    expect([...all].sort()).toEqual(['mlsec-page-1', 'mlsec-page-2', 'mlsec-page-3', 'mlsec-page-4', 'mlsec-page-5']);
    const first = JSON.parse(await ok('aws iam list-roles --max-items 3 --page-size 2'));
    expect(first.Roles).toHaveLength(3);
    expect(first.NextToken).toEqual(expect.any(String));
    const rest = JSON.parse(await ok(`aws iam list-roles --starting-token ${first.NextToken}`));
    const names = [...first.Roles, ...rest.Roles].map((r: { RoleName: string }) => r.RoleName);
    expect(names.filter((n) => n.startsWith('mlsec-page-')).sort()).toEqual(['mlsec-page-1', 'mlsec-page-2', 'mlsec-page-3', 'mlsec-page-4', 'mlsec-page-5']);
    expect(rest.NextToken).toBeUndefined();
    // The policy document arrives URL-encoded and is printed as JSON, as the CLI does.
    expect(first.Roles[0].AssumeRolePolicyDocument.Statement[0].Action).toBe('sts:AssumeRole');
    const text = await ok('aws iam list-roles --max-items 1 --output text');
    expect(text).toMatch(/^ROLES\t/m);
    expect(text).toMatch(/^NEXTTOKEN\t\S+$/m);
  });

  it('EC2 with filters, queries and table output', async () => {
    const vpc = (await ok(`aws ec2 describe-vpcs --filters Name=is-default,Values=true --query 'Vpcs[0].VpcId' --output text`)).trim();
    expect(vpc).toMatch(/^vpc-/);
    const group = JSON.parse(await ok(`aws ec2 create-security-group --group-name mlsec-cli-sg --description 'notebook access' --vpc-id ${vpc}`)).GroupId;
    await ok(`aws ec2 authorize-security-group-ingress --group-id ${group} --ip-permissions IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=10.0.0.0/16,Description=internal}]`);
    const table = await ok(`aws ec2 describe-security-groups --group-ids ${group} --query 'SecurityGroups[0].IpPermissions[0].IpRanges' --output table`);
    expect(table).toContain('|  10.0.0.0/16 |  internal     |');
    expect(table.split('\n')[1]).toContain('DescribeSecurityGroups');
  });

  it('KMS with blobs in and out, CloudWatch, Logs, Secrets Manager', async () => {
    const key = JSON.parse(await ok('aws kms create-key --description mlsec-cli --tags TagKey=team,TagValue=ml')).KeyMetadata.KeyId;
    await ok(`aws kms create-alias --alias-name alias/mlsec-cli --target-key-id ${key}`);
    const blob = JSON.parse(await ok(`aws kms encrypt --key-id alias/mlsec-cli --plaintext ${Buffer.from('secret').toString('base64')} --query CiphertextBlob`));
    const plain = JSON.parse(await ok(`aws kms decrypt --ciphertext-blob ${blob} --query Plaintext`));
    expect(Buffer.from(plain, 'base64').toString()).toBe('secret');
    await ok('aws cloudwatch put-metric-data --namespace MLSec/CLI --metric-name Latency --value 12 --unit Milliseconds --dimensions EndpointName=churn');
    expect(JSON.parse(await ok('aws cloudwatch list-metrics --namespace MLSec/CLI')).Metrics[0]).toMatchObject({ MetricName: 'Latency', Dimensions: [{ Name: 'EndpointName', Value: 'churn' }] });
    await ok('aws logs create-log-group --log-group-name /mlsec/cli --tags team=ml');
    await ok('aws logs put-retention-policy --log-group-name /mlsec/cli --retention-in-days 30');
    expect(await ok(`aws logs describe-log-groups --log-group-name-prefix /mlsec/cli --query 'logGroups[0].retentionInDays'`)).toBe('30\n');
    await ok(`aws secretsmanager create-secret --name mlsec/cli/db --secret-string '{"user":"ml"}' --kms-key-id alias/mlsec-cli`);
    expect(JSON.parse(await ok('aws secretsmanager get-secret-value --secret-id mlsec/cli/db --query SecretString'))).toBe('{"user":"ml"}');
  });

  it('prints AWS errors as the CLI v2 does, with exit code 254; usage errors exit 252', async () => {
    const missing = await runAwsCommand('aws s3api get-bucket-policy --bucket mlsec-cli-no-such-bucket', options);
    expect(missing).toEqual({ exitCode: 254, stdout: '', stderr: expect.stringMatching(/^\nAn error occurred \(NoSuchBucket\) when calling the GetBucketPolicy operation: .+\n$/) });
    const usage = await runAwsCommand('aws s3api get-bucket-polcy --bucket x', options);
    expect(usage.exitCode).toBe(252);
    expect(usage.stderr).toContain('Did you mean: get-bucket-policy');
    const notices = await runAwsCommand('aws sts get-caller-identity --profile admin --query Account --output text', options);
    expect(notices.exitCode).toBe(0);
    expect(notices.stdout).toMatch(/^\d{12}\n$/);
    expect(notices.stderr).toContain('--profile is ignored');
  });

  it('reports an unreachable endpoint as a connection error (exit 255)', async () => {
    const result = await runAwsCommand('aws sts get-caller-identity', { endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    expect(result.exitCode).toBe(255);
    expect(result.stderr).toMatch(/Could not connect to the endpoint URL/);
  });
});

// --- Differential: the same lines through the real AWS CLI -----------------------------------
const haveCli = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;
if (!haveCli) console.warn('[aws-cli engine] differential test SKIPPED: the AWS CLI (aws) is not on PATH; the engine was still tested against the emulator above.');

describe.skipIf(!haveCli || !emulator)('the engine prints what the real AWS CLI prints (same endpoint, same lines)', () => {
  let home: string;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'mlsec-aws-cli-diff-'));
    // Timestamps as ISO 8601, as the CLI v2 prints them by default.
    writeFileSync(join(home, 'config'), '[default]\ncli_timestamp_format = iso8601\n');
  });
  afterAll(() => home && rmSync(home, { recursive: true, force: true }));

  const lines = [
    'aws sts get-caller-identity',
    'aws s3api list-buckets',
    'aws s3api list-objects-v2 --bucket mlsec-cli-data',
    'aws s3api get-bucket-policy --bucket mlsec-cli-data',
    'aws s3api get-public-access-block --bucket mlsec-cli-data',
    'aws iam get-role --role-name mlsec-page-3',
    'aws iam list-roles --max-items 2',
    'aws ec2 describe-vpcs --filters Name=is-default,Values=true',
    'aws ec2 describe-security-groups --group-names mlsec-cli-sg',
    'aws kms describe-key --key-id alias/mlsec-cli',
    'aws logs describe-log-groups --log-group-name-prefix /mlsec/cli',
    'aws cloudwatch list-metrics --namespace MLSec/CLI',
    "aws iam list-roles --query 'Roles[?starts_with(RoleName, `mlsec-page-`)].[RoleName,Path]' --output text",
    "aws iam list-roles --query 'Roles[?starts_with(RoleName, `mlsec-page`)].{Name:RoleName,Path:Path}' --output table",
    'aws s3api get-bucket-policy --bucket mlsec-cli-no-such-bucket',
  ];

  it.each(lines)('%s', async (line) => {
    const ours = await runAwsCommand(line, options);
    const theirs = await runCli(line, home);
    expect(ours.exitCode === 0, `${line}\nours: ${ours.stderr}\ntheirs: ${theirs.stderr}`).toBe(theirs.status === 0);
    if (theirs.status !== 0) {
      // Same message; the exit code is 254 in the CLI v2 (ours) and 255 in v1.
      expect(ours.stderr.trim()).toBe(theirs.stderr.trim());
      return;
    }
    if (line.includes('--output')) expect(ours.stdout).toBe(theirs.stdout);
    else expect(comparable(JSON.parse(ours.stdout))).toEqual(comparable(JSON.parse(theirs.stdout)));
  }, 60_000);

  function runCli(line: string, dir: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
    const argv = (line.match(/'[^']*'|\S+/g) ?? []).map((w) => w.replace(/^'(.*)'$/s, '$1'));
    const env = {
      PATH: process.env.PATH,
      HOME: dir,
      AWS_ENDPOINT_URL: emulator!.url,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
      AWS_PAGER: '',
    };
    return new Promise((resolveRun) => {
      const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => resolveRun({ status, stdout, stderr }));
    });
  }
});

/** Timestamps to whole seconds (the SDK rounds to milliseconds, botocore keeps microseconds). */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v)]));
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value)) return Math.floor(Date.parse(value) / 1000);
  return value;
}
