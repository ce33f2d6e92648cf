/** S3 buckets and objects through the real S3 client: regions, AWS's bucket errors, content, versions. */
import * as S from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { awsError, clientConfig, emulator } from './support.ts';

const A = { accessKeyId: '111122223333', secretAccessKey: 'x' };
const B = { accessKeyId: '444455556666', secretAccessKey: 'x' };

describe('S3 buckets and objects', () => {
  let emu: RunningEmulator;
  let s3: S.S3Client;
  let eu: S.S3Client;
  beforeAll(async () => {
    emu = await emulator();
    s3 = new S.S3Client({ ...clientConfig(emu.url, A), forcePathStyle: true });
    eu = new S.S3Client({ ...clientConfig(emu.url, A, 'eu-west-1'), forcePathStyle: true });
  });
  afterAll(async () => emu.stop());

  it('creates buckets with AWS region rules and errors', async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: 'train-data' }));
    await s3.send(new S.CreateBucketCommand({ Bucket: 'train-data' })); // us-east-1: the owner may repeat
    await eu.send(new S.CreateBucketCommand({ Bucket: 'eu-data', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    const owned = await awsError(() => eu.send(new S.CreateBucketCommand({ Bucket: 'eu-data', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })));
    expect(owned.name).toBe('BucketAlreadyOwnedByYou');
    expect(owned.$metadata.httpStatusCode).toBe(409);
    const taken = await awsError(() => new S.S3Client({ ...clientConfig(emu.url, B), forcePathStyle: true }).send(new S.CreateBucketCommand({ Bucket: 'train-data' })));
    expect(taken.name).toBe('BucketAlreadyExists');
    const mismatch = await awsError(() => s3.send(new S.CreateBucketCommand({ Bucket: 'x-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })));
    expect(mismatch.name).toBe('IllegalLocationConstraintException');
    expect(mismatch.message).toBe('The eu-west-1 location constraint is incompatible for the region specific endpoint this request was sent to.');
    // The SDK fills in the client's region as LocationConstraint, so send a bare request like older tools do.
    const unspecified = await fetch(`${emu.url}/x-bucket`, { method: 'PUT', headers: { authorization: 'AWS4-HMAC-SHA256 Credential=111122223333/20260101/eu-west-1/s3/aws4_request, SignedHeaders=host, Signature=x' } });
    expect(unspecified.status).toBe(400);
    expect(await unspecified.text()).toContain('<Message>The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.</Message>');
    expect((await awsError(() => s3.send(new S.CreateBucketCommand({ Bucket: 'x-bucket', CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as never } })))).name).toBe('InvalidLocationConstraint');
    for (const bad of ['UPPER', 'ab', 'a..b', '192.168.1.1', '-start', 'x'.repeat(64)]) {
      expect((await awsError(() => s3.send(new S.CreateBucketCommand({ Bucket: bad })))).name, bad).toBe('InvalidBucketName');
    }
    expect((await s3.send(new S.GetBucketLocationCommand({ Bucket: 'eu-data' }))).LocationConstraint).toBe('eu-west-1');
    expect((await s3.send(new S.GetBucketLocationCommand({ Bucket: 'train-data' }))).LocationConstraint).toBeUndefined();
    expect((await s3.send(new S.HeadBucketCommand({ Bucket: 'eu-data' }))).BucketRegion).toBe('eu-west-1');
    const list = await s3.send(new S.ListBucketsCommand({}));
    expect(list.Buckets?.map((b) => [b.Name, b.BucketRegion])).toEqual([['eu-data', 'eu-west-1'], ['train-data', 'us-east-1']]);
    expect(list.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    const missing = await awsError(() => s3.send(new S.HeadBucketCommand({ Bucket: 'nope-bucket' })));
    expect(missing.$metadata.httpStatusCode).toBe(404);
  });

  it('stores content and metadata; reads ranges and honours conditions', async () => {
    const put = await s3.send(new S.PutObjectCommand({ Bucket: 'train-data', Key: 'raw/data.csv', Body: 'a,b\n1,2\n3,4\n', ContentType: 'text/csv', Metadata: { source: 'lab' }, Tagging: 'pii=false&team=ml' }));
    expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(put.ServerSideEncryption).toBe('AES256');
    const got = await s3.send(new S.GetObjectCommand({ Bucket: 'train-data', Key: 'raw/data.csv' }));
    expect(await got.Body!.transformToString()).toBe('a,b\n1,2\n3,4\n');
    expect(got).toMatchObject({ ContentType: 'text/csv', Metadata: { source: 'lab' }, ETag: put.ETag, ContentLength: 12, TagCount: 2, ServerSideEncryption: 'AES256' });
    const range = await s3.send(new S.GetObjectCommand({ Bucket: 'train-data', Key: 'raw/data.csv', Range: 'bytes=4-6' }));
    expect(range.$metadata.httpStatusCode).toBe(206);
    expect(await range.Body!.transformToString()).toBe('1,2');
    expect(range.ContentRange).toBe('bytes 4-6/12');
    const bad = await awsError(() => s3.send(new S.GetObjectCommand({ Bucket: 'train-data', Key: 'raw/data.csv', Range: 'bytes=100-' })));
    expect(bad.name).toBe('InvalidRange');
    expect(bad.$metadata.httpStatusCode).toBe(416);
    const pre = await awsError(() => s3.send(new S.GetObjectCommand({ Bucket: 'train-data', Key: 'raw/data.csv', IfMatch: '"nope"' })));
    expect(pre.$metadata.httpStatusCode).toBe(412);
    const head = await s3.send(new S.HeadObjectCommand({ Bucket: 'train-data', Key: 'raw/data.csv' }));
    expect(head).toMatchObject({ ContentLength: 12, ContentType: 'text/csv', Metadata: { source: 'lab' } });
    const missing = await awsError(() => s3.send(new S.GetObjectCommand({ Bucket: 'train-data', Key: 'nope' })));
    expect(missing.name).toBe('NoSuchKey');
    expect((missing as { Key?: string }).Key).toBe('nope');
    expect((await s3.send(new S.GetObjectTaggingCommand({ Bucket: 'train-data', Key: 'raw/data.csv' }))).TagSet).toEqual([{ Key: 'pii', Value: 'false' }, { Key: 'team', Value: 'ml' }]);
    await s3.send(new S.PutObjectTaggingCommand({ Bucket: 'train-data', Key: 'raw/data.csv', Tagging: { TagSet: [{ Key: 'pii', Value: 'true' }] } }));
    expect((await s3.send(new S.GetObjectTaggingCommand({ Bucket: 'train-data', Key: 'raw/data.csv' }))).TagSet).toEqual([{ Key: 'pii', Value: 'true' }]);
    await s3.send(new S.DeleteObjectTaggingCommand({ Bucket: 'train-data', Key: 'raw/data.csv' }));
    const badDigest = await awsError(() => s3.send(new S.PutObjectCommand({ Bucket: 'train-data', Key: 'x', Body: 'abc', ContentMD5: Buffer.alloc(16).toString('base64') })));
    expect(badDigest.name).toBe('BadDigest');
  });

  it('copies objects, refusing a copy onto itself that changes nothing', async () => {
    const copied = await s3.send(new S.CopyObjectCommand({ Bucket: 'eu-data', Key: 'copy.csv', CopySource: 'train-data/raw/data.csv' }));
    expect(copied.CopyObjectResult?.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(await (await s3.send(new S.GetObjectCommand({ Bucket: 'eu-data', Key: 'copy.csv' }))).Body!.transformToString()).toBe('a,b\n1,2\n3,4\n');
    const self = await awsError(() => s3.send(new S.CopyObjectCommand({ Bucket: 'train-data', Key: 'raw/data.csv', CopySource: 'train-data/raw/data.csv' })));
    expect(self.name).toBe('InvalidRequest');
    await s3.send(new S.CopyObjectCommand({ Bucket: 'train-data', Key: 'raw/data.csv', CopySource: 'train-data/raw/data.csv', MetadataDirective: 'REPLACE', Metadata: { source: 'copy' }, ContentType: 'text/plain' }));
    expect((await s3.send(new S.HeadObjectCommand({ Bucket: 'train-data', Key: 'raw/data.csv' }))).Metadata).toEqual({ source: 'copy' });
    const badEncoding = await awsError(() => s3.send(new S.CopyObjectCommand({ Bucket: 'eu-data', Key: 'copy.csv', CopySource: 'train-data/raw/100%.csv' })));
    expect([badEncoding.name, badEncoding.$metadata.httpStatusCode, badEncoding.message]).toEqual(['InvalidArgument', 400, 'Invalid copy source encoding.']);
  });

  it('lists with prefixes, delimiters, paging and url encoding', async () => {
    for (const key of ['raw/a.csv', 'raw/b.csv', 'raw/sub/c.csv', 'models/m1.tar.gz', 'top.txt', 'with space.txt']) {
      await s3.send(new S.PutObjectCommand({ Bucket: 'train-data', Key: key, Body: key }));
    }
    const delim = await s3.send(new S.ListObjectsV2Command({ Bucket: 'train-data', Delimiter: '/' }));
    expect(delim.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['models/', 'raw/']);
    expect(delim.Contents?.map((c) => c.Key)).toEqual(['top.txt', 'with space.txt']);
    const raw = await s3.send(new S.ListObjectsV2Command({ Bucket: 'train-data', Prefix: 'raw/', Delimiter: '/' }));
    expect(raw.Contents?.map((c) => c.Key)).toEqual(['raw/a.csv', 'raw/b.csv', 'raw/data.csv']);
    expect(raw.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['raw/sub/']);
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new S.ListObjectsV2Command({ Bucket: 'train-data', MaxKeys: 2, ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).map((c) => c.Key!));
      expect(page.KeyCount).toBeLessThanOrEqual(2);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    expect(keys).toEqual(['models/m1.tar.gz', 'raw/a.csv', 'raw/b.csv', 'raw/data.csv', 'raw/sub/c.csv', 'top.txt', 'with space.txt']);
    const encoded = await s3.send(new S.ListObjectsV2Command({ Bucket: 'train-data', Prefix: 'with', EncodingType: 'url' }));
    expect(encoded.Contents?.[0]?.Key).toBe('with+space.txt');
    const v1 = await s3.send(new S.ListObjectsCommand({ Bucket: 'train-data', Prefix: 'raw/', MaxKeys: 1, Delimiter: '/' }));
    expect(v1.Contents?.map((c) => c.Key)).toEqual(['raw/a.csv']);
    expect(v1.NextMarker).toBe('raw/a.csv');
    expect((await awsError(() => s3.send(new S.ListObjectsV2Command({ Bucket: 'train-data', ContinuationToken: 'garbage!' })))).name).toBe('InvalidArgument');
  });

  it('assembles multipart uploads, checking order, sizes and ETags', async () => {
    const { UploadId } = await s3.send(new S.CreateMultipartUploadCommand({ Bucket: 'train-data', Key: 'big/model.bin', ContentType: 'application/octet-stream', Metadata: { stage: 'final' } }));
    expect(UploadId).toBeTruthy();
    const first = Buffer.alloc(5 * 1024 * 1024, 7);
    const p1 = await s3.send(new S.UploadPartCommand({ Bucket: 'train-data', Key: 'big/model.bin', UploadId, PartNumber: 1, Body: first }));
    const p2 = await s3.send(new S.UploadPartCommand({ Bucket: 'train-data', Key: 'big/model.bin', UploadId, PartNumber: 2, Body: 'tail' }));
    expect((await s3.send(new S.ListPartsCommand({ Bucket: 'train-data', Key: 'big/model.bin', UploadId }))).Parts?.map((p) => [p.PartNumber, p.Size])).toEqual([[1, first.length], [2, 4]]);
    expect((await s3.send(new S.ListMultipartUploadsCommand({ Bucket: 'train-data' }))).Uploads?.map((u) => u.Key)).toEqual(['big/model.bin']);
    const order = await awsError(() => s3.send(new S.CompleteMultipartUploadCommand({ Bucket: 'train-data', Key: 'big/model.bin', UploadId, MultipartUpload: { Parts: [{ PartNumber: 2, ETag: p2.ETag }, { PartNumber: 1, ETag: p1.ETag }] } })));
    expect(order.name).toBe('InvalidPartOrder');
    const wrongTag = await awsError(() => s3.send(new S.CompleteMultipartUploadCommand({ Bucket: 'train-data', Key: 'big/model.bin', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"0"' }] } })));
    expect(wrongTag.name).toBe('InvalidPart');
    const done = await s3.send(new S.CompleteMultipartUploadCommand({ Bucket: 'train-data', Key: 'big/model.bin', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.ETag }, { PartNumber: 2, ETag: p2.ETag }] } }));
    expect(done.ETag).toMatch(/^"[0-9a-f]{32}-2"$/);
    const head = await s3.send(new S.HeadObjectCommand({ Bucket: 'train-data', Key: 'big/model.bin' }));
    expect(head).toMatchObject({ ContentLength: first.length + 4, Metadata: { stage: 'final' }, ETag: done.ETag });
    const small = await s3.send(new S.CreateMultipartUploadCommand({ Bucket: 'train-data', Key: 'small.bin' }));
    const s1 = await s3.send(new S.UploadPartCommand({ Bucket: 'train-data', Key: 'small.bin', UploadId: small.UploadId, PartNumber: 1, Body: 'a' }));
    const s2 = await s3.send(new S.UploadPartCommand({ Bucket: 'train-data', Key: 'small.bin', UploadId: small.UploadId, PartNumber: 2, Body: 'b' }));
    const tooSmall = await awsError(() => s3.send(new S.CompleteMultipartUploadCommand({ Bucket: 'train-data', Key: 'small.bin', UploadId: small.UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: s1.ETag }, { PartNumber: 2, ETag: s2.ETag }] } })));
    expect(tooSmall.name).toBe('EntityTooSmall');
    await s3.send(new S.AbortMultipartUploadCommand({ Bucket: 'train-data', Key: 'small.bin', UploadId: small.UploadId }));
    const gone = await awsError(() => s3.send(new S.UploadPartCommand({ Bucket: 'train-data', Key: 'small.bin', UploadId: small.UploadId, PartNumber: 3, Body: 'c' })));
    expect(gone.name).toBe('NoSuchUpload');
    expect(gone.$metadata.httpStatusCode).toBe(404);
    await s3.send(new S.DeleteObjectCommand({ Bucket: 'train-data', Key: 'big/model.bin' }));
  });

  it('versions objects, with delete markers, and deletes in batches', async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: 'versioned' }));
    expect((await s3.send(new S.GetBucketVersioningCommand({ Bucket: 'versioned' }))).Status).toBeUndefined();
    await s3.send(new S.PutBucketVersioningCommand({ Bucket: 'versioned', VersioningConfiguration: { Status: 'Enabled' } }));
    const v1 = await s3.send(new S.PutObjectCommand({ Bucket: 'versioned', Key: 'model.bin', Body: 'v1' }));
    const v2 = await s3.send(new S.PutObjectCommand({ Bucket: 'versioned', Key: 'model.bin', Body: 'v2' }));
    expect(v1.VersionId).toBeTruthy();
    expect(v2.VersionId).not.toBe(v1.VersionId);
    expect(await (await s3.send(new S.GetObjectCommand({ Bucket: 'versioned', Key: 'model.bin', VersionId: v1.VersionId }))).Body!.transformToString()).toBe('v1');
    const del = await s3.send(new S.DeleteObjectCommand({ Bucket: 'versioned', Key: 'model.bin' }));
    expect(del.DeleteMarker).toBe(true);
    expect((await awsError(() => s3.send(new S.GetObjectCommand({ Bucket: 'versioned', Key: 'model.bin' })))).name).toBe('NoSuchKey');
    const versions = await s3.send(new S.ListObjectVersionsCommand({ Bucket: 'versioned' }));
    expect(versions.Versions?.map((v) => v.VersionId)).toEqual([v2.VersionId, v1.VersionId]);
    expect(versions.DeleteMarkers?.[0]).toMatchObject({ Key: 'model.bin', IsLatest: true, VersionId: del.VersionId });
    const notEmpty = await awsError(() => s3.send(new S.DeleteBucketCommand({ Bucket: 'versioned' })));
    expect(notEmpty.name).toBe('BucketNotEmpty');
    const batch = await s3.send(new S.DeleteObjectsCommand({ Bucket: 'versioned', Delete: { Objects: [v1, v2, del].map((v) => ({ Key: 'model.bin', VersionId: v.VersionId })) } }));
    expect(batch.Deleted?.length).toBe(3);
    await s3.send(new S.DeleteBucketCommand({ Bucket: 'versioned' }));
    expect((await awsError(() => s3.send(new S.HeadBucketCommand({ Bucket: 'versioned' })))).$metadata.httpStatusCode).toBe(404);
  });
});
