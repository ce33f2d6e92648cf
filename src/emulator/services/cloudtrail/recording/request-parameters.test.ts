/**
 * requestParameters / responseElements from typed values walked by AWS's real API shapes: lower
 * camel case, secrets hidden, blobs left out, S3 written as S3 writes it, dates in AWS's form.
 */
import { describe, expect, it } from 'vitest';
import { ServiceModel } from '../../../schema/service-model.ts';
import { HIDDEN } from './redaction.ts';
import { recordDate, requestParametersOf, responseElementsOf, s3RequestParametersOf } from './request-parameters.ts';

const model = async (pkg: string) => new ServiceModel((await import(pkg)) as Record<string, unknown>);

describe('request parameters', () => {
  it('hide Secrets Manager secret values and leave out binary ones', async () => {
    const sm = await model('@aws-sdk/client-secrets-manager');
    const params = requestParametersOf(sm.operation('CreateSecret'), { Name: 'prod/db', SecretString: '{"password":"hunter2"}', SecretBinary: Buffer.from('x'), Tags: [{ Key: 'team', Value: 'ml' }] });
    expect(params).toEqual({ name: 'prod/db', secretString: HIDDEN, tags: [{ key: 'team', value: 'ml' }] });
    expect(JSON.stringify(params)).not.toContain('hunter2');
  });

  it('leave KMS plaintexts out and keep key identifiers', async () => {
    const kms = await model('@aws-sdk/client-kms');
    expect(requestParametersOf(kms.operation('Encrypt'), { KeyId: 'alias/training', Plaintext: Buffer.from('secret'), EncryptionContext: { project: 'fraud' } })).toEqual({ keyId: 'alias/training', encryptionContext: { project: 'fraud' } });
  });

  it('hide the secret of a new IAM access key in responseElements', async () => {
    const iam = await model('@aws-sdk/client-iam');
    const out = responseElementsOf(iam.operation('CreateAccessKey'), { AccessKey: { UserName: 'ci', AccessKeyId: 'AKIAEXAMPLE', Status: 'Active', SecretAccessKey: 'wJalrXUtnFEMI', CreateDate: new Date('2026-01-05T15:04:05Z') } });
    expect(out).toEqual({ accessKey: { userName: 'ci', accessKeyId: 'AKIAEXAMPLE', status: 'Active', secretAccessKey: HIDDEN, createDate: 'Jan 5, 2026, 3:04:05 PM' } });
  });

  it('keep what AWS does not mark sensitive, such as notebook lifecycle scripts (why secrets do not belong there)', async () => {
    const sagemaker = await model('@aws-sdk/client-sagemaker');
    const script = Buffer.from('export DB_PASSWORD=x').toString('base64');
    const params = requestParametersOf(sagemaker.operation('CreateNotebookInstanceLifecycleConfig'), { NotebookInstanceLifecycleConfigName: 'setup', OnStart: [{ Content: script }] });
    expect(params).toEqual({ notebookInstanceLifecycleConfigName: 'setup', onStart: [{ content: script }] });
  });

  it('write S3 parameters the way S3 records them', async () => {
    const s3 = await model('@aws-sdk/client-s3');
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::models/*' }] };
    expect(s3RequestParametersOf(s3.operation('PutBucketPolicy'), { Bucket: 'models', Policy: JSON.stringify(policy), ContentMD5: 'abc' }, 'models.s3.amazonaws.com')).toEqual({ policy: '', bucketName: 'models', Host: 'models.s3.amazonaws.com', bucketPolicy: policy });
    expect(s3RequestParametersOf(s3.operation('PutObject'), { Bucket: 'models', Key: 'a/b.bin', Body: Buffer.from('weights'), ACL: 'public-read', SSEKMSKeyId: 'arn:aws:kms:us-east-1:1:key/k', ServerSideEncryption: 'aws:kms' }, 'h')).toEqual({
      bucketName: 'models',
      Host: 'h',
      key: 'a/b.bin',
      'x-amz-acl': 'public-read',
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:us-east-1:1:key/k',
    });
    const pab = s3RequestParametersOf(s3.operation('PutPublicAccessBlock'), { Bucket: 'models', PublicAccessBlockConfiguration: { BlockPublicAcls: false, BlockPublicPolicy: false } }, 'h');
    expect(pab).toEqual({ publicAccessBlock: '', bucketName: 'models', Host: 'h', PublicAccessBlockConfiguration: { BlockPublicAcls: false, BlockPublicPolicy: false } });
  });

  it('replace oversized parameters with a marker', async () => {
    const iam = await model('@aws-sdk/client-iam');
    const params = requestParametersOf(iam.operation('PutUserPolicy'), { UserName: 'u', PolicyName: 'p', PolicyDocument: 'x'.repeat(200 * 1024) });
    expect(params).toMatchObject({ omitted: true });
    expect(requestParametersOf(iam.operation('ListUsers'), {})).toBeNull();
  });

  it('format dates as AWS records them', () => {
    expect(recordDate(new Date('2026-03-05T00:07:09Z'))).toBe('Mar 5, 2026, 12:07:09 AM');
    expect(recordDate(new Date('2026-12-31T12:00:00Z'))).toBe('Dec 31, 2026, 12:00:00 PM');
  });
});
