/**
 * Option → SDK input mapping for each kind of value, through the public checkAwsCommand (parse and
 * map, no call). The files are a real in-memory store.
 */
import { describe, expect, it } from 'vitest';
import { checkAwsCommand } from '../check-command.ts';
import { createMemoryFileStore } from '../files/file-store.ts';

const files = createMemoryFileStore({
  'policy.json': '{"Version":"2012-10-17","Statement":[]}',
  'filters.json': '[{"Name":"vpc-id","Values":["vpc-1"]}]',
  'input.json': '{"RoleName":"from-json","MaxSessionDuration":7200}',
  'model.bin': new Uint8Array([0, 1, 2, 255]),
  'body.txt': 'hello',
  'script.sh': '#!/bin/sh\necho hi\n',
});

async function input(line: string): Promise<Record<string, unknown>> {
  const checked = await checkAwsCommand(line, { files });
  if (!checked.ok) throw new Error(checked.message);
  if (!('input' in checked)) throw new Error('help');
  return checked.input;
}

async function problem(line: string): Promise<string> {
  const checked = await checkAwsCommand(line, { files });
  if (checked.ok) throw new Error(`expected ${line} to be refused`);
  return checked.message;
}

describe('option mapping', () => {
  it('maps the operation to its SDK command', async () => {
    expect(await checkAwsCommand('aws sts get-caller-identity')).toMatchObject({ ok: true, service: 'sts', operation: 'GetCallerIdentity', command: 'GetCallerIdentityCommand' });
    expect(await checkAwsCommand('aws ec2 describe-vpc-endpoints')).toMatchObject({ ok: true, operation: 'DescribeVpcEndpoints' });
    expect(await checkAwsCommand('aws s3api list-objects-v2 --bucket b')).toMatchObject({ ok: true, operation: 'ListObjectsV2', input: { Bucket: 'b' } });
  });

  it('strings, numbers, booleans and timestamps', async () => {
    expect(await input('aws iam create-role --role-name r --assume-role-policy-document file://policy.json --max-session-duration 3600')).toEqual({
      RoleName: 'r',
      AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}',
      MaxSessionDuration: 3600,
    });
    expect(await input('aws cloudwatch get-metric-statistics --namespace N --metric-name M --start-time 2026-01-01T00:00:00Z --end-time 1767312000 --period 60 --statistics Average')).toMatchObject({
      StartTime: new Date('2026-01-01T00:00:00Z'),
      EndTime: new Date(1767312000 * 1000),
      Period: 60,
      Statistics: ['Average'],
    });
    expect(await problem('aws iam create-role --role-name r --assume-role-policy-document x --max-session-duration soon')).toMatch(/expected a number, got "soon"/);
    expect(await problem('aws cloudwatch get-metric-statistics --namespace N --metric-name M --start-time yesterday --end-time 1 --period 60')).toMatch(/not a timestamp/);
  });

  it('--flag / --no-flag booleans, and EC2\'s {"Value": …} booleans', async () => {
    expect(await input('aws ec2 describe-vpcs --dry-run')).toEqual({ DryRun: true });
    expect(await input('aws ec2 describe-vpcs --no-dry-run')).toEqual({ DryRun: false });
    expect(await input('aws ec2 modify-vpc-attribute --vpc-id vpc-1 --enable-dns-hostnames')).toEqual({ VpcId: 'vpc-1', EnableDnsHostnames: { Value: true } });
    expect(await input('aws ec2 modify-vpc-attribute --vpc-id vpc-1 --no-enable-dns-hostnames')).toEqual({ VpcId: 'vpc-1', EnableDnsHostnames: { Value: false } });
    expect(await input('aws ec2 modify-vpc-attribute --vpc-id vpc-1 --enable-dns-support Value=true')).toEqual({ VpcId: 'vpc-1', EnableDnsSupport: { Value: true } });
    expect(await problem('aws ec2 describe-vpcs --dry-run --no-dry-run')).toMatch(/contradict/);
    expect(await problem('aws ec2 describe-vpcs --dry-run=yes')).toMatch(/flag and takes no value/);
  });

  it('lists: space-separated values, or one JSON list', async () => {
    expect(await input('aws ec2 describe-vpcs --vpc-ids vpc-1 vpc-2')).toEqual({ VpcIds: ['vpc-1', 'vpc-2'] });
    expect(await input(`aws ec2 describe-vpcs --vpc-ids '["vpc-1","vpc-2"]'`)).toEqual({ VpcIds: ['vpc-1', 'vpc-2'] });
  });

  it('shorthand: structures, lists of structures separated by spaces, nested {} and []', async () => {
    expect(await input('aws ec2 describe-vpcs --filters Name=tag:Env,Values=prod,dev Name=is-default,Values=false')).toEqual({
      Filters: [
        { Name: 'tag:Env', Values: ['prod', 'dev'] },
        { Name: 'is-default', Values: ['false'] },
      ],
    });
    expect(await input('aws iam tag-role --role-name r --tags Key=team,Value=ml Key=env,Value=lab')).toEqual({
      RoleName: 'r',
      Tags: [
        { Key: 'team', Value: 'ml' },
        { Key: 'env', Value: 'lab' },
      ],
    });
    expect(await input('aws s3api put-public-access-block --bucket b --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true')).toEqual({
      Bucket: 'b',
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    });
    expect(await input('aws s3api put-bucket-encryption --bucket b --server-side-encryption-configuration Rules=[{ApplyServerSideEncryptionByDefault={SSEAlgorithm=aws:kms,KMSMasterKeyID=alias/x},BucketKeyEnabled=true}]')).toEqual({
      Bucket: 'b',
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/x' }, BucketKeyEnabled: true }] },
    });
    expect(await input('aws sagemaker add-tags --resource-arn arn:x --tags Key=a,Value=b')).toEqual({ ResourceArn: 'arn:x', Tags: [{ Key: 'a', Value: 'b' }] });
  });

  it('maps: shorthand and JSON', async () => {
    expect(await input('aws logs tag-log-group --log-group-name g --tags team=ml,env=lab')).toEqual({ logGroupName: 'g', tags: { team: 'ml', env: 'lab' } });
    expect(await input(`aws logs tag-log-group --log-group-name g --tags '{"team":"ml"}'`)).toEqual({ logGroupName: 'g', tags: { team: 'ml' } });
  });

  it('JSON values are checked against the model, with the path to the problem', async () => {
    expect(await input(`aws ec2 describe-vpcs --filters '[{"Name":"vpc-id","Values":["vpc-1"]}]'`)).toEqual({ Filters: [{ Name: 'vpc-id', Values: ['vpc-1'] }] });
    expect(await input('aws ec2 describe-vpcs --filters file://filters.json')).toEqual({ Filters: [{ Name: 'vpc-id', Values: ['vpc-1'] }] });
    expect(await problem(`aws ec2 describe-vpcs --filters '[{"Nme":"vpc-id"}]'`)).toMatch(/--filters\[0\]: unknown key "Nme"; Filter has Name, Values\. Did you mean: Name\?/);
    expect(await problem(`aws ec2 describe-vpcs --filters '[{"Name":"vpc-id","Values":"vpc-1"}]'`)).toMatch(/--filters\[0\]\.Values: expected a list, got string/);
    expect(await problem(`aws iam tag-role --role-name r --tags '[{"Key":"a"}]'`)).toMatch(/--tags\[0\]: missing required key "Value"/);
    expect(await problem(`aws ec2 describe-vpcs --filters '[{"Name":}]'`)).toMatch(/invalid JSON/);
  });

  it('a structure of one string member named Value may be given bare', async () => {
    expect(await input('aws ec2 modify-instance-attribute --instance-id i-1 --instance-initiated-shutdown-behavior stop')).toMatchObject({ InstanceInitiatedShutdownBehavior: { Value: 'stop' } });
  });

  it('blobs: base64 (the CLI v2 default), fileb:// bytes, or raw text with --cli-binary-format raw-in-base64-out', async () => {
    expect(await input('aws kms encrypt --key-id alias/k --plaintext aGVsbG8=')).toEqual({ KeyId: 'alias/k', Plaintext: new Uint8Array(Buffer.from('hello')) });
    expect(await input('aws kms encrypt --key-id alias/k --plaintext fileb://model.bin')).toEqual({ KeyId: 'alias/k', Plaintext: new Uint8Array([0, 1, 2, 255]) });
    expect(await input('aws kms encrypt --key-id alias/k --plaintext hello --cli-binary-format raw-in-base64-out')).toEqual({ KeyId: 'alias/k', Plaintext: new Uint8Array(Buffer.from('hello')) });
    expect(await problem('aws kms encrypt --key-id alias/k --plaintext hello!')).toMatch(/invalid base64.*raw-in-base64-out/s);
  });

  it('streaming input: s3api put-object --body is a file of the session', async () => {
    expect(await input('aws s3api put-object --bucket b --key k --body body.txt')).toEqual({ Bucket: 'b', Key: 'k', Body: new Uint8Array(Buffer.from('hello')) });
    expect(await problem('aws s3api put-object --bucket b --key k --body missing.txt')).toMatch(/no file named missing\.txt\. Files here: body\.txt/);
  });

  it('streaming output: s3api get-object needs its outfile argument', async () => {
    expect(await checkAwsCommand('aws s3api get-object --bucket b --key k out.bin', { files })).toMatchObject({ ok: true, input: { Bucket: 'b', Key: 'k' } });
    expect(await problem('aws s3api get-object --bucket b --key k')).toMatch(/required: outfile/);
  });

  it('--cli-input-json, overridden by options on the command line', async () => {
    expect(await input('aws iam create-role --cli-input-json file://input.json --assume-role-policy-document {} --role-name from-line')).toEqual({
      RoleName: 'from-line',
      MaxSessionDuration: 7200,
      AssumeRolePolicyDocument: '{}',
    });
    expect(await problem(`aws iam create-role --cli-input-json '{"RoleNme":"x"}'`)).toMatch(/unknown key "RoleNme".*Did you mean: RoleName/s);
  });

  it('customisations: ec2 run-instances --user-data is base64-encoded; put-metric-data shortcuts; renamed options', async () => {
    expect(await input('aws ec2 run-instances --image-id ami-1 --min-count 1 --max-count 1 --user-data file://script.sh')).toMatchObject({ UserData: Buffer.from('#!/bin/sh\necho hi\n').toString('base64') });
    expect(await input('aws cloudwatch put-metric-data --namespace N --metric-name Latency --value 12.5 --unit Milliseconds --dimensions Endpoint=e1')).toEqual({
      Namespace: 'N',
      MetricData: [{ MetricName: 'Latency', Value: 12.5, Unit: 'Milliseconds', Dimensions: [{ Name: 'Endpoint', Value: 'e1' }] }],
    });
    expect(await input('aws ec2 create-network-acl-entry --network-acl-id a --rule-number 100 --protocol -1 --rule-action allow --ingress --cidr-block 0.0.0.0/0')).toMatchObject({ Egress: false, Protocol: '-1' });
  });

  it('required options are named; unknown ones get the closest names', async () => {
    expect(await problem('aws s3api put-bucket-policy --bucket b')).toMatch(/the following arguments are required: --policy/);
    expect(await problem('aws s3api put-bucket-policy --bucket b --polcy x')).toMatch(/--polcy is not an option of aws s3api put-bucket-policy\. Did you mean: --policy\?/);
    expect(await problem('aws s3api put-bucket-polcy --bucket b')).toMatch(/Did you mean: put-bucket-policy/);
    expect(await problem('aws sagemakr list-endpoints')).toMatch(/Did you mean: sagemaker/);
    expect(await problem('aws s3 ls')).toMatch(/aws s3api/);
    expect(await problem('aws ec2 describe-vpcs --filters')).toMatch(/--filters needs at least one value/);
    expect(await problem('aws ec2 describe-vpcs --vpc-ids a --vpc-ids b')).toMatch(/given twice/);
  });

  it('pagination options: --max-items, --starting-token, --page-size; the service\'s own token turns paging off', async () => {
    expect(await problem('aws iam list-roles --no-paginate --page-size 5')).toMatch(/--no-paginate cannot be combined with --page-size/);
    // IAM's own MaxItems is reachable again under --no-paginate.
    expect(await input('aws iam list-roles --no-paginate --max-items 5')).toEqual({ MaxItems: 5 });
    expect(await input('aws iam list-roles --max-items 5')).toEqual({});
  });

  it('refuses or ignores global options that would leave the session', async () => {
    expect(await problem('aws sts get-caller-identity --no-sign-request')).toMatch(/always signed/);
    expect(await problem('aws sts get-caller-identity --output xml')).toMatch(/"xml" is not a valid choice; choose from json, text, table, yaml/);
  });
});

describe('blob payload outputs', () => {
  it('sagemaker-runtime invoke-endpoint takes an outfile, as the CLI', async () => {
    expect(await checkAwsCommand('aws sagemaker-runtime invoke-endpoint --endpoint-name e --body e30= out.json')).toMatchObject({ ok: true, input: { EndpointName: 'e', Body: new Uint8Array([123, 125]) } });
    expect(await checkAwsCommand('aws sagemaker-runtime invoke-endpoint --endpoint-name e --body e30=')).toMatchObject({ ok: false, message: expect.stringMatching(/required: outfile/) });
  });
});
