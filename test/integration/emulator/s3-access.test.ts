/**
 * Who may reach S3 data: bucket policies (validation, IsPublic), Block Public Access at bucket and
 * account level and its effect on PutBucketPolicy/ACLs, ACLs and Object Ownership.
 */
import * as S from '@aws-sdk/client-s3';
import { DeletePublicAccessBlockCommand, GetPublicAccessBlockCommand, PutPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const ACCOUNT = '121212121212';
const KEYS = { accessKeyId: ACCOUNT, secretAccessKey: 'x' };
const policy = (statement: Record<string, unknown>) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const publicRead = policy({ Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::lab-data/*' });

describe('S3 access controls', () => {
  let emu: RunningEmulator;
  let s3: S.S3Client;
  let control: S3ControlClient;
  beforeAll(async () => {
    emu = await emulator();
    s3 = new S.S3Client({ ...clientConfig(emu.url, KEYS), forcePathStyle: true });
    control = new S3ControlClient({ ...clientConfig(emu.url, KEYS), endpointProvider: () => ({ url: new URL(emu.url) }) });
    await s3.send(new S.CreateBucketCommand({ Bucket: 'lab-data' }));
  });
  afterAll(async () => emu.stop());

  it('creates buckets that block public access, enforce bucket ownership and encrypt by default', async () => {
    expect((await s3.send(new S.GetPublicAccessBlockCommand({ Bucket: 'lab-data' }))).PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    expect((await s3.send(new S.GetBucketOwnershipControlsCommand({ Bucket: 'lab-data' }))).OwnershipControls?.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    expect((await s3.send(new S.GetBucketEncryptionCommand({ Bucket: 'lab-data' }))).ServerSideEncryptionConfiguration?.Rules).toEqual([{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }]);
  });

  it('refuses a public policy while BlockPublicPolicy is on, and accepts it once off', async () => {
    const blocked = await awsError(() => s3.send(new S.PutBucketPolicyCommand({ Bucket: 'lab-data', Policy: publicRead })));
    expect(blocked.name).toBe('AccessDenied');
    expect(blocked.$metadata.httpStatusCode).toBe(403);
    expect(blocked.message).toContain('because public policies are blocked by the BlockPublicPolicy block public access setting');
    await s3.send(new S.PutPublicAccessBlockCommand({ Bucket: 'lab-data', PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false } }));
    await s3.send(new S.PutBucketPolicyCommand({ Bucket: 'lab-data', Policy: publicRead }));
    expect((await s3.send(new S.GetBucketPolicyCommand({ Bucket: 'lab-data' }))).Policy).toBe(publicRead);
    expect((await s3.send(new S.GetBucketPolicyStatusCommand({ Bucket: 'lab-data' }))).PolicyStatus?.IsPublic).toBe(true);
  });

  it('applies the account-level (S3 Control) setting on top of the bucket one', async () => {
    expect((await awsError(() => control.send(new GetPublicAccessBlockCommand({ AccountId: ACCOUNT })))).name).toBe('NoSuchPublicAccessBlockConfiguration');
    await control.send(new PutPublicAccessBlockCommand({ AccountId: ACCOUNT, PublicAccessBlockConfiguration: { BlockPublicPolicy: true } }));
    expect((await control.send(new GetPublicAccessBlockCommand({ AccountId: ACCOUNT }))).PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: false });
    expect((await awsError(() => s3.send(new S.PutBucketPolicyCommand({ Bucket: 'lab-data', Policy: publicRead })))).name).toBe('AccessDenied');
    expect((await awsError(() => control.send(new GetPublicAccessBlockCommand({ AccountId: '999999999999' })))).name).toBe('AccessDenied');
    await control.send(new DeletePublicAccessBlockCommand({ AccountId: ACCOUNT }));
  });

  it('computes IsPublic as S3 defines public', async () => {
    await new IAMClient(clientConfig(emu.url, KEYS)).send(new CreateRoleCommand({ RoleName: 'Reader', AssumeRolePolicyDocument: policy({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }) }));
    const cases: [string, boolean][] = [
      [policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Reader` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::lab-data/*' }), false],
      [policy({ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 's3:*', Resource: ['arn:aws:s3:::lab-data', 'arn:aws:s3:::lab-data/*'] }), false],
      [policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::lab-data/*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0abc1234' } } }), false],
      [policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::lab-data/*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/16' } } }), false],
      [policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::lab-data/*', Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } }), true],
      [policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::lab-data/*', Condition: { StringLike: { 'aws:SourceVpce': 'vpce-*' } } }), true],
      [policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::lab-data/*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }), true],
      [policy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::lab-data', 'arn:aws:s3:::lab-data/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }), false],
    ];
    for (const [doc, expected] of cases) {
      await s3.send(new S.PutBucketPolicyCommand({ Bucket: 'lab-data', Policy: doc }));
      expect((await s3.send(new S.GetBucketPolicyStatusCommand({ Bucket: 'lab-data' }))).PolicyStatus?.IsPublic, doc).toBe(expected);
    }
    await s3.send(new S.DeleteBucketPolicyCommand({ Bucket: 'lab-data' }));
    const none = await awsError(() => s3.send(new S.GetBucketPolicyCommand({ Bucket: 'lab-data' })));
    expect(none.name).toBe('NoSuchBucketPolicy');
    expect(none.$metadata.httpStatusCode).toBe(404);
    expect((await awsError(() => s3.send(new S.GetBucketPolicyStatusCommand({ Bucket: 'lab-data' })))).name).toBe('NoSuchBucketPolicy');
  });

  it('validates bucket policies with S3 messages', async () => {
    const cases: [string, string][] = [
      ['not json', "Policies must be valid JSON and the first byte must be '{'"],
      [policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::lab-data/*' }), 'Missing required field Principal'],
      [policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::other-bucket/*' }), 'Policy has invalid resource'],
      [policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Ghost` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::lab-data/*' }), 'Invalid principal in policy'],
      [policy({ Effect: 'Allow', Principal: '*', Action: 'iam:PassRole', Resource: 'arn:aws:s3:::lab-data/*' }), 'Policy has invalid action'],
      [policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::lab-data' }), 'Action does not apply to any resource(s) in statement'],
    ];
    for (const [doc, message] of cases) {
      const error = await awsError(() => s3.send(new S.PutBucketPolicyCommand({ Bucket: 'lab-data', Policy: doc })));
      expect(error.name, doc).toBe('MalformedPolicy');
      expect(error.message, doc).toBe(message);
      expect(error.$metadata.httpStatusCode).toBe(400);
    }
  });

  it('disables ACLs under BucketOwnerEnforced, and blocks public ACLs under BlockPublicAcls', async () => {
    const acl = await s3.send(new S.GetBucketAclCommand({ Bucket: 'lab-data' }));
    expect(acl.Grants).toEqual([{ Grantee: { Type: 'CanonicalUser', ID: acl.Owner?.ID }, Permission: 'FULL_CONTROL' }]);
    const disabled = await awsError(() => s3.send(new S.PutBucketAclCommand({ Bucket: 'lab-data', ACL: 'public-read' })));
    expect(disabled.name).toBe('AccessControlListNotSupported');
    expect(disabled.message).toBe('The bucket does not allow ACLs');
    expect((await awsError(() => s3.send(new S.PutObjectCommand({ Bucket: 'lab-data', Key: 'k', Body: 'x', ACL: 'public-read' })))).name).toBe('AccessControlListNotSupported');
    await s3.send(new S.PutObjectCommand({ Bucket: 'lab-data', Key: 'k', Body: 'x', ACL: 'bucket-owner-full-control' }));
    await s3.send(new S.PutBucketOwnershipControlsCommand({ Bucket: 'lab-data', OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }));
    const blocked = await awsError(() => s3.send(new S.PutBucketAclCommand({ Bucket: 'lab-data', ACL: 'public-read' })));
    expect(blocked.name).toBe('AccessDenied');
    expect(blocked.message).toContain('BlockPublicAcls');
    await s3.send(new S.PutPublicAccessBlockCommand({ Bucket: 'lab-data', PublicAccessBlockConfiguration: { BlockPublicAcls: false } }));
    await s3.send(new S.PutBucketAclCommand({ Bucket: 'lab-data', ACL: 'public-read' }));
    const publicAcl = await s3.send(new S.GetBucketAclCommand({ Bucket: 'lab-data' }));
    expect(publicAcl.Grants).toContainEqual({ Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' });
    const back = await awsError(() => s3.send(new S.PutBucketOwnershipControlsCommand({ Bucket: 'lab-data', OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } })));
    expect(back.name).toBe('InvalidBucketAclWithObjectOwnership');
    await s3.send(new S.PutBucketAclCommand({ Bucket: 'lab-data', ACL: 'private' }));
    await s3.send(new S.PutObjectAclCommand({ Bucket: 'lab-data', Key: 'k', ACL: 'public-read' }));
    expect((await s3.send(new S.GetObjectAclCommand({ Bucket: 'lab-data', Key: 'k' }))).Grants?.length).toBe(2);
    await s3.send(new S.DeleteBucketOwnershipControlsCommand({ Bucket: 'lab-data' }));
    expect((await awsError(() => s3.send(new S.GetBucketOwnershipControlsCommand({ Bucket: 'lab-data' })))).name).toBe('OwnershipControlsNotFoundError');
    await s3.send(new S.DeletePublicAccessBlockCommand({ Bucket: 'lab-data' }));
    expect((await awsError(() => s3.send(new S.GetPublicAccessBlockCommand({ Bucket: 'lab-data' })))).name).toBe('NoSuchPublicAccessBlockConfiguration');
  });
});
